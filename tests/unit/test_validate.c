/*
 * test_validate.c -- the loader (how values are read, defaults, what the
 * model holds) and the validator (rules across a catalogue, and between
 * responses and their catalogue), asserting exact messages and positions.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fixture.h"
#include "inputs.h"
#include "load.h"
#include "model.h"
#include "validate.h"

/*
 * A small catalogue; %s is more of the first section's requirements
 * (from line 24 on), so that line numbers above it stay put.
 */
#define CATALOGUE							\
	"schema: cfgen/catalogue/1\n"			/*  1 */	\
	"id: mini\n"					/*  2 */	\
	"title: Mini\n"					/*  3 */	\
	"publisher: Tests\n"				/*  4 */	\
	"version: \"1.0\"\n"				/*  5 */	\
	"released: 2020-01-01\n"			/*  6 */	\
	"classes:\n"					/*  7 */	\
	"  - {id: 0, title: Class 0}\n"			/*  8 */	\
	"  - {id: 1, title: Class 1}\n"			/*  9 */	\
	"categories:\n"					/* 10 */	\
	"  - {code: M, title: Mandatory, required: true}\n" /* 11 */	\
	"  - {code: A, title: Advisory}\n"		/* 12 */	\
	"applicability:\n"				/* 13 */	\
	"  - {code: consumer, title: Consumer}\n"	/* 14 */	\
	"  - {code: enterprise, title: Enterprise}\n"	/* 15 */	\
	"sections:\n"					/* 16 */	\
	"  - id: \"1.1\"\n"				/* 17 */	\
	"    title: First\n"				/* 18 */	\
	"    requirements:\n"				/* 19 */	\
	"      - id: \"1.1.1\"\n"			/* 20 */	\
	"        text: One.\n"				/* 21 */	\
	"        class: 0\n"				/* 22 */	\
	"        category: M\n"				/* 23 */	\
	"%s"

/* text with its first old replaced by new; the caller frees it. */
static char *
subst(const char *text, const char *old, const char *new)
{
	const char	*at = strstr(text, old);

	ck_assert_ptr_nonnull(at);
	return fixture_fmt("%.*s%s%s", (int)(at - text), text, new,
	    at + strlen(old));
}

struct loaded {
	struct fixture		 fx;
	char			*path;
	char			*diags;
	unsigned		 errors;	/* returned by the validator */
	struct cf_catalogue	*cat;
};

/* Loads and validates text as a catalogue, capturing every diagnostic. */
static void
load_catalogue(struct loaded *l, const char *text)
{
	struct capture	 c;

	fixture_init(&l->fx);
	l->path = fixture_write(&l->fx, "cat.yaml", text);
	capture_start(&c);
	l->cat = cf_catalogue_load(l->path);
	l->errors = l->cat != NULL ? cf_validate_catalogue(l->cat) : 0;
	l->diags = capture_end(&c);
}

static void
load_catalogue_with(struct loaded *l, const char *reqs)
{
	char	*text = fixture_fmt(CATALOGUE, reqs);

	load_catalogue(l, text);
	free(text);
}

static void
loaded_free(struct loaded *l)
{
	cf_catalogue_free(l->cat);
	free(l->path);
	free(l->diags);
	fixture_free(&l->fx);
}

/* ---- the shipped catalogue ---- */

START_TEST(test_shipped_catalogue)
{
	struct capture			 c;
	struct cf_catalogue		*cat;
	const struct cf_requirement	*r;
	char				*diags;
	size_t				 i;

	ck_assert_int_eq(chdir(CFGEN_SOURCE_DIR), 0);
	capture_start(&c);
	cat = cf_catalogue_load("catalogue/iotsf-cf/1.0.yaml");
	ck_assert_ptr_nonnull(cat);
	ck_assert_uint_eq(cf_validate_catalogue(cat), 0);
	diags = capture_end(&c);
	ck_assert_str_eq(diags, "");
	ck_assert_str_eq(cat->id, "iotsf-cf");
	ck_assert_str_eq(cat->version, "1.0");
	ck_assert_int_eq(cat->released.year, 2016);
	ck_assert_int_eq(cat->released.month, 12);
	ck_assert_int_eq(cat->released.day, 5);
	ck_assert_uint_eq(cat->nclasses, 5);
	for (i = 0; i < 5; i++)
		ck_assert_int_eq(cat->classes[i].id, (long)i);
	ck_assert_uint_eq(cat->ncategories, 2);
	ck_assert(cat->categories[0].required);
	ck_assert(!cat->categories[1].required);
	ck_assert(!cat->answers_default);
	ck_assert_uint_eq(cat->nanswers, 4);
	ck_assert_uint_eq(cat->nsections, 1);
	ck_assert_str_eq(cat->sections[0].id.s, "2.3.1");
	ck_assert_uint_eq(cat->sections[0].nreqs, 10);
	r = cf_catalogue_find_req(cat, "2.3.1.10");
	ck_assert_ptr_nonnull(r);
	ck_assert_int_eq(r->class_id, 2);
	ck_assert_str_eq(cat->categories[r->category_idx].code, "A");
	ck_assert(r->applic_tbd);
	ck_assert_uint_eq(r->nreferences, 1);
	ck_assert_ptr_eq(r->section, &cat->sections[0]);
	free(diags);
	cf_catalogue_free(cat);
}
END_TEST

/* ---- how values are read ---- */

START_TEST(test_default_answers)
{
	struct loaded			 l;
	const struct cf_answer_code	*a;

	load_catalogue_with(&l, "");
	ck_assert_str_eq(l.diags, "");
	ck_assert(l.cat->answers_default);
	ck_assert_uint_eq(l.cat->nanswers, 4);
	ck_assert_str_eq(l.cat->answers[0].code, "C");
	ck_assert(l.cat->answers[0].meets);
	ck_assert(!l.cat->answers[0].needs_justification);
	ck_assert_str_eq(l.cat->answers[1].code, "PC");
	ck_assert(!l.cat->answers[1].meets);
	ck_assert_uint_eq(l.cat->answers[1].naliases, 1);
	ck_assert_str_eq(l.cat->answers[1].aliases[0], "P");
	ck_assert_str_eq(l.cat->answers[2].code, "N");
	ck_assert(!l.cat->answers[2].meets);
	ck_assert_str_eq(l.cat->answers[3].code, "NA");
	ck_assert(l.cat->answers[3].meets);
	ck_assert(l.cat->answers[3].needs_justification);
	a = cf_catalogue_answer(l.cat, "P");
	ck_assert_ptr_eq(a, &l.cat->answers[1]);
	ck_assert_ptr_null(cf_catalogue_answer(l.cat, "c"));
	loaded_free(&l);
}
END_TEST

START_TEST(test_values_read)
{
	static const char text[] =
	    "schema: cfgen/catalogue/1\n"
	    "id: mini\n"
	    "title: 200\n"			/* text: the source text */
	    "publisher: yes\n"
	    "version: 1.0\n"			/* the text 1.0, not 1 */
	    "released: \"2024-02-29\"\n"	/* quoted dates are dates */
	    "classes:\n"
	    "  - {id: 0, title: Zero}\n"
	    "  - {id: 010, title: Ten}\n"	/* the integer 10 */
	    "categories:\n"
	    "  - {code: M, title: M, required: True}\n"
	    "  - {code: N, title: No, required: FALSE}\n"
	    "sections:\n"
	    "  - id: 2.10\n"			/* the text 2.10 */
	    "    title: S\n"
	    "    requirements:\n"
	    "      - {id: 2.10.1, text: a, class: 0xA, category: M}\n"
	    "      - {id: 2.10.2, text: b, class: 0o12, category: N}\n"
	    "      - {id: 2.10.3, text: c, class: +10, category: M}\n"
	    "      - {id: 2.10.4, text: d, class: -0, category: M}\n";
	struct loaded	 l;
	size_t		 i;

	load_catalogue(&l, text);
	ck_assert_str_eq(l.diags, "");
	ck_assert_str_eq(l.cat->title, "200");
	ck_assert_str_eq(l.cat->publisher, "yes");
	ck_assert_str_eq(l.cat->version, "1.0");
	ck_assert_int_eq(l.cat->released.day, 29);
	ck_assert_int_eq(l.cat->classes[1].id, 10);
	ck_assert(l.cat->categories[0].required);
	ck_assert(!l.cat->categories[1].required);
	ck_assert_str_eq(l.cat->sections[0].id.s, "2.10");
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(l.cat->sections[0].reqs[i].class_id, 10);
		ck_assert_uint_eq(l.cat->sections[0].reqs[i].class_idx, 1);
	}
	ck_assert_int_eq(l.cat->sections[0].reqs[3].class_id, 0);
	loaded_free(&l);
}
END_TEST

/* A requirement's class written in ways that are not plain integers. */
static const struct {
	const char	*value;
	const char	*message;
} bad_integers[] = {
	{ "3x", "'class' must be an integer, not '3x'" },
	{ "\"3\"", "'class' must be an integer, not the quoted text '3'" },
	{ "'3'", "'class' must be an integer, not the quoted text '3'" },
	{ "3.0", "'class' must be an integer, not '3.0'" },
	{ "1e3", "'class' must be an integer, not '1e3'" },
	{ "0x", "'class' must be an integer, not '0x'" },
	{ "-0x1", "'class' must be an integer, not '-0x1'" },
	{ "0o8", "'class' must be an integer, not '0o8'" },
	{ "1_000", "'class' must be an integer, not '1_000'" },
	{ "99999999999999999999",
	    "'class' is out of range: 99999999999999999999" },
	{ "-1", "'class' must be a class number of 0 or more, not -1" },
	{ "~", "'class' must not be empty (expected an integer)" },
	{ "[1]", "'class' must be an integer, not a list" },
};

START_TEST(test_bad_integers)
{
	struct loaded	 l;
	char		*reqs;

	reqs = fixture_fmt("      - id: \"1.1.2\"\n"	/* 24 */
	    "        text: Two.\n"				/* 25 */
	    "        class: %s\n"				/* 26 */
	    "        category: M\n", bad_integers[_i].value);
	load_catalogue_with(&l, reqs);
	ck_assert_line(l.diags, "%s:26:16: error: requirement 1.1.2: %s",
	    l.path, bad_integers[_i].message);
	ck_assert_uint_eq(count_lines(l.diags), 1);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 1);
	free(reqs);
	loaded_free(&l);
}
END_TEST

static const struct {
	const char	*value;
	const char	*message;	/* NULL: a valid date */
} dates[] = {
	{ "2024-02-29", NULL },
	{ "2000-02-29", NULL },
	{ "'2020-12-31'", NULL },
	{ "2026-02-30", "'released' is not a calendar date: 2026-02-30" },
	{ "2023-02-29", "'released' is not a calendar date: 2023-02-29" },
	{ "2100-02-29", "'released' is not a calendar date: 2100-02-29" },
	{ "2026-04-31", "'released' is not a calendar date: 2026-04-31" },
	{ "2026-13-01", "'released' is not a calendar date: 2026-13-01" },
	{ "2026-00-10", "'released' is not a calendar date: 2026-00-10" },
	{ "0000-01-01", "'released' is not a calendar date: 0000-01-01" },
	{ "2026-1-01",
	    "'released' must be a date YYYY-MM-DD, not '2026-1-01'" },
	{ "20260101", "'released' must be a date YYYY-MM-DD, not '20260101'" },
	{ "2026-01-01T00:00:00",
	    "'released' must be a date YYYY-MM-DD, not '2026-01-01T00:00:00'" },
	{ "~", "'released' must be a date YYYY-MM-DD, not '~'" },
};

START_TEST(test_dates)
{
	struct loaded	 l;
	char		*base, *text;

	base = fixture_fmt(CATALOGUE, "");
	text = subst(base, "2020-01-01", dates[_i].value);
	free(base);
	load_catalogue(&l, text);
	if (dates[_i].message == NULL) {
		ck_assert_str_eq(l.diags, "");
		ck_assert_int_ne(l.cat->released.year, 0);
	} else {
		ck_assert_line(l.diags, "%s:6:11: error: %s", l.path,
		    dates[_i].message);
		ck_assert_uint_eq(count_lines(l.diags), 1);
		ck_assert_int_eq(l.cat->released.year, 0);
	}
	free(text);
	loaded_free(&l);
}
END_TEST

START_TEST(test_requirement_fields)
{
	struct loaded			 l;
	const struct cf_requirement	*r;

	load_catalogue_with(&l,
	    "        applicability: [consumer, enterprise]\n"	/* 24 */
	    "        guidance: Do *this*.\n"			/* 25 */
	    "        keywords: [a, b]\n"			/* 26 */
	    "        references:\n"				/* 27 */
	    "          - {title: T, url: 'https://x.example'}\n" /* 28 */
	    "      - id: \"1.1.2\"\n"				/* 29 */
	    "        text: \"\"\n"				/* 30 */
	    "        class: 1\n"				/* 31 */
	    "        category: A\n"				/* 32 */
	    "        status: withdrawn\n"			/* 33 */
	    "        note: Gone.\n"				/* 34 */
	    "      - {id: 1.1.3, text: Three., class: 1, category: A,\n"
	    "         applicability: TBD}\n");			/* 36 */
	ck_assert_str_eq(l.diags, "");
	r = &l.cat->sections[0].reqs[0];
	ck_assert_str_eq(r->id.s, "1.1.1");
	ck_assert_int_eq(r->id.pos.line, 20);
	ck_assert_int_eq(r->id.pos.col, 13);
	ck_assert_int_eq(r->class_pos.line, 22);
	ck_assert_int_eq(r->category_pos.line, 23);
	ck_assert_uint_eq(r->napplicability, 2);
	ck_assert_str_eq(r->applicability[1], "enterprise");
	ck_assert_int_eq(r->applic_item_pos[1].line, 24);
	ck_assert_int_eq(r->applic_item_pos[1].col, 35);
	ck_assert_str_eq(r->guidance, "Do *this*.");
	ck_assert_uint_eq(r->nkeywords, 2);
	ck_assert_str_eq(r->references[0].url, "https://x.example");
	ck_assert_int_eq(r->status, CF_STATUS_ACTIVE);
	r = &l.cat->sections[0].reqs[1];
	ck_assert_str_eq(r->text, "");
	ck_assert_int_eq(r->status, CF_STATUS_WITHDRAWN);
	ck_assert_str_eq(r->note, "Gone.");
	r = &l.cat->sections[0].reqs[2];
	ck_assert(r->applic_tbd);
	ck_assert_uint_eq(r->napplicability, 0);
	loaded_free(&l);
}
END_TEST

/* ---- catalogue rules ---- */

START_TEST(test_catalogue_rules)
{
	struct loaded	 l;

	load_catalogue_with(&l,
	    "      - id: \"1.1.3\"\n"				/* 24 */
	    "        text: \"One.\"\n"				/* 25 */
	    "        class: 7\n"				/* 26 */
	    "        category: X\n"				/* 27 */
	    "        applicability: [consumer, industrial]\n"	/* 28 */
	    "      - {id: 1.1.2, text: \"  One. \", class: 1, category: A}\n"
	    "      - {id: 1.2.1, text: Other., class: 1, category: A}\n"
	    "      - {id: \"1.1.1\", text: Again., class: 1, category: A}\n"
	    "  - id: \"1.0\"\n"					/* 32 */
	    "    title: Before\n"				/* 33 */
	    "    requirements: []\n"				/* 34 */
	    "  - id: index\n"					/* 35 */
	    "    title: Reserved\n"				/* 36 */
	    "    requirements:\n"				/* 37 */
	    "      - {id: \"x/1\", text: Slash., class: 0, category: M}\n");
	ck_assert_line(l.diags, "%s:26:16: error: requirement 1.1.3: unknown "
	    "class 7 (expected 0 or 1)", l.path);
	ck_assert_line(l.diags, "%s:27:19: error: requirement 1.1.3: unknown "
	    "category 'X' (expected M or A)", l.path);
	ck_assert_line(l.diags, "%s:28:35: error: requirement 1.1.3: unknown "
	    "applicability 'industrial' (expected consumer or enterprise)",
	    l.path);
	ck_assert_line(l.diags, "%s:29:14: warning: requirement 1.1.2 is out "
	    "of order (it follows 1.1.3)", l.path);
	ck_assert_line(l.diags, "%s:29:27: warning: requirement 1.1.2 has the "
	    "same text as requirement 1.1.1", l.path);
	ck_assert_line(l.diags, "%s:30:14: error: requirement 1.2.1 is not "
	    "numbered under its section 1.1 (expected 1.1.N)", l.path);
	ck_assert_line(l.diags, "%s:31:14: error: duplicate id '1.1.1' (also "
	    "a requirement at line 20)", l.path);
	ck_assert_line(l.diags, "%s:31:14: warning: requirement 1.1.1 is out "
	    "of order (it follows 1.2.1)", l.path);
	ck_assert_line(l.diags, "%s:32:5: warning: section 1.0 has no "
	    "requirements", l.path);
	ck_assert_line(l.diags, "%s:32:9: warning: section 1.0 is out of order "
	    "(it follows 1.1)", l.path);
	ck_assert_line(l.diags, "%s:35:9: error: section id 'index' is "
	    "reserved (the guide's index page)", l.path);
	ck_assert_line(l.diags, "%s:38:16: error: requirement id 'x/1' may not "
	    "contain '/' (column 16): ids are letters and digits, then also "
	    ". _ ( ) - ' and single spaces", l.path);
	ck_assert_line(l.diags, "%s:25:15: warning: requirement 1.1.3 has the "
	    "same text as requirement 1.1.1", l.path);
	ck_assert_uint_eq(count_lines(l.diags), 13);
	/* The id's characters are the loader's: the rest validation's. */
	ck_assert_uint_eq(l.errors, 6);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 7);
	ck_assert_uint_eq(cf_diag_count(CF_WARNING), 6);
	loaded_free(&l);
}
END_TEST

/* An entry already in error makes references to it no new errors. */
START_TEST(test_no_echo)
{
	static const char text[] =
	    "schema: cfgen/catalogue/1\n"
	    "id: mini\n"
	    "title: Mini\n"
	    "publisher: Tests\n"
	    "version: \"1.0\"\n"
	    "released: 2020-01-01\n"
	    "classes:\n"
	    "  - {id: 0, title: Class 0}\n"
	    "  - {id: one, title: Class 1}\n"		/* 9 */
	    "categories:\n"
	    "  - {code: M, title: Mandatory}\n"
	    "  - {code: \"\", title: Advisory}\n"	/* 12 */
	    "applicability:\n"
	    "  - {code: [x], title: X}\n"		/* 14 */
	    "sections:\n"
	    "  - id: \"1\"\n"
	    "    title: S\n"
	    "    requirements:\n"
	    "      - {id: \"1.1\", text: a, class: 1, category: A,\n"
	    "         applicability: [y]}\n"
	    "      - {id: \"1.2\", text: \"b\", class: {x: 1}}\n";	/* 21 */
	struct loaded	 l;

	load_catalogue(&l, text);
	ck_assert_line(l.diags, "%s:9:10: error: 'id' must be an integer, not "
	    "'one'", l.path);
	ck_assert_line(l.diags, "%s:12:12: error: 'code' must not be empty",
	    l.path);
	ck_assert_line(l.diags, "%s:14:12: error: 'code' must be text, not a "
	    "list", l.path);
	ck_assert_line(l.diags, "%s:21:39: error: requirement 1.2: 'class' "
	    "must be an integer, not a mapping", l.path);
	ck_assert_line(l.diags, "%s:21:9: error: requirement 1.2: missing "
	    "required key 'category' in a requirement", l.path);
	ck_assert_uint_eq(count_lines(l.diags), 5);
	loaded_free(&l);
}
END_TEST

START_TEST(test_answer_codes)
{
	struct loaded	 l;

	load_catalogue_with(&l, "answers:\n"			/* 24 */
	    "  - {code: C, title: Yes, meets: true}\n"		/* 25 */
	    "  - {code: P, title: Partly, aliases: [PC, C]}\n"	/* 26 */
	    "  - {code: N, title: No, aliases: [PC, NO]}\n"	/* 27 */
	    "  - {code: C, title: Again, needs: evidence}\n"	/* 28 */
	    "  - {code: NO, title: Not, meets: yes}\n");	/* 29 */
	ck_assert_line(l.diags, "%s:26:44: error: answer alias 'C' repeats the "
	    "answer code C (line 25)", l.path);
	ck_assert_line(l.diags, "%s:27:36: error: answer alias 'PC' is also an "
	    "alias of answer P (line 26)", l.path);
	ck_assert_line(l.diags, "%s:27:40: error: answer alias 'NO' repeats "
	    "the answer code NO (line 29)", l.path);
	ck_assert_line(l.diags, "%s:28:12: error: duplicate answer code 'C' "
	    "(also an answer code at line 25)", l.path);
	ck_assert_line(l.diags, "%s:28:36: error: 'needs' must be "
	    "'justification', not 'evidence'", l.path);
	ck_assert_line(l.diags, "%s:29:35: error: 'meets' must be true or "
	    "false, not 'yes'", l.path);
	ck_assert_uint_eq(count_lines(l.diags), 6);
	ck_assert(!l.cat->answers_default);
	loaded_free(&l);
}
END_TEST

/* ---- responses against their catalogue ---- */

#define RESPONSES							\
	"schema: cfgen/responses/1\n"			/*  1 */	\
	"catalogue: mini\n"				/*  2 */	\
	"version: 1.0\n"				/*  3 */	\
	"revision: 2\n"					/*  4 */	\
	"date: 2026-01-10\n"				/*  5 */	\
	"product:\n"					/*  6 */	\
	"  id: thing\n"					/*  7 */	\
	"  name: Thing\n"				/*  8 */	\
	"  model: 200\n"				/*  9 */	\
	"  manufacturer: {name: T, address: Street}\n"	/* 10 */	\
	"claim:\n"					/* 11 */	\
	"  class: 1\n"					/* 12 */	\
	"  applicability: consumer\n"			/* 13 */	\
	"answers:\n"					/* 14 */	\
	"%s"

struct pair {
	struct fixture		 fx;
	char			*diags;
	struct cf_inputs	 in;
	bool			 ok;
};

static void
load_pair(struct pair *p, const char *reqs, const char *answers)
{
	struct capture	 c;
	char		*cat, *resp, *text;

	fixture_init(&p->fx);
	text = fixture_fmt(CATALOGUE, reqs);
	cat = fixture_write(&p->fx, "cat.yaml", text);
	free(text);
	text = fixture_fmt(RESPONSES, answers);
	resp = fixture_write(&p->fx, "r/resp.yaml", text);
	free(text);
	free(fixture_write(&p->fx, "r/ev/a.md", "evidence\n"));
	free(fixture_write(&p->fx, "outside.md", "outside\n"));
	ck_assert_int_eq(chdir(p->fx.dir), 0);
	ck_assert_int_eq(symlink("../../outside.md", "r/ev/out.md"), 0);
	ck_assert_int_eq(symlink("a.md", "r/ev/in.md"), 0);
	capture_start(&c);
	p->ok = cf_inputs_load(&p->in, "cat.yaml", (char *[]){ "r/resp.yaml" },
	    1);
	p->diags = capture_end(&c);
	free(cat);
	free(resp);
}

/*
 * The catalogue and responses with answers, their first old changed to
 * new (subst), loaded side by side.
 */
static void
load_changed(struct pair *p, const char *answers, const char *old,
    const char *new)
{
	struct capture	 c;
	char		*base, *text;

	fixture_init(&p->fx);
	text = fixture_fmt(CATALOGUE, "");
	free(fixture_write(&p->fx, "cat.yaml", text));
	free(text);
	base = fixture_fmt(RESPONSES, answers);
	text = subst(base, old, new);
	free(fixture_write(&p->fx, "resp.yaml", text));
	free(base);
	free(text);
	ck_assert_int_eq(chdir(p->fx.dir), 0);
	capture_start(&c);
	p->ok = cf_inputs_load(&p->in, "cat.yaml", (char *[]){ "resp.yaml" },
	    1);
	p->diags = capture_end(&c);
}

static void
pair_free(struct pair *p)
{
	cf_inputs_free(&p->in);
	free(p->diags);
	fixture_free(&p->fx);
}

START_TEST(test_responses_resolved)
{
	struct pair		 p;
	struct cf_responses	*r;

	load_pair(&p,
	    "      - {id: \"1.1.2\", text: Two., class: 1, category: A}\n",
	    "  1.1.1: {answer: C, evidence: [ev/a.md, 'https://x.example']}\n"
	    "  \"1.1.2\":\n"
	    "    answer: P\n"
	    "    note: Half.\n"
	    "    review: false\n");
	ck_assert_str_eq(p.diags, "");
	ck_assert(p.ok);
	r = p.in.resp[0];
	ck_assert(r->matches_catalogue);
	ck_assert_str_eq(r->version.s, "1.0");
	ck_assert_str_eq(r->product.model, "200");
	ck_assert_int_eq(r->revision, 2);
	ck_assert_uint_eq(r->claim.class_idx, 1);
	ck_assert_str_eq(r->claim.applicability.s, "consumer");
	ck_assert_int_eq(r->answers_pos.line, 14);
	ck_assert_uint_eq(r->nanswers, 2);
	ck_assert_ptr_eq(r->answers[0].req, &p.in.cat->sections[0].reqs[0]);
	ck_assert_ptr_eq(r->answers[0].acode, &p.in.cat->answers[0]);
	ck_assert_uint_eq(r->answers[0].nevidence, 2);
	ck_assert_int_eq(r->answers[0].evidence[0].kind, CF_EVIDENCE_PATH);
	ck_assert_int_eq(r->answers[0].evidence[1].kind, CF_EVIDENCE_URL);
	ck_assert_ptr_eq(r->answers[1].acode, &p.in.cat->answers[1]);
	ck_assert_str_eq(r->answers[1].code.s, "P");
	ck_assert(!r->answers[1].review);
	pair_free(&p);
}
END_TEST

START_TEST(test_responses_rules)
{
	struct pair	 p;

	load_pair(&p,
	    "      - {id: \"1.1.2\", text: Two., class: 1, category: A,\n"
	    "         status: withdrawn}\n",
	    "  1.1.11: {answer: C}\n"				/* 15 */
	    "  9.9: {answer: C}\n"				/* 16 */
	    "  1.1.2: {answer: C}\n"				/* 17 */
	    "  1.1.1:\n"					/* 18 */
	    "    answer: na\n"					/* 19 */
	    "    evidence: [ftp://x, /etc/passwd, ../x, ev/../../x, ev/no,\n"
	    "       ev, ev/out.md, ev/../ev/in.md, MAILTO:a@b.example]\n");
	ck_assert(!p.ok);
	ck_assert_line(p.diags, "r/resp.yaml:15:3: error: answer to unknown "
	    "requirement 1.1.11 (did you mean 1.1.1?)");
	ck_assert_line(p.diags, "r/resp.yaml:16:3: error: answer to unknown "
	    "requirement 9.9");
	ck_assert_line(p.diags, "r/resp.yaml:17:3: warning: requirement 1.1.2 "
	    "is withdrawn; its answer is ignored");
	ck_assert_line(p.diags, "r/resp.yaml:19:13: error: requirement 1.1.1: "
	    "unknown answer 'na' (expected C, PC, N or NA)");
	ck_assert_line(p.diags, "r/resp.yaml:20:16: error: requirement 1.1.1: "
	    "evidence 'ftp://x' uses a URL scheme other than http, https or "
	    "mailto");
	ck_assert_line(p.diags, "r/resp.yaml:20:25: error: requirement 1.1.1: "
	    "evidence path '/etc/passwd' is absolute; give it relative to the "
	    "responses folder");
	ck_assert_line(p.diags, "r/resp.yaml:20:38: error: requirement 1.1.1: "
	    "evidence path '../x' leaves the responses folder");
	ck_assert_line(p.diags, "r/resp.yaml:20:44: error: requirement 1.1.1: "
	    "evidence path 'ev/../../x' leaves the responses folder");
	ck_assert_line(p.diags, "r/resp.yaml:20:56: error: requirement 1.1.1: "
	    "evidence file 'ev/no' not found (No such file or directory)");
	ck_assert_line(p.diags, "r/resp.yaml:21:8: error: requirement 1.1.1: "
	    "evidence 'ev' is not a regular file");
	ck_assert_line(p.diags, "r/resp.yaml:21:12: error: requirement 1.1.1: "
	    "evidence path 'ev/out.md' is a symbolic link that leads out of "
	    "the responses folder");
	ck_assert_uint_eq(count_lines(p.diags), 11);
	pair_free(&p);
}
END_TEST

START_TEST(test_responses_na_and_claim)
{
	struct pair	 p;

	load_pair(&p, "",
	    "  1.1.1:\n"					/* 15 */
	    "    answer: NA\n"					/* 16 */
	    "    justification: \" \"\n");			/* 17 */
	ck_assert_line(p.diags, "r/resp.yaml:16:13: error: requirement 1.1.1: "
	    "answer NA needs a justification");
	ck_assert_uint_eq(count_lines(p.diags), 1);
	pair_free(&p);

	/* The claim, checked against the release. */
	load_changed(&p, "  1.1.1: {answer: C, evidence: [cat.yaml]}\n",
	    "class: 1\n  applicability: consumer",
	    "class: 5\n  applicability: industrial");
	ck_assert_line(p.diags, "resp.yaml:12:10: error: claimed class 5 is "
	    "not a class of mini 1.0 (expected 0 or 1)");
	ck_assert_line(p.diags, "resp.yaml:13:18: error: claimed applicability "
	    "'industrial' is not declared (expected consumer or enterprise)");
	ck_assert_uint_eq(count_lines(p.diags), 2);
	pair_free(&p);
}
END_TEST

/* After a release mismatch, only that one error: nothing else is judged. */
START_TEST(test_release_mismatch)
{
	struct pair	 p;

	load_changed(&p, "  1.1.9: {answer: Q}\n", "version: 1.0",
	    "version: 1.1");
	ck_assert(!p.ok);
	ck_assert_str_eq(p.diags, "resp.yaml:3:10: error: responses answer "
	    "mini 1.1, catalogue is mini 1.0\n");
	ck_assert(!p.in.resp[0]->matches_catalogue);
	pair_free(&p);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("validate");
	TCase	*tc = tcase_create("validate");

	tcase_add_test(tc, test_shipped_catalogue);
	tcase_add_test(tc, test_default_answers);
	tcase_add_test(tc, test_values_read);
	tcase_add_loop_test(tc, test_bad_integers, 0,
	    sizeof(bad_integers) / sizeof(bad_integers[0]));
	tcase_add_loop_test(tc, test_dates, 0,
	    sizeof(dates) / sizeof(dates[0]));
	tcase_add_test(tc, test_requirement_fields);
	tcase_add_test(tc, test_catalogue_rules);
	tcase_add_test(tc, test_no_echo);
	tcase_add_test(tc, test_answer_codes);
	tcase_add_test(tc, test_responses_resolved);
	tcase_add_test(tc, test_responses_rules);
	tcase_add_test(tc, test_responses_na_and_claim);
	tcase_add_test(tc, test_release_mismatch);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
