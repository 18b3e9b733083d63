/*
 * main.c -- cfgen(1): dispatch a command.
 */
#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "diag.h"

static const struct {
	const char	*name;
	int		(*run)(int, char *[]);
	const char	*what;
} commands[] = {
	{ "validate", cf_cmd_validate, "check a catalogue and responses" },
	{ "build", cf_cmd_build, "write checklists, guide and declarations" },
	{ "diff", cf_cmd_diff, "report what changed between two releases" },
	{ "migrate", cf_cmd_migrate, "carry responses over to a new release" },
	{ "init", cf_cmd_init, "write a responses skeleton for a product" },
	{ "verify", cf_cmd_verify, "check the files a declaration records" },
	{ "import", cf_cmd_import, "write a catalogue from an OSCAL catalog" },
	{ "keygen", cf_cmd_keygen, "make a key pair to sign declarations" },
};

static void
usage(FILE *out)
{
	size_t	 i;

	fputs("usage: cfgen COMMAND [ARGS...]\n"
	    "       cfgen --version | --help\n\ncommands:\n", out);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s\n", commands[i].name, commands[i].what);
	fputs("\n'cfgen COMMAND --help' describes a command; cfgen(1) has "
	    "the details.\n", out);
}

int
main(int argc, char *argv[])
{
	size_t	 i;

	/*
	 * A run lasts a fraction of a second and renders one document after
	 * another in buffers of the same sizes: memory given back to the
	 * kernel between them (heap trimmed, a large buffer unmapped) is
	 * asked for again at once, and every page of it faults in anew,
	 * which cost a build a fifth of its CPU time.  Keep what was freed
	 * for the next document instead; peak memory does not change.
	 */
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);

	if (argc < 2) {
		usage(stderr);
		return CF_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(stdout);
		return CF_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 && argc > 2) {
		fprintf(stderr, "cfgen: error: --version takes no operand\n");
		return CF_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("cfgen %s\n", CFGEN_VERSION);
		return CF_EXIT_OK;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "cfgen: error: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return CF_EXIT_USAGE;
}
