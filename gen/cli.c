/*
 * cli.c -- what the commands share: usage errors.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

int
cf_usage_error(const char *use, const char *fmt, ...)
{
	va_list	 ap;

	fputs("cfgen: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", use);
	return CF_EXIT_USAGE;
}
