/*
 * pdfflate.c -- a PDF's streams compressed by cfgen (pdfflate.h).
 *
 * libharu compresses a stream at save when its dictionary's filter says
 * FlateDecode, and writes "/Filter [/FlateDecode]" for it.  Each stream
 * is given to zlib through a new deflate state at level 6: some 270 KB
 * taken and given back per stream (page faults, every time), and zlib's
 * slower matcher.  That was an eighth of a whole build's CPU time.
 *
 * Here each such stream's bytes are compressed in one call by libdeflate
 * (whole buffers, which is what a finished document's streams are), with
 * one compressor for the document.  The stream then holds the compressed
 * bytes and its filter is set to none, so libharu copies them out as they
 * are; the /Filter entry is written by the dictionary's write_fn, the
 * hook libharu's HPDF_Dict_Write() calls after the entries and before
 * ">>" (hpdf_objects.h).  libharu itself decodes nothing, so holding
 * compressed bytes changes nothing else it does.
 *
 * A stream with decode parameters (a predictor) or a hook of its own is
 * left to libharu, as is an empty one (libharu writes no bytes for it).
 */
#include "pdfflate.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include <hpdf_objects.h>
#include <hpdf_streams.h>
#include <libdeflate.h>

#include "util.h"

static HPDF_STATUS
flate_filter(HPDF_Dict d, HPDF_Stream out)
{
	(void)d;
	return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

/* The stream's bytes in one piece: its only buffer, or copied to b. */
static const void *
gather(HPDF_Stream s, struct cf_buf *b)
{
	HPDF_UINT	 i, n = HPDF_MemStream_GetBufCount(s), len;
	HPDF_BYTE	*p;

	cf_buf_reset(b);
	for (i = 0; i < n; i++) {
		if ((p = HPDF_MemStream_GetBufPtr(s, i, &len)) == NULL)
			return NULL;
		if (n == 1)
			return p;
		cf_buf_put(b, (const char *)p, len);
	}
	return b->data;
}

/* Room for what compressing a document's streams gives. */
struct out {
	void	*data;
	size_t	 cap;
};

static HPDF_STATUS
deflate_one(struct libdeflate_compressor *c, HPDF_Dict d, struct cf_buf *in,
    struct out *out)
{
	const void	*data;
	size_t		 len = d->stream->size, bound, n;

	if ((data = gather(d->stream, in)) == NULL)
		return HPDF_INVALID_STREAM;
	bound = libdeflate_zlib_compress_bound(c, len);
	if (out->cap < bound) {
		free(out->data);
		out->data = cf_xmalloc(bound);
		out->cap = bound;
	}
	if ((n = libdeflate_zlib_compress(c, data, len, out->data,
	    bound)) == 0)
		return HPDF_ZLIB_ERROR;
	HPDF_MemStream_FreeData(d->stream);
	if (HPDF_Stream_Write(d->stream, out->data, (HPDF_UINT)n) != HPDF_OK)
		return HPDF_FAILD_TO_ALLOC_MEM;
	d->filter = HPDF_STREAM_FILTER_NONE;
	d->write_fn = flate_filter;
	return HPDF_OK;
}

static bool
ours(const HPDF_Dict d)
{
	return d != NULL &&
	    (d->header.obj_class & HPDF_OCLASS_ANY) == HPDF_OCLASS_DICT &&
	    d->stream != NULL && d->stream->type == HPDF_STREAM_MEMORY &&
	    d->stream->size > 0 &&
	    d->filter == HPDF_STREAM_FILTER_FLATE_DECODE &&
	    d->filterParams == NULL && d->write_fn == NULL;
}

int
cf_pdf_deflate(HPDF_Doc pdf)
{
	struct libdeflate_compressor	*c;
	struct cf_buf			 in;
	struct out			 out = { NULL, 0 };
	HPDF_XrefEntry			 e;
	HPDF_Xref			 x;
	HPDF_STATUS			 rc = HPDF_OK;
	HPDF_UINT			 i;

	if ((c = libdeflate_alloc_compressor(CF_PDF_DEFLATE_LEVEL)) == NULL) {
		HPDF_RaiseError(&pdf->error, HPDF_FAILD_TO_ALLOC_MEM, 0);
		return -1;
	}
	cf_buf_init(&in);
	for (x = pdf->xref; x != NULL && rc == HPDF_OK; x = x->prev)
		for (i = 0; i < x->entries->count && rc == HPDF_OK; i++) {
			e = HPDF_List_ItemAt(x->entries, i);
			if (e != NULL && ours(e->obj))
				rc = deflate_one(c, e->obj, &in, &out);
		}
	cf_buf_free(&in);
	free(out.data);
	libdeflate_free_compressor(c);
	if (rc != HPDF_OK) {
		HPDF_RaiseError(&pdf->error, rc, 0);
		return -1;
	}
	return 0;
}
