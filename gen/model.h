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

#include "cond.h"
#include "util.h"

/* 1-based line and column (columns count Unicode characters). */
struct cf_pos {
	int	 line;
	int	 col;
};

/*
 * Where a text came from, for warnings about it (a character no font can
 * draw): the file, the position, and how a message names the value.
 */
struct cf_src {
	const char	*file;		/* NULL: cfgen's own text */
	struct cf_pos	 pos;		/* line 0: the file as a whole */
	const char	*what;		/* "requirement 2.3.1.4" */
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

/* A fact about a product that decides applicability (catalogue.md 0.2). */
struct cf_condition {
	const char	*code;
	const char	*title;
	const char	*description;	/* md, may be NULL */
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

/* What a nested requirement took from its parent, not its own keys. */
#define CF_INHERIT_CLASS	0x1u	/* class or levels */
#define CF_INHERIT_CATEGORY	0x2u
#define CF_INHERIT_BELOW	0x4u
#define CF_INHERIT_CONDITION	0x8u

/* Deepest nesting of requirements: four levels, the top one included. */
#define CF_REQ_MAX_DEPTH	4

struct cf_requirement {
	struct cf_str		 id;
	const char		*title;		/* plain text, may be NULL */
	const char		*text;		/* md; "" for reserved */
	long			 class_id;	/* -1 with levels */
	size_t			 class_idx;	/* index in catalogue classes */
	bool			 has_levels;	/* `levels` instead of `class` */
	long			*levels;	/* class ids, as written */
	struct cf_pos		*level_pos;	/* [nlevels] */
	size_t			*level_idx;	/* [nlevels], once validated */
	size_t			 nlevels;
	const char		*category;
	size_t			 category_idx;
	const char		*below;		/* category below `class` */
	size_t			 below_idx;
	struct cf_str		 condition;	/* the expression as written */
	struct cf_cond		*cond;		/* parsed; NULL: none */
	unsigned		 inherited;	/* CF_INHERIT_* */
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
	const struct cf_requirement *parent;	/* NULL: top level */
	struct cf_requirement	*children;	/* nested `requirements` */
	size_t			 nchildren;
	unsigned		 depth;		/* 0: top level */
	size_t			 index;		/* in the catalogue's reqs */
	struct cf_pos		 pos;		/* the list item */
	struct cf_pos		 class_pos, category_pos, below_pos;
	struct cf_pos		 text_pos, levels_pos;
};

struct cf_section {
	struct cf_str		 id;
	const char		*title;
	const char		*intro;		/* md, may be NULL */
	struct cf_requirement	*reqs;		/* top level only */
	size_t			 nreqs;
	/* Its requirements, children included, in the catalogue's reqs. */
	size_t			 first, count;
	struct cf_pos		 pos;
};

/* A name (id, code) and what it names, in a sorted lookup table. */
struct cf_named {
	const char	*key;
	size_t		 idx;
};

struct cf_classref {
	long	 id;
	size_t	 idx;
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
	struct cf_condition	*conditions;
	size_t			 nconditions;
	struct cf_section	*sections;
	size_t			 nsections;
	/*
	 * The one index of the catalogue (cf_catalogue_index), which every
	 * later stage uses: all requirements in document order, each child
	 * right after its parent (and its own children); and sorted tables
	 * for lookups by id and code, entries whose name is missing left out.
	 */
	const struct cf_requirement **reqs;
	size_t			 nreqs;
	struct cf_named		*req_ids;	/* idx into reqs */
	size_t			 nreq_ids;
	struct cf_named		*section_ids;	/* idx into sections */
	size_t			 nsection_ids;
	struct cf_classref	*class_ids;	/* idx into classes */
	size_t			 nclass_ids;
	struct cf_named		*category_codes, *applic_codes;
	size_t			 ncategory_codes, napplic_codes;
	struct cf_named		*condition_codes;
	size_t			 ncondition_codes;
	struct cf_named		*answer_codes;	/* codes and aliases */
	size_t			 nanswer_codes;
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
	struct cf_pos		 justification_pos;
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
	struct cf_pos		 description_pos, support_until_pos;
};

/* One entry of `claim.conditions`. */
struct cf_claim_cond {
	struct cf_str	 code;
	bool		 value;
};

struct cf_claim {
	long		 class_id;
	size_t		 class_idx;	/* valid once validated */
	struct cf_str	 applicability;	/* .s NULL: none named */
	struct cf_claim_cond *conds;	/* as written */
	size_t		 nconds;
	struct cf_pos	 conds_pos;	/* the `conditions:` key; line 0: none */
	/*
	 * By the catalogue's condition index, once validated.  NULL: the
	 * product's conditions are not known (a class alone, as in a blank
	 * checklist or the guide): a conditional requirement may apply.
	 */
	bool		*cond_values;
	struct cf_pos	 pos, class_pos;
};

/* A piece of legislation the product is declared to conform to. */
struct cf_legislation {
	const char	*title;
	const char	*reference;	/* NULL when not given */
	struct cf_pos	 title_pos, reference_pos;
};

/* A standard or specification applied. */
struct cf_standard {
	const char	*id;
	const char	*title, *version, *date;	/* NULL: not given */
	int		 harmonised;	/* -1 not given, 0 false, 1 true */
	struct cf_pos	 id_pos, title_pos, version_pos, date_pos;
};

/* The documents a declaration is written as (declaration.md, "Forms"). */
enum cf_form {
	CF_FORM_FULL,
	CF_FORM_SIMPLIFIED,	/* CRA Annex VI */
	CF_FORM_PSTI,		/* UK statement of compliance */
	CF_FORM_COUNT
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
	/* The regulatory content (0.2); NULL / 0 when not given. */
	const char	*url;
	const char	*identification;
	const char	*procedure;
	struct cf_pos	 url_pos, identification_pos, procedure_pos;
	struct cf_legislation *legislation;
	size_t		 nlegislation;
	struct cf_standard *standards;
	size_t		 nstandards;
	struct {
		const char	*name, *number, *certificate;
		struct cf_pos	 pos, name_pos, number_pos, certificate_pos;
	} notified_body;		/* name NULL: none */
	struct {
		const char	*name, *address;
		struct cf_pos	 pos, name_pos, address_pos;
	} representative;		/* name NULL: none */
	/* Forms asked for; without `forms:`, the full one only. */
	bool		 forms[CF_FORM_COUNT];
	struct cf_pos	 form_pos[CF_FORM_COUNT];	/* each entry */
	struct cf_pos	 forms_pos;	/* the `forms:` key; line 0: none */
};

/* A form's name in `forms:` and in file names' documentation. */
const char	*cf_form_name(enum cf_form);

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
	struct cf_str		 lang;		/* `lang:`; .s NULL: none */
	bool			 matches_catalogue; /* id and version agree */
};

#define CF_NONE	((size_t)-1)

/*
 * Builds the catalogue's index (the loader does, once every key is read):
 * document order, section ranges, depths and the sorted lookup tables.
 */
void		 cf_catalogue_index(struct cf_catalogue *);

/* Lookups over a loaded catalogue; NULL / CF_NONE when absent. */
const struct cf_requirement *cf_catalogue_find_req(const struct cf_catalogue *,
		    const char *id);
const struct cf_section *cf_catalogue_find_section(const struct cf_catalogue *,
		    const char *id);
size_t		 cf_catalogue_class_idx(const struct cf_catalogue *, long id);
size_t		 cf_catalogue_category_idx(const struct cf_catalogue *,
		    const char *code);
size_t		 cf_catalogue_applic_idx(const struct cf_catalogue *,
		    const char *code);
size_t		 cf_catalogue_condition_idx(const struct cf_catalogue *,
		    const char *code);
/* The first entry of that name in a sorted table, or CF_NONE. */
size_t		 cf_named_find(const struct cf_named *, size_t n,
		    const char *key);
const struct cf_answer_code *cf_catalogue_answer(const struct cf_catalogue *,
		    const char *code_or_alias);
/* Sorts the answers into by_id once they are all read; find needs it. */
void		 cf_responses_index(struct cf_responses *);
const struct cf_answer *cf_responses_find(const struct cf_responses *,
		    const char *req_id);

/* Why a requirement does or does not apply to a claim. */
/* The shortest justification of a mandatory requirement answered NA. */
#define CF_NA_MIN_CHARS	20

enum cf_scope {
	CF_SCOPE_APPLIES,
	CF_SCOPE_INACTIVE,	/* reserved or withdrawn */
	CF_SCOPE_CLASS,		/* outside the claim's class (or levels) */
	CF_SCOPE_MARKET,	/* outside the claim's applicability code */
	CF_SCOPE_CONDITION	/* its condition is false for the product */
};

/*
 * Applicability of a requirement to a claim (catalogue.md "Class
 * semantics" and "Real standards"): class or levels, `below`,
 * applicability codes, condition.  The one place these rules live.
 * Where it applies, *category_idx (when not NULL) is the category it
 * applies as: its `below` category for a claim under its class.
 */
enum cf_scope	 cf_scope(const struct cf_catalogue *,
		    const struct cf_requirement *, const struct cf_claim *,
		    size_t *category_idx);
bool		 cf_applies(const struct cf_catalogue *,
		    const struct cf_requirement *, const struct cf_claim *);
/* A claim of one class, naming no applicability code nor conditions. */
struct cf_claim	 cf_class_claim(size_t class_idx);

/*
 * How many requirements a claim of that class must answer.  Conditional
 * requirements count (they apply unless the product's conditions say
 * otherwise).
 */
size_t		 cf_class_applicable(const struct cf_catalogue *,
		    size_t class_idx);
/*
 * The requirement counts every document prints, nested ones included:
 * all requirements (whatever their status) of one section (NULL: all);
 * active ones, of one category (CF_NONE: any).  The one place they are
 * counted.
 */
size_t		 cf_count_reqs(const struct cf_catalogue *,
		    const struct cf_section *);
size_t		 cf_count_active(const struct cf_catalogue *,
		    const struct cf_section *, size_t category_idx);

/*
 * The requirement an in-page link of an md field names ("#au-2" in
 * guidance imported from OSCAL, "#req-AC-2", "#AC-2(1)"), or NULL: its
 * anchor form, its id, or its id in lower case with "(n)" written ".n"
 * (OSCAL's control ids); an OSCAL part id ("#ac-2_smt.a") names its
 * control.
 */
const struct cf_requirement *cf_catalogue_find_fragment(
		    const struct cf_catalogue *, const char *fragment);
/*
 * The same as richtext.h's anchor resolver (ctx: the catalogue): the
 * requirement's element id ("req-AC-2"), malloc'd, or NULL.
 */
char		*cf_catalogue_anchor(void *ctx, const char *fragment);

/*
 * Whether documents show applicability per requirement: the catalogue
 * names applicability codes, or a requirement says TBD.  Otherwise every
 * requirement applies to every market and an "All" on each says nothing.
 */
bool		 cf_catalogue_has_applicability(const struct cf_catalogue *);

/*
 * An id as it may appear in an HTML anchor or a file name: a space
 * (the only character of an id that may not) becomes '_', which no id
 * contains, so distinct ids keep distinct slugs.  In the arena.
 */
const char	*cf_id_slug(struct cf_arena *, const char *id);

/*
 * The first byte that makes id no id of catalogue.md (letters and
 * digits, then also . _ ( ) - ' and single spaces, none at the end), or
 * NULL: the one rule the loader and the OSCAL importer hold ids to, each
 * wording its error its own way.
 */
const char	*cf_id_fault_at(const char *id);

/*
 * A requirement's classes in words: "1 and above", "1, 2" (levels),
 * "none" (`levels: []`), "" (a withdrawn one that names none).
 * Truncated to sz.
 */
const char	*cf_class_label(const struct cf_requirement *, char *buf,
		    size_t sz);
/* "AC-2 Account management": id and title, for listings; in the arena. */
const char	*cf_req_label(struct cf_arena *, const struct cf_requirement *);

/*
 * A section's number as its heading prints it: the id, spelled as the
 * ids of its requirements begin ("AC" for OSCAL's group "ac", whose
 * controls are AC-1, AC-2, ...), else the id as it is.  The id itself
 * stays what anchors, file names and diagnostics use.  In the arena.
 */
const char	*cf_section_number(struct cf_arena *,
		    const struct cf_section *);

/*
 * Does a class's title only repeat its number ("Class 2", "Klasse 2",
 * "2")?  Then a sentence that already says "class 2" leaves it out.
 */
bool		 cf_class_title_is_number(const struct cf_class *);

/*
 * An applicability by its title, its code after it only when that says
 * something more: "Consumer (consumer-eu)", but "Consumer" for the
 * code "consumer".  In the arena.
 */
const char	*cf_applic_name(struct cf_arena *, const struct cf_applic *);

/* YYYY-MM-DD into buf (at least 11 bytes). */
const char	*cf_date_str(const struct cf_date *, char *buf);
int		 cf_date_cmp(const struct cf_date *, const struct cf_date *);

#endif
