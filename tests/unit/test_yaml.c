/*
 * test_yaml.c -- the YAML input layer: node positions (columns count
 * Unicode characters, lines count the breaks libyaml counts), the limits
 * (size, nesting, UTF-8), refused constructs (anchors, aliases, tags,
 * duplicate and non-scalar keys, several documents) and system errors.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fixture.h"
#include "util.h"
#include "yamlread.h"

/* Reads text as a file; diagnostics go to *diags (caller frees). */
static struct cf_ydoc *
read_text(struct fixture *fx, struct cf_arena *a, const char *text,
    size_t len, char **path, char **diags)
{
	struct capture	 c;
	struct cf_ydoc	*doc;

	*path = fixture_write_n(fx, "in.yaml", text, len);
	capture_start(&c);
	doc = cf_yaml_read(*path, a);
	*diags = capture_end(&c);
	return doc;
}

#define ck_assert_pos(node, l, c) do {					\
	ck_assert_int_eq((node)->pos.line, (l));			\
	ck_assert_int_eq((node)->pos.col, (c));				\
} while (0)

START_TEST(test_positions)
{
	static const char text[] =
	    "schema: x\n"			/* 1 */
	    "title: \"\xc3\xa9\xc3\xa9\"\n"	/* 2: "éé" */
	    "\xc3\xb1" "and\xc3\xba: [a, \"b\", c]\n"	/* 3: ñandú */
	    "list:\n"				/* 4 */
	    "  - \xc3\xa9: 1\n"			/* 5 */
	    "    k: |\n"			/* 6 */
	    "      block\n";			/* 7 */
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	struct cf_ynode	*n, *item;
	char		*path, *diags;

	fixture_init(&fx);
	cf_arena_init(&a);
	doc = read_text(&fx, &a, text, sizeof(text) - 1, &path, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_ptr_nonnull(doc);
	ck_assert_int_eq(doc->root->type, CF_Y_MAP);
	ck_assert_pos(doc->root, 1, 1);
	ck_assert_uint_eq(doc->root->n, 4);

	n = cf_ymap_get(doc->root, "title");
	ck_assert_pos(n, 2, 8);
	ck_assert_str_eq(n->value, "\xc3\xa9\xc3\xa9");
	ck_assert(!n->plain);

	/* After five two-byte characters the columns still count one each. */
	ck_assert_pos(doc->root->keys[2], 3, 1);
	n = cf_ymap_get(doc->root, "\xc3\xb1" "and\xc3\xba");
	ck_assert_int_eq(n->type, CF_Y_SEQ);
	ck_assert_pos(n, 3, 8);
	ck_assert_uint_eq(n->n, 3);
	ck_assert_pos(n->items[0], 3, 9);
	ck_assert(n->items[0]->plain);
	ck_assert_pos(n->items[1], 3, 12);
	ck_assert(!n->items[1]->plain);
	ck_assert_pos(n->items[2], 3, 17);

	n = cf_ymap_get(doc->root, "list");
	ck_assert_pos(n, 5, 3);
	item = n->items[0];
	ck_assert_int_eq(item->type, CF_Y_MAP);
	ck_assert_pos(item, 5, 5);
	ck_assert_pos(item->items[0], 5, 8);
	ck_assert_pos(item->keys[1], 6, 5);
	ck_assert_pos(item->items[1], 6, 8);
	ck_assert_str_eq(item->items[1]->value, "block\n");
	ck_assert(!item->items[1]->plain);

	/* And back from a position to its byte. */
	ck_assert_uint_eq(cf_yaml_offset(doc, (struct cf_pos){ 3, 8 }),
	    strchr(text, '[') - text);
	ck_assert_uint_eq(cf_yaml_offset(doc, (struct cf_pos){ 2, 10 }),
	    strstr(text, "\xc3\xa9\"") - text);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

/* CR, CR LF, NEL and LS are line breaks to libyaml; so they are here. */
START_TEST(test_line_breaks)
{
	static const char text[] =
	    "a: 1\r"			/* 1 */
	    "b: 2\r\n"			/* 2 */
	    "c: 3\xc2\x85"		/* 3: NEL */
	    "d: 4\xe2\x80\xa8"		/* 4: LS */
	    "e: \xc3\xa9x\n";		/* 5 */
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	struct cf_ynode	*n;
	char		*path, *diags;

	fixture_init(&fx);
	cf_arena_init(&a);
	doc = read_text(&fx, &a, text, sizeof(text) - 1, &path, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_ptr_nonnull(doc);
	n = cf_ymap_get(doc->root, "e");
	ck_assert_pos(n, 5, 4);
	ck_assert_uint_eq(cf_yaml_offset(doc, n->pos), strstr(text, "\xc3\xa9x")
	    - text);
	ck_assert_pos(cf_ymap_get(doc->root, "d"), 4, 4);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

#define T(s)	s, sizeof(s) - 1

static const struct {
	const char	*text;
	size_t		 len;
	const char	*diag;		/* without the "PATH:" prefix */
} bad_utf8[] = {
	{ T("a: \xff\n"), "1:4: error: invalid UTF-8: byte 0xff" },
	{ T("a: b\nc: \xc3\xa9\xc3\xa9\xfe\n"),
	    "2:6: error: invalid UTF-8: byte 0xfe" },
	/* Overlong '/', a lone continuation byte, a surrogate, past U+10FFFF,
	 * and a sequence cut short by the end of the file. */
	{ T("k:\n  - \xc0\xaf\n"), "2:5: error: invalid UTF-8: byte 0xc0" },
	{ T("k: a\x80\n"), "1:5: error: invalid UTF-8: byte 0x80" },
	{ T("k: \xed\xa0\x80\n"), "1:4: error: invalid UTF-8: byte 0xed" },
	{ T("k: \xf4\x90\x80\x80\n"), "1:4: error: invalid UTF-8: byte 0xf4" },
	{ T("k: \xe2\x82"), "1:4: error: invalid UTF-8: byte 0xe2" },
	/* A byte order mark is no column; a CR ends a line. */
	{ T("\xef\xbb\xbfk: \xff\n"), "1:4: error: invalid UTF-8: byte 0xff" },
	{ T("a: 1\rk: \xff\n"), "2:4: error: invalid UTF-8: byte 0xff" },
	/* Valid UTF-8 that YAML refuses: at its own position too. */
	{ T("a: 1\nb: \"x\x01\"\n"), "2:6: error: YAML syntax error: control "
	    "characters are not allowed (character U+0001)" },
	{ T("a: 1\nb: x\x00y\n"), "2:5: error: YAML syntax error: control "
	    "characters are not allowed (character U+0000)" },
};

START_TEST(test_bad_utf8)
{
	struct fixture	 fx;
	struct cf_arena	 a;
	char		*path, *diags, *want;

	fixture_init(&fx);
	cf_arena_init(&a);
	ck_assert_ptr_null(read_text(&fx, &a, bad_utf8[_i].text,
	    bad_utf8[_i].len, &path, &diags));
	want = fixture_fmt("%s:%s", path, bad_utf8[_i].diag);
	ck_assert_uint_eq(count_lines(diags), 1);
	ck_assert_msg(strncmp(diags, want, strlen(want)) == 0,
	    "got '%s', want '%s...'", diags, want);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 1);
	free(want);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

/* "x: " then depth - 1 '[': the top-level mapping is level 1. */
static char *
nested(int depth, size_t *len)
{
	struct cf_buf	 b;
	int		 i;

	cf_buf_init(&b);
	cf_buf_puts(&b, "x: ");
	for (i = 1; i < depth; i++)
		cf_buf_putc(&b, '[');
	for (i = 1; i < depth; i++)
		cf_buf_putc(&b, ']');
	cf_buf_putc(&b, '\n');
	*len = b.len;
	return cf_buf_detach(&b);
}

START_TEST(test_depth_limit)
{
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	struct cf_ynode	*n;
	char		*text, *path, *diags;
	size_t		 len;
	int		 depth;

	fixture_init(&fx);
	cf_arena_init(&a);
	/* 64 levels are accepted, and really nested. */
	text = nested(CF_YAML_MAX_DEPTH, &len);
	doc = read_text(&fx, &a, text, len, &path, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_ptr_nonnull(doc);
	for (depth = 1, n = doc->root; n->type != CF_Y_SCALAR &&
	    n->n > 0; depth++)
		n = n->items[0];
	ck_assert_int_eq(depth, CF_YAML_MAX_DEPTH);
	free(text);
	free(path);
	free(diags);

	/* The 65th level is refused at its own '['; so are 10,000. */
	text = nested(CF_YAML_MAX_DEPTH + 1, &len);
	ck_assert_ptr_null(read_text(&fx, &a, text, len, &path, &diags));
	ck_assert_line(diags, "%s:1:67: error: nesting deeper than 64 levels "
	    "is not accepted", path);
	ck_assert_uint_eq(count_lines(diags), 1);
	free(text);
	free(path);
	free(diags);
	text = nested(10000, &len);
	ck_assert_ptr_null(read_text(&fx, &a, text, len, &path, &diags));
	ck_assert_line(diags, "%s:1:67: error: nesting deeper than 64 levels "
	    "is not accepted", path);
	free(text);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_size_limit)
{
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	char		*text, *path, *diags;
	size_t		 len = CF_YAML_MAX_BYTES;

	fixture_init(&fx);
	cf_arena_init(&a);
	/* Exactly the limit: a comment pads "a: b" to 16 MiB. */
	text = cf_xmalloc(len + 1);
	memset(text, 'x', len + 1);
	memcpy(text, "a: b\n#", 6);
	doc = read_text(&fx, &a, text, len, &path, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_ptr_nonnull(doc);
	ck_assert_str_eq(cf_ymap_get(doc->root, "a")->value, "b");
	free(path);
	free(diags);
	/* One byte more is refused before parsing, as a file-level error. */
	ck_assert_ptr_null(read_text(&fx, &a, text, len + 1, &path, &diags));
	ck_assert_line(diags, "%s: error: file is 16777217 bytes, over the "
	    "size limit of 16777216 bytes (16 MiB); not read", path);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 1);
	free(text);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_anchor_alias_tag)
{
	static const char text[] =
	    "a: &x one\n"
	    "b: *x\n"
	    "c: !!str two\n"
	    "d: !!str\n"
	    "  - 1\n"
	    "e: ok\n";
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	char		*path, *diags;

	fixture_init(&fx);
	cf_arena_init(&a);
	doc = read_text(&fx, &a, text, sizeof(text) - 1, &path, &diags);
	/* Reported, but the rest of the tree stays usable. */
	ck_assert_ptr_nonnull(doc);
	ck_assert_line(diags, "%s:1:4: error: YAML anchor '&x' is not accepted "
	    "(no anchors or aliases)", path);
	ck_assert_line(diags, "%s:2:4: error: YAML alias '*x' is not accepted "
	    "(no anchors or aliases)", path);
	ck_assert_line(diags, "%s:3:4: error: explicit YAML tag "
	    "'tag:yaml.org,2002:str' is not accepted", path);
	ck_assert_line(diags, "%s:4:4: error: explicit YAML tag "
	    "'tag:yaml.org,2002:str' is not accepted", path);
	ck_assert_uint_eq(count_lines(diags), 4);
	ck_assert(cf_ymap_get(doc->root, "a")->bad);
	ck_assert(cf_ymap_get(doc->root, "b")->bad);
	ck_assert(cf_ymap_get(doc->root, "c")->bad);
	ck_assert(cf_ymap_get(doc->root, "d")->bad);
	ck_assert(!cf_ymap_get(doc->root, "e")->bad);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_keys)
{
	static const char text[] =
	    "a: 1\n"
	    "b: 2\n"
	    "a: 3\n"
	    "[x]: 4\n"
	    "{y: 1}: 5\n"
	    "a: 6\n";
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	char		*path, *diags;

	fixture_init(&fx);
	cf_arena_init(&a);
	doc = read_text(&fx, &a, text, sizeof(text) - 1, &path, &diags);
	ck_assert_ptr_nonnull(doc);
	ck_assert_line(diags, "%s:3:1: error: duplicate key 'a' (first given "
	    "at line 1)", path);
	ck_assert_line(diags, "%s:6:1: error: duplicate key 'a' (first given "
	    "at line 1)", path);
	ck_assert_line(diags, "%s:4:1: error: a mapping key must be a scalar, "
	    "not a sequence", path);
	ck_assert_line(diags, "%s:5:1: error: a mapping key must be a scalar, "
	    "not a mapping", path);
	ck_assert_uint_eq(count_lines(diags), 4);
	/* The first of a repeated key is the one looked up. */
	ck_assert_str_eq(cf_ymap_get(doc->root, "a")->value, "1");
	ck_assert(!doc->root->keys[0]->bad);
	ck_assert(doc->root->keys[2]->bad);
	ck_assert(doc->root->keys[3]->bad);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_documents_and_syntax)
{
	static const char two[] = "a: 1\n---\nb: 2\n";
	static const char broken[] = "a: [1, 2\nb: 3\n";
	struct fixture	 fx;
	struct cf_arena	 a;
	char		*path, *diags;

	fixture_init(&fx);
	cf_arena_init(&a);
	ck_assert_ptr_null(read_text(&fx, &a, two, sizeof(two) - 1, &path,
	    &diags));
	ck_assert_line(diags, "%s:2:1: error: a second YAML document in one "
	    "file is not accepted", path);
	free(path);
	free(diags);
	ck_assert_ptr_null(read_text(&fx, &a, broken, sizeof(broken) - 1,
	    &path, &diags));
	ck_assert_line(diags, "%s:2:2: error: YAML syntax error: did not find "
	    "expected ',' or ']' while parsing a flow sequence (begun at line "
	    "1, column 4)", path);
	ck_assert_uint_eq(count_lines(diags), 1);
	free(path);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_empty)
{
	static const char *const texts[] = { "", "# only a comment\n", "\n\n" };
	struct fixture	 fx;
	struct cf_arena	 a;
	struct cf_ydoc	*doc;
	char		*path, *diags;
	size_t		 i;

	fixture_init(&fx);
	cf_arena_init(&a);
	for (i = 0; i < 3; i++) {
		doc = read_text(&fx, &a, texts[i], strlen(texts[i]), &path,
		    &diags);
		ck_assert_ptr_nonnull(doc);
		ck_assert_ptr_null(doc->root);
		ck_assert_str_eq(diags, "");
		free(path);
		free(diags);
	}
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_system_errors)
{
	struct fixture	 fx;
	struct cf_arena	 a;
	struct capture	 c;
	char		*path, *diags;

	fixture_init(&fx);
	cf_arena_init(&a);
	path = fixture_fmt("%s/none.yaml", fx.dir);
	capture_start(&c);
	ck_assert_ptr_null(cf_yaml_read(path, &a));
	diags = capture_end(&c);
	ck_assert_line(diags, "%s: error: cannot open: No such file or "
	    "directory", path);
	ck_assert_uint_eq(cf_diag_count(CF_SYSERR), 1);
	ck_assert_int_eq(cf_diag_exit(), CF_EXIT_OS);
	free(diags);
	free(path);

	capture_start(&c);
	ck_assert_ptr_null(cf_yaml_read(fx.dir, &a));
	diags = capture_end(&c);
	ck_assert_line(diags, "%s: error: cannot read: Is a directory", fx.dir);
	ck_assert_int_eq(cf_diag_exit(), CF_EXIT_OS);
	free(diags);
	cf_arena_free(&a);
	fixture_free(&fx);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("yaml");
	TCase	*tc = tcase_create("yaml");

	tcase_add_test(tc, test_positions);
	tcase_add_test(tc, test_line_breaks);
	tcase_add_loop_test(tc, test_bad_utf8, 0,
	    sizeof(bad_utf8) / sizeof(bad_utf8[0]));
	tcase_add_test(tc, test_depth_limit);
	tcase_add_test(tc, test_size_limit);
	tcase_add_test(tc, test_anchor_alias_tag);
	tcase_add_test(tc, test_keys);
	tcase_add_test(tc, test_documents_and_syntax);
	tcase_add_test(tc, test_empty);
	tcase_add_test(tc, test_system_errors);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
