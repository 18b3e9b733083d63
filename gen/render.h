/*
 * render.h -- every output format is one renderer over the model.
 *
 * A renderer appends one whole document to a buffer and writes no file:
 * build.c hands the buffers to output.h, which writes them atomically.
 * `resp` NULL means the blank checklist of the release; the verdict is
 * the gate's (gate.h) for `resp`, so no renderer re-decides eligibility.
 * Each returns 0, or -1 after printing diagnostics.
 */
#ifndef CF_RENDER_H
#define CF_RENDER_H

#include <stdbool.h>
#include <time.h>

#include "gate.h"
#include "model.h"
#include "util.h"

struct cf_pdf_style;
struct cf_locale;

struct cf_render_opts {
	const char	*template_dir;	/* -t DIR; NULL: built-in only */
	time_t		 generated;	/* SOURCE_DATE_EPOCH, else now */
	bool		 draft;		/* declaration refused, --draft */
	/* the PDF style and its fonts, read once per run; NULL: each PDF
	 * renderer reads it from template_dir */
	const struct cf_pdf_style *pdf_style;
	/* the language of the documents (locale.h); NULL: English */
	const struct cf_locale *locale;
	/* the release's translation into it (translate.h); NULL: none */
	const struct cf_translation *translation;
};

/* Checklists: blank (resp NULL) or completed. */
int	 cf_render_checklist_md(const struct cf_catalogue *,
	    const struct cf_responses *, const struct cf_verdict *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_checklist_html(const struct cf_catalogue *,
	    const struct cf_responses *, const struct cf_verdict *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_checklist_pdf(const struct cf_catalogue *,
	    const struct cf_responses *, const struct cf_verdict *,
	    const struct cf_render_opts *, struct cf_buf *);

/* The best-practice guide: index page, one page per section, style. */
int	 cf_render_guide_index(const struct cf_catalogue *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_guide_section(const struct cf_catalogue *,
	    const struct cf_section *, const struct cf_render_opts *,
	    struct cf_buf *);
int	 cf_render_guide_css(const struct cf_render_opts *, struct cf_buf *);

/*
 * A declaration of conformity (declaration.h), built once per product by
 * cf_decl_build() and laid out here; a draft carries the watermark in
 * every form.  The JSON is schema cfgen/declaration/1
 * (doc/declaration-schema.md).
 */
struct cf_decl;

int	 cf_render_declaration_md(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_declaration_html(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_declaration_pdf(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
/*
 * The exports for other tools (exports.md), in JSON: a product's
 * CycloneDX 1.6 attestation and OSCAL assessment results, and the
 * release as an OSCAL catalog.
 */
int	 cf_render_declaration_cdx(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_assessment_results(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_oscal_catalog(const struct cf_catalogue *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_declaration_json(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);

/*
 * The short forms (declaration.md, "Forms"): the simplified declaration
 * of CRA Annex VI and the UK PSTI statement of compliance.
 */
int	 cf_render_simplified_md(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_simplified_html(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_simplified_pdf(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_psti_md(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_psti_html(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);
int	 cf_render_psti_pdf(const struct cf_decl *,
	    const struct cf_render_opts *, struct cf_buf *);

#endif
