/*
 * test_pdf.c -- the PDF layout layer and the PDF checklists: line
 * breaking, md to runs, table pagination, reproducibility, missing
 * glyphs and libharu errors.  Models are built by hand so the tests do
 * not depend on the loader; page contents are read back with pdftotext.
 */
#define _GNU_SOURCE		/* memmem */

#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zlib.h>

#include "diag.h"
#include "fixture.h"
#include "gate.h"
#include "layout.h"
#include "model.h"
#include "pdfstyle.h"
#include "render.h"
#include "richtext.h"
#include "util.h"

#define EPS	0.01

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static size_t
count(const char *hay, const char *needle)
{
	size_t		 n = 0;
	const char	*p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/*
 * What the command "before PATH after" prints, PATH a file holding pdf:
 * the PDF tools read a file, not standard input.
 */
static char *
pdf_run(const struct cf_buf *pdf, const char *before, const char *after)
{
	char		 path[] = "/tmp/cfgen-test-pdf-XXXXXX";
	char		 cmd[512], chunk[4096];
	struct cf_buf	 out;
	FILE		*p;
	size_t		 n;
	int		 fd;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert_int_eq(write(fd, pdf->data, pdf->len), (ssize_t)pdf->len);
	close(fd);
	ck_assert_int_lt(snprintf(cmd, sizeof(cmd), "%s %s %s", before, path,
	    after), (int)sizeof(cmd));
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	cf_buf_init(&out);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		cf_buf_put(&out, chunk, n);
	ck_assert_int_eq(pclose(p), 0);
	unlink(path);
	return cf_buf_detach(&out);
}

/* The text of a PDF, pages separated by form feeds (pdftotext). */
static char *
pdf_text(const struct cf_buf *pdf)
{
	char	*text = pdf_run(pdf, "pdftotext -enc UTF-8", "- 2>/dev/null");

	ck_assert_uint_gt(strlen(text), 0);
	return text;
}

/* Splits pdftotext output into pages (modifies text). */
static size_t
pages_of(char *text, char **pages, size_t max)
{
	size_t	 n = 0;
	char	*p = text, *ff;

	while (*p != '\0' && n < max) {
		pages[n++] = p;
		if ((ff = strchr(p, '\f')) == NULL)
			break;
		*ff = '\0';
		p = ff + 1;
	}
	return n;
}

static void
open_layout(struct cf_layout *L, struct cf_pdf_style *st)
{
	ck_assert_int_eq(cf_pdf_style_load(NULL, st), 0);
	ck_assert_int_eq(cf_layout_open(L, st), 0);
}

static void
close_layout(struct cf_layout *L, struct cf_pdf_style *st)
{
	cf_layout_close(L);
	cf_pdf_style_free(st);
}

/* The text of one laid-out line, fragments joined by their gaps. */
static char *
line_text(const struct cf_line *ln)
{
	struct cf_buf	 b;
	size_t		 i;

	cf_buf_init(&b);
	cf_buf_puts(&b, "");
	for (i = 0; i < ln->nfrags; i++) {
		if (i > 0 && ln->frags[i].x > ln->frags[i - 1].x +
		    ln->frags[i - 1].w + EPS && b.len > 0 &&
		    b.data[b.len - 1] != ' ')
			cf_buf_putc(&b, ' ');
		cf_buf_puts(&b, ln->frags[i].text);
	}
	return cf_buf_detach(&b);
}

static double
line_end(const struct cf_line *ln)
{
	const struct cf_frag	*f;

	if (ln->nfrags == 0)
		return 0;
	f = &ln->frags[ln->nfrags - 1];
	return f->x + f->w;
}

/* How often raw PDF bytes hold a string (dictionaries are not
 * compressed). */
static size_t
count_bytes(const struct cf_buf *b, const char *needle)
{
	size_t	 n = strlen(needle), i, k = 0;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			k++;
	return k;
}

static bool
has_bytes(const struct cf_buf *b, const char *needle)
{
	return count_bytes(b, needle) > 0;
}

static bool
valid_utf8(const char *s)
{
	size_t		 n = strlen(s), k;
	unsigned	 cp;

	while (n > 0) {
		if ((k = cf_utf8_decode((const unsigned char *)s, n, &cp)) == 0)
			return false;
		s += k;
		n -= k;
	}
	return true;
}

static struct cf_run
run(enum cf_font_style font, const char *text)
{
	struct cf_run	 r;

	r.font = font;
	r.text = text;
	r.len = strlen(text);
	r.link = NULL;
	r.strike = false;
	return r;
}

/* Breaks runs and checks every line fits; returns the lines joined. */
static char *
break_and_check(struct cf_layout *L, const struct cf_run *runs, size_t n,
    double width, const char *sep, size_t *nlines)
{
	struct cf_box	 box;
	struct cf_buf	 all;
	char		*t;
	size_t		 i;

	cf_break_runs(L, runs, n, 10, width, false, &box);
	cf_buf_init(&all);
	cf_buf_puts(&all, "");
	for (i = 0; i < box.nlines; i++) {
		ck_assert_msg(line_end(&box.lines[i]) <= width + EPS,
		    "line %zu is %.2f pt wide, over %.2f", i,
		    line_end(&box.lines[i]), width);
		t = line_text(&box.lines[i]);
		ck_assert_msg(valid_utf8(t), "line %zu: broken UTF-8", i);
		if (i > 0)
			cf_buf_puts(&all, sep);
		cf_buf_puts(&all, t);
		free(t);
	}
	*nlines = box.nlines;
	return cf_buf_detach(&all);
}

/* ------------------------------------------------------------------ */
/* A hand-made model                                                   */

struct model {
	struct cf_catalogue	*cat;
	struct cf_responses	*resp;
	struct cf_verdict	 vd;
};

static const char *
arena_printf_id(struct cf_arena *a, size_t s, size_t r)
{
	return r == 0 ? cf_arena_printf(a, "1.%zu", s + 1) :
	    cf_arena_printf(a, "1.%zu.%zu", s + 1, r);
}

static void
make_catalogue(struct model *m, size_t nsec, size_t nreq, const char *text)
{
	static const char *const codes[] = { "C", "PC", "N", "NA" };
	static const char *const titles[] = { "Compliant",
	    "Partially compliant", "Non-compliant", "Not applicable" };
	static const char *alias_p[] = { "P" };
	static struct cf_pos alias_pos[] = { { 0, 0 } };
	struct cf_catalogue	*c;
	struct cf_section	*s;
	struct cf_requirement	*r;
	size_t			 i, j;

	c = m->cat = cf_xcalloc(1, sizeof(*c));
	cf_arena_init(&c->arena);
	c->path = "test/catalogue.yaml";
	c->id = "testcat";
	c->title = "Test Catalogue \xe2\x80\x94 \xe2\x80\x9cS\xc3\xa9" "curit"
	    "\xc3\xa9\xe2\x80\x9d";
	c->publisher = "Test Foundation";
	c->version = "1.0";
	c->released = (struct cf_date){ 2016, 12, 5 };
	c->url = "https://example.org/catalogue";
	c->notice = "This is a *test* catalogue; see "
	    "[the site](https://example.org).";
	c->nclasses = 3;
	c->classes = cf_arena_alloc(&c->arena, 3 * sizeof(*c->classes));
	for (i = 0; i < 3; i++) {
		c->classes[i].id = (long)i;
		c->classes[i].title = cf_arena_printf(&c->arena, "Class %zu",
		    i);
		c->classes[i].description = "Where compromise would have "
		    "**some** impact.";
		c->classes[i].confidentiality = "basic";
		c->classes[i].integrity = "medium";
		c->classes[i].availability = "high";
	}
	c->ncategories = 2;
	c->categories = cf_arena_alloc(&c->arena, 2 * sizeof(*c->categories));
	c->categories[0] = (struct cf_category){ "M", "Mandatory", true,
	    { 0, 0 } };
	c->categories[1] = (struct cf_category){ "A", "Advisory", false,
	    { 0, 0 } };
	c->nanswers = 4;
	c->answers = cf_arena_alloc(&c->arena, 4 * sizeof(*c->answers));
	for (i = 0; i < 4; i++) {
		c->answers[i].code = codes[i];
		c->answers[i].title = titles[i];
		c->answers[i].meets = i == 0 || i == 3;
		c->answers[i].needs_justification = i == 3;
	}
	c->answers[1].aliases = alias_p;
	c->answers[1].alias_pos = alias_pos;
	c->answers[1].naliases = 1;
	c->answers_default = true;
	c->nsections = nsec;
	c->sections = cf_arena_alloc(&c->arena, nsec * sizeof(*c->sections));
	for (i = 0; i < nsec; i++) {
		s = &c->sections[i];
		s->id.s = arena_printf_id(&c->arena, i, 0);
		s->title = cf_arena_printf(&c->arena, "Section title %zu",
		    i + 1);
		s->intro = "Confirm the following requirements.";
		s->nreqs = nreq;
		s->reqs = cf_arena_alloc(&c->arena, nreq * sizeof(*s->reqs));
		for (j = 0; j < nreq; j++) {
			r = &s->reqs[j];
			r->id.s = arena_printf_id(&c->arena, i, j + 1);
			r->text = text != NULL ? text : cf_arena_printf(
			    &c->arena, "REQ%s There is a person or role who is "
			    "responsible for *security* of %s. END%s", r->id.s,
			    r->id.s, r->id.s);
			r->class_id = (long)(j % 3);
			r->class_idx = j % 3;
			r->category = j % 2 == 0 ? "M" : "A";
			r->category_idx = j % 2;
			r->applic_tbd = true;
			r->section = s;
			r->text_pos = (struct cf_pos){ (int)(10 + j), 11 };
			if (j == 4) {
				r->status = CF_STATUS_RESERVED;
				r->note = "Kept so numbering never shifts.";
			}
		}
	}
	cf_catalogue_index(c);
}

static void
make_responses(struct model *m)
{
	struct cf_catalogue	*c = m->cat;
	struct cf_responses	*r;
	struct cf_answer	*a;
	struct cf_tally		*t;
	size_t			 i;

	r = m->resp = cf_xcalloc(1, sizeof(*r));
	cf_arena_init(&r->arena);
	r->path = "test/responses.yaml";
	r->revision = 2;
	r->date = (struct cf_date){ 2026, 11, 20 };
	r->product.id.s = "prod";
	r->product.name = "Pr\xc3\xb6" "dukt X";
	r->product.model = "X-1";
	r->product.manufacturer.name = "Fabrik GmbH";
	r->product.manufacturer.address = "K\xc3\xb6nigstra\xc3\x9f" "e 1";
	r->claim.class_id = 1;
	r->claim.class_idx = 1;
	r->nanswers = 3;
	r->answers = cf_arena_alloc(&r->arena, 3 * sizeof(*r->answers));
	a = &r->answers[0];
	a->req_id.s = "1.1.1";
	a->req = &c->sections[0].reqs[0];
	a->acode = &c->answers[0];
	a->nevidence = 2;
	a->evidence = cf_arena_alloc(&r->arena, 2 * sizeof(*a->evidence));
	a->evidence[0] = (struct cf_evidence){ "https://acme.example/security/"
	    "governance/a/very/long/path/that/must/break/somewhere",
	    CF_EVIDENCE_URL, { 0, 0 } };
	a->evidence[1] = (struct cf_evidence){ "evidence/minutes.pdf",
	    CF_EVIDENCE_PATH, { 0, 0 } };
	a->note = "The CTO holds this role.";
	a = &r->answers[1];
	a->req_id.s = "1.1.2";
	a->req = &c->sections[0].reqs[1];
	a->acode = &c->answers[3];
	a->justification = "Not relevant: *no* such process.";
	a = &r->answers[2];
	a->req_id.s = "1.1.4";
	a->req = &c->sections[0].reqs[3];
	a->acode = &c->answers[2];
	cf_responses_index(r);
	cf_arena_init(&m->vd.arena);
	m->vd.ntallies = c->nsections;
	m->vd.tallies = cf_arena_alloc(&m->vd.arena, c->nsections *
	    sizeof(*m->vd.tallies));
	for (i = 0; i < c->nsections; i++) {
		t = &m->vd.tallies[i];
		t->section = &c->sections[i];
		t->by_code = cf_arena_alloc(&m->vd.arena, 4 * sizeof(size_t));
		t->applicable = 3;
		t->not_assessed = i == 0 ? 1 : 3;
		if (i == 0) {
			t->by_code[0] = 1;
			t->by_code[3] = 1;
		}
	}
	m->vd.nblockers = 1;
	m->vd.blockers = cf_arena_alloc(&m->vd.arena, sizeof(*m->vd.blockers));
	m->vd.blockers[0].kind = CF_BLOCK_NOT_ASSESSED;
	m->vd.blockers[0].req = &c->sections[0].reqs[2];
	cf_msg_init(&m->vd.blockers[0].msg, CF_MSG_NOT_ASSESSED);
	cf_msg_text(&m->vd.blockers[0].msg, "req", CF_ARG_ID, "1.1.3", NULL);
}

static void
free_model(struct model *m)
{
	if (m->resp != NULL) {
		cf_arena_free(&m->vd.arena);
		cf_arena_free(&m->resp->arena);
		free(m->resp);
	}
	cf_arena_free(&m->cat->arena);
	free(m->cat);
}

static int
render(const struct model *m, bool completed, const char *tdir,
    struct cf_buf *out)
{
	struct cf_render_opts	 o;

	memset(&o, 0, sizeof(o));
	o.template_dir = tdir;
	o.generated = 1795132800;	/* 2026-11-20T00:00:00Z */
	cf_buf_init(out);
	return cf_render_checklist_pdf(m->cat, completed ? m->resp : NULL,
	    completed ? &m->vd : NULL, &o, out);
}

/* ------------------------------------------------------------------ */
/* Line breaking                                                       */

START_TEST(test_break_wraps_at_width)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	const char		*text = "The quick brown fox jumps over the "
	    "lazy dog and keeps running far beyond the edge of the page";
	struct cf_run		 r[2];
	struct cf_box		 one;
	size_t			 n;
	char			*joined;

	open_layout(&L, &st);
	r[0] = run(CF_FONT_REGULAR, text);
	joined = break_and_check(&L, r, 1, 90, " ", &n);
	ck_assert_uint_ge(n, 4);
	ck_assert_str_eq(joined, text);
	free(joined);
	/* Wide enough: one line, as wide as the font says. */
	cf_break_runs(&L, r, 1, 10, 10000, false, &one);
	ck_assert_uint_eq(one.nlines, 1);
	ck_assert(line_end(&one.lines[0]) > 300 &&
	    line_end(&one.lines[0]) < 700);
	/* Bold is wider than regular for the same text. */
	r[1] = run(CF_FONT_BOLD, text);
	{
		struct cf_box	 bold;

		cf_break_runs(&L, &r[1], 1, 10, 10000, false, &bold);
		ck_assert(line_end(&bold.lines[0]) > line_end(&one.lines[0]));
	}
	/* A forced break ends the line even when there is room. */
	r[0] = run(CF_FONT_REGULAR, "before");
	r[1] = run(CF_FONT_REGULAR, "\n");
	{
		struct cf_run	 three[3] = { r[0], r[1],
		    run(CF_FONT_ITALIC, "after") };

		cf_break_runs(&L, three, 3, 10, 10000, false, &one);
		ck_assert_uint_eq(one.nlines, 2);
		ck_assert_str_eq(one.lines[1].frags[0].text, "after");
		ck_assert_int_eq(one.lines[1].frags[0].font, CF_FONT_ITALIC);
	}
	close_layout(&L, &st);
}
END_TEST

START_TEST(test_break_long_tokens)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	const char		*url = "https://example.com/a/very/long/path/"
	    "segment/that/does/not/fit/anywhere/at/all?query=abcdef&x=y";
	char			 ident[301], *joined;
	struct cf_run		 r;
	struct cf_box		 box;
	size_t			 n, i;
	bool			 joint = false;

	open_layout(&L, &st);
	r = run(CF_FONT_REGULAR, url);
	joined = break_and_check(&L, &r, 1, 80, "", &n);
	ck_assert_uint_ge(n, 3);
	ck_assert_str_eq(joined, url);
	free(joined);
	/* It prefers to cut after a slash over cutting a name. */
	cf_break_runs(&L, &r, 1, 10, 80, false, &box);
	for (i = 0; i + 1 < box.nlines; i++) {
		char *t = line_text(&box.lines[i]);

		joint |= t[strlen(t) - 1] == '/';
		free(t);
	}
	ck_assert(joint);
	/*
	 * Room up to the dot of ".md": the cut falls after a hyphen, not
	 * before "md" alone on a line; with no other joint, at the dot.
	 */
	{
		const char	*path = "product-security-policy.md";
		const char	*last;
		double		 w = cf_layout_text_width(&L, CF_FONT_MONO,
				    10, "product-security-policy.m");

		r = run(CF_FONT_MONO, path);
		cf_break_runs(&L, &r, 1, 10, w - 0.01, false, &box);
		ck_assert_uint_eq(box.nlines, 2);
		last = line_text(&box.lines[1]);
		ck_assert_str_eq(last, "policy.md");
		free((char *)last);
		r = run(CF_FONT_MONO, "productsecuritypolicy.md");
		cf_break_runs(&L, &r, 1, 10, cf_layout_text_width(&L,
		    CF_FONT_MONO, 10, "productsecuritypolicy.m") - 0.01,
		    false, &box);
		ck_assert_uint_eq(box.nlines, 2);
		last = line_text(&box.lines[1]);
		ck_assert_str_eq(last, "md");
		free((char *)last);
	}
	/* No joints at all: cut anywhere, nothing lost. */
	memset(ident, 'W', 300);
	ident[300] = '\0';
	r = run(CF_FONT_MONO, ident);
	joined = break_and_check(&L, &r, 1, 50, "", &n);
	ck_assert_uint_ge(n, 30);
	ck_assert_str_eq(joined, ident);
	free(joined);
	/* Narrower than one character: one character a line. */
	r = run(CF_FONT_REGULAR, "WWW");
	cf_break_runs(&L, &r, 1, 10, 1, false, &box);
	ck_assert_uint_eq(box.nlines, 3);
	close_layout(&L, &st);
}
END_TEST

/*
 * One word of 2,000,000 characters breaks in time linear in its length
 * (it took minutes when each cut measured the rest of the word again; a
 * hang is caught by the test's time limit, never by timing it here).
 */
START_TEST(test_break_huge_word)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	const size_t		 len = 2000000;
	char			*word = cf_xmalloc(len + 1);
	struct cf_run		 r;
	struct cf_box		 box;
	size_t			 i, total = 0;

	memset(word, 'a', len);
	word[len] = '\0';
	open_layout(&L, &st);
	r = run(CF_FONT_REGULAR, word);
	cf_break_runs(&L, &r, 1, 10, 400, false, &box);
	for (i = 0; i < box.nlines; i++) {
		ck_assert_uint_eq(box.lines[i].nfrags, 1);
		ck_assert(box.lines[i].frags[0].w <= 400 + EPS);
		total += strlen(box.lines[i].frags[0].text);
	}
	ck_assert_uint_eq(total, len);
	ck_assert_uint_gt(box.nlines, len / 100);
	close_layout(&L, &st);
	free(word);
}
END_TEST

/*
 * A link broken over many lines is one URI in the PDF, however many
 * lines carry its annotation.
 */
START_TEST(test_long_link_one_uri)
{
	struct model	 m;
	struct cf_buf	 pdf, md;
	size_t		 i;

	cf_buf_init(&md);
	cf_buf_puts(&md, "See <https://example.org/xyzzy");
	for (i = 0; i < 5000; i++)
		cf_buf_puts(&md, "abcd");
	cf_buf_puts(&md, "> now.");
	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 1, 1, md.data);
	ck_assert_int_eq(render(&m, false, NULL, &pdf), 0);
	ck_assert_uint_eq(count_bytes(&pdf, "xyzzy"), 1);	/* text is packed */
	ck_assert_uint_gt(count_bytes(&pdf, "/Subtype /Link"), 100);
	/* The address once, not once per line. */
	ck_assert_uint_lt(pdf.len, 200000);
	cf_buf_free(&pdf);
	/* Longer than a PDF string may be: text without a link. */
	free_model(&m);
	memset(&m, 0, sizeof(m));
	cf_buf_reset(&md);
	cf_buf_puts(&md, "See <https://example.org/xyzzy");
	for (i = 0; i < 20000; i++)
		cf_buf_puts(&md, "abcd");
	cf_buf_puts(&md, "> now.");
	make_catalogue(&m, 1, 1, md.data);
	ck_assert_int_eq(render(&m, false, NULL, &pdf), 0);
	ck_assert(!has_bytes(&pdf, "xyzzy"));
	cf_buf_free(&pdf);
	cf_buf_free(&md);
	free_model(&m);
}
END_TEST

START_TEST(test_break_utf8)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	const char		*text = "Soci\xc3\xa9t\xc3\xa9 "
	    "\xe2\x80\x9cquoted"
	    "\xe2\x80\x9d \xe2\x80\x93 \xe2\x89\xa5 \xe2\x9c\x93 na\xc3\xafve "
	    "fa\xc3\xa7" "ade \xc3\xa9l\xc3\xa8ve";
	struct cf_buf		 longw;
	struct cf_run		 r[3];
	size_t			 n, i;
	char			*joined;

	open_layout(&L, &st);
	r[0] = run(CF_FONT_REGULAR, text);
	joined = break_and_check(&L, r, 1, 70, " ", &n);
	ck_assert_uint_ge(n, 3);
	ck_assert_str_eq(joined, text);
	free(joined);
	/* A long word of two-byte characters is cut between characters. */
	cf_buf_init(&longw);
	for (i = 0; i < 120; i++)
		cf_buf_puts(&longw, i % 2 ? "\xc3\xa9" : "\xe2\x89\xa5");
	r[0] = run(CF_FONT_BOLD, longw.data);
	joined = break_and_check(&L, r, 1, 33, "", &n);
	ck_assert_uint_ge(n, 10);
	ck_assert_str_eq(joined, longw.data);
	free(joined);
	/* A word across runs of two fonts stays one word. */
	r[0] = run(CF_FONT_REGULAR, "alpha be");
	r[1] = run(CF_FONT_BOLD, "ta\xc3\xa9");
	r[2] = run(CF_FONT_REGULAR, " gamma");
	joined = break_and_check(&L, r, 3, 10000, " ", &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(joined, "alpha beta\xc3\xa9 gamma");
	free(joined);
	cf_buf_free(&longw);
	close_layout(&L, &st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* md to runs                                                          */

static const struct cf_run *
find_run(const struct cf_flow *f, const char *text, size_t *block)
{
	size_t	 i, j;

	for (i = 0; i < f->nblocks; i++)
		for (j = 0; j < f->blocks[i].nruns; j++)
			if (strcmp(f->blocks[i].runs[j].text, text) == 0) {
				if (block != NULL)
					*block = i;
				return &f->blocks[i].runs[j];
			}
	return NULL;
}

static bool
any_run_contains(const struct cf_flow *f, const char *needle)
{
	size_t	 i, j;

	for (i = 0; i < f->nblocks; i++)
		for (j = 0; j < f->blocks[i].nruns; j++)
			if (strstr(f->blocks[i].runs[j].text, needle) != NULL)
				return true;
	return false;
}

START_TEST(test_md_runs)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_flow		*f;
	const struct cf_run	*r;
	size_t			 b, b2;
	const char		*md =
	    "Plain *em* **strong** `code` [ok](https://example.com/x) "
	    "[bad](javascript:alert(1)) [rel](docs/x.md) "
	    "[mail](MAILTO:a@b.example) <b>raw</b> tail\n\n"
	    "<div>block html</div>\n\n"
	    "- item one\n- item two\n\n  1. nested\n\n"
	    "> quoted\n\n"
	    "```\ncode  block\n```\n\n"
	    "# Heading\n\n"
	    "![alt text](https://example.com/i.png)\n";

	open_layout(&L, &st);
	f = cf_flow_new(&L, 9.5, CF_COLOUR_TEXT);
	cf_flow_md(&L, f, md, NULL);
	ck_assert_ptr_nonnull(r = find_run(f, "em", NULL));
	ck_assert_int_eq(r->font, CF_FONT_ITALIC);
	ck_assert_ptr_nonnull(r = find_run(f, "strong", NULL));
	ck_assert_int_eq(r->font, CF_FONT_BOLD);
	ck_assert_ptr_nonnull(r = find_run(f, "code", NULL));
	ck_assert_int_eq(r->font, CF_FONT_MONO);
	ck_assert_ptr_nonnull(r = find_run(f, "ok", NULL));
	ck_assert_str_eq(r->link, "https://example.com/x");
	ck_assert_ptr_nonnull(r = find_run(f, "bad", NULL));
	ck_assert_ptr_null(r->link);
	ck_assert_ptr_nonnull(r = find_run(f, "rel", NULL));
	ck_assert_ptr_null(r->link);
	ck_assert_ptr_nonnull(r = find_run(f, "mail", NULL));
	ck_assert_str_eq(r->link, "MAILTO:a@b.example");
	/* Raw HTML shows as the text it is, inline and block. */
	ck_assert_ptr_nonnull(find_run(f, "raw", NULL));
	ck_assert(any_run_contains(f, "<b>"));
	ck_assert(any_run_contains(f, "<div>block html</div>"));
	ck_assert(!any_run_contains(f, "javascript"));
	/* Lists: markers hang, nesting indents further. */
	ck_assert_ptr_nonnull(find_run(f, "item one", &b));
	ck_assert_str_eq(f->blocks[b].marker, "\xe2\x80\xa2");
	ck_assert_ptr_nonnull(find_run(f, "nested", &b2));
	ck_assert_str_eq(f->blocks[b2].marker, "1.");
	ck_assert(f->blocks[b2].indent > f->blocks[b].indent);
	ck_assert_ptr_nonnull(find_run(f, "quoted", &b));
	ck_assert_int_eq(f->blocks[b].quote, 1);
	/* Code blocks keep their spaces, in mono. */
	ck_assert_ptr_nonnull(r = find_run(f, "code  block", &b));
	ck_assert_int_eq(f->blocks[b].kind, CF_BLOCK_CODE);
	ck_assert_int_eq(r->font, CF_FONT_MONO);
	/* Headings are bold paragraphs; images their alt text. */
	ck_assert_ptr_nonnull(r = find_run(f, "Heading", &b));
	ck_assert_int_eq(r->font, CF_FONT_BOLD);
	ck_assert_int_eq(f->blocks[b].kind, CF_BLOCK_PARA);
	ck_assert_ptr_nonnull(r = find_run(f, "alt text", NULL));
	ck_assert_ptr_null(r->link);
	close_layout(&L, &st);
}
END_TEST

/* GFM: a table is rows of cells laid side by side; task boxes; notes. */
/*
 * One line of plain text is laid out without cmark (cf_flow_md): what it
 * makes must be what cmark's tree gives, a paragraph of one regular run;
 * and anything cmark reads otherwise must not be taken for plain text.
 */
static bool
one_plain_run(const struct cf_flow *f, const char *text, size_t len)
{
	return f->nblocks == 1 && f->blocks[0].kind == CF_BLOCK_PARA &&
	    f->blocks[0].nruns == 1 &&
	    f->blocks[0].runs[0].font == CF_FONT_REGULAR &&
	    f->blocks[0].runs[0].link == NULL &&
	    !f->blocks[0].runs[0].strike && f->blocks[0].runs[0].len == len &&
	    memcmp(f->blocks[0].runs[0].text, text, len) == 0;
}

/* cmark's literal when md is a paragraph of one text, else NULL. */
static char *
cmark_plain(const char *md)
{
	cmark_node	*doc = cf_rich_parse(md, CF_RICH_USE_TEXT);
	cmark_node	*p = cmark_node_first_child(doc), *t;
	char		*lit = NULL;

	if (p != NULL && cmark_node_next(p) == NULL &&
	    cmark_node_get_type(p) == CMARK_NODE_PARAGRAPH &&
	    (t = cmark_node_first_child(p)) != NULL &&
	    cmark_node_next(t) == NULL &&
	    cmark_node_get_type(t) == CMARK_NODE_TEXT)
		lit = cf_xstrdup(cmark_node_get_literal(t));
	cmark_node_free(doc);
	return lit;
}

START_TEST(test_md_plain_as_cmark)
{
	static const char *const texts[] = { "Plain text.", "  Two spaces.",
	    "   Three spaces.", "    Four: code.", "Trailing.   ",
	    "Inner  double   spaces", "see www.example.com", "WWW.X.ORG",
	    "wwwx. is text", "x--y -- z", "\"Quoted\" and 'single'",
	    "Gr\xc3\xb6\xc3\x9f" "e", "\xe2\x80\x9c" "Curly\xe2\x80\x9d",
	    "\xc2\xa0" "nbsp first", "(1) first", "e.g. 10% of 5/6 = 0.8 + 1",
	    "1. a list", "1) a list", "- a list", "+ a list", "= x", "a: b",
	    "http://example.com", "a@b.example", "a *b* c", "a_b_c", "[x]",
	    "a `b`", "a ~~b~~", "# h", "> q", "a\\b", "a&amp;b", "a | b",
	    "a\nb", "x", "(Item 1.)", " (Item 2.)" };
	static const char alphabet[] = "abwW. ,;:()'\"?/%+=-*_`[]!<>&~|#@\\1";
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_flow		*f;
	char			 md[24], *lit;
	size_t			 i, j, from, to;

	open_layout(&L, &st);
	srand(11);
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]) + 3000; i++) {
		if (i < sizeof(texts) / sizeof(texts[0]))
			snprintf(md, sizeof(md), "%s", texts[i]);
		else {
			for (j = 0; j < 1 + (size_t)rand() % 12; j++)
				md[j] = alphabet[(size_t)rand() %
				    (sizeof(alphabet) - 1)];
			md[j] = '\0';
		}
		f = cf_flow_new(&L, 9.5, CF_COLOUR_TEXT);
		cf_flow_md(&L, f, md, NULL);
		/* What the plain path would make of md. */
		for (from = 0; from < 3 && md[from] == ' '; from++)
			continue;
		for (to = strlen(md); to > from && md[to - 1] == ' '; to--)
			continue;
		if ((lit = cmark_plain(md)) != NULL)
			ck_assert_msg(one_plain_run(f, lit, strlen(lit)),
			    "\"%s\"", md);
		else
			ck_assert_msg(!one_plain_run(f, md + from, to - from),
			    "\"%s\" taken for plain text", md);
		free(lit);
	}
	close_layout(&L, &st);
}
END_TEST

START_TEST(test_md_gfm)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_flow		*f;
	struct cf_box		 box;
	const struct cf_run	*r;
	const struct cf_block	*row;
	size_t			 b, i;

	open_layout(&L, &st);
	f = cf_flow_new(&L, 9.5, CF_COLOUR_TEXT);
	cf_flow_md(&L, f, "| Standard | Clause |\n| --- | --- |\n"
	    "| ISO 27001 | A.5 |\n| short |\n\n- [ ] open\n- [x] done\n\n"
	    "Noted[^a].\n\n[^a]: The note.\n", NULL);
	ck_assert_ptr_nonnull(r = find_run(f, "Standard", &b));
	row = &f->blocks[b];
	ck_assert_int_eq(row->kind, CF_BLOCK_ROW);
	ck_assert(row->first && row->head);
	ck_assert_uint_eq(row->ncols, 2);
	ck_assert_int_eq(r->font, CF_FONT_BOLD);
	ck_assert_str_eq(row->runs[row->cells[1]].text, "Clause");
	row = &f->blocks[b + 1];
	ck_assert_int_eq(row->kind, CF_BLOCK_ROW);
	ck_assert(!row->first && !row->head);
	ck_assert_str_eq(row->runs[row->cells[0]].text, "ISO 27001");
	ck_assert_str_eq(row->runs[row->cells[1]].text, "A.5");
	/* A short row's missing cell is empty. */
	row = &f->blocks[b + 2];
	ck_assert_uint_eq(row->cells[1], row->cells[2]);
	ck_assert_ptr_nonnull(find_run(f, "open", &b));
	ck_assert_str_eq(f->blocks[b].marker, "\xe2\x98\x90");
	ck_assert_ptr_nonnull(find_run(f, "done", &b));
	ck_assert_str_eq(f->blocks[b].marker, "\xe2\x98\x91");
	ck_assert(any_run_contains(f, "[1]"));
	ck_assert(any_run_contains(f, "The note."));
	/* Laid out, a row's cells share a line: "ISO 27001" left of "A.5". */
	cf_flow_layout(&L, f, 300, &box);
	for (i = 0; i < box.nlines; i++)
		if (box.lines[i].nfrags == 2 &&
		    strcmp(box.lines[i].frags[0].text, "ISO 27001") == 0)
			break;
	ck_assert_uint_lt(i, box.nlines);
	ck_assert_str_eq(box.lines[i].frags[1].text, "A.5");
	ck_assert(box.lines[i].frags[1].x > box.lines[i].frags[0].w);
	ck_assert(box.lines[i - 1].rule);	/* under the column titles */
	close_layout(&L, &st);
}
END_TEST

START_TEST(test_md_lead_label)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_flow		*f;

	open_layout(&L, &st);
	f = cf_flow_new(&L, 9.5, CF_COLOUR_TEXT);
	cf_flow_md_lead(&L, f, "Note: ", "First *para*.\n\nSecond.", NULL);
	ck_assert_uint_eq(f->nblocks, 2);
	ck_assert_str_eq(f->blocks[0].runs[0].text, "Note: ");
	ck_assert_int_eq(f->blocks[0].runs[0].font, CF_FONT_BOLD);
	ck_assert_str_eq(f->blocks[0].runs[1].text, "First ");
	/* A list first: the label is a paragraph of its own before it. */
	f = cf_flow_new(&L, 9.5, CF_COLOUR_TEXT);
	cf_flow_md_lead(&L, f, "Note: ", "- one\n- two", NULL);
	ck_assert_uint_eq(f->nblocks, 3);
	ck_assert_str_eq(f->blocks[0].runs[0].text, "Note: ");
	ck_assert_ptr_null(f->blocks[0].marker);
	ck_assert_str_eq(f->blocks[1].runs[0].text, "one");
	close_layout(&L, &st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Tables                                                              */

/*
 * Headings in a row near the foot of a page go to the next page with
 * what they head: no page ends with a heading.
 */
START_TEST(test_headings_kept_with_content)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_flow		*f;
	struct cf_buf		 pdf;
	char			*text, *pages[8];
	double			 room;

	for (room = 20; room <= 90; room += 10) {
		open_layout(&L, &st);
		cf_layout_new_page(&L);
		L.y = L.bottom + room;
		cf_layout_heading(&L, 1, "PARTHEAD", NULL);
		cf_layout_heading(&L, 2, "SECTHEAD", NULL);
		f = cf_flow_new(&L, 9.5, CF_COLOUR_TEXT);
		cf_flow_text(&L, f, CF_FONT_REGULAR, "BODYTEXT of the section, "
		    "long enough for a few lines of text on the page it is on, "
		    "and a few more words to wrap once or twice at the width of "
		    "the page.", NULL, NULL);
		cf_layout_flow(&L, f);
		cf_buf_init(&pdf);
		ck_assert_int_eq(cf_layout_save(&L, &pdf), 0);
		text = pdf_text(&pdf);
		ck_assert_uint_ge(pages_of(text, pages, 8), 1);
		/* Both headings on the page of the body's first line. */
		if (strstr(pages[0], "BODYTEXT") == NULL) {
			ck_assert_ptr_null(strstr(pages[0], "PARTHEAD"));
			ck_assert_ptr_null(strstr(pages[0], "SECTHEAD"));
		} else
			ck_assert_ptr_nonnull(strstr(pages[0], "SECTHEAD"));
		free(text);
		cf_buf_free(&pdf);
		close_layout(&L, &st);
	}
}
END_TEST

START_TEST(test_table_pagination)
{
	static const struct cf_table_col cols[] = {
		{ .title = "HDRA" }, { .title = "HDRB column", .grow = true }
	};
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_table		*t;
	struct cf_buf		 pdf, tall;
	char			*text, *pages[64], tok[32], tok2[32];
	size_t			 r, npages, p, i, where, where2, on;

	open_layout(&L, &st);
	cf_layout_new_page(&L);
	t = cf_table_new(&L, 2, cols, 8.5, true);
	for (r = 0; r < 80; r++) {
		cf_table_row(&L, t);
		snprintf(tok, sizeof(tok), "ROW%03zu", r);
		cf_flow_text(&L, cf_table_cell(t, r, 0), CF_FONT_BOLD, tok,
		    NULL, NULL);
		cf_flow_text(&L, cf_table_cell(t, r, 1), CF_FONT_REGULAR,
		    cf_arena_printf(&L.arena, "BEG%03zu a requirement text "
		    "long enough to wrap over a few lines of the cell, so that "
		    "rows are of different heights %s END%03zu", r, r % 3 ?
		    "" : "and some of them are taller than the others by a "
		    "line or two of extra words", r), NULL, NULL);
	}
	/* One row taller than a page: 1500 numbered words. */
	cf_buf_init(&tall);
	for (i = 0; i < 1500; i++)
		cf_buf_printf(&tall, "w%04zu ", i);
	r = cf_table_row(&L, t);
	cf_flow_text(&L, cf_table_cell(t, r, 0), CF_FONT_BOLD, "TALLROW", NULL,
	    NULL);
	cf_flow_text(&L, cf_table_cell(t, r, 1), CF_FONT_REGULAR, tall.data,
	    NULL, NULL);
	cf_layout_table(&L, t);
	cf_buf_init(&pdf);
	ck_assert_int_eq(cf_layout_save(&L, &pdf), 0);
	text = pdf_text(&pdf);
	npages = pages_of(text, pages, 64);
	ck_assert_uint_ge(npages, 6);
	/* The header is repeated on every page. */
	for (p = 0; p < npages; p++)
		if (strstr(pages[p], "w") != NULL || strstr(pages[p], "ROW"))
			ck_assert_msg(strstr(pages[p], "HDRA") != NULL,
			    "page %zu has no header", p + 1);
	/* A row that fits a page is never split. */
	for (r = 0; r < 80; r++) {
		snprintf(tok, sizeof(tok), "BEG%03zu", r);
		snprintf(tok2, sizeof(tok2), "END%03zu", r);
		where = where2 = npages;
		for (p = 0; p < npages; p++) {
			if (strstr(pages[p], tok) != NULL)
				where = p;
			if (strstr(pages[p], tok2) != NULL)
				where2 = p;
		}
		ck_assert_msg(where < npages && where == where2,
		    "row %zu split over pages %zu and %zu", r, where, where2);
	}
	/* The tall row is split, and no word is lost or doubled. */
	on = 0;
	for (p = 0; p < npages; p++)
		on += strstr(pages[p], "w0") != NULL ||
		    strstr(pages[p], "w1") != NULL;
	ck_assert_uint_ge(on, 2);
	for (i = 0; i < 1500; i++) {
		snprintf(tok, sizeof(tok), "w%04zu", i);
		for (on = 0, p = 0; p < npages; p++)
			on += count(pages[p], tok);
		ck_assert_msg(on == 1, "%s appears %zu times", tok, on);
	}
	free(text);
	cf_buf_free(&pdf);
	cf_buf_free(&tall);
	close_layout(&L, &st);
}
END_TEST

START_TEST(test_table_widths)
{
	static const struct cf_table_col cols[] = {
		{ .title = "Id" }, { .title = "Text", .grow = true },
		{ .title = "Fill", .min = 60 }
	};
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_table		*t;
	double			 w[3], total;

	open_layout(&L, &st);
	t = cf_table_new(&L, 3, cols, 8.5, true);
	cf_table_row(&L, t);
	cf_flow_text(&L, cf_table_cell(t, 0, 0), CF_FONT_BOLD, "2.3.1.10",
	    NULL, NULL);
	cf_flow_md(&L, cf_table_cell(t, 0, 1), "A long requirement text that "
	    "would take several hundred points on a single line of the page, "
	    "far more than the table has.", NULL);
	cf_table_widths(&L, t, w);
	total = w[0] + w[1] + w[2];
	ck_assert(total > L.right - L.left - 0.1 &&
	    total < L.right - L.left + 0.1);
	ck_assert_msg(w[1] > w[0] * 3 && w[1] > w[2] * 3,
	    "the text column gets the room: %.1f %.1f %.1f", w[0], w[1], w[2]);
	ck_assert(w[2] >= 60);
	close_layout(&L, &st);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Whole checklists                                                    */

START_TEST(test_reproducible)
{
	struct model	 m;
	struct cf_buf	 a, b;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 2, 8, NULL);
	make_responses(&m);
	ck_assert_int_eq(render(&m, false, NULL, &a), 0);
	ck_assert_int_eq(render(&m, false, NULL, &b), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	ck_assert(memcmp(a.data, "%PDF-", 5) == 0);
	ck_assert_ptr_null(strstr(a.data, "/ID"));
	ck_assert(has_bytes(&a, "D:20261120000000Z"));
	cf_buf_free(&a);
	cf_buf_free(&b);
	ck_assert_int_eq(render(&m, true, NULL, &a), 0);
	ck_assert_int_eq(render(&m, true, NULL, &b), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert(memcmp(a.data, b.data, a.len) == 0);
	cf_buf_free(&a);
	cf_buf_free(&b);
	free_model(&m);
}
END_TEST

/* The value of indirect object ref, a number ("REF 0 obj\nN\nendobj"). */
static size_t
number_obj(const struct cf_buf *pdf, long ref)
{
	char		 want[32];
	const char	*obj;

	snprintf(want, sizeof(want), "\n%ld 0 obj\n", ref);
	ck_assert_ptr_nonnull(obj = memmem(pdf->data, pdf->len, want,
	    strlen(want)));
	return strtoul(obj + strlen(want), NULL, 10);
}

/*
 * cfgen compresses the streams itself (pdfflate.h): each stream says
 * FlateDecode once, as a name; its /Length is the bytes between "stream"
 * and "endstream", and they inflate.
 */
START_TEST(test_streams_deflated)
{
	static unsigned char	 raw[1 << 20];
	struct model		 m;
	struct cf_buf		 pdf;
	const char		*p, *end, *dict, *data, *filter, *len;
	uLongf			 rawlen;
	size_t			 n = 0, clen;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 2, 8, NULL);
	ck_assert_int_eq(render(&m, false, NULL, &pdf), 0);
	end = pdf.data + pdf.len;
	ck_assert_ptr_null(memmem(pdf.data, pdf.len, "/Filter [", 9));
	for (p = pdf.data; (data = memmem(p, (size_t)(end - p),
	    ">>\nstream\r\n", 11)) != NULL; p = data + clen) {
		for (dict = data; memcmp(dict, " obj\n", 5) != 0; dict--)
			ck_assert(dict > pdf.data);
		filter = strstr(dict, "/Filter /FlateDecode\n");
		ck_assert(filter != NULL && filter < data);
		ck_assert_ptr_nonnull(len = strstr(dict, "/Length "));
		data += 11;
		clen = number_obj(&pdf, strtol(len + 8, NULL, 10));
		ck_assert(memcmp(data + clen, "\nendstream", 10) == 0);
		rawlen = sizeof(raw);
		ck_assert_int_eq(uncompress(raw, &rawlen,
		    (const unsigned char *)data, clen), Z_OK);
		ck_assert_uint_gt(rawlen, 0);
		n++;
	}
	/* The pages, and four for each embedded face. */
	ck_assert_uint_ge(n, 5);
	cf_buf_free(&pdf);
	free_model(&m);
}
END_TEST

/*
 * Text is shown as two-byte codes in literal strings.  Printable ASCII
 * in one face makes codes whose low byte is CR, "(", ")" and "\\": they
 * must read back as the characters drawn.
 */
START_TEST(test_shown_codes_escaped)
{
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_buf		 pdf;
	char			 ascii[0x7f - 0x21 + 1], *text;
	int			 c;

	for (c = 0x21; c < 0x7f; c++)
		ascii[c - 0x21] = (char)c;
	ascii[c - 0x21] = '\0';
	open_layout(&L, &st);
	cf_layout_para(&L, 6, CF_COLOUR_TEXT, CF_FONT_REGULAR, ascii, NULL, 0);
	cf_buf_init(&pdf);
	ck_assert_int_eq(cf_layout_save(&L, &pdf), 0);
	text = pdf_text(&pdf);
	ck_assert_msg(strstr(text, ascii) != NULL, "read back: %s", text);
	free(text);
	cf_buf_free(&pdf);
	close_layout(&L, &st);
}
END_TEST

START_TEST(test_blank_content)
{
	struct model	 m;
	struct cf_buf	 pdf;
	char		*text, *pages[32];
	size_t		 n, p;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 2, 6, NULL);
	ck_assert_int_eq(render(&m, false, NULL, &pdf), 0);
	text = pdf_text(&pdf);
	ck_assert_ptr_nonnull(strstr(text, "S\xc3\xa9" "curit\xc3\xa9"));
	ck_assert_ptr_nonnull(strstr(text, "Compliance"));
	ck_assert_ptr_nonnull(strstr(text, "Applicability"));
	/* The class column is narrow: "1 and above" on two lines. */
	ck_assert_ptr_nonnull(strstr(text, "1 and"));
	ck_assert_ptr_nonnull(strstr(text, "2 and"));
	ck_assert_ptr_nonnull(strstr(text, "Partially compliant"));
	ck_assert_ptr_nonnull(strstr(text, "REQ1.2.6"));
	ck_assert_ptr_nonnull(strstr(text, "Reserved."));
	/* Links: annotations without border, only for safe schemes. */
	ck_assert(has_bytes(&pdf, "/URI (https:\\057\\057example.org)"));
	ck_assert(has_bytes(&pdf, "/Border [ 0 0 0 ]"));
	/* Section bookmarks. */
	ck_assert(has_bytes(&pdf, "/Outlines"));
	/* Every page carries its id and "Page N of M". */
	n = pages_of(text, pages, 32);
	for (p = 0; p < n; p++) {
		char	 want[32];

		if (pages[p][0] == '\0' && p + 1 == n)
			continue;
		snprintf(want, sizeof(want), "Page %zu of", p + 1);
		ck_assert_msg(strstr(pages[p], want) != NULL, "page %zu", p);
		ck_assert(strstr(pages[p], "testcat-1.0-checklist") != NULL);
	}
	free(text);
	cf_buf_free(&pdf);
	free_model(&m);
}
END_TEST

START_TEST(test_completed_content)
{
	struct model	 m;
	struct cf_buf	 pdf;
	char		*text;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 2, 6, NULL);
	make_responses(&m);
	ck_assert_int_eq(render(&m, true, NULL, &pdf), 0);
	text = pdf_text(&pdf);
	ck_assert_ptr_nonnull(strstr(text, "prod-r2-testcat-1.0-checklist"));
	ck_assert_ptr_nonnull(strstr(text, "Pr\xc3\xb6" "dukt X"));
	ck_assert_ptr_nonnull(strstr(text, "K\xc3\xb6nigstra\xc3\x9f" "e"));
	ck_assert_ptr_nonnull(strstr(text, "cannot be issued"));
	ck_assert_ptr_nonnull(strstr(text, "1.1.3 is applicable but not"));
	ck_assert_ptr_nonnull(strstr(text, "Not assessed"));
	ck_assert_ptr_nonnull(strstr(text, "Outside"));
	ck_assert_ptr_nonnull(strstr(text, "Reserved"));
	ck_assert_ptr_nonnull(strstr(text, "Compliant"));
	ck_assert_ptr_nonnull(strstr(text, "Justification:"));
	ck_assert_ptr_nonnull(strstr(text, "evidence/minutes.pdf"));
	ck_assert_ptr_nonnull(strstr(text, "Applicable: 3."));
	ck_assert(has_bytes(&pdf, "/URI (https:\\057\\057"
	    "acme.example\\057security\\057governance"));
	ck_assert(has_bytes(&pdf, "/Author <FEFF0046006100620072"));
	free(text);
	cf_buf_free(&pdf);
	free_model(&m);
}
END_TEST

/*
 * A character the main font lacks comes from the fallback (CJK); one no
 * font has is U+FFFD, with one warning per value, not per character.
 */
START_TEST(test_missing_glyph_warning)
{
	struct model	 m;
	struct cf_buf	 pdf;
	struct capture	 cap;
	char		*diags, *text;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 1, 2, "Text with \xe4\xb8\xad, \xe0\xb4\x85 and "
	    "\xf0\x9f\x98\x80 and \xe0\xb4\x85 again, \xe2\x89\xa5 "
	    "\xe2\x9c\x93 fine.");
	capture_start(&cap);
	ck_assert_int_eq(render(&m, false, NULL, &pdf), 0);
	diags = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(diags, "test/catalogue.yaml:10:11: "
	    "warning: requirement 1.1.1: character U+0D05 is in none of the "
	    "fonts DejaVuSans.ttf, DroidSansFallbackFull.ttf; printed as "
	    "U+FFFD, as are the other characters no font has in this value"));
	ck_assert_ptr_nonnull(strstr(diags, "requirement 1.1.2: character "
	    "U+0D05"));
	/* Once per requirement. */
	ck_assert_uint_eq(count(diags, "warning"), 2);
	ck_assert_ptr_null(strstr(diags, "U+4E2D"));
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 0);
	text = pdf_text(&pdf);
	ck_assert_ptr_nonnull(strstr(text, "Text with \xe4\xb8\xad, "
	    "\xef\xbf\xbd and \xef\xbf\xbd"));
	ck_assert_ptr_nonnull(strstr(text, "\xe2\x89\xa5"));
	ck_assert_ptr_nonnull(strstr(text, "\xe2\x9c\x93"));
	free(text);
	free(diags);
	cf_buf_free(&pdf);
	free_model(&m);
}
END_TEST

/*
 * A character is one warning per place in a run, however many documents
 * print it, and each points at its own file: the catalogue's text in the
 * catalogue, the product's name in the responses.
 */
START_TEST(test_glyph_warning_once_per_place)
{
	struct model	 m;
	struct cf_buf	 pdf;
	struct capture	 cap;
	char		*diags;
	int		 i;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 1, 2, "Text with \xe0\xb4\x85.");
	make_responses(&m);
	m.resp->product.id.pos = (struct cf_pos){ 8, 7 };
	m.resp->product.name = "Produkt \xf0\x9f\x93\xb7";
	m.resp->product.name_pos = (struct cf_pos){ 9, 9 };
	capture_start(&cap);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(render(&m, i > 0, NULL, &pdf), 0);
		cf_buf_free(&pdf);
	}
	diags = capture_end(&cap);
	/* Once for each of the two requirements. */
	ck_assert_uint_eq(count(diags, "U+0D05"), 2);
	ck_assert_ptr_nonnull(strstr(diags, "test/catalogue.yaml:10:11: "
	    "warning: requirement 1.1.1: character U+0D05"));
	ck_assert_ptr_nonnull(strstr(diags, "test/catalogue.yaml:11:11: "
	    "warning: requirement 1.1.2: character U+0D05"));
	ck_assert_uint_eq(count(diags, "U+1F4F7"), 1);
	ck_assert_ptr_nonnull(strstr(diags, "test/responses.yaml:9:9: "
	    "warning: product name: character U+1F4F7 is in none of the "
	    "fonts"));
	ck_assert_uint_eq(count(diags, "warning"), 3);
	free(diags);
	free_model(&m);
}
END_TEST

/*
 * Without a position of its own, a value points at the nearest one in
 * its file; a finding's titles point where the catalogue writes them.
 */
START_TEST(test_glyph_warning_sources)
{
	struct model	 m;
	struct cf_buf	 pdf;
	struct capture	 cap;
	struct cf_blocker *b;
	char		*diags;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 1, 5, NULL);
	make_responses(&m);
	m.cat->answers_default = false;
	m.cat->categories[1].title = "Advisory \xe0\xae\x85";
	m.cat->categories[1].pos = (struct cf_pos){ 40, 13 };
	m.cat->answers[2].title = "Non-compliant \xe0\xae\x86";
	m.cat->answers[2].pos = (struct cf_pos){ 50, 13 };
	m.resp->product.id.pos = (struct cf_pos){ 8, 7 };
	m.resp->product.manufacturer.address = "Stra\xc3\x9f" "e \xe0\xae\x87";
	b = &m.vd.blockers[0];
	b->kind = CF_BLOCK_REQUIRED_NOT_MET;
	b->req = &m.cat->sections[0].reqs[3];
	b->pos = (struct cf_pos){ 30, 3 };
	/* The gate's finding, its titles with their sources (gate.c). */
	cf_msg_init(&b->msg, CF_MSG_REQUIRED_NOT_MET);
	cf_msg_text(&b->msg, "req", CF_ARG_ID, "1.1.4", NULL);
	cf_msg_text(&b->msg, "category", CF_ARG_TEXT, m.cat->categories[1].title,
	    &(struct cf_src){ m.cat->path, m.cat->categories[1].pos,
	    "category A" });
	cf_msg_text(&b->msg, "category_code", CF_ARG_ID, "A", NULL);
	cf_msg_text(&b->msg, "code", CF_ARG_ID, "N", NULL);
	cf_msg_text(&b->msg, "code_title", CF_ARG_TEXT, m.cat->answers[2].title,
	    &(struct cf_src){ m.cat->path, m.cat->answers[2].pos,
	    "answer code N" });
	capture_start(&cap);
	ck_assert_int_eq(render(&m, true, NULL, &pdf), 0);
	diags = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(diags, "test/catalogue.yaml:40:13: "
	    "warning: category A: character U+0B85"));
	ck_assert_ptr_nonnull(strstr(diags, "test/catalogue.yaml:50:13: "
	    "warning: answer code N: character U+0B86"));
	ck_assert_ptr_nonnull(strstr(diags, "test/responses.yaml:8:7: "
	    "warning: manufacturer address: character U+0B87"));
	ck_assert_uint_eq(count(diags, "U+0B85"), 1);
	ck_assert_uint_eq(count(diags, "U+0B86"), 1);
	ck_assert_uint_eq(count(diags, "warning"), 3);
	ck_assert_ptr_null(strstr(diags, "test/responses.yaml:30:3"));
	free(diags);
	cf_buf_free(&pdf);
	free_model(&m);
}
END_TEST

/* The outline of a PDF, "title|page" a line (qpdf --json). */
static char *
outline_of(const struct cf_buf *pdf)
{
	return pdf_run(pdf, "qpdf --json --json-key=outlines", "| python3 -c "
	    "'import json, sys\nfor o in json.load(sys.stdin)[\"outlines\"]: "
	    "print(\"%s|%s\" % (o[\"title\"], o[\"destpageposfrom1\"]))'");
}

/* Bookmarked table columns: where the table starts, in column order. */
START_TEST(test_table_bookmarks)
{
	static const struct cf_table_col cols[] = {
		{ .title = "1  Left", .grow = true, .bookmark = true },
		{ .title = "2  Right", .grow = true, .bookmark = true },
		{ .title = "Plain" }
	};
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_table		*t;
	struct cf_flow		*f;
	struct cf_buf		 pdf;
	char			*outline;
	size_t			 r, i;

	open_layout(&L, &st);
	cf_layout_new_page(&L);
	cf_layout_heading(&L, 1, "First", NULL);
	f = cf_flow_new(&L, 10, CF_COLOUR_TEXT);
	cf_flow_text(&L, f, CF_FONT_REGULAR, "Intro.", NULL, NULL);
	cf_layout_flow(&L, f);
	/* 20 pt left on page 1: the table starts on page 2. */
	cf_layout_space(&L, L.y - L.bottom - 20);
	t = cf_table_new(&L, 3, cols, 9, true);
	for (i = 0; i < 10; i++) {
		r = cf_table_row(&L, t);
		cf_flow_text(&L, cf_table_cell(t, r, 0), CF_FONT_REGULAR,
		    "cell", NULL, NULL);
	}
	cf_layout_table(&L, t);
	cf_layout_bookmark(&L, "Last");
	cf_buf_init(&pdf);
	ck_assert_int_eq(cf_layout_save(&L, &pdf), 0);
	outline = outline_of(&pdf);
	ck_assert_str_eq(outline, "First|1\n1  Left|2\n2  Right|2\nLast|2\n");
	free(outline);
	cf_buf_free(&pdf);
	close_layout(&L, &st);
}
END_TEST

/*
 * A cell taller than ten thousand pages is split page after page, the
 * header repeated, and the document completes: no page limit, no loop.
 */
START_TEST(test_ten_thousand_pages)
{
	static const struct cf_table_col cols[] = {
		{ .title = "Id" }, { .title = "Text", .grow = true }
	};
	enum { LINES = 10050 * 12 };
	struct cf_layout	 L;
	struct cf_pdf_style	 st;
	struct cf_table		*t;
	struct cf_flow		*f;
	struct cf_buf		 pdf;
	size_t			 r, i;

	open_layout(&L, &st);
	cf_layout_new_page(&L);
	cf_layout_toc(&L, "Contents");
	cf_layout_new_page(&L);
	cf_layout_heading(&L, 1, "Tall", NULL);
	t = cf_table_new(&L, 2, cols, 40, true);
	r = cf_table_row(&L, t);
	cf_flow_text(&L, cf_table_cell(t, r, 0), CF_FONT_BOLD, "1", NULL,
	    NULL);
	f = cf_table_cell(t, r, 1);
	for (i = 0; i < LINES; i++) {
		cf_flow_para(&L, f, -1);
		cf_flow_text(&L, f, CF_FONT_REGULAR, "x", NULL, NULL);
	}
	r = cf_table_row(&L, t);
	cf_flow_text(&L, cf_table_cell(t, r, 0), CF_FONT_BOLD, "2", NULL,
	    NULL);
	cf_flow_text(&L, cf_table_cell(t, r, 1), CF_FONT_REGULAR, "after",
	    NULL, NULL);
	cf_layout_table(&L, t);
	cf_layout_heading(&L, 1, "End", NULL);
	cf_layout_flow(&L, cf_table_cell(t, r, 1));
	ck_assert_uint_gt(L.npages, 10050);
	cf_buf_init(&pdf);
	ck_assert_int_eq(cf_layout_save(&L, &pdf), 0);
	ck_assert_uint_gt(pdf.len, 10050 * 100);
	ck_assert(memcmp(pdf.data, "%PDF-", 5) == 0);
	/* Two entries: one page of contents, inserted after the first. */
	ck_assert_uint_eq(L.nentries, 2);
	ck_assert_uint_eq(L.entries[0].page, 2);
	ck_assert_uint_eq(L.entries[1].page + 1, L.npages);
	cf_buf_free(&pdf);
	close_layout(&L, &st);
}
END_TEST

static char *
style_dir(const char *style)
{
	char	 tmpl[] = "/tmp/cfgen-test-style-XXXXXX", *dir, *path;
	FILE	*f;

	ck_assert_ptr_nonnull(dir = mkdtemp(tmpl));
	dir = cf_xstrdup(dir);
	path = cf_xmalloc(strlen(dir) + 32);
	sprintf(path, "%s/pdf.style", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs(style, f);
	fclose(f);
	free(path);
	return dir;
}

static void
rm_dir(char *dir)
{
	char	 cmd[256];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
}

START_TEST(test_hpdf_error_one_diagnostic)
{
	struct model	 m;
	struct cf_buf	 pdf;
	struct capture	 cap;
	char		*dir, *diags, want[256];

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 1, 3, NULL);
	dir = style_dir("# override\nfont-bold: missing-font.ttf\n");
	capture_start(&cap);
	ck_assert_int_eq(render(&m, false, dir, &pdf), -1);
	diags = capture_end(&cap);
	snprintf(want, sizeof(want), "%s/pdf.style:2:12: error: cannot use "
	    "font %s/missing-font.ttf: No such file or directory\n", dir, dir);
	ck_assert_str_eq(diags, want);
	free(diags);
	cf_buf_free(&pdf);
	rm_dir(dir);

	/* A file that is not a font: a readable cause, still one line. */
	dir = style_dir("font-mono: pdf.style\n");
	capture_start(&cap);
	ck_assert_int_eq(render(&m, false, dir, &pdf), -1);
	diags = capture_end(&cap);
	ck_assert_uint_eq(count(diags, "\n"), 1);
	ck_assert_ptr_nonnull(strstr(diags, "error: cannot use font"));
	ck_assert_ptr_nonnull(strstr(diags, "not a TrueType font"));
	ck_assert_ptr_null(strstr(diags, "0x"));
	free(diags);
	cf_buf_free(&pdf);
	rm_dir(dir);
	free_model(&m);
}
END_TEST

START_TEST(test_style_override)
{
	struct model	 m;
	struct cf_buf	 pdf;
	struct capture	 cap;
	char		*dir, *diags;

	memset(&m, 0, sizeof(m));
	make_catalogue(&m, 1, 3, NULL);
	/* Letter, and bare font names still found in the system folder. */
	dir = style_dir("page-size: Letter\nfont-regular: DejaVuSans.ttf\n"
	    "colour-heading: #003366\n");
	ck_assert_int_eq(render(&m, false, dir, &pdf), 0);
	ck_assert(has_bytes(&pdf, "/MediaBox [ 0 0 612 792 ]"));
	cf_buf_free(&pdf);
	rm_dir(dir);
	/* Every malformed line is reported at its line and column. */
	dir = style_dir("page-size: A5\ncolour-text: blue\nmargins: 1cm\n"
	    "body-size: 40\n");
	capture_start(&cap);
	ck_assert_int_eq(render(&m, false, dir, &pdf), -1);
	diags = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:1:12: error: unknown "
	    "page size 'A5'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:2:14: error: bad "
	    "colour 'blue'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:3:1: error: unknown "
	    "style key 'margins'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:4:12: error: bad text "
	    "size '40'"));
	free(diags);
	cf_buf_free(&pdf);
	rm_dir(dir);
	/* Numbers a PDF cannot hold are errors, never a corrupt PDF. */
	dir = style_dir("margin-top: nan\nmargin-left: inf\n"
	    "margin-right: -5mm\nbody-size: NAN\nmargin-bottom: 1e400\n"
	    "table-size: nanpt\n");
	capture_start(&cap);
	ck_assert_int_eq(render(&m, false, dir, &pdf), -1);
	diags = capture_end(&cap);
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:1:13: error: bad "
	    "length 'nan'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:2:14: error: bad "
	    "length 'inf'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:3:15: error: bad "
	    "length '-5mm'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:4:12: error: bad text "
	    "size 'NAN'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:5:16: error: bad "
	    "length '1e400'"));
	ck_assert_ptr_nonnull(strstr(diags, "pdf.style:6:13: error: bad text "
	    "size 'nanpt'"));
	ck_assert_uint_eq(count(diags, "\n"), 6);
	free(diags);
	cf_buf_free(&pdf);
	rm_dir(dir);
	free_model(&m);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("pdf");
	TCase	*tc = tcase_create("pdf");

	tcase_add_test(tc, test_break_wraps_at_width);
	tcase_add_test(tc, test_break_long_tokens);
	tcase_add_test(tc, test_break_utf8);
	tcase_add_test(tc, test_break_huge_word);
	tcase_add_test(tc, test_long_link_one_uri);
	tcase_add_test(tc, test_md_runs);
	tcase_add_test(tc, test_md_gfm);
	tcase_add_test(tc, test_md_plain_as_cmark);
	tcase_add_test(tc, test_md_lead_label);
	tcase_add_test(tc, test_headings_kept_with_content);
	tcase_add_test(tc, test_table_pagination);
	tcase_add_test(tc, test_table_widths);
	tcase_add_test(tc, test_reproducible);
	tcase_add_test(tc, test_streams_deflated);
	tcase_add_test(tc, test_shown_codes_escaped);
	tcase_add_test(tc, test_blank_content);
	tcase_add_test(tc, test_completed_content);
	tcase_add_test(tc, test_missing_glyph_warning);
	tcase_add_test(tc, test_glyph_warning_once_per_place);
	tcase_add_test(tc, test_glyph_warning_sources);
	tcase_add_test(tc, test_table_bookmarks);
	tcase_add_test(tc, test_ten_thousand_pages);
	tcase_add_test(tc, test_hpdf_error_one_diagnostic);
	tcase_add_test(tc, test_style_override);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
