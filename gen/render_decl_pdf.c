/*
 * render_decl_pdf.c -- a declaration of conformity as PDF.
 *
 * The same numbered parts as the Markdown and HTML forms, set compactly
 * so a declaration of an ordinary size fits one A4 page: a signed
 * declaration is printed, filed and shown to auditors as a page, not
 * browsed.  layout.h does the typesetting, and pdfdecl.c what the short
 * forms have too (the top of the first page, a draft's banner and
 * watermark, the twin); this file only draws what layout.h has no notion
 * of: the signature line.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "declaration.h"
#include "diag.h"
#include "layout.h"
#include "locale.h"
#include "pdfdecl.h"
#include "pdfstyle.h"
#include "qr.h"
#include "render.h"

struct doc {
	struct cf_layout		 L;
	const struct cf_decl		*d;
	const struct cf_catalogue	*cat;
	const struct cf_responses	*resp;
	const struct cf_render_opts	*opts;
	const char			*title;
};

/*
 * Sources of the values drawn, named as render_pdf.c names them (one
 * `what` per place, layout.h): the value's position, or where the model
 * keeps none, the nearest enclosing one in the same file (line 0, for
 * the catalogue's own values: the file as a whole).
 */
static const struct cf_src *
cat_src(struct doc *p, struct cf_pos pos, const char *what)
{
	return cf_layout_src(&p->L, p->cat->path, pos, "%s", what);
}

static const struct cf_src *
title_src(struct doc *p)
{
	return cat_src(p, p->cat->title_pos, "catalogue title");
}

static const struct cf_src *
version_src(struct doc *p)
{
	return cat_src(p, p->cat->version_pos, "catalogue version");
}

static const struct cf_src *
class_src(struct doc *p, const struct cf_class *k)
{
	return cf_layout_src(&p->L, p->cat->path, k->pos, "class %ld", k->id);
}

static const struct cf_src *
applic_src(struct doc *p, const struct cf_applic *a)
{
	return cf_layout_src(&p->L, p->cat->path, a->pos, "applicability %s",
	    a->code);
}

static const struct cf_src *
code_src(struct doc *p, const struct cf_answer_code *a)
{
	if (p->cat->answers_default)	/* built in, not in the file */
		return NULL;
	return cf_layout_src(&p->L, p->cat->path, a->pos, "answer code %s",
	    a->code);
}

static const struct cf_src *
req_src(struct doc *p, const struct cf_requirement *r, struct cf_pos pos)
{
	return cf_layout_src(&p->L, p->cat->path, cf_pos_or(pos, r->pos),
	    "requirement %s", r->id.s);
}

static const struct cf_src *
product_src(struct doc *p, struct cf_pos pos, const char *what)
{
	return cf_layout_src(&p->L, p->resp->path, cf_pos_or(pos,
	    p->resp->product.id.pos), "%s", what);
}

static const struct cf_src *
answer_src(struct doc *p, const struct cf_answer *a, struct cf_pos pos)
{
	return cf_layout_src(&p->L, p->resp->path, cf_pos_or(pos,
	    a->req_id.pos), "requirement %s", a->req_id.s);
}

static const struct cf_src *
sig_src(struct doc *p, struct cf_pos pos, const char *what)
{
	return cf_layout_src(&p->L, p->resp->path, cf_pos_or(pos,
	    p->resp->decl.pos), "%s", what);
}

static const char *
fmt(struct doc *p, const char *f, ...) __attribute__((format(printf, 2, 3)));

static const char *
fmt(struct doc *p, const char *f, ...)
{
	const char	*s;
	va_list		 ap;

	va_start(ap, f);
	s = cf_arena_vprintf(&p->L.arena, f, ap);
	va_end(ap);
	return s;
}

/* A message's sentence (wording.h), in the layout's arena. */
static const char *
say(struct doc *p, const struct cf_msg *m)
{
	return cf_msg_str_in(&p->L.arena, p->d->loc, m);
}

/* A fixed sentence of the declaration (wording.h). */
static const char *
phrase(struct doc *p, enum cf_msg_id id)
{
	struct cf_msg	 m;

	cf_msg_init(&m, id);
	return say(p, &m);
}

/* A word of the document's language, and the same as a label. */
#define M(name)		cf_layout_msg(&p->L, (name))
#define LABEL(name)	cf_layout_label(&p->L, (name))

/* A point under the style's sizes: the declaration keeps to a page. */
static double
body(const struct doc *p)
{
	return p->L.style->body_size - 1;
}

static double
small(const struct doc *p)
{
	return p->L.style->table_size - 1;
}

/* Appends a piece of a paragraph: a value, or words between values. */
static void
put(struct doc *p, struct cf_flow *f, enum cf_font_style font,
    const char *text, const struct cf_src *s)
{
	cf_flow_text(&p->L, f, font, text, NULL, s);
}

/*
 * A numbered part: smaller than layout.h's chapter headings, so the
 * whole declaration keeps to a page, but bookmarked like them.  keep is
 * the room of what must follow it on its page.
 */
static void
heading_keep(struct doc *p, const char *text, const struct cf_src *s,
    double keep)
{
	struct cf_flow		*f;
	struct cf_box		 box;

	f = cf_flow_new(&p->L, body(p) + 0.5, CF_COLOUR_HEADING);
	put(p, f, CF_FONT_BOLD, text, s);
	cf_flow_layout(&p->L, f, p->L.right - p->L.left, &box);
	cf_layout_space(&p->L, body(p) * 0.7);
	cf_layout_need(&p->L, box.height + keep);
	cf_layout_bookmark(&p->L, text);
	cf_layout_flow(&p->L, f);
	cf_layout_space(&p->L, body(p) * 0.2);
}

/* A part whose first lines stay with it. */
static void
heading(struct doc *p, const char *text, const struct cf_src *s)
{
	heading_keep(p, text, s, body(p) * 4);
}

static struct cf_table *
facts_table(struct doc *p, size_t ncols)
{
	return cf_table_facts(&p->L, ncols, small(p));
}

/* Key and value into columns col and col + 1 of row r. */
static void
fact(struct doc *p, struct cf_table *t, size_t r, size_t col,
    const char *key, const char *value, const char *link,
    const struct cf_src *s)
{
	struct cf_flow	*v = cf_table_key(&p->L, t, r, col, key);

	if (value != NULL)
		cf_flow_text(&p->L, v, CF_FONT_REGULAR, value, link, s);
}

/* As the language writes a date ("5. November 2026"); NULL if none. */
static const char *
date(struct doc *p, const struct cf_date *dt)
{
	return cf_locale_date(&p->L.arena, p->d->loc, dt);
}

/* "TITLE (ID) release VERSION of DATE · class N[ · APPLICABILITY]" */
static void
release_line(struct doc *p)
{
	const struct cf_catalogue	*cat = p->cat;
	struct cf_flow			*f;

	f = cf_flow_new(&p->L, small(p), CF_COLOUR_MUTED);
	cf_flow_msg(&p->L, f, CF_FONT_REGULAR, "decl_pdf_scope", -1,
	    (const struct cf_piece[]){
	    { "catalogue", cat->title, title_src(p) },
	    { "catalogue_id", cat->id, cat_src(p, cat->id_pos,
		"catalogue id") },
	    { "version", cat->version, version_src(p) },
	    { "released", date(p, &cat->released), NULL },
	    { "class_id", fmt(p, "%ld", p->resp->claim.class_id), NULL },
	    { NULL, NULL, NULL } });
	if (p->d->applic != NULL) {
		put(p, f, CF_FONT_REGULAR, " \xc2\xb7 ", NULL);
		put(p, f, CF_FONT_REGULAR, p->d->applic->title,
		    applic_src(p, p->d->applic));
	}
	cf_layout_place(&p->L, f, 3);
}

static void
title_block(struct doc *p)
{
	if (cf_pdfdecl_head(&p->L, p->d, cf_msg(p->d->loc, "decl_title"),
	    small(p)) != 0)
		return;
	release_line(p);
	cf_layout_space(&p->L, 5);
	cf_layout_rule(&p->L, CF_COLOUR_HEADING, 1.2);
	cf_layout_space(&p->L, 6);
}

/* The authorised representative, under the manufacturer (0.2). */
static void
representative(struct doc *p, struct cf_flow *f)
{
	const struct cf_declaration	*dc = &p->resp->decl;

	if (dc->representative.name == NULL)
		return;
	cf_flow_para(&p->L, f, -1);
	put(p, f, CF_FONT_BOLD, LABEL("decl_representative"), NULL);
	put(p, f, CF_FONT_REGULAR, dc->representative.name, sig_src(p,
	    dc->representative.name_pos, "representative name"));
	cf_flow_para(&p->L, f, 0);
	put(p, f, CF_FONT_REGULAR, dc->representative.address, sig_src(p,
	    dc->representative.address_pos, "representative address"));
}

static void
parties(struct doc *p)
{
	const struct cf_product		*pr = &p->resp->product;
	const struct cf_manufacturer	*m = &pr->manufacturer;
	double				 half = (p->L.right - p->L.left) / 2 -
	    small(p);
	/* Parts 1 and 2 side by side, each bookmarked like the others. */
	struct cf_table_col		 cols[2] = {
		{ .title = fmt(p, "1  %s", M("manufacturer")), .min = half,
		    .grow = true, .bookmark = true },
		{ .title = fmt(p, "2  %s", M("decl_object")), .min = half,
		    .grow = true, .bookmark = true }
	};
	struct cf_table			*t;
	struct cf_flow			*f;

	t = cf_table_new(&p->L, 2, cols, small(p), true);
	cf_table_row(&p->L, t);
	f = cf_table_cell(t, 0, 0);
	put(p, f, CF_FONT_BOLD, m->name, product_src(p, m->name_pos,
	    "manufacturer name"));
	cf_flow_para(&p->L, f, 0);
	put(p, f, CF_FONT_REGULAR, m->address, product_src(p, m->address_pos,
	    "manufacturer address"));
	if (m->contact != NULL) {
		cf_flow_para(&p->L, f, 0);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR,
		    cf_contact_text(m->contact),
		    cf_contact_link(&p->L, m->contact), product_src(p,
		    m->contact_pos, "manufacturer contact"));
	}
	if (m->url != NULL) {
		cf_flow_para(&p->L, f, 0);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, m->url, m->url,
		    product_src(p, m->url_pos, "manufacturer url"));
	}
	representative(p, f);

	f = cf_table_cell(t, 0, 1);
	put(p, f, CF_FONT_BOLD, pr->name, product_src(p, pr->name_pos,
	    "product name"));
	if (pr->model != NULL) {
		put(p, f, CF_FONT_BOLD, " ", NULL);
		put(p, f, CF_FONT_BOLD, pr->model, product_src(p,
		    pr->model_pos, "product model"));
	}
	if (pr->version != NULL) {
		cf_flow_para(&p->L, f, 0);
		put(p, f, CF_FONT_REGULAR, fmt(p, "%s ", M("version")), NULL);
		put(p, f, CF_FONT_REGULAR, pr->version, product_src(p,
		    pr->version_pos, "product version"));
	}
	cf_flow_para(&p->L, f, 0);
	put(p, f, CF_FONT_REGULAR, fmt(p, "%s ", M("decl_product_id")), NULL);
	put(p, f, CF_FONT_REGULAR, pr->id.s, product_src(p, pr->id.pos,
	    "product id"));
	if (pr->support_until.year != 0) {
		cf_flow_para(&p->L, f, 0);
		put(p, f, CF_FONT_REGULAR, fmt(p, "%s %s", M("support_until"),
		    date(p, &pr->support_until)), NULL);
	}
	if (p->resp->decl.identification != NULL) {
		cf_flow_para(&p->L, f, 0);
		put(p, f, CF_FONT_REGULAR, LABEL("decl_identification"), NULL);
		put(p, f, CF_FONT_REGULAR, p->resp->decl.identification,
		    sig_src(p, p->resp->decl.identification_pos,
		    "declaration identification"));
	}
	if (pr->description != NULL)
		cf_flow_md(&p->L, f, pr->description, product_src(p,
		    pr->description_pos, "product description"));
	cf_layout_table(&p->L, t);
}

/* The catalogue's notice, right after the statement it qualifies. */
static void
notice(struct doc *p)
{
	struct cf_flow	*f;

	if (p->cat->notice == NULL)
		return;
	f = cf_flow_new(&p->L, small(p) - 1, CF_COLOUR_TEXT);
	cf_flow_md_lead(&p->L, f, LABEL("decl_notice"), p->cat->notice,
	    cat_src(p, p->cat->notice_pos, "catalogue notice"));
	cf_layout_place(&p->L, f, body(p) * 0.2);
}

/* A lead sentence and its list of items, kept together where it fits. */
static void
listed(struct doc *p, enum cf_msg_id lead, struct cf_flow *items)
{
	struct cf_flow	*f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);
	struct cf_box	 a, b;

	put(p, f, CF_FONT_REGULAR, phrase(p, lead), NULL);
	cf_flow_layout(&p->L, f, p->L.right - p->L.left, &a);
	cf_flow_layout(&p->L, items, p->L.right - p->L.left, &b);
	cf_layout_space(&p->L, body(p) * 0.5);
	cf_layout_need(&p->L, a.height + b.height);
	cf_layout_flow(&p->L, f);
	cf_layout_place(&p->L, items, 2);
}

/*
 * Points 5 to 7 of an EU declaration (CRA Annex V): the legislation, the
 * standards applied, the procedure and notified body; each left out when
 * the responses do not give it.
 */
static void
regulatory(struct doc *p)
{
	const struct cf_declaration	*dc = &p->resp->decl;
	struct cf_flow			*f;
	struct cf_table			*t;
	size_t				 i, r;

	if (dc->nlegislation > 0) {
		f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);
		for (i = 0; i < dc->nlegislation; i++) {
			const struct cf_legislation *l = &dc->legislation[i];

			cf_flow_item(&p->L, f, "\xe2\x80\xa2");
			put(p, f, CF_FONT_REGULAR, l->title, sig_src(p,
			    l->title_pos, "legislation title"));
			if (l->reference != NULL) {
				put(p, f, CF_FONT_REGULAR, " (", NULL);
				put(p, f, CF_FONT_REGULAR, l->reference,
				    sig_src(p, l->reference_pos,
				    "legislation reference"));
				put(p, f, CF_FONT_REGULAR, ")", NULL);
			}
		}
		listed(p, CF_MSG_DECL_LEGISLATION, f);
	}
	if (dc->nstandards > 0) {
		f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);
		for (i = 0; i < dc->nstandards; i++) {
			const struct cf_standard *st = &dc->standards[i];

			cf_flow_item(&p->L, f, "\xe2\x80\xa2");
			put(p, f, CF_FONT_BOLD, st->id, sig_src(p, st->id_pos,
			    "standard id"));
			if (st->version != NULL) {
				put(p, f, CF_FONT_REGULAR, " ", NULL);
				put(p, f, CF_FONT_REGULAR, st->version,
				    sig_src(p, st->version_pos,
				    "standard version"));
			}
			if (st->date != NULL) {
				put(p, f, CF_FONT_REGULAR, " (", NULL);
				put(p, f, CF_FONT_REGULAR, st->date, sig_src(p,
				    st->date_pos, "standard date"));
				put(p, f, CF_FONT_REGULAR, ")", NULL);
			}
			if (st->title != NULL) {
				put(p, f, CF_FONT_REGULAR, M("label_sep"), NULL);
				put(p, f, CF_FONT_REGULAR, st->title,
				    sig_src(p, st->title_pos,
				    "standard title"));
			}
			if (st->harmonised >= 0)
				put(p, f, CF_FONT_REGULAR, fmt(p,
				    " \xe2\x80\x94 %s", M(st->harmonised ?
				    "decl_harmonised" : "decl_not_harmonised")),
				    NULL);
		}
		listed(p, CF_MSG_DECL_STANDARDS, f);
	}
	if (dc->procedure == NULL && dc->notified_body.name == NULL)
		return;
	cf_layout_space(&p->L, body(p) * 0.4);
	t = facts_table(p, 2);
	if (dc->procedure != NULL) {
		r = cf_table_row(&p->L, t);
		fact(p, t, r, 0, M("decl_procedure"),
		    dc->procedure, NULL, sig_src(p, dc->procedure_pos,
		    "declaration procedure"));
	}
	if (dc->notified_body.name != NULL) {
		r = cf_table_row(&p->L, t);
		fact(p, t, r, 0, M("decl_notified_body"),
		    dc->notified_body.name, NULL, sig_src(p,
		    dc->notified_body.name_pos, "notified body name"));
		f = cf_table_cell(t, r, 1);
		put(p, f, CF_FONT_REGULAR, fmt(p, ", %s ", M("decl_nb_number")),
		    NULL);
		put(p, f, CF_FONT_REGULAR, dc->notified_body.number,
		    sig_src(p, dc->notified_body.number_pos,
		    "notified body number"));
		if (dc->notified_body.certificate != NULL) {
			put(p, f, CF_FONT_REGULAR, fmt(p, "%s%s ",
			    M("list_sep"), M("decl_nb_certificate")), NULL);
			put(p, f, CF_FONT_REGULAR,
			    dc->notified_body.certificate, sig_src(p,
			    dc->notified_body.certificate_pos,
			    "notified body certificate"));
		}
	}
	cf_layout_table(&p->L, t);
}

static void
statement(struct doc *p)
{
	const struct cf_decl	*d = p->d;
	struct cf_table		*t;
	struct cf_flow		*f;
	size_t			 r;

	heading(p, fmt(p, "3  %s", cf_msg(p->d->loc,
	    "decl_declaration")), NULL);
	cf_layout_para(&p->L, body(p), CF_COLOUR_TEXT, CF_FONT_BOLD,
	    say(p, &d->responsibility), NULL, 0);
	/* One sentence of catalogue values: each vetted where it is. */
	cf_layout_vet_msg(&p->L, CF_FONT_REGULAR, &d->conformity);
	cf_layout_para(&p->L, body(p), CF_COLOUR_TEXT, CF_FONT_REGULAR,
	    say(p, &d->conformity), NULL, body(p) * 0.5);
	notice(p);
	cf_layout_space(&p->L, body(p) * 0.4);
	t = facts_table(p, 2);
	r = cf_table_row(&p->L, t);
	fact(p, t, r, 0, M("compliance_class"), NULL, NULL, NULL);
	f = cf_table_cell(t, r, 1);
	put(p, f, CF_FONT_REGULAR, fmt(p, "%ld \xe2\x80\x94 ",
	    p->resp->claim.class_id), NULL);
	if (d->cls != NULL)
		put(p, f, CF_FONT_REGULAR, d->cls->title, class_src(p, d->cls));
	if (d->applic != NULL) {
		cf_flow_msg(&p->L, f, CF_FONT_REGULAR,
		    "decl_claim_applicability", -1, (const struct cf_piece[]){
		    { "applicability", cf_applic_name(&p->L.arena, d->applic),
			applic_src(p, d->applic) },
		    { NULL, NULL, NULL } });
	}
	if (d->cls != NULL && d->cls->description != NULL)
		cf_flow_md(&p->L, f, d->cls->description,
		    class_src(p, d->cls));
	cf_layout_table(&p->L, t);
	regulatory(p);
	cf_layout_para(&p->L, body(p), CF_COLOUR_TEXT, CF_FONT_REGULAR,
	    say(p, &d->basis), NULL, body(p) * 0.6);
}

static void
count_row(struct doc *p, struct cf_table *t, const char *label,
    enum cf_font_style font, size_t applicable, const size_t *by_code,
    size_t not_assessed, const struct cf_src *s)
{
	size_t	 r = cf_table_row(&p->L, t), i;

	cf_flow_text(&p->L, cf_table_cell(t, r, 0), font, label, NULL, s);
	cf_flow_text(&p->L, cf_table_cell(t, r, 1), font,
	    fmt(p, "%zu", applicable), NULL, NULL);
	for (i = 0; i < p->cat->nanswers; i++)
		cf_flow_text(&p->L, cf_table_cell(t, r, 2 + i), font,
		    fmt(p, "%zu", by_code[i]), NULL, NULL);
	cf_flow_text(&p->L, cf_table_cell(t, r, 2 + p->cat->nanswers), font,
	    fmt(p, "%zu", not_assessed), NULL, NULL);
}

static void
summary(struct doc *p)
{
	const struct cf_catalogue	*cat = p->cat;
	const struct cf_verdict		*v = p->d->verdict;
	struct cf_table_col		*cols;
	struct cf_table			*t;
	size_t				 i, n = cat->nanswers + 3;

	cols = cf_arena_alloc(&p->L.arena, n * sizeof(*cols));
	cols[0] = (struct cf_table_col){ .title = M("section"), .grow = true };
	cols[1] = (struct cf_table_col){ .title = M("applicable"),
	    .right = true };
	for (i = 0; i < cat->nanswers; i++)
		cols[2 + i] = (struct cf_table_col){
		    .title = cat->answers[i].code, .min = small(p) * 2.5,
		    .right = true, .src = code_src(p, &cat->answers[i]) };
	cols[n - 1] = (struct cf_table_col){ .title = M("not_assessed"),
	    .right = true };
	t = cf_table_new(&p->L, n, cols, small(p), true);
	for (i = 0; i < v->ntallies; i++) {
		const struct cf_tally *ty = &v->tallies[i];

		count_row(p, t, fmt(p, "%s %s", cf_section_number(&p->L.arena,
		    ty->section), ty->section->title), CF_FONT_REGULAR,
		    ty->applicable, ty->by_code, ty->not_assessed,
		    cf_layout_src(&p->L,
		    cat->path, ty->section->pos, "section %s",
		    ty->section->id.s));
	}
	count_row(p, t, M("total"), CF_FONT_BOLD, p->d->applicable,
	    p->d->by_code, p->d->not_assessed, NULL);
	cf_layout_table(&p->L, t);
}

/*
 * A row of the advisories' or the exceptions' table: "ID[ TITLE]
 * (CATEGORY)", then "CODE TITLE" of the answer.  Returns the row, whose
 * third cell the caller fills.
 */
static size_t
answer_row(struct doc *p, struct cf_table *t, const struct cf_requirement *q,
    bool title, const struct cf_category *cg, const struct cf_answer_code *ac)
{
	size_t		 r = cf_table_row(&p->L, t);
	struct cf_flow	*f = cf_table_cell(t, r, 0);

	put(p, f, CF_FONT_BOLD, q->id.s, req_src(p, q, q->id.pos));
	if (title && q->title != NULL) {
		put(p, f, CF_FONT_REGULAR, " ", NULL);
		put(p, f, CF_FONT_REGULAR, q->title, req_src(p, q, q->pos));
	}
	put(p, f, CF_FONT_REGULAR, " (", NULL);
	put(p, f, CF_FONT_REGULAR, cg->title, cf_layout_src(&p->L,
	    p->cat->path, cg->pos, "category %s", cg->code));
	put(p, f, CF_FONT_REGULAR, ")", NULL);
	f = cf_table_cell(t, r, 1);
	put(p, f, CF_FONT_BOLD, ac->code, code_src(p, ac));
	put(p, f, CF_FONT_REGULAR, " ", NULL);
	put(p, f, CF_FONT_REGULAR, ac->title, code_src(p, ac));
	return r;
}

static void
advisories(struct doc *p)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_requirement") },
		{ .title = M("decl_answer") },
		{ .title = M("col_note"), .grow = true }
	};
	const struct cf_decl	*d = p->d;
	struct cf_table		*t;
	size_t			 i, r;

	if (d->nadvisories == 0) {
		cf_layout_para(&p->L, body(p), CF_COLOUR_TEXT, CF_FONT_REGULAR,
		    phrase(p, CF_MSG_DECL_ADVISORIES_MET), NULL,
		    body(p) * 0.6);
		return;
	}
	cf_layout_para(&p->L, small(p), CF_COLOUR_TEXT, CF_FONT_BOLD,
	    M("decl_advisories"), NULL, body(p) * 0.5);
	cf_layout_space(&p->L, 2);
	t = cf_table_new(&p->L, 3, cols, small(p), true);
	for (i = 0; i < d->nadvisories; i++) {
		const struct cf_decl_advisory	*adv = &d->advisories[i];
		const struct cf_answer_code	*ac = adv->answer->acode;

		r = answer_row(p, t, adv->req, true, adv->category, ac);
		if (adv->answer->note != NULL)
			cf_flow_md(&p->L, cf_table_cell(t, r, 2),
			    adv->answer->note, answer_src(p, adv->answer,
			    adv->answer->req_id.pos));
		else
			cf_flow_text(&p->L, cf_table_cell(t, r, 2),
			    CF_FONT_ITALIC, phrase(p, CF_MSG_DECL_NO_NOTE), NULL,
			    NULL);
	}
	cf_layout_table(&p->L, t);
}

/* Mandatory requirements answered NA, each with its justification. */
static void
not_applicable(struct doc *p)
{
	const struct cf_table_col cols[] = {
		{ .title = M("col_requirement") },
		{ .title = M("decl_answer") },
		{ .title = M("justification"), .grow = true }
	};
	const struct cf_decl	*d = p->d;
	struct cf_table		*t;
	struct cf_msg		 m;
	size_t			 i, r;

	if (d->nnas == 0)
		return;
	cf_layout_para(&p->L, small(p), CF_COLOUR_TEXT, CF_FONT_BOLD,
	    M("decl_not_applicable"), NULL, body(p) * 0.5);
	cf_msg_init(&m, CF_MSG_DECL_NOT_APPLICABLE);
	m.count = (long)d->nnas;
	cf_layout_para(&p->L, small(p), CF_COLOUR_TEXT, CF_FONT_REGULAR,
	    say(p, &m), NULL, 2);
	cf_layout_space(&p->L, 2);
	t = cf_table_new(&p->L, 3, cols, small(p), true);
	for (i = 0; i < d->nnas; i++) {
		const struct cf_decl_na		*na = &d->nas[i];
		const struct cf_answer_code	*ac = na->answer->acode;

		r = answer_row(p, t, na->req, false, na->category, ac);
		cf_flow_md(&p->L, cf_table_cell(t, r, 2),
		    na->answer->justification, answer_src(p, na->answer,
		    na->answer->justification_pos));
	}
	cf_layout_table(&p->L, t);
}

static void
assessment(struct doc *p)
{
	size_t	 i;

	heading(p, fmt(p, "4  %s", cf_msg(p->d->loc,
	    "decl_assessment")), NULL);
	summary(p);
	/* The key is "CODE: TITLE." per answer code (declaration.c). */
	for (i = 0; i < p->cat->nanswers; i++) {
		cf_layout_vet(&p->L, CF_FONT_REGULAR, p->cat->answers[i].code,
		    code_src(p, &p->cat->answers[i]));
		cf_layout_vet(&p->L, CF_FONT_REGULAR, p->cat->answers[i].title,
		    code_src(p, &p->cat->answers[i]));
	}
	cf_layout_para(&p->L, small(p) - 1, CF_COLOUR_MUTED, CF_FONT_REGULAR,
	    cf_decl_answer_key(&p->L.arena, p->d), NULL, 3);
	advisories(p);
	not_applicable(p);
}

static const char *
joined(struct doc *p, const char *const *v, size_t n)
{
	struct cf_buf	 b;
	const char	*s;
	size_t		 i;

	cf_buf_init(&b);
	for (i = 0; i < n; i++)
		cf_buf_printf(&b, "%s%s", i > 0 ? ", " : "", v[i]);
	s = cf_arena_strdup(&p->L.arena, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

/*
 * Where a hashed file's path came from: an evidence path is written in
 * the responses (its first citation); the catalogue's and the responses'
 * own were given on the command line, so only their file is known.
 */
static const struct cf_src *
file_src(struct doc *p, const struct cf_decl_file *f)
{
	const struct cf_responses	*r = p->resp;
	const struct cf_answer		*a;
	size_t				 i, j;

	if (f->role == CF_DECL_CATALOGUE)
		return cat_src(p, (struct cf_pos){ 0, 0 },
		    "catalogue file name");
	for (i = 0; f->role == CF_DECL_EVIDENCE && i < r->nanswers; i++) {
		a = &r->answers[i];
		for (j = 0; j < a->nevidence; j++)
			if (a->evidence[j].kind == CF_EVIDENCE_PATH &&
			    strcmp(a->evidence[j].ref, f->path) == 0)
				return answer_src(p, a, a->evidence[j].pos);
	}
	return cf_layout_src(&p->L, r->path, (struct cf_pos){ 0, 0 },
	    "responses file name");
}

/* As wide as any SHA-256 in hex: 64 digits. */
#define SHA256_ZERO \
	"0000000000000000000000000000000000000000000000000000000000000000"

static void
digest(struct doc *p, struct cf_flow *f, const char *hex, bool wrap)
{
	size_t	 n = strlen(hex);

	if (!wrap || n < 2) {
		cf_flow_text(&p->L, f, CF_FONT_MONO, hex, NULL, NULL);
		return;
	}
	cf_flow_text(&p->L, f, CF_FONT_MONO, cf_arena_strndup(&p->L.arena,
	    hex, n / 2), NULL, NULL);
	cf_flow_para(&p->L, f, 0);
	cf_flow_text(&p->L, f, CF_FONT_MONO, hex + n / 2, NULL, NULL);
}

static void
references(struct doc *p)
{
	const struct cf_table_col cols[] = {
		{ .title = M("decl_file"), .grow = true },
		{ .title = M("decl_role") },
		{ .title = "SHA-256" }
	};
	const struct cf_decl		*d = p->d;
	const struct cf_catalogue	*cat = p->cat;
	struct cf_table			*t;
	struct cf_flow			*f;
	size_t				 i, r;
	double				 tiny = small(p) - 1, mn;
	bool				 wrap;

	heading(p, fmt(p, "5  %s", cf_msg(p->d->loc,
	    "decl_references")), NULL);
	t = facts_table(p, 2);
	r = cf_table_row(&p->L, t);
	fact(p, t, r, 0, M("catalogue"), NULL, NULL, NULL);
	f = cf_table_cell(t, r, 1);
	cf_flow_msg(&p->L, f, CF_FONT_REGULAR, "decl_release_ref", -1,
	    (const struct cf_piece[]){
	    { "catalogue", cat->title, title_src(p) },
	    { "version", cat->version, version_src(p) },
	    { NULL, NULL, NULL } });
	if (cat->url != NULL) {
		put(p, f, CF_FONT_REGULAR, ", ", NULL);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, cat->url, cat->url,
		    cat_src(p, cat->url_pos, "catalogue url"));
	}
	/* File names made of ids: ASCII tokens the loader checked. */
	if (d->nchecklists > 0) {
		r = cf_table_row(&p->L, t);
		fact(p, t, r, 0, M("decl_completed_checklist"), joined(p,
		    d->checklists, d->nchecklists), NULL, NULL);
	}
	if (p->resp->decl.url != NULL) {
		r = cf_table_row(&p->L, t);
		fact(p, t, r, 0, M("published_at"), p->resp->decl.url,
		    cf_safe_link(p->resp->decl.url), sig_src(p,
		    p->resp->decl.url_pos, "declaration url"));
	}
	cf_layout_table(&p->L, t);
	cf_layout_para(&p->L, small(p), CF_COLOUR_MUTED, CF_FONT_REGULAR,
	    phrase(p, CF_MSG_DECL_INTEGRITY_NOTE), NULL, body(p) * 0.5);
	cf_layout_space(&p->L, 2);
	t = cf_table_new(&p->L, 3, cols, tiny, true);
	/*
	 * A digest is read whole, so its column fits one when it can; when
	 * that leaves the file names too little room (a large type, a
	 * narrow page), each digest breaks in two halves of 32 digits.
	 */
	f = cf_flow_new(&p->L, tiny, CF_COLOUR_TEXT);
	cf_flow_text(&p->L, f, CF_FONT_MONO, SHA256_ZERO, NULL, NULL);
	cf_flow_extent(&p->L, f, &mn, &t->cols[2].min);
	wrap = t->cols[2].min > (p->L.right - p->L.left) * 0.55;
	if (wrap)
		t->cols[2].min /= 2;
	for (i = 0; i < d->nfiles; i++) {
		static const char *const labels[] = { "catalogue",
		    "decl_translation", "responses", "col_evidence" };

		r = cf_table_row(&p->L, t);
		cf_flow_text(&p->L, cf_table_cell(t, r, 0), CF_FONT_REGULAR,
		    d->files[i].path, NULL, file_src(p, &d->files[i]));
		cf_flow_text(&p->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    cf_msg(d->loc, labels[d->files[i].role]), NULL, NULL);
		digest(p, cf_table_cell(t, r, 2), d->files[i].sha256, wrap);
	}
	cf_layout_table(&p->L, t);
}

/*
 * The signature line beside the facts, at the height of their last row:
 * room to sign above it, and no page of its own.
 */
static void
signature_line(struct doc *p, double x0, double x1, double y)
{
	cf_layout_hline(&p->L, x0, x1, y, 0.6, CF_COLOUR_TEXT);
	cf_layout_text_at(&p->L, CF_FONT_REGULAR, small(p) - 1,
	    CF_COLOUR_MUTED, x0, y - small(p), M("decl_signature"));
}

/*
 * The QR code of the published address at the right of the signature
 * block, top at top, the address under it (signing.md): the symbol
 * CF_QR_SYMBOL_MM wide, its quiet zone around.  Moves the flow below both.
 */
static void
published_qr(struct doc *p, const struct cf_qr *qr, double top)
{
	const char	*url = p->resp->decl.url;
	double		 module = CF_QR_SYMBOL_MM / 25.4 * 72 / qr->width;
	double		 side = (qr->width + 2 * CF_QR_QUIET) * module;
	double		 size = small(p) - 1, tw, y;

	cf_qr_pdf(qr, p->L.page, p->L.right - side, top - side, module);
	tw = cf_layout_text_width(&p->L, CF_FONT_REGULAR, size, url);
	/* A long address is set smaller rather than past the margin. */
	if (tw > p->L.right - p->L.left) {
		size *= (p->L.right - p->L.left) / tw;
		tw = p->L.right - p->L.left;
	}
	y = top - side - size;
	cf_layout_text_at(&p->L, CF_FONT_REGULAR, size, CF_COLOUR_MUTED,
	    p->L.right - tw, y, url);
	if (p->L.y > y - size * 0.6)
		p->L.y = y - size * 0.6;
}

static void
signature(struct doc *p)
{
	const struct cf_declaration	*sig = &p->resp->decl;
	const struct cf_manufacturer	*m = &p->resp->product.manufacturer;
	struct cf_table			*t;
	struct cf_qr			 qr = { 0, NULL };
	double				 right = p->L.right, mid, top, qrw = 0;
	double				 block;

	if (sig->present && sig->url != NULL &&
	    cf_qr_encode(sig->url, &qr) == 0)
		qrw = (qr.width + 2 * CF_QR_QUIET) * CF_QR_SYMBOL_MM / 25.4 * 72 /
		    qr.width;
	block = qrw > 0 ? qrw + small(p) * 3 : small(p) * 6;
	/*
	 * The manufacturer's name is the one value in the heading, which
	 * stays on the page of the block it heads (a longer language's
	 * text must not leave it alone at the foot of the page before).
	 */
	heading_keep(p, fmt(p, "6  %s", cf_msgf(&p->L.arena, p->d->loc,
	    "decl_signed", -1, (const char *const[]){ "manufacturer",
	    m->name, NULL })), product_src(p, m->name_pos,
	    "manufacturer name"), sig->present ? block : body(p) * 4);
	if (!sig->present) {
		cf_layout_para(&p->L, body(p), CF_COLOUR_MUTED, CF_FONT_ITALIC,
		    phrase(p, CF_MSG_DECL_NO_SIGNATORY), NULL, 0);
		return;
	}
	t = facts_table(p, 4);
	cf_table_row(&p->L, t);
	cf_table_row(&p->L, t);
	fact(p, t, 0, 0, M("decl_place"), sig->place, NULL, sig_src(p,
	    sig->place_pos, "declaration place"));
	fact(p, t, 0, 2, M("decl_date"), date(p, &sig->date), NULL, NULL);
	fact(p, t, 1, 0, M("name"), sig->name, NULL, sig_src(p, sig->name_pos,
	    "signatory name"));
	fact(p, t, 1, 2, M("decl_signatory_role"), sig->role, NULL,
	    sig_src(p, sig->role_pos, "signatory role"));
	/* The facts take the left of the line, the signature the right,
	 * and the QR code of the published address the right of that. */
	mid = p->L.left + (right - p->L.left) * (qrw > 0 ? 0.5 : 0.62);
	cf_layout_need(&p->L, block);
	top = p->L.y;
	p->L.right = mid;
	cf_layout_table(&p->L, t);
	p->L.right = right;
	signature_line(p, mid + small(p) * 3, right - (qrw > 0 ? qrw +
	    small(p) * 2 : 0), p->L.y + 1);
	if (qrw > 0)
		published_qr(p, &qr, top);
	cf_qr_free(&qr);
	cf_layout_space(&p->L, small(p) * 1.2);
}

static void
set_info(struct doc *p)
{
	cf_layout_info(&p->L, p->title, p->resp->product.manufacturer.name,
	    say(p, &p->d->conformity), fmt(p, "%s, %s, %s, declaration of "
	    "conformity%s", p->cat->id, p->cat->version,
	    p->resp->product.id.s, p->d->draft ? ", draft" : ""),
	    p->opts->generated);
}

static void
build(struct doc *p)
{
	title_block(p);
	if (p->L.err != HPDF_OK)
		return;
	parties(p);
	statement(p);
	assessment(p);
	references(p);
	signature(p);
}

int
cf_render_declaration_pdf(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct doc	 p;
	int		 rc = -1;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.cat = d->cat;
	p.resp = d->resp;
	p.opts = opts;
	if (cf_layout_open_style(&p.L, opts->pdf_style, opts->template_dir,
	    d->loc) == 0) {
		p.title = cf_pdfdecl_furniture(&p.L, d, cf_msg(d->loc,
		    "declaration_of_conformity"), opts->generated);
		set_info(&p);
		build(&p);
		rc = cf_pdfdecl_save(&p.L, d, opts, out);
	}
	cf_layout_close(&p.L);
	return rc;
}
