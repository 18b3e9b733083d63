/*
 * test_model.c -- condition expressions (cond.h), the catalogue's one
 * index and the applicability rules (model.h), on the test catalogue of
 * the 0.2 keys, tests/catalogue/realstd/1.0.yaml; how sections, classes
 * and applicabilities are named in documents.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "diag.h"
#include "fixture.h"
#include "load.h"
#include "model.h"
#include "validate.h"

/* The expression with its codes resolved as C1=0, C2=1, C5=2. */
static struct cf_cond *
parse(struct cf_arena *a, const char *text)
{
	const char	*msg = NULL;
	size_t		 off = 0;
	struct cf_cond	*c = cf_cond_parse(a, text, &msg, &off);

	ck_assert_msg(c != NULL, "'%s': %s at %zu", text, msg, off);
	return c;
}

static void
resolve(struct cf_cond *c, void *ctx)
{
	(void)ctx;
	c->idx = strcmp(c->code, "C1") == 0 ? 0 : strcmp(c->code, "C2") == 0 ?
	    1 : 2;
}

/* The truth table of an expression over C1, C2, C5 as 8 characters. */
static const char *
table(struct cf_arena *a, const char *text)
{
	static char	 out[9];
	struct cf_cond	*c = parse(a, text);
	bool		 v[3];
	unsigned	 i;

	cf_cond_walk(c, resolve, NULL);
	for (i = 0; i < 8; i++) {
		v[0] = i & 4, v[1] = i & 2, v[2] = i & 1;
		out[i] = cf_cond_eval(c, v) ? '1' : '0';
	}
	out[8] = '\0';
	return out;
}

START_TEST(test_cond_precedence)
{
	struct cf_arena	 a;

	cf_arena_init(&a);
	ck_assert_str_eq(table(&a, "C1"), "00001111");
	ck_assert_str_eq(table(&a, "not C1"), "11110000");
	/* not binds tighter than and, and tighter than or */
	ck_assert_str_eq(table(&a, "not C1 and C2"), "00110000");
	ck_assert_str_eq(table(&a, "not (C1 and C2)"), "11111100");
	ck_assert_str_eq(table(&a, "C1 or C2 and C5"), "00011111");
	ck_assert_str_eq(table(&a, "(C1 or C2) and C5"), "00010101");
	ck_assert_str_eq(table(&a, "C1 and not C5"), "00001010");
	ck_assert_str_eq(table(&a, "not not C2"), "00110011");
	ck_assert_str_eq(table(&a, "((C1))\n or\tC5"), "01011111");
	cf_arena_free(&a);
}
END_TEST

/* Each malformed expression: message fragment and character offset. */
START_TEST(test_cond_errors)
{
	static const struct {
		const char	*text, *msg;
		size_t		 off;
	} cases[] = {
		{ "", "ends where a condition code", 0 },
		{ "C1 and", "ends where a condition code", 6 },
		{ "C1 C2", "expects 'and', 'or' or the end", 3 },
		{ "(C1 or C2", "lacks a closing ')'", 9 },
		{ "C1)", "has a ')' that closes nothing", 2 },
		{ "C1 & C2", "has a character that is not part", 3 },
		{ "and C1", "expects a condition code, 'not' or '('", 0 },
		{ "C1 or ()", "expects a condition code, 'not' or '('", 7 },
		{ "(C1 C2)", "expects 'and', 'or' or ')'", 4 },
		{ "é or C1", "has a character that is not part", 0 },
		{ "C1 or é", "has a character that is not part", 6 },
		{ "1C", "has a character that is not part", 0 },
	};
	struct cf_arena	 a;
	const char	*msg;
	size_t		 i, off;

	cf_arena_init(&a);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		msg = NULL;
		off = 99;
		ck_assert_msg(cf_cond_parse(&a, cases[i].text, &msg, &off) ==
		    NULL, "'%s' parsed", cases[i].text);
		ck_assert_msg(strstr(msg, cases[i].msg) != NULL,
		    "'%s': '%s'", cases[i].text, msg);
		ck_assert_msg(off == cases[i].off, "'%s': offset %zu",
		    cases[i].text, off);
	}
	cf_arena_free(&a);
}
END_TEST

START_TEST(test_cond_limits)
{
	struct cf_arena	 a;
	struct cf_buf	 b;
	const char	*msg = NULL;
	size_t		 i, off = 0;

	cf_arena_init(&a);
	cf_buf_init(&b);
	for (i = 0; i < 40; i++)
		cf_buf_puts(&b, "(");
	cf_buf_puts(&b, "C1");
	ck_assert_ptr_null(cf_cond_parse(&a, b.data, &msg, &off));
	ck_assert_ptr_nonnull(strstr(msg, "nested too deeply"));
	ck_assert_uint_eq(off, 32);
	cf_buf_reset(&b);
	for (i = 0; i < 300; i++)
		cf_buf_puts(&b, i > 0 ? " or C1" : "C1");
	ck_assert_ptr_null(cf_cond_parse(&a, b.data, &msg, &off));
	ck_assert_ptr_nonnull(strstr(msg, "more than 256"));
	cf_buf_free(&b);
	cf_arena_free(&a);
}
END_TEST

static struct cf_catalogue *cat;

static void
setup(void)
{
	cf_diag_reset();
	cat = cf_catalogue_load(CFGEN_SOURCE_DIR
	    "/tests/catalogue/realstd/1.0.yaml");
	ck_assert_ptr_nonnull(cat);
	ck_assert_uint_eq(cf_validate_catalogue(cat), 0);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 0);
}

static void
teardown(void)
{
	cf_catalogue_free(cat);
}

static const struct cf_requirement *
req(const char *id)
{
	const struct cf_requirement *r = cf_catalogue_find_req(cat, id);

	ck_assert_msg(r != NULL, "no requirement %s", id);
	return r;
}

START_TEST(test_index)
{
	static const char *const order[] = { "4.3.7", "4.3.8", "4.3.9",
	    "5.1-1", "5.1-2", "5.1-3", "AC-2", "AC-2(1)", "AC-2(1)(a)",
	    "AC-2(2)", "AC-3", "3.1.9'", "CR 1.1", "CR 1.1 RE 1" };
	size_t	 i;

	ck_assert_uint_eq(cat->nreqs, 14);
	for (i = 0; i < cat->nreqs; i++) {
		ck_assert_str_eq(cat->reqs[i]->id.s, order[i]);
		ck_assert_uint_eq(cat->reqs[i]->index, i);
		ck_assert_ptr_eq(req(order[i]), cat->reqs[i]);
	}
	ck_assert_uint_eq(cat->sections[2].first, 6);
	ck_assert_uint_eq(cat->sections[2].count, 5);
	ck_assert_uint_eq(req("AC-2(1)(a)")->depth, 2);
	ck_assert_ptr_eq(req("AC-2(1)(a)")->parent, req("AC-2(1)"));
	ck_assert_ptr_eq(req("AC-2(1)(a)")->section, &cat->sections[2]);
	ck_assert_ptr_null(cf_catalogue_find_req(cat, "AC"));
	ck_assert_ptr_eq(cf_catalogue_find_section(cat, "FR 1"),
	    &cat->sections[3]);
	ck_assert_uint_eq(cf_catalogue_condition_idx(cat, "C5"), 2);
	ck_assert_ptr_eq(cf_catalogue_answer(cat, "P"), &cat->answers[1]);
	ck_assert_uint_eq(cf_count_active(cat, NULL, CF_NONE), 12);
	ck_assert_uint_eq(cf_count_active(cat, &cat->sections[2], CF_NONE), 3);
}
END_TEST

START_TEST(test_inheritance)
{
	const struct cf_requirement *r = req("AC-2(1)(a)");
	char	 buf[64];

	/* From AC-2(1): class 2; from AC-2 through it: category M. */
	ck_assert_int_eq(r->class_id, 2);
	ck_assert_str_eq(r->category, "M");
	ck_assert_uint_eq(r->inherited, CF_INHERIT_CLASS |
	    CF_INHERIT_CATEGORY | CF_INHERIT_BELOW | CF_INHERIT_CONDITION);
	ck_assert_uint_eq(req("AC-2(1)")->inherited, CF_INHERIT_CATEGORY |
	    CF_INHERIT_BELOW | CF_INHERIT_CONDITION);
	r = req("CR 1.1 RE 1");
	ck_assert(r->has_levels);
	ck_assert_str_eq(cf_class_label(r, buf, sizeof(buf)), "2, 3");
	ck_assert_str_eq(cf_class_label(req("4.3.9"), buf, sizeof(buf)),
	    "none");
	ck_assert_str_eq(cf_class_label(req("4.3.8"), buf, sizeof(buf)),
	    "2 and above");
}
END_TEST

/* A claim of class id k with conditions C1, C2, C5. */
static struct cf_claim
claim(long k, bool c1, bool c2, bool c5, bool *values)
{
	struct cf_claim	 c = cf_class_claim(cf_catalogue_class_idx(cat, k));

	values[0] = c1, values[1] = c2, values[2] = c5;
	c.cond_values = values;
	return c;
}

START_TEST(test_scope)
{
	struct cf_claim	 c;
	bool		 v[3];
	size_t		 cg = 99;

	c = claim(1, true, false, false, v);
	ck_assert_int_eq(cf_scope(cat, req("5.1-1"), &c, &cg),
	    CF_SCOPE_APPLIES);
	ck_assert_uint_eq(cg, 0);
	ck_assert_int_eq(cf_scope(cat, req("4.3.8"), &c, &cg),
	    CF_SCOPE_APPLIES);
	ck_assert_uint_eq(cg, 1);	/* below: A */
	ck_assert_int_eq(cf_scope(cat, req("4.3.7"), &c, NULL),
	    CF_SCOPE_APPLIES);
	ck_assert_int_eq(cf_scope(cat, req("4.3.9"), &c, NULL),
	    CF_SCOPE_CLASS);
	ck_assert_int_eq(cf_scope(cat, req("AC-2(1)"), &c, NULL),
	    CF_SCOPE_CLASS);
	ck_assert_int_eq(cf_scope(cat, req("AC-2(2)"), &c, NULL),
	    CF_SCOPE_INACTIVE);
	ck_assert_int_eq(cf_scope(cat, req("5.1-3"), &c, NULL),
	    CF_SCOPE_APPLIES);

	c = claim(3, false, true, true, v);
	ck_assert_int_eq(cf_scope(cat, req("4.3.7"), &c, NULL),
	    CF_SCOPE_CLASS);
	ck_assert_int_eq(cf_scope(cat, req("4.3.8"), &c, &cg),
	    CF_SCOPE_APPLIES);
	ck_assert_uint_eq(cg, 0);
	ck_assert_int_eq(cf_scope(cat, req("5.1-1"), &c, NULL),
	    CF_SCOPE_CONDITION);
	ck_assert_int_eq(cf_scope(cat, req("5.1-3"), &c, NULL),
	    CF_SCOPE_CONDITION);
	ck_assert_int_eq(cf_scope(cat, req("AC-2(1)(a)"), &c, NULL),
	    CF_SCOPE_APPLIES);
	ck_assert_int_eq(cf_scope(cat, req("CR 1.1 RE 1"), &c, NULL),
	    CF_SCOPE_APPLIES);

	/* Conditions unknown (blank checklist, guide): they may apply. */
	c = cf_class_claim(0);
	ck_assert(cf_applies(cat, req("5.1-1"), &c));
	ck_assert_uint_eq(cf_class_applicable(cat, 0), 7);
	ck_assert_uint_eq(cf_class_applicable(cat, 1), 10);
	ck_assert_uint_eq(cf_class_applicable(cat, 2), 10);
}
END_TEST

/* A section "id" holding requirements with the given ids. */
static const char *
number(struct cf_arena *a, const char *id, const char *r1, const char *r2)
{
	struct cf_requirement	 reqs[2];
	struct cf_section	 s;

	memset(reqs, 0, sizeof(reqs));
	memset(&s, 0, sizeof(s));
	reqs[0].id.s = r1;
	reqs[1].id.s = r2;
	s.id.s = id;
	s.reqs = reqs;
	s.nreqs = r1 == NULL ? 0 : r2 == NULL ? 1 : 2;
	return cf_section_number(a, &s);
}

/* Headings print a section's number as the ids below it spell it. */
START_TEST(test_section_number)
{
	struct cf_arena	 a;

	cf_arena_init(&a);
	ck_assert_str_eq(number(&a, "ac", "AC-1", "AC-2"), "AC");
	ck_assert_str_eq(number(&a, "2.3.1", "2.3.1.1", "2.3.1.10"), "2.3.1");
	ck_assert_str_eq(number(&a, "V1", "1.1.1", NULL), "V1");
	/* Not a whole prefix, no requirement, or spelled two ways. */
	ck_assert_str_eq(number(&a, "ac", "ACX-1", NULL), "ac");
	ck_assert_str_eq(number(&a, "ac", "AC", NULL), "ac");
	ck_assert_str_eq(number(&a, "ac", NULL, NULL), "ac");
	ck_assert_str_eq(number(&a, "ac", "AC-1", "Ac-2"), "ac");
	ck_assert_str_eq(number(&a, "ac", "AC-1", "AT-1"), "ac");
	cf_arena_free(&a);
}
END_TEST

/* "class 2 (Class 2)" is left out of sentences; "LOW (class 1)" is not. */
START_TEST(test_class_title_is_number)
{
	struct cf_class	 k = { .id = 2, .title = "Class 2" };
	struct cf_applic x = { .code = "consumer", .title = "Consumer" };
	struct cf_arena	 a;

	ck_assert(cf_class_title_is_number(&k));
	k.title = "Klasse 2";
	ck_assert(cf_class_title_is_number(&k));
	k.title = "2";
	ck_assert(cf_class_title_is_number(&k));
	k.title = "Class 12";
	ck_assert(!cf_class_title_is_number(&k));
	k.title = "Level 1 2";
	ck_assert(!cf_class_title_is_number(&k));
	k.title = "Moderate impact 2";
	ck_assert(!cf_class_title_is_number(&k));
	k.title = "LOW";
	ck_assert(!cf_class_title_is_number(&k));
	cf_arena_init(&a);
	ck_assert_str_eq(cf_applic_name(&a, &x), "Consumer");
	x.code = "consumer-eu";
	ck_assert_str_eq(cf_applic_name(&a, &x), "Consumer (consumer-eu)");
	cf_arena_free(&a);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("model");
	TCase	*tc = tcase_create("cond");

	tcase_add_test(tc, test_cond_precedence);
	tcase_add_test(tc, test_cond_errors);
	tcase_add_test(tc, test_cond_limits);
	suite_add_tcase(s, tc);
	tc = tcase_create("names");
	tcase_add_test(tc, test_section_number);
	tcase_add_test(tc, test_class_title_is_number);
	suite_add_tcase(s, tc);
	tc = tcase_create("catalogue");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_index);
	tcase_add_test(tc, test_inheritance);
	tcase_add_test(tc, test_scope);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
