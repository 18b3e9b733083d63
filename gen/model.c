/*
 * model.c -- the catalogue's one index, its lookups, and the
 * applicability rules of catalogue.md.
 */
#include "model.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ------------------------------------------------------------------ */
/* The index                                                           */

static int
named_cmp(const void *a, const void *b)
{
	const struct cf_named	*x = a, *y = b;
	int			 c = strcmp(x->key, y->key);

	if (c != 0)
		return c;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

static int
classref_cmp(const void *a, const void *b)
{
	const struct cf_classref *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return (x->idx > y->idx) - (x->idx < y->idx);
}

/*
 * A sorted table of the names found at a fixed offset in n structs of
 * stride bytes; entries without a name are left out.
 */
static struct cf_named *
name_table(struct cf_arena *a, const void *base, size_t n, size_t stride,
    size_t *count)
{
	struct cf_named	*t = cf_arena_alloc(a, (n + 1) * sizeof(*t));
	size_t		 i;

	*count = 0;
	for (i = 0; i < n; i++) {
		const char *key = *(const char *const *)
		    ((const char *)base + i * stride);

		if (key == NULL)
			continue;
		t[*count].key = key;
		t[(*count)++].idx = i;
	}
	qsort(t, *count, sizeof(*t), named_cmp);
	return t;
}

/* The names of an array of structs (possibly NULL when empty). */
#define NAME_TABLE(a, arr, n, member, count)				\
	name_table((a), (n) > 0 ? (const void *)&(arr)[0].member : NULL,	\
	    (n), sizeof((arr)[0]), (count))

static size_t
count_tree(const struct cf_requirement *r, size_t n)
{
	size_t	 i, total = n;

	for (i = 0; i < n; i++)
		total += count_tree(r[i].children, r[i].nchildren);
	return total;
}

static void
order_tree(struct cf_catalogue *cat, struct cf_requirement *r, size_t n,
    const struct cf_section *s, const struct cf_requirement *parent)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		r[i].section = s;
		r[i].parent = parent;
		r[i].depth = parent != NULL ? parent->depth + 1 : 0;
		r[i].index = cat->nreqs;
		cat->reqs[cat->nreqs++] = &r[i];
		order_tree(cat, r[i].children, r[i].nchildren, s, &r[i]);
	}
}

/* Answer codes and their aliases name one answer each. */
static void
index_answers(struct cf_catalogue *cat)
{
	size_t	 i, j, n = 0;

	for (i = 0; i < cat->nanswers; i++)
		n += 1 + cat->answers[i].naliases;
	cat->answer_codes = cf_arena_alloc(&cat->arena,
	    (n + 1) * sizeof(*cat->answer_codes));
	for (i = n = 0; i < cat->nanswers; i++) {
		if (cat->answers[i].code != NULL)
			cat->answer_codes[n++] = (struct cf_named){
			    cat->answers[i].code, i };
		for (j = 0; j < cat->answers[i].naliases; j++)
			cat->answer_codes[n++] = (struct cf_named){
			    cat->answers[i].aliases[j], i };
	}
	cat->nanswer_codes = n;
	qsort(cat->answer_codes, n, sizeof(*cat->answer_codes), named_cmp);
}

void
cf_catalogue_index(struct cf_catalogue *cat)
{
	struct cf_arena	*a = &cat->arena;
	size_t		 i, total = 0;

	for (i = 0; i < cat->nsections; i++)
		total += count_tree(cat->sections[i].reqs,
		    cat->sections[i].nreqs);
	cat->reqs = cf_arena_alloc(a, (total + 1) * sizeof(*cat->reqs));
	cat->nreqs = 0;
	for (i = 0; i < cat->nsections; i++) {
		struct cf_section	*s = &cat->sections[i];

		s->first = cat->nreqs;
		order_tree(cat, s->reqs, s->nreqs, s, NULL);
		s->count = cat->nreqs - s->first;
	}
	cat->req_ids = cf_arena_alloc(a, (total + 1) *
	    sizeof(*cat->req_ids));
	for (i = cat->nreq_ids = 0; i < cat->nreqs; i++)
		if (cat->reqs[i]->id.s != NULL) {
			cat->req_ids[cat->nreq_ids].key = cat->reqs[i]->id.s;
			cat->req_ids[cat->nreq_ids++].idx = i;
		}
	qsort(cat->req_ids, cat->nreq_ids, sizeof(*cat->req_ids), named_cmp);
	cat->section_ids = NAME_TABLE(a, cat->sections, cat->nsections, id.s,
	    &cat->nsection_ids);
	cat->class_ids = cf_arena_alloc(a, (cat->nclasses + 1) *
	    sizeof(*cat->class_ids));
	for (i = cat->nclass_ids = 0; i < cat->nclasses; i++)
		if (cat->classes[i].id >= 0) {
			cat->class_ids[cat->nclass_ids].id = cat->classes[i].id;
			cat->class_ids[cat->nclass_ids++].idx = i;
		}
	qsort(cat->class_ids, cat->nclass_ids, sizeof(*cat->class_ids),
	    classref_cmp);
	cat->category_codes = NAME_TABLE(a, cat->categories, cat->ncategories,
	    code, &cat->ncategory_codes);
	cat->applic_codes = NAME_TABLE(a, cat->applics, cat->napplics, code,
	    &cat->napplic_codes);
	cat->condition_codes = NAME_TABLE(a, cat->conditions,
	    cat->nconditions, code, &cat->ncondition_codes);
	index_answers(cat);
}

size_t
cf_named_find(const struct cf_named *t, size_t n, const char *key)
{
	size_t	 lo = 0, hi = n, mid;

	/* The lowest entry of that name: the first one written. */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(t[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && strcmp(t[lo].key, key) == 0)
		return t[lo].idx;
	return CF_NONE;
}

const struct cf_requirement *
cf_catalogue_find_req(const struct cf_catalogue *cat, const char *id)
{
	size_t	 i = cf_named_find(cat->req_ids, cat->nreq_ids, id);

	return i != CF_NONE ? cat->reqs[i] : NULL;
}

const struct cf_section *
cf_catalogue_find_section(const struct cf_catalogue *cat, const char *id)
{
	size_t	 i = cf_named_find(cat->section_ids, cat->nsection_ids, id);

	return i != CF_NONE ? &cat->sections[i] : NULL;
}

size_t
cf_catalogue_class_idx(const struct cf_catalogue *cat, long id)
{
	size_t	 lo = 0, hi = cat->nclass_ids, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cat->class_ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cat->nclass_ids && cat->class_ids[lo].id == id)
		return cat->class_ids[lo].idx;
	return CF_NONE;
}

size_t
cf_catalogue_category_idx(const struct cf_catalogue *cat, const char *code)
{
	return cf_named_find(cat->category_codes, cat->ncategory_codes, code);
}

size_t
cf_catalogue_applic_idx(const struct cf_catalogue *cat, const char *code)
{
	return cf_named_find(cat->applic_codes, cat->napplic_codes, code);
}

size_t
cf_catalogue_condition_idx(const struct cf_catalogue *cat, const char *code)
{
	return cf_named_find(cat->condition_codes, cat->ncondition_codes,
	    code);
}

const struct cf_answer_code *
cf_catalogue_answer(const struct cf_catalogue *cat, const char *code)
{
	size_t	 i;

	if (code == NULL)
		return NULL;
	i = cf_named_find(cat->answer_codes, cat->nanswer_codes, code);
	return i != CF_NONE ? &cat->answers[i] : NULL;
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

/* ------------------------------------------------------------------ */
/* Applicability                                                       */

static bool
in_levels(const struct cf_requirement *req, size_t class_idx)
{
	size_t	 i;

	for (i = 0; i < req->nlevels; i++)
		if (req->level_idx != NULL && req->level_idx[i] == class_idx)
			return true;
	return false;
}

static bool
in_market(const struct cf_requirement *req, const struct cf_claim *claim)
{
	size_t	 i;

	if (claim->applicability.s == NULL || req->applic_tbd ||
	    req->napplicability == 0)
		return true;
	for (i = 0; i < req->napplicability; i++)
		if (strcmp(req->applicability[i], claim->applicability.s) == 0)
			return true;
	return false;
}

enum cf_scope
cf_scope(const struct cf_catalogue *cat, const struct cf_requirement *req,
    const struct cf_claim *claim, size_t *category_idx)
{
	size_t	 cg = req->category_idx;

	if (req->status != CF_STATUS_ACTIVE)
		return CF_SCOPE_INACTIVE;
	if (claim->class_idx >= cat->nclasses)
		return CF_SCOPE_CLASS;
	if (req->has_levels) {
		if (!in_levels(req, claim->class_idx))
			return CF_SCOPE_CLASS;
	} else if (req->class_idx >= cat->nclasses)
		return CF_SCOPE_CLASS;
	else if (req->class_idx > claim->class_idx) {
		/* "Mandatory for class 2 and above", advisory below. */
		if (req->below == NULL || req->below_idx >= cat->ncategories)
			return CF_SCOPE_CLASS;
		cg = req->below_idx;
	}
	if (!in_market(req, claim))
		return CF_SCOPE_MARKET;
	if (req->cond != NULL && claim->cond_values != NULL &&
	    !cf_cond_eval(req->cond, claim->cond_values))
		return CF_SCOPE_CONDITION;
	if (category_idx != NULL)
		*category_idx = cg;
	return CF_SCOPE_APPLIES;
}

bool
cf_applies(const struct cf_catalogue *cat, const struct cf_requirement *req,
    const struct cf_claim *claim)
{
	return cf_scope(cat, req, claim, NULL) == CF_SCOPE_APPLIES;
}

struct cf_claim
cf_class_claim(size_t class_idx)
{
	struct cf_claim	 claim;

	memset(&claim, 0, sizeof(claim));
	claim.class_id = -1;
	claim.class_idx = class_idx;
	return claim;
}

size_t
cf_class_applicable(const struct cf_catalogue *cat, size_t class_idx)
{
	struct cf_claim	 claim = cf_class_claim(class_idx);
	size_t		 i, n = 0;

	for (i = 0; i < cat->nreqs; i++)
		if (cf_applies(cat, cat->reqs[i], &claim))
			n++;
	return n;
}

size_t
cf_count_active(const struct cf_catalogue *cat, const struct cf_section *s,
    size_t category_idx)
{
	size_t	 i, first = 0, end = cat->nreqs, n = 0;

	if (s != NULL)
		first = s->first, end = s->first + s->count;
	for (i = first; i < end; i++)
		if (cat->reqs[i]->status == CF_STATUS_ACTIVE &&
		    (category_idx == CF_NONE ||
		    cat->reqs[i]->category_idx == category_idx))
			n++;
	return n;
}

size_t
cf_count_reqs(const struct cf_catalogue *cat, const struct cf_section *s)
{
	return s != NULL ? s->count : cat->nreqs;
}

/* An id as OSCAL writes it: "AC-2(1)" is "ac-2.1". */
static bool
oscal_form_eq(const char *id, const char *frag, size_t n)
{
	size_t	 i = 0;

	for (; *id != '\0'; id++) {
		if (*id == ')')
			continue;
		if (i >= n)
			return false;
		if (*id == '(') {
			if (frag[i++] != '.')
				return false;
			continue;
		}
		if (tolower((unsigned char)*id) !=
		    tolower((unsigned char)frag[i++]))
			return false;
	}
	return i == n;
}

const struct cf_requirement *
cf_catalogue_find_fragment(const struct cf_catalogue *cat, const char *frag)
{
	const struct cf_requirement	*r;
	char				*id, *p;
	size_t				 i, n;

	if (frag == NULL || *frag == '\0')
		return NULL;
	if (strncmp(frag, "req-", 4) == 0) {
		id = cf_xstrdup(frag + 4);
		for (p = id; *p != '\0'; p++)
			if (*p == '_')
				*p = ' ';
		r = cf_catalogue_find_req(cat, id);
		free(id);
		if (r != NULL)
			return r;
	}
	if ((r = cf_catalogue_find_req(cat, frag)) != NULL)
		return r;
	/* OSCAL: the control's id, or a part's "<control>_smt..." */
	n = strcspn(frag, "_");
	for (i = 0; i < cat->nreqs; i++)
		if (cat->reqs[i]->id.s != NULL &&
		    oscal_form_eq(cat->reqs[i]->id.s, frag, n))
			return cat->reqs[i];
	return NULL;
}

char *
cf_catalogue_anchor(void *ctx, const char *frag)
{
	const struct cf_requirement	*r;
	char				*s, *p;
	size_t				 n;

	if ((r = cf_catalogue_find_fragment(ctx, frag)) == NULL)
		return NULL;
	n = strlen(r->id.s) + 5;
	s = cf_xmalloc(n);
	snprintf(s, n, "req-%s", r->id.s);
	for (p = s; *p != '\0'; p++)
		if (*p == ' ')
			*p = '_';
	return s;
}

bool
cf_catalogue_has_applicability(const struct cf_catalogue *cat)
{
	size_t	 i;

	if (cat->napplics > 0)
		return true;
	for (i = 0; i < cat->nreqs; i++)
		if (cat->reqs[i]->applic_tbd)
			return true;
	return false;
}

const char *
cf_id_slug(struct cf_arena *a, const char *id)
{
	char	*s = cf_arena_strdup(a, id != NULL ? id : ""), *p;

	for (p = s; *p != '\0'; p++)
		if (*p == ' ')
			*p = '_';
	return s;
}

const char *
cf_id_fault_at(const char *id)
{
	const char	*p;

	for (p = id; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && (p == id ||
		    strchr("._()-' ", *p) == NULL ||
		    (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))))
			return p;
	return NULL;
}

const char *
cf_class_label(const struct cf_requirement *req, char *buf, size_t sz)
{
	size_t	 i, len;

	if (!req->has_levels) {
		if (req->class_id < 0)
			snprintf(buf, sz, "%s", "");
		else
			snprintf(buf, sz, "%ld and above", req->class_id);
		return buf;
	}
	snprintf(buf, sz, "%s", req->nlevels == 0 ? "none" : "");
	for (i = 0; i < req->nlevels; i++) {
		len = strlen(buf);
		snprintf(buf + len, sz - len, "%s%ld", i > 0 ? ", " : "",
		    req->levels[i]);
	}
	return buf;
}

const char *
cf_req_label(struct cf_arena *a, const struct cf_requirement *req)
{
	if (req->title == NULL)
		return req->id.s;
	return cf_arena_printf(a, "%s %s", req->id.s, req->title);
}

/* Is id a prefix of rid, whole up to a separator, letter case aside? */
static bool
prefix_of(const char *id, size_t n, const char *rid)
{
	return strncasecmp(rid, id, n) == 0 && rid[n] != '\0' &&
	    !isalnum((unsigned char)rid[n]);
}

const char *
cf_section_number(struct cf_arena *a, const struct cf_section *s)
{
	size_t	 n = strlen(s->id.s), i;

	if (s->nreqs == 0 || !prefix_of(s->id.s, n, s->reqs[0].id.s))
		return s->id.s;
	/* Every requirement spells it alike, or the id stays as written. */
	for (i = 1; i < s->nreqs; i++)
		if (strncmp(s->reqs[i].id.s, s->reqs[0].id.s, n) != 0 ||
		    !prefix_of(s->id.s, n, s->reqs[i].id.s))
			return s->id.s;
	return cf_arena_strndup(a, s->reqs[0].id.s, n);
}

bool
cf_class_title_is_number(const struct cf_class *k)
{
	const char	*t = k->title, *sp = strrchr(t, ' '), *p;
	char		 num[24];

	snprintf(num, sizeof(num), "%ld", k->id);
	if (strcmp(sp != NULL ? sp + 1 : t, num) != 0)
		return false;
	/* One word before the number: a longer title says more. */
	for (p = t; sp != NULL && p < sp; p++)
		if (*p == ' ' || isdigit((unsigned char)*p))
			return false;
	return true;
}

const char *
cf_applic_name(struct cf_arena *a, const struct cf_applic *x)
{
	if (strcasecmp(x->title, x->code) == 0)
		return x->title;
	return cf_arena_printf(a, "%s (%s)", x->title, x->code);
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
