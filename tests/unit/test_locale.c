/*
 * test_locale.c -- message catalogues: every built-in language has every
 * message of English (the test that fails when one is missing), plural
 * rules, dates, placeholders, fallbacks and the checks on locale files.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fixture.h"
#include "locale.h"
#include "util.h"

static const char *const builtin[] = { "en", "de", "fr" };

/*
 * Language lang from dir's locale/ (NULL: the built-ins) and, in *diags
 * (the caller frees them), what loading it said.
 */
static struct cf_locale *
load(const char *lang, const char *dir, char **diags)
{
	struct capture		 c;
	struct cf_locale	*l;

	capture_start(&c);
	l = cf_locale_load(lang, dir);
	*diags = capture_end(&c);
	return l;
}

/* Complete: no warning while loading, no message left in English. */
START_TEST(test_builtin_complete)
{
	struct cf_locale	*l;
	char			*diags;

	l = load(builtin[_i], NULL, &diags);
	ck_assert_ptr_nonnull(l);
	ck_assert_msg(*diags == '\0', "%s: %s", builtin[_i], diags);
	ck_assert_uint_eq(cf_locale_missing(l), 0);
	ck_assert_str_eq(cf_locale_tag(l), builtin[_i]);
	ck_assert_uint_gt(cf_locale_count(l), 100);
	free(diags);
	cf_locale_free(l);
}
END_TEST

START_TEST(test_words)
{
	struct cf_locale	*de = cf_locale_load("de", NULL);
	struct cf_locale	*fr = cf_locale_load("FR", NULL);
	struct cf_arena		 a;
	struct cf_date		 d = { 2026, 11, 21 };
	const char		*p[] = { "page", "3", "pages", "7", NULL };

	cf_arena_init(&a);
	ck_assert_str_eq(cf_msg(de, "summary"), "Zusammenfassung");
	ck_assert_str_eq(cf_msg(fr, "summary"), "Synthèse");
	ck_assert_str_eq(cf_msg(NULL, "summary"), "Summary");
	ck_assert_str_eq(cf_msgf(&a, de, "page_of", -1, p), "Seite 3 von 7");
	ck_assert_str_eq(cf_msgf(&a, fr, "page_of", -1, p), "Page 3 sur 7");
	ck_assert_str_eq(cf_locale_date(&a, de, &d), "21. November 2026");
	ck_assert_str_eq(cf_locale_date(&a, fr, &d), "21 novembre 2026");
	ck_assert_str_eq(cf_locale_date(&a, NULL, &d), "2026-11-21");
	/* French writes the first of the month as an ordinal */
	d.day = 1;
	ck_assert_str_eq(cf_locale_date(&a, fr, &d), "1er novembre 2026");
	ck_assert_str_eq(cf_locale_date(&a, de, &d), "1. November 2026");
	d.day = 21;
	/* plurals: English and German one = 1; French one = 0 or 1 */
	ck_assert_str_eq(cf_msgf(&a, NULL, "section_requirements", 1, NULL),
	    "1 requirement");
	ck_assert_str_eq(cf_msgf(&a, NULL, "section_requirements", 0, NULL),
	    "0 requirements");
	ck_assert_str_eq(cf_msgf(&a, de, "section_requirements", 2, NULL),
	    "2 Anforderungen");
	ck_assert_str_eq(cf_msgf(&a, fr, "section_requirements", 0, NULL),
	    "0 exigence");
	ck_assert_str_eq(cf_msgf(&a, fr, "section_requirements", 2, NULL),
	    "2 exigences");
	ck_assert_str_eq(cf_locale_tag(fr), "fr");
	cf_arena_free(&a);
	cf_locale_free(de);
	cf_locale_free(fr);
}
END_TEST

START_TEST(test_unknown_falls_back)
{
	struct cf_locale	*l;
	char			*diags;

	l = load("xx", NULL, &diags);
	ck_assert_ptr_nonnull(l);
	ck_assert_ptr_nonnull(strstr(diags, "warning: unknown language "
	    "'xx'"));
	ck_assert_str_eq(cf_locale_tag(l), "en");
	ck_assert_str_eq(cf_msg(l, "summary"), "Summary");
	free(diags);
	cf_locale_free(l);
	/* a region of a known language is that language */
	l = load("de-at", NULL, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_str_eq(cf_locale_tag(l), "de-AT");
	ck_assert_str_eq(cf_msg(l, "summary"), "Zusammenfassung");
	free(diags);
	cf_locale_free(l);
}
END_TEST

START_TEST(test_file_checks)
{
	struct fixture		 fx;
	struct cf_locale	*l;
	char			*diags;

	fixture_init(&fx);
	free(fixture_write(&fx, "locale/xx.yaml", "schema: cfgen/locale/1\n"
	    "lang: xx\n"
	    "messages:\n"
	    "  summary: Summa\n"
	    "  summry: typo\n"
	    "  page_of: \"{page}/{total}\"\n"
	    "  section_requirements: {one: x}\n"
	    "colour: red\n"));
	l = load("xx", fx.dir, &diags);
	ck_assert_ptr_null(l);
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:5:3: error: unknown "
	    "message 'summry'"));
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:6:12: error: message "
	    "'page_of' has no placeholder {total}"));
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:7:25: error: message "
	    "'section_requirements' has plural forms but no 'other'"));
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:8:1: error: unknown "
	    "key 'colour'"));
	free(diags);

	/* a good partial file: one warning per message it lacks */
	free(fixture_write(&fx, "locale/xx.yaml", "schema: cfgen/locale/1\n"
	    "lang: xx\nplural: none\n"
	    "messages:\n  summary: Summa\n"));
	l = load("xx", fx.dir, &diags);
	ck_assert_ptr_nonnull(l);
	ck_assert_str_eq(cf_msg(l, "summary"), "Summa");
	ck_assert_str_eq(cf_msg(l, "total"), "Total");
	ck_assert_uint_eq(cf_locale_missing(l), cf_locale_count(l) - 1);
	ck_assert_ptr_nonnull(strstr(diags, "locale/xx.yaml: message 'applicable' "
	    "is missing; using English"));
	free(diags);
	cf_locale_free(l);

	/* -t DIR/locale/de.yaml changes words of the built-in German */
	free(fixture_write(&fx, "locale/de.yaml", "schema: cfgen/locale/1\n"
	    "lang: de\nmessages:\n  summary: Überblick\n"));
	l = load("de", fx.dir, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_str_eq(cf_msg(l, "summary"), "Überblick");
	ck_assert_str_eq(cf_msg(l, "total"), "Gesamt");
	free(diags);
	cf_locale_free(l);
	fixture_free(&fx);
}
END_TEST

/*
 * French elides "de" and "que" before a vowel (the locale's `elision:`),
 * in every filler of placeholders; codes and consonants keep the word,
 * and -t DIR can add a name with a mute h.
 */
START_TEST(test_elision)
{
	struct cf_locale	*fr = cf_locale_load("fr", NULL);
	struct cf_locale	*de = cf_locale_load("de", NULL);
	struct cf_locale	*l;
	struct fixture		 fx;
	struct cf_arena		 a;
	const char		*with = NULL;
	char			*diags;
	const char *acme[] = { "manufacturer", "Acme Devices Ltd", NULL };
	const char *bw[] = { "manufacturer", "Brightwell GmbH", NULL };
	const char *accent[] = { "manufacturer", "Électro SA", NULL };
	const char *hermes[] = { "manufacturer", "Hermès", NULL };
	const char *both[] = { "product", "Acme SmartCam", "catalogue",
	    "IoT Security", "version", "1.0", "class", "Class 2", NULL };
	const char *code[] = { "code", "A", NULL };

	cf_arena_init(&a);
	ck_assert_str_eq(cf_msgf(&a, fr, "decl_signed", -1, acme),
	    "Signé par et au nom d’Acme Devices Ltd");
	ck_assert_str_eq(cf_msgf(&a, fr, "decl_signed", -1, bw),
	    "Signé par et au nom de Brightwell GmbH");
	ck_assert_str_eq(cf_msgf(&a, fr, "decl_signed", -1, accent),
	    "Signé par et au nom d’Électro SA");
	ck_assert_str_eq(cf_msgf(&a, fr, "decl_signed", -1, hermes),
	    "Signé par et au nom de Hermès");
	ck_assert_str_eq(cf_msgf(&a, fr, "verdict_supported", -1, both),
	    "Les réponses permettent de déclarer qu’Acme SmartCam satisfait "
	    "à toutes les exigences obligatoires applicables du catalogue IoT "
	    "Security, version 1.0, en Class 2.");
	ck_assert_str_eq(cf_msgf(&a, fr, "scope_applicable_as", -1, code),
	    "Applicable en tant que A");
	ck_assert_str_eq(cf_msgf(&a, de, "decl_signed", -1, acme),
	    "Unterzeichnet für und im Namen von Acme Devices Ltd");
	/* a word inside another ("jusque") or not before the value: kept */
	ck_assert_uint_eq(cf_locale_elide(fr, "jusque ", 7, "date", "avril",
	    &with), 0);
	ck_assert_uint_eq(cf_locale_elide(fr, "de", 2, "name", "Acme",
	    &with), 0);
	ck_assert_uint_eq(cf_locale_elide(fr, "x de ", 5, "name", "Acme",
	    &with), 3);
	ck_assert_str_eq(with, "d’");
	ck_assert_uint_eq(cf_locale_elide(NULL, "of ", 3, "name", "Acme",
	    &with), 0);

	fixture_init(&fx);
	free(fixture_write(&fx, "locale/fr.yaml", "schema: cfgen/locale/1\n"
	    "lang: fr\n"
	    "elision: {before: [a, e, i, o, u, A, E, I, O, U, Hermès],\n"
	    "  words: {de: \"d’\", que: \"qu’\"}}\n"));
	l = load("fr", fx.dir, &diags);
	ck_assert_str_eq(diags, "");
	ck_assert_str_eq(cf_msgf(&a, l, "decl_signed", -1, hermes),
	    "Signé par et au nom d’Hermès");
	free(diags);
	cf_locale_free(l);
	free(fixture_write(&fx, "locale/xx.yaml", "schema: cfgen/locale/1\n"
	    "lang: xx\n"
	    "elision:\n"
	    "  before: [a, \"\"]\n"
	    "  words: {\"de la\": x}\n"
	    "  colour: red\n"));
	l = load("xx", fx.dir, &diags);
	ck_assert_ptr_null(l);
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:4:15: error: elision: "
	    "before: an empty prefix"));
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:5:11: error: elision: "
	    "'de la' is not one word"));
	ck_assert_ptr_nonnull(strstr(diags, "xx.yaml:6:3: error: elision: "
	    "unknown key 'colour'"));
	free(diags);
	fixture_free(&fx);
	cf_arena_free(&a);
	cf_locale_free(fr);
	cf_locale_free(de);
}
END_TEST

START_TEST(test_tags)
{
	ck_assert(cf_lang_tag_ok("de"));
	ck_assert(cf_lang_tag_ok("pt-BR"));
	ck_assert(cf_lang_tag_ok("zh-Hant-TW"));
	ck_assert(!cf_lang_tag_ok("de_DE"));
	ck_assert(!cf_lang_tag_ok(""));
	ck_assert(!cf_lang_tag_ok("d"));
	ck_assert(!cf_lang_tag_ok("de-"));
	ck_assert(!cf_lang_tag_ok("../x"));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("locale");
	TCase	*tc = tcase_create("locale");

	tcase_add_loop_test(tc, test_builtin_complete, 0,
	    sizeof(builtin) / sizeof(builtin[0]));
	tcase_add_test(tc, test_words);
	tcase_add_test(tc, test_unknown_falls_back);
	tcase_add_test(tc, test_file_checks);
	tcase_add_test(tc, test_tags);
	tcase_add_test(tc, test_elision);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
