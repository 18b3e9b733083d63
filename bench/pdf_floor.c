/*
 * pdf_floor.c -- the least a libharu program must spend to write the
 * pages cfgen writes: the floor its PDF part is measured against.
 *
 *	pdftotext -bbox DOC.pdf WORDS.html
 *	pdf_floor WORDS.html...
 *
 * Each WORDS file (pdftotext's word boxes of one cfgen PDF) is written
 * again as a PDF: every word at its place and size, in DejaVu Sans
 * subset (HarfBuzz, as cfgen does) to the characters used, with
 * libharu, compressed as cfgen compresses (pdfflate.h: libdeflate, not
 * libharu's zlib), saved to memory.  Reading the word files is not
 * timed; subsetting, embedding, drawing and saving are.  Prints the wall
 * and CPU milliseconds of all the documents together:
 *
 *	floor: 3 documents, 412 pages, wall 35.2 ms, cpu 34.9 ms
 *
 * No layout is done (the places are given), no rules or bands are drawn,
 * one face serves every word: a floor, not a rival renderer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <hpdf.h>

#include "pdfflate.h"
#include "pdffont.h"
#include "util.h"

#define ASCENT	0.928	/* DejaVu Sans, per pt */
#define HEIGHT	1.163	/* ascent + descent */

struct word {
	size_t	 page;
	double	 x, y, size;
	char	*text;
};

struct doc {
	double		 w, h;		/* of the pages */
	size_t		 npages;
	struct word	*words;
	size_t		 nwords;
};

static char *
unescape(const char *s, size_t n)
{
	static const struct {
		const char	*ent;
		char		 c;
	} ents[] = { { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
	    { "&quot;", '"' }, { "&apos;", '\'' } };
	char	*out = cf_xmalloc(n + 1), *o = out;
	size_t	 i, k;

	for (i = 0; i < n; ) {
		for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++)
			if (strncmp(s + i, ents[k].ent, strlen(ents[k].ent)) ==
			    0)
				break;
		if (k < sizeof(ents) / sizeof(ents[0])) {
			*o++ = ents[k].c;
			i += strlen(ents[k].ent);
		} else
			*o++ = s[i++];
	}
	*o = '\0';
	return out;
}

static void
read_words(const char *path, struct doc *d)
{
	FILE		*f;
	char		 ln[65536], *p, *e;
	double		 x0, y0, x1, y1;
	struct word	*w;

	if ((f = fopen(path, "r")) == NULL) {
		perror(path);
		exit(1);
	}
	memset(d, 0, sizeof(*d));
	while (fgets(ln, sizeof(ln), f) != NULL) {
		if ((p = strstr(ln, "<page width=\"")) != NULL) {
			sscanf(p, "<page width=\"%lf\" height=\"%lf\"", &d->w,
			    &d->h);
			d->npages++;
			continue;
		}
		if ((p = strstr(ln, "<word xMin=\"")) == NULL ||
		    sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
		    "yMax=\"%lf\"", &x0, &y0, &x1, &y1) != 4 ||
		    (p = strchr(p, '>')) == NULL ||
		    (e = strstr(p, "</word>")) == NULL)
			continue;
		d->words = cf_xrealloc(d->words, (d->nwords + 1) *
		    sizeof(*d->words));
		w = &d->words[d->nwords++];
		w->page = d->npages - 1;
		w->size = (y1 - y0) / HEIGHT;
		w->x = x0;
		w->y = d->h - (y0 + ASCENT * w->size);
		w->text = unescape(p + 1, (size_t)(e - p - 1));
	}
	fclose(f);
}

/* The BMP characters the words use, once each. */
static size_t
code_points(const struct doc *docs, size_t ndocs, uint32_t **out)
{
	static unsigned char	 seen[0x10000];
	uint32_t		*cps = cf_xcalloc(0x10000, sizeof(*cps));
	const unsigned char	*p;
	size_t			 i, j, n = 0, len, k;
	unsigned		 cp;

	for (i = 0; i < ndocs; i++)
		for (j = 0; j < docs[i].nwords; j++) {
			p = (const unsigned char *)docs[i].words[j].text;
			len = strlen((const char *)p);
			while (len > 0 && (k = cf_utf8_decode(p, len, &cp)) >
			    0) {
				if (cp < 0x10000 && !seen[cp]) {
					seen[cp] = 1;
					cps[n++] = cp;
				}
				p += k;
				len -= k;
			}
		}
	*out = cps;
	return n;
}

static void
write_doc(const struct doc *d, const struct cf_face *face,
    const uint32_t *cps, size_t ncps, const char *tmpfont)
{
	HPDF_Doc	 pdf = HPDF_New(NULL, NULL);
	HPDF_Page	*pages;
	HPDF_Font	 font;
	struct cf_buf	 sub;
	uint16_t	*gids = cf_xcalloc(ncps + 1, sizeof(*gids));
	const char	*name;
	FILE		*f;
	size_t		 i;

	cf_buf_init(&sub);
	if (cf_face_subset(face, cps, ncps, &sub, gids) != 0 ||
	    (f = fopen(tmpfont, "w")) == NULL ||
	    fwrite(sub.data, 1, sub.len, f) != sub.len || fclose(f) != 0) {
		fprintf(stderr, "pdf_floor: cannot subset the font\n");
		exit(1);
	}
	cf_buf_free(&sub);
	free(gids);
	HPDF_SetCompressionMode(pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(pdf);
	name = HPDF_LoadTTFontFromFile(pdf, tmpfont, HPDF_TRUE);
	font = HPDF_GetFont(pdf, name, "UTF-8");
	pages = cf_xcalloc(d->npages, sizeof(*pages));
	for (i = 0; i < d->npages; i++) {
		pages[i] = HPDF_AddPage(pdf);
		HPDF_Page_SetWidth(pages[i], (HPDF_REAL)d->w);
		HPDF_Page_SetHeight(pages[i], (HPDF_REAL)d->h);
		HPDF_Page_BeginText(pages[i]);
	}
	for (i = 0; i < d->nwords; i++) {
		HPDF_Page_SetFontAndSize(pages[d->words[i].page], font,
		    (HPDF_REAL)d->words[i].size);
		HPDF_Page_TextOut(pages[d->words[i].page],
		    (HPDF_REAL)d->words[i].x, (HPDF_REAL)d->words[i].y,
		    d->words[i].text);
	}
	for (i = 0; i < d->npages; i++)
		HPDF_Page_EndText(pages[i]);
	if (cf_pdf_deflate(pdf) != 0) {
		fprintf(stderr, "pdf_floor: cannot compress the PDF\n");
		exit(1);
	}
	HPDF_SaveToStream(pdf);
	if (HPDF_GetStreamSize(pdf) == 0) {
		fprintf(stderr, "pdf_floor: libharu wrote nothing\n");
		exit(1);
	}
	free(pages);
	HPDF_Free(pdf);
}

static double
ms(clockid_t clock)
{
	struct timespec	 ts;

	clock_gettime(clock, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int
main(int argc, char *argv[])
{
	struct cf_face	*face;
	struct doc	*docs;
	uint32_t	*cps;
	const char	*why;
	char		 tmpfont[64];
	double		 w0, c0;
	size_t		 i, ncps, pages = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: pdf_floor WORDS.html...\n");
		return 2;
	}
	docs = cf_xcalloc((size_t)argc, sizeof(*docs));
	for (i = 1; i < (size_t)argc; i++) {
		read_words(argv[i], &docs[i - 1]);
		pages += docs[i - 1].npages;
	}
	ncps = code_points(docs, (size_t)argc - 1, &cps);
	snprintf(tmpfont, sizeof(tmpfont), "/tmp/pdf_floor-%ld.ttf",
	    (long)getpid());
	w0 = ms(CLOCK_MONOTONIC);
	c0 = ms(CLOCK_PROCESS_CPUTIME_ID);
	/* The font file is read as cfgen reads it: once for the run. */
	if ((face = cf_face_open(CFGEN_FONT_DIR "/DejaVuSans.ttf", &why)) ==
	    NULL) {
		fprintf(stderr, "pdf_floor: %s\n", why);
		return 1;
	}
	for (i = 0; i + 1 < (size_t)argc; i++)
		write_doc(&docs[i], face, cps, ncps, tmpfont);
	printf("floor: %d documents, %zu pages, wall %.1f ms, cpu %.1f ms\n",
	    argc - 1, pages, ms(CLOCK_MONOTONIC) - w0,
	    ms(CLOCK_PROCESS_CPUTIME_ID) - c0);
	unlink(tmpfont);
	cf_face_free(face);
	return 0;
}
