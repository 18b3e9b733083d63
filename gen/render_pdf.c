/*
 * render_pdf.c -- the blank and completed checklists as PDF.
 *
 * The content follows the Markdown and HTML checklists (same wording,
 * same order); layout.h does the typesetting.  The PDF is built in memory
 * and only handed over whole: on any failure the caller gets -1 and
 * discards the buffer.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "locale.h"
#include "layout.h"
#include "pdfstyle.h"
#include "render.h"

/* A message of the document's language (locale.h). */
#define M(name)	cf_msg(d->opts->locale, (name))

struct doc {
	struct cf_layout		 L;
	const struct cf_catalogue	*cat;
	const struct cf_responses	*resp;		/* NULL: blank */
	const struct cf_verdict		*vd;
	const struct cf_render_opts	*opts;
	const char			*id;
	const char			*title;
	char				 generated[64];
};

/*
 * Sources of the values drawn (layout.h, struct cf_src): each names its
 * file and the value's position, or where the model keeps none, the
 * nearest enclosing one in the same file (line 0, for the catalogue's
 * own values: the file as a whole).  render_decl_pdf.c names the same
 * places the same way.
 */
static const struct cf_src *
cat_src(struct doc *d, struct cf_pos pos, const char *what)
{
	return cf_layout_src(&d->L, d->cat->path, pos, "%s", what);
}

static const struct cf_src *
req_src(struct doc *d, const struct cf_requirement *r, struct cf_pos pos)
{
	return cf_layout_src(&d->L, d->cat->path, cf_pos_or(pos, r->pos),
	    "requirement %s", r->id.s);
}

static const struct cf_src *
code_src(struct doc *d, const struct cf_answer_code *a, struct cf_pos pos)
{
	if (d->cat->answers_default)	/* built in, not in the file */
		return NULL;
	return cf_layout_src(&d->L, d->cat->path, pos, "answer code %s",
	    a->code);
}

static const struct cf_src *
applic_src(struct doc *d, const struct cf_applic *a)
{
	return cf_layout_src(&d->L, d->cat->path, a->pos,
	    "applicability %s", a->code);
}

static const struct cf_src *
product_src(struct doc *d, struct cf_pos pos, const char *what)
{
	return cf_layout_src(&d->L, d->resp->path, cf_pos_or(pos,
	    d->resp->product.id.pos), "%s", what);
}

static const struct cf_src *
answer_src(struct doc *d, const struct cf_answer *a, struct cf_pos pos)
{
	return cf_layout_src(&d->L, d->resp->path, cf_pos_or(pos,
	    a->req_id.pos), "requirement %s", a->req_id.s);
}

/* Appends a piece of a paragraph: a value, or words between values. */
static void
put(struct doc *d, struct cf_flow *f, enum cf_font_style font,
    const char *text, const struct cf_src *src)
{
	cf_flow_text(&d->L, f, font, text, NULL, src);
}

/* A message with one placeholder filled in. */
static const char *
msg1(struct doc *d, const char *name, const char *key, const char *val)
{
	const char	*params[] = { key, val, NULL };

	return cf_msgf(&d->L.arena, d->opts->locale, name, -1, params);
}

static void
md_body(struct doc *d, const char *md, const struct cf_src *src)
{
	struct cf_flow	*f;

	if (md == NULL || *md == '\0')
		return;
	f = cf_flow_new(&d->L, d->L.style->body_size, CF_COLOUR_TEXT);
	cf_flow_md(&d->L, f, md, src);
	cf_layout_place(&d->L, f, d->L.style->body_size * 0.5);
}

static void
text_body(struct doc *d, const char *text)
{
	cf_layout_para(&d->L, d->L.style->body_size, CF_COLOUR_TEXT,
	    CF_FONT_REGULAR, text, NULL, d->L.style->body_size * 0.5);
}

static void
heading(struct doc *d, int level, const char *text, const struct cf_src *src)
{
	cf_layout_heading(&d->L, level, text, src);
}

static double
tsize(const struct doc *d)
{
	return d->L.style->table_size;
}

/* A row of a two-column facts table: the bold key; returns its value. */
static struct cf_flow *
fact_row(struct doc *d, struct cf_table *t, const char *key)
{
	return cf_table_key(&d->L, t, cf_table_row(&d->L, t), 0, key);
}

/* A fact with a value of one source (link optional); none if empty. */
static void
fact(struct doc *d, struct cf_table *t, const char *key, const char *value,
    const char *link, const struct cf_src *src)
{
	if (value == NULL || *value == '\0')
		return;
	cf_flow_text(&d->L, fact_row(d, t, key), CF_FONT_REGULAR, value,
	    link, src);
}

static struct cf_table *
facts_table(struct doc *d)
{
	return cf_table_facts(&d->L, 2, d->L.style->body_size);
}

static const char *
datestr(struct doc *d, const struct cf_date *dt)
{
	return cf_locale_date(&d->L.arena, d->opts->locale, dt);
}

static const struct cf_src *
title_src(struct doc *d)
{
	return cat_src(d, d->cat->title_pos, "catalogue title");
}

static const struct cf_src *
version_src(struct doc *d)
{
	return cat_src(d, d->cat->version_pos, "catalogue version");
}

/* "TITLE release VERSION of DATE" */
static void
release_line(struct doc *d, struct cf_flow *f, enum cf_font_style font)
{
	cf_flow_msg(&d->L, f, font, "release_full", -1,
	    (const struct cf_piece[]){
	    { "catalogue", d->cat->title, title_src(d) },
	    { "version", d->cat->version, version_src(d) },
	    { "released", datestr(d, &d->cat->released), NULL },
	    { NULL, NULL, NULL } });
}

/* Logo, kicker (who), title (what), subtitle, release and a rule. */
static void
cover_title(struct doc *d, struct cf_flow *kicker, struct cf_flow *title,
    const char *subtitle)
{
	struct cf_flow	*f;

	cf_layout_new_page(&d->L);
	if (cf_layout_logo(&d->L, 150, 42) != 0)
		return;
	cf_layout_place(&d->L, kicker, 0);
	cf_layout_place(&d->L, title, 8);
	cf_layout_para(&d->L, 13, CF_COLOUR_HEADING, CF_FONT_REGULAR, subtitle,
	    NULL, 4);
	f = cf_flow_new(&d->L, 9.5, CF_COLOUR_MUTED);
	release_line(d, f, CF_FONT_REGULAR);
	cf_layout_place(&d->L, f, 4);
	cf_layout_space(&d->L, 10);
	cf_layout_rule(&d->L, CF_COLOUR_HEADING, 1.2);
	cf_layout_space(&d->L, 10);
}

static struct cf_flow *
kicker_flow(struct doc *d)
{
	return cf_flow_new(&d->L, 9, CF_COLOUR_MUTED);
}

static struct cf_flow *
title_flow(struct doc *d)
{
	return cf_flow_new(&d->L, 22, CF_COLOUR_HEADING);
}

static void
catalogue_facts(struct doc *d, struct cf_table *t)
{
	const struct cf_catalogue	*cat = d->cat;
	struct cf_flow			*f;

	f = fact_row(d, t, M("catalogue"));
	put(d, f, CF_FONT_REGULAR, cat->title, title_src(d));
	put(d, f, CF_FONT_REGULAR, " (", NULL);
	put(d, f, CF_FONT_REGULAR, cat->id, cat_src(d, cat->id_pos,
	    "catalogue id"));
	put(d, f, CF_FONT_REGULAR, ")", NULL);
	f = fact_row(d, t, M("release"));
	cf_flow_msg(&d->L, f, CF_FONT_REGULAR, "release_of", -1,
	    (const struct cf_piece[]){
	    { "version", cat->version, version_src(d) },
	    { "released", datestr(d, &cat->released), NULL },
	    { NULL, NULL, NULL } });
	fact(d, t, M("publisher"), cat->publisher, NULL, cat_src(d,
	    cat->publisher_pos, "catalogue publisher"));
	fact(d, t, M("web"), cat->url, cat->url, cat_src(d, cat->url_pos,
	    "catalogue url"));
}

static void
notice(struct doc *d)
{
	if (d->cat->notice != NULL) {
		heading(d, 2, M("notice"), NULL);
		md_body(d, d->cat->notice, cat_src(d, d->cat->notice_pos,
		    "catalogue notice"));
	}
	if (d->cat->licence != NULL) {
		heading(d, 2, M("licence"), NULL);
		md_body(d, d->cat->licence, cat_src(d, d->cat->licence_pos,
		    "catalogue licence"));
	}
}

static void
blank_cover(struct doc *d)
{
	const struct cf_catalogue	*cat = d->cat;
	struct cf_table			*t;
	struct cf_flow			*kicker = kicker_flow(d);
	struct cf_flow			*title = title_flow(d);

	put(d, kicker, CF_FONT_BOLD, cat->publisher, cat_src(d,
	    cat->publisher_pos, "catalogue publisher"));
	put(d, title, CF_FONT_BOLD, cat->title, title_src(d));
	cover_title(d, kicker, title, M("doc_checklist"));
	t = facts_table(d);
	catalogue_facts(d, t);
	{
		const char *params[] = { "requirements", cf_arena_printf(
		    &d->L.arena, "%zu", cf_count_reqs(cat, NULL)), NULL };

		fact(d, t, M("requirements"), cf_msgf(&d->L.arena,
		    d->opts->locale, "requirements_in_sections",
		    (long)cat->nsections, params), NULL, NULL);
	}
	fact(d, t, M("document"), d->id, NULL, NULL);
	fact(d, t, M("generated"), d->generated, NULL, NULL);
	cf_layout_table(&d->L, t);
	notice(d);
}

static const struct cf_src *
class_src(struct doc *d, const struct cf_class *k)
{
	return cat_src(d, k->pos, cf_arena_printf(&d->L.arena, "class %ld",
	    k->id));
}

/*
 * "TITLE (class N)", as the other formats' class_name: the number the
 * requirements' class column prints; TITLE alone when it is "Class N".
 */
static void
class_name(struct doc *d, struct cf_flow *f, enum cf_font_style font,
    const struct cf_class *k)
{
	if (cf_class_title_is_number(k)) {
		/* "Class 2 (class 2)" would say it twice. */
		cf_flow_text(&d->L, f, font, k->title, NULL, class_src(d, k));
		return;
	}
	cf_flow_msg(&d->L, f, font, "class_of_claim", -1,
	    (const struct cf_piece[]){ { "class", k->title, class_src(d, k) },
	    { "class_id", cf_arena_printf(&d->L.arena, "%ld", k->id),
	    NULL }, { NULL, NULL, NULL } });
}

/* The claimed class by its name; "Class N" for one the catalogue lacks. */
static void
claimed_class(struct doc *d, struct cf_flow *f)
{
	const struct cf_claim	*c = &d->resp->claim;

	if (c->class_idx >= d->cat->nclasses) {
		put(d, f, CF_FONT_REGULAR, msg1(d, "class_n", "class_id",
		    cf_arena_printf(&d->L.arena, "%ld", c->class_id)), NULL);
		return;
	}
	class_name(d, f, CF_FONT_REGULAR, &d->cat->classes[c->class_idx]);
}

/* The claim's applicability by its title, as the other formats print it. */
static void
claimed_applicability(struct doc *d, struct cf_table *t)
{
	const struct cf_claim	*c = &d->resp->claim;
	size_t			 i;

	if (c->applicability.s == NULL)
		return;
	i = cf_catalogue_applic_idx(d->cat, c->applicability.s);
	if (i != CF_NONE)
		fact(d, t, M("applicability"), d->cat->applics[i].title, NULL,
		    applic_src(d, &d->cat->applics[i]));
	else
		fact(d, t, M("applicability"), c->applicability.s, NULL,
		    cf_layout_src(&d->L, d->resp->path, c->applicability.pos,
		    "claim applicability"));
}

/* "C1 holds; C2 does not hold", as the responses state them. */
static void
claimed_conditions(struct doc *d, struct cf_table *t)
{
	const struct cf_claim	*c = &d->resp->claim;
	struct cf_flow		*f;
	size_t			 i;

	if (c->nconds == 0)
		return;
	f = fact_row(d, t, M("conditions"));
	for (i = 0; i < c->nconds; i++) {
		if (i > 0)
			put(d, f, CF_FONT_REGULAR, M("list_sep"), NULL);
		cf_flow_msg(&d->L, f, CF_FONT_REGULAR, c->conds[i].value ?
		    "condition_holds" : "condition_not_holds", -1,
		    (const struct cf_piece[]){ { "code", c->conds[i].code.s,
		    cf_layout_src(&d->L, d->resp->path, c->conds[i].code.pos,
		    "claimed condition") }, { NULL, NULL, NULL } });
	}
}

static void
product_facts(struct doc *d, struct cf_table *t)
{
	const struct cf_responses	*r = d->resp;
	const struct cf_product		*p = &r->product;
	const struct cf_manufacturer	*m = &p->manufacturer;

	fact(d, t, M("product"), p->name, NULL, product_src(d, p->name_pos,
	    "product name"));
	fact(d, t, M("model"), p->model, NULL, product_src(d, p->model_pos,
	    "product model"));
	fact(d, t, M("version"), p->version, NULL, product_src(d,
	    p->version_pos, "product version"));
	fact(d, t, M("manufacturer"), m->name, NULL, product_src(d, m->name_pos,
	    "manufacturer name"));
	fact(d, t, M("address"), m->address, NULL, product_src(d,
	    m->address_pos, "manufacturer address"));
	fact(d, t, M("contact"), cf_contact_text(m->contact),
	    cf_contact_link(&d->L, m->contact),
	    product_src(d, m->contact_pos, "manufacturer contact"));
	fact(d, t, M("manufacturer_web"), m->url, m->url, product_src(d,
	    m->url_pos, "manufacturer url"));
	fact(d, t, M("support_until"), datestr(d, &p->support_until),
	    NULL, NULL);
	claimed_class(d, fact_row(d, t, M("claimed_class")));
	claimed_applicability(d, t);
	claimed_conditions(d, t);
	{
		const char *params[] = { "revision", cf_arena_printf(
		    &d->L.arena, "%ld", r->revision), "answered",
		    datestr(d, &r->date), NULL };

		fact(d, t, M("responses"), cf_msgf(&d->L.arena,
		    d->opts->locale, "revision_of", -1, params), NULL, NULL);
	}
}

/* The claimed class's title, as the verdict names it, and its source. */
static const char *
claimed_class_title(struct doc *d)
{
	if (d->resp->claim.class_idx >= d->cat->nclasses)
		return M("the_claimed_class");
	return d->cat->classes[d->resp->claim.class_idx].title;
}

static const struct cf_src *
claimed_class_src(struct doc *d)
{
	if (d->resp->claim.class_idx >= d->cat->nclasses)
		return NULL;
	return class_src(d, &d->cat->classes[d->resp->claim.class_idx]);
}

/* A gate finding's sentence: its catalogue values are vetted on their own. */
static void
finding(struct doc *d, struct cf_flow *f, enum cf_font_style font,
    const struct cf_blocker *b)
{
	cf_layout_vet_msg(&d->L, font, &b->msg);
	put(d, f, font, cf_msg_str_in(&d->L.arena,
	    d->opts->locale, &b->msg), NULL);
}

static void
verdict_block(struct doc *d)
{
	const struct cf_verdict	*vd = d->vd;
	struct cf_flow		*f;
	struct cf_piece		 cls;
	size_t			 i;

	heading(d, 2, M("declaration_of_conformity"), NULL);
	f = cf_flow_new(&d->L, d->L.style->body_size, CF_COLOUR_TEXT);
	cls.text = claimed_class_title(d);
	cls.src = claimed_class_src(d);
	if (vd->can_issue) {
		put(d, f, CF_FONT_BOLD, cf_arena_printf(&d->L.arena, "%s. ",
		    M("verdict_can_issue")), NULL);
		cf_flow_msg(&d->L, f, CF_FONT_REGULAR, "verdict_supported",
		    -1, (const struct cf_piece[]){ { "product",
		    d->resp->product.name, product_src(d,
		    d->resp->product.name_pos, "product name") },
		    { "catalogue", d->cat->title, title_src(d) },
		    { "version", d->cat->version, version_src(d) },
		    { "class", cls.text, cls.src }, { NULL, NULL, NULL } });
	} else {
		put(d, f, CF_FONT_BOLD, cf_arena_printf(&d->L.arena, "%s. ",
		    M("verdict_cannot_issue")), NULL);
		cf_flow_msg(&d->L, f, CF_FONT_REGULAR, "verdict_refused",
		    (long)vd->nblockers, (const struct cf_piece[]){
		    { "class", cls.text, cls.src }, { NULL, NULL, NULL } });
		for (i = 0; i < vd->nblockers; i++) {
			cf_flow_item(&d->L, f, "\xe2\x80\xa2");
			finding(d, f, CF_FONT_REGULAR, &vd->blockers[i]);
		}
	}
	cf_layout_place(&d->L, f, d->L.style->body_size * 0.5);
}

static void
product_cover(struct doc *d)
{
	const struct cf_product	*p = &d->resp->product;
	struct cf_table		*t;
	struct cf_flow		*kicker = kicker_flow(d);
	struct cf_flow		*title = title_flow(d);

	put(d, kicker, CF_FONT_BOLD, p->manufacturer.name, product_src(d,
	    p->manufacturer.name_pos, "manufacturer name"));
	put(d, title, CF_FONT_BOLD, p->name, product_src(d, p->name_pos,
	    "product name"));
	if (p->model != NULL) {
		put(d, title, CF_FONT_BOLD, " ", NULL);
		put(d, title, CF_FONT_BOLD, p->model, product_src(d,
		    p->model_pos, "product model"));
	}
	cover_title(d, kicker, title, M("doc_completed"));
	t = facts_table(d);
	product_facts(d, t);
	catalogue_facts(d, t);
	fact(d, t, M("document"), d->id, NULL, NULL);
	fact(d, t, M("generated"), d->generated, NULL, NULL);
	cf_layout_table(&d->L, t);
	md_body(d, p->description, product_src(d, p->description_pos,
	    "product description"));
	verdict_block(d);
	notice(d);
}

/* ------------------------------------------------------------------ */
/* The keys: classes, categories, answers, applicability              */

static bool
has_objectives(const struct cf_catalogue *cat)
{
	size_t	 i;

	for (i = 0; i < cat->nclasses; i++)
		if (cat->classes[i].confidentiality != NULL ||
		    cat->classes[i].integrity != NULL ||
		    cat->classes[i].availability != NULL)
			return true;
	return false;
}

static void
classes_key(struct doc *d)
{
	const struct cf_table_col obj_cols[] = {
		{ .title = M("col_class") },
		{ .title = M("col_meaning"), .grow = true },
		{ .title = M("col_confidentiality") },
		{ .title = M("col_integrity") },
		{ .title = M("col_availability") },
		{ .title = M("requirements"), .right = true }
	};
	const struct cf_table_col cols[] = {
		{ .title = M("col_class") },
		{ .title = M("col_meaning"), .grow = true },
		{ .title = M("requirements"), .right = true }
	};
	const struct cf_catalogue	*cat = d->cat;
	const struct cf_class		*k;
	struct cf_table			*t;
	const struct cf_src		*s;
	bool				 obj = has_objectives(cat);
	size_t				 i, r, c;

	heading(d, 1, M("classes_heading"), NULL);
	text_body(d, M("classes_intro"));
	for (i = 0; i < cat->nreqs; i++)
		if (cat->reqs[i]->has_levels) {
			text_body(d, M("classes_levels"));
			break;
		}
	cf_layout_space(&d->L, 6);
	t = cf_table_new(&d->L, obj ? 6 : 3, obj ? obj_cols : cols, tsize(d),
	    true);
	for (i = 0; i < cat->nclasses; i++) {
		k = &cat->classes[i];
		s = class_src(d, k);
		r = cf_table_row(&d->L, t);
		class_name(d, cf_table_cell(t, r, 0), CF_FONT_BOLD, k);
		cf_flow_md(&d->L, cf_table_cell(t, r, 1), k->description, s);
		c = 2;
		if (obj) {
			cf_flow_text(&d->L, cf_table_cell(t, r, c++),
			    CF_FONT_REGULAR, k->confidentiality, NULL, s);
			cf_flow_text(&d->L, cf_table_cell(t, r, c++),
			    CF_FONT_REGULAR, k->integrity, NULL, s);
			cf_flow_text(&d->L, cf_table_cell(t, r, c++),
			    CF_FONT_REGULAR, k->availability, NULL, s);
		}
		cf_flow_text(&d->L, cf_table_cell(t, r, c), CF_FONT_REGULAR,
		    cf_arena_printf(&d->L.arena, "%zu", cf_class_applicable(cat, i)),
		    NULL, NULL);
	}
	cf_layout_table(&d->L, t);
	cf_layout_para(&d->L, tsize(d), CF_COLOUR_MUTED, CF_FONT_ITALIC,
	    M("classes_note_short"), NULL, 4);
}

static void
categories_key(struct doc *d)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_code") },
		{ .title = M("col_category"), .grow = true },
		{ .title = M("col_must_be_met") }
	};
	const struct cf_category	*cg;
	const struct cf_src		*s;
	struct cf_table			*t;
	size_t				 i, r;

	heading(d, 1, M("categories_heading"), NULL);
	t = cf_table_new(&d->L, 3, cols, tsize(d), true);
	for (i = 0; i < d->cat->ncategories; i++) {
		cg = &d->cat->categories[i];
		s = cat_src(d, cg->pos, cf_arena_printf(&d->L.arena,
		    "category %s", cg->code));
		r = cf_table_row(&d->L, t);
		cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_BOLD,
		    cg->code, NULL, s);
		cf_flow_text(&d->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    cg->title, NULL, s);
		cf_flow_text(&d->L, cf_table_cell(t, r, 2), CF_FONT_REGULAR,
		    M(cg->required ? "yes_where_applies" : "word_no"), NULL,
		    NULL);
	}
	cf_layout_table(&d->L, t);
}

static void
answers_key(struct doc *d)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_code") },
		{ .title = M("col_meaning"), .grow = true },
		{ .title = M("col_meets") },
		{ .title = M("col_notes"), .grow = true }
	};
	const struct cf_answer_code	*a;
	struct cf_table			*t;
	struct cf_flow			*f;
	size_t				 i, j, r;

	heading(d, 1, M("answers_heading"), NULL);
	text_body(d, M("answers_intro"));
	cf_layout_space(&d->L, 6);
	t = cf_table_new(&d->L, 4, cols, tsize(d), true);
	for (i = 0; i < d->cat->nanswers; i++) {
		a = &d->cat->answers[i];
		r = cf_table_row(&d->L, t);
		cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_BOLD,
		    a->code, NULL, code_src(d, a, a->pos));
		cf_flow_text(&d->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    a->title, NULL, code_src(d, a, a->pos));
		cf_flow_text(&d->L, cf_table_cell(t, r, 2), CF_FONT_REGULAR,
		    M(a->meets ? "word_yes" : "word_no"), NULL, NULL);
		f = cf_table_cell(t, r, 3);
		if (a->needs_justification)
			cf_flow_text(&d->L, f, CF_FONT_REGULAR,
			    cf_arena_printf(&d->L.arena, "%s ",
			    M("needs_justification")), NULL, NULL);
		for (j = 0; j < a->naliases; j++) {
			cf_flow_msg(&d->L, f, CF_FONT_REGULAR,
			    "also_written", -1, (const struct cf_piece[]){
			    { "code", a->aliases[j],
			    code_src(d, a, a->alias_pos[j]) },
			    { NULL, NULL, NULL } });
			put(d, f, CF_FONT_REGULAR, " ", NULL);
		}
	}
	cf_layout_table(&d->L, t);
}

/* A key of the codes requirement rows name: the code, what it means. */
static struct cf_table *
code_key(struct doc *d, const char *meaning)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_code") },
		{ .title = meaning, .grow = true }
	};

	return cf_table_new(&d->L, 2, cols, tsize(d), true);
}

/* A row of it: the code in monospace; returns the cell of its meaning. */
static struct cf_flow *
code_row(struct doc *d, struct cf_table *t, const char *code,
    const struct cf_src *s)
{
	size_t	 r = cf_table_row(&d->L, t);

	cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_MONO, code, NULL,
	    s);
	return cf_table_cell(t, r, 1);
}

/* The catalogue's conditions, which requirement rows name by code. */
static void
conditions_key(struct doc *d)
{
	const struct cf_condition	*c;
	const struct cf_src		*s;
	struct cf_table			*t;
	struct cf_flow			*f;
	size_t				 i;

	if (d->cat->nconditions == 0)
		return;
	heading(d, 1, M("conditions"), NULL);
	text_body(d, M("conditions_intro"));
	cf_layout_space(&d->L, 6);
	t = code_key(d, M("condition_label"));
	for (i = 0; i < d->cat->nconditions; i++) {
		c = &d->cat->conditions[i];
		s = cat_src(d, c->pos, cf_arena_printf(&d->L.arena,
		    "condition %s", c->code));
		f = code_row(d, t, c->code, s);
		cf_flow_text(&d->L, f, CF_FONT_BOLD, c->title, NULL, s);
		if (c->description != NULL) {
			cf_flow_para(&d->L, f, -1);
			cf_flow_md(&d->L, f, c->description, s);
		}
	}
	cf_layout_table(&d->L, t);
}

static void
applicability_key(struct doc *d)
{
	const struct cf_applic	*a;
	const struct cf_src	*s;
	struct cf_table		*t;
	size_t			 i;

	if (d->cat->napplics == 0)
		return;
	heading(d, 1, M("applicability_heading"), NULL);
	t = code_key(d, M("applicability"));
	for (i = 0; i < d->cat->napplics; i++) {
		a = &d->cat->applics[i];
		s = applic_src(d, a);
		cf_flow_text(&d->L, code_row(d, t, a->code, s), CF_FONT_REGULAR,
		    a->title, NULL, s);
	}
	cf_layout_table(&d->L, t);
}

/* ------------------------------------------------------------------ */
/* Requirements                                                        */

/* The applicability titles of a requirement, or TBD, or All. */
static void
applicability_cell(struct doc *d, struct cf_flow *f,
    const struct cf_requirement *r)
{
	const struct cf_applic	*a;
	size_t			 i, j;

	if (r->applic_tbd || r->napplicability == 0) {
		put(d, f, CF_FONT_REGULAR, M(r->applic_tbd ? "applicability_tbd" :
		    "applicability_all"),
		    NULL);
		return;
	}
	for (i = 0; i < r->napplicability; i++) {
		if (i > 0)
			put(d, f, CF_FONT_REGULAR, ", ", NULL);
		for (a = NULL, j = 0; a == NULL && j < d->cat->napplics; j++)
			if (strcmp(d->cat->applics[j].code,
			    r->applicability[i]) == 0)
				a = &d->cat->applics[j];
		if (a != NULL)
			put(d, f, CF_FONT_REGULAR, a->title,
			    applic_src(d, a));
		else
			put(d, f, CF_FONT_REGULAR, r->applicability[i],
			    req_src(d, r, r->applic_item_pos[i]));
	}
}

static const char *
category_code(const struct cf_catalogue *cat, const struct cf_requirement *r)
{
	return r->category_idx < cat->ncategories ?
	    cat->categories[r->category_idx].code : r->category;
}

/* The requirement cell: title, status, text, condition, references. */
static void
requirement_cell(struct doc *d, struct cf_flow *f,
    const struct cf_requirement *r)
{
	const struct cf_src	*s = req_src(d, r, r->pos);
	size_t			 i;

	if (r->title != NULL) {
		cf_flow_text(&d->L, f, CF_FONT_BOLD, r->title, NULL, s);
		cf_flow_para(&d->L, f, -1);
	}
	if (r->status != CF_STATUS_ACTIVE) {
		cf_flow_text(&d->L, f, CF_FONT_BOLD,
		    cf_arena_printf(&d->L.arena, "%s.", M(r->status ==
		    CF_STATUS_RESERVED ? "status_reserved" :
		    "status_withdrawn")), NULL, NULL);
		f->colour = CF_COLOUR_MUTED;
		cf_flow_md(&d->L, f, r->note, s);
	}
	cf_flow_md(&d->L, f, r->text, req_src(d, r, r->text_pos));
	if (r->cond != NULL && r->condition.s != NULL) {
		cf_flow_para(&d->L, f, -1);
		cf_flow_text(&d->L, f, CF_FONT_ITALIC,
		    cf_layout_label(&d->L, "condition_label"), NULL, NULL);
		cf_flow_text(&d->L, f, CF_FONT_MONO, r->condition.s, NULL,
		    req_src(d, r, r->condition.pos));
	}
	/* One paragraph for all: a control may cite a dozen documents. */
	for (i = 0; i < r->nreferences; i++) {
		if (i == 0) {
			cf_flow_para(&d->L, f, -1);
			cf_flow_text(&d->L, f, CF_FONT_ITALIC,
			    cf_arena_printf(&d->L.arena, "%s%s", M("see"),
			    M("label_sep")), NULL, NULL);
		} else
			cf_flow_text(&d->L, f, CF_FONT_REGULAR, ", ", NULL,
			    NULL);
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, r->references[i].title,
		    r->references[i].url, s);
	}
}

/*
 * The id cell, a nested one behind an arrow per level (as in Markdown),
 * and the row's bookmark: a requirement with children and its children
 * nest under their section in the outline.
 */
static void
id_cell(struct doc *d, struct cf_table *t, size_t row,
    const struct cf_requirement *r)
{
	struct cf_flow	*f = cf_table_cell(t, row, 0);
	unsigned	 i;

	for (i = 1; i < r->depth; i++)
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, "\xe2\x80\x83", NULL,
		    NULL);
	if (r->depth > 0)
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, "\xe2\x86\xb3\xc2\xa0",
		    NULL, NULL);
	cf_flow_text(&d->L, f, CF_FONT_BOLD, r->id.s, NULL,
	    req_src(d, r, r->id.pos));
	if (r->nchildren > 0 || r->depth > 0)
		cf_table_mark(&d->L, t, row, r->depth + 1,
		    cf_req_label(&d->L.arena, r));
}

static void
common_cells(struct doc *d, struct cf_table *t, size_t row,
    const struct cf_requirement *r)
{
	struct cf_flow	*f;

	id_cell(d, t, row, r);
	requirement_cell(d, cf_table_cell(t, row, 1), r);
	f = cf_table_cell(t, row, 2);
	cf_flow_text(&d->L, f, CF_FONT_REGULAR,
	    cf_locale_class_label(&d->L.arena, d->opts->locale, r), NULL,
	    req_src(d, r, r->class_pos));
	if (r->below != NULL && r->below_idx < d->cat->ncategories) {
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, " ", NULL, NULL);
		cf_flow_msg(&d->L, f, CF_FONT_REGULAR, "class_below", -1,
		    (const struct cf_piece[]){ { "code",
		    d->cat->categories[r->below_idx].code,
		    req_src(d, r, r->below_pos) }, { NULL, NULL, NULL } });
	}
	cf_flow_text(&d->L, cf_table_cell(t, row, 3), CF_FONT_REGULAR,
	    category_code(d->cat, r), NULL, req_src(d, r, r->category_pos));
}

/* A section's id, title and intro: the model keeps where it starts. */
static const struct cf_src *
section_src(struct doc *d, const struct cf_section *s)
{
	return cf_layout_src(&d->L, d->cat->path, s->pos, "section %s",
	    s->id.s);
}

static void
section_heading(struct doc *d, const struct cf_section *s)
{
	heading(d, 1, cf_arena_printf(&d->L.arena, "%s %s",
	    cf_section_number(&d->L.arena, s), s->title), section_src(d, s));
	md_body(d, s->intro, section_src(d, s));
	cf_layout_space(&d->L, 6);
}

static void
empty_section(struct doc *d)
{
	cf_layout_para(&d->L, d->L.style->body_size, CF_COLOUR_MUTED,
	    CF_FONT_ITALIC, M("empty_section"), NULL, 0);
}

/*
 * The blank checklist's columns to fill in by hand: room for a code and
 * a word, and for a file name or two in handwriting (pt, padding apart).
 * The completed checklist's evidence column keeps that room too, so a
 * file name is not broken at every dot.
 */
#define RESPONSE_W	56
#define EVIDENCE_W	112

/*
 * A section's table of requirements with the seven columns cols, the
 * fifth, applicability, left out when the catalogue has none.
 */
static struct cf_table *
section_table(struct doc *d, const struct cf_table_col cols[7])
{
	struct cf_table_col	 na[6];
	struct cf_table		*t;

	if (cf_catalogue_has_applicability(d->cat))
		t = cf_table_new(&d->L, 7, cols, tsize(d), true);
	else {
		memcpy(na, cols, 4 * sizeof(*cols));
		memcpy(na + 4, cols + 5, 2 * sizeof(*cols));
		t = cf_table_new(&d->L, 6, na, tsize(d), true);
	}
	t->grid = true;
	return t;
}

static void
blank_section(struct doc *d, const struct cf_section *s)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_req_no") },
		{ .title = M("col_requirement"), .grow = true },
		{ .title = M("col_class") },
		{ .title = M("col_category_short") },
		{ .title = M("applicability") },
		{ .title = M("col_response"), .min = RESPONSE_W },
		{ .title = M("col_evidence"), .min = EVIDENCE_W }
	};
	struct cf_table	*t;
	size_t		 i, r;
	bool		 applic = cf_catalogue_has_applicability(d->cat);

	section_heading(d, s);
	if (s->count == 0) {
		empty_section(d);
		return;
	}
	t = section_table(d, cols);
	/* Document order, each child right after its parent. */
	for (i = s->first; i < s->first + s->count; i++) {
		r = cf_table_row(&d->L, t);
		common_cells(d, t, r, d->cat->reqs[i]);
		if (applic)
			applicability_cell(d, cf_table_cell(t, r, 4),
			    d->cat->reqs[i]);
	}
	cf_layout_table(&d->L, t);
}

static const struct cf_answer *
answer_of(const struct doc *d, const struct cf_requirement *r)
{
	const struct cf_answer	*a = cf_responses_find(d->resp, r->id.s);

	return a != NULL && a->acode != NULL ? a : NULL;
}

/*
 * The response, and under it the scope when it says more than "applies"
 * (outside the claim, a condition, another category): the checklist has
 * no scope column, so the requirement text gets the room.
 */
static void
response_cell(struct doc *d, struct cf_flow *f, const struct cf_answer *a,
    bool applies, const char *scope)
{
	if (a == NULL && !applies) {
		f->colour = CF_COLOUR_MUTED;
		cf_flow_text(&d->L, f, CF_FONT_ITALIC, scope, NULL, NULL);
		return;
	}
	if (a != NULL) {
		put(d, f, CF_FONT_BOLD, a->acode->code, code_src(d, a->acode,
		    a->acode->pos));
		put(d, f, CF_FONT_REGULAR, " ", NULL);
		put(d, f, CF_FONT_REGULAR, a->acode->title, code_src(d,
		    a->acode, a->acode->pos));
		if (a->review)
			cf_flow_text(&d->L, f, CF_FONT_ITALIC,
			    cf_arena_printf(&d->L.arena, " (%s)", M("review")),
			    NULL, NULL);
	} else
		cf_flow_text(&d->L, f, CF_FONT_BOLD, M("not_assessed"), NULL,
		    NULL);
	if (scope != NULL) {
		cf_flow_para(&d->L, f, -1);
		cf_flow_text(&d->L, f, CF_FONT_ITALIC, scope, NULL, NULL);
	}
}

static void
labelled_md(struct doc *d, struct cf_flow *f, const char *label,
    const char *md, const struct cf_src *s)
{
	if (md == NULL || *md == '\0')
		return;
	cf_flow_md_lead(&d->L, f, label, md, s);
}

static void
evidence_cell(struct doc *d, struct cf_flow *f, const struct cf_answer *a,
    const struct cf_requirement *r)
{
	const struct cf_blocker	*b = NULL;
	const struct cf_src	*s;
	size_t			 i, n;

	n = cf_verdict_blockers(d->vd, r, &b);
	for (i = 0; i < n; i++) {
		cf_flow_para(&d->L, f, -1);
		put(d, f, CF_FONT_BOLD, cf_layout_label(&d->L, "blocker"),
		    NULL);
		finding(d, f, CF_FONT_ITALIC, &b[i]);
	}
	if (a == NULL)
		return;
	for (i = 0; i < a->nevidence; i++) {
		cf_flow_para(&d->L, f, f->nblocks == 0 ? 0 : tsize(d) * 0.2);
		s = answer_src(d, a, a->evidence[i].pos);
		if (a->evidence[i].kind == CF_EVIDENCE_URL)
			cf_flow_text(&d->L, f, CF_FONT_REGULAR,
			    a->evidence[i].ref, a->evidence[i].ref, s);
		else
			cf_flow_text(&d->L, f, CF_FONT_MONO,
			    a->evidence[i].ref, NULL, s);
	}
	/* Notes and justifications: the model keeps the answer's key. */
	s = answer_src(d, a, a->req_id.pos);
	labelled_md(d, f, cf_layout_label(&d->L, "justification"),
	    a->justification, s);
	labelled_md(d, f, cf_layout_label(&d->L, "note"), a->note, s);
}

/*
 * In the language, 0.2's own cases (condition, below) too; NULL for a
 * plain "applies", which the response says.
 */
static const char *
scope(struct doc *d, const struct cf_requirement *r, enum cf_scope sc,
    size_t cg)
{
	if (sc == CF_SCOPE_CONDITION || (sc == CF_SCOPE_APPLIES &&
	    cg != CF_NONE && cg != r->category_idx))
		return cf_locale_scope_label(&d->L.arena, d->opts->locale,
		    d->cat, r, sc, cg);
	if (r->status == CF_STATUS_RESERVED)
		return M("status_reserved");
	if (r->status == CF_STATUS_WITHDRAWN)
		return M("status_withdrawn");
	return sc == CF_SCOPE_APPLIES ? NULL : M("scope_outside");
}

static void
section_summary(struct doc *d, const struct cf_section *s)
{
	const struct cf_tally		*t;
	const struct cf_answer_code	*a;
	struct cf_flow			*f;
	size_t				 i;

	if ((t = cf_verdict_tally(d->vd, d->cat, s)) == NULL)
		return;
	f = cf_flow_new(&d->L, d->L.style->body_size, CF_COLOUR_MUTED);
	put(d, f, CF_FONT_REGULAR, cf_msgf(&d->L.arena, d->opts->locale,
	    "section_applicable", (long)t->applicable, NULL), NULL);
	for (i = 0; i < d->cat->nanswers; i++) {
		if (t->by_code[i] == 0)
			continue;
		a = &d->cat->answers[i];
		put(d, f, CF_FONT_REGULAR, " ", NULL);
		put(d, f, CF_FONT_REGULAR, a->title, code_src(d, a, a->pos));
		put(d, f, CF_FONT_REGULAR, " (", NULL);
		put(d, f, CF_FONT_REGULAR, a->code, code_src(d, a, a->pos));
		put(d, f, CF_FONT_REGULAR, cf_arena_printf(&d->L.arena,
		    "): %zu.", t->by_code[i]), NULL);
	}
	if (t->not_assessed > 0)
		put(d, f, CF_FONT_REGULAR, cf_arena_printf(&d->L.arena,
		    " %s", cf_msgf(&d->L.arena, d->opts->locale,
		    "section_not_assessed", (long)t->not_assessed, NULL)),
		    NULL);
	cf_layout_place(&d->L, f, 0);
	cf_layout_space(&d->L, 6);
}

static void
completed_section(struct doc *d, const struct cf_section *s)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_req_no") },
		{ .title = M("col_requirement"), .grow = true, .share = 0.6 },
		{ .title = M("col_class") },
		{ .title = M("col_category_short") },
		{ .title = M("applicability") },
		{ .title = M("col_response") },
		{ .title = M("col_evidence_notes"), .grow = true, .share = 0.4,
		    .min = EVIDENCE_W }
	};
	const struct cf_requirement	*r;
	const struct cf_answer		*a;
	struct cf_table			*t;
	size_t				 i, row, cg;
	enum cf_scope			 sc;
	const bool			 applic =
	    cf_catalogue_has_applicability(d->cat);
	const size_t			 k = applic ? 1 : 0;

	section_heading(d, s);
	section_summary(d, s);
	if (s->count == 0) {
		empty_section(d);
		return;
	}
	t = section_table(d, cols);
	/* Document order, each child right after its parent. */
	for (i = s->first; i < s->first + s->count; i++) {
		r = d->cat->reqs[i];
		cg = CF_NONE;
		sc = cf_scope(d->cat, r, &d->resp->claim, &cg);
		a = answer_of(d, r);
		row = cf_table_row(&d->L, t);
		common_cells(d, t, row, r);
		if (applic)
			applicability_cell(d, cf_table_cell(t, row, 4), r);
		response_cell(d, cf_table_cell(t, row, 4 + k), a,
		    sc == CF_SCOPE_APPLIES, scope(d, r, sc, cg));
		evidence_cell(d, cf_table_cell(t, row, 5 + k), a, r);
	}
	cf_layout_table(&d->L, t);
}

static void
summary_row(struct doc *d, struct cf_table *t, const char *label,
    enum cf_font_style font, size_t applicable, const size_t *by_code,
    size_t not_assessed, const struct cf_src *src)
{
	size_t	 r = cf_table_row(&d->L, t), i;

	cf_flow_text(&d->L, cf_table_cell(t, r, 0), font, label, NULL, src);
	cf_flow_text(&d->L, cf_table_cell(t, r, 1), font, cf_arena_printf(
	    &d->L.arena, "%zu", applicable), NULL, NULL);
	for (i = 0; i < d->cat->nanswers; i++)
		cf_flow_text(&d->L, cf_table_cell(t, r, 2 + i), font,
		    cf_arena_printf(&d->L.arena, "%zu", by_code[i]), NULL,
		    NULL);
	cf_flow_text(&d->L, cf_table_cell(t, r, 2 + d->cat->nanswers), font,
	    cf_arena_printf(&d->L.arena, "%zu", not_assessed), NULL, NULL);
}

static void
summary(struct doc *d)
{
	const struct cf_catalogue	*cat = d->cat;
	const struct cf_tally		*ty;
	struct cf_table_col		*cols;
	struct cf_table			*t;
	size_t				*total, i, j, n = cat->nanswers + 3;
	size_t				 applicable = 0, na = 0;

	heading(d, 1, M("summary"), NULL);
	text_body(d, M("summary_intro"));
	cf_layout_space(&d->L, 6);
	cols = cf_arena_alloc(&d->L.arena, n * sizeof(*cols));
	cols[0] = (struct cf_table_col){ .title = M("section"), .grow = true };
	cols[1] = (struct cf_table_col){ .title = M("applicable"),
	    .right = true };
	for (i = 0; i < cat->nanswers; i++)
		cols[2 + i] = (struct cf_table_col){ .title =
		    cat->answers[i].code, .right = true, .src = code_src(d,
		    &cat->answers[i], cat->answers[i].pos) };
	cols[n - 1] = (struct cf_table_col){ .title = M("not_assessed"),
	    .right = true };
	t = cf_table_new(&d->L, n, cols, tsize(d), true);
	total = cf_arena_alloc(&d->L.arena, (cat->nanswers + 1) *
	    sizeof(*total));
	for (i = 0; i < cat->nsections; i++) {
		ty = cf_verdict_tally(d->vd, cat, &cat->sections[i]);
		if (ty == NULL)
			continue;
		summary_row(d, t, cf_arena_printf(&d->L.arena, "%s %s",
		    cf_section_number(&d->L.arena, &cat->sections[i]),
		    cat->sections[i].title),
		    CF_FONT_REGULAR, ty->applicable, ty->by_code,
		    ty->not_assessed, section_src(d, &cat->sections[i]));
		applicable += ty->applicable;
		na += ty->not_assessed;
		for (j = 0; j < cat->nanswers; j++)
			total[j] += ty->by_code[j];
	}
	summary_row(d, t, M("total"), CF_FONT_BOLD, applicable, total, na, NULL);
	cf_layout_table(&d->L, t);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static void
set_info(struct doc *d)
{
	const char	*author, *subject, *keywords;
	const char	*params[] = { "catalogue", d->cat->title, "version",
	    d->cat->version, "product", d->resp != NULL ?
	    d->resp->product.name : NULL, NULL };

	if (d->resp == NULL) {
		author = d->cat->publisher;
		subject = cf_msgf(&d->L.arena, d->opts->locale,
		    "pdf_subject_checklist", -1, params);
		keywords = cf_arena_printf(&d->L.arena, "%s, %s, %s",
		    d->cat->id, d->cat->version, M("pdf_keywords"));
	} else {
		author = d->resp->product.manufacturer.name;
		subject = cf_msgf(&d->L.arena, d->opts->locale,
		    "pdf_subject_completed", -1, params);
		keywords = cf_arena_printf(&d->L.arena, "%s, %s, %s, %s",
		    d->cat->id, d->cat->version, d->resp->product.id.s,
		    M("pdf_keywords"));
	}
	cf_layout_info(&d->L, d->title, author, subject, keywords,
	    d->opts->generated);
}

static void
set_names(struct doc *d)
{
	const char	*who, *params[] = { "catalogue", d->cat->title,
	    "version", d->cat->version, "product_model", NULL, NULL };

	snprintf(d->generated, sizeof(d->generated), "%s", cf_locale_time(
	    &d->L.arena, d->opts->locale, (long long)d->opts->generated));
	if (d->resp == NULL) {
		d->id = cf_arena_printf(&d->L.arena, "%s-%s-checklist",
		    d->cat->id, d->cat->version);
		d->title = cf_msgf(&d->L.arena, d->opts->locale,
		    "title_checklist", -1, params);
		return;
	}
	d->id = cf_arena_printf(&d->L.arena, "%s-r%ld-%s-%s-checklist",
	    d->resp->product.id.s, d->resp->revision, d->cat->id,
	    d->cat->version);
	who = d->resp->product.model != NULL ? cf_arena_printf(&d->L.arena,
	    "%s %s", d->resp->product.name, d->resp->product.model) :
	    d->resp->product.name;
	params[5] = who;
	d->title = cf_msgf(&d->L.arena, d->opts->locale,
	    "pdf_title_completed", -1, params);
}

/*
 * A document an auditor pages through gets a table of contents after
 * its cover: 40 requirements or more in two sections or more.
 */
#define TOC_MIN_REQS		40
#define TOC_MIN_SECTIONS	2

static void
contents(struct doc *d)
{
	if (d->cat->nreqs >= TOC_MIN_REQS &&
	    d->cat->nsections >= TOC_MIN_SECTIONS)
		cf_layout_toc(&d->L, M("contents"));
}

static void
build(struct doc *d)
{
	size_t	 i;

	if (d->resp == NULL) {
		blank_cover(d);
		if (d->L.err != HPDF_OK)
			return;
		contents(d);
		cf_layout_new_page(&d->L);
		heading(d, 2, M("how_to_heading"), NULL);
		text_body(d, M("how_to_pdf"));
		classes_key(d);
		categories_key(d);
		conditions_key(d);
		answers_key(d);
		applicability_key(d);
		cf_layout_new_page(&d->L);
		for (i = 0; i < d->cat->nsections; i++)
			blank_section(d, &d->cat->sections[i]);
		return;
	}
	product_cover(d);
	if (d->L.err != HPDF_OK)
		return;
	contents(d);
	cf_layout_new_page(&d->L);
	summary(d);
	for (i = 0; i < d->cat->nsections; i++)
		completed_section(d, &d->cat->sections[i]);
	classes_key(d);
	conditions_key(d);
	answers_key(d);
	applicability_key(d);
}

int
cf_render_checklist_pdf(const struct cf_catalogue *cat,
    const struct cf_responses *resp, const struct cf_verdict *vd,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct doc	 d;
	int		 rc = -1;

	memset(&d, 0, sizeof(d));
	d.cat = cat;
	d.resp = resp;
	d.vd = vd;
	d.opts = opts;
	if (cf_layout_open_style(&d.L, opts->pdf_style, opts->template_dir,
	    opts->locale) == 0) {
		set_names(&d);
		cf_layout_furniture(&d.L, d.title, d.id, NULL);
		set_info(&d);
		build(&d);
		if (cf_layout_check(&d.L, cat->path, 0, 0,
		    "cannot lay out the PDF checklist") == 0)
			rc = cf_layout_save(&d.L, out);
	}
	cf_layout_close(&d.L);
	return rc;
}
