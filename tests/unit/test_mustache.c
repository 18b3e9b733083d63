/*
 * test_mustache.c -- the Mustache engine against the official spec files
 * (read in place), plus the escapers, malformed templates and limits.
 */
#include <check.h>
#include <cmark-gfm.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <yaml.h>

#include "diag.h"
#include "fixture.h"
#include "mustache.h"
#include "util.h"
#include "value.h"

#define CORE_TESTS	136

static const char *const core_files[] = {
	"comments.yml", "delimiters.yml", "interpolation.yml",
	"inverted.yml", "partials.yml", "sections.yml", NULL
};
static const char *const optional_files[] = {
	"~dynamic-names.yml", "~inheritance.yml", NULL
};

struct tally {
	unsigned	 passed;
	unsigned	 failed;
};

static yaml_node_t *
map_get(yaml_document_t *doc, yaml_node_t *map, const char *key)
{
	yaml_node_pair_t	*p;
	yaml_node_t		*k;

	if (map == NULL || map->type != YAML_MAPPING_NODE)
		return NULL;
	for (p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		k = yaml_document_get_node(doc, p->key);
		if (k != NULL && k->type == YAML_SCALAR_NODE &&
		    strcmp((char *)k->data.scalar.value, key) == 0)
			return yaml_document_get_node(doc, p->value);
	}
	return NULL;
}

static const char *
scalar(yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

static bool
all_digits(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/*
 * Plain scalars are typed as YAML 1.2 would; integers keep their text, but
 * decimals print the way the spec's reference implementations print
 * numbers ("1.210" interpolates as "1.21").
 */
static struct cf_value *
scalar_value(struct cf_arena *a, yaml_node_t *n)
{
	const char	*s = scalar(n);
	char		*end;
	double		 d;

	if (n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return cf_value_str(a, s);
	if (strcmp(s, "true") == 0 || strcmp(s, "false") == 0)
		return cf_value_bool(s[0] == 't');
	if (strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || *s == '\0')
		return cf_value_null();
	if (all_digits(s))
		return cf_value_str(a, s);
	d = strtod(s, &end);
	if (end != s && *end == '\0')
		return cf_value_strf(a, "%.15g", d);
	return cf_value_str(a, s);
}

static struct cf_value *
to_value(struct cf_arena *a, yaml_document_t *doc, yaml_node_t *n)
{
	struct cf_value		*v;
	yaml_node_item_t	*i;
	yaml_node_pair_t	*p;

	if (n == NULL)
		return cf_value_null();
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return scalar_value(a, n);
	case YAML_SEQUENCE_NODE:
		v = cf_value_list(a);
		for (i = n->data.sequence.items.start;
		    i < n->data.sequence.items.top; i++)
			cf_value_push(a, v, to_value(a, doc,
			    yaml_document_get_node(doc, *i)));
		return v;
	case YAML_MAPPING_NODE:
		v = cf_value_map(a);
		for (p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++)
			cf_value_set(a, v,
			    scalar(yaml_document_get_node(doc, p->key)),
			    to_value(a, doc,
			    yaml_document_get_node(doc, p->value)));
		return v;
	default:
		return cf_value_null();
	}
}

/* Partials for tests: a map of name to text. */
static int
map_partial(void *ctx, const char *name, char **text, char **origin)
{
	const struct cf_value	*v = cf_value_get(ctx, name);

	(void)origin;
	if (v == NULL || v->type != CF_V_STR)
		return 1;
	*text = cf_xstrdup(v->s);
	return 0;
}

static void
print_quoted(const char *label, const char *s)
{
	printf("    %s \"", label);
	for (; *s != '\0'; s++)
		if (*s == '\n')
			fputs("\\n", stdout);
		else if (*s == '\r')
			fputs("\\r", stdout);
		else if (*s == '\t')
			fputs("\\t", stdout);
		else
			putchar(*s);
	puts("\"");
}

static bool
run_spec_test(yaml_document_t *doc, yaml_node_t *t, const char *file,
    bool verbose)
{
	struct cf_mustache_opts	 opts;
	struct cf_arena		 a;
	struct cf_buf		 out;
	struct cf_value		*data, *partials;
	const char		*name = scalar(map_get(doc, t, "name"));
	const char		*tmpl = scalar(map_get(doc, t, "template"));
	const char		*expected = scalar(map_get(doc, t, "expected"));
	bool			 ok;
	int			 rc;

	if (name == NULL || tmpl == NULL || expected == NULL) {
		printf("FAIL %s: test without name, template or expected\n",
		    file);
		return false;
	}
	cf_arena_init(&a);
	data = to_value(&a, doc, map_get(doc, t, "data"));
	partials = to_value(&a, doc, map_get(doc, t, "partials"));
	memset(&opts, 0, sizeof(opts));
	opts.escape = cf_escape_html;
	opts.partial = map_partial;
	opts.partial_ctx = partials;
	opts.name = name;
	cf_buf_init(&out);
	rc = cf_mustache_render(tmpl, data, &opts, &out);
	ok = rc == 0 && strcmp(out.data != NULL ? out.data : "", expected) == 0;
	if (!ok && verbose) {
		printf("FAIL %s: %s\n", file, name);
		print_quoted("template:", tmpl);
		print_quoted("expected:", expected);
		if (rc == 0)
			print_quoted("got:     ",
			    out.data != NULL ? out.data : "");
		else
			puts("    got:      an error");
	}
	cf_buf_free(&out);
	cf_arena_free(&a);
	return ok;
}

static void
run_spec_file(const char *name, bool verbose, struct tally *tally)
{
	struct cf_buf		 path;
	yaml_parser_t		 parser;
	yaml_document_t		 doc;
	yaml_node_t		*tests;
	yaml_node_item_t	*i;
	FILE			*f;

	cf_buf_init(&path);
	cf_buf_printf(&path, "%s/%s", CFGEN_MUSTACHE_SPEC_DIR, name);
	f = fopen(path.data, "rb");
	cf_buf_free(&path);
	if (f == NULL) {
		printf("FAIL %s: cannot open\n", name);
		tally->failed++;
		return;
	}
	yaml_parser_initialize(&parser);
	yaml_parser_set_input_file(&parser, f);
	if (!yaml_parser_load(&parser, &doc)) {
		printf("FAIL %s: not YAML: %s\n", name, parser.problem);
		tally->failed++;
		yaml_parser_delete(&parser);
		fclose(f);
		return;
	}
	tests = map_get(&doc, yaml_document_get_root_node(&doc), "tests");
	if (tests == NULL || tests->type != YAML_SEQUENCE_NODE) {
		printf("FAIL %s: no tests\n", name);
		tally->failed++;
	} else
		for (i = tests->data.sequence.items.start;
		    i < tests->data.sequence.items.top; i++)
			if (run_spec_test(&doc, yaml_document_get_node(&doc,
			    *i), name, verbose))
				tally->passed++;
			else
				tally->failed++;
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	fclose(f);
}

START_TEST(test_spec)
{
	struct tally	 core = { 0, 0 }, extra = { 0, 0 };
	struct capture	 cap;
	size_t		 i;
	char		*diags;

	for (i = 0; core_files[i] != NULL; i++)
		run_spec_file(core_files[i], true, &core);
	printf("mustache spec: %u passed, %u failed\n", core.passed,
	    core.failed);
	/* Optional features; their diagnostics would only be noise. */
	capture_start(&cap);
	for (i = 0; optional_files[i] != NULL; i++)
		run_spec_file(optional_files[i], false, &extra);
	diags = capture_end(&cap);
	free(diags);
	printf("mustache optional spec (~ files, not counted): %u passed, "
	    "%u failed\n", extra.passed, extra.failed);
	fflush(stdout);
	ck_assert_uint_eq(core.failed, 0);
	ck_assert_uint_eq(core.passed, CORE_TESTS);
}
END_TEST

static char *
escaped(void (*fn)(struct cf_buf *, const char *), const char *s)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	fn(&b, s);
	return cf_buf_detach(&b);
}

START_TEST(test_escape_html)
{
	char	*s;

	s = escaped(cf_escape_html, "<a href=\"x\" title='t'>&amp;</a>");
	ck_assert_str_eq(s, "&lt;a href=&quot;x&quot; title=&#39;t&#39;&gt;"
	    "&amp;amp;&lt;/a&gt;");
	free(s);
	s = escaped(cf_escape_html, "plain text, é");
	ck_assert_str_eq(s, "plain text, é");
	free(s);
	s = escaped(cf_escape_html, "");
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

static const struct {
	const char	*in;
	const char	*out;
} md_cases[] = {
	{ "a|b", "a\\|b" },
	{ "one\ntwo\r\nthree\rfour", "one two three four" },
	{ "<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>" },
	{ "*bold* and _em_", "\\*bold\\* and \\_em\\_" },
	{ "[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))" },
	{ "![i](http://e/x.png)", "\\!\\[i\\](http://e/x.png)" },
	{ "`code`", "\\`code\\`" },
	{ "&copy;", "\\&copy;" },
	{ "back\\slash", "back\\\\slash" },
	{ "# title", "\\# title" },
	{ "- item", "\\- item" },
	{ "+ item", "\\+ item" },
	{ "1. first", "1\\. first" },
	{ "12) twelfth", "12\\) twelfth" },
	{ "> quote", "\\> quote" },
	{ "2024-01-02 a - b + c = d", "2024-01-02 a - b + c = d" },
	{ "1.5 mm", "1.5 mm" },
	{ "~~gone~~", "\\~\\~gone\\~\\~" },
};

START_TEST(test_escape_md_exact)
{
	char	*s = escaped(cf_escape_md, md_cases[_i].in);

	ck_assert_str_eq(s, md_cases[_i].out);
	ck_assert_ptr_null(strchr(s, '\n'));
	ck_assert_ptr_null(strchr(s, '\r'));
	free(s);
}
END_TEST

/* Text escaped the way cmark escapes it in HTML output. */
static void
cmark_text(struct cf_buf *b, const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&':
			cf_buf_puts(b, "&amp;");
			break;
		case '<':
			cf_buf_puts(b, "&lt;");
			break;
		case '>':
			cf_buf_puts(b, "&gt;");
			break;
		case '"':
			cf_buf_puts(b, "&quot;");
			break;
		case '\n':
		case '\r':
			if (*s == '\r' && s[1] == '\n')
				s++;
			cf_buf_putc(b, ' ');
			break;
		default:
			cf_buf_putc(b, *s);
		}
}

static const char *const hostile[] = {
	"<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
	"[x](javascript:alert(1))", "![i](javascript:alert(1))",
	"<javascript:alert(1)>", "<http://evil.example>", "*em* **strong**",
	"_em_ __strong__", "`code` ``x``", "&copy; &#65; &#x41;", "# heading",
	"## h ##", "- item", "+ item", "* item", "1. one", "7) seven",
	"> quote", "---", "***", "___", "===", "a\nb", "a  \nb", "a\\\nb",
	"x\\", "[ref]: http://e", "[a][b]", "{x} ~y~", "a|b|c", "\"q\" 'q'",
	"foo_bar_baz", "2024-01-02",
};

/*
 * The escaped text, rendered by CommonMark with raw HTML allowed, is one
 * paragraph holding exactly the original characters: no markup survives.
 */
START_TEST(test_escape_md_cmark)
{
	struct cf_buf	 want, md;
	char		*html;

	cf_buf_init(&md);
	cf_buf_puts(&md, "x ");
	cf_escape_md(&md, hostile[_i]);
	cf_buf_init(&want);
	cf_buf_puts(&want, "<p>x ");
	cmark_text(&want, hostile[_i]);
	cf_buf_puts(&want, "</p>\n");
	html = cmark_markdown_to_html(md.data, md.len, CMARK_OPT_UNSAFE);
	ck_assert_str_eq(html, want.data);
	free(html);
	/* The same text first on its line must not start a block either. */
	cf_buf_reset(&md);
	cf_escape_md(&md, hostile[_i]);
	html = cmark_markdown_to_html(md.data, md.len, CMARK_OPT_UNSAFE);
	ck_assert_int_eq(strncmp(html, "<p>", 3), 0);
	ck_assert_str_eq(html + 3, want.data + 5);
	free(html);
	cf_buf_free(&md);
	cf_buf_free(&want);
}
END_TEST

START_TEST(test_escape_md_table_cell)
{
	const char	*s;
	char		*e;

	e = escaped(cf_escape_md, "a|b\\|c\n| d |\r\n");
	for (s = e; *s != '\0'; s++) {
		ck_assert(*s != '\n' && *s != '\r');
		if (*s == '\\') {
			s++;
			ck_assert(*s != '\0');
		} else
			ck_assert_int_ne(*s, '|');
	}
	ck_assert_str_eq(e, "a\\|b\\\\\\|c \\| d \\| ");
	free(e);
}
END_TEST

/*
 * The line a value continues decides what can open a block: a date after
 * a label or in a table cell keeps its dot; first on its line, or inside
 * a list item or block quote, it is escaped.  html is what CommonMark
 * makes of the whole line.
 */
static const struct {
	const char	*before;
	const char	*in;
	const char	*out;
	const char	*html;
} md_context[] = {
	{ "x ", "21. November 2026", "x 21. November 2026",
	    "<p>x 21. November 2026</p>\n" },
	{ "| a | ", "21. November", "| a | 21. November", NULL },
	{ "- **Erstellt:** ", "5. Dezember 2026",
	    "- **Erstellt:** 5. Dezember 2026",
	    "<ul>\n<li><strong>Erstellt:</strong> 5. Dezember 2026</li>\n"
	    "</ul>\n" },
	{ "**", "1. x", "**1. x", "<p>**1. x</p>\n" },
	{ "x ", "- a + b = c", "x - a + b = c", "<p>x - a + b = c</p>\n" },
	{ "a\n", "21. November", "a\n21\\. November",
	    "<p>a\n21. November</p>\n" },
	{ "x\\\n", "1. y", "x\\\n1\\. y", "<p>x<br />\n1. y</p>\n" },
	{ "- ", "21. November", "- 21\\. November",
	    "<ul>\n<li>21. November</li>\n</ul>\n" },
	{ "> 1. ", "- x", "> 1. \\- x",
	    "<blockquote>\n<ol>\n<li>- x</li>\n</ol>\n</blockquote>\n" },
	{ "  ", "+ y", "  \\+ y", "<p>+ y</p>\n" },
	{ "p\n", "===", "p\n\\===", "<p>p\n===</p>\n" },
	{ "2", ". x", "2\\. x", "<p>2. x</p>\n" },
	{ "2", "3) x", "23\\) x", "<p>23) x</p>\n" },
	{ "2", " 3. x", "2 3. x", "<p>2 3. x</p>\n" },
};

START_TEST(test_escape_md_context)
{
	struct cf_buf	 md;
	char		*html;

	cf_buf_init(&md);
	cf_buf_puts(&md, md_context[_i].before);
	cf_escape_md(&md, md_context[_i].in);
	ck_assert_str_eq(md.data, md_context[_i].out);
	if (md_context[_i].html != NULL) {
		html = cmark_markdown_to_html(md.data, md.len,
		    CMARK_OPT_UNSAFE);
		ck_assert_str_eq(html, md_context[_i].html);
		free(html);
	}
	cf_buf_free(&md);
}
END_TEST

static const struct {
	const char	*tmpl;
	const char	*diag;
} malformed[] = {
	{ "abc\n{{#a}}x", "t.mustache:2:1: error: section \"a\" is never "
	    "closed\n" },
	{ "{{#a}}\n  {{/b}}", "t.mustache:2:3: error: closing tag \"b\" does "
	    "not match open section \"a\"\n" },
	{ "x {{/a}}", "t.mustache:1:3: error: closing tag \"a\" has no open "
	    "section\n" },
	{ "ab\ncd {{name", "t.mustache:2:4: error: unclosed tag: no \"}}\" "
	    "follows\n" },
	{ "{{{x}}", "t.mustache:1:1: error: unclosed tag: no \"}}}\" "
	    "follows\n" },
	{ "{{=a=}}", "t.mustache:1:1: error: bad delimiters \"a\": give two, "
	    "without white space or \"=\"\n" },
	{ "\n\n  {{= a b c =}}", "t.mustache:3:3: error: bad delimiters "
	    "\"a b c\": give two, without white space or \"=\"\n" },
	{ "{{=<% %>=}} <%x", "t.mustache:1:13: error: unclosed tag: no "
	    "\"%>\" follows\n" },
	{ "{{}}", "t.mustache:1:1: error: empty tag\n" },
	{ "{{#a b}}{{/a b}}", "t.mustache:1:1: error: tag name \"a b\" "
	    "contains white space\n" },
	{ "\xc3\xa9\xc3\xa9 {{/x}}", "t.mustache:1:4: error: closing tag "
	    "\"x\" has no open section\n" },
	{ "{{>p}}", "p:1:3: error: closing tag \"y\" has no open section\n" },
	{ "x\n\t {{>p}}\n", "p:1:3: error: closing tag \"y\" has no open "
	    "section\n" },
};

static int
fixed_partial(void *ctx, const char *name, char **text, char **origin)
{
	(void)ctx;
	(void)origin;
	if (strcmp(name, "p") != 0)
		return 1;
	*text = cf_xstrdup("ok{{/y}}");
	return 0;
}

START_TEST(test_malformed)
{
	struct cf_mustache_opts	 opts = { cf_escape_html, fixed_partial,
				    NULL, "t.mustache", false };
	struct capture		 cap;
	struct cf_buf		 out;
	char			*diags;

	cf_buf_init(&out);
	cf_buf_puts(&out, "kept");
	capture_start(&cap);
	ck_assert_int_eq(cf_mustache_render(malformed[_i].tmpl, NULL, &opts,
	    &out), -1);
	diags = capture_end(&cap);
	ck_assert_str_eq(diags, malformed[_i].diag);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 1);
	ck_assert_str_eq(out.data, "kept");
	free(diags);
	cf_buf_free(&out);
}
END_TEST

/* Partials from a map of name to text. */
static int
render_with(const char *tmpl, const struct cf_value *data,
    const struct cf_value *partials, struct cf_buf *out, char **diags)
{
	struct cf_mustache_opts	 opts = { cf_escape_html, map_partial,
				    (void *)partials, "t.mustache", false };
	struct capture		 cap;
	int			 rc;

	capture_start(&cap);
	rc = cf_mustache_render(tmpl, data, &opts, out);
	*diags = capture_end(&cap);
	return rc;
}

/* 99 inverted sections, all rendered, around a call to itself. */
static const char *
deep_partial(struct cf_arena *a)
{
	struct cf_buf	 b;
	const char	*s;
	int		 i;

	cf_buf_init(&b);
	for (i = 0; i < 99; i++)
		cf_buf_puts(&b, "{{^f}}");
	cf_buf_puts(&b, "{{>deep}}");
	for (i = 0; i < 99; i++)
		cf_buf_puts(&b, "{{/f}}");
	s = cf_arena_strdup(a, b.data);
	cf_buf_free(&b);
	return s;
}

START_TEST(test_partial_recursion_bounded)
{
	struct cf_arena	 a;
	struct cf_value	*partials;
	struct cf_buf	 out;
	char		*diags;

	cf_arena_init(&a);
	partials = cf_value_map(&a);
	cf_value_set_str(&a, partials, "self", "x{{>self}}");
	cf_value_set_str(&a, partials, "ping", "{{>pong}}");
	cf_value_set_str(&a, partials, "pong", " {{>ping}}");
	cf_value_set_str(&a, partials, "deep", deep_partial(&a));
	cf_buf_init(&out);
	ck_assert_int_eq(render_with("{{>self}}", NULL, partials, &out,
	    &diags), -1);
	ck_assert_str_eq(diags, "self:1:2: error: partials nested deeper "
	    "than 64 (does \"self\" include itself?)\n");
	ck_assert_uint_eq(out.len, 0);
	free(diags);
	ck_assert_int_eq(render_with("a\n  {{>ping}}\n", NULL, partials, &out,
	    &diags), -1);
	ck_assert_ptr_nonnull(strstr(diags, "partials nested deeper than 64"));
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 1);
	free(diags);
	/* The deepest stack the limits allow: 64 partials of 100 sections. */
	ck_assert_int_eq(render_with("{{>deep}}", NULL, partials, &out,
	    &diags), -1);
	ck_assert_str_eq(diags, "deep:1:595: error: partials nested deeper "
	    "than 64 (does \"deep\" include itself?)\n");
	free(diags);
	cf_buf_free(&out);
	cf_arena_free(&a);
}
END_TEST

/* Recursion the data ends is fine up to the limit, an error past it. */
START_TEST(test_partial_recursion_data)
{
	struct cf_arena	 a;
	struct cf_value	*partials, *data, *v;
	struct cf_buf	 out, want;
	char		*diags;
	int		 i, levels = _i == 0 ? 64 : 65;

	cf_arena_init(&a);
	partials = cf_value_map(&a);
	cf_value_set_str(&a, partials, "node", "<{{#kid}}{{>node}}{{/kid}}>");
	data = v = cf_value_map(&a);
	for (i = 1; i < levels; i++)
		v = cf_value_set(&a, v, "kid", cf_value_map(&a));
	/* Without it "kid" would resolve to the parent's kid, forever. */
	cf_value_set(&a, v, "kid", cf_value_null());
	cf_buf_init(&out);
	cf_buf_init(&want);
	for (i = 0; i < levels; i++)
		cf_buf_putc(&want, '<');
	for (i = 0; i < levels; i++)
		cf_buf_putc(&want, '>');
	if (_i == 0) {
		ck_assert_int_eq(render_with("{{>node}}", data, partials, &out,
		    &diags), 0);
		ck_assert_str_eq(out.data, want.data);
		ck_assert_str_eq(diags, "");
	} else {
		ck_assert_int_eq(render_with("{{>node}}", data, partials, &out,
		    &diags), -1);
		ck_assert_ptr_nonnull(strstr(diags, "node:1:10: error: "
		    "partials nested deeper than 64"));
	}
	free(diags);
	cf_buf_free(&out);
	cf_buf_free(&want);
	cf_arena_free(&a);
}
END_TEST

START_TEST(test_section_depth)
{
	struct cf_buf	 tmpl, out;
	char		*diags;
	int		 i, n = _i == 0 ? 100 : 101;

	cf_buf_init(&tmpl);
	for (i = 0; i < n; i++)
		cf_buf_puts(&tmpl, "{{^a}}");
	cf_buf_putc(&tmpl, 'x');
	for (i = 0; i < n; i++)
		cf_buf_puts(&tmpl, "{{/a}}");
	cf_buf_init(&out);
	if (_i == 0) {
		ck_assert_int_eq(render_with(tmpl.data, NULL, NULL, &out,
		    &diags), 0);
		ck_assert_str_eq(out.data, "x");
	} else {
		ck_assert_int_eq(render_with(tmpl.data, NULL, NULL, &out,
		    &diags), -1);
		ck_assert_str_eq(diags, "t.mustache:1:601: error: sections "
		    "nested deeper than 100\n");
	}
	free(diags);
	cf_buf_free(&tmpl);
	cf_buf_free(&out);
}
END_TEST

/* Choices the spec leaves open, as mustache.h documents them. */
START_TEST(test_semantics)
{
	struct cf_arena		 a;
	struct cf_value		*data, *list;
	struct cf_buf		 out;
	struct cf_mustache_opts	 raw = { NULL, NULL, NULL, "raw", false };
	char			*diags;

	cf_arena_init(&a);
	data = cf_value_map(&a);
	cf_value_set_str(&a, data, "empty", "");
	cf_value_set_str(&a, data, "zero", "0");
	cf_value_set_bool(&a, data, "yes", true);
	cf_value_set_str(&a, data, "html", "<b>");
	list = cf_value_set(&a, data, "list", cf_value_list(&a));
	cf_value_push(&a, list, cf_value_str(&a, "i"));
	cf_value_set(&a, data, "map", cf_value_map(&a));
	cf_buf_init(&out);
	cf_buf_puts(&out, "[");
	ck_assert_int_eq(render_with("{{#empty}}E{{/empty}}"
	    "{{^empty}}e{{/empty}}{{#zero}}{{.}}{{/zero}}{{yes}}{{list}}"
	    "{{map}}{{>none}}{{html}}",
	    data, NULL, &out, &diags), 0);
	ck_assert_str_eq(out.data, "[e0true&lt;b&gt;");
	ck_assert_str_eq(diags, "");
	free(diags);
	cf_buf_reset(&out);
	ck_assert_int_eq(cf_mustache_render("{{html}}{{>p}}", data, &raw,
	    &out), 0);
	ck_assert_str_eq(out.data, "<b>");
	cf_buf_reset(&out);
	ck_assert_int_eq(cf_mustache_render("{{html}}", data, NULL, &out), 0);
	ck_assert_str_eq(out.data, "<b>");
	cf_buf_free(&out);
	cf_arena_free(&a);
}
END_TEST

/*
 * Random templates built from Mustache's own syntax must never crash, and
 * fail exactly when a diagnostic says why.
 */
START_TEST(test_random_templates)
{
	static const char *const bits[] = {
		"{{", "}}", "{", "}", "#", "^", "/", "!", ">", "=", "&", ".",
		"a", "b", " ", "\n", "\r\n", "\t", "<%", "%>", "{{#a}}",
		"{{/a}}", "{{^b}}", "{{/b}}", "{{>p}}", "{{>q}}", "{{=<% %>=}}",
		"{{a.b}}", "{{{.}}}", "\xc3\xa9", "{{!", "=}}", "<%/a%>",
	};
	struct cf_arena	 a;
	struct cf_value	*data, *list, *partials;
	struct cf_buf	 tmpl, out;
	unsigned long	 seed = 12345;
	unsigned	 errors;
	char		*diags;
	int		 i, j, rc;

	cf_arena_init(&a);
	data = cf_value_map(&a);
	list = cf_value_set(&a, data, "a", cf_value_list(&a));
	cf_value_push(&a, list, data);
	cf_value_push(&a, list, cf_value_str(&a, "s"));
	cf_value_set_bool(&a, data, "b", false);
	partials = cf_value_map(&a);
	cf_value_set_str(&a, partials, "p", "  {{#a}}{{>p}}{{/a}}\n");
	cf_value_set_str(&a, partials, "q", "{{#a}}");
	cf_buf_init(&tmpl);
	cf_buf_init(&out);
	for (i = 0; i < 5000; i++) {
		cf_buf_reset(&tmpl);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		for (j = (int)(seed >> 59); j >= 0; j--) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			cf_buf_puts(&tmpl, bits[(seed >> 33) %
			    (sizeof(bits) / sizeof(bits[0]))]);
		}
		cf_buf_reset(&out);
		rc = render_with(tmpl.data, data, partials, &out, &diags);
		errors = cf_diag_count(CF_ERROR);
		ck_assert_msg((rc == 0 && errors == 0) ||
		    (rc == -1 && errors == 1), "rc %d with %u errors for "
		    "\"%s\"", rc, errors, tmpl.data);
		if (rc == -1)
			ck_assert_uint_eq(out.len, 0);
		free(diags);
	}
	cf_buf_free(&tmpl);
	cf_buf_free(&out);
	cf_arena_free(&a);
}
END_TEST

int
main(void)
{
	Suite		*s = suite_create("mustache");
	TCase		*tc = tcase_create("mustache");
	struct stat	 st;
	int		 failed, have_spec;

	have_spec = stat(CFGEN_MUSTACHE_SPEC_DIR, &st) == 0 &&
	    S_ISDIR(st.st_mode);
	if (have_spec)
		tcase_add_test(tc, test_spec);
	tcase_add_test(tc, test_escape_html);
	tcase_add_loop_test(tc, test_escape_md_exact, 0,
	    sizeof(md_cases) / sizeof(md_cases[0]));
	tcase_add_loop_test(tc, test_escape_md_cmark, 0,
	    sizeof(hostile) / sizeof(hostile[0]));
	tcase_add_loop_test(tc, test_escape_md_context, 0,
	    sizeof(md_context) / sizeof(md_context[0]));
	tcase_add_test(tc, test_escape_md_table_cell);
	tcase_add_loop_test(tc, test_malformed, 0,
	    sizeof(malformed) / sizeof(malformed[0]));
	tcase_add_test(tc, test_partial_recursion_bounded);
	tcase_add_loop_test(tc, test_partial_recursion_data, 0, 2);
	tcase_add_loop_test(tc, test_section_depth, 0, 2);
	tcase_add_test(tc, test_semantics);
	tcase_add_test(tc, test_random_templates);
	suite_add_tcase(s, tc);
	failed = fixture_run(s);
	if (!have_spec) {
		/* Not a pass: exit 77 is the conventional "skipped". */
		printf("mustache spec: skipped (%s not found)\n",
		    CFGEN_MUSTACHE_SPEC_DIR);
		return failed == 0 ? 77 : EXIT_FAILURE;
	}
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
