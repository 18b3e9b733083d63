/*
 * inputs.h -- load and validate one catalogue and its responses files,
 * the first step of every command that reads them (validate, build).
 */
#ifndef CF_INPUTS_H
#define CF_INPUTS_H

#include "model.h"

struct cf_inputs {
	struct cf_catalogue	 *cat;		/* NULL: unreadable */
	struct cf_responses	**resp;		/* NULL entries: unreadable */
	size_t			  nresp;
	bool			 *resp_ok;	/* [nresp]: it and the
						   catalogue are valid */
};

/*
 * Loads and validates everything, reporting every problem.  Returns true
 * when no error was found, i.e. the model may be rendered and gated.
 */
bool	 cf_inputs_load(struct cf_inputs *, const char *catalogue,
	    char *const *responses, size_t nresponses);
void	 cf_inputs_free(struct cf_inputs *);

#endif
