/*
 * yamlread.c -- libyaml events into a positioned node tree, with limits.
 *
 * The tree is built with an explicit stack, never by recursion, so a file
 * nested ten thousand deep costs a diagnostic, not the C stack.  The UTF-8
 * check runs before libyaml sees the bytes because libyaml reports an
 * encoding error without the line of the offending byte.
 */
#include "yamlread.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "diag.h"
#include "readfile.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_YAML

/* A collection being built: its node and a heap vector of children. */
struct frame {
	struct cf_ynode	*node;
	struct cf_ynode	**items;
	struct cf_ynode	**keys;
	size_t		 n, cap;
	struct cf_ynode	*pending_key;	/* mapping: key awaiting its value */
};

struct reader {
	const char	*path;
	struct cf_arena	*arena;
	struct frame	*stack;
	size_t		 depth;
	struct cf_ynode	*root;
	bool		 fatal;
};

static struct cf_pos
mark_pos(yaml_mark_t m)
{
	struct cf_pos	 p;

	p.line = (int)m.line + 1;
	p.col = (int)m.column + 1;
	return p;
}

/*
 * The line breaks libyaml counts (YAML 1.1): CR LF, CR, LF, NEL, LS and
 * PS.  Positions computed here must agree with the marks libyaml gives.
 * Returns the length of the break at p, or 0.
 */
static size_t
break_len(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == '\r' && p[1] == '\n')
		return 2;
	if (p[0] == '\r' || p[0] == '\n')
		return 1;
	if (n >= 2 && p[0] == 0xc2 && p[1] == 0x85)
		return 2;
	if (n >= 3 && p[0] == 0xe2 && p[1] == 0x80 &&
	    (p[2] == 0xa8 || p[2] == 0xa9))
		return 3;
	return 0;
}

/* libyaml skips a byte order mark: it is no column. */
static size_t
bom_len(const char *s, size_t len)
{
	return len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
}

/* Line and column of byte offset off; the bytes before it are UTF-8. */
static struct cf_pos
pos_of(const char *s, size_t len, size_t off)
{
	const unsigned char	*p = (const unsigned char *)s;
	struct cf_pos		 pos = { 1, 1 };
	size_t			 i = bom_len(s, len), linestart, k;

	if (off < i)
		return pos;
	linestart = i;
	while (i < off) {
		if ((k = break_len(p + i, len - i)) > 0 && i + k <= off) {
			pos.line++;
			linestart = i += k;
		} else
			i++;
	}
	pos.col = (int)cf_utf8_count(s + linestart, off - linestart) + 1;
	return pos;
}

static bool
check_utf8(const char *path, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k;
	unsigned int		 cp;
	struct cf_pos		 pos;

	while (i < len) {
		/* ASCII, the bulk of any input, eight bytes at a time. */
		while (len - i >= 8) {
			uint64_t	 w;

			memcpy(&w, p + i, 8);
			if ((w & UINT64_C(0x8080808080808080)) != 0)
				break;
			i += 8;
		}
		if (i < len && p[i] < 0x80) {
			i++;
			continue;
		}
		if (i >= len)
			break;
		if ((k = cf_utf8_decode(p + i, len - i, &cp)) == 0) {
			pos = pos_of(s, len, i);
			cf_diagk(CF_DK_ENCODING, CF_ERROR, path, pos.line,
			    pos.col, "invalid UTF-8: byte 0x%02x is not part "
			    "of a valid UTF-8 sequence", p[i]);
			return false;
		}
		i += k;
	}
	return true;
}

static struct cf_ynode *
node_new(struct reader *r, enum cf_ytype t, yaml_mark_t start,
    yaml_mark_t end)
{
	struct cf_ynode	*n = cf_arena_alloc(r->arena, sizeof(*n));

	n->type = t;
	n->pos = mark_pos(start);
	n->end = mark_pos(end);
	return n;
}

static void
frame_push_item(struct frame *f, struct cf_ynode *key, struct cf_ynode *val)
{
	/* Sequences have no keys: a list of millions costs half as much. */
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 8;
		f->items = cf_xrealloc(f->items, f->cap * sizeof(*f->items));
		if (f->node->type == CF_Y_MAP)
			f->keys = cf_xrealloc(f->keys,
			    f->cap * sizeof(*f->keys));
	}
	if (f->node->type == CF_Y_MAP)
		f->keys[f->n] = key;
	f->items[f->n++] = val;
}

/* Attach a finished node to the collection being built, or make it root. */
static void
attach(struct reader *r, struct cf_ynode *n)
{
	struct frame	*f;

	if (r->depth == 0) {
		r->root = n;
		return;
	}
	f = &r->stack[r->depth - 1];
	if (f->node->type == CF_Y_SEQ) {
		frame_push_item(f, NULL, n);
		return;
	}
	if (f->pending_key == NULL) {
		if (n->type != CF_Y_SCALAR && !n->bad) {
			cf_diagk(CF_DK_YAML_FEATURE, CF_ERROR, r->path,
			    n->pos.line, n->pos.col,
			    "a mapping key must be a scalar, not a %s",
			    n->type == CF_Y_MAP ? "mapping" : "sequence");
			n->bad = true;
		}
		f->pending_key = n;
		return;
	}
	frame_push_item(f, f->pending_key, n);
	f->pending_key = NULL;
}

static int
key_order(const void *a, const void *b)
{
	const struct cf_ynode	*x = *(struct cf_ynode *const *)a;
	const struct cf_ynode	*y = *(struct cf_ynode *const *)b;
	int			 c;

	if ((c = strcmp(x->value, y->value)) != 0)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return x->pos.col < y->pos.col ? -1 : x->pos.col > y->pos.col;
}

/*
 * Sorting keeps duplicate detection O(n log n): a hostile file with a
 * hundred thousand keys must not take quadratic time.
 */
static void
check_duplicate_keys(struct reader *r, struct frame *f)
{
	struct cf_ynode	**sorted;
	size_t		  i, first, m = 0;

	sorted = cf_xcalloc(f->n ? f->n : 1, sizeof(*sorted));
	for (i = 0; i < f->n; i++)
		if (f->keys[i]->type == CF_Y_SCALAR && !f->keys[i]->bad)
			sorted[m++] = f->keys[i];
	qsort(sorted, m, sizeof(*sorted), key_order);
	for (i = 1, first = 0; i < m; i++) {
		if (strcmp(sorted[i]->value, sorted[first]->value) != 0) {
			first = i;
			continue;
		}
		cf_diagk(CF_DK_DUP_KEY, CF_ERROR, r->path, sorted[i]->pos.line,
		    sorted[i]->pos.col, "duplicate key '%s' (first given "
		    "at line %d)", sorted[i]->value, sorted[first]->pos.line);
		sorted[i]->bad = true;
	}
	free(sorted);
}

static void
open_collection(struct reader *r, enum cf_ytype t, const yaml_event_t *e)
{
	struct frame	*f;

	if (r->depth >= CF_YAML_MAX_DEPTH) {
		cf_diagk(CF_DK_LIMIT, CF_ERROR, r->path,
		    (int)e->start_mark.line + 1,
		    (int)e->start_mark.column + 1, "nesting deeper than %d "
		    "levels is not accepted", CF_YAML_MAX_DEPTH);
		r->fatal = true;
		return;
	}
	f = &r->stack[r->depth++];
	memset(f, 0, sizeof(*f));
	f->node = node_new(r, t, e->start_mark, e->end_mark);
}

static void
close_collection(struct reader *r, const yaml_event_t *e)
{
	struct frame	*f = &r->stack[r->depth - 1];
	struct cf_ynode	*n = f->node;
	size_t		 sz = f->n * sizeof(struct cf_ynode *);

	if (n->type == CF_Y_MAP)
		check_duplicate_keys(r, f);
	n->n = f->n;
	n->end = mark_pos(e->end_mark);
	if (f->n > 0) {
		n->items = memcpy(cf_arena_alloc(r->arena, sz), f->items, sz);
		if (n->type == CF_Y_MAP)
			n->keys = memcpy(cf_arena_alloc(r->arena, sz),
			    f->keys, sz);
	}
	free(f->items);
	free(f->keys);
	r->depth--;
	attach(r, n);
}

/* Anchors, aliases and tags: refused, so no document can expand. */
static bool
check_node_props(struct reader *r, const yaml_event_t *e,
    const yaml_char_t *anchor, const yaml_char_t *tag, bool implicit_tag)
{
	int	 line = (int)e->start_mark.line + 1;
	int	 col = (int)e->start_mark.column + 1;

	if (anchor != NULL) {
		cf_diagk(CF_DK_YAML_FEATURE, CF_ERROR, r->path, line, col,
		    "YAML anchor '&%s' is "
		    "not accepted (no anchors or aliases)", anchor);
		return false;
	}
	if (tag != NULL && !implicit_tag) {
		cf_diagk(CF_DK_YAML_FEATURE, CF_ERROR, r->path, line, col,
		    "explicit YAML tag "
		    "'%s' is not accepted", tag);
		return false;
	}
	return true;
}

/*
 * A quoted scalar can spell any character as an escape.  A NUL would cut
 * the value short in every output, and other control characters make
 * invalid HTML and XML: no document text needs them, so they are refused
 * rather than silently dropped.  Tab and line breaks are text.
 */
static bool
check_controls(struct reader *r, struct cf_ynode *n, const unsigned char *v,
    size_t len)
{
	unsigned int	 cp = 0;
	size_t		 i, k;

	for (i = 0; i < len; i += k) {
		if (v[i] < 0x80) {
			k = 1;
			cp = v[i];
			if ((cp < 0x20 && cp != '\t' && cp != '\n' &&
			    cp != '\r') || cp == 0x7f)
				break;
			continue;
		}
		if ((k = cf_utf8_decode(v + i, len - i, &cp)) == 0)
			k = 1;
		else if ((cp < 0x20 && cp != '\t' && cp != '\n' &&
		    cp != '\r') || (cp >= 0x7f && cp <= 0x9f))
			break;
	}
	if (i >= len)
		return true;
	cf_diagk(CF_DK_ENCODING, CF_ERROR, r->path, n->pos.line,
	    n->pos.col, "control "
	    "character U+%04X is not accepted in a value", cp);
	return false;
}

static void
on_event(struct reader *r, const yaml_event_t *e)
{
	struct cf_ynode	*n;
	bool		 ok;

	switch (e->type) {
	case YAML_SCALAR_EVENT:
		ok = check_node_props(r, e, e->data.scalar.anchor,
		    e->data.scalar.tag, e->data.scalar.plain_implicit ||
		    e->data.scalar.quoted_implicit);
		n = node_new(r, CF_Y_SCALAR, e->start_mark, e->end_mark);
		n->value = cf_arena_strndup(r->arena,
		    (const char *)e->data.scalar.value, e->data.scalar.length);
		n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		n->bad = !ok || !check_controls(r, n, e->data.scalar.value,
		    e->data.scalar.length);
		attach(r, n);
		break;
	case YAML_ALIAS_EVENT:
		cf_diagk(CF_DK_YAML_FEATURE, CF_ERROR, r->path,
		    (int)e->start_mark.line + 1,
		    (int)e->start_mark.column + 1, "YAML alias '*%s' is not "
		    "accepted (no anchors or aliases)", e->data.alias.anchor);
		n = node_new(r, CF_Y_SCALAR, e->start_mark, e->end_mark);
		n->value = "";
		n->bad = true;
		attach(r, n);
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (e->type == YAML_SEQUENCE_START_EVENT)
			ok = check_node_props(r, e,
			    e->data.sequence_start.anchor,
			    e->data.sequence_start.tag,
			    e->data.sequence_start.implicit);
		else
			ok = check_node_props(r, e,
			    e->data.mapping_start.anchor,
			    e->data.mapping_start.tag,
			    e->data.mapping_start.implicit);
		open_collection(r, e->type == YAML_SEQUENCE_START_EVENT ?
		    CF_Y_SEQ : CF_Y_MAP, e);
		if (!r->fatal && !ok)
			r->stack[r->depth - 1].node->bad = true;
		break;
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		close_collection(r, e);
		break;
	default:
		break;
	}
}

static void
report_parser_error(const char *path, const char *text, size_t len,
    const yaml_parser_t *p)
{
	yaml_mark_t	 m = p->problem_mark;
	struct cf_pos	 pos;

	if (p->error == YAML_MEMORY_ERROR) {
		cf_diagk(CF_DK_IO, CF_SYSERR, path, 0, 0,
		    "out of memory parsing YAML");
		return;
	}
	/* The reader knows only the byte offset of what it refused. */
	if (p->error == YAML_READER_ERROR) {
		pos = pos_of(text, len, p->problem_offset < len ?
		    p->problem_offset : len);
		cf_diag(CF_ERROR, path, pos.line, pos.col, "YAML syntax "
		    "error: %s (character U+%04X)", p->problem,
		    (unsigned)p->problem_value);
		return;
	}
	/* Where the construct began is often far from where it broke. */
	if (p->context != NULL)
		cf_diag(CF_ERROR, path, (int)m.line + 1, (int)m.column + 1,
		    "YAML syntax error: %s %s (begun at line %d, column %d)",
		    p->problem, p->context, (int)p->context_mark.line + 1,
		    (int)p->context_mark.column + 1);
	else
		cf_diag(CF_ERROR, path, (int)m.line + 1, (int)m.column + 1,
		    "YAML syntax error: %s", p->problem != NULL ?
		    p->problem : "malformed input");
}

static bool
parse(struct reader *r, const char *text, size_t len)
{
	yaml_parser_t	 parser;
	yaml_event_t	 e;
	int		 docs = 0;
	bool		 done = false, ok = true;

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)text,
	    len);
	while (!done && !r->fatal) {
		if (!yaml_parser_parse(&parser, &e)) {
			report_parser_error(r->path, text, len, &parser);
			ok = false;
			break;
		}
		if (e.type == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			cf_diagk(CF_DK_YAML_FEATURE, CF_ERROR, r->path,
			    (int)e.start_mark.line + 1,
			    (int)e.start_mark.column + 1, "a second YAML "
			    "document in one file is not accepted");
			ok = false;
			done = true;
		} else if (e.type == YAML_STREAM_END_EVENT)
			done = true;
		else
			on_event(r, &e);
		yaml_event_delete(&e);
	}
	yaml_parser_delete(&parser);
	/* Frames left open after an error still own heap vectors. */
	while (r->depth > 0) {
		r->depth--;
		free(r->stack[r->depth].items);
		free(r->stack[r->depth].keys);
	}
	return ok && !r->fatal;
}

/* text is the arena's: the document keeps it. */
/* Is a text of len bytes over the limit?  Said once, at the file. */
static bool
too_large(const char *path, size_t len)
{
	if (len <= CF_YAML_MAX_BYTES)
		return false;
	cf_diagk(CF_DK_LIMIT, CF_ERROR, path, 0, 0, "larger than %u bytes",
	    CF_YAML_MAX_BYTES);
	return true;
}

static struct cf_ydoc *
yaml_doc(const char *path, const char *text, size_t len,
    struct cf_arena *arena)
{
	struct cf_ydoc	*doc;
	struct reader	 r;
	bool		 ok;

	if (too_large(path, len) || !check_utf8(path, text, len))
		return NULL;
	/*
	 * The tree takes about twice the bytes of the text: one block for
	 * it, rather than many that each cost their first touch.
	 */
	if (len >= 256 * 1024)
		cf_arena_reserve(arena, 2 * len);
	memset(&r, 0, sizeof(r));
	r.path = path;
	r.arena = arena;
	r.stack = cf_xcalloc(CF_YAML_MAX_DEPTH, sizeof(*r.stack));
	ok = parse(&r, text, len);
	free(r.stack);
	if (!ok)
		return NULL;
	doc = cf_arena_alloc(arena, sizeof(*doc));
	doc->path = cf_arena_strdup(arena, path);
	doc->text = text;
	doc->len = len;
	doc->root = r.root;
	return doc;
}

struct cf_ydoc *
cf_yaml_read(const char *path, struct cf_arena *arena)
{
	char	*text;
	size_t	 len;

	/* Read into the arena: the document's text is never copied. */
	if ((text = cf_file_read_arena(path, NULL, CF_YAML_MAX_BYTES, &len,
	    arena)) == NULL)
		return NULL;
	return yaml_doc(path, text, len, arena);
}

struct cf_ydoc *
cf_yaml_parse(const char *path, const char *text, size_t len,
    struct cf_arena *arena)
{
	/* Before the copy, which an oversized text is not worth. */
	if (too_large(path, len))
		return NULL;
	return yaml_doc(path, cf_arena_strndup(arena, text, len), len, arena);
}

struct cf_ynode *
cf_ymap_get(const struct cf_ynode *map, const char *key)
{
	size_t	 i;

	if (map == NULL || map->type != CF_Y_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (map->keys[i]->type == CF_Y_SCALAR &&
		    strcmp(map->keys[i]->value, key) == 0)
			return map->items[i];
	return NULL;
}

size_t
cf_yaml_offset(const struct cf_ydoc *doc, struct cf_pos pos)
{
	const unsigned char	*p = (const unsigned char *)doc->text;
	size_t			 i = bom_len(doc->text, doc->len), k;
	int			 line = 1, col = 1;

	while (i < doc->len && line < pos.line) {
		if ((k = break_len(p + i, doc->len - i)) > 0) {
			line++;
			i += k;
		} else
			i++;
	}
	while (i < doc->len && col < pos.col &&
	    break_len(p + i, doc->len - i) == 0) {
		i++;
		while (i < doc->len && (p[i] & 0xc0) == 0x80)
			i++;
		col++;
	}
	return i;
}
