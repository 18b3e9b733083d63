/*
 * test_gate.c -- the declaration gate (declaration.md): which requirements
 * apply to a claim (class and applicability), every kind of blocker with
 * its exact message and position, and a claim that passes.
 */
#include <check.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fixture.h"
#include "gate.h"
#include "inputs.h"
#include "model.h"
#include "wording.h"

/* A finding's English sentence (wording.h); the test's memory leaks. */
static const char *
said(const struct cf_blocker *b)
{
	static struct cf_arena	 a;
	static bool		 init;

	if (!init) {
		cf_arena_init(&a);
		init = true;
	}
	return cf_msg_str(&a, &b->msg);
}

#define SHIPPED	CFGEN_SOURCE_DIR "/catalogue/iotsf-cf/1.0.yaml"

/* Responses head; %s are the claim lines, then the rest (line 12 on). */
#define RESPONSES_HEAD							\
	"schema: cfgen/responses/1\n"			/*  1 */	\
	"catalogue: %s\n"				/*  2 */	\
	"version: \"1.0\"\n"				/*  3 */	\
	"revision: 4\n"					/*  4 */	\
	"date: 2026-03-01\n"				/*  5 */	\
	"product:\n"					/*  6 */	\
	"  id: gadget\n"				/*  7 */	\
	"  name: Gadget\n"				/*  8 */	\
	"  manufacturer: {name: G Ltd, address: Road 1}\n" /* 9 */	\
	"claim: {%s}\n"					/* 10 */	\
	"answers:\n"					/* 11 */	\
	"%s"

#define DECLARATION							\
	"declaration:\n"						\
	"  signatory: {name: A. Person, role: CEO}\n"			\
	"  place: Town\n"						\
	"  date: 2026-03-02\n"

struct gated {
	struct fixture		 fx;
	struct cf_inputs	 in;
	struct cf_verdict	 v;
	char			*diags;		/* loading and validation */
};

/* Loads a catalogue and one responses text, checks both are valid, gates. */
static void
gate(struct gated *g, const char *catalogue, const char *catalogue_id,
    const char *claim, const char *rest)
{
	struct capture	 c;
	char		*text;

	fixture_init(&g->fx);
	ck_assert_int_eq(chdir(g->fx.dir), 0);
	free(fixture_write(&g->fx, "ev.md", "evidence\n"));
	text = fixture_fmt(RESPONSES_HEAD, catalogue_id, claim, rest);
	free(fixture_write(&g->fx, "resp.yaml", text));
	free(text);
	capture_start(&c);
	ck_assert(cf_inputs_load(&g->in, catalogue, (char *[]){ "resp.yaml" },
	    1));
	g->diags = capture_end(&c);
	ck_assert_str_eq(g->diags, "");
	cf_gate(g->in.cat, g->in.resp[0], &g->v);
}

static void
gated_free(struct gated *g)
{
	cf_verdict_free(&g->v);
	cf_inputs_free(&g->in);
	free(g->diags);
	fixture_free(&g->fx);
}

/* The ids of the "not assessed" blockers, space-separated. */
static char *
not_assessed(const struct cf_verdict *v)
{
	struct cf_buf	 b;
	size_t		 i;

	cf_buf_init(&b);
	cf_buf_puts(&b, "");
	for (i = 0; i < v->nblockers; i++)
		if (v->blockers[i].kind == CF_BLOCK_NOT_ASSESSED)
			cf_buf_printf(&b, "%s%s", b.len > 0 ? " " : "",
			    v->blockers[i].req->id.s);
	return cf_buf_detach(&b);
}

/* ---- what applies ---- */

static const struct {
	const char	*claim;
	const char	*applicable;
} shipped_classes[] = {
	{ "class: 0", "" },
	{ "class: 1", "2.3.1.1 2.3.1.2 2.3.1.3 2.3.1.5 2.3.1.7 2.3.1.8 "
	    "2.3.1.9" },
	{ "class: 2", "2.3.1.1 2.3.1.2 2.3.1.3 2.3.1.4 2.3.1.5 2.3.1.6 "
	    "2.3.1.7 2.3.1.8 2.3.1.9 2.3.1.10" },
	/* TBD applies to every applicability. */
	{ "class: 1, applicability: enterprise", "2.3.1.1 2.3.1.2 2.3.1.3 "
	    "2.3.1.5 2.3.1.7 2.3.1.8 2.3.1.9" },
	{ "class: 4", "2.3.1.1 2.3.1.2 2.3.1.3 2.3.1.4 2.3.1.5 2.3.1.6 "
	    "2.3.1.7 2.3.1.8 2.3.1.9 2.3.1.10" },
};

START_TEST(test_applicable_shipped)
{
	struct gated	 g;
	char		*ids;
	size_t		 i, n = 0;

	gate(&g, SHIPPED, "iotsf-cf", shipped_classes[_i].claim,
	    "  {}\n" DECLARATION);
	ids = not_assessed(&g.v);
	ck_assert_str_eq(ids, shipped_classes[_i].applicable);
	ck_assert_uint_eq(g.v.ntallies, 1);
	for (i = 0; i < g.v.nblockers; i++) {
		ck_assert_int_eq(g.v.blockers[i].kind, CF_BLOCK_NOT_ASSESSED);
		/* At the `answers:` key. */
		ck_assert_int_eq(g.v.blockers[i].pos.line, 11);
		ck_assert_int_eq(g.v.blockers[i].pos.col, 1);
		n++;
	}
	ck_assert_uint_eq(g.v.tallies[0].applicable, n);
	ck_assert_uint_eq(g.v.tallies[0].not_assessed, n);
	ck_assert(g.v.can_issue == (n == 0));
	if (n > 0)
		ck_assert_str_eq(said(&g.v.blockers[0]), "requirement 2.3.1.1 "
		    "is applicable but not answered");
	free(ids);
	gated_free(&g);
}
END_TEST

/* Class 1 and above, or class 0; applicability codes, TBD or none. */
#define APPLIC_CATALOGUE						\
	"schema: cfgen/catalogue/1\n"					\
	"id: codes\n"							\
	"title: Codes\n"						\
	"publisher: Tests\n"						\
	"version: \"1.0\"\n"						\
	"released: 2020-01-01\n"					\
	"classes: [{id: 0, title: Zero}, {id: 1, title: One}]\n"	\
	"categories: [{code: M, title: Mandatory, required: true}]\n"	\
	"applicability:\n"						\
	"  - {code: consumer, title: Consumer}\n"			\
	"  - {code: enterprise, title: Enterprise}\n"			\
	"  - {code: industrial, title: Industrial}\n"			\
	"sections:\n"							\
	"  - id: S\n"							\
	"    title: S\n"						\
	"    requirements:\n"						\
	"      - {id: S-1, text: a, class: 0, category: M,\n"		\
	"         applicability: [consumer]}\n"				\
	"      - {id: S-2, text: b, class: 0, category: M,\n"		\
	"         applicability: [enterprise]}\n"			\
	"      - {id: S-3, text: c, class: 0, category: M,\n"		\
	"         applicability: [consumer, enterprise]}\n"		\
	"      - {id: S-4, text: d, class: 0, category: M,\n"		\
	"         applicability: TBD}\n"				\
	"      - {id: S-5, text: e, class: 0, category: M}\n"		\
	"      - {id: S-6, text: f, class: 1, category: M,\n"		\
	"         applicability: [consumer]}\n"				\
	"      - {id: S-7, text: '', class: 0, category: M,\n"		\
	"         status: withdrawn}\n"					\
	"      - {id: S-8, text: '', class: 0, category: M,\n"		\
	"         status: reserved}\n"

static const struct {
	const char	*claim;
	const char	*applicable;
} applic_claims[] = {
	{ "class: 0, applicability: consumer", "S-1 S-3 S-4 S-5" },
	{ "class: 0, applicability: enterprise", "S-2 S-3 S-4 S-5" },
	{ "class: 0, applicability: industrial", "S-4 S-5" },
	{ "class: 0", "S-1 S-2 S-3 S-4 S-5" },
	{ "class: 1, applicability: consumer", "S-1 S-3 S-4 S-5 S-6" },
	{ "class: 1", "S-1 S-2 S-3 S-4 S-5 S-6" },
};

START_TEST(test_applicable_codes)
{
	struct gated	 g;
	struct fixture	 cat;
	char		*path, *ids;

	fixture_init(&cat);
	path = fixture_write(&cat, "codes.yaml", APPLIC_CATALOGUE);
	gate(&g, path, "codes", applic_claims[_i].claim, "  {}\n" DECLARATION);
	ids = not_assessed(&g.v);
	ck_assert_str_eq(ids, applic_claims[_i].applicable);
	free(ids);
	free(path);
	gated_free(&g);
	fixture_free(&cat);
}
END_TEST

/* ---- blockers ---- */

START_TEST(test_blockers)
{
	static const char answers[] =
	    "  \"2.3.1.1\": {answer: P, evidence: [ev.md]}\n"	/* 12 */
	    "  \"2.3.1.2\": {answer: N, note: Soon.}\n"		/* 13 */
	    "  \"2.3.1.3\": {answer: C, note: Trust us.}\n"	/* 14 */
	    "  \"2.3.1.4\": {answer: PC}\n"			/* 15 */
	    "  \"2.3.1.6\": {answer: N, note: \"  \"}\n"	/* 16 */
	    "  \"2.3.1.5\": {answer: C, evidence: [ev.md]}\n"	/* 17 */
	    "  \"2.3.1.7\":\n"					/* 18 */
	    "    answer: C\n"
	    "    evidence: [ev.md]\n"
	    "    review: true\n"				/* 21 */
	    "  \"2.3.1.8\": {answer: NA, justification: No press office; the "
	    "director speaks.}\n"
	    "  \"2.3.1.10\": {answer: N, note: Next year.}\n"	/* 23 */
	    DECLARATION;
	static const struct {
		enum cf_blocker_kind	 kind;
		const char		*req;
		int			 line, col;
		const char		*message;
	} want[] = {
		{ CF_BLOCK_REQUIRED_NOT_MET, "2.3.1.1", 12, 3,
		    "requirement 2.3.1.1 is Mandatory (M) and answered PC "
		    "(Partially compliant), which does not meet it" },
		{ CF_BLOCK_REQUIRED_NOT_MET, "2.3.1.2", 13, 3,
		    "requirement 2.3.1.2 is Mandatory (M) and answered N "
		    "(Non-compliant), which does not meet it" },
		{ CF_BLOCK_NO_EVIDENCE, "2.3.1.3", 14, 3,
		    "requirement 2.3.1.3 is Mandatory (M) and answered C "
		    "without evidence" },
		{ CF_BLOCK_NO_NOTE, "2.3.1.4", 15, 3,
		    "requirement 2.3.1.4 is Advisory (A) and answered PC "
		    "without a note explaining it" },
		{ CF_BLOCK_NO_NOTE, "2.3.1.6", 16, 3,
		    "requirement 2.3.1.6 is Advisory (A) and answered N "
		    "without a note explaining it" },
		{ CF_BLOCK_REVIEW, "2.3.1.7", 18, 3,
		    "requirement 2.3.1.7 is marked 'review: true': it changed "
		    "in this release; review the answer, then remove the "
		    "mark" },
		{ CF_BLOCK_NOT_ASSESSED, "2.3.1.9", 11, 1,
		    "requirement 2.3.1.9 is applicable but not answered" },
	};
	struct gated	 g;
	size_t		 i, n = sizeof(want) / sizeof(want[0]);

	gate(&g, SHIPPED, "iotsf-cf", "class: 2", answers);
	ck_assert(!g.v.can_issue);
	ck_assert_uint_eq(g.v.nblockers, n);
	for (i = 0; i < n; i++) {
		const struct cf_blocker *b = &g.v.blockers[i];

		ck_assert_int_eq(b->kind, want[i].kind);
		ck_assert_str_eq(b->req->id.s, want[i].req);
		ck_assert_int_eq(b->pos.line, want[i].line);
		ck_assert_int_eq(b->pos.col, want[i].col);
		ck_assert_str_eq(said(b), want[i].message);
		/* A title the catalogue gives says where: PDF warnings. */
		if (b->kind == CF_BLOCK_REQUIRED_NOT_MET) {
			const struct cf_msg_arg *t = cf_msg_get(&b->msg,
			    "category");

			ck_assert_ptr_nonnull(t);
			ck_assert_ptr_nonnull(t->src.file);
			ck_assert_str_eq(t->src.what, "category M");
			ck_assert_int_gt(t->src.pos.line, 0);
		}
	}
	/* The tally counts what was answered, by code. */
	ck_assert_uint_eq(g.v.tallies[0].applicable, 10);
	ck_assert_uint_eq(g.v.tallies[0].not_assessed, 1);
	ck_assert_uint_eq(g.v.tallies[0].by_code[0], 3);	/* C */
	ck_assert_uint_eq(g.v.tallies[0].by_code[1], 2);	/* PC */
	ck_assert_uint_eq(g.v.tallies[0].by_code[2], 3);	/* N */
	ck_assert_uint_eq(g.v.tallies[0].by_code[3], 1);	/* NA */
	gated_free(&g);
}
END_TEST

START_TEST(test_no_declaration)
{
	struct gated	 g;

	gate(&g, SHIPPED, "iotsf-cf", "class: 0", "  {}\n");
	ck_assert(!g.v.can_issue);
	ck_assert_uint_eq(g.v.nblockers, 1);
	ck_assert_int_eq(g.v.blockers[0].kind, CF_BLOCK_NO_DECLARATION);
	ck_assert_ptr_null(g.v.blockers[0].req);
	ck_assert_int_eq(g.v.blockers[0].pos.line, 0);
	ck_assert_str_eq(said(&g.v.blockers[0]), "no 'declaration:' block "
	    "(signatory name and role, place, date): there is nobody to sign "
	    "the declaration");
	gated_free(&g);
}
END_TEST

static const struct {
	const char	*date;
	const char	*message;	/* NULL: no blocker */
} decl_dates[] = {
	{ "2016-12-04", "declaration date 2016-12-04 is earlier than the "
	    "release date of iotsf-cf 1.0 (2016-12-05)" },
	{ "2026-02-28", "declaration date 2026-02-28 is earlier than the date "
	    "of the answers (2026-03-01)" },
	{ "2026-03-01", NULL },
	{ "2026-06-01", NULL },	/* before the clock: no warning */
};

START_TEST(test_declaration_date)
{
	struct gated	 g;
	char		*rest;

	rest = fixture_fmt("  {}\n"					/* 12 */
	    "declaration:\n"
	    "  signatory: {name: A. Person, role: CEO}\n"
	    "  place: Town\n"
	    "  date: %s\n", decl_dates[_i].date);		/* 16 */
	gate(&g, SHIPPED, "iotsf-cf", "class: 0", rest);
	if (decl_dates[_i].message == NULL) {
		ck_assert(g.v.can_issue);
		ck_assert_uint_eq(g.v.nblockers, 0);
	} else {
		ck_assert(!g.v.can_issue);
		ck_assert_uint_eq(g.v.nblockers, 1);
		ck_assert_int_eq(g.v.blockers[0].kind, CF_BLOCK_DATE);
		ck_assert_int_eq(g.v.blockers[0].pos.line, 16);
		ck_assert_int_eq(g.v.blockers[0].pos.col, 9);
		ck_assert_str_eq(said(&g.v.blockers[0]),
		    decl_dates[_i].message);
	}
	free(rest);
	gated_free(&g);
}
END_TEST

/* Every applicable requirement met in a way the gate accepts. */
START_TEST(test_passes)
{
	static const char answers[] =
	    "  \"2.3.1.1\": {answer: C, evidence: ['https://x.example']}\n"
	    "  \"2.3.1.2\": {answer: C, evidence: [ev.md]}\n"
	    "  \"2.3.1.3\": {answer: C, evidence: [ev.md], review: false}\n"
	    "  \"2.3.1.4\": {answer: N, note: Planned for 2027.}\n"
	    "  \"2.3.1.5\": {answer: C, evidence: [ev.md]}\n"
	    "  \"2.3.1.6\": {answer: C}\n"
	    "  \"2.3.1.7\": {answer: C, evidence: [ev.md]}\n"
	    "  \"2.3.1.8\": {answer: NA, justification: No press office; the "
	    "director speaks.}\n"
	    "  \"2.3.1.9\": {answer: C, evidence: [ev.md]}\n"
	    "  \"2.3.1.10\": {answer: P, note: Partly done.}\n"
	    DECLARATION;
	struct gated	 g;
	struct capture	 c;
	char		*out, *diags;
	size_t		 len;
	FILE		*f;

	gate(&g, SHIPPED, "iotsf-cf", "class: 2, applicability: consumer",
	    answers);
	ck_assert_uint_eq(g.v.nblockers, 0);
	ck_assert(g.v.can_issue);
	ck_assert_uint_eq(g.v.tallies[0].applicable, 10);
	ck_assert_uint_eq(g.v.tallies[0].not_assessed, 0);

	capture_start(&c);
	f = open_memstream(&out, &len);
	cf_gate_report(g.in.resp[0], &g.v, f);
	fclose(f);
	diags = capture_end(&c);
	ck_assert_str_eq(diags, "");
	ck_assert_str_eq(out, "gadget: declaration at class 2 can be issued\n");
	free(out);
	free(diags);
	gated_free(&g);
}
END_TEST

/* validate and build print blockers the same way: as warnings, then one
 * verdict line. */
START_TEST(test_report)
{
	struct gated	 g;
	struct capture	 c;
	char		*out, *diags;
	size_t		 len;
	FILE		*f;

	gate(&g, SHIPPED, "iotsf-cf", "class: 1",
	    "  \"2.3.1.1\": {answer: N}\n");
	capture_start(&c);
	f = open_memstream(&out, &len);
	cf_gate_report(g.in.resp[0], &g.v, f);
	fclose(f);
	diags = capture_end(&c);
	ck_assert_str_eq(diags,
	    "resp.yaml:12:3: warning: requirement 2.3.1.1 is Mandatory (M) and "
	    "answered N (Non-compliant), which does not meet it\n"
	    "resp.yaml:11:1: warning: requirement 2.3.1.2 is applicable but "
	    "not answered\n"
	    "resp.yaml:11:1: warning: requirement 2.3.1.3 is applicable but "
	    "not answered\n"
	    "resp.yaml:11:1: warning: requirement 2.3.1.5 is applicable but "
	    "not answered\n"
	    "resp.yaml:11:1: warning: requirement 2.3.1.7 is applicable but "
	    "not answered\n"
	    "resp.yaml:11:1: warning: requirement 2.3.1.8 is applicable but "
	    "not answered\n"
	    "resp.yaml:11:1: warning: requirement 2.3.1.9 is applicable but "
	    "not answered\n"
	    "resp.yaml: warning: no 'declaration:' block (signatory name and "
	    "role, place, date): there is nobody to sign the declaration\n");
	ck_assert_str_eq(out, "gadget: declaration at class 1 refused "
	    "(8 blockers)\n");
	/* Blockers are warnings: validate still exits 0. */
	ck_assert_int_eq(cf_diag_exit(), CF_EXIT_OK);
	free(out);
	free(diags);
	gated_free(&g);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("gate");
	TCase	*tc = tcase_create("gate");

	tcase_add_loop_test(tc, test_applicable_shipped, 0,
	    sizeof(shipped_classes) / sizeof(shipped_classes[0]));
	tcase_add_loop_test(tc, test_applicable_codes, 0,
	    sizeof(applic_claims) / sizeof(applic_claims[0]));
	tcase_add_test(tc, test_blockers);
	tcase_add_test(tc, test_no_declaration);
	tcase_add_loop_test(tc, test_declaration_date, 0,
	    sizeof(decl_dates) / sizeof(decl_dates[0]));
	tcase_add_test(tc, test_passes);
	tcase_add_test(tc, test_report);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
