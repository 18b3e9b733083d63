/*
 * pdfstyle.h -- the look of every PDF: page, margins, fonts, colours.
 *
 * The style is the template "pdf.style" (built in, or from -t DIR), a
 * file of `key: value` lines described in templates/README-pdf.md.  Page
 * geometry is in PDF points (1/72 inch); colours are 0xRRGGBB.
 */
#ifndef CF_PDFSTYLE_H
#define CF_PDFSTYLE_H

#include <stdbool.h>

#include "model.h"
#include "pdffont.h"

#define CF_MAX_FALLBACK	4	/* fallback fonts a style may name */
/* A logo is a PNG of at most 4 MiB and 4096 pixels a side. */
#define CF_LOGO_MAX_BYTES	(4u * 1024 * 1024)
#define CF_LOGO_MAX_SIDE	4096u

enum cf_font_style {
	CF_FONT_REGULAR,
	CF_FONT_BOLD,
	CF_FONT_ITALIC,
	CF_FONT_MONO,
	CF_FONT_NSTYLES
};

enum cf_colour {
	CF_COLOUR_TEXT,
	CF_COLOUR_HEADING,
	CF_COLOUR_MUTED,
	CF_COLOUR_RULE,
	CF_COLOUR_BAND,		/* table header band, code backgrounds */
	CF_COLOUR_LINK,
	CF_NCOLOURS
};

struct cf_pdf_style {
	double		 page_w, page_h;
	double		 margin_top, margin_bottom, margin_left, margin_right;
	double		 body_size;	/* body text, pt */
	double		 table_size;	/* table cells, pt */
	char		*font[CF_FONT_NSTYLES];	/* resolved paths */
	struct cf_pos	 font_pos[CF_FONT_NSTYLES];	/* line 0: default */
	struct cf_face	*face[CF_FONT_NSTYLES];	/* the files, opened */
	/* drawn from for a character the font lacks, in this order */
	char		*fallback[CF_MAX_FALLBACK];
	struct cf_face	*fallback_face[CF_MAX_FALLBACK];
	size_t		 nfallback;
	struct cf_pos	 fallback_pos[CF_MAX_FALLBACK];
	unsigned	 colour[CF_NCOLOURS];
	char		*logo;		/* resolved path or NULL */
	struct cf_pos	 logo_pos;
	unsigned char	*logo_png;	/* its bytes, read with the style */
	size_t		 logo_len;
	char		*origin;	/* where the style came from */
};

/*
 * Loads pdf.style from dir (NULL: built-in only) and opens its fonts.
 * Returns 0, or -1 after reporting every malformed line and every font
 * that cannot be used, each at its line.  Free with cf_pdf_style_free().
 * A loaded style is read-only: one serves every PDF of a run.
 */
int	 cf_pdf_style_load(const char *dir, struct cf_pdf_style *);
void	 cf_pdf_style_free(struct cf_pdf_style *);

/*
 * The style a PDF renderer uses: `given` when a run read it once for all
 * its PDFs, else the one in dir, read into own.  NULL after diagnostics.
 * own is zeroed first; free it with cf_pdf_style_free() either way.
 */
const struct cf_pdf_style *cf_pdf_style_use(const struct cf_pdf_style *given,
		    const char *dir, struct cf_pdf_style *own);

#endif
