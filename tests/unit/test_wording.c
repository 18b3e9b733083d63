/*
 * test_wording.c -- messages as data (wording.h): named values put into
 * patterns, plurals, and a table with a name and a pattern per message.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "util.h"
#include "wording.h"

START_TEST(test_named_values)
{
	struct cf_arena	 a;
	struct cf_msg	 m;
	struct cf_date	 d = { 2026, 11, 21 };

	cf_arena_init(&a);
	cf_msg_init(&m, CF_MSG_DATE_BEFORE_RELEASE);
	/* Given in another order than the pattern names them. */
	cf_msg_date(&m, "released", &(struct cf_date){ 2016, 12, 5 });
	cf_msg_text(&m, "version", CF_ARG_ID, "1.0", NULL);
	cf_msg_text(&m, "catalogue", CF_ARG_ID, "iotsf-cf", NULL);
	cf_msg_date(&m, "date", &d);
	ck_assert_str_eq(cf_msg_str(&a, &m), "declaration date 2026-11-21 is "
	    "earlier than the release date of iotsf-cf 1.0 (2016-12-05)");
	ck_assert_ptr_nonnull(cf_msg_get(&m, "version"));
	ck_assert_ptr_null(cf_msg_get(&m, "nothing"));
	cf_arena_free(&a);
}
END_TEST

START_TEST(test_format_braces)
{
	struct cf_buf	 b;
	struct cf_msg	 m;

	cf_buf_init(&b);
	cf_msg_init(&m, CF_MSG_NOT_ASSESSED);
	cf_msg_text(&m, "req", CF_ARG_ID, "{x}", NULL);
	cf_msg_num(&m, "n", -3);
	/* A value's own braces stay; unknown names and lone braces too. */
	cf_msg_format(&b, "{req} {n} {unknown} { {} }{", &m);
	ck_assert_str_eq(b.data, "{x} -3 {unknown} { {} }{");
	cf_buf_free(&b);
}
END_TEST

START_TEST(test_plural)
{
	struct cf_arena	 a;
	struct cf_msg	 m;

	cf_arena_init(&a);
	cf_msg_init(&m, CF_MSG_DECL_FINDINGS);
	m.count = 1;
	ck_assert_str_eq(cf_msg_str(&a, &m), "The answers do not support "
	    "this declaration while this 1 finding stands:");
	m.count = 6;
	ck_assert_str_eq(cf_msg_str(&a, &m), "The answers do not support "
	    "this declaration while these 6 findings stand:");
	cf_arena_free(&a);
}
END_TEST

/* Every message has a unique dotted name and a non-empty pattern. */
START_TEST(test_table)
{
	size_t	 i, j;

	for (i = 0; i < CF_MSG_COUNT; i++) {
		const char *n = cf_msg_name((enum cf_msg_id)i);

		ck_assert_ptr_nonnull(n);
		ck_assert_ptr_nonnull(strchr(n, '.'));
		ck_assert_ptr_nonnull(cf_msg_pattern_en((enum cf_msg_id)i,
		    2));
		ck_assert(*cf_msg_pattern_en((enum cf_msg_id)i, 2) != '\0');
		for (j = 0; j < i; j++)
			ck_assert_str_ne(n, cf_msg_name((enum cf_msg_id)j));
	}
	ck_assert_str_eq(cf_msg_name(CF_MSG_COUNT), "unknown");
}
END_TEST

/* More values than a message holds are dropped, never written past. */
START_TEST(test_too_many)
{
	struct cf_msg	 m;
	int		 i;

	cf_msg_init(&m, CF_MSG_NOT_ASSESSED);
	for (i = 0; i < CF_MSG_MAXARGS + 3; i++)
		cf_msg_num(&m, "n", i);
	ck_assert_uint_eq(m.nargs, CF_MSG_MAXARGS);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("wording");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_named_values);
	tcase_add_test(tc, test_format_braces);
	tcase_add_test(tc, test_plural);
	tcase_add_test(tc, test_table);
	tcase_add_test(tc, test_too_many);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
