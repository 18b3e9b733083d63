/*
 * diff.h -- what changed between two releases of one catalogue, as data
 * (releases.md "Diff").
 *
 * The comparison is computed once and read by three consumers: the change
 * report (Markdown and HTML), the one-line-per-change summary, and
 * `cfgen migrate`, which decides per answer whether it is carried over
 * untouched, flagged for review or removed.  Nothing here prints.
 *
 * Requirements are matched by id; texts are compared after folding white
 * space, so re-wrapping a paragraph is not a change.
 */
#ifndef CF_DIFF_H
#define CF_DIFF_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "model.h"
#include "util.h"

/* What happened to one requirement id (a bit set). */
enum {
	CF_RD_ADDED	= 1 << 0,	/* id new in NEW */
	CF_RD_VANISHED	= 1 << 1,	/* id in OLD, not in NEW: an error */
	CF_RD_STATUS	= 1 << 2,	/* active / reserved / withdrawn */
	CF_RD_TEXT	= 1 << 3,	/* both active, folded texts differ */
	CF_RD_CLASS	= 1 << 4,
	CF_RD_CATEGORY	= 1 << 5,
	CF_RD_APPLIC	= 1 << 6,
	CF_RD_CONDITION	= 1 << 7,	/* the condition expression */
	CF_RD_TITLE	= 1 << 8	/* the requirement's name */
};

/*
 * The changes that ask a manufacturer to look at an answer again (a new
 * name alone does not: what is asked is the text).
 */
#define CF_RD_REVIEW	(CF_RD_TEXT | CF_RD_CLASS | CF_RD_CATEGORY | \
			 CF_RD_APPLIC | CF_RD_CONDITION)

struct cf_req_diff {
	const char			*id;
	const struct cf_requirement	*old;	/* NULL: added */
	const struct cf_requirement	*new;	/* NULL: vanished */
	unsigned			 changes;	/* CF_RD_* */
	unsigned			 stricter;	/* subset of changes */
};

/* Changes to the rest of the release: sections and definitions. */
enum cf_change_kind {
	CF_CHG_CATALOGUE,	/* title, publisher, url, licence, notice */
	CF_CHG_SECTION,
	CF_CHG_CLASS,
	CF_CHG_CATEGORY,
	CF_CHG_ANSWER
};

enum cf_change_op {
	CF_OP_ADDED,
	CF_OP_REMOVED,
	CF_OP_CHANGED
};

struct cf_change {
	enum cf_change_kind	 kind;
	enum cf_change_op	 op;
	const char		*id;	/* section id, class id, code */
	const char		*what;	/* CHANGED: the field ("title") */
	const char		*was;	/* CHANGED: old value as text */
	const char		*now;	/* ADDED, CHANGED: new value as text */
	bool			 md;	/* was/now are md fields */
	bool			 stricter;
};

struct cf_diff {
	struct cf_arena			 arena;
	const struct cf_catalogue	*old, *new;
	struct cf_req_diff		*reqs;	/* changed ids only */
	size_t				 nreqs;
	struct cf_req_diff		**byid;	/* reqs sorted by id */
	struct cf_change		*other;
	size_t				 nother;
	size_t				 nvanished;
};

/*
 * Compares two loaded, valid releases of one catalogue.  Requirements come
 * in NEW's document order, then the vanished ones in OLD's order; the other
 * changes follow the order of catalogue.md (catalogue, sections, classes,
 * categories, answers).
 */
void	 cf_diff_compute(struct cf_diff *, const struct cf_catalogue *old,
	    const struct cf_catalogue *new);
void	 cf_diff_free(struct cf_diff *);

/* The entry for a requirement id, or NULL when it did not change. */
const struct cf_req_diff *cf_diff_find(const struct cf_diff *, const char *id);

/* One change in words: "requirement" "2.3.1.8" "class 1 -> 2". */
struct cf_diff_line {
	const char	*kind;	/* requirement, section, class, ... */
	const char	*id;
	const char	*text;
	bool		 stricter;
	bool		 error;	/* a vanished id */
};

/* Every change in the order above; arrow joins old and new values. */
size_t	 cf_diff_lines(const struct cf_diff *, struct cf_arena *,
	    const char *arrow, struct cf_diff_line **);

/* One line per change, each naming the requirement (or section ...) id. */
void	 cf_diff_summary(const struct cf_diff *, struct cf_buf *);

/* Labels shared by the report, the summary and migrate's comments. */
const char *cf_diff_status_name(enum cf_req_status);
/* "TBD", "all" or the codes, comma-separated; in the arena. */
const char *cf_diff_applic_label(struct cf_arena *,
	    const struct cf_requirement *);
/* "Mandatory (M)": a requirement's category with its title. */
const char *cf_diff_category_label(struct cf_arena *,
	    const struct cf_catalogue *, const struct cf_requirement *);

/*
 * Every run of white space as one space, none at either end; NEL, LS and
 * PS count as white space (they break lines in YAML 1.1).
 */
char	*cf_fold_space(struct cf_arena *, const char *);

/*
 * A word diff of two texts (words split at white space), as runs of words
 * that are common, deleted or inserted; each run's words are joined by one
 * space.  Common prefix and suffix are matched first; the longest common
 * subsequence of what is left is computed while it stays under a size
 * bound, beyond which the middle is reported as one deletion and one
 * insertion.  Deletions come before insertions at the same place.
 */
enum cf_wd_op {
	CF_WD_SAME,
	CF_WD_DEL,
	CF_WD_INS
};

struct cf_wd_run {
	enum cf_wd_op	 op;
	const char	*text;
};

size_t	 cf_word_diff(struct cf_arena *, const char *old, const char *new,
	    struct cf_wd_run **runs);

/* The change report, one whole document per format. */
struct cf_diff_render {
	time_t		 generated;	/* SOURCE_DATE_EPOCH, else now */
};

void	 cf_diff_render_md(const struct cf_diff *,
	    const struct cf_diff_render *, struct cf_buf *);
void	 cf_diff_render_html(const struct cf_diff *,
	    const struct cf_diff_render *, struct cf_buf *);

#endif
