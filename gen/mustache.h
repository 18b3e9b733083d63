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

#include <stdbool.h>

#include "util.h"
#include "value.h"

/*
 * Appends s escaped to out; what out already holds is the context (the
 * Markdown escape looks at the line the value continues).
 */
typedef void	(*cf_escape_fn)(struct cf_buf *out, const char *s);

/*
 * Finds the partial name: returns 0 with *text set (caller frees) and,
 * optionally, *origin (caller frees: the file it came from, which
 * messages about the partial name); 1 when there is no such partial; -1
 * when there is one that could not be read (a diagnostic was printed).
 */
typedef int	 (*cf_partial_fn)(void *ctx, const char *name, char **text,
		    char **origin);

struct cf_mustache_opts {
	cf_escape_fn	 escape;	/* NULL: no escaping */
	cf_partial_fn	 partial;	/* NULL: there are no partials */
	void		*partial_ctx;
	const char	*name;		/* template's name, for messages */
	bool		 strict;	/* a missing partial is an error */
};

/*
 * Renders tmpl against ctx, appending to out; opts may be NULL (no
 * escaping, no partials).  Returns 0, or -1 with a diagnostic at the
 * template's line and column (columns count characters) and out as it
 * was before the call.  Errors: an unclosed tag or section, a closing tag
 * that matches no open section, bad set-delimiter tags, an empty tag name
 * or one holding white space, sections nested more than 100 deep,
 * partials nested more than 64 deep (a runaway recursion), more than
 * CF_MUSTACHE_MAX_STEPS tags and texts rendered or more than
 * CF_MUSTACHE_MAX_OUTPUT bytes written (sections that multiply each
 * other's lists), and, with opts->strict, a partial that does not exist
 * (at its {{> }} tag).  A partial's own mistakes are reported with the
 * partial's file (its origin, else its name) as the file.
 *
 * Where the spec leaves a choice open:
 * - falsey are a missing name, null, false, an empty list and the empty
 *   string (so an optional text can guard its own section); "0" is a
 *   non-empty string and so truthy;
 * - true and false interpolate as "true" and "false", lists and maps as
 *   nothing;
 * - a missing partial renders as nothing, unless opts->strict.
 * The optional spec modules (inheritance, dynamic names) are not
 * supported: their tags read as ordinary names.
 */
#define CF_MUSTACHE_MAX_STEPS	(16u * 1024 * 1024)
#define CF_MUSTACHE_MAX_OUTPUT	(256u * 1024 * 1024)

int	 cf_mustache_render(const char *tmpl, const struct cf_value *ctx,
	    const struct cf_mustache_opts *, struct cf_buf *out);

/* Escapes & < > " and ' (as &#39;, which HTML 4 also knows). */
void	 cf_escape_html(struct cf_buf *, const char *);
/*
 * Markdown-safe inline text, for table cells and paragraphs: every line
 * break becomes one space, so a table row never breaks; \ ` * _ { } [ ]
 * < > # ! | ~ & are backslash-escaped wherever they occur, so no emphasis,
 * code, link, image, raw HTML, entity or cell boundary survives.  Where
 * the text opens a line -- out is empty or its last line holds only
 * blanks, ">" and list markers -- a leading - + = (or the dot of a
 * leading "1." or "1)") is escaped too, so the text starts no list, rule
 * or heading; after other text on the line ("| ", "**Date:** ") it is not:
 * "21. November 2026" stays as it is.  After digits alone the dot of
 * ". x" is escaped, since "2" and ". x" together would open a list.
 */
void	 cf_escape_md(struct cf_buf *, const char *);

#endif
