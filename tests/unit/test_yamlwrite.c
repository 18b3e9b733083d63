/*
 * test_yamlwrite.c -- the YAML emitter: every text written as a value,
 * at the top and inside a sequence item, reads back through cfgen's own
 * reader (yamlread.c, libyaml) as exactly the same text; words YAML would
 * type as numbers, booleans or null are never written plain.  Random
 * texts over an alphabet of YAML's syntax characters, white space, line
 * breaks and non-ASCII letters cover the forms the table misses.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fixture.h"
#include "util.h"
#include "yamlread.h"
#include "yamlwrite.h"

static const char *const texts[] = {
	"", "plain", "AC-2(1)", "2.3.1", "1.0", "010", "0x1F", "-1", "+1",
	".5", "1e3", "true", "False", "null", "~", "yes", "no", "on", "N",
	"y", ".inf", "-.inf", ".nan", "<<", "=", "a: b", "a:b", "a #b", "#c",
	"- item", "-", "? q", ": x", "[x]", "{x}", "&a", "*a", "!t", "%d",
	"@x", "`x", "'q'", "\"q\"", "|", ">", "a|b", "trailing ",
	" leading", "two  spaces", "tab\there", "back\\slash",
	"line\nbreak", "line\n\nblank", "ends\n", "\nstarts", "a\n b",
	"a\n  \nb", "a \nb", "- a. list\n  - 1\\. nested",
	"caf\xc3\xa9 \xe2\x80\x94 dash", "ls\xe2\x80\xa8here",
	"ps\xe2\x80\xa9here", "bom\xef\xbb\xbfhere", "\xef\xbb\xbf" "bom",
	"| a | b |\n|---|---|\n| 1 | 2 |", "x: |\n  y", "...", "---",
	"--- x", "a\n---\nb", "a\n...\nb", "# not a comment\nx",
	"a, b; c (d) / e & f + g", "it's", "Policy and Procedures",
};

static const char *const alphabet[] = {
	"a", "Z", "0", "9", " ", " ", "\n", "\n", "\t", ":", "#", "-", "'",
	"\"", "\\", "|", ">", "[", "]", "{", "}", ",", "&", "*", "!", "%",
	"@", "`", "?", ".", "\xc3\xa9", "\xe2\x80\xa8", "\xef\xbb\xbf",
	"true", "null", "1.5",
};

/* Writes s as values and reads them back; true when all are s. */
static bool
round_trip(struct fixture *fx, const char *s, bool *plain_typed)
{
	struct cf_arena	 a;
	struct cf_buf	 b;
	struct cf_ydoc	*doc;
	struct cf_ynode	*k, *list, *item;
	struct capture	 c;
	char		*path, *diags;
	bool		 ok;

	cf_buf_init(&b);
	cf_yw_str(&b, 0, false, "k", s);
	cf_yw_key(&b, 0, false, "list");
	cf_yw_str(&b, 4, true, "k", s);
	cf_yw_str(&b, 4, false, "j", s);
	cf_yw_key(&b, 4, false, "deeper");
	cf_yw_str(&b, 8, true, "k", s);
	path = fixture_write_n(fx, "out.yaml", b.data, b.len);
	cf_arena_init(&a);
	capture_start(&c);
	doc = cf_yaml_read(path, &a);
	diags = capture_end(&c);
	ok = doc != NULL && doc->root != NULL && *diags == '\0';
	if (ok) {
		k = cf_ymap_get(doc->root, "k");
		list = cf_ymap_get(doc->root, "list");
		ok = k != NULL && list != NULL && list->n == 1;
	}
	if (ok) {
		item = list->items[0];
		ok = strcmp(k->value, s) == 0 &&
		    strcmp(cf_ymap_get(item, "k")->value, s) == 0 &&
		    strcmp(cf_ymap_get(item, "j")->value, s) == 0 &&
		    strcmp(cf_ymap_get(cf_ymap_get(item, "deeper")->items[0],
		    "k")->value, s) == 0;
		*plain_typed = k->plain && (strspn(s, "0123456789.+-") > 0 ||
		    strcmp(s, "true") == 0 || strcmp(s, "null") == 0 ||
		    strcmp(s, "~") == 0 || strcmp(s, "N") == 0);
	}
	if (!ok)
		fprintf(stderr, "round trip failed for [%s]:\n%s\n%s\n", s,
		    b.data, diags);
	free(diags);
	free(path);
	cf_arena_free(&a);
	cf_buf_free(&b);
	return ok;
}

START_TEST(test_table)
{
	struct fixture	 fx;
	bool		 typed = false;
	size_t		 i;

	fixture_init(&fx);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		ck_assert_msg(round_trip(&fx, texts[i], &typed), "text %zu",
		    i);
		ck_assert_msg(!typed, "'%s' written plain", texts[i]);
	}
	fixture_free(&fx);
}
END_TEST

START_TEST(test_random)
{
	struct fixture	 fx;
	struct cf_buf	 s;
	unsigned long	 seed = 12345;
	bool		 typed;
	size_t		 i, j, len;

	fixture_init(&fx);
	cf_buf_init(&s);
	for (i = 0; i < 3000; i++) {
		cf_buf_reset(&s);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = (seed >> 33) % 12;
		for (j = 0; j < len; j++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			cf_buf_puts(&s, alphabet[(seed >> 33) %
			    (sizeof(alphabet) / sizeof(alphabet[0]))]);
		}
		ck_assert(round_trip(&fx, s.data != NULL ? s.data : "",
		    &typed));
	}
	cf_buf_free(&s);
	fixture_free(&fx);
}
END_TEST

START_TEST(test_forms)
{
	struct cf_buf	 b;
	static const long levels[] = { 1, 3 };

	cf_buf_init(&b);
	cf_yw_str(&b, 4, true, "id", "AC-2");
	cf_yw_str(&b, 4, false, "text", "- a.\n  - 1\\. x");
	cf_yw_ints(&b, 4, false, "levels", levels, 2);
	cf_yw_ints(&b, 4, false, "none", levels, 0);
	cf_yw_int(&b, 4, false, "class", 0);
	cf_yw_bool(&b, 4, false, "required", true);
	cf_yw_str(&b, 4, false, "version", "1.0");
	ck_assert_str_eq(b.data,
	    "  - id: AC-2\n"
	    "    text: |-\n"
	    "      - a.\n"
	    "        - 1\\. x\n"
	    "    levels: [1, 3]\n"
	    "    none: []\n"
	    "    class: 0\n"
	    "    required: true\n"
	    "    version: \"1.0\"\n");
	cf_buf_free(&b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("yamlwrite");
	TCase	*tc = tcase_create("yamlwrite");

	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_random);
	tcase_add_test(tc, test_forms);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
