/*
 * render_decl_pdf.c -- a declaration of conformity as PDF.
 *
 * The same numbered parts as the Markdown and HTML forms, set compactly
 * so a declaration of an ordinary size fits one A4 page: a signed
 * declaration is printed, filed and shown to auditors as a page, not
 * browsed.  layout.h does the typesetting; this file only draws what
 * layout.h has no notion of: the signature line and a draft's watermark.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "declaration.h"
#include "diag.h"
#include "layout.h"
#include "pdfstyle.h"
#include "render.h"

#define DRAFT_RGB	0xa4262c	/* the watermark: not a style matter */

struct doc {
	struct cf_layout		 L;
	const struct cf_decl		*d;
	const struct cf_catalogue	*cat;
	const struct cf_responses	*resp;
	const struct cf_render_opts	*opts;
	const char			*title;
};

static const struct cf_src *
src(struct doc *p, bool catalogue, struct cf_pos pos, const char *what)
{
	struct cf_src	*s = cf_arena_alloc(&p->L.arena, sizeof(*s));

	s->file = catalogue ? p->cat->path : p->resp->path;
	s->pos = pos;
	s->what = what;
	return s;
}

static const struct cf_src *
product_src(struct doc *p)
{
	return src(p, false, p->resp->product.id.pos, "product");
}

static const char *
fmt(struct doc *p, const char *f, ...) __attribute__((format(printf, 2, 3)));

static const char *
fmt(struct doc *p, const char *f, ...)
{
	struct cf_buf	 b;
	const char	*s;
	va_list		 ap;

	cf_buf_init(&b);
	va_start(ap, f);
	cf_buf_vprintf(&b, f, ap);
	va_end(ap);
	s = cf_arena_strdup(&p->L.arena, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

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

/* One paragraph of plain text, placed at once. */
static void
para(struct doc *p, double size, enum cf_colour c, enum cf_font_style font,
    const char *text, const struct cf_src *s, double space)
{
	struct cf_flow	*f = cf_flow_new(&p->L, size, c);

	cf_flow_text(&p->L, f, font, text, NULL, s);
	cf_layout_space(&p->L, space);
	cf_layout_flow(&p->L, f);
}

/*
 * A numbered part: smaller than layout.h's chapter headings, so the
 * whole declaration keeps to a page, but bookmarked like them.
 */
static void
heading(struct doc *p, const char *text)
{
	struct cf_flow		*f;
	struct cf_box		 box;
	HPDF_Outline		 o;
	HPDF_Destination	 dst;

	f = cf_flow_new(&p->L, body(p) + 0.5, CF_COLOUR_HEADING);
	cf_flow_text(&p->L, f, CF_FONT_BOLD, text, NULL, NULL);
	cf_flow_layout(&p->L, f, p->L.right - p->L.left, &box);
	cf_layout_space(&p->L, body(p) * 0.7);
	cf_layout_need(&p->L, box.height + body(p) * 4);
	if (p->L.err == HPDF_OK && p->L.page != NULL) {
		o = HPDF_CreateOutline(p->L.pdf, NULL,
		    cf_layout_plain(&p->L, text),
		    HPDF_GetEncoder(p->L.pdf, "UTF-8"));
		dst = HPDF_Page_CreateDestination(p->L.page);
		if (o != NULL && dst != NULL) {
			HPDF_Destination_SetFitH(dst, (HPDF_REAL)p->L.y);
			HPDF_Outline_SetDestination(o, dst);
		}
	}
	cf_layout_flow(&p->L, f);
	cf_layout_space(&p->L, body(p) * 0.2);
}

static struct cf_table *
facts_table(struct doc *p, size_t ncols)
{
	static const struct cf_table_col cols[] = {
		{ .title = "" }, { .title = "", .grow = true },
		{ .title = "" }, { .title = "", .grow = true }
	};

	return cf_table_new(&p->L, ncols, cols, small(p), false);
}

/* Key and value into columns col and col + 1 of row r. */
static void
fact(struct doc *p, struct cf_table *t, size_t r, size_t col,
    const char *key, const char *value, const char *link,
    const struct cf_src *s)
{
	struct cf_flow	*k = cf_table_cell(t, r, col);

	k->colour = CF_COLOUR_MUTED;
	cf_flow_text(&p->L, k, CF_FONT_BOLD, key, NULL, NULL);
	if (value != NULL)
		cf_flow_text(&p->L, cf_table_cell(t, r, col + 1),
		    CF_FONT_REGULAR, value, link, s);
}

static const char *
date(struct doc *p, const struct cf_date *dt)
{
	char	 buf[11];

	return dt->year != 0 ? cf_arena_strdup(&p->L.arena,
	    cf_date_str(dt, buf)) : NULL;
}

static void
draft_banner(struct doc *p)
{
	const struct cf_verdict	*v = p->d->verdict;
	struct cf_flow		*f;
	size_t			 i;

	f = cf_flow_new(&p->L, body(p) + 2.5, CF_COLOUR_HEADING);
	cf_flow_text(&p->L, f, CF_FONT_BOLD, CF_DECL_WATERMARK, NULL, NULL);
	cf_layout_flow(&p->L, f);
	f = cf_flow_new(&p->L, small(p), CF_COLOUR_TEXT);
	cf_flow_text(&p->L, f, CF_FONT_REGULAR, fmt(p, "The answers do not "
	    "support this declaration while %s %zu finding%s stand%s:",
	    v->nblockers == 1 ? "this" : "these", v->nblockers,
	    v->nblockers == 1 ? "" : "s", v->nblockers == 1 ? "s" : ""),
	    NULL, NULL);
	for (i = 0; i < v->nblockers; i++) {
		cf_flow_item(&p->L, f, "\xe2\x80\xa2");
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, v->blockers[i].message,
		    NULL, src(p, false, v->blockers[i].pos, "gate finding"));
	}
	cf_layout_space(&p->L, 3);
	cf_layout_flow(&p->L, f);
	cf_layout_space(&p->L, 8);
	cf_layout_rule(&p->L, CF_COLOUR_RULE, 0.6);
	cf_layout_space(&p->L, 10);
}

static void
title_block(struct doc *p)
{
	const struct cf_catalogue	*cat = p->cat;
	const char			*applic = p->d->applic != NULL ?
	    fmt(p, " \xc2\xb7 %s", p->d->applic->title) : "";

	cf_layout_new_page(&p->L);
	if (cf_layout_logo(&p->L, 150, 42) != 0)
		return;
	if (p->d->draft)
		draft_banner(p);
	para(p, 18, CF_COLOUR_HEADING, CF_FONT_BOLD,
	    "Declaration of Conformity", NULL, 0);
	para(p, body(p) + 1, CF_COLOUR_TEXT, CF_FONT_BOLD,
	    fmt(p, "No. %s", p->d->id), product_src(p), 3);
	para(p, small(p), CF_COLOUR_MUTED, CF_FONT_REGULAR,
	    fmt(p, "%s (%s) release %s of %s \xc2\xb7 class %ld%s",
	    cat->title, cat->id, cat->version,
	    date(p, &cat->released), p->resp->claim.class_id, applic),
	    src(p, true, cat->id_pos, "catalogue"), 3);
	cf_layout_space(&p->L, 5);
	cf_layout_rule(&p->L, CF_COLOUR_HEADING, 1.2);
	cf_layout_space(&p->L, 6);
}

static const char *
contact_link(struct doc *p, const char *contact)
{
	if (contact == NULL)
		return NULL;
	if (strchr(contact, '@') != NULL && strchr(contact, ':') == NULL &&
	    strpbrk(contact, " <>\"") == NULL)
		return fmt(p, "mailto:%s", contact);
	return contact;
}

static void
parties(struct doc *p)
{
	const struct cf_product		*pr = &p->resp->product;
	const struct cf_manufacturer	*m = &pr->manufacturer;
	const struct cf_src		*s = product_src(p);
	double				 half = (p->L.right - p->L.left) / 2 -
	    small(p);
	struct cf_table_col		 cols[2] = {
		{ .title = "1  Manufacturer", .min = half, .grow = true },
		{ .title = "2  Object of the declaration", .min = half,
		    .grow = true }
	};
	struct cf_table			*t;
	struct cf_flow			*f;

	t = cf_table_new(&p->L, 2, cols, small(p), true);
	cf_table_row(&p->L, t);
	f = cf_table_cell(t, 0, 0);
	cf_flow_text(&p->L, f, CF_FONT_BOLD, m->name, NULL, s);
	cf_flow_para(&p->L, f, 0);
	cf_flow_text(&p->L, f, CF_FONT_REGULAR, m->address, NULL, s);
	if (m->contact != NULL) {
		cf_flow_para(&p->L, f, 0);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, m->contact,
		    contact_link(p, m->contact), s);
	}
	if (m->url != NULL) {
		cf_flow_para(&p->L, f, 0);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, m->url, m->url, s);
	}

	f = cf_table_cell(t, 0, 1);
	cf_flow_text(&p->L, f, CF_FONT_BOLD, pr->model != NULL ?
	    fmt(p, "%s %s", pr->name, pr->model) : pr->name, NULL, s);
	if (pr->version != NULL) {
		cf_flow_para(&p->L, f, 0);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR,
		    fmt(p, "Version %s", pr->version), NULL, s);
	}
	cf_flow_para(&p->L, f, 0);
	cf_flow_text(&p->L, f, CF_FONT_REGULAR,
	    fmt(p, "Product id %s", pr->id.s), NULL, s);
	if (pr->support_until.year != 0) {
		cf_flow_para(&p->L, f, 0);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, fmt(p, "Security "
		    "updates until %s", date(p, &pr->support_until)), NULL, s);
	}
	if (pr->description != NULL)
		cf_flow_md(&p->L, f, pr->description,
		    src(p, false, pr->id.pos, "product description"));
	cf_layout_table(&p->L, t);
}

static void
statement(struct doc *p)
{
	const struct cf_decl	*d = p->d;
	struct cf_table		*t;
	size_t			 r;

	heading(p, "3  Declaration");
	para(p, body(p), CF_COLOUR_TEXT, CF_FONT_BOLD, d->responsibility,
	    product_src(p), 0);
	para(p, body(p), CF_COLOUR_TEXT, CF_FONT_REGULAR, d->conformity,
	    src(p, true, p->cat->id_pos, "catalogue"), body(p) * 0.5);
	cf_layout_space(&p->L, body(p) * 0.4);
	t = facts_table(p, 2);
	r = cf_table_row(&p->L, t);
	fact(p, t, r, 0, "Compliance class", fmt(p, "%ld \xe2\x80\x94 %s%s",
	    p->resp->claim.class_id, d->cls != NULL ? d->cls->title : "",
	    d->applic != NULL ? fmt(p, "; applicability %s (%s)",
	    d->applic->title, d->applic->code) : ""), NULL,
	    src(p, true, d->cls != NULL ? d->cls->pos : p->cat->id_pos,
	    "class"));
	if (d->cls != NULL && d->cls->description != NULL)
		cf_flow_md(&p->L, cf_table_cell(t, r, 1), d->cls->description,
		    src(p, true, d->cls->pos, "class description"));
	cf_layout_table(&p->L, t);
	para(p, body(p), CF_COLOUR_TEXT, CF_FONT_REGULAR, d->basis, NULL,
	    body(p) * 0.6);
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
	cols[0] = (struct cf_table_col){ .title = "Section", .grow = true };
	cols[1] = (struct cf_table_col){ .title = "Applicable",
	    .right = true };
	for (i = 0; i < cat->nanswers; i++)
		cols[2 + i] = (struct cf_table_col){
		    .title = cat->answers[i].code, .min = small(p) * 2.5,
		    .right = true };
	cols[n - 1] = (struct cf_table_col){ .title = "Not assessed",
	    .right = true };
	t = cf_table_new(&p->L, n, cols, small(p), true);
	for (i = 0; i < v->ntallies; i++) {
		const struct cf_tally *ty = &v->tallies[i];

		count_row(p, t, fmt(p, "%s %s", ty->section->id.s,
		    ty->section->title), CF_FONT_REGULAR, ty->applicable,
		    ty->by_code, ty->not_assessed, src(p, true,
		    ty->section->pos, "section title"));
	}
	count_row(p, t, "Total", CF_FONT_BOLD, p->d->applicable,
	    p->d->by_code, p->d->not_assessed, NULL);
	cf_layout_table(&p->L, t);
}

static void
advisories(struct doc *p)
{
	static const struct cf_table_col cols[] = {
		{ .title = "Requirement" }, { .title = "Answer" },
		{ .title = "Note", .grow = true }
	};
	const struct cf_decl	*d = p->d;
	struct cf_table		*t;
	size_t			 i, r;

	if (d->nadvisories == 0) {
		para(p, body(p), CF_COLOUR_TEXT, CF_FONT_REGULAR, "Every "
		    "applicable advisory requirement is met.", NULL,
		    body(p) * 0.6);
		return;
	}
	para(p, small(p), CF_COLOUR_TEXT, CF_FONT_BOLD, "Advisory "
	    "requirements not met", NULL, body(p) * 0.5);
	cf_layout_space(&p->L, 2);
	t = cf_table_new(&p->L, 3, cols, small(p), true);
	for (i = 0; i < d->nadvisories; i++) {
		const struct cf_decl_advisory	*adv = &d->advisories[i];
		const struct cf_src		*s;

		s = src(p, false, adv->answer->req_id.pos,
		    fmt(p, "requirement %s", adv->req->id.s));
		r = cf_table_row(&p->L, t);
		cf_flow_text(&p->L, cf_table_cell(t, r, 0), CF_FONT_BOLD,
		    adv->req->id.s, NULL, NULL);
		cf_flow_text(&p->L, cf_table_cell(t, r, 0), CF_FONT_REGULAR,
		    fmt(p, " (%s)", adv->category->title), NULL, NULL);
		cf_flow_text(&p->L, cf_table_cell(t, r, 1), CF_FONT_BOLD,
		    adv->answer->acode->code, NULL, NULL);
		cf_flow_text(&p->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    fmt(p, " %s", adv->answer->acode->title), NULL, NULL);
		if (adv->answer->note != NULL)
			cf_flow_md(&p->L, cf_table_cell(t, r, 2),
			    adv->answer->note, s);
		else
			cf_flow_text(&p->L, cf_table_cell(t, r, 2),
			    CF_FONT_ITALIC, "No note given.", NULL, NULL);
	}
	cf_layout_table(&p->L, t);
}

static void
assessment(struct doc *p)
{
	heading(p, "4  Assessment");
	summary(p);
	para(p, small(p) - 1, CF_COLOUR_MUTED, CF_FONT_REGULAR,
	    p->d->answer_key, src(p, true, p->cat->id_pos, "answer codes"), 3);
	advisories(p);
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

static void
references(struct doc *p)
{
	static const struct cf_table_col cols[] = {
		{ .title = "File", .grow = true }, { .title = "Role" },
		{ .title = "SHA-256" }
	};
	const struct cf_decl		*d = p->d;
	const struct cf_catalogue	*cat = p->cat;
	struct cf_table			*t;
	size_t				 i, r;
	double				 tiny = small(p) - 1, mn;

	heading(p, "5  References and integrity");
	t = facts_table(p, 2);
	r = cf_table_row(&p->L, t);
	fact(p, t, r, 0, "Catalogue", fmt(p, "%s, release %s",
	    cat->title, cat->version), NULL,
	    src(p, true, cat->id_pos, "catalogue"));
	if (cat->url != NULL) {
		cf_flow_text(&p->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    ", ", NULL, NULL);
		cf_flow_text(&p->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    cat->url, cat->url, src(p, true, cat->id_pos, "catalogue"));
	}
	if (d->nchecklists > 0) {
		r = cf_table_row(&p->L, t);
		fact(p, t, r, 0, "Completed checklist", joined(p,
		    d->checklists, d->nchecklists), NULL, product_src(p));
	}
	cf_layout_table(&p->L, t);
	para(p, small(p), CF_COLOUR_MUTED, CF_FONT_REGULAR, "SHA-256 of each "
	    "file as it was read; paths are relative to the folder of the "
	    "responses file (cfgen verify --base FOLDER).", NULL,
	    body(p) * 0.5);
	cf_layout_space(&p->L, 2);
	t = cf_table_new(&p->L, 3, cols, tiny, true);
	for (i = 0; i < d->nfiles; i++) {
		static const char *const labels[] = { "Catalogue",
		    "Responses", "Evidence" };

		r = cf_table_row(&p->L, t);
		cf_flow_text(&p->L, cf_table_cell(t, r, 0), CF_FONT_REGULAR,
		    d->files[i].path, NULL, product_src(p));
		cf_flow_text(&p->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    labels[d->files[i].role], NULL, NULL);
		cf_flow_text(&p->L, cf_table_cell(t, r, 2), CF_FONT_MONO,
		    d->files[i].sha256, NULL, NULL);
	}
	/* A digest is read whole, so its column never breaks one. */
	cf_flow_extent(&p->L, cf_table_cell(t, 0, 2), &mn, &t->cols[2].min);
	cf_layout_table(&p->L, t);
}

/*
 * The signature line beside the facts, at the height of their last row:
 * room to sign above it, and no page of its own.
 */
static void
signature_line(struct doc *p, double x0, double x1, double y)
{
	HPDF_Page	 pg = p->L.page;
	unsigned	 c = p->L.style->colour[CF_COLOUR_TEXT];
	unsigned	 m = p->L.style->colour[CF_COLOUR_MUTED];

	if (p->L.err != HPDF_OK || pg == NULL)
		return;
	HPDF_Page_SetLineWidth(pg, 0.6);
	HPDF_Page_SetRGBStroke(pg, (c >> 16 & 0xff) / 255.0f,
	    (c >> 8 & 0xff) / 255.0f, (c & 0xff) / 255.0f);
	HPDF_Page_MoveTo(pg, (HPDF_REAL)x0, (HPDF_REAL)y);
	HPDF_Page_LineTo(pg, (HPDF_REAL)x1, (HPDF_REAL)y);
	HPDF_Page_Stroke(pg);
	HPDF_Page_BeginText(pg);
	HPDF_Page_SetFontAndSize(pg, p->L.fonts[CF_FONT_REGULAR].hf,
	    (HPDF_REAL)(small(p) - 1));
	HPDF_Page_SetRGBFill(pg, (m >> 16 & 0xff) / 255.0f,
	    (m >> 8 & 0xff) / 255.0f, (m & 0xff) / 255.0f);
	HPDF_Page_TextOut(pg, (HPDF_REAL)x0, (HPDF_REAL)(y - small(p)),
	    "Signature");
	HPDF_Page_EndText(pg);
}

static void
signature(struct doc *p)
{
	const struct cf_declaration	*sig = &p->resp->decl;
	const struct cf_src		*s;
	struct cf_table			*t;
	double				 right = p->L.right, mid;

	heading(p, fmt(p, "6  Signed for and on behalf of %s",
	    p->resp->product.manufacturer.name));
	if (!sig->present) {
		para(p, body(p), CF_COLOUR_MUTED, CF_FONT_ITALIC,
		    "No signatory is named in the responses.", NULL, 0);
		return;
	}
	s = src(p, false, sig->pos, "declaration");
	t = facts_table(p, 4);
	cf_table_row(&p->L, t);
	cf_table_row(&p->L, t);
	fact(p, t, 0, 0, "Place", sig->place, NULL, s);
	fact(p, t, 0, 2, "Date", date(p, &sig->date), NULL, s);
	fact(p, t, 1, 0, "Name", sig->name, NULL, s);
	fact(p, t, 1, 2, "Role", sig->role, NULL, s);
	/* The facts take the left of the line, the signature the right. */
	mid = p->L.left + (right - p->L.left) * 0.62;
	cf_layout_need(&p->L, small(p) * 6);
	p->L.right = mid;
	cf_layout_table(&p->L, t);
	p->L.right = right;
	signature_line(p, mid + small(p) * 3, right, p->L.y + 1);
	cf_layout_space(&p->L, small(p) * 1.2);
}

/* Diagonal across every page, over the content, translucent. */
static void
watermark(struct doc *p)
{
	HPDF_ExtGState	 gs;
	HPDF_Font	 font = p->L.fonts[CF_FONT_BOLD].hf;
	double		 w = p->L.style->page_w, h = p->L.style->page_h;
	double		 a = atan2(h, w), c = cos(a), s = sin(a), size, tw;
	size_t		 i;

	if (p->L.err != HPDF_OK || (gs = HPDF_CreateExtGState(p->L.pdf)) ==
	    NULL)
		return;
	HPDF_ExtGState_SetAlphaFill(gs, 0.14f);
	for (i = 0; i < p->L.npages; i++) {
		HPDF_Page pg = p->L.pages[i];

		HPDF_Page_GSave(pg);
		HPDF_Page_SetExtGState(pg, gs);
		HPDF_Page_SetRGBFill(pg, (DRAFT_RGB >> 16) / 255.0f,
		    (DRAFT_RGB >> 8 & 0xff) / 255.0f,
		    (DRAFT_RGB & 0xff) / 255.0f);
		HPDF_Page_SetFontAndSize(pg, font, 10);
		tw = HPDF_Page_TextWidth(pg, CF_DECL_WATERMARK) / 10;
		size = tw > 0 ? 0.78 * sqrt(w * w + h * h) / tw : 30;
		HPDF_Page_BeginText(pg);
		HPDF_Page_SetFontAndSize(pg, font, (HPDF_REAL)size);
		HPDF_Page_SetTextMatrix(pg, (HPDF_REAL)c, (HPDF_REAL)s,
		    (HPDF_REAL)-s, (HPDF_REAL)c,
		    (HPDF_REAL)(w / 2 - c * tw * size / 2 + s * size * 0.35),
		    (HPDF_REAL)(h / 2 - s * tw * size / 2 - c * size * 0.35));
		HPDF_Page_ShowText(pg, CF_DECL_WATERMARK);
		HPDF_Page_EndText(pg);
		HPDF_Page_GRestore(pg);
	}
}

static void
set_info(struct doc *p)
{
	cf_layout_info(&p->L, p->title, p->resp->product.manufacturer.name,
	    p->d->conformity, fmt(p, "%s, %s, %s, declaration of "
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
	if (p->d->draft)
		watermark(p);
}

int
cf_render_declaration_pdf(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_pdf_style	 st;
	struct doc		 p;
	int			 rc = -1;

	if (cf_pdf_style_load(opts->template_dir, &st) != 0) {
		cf_pdf_style_free(&st);
		return -1;
	}
	memset(&p, 0, sizeof(p));
	p.d = d;
	p.cat = d->cat;
	p.resp = d->resp;
	p.opts = opts;
	if (cf_layout_open(&p.L, &st) == 0) {
		p.title = fmt(&p, "%sDeclaration of conformity %s",
		    d->draft ? "DRAFT \xe2\x80\x94 " : "", d->id);
		/* A draft's footer has room for the warning only. */
		cf_layout_furniture(&p.L, p.title, d->draft ?
		    fmt(&p, "%s \xe2\x80\x94 %s", d->id, CF_DECL_WATERMARK) :
		    fmt(&p, "%s \xc2\xb7 generated %s by cfgen %s", d->id,
		    d->generated, CFGEN_VERSION), NULL);
		set_info(&p);
		build(&p);
		if (cf_layout_check(&p.L, d->resp->path, 0, 0,
		    "cannot lay out the PDF declaration") == 0)
			rc = cf_layout_save(&p.L, out);
	}
	cf_layout_close(&p.L);
	cf_pdf_style_free(&st);
	return rc;
}
