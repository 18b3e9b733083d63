/*
 * inputs.c -- loading a catalogue with its responses files.
 */
#include "inputs.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "validate.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_DUP_ID

/* Errors and system errors reported so far. */
static unsigned
problems(void)
{
	return cf_diag_count(CF_ERROR) + cf_diag_count(CF_SYSERR);
}

/* What tells two responses files for one product revision apart. */
struct ident {
	char		*id;		/* NULL: none read */
	long		 revision;
	struct cf_pos	 pos;
};

/* Two answers files for one product revision would write one folder. */
static void
check_unique_products(struct cf_inputs *in, const struct ident *ids)
{
	size_t	 i, j;

	for (i = 0; i < in->nresp; i++) {
		const struct ident *a = &ids[i];

		if (a->id == NULL)
			continue;
		for (j = 0; j < i; j++) {
			const struct ident *b = &ids[j];

			if (b->id == NULL || strcmp(a->id, b->id) != 0 ||
			    a->revision != b->revision)
				continue;
			cf_diag(CF_ERROR, in->paths[i], a->pos.line,
			    a->pos.col, "product %s revision %ld is also "
			    "given by %s", a->id, a->revision, in->paths[j]);
			in->resp_ok[i] = false;
			break;
		}
	}
}

/*
 * The first responses file is parsed on a thread of its own while the
 * catalogue is read and checked: a run of one product waits for the
 * longer of the two, not for both.  What its reading reports waits too,
 * and is said where it would have been said without the thread.
 */
struct ahead {
	pthread_t		 tid;
	const char		*path;
	struct cf_responses	*r;
	struct cf_diag_queue	 diags;
	bool			 started;
};

static void *
read_ahead(void *arg)
{
	struct ahead	*a = arg;

	cf_diag_hold(&a->diags);
	a->r = cf_responses_load(a->path);
	cf_diag_hold(NULL);
	return NULL;
}

static void
ahead_start(struct ahead *a, char *const *responses, size_t n)
{
	memset(a, 0, sizeof(*a));
	if (n == 0)
		return;
	a->path = responses[0];
	a->started = pthread_create(&a->tid, NULL, read_ahead, a) == 0;
}

/* Responses file i, the first as read ahead. */
static struct cf_responses *
responses_load(struct ahead *a, char *const *responses, size_t i)
{
	if (i > 0 || !a->started)
		return cf_responses_load(responses[i]);
	pthread_join(a->tid, NULL);
	cf_diag_release(&a->diags);
	return a->r;
}

static bool
load(struct cf_inputs *in, const char *catalogue, char *const *responses,
    size_t n, size_t keep, cf_inputs_each_fn *each, void *ctx)
{
	struct ahead	 ahead;
	struct ident	*ids;
	unsigned	 before = problems(), mark;
	bool		 cat_ok;
	size_t		 i;

	memset(in, 0, sizeof(*in));
	in->resp = cf_xcalloc(n + 1, sizeof(*in->resp));
	in->resp_ok = cf_xcalloc(n + 1, sizeof(*in->resp_ok));
	in->paths = cf_xcalloc(n + 1, sizeof(*in->paths));
	in->sha256 = cf_xcalloc(n + 1, sizeof(*in->sha256));
	in->langs = cf_xcalloc(n + 1, sizeof(*in->langs));
	in->lang_pos = cf_xcalloc(n + 1, sizeof(*in->lang_pos));
	ids = cf_xcalloc(n + 1, sizeof(*ids));
	in->nresp = n;
	ahead_start(&ahead, responses, n);
	if ((in->cat = cf_catalogue_load(catalogue)) != NULL)
		cf_validate_catalogue(in->cat);
	cat_ok = in->cat != NULL && problems() == before;
	in->cat_ok = cat_ok;
	for (i = 0; i < n; i++) {
		mark = problems();
		in->paths[i] = cf_xstrdup(responses[i]);
		in->resp[i] = responses_load(&ahead, responses, i);
		/* Responses can only be checked against a sound catalogue. */
		if (in->resp[i] != NULL && cat_ok)
			cf_validate_responses(in->cat, in->resp[i]);
		in->resp_ok[i] = cat_ok && in->resp[i] != NULL &&
		    problems() == mark;
		if (in->resp_ok[i] && each != NULL)
			each(ctx, in, i, in->resp[i]);
		if (in->resp[i] != NULL) {
			memcpy(in->sha256[i], in->resp[i]->sha256, 65);
			if (in->resp[i]->lang.s != NULL) {
				in->langs[i] = cf_xstrdup(
				    in->resp[i]->lang.s);
				in->lang_pos[i] = in->resp[i]->lang.pos;
			}
			if (in->resp[i]->product.id.s != NULL) {
				ids[i].id = cf_xstrdup(
				    in->resp[i]->product.id.s);
				ids[i].revision = in->resp[i]->revision;
				ids[i].pos = in->resp[i]->product.id.pos;
			}
		}
		if (i >= keep) {
			cf_responses_free(in->resp[i]);
			in->resp[i] = NULL;
		}
	}
	check_unique_products(in, ids);
	for (i = 0; i < n; i++)
		free(ids[i].id);
	free(ids);
	return in->cat != NULL && problems() == before;
}

bool
cf_inputs_load(struct cf_inputs *in, const char *catalogue,
    char *const *responses, size_t n)
{
	return load(in, catalogue, responses, n, SIZE_MAX, NULL, NULL);
}

bool
cf_inputs_load_each(struct cf_inputs *in, const char *catalogue,
    char *const *responses, size_t n, size_t keep, cf_inputs_each_fn *each,
    void *ctx)
{
	return load(in, catalogue, responses, n, keep, each, ctx);
}

struct cf_responses *
cf_inputs_reload(const struct cf_inputs *in, size_t i)
{
	struct cf_responses	*r;
	bool			 was;

	was = cf_diag_mute(true);
	if ((r = cf_responses_load(in->paths[i])) != NULL)
		cf_validate_responses(in->cat, r);
	cf_diag_mute(was);
	if (r == NULL || strcmp(r->sha256, in->sha256[i]) != 0) {
		cf_diagk(CF_DK_IO, CF_ERROR, in->paths[i], 0, 0, "changed "
		    "while cfgen was running (it is read once to check it, "
		    "then again for each use); nothing was built from it");
		cf_responses_free(r);
		return NULL;
	}
	return r;
}

struct cf_responses *
cf_inputs_take(struct cf_inputs *in, size_t i)
{
	struct cf_responses	*r = in->resp[i];

	if (r == NULL)
		return cf_inputs_reload(in, i);
	in->resp[i] = NULL;
	return r;
}

void
cf_inputs_free(struct cf_inputs *in)
{
	size_t	 i;

	cf_catalogue_free(in->cat);
	for (i = 0; i < in->nresp; i++) {
		cf_responses_free(in->resp[i]);
		free(in->paths[i]);
		free(in->langs[i]);
	}
	free(in->resp);
	free(in->resp_ok);
	free(in->paths);
	free(in->sha256);
	free(in->langs);
	free(in->lang_pos);
	memset(in, 0, sizeof(*in));
}
