/*
 * cli.h -- the commands of cfgen(1); main.c only dispatches to them.
 *
 * Each takes the arguments after the command name (argv[0] is the
 * command) and returns the exit status of cli.md.
 */
#ifndef CF_CLI_H
#define CF_CLI_H

#include <time.h>

#include <stdbool.h>
#include <stddef.h>

int	 cf_cmd_validate(int argc, char *argv[]);
int	 cf_cmd_build(int argc, char *argv[]);
int	 cf_cmd_diff(int argc, char *argv[]);
int	 cf_cmd_migrate(int argc, char *argv[]);
int	 cf_cmd_init(int argc, char *argv[]);
int	 cf_cmd_verify(int argc, char *argv[]);
int	 cf_cmd_import(int argc, char *argv[]);
int	 cf_cmd_keygen(int argc, char *argv[]);

/*
 * Option parsing shared by the commands: getopt_long with operands and
 * options in any order.  Returns the usage exit status after printing
 * "cfgen CMD: message" and the usage line.
 */
int	 cf_usage_error(const char *usage, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

struct option;

/* A command's command line, for cf_parse_args(). */
struct cf_command {
	const char		*name;		/* "build" */
	const char		*usage;		/* "usage: cfgen build ...\n" */
	const char		*help;		/* what --help adds */
	const char		*shortopts;	/* getopt letters: "o:f:" */
	const struct option	*longopts;	/* zero-terminated; may be NULL */
};

/* The "option" letter an operand is handed to cf_option_fn with. */
#define CF_OPERAND	1

/* Takes one option (or operand); returns 0, or a usage exit status. */
typedef int	(*cf_option_fn)(void *ctx, int opt, char *arg);

/*
 * getopt_long over a command's arguments, with options and operands in
 * any order.  -h/--help print the help; an unknown option or a missing
 * argument is one usage error naming the option, and so is a malformed
 * SOURCE_DATE_EPOCH.  Returns -1 to go on, or the exit status the command
 * should end with.
 */
int	 cf_parse_args(const struct cf_command *, int argc, char *argv[],
	    cf_option_fn, void *ctx);

/*
 * -o FILE and --force of the commands that write one file (init, migrate,
 * import): the file named is replaced only with --force (cli.md).  Their
 * long options have { "force", no_argument, NULL, CF_OPT_FORCE }.
 */
#define CF_OPT_FORCE	'R'

struct cf_output {
	const char	*path;		/* -o; NULL: the command's default */
	bool		 force;		/* --force */
};

/* Takes -o or --force (c is 'o' or CF_OPT_FORCE); returns as cf_option_fn. */
int	 cf_output_option(const struct cf_command *, struct cf_output *,
	    int c, char *arg);

/* --lang L of build and validate: a language tag; returns as cf_option_fn. */
int	 cf_lang_option(const struct cf_command *, const char **lang,
	    char *arg);

/* Output formats that -f can name. */
enum cf_format {
	CF_FMT_MD = 1 << 0,
	CF_FMT_HTML = 1 << 1,
	CF_FMT_PDF = 1 << 2,
	CF_FMT_JSON = 1 << 3,
	CF_FMT_CDX = 1 << 4,	/* exports (0.2), not in the default set */
	CF_FMT_OSCAL = 1 << 5
};

/*
 * Parse "-f md,html,..." into format bits, accepting only those in
 * allowed.  Returns 0, or the usage exit status after a message.
 */
int	 cf_parse_formats(const char *usage, const char *cmd, const char *list,
	    unsigned allowed, unsigned *formats);

/*
 * The "generated" time: SOURCE_DATE_EPOCH when set (reproducible builds),
 * else the clock.  Returns 0, or the usage exit status when malformed.
 */
int	 cf_source_date(const char *usage, const char *cmd, time_t *when);

#endif
