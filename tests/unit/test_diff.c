/*
 * test_diff.c -- the word diff and the classification of release changes
 * (diff.h): which changes are found, which are flagged stricter, which
 * are not changes at all, and what the summary and the report say.
 */
#include <check.h>
#include <cmark-gfm.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "fixture.h"
#include "load.h"
#include "validate.h"

/* Word diff. */

struct wd {
	struct cf_arena		 a;
	struct cf_wd_run	*runs;
	size_t			 n;
};

static void
wd_run(struct wd *w, const char *old, const char *new)
{
	cf_arena_init(&w->a);
	w->n = cf_word_diff(&w->a, old, new, &w->runs);
}

/* "=a b -c +d": each run as op and text, for exact comparison. */
static char *
wd_string(const struct wd *w)
{
	static const char ops[] = { '=', '-', '+' };
	struct cf_buf	 b;
	size_t		 i;

	cf_buf_init(&b);
	for (i = 0; i < w->n; i++)
		cf_buf_printf(&b, "%s%c%s", i > 0 ? " | " : "",
		    ops[w->runs[i].op], w->runs[i].text);
	return cf_buf_detach(&b);
}

static void
check_wd(const char *old, const char *new, const char *want)
{
	struct wd	 w;
	char		*got;

	wd_run(&w, old, new);
	got = wd_string(&w);
	ck_assert_msg(strcmp(got, want) == 0, "diff of '%s' and '%s':\n"
	    "got  %s\nwant %s", old, new, got, want);
	free(got);
	cf_arena_free(&w.a);
}

START_TEST(test_word_diff_cases)
{
	check_wd("a b c", "a b c", "=a b c");
	/* Folding: re-wrapping is not a change. */
	check_wd("a  b\n c\n", "a b\tc", "=a b c");
	check_wd("", "", "");
	check_wd("", "new words", "+new words");
	check_wd("old words", "  ", "-old words");
	check_wd("a b c", "a x c", "=a | -b | +x | =c");
	check_wd("a b c", "a b c d", "=a b c | +d");
	check_wd("a b c", "b c", "-a | =b c");
	/* Deletion first where both happen at one place. */
	check_wd("p q", "r s", "-p q | +r s");
	/* A short common word between two changes joins them. */
	check_wd("alpha is beta", "gamma is delta",
	    "-alpha is beta | +gamma is delta");
	/* A long common run stays a match. */
	check_wd("one two three four five six seven",
	    "x two three four five six y",
	    "-one | +x | =two three four five six | -seven | +y");
	/* Two changes apart, the common words between them stay. */
	check_wd("a b c d e f g", "a x c d e y g",
	    "=a | -b | +x | =c d e | -f | +y | =g");
	/* Swapped words: "and the" is shorter than the change around it. */
	check_wd("the risks and the threats", "the threats and the risks",
	    "=the | -risks and the threats | +threats and the risks");
}
END_TEST

/* Deterministic pseudo-random texts from a small vocabulary. */
static unsigned long	 rng_state;

static unsigned
rng(void)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)(rng_state >> 33);
}

static char *
random_text(size_t words)
{
	static const char *const vocab[] = { "a", "the", "device", "shall",
	    "update", "is", "of", "and", "security", "policy", "risk" };
	static const char *const space[] = { " ", "  ", "\n", " \t" };
	struct cf_buf	 b;
	size_t		 i;

	cf_buf_init(&b);
	for (i = 0; i < words; i++) {
		if (i > 0)
			cf_buf_puts(&b, space[rng() % 4]);
		cf_buf_puts(&b, vocab[rng() % 11]);
	}
	return cf_buf_detach(&b);
}

/* Common and deleted runs give the old text back; common and inserted
 * runs the new one; no two neighbouring runs share an op. */
static void
check_rebuild(const char *old, const char *new)
{
	struct cf_buf	 o, n;
	struct wd	 w;
	struct cf_arena	 a;
	size_t		 i;

	cf_arena_init(&a);
	cf_buf_init(&o);
	cf_buf_init(&n);
	wd_run(&w, old, new);
	for (i = 0; i < w.n; i++) {
		if (i > 0)
			ck_assert_int_ne(w.runs[i].op, w.runs[i - 1].op);
		ck_assert_str_ne(w.runs[i].text, "");
		if (w.runs[i].op != CF_WD_INS)
			cf_buf_printf(&o, "%s%s", o.len ? " " : "",
			    w.runs[i].text);
		if (w.runs[i].op != CF_WD_DEL)
			cf_buf_printf(&n, "%s%s", n.len ? " " : "",
			    w.runs[i].text);
	}
	ck_assert_str_eq(o.data ? o.data : "", cf_fold_space(&a, old));
	ck_assert_str_eq(n.data ? n.data : "", cf_fold_space(&a, new));
	cf_buf_free(&o);
	cf_buf_free(&n);
	cf_arena_free(&w.a);
	cf_arena_free(&a);
}

START_TEST(test_word_diff_rebuilds)
{
	int	 i;

	rng_state = 42;
	for (i = 0; i < 500; i++) {
		char	*old = random_text(rng() % 40);
		char	*new = random_text(rng() % 40);

		check_rebuild(old, new);
		free(old);
		free(new);
	}
}
END_TEST

/*
 * Past the LCS size bound the middle is one change (how quickly is
 * measured in bench/, not here).
 */
START_TEST(test_word_diff_bounded)
{
	struct cf_buf	 o, n;
	struct wd	 w;
	size_t		 i;

	cf_buf_init(&o);
	cf_buf_init(&n);
	for (i = 0; i < 20000; i++) {
		cf_buf_printf(&o, "o%zu ", i);
		cf_buf_printf(&n, "n%zu ", i);
	}
	cf_buf_puts(&o, "end");
	cf_buf_puts(&n, "end");
	wd_run(&w, o.data, n.data);
	ck_assert_uint_eq(w.n, 3);
	ck_assert_int_eq(w.runs[0].op, CF_WD_DEL);
	ck_assert_int_eq(w.runs[1].op, CF_WD_INS);
	ck_assert_str_eq(w.runs[2].text, "end");
	cf_arena_free(&w.a);
	check_rebuild(o.data, n.data);
	cf_buf_free(&o);
	cf_buf_free(&n);
}
END_TEST

START_TEST(test_fold_space)
{
	struct cf_arena	 a;

	cf_arena_init(&a);
	ck_assert_str_eq(cf_fold_space(&a, "  a \n\n b\t\tc  \r\n"), "a b c");
	ck_assert_str_eq(cf_fold_space(&a, ""), "");
	ck_assert_str_eq(cf_fold_space(&a, NULL), "");
	ck_assert_str_eq(cf_fold_space(&a, " \n "), "");
	cf_arena_free(&a);
}
END_TEST

/* Classification, on two small releases written for the purpose. */

static const char cat_head[] =
    "schema: cfgen/catalogue/1\n"
    "id: %s\n"
    "title: Test\n"
    "publisher: Tests\n"
    "version: \"%s\"\n"
    "released: 2020-01-01\n"
    "classes:\n"
    "  - {id: 1, title: Class 1, description: Low.}\n"
    "  - {id: 2, title: Class 2, description: \"%s\"}\n"
    "  - {id: 3, title: Class 3}\n"
    "categories:\n"
    "  - {code: M, title: Mandatory, required: true}\n"
    "  - {code: A, title: Advisory, required: %s}\n"
    "applicability:\n"
    "  - {code: c, title: Consumer}\n"
    "  - {code: e, title: Enterprise}\n"
    "answers:\n"
    "  - {code: C, title: Compliant, meets: true}\n"
    "  - {code: N, title: Non-compliant, aliases: [%s]}\n"
    "  - {code: NA, title: Not applicable, meets: true, "
    "needs: justification}\n";

static const char old_body[] =
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: One\n"
    "    requirements:\n"
    "      - {id: \"1.1\", text: \"Same text.\", class: 1, category: M}\n"
    "      - id: \"1.2\"\n"
    "        text: >-\n"
    "          A text that is\n"
    "          wrapped one way.\n"
    "        class: 1\n"
    "        category: M\n"
    "      - {id: \"1.3\", text: \"Old words here.\", class: 1, "
    "category: M}\n"
    "      - {id: \"1.4\", text: \"Lowered.\", class: 2, category: M}\n"
    "      - {id: \"1.5\", text: \"Raised.\", class: 1, category: M}\n"
    "      - {id: \"1.6\", text: \"To M.\", class: 1, category: A}\n"
    "      - {id: \"1.7\", text: \"To A.\", class: 1, category: M}\n"
    "      - {id: \"1.8\", text: \"TBD to c.\", class: 1, category: M, "
    "applicability: TBD}\n"
    "      - {id: \"1.9\", text: \"c to c e.\", class: 1, category: M, "
    "applicability: [c]}\n"
    "      - {id: \"1.10\", text: \"c to TBD.\", class: 1, category: M, "
    "applicability: [c]}\n"
    "      - {id: \"1.11\", text: \"c e to e.\", class: 1, category: M, "
    "applicability: [c, e]}\n"
    "      - {id: \"1.12\", text: \"c to e.\", class: 1, category: M, "
    "applicability: [c]}\n"
    "      - {id: \"1.13\", text: \"e c same.\", class: 1, category: M, "
    "applicability: [e, c]}\n"
    "      - {id: \"1.14\", text: \"Withdrawn.\", class: 1, category: M}\n"
    "      - {id: \"1.15\", text: \"\", class: 1, category: M, "
    "status: reserved}\n"
    "      - {id: \"1.16\", text: \"Vanishes.\", class: 1, category: M}\n"
    "  - id: \"2\"\n"
    "    title: Two\n"
    "    requirements:\n"
    "      - {id: \"2.1\", text: \"Section two.\", class: 1, category: M}\n"
    "  - id: \"3\"\n"
    "    title: Three\n"
    "    requirements:\n"
    "      - {id: \"3.1\", text: \"Removed section.\", class: 1, "
    "category: M, status: withdrawn}\n";

static const char new_body[] =
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: One\n"
    "    requirements:\n"
    "      - {id: \"1.1\", text: \"Same text.\", class: 1, category: M}\n"
    "      - id: \"1.2\"\n"
    "        text: |-\n"
    "          A text\n"
    "          that is wrapped\n"
    "          one way.\n"
    "        class: 1\n"
    "        category: M\n"
    "      - {id: \"1.3\", text: \"New words here.\", class: 1, "
    "category: M}\n"
    "      - {id: \"1.4\", text: \"Lowered.\", class: 1, category: M}\n"
    "      - {id: \"1.5\", text: \"Raised.\", class: 3, category: M}\n"
    "      - {id: \"1.6\", text: \"To M.\", class: 1, category: M}\n"
    "      - {id: \"1.7\", text: \"To A.\", class: 1, category: A}\n"
    "      - {id: \"1.8\", text: \"TBD to c.\", class: 1, category: M, "
    "applicability: [c]}\n"
    "      - {id: \"1.9\", text: \"c to c e.\", class: 1, category: M, "
    "applicability: [c, e]}\n"
    "      - {id: \"1.10\", text: \"c to TBD.\", class: 1, category: M, "
    "applicability: TBD}\n"
    "      - {id: \"1.11\", text: \"c e to e.\", class: 1, category: M, "
    "applicability: [e]}\n"
    "      - {id: \"1.12\", text: \"c to e.\", class: 1, category: M, "
    "applicability: [e]}\n"
    "      - {id: \"1.13\", text: \"e c same.\", class: 1, category: M, "
    "applicability: [c, e]}\n"
    "      - {id: \"1.14\", text: \"\", class: 1, category: M, "
    "status: withdrawn, note: Merged into 1.1.}\n"
    "      - {id: \"1.15\", text: \"Reinstated.\", class: 2, "
    "category: A}\n"
    "      - {id: \"1.17\", text: \"Added.\", class: 2, category: A, "
    "applicability: [e]}\n"
    "      - {id: \"1.18\", text: \"\", class: 1, category: M, "
    "status: reserved}\n"
    "  - id: \"2\"\n"
    "    title: Two, retitled\n"
    "    requirements:\n"
    "      - {id: \"2.1\", text: \"Section two.\", class: 1, category: M}\n"
    "  - id: \"4\"\n"
    "    title: Four\n"
    "    requirements:\n"
    "      - {id: \"4.1\", text: \"New section.\", class: 1, category: M}\n";

struct pair {
	struct fixture		 fx;
	struct cf_catalogue	*old, *new;
	struct cf_diff		 d;
};

static struct cf_catalogue *
load(struct fixture *fx, const char *name, const char *head,
    const char *body)
{
	char			*text = fixture_fmt("%s%s", head, body);
	char			*path = fixture_write(fx, name, text);
	struct cf_catalogue	*cat = cf_catalogue_load(path);

	ck_assert_ptr_nonnull(cat);
	cf_validate_catalogue(cat);
	free(path);
	free(text);
	return cat;
}

static void
pair_open(struct pair *p, const char *oldbody, const char *newbody)
{
	struct capture	 c;
	char		*oldh, *newh, *diags;

	fixture_init(&p->fx);
	oldh = fixture_fmt(cat_head, "t", "1", "Medium.", "false", "X");
	newh = fixture_fmt(cat_head, "t", "2", "Medium,  now more.", "true",
	    "Y");
	capture_start(&c);
	p->old = load(&p->fx, "old.yaml", oldh, oldbody);
	p->new = load(&p->fx, "new.yaml", newh, newbody);
	diags = capture_end(&c);
	ck_assert_msg(cf_diag_count(CF_ERROR) == 0, "%s", diags);
	free(diags);
	free(oldh);
	free(newh);
	cf_diff_compute(&p->d, p->old, p->new);
}

static void
pair_close(struct pair *p)
{
	cf_diff_free(&p->d);
	cf_catalogue_free(p->old);
	cf_catalogue_free(p->new);
	fixture_free(&p->fx);
}

static void
check_req(const struct cf_diff *d, const char *id, unsigned changes,
    unsigned stricter)
{
	const struct cf_req_diff	*rd = cf_diff_find(d, id);

	if (changes == 0) {
		ck_assert_msg(rd == NULL, "%s reported as changed (%#x)", id,
		    rd != NULL ? rd->changes : 0);
		return;
	}
	ck_assert_msg(rd != NULL, "%s not reported", id);
	ck_assert_msg(rd->changes == changes, "%s: changes %#x, want %#x",
	    id, rd->changes, changes);
	ck_assert_msg(rd->stricter == stricter, "%s: stricter %#x, want %#x",
	    id, rd->stricter, stricter);
}

START_TEST(test_classification)
{
	struct pair	 p;

	pair_open(&p, old_body, new_body);
	check_req(&p.d, "1.1", 0, 0);
	check_req(&p.d, "1.2", 0, 0);		/* re-wrapped only */
	check_req(&p.d, "1.3", CF_RD_TEXT, 0);
	check_req(&p.d, "1.4", CF_RD_CLASS, CF_RD_CLASS);	/* lowered */
	check_req(&p.d, "1.5", CF_RD_CLASS, 0);			/* raised */
	check_req(&p.d, "1.6", CF_RD_CATEGORY, CF_RD_CATEGORY);
	/* A became required, but M already was: not stricter. */
	check_req(&p.d, "1.7", CF_RD_CATEGORY, 0);
	check_req(&p.d, "1.8", CF_RD_APPLIC, 0);		/* narrowed */
	check_req(&p.d, "1.9", CF_RD_APPLIC, CF_RD_APPLIC);	/* code added */
	check_req(&p.d, "1.10", CF_RD_APPLIC, CF_RD_APPLIC);	/* list gone */
	check_req(&p.d, "1.11", CF_RD_APPLIC, 0);		/* code gone */
	check_req(&p.d, "1.12", CF_RD_APPLIC, CF_RD_APPLIC);	/* swapped */
	check_req(&p.d, "1.13", 0, 0);				/* reordered */
	check_req(&p.d, "1.14", CF_RD_STATUS, 0);
	check_req(&p.d, "1.15", CF_RD_STATUS, 0);
	check_req(&p.d, "1.16", CF_RD_VANISHED, 0);
	check_req(&p.d, "1.17", CF_RD_ADDED, 0);
	check_req(&p.d, "1.18", CF_RD_ADDED, 0);
	check_req(&p.d, "2.1", 0, 0);
	check_req(&p.d, "3.1", CF_RD_VANISHED, 0);
	check_req(&p.d, "4.1", CF_RD_ADDED, 0);
	ck_assert_uint_eq(p.d.nvanished, 2);
	pair_close(&p);
}
END_TEST

START_TEST(test_summary)
{
	static const char want[] =
	    "requirement 1.3: text changed\n"
	    "requirement 1.4: class 2 -> 1 (stricter)\n"
	    "requirement 1.5: class 1 -> 3\n"
	    "requirement 1.6: category A -> M (stricter)\n"
	    "requirement 1.7: category M -> A\n"
	    "requirement 1.8: applicability TBD -> c\n"
	    "requirement 1.9: applicability c -> c, e (stricter)\n"
	    "requirement 1.10: applicability c -> TBD (stricter)\n"
	    "requirement 1.11: applicability c, e -> e\n"
	    "requirement 1.12: applicability c -> e (stricter)\n"
	    "requirement 1.14: withdrawn (was active)\n"
	    "requirement 1.15: reinstated (was reserved)\n"
	    "requirement 1.17: added (class 2, category A, applicability e)\n"
	    "requirement 1.18: added as reserved\n"
	    "requirement 4.1: added (class 1, category M, applicability "
	    "all)\n"
	    "requirement 1.16: disappeared from t 2 (an id must never "
	    "vanish)\n"
	    "requirement 3.1: disappeared from t 2 (an id must never "
	    "vanish)\n"
	    "section 2: title \"Two\" -> \"Two, retitled\"\n"
	    "section 4: added \"Four\"\n"
	    "section 3: removed \"Three\"\n"
	    "class 2: description changed\n"
	    "category A: required \"no\" -> \"yes\" (stricter)\n"
	    "answer N: aliases \"X\" -> \"Y\" (stricter)\n";
	struct pair	 p;
	struct cf_buf	 b;

	pair_open(&p, old_body, new_body);
	cf_buf_init(&b);
	cf_diff_summary(&p.d, &b);
	ck_assert_str_eq(b.data, want);
	cf_buf_free(&b);
	pair_close(&p);
}
END_TEST

/* A release compared with itself has no change at all. */
START_TEST(test_no_change)
{
	struct cf_diff	 d;
	struct pair	 p;
	struct cf_buf	 b;

	pair_open(&p, old_body, new_body);
	cf_diff_compute(&d, p.new, p.new);
	ck_assert_uint_eq(d.nreqs, 0);
	ck_assert_uint_eq(d.nother, 0);
	cf_buf_init(&b);
	cf_diff_render_md(&d, &(struct cf_diff_render){ 0 }, &b);
	ck_assert_ptr_nonnull(strstr(b.data, "makes no change"));
	cf_buf_free(&b);
	cf_diff_free(&d);
	pair_close(&p);
}
END_TEST

static char *
source_path(const char *rel)
{
	return fixture_fmt("%s/%s", CFGEN_SOURCE_DIR, rel);
}

/* The shipped releases: exactly the changes 1.1 was written to make. */
START_TEST(test_shipped_releases)
{
	static const char want[] =
	    "requirement 2.3.1.1: text changed\n"
	    "requirement 2.3.1.2: withdrawn (was active)\n"
	    "requirement 2.3.1.8: class 1 -> 2\n"
	    "requirement 2.3.1.10: text changed\n"
	    "requirement 2.3.1.10: category A -> M (stricter)\n"
	    "requirement 2.3.1.11: added (class 3, category M, "
	    "applicability TBD)\n"
	    "catalogue iotsf-cf: notice changed\n";
	struct cf_catalogue	*c0, *c1;
	struct cf_diff		 d;
	struct cf_buf		 b;
	char			*p0, *p1;

	p0 = source_path("catalogue/iotsf-cf/1.0.yaml");
	p1 = source_path("catalogue/iotsf-cf/1.1.yaml");
	c0 = cf_catalogue_load(p0);
	c1 = cf_catalogue_load(p1);
	ck_assert_ptr_nonnull(c0);
	ck_assert_ptr_nonnull(c1);
	ck_assert_uint_eq(cf_validate_catalogue(c0), 0);
	ck_assert_uint_eq(cf_validate_catalogue(c1), 0);
	cf_diff_compute(&d, c0, c1);
	/* 2.3.1.9 was only re-wrapped (and its block style changed). */
	ck_assert_ptr_null(cf_diff_find(&d, "2.3.1.9"));
	ck_assert_str_ne(cf_catalogue_find_req(c0, "2.3.1.9")->text,
	    cf_catalogue_find_req(c1, "2.3.1.9")->text);
	cf_buf_init(&b);
	cf_diff_summary(&d, &b);
	ck_assert_str_eq(b.data, want);
	cf_buf_free(&b);
	cf_diff_free(&d);
	cf_catalogue_free(c0);
	cf_catalogue_free(c1);
	free(p0);
	free(p1);
}
END_TEST

START_TEST(test_render_marks_words)
{
	struct cf_diff_render	 r = { 86400 };
	struct pair		 p;
	struct cf_buf		 md, html, again;

	pair_open(&p, old_body, new_body);
	cf_buf_init(&md);
	cf_buf_init(&html);
	cf_buf_init(&again);
	cf_diff_render_md(&p.d, &r, &md);
	cf_diff_render_html(&p.d, &r, &html);
	ck_assert_line(md.data, "- **1:** ~~Old~~ words here.");
	ck_assert_line(md.data, "- **2:** **New** words here.");
	ck_assert_ptr_nonnull(strstr(html.data,
	    "<dd><del>Old</del> words here.</dd>"));
	ck_assert_ptr_nonnull(strstr(html.data,
	    "<dd><ins>New</ins> words here.</dd>"));
	ck_assert_ptr_nonnull(strstr(md.data, "Generated:** 1970-01-02"));
	/* Same inputs, same bytes. */
	cf_diff_render_html(&p.d, &r, &again);
	ck_assert_str_eq(again.data, html.data);
	cf_buf_free(&md);
	cf_buf_free(&html);
	cf_buf_free(&again);
	pair_close(&p);
}
END_TEST

static const char hostile_old[] =
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: One\n"
    "    requirements:\n"
    "      - {id: \"1.1\", text: \"Plain.\", class: 1, category: M}\n";

static const char hostile_new[] =
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: \"<script>alert(1)</script>\"\n"
    "    requirements:\n"
    "      - id: \"1.1\"\n"
    "        text: \"<script>alert(2)</script> [x](javascript:alert(3)) "
    "<img src=x onerror=alert(4)>\"\n"
    "        class: 1\n"
    "        category: M\n"
    "      - id: \"1.2\"\n"
    "        text: \"<b onclick=alert(5)>hi</b> [y](javascript:alert(6))\"\n"
    "        class: 1\n"
    "        category: M\n";

static void
assert_inert_html(const char *html, const char *what)
{
	ck_assert_msg(strstr(html, "<script") == NULL, "%s: <script", what);
	ck_assert_msg(strstr(html, "href=\"javascript") == NULL,
	    "%s: javascript link", what);
	ck_assert_msg(strstr(html, "onerror=") == NULL || strstr(html,
	    "<img") == NULL, "%s: img", what);
	ck_assert_msg(strstr(html, "<b ") == NULL, "%s: raw tag", what);
}

/* No catalogue text can become markup, in either format. */
START_TEST(test_render_hostile)
{
	struct cf_diff_render	 r = { 0 };
	struct pair		 p;
	struct cf_buf		 md, html;
	char			*md_as_html;

	pair_open(&p, hostile_old, hostile_new);
	cf_buf_init(&md);
	cf_buf_init(&html);
	cf_diff_render_md(&p.d, &r, &md);
	cf_diff_render_html(&p.d, &r, &html);
	ck_assert_ptr_nonnull(strstr(html.data, "&lt;script&gt;alert(1)"));
	assert_inert_html(html.data, "html report");
	/* The Markdown report read by a CommonMark renderer. */
	md_as_html = cmark_markdown_to_html(md.data, md.len,
	    CMARK_OPT_UNSAFE);
	assert_inert_html(md_as_html, "md report");
	free(md_as_html);
	cf_buf_free(&md);
	cf_buf_free(&html);
	pair_close(&p);
}
END_TEST

int
main(void)
{
	Suite		*s = suite_create("diff");
	TCase		*tc = tcase_create("diff");

	tcase_add_test(tc, test_word_diff_cases);
	tcase_add_test(tc, test_word_diff_rebuilds);
	tcase_add_test(tc, test_word_diff_bounded);
	tcase_add_test(tc, test_fold_space);
	tcase_add_test(tc, test_classification);
	tcase_add_test(tc, test_summary);
	tcase_add_test(tc, test_no_change);
	tcase_add_test(tc, test_shipped_releases);
	tcase_add_test(tc, test_render_marks_words);
	tcase_add_test(tc, test_render_hostile);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
