/*
 * layout.c -- rich text, line breaking and pagination over libharu.
 *
 * All text goes through clean() once, when it enters a flow: from then on
 * every character is one the run's font can print, so measuring and
 * drawing never meet a missing glyph.  The warning about a character
 * names where it came from, and is printed once per run for that place
 * however many documents draw it.
 */
#include "layout.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm.h>
#include <hpdf_doc.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_pages.h>

#include "diag.h"
#include "locale.h"
#include "pdfflate.h"
#include "richtext.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_RENDER

#define LEADING		1.32	/* line height per pt of text size */
#define EPS		0.001
#define MISSING		0xffffffffu	/* metric(): no face has it */
#define FACE_SHIFT	20
#define WIDTH_MASK	0xfffffu
#define REPLACEMENT	0xfffd
#define MAX_INDENT_DEPTH 6	/* deeper md nesting is not indented more */

static void	 flush_heading(struct cf_layout *, double after);

/* ------------------------------------------------------------------ */
/* libharu errors                                                      */

static void
on_hpdf_error(HPDF_STATUS code, HPDF_STATUS detail, void *ctx)
{
	struct cf_layout	*L = ctx;

	if (L->err == HPDF_OK) {
		L->err = code;
		L->err_detail = detail;
	}
}

static const char *
hpdf_cause(HPDF_STATUS code, HPDF_STATUS detail)
{
	switch (code) {
	case HPDF_FILE_OPEN_ERROR:
		return detail != 0 ? strerror((int)detail) :
		    "the file cannot be opened";
	case HPDF_FILE_IO_ERROR:
		return detail != 0 ? strerror((int)detail) :
		    "the file cannot be read";
	case HPDF_FAILD_TO_ALLOC_MEM:
		return "out of memory";
	case HPDF_TTF_INVALID_FOMAT:
	case HPDF_TTF_MISSING_TABLE:
	case HPDF_TTF_INVALID_CMAP:
	case HPDF_INVALID_FONTDEF_DATA:
	case HPDF_UNSUPPORTED_FONT_TYPE:
	case HPDF_INVALID_FONT:
		return "not a TrueType font, or a damaged one";
	case HPDF_INVALID_TTC_FILE:
	case HPDF_INVALID_TTC_INDEX:
		return "a TrueType collection, not a single font";
	case HPDF_TTF_CANNOT_EMBEDDING_FONT:
		return "the font's licence does not allow embedding it";
	case HPDF_INVALID_PNG_IMAGE:
	case HPDF_LIBPNG_ERROR:
	case HPDF_INVALID_IMAGE:
		return "not a PNG image the PDF library can read";
	case HPDF_UNSUPPORTED_FUNC:
		return "not supported by this build of the PDF library";
	case HPDF_ZLIB_ERROR:
		return "compressing the PDF failed";
	case HPDF_PAGE_OUT_OF_RANGE:
	case HPDF_REAL_OUT_OF_RANGE:
	case HPDF_STRING_OUT_OF_RANGE:
	case HPDF_PAGE_INVALID_SIZE:
	case HPDF_PAGE_INVALID_FONT_SIZE:
		return "a value is outside what a PDF allows";
	case HPDF_INVALID_URI:
		return "a link address the PDF library rejects";
	case HPDF_EXCEED_GSTATE_LIMIT:
	case HPDF_PAGE_CANNOT_RESTORE_GSTATE:
		return "the page's drawing state is unbalanced";
	default:
		return "the PDF library failed unexpectedly";
	}
}

int
cf_layout_check(struct cf_layout *L, const char *file, int line, int col,
    const char *doing)
{
	enum cf_sev	 sev = CF_ERROR;

	if (L->err == HPDF_OK)
		return 0;
	if (L->reported)
		return -1;
	L->reported = true;
	if (L->err == HPDF_FILE_OPEN_ERROR || L->err == HPDF_FILE_IO_ERROR ||
	    L->err == HPDF_FAILD_TO_ALLOC_MEM)
		sev = CF_SYSERR;
	cf_diag(sev, file, line, col, "%s: %s", doing,
	    hpdf_cause(L->err, L->err_detail));
	return -1;
}

/* ------------------------------------------------------------------ */
/* Opening and closing                                                 */

/* The faces a document may draw with: the style's four, then fallbacks. */
static void
add_faces(struct cf_layout *L, const struct cf_pdf_style *st)
{
	struct cf_face_slot	*f;
	size_t			 i;

	for (i = 0; i < CF_FONT_NSTYLES + st->nfallback; i++) {
		f = &L->faces[L->nfaces++];
		f->face = i < CF_FONT_NSTYLES ? st->face[i] :
		    st->fallback_face[i - CF_FONT_NSTYLES];
		f->path = i < CF_FONT_NSTYLES ? st->font[i] :
		    st->fallback[i - CF_FONT_NSTYLES];
	}
}

int
cf_layout_open(struct cf_layout *L, const struct cf_pdf_style *st)
{
	memset(L, 0, sizeof(*L));
	cf_arena_init(&L->arena);
	cf_buf_init(&L->ink);
	L->style = st;
	if ((L->pdf = HPDF_New(on_hpdf_error, L)) == NULL) {
		cf_diag(CF_SYSERR, NULL, 0, 0,
		    "cannot start a PDF document: out of memory");
		return -1;
	}
	/* Streams marked FlateDecode: cf_pdf_deflate() compresses them. */
	HPDF_SetCompressionMode(L->pdf, HPDF_COMP_ALL);
	HPDF_SetPageMode(L->pdf, HPDF_PAGE_MODE_USE_OUTLINE);
	if (cf_layout_check(L, NULL, 0, 0, "cannot start a PDF document"))
		return -1;
	add_faces(L, st);
	L->ascent = cf_face_ascent(st->face[CF_FONT_REGULAR]) / 1000.0;
	L->descent = -cf_face_descent(st->face[CF_FONT_REGULAR]) / 1000.0;
	L->left = st->margin_left;
	L->right = st->page_w - st->margin_right;
	L->top = st->page_h - st->margin_top;
	L->bottom = st->margin_bottom;
	return 0;
}

int
cf_layout_open_style(struct cf_layout *L, const struct cf_pdf_style *given,
    const char *dir, const struct cf_locale *loc)
{
	struct cf_pdf_style	*own = cf_xmalloc(sizeof(*own));
	const struct cf_pdf_style *st;
	int			 rc = -1;

	/* Whatever fails, the caller's cf_layout_close() finds a layout. */
	memset(L, 0, sizeof(*L));
	if ((st = cf_pdf_style_use(given, dir, own)) != NULL &&
	    (rc = cf_layout_open(L, st)) == 0)
		L->locale = loc;
	/* After cf_layout_open(), which starts from a zeroed layout. */
	L->own_style = own;
	return rc;
}

void
cf_layout_close(struct cf_layout *L)
{
	size_t	 i;

	for (i = 0; i < CF_FONT_NSTYLES * 256; i++)
		free(L->metrics[i / 256][i % 256]);
	for (i = 0; i < L->nfaces; i++) {
		free(L->faces[i].used);
		free(L->faces[i].rank);
	}
	free(L->ops);
	cf_buf_free(&L->ink);
	free(L->entries);
	free(L->pages);
	if (L->pdf != NULL)
		HPDF_Free(L->pdf);
	cf_arena_free(&L->arena);
	if (L->own_style != NULL) {
		cf_pdf_style_free(L->own_style);
		free(L->own_style);
	}
	memset(L, 0, sizeof(*L));
}

/* ------------------------------------------------------------------ */
/* Glyphs, widths and clean text                                       */

/*
 * cf_utf8_decode() with ASCII taken here: every width, break and shown
 * string walks its text a character at a time, and most are ASCII.
 */
static inline size_t
utf8_next(const unsigned char *s, size_t n, unsigned *cp)
{
	if (n > 0 && s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	return cf_utf8_decode(s, n, cp);
}

static size_t
utf8_put(char *out, unsigned cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	out[0] = (char)(0xe0 | cp >> 12);
	out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[2] = (char)(0x80 | (cp & 0x3f));
	return 3;
}

/*
 * Which face draws cp in a style, and its width in 1/1000 em, as
 * face + 1 << FACE_SHIFT | width; MISSING when no face has it.  The
 * style's own face comes first, then the fallbacks in the style's order.
 */
static uint32_t
metric_find(struct cf_layout *L, enum cf_font_style font, unsigned cp)
{
	uint32_t	*m;
	size_t		 i;
	int		 w;

	if (cp > 0xffff)	/* the PDF fonts' codes are 16-bit */
		return MISSING;
	if (L->metrics[font][cp >> 8] == NULL)
		L->metrics[font][cp >> 8] = cf_xcalloc(256, sizeof(uint32_t));
	m = &L->metrics[font][cp >> 8][cp & 0xff];
	*m = MISSING;
	for (i = font; i < L->nfaces; i = i == (size_t)font ?
	    CF_FONT_NSTYLES : i + 1)
		if ((w = cf_face_advance(L->faces[i].face, cp)) >= 0) {
			*m = (uint32_t)(i + 1) << FACE_SHIFT |
			    ((uint32_t)w < WIDTH_MASK ? (uint32_t)w : WIDTH_MASK);
			break;
		}
	return *m;
}

/* Called per character measured: what is known is read inline. */
static inline uint32_t
metric(struct cf_layout *L, enum cf_font_style font, unsigned cp)
{
	const uint32_t	*page;

	if (cp <= 0xffff && (page = L->metrics[font][cp >> 8]) != NULL &&
	    page[cp & 0xff] != 0)
		return page[cp & 0xff];
	return metric_find(L, font, cp);
}

static size_t
face_of(struct cf_layout *L, enum cf_font_style font, unsigned cp)
{
	return (metric(L, font, cp) >> FACE_SHIFT) - 1;
}

static double
char_width(struct cf_layout *L, enum cf_font_style font, unsigned cp,
    double size)
{
	uint32_t	 m = metric(L, font, cp);

	return m == MISSING ? 0 : (m & WIDTH_MASK) * size / 1000.0;
}

static double
text_width(struct cf_layout *L, enum cf_font_style font, const char *s,
    double size)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k;
	unsigned		 cp;
	double			 w = 0;

	while (n > 0) {
		if ((k = utf8_next(p, n, &cp)) == 0)
			break;
		w += char_width(L, font, cp, size);
		p += k;
		n -= k;
	}
	return w;
}

static const char *
base_name(const char *path)
{
	return strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
}

/*
 * One warning per value, naming its first character that no font has;
 * a value printed in several documents, or in several faces, is still
 * one warning (cf_diagk_once()).
 */
static void
warn_glyphs(struct cf_layout *L, enum cf_font_style font, unsigned cp,
    bool others, const struct cf_src *src)
{
	struct cf_buf	 fonts;
	size_t		 i;

	if (src == NULL || src->file == NULL)
		return;
	cf_buf_init(&fonts);
	cf_buf_puts(&fonts, base_name(L->faces[font].path));
	for (i = CF_FONT_NSTYLES; i < L->nfaces; i++)
		cf_buf_printf(&fonts, ", %s", base_name(L->faces[i].path));
	cf_diagk_once(CF_DIAG_KIND, CF_WARNING, "glyph", src->file,
	    src->pos.line, src->pos.col, "%s: character U+%04X is in none "
	    "of the fonts %s%s; printed as U+FFFD%s",
	    src->what != NULL ? src->what : "text", cp, fonts.data,
	    cp > 0xffff ? " (outside the Basic Multilingual Plane)" : "",
	    others ? ", as are the other characters no font has in this "
	    "value" : "");
	cf_buf_free(&fonts);
}

/*
 * Text as the fonts can print it: control characters go (tabs and line
 * ends become spaces), anything no face has becomes U+FFFD.
 */
static char *
clean(struct cf_layout *L, enum cf_font_style font, const char *s,
    size_t len, const struct cf_src *src, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			*out, *o;
	unsigned		 cp, first = 0;
	size_t			 k, nmissing = 0;
	bool			 others = false;

	/* Mostly printable ASCII the font has: the text as it is. */
	for (k = 0; k < len && p[k] >= 0x20 && p[k] < 0x7f &&
	    metric(L, font, p[k]) != MISSING; k++)
		continue;
	if (k == len) {
		*outlen = len;
		return cf_arena_strndup(&L->arena, s, len);
	}
	o = out = cf_arena_alloc_raw(&L->arena, len * 3 + 1);
	while (len > 0) {
		if ((k = utf8_next(p, len, &cp)) == 0) {
			cp = REPLACEMENT;
			k = 1;
		}
		p += k;
		len -= k;
		if (cp == '\t' || cp == '\n' || cp == '\r')
			cp = ' ';
		else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0))
			continue;
		if (metric(L, font, cp) == MISSING) {
			if (nmissing++ == 0)
				first = cp;
			else if (cp != first)
				others = true;
			cp = metric(L, font, REPLACEMENT) != MISSING ?
			    REPLACEMENT : '?';
		}
		o += utf8_put(o, cp);
	}
	*o = '\0';
	*outlen = (size_t)(o - out);
	if (nmissing > 0)
		warn_glyphs(L, font, first, others, src);
	return out;
}

/* ------------------------------------------------------------------ */
/* Flows                                                               */

/*
 * Room for element n of an arena array.  Arrays start at one element:
 * most of a table's thousands of cells are one block of one line, and
 * room for four each was some 40% of a checklist layout's memory.
 */
static void *
grow(struct cf_arena *a, void *p, size_t n, size_t *cap, size_t sz)
{
	void	*q;

	if (n < *cap)
		return p;
	*cap = *cap != 0 ? *cap * 2 : 1;
	q = cf_arena_alloc(a, *cap * sz);
	if (n > 0)
		memcpy(q, p, n * sz);
	return q;
}

struct cf_block *
cf_flow_item(struct cf_layout *L, struct cf_flow *f, const char *marker)
{
	struct cf_block	*b = cf_flow_para(L, f, f->size * 0.2);
	size_t		 n;

	b->indent = f->size * 1.9;
	b->marker = clean(L, CF_FONT_REGULAR, marker, strlen(marker), NULL, &n);
	return b;
}

const char *
cf_layout_plain(struct cf_layout *L, const char *text)
{
	size_t	 n;

	return clean(L, CF_FONT_REGULAR, text, strlen(text), NULL, &n);
}

const struct cf_src *
cf_layout_src(struct cf_layout *L, const char *file, struct cf_pos pos,
    const char *what, ...)
{
	struct cf_src	*s = cf_arena_alloc(&L->arena, sizeof(*s));
	const char	*conv = strchr(what, '%'), *arg;
	size_t		 head, alen, tail;
	char		*t;
	va_list		 ap;

	va_start(ap, what);
	/* Most sources name one value ("requirement %s"), one per cell of
	 * a checklist: put together here, not through printf. */
	if (conv != NULL && conv[1] == 's' && strchr(conv + 2, '%') == NULL) {
		if ((arg = va_arg(ap, const char *)) == NULL)
			arg = "(null)";	/* as glibc's printf gives it */
		head = (size_t)(conv - what);
		alen = strlen(arg);
		tail = strlen(conv + 2);
		t = cf_arena_alloc_raw(&L->arena, head + alen + tail + 1);
		memcpy(t, what, head);
		memcpy(t + head, arg, alen);
		memcpy(t + head + alen, conv + 2, tail + 1);
		s->what = t;
	} else
		s->what = cf_arena_vprintf(&L->arena, what, ap);
	va_end(ap);
	s->file = file;
	s->pos = pos;
	return s;
}

struct cf_pos
cf_pos_or(struct cf_pos pos, struct cf_pos fallback)
{
	return pos.line > 0 ? pos : fallback;
}

void
cf_layout_vet(struct cf_layout *L, enum cf_font_style font, const char *text,
    const struct cf_src *src)
{
	size_t	 n;

	if (text != NULL)
		clean(L, font, text, strlen(text), src, &n);
}

void
cf_layout_vet_msg(struct cf_layout *L, enum cf_font_style font,
    const struct cf_msg *m)
{
	const struct cf_msg_arg	*a;
	size_t			 i;

	for (i = 0; i < m->nargs; i++) {
		a = &m->args[i];
		if (a->src.file != NULL && (a->kind == CF_ARG_TEXT ||
		    a->kind == CF_ARG_ID))
			cf_layout_vet(L, font, a->text, cf_layout_src(L,
			    a->src.file, a->src.pos, "%s", a->src.what));
	}
}

const char *
cf_safe_link(const char *url)
{
	/* A relative address has nothing to resolve against in a PDF. */
	return cf_url_has_scheme(url) && cf_url_scheme_ok(url) ? url : NULL;
}

const char *
cf_contact_link(struct cf_layout *L, const char *contact)
{
	if (contact == NULL || cf_url_has_scheme(contact))
		return cf_safe_link(contact);
	if (strchr(contact, '@') != NULL && strpbrk(contact, " <>\"") == NULL)
		return cf_arena_printf(&L->arena, "mailto:%s", contact);
	return NULL;
}

/*
 * A PDF URI is 7-bit: percent-encode the rest.  An address longer than a
 * PDF string may be stays text without a link.
 */
static const char *
uri_ascii(struct cf_layout *L, const char *url)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;
	char			*out, *o;

	if (url == NULL || strlen(url) > HPDF_LIMIT_MAX_STRING_LEN / 3)
		return NULL;
	o = out = cf_arena_alloc(&L->arena, strlen(url) * 3 + 1);
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p >= 0x7f) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		} else
			*o++ = (char)*p;
	*o = '\0';
	return out;
}

struct cf_flow *
cf_flow_new(struct cf_layout *L, double size, enum cf_colour colour)
{
	struct cf_flow	*f = cf_arena_alloc(&L->arena, sizeof(*f));

	f->size = size;
	f->colour = colour;
	return f;
}

static struct cf_block *
add_block(struct cf_layout *L, struct cf_flow *f, enum cf_block_kind kind,
    double space_before)
{
	struct cf_block	*b;

	f->blocks = grow(&L->arena, f->blocks, f->nblocks, &f->capblock,
	    sizeof(*f->blocks));
	b = &f->blocks[f->nblocks++];
	memset(b, 0, sizeof(*b));
	b->kind = kind;
	b->space_before = space_before >= 0 ? space_before : f->size * 0.5;
	return b;
}

struct cf_block *
cf_flow_para(struct cf_layout *L, struct cf_flow *f, double space_before)
{
	return add_block(L, f, CF_BLOCK_PARA, space_before);
}

static void
add_run(struct cf_layout *L, struct cf_block *b, enum cf_font_style font,
    const char *text, size_t len, const char *link)
{
	struct cf_run	*r;

	if (len == 0)
		return;
	b->runs = grow(&L->arena, b->runs, b->nruns, &b->caprun,
	    sizeof(*b->runs));
	r = &b->runs[b->nruns++];
	r->font = font;
	r->text = text;
	r->len = len;
	r->link = link;
	r->strike = false;
}

static void
add_text(struct cf_layout *L, struct cf_block *b, enum cf_font_style font,
    const char *s, size_t len, const char *link, const struct cf_src *src)
{
	char	*t;
	size_t	 n;

	t = clean(L, font, s, len, src, &n);
	add_run(L, b, font, t, n, link);
}

void
cf_flow_text(struct cf_layout *L, struct cf_flow *f, enum cf_font_style font,
    const char *text, const char *link, const struct cf_src *src)
{
	struct cf_block	*b;

	if (text == NULL)
		return;
	if (f->nblocks == 0 || f->blocks[f->nblocks - 1].kind != CF_BLOCK_PARA)
		b = cf_flow_para(L, f, -1);
	else
		b = &f->blocks[f->nblocks - 1];
	add_text(L, b, font, text, strlen(text),
	    uri_ascii(L, cf_safe_link(link)), src);
}

void
cf_flow_msg(struct cf_layout *L, struct cf_flow *f, enum cf_font_style font,
    const char *name, long n, const struct cf_piece *pieces)
{
	const char		*p, *start, *pn, *with = "";
	const struct cf_piece	*pc;
	size_t			 len, cut;

	for (p = start = cf_msg_form(L->locale, name, n); *p != '\0'; p++) {
		if ((len = cf_msg_placeholder(p, &pn)) == 0)
			continue;
		for (pc = pieces; pc != NULL && pc->name != NULL; pc++)
			if (strlen(pc->name) == len &&
			    strncmp(pc->name, pn, len) == 0)
				break;
		cut = pc != NULL && pc->name != NULL && pc->text != NULL ?
		    cf_locale_elide(L->locale, start, (size_t)(p - start),
		    pc->name, pc->text, &with) : 0;
		if (p > start)
			cf_flow_text(L, f, font, cf_arena_printf(&L->arena,
			    "%.*s%s", (int)(p - start - cut), start,
			    cut > 0 ? with : ""), NULL, NULL);
		if (pc != NULL && pc->name != NULL && pc->text != NULL)
			cf_flow_text(L, f, font, pc->text, NULL, pc->src);
		else if (len == 1 && *pn == 'n')
			cf_flow_text(L, f, font, cf_arena_printf(&L->arena,
			    "%ld", n), NULL, NULL);
		start = p + len + 2;
		p = start - 1;
	}
	if (p > start)
		cf_flow_text(L, f, font, start, NULL, NULL);
}

const char *
cf_layout_msg(struct cf_layout *L, const char *name)
{
	return cf_msg(L->locale, name);
}

const char *
cf_layout_label(struct cf_layout *L, const char *name)
{
	return cf_arena_printf(&L->arena, "%s%s", cf_msg(L->locale, name),
	    cf_msg(L->locale, "label_sep"));
}

struct md {
	struct cf_layout	*L;
	struct cf_flow		*f;
	const struct cf_src	*src;
	struct cf_block		*b;	/* open paragraph or NULL */
	int			 emph, strong, quote, lists;
	const char		*link;
	/* waiting for its item's text */
	const char		*marker;
	int			 strike;	/* ~~ depth */
	bool			 first_row;	/* of the table being read */
	size_t			 col;		/* of the row being read */
};

static double
md_indent(const struct md *m)
{
	int	 lists = m->lists, quote = m->quote;

	lists = lists < MAX_INDENT_DEPTH ? lists : MAX_INDENT_DEPTH;
	quote = quote < MAX_INDENT_DEPTH ? quote : MAX_INDENT_DEPTH;

	return m->f->size * (1.9 * lists + 1.1 * quote);
}

static bool
in_tight_list(cmark_node *n)
{
	cmark_node	*item = cmark_node_parent(n);

	return item != NULL && cmark_node_get_type(item) == CMARK_NODE_ITEM &&
	    cmark_node_get_list_tight(cmark_node_parent(item));
}

static struct cf_block *
md_block(struct md *m, enum cf_block_kind kind, double space)
{
	struct cf_block	*b = add_block(m->L, m->f, kind, space);

	b->indent = md_indent(m);
	b->quote = m->quote;
	b->marker = m->marker;
	m->marker = NULL;
	return b;
}

static void
md_code_block(struct md *m, cmark_node *n)
{
	const char	*s = cmark_node_get_literal(n), *e;
	struct cf_block	*b;
	size_t		 len;
	bool		 first = true;

	if (s == NULL)
		return;
	len = strlen(s);
	if (len > 0 && s[len - 1] == '\n')
		len--;
	for (;;) {
		e = memchr(s, '\n', len);
		b = md_block(m, CF_BLOCK_CODE, first ? -1 : 0);
		add_text(m->L, b, CF_FONT_MONO, s, e != NULL ?
		    (size_t)(e - s) : len, NULL, m->src);
		first = false;
		if (e == NULL)
			break;
		len -= (size_t)(e - s) + 1;
		s = e + 1;
	}
}

static void
md_item(struct md *m, cmark_node *item)
{
	static const char *const bullets[] = { "\xe2\x80\xa2",
	    /* bullet, en dash, white bullet */
	    "\xe2\x80\x93", "\xe2\x97\xa6" };
	cmark_node	*list = cmark_node_parent(item), *t;
	const char	*s;
	char		 num[32];
	size_t		 len;
	intptr_t	 next;
	bool		 checked;

	/* Asked at the first item only: each label leaves its text below.
	   A bullet list's user data is free (ordered lists count in it). */
	if (item == cmark_node_first_child(list) && cf_rich_labelled(list))
		cmark_node_set_user_data(list, list);
	if (cmark_node_get_list_type(list) == CMARK_BULLET_LIST &&
	    cmark_node_get_user_data(list) == list) {
		/* the item's own label ("a.") stands where a bullet would */
		t = cmark_node_first_child(cmark_node_first_child(item));
		s = cf_arena_strdup(&m->L->arena, cmark_node_get_literal(t));
		len = strcspn(s, " ");
		m->marker = clean(m->L, CF_FONT_REGULAR, s, len, NULL, &len);
		s += strcspn(s, " ");
		cmark_node_set_literal(t, s + strspn(s, " "));
	} else if (cf_rich_task(item, &checked)) {
		/* ballot box, ballot box with check */
		s = checked ? "\xe2\x98\x91" : "\xe2\x98\x90";
		m->marker = clean(m->L, CF_FONT_REGULAR, s, strlen(s), NULL,
		    &len);
	} else if (cmark_node_get_list_type(list) == CMARK_ORDERED_LIST) {
		next = (intptr_t)cmark_node_get_user_data(list);
		if (next == 0)
			next = cmark_node_get_list_start(list);
		snprintf(num, sizeof(num), "%ld%c", (long)next,
		    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ?
		    ')' : '.');
		cmark_node_set_user_data(list, (void *)(next + 1));
		m->marker = clean(m->L, CF_FONT_REGULAR, num, strlen(num),
		    NULL, &len);
	} else
		m->marker = clean(m->L, CF_FONT_REGULAR,
		    bullets[(m->lists - 1) % 3],
		    strlen(bullets[(m->lists - 1) % 3]), NULL, &len);
}

static enum cf_font_style
md_font(const struct md *m)
{
	if (m->strong > 0)
		return CF_FONT_BOLD;
	return m->emph > 0 ? CF_FONT_ITALIC : CF_FONT_REGULAR;
}

static void
md_inline(struct md *m, enum cf_font_style font, const char *s, size_t len)
{
	size_t	 n;

	if (m->b == NULL)	/* text outside a paragraph: give it one */
		m->b = md_block(m, CF_BLOCK_PARA, -1);
	n = m->b->nruns;
	add_text(m->L, m->b, font, s, len, m->link, m->src);
	if (m->strike > 0 && m->b->nruns > n)
		m->b->runs[n].strike = true;
}

/* A GFM table: one CF_BLOCK_ROW per row, its cells' runs side by side. */
static void
md_ext_enter(struct md *m, cmark_node *n)
{
	struct cf_block	*b;
	enum cf_rich_ext ext = cf_rich_ext(n);

	switch (ext) {
	case CF_RICH_EXT_TABLE:
		m->first_row = true;
		break;
	case CF_RICH_EXT_ROW:
	case CF_RICH_EXT_HEAD_ROW:
		b = md_block(m, CF_BLOCK_ROW, m->first_row ? -1 :
		    m->f->size * 0.3);
		b->first = m->first_row;
		b->head = ext == CF_RICH_EXT_HEAD_ROW;
		b->ncols = cf_rich_table_columns(cmark_node_parent(n));
		if (b->ncols == 0)
			b->ncols = 1;
		b->cells = cf_arena_alloc(&m->L->arena, (b->ncols + 1) *
		    sizeof(*b->cells));
		m->first_row = false;
		m->col = 0;
		m->b = b;
		if (b->head)
			m->strong++;
		break;
	case CF_RICH_EXT_CELL:
		if (m->b != NULL && m->b->kind == CF_BLOCK_ROW &&
		    m->col < m->b->ncols)
			m->b->cells[m->col] = m->b->nruns;
		break;
	case CF_RICH_EXT_STRIKE:
		m->strike++;
		break;
	default:
		break;
	}
}

static void
md_ext_exit(struct md *m, cmark_node *n)
{
	size_t	 c;

	switch (cf_rich_ext(n)) {
	case CF_RICH_EXT_ROW:
	case CF_RICH_EXT_HEAD_ROW:
		if (m->b == NULL || m->b->kind != CF_BLOCK_ROW)
			break;
		/* Cells a short row lacks are empty. */
		for (c = m->col; c <= m->b->ncols; c++)
			m->b->cells[c] = m->b->nruns;
		if (m->b->head)
			m->strong--;
		m->b = NULL;
		break;
	case CF_RICH_EXT_CELL:
		m->col++;
		break;
	case CF_RICH_EXT_STRIKE:
		m->strike--;
		break;
	default:
		break;
	}
}

static void
md_enter(struct md *m, cmark_node *n)
{
	const char	*s;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		m->b = md_block(m, CF_BLOCK_PARA, m->f->nblocks == 0 ? 0 :
		    in_tight_list(n) ? m->f->size * 0.2 : -1);
		break;
	case CMARK_NODE_CODE_BLOCK:
		md_code_block(m, n);
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		md_block(m, CF_BLOCK_RULE, -1);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		m->quote++;
		break;
	case CMARK_NODE_LIST:
		m->lists++;
		break;
	case CMARK_NODE_ITEM:
		md_item(m, n);
		break;
	case CMARK_NODE_TEXT:
		s = cmark_node_get_literal(n);
		md_inline(m, md_font(m), s, strlen(s));
		break;
	case CMARK_NODE_CODE:
		s = cmark_node_get_literal(n);
		md_inline(m, CF_FONT_MONO, s, strlen(s));
		break;
	case CMARK_NODE_SOFTBREAK:
		md_inline(m, md_font(m), " ", 1);
		break;
	case CMARK_NODE_LINEBREAK:
		if (m->b != NULL)
			add_run(m->L, m->b, md_font(m), "\n", 1, NULL);
		break;
	case CMARK_NODE_EMPH:
		m->emph++;
		break;
	case CMARK_NODE_STRONG:
		m->strong++;
		break;
	case CMARK_NODE_LINK:
		m->link = uri_ascii(m->L, cf_safe_link(cmark_node_get_url(n)));
		break;
	default:	/* the extensions' */
		md_ext_enter(m, n);
		break;
	}
}

static void
md_exit(struct md *m, cmark_node *n)
{
	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_PARAGRAPH:
		m->b = NULL;
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		m->quote--;
		break;
	case CMARK_NODE_LIST:
		m->lists--;
		break;
	case CMARK_NODE_ITEM:
		if (m->marker != NULL)	/* an empty item still shows */
			md_block(m, CF_BLOCK_PARA, m->f->size * 0.2);
		break;
	case CMARK_NODE_EMPH:
		m->emph--;
		break;
	case CMARK_NODE_STRONG:
		m->strong--;
		break;
	case CMARK_NODE_LINK:
		m->link = NULL;
		break;
	default:
		md_ext_exit(m, n);
		break;
	}
}

void
cf_flow_md_lead(struct cf_layout *L, struct cf_flow *f, const char *lead,
    const char *md, const struct cf_src *src)
{
	struct cf_block	*b, nb;
	struct cf_run	 run;
	size_t		 first = f->nblocks, n;

	cf_flow_md(L, f, md, src);
	if (first == f->nblocks || f->blocks[first].kind != CF_BLOCK_PARA ||
	    f->blocks[first].marker != NULL) {
		/* A list or code first: the label is a paragraph of its own. */
		b = add_block(L, f, CF_BLOCK_PARA, first == 0 ? 0 : -1);
		add_text(L, b, CF_FONT_BOLD, lead, strlen(lead), NULL, NULL);
		nb = *b;
		memmove(&f->blocks[first + 1], &f->blocks[first],
		    (f->nblocks - 1 - first) * sizeof(*f->blocks));
		f->blocks[first] = nb;
		return;
	}
	b = &f->blocks[first];
	run.font = CF_FONT_BOLD;
	run.text = clean(L, CF_FONT_BOLD, lead, strlen(lead), NULL, &n);
	run.len = n;
	run.link = NULL;
	run.strike = false;
	add_run(L, b, run.font, run.text, run.len, NULL);
	memmove(&b->runs[1], &b->runs[0], (b->nruns - 1) * sizeof(*b->runs));
	b->runs[0] = run;
}

/*
 * Is md one line of plain text to cmark-gfm: nothing in it can open a
 * block or an inline (no markup character, no autolink's ':', '@' or
 * "www."), its characters are ASCII or valid UTF-8, and it starts with a
 * letter, a quote, a parenthesis or a non-ASCII character (no list
 * marker, no code indent)?  Then it parses to one paragraph of one text,
 * md less the up to three spaces before and the spaces after: *from and
 * *len.  Anything else is for cmark to read.
 */
static bool
plain_md(const char *md, size_t *from, size_t *len)
{
	const unsigned char	*p = (const unsigned char *)md;
	size_t			 i = 0, n = strlen(md), k;
	unsigned		 cp;

	while (i < 3 && p[i] == ' ')
		i++;
	while (n > i && p[n - 1] == ' ')
		n--;
	if (i == n || isdigit(p[i]) || !(isalnum(p[i]) ||
	    p[i] == '(' || p[i] == '"' || p[i] == '\'' || p[i] >= 0x80))
		return false;
	*from = i;
	*len = n - i;
	for (; i < n; i += k) {
		k = 1;
		if (p[i] >= 0x80 &&
		    (k = cf_utf8_decode(p + i, n - i, &cp)) == 0)
			return false;
		if (p[i] < 0x80 && !isalnum(p[i]) &&
		    strchr(" ,.;()'\"?/%+=-", p[i]) == NULL)
			return false;
		if ((p[i] | 0x20) == 'w' && n - i >= 4 &&
		    (p[i + 1] | 0x20) == 'w' && (p[i + 2] | 0x20) == 'w' &&
		    p[i + 3] == '.')
			return false;
	}
	return true;
}

void
cf_flow_md(struct cf_layout *L, struct cf_flow *f, const char *md,
    const struct cf_src *src)
{
	struct md		 m;
	cmark_node		*doc;
	cmark_iter		*it;
	cmark_event_type	 ev;
	size_t			 from, len;

	if (md == NULL)
		return;
	memset(&m, 0, sizeof(m));
	m.L = L;
	m.f = f;
	m.src = src;
	/* Most requirement texts: what md_enter() makes of the paragraph. */
	if (plain_md(md, &from, &len)) {
		m.b = md_block(&m, CF_BLOCK_PARA, f->nblocks == 0 ? 0 : -1);
		md_inline(&m, md_font(&m), md + from, len);
		return;
	}
	/* Raw HTML, unsafe links, images and headings: cleaned there. */
	doc = cf_rich_parse(md, CF_RICH_USE_TEXT);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev == CMARK_EVENT_ENTER)
			md_enter(&m, cmark_iter_get_node(it));
		else
			md_exit(&m, cmark_iter_get_node(it));
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

/* ------------------------------------------------------------------ */
/* Line breaking                                                       */

struct piece {
	size_t	 run;
	size_t	 start, end;	/* bytes of the run's text */
	/* its width, summed as range_width() sums it, as it was collected;
	 * negative once a split moved start */
	double	 w;
};

struct tfrag {
	size_t		 run;
	size_t		 off, len;	/* its text in lb's text */
	double		 x, w;
};

struct lb {
	struct cf_layout	*L;
	const struct cf_run	*runs;
	double			 size, width;
	bool			 keep;
	struct piece		*word;		/* the word being collected */
	size_t			 nword, capword;
	double			 wordw;
	bool			 space;		/* a space waits before it */
	size_t			 space_run;
	struct tfrag		*frags;		/* the line being filled */
	size_t			 nfrags, capfrags;
	/* the fragments' text end to end: only the last one grows, and one
	 * buffer for all is a malloc() less per fragment */
	struct cf_buf		 text;
	double			 x;
	struct cf_line		*lines;
	size_t			 nlines, caplines;
};

static void
lb_put(struct lb *lb, size_t run, const char *s, size_t len, double w)
{
	struct tfrag	*f = lb->nfrags > 0 ? &lb->frags[lb->nfrags - 1] : NULL;

	if (f == NULL || f->run != run || f->x + f->w < lb->x - EPS) {
		if (lb->nfrags == lb->capfrags) {
			lb->capfrags = lb->capfrags ? lb->capfrags * 2 : 8;
			lb->frags = cf_xrealloc(lb->frags,
			    lb->capfrags * sizeof(*lb->frags));
		}
		f = &lb->frags[lb->nfrags++];
		f->run = run;
		f->off = lb->text.len;
		f->len = 0;
		f->x = lb->x;
		f->w = 0;
	}
	cf_buf_put(&lb->text, s, len);
	f->len += len;
	f->w += w;
	lb->x += w;
}

static void
lb_emit(struct lb *lb)
{
	struct cf_layout	*L = lb->L;
	struct cf_line		*ln;
	struct cf_frag		*fr;
	struct tfrag		*t;
	size_t			 i;

	lb->lines = grow(&L->arena, lb->lines, lb->nlines, &lb->caplines,
	    sizeof(*lb->lines));
	ln = &lb->lines[lb->nlines++];
	memset(ln, 0, sizeof(*ln));
	ln->frags = cf_arena_alloc(&L->arena,
	    (lb->nfrags + 1) * sizeof(*ln->frags));
	for (i = 0; i < lb->nfrags; i++) {
		t = &lb->frags[i];
		fr = &ln->frags[ln->nfrags++];
		fr->font = lb->runs[t->run].font;
		fr->link = lb->runs[t->run].link;
		fr->strike = lb->runs[t->run].strike;
		fr->x = t->x;
		fr->w = t->w;
		/* A trailing space belongs to no link and takes no width. */
		if (!lb->keep && t->len > 0 &&
		    lb->text.data[t->off + t->len - 1] == ' ') {
			t->len--;
			fr->w -= char_width(L, fr->font, ' ', lb->size);
		}
		fr->text = cf_arena_strndup(&L->arena, lb->text.data + t->off,
		    t->len);
	}
	cf_buf_reset(&lb->text);
	ln->width = lb->width;
	ln->size = lb->size;
	ln->h = lb->size * LEADING;
	lb->nfrags = 0;
	lb->x = 0;
	lb->space = false;
}

/* May the word break after this character (a URL's or id's joints)? */
static bool
break_after(unsigned cp, bool keep)
{
	return cp == '/' || cp == '-' || cp == '.' || cp == '_' ||
	    cp == '?' || cp == '&' || cp == '=' || cp == ',' || cp == ';' ||
	    cp == '#' || cp == ':' || cp == 0x2013 || cp == 0x2014 ||
	    (keep && cp == ' ');
}

static double
range_width(struct lb *lb, size_t run, size_t start, size_t end)
{
	const struct cf_run	*r = &lb->runs[run];
	double			 w = 0;
	size_t			 off, k;
	unsigned		 cp;

	for (off = start; off < end; off += k) {
		if ((k = utf8_next((const unsigned char *)r->text + off,
		    end - off, &cp)) == 0)
			break;
		w += char_width(lb->L, r->font, cp, lb->size);
	}
	return w;
}

/* The width of p's bytes up to end: known unless it was split. */
static double
piece_width(struct lb *lb, const struct piece *p, size_t end)
{
	return end == p->end && p->w >= 0 ? p->w :
	    range_width(lb, p->run, p->start, end);
}

/* Characters a word cut at a joint leaves at least on the next line. */
#define MIN_TAIL	3

/*
 * Does the word being split have MIN_TAIL characters after byte off of
 * its piece i?  Looks no further, so splitting stays linear.
 */
static bool
long_tail(const struct lb *lb, size_t i, size_t off)
{
	const struct piece	*p;
	const char		*t;
	size_t			 n = 0;

	for (; i < lb->nword; i++) {
		p = &lb->word[i];
		t = lb->runs[p->run].text;
		for (; off < p->end; off++)
			if (((unsigned char)t[off] & 0xc0) != 0x80 &&
			    ++n >= MIN_TAIL)
				return true;
		if (i + 1 < lb->nword)
			off = lb->word[i + 1].start;
	}
	return false;
}

/*
 * Places the longest head of an over-long word that fits on a line of
 * its own, preferring to cut after a joint (a URL's slash, an id's dot)
 * over cutting inside a name.
 */
static void
lb_split_word(struct lb *lb)
{
	const struct cf_run	*r;
	struct piece		*p;
	size_t			 i, off, k, end, bi = 0, boff = 0, fi = 0;
	size_t			 foff = 0;
	double			 acc = 0, cw, placed = 0;
	unsigned		 cp;
	bool			 any = false, joint = false, short_tail = false;
	bool			 tail;

	for (i = 0; i < lb->nword; i++) {
		p = &lb->word[i];
		r = &lb->runs[p->run];
		for (off = p->start; off < p->end; off += k) {
			k = utf8_next((const unsigned char *)r->text + off,
			    p->end - off, &cp);
			cw = char_width(lb->L, r->font, cp, lb->size);
			if (any && acc + cw > lb->width + EPS)
				goto found;
			acc += cw;
			any = true;
			fi = i;
			foff = off + k;
			if (!break_after(cp, lb->keep) ||
			    acc < lb->width * 0.4)
				continue;
			/* "policy." over "md" only when no other joint fits. */
			tail = long_tail(lb, i, off + k);
			if (tail || !joint) {
				bi = i;
				boff = off + k;
				joint = true;
				short_tail = !tail;
			} else if (short_tail) {
				bi = i;
				boff = off + k;
			}
		}
	}
found:
	if (joint) {
		fi = bi;
		foff = boff;
	}
	for (i = 0; i <= fi; i++) {
		p = &lb->word[i];
		end = i == fi ? foff : p->end;
		cw = piece_width(lb, p, end);
		placed += cw;
		lb_put(lb, p->run, lb->runs[p->run].text + p->start,
		    end - p->start, cw);
	}
	lb_emit(lb);
	lb->word[fi].start = foff;
	lb->word[fi].w = -1;
	memmove(lb->word, lb->word + fi, (lb->nword - fi) * sizeof(*lb->word));
	lb->nword -= fi;
	if (lb->word[0].start == lb->word[0].end) {
		memmove(lb->word, lb->word + 1,
		    (lb->nword - 1) * sizeof(*lb->word));
		lb->nword--;
	}
	/* What is left is the word less its head: never measured again,
	 * or one long word would cost its length once per line. */
	lb->wordw -= placed;
}

static void
lb_place_word(struct lb *lb)
{
	size_t	 i;

	for (i = 0; i < lb->nword; i++)
		lb_put(lb, lb->word[i].run,
		    lb->runs[lb->word[i].run].text + lb->word[i].start,
		    lb->word[i].end - lb->word[i].start,
		    piece_width(lb, &lb->word[i], lb->word[i].end));
}

static void
lb_flush_word(struct lb *lb)
{
	double	 sw = 0;

	if (lb->nword == 0)
		return;
	if (lb->space && lb->nfrags > 0)
		sw = char_width(lb->L, lb->runs[lb->space_run].font, ' ',
		    lb->size);
	if (lb->nfrags > 0 && lb->x + sw + lb->wordw > lb->width + EPS)
		lb_emit(lb);
	else if (sw > 0)
		lb_put(lb, lb->space_run, " ", 1, sw);
	while (lb->wordw > lb->width + EPS && lb->nword > 0)
		lb_split_word(lb);
	lb_place_word(lb);
	lb->nword = 0;
	lb->wordw = 0;
	lb->space = false;
}

static void
lb_add_char(struct lb *lb, size_t run, size_t off, size_t k, double w)
{
	struct piece	*p;

	if (lb->nword > 0 && lb->word[lb->nword - 1].run == run &&
	    lb->word[lb->nword - 1].end == off)
		p = &lb->word[lb->nword - 1];
	else {
		if (lb->nword == lb->capword) {
			lb->capword = lb->capword ? lb->capword * 2 : 8;
			lb->word = cf_xrealloc(lb->word,
			    lb->capword * sizeof(*lb->word));
		}
		p = &lb->word[lb->nword++];
		p->run = run;
		p->start = off;
		p->w = 0;
	}
	p->end = off + k;
	p->w += w;
	lb->wordw += w;
}

void
cf_break_runs(struct cf_layout *L, const struct cf_run *runs, size_t n,
    double size, double width, bool keep, struct cf_box *out)
{
	struct lb	 lb;
	size_t		 r, off, k, i;
	unsigned	 cp;

	memset(&lb, 0, sizeof(lb));
	lb.L = L;
	lb.runs = runs;
	lb.size = size;
	lb.width = width;
	lb.keep = keep;
	cf_buf_init(&lb.text);
	for (r = 0; r < n; r++) {
		if (runs[r].len == 1 && runs[r].text[0] == '\n') {
			lb_flush_word(&lb);
			lb_emit(&lb);
			continue;
		}
		for (off = 0; off < runs[r].len; off += k) {
			k = utf8_next((const unsigned char *)runs[r].text +
			    off, runs[r].len - off, &cp);
			if (k == 0)	/* clean() rules this out */
				break;
			if (cp == ' ' && !keep) {
				lb_flush_word(&lb);
				if (lb.nfrags > 0) {
					lb.space = true;
					lb.space_run = r;
				}
				continue;
			}
			lb_add_char(&lb, r, off, k,
			    char_width(L, runs[r].font, cp, size));
		}
	}
	lb_flush_word(&lb);
	if (lb.nfrags > 0)
		lb_emit(&lb);
	free(lb.word);
	free(lb.frags);
	cf_buf_free(&lb.text);
	for (i = 0; i < lb.nlines; i++)
		lb.lines[i].y = i * size * LEADING;
	out->lines = lb.lines;
	out->nlines = lb.nlines;
	out->height = lb.nlines * size * LEADING;
}

/* ------------------------------------------------------------------ */
/* Flow layout                                                         */

static double
code_pad(const struct cf_flow *f)
{
	return f->size * 0.4;
}

static void
push_line(struct cf_layout *L, struct cf_box *box, size_t *cap,
    const struct cf_line *ln)
{
	box->lines = grow(&L->arena, box->lines, box->nlines, cap,
	    sizeof(*box->lines));
	box->lines[box->nlines++] = *ln;
}

/* The narrowest (longest word) and widest (one line) a run list sets. */
static void
runs_extent(struct cf_layout *L, const struct cf_run *runs, size_t n,
    double size, double *minw, double *maxw)
{
	size_t		 j, off, k;
	unsigned	 cp;
	double		 word = 0, line = 0, cw;

	*minw = *maxw = 0;
	for (j = 0; j < n; j++) {
		for (off = 0; off < runs[j].len; off += k) {
			if ((k = utf8_next((const unsigned char *)
			    runs[j].text + off, runs[j].len - off, &cp)) == 0)
				break;
			if (cp == '\n') {
				word = line = 0;
				continue;
			}
			cw = char_width(L, runs[j].font, cp, size);
			line += cw;
			word = cp == ' ' ? 0 : word + cw;
			if (word > *minw)
				*minw = word;
			if (line > *maxw)
				*maxw = line;
		}
	}
}

/* Gap between the columns of an md table, per pt of text size. */
#define ROW_GAP		0.9

/*
 * Column widths within avail: each column's one-line width when all fit,
 * else its longest word plus a share of what is left in proportion to
 * what it would still take; only words that fit nowhere get broken.
 */
static void
row_widths(const double *minw, const double *maxw, size_t n, double avail,
    double *w)
{
	double	 summin = 0, summax = 0;
	size_t	 i;

	for (i = 0; i < n; i++) {
		summin += minw[i];
		summax += maxw[i];
	}
	for (i = 0; i < n; i++) {
		if (summax <= avail)
			w[i] = maxw[i];
		else if (summin >= avail)
			w[i] = summin > 0 ? avail * minw[i] / summin :
			    avail / (double)n;
		else
			w[i] = minw[i] + (avail - summin) *
			    (maxw[i] - minw[i]) / (summax - summin);
	}
}

/*
 * Lays out the table whose first row is block `first`: its cells are
 * broken at their column's width and their lines merged side by side,
 * so the table pages like any other lines.  Returns the block after it.
 */
static size_t
layout_rows(struct cf_layout *L, const struct cf_flow *f, size_t first,
    double width, struct cf_box *box, size_t *cap, double *y)
{
	const struct cf_block	*b = &f->blocks[first];
	const size_t		 ncols = b->ncols;
	struct cf_box		*cb = cf_xcalloc(ncols, sizeof(*cb));
	double			*minw = cf_xcalloc(ncols * 4, sizeof(*minw));
	double			*maxw = minw + ncols, *w = maxw + ncols;
	double			*x = w + ncols, mn, mx, indent, avail, tw;
	const double		 gap = f->size * ROW_GAP;
	struct cf_line		 ln;
	size_t			 end, c, k, j, nl, nf;

	for (end = first; end < f->nblocks &&
	    f->blocks[end].kind == CF_BLOCK_ROW &&
	    (end == first || !f->blocks[end].first) &&
	    f->blocks[end].ncols == ncols; end++)
		for (c = 0; c < ncols; c++) {
			b = &f->blocks[end];
			runs_extent(L, b->runs + b->cells[c], b->cells[c + 1] -
			    b->cells[c], f->size, &mn, &mx);
			minw[c] = mn > minw[c] ? mn : minw[c];
			maxw[c] = mx > maxw[c] ? mx : maxw[c];
		}
	b = &f->blocks[first];
	indent = b->indent < width * 0.5 ? b->indent : width * 0.5;
	avail = width - indent - gap * (double)(ncols - 1);
	if (avail < f->size * (double)ncols)
		avail = f->size * (double)ncols;
	row_widths(minw, maxw, ncols, avail, w);
	for (c = 1; c < ncols; c++)
		x[c] = x[c - 1] + w[c - 1] + gap;
	tw = x[ncols - 1] + w[ncols - 1];
	for (j = first; j < end; j++) {
		b = &f->blocks[j];
		if (box->nlines > 0)
			*y += b->space_before;
		for (c = nl = 0; c < ncols; c++) {
			cf_break_runs(L, b->runs + b->cells[c], b->cells[c + 1] -
			    b->cells[c], f->size, w[c], false, &cb[c]);
			nl = cb[c].nlines > nl ? cb[c].nlines : nl;
		}
		for (k = 0; k < (nl > 0 ? nl : 1); k++) {
			memset(&ln, 0, sizeof(ln));
			ln.size = f->size;
			ln.h = f->size * LEADING;
			for (c = nf = 0; c < ncols; c++)
				if (k < cb[c].nlines)
					nf += cb[c].lines[k].nfrags;
			ln.frags = cf_arena_alloc(&L->arena,
			    (nf + 1) * sizeof(*ln.frags));
			for (c = 0; c < ncols; c++) {
				if (k >= cb[c].nlines)
					continue;
				if (cb[c].lines[k].h > ln.h)
					ln.h = cb[c].lines[k].h;
				memcpy(ln.frags + ln.nfrags, cb[c].lines[k].frags,
				    cb[c].lines[k].nfrags * sizeof(*ln.frags));
				for (nf = 0; nf < cb[c].lines[k].nfrags; nf++)
					ln.frags[ln.nfrags + nf].x += x[c];
				ln.nfrags += cb[c].lines[k].nfrags;
			}
			ln.y = *y;
			ln.x = indent;
			ln.width = tw;
			ln.colour = f->colour;
			ln.quote = b->quote;
			ln.marker = k == 0 ? b->marker : NULL;
			*y += ln.h;
			push_line(L, box, cap, &ln);
		}
		if (b->head) {	/* a rule under the column titles */
			memset(&ln, 0, sizeof(ln));
			ln.size = f->size;
			ln.h = f->size * 0.5;
			ln.y = *y;
			ln.x = indent;
			ln.width = tw;
			ln.colour = f->colour;
			ln.quote = b->quote;
			ln.rule = true;
			*y += ln.h;
			push_line(L, box, cap, &ln);
		}
	}
	free(minw);
	free(cb);
	return end;
}

void
cf_flow_layout(struct cf_layout *L, const struct cf_flow *f, double width,
    struct cf_box *box)
{
	const struct cf_block	*b;
	struct cf_box		 tmp;
	struct cf_line		 empty;
	size_t			 i, j, cap = 0;
	double			 y = 0, indent, pad, avail;

	memset(box, 0, sizeof(*box));
	for (i = 0; i < f->nblocks; i++) {
		b = &f->blocks[i];
		if (b->kind == CF_BLOCK_ROW) {
			i = layout_rows(L, f, i, width, box, &cap, &y) - 1;
			continue;
		}
		indent = b->indent < width * 0.5 ? b->indent : width * 0.5;
		pad = b->kind == CF_BLOCK_CODE ? code_pad(f) : 0;
		avail = width - indent - 2 * pad;
		if (b->kind == CF_BLOCK_RULE)
			memset(&tmp, 0, sizeof(tmp));
		else
			cf_break_runs(L, b->runs, b->nruns, f->size, avail,
			    b->kind == CF_BLOCK_CODE, &tmp);
		if (tmp.nlines == 0 && (b->kind != CF_BLOCK_PARA ||
		    b->marker != NULL)) {
			memset(&empty, 0, sizeof(empty));
			empty.h = f->size * (b->kind == CF_BLOCK_RULE ? 0.9 :
			    LEADING);
			empty.size = f->size;
			tmp.lines = &empty;
			tmp.nlines = 1;
		}
		if (tmp.nlines == 0)
			continue;
		if (box->nlines > 0)
			y += b->space_before;
		for (j = 0; j < tmp.nlines; j++) {
			tmp.lines[j].y = y;
			tmp.lines[j].x = indent + pad;
			tmp.lines[j].width = avail;
			tmp.lines[j].colour = f->colour;
			tmp.lines[j].quote = b->quote;
			tmp.lines[j].code = b->kind == CF_BLOCK_CODE;
			tmp.lines[j].rule = b->kind == CF_BLOCK_RULE;
			tmp.lines[j].marker = j == 0 ? b->marker : NULL;
			y += tmp.lines[j].h;
			push_line(L, box, &cap, &tmp.lines[j]);
		}
	}
	box->height = y;
}

void
cf_flow_extent(struct cf_layout *L, const struct cf_flow *f, double *minw,
    double *maxw)
{
	const struct cf_block	*b;
	size_t			 i, c;
	double			 mn, mx, bmin, bmax, extra;

	*minw = *maxw = 0;
	for (i = 0; i < f->nblocks; i++) {
		b = &f->blocks[i];
		extra = b->indent + (b->kind == CF_BLOCK_CODE ?
		    2 * code_pad(f) : 0);
		if (b->kind == CF_BLOCK_ROW) {
			/* A row is as wide as its cells and the gaps. */
			bmin = bmax = f->size * ROW_GAP * (double)(b->ncols - 1);
			for (c = 0; c < b->ncols; c++) {
				runs_extent(L, b->runs + b->cells[c],
				    b->cells[c + 1] - b->cells[c], f->size, &mn,
				    &mx);
				bmin += mn;
				bmax += mx;
			}
		} else
			runs_extent(L, b->runs, b->nruns, f->size, &bmin,
			    &bmax);
		if (bmin + extra > *minw)
			*minw = bmin + extra;
		if (bmax + extra > *maxw)
			*maxw = bmax + extra;
	}
}

/* ------------------------------------------------------------------ */
/* Drawing                                                             */

/*
 * After libharu's first error the document is lost (it refuses every
 * further call, some by crashing on the NULL pages it hands back), so
 * layout goes on measuring but stops drawing; the error is reported once.
 */
static bool
live(const struct cf_layout *L)
{
	return L->err == HPDF_OK && L->page != NULL;
}

/* A string literal into b, its length known when compiled. */
#define PUT_LIT(b, lit)	cf_buf_put((b), (lit), sizeof(lit) - 1)

#define NUM_MAX		16	/* "-32767.99999 " */

static void	 ink(HPDF_Page, struct cf_buf *);
static char	*num_at(char *, double);
static void	 put_num(struct cf_buf *, double);
static void	 put_rgb(struct cf_buf *, unsigned, const char *);

/*
 * A rule: the operators libharu would write, written directly (ink()).
 * Rules are most of what a table draws, mostly in one colour and width,
 * so those are set only when they change on the page: nothing else sets
 * them (text and fills set the fill colour; what libharu draws itself,
 * a logo or a QR code, is between q and Q).
 */
static void
line(struct cf_layout *L, double x0, double y0, double x1, double y1,
    double w, enum cf_colour c)
{
	struct cf_buf	*b = &L->ink;
	unsigned	 rgb = L->style->colour[c];
	bool		 fresh = L->stroke_page != L->page;
	char		 s[4 * NUM_MAX + 6], *p;

	if (fresh || L->stroke_rgb != rgb)
		put_rgb(b, rgb, "RG\n");
	if (fresh || L->stroke_w != w) {
		put_num(b, w);
		PUT_LIT(b, "w\n");
	}
	L->stroke_page = L->page;
	L->stroke_rgb = rgb;
	L->stroke_w = w;
	p = num_at(num_at(s, x0), y0);
	memcpy(p, "m\n", 2);
	p = num_at(num_at(p + 2, x1), y1);
	memcpy(p, "l\nS\n", 4);
	cf_buf_put(b, s, (size_t)(p + 4 - s));
	ink(L->page, b);
}

static void
hline(struct cf_layout *L, double x0, double x1, double y, double w,
    enum cf_colour c)
{
	line(L, x0, y, x1, y, w, c);
}

static void
vline(struct cf_layout *L, double x, double y0, double y1)
{
	if (!live(L))
		return;
	line(L, x, y0, x, y1, 0.35, CF_COLOUR_RULE);
}

static void
fill_rect(struct cf_layout *L, double x, double y, double w, double h,
    enum cf_colour c)
{
	struct cf_buf	*b = &L->ink;

	if (!live(L))
		return;
	put_rgb(b, L->style->colour[c], "rg\n");
	put_num(b, x);
	put_num(b, y);
	put_num(b, w);
	put_num(b, h);
	PUT_LIT(b, "re\nf\n");
	ink(L->page, b);
}

static double
baseline(const struct cf_layout *L, const struct cf_line *ln, double top)
{
	double	 half = (ln->h - (L->ascent + L->descent) * ln->size) / 2;

	return top - half - L->ascent * ln->size;
}

static void
draw_decorations(struct cf_layout *L, const struct cf_line *ln, double x,
    double top)
{
	double	 qstep = ln->size * 1.1;
	size_t	 i;
	int	 q;

	if (ln->code)
		fill_rect(L, x + ln->x - ln->size * 0.4, top - ln->h,
		    ln->width + ln->size * 0.8, ln->h, CF_COLOUR_BAND);
	if (ln->rule)
		hline(L, x + ln->x, x + ln->x + ln->width, top - ln->h / 2,
		    0.5, CF_COLOUR_RULE);
	for (q = 0; q < ln->quote && q < MAX_INDENT_DEPTH; q++)
		fill_rect(L, x + q * qstep + 0.5, top - ln->h, 1.5, ln->h,
		    CF_COLOUR_RULE);
	for (i = 0; i < ln->nfrags; i++)
		if (ln->frags[i].strike && ln->frags[i].w > 0)
			hline(L, x + ln->x + ln->frags[i].x, x + ln->x +
			    ln->frags[i].x + ln->frags[i].w, baseline(L, ln,
			    top) + ln->size * 0.3, ln->size * 0.06,
			    ln->colour);
}

/*
 * Text is not drawn as it is placed but recorded, and drawn once the
 * faces are subset (embed_faces): only then is each face's subset known.
 */
struct cf_textop {
	size_t		 page;
	size_t		 face;
	double		 size;
	unsigned	 rgb;
	double		 x, y;		/* baseline origin */
	double		 cos, sin;	/* baseline direction */
	double		 alpha;		/* fill opacity */
	const char	*text;
	size_t		 len;		/* of text, in bytes */
};

static void
mark_used(struct cf_face_slot *f, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned		 cp;
	size_t			 k;

	if (f->used == NULL)
		f->used = cf_xcalloc(0x10000 / 32, sizeof(*f->used));
	f->any = true;
	for (; len > 0 && (k = utf8_next(p, len, &cp)) > 0; p += k,
	    len -= k)
		if (cp <= 0xffff)
			f->used[cp / 32] |= 1u << (cp % 32);
}

static void
text_op(struct cf_layout *L, const struct cf_textop *proto, size_t face,
    double x, double y, const char *s, size_t len)
{
	struct cf_textop	*op;

	if (len == 0)
		return;
	if (L->nops == L->capops) {
		L->capops = L->capops ? L->capops * 2 : 256;
		L->ops = cf_xrealloc(L->ops, L->capops * sizeof(*L->ops));
	}
	op = &L->ops[L->nops++];
	*op = *proto;
	op->face = face;
	op->x = x;
	op->y = y;
	op->text = cf_arena_strndup(&L->arena, s, len);
	op->len = len;
	mark_used(&L->faces[face], s, len);
}

/*
 * Clean text from (x, y) along the direction of proto, one piece per
 * stretch that one face draws (a fallback's characters are its own).
 */
static void
put_text(struct cf_layout *L, const struct cf_textop *proto,
    enum cf_font_style font, double x, double y, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k, face, cur = SIZE_MAX;
	size_t			 from = 0, off = 0;
	double			 at = 0, segx = 0;
	unsigned		 cp;

	if (!live(L))
		return;
	for (; off < n && (k = utf8_next(p + off, n - off, &cp)) > 0;
	    off += k) {
		face = face_of(L, font, cp);
		if (face != cur && off > from) {
			text_op(L, proto, cur, x + proto->cos * segx,
			    y + proto->sin * segx, s + from, off - from);
			from = off;
			segx = at;
		}
		cur = face;
		at += char_width(L, font, cp, proto->size);
	}
	if (off > from)
		text_op(L, proto, cur, x + proto->cos * segx,
		    y + proto->sin * segx, s + from, off - from);
}

static void
upright(struct cf_layout *L, struct cf_textop *op, double size,
    unsigned rgb)
{
	memset(op, 0, sizeof(*op));
	op->page = L->pageno;
	op->size = size;
	op->rgb = rgb;
	op->cos = 1;
	op->alpha = 1;
}

static void
draw_text(struct cf_layout *L, const struct cf_line *ln, double x, double top)
{
	const struct cf_frag	*fr;
	struct cf_textop	 op;
	double			 base = baseline(L, ln, top), mx;
	size_t			 i;

	if (ln->marker != NULL) {
		upright(L, &op, ln->size, L->style->colour[ln->colour]);
		mx = x + ln->x - ln->size * 0.45 -
		    text_width(L, CF_FONT_REGULAR, ln->marker, ln->size);
		put_text(L, &op, CF_FONT_REGULAR, mx, base, ln->marker);
	}
	for (i = 0; i < ln->nfrags; i++) {
		fr = &ln->frags[i];
		upright(L, &op, ln->size, L->style->colour[fr->link != NULL ?
		    CF_COLOUR_LINK : ln->colour]);
		put_text(L, &op, fr->font, x + ln->x + fr->x, base, fr->text);
	}
}

/*
 * One action per link target, shared by the annotations of its
 * fragments: a long address broken over many lines is written once.
 */
static HPDF_Dict
link_action(struct cf_layout *L, const char *uri)
{
	HPDF_Dict	 a;

	if (L->last_link == uri)
		return L->last_action;
	if ((a = HPDF_Dict_New(L->pdf->mmgr)) == NULL ||
	    HPDF_Xref_Add(L->pdf->xref, a) != HPDF_OK)
		return NULL;
	HPDF_Dict_AddName(a, "Type", "Action");
	HPDF_Dict_AddName(a, "S", "URI");
	HPDF_Dict_Add(a, "URI", HPDF_String_New(L->pdf->mmgr, uri, NULL));
	L->last_link = uri;
	L->last_action = a;
	return a;
}

static void
draw_links(struct cf_layout *L, const struct cf_line *ln, double x,
    double top)
{
	const struct cf_frag	*fr;
	HPDF_Annotation		 a;
	HPDF_Dict		 act;
	HPDF_Rect		 rc;
	double			 base = baseline(L, ln, top);
	size_t			 i;

	for (i = 0; i < ln->nfrags; i++) {
		fr = &ln->frags[i];
		if (fr->link == NULL || fr->w <= 0)
			continue;
		rc.left = (HPDF_REAL)(x + ln->x + fr->x);
		rc.right = (HPDF_REAL)(x + ln->x + fr->x + fr->w);
		rc.bottom = (HPDF_REAL)(base - L->descent * ln->size);
		rc.top = (HPDF_REAL)(base + L->ascent * ln->size);
		act = link_action(L, fr->link);
		/* libharu makes its own action; it is replaced at once. */
		a = HPDF_Page_CreateURILinkAnnot(L->page, rc, "#");
		if (a != NULL && act != NULL) {
			HPDF_Dict_Add(a, "A", act);
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		}
	}
}

/* How far a right-aligned line moves right. */
static double
align_shift(const struct cf_line *ln, bool right)
{
	const struct cf_frag	*last;

	if (!right || ln->nfrags == 0)
		return 0;
	last = &ln->frags[ln->nfrags - 1];
	return ln->width - (last->x + last->w);
}

/* Draws lines [from, to) of a box with the first one's top at `top`. */
static void
draw_lines(struct cf_layout *L, const struct cf_box *box, size_t from,
    size_t to, double x, double top, bool right)
{
	const struct cf_line	*ln;
	double			 base;
	size_t			 i;

	if (from >= to || !live(L))
		return;
	base = box->lines[from].y;
	for (i = from; i < to; i++)
		draw_decorations(L, &box->lines[i], x,
		    top - (box->lines[i].y - base));
	for (i = from; i < to; i++) {
		ln = &box->lines[i];
		draw_text(L, ln, x + align_shift(ln, right),
		    top - (ln->y - base));
	}
	for (i = from; i < to; i++) {
		ln = &box->lines[i];
		draw_links(L, ln, x + align_shift(ln, right),
		    top - (ln->y - base));
	}
}

/* Height of lines [from, to). */
static double
span(const struct cf_box *box, size_t from, size_t to)
{
	if (from >= to)
		return 0;
	return box->lines[to - 1].y + box->lines[to - 1].h -
	    box->lines[from].y;
}

/* How many lines from `from` fit in h pt. */
static size_t
fit(const struct cf_box *box, size_t from, double h)
{
	size_t	 to = from;

	while (to < box->nlines && span(box, from, to + 1) <= h + EPS)
		to++;
	return to;
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

void
cf_layout_new_page(struct cf_layout *L)
{
	if (L->npages == L->cappages) {
		L->cappages = L->cappages ? L->cappages * 2 : 16;
		L->pages = cf_xrealloc(L->pages,
		    L->cappages * sizeof(*L->pages));
	}
	L->y = L->top;
	if (L->err != HPDF_OK)
		return;
	if ((L->page = HPDF_AddPage(L->pdf)) == NULL) {
		if (L->err == HPDF_OK)
			on_hpdf_error(HPDF_FAILD_TO_ALLOC_MEM, 0, L);
		return;
	}
	L->pageno = L->npages;
	L->pages[L->npages++] = L->page;
	HPDF_Page_SetWidth(L->page, (HPDF_REAL)L->style->page_w);
	HPDF_Page_SetHeight(L->page, (HPDF_REAL)L->style->page_h);
}

static bool
at_top(const struct cf_layout *L)
{
	return L->page != NULL && L->y >= L->top - EPS;
}

void
cf_layout_need(struct cf_layout *L, double h)
{
	if (L->page == NULL || (L->y - L->bottom < h - EPS && !at_top(L)))
		cf_layout_new_page(L);
}

void
cf_layout_space(struct cf_layout *L, double pt)
{
	if (L->npending > 0) {	/* goes after the heading */
		L->pending[L->npending - 1].gap += pt;
		return;
	}
	if (L->page == NULL || at_top(L))
		return;
	if (L->y - pt < L->bottom)
		cf_layout_new_page(L);
	else
		L->y -= pt;
}

static void
place_box(struct cf_layout *L, const struct cf_box *box, double x)
{
	size_t	 i = 0, j;

	flush_heading(L, span(box, 0, fit(box, 0, box->nlines > 0 ?
	    box->lines[0].h * 2.5 : 0)));
	while (i < box->nlines) {
		cf_layout_need(L, box->lines[i].h);
		if ((j = fit(box, i, L->y - L->bottom)) == i)
			j = i + 1;	/* a line taller than a page */
		draw_lines(L, box, i, j, x, L->y, false);
		L->y -= span(box, i, j);
		if ((i = j) < box->nlines)
			cf_layout_new_page(L);
	}
}

void
cf_layout_flow(struct cf_layout *L, const struct cf_flow *f)
{
	struct cf_box	 box;

	cf_flow_layout(L, f, L->right - L->left, &box);
	place_box(L, &box, L->left);
}

void
cf_layout_place(struct cf_layout *L, const struct cf_flow *f, double space)
{
	cf_layout_space(L, space);
	cf_layout_flow(L, f);
}

void
cf_layout_para(struct cf_layout *L, double size, enum cf_colour c,
    enum cf_font_style font, const char *text, const struct cf_src *src,
    double space)
{
	struct cf_flow	*f = cf_flow_new(L, size, c);

	cf_flow_text(L, f, font, text, NULL, src);
	cf_layout_place(L, f, space);
}

void
cf_layout_rule(struct cf_layout *L, enum cf_colour c, double width)
{
	flush_heading(L, 2);
	cf_layout_need(L, 2);
	hline(L, L->left, L->right, L->y - width / 2, width, c);
	L->y -= width;
}

/*
 * A heading waits until what follows it is placed, so the two go to a
 * new page together rather than leave the heading alone at a page foot;
 * headings in a row (a part, then its first section) wait together.
 */
void
cf_layout_heading(struct cf_layout *L, int level, const char *text,
    const struct cf_src *src)
{
	struct cf_pending	*h;
	struct cf_flow		*f;

	if (L->npending == CF_MAX_PENDING)
		flush_heading(L, 0);
	h = &L->pending[L->npending++];
	f = cf_flow_new(L, level <= 1 ? 13.5 : 10.5, CF_COLOUR_HEADING);
	cf_flow_text(L, f, CF_FONT_BOLD, text, NULL, src);
	cf_flow_layout(L, f, L->right - L->left, &h->box);
	h->level = level;
	h->gap = 0;
	h->title = f->nblocks > 0 && f->blocks[0].nruns > 0 ?
	    f->blocks[0].runs[0].text : NULL;
}

void
cf_layout_bookmark(struct cf_layout *L, const char *title)
{
	cf_layout_bookmark_at(L, 0, title);
}

/*
 * Text for the outline and the document information as libharu's UTF-8
 * encoder writes it, <FEFF...> in UTF-16BE, without the encoder: setting
 * one up clears some 260 KB of tables in every document.  The text is
 * clean(), so every character is in the BMP, one UTF-16 unit.
 */
static HPDF_Binary
utf16_text(struct cf_layout *L, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k;
	unsigned char		*b = cf_arena_alloc_raw(&L->arena, 2 * n + 2);
	unsigned char		*o = b;
	unsigned		 cp;

	*o++ = 0xfe;
	*o++ = 0xff;
	for (; n > 0 && (k = utf8_next(p, n, &cp)) > 0; p += k, n -= k) {
		*o++ = (unsigned char)(cp >> 8);
		*o++ = (unsigned char)cp;
	}
	return HPDF_Binary_New(L->pdf->mmgr, b, (HPDF_UINT)(o - b));
}

static HPDF_Outline
outline(struct cf_layout *L, HPDF_Outline parent, const char *title)
{
	const char	*s = cf_layout_plain(L, title);
	HPDF_Outline	 o = HPDF_CreateOutline(L->pdf, parent, s, NULL);

	if (o != NULL)
		HPDF_Dict_Add(o, "Title", utf16_text(L, s));
	return o;
}

void
cf_layout_bookmark_at(struct cf_layout *L, unsigned depth, const char *title)
{
	HPDF_Outline		 o, parent = NULL;
	HPDF_Destination	 d;
	unsigned		 i;

	if (!live(L) || title == NULL)
		return;
	if (depth >= CF_OUTLINE_DEPTH)
		depth = CF_OUTLINE_DEPTH - 1;
	/* Under the nearest shallower bookmark there is. */
	for (i = depth; i > 0 && parent == NULL; i--)
		parent = L->outline[i - 1];
	o = outline(L, parent, title);
	L->outline[depth] = o;
	for (i = depth + 1; i < CF_OUTLINE_DEPTH; i++)
		L->outline[i] = NULL;
	d = HPDF_Page_CreateDestination(L->page);
	if (o != NULL && d != NULL) {
		/* libharu refuses XYZ's "keep zoom"; fit the width. */
		HPDF_Destination_SetFitH(d, (HPDF_REAL)L->y);
		HPDF_Outline_SetDestination(o, d);
	}
}

static double
space_above(int level)
{
	return level <= 1 ? 16 : 10;
}

/* Height of waiting headings [from, n) with their gaps. */
static double
pending_height(const struct cf_pending *h, size_t from, size_t n)
{
	double	 sum = 0;
	size_t	 i;

	for (i = from; i < n; i++)
		sum += (i > from ? space_above(h[i].level) : 0) +
		    h[i].box.height + 9 + h[i].gap;
	return sum;
}

static void
toc_entry(struct cf_layout *L, const char *title)
{
	struct cf_toc_entry	*e;
	size_t			 n;

	if (!L->toc || title == NULL || !live(L))
		return;
	if (L->nentries == L->capentries) {
		L->capentries = L->capentries ? L->capentries * 2 : 32;
		L->entries = cf_xrealloc(L->entries,
		    L->capentries * sizeof(*L->entries));
	}
	e = &L->entries[L->nentries++];
	e->title = clean(L, CF_FONT_REGULAR, title, strlen(title), NULL, &n);
	e->page = L->pageno;
	e->y = L->y;
}

/* Draws the waiting headings where `after` pt of what follows fit too. */
static void
flush_heading(struct cf_layout *L, double after)
{
	struct cf_pending	 h[CF_MAX_PENDING];
	size_t			 n = L->npending, i;

	if (n == 0)
		return;
	memcpy(h, L->pending, n * sizeof(*h));
	L->npending = 0;
	for (i = 0; i < n; i++) {
		cf_layout_space(L, space_above(h[i].level));
		cf_layout_need(L, pending_height(h, i, n) + after);
		if (h[i].level <= 1) {
			cf_layout_bookmark(L, h[i].title);
			toc_entry(L, h[i].title);
		}
		place_box(L, &h[i].box, L->left);
		if (h[i].level <= 1) {
			L->y -= 3;
			hline(L, L->left, L->right, L->y, 0.6,
			    CF_COLOUR_RULE);
		}
		L->y -= 6;
		cf_layout_space(L, h[i].gap);
	}
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

struct cf_table *
cf_table_new(struct cf_layout *L, size_t ncols, const struct cf_table_col *cols,
    double size, bool header)
{
	struct cf_table	*t = cf_arena_alloc(&L->arena, sizeof(*t));
	size_t		 i;

	t->ncols = ncols;
	t->cols = cf_arena_alloc(&L->arena, ncols * sizeof(*t->cols));
	for (i = 0; i < ncols; i++) {
		t->cols[i] = cols[i];
		t->cols[i].title = cf_arena_strdup(&L->arena, cols[i].title);
	}
	t->size = size;
	t->header = header;
	return t;
}

struct cf_table *
cf_table_facts(struct cf_layout *L, size_t ncols, double size)
{
	static const struct cf_table_col cols[] = {
		{ .title = "" }, { .title = "", .grow = true },
		{ .title = "" }, { .title = "", .grow = true }
	};

	return cf_table_new(L, ncols, cols, size, false);
}

struct cf_flow *
cf_table_key(struct cf_layout *L, struct cf_table *t, size_t row, size_t col,
    const char *key)
{
	struct cf_flow	*k = cf_table_cell(t, row, col);

	k->colour = CF_COLOUR_MUTED;
	cf_flow_text(L, k, CF_FONT_BOLD, key, NULL, NULL);
	return cf_table_cell(t, row, col + 1);
}

size_t
cf_table_row(struct cf_layout *L, struct cf_table *t)
{
	size_t	 i;

	t->cells = grow(&L->arena, t->cells, t->nrows, &t->caprows,
	    t->ncols * sizeof(*t->cells));
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] =
		    cf_flow_new(L, t->size, CF_COLOUR_TEXT);
	return t->nrows++;
}

struct cf_flow *
cf_table_cell(const struct cf_table *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

void
cf_table_mark(struct cf_layout *L, struct cf_table *t, size_t row,
    unsigned depth, const char *title)
{
	t->marks = grow(&L->arena, t->marks, t->nmarks, &t->capmarks,
	    sizeof(*t->marks));
	t->marks[t->nmarks++] = (struct cf_table_mark){ row, depth, title };
}

/* The bookmarks of row r, placed where it is about to be drawn. */
static void
mark_row(struct cf_layout *L, const struct cf_table *t, size_t r,
    size_t *next)
{
	for (; *next < t->nmarks && t->marks[*next].row <= r; (*next)++)
		if (t->marks[*next].row == r)
			cf_layout_bookmark_at(L, t->marks[*next].depth,
			    t->marks[*next].title);
}

static double
cell_padx(const struct cf_table *t)
{
	return t->size * 0.4;
}

static double
cell_pady(const struct cf_table *t)
{
	return t->size * 0.45;
}

static struct cf_flow *
header_cell(struct cf_layout *L, const struct cf_table *t, size_t c)
{
	struct cf_flow	*f = cf_flow_new(L, t->size, CF_COLOUR_HEADING);

	cf_flow_text(L, f, CF_FONT_BOLD, t->cols[c].title, NULL,
	    t->cols[c].src);
	return f;
}

static bool
any_grow(const struct cf_table *t)
{
	size_t	 c;

	for (c = 0; c < t->ncols; c++)
		if (t->cols[c].grow)
			return true;
	return false;
}

static bool
grows(const struct cf_table *t, size_t c, bool some)
{
	return !some || t->cols[c].grow;
}

/* Per column: the longest word (header included) and natural width. */
static void
col_extent(struct cf_layout *L, const struct cf_table *t, size_t c,
    double *cmin, double *cmax)
{
	double	 total = L->right - L->left, pad = 2 * cell_padx(t);
	double	 mn, mx, hmin = 0;
	size_t	 r;

	*cmin = *cmax = 0;
	if (t->header) {
		/* A short title stays on one line if there is room. */
		cf_flow_extent(L, header_cell(L, t, c), &hmin, &mx);
		*cmax = mx < total / 6 ? mx : hmin;
	}
	for (r = 0; r < t->nrows; r++) {
		cf_flow_extent(L, cf_table_cell(t, r, c), &mn, &mx);
		*cmin = mn > *cmin ? mn : *cmin;
		*cmax = mx > *cmax ? mx : *cmax;
	}
	if (*cmin > total / 5)	/* URLs and long ids break instead */
		*cmin = total / 5;
	*cmin = *cmin > hmin ? *cmin : hmin;
	*cmin = (*cmin > t->cols[c].min ? *cmin : t->cols[c].min) + pad;
	*cmax += pad;
	if (*cmax < *cmin)
		*cmax = *cmin;
}

static bool
shared(const struct cf_table *t)
{
	size_t	 c;

	for (c = 0; c < t->ncols; c++)
		if (t->cols[c].grow && t->cols[c].share > 0)
			return true;
	return false;
}

/*
 * The growing columns' room by their shares; a column whose share is
 * narrower than its longest word keeps the word, the others share what
 * is left.  Each round fixes at least one column, so this ends.
 */
static void
share_rest(const struct cf_table *t, const double *mn, double rest,
    double *w)
{
	bool	*fixed = cf_xcalloc(t->ncols, sizeof(*fixed));
	double	 sum, left;
	size_t	 c, round;
	bool	 again = true;

	for (round = 0; again && round <= t->ncols; round++) {
		again = false;
		sum = 0;
		left = rest;
		for (c = 0; c < t->ncols; c++)
			if (t->cols[c].grow && fixed[c])
				left -= mn[c];
			else if (t->cols[c].grow)
				sum += t->cols[c].share > 0 ? t->cols[c].share :
				    0.1;
		for (c = 0; c < t->ncols; c++) {
			if (!t->cols[c].grow)
				continue;
			if (fixed[c]) {
				w[c] = mn[c];
				continue;
			}
			w[c] = sum > 0 ? left * (t->cols[c].share > 0 ?
			    t->cols[c].share : 0.1) / sum : mn[c];
			if (w[c] < mn[c] - EPS) {
				fixed[c] = true;
				again = true;
			}
		}
	}
	free(fixed);
}

/*
 * Column widths: the narrow columns (ids, classes, codes) get what their
 * content needs, the growing ones (requirement text) share the rest in
 * proportion to how much more they would like.  When that leaves the
 * growing columns less than about half the table, the narrow ones give
 * way down to their longest word.
 */
void
cf_table_widths(struct cf_layout *L, const struct cf_table *t, double *w)
{
	double	 total = L->right - L->left, *mn, *mx;
	double	 fixed = 0, slack = 0, gmin = 0, gmax = 0, gspread = 0;
	double	 rest, want, take, summin = 0;
	size_t	 c;
	bool	 some = any_grow(t);

	mn = cf_xcalloc(t->ncols, sizeof(*mn));
	mx = cf_xcalloc(t->ncols, sizeof(*mx));
	for (c = 0; c < t->ncols; c++) {
		col_extent(L, t, c, &mn[c], &mx[c]);
		summin += mn[c];
		if (grows(t, c, some)) {
			gmin += mn[c];
			gmax += mx[c];
			gspread += mx[c] - mn[c];
		} else {
			fixed += mx[c];
			slack += mx[c] - mn[c];
			w[c] = mx[c];
		}
	}
	want = gmax < total * 0.5 ? gmax : total * 0.5;
	want = want > gmin ? want : gmin;
	if (some && total - fixed < want && slack > 0) {
		take = want - (total - fixed);
		take = take < slack ? take : slack;
		for (c = 0; c < t->ncols; c++)
			if (!grows(t, c, some)) {
				w[c] -= take * (mx[c] - mn[c]) / slack;
				fixed -= take * (mx[c] - mn[c]) / slack;
			}
	}
	rest = total - fixed;
	if (rest < gmin)	/* not even the longest words fit */
		for (c = 0; c < t->ncols; c++)
			w[c] = mn[c] * total / summin;
	else if (some && shared(t))
		share_rest(t, mn, rest, w);
	else
		for (c = 0; c < t->ncols; c++)
			if (grows(t, c, some))
				w[c] = mn[c] + (rest - gmin) * (gspread > 0 ?
				    (mx[c] - mn[c]) / gspread :
				    mx[c] / gmax);
	free(mn);
	free(mx);
}

struct trow {
	struct cf_box	*boxes;
	size_t		*from, *to;
	double		 h;
};

static void
layout_row(struct cf_layout *L, struct cf_table *t, struct cf_flow **cells,
    const double *w, struct trow *row)
{
	size_t	 c;

	row->h = 0;
	for (c = 0; c < t->ncols; c++) {
		cf_flow_layout(L, cells[c], w[c] - 2 * cell_padx(t),
		    &row->boxes[c]);
		if (row->boxes[c].height > row->h)
			row->h = row->boxes[c].height;
		row->from[c] = 0;
		row->to[c] = row->boxes[c].nlines;
	}
	row->h += 2 * cell_pady(t);
}

/* Draws the rows' lines [from, to) per cell, h pt tall, and its rule. */
static void
draw_row(struct cf_layout *L, const struct cf_table *t, const double *w,
    const struct trow *row, double h, bool header)
{
	double	 x = L->left;
	size_t	 c;

	if (header) {
		fill_rect(L, L->left, L->y - h, L->right - L->left, h,
		    CF_COLOUR_BAND);
		hline(L, L->left, L->right, L->y, 0.6, CF_COLOUR_RULE);
	}
	for (c = 0; c < t->ncols; c++) {
		draw_lines(L, &row->boxes[c], row->from[c], row->to[c],
		    x + cell_padx(t), L->y - cell_pady(t), t->cols[c].right);
		x += w[c];
		if (t->grid && c + 1 < t->ncols)
			vline(L, x, L->y, L->y - h);
	}
	L->y -= h;
	hline(L, L->left, L->right, L->y, header ? 0.6 : 0.35,
	    CF_COLOUR_RULE);
}

static void
table_top(struct cf_layout *L, const struct cf_table *t, const double *w,
    const struct trow *hdr)
{
	if (t->header)
		draw_row(L, t, w, hdr, hdr->h, true);
	else
		hline(L, L->left, L->right, L->y, 0.35, CF_COLOUR_RULE);
}

/* A row taller than a page: as many lines of each cell as fit, page after
 * page, the header repeated on each. */
static void
split_row(struct cf_layout *L, const struct cf_table *t, const double *w,
    struct trow *row, const struct trow *hdr)
{
	double	 pady = cell_pady(t), h, sh;
	size_t	 c;
	bool	 done, moved;

	for (c = 0; c < t->ncols; c++)
		row->from[c] = 0;
	for (;;) {
		h = 0;
		done = true;
		moved = false;
		for (c = 0; c < t->ncols; c++) {
			row->to[c] = fit(&row->boxes[c], row->from[c],
			    L->y - L->bottom - 2 * pady);
			moved |= row->to[c] > row->from[c];
		}
		/* Not a line fits even here: one each, or this never ends. */
		for (c = 0; !moved && c < t->ncols; c++)
			if (row->from[c] < row->boxes[c].nlines)
				row->to[c] = row->from[c] + 1;
		for (c = 0; c < t->ncols; c++) {
			sh = span(&row->boxes[c], row->from[c], row->to[c]);
			h = sh > h ? sh : h;
			if (row->to[c] < row->boxes[c].nlines)
				done = false;
		}
		draw_row(L, t, w, row, h + 2 * pady, false);
		if (done)
			return;
		cf_layout_new_page(L);
		table_top(L, t, w, hdr);
		for (c = 0; c < t->ncols; c++)
			row->from[c] = row->to[c];
	}
}

static void
alloc_row(struct cf_layout *L, size_t ncols, struct trow *row)
{
	row->boxes = cf_arena_alloc(&L->arena, ncols * sizeof(*row->boxes));
	row->from = cf_arena_alloc(&L->arena, ncols * sizeof(*row->from));
	row->to = cf_arena_alloc(&L->arena, ncols * sizeof(*row->to));
}

void
cf_layout_table(struct cf_layout *L, struct cf_table *t)
{
	struct cf_flow	**hcells;
	struct trow	 hdr, *rows, *row;
	double		*w, body, total, keep, line = t->size * LEADING;
	size_t		 r, c, mark = 0;

	if (t->nrows == 0)
		return;
	w = cf_arena_alloc(&L->arena, t->ncols * sizeof(*w));
	cf_table_widths(L, t, w);
	alloc_row(L, t->ncols, &hdr);
	hdr.h = 0;
	if (t->header) {
		hcells = cf_arena_alloc(&L->arena, t->ncols * sizeof(*hcells));
		for (c = 0; c < t->ncols; c++)
			hcells[c] = header_cell(L, t, c);
		layout_row(L, t, hcells, w, &hdr);
	}
	rows = cf_arena_alloc(&L->arena, t->nrows * sizeof(*rows));
	total = hdr.h;
	for (r = 0; r < t->nrows; r++) {
		alloc_row(L, t->ncols, &rows[r]);
		layout_row(L, t, &t->cells[r * t->ncols], w, &rows[r]);
		total += rows[r].h;
	}
	body = L->top - L->bottom - hdr.h;
	/* A short table stays whole; a long one starts with a full row. */
	if (total <= (L->top - L->bottom) / 3)
		keep = total;
	else
		keep = hdr.h + (rows[0].h < body / 3 ? rows[0].h :
		    3 * line + 2 * cell_pady(t));
	flush_heading(L, keep);
	cf_layout_need(L, keep);
	for (c = 0; c < t->ncols; c++)
		if (t->cols[c].bookmark)
			cf_layout_bookmark(L, t->cols[c].title);
	table_top(L, t, w, &hdr);
	for (r = 0; r < t->nrows; r++) {
		row = &rows[r];
		if (row->h <= L->y - L->bottom + EPS) {
			mark_row(L, t, r, &mark);
			draw_row(L, t, w, row, row->h, false);
			continue;
		}
		/*
		 * A tall row that does not fit starts here if a few lines
		 * do, rather than leave a quarter page blank; a short one
		 * moves whole to the next page.
		 */
		if (row->h <= body + EPS && (row->h < body / 4 ||
		    L->y - L->bottom < 4 * line + 2 * cell_pady(t))) {
			cf_layout_new_page(L);
			table_top(L, t, w, &hdr);
			mark_row(L, t, r, &mark);
			draw_row(L, t, w, row, row->h, false);
			continue;
		}
		if (L->y - L->bottom < 3 * line + 2 * cell_pady(t)) {
			cf_layout_new_page(L);
			table_top(L, t, w, &hdr);
		}
		mark_row(L, t, r, &mark);
		split_row(L, t, w, row, &hdr);
	}
}

/* ------------------------------------------------------------------ */
/* Furniture and output                                                */

/* Text cut to fit `width`, with an ellipsis when cut. */
static const char *
fit_text(struct cf_layout *L, const char *s, double size, double width)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), k, used = 0;
	unsigned		 cp;
	double			 w = 0, ell;
	char			*out;

	if (text_width(L, CF_FONT_REGULAR, s, size) <= width)
		return s;
	ell = char_width(L, CF_FONT_REGULAR, 0x2026, size);
	while (used < n && (k = utf8_next(p + used, n - used, &cp)) > 0) {
		w += char_width(L, CF_FONT_REGULAR, cp, size);
		if (w + ell > width)
			break;
		used += k;
	}
	out = cf_arena_alloc(&L->arena, used + 4);
	memcpy(out, s, used);
	memcpy(out + used, "\xe2\x80\xa6", 4);
	return out;
}

void
cf_layout_furniture(struct cf_layout *L, const char *header,
    const char *footer, const struct cf_src *src)
{
	size_t	 n;

	L->header = clean(L, CF_FONT_REGULAR, header, strlen(header), src, &n);
	L->footer = clean(L, CF_FONT_REGULAR, footer, strlen(footer), src, &n);
}

static void
draw_furniture(struct cf_layout *L, size_t i)
{
	const double	 size = 7.5;
	struct cf_textop op;
	char		 page[24], pages[24];
	const char	*params[] = { "page", page, "pages", pages, NULL };
	const char	*num;
	double		 y, numw;

	L->page = L->pages[i];
	L->pageno = i;
	if (!live(L))
		return;
	snprintf(page, sizeof(page), "%zu", i + 1);
	snprintf(pages, sizeof(pages), "%zu", L->npages);
	num = cf_layout_plain(L, cf_msgf(&L->arena, L->locale, "page_of",
	    (long)L->npages, params));
	numw = text_width(L, CF_FONT_REGULAR, num, size);
	y = L->bottom * 0.55;
	hline(L, L->left, L->right, y + size * 1.4, 0.35, CF_COLOUR_RULE);
	upright(L, &op, size, L->style->colour[CF_COLOUR_MUTED]);
	if (L->footer != NULL)
		put_text(L, &op, CF_FONT_REGULAR, L->left, y, fit_text(L,
		    L->footer, size, L->right - L->left - numw - 20));
	put_text(L, &op, CF_FONT_REGULAR, L->right - numw, y, num);
	if (i > 0 && L->header != NULL) {
		put_text(L, &op, CF_FONT_REGULAR, L->left, L->top +
		    (L->style->margin_top - size) * 0.45, fit_text(L,
		    L->header, size, L->right - L->left));
		hline(L, L->left, L->right, L->top + (L->style->margin_top -
		    size) * 0.45 - size * 0.6, 0.35, CF_COLOUR_RULE);
	}
}

void
cf_layout_toc(struct cf_layout *L, const char *title)
{
	flush_heading(L, 0);
	if (!live(L))
		return;
	L->toc = true;
	L->toc_at = L->npages;
	L->toc_title = clean(L, CF_FONT_BOLD, title, strlen(title), NULL,
	    &(size_t){ 0 });
	/* Made now, so it comes before the entries in the outline. */
	L->toc_outline = outline(L, NULL, title);
	L->outline[0] = NULL;
}

#define TOC_SIZE	10	/* pt, an entry's text */
#define TOC_TITLE	13.5	/* pt, as a heading of level 1 */

static size_t
toc_per_page(const struct cf_layout *L)
{
	double	 room = L->top - L->bottom - TOC_TITLE * LEADING - 12;
	size_t	 n = (size_t)(room / (TOC_SIZE * LEADING * 1.25));

	return n > 0 ? n : 1;
}

/* Makes room for k pages at toc_at: what was placed there moves down. */
static void
toc_insert(struct cf_layout *L, size_t k)
{
	HPDF_Page	 pg, before;
	size_t		 i;

	while (L->npages + k > L->cappages) {
		L->cappages = L->cappages ? L->cappages * 2 : 16;
		L->pages = cf_xrealloc(L->pages,
		    L->cappages * sizeof(*L->pages));
	}
	memmove(L->pages + L->toc_at + k, L->pages + L->toc_at,
	    (L->npages - L->toc_at) * sizeof(*L->pages));
	before = L->toc_at + k < L->npages + k ? L->pages[L->toc_at + k] :
	    NULL;
	for (i = 0; i < k; i++) {
		pg = before != NULL ? HPDF_InsertPage(L->pdf, before) :
		    HPDF_AddPage(L->pdf);
		if (pg == NULL) {
			if (L->err == HPDF_OK)
				on_hpdf_error(HPDF_FAILD_TO_ALLOC_MEM, 0, L);
			return;
		}
		HPDF_Page_SetWidth(pg, (HPDF_REAL)L->style->page_w);
		HPDF_Page_SetHeight(pg, (HPDF_REAL)L->style->page_h);
		L->pages[L->toc_at + i] = pg;
	}
	L->npages += k;
	for (i = 0; i < L->nops; i++)
		if (L->ops[i].page >= L->toc_at)
			L->ops[i].page += k;
	for (i = 0; i < L->nentries; i++)
		if (L->entries[i].page >= L->toc_at)
			L->entries[i].page += k;
}

/* One entry: its title, its page number at the right, a link over both. */
static void
toc_line(struct cf_layout *L, const struct cf_toc_entry *e, double y)
{
	struct cf_textop	 op;
	HPDF_Destination	 d;
	HPDF_Annotation		 a;
	HPDF_Rect		 rc;
	char			 num[24];
	double			 numw;

	snprintf(num, sizeof(num), "%zu", e->page + 1);
	numw = text_width(L, CF_FONT_REGULAR, num, TOC_SIZE);
	upright(L, &op, TOC_SIZE, L->style->colour[CF_COLOUR_TEXT]);
	put_text(L, &op, CF_FONT_REGULAR, L->left, y, fit_text(L, e->title,
	    TOC_SIZE, L->right - L->left - numw - 24));
	put_text(L, &op, CF_FONT_REGULAR, L->right - numw, y, num);
	rc.left = (HPDF_REAL)L->left;
	rc.right = (HPDF_REAL)L->right;
	rc.bottom = (HPDF_REAL)(y - L->descent * TOC_SIZE);
	rc.top = (HPDF_REAL)(y + L->ascent * TOC_SIZE);
	if ((d = HPDF_Page_CreateDestination(L->pages[e->page])) == NULL)
		return;
	HPDF_Destination_SetFitH(d, (HPDF_REAL)e->y);
	if ((a = HPDF_Page_CreateLinkAnnot(L->page, rc, d)) != NULL)
		HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
}

/* The table of contents, now that every entry has its page. */
static void
draw_toc(struct cf_layout *L)
{
	struct cf_textop	 op;
	HPDF_Destination	 d;
	size_t			 per = toc_per_page(L), k, i;
	double			 y = 0;

	if (!L->toc || L->nentries == 0 || !live(L))
		return;
	k = (L->nentries + per - 1) / per;
	toc_insert(L, k);
	for (i = 0; i < L->nentries && live(L); i++) {
		if (i % per == 0) {
			L->pageno = L->toc_at + i / per;
			L->page = L->pages[L->pageno];
			y = L->top - TOC_TITLE;
			if (i == 0) {
				upright(L, &op, TOC_TITLE, L->style->colour[
				    CF_COLOUR_HEADING]);
				put_text(L, &op, CF_FONT_BOLD, L->left, y,
				    L->toc_title);
				d = HPDF_Page_CreateDestination(L->page);
				if (d != NULL && L->toc_outline != NULL) {
					HPDF_Destination_SetFitH(d,
					    (HPDF_REAL)L->top);
					HPDF_Outline_SetDestination(
					    L->toc_outline, d);
				}
			}
			y -= TOC_TITLE * 0.6;
			hline(L, L->left, L->right, y, 0.6, CF_COLOUR_RULE);
			y -= 12 + TOC_SIZE;
		}
		toc_line(L, &L->entries[i], y);
		y -= TOC_SIZE * LEADING * 1.25;
	}
}

void
cf_layout_hline(struct cf_layout *L, double x0, double x1, double y,
    double w, enum cf_colour c)
{
	if (live(L))
		hline(L, x0, x1, y, w, c);
}

void
cf_layout_text_at(struct cf_layout *L, enum cf_font_style font, double size,
    enum cf_colour c, double x, double y, const char *text)
{
	struct cf_textop op;
	size_t		 n;

	upright(L, &op, size, L->style->colour[c]);
	put_text(L, &op, font, x, y, clean(L, font, text, strlen(text), NULL,
	    &n));
}

double
cf_layout_text_width(struct cf_layout *L, enum cf_font_style font,
    double size, const char *text)
{
	size_t	 n;

	return text_width(L, font, clean(L, font, text, strlen(text), NULL,
	    &n), size);
}

void
cf_layout_watermark(struct cf_layout *L, const char *text, unsigned rgb,
    double alpha)
{
	const char	*s = clean(L, CF_FONT_BOLD, text, strlen(text), NULL,
			    &(size_t){ 0 });
	double		 w = L->style->page_w, h = L->style->page_h;
	double		 a = atan2(h, w), tw, size;
	struct cf_textop op;
	size_t		 i;

	tw = text_width(L, CF_FONT_BOLD, s, 1);
	size = tw > 0 ? 0.78 * sqrt(w * w + h * h) / tw : 30;
	for (i = 0; i < L->npages; i++) {
		L->page = L->pages[i];
		upright(L, &op, size, rgb);
		op.page = i;
		op.cos = cos(a);
		op.sin = sin(a);
		op.alpha = alpha;
		put_text(L, &op, CF_FONT_BOLD,
		    w / 2 - op.cos * tw * size / 2 + op.sin * size * 0.35,
		    h / 2 - op.sin * tw * size / 2 - op.cos * size * 0.35, s);
	}
}

/* ------------------------------------------------------------------ */
/* Fonts, subset and embedded                                          */

/*
 * A face is embedded as a Type 0 font of its own making, not libharu's:
 * libharu maps all 65,536 BMP code points of every font it is given (a
 * 128 KB CIDToGIDMap, compressed at save) and draws text through code
 * that costs more than the layout.  Here a face's codes are dense: code
 * k (from 1) is the k-th code point the document draws with it, so the
 * maps are as long as the subset, and the ToUnicode map gives back each
 * code point exactly.
 */

/*
 * Bits set in w.  __builtin_popcount() is a call into libgcc's table
 * code when the build may not assume the POPCNT instruction, and
 * code_of() counts once per character drawn.
 */
static unsigned
bits_set(uint32_t w)
{
	w -= w >> 1 & 0x55555555u;
	w = (w & 0x33333333u) + (w >> 2 & 0x33333333u);
	w = (w + (w >> 4)) & 0x0f0f0f0fu;
	return (w * 0x01010101u) >> 24;
}

/* The code of cp in face f (0 when the document never draws it). */
static unsigned
code_of(const struct cf_face_slot *f, unsigned cp)
{
	uint32_t	 w;

	if (cp > 0xffff)
		return 0;
	w = f->used[cp / 32];
	if (!(w & 1u << (cp % 32)))
		return 0;
	return f->rank[cp / 32] + bits_set(w & ((1u << (cp % 32)) - 1)) + 1;
}

static void
free_font_attr(HPDF_Dict d)
{
	HPDF_FreeMem(d->mmgr, d->attr);
}

/* A stream object holding data, compressed at save (cf_pdf_deflate). */
static HPDF_Dict
stream_of(struct cf_layout *L, const void *data, size_t len)
{
	HPDF_Dict	 d;

	if ((d = HPDF_DictStream_New(L->pdf->mmgr, L->pdf->xref)) == NULL)
		return NULL;
	d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	if (len > 0 && HPDF_Stream_Write(d->stream, (const HPDF_BYTE *)data,
	    (HPDF_UINT)len) != HPDF_OK)
		return NULL;
	return d;
}

/*
 * The ToUnicode map: code k is cps[k - 1], in ranges of consecutive code
 * points (a range never crosses a last byte), at most 100 lines a block.
 */
static HPDF_Dict
to_unicode(struct cf_layout *L, const uint32_t *cps, size_t n)
{
	struct cf_buf	 b, body;
	HPDF_Dict	 d;
	size_t		 i, j, lines = 0;

	cf_buf_init(&b);
	cf_buf_init(&body);
	cf_buf_puts(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && cps[j] == cps[j - 1] + 1 &&
		    (j + 1) % 256 != 0 && cps[j] % 256 != 0; j++)
			continue;
		cf_buf_printf(&body, "<%04zX> <%04zX> <%04X>\n", i + 1, j,
		    (unsigned)cps[i]);
		if (++lines == 100 || j == n) {
			cf_buf_printf(&b, "%zu beginbfrange\n", lines);
			cf_buf_put(&b, body.data, body.len);
			PUT_LIT(&b, "endbfrange\n");
			cf_buf_reset(&body);
			lines = 0;
		}
	}
	cf_buf_puts(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	d = stream_of(L, b.data, b.len);
	cf_buf_free(&b);
	cf_buf_free(&body);
	return d;
}

/* The CIDFontType2 font's descriptor, with the subset as FontFile2. */
static HPDF_Dict
descriptor(struct cf_layout *L, const struct cf_face_info *in,
    const char *name, const struct cf_buf *sub)
{
	HPDF_MMgr	 mm = L->pdf->mmgr;
	HPDF_Dict	 d, file;
	HPDF_Array	 box;
	HPDF_STATUS	 rc = HPDF_OK;
	size_t		 i;

	if ((file = stream_of(L, sub->data, sub->len)) == NULL ||
	    (d = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(L->pdf->xref, d) != HPDF_OK ||
	    (box = HPDF_Array_New(mm)) == NULL)
		return NULL;
	for (i = 0; i < 4; i++)
		rc |= HPDF_Array_AddNumber(box, in->bbox[i]);
	rc |= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)sub->len);
	rc |= HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	rc |= HPDF_Dict_AddName(d, "FontName", name);
	/* nonsymbolic, italic, fixed pitch */
	rc |= HPDF_Dict_AddNumber(d, "Flags", 32 | (in->italic != 0 ? 64 : 0) |
	    (in->fixed ? 1 : 0));
	rc |= HPDF_Dict_Add(d, "FontBBox", box);
	rc |= HPDF_Dict_AddNumber(d, "ItalicAngle", in->italic);
	rc |= HPDF_Dict_AddNumber(d, "Ascent", in->ascent);
	rc |= HPDF_Dict_AddNumber(d, "Descent", in->descent);
	rc |= HPDF_Dict_AddNumber(d, "CapHeight", in->cap_height);
	rc |= HPDF_Dict_AddNumber(d, "StemV", 80);
	rc |= HPDF_Dict_Add(d, "FontFile2", file);
	return rc == HPDF_OK ? d : NULL;
}

/* The descendant font: widths and glyphs by code. */
static HPDF_Dict
cid_font(struct cf_layout *L, const struct cf_face_slot *f, const char *name,
    const uint32_t *cps, const uint16_t *gids, size_t n, HPDF_Dict desc)
{
	HPDF_MMgr	 mm = L->pdf->mmgr;
	HPDF_Dict	 d, info, map;
	HPDF_Array	 w, ws;
	HPDF_STATUS	 rc = HPDF_OK;
	unsigned char	*gmap = cf_xcalloc(n + 1, 2);
	size_t		 i;

	for (i = 0; i < n; i++) {
		gmap[2 * (i + 1)] = (unsigned char)(gids[i] >> 8);
		gmap[2 * (i + 1) + 1] = (unsigned char)gids[i];
	}
	map = stream_of(L, gmap, 2 * (n + 1));
	free(gmap);
	if (map == NULL || (d = HPDF_Dict_New(mm)) == NULL ||
	    HPDF_Xref_Add(L->pdf->xref, d) != HPDF_OK ||
	    (info = HPDF_Dict_New(mm)) == NULL ||
	    (w = HPDF_Array_New(mm)) == NULL ||
	    (ws = HPDF_Array_New(mm)) == NULL)
		return NULL;
	rc |= HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, "Adobe",
	    NULL));
	rc |= HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, "Identity",
	    NULL));
	rc |= HPDF_Dict_AddNumber(info, "Supplement", 0);
	rc |= HPDF_Array_AddNumber(w, 1);
	rc |= HPDF_Array_Add(w, ws);
	for (i = 0; i < n; i++)
		rc |= HPDF_Array_AddNumber(ws, cf_face_advance(f->face,
		    cps[i]) > 0 ? cf_face_advance(f->face, cps[i]) : 0);
	rc |= HPDF_Dict_AddName(d, "Type", "Font");
	rc |= HPDF_Dict_AddName(d, "Subtype", "CIDFontType2");
	rc |= HPDF_Dict_AddName(d, "BaseFont", name);
	rc |= HPDF_Dict_Add(d, "CIDSystemInfo", info);
	rc |= HPDF_Dict_Add(d, "FontDescriptor", desc);
	rc |= HPDF_Dict_Add(d, "W", w);
	rc |= HPDF_Dict_Add(d, "CIDToGIDMap", map);
	return rc == HPDF_OK ? d : NULL;
}

/*
 * The Type 0 font of face i, subset to its n code points cps (ascending),
 * drawn with glyphs gids.  libharu takes it as one of its fonts (pages
 * name it in their resources) but never encodes text with it.
 */
static HPDF_Font
make_font(struct cf_layout *L, size_t i, const uint32_t *cps,
    const uint16_t *gids, size_t n, const struct cf_buf *sub)
{
	const struct cf_face_slot *f = &L->faces[i];
	const struct cf_face_info *in = cf_face_info(f->face);
	HPDF_MMgr	 mm = L->pdf->mmgr;
	HPDF_Dict	 font, desc, cid, uni;
	HPDF_Array	 kids;
	HPDF_FontAttr	 attr;
	HPDF_STATUS	 rc = HPDF_OK;
	char		 name[96];

	/* A subset is named with a tag of six capitals (PDF 9.6.4). */
	snprintf(name, sizeof(name), "CFGEN%c+%s", (char)('A' + i),
	    in->psname);
	if ((desc = descriptor(L, in, name, sub)) == NULL ||
	    (cid = cid_font(L, f, name, cps, gids, n, desc)) == NULL ||
	    (uni = to_unicode(L, cps, n)) == NULL ||
	    (kids = HPDF_Array_New(mm)) == NULL ||
	    (attr = HPDF_GetMem(mm, sizeof(*attr))) == NULL)
		return NULL;
	memset(attr, 0, sizeof(*attr));
	attr->type = HPDF_FONT_TYPE0_TT;
	attr->writing_mode = HPDF_WMODE_HORIZONTAL;
	attr->xref = L->pdf->xref;
	attr->descendant_font = cid;
	if ((font = HPDF_Dict_New(mm)) == NULL) {
		HPDF_FreeMem(mm, attr);
		return NULL;
	}
	font->header.obj_class |= HPDF_OSUBCLASS_FONT;
	font->attr = attr;
	font->free_fn = free_font_attr;
	if (HPDF_Xref_Add(L->pdf->xref, font) != HPDF_OK)
		return NULL;
	rc |= HPDF_Array_Add(kids, cid);
	rc |= HPDF_Dict_AddName(font, "Type", "Font");
	rc |= HPDF_Dict_AddName(font, "Subtype", "Type0");
	rc |= HPDF_Dict_AddName(font, "BaseFont", name);
	rc |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
	rc |= HPDF_Dict_Add(font, "DescendantFonts", kids);
	rc |= HPDF_Dict_Add(font, "ToUnicode", uni);
	return rc == HPDF_OK ? font : NULL;
}

static int
embed_face(struct cf_layout *L, size_t i)
{
	struct cf_face_slot	*f = &L->faces[i];
	struct cf_buf		 sub;
	uint32_t		*cps;
	uint16_t		*gids;
	size_t			 n = 0, k;
	uint32_t		 w;
	char			*doing;
	int			 rc = 0;

	f->rank = cf_xcalloc(0x10000 / 32, sizeof(*f->rank));
	for (k = 0; k < 0x10000 / 32; k++) {
		f->rank[k] = (uint16_t)n;
		n += bits_set(f->used[k]);
	}
	cps = cf_xcalloc(n, sizeof(*cps));
	gids = cf_xcalloc(n, sizeof(*gids));
	/* Word by word, lowest bit first: most words are empty. */
	for (n = 0, k = 0; k < 0x10000 / 32; k++)
		for (w = f->used[k]; w != 0; w &= w - 1)
			cps[n++] = (uint32_t)(k * 32 +
			    (size_t)__builtin_ctz(w));
	cf_buf_init(&sub);
	if (cf_face_subset(f->face, cps, n, &sub, gids) != 0 ||
	    (f->hf = make_font(L, i, cps, gids, n, &sub)) == NULL) {
		if (L->err == HPDF_OK)
			on_hpdf_error(HPDF_INVALID_FONT, 0, L);
		doing = cf_arena_printf(&L->arena, "cannot embed font %s",
		    f->path);
		rc = cf_layout_check(L, L->style->origin, 0, 0, doing);
	}
	cf_buf_free(&sub);
	free(gids);
	free(cps);
	return rc;
}

/*
 * Text is written into the pages' content streams directly, not through
 * libharu's operators: they clear a 512-byte buffer a byte at a time on
 * every call and encode text with the font's own machinery, which cost
 * more than the layout itself.  Only whole operator sequences are
 * written this way, between libharu's own calls, so its record of the
 * graphics state stays true.
 */
static void
ink(HPDF_Page pg, struct cf_buf *b)
{
	if (b->len > 0)
		HPDF_Stream_Write(((HPDF_PageAttr)pg->attr)->stream,
		    (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
	cf_buf_reset(b);
}

/*
 * A number and a space, as libharu writes one (a float, five decimals,
 * no trailing zeros), so the pages read as they did when libharu wrote
 * them, to the last digit; written at at, NUM_MAX bytes at most, and
 * returns the end.  Digits go straight to their place (a number has at
 * most five before the point), trailing zeros are never written.
 */
static char *
num_at(char *at, double d)
{
	float		 v = (float)d;
	int32_t		 ip, fp;
	int		 i, n;

	if (v > 32767)
		v = 32767;
	else if (v < -32767)
		v = -32767;
	if (v < 0)
		v = -v;
	ip = (int32_t)(v + 0.000005);
	fp = (int32_t)((float)(v - ip + 0.000005) * 100000);
	if (d < 0)
		*at++ = '-';
	n = ip >= 10000 ? 5 : ip >= 1000 ? 4 : ip >= 100 ? 3 : ip >= 10 ? 2 : 1;
	for (i = n; i-- > 0; ip /= 10)
		at[i] = (char)('0' + ip % 10);
	at += n;
	/* A fraction that rounds to a whole 1 is dropped, as libharu does. */
	if (fp % 100000 != 0) {
		for (n = 5; fp % 10 == 0; n--)
			fp /= 10;
		*at++ = '.';
		for (i = n; i-- > 0; fp /= 10)
			at[i] = (char)('0' + fp % 10);
		at += n;
	}
	*at++ = ' ';
	return at;
}

static void
put_num(struct cf_buf *b, double d)
{
	char	 s[NUM_MAX];

	cf_buf_put(b, s, (size_t)(num_at(s, d) - s));
}

static void
put_rgb(struct cf_buf *b, unsigned rgb, const char *op)
{
	put_num(b, (float)(rgb >> 16) / 255.0f);
	put_num(b, (float)((rgb >> 8) & 0xff) / 255.0f);
	put_num(b, (float)(rgb & 0xff) / 255.0f);
	cf_buf_puts(b, op);
}

/*
 * "(codes) Tj": the text as two-byte codes of its face, in a literal
 * string: half the bytes of hex.  The bytes a literal string reads
 * otherwise are escaped: parentheses, backslash, and CR (a bare CR would
 * be read as a line feed).
 */
static void
put_shown(struct cf_buf *b, const struct cf_face_slot *f, const char *s,
    size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 k, n = 0;
	unsigned		 cp, c;
	char			 q[256];
	int			 i;

	q[n++] = '(';
	for (; len > 0 && (k = utf8_next(p, len, &cp)) > 0; p += k,
	    len -= k) {
		if (n > sizeof(q) - 4) {
			cf_buf_put(b, q, n);
			n = 0;
		}
		c = code_of(f, cp);
		for (i = 8; i >= 0; i -= 8) {
			q[n] = (char)(c >> i & 0xff);
			if (q[n] == '(' || q[n] == ')' || q[n] == '\\') {
				q[n + 1] = q[n];
				q[n++] = '\\';
			} else if (q[n] == '\r') {
				q[n++] = '\\';
				q[n] = 'r';
			}
			n++;
		}
	}
	cf_buf_put(b, q, n);
	PUT_LIT(b, ") Tj\n");
}

static void
put_font(struct cf_buf *b, HPDF_Page pg, HPDF_Font font, double size)
{
	const char	*local = HPDF_Page_GetLocalFontName(pg, font);

	cf_buf_putc(b, '/');
	cf_buf_puts(b, local != NULL ? local : "F0");
	cf_buf_putc(b, ' ');
	put_num(b, size);
	PUT_LIT(b, "Tf\n");
}

/* Turned or translucent text (a watermark): a graphics state of its own. */
static void
show_op(struct cf_layout *L, HPDF_Page pg, const struct cf_textop *op,
    HPDF_ExtGState *gs, struct cf_buf *b)
{
	HPDF_Page_GSave(pg);
	if (op->alpha < 1) {
		if (*gs == NULL && (*gs = HPDF_CreateExtGState(L->pdf)) != NULL)
			HPDF_ExtGState_SetAlphaFill(*gs, (HPDF_REAL)op->alpha);
		if (*gs != NULL)
			HPDF_Page_SetExtGState(pg, *gs);
	}
	put_rgb(b, op->rgb, "rg\nBT\n");
	put_font(b, pg, L->faces[op->face].hf, op->size);
	put_num(b, op->cos);
	put_num(b, op->sin);
	put_num(b, -op->sin);
	put_num(b, op->cos);
	put_num(b, op->x);
	put_num(b, op->y);
	PUT_LIT(b, "Tm\n");
	put_shown(b, &L->faces[op->face], op->text, op->len);
	PUT_LIT(b, "ET\n");
	ink(pg, b);
	HPDF_Page_GRestore(pg);
}

/* "1 0 0 1 x y Tm", in one piece: every upright text has one. */
static void
put_place(struct cf_buf *b, double x, double y)
{
	char	 s[8 + 2 * NUM_MAX + 3], *p = s;

	memcpy(p, "1 0 0 1 ", 8);
	p = num_at(p + 8, x);
	p = num_at(p, y);
	memcpy(p, "Tm\n", 3);
	cf_buf_put(b, s, (size_t)(p + 3 - s));
}

/* A page's upright text in one text object, font and colour set as they
 * change; turned or translucent text in a state of its own. */
static void
draw_page_ops(struct cf_layout *L, HPDF_Page pg, const size_t *order,
    size_t n, HPDF_ExtGState *gs, struct cf_buf *b)
{
	const struct cf_textop	*op;
	size_t			 i, face = SIZE_MAX;
	double			 size = -1;
	unsigned		 rgb = 0;
	bool			 intext = false, coloured = false;

	for (i = 0; i < n; i++) {
		op = &L->ops[order[i]];
		if (op->alpha < 1 || op->cos != 1) {
			if (intext)
				PUT_LIT(b, "ET\n");
			ink(pg, b);
			intext = coloured = false;
			face = SIZE_MAX;
			show_op(L, pg, op, gs, b);
			continue;
		}
		if (!intext)
			PUT_LIT(b, "BT\n");
		intext = true;
		if (op->face != face || op->size != size)
			put_font(b, pg, L->faces[op->face].hf, op->size);
		face = op->face;
		size = op->size;
		if (!coloured || op->rgb != rgb)
			put_rgb(b, op->rgb, "rg\n");
		coloured = true;
		rgb = op->rgb;
		/* Absolute places, not relative moves: lines of a table
		 * row then share one baseline to the last digit. */
		put_place(b, op->x, op->y);
		put_shown(b, &L->faces[op->face], op->text, op->len);
	}
	if (intext)
		PUT_LIT(b, "ET\n");
	ink(pg, b);
}

/* Every recorded text, page by page, in the order it was placed. */
static void
draw_ops(struct cf_layout *L)
{
	HPDF_ExtGState	 gs = NULL;
	size_t		*start, *order, i;

	start = cf_xcalloc(L->npages + 1, sizeof(*start));
	order = cf_xcalloc(L->nops + 1, sizeof(*order));
	for (i = 0; i < L->nops; i++)
		start[L->ops[i].page + 1]++;
	for (i = 0; i < L->npages; i++)
		start[i + 1] += start[i];
	for (i = 0; i < L->nops; i++)
		order[start[L->ops[i].page]++] = i;
	for (i = L->npages; i > 0; i--)	/* back to each page's first */
		start[i] = start[i - 1];
	start[0] = 0;
	for (i = 0; i < L->npages && L->err == HPDF_OK; i++)
		draw_page_ops(L, L->pages[i], order + start[i],
		    start[i + 1] - start[i], &gs, &L->ink);
	free(order);
	free(start);
}

/* Subsets each face drawn with, then draws the text. */
static int
draw_fonts_and_text(struct cf_layout *L)
{
	size_t	 i;

	for (i = 0; i < L->nfaces; i++)
		if (L->faces[i].any && embed_face(L, i) != 0)
			return -1;
	draw_ops(L);
	return 0;
}

void
cf_layout_info(struct cf_layout *L, const char *title, const char *author,
    const char *subject, const char *keywords, time_t generated)
{
	HPDF_Doc	 pdf = L->pdf;
	HPDF_Date	 dt;
	struct tm	 tm;

	/* pdf->info exists from the start: it holds the Producer. */
	HPDF_Dict_Add(pdf->info, "Title", utf16_text(L, cf_layout_plain(L,
	    title)));
	HPDF_Dict_Add(pdf->info, "Author", utf16_text(L, cf_layout_plain(L,
	    author)));
	HPDF_Dict_Add(pdf->info, "Subject", utf16_text(L, cf_layout_plain(L,
	    subject)));
	HPDF_Dict_Add(pdf->info, "Keywords", utf16_text(L, cf_layout_plain(L,
	    keywords)));
	HPDF_Dict_Add(pdf->info, "Creator", utf16_text(L,
	    "cfgen " CFGEN_VERSION));
	if (gmtime_r(&generated, &tm) == NULL)
		return;
	memset(&dt, 0, sizeof(dt));
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	dt.hour = tm.tm_hour;
	dt.minutes = tm.tm_min;
	dt.seconds = tm.tm_sec;
	dt.ind = 'Z';
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_CREATION_DATE, dt);
	HPDF_SetInfoDateAttr(pdf, HPDF_INFO_MOD_DATE, dt);
}

/*
 * The saved document, buffer by buffer out of libharu's memory stream:
 * HPDF_ReadFromStream() copies it a byte at a time.
 */
static void
copy_out(struct cf_layout *L, struct cf_buf *out)
{
	HPDF_Stream	 s = L->pdf->stream;
	HPDF_UINT32	 size = HPDF_GetStreamSize(L->pdf);
	HPDF_UINT	 i, n, len;
	HPDF_BYTE	*p;

	n = s != NULL && s->type == HPDF_STREAM_MEMORY ?
	    HPDF_MemStream_GetBufCount(s) : 0;
	for (i = 0; i < n && size > 0; i++) {
		if ((p = HPDF_MemStream_GetBufPtr(s, i, &len)) == NULL)
			break;
		if (len > size)
			len = size;
		cf_buf_put(out, (const char *)p, len);
		size -= len;
	}
	if (size > 0 && L->err == HPDF_OK)
		on_hpdf_error(HPDF_FILE_IO_ERROR, 0, L);
}

int
cf_layout_save(struct cf_layout *L, struct cf_buf *out)
{
	size_t		 i;

	flush_heading(L, 0);
	if (L->page == NULL)
		cf_layout_new_page(L);
	draw_toc(L);
	for (i = 0; i < L->npages; i++)
		draw_furniture(L, i);
	/* The document's language, for screen readers and search. */
	HPDF_Dict_Add(L->pdf->catalog, "Lang", HPDF_String_New(L->pdf->mmgr,
	    cf_locale_tag(L->locale), NULL));
	if (cf_layout_check(L, NULL, 0, 0, "cannot lay out the PDF") != 0 ||
	    draw_fonts_and_text(L) != 0 ||
	    cf_layout_check(L, NULL, 0, 0, "cannot lay out the PDF") != 0)
		return -1;
	if (cf_pdf_deflate(L->pdf) != 0)
		return cf_layout_check(L, NULL, 0, 0, "cannot write the PDF");
	HPDF_SaveToStream(L->pdf);
	if (cf_layout_check(L, NULL, 0, 0, "cannot write the PDF") != 0)
		return -1;
	copy_out(L, out);
	return cf_layout_check(L, NULL, 0, 0, "cannot write the PDF");
}

int
cf_layout_logo(struct cf_layout *L, double maxw, double maxh)
{
	const struct cf_pdf_style	*st = L->style;
	HPDF_Image			 img;
	double				 w, h, k;
	char				*doing;

	if (st->logo == NULL)
		return 0;
	cf_layout_need(L, maxh);
	img = HPDF_LoadPngImageFromMem(L->pdf, st->logo_png,
	    (HPDF_UINT)st->logo_len);
	if (img == NULL || L->err != HPDF_OK) {
		if (L->err == HPDF_OK)
			on_hpdf_error(HPDF_INVALID_PNG_IMAGE, 0, L);
		doing = cf_arena_printf(&L->arena, "cannot load logo %s",
		    st->logo);
		return cf_layout_check(L, st->origin, st->logo_pos.line,
		    st->logo_pos.col, doing);
	}
	if (!live(L))
		return -1;
	w = HPDF_Image_GetWidth(img);
	h = HPDF_Image_GetHeight(img);
	k = maxw / w < maxh / h ? maxw / w : maxh / h;
	HPDF_Page_DrawImage(L->page, img, (HPDF_REAL)(L->right - w * k),
	    (HPDF_REAL)(L->y - h * k), (HPDF_REAL)(w * k), (HPDF_REAL)(h * k));
	L->y -= h * k + 10;	/* what follows goes below, never under it */
	return 0;
}
