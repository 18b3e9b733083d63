/*
 * view.c -- building the template data tree from the model.
 *
 * Every name set here is documented in templates/README.md; a renamed or
 * added key must change both.  Absent values are null rather than "" so a
 * template can test them with {{#key}} and {{^key}}.
 */
#include "view.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "diag.h"
#include "locale.h"
#include "mustache.h"
#include "richtext.h"
#include "templates.h"

/* Codes of one condition the guide's filter enumerates (2^n sets). */
#define CF_VIEW_MAX_FILTER_CODES	8

/*
 * The keys of the large maps, at most: sized so, a map is filled without
 * growing (more would still fit).
 */
#define ROOT_KEYS		32
#define CATALOGUE_KEYS		64
#define CLASS_KEYS		16
#define REQUIREMENT_KEYS	64
#define ANSWER_KEYS		32

/* Messages filled with a value that repeats (msg1_memo): the last few. */
#define MSG_MEMO	8

struct msg_memo {
	const char	*name, *val, *text;
};

struct view {
	struct cf_arena			*a;
	const struct cf_locale		*loc;
	const struct cf_view_spec	*spec;
	const struct cf_catalogue	*cat;
	/* the condition filter's CSS rules of the section being built */
	struct cf_value			*rules;
	/*
	 * What requirements share, made once per view: the label of each
	 * class ("1 and above"), by class index; the messages of msg1_memo;
	 * the evidence items, by their reference: paths' [0], URLs' [1].
	 */
	const char			**class_labels;
	struct msg_memo			 msgs[MSG_MEMO];
	size_t				 nextmsg;
	struct cf_value			*evidence[2];
};

/*
 * The keys of an md field's forms, spelled out at compile time: a view
 * sets four per field, thousands in all.
 */
struct rich_key {
	const char	*s;
	size_t		 len;
};
struct rich_keys {
	struct rich_key	 html, md, cell, more;
};
#define RICH_KEY(s)	{ s, sizeof(s) - 1 }
#define RICH_KEYS(prefix) (&(const struct rich_keys){			\
	RICH_KEY(prefix "_html"), RICH_KEY(prefix "_md"),		\
	RICH_KEY(prefix "_cell"), RICH_KEY(prefix "_more_md") })

static void
set_rich_form(struct view *v, struct cf_value *map, const struct rich_key *k,
    const char *s)
{
	cf_value_seth(v->a, map, k->s, k->len, cf_value_hash(k->s, k->len),
	    cf_value_ref(v->a, s));
}

/*
 * An md field in the forms the document's format prints (null when the
 * field says nothing): `_html`; or `_md`, and for a table cell `_cell`
 * with the blocks a cell cannot hold in `_more_md`.  The forms live in
 * the rich-text memo or the view's arena: not copied.
 */
static void
set_rich(struct view *v, struct cf_value *map, const struct rich_keys *k,
    const char *md)
{
	struct cf_rich	 r;
	unsigned	 forms = v->spec->rich != 0 ? v->spec->rich :
			    CF_RICH_HTML | CF_RICH_MD;

	memset(&r, 0, sizeof(r));
	if (!cf_blank(md))
		cf_rich_render(v->a, md, forms, &r);
	if (r.html != NULL && *r.html == '\0')
		r.html = NULL;
	if (r.md != NULL && *r.md == '\0')
		r.md = r.cell = r.more = NULL;
	if (r.cell != NULL && *r.cell == '\0' && r.more == NULL)
		r.cell = NULL;
	set_rich_form(v, map, &k->html, r.html);
	set_rich_form(v, map, &k->md, r.md);
	set_rich_form(v, map, &k->cell, r.cell);
	set_rich_form(v, map, &k->more, r.more);
}

/* A date as the language writes it under key, and as ISO under iso. */
static void
set_date(struct view *v, struct cf_value *map, const char *key,
    const char *iso, const struct cf_date *d)
{
	char	 buf[16];

	cf_value_set_ref(v->a, map, key, cf_locale_date(v->a, v->loc, d));
	cf_value_set_str(v->a, map, iso, d->year != 0 ? cf_date_str(d, buf) :
	    NULL);
}

/* A message with one placeholder filled in. */
static const char *
msg1(struct view *v, const char *name, const char *key, const char *val)
{
	const char	*params[] = { key, val, NULL };

	return cf_msgf(v->a, v->loc, name, -1, params);
}

/*
 * The same for a value many requirements share (a class label, "All
 * markets"): filled once, while it is among the last few asked for.
 */
static const char *
msg1_memo(struct view *v, const char *name, const char *key,
    const char *val)
{
	struct msg_memo	*m;
	size_t		 i;

	for (i = 0; i < MSG_MEMO; i++) {
		m = &v->msgs[i];
		if (m->name != NULL && strcmp(m->name, name) == 0 &&
		    strcmp(m->val, val) == 0)
			return m->text;
	}
	m = &v->msgs[v->nextmsg++ % MSG_MEMO];
	m->name = name;
	m->val = val;
	m->text = msg1(v, name, key, val);
	return m->text;
}

static void
set_count(struct view *v, struct cf_value *map, const char *key, size_t n)
{
	cf_value_set(v->a, map, key, cf_value_count(v->a, n));
}

/* A class number or a revision. */
static struct cf_value *
number(struct view *v, long n)
{
	char	 buf[CF_DECIMAL_SIZE];

	return cf_value_ref(v->a, cf_arena_strdup(v->a, cf_decimal(buf, n)));
}

/* prefix, s and suffix as one string: anchors and file names. */
static struct cf_value *
joined(struct view *v, const char *prefix, const char *s, const char *suffix)
{
	size_t	 np = strlen(prefix), ns = strlen(s), nx = strlen(suffix);
	char	*j = cf_arena_alloc_raw(v->a, np + ns + nx + 1);

	memcpy(j, prefix, np);
	memcpy(j + np, s, ns);
	memcpy(j + np + ns, suffix, nx + 1);
	return cf_value_ref(v->a, j);
}

/* An address usable as href, percent-encoded, or NULL. */
static const char *
href_of(struct view *v, const char *url)
{
	const char	*s;
	char		*enc;

	if (url == NULL || *url == '\0' || !cf_url_scheme_ok(url))
		return NULL;
	enc = cf_url_encode(url);
	s = cf_arena_strdup(v->a, enc);
	free(enc);
	return s;
}

/*
 * A class by its title and number, as the PDF names it: "L1 (class 1)",
 * "All (class 0)" -- the number the requirements' "1 and above" and
 * "1, 2, 3" refer to -- but "Class 2", never "Class 2 (class 2)".
 */
static const char *
class_name(struct view *v, const struct cf_class *k)
{
	if (cf_class_title_is_number(k))
		return k->title;
	return cf_msgf(v->a, v->loc, "class_of_claim", -1,
	    (const char *const[]){ "class", k->title, "class_id",
	    cf_arena_printf(v->a, "%ld", k->id), NULL });
}

static struct cf_value *
class_value(struct view *v, const struct cf_class *c, size_t idx)
{
	struct cf_value	*m = cf_value_map_sized(v->a, CLASS_KEYS);
	struct cf_value	*obj;

	cf_value_set(v->a, m, "id", number(v, c->id));
	cf_value_set_ref(v->a, m, "title", c->title);
	cf_value_set_ref(v->a, m, "name", class_name(v, c));
	set_rich(v, m, RICH_KEYS("description"), c->description);
	if (c->confidentiality != NULL || c->integrity != NULL ||
	    c->availability != NULL) {
		obj = cf_value_set(v->a, m, "objectives", cf_value_map(v->a));
		cf_value_set_ref(v->a, obj, "confidentiality",
		    c->confidentiality);
		cf_value_set_ref(v->a, obj, "integrity", c->integrity);
		cf_value_set_ref(v->a, obj, "availability", c->availability);
	} else
		cf_value_set(v->a, m, "objectives", cf_value_null());
	set_count(v, m, "applicable_count", cf_class_applicable(v->cat, idx));
	return m;
}

/* "1 requirement", "8 requirements": a count with its noun. */
static void
set_count_label(struct view *v, struct cf_value *map, const char *key,
    size_t n, const char *one, const char *many)
{
	cf_value_set(v->a, map, key, cf_value_strf(v->a, "%zu %s", n,
	    n == 1 ? one : many));
}

static struct cf_value *
category_counts(struct view *v, const struct cf_section *only)
{
	struct cf_value	*list = cf_value_list(v->a), *m;
	size_t		 i;

	for (i = 0; i < v->cat->ncategories; i++) {
		m = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, m, "code", v->cat->categories[i].code);
		cf_value_set_ref(v->a, m, "title", v->cat->categories[i].title);
		cf_value_set_bool(v->a, m, "required",
		    v->cat->categories[i].required);
		set_count(v, m, "count", cf_count_active(v->cat, only, i));
	}
	return list;
}

static const char *
applic_title(const struct cf_catalogue *cat, const char *code)
{
	size_t	 i;

	for (i = 0; i < cat->napplics; i++)
		if (strcmp(cat->applics[i].code, code) == 0)
			return cat->applics[i].title;
	return code;
}

static void
catalogue_value(struct view *v, struct cf_value *root)
{
	const struct cf_catalogue *cat = v->cat;
	struct cf_value	*m, *list, *item, *al;
	struct cf_buf	 codes;
	size_t		 i, j;
	bool		 objectives = false, levels = false;

	m = cf_value_set(v->a, root, "catalogue",
	    cf_value_map_sized(v->a, CATALOGUE_KEYS));
	cf_value_set_ref(v->a, m, "id", cat->id);
	cf_value_set_ref(v->a, m, "title", cat->title);
	cf_value_set_ref(v->a, m, "publisher", cat->publisher);
	cf_value_set_ref(v->a, m, "version", cat->version);
	set_date(v, m, "released", "released_iso", &cat->released);
	cf_value_set_ref(v->a, m, "url", cat->url);
	cf_value_set_ref(v->a, m, "href", href_of(v, cat->url));
	cf_value_set_ref(v->a, m, "url_md", cat->url == NULL ? NULL :
	    cf_rich_inline_cell(v->a, cat->url, cat->url));
	set_rich(v, m, RICH_KEYS("notice"), cat->notice);
	set_rich(v, m, RICH_KEYS("licence"), cat->licence);
	set_count(v, m, "section_count", cat->nsections);
	set_count(v, m, "requirement_count", cf_count_reqs(cat, NULL));
	set_count(v, m, "active_count", cf_count_active(cat, NULL, CF_NONE));
	set_count_label(v, m, "requirement_count_label",
	    cf_count_reqs(cat, NULL), "requirement", "requirements");
	set_count_label(v, m, "active_count_label",
	    cf_count_active(cat, NULL, CF_NONE), "requirement",
	    "requirements");
	for (i = 0; i < cat->nreqs; i++) {
		if (cat->reqs[i]->has_levels)
			levels = true;
	}
	/*
	 * A catalogue that names no markets has nothing to say per
	 * requirement about them: no column, no "All" on every row.
	 */
	cf_value_set_bool(v->a, m, "has_applicability",
	    cf_catalogue_has_applicability(cat));
	cf_value_set_bool(v->a, m, "has_levels", levels);
	cf_value_set_bool(v->a, m, "has_conditions", cat->nconditions > 0);
	list = cf_value_set(v->a, m, "conditions", cf_value_list(v->a));
	for (i = 0; i < cat->nconditions; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		set_count(v, item, "index", i);
		cf_value_set_ref(v->a, item, "code", cat->conditions[i].code);
		cf_value_set_ref(v->a, item, "title",
		    cat->conditions[i].title);
		set_rich(v, item, RICH_KEYS("description"),
		    cat->conditions[i].description);
	}

	list = cf_value_set(v->a, m, "classes", cf_value_list(v->a));
	for (i = 0; i < cat->nclasses; i++) {
		item = cf_value_push(v->a, list,
		    class_value(v, &cat->classes[i], i));
		if (cf_value_get(item, "objectives")->type == CF_V_MAP)
			objectives = true;
	}
	cf_value_set_bool(v->a, m, "has_objectives", objectives);
	/* One class ("All", an OSCAL import): nothing to filter by. */
	cf_value_set_bool(v->a, m, "has_class_choice", cat->nclasses > 1);
	cf_value_set(v->a, m, "categories", category_counts(v, NULL));

	list = cf_value_set(v->a, m, "applicability", cf_value_list(v->a));
	for (i = 0; i < cat->napplics; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "code", cat->applics[i].code);
		cf_value_set_ref(v->a, item, "title", cat->applics[i].title);
	}

	cf_buf_init(&codes);
	list = cf_value_set(v->a, m, "answers", cf_value_list(v->a));
	for (i = 0; i < cat->nanswers; i++) {
		const struct cf_answer_code *ac = &cat->answers[i];

		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "code", ac->code);
		cf_value_set_ref(v->a, item, "title", ac->title);
		cf_value_set_bool(v->a, item, "meets", ac->meets);
		cf_value_set_bool(v->a, item, "needs_justification",
		    ac->needs_justification);
		al = cf_value_set(v->a, item, "aliases", cf_value_list(v->a));
		for (j = 0; j < ac->naliases; j++)
			cf_value_push(v->a, al,
			    cf_value_ref(v->a, ac->aliases[j]));
		al = cf_value_set(v->a, item, "alias_notes",
		    cf_value_list(v->a));
		for (j = 0; j < ac->naliases; j++)
			cf_value_push(v->a, al, cf_value_ref(v->a, msg1(v,
			    "also_written", "code", ac->aliases[j])));
		cf_buf_printf(&codes, "%s%s", i > 0 ? " / " : "", ac->code);
	}
	cf_value_set_str(v->a, m, "answer_codes",
	    codes.data != NULL ? codes.data : "");
	cf_buf_free(&codes);
}

/* The conditions an expression names (by index), each once. */
struct cond_codes {
	size_t	 idx[CF_VIEW_MAX_FILTER_CODES];
	size_t	 n;
	bool	 too_many;
};

static void
collect_code(struct cf_cond *c, void *ctx)
{
	struct cond_codes	*cc = ctx;
	size_t			 i;

	for (i = 0; i < cc->n; i++)
		if (cc->idx[i] == c->idx)
			return;
	if (cc->n == CF_VIEW_MAX_FILTER_CODES)
		cc->too_many = true;
	else
		cc->idx[cc->n++] = c->idx;
}

static unsigned
bits(unsigned x)
{
	unsigned	 n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

/*
 * Can the expression still be true when the conditions of `off` (a
 * bit set over cc->idx) are false and the others take any value?
 */
static bool
cond_possible(const struct cf_cond *cond, const struct cond_codes *cc,
    unsigned off, bool *values)
{
	unsigned	 set, free = ((1u << cc->n) - 1) & ~off;
	size_t		 i;

	/* Every subset of the free conditions, the empty one included. */
	set = free;
	for (;;) {
		for (i = 0; i < cc->n; i++)
			values[cc->idx[i]] = (set >> i & 1u) != 0;
		if (cf_cond_eval(cond, values))
			return true;
		if (set == 0)
			return false;
		set = (set - 1) & free;
	}
}

/*
 * The guide's condition filter (a box per condition: "the product does
 * not meet it"): the smallest sets of conditions whose being false rules
 * the requirement out, as tokens "off-0-3", and each set's CSS rule into
 * `rules`, once per page.
 */
static void
condition_tokens(struct view *v, const struct cf_requirement *r,
    struct cf_buf *tok, struct cf_value *rules)
{
	struct cond_codes	 cc;
	bool			*values;
	unsigned		 off, k, kill[1u << CF_VIEW_MAX_FILTER_CODES];
	size_t			 i, nkill = 0, j;
	struct cf_buf		 t, rule;
	const struct cf_value	*e;

	if (r->cond == NULL || v->cat->nconditions == 0)
		return;
	memset(&cc, 0, sizeof(cc));
	cf_cond_walk(r->cond, collect_code, &cc);
	for (i = 0; i < cc.n; i++)
		if (cc.idx[i] >= v->cat->nconditions)
			return;
	if (cc.too_many)	/* too many to enumerate: never hidden */
		return;
	values = cf_xcalloc(v->cat->nconditions, sizeof(*values));
	/* Subsets by size, so a superset of a killing set is skipped. */
	for (k = 1; k <= cc.n; k++)
		for (off = 1; off < (1u << cc.n); off++) {
			if (bits(off) != k)
				continue;
			for (j = 0; j < nkill; j++)
				if ((kill[j] & off) == kill[j])
					break;
			if (j < nkill || cond_possible(r->cond, &cc, off,
			    values))
				continue;
			kill[nkill++] = off;
		}
	free(values);
	for (j = 0; j < nkill; j++) {
		cf_buf_init(&t);
		cf_buf_init(&rule);
		cf_buf_puts(&t, "off");
		cf_buf_puts(&rule, "main");
		for (i = 0; i < cc.n; i++)
			if (kill[j] >> i & 1u) {
				cf_buf_printf(&t, "-%zu", cc.idx[i]);
				cf_buf_printf(&rule, ":has(#no-%zu:checked)",
				    cc.idx[i]);
			}
		cf_buf_printf(&rule, " .filterable.%s { display: none; }",
		    t.data);
		cf_buf_printf(tok, " %s", t.data);
		if (rules != NULL) {
			for (i = 0; i < rules->n; i++) {
				e = rules->items[i];
				if (strcmp(e->s, rule.data) == 0)
					break;
			}
			if (i == rules->n)
				cf_value_push(v->a, rules,
				    cf_value_str(v->a, rule.data));
		}
		cf_buf_free(&t);
		cf_buf_free(&rule);
	}
}

/*
 * "in-2 in-3": the classes whose claim must answer an active requirement
 * (cf_scope: class, levels and `below`; a condition the product may meet
 * does not rule it out), then the condition filter's tokens.
 */
static const char *
filter_tokens(struct view *v, const struct cf_requirement *r,
    struct cf_value *rules)
{
	struct cf_buf	 b;
	struct cf_claim	 claim;
	const char	*s;
	char		 num[CF_DECIMAL_SIZE];
	size_t		 i;

	if (r->status != CF_STATUS_ACTIVE)
		return "";
	cf_buf_init(&b);
	for (i = 0; i < v->cat->nclasses; i++) {
		claim = cf_class_claim(i);
		if (!cf_applies(v->cat, r, &claim))
			continue;
		cf_buf_puts(&b, b.len > 0 ? " in-" : "in-");
		cf_buf_puts(&b, cf_decimal(num, v->cat->classes[i].id));
	}
	condition_tokens(v, r, &b, rules);
	s = cf_arena_strdup(v->a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

static void
set_applicability(struct view *v, struct cf_value *m,
    const struct cf_requirement *r)
{
	struct cf_value	*list, *item;
	struct cf_buf	 label;
	const char	*text;
	size_t		 i;

	list = cf_value_set(v->a, m, "applicability", cf_value_list(v->a));
	cf_buf_init(&label);
	for (i = 0; i < r->napplicability; i++) {
		const char *title = applic_title(v->cat, r->applicability[i]);

		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "code", r->applicability[i]);
		cf_value_set_ref(v->a, item, "title", title);
		if (i > 0)
			cf_buf_puts(&label, ", ");
		cf_buf_puts(&label, title);
	}
	cf_value_set_bool(v->a, m, "applicability_tbd", r->applic_tbd);
	text = r->applic_tbd ? cf_msg(v->loc, "applicability_tbd") :
	    label.len > 0 ? cf_arena_strndup(v->a, label.data, label.len) :
	    cf_msg(v->loc, "applicability_all");
	cf_buf_free(&label);
	cf_value_set_ref(v->a, m, "applicability_label", text);
	cf_value_set_ref(v->a, m, "applicability_text", msg1_memo(v,
	    "applicability_label", "applicability", text));
}

static void
set_status(struct view *v, struct cf_value *m, const struct cf_requirement *r)
{
	static const char *const names[] = { "active", "reserved",
	    "withdrawn" };
	static const char *const labels[] = { NULL, "status_reserved",
	    "status_withdrawn" };

	cf_value_set_ref(v->a, m, "status", names[r->status]);
	cf_value_set_ref(v->a, m, "status_label", labels[r->status] != NULL ?
	    cf_msg(v->loc, labels[r->status]) : NULL);
	cf_value_set_bool(v->a, m, "active", r->status == CF_STATUS_ACTIVE);
	cf_value_set_bool(v->a, m, "inactive", r->status != CF_STATUS_ACTIVE);
	cf_value_set_bool(v->a, m, "reserved", r->status == CF_STATUS_RESERVED);
	cf_value_set_bool(v->a, m, "withdrawn",
	    r->status == CF_STATUS_WITHDRAWN);
	set_rich(v, m, RICH_KEYS("note"), r->note);
}

/*
 * An evidence path or address for HTML: escaped, with a <wbr> after each
 * '/', '-', '_' or '.' that more of the name follows, so a narrow column
 * breaks it between segments ("sicherheitsorganisation.md" whole) rather
 * than anywhere.  <wbr> adds no character: a copy keeps the name intact.
 */
static const char *
breakable_html(struct view *v, const char *ref)
{
	static const char	 seps[] = "/-_.";
	struct cf_buf		 b;
	const char		*p;
	char			*out;
	size_t			 n;

	cf_buf_init(&b);
	for (p = ref; *p != '\0'; p += n) {
		/* a segment with the separators ending it ("https://") */
		n = strcspn(p, seps);
		n += strspn(p + n, seps);
		cf_escape_html(&b, cf_arena_strndup(v->a, p, n));
		if (p[n] != '\0' && strchr(seps, p[n - 1]) != NULL)
			cf_buf_puts(&b, "<wbr>");
	}
	out = cf_arena_strdup(v->a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return out;
}

static struct cf_value *
evidence_item(struct view *v, const struct cf_evidence *e)
{
	struct cf_value	*item = cf_value_map(v->a);
	const char	*href;

	href = e->kind == CF_EVIDENCE_URL ? href_of(v, e->ref) : NULL;
	cf_value_set_ref(v->a, item, "ref", e->ref);
	cf_value_set_ref(v->a, item, "ref_html", breakable_html(v, e->ref));
	cf_value_set_ref(v->a, item, "href", href);
	cf_value_set_bool(v->a, item, "url", e->kind == CF_EVIDENCE_URL);
	cf_value_set_bool(v->a, item, "path", e->kind == CF_EVIDENCE_PATH);
	cf_value_set_ref(v->a, item, "cell", cf_rich_inline_cell(v->a, e->ref,
	    href));
	return item;
}

/*
 * An evidence item is the same wherever its reference is cited (products
 * cite the same few documents for hundreds of requirements): made once
 * per view, and shared.
 */
static struct cf_value *
evidence_memo(struct view *v, const struct cf_evidence *e)
{
	struct cf_value	**memo = &v->evidence[e->kind == CF_EVIDENCE_URL];
	const struct cf_value *item;

	if (*memo == NULL)
		*memo = cf_value_map(v->a);
	if ((item = cf_value_get(*memo, e->ref)) != NULL)
		return (struct cf_value *)item;	/* the memo's own */
	return cf_value_set(v->a, *memo, e->ref, evidence_item(v, e));
}

static void
set_evidence(struct view *v, struct cf_value *m, const struct cf_answer *ans)
{
	struct cf_value		*list, *item;
	struct cf_buf		 cell;
	size_t			 i;

	list = cf_value_set(v->a, m, "evidence", cf_value_list(v->a));
	cf_buf_init(&cell);
	for (i = 0; i < ans->nevidence; i++) {
		item = evidence_memo(v, &ans->evidence[i]);
		cf_value_push(v->a, list, item);
		if (i > 0)
			cf_buf_puts(&cell, cf_msg(v->loc, "list_sep"));
		cf_buf_puts(&cell, cf_value_get(item, "cell")->s);
	}
	cf_value_set_bool(v->a, m, "has_evidence", ans->nevidence > 0);
	cf_value_set_str(v->a, m, "evidence_cell", cell.data);
	cf_buf_free(&cell);
}

static struct cf_value *
answer_value(struct view *v, const struct cf_answer *ans)
{
	struct cf_value	*m = cf_value_map_sized(v->a, ANSWER_KEYS);

	cf_value_set_ref(v->a, m, "code", ans->acode->code);
	cf_value_set_ref(v->a, m, "title", ans->acode->title);
	cf_value_set_ref(v->a, m, "written", ans->code.s);
	cf_value_set_bool(v->a, m, "meets", ans->acode->meets);
	set_evidence(v, m, ans);
	set_rich(v, m, RICH_KEYS("note"), ans->note);
	set_rich(v, m, RICH_KEYS("justification"), ans->justification);
	cf_value_set_bool(v->a, m, "review", ans->review);
	return m;
}

/* The gate's findings about one requirement, in the gate's order. */
static struct cf_value *
blockers_of(struct view *v, const struct cf_requirement *r)
{
	struct cf_value		*list = cf_value_list(v->a), *item;
	const struct cf_blocker	*b = NULL;
	size_t			 i, n;

	n = cf_verdict_blockers(v->spec->verdict, r, &b);
	for (i = 0; i < n; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "message",
		    cf_msg_str_in(v->a, v->loc, &b[i].msg));
	}
	return list;
}

static void
set_claim_fields(struct view *v, struct cf_value *m,
    const struct cf_requirement *r)
{
	const struct cf_responses *resp = v->spec->resp;
	const struct cf_answer	*ans;
	struct cf_value		*bl;
	bool			 applies;
	size_t			 cg = CF_NONE;
	const char		*scope;
	enum cf_scope		 sc;

	sc = cf_scope(v->cat, r, &resp->claim, &cg);
	applies = sc == CF_SCOPE_APPLIES;
	ans = cf_responses_find(resp, r->id.s);
	if (ans != NULL && ans->acode == NULL)
		ans = NULL;
	/* 0.2's own cases (a false condition, `below`) as the scope says
	   them; else the requirement's status or whether it applies. */
	scope = sc == CF_SCOPE_CONDITION || (applies && cg != CF_NONE &&
	    cg != r->category_idx) ? cf_locale_scope_label(v->a, v->loc,
	    v->cat, r, sc, cg) : cf_msg(v->loc, r->status ==
	    CF_STATUS_RESERVED ? "status_reserved" : r->status ==
	    CF_STATUS_WITHDRAWN ? "status_withdrawn" : applies ?
	    "scope_applicable" : "scope_outside");
	cf_value_set_bool(v->a, m, "applies", applies);
	cf_value_set_bool(v->a, m, "outside_claim",
	    r->status == CF_STATUS_ACTIVE && !applies);
	cf_value_set_ref(v->a, m, "scope", scope);
	cf_value_set(v->a, m, "answer", ans != NULL ? answer_value(v, ans) :
	    cf_value_null());
	cf_value_set_bool(v->a, m, "not_assessed", applies && ans == NULL);
	bl = cf_value_set(v->a, m, "blockers", blockers_of(v, r));
	cf_value_set_bool(v->a, m, "blocked", bl->n > 0);
}

/* "2 and above": the same for every requirement of a class. */
static const char *
class_label(struct view *v, const struct cf_requirement *r)
{
	const char	**label;

	if (r->has_levels || r->class_idx >= v->cat->nclasses ||
	    v->cat->classes[r->class_idx].id != r->class_id)
		return cf_locale_class_label(v->a, v->loc, r);
	if (v->class_labels == NULL)
		v->class_labels = cf_arena_alloc(v->a, v->cat->nclasses *
		    sizeof(*v->class_labels));
	label = &v->class_labels[r->class_idx];
	if (*label == NULL)
		*label = cf_locale_class_label(v->a, v->loc, r);
	return *label;
}

/* Markdown has no indentation in a table cell: an arrow per level. */
static const char *
indent_md(struct view *v, unsigned depth)
{
	struct cf_buf	 b;
	const char	*s;
	unsigned	 i;

	cf_buf_init(&b);
	for (i = 1; i < depth; i++)
		cf_buf_puts(&b, "\xe2\x80\x83");	/* em space */
	cf_buf_puts(&b, "\xe2\x86\xb3 ");		/* rightwards arrow */
	s = cf_arena_strdup(v->a, b.data);
	cf_buf_free(&b);
	return s;
}

static struct cf_value *
requirement_value(struct view *v, const struct cf_requirement *r)
{
	const struct cf_catalogue *cat = v->cat;
	struct cf_value	*m = cf_value_map_sized(v->a, REQUIREMENT_KEYS);
	struct cf_value	*list, *item;
	struct cf_buf	 kw;
	const char	*label;
	size_t		 i;

	cf_value_set_ref(v->a, m, "id", r->id.s);
	cf_value_set_ref(v->a, m, "title", r->title);
	cf_value_set_ref(v->a, m, "label", cf_req_label(v->a, r));
	cf_value_set(v->a, m, "anchor", joined(v, "req-",
	    cf_id_slug(v->a, r->id.s), ""));
	cf_value_set_ref(v->a, m, "section_id", r->section->id.s);
	/* Nesting: children follow their parent in `requirements`. */
	set_count(v, m, "depth", r->depth);
	cf_value_set_bool(v->a, m, "nested", r->depth > 0);
	cf_value_set_bool(v->a, m, "has_children", r->nchildren > 0);
	cf_value_set_ref(v->a, m, "parent_id", r->parent != NULL ?
	    r->parent->id.s : NULL);
	cf_value_set_ref(v->a, m, "parent_slug", r->parent != NULL ?
	    cf_id_slug(v->a, r->parent->id.s) : NULL);
	/* `levels: []`: kept from a source (an OSCAL import) that no class selects */
	cf_value_set_bool(v->a, m, "no_levels", r->has_levels &&
	    r->nlevels == 0);
	cf_value_set_ref(v->a, m, "indent_md", r->depth == 0 ? NULL :
	    indent_md(v, r->depth));
	set_rich(v, m, RICH_KEYS("text"), r->text);
	cf_value_set_ref(v->a, m, "condition", r->cond != NULL ?
	    r->condition.s : NULL);
	cf_value_set_ref(v->a, m, "below_code", r->below != NULL &&
	    r->below_idx < cat->ncategories ?
	    cat->categories[r->below_idx].code : NULL);
	cf_value_set_ref(v->a, m, "below_title", r->below != NULL &&
	    r->below_idx < cat->ncategories ?
	    cat->categories[r->below_idx].title : NULL);
	if (r->below != NULL && r->below_idx < cat->ncategories) {
		const struct cf_category *bc = &cat->categories[r->below_idx];
		char		 cls[24];

		snprintf(cls, sizeof(cls), "%ld", r->class_id);
		/* "(A below)" after the class, "Advisory below class 2". */
		cf_value_set_ref(v->a, m, "below_label", cf_msgf(v->a, v->loc,
		    "class_below", -1, (const char *const[]){ "code",
		    bc->code, NULL }));
		cf_value_set_ref(v->a, m, "below_class_label", cf_msgf(v->a,
		    v->loc, "below_class", -1, (const char *const[]){
		    "category", bc->title, "class", cls, NULL }));
	}
	cf_value_set(v->a, m, "class", r->class_id < 0 ? cf_value_null() :
	    number(v, r->class_id));
	cf_value_set_ref(v->a, m, "class_title", r->class_idx < cat->nclasses ?
	    cat->classes[r->class_idx].title : NULL);
	label = class_label(v, r);
	cf_value_set_ref(v->a, m, "class_label", label);
	cf_value_set_ref(v->a, m, "class_text", msg1_memo(v, "class_label",
	    "class", label));
	cf_value_set_ref(v->a, m, "guidance_label", msg1(v, "guidance_for",
	    "requirement", r->id.s));
	cf_value_set_ref(v->a, m, "references_label", msg1(v,
	    "references_for", "requirement", r->id.s));
	cf_value_set_ref(v->a, m, "filter", filter_tokens(v, r, v->rules));
	if (r->category_idx < cat->ncategories) {
		const struct cf_category *c = &cat->categories[r->category_idx];

		cf_value_set_ref(v->a, m, "category_code", c->code);
		cf_value_set_ref(v->a, m, "category_title", c->title);
		cf_value_set_bool(v->a, m, "mandatory", c->required);
	}
	set_applicability(v, m, r);
	set_rich(v, m, RICH_KEYS("guidance"), r->guidance);

	list = cf_value_set(v->a, m, "references", cf_value_list(v->a));
	for (i = 0; i < r->nreferences; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "title", r->references[i].title);
		cf_value_set_ref(v->a, item, "url", r->references[i].url);
		cf_value_set_ref(v->a, item, "href",
		    href_of(v, r->references[i].url));
		/* Markdown lists them in one line, comma-separated. */
		cf_value_set_bool(v->a, item, "first", i == 0);
	}
	cf_value_set_bool(v->a, m, "has_references", r->nreferences > 0);

	cf_buf_init(&kw);
	list = cf_value_set(v->a, m, "keywords", cf_value_list(v->a));
	for (i = 0; i < r->nkeywords; i++) {
		cf_value_push(v->a, list, cf_value_ref(v->a, r->keywords[i]));
		if (i > 0)
			cf_buf_puts(&kw, ", ");
		cf_buf_puts(&kw, r->keywords[i]);
	}
	cf_value_set_str(v->a, m, "keywords_label", kw.data);
	cf_value_set_ref(v->a, m, "keywords_text", kw.data == NULL ? NULL :
	    msg1(v, "keywords", "keywords", kw.data));
	cf_buf_free(&kw);

	set_status(v, m, r);
	if (v->spec->resp != NULL)
		set_claim_fields(v, m, r);
	return m;
}

static struct cf_value *
code_counts(struct view *v, const size_t *by_code)
{
	struct cf_value	*list = cf_value_list(v->a), *item;
	size_t		 i;

	for (i = 0; i < v->cat->nanswers; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "code", v->cat->answers[i].code);
		cf_value_set_ref(v->a, item, "title", v->cat->answers[i].title);
		set_count(v, item, "count", by_code[i]);
	}
	return list;
}

static struct cf_value *
summary_value(struct view *v, size_t applicable, size_t not_assessed,
    const size_t *by_code)
{
	struct cf_value	*m = cf_value_map(v->a);

	set_count(v, m, "applicable", applicable);
	set_count(v, m, "not_assessed", not_assessed);
	set_count(v, m, "answered", applicable - not_assessed);
	cf_value_set(v->a, m, "counts", code_counts(v, by_code));
	return m;
}

static struct cf_value *
section_ref(struct view *v, const struct cf_section *s)
{
	struct cf_value	*m = cf_value_map(v->a);

	cf_value_set_ref(v->a, m, "id", s->id.s);
	cf_value_set_ref(v->a, m, "number", cf_section_number(v->a, s));
	cf_value_set_ref(v->a, m, "title", s->title);
	cf_value_set(v->a, m, "href", joined(v, "",
	    cf_id_slug(v->a, s->id.s), ".html"));
	return m;
}

static struct cf_value *
section_value(struct view *v, size_t idx)
{
	const struct cf_section	*s = &v->cat->sections[idx];
	const struct cf_tally	*t;
	struct cf_value		*m, *list;
	size_t			 i, nactive = cf_count_active(v->cat, s,
				    CF_NONE);
	static const size_t	 zero[1];

	m = section_ref(v, s);
	cf_value_set(v->a, m, "anchor", joined(v, "sec-",
	    cf_id_slug(v->a, s->id.s), ""));
	set_rich(v, m, RICH_KEYS("intro"), s->intro);
	set_count(v, m, "requirement_count", cf_count_reqs(v->cat, s));
	set_count(v, m, "active_count", nactive);
	cf_value_set_ref(v->a, m, "active_label", cf_msgf(v->a, v->loc,
	    "section_requirements", (long)nactive, NULL));
	cf_value_set_ref(v->a, m, "caption_blank", msg1(v,
	    "requirements_of_section", "section", cf_section_number(v->a, s)));
	cf_value_set_ref(v->a, m, "caption_completed", msg1(v,
	    "responses_for_section", "section", cf_section_number(v->a, s)));
	set_count_label(v, m, "active_count_label", nactive, "requirement",
	    "requirements");
	cf_value_set(v->a, m, "categories", category_counts(v, s));
	cf_value_set_bool(v->a, m, "current", s == v->spec->section);
	cf_value_set(v->a, m, "prev", idx > 0 ?
	    section_ref(v, &v->cat->sections[idx - 1]) : cf_value_null());
	cf_value_set(v->a, m, "next", idx + 1 < v->cat->nsections ?
	    section_ref(v, &v->cat->sections[idx + 1]) : cf_value_null());
	cf_value_set_bool(v->a, m, "has_neighbours", v->cat->nsections > 1);

	list = cf_value_set(v->a, m, "requirements", cf_value_list(v->a));
	v->rules = cf_value_set(v->a, m, "filter_rules", cf_value_list(v->a));
	/* Document order, each child right after its parent. */
	if (v->spec->requirements &&
	    (v->spec->section == NULL || v->spec->section == s))
		for (i = s->first; i < s->first + s->count; i++)
			cf_value_push(v->a, list,
			    requirement_value(v, v->cat->reqs[i]));
	v->rules = NULL;

	if (v->spec->resp != NULL) {
		t = cf_verdict_tally(v->spec->verdict, v->cat, s);
		cf_value_set(v->a, m, "summary", t != NULL ?
		    summary_value(v, t->applicable, t->not_assessed,
		    t->by_code) : summary_value(v, 0, 0, zero));
	}
	return m;
}

static void
product_value(struct view *v, struct cf_value *root)
{
	const struct cf_responses *resp = v->spec->resp;
	const struct cf_product	*p = &resp->product;
	const struct cf_claim	*cl = &resp->claim;
	struct cf_value		*m, *mf, *list, *item;
	const struct cf_class	*k;
	struct cf_buf		 conds;
	size_t			 i, j;
	const char		*contact = p->manufacturer.contact;
	const char		*ctext, *chref;

	m = cf_value_set(v->a, root, "product", cf_value_map(v->a));
	cf_value_set_ref(v->a, m, "id", p->id.s);
	cf_value_set_ref(v->a, m, "name", p->name);
	cf_value_set_ref(v->a, m, "model", p->model);
	cf_value_set_ref(v->a, m, "version", p->version);
	set_rich(v, m, RICH_KEYS("description"), p->description);
	set_date(v, m, "support_until", "support_until_iso",
	    &p->support_until);
	mf = cf_value_set(v->a, m, "manufacturer", cf_value_map(v->a));
	cf_value_set_ref(v->a, mf, "name", p->manufacturer.name);
	cf_value_set_ref(v->a, mf, "address", p->manufacturer.address);
	cf_value_set_ref(v->a, mf, "contact", contact);
	ctext = cf_contact_text(contact);
	/* A bare address in `contact` is most usefully a mail link. */
	chref = contact == NULL ? NULL : strchr(contact, ':') == NULL &&
	    strchr(contact, '@') != NULL && strpbrk(contact, " <>\"") == NULL ?
	    cf_arena_printf(v->a, "mailto:%s", contact) : href_of(v, contact);
	cf_value_set_ref(v->a, mf, "contact_text", ctext);
	cf_value_set_ref(v->a, mf, "contact_href", chref);
	cf_value_set_ref(v->a, mf, "url", p->manufacturer.url);
	cf_value_set_ref(v->a, mf, "href", href_of(v, p->manufacturer.url));
	/* Markdown: links whose addresses are percent-encoded, as in HTML. */
	cf_value_set_ref(v->a, mf, "contact_md", contact == NULL ? NULL :
	    cf_rich_inline_cell(v->a, ctext, chref));
	cf_value_set_ref(v->a, mf, "url_md", p->manufacturer.url == NULL ?
	    NULL : cf_rich_inline_cell(v->a, p->manufacturer.url,
	    p->manufacturer.url));

	m = cf_value_set(v->a, root, "claim", cf_value_map(v->a));
	cf_value_set(v->a, m, "class", number(v, cl->class_id));
	if (cl->class_idx < v->cat->nclasses) {
		k = &v->cat->classes[cl->class_idx];
		cf_value_set_ref(v->a, m, "class_title", k->title);
		cf_value_set_ref(v->a, m, "class_name", class_name(v, k));
		set_rich(v, m, RICH_KEYS("class_description"),
		    v->cat->classes[cl->class_idx].description);
	}
	cf_value_set_ref(v->a, m, "applicability", cl->applicability.s);
	/* The conditions as stated: "C1 holds; C2 does not hold". */
	list = cf_value_set(v->a, m, "conditions", cf_value_list(v->a));
	cf_buf_init(&conds);
	for (i = 0; i < cl->nconds; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "code", cl->conds[i].code.s);
		cf_value_set_bool(v->a, item, "holds", cl->conds[i].value);
		cf_buf_printf(&conds, "%s%s", i > 0 ? cf_msg(v->loc,
		    "list_sep") : "",
		    cf_msgf(v->a, v->loc, cl->conds[i].value ?
		    "condition_holds" : "condition_not_holds", -1,
		    (const char *const[]){ "code", cl->conds[i].code.s,
		    NULL }));
	}
	cf_value_set_str(v->a, m, "conditions_label", conds.data);
	cf_buf_free(&conds);
	cf_value_set_ref(v->a, m, "applicability_title",
	    cl->applicability.s != NULL ?
	    applic_title(v->cat, cl->applicability.s) : NULL);
	j = cl->applicability.s != NULL ? cf_catalogue_applic_idx(v->cat,
	    cl->applicability.s) : CF_NONE;
	cf_value_set_ref(v->a, m, "applicability_name", j < v->cat->napplics ?
	    cf_applic_name(v->a, &v->cat->applics[j]) : cl->applicability.s);

	m = cf_value_set(v->a, root, "responses", cf_value_map(v->a));
	cf_value_set(v->a, m, "revision", number(v, resp->revision));
	set_date(v, m, "date", "date_iso", &resp->date);
}

static void
verdict_value(struct view *v, struct cf_value *root)
{
	const struct cf_verdict	*vd = v->spec->verdict;
	struct cf_value		*m, *list, *item;
	size_t			 i, j, applicable = 0, not_assessed = 0;
	size_t			*by_code;

	m = cf_value_set(v->a, root, "verdict", cf_value_map(v->a));
	cf_value_set_bool(v->a, m, "can_issue", vd->can_issue);
	cf_value_set_bool(v->a, m, "refused", !vd->can_issue);
	set_count(v, m, "blocker_count", vd->nblockers);
	cf_value_set(v->a, m, "blocker_phrase", vd->nblockers == 1 ?
	    cf_value_ref(v->a, "this finding stands") : cf_value_strf(v->a,
	    "these %zu findings stand", vd->nblockers));
	list = cf_value_set(v->a, m, "blockers", cf_value_list(v->a));
	for (i = 0; i < vd->nblockers; i++) {
		item = cf_value_push(v->a, list, cf_value_map(v->a));
		cf_value_set_ref(v->a, item, "requirement",
		    vd->blockers[i].req != NULL ?
		    vd->blockers[i].req->id.s : NULL);
		cf_value_set(v->a, item, "anchor",
		    vd->blockers[i].req != NULL ? joined(v, "req-",
		    cf_id_slug(v->a, vd->blockers[i].req->id.s), "") :
		    cf_value_null());
		cf_value_set_ref(v->a, item, "message",
		    cf_msg_str_in(v->a, v->loc,
		    &vd->blockers[i].msg));
	}

	by_code = cf_xcalloc(v->cat->nanswers + 1, sizeof(*by_code));
	for (i = 0; i < vd->ntallies; i++) {
		applicable += vd->tallies[i].applicable;
		not_assessed += vd->tallies[i].not_assessed;
		for (j = 0; j < v->cat->nanswers; j++)
			by_code[j] += vd->tallies[i].by_code[j];
	}
	cf_value_set(v->a, root, "totals",
	    summary_value(v, applicable, not_assessed, by_code));
	free(by_code);
}

static void
document_value(struct view *v, struct cf_value *root)
{
	const struct cf_view_spec *sp = v->spec;
	struct cf_value	*m;
	const char	*title;

	m = cf_value_set(v->a, root, "document", cf_value_map(v->a));
	cf_value_set_ref(v->a, m, "kind", sp->kind);
	cf_value_set_bool(v->a, m, sp->kind, true);
	if (strcmp(sp->kind, "guide") == 0) {
		cf_value_set(v->a, m, "id", cf_value_strf(v->a, "%s-%s-guide",
		    v->cat->id, v->cat->version));
		title = cf_msg(v->loc, "doc_guide");
	} else if (sp->resp != NULL) {
		cf_value_set(v->a, m, "id", cf_value_strf(v->a,
		    "%s-r%ld-%s-%s-%s", sp->resp->product.id.s,
		    sp->resp->revision, v->cat->id, v->cat->version,
		    sp->kind));
		title = cf_msg(v->loc, "doc_completed");
	} else {
		cf_value_set(v->a, m, "id", cf_value_strf(v->a, "%s-%s-%s",
		    v->cat->id, v->cat->version, sp->kind));
		title = cf_msg(v->loc, "doc_checklist");
	}
	cf_value_set_ref(v->a, m, "title", title);
}

/*
 * `t`: every message of the document's language, its placeholders filled
 * with this document's values, so a template says {{t.summary}} and holds
 * no word of its own.  Counts pick plural forms where a message has them.
 */
static void
messages_value(struct view *v, struct cf_value *root, const char *generated)
{
	const struct cf_view_spec	*sp = v->spec;
	const struct cf_responses	*resp = sp->resp;
	const struct cf_catalogue	*cat = v->cat;
	const struct cf_value		*doc;
	struct cf_value			*t;
	const char			*product = NULL, *model = NULL;
	const char			*cls = NULL, *name;
	char				 class_id[24] = "";
	long				 n;
	size_t				 i, nreq = 0;

	if (resp != NULL) {
		product = resp->product.name;
		model = resp->product.model != NULL ? cf_arena_printf(v->a,
		    "%s %s", product, resp->product.model) : product;
		snprintf(class_id, sizeof(class_id), "%ld",
		    resp->claim.class_id);
		cls = resp->claim.class_idx < cat->nclasses ?
		    cat->classes[resp->claim.class_idx].title :
		    cf_msg(v->loc, "the_claimed_class");
	}
	for (i = 0; i < cat->nsections; i++)
		nreq += cat->sections[i].nreqs;
	doc = cf_value_get(root, "document");
	{
		const char *params[] = {
			"product", product, "product_model", model,
			"catalogue", cat->title, "catalogue_id", cat->id,
			"version", cat->version, "publisher", cat->publisher,
			"released", cf_locale_date(v->a, v->loc,
			    &cat->released),
			"class", cls, "class_id", class_id,
			"applicability", resp != NULL &&
			    resp->claim.applicability.s != NULL ?
			    applic_title(cat, resp->claim.applicability.s) :
			    NULL,
			"revision", resp != NULL ? cf_arena_printf(v->a,
			    "%ld", resp->revision) : NULL,
			"answered", resp != NULL ? cf_locale_date(v->a,
			    v->loc, &resp->date) : NULL,
			"generated", generated, "cfgen", CFGEN_VERSION,
			"document", cf_value_get(doc, "id")->s,
			"codes", cf_value_get(cf_value_get(root, "catalogue"),
			    "answer_codes")->s,
			"requirements", cf_arena_printf(v->a, "%zu", nreq),
			"manufacturer", resp != NULL ?
			    resp->product.manufacturer.name : NULL,
			NULL
		};

		t = cf_value_set(v->a, root, "t",
		    cf_value_map_sized(v->a, cf_locale_count(v->loc)));
		for (i = 0; (name = cf_locale_name(v->loc, i)) != NULL; i++) {
			/* wording.h's patterns are filled from data. */
			if (strchr(name, '.') != NULL)
				continue;
			n = -1;
			if (strcmp(name, "verdict_refused") == 0 &&
			    sp->verdict != NULL)
				n = (long)sp->verdict->nblockers;
			else if (strcmp(name, "requirements_in_sections") == 0)
				n = (long)cat->nsections;
			cf_value_set_ref(v->a, t, name, cf_msgf(v->a, v->loc,
			    name, n, params));
		}
	}
}

const char *
cf_view_checklist(struct cf_view_spec *spec, const struct cf_catalogue *cat,
    const struct cf_responses *resp, const struct cf_verdict *verdict,
    const struct cf_render_opts *opts)
{
	memset(spec, 0, sizeof(*spec));
	spec->cat = cat;
	spec->resp = resp;
	spec->verdict = verdict;
	spec->kind = "checklist";
	spec->requirements = true;
	spec->opts = opts;
	return resp != NULL ? "checklist" : "checklist-blank";
}

struct cf_value *
cf_view_new(struct cf_arena *a, const struct cf_view_spec *spec)
{
	struct view	 v;
	struct cf_value	*root, *list, *m;
	const char	*generated;
	char		 date[32];
	struct tm	 tm;
	size_t		 i;

	memset(&v, 0, sizeof(v));
	v.a = a;
	v.spec = spec;
	v.cat = spec->cat;
	v.loc = spec->opts != NULL ? spec->opts->locale : NULL;
	root = cf_value_map_sized(a, ROOT_KEYS);

	m = cf_value_set(a, root, "cfgen", cf_value_map(a));
	cf_value_set_ref(a, m, "version", CFGEN_VERSION);
	cf_value_set_ref(a, root, "lang", cf_locale_tag(v.loc));
	generated = cf_locale_time(a, v.loc, (long long)spec->opts->generated);
	cf_value_set_ref(a, root, "generated", generated);
	if (gmtime_r(&spec->opts->generated, &tm) == NULL ||
	    strftime(date, sizeof(date), "%Y-%m-%d", &tm) == 0)
		date[0] = '\0';
	cf_value_set_str(a, root, "generated_iso", date);
	document_value(&v, root);
	cf_value_set_bool(a, root, "blank", spec->resp == NULL);
	cf_value_set_bool(a, root, "completed", spec->resp != NULL);
	catalogue_value(&v, root);

	list = cf_value_set(a, root, "sections", cf_value_list(a));
	for (i = 0; i < v.cat->nsections; i++) {
		m = cf_value_push(a, list, section_value(&v, i));
		if (&v.cat->sections[i] == spec->section)
			cf_value_set(a, root, "section", m);
	}
	if (spec->resp != NULL) {
		product_value(&v, root);
		verdict_value(&v, root);
	}
	messages_value(&v, root, generated);
	return root;
}

struct partials {
	const struct cf_render_opts	*opts;
	const char			*ext;
};

/* A partial is NAME.EXT.mustache, found as any template is. */
static int
load_partial(void *ctx, const char *name, char **text, char **origin)
{
	struct partials	*p = ctx;
	struct cf_buf	 file;
	int		 rc;

	cf_buf_init(&file);
	cf_buf_printf(&file, "%s.%s.mustache", name, p->ext);
	rc = cf_template_find(p->opts->template_dir, file.data, text, origin);
	cf_buf_free(&file);
	return rc;
}

int
cf_view_render(const char *name, const char *ext, const struct cf_value *view,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_mustache_opts	 mo;
	struct partials		 p;
	struct cf_buf		 file;
	char			*tmpl, *origin = NULL;
	int			 rc = -1;

	cf_buf_init(&file);
	cf_buf_printf(&file, "%s.%s.mustache", name, ext);
	tmpl = cf_template_load(opts->template_dir, file.data, &origin);
	cf_buf_free(&file);
	if (tmpl == NULL)
		return -1;
	p.opts = opts;
	p.ext = ext;
	memset(&mo, 0, sizeof(mo));
	mo.escape = strcmp(ext, "html") == 0 ? cf_escape_html : cf_escape_md;
	mo.partial = load_partial;
	mo.partial_ctx = &p;
	mo.name = origin;
	/* A partial that cannot be found is an error, not emptiness. */
	mo.strict = true;
	if (cf_mustache_render(tmpl, view, &mo, out) == 0)
		rc = 0;
	free(tmpl);
	free(origin);
	return rc;
}
