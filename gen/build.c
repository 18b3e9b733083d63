/*
 * build.c -- `cfgen build`: check the inputs, ask the gate, render every
 * artefact, then commit them all in one output transaction.
 *
 * Rendering is split into jobs that `-j N` runs on N threads: a part of
 * the release's artefacts or of one product's -- its Markdown, HTML or
 * PDF checklist, or the rest (the release's guide and OSCAL catalog, a
 * product's declaration and exports).  A product's parts share its
 * responses, taken by the first of them to start and let go when the
 * last ends; parts start product by product, so memory holds about a
 * product per thread, whatever the number of products.  Each artefact
 * goes to its temporary file as soon as it is rendered and its buffer is
 * freed; the files do not depend on N.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "gate.h"
#include "hash.h"
#include "inputs.h"
#include "load.h"
#include "locale.h"
#include "declaration.h"
#include "output.h"
#include "pdfstyle.h"
#include "render.h"
#include "richtext.h"
#include "sarif.h"
#include "sign.h"
#include "translate.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_OUTPUT

static const char usage[] =
    "usage: cfgen build CATALOGUE [RESPONSES...] [-o DIR] "
    "[-f md,html,pdf,json,cdx,oscal]\n"
    "                   [-t DIR] [--draft] [-j N] [-q] [--lang L] "
    "[--sign KEYFILE]\n"
    "                   [--sarif FILE]\n";

static const char help[] =
    "Write the checklists, the best-practice guide and the declarations of\n"
    "a catalogue release and its products into DIR/<catalogue>-<version>/.\n"
    "Nothing is written unless every input is valid and every artefact\n"
    "could be rendered.\n\n"
    "  -o, --output DIR     output folder (default: output)\n"
    "  -f, --format LIST    formats, comma-separated: md, html, pdf, json\n"
    "                       (default: these four; the guide comes with\n"
    "                       html), cdx (CycloneDX 1.6 attestations), oscal\n"
    "                       (OSCAL catalog and assessment results)\n"
    "  -t, --templates DIR  take templates from DIR first\n"
    "      --draft          write a refused declaration as a marked draft\n"
    "  -j, --jobs N         render on N threads (default: the number of\n"
    "                       processors); the output does not depend on N\n"
    "  -q, --quiet          no progress on a terminal\n"
    "      --lang L         write every document in language L (de, fr,\n"
    "                       pt-BR ...); default: each responses file's\n"
    "                       lang, else en\n"
    "      --sign KEYFILE   sign every declaration file and SHA256SUMS\n"
    "                       with the Ed25519 key KEYFILE (cfgen keygen):\n"
    "                       FILE.minisig beside each, which minisign -V\n"
    "                       checks; drafts are never signed\n"
    "      --sarif FILE     also write every diagnostic to FILE as a\n"
    "                       SARIF 2.1.0 log (for code scanning)\n"
    "  -h, --help           show this help\n\n"
    "SOURCE_DATE_EPOCH, when set, gives the \"generated\" date.\n"
    "Exit status: 0 written, 1 invalid input, 2 usage, 3 a declaration\n"
    "was refused (the rest was written), 4 system error.\n";

#define FMT_DEFAULT	(CF_FMT_MD | CF_FMT_HTML | CF_FMT_PDF | CF_FMT_JSON)
#define FMT_ALL		(FMT_DEFAULT | CF_FMT_CDX | CF_FMT_OSCAL)

#define MAX_JOBS	256
/*
 * What a thread's rich-text memo may hold before its next job starts it
 * again: a whole run holds 54 KB for the 250-requirement benchmark and
 * 1.1 MB for NIST SP 800-53's low baseline; many products' own notes
 * would make it grow without end.
 */
#define MEMO_MAX	(8u << 20)

typedef int (*checklist_fn)(const struct cf_catalogue *,
    const struct cf_responses *, const struct cf_verdict *,
    const struct cf_render_opts *, struct cf_buf *);

static const struct {
	unsigned	 fmt;
	const char	*ext;
	checklist_fn	 render;
} checklists[] = {
	{ CF_FMT_MD, "md", cf_render_checklist_md },
	{ CF_FMT_HTML, "html", cf_render_checklist_html },
	{ CF_FMT_PDF, "pdf", cf_render_checklist_pdf },
};

/*
 * The release's artefacts or one product's, which its jobs share: the
 * responses and their verdict, from the first of its jobs to start to
 * the last to end.
 */
struct group {
	pthread_mutex_t			 lock;
	size_t				 index;	/* of in's responses,
						   CF_NONE: the release */
	const char			*label;	/* for progress */
	struct cf_responses		*resp;
	struct cf_verdict		 verdict;
	size_t				 left;	/* jobs not ended */
	bool				 taken;
};

/* What one job renders of its group: a checklist, or the rest. */
enum part {
	PART_MD,
	PART_HTML,
	PART_PDF,
	PART_REST,
	PART_COUNT
};

static const char *const part_names[PART_COUNT] = {
	"Markdown checklist", "HTML checklist", "PDF checklist", "the rest"
};

struct job {
	const struct cf_catalogue	*cat;
	struct cf_inputs		*in;
	struct group			*group;
	enum part			 part;
	const struct cf_responses	*resp;	/* while rendering one */
	const struct cf_verdict		*verdict;
	const struct cf_render_opts	*opts;
	unsigned			 formats;
	const struct cf_seckey		*key;	/* --sign, or NULL */
	struct cf_out			*out;
	char				*rel;	/* being rendered */
	struct cf_buf			 data;
	bool				 failed;
	bool				 finished;
	struct cf_diag_queue		 diags;	/* said in job order */
};

struct options {
	const char		*outdir;
	const char		*lang;		/* --lang; NULL: per product */
	const char		*sarif;		/* --sarif FILE, or NULL */
	unsigned		 formats;
	long			 jobs;
	bool			 quiet;
	const char		*keyfile;	/* --sign */
	struct cf_seckey	 key;
	struct cf_render_opts	 render;
	char			**operands;
	size_t			 noperands;
};

/* The buffer to render the artefact named by fmt into; see done(). */
static struct cf_buf *
artefact(struct job *j, const char *fmt, ...)
{
	va_list		 ap;

	va_start(ap, fmt);
	j->rel = cf_xvasprintf(fmt, ap);
	va_end(ap);
	cf_buf_init(&j->data);
	return &j->data;
}

/*
 * The artefact rendered (rc == 0) goes to its temporary file now; its
 * memory is freed either way.  Returns whether the job failed.
 */
static bool
done(struct job *j, int rc)
{
	if (rc != 0 || cf_out_add(j->out, j->rel, j->data.data != NULL ?
	    j->data.data : "", j->data.len) != 0)
		j->failed = true;
	free(j->rel);
	j->rel = NULL;
	cf_buf_free(&j->data);
	return j->failed;
}

/* The checklist of j's part, blank for the release. */
static void
run_checklist(struct job *j)
{
	const struct cf_catalogue *cat = j->cat;
	const char	*ext = checklists[j->part].ext;
	const char	*pid;

	if (j->resp == NULL) {
		done(j, checklists[j->part].render(cat, NULL, NULL, j->opts,
		    artefact(j, "%s-%s-checklist.%s", cat->id, cat->version,
		    ext)));
		return;
	}
	pid = j->resp->product.id.s;
	done(j, checklists[j->part].render(cat, j->resp, j->verdict, j->opts,
	    artefact(j, "%s/%s-r%ld-%s-%s-checklist.%s", pid, pid,
	    j->resp->revision, cat->id, cat->version, ext)));
}

/* The release's artefacts but its checklists: OSCAL, the guide. */
static void
run_release(struct job *j)
{
	const struct cf_catalogue *cat = j->cat;
	struct cf_arena	 slugs;
	size_t		 i;

	if (j->formats & CF_FMT_OSCAL)
		done(j, cf_render_oscal_catalog(cat, j->opts, artefact(j,
		    "%s-%s-catalog.oscal.json", cat->id, cat->version)));
	if (j->failed || !(j->formats & CF_FMT_HTML) ||
	    done(j, cf_render_guide_index(cat, j->opts,
	    artefact(j, "guide/index.html"))) ||
	    done(j, cf_render_guide_css(j->opts,
	    artefact(j, "guide/style.css"))))
		return;
	/* An id with a space (IEC 62443 "FR 1") names no file as is. */
	cf_arena_init(&slugs);
	for (i = 0; !j->failed && i < cat->nsections; i++)
		done(j, cf_render_guide_section(cat, &cat->sections[i],
		    j->opts, artefact(j, "guide/%s.html",
		    cf_id_slug(&slugs, cat->sections[i].id.s))));
	cf_arena_free(&slugs);
}

/* A file of an earlier run that this one must delete at commit. */
static void
stale_file(struct job *j, const char *pid, const char *name,
    const char *suffix)
{
	struct cf_buf	 rel;

	cf_buf_init(&rel);
	cf_buf_printf(&rel, "%s/%s%s", pid, name, suffix);
	cf_out_remove(j->out, rel.data);
	cf_buf_free(&rel);
}

/* A declaration file of an earlier run, and its signature. */
static void
stale(struct job *j, const char *pid, const char *name)
{
	stale_file(j, pid, name, "");
	stale_file(j, pid, name, ".minisig");
}

typedef int (*declaration_fn)(const struct cf_decl *,
    const struct cf_render_opts *, struct cf_buf *);

/* signing.md: what the signature of a declaration file vouches for. */
static const char *
trusted_comment(struct cf_decl *d)
{
	return cf_arena_printf(&d->arena, "cfgen declaration %s %s %s class "
	    "%ld", d->id, d->cat->id, d->cat->version, d->cls->id);
}

/*
 * done() for a declaration file, signed beside it (FILE.minisig) when the
 * run signs and the declaration is issued.
 */
static void
declaration_done(struct job *j, int rc, struct cf_decl *d)
{
	struct cf_buf	 sig;
	char		*rel;

	if (rc != 0 || j->key == NULL || d->draft) {
		done(j, rc);
		return;
	}
	cf_buf_init(&sig);
	rc = cf_sign(j->key, j->data.data != NULL ? j->data.data : "",
	    j->data.len, trusted_comment(d), &sig);
	rel = cf_xstrdup(j->rel);
	if (!done(j, rc)) {
		cf_buf_put(artefact(j, "%s.minisig", rel), sig.data, sig.len);
		done(j, 0);
	}
	free(rel);
	cf_buf_free(&sig);
}

/*
 * The exports record the assessment whatever the gate decided: written
 * for every product, a draft saying so inside (exports.md).
 */
static void
run_exports(struct job *j, const struct cf_decl *d)
{
	static const struct {
		unsigned	 fmt;
		const char	*suffix;
		declaration_fn	 render;
	} exports[] = {
		{ CF_FMT_CDX, "declaration.cdx.json",
		    cf_render_declaration_cdx },
		{ CF_FMT_OSCAL, "assessment-results.oscal.json",
		    cf_render_assessment_results },
	};
	size_t	 i;

	for (i = 0; !j->failed && i < sizeof(exports) / sizeof(exports[0]);
	    i++)
		if (j->formats & exports[i].fmt)
			done(j, exports[i].render(d, j->opts, artefact(j,
			    "%s/%s-%s", j->resp->product.id.s, d->id,
			    exports[i].suffix)));
}

/*
 * The declaration in each picked format: a refused one only as a draft,
 * with --draft.  Files of the same id of the other kind are stale and
 * go at commit, with their signatures: the issued declaration when
 * refused (and, without --draft, earlier drafts), the drafts once it is
 * issued.  With --sign, each file of an issued one is signed.
 */
static void
run_declaration(struct job *j)
{
	static const struct {
		enum cf_form	 form;
		unsigned	 fmt;
		const char	*ext;
		declaration_fn	 render;
	} forms[] = {
		{ CF_FORM_FULL, CF_FMT_MD, "md", cf_render_declaration_md },
		{ CF_FORM_FULL, CF_FMT_HTML, "html",
		    cf_render_declaration_html },
		{ CF_FORM_FULL, CF_FMT_PDF, "pdf", cf_render_declaration_pdf },
		{ CF_FORM_FULL, CF_FMT_JSON, "json",
		    cf_render_declaration_json },
		{ CF_FORM_SIMPLIFIED, CF_FMT_MD, "md",
		    cf_render_simplified_md },
		{ CF_FORM_SIMPLIFIED, CF_FMT_HTML, "html",
		    cf_render_simplified_html },
		{ CF_FORM_SIMPLIFIED, CF_FMT_PDF, "pdf",
		    cf_render_simplified_pdf },
		{ CF_FORM_PSTI, CF_FMT_MD, "md", cf_render_psti_md },
		{ CF_FORM_PSTI, CF_FMT_HTML, "html", cf_render_psti_html },
		{ CF_FORM_PSTI, CF_FMT_PDF, "pdf", cf_render_psti_pdf },
	};
	const char	*pid = j->resp->product.id.s, *exts[4];
	struct cf_decl	 d;
	size_t		 i, n = 0;
	bool		 write;

	for (i = 0; i < sizeof(checklists) / sizeof(checklists[0]); i++)
		if (j->formats & checklists[i].fmt)
			exts[n++] = checklists[i].ext;
	exts[n] = NULL;
	if (cf_decl_build(j->cat, j->resp, j->verdict, exts, j->opts,
	    &d) != 0) {
		j->failed = true;
		cf_decl_free(&d);
		return;
	}
	write = !d.draft || j->opts->draft;
	for (i = 0; !j->failed && i < sizeof(forms) / sizeof(forms[0]); i++) {
		bool	 asked = j->resp->decl.forms[forms[i].form];
		const char *name = cf_decl_form_filename(&d, forms[i].form,
		    forms[i].ext, d.draft);

		if (write && asked && (j->formats & forms[i].fmt)) {
			declaration_done(j, forms[i].render(&d, j->opts,
			    artefact(j, "%s/%s", pid, name)), &d);
			/* An earlier run's signature of other bytes. */
			if (j->key == NULL || d.draft)
				stale_file(j, pid, name, ".minisig");
		}
		stale(j, pid, cf_decl_form_filename(&d, forms[i].form,
		    forms[i].ext, !d.draft));
		if (!write || !asked)
			stale(j, pid, name);
	}
	run_exports(j, &d);
	cf_decl_free(&d);
}

/*
 * A product's responses, for the first of its jobs to start: kept from
 * the reading that checked them for as many products as there are
 * threads, read again for the others (cli.md "Memory").  The gate is
 * decided again from the same bytes.  Returns false when the file is no
 * longer the one checked (said once, by the first job).
 */
static bool
group_enter(struct group *g, struct cf_inputs *in,
    const struct cf_catalogue *cat)
{
	bool	 ok;

	if (g->index == CF_NONE)
		return true;
	pthread_mutex_lock(&g->lock);
	if (!g->taken) {
		g->taken = true;
		if ((g->resp = cf_inputs_take(in, g->index)) != NULL)
			cf_gate(cat, g->resp, &g->verdict);
	}
	ok = g->resp != NULL;
	pthread_mutex_unlock(&g->lock);
	return ok;
}

/* The last of a product's jobs lets its responses go. */
static void
group_leave(struct group *g)
{
	bool	 last;

	pthread_mutex_lock(&g->lock);
	last = --g->left == 0;
	pthread_mutex_unlock(&g->lock);
	if (!last || g->resp == NULL)
		return;
	cf_verdict_free(&g->verdict);
	cf_responses_free(g->resp);
	g->resp = NULL;
}

static void
run_job(struct job *j)
{
	struct group	*g = j->group;

	if (!group_enter(g, j->in, j->cat)) {
		j->failed = true;
		group_leave(g);
		return;
	}
	j->resp = g->resp;
	j->verdict = g->resp != NULL ? &g->verdict : NULL;
	if (j->part != PART_REST)
		run_checklist(j);
	else if (j->resp == NULL)
		run_release(j);
	else
		run_declaration(j);
	j->resp = NULL;
	j->verdict = NULL;
	group_leave(g);
}

struct pool {
	pthread_mutex_t	 lock;
	struct job	*jobs;
	struct job	**order;	/* the jobs as they start */
	struct cf_out	*out;
	size_t		 njobs;
	size_t		 next;
	size_t		 ended;
	bool		 settling;	/* a thread is in cf_out_settle() */
	size_t		 said;	/* jobs whose diagnostics were said */
	bool		 progress;
};

/*
 * Called with the pool locked when a job ends.  Diagnostics are said in
 * the jobs' order, as soon as every job before them has ended: the same
 * lines in the same order whatever -j is, and held only as long as an
 * earlier job is still running, not until the whole run ends (a run of
 * many products would otherwise keep every product's warnings).
 */
static void
say_finished(struct pool *p, struct job *j)
{
	j->finished = true;
	while (p->said < p->njobs && p->jobs[p->said].finished)
		cf_diag_release(&p->jobs[p->said++].diags);
}

static void *
worker(void *arg)
{
	struct pool	*p = arg;
	struct job	*j;
	bool		 settle;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		j = p->next < p->njobs ? p->order[p->next++] : NULL;
		/* The first thread out of work while others still render
		 * makes what is written durable meanwhile (output.h). */
		settle = j == NULL && !p->settling && p->ended < p->njobs;
		p->settling |= settle;
		pthread_mutex_unlock(&p->lock);
		if (settle)
			cf_out_settle(p->out);
		if (j == NULL) {
			/* The next run_jobs() may speak another language. */
			cf_rich_memo_close();
			return NULL;
		}
		cf_diag_hold(&j->diags);
		/* Fields print in several documents: what this thread
		 * rendered for earlier jobs is kept, up to a bound. */
		cf_rich_memo_open(MEMO_MAX);
		/* In-page links of md fields name this catalogue's anchors. */
		cf_rich_anchors(cf_catalogue_anchor, (void *)j->cat);
		run_job(j);
		cf_rich_anchors(NULL, NULL);
		cf_diag_hold(NULL);
		pthread_mutex_lock(&p->lock);
		p->ended++;
		say_finished(p, j);
		if (p->progress)
			fprintf(stderr, "cfgen: [%zu/%zu] %s: %s\n",
			    p->ended, p->njobs, j->group->label,
			    part_names[j->part]);
		pthread_mutex_unlock(&p->lock);
	}
}

/*
 * The order jobs start in: group by group, as listed, so that few
 * products' responses are held at once; in a group, the longest first
 * (a PDF checklist takes as long as the rest together), so that the
 * threads end together.
 */
static struct job **
start_order(struct job *jobs, size_t njobs)
{
	static const enum part longest[] = {
		PART_PDF, PART_REST, PART_MD, PART_HTML
	};
	struct job	**order = cf_xcalloc(njobs, sizeof(*order));
	size_t		  a, b, k, x, n = 0;

	for (a = 0; a < njobs; a = b) {
		for (b = a; b < njobs && jobs[b].group == jobs[a].group; b++)
			;
		for (k = 0; k < PART_COUNT; k++)
			for (x = a; x < b; x++)
				if (jobs[x].part == longest[k])
					order[n++] = &jobs[x];
	}
	return order;
}

/*
 * The calling thread works too; a thread that cannot start is not needed.
 * When the last job ends, say_finished() has said every job's diagnostics.
 */
static void
run_jobs(struct job *jobs, size_t njobs, long nthreads, bool progress)
{
	struct pool	 p;
	pthread_t	 tids[MAX_JOBS];
	size_t		 i, n = 0;

	memset(&p, 0, sizeof(p));
	pthread_mutex_init(&p.lock, NULL);
	p.jobs = jobs;
	p.order = start_order(jobs, njobs);
	p.out = njobs > 0 ? jobs[0].out : NULL;
	p.njobs = njobs;
	p.progress = progress;
	for (i = 1; i < (size_t)nthreads && i < njobs; i++)
		if (pthread_create(&tids[n], NULL, worker, &p) == 0)
			n++;
	worker(&p);
	for (i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&p.lock);
	free(p.order);
}

/* One language of the run: its messages and the release's translation. */
struct lang {
	const char		*tag;		/* as asked for */
	struct cf_locale	*loc;
	struct cf_translation	*tr;
	struct cf_render_opts	 ro;
};

/* rlang: the responses file's `lang:`, NULL for none or the release. */
static const char *
lang_of(const struct options *o, const char *rlang)
{
	if (o->lang != NULL)
		return o->lang;
	if (rlang != NULL)
		return rlang;
	return CF_LANG_DEFAULT;
}

/* The languages of the run, each loaded once; NULL after an error. */
static struct lang *
load_langs(const struct options *o, const struct cf_inputs *in,
    const struct cf_render_opts *ro, size_t *nlangs, size_t *group_lang)
{
	struct lang	*langs = cf_xcalloc(in->nresp + 1, sizeof(*langs));
	const char	*tag;
	size_t		 i, j, n = 0;
	bool		 failed = false;

	for (i = 0; i <= in->nresp; i++) {
		tag = lang_of(o, i == 0 ? NULL : in->langs[i - 1]);
		for (j = 0; j < n; j++)
			if (strcasecmp(langs[j].tag, tag) == 0)
				break;
		group_lang[i] = j;
		if (j < n)
			continue;
		langs[n].tag = tag;
		langs[n].ro = *ro;
		if ((langs[n].loc = o->lang != NULL || i == 0 ?
		    cf_locale_load(tag, ro->template_dir) :
		    cf_locale_load_at(tag, ro->template_dir,
		    in->paths[i - 1], in->lang_pos[i - 1])) == NULL ||
		    cf_translation_find(in->cat, cf_locale_tag(langs[n].loc),
		    CF_TR_COUNT, &langs[n].tr) != 0)
			failed = true;
		langs[n].ro.locale = langs[n].loc;
		langs[n].ro.translation = langs[n].tr;
		n++;
	}
	*nlangs = n;
	if (!failed)
		return langs;
	for (i = 0; i < n; i++) {
		cf_locale_free(langs[i].loc);
		cf_translation_free(langs[i].tr);
	}
	free(langs);
	return NULL;
}

/*
 * Group i of the run (0: the release, else responses i - 1) and its jobs,
 * appended to jobs[*njobs] in the order their diagnostics are said.
 */
static void
add_group(struct group *g, size_t i, const struct options *o,
    struct cf_inputs *in, const struct cf_render_opts *ro,
    struct cf_out *out, struct job *jobs, size_t *njobs)
{
	struct job	*j;
	size_t		 part;
	bool		 wanted;

	pthread_mutex_init(&g->lock, NULL);
	g->index = i > 0 ? i - 1 : CF_NONE;
	g->label = i > 0 ? in->paths[i - 1] : in->cat->path;
	for (part = 0; part < PART_COUNT; part++) {
		/* A product's declaration decides stale files whatever
		 * the formats; the release's rest is OSCAL and the guide. */
		if (part != PART_REST)
			wanted = o->formats & checklists[part].fmt;
		else
			wanted = i > 0 ||
			    (o->formats & (CF_FMT_HTML | CF_FMT_OSCAL));
		if (!wanted)
			continue;
		j = &jobs[(*njobs)++];
		j->group = g;
		j->part = part;
		j->out = out;
		j->cat = in->cat;
		j->opts = ro;
		j->formats = o->formats;
		j->key = o->keyfile != NULL ? &o->key : NULL;
		j->in = in;
		g->left++;
	}
}

struct sums_ctx {
	const struct cf_seckey		*key;
	const struct cf_catalogue	*cat;
};

/* SHA256SUMS.minisig, at commit (output.h). */
static int
sign_sums(void *ctx, const void *data, size_t len, struct cf_buf *sig)
{
	const struct sums_ctx	*c = ctx;
	struct cf_buf		 trusted;
	int			 rc;

	cf_buf_init(&trusted);
	cf_buf_printf(&trusted, "cfgen SHA256SUMS %s-%s", c->cat->id,
	    c->cat->version);
	rc = cf_sign(c->key, data, len, trusted.data, sig);
	cf_buf_free(&trusted);
	return rc;
}

static void
build(const struct options *o, struct cf_inputs *in,
    struct cf_gate_text *verdicts)
{
	struct cf_render_opts	 ro = o->render;
	struct cf_pdf_style	 style;
	struct cf_cat_saved	 saved;
	struct lang		*langs;
	struct group		*groups;
	struct job		*jobs;
	struct cf_out		 out;
	struct cf_buf		 root;
	struct sums_ctx		 sums_ctx = { &o->key, in->cat };
	size_t			 i, k, g, n, ngroups = in->nresp + 1, njobs;
	size_t			 nlangs, *group_lang;
	bool			 failed = false;

	/* Once for every PDF, and before any verdict: a bad style is each
	 * error once, and no "can be issued" precedes it. */
	memset(&style, 0, sizeof(style));
	if (o->formats & CF_FMT_PDF) {
		if (cf_pdf_style_load(o->render.template_dir, &style) != 0) {
			cf_pdf_style_free(&style);
			cf_diag(CF_WARNING, NULL, 0, 0, "nothing was written");
			return;
		}
		ro.pdf_style = &style;
	}
	/* The languages too: a bad message catalogue or translation
	 * stops the run before any verdict. */
	group_lang = cf_xcalloc(ngroups, sizeof(*group_lang));
	if ((langs = load_langs(o, in, &ro, &nlangs, group_lang)) == NULL) {
		free(group_lang);
		cf_pdf_style_free(&style);
		cf_diag(CF_WARNING, NULL, 0, 0, "nothing was written");
		return;
	}
	/*
	 * The verdicts taken when the inputs were read and checked, said
	 * and let go: kept through the rendering, every product's blockers
	 * would make memory grow with the number of products.
	 */
	for (i = 0; i < in->nresp; i++) {
		cf_gate_text_report(&verdicts[i], stdout);
		if (verdicts[i].n > 0)
			cf_diag_note_refused();
		cf_gate_text_free(&verdicts[i]);
	}

	cf_buf_init(&root);
	cf_buf_printf(&root, "%s/%s-%s", o->outdir, in->cat->id,
	    in->cat->version);
	cf_out_begin(&out, root.data, true);
	cf_buf_free(&root);
	if (o->keyfile != NULL)
		cf_out_sign_sums(&out, sign_sums, &sums_ctx);
	/* Grouped by language: the catalogue speaks one at a time. */
	groups = cf_xcalloc(ngroups, sizeof(*groups));
	jobs = cf_xcalloc(ngroups * PART_COUNT, sizeof(*jobs));
	for (k = 0, g = 0, njobs = 0; k < nlangs; k++)
		for (i = 0; i < ngroups; i++)
			if (group_lang[i] == k)
				add_group(&groups[g++], i, o, in, &langs[k].ro,
				    &out, jobs, &njobs);
	for (k = 0, n = 0; k < nlangs; k++) {
		for (i = n; i < njobs && jobs[i].opts == &langs[k].ro; i++)
			;
		cf_catalogue_localise(in->cat, langs[k].loc, langs[k].tr,
		    &saved);
		run_jobs(jobs + n, i - n, o->jobs, !o->quiet &&
		    isatty(STDERR_FILENO));
		cf_catalogue_restore(&saved);
		n = i;
	}
	for (i = 0; i < njobs; i++)
		failed |= jobs[i].failed;
	if (failed) {
		/* Renderers report their own errors; never exit 0 without. */
		if (cf_diag_count(CF_ERROR) + cf_diag_count(CF_SYSERR) == 0)
			cf_diag(CF_ERROR, NULL, 0, 0, "rendering failed");
		cf_diag(CF_WARNING, NULL, 0, 0, "nothing was written");
		cf_out_abort(&out);
	} else
		cf_out_commit(&out);

	free(jobs);
	for (g = 0; g < ngroups; g++)
		pthread_mutex_destroy(&groups[g].lock);
	free(groups);
	for (k = 0; k < nlangs; k++) {
		cf_locale_free(langs[k].loc);
		cf_translation_free(langs[k].tr);
	}
	free(langs);
	free(group_lang);
	cf_pdf_style_free(&style);
}

static int
parse_jobs(const char *s, long *jobs)
{
	char	*end;

	errno = 0;
	*jobs = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || *jobs < 1 ||
	    *jobs > MAX_JOBS)
		return cf_usage_error(usage, "build: -j needs a number of "
		    "jobs from 1 to %d, not '%s'", MAX_JOBS, s);
	return 0;
}

static void
add_operand(struct options *o, char *arg)
{
	o->operands = cf_xrealloc(o->operands,
	    (o->noperands + 1) * sizeof(*o->operands));
	o->operands[o->noperands++] = arg;
}

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "templates", required_argument, NULL, 't' },
	{ "draft", no_argument, NULL, 'D' },
	{ "jobs", required_argument, NULL, 'j' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "lang", required_argument, NULL, 'L' },
	{ "sign", required_argument, NULL, 'S' },
	{ "sarif", required_argument, NULL, 'R' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"build", usage, help, "o:f:t:j:q", longopts
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;

	switch (c) {
	case CF_OPERAND:
		add_operand(o, arg);
		return 0;
	case 'o':
		o->outdir = arg;
		return 0;
	case 'f':
		return cf_parse_formats(usage, "build", arg, FMT_ALL,
		    &o->formats);
	case 't':
		o->render.template_dir = arg;
		return 0;
	case 'D':
		o->render.draft = true;
		return 0;
	case 'j':
		return parse_jobs(arg, &o->jobs) != 0 ? CF_EXIT_USAGE : 0;
	case 'L':
		return cf_lang_option(&command, &o->lang, arg);
	case 'S':
		o->keyfile = arg;
		return 0;
	case 'R':
		o->sarif = arg;
		return 0;
	default:	/* 'q' */
		o->quiet = true;
		return 0;
	}
}

/* A thread per processor: the output does not depend on how many. */
static long
default_jobs(void)
{
	long	 n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : n;
}

/* Returns -1 to go on, else the exit status (help, usage error). */
static int
parse_args(int argc, char *argv[], struct options *o)
{
	int	 rc;

	o->outdir = "output";
	o->formats = FMT_DEFAULT;
	o->jobs = default_jobs();
	if ((rc = cf_parse_args(&command, argc, argv, option, o)) != -1)
		return rc;
	if (o->noperands == 0)
		return cf_usage_error(usage, "build: missing CATALOGUE");
	if (*o->outdir == '\0')
		return cf_usage_error(usage, "build: -o needs a folder name");
	if (cf_source_date(usage, "build", &o->render.generated) != 0)
		return CF_EXIT_USAGE;
	return -1;
}

/* An override folder that is not there would silently change nothing. */
static void
check_template_dir(const char *dir)
{
	struct stat	 st;

	if (dir == NULL)
		return;
	if (stat(dir, &st) == -1)
		cf_diag_errno(dir, "cannot open template folder");
	else if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		cf_diag_errno(dir, "cannot open template folder");
	}
}

/*
 * The --sign key, and the public key beside it (NAME.pub for NAME.key)
 * when there is one: signatures that key cannot check would be published
 * in vain.
 */
static int
load_key(struct options *o)
{
	struct cf_pubkey pub;
	struct cf_buf	 path;
	struct stat	 st;
	size_t		 n = strlen(o->keyfile);
	int		 rc = 0;

	if (cf_seckey_load(o->keyfile, &o->key) != 0)
		return -1;
	if (n < 4 || strcmp(o->keyfile + n - 4, ".key") != 0)
		return 0;
	cf_buf_init(&path);
	cf_buf_printf(&path, "%.*s.pub", (int)(n - 4), o->keyfile);
	if (lstat(path.data, &st) == 0) {
		if (cf_pubkey_load(path.data, &pub) != 0)
			rc = -1;
		else if (memcmp(pub.pk, o->key.pub.pk, CF_SIGN_PUBLEN) != 0) {
			cf_diag(CF_ERROR, path.data, 0, 0, "public key does "
			    "not match the secret key %s: its signatures "
			    "would not verify with it", o->keyfile);
			rc = -1;
		}
	}
	cf_buf_free(&path);
	return rc;
}

/*
 * Every language stands on the built-in English messages: parsed on a
 * thread of their own while the inputs are read, they cost the run no
 * time.  What their reading reports is said after the inputs', as before.
 * libcrypto is set up there first, while the catalogue is being parsed,
 * before its digest needs it.
 */
struct warm {
	pthread_t		 tid;
	struct cf_diag_queue	 diags;
	bool			 started;
};

static void *
warm_english(void *arg)
{
	struct warm	*w = arg;

	cf_sha256_warm();
	cf_diag_hold(&w->diags);
	cf_locale_english();
	cf_diag_hold(NULL);
	return NULL;
}

int
cf_cmd_build(int argc, char *argv[])
{
	struct options		 o;
	struct cf_inputs	 in;
	struct cf_gate_text	*verdicts;
	struct warm		 warm;
	size_t			 i;
	int			 rc;
	bool			 ok;

	memset(&o, 0, sizeof(o));
	if ((rc = parse_args(argc, argv, &o)) != -1) {
		free(o.operands);
		return rc;
	}
	if (o.sarif != NULL)
		cf_diag_record();
	check_template_dir(o.render.template_dir);
	/* A key that cannot sign stops the run before any verdict. */
	if (o.keyfile != NULL && load_key(&o) != 0) {
		cf_diag(CF_WARNING, NULL, 0, 0, "nothing was written");
		cf_seckey_free(&o.key);
		free(o.operands);
		cf_diag_flush();
		return cf_diag_exit();
	}
	/* Each responses file is judged in the reading that checks it. */
	verdicts = cf_xcalloc(o.noperands, sizeof(*verdicts));
	memset(&warm, 0, sizeof(warm));
	warm.started = pthread_create(&warm.tid, NULL, warm_english,
	    &warm) == 0;
	ok = cf_inputs_load_each(&in, o.operands[0], o.operands + 1,
	    o.noperands - 1, (size_t)o.jobs, cf_gate_take_text, verdicts);
	if (warm.started)
		pthread_join(warm.tid, NULL);
	cf_diag_release(&warm.diags);
	if (ok && cf_diag_count(CF_SYSERR) == 0)
		build(&o, &in, verdicts);
	for (i = 0; i < in.nresp; i++)
		cf_gate_text_free(&verdicts[i]);
	free(verdicts);
	cf_inputs_free(&in);
	cf_seckey_free(&o.key);
	free(o.operands);
	cf_diag_flush();
	if (o.sarif != NULL)
		cf_sarif_write(o.sarif);
	return cf_diag_exit();
}
