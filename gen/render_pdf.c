/*
 * render_pdf.c -- the blank and completed checklists as PDF.
 *
 * The content follows the Markdown and HTML checklists (same wording,
 * same order); layout.h does the typesetting.  The PDF is built in memory
 * and only handed over whole: on any failure the caller gets -1 and
 * discards the buffer.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "diag.h"
#include "layout.h"
#include "pdfstyle.h"
#include "render.h"

struct doc {
	struct cf_layout		 L;
	const struct cf_catalogue	*cat;
	const struct cf_responses	*resp;		/* NULL: blank */
	const struct cf_verdict		*vd;
	const struct cf_render_opts	*opts;
	const char			*id;
	const char			*title;
	char				 generated[32];
};

static struct cf_src *
src_at(struct doc *d, const char *file, struct cf_pos pos, const char *what)
{
	struct cf_src	*s = cf_arena_alloc(&d->L.arena, sizeof(*s));

	s->file = file;
	s->pos = pos;
	s->what = cf_arena_strdup(&d->L.arena, what);
	return s;
}

static struct cf_src *
cat_src(struct doc *d, const char *what)
{
	return src_at(d, d->cat->path, d->cat->id_pos, what);
}

static struct cf_src *
req_src(struct doc *d, const struct cf_requirement *r)
{
	char	 what[256];

	snprintf(what, sizeof(what), "requirement %s", r->id.s);
	return src_at(d, d->cat->path, r->text_pos, what);
}

static struct cf_src *
resp_src(struct doc *d, struct cf_pos pos, const char *what)
{
	return src_at(d, d->resp->path, pos, what);
}

/* One paragraph of plain text in its own flow, placed at once. */
static void
line(struct doc *d, double size, enum cf_colour c, enum cf_font_style font,
    const char *text, const struct cf_src *src, double space)
{
	struct cf_flow	*f = cf_flow_new(&d->L, size, c);

	cf_flow_text(&d->L, f, font, text, NULL, src);
	cf_layout_space(&d->L, space);
	cf_layout_flow(&d->L, f);
}

static void
md_body(struct doc *d, const char *md, const struct cf_src *src)
{
	struct cf_flow	*f;

	if (md == NULL || *md == '\0')
		return;
	f = cf_flow_new(&d->L, d->L.style->body_size, CF_COLOUR_TEXT);
	cf_flow_md(&d->L, f, md, src);
	cf_layout_space(&d->L, d->L.style->body_size * 0.5);
	cf_layout_flow(&d->L, f);
}

static void
text_body(struct doc *d, const char *text)
{
	line(d, d->L.style->body_size, CF_COLOUR_TEXT, CF_FONT_REGULAR, text,
	    NULL, d->L.style->body_size * 0.5);
}

static void
heading(struct doc *d, int level, const char *text, const struct cf_src *src)
{
	cf_layout_heading(&d->L, level, text, src);
}

static double
tsize(const struct doc *d)
{
	return d->L.style->table_size;
}

/* A row of a two-column facts table: bold key, value (link optional). */
static void
fact(struct doc *d, struct cf_table *t, const char *key, const char *value,
    const char *link, const struct cf_src *src)
{
	size_t	 r;

	if (value == NULL || *value == '\0')
		return;
	r = cf_table_row(&d->L, t);
	cf_table_cell(t, r, 0)->colour = CF_COLOUR_MUTED;
	cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_BOLD, key, NULL,
	    NULL);
	cf_flow_text(&d->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR, value,
	    link, src);
}

static struct cf_table *
facts_table(struct doc *d)
{
	static const struct cf_table_col cols[] = {
		{ "", 0, false, false }, { "", 0, true, false }
	};

	return cf_table_new(&d->L, 2, cols, d->L.style->body_size, false);
}

static const char *
datestr(struct doc *d, const struct cf_date *dt)
{
	char	 buf[16];

	if (dt->year == 0)
		return NULL;
	return cf_arena_strdup(&d->L.arena, cf_date_str(dt, buf));
}

static const char *
class_title(const struct cf_catalogue *cat, size_t idx)
{
	return idx < cat->nclasses ? cat->classes[idx].title : NULL;
}

static void
cover_title(struct doc *d, const char *kicker, const struct cf_src *ksrc,
    const char *title, const struct cf_src *tsrc, const char *subtitle,
    const char *release)
{
	cf_layout_new_page(&d->L);
	if (cf_layout_logo(&d->L, 150, 42) != 0)
		return;
	line(d, 9, CF_COLOUR_MUTED, CF_FONT_BOLD, kicker, ksrc, 0);
	line(d, 22, CF_COLOUR_HEADING, CF_FONT_BOLD, title, tsrc, 8);
	line(d, 13, CF_COLOUR_HEADING, CF_FONT_REGULAR, subtitle, NULL, 4);
	line(d, 9.5, CF_COLOUR_MUTED, CF_FONT_REGULAR, release,
	    cat_src(d, "catalogue title"), 4);
	cf_layout_space(&d->L, 10);
	cf_layout_rule(&d->L, CF_COLOUR_HEADING, 1.2);
	cf_layout_space(&d->L, 10);
}

static const char *
release_line(struct doc *d)
{
	char	 buf[16];

	return cf_arena_printf(&d->L.arena, "%s release %s of %s",
	    d->cat->title, d->cat->version, cf_date_str(&d->cat->released,
	    buf));
}

static void
catalogue_facts(struct doc *d, struct cf_table *t)
{
	const struct cf_catalogue	*cat = d->cat;
	struct cf_src			*s = cat_src(d, "catalogue");

	fact(d, t, "Catalogue", cf_arena_printf(&d->L.arena, "%s (%s)",
	    cat->title, cat->id), NULL, s);
	fact(d, t, "Release", cf_arena_printf(&d->L.arena, "%s of %s",
	    cat->version, datestr(d, &cat->released)), NULL, s);
	fact(d, t, "Publisher", cat->publisher, NULL, s);
	fact(d, t, "Web", cat->url, cat->url, s);
}

static size_t
requirement_count(const struct cf_catalogue *cat)
{
	size_t	 i, n = 0;

	for (i = 0; i < cat->nsections; i++)
		n += cat->sections[i].nreqs;
	return n;
}

static void
notice(struct doc *d)
{
	if (d->cat->notice != NULL) {
		heading(d, 2, "Notice", NULL);
		md_body(d, d->cat->notice, cat_src(d, "catalogue notice"));
	}
	if (d->cat->licence != NULL) {
		heading(d, 2, "Licence", NULL);
		md_body(d, d->cat->licence, cat_src(d, "catalogue licence"));
	}
}

static void
blank_cover(struct doc *d)
{
	const struct cf_catalogue	*cat = d->cat;
	struct cf_table			*t;

	cover_title(d, cat->publisher, cat_src(d, "catalogue publisher"),
	    cat->title, cat_src(d, "catalogue title"), "Compliance checklist",
	    release_line(d));
	t = facts_table(d);
	catalogue_facts(d, t);
	fact(d, t, "Requirements", cf_arena_printf(&d->L.arena,
	    "%zu in %zu section%s", requirement_count(cat), cat->nsections,
	    cat->nsections == 1 ? "" : "s"), NULL, NULL);
	fact(d, t, "Document", d->id, NULL, NULL);
	fact(d, t, "Generated", d->generated, NULL, NULL);
	cf_layout_table(&d->L, t);
	notice(d);
}

static void
product_facts(struct doc *d, struct cf_table *t)
{
	const struct cf_responses	*r = d->resp;
	const struct cf_product		*p = &r->product;
	struct cf_src			*s = resp_src(d, p->id.pos, "product");
	const char			*ct, *mail = NULL;

	fact(d, t, "Product", p->name, NULL, s);
	fact(d, t, "Model", p->model, NULL, s);
	fact(d, t, "Version", p->version, NULL, s);
	fact(d, t, "Manufacturer", p->manufacturer.name, NULL, s);
	fact(d, t, "Address", p->manufacturer.address, NULL, s);
	if (p->manufacturer.contact != NULL) {
		mail = cf_safe_link(p->manufacturer.contact);
		if (mail == NULL && strchr(p->manufacturer.contact, '@') !=
		    NULL && strchr(p->manufacturer.contact, ':') == NULL)
			mail = cf_arena_printf(&d->L.arena, "mailto:%s",
			    p->manufacturer.contact);
	}
	fact(d, t, "Contact", p->manufacturer.contact, mail, s);
	fact(d, t, "Manufacturer web", p->manufacturer.url,
	    p->manufacturer.url, s);
	fact(d, t, "Security updates until", datestr(d, &p->support_until),
	    NULL, NULL);
	ct = class_title(d->cat, r->claim.class_idx);
	fact(d, t, "Claimed class", ct != NULL ? cf_arena_printf(&d->L.arena,
	    "%s (class %ld)", ct, r->claim.class_id) :
	    cf_arena_printf(&d->L.arena, "Class %ld", r->claim.class_id),
	    NULL, cat_src(d, "class title"));
	fact(d, t, "Applicability", r->claim.applicability.s, NULL, s);
	fact(d, t, "Responses", cf_arena_printf(&d->L.arena,
	    "revision %ld of %s", r->revision, datestr(d, &r->date)), NULL,
	    NULL);
}

static void
verdict_block(struct doc *d)
{
	const struct cf_verdict	*vd = d->vd;
	struct cf_flow		*f;
	const char		*ct;
	size_t			 i;

	heading(d, 2, "Declaration of conformity", NULL);
	ct = class_title(d->cat, d->resp->claim.class_idx);
	if (ct == NULL)
		ct = "the claimed class";
	f = cf_flow_new(&d->L, d->L.style->body_size, CF_COLOUR_TEXT);
	if (vd->can_issue) {
		cf_flow_text(&d->L, f, CF_FONT_BOLD, "A declaration of "
		    "conformity can be issued. ", NULL, NULL);
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, cf_arena_printf(
		    &d->L.arena, "The responses support a declaration that %s "
		    "meets every applicable mandatory requirement of %s "
		    "release %s at %s.", d->resp->product.name, d->cat->title,
		    d->cat->version, ct), NULL, cat_src(d, "catalogue"));
	} else {
		cf_flow_text(&d->L, f, CF_FONT_BOLD, "A declaration of "
		    "conformity cannot be issued. ", NULL, NULL);
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, cf_arena_printf(
		    &d->L.arena, "The responses do not support a declaration "
		    "at %s while %s %zu finding%s stand%s:", ct,
		    vd->nblockers == 1 ? "this" : "these", vd->nblockers,
		    vd->nblockers == 1 ? "" : "s",
		    vd->nblockers == 1 ? "s" : ""), NULL, NULL);
		for (i = 0; i < vd->nblockers; i++) {
			cf_flow_item(&d->L, f, "\xe2\x80\xa2");
			cf_flow_text(&d->L, f, CF_FONT_REGULAR,
			    vd->blockers[i].message, NULL, resp_src(d,
			    vd->blockers[i].pos, "gate finding"));
		}
	}
	cf_layout_space(&d->L, d->L.style->body_size * 0.5);
	cf_layout_flow(&d->L, f);
}

static void
product_cover(struct doc *d)
{
	const struct cf_product	*p = &d->resp->product;
	struct cf_table		*t;
	const char		*title;

	title = p->model != NULL ? cf_arena_printf(&d->L.arena, "%s %s",
	    p->name, p->model) : p->name;
	cover_title(d, p->manufacturer.name, resp_src(d, p->id.pos,
	    "manufacturer"), title, resp_src(d, p->id.pos, "product"),
	    "Completed compliance checklist", release_line(d));
	t = facts_table(d);
	product_facts(d, t);
	catalogue_facts(d, t);
	fact(d, t, "Document", d->id, NULL, NULL);
	fact(d, t, "Generated", d->generated, NULL, NULL);
	cf_layout_table(&d->L, t);
	md_body(d, p->description, resp_src(d, p->id.pos,
	    "product description"));
	verdict_block(d);
	notice(d);
}

/* ------------------------------------------------------------------ */
/* The keys: classes, categories, answers, applicability              */

static bool
has_objectives(const struct cf_catalogue *cat)
{
	size_t	 i;

	for (i = 0; i < cat->nclasses; i++)
		if (cat->classes[i].confidentiality != NULL ||
		    cat->classes[i].integrity != NULL ||
		    cat->classes[i].availability != NULL)
			return true;
	return false;
}

static size_t
class_count(const struct cf_catalogue *cat, size_t idx)
{
	struct cf_claim	 claim;
	size_t		 i, j, n = 0;

	memset(&claim, 0, sizeof(claim));
	claim.class_idx = idx;
	for (i = 0; i < cat->nsections; i++)
		for (j = 0; j < cat->sections[i].nreqs; j++)
			if (cf_applies(cat, &cat->sections[i].reqs[j], &claim))
				n++;
	return n;
}

static void
classes_key(struct doc *d)
{
	static const struct cf_table_col obj_cols[] = {
		{ "Class", 0, false, false }, { "Meaning", 0, true, false },
		{ "Confidentiality", 0, false, false },
		{ "Integrity", 0, false, false },
		{ "Availability", 0, false, false },
		{ "Requirements", 0, false, true }
	};
	static const struct cf_table_col cols[] = {
		{ "Class", 0, false, false }, { "Meaning", 0, true, false },
		{ "Requirements", 0, false, true }
	};
	const struct cf_catalogue	*cat = d->cat;
	const struct cf_class		*k;
	struct cf_table			*t;
	bool				 obj = has_objectives(cat);
	size_t				 i, r, c;
	char				 what[64];

	heading(d, 1, "Compliance classes", NULL);
	text_body(d, "Each requirement names the lowest compliance class it "
	    "applies to: a requirement of class 2 (\xe2\x80\x9c" "2 and above"
	    "\xe2\x80\x9d) applies to every product that claims class 2 or "
	    "higher. A product claims the class that matches the impact a "
	    "compromise would have.");
	cf_layout_space(&d->L, 6);
	t = cf_table_new(&d->L, obj ? 6 : 3, obj ? obj_cols : cols, tsize(d),
	    true);
	for (i = 0; i < cat->nclasses; i++) {
		k = &cat->classes[i];
		snprintf(what, sizeof(what), "class %ld", k->id);
		r = cf_table_row(&d->L, t);
		cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_BOLD,
		    k->title, NULL, cat_src(d, what));
		cf_flow_md(&d->L, cf_table_cell(t, r, 1), k->description,
		    cat_src(d, what));
		c = 2;
		if (obj) {
			cf_flow_text(&d->L, cf_table_cell(t, r, c++),
			    CF_FONT_REGULAR, k->confidentiality, NULL,
			    cat_src(d, what));
			cf_flow_text(&d->L, cf_table_cell(t, r, c++),
			    CF_FONT_REGULAR, k->integrity, NULL,
			    cat_src(d, what));
			cf_flow_text(&d->L, cf_table_cell(t, r, c++),
			    CF_FONT_REGULAR, k->availability, NULL,
			    cat_src(d, what));
		}
		cf_flow_text(&d->L, cf_table_cell(t, r, c), CF_FONT_REGULAR,
		    cf_arena_printf(&d->L.arena, "%zu", class_count(cat, i)),
		    NULL, NULL);
	}
	cf_layout_table(&d->L, t);
	line(d, tsize(d), CF_COLOUR_MUTED, CF_FONT_ITALIC, "Requirements "
	    "counts the active requirements that apply at each class.", NULL,
	    4);
}

static void
categories_key(struct doc *d)
{
	static const struct cf_table_col cols[] = {
		{ "Code", 0, false, false }, { "Category", 0, true, false },
		{ "Must be met for a declaration", 0, false, false }
	};
	struct cf_table	*t;
	size_t		 i, r;

	heading(d, 1, "Categories", NULL);
	t = cf_table_new(&d->L, 3, cols, tsize(d), true);
	for (i = 0; i < d->cat->ncategories; i++) {
		r = cf_table_row(&d->L, t);
		cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_BOLD,
		    d->cat->categories[i].code, NULL, cat_src(d, "category"));
		cf_flow_text(&d->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    d->cat->categories[i].title, NULL, cat_src(d, "category"));
		cf_flow_text(&d->L, cf_table_cell(t, r, 2), CF_FONT_REGULAR,
		    d->cat->categories[i].required ? "Yes, where it applies" :
		    "No", NULL, NULL);
	}
	cf_layout_table(&d->L, t);
}

static void
answers_key(struct doc *d)
{
	static const struct cf_table_col cols[] = {
		{ "Code", 0, false, false }, { "Meaning", 0, true, false },
		{ "Meets the requirement", 0, false, false },
		{ "Notes", 0, true, false }
	};
	const struct cf_answer_code	*a;
	struct cf_table			*t;
	struct cf_flow			*f;
	size_t				 i, j, r;

	heading(d, 1, "Responses", NULL);
	text_body(d, "A response is recorded for every requirement that "
	    "applies, with supporting statements or evidence.");
	cf_layout_space(&d->L, 6);
	t = cf_table_new(&d->L, 4, cols, tsize(d), true);
	for (i = 0; i < d->cat->nanswers; i++) {
		a = &d->cat->answers[i];
		r = cf_table_row(&d->L, t);
		cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_BOLD,
		    a->code, NULL, cat_src(d, "answer code"));
		cf_flow_text(&d->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    a->title, NULL, cat_src(d, "answer code"));
		cf_flow_text(&d->L, cf_table_cell(t, r, 2), CF_FONT_REGULAR,
		    a->meets ? "Yes" : "No", NULL, NULL);
		f = cf_table_cell(t, r, 3);
		if (a->needs_justification)
			cf_flow_text(&d->L, f, CF_FONT_REGULAR,
			    "Needs a justification. ", NULL, NULL);
		for (j = 0; j < a->naliases; j++)
			cf_flow_text(&d->L, f, CF_FONT_REGULAR,
			    cf_arena_printf(&d->L.arena, "Also written %s. ",
			    a->aliases[j]), NULL, cat_src(d, "answer code"));
	}
	cf_layout_table(&d->L, t);
}

static void
applicability_key(struct doc *d)
{
	static const struct cf_table_col cols[] = {
		{ "Code", 0, false, false }, { "Applicability", 0, true, false }
	};
	struct cf_table	*t;
	size_t		 i, r;

	if (d->cat->napplics == 0)
		return;
	heading(d, 1, "Applicability", NULL);
	t = cf_table_new(&d->L, 2, cols, tsize(d), true);
	for (i = 0; i < d->cat->napplics; i++) {
		r = cf_table_row(&d->L, t);
		cf_flow_text(&d->L, cf_table_cell(t, r, 0), CF_FONT_MONO,
		    d->cat->applics[i].code, NULL, cat_src(d, "applicability"));
		cf_flow_text(&d->L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    d->cat->applics[i].title, NULL, cat_src(d,
		    "applicability"));
	}
	cf_layout_table(&d->L, t);
}

/* ------------------------------------------------------------------ */
/* Requirements                                                        */

static const char *
applicability_label(struct doc *d, const struct cf_requirement *r)
{
	struct cf_buf	 b;
	const char	*s, *title;
	size_t		 i, j;

	if (r->applic_tbd)
		return "TBD";
	if (r->napplicability == 0)
		return "All";
	cf_buf_init(&b);
	for (i = 0; i < r->napplicability; i++) {
		title = r->applicability[i];
		for (j = 0; j < d->cat->napplics; j++)
			if (strcmp(d->cat->applics[j].code, title) == 0)
				title = d->cat->applics[j].title;
		cf_buf_printf(&b, "%s%s", i > 0 ? ", " : "", title);
	}
	s = cf_arena_strdup(&d->L.arena, b.data);
	cf_buf_free(&b);
	return s;
}

static const char *
category_code(const struct cf_catalogue *cat, const struct cf_requirement *r)
{
	return r->category_idx < cat->ncategories ?
	    cat->categories[r->category_idx].code : r->category;
}

/* The requirement cell: status, text, references. */
static void
requirement_cell(struct doc *d, struct cf_flow *f,
    const struct cf_requirement *r)
{
	const struct cf_src	*s = req_src(d, r);
	size_t			 i;

	if (r->status != CF_STATUS_ACTIVE) {
		cf_flow_text(&d->L, f, CF_FONT_BOLD,
		    r->status == CF_STATUS_RESERVED ? "Reserved." :
		    "Withdrawn.", NULL, NULL);
		f->colour = CF_COLOUR_MUTED;
		cf_flow_md(&d->L, f, r->note, s);
	}
	cf_flow_md(&d->L, f, r->text, s);
	for (i = 0; i < r->nreferences; i++) {
		cf_flow_para(&d->L, f, -1);
		cf_flow_text(&d->L, f, CF_FONT_ITALIC, "See: ", NULL, NULL);
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, r->references[i].title,
		    r->references[i].url, s);
	}
}

static void
common_cells(struct doc *d, struct cf_table *t, size_t row,
    const struct cf_requirement *r)
{
	char	 label[64];

	cf_flow_text(&d->L, cf_table_cell(t, row, 0), CF_FONT_BOLD, r->id.s,
	    NULL, req_src(d, r));
	requirement_cell(d, cf_table_cell(t, row, 1), r);
	cf_flow_text(&d->L, cf_table_cell(t, row, 2), CF_FONT_REGULAR,
	    cf_class_label(d->cat, r, label, sizeof(label)), NULL,
	    req_src(d, r));
	cf_flow_text(&d->L, cf_table_cell(t, row, 3), CF_FONT_REGULAR,
	    category_code(d->cat, r), NULL, req_src(d, r));
}

static void
section_heading(struct doc *d, const struct cf_section *s)
{
	char	 what[256];

	snprintf(what, sizeof(what), "section %s", s->id.s);
	heading(d, 1, cf_arena_printf(&d->L.arena, "%s %s", s->id.s,
	    s->title), src_at(d, d->cat->path, s->pos, what));
	md_body(d, s->intro, src_at(d, d->cat->path, s->pos, what));
	cf_layout_space(&d->L, 6);
}

static void
empty_section(struct doc *d)
{
	line(d, d->L.style->body_size, CF_COLOUR_MUTED, CF_FONT_ITALIC,
	    "This section has no requirements in this release.", NULL, 0);
}

static void
blank_section(struct doc *d, const struct cf_section *s)
{
	static const struct cf_table_col cols[] = {
		{ "Req. No", 0, false, false },
		{ "Requirement", 0, true, false },
		{ "Compliance Class", 0, false, false },
		{ "Category", 0, false, false },
		{ "Applicability", 0, false, false },
		{ "Response", 36, false, false },
		{ "Evidence", 60, false, false }
	};
	struct cf_table	*t;
	size_t		 i, r;

	section_heading(d, s);
	if (s->nreqs == 0) {
		empty_section(d);
		return;
	}
	t = cf_table_new(&d->L, 7, cols, tsize(d), true);
	t->grid = true;
	for (i = 0; i < s->nreqs; i++) {
		r = cf_table_row(&d->L, t);
		common_cells(d, t, r, &s->reqs[i]);
		cf_flow_text(&d->L, cf_table_cell(t, r, 4), CF_FONT_REGULAR,
		    applicability_label(d, &s->reqs[i]), NULL,
		    req_src(d, &s->reqs[i]));
	}
	cf_layout_table(&d->L, t);
}

static const struct cf_answer *
answer_of(const struct doc *d, const struct cf_requirement *r)
{
	const struct cf_answer	*a = cf_responses_find(d->resp, r->id.s);

	return a != NULL && a->acode != NULL ? a : NULL;
}

static void
response_cell(struct doc *d, struct cf_flow *f, const struct cf_answer *a,
    bool applies)
{
	if (a != NULL) {
		cf_flow_text(&d->L, f, CF_FONT_BOLD, a->acode->code, NULL,
		    NULL);
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, cf_arena_printf(
		    &d->L.arena, " %s", a->acode->title), NULL, NULL);
		if (a->review)
			cf_flow_text(&d->L, f, CF_FONT_ITALIC, " (review)",
			    NULL, NULL);
	} else if (applies)
		cf_flow_text(&d->L, f, CF_FONT_BOLD, "Not assessed", NULL,
		    NULL);
	else {
		f->colour = CF_COLOUR_MUTED;
		cf_flow_text(&d->L, f, CF_FONT_REGULAR, "\xe2\x80\x94", NULL,
		    NULL);
	}
}

static void
labelled_md(struct doc *d, struct cf_flow *f, const char *label,
    const char *md, const struct cf_src *s)
{
	if (md == NULL || *md == '\0')
		return;
	cf_flow_md_lead(&d->L, f, label, md, s);
}

static void
evidence_cell(struct doc *d, struct cf_flow *f, const struct cf_answer *a,
    const struct cf_requirement *r)
{
	const struct cf_src	*s;
	size_t			 i;
	char			 what[256];

	for (i = 0; i < d->vd->nblockers; i++) {
		if (d->vd->blockers[i].req != r)
			continue;
		cf_flow_para(&d->L, f, -1);
		cf_flow_text(&d->L, f, CF_FONT_BOLD, "Blocker: ", NULL, NULL);
		cf_flow_text(&d->L, f, CF_FONT_ITALIC,
		    d->vd->blockers[i].message, NULL, NULL);
	}
	if (a == NULL)
		return;
	snprintf(what, sizeof(what), "requirement %s", r->id.s);
	s = resp_src(d, a->req_id.pos, what);
	for (i = 0; i < a->nevidence; i++) {
		cf_flow_para(&d->L, f, f->nblocks == 0 ? 0 : tsize(d) * 0.2);
		if (a->evidence[i].kind == CF_EVIDENCE_URL)
			cf_flow_text(&d->L, f, CF_FONT_REGULAR,
			    a->evidence[i].ref, a->evidence[i].ref, s);
		else
			cf_flow_text(&d->L, f, CF_FONT_MONO,
			    a->evidence[i].ref, NULL, s);
	}
	labelled_md(d, f, "Justification: ", a->justification, s);
	labelled_md(d, f, "Note: ", a->note, s);
}

static const char *
scope(const struct cf_requirement *r, bool applies)
{
	if (r->status == CF_STATUS_RESERVED)
		return "Reserved";
	if (r->status == CF_STATUS_WITHDRAWN)
		return "Withdrawn";
	return applies ? "Applicable" : "Outside claim";
}

static const struct cf_tally *
tally_of(const struct doc *d, const struct cf_section *s)
{
	size_t	 i;

	for (i = 0; i < d->vd->ntallies; i++)
		if (d->vd->tallies[i].section == s)
			return &d->vd->tallies[i];
	return NULL;
}

static void
section_summary(struct doc *d, const struct cf_section *s)
{
	const struct cf_tally	*t = tally_of(d, s);
	struct cf_buf		 b;
	size_t			 i;

	if (t == NULL)
		return;
	cf_buf_init(&b);
	cf_buf_printf(&b, "Applicable: %zu.", t->applicable);
	for (i = 0; i < d->cat->nanswers; i++)
		if (t->by_code[i] > 0)
			cf_buf_printf(&b, " %s (%s): %zu.",
			    d->cat->answers[i].title, d->cat->answers[i].code,
			    t->by_code[i]);
	if (t->not_assessed > 0)
		cf_buf_printf(&b, " Not assessed: %zu.", t->not_assessed);
	line(d, d->L.style->body_size, CF_COLOUR_MUTED, CF_FONT_REGULAR,
	    b.data, cat_src(d, "answer code"), 0);
	cf_buf_free(&b);
	cf_layout_space(&d->L, 6);
}

static void
completed_section(struct doc *d, const struct cf_section *s)
{
	static const struct cf_table_col cols[] = {
		{ "Req. No", 0, false, false },
		{ "Requirement", 0, true, false },
		{ "Class", 0, false, false }, { "Cat.", 0, false, false },
		{ "Scope", 0, false, false }, { "Response", 0, false, false },
		{ "Evidence and notes", 0, true, false }
	};
	const struct cf_requirement	*r;
	const struct cf_answer		*a;
	struct cf_table			*t;
	size_t				 i, row;
	bool				 applies;

	section_heading(d, s);
	section_summary(d, s);
	if (s->nreqs == 0) {
		empty_section(d);
		return;
	}
	t = cf_table_new(&d->L, 7, cols, tsize(d), true);
	t->grid = true;
	for (i = 0; i < s->nreqs; i++) {
		r = &s->reqs[i];
		applies = cf_applies(d->cat, r, &d->resp->claim);
		a = answer_of(d, r);
		row = cf_table_row(&d->L, t);
		common_cells(d, t, row, r);
		if (!applies)
			cf_table_cell(t, row, 4)->colour = CF_COLOUR_MUTED;
		cf_flow_text(&d->L, cf_table_cell(t, row, 4), applies ?
		    CF_FONT_REGULAR : CF_FONT_ITALIC, scope(r, applies), NULL,
		    NULL);
		response_cell(d, cf_table_cell(t, row, 5), a, applies);
		evidence_cell(d, cf_table_cell(t, row, 6), a, r);
	}
	cf_layout_table(&d->L, t);
}

static void
summary_row(struct doc *d, struct cf_table *t, const char *label,
    enum cf_font_style font, size_t applicable, const size_t *by_code,
    size_t not_assessed, const struct cf_src *src)
{
	size_t	 r = cf_table_row(&d->L, t), i;

	cf_flow_text(&d->L, cf_table_cell(t, r, 0), font, label, NULL, src);
	cf_flow_text(&d->L, cf_table_cell(t, r, 1), font, cf_arena_printf(
	    &d->L.arena, "%zu", applicable), NULL, NULL);
	for (i = 0; i < d->cat->nanswers; i++)
		cf_flow_text(&d->L, cf_table_cell(t, r, 2 + i), font,
		    cf_arena_printf(&d->L.arena, "%zu", by_code[i]), NULL,
		    NULL);
	cf_flow_text(&d->L, cf_table_cell(t, r, 2 + d->cat->nanswers), font,
	    cf_arena_printf(&d->L.arena, "%zu", not_assessed), NULL, NULL);
}

static void
summary(struct doc *d)
{
	const struct cf_catalogue	*cat = d->cat;
	const struct cf_tally		*ty;
	struct cf_table_col		*cols;
	struct cf_table			*t;
	size_t				*total, i, j, n = cat->nanswers + 3;
	size_t				 applicable = 0, na = 0;

	heading(d, 1, "Summary", NULL);
	text_body(d, "Requirements that apply to the claim, and how they "
	    "were answered.");
	cf_layout_space(&d->L, 6);
	cols = cf_arena_alloc(&d->L.arena, n * sizeof(*cols));
	cols[0] = (struct cf_table_col){ "Section", 0, true, false };
	cols[1] = (struct cf_table_col){ "Applicable", 0, false, true };
	for (i = 0; i < cat->nanswers; i++)
		cols[2 + i] = (struct cf_table_col){ cat->answers[i].code, 0,
		    false, true };
	cols[n - 1] = (struct cf_table_col){ "Not assessed", 0, false, true };
	t = cf_table_new(&d->L, n, cols, tsize(d), true);
	total = cf_arena_alloc(&d->L.arena, (cat->nanswers + 1) *
	    sizeof(*total));
	for (i = 0; i < cat->nsections; i++) {
		if ((ty = tally_of(d, &cat->sections[i])) == NULL)
			continue;
		summary_row(d, t, cf_arena_printf(&d->L.arena, "%s %s",
		    cat->sections[i].id.s, cat->sections[i].title),
		    CF_FONT_REGULAR, ty->applicable, ty->by_code,
		    ty->not_assessed,
		    cat_src(d, "section title"));
		applicable += ty->applicable;
		na += ty->not_assessed;
		for (j = 0; j < cat->nanswers; j++)
			total[j] += ty->by_code[j];
	}
	summary_row(d, t, "Total", CF_FONT_BOLD, applicable, total, na, NULL);
	cf_layout_table(&d->L, t);
}

/* ------------------------------------------------------------------ */
/* The document                                                        */

static void
set_info(struct doc *d)
{
	const char	*author, *subject, *keywords;

	if (d->resp == NULL) {
		author = d->cat->publisher;
		subject = cf_arena_printf(&d->L.arena, "Compliance checklist "
		    "of %s release %s", d->cat->title, d->cat->version);
		keywords = cf_arena_printf(&d->L.arena, "%s, %s, compliance "
		    "checklist", d->cat->id, d->cat->version);
	} else {
		author = d->resp->product.manufacturer.name;
		subject = cf_arena_printf(&d->L.arena, "Completed compliance "
		    "checklist of %s against %s release %s",
		    d->resp->product.name, d->cat->title, d->cat->version);
		keywords = cf_arena_printf(&d->L.arena, "%s, %s, %s, "
		    "compliance checklist", d->cat->id, d->cat->version,
		    d->resp->product.id.s);
	}
	cf_layout_info(&d->L, d->title, author, subject, keywords,
	    d->opts->generated);
}

static void
set_names(struct doc *d)
{
	struct tm	 tm;
	const char	*who;

	if (gmtime_r(&d->opts->generated, &tm) == NULL ||
	    strftime(d->generated, sizeof(d->generated), "%Y-%m-%d", &tm) == 0)
		d->generated[0] = '\0';
	if (d->resp == NULL) {
		d->id = cf_arena_printf(&d->L.arena, "%s-%s-checklist",
		    d->cat->id, d->cat->version);
		d->title = cf_arena_printf(&d->L.arena, "%s %s \xe2\x80\x94 "
		    "Compliance checklist", d->cat->title, d->cat->version);
		return;
	}
	d->id = cf_arena_printf(&d->L.arena, "%s-r%ld-%s-%s-checklist",
	    d->resp->product.id.s, d->resp->revision, d->cat->id,
	    d->cat->version);
	who = d->resp->product.model != NULL ? cf_arena_printf(&d->L.arena,
	    "%s %s", d->resp->product.name, d->resp->product.model) :
	    d->resp->product.name;
	d->title = cf_arena_printf(&d->L.arena, "%s \xe2\x80\x94 Completed "
	    "compliance checklist, %s %s", who, d->cat->title,
	    d->cat->version);
}

static void
build(struct doc *d)
{
	size_t	 i;

	if (d->resp == NULL) {
		blank_cover(d);
		if (d->L.err != HPDF_OK)
			return;
		cf_layout_new_page(&d->L);
		heading(d, 2, "Completing this checklist", NULL);
		text_body(d, "Decide the compliance class the product claims. "
		    "For every requirement whose class is at or below the "
		    "claim, record a response and the evidence that supports "
		    "it. A response that needs a justification must carry "
		    "one.");
		classes_key(d);
		categories_key(d);
		answers_key(d);
		applicability_key(d);
		cf_layout_new_page(&d->L);
		for (i = 0; i < d->cat->nsections; i++)
			blank_section(d, &d->cat->sections[i]);
		return;
	}
	product_cover(d);
	if (d->L.err != HPDF_OK)
		return;
	cf_layout_new_page(&d->L);
	summary(d);
	for (i = 0; i < d->cat->nsections; i++)
		completed_section(d, &d->cat->sections[i]);
	classes_key(d);
	answers_key(d);
	applicability_key(d);
}

int
cf_render_checklist_pdf(const struct cf_catalogue *cat,
    const struct cf_responses *resp, const struct cf_verdict *vd,
    const struct cf_render_opts *opts, struct cf_buf *out)
{
	struct cf_pdf_style	 st;
	struct doc		 d;
	int			 rc = -1;

	if (cf_pdf_style_load(opts->template_dir, &st) != 0) {
		cf_pdf_style_free(&st);
		return -1;
	}
	memset(&d, 0, sizeof(d));
	d.cat = cat;
	d.resp = resp;
	d.vd = vd;
	d.opts = opts;
	if (cf_layout_open(&d.L, &st) == 0) {
		set_names(&d);
		cf_layout_furniture(&d.L, d.title, d.id, NULL);
		set_info(&d);
		build(&d);
		if (cf_layout_check(&d.L, cat->path, 0, 0,
		    "cannot lay out the PDF checklist") == 0)
			rc = cf_layout_save(&d.L, out);
	}
	cf_layout_close(&d.L);
	cf_pdf_style_free(&st);
	return rc;
}
