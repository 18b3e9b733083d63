/*
 * richtext.c -- CommonMark fields, cleaned once and rendered three ways.
 *
 * cmark's own safe mode already drops raw HTML and some dangerous links
 * from its HTML output, but not from its CommonMark output, and it keeps
 * schemes cli.md forbids (ftp:, tel:, ...).  So the rules are applied to
 * the tree instead, where every renderer sees them.
 *
 * Trees can be as deep as the input allows (16 MiB of `>`), so every walk
 * here is iterative: no recursion over nodes.
 */
#include "richtext.h"

#include <stdlib.h>
#include <string.h>

/* Nodes the walk keeps but does not descend into are leaves anyway. */
static cmark_node *
walk_next(cmark_node *n, cmark_node *root, bool descend)
{
	cmark_node	*c;

	if (descend && (c = cmark_node_first_child(n)) != NULL)
		return c;
	while (n != root) {
		if ((c = cmark_node_next(n)) != NULL)
			return c;
		n = cmark_node_parent(n);
	}
	return NULL;
}

/* The text a reader sees in n's subtree, breaks as spaces. */
static void
plain_text(cmark_node *n, struct cf_buf *out)
{
	cmark_iter	*it = cmark_iter_new(n);
	cmark_event_type ev;
	cmark_node	*c;
	const char	*lit;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		c = cmark_iter_get_node(it);
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(c)) != NULL)
				cf_buf_puts(out, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			cf_buf_putc(out, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* Move n's children in front of n, free n; returns the first moved. */
static cmark_node *
unwrap(cmark_node *n)
{
	cmark_node	*first = cmark_node_first_child(n), *c;

	while ((c = cmark_node_first_child(n)) != NULL)
		cmark_node_insert_before(n, c);
	cmark_node_free(n);
	return first;
}

static cmark_node *
image_to_text(cmark_node *n, cmark_node *next)
{
	struct cf_buf	 alt;
	cmark_node	*t;

	cf_buf_init(&alt);
	plain_text(n, &alt);
	if (alt.len > 0) {
		t = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(t, alt.data);
		cmark_node_insert_before(n, t);
	}
	cf_buf_free(&alt);
	cmark_node_free(n);
	return next;
}

/* A heading inside a field is emphasis, not document structure. */
static cmark_node *
heading_to_bold(cmark_node *n, cmark_node *next)
{
	cmark_node	*p, *strong, *c;

	if (cmark_node_first_child(n) == NULL) {
		cmark_node_free(n);
		return next;
	}
	p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	strong = cmark_node_new(CMARK_NODE_STRONG);
	cmark_node_append_child(p, strong);
	while ((c = cmark_node_first_child(n)) != NULL)
		cmark_node_append_child(strong, c);
	cmark_node_replace(n, p);
	cmark_node_free(n);
	return p;
}

/*
 * cmark writes a link whose text is its address as an autolink, <url>,
 * without escaping the address: a '>' in it would end the autolink and
 * let what follows through as raw HTML, and a '|' would split a table
 * row.  Percent-encoding what a URL may not contain unencoded anyway
 * (RFC 3986) keeps every output, Markdown included, inert.
 */
static void
set_safe_url(cmark_node *link, const char *url)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct cf_buf		 b;
	const unsigned char	*p;

	if (url == NULL)
		return;
	cf_buf_init(&b);
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p <= ' ' || *p == 0x7f || strchr("\"<>\\^`{|}", *p) !=
		    NULL) {
			cf_buf_putc(&b, '%');
			cf_buf_putc(&b, hex[*p >> 4]);
			cf_buf_putc(&b, hex[*p & 0xf]);
		} else
			cf_buf_putc(&b, (char)*p);
	}
	cmark_node_set_url(link, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
}

static void
clean(cmark_node *root)
{
	cmark_node	*n, *next, *first;
	const char	*url;

	n = walk_next(root, root, true);
	while (n != NULL) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HTML_BLOCK:
		case CMARK_NODE_HTML_INLINE:
			next = walk_next(n, root, false);
			cmark_node_free(n);
			n = next;
			break;
		case CMARK_NODE_IMAGE:
			n = image_to_text(n, walk_next(n, root, false));
			break;
		case CMARK_NODE_HEADING:
			n = heading_to_bold(n, walk_next(n, root, false));
			break;
		case CMARK_NODE_LINK:
			url = cmark_node_get_url(n);
			if (url == NULL || cf_url_scheme_ok(url)) {
				set_safe_url(n, url);
				n = walk_next(n, root, true);
				break;
			}
			next = walk_next(n, root, false);
			first = unwrap(n);
			n = first != NULL ? first : next;
			break;
		default:
			n = walk_next(n, root, true);
			break;
		}
	}
}

cmark_node *
cf_rich_parse(const char *md)
{
	cmark_node	*doc;

	if (md == NULL)
		md = "";
	doc = cmark_parse_document(md, strlen(md), CMARK_OPT_DEFAULT);
	clean(doc);
	return doc;
}

/*
 * cmark's CommonMark writer keeps a list apart from a following list or
 * code block with an HTML comment, which is raw HTML in a Markdown output.
 * An empty paragraph between them prints nothing and stops the comment;
 * code blocks are fenced anyway, so only two lists of one kind in a row
 * read back as one list.
 */
static void
separate_lists(cmark_node *root)
{
	cmark_node	*n, *next;
	cmark_node_type	 t;

	for (n = walk_next(root, root, true); n != NULL;
	    n = walk_next(n, root, true)) {
		if (cmark_node_get_type(n) != CMARK_NODE_LIST ||
		    (next = cmark_node_next(n)) == NULL)
			continue;
		t = cmark_node_get_type(next);
		if (t == CMARK_NODE_LIST || t == CMARK_NODE_CODE_BLOCK)
			cmark_node_insert_after(n,
			    cmark_node_new(CMARK_NODE_PARAGRAPH));
	}
}

/* A table cell has one line; a hard break there is just a space. */
static void
soften_breaks(cmark_node *root)
{
	cmark_node	*n, *next, *soft;

	for (n = walk_next(root, root, true); n != NULL; n = next) {
		next = walk_next(n, root, true);
		if (cmark_node_get_type(n) != CMARK_NODE_LINEBREAK)
			continue;
		soft = cmark_node_new(CMARK_NODE_SOFTBREAK);
		cmark_node_replace(n, soft);
		cmark_node_free(n);
		next = walk_next(soft, root, false);
	}
}

/*
 * One rendered piece made fit for a cell: line ends become spaces and
 * `|` is escaped, which GFM tables undo before reading the inline
 * (code spans included).
 */
static void
put_cell_piece(struct cf_buf *out, const char *s)
{
	size_t	 end = strlen(s), i;

	while (end > 0 && (s[end - 1] == '\n' || s[end - 1] == ' '))
		end--;
	for (i = 0; i < end; i++) {
		if (s[i] == '\n')
			cf_buf_putc(out, ' ');
		else if (s[i] == '|')
			cf_buf_puts(out, "\\|");
		else
			cf_buf_putc(out, s[i]);
	}
}

/* Renders an inline node alone as Markdown, through a paragraph. */
static void
put_inline(struct cf_buf *out, cmark_node *inl)
{
	cmark_node	*p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	char		*s;

	cmark_node_append_child(p, inl);
	s = cmark_render_commonmark(p, CMARK_OPT_DEFAULT, 0);
	put_cell_piece(out, s);
	free(s);
	cmark_node_free(p);
}

static void
code_block_cell(struct cf_buf *out, cmark_node *n)
{
	const char	*lit = cmark_node_get_literal(n);
	cmark_node	*code;
	char		*flat, *p;

	if (lit == NULL || *lit == '\0')
		return;
	flat = cf_xstrdup(lit);
	for (p = flat + strlen(flat); p > flat && p[-1] == '\n'; p--)
		p[-1] = '\0';
	for (p = flat; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	code = cmark_node_new(CMARK_NODE_CODE);
	cmark_node_set_literal(code, flat);
	free(flat);
	put_inline(out, code);
}

/*
 * Blocks in document order, one after another: paragraphs and code
 * blocks separated by a space, list items by "; ".
 */
static void
render_cell(cmark_node *doc, struct cf_buf *out)
{
	cmark_iter	*it = cmark_iter_new(doc);
	cmark_event_type ev;
	cmark_node	*n;
	const char	*sep = NULL;
	struct cf_buf	 piece;
	char		*s;

	cf_buf_init(&piece);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		cf_buf_reset(&piece);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_ITEM:
			if (cmark_node_previous(n) != NULL)
				sep = "; ";
			continue;
		case CMARK_NODE_PARAGRAPH:
			s = cmark_render_commonmark(n, CMARK_OPT_DEFAULT, 0);
			put_cell_piece(&piece, s);
			free(s);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		case CMARK_NODE_CODE_BLOCK:
			code_block_cell(&piece, n);
			break;
		default:
			continue;
		}
		if (piece.len == 0)
			continue;
		if (out->len > 0)
			cf_buf_puts(out, sep != NULL ? sep : " ");
		sep = NULL;
		cf_buf_put(out, piece.data, piece.len);
	}
	cf_buf_free(&piece);
	cmark_iter_free(it);
}

static const char *
arena_trimmed(struct cf_arena *a, const char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		n--;
	return cf_arena_strndup(a, s, n);
}

void
cf_rich_render(struct cf_arena *a, const char *md, struct cf_rich *r)
{
	cmark_node	*doc = cf_rich_parse(md);
	struct cf_buf	 cell;
	char		*s;

	s = cmark_render_html(doc, CMARK_OPT_DEFAULT);
	r->html = arena_trimmed(a, s);
	free(s);
	separate_lists(doc);
	s = cmark_render_commonmark(doc, CMARK_OPT_DEFAULT, 0);
	r->md = arena_trimmed(a, s);
	free(s);

	soften_breaks(doc);
	cf_buf_init(&cell);
	render_cell(doc, &cell);
	r->cell = cf_arena_strndup(a, cell.data != NULL ? cell.data : "",
	    cell.len);
	cf_buf_free(&cell);
	cmark_node_free(doc);
}

const char *
cf_rich_inline_cell(struct cf_arena *a, const char *text, const char *url)
{
	cmark_node	*t, *link;
	struct cf_buf	 b;
	const char	*s;

	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, text);
	if (url != NULL && cf_url_scheme_ok(url)) {
		link = cmark_node_new(CMARK_NODE_LINK);
		set_safe_url(link, url);
		cmark_node_append_child(link, t);
		t = link;
	}
	cf_buf_init(&b);
	put_inline(&b, t);
	s = cf_arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	cf_buf_free(&b);
	return s;
}
