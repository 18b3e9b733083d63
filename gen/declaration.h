/*
 * declaration.h -- the content of a declaration of conformity, as data.
 *
 * cf_decl_build() gathers, once per product, every fact a declaration
 * states (declaration.md, "What a declaration contains") from the model
 * and the gate's verdict; the four renderers (render.h) only lay it out,
 * so the Markdown, HTML, PDF and JSON forms cannot disagree, and evidence
 * files are hashed once, as read, for all of them.
 *
 * A declaration built from a refused verdict is a draft: it can be
 * rendered (`--draft`), but every form then says so.  Nothing here
 * decides eligibility; the verdict does.
 */
#ifndef CF_DECLARATION_H
#define CF_DECLARATION_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "gate.h"
#include "hash.h"
#include "model.h"
#include "util.h"
#include "value.h"
#include "wording.h"

struct cf_render_opts;

struct cf_locale;

#define CF_DECL_SCHEMA	"cfgen/declaration/1"
#define CF_DECL_WATERMARK "DRAFT \xe2\x80\x94 NOT A DECLARATION OF CONFORMITY"

/* An advisory (non-required) requirement whose answer does not meet it. */
struct cf_decl_advisory {
	const struct cf_requirement	*req;
	const struct cf_category	*category;
	const struct cf_answer		*answer;	/* its note explains */
};

/* An applicable mandatory requirement answered not applicable (NA). */
struct cf_decl_na {
	const struct cf_requirement	*req;
	const struct cf_category	*category;	/* as it applies */
	const struct cf_answer		*answer;	/* its justification */
};

enum cf_decl_role {
	CF_DECL_CATALOGUE,
	CF_DECL_TRANSLATION,	/* of the catalogue, into the language */
	CF_DECL_RESPONSES,
	CF_DECL_EVIDENCE
};

/* One hashed input file. */
struct cf_decl_file {
	enum cf_decl_role	 role;
	/* Relative to the responses file's folder, always. */
	const char		*path;
	char			 sha256[CF_SHA256_HEX];
	const char		**reqs;		/* evidence: cited by */
	size_t			 nreqs;
};

struct cf_decl {
	struct cf_arena			 arena;
	const struct cf_catalogue	*cat;
	const struct cf_responses	*resp;
	const struct cf_verdict		*verdict;
	const char			*id;	/* <prod>-r<rev>-<cat>-<ver> */
	bool				 draft;	/* the verdict refused it */
	const struct cf_class		*cls;	/* the claimed class */
	const struct cf_applic		*applic; /* NULL: none claimed */
	const char			*generated;	/* YYYY-MM-DD */
	const char			*lang;	/* the documents' language tag */
	const struct cf_locale		*loc;	/* and its messages */
	/* The statements, as sentences only when written (wording.h). */
	struct cf_msg			 responsibility;
	struct cf_msg			 conformity;
	struct cf_msg			 basis;		/* what it rests on */
	size_t				 applicable, not_assessed;
	size_t				*by_code; /* [cat->nanswers] totals */
	struct cf_decl_advisory		*advisories;
	size_t				 nadvisories;
	struct cf_decl_na		*nas;
	size_t				 nnas;
	const char			**checklists;	/* file names */
	size_t				 nchecklists;
	struct cf_decl_file		*files;	/* catalogue, translation, */
	size_t				 nfiles;	/* responses, evidence */
};

/*
 * Builds the declaration of resp; checklist_exts lists the formats of the
 * completed checklist written beside it ("md", "html", "pdf"; NULL ends);
 * opts gives the generation time, the language and the translation read.
 * Returns 0, or -1 after a diagnostic when an input file can no longer be
 * read to be hashed (an operating-system error).
 */
int	 cf_decl_build(const struct cf_catalogue *, const struct cf_responses *,
	    const struct cf_verdict *, const char *const *checklist_exts,
	    const struct cf_render_opts *, struct cf_decl *);
void	 cf_decl_free(struct cf_decl *);

/*
 * The key to the answer codes, "C: Compliant. PC: ...", in a; each item
 * is the message CF_MSG_DECL_ANSWER_KEY_ITEM.
 */
const char	*cf_decl_answer_key(struct cf_arena *a, const struct cf_decl *);

/* "<id>-declaration.<ext>", or "<id>-declaration-DRAFT.<ext>" (draft). */
const char	*cf_decl_filename(struct cf_decl *, const char *ext,
		    bool draft);
/*
 * The file of a form: "<id>-declaration.<ext>" (full),
 * "<id>-declaration-simplified.<ext>", "<id>-statement-of-compliance.<ext>",
 * each with "-DRAFT" before the extension for a draft.
 */
const char	*cf_decl_form_filename(struct cf_decl *, enum cf_form,
		    const char *ext, bool draft);
/* The same for a declaration known by its id only (verify). */
const char	*cf_decl_file_of(struct cf_arena *, const char *id,
		    enum cf_form, const char *ext, bool draft);
/* The legislation titles as one list ("A, B and C"), in a. */
const char	*cf_decl_legislation_list(struct cf_arena *a,
		    const struct cf_decl *);
/* The statements of the simplified form and the PSTI statement. */
void		 cf_decl_simplified(const struct cf_decl *, struct cf_arena *,
		    struct cf_msg *statement, struct cf_msg *url);
void		 cf_decl_psti(const struct cf_decl *, struct cf_msg *prepared,
		    struct cf_msg *compliance, struct cf_msg *support);

/*
 * The template data of the Markdown and HTML forms: the view of view.h
 * for the product, plus `declaration` (doc/declaration-schema.md, "Template
 * variables").  Allocated in a.
 */
struct cf_value	*cf_decl_view(struct cf_arena *a, const struct cf_decl *,
		    const struct cf_render_opts *);

/* Names in the JSON: blocker kinds ("not-assessed"), file roles. */
const char	*cf_decl_blocker_name(enum cf_blocker_kind);
const char	*cf_decl_role_name(enum cf_decl_role);

/*
 * The path of file, relative to the folder of the file `from`, both as
 * given (relative to the working directory, or absolute): always
 * relative, so no path of the building machine appears in a declaration.
 * NULL with errno set when a folder cannot be resolved.  Allocated in a.
 */
const char	*cf_decl_relpath(struct cf_arena *a, const char *from,
		    const char *file);

#endif
