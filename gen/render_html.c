/*
 * render_html.c -- HTML checklists and the best-practice guide.
 *
 * Checklists carry their style sheet inline so each file stands alone
 * when mailed or archived; the guide's pages share guide/style.css.  Both
 * come from the one template "style.css".
 */
#include "render.h"

#include <stdlib.h>

#include "richtext.h"
#include "templates.h"
#include "view.h"

static int
render(const struct cf_view_spec *spec, const char *name, bool inline_css,
    struct cf_buf *out)
{
	struct cf_view_spec	 html = *spec;
	struct cf_arena		 a;
	struct cf_value		*view;
	char			*css = NULL;
	int			 rc = -1;

	html.rich = CF_RICH_HTML;	/* no Markdown forms to render */
	cf_arena_init(&a);
	view = cf_view_new(&a, &html);
	if (inline_css) {
		if ((css = cf_template_load(spec->opts->template_dir,
		    "style.css", NULL)) == NULL)
			goto out;
		cf_value_set_str(&a, view, "stylesheet", css);
	}
	rc = cf_view_render(name, "html", view, spec->opts, out);
out:
	free(css);
	cf_arena_free(&a);
	return rc;
}

int
cf_render_checklist_html(const struct cf_catalogue *cat,
    const struct cf_responses *resp, const struct cf_verdict *verdict,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_view_spec	 spec = { 0 };

	spec.cat = cat;
	spec.resp = resp;
	spec.verdict = verdict;
	spec.kind = "checklist";
	spec.requirements = true;
	spec.opts = opts;
	return render(&spec, resp != NULL ? "checklist" : "checklist-blank",
	    true, out);
}

int
cf_render_guide_index(const struct cf_catalogue *cat,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_view_spec	 spec = { 0 };

	spec.cat = cat;
	spec.kind = "guide";
	spec.opts = opts;
	return render(&spec, "guide-index", false, out);
}

int
cf_render_guide_section(const struct cf_catalogue *cat,
    const struct cf_section *section, const struct cf_render_opts *opts,
    struct cf_buf *out)
{
	struct cf_view_spec	 spec = { 0 };

	spec.cat = cat;
	spec.kind = "guide";
	spec.section = section;
	spec.requirements = true;
	spec.opts = opts;
	return render(&spec, "guide-section", false, out);
}

int
cf_render_guide_css(const struct cf_render_opts *opts, struct cf_buf *out)
{
	char	*css;

	if ((css = cf_template_load(opts->template_dir, "style.css",
	    NULL)) == NULL)
		return -1;
	cf_buf_puts(out, css);
	free(css);
	return 0;
}
