/*
 * mustache.h -- a Mustache template engine (core spec: comments,
 * delimiters, interpolation, inverted, partials, sections).
 *
 * Escaping is the caller's choice, because what is "safe" depends on the
 * output: HTML escaping for .html templates, Markdown-safe text for .md
 * templates (see cf_escape_html, cf_escape_md).
 */
#ifndef CF_MUSTACHE_H
#define CF_MUSTACHE_H

#include "util.h"
#include "value.h"

/* Appends s escaped to out. */
typedef void	(*cf_escape_fn)(struct cf_buf *out, const char *s);

/* Returns a partial's text (caller frees) or NULL when there is none. */
typedef char	*(*cf_partial_fn)(void *ctx, const char *name);

struct cf_mustache_opts {
	cf_escape_fn	 escape;	/* NULL: no escaping */
	cf_partial_fn	 partial;	/* NULL: every partial is empty */
	void		*partial_ctx;
	const char	*name;		/* template's name, for messages */
};

/*
 * Renders tmpl against ctx, appending to out.  Returns 0, or -1 with a
 * malformed template (unclosed tag or section, bad delimiters) reported
 * as a diagnostic at the template's line and column.
 */
int	 cf_mustache_render(const char *tmpl, const struct cf_value *ctx,
	    const struct cf_mustache_opts *, struct cf_buf *out);

void	 cf_escape_html(struct cf_buf *, const char *);
/* Markdown-safe inline text: specials backslash-escaped, no line breaks. */
void	 cf_escape_md(struct cf_buf *, const char *);

#endif
