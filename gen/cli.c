/*
 * cli.c -- what the commands share: usage errors, -f, SOURCE_DATE_EPOCH.
 */
#include "cli.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "util.h"

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

int
cf_parse_formats(const char *use, const char *cmd, const char *list,
    unsigned allowed, unsigned *formats)
{
	static const struct {
		const char	*name;
		unsigned	 fmt;
	} names[] = {
		{ "md", CF_FMT_MD }, { "html", CF_FMT_HTML },
		{ "pdf", CF_FMT_PDF }, { "json", CF_FMT_JSON },
	};
	const size_t	 nnames = sizeof(names) / sizeof(names[0]);
	struct cf_buf	 expected;
	const char	*p = list, *e;
	size_t		 i, n;
	int		 rc;

	*formats = 0;
	for (;;) {
		e = strchr(p, ',');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		for (i = 0; i < nnames; i++)
			if ((names[i].fmt & allowed) &&
			    strlen(names[i].name) == n &&
			    strncmp(names[i].name, p, n) == 0)
				break;
		if (i == nnames)
			break;
		*formats |= names[i].fmt;
		if (e == NULL)
			return 0;
		p = e + 1;
	}
	cf_buf_init(&expected);
	for (i = 0; i < nnames; i++)
		if (names[i].fmt & allowed)
			cf_buf_printf(&expected, "%s%s", expected.len ? ", " :
			    "", names[i].name);
	rc = cf_usage_error(use, "%s: unknown format '%.*s' in -f (expected "
	    "%s)", cmd, (int)n, p, expected.data);
	cf_buf_free(&expected);
	return rc;
}

/* reproducible-builds.org: decimal seconds since the epoch, nothing else. */
int
cf_source_date(const char *use, const char *cmd, time_t *when)
{
	const char		*s = getenv("SOURCE_DATE_EPOCH");
	unsigned long long	 v = 0;
	const char		*p;

	if (s == NULL) {
		*when = time(NULL);
		return 0;
	}
	for (p = s; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (unsigned)(*p - '0');
		/* Past 9999-12-31 a date has no YYYY-MM-DD form. */
		if (v > 253402300799ULL)
			break;
	}
	if (p == s || *p != '\0')
		return cf_usage_error(use, "%s: malformed SOURCE_DATE_EPOCH "
		    "'%s' (expected seconds since 1970-01-01 as decimal "
		    "digits, up to year 9999)", cmd, s);
	*when = (time_t)v;
	return 0;
}
