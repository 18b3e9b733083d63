/*
 * test_richtext.c -- cf_rich_depth_bound(): never below the depth the
 * parser finds, on the cases that matter and on many random texts made of
 * the characters GFM gives meaning to; and fields rendered on two threads
 * at once come out as on one (build -j).
 */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "richtext.h"
#include "util.h"

static void
bounded(const char *md)
{
	size_t	 d = cf_rich_depth(md), b = cf_rich_depth_bound(md);

	if (b < d)
		ck_abort_msg("bound %zu below depth %zu of \"%s\"", b, d, md);
}

START_TEST(test_bound_cases)
{
	static const char *const cases[] = {
		"", "text", "- a\n  - b\n", "> > > > a", "- - - - - a",
		"1. 2. 3) 4. a", "-\n  -\n    -\n      - a",
		"> - > - > - *a* **b** [c](d) ~e~", "*a _b [c *d* e](f)_ g*",
		"| a | b |\n|---|---|\n| *c* | [d](e) |",
		"- [ ] a\n- [x] b\n  - [ ] c", "\t-\t-\t-\ta",
		"www.example.com and <https://example.com> a@b.example",
		"- a\n\n      code\n", "***\n---\n___", "a\\\\*b*\\*c*",
		"`a\\`*b*", "<a href=\"\\\">*x*</a>", "# *a* [b](c)\n=\n",
		"[a]: /u\n[b][a] [a]", "![*a*](b) ![[c](d)](e)",
		"> a\nb\n> - c\nd", "- a\n- b\n\n  > c\n  > - d",
		"1) a\n   1) b\n      1) c\n         1) d",
		"a[^1]\n\n[^1]: - - - - - b",
	};
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bounded(cases[i]);
	ck_assert_uint_eq(cf_rich_depth_bound(NULL), 0);
	ck_assert_uint_eq(cf_rich_depth_bound("a[^1]"), SIZE_MAX);
	/* What the bound is for: a typical requirement needs no parse. */
	ck_assert_uint_le(cf_rich_depth_bound("- a. Develop \\[Assignment: "
	    "roles\\]:\n  - 1\\. Policy;\n    - (a) Addresses purpose"),
	    CF_RICH_MAX_DEPTH);
}
END_TEST

/* A small generator of its own: the same texts on every run. */
static uint32_t
next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

START_TEST(test_bound_random)
{
	static const char *const bits[] = {
		"- ", "* ", "+ ", "1. ", "2) ", "> ", ">", " ", "  ", "    ",
		"\t", "\n", "\n", "\r\n", "*", "**", "_", "__", "~", "~~",
		"[", "]", "](x)", "](#a)", "(", ")", "<", "<http://a.b>",
		"www.x.org ", "a@b.org ", "`", "```\n", "a", "b c", "\\", "|",
		"---", "|-|", "[ ] ", "[x] ", "!", "#", "# ", "=", ":", "1",
		".", "-", "&#42;", "<b>", "</b>", "[a]: /u\n", "\n\n",
	};
	struct cf_buf	 b;
	uint32_t	 seed = 2463534242u;
	size_t		 i, k, n;

	cf_buf_init(&b);
	for (i = 0; i < 30000; i++) {
		cf_buf_reset(&b);
		n = 1 + next_random(&seed) % 48;
		for (k = 0; k < n; k++)
			cf_buf_puts(&b, bits[next_random(&seed) %
			    (sizeof(bits) / sizeof(bits[0]))]);
		bounded(b.data);
	}
	cf_buf_free(&b);
}
END_TEST

/*
 * cmark-gfm keeps the characters that start an inline in one table for
 * the whole process, which parsing with the extensions changes and
 * restores: two threads parsing at once once lost autolinks (a bare URL
 * printed as text about one build in twelve).  Each thread checks every
 * rendering it makes.
 */
#define THREAD_RENDERS	2000

static void *
render_links(void *arg)
{
	struct cf_arena	 a;
	struct cf_rich	 r;
	int		 i, *lost = arg;

	for (i = 0; i < THREAD_RENDERS; i++) {
		cf_arena_init(&a);
		memset(&r, 0, sizeof(r));
		cf_rich_render(&a, "See https://example.org/a and www.example.org "
		    "for ~~old~~ notes.", CF_RICH_MD, &r);
		if (r.md == NULL || strstr(r.md, "<https://example.org/a>") ==
		    NULL || strstr(r.md, "~~old~~") == NULL)
			(*lost)++;
		cf_arena_free(&a);
	}
	return NULL;
}

START_TEST(test_threads)
{
	pthread_t	 tid;
	int		 lost[2] = { 0, 0 };

	ck_assert_int_eq(pthread_create(&tid, NULL, render_links, &lost[0]),
	    0);
	render_links(&lost[1]);
	pthread_join(tid, NULL);
	ck_assert_int_eq(lost[0] + lost[1], 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("richtext");
	TCase	*tc = tcase_create("depth bound");

	tcase_add_test(tc, test_bound_cases);
	tcase_add_test(tc, test_bound_random);
	suite_add_tcase(s, tc);
	tc = tcase_create("threads");
	tcase_add_test(tc, test_threads);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
