/*
 * inputs.c -- loading a catalogue with its responses files.
 */
#include "inputs.h"

#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "validate.h"

/* Errors and system errors reported so far. */
static unsigned
problems(void)
{
	return cf_diag_count(CF_ERROR) + cf_diag_count(CF_SYSERR);
}

/* Two answers files for one product revision would write one folder. */
static void
check_unique_products(struct cf_inputs *in)
{
	size_t	 i, j;

	for (i = 0; i < in->nresp; i++) {
		const struct cf_responses *a = in->resp[i];

		if (a == NULL || a->product.id.s == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct cf_responses *b = in->resp[j];

			if (b == NULL || b->product.id.s == NULL ||
			    strcmp(a->product.id.s, b->product.id.s) != 0 ||
			    a->revision != b->revision)
				continue;
			cf_diag(CF_ERROR, a->path, a->product.id.pos.line,
			    a->product.id.pos.col, "product %s revision %ld "
			    "is also given by %s", a->product.id.s,
			    a->revision, b->path);
			in->resp_ok[i] = false;
			break;
		}
	}
}

bool
cf_inputs_load(struct cf_inputs *in, const char *catalogue,
    char *const *responses, size_t n)
{
	unsigned	 before = problems(), mark;
	bool		 cat_ok;
	size_t		 i;

	memset(in, 0, sizeof(*in));
	in->resp = cf_xcalloc(n + 1, sizeof(*in->resp));
	in->resp_ok = cf_xcalloc(n + 1, sizeof(*in->resp_ok));
	in->nresp = n;
	if ((in->cat = cf_catalogue_load(catalogue)) != NULL)
		cf_validate_catalogue(in->cat);
	cat_ok = in->cat != NULL && problems() == before;
	for (i = 0; i < n; i++) {
		mark = problems();
		in->resp[i] = cf_responses_load(responses[i]);
		/* Responses can only be checked against a sound catalogue. */
		if (in->resp[i] != NULL && cat_ok)
			cf_validate_responses(in->cat, in->resp[i]);
		in->resp_ok[i] = cat_ok && in->resp[i] != NULL &&
		    problems() == mark;
	}
	check_unique_products(in);
	return in->cat != NULL && problems() == before;
}

void
cf_inputs_free(struct cf_inputs *in)
{
	size_t	 i;

	cf_catalogue_free(in->cat);
	for (i = 0; i < in->nresp; i++)
		cf_responses_free(in->resp[i]);
	free(in->resp);
	free(in->resp_ok);
	memset(in, 0, sizeof(*in));
}
