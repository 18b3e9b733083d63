/*
 * model.h -- the one document model every stage after loading reads.
 *
 * The loader (load.h) fills these structures from YAML; nothing downstream
 * re-reads YAML.  Positions are kept wherever a later stage (validation,
 * the gate, migrate) must point a diagnostic at the source.  All memory
 * belongs to the document's arena.
 */
#ifndef CF_MODEL_H
#define CF_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/* 1-based line and column (columns count Unicode characters). */
struct cf_pos {
	int	 line;
	int	 col;
};

struct cf_date {
	int	 year, month, day;	/* year == 0: not given */
};

/* A text value with where it came from. */
struct cf_str {
	const char	*s;		/* NULL when absent */
	struct cf_pos	 pos;
};

struct cf_class {
	long		 id;
	const char	*title;
	const char	*description;	/* md, may be NULL */
	const char	*confidentiality; /* objectives; NULL when absent */
	const char	*integrity;
	const char	*availability;
	struct cf_pos	 pos;
};

struct cf_category {
	const char	*code;
	const char	*title;
	bool		 required;
	struct cf_pos	 pos;
};

struct cf_applic {
	const char	*code;
	const char	*title;
	struct cf_pos	 pos;
};

struct cf_answer_code {
	const char	*code;
	const char	*title;
	const char	**aliases;
	struct cf_pos	*alias_pos;	/* [naliases] */
	size_t		 naliases;
	bool		 meets;
	bool		 needs_justification;
	struct cf_pos	 pos;
};

struct cf_reference {
	const char	*title;
	const char	*url;
};

enum cf_req_status {
	CF_STATUS_ACTIVE,
	CF_STATUS_RESERVED,
	CF_STATUS_WITHDRAWN
};

struct cf_section;
struct cf_ydoc;

struct cf_requirement {
	struct cf_str		 id;
	const char		*text;		/* md; "" for reserved */
	long			 class_id;
	size_t			 class_idx;	/* index in catalogue classes */
	const char		*category;
	size_t			 category_idx;
	bool			 applic_tbd;	/* `applicability: TBD` */
	const char		**applicability; /* codes; none = all */
	struct cf_pos		*applic_item_pos; /* [napplicability] */
	size_t			 napplicability;
	const char		*guidance;	/* md, may be NULL */
	const char		**keywords;
	size_t			 nkeywords;
	struct cf_reference	*references;
	size_t			 nreferences;
	enum cf_req_status	 status;
	const char		*note;		/* md, may be NULL */
	const struct cf_section	*section;
	struct cf_pos		 pos;		/* the list item */
	struct cf_pos		 class_pos, category_pos;
	struct cf_pos		 text_pos;
};

struct cf_section {
	struct cf_str		 id;
	const char		*title;
	const char		*intro;		/* md, may be NULL */
	struct cf_requirement	*reqs;
	size_t			 nreqs;
	struct cf_pos		 pos;
};

struct cf_catalogue {
	struct cf_arena		 arena;
	const char		*path;		/* as given on the command line */
	char			 sha256[65];	/* of the bytes as read */
	const char		*id;
	const char		*title;
	const char		*publisher;
	const char		*version;
	struct cf_date		 released;
	const char		*url;		/* may be NULL */
	const char		*licence;	/* md, may be NULL */
	const char		*notice;	/* md, may be NULL */
	struct cf_class		*classes;	/* lowest first */
	size_t			 nclasses;
	struct cf_category	*categories;
	size_t			 ncategories;
	struct cf_applic	*applics;
	size_t			 napplics;
	struct cf_answer_code	*answers;	/* the default four if absent */
	size_t			 nanswers;
	bool			 answers_default;
	struct cf_section	*sections;
	size_t			 nsections;
	struct cf_pos		 id_pos, version_pos;
	/* of the values; line 0 where the loader did not record one */
	struct cf_pos		 title_pos, publisher_pos, url_pos;
	struct cf_pos		 licence_pos, notice_pos;
};

enum cf_evidence_kind {
	CF_EVIDENCE_URL,
	CF_EVIDENCE_PATH
};

struct cf_evidence {
	const char		*ref;		/* as written */
	enum cf_evidence_kind	 kind;
	struct cf_pos		 pos;
};

struct cf_answer {
	struct cf_str		 req_id;	/* the key in `answers` */
	const struct cf_requirement *req;	/* NULL: unknown id */
	struct cf_str		 code;		/* as written (may be alias) */
	const struct cf_answer_code *acode;	/* NULL: unknown code */
	struct cf_evidence	*evidence;
	size_t			 nevidence;
	const char		*note;		/* md, may be NULL */
	const char		*justification;	/* md, may be NULL */
	bool			 review;
};

struct cf_manufacturer {
	const char	*name;
	const char	*address;
	const char	*contact;		/* may be NULL */
	const char	*url;			/* may be NULL */
	/* of the values; line 0 where the loader did not record one */
	struct cf_pos	 name_pos, address_pos, contact_pos, url_pos;
};

struct cf_product {
	struct cf_str		 id;
	const char		*name;
	const char		*model;		/* may be NULL */
	const char		*version;	/* may be NULL */
	const char		*description;	/* md, may be NULL */
	struct cf_date		 support_until;	/* year 0: not given */
	struct cf_manufacturer	 manufacturer;
	/* of the values; line 0 where the loader did not record one */
	struct cf_pos		 name_pos, model_pos, version_pos;
	struct cf_pos		 description_pos;
};

struct cf_claim {
	long		 class_id;
	size_t		 class_idx;	/* valid once validated */
	struct cf_str	 applicability;	/* .s NULL: none named */
	struct cf_pos	 class_pos;
};

struct cf_declaration {
	bool		 present;
	const char	*name;
	const char	*role;
	const char	*place;
	struct cf_date	 date;
	struct cf_pos	 pos;		/* the `declaration:` key */
	struct cf_pos	 date_pos;
	/* of the values; line 0 where the loader did not record one */
	struct cf_pos	 name_pos, role_pos, place_pos;
};

struct cf_responses {
	struct cf_arena		 arena;
	const char		*path;		/* as given */
	char			 sha256[65];	/* of the bytes as read */
	/* The parsed file, for migrate to edit the very bytes validated. */
	const struct cf_ydoc	*doc;
	const char		*dir;		/* folder evidence resolves in */
	struct cf_str		 catalogue;
	struct cf_str		 version;
	long			 revision;
	struct cf_date		 date;
	struct cf_product	 product;
	struct cf_claim		 claim;
	struct cf_answer	*answers;	/* in file order */
	size_t			 nanswers;
	struct cf_answer	**by_id;	/* the same, sorted by id */
	struct cf_pos		 answers_pos;	/* the `answers:` key */
	struct cf_declaration	 decl;
	bool			 matches_catalogue; /* id and version agree */
};

/* Lookups over a loaded catalogue; NULL / (size_t)-1 when absent. */
const struct cf_requirement *cf_catalogue_find_req(const struct cf_catalogue *,
		    const char *id);
size_t		 cf_catalogue_class_idx(const struct cf_catalogue *, long id);
const struct cf_answer_code *cf_catalogue_answer(const struct cf_catalogue *,
		    const char *code_or_alias);
/* Sorts the answers into by_id once they are all read; find needs it. */
void		 cf_responses_index(struct cf_responses *);
const struct cf_answer *cf_responses_find(const struct cf_responses *,
		    const char *req_id);

/* Does an active requirement apply to a claim? (catalogue.md semantics) */
bool		 cf_applies(const struct cf_catalogue *,
		    const struct cf_requirement *, const struct cf_claim *);

/* How many requirements a claim of that class must answer. */
size_t		 cf_class_applicable(const struct cf_catalogue *,
		    size_t class_idx);

/* "1 and above" style label for a requirement's class. */
const char	*cf_class_label(const struct cf_requirement *, char *buf,
		    size_t sz);

/* YYYY-MM-DD into buf (at least 11 bytes). */
const char	*cf_date_str(const struct cf_date *, char *buf);
int		 cf_date_cmp(const struct cf_date *, const struct cf_date *);

#endif
