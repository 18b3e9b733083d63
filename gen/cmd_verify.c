/*
 * cmd_verify.c -- `cfgen verify DECLARATION.json [--base DIR]
 * [--pubkey FILE]`.
 *
 * Recomputes the SHA-256 of every file a declaration's integrity part
 * records and compares.  The JSON is someone else's file by the time it
 * is verified, so its shape is checked before anything is trusted, and a
 * draft never verifies: it is not a declaration of conformity.  With
 * --pubkey, the minisign signatures beside the declaration's files are
 * checked too (signing.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "cli.h"
#include "declaration.h"
#include "diag.h"
#include "hash.h"
#include "pdfattach.h"
#include "readfile.h"
#include "sign.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_VERIFY

static const char usage[] =
    "usage: cfgen verify DECLARATION.json|DECLARATION.pdf [--base DIR] "
    "[--pubkey FILE]\n";

static const char help[] =
    "Check that the files a declaration of conformity was issued from are\n"
    "unchanged: recompute the SHA-256 of each file its JSON form records\n"
    "and compare.  Recorded paths are relative to the folder of the\n"
    "responses file; --base names that folder.  A path that is absolute or\n"
    "leaves that folder is refused unread (the catalogue may lie outside,\n"
    "with a note); only regular files are read.  A PDF declaration is\n"
    "checked from the JSON twin embedded in it (<id>.json).\n\n"
    "With --pubkey, the signatures (cfgen build --sign) are checked too:\n"
    "DECLARATION's own FILE.minisig, and that of every other form and\n"
    "format of the declaration found beside it, each with the trusted\n"
    "comment of this declaration.\n\n"
    "      --base DIR     resolve relative paths against DIR (default: .)\n"
    "      --pubkey FILE  check signatures with this minisign public key\n"
    "  -h, --help         show this help\n\n"
    "Exit status: 0 every file matches (and every signature is good),\n"
    "1 a file changed or is missing, a signature is missing or bad, the\n"
    "JSON is malformed or a draft, 2 usage, 4 system error.\n";

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
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	cf_diag(CF_ERROR, file, 0, 0, "%s", msg);
	free(msg);
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

/* What a declaration's signatures must say: signing.md. */
static char *
expected_comment(const json_t *root)
{
	const json_t	*cat = json_object_get(root, "catalogue");
	const json_t	*cls = json_object_get(json_object_get(root, "claim"),
			    "class");
	const char	*id = member_str(root, "id");
	const char	*cid = member_str(cat, "id");
	const char	*ver = member_str(cat, "version");
	struct cf_buf	 b;

	if (id == NULL || cid == NULL || ver == NULL || !json_is_integer(cls))
		return NULL;
	cf_buf_init(&b);
	cf_buf_printf(&b, "cfgen declaration %s %s %s class %" JSON_INTEGER_FORMAT,
	    id, cid, ver, json_integer_value(cls));
	return cf_buf_detach(&b);
}

/*
 * The signature beside path: present, in minisign's format, by the key,
 * of these bytes, with the trusted comment expected.  Returns whether it
 * is good.
 */
static bool
check_signature(const char *path, const struct cf_pubkey *pub,
    const char *pubfile, const char *expected)
{
	unsigned char	 hash[CF_SIGN_HASHLEN];
	struct cf_minisig ms;
	struct cf_buf	 sig, esc;
	struct stat	 st;
	const char	*why;
	char		 want[17], got[17];
	bool		 ok = false;
	int		 fd;

	cf_buf_init(&sig);
	cf_buf_printf(&sig, "%s.minisig", path);
	if ((fd = cf_file_open_regular(path, &st, &why)) == -1) {
		cf_diag(CF_ERROR, path, 0, 0, "cannot read it to check its "
		    "signature: %s", why);
		goto out;
	}
	errno = 0;
	if (cf_blake2b_fd(fd, (unsigned long long)st.st_size, hash) != 0) {
		cf_diag(CF_ERROR, path, 0, 0, "cannot read it to check its "
		    "signature: %s", errno != 0 ? strerror(errno) :
		    "it grew while being read");
		close(fd);
		goto out;
	}
	close(fd);
	if (lstat(sig.data, &st) == -1 && errno == ENOENT) {
		cf_diag(CF_ERROR, sig.data, 0, 0, "missing: %s is not signed",
		    path);
		goto out;
	}
	if (cf_minisig_load(sig.data, &ms) != 0)
		goto out;
	switch (cf_minisig_check(pub, &ms, hash)) {
	case CF_SIG_OTHER_KEY:
		cf_keyid_hex(ms.keyid, got);
		cf_keyid_hex(pub->keyid, want);
		cf_diag(CF_ERROR, sig.data, 0, 0, "signed with key %s, not "
		    "with %s's key %s", got, pubfile, want);
		break;
	case CF_SIG_BAD:
		cf_diag(CF_ERROR, sig.data, 0, 0, "wrong signature: %s or the "
		    "signature's trusted comment changed since it was signed",
		    path);
		break;
	case CF_SIG_GOOD:
		if (expected != NULL && strcmp(ms.trusted, expected) == 0) {
			ok = true;
			break;
		}
		cf_buf_init(&esc);
		cf_diag_escape(&esc, ms.trusted);
		cf_diag(CF_ERROR, sig.data, 0, 0, "signed, but for another "
		    "declaration: its trusted comment is '%s'%s%s%s",
		    esc.data != NULL ? esc.data : "", expected != NULL ?
		    ", not '" : " (the JSON lacks what this declaration's "
		    "would say)", expected != NULL ? expected : "",
		    expected != NULL ? "'" : "");
		cf_buf_free(&esc);
		break;
	}
out:
	say(sig.data, ok ? "SIGNED" : "NOT SIGNED");
	cf_buf_free(&sig);
	return ok;
}

/*
 * The signature of the file verified, and of every other file of the
 * declaration beside it: each form the JSON lists, in each format.  A
 * format not written is not there; one that is must be signed.
 */
static void
check_signatures(const char *file, const json_t *root,
    const struct cf_pubkey *pub, const char *pubfile)
{
	static const char *const exts[] = { "md", "html", "pdf", "json" };
	const char	*id = member_str(root, "id"), *slash, *name, *form;
	const json_t	*v;
	struct cf_arena	 a;
	struct cf_buf	 path, line;
	struct stat	 st;
	char		*expected = expected_comment(root);
	size_t		 i, k, n = 1, good;
	enum cf_form	 f;

	good = check_signature(file, pub, pubfile, expected);
	cf_arena_init(&a);
	cf_buf_init(&path);
	slash = strrchr(file, '/');
	/* An id from a stranger names files in this folder, nowhere else. */
	if (strchr(id, '/') != NULL)
		cf_diag(CF_ERROR, file, 0, 0, "'id' holds a '/'; the other "
		    "files of the declaration are not looked for");
	else
		json_array_foreach(json_object_get(root, "forms"), i, v) {
			for (f = 0; f < CF_FORM_COUNT; f++)
				if ((form = json_string_value(v)) != NULL &&
				    strcmp(form, cf_form_name(f)) == 0)
					break;
			for (k = 0; f < CF_FORM_COUNT && k < 4; k++) {
				if (k == 3 && f != CF_FORM_FULL)
					break;
				name = cf_decl_file_of(&a, id, f, exts[k],
				    false);
				cf_buf_reset(&path);
				if (slash != NULL)
					cf_buf_put(&path, file,
					    (size_t)(slash - file) + 1);
				cf_buf_puts(&path, name);
				if (strcmp(path.data, file) == 0 ||
				    lstat(path.data, &st) == -1)
					continue;
				n++;
				good += check_signature(path.data, pub,
				    pubfile, expected);
			}
		}
	cf_buf_init(&line);
	cf_diag_escape(&line, id);
	if (good == n)
		printf("%s: all %zu signatures good\n", line.data, n);
	else
		printf("%s: %zu of %zu signatures missing or bad\n",
		    line.data, n - good, n);
	cf_buf_free(&line);
	cf_buf_free(&path);
	cf_arena_free(&a);
	free(expected);
}

static void
verify(const char *file, const char *base, const struct cf_pubkey *pub,
    const char *pubfile)
{
	json_error_t	 err;
	json_t		*root;
	struct recorded	*rec;
	struct cf_buf	 line;
	const char	*id;
	char		*text, *twin = NULL;
	size_t		 i, n = 0, good = 0, len, flen = strlen(file);

	/* A PDF declaration carries its JSON twin (signing.md). */
	if (flen > 4 && strcasecmp(file + flen - 4, ".pdf") == 0)
		text = cf_pdf_twin_read(file, &len, &twin);
	else
		text = cf_file_read(file, "declaration", CF_VERIFY_MAX_JSON,
		    &len);
	if (text == NULL)
		return;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	free(text);
	if (root == NULL) {
		cf_diag(CF_ERROR, file, twin != NULL || err.line <= 0 ? 0 :
		    err.line, twin != NULL || err.line <= 0 ? 0 : err.column,
		    "malformed JSON%s%s: %s", twin != NULL ? " in the embedded "
		    : "", twin != NULL ? twin : "", err.text);
		free(twin);
		return;
	}
	if (!json_is_object(root))
		cf_diag(CF_ERROR, file, 0, 0, "not a cfgen declaration: the "
		    "JSON is not an object");
	else if ((rec = read_files(file, root, &n)) != NULL) {
		id = member_str(root, "id");
		if (twin != NULL && (strncmp(twin, id, strlen(id)) != 0 ||
		    strcmp(twin + strlen(id), ".json") != 0))
			cf_diag(CF_ERROR, file, 0, 0, "the embedded JSON is "
			    "named '%s', not after its id '%s.json'", twin, id);
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
		if (pub != NULL)
			check_signatures(file, root, pub, pubfile);
		free(rec);
	}
	json_decref(root);
	free(twin);
}

static const struct option longopts[] = {
	{ "base", required_argument, NULL, 'b' },
	{ "pubkey", required_argument, NULL, 'p' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"verify", usage, help, "", longopts
};

struct options {
	const char	*file, *base, *pubkey;
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;

	if (c == 'b') {
		o->base = arg;
		return 0;
	}
	if (c == 'p') {
		o->pubkey = arg;
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
	struct options	 o = { NULL, NULL, NULL };
	struct cf_pubkey pub;
	struct stat	 st;
	int		 rc;

	if ((rc = cf_parse_args(&command, argc, argv, option, &o)) != -1)
		return rc;
	if (o.file == NULL)
		return cf_usage_error(usage,
		    "verify: missing DECLARATION.json or DECLARATION.pdf");
	if (o.base != NULL && stat(o.base, &st) == -1)
		cf_diag_errno(o.base, "cannot open base folder");
	else if (o.base != NULL && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		cf_diag_errno(o.base, "cannot open base folder");
	} else if (o.pubkey == NULL || cf_pubkey_load(o.pubkey, &pub) == 0)
		verify(o.file, o.base, o.pubkey != NULL ? &pub : NULL,
		    o.pubkey);
	cf_diag_flush();
	return cf_diag_exit();
}
