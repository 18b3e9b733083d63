/*
 * cmd_keygen.c -- `cfgen keygen -o NAME`: a key pair to sign
 * declarations with (signing.md).
 *
 * NAME.key is the Ed25519 secret key in PKCS#8 PEM, mode 0600; NAME.pub
 * the public key in minisign's format.  Neither ever replaces a file: a
 * key overwritten by mistake cannot be had back, and every declaration
 * signed with it would stop verifying.  Each is written whole to a
 * temporary name and linked into place, which fails if the name is
 * taken, so a crash leaves no half-written key under the final name.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cli.h"
#include "diag.h"
#include "sign.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_SIGN

static const char usage[] = "usage: cfgen keygen -o NAME\n";

static const char help[] =
    "Make a key pair to sign declarations with (cfgen build --sign):\n"
    "NAME.key, the Ed25519 secret key in PKCS#8 PEM (mode 0600), and\n"
    "NAME.pub, the public key in minisign's format, which anyone can check\n"
    "the signatures with (minisign -Vm FILE -p NAME.pub, or cfgen verify\n"
    "--pubkey).  An existing file is never replaced.  Keep NAME.key out of\n"
    "any repository: a CI reads it from a secret (README, \"Signing\").\n\n"
    "  -o, --output NAME  write NAME.key and NAME.pub\n"
    "  -h, --help         show this help\n\n"
    "Exit status: 0 written, 1 a file exists, 2 usage, 4 system error.\n";

static const struct option longopts[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"keygen", usage, help, "o:", longopts
};

static int
option(void *ctx, int c, char *arg)
{
	const char	**name = ctx;

	if (c == CF_OPERAND)
		return cf_usage_error(usage, "keygen: unexpected operand "
		    "'%s' (the name goes after -o)", arg);
	*name = arg;
	return 0;
}

/*
 * data, whole and fsynced, at path, which must not exist yet.  Returns 0,
 * or -1 after a diagnostic (exit 1 when path exists).
 */
static int
put_new(const char *path, const char *data, size_t len, mode_t mode)
{
	struct cf_buf	 tmp;
	size_t		 off = 0;
	ssize_t		 n;
	int		 fd, rc = -1;

	cf_buf_init(&tmp);
	cf_buf_printf(&tmp, "%s.cfgen-%ld.tmp", path, (long)getpid());
	if ((fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode)) == -1) {
		cf_diag_errno(path, "cannot write");
		goto out;
	}
	/* The umask may only take permissions away from the secret key. */
	if (mode == 0600 && fchmod(fd, 0600) == -1)
		goto fail;
	while (off < len && ((n = write(fd, data + off, len - off)) > 0 ||
	    (n == -1 && errno == EINTR)))
		if (n > 0)
			off += (size_t)n;
	if (off < len || fsync(fd) == -1)
		goto fail;
	if (close(fd) == -1) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (link(tmp.data, path) == -1) {
		if (errno == EEXIST)
			cf_diag(CF_ERROR, path, 0, 0, "already exists; a key "
			    "file is never replaced");
		else
			cf_diag_errno(path, "cannot write");
	} else
		rc = 0;
	unlink(tmp.data);
	goto out;
fail:
	cf_diag_errno(path, "cannot write");
	if (fd != -1)
		close(fd);
	unlink(tmp.data);
out:
	cf_buf_free(&tmp);
	return rc;
}

static void
keygen(const char *name)
{
	struct cf_seckey key;
	struct cf_buf	 pem, pub, keypath, pubpath;
	struct stat	 st;
	char		 hex[17];

	cf_buf_init(&keypath);
	cf_buf_init(&pubpath);
	cf_buf_printf(&keypath, "%s.key", name);
	cf_buf_printf(&pubpath, "%s.pub", name);
	/* Both names are free, or nothing is made. */
	if (lstat(keypath.data, &st) == 0 || lstat(pubpath.data, &st) == 0) {
		cf_diag(CF_ERROR, lstat(keypath.data, &st) == 0 ?
		    keypath.data : pubpath.data, 0, 0, "already exists; a key "
		    "file is never replaced");
		goto out;
	}
	cf_buf_init(&pem);
	cf_buf_init(&pub);
	if (cf_seckey_generate(&key, &pem) == 0) {
		cf_pubkey_format(&key.pub, &pub);
		if (put_new(keypath.data, pem.data, pem.len, 0600) == 0 &&
		    put_new(pubpath.data, pub.data, pub.len, 0666) == -1)
			unlink(keypath.data);
		cf_keyid_hex(key.pub.keyid, hex);
		if (cf_diag_count(CF_ERROR) + cf_diag_count(CF_SYSERR) == 0)
			printf("%s: secret key (keep it out of any repository)"
			    "\n%s: public key %s\n", keypath.data,
			    pubpath.data, hex);
		cf_seckey_free(&key);
	}
	OPENSSL_cleanse(pem.data, pem.len);
	cf_buf_free(&pem);
	cf_buf_free(&pub);
out:
	cf_buf_free(&keypath);
	cf_buf_free(&pubpath);
}

int
cf_cmd_keygen(int argc, char *argv[])
{
	const char	*name = NULL;
	int		 rc;

	if ((rc = cf_parse_args(&command, argc, argv, option, &name)) != -1)
		return rc;
	if (name == NULL || *name == '\0')
		return cf_usage_error(usage, "keygen: missing -o NAME");
	keygen(name);
	cf_diag_flush();
	return cf_diag_exit();
}
