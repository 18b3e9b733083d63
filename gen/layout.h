/*
 * layout.h -- the layout layer between the document model and libharu.
 *
 * Text is a flow of blocks (paragraphs, code lines, rules), each a list
 * of styled runs; md fields become flows through libcmark.  The line
 * breaker measures with the embedded fonts' own metrics.  A layout is one
 * PDF under construction: it places headings, flows and tables on pages,
 * moving to a new page where the next thing does not fit, and draws the
 * running header and footer ("Page N of M") once the page count is known.
 *
 * Every string handed in is copied; everything a layout allocates
 * belongs to it and is freed by cf_layout_close().
 */
#ifndef CF_LAYOUT_H
#define CF_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <hpdf.h>

#include "model.h"
#include "pdfstyle.h"
#include "util.h"
#include "wording.h"

/*
 * Text drawn names its source (struct cf_src, model.h).  A character is
 * reported once per run for each (file, line, col), so one position must
 * always be given the same `what`; text composed of several values is
 * drawn in pieces, each with its own source, or vetted value by value
 * (cf_layout_vet, cf_layout_vet_msg) and drawn without one.
 */

/* A stretch of text in one font.  Text "\n" alone is a forced break. */
struct cf_run {
	enum cf_font_style	 font;
	const char		*text;	/* every character printable */
	size_t			 len;
	const char		*link;	/* http, https or mailto; or NULL */
	bool			 strike;	/* struck through (GFM ~~) */
};

enum cf_block_kind {
	CF_BLOCK_PARA,
	CF_BLOCK_CODE,		/* one line of a code block: spaces kept */
	CF_BLOCK_RULE,
	CF_BLOCK_ROW		/* one row of a table inside an md field */
};

struct cf_block {
	enum cf_block_kind	 kind;
	struct cf_run		*runs;
	size_t			 nruns, caprun;
	double			 indent;	/* pt from the flow's left */
	const char		*marker;	/* list marker, hangs left */
	int			 quote;		/* block quote depth */
	double			 space_before;	/* pt */
	/*
	 * CF_BLOCK_ROW: cell c is runs [cells[c], cells[c + 1]); the rows
	 * of one table follow each other, the first marked `first`.
	 */
	size_t			*cells;		/* ncols + 1 */
	size_t			 ncols;
	bool			 first, head;
};

struct cf_flow {
	struct cf_block		*blocks;
	size_t			 nblocks, capblock;
	double			 size;		/* pt */
	enum cf_colour		 colour;
};

/* A fragment of one line: text in one font, at x from the line's left. */
struct cf_frag {
	enum cf_font_style	 font;
	const char		*text;
	double			 x, w;
	const char		*link;
	bool			 strike;
};

struct cf_line {
	struct cf_frag		*frags;
	size_t			 nfrags;
	double			 y;	/* top, from the top of its box */
	double			 h;
	double			 x;	/* left of the text in its box */
	double			 width;	/* of the text */
	double			 size;
	enum cf_colour		 colour;
	const char		*marker;
	int			 quote;
	bool			 code, rule;
};

/* A flow laid out at one width. */
struct cf_box {
	struct cf_line		*lines;
	size_t			 nlines;
	double			 height;
};

struct cf_table_col {
	const char	*title;
	double		 min;		/* pt the column never goes below */
	bool		 grow;		/* takes room left over */
	/*
	 * Of the room left over, the part a growing column takes when set
	 * (shares are relative to the other growing columns' shares);
	 * else in proportion to how much more its text would like.
	 */
	double		 share;
	bool		 right;		/* right-aligned (numbers) */
	bool		 bookmark;	/* where the table starts */
	const struct cf_src *src;	/* of a title that is a value */
};

/* A bookmark at a row (cf_table_mark): outline depth and title. */
struct cf_table_mark {
	size_t		 row;
	unsigned	 depth;
	const char	*title;
};

struct cf_table {
	size_t			 ncols;
	struct cf_table_col	*cols;
	/* repeat titles on every page */
	bool			 header;
	bool			 grid;		/* rules between columns too */
	struct cf_flow		**cells;	/* row-major */
	size_t			 nrows, caprows;
	struct cf_table_mark	*marks;		/* by row, ascending */
	size_t			 nmarks, capmarks;
	double			 size;
};

/*
 * A face as one document uses it: the faces of the style's four fonts
 * come first, then the fallbacks.  Only faces with a character drawn are
 * embedded, as the subset of the characters drawn.
 */
struct cf_face_slot {
	const struct cf_face	*face;
	const char		*path;
	uint32_t		*used;	/* bit per BMP code point drawn */
	uint16_t		*rank;	/* per word of used: bits before it */
	bool			 any;
	HPDF_Font		 hf;	/* once the subset is embedded */
};

#define CF_MAX_FACES	(CF_FONT_NSTYLES + CF_MAX_FALLBACK)

struct cf_textop;

/* A heading laid out, not yet placed. */
struct cf_pending {
	struct cf_box	 box;
	int		 level;
	double		 gap;		/* space asked for after it */
	const char	*title;		/* for its bookmark */
};

#define CF_MAX_PENDING	8	/* headings in a row kept together */

/* A line of the table of contents: a top-level heading and its page. */
struct cf_toc_entry {
	const char	*title;		/* clean text */
	size_t		 page;
	double		 y;
};

struct cf_locale;
/* Outline levels: a top-level heading, then nested requirements. */
#define CF_OUTLINE_DEPTH	8

struct cf_layout {
	HPDF_Doc		 pdf;
	struct cf_arena		 arena;
	const struct cf_pdf_style *style;
	/* the words of "Page N of M" and the document's /Lang; NULL: en */
	const struct cf_locale	*locale;
	struct cf_face_slot	 faces[CF_MAX_FACES];
	size_t			 nfaces;
	/*
	 * Per style and BMP code point, in blocks of 256 allocated as text
	 * needs them: face + 1 << 20 | width, 0 not yet looked up.
	 */
	uint32_t		*metrics[CF_FONT_NSTYLES][256];
	double			 ascent, descent;	/* per pt of size */
	/* text waits here until the fonts are subset (cf_layout_save) */
	struct cf_textop	*ops;
	size_t			 nops, capops;
	/* operators on their way into a page's content stream */
	struct cf_buf		 ink;
	/*
	 * The stroke colour and width page stroke_page's content has set
	 * last: a rule sets them only when they change (line()).
	 */
	HPDF_Page		 stroke_page;
	unsigned		 stroke_rgb;
	double			 stroke_w;
	/* the last link annotation's target, shared by its fragments */
	const char		*last_link;
	HPDF_Dict		 last_action;
	HPDF_Page		*pages;
	size_t			 npages, cappages;
	HPDF_Page		 page;
	size_t			 pageno;	/* of page, from 0 */
	double			 y;		/* top of the free space */
	double			 left, right, top, bottom;
	/* libharu's first error, recorded by its error handler */
	HPDF_STATUS		 err, err_detail;
	bool			 reported;
	/* headings waiting for what follows them (cf_layout_heading) */
	struct cf_pending	 pending[CF_MAX_PENDING];
	size_t			 npending;
	/* the last bookmark made at each outline depth, to nest under */
	HPDF_Outline		 outline[CF_OUTLINE_DEPTH];
	/*
	 * The table of contents (cf_layout_toc): pages inserted before page
	 * toc_at when the document is saved, once the entries are known.
	 */
	bool			 toc;
	size_t			 toc_at;
	const char		*toc_title;
	HPDF_Outline		 toc_outline;
	struct cf_toc_entry	*entries;
	size_t			 nentries, capentries;
	const char		*header;	/* running header text */
	const char		*footer;	/* document id */
	/* the style cf_layout_open_style() read, freed with the layout */
	struct cf_pdf_style	*own_style;
};

/* Opens a document with the style's fonts; -1 after one diagnostic. */
int	 cf_layout_open(struct cf_layout *, const struct cf_pdf_style *);
/*
 * The same in the style a renderer was given, or else the one in dir
 * (cf_pdf_style_use), with the words of language loc (NULL: en), as
 * every renderer opens its document.  -1 after diagnostics; close the
 * layout either way.
 */
int	 cf_layout_open_style(struct cf_layout *,
	    const struct cf_pdf_style *given, const char *dir,
	    const struct cf_locale *loc);
void	 cf_layout_close(struct cf_layout *);

/*
 * Reports libharu's first error, if any, as one diagnostic about file
 * (line, col may be 0) prefixed by what was being done; returns -1 then.
 */
int	 cf_layout_check(struct cf_layout *, const char *file, int line,
	    int col, const char *doing);

/* Running header (pages after the first) and footer (id, "Page N of M"). */
void	 cf_layout_furniture(struct cf_layout *, const char *header,
	    const char *footer, const struct cf_src *);
/* The style's logo, if any, at the top right; what follows goes below. */
int	 cf_layout_logo(struct cf_layout *, double maxw, double maxh);

/*
 * Document information: Title, Author, Subject, Keywords, Creator
 * "cfgen VERSION", and creation and modification dates of `generated`
 * (SOURCE_DATE_EPOCH when set, so two builds give the same bytes).
 */
void	 cf_layout_info(struct cf_layout *, const char *title,
	    const char *author, const char *subject, const char *keywords,
	    time_t generated);

/*
 * A table of contents, titled title, on pages of its own that start
 * here, when the document is saved: every heading of level 1 that
 * follows, with its page number, each line a link to its page.  Call it
 * at a page's end (after the cover); the outline gets an entry for it.
 */
void	 cf_layout_toc(struct cf_layout *, const char *title);

/* Draws running header and footer on every page and writes the PDF. */
int	 cf_layout_save(struct cf_layout *, struct cf_buf *out);

/* Flows. */
struct cf_flow	*cf_flow_new(struct cf_layout *, double size, enum cf_colour);
/* Starts a paragraph; space_before < 0 means the usual gap. */
struct cf_block	*cf_flow_para(struct cf_layout *, struct cf_flow *,
		    double space_before);
/* Starts a list item paragraph with a hanging marker ("1.", bullet). */
struct cf_block	*cf_flow_item(struct cf_layout *, struct cf_flow *,
		    const char *marker);
/* Appends plain text (not md) to the last paragraph, starting one. */
void	 cf_flow_text(struct cf_layout *, struct cf_flow *,
	    enum cf_font_style, const char *text, const char *link,
	    const struct cf_src *);
/* A value in a message, with where it came from (for font warnings). */
struct cf_piece {
	const char		*name;
	const char		*text;
	const struct cf_src	*src;
};
/*
 * Appends message name of the layout's language with its {placeholders}
 * replaced by the pieces so named (NULL-name ended), each put with its
 * own source, and {n} by n, which also picks the plural form: the words
 * around the values are cfgen's.
 */
void	 cf_flow_msg(struct cf_layout *, struct cf_flow *,
	    enum cf_font_style, const char *name, long n,
	    const struct cf_piece *);
/* A message of the layout's language, and the same as a label ("Note: "). */
const char	*cf_layout_msg(struct cf_layout *, const char *name);
const char	*cf_layout_label(struct cf_layout *, const char *name);
/* Appends an md field as blocks (cmark, CMARK_OPT_DEFAULT). */
void	 cf_flow_md(struct cf_layout *, struct cf_flow *, const char *md,
	    const struct cf_src *);

/* Text as the regular font prints it, without warnings (metadata). */
const char	*cf_layout_plain(struct cf_layout *, const char *text);

/* A source in the layout's arena; what is a printf format. */
const struct cf_src *cf_layout_src(struct cf_layout *, const char *file,
		    struct cf_pos, const char *what, ...)
		    __attribute__((format(printf, 4, 5)));
/* pos, or fallback (the nearest enclosing position) when pos is unknown. */
struct cf_pos	 cf_pos_or(struct cf_pos pos, struct cf_pos fallback);

/*
 * Warns, as drawing it in font would, about the characters of text the
 * font cannot show: for a value drawn only inside a sentence made of
 * several, which is then drawn without a source.
 */
void	 cf_layout_vet(struct cf_layout *, enum cf_font_style,
	    const char *text, const struct cf_src *);
/* The same for every value of a message that came from an input file. */
void	 cf_layout_vet_msg(struct cf_layout *, enum cf_font_style,
	    const struct cf_msg *);

/* An md field whose first paragraph starts with a bold label. */
void	 cf_flow_md_lead(struct cf_layout *, struct cf_flow *,
	    const char *lead, const char *md, const struct cf_src *);

/* The link target a PDF may carry: http, https, mailto; else NULL. */
const char *cf_safe_link(const char *url);
/*
 * A contact as a link target: an http, https or mailto address as it is,
 * a bare e-mail address as mailto:, anything else no link (NULL).
 */
const char *cf_contact_link(struct cf_layout *, const char *contact);

/* Line breaking and measuring at a size, widths in pt. */
void	 cf_break_runs(struct cf_layout *, const struct cf_run *, size_t n,
	    double size, double width, bool keep_spaces, struct cf_box *out);
void	 cf_flow_layout(struct cf_layout *, const struct cf_flow *,
	    double width, struct cf_box *out);
void	 cf_flow_extent(struct cf_layout *, const struct cf_flow *,
	    double *minw, double *maxw);

/* Placing things on pages. */
void	 cf_layout_new_page(struct cf_layout *);
void	 cf_layout_space(struct cf_layout *, double pt);
/* Moves to a new page unless h pt are left on this one. */
void	 cf_layout_need(struct cf_layout *, double h);
void	 cf_layout_flow(struct cf_layout *, const struct cf_flow *);
/* A flow space pt below what precedes it. */
void	 cf_layout_place(struct cf_layout *, const struct cf_flow *,
	    double space);
/* One paragraph of plain text in a flow of its own, placed at once. */
void	 cf_layout_para(struct cf_layout *, double size, enum cf_colour,
	    enum cf_font_style, const char *text, const struct cf_src *,
	    double space);
/* A bookmark to the top of the free space on this page. */
void	 cf_layout_bookmark(struct cf_layout *, const char *title);
/*
 * The same at an outline depth: 0 is top level (as headings of level 1
 * make), depth d nests under the last bookmark made at depth d - 1.
 */
void	 cf_layout_bookmark_at(struct cf_layout *, unsigned depth,
	    const char *title);
/* A heading, kept with what follows it; level 1 gets a bookmark. */
void	 cf_layout_heading(struct cf_layout *, int level, const char *text,
	    const struct cf_src *);
void	 cf_layout_rule(struct cf_layout *, enum cf_colour, double width);
/* A line from x0 to x1 at y (page coordinates), w pt thick. */
void	 cf_layout_hline(struct cf_layout *, double x0, double x1, double y,
	    double w, enum cf_colour);
/* Plain text (not md) with its baseline's left end at (x, y). */
void	 cf_layout_text_at(struct cf_layout *, enum cf_font_style,
	    double size, enum cf_colour, double x, double y, const char *text);
/* How wide cf_layout_text_at() would set text, in pt. */
double	 cf_layout_text_width(struct cf_layout *, enum cf_font_style,
	    double size, const char *text);
/* Text across every page, corner to corner, over the content. */
void	 cf_layout_watermark(struct cf_layout *, const char *text,
	    unsigned rgb, double alpha);

/* Tables. */
struct cf_table	*cf_table_new(struct cf_layout *, size_t ncols,
		    const struct cf_table_col *, double size, bool header);
/* Adds a row of empty cells; returns its index. */
size_t		 cf_table_row(struct cf_layout *, struct cf_table *);
struct cf_flow	*cf_table_cell(const struct cf_table *, size_t row,
		    size_t col);
/* A bookmark (cf_layout_bookmark_at) where the row is drawn. */
void		 cf_table_mark(struct cf_layout *, struct cf_table *,
		    size_t row, unsigned depth, const char *title);
void		 cf_layout_table(struct cf_layout *, struct cf_table *);
/*
 * Facts: a table of ncols columns, key and value in turn (two or four),
 * with no titles; the value columns take the room left.
 */
struct cf_table	*cf_table_facts(struct cf_layout *, size_t ncols,
		    double size);
/* A fact's key, bold and muted, at (row, col); returns its value's cell. */
struct cf_flow	*cf_table_key(struct cf_layout *, struct cf_table *,
		    size_t row, size_t col, const char *key);
/* Column widths the table would get at the body width. */
void		 cf_table_widths(struct cf_layout *, const struct cf_table *,
		    double *widths);

#endif
