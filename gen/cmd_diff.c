/*
 * cmd_diff.c -- `cfgen diff OLD NEW [-o DIR] [-f md,html]`.
 *
 * The one command that writes its output and still exits 1: a release
 * whose requirement ids vanished gets its report, because the report is
 * how the editor sees what went missing (releases.md, cli.md).
 */
#include <dirent.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "output.h"
#include "inputs.h"
#include "locale.h"
#include "translate.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_DIFF

static const char usage[] =
    "usage: cfgen diff OLD_CATALOGUE NEW_CATALOGUE [-o DIR] [-f md,html]\n";

static const char help[] =
    "Compare two releases of one catalogue and write the change report to\n"
    "DIR/<catalogue>-changes-<old>-to-<new>.md and .html; print one line\n"
    "per change.  Texts are compared with white space folded, so a\n"
    "re-wrapped paragraph is not a change.  For each translation of the\n"
    "new release (<new>.<lang>.yaml) with one of the old beside it, warn\n"
    "about every text the release changed whose translation did not.\n\n"
    "  -o, --output DIR     output folder (default: output)\n"
    "  -f, --format LIST    md, html or both, comma-separated (default: both)\n"
    "  -h, --help           show this help\n\n"
    "SOURCE_DATE_EPOCH, when set, gives the \"generated\" date.\n"
    "Exit status: 0 written, 1 invalid input or a requirement id vanished\n"
    "(the report is still written then), 2 usage, 4 system error.\n";

struct options {
	const char	*outdir;
	unsigned	 formats;
	time_t		 generated;
	const char	*old, *new;
};

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "format", required_argument, NULL, 'f' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"diff", usage, help, "o:f:", longopts
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;

	switch (c) {
	case CF_OPERAND:
		if (o->old == NULL)
			o->old = arg;
		else if (o->new == NULL)
			o->new = arg;
		else
			return cf_usage_error(usage, "diff: too many "
			    "operands ('%s')", arg);
		return 0;
	case 'o':
		if (*arg == '\0')
			return cf_usage_error(usage, "diff: -o needs a "
			    "folder");
		o->outdir = arg;
		return 0;
	default:	/* 'f' */
		return cf_parse_formats(usage, "diff", arg,
		    CF_FMT_MD | CF_FMT_HTML, &o->formats);
	}
}

/* Returns -1 to go on, or the exit status (help, usage error). */
static int
parse_options(int argc, char *argv[], struct options *o)
{
	int	 rc;

	memset(o, 0, sizeof(*o));
	o->outdir = "output";
	o->formats = CF_FMT_MD | CF_FMT_HTML;
	if ((rc = cf_parse_args(&command, argc, argv, option, o)) != -1)
		return rc;
	if (o->new == NULL)
		return cf_usage_error(usage, "diff: missing %s",
		    o->old == NULL ? "OLD_CATALOGUE and NEW_CATALOGUE" :
		    "NEW_CATALOGUE");
	if (cf_source_date(usage, "diff", &o->generated) != 0)
		return CF_EXIT_USAGE;
	return -1;
}

static void
report_vanished(const struct cf_diff *d)
{
	size_t	 i;

	for (i = 0; i < d->nreqs; i++)
		if (d->reqs[i].changes & CF_RD_VANISHED)
			cf_diag(CF_ERROR, d->new->path, 0, 0, "requirement %s "
			    "of %s %s disappeared: an id must never vanish "
			    "(keep it with status: withdrawn or reserved)",
			    d->reqs[i].id, d->old->id, d->old->version);
}

/*
 * A text of both releases that changed while its translation stayed as
 * it was: the translation still says the old text (languages.md).
 */
static void
stale(struct cf_arena *a, const struct cf_translation *otr,
    const struct cf_translation *ntr, const char *const *ofield,
    const char *const *nfield, const char *what, const char *id,
    const char *key, const struct cf_diff *d)
{
	const char	*ot, *nt;

	if (*ofield == NULL || *nfield == NULL ||
	    strcmp(cf_fold_space(a, *ofield), cf_fold_space(a, *nfield)) == 0)
		return;
	if ((ot = cf_translation_text(otr, ofield)) == NULL ||
	    (nt = cf_translation_text(ntr, nfield)) == NULL ||
	    strcmp(cf_fold_space(a, ot), cf_fold_space(a, nt)) != 0)
		return;
	cf_diagk(CF_DK_TRANSLATION, CF_WARNING, ntr->path, 0, 0, "%s %s: "
	    "its %s changed from %s to %s, but its '%s' translation is still "
	    "the one of %s: translate the new text", what, id, key,
	    d->old->version, d->new->version, ntr->lang, d->old->version);
}

static void
stale_texts(const struct cf_translation *otr,
    const struct cf_translation *ntr, const struct cf_diff *d)
{
	const struct cf_requirement	*nr, *or;
	const struct cf_section		*ns, *os;
	struct cf_arena			 a;
	size_t				 i;

	cf_arena_init(&a);
	for (i = 0; i < d->new->nsections; i++) {
		ns = &d->new->sections[i];
		if ((os = cf_catalogue_find_section(d->old, ns->id.s)) == NULL)
			continue;
		stale(&a, otr, ntr, &os->title, &ns->title, "section",
		    ns->id.s, "title", d);
		stale(&a, otr, ntr, &os->intro, &ns->intro, "section",
		    ns->id.s, "intro", d);
	}
	for (i = 0; i < d->new->nreqs; i++) {
		nr = d->new->reqs[i];
		if ((or = cf_catalogue_find_req(d->old, nr->id.s)) == NULL)
			continue;
		stale(&a, otr, ntr, &or->title, &nr->title, "requirement",
		    nr->id.s, "title", d);
		stale(&a, otr, ntr, &or->text, &nr->text, "requirement",
		    nr->id.s, "text", d);
		stale(&a, otr, ntr, &or->guidance, &nr->guidance,
		    "requirement", nr->id.s, "guidance", d);
		stale(&a, otr, ntr, &or->note, &nr->note, "requirement",
		    nr->id.s, "note", d);
	}
	cf_arena_free(&a);
}

/*
 * Every translation of the new release, <new>.<lang>.yaml beside it,
 * against the old release's in the same language, when there is one.
 */
static void
report_stale(struct cf_catalogue *ocat, struct cf_catalogue *ncat,
    const struct cf_diff *d)
{
	struct cf_translation	*otr, *ntr;
	struct dirent		**names;
	const char		*name;
	char			*folder, *slash, *lang, *opath, *npath;
	size_t			 vlen = strlen(ncat->version), len;
	int			 i, n;
	bool			 missing;

	folder = cf_xstrdup(ncat->path);
	if ((slash = strrchr(folder, '/')) != NULL)
		slash[1] = '\0';
	else
		strcpy(folder, ".");
	/* In name order: the same warnings in the same order every run. */
	n = scandir(folder, &names, NULL, alphasort);
	free(folder);
	for (i = 0; i < n; i++) {
		name = names[i]->d_name;
		len = strlen(name);
		/* "<version>.<lang>.yaml": the language between the dots. */
		if (len <= vlen + 6 ||
		    strncmp(name, ncat->version, vlen) != 0 ||
		    name[vlen] != '.' || strcmp(name + len - 5, ".yaml") != 0)
			continue;
		lang = cf_xstrdup(name + vlen + 1);
		lang[len - vlen - 1 - 5] = '\0';
		if (!cf_lang_tag_ok(lang)) {
			free(lang);
			continue;
		}
		npath = cf_translation_path(ncat->path, lang);
		opath = cf_translation_path(ocat->path, lang);
		ntr = cf_translation_load(npath, ncat, lang, CF_TR_QUIET,
		    &missing);
		otr = ntr != NULL ? cf_translation_load(opath, ocat, lang,
		    CF_TR_QUIET, &missing) : NULL;
		if (otr != NULL)
			stale_texts(otr, ntr, d);
		cf_translation_free(otr);
		cf_translation_free(ntr);
		free(npath);
		free(opath);
		free(lang);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	if (n >= 0)
		free(names);
}

/* <cat>-changes-<old>-to-<new>.<ext>, as releases.md names it. */
static char *
report_name(const struct cf_diff *d, const char *ext)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_buf_printf(&b, "%s-changes-%s-to-%s.%s", d->new->id,
	    d->old->version, d->new->version, ext);
	return cf_buf_detach(&b);
}

static int
write_report(const struct options *o, const struct cf_diff *d)
{
	struct cf_diff_render	 r;
	struct cf_buf		 b;
	struct cf_out		 out;
	char			*name;
	int			 rc = 0;

	r.generated = o->generated;
	cf_out_begin(&out, o->outdir, false);
	cf_buf_init(&b);
	if (o->formats & CF_FMT_MD) {
		cf_diff_render_md(d, &r, &b);
		name = report_name(d, "md");
		rc = cf_out_add(&out, name, b.data, b.len);
		free(name);
	}
	if (rc == 0 && (o->formats & CF_FMT_HTML)) {
		cf_buf_reset(&b);
		cf_diff_render_html(d, &r, &b);
		name = report_name(d, "html");
		rc = cf_out_add(&out, name, b.data, b.len);
		free(name);
	}
	cf_buf_free(&b);
	if (rc != 0) {
		cf_out_abort(&out);
		return rc;
	}
	return cf_out_commit(&out);
}

static void
run(const struct options *o)
{
	struct cf_inputs	 oin, nin;
	struct cf_diff		 d;
	struct cf_buf		 sum;
	bool			 ok;

	/* Both are loaded and checked, so every problem is reported. */
	ok = cf_inputs_load(&oin, o->old, NULL, 0);
	ok = cf_inputs_load(&nin, o->new, NULL, 0) && ok;
	if (!ok)
		goto out;
	if (strcmp(oin.cat->id, nin.cat->id) != 0) {
		cf_diag(CF_ERROR, nin.cat->path, nin.cat->id_pos.line,
		    nin.cat->id_pos.col, "catalogue id '%s' is not '%s' of "
		    "%s: diff compares two releases of one catalogue",
		    nin.cat->id, oin.cat->id, oin.cat->path);
		goto out;
	}
	cf_diff_compute(&d, oin.cat, nin.cat);
	report_vanished(&d);
	report_stale(oin.cat, nin.cat, &d);
	if (write_report(o, &d) == 0) {
		cf_buf_init(&sum);
		cf_diff_summary(&d, &sum);
		fputs(sum.data != NULL ? sum.data : "", stdout);
		cf_buf_free(&sum);
	}
	cf_diff_free(&d);
out:
	cf_inputs_free(&oin);
	cf_inputs_free(&nin);
}

int
cf_cmd_diff(int argc, char *argv[])
{
	struct options	 o;
	int		 rc;

	if ((rc = parse_options(argc, argv, &o)) != -1)
		return rc;
	run(&o);
	cf_diag_flush();
	return cf_diag_exit();
}
