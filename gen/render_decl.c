/*
 * render_decl.c -- a declaration of conformity in Markdown, HTML and
 * JSON.  The PDF form is in render_decl_pdf.c.
 *
 * Markdown and HTML come from templates over cf_decl_view(); the JSON is
 * built here with jansson, its keys in the order doc/declaration-schema.md
 * documents, so registries can rely on the shape.
 */
#include "render.h"

#include <jansson.h>

#include "declaration.h"
#include "export.h"
#include "richtext.h"
#include "view.h"

static int
render_template(const struct cf_decl *d, const char *name, const char *ext,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_arena	 a;
	int		 rc;

	cf_arena_init(&a);
	rc = cf_view_render(name, ext, cf_decl_view(&a, d, opts), opts, out);
	cf_arena_free(&a);
	return rc;
}

int
cf_render_declaration_md(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render_template(d, "declaration", "md", opts, out);
}

int
cf_render_declaration_html(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render_template(d, "declaration", "html", opts, out);
}

int
cf_render_simplified_md(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render_template(d, "declaration-simplified", "md", opts, out);
}

int
cf_render_simplified_html(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render_template(d, "declaration-simplified", "html", opts,
	    out);
}

int
cf_render_psti_md(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render_template(d, "statement-of-compliance", "md", opts, out);
}

int
cf_render_psti_html(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	return render_template(d, "statement-of-compliance", "html", opts,
	    out);
}

/*
 * Inputs are checked UTF-8 (catalogue.md), which is all json_string()
 * refuses; null stands for an absent value.
 */
static json_t *
jstr(const char *s)
{
	json_t	*j;

	if (s == NULL || (j = json_string(s)) == NULL)
		return json_null();
	return j;
}

/* A message as a sentence in the declaration's language (wording.h). */
static json_t *
jmsg(const struct cf_decl *d, const struct cf_msg *msg)
{
	struct cf_buf	 b;
	json_t		*j;

	cf_buf_init(&b);
	cf_msg_put_in(&b, d->loc, msg);
	j = jstr(b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return j;
}

static json_t *
jdate(const struct cf_date *d)
{
	char	 buf[11];

	return d->year != 0 ? json_string(cf_date_str(d, buf)) : json_null();
}

/* An md field as cleaned CommonMark (richtext.h), or null. */
static json_t *
jmd(const char *md)
{
	struct cf_arena	 a;
	struct cf_rich	 r;
	json_t		*j;

	if (md == NULL || *md == '\0')
		return json_null();
	cf_arena_init(&a);
	cf_rich_render(&a, md, CF_RICH_MD, &r);
	j = *r.md != '\0' ? jstr(r.md) : json_null();
	cf_arena_free(&a);
	return j;
}

static void
set(json_t *obj, const char *key, json_t *val)
{
	json_object_set_new(obj, key, val);
}

static json_t *
j_blockers(const struct cf_decl *d)
{
	json_t	*list = json_array(), *b;
	size_t	 i;

	for (i = 0; i < d->verdict->nblockers; i++) {
		const struct cf_blocker *bl = &d->verdict->blockers[i];

		b = json_object();
		set(b, "kind", json_string(cf_decl_blocker_name(bl->kind)));
		set(b, "requirement", jstr(bl->req != NULL ? bl->req->id.s :
		    NULL));
		set(b, "message", jmsg(d, &bl->msg));
		json_array_append_new(list, b);
	}
	return list;
}

static json_t *
j_generator(const struct cf_decl *d)
{
	json_t	*g = json_object();

	set(g, "name", json_string("cfgen"));
	set(g, "version", json_string(CFGEN_VERSION));
	set(g, "generated", jstr(d->generated));
	return g;
}

static json_t *
j_manufacturer(const struct cf_manufacturer *mf)
{
	json_t	*m = json_object();

	set(m, "name", jstr(mf->name));
	set(m, "address", jstr(mf->address));
	set(m, "contact", jstr(mf->contact));
	set(m, "url", jstr(mf->url));
	return m;
}

static json_t *
j_product(const struct cf_product *p, const struct cf_declaration *dc)
{
	json_t	*m = json_object();

	set(m, "id", jstr(p->id.s));
	set(m, "name", jstr(p->name));
	set(m, "model", jstr(p->model));
	set(m, "version", jstr(p->version));
	set(m, "description", jmd(p->description));
	set(m, "support_until", jdate(&p->support_until));
	set(m, "identification", jstr(dc->identification));
	return m;
}

static json_t *
j_catalogue(const struct cf_catalogue *cat)
{
	json_t	*m = json_object();

	set(m, "id", jstr(cat->id));
	set(m, "title", jstr(cat->title));
	set(m, "publisher", jstr(cat->publisher));
	set(m, "version", jstr(cat->version));
	set(m, "released", jdate(&cat->released));
	set(m, "url", jstr(cat->url));
	set(m, "notice", jmd(cat->notice));
	return m;
}

static json_t *
j_claim(const struct cf_decl *d)
{
	json_t	*m = json_object();

	set(m, "class", json_integer(d->resp->claim.class_id));
	set(m, "class_title", jstr(d->cls != NULL ? d->cls->title : NULL));
	set(m, "class_description", jmd(d->cls != NULL ?
	    d->cls->description : NULL));
	set(m, "applicability", jstr(d->applic != NULL ? d->applic->code :
	    NULL));
	set(m, "applicability_title", jstr(d->applic != NULL ?
	    d->applic->title : NULL));
	return m;
}

static json_t *
j_responses(const struct cf_responses *r)
{
	json_t	*m = json_object();

	set(m, "revision", json_integer(r->revision));
	set(m, "date", jdate(&r->date));
	return m;
}

static json_t *
j_statements(const struct cf_decl *d)
{
	json_t	*m = json_object();

	set(m, "responsibility", jmsg(d, &d->responsibility));
	set(m, "conformity", jmsg(d, &d->conformity));
	set(m, "basis", jmsg(d, &d->basis));
	return m;
}

/* Applicable requirements and how they were answered, into m. */
static json_t *
put_counts(json_t *m, const struct cf_catalogue *cat, size_t applicable,
    size_t not_assessed, const size_t *by_code)
{
	json_t	*ans = json_object();
	size_t	 i;

	set(m, "applicable", json_integer((json_int_t)applicable));
	for (i = 0; i < cat->nanswers; i++)
		set(ans, cat->answers[i].code,
		    json_integer((json_int_t)by_code[i]));
	set(m, "answers", ans);
	set(m, "not_assessed", json_integer((json_int_t)not_assessed));
	return m;
}

static json_t *
j_summary(const struct cf_decl *d)
{
	const struct cf_catalogue	*cat = d->cat;
	json_t				*m = json_object(), *list, *item;
	size_t				 i;

	list = json_array();
	for (i = 0; i < cat->nanswers; i++) {
		item = json_object();
		set(item, "code", jstr(cat->answers[i].code));
		set(item, "title", jstr(cat->answers[i].title));
		set(item, "meets", json_boolean(cat->answers[i].meets));
		json_array_append_new(list, item);
	}
	set(m, "codes", list);
	list = json_array();
	for (i = 0; i < d->verdict->ntallies; i++) {
		const struct cf_tally *t = &d->verdict->tallies[i];

		item = json_object();
		set(item, "id", jstr(t->section->id.s));
		set(item, "title", jstr(t->section->title));
		put_counts(item, cat, t->applicable, t->not_assessed,
		    t->by_code);
		json_array_append_new(list, item);
	}
	set(m, "sections", list);
	set(m, "total", put_counts(json_object(), cat, d->applicable,
	    d->not_assessed, d->by_code));
	return m;
}

static json_t *
j_advisories(const struct cf_decl *d)
{
	json_t	*list = json_array(), *m;
	size_t	 i;

	for (i = 0; i < d->nadvisories; i++) {
		const struct cf_decl_advisory *adv = &d->advisories[i];

		m = json_object();
		set(m, "requirement", jstr(adv->req->id.s));
		set(m, "section", jstr(adv->req->section->id.s));
		set(m, "category", jstr(adv->category->code));
		set(m, "answer", jstr(adv->answer->acode->code));
		set(m, "answer_title", jstr(adv->answer->acode->title));
		set(m, "note", jmd(adv->answer->note));
		json_array_append_new(list, m);
	}
	return list;
}

static json_t *
j_not_applicable(const struct cf_decl *d)
{
	json_t	*list = json_array(), *m;
	size_t	 i;

	for (i = 0; i < d->nnas; i++) {
		const struct cf_decl_na *na = &d->nas[i];

		m = json_object();
		set(m, "requirement", jstr(na->req->id.s));
		set(m, "section", jstr(na->req->section->id.s));
		set(m, "category", jstr(na->category->code));
		set(m, "answer", jstr(na->answer->acode->code));
		set(m, "justification", jmd(na->answer->justification));
		json_array_append_new(list, m);
	}
	return list;
}

static json_t *
j_representative(const struct cf_declaration *dc)
{
	json_t	*m;

	if (dc->representative.name == NULL)
		return json_null();
	m = json_object();
	set(m, "name", jstr(dc->representative.name));
	set(m, "address", jstr(dc->representative.address));
	return m;
}

static json_t *
j_legislation(const struct cf_declaration *dc)
{
	json_t	*list = json_array(), *m;
	size_t	 i;

	for (i = 0; i < dc->nlegislation; i++) {
		m = json_object();
		set(m, "title", jstr(dc->legislation[i].title));
		set(m, "reference", jstr(dc->legislation[i].reference));
		json_array_append_new(list, m);
	}
	return list;
}

static json_t *
j_standards(const struct cf_declaration *dc)
{
	json_t	*list = json_array(), *m;
	size_t	 i;

	for (i = 0; i < dc->nstandards; i++) {
		const struct cf_standard *st = &dc->standards[i];

		m = json_object();
		set(m, "id", jstr(st->id));
		set(m, "title", jstr(st->title));
		set(m, "version", jstr(st->version));
		set(m, "date", jstr(st->date));
		set(m, "harmonised", st->harmonised < 0 ? json_null() :
		    json_boolean(st->harmonised));
		json_array_append_new(list, m);
	}
	return list;
}

static json_t *
j_assessment(const struct cf_declaration *dc)
{
	json_t	*m = json_object(), *nb;

	set(m, "procedure", jstr(dc->procedure));
	if (dc->notified_body.name != NULL) {
		nb = json_object();
		set(nb, "name", jstr(dc->notified_body.name));
		set(nb, "number", jstr(dc->notified_body.number));
		set(nb, "certificate", jstr(dc->notified_body.certificate));
		set(m, "notified_body", nb);
	} else
		set(m, "notified_body", json_null());
	return m;
}

static json_t *
j_forms(const struct cf_declaration *dc)
{
	json_t	*list = json_array();
	int	 f;

	for (f = 0; f < CF_FORM_COUNT; f++)
		if (dc->forms[f])
			json_array_append_new(list,
			    json_string(cf_form_name((enum cf_form)f)));
	return list;
}

static json_t *
j_references(const struct cf_decl *d)
{
	json_t	*m = json_object(), *c = json_object(), *list = json_array();
	size_t	 i;

	set(c, "title", jstr(d->cat->title));
	set(c, "version", jstr(d->cat->version));
	set(c, "url", jstr(d->cat->url));
	set(m, "catalogue", c);
	for (i = 0; i < d->nchecklists; i++)
		json_array_append_new(list, jstr(d->checklists[i]));
	set(m, "checklists", list);
	set(m, "published_url", jstr(d->resp->decl.url));
	return m;
}

static json_t *
j_integrity(const struct cf_decl *d)
{
	json_t	*m = json_object(), *list = json_array(), *f, *reqs;
	size_t	 i, j;

	set(m, "algorithm", json_string("sha256"));
	set(m, "base", json_string("responses-folder"));
	for (i = 0; i < d->nfiles; i++) {
		f = json_object();
		set(f, "role",
		    json_string(cf_decl_role_name(d->files[i].role)));
		set(f, "path", jstr(d->files[i].path));
		set(f, "sha256", json_string(d->files[i].sha256));
		if (d->files[i].role == CF_DECL_EVIDENCE) {
			reqs = json_array();
			for (j = 0; j < d->files[i].nreqs; j++)
				json_array_append_new(reqs,
				    jstr(d->files[i].reqs[j]));
			set(f, "requirements", reqs);
		}
		json_array_append_new(list, f);
	}
	set(m, "files", list);
	return m;
}

static json_t *
j_signature(const struct cf_declaration *sig)
{
	json_t	*m;

	if (!sig->present)
		return json_null();
	m = json_object();
	set(m, "place", jstr(sig->place));
	set(m, "date", jdate(&sig->date));
	set(m, "name", jstr(sig->name));
	set(m, "role", jstr(sig->role));
	return m;
}

int
cf_render_declaration_json(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	json_t	*root = json_object();

	(void)opts;
	set(root, "schema", json_string(CF_DECL_SCHEMA));
	set(root, "id", jstr(d->id));
	set(root, "draft", json_boolean(d->draft));
	set(root, "lang", json_string(d->lang));
	set(root, "blockers", j_blockers(d));
	set(root, "generator", j_generator(d));
	/* In the order of an EU declaration of conformity (CRA Annex V). */
	set(root, "manufacturer",
	    j_manufacturer(&d->resp->product.manufacturer));
	set(root, "representative", j_representative(&d->resp->decl));
	set(root, "product", j_product(&d->resp->product, &d->resp->decl));
	set(root, "catalogue", j_catalogue(d->cat));
	set(root, "claim", j_claim(d));
	set(root, "responses", j_responses(d->resp));
	set(root, "statements", j_statements(d));
	set(root, "legislation", j_legislation(&d->resp->decl));
	set(root, "standards", j_standards(&d->resp->decl));
	set(root, "conformity_assessment", j_assessment(&d->resp->decl));
	set(root, "summary", j_summary(d));
	set(root, "advisory_not_met", j_advisories(d));
	set(root, "not_applicable", j_not_applicable(d));
	set(root, "references", j_references(d));
	set(root, "integrity", j_integrity(d));
	set(root, "signature", j_signature(&d->resp->decl));
	set(root, "forms", j_forms(&d->resp->decl));
	return cf_json_emit(root, d->id, out);
}
