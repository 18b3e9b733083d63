/*
 * cli.c -- what the commands share: argument parsing, usage errors, -f,
 * SOURCE_DATE_EPOCH.
 */
#include "cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

#include "diag.h"
#include "locale.h"
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
		{ "cdx", CF_FMT_CDX }, { "oscal", CF_FMT_OSCAL },
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

int
cf_output_option(const struct cf_command *cmd, struct cf_output *out, int c,
    char *arg)
{
	if (c == CF_OPT_FORCE)
		out->force = true;
	else if (*arg == '\0')
		return cf_usage_error(cmd->usage, "%s: -o needs a file",
		    cmd->name);
	else
		out->path = arg;
	return 0;
}

int
cf_lang_option(const struct cf_command *cmd, const char **lang, char *arg)
{
	if (!cf_lang_tag_ok(arg))
		return cf_usage_error(cmd->usage, "%s: --lang needs a language "
		    "tag such as de, fr or pt-BR, not '%s'", cmd->name, arg);
	*lang = arg;
	return 0;
}

/* reproducible-builds.org: decimal seconds since the epoch, nothing else. */
int
cf_source_date(const char *use, const char *cmd, time_t *when)
{
	const char		*s = getenv("SOURCE_DATE_EPOCH");
	unsigned long long	 v = 0;
	const char		*p;

	/* Empty is unset, as most tools that honour the variable read it. */
	if (s == NULL || *s == '\0') {
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

static const struct option help_only[] = {
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/*
 * getopt_long has stepped past the option it refused, so arg is that
 * option; a short one may sit inside a group ("-qx"): optopt names it.
 */
static int
bad_option(const struct cf_command *cmd, const char *arg, bool missing)
{
	const struct option	*o;
	size_t			 len = strcspn(arg, "=");

	if (strncmp(arg, "--", 2) != 0 && missing)
		return cf_usage_error(cmd->usage, "%s: option '-%c' needs an "
		    "argument", cmd->name, optopt);
	if (strncmp(arg, "--", 2) != 0)
		return cf_usage_error(cmd->usage, "%s: unknown option '-%c'",
		    cmd->name, optopt);
	if (missing)
		return cf_usage_error(cmd->usage, "%s: option '%.*s' needs "
		    "an argument", cmd->name, (int)len, arg);
	/* Abbreviations count, as getopt_long accepts them. */
	for (o = cmd->longopts != NULL ? cmd->longopts : help_only;
	    arg[len] == '=' && len > 2 && o->name != NULL; o++)
		if (o->has_arg == no_argument &&
		    strncmp(o->name, arg + 2, len - 2) == 0)
			return cf_usage_error(cmd->usage, "%s: option '--%s' "
			    "takes no argument", cmd->name, o->name);
	return cf_usage_error(cmd->usage, "%s: unknown option '%.*s'",
	    cmd->name, (int)len, arg);
}

int
cf_parse_args(const struct cf_command *cmd, int argc, char *argv[],
    cf_option_fn fn, void *ctx)
{
	struct cf_buf	 opts;
	time_t		 when;
	int		 c, rc = -1;

	/*
	 * A leading '-' hands operands back in place, so options may follow
	 * them whatever POSIXLY_CORRECT says; ':' reports a missing
	 * argument apart from an unknown option.  optind 0 resets getopt.
	 */
	cf_buf_init(&opts);
	cf_buf_printf(&opts, "-:%sh", cmd->shortopts);
	optind = 0;
	opterr = 0;
	while (rc == -1 && (c = getopt_long(argc, argv, opts.data,
	    cmd->longopts != NULL ? cmd->longopts : help_only, NULL)) != -1) {
		if (c == 'h') {
			printf("%s\n%s", cmd->usage, cmd->help);
			rc = CF_EXIT_OK;
		} else if (c == ':' || c == '?')
			rc = bad_option(cmd, argv[optind - 1], c == ':');
		else if ((c = fn(ctx, c, optarg)) != 0)
			rc = c;
	}
	/* What follows "--" is operands only. */
	for (; rc == -1 && optind < argc; optind++)
		if ((c = fn(ctx, CF_OPERAND, argv[optind])) != 0)
			rc = c;
	cf_buf_free(&opts);
	/* cli.md makes a malformed value a usage error, whatever the command. */
	if (rc == -1 && cf_source_date(cmd->usage, cmd->name, &when) != 0)
		rc = CF_EXIT_USAGE;
	return rc;
}
