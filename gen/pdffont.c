/*
 * pdffont.c -- TrueType faces through HarfBuzz: metrics and subsets.
 *
 * The file is read whole (a regular file of bounded size: a FIFO or a
 * link to /dev/zero is refused, not waited on) and handed to HarfBuzz,
 * whose font functions are safe to call from several threads at once.
 */
#include "pdffont.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>

#define MAX_FONT_BYTES	(64L << 20)	/* far above any real font */

struct cf_face {
	void		*map;		/* the file, mapped */
	size_t		 len;
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;
	unsigned	 upem;
	int		 ascent, descent;
	struct cf_face_info info;
};

static void
unmap(void *p)
{
	struct cf_face	*f = p;

	munmap(f->map, f->len);
}

/*
 * Maps the file: a fallback font of several megabytes costs only the
 * pages a document's characters touch.
 */
static bool
map_font(struct cf_face *f, const char *path, const char **why)
{
	struct stat	 sb;
	int		 fd;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1) {
		*why = strerror(errno);
		return false;
	}
	if (fstat(fd, &sb) != 0) {
		*why = strerror(errno);
		close(fd);
		return false;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_size > MAX_FONT_BYTES ||
	    sb.st_size < 12) {
		*why = !S_ISREG(sb.st_mode) ? "not a regular file" :
		    sb.st_size > MAX_FONT_BYTES ? "over the size limit of "
		    "67108864 bytes (64 MiB)" : "not a TrueType font";
		close(fd);
		return false;
	}
	f->len = (size_t)sb.st_size;
	f->map = mmap(NULL, f->len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (f->map == MAP_FAILED) {
		*why = strerror(errno);
		return false;
	}
	return true;
}

/* A single TrueType font: glyf outlines (not CFF), not a collection. */
static bool
is_truetype(const char *data, size_t len)
{
	static const char	 v1[4] = { 0, 1, 0, 0 };

	return len >= 12 && (memcmp(data, v1, 4) == 0 ||
	    memcmp(data, "true", 4) == 0);
}

/* A signed big-endian integer of n (2 or 4) bytes at off, 0 past the
 * table's end. */
static long
be(const char *t, unsigned len, unsigned off, unsigned n)
{
	unsigned long	 v = 0;
	unsigned	 i;

	if (off + n > len)
		return 0;
	for (i = 0; i < n; i++)
		v = v << 8 | (unsigned char)t[off + i];
	return n == 2 ? (int16_t)v : (int32_t)v;
}

/* 1/1000 em of font units. */
static int
em(const struct cf_face *f, long units)
{
	return (int)(units * 1000 / (long)f->upem);
}

/*
 * What a PDF font descriptor says of the face: its PostScript name
 * (letters and digits, as a PDF name may hold them plainly), the
 * bounding box (head), italic angle and fixed pitch (post), cap height.
 */
static void
describe(struct cf_face *f)
{
	struct cf_face_info	*in = &f->info;
	hb_blob_t		*b;
	const char		*t;
	unsigned		 len, i, n = sizeof(in->psname);
	hb_position_t		 cap;
	size_t			 k = 0;

	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &n, in->psname) == 0)
		in->psname[0] = '\0';
	for (i = 0; in->psname[i] != '\0'; i++)
		if (isalnum((unsigned char)in->psname[i]) ||
		    in->psname[i] == '-' || in->psname[i] == '_')
			in->psname[k++] = in->psname[i];
	in->psname[k] = '\0';
	if (k == 0)
		strcpy(in->psname, "Font");
	b = hb_face_reference_table(f->face, HB_TAG('h', 'e', 'a', 'd'));
	t = hb_blob_get_data(b, &len);
	for (i = 0; i < 4; i++)
		in->bbox[i] = em(f, be(t, len, 36 + 2 * i, 2));
	hb_blob_destroy(b);
	b = hb_face_reference_table(f->face, HB_TAG('p', 'o', 's', 't'));
	t = hb_blob_get_data(b, &len);
	in->italic = (int)(be(t, len, 4, 4) / 65536);	/* 16.16 */
	in->fixed = be(t, len, 12, 4) != 0;
	hb_blob_destroy(b);
	if (!hb_ot_metrics_get_position(f->font,
	    HB_OT_METRICS_TAG_CAP_HEIGHT, &cap))
		cap = (hb_position_t)((long)f->upem * 7 / 10);
	in->cap_height = em(f, cap);
	in->ascent = f->ascent;
	in->descent = f->descent;
}

struct cf_face *
cf_face_open(const char *path, const char **why)
{
	struct cf_face	*f = cf_xcalloc(1, sizeof(*f));
	hb_blob_t	*glyf;
	hb_position_t	 pos;
	bool		 outlines;

	if (!map_font(f, path, why)) {
		free(f);
		return NULL;
	}
	if (!is_truetype(f->map, f->len)) {
		*why = memcmp(f->map, "ttcf", 4) == 0 ? "a TrueType "
		    "collection, not a single font" : "not a TrueType font";
		munmap(f->map, f->len);
		free(f);
		return NULL;
	}
	/* The blob unmaps the file when HarfBuzz is done with it. */
	f->blob = hb_blob_create_or_fail(f->map, (unsigned)f->len,
	    HB_MEMORY_MODE_READONLY, f, unmap);
	if (f->blob == NULL) {
		munmap(f->map, f->len);
		free(f);
		*why = "out of memory";
		return NULL;
	}
	f->face = hb_face_create(f->blob, 0);
	f->upem = hb_face_get_upem(f->face);
	glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	outlines = hb_blob_get_length(glyf) > 0;
	hb_blob_destroy(glyf);
	if (hb_face_get_glyph_count(f->face) == 0 || f->upem == 0 ||
	    !outlines) {
		*why = "not a TrueType font, or a damaged one";
		cf_face_free(f);
		return NULL;
	}
	f->font = hb_font_create(f->face);
	hb_font_set_scale(f->font, (int)f->upem, (int)f->upem);
	hb_font_make_immutable(f->font);
	hb_ot_metrics_get_position_with_fallback(f->font,
	    HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER, &pos);
	f->ascent = (int)((long)pos * 1000 / (long)f->upem);
	hb_ot_metrics_get_position_with_fallback(f->font,
	    HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER, &pos);
	f->descent = (int)((long)pos * 1000 / (long)f->upem);
	describe(f);
	return f;
}

void
cf_face_free(struct cf_face *f)
{
	if (f == NULL)
		return;
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
	free(f);
}

int
cf_face_advance(const struct cf_face *f, uint32_t cp)
{
	hb_codepoint_t	 g;

	if (!hb_font_get_nominal_glyph(f->font, cp, &g) || g == 0)
		return -1;
	return (int)((unsigned long)hb_font_get_glyph_h_advance(f->font, g) *
	    1000 / f->upem);
}

const struct cf_face_info *
cf_face_info(const struct cf_face *f)
{
	return &f->info;
}

int
cf_face_ascent(const struct cf_face *f)
{
	return f->ascent;
}

int
cf_face_descent(const struct cf_face *f)
{
	return f->descent;
}

int
cf_face_subset(const struct cf_face *f, const uint32_t *cps, size_t n,
    struct cf_buf *out, uint16_t *gids)
{
	hb_subset_input_t	*in;
	hb_face_t		*sub;
	hb_font_t		*font;
	hb_blob_t		*blob;
	hb_set_t		*drop;
	hb_codepoint_t		 g;
	const char		*data;
	unsigned		 len;
	size_t			 i;

	if ((in = hb_subset_input_create_or_fail()) == NULL)
		return -1;
	for (i = 0; i < n; i++)
		hb_set_add(hb_subset_input_unicode_set(in), cps[i]);
	/* A PDF reader neither hints nor shapes: keep only what it reads. */
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	hb_set_add(drop, HB_TAG('G', 'S', 'U', 'B'));
	hb_set_add(drop, HB_TAG('G', 'P', 'O', 'S'));
	hb_set_add(drop, HB_TAG('G', 'D', 'E', 'F'));
	hb_set_add(drop, HB_TAG('k', 'e', 'r', 'n'));
	hb_set_add(drop, HB_TAG('M', 'A', 'T', 'H'));
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return -1;
	/* The subset numbers its glyphs anew: read them from its cmap. */
	font = hb_font_create(sub);
	for (i = 0; i < n; i++)
		gids[i] = hb_font_get_nominal_glyph(font, cps[i], &g) &&
		    g <= 0xffff ? (uint16_t)g : 0;
	hb_font_destroy(font);
	blob = hb_face_reference_blob(sub);
	data = hb_blob_get_data(blob, &len);
	if (data != NULL && len > 0)
		cf_buf_put(out, data, len);
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return len > 0 ? 0 : -1;
}
