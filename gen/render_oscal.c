/*
 * render_oscal.c -- OSCAL 1.x (exports.md): the release as a catalog, and
 * a product's answers as assessment results.
 *
 * The catalog is what `cfgen import oscal` reads back (catalogue.md,
 * "Importing OSCAL"): sections are groups labelled with their id,
 * requirements controls labelled with theirs (a control id is a token,
 * which "2.3.1.4" is not), text the statement part, guidance the guidance
 * part, references links to back-matter resources.  What OSCAL has no
 * field for (class, levels, category, condition) is a prop in cfgen's
 * namespace.  Every UUID is a version-5 UUID of ids: the same inputs give
 * the same bytes.
 */
#include "render.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "declaration.h"
#include "export.h"
#include "uuid.h"

#define OSCAL_VERSION	"1.1.2"
#define NS		"urn:cfgen:oscal"

static json_t *
uuid_of(struct cf_arena *a, const char *fmt, const char *s1, const char *s2)
{
	char	 u[CF_UUID_LEN];

	cf_uuid5(cf_arena_printf(a, fmt, s1, s2 != NULL ? s2 : ""), u);
	return json_string(u);
}

/* A control id: "req-" and the id, bytes outside the token escaped. */
static const char *
control_id(struct cf_arena *a, const char *id)
{
	struct cf_buf	 b;
	const char	*s;

	cf_buf_init(&b);
	cf_buf_puts(&b, "req-");
	for (; *id != '\0'; id++)
		if ((*id >= 'A' && *id <= 'Z') || (*id >= 'a' && *id <= 'z') ||
		    (*id >= '0' && *id <= '9') || *id == '.' || *id == '-')
			cf_buf_putc(&b, *id);
		else
			cf_buf_printf(&b, "_%02x", (unsigned char)*id);
	s = cf_arena_strdup(a, b.data);
	cf_buf_free(&b);
	return s;
}

static json_t *
prop(const char *name, bool ours, const char *value)
{
	json_t	*p = json_object();

	cf_jset(p, "name", json_string(name));
	if (ours)
		cf_jset(p, "ns", json_string(NS));
	cf_jset(p, "value", cf_jline(value, "-"));
	return p;
}

static bool
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

static const char *
timestamp(struct cf_arena *a, time_t t)
{
	struct tm	 tm;

	gmtime_r(&t, &tm);
	return cf_arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

static json_t *
part(struct cf_arena *a, const char *ctl, const char *name,
    const char *suffix, const char *prose)
{
	json_t	*p = json_object();

	cf_jset(p, "id", cf_jstr(cf_arena_printf(a, "%s_%s", ctl, suffix)));
	cf_jset(p, "name", json_string(name));
	cf_jset(p, "prose", cf_jstr(prose));
	return p;
}

struct cat {
	const struct cf_catalogue	*cat;
	struct cf_arena			*a;
	json_t				*resources;
};

static json_t *
control(struct cat *x, const struct cf_requirement *r)
{
	const char	*id = control_id(x->a, r->id.s);
	json_t	*c = json_object(), *props = json_array(), *parts, *links;
	json_t	*kids, *res, *rl, *l;
	size_t	 i;

	cf_jset(c, "id", cf_jstr(id));
	cf_jset(c, "class", json_string("requirement"));
	/* OSCAL wants a title; a requirement without one is its id. */
	cf_jset(c, "title", cf_jline(r->title, r->id.s));
	json_array_append_new(props, prop("label", false, r->id.s));
	if (r->status != CF_STATUS_ACTIVE)
		json_array_append_new(props, prop("status", false,
		    r->status == CF_STATUS_RESERVED ? "reserved" :
		    "withdrawn"));
	if (r->category != NULL && !(r->inherited & CF_INHERIT_CATEGORY))
		json_array_append_new(props, prop("category", true,
		    r->category));
	if (!(r->inherited & CF_INHERIT_CLASS) && r->status ==
	    CF_STATUS_ACTIVE) {
		if (r->has_levels)
			for (i = 0; i < r->nlevels; i++)
				json_array_append_new(props, prop("level",
				    true, cf_arena_printf(x->a, "%ld",
				    r->levels[i])));
		else
			json_array_append_new(props, prop("class", true,
			    cf_arena_printf(x->a, "%ld", r->class_id)));
	}
	if (r->below != NULL && !(r->inherited & CF_INHERIT_BELOW))
		json_array_append_new(props, prop("below", true, r->below));
	if (r->condition.s != NULL && !(r->inherited & CF_INHERIT_CONDITION))
		json_array_append_new(props, prop("condition", true,
		    r->condition.s));
	for (i = 0; i < r->napplicability; i++)
		json_array_append_new(props, prop("applicability", true,
		    r->applicability[i]));
	for (i = 0; i < r->nkeywords; i++)
		if (!blank(r->keywords[i]))
			json_array_append_new(props, prop("keyword", true,
			    r->keywords[i]));
	cf_jset_list(c, "props", props);
	links = json_array();
	for (i = 0; i < r->nreferences; i++) {
		const char *name = cf_arena_printf(x->a, "%s#%zu", r->id.s, i);
		json_t *u = uuid_of(x->a, "urn:cfgen:oscal:reference:%s:%s",
		    cf_export_std_ref(x->a, x->cat), name);

		res = json_object();
		cf_jset(res, "uuid", u);
		json_incref(u);
		cf_jset(res, "title", cf_jline(r->references[i].title,
		    r->references[i].url != NULL ? r->references[i].url : "-"));
		if (r->references[i].url != NULL) {
			rl = json_object();
			cf_jset(rl, "href", cf_juri(r->references[i].url));
			cf_jset(res, "rlinks", json_array());
			json_array_append_new(json_object_get(res, "rlinks"),
			    rl);
		}
		json_array_append_new(x->resources, res);
		l = json_object();
		cf_jset(l, "href", cf_jstr(cf_arena_printf(x->a, "#%s",
		    json_string_value(u))));
		json_decref(u);
		cf_jset(l, "rel", json_string("reference"));
		json_array_append_new(links, l);
	}
	cf_jset_list(c, "links", links);
	parts = json_array();
	if (!blank(r->text))
		json_array_append_new(parts, part(x->a, id, "statement", "smt",
		    r->text));
	if (!blank(r->guidance))
		json_array_append_new(parts, part(x->a, id, "guidance", "gdn",
		    r->guidance));
	if (!blank(r->note))
		json_array_append_new(parts, part(x->a, id, "note", "note",
		    r->note));
	cf_jset_list(c, "parts", parts);
	kids = json_array();
	for (i = 0; i < r->nchildren; i++)
		json_array_append_new(kids, control(x, &r->children[i]));
	cf_jset_list(c, "controls", kids);
	return c;
}

static json_t *
group(struct cat *x, const struct cf_section *s)
{
	json_t	*g = json_object(), *props = json_array(), *parts, *ctls;
	size_t	 i;

	/* No id: a section id ("2.3.1") is no token; the label is its id. */
	cf_jset(g, "class", json_string("section"));
	cf_jset(g, "title", cf_jline(s->title, s->id.s));
	json_array_append_new(props, prop("label", false, s->id.s));
	cf_jset(g, "props", props);
	if (!blank(s->intro)) {
		parts = json_array();
		json_array_append_new(parts, part(x->a, control_id(x->a,
		    s->id.s), "overview", "ovw", s->intro));
		cf_jset(g, "parts", parts);
	}
	ctls = json_array();
	for (i = 0; i < s->nreqs; i++)
		json_array_append_new(ctls, control(x, &s->reqs[i]));
	cf_jset_list(g, "controls", ctls);
	return g;
}

static json_t *
catalog_metadata(struct cat *x, const struct cf_render_opts *opts)
{
	const struct cf_catalogue *cat = x->cat;
	json_t	*m = json_object(), *props = json_array(), *links, *l;
	json_t	*party, *role, *rp, *u;
	size_t	 i;

	cf_jset(m, "title", cf_jline(cat->title, cat->id));
	cf_jset(m, "published", cf_jstr(cf_arena_printf(x->a,
	    "%04d-%02d-%02dT00:00:00Z", cat->released.year,
	    cat->released.month, cat->released.day)));
	cf_jset(m, "last-modified", cf_jstr(timestamp(x->a, opts->generated)));
	cf_jset(m, "version", cf_jstr(cat->version));
	cf_jset(m, "oscal-version", json_string(OSCAL_VERSION));
	json_array_append_new(props, prop("catalogue-id", true, cat->id));
	for (i = 0; i < cat->nclasses; i++)
		json_array_append_new(props, prop("class", true,
		    cf_arena_printf(x->a, "%ld %s", cat->classes[i].id,
		    cat->classes[i].title)));
	for (i = 0; i < cat->ncategories; i++)
		json_array_append_new(props, prop("category", true,
		    cf_arena_printf(x->a, "%s %s%s", cat->categories[i].code,
		    cat->categories[i].title, cat->categories[i].required ?
		    " (required)" : "")));
	cf_jset(m, "props", props);
	/* The publisher as OSCAL says it: a party in the publisher role. */
	role = json_object();
	cf_jset(role, "id", json_string("publisher"));
	cf_jset(role, "title", json_string("Publisher"));
	cf_jset(m, "roles", json_array());
	json_array_append_new(json_object_get(m, "roles"), role);
	u = uuid_of(x->a, "urn:cfgen:oscal:publisher:%s%s",
	    cf_export_std_ref(x->a, cat), NULL);
	party = json_object();
	cf_jset(party, "uuid", json_string(json_string_value(u)));
	cf_jset(party, "type", json_string("organization"));
	cf_jset(party, "name", cf_jline(cat->publisher, cat->id));
	cf_jset(m, "parties", json_array());
	json_array_append_new(json_object_get(m, "parties"), party);
	rp = json_object();
	cf_jset(rp, "role-id", json_string("publisher"));
	cf_jset(rp, "party-uuids", json_array());
	json_array_append_new(json_object_get(rp, "party-uuids"), u);
	cf_jset(m, "responsible-parties", json_array());
	json_array_append_new(json_object_get(m, "responsible-parties"), rp);
	if (cat->url != NULL) {
		links = json_array();
		l = json_object();
		cf_jset(l, "href", cf_juri(cat->url));
		cf_jset(l, "rel", json_string("alternate"));
		json_array_append_new(links, l);
		cf_jset(m, "links", links);
	}
	return m;
}

int
cf_render_oscal_catalog(const struct cf_catalogue *cat,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_arena	 a;
	struct cat	 x;
	json_t		*root = json_object(), *c = json_object(), *groups;
	json_t		*bm;
	size_t		 i;
	int		 rc;

	cf_arena_init(&a);
	x.cat = cat;
	x.a = &a;
	x.resources = json_array();
	cf_jset(c, "uuid", uuid_of(&a, "urn:cfgen:oscal:catalog:%s%s",
	    cf_export_std_ref(&a, cat), NULL));
	cf_jset(c, "metadata", catalog_metadata(&x, opts));
	groups = json_array();
	for (i = 0; i < cat->nsections; i++)
		json_array_append_new(groups, group(&x, &cat->sections[i]));
	cf_jset_list(c, "groups", groups);
	if (json_array_size(x.resources) > 0) {
		bm = json_object();
		cf_jset(bm, "resources", x.resources);
		cf_jset(c, "back-matter", bm);
	} else
		json_decref(x.resources);
	cf_jset(root, "catalog", c);
	rc = cf_json_emit(root, cat->id, out);
	cf_arena_free(&a);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Assessment results */

struct ar {
	const struct cf_decl	*d;
	struct cf_arena		*a;
	const char		*when;		/* the generated date-time */
	json_t			*resources;	/* evidence, by path or URL */
	json_t			*seen;		/* evidence -> its uuid */
};

/* The back-matter resource of a cited evidence, made once. */
static const char *
evidence_resource(struct ar *x, const struct cf_requirement *r,
    const struct cf_evidence *e)
{
	const struct cf_decl_file *f;
	json_t	*res, *rl, *u, *rls;

	if ((u = json_object_get(x->seen, e->ref)) != NULL)
		return json_string_value(u);
	u = uuid_of(x->a, "urn:cfgen:oscal:evidence:%s:%s", x->d->id, e->ref);
	json_object_set_new(x->seen, e->ref, u);
	res = json_object();
	cf_jset(res, "uuid", json_string(json_string_value(u)));
	cf_jset(res, "title", cf_jline(e->ref, "-"));
	rl = json_object();
	cf_jset(rl, "href", cf_jevidence_uri(e));
	if ((f = cf_export_evidence_file(x->d, r, e)) != NULL)
		cf_jset(rl, "hashes", cf_jsha256("algorithm", "value",
		    f->sha256));
	rls = json_array();
	json_array_append_new(rls, rl);
	cf_jset(res, "rlinks", rls);
	json_array_append_new(x->resources, res);
	return json_string_value(u);
}

static const char *
answer_words(struct ar *x, const struct cf_answer *a)
{
	if (a == NULL || a->acode == NULL)
		return "Not answered.";
	return cf_arena_printf(x->a, "Answered %s (%s).", a->acode->code,
	    a->acode->title);
}

/* The observation of an answer: what the manufacturer says, and cites. */
static json_t *
observation(struct ar *x, const struct cf_requirement *r,
    const struct cf_answer *a, json_t *uuid)
{
	json_t	*o = json_object(), *methods = json_array(), *ev, *e;
	const char *text;
	size_t	 i;

	cf_jset(o, "uuid", uuid);
	cf_jset(o, "title", cf_jstr(cf_arena_printf(x->a, "Answer to "
	    "requirement %s", r->id.s)));
	text = !blank(a->justification) ? a->justification :
	    !blank(a->note) ? a->note : answer_words(x, a);
	cf_jset(o, "description", cf_jstr(text));
	json_array_append_new(methods, json_string("EXAMINE"));
	cf_jset(o, "methods", methods);
	ev = json_array();
	for (i = 0; i < a->nevidence; i++) {
		e = json_object();
		cf_jset(e, "href", cf_jstr(cf_arena_printf(x->a, "#%s",
		    evidence_resource(x, r, &a->evidence[i]))));
		cf_jset(e, "description", cf_jstr(a->evidence[i].ref));
		json_array_append_new(ev, e);
	}
	cf_jset_list(o, "relevant-evidence", ev);
	cf_jset(o, "collected", json_string(x->when));
	return o;
}

static json_t *
finding(struct ar *x, const struct cf_requirement *r,
    const struct cf_answer *a, json_t *observations)
{
	const struct cf_decl *d = x->d;
	json_t	*f = json_object(), *t = json_object(), *st = json_object();
	json_t	*props = json_array(), *rel, *ro, *ou;
	bool	 met = a != NULL && a->acode != NULL && a->acode->meets;

	cf_jset(f, "uuid", uuid_of(x->a, "urn:cfgen:oscal:finding:%s:%s",
	    d->id, r->id.s));
	cf_jset(f, "title", cf_jstr(cf_arena_printf(x->a, "Requirement %s",
	    r->id.s)));
	cf_jset(f, "description", cf_jstr(answer_words(x, a)));
	json_array_append_new(props, prop("answer", true, a != NULL &&
	    a->acode != NULL ? a->acode->code : "none"));
	cf_jset(f, "props", props);
	cf_jset(t, "type", json_string("objective-id"));
	cf_jset(t, "target-id", cf_jstr(control_id(x->a, r->id.s)));
	cf_jset(st, "state", json_string(met ? "satisfied" :
	    "not-satisfied"));
	cf_jset(t, "status", st);
	cf_jset(f, "target", t);
	if (a != NULL && a->acode != NULL) {
		ou = uuid_of(x->a, "urn:cfgen:oscal:observation:%s:%s", d->id,
		    r->id.s);
		ro = json_object();
		cf_jset(ro, "observation-uuid",
		    json_string(json_string_value(ou)));
		rel = json_array();
		json_array_append_new(rel, ro);
		cf_jset(f, "related-observations", rel);
		json_array_append_new(observations, observation(x, r, a, ou));
		if (!blank(a->note))
			cf_jset(f, "remarks", cf_jstr(a->note));
	}
	return f;
}

static json_t *
results_metadata(struct ar *x)
{
	const struct cf_decl *d = x->d;
	const struct cf_manufacturer *mf = &d->resp->product.manufacturer;
	json_t	*m = json_object(), *props = json_array(), *parties, *p;

	cf_jset(m, "title", cf_jline(cf_arena_printf(x->a, "%s: assessment "
	    "against %s %s", d->resp->product.name, d->cat->title,
	    d->cat->version), d->id));
	cf_jset(m, "last-modified", json_string(x->when));
	cf_jset(m, "version", cf_jstr(cf_arena_printf(x->a, "r%ld",
	    d->resp->revision)));
	cf_jset(m, "oscal-version", json_string(OSCAL_VERSION));
	json_array_append_new(props, prop("declaration", true, d->id));
	json_array_append_new(props, prop("product", true,
	    d->resp->product.id.s));
	json_array_append_new(props, prop("draft", true, d->draft ? "true" :
	    "false"));
	json_array_append_new(props, prop("class", true,
	    cf_arena_printf(x->a, "%ld", d->cls->id)));
	if (d->applic != NULL)
		json_array_append_new(props, prop("applicability", true,
		    d->applic->code));
	cf_jset(m, "props", props);
	p = json_object();
	cf_jset(p, "uuid", uuid_of(x->a, "urn:cfgen:oscal:party:%s:%s",
	    d->id, "manufacturer"));
	cf_jset(p, "type", json_string("organization"));
	cf_jset(p, "name", cf_jline(mf->name, d->id));
	parties = json_array();
	json_array_append_new(parties, p);
	cf_jset(m, "parties", parties);
	return m;
}

int
cf_render_assessment_results(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	const struct cf_catalogue *cat = d->cat;
	const struct cf_requirement *r;
	struct cf_arena	 a;
	struct ar	 x;
	json_t	*root = json_object(), *ar = json_object(), *res, *imp;
	json_t	*results, *sel, *sels, *ids, *id, *findings, *obs, *bm;
	size_t	 i;
	int	 rc;

	cf_arena_init(&a);
	x.d = d;
	x.a = &a;
	x.when = timestamp(&a, opts->generated);
	x.resources = json_array();
	x.seen = json_object();
	cf_jset(ar, "uuid", uuid_of(&a, "urn:cfgen:oscal:results:%s%s",
	    d->id, NULL));
	cf_jset(ar, "metadata", results_metadata(&x));
	/* No assessment plan: the catalog is what was assessed against. */
	imp = json_object();
	cf_jset(imp, "href", cf_jstr(cf_arena_printf(&a,
	    "../%s-%s-catalog.oscal.json", cat->id, cat->version)));
	cf_jset(imp, "remarks", json_string("cfgen assesses a product "
	    "against the catalog itself; there is no separate plan."));
	cf_jset(ar, "import-ap", imp);

	res = json_object();
	cf_jset(res, "uuid", uuid_of(&a, "urn:cfgen:oscal:result:%s%s",
	    d->id, NULL));
	cf_jset(res, "title", cf_jstr(cf_arena_printf(&a, "%s r%ld, class "
	    "%ld", d->resp->product.id.s, d->resp->revision, d->cls->id)));
	cf_jset(res, "description", cf_jstr(d->draft ? "The gate refuses "
	    "the declaration: a draft, not a declaration of conformity." :
	    "The answers support the declaration of conformity."));
	cf_jset(res, "start", json_string(x.when));
	ids = json_array();
	findings = json_array();
	obs = json_array();
	for (i = 0; i < cat->nreqs; i++) {
		r = cat->reqs[i];
		if (cf_scope(cat, r, &d->resp->claim, NULL) != CF_SCOPE_APPLIES)
			continue;
		id = json_object();
		cf_jset(id, "control-id", cf_jstr(control_id(&a, r->id.s)));
		json_array_append_new(ids, id);
		json_array_append_new(findings, finding(&x, r,
		    cf_responses_find(d->resp, r->id.s), obs));
	}
	sel = json_object();
	if (json_array_size(ids) > 0)
		cf_jset(sel, "include-controls", ids);
	else {
		/* OSCAL lists have items: none applies, none is excluded. */
		json_decref(ids);
		cf_jset(sel, "description", json_string("No requirement "
		    "applies to the claim."));
		cf_jset(sel, "include-all", json_object());
	}
	sels = json_array();
	json_array_append_new(sels, sel);
	cf_jset(res, "reviewed-controls", json_object());
	cf_jset(json_object_get(res, "reviewed-controls"),
	    "control-selections", sels);
	cf_jset_list(res, "observations", obs);
	cf_jset_list(res, "findings", findings);
	results = json_array();
	json_array_append_new(results, res);
	cf_jset(ar, "results", results);
	json_decref(x.seen);
	if (json_array_size(x.resources) > 0) {
		bm = json_object();
		cf_jset(bm, "resources", x.resources);
		cf_jset(ar, "back-matter", bm);
	} else
		json_decref(x.resources);
	cf_jset(root, "assessment-results", ar);
	rc = cf_json_emit(root, d->id, out);
	cf_arena_free(&a);
	return rc;
}
