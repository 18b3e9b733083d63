/*
 * model.c -- lookups and the class semantics of catalogue.md.
 */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct cf_requirement *
cf_catalogue_find_req(const struct cf_catalogue *cat, const char *id)
{
	size_t	 i, j;

	for (i = 0; i < cat->nsections; i++)
		for (j = 0; j < cat->sections[i].nreqs; j++) {
			const struct cf_requirement *r =
			    &cat->sections[i].reqs[j];

			if (r->id.s != NULL && strcmp(r->id.s, id) == 0)
				return r;
		}
	return NULL;
}

size_t
cf_catalogue_class_idx(const struct cf_catalogue *cat, long id)
{
	size_t	 i;

	for (i = 0; i < cat->nclasses; i++)
		if (cat->classes[i].id == id)
			return i;
	return (size_t)-1;
}

const struct cf_answer_code *
cf_catalogue_answer(const struct cf_catalogue *cat, const char *code)
{
	size_t	 i, j;

	for (i = 0; code != NULL && i < cat->nanswers; i++) {
		const struct cf_answer_code *a = &cat->answers[i];

		if (a->code != NULL && strcmp(a->code, code) == 0)
			return a;
		for (j = 0; j < a->naliases; j++)
			if (strcmp(a->aliases[j], code) == 0)
				return a;
	}
	return NULL;
}

static int
answer_order(const void *a, const void *b)
{
	const struct cf_answer	*x = *(struct cf_answer *const *)a;
	const struct cf_answer	*y = *(struct cf_answer *const *)b;

	return strcmp(x->req_id.s, y->req_id.s);
}

void
cf_responses_index(struct cf_responses *r)
{
	size_t	 i;

	r->by_id = cf_arena_alloc(&r->arena,
	    (r->nanswers + 1) * sizeof(*r->by_id));
	for (i = 0; i < r->nanswers; i++)
		r->by_id[i] = &r->answers[i];
	qsort(r->by_id, r->nanswers, sizeof(*r->by_id), answer_order);
}

const struct cf_answer *
cf_responses_find(const struct cf_responses *r, const char *req_id)
{
	size_t	 lo = 0, hi = r->nanswers, mid;
	int	 c;

	/* Renderers ask once per requirement: keep it logarithmic. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(req_id, r->by_id[mid]->req_id.s)) == 0)
			return r->by_id[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

bool
cf_applies(const struct cf_catalogue *cat, const struct cf_requirement *req,
    const struct cf_claim *claim)
{
	size_t	 i;

	if (req->status != CF_STATUS_ACTIVE || claim->class_idx >= cat->nclasses ||
	    req->class_idx >= cat->nclasses)
		return false;
	if (req->class_idx > claim->class_idx)
		return false;
	if (claim->applicability.s == NULL || req->applic_tbd ||
	    req->napplicability == 0)
		return true;
	for (i = 0; i < req->napplicability; i++)
		if (strcmp(req->applicability[i], claim->applicability.s) == 0)
			return true;
	return false;
}

size_t
cf_class_applicable(const struct cf_catalogue *cat, size_t class_idx)
{
	struct cf_claim	 claim;
	size_t		 i, j, n = 0;

	/* A claim of that class naming no applicability: every market. */
	memset(&claim, 0, sizeof(claim));
	claim.class_idx = class_idx;
	for (i = 0; i < cat->nsections; i++)
		for (j = 0; j < cat->sections[i].nreqs; j++)
			if (cf_applies(cat, &cat->sections[i].reqs[j], &claim))
				n++;
	return n;
}

const char *
cf_class_label(const struct cf_requirement *req, char *buf, size_t sz)
{
	snprintf(buf, sz, "%ld and above", req->class_id);
	return buf;
}

const char *
cf_date_str(const struct cf_date *d, char *buf)
{
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d->year % 10000,
	    (unsigned)d->month % 100, (unsigned)d->day % 100);
	return buf;
}

int
cf_date_cmp(const struct cf_date *a, const struct cf_date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}
