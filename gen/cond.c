/*
 * cond.c -- parsing and evaluating condition expressions (cond.h).
 *
 * A recursive-descent parser over a small tokenizer: one function per
 * precedence level.  Depth is bounded so a hostile expression cannot
 * exhaust the stack.
 */
#include "cond.h"

#include <ctype.h>
#include <string.h>

enum tok {
	T_END,
	T_CODE,
	T_AND,
	T_OR,
	T_NOT,
	T_OPEN,
	T_CLOSE,
	T_BAD
};

struct parser {
	struct cf_arena	*arena;
	const char	*text;
	const char	*p;		/* next unread byte */
	enum tok	 tok;		/* the current token */
	const char	*start;		/* its first byte */
	size_t		 len;		/* its length in bytes */
	unsigned	 depth;
	unsigned	 ncodes;
	const char	*msg;		/* first error, NULL: none */
	const char	*at;		/* where it is */
};

#define BAD_CHAR	"has a character that is not part of a condition code, " \
	"'and', 'or', 'not' or parentheses"

static bool
code_start(char c)
{
	return isalpha((unsigned char)c);
}

static bool
code_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '-';
}

static void
next(struct parser *ps)
{
	const char	*s;

	while (*ps->p == ' ' || *ps->p == '\t' || *ps->p == '\n' ||
	    *ps->p == '\r')
		ps->p++;
	ps->start = s = ps->p;
	if (*s == '\0') {
		ps->tok = T_END, ps->len = 0;
		return;
	}
	if (*s == '(' || *s == ')') {
		ps->tok = *s == '(' ? T_OPEN : T_CLOSE;
		ps->len = 1, ps->p++;
		return;
	}
	if (!code_start(*s)) {
		ps->tok = T_BAD, ps->len = 1;
		return;
	}
	while (code_char(*ps->p))
		ps->p++;
	ps->len = (size_t)(ps->p - s);
	ps->tok = T_CODE;
	if (ps->len == 3 && strncmp(s, "and", 3) == 0)
		ps->tok = T_AND;
	else if (ps->len == 2 && strncmp(s, "or", 2) == 0)
		ps->tok = T_OR;
	else if (ps->len == 3 && strncmp(s, "not", 3) == 0)
		ps->tok = T_NOT;
}

static struct cf_cond *
fail(struct parser *ps, const char *msg)
{
	if (ps->msg == NULL) {
		ps->msg = msg;
		ps->at = ps->start;
	}
	return NULL;
}

static struct cf_cond *
node(struct parser *ps, enum cf_cond_op op, struct cf_cond *l,
    struct cf_cond *r)
{
	struct cf_cond	*c = cf_arena_alloc(ps->arena, sizeof(*c));

	c->op = op;
	c->l = l;
	c->r = r;
	return c;
}

static struct cf_cond	*parse_or(struct parser *);

static struct cf_cond *
parse_unary(struct parser *ps)
{
	struct cf_cond	*c;

	if (ps->depth >= CF_COND_MAX_DEPTH)
		return fail(ps, "is nested too deeply (more than 32 levels "
		    "of 'not' and parentheses)");
	switch (ps->tok) {
	case T_NOT:
		next(ps);
		ps->depth++;
		c = parse_unary(ps);
		ps->depth--;
		return c == NULL ? NULL : node(ps, CF_COND_NOT, c, NULL);
	case T_OPEN:
		next(ps);
		ps->depth++;
		c = parse_or(ps);
		ps->depth--;
		if (c == NULL)
			return NULL;
		if (ps->tok != T_CLOSE)
			return fail(ps, ps->tok == T_END ? "lacks a closing "
			    "')'" : ps->tok == T_BAD ? BAD_CHAR :
			    "expects 'and', 'or' or ')' here");
		next(ps);
		return c;
	case T_CODE:
		/* Evaluation recurses once per operator: bound them too. */
		if (++ps->ncodes > CF_COND_MAX_CODES)
			return fail(ps, "names more than 256 condition codes");
		c = node(ps, CF_COND_CODE, NULL, NULL);
		c->code = cf_arena_strndup(ps->arena, ps->start, ps->len);
		c->offset = cf_utf8_count(ps->text,
		    (size_t)(ps->start - ps->text));
		next(ps);
		return c;
	case T_END:
		return fail(ps, "ends where a condition code, 'not' or '(' "
		    "is expected");
	case T_BAD:
		return fail(ps, BAD_CHAR);
	default:
		return fail(ps, "expects a condition code, 'not' or '(' "
		    "here");
	}
}

static struct cf_cond *
parse_and(struct parser *ps)
{
	struct cf_cond	*c, *r;

	if ((c = parse_unary(ps)) == NULL)
		return NULL;
	while (ps->tok == T_AND) {
		next(ps);
		if ((r = parse_unary(ps)) == NULL)
			return NULL;
		c = node(ps, CF_COND_AND, c, r);
	}
	return c;
}

static struct cf_cond *
parse_or(struct parser *ps)
{
	struct cf_cond	*c, *r;

	if ((c = parse_and(ps)) == NULL)
		return NULL;
	while (ps->tok == T_OR) {
		next(ps);
		if ((r = parse_and(ps)) == NULL)
			return NULL;
		c = node(ps, CF_COND_OR, c, r);
	}
	return c;
}

struct cf_cond *
cf_cond_parse(struct cf_arena *a, const char *text, const char **msg,
    size_t *offset)
{
	struct parser	 ps;
	struct cf_cond	*c;

	memset(&ps, 0, sizeof(ps));
	ps.arena = a;
	ps.text = ps.p = text;
	next(&ps);
	c = parse_or(&ps);
	if (c != NULL && ps.tok != T_END)
		c = fail(&ps, ps.tok == T_CLOSE ? "has a ')' that closes "
		    "nothing" : ps.tok == T_BAD ? BAD_CHAR :
		    "expects 'and', 'or' or the end here");
	if (c == NULL) {
		*msg = ps.msg;
		*offset = cf_utf8_count(text, (size_t)(ps.at - text));
	}
	return c;
}

bool
cf_cond_eval(const struct cf_cond *c, const bool *values)
{
	switch (c->op) {
	case CF_COND_CODE:
		return values[c->idx];
	case CF_COND_NOT:
		return !cf_cond_eval(c->l, values);
	case CF_COND_AND:
		return cf_cond_eval(c->l, values) && cf_cond_eval(c->r, values);
	default:
		return cf_cond_eval(c->l, values) || cf_cond_eval(c->r, values);
	}
}

void
cf_cond_walk(struct cf_cond *c, void (*fn)(struct cf_cond *, void *),
    void *ctx)
{
	if (c->op == CF_COND_CODE) {
		fn(c, ctx);
		return;
	}
	cf_cond_walk(c->l, fn, ctx);
	if (c->r != NULL)
		cf_cond_walk(c->r, fn, ctx);
}
