/*
 * qr.c -- QR codes through libqrencode (qr.h).
 *
 * Both drawings merge each row's run of dark modules into one rectangle:
 * fewer PDF operators and SVG path segments, and no hairline gaps
 * between neighbouring modules when a viewer anti-aliases.
 */
#include "qr.h"

#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

int
cf_qr_encode(const char *text, struct cf_qr *qr)
{
	QRcode	*c;
	size_t	 i, n;

	memset(qr, 0, sizeof(*qr));
	/* Byte mode, case kept: an address is not upper-cased. */
	if ((c = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M)) == NULL)
		return -1;
	qr->width = c->width;
	n = (size_t)c->width * (size_t)c->width;
	qr->dark = cf_xmalloc(n);
	for (i = 0; i < n; i++)
		qr->dark[i] = c->data[i] & 1;
	QRcode_free(c);
	return 0;
}

void
cf_qr_free(struct cf_qr *qr)
{
	free(qr->dark);
	qr->dark = NULL;
}

/* The run of dark modules of row y starting at x: its length, or 0. */
static int
run_at(const struct cf_qr *qr, int x, int y)
{
	int	 k = x;

	while (k < qr->width && qr->dark[(size_t)y * qr->width + k])
		k++;
	return k - x;
}

void
cf_qr_svg(const struct cf_qr *qr, int px, struct cf_buf *out)
{
	int	 side = qr->width + 2 * CF_QR_QUIET, x, y, n;

	cf_buf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"qr\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
	    "role=\"img\" aria-label=\"QR code of the address below\" "
	    "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" "
	    "fill=\"#fff\"/><path fill=\"#000\" d=\"", side, side, px, px,
	    side, side);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x += n > 0 ? n : 1)
			if ((n = run_at(qr, x, y)) > 0)
				cf_buf_printf(out, "M%d %dh%dv1h-%dz",
				    x + CF_QR_QUIET, y + CF_QR_QUIET, n, n);
	cf_buf_puts(out, "\"/></svg>");
}

void
cf_qr_pdf(const struct cf_qr *qr, HPDF_Page page, double x, double y,
    double module)
{
	double	 side = (qr->width + 2 * CF_QR_QUIET) * module;
	double	 x0 = x + CF_QR_QUIET * module, top = y + side -
		    CF_QR_QUIET * module;
	int	 cx, cy, n;

	HPDF_Page_GSave(page);
	HPDF_Page_SetRGBFill(page, 1, 1, 1);
	HPDF_Page_Rectangle(page, (HPDF_REAL)x, (HPDF_REAL)y, (HPDF_REAL)side,
	    (HPDF_REAL)side);
	HPDF_Page_Fill(page);
	HPDF_Page_SetRGBFill(page, 0, 0, 0);
	for (cy = 0; cy < qr->width; cy++)
		for (cx = 0; cx < qr->width; cx += n > 0 ? n : 1)
			if ((n = run_at(qr, cx, cy)) > 0)
				HPDF_Page_Rectangle(page,
				    (HPDF_REAL)(x0 + cx * module),
				    (HPDF_REAL)(top - (cy + 1) * module),
				    (HPDF_REAL)(n * module),
				    (HPDF_REAL)module);
	HPDF_Page_Fill(page);
	HPDF_Page_GRestore(page);
}
