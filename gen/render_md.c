/*
 * render_md.c -- Markdown checklists, from templates.
 */
#include "render.h"

#include "richtext.h"
#include "view.h"

int
cf_render_checklist_md(const struct cf_catalogue *cat,
    const struct cf_responses *resp, const struct cf_verdict *verdict,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_view_spec	 spec;
	struct cf_arena		 a;
	const char		*name;
	int			 rc;

	name = cf_view_checklist(&spec, cat, resp, verdict, opts);
	spec.rich = CF_RICH_MD;
	cf_arena_init(&a);
	rc = cf_view_render(name, "md", cf_view_new(&a, &spec), opts, out);
	cf_arena_free(&a);
	return rc;
}
