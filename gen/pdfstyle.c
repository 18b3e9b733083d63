/*
 * pdfstyle.c -- read pdf.style, the `key: value` file that sets the look
 * of every PDF (templates/README-pdf.md).
 *
 * Every key has a default here, so an override style may set only what it
 * changes; a key it misspells is an error rather than a silent default.
 */
#include "pdfstyle.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <png.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "readfile.h"
#include "templates.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_PDF_STYLE

#define MM	(72.0 / 25.4)

enum kind {
	K_PAGE, K_LENGTH, K_SIZE, K_FONT, K_FALLBACK, K_COLOUR, K_LOGO
};

struct key {
	const char	*name;
	enum kind	 kind;
	int		 index;		/* which margin, size, font or colour */
};

static const struct key keys[] = {
	{ "page-size",		K_PAGE,		0 },
	{ "margin-top",		K_LENGTH,	0 },
	{ "margin-bottom",	K_LENGTH,	1 },
	{ "margin-left",	K_LENGTH,	2 },
	{ "margin-right",	K_LENGTH,	3 },
	{ "body-size",		K_SIZE,		0 },
	{ "table-size",		K_SIZE,		1 },
	{ "font-regular",	K_FONT,		CF_FONT_REGULAR },
	{ "font-bold",		K_FONT,		CF_FONT_BOLD },
	{ "font-italic",	K_FONT,		CF_FONT_ITALIC },
	{ "font-mono",		K_FONT,		CF_FONT_MONO },
	{ "font-fallback",	K_FALLBACK,	0 },
	{ "colour-text",	K_COLOUR,	CF_COLOUR_TEXT },
	{ "colour-heading",	K_COLOUR,	CF_COLOUR_HEADING },
	{ "colour-muted",	K_COLOUR,	CF_COLOUR_MUTED },
	{ "colour-rule",	K_COLOUR,	CF_COLOUR_RULE },
	{ "colour-band",	K_COLOUR,	CF_COLOUR_BAND },
	{ "colour-link",	K_COLOUR,	CF_COLOUR_LINK },
	{ "logo",		K_LOGO,		0 },
};
#define NKEYS	(sizeof(keys) / sizeof(keys[0]))

static const char *const default_fonts[CF_FONT_NSTYLES] = {
	"DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
	"DejaVuSansMono.ttf"
};

struct parser;

static void	 set_fallback(struct parser *, const char *, int);

struct parser {
	struct cf_pdf_style	*st;
	const char		*dir;	/* override folder; NULL: built-in */
	const char		*origin;
	int			 line;
	bool			 seen[NKEYS];
	int			 errors;
};

static bool
exists(const char *path)
{
	struct stat	 sb;

	return stat(path, &sb) == 0;
}

static void
set_defaults(struct cf_pdf_style *st)
{
	struct cf_buf	 b;
	int		 i;

	memset(st, 0, sizeof(*st));
	st->page_w = 595.276;
	st->page_h = 841.89;
	st->margin_top = 22 * MM;
	st->margin_bottom = 20 * MM;
	st->margin_left = st->margin_right = 18 * MM;
	st->body_size = 9.5;
	st->table_size = 8.5;
	for (i = 0; i < CF_FONT_NSTYLES; i++) {
		cf_buf_init(&b);
		cf_buf_printf(&b, "%s/%s", CFGEN_FONT_DIR, default_fonts[i]);
		st->font[i] = cf_buf_detach(&b);
	}
	/* The built-in fallback is used when installed, never required. */
	if (exists(CFGEN_FALLBACK_FONT))
		st->fallback[st->nfallback++] = cf_xstrdup(CFGEN_FALLBACK_FONT);
	st->colour[CF_COLOUR_TEXT] = 0x1b1f24;
	st->colour[CF_COLOUR_HEADING] = 0x1f3864;
	st->colour[CF_COLOUR_MUTED] = 0x5f6670;
	st->colour[CF_COLOUR_RULE] = 0xb9bfc8;
	st->colour[CF_COLOUR_BAND] = 0xe9ecf1;
	st->colour[CF_COLOUR_LINK] = 0x1f4e9a;
}

static void
bad(struct parser *p, int col, const char *fmt, const char *arg)
{
	cf_diag(CF_ERROR, p->origin, p->line, col, fmt, arg);
	p->errors++;
}

/* "12", "12pt", "20mm", "2cm", "0.75in" */
static int
parse_length(const char *v, double *out)
{
	static const struct {
		const char	*unit;
		double		 scale;
	} units[] = {
		{ "", 1 }, { "pt", 1 }, { "mm", MM }, { "cm", 10 * MM },
		{ "in", 72 }
	};
	char	*end;
	double	 d;
	size_t	 i;

	errno = 0;
	d = strtod(v, &end);
	/* strtod reads "nan" and "inf" too: a PDF can hold neither. */
	if (end == v || errno != 0 || !isfinite(d) || d < 0 || d > 1000)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strcmp(end, units[i].unit) == 0) {
			*out = d * units[i].scale;
			return 0;
		}
	return -1;
}

static int
parse_colour(const char *v, unsigned *out)
{
	size_t	 i;

	if (v[0] != '#' || strlen(v) != 7)
		return -1;
	for (i = 1; i < 7; i++)
		if (!isxdigit((unsigned char)v[i]))
			return -1;
	*out = (unsigned)strtoul(v + 1, NULL, 16);
	return 0;
}

/*
 * Relative paths in an override style resolve against its folder; a bare
 * font name that is not there falls back to the system font folder, so a
 * copy of the built-in style keeps working when only colours change.
 */
static char *
resolve(const struct parser *p, const char *v, bool font)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	if (v[0] == '/')
		cf_buf_puts(&b, v);
	else if (p->dir == NULL)
		cf_buf_printf(&b, "%s/%s", CFGEN_FONT_DIR, v);
	else {
		cf_buf_printf(&b, "%s/%s", p->dir, v);
		if (font && strchr(v, '/') == NULL && !exists(b.data)) {
			cf_buf_reset(&b);
			cf_buf_printf(&b, "%s/%s", CFGEN_FONT_DIR, v);
			if (!exists(b.data)) {
				cf_buf_reset(&b);
				cf_buf_printf(&b, "%s/%s", p->dir, v);
			}
		}
	}
	return cf_buf_detach(&b);
}

static double *
margin(struct cf_pdf_style *st, int index)
{
	switch (index) {
	case 0:
		return &st->margin_top;
	case 1:
		return &st->margin_bottom;
	case 2:
		return &st->margin_left;
	default:
		return &st->margin_right;
	}
}

static void
set_value(struct parser *p, const struct key *k, const char *v, int vcol)
{
	struct cf_pdf_style	*st = p->st;
	double			 d;

	switch (k->kind) {
	case K_PAGE:
		if (strcmp(v, "A4") == 0) {
			st->page_w = 595.276;
			st->page_h = 841.89;
		} else if (strcmp(v, "Letter") == 0) {
			st->page_w = 612;
			st->page_h = 792;
		} else
			bad(p, vcol, "unknown page size '%s' (expected A4 or "
			    "Letter)", v);
		break;
	case K_LENGTH:
		if (parse_length(v, &d) != 0)
			bad(p, vcol, "bad length '%s' (expected a number with "
			    "pt, mm, cm or in)", v);
		else
			*margin(st, k->index) = d;
		break;
	case K_SIZE:
		if (parse_length(v, &d) != 0 || d < 5 || d > 20)
			bad(p, vcol, "bad text size '%s' (expected 5 to 20 pt)",
			    v);
		else if (k->index == 0)
			st->body_size = d;
		else
			st->table_size = d;
		break;
	case K_FONT:
		if (*v == '\0') {
			bad(p, vcol, "%s needs a TrueType font file", k->name);
			break;
		}
		free(st->font[k->index]);
		st->font[k->index] = resolve(p, v, true);
		st->font_pos[k->index].line = p->line;
		st->font_pos[k->index].col = vcol;
		break;
	case K_FALLBACK:
		set_fallback(p, v, vcol);
		break;
	case K_COLOUR:
		if (parse_colour(v, &st->colour[k->index]) != 0)
			bad(p, vcol, "bad colour '%s' (expected #rrggbb)", v);
		break;
	case K_LOGO:
		free(st->logo);
		st->logo = *v == '\0' ? NULL : resolve(p, v, false);
		st->logo_pos.line = p->line;
		st->logo_pos.col = vcol;
		break;
	}
}

static char *
trim(char *s, char *end)
{
	while (s < end && isspace((unsigned char)*s))
		s++;
	while (end > s && isspace((unsigned char)end[-1]))
		end--;
	*end = '\0';
	return s;
}

/* "a.ttf, b.ttf": tried in order; empty for none. */
static void
set_fallback(struct parser *p, const char *v, int vcol)
{
	struct cf_pdf_style	*st = p->st;
	char			*copy = cf_xstrdup(v), *s, *name;
	size_t			 i;

	for (i = 0; i < st->nfallback; i++)
		free(st->fallback[i]);
	st->nfallback = 0;
	for (s = copy; s != NULL; ) {
		name = s;
		if ((s = strchr(s, ',')) != NULL)
			*s++ = '\0';
		name = trim(name, name + strlen(name));
		if (*name == '\0')
			continue;
		if (st->nfallback == CF_MAX_FALLBACK) {
			bad(p, vcol, "more than 4 fallback fonts in '%s'", v);
			break;
		}
		/* each name's own column, for its diagnostic */
		st->fallback_pos[st->nfallback].line = p->line;
		st->fallback_pos[st->nfallback].col = vcol +
		    (int)cf_utf8_count(copy, (size_t)(name - copy));
		st->fallback[st->nfallback++] = resolve(p, name, true);
	}
	free(copy);
}

static void
parse_line(struct parser *p, char *s)
{
	char	*key, *colon, *val;
	size_t	 i;

	key = trim(s, s + strlen(s));
	if (*key == '\0' || *key == '#')
		return;
	if ((colon = strchr(key, ':')) == NULL) {
		bad(p, (int)(key - s) + 1, "expected 'key: value', got '%s'",
		    key);
		return;
	}
	val = trim(colon + 1, colon + 1 + strlen(colon + 1));
	key = trim(key, colon);
	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].name, key) == 0)
			break;
	if (i == NKEYS) {
		bad(p, (int)(key - s) + 1, "unknown style key '%s'", key);
		return;
	}
	if (p->seen[i]) {
		bad(p, (int)(key - s) + 1, "style key '%s' given twice", key);
		return;
	}
	p->seen[i] = true;
	set_value(p, &keys[i], val, (int)cf_utf8_count(s, val - s) + 1);
}

static void
check_geometry(struct parser *p)
{
	struct cf_pdf_style	*st = p->st;

	p->line = 0;
	if (st->margin_left + st->margin_right > st->page_w / 2 ||
	    st->margin_top + st->margin_bottom > st->page_h / 2)
		bad(p, 0, "the margins leave less than half the page for "
		    "text%s", "");
}

/* Each font once per run, each failure at the line that names it. */
static struct cf_face *
open_face(struct parser *p, const char *path, struct cf_pos pos)
{
	struct cf_face	*f;
	const char	*why;

	if ((f = cf_face_open(path, &why)) != NULL)
		return f;
	p->line = pos.line;
	cf_diag(CF_ERROR, p->origin, pos.line, pos.line > 0 ? pos.col : 0,
	    "cannot use font %s: %s", path, why);
	p->errors++;
	return NULL;
}

static void
open_faces(struct parser *p)
{
	struct cf_pdf_style	*st = p->st;
	size_t			 i;

	for (i = 0; i < CF_FONT_NSTYLES; i++)
		st->face[i] = open_face(p, st->font[i], st->font_pos[i]);
	for (i = 0; i < st->nfallback; i++)
		st->fallback_face[i] = open_face(p, st->fallback[i],
		    st->fallback_pos[i]);
}

/*
 * NULL when libpng decodes the whole image, else why not.  libharu frees
 * twice on some corrupt PNGs (it aborted the run), so it is handed only
 * what decodes cleanly here first; the header was checked for size.
 */
static const char *
png_decodes(const unsigned char *data, size_t len, char *msg, size_t size)
{
	png_image	 img;
	void		*px;
	int		 ok;

	memset(&img, 0, sizeof(img));
	img.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&img, data, len)) {
		snprintf(msg, size, "not a PNG image (%s)", img.message);
		return msg;
	}
	img.format = PNG_FORMAT_RGBA;
	px = cf_xmalloc(PNG_IMAGE_SIZE(img));
	ok = png_image_finish_read(&img, NULL, px, 0, NULL);
	free(px);
	if (!ok) {
		snprintf(msg, size, "not a PNG image (%s)", img.message);
		png_image_free(&img);
		return msg;
	}
	return NULL;
}

/*
 * The logo is read once, with the style, like every file cfgen reads
 * (cli.md "Only regular files"): a FIFO or device is refused before
 * anything waits on it, and a PNG whose header claims more pixels than a
 * logo needs is refused before the PDF library would decode it all.
 */
static void
load_logo(struct parser *p)
{
	struct cf_pdf_style	*st = p->st;
	struct stat		 sb;
	unsigned char		*buf = NULL;
	const char		*why = NULL;
	size_t			 len = 0, cap;
	ssize_t			 n = 0;
	unsigned long		 w, h;
	char			 msg[96];
	int			 fd;

	if (st->logo == NULL)
		return;
	if ((fd = cf_file_open_regular(st->logo, &sb, &why)) == -1)
		goto out;
	if ((unsigned long long)sb.st_size > CF_LOGO_MAX_BYTES) {
		why = "larger than 4 MiB";
		close(fd);
		goto out;
	}
	cap = (size_t)sb.st_size + 1;	/* one byte more tells it grew */
	buf = cf_xmalloc(cap);
	while (len < cap && ((n = read(fd, buf + len, cap - len)) > 0 ||
	    (n == -1 && errno == EINTR)))
		if (n > 0)
			len += (size_t)n;
	close(fd);
	if (n == -1)
		why = strerror(errno);
	else if (len > (size_t)sb.st_size)
		why = "it grew while being read";
	else if (len < 33 || memcmp(buf, "\x89PNG\r\n\x1a\n", 8) != 0 ||
	    memcmp(buf + 12, "IHDR", 4) != 0)
		why = "not a PNG image";
	else {
		w = (unsigned long)buf[16] << 24 | (unsigned long)buf[17] << 16 |
		    (unsigned long)buf[18] << 8 | buf[19];
		h = (unsigned long)buf[20] << 24 | (unsigned long)buf[21] << 16 |
		    (unsigned long)buf[22] << 8 | buf[23];
		if (w == 0 || h == 0 || w > CF_LOGO_MAX_SIDE ||
		    h > CF_LOGO_MAX_SIDE)
			why = "a PNG of more than 4096 pixels a side";
		else
			why = png_decodes(buf, len, msg, sizeof(msg));
	}
out:
	if (why != NULL) {
		free(buf);
		p->line = st->logo_pos.line;
		cf_diag(CF_ERROR, p->origin, st->logo_pos.line,
		    st->logo_pos.line > 0 ? st->logo_pos.col : 0,
		    "cannot use logo %s: %s", st->logo, why);
		p->errors++;
		return;
	}
	st->logo_png = buf;
	st->logo_len = len;
}

int
cf_pdf_style_load(const char *dir, struct cf_pdf_style *st)
{
	struct parser	 p;
	char		*text, *line, *next;

	set_defaults(st);
	if ((text = cf_template_load(dir, "pdf.style", &st->origin)) == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	p.st = st;
	p.origin = st->origin;
	p.dir = strncmp(st->origin, "<built-in>", 10) == 0 ? NULL : dir;
	for (line = text; line != NULL; line = next) {
		p.line++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		parse_line(&p, line);
	}
	free(text);
	check_geometry(&p);
	if (p.errors == 0) {
		open_faces(&p);
		load_logo(&p);
	}
	return p.errors > 0 ? -1 : 0;
}

const struct cf_pdf_style *
cf_pdf_style_use(const struct cf_pdf_style *given, const char *dir,
    struct cf_pdf_style *own)
{
	memset(own, 0, sizeof(*own));
	if (given != NULL)
		return given;
	return cf_pdf_style_load(dir, own) == 0 ? own : NULL;
}

void
cf_pdf_style_free(struct cf_pdf_style *st)
{
	size_t	 i;

	for (i = 0; i < CF_FONT_NSTYLES; i++) {
		free(st->font[i]);
		cf_face_free(st->face[i]);
	}
	for (i = 0; i < st->nfallback; i++) {
		free(st->fallback[i]);
		cf_face_free(st->fallback_face[i]);
	}
	free(st->logo);
	free(st->logo_png);
	free(st->origin);
	memset(st, 0, sizeof(*st));
}
