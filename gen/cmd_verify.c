/*
 * cmd_verify.c -- `cfgen verify DECLARATION.json [--base DIR]`.
 *
 * Recomputes the SHA-256 of every file a declaration's integrity part
 * records and compares.  The JSON is someone else's file by the time it
 * is verified, so its shape is checked before anything is trusted, and a
 * draft never verifies: it is not a declaration of conformity.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <jansson.h>

#include "cli.h"
#include "declaration.h"
#include "diag.h"
#include "hash.h"

static const char usage[] =
    "usage: cfgen verify DECLARATION.json [--base DIR]\n";

static const char help[] =
    "Check that the files a declaration of conformity was issued from are\n"
    "unchanged: recompute the SHA-256 of each file its JSON form records\n"
    "and compare.  Recorded paths are relative to the folder of the\n"
    "responses file; --base names that folder.\n\n"
    "      --base DIR   resolve relative paths against DIR (default: .)\n"
    "  -h, --help       show this help\n\n"
    "Exit status: 0 every file matches, 1 a file changed or is missing,\n"
    "the JSON is malformed or a draft, 2 usage, 4 system error.\n";

struct recorded {
	const char	*path;
	const char	*sha256;
};

static bool
is_digest(const char *s)
{
	size_t	 i;

	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') ||
		    (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return s[64] == '\0';
}

/* A string member, or NULL (json_load_file() refuses \u0000 in one). */
static const char *
member_str(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

/*
 * Checks the parts verify relies on; returns the recorded files (caller
 * frees) and their count, or NULL after one diagnostic per problem.
 */
static void
complain(const char *file, size_t *bad, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
complain(const char *file, size_t *bad, const char *fmt, ...)
{
	struct cf_buf	 msg;
	va_list		 ap;

	cf_buf_init(&msg);
	va_start(ap, fmt);
	cf_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	cf_diag(CF_ERROR, file, 0, 0, "%s", msg.data);
	cf_buf_free(&msg);
	(*bad)++;
}

/*
 * Checks the parts verify relies on; returns the recorded files (caller
 * frees) and their count, or NULL after one diagnostic per problem.
 */
static struct recorded *
read_files(const char *file, const json_t *root, size_t *n)
{
	const json_t	*integ, *files, *f;
	struct recorded	*rec;
	const char	*schema, *algo;
	size_t		 i, bad = 0;

	schema = member_str(root, "schema");
	if (schema == NULL || strcmp(schema, CF_DECL_SCHEMA) != 0) {
		complain(file, &bad, "not a cfgen declaration: 'schema' is "
		    "%s%s%s, expected '%s'", schema != NULL ? "'" : "",
		    schema != NULL ? schema : "missing",
		    schema != NULL ? "'" : "", CF_DECL_SCHEMA);
		return NULL;
	}
	if (member_str(root, "id") == NULL)
		complain(file, &bad, "'id' is missing or not a string");
	if (!json_is_boolean(json_object_get(root, "draft")))
		complain(file, &bad, "'draft' is missing or not true or false");
	integ = json_object_get(root, "integrity");
	algo = member_str(integ, "algorithm");
	files = json_object_get(integ, "files");
	if (algo == NULL || strcmp(algo, "sha256") != 0)
		complain(file, &bad, "'integrity.algorithm' is missing or not "
		    "'sha256'");
	if (!json_is_array(files) || json_array_size(files) == 0) {
		complain(file, &bad, "'integrity.files' is missing, empty or "
		    "not a list");
		return NULL;
	}
	*n = json_array_size(files);
	rec = cf_xcalloc(*n, sizeof(*rec));
	json_array_foreach(files, i, f) {
		rec[i].path = member_str(f, "path");
		rec[i].sha256 = member_str(f, "sha256");
		if (rec[i].path == NULL || *rec[i].path == '\0')
			complain(file, &bad, "'integrity.files[%zu].path' is "
			    "missing or not a file name", i);
		if (rec[i].sha256 == NULL || !is_digest(rec[i].sha256))
			complain(file, &bad, "'integrity.files[%zu].sha256' is "
			    "not 64 lower-case hexadecimal digits", i);
	}
	if (bad > 0) {
		free(rec);
		return NULL;
	}
	return rec;
}

/* Returns true when the file is there and unchanged. */
static bool
check_file(const char *base, const struct recorded *r, const char *id)
{
	struct cf_buf	 path;
	char		 now[CF_SHA256_HEX];
	bool		 ok = false;

	cf_buf_init(&path);
	if (r->path[0] == '/' || base == NULL)
		cf_buf_puts(&path, r->path);
	else
		cf_buf_printf(&path, "%s/%s", base, r->path);
	if (cf_sha256_file(path.data, now) != 0) {
		cf_diag(CF_ERROR, path.data, 0, 0, "missing: cannot read it "
		    "(%s); declaration %s records SHA-256 %s", strerror(errno),
		    id, r->sha256);
		printf("%s: MISSING\n", path.data);
	} else if (strcmp(now, r->sha256) != 0) {
		cf_diag(CF_ERROR, path.data, 0, 0, "changed since declaration "
		    "%s was issued: SHA-256 is %s, the declaration records %s",
		    id, now, r->sha256);
		printf("%s: CHANGED\n", path.data);
	} else {
		printf("%s: OK\n", path.data);
		ok = true;
	}
	cf_buf_free(&path);
	return ok;
}

static void
verify(const char *file, const char *base)
{
	json_error_t	 err;
	json_t		*root;
	struct recorded	*rec;
	const char	*id;
	size_t		 i, n = 0, good = 0;

	root = json_load_file(file, JSON_REJECT_DUPLICATES, &err);
	if (root == NULL) {
		if (json_error_code(&err) == json_error_cannot_open_file)
			cf_diag_errno(file, "cannot read declaration");
		else
			cf_diag(CF_ERROR, file, err.line > 0 ? err.line : 0,
			    err.line > 0 ? err.column : 0, "malformed JSON: "
			    "%s", err.text);
		return;
	}
	if (!json_is_object(root))
		cf_diag(CF_ERROR, file, 0, 0, "not a cfgen declaration: the "
		    "JSON is not an object");
	else if ((rec = read_files(file, root, &n)) != NULL) {
		id = member_str(root, "id");
		if (json_is_true(json_object_get(root, "draft")))
			cf_diag(CF_ERROR, file, 0, 0, "%s is a draft (\"%s\"), "
			    "not a declaration of conformity", id,
			    CF_DECL_WATERMARK);
		for (i = 0; i < n; i++)
			good += check_file(base, &rec[i], id);
		if (good == n)
			printf("%s: all %zu files match\n", id, n);
		else
			printf("%s: %zu of %zu files changed or missing\n", id,
			    n - good, n);
		/* The usual slip: verifying from the wrong folder. */
		if (good == 0 && base == NULL && rec[0].path[0] != '/')
			printf("(relative paths are resolved in the current "
			    "folder; --base names the responses file's "
			    "folder)\n");
		free(rec);
	}
	json_decref(root);
}

static const struct option longopts[] = {
	{ "base", required_argument, NULL, 'b' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"verify", usage, help, "", longopts
};

struct options {
	const char	*file, *base;
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;

	if (c == 'b') {
		o->base = arg;
		return 0;
	}
	if (o->file != NULL)
		return cf_usage_error(usage, "verify: one declaration at a "
		    "time, not also '%s'", arg);
	o->file = arg;
	return 0;
}

int
cf_cmd_verify(int argc, char *argv[])
{
	struct options	 o = { NULL, NULL };
	struct stat	 st;
	int		 rc;

	if ((rc = cf_parse_args(&command, argc, argv, option, &o)) != -1)
		return rc;
	if (o.file == NULL)
		return cf_usage_error(usage,
		    "verify: missing DECLARATION.json");
	if (o.base != NULL && stat(o.base, &st) == -1)
		cf_diag_errno(o.base, "cannot open base folder");
	else if (o.base != NULL && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		cf_diag_errno(o.base, "cannot open base folder");
	} else
		verify(o.file, o.base);
	cf_diag_flush();
	return cf_diag_exit();
}
