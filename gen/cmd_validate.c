/*
 * cmd_validate.c -- `cfgen validate CATALOGUE [RESPONSES...]`.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "diag.h"
#include "gate.h"
#include "inputs.h"
#include "load.h"
#include "sarif.h"
#include "util.h"

static const char usage[] =
    "usage: cfgen validate CATALOGUE [RESPONSES...] [--sarif FILE]\n";

static const char help[] =
    "Check a catalogue release and responses files against it; write\n"
    "nothing.  Every problem is printed as file:line:col: error|warning.\n"
    "For each responses file, say whether a declaration at the claimed\n"
    "class can be issued, and if not, why.\n\n"
    "      --sarif FILE  also write every diagnostic to FILE as a SARIF\n"
    "                    2.1.0 log (for code scanning)\n"
    "  -h, --help        show this help\n\n"
    "Exit status: 0 valid, 1 invalid input, 2 usage, 4 system error.\n";

static const struct option longopts[] = {
	{ "sarif", required_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"validate", usage, help, "", longopts
};

struct operands {
	char		**v;
	size_t		  n;
	const char	 *sarif;
};

static int
operand(void *ctx, int opt, char *arg)
{
	struct operands	*o = ctx;

	if (opt == 'S') {
		o->sarif = arg;
		return 0;
	}
	o->v = cf_xrealloc(o->v, (o->n + 1) * sizeof(*o->v));
	o->v[o->n++] = arg;
	return 0;
}

int
cf_cmd_validate(int argc, char *argv[])
{
	struct operands		 ops = { NULL, 0, NULL };
	struct cf_inputs	 in;
	struct cf_verdict	 v;
	struct cf_responses	*r;
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
	/* A verdict for each responses file that is valid, whatever others. */
	/* One product in memory at a time, as in build. */
	cf_inputs_load_lean(&in, ops.v[0], ops.v + 1, ops.n - 1);
	for (i = 0; i < in.nresp; i++) {
		if (!in.resp_ok[i] || (r = cf_inputs_reload(&in, i)) == NULL)
			continue;
		cf_gate(in.cat, r, &v);
		cf_gate_report(r, &v, stdout);
		cf_verdict_free(&v);
		cf_responses_free(r);
	}
	cf_inputs_free(&in);
	free(ops.v);
	cf_diag_flush();
	if (ops.sarif != NULL)
		cf_sarif_write(ops.sarif);
	/* Blockers are warnings here: the inputs are valid. */
	return cf_diag_exit();
}
