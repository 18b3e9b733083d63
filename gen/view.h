/*
 * view.h -- the model as the data tree templates see (value.h).
 *
 * One function builds every variable documented in templates/README.md,
 * for every document, so a template author finds the same names in the
 * checklists and the guide, and the Markdown and HTML of one document can
 * never disagree about a value.  Rich text arrives pre-rendered (richtext.h)
 * as `*_html`, `*_md`, `*_cell` and `*_more_md`, in the forms the format
 * prints; everything else is plain text that the template engine escapes
 * for the output at hand.
 */
#ifndef CF_VIEW_H
#define CF_VIEW_H

#include <stdbool.h>

#include "gate.h"
#include "model.h"
#include "render.h"
#include "value.h"

struct cf_view_spec {
	const struct cf_catalogue	*cat;
	const struct cf_responses	*resp;		/* NULL: no product */
	const struct cf_verdict		*verdict;	/* with resp */
	/* "checklist", "guide": a literal (a key of the tree) */
	const char			*kind;
	/* Guide section page: this section is `section`, and current. */
	const struct cf_section		*section;
	/* Fill each section's requirements (only `section`'s when set). */
	bool				 requirements;
	const struct cf_render_opts	*opts;
	/* The rich-text forms (richtext.h) it prints; 0: every form. */
	unsigned			 rich;
};

/*
 * The tree refers to the model, the locale and the rich-text memo rather
 * than copying from them: it must not outlive them.
 */
struct cf_value	*cf_view_new(struct cf_arena *, const struct cf_view_spec *);

/*
 * A checklist's spec, the same in every format (rich left 0): blank when
 * resp is NULL, else completed.  Returns its template's name,
 * "checklist-blank" or "checklist".
 */
const char	*cf_view_checklist(struct cf_view_spec *,
		    const struct cf_catalogue *, const struct cf_responses *,
		    const struct cf_verdict *, const struct cf_render_opts *);

/*
 * Renders template "<name>.<ext>.mustache" (partials "<partial>.<ext>
 * .mustache") from -t DIR or the built-ins, escaping for ext ("html" or
 * "md").  Returns 0, or -1 after a diagnostic.
 */
int		 cf_view_render(const char *name, const char *ext,
		    const struct cf_value *view, const struct cf_render_opts *,
		    struct cf_buf *out);

#endif
