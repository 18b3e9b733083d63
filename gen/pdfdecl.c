/*
 * pdfdecl.c -- the parts every PDF of a declaration has (pdfdecl.h).
 */
#include "pdfdecl.h"

#include "declaration.h"
#include "layout.h"
#include "locale.h"
#include "pdfattach.h"
#include "render.h"
#include "wording.h"

#define DRAFT_RGB	0xa4262c	/* the watermark: not a style matter */

const char *
cf_pdfdecl_furniture(struct cf_layout *L, const struct cf_decl *d,
    const char *kind, time_t generated)
{
	const char	*title;

	title = cf_arena_printf(&L->arena, "%s%s %s", d->draft ?
	    cf_arena_printf(&L->arena, "%s \xe2\x80\x94 ",
	    cf_msg(d->loc, "decl_draft_title")) : "", kind, d->id);
	/* A draft's footer has room for the warning only. */
	cf_layout_furniture(L, title, d->draft ?
	    cf_arena_printf(&L->arena, "%s \xe2\x80\x94 %s", d->id,
	    cf_msg(d->loc, "decl_watermark")) : cf_msgf(&L->arena, d->loc,
	    "decl_pdf_footer", -1, (const char *const[]){ "document", d->id,
	    "generated", cf_locale_time(&L->arena, d->loc,
	    (long long)generated), "cfgen", CFGEN_VERSION, NULL }), NULL);
	return title;
}

/* Why the declaration cannot be issued, above everything else. */
static void
draft_banner(struct cf_layout *L, const struct cf_decl *d, double list)
{
	const struct cf_verdict	*v = d->verdict;
	struct cf_flow		*f;
	struct cf_msg		 m;
	size_t			 i;

	f = cf_flow_new(L, L->style->body_size + 1.5, CF_COLOUR_HEADING);
	cf_flow_text(L, f, CF_FONT_BOLD, cf_layout_msg(L, "decl_watermark"),
	    NULL, NULL);
	cf_layout_flow(L, f);
	f = cf_flow_new(L, list, CF_COLOUR_TEXT);
	cf_msg_init(&m, CF_MSG_DECL_FINDINGS);
	m.count = (long)v->nblockers;
	cf_flow_text(L, f, CF_FONT_REGULAR, cf_msg_str_in(&L->arena, d->loc,
	    &m), NULL, NULL);
	for (i = 0; i < v->nblockers; i++) {
		cf_flow_item(L, f, "\xe2\x80\xa2");
		/* Its titles are the catalogue's: vetted where they are. */
		cf_layout_vet_msg(L, CF_FONT_REGULAR, &v->blockers[i].msg);
		cf_flow_text(L, f, CF_FONT_REGULAR, cf_msg_str_in(&L->arena,
		    d->loc, &v->blockers[i].msg), NULL, NULL);
	}
	cf_layout_place(L, f, 3);
	cf_layout_space(L, 8);
	cf_layout_rule(L, CF_COLOUR_RULE, 0.6);
	cf_layout_space(L, 10);
}

int
cf_pdfdecl_head(struct cf_layout *L, const struct cf_decl *d,
    const char *title, double list)
{
	const struct cf_str	*id = &d->resp->product.id;
	struct cf_flow		*f;

	cf_layout_new_page(L);
	if (cf_layout_logo(L, 150, 42) != 0)
		return -1;
	if (d->draft)
		draft_banner(L, d, list);
	cf_layout_para(L, 18, CF_COLOUR_HEADING, CF_FONT_BOLD, title, NULL, 0);
	/* The id starts with the product's; the rest are ASCII tokens. */
	f = cf_flow_new(L, L->style->body_size, CF_COLOUR_TEXT);
	cf_flow_msg(L, f, CF_FONT_BOLD, "decl_number", -1,
	    (const struct cf_piece[]){ { "document", d->id, cf_layout_src(L,
	    d->resp->path, id->pos, "%s", "product id") },
	    { NULL, NULL, NULL } });
	cf_layout_place(L, f, 3);
	return 0;
}

int
cf_pdfdecl_save(struct cf_layout *L, const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	/* Across every page, over the content. */
	if (d->draft && L->err == HPDF_OK)
		cf_layout_watermark(L, cf_msg(d->loc, "decl_watermark"),
		    DRAFT_RGB, 0.14);
	if (cf_layout_check(L, d->resp->path, 0, 0,
	    "cannot lay out the PDF declaration") != 0 ||
	    cf_pdf_attach_twin(L->pdf, d, opts) != 0)
		return -1;
	return cf_layout_save(L, out);
}
