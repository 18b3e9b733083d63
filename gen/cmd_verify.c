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
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "declaration.h"
#include "diag.h"
#include "hash.h"
#include "readfile.h"
#include "util.h"

static const char usage[] =
    "usage: cfgen verify DECLARATION.json [--base DIR]\n";

static const char help[] =
    "Check that the files a declaration of conformity was issued from are\n"
    "unchanged: recompute the SHA-256 of each file its JSON form records\n"
    "and compare.  Recorded paths are relative to the folder of the\n"
    "responses file; --base names that folder.  A path that is absolute or\n"
    "leaves that folder is refused unread (the catalogue may lie outside,\n"
    "with a note); only regular files are read.\n\n"
    "      --base DIR   resolve relative paths against DIR (default: .)\n"
    "  -h, --help       show this help\n\n"
    "Exit status: 0 every file matches, 1 a file changed or is missing,\n"
    "the JSON is malformed or a draft, 2 usage, 4 system error.\n";

struct recorded {
	const char	*path;
	const char	*sha256;
	const char	*role;		/* NULL when not given */
};

/*
 * The largest declaration JSON verify reads: room for hundreds of
 * thousands of recorded files, and a bound on what a stranger's costs.
 */
#define CF_VERIFY_MAX_JSON	(64u * 1024 * 1024)

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
		rec[i].role = member_str(f, "role");
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

/*
 * Where a recorded path points: inside --base, out of it by climbing
 * ("../x", "a/../../x"), or anywhere (absolute).  Decided on the text
 * alone, before anything is opened.
 */
enum whither { INSIDE, CLIMBS_OUT, ABSOLUTE };

static enum whither
whither(const char *path)
{
	const char	*p = path, *end;
	size_t		 depth = 0;

	if (path[0] == '/')
		return ABSOLUTE;
	for (; *p != '\0'; p = *end != '\0' ? end + 1 : end) {
		end = strchr(p, '/') != NULL ? strchr(p, '/') : p + strlen(p);
		if (end - p == 2 && p[0] == '.' && p[1] == '.') {
			if (depth == 0)
				return CLIMBS_OUT;
			depth--;
		} else if (end - p > 0 && !(end - p == 1 && p[0] == '.'))
			depth++;
	}
	return INSIDE;
}

/* "PATH: WORD" on standard output, PATH escaped like any diagnostic. */
static void
say(const char *path, const char *word)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_diag_escape(&b, path);
	printf("%s: %s\n", b.data != NULL ? b.data : "", word);
	cf_buf_free(&b);
}

/*
 * Returns true when the file is there and unchanged.  The JSON may come
 * from anyone (signing.md): a path that leaves the base is not read (the
 * catalogue and its translations may sit beside the responses folder,
 * and are then read with a note), and only a regular file is read, no
 * more of it than its size, so a FIFO or /dev/zero cannot hold verify.
 */
static bool
check_file(const char *file, const char *base, const struct recorded *r,
    const char *id)
{
	struct cf_buf	 path;
	struct stat	 st;
	enum whither	 w = whither(r->path);
	const char	*why;
	char		 now[CF_SHA256_HEX];
	bool		 ok = false;
	int		 fd, rc;

	if (w == ABSOLUTE || (w == CLIMBS_OUT && (r->role == NULL ||
	    (strcmp(r->role, "catalogue") != 0 &&
	    strcmp(r->role, "translation") != 0)))) {
		cf_diag(CF_ERROR, file, 0, 0, "recorded path '%s' %s; not "
		    "read", r->path, w == ABSOLUTE ? "is absolute" :
		    "leaves the base folder");
		say(r->path, "REFUSED");
		return false;
	}
	cf_buf_init(&path);
	if (base == NULL)
		cf_buf_puts(&path, r->path);
	else
		cf_buf_printf(&path, "%s/%s", base, r->path);
	if (w == CLIMBS_OUT)
		cf_diag_note(path.data, "the %s lies outside the base "
		    "folder", r->role);
	if ((fd = cf_file_open_regular(path.data, &st, &why)) == -1) {
		cf_diag(CF_ERROR, path.data, 0, 0, "missing: cannot read it "
		    "(%s); declaration %s records SHA-256 %s", why, id,
		    r->sha256);
		say(path.data, "MISSING");
		goto out;
	}
	rc = cf_sha256_fd(fd, (unsigned long long)st.st_size, now);
	if (rc != 0) {
		cf_diag(CF_ERROR, path.data, 0, 0, "missing: cannot read it "
		    "(%s); declaration %s records SHA-256 %s", rc == 1 ?
		    "it grew while being read" : strerror(errno), id,
		    r->sha256);
		say(path.data, "MISSING");
	} else if (strcmp(now, r->sha256) != 0) {
		/* Outside the base, not even the digest of what is there. */
		if (w == INSIDE)
			cf_diag(CF_ERROR, path.data, 0, 0, "changed since "
			    "declaration %s was issued: SHA-256 is %s, the "
			    "declaration records %s", id, now, r->sha256);
		else
			cf_diag(CF_ERROR, path.data, 0, 0, "changed since "
			    "declaration %s was issued: the declaration "
			    "records SHA-256 %s", id, r->sha256);
		say(path.data, "CHANGED");
	} else {
		say(path.data, "OK");
		ok = true;
	}
	close(fd);
out:
	cf_buf_free(&path);
	return ok;
}

static void
verify(const char *file, const char *base)
{
	json_error_t	 err;
	json_t		*root;
	struct recorded	*rec;
	struct cf_buf	 line;
	const char	*id;
	char		*text;
	size_t		 i, n = 0, good = 0, len;

	if ((text = cf_file_read(file, "declaration", CF_VERIFY_MAX_JSON,
	    &len)) == NULL)
		return;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	free(text);
	if (root == NULL) {
		cf_diag(CF_ERROR, file, err.line > 0 ? err.line : 0,
		    err.line > 0 ? err.column : 0, "malformed JSON: %s",
		    err.text);
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
			good += check_file(file, base, &rec[i], id);
		cf_buf_init(&line);
		cf_diag_escape(&line, id);
		if (good == n)
			printf("%s: all %zu files match\n",
			    line.data != NULL ? line.data : "", n);
		else
			printf("%s: %zu of %zu files changed or missing\n",
			    line.data != NULL ? line.data : "", n - good, n);
		cf_buf_free(&line);
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
