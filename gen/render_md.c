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
	struct cf_view_spec	 spec = { 0 };
	struct cf_arena		 a;
	int			 rc;

	spec.cat = cat;
	spec.resp = resp;
	spec.verdict = verdict;
	spec.kind = "checklist";
	spec.requirements = true;
	spec.opts = opts;
	spec.rich = CF_RICH_MD;
	cf_arena_init(&a);
	rc = cf_view_render(resp != NULL ? "checklist" : "checklist-blank",
	    "md", cf_view_new(&a, &spec), opts, out);
	cf_arena_free(&a);
	return rc;
}
