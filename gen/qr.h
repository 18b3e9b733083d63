/*
 * qr.h -- the QR code of a declaration's published address (signing.md,
 * "QR code"), by libqrencode: error correction M, byte mode, so any
 * address round-trips.  One module matrix serves the PDF drawer and the
 * HTML's inline SVG; both add the quiet zone of CF_QR_QUIET modules.
 */
#ifndef CF_QR_H
#define CF_QR_H

#include <hpdf.h>

#include "util.h"

#define CF_QR_QUIET	4	/* modules of white around the symbol */
/* The symbol's width on paper: signing.md asks for 20 mm at least. */
#define CF_QR_SYMBOL_MM	22.0

struct cf_qr {
	int		 width;		/* modules a side, without quiet zone */
	unsigned char	*dark;		/* width * width, row by row: 0 or 1 */
};

/* Returns 0, or -1 when text cannot be encoded (too long). */
int	 cf_qr_encode(const char *text, struct cf_qr *);
void	 cf_qr_free(struct cf_qr *);

/*
 * An inline <svg> of the code and its quiet zone, size px a side on
 * screen, with an accessible label that names no user text.
 */
void	 cf_qr_svg(const struct cf_qr *, int px, struct cf_buf *out);

/*
 * The code drawn on a PDF page, quiet zone included, its lower left
 * corner at (x, y), each module module pt wide: black on white.
 */
void	 cf_qr_pdf(const struct cf_qr *, HPDF_Page, double x, double y,
	    double module);

#endif
