/*
 * pdfflate.h -- a PDF's streams compressed by cfgen, not by libharu.
 *
 * libharu 2.3.0 deflates each stream as it saves the document, through
 * zlib at its default level with a fresh compressor per stream; it offers
 * no setting for either.  cf_pdf_deflate() compresses every stream that
 * libharu would, once, with libdeflate and one compressor for the whole
 * document, and hands libharu the compressed bytes to write as they are.
 */
#ifndef CF_PDFFLATE_H
#define CF_PDFFLATE_H

#include <hpdf.h>

/*
 * libdeflate's level: its 1 compresses the 250-requirement workload's
 * three PDFs in 2.7 ms where 4 took 4.7 (a tenth of the whole build's
 * CPU time), for files 2-3 % larger (the declaration 31.8 -> 32.2 KB).
 */
#define CF_PDF_DEFLATE_LEVEL	1

/*
 * Compresses each stream of pdf that libharu would compress at save
 * (filter FlateDecode, no decode parameters), so that HPDF_SaveToStream()
 * writes the stream with /Filter /FlateDecode and its bytes unchanged.
 * Call it once, just before saving.  Returns 0, or -1 with libharu's
 * error recorded by the document's error handler.
 */
int	 cf_pdf_deflate(HPDF_Doc pdf);

#endif
