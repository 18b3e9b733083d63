/*
 * cmd_validate.c -- `cfgen validate CATALOGUE [RESPONSES...]`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>

#include "cli.h"
#define CF_DIAG_KIND	CF_DK_TRANSLATION
#include "diag.h"
#include "gate.h"
#include "inputs.h"
#include "load.h"
#include "locale.h"
#include "sarif.h"
#include "translate.h"
#include "util.h"

static const char usage[] =
    "usage: cfgen validate CATALOGUE [RESPONSES...] [--lang L] [-t DIR] "
    "[--sarif FILE]\n";

static const char help[] =
    "Check a catalogue release and responses files against it; write\n"
    "nothing.  Every problem is printed as file:line:col: error|warning.\n"
    "For each responses file, say whether a declaration at the claimed\n"
    "class can be issued, and if not, why.  The messages and the\n"
    "catalogue's translation of each language the documents would be\n"
    "written in (a responses file's lang:) are checked too.\n\n"
    "      --lang L     check language L for a translator: every message\n"
    "                   it lacks and every text of the catalogue its\n"
    "                   translation (<version>.<L>.yaml) leaves out\n"
    "  -t, --templates DIR\n"
    "                   messages from DIR/locale/<L>.yaml first, as build\n"
    "      --sarif FILE also write every diagnostic to FILE as a SARIF\n"
    "                   2.1.0 log (for code scanning)\n"
    "  -h, --help       show this help\n\n"
    "Exit status: 0 valid, 1 invalid input, 2 usage, 4 system error.\n";

static const struct option longopts[] = {
	{ "lang", required_argument, NULL, 'L' },
	{ "templates", required_argument, NULL, 't' },
	{ "sarif", required_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"validate", usage, help, "t:", longopts
};

struct operands {
	char		**v;
	size_t		  n;
	const char	 *lang;		/* --lang */
	const char	 *tdir;		/* -t */
	const char	 *sarif;	/* --sarif */
};

static int
operand(void *ctx, int opt, char *arg)
{
	struct operands	*o = ctx;

	switch (opt) {
	case 'S':
		o->sarif = arg;
		return 0;
	case 'L':
		return cf_lang_option(&command, &o->lang, arg);
	case 't':
		o->tdir = arg;
		return 0;
	default:
		o->v = cf_xrealloc(o->v, (o->n + 1) * sizeof(*o->v));
		o->v[o->n++] = arg;
		return 0;
	}
}

/* For the translator: the file that would translate the release. */
static void
no_translation(const struct cf_catalogue *cat, const char *tag)
{
	char	*path;

	if (strcasecmp(tag, CF_LANG_DEFAULT) == 0)
		return;
	path = cf_translation_path(cat->path, tag);
	cf_diag(CF_WARNING, path, 0, 0, "no translation of %s %s into '%s': "
	    "its texts are written in the original", cat->id, cat->version,
	    tag);
	free(path);
}

/*
 * The languages the documents would be written in, each once: --lang,
 * else every responses file's lang:.  Their messages and the release's
 * translation are read as build reads them, so a bad translation is an
 * error here first; with --lang every gap is listed for the translator.
 */
static void
check_langs(const struct operands *o, struct cf_inputs *in)
{
	struct cf_translation	*tr;
	struct cf_locale	*loc;
	const char		*tag;
	size_t			 i, j;

	for (i = 0; i < (o->lang != NULL ? 1 : in->nresp); i++) {
		tag = o->lang != NULL ? o->lang : in->langs[i];
		if (tag == NULL || !cf_lang_tag_ok(tag))
			continue;
		for (j = 0; o->lang == NULL && j < i; j++)
			if (in->langs[j] != NULL &&
			    strcasecmp(in->langs[j], tag) == 0)
				break;
		if (o->lang == NULL && j < i)
			continue;
		if ((loc = o->lang != NULL ? cf_locale_load(tag, o->tdir) :
		    cf_locale_load_at(tag, o->tdir, in->paths[i],
		    in->lang_pos[i])) == NULL)
			continue;
		if (cf_translation_find(in->cat, cf_locale_tag(loc),
		    o->lang != NULL ? CF_TR_EACH : CF_TR_COUNT, &tr) == 0 &&
		    tr == NULL && o->lang != NULL)
			no_translation(in->cat, cf_locale_tag(loc));
		cf_translation_free(tr);
		cf_locale_free(loc);
	}
}

int
cf_cmd_validate(int argc, char *argv[])
{
	struct operands		 ops = { NULL, 0, NULL, NULL, NULL };
	struct cf_inputs	 in;
	struct cf_gate_text	*vs;
	size_t			 i;
	int			 rc;

	if ((rc = cf_parse_args(&command, argc, argv, operand, &ops)) != -1 ||
	    ops.n == 0) {
		free(ops.v);
		return rc != -1 ? rc : cf_usage_error(usage,
		    "validate: missing CATALOGUE");
	}
	if (ops.sarif != NULL)
		cf_diag_record();
	/*
	 * A verdict for each responses file that is valid, whatever others,
	 * said after every file was checked.  One product in memory at a
	 * time, as in build, and each read once: its verdict is taken as
	 * text while it is there.
	 */
	/* Nothing is recorded and nothing read again: no digests. */
	cf_load_digests(false);
	vs = cf_xcalloc(ops.n, sizeof(*vs));
	cf_inputs_load_each(&in, ops.v[0], ops.v + 1, ops.n - 1, 0,
	    cf_gate_take_text, vs);
	if (in.cat_ok)
		check_langs(&ops, &in);
	for (i = 0; i < in.nresp; i++) {
		if (in.resp_ok[i] && vs[i].line != NULL)
			cf_gate_text_report(&vs[i], stdout);
		cf_gate_text_free(&vs[i]);
	}
	free(vs);
	cf_inputs_free(&in);
	free(ops.v);
	cf_diag_flush();
	if (ops.sarif != NULL)
		cf_sarif_write(ops.sarif);
	/* Blockers are warnings here: the inputs are valid. */
	return cf_diag_exit();
}
