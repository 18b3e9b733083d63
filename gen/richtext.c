/*
 * richtext.c -- GFM fields, cleaned once and rendered in the forms a
 * document prints.
 *
 * cmark-gfm's own safe mode drops raw HTML and some dangerous links from
 * its HTML output, but not from its CommonMark output, and it keeps
 * schemes cli.md forbids (ftp:, tel:, ...); and cli.md wants raw HTML
 * shown, not dropped.  So the rules are applied to the tree instead,
 * where every renderer sees them.
 *
 * Trees can be as deep as the input allows (16 MiB of `>`), so every walk
 * here is iterative: no recursion over nodes.
 */
#include "richtext.h"

#include <ctype.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

/*
 * GFM as github.com reads it: these extensions, and footnotes.  Column
 * alignment as a style attribute: HTML5 has no `align`.
 */
#define RICH_OPTS	(CMARK_OPT_FOOTNOTES | \
			    CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES)

static const char *const gfm_names[] = { "table", "strikethrough",
    "autolink", "tasklist" };
static pthread_once_t	 gfm_once = PTHREAD_ONCE_INIT;
static cmark_llist	*gfm_list;	/* the HTML renderer needs them too */

/*
 * cmark-gfm keeps the characters that start an inline one table for the
 * whole process: parsing with the extensions adds theirs (autolink's ':'
 * and 'w', strikethrough's '~') and removes them when it is done.  Two
 * threads parsing at once (build -j) made one miss an autolink or a
 * strikethrough now and then, changing the output.  So one parses at a
 * time (github/cmark-gfm#221 and standardese#199 describe the table),
 * and with one parser: cmark_parser_finish() leaves it as new, its
 * extensions attached, and making one per field cost a third of parsing.
 */
static pthread_mutex_t	 gfm_lock = PTHREAD_MUTEX_INITIALIZER;
static cmark_parser	*gfm_parser;	/* under gfm_lock; never freed */

static void
gfm_register(void)
{
	cmark_llist	*l;
	size_t		 i;

	cmark_gfm_core_extensions_ensure_registered();
	for (i = 0; i < sizeof(gfm_names) / sizeof(gfm_names[0]); i++)
		gfm_list = cmark_llist_append(cmark_get_default_mem_allocator(),
		    gfm_list, cmark_find_syntax_extension(gfm_names[i]));
	gfm_parser = cmark_parser_new(RICH_OPTS);
	for (l = gfm_list; l != NULL; l = l->next)
		cmark_parser_attach_syntax_extension(gfm_parser, l->data);
}

static cmark_node *
parse_gfm(const char *md)
{
	cmark_node	*doc;

	pthread_once(&gfm_once, gfm_register);
	pthread_mutex_lock(&gfm_lock);
	cmark_parser_feed(gfm_parser, md != NULL ? md : "",
	    md != NULL ? strlen(md) : 0);
	doc = cmark_parser_finish(gfm_parser);
	pthread_mutex_unlock(&gfm_lock);
	return doc;
}

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

/*
 * cmark-gfm's inline literals may point into their block's source text,
 * which goes when the block is freed: asking for a literal (or an
 * address) copies it into the node, so inlines can move to another block.
 */
static void
own_literals(cmark_node *root)
{
	cmark_node	*n;

	for (n = walk_next(root, root, true); n != NULL;
	    n = walk_next(n, root, true)) {
		(void)cmark_node_get_literal(n);
		if (cmark_node_get_type(n) == CMARK_NODE_LINK ||
		    cmark_node_get_type(n) == CMARK_NODE_IMAGE) {
			(void)cmark_node_get_url(n);
			(void)cmark_node_get_title(n);
		}
	}
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
	own_literals(n);
	p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	strong = cmark_node_new(CMARK_NODE_STRONG);
	cmark_node_append_child(p, strong);
	while ((c = cmark_node_first_child(n)) != NULL)
		cmark_node_append_child(strong, c);
	cmark_node_replace(n, p);
	cmark_node_free(n);
	return p;
}

/* How deep doc's tree nests, counted up to a little past stop. */
static size_t
tree_depth(cmark_node *doc, size_t stop)
{
	cmark_node	*n, *c;
	size_t		 d = 1, max = 0;

	for (n = cmark_node_first_child(doc); n != NULL && max <= stop; ) {
		if (d > max)
			max = d;
		if ((c = cmark_node_first_child(n)) != NULL) {
			n = c;
			d++;
			continue;
		}
		while (n != doc && cmark_node_next(n) == NULL) {
			n = cmark_node_parent(n);
			d--;
		}
		n = n != doc ? cmark_node_next(n) : NULL;
	}
	return max;
}

/* Raw HTML is shown as what it says: text, line by line for a block. */
static cmark_node *
html_to_text(cmark_node *n, cmark_node *root)
{
	const char	*lit = cmark_node_get_literal(n), *e;
	cmark_node	*repl, *t;
	char		*line;
	size_t		 len, n1;

	if (lit == NULL)
		lit = "";
	if (cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE) {
		repl = cmark_node_new(CMARK_NODE_TEXT);
		cmark_node_set_literal(repl, lit);
	} else {
		repl = cmark_node_new(CMARK_NODE_PARAGRAPH);
		len = strlen(lit);
		while (len > 0 && lit[len - 1] == '\n')
			len--;
		while (len > 0) {
			if (cmark_node_first_child(repl) != NULL)
				cmark_node_append_child(repl,
				    cmark_node_new(CMARK_NODE_LINEBREAK));
			e = memchr(lit, '\n', len);
			n1 = e != NULL ? (size_t)(e - lit) : len;
			line = cf_xmalloc(n1 + 1);
			memcpy(line, lit, n1);
			line[n1] = '\0';
			t = cmark_node_new(CMARK_NODE_TEXT);
			cmark_node_set_literal(t, line);
			cmark_node_append_child(repl, t);
			free(line);
			if (e == NULL)
				break;
			len -= (size_t)(e - lit) + 1;
			lit = e + 1;
		}
	}
	cmark_node_replace(n, repl);
	cmark_node_free(n);
	return walk_next(repl, root, false);
}

/* The address, percent-encoded for every format (util.h). */
static void
set_safe_url(cmark_node *link, const char *url)
{
	char	*enc;

	if (url == NULL)
		return;
	enc = cf_url_encode(url);
	cmark_node_set_url(link, enc);
	free(enc);
}

static _Thread_local cf_rich_anchor_fn	 anchor_fn;
static _Thread_local void		*anchor_ctx;

void
cf_rich_anchors(cf_rich_anchor_fn fn, void *ctx)
{
	anchor_fn = fn;
	anchor_ctx = ctx;
}

/* An in-page link, pointed at the anchor it names; false: unresolved. */
static bool
resolve_anchor(cmark_node *link, const char *url)
{
	char	*id, *frag;
	bool	 ok;

	if (anchor_fn == NULL) {
		set_safe_url(link, url);
		return true;
	}
	/* Decoded: "#AC-2%281%29" names AC-2(1). */
	frag = cf_url_decode(url + 1);
	id = anchor_fn(anchor_ctx, frag);
	free(frag);
	if ((ok = id != NULL)) {
		frag = cf_xmalloc(strlen(id) + 2);
		frag[0] = '#';
		memcpy(frag + 1, id, strlen(id) + 1);
		set_safe_url(link, frag);
		free(frag);
	}
	free(id);
	return ok;
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
			n = html_to_text(n, root);
			break;
		case CMARK_NODE_IMAGE:
			n = image_to_text(n, walk_next(n, root, false));
			break;
		case CMARK_NODE_HEADING:
			n = heading_to_bold(n, walk_next(n, root, false));
			break;
		case CMARK_NODE_LINK:
			url = cmark_node_get_url(n);
			if (url != NULL && url[0] == '#') {
				if (resolve_anchor(n, url)) {
					n = walk_next(n, root, true);
					break;
				}
			} else if (url == NULL || cf_url_scheme_ok(url)) {
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

/* The nodes of one type in document order; the caller frees the array. */
static cmark_node **
collect(cmark_node *root, cmark_node_type t1, cmark_node_type t2, size_t *n)
{
	cmark_node	**v = NULL, *c;
	size_t		  cap = 0;
	cmark_node_type	  t;

	*n = 0;
	for (c = walk_next(root, root, true); c != NULL;
	    c = walk_next(c, root, true)) {
		t = cmark_node_get_type(c);
		if (t != t1 && t != t2)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 8;
			v = cf_xrealloc(v, cap * sizeof(*v));
		}
		v[(*n)++] = c;
	}
	return v;
}

/*
 * Footnotes as text: "[1]" where referenced, and each note a paragraph
 * "[1] ..." where cmark-gfm put it, at the end, numbered in the order it
 * numbers them.
 */
static void
footnotes_to_text(cmark_node *root)
{
	cmark_node	**v, *t, *p, *c;
	size_t		  n, i, k = 0;
	char		  label[32];
	const char	 *lit;

	v = collect(root, CMARK_NODE_FOOTNOTE_REFERENCE,
	    CMARK_NODE_FOOTNOTE_DEFINITION, &n);
	for (i = 0; i < n; i++) {
		t = cmark_node_new(CMARK_NODE_TEXT);
		if (cmark_node_get_type(v[i]) == CMARK_NODE_FOOTNOTE_REFERENCE) {
			lit = cmark_node_get_literal(v[i]);
			snprintf(label, sizeof(label), "[%s]",
			    lit != NULL ? lit : "");
			cmark_node_set_literal(t, label);
			cmark_node_replace(v[i], t);
			cmark_node_free(v[i]);
			continue;
		}
		snprintf(label, sizeof(label), "[%zu] ", ++k);
		cmark_node_set_literal(t, label);
		p = cmark_node_first_child(v[i]);
		if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH) {
			p = cmark_node_new(CMARK_NODE_PARAGRAPH);
			cmark_node_prepend_child(v[i], p);
		}
		cmark_node_prepend_child(p, t);
		while ((c = cmark_node_first_child(v[i])) != NULL)
			cmark_node_insert_before(v[i], c);
		cmark_node_free(v[i]);
	}
	free(v);
}

cmark_node *
cf_rich_parse(const char *md, enum cf_rich_use use)
{
	cmark_node	*doc = parse_gfm(md);

	clean(doc);
	if (use == CF_RICH_USE_TEXT)
		footnotes_to_text(doc);
	return doc;
}

size_t
cf_rich_depth(const char *md)
{
	cmark_node	*doc = parse_gfm(md);
	size_t		 d = tree_depth(doc, SIZE_MAX);

	cmark_node_free(doc);
	return d;
}

/*
 * An upper bound of cf_rich_depth(md) read off the characters, without
 * parsing.  A path from the document down to a leaf is: block containers
 * (quotes, lists, items), a leaf block (3 levels for a table: table, row,
 * cell), inline containers (emphasis, links, strikethrough), an inline
 * leaf.  Each block container an inner block sits in was matched or
 * opened on the line that block began, by what starts the line: a `>`,
 * a list marker (`-+*`, digits and `.` or `)`) or at least two columns of
 * indentation for an item, and a list comes with each item -- so at most
 * two levels per character of the line's lead made of those and of
 * blanks (a tab four columns).  Each inline container is opened by a
 * character of its own among `*_[<~` that no backslash escapes (an
 * escaped one is text, and a backslash in code is followed by no
 * opener), but for one autolink of the autolink extension, which holds
 * only text.  Footnote definitions (`[^`) are containers of their own:
 * no bound then.
 */
/* What each byte is to cf_rich_depth_bound(); most bytes are nothing. */
enum {
	DB_LEAD = 1,		/* may be part of a line's container lead */
	DB_TAB = 2,		/* so is a tab, up to four columns */
	DB_INLINE = 4,		/* may open an inline container */
	DB_ESCAPE = 8,		/* a backslash */
	DB_LINE = 16,		/* ends a line */
	DB_FOOT = 32		/* `[`: maybe `[^` */
};

static unsigned char	 depth_class[256];
static pthread_once_t	 depth_once = PTHREAD_ONCE_INIT;

static void
depth_classes(void)
{
	const char	*c;

	for (c = " >-+*.)0123456789"; *c != '\0'; c++)
		depth_class[(unsigned char)*c] |= DB_LEAD;
	for (c = "*_[<~"; *c != '\0'; c++)
		depth_class[(unsigned char)*c] |= DB_INLINE;
	depth_class['\t'] |= DB_TAB;
	depth_class['\\'] |= DB_ESCAPE;
	depth_class['\n'] |= DB_LINE;
	depth_class['\r'] |= DB_LINE;
	depth_class['['] |= DB_FOOT;
}

size_t
cf_rich_depth_bound(const char *md)
{
	const unsigned char	*p = (const unsigned char *)md;
	size_t			 lead = 0, lead_max = 0, inl = 0;
	bool			 at_lead = true;
	unsigned		 c;

	if (md == NULL)
		return 0;
	pthread_once(&depth_once, depth_classes);
	for (; *p != '\0'; p++) {
		if ((c = depth_class[*p]) == 0) {
			at_lead = false;
			continue;
		}
		if (c & DB_LINE) {
			at_lead = true;
			if (lead > lead_max)
				lead_max = lead;
			lead = 0;
			continue;
		}
		if (at_lead) {
			if (c & DB_LEAD)
				lead += 1;
			else if (c & DB_TAB)
				lead += 4;
			else
				at_lead = false;
		}
		if ((c & DB_ESCAPE) && p[1] < 0x80 && ispunct(p[1])) {
			p++;
			continue;
		}
		if ((c & DB_FOOT) && p[1] == '^')
			return SIZE_MAX;
		if (c & DB_INLINE)
			inl++;
	}
	if (lead > lead_max)
		lead_max = lead;
	return 2 * lead_max + inl + 5;
}

enum cf_rich_ext
cf_rich_ext(cmark_node *n)
{
	const char	*t = cmark_node_get_type_string(n);

	if (t == NULL)
		return CF_RICH_EXT_NONE;
	if (strcmp(t, "table") == 0)
		return CF_RICH_EXT_TABLE;
	if (strcmp(t, "table_row") == 0 || strcmp(t, "table_header") == 0)
		return cmark_gfm_extensions_get_table_row_is_header(n) ?
		    CF_RICH_EXT_HEAD_ROW : CF_RICH_EXT_ROW;
	if (strcmp(t, "table_cell") == 0)
		return CF_RICH_EXT_CELL;
	if (strcmp(t, "strikethrough") == 0)
		return CF_RICH_EXT_STRIKE;
	return CF_RICH_EXT_NONE;
}

size_t
cf_rich_table_columns(cmark_node *table)
{
	return cmark_gfm_extensions_get_table_columns(table);
}

bool
cf_rich_task(cmark_node *n, bool *checked)
{
	const char	*t = cmark_node_get_type_string(n);

	if (t == NULL || strcmp(t, "tasklist") != 0)
		return false;
	*checked = cmark_gfm_extensions_get_tasklist_item_checked(n);
	return true;
}

/*
 * Does s begin with a label of its own, as statement items do: "a.",
 * "12.", "(a)", "(iv)", "1)", then a space or the end?
 */
static bool
starts_with_label(const char *s)
{
	bool	 paren = *s == '(';
	size_t	 n;

	s += paren;
	if ((n = strspn(s, "0123456789")) == 0 &&
	    (n = strspn(s, "ivx")) <= 1)	/* one letter, or roman */
		n = isalpha((unsigned char)*s) ? 1 : 0;
	if (n == 0 || n > 4)
		return false;
	s += n;
	if (*s != ')' && (paren || *s != '.'))
		return false;
	s++;
	return *s == ' ' || *s == '\0';
}

/* Does the item's text begin with its own label? */
static bool
item_labelled(cmark_node *item)
{
	cmark_node	*p = cmark_node_first_child(item), *t;

	if (p == NULL || cmark_node_get_type(p) != CMARK_NODE_PARAGRAPH)
		return false;
	t = cmark_node_first_child(p);
	return t != NULL && cmark_node_get_type(t) == CMARK_NODE_TEXT &&
	    starts_with_label(cmark_node_get_literal(t));
}

bool
cf_rich_labelled(cmark_node *list)
{
	cmark_node	*item;

	if (cmark_node_get_type(list) != CMARK_NODE_LIST ||
	    cmark_node_get_list_type(list) != CMARK_BULLET_LIST ||
	    cmark_node_first_child(list) == NULL)
		return false;
	for (item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item))
		if (!item_labelled(item))
			return false;
	return true;
}

/*
 * cmark's CommonMark writer keeps a list apart from a following list or
 * code block with an HTML comment, which is raw HTML in a Markdown output.
 * An empty paragraph between them prints nothing and stops the comment;
 * code blocks are fenced (an indented one after a list would be read
 * back as part of its last item), so only two lists of one kind in a row
 * read back as one list.
 */
static void
separate_lists(cmark_node *root)
{
	cmark_node	*n, *next;
	const char	*info;

	for (n = walk_next(root, root, true); n != NULL;
	    n = walk_next(n, root, true)) {
		if (cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
		    ((info = cmark_node_get_fence_info(n)) == NULL ||
		    *info == '\0'))
			cmark_node_set_fence_info(n, "text");
		if (cmark_node_get_type(n) == CMARK_NODE_LIST &&
		    (next = cmark_node_next(n)) != NULL &&
		    (cmark_node_get_type(next) == CMARK_NODE_LIST ||
		    cmark_node_get_type(next) == CMARK_NODE_CODE_BLOCK))
			cmark_node_insert_after(n,
			    cmark_node_new(CMARK_NODE_PARAGRAPH));
	}
}

/*
 * A tree deeper than any loaded field may be (load.c refuses them) is
 * written as its text alone: the CommonMark writer's time grows with
 * depth times size.
 */
static void
flatten_if_deep(cmark_node *doc)
{
	cmark_node	*c, *p, *t;
	struct cf_buf	 text;

	if (tree_depth(doc, CF_RICH_MAX_DEPTH) <= CF_RICH_MAX_DEPTH)
		return;
	cf_buf_init(&text);
	plain_text(doc, &text);
	while ((c = cmark_node_first_child(doc)) != NULL)
		cmark_node_free(c);
	p = cmark_node_new(CMARK_NODE_PARAGRAPH);
	t = cmark_node_new(CMARK_NODE_TEXT);
	cmark_node_set_literal(t, text.data != NULL ? text.data : "");
	cmark_node_append_child(p, t);
	cmark_node_append_child(doc, p);
	cf_buf_free(&text);
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
	s = cmark_render_commonmark(p, RICH_OPTS, 0);
	put_cell_piece(out, s);
	free(s);
	cmark_node_free(p);
}

static const char *
arena_trimmed(struct cf_arena *a, const char *s)
{
	size_t	 n = strlen(s);

	while (n > 0 && s[n - 1] == '\n')
		n--;
	return cf_arena_strndup(a, s, n);
}

/* A field's footnote tag, and its place in the memo. */
static uint32_t
text_hash(const char *s)
{
	return cf_fnv1a(s, strlen(s));
}

/* A stable prefix per field text, as 8 hex digits. */
static void
field_tag(const char *md, char tag[9])
{
	snprintf(tag, 9, "%08x", (unsigned)text_hash(md));
}

/*
 * What cmark-gfm writes that cfgen's HTML does not: footnote ids fn-1,
 * fnref-1, ... that two fields on one page would repeat (each field's get
 * its text's tag); XHTML-style task list boxes; column titles without a
 * scope; alignment as inline style.  None of these attribute strings can
 * come from a field's text, whose quotes are escaped.
 */
static const struct {
	const char	*from, *to;	/* to NULL: the footnote tag */
} html_fix[] = {
	{ "=\"fn-", NULL }, { "=\"#fn-", NULL }, { "=\"fnref-", NULL },
	{ "=\"#fnref-", NULL },
	{ "<input type=\"checkbox\" disabled=\"\" />",
	    "<input type=\"checkbox\" disabled>" },
	{ "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
	    "<input type=\"checkbox\" checked disabled>" },
	{ "<th>", "<th scope=\"col\">" },
	{ "<th style=\"text-align: left\">",
	    "<th scope=\"col\" class=\"al-left\">" },
	{ "<th style=\"text-align: center\">",
	    "<th scope=\"col\" class=\"al-center\">" },
	{ "<th style=\"text-align: right\">",
	    "<th scope=\"col\" class=\"al-right\">" },
	{ " style=\"text-align: left\"", " class=\"al-left\"" },
	{ " style=\"text-align: center\"", " class=\"al-center\"" },
	{ " style=\"text-align: right\"", " class=\"al-right\"" }
};

/* The first characters of html_fix's from. */
static const char	 html_fix_starts[] = "=< ";

static const char *
html_fix_up(struct cf_arena *a, const char *html, const char *md)
{
	struct cf_buf	 b;
	const char	*s;
	char		 tag[9] = "";
	size_t		 i, len;

	cf_buf_init(&b);
	for (s = html; *s != '\0'; ) {
		/* Up to where a fix may start, copied whole. */
		len = strcspn(s, html_fix_starts);
		cf_buf_put(&b, s, len);
		if (*(s += len) == '\0')
			break;
		for (i = 0; i < sizeof(html_fix) / sizeof(html_fix[0]); i++)
			if (*s == html_fix[i].from[0] && strncmp(s,
			    html_fix[i].from, strlen(html_fix[i].from)) == 0)
				break;
		if (i == sizeof(html_fix) / sizeof(html_fix[0])) {
			cf_buf_putc(&b, *s++);
			continue;
		}
		len = strlen(html_fix[i].from);
		if (html_fix[i].to != NULL)
			cf_buf_puts(&b, html_fix[i].to);
		else {	/* up to and with "fn", then the tag */
			if (tag[0] == '\0')	/* footnotes are rare */
				field_tag(md, tag);
			cf_buf_put(&b, s, len - 1);
			cf_buf_printf(&b, "-%s-", tag);
		}
		s += len;
	}
	s = arena_trimmed(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

/*
 * A labelled list (cf_rich_labelled) as <ul class="labelled">, which the
 * style sheets show without bullets: "a." alone, not "\u2022 a.".  cmark
 * writes no class, so a custom block holds the items instead of the list.
 */
static void
html_labelled_lists(cmark_node *doc)
{
	cmark_node	*n, *next, *ul, *item;

	for (n = walk_next(doc, doc, true); n != NULL; n = next) {
		if (!cf_rich_labelled(n)) {
			next = walk_next(n, doc, true);
			continue;
		}
		ul = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
		cmark_node_set_on_enter(ul, "<ul class=\"labelled\">");
		cmark_node_set_on_exit(ul, "</ul>");
		cmark_node_insert_before(n, ul);
		while ((item = cmark_node_first_child(n)) != NULL)
			cmark_node_append_child(ul, item);
		cmark_node_free(n);
		next = walk_next(ul, doc, true);	/* nested lists */
	}
}

static const char *
render_html(struct cf_arena *a, const char *md)
{
	cmark_node	*doc = cf_rich_parse(md, CF_RICH_USE_HTML);
	const char	*out;
	char		*s;

	html_labelled_lists(doc);
	s = cmark_render_html(doc, RICH_OPTS, gfm_list);
	out = html_fix_up(a, s, md);
	free(s);
	cmark_node_free(doc);
	return out;
}

/*
 * Markdown: the whole field as GFM blocks, and for a table cell its first
 * paragraph as one line with the blocks after it kept apart, to print
 * below the table (a GFM cell holds no lists, code blocks or tables).
 */
static void
render_md(struct cf_arena *a, const char *md, struct cf_rich *r)
{
	cmark_node	*doc = cf_rich_parse(md, CF_RICH_USE_TEXT), *first;
	struct cf_buf	 cell;
	char		*s;

	flatten_if_deep(doc);
	separate_lists(doc);
	s = cmark_render_commonmark(doc, RICH_OPTS, 0);
	r->md = arena_trimmed(a, s);
	free(s);

	cf_buf_init(&cell);
	first = cmark_node_first_child(doc);
	if (first != NULL && cmark_node_get_type(first) ==
	    CMARK_NODE_PARAGRAPH) {
		cmark_node_unlink(first);
		soften_breaks(first);
		s = cmark_render_commonmark(first, RICH_OPTS, 0);
		put_cell_piece(&cell, s);
		free(s);
		cmark_node_free(first);
	}
	r->cell = cf_arena_strndup(a, cell.data != NULL ? cell.data : "",
	    cell.len);
	cf_buf_free(&cell);
	if (cmark_node_first_child(doc) != NULL) {
		s = cmark_render_commonmark(doc, RICH_OPTS, 0);
		r->more = arena_trimmed(a, s);
		free(s);
	}
	cmark_node_free(doc);
}

static void
render_forms(struct cf_arena *a, const char *md, unsigned forms,
    struct cf_rich *r)
{
	memset(r, 0, sizeof(*r));
	if (forms & CF_RICH_HTML)
		r->html = render_html(a, md);
	if (forms & CF_RICH_MD)
		render_md(a, md, r);
}

/*
 * The memo: every form of a field rendered at most once while it is
 * open.  A build prints a field in several documents of one format (the
 * release's checklist and each product's, a checklist and a declaration,
 * a guide's index and its section); each thread has its own memo, kept
 * from one job to the next until it holds as many bytes as its opener
 * allows, then started afresh at the next job, so nothing is shared and
 * memory does not grow with the number of products.
 */
struct memo {
	struct memo	*next;		/* in its bucket */
	const char	*md;		/* a copy: the key */
	uint32_t	 hash;
	unsigned	 forms;		/* rendered so far */
	struct cf_rich	 r;
};

struct memo_table {
	struct cf_arena	  arena;
	struct memo	**buckets;
	size_t		  nbuckets, n;
	size_t		  bytes;	/* held: keys and forms */
};

static _Thread_local struct memo_table *memo;

void
cf_rich_memo_open(size_t max)
{
	if (memo != NULL && memo->bytes < max)
		return;
	cf_rich_memo_close();
	memo = cf_xcalloc(1, sizeof(*memo));
	cf_arena_init(&memo->arena);
	memo->nbuckets = 256;
	memo->buckets = cf_xcalloc(memo->nbuckets, sizeof(*memo->buckets));
}

void
cf_rich_memo_close(void)
{
	if (memo == NULL)
		return;
	cf_arena_free(&memo->arena);
	free(memo->buckets);
	free(memo);
	memo = NULL;
}

/* Bytes a form takes in the memo's arena (none for a form not made). */
static size_t
held(const char *s)
{
	return s != NULL ? strlen(s) + 1 : 0;
}

size_t
cf_rich_memo_bytes(void)
{
	return memo != NULL ? memo->bytes : 0;
}

static void
memo_grow(struct memo_table *t)
{
	struct memo	**nb, *m, *next;
	size_t		  n = t->nbuckets * 2, i;

	nb = cf_xcalloc(n, sizeof(*nb));
	for (i = 0; i < t->nbuckets; i++)
		for (m = t->buckets[i]; m != NULL; m = next) {
			next = m->next;
			m->next = nb[m->hash % n];
			nb[m->hash % n] = m;
		}
	free(t->buckets);
	t->buckets = nb;
	t->nbuckets = n;
}

static struct memo *
memo_entry(struct memo_table *t, const char *md)
{
	uint32_t	 h = text_hash(md);
	struct memo	*m;

	for (m = t->buckets[h % t->nbuckets]; m != NULL; m = m->next)
		if (m->hash == h && strcmp(m->md, md) == 0)
			return m;
	if (t->n >= 2 * t->nbuckets)
		memo_grow(t);
	m = cf_arena_alloc(&t->arena, sizeof(*m));
	m->md = cf_arena_strdup(&t->arena, md);
	t->bytes += sizeof(*m) + held(md);
	m->hash = h;
	m->next = t->buckets[h % t->nbuckets];
	t->buckets[h % t->nbuckets] = m;
	t->n++;
	return m;
}

void
cf_rich_render(struct cf_arena *a, const char *md, unsigned forms,
    struct cf_rich *r)
{
	struct memo	*m;
	struct cf_rich	 more;
	unsigned	 missing;

	if (md == NULL)
		md = "";
	if (memo == NULL) {
		render_forms(a, md, forms, r);
		return;
	}
	m = memo_entry(memo, md);
	if ((missing = forms & ~m->forms) != 0) {
		render_forms(&memo->arena, md, missing, &more);
		if (missing & CF_RICH_HTML) {
			m->r.html = more.html;
			memo->bytes += held(more.html);
		}
		if (missing & CF_RICH_MD) {
			m->r.md = more.md;
			m->r.cell = more.cell;
			m->r.more = more.more;
			memo->bytes += held(more.md) + held(more.cell) +
			    held(more.more);
		}
		m->forms |= missing;
	}
	memset(r, 0, sizeof(*r));
	if (forms & CF_RICH_HTML)
		r->html = m->r.html;
	if (forms & CF_RICH_MD) {
		r->md = m->r.md;
		r->cell = m->r.cell;
		r->more = m->r.more;
	}
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
