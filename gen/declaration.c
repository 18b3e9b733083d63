/*
 * declaration.c -- gathering what a declaration of conformity states.
 */
#include "declaration.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "locale.h"
#include "mustache.h"
#include "qr.h"
#include "render.h"
#include "richtext.h"
#include "translate.h"
#include "view.h"

/* A folder as an absolute, symlink-free path, split into components. */
struct comps {
	char	 buf[PATH_MAX];
	char	*v[PATH_MAX / 2];
	size_t	 n;
};

static int
split_dir(const char *path, struct comps *c)
{
	const char	*slash = strrchr(path, '/');
	char		 dir[PATH_MAX];
	char		*p, *save = NULL;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == path)
		strcpy(dir, "/");
	else if ((size_t)(slash - path) >= sizeof(dir)) {
		errno = ENAMETOOLONG;
		return -1;
	} else {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
	}
	if (realpath(dir, c->buf) == NULL)
		return -1;
	c->n = 0;
	for (p = strtok_r(c->buf, "/", &save); p != NULL;
	    p = strtok_r(NULL, "/", &save))
		c->v[c->n++] = p;
	return 0;
}

const char *
cf_decl_relpath(struct cf_arena *a, const char *from, const char *file)
{
	struct comps	*fc, *tc;
	struct cf_buf	 b;
	const char	*base, *s = NULL;
	size_t		 i, common = 0;

	/* Absolute paths too: none of the building machine's may leak. */
	base = strrchr(file, '/') != NULL ? strrchr(file, '/') + 1 : file;
	fc = cf_xmalloc(sizeof(*fc));
	tc = cf_xmalloc(sizeof(*tc));
	if (split_dir(from, fc) == 0 && split_dir(file, tc) == 0) {
		while (common < fc->n && common < tc->n &&
		    strcmp(fc->v[common], tc->v[common]) == 0)
			common++;
		cf_buf_init(&b);
		for (i = common; i < fc->n; i++)
			cf_buf_puts(&b, "../");
		for (i = common; i < tc->n; i++)
			cf_buf_printf(&b, "%s/", tc->v[i]);
		cf_buf_puts(&b, base);
		s = cf_arena_strdup(a, b.data);
		cf_buf_free(&b);
	}
	free(fc);
	free(tc);
	return s;
}

const char *
cf_decl_blocker_name(enum cf_blocker_kind k)
{
	static const char *const names[] = {
		[CF_BLOCK_NOT_ASSESSED] = "not-assessed",
		[CF_BLOCK_REQUIRED_NOT_MET] = "required-not-met",
		[CF_BLOCK_NO_EVIDENCE] = "no-evidence",
		[CF_BLOCK_NO_NOTE] = "no-note",
		[CF_BLOCK_NO_DECLARATION] = "no-declaration",
		[CF_BLOCK_REVIEW] = "review",
		[CF_BLOCK_DATE] = "date",
		[CF_BLOCK_FORM] = "form"
	};

	return (size_t)k < sizeof(names) / sizeof(names[0]) ? names[k] :
	    "unknown";
}

const char *
cf_decl_role_name(enum cf_decl_role role)
{
	static const char *const names[] = { "catalogue", "translation",
	    "responses", "evidence" };

	return names[role];
}

const char *
cf_decl_filename(struct cf_decl *d, const char *ext, bool draft)
{
	return cf_decl_form_filename(d, CF_FORM_FULL, ext, draft);
}

const char *
cf_decl_form_filename(struct cf_decl *d, enum cf_form f, const char *ext,
    bool draft)
{
	return cf_decl_file_of(&d->arena, d->id, f, ext, draft);
}

const char *
cf_decl_file_of(struct cf_arena *a, const char *id, enum cf_form f,
    const char *ext, bool draft)
{
	static const char *const names[] = { "declaration",
	    "declaration-simplified", "statement-of-compliance" };

	return cf_arena_printf(a, "%s-%s%s.%s", id,
	    names[f < CF_FORM_COUNT ? f : 0], draft ? "-DRAFT" : "", ext);
}

const char *
cf_decl_legislation_list(struct cf_arena *a, const struct cf_decl *d)
{
	const struct cf_declaration	*dc = &d->resp->decl;
	const char			*acc = NULL;
	struct cf_msg			 m;
	size_t				 i;

	for (i = 0; i < dc->nlegislation; i++) {
		if (acc == NULL) {
			acc = dc->legislation[i].title;
			continue;
		}
		cf_msg_init(&m, i + 1 < dc->nlegislation ? CF_MSG_LIST_COMMA :
		    CF_MSG_LIST_AND);
		cf_msg_text(&m, "head", CF_ARG_TEXT, acc, NULL);
		cf_msg_text(&m, i + 1 < dc->nlegislation ? "next" : "last",
		    CF_ARG_TEXT, dc->legislation[i].title, NULL);
		acc = cf_msg_str_in(a, d->loc, &m);
	}
	return acc != NULL ? acc : "";
}

/* A value of the responses, with where it is written. */
static void
resp_text(struct cf_msg *m, const struct cf_decl *d, const char *name,
    const char *text, struct cf_pos pos, const char *what)
{
	struct cf_src	 src = { d->resp->path, pos, what };

	cf_msg_text(m, name, CF_ARG_TEXT, text, pos.line > 0 ? &src : NULL);
}

void
cf_decl_simplified(const struct cf_decl *d, struct cf_arena *a,
    struct cf_msg *statement, struct cf_msg *url)
{
	const struct cf_product		*p = &d->resp->product;
	const struct cf_declaration	*dc = &d->resp->decl;

	cf_msg_init(statement, p->model != NULL ? CF_MSG_SIMPLIFIED_MODEL :
	    CF_MSG_SIMPLIFIED);
	resp_text(statement, d, "manufacturer", p->manufacturer.name,
	    p->manufacturer.name_pos, "manufacturer name");
	resp_text(statement, d, "name", p->name, p->name_pos,
	    "product name");
	if (p->model != NULL)
		resp_text(statement, d, "model", p->model, p->model_pos,
		    "product model");
	/* Each title is vetted where it is written (its own position). */
	cf_msg_text(statement, "legislation", CF_ARG_TEXT,
	    cf_decl_legislation_list(a, d), NULL);
	cf_msg_init(url, CF_MSG_SIMPLIFIED_URL);
	cf_msg_text(url, "url", CF_ARG_ID, dc->url != NULL ? dc->url : "",
	    NULL);
}

void
cf_decl_psti(const struct cf_decl *d, struct cf_msg *prepared,
    struct cf_msg *compliance, struct cf_msg *support)
{
	const struct cf_product	*p = &d->resp->product;

	cf_msg_init(prepared, CF_MSG_PSTI_PREPARED);
	cf_msg_init(compliance, CF_MSG_PSTI_COMPLIANCE);
	resp_text(compliance, d, "manufacturer", p->manufacturer.name,
	    p->manufacturer.name_pos, "manufacturer name");
	cf_msg_init(support, CF_MSG_PSTI_SUPPORT);
	cf_msg_date(support, "date", &p->support_until);
}

static void
totals(struct cf_decl *d)
{
	const struct cf_verdict	*v = d->verdict;
	size_t			 i, j;

	d->by_code = cf_arena_alloc(&d->arena,
	    (d->cat->nanswers + 1) * sizeof(*d->by_code));
	for (i = 0; i < v->ntallies; i++) {
		d->applicable += v->tallies[i].applicable;
		d->not_assessed += v->tallies[i].not_assessed;
		for (j = 0; j < d->cat->nanswers; j++)
			d->by_code[j] += v->tallies[i].by_code[j];
	}
}

/* Advisory requirements not met, in catalogue order. */
static void
advisories(struct cf_decl *d)
{
	const struct cf_catalogue	*cat = d->cat;
	size_t				 i, n = 0, cgi;

	d->advisories = cf_arena_alloc(&d->arena,
	    (cat->nreqs + 1) * sizeof(*d->advisories));
	/* Nested requirements too; `below` decides the category applied. */
	for (i = 0; i < cat->nreqs; i++) {
		const struct cf_requirement *r = cat->reqs[i];
		const struct cf_answer	*a;
		const struct cf_category *cg;

		cgi = CF_NONE;
		if (cf_scope(cat, r, &d->resp->claim, &cgi) !=
		    CF_SCOPE_APPLIES || cgi >= cat->ncategories)
			continue;
		cg = &cat->categories[cgi];
		a = cf_responses_find(d->resp, r->id.s);
		if (cg->required || a == NULL || a->acode == NULL ||
		    a->acode->meets)
			continue;
		d->advisories[n].req = r;
		d->advisories[n].category = cg;
		d->advisories[n++].answer = a;
	}
	d->nadvisories = n;
}

/*
 * Applicable requirements of a required category answered with a code
 * that meets by needing a justification (NA), in catalogue order:
 * children too, each answered on its own, as the gate judges them.
 */
static void
not_applicable(struct cf_decl *d)
{
	const struct cf_catalogue	*cat = d->cat;
	size_t				 i, j, cg, n = 0;

	d->nas = cf_arena_alloc(&d->arena, (cat->nreqs + 1) *
	    sizeof(*d->nas));
	for (i = 0; i < cat->nsections; i++)
		for (j = cat->sections[i].first; j < cat->sections[i].first +
		    cat->sections[i].count; j++) {
			const struct cf_requirement *r = cat->reqs[j];
			const struct cf_answer	*a;

			if (cf_scope(cat, r, &d->resp->claim, &cg) !=
			    CF_SCOPE_APPLIES || cg >= cat->ncategories ||
			    !cat->categories[cg].required)
				continue;
			a = cf_responses_find(d->resp, r->id.s);
			if (a == NULL || a->req != r || a->acode == NULL ||
			    !a->acode->meets ||
			    !a->acode->needs_justification)
				continue;
			d->nas[n].req = r;
			d->nas[n].category = &cat->categories[cg];
			d->nas[n++].answer = a;
		}
	d->nnas = n;
}

static void
checklists(struct cf_decl *d, const char *const *exts)
{
	size_t	 n = 0;

	while (exts != NULL && exts[n] != NULL)
		n++;
	d->checklists = cf_arena_alloc(&d->arena,
	    (n + 1) * sizeof(*d->checklists));
	for (d->nchecklists = 0; d->nchecklists < n; d->nchecklists++)
		d->checklists[d->nchecklists] = cf_arena_printf(&d->arena,
		    "%s-checklist.%s", d->id, exts[d->nchecklists]);
}

static int
file_cmp(const void *a, const void *b)
{
	const struct cf_decl_file *fa = a, *fb = b;

	return strcmp(fa->path, fb->path);
}

static struct cf_decl_file *
find_evidence(struct cf_decl *d, size_t from, const char *path)
{
	size_t	 i;

	for (i = from; i < d->nfiles; i++)
		if (strcmp(d->files[i].path, path) == 0)
			return &d->files[i];
	return NULL;
}

static void
cite(struct cf_decl *d, struct cf_decl_file *f, const char *req)
{
	const char	**grown;

	if (f->nreqs > 0 && strcmp(f->reqs[f->nreqs - 1], req) == 0)
		return;
	grown = cf_arena_alloc(&d->arena, (f->nreqs + 1) * sizeof(*grown));
	if (f->nreqs > 0)
		memcpy(grown, f->reqs, f->nreqs * sizeof(*grown));
	grown[f->nreqs++] = req;
	f->reqs = grown;
}

/* Every local evidence file once, hashed now; sorted by path. */
static int
evidence(struct cf_decl *d, size_t first)
{
	const struct cf_responses	*r = d->resp;
	struct cf_decl_file		*f;
	struct cf_buf			 full;
	size_t				 i, j;
	int				 rc = 0;

	cf_buf_init(&full);
	for (i = 0; i < r->nanswers && rc == 0; i++)
		for (j = 0; j < r->answers[i].nevidence && rc == 0; j++) {
			const struct cf_evidence *e =
			    &r->answers[i].evidence[j];

			if (e->kind != CF_EVIDENCE_PATH)
				continue;
			if ((f = find_evidence(d, first, e->ref)) == NULL) {
				f = &d->files[d->nfiles++];
				f->role = CF_DECL_EVIDENCE;
				f->path = e->ref;
				cf_buf_reset(&full);
				cf_buf_printf(&full, "%s/%s", r->dir, e->ref);
				if (cf_sha256_file(full.data, f->sha256) != 0) {
					cf_diag_errno(full.data, "cannot read "
					    "evidence file to hash it");
					rc = -1;
				}
			}
			cite(d, f, r->answers[i].req_id.s);
		}
	cf_buf_free(&full);
	qsort(d->files + first, d->nfiles - first, sizeof(*d->files),
	    file_cmp);
	return rc;
}

/* The catalogue, its translation when one was read, the responses. */
static int
integrity(struct cf_decl *d, const struct cf_translation *tr)
{
	const struct cf_responses	*r = d->resp;
	struct cf_decl_file		*f;
	size_t				 i, n = 3;

	for (i = 0; i < r->nanswers; i++)
		n += r->answers[i].nevidence;
	d->files = cf_arena_alloc(&d->arena, (n + 1) * sizeof(*d->files));
	f = &d->files[d->nfiles++];
	f->role = CF_DECL_CATALOGUE;
	f->path = cf_decl_relpath(&d->arena, r->path, d->cat->path);
	memcpy(f->sha256, d->cat->sha256, CF_SHA256_HEX);
	if (f->path == NULL) {
		cf_diag_errno(d->cat->path, "cannot work out the catalogue's "
		    "path from the responses file's folder");
		return -1;
	}
	if (tr != NULL) {
		f = &d->files[d->nfiles++];
		f->role = CF_DECL_TRANSLATION;
		f->path = cf_decl_relpath(&d->arena, r->path, tr->path);
		memcpy(f->sha256, tr->sha256, CF_SHA256_HEX);
		if (f->path == NULL) {
			cf_diag_errno(tr->path, "cannot work out the "
			    "translation's path from the responses file's "
			    "folder");
			return -1;
		}
	}
	f = &d->files[d->nfiles++];
	f->role = CF_DECL_RESPONSES;
	f->path = strrchr(r->path, '/') != NULL ?
	    strrchr(r->path, '/') + 1 : r->path;
	memcpy(f->sha256, r->sha256, CF_SHA256_HEX);
	return evidence(d, d->nfiles);
}

static void
statements(struct cf_decl *d)
{
	const struct cf_catalogue	*cat = d->cat;
	const struct cf_responses	*r = d->resp;
	struct cf_msg			*m;
	struct cf_src			 src = { cat->path, cat->title_pos,
	    "catalogue title" };
	size_t				 answered;

	cf_msg_init(&d->responsibility, CF_MSG_DECL_RESPONSIBILITY);

	m = &d->conformity;
	/* "class 2 (Class 2)" says nothing twice: such a title is left out. */
	if (d->cls != NULL && cf_class_title_is_number(d->cls))
		cf_msg_init(m, d->applic != NULL ?
		    CF_MSG_DECL_CONFORMITY_PLAIN_APPLIC :
		    CF_MSG_DECL_CONFORMITY_PLAIN);
	else
		cf_msg_init(m, d->applic != NULL ?
		    CF_MSG_DECL_CONFORMITY_APPLIC : CF_MSG_DECL_CONFORMITY);
	cf_msg_text(m, "catalogue", CF_ARG_TEXT, cat->title, &src);
	src.pos = cat->version_pos;
	src.what = "catalogue version";
	cf_msg_text(m, "version", CF_ARG_ID, cat->version, &src);
	src.pos = cat->publisher_pos;
	src.what = "catalogue publisher";
	cf_msg_text(m, "publisher", CF_ARG_TEXT, cat->publisher, &src);
	cf_msg_date(m, "released", &cat->released);
	cf_msg_num(m, "class", r->claim.class_id);
	if (d->cls != NULL) {
		src.pos = d->cls->pos;
		src.what = cf_arena_printf(&d->arena, "class %ld",
		    d->cls->id);
		cf_msg_text(m, "class_title", CF_ARG_TEXT, d->cls->title,
		    &src);
	} else
		cf_msg_text(m, "class_title", CF_ARG_TEXT, "", NULL);
	if (d->applic != NULL) {
		src.pos = d->applic->pos;
		src.what = cf_arena_printf(&d->arena, "applicability %s",
		    d->applic->code);
		cf_msg_text(m, "applicability", CF_ARG_TEXT,
		    d->applic->title, &src);
	}

	answered = d->applicable - d->not_assessed;
	m = &d->basis;
	cf_msg_init(m, answered == d->applicable ? CF_MSG_DECL_BASIS_ALL :
	    CF_MSG_DECL_BASIS_PART);
	cf_msg_num(m, "revision", r->revision);
	cf_msg_date(m, "date", &r->date);
	cf_msg_num(m, "answered", (long)answered);
	cf_msg_num(m, "applicable", (long)d->applicable);
}

const char *
cf_decl_answer_key(struct cf_arena *a, const struct cf_decl *d)
{
	struct cf_buf	 b;
	struct cf_msg	 m;
	const char	*s;
	size_t		 i;

	cf_buf_init(&b);
	for (i = 0; i < d->cat->nanswers; i++) {
		cf_msg_init(&m, CF_MSG_DECL_ANSWER_KEY_ITEM);
		cf_msg_text(&m, "code", CF_ARG_ID, d->cat->answers[i].code,
		    NULL);
		cf_msg_text(&m, "title", CF_ARG_TEXT,
		    d->cat->answers[i].title, NULL);
		if (i > 0)
			cf_buf_putc(&b, ' ');
		cf_msg_put_in(&b, d->loc, &m);
	}
	s = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

static void
claim(struct cf_decl *d)
{
	const struct cf_claim	*cl = &d->resp->claim;
	size_t			 i;

	d->cls = cl->class_idx < d->cat->nclasses ?
	    &d->cat->classes[cl->class_idx] : NULL;
	for (i = 0; cl->applicability.s != NULL && i < d->cat->napplics; i++)
		if (strcmp(d->cat->applics[i].code, cl->applicability.s) == 0)
			d->applic = &d->cat->applics[i];
}

int
cf_decl_build(const struct cf_catalogue *cat, const struct cf_responses *r,
    const struct cf_verdict *v, const char *const *checklist_exts,
    const struct cf_render_opts *opts, struct cf_decl *d)
{
	struct tm	 tm;
	char		 date[32];
	time_t		 generated = opts->generated;

	memset(d, 0, sizeof(*d));
	cf_arena_init(&d->arena);
	d->cat = cat;
	d->resp = r;
	d->verdict = v;
	d->draft = !v->can_issue;
	d->id = cf_arena_printf(&d->arena, "%s-r%ld-%s-%s", r->product.id.s,
	    r->revision, cat->id, cat->version);
	if (gmtime_r(&generated, &tm) == NULL ||
	    strftime(date, sizeof(date), "%Y-%m-%d", &tm) == 0)
		date[0] = '\0';
	d->generated = cf_arena_strdup(&d->arena, date);
	d->lang = opts->locale != NULL ? cf_locale_tag(opts->locale) :
	    CF_LANG_DEFAULT;
	d->loc = opts->locale;
	claim(d);
	totals(d);
	statements(d);
	advisories(d);
	not_applicable(d);
	checklists(d, checklist_exts);
	return integrity(d, opts->translation);
}

void
cf_decl_free(struct cf_decl *d)
{
	cf_arena_free(&d->arena);
	memset(d, 0, sizeof(*d));
}

static struct cf_value *
advisory_value(struct cf_arena *a, const struct cf_decl_advisory *adv)
{
	struct cf_value	*m = cf_value_map(a);
	struct cf_rich	 text, note;
	const unsigned	 forms = CF_RICH_HTML | CF_RICH_MD;

	cf_rich_render(a, adv->req->text, forms, &text);
	cf_rich_render(a, adv->answer->note != NULL ? adv->answer->note : "",
	    forms, &note);
	cf_value_set_str(a, m, "id", adv->req->id.s);
	cf_value_set_str(a, m, "req_title", adv->req->title);
	cf_value_set_str(a, m, "section_id", adv->req->section->id.s);
	cf_value_set_str(a, m, "text_html", text.html);
	cf_value_set_str(a, m, "text_cell", text.cell);
	cf_value_set_str(a, m, "text_more_md", text.more);
	cf_value_set_str(a, m, "category_code", adv->category->code);
	cf_value_set_str(a, m, "category_title", adv->category->title);
	cf_value_set_str(a, m, "code", adv->answer->acode->code);
	cf_value_set_str(a, m, "title", adv->answer->acode->title);
	if (*note.md != '\0') {
		cf_value_set_str(a, m, "note_html", note.html);
		cf_value_set_str(a, m, "note_md", note.md);
		cf_value_set_str(a, m, "note_cell", note.cell);
		cf_value_set_str(a, m, "note_more_md", note.more);
	}
	return m;
}

static struct cf_value *
file_value(struct cf_arena *a, const struct cf_locale *loc,
    const struct cf_decl_file *f)
{
	static const char *const labels[] = { "catalogue",
	    "decl_translation", "responses", "col_evidence" };
	struct cf_value	*m = cf_value_map(a);
	struct cf_buf	 reqs;
	size_t		 i;

	cf_value_set_str(a, m, "role", cf_decl_role_name(f->role));
	cf_value_set_str(a, m, "role_label", cf_msg(loc, labels[f->role]));
	cf_value_set_str(a, m, "path", f->path);
	cf_value_set_str(a, m, "sha256", f->sha256);
	cf_buf_init(&reqs);
	/* An evidence file may back every requirement: no printf each. */
	for (i = 0; i < f->nreqs; i++) {
		if (i > 0)
			cf_buf_puts(&reqs, ", ");
		cf_buf_puts(&reqs, f->reqs[i]);
	}
	cf_value_set_str(a, m, "requirements", reqs.data);
	cf_buf_free(&reqs);
	return m;
}

static void
signature_value(struct cf_arena *a, struct cf_value *m,
    const struct cf_declaration *sig, const struct cf_locale *loc)
{
	struct cf_value	*s;

	if (!sig->present) {
		cf_value_set(a, m, "signature", cf_value_null());
		return;
	}
	s = cf_value_set(a, m, "signature", cf_value_map(a));
	cf_value_set_str(a, s, "place", sig->place);
	cf_value_set_str(a, s, "date", cf_locale_date(a, loc, &sig->date));
	cf_value_set_str(a, s, "name", sig->name);
	cf_value_set_str(a, s, "role", sig->role);
}

/*
 * The watermark as the text of the SVG in a CSS data: URL: every byte
 * but letters, digits, space and - . _ ~ percent-encoded, so no quote,
 * bracket or markup of the message can end the URL, the rule or <style>.
 */
static void
watermark_svg(struct cf_arena *a, struct cf_value *m, const char *text)
{
	struct cf_buf		 b;
	const unsigned char	*p;

	cf_buf_init(&b);
	for (p = (const unsigned char *)text; *p != '\0'; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr(" -._~", *p) != NULL)
			cf_buf_putc(&b, (char)*p);
		else
			cf_buf_printf(&b, "%%%02X", *p);
	cf_value_set_str(a, m, "watermark_svg", b.data);
	cf_buf_free(&b);
}

/*
 * The integrity note with its verify command set as code: in Markdown
 * between backticks, in HTML escaped around <code>.
 */
static void
integrity_value(struct cf_arena *a, struct cf_value *m,
    const struct cf_decl *d)
{
	const char	*form = cf_msg(d->loc, "decl_integrity");
	const char	*at = strstr(form, "{command}");
	const char	*cmd = cf_arena_printf(a, "cfgen verify "
	    "%s-declaration.json --base %s", d->id, cf_msg(d->loc,
	    "decl_folder"));
	const char	*pre, *post;
	struct cf_buf	 md, html;

	pre = at != NULL ? cf_arena_strndup(a, form, (size_t)(at - form)) :
	    form;
	post = at != NULL ? at + strlen("{command}") : "";
	cf_buf_init(&md);
	cf_escape_md(&md, pre);
	cf_buf_printf(&md, "`%s`", cmd);
	cf_escape_md(&md, post);
	cf_value_set_str(a, m, "integrity_md", md.data);
	cf_buf_free(&md);
	cf_buf_init(&html);
	cf_escape_html(&html, pre);
	cf_buf_printf(&html, "<code>");
	cf_escape_html(&html, cmd);
	cf_buf_printf(&html, "</code>");
	cf_escape_html(&html, post);
	cf_value_set_str(a, m, "integrity_html", html.data);
	cf_buf_free(&html);
}

/* Links as one line of Markdown, for the .md form. */
static void
links_md(struct cf_arena *a, const struct cf_value *root, struct cf_value *m,
    const struct cf_decl *d)
{
	const struct cf_manufacturer *mf = &d->resp->product.manufacturer;
	const struct cf_value	*mv;

	mv = cf_value_get(cf_value_get(cf_value_get(root, "product"),
	    "manufacturer"), "contact_href");
	if (mf->contact != NULL)
		cf_value_set_str(a, m, "contact_md", cf_rich_inline_cell(a,
		    cf_contact_text(mf->contact), mv != NULL ? mv->s : NULL));
	if (mf->url != NULL)
		cf_value_set_str(a, m, "url_md", cf_rich_inline_cell(a,
		    mf->url, mf->url));
	if (d->cat->url != NULL)
		cf_value_set_str(a, m, "catalogue_url_md",
		    cf_rich_inline_cell(a, d->cat->url, d->cat->url));
}

static struct cf_value *
na_value(struct cf_arena *a, const struct cf_decl_na *na)
{
	struct cf_value	*m = cf_value_map(a);
	struct cf_rich	 j;

	cf_rich_render(a, na->answer->justification, CF_RICH_HTML |
	    CF_RICH_MD, &j);
	cf_value_set_str(a, m, "id", na->req->id.s);
	cf_value_set_str(a, m, "section_id", na->req->section->id.s);
	cf_value_set_str(a, m, "category_code", na->category->code);
	cf_value_set_str(a, m, "category_title", na->category->title);
	cf_value_set_str(a, m, "code", na->answer->acode->code);
	cf_value_set_str(a, m, "title", na->answer->acode->title);
	cf_value_set_str(a, m, "justification_html", j.html);
	cf_value_set_str(a, m, "justification_md", j.md);
	cf_value_set_str(a, m, "justification_cell", j.cell);
	cf_value_set_str(a, m, "justification_more_md", j.more);
	return m;
}

/* An address as href (percent-encoded) and as Markdown, into m. */
static void
address_value(struct cf_arena *a, struct cf_value *m, const char *key,
    const char *url)
{
	char	*enc;

	cf_value_set_str(a, m, key, url);
	if (url == NULL || !cf_url_scheme_ok(url))
		return;
	enc = cf_url_encode(url);
	cf_value_set_str(a, m, cf_arena_printf(a, "%s_href", key), enc);
	free(enc);
	cf_value_set_str(a, m, cf_arena_printf(a, "%s_md", key),
	    cf_rich_inline_cell(a, url, url));
}

/* The QR code of the published address, as inline SVG (signing.md). */
static void
qr_value(struct cf_arena *a, struct cf_value *m, const char *url)
{
	struct cf_qr	 qr;
	struct cf_buf	 svg;

	if (url == NULL || cf_qr_encode(url, &qr) != 0)
		return;
	cf_buf_init(&svg);
	cf_qr_svg(&qr, 132, &svg);
	cf_value_set_str(a, m, "published_qr_svg", svg.data);
	cf_buf_free(&svg);
	cf_qr_free(&qr);
}

/*
 * The regulatory content of `declaration:` (responses.md, 0.2), each
 * part absent when not given, so a template leaves it out cleanly.
 */
static void
regulatory_value(struct cf_arena *a, struct cf_value *m,
    const struct cf_decl *d)
{
	const struct cf_declaration	*dc = &d->resp->decl;
	struct cf_value			*list, *item;
	struct cf_msg			 msg;
	size_t				 i;

	address_value(a, m, "published_url", dc->url);
	qr_value(a, m, dc->url);
	cf_value_set_str(a, m, "identification", dc->identification);
	cf_value_set_bool(a, m, "has_legislation", dc->nlegislation > 0);
	cf_msg_init(&msg, CF_MSG_DECL_LEGISLATION);
	cf_value_set_str(a, m, "legislation_lead",
	    cf_msg_str_in(a, d->loc, &msg));
	list = cf_value_set(a, m, "legislation", cf_value_list(a));
	for (i = 0; i < dc->nlegislation; i++) {
		item = cf_value_push(a, list, cf_value_map(a));
		cf_value_set_str(a, item, "title", dc->legislation[i].title);
		cf_value_set_str(a, item, "reference",
		    dc->legislation[i].reference);
	}
	cf_value_set_bool(a, m, "has_standards", dc->nstandards > 0);
	cf_msg_init(&msg, CF_MSG_DECL_STANDARDS);
	cf_value_set_str(a, m, "standards_lead",
	    cf_msg_str_in(a, d->loc, &msg));
	list = cf_value_set(a, m, "standards", cf_value_list(a));
	for (i = 0; i < dc->nstandards; i++) {
		const struct cf_standard *st = &dc->standards[i];

		item = cf_value_push(a, list, cf_value_map(a));
		cf_value_set_str(a, item, "id", st->id);
		cf_value_set_str(a, item, "title", st->title);
		cf_value_set_str(a, item, "version", st->version);
		cf_value_set_str(a, item, "date", st->date);
		cf_value_set_bool(a, item, "harmonised", st->harmonised == 1);
		cf_value_set_bool(a, item, "not_harmonised",
		    st->harmonised == 0);
	}
	cf_value_set_str(a, m, "procedure", dc->procedure);
	if (dc->notified_body.name != NULL) {
		item = cf_value_set(a, m, "notified_body", cf_value_map(a));
		cf_value_set_str(a, item, "name", dc->notified_body.name);
		cf_value_set_str(a, item, "number", dc->notified_body.number);
		cf_value_set_str(a, item, "certificate",
		    dc->notified_body.certificate);
	}
	cf_value_set_bool(a, m, "has_assessment", dc->procedure != NULL ||
	    dc->notified_body.name != NULL);
	if (dc->representative.name != NULL) {
		item = cf_value_set(a, m, "representative", cf_value_map(a));
		cf_value_set_str(a, item, "name", dc->representative.name);
		cf_value_set_str(a, item, "address",
		    dc->representative.address);
	}
}

/* The sentences of the simplified and PSTI forms. */
static void
forms_value(struct cf_arena *a, struct cf_value *m, const struct cf_decl *d)
{
	struct cf_value	*f;
	struct cf_msg	 m1, m2, m3;

	f = cf_value_set(a, m, "simplified", cf_value_map(a));
	cf_decl_simplified(d, a, &m1, &m2);
	cf_value_set_str(a, f, "statement",
	    cf_msg_str_in(a, d->loc, &m1));
	cf_value_set_str(a, f, "url_statement",
	    cf_msg_str_in(a, d->loc, &m2));
	f = cf_value_set(a, m, "psti", cf_value_map(a));
	cf_decl_psti(d, &m1, &m2, &m3);
	cf_value_set_str(a, f, "prepared",
	    cf_msg_str_in(a, d->loc, &m1));
	cf_value_set_str(a, f, "compliance",
	    cf_msg_str_in(a, d->loc, &m2));
	cf_value_set_str(a, f, "support",
	    cf_msg_str_in(a, d->loc, &m3));
}

struct cf_value *
cf_decl_view(struct cf_arena *a, const struct cf_decl *d,
    const struct cf_render_opts *opts)
{
	struct cf_view_spec	 spec = { 0 };
	struct cf_value		*root, *doc, *m, *list;
	struct cf_buf		 label;
	struct cf_msg		 msg;
	size_t			 i;

	spec.cat = d->cat;
	spec.resp = d->resp;
	spec.verdict = d->verdict;
	spec.kind = "declaration";
	spec.opts = opts;
	root = cf_view_new(a, &spec);
	doc = (struct cf_value *)cf_value_get(root, "document");
	cf_value_set_str(a, doc, "id", d->id);
	cf_value_set_str(a, doc, "title", cf_msg(d->loc,
	    "declaration_of_conformity"));

	m = cf_value_set(a, root, "declaration", cf_value_map(a));
	cf_value_set_str(a, m, "id", d->id);
	cf_value_set_bool(a, m, "draft", d->draft);
	cf_value_set_bool(a, m, "issued", !d->draft);
	cf_value_set_str(a, m, "watermark", d->draft ? cf_msg(d->loc,
	    "decl_watermark") : NULL);
	/* The HTML's style sheet draws it on a draft's page. */
	watermark_svg(a, m, cf_msg(d->loc, "decl_watermark"));
	cf_value_set_str(a, m, "responsibility",
	    cf_msg_str_in(a, d->loc, &d->responsibility));
	cf_value_set_str(a, m, "conformity",
	    cf_msg_str_in(a, d->loc, &d->conformity));
	cf_value_set_str(a, m, "basis",
	    cf_msg_str_in(a, d->loc, &d->basis));
	cf_value_set_str(a, m, "answer_key", cf_decl_answer_key(a, d));
	links_md(a, root, m, d);
	list = cf_value_set(a, m, "advisories", cf_value_list(a));
	for (i = 0; i < d->nadvisories; i++)
		cf_value_push(a, list, advisory_value(a, &d->advisories[i]));
	cf_value_set_bool(a, m, "has_advisories", d->nadvisories > 0);
	list = cf_value_set(a, m, "checklists", cf_value_list(a));
	cf_buf_init(&label);
	for (i = 0; i < d->nchecklists; i++) {
		cf_value_push(a, list, cf_value_str(a, d->checklists[i]));
		cf_buf_printf(&label, "%s%s", i > 0 ? ", " : "",
		    d->checklists[i]);
	}
	cf_value_set_bool(a, m, "has_checklists", d->nchecklists > 0);
	cf_value_set_str(a, m, "checklists_label", label.data);
	cf_buf_free(&label);
	list = cf_value_set(a, m, "files", cf_value_list(a));
	for (i = 0; i < d->nfiles; i++)
		cf_value_push(a, list, file_value(a, d->loc,
		    &d->files[i]));
	signature_value(a, m, &d->resp->decl, d->loc);
	integrity_value(a, m, d);
	{
		const char *params[] = { "document", d->id, "generated",
		    cf_value_get(root, "generated")->s, "cfgen",
		    CFGEN_VERSION, NULL };

		cf_value_set_str(a, m, "number", cf_msgf(a, d->loc,
		    "decl_number", -1, params));
		cf_value_set_str(a, m, "footer", cf_msgf(a, d->loc,
		    "footer_document", -1, params));
	}
	{
		const char *params[] = { "document", d->id, "product",
		    d->resp->product.name, "catalogue", d->cat->title,
		    "version", d->cat->version, "class_id",
		    cf_arena_printf(a, "%ld", d->resp->claim.class_id), NULL };

		cf_value_set_str(a, m, "description", cf_msgf(a, d->loc,
		    "decl_description", -1, params));
	}
	cf_msg_init(&msg, CF_MSG_DECL_ADVISORIES_MET);
	cf_value_set_str(a, m, "advisories_met",
	    cf_msg_str_in(a, d->loc, &msg));
	cf_msg_init(&msg, CF_MSG_DECL_NO_SIGNATORY);
	cf_value_set_str(a, m, "no_signatory",
	    cf_msg_str_in(a, d->loc, &msg));
	cf_msg_init(&msg, CF_MSG_DECL_NO_NOTE);
	cf_value_set_str(a, m, "no_note", cf_msg_str_in(a, d->loc, &msg));
	cf_msg_init(&msg, CF_MSG_DECL_FINDINGS);
	msg.count = (long)d->verdict->nblockers;
	cf_value_set_str(a, m, "findings_lead",
	    cf_msg_str_in(a, d->loc, &msg));
	list = cf_value_set(a, m, "not_applicable", cf_value_list(a));
	for (i = 0; i < d->nnas; i++)
		cf_value_push(a, list, na_value(a, &d->nas[i]));
	cf_value_set_bool(a, m, "has_not_applicable", d->nnas > 0);
	cf_msg_init(&msg, CF_MSG_DECL_NOT_APPLICABLE);
	msg.count = (long)d->nnas;
	cf_value_set_str(a, m, "not_applicable_lead",
	    cf_msg_str_in(a, d->loc, &msg));
	regulatory_value(a, m, d);
	forms_value(a, m, d);
	return root;
}
