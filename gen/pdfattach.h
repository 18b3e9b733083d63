/*
 * pdfattach.h -- a declaration PDF carries its JSON twin as a file
 * attachment (signing.md, "Embedded twin"): one file holds what a person
 * reads and what a program checks.
 *
 * Embedding goes through libharu, which draws the PDF; reading back
 * through libqpdf, which parses PDFs written by anyone, bounded: the
 * PDF's size, and what its attachment unpacks to, are capped before any
 * of it is trusted, so a decompression bomb is refused, not inflated.
 */
#ifndef CF_PDFATTACH_H
#define CF_PDFATTACH_H

#include <stddef.h>

#include <hpdf.h>

/* The largest PDF verify reads, and the largest twin it unpacks. */
#define CF_PDF_MAX		(64u * 1024 * 1024)
#define CF_PDF_TWIN_MAX		(16u * 1024 * 1024)

/*
 * Attaches data to pdf as the embedded file name, of MIME type mime
 * ("application/json"), compressed.  Returns 0, or -1 with libharu's
 * error recorded by the document's error handler.
 */
int	 cf_pdf_attach(HPDF_Doc pdf, const char *name, const char *mime,
	    const void *data, size_t len);

struct cf_decl;
struct cf_render_opts;

/*
 * The declaration's JSON twin -- the very bytes of its .json -- attached
 * to pdf as "<id>.json".  Returns 0, or -1 after a diagnostic.
 */
int	 cf_pdf_attach_twin(HPDF_Doc pdf, const struct cf_decl *,
	    const struct cf_render_opts *);

/*
 * The first attachment of the PDF at path whose name ends in ".json",
 * NUL-terminated, its length in *len and its name in *name (both to be
 * freed).  NULL after a diagnostic naming path (exit 1): not a PDF, no
 * such attachment, a filter other than Flate, or more than
 * CF_PDF_TWIN_MAX bytes once unpacked.
 */
char	*cf_pdf_twin_read(const char *path, size_t *len, char **name);

#endif
