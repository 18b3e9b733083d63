/*
 * cond.h -- condition expressions of catalogue.md ("Real standards"):
 * declared condition codes joined by `and`, `or`, `not` and parentheses.
 * `not` binds tightest, then `and`, then `or`.
 *
 * Parsing needs no catalogue: codes are resolved to their index among the
 * catalogue's conditions afterwards (validation), so an unknown code is
 * reported at its own column like a malformed expression.
 */
#ifndef CF_COND_H
#define CF_COND_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

enum cf_cond_op {
	CF_COND_CODE,
	CF_COND_NOT,
	CF_COND_AND,
	CF_COND_OR
};

struct cf_cond {
	enum cf_cond_op	 op;
	const char	*code;		/* CF_COND_CODE */
	size_t		 idx;		/* its condition, once resolved */
	size_t		 offset;	/* CF_COND_CODE: characters into the text */
	int		 line, col;	/* CF_COND_CODE: where, for messages */
	struct cf_cond	*l, *r;		/* NOT uses l only */
};

/* Nesting of parentheses and `not` an expression may use. */
#define CF_COND_MAX_DEPTH	32
/* Codes one expression may name (its operators are fewer). */
#define CF_COND_MAX_CODES	256

/*
 * Parses an expression into the arena.  On error returns NULL, sets *msg
 * to a static description and *offset to the character (not byte) offset
 * of the fault from the start of the text.
 */
struct cf_cond	*cf_cond_parse(struct cf_arena *, const char *text,
		    const char **msg, size_t *offset);

/* Its value for condition values indexed like the catalogue's list. */
bool		 cf_cond_eval(const struct cf_cond *, const bool *values);

/* Calls fn for each code in text order (resolution, listing). */
void		 cf_cond_walk(struct cf_cond *,
		    void (*fn)(struct cf_cond *, void *), void *ctx);

#endif
