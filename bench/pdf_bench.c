/*
 * pdf_bench.c -- how long a completed PDF checklist takes, and how much
 * memory, for 300 requirements against the shipped size (10).
 *
 *	bench_pdf [ITERATIONS]
 *
 * Three documents are rendered ITERATIONS times each (default 20), in
 * this order so the peak resident size can be read after each:
 *   fonts  -- one empty page: loading and embedding the four fonts, the
 *             fixed cost every PDF pays;
 *   10     -- the completed checklist of 10 requirements (shipped size),
 *             the baseline;
 *   300    -- the completed checklist of 300 requirements.
 * It prints the mean time per document, the peak RSS (getrusage), the
 * ratio 300 / 10 (the baseline), the share of the baseline that is the
 * fixed font cost, and the marginal cost of one more requirement,
 * (t300 - t10) / 290: with a fixed cost that large, a ratio far below 30
 * is expected, and the marginal cost shows whether layout itself stays
 * linear (it should be a fraction of a millisecond).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "diag.h"
#include "gate.h"
#include "layout.h"
#include "model.h"
#include "pdfstyle.h"
#include "render.h"
#include "util.h"

struct model {
	struct cf_catalogue	 cat;
	struct cf_responses	 resp;
	struct cf_verdict	 vd;
};

static const char *const texts[] = {
	"There is a person or role, typically a board level executive, who "
	"takes ownership of and is responsible for product, service and "
	"business level security.",
	"Processes and plans are in place based upon the IoTSF "
	"\xe2\x80\x9cVulnerability Disclosure Guidelines\xe2\x80\x9d or "
	"similar recognised process to deal with the identification of a "
	"security vulnerability or compromise when they occur.",
	"A process is in place for consistent briefing of senior executives "
	"in the event of the identification of a vulnerability or a security "
	"breach, especially those who may deal with the media or make public "
	"announcements. In particular that any public statements made in the "
	"event of a security breach, should give as full and accurate account "
	"of the facts as possible.",
	"There are documented business processes in place for security, "
	"see *the manual* and `SEC-PROC-001`."
};

static void
make_model(struct model *m, size_t nreq)
{
	static const char *const codes[] = { "C", "PC", "N", "NA" };
	static const char *const titles[] = { "Compliant",
	    "Partially compliant", "Non-compliant", "Not applicable" };
	struct cf_catalogue	*c = &m->cat;
	struct cf_section	*s;
	struct cf_requirement	*r;
	struct cf_answer	*a;
	struct cf_tally		*t;
	size_t			 i, j, nsec = (nreq + 29) / 30, k;

	memset(m, 0, sizeof(*m));
	cf_arena_init(&c->arena);
	c->path = "bench.yaml";
	c->id = "bench";
	c->title = "Benchmark Compliance Framework";
	c->publisher = "Bench Foundation";
	c->version = "1.0";
	c->released = (struct cf_date){ 2016, 12, 5 };
	c->notice = "A *generated* catalogue for measuring.";
	c->nclasses = 3;
	c->classes = cf_arena_alloc(&c->arena, 3 * sizeof(*c->classes));
	for (i = 0; i < 3; i++) {
		c->classes[i].id = (long)i;
		c->classes[i].title = cf_arena_printf(&c->arena, "Class %zu",
		    i);
		c->classes[i].description = "Where compromise would have an "
		    "impact.";
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
	c->nsections = nsec;
	c->sections = cf_arena_alloc(&c->arena, nsec * sizeof(*c->sections));
	m->resp.answers = cf_arena_alloc(&c->arena, nreq *
	    sizeof(*m->resp.answers));
	cf_arena_init(&m->vd.arena);
	m->vd.ntallies = nsec;
	m->vd.tallies = cf_arena_alloc(&m->vd.arena, nsec *
	    sizeof(*m->vd.tallies));
	for (i = 0, k = 0; i < nsec; i++) {
		s = &c->sections[i];
		s->id.s = cf_arena_printf(&c->arena, "%zu", i + 1);
		s->title = cf_arena_printf(&c->arena, "Section %zu", i + 1);
		s->nreqs = nreq - k < 30 ? nreq - k : 30;
		s->reqs = cf_arena_alloc(&c->arena, s->nreqs *
		    sizeof(*s->reqs));
		t = &m->vd.tallies[i];
		t->section = s;
		t->by_code = cf_arena_alloc(&m->vd.arena, 4 * sizeof(size_t));
		for (j = 0; j < s->nreqs; j++, k++) {
			r = &s->reqs[j];
			r->id.s = cf_arena_printf(&c->arena, "%zu.%zu", i + 1,
			    j + 1);
			r->text = texts[k % 4];
			r->class_id = (long)(k % 2);
			r->class_idx = k % 2;
			r->category = k % 3 ? "M" : "A";
			r->category_idx = k % 3 ? 0 : 1;
			r->applic_tbd = true;
			r->section = s;
			a = &m->resp.answers[m->resp.nanswers++];
			a->req_id.s = r->id.s;
			a->req = r;
			a->acode = &c->answers[k % 5 == 4 ? 3 : 0];
			a->evidence = cf_arena_alloc(&c->arena,
			    sizeof(*a->evidence));
			a->evidence[0].ref = cf_arena_printf(&c->arena,
			    "https://maker.example/evidence/%s/record.pdf",
			    r->id.s);
			a->evidence[0].kind = CF_EVIDENCE_URL;
			a->nevidence = 1;
			if (a->acode->needs_justification)
				a->justification = "Not relevant: the product "
				    "has *no* such interface.";
			else
				a->note = "Reviewed at the last audit.";
			t->applicable++;
			t->by_code[k % 5 == 4 ? 3 : 0]++;
		}
	}
	m->vd.can_issue = true;
	m->resp.path = "bench-responses.yaml";
	m->resp.revision = 1;
	m->resp.date = (struct cf_date){ 2026, 11, 20 };
	m->resp.product.id.s = "benchprod";
	m->resp.product.name = "Bench Product";
	m->resp.product.manufacturer.name = "Maker Ltd";
	m->resp.product.manufacturer.address = "1 Road, Town";
	m->resp.claim.class_id = 2;
	m->resp.claim.class_idx = 2;
	cf_responses_index(&m->resp);
	cf_catalogue_index(c);
}

static void
free_model(struct model *m)
{
	cf_arena_free(&m->vd.arena);
	cf_arena_free(&m->resp.arena);
	cf_arena_free(&m->cat.arena);
}

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static long
peak_kib(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* The fixed cost: a one-page PDF with the style's fonts. */
static size_t
render_fonts_only(void)
{
	struct cf_pdf_style	 st;
	struct cf_layout	 L;
	struct cf_buf		 out;
	size_t			 len;

	cf_buf_init(&out);
	if (cf_pdf_style_load(NULL, &st) != 0 || cf_layout_open(&L, &st) != 0)
		exit(1);
	cf_layout_new_page(&L);
	if (cf_layout_save(&L, &out) != 0)
		exit(1);
	cf_layout_close(&L);
	cf_pdf_style_free(&st);
	len = out.len;
	cf_buf_free(&out);
	return len;
}

static size_t
render_checklist(const struct model *m)
{
	struct cf_render_opts	 o = { .generated = 1795132800 };
	struct cf_buf		 out;
	size_t			 len;

	cf_buf_init(&out);
	if (cf_render_checklist_pdf(&m->cat, &m->resp, &m->vd, &o, &out) != 0)
		exit(1);
	len = out.len;
	cf_buf_free(&out);
	return len;
}

struct result {
	const char	*name;
	double		 secs;		/* per document */
	size_t		 bytes;
	long		 peak;		/* KiB, after this document's runs */
};

static void
measure(struct result *res, const char *name, const struct model *m,
    int iterations)
{
	double	 t0;
	int	 i;

	res->name = name;
	t0 = now();
	for (i = 0; i < iterations; i++)
		res->bytes = m != NULL ? render_checklist(m) :
		    render_fonts_only();
	res->secs = (now() - t0) / iterations;
	res->peak = peak_kib();
}

int
main(int argc, char **argv)
{
	struct model	 small, big;
	struct result	 r[3];
	int		 iterations = argc > 1 ? atoi(argv[1]) : 20, i;
	double		 marginal;

	if (iterations < 1) {
		fprintf(stderr, "usage: bench_pdf [ITERATIONS]\n");
		return 2;
	}
	make_model(&small, 10);
	make_model(&big, 300);
	measure(&r[0], "fonts only", NULL, iterations);
	measure(&r[1], "10 requirements (baseline)", &small, iterations);
	measure(&r[2], "300 requirements", &big, iterations);
	printf("%-28s %12s %10s %14s\n", "document", "ms/document",
	    "KiB", "peak RSS KiB");
	for (i = 0; i < 3; i++)
		printf("%-28s %12.2f %10zu %14ld\n", r[i].name,
		    r[i].secs * 1e3, r[i].bytes / 1024, r[i].peak);
	marginal = (r[2].secs - r[1].secs) / 290;
	printf("ratio 300 / 10 requirements: %.2f x the time, %.2f x the "
	    "peak RSS\n", r[2].secs / r[1].secs,
	    (double)r[2].peak / r[1].peak);
	printf("fixed font cost: %.0f%% of the 10-requirement document\n",
	    100 * r[0].secs / r[1].secs);
	printf("marginal cost: %.3f ms per requirement\n", marginal * 1e3);
	free_model(&small);
	free_model(&big);
	return 0;
}
