/*
 * test_declaration.c -- the declaration's content (declaration.h), its
 * JSON form read back with a real parser and held against the documented
 * schema and example, drafts, hostile text, and the recorded paths.
 */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "declaration.h"
#include "diag.h"
#include "gate.h"
#include "hash.h"
#include "inputs.h"
#include "render.h"

#include "fixture.h"

#define SHIPPED_CAT	"catalogue/iotsf-cf/1.0.yaml"
#define GENERATED	1795305600	/* 2026-11-22 */

/* A statement's English sentence (wording.h); the test's memory leaks. */
static const char *
said(const struct cf_msg *m)
{
	static struct cf_arena	 a;
	static bool		 init;

	if (!init) {
		cf_arena_init(&a);
		init = true;
	}
	return cf_msg_str(&a, m);
}

static const char *const exts[] = { "md", "html", "pdf", NULL };

/* Inputs loaded and gated, a declaration built from them. */
struct env {
	struct cf_inputs	 in;
	struct cf_verdict	 v;
	struct cf_decl		 d;
	struct cf_render_opts	 opts;
	struct capture		 cap;
	char			*diags;
};

static void
env_open(struct env *e, const char *cat, const char *resp)
{
	char	*paths[1];

	memset(e, 0, sizeof(*e));
	ck_assert_int_eq(chdir(CFGEN_SOURCE_DIR), 0);
	paths[0] = (char *)resp;
	capture_start(&e->cap);
	ck_assert_msg(cf_inputs_load(&e->in, cat, paths, 1), "inputs invalid");
	cf_gate(e->in.cat, e->in.resp[0], &e->v);
	e->opts.generated = GENERATED;
	ck_assert_int_eq(cf_decl_build(e->in.cat, e->in.resp[0], &e->v, exts,
	    &e->opts, &e->d), 0);
}

static void
env_close(struct env *e)
{
	free(capture_end(&e->cap));
	cf_decl_free(&e->d);
	cf_verdict_free(&e->v);
	cf_inputs_free(&e->in);
}

static char *
render(const struct env *e, int (*fn)(const struct cf_decl *,
    const struct cf_render_opts *, struct cf_buf *))
{
	struct cf_buf	 out;

	cf_buf_init(&out);
	ck_assert_int_eq(fn(&e->d, &e->opts, &out), 0);
	ck_assert_ptr_nonnull(out.data);
	return cf_buf_detach(&out);
}

static json_t *
render_json(const struct env *e)
{
	json_error_t	 err;
	json_t		*root;
	char		*s = render(e, cf_render_declaration_json);

	root = json_loads(s, JSON_REJECT_DUPLICATES, &err);
	ck_assert_msg(root != NULL, "JSON does not parse: %s (line %d)",
	    err.text, err.line);
	free(s);
	return root;
}

static const struct cf_decl_file *
file_named(const struct cf_decl *d, const char *path)
{
	size_t	 i;

	for (i = 0; i < d->nfiles; i++)
		if (strcmp(d->files[i].path, path) == 0)
			return &d->files[i];
	return NULL;
}

/* ---- content ---- */

START_TEST(test_acme_content)
{
	struct env			 e;
	const struct cf_decl		*d = &e.d;
	const struct cf_decl_file	*f;
	char				 hex[CF_SHA256_HEX];

	env_open(&e, SHIPPED_CAT, "responses/acme-sc200.yaml");
	ck_assert(e.v.can_issue);
	ck_assert(!d->draft);
	ck_assert_str_eq(d->id, "acme-sc200-r3-iotsf-cf-1.0");
	ck_assert_str_eq(d->generated, "2026-11-22");
	ck_assert_int_eq(d->cls->id, 2);
	ck_assert_str_eq(d->applic->code, "consumer");
	ck_assert_str_eq(said(&d->responsibility), "This declaration of conformity "
	    "is issued under the sole responsibility of the manufacturer.");
	ck_assert_str_eq(said(&d->conformity), "The product described above meets "
	    "every applicable mandatory requirement of the catalogue IoT "
	    "Security Compliance Framework, release 1.0 (IoT Security "
	    "Foundation, 2016-12-05), for compliance class 2 and "
	    "applicability Consumer.");	/* the title, "Class 2", says it already */
	ck_assert_str_eq(said(&d->basis), "It rests on the manufacturer's "
	    "responses, revision 3 of 2026-11-20, which answer all 10 "
	    "requirements applicable to this claim, and on the evidence they "
	    "cite.");

	/* C, PC, N, NA in catalogue order. */
	ck_assert_uint_eq(d->applicable, 10);
	ck_assert_uint_eq(d->not_assessed, 0);
	ck_assert_uint_eq(d->by_code[0], 9);
	ck_assert_uint_eq(d->by_code[1], 0);
	ck_assert_uint_eq(d->by_code[2], 1);
	ck_assert_uint_eq(d->by_code[3], 0);

	ck_assert_uint_eq(d->nadvisories, 1);
	ck_assert_str_eq(d->advisories[0].req->id.s, "2.3.1.4");
	ck_assert_str_eq(d->advisories[0].answer->acode->code, "N");
	ck_assert_str_eq(d->advisories[0].category->code, "A");
	ck_assert_ptr_nonnull(strstr(d->advisories[0].answer->note,
	    "Cyber Essentials certification is scheduled"));

	ck_assert_uint_eq(d->nchecklists, 3);
	ck_assert_str_eq(d->checklists[0],
	    "acme-sc200-r3-iotsf-cf-1.0-checklist.md");
	ck_assert_str_eq(d->checklists[2],
	    "acme-sc200-r3-iotsf-cf-1.0-checklist.pdf");

	/* Catalogue, responses, then 7 evidence files sorted, each once. */
	ck_assert_uint_eq(d->nfiles, 9);
	ck_assert_int_eq(d->files[0].role, CF_DECL_CATALOGUE);
	ck_assert_str_eq(d->files[0].path, "../catalogue/iotsf-cf/1.0.yaml");
	ck_assert_int_eq(cf_sha256_file(SHIPPED_CAT, hex), 0);
	ck_assert_str_eq(d->files[0].sha256, hex);
	ck_assert_int_eq(d->files[1].role, CF_DECL_RESPONSES);
	ck_assert_str_eq(d->files[1].path, "acme-sc200.yaml");
	ck_assert_int_eq(cf_sha256_file("responses/acme-sc200.yaml", hex), 0);
	ck_assert_str_eq(d->files[1].sha256, hex);
	ck_assert_str_eq(d->files[2].path,
	    "evidence/acme-sc200/board-minutes-2026-03.md");
	ck_assert_str_eq(d->files[8].path,
	    "evidence/acme-sc200/vulnerability-handling.md");
	f = file_named(d, "evidence/acme-sc200/security-process-manual.md");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->role, CF_DECL_EVIDENCE);
	ck_assert_uint_eq(f->nreqs, 2);
	ck_assert_str_eq(f->reqs[0], "2.3.1.3");
	ck_assert_str_eq(f->reqs[1], "2.3.1.6");
	ck_assert_int_eq(cf_sha256_file("responses/evidence/acme-sc200/"
	    "security-process-manual.md", hex), 0);
	ck_assert_str_eq(f->sha256, hex);

	ck_assert_str_eq(cf_decl_filename(&e.d, "json", false),
	    "acme-sc200-r3-iotsf-cf-1.0-declaration.json");
	ck_assert_str_eq(cf_decl_filename(&e.d, "pdf", true),
	    "acme-sc200-r3-iotsf-cf-1.0-declaration-DRAFT.pdf");
	env_close(&e);
}
END_TEST

START_TEST(test_brightwell_content)
{
	struct env	 e;

	env_open(&e, SHIPPED_CAT, "responses/brightwell-t1.yaml");
	ck_assert(!e.d.draft);
	ck_assert_str_eq(e.d.id, "brightwell-t1-r1-iotsf-cf-1.0");
	ck_assert_ptr_null(e.d.applic);
	ck_assert_ptr_null(strstr(said(&e.d.conformity), "applicability"));
	ck_assert_ptr_nonnull(strstr(said(&e.d.conformity),
	    "for compliance class 1."));
	ck_assert_uint_eq(e.d.applicable, 7);
	ck_assert_uint_eq(e.d.by_code[0], 6);
	ck_assert_uint_eq(e.d.by_code[3], 1);	/* NA, justified */
	ck_assert_uint_eq(e.d.nadvisories, 0);
	ck_assert_uint_eq(e.d.nfiles, 5);
	env_close(&e);
}
END_TEST

/* ---- the JSON form ---- */

static void
assert_keys(json_t *obj, const char *where, const char *const *want)
{
	const char	*key;
	json_t		*val;
	size_t		 i = 0;

	ck_assert_msg(json_is_object(obj), "%s is not an object", where);
	json_object_foreach(obj, key, val) {
		(void)val;
		ck_assert_msg(want[i] != NULL, "%s: unexpected key '%s'",
		    where, key);
		ck_assert_msg(strcmp(key, want[i]) == 0, "%s: key %zu is "
		    "'%s', want '%s'", where, i, key, want[i]);
		i++;
	}
	ck_assert_msg(want[i] == NULL, "%s: missing key '%s'", where, want[i]);
}

#define KEYS(...)	((const char *const []){ __VA_ARGS__, NULL })

START_TEST(test_json_schema)
{
	struct env	 e;
	json_t		*root, *files, *f, *sec;
	size_t		 i;

	env_open(&e, SHIPPED_CAT, "responses/acme-sc200.yaml");
	root = render_json(&e);
	assert_keys(root, "root", KEYS("schema", "id", "draft", "lang",
	    "blockers", "generator", "manufacturer", "representative", "product",
	    "catalogue", "claim", "responses", "statements", "legislation",
	    "standards", "conformity_assessment", "summary",
	    "advisory_not_met", "not_applicable", "references", "integrity",
	    "signature", "forms"));
	ck_assert_str_eq(json_string_value(json_object_get(root, "schema")),
	    "cfgen/declaration/1");
	ck_assert_str_eq(json_string_value(json_object_get(root, "id")),
	    "acme-sc200-r3-iotsf-cf-1.0");
	ck_assert(json_is_false(json_object_get(root, "draft")));
	ck_assert_uint_eq(json_array_size(json_object_get(root, "blockers")),
	    0);
	assert_keys(json_object_get(root, "generator"), "generator",
	    KEYS("name", "version", "generated"));
	assert_keys(json_object_get(root, "manufacturer"), "manufacturer",
	    KEYS("name", "address", "contact", "url"));
	assert_keys(json_object_get(root, "product"), "product",
	    KEYS("id", "name", "model", "version", "description",
	    "support_until", "identification"));
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    root, "product"), "support_until")), "2030-12-31");
	assert_keys(json_object_get(root, "catalogue"), "catalogue",
	    KEYS("id", "title", "publisher", "version", "released", "url",
	    "notice"));
	assert_keys(json_object_get(root, "claim"), "claim",
	    KEYS("class", "class_title", "class_description", "applicability",
	    "applicability_title"));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    root, "claim"), "class")), 2);
	assert_keys(json_object_get(root, "responses"), "responses",
	    KEYS("revision", "date"));
	assert_keys(json_object_get(root, "statements"), "statements",
	    KEYS("responsibility", "conformity", "basis"));
	assert_keys(json_object_get(root, "summary"), "summary",
	    KEYS("codes", "sections", "total"));
	sec = json_array_get(json_object_get(json_object_get(root, "summary"),
	    "sections"), 0);
	assert_keys(sec, "summary.sections[0]", KEYS("id", "title",
	    "applicable", "answers", "not_assessed"));
	assert_keys(json_object_get(sec, "answers"), "answers",
	    KEYS("C", "PC", "N", "NA"));
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    sec, "answers"), "N")), 1);
	assert_keys(json_object_get(json_object_get(root, "summary"), "total"),
	    "summary.total", KEYS("applicable", "answers", "not_assessed"));
	assert_keys(json_array_get(json_object_get(root, "advisory_not_met"),
	    0), "advisory_not_met[0]", KEYS("requirement", "section",
	    "category", "answer", "answer_title", "note"));
	assert_keys(json_object_get(root, "references"), "references",
	    KEYS("catalogue", "checklists", "published_url"));
	assert_keys(json_object_get(root, "integrity"), "integrity",
	    KEYS("algorithm", "base", "files"));
	files = json_object_get(json_object_get(root, "integrity"), "files");
	ck_assert_uint_eq(json_array_size(files), 9);
	json_array_foreach(files, i, f) {
		if (i < 2)
			assert_keys(f, "integrity.files[]", KEYS("role", "path",
			    "sha256"));
		else
			assert_keys(f, "integrity.files[]", KEYS("role", "path",
			    "sha256", "requirements"));
		ck_assert_uint_eq(strlen(json_string_value(json_object_get(f,
		    "sha256"))), 64);
	}
	assert_keys(json_object_get(root, "signature"), "signature",
	    KEYS("place", "date", "name", "role"));
	json_decref(root);
	env_close(&e);
}
END_TEST

/* Same keys in the same order and the same kinds of value, throughout. */
static void
assert_same_shape(json_t *a, json_t *b, const char *where)
{
	const char	*key;
	json_t		*va;
	size_t		 i;

	ck_assert_msg(json_typeof(a) == json_typeof(b) ||
	    (json_is_boolean(a) && json_is_boolean(b)),
	    "%s: type differs", where);
	if (json_is_object(a)) {
		void *it = json_object_iter(b);

		json_object_foreach(a, key, va) {
			ck_assert_msg(it != NULL && strcmp(key,
			    json_object_iter_key(it)) == 0,
			    "%s: key '%s' out of place", where, key);
			assert_same_shape(va, json_object_iter_value(it), key);
			it = json_object_iter_next(b, it);
		}
		ck_assert_msg(it == NULL, "%s: extra keys", where);
	} else if (json_is_array(a)) {
		ck_assert_uint_eq(json_array_size(a), json_array_size(b));
		json_array_foreach(a, i, va)
			assert_same_shape(va, json_array_get(b, i), where);
	}
}

/* The documented example is what cfgen writes for the shipped example. */
START_TEST(test_json_example)
{
	struct env	 e;
	json_error_t	 err;
	json_t		*got, *doc;

	env_open(&e, SHIPPED_CAT, "responses/acme-sc200.yaml");
	got = render_json(&e);
	doc = json_load_file("doc/declaration-example.json",
	    JSON_REJECT_DUPLICATES, &err);
	ck_assert_msg(doc != NULL, "doc/declaration-example.json: %s",
	    err.text);
	assert_same_shape(doc, got, "root");
	/* Equal but for the generator's version, which moves on. */
	json_object_del(json_object_get(doc, "generator"), "version");
	json_object_del(json_object_get(got, "generator"), "version");
	ck_assert_msg(json_equal(doc, got), "doc/declaration-example.json is "
	    "out of date: rebuild it from responses/acme-sc200.yaml");
	json_decref(doc);
	json_decref(got);
	env_close(&e);
}
END_TEST

/* ---- the forms of a refused declaration, with hostile text ---- */

static char *
slurp(const char *path)
{
	struct cf_buf	 b;
	char		 chunk[4096];
	size_t		 n;
	FILE		*f = fopen(path, "rb");

	ck_assert_ptr_nonnull(f);
	cf_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		cf_buf_put(&b, chunk, n);
	fclose(f);
	return cf_buf_detach(&b);
}

#define HOSTILE_RESPONSES \
	"schema: cfgen/responses/1\n" \
	"catalogue: iotsf-cf\n" \
	"version: \"1.0\"\n" \
	"revision: 4\n" \
	"date: 2026-11-20\n" \
	"product:\n" \
	"  id: evil\n" \
	"  name: \"<script>alert(1)</script> | *Cam*\"\n" \
	"  description: \"Raw <img src=x onerror=alert(2)> and " \
	"[link](javascript:alert(3))\"\n" \
	"  manufacturer:\n" \
	"    name: \"Evil <b>Corp</b>\"\n" \
	"    address: \"1 Main St\"\n" \
	"    url: \"https://evil.example/\\\"><script>alert(4)</script>\"\n" \
	"claim:\n" \
	"  class: 2\n" \
	"answers:\n" \
	"  \"2.3.1.1\": { answer: C, evidence: [ev/a.md] }\n" \
	"  \"2.3.1.2\": { answer: C, evidence: [ev/a.md, ev/b.md] }\n" \
	"  \"2.3.1.4\": { answer: N, note: \"Later <b>bold</b> on\" }\n" \
	"  \"2.3.1.6\": { answer: PC }\n"

static void
hostile_env(struct env *e, struct fixture *fx, bool decl)
{
	char	*cat, *text, *resp;

	fixture_init(fx);
	text = slurp(CFGEN_SOURCE_DIR "/" SHIPPED_CAT);
	cat = fixture_write(fx, "cat/1.0.yaml", text);
	free(text);
	free(fixture_write(fx, "resp/ev/a.md", "a\n"));
	free(fixture_write(fx, "resp/ev/b.md", "b\n"));
	text = fixture_fmt("%s%s", HOSTILE_RESPONSES, decl ? "declaration:\n"
	    "  signatory: { name: \"<i>J</i>\", role: CEO }\n"
	    "  place: Bristol\n  date: 2026-11-21\n" : "");
	resp = fixture_write(fx, "resp/evil.yaml", text);
	free(text);
	env_open(e, cat, resp);
	free(cat);
	free(resp);
}

START_TEST(test_draft_forms)
{
	static const char *const kinds[] = { "not-assessed", "no-note",
	    "no-declaration" };
	struct fixture	 fx;
	struct env	 e;
	json_t		*root, *bl;
	char		*md, *html;
	size_t		 i, j;
	bool		 seen;

	hostile_env(&e, &fx, false);
	ck_assert(!e.v.can_issue);
	ck_assert(e.d.draft);
	ck_assert_str_eq(cf_decl_filename(&e.d, "md", e.d.draft),
	    "evil-r4-iotsf-cf-1.0-declaration-DRAFT.md");

	md = render(&e, cf_render_declaration_md);
	ck_assert_msg(strncmp(md, "> **" CF_DECL_WATERMARK "**\n", 4 +
	    strlen(CF_DECL_WATERMARK) + 3) == 0, "Markdown starts:\n%.200s",
	    md);
	ck_assert_ptr_nonnull(strstr(md, "> - requirement 2.3.1.3 is "
	    "applicable but not answered\n"));
	ck_assert_ptr_nonnull(strstr(md, "*No signatory is named"));
	ck_assert_ptr_null(strstr(md, "<script>"));
	/* An unsafe address may show as text, never as a link. */
	ck_assert_ptr_null(strstr(md, "](javascript:"));
	ck_assert_ptr_null(strstr(md, "<javascript:"));

	html = render(&e, cf_render_declaration_html);
	ck_assert_ptr_nonnull(strstr(html, "<div class=\"draft-banner\" "
	    "role=\"alert\">\n<strong>" CF_DECL_WATERMARK "</strong>"));
	ck_assert_ptr_nonnull(strstr(html, "<body class=\"draft\">"));
	ck_assert(strstr(html, CF_DECL_WATERMARK) < strstr(html, "<h1>"));
	ck_assert_ptr_null(strstr(html, "<script>"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "href=\"javascript:"));
	ck_assert_ptr_nonnull(strstr(html, "&lt;script&gt;alert(1)"));

	root = render_json(&e);
	ck_assert(json_is_true(json_object_get(root, "draft")));
	ck_assert(json_is_null(json_object_get(root, "signature")));
	bl = json_object_get(root, "blockers");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		seen = false;
		for (j = 0; j < json_array_size(bl); j++)
			seen |= strcmp(json_string_value(json_object_get(
			    json_array_get(bl, j), "kind")), kinds[i]) == 0;
		ck_assert_msg(seen, "no blocker of kind %s", kinds[i]);
	}
	/* The note is md: its raw HTML is escaped text here too. */
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(
	    json_object_get(root, "advisory_not_met"), 0), "note")),
	    "Later \\<b\\>bold\\</b\\> on");
	ck_assert(json_is_null(json_object_get(json_array_get(json_object_get(
	    root, "advisory_not_met"), 1), "note")));
	json_decref(root);
	free(md);
	free(html);
	env_close(&e);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_pdf_forms)
{
	struct fixture	 fx;
	struct env	 e;
	struct cf_buf	 out;

	hostile_env(&e, &fx, true);
	cf_buf_init(&out);
	ck_assert_int_eq(cf_render_declaration_pdf(&e.d, &e.opts, &out), 0);
	ck_assert_uint_gt(out.len, 1000);
	ck_assert_int_eq(memcmp(out.data, "%PDF-", 5), 0);
	cf_buf_free(&out);
	env_close(&e);
	fixture_free(&fx);
}
END_TEST

/* ---- recorded paths ---- */

START_TEST(test_absolute_catalogue)
{
	struct fixture	 fx;
	struct env	 e;

	/* Given as an absolute path, recorded relative all the same. */
	hostile_env(&e, &fx, true);
	ck_assert_str_eq(e.d.files[0].path, "../cat/1.0.yaml");
	ck_assert_str_eq(e.d.files[1].path, "evil.yaml");
	ck_assert_str_eq(e.d.files[2].path, "ev/a.md");
	ck_assert_uint_eq(e.d.files[2].nreqs, 2);
	ck_assert_str_eq(e.d.files[3].path, "ev/b.md");
	ck_assert_uint_eq(e.d.nfiles, 4);
	env_close(&e);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_relpath)
{
	struct fixture	 fx;
	struct cf_arena	 a;
	char		*abs;

	fixture_init(&fx);
	free(fixture_write(&fx, "a/b/r.yaml", ""));
	free(fixture_write(&fx, "c/cat.yaml", ""));
	ck_assert_int_eq(chdir(fx.dir), 0);
	cf_arena_init(&a);
	ck_assert_str_eq(cf_decl_relpath(&a, "a/b/r.yaml", "c/cat.yaml"),
	    "../../c/cat.yaml");
	ck_assert_str_eq(cf_decl_relpath(&a, "a/b/r.yaml", "a/b/r.yaml"),
	    "r.yaml");
	ck_assert_str_eq(cf_decl_relpath(&a, "./a/b/../b/r.yaml",
	    "c/./cat.yaml"), "../../c/cat.yaml");
	ck_assert_str_eq(cf_decl_relpath(&a, "a/b/r.yaml", "a/x.yaml"),
	    "../x.yaml");
	ck_assert_str_eq(cf_decl_relpath(&a, "c/cat.yaml", "a/b/r.yaml"),
	    "../a/b/r.yaml");
	ck_assert_str_eq(cf_decl_relpath(&a, "x.yaml", "c/cat.yaml"),
	    "c/cat.yaml");
	abs = fixture_fmt("%s/c/cat.yaml", fx.dir);
	ck_assert_str_eq(cf_decl_relpath(&a, "a/b/r.yaml", abs),
	    "../../c/cat.yaml");
	free(abs);
	abs = fixture_fmt("%s/a/b/r.yaml", fx.dir);
	ck_assert_str_eq(cf_decl_relpath(&a, abs, "c/cat.yaml"),
	    "../../c/cat.yaml");
	free(abs);
	ck_assert_ptr_null(cf_decl_relpath(&a, "nope/r.yaml", "c/cat.yaml"));
	ck_assert_int_eq(errno, ENOENT);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

/* Evidence that vanished after validation cannot be hashed: exit 4. */
START_TEST(test_evidence_gone)
{
	struct fixture	 fx;
	struct env	 e;
	struct cf_decl	 d;
	char		*gone, *diags;

	hostile_env(&e, &fx, true);
	gone = fixture_fmt("%s/resp/ev/b.md", fx.dir);
	ck_assert_int_eq(unlink(gone), 0);
	free(capture_end(&e.cap));
	capture_start(&e.cap);
	ck_assert_int_eq(cf_decl_build(e.in.cat, e.in.resp[0], &e.v, exts,
	    &e.opts, &d), -1);
	cf_decl_free(&d);
	diags = capture_end(&e.cap);
	ck_assert_ptr_nonnull(strstr(diags, "/resp/ev/b.md: error: cannot "
	    "read evidence file to hash it: No such file or directory"));
	ck_assert_int_eq(cf_diag_exit(), CF_EXIT_OS);
	free(diags);
	free(gone);
	capture_start(&e.cap);
	env_close(&e);
	fixture_free(&fx);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("declaration");
	TCase	*tc = tcase_create("declaration");

	tcase_add_test(tc, test_acme_content);
	tcase_add_test(tc, test_brightwell_content);
	tcase_add_test(tc, test_json_schema);
	tcase_add_test(tc, test_json_example);
	tcase_add_test(tc, test_draft_forms);
	tcase_add_test(tc, test_pdf_forms);
	tcase_add_test(tc, test_absolute_catalogue);
	tcase_add_test(tc, test_relpath);
	tcase_add_test(tc, test_evidence_gone);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	return fixture_run(suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
