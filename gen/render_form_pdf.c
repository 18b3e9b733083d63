/*
 * render_form_pdf.c -- the short forms of a declaration as PDF: the
 * simplified declaration of conformity (CRA Annex VI) and the UK PSTI
 * statement of compliance (declaration.md, "Forms").
 *
 * Each is a page of a few sentences (wording.h) and, for the PSTI
 * statement, the facts Schedule 4 asks for and a signature line.  The
 * full declaration is render_decl_pdf.c; what both have is pdfdecl.c's,
 * and both lay out with layout.h.
 */
#include <string.h>

#include "declaration.h"
#include "layout.h"
#include "locale.h"
#include "pdfdecl.h"
#include "pdfstyle.h"
#include "render.h"

struct form {
	struct cf_layout		 L;
	const struct cf_decl		*d;
	const struct cf_responses	*resp;
	const struct cf_render_opts	*opts;
};

static const struct cf_src *
resp_src(struct form *p, struct cf_pos pos, struct cf_pos or,
    const char *what)
{
	return cf_layout_src(&p->L, p->resp->path, pos.line > 0 ? pos : or,
	    "%s", what);
}

static double
body(const struct form *p)
{
	return p->L.style->body_size;
}

static void
put(struct form *p, struct cf_flow *f, enum cf_font_style font,
    const char *text, const struct cf_src *s)
{
	cf_flow_text(&p->L, f, font, text, NULL, s);
}

/* A sentence of wording.h: its values that came from a file are vetted. */
static void
sentence(struct form *p, const struct cf_msg *m, enum cf_font_style font,
    double space)
{
	struct cf_flow	*f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);

	cf_layout_vet_msg(&p->L, font, m);
	put(p, f, font, cf_msg_str_in(&p->L.arena, p->d->loc, m), NULL);
	cf_layout_place(&p->L, f, space);
}

/* A word of the document's language, and the same as a label. */
#define M(name)		cf_layout_msg(&p->L, (name))
#define LABEL(name)	cf_layout_label(&p->L, (name))

static void
heading(struct form *p, const char *text, const struct cf_src *s)
{
	cf_layout_heading(&p->L, 2, text, s);
}

static void
title_block(struct form *p, const char *title)
{
	if (cf_pdfdecl_head(&p->L, p->d, title, p->L.style->table_size) != 0)
		return;
	cf_layout_space(&p->L, 5);
	cf_layout_rule(&p->L, CF_COLOUR_HEADING, 1.2);
	cf_layout_space(&p->L, 8);
}

static void
simplified(struct form *p)
{
	const struct cf_declaration	*dc = &p->resp->decl;
	struct cf_msg			 statement, url;
	struct cf_flow			*f;
	const char			*text, *at;
	size_t				 i;

	title_block(p, M("decl_title_simplified"));
	cf_decl_simplified(p->d, &p->L.arena, &statement, &url);
	/* The legislation is one value of the sentence: each title here. */
	for (i = 0; i < dc->nlegislation; i++)
		cf_layout_vet(&p->L, CF_FONT_REGULAR, dc->legislation[i].title,
		    resp_src(p, dc->legislation[i].title_pos, dc->pos,
		    "legislation title"));
	sentence(p, &statement, CF_FONT_REGULAR, 0);
	/* The address inside the sentence is drawn as a link. */
	f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);
	text = cf_msg_str_in(&p->L.arena, p->d->loc, &url);
	at = dc->url != NULL && *dc->url != '\0' ? strstr(text, dc->url) :
	    NULL;
	if (at == NULL)
		put(p, f, CF_FONT_REGULAR, text, NULL);
	else {
		put(p, f, CF_FONT_REGULAR, cf_arena_strndup(&p->L.arena, text,
		    (size_t)(at - text)), NULL);
		cf_flow_text(&p->L, f, CF_FONT_REGULAR, dc->url,
		    cf_safe_link(dc->url), resp_src(p, dc->url_pos, dc->pos,
		    "declaration url"));
		put(p, f, CF_FONT_REGULAR, at + strlen(dc->url), NULL);
	}
	cf_layout_place(&p->L, f, body(p) * 0.6);
}

static void
fact(struct form *p, struct cf_table *t, size_t r, size_t col,
    const char *key, const char *value, const struct cf_src *s)
{
	struct cf_flow	*v = cf_table_key(&p->L, t, r, col, key);

	if (value != NULL)
		put(p, v, CF_FONT_REGULAR, value, s);
}

static void
psti(struct form *p)
{
	const struct cf_product		*pr = &p->resp->product;
	const struct cf_manufacturer	*m = &pr->manufacturer;
	const struct cf_declaration	*dc = &p->resp->decl;
	struct cf_msg			 prepared, compliance, support;
	struct cf_table			*t;
	struct cf_flow			*f;
	double				 right = p->L.right, mid;

	title_block(p, M("decl_title_psti"));
	cf_decl_psti(p->d, &prepared, &compliance, &support);

	heading(p, cf_arena_printf(&p->L.arena, "1  %s", M("product")), NULL);
	f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);
	put(p, f, CF_FONT_BOLD, pr->name, resp_src(p, pr->name_pos,
	    pr->id.pos, "product name"));
	if (pr->model != NULL) {
		put(p, f, CF_FONT_BOLD, " ", NULL);
		put(p, f, CF_FONT_BOLD, pr->model, resp_src(p, pr->model_pos,
		    pr->id.pos, "product model"));
	}
	cf_flow_para(&p->L, f, 0);
	put(p, f, CF_FONT_REGULAR, LABEL("decl_type_batch"), NULL);
	if (dc->identification != NULL)
		put(p, f, CF_FONT_REGULAR, dc->identification, resp_src(p,
		    dc->identification_pos, dc->pos,
		    "declaration identification"));
	cf_layout_flow(&p->L, f);

	heading(p, cf_arena_printf(&p->L.arena, "2  %s", M("manufacturer")),
	    NULL);
	f = cf_flow_new(&p->L, body(p), CF_COLOUR_TEXT);
	put(p, f, CF_FONT_BOLD, m->name, resp_src(p, m->name_pos, pr->id.pos,
	    "manufacturer name"));
	cf_flow_para(&p->L, f, 0);
	put(p, f, CF_FONT_REGULAR, m->address, resp_src(p, m->address_pos,
	    pr->id.pos, "manufacturer address"));
	cf_layout_flow(&p->L, f);
	sentence(p, &prepared, CF_FONT_REGULAR, body(p) * 0.6);

	heading(p, cf_arena_printf(&p->L.arena, "3  %s",
	    M("decl_compliance")), NULL);
	sentence(p, &compliance, CF_FONT_REGULAR, 0);
	sentence(p, &support, CF_FONT_REGULAR, body(p) * 0.6);

	/* The manufacturer's name is the one value in the heading. */
	heading(p, cf_arena_printf(&p->L.arena, "4  %s", cf_msgf(&p->L.arena,
	    p->d->loc, "decl_signed", -1, (const char *const[]){
	    "manufacturer", m->name, NULL })), resp_src(p, m->name_pos,
	    pr->id.pos, "manufacturer name"));
	if (!dc->present) {
		f = cf_flow_new(&p->L, body(p), CF_COLOUR_MUTED);
		cf_msg_init(&prepared, CF_MSG_DECL_NO_SIGNATORY);
		put(p, f, CF_FONT_ITALIC, cf_msg_str_in(&p->L.arena, p->d->loc, &prepared),
		    NULL);
		cf_layout_flow(&p->L, f);
		return;
	}
	t = cf_table_facts(&p->L, 4, p->L.style->table_size);
	cf_table_row(&p->L, t);
	cf_table_row(&p->L, t);
	fact(p, t, 0, 0, M("decl_place"), dc->place, resp_src(p, dc->place_pos,
	    dc->pos, "declaration place"));
	fact(p, t, 0, 2, M("decl_date"), cf_locale_date(&p->L.arena,
	    p->d->loc, &dc->date), NULL);
	fact(p, t, 1, 0, M("name"), dc->name, resp_src(p, dc->name_pos, dc->pos,
	    "signatory name"));
	fact(p, t, 1, 2, M("decl_function"), dc->role, resp_src(p, dc->role_pos,
	    dc->pos, "signatory role"));
	mid = p->L.left + (right - p->L.left) * 0.62;
	cf_layout_need(&p->L, p->L.style->table_size * 6);
	p->L.right = mid;
	cf_layout_table(&p->L, t);
	p->L.right = right;
	cf_layout_hline(&p->L, mid + 24, right, p->L.y + 1, 0.6,
	    CF_COLOUR_TEXT);
	cf_layout_text_at(&p->L, CF_FONT_REGULAR, p->L.style->table_size - 1,
	    CF_COLOUR_MUTED, mid + 24, p->L.y + 1 - p->L.style->table_size,
	    M("decl_signature"));
}

static int
render(const struct cf_decl *d, const struct cf_render_opts *opts,
    enum cf_form form, struct cf_buf *out)
{
	struct form	 p;
	const char	*title, *kind;
	int		 rc = -1;

	memset(&p, 0, sizeof(p));
	p.d = d;
	p.resp = d->resp;
	p.opts = opts;
	kind = cf_msg(d->loc, form == CF_FORM_PSTI ? "decl_doc_psti" :
	    "decl_doc_simplified");
	if (cf_layout_open_style(&p.L, opts->pdf_style, opts->template_dir,
	    d->loc) == 0) {
		title = cf_pdfdecl_furniture(&p.L, d, kind, opts->generated);
		cf_layout_info(&p.L, title, d->resp->product.manufacturer.name,
		    kind, cf_arena_printf(&p.L.arena, "%s, %s, %s, %s%s",
		    d->cat->id, d->cat->version, d->resp->product.id.s,
		    form == CF_FORM_PSTI ? "statement of compliance" :
		    "simplified declaration of conformity", d->draft ?
		    ", draft" : ""), opts->generated);
		if (form == CF_FORM_PSTI)
			psti(&p);
		else
			simplified(&p);
		rc = cf_pdfdecl_save(&p.L, d, opts, out);
	}
	cf_layout_close(&p.L);
	return rc;
}

int
cf_render_simplified_pdf(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render(d, opts, CF_FORM_SIMPLIFIED, out);
}

int
cf_render_psti_pdf(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render(d, opts, CF_FORM_PSTI, out);
}
