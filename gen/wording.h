/*
 * wording.h -- every sentence cfgen writes about a gate finding or in a
 * declaration's statements, made from data at the last moment.
 *
 * The gate (gate.c) and the declaration (declaration.c) record what they
 * found as a cf_msg: a message id, and named values (a requirement id, a
 * category title, a date) with where each came from.  Only a renderer or
 * a diagnostic turns a cf_msg into a sentence, with the pattern of its
 * name in a message catalogue (locale.h: English for diagnostics, the
 * document's language in documents), so a sentence is never built in
 * one place and taken apart in another, and the stages that decide what
 * is said know no language.
 *
 * Patterns name their values in braces: "requirement {req} is applicable
 * but not answered".  A message may have a singular pattern, used when
 * its count is 1.
 */
#ifndef CF_WORDING_H
#define CF_WORDING_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

struct cf_locale;

enum cf_msg_id {
	/* Gate findings (declaration.md, "The gate"). */
	CF_MSG_NOT_ASSESSED,
	CF_MSG_REQUIRED_NOT_MET,
	CF_MSG_NO_EVIDENCE,
	CF_MSG_NO_NOTE,
	CF_MSG_NO_DECLARATION,
	CF_MSG_REVIEW,
	CF_MSG_DATE_BEFORE_RELEASE,
	CF_MSG_DATE_BEFORE_ANSWERS,
	CF_MSG_FORM_NEEDS,
	/* The statements of a declaration. */
	CF_MSG_DECL_RESPONSIBILITY,
	CF_MSG_DECL_CONFORMITY,
	CF_MSG_DECL_CONFORMITY_APPLIC,
	CF_MSG_DECL_CONFORMITY_PLAIN,	/* the class's title is its number */
	CF_MSG_DECL_CONFORMITY_PLAIN_APPLIC,
	CF_MSG_DECL_BASIS_ALL,
	CF_MSG_DECL_BASIS_PART,
	CF_MSG_DECL_ANSWER_KEY_ITEM,
	CF_MSG_DECL_FINDINGS,		/* a draft's list of findings */
	CF_MSG_DECL_ADVISORIES_MET,
	CF_MSG_DECL_NO_NOTE,
	CF_MSG_DECL_NO_SIGNATORY,
	CF_MSG_DECL_INTEGRITY_NOTE,
	CF_MSG_DECL_LEGISLATION,	/* CRA Annex V, point 5 */
	CF_MSG_DECL_STANDARDS,		/* point 6 */
	CF_MSG_DECL_NOT_APPLICABLE,
	CF_MSG_LIST_COMMA,		/* joining a list of names */
	CF_MSG_LIST_AND,
	/* The simplified declaration (CRA Annex VI). */
	CF_MSG_SIMPLIFIED,
	CF_MSG_SIMPLIFIED_MODEL,
	CF_MSG_SIMPLIFIED_URL,
	/* The UK PSTI statement of compliance (SI 2023/1007, Schedule 4). */
	CF_MSG_PSTI_PREPARED,
	CF_MSG_PSTI_COMPLIANCE,
	CF_MSG_PSTI_SUPPORT,
	CF_MSG_COUNT
};

/* How a value is written: a language may write dates and numbers its way. */
enum cf_arg_kind {
	CF_ARG_TEXT,		/* words: titles, names */
	CF_ARG_ID,		/* an identifier or code, never translated */
	CF_ARG_NUMBER,
	CF_ARG_DATE
};

struct cf_msg_arg {
	const char		*name;		/* as the pattern names it */
	enum cf_arg_kind	 kind;
	const char		*text;		/* TEXT, ID */
	long			 num;		/* NUMBER */
	struct cf_date		 date;		/* DATE */
	struct cf_src		 src;		/* of text; file NULL: none */
};

#define CF_MSG_MAXARGS	8

struct cf_msg {
	enum cf_msg_id		 id;
	long			 count;		/* 1 picks the singular */
	size_t			 nargs;
	struct cf_msg_arg	 args[CF_MSG_MAXARGS];
};

/* Starts m as message id, without values (count -1: no plural). */
void		 cf_msg_init(struct cf_msg *m, enum cf_msg_id id);
/* Adds a value; text must outlive m.  src may be NULL. */
void		 cf_msg_text(struct cf_msg *m, const char *name,
		    enum cf_arg_kind kind, const char *text,
		    const struct cf_src *src);
void		 cf_msg_num(struct cf_msg *m, const char *name, long n);
void		 cf_msg_date(struct cf_msg *m, const char *name,
		    const struct cf_date *d);
/* The value named name, or NULL. */
const struct cf_msg_arg *cf_msg_get(const struct cf_msg *m,
		    const char *name);

/* The message's stable name ("gate.not-assessed"), for message catalogues. */
const char	*cf_msg_name(enum cf_msg_id id);
/* Its English pattern, singular when count is 1 and it has one. */
const char	*cf_msg_pattern_en(enum cf_msg_id id, long count);
/* Its pattern in loc (NULL: English), the plural form count picks. */
const char	*cf_msg_pattern_in(const struct cf_locale *loc,
		    enum cf_msg_id id, long count);

/*
 * Appends m written with pattern to b: "{name}" takes the value of that
 * name; any other brace is copied as it is.
 */
void		 cf_msg_format(struct cf_buf *b, const char *pattern,
		    const struct cf_msg *m);
/* m as an English sentence, appended to b, or allocated in a. */
void		 cf_msg_put(struct cf_buf *b, const struct cf_msg *m);
const char	*cf_msg_str(struct cf_arena *a, const struct cf_msg *m);
/* m in the language of loc (NULL: English), dates as it writes them. */
void		 cf_msg_put_in(struct cf_buf *b, const struct cf_locale *loc,
		    const struct cf_msg *m);
const char	*cf_msg_str_in(struct cf_arena *a,
		    const struct cf_locale *loc, const struct cf_msg *m);

#endif
