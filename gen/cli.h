/*
 * cli.h -- the commands of cfgen(1); main.c only dispatches to them.
 *
 * Each takes the arguments after the command name (argv[0] is the
 * command) and returns the exit status of cli.md.
 */
#ifndef CF_CLI_H
#define CF_CLI_H

int	 cf_cmd_validate(int argc, char *argv[]);
int	 cf_cmd_build(int argc, char *argv[]);

/*
 * Option parsing shared by the commands: getopt_long with operands and
 * options in any order.  Returns the usage exit status after printing
 * "cfgen CMD: message" and the usage line.
 */
int	 cf_usage_error(const char *usage, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

#endif
