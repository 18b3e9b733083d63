/*
 * pdffont.h -- TrueType faces for the PDFs: metrics and subsetting.
 *
 * A face is a font file read once per run (pdfstyle.c opens the style's
 * faces) and shared read-only by every document and thread.  Widths are
 * in 1/1000 em, rounded as PDF widths are (toward zero), so what layout
 * measures is what the PDF reader places.  A document embeds only the
 * subset of a face it draws, made with HarfBuzz's subsetter.
 */
#ifndef CF_PDFFONT_H
#define CF_PDFFONT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

struct cf_face;

/* What a PDF font descriptor tells of a face; lengths in 1/1000 em. */
struct cf_face_info {
	char	 psname[64];	/* PostScript name, safe as a PDF name */
	int	 bbox[4];	/* xmin ymin xmax ymax */
	int	 ascent, descent, cap_height;
	int	 italic;	/* degrees, counter-clockwise */
	bool	 fixed;		/* fixed pitch */
};

/*
 * Opens a TrueType font file.  Returns NULL with *why set to the reason
 * (missing, unreadable, not a single TrueType font) for a diagnostic.
 */
struct cf_face	*cf_face_open(const char *path, const char **why);
void		 cf_face_free(struct cf_face *);

/* Advance of cp in 1/1000 em, or -1 when the face has no glyph for it. */
int	 cf_face_advance(const struct cf_face *, uint32_t cp);
const struct cf_face_info *cf_face_info(const struct cf_face *);
/* Ascender and descender (negative) in 1/1000 em. */
int	 cf_face_ascent(const struct cf_face *);
int	 cf_face_descent(const struct cf_face *);

/*
 * Appends to out a TrueType font holding the glyphs of the n code points
 * (and what every font needs, .notdef), with their character map, and
 * sets gids[i] to the glyph of cps[i] in it (0: none).  Returns 0, or -1
 * when the subsetter fails.
 */
int	 cf_face_subset(const struct cf_face *, const uint32_t *cps, size_t n,
	    struct cf_buf *out, uint16_t *gids);

#endif
