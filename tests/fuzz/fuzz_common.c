/*
 * fuzz_common.c -- the shared half of every harness (fuzz.h).
 */
#include "fuzz.h"

#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"

#define MAX_ARGS	16

static char	 dir[PATH_MAX];

const char *
cf_fuzz_dir(void)
{
	const char	*tmp;

	if (dir[0] != '\0')
		return dir;
	if ((tmp = getenv("TMPDIR")) == NULL || *tmp == '\0')
		tmp = "/tmp";
	snprintf(dir, sizeof(dir), "%s/cfgen-fuzz-XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	/* Fixed dates keep every run of an input identical. */
	setenv("SOURCE_DATE_EPOCH", "1764892800", 1);
	return dir;
}

const char *
cf_fuzz_write(const char *name, const uint8_t *data, size_t n)
{
	static char	 path[PATH_MAX + 64];
	FILE		*f;

	snprintf(path, sizeof(path), "%s/%s", cf_fuzz_dir(), name);
	if ((f = fopen(path, "wb")) == NULL ||
	    (n > 0 && fwrite(data, 1, n, f) != n) || fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

const char *
cf_fuzz_write_text(const char *name, const char *text)
{
	return cf_fuzz_write(name, (const uint8_t *)text, strlen(text));
}

const char *
cf_fuzz_source(const char *relpath)
{
	static char	 path[PATH_MAX];

	snprintf(path, sizeof(path), "%s/%s", CFGEN_SOURCE_DIR, relpath);
	return path;
}

static int
run_command(char *argv[], int argc)
{
	static FILE	*devnull;
	int		 rc = CF_EXIT_USAGE;

	if (devnull == NULL && (devnull = fopen("/dev/null", "w")) == NULL)
		abort();
	cf_diag_reset();
	cf_diag_set_stream(devnull);
	if (strcmp(argv[0], "validate") == 0)
		rc = cf_cmd_validate(argc, argv);
	else if (strcmp(argv[0], "build") == 0)
		rc = cf_cmd_build(argc, argv);
	else if (strcmp(argv[0], "verify") == 0)
		rc = cf_cmd_verify(argc, argv);
	else if (strcmp(argv[0], "import") == 0)
		rc = cf_cmd_import(argc, argv);
	else
		abort();
	cf_diag_reset();
	return rc;
}

int
cf_fuzz_run(const char *arg0, ...)
{
	char		*argv[MAX_ARGS + 1];
	const char	*a;
	va_list		 ap;
	int		 argc = 0, rc, fd, saved;

	va_start(ap, arg0);
	for (a = arg0; a != NULL && argc < MAX_ARGS; a = va_arg(ap, const char *))
		argv[argc++] = strdup(a);
	va_end(ap);
	argv[argc] = NULL;
	/* Commands print verdicts and progress on standard output. */
	fflush(stdout);
	saved = dup(STDOUT_FILENO);
	if ((fd = open("/dev/null", O_WRONLY)) >= 0) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	}
	rc = run_command(argv, argc);
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
	while (argc > 0)
		free(argv[--argc]);
	return rc;
}

char *
cf_fuzz_yaml_quote(const uint8_t *data, size_t n)
{
	char	*out, *p;
	size_t	 i;

	if ((out = malloc(n * 4 + 3)) == NULL)
		abort();
	p = out;
	*p++ = '"';
	for (i = 0; i < n; i++) {
		/* Bytes of UTF-8 sequences stay raw, so text in any script
		 * reaches the renderers as written. */
		if ((data[i] >= 0x20 && data[i] != 0x7f && data[i] != '"' &&
		    data[i] != '\\'))
			*p++ = (char)data[i];
		else if (data[i] == '\n')
			p += sprintf(p, "\\n");
		else
			p += sprintf(p, "\\x%02x", data[i]);
	}
	*p++ = '"';
	*p = '\0';
	return out;
}
