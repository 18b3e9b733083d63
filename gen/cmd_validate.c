/*
 * cmd_validate.c -- `cfgen validate CATALOGUE [RESPONSES...]`.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "gate.h"
#include "inputs.h"

static const char usage[] =
    "usage: cfgen validate CATALOGUE [RESPONSES...]\n";

static const char help[] =
    "Check a catalogue release and responses files against it; write\n"
    "nothing.  Every problem is printed as file:line:col: error|warning.\n"
    "For each responses file, say whether a declaration at the claimed\n"
    "class can be issued, and if not, why.\n\n"
    "  -h, --help   show this help\n\n"
    "Exit status: 0 valid, 1 invalid input, 2 usage, 4 system error.\n";

/*
 * getopt_long has stepped past a long option it refused, so arg is that
 * option; a short one may sit inside a group ("-hx"): optopt names it.
 */
static int
bad_option(const struct option *opts, const char *arg)
{
	size_t	 len = strcspn(arg, "=");

	if (strncmp(arg, "--", 2) != 0)
		return cf_usage_error(usage, "validate: unknown option '-%c'",
		    optopt);
	/* Abbreviations count, as getopt_long accepts them. */
	for (; arg[len] == '=' && len > 2 && opts->name != NULL; opts++)
		if (strncmp(opts->name, arg + 2, len - 2) == 0)
			return cf_usage_error(usage, "validate: option '--%s' "
			    "takes no argument", opts->name);
	return cf_usage_error(usage, "validate: unknown option '%.*s'",
	    (int)len, arg);
}

int
cf_cmd_validate(int argc, char *argv[])
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cf_inputs	 in;
	struct cf_verdict	 v;
	size_t			 i;
	int			 c;

	optind = 1;
	opterr = 0;	/* one message of our own, naming the option */
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		if (c == 'h') {
			printf("%s\n%s", usage, help);
			return CF_EXIT_OK;
		}
		return bad_option(longopts, argv[optind - 1]);
	}
	if (optind >= argc)
		return cf_usage_error(usage, "validate: missing CATALOGUE");
	/* A verdict for each responses file that is valid, whatever others. */
	cf_inputs_load(&in, argv[optind], argv + optind + 1,
	    (size_t)(argc - optind - 1));
	for (i = 0; i < in.nresp; i++) {
		if (!in.resp_ok[i])
			continue;
		cf_gate(in.cat, in.resp[i], &v);
		cf_gate_report(in.resp[i], &v, stdout);
		cf_verdict_free(&v);
	}
	cf_inputs_free(&in);
	cf_diag_flush();
	/* Blockers are warnings here: the inputs are valid. */
	return cf_diag_exit();
}
