/*
 * mustache.c -- Mustache templates: parse into a tree, then render.
 *
 * The whole template is parsed before anything is written, so a malformed
 * template yields a diagnostic and no half-written output.  Partials are
 * parsed when first rendered, because a partial may legally include itself
 * and only the data decides how deep that goes; their trees are cached for
 * the rest of the call.
 */
#include "mustache.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_TEMPLATE

/* Deeper nesting is a runaway recursion or a hostile template. */
#define MAX_PARTIAL_DEPTH	64
#define MAX_SECTION_DEPTH	100

enum ntype {
	N_TEXT,
	N_VAR,
	N_SECTION,
	N_INVERTED,
	N_PARTIAL
};

/* One part of a dotted name, as a map key is looked up (value.h). */
struct name_part {
	const char	*s;		/* not NUL-terminated */
	size_t		 len;
	unsigned	 hash;		/* cf_value_hash(s, len) */
	size_t		 slot;		/* where found last (cf_value_geth) */
};

struct node {
	enum ntype	 type;
	const char	*text;		/* N_TEXT, not NUL-terminated */
	size_t		 len;
	const char	*name;		/* the tag's trimmed content */
	struct name_part *parts;	/* name split at '.'; "." has none */
	size_t		 nparts;
	const char	*indent;	/* N_PARTIAL on a standalone line */
	bool		 escape;	/* N_VAR */
	int		 line, col;
	struct node	*child;		/* N_SECTION, N_INVERTED */
	struct node	*next;
};

struct open_section {
	struct node	 *node;
	struct node	**tail;
};

struct parser {
	struct cf_arena		*arena;
	const char		*file;
	const char		*src;
	const char		*otag;
	const char		*ctag;
	const char		*mark;		/* position() has counted to */
	int			 line, col;	/* of mark */
	struct open_section	 open[MAX_SECTION_DEPTH + 1];
	int			 depth;
};

struct partial {
	const char	*name;
	const char	*indent;
	const char	*file;		/* for messages */
	struct node	*nodes;		/* NULL: missing or empty */
	bool		 missing;
	struct partial	*next;
};

/* The context stack lives on the C stack, one frame per section level. */
struct ctx {
	const struct cf_value	*v;
	const struct ctx	*up;
};

struct render {
	const struct cf_mustache_opts	*opts;
	struct cf_arena			 arena;
	struct partial			*partials;
	struct cf_buf			*out;
	size_t				 mark;	/* out->len at the start */
	size_t				 steps;	/* nodes rendered */
	int				 depth;
};

static int	render_nodes(struct render *, const struct node *,
		    const struct ctx *, const char *);
static int	budget(struct render *, const struct node *, const char *);

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
	    c == '\v' || c == '\f';
}

/*
 * Tags are met in order, so positions are counted on from the last one:
 * asking from the start each time would be quadratic in the template.
 */
static void
position(struct parser *ps, const char *at, int *line, int *col)
{
	for (; ps->mark < at; ps->mark++)
		if (*ps->mark == '\n') {
			ps->line++;
			ps->col = 1;
		} else if (((unsigned char)*ps->mark & 0xc0) != 0x80)
			ps->col++;
	*line = ps->line;
	*col = ps->col;
}

static void __attribute__((format(printf, 3, 4)))
parse_error(struct parser *ps, const char *at, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;
	int	 line, col;

	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	position(ps, at, &line, &col);
	cf_diag(CF_ERROR, ps->file, line, col, "%s", msg);
	free(msg);
}

/* Finds ctag preceded by c (when c is not NUL) at or after s. */
static const char *
find_close(const char *s, char c, const char *ctag)
{
	const char	*q;

	if (c == '\0')
		return strstr(s, ctag);
	for (q = s; (q = strstr(q, ctag)) != NULL; q++)
		if (q > s && q[-1] == c)
			return q - 1;
	return NULL;
}

static char *
trimmed(struct cf_arena *a, const char *s, const char *e)
{
	while (s < e && is_space(*s))
		s++;
	while (e > s && is_space(e[-1]))
		e--;
	return cf_arena_strndup(a, s, (size_t)(e - s));
}

static struct node *
add_node(struct parser *ps, enum ntype type)
{
	struct open_section	*top = &ps->open[ps->depth];
	struct node		*n = cf_arena_alloc(ps->arena, sizeof(*n));

	n->type = type;
	*top->tail = n;
	top->tail = &n->next;
	return n;
}

static void
add_text(struct parser *ps, const char *s, const char *e)
{
	struct node	*n;

	if (e == s)
		return;
	n = add_node(ps, N_TEXT);
	n->text = s;
	n->len = (size_t)(e - s);
	position(ps, s, &n->line, &n->col);
}

static int
check_name(struct parser *ps, const char *at, const char *name)
{
	const char	*p;

	if (*name == '\0') {
		parse_error(ps, at, "empty tag");
		return -1;
	}
	for (p = name; *p != '\0'; p++)
		if (is_space(*p)) {
			parse_error(ps, at, "tag name \"%s\" contains white "
			    "space", name);
			return -1;
		}
	return 0;
}

static int
set_delimiters(struct parser *ps, const char *at, const char *content)
{
	const char	*o, *oe, *c, *ce;

	for (o = content; *o != '\0' && !is_space(*o); o++)
		continue;
	oe = o;
	for (c = oe; is_space(*c); c++)
		continue;
	for (ce = c; *ce != '\0' && !is_space(*ce); ce++)
		continue;
	if (oe == content || ce == c || *ce != '\0' ||
	    strchr(content, '=') != NULL) {
		parse_error(ps, at, "bad delimiters \"%s\": give two, without "
		    "white space or \"=\"", content);
		return -1;
	}
	ps->otag = cf_arena_strndup(ps->arena, content, (size_t)(oe - content));
	ps->ctag = cf_arena_strndup(ps->arena, c, (size_t)(ce - c));
	return 0;
}

/*
 * A name is looked up on every rendering of its tag, through every level
 * of the context stack: it is split at its dots and hashed once, here.
 */
static void
set_name(struct parser *ps, struct node *n, const char *name)
{
	const char	*p, *dot;
	size_t		 i;

	n->name = name;
	if (strcmp(name, ".") == 0)
		return;
	n->nparts = 1;
	for (p = name; (p = strchr(p, '.')) != NULL; p++)
		n->nparts++;
	n->parts = cf_arena_alloc(ps->arena, n->nparts * sizeof(*n->parts));
	for (p = name, i = 0; i < n->nparts; i++, p = dot + 1) {
		if ((dot = strchr(p, '.')) == NULL)
			dot = p + strlen(p);
		n->parts[i].s = p;
		n->parts[i].len = (size_t)(dot - p);
		n->parts[i].hash = cf_value_hash(p, n->parts[i].len);
	}
}

static int
open_section(struct parser *ps, const char *at, char sigil, const char *name)
{
	struct node	*n;

	if (ps->depth == MAX_SECTION_DEPTH) {
		parse_error(ps, at, "sections nested deeper than %d",
		    MAX_SECTION_DEPTH);
		return -1;
	}
	n = add_node(ps, sigil == '#' ? N_SECTION : N_INVERTED);
	set_name(ps, n, name);
	position(ps, at, &n->line, &n->col);
	ps->depth++;
	ps->open[ps->depth].node = n;
	ps->open[ps->depth].tail = &n->child;
	return 0;
}

static int
close_section(struct parser *ps, const char *at, const char *name)
{
	if (ps->depth == 0) {
		parse_error(ps, at, "closing tag \"%s\" has no open "
		    "section", name);
		return -1;
	}
	if (strcmp(ps->open[ps->depth].node->name, name) != 0) {
		parse_error(ps, at, "closing tag \"%s\" does not match open "
		    "section \"%s\"", name, ps->open[ps->depth].node->name);
		return -1;
	}
	ps->depth--;
	return 0;
}

/* Handles one tag whose content (the part between sigil and close) is s..e. */
static int
tag(struct parser *ps, const char *at, char sigil, const char *s,
    const char *e, const char *indent)
{
	char		*name;
	struct node	*n;

	if (sigil == '!')
		return 0;
	name = trimmed(ps->arena, s, e);
	switch (sigil) {
	case '=':
		return set_delimiters(ps, at, name);
	case '/':
		if (check_name(ps, at, name) == -1)
			return -1;
		return close_section(ps, at, name);
	case '#':
	case '^':
		if (check_name(ps, at, name) == -1)
			return -1;
		return open_section(ps, at, sigil, name);
	default:
		break;
	}
	if (check_name(ps, at, name) == -1)
		return -1;
	n = add_node(ps, sigil == '>' ? N_PARTIAL : N_VAR);
	set_name(ps, n, name);
	n->indent = indent;
	n->escape = sigil != '{' && sigil != '&';
	position(ps, at, &n->line, &n->col);
	return 0;
}

/*
 * A standalone tag alone on its line (but for blanks) takes the whole line
 * with it; returns where the next text starts, or NULL when it is not
 * standalone.
 */
static const char *
standalone_end(const struct parser *ps, const char *bol, const char *after)
{
	if (bol != ps->src && bol[-1] != '\n')
		return NULL;
	while (is_blank(*after))
		after++;
	if (*after == '\r' && after[1] == '\n')
		return after + 2;
	if (*after == '\n')
		return after + 1;
	return *after == '\0' ? after : NULL;
}

static struct node *
parse(struct cf_arena *a, const char *file, const char *src, int *err)
{
	struct parser	 ps;
	struct node	*root = NULL;
	const char	*p = src, *t, *s, *end, *after, *bol, *next;
	const char	*indent;
	char		 sigil, closer;

	memset(&ps, 0, sizeof(ps));
	ps.arena = a;
	ps.file = file;
	ps.src = src;
	ps.mark = src;
	ps.line = ps.col = 1;
	ps.otag = "{{";
	ps.ctag = "}}";
	ps.open[0].tail = &root;
	*err = 0;
	while ((t = strstr(p, ps.otag)) != NULL) {
		s = t + strlen(ps.otag);
		sigil = '\0';
		if (*s != '\0' && strchr("!=/#^>{&", *s) != NULL)
			sigil = *s++;
		closer = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
		if ((end = find_close(s, closer, ps.ctag)) == NULL) {
			parse_error(&ps, t, "unclosed tag: no \"%s%s\" follows",
			    closer == '\0' ? "" : closer == '}' ? "}" : "=",
			    ps.ctag);
			*err = 1;
			return NULL;
		}
		after = end + (closer != '\0') + strlen(ps.ctag);
		for (bol = t; bol > p && is_blank(bol[-1]); bol--)
			continue;
		next = NULL;
		if (sigil != '\0' && strchr("!=/#^>", sigil) != NULL)
			next = standalone_end(&ps, bol, after);
		indent = NULL;
		if (next != NULL) {
			add_text(&ps, p, bol);
			if (sigil == '>' && bol < t)
				indent = cf_arena_strndup(a, bol,
				    (size_t)(t - bol));
		} else {
			add_text(&ps, p, t);
			next = after;
		}
		if (tag(&ps, t, sigil, s, end, indent) == -1) {
			*err = 1;
			return NULL;
		}
		p = next;
	}
	add_text(&ps, p, p + strlen(p));
	if (ps.depth > 0) {
		cf_diag(CF_ERROR, file, ps.open[ps.depth].node->line,
		    ps.open[ps.depth].node->col, "section \"%s\" is never "
		    "closed", ps.open[ps.depth].node->name);
		*err = 1;
		return NULL;
	}
	return root;
}

/* Indentation of a standalone partial tag goes before each partial line. */
static char *
indented(struct cf_arena *a, const char *text, const char *indent)
{
	struct cf_buf	 b;
	const char	*p, *nl;
	char		*s;

	cf_buf_init(&b);
	for (p = text; *p != '\0'; p = nl) {
		cf_buf_puts(&b, indent);
		nl = strchr(p, '\n');
		nl = nl != NULL ? nl + 1 : p + strlen(p);
		cf_buf_put(&b, p, (size_t)(nl - p));
	}
	s = cf_arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	cf_buf_free(&b);
	return s;
}

/*
 * The partial's tree, parsed on first use: 0, or 1 when there is no such
 * partial, or -1 after a diagnostic.  Messages about the partial name
 * its file: the origin the caller gave (for a missing one: what was
 * looked for), else its name.
 */
static int
partial_get(struct render *r, const char *name, const char *indent,
    struct partial **found)
{
	struct partial	*pt;
	char		*raw = NULL, *origin = NULL;
	const char	*text;
	int		 err = 0, rc;

	for (pt = r->partials; pt != NULL; pt = pt->next)
		if (strcmp(pt->name, name) == 0 &&
		    strcmp(pt->indent, indent) == 0) {
			*found = pt;
			return pt->missing;
		}
	rc = r->opts->partial != NULL ? r->opts->partial(r->opts->partial_ctx,
	    name, &raw, &origin) : 1;
	if (rc == -1)
		return -1;
	pt = cf_arena_alloc(&r->arena, sizeof(*pt));
	pt->name = name;
	pt->indent = indent;
	pt->file = origin != NULL ? cf_arena_strdup(&r->arena, origin) : name;
	pt->missing = rc == 1;
	free(origin);
	if (rc == 0) {
		text = cf_arena_strdup(&r->arena, raw);
		free(raw);
		/* Unindented first: messages give the partial's own columns. */
		pt->nodes = parse(&r->arena, pt->file, text, &err);
		if (!err && *indent != '\0')
			pt->nodes = parse(&r->arena, pt->file,
			    indented(&r->arena, text, indent), &err);
		if (err)
			return -1;
	}
	pt->next = r->partials;
	r->partials = pt;
	*found = pt;
	return pt->missing;
}

static int
render_partial(struct render *r, const struct node *n, const struct ctx *c,
    const char *file)
{
	struct partial	*pt;
	int		 rc;

	if (r->depth == MAX_PARTIAL_DEPTH) {
		cf_diag(CF_ERROR, file, n->line, n->col, "partials nested "
		    "deeper than %d (does \"%s\" include itself?)",
		    MAX_PARTIAL_DEPTH, n->name);
		return -1;
	}
	if ((rc = partial_get(r, n->name, n->indent != NULL ? n->indent : "",
	    &pt)) == -1)
		return -1;
	if (rc == 1) {
		if (!r->opts->strict)
			return 0;
		if (pt->file != n->name)
			cf_diag(CF_ERROR, file, n->line, n->col, "partial "
			    "\"%s\" not found (no %s)", n->name, pt->file);
		else
			cf_diag(CF_ERROR, file, n->line, n->col, "partial "
			    "\"%s\" not found", n->name);
		return -1;
	}
	r->depth++;
	rc = render_nodes(r, pt->nodes, c, pt->file);
	r->depth--;
	return rc;
}

/*
 * The first part of a dotted name is looked up through the whole context
 * stack, the rest only inside what the first part found.
 */
static const struct cf_value *
lookup(const struct ctx *c, const struct node *n)
{
	const struct cf_value	*v = NULL;
	struct name_part	*p = n->parts;	/* their slots are updated */
	size_t			 i;

	if (n->nparts == 0)
		return c->v;
	for (; c != NULL && v == NULL; c = c->up)
		v = cf_value_geth(c->v, p[0].s, p[0].len, p[0].hash,
		    &p[0].slot);
	for (i = 1; v != NULL && i < n->nparts; i++)
		v = cf_value_geth(v, p[i].s, p[i].len, p[i].hash,
		    &p[i].slot);
	return v;
}

static bool
truthy(const struct cf_value *v)
{
	if (v == NULL)
		return false;
	switch (v->type) {
	case CF_V_BOOL:
		return v->b;
	case CF_V_STR:
		return v->s != NULL && *v->s != '\0';
	case CF_V_LIST:
		return v->n > 0;
	case CF_V_MAP:
		return true;
	default:
		return false;
	}
}

static void
interpolate(struct render *r, const struct node *n, const struct ctx *c)
{
	const struct cf_value	*v = lookup(c, n);
	const char		*s;

	if (v == NULL)
		return;
	if (v->type == CF_V_STR && v->s != NULL)
		s = v->s;
	else if (v->type == CF_V_BOOL)
		s = v->b ? "true" : "false";
	else
		return;
	if (n->escape && r->opts->escape != NULL)
		r->opts->escape(r->out, s);
	else
		cf_buf_puts(r->out, s);
}

static int
render_section(struct render *r, const struct node *n, const struct ctx *c,
    const char *file)
{
	const struct cf_value	*v = lookup(c, n);
	struct ctx		 top;
	size_t			 i;

	if (n->type == N_INVERTED)
		return truthy(v) ? 0 : render_nodes(r, n->child, c, file);
	if (!truthy(v))
		return 0;
	top.up = c;
	if (v->type != CF_V_LIST) {
		top.v = v;
		return render_nodes(r, n->child, &top, file);
	}
	for (i = 0; i < v->n; i++) {
		top.v = v->items[i];
		if (budget(r, n, file) == -1 ||
		    render_nodes(r, n->child, &top, file) == -1)
			return -1;
	}
	return 0;
}

/*
 * Sections nested over the same list multiply: sixteen of them over ten
 * items are 10^16 renderings.  Work and output are bounded instead of
 * the nesting, which real templates need.
 */
static int
budget(struct render *r, const struct node *n, const char *file)
{
	if (++r->steps > CF_MUSTACHE_MAX_STEPS) {
		cf_diag(CF_ERROR, file, n->line, n->col, "template stopped "
		    "after %u rendering steps (do nested sections repeat each "
		    "other's lists?)", CF_MUSTACHE_MAX_STEPS);
		return -1;
	}
	if (r->out->len - r->mark > CF_MUSTACHE_MAX_OUTPUT) {
		cf_diag(CF_ERROR, file, n->line, n->col, "template stopped "
		    "after writing %u bytes (do nested sections repeat each "
		    "other's lists?)", CF_MUSTACHE_MAX_OUTPUT);
		return -1;
	}
	return 0;
}

static int
render_nodes(struct render *r, const struct node *n, const struct ctx *c,
    const char *file)
{
	for (; n != NULL; n = n->next) {
		if (budget(r, n, file) == -1)
			return -1;
		switch (n->type) {
		case N_TEXT:
			cf_buf_put(r->out, n->text, n->len);
			break;
		case N_VAR:
			interpolate(r, n, c);
			break;
		case N_SECTION:
		case N_INVERTED:
			if (render_section(r, n, c, file) == -1)
				return -1;
			break;
		case N_PARTIAL:
			if (render_partial(r, n, c, file) == -1)
				return -1;
			break;
		}
	}
	return 0;
}

int
cf_mustache_render(const char *tmpl, const struct cf_value *ctx,
    const struct cf_mustache_opts *opts, struct cf_buf *out)
{
	static const struct cf_mustache_opts	 none;
	struct render				 r;
	struct ctx				 root;
	struct node				*nodes;
	size_t					 mark = out->len;
	int					 err, rc;

	memset(&r, 0, sizeof(r));
	r.opts = opts != NULL ? opts : &none;
	r.out = out;
	r.mark = mark;
	cf_arena_init(&r.arena);
	root.v = ctx;
	root.up = NULL;
	nodes = parse(&r.arena, r.opts->name, tmpl, &err);
	rc = err ? -1 : render_nodes(&r, nodes, &root, r.opts->name);
	if (rc == -1 && out->data != NULL) {
		out->len = mark;
		out->data[mark] = '\0';
	}
	cf_arena_free(&r.arena);
	return rc;
}

void
cf_escape_html(struct cf_buf *out, const char *s)
{
	const char	*run;

	for (run = s; *s != '\0'; s++) {
		const char	*ent;

		switch (*s) {
		case '&':
			ent = "&amp;";
			break;
		case '<':
			ent = "&lt;";
			break;
		case '>':
			ent = "&gt;";
			break;
		case '"':
			ent = "&quot;";
			break;
		case '\'':
			ent = "&#39;";
			break;
		default:
			continue;
		}
		cf_buf_put(out, run, (size_t)(s - run));
		cf_buf_puts(out, ent);
		run = s + 1;
	}
	cf_buf_put(out, run, (size_t)(s - run));
}

/*
 * Characters that can start or end inline markup anywhere in a line:
 * emphasis, code, links and images, autolinks and raw HTML, entities, GFM
 * strikethrough and table cells, heading closers.  Escaping them always is
 * simpler than knowing the context and renders the same.  With the line
 * breaks, which become blanks, they are what interrupts copying a value;
 * a table, as every character of every value is looked up.
 */
enum { MD_PLAIN, MD_ESCAPED, MD_BREAK };
static const unsigned char md_char[256] = {
	['\\'] = MD_ESCAPED, ['`'] = MD_ESCAPED, ['*'] = MD_ESCAPED,
	['_'] = MD_ESCAPED, ['{'] = MD_ESCAPED, ['}'] = MD_ESCAPED,
	['['] = MD_ESCAPED, [']'] = MD_ESCAPED, ['<'] = MD_ESCAPED,
	['>'] = MD_ESCAPED, ['#'] = MD_ESCAPED, ['!'] = MD_ESCAPED,
	['|'] = MD_ESCAPED, ['~'] = MD_ESCAPED, ['&'] = MD_ESCAPED,
	['\r'] = MD_BREAK, ['\n'] = MD_BREAK
};

/*
 * Characters that only mean something at the start of a line: list items,
 * thematic breaks, setext underlines.  They are escaped only where the
 * value opens a line (md_line_prefix); escaping them everywhere would
 * litter dates and ranges with backslashes ("21\. November 2026").
 */
static const char md_line_start[] = "-+=";

enum md_prefix {
	MD_OPENS_LINE,	/* only blanks and container markers before it */
	MD_AFTER_DIGITS,/* the same, then digits: ". " would end a marker */
	MD_IN_LINE	/* after text: nothing in it starts a block */
};

/* What blanks, quote and list markers are made of. */
static const bool md_marker_char[256] = {
	[' '] = true, ['\t'] = true, ['>'] = true, ['0'] = true, ['1'] = true,
	['2'] = true, ['3'] = true, ['4'] = true, ['5'] = true, ['6'] = true,
	['7'] = true, ['8'] = true, ['9'] = true, ['.'] = true, [')'] = true,
	['-'] = true, ['+'] = true, ['*'] = true
};

/*
 * What stands before a value appended to out on its line.  Block quote
 * markers and list markers ("-", "+", "*", "1." or "1)" and their blank)
 * open containers whose content starts a line again; anything else makes
 * the value inline text, where "21." is no list.  An empty out may be
 * put anywhere, so it counts as the start of a line.
 */
static enum md_prefix
md_line_prefix(const struct cf_buf *out)
{
	const char	*p, *end, *d;

	if (out->data == NULL)
		return MD_OPENS_LINE;
	end = out->data + out->len;
	/*
	 * A character no marker holds makes it inline text wherever it is:
	 * seen from the end, it spares reading a long line (a table row)
	 * again for each of its values.
	 */
	for (p = end; p > out->data && p[-1] != '\n' && p[-1] != '\r'; p--)
		if (!md_marker_char[(unsigned char)p[-1]])
			return MD_IN_LINE;
	while (p < end) {
		if (is_blank(*p) || *p == '>') {
			p++;
			continue;
		}
		for (d = p; d < end && *d >= '0' && *d <= '9' && d - p < 9; d++)
			continue;
		if (d == end && d > p)
			return MD_AFTER_DIGITS;
		if (d > p && (*d == '.' || *d == ')'))
			d++;
		else if (strchr("-+*", *p) != NULL)
			d = p + 1;
		else
			return MD_IN_LINE;
		/* A marker must be followed by a blank (or by the value). */
		if (d < end && !is_blank(*d))
			return MD_IN_LINE;
		p = d;
	}
	return MD_OPENS_LINE;
}

void
cf_escape_md(struct cf_buf *out, const char *s)
{
	enum md_prefix	 where = md_line_prefix(out);
	const char	*p = s, *d, *run;

	while (is_blank(*p))
		p++;
	for (d = p; *d >= '0' && *d <= '9' && d - p < 9; d++)
		continue;
	/* After digits, only the value's own first characters extend them. */
	if (where == MD_IN_LINE || (where == MD_AFTER_DIGITS && p != s))
		d = NULL;
	/* "1." or "1)" followed by a blank opens an ordered list. */
	if (d != NULL && (*d == '.' || *d == ')') &&
	    (d[1] == ' ' || d[1] == '\t' || d[1] == '\0'))
		p = d;
	else if (where != MD_OPENS_LINE || *p == '\0' ||
	    strchr(md_line_start, *p) == NULL)
		p = NULL;
	/* Plain runs are copied whole. */
	for (run = s; *s != '\0'; s++) {
		if (md_char[(unsigned char)*s] == MD_PLAIN && s != p)
			continue;
		cf_buf_put(out, run, (size_t)(s - run));
		if (md_char[(unsigned char)*s] == MD_BREAK) {
			if (*s == '\r' && s[1] == '\n')
				s++;
			cf_buf_putc(out, ' ');
			run = s + 1;
			continue;
		}
		cf_buf_putc(out, '\\');
		run = s;	/* the character follows its backslash */
	}
	cf_buf_put(out, run, (size_t)(s - run));
}
