/*
 * load.c -- YAML trees into the document model (catalogue.md, responses.md).
 *
 * Loading owns "how values are read": which keys exist, which are
 * required, and how a scalar becomes text, an integer, a boolean or a
 * date.  Each problem is reported once at its node, and a node already in
 * error is not reported again.  Rules that relate one value to another
 * are validate.c's.
 */
#include "load.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "hash.h"
#include "locale.h"
#include "richtext.h"
#include "yamlread.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_SCHEMA

struct ld {
	const char	*path;
	struct cf_arena	*arena;
	const char	*req;	/* the requirement being read, for messages */
};

static const char *
node_kind(const struct cf_ynode *n)
{
	if (n->type == CF_Y_MAP)
		return "a mapping";
	if (n->type == CF_Y_SEQ)
		return "a list";
	return "a scalar";
}

static void
report(const struct ld *ld, enum cf_dkind kind, struct cf_pos pos,
    const char *fmt, va_list ap)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	if (ld->req != NULL)
		cf_buf_printf(&b, "requirement %s: ", ld->req);
	cf_buf_vprintf(&b, fmt, ap);
	cf_diagk(kind, CF_ERROR, ld->path, pos.line, pos.col, "%s", b.data);
	cf_buf_free(&b);
}

static void
error_at(const struct ld *ld, struct cf_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An error at a node, which is then in error: nothing more is said of it. */
static void
error_at(const struct ld *ld, struct cf_ynode *n, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report(ld, CF_DIAG_KIND, n->pos, fmt, ap);
	va_end(ap);
	n->bad = true;
}

static void
error_kind(const struct ld *ld, enum cf_dkind kind, struct cf_ynode *n,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* error_at() for a problem of another kind than the format's rules. */
static void
error_kind(const struct ld *ld, enum cf_dkind kind, struct cf_ynode *n,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report(ld, kind, n->pos, fmt, ap);
	va_end(ap);
	n->bad = true;
}

static void
error_in(const struct ld *ld, struct cf_ynode *n, struct cf_pos pos,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* An error at a place inside a node's value, which is then in error. */
static void
error_in(const struct ld *ld, struct cf_ynode *n, struct cf_pos pos,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report(ld, CF_DIAG_KIND, pos, fmt, ap);
	va_end(ap);
	n->bad = true;
}

static void
error_near(const struct ld *ld, struct cf_ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* An error about what a node lacks: the node itself is not in error. */
static void
error_near(const struct ld *ld, struct cf_ynode *n, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	report(ld, CF_DIAG_KIND, n->pos, fmt, ap);
	va_end(ap);
}

/* A plain scalar the core schema reads as null. */
static bool
is_null(const struct cf_ynode *n)
{
	static const char *const nulls[] = { "", "~", "null", "Null", "NULL" };
	size_t	 i;

	if (n->type != CF_Y_SCALAR || !n->plain)
		return false;
	for (i = 0; i < sizeof(nulls) / sizeof(nulls[0]); i++)
		if (strcmp(n->value, nulls[i]) == 0)
			return true;
	return false;
}

static bool
want_as(const struct ld *ld, struct cf_ynode *n, enum cf_ytype t,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * fmt and what follows is how the message names the node ("'title'",
 * "an entry ..."), made only when there is something to say.
 */
static bool
want_as(const struct ld *ld, struct cf_ynode *n, enum cf_ytype t,
    const char *fmt, ...)
{
	static const char *const what[] = { "text", "a list", "a mapping" };
	va_list	 ap;
	char	*subject;

	if (n == NULL || n->bad)
		return false;
	if (n->type == t)
		return true;
	va_start(ap, fmt);
	subject = cf_xvasprintf(fmt, ap);
	va_end(ap);
	if (n->type == CF_Y_SCALAR && is_null(n))
		error_at(ld, n, "%s must not be empty (expected %s)", subject,
		    what[t]);
	else
		error_at(ld, n, "%s must be %s, not %s", subject, what[t],
		    node_kind(n));
	free(subject);
	return false;
}

static bool
want(const struct ld *ld, struct cf_ynode *n, enum cf_ytype t,
    const char *key)
{
	return want_as(ld, n, t, "'%s'", key);
}

/* An item of a list: "an entry of 'classes' must be a mapping". */
static bool
want_entry(const struct ld *ld, struct cf_ynode *n, enum cf_ytype t,
    const char *list)
{
	return want_as(ld, n, t, "an entry of '%s'", list);
}

/* A scalar of some kind: the message names the kind expected. */
static bool
want_scalar(const struct ld *ld, struct cf_ynode *n, const char *key,
    const char *kind)
{
	if (n == NULL || n->bad)
		return false;
	if (n->type == CF_Y_SCALAR)
		return true;
	error_at(ld, n, "'%s' must be %s, not %s", key, kind, node_kind(n));
	return false;
}

/* Unknown keys are errors: a typo must never be silently ignored. */
static void
check_keys(const struct ld *ld, struct cf_ynode *map,
    const char *const *known, const char *where)
{
	const char	*best;
	size_t		 i, j, d, bestd;

	for (i = 0; i < map->n; i++) {
		struct cf_ynode	*k = map->keys[i];

		if (k->bad || k->type != CF_Y_SCALAR)
			continue;
		for (j = 0; known[j] != NULL; j++)
			if (strcmp(k->value, known[j]) == 0)
				break;
		if (known[j] != NULL)
			continue;
		/* Only an unknown key is worth a "did you mean". */
		best = NULL;
		bestd = 3;
		for (j = 0; known[j] != NULL; j++) {
			d = cf_edit_distance(k->value, known[j], 2);
			if (d < bestd)
				bestd = d, best = known[j];
		}
		if (best != NULL)
			error_kind(ld, CF_DK_UNKNOWN_KEY, k, "unknown key "
			    "'%s' in %s (did you mean '%s'?)", k->value,
			    where, best);
		else
			error_kind(ld, CF_DK_UNKNOWN_KEY, k, "unknown key "
			    "'%s' in %s", k->value, where);
		map->items[i]->bad = true;
	}
}

/* Where a key of a mapping is written: the one cf_ymap_get() finds. */
static struct cf_pos
key_pos(const struct cf_ynode *map, const char *key)
{
	struct cf_pos	 none = { 0, 0 };
	size_t		 i;

	for (i = 0; i < map->n; i++)
		if (map->keys[i]->type == CF_Y_SCALAR &&
		    strcmp(map->keys[i]->value, key) == 0)
			return map->keys[i]->pos;
	return none;
}

static struct cf_ynode *
need(const struct ld *ld, struct cf_ynode *map, const char *key,
    const char *where)
{
	struct cf_ynode	*n = cf_ymap_get(map, key);

	if (n == NULL)
		error_near(ld, map, "missing required key '%s' in %s", key,
		    where);
	return n;
}

/* Any scalar is text: its source text is the value. */
static const char *
text(const struct ld *ld, struct cf_ynode *n, const char *key, bool required)
{
	if (n == NULL || n->bad)
		return NULL;
	if (n->type != CF_Y_SCALAR) {
		want(ld, n, CF_Y_SCALAR, key);
		return NULL;
	}
	if (is_null(n) || (required && n->value[0] == '\0')) {
		if (required)
			error_at(ld, n, "'%s' must not be empty", key);
		return NULL;
	}
	return n->value;
}

/* text(), noting where the value is written (renderers' warnings). */
static const char *
text_at(const struct ld *ld, struct cf_ynode *n, const char *key,
    bool required, struct cf_pos *pos)
{
	if (n != NULL)
		*pos = n->pos;
	return text(ld, n, key, required);
}

/* An md field: text whose tree may nest only so deep (richtext.h). */
static const char *
md(const struct ld *ld, struct cf_ynode *n, const char *key, bool required)
{
	const char	*s = text(ld, n, key, required);
	size_t		 depth;

	/*
	 * Renderers walk and write the tree once per level it nests, so a
	 * field of nothing but nested emphasis would take minutes: refuse
	 * it here, at the field, with what was found.
	 */
	if (s != NULL && cf_rich_depth_bound(s) > CF_RICH_MAX_DEPTH &&
	    (depth = cf_rich_depth(s)) > CF_RICH_MAX_DEPTH) {
		error_kind(ld, CF_DK_LIMIT, n, "'%s' nests %zu levels deep "
		    "(lists, quotes, emphasis, links); at most %d are "
		    "allowed", key, depth, CF_RICH_MAX_DEPTH);
		return NULL;
	}
	return s;
}

static const char *
md_at(const struct ld *ld, struct cf_ynode *n, const char *key,
    bool required, struct cf_pos *pos)
{
	if (n != NULL)
		*pos = n->pos;
	return md(ld, n, key, required);
}

/*
 * A plain-text address, checked as evidence URLs are: an http, https or
 * mailto address once every escape is decoded (util.h).  A contact may
 * instead be text, an e-mail address or a phone number, which is never
 * made a link unless it reads as one.
 */
static const char *
url(const struct ld *ld, struct cf_ynode *n, const char *key, bool required,
    bool contact, struct cf_pos *pos)
{
	const char	*s;

	if (n != NULL && pos != NULL)
		*pos = n->pos;
	if ((s = text(ld, n, key, required)) == NULL)
		return NULL;
	if (contact ? !cf_url_scheme_ok(s) && strchr(s, ' ') == NULL :
	    !cf_url_scheme_ok(s) || !cf_url_has_scheme(s)) {
		error_at(ld, n, "'%s' must be an http, https or mailto "
		    "address, not '%s'", key, s);
		return NULL;
	}
	return s;
}

/* 0: an integer; -1: not one; 1: one that does not fit a long. */
static int
parse_integer(const char *s, long *out)
{
	const char	*digits = s;
	char		*end;
	int		 base = 10;
	long		 v;

	if (*digits == '+' || *digits == '-')
		digits++;
	if (strncmp(s, "0x", 2) == 0)
		base = 16, digits = s + 2;
	else if (strncmp(s, "0o", 2) == 0)
		base = 8, digits = s + 2;
	if (*digits == '\0')
		return -1;
	for (const char *p = digits; *p != '\0'; p++)
		if (!(base == 16 ? isxdigit((unsigned char)*p) :
		    (*p >= '0' && *p < (base == 8 ? '8' : ':'))))
			return -1;
	errno = 0;
	v = strtol(digits, &end, base);
	if (errno != 0 || *end != '\0')
		return 1;
	*out = s[0] == '-' ? -v : v;
	return 0;
}

/* Only a plain scalar the core schema types as an integer. */
static bool
integer(const struct ld *ld, struct cf_ynode *n, const char *key, long *out)
{
	int	 rc;

	if (!want_scalar(ld, n, key, "an integer"))
		return false;
	if (is_null(n)) {
		error_at(ld, n, "'%s' must not be empty (expected an integer)",
		    key);
		return false;
	}
	rc = n->plain ? parse_integer(n->value, out) : -1;
	if (rc == 1) {
		error_at(ld, n, "'%s' is out of range: %s", key, n->value);
		return false;
	}
	if (rc != 0) {
		error_at(ld, n, "'%s' must be an integer, not %s'%s'", key,
		    n->plain ? "" : "the quoted text ", n->value);
		return false;
	}
	return true;
}

/* Class ids index the classes "and above": never negative. */
static bool
class_number(const struct ld *ld, struct cf_ynode *n, const char *key,
    long *out)
{
	*out = -1;
	if (!integer(ld, n, key, out))
		return *out = -1, false;
	if (*out < 0) {
		error_at(ld, n, "'%s' must be a class number of 0 or more, "
		    "not %ld", key, *out);
		return *out = -1, false;
	}
	return true;
}

static bool
boolean(const struct ld *ld, struct cf_ynode *n, const char *key, bool *out)
{
	static const char *const t[] = { "true", "True", "TRUE" };
	static const char *const f[] = { "false", "False", "FALSE" };
	size_t	 i;

	if (!want_scalar(ld, n, key, "true or false"))
		return false;
	for (i = 0; n->plain && i < 3; i++) {
		if (strcmp(n->value, t[i]) == 0)
			return *out = true, true;
		if (strcmp(n->value, f[i]) == 0)
			return *out = false, true;
	}
	error_at(ld, n, "'%s' must be true or false, not %s'%s'", key,
	    n->plain ? "" : "the quoted text ", n->value);
	return false;
}

static bool
valid_date(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 max;

	if (y < 1 || m < 1 || m > 12 || d < 1)
		return false;
	max = mdays[m - 1];
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		max = 29;
	return d <= max;
}

static bool
date(const struct ld *ld, struct cf_ynode *n, const char *key,
    struct cf_date *out)
{
	const char	*s;
	size_t		 i;

	if (!want_scalar(ld, n, key, "a date YYYY-MM-DD"))
		return false;
	s = n->value;
	for (i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' :
		    !isdigit((unsigned char)s[i]))
			break;
	if (i < 10 || s[10] != '\0') {
		error_at(ld, n, "'%s' must be a date YYYY-MM-DD, not '%s'",
		    key, s);
		return false;
	}
	out->year = atoi(s);
	out->month = atoi(s + 5);
	out->day = atoi(s + 8);
	if (!valid_date(out->year, out->month, out->day)) {
		error_at(ld, n, "'%s' is not a calendar date: %s", key, s);
		out->year = 0;
		return false;
	}
	return true;
}

static bool
matches(const char *s, const char *first, const char *rest)
{
	if (s == NULL || *s == '\0' || strchr(first, *s) == NULL)
		return false;
	for (s++; *s != '\0'; s++)
		if (strchr(rest, *s) == NULL)
			return false;
	return true;
}

#define LOWER_DIGITS	"abcdefghijklmnopqrstuvwxyz0123456789"
#define ALPHA		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
#define ALNUM		"ABCDEFGHIJKLMNOPQRSTUVWXYZ" LOWER_DIGITS

/* Longest id or version: tokens are parts of file names. */
#define TOKEN_MAX	64

/* A text value that must fit a pattern ([first][rest]*). */
static const char *
token(const struct ld *ld, struct cf_ynode *n, const char *key, bool required,
    const char *first, const char *rest, const char *pattern)
{
	const char	*s = text(ld, n, key, required);

	if (s != NULL && !matches(s, first, rest)) {
		error_at(ld, n, "'%s' value '%s' is not of the form %s", key,
		    s, pattern);
		return NULL;
	}
	/* Tokens name output files, whose names the system limits. */
	if (s != NULL && strlen(s) > TOKEN_MAX) {
		error_kind(ld, CF_DK_LIMIT, n, "'%s' is %zu characters long, "
		    "over the limit of %d (it is part of file names)", key,
		    strlen(s), TOKEN_MAX);
		return NULL;
	}
	return s;
}

/*
 * Where the character `off` characters into a scalar's value is written:
 * exact for plain scalars and one-line quoted ones without escapes;
 * otherwise the scalar's own position (block scalars, escapes).
 */
static struct cf_pos
value_pos(const struct cf_ynode *n, size_t off)
{
	struct cf_pos	 p = n->pos;
	size_t		 len = cf_utf8_count(n->value, strlen(n->value));

	if (n->plain && n->pos.line == n->end.line)
		p.col += (int)off;
	else if (n->pos.line == n->end.line &&
	    (size_t)(n->end.col - n->pos.col) == len + 2)
		p.col += (int)off + 1;
	return p;
}

/*
 * Section and requirement ids: [A-Za-z0-9] first, then also . _ ( ) - '
 * and single spaces (IEC 62443 "SR 1.1 RE 1", the CRA's "3.1.9'").  A
 * refused id says which character, at its column.
 */
static const char *
id_token(const struct ld *ld, struct cf_ynode *n, const char *what)
{
	const char	*s = text(ld, n, "id", true), *p;
	struct cf_pos	 at;
	struct cf_buf	 b;
	unsigned int	 cp;
	size_t		 len;

	if (s == NULL || (p = cf_id_fault_at(s)) == NULL)
		return s;
	at = value_pos(n, cf_utf8_count(s, (size_t)(p - s)));
	len = cf_utf8_decode((const unsigned char *)p, strlen(p), &cp);
	cf_buf_init(&b);
	cf_buf_printf(&b, "%s id '%s' ", what, s);
	if (p == s)
		cf_buf_printf(&b, "must begin with a letter or digit, not "
		    "'%.*s' (column %d)", (int)(len > 0 ? len : 1), p, at.col);
	else if (*p == ' ' && p[1] == ' ')
		cf_buf_printf(&b, "has a double space at column %d", at.col);
	else if (*p == ' ')
		cf_buf_printf(&b, "ends with a space (column %d)", at.col);
	else
		cf_buf_printf(&b, "may not contain '%.*s' (column %d): ids "
		    "are letters and digits, then also . _ ( ) - ' and single "
		    "spaces", (int)(len > 0 ? len : 1), p, at.col);
	cf_diag(CF_ERROR, ld->path, at.line, at.col, "%s", b.data);
	cf_buf_free(&b);
	n->bad = true;
	return NULL;
}

/* A list of texts; where pos is given, each item's position too. */
static const char **
text_list(const struct ld *ld, struct cf_ynode *n, const char *key,
    size_t *count, struct cf_pos **pos)
{
	const char	**list;
	size_t		  i;

	*count = 0;
	if (!want(ld, n, CF_Y_SEQ, key))
		return NULL;
	list = cf_arena_alloc(ld->arena, (n->n + 1) * sizeof(*list));
	if (pos != NULL)
		*pos = cf_arena_alloc(ld->arena, (n->n + 1) * sizeof(**pos));
	for (i = 0; i < n->n; i++) {
		if ((list[*count] = text(ld, n->items[i], key, true)) == NULL)
			continue;
		if (pos != NULL)
			(*pos)[*count] = n->items[i]->pos;
		(*count)++;
	}
	return list;
}

/* ------------------------------------------------------------------ */
/* Catalogue                                                           */

static void
load_objectives(const struct ld *ld, struct cf_ynode *n, struct cf_class *c)
{
	static const char *const keys[] = { "confidentiality", "integrity",
	    "availability", NULL };

	if (!want(ld, n, CF_Y_MAP, "objectives"))
		return;
	check_keys(ld, n, keys, "objectives");
	c->confidentiality = text(ld, cf_ymap_get(n, keys[0]), keys[0], true);
	c->integrity = text(ld, cf_ymap_get(n, keys[1]), keys[1], true);
	c->availability = text(ld, cf_ymap_get(n, keys[2]), keys[2], true);
}

static void
load_class(const struct ld *ld, struct cf_ynode *n, struct cf_class *c)
{
	static const char *const keys[] = { "id", "title", "description",
	    "objectives", NULL };
	struct cf_ynode	*v;

	c->pos = n->pos;
	c->id = -1;
	if (!want_entry(ld, n, CF_Y_MAP, "classes"))
		return;
	check_keys(ld, n, keys, "a class");
	if ((v = need(ld, n, "id", "a class")) != NULL) {
		c->pos = v->pos;
		class_number(ld, v, "id", &c->id);
	}
	c->title = text(ld, need(ld, n, "title", "a class"), "title", true);
	c->description = md(ld, cf_ymap_get(n, "description"),
	    "description", false);
	if ((v = cf_ymap_get(n, "objectives")) != NULL)
		load_objectives(ld, v, c);
}

static void
load_category(const struct ld *ld, struct cf_ynode *n, struct cf_category *c)
{
	static const char *const keys[] = { "code", "title", "required",
	    NULL };
	struct cf_ynode	*v;

	c->pos = n->pos;
	if (!want_entry(ld, n, CF_Y_MAP, "categories"))
		return;
	check_keys(ld, n, keys, "a category");
	if ((v = need(ld, n, "code", "a category")) != NULL)
		c->pos = v->pos;
	c->code = text(ld, v, "code", true);
	c->title = text(ld, need(ld, n, "title", "a category"), "title",
	    true);
	if ((v = cf_ymap_get(n, "required")) != NULL)
		boolean(ld, v, "required", &c->required);
}

static void
load_applic(const struct ld *ld, struct cf_ynode *n, struct cf_applic *a)
{
	static const char *const keys[] = { "code", "title", NULL };
	struct cf_ynode	*v;

	a->pos = n->pos;
	if (!want_entry(ld, n, CF_Y_MAP, "applicability"))
		return;
	check_keys(ld, n, keys, "an applicability");
	if ((v = need(ld, n, "code", "an applicability")) != NULL)
		a->pos = v->pos;
	a->code = text(ld, v, "code", true);
	a->title = text(ld, need(ld, n, "title", "an applicability"),
	    "title", true);
}

static void
load_condition_decl(const struct ld *ld, struct cf_ynode *n,
    struct cf_condition *c)
{
	static const char *const keys[] = { "code", "title", "description",
	    NULL };
	struct cf_ynode	*v;

	c->pos = n->pos;
	if (!want_entry(ld, n, CF_Y_MAP, "conditions"))
		return;
	check_keys(ld, n, keys, "a condition");
	if ((v = need(ld, n, "code", "a condition")) != NULL)
		c->pos = v->pos;
	/* Not and/or/not themselves: expressions could not name them. */
	c->code = token(ld, v, "code", true, ALPHA, ALNUM "_-",
	    "[A-Za-z][A-Za-z0-9_-]*");
	if (c->code != NULL && (strcmp(c->code, "and") == 0 ||
	    strcmp(c->code, "or") == 0 || strcmp(c->code, "not") == 0)) {
		error_at(ld, v, "condition code '%s' is a word of condition "
		    "expressions", c->code);
		c->code = NULL;
	}
	c->title = text(ld, need(ld, n, "title", "a condition"), "title",
	    true);
	c->description = md(ld, cf_ymap_get(n, "description"),
	    "description", false);
}

static void
load_answer_code(const struct ld *ld, struct cf_ynode *n,
    struct cf_answer_code *a)
{
	static const char *const keys[] = { "code", "title", "aliases",
	    "meets", "needs", NULL };
	struct cf_ynode	*v;
	const char	*needs;

	a->pos = n->pos;
	if (!want_entry(ld, n, CF_Y_MAP, "answers"))
		return;
	check_keys(ld, n, keys, "an answer code");
	if ((v = need(ld, n, "code", "an answer code")) != NULL)
		a->pos = v->pos;
	a->code = text(ld, v, "code", true);
	a->title = text(ld, need(ld, n, "title", "an answer code"), "title",
	    true);
	if ((v = cf_ymap_get(n, "aliases")) != NULL)
		a->aliases = text_list(ld, v, "aliases", &a->naliases,
		    &a->alias_pos);
	if ((v = cf_ymap_get(n, "meets")) != NULL)
		boolean(ld, v, "meets", &a->meets);
	if ((v = cf_ymap_get(n, "needs")) != NULL &&
	    (needs = text(ld, v, "needs", true)) != NULL) {
		if (strcmp(needs, "justification") == 0)
			a->needs_justification = true;
		else
			error_at(ld, v, "'needs' must be 'justification', "
			    "not '%s'", needs);
	}
}

static void
default_answers(struct cf_catalogue *cat)
{
	static const struct {
		const char	*code, *title, *alias;
		bool		 meets, needs;
	} defs[] = {
		{ "C", "Compliant", NULL, true, false },
		{ "PC", "Partially compliant", "P", false, false },
		{ "N", "Non-compliant", NULL, false, false },
		{ "NA", "Not applicable", NULL, true, true },
	};
	size_t	 i;

	cat->answers_default = true;
	cat->nanswers = 4;
	cat->answers = cf_arena_alloc(&cat->arena, 4 * sizeof(*cat->answers));
	for (i = 0; i < 4; i++) {
		struct cf_answer_code	*a = &cat->answers[i];

		a->code = defs[i].code;
		a->title = defs[i].title;
		a->meets = defs[i].meets;
		a->needs_justification = defs[i].needs;
		if (defs[i].alias != NULL) {
			a->aliases = cf_arena_alloc(&cat->arena,
			    sizeof(*a->aliases));
			a->aliases[0] = defs[i].alias;
			a->alias_pos = cf_arena_alloc(&cat->arena,
			    sizeof(*a->alias_pos));
			a->naliases = 1;
		}
	}
}

static void
load_references(const struct ld *ld, struct cf_ynode *n,
    struct cf_requirement *r)
{
	static const char *const keys[] = { "title", "url", NULL };
	size_t	 i;

	if (!want(ld, n, CF_Y_SEQ, "references"))
		return;
	r->references = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*r->references));
	for (i = 0; i < n->n; i++) {
		struct cf_ynode		*e = n->items[i];
		struct cf_reference	*ref = &r->references[r->nreferences];

		if (!want_entry(ld, e, CF_Y_MAP, "references"))
			continue;
		check_keys(ld, e, keys, "a reference");
		ref->title = text(ld, need(ld, e, "title", "a reference"),
		    "title", true);
		ref->url = url(ld, need(ld, e, "url", "a reference"), "url",
		    true, false, NULL);
		if (ref->title != NULL && ref->url != NULL)
			r->nreferences++;
	}
}

static void
load_req_applicability(const struct ld *ld, struct cf_ynode *n,
    struct cf_requirement *r)
{
	if (n->bad)
		return;
	if (n->type == CF_Y_SCALAR && strcmp(n->value, "TBD") == 0) {
		r->applic_tbd = true;
		return;
	}
	if (n->type == CF_Y_SEQ && n->n == 0) {
		error_at(ld, n, "'applicability: []' names nothing (leave "
		    "the key out, or name codes)");
		return;
	}
	if (n->type != CF_Y_SEQ) {
		error_at(ld, n, "'applicability' must be a list of codes or "
		    "the word TBD");
		return;
	}
	r->applicability = text_list(ld, n, "applicability",
	    &r->napplicability, &r->applic_item_pos);
}

static void
load_status(const struct ld *ld, struct cf_ynode *n, struct cf_requirement *r)
{
	const char	*s = text(ld, n, "status", true);

	if (s == NULL)
		return;
	if (strcmp(s, "active") == 0)
		r->status = CF_STATUS_ACTIVE;
	else if (strcmp(s, "reserved") == 0)
		r->status = CF_STATUS_RESERVED;
	else if (strcmp(s, "withdrawn") == 0)
		r->status = CF_STATUS_WITHDRAWN;
	else
		error_at(ld, n, "'status' must be active, reserved or "
		    "withdrawn, not '%s'", s);
}

static void
load_levels(const struct ld *ld, struct cf_ynode *n, struct cf_requirement *r)
{
	size_t	 i;

	r->levels_pos = n->pos;
	if (!want(ld, n, CF_Y_SEQ, "levels"))
		return;
	r->has_levels = true;
	r->levels = cf_arena_alloc(ld->arena, (n->n + 1) * sizeof(*r->levels));
	r->level_pos = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*r->level_pos));
	for (i = 0; i < n->n; i++) {
		if (!class_number(ld, n->items[i], "levels",
		    &r->levels[r->nlevels]))
			continue;
		r->level_pos[r->nlevels++] = n->items[i]->pos;
	}
}

static void
place_code(struct cf_cond *c, void *node)
{
	struct cf_pos	 at = value_pos(node, c->offset);

	c->line = at.line;
	c->col = at.col;
}

/* The syntax of a condition; its codes are resolved by validation. */
static void
load_condition(const struct ld *ld, struct cf_ynode *n,
    struct cf_requirement *r)
{
	const char	*msg = NULL;
	size_t		 off = 0;
	struct cf_pos	 at;

	r->condition.pos = n->pos;
	if ((r->condition.s = text(ld, n, "condition", true)) == NULL)
		return;
	if ((r->cond = cf_cond_parse(ld->arena, r->condition.s, &msg,
	    &off)) != NULL) {
		cf_cond_walk(r->cond, place_code, n);
		return;
	}
	at = value_pos(n, off);
	error_in(ld, n, at, "condition '%s' %s (column %d)", r->condition.s,
	    msg, at.col);
	r->condition.s = NULL;
}

/*
 * A part or enhancement takes from its parent what it does not say
 * itself (catalogue.md): condition, class or levels, category, below.
 */
static void
inherit(struct cf_requirement *r, const struct cf_requirement *parent,
    bool has_class)
{
	if (!has_class && !r->has_levels) {
		r->class_id = parent->class_id;
		r->has_levels = parent->has_levels;
		r->levels = parent->levels;
		r->level_pos = parent->level_pos;
		r->nlevels = parent->nlevels;
		r->class_pos = parent->class_pos;
		r->levels_pos = parent->levels_pos;
		r->inherited |= CF_INHERIT_CLASS;
	}
	if (r->category == NULL && r->category_pos.line == 0) {
		r->category = parent->category;
		r->category_pos = parent->category_pos;
		r->inherited |= CF_INHERIT_CATEGORY;
	}
	/* `below` belongs to "class and above": not to levels. */
	if (r->below == NULL && r->below_pos.line == 0 && !r->has_levels) {
		r->below = parent->below;
		r->below_pos = parent->below_pos;
		r->inherited |= CF_INHERIT_BELOW;
	}
	if (r->condition.s == NULL && r->condition.pos.line == 0) {
		r->condition = parent->condition;
		r->cond = parent->cond;
		r->inherited |= CF_INHERIT_CONDITION;
	}
}

static void	load_requirement(const struct ld *, struct cf_ynode *,
		    struct cf_requirement *, const struct cf_requirement *,
		    unsigned);

static void
load_children(const struct ld *ld, struct cf_ynode *n,
    struct cf_requirement *r, unsigned depth)
{
	size_t	 i;

	if (!want(ld, n, CF_Y_SEQ, "requirements"))
		return;
	if (depth + 1 >= CF_REQ_MAX_DEPTH) {
		error_kind(ld, CF_DK_LIMIT, n, "requirements nest deeper "
		    "than %d levels", CF_REQ_MAX_DEPTH);
		return;
	}
	r->children = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*r->children));
	r->nchildren = n->n;
	for (i = 0; i < n->n; i++)
		load_requirement(ld, n->items[i], &r->children[i], r,
		    depth + 1);
}

/* Class or levels, category, below: what decides where it applies. */
static bool
load_scope(const struct ld *ld, struct cf_ynode *n, struct cf_requirement *r,
    bool needed)
{
	struct cf_ynode	*v, *levels = cf_ymap_get(n, "levels");
	bool		 has_class = false;

	if ((v = cf_ymap_get(n, "class")) != NULL) {
		has_class = true;
		r->class_pos = v->pos;
		class_number(ld, v, "class", &r->class_id);
		if (levels != NULL)
			error_at(ld, levels, "'levels' and 'class' are "
			    "alternatives: give one of them");
	} else if (levels != NULL)
		load_levels(ld, levels, r);
	else if (needed)
		error_near(ld, n, "missing required key 'class' (or "
		    "'levels') in a requirement");
	if ((v = cf_ymap_get(n, "category")) != NULL) {
		r->category_pos = v->pos;
		r->category = text(ld, v, "category", true);
	} else if (needed)
		error_near(ld, n, "missing required key 'category' in a "
		    "requirement");
	if ((v = cf_ymap_get(n, "below")) != NULL) {
		r->below_pos = v->pos;
		r->below = text(ld, v, "below", true);
		if (r->below != NULL && levels != NULL && !has_class)
			error_at(ld, v, "'below' needs 'class' (it says how "
			    "the requirement applies under its class), not "
			    "'levels'");
	}
	if ((v = cf_ymap_get(n, "condition")) != NULL)
		load_condition(ld, v, r);
	return has_class;
}

static void
load_requirement(const struct ld *ld, struct cf_ynode *n,
    struct cf_requirement *r, const struct cf_requirement *parent,
    unsigned depth)
{
	static const char *const keys[] = { "id", "title", "text", "class",
	    "levels", "category", "below", "condition", "applicability",
	    "guidance", "keywords", "references", "status", "note",
	    "requirements", NULL };
	struct cf_ynode	*v, *textnode;
	struct ld	 rl = *ld;
	const char	*t;
	bool		 active, has_class;

	r->pos = n->pos;
	r->class_id = -1;
	r->text = "";
	r->depth = depth;
	if (!want_entry(ld, n, CF_Y_MAP, "requirements"))
		return;
	if ((v = need(ld, n, "id", "a requirement")) != NULL) {
		r->id.pos = v->pos;
		r->id.s = id_token(ld, v, "requirement");
	}
	/* From here on, every message names the requirement. */
	rl.req = r->id.s;
	ld = &rl;
	check_keys(ld, n, keys, "a requirement");
	if ((v = cf_ymap_get(n, "status")) != NULL)
		load_status(ld, v, r);
	/* Withdrawn and reserved ones need only id and status. */
	active = r->status == CF_STATUS_ACTIVE;
	r->title = text(ld, cf_ymap_get(n, "title"), "title", true);
	textnode = active ? need(ld, n, "text", "a requirement") :
	    cf_ymap_get(n, "text");
	if (textnode != NULL) {
		r->text_pos = textnode->pos;
		if ((t = md(ld, textnode, "text", active)) != NULL)
			r->text = t;
	}
	has_class = load_scope(ld, n, r, active && parent == NULL);
	if (parent != NULL)
		inherit(r, parent, has_class);
	if ((v = cf_ymap_get(n, "applicability")) != NULL)
		load_req_applicability(ld, v, r);
	r->guidance = md(ld, cf_ymap_get(n, "guidance"), "guidance", false);
	if ((v = cf_ymap_get(n, "keywords")) != NULL)
		r->keywords = text_list(ld, v, "keywords", &r->nkeywords,
		    NULL);
	if ((v = cf_ymap_get(n, "references")) != NULL)
		load_references(ld, v, r);
	r->note = md(ld, cf_ymap_get(n, "note"), "note", false);
	if ((v = cf_ymap_get(n, "requirements")) != NULL)
		load_children(ld, v, r, depth);
}

static void
load_section(const struct ld *ld, struct cf_ynode *n, struct cf_section *s)
{
	static const char *const keys[] = { "id", "title", "intro",
	    "requirements", NULL };
	struct cf_ynode	*v;
	size_t		 i;

	s->pos = n->pos;
	if (!want_entry(ld, n, CF_Y_MAP, "sections"))
		return;
	check_keys(ld, n, keys, "a section");
	if ((v = need(ld, n, "id", "a section")) != NULL) {
		s->id.pos = v->pos;
		s->id.s = id_token(ld, v, "section");
	}
	s->title = text(ld, need(ld, n, "title", "a section"), "title", true);
	s->intro = md(ld, cf_ymap_get(n, "intro"), "intro", false);
	v = need(ld, n, "requirements", "a section");
	/* An empty list is allowed here: validation warns about it. */
	if (v == NULL || v->bad || (v->type == CF_Y_SEQ && v->n == 0))
		return;
	if (!want(ld, v, CF_Y_SEQ, "requirements"))
		return;
	s->reqs = cf_arena_alloc(ld->arena, v->n * sizeof(*s->reqs));
	s->nreqs = v->n;
	for (i = 0; i < v->n; i++)
		load_requirement(ld, v->items[i], &s->reqs[i], NULL, 0);
}

/* Loads a required or optional list of catalogue entries. */
#define LOAD_LIST(ld, root, key, required, arr, count, fn) do {		\
	struct cf_ynode	*list_ = (required) ?				\
	    need((ld), (root), (key), "the catalogue") :		\
	    cf_ymap_get((root), (key));					\
	size_t		 i_;						\
									\
	if (list_ != NULL && want((ld), list_, CF_Y_SEQ, (key))) {	\
		if (list_->n == 0)					\
			error_at((ld), list_, "'%s' must not be an "	\
			    "empty list", (key));			\
		(arr) = cf_arena_alloc((ld)->arena,			\
		    (list_->n + 1) * sizeof(*(arr)));			\
		(count) = list_->n;					\
		for (i_ = 0; i_ < list_->n; i_++)			\
			fn((ld), list_->items[i_], &(arr)[i_]);		\
	}								\
} while (0)

static bool
check_schema(const struct ld *ld, struct cf_ynode *root, const char *want_s)
{
	struct cf_ynode	*v = need(ld, root, "schema", "the document");
	const char	*s = text(ld, v, "schema", true);

	if (v == NULL || s == NULL)
		return v == NULL;
	if (strcmp(s, want_s) != 0) {
		error_at(ld, v, "schema is '%s', expected '%s'", s, want_s);
		return false;
	}
	return true;
}

static bool	 digests = true;

void
cf_load_digests(bool on)
{
	digests = on;
}

/* The digest is of the very bytes parsed, for declarations to record. */
static struct cf_ynode *
read_root(const struct ld *ld, struct cf_arena *arena, const char *what,
    char *sha256, const struct cf_ydoc **docp)
{
	struct cf_ydoc	*doc = cf_yaml_read(ld->path, arena);

	if (doc == NULL)
		return NULL;
	if (docp != NULL)
		*docp = doc;
	if (digests)
		cf_sha256_hex(doc->text, doc->len, sha256);
	else
		sha256[0] = '\0';
	if (doc->root != NULL && doc->root->bad)
		return NULL;	/* an alias or a tag, already reported */
	if (doc->root == NULL || is_null(doc->root)) {
		cf_diag(CF_ERROR, ld->path, 0, 0, "file is empty: expected "
		    "a %s mapping", what);
		return NULL;
	}
	if (doc->root->type != CF_Y_MAP) {
		cf_diag(CF_ERROR, ld->path, doc->root->pos.line,
		    doc->root->pos.col, "expected a %s mapping at the top "
		    "level, found %s", what, node_kind(doc->root));
		return NULL;
	}
	return doc->root;
}

static void
load_catalogue_body(const struct ld *ld, struct cf_ynode *root,
    struct cf_catalogue *cat)
{
	static const char *const keys[] = { "schema", "id", "title",
	    "publisher", "version", "released", "url", "licence", "notice",
	    "classes", "categories", "applicability", "conditions", "answers",
	    "sections", NULL };
	struct cf_ynode	*v;

	check_keys(ld, root, keys, "the catalogue");
	if ((v = need(ld, root, "id", "the catalogue")) != NULL)
		cat->id_pos = v->pos;
	cat->id = token(ld, v, "id", true, LOWER_DIGITS, LOWER_DIGITS "-",
	    "[a-z0-9][a-z0-9-]*");
	cat->title = text_at(ld, need(ld, root, "title", "the catalogue"),
	    "title", true, &cat->title_pos);
	cat->publisher = text_at(ld, need(ld, root, "publisher",
	    "the catalogue"), "publisher", true, &cat->publisher_pos);
	if ((v = need(ld, root, "version", "the catalogue")) != NULL)
		cat->version_pos = v->pos;
	cat->version = token(ld, v, "version", true, ALNUM, ALNUM ".+",
	    "[A-Za-z0-9][A-Za-z0-9.+]*");
	date(ld, need(ld, root, "released", "the catalogue"), "released",
	    &cat->released);
	cat->url = url(ld, cf_ymap_get(root, "url"), "url", false, false,
	    &cat->url_pos);
	cat->licence = md_at(ld, cf_ymap_get(root, "licence"), "licence",
	    false, &cat->licence_pos);
	cat->notice = md_at(ld, cf_ymap_get(root, "notice"), "notice",
	    false, &cat->notice_pos);
	LOAD_LIST(ld, root, "classes", true, cat->classes, cat->nclasses,
	    load_class);
	LOAD_LIST(ld, root, "categories", true, cat->categories,
	    cat->ncategories, load_category);
	LOAD_LIST(ld, root, "applicability", false, cat->applics,
	    cat->napplics, load_applic);
	LOAD_LIST(ld, root, "conditions", false, cat->conditions,
	    cat->nconditions, load_condition_decl);
	if (cf_ymap_get(root, "answers") != NULL)
		LOAD_LIST(ld, root, "answers", false, cat->answers,
		    cat->nanswers, load_answer_code);
	else
		default_answers(cat);
	LOAD_LIST(ld, root, "sections", true, cat->sections, cat->nsections,
	    load_section);
}

struct cf_catalogue *
cf_catalogue_load(const char *path)
{
	struct cf_catalogue	*cat = cf_xcalloc(1, sizeof(*cat));
	struct cf_ynode		*root;
	struct ld		 ld;

	cf_arena_init(&cat->arena);
	cat->path = cf_arena_strdup(&cat->arena, path);
	ld.path = cat->path;
	ld.arena = &cat->arena;
	ld.req = NULL;
	if ((root = read_root(&ld, &cat->arena, "catalogue",
	    cat->sha256, NULL)) == NULL) {
		cf_catalogue_free(cat);
		return NULL;
	}
	/* Another kind of file would only produce noise: stop at schema. */
	if (check_schema(&ld, root, "cfgen/catalogue/1"))
		load_catalogue_body(&ld, root, cat);
	cf_catalogue_index(cat);
	return cat;
}

void
cf_catalogue_free(struct cf_catalogue *cat)
{
	if (cat == NULL)
		return;
	cf_arena_free(&cat->arena);
	free(cat);
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

static void
load_manufacturer(const struct ld *ld, struct cf_ynode *n,
    struct cf_manufacturer *m)
{
	static const char *const keys[] = { "name", "address", "contact",
	    "url", NULL };

	if (!want(ld, n, CF_Y_MAP, "manufacturer"))
		return;
	check_keys(ld, n, keys, "manufacturer");
	m->name = text_at(ld, need(ld, n, "name", "manufacturer"), "name",
	    true, &m->name_pos);
	m->address = text_at(ld, need(ld, n, "address", "manufacturer"),
	    "address", true, &m->address_pos);
	m->contact = url(ld, cf_ymap_get(n, "contact"), "contact", false,
	    true, &m->contact_pos);
	m->url = url(ld, cf_ymap_get(n, "url"), "url", false, false,
	    &m->url_pos);
}

static void
load_product(const struct ld *ld, struct cf_ynode *n, struct cf_product *p)
{
	static const char *const keys[] = { "id", "name", "model", "version",
	    "description", "support_until", "manufacturer", NULL };
	struct cf_ynode	*v;

	if (!want(ld, n, CF_Y_MAP, "product"))
		return;
	check_keys(ld, n, keys, "product");
	if ((v = need(ld, n, "id", "product")) != NULL)
		p->id.pos = v->pos;
	p->id.s = token(ld, v, "id", true, LOWER_DIGITS, LOWER_DIGITS "-",
	    "[a-z0-9][a-z0-9-]*");
	p->name = text_at(ld, need(ld, n, "name", "product"), "name", true,
	    &p->name_pos);
	p->model = text_at(ld, cf_ymap_get(n, "model"), "model", false,
	    &p->model_pos);
	p->version = text_at(ld, cf_ymap_get(n, "version"), "version", false,
	    &p->version_pos);
	p->description = md_at(ld, cf_ymap_get(n, "description"),
	    "description", false, &p->description_pos);
	if ((v = cf_ymap_get(n, "support_until")) != NULL) {
		p->support_until_pos = v->pos;
		date(ld, v, "support_until", &p->support_until);
	}
	if ((v = need(ld, n, "manufacturer", "product")) != NULL)
		load_manufacturer(ld, v, &p->manufacturer);
}

/* `claim.conditions`: condition code to true or false. */
static void
load_claim_conditions(const struct ld *ld, struct cf_ynode *n,
    struct cf_claim *c, struct cf_pos key)
{
	size_t	 i;

	c->conds_pos = key;
	if (!want(ld, n, CF_Y_MAP, "conditions"))
		return;
	c->conds = cf_arena_alloc(ld->arena, (n->n + 1) * sizeof(*c->conds));
	for (i = 0; i < n->n; i++) {
		struct cf_claim_cond	*cc = &c->conds[c->nconds];

		if (n->keys[i]->bad || n->keys[i]->type != CF_Y_SCALAR)
			continue;
		cc->code.s = n->keys[i]->value;
		cc->code.pos = n->keys[i]->pos;
		/* Kept even when in error: it is not missing. */
		boolean(ld, n->items[i], cc->code.s, &cc->value);
		c->nconds++;
	}
}

static void
load_claim(const struct ld *ld, struct cf_ynode *n, struct cf_claim *c)
{
	static const char *const keys[] = { "class", "applicability",
	    "conditions", NULL };
	struct cf_ynode	*v;

	c->class_id = -1;
	c->pos = n->pos;
	if (!want(ld, n, CF_Y_MAP, "claim"))
		return;
	check_keys(ld, n, keys, "claim");
	if ((v = need(ld, n, "class", "claim")) != NULL) {
		c->class_pos = v->pos;
		class_number(ld, v, "class", &c->class_id);
	}
	if ((v = cf_ymap_get(n, "applicability")) != NULL) {
		c->applicability.pos = v->pos;
		c->applicability.s = text(ld, v, "applicability", true);
	}
	if ((v = cf_ymap_get(n, "conditions")) != NULL)
		load_claim_conditions(ld, v, c, key_pos(n, "conditions"));
}

static void
load_evidence(const struct ld *ld, struct cf_ynode *n, struct cf_answer *a)
{
	size_t	 i;

	if (!want(ld, n, CF_Y_SEQ, "evidence"))
		return;
	a->evidence = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*a->evidence));
	for (i = 0; i < n->n; i++) {
		struct cf_evidence	*e = &a->evidence[a->nevidence];

		if ((e->ref = text(ld, n->items[i], "evidence", true)) == NULL)
			continue;
		e->pos = n->items[i]->pos;
		e->kind = cf_url_has_scheme(e->ref) ? CF_EVIDENCE_URL :
		    CF_EVIDENCE_PATH;
		a->nevidence++;
	}
}

static void
load_answer(const struct ld *ld, struct cf_ynode *key, struct cf_ynode *n,
    struct cf_answer *a)
{
	static const char *const keys[] = { "answer", "evidence", "note",
	    "justification", "review", NULL };
	struct cf_ynode	*v;
	struct ld	 al = *ld;

	a->req_id.s = key->value;
	a->req_id.pos = key->pos;
	if (!want_as(ld, n, CF_Y_MAP, "the answer to requirement %s",
	    key->value))
		return;
	al.req = key->value;
	ld = &al;
	check_keys(ld, n, keys, "an answer");
	if ((v = need(ld, n, "answer", "an answer")) != NULL) {
		a->code.pos = v->pos;
		a->code.s = text(ld, v, "answer", true);
	}
	if ((v = cf_ymap_get(n, "evidence")) != NULL)
		load_evidence(ld, v, a);
	a->note = md(ld, cf_ymap_get(n, "note"), "note", false);
	a->justification = md_at(ld, cf_ymap_get(n, "justification"),
	    "justification", false, &a->justification_pos);
	if ((v = cf_ymap_get(n, "review")) != NULL)
		boolean(ld, v, "review", &a->review);
}

static void
load_answers(const struct ld *ld, struct cf_ynode *n, struct cf_responses *r)
{
	size_t	 i;

	if (!want(ld, n, CF_Y_MAP, "answers"))
		return;
	r->answers = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*r->answers));
	for (i = 0; i < n->n; i++) {
		if (n->keys[i]->bad || n->keys[i]->type != CF_Y_SCALAR)
			continue;
		load_answer(ld, n->keys[i], n->items[i],
		    &r->answers[r->nanswers++]);
	}
	cf_responses_index(r);
}

static void
load_legislation(const struct ld *ld, struct cf_ynode *n,
    struct cf_declaration *d)
{
	static const char *const keys[] = { "title", "reference", NULL };
	size_t	 i;

	if (!want(ld, n, CF_Y_SEQ, "legislation"))
		return;
	if (n->n == 0) {
		error_at(ld, n, "'legislation' must not be empty (leave it "
		    "out instead)");
		return;
	}
	d->legislation = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*d->legislation));
	for (i = 0; i < n->n; i++) {
		struct cf_ynode		*e = n->items[i];
		struct cf_legislation	*l = &d->legislation[d->nlegislation];

		if (!want_entry(ld, e, CF_Y_MAP, "legislation"))
			continue;
		check_keys(ld, e, keys, "an entry of 'legislation'");
		l->title = text_at(ld, need(ld, e, "title",
		    "an entry of 'legislation'"), "title", true,
		    &l->title_pos);
		l->reference = text_at(ld, cf_ymap_get(e, "reference"),
		    "reference", true, &l->reference_pos);
		if (l->title != NULL)
			d->nlegislation++;
	}
}

static void
load_standards(const struct ld *ld, struct cf_ynode *n,
    struct cf_declaration *d)
{
	static const char *const keys[] = { "id", "title", "version", "date",
	    "harmonised", NULL };
	struct cf_ynode	*v;
	size_t		 i;
	bool		 h;

	if (!want(ld, n, CF_Y_SEQ, "standards"))
		return;
	if (n->n == 0) {
		error_at(ld, n, "'standards' must not be empty (leave it out "
		    "instead)");
		return;
	}
	d->standards = cf_arena_alloc(ld->arena,
	    (n->n + 1) * sizeof(*d->standards));
	for (i = 0; i < n->n; i++) {
		struct cf_ynode		*e = n->items[i];
		struct cf_standard	*st = &d->standards[d->nstandards];

		if (!want_entry(ld, e, CF_Y_MAP, "standards"))
			continue;
		check_keys(ld, e, keys, "an entry of 'standards'");
		st->id = text_at(ld, need(ld, e, "id",
		    "an entry of 'standards'"), "id", true, &st->id_pos);
		st->title = text_at(ld, cf_ymap_get(e, "title"), "title",
		    true, &st->title_pos);
		st->version = text_at(ld, cf_ymap_get(e, "version"),
		    "version", true, &st->version_pos);
		/* Free text: "2024-09", "September 2024". */
		st->date = text_at(ld, cf_ymap_get(e, "date"), "date", true,
		    &st->date_pos);
		st->harmonised = -1;
		if ((v = cf_ymap_get(e, "harmonised")) != NULL &&
		    boolean(ld, v, "harmonised", &h))
			st->harmonised = h;
		if (st->id != NULL)
			d->nstandards++;
	}
}

static void
load_notified_body(const struct ld *ld, struct cf_ynode *n,
    struct cf_declaration *d)
{
	static const char *const keys[] = { "name", "number", "certificate",
	    NULL };
	const char	*name, *number;

	d->notified_body.pos = n->pos;
	if (!want(ld, n, CF_Y_MAP, "notified_body"))
		return;
	check_keys(ld, n, keys, "notified_body");
	name = text_at(ld, need(ld, n, "name", "notified_body"), "name",
	    true, &d->notified_body.name_pos);
	number = text_at(ld, need(ld, n, "number", "notified_body"),
	    "number", true, &d->notified_body.number_pos);
	d->notified_body.certificate = text_at(ld, cf_ymap_get(n,
	    "certificate"), "certificate", true,
	    &d->notified_body.certificate_pos);
	if (name != NULL && number != NULL) {
		d->notified_body.name = name;
		d->notified_body.number = number;
	}
}

static void
load_representative(const struct ld *ld, struct cf_ynode *n,
    struct cf_declaration *d)
{
	static const char *const keys[] = { "name", "address", NULL };
	const char	*name, *address;

	d->representative.pos = n->pos;
	if (!want(ld, n, CF_Y_MAP, "representative"))
		return;
	check_keys(ld, n, keys, "representative");
	name = text_at(ld, need(ld, n, "name", "representative"), "name",
	    true, &d->representative.name_pos);
	address = text_at(ld, need(ld, n, "address", "representative"),
	    "address", true, &d->representative.address_pos);
	if (name != NULL && address != NULL) {
		d->representative.name = name;
		d->representative.address = address;
	}
}

const char *
cf_form_name(enum cf_form f)
{
	static const char *const names[] = { "full", "simplified", "psti" };

	return (size_t)f < CF_FORM_COUNT ? names[f] : "unknown";
}

static void
load_forms(const struct ld *ld, struct cf_ynode *n, struct cf_declaration *d)
{
	const char	*s;
	size_t		 i;
	int		 f;

	if (!want(ld, n, CF_Y_SEQ, "forms"))
		return;
	if (n->n == 0) {
		error_at(ld, n, "'forms' must not be empty (expected full, "
		    "simplified or psti)");
		return;
	}
	for (i = 0; i < n->n; i++) {
		if ((s = text(ld, n->items[i], "forms", true)) == NULL)
			continue;
		for (f = 0; f < CF_FORM_COUNT; f++)
			if (strcmp(s, cf_form_name((enum cf_form)f)) == 0)
				break;
		if (f == CF_FORM_COUNT)
			error_at(ld, n->items[i], "unknown declaration form "
			    "'%s' (expected full, simplified or psti)", s);
		else if (d->forms[f])
			error_at(ld, n->items[i], "declaration form '%s' is "
			    "listed twice", s);
		else {
			d->forms[f] = true;
			d->form_pos[f] = n->items[i]->pos;
		}
	}
}

static void
load_declaration(const struct ld *ld, struct cf_ynode *n,
    struct cf_declaration *d)
{
	static const char *const keys[] = { "signatory", "place", "date",
	    "url", "identification", "legislation", "standards", "procedure",
	    "notified_body", "representative", "forms", NULL };
	static const char *const skeys[] = { "name", "role", NULL };
	struct cf_ynode	*v;

	if (!want(ld, n, CF_Y_MAP, "declaration"))
		return;
	check_keys(ld, n, keys, "declaration");
	if ((v = need(ld, n, "signatory", "declaration")) != NULL &&
	    want(ld, v, CF_Y_MAP, "signatory")) {
		check_keys(ld, v, skeys, "signatory");
		d->name = text_at(ld, need(ld, v, "name", "signatory"),
		    "name", true, &d->name_pos);
		d->role = text_at(ld, need(ld, v, "role", "signatory"),
		    "role", true, &d->role_pos);
	}
	d->place = text_at(ld, need(ld, n, "place", "declaration"), "place",
	    true, &d->place_pos);
	if ((v = need(ld, n, "date", "declaration")) != NULL) {
		d->date_pos = v->pos;
		date(ld, v, "date", &d->date);
	}
	d->url = url(ld, cf_ymap_get(n, "url"), "url", true, false,
	    &d->url_pos);
	d->identification = text_at(ld, cf_ymap_get(n, "identification"),
	    "identification", true, &d->identification_pos);
	d->procedure = text_at(ld, cf_ymap_get(n, "procedure"), "procedure",
	    true, &d->procedure_pos);
	if ((v = cf_ymap_get(n, "legislation")) != NULL)
		load_legislation(ld, v, d);
	if ((v = cf_ymap_get(n, "standards")) != NULL)
		load_standards(ld, v, d);
	if ((v = cf_ymap_get(n, "notified_body")) != NULL)
		load_notified_body(ld, v, d);
	if ((v = cf_ymap_get(n, "representative")) != NULL)
		load_representative(ld, v, d);
	if ((v = cf_ymap_get(n, "forms")) != NULL) {
		d->forms_pos = key_pos(n, "forms");
		d->forms[CF_FORM_FULL] = false;	/* only what is listed */
		load_forms(ld, v, d);
	}
	d->present = d->name != NULL && d->role != NULL && d->place != NULL &&
	    d->date.year != 0;
}

static void
load_responses_body(const struct ld *ld, struct cf_ynode *root,
    struct cf_responses *r)
{
	static const char *const keys[] = { "schema", "catalogue", "version",
	    "revision", "date", "product", "claim", "answers", "declaration",
	    "lang", NULL };
	struct cf_ynode	*v;

	check_keys(ld, root, keys, "the responses");
	if ((v = cf_ymap_get(root, "lang")) != NULL) {
		r->lang.pos = v->pos;
		if ((r->lang.s = text(ld, v, "lang", true)) != NULL &&
		    !cf_lang_tag_ok(r->lang.s))
			error_at(ld, v, "'lang' must be a language tag such "
			    "as de, fr or pt-BR, not '%s'", r->lang.s);
	}
	if ((v = need(ld, root, "catalogue", "the responses")) != NULL) {
		r->catalogue.pos = v->pos;
		r->catalogue.s = text(ld, v, "catalogue", true);
	}
	if ((v = need(ld, root, "version", "the responses")) != NULL) {
		r->version.pos = v->pos;
		r->version.s = text(ld, v, "version", true);
	}
	if ((v = need(ld, root, "revision", "the responses")) != NULL &&
	    integer(ld, v, "revision", &r->revision) && r->revision < 1)
		error_at(ld, v, "'revision' must be a positive integer, not "
		    "%ld", r->revision);
	date(ld, need(ld, root, "date", "the responses"), "date", &r->date);
	if ((v = need(ld, root, "product", "the responses")) != NULL)
		load_product(ld, v, &r->product);
	if ((v = need(ld, root, "claim", "the responses")) != NULL)
		load_claim(ld, v, &r->claim);
	else
		r->claim.class_id = -1;
	r->answers_pos = key_pos(root, "answers");
	if ((v = need(ld, root, "answers", "the responses")) != NULL)
		load_answers(ld, v, r);
	/* Without `forms:`, or without a declaration at all (a draft), the
	 * full declaration is the one written. */
	r->decl.forms[CF_FORM_FULL] = true;
	if ((v = cf_ymap_get(root, "declaration")) != NULL) {
		r->decl.pos = key_pos(root, "declaration");
		load_declaration(ld, v, &r->decl);
	}
}

static const char *
dir_of(struct cf_arena *a, const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return ".";
	if (slash == path)
		return "/";
	return cf_arena_strndup(a, path, (size_t)(slash - path));
}

struct cf_responses *
cf_responses_load(const char *path)
{
	struct cf_responses	*r = cf_xcalloc(1, sizeof(*r));
	struct cf_ynode		*root;
	struct ld		 ld;

	cf_arena_init(&r->arena);
	r->path = cf_arena_strdup(&r->arena, path);
	r->dir = dir_of(&r->arena, path);
	r->claim.class_id = -1;
	ld.path = r->path;
	ld.arena = &r->arena;
	ld.req = NULL;
	if ((root = read_root(&ld, &r->arena, "responses",
	    r->sha256, &r->doc)) == NULL) {
		cf_responses_free(r);
		return NULL;
	}
	if (check_schema(&ld, root, "cfgen/responses/1"))
		load_responses_body(&ld, root, r);
	return r;
}

void
cf_responses_free(struct cf_responses *r)
{
	if (r == NULL)
		return;
	cf_arena_free(&r->arena);
	free(r);
}
