/*
 * render_html.c -- HTML checklists and the best-practice guide.
 *
 * Checklists carry their style sheet inline so each file stands alone
 * when mailed or archived; the guide's pages share guide/style.css.  Both
 * come from the one template "style.css".
 */
#include "render.h"

#include <stdlib.h>
#include <string.h>

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
	struct cf_view_spec	 spec;
	const char		*name;

	name = cf_view_checklist(&spec, cat, resp, verdict, opts);
	return render(&spec, name, true, out);
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

/*
 * The guide has a page per section: an in-page link of an md field to a
 * requirement of another section ("#req-AC-2", richtext.h) goes to that
 * page.  Only the anchors rich text makes are of the form href="#req-;
 * the templates' own point at requirements of the same page.
 */
static void
cross_page_links(const struct cf_catalogue *cat,
    const struct cf_section *section, struct cf_buf *out)
{
	static const char	 pat[] = "href=\"#req-";
	const struct cf_requirement *r;
	struct cf_buf		 b;
	struct cf_arena		 a;
	const char		*p, *q, *end;
	char			*frag;

	if (out->data == NULL || strstr(out->data, pat) == NULL)
		return;
	cf_buf_init(&b);
	cf_arena_init(&a);
	for (p = out->data; (q = strstr(p, pat)) != NULL; p = end) {
		q += 6;				/* href=" */
		if ((end = strchr(q, '"')) == NULL)
			break;
		/* Copied, not printed: a page links each of its requirements. */
		cf_buf_put(&b, p, (size_t)(q - p));
		/* The address is percent-encoded: decode it to look it up. */
		frag = cf_url_decode(cf_arena_strndup(&a, q + 1,
		    (size_t)(end - q - 1)));
		r = cf_catalogue_find_fragment(cat, frag);
		free(frag);
		if (r != NULL && r->section != section) {
			cf_buf_puts(&b, cf_id_slug(&a, r->section->id.s));
			cf_buf_puts(&b, ".html");
		}
		cf_buf_put(&b, q, (size_t)(end - q));
	}
	cf_buf_puts(&b, p);
	cf_buf_free(out);
	*out = b;
	cf_arena_free(&a);
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
	if (render(&spec, "guide-section", false, out) != 0)
		return -1;
	cross_page_links(cat, section, out);
	return 0;
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
