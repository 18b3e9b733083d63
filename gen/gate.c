/*
 * gate.c -- the declaration gate of declaration.md, as a pure function.
 */
#include "gate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "inputs.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_GATE

/* Records a blocker; its message is m, a sentence only when written. */
static void
block(struct cf_verdict *v, enum cf_blocker_kind kind,
    const struct cf_requirement *req, struct cf_pos pos,
    const struct cf_msg *m)
{
	struct cf_blocker	*b;

	/* Full at 16 and at every power of two above: grow by doubling. */
	if (v->nblockers == 0 || (v->nblockers >= 16 &&
	    (v->nblockers & (v->nblockers - 1)) == 0)) {
		size_t	 cap = v->nblockers == 0 ? 16 : 2 * v->nblockers;
		struct cf_blocker *grown = cf_arena_alloc(&v->arena,
		    cap * sizeof(*grown));

		if (v->nblockers > 0)
			memcpy(grown, v->blockers,
			    v->nblockers * sizeof(*grown));
		v->blockers = grown;
	}
	b = &v->blockers[v->nblockers++];
	b->kind = kind;
	b->req = req;
	b->pos = pos;
	b->msg = *m;
}

/*
 * A finding about an answer: the requirement, and the titles of its
 * category and answer code, each with where the catalogue gives it.
 */
static void
answer_msg(struct cf_verdict *v, const struct cf_catalogue *cat,
    enum cf_msg_id id, const struct cf_category *cg,
    const struct cf_answer *a, struct cf_msg *m)
{
	const struct cf_answer_code	*code = a->acode;
	struct cf_src			 src = { cat->path, cg->pos, NULL };

	cf_msg_init(m, id);
	cf_msg_text(m, "req", CF_ARG_ID, a->req->id.s, NULL);
	src.what = cf_arena_printf(&v->arena, "category %s", cg->code);
	cf_msg_text(m, "category", CF_ARG_TEXT, cg->title, &src);
	cf_msg_text(m, "category_code", CF_ARG_ID, cg->code, NULL);
	cf_msg_text(m, "code", CF_ARG_ID, code->code, NULL);
	src.pos = code->pos;
	src.what = cf_arena_printf(&v->arena, "answer code %s", code->code);
	/* Built-in answer codes are cfgen's own words, not the file's. */
	cf_msg_text(m, "code_title", CF_ARG_TEXT, code->title,
	    cat->answers_default ? NULL : &src);
}

/* Blockers 2 to 4 and 6: what an applicable answer must satisfy. */
/* cg is the category it applies as (its `below` one under its class). */
static void
judge_answer(const struct cf_catalogue *cat, const struct cf_category *cg,
    const struct cf_answer *a, struct cf_verdict *v)
{
	const struct cf_requirement	*req = a->req;
	const struct cf_answer_code	*code = a->acode;
	struct cf_msg			 m;

	if (cg->required && !code->meets) {
		answer_msg(v, cat, CF_MSG_REQUIRED_NOT_MET, cg, a, &m);
		block(v, CF_BLOCK_REQUIRED_NOT_MET, req, a->req_id.pos, &m);
	} else if (cg->required && !code->needs_justification &&
	    a->nevidence == 0) {
		answer_msg(v, cat, CF_MSG_NO_EVIDENCE, cg, a, &m);
		block(v, CF_BLOCK_NO_EVIDENCE, req, a->req_id.pos, &m);
	} else if (!cg->required && !code->meets && cf_blank(a->note)) {
		answer_msg(v, cat, CF_MSG_NO_NOTE, cg, a, &m);
		block(v, CF_BLOCK_NO_NOTE, req, a->req_id.pos, &m);
	}
	if (a->review) {
		cf_msg_init(&m, CF_MSG_REVIEW);
		cf_msg_text(&m, "req", CF_ARG_ID, req->id.s, NULL);
		block(v, CF_BLOCK_REVIEW, req, a->req_id.pos, &m);
	}
}

static void
tally_init(const struct cf_catalogue *cat, struct cf_verdict *v)
{
	size_t	 i;

	v->ntallies = cat->nsections;
	v->tallies = cf_arena_alloc(&v->arena,
	    (cat->nsections + 1) * sizeof(*v->tallies));
	for (i = 0; i < cat->nsections; i++) {
		v->tallies[i].section = &cat->sections[i];
		v->tallies[i].by_code = cf_arena_alloc(&v->arena,
		    (cat->nanswers + 1) * sizeof(size_t));
	}
}

static void
judge_dates(const struct cf_catalogue *cat, const struct cf_responses *r,
    struct cf_verdict *v)
{
	const struct cf_date	*d = &r->decl.date;
	struct cf_msg		 m;

	if (cf_date_cmp(d, &cat->released) < 0) {
		cf_msg_init(&m, CF_MSG_DATE_BEFORE_RELEASE);
		cf_msg_date(&m, "date", d);
		cf_msg_text(&m, "catalogue", CF_ARG_ID, cat->id, NULL);
		cf_msg_text(&m, "version", CF_ARG_ID, cat->version, NULL);
		cf_msg_date(&m, "released", &cat->released);
		block(v, CF_BLOCK_DATE, NULL, r->decl.date_pos, &m);
	} else if (cf_date_cmp(d, &r->date) < 0) {
		cf_msg_init(&m, CF_MSG_DATE_BEFORE_ANSWERS);
		cf_msg_date(&m, "date", d);
		cf_msg_date(&m, "answers_date", &r->date);
		block(v, CF_BLOCK_DATE, NULL, r->decl.date_pos, &m);
	}
}

/* A form asked for needs a key the responses lack (declaration.md). */
static void
need_key(struct cf_verdict *v, const struct cf_responses *r, enum cf_form f,
    bool given, const char *key)
{
	struct cf_msg	 m;

	if (given)
		return;
	cf_msg_init(&m, CF_MSG_FORM_NEEDS);
	cf_msg_text(&m, "form", CF_ARG_ID, cf_form_name(f), NULL);
	cf_msg_text(&m, "key", CF_ARG_ID, key, NULL);
	block(v, CF_BLOCK_FORM, NULL, r->decl.form_pos[f], &m);
}

static void
judge_forms(const struct cf_responses *r, struct cf_verdict *v)
{
	const struct cf_declaration	*d = &r->decl;

	if (d->forms[CF_FORM_SIMPLIFIED]) {
		need_key(v, r, CF_FORM_SIMPLIFIED, d->url != NULL,
		    "declaration.url");
		need_key(v, r, CF_FORM_SIMPLIFIED, d->nlegislation > 0,
		    "declaration.legislation");
	}
	if (d->forms[CF_FORM_PSTI]) {
		need_key(v, r, CF_FORM_PSTI, d->identification != NULL,
		    "declaration.identification");
		need_key(v, r, CF_FORM_PSTI, r->product.support_until.year != 0,
		    "product.support_until");
	}
}

/* One requirement's blockers stand together: index each run once. */
struct cf_blocker_run {
	const struct cf_requirement	*req;
	size_t				 first, n;
};

static int
run_order(const void *a, const void *b)
{
	const struct cf_blocker_run	*x = a, *y = b;
	uintptr_t			 rx = (uintptr_t)x->req;
	uintptr_t			 ry = (uintptr_t)y->req;

	return (rx > ry) - (rx < ry);
}

static void
index_runs(struct cf_verdict *v)
{
	size_t	 i;

	v->runs = cf_arena_alloc(&v->arena,
	    (v->nblockers + 1) * sizeof(*v->runs));
	for (i = 0; i < v->nblockers; i++) {
		if (v->blockers[i].req == NULL)
			continue;
		if (v->nruns > 0 &&
		    v->runs[v->nruns - 1].req == v->blockers[i].req) {
			v->runs[v->nruns - 1].n++;
			continue;
		}
		v->runs[v->nruns++] = (struct cf_blocker_run){
		    v->blockers[i].req, i, 1 };
	}
	qsort(v->runs, v->nruns, sizeof(*v->runs), run_order);
}

size_t
cf_verdict_blockers(const struct cf_verdict *v,
    const struct cf_requirement *req, const struct cf_blocker **first)
{
	struct cf_blocker_run	 key = { req, 0, 0 };
	struct cf_blocker_run	*run;

	run = v->nruns == 0 ? NULL : bsearch(&key, v->runs, v->nruns,
	    sizeof(*v->runs), run_order);
	if (run == NULL)
		return 0;
	*first = &v->blockers[run->first];
	return run->n;
}

const struct cf_tally *
cf_verdict_tally(const struct cf_verdict *v, const struct cf_catalogue *cat,
    const struct cf_section *s)
{
	size_t	 i = (size_t)(s - cat->sections);

	return i < v->ntallies ? &v->tallies[i] : NULL;
}

void
cf_gate(const struct cf_catalogue *cat, const struct cf_responses *r,
    struct cf_verdict *v)
{
	struct cf_msg	 m;
	size_t		 i, j, cg;

	memset(v, 0, sizeof(*v));
	cf_arena_init(&v->arena);
	tally_init(cat, v);
	for (i = 0; i < cat->nsections; i++) {
		const struct cf_section	*s = &cat->sections[i];
		struct cf_tally		*t = &v->tallies[i];

		/* Children too: each is answered on its own. */
		for (j = s->first; j < s->first + s->count; j++) {
			const struct cf_requirement	*req = cat->reqs[j];
			const struct cf_answer		*a;

			if (cf_scope(cat, req, &r->claim, &cg) !=
			    CF_SCOPE_APPLIES)
				continue;
			t->applicable++;
			/* Validation resolved each answer to its requirement. */
			a = cf_responses_find(r, req->id.s);
			if (a == NULL || a->req != req || a->acode == NULL) {
				t->not_assessed++;
				cf_msg_init(&m, CF_MSG_NOT_ASSESSED);
				cf_msg_text(&m, "req", CF_ARG_ID, req->id.s,
				    NULL);
				block(v, CF_BLOCK_NOT_ASSESSED, req,
				    r->answers_pos, &m);
				continue;
			}
			t->by_code[a->acode - cat->answers]++;
			judge_answer(cat, &cat->categories[cg], a, v);
		}
	}
	if (!r->decl.present) {
		cf_msg_init(&m, CF_MSG_NO_DECLARATION);
		block(v, CF_BLOCK_NO_DECLARATION, NULL, (struct cf_pos){ 0, 0 },
		    &m);
	} else {
		judge_dates(cat, r, v);
		judge_forms(r, v);
	}
	index_runs(v);
	v->can_issue = v->nblockers == 0;
}

void
cf_verdict_free(struct cf_verdict *v)
{
	cf_arena_free(&v->arena);
	memset(v, 0, sizeof(*v));
}

void
cf_gate_text(const struct cf_responses *r, const struct cf_verdict *v,
    struct cf_gate_text *t)
{
	struct cf_buf	 b;
	size_t		 i;

	memset(t, 0, sizeof(*t));
	t->path = r->path != NULL ? cf_xstrdup(r->path) : NULL;
	t->n = v->nblockers;
	t->pos = cf_xcalloc(t->n + 1, sizeof(*t->pos));
	t->msg = cf_xcalloc(t->n + 1, sizeof(*t->msg));
	cf_buf_init(&b);
	for (i = 0; i < v->nblockers; i++) {
		cf_buf_reset(&b);
		cf_msg_put(&b, &v->blockers[i].msg);
		t->pos[i] = v->blockers[i].pos;
		t->msg[i] = cf_xstrdup(b.data != NULL ? b.data : "");
	}
	cf_buf_reset(&b);
	if (v->can_issue)
		cf_buf_printf(&b, "%s: declaration at class %ld can be issued\n",
		    r->product.id.s, r->claim.class_id);
	else
		cf_buf_printf(&b, "%s: declaration at class %ld refused (%zu "
		    "blockers)\n", r->product.id.s, r->claim.class_id,
		    v->nblockers);
	t->line = cf_buf_detach(&b);
}

void
cf_gate_take_text(void *ctx, const struct cf_inputs *in, size_t i,
    const struct cf_responses *r)
{
	struct cf_gate_text	*texts = ctx;
	struct cf_verdict	 v;

	cf_gate(in->cat, r, &v);
	cf_gate_text(r, &v, &texts[i]);
	cf_verdict_free(&v);
}

void
cf_gate_text_report(const struct cf_gate_text *t, FILE *out)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		cf_diag(CF_WARNING, t->path, t->pos[i].line, t->pos[i].col,
		    "%s", t->msg[i]);
	fputs(t->line, out);
	fflush(out);
}

void
cf_gate_text_free(struct cf_gate_text *t)
{
	size_t	 i;

	for (i = 0; i < t->n; i++)
		free(t->msg[i]);
	free(t->msg);
	free(t->pos);
	free(t->path);
	free(t->line);
	memset(t, 0, sizeof(*t));
}

void
cf_gate_report(const struct cf_responses *r, const struct cf_verdict *v,
    FILE *out)
{
	struct cf_gate_text	 t;

	cf_gate_text(r, v, &t);
	cf_gate_text_report(&t, out);
	cf_gate_text_free(&t);
}
