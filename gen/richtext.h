/*
 * richtext.h -- the *md* fields of catalogues and responses, made safe.
 *
 * md fields are GitHub Flavored Markdown, read with cmark-gfm and its
 * table, strikethrough, autolink and tasklist extensions plus footnotes.
 * Every field goes through cf_rich_parse(), which applies cli.md
 * ("Documents", "Safe with hostile text") to the tree itself, so every
 * output format -- HTML, Markdown, PDF -- reads the same cleaned tree and
 * none has to remember the rules:
 *
 *   - raw HTML (blocks and inline) becomes text: shown, never live;
 *   - links whose fully decoded address has a scheme other than http,
 *     https or mailto are unwrapped (their text stays); relative and `#`
 *     links stay; every kept address is percent-encoded;
 *   - images become their alt text;
 *   - headings become paragraphs holding one strong span;
 *   - for every form but HTML, footnotes become text: a reference "[1]"
 *     and a closing paragraph "[1] ..." (Markdown footnote labels are
 *     global to a document, so two fields' "[^1]" would collide).
 */
#ifndef CF_RICHTEXT_H
#define CF_RICHTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "util.h"

/* How deep a field's tree may nest (lists, quotes, emphasis, links). */
#define CF_RICH_MAX_DEPTH	32

enum cf_rich_use {
	CF_RICH_USE_HTML,	/* footnotes kept as GFM footnotes */
	CF_RICH_USE_TEXT	/* Markdown and PDF: footnotes as text */
};

/* Parse and clean md; the caller frees the tree with cmark_node_free(). */
cmark_node	*cf_rich_parse(const char *md, enum cf_rich_use);

/* How deep md's tree nests (the document itself not counted). */
size_t		 cf_rich_depth(const char *md);
/*
 * A quick upper bound of cf_rich_depth(md), from its characters alone:
 * when it is within a limit, so is the depth, and md need not be parsed.
 */
size_t		 cf_rich_depth_bound(const char *md);

/*
 * Is the node a bullet list whose every item begins with a label of its
 * own ("a.", "1.", "(a)"), as imported statement items do?  Such a list
 * is shown with those labels alone, no bullet before them.
 */
bool		 cf_rich_labelled(cmark_node *);

/* Is the node a task list item, and is it ticked? */
bool		 cf_rich_task(cmark_node *, bool *checked);

/* The extensions' nodes, which have no fixed cmark_node_type. */
enum cf_rich_ext {
	CF_RICH_EXT_NONE,
	CF_RICH_EXT_TABLE,
	CF_RICH_EXT_ROW,
	CF_RICH_EXT_HEAD_ROW,
	CF_RICH_EXT_CELL,
	CF_RICH_EXT_STRIKE
};
enum cf_rich_ext cf_rich_ext(cmark_node *);
/* The number of columns of a table node. */
size_t		 cf_rich_table_columns(cmark_node *);

/* The forms the templates receive, allocated in the caller's arena. */
struct cf_rich {
	const char	*html;	/* block HTML, safe to insert unescaped */
	const char	*md;	/* GFM blocks, no trailing newline */
	/*
	 * For a Markdown table cell, which holds one line: the field's
	 * first paragraph as one line (or ""), and the blocks that do not
	 * fit a cell as GFM blocks to print below the table (or NULL).
	 */
	const char	*cell;
	const char	*more;
};

/* Which forms to render: a document only pays for what it prints. */
#define CF_RICH_HTML	0x1
#define CF_RICH_MD	0x2	/* md, cell and more */

/*
 * Forms not asked for are NULL; an empty field gives "" for each.  The
 * strings live in the arena, or, while this thread's memo is open, in
 * the memo, which renders each form of a field only once.
 */
void		 cf_rich_render(struct cf_arena *, const char *md,
		    unsigned forms, struct cf_rich *);

/*
 * In-page links ("#au-2"): a resolver gives the element id a fragment
 * names in the documents (malloc'd), or NULL.  While one is set on this
 * thread, a resolved link points at that id and an unresolved one is
 * unwrapped (its text stays): nothing dangles.  Set it around a build
 * job, with the memo (one catalogue per job); NULL: links stay as
 * written.
 */
typedef char	*(*cf_rich_anchor_fn)(void *ctx, const char *fragment);
void		 cf_rich_anchors(cf_rich_anchor_fn, void *ctx);

/*
 * Open this thread's memo, or keep the one open while it holds fewer
 * than max bytes (else it starts again empty): at the start of each build
 * job.  Close it (empty) when the thread is done with the catalogue, or
 * the anchors change: what it holds was rendered with them.
 */
void		 cf_rich_memo_open(size_t max);
void		 cf_rich_memo_close(void);
/* What this thread's memo holds, in bytes; 0 when it is closed. */
size_t		 cf_rich_memo_bytes(void);

/*
 * Plain text (url NULL) or an inline link as one line of Markdown safe in
 * a table cell; an unsafe url leaves the text alone.
 */
const char	*cf_rich_inline_cell(struct cf_arena *, const char *text,
		    const char *url);

#endif
