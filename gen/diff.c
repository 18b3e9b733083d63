/*
 * diff.c -- two releases of one catalogue compared, and the word diff.
 *
 * Requirements are matched through sorted indexes, so a release with a
 * hundred thousand requirements costs O(n log n), not a quadratic scan.
 */
#include "diff.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Cells of the LCS table beyond which the middle is replaced wholesale. */
#define LCS_MAX_CELLS	(1u << 22)

/* A sorted index of names (ids, codes) to what they name. */
struct named {
	const char	*key;
	const void	*ptr;
};

struct index {
	struct named	*v;
	size_t		 n;
};

/* Both releases, indexed for lookups by id or code. */
struct ctx {
	struct cf_diff	*d;
	struct index	 oreq, nreq, osec, nsec, ocls, ncls, ocat, ncat;
	struct index	 oans, nans;
};

static int
named_cmp(const void *a, const void *b)
{
	const struct named	*x = a, *y = b;

	return strcmp(x->key, y->key);
}

static void
index_init(struct index *ix, size_t n)
{
	ix->v = cf_xcalloc(n + 1, sizeof(*ix->v));
	ix->n = 0;
}

static void
index_add(struct index *ix, const char *key, const void *ptr)
{
	if (key == NULL)
		return;
	ix->v[ix->n].key = key;
	ix->v[ix->n++].ptr = ptr;
}

static const void *
index_find(const struct index *ix, const char *key)
{
	struct named		 k = { key, NULL };
	const struct named	*hit;

	hit = bsearch(&k, ix->v, ix->n, sizeof(*ix->v), named_cmp);
	return hit != NULL ? hit->ptr : NULL;
}

static const char *
class_key(struct cf_diff *d, long id)
{
	return cf_arena_printf(&d->arena, "%ld", id);
}

static void
index_catalogue(struct cf_diff *d, const struct cf_catalogue *cat,
    struct index *req, struct index *sec, struct index *cls,
    struct index *cg, struct index *ans)
{
	size_t	 i;

	index_init(req, cat->nreqs);
	index_init(sec, cat->nsections);
	index_init(cls, cat->nclasses);
	index_init(cg, cat->ncategories);
	index_init(ans, cat->nanswers);
	for (i = 0; i < cat->nsections; i++)
		index_add(sec, cat->sections[i].id.s, &cat->sections[i]);
	/* Nested requirements are requirements in their own right. */
	for (i = 0; i < cat->nreqs; i++)
		index_add(req, cat->reqs[i]->id.s, cat->reqs[i]);
	for (i = 0; i < cat->nclasses; i++)
		index_add(cls, class_key(d, cat->classes[i].id),
		    &cat->classes[i]);
	for (i = 0; i < cat->ncategories; i++)
		index_add(cg, cat->categories[i].code, &cat->categories[i]);
	for (i = 0; i < cat->nanswers; i++)
		index_add(ans, cat->answers[i].code, &cat->answers[i]);
	qsort(req->v, req->n, sizeof(*req->v), named_cmp);
	qsort(sec->v, sec->n, sizeof(*sec->v), named_cmp);
	qsort(cls->v, cls->n, sizeof(*cls->v), named_cmp);
	qsort(cg->v, cg->n, sizeof(*cg->v), named_cmp);
	qsort(ans->v, ans->n, sizeof(*ans->v), named_cmp);
}

static void
ctx_free(struct ctx *c)
{
	free(c->oreq.v);
	free(c->nreq.v);
	free(c->osec.v);
	free(c->nsec.v);
	free(c->ocls.v);
	free(c->ncls.v);
	free(c->ocat.v);
	free(c->ncat.v);
	free(c->oans.v);
	free(c->nans.v);
}

/*
 * Length of the white space at s, or 0: ASCII blanks and line breaks,
 * and the breaks YAML 1.1 also ends a line at (NEL, LS, PS), which must
 * never reach a comment that init or migrate writes.
 */
static size_t
space_len(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
	    *p == '\f' || *p == '\v')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0x85)
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
		return 3;
	return 0;
}

char *
cf_fold_space(struct cf_arena *a, const char *s)
{
	char	*out, *p;
	size_t	 n;
	bool	 space = false;

	if (s == NULL)
		s = "";
	out = p = cf_arena_alloc(a, strlen(s) + 1);
	while (*s != '\0') {
		if ((n = space_len(s)) > 0) {
			space = p != out;
			s += n;
			continue;
		}
		if (space)
			*p++ = ' ';
		space = false;
		*p++ = *s++;
	}
	*p = '\0';
	return out;
}

static bool
same_text(struct cf_arena *a, const char *x, const char *y)
{
	return strcmp(cf_fold_space(a, x), cf_fold_space(a, y)) == 0;
}

const char *
cf_diff_status_name(enum cf_req_status s)
{
	switch (s) {
	case CF_STATUS_RESERVED:
		return "reserved";
	case CF_STATUS_WITHDRAWN:
		return "withdrawn";
	default:
		return "active";
	}
}

const char *
cf_diff_category_label(struct cf_arena *a, const struct cf_catalogue *cat,
    const struct cf_requirement *q)
{
	const char	*s;

	if (q->category_idx >= cat->ncategories)
		s = q->category;
	else
		s = cf_arena_printf(a, "%s (%s)",
		    cat->categories[q->category_idx].title, q->category);
	if (q->below != NULL)
		s = cf_arena_printf(a, "%s, %s below", s, q->below);
	return s;
}

const char *
cf_diff_applic_label(struct cf_arena *a, const struct cf_requirement *r)
{
	struct cf_buf	 b;
	const char	*s;
	size_t		 i;

	if (r->applic_tbd)
		return "TBD";
	if (r->napplicability == 0)
		return "all";
	cf_buf_init(&b);
	for (i = 0; i < r->napplicability; i++)
		cf_buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    r->applicability[i]);
	s = cf_arena_strdup(a, b.data);
	cf_buf_free(&b);
	return s;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A requirement's applicability codes, sorted, duplicates dropped. */
static const char **
code_set(const struct cf_requirement *r, size_t *n)
{
	const char	**v = cf_xcalloc(r->napplicability + 1, sizeof(*v));
	size_t		  i, k = 0;

	if (r->napplicability > 0)
		memcpy(v, r->applicability, r->napplicability * sizeof(*v));
	qsort(v, r->napplicability, sizeof(*v), str_cmp);
	for (i = 0; i < r->napplicability; i++)
		if (k == 0 || strcmp(v[k - 1], v[i]) != 0)
			v[k++] = v[i];
	*n = k;
	return v;
}

/* Merging the sorted sets: has a a code b lacks?  b one a lacks? */
static void
codes_compare(const struct cf_requirement *a, const struct cf_requirement *b,
    bool *a_only, bool *b_only)
{
	const char	**x, **y;
	size_t		  nx, ny, i = 0, j = 0;
	int		  c;

	x = code_set(a, &nx);
	y = code_set(b, &ny);
	*a_only = *b_only = false;
	while (i < nx || j < ny) {
		c = i == nx ? 1 : j == ny ? -1 : strcmp(x[i], y[j]);
		if (c < 0)
			*a_only = true, i++;
		else if (c > 0)
			*b_only = true, j++;
		else
			i++, j++;
	}
	free(x);
	free(y);
}

static bool
applies_to_all(const struct cf_requirement *r)
{
	return r->applic_tbd || r->napplicability == 0;
}

/* Sets *stricter when applicability widened: a code added, the list gone. */
static bool
applic_changed(const struct cf_requirement *o, const struct cf_requirement *n,
    bool *stricter)
{
	bool	 dropped;

	*stricter = false;
	if (applies_to_all(o) && applies_to_all(n))
		return o->applic_tbd != n->applic_tbd;
	if (applies_to_all(n)) {
		*stricter = true;
		return true;
	}
	if (applies_to_all(o))
		return true;
	codes_compare(o, n, &dropped, stricter);
	return *stricter || dropped;
}

/* Lower in NEW's class order means the requirement binds more products. */
static bool
class_lowered(const struct ctx *c, const struct cf_requirement *o,
    const struct cf_requirement *n)
{
	const struct cf_class	*was;

	was = index_find(&c->ncls, class_key(c->d, o->class_id));
	if (was == NULL || n->class_idx >= c->d->new->nclasses)
		return n->class_id < o->class_id;
	return n->class_idx < (size_t)(was - c->d->new->classes);
}

/* Does the requirement bind a claim of that class id (levels, class)? */
static bool
covers(const struct cf_catalogue *cat, const struct cf_requirement *r,
    long id)
{
	size_t	 i, k;

	if (r->has_levels) {
		for (i = 0; i < r->nlevels; i++)
			if (r->levels[i] == id)
				return true;
		return false;
	}
	k = cf_catalogue_class_idx(cat, id);
	return k != CF_NONE && r->class_idx < cat->nclasses &&
	    k >= r->class_idx;
}

/* Classes or levels changed; *stricter: a class of NEW newly bound. */
static bool
classes_changed(const struct ctx *c, const struct cf_requirement *o,
    const struct cf_requirement *n, bool *stricter)
{
	const struct cf_catalogue	*nc = c->d->new, *oc = c->d->old;
	char				 a[64], b[64];
	size_t				 i;
	bool				 changed;

	*stricter = false;
	if (!o->has_levels && !n->has_levels) {
		if (o->class_id == n->class_id)
			return false;
		*stricter = class_lowered(c, o, n);
		return true;
	}
	changed = strcmp(cf_class_label(o, a, sizeof(a)),
	    cf_class_label(n, b, sizeof(b))) != 0;
	for (i = 0; i < nc->nclasses; i++)
		if (covers(nc, n, nc->classes[i].id) &&
		    !covers(oc, o, nc->classes[i].id))
			*stricter = changed = true;
	return changed;
}

static bool
same_str(const char *a, const char *b)
{
	return (a == NULL && b == NULL) ||
	    (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool
category_required(const struct cf_catalogue *cat,
    const struct cf_requirement *q)
{
	return q->category_idx < cat->ncategories &&
	    cat->categories[q->category_idx].required;
}

static void
compare_active(const struct ctx *c, struct cf_req_diff *rd)
{
	const struct cf_requirement	*o = rd->old, *n = rd->new;
	struct cf_diff			*d = c->d;
	bool				 stricter;

	if (!same_text(&d->arena, o->text, n->text))
		rd->changes |= CF_RD_TEXT;
	if (!same_str(o->title, n->title))
		rd->changes |= CF_RD_TITLE;
	if (classes_changed(c, o, n, &stricter)) {
		rd->changes |= CF_RD_CLASS;
		if (stricter)
			rd->stricter |= CF_RD_CLASS;
	}
	/* A condition dropped binds more products: stricter. */
	if (!same_str(o->cond != NULL ? o->condition.s : NULL,
	    n->cond != NULL ? n->condition.s : NULL)) {
		rd->changes |= CF_RD_CONDITION;
		if (n->cond == NULL)
			rd->stricter |= CF_RD_CONDITION;
	}
	/* `below` gone: claims under the class no longer get it advisory. */
	if (!same_str(o->below, n->below) && o->category != NULL &&
	    n->category != NULL && strcmp(o->category, n->category) == 0) {
		rd->changes |= CF_RD_CATEGORY;
		if (o->below != NULL && n->below == NULL)
			rd->stricter |= CF_RD_CATEGORY;
	}
	if (o->category != NULL && n->category != NULL &&
	    strcmp(o->category, n->category) != 0) {
		rd->changes |= CF_RD_CATEGORY;
		if (category_required(d->new, n) &&
		    !category_required(d->old, o))
			rd->stricter |= CF_RD_CATEGORY;
	}
	if (applic_changed(o, n, &stricter)) {
		rd->changes |= CF_RD_APPLIC;
		if (stricter)
			rd->stricter |= CF_RD_APPLIC;
	}
}

static void
push_req(struct cf_diff *d, const struct cf_req_diff *rd, size_t *cap)
{
	if (d->nreqs == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		d->reqs = cf_xrealloc(d->reqs, *cap * sizeof(*d->reqs));
	}
	d->reqs[d->nreqs++] = *rd;
}

static int
req_diff_cmp(const void *a, const void *b)
{
	const struct cf_req_diff *const	*x = a, *const *y = b;

	return strcmp((*x)->id, (*y)->id);
}

static void
compare_requirements(struct ctx *c)
{
	struct cf_diff		*d = c->d;
	struct cf_req_diff	 rd;
	size_t			 i, cap = 0;

	/* The catalogues' document order, nested requirements included. */
	for (i = 0; i < d->new->nreqs; i++) {
		memset(&rd, 0, sizeof(rd));
		rd.new = d->new->reqs[i];
		if ((rd.id = rd.new->id.s) == NULL)
			continue;
		rd.old = index_find(&c->oreq, rd.id);
		if (rd.old == NULL)
			rd.changes = CF_RD_ADDED;
		else if (rd.old->status != rd.new->status)
			rd.changes = CF_RD_STATUS;
		else if (rd.new->status == CF_STATUS_ACTIVE)
			compare_active(c, &rd);
		if (rd.changes != 0)
			push_req(d, &rd, &cap);
	}
	for (i = 0; i < d->old->nreqs; i++) {
		memset(&rd, 0, sizeof(rd));
		rd.old = d->old->reqs[i];
		if ((rd.id = rd.old->id.s) == NULL ||
		    index_find(&c->nreq, rd.id) != NULL)
			continue;
		rd.changes = CF_RD_VANISHED;
		push_req(d, &rd, &cap);
		d->nvanished++;
	}
	d->byid = cf_xcalloc(d->nreqs + 1, sizeof(*d->byid));
	for (i = 0; i < d->nreqs; i++)
		d->byid[i] = &d->reqs[i];
	qsort(d->byid, d->nreqs, sizeof(*d->byid), req_diff_cmp);
}

static struct cf_change *
push_other(struct cf_diff *d, enum cf_change_kind kind, enum cf_change_op op,
    const char *id)
{
	struct cf_change	*c;

	if (d->nother % 16 == 0)
		d->other = cf_xrealloc(d->other,
		    (d->nother + 16) * sizeof(*d->other));
	c = &d->other[d->nother++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->op = op;
	c->id = id;
	return c;
}

/* A field compared after folding; NULL and "" are both "not given". */
static struct cf_change *
field(struct cf_diff *d, enum cf_change_kind kind, const char *id,
    const char *what, const char *was, const char *now, bool md)
{
	struct cf_change	*c;

	if (same_text(&d->arena, was, now))
		return NULL;
	c = push_other(d, kind, CF_OP_CHANGED, id);
	c->what = what;
	c->was = was != NULL ? was : "";
	c->now = now != NULL ? now : "";
	c->md = md;
	return c;
}

static void
compare_catalogue(struct cf_diff *d)
{
	const struct cf_catalogue	*o = d->old, *n = d->new;

	field(d, CF_CHG_CATALOGUE, o->id, "title", o->title, n->title, false);
	field(d, CF_CHG_CATALOGUE, o->id, "publisher", o->publisher,
	    n->publisher, false);
	field(d, CF_CHG_CATALOGUE, o->id, "url", o->url, n->url, false);
	field(d, CF_CHG_CATALOGUE, o->id, "licence", o->licence, n->licence,
	    true);
	field(d, CF_CHG_CATALOGUE, o->id, "notice", o->notice, n->notice,
	    true);
}

static void
compare_sections(struct ctx *c)
{
	struct cf_diff		*d = c->d;
	const struct cf_section	*s, *o;
	struct cf_change	*ch;
	size_t			 i;

	for (i = 0; i < d->new->nsections; i++) {
		s = &d->new->sections[i];
		if (s->id.s == NULL)
			continue;
		if ((o = index_find(&c->osec, s->id.s)) == NULL) {
			ch = push_other(d, CF_CHG_SECTION, CF_OP_ADDED,
			    s->id.s);
			ch->now = s->title;
		} else
			field(d, CF_CHG_SECTION, s->id.s, "title", o->title,
			    s->title, false);
	}
	for (i = 0; i < d->old->nsections; i++) {
		o = &d->old->sections[i];
		if (o->id.s != NULL && index_find(&c->nsec, o->id.s) == NULL) {
			ch = push_other(d, CF_CHG_SECTION, CF_OP_REMOVED,
			    o->id.s);
			ch->was = o->title;
		}
	}
}

static void
compare_class(struct cf_diff *d, const char *id, const struct cf_class *o,
    const struct cf_class *n)
{
	field(d, CF_CHG_CLASS, id, "title", o->title, n->title, false);
	field(d, CF_CHG_CLASS, id, "description", o->description,
	    n->description, true);
	field(d, CF_CHG_CLASS, id, "confidentiality objective",
	    o->confidentiality, n->confidentiality, false);
	field(d, CF_CHG_CLASS, id, "integrity objective", o->integrity,
	    n->integrity, false);
	field(d, CF_CHG_CLASS, id, "availability objective", o->availability,
	    n->availability, false);
}

static void
compare_classes(struct ctx *c)
{
	struct cf_diff		*d = c->d;
	const struct cf_class	*n, *o;
	struct cf_change	*ch;
	const char		*id;
	size_t			 i;

	for (i = 0; i < d->new->nclasses; i++) {
		n = &d->new->classes[i];
		id = class_key(d, n->id);
		if ((o = index_find(&c->ocls, id)) == NULL) {
			ch = push_other(d, CF_CHG_CLASS, CF_OP_ADDED, id);
			ch->now = n->title;
		} else
			compare_class(d, id, o, n);
	}
	for (i = 0; i < d->old->nclasses; i++) {
		o = &d->old->classes[i];
		id = class_key(d, o->id);
		if (index_find(&c->ncls, id) != NULL)
			continue;
		ch = push_other(d, CF_CHG_CLASS, CF_OP_REMOVED, id);
		ch->was = o->title;
	}
}

static const char *
yes_no(bool b)
{
	return b ? "yes" : "no";
}

static void
compare_categories(struct ctx *c)
{
	struct cf_diff			*d = c->d;
	const struct cf_category	*n, *o;
	struct cf_change		*ch;
	size_t				 i;

	for (i = 0; i < d->new->ncategories; i++) {
		n = &d->new->categories[i];
		if ((o = index_find(&c->ocat, n->code)) == NULL) {
			ch = push_other(d, CF_CHG_CATEGORY, CF_OP_ADDED,
			    n->code);
			ch->now = n->title;
			continue;
		}
		field(d, CF_CHG_CATEGORY, n->code, "title", o->title,
		    n->title, false);
		if ((ch = field(d, CF_CHG_CATEGORY, n->code, "required",
		    yes_no(o->required), yes_no(n->required), false)) != NULL)
			ch->stricter = n->required;
	}
	for (i = 0; i < d->old->ncategories; i++) {
		o = &d->old->categories[i];
		if (index_find(&c->ncat, o->code) != NULL)
			continue;
		ch = push_other(d, CF_CHG_CATEGORY, CF_OP_REMOVED, o->code);
		ch->was = o->title;
	}
}

static const char *
aliases_label(struct cf_arena *a, const struct cf_answer_code *c)
{
	struct cf_buf	 b;
	const char	*s;
	size_t		 i;

	if (c->naliases == 0)
		return "none";
	cf_buf_init(&b);
	for (i = 0; i < c->naliases; i++)
		cf_buf_printf(&b, "%s%s", i > 0 ? ", " : "", c->aliases[i]);
	s = cf_arena_strdup(a, b.data);
	cf_buf_free(&b);
	return s;
}

/* An alias of o that n no longer accepts breaks answers written with it. */
static bool
alias_dropped(const struct cf_answer_code *o, const struct cf_answer_code *n)
{
	size_t	 i, j;

	for (i = 0; i < o->naliases; i++) {
		for (j = 0; j < n->naliases; j++)
			if (strcmp(o->aliases[i], n->aliases[j]) == 0)
				break;
		if (j == n->naliases)
			return true;
	}
	return false;
}

static void
compare_answer(struct cf_diff *d, const struct cf_answer_code *o,
    const struct cf_answer_code *n)
{
	struct cf_change	*c;

	field(d, CF_CHG_ANSWER, n->code, "title", o->title, n->title, false);
	if ((c = field(d, CF_CHG_ANSWER, n->code, "meets the requirement",
	    yes_no(o->meets), yes_no(n->meets), false)) != NULL)
		c->stricter = !n->meets;
	if ((c = field(d, CF_CHG_ANSWER, n->code, "needs a justification",
	    yes_no(o->needs_justification), yes_no(n->needs_justification),
	    false)) != NULL)
		c->stricter = n->needs_justification;
	if ((c = field(d, CF_CHG_ANSWER, n->code, "aliases",
	    aliases_label(&d->arena, o), aliases_label(&d->arena, n),
	    false)) != NULL)
		c->stricter = alias_dropped(o, n);
}

static void
compare_answers(struct ctx *c)
{
	struct cf_diff			*d = c->d;
	const struct cf_answer_code	*n, *o;
	struct cf_change		*ch;
	size_t				 i;

	for (i = 0; i < d->new->nanswers; i++) {
		n = &d->new->answers[i];
		if ((o = index_find(&c->oans, n->code)) == NULL) {
			ch = push_other(d, CF_CHG_ANSWER, CF_OP_ADDED,
			    n->code);
			ch->now = n->title;
		} else
			compare_answer(d, o, n);
	}
	for (i = 0; i < d->old->nanswers; i++) {
		o = &d->old->answers[i];
		if (index_find(&c->nans, o->code) != NULL)
			continue;
		ch = push_other(d, CF_CHG_ANSWER, CF_OP_REMOVED, o->code);
		ch->was = o->title;
		ch->stricter = true;
	}
}

void
cf_diff_compute(struct cf_diff *d, const struct cf_catalogue *old,
    const struct cf_catalogue *new)
{
	struct ctx	 c;

	memset(d, 0, sizeof(*d));
	cf_arena_init(&d->arena);
	d->old = old;
	d->new = new;
	memset(&c, 0, sizeof(c));
	c.d = d;
	index_catalogue(d, old, &c.oreq, &c.osec, &c.ocls, &c.ocat, &c.oans);
	index_catalogue(d, new, &c.nreq, &c.nsec, &c.ncls, &c.ncat, &c.nans);
	compare_requirements(&c);
	compare_catalogue(d);
	compare_sections(&c);
	compare_classes(&c);
	compare_categories(&c);
	compare_answers(&c);
	ctx_free(&c);
}

void
cf_diff_free(struct cf_diff *d)
{
	free(d->byid);
	free(d->reqs);
	free(d->other);
	cf_arena_free(&d->arena);
	memset(d, 0, sizeof(*d));
}

const struct cf_req_diff *
cf_diff_find(const struct cf_diff *d, const char *id)
{
	struct cf_req_diff		 k;
	const struct cf_req_diff	*kp = &k;
	struct cf_req_diff *const	*hit;

	k.id = id;
	hit = bsearch(&kp, d->byid, d->nreqs, sizeof(*d->byid), req_diff_cmp);
	return hit != NULL ? *hit : NULL;
}

struct lines {
	struct cf_arena		*a;
	const char		*arrow;
	struct cf_diff_line	*v;
	size_t			 n, cap;
};

static void
line_add(struct lines *l, const char *kind, const char *id, bool stricter,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
line_add(struct lines *l, const char *kind, const char *id, bool stricter,
    const char *fmt, ...)
{
	struct cf_diff_line	*dl;
	va_list			 ap;

	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->v = cf_xrealloc(l->v, l->cap * sizeof(*l->v));
	}
	dl = &l->v[l->n++];
	va_start(ap, fmt);
	dl->text = cf_arena_vprintf(l->a, fmt, ap);
	va_end(ap);
	dl->kind = kind;
	dl->id = id;
	dl->stricter = stricter;
	dl->error = false;
}

/* "M", or "M (A below)" */
static const char *
below_label(struct cf_arena *a, const struct cf_requirement *q)
{
	if (q->below == NULL)
		return q->category;
	return cf_arena_printf(a, "%s (%s below)", q->category, q->below);
}

static void
lines_req(struct lines *l, const struct cf_diff *d,
    const struct cf_req_diff *rd)
{
	const struct cf_requirement	*o = rd->old, *n = rd->new;
	const char			*id = rd->id, *arrow = l->arrow;

	char				 c1[64], c2[64];

	if ((rd->changes & CF_RD_ADDED) && n->status == CF_STATUS_ACTIVE)
		line_add(l, "requirement", id, false, "added (class%s %s, "
		    "category %s, applicability %s)", n->has_levels ? "es" : "",
		    n->has_levels ? cf_class_label(n, c1, sizeof(c1)) :
		    cf_arena_printf(l->a, "%ld", n->class_id), n->category,
		    cf_diff_applic_label(l->a, n));
	else if (rd->changes & CF_RD_ADDED)
		line_add(l, "requirement", id, false, "added as %s",
		    cf_diff_status_name(n->status));
	if (rd->changes & CF_RD_VANISHED) {
		line_add(l, "requirement", id, false, "disappeared from %s %s "
		    "(an id must never vanish)", d->new->id, d->new->version);
		l->v[l->n - 1].error = true;
	}
	if (rd->changes & CF_RD_STATUS)
		line_add(l, "requirement", id, false, "%s (was %s)",
		    n->status == CF_STATUS_ACTIVE ? "reinstated" :
		    cf_diff_status_name(n->status),
		    cf_diff_status_name(o->status));
	if (rd->changes & CF_RD_TITLE)
		line_add(l, "requirement", id, false, "title %s %s %s",
		    o->title != NULL ? o->title : "(none)", arrow,
		    n->title != NULL ? n->title : "(none)");
	if (rd->changes & CF_RD_TEXT)
		line_add(l, "requirement", id, false, "text changed");
	if ((rd->changes & CF_RD_CLASS) && !o->has_levels && !n->has_levels)
		line_add(l, "requirement", id, rd->stricter & CF_RD_CLASS,
		    "class %ld %s %ld", o->class_id, arrow, n->class_id);
	else if (rd->changes & CF_RD_CLASS)
		line_add(l, "requirement", id, rd->stricter & CF_RD_CLASS,
		    "classes %s %s %s", cf_class_label(o, c1, sizeof(c1)),
		    arrow, cf_class_label(n, c2, sizeof(c2)));
	if (rd->changes & CF_RD_CATEGORY)
		line_add(l, "requirement", id, rd->stricter & CF_RD_CATEGORY,
		    "category %s %s %s", below_label(l->a, o), arrow,
		    below_label(l->a, n));
	if (rd->changes & CF_RD_CONDITION)
		line_add(l, "requirement", id,
		    rd->stricter & CF_RD_CONDITION, "condition %s %s %s",
		    o->cond != NULL ? o->condition.s : "(none)", arrow,
		    n->cond != NULL ? n->condition.s : "(none)");
	if (rd->changes & CF_RD_APPLIC)
		line_add(l, "requirement", id, rd->stricter & CF_RD_APPLIC,
		    "applicability %s %s %s", cf_diff_applic_label(l->a, o),
		    arrow, cf_diff_applic_label(l->a, n));
}

static const char *const kind_names[] = {
	"catalogue", "section", "class", "category", "answer"
};

static void
lines_other(struct lines *l, const struct cf_change *c)
{
	const char	*kind = kind_names[c->kind];

	switch (c->op) {
	case CF_OP_ADDED:
		line_add(l, kind, c->id, c->stricter, "added \"%s\"",
		    cf_fold_space(l->a, c->now));
		break;
	case CF_OP_REMOVED:
		line_add(l, kind, c->id, c->stricter, "removed \"%s\"",
		    cf_fold_space(l->a, c->was));
		break;
	case CF_OP_CHANGED:
		if (c->md)
			line_add(l, kind, c->id, c->stricter, "%s changed",
			    c->what);
		else
			line_add(l, kind, c->id, c->stricter,
			    "%s \"%s\" %s \"%s\"", c->what,
			    cf_fold_space(l->a, c->was), l->arrow,
			    cf_fold_space(l->a, c->now));
		break;
	}
}

size_t
cf_diff_lines(const struct cf_diff *d, struct cf_arena *a, const char *arrow,
    struct cf_diff_line **out)
{
	struct lines	 l;
	size_t		 i;

	memset(&l, 0, sizeof(l));
	l.a = a;
	l.arrow = arrow;
	for (i = 0; i < d->nreqs; i++)
		lines_req(&l, d, &d->reqs[i]);
	for (i = 0; i < d->nother; i++)
		lines_other(&l, &d->other[i]);
	*out = cf_arena_alloc(a, (l.n + 1) * sizeof(**out));
	if (l.n > 0)
		memcpy(*out, l.v, l.n * sizeof(**out));
	free(l.v);
	return l.n;
}

void
cf_diff_summary(const struct cf_diff *d, struct cf_buf *b)
{
	struct cf_diff_line	*v;
	struct cf_arena		 a;
	size_t			 i, n;

	cf_arena_init(&a);
	n = cf_diff_lines(d, &a, "->", &v);
	for (i = 0; i < n; i++)
		cf_buf_printf(b, "%s %s: %s%s\n", v[i].kind, v[i].id,
		    v[i].text, v[i].stricter ? " (stricter)" : "");
	cf_arena_free(&a);
}

/* Word diff. */

struct words {
	const char	**w;
	size_t		 *len;
	size_t		  n;
};

static void
split_words(struct cf_arena *a, const char *text, struct words *ws)
{
	char	*s = cf_fold_space(a, text), *p;
	size_t	 n = *s != '\0', i = 0;

	for (p = s; *p != '\0'; p++)
		n += *p == ' ';
	ws->w = cf_arena_alloc(a, (n + 1) * sizeof(*ws->w));
	ws->len = cf_arena_alloc(a, (n + 1) * sizeof(*ws->len));
	ws->n = n;
	for (p = s; i < n; i++) {
		char	*e = strchr(p, ' ');

		ws->w[i] = p;
		ws->len[i] = e != NULL ? (size_t)(e - p) : strlen(p);
		p += ws->len[i] + 1;
	}
}

static bool
word_eq(const struct words *x, size_t i, const struct words *y, size_t j)
{
	return x->len[i] == y->len[j] &&
	    memcmp(x->w[i], y->w[j], x->len[i]) == 0;
}

/*
 * The diff as alternating blocks: common words, or a change that replaces
 * old words [olo, ohi) with new words [nlo, nhi).  Both are ranges, so
 * merging a change, a common block and a change is one wider change.
 */
struct block {
	bool	 same;
	size_t	 olo, ohi, nlo, nhi;
};

struct blocks {
	struct block	*v;
	size_t		 n, cap;
};

static void
block_add(struct blocks *b, bool same, size_t i, size_t j)
{
	struct block	*last = b->n > 0 ? &b->v[b->n - 1] : NULL;

	if (last == NULL || last->same != same) {
		if (b->n == b->cap) {
			b->cap = b->cap ? b->cap * 2 : 16;
			b->v = cf_xrealloc(b->v, b->cap * sizeof(*b->v));
		}
		last = &b->v[b->n++];
		last->same = same;
		last->olo = last->ohi = i;
		last->nlo = last->nhi = j;
	}
	last->ohi = i;
	last->nhi = j;
}

/*
 * Walks old[olo..ohi) x new[nlo..nhi) along an LCS computed backwards by
 * dynamic programming, recording (after each step) how far each side got.
 * Past the size bound the whole middle is one change.
 */
static void
lcs_middle(struct blocks *b, const struct words *o, size_t olo, size_t ohi,
    const struct words *n, size_t nlo, size_t nhi)
{
	size_t		 rows = ohi - olo, cols = nhi - nlo, i, j, w = cols + 1;
	uint32_t	*t;

	if (rows == 0 || cols == 0 || rows > LCS_MAX_CELLS / cols) {
		if (rows > 0 || cols > 0)
			block_add(b, false, ohi, nhi);
		return;
	}
	t = cf_xcalloc((rows + 1) * w, sizeof(*t));
	for (i = rows; i-- > 0;)
		for (j = cols; j-- > 0;)
			t[i * w + j] = word_eq(o, olo + i, n, nlo + j) ?
			    t[(i + 1) * w + j + 1] + 1 :
			    (t[(i + 1) * w + j] >= t[i * w + j + 1] ?
			    t[(i + 1) * w + j] : t[i * w + j + 1]);
	i = j = 0;
	while (i < rows || j < cols) {
		if (i < rows && j < cols && word_eq(o, olo + i, n, nlo + j)) {
			i++, j++;
			block_add(b, true, olo + i, nlo + j);
		} else {
			if (i < rows && (j == cols ||
			    t[(i + 1) * w + j] >= t[i * w + j + 1]))
				i++;
			else
				j++;
			block_add(b, false, olo + i, nlo + j);
		}
	}
	free(t);
}

static size_t
span_chars(const struct words *ws, size_t lo, size_t hi)
{
	size_t	 n = 0;

	for (; lo < hi; lo++)
		n += ws->len[lo] + 1;
	return n;
}

static size_t
change_chars(const struct block *c, const struct words *o,
    const struct words *n)
{
	size_t	 d = span_chars(o, c->olo, c->ohi);
	size_t	 i = span_chars(n, c->nlo, c->nhi);

	return d > i ? d : i;
}

/*
 * A common run no longer than the changes on both sides of it ("the",
 * "is") reads better inside one change than as a match that splits the
 * sentence into fragments (the semantic clean-up of diff-match-patch).
 */
static void
absorb_short_matches(struct blocks *b, const struct words *o,
    const struct words *n)
{
	size_t	 k = 1, eq;

	while (k + 1 < b->n) {
		struct block	*prev = &b->v[k - 1], *next = &b->v[k + 1];

		eq = span_chars(o, b->v[k].olo, b->v[k].ohi);
		if (!b->v[k].same || eq > change_chars(prev, o, n) ||
		    eq > change_chars(next, o, n)) {
			k++;
			continue;
		}
		prev->ohi = next->ohi;
		prev->nhi = next->nhi;
		memmove(&b->v[k], &b->v[k + 2],
		    (b->n - k - 2) * sizeof(*b->v));
		b->n -= 2;
		/* The wider change may now swallow the match before it. */
		if (k >= 3)
			k -= 2;
	}
}

struct run_list {
	struct cf_arena		*arena;
	struct cf_wd_run	*v;
	size_t			 n;
};

static void
run_add(struct run_list *rl, enum cf_wd_op op, const struct words *ws,
    size_t lo, size_t hi)
{
	struct cf_buf	 t;

	if (lo == hi)
		return;
	cf_buf_init(&t);
	for (; lo < hi; lo++) {
		if (t.len > 0)
			cf_buf_putc(&t, ' ');
		cf_buf_put(&t, ws->w[lo], ws->len[lo]);
	}
	rl->v[rl->n].op = op;
	rl->v[rl->n].text = cf_arena_strndup(rl->arena, t.data, t.len);
	rl->n++;
	cf_buf_free(&t);
}

size_t
cf_word_diff(struct cf_arena *a, const char *old, const char *new,
    struct cf_wd_run **out)
{
	struct words	 o, n;
	struct blocks	 b = { NULL, 0, 0 };
	struct run_list	 rl;
	size_t		 pre = 0, suf = 0, i;

	split_words(a, old, &o);
	split_words(a, new, &n);
	while (pre < o.n && pre < n.n && word_eq(&o, pre, &n, pre))
		pre++;
	while (suf < o.n - pre && suf < n.n - pre &&
	    word_eq(&o, o.n - 1 - suf, &n, n.n - 1 - suf))
		suf++;
	if (pre > 0)
		block_add(&b, true, pre, pre);
	lcs_middle(&b, &o, pre, o.n - suf, &n, pre, n.n - suf);
	if (suf > 0)
		block_add(&b, true, o.n, n.n);
	/* Blocks were recorded by end only; each starts where one ended. */
	for (i = 0; i < b.n; i++) {
		b.v[i].olo = i > 0 ? b.v[i - 1].ohi : 0;
		b.v[i].nlo = i > 0 ? b.v[i - 1].nhi : 0;
	}
	absorb_short_matches(&b, &o, &n);
	rl.arena = a;
	rl.n = 0;
	rl.v = cf_arena_alloc(a, (2 * b.n + 1) * sizeof(*rl.v));
	for (i = 0; i < b.n; i++)
		if (b.v[i].same)
			run_add(&rl, CF_WD_SAME, &o, b.v[i].olo, b.v[i].ohi);
		else {
			run_add(&rl, CF_WD_DEL, &o, b.v[i].olo, b.v[i].ohi);
			run_add(&rl, CF_WD_INS, &n, b.v[i].nlo, b.v[i].nhi);
		}
	free(b.v);
	*out = rl.v;
	return rl.n;
}
