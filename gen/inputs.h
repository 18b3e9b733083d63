/*
 * inputs.h -- load and validate one catalogue and its responses files,
 * the first step of every command that reads them (validate, build).
 */
#ifndef CF_INPUTS_H
#define CF_INPUTS_H

#include "model.h"

struct cf_inputs {
	struct cf_catalogue	 *cat;		/* NULL: unreadable */
	bool			  cat_ok;	/* read and valid */
	struct cf_responses	**resp;		/* NULL entries: unreadable,
						   or let go (lean) */
	size_t			  nresp;
	bool			 *resp_ok;	/* [nresp]: it and the
						   catalogue are valid */
	char			**paths;	/* [nresp], as given */
	char			(*sha256)[65];	/* [nresp], as validated */
	char			**langs;	/* [nresp]: `lang:` or NULL */
	struct cf_pos		 *lang_pos;	/* [nresp]: of its value */
};

/*
 * Loads and validates everything, reporting every problem.  Returns true
 * when no error was found, i.e. the model may be rendered and gated.
 */
bool	 cf_inputs_load(struct cf_inputs *, const char *catalogue,
	    char *const *responses, size_t nresponses);
/*
 * The same, letting each responses model but the first `keep` go once it
 * is validated, so that memory does not grow with the number of products
 * (cli.md "Memory"), and first handing each model found valid to each(),
 * so that what is needed of it is taken in the one reading (verdicts).
 * resp_ok[i] may still turn false after it: two files for one product
 * revision are found when all were read.  cf_inputs_take() gives a model
 * back when it is needed.
 */
typedef void	 cf_inputs_each_fn(void *ctx, const struct cf_inputs *,
		    size_t i, const struct cf_responses *);
bool	 cf_inputs_load_each(struct cf_inputs *, const char *catalogue,
	    char *const *responses, size_t nresponses, size_t keep,
	    cf_inputs_each_fn *, void *ctx);
/*
 * Responses file i read and validated again, silently, for one use
 * (caller frees with cf_responses_free()); NULL after an error naming it
 * when it is no longer the file that was validated.  Thread-safe.
 */
struct cf_responses *cf_inputs_reload(const struct cf_inputs *, size_t i);
/*
 * Responses file i for one use, the caller's to free: the model kept
 * from the first reading, else cf_inputs_reload().  Thread-safe for
 * different i.
 */
struct cf_responses *cf_inputs_take(struct cf_inputs *, size_t i);
void	 cf_inputs_free(struct cf_inputs *);

#endif
