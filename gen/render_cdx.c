/*
 * render_cdx.c -- a product's declaration as a CycloneDX 1.6 attestation
 * (exports.md): the catalogue release as a standard, the manufacturer as
 * assessor, one attestation mapping each applicable requirement to the
 * claim its answer makes, the evidence with its SHA-256, the product as
 * target and the affirmation with the signatory.
 *
 * Built from the declaration (declaration.h), so it states what the other
 * forms state and hashes nothing again.  Every bom-ref is made from ids
 * and the serial number is a version-5 UUID of the declaration id: the
 * same inputs give the same bytes.
 */
#include "render.h"

#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "declaration.h"
#include "export.h"
#include "uuid.h"

/* Where a run's arena keeps the references it makes. */
struct cdx {
	const struct cf_decl	*d;
	struct cf_arena		*a;
	json_t			*props;		/* metadata.properties */
};

static json_t *
strings(const char *const *v, size_t n)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, cf_jstr(v[i]));
	return arr;
}

static json_t *
requirement(struct cdx *x, const struct cf_requirement *r)
{
	const struct cf_catalogue *cat = x->d->cat;
	json_t	*j = json_object(), *props = json_array();
	size_t	 i;

	cf_jset(j, "bom-ref", cf_jstr(cf_export_req_ref(x->a, cat, r)));
	cf_jset(j, "identifier", cf_jstr(r->id.s));
	if (r->title != NULL)
		cf_jset(j, "title", cf_jstr(r->title));
	if (r->text != NULL && *r->text != '\0')
		cf_jset(j, "text", cf_jstr(r->text));
	if (r->guidance != NULL)
		cf_jset(j, "descriptions", strings(&r->guidance, 1));
	if (r->parent != NULL)
		cf_jset(j, "parent", cf_jstr(cf_export_req_ref(x->a, cat,
		    r->parent)));
	if (r->status != CF_STATUS_ACTIVE)
		json_array_append_new(props, cf_jprop("cfgen:status",
		    r->status == CF_STATUS_RESERVED ? "reserved" :
		    "withdrawn"));
	if (r->category != NULL)
		json_array_append_new(props, cf_jprop("cfgen:category",
		    r->category));
	if (r->has_levels)
		for (i = 0; i < r->nlevels; i++)
			json_array_append_new(props, cf_jprop("cfgen:level",
			    cf_arena_printf(x->a, "%ld", r->levels[i])));
	else if (r->status == CF_STATUS_ACTIVE)
		json_array_append_new(props, cf_jprop("cfgen:class",
		    cf_arena_printf(x->a, "%ld", r->class_id)));
	if (r->condition.s != NULL)
		json_array_append_new(props, cf_jprop("cfgen:condition",
		    r->condition.s));
	cf_jset(j, "properties", props);
	return j;
}

/* A class as a level: the requirements a claim of it must answer. */
static json_t *
level(struct cdx *x, size_t k)
{
	const struct cf_catalogue *cat = x->d->cat;
	const struct cf_class *c = &cat->classes[k];
	struct cf_claim	 claim = cf_class_claim(k);
	json_t	*j = json_object(), *reqs = json_array();
	size_t	 i;

	cf_jset(j, "bom-ref", cf_jstr(cf_arena_printf(x->a, "%s/class-%ld",
	    cf_export_std_ref(x->a, cat), c->id)));
	cf_jset(j, "identifier", cf_jstr(cf_arena_printf(x->a, "%ld",
	    c->id)));
	cf_jset(j, "title", cf_jstr(c->title));
	if (c->description != NULL)
		cf_jset(j, "description", cf_jstr(c->description));
	for (i = 0; i < cat->nreqs; i++)
		if (cf_scope(cat, cat->reqs[i], &claim, NULL) ==
		    CF_SCOPE_APPLIES)
			json_array_append_new(reqs, cf_jstr(cf_export_req_ref(
			    x->a, cat, cat->reqs[i])));
	cf_jset(j, "requirements", reqs);
	return j;
}

static json_t *
standard(struct cdx *x)
{
	const struct cf_catalogue *cat = x->d->cat;
	json_t	*j = json_object(), *reqs = json_array(), *levels, *refs;
	json_t	*ref;
	size_t	 i;

	cf_jset(j, "bom-ref", cf_jstr(cf_export_std_ref(x->a, cat)));
	cf_jset(j, "name", cf_jstr(cat->title));
	cf_jset(j, "version", cf_jstr(cat->version));
	cf_jset(j, "description", cf_jstr(cf_arena_printf(x->a, "%s %s, "
	    "released %04d-%02d-%02d (catalogue id %s)", cat->title,
	    cat->version, cat->released.year, cat->released.month,
	    cat->released.day, cat->id)));
	cf_jset(j, "owner", cf_jstr(cat->publisher));
	for (i = 0; i < cat->nreqs; i++)
		json_array_append_new(reqs, requirement(x, cat->reqs[i]));
	cf_jset(j, "requirements", reqs);
	levels = json_array();
	for (i = 0; i < cat->nclasses; i++)
		json_array_append_new(levels, level(x, i));
	cf_jset(j, "levels", levels);
	if (cat->url != NULL) {
		refs = json_array();
		ref = json_object();
		cf_jset(ref, "url", cf_juri(cat->url));
		cf_jset(ref, "type", json_string("website"));
		json_array_append_new(refs, ref);
		cf_jset(j, "externalReferences", refs);
	}
	return j;
}

static json_t *
organization(const struct cf_manufacturer *m)
{
	json_t	*o = json_object(), *c;

	cf_jset(o, "name", cf_jstr(m->name));
	if (m->url != NULL) {
		cf_jset(o, "url", json_array());
		json_array_append_new(json_object_get(o, "url"),
		    cf_juri(m->url));
	}
	if (m->contact != NULL) {
		c = json_object();
		/* A contact is an address or a name; say it as given. */
		cf_jset(c, strchr(m->contact, '@') != NULL &&
		    strchr(m->contact, ' ') == NULL ? "email" : "name",
		    cf_jstr(m->contact));
		cf_jset(o, "contact", json_array());
		json_array_append_new(json_object_get(o, "contact"), c);
	}
	return o;
}

static const char *
product_ref(const struct cf_decl *d)
{
	return d->resp->product.id.s;
}

static json_t *
product(struct cdx *x)
{
	const struct cf_product *p = &x->d->resp->product;
	json_t	*c = json_object();

	cf_jset(c, "type", json_string("device"));
	cf_jset(c, "bom-ref", cf_jstr(product_ref(x->d)));
	cf_jset(c, "manufacturer", organization(&p->manufacturer));
	cf_jset(c, "name", cf_jstr(p->name));
	if (p->version != NULL)
		cf_jset(c, "version", cf_jstr(p->version));
	if (p->description != NULL)
		cf_jset(c, "description", cf_jstr(p->description));
	return c;
}

static const char *
evidence_ref(struct cdx *x, const struct cf_evidence *e)
{
	return cf_arena_printf(x->a, "evidence/%s", e->ref);
}

static json_t *
external_ref(struct cdx *x, const struct cf_requirement *r,
    const struct cf_evidence *e)
{
	const struct cf_decl_file *f;
	json_t	*j = json_object();

	cf_jset(j, "url", cf_jevidence_uri(e));
	cf_jset(j, "type", json_string("evidence"));
	if ((f = cf_export_evidence_file(x->d, r, e)) != NULL)
		cf_jset(j, "hashes", cf_jsha256("alg", "content", f->sha256));
	return j;
}

static const char *
answer_words(struct cdx *x, const struct cf_answer *a)
{
	if (a == NULL || a->acode == NULL)
		return "not answered";
	return cf_arena_printf(x->a, "answered %s (%s)", a->acode->code,
	    a->acode->title);
}

/*
 * One applicable requirement: its map entry, and the claim of its answer
 * (with the evidence it cites) into claims and evidence.
 */
static json_t *
map_entry(struct cdx *x, const struct cf_requirement *r, json_t *claims,
    json_t *evidence, json_t *seen)
{
	const struct cf_answer *a = cf_responses_find(x->d->resp, r->id.s);
	const struct cf_catalogue *cat = x->d->cat;
	const char *why;
	json_t	*m = json_object(), *conf = json_object(), *c, *ev, *refs;
	json_t	*data, *item, *contents;
	size_t	 i;

	cf_jset(m, "requirement", cf_jstr(cf_export_req_ref(x->a, cat, r)));
	if (a != NULL && a->acode != NULL) {
		c = json_object();
		cf_jset(c, "bom-ref", cf_jstr(cf_arena_printf(x->a,
		    "claim/%s", r->id.s)));
		cf_jset(c, "target", cf_jstr(product_ref(x->d)));
		cf_jset(c, "predicate", cf_jstr(cf_arena_printf(x->a,
		    "Requirement %s is %s", r->id.s, answer_words(x, a))));
		why = a->justification != NULL ? a->justification : a->note;
		if (why != NULL)
			cf_jset(c, "reasoning", cf_jstr(why));
		ev = json_array();
		refs = json_array();
		for (i = 0; i < a->nevidence; i++) {
			const char *ref = evidence_ref(x, &a->evidence[i]);

			json_array_append_new(ev, cf_jstr(ref));
			json_array_append_new(refs, external_ref(x, r,
			    &a->evidence[i]));
			if (json_object_get(seen, ref) != NULL)
				continue;
			json_object_set_new(seen, ref, json_true());
			item = json_object();
			cf_jset(item, "bom-ref", cf_jstr(ref));
			cf_jset(item, "propertyName", json_string(
			    "cfgen:evidence"));
			cf_jset(item, "description", cf_jstr(
			    a->evidence[i].ref));
			contents = json_object();
			cf_jset(contents, "url", cf_jevidence_uri(&a->evidence[i]));
			data = json_object();
			cf_jset(data, "name", cf_jstr(a->evidence[i].ref));
			cf_jset(data, "contents", contents);
			cf_jset(item, "data", json_array());
			json_array_append_new(json_object_get(item, "data"),
			    data);
			cf_jset(item, "created", cf_jstr(cf_arena_printf(x->a,
			    "%sT00:00:00Z", x->d->generated)));
			json_array_append_new(evidence, item);
		}
		cf_jset(c, "evidence", ev);
		if (json_array_size(refs) > 0)
			cf_jset(c, "externalReferences", refs);
		else
			json_decref(refs);
		json_array_append_new(claims, c);
		cf_jset(m, "claims", json_array());
		json_array_append_new(json_object_get(m, "claims"),
		    cf_jstr(cf_arena_printf(x->a, "claim/%s", r->id.s)));
		json_array_append_new(x->props, cf_jprop(cf_arena_printf(
		    x->a, "cfgen:answer:%s", r->id.s), a->acode->code));
	}
	cf_jset(conf, "score", json_integer(a != NULL && a->acode != NULL &&
	    a->acode->meets ? 1 : 0));
	cf_jset(conf, "rationale", cf_jstr(cf_arena_printf(x->a,
	    "Requirement %s is %s", r->id.s, answer_words(x, a))));
	cf_jset(m, "conformance", conf);
	return m;
}

static json_t *
declarations(struct cdx *x)
{
	const struct cf_decl *d = x->d;
	const struct cf_declaration *dc = &d->resp->decl;
	json_t	*j = json_object(), *as, *assessor, *att, *map, *claims;
	json_t	*evidence, *seen, *targets, *aff, *sig, *sigs, *ref;
	struct cf_buf	 b;
	size_t	 i;

	as = json_array();
	assessor = json_object();
	cf_jset(assessor, "bom-ref", json_string("assessor/manufacturer"));
	cf_jset(assessor, "thirdParty", json_false());
	cf_jset(assessor, "organization",
	    organization(&d->resp->product.manufacturer));
	json_array_append_new(as, assessor);
	cf_jset(j, "assessors", as);

	map = json_array();
	claims = json_array();
	evidence = json_array();
	seen = json_object();
	for (i = 0; i < d->cat->nreqs; i++)
		if (cf_scope(d->cat, d->cat->reqs[i], &d->resp->claim,
		    NULL) == CF_SCOPE_APPLIES)
			json_array_append_new(map, map_entry(x,
			    d->cat->reqs[i], claims, evidence, seen));
	json_decref(seen);
	att = json_object();
	cf_buf_init(&b);
	cf_msg_put(&b, &d->conformity);
	cf_jset(att, "summary", cf_jstr(b.data));
	cf_buf_free(&b);
	cf_jset(att, "assessor", json_string("assessor/manufacturer"));
	cf_jset(att, "map", map);
	cf_jset(j, "attestations", json_array());
	json_array_append_new(json_object_get(j, "attestations"), att);
	cf_jset(j, "claims", claims);
	cf_jset(j, "evidence", evidence);

	targets = json_object();
	cf_jset(targets, "components", json_array());
	json_array_append_new(json_object_get(targets, "components"),
	    product(x));
	cf_jset(j, "targets", targets);

	aff = json_object();
	cf_buf_init(&b);
	cf_msg_put(&b, &d->responsibility);
	cf_jset(aff, "statement", cf_jstr(b.data));
	cf_buf_free(&b);
	sigs = json_array();
	if (dc->present) {
		sig = json_object();
		cf_jset(sig, "name", cf_jstr(dc->name));
		cf_jset(sig, "role", cf_jstr(dc->role));
		cf_jset(sig, "organization",
		    organization(&d->resp->product.manufacturer));
		/* Without a digital signature CycloneDX wants where the
		 * signed statement is: the declaration beside this file. */
		ref = json_object();
		cf_jset(ref, "url", cf_jstr(cf_arena_printf(x->a,
		    "%s-declaration.pdf", d->id)));
		cf_jset(ref, "type", json_string("attestation"));
		cf_jset(sig, "externalReference", ref);
		json_array_append_new(sigs, sig);
	}
	cf_jset(aff, "signatories", sigs);
	cf_jset(j, "affirmation", aff);
	return j;
}

static json_t *
metadata(struct cdx *x, const struct cf_render_opts *opts)
{
	const struct cf_decl *d = x->d;
	json_t	*m = json_object(), *tools, *tool, *comps;

	(void)opts;
	cf_jset(m, "timestamp", cf_jstr(cf_arena_printf(x->a,
	    "%sT00:00:00Z", d->generated)));
	tool = json_object();
	cf_jset(tool, "type", json_string("application"));
	cf_jset(tool, "name", json_string("cfgen"));
	cf_jset(tool, "version", json_string(CFGEN_VERSION));
	comps = json_array();
	json_array_append_new(comps, tool);
	tools = json_object();
	cf_jset(tools, "components", comps);
	cf_jset(m, "tools", tools);
	cf_jset(m, "component", product(x));
	cf_jset(m, "manufacturer",
	    organization(&d->resp->product.manufacturer));
	json_array_append_new(x->props, cf_jprop("cfgen:declaration",
	    d->id));
	json_array_append_new(x->props, cf_jprop("cfgen:draft",
	    d->draft ? "true" : "false"));
	json_array_append_new(x->props, cf_jprop("cfgen:class",
	    cf_arena_printf(x->a, "%ld", d->cls->id)));
	if (d->applic != NULL)
		json_array_append_new(x->props, cf_jprop(
		    "cfgen:applicability", d->applic->code));
	json_array_append_new(x->props, cf_jprop("cfgen:revision",
	    cf_arena_printf(x->a, "%ld", d->resp->revision)));
	cf_jset(m, "properties", x->props);
	return m;
}

int
cf_render_declaration_cdx(const struct cf_decl *d,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_arena	 a;
	struct cdx	 x;
	json_t		*root = json_object(), *defs;
	char		 uuid[CF_UUID_LEN];
	int		 rc;

	cf_arena_init(&a);
	x.d = d;
	x.a = &a;
	x.props = json_array();
	cf_uuid5(cf_arena_printf(&a, "urn:cfgen:cdx:%s", d->id), uuid);
	cf_jset(root, "bomFormat", json_string("CycloneDX"));
	cf_jset(root, "specVersion", json_string("1.6"));
	cf_jset(root, "serialNumber", cf_jstr(cf_arena_printf(&a,
	    "urn:uuid:%s", uuid)));
	cf_jset(root, "version", json_integer(1));
	/* The answers join metadata's properties as they are mapped. */
	cf_jset(root, "metadata", metadata(&x, opts));
	cf_jset(root, "declarations", declarations(&x));
	defs = json_object();
	cf_jset(defs, "standards", json_array());
	json_array_append_new(json_object_get(defs, "standards"),
	    standard(&x));
	cf_jset(root, "definitions", defs);
	rc = cf_json_emit(root, d->id, out);
	cf_arena_free(&a);
	return rc;
}
