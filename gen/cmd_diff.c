/*
 * cmd_diff.c -- `cfgen diff OLD NEW [-o DIR] [-f md,html]`.
 *
 * The one command that writes its output and still exits 1: a release
 * whose requirement ids vanished gets its report, because the report is
 * how the editor sees what went missing (releases.md, cli.md).
 */
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

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_DIFF

static const char usage[] =
    "usage: cfgen diff OLD_CATALOGUE NEW_CATALOGUE [-o DIR] [-f md,html]\n";

static const char help[] =
    "Compare two releases of one catalogue and write the change report to\n"
    "DIR/<catalogue>-changes-<old>-to-<new>.md and .html; print one line\n"
    "per change.  Texts are compared with white space folded, so a\n"
    "re-wrapped paragraph is not a change.\n\n"
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
