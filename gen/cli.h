/*
 * cli.h -- the commands of cfgen(1); main.c only dispatches to them.
 *
 * Each takes the arguments after the command name (argv[0] is the
 * command) and returns the exit status of cli.md.
 */
#ifndef CF_CLI_H
#define CF_CLI_H

#include <time.h>

#include <stddef.h>

int	 cf_cmd_validate(int argc, char *argv[]);
int	 cf_cmd_build(int argc, char *argv[]);
int	 cf_cmd_diff(int argc, char *argv[]);
int	 cf_cmd_migrate(int argc, char *argv[]);
int	 cf_cmd_init(int argc, char *argv[]);
int	 cf_cmd_verify(int argc, char *argv[]);

/*
 * Option parsing shared by the commands: getopt_long with operands and
 * options in any order.  Returns the usage exit status after printing
 * "cfgen CMD: message" and the usage line.
 */
int	 cf_usage_error(const char *usage, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Output formats that -f can name. */
enum cf_format {
	CF_FMT_MD = 1 << 0,
	CF_FMT_HTML = 1 << 1,
	CF_FMT_PDF = 1 << 2,
	CF_FMT_JSON = 1 << 3
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
