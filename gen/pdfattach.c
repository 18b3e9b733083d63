/*
 * pdfattach.c -- the JSON twin inside a declaration PDF (pdfattach.h).
 *
 * libharu 2.3.0's HPDF_AttachFile reads the file to embed from a path
 * and names the attachment after that path, with a file specification of
 * type /F where PDF says /Filespec.  So the attachment is made from
 * /dev/null and then put right: its data from memory (no temporary file
 * whose name would end up in the PDF), its names, its type, its size.
 *
 * Reading back, the name tree is walked to a bounded depth and width
 * (its /Kids may loop), only the raw stream is taken from libqpdf (its
 * size is bounded by the file's), and Flate is undone here with zlib,
 * chunk by chunk, stopping at CF_PDF_TWIN_MAX.
 *
 * libqpdf is loaded then, not linked: it is C++ and brings libstdc++,
 * GnuTLS and a dozen more libraries whose symbols the dynamic linker
 * would resolve at the start of every run -- 3.5 ms, over half of what
 * `cfgen --version` took -- when only verify of a PDF uses it.
 */
#include "pdfattach.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_namedict.h>
#include <qpdf/qpdf-c.h>
#include <zlib.h>

#include "declaration.h"
#include "diag.h"
#include "readfile.h"
#include "render.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_VERIFY

int
cf_pdf_attach(HPDF_Doc pdf, const char *name, const char *mime,
    const void *data, size_t len)
{
	HPDF_EmbeddedFile	 ef;
	HPDF_NameTree		 tree;
	HPDF_Array		 names;
	HPDF_Dict		 efs, fs, params;
	HPDF_String		 key;

	if ((ef = HPDF_AttachFile(pdf, "/dev/null")) == NULL)
		return -1;
	tree = HPDF_NameDict_GetNameTree(HPDF_Catalog_GetNames(pdf->catalog),
	    HPDF_NAME_EMBEDDED_FILES);
	names = tree != NULL ? HPDF_Dict_GetItem(tree, "Names",
	    HPDF_OCLASS_ARRAY) : NULL;
	efs = HPDF_Dict_GetItem(ef, "EF", HPDF_OCLASS_DICT);
	fs = efs != NULL ? HPDF_Dict_GetItem(efs, "F", HPDF_OCLASS_DICT) :
	    NULL;
	/* This attachment is the last pair of the tree's names. */
	key = names != NULL && HPDF_Array_Items(names) >= 2 ?
	    HPDF_Array_GetItem(names, HPDF_Array_Items(names) - 2,
	    HPDF_OCLASS_STRING) : NULL;
	if (key == NULL || fs == NULL)
		return -1;
	HPDF_String_SetValue(key, name);
	HPDF_Dict_AddName(ef, "Type", "Filespec");
	HPDF_Dict_Add(ef, "F", HPDF_String_New(pdf->mmgr, name, NULL));
	HPDF_Dict_Add(ef, "UF", HPDF_String_New(pdf->mmgr, name, NULL));
	HPDF_Stream_Free(fs->stream);
	fs->stream = HPDF_MemStream_New(pdf->mmgr, 4096);
	fs->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	HPDF_Dict_AddName(fs, "Type", "EmbeddedFile");
	HPDF_Dict_AddName(fs, "Subtype", mime);
	params = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict_Add(fs, "Params", params);
	HPDF_Dict_AddNumber(params, "Size", (HPDF_INT32)len);
	if (fs->stream == NULL || HPDF_Stream_Write(fs->stream, data,
	    (HPDF_UINT)len) != HPDF_OK)
		return -1;
	return HPDF_GetError(pdf) == HPDF_OK ? 0 : -1;
}

int
cf_pdf_attach_twin(HPDF_Doc pdf, const struct cf_decl *d,
    const struct cf_render_opts *opts)
{
	struct cf_buf	 json, name;
	int		 rc = -1;

	cf_buf_init(&json);
	cf_buf_init(&name);
	cf_buf_printf(&name, "%s.json", d->id);
	if (cf_render_declaration_json(d, opts, &json) == 0) {
		if ((rc = cf_pdf_attach(pdf, name.data, "application/json",
		    json.data != NULL ? json.data : "", json.len)) != 0)
			cf_diag(CF_ERROR, d->resp->path, 0, 0, "cannot attach "
			    "the JSON twin to the PDF declaration");
	}
	cf_buf_free(&json);
	cf_buf_free(&name);
	return rc;
}

/* The functions of libqpdf used here, as qp.init for qpdf_init. */
#define QPDF_FUNCTIONS(X)						\
	X(init) X(cleanup) X(silence_errors) X(set_suppress_warnings)	\
	X(read_memory) X(has_error) X(get_error)			\
	X(get_error_message_detail) X(get_error_full_text) X(get_root)	\
	X(get_last_string_length) X(oh_get_key) X(oh_get_dict)		\
	X(oh_is_dictionary) X(oh_is_array) X(oh_is_string)		\
	X(oh_is_stream) X(oh_is_null) X(oh_is_name_and_equals)		\
	X(oh_get_array_n_items) X(oh_get_array_item)			\
	X(oh_get_utf8_value) X(oh_get_stream_data)
#define QPDF_POINTER(f)	__typeof__(qpdf_##f) *f;

static struct {
	QPDF_FUNCTIONS(QPDF_POINTER)
} qp;
static pthread_once_t	 qp_once = PTHREAD_ONCE_INIT;
static char		 qp_error[256];	/* why it could not be loaded */

static void
qp_fail(void)
{
	const char	*why = dlerror();

	snprintf(qp_error, sizeof(qp_error), "%s", why != NULL ? why :
	    "unknown error");
}

static void
qp_load(void)
{
	void	*lib;

	if ((lib = dlopen(CFGEN_QPDF_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		qp_fail();
		return;
	}
#define QPDF_LOAD(f)							\
	if (*qp_error == '\0' && (qp.f = (__typeof__(qp.f))dlsym(lib,	\
	    "qpdf_" #f)) == NULL)					\
		qp_fail();
	QPDF_FUNCTIONS(QPDF_LOAD)
#undef QPDF_LOAD
}

/* Loads libqpdf once per run; -1 after a diagnostic naming path. */
static int
qp_ready(const char *path)
{
	pthread_once(&qp_once, qp_load);
	if (*qp_error == '\0')
		return 0;
	cf_diag(CF_SYSERR, path, 0, 0, "cannot read a PDF: cannot load %s: "
	    "%s", CFGEN_QPDF_SONAME, qp_error);
	return -1;
}

/* The tree of EmbeddedFiles: how deep and how many entries it may have. */
#define TREE_DEPTH	8
#define TREE_NODES	1024

struct twin {
	qpdf_data	 q;
	const char	*path;
	qpdf_oh		 spec;		/* the file specification found */
	char		*name;
	size_t		 nodes;
};

static bool
ends_json(const char *s, size_t n)
{
	return n >= 5 && memcmp(s + n - 5, ".json", 5) == 0 &&
	    memchr(s, '\0', n) == NULL;
}

/* Depth first, in the tree's order: the first ".json" name wins. */
static void
walk(struct twin *t, qpdf_oh node, int depth)
{
	qpdf_oh		 arr, item;
	const char	*key;
	size_t		 keylen;
	int		 i, n;

	if (t->spec != 0 || depth > TREE_DEPTH || ++t->nodes > TREE_NODES ||
	    !qp.oh_is_dictionary(t->q, node))
		return;
	arr = qp.oh_get_key(t->q, node, "/Names");
	n = qp.oh_is_array(t->q, arr) ? qp.oh_get_array_n_items(t->q,
	    arr) : 0;
	for (i = 0; t->spec == 0 && i + 1 < n && i < 2 * TREE_NODES; i += 2) {
		item = qp.oh_get_array_item(t->q, arr, i);
		if (!qp.oh_is_string(t->q, item))
			continue;
		key = qp.oh_get_utf8_value(t->q, item);
		keylen = qp.get_last_string_length(t->q);
		if (key != NULL && ends_json(key, keylen)) {
			t->name = cf_xstrdup(key);
			t->spec = qp.oh_get_array_item(t->q, arr, i + 1);
		}
	}
	arr = qp.oh_get_key(t->q, node, "/Kids");
	n = qp.oh_is_array(t->q, arr) ? qp.oh_get_array_n_items(t->q,
	    arr) : 0;
	for (i = 0; t->spec == 0 && i < n && t->nodes <= TREE_NODES; i++)
		walk(t, qp.oh_get_array_item(t->q, arr, i), depth + 1);
}

/* Flate undone into at most CF_PDF_TWIN_MAX bytes; NULL past that. */
static char *
inflate_bounded(const struct twin *t, const unsigned char *in, size_t inlen,
    size_t *len)
{
	z_stream	 z;
	size_t		 cap = 65536, got = 0;
	char		*out = cf_xmalloc(cap + 1);
	int		 rc = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit(&z) != Z_OK) {
		free(out);
		cf_diag(CF_SYSERR, t->path, 0, 0, "cannot unpack the embedded "
		    "%s: zlib failed", t->name);
		return NULL;
	}
	z.next_in = (unsigned char *)(uintptr_t)in;
	z.avail_in = (uInt)inlen;
	while (rc == Z_OK) {
		if (got == cap) {
			if (cap >= CF_PDF_TWIN_MAX)
				break;
			cap = cap * 2 < CF_PDF_TWIN_MAX ? cap * 2 :
			    CF_PDF_TWIN_MAX;
			out = cf_xrealloc(out, cap + 1);
		}
		z.next_out = (unsigned char *)out + got;
		z.avail_out = (uInt)(cap - got);
		rc = inflate(&z, Z_NO_FLUSH);
		got = cap - z.avail_out;
		if (rc == Z_BUF_ERROR && z.avail_in == 0)
			break;
		if (rc == Z_BUF_ERROR)
			rc = Z_OK;
	}
	inflateEnd(&z);
	if (rc == Z_STREAM_END) {
		out[got] = '\0';
		*len = got;
		return out;
	}
	free(out);
	if (got == cap && cap >= CF_PDF_TWIN_MAX)
		cf_diag(CF_ERROR, t->path, 0, 0, "the embedded %s unpacks to "
		    "more than %u MiB; not read", t->name,
		    CF_PDF_TWIN_MAX >> 20);
	else
		cf_diag(CF_ERROR, t->path, 0, 0, "the embedded %s is damaged: "
		    "its Flate data %s", t->name, rc == Z_BUF_ERROR ? "ends "
		    "early" : "is corrupt");
	return NULL;
}

/* The data of the file specification's embedded stream. */
static char *
stream_of(struct twin *t, size_t *len)
{
	qpdf_oh		 ef, s, filter;
	unsigned char	*raw = NULL;
	size_t		 rawlen = 0;
	char		*out = NULL;

	ef = qp.oh_get_key(t->q, t->spec, "/EF");
	s = qp.oh_get_key(t->q, ef, "/UF");
	if (!qp.oh_is_stream(t->q, s))
		s = qp.oh_get_key(t->q, ef, "/F");
	if (!qp.oh_is_stream(t->q, s)) {
		cf_diag(CF_ERROR, t->path, 0, 0, "the attachment %s holds no "
		    "embedded file", t->name);
		return NULL;
	}
	filter = qp.oh_get_key(t->q, qp.oh_get_dict(t->q, s), "/Filter");
	if (qp.oh_is_array(t->q, filter) &&
	    qp.oh_get_array_n_items(t->q, filter) == 1)
		filter = qp.oh_get_array_item(t->q, filter, 0);
	if (!qp.oh_is_null(t->q, filter) &&
	    !qp.oh_is_name_and_equals(t->q, filter, "/FlateDecode")) {
		cf_diag(CF_ERROR, t->path, 0, 0, "the embedded %s is packed "
		    "with a filter other than Flate; not read", t->name);
		return NULL;
	}
	/* Raw: no bigger than the PDF, which is bounded. */
	if ((qp.oh_get_stream_data(t->q, s, qpdf_dl_none, NULL, &raw,
	    &rawlen) & QPDF_ERRORS) || raw == NULL) {
		cf_diag(CF_ERROR, t->path, 0, 0, "cannot read the embedded "
		    "%s: %s", t->name, qp.has_error(t->q) ?
		    qp.get_error_full_text(t->q, qp.get_error(t->q)) :
		    "no data");
		free(raw);
		return NULL;
	}
	if (qp.oh_is_null(t->q, filter)) {
		if (rawlen > CF_PDF_TWIN_MAX)
			cf_diag(CF_ERROR, t->path, 0, 0, "the embedded %s is "
			    "larger than %u MiB; not read", t->name,
			    CF_PDF_TWIN_MAX >> 20);
		else {
			out = cf_xmalloc(rawlen + 1);
			memcpy(out, raw, rawlen);
			out[rawlen] = '\0';
			*len = rawlen;
		}
	} else
		out = inflate_bounded(t, raw, rawlen, len);
	free(raw);
	return out;
}

char *
cf_pdf_twin_read(const char *path, size_t *len, char **name)
{
	struct twin	 t;
	qpdf_oh		 names;
	char		*pdf, *out = NULL;
	size_t		 pdflen;

	*name = NULL;
	if ((pdf = cf_file_read(path, "declaration", CF_PDF_MAX,
	    &pdflen)) == NULL)
		return NULL;
	if (qp_ready(path) != 0) {
		free(pdf);
		return NULL;
	}
	memset(&t, 0, sizeof(t));
	t.path = path;
	t.q = qp.init();
	qp.silence_errors(t.q);
	qp.set_suppress_warnings(t.q, QPDF_TRUE);
	if (qp.read_memory(t.q, path, pdf, pdflen, "") & QPDF_ERRORS) {
		cf_diag(CF_ERROR, path, 0, 0, "not a readable PDF: %s",
		    qp.get_error_message_detail(t.q, qp.get_error(t.q)));
		goto out;
	}
	names = qp.oh_get_key(t.q, qp.get_root(t.q), "/Names");
	walk(&t, qp.oh_get_key(t.q, names, "/EmbeddedFiles"), 0);
	if (t.spec == 0 || qp.has_error(t.q)) {
		if (qp.has_error(t.q))
			qp.get_error(t.q);
		cf_diag(CF_ERROR, path, 0, 0, "no embedded JSON twin: not a "
		    "cfgen declaration PDF (it carries <id>.json as an "
		    "attachment)");
		goto out;
	}
	if ((out = stream_of(&t, len)) != NULL) {
		*name = t.name;
		t.name = NULL;
	}
out:
	free(t.name);
	qp.cleanup(&t.q);
	free(pdf);
	return out;
}
