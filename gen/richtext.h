/*
 * richtext.h -- the *md* fields of catalogues and responses, made safe.
 *
 * Every md field goes through cf_rich_parse(), which applies cli.md
 * ("Documents", "Safe with hostile text") to the CommonMark tree itself,
 * so every output format -- HTML, Markdown, PDF -- reads the same cleaned
 * tree and none has to remember the rules:
 *
 *   - raw HTML (blocks and inline) is removed;
 *   - links whose address has a scheme other than http, https or mailto
 *     are unwrapped (their text stays); relative and `#` links stay;
 *   - images become their alt text;
 *   - headings become paragraphs holding one strong span.
 */
#ifndef CF_RICHTEXT_H
#define CF_RICHTEXT_H

#include <stdbool.h>

#include <cmark.h>

#include "util.h"

/* Parse and clean md; the caller frees the tree with cmark_node_free(). */
cmark_node	*cf_rich_parse(const char *md);

/* The forms the templates receive, allocated in the caller's arena. */
struct cf_rich {
	const char	*html;	/* block HTML, safe to insert unescaped */
	const char	*md;	/* CommonMark blocks, no trailing newline */
	const char	*cell;	/* one line of Markdown for a table cell */
};

void		 cf_rich_render(struct cf_arena *, const char *md,
		    struct cf_rich *);

/*
 * Plain text (url NULL) or an inline link as one line of Markdown safe in
 * a table cell; an unsafe url leaves the text alone.
 */
const char	*cf_rich_inline_cell(struct cf_arena *, const char *text,
		    const char *url);

#endif
