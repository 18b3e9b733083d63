/*
 * test_render.c -- rich text safety, the template view, and the Markdown
 * and HTML renderers over a model built by hand (no YAML involved), with
 * hostile text in every field a catalogue or responses author controls.
 */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fixture.h"
#include "gate.h"
#include "model.h"
#include "render.h"
#include "richtext.h"
#include "value.h"
#include "view.h"

#define HOSTILE_TEXT \
	"Keep <script>alert(1)</script> out, <img src=x onerror=alert(2)> " \
	"too, [click](javascript:alert(3)) and {{mustache}} | pipes.\n\n" \
	"# A heading\n\n- one | two\n- three"
#define HOSTILE_NOTE \
	"Note {{#x}}braces{{/x}} <img src=y onerror=alert(4)> a|b " \
	"[ok](https://acme.example/a_b) [bad](vbscript:msgbox)"
#define HOSTILE_NAME	"<b>Evil</b> | {{name}}"

/* ---- rich text ---- */

START_TEST(test_url_ok)
{
	ck_assert(cf_url_scheme_ok("https://example.org/x"));
	ck_assert(cf_url_scheme_ok("HTTP://example.org"));
	ck_assert(cf_url_scheme_ok("mailto:a@b.example"));
	ck_assert(cf_url_scheme_ok("relative/path.html"));
	ck_assert(cf_url_scheme_ok("#fragment"));
	ck_assert(cf_url_scheme_ok("?q=a:b"));
	ck_assert(cf_url_scheme_ok(""));
	ck_assert(!cf_url_scheme_ok("javascript:alert(1)"));
	ck_assert(!cf_url_scheme_ok("JaVaScRiPt:alert(1)"));
	ck_assert(!cf_url_scheme_ok(" javascript:alert(1)"));
	ck_assert(!cf_url_scheme_ok("java\tscript:alert(1)"));
	ck_assert(!cf_url_scheme_ok("java\nscript:alert(1)"));
	ck_assert(!cf_url_scheme_ok("vbscript:x"));
	ck_assert(!cf_url_scheme_ok("data:text/html,<script>"));
	ck_assert(!cf_url_scheme_ok("file:///etc/passwd"));
	ck_assert(!cf_url_scheme_ok("ftp://example.org"));
	ck_assert(!cf_url_scheme_ok("httpsx://example.org"));
}
END_TEST

/* No attribute anywhere points at a script scheme or loads anything. */
static void
assert_no_bad_links(const char *html)
{
	static const char *const bad[] = { "href=\"javascript",
	    "href=\"vbscript", "href=\"data:", "href=\"file:", "src=\"" };
	char	*low = strdup(html), *p;
	size_t	 i;

	for (p = low; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p += 'a' - 'A';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strstr(low, bad[i]) == NULL, "found %s", bad[i]);
	free(low);
}

/* Markup in Markdown is live unless its '<' is escaped. */
static bool
md_has_live(const char *md, const char *tag)
{
	const char	*p;

	for (p = md; (p = strstr(p, tag)) != NULL; p++)
		if (p == md || p[-1] != '\\')
			return true;
	return false;
}

static void
render_rich(struct cf_arena *a, const char *md, struct cf_rich *r)
{
	cf_arena_init(a);
	cf_rich_render(a, md, CF_RICH_HTML | CF_RICH_MD, r);
}

/* Raw HTML reads as the text it is, in every form, and is never live. */
START_TEST(test_rich_raw_html_shown)
{
	struct cf_arena	 a;
	struct cf_rich	 r;

	render_rich(&a, HOSTILE_TEXT "\n\n<div onclick=\"x()\">block</div>\n"
	    "\nthe <Ctrl> + <Alt> + <Del> keys", &r);
	ck_assert_ptr_null(strstr(r.html, "<script"));
	ck_assert_ptr_null(strstr(r.html, "<img"));
	ck_assert_ptr_null(strstr(r.html, "<div"));
	ck_assert_ptr_null(strstr(r.html, "<ctrl"));
	ck_assert_ptr_null(strstr(r.html, "<Ctrl"));
	ck_assert_ptr_nonnull(strstr(r.html, "&lt;script&gt;alert(1)"
	    "&lt;/script&gt;"));
	ck_assert_ptr_nonnull(strstr(r.html, "&lt;img src=x "
	    "onerror=alert(2)&gt;"));
	ck_assert_ptr_nonnull(strstr(r.html, "<p>&lt;div onclick=&quot;x()"
	    "&quot;&gt;block&lt;/div&gt;</p>"));
	ck_assert_ptr_nonnull(strstr(r.html, "the &lt;Ctrl&gt; + &lt;Alt&gt; "
	    "+ &lt;Del&gt; keys"));
	ck_assert(!md_has_live(r.md, "<script"));
	ck_assert(!md_has_live(r.md, "<img"));
	ck_assert(!md_has_live(r.md, "<div"));
	ck_assert(!md_has_live(r.md, "<Ctrl"));
	ck_assert_ptr_nonnull(strstr(r.md, "the \\<Ctrl\\> + \\<Alt\\> + "
	    "\\<Del\\> keys"));
	ck_assert(!md_has_live(r.cell, "<script"));
	ck_assert_ptr_nonnull(strstr(r.cell, "\\<script\\>"));
	/* Text around the markup survives; braces are plain text. */
	ck_assert_ptr_nonnull(strstr(r.html, "Keep "));
	ck_assert_ptr_nonnull(strstr(r.html, "{{mustache}}"));
	ck_assert_ptr_nonnull(strstr(r.md, "{{mustache}}"));
	cf_arena_free(&a);
}
END_TEST

START_TEST(test_rich_links)
{
	struct cf_arena	 a;
	struct cf_rich	 r;

	render_rich(&a, "[js](javascript:alert(1)) [JS](JAVASCRIPT:x) "
	    "[tab](java&#x09;script:y) [vb](vbscript:z) [data](data:text/"
	    "html;base64,PHNjcmlwdD4=) <javascript:alert(5)> "
	    "[web](https://a.example/p) [mail](mailto:x@a.example) "
	    "[rel](other.html#s) [frag](#req-1) ![alt *text*](https://a."
	    "example/i.png) ![pic](javascript:alert(6))", &r);
	assert_no_bad_links(r.html);
	ck_assert_ptr_null(strstr(r.html, "<img"));
	/* An unwrapped autolink leaves its address as harmless text. */
	ck_assert_ptr_nonnull(strstr(r.html, " javascript:alert(5) "));
	ck_assert_ptr_null(strstr(r.md, "vbscript"));
	ck_assert_ptr_null(strstr(r.md, "data:"));
	ck_assert_ptr_null(strstr(r.md, "]("
	    "javascript"));
	ck_assert_ptr_null(strstr(r.md, "!["));
	/* The link text of a dropped link stays; images are their alt. */
	ck_assert_ptr_nonnull(strstr(r.html, "js JS tab vb data"));
	ck_assert_ptr_nonnull(strstr(r.html, "alt text"));
	ck_assert_ptr_nonnull(strstr(r.html, " pic"));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "<a href=\"https://a.example/p\">web</a>"));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "<a href=\"mailto:x@a.example\">mail</a>"));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "<a href=\"other.html#s\">rel</a>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<a href=\"#req-1\">frag</a>"));
	ck_assert_ptr_nonnull(strstr(r.md, "[web](https://a.example/p)"));
	cf_arena_free(&a);
}
END_TEST

START_TEST(test_rich_blocks)
{
	struct cf_arena	 a;
	struct cf_rich	 r;

	render_rich(&a, "## Heading *em*\n\nPara with `code` and **strong**."
	    "\n\n- a\n  1. nested\n- b\n\n1. one\n\n- c\n\n> quote\n\n"
	    "```\ncode block\n```\n", &r);
	ck_assert_ptr_null(strstr(r.html, "<h2"));
	ck_assert_ptr_nonnull(strstr(r.html,
	    "<p><strong>Heading <em>em</em></strong></p>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<code>code</code>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<ol>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<blockquote>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<pre><code>code block"));
	ck_assert_ptr_nonnull(strstr(r.md, "**Heading *em***"));
	ck_assert_ptr_null(strstr(r.md, "##"));
	/* cmark separates adjacent lists with an HTML comment: not here. */
	ck_assert_ptr_null(strstr(r.md, "<!--"));
	cf_arena_free(&a);
}
END_TEST

/* Pipes not escaped by a backslash, i.e. cell boundaries. */
static int
cell_pipes(const char *line)
{
	int	 n = 0;
	size_t	 i;

	for (i = 0; line[i] != '\0' && line[i] != '\n'; i++)
		if (line[i] == '|' && (i == 0 || line[i - 1] != '\\'))
			n++;
	return n;
}

START_TEST(test_rich_cell)
{
	struct cf_arena	 a;
	struct cf_rich	 r;

	render_rich(&a, "a | b  \nhard break `span|pipe`\n\n- x|y\n- z\n\n"
	    "```\nc|d\ne\n```\n", &r);
	ck_assert_ptr_null(strchr(r.cell, '\n'));
	ck_assert_int_eq(cell_pipes(r.cell), 0);
	ck_assert_str_eq(r.cell, "a \\| b hard break `span\\|pipe`");
	/* What a cell cannot hold keeps its structure, for below the table. */
	ck_assert_ptr_nonnull(r.more);
	ck_assert_ptr_nonnull(strstr(r.more, "- x|y\n  - z"));
	ck_assert_ptr_nonnull(strstr(r.more, "``` text\nc|d\ne\n```"));
	ck_assert_ptr_null(strstr(r.more, "a | b"));
	cf_rich_render(&a, "only *one* paragraph", CF_RICH_HTML | CF_RICH_MD,
	    &r);
	ck_assert_str_eq(r.cell, "only *one* paragraph");
	ck_assert_ptr_null(r.more);
	cf_rich_render(&a, "- starts\n- with a list", CF_RICH_HTML |
	    CF_RICH_MD, &r);
	ck_assert_str_eq(r.cell, "");
	ck_assert_ptr_nonnull(strstr(r.more, "- starts"));
	ck_assert_str_eq(cf_rich_inline_cell(&a, "a|b", "https://x.example/"
	    "?q=1|2"), "[a\\|b](https://x.example/?q=1%7C2)");
	/* An address shown as itself must not become a raw-HTML autolink. */
	ck_assert_str_eq(cf_rich_inline_cell(&a, "https://x/\"><b>",
	    "https://x/\"><b>"), "[https://x/\"\\>\\<b\\>](https://x/"
	    "%22%3E%3Cb%3E)");
	ck_assert_str_eq(cf_rich_inline_cell(&a, "https://x/a b",
	    "https://x/a b"), "[https://x/a b](https://x/a%20b)");
	ck_assert_str_eq(cf_rich_inline_cell(&a, "dir/f_1.pdf", NULL),
	    "dir/f\\_1.pdf");
	ck_assert_str_eq(cf_rich_inline_cell(&a, "x", "javascript:y"), "x");
	ck_assert_str_eq(cf_rich_inline_cell(&a, "x",
	    "&#106;avascript:alert(1)"), "x");
	cf_arena_free(&a);
}
END_TEST

/* Schemes are judged on every form a reader may decode an address to. */
START_TEST(test_url_decoded)
{
	static const char *const bad[] = {
		"&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
		"javascript&colon;alert(1)", "javascript&amp;colon;alert(1)",
		"javascript&#58;alert(1)", "%6Aavascript:alert(1)",
		"javascript%3Aalert(1)", "javascript\\:alert(1)",
		"&Tab;javascript:alert(1)", "java&NewLine;script:alert(1)",
		"jav&#x61;script&colon;x", "&amp;#106;avascript:alert(1)",
		"%26%23106;avascript:alert(1)", "java\x01script:x",
		"&amp;amp;amp;amp;amp;amp;amp;amp;amp;amp;#106;avascript:x",
		"DATA&colon;text/html,x", "vbscript&#x3a;x" };
	char	*enc;
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(!cf_url_scheme_ok(bad[i]), "accepted %s", bad[i]);
	ck_assert(cf_url_scheme_ok("https://a.example/?q=&colon;&amp;x"));
	ck_assert(cf_url_scheme_ok("HTTP&#58;//a.example/"));
	ck_assert(cf_url_scheme_ok("mailto:a@b.example"));
	ck_assert(cf_url_scheme_ok("#req-1"));
	ck_assert(cf_url_scheme_ok("docs/x%20y.html"));
	enc = cf_url_encode("https://x/a b<c>\"|&amp;d&e=1&#58;");
	ck_assert_str_eq(enc, "https://x/a%20b%3Cc%3E%22%7C%26amp;d&e=1%26#58;");
	free(enc);
}
END_TEST

/* Each GFM construct, in each form. */
START_TEST(test_rich_gfm)
{
	struct cf_arena	 a;
	struct cf_rich	 r;

	render_rich(&a, "| A | B |\n| --- | ---: |\n| 1 | ~~2~~ |\n\n"
	    "- [ ] open\n- [x] done\n\nSee www.example.org and x[^n].\n\n"
	    "[^n]: The note.\n", &r);
	ck_assert_ptr_nonnull(strstr(r.html, "<table>\n<thead>\n<tr>\n"
	    "<th scope=\"col\">A</th>\n<th scope=\"col\" class=\"al-right\">"
	    "B</th>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<td class=\"al-right\"><del>2"
	    "</del></td>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<li><input type=\"checkbox\" "
	    "disabled> open</li>"));
	ck_assert_ptr_nonnull(strstr(r.html, "<input type=\"checkbox\" "
	    "checked disabled> done"));
	ck_assert_ptr_nonnull(strstr(r.html, "<a href=\"http://www.example."
	    "org\">www.example.org</a>"));
	/* Footnote ids carry the field's tag: two fields cannot collide. */
	ck_assert_ptr_null(strstr(r.html, "\"fn-n\""));
	ck_assert_ptr_nonnull(strstr(r.html, "href=\"#fn-"));
	ck_assert_ptr_null(strstr(r.html, " style="));
	ck_assert_ptr_nonnull(strstr(r.md, "| A | B |\n| --- | --: |\n"
	    "| 1 | ~~2~~ |"));
	ck_assert_ptr_nonnull(strstr(r.md, "- [ ] open\n- [x] done"));
	ck_assert_ptr_nonnull(strstr(r.md, "x\\[1\\]"));
	ck_assert_ptr_nonnull(strstr(r.md, "\\[1\\] The note."));
	ck_assert_ptr_null(strstr(r.md, "[^"));
	/* A table is a block: below the table row, not in its cell. */
	ck_assert_str_eq(r.cell, "");
	ck_assert_ptr_nonnull(strstr(r.more, "| 1 | ~~2~~ |"));
	cf_arena_free(&a);
}
END_TEST

/* A memo renders each form of a field once; closed, nothing is kept. */
START_TEST(test_rich_memo)
{
	struct cf_arena	 a;
	struct cf_rich	 r1, r2, r3;

	cf_arena_init(&a);
	cf_rich_memo_open(1 << 20);
	cf_rich_render(&a, "*x* and `y`", CF_RICH_HTML, &r1);
	ck_assert_ptr_null(r1.md);
	cf_rich_render(&a, "*x* and `y`", CF_RICH_HTML | CF_RICH_MD, &r2);
	ck_assert_ptr_eq(r1.html, r2.html);
	ck_assert_str_eq(r2.md, "*x* and `y`");
	cf_rich_render(&a, "*x* and `y`", CF_RICH_MD, &r3);
	ck_assert_ptr_eq(r2.md, r3.md);
	ck_assert_ptr_null(r3.html);
	cf_rich_memo_close();
	cf_rich_render(&a, "*x* and `y`", CF_RICH_HTML, &r3);
	ck_assert_str_eq(r3.html, "<p><em>x</em> and <code>y</code></p>");
	cf_arena_free(&a);
}
END_TEST

/*
 * Opened again under its bound, a memo keeps what it holds (a thread's
 * next job finds its fields rendered); past the bound it starts afresh.
 */
START_TEST(test_rich_memo_bound)
{
	struct cf_arena	 a;
	struct cf_rich	 r1, r2, r3;
	size_t		 held;

	cf_arena_init(&a);
	cf_rich_memo_open(1 << 20);
	ck_assert_uint_eq(cf_rich_memo_bytes(), 0);
	cf_rich_render(&a, "kept *here*", CF_RICH_HTML, &r1);
	held = cf_rich_memo_bytes();
	ck_assert_uint_gt(held, strlen("kept *here*"));
	cf_rich_memo_open(1 << 20);
	ck_assert_uint_eq(cf_rich_memo_bytes(), held);
	cf_rich_render(&a, "kept *here*", CF_RICH_HTML, &r2);
	ck_assert_ptr_eq(r1.html, r2.html);
	ck_assert_uint_eq(cf_rich_memo_bytes(), held);
	cf_rich_memo_open(held);
	ck_assert_uint_eq(cf_rich_memo_bytes(), 0);
	cf_rich_render(&a, "kept *here*", CF_RICH_HTML, &r3);
	ck_assert_str_eq(r3.html, "<p>kept <em>here</em></p>");
	cf_rich_memo_close();
	ck_assert_uint_eq(cf_rich_memo_bytes(), 0);
	cf_arena_free(&a);
}
END_TEST

/* How deep a field nests: what load.c bounds. */
START_TEST(test_rich_depth)
{
	struct cf_buf	 b;
	size_t		 i;

	ck_assert_uint_eq(cf_rich_depth(""), 0);
	ck_assert_uint_eq(cf_rich_depth("text"), 2);
	ck_assert_uint_eq(cf_rich_depth("- a\n  - b\n"), 6);
	cf_buf_init(&b);
	for (i = 0; i < 10000; i++)
		cf_buf_puts(&b, "*a **");
	cf_buf_puts(&b, "b");
	for (i = 0; i < 10000; i++)
		cf_buf_puts(&b, "** a*");
	ck_assert_uint_eq(cf_rich_depth(b.data), 20002);
	cf_buf_free(&b);
}
END_TEST

/* Pathological nesting must neither overflow the stack nor be slow. */
START_TEST(test_rich_deep)
{
	struct cf_arena	 a;
	struct cf_rich	 r;
	size_t		 i, n = 200000;
	char		*md = malloc(2 * n + 8);

	for (i = 0; i < n; i++) {
		md[2 * i] = '>';
		md[2 * i + 1] = ' ';
	}
	strcpy(md + 2 * n, "# x\n");
	render_rich(&a, md, &r);
	ck_assert_ptr_nonnull(strstr(r.html, "<strong>x</strong>"));
	ck_assert_ptr_null(strchr(r.cell, '\n'));
	cf_arena_free(&a);
	free(md);
}
END_TEST

/* ---- a model by hand ---- */

struct model {
	struct cf_catalogue	 cat;
	struct cf_responses	 resp;
	struct cf_verdict	 verdict;
	struct cf_render_opts	 opts;
};

static struct model	 fx;

static void
make_catalogue(struct cf_catalogue *c)
{
	static const char *const ids[] = { "2.3.1.1", "2.3.1.2", "2.3.1.3",
	    "2.3.1.4" };
	static const long classes[] = { 1, 2, 1, 1 };
	static const size_t cats[] = { 0, 1, 0, 0 };
	struct cf_section	*s;
	struct cf_requirement	*r;
	size_t			 i;

	memset(c, 0, sizeof(*c));
	cf_arena_init(&c->arena);
	c->path = "cat.yaml";
	c->id = "tcat";
	c->title = "Test <Catalogue> & Co";
	c->publisher = "Test Foundation";
	c->version = "1.0";
	c->released = (struct cf_date){ 2016, 12, 5 };
	c->url = "javascript:alert(7)";
	c->notice = "Excerpt <script>alert(8)</script> only.";
	c->nclasses = 3;
	c->classes = cf_arena_alloc(&c->arena, 3 * sizeof(*c->classes));
	for (i = 0; i < 3; i++) {
		c->classes[i].id = (long)i;
		c->classes[i].title = cf_arena_printf(&c->arena, "Class %zu",
		    i);
		c->classes[i].description = "Impact *level*.";
	}
	c->classes[2].confidentiality = "high";
	c->ncategories = 2;
	c->categories = cf_arena_alloc(&c->arena, 2 * sizeof(*c->categories));
	c->categories[0] = (struct cf_category){ "M", "Mandatory", true,
	    { 0, 0 } };
	c->categories[1] = (struct cf_category){ "A", "Advisory", false,
	    { 0, 0 } };
	c->nanswers = 4;
	c->answers = cf_arena_alloc(&c->arena, 4 * sizeof(*c->answers));
	c->answers[0] = (struct cf_answer_code){ .code = "C",
	    .title = "Compliant", .meets = true };
	c->answers[1] = (struct cf_answer_code){ .code = "PC",
	    .title = "Partially compliant" };
	c->answers[2] = (struct cf_answer_code){ .code = "N",
	    .title = "Non-compliant" };
	c->answers[3] = (struct cf_answer_code){ .code = "NA",
	    .title = "Not applicable", .meets = true,
	    .needs_justification = true };
	c->nsections = 1;
	c->sections = s = cf_arena_alloc(&c->arena, sizeof(*s));
	s->id.s = "2.3.1";
	s->title = "Processes | <i>and</i> Responsibility";
	s->intro = "Intro with [a link](https://example.org).";
	s->nreqs = 4;
	s->reqs = cf_arena_alloc(&c->arena, 4 * sizeof(*s->reqs));
	for (i = 0; i < 4; i++) {
		r = &s->reqs[i];
		r->id.s = ids[i];
		r->text = i == 0 ? HOSTILE_TEXT : "A plain requirement.";
		r->class_id = classes[i];
		r->class_idx = (size_t)classes[i];
		r->category_idx = cats[i];
		r->category = c->categories[cats[i]].code;
		r->applic_tbd = true;
		r->section = s;
	}
	s->reqs[0].guidance = "Guidance <script>x</script> here.";
	s->reqs[0].nreferences = 2;
	s->reqs[0].references = cf_arena_alloc(&c->arena,
	    2 * sizeof(struct cf_reference));
	s->reqs[0].references[0] = (struct cf_reference){ "Safe ref",
	    "https://ref.example/" };
	s->reqs[0].references[1] = (struct cf_reference){ "Bad ref",
	    "javascript:alert(9)" };
	s->reqs[3].status = CF_STATUS_RESERVED;
	s->reqs[3].text = "";
	s->reqs[3].note = "Kept so numbering never shifts.";
	cf_catalogue_index(c);
}

static void
make_responses(struct cf_responses *r, const struct cf_catalogue *c)
{
	struct cf_answer	*a;

	memset(r, 0, sizeof(*r));
	cf_arena_init(&r->arena);
	r->path = "resp.yaml";
	r->dir = ".";
	r->revision = 3;
	r->date = (struct cf_date){ 2026, 11, 20 };
	r->product.id.s = "evil-prod";
	r->product.name = HOSTILE_NAME;
	r->product.model = "M-1";
	r->product.manufacturer.name = "Maker \"Q\" Ltd";
	r->product.manufacturer.address = "1 Street <x>";
	r->product.manufacturer.contact = "mailto:psirt@maker.example";
	r->claim.class_id = 1;
	r->claim.class_idx = 1;
	r->nanswers = 2;
	r->answers = a = cf_arena_alloc(&r->arena, 2 * sizeof(*a));
	a[0].req_id.s = "2.3.1.1";
	a[0].req = &c->sections[0].reqs[0];
	a[0].code.s = "C";
	a[0].acode = &c->answers[0];
	a[0].note = HOSTILE_NOTE;
	a[0].nevidence = 2;
	a[0].evidence = cf_arena_alloc(&r->arena, 2 * sizeof(*a[0].evidence));
	a[0].evidence[0] = (struct cf_evidence){ "https://ev.example/a|b",
	    CF_EVIDENCE_URL, { 0, 0 } };
	a[0].evidence[1] = (struct cf_evidence){ "evidence/<x>|y.pdf",
	    CF_EVIDENCE_PATH, { 0, 0 } };
	a[1].req_id.s = "2.3.1.2";
	a[1].req = &c->sections[0].reqs[1];
	a[1].code.s = "NA";
	a[1].acode = &c->answers[3];
	a[1].justification = "Not *our* kind {{of}} device.";
	cf_responses_index(r);
	/* 2.3.1.3 applies and is left unanswered: a blocker. */
}

static void
setup(void)
{
	memset(&fx, 0, sizeof(fx));
	make_catalogue(&fx.cat);
	make_responses(&fx.resp, &fx.cat);
	cf_gate(&fx.cat, &fx.resp, &fx.verdict);
	fx.opts.generated = 1767225600;		/* 2026-01-01 */
}

static void
teardown(void)
{
	cf_verdict_free(&fx.verdict);
	cf_arena_free(&fx.resp.arena);
	cf_arena_free(&fx.cat.arena);
}

static const struct cf_value *
path(const struct cf_value *v, const char *p)
{
	char	 key[64];
	size_t	 n;

	while (v != NULL && *p != '\0') {
		n = strcspn(p, ".");
		ck_assert_uint_lt(n, sizeof(key));
		memcpy(key, p, n);
		key[n] = '\0';
		if (v->type == CF_V_LIST)
			v = (size_t)atoi(key) < v->n ? v->items[atoi(key)] :
			    NULL;
		else
			v = cf_value_get(v, key);
		p += n + (p[n] == '.');
	}
	return v;
}

static const char *
str(const struct cf_value *root, const char *p)
{
	const struct cf_value *v = path(root, p);

	ck_assert_msg(v != NULL && v->type == CF_V_STR, "%s is no string", p);
	return v->s;
}

static bool
flag(const struct cf_value *root, const char *p)
{
	const struct cf_value *v = path(root, p);

	ck_assert_msg(v != NULL && v->type == CF_V_BOOL, "%s is no bool", p);
	return v->b;
}

START_TEST(test_view_variables)
{
	struct cf_view_spec	 spec = { 0 };
	struct cf_arena		 a;
	const struct cf_value	*v;

	spec.cat = &fx.cat;
	spec.resp = &fx.resp;
	spec.verdict = &fx.verdict;
	spec.kind = "checklist";
	spec.requirements = true;
	spec.opts = &fx.opts;
	cf_arena_init(&a);
	v = cf_view_new(&a, &spec);
	ck_assert_str_eq(str(v, "generated"), "2026-01-01");
	ck_assert_str_eq(str(v, "cfgen.version"), CFGEN_VERSION);
	ck_assert_str_eq(str(v, "document.id"),
	    "evil-prod-r3-tcat-1.0-checklist");
	ck_assert(flag(v, "completed"));
	ck_assert(!flag(v, "blank"));
	ck_assert_str_eq(str(v, "catalogue.released"), "2016-12-05");
	ck_assert_str_eq(str(v, "catalogue.answer_codes"), "C / PC / N / NA");
	ck_assert_int_eq(path(v, "catalogue.href")->type, CF_V_NULL);
	ck_assert_str_eq(str(v, "catalogue.requirement_count"), "4");
	ck_assert_str_eq(str(v, "catalogue.classes.1.applicable_count"), "2");
	ck_assert(flag(v, "catalogue.has_objectives"));
	ck_assert_str_eq(str(v, "sections.0.anchor"), "sec-2.3.1");
	ck_assert_str_eq(str(v, "sections.0.href"), "2.3.1.html");

	ck_assert_str_eq(str(v, "sections.0.requirements.0.anchor"),
	    "req-2.3.1.1");
	ck_assert_str_eq(str(v, "sections.0.requirements.0.class_label"),
	    "1 and above");
	ck_assert_str_eq(str(v, "sections.0.requirements.0.filter"),
	    "in-1 in-2");
	ck_assert_str_eq(str(v, "sections.0.requirements.0.category_title"),
	    "Mandatory");
	ck_assert_str_eq(str(v,
	    "sections.0.requirements.0.applicability_label"), "TBD");
	ck_assert_str_eq(str(v, "sections.0.requirements.0.scope"),
	    "Applicable");
	ck_assert_str_eq(str(v, "sections.0.requirements.0.answer.code"),
	    "C");
	ck_assert_str_eq(str(v,
	    "sections.0.requirements.0.answer.evidence.0.href"),
	    "https://ev.example/a%7Cb");
	ck_assert_int_eq(path(v,
	    "sections.0.requirements.0.answer.evidence.1.href")->type,
	    CF_V_NULL);
	ck_assert_int_eq(path(v,
	    "sections.0.requirements.0.references.1.href")->type, CF_V_NULL);
	ck_assert_str_eq(str(v, "sections.0.requirements.1.scope"),
	    "Outside claim");
	ck_assert(flag(v, "sections.0.requirements.1.outside_claim"));
	ck_assert_ptr_nonnull(strstr(str(v,
	    "sections.0.requirements.1.answer.justification_html"),
	    "{{of}}"));
	ck_assert(flag(v, "sections.0.requirements.2.not_assessed"));
	ck_assert(flag(v, "sections.0.requirements.2.blocked"));
	ck_assert_str_eq(str(v, "sections.0.requirements.3.scope"),
	    "Reserved");
	ck_assert_str_eq(str(v, "sections.0.requirements.3.filter"), "");
	ck_assert_str_eq(str(v, "sections.0.summary.applicable"), "2");
	ck_assert_str_eq(str(v, "sections.0.summary.not_assessed"), "1");
	ck_assert_str_eq(str(v, "sections.0.summary.counts.0.count"), "1");
	ck_assert_str_eq(str(v, "totals.applicable"), "2");
	ck_assert(flag(v, "verdict.refused"));
	ck_assert_str_eq(str(v, "product.manufacturer.contact_text"),
	    "psirt@maker.example");
	ck_assert_str_eq(str(v, "claim.class_title"), "Class 1");
	ck_assert_str_eq(str(v, "responses.revision"), "3");
	/* Last, after many calls: no value may point into cf_view_new's
	   stack, where strings are formatted before they are kept. */
	ck_assert_str_eq(str(v, "generated_iso"), "2026-01-01");
	ck_assert_str_eq(str(v, "catalogue.released_iso"), "2016-12-05");
	cf_arena_free(&a);
}
END_TEST

/* Every markup-looking piece of input shows up escaped, never as markup. */
static void
assert_html_safe(const char *html)
{
	ck_assert_ptr_null(strstr(html, "<script"));
	ck_assert_ptr_null(strstr(html, "<img"));
	ck_assert_ptr_null(strstr(html, "<b>Evil"));
	ck_assert_ptr_null(strstr(html, "<i>and"));
	ck_assert_ptr_null(strstr(html, "<img src=y onerror"));
	assert_no_bad_links(html);
}

START_TEST(test_checklist_html)
{
	struct cf_buf	 out;

	cf_buf_init(&out);
	ck_assert_int_eq(cf_render_checklist_html(&fx.cat, &fx.resp,
	    &fx.verdict, &fx.opts, &out), 0);
	assert_html_safe(out.data);
	ck_assert_ptr_nonnull(strstr(out.data, "&lt;b&gt;Evil&lt;/b&gt; | "
	    "{{name}}"));
	ck_assert_ptr_nonnull(strstr(out.data, "{{mustache}}"));
	ck_assert_ptr_nonnull(strstr(out.data, "{{#x}}braces{{/x}}"));
	ck_assert_ptr_nonnull(strstr(out.data, "id=\"req-2.3.1.1\""));
	ck_assert_ptr_nonnull(strstr(out.data,
	    "<a href=\"https://ev.example/a%7Cb\">"));
	/* escaped, and free to break after "/" and "." (<wbr>) */
	ck_assert_ptr_nonnull(strstr(out.data,
	    "evidence/<wbr>&lt;x&gt;|y.<wbr>pdf"));
	ck_assert_ptr_nonnull(strstr(out.data, "Not assessed"));
	ck_assert_ptr_nonnull(strstr(out.data, "Outside claim"));
	ck_assert_ptr_nonnull(strstr(out.data, "Reserved"));
	ck_assert_ptr_nonnull(strstr(out.data, "cannot be issued"));
	ck_assert_ptr_nonnull(strstr(out.data, "Test &lt;Catalogue&gt; &amp;"
	    " Co"));
	/* Self-contained: the style sheet inline, nothing fetched. */
	ck_assert_ptr_nonnull(strstr(out.data, "<style>"));
	ck_assert_ptr_null(strstr(out.data, "<link"));
	ck_assert_ptr_null(strstr(out.data, "<script"));
	cf_buf_free(&out);
}
END_TEST

START_TEST(test_guide_html)
{
	struct cf_buf	 out;

	cf_buf_init(&out);
	ck_assert_int_eq(cf_render_guide_section(&fx.cat,
	    &fx.cat.sections[0], &fx.opts, &out), 0);
	assert_html_safe(out.data);
	ck_assert_ptr_nonnull(strstr(out.data, "id=\"req-2.3.1.4\""));
	ck_assert_ptr_nonnull(strstr(out.data, "class=\"req filterable "
	    "active in-1 in-2\""));
	ck_assert_ptr_nonnull(strstr(out.data,
	    "<a href=\"https://ref.example/\">Safe ref</a>"));
	ck_assert_ptr_nonnull(strstr(out.data, "Bad ref ("));
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"style.css\""));
	ck_assert_ptr_nonnull(strstr(out.data, "main:has(#show-2:checked)"));
	cf_buf_reset(&out);
	ck_assert_int_eq(cf_render_guide_index(&fx.cat, &fx.opts, &out), 0);
	assert_html_safe(out.data);
	ck_assert_ptr_nonnull(strstr(out.data, "href=\"2.3.1.html\""));
	cf_buf_free(&out);
}
END_TEST

/* Every table row of the Markdown has as many cells as its header. */
static void
assert_tables_whole(const char *md)
{
	const char	*line, *nl;
	int		 want = -1;

	for (line = md; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		ck_assert_ptr_nonnull(nl);
		if (*line != '|') {
			want = -1;
			continue;
		}
		if (want == -1)
			want = cell_pipes(line);
		ck_assert_msg(cell_pipes(line) == want, "broken row: %.*s",
		    (int)(nl - line), line);
	}
}

START_TEST(test_checklist_md)
{
	struct cf_buf	 out;

	cf_buf_init(&out);
	ck_assert_int_eq(cf_render_checklist_md(&fx.cat, &fx.resp,
	    &fx.verdict, &fx.opts, &out), 0);
	assert_tables_whole(out.data);
	ck_assert(!md_has_live(out.data, "<script"));
	ck_assert(!md_has_live(out.data, "<img"));
	ck_assert(!md_has_live(out.data, "<b>"));
	/* An unsafe address is plain text at most, never a link. */
	ck_assert_ptr_null(strstr(out.data, "](javascript"));
	ck_assert_ptr_null(strstr(out.data, "<javascript"));
	ck_assert_ptr_nonnull(strstr(out.data, "{{mustache}}"));
	ck_assert_ptr_nonnull(strstr(out.data, "| 2.3.1.1 | "));
	/* A '|' in an address is percent-encoded: it cannot split the row. */
	ck_assert_ptr_nonnull(strstr(out.data, "[https://ev.example/a\\|b]"
	    "(https://ev.example/a%7Cb)"));
	ck_assert_ptr_nonnull(strstr(out.data, "**Not assessed**"));
	ck_assert_ptr_nonnull(strstr(out.data, "Outside claim"));
	ck_assert_ptr_nonnull(strstr(out.data, "*Reserved.*"));
	cf_buf_reset(&out);
	ck_assert_int_eq(cf_render_checklist_md(&fx.cat, NULL, NULL,
	    &fx.opts, &out), 0);
	assert_tables_whole(out.data);
	ck_assert_ptr_nonnull(strstr(out.data, "| 2.3.1.2 | A plain "
	    "requirement. | 2 and above | A | TBD | | |"));
	cf_buf_free(&out);
}
END_TEST

START_TEST(test_template_override)
{
	struct cf_buf	 out;
	char		 dir[] = "/tmp/cfgen-test-render-XXXXXX";
	char		 file[256];
	FILE		*f, *quiet;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(file, sizeof(file), "%s/checklist-blank.md.mustache", dir);
	ck_assert_ptr_nonnull(f = fopen(file, "w"));
	fputs("{{catalogue.title}}|{{> missing}}", f);
	fclose(f);
	fx.opts.template_dir = dir;
	cf_buf_init(&out);
	ck_assert_ptr_nonnull(quiet = fopen("/dev/null", "w"));
	cf_diag_set_stream(quiet);
	/* A partial that exists nowhere is an error, not emptiness. */
	ck_assert_int_eq(cf_render_checklist_md(&fx.cat, NULL, NULL,
	    &fx.opts, &out), -1);
	ck_assert_uint_ge(cf_diag_count(CF_ERROR) + cf_diag_count(CF_SYSERR),
	    1);
	f = fopen(file, "w");
	fputs("{{catalogue.title}}", f);
	fclose(f);
	cf_buf_reset(&out);
	ck_assert_int_eq(cf_render_checklist_md(&fx.cat, NULL, NULL,
	    &fx.opts, &out), 0);
	ck_assert_str_eq(out.data, "Test \\<Catalogue\\> \\& Co");
	cf_buf_free(&out);
	cf_diag_set_stream(NULL);
	fclose(quiet);
	unlink(file);
	rmdir(dir);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("render");
	TCase	*rich = tcase_create("richtext");
	TCase	*docs = tcase_create("documents");

	tcase_add_test(rich, test_url_ok);
	tcase_add_test(rich, test_url_decoded);
	tcase_add_test(rich, test_rich_gfm);
	tcase_add_test(rich, test_rich_memo);
	tcase_add_test(rich, test_rich_memo_bound);
	tcase_add_test(rich, test_rich_depth);
	tcase_add_test(rich, test_rich_raw_html_shown);
	tcase_add_test(rich, test_rich_links);
	tcase_add_test(rich, test_rich_blocks);
	tcase_add_test(rich, test_rich_cell);
	tcase_add_test(rich, test_rich_deep);
	suite_add_tcase(s, rich);
	tcase_add_checked_fixture(docs, setup, teardown);
	tcase_add_test(docs, test_view_variables);
	tcase_add_test(docs, test_checklist_html);
	tcase_add_test(docs, test_guide_html);
	tcase_add_test(docs, test_checklist_md);
	tcase_add_test(docs, test_template_override);
	suite_add_tcase(s, docs);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
