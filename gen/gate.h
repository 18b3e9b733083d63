/*
 * gate.h -- may a declaration be issued?  (declaration.md "The gate")
 *
 * A pure function of the model: it prints nothing.  `validate` and `build`
 * both call cf_gate() and report its blockers with cf_gate_report(), so
 * the two commands can never disagree.
 */
#ifndef CF_GATE_H
#define CF_GATE_H

#include <stdio.h>

#include "model.h"
#include "wording.h"

enum cf_blocker_kind {
	CF_BLOCK_NOT_ASSESSED,		/* applicable, no answer */
	CF_BLOCK_REQUIRED_NOT_MET,	/* required category, PC / N */
	CF_BLOCK_NO_EVIDENCE,		/* required category, C, no evidence */
	CF_BLOCK_NO_NOTE,		/* advisory PC / N without a note */
	CF_BLOCK_NO_DECLARATION,	/* no `declaration:` block */
	CF_BLOCK_REVIEW,		/* `review: true` */
	CF_BLOCK_DATE,			/* declared before release or answers */
	CF_BLOCK_FORM			/* a form asked for lacks a key (0.2) */
};

struct cf_blocker {
	enum cf_blocker_kind		 kind;
	const struct cf_requirement	*req;	/* NULL for file-level kinds */
	struct cf_pos			 pos;	/* line 0: file-level */
	struct cf_msg			 msg;	/* what to say (wording.h) */
};

/* Per-section tally of applicable requirements by answer code. */
struct cf_tally {
	const struct cf_section	*section;
	size_t			 applicable;
	size_t			 not_assessed;
	size_t			*by_code;	/* [catalogue nanswers] */
};

struct cf_blocker_run;

struct cf_verdict {
	struct cf_arena		 arena;
	bool			 can_issue;
	struct cf_blocker	*blockers;	/* catalogue order; file last */
	size_t			 nblockers;
	struct cf_tally		*tallies;	/* one per section, in order */
	size_t			 ntallies;
	struct cf_blocker_run	*runs;		/* by requirement, sorted */
	size_t			 nruns;
};

void	 cf_gate(const struct cf_catalogue *, const struct cf_responses *,
	    struct cf_verdict *);
void	 cf_verdict_free(struct cf_verdict *);

/*
 * What renderers ask per requirement and section, without a scan per
 * question: the blockers of one requirement (returns how many, *first
 * the first of them), and the tally of one section of the catalogue.
 */
size_t	 cf_verdict_blockers(const struct cf_verdict *,
	    const struct cf_requirement *, const struct cf_blocker **first);
const struct cf_tally *cf_verdict_tally(const struct cf_verdict *,
	    const struct cf_catalogue *, const struct cf_section *);
/* Blockers as warnings, then the verdict line on standard output. */
void	 cf_gate_report(const struct cf_responses *, const struct cf_verdict *,
	    FILE *out);

/*
 * The same report kept as text, to be given once the responses and the
 * verdict are gone (validate reads each responses file once and reports
 * after all of them were checked); cf_gate_report() is these three.
 */
struct cf_gate_text {
	char		 *path;
	struct cf_pos	 *pos;		/* [n]: of each blocker */
	char		**msg;		/* [n]: what it says */
	size_t		  n;
	char		 *line;		/* the verdict, newline included */
};
void	 cf_gate_text(const struct cf_responses *, const struct cf_verdict *,
	    struct cf_gate_text *);
void	 cf_gate_text_report(const struct cf_gate_text *, FILE *out);
void	 cf_gate_text_free(struct cf_gate_text *);

/*
 * Each valid responses file's verdict as text, taken while the file is
 * in memory: a cf_inputs_each_fn (inputs.h) whose ctx is an array of
 * nresp zeroed struct cf_gate_text; an entry whose line is still NULL
 * was not taken.  build and validate read each responses file once to
 * check it and judge it, and report once all were checked.
 */
struct cf_inputs;
void	 cf_gate_take_text(void *ctx, const struct cf_inputs *, size_t i,
	    const struct cf_responses *);

#endif
