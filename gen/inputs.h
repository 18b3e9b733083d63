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
 * The same, letting each responses model go once it is validated, so
 * that memory does not grow with the number of products (cli.md
 * "Memory"): resp[] is all NULL after it.  cf_inputs_reload() gives one
 * back when it is needed.
 */
bool	 cf_inputs_load_lean(struct cf_inputs *, const char *catalogue,
	    char *const *responses, size_t nresponses);
/*
 * cf_inputs_load_lean() that first hands each responses model found
 * valid to each(), so that what is needed of it is taken in the one
 * reading (validate's verdicts).  resp_ok[i] may still turn false after
 * it: two files for one product revision are found when all were read.
 */
typedef void	 cf_inputs_each_fn(void *ctx, const struct cf_inputs *,
		    size_t i, const struct cf_responses *);
bool	 cf_inputs_load_each(struct cf_inputs *, const char *catalogue,
	    char *const *responses, size_t nresponses, cf_inputs_each_fn *,
	    void *ctx);
/*
 * Responses file i read and validated again, silently, for one use
 * (caller frees with cf_responses_free()); NULL after an error naming it
 * when it is no longer the file that was validated.  Thread-safe.
 */
struct cf_responses *cf_inputs_reload(const struct cf_inputs *, size_t i);
void	 cf_inputs_free(struct cf_inputs *);

#endif
