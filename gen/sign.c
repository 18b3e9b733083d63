/*
 * sign.c -- minisign's key and signature formats around libcrypto's
 * Ed25519 and BLAKE2b-512 (signing.md).
 *
 * A .minisig is four lines:
 *
 *	untrusted comment: <text>
 *	base64("ED" | key id | Ed25519(BLAKE2b-512(file)))
 *	trusted comment: <text>
 *	base64(Ed25519(signature | trusted comment text))
 *
 * and a public key two: a comment, then base64("Ed" | key id | key).
 * The parsers take text from anyone (verify), so every length is checked
 * before a byte is copied, and they are fuzzed (tests/fuzz/fuzz_minisig.c).
 */
#define _GNU_SOURCE		/* memmem */
#include "sign.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include "diag.h"
#include "readfile.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_SIGN

#define UNTRUSTED	"untrusted comment: "
#define TRUSTED		"trusted comment: "

/* Base64 of at most this many bytes: the longest is a signature line. */
#define B64_MAX		(2 + CF_SIGN_KEYID + CF_SIGN_SIGLEN)

static void
b64_encode(struct cf_buf *out, const unsigned char *in, size_t n)
{
	unsigned char	 enc[4 * ((B64_MAX + 2) / 3) + 1];

	EVP_EncodeBlock(enc, in, (int)n);
	cf_buf_puts(out, (const char *)enc);
}

static bool
b64_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '+' || c == '/';
}

/*
 * Exactly want bytes from n characters of padded base64, or -1: the
 * length and alphabet are checked here because EVP_DecodeBlock skips
 * blanks and counts padding as zero bytes.
 */
static int
b64_decode(const char *s, size_t n, unsigned char *out, size_t want)
{
	unsigned char	 dec[3 * ((B64_MAX + 2) / 3)];
	size_t		 enc = 4 * ((want + 2) / 3), pad = enc / 4 * 3 - want;
	size_t		 i;

	if (want > B64_MAX || n != enc)
		return -1;
	for (i = 0; i < n; i++)
		if (!(b64_char(s[i]) || (s[i] == '=' && i >= n - pad)))
			return -1;
	if (EVP_DecodeBlock(dec, (const unsigned char *)s, (int)n) !=
	    (int)(enc / 4 * 3))
		return -1;
	memcpy(out, dec, want);
	return 0;
}

/*
 * The next line of text (without its "\n" or "\r\n"); false at the end.
 * A NUL inside a line makes it unusable, as for minisign's fgets.
 */
struct lines {
	const char	*p, *end;
};

static bool
next_line(struct lines *l, const char **line, size_t *n)
{
	const char	*nl;

	if (l->p >= l->end)
		return false;
	nl = memchr(l->p, '\n', (size_t)(l->end - l->p));
	*line = l->p;
	*n = (size_t)((nl != NULL ? nl : l->end) - l->p);
	l->p = nl != NULL ? nl + 1 : l->end;
	if (*n > 0 && (*line)[*n - 1] == '\r')
		(*n)--;
	return true;
}

static bool
prefixed(const char *line, size_t n, const char *prefix)
{
	size_t	 k = strlen(prefix);

	return n >= k && memcmp(line, prefix, k) == 0 &&
	    memchr(line, '\0', n) == NULL;
}

/* Nothing but blank lines may follow the last line a format has. */
static bool
only_blank(struct lines *l)
{
	const char	*line;
	size_t		 n;

	while (next_line(l, &line, &n))
		if (n > 0)
			return false;
	return true;
}

void
cf_keyid_hex(const unsigned char *keyid, char hex[17])
{
	int	 i;

	/* minisign shows the id as a little-endian 64-bit number. */
	for (i = 0; i < CF_SIGN_KEYID; i++)
		snprintf(hex + 2 * i, 3, "%02X", keyid[CF_SIGN_KEYID - 1 - i]);
}

void
cf_pubkey_format(const struct cf_pubkey *pub, struct cf_buf *out)
{
	unsigned char	 raw[2 + CF_SIGN_KEYID + CF_SIGN_PUBLEN];
	char		 hex[17];

	raw[0] = 'E';
	raw[1] = 'd';
	memcpy(raw + 2, pub->keyid, CF_SIGN_KEYID);
	memcpy(raw + 2 + CF_SIGN_KEYID, pub->pk, CF_SIGN_PUBLEN);
	cf_keyid_hex(pub->keyid, hex);
	cf_buf_printf(out, UNTRUSTED "minisign public key %s\n", hex);
	b64_encode(out, raw, sizeof(raw));
	cf_buf_putc(out, '\n');
}

int
cf_pubkey_parse(const char *text, size_t len, struct cf_pubkey *pub,
    const char **why)
{
	unsigned char	 raw[2 + CF_SIGN_KEYID + CF_SIGN_PUBLEN];
	struct lines	 l = { text, text + len };
	const char	*line;
	size_t		 n;

	if (!next_line(&l, &line, &n) || !prefixed(line, n, UNTRUSTED)) {
		*why = "the first line does not start with \"" UNTRUSTED "\"";
		return -1;
	}
	if (!next_line(&l, &line, &n) ||
	    b64_decode(line, n, raw, sizeof(raw)) != 0) {
		*why = "the second line is not the base64 of a 42-byte key";
		return -1;
	}
	if (raw[0] != 'E' || raw[1] != 'd') {
		*why = "the key's algorithm is not Ed25519 (\"Ed\")";
		return -1;
	}
	if (!only_blank(&l)) {
		*why = "text follows the key";
		return -1;
	}
	memcpy(pub->keyid, raw + 2, CF_SIGN_KEYID);
	memcpy(pub->pk, raw + 2 + CF_SIGN_KEYID, CF_SIGN_PUBLEN);
	return 0;
}

int
cf_minisig_parse(const char *text, size_t len, struct cf_minisig *ms,
    const char **why)
{
	unsigned char	 raw[2 + CF_SIGN_KEYID + CF_SIGN_SIGLEN];
	struct lines	 l = { text, text + len };
	const char	*line;
	size_t		 n, k = strlen(TRUSTED);

	if (!next_line(&l, &line, &n) || !prefixed(line, n, UNTRUSTED)) {
		*why = "the first line does not start with \"" UNTRUSTED "\"";
		return -1;
	}
	if (!next_line(&l, &line, &n) ||
	    b64_decode(line, n, raw, sizeof(raw)) != 0) {
		*why = "the second line is not the base64 of a 74-byte "
		    "signature";
		return -1;
	}
	if (raw[0] != 'E' || raw[1] != 'D') {
		*why = raw[0] == 'E' && raw[1] == 'd' ? "the signature is "
		    "not prehashed (\"Ed\"); cfgen signs and checks \"ED\"" :
		    "the signature's algorithm is not \"ED\"";
		return -1;
	}
	if (!next_line(&l, &line, &n) || !prefixed(line, n, TRUSTED)) {
		*why = "the third line does not start with \"" TRUSTED "\"";
		return -1;
	}
	if (n - k > CF_SIGN_COMMENT_MAX) {
		*why = "the trusted comment is longer than 1024 bytes";
		return -1;
	}
	memcpy(ms->trusted, line + k, n - k);
	ms->trusted[n - k] = '\0';
	if (!next_line(&l, &line, &n) ||
	    b64_decode(line, n, ms->global, CF_SIGN_SIGLEN) != 0) {
		*why = "the fourth line is not the base64 of a 64-byte global "
		    "signature";
		return -1;
	}
	if (!only_blank(&l)) {
		*why = "text follows the global signature";
		return -1;
	}
	memcpy(ms->keyid, raw + 2, CF_SIGN_KEYID);
	memcpy(ms->sig, raw + 2 + CF_SIGN_KEYID, CF_SIGN_SIGLEN);
	return 0;
}

int
cf_blake2b(const void *data, size_t len, unsigned char hash[CF_SIGN_HASHLEN])
{
	unsigned int	 n = 0;

	return EVP_Digest(data, len, hash, &n, EVP_blake2b512(), NULL) == 1 &&
	    n == CF_SIGN_HASHLEN ? 0 : -1;
}

int
cf_blake2b_fd(int fd, unsigned long long max,
    unsigned char hash[CF_SIGN_HASHLEN])
{
	unsigned char		 buf[65536];
	unsigned long long	 total = 0;
	unsigned int		 n = 0;
	EVP_MD_CTX		*ctx;
	ssize_t			 got;
	int			 rc = 0;

	ctx = EVP_MD_CTX_new();
	if (ctx == NULL || EVP_DigestInit_ex(ctx, EVP_blake2b512(), NULL) != 1)
		rc = -1;
	while (rc == 0 && (got = read(fd, buf, sizeof(buf))) != 0) {
		if (got == -1 && errno == EINTR)
			continue;
		if (got == -1 || (total += (unsigned long long)got) > max)
			rc = -1;
		else
			EVP_DigestUpdate(ctx, buf, (size_t)got);
	}
	if (rc == 0 && (EVP_DigestFinal_ex(ctx, hash, &n) != 1 ||
	    n != CF_SIGN_HASHLEN))
		rc = -1;
	EVP_MD_CTX_free(ctx);
	return rc;
}

static int
ed25519_sign(EVP_PKEY *pkey, const unsigned char *msg, size_t len,
    unsigned char sig[CF_SIGN_SIGLEN])
{
	EVP_MD_CTX	*ctx = EVP_MD_CTX_new();
	size_t		 n = CF_SIGN_SIGLEN;
	int		 ok;

	ok = ctx != NULL &&
	    EVP_DigestSignInit(ctx, NULL, NULL, NULL, pkey) == 1 &&
	    EVP_DigestSign(ctx, sig, &n, msg, len) == 1 &&
	    n == CF_SIGN_SIGLEN;
	EVP_MD_CTX_free(ctx);
	return ok ? 0 : -1;
}

static bool
ed25519_verify(const unsigned char pk[CF_SIGN_PUBLEN],
    const unsigned char *msg, size_t len,
    const unsigned char sig[CF_SIGN_SIGLEN])
{
	EVP_PKEY	*pkey;
	EVP_MD_CTX	*ctx;
	bool		 ok;

	pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, NULL, pk,
	    CF_SIGN_PUBLEN);
	ctx = EVP_MD_CTX_new();
	ok = pkey != NULL && ctx != NULL &&
	    EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, pkey) == 1 &&
	    EVP_DigestVerify(ctx, sig, CF_SIGN_SIGLEN, msg, len) == 1;
	EVP_MD_CTX_free(ctx);
	EVP_PKEY_free(pkey);
	ERR_clear_error();
	return ok;
}

/* What minisign's global signature covers: the signature, the comment. */
static unsigned char *
global_message(const unsigned char sig[CF_SIGN_SIGLEN], const char *trusted,
    size_t *len)
{
	size_t		 n = strlen(trusted);
	unsigned char	*m = cf_xmalloc(CF_SIGN_SIGLEN + n);

	memcpy(m, sig, CF_SIGN_SIGLEN);
	memcpy(m + CF_SIGN_SIGLEN, trusted, n);
	*len = CF_SIGN_SIGLEN + n;
	return m;
}

int
cf_sign(const struct cf_seckey *key, const void *data, size_t len,
    const char *trusted, struct cf_buf *out)
{
	unsigned char	 hash[CF_SIGN_HASHLEN];
	unsigned char	 raw[2 + CF_SIGN_KEYID + CF_SIGN_SIGLEN];
	unsigned char	 global[CF_SIGN_SIGLEN], *gm;
	char		 hex[17];
	size_t		 gmlen;
	int		 rc;

	if (strlen(trusted) > CF_SIGN_COMMENT_MAX ||
	    strpbrk(trusted, "\r\n") != NULL) {
		cf_diag(CF_ERROR, NULL, 0, 0, "cannot sign: the trusted "
		    "comment must be one line of at most %d bytes",
		    CF_SIGN_COMMENT_MAX);
		return -1;
	}
	raw[0] = 'E';
	raw[1] = 'D';
	memcpy(raw + 2, key->pub.keyid, CF_SIGN_KEYID);
	if (cf_blake2b(data, len, hash) != 0 ||
	    ed25519_sign(key->pkey, hash, sizeof(hash),
	    raw + 2 + CF_SIGN_KEYID) != 0) {
		ERR_clear_error();
		cf_diag(CF_SYSERR, NULL, 0, 0, "cannot sign: libcrypto "
		    "failed");
		return -1;
	}
	gm = global_message(raw + 2 + CF_SIGN_KEYID, trusted, &gmlen);
	rc = ed25519_sign(key->pkey, gm, gmlen, global);
	free(gm);
	if (rc != 0) {
		ERR_clear_error();
		cf_diag(CF_SYSERR, NULL, 0, 0, "cannot sign: libcrypto "
		    "failed");
		return -1;
	}
	cf_keyid_hex(key->pub.keyid, hex);
	cf_buf_printf(out, UNTRUSTED "signature from cfgen secret key %s\n",
	    hex);
	b64_encode(out, raw, sizeof(raw));
	cf_buf_printf(out, "\n" TRUSTED "%s\n", trusted);
	b64_encode(out, global, sizeof(global));
	cf_buf_putc(out, '\n');
	return 0;
}

enum cf_sig_check
cf_minisig_check(const struct cf_pubkey *pub, const struct cf_minisig *ms,
    const unsigned char hash[CF_SIGN_HASHLEN])
{
	unsigned char	*gm;
	size_t		 gmlen;
	bool		 ok;

	if (memcmp(pub->keyid, ms->keyid, CF_SIGN_KEYID) != 0)
		return CF_SIG_OTHER_KEY;
	if (!ed25519_verify(pub->pk, hash, CF_SIGN_HASHLEN, ms->sig))
		return CF_SIG_BAD;
	gm = global_message(ms->sig, ms->trusted, &gmlen);
	ok = ed25519_verify(pub->pk, gm, gmlen, ms->global);
	free(gm);
	return ok ? CF_SIG_GOOD : CF_SIG_BAD;
}

/* The public half of pkey, and its key id (signing.md). */
static int
fill_public(struct cf_seckey *key)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	size_t		 n = CF_SIGN_PUBLEN;

	if (EVP_PKEY_get_raw_public_key(key->pkey, key->pub.pk, &n) != 1 ||
	    n != CF_SIGN_PUBLEN ||
	    EVP_Digest(key->pub.pk, n, md, &mdlen, EVP_sha256(), NULL) != 1)
		return -1;
	memcpy(key->pub.keyid, md, CF_SIGN_KEYID);
	return 0;
}

int
cf_seckey_generate(struct cf_seckey *key, struct cf_buf *pem)
{
	BIO	*bio;
	char	*data;
	long	 n;
	int	 rc = -1;

	memset(key, 0, sizeof(*key));
	if ((key->pkey = EVP_PKEY_Q_keygen(NULL, NULL, "ED25519")) != NULL &&
	    fill_public(key) == 0 && (bio = BIO_new(BIO_s_secmem())) != NULL) {
		if (PEM_write_bio_PrivateKey(bio, key->pkey, NULL, NULL, 0,
		    NULL, NULL) == 1 && (n = BIO_get_mem_data(bio, &data)) > 0) {
			cf_buf_put(pem, data, (size_t)n);
			rc = 0;
		}
		BIO_free(bio);
	}
	ERR_clear_error();
	if (rc != 0) {
		cf_diag(CF_SYSERR, NULL, 0, 0, "cannot make a key pair: "
		    "libcrypto failed");
		cf_seckey_free(key);
	}
	return rc;
}

/* Never a prompt: a key with a passphrase is refused, not asked about. */
static int
no_passphrase(char *buf, int size, int rwflag, void *u)
{
	(void)buf;
	(void)size;
	(void)rwflag;
	(void)u;
	return -1;
}

int
cf_seckey_parse(const char *pem, size_t len, struct cf_seckey *key,
    const char **why)
{
	BIO	*bio;
	int	 id;

	memset(key, 0, sizeof(*key));
	if (len > CF_SIGN_FILE_MAX ||
	    (bio = BIO_new_mem_buf(pem, (int)len)) == NULL) {
		*why = "not a PEM private key";
		return -1;
	}
	key->pkey = PEM_read_bio_PrivateKey(bio, NULL, no_passphrase, NULL);
	BIO_free(bio);
	ERR_clear_error();
	if (key->pkey == NULL) {
		*why = memmem(pem, len, "ENCRYPTED", 9) != NULL ?
		    "the key is encrypted; cfgen reads an unencrypted PKCS#8 "
		    "key (keep it in a secret store instead)" :
		    "not a PEM private key (PKCS#8, as `cfgen keygen` or "
		    "`openssl genpkey -algorithm ed25519` writes)";
		return -1;
	}
	if ((id = EVP_PKEY_get_base_id(key->pkey)) != EVP_PKEY_ED25519) {
		*why = id == EVP_PKEY_RSA ? "an RSA key, not Ed25519" :
		    id == EVP_PKEY_EC ? "an elliptic-curve (ECDSA) key, not "
		    "Ed25519" : id == EVP_PKEY_ED448 ? "an Ed448 key, not "
		    "Ed25519" : "not an Ed25519 key";
		cf_seckey_free(key);
		return -1;
	}
	if (fill_public(key) != 0) {
		ERR_clear_error();
		*why = "its public key cannot be derived";
		cf_seckey_free(key);
		return -1;
	}
	return 0;
}

void
cf_seckey_free(struct cf_seckey *key)
{
	EVP_PKEY_free(key->pkey);
	key->pkey = NULL;
}

/*
 * A key file, bounded: a key that cannot be read is bad input (exit 1,
 * signing.md), not a system error as for the other inputs.
 */
static char *
read_key_file(const char *path, const char *noun, size_t *len)
{
	struct stat	 st;
	const char	*why;
	char		*buf;
	ssize_t		 n = 0;
	size_t		 got = 0;
	int		 fd;

	if ((fd = cf_file_open_regular(path, &st, &why)) == -1) {
		cf_diag(CF_ERROR, path, 0, 0, "cannot read %s: %s", noun, why);
		return NULL;
	}
	if (st.st_size > (off_t)CF_SIGN_FILE_MAX) {
		cf_diag(CF_ERROR, path, 0, 0, "not a %s: %jd bytes, over the "
		    "limit of %u", noun, (intmax_t)st.st_size,
		    CF_SIGN_FILE_MAX);
		close(fd);
		return NULL;
	}
	buf = cf_xmalloc(CF_SIGN_FILE_MAX + 2);
	while (got <= CF_SIGN_FILE_MAX && ((n = read(fd, buf + got,
	    CF_SIGN_FILE_MAX + 1 - got)) > 0 || (n == -1 && errno == EINTR)))
		if (n > 0)
			got += (size_t)n;
	close(fd);
	if (n == -1 || got > CF_SIGN_FILE_MAX) {
		cf_diag(CF_ERROR, path, 0, 0, "cannot read %s: %s", noun,
		    n == -1 ? strerror(errno) : "it grew while being read");
		free(buf);
		return NULL;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

int
cf_seckey_load(const char *path, struct cf_seckey *key)
{
	const char	*why;
	char		*text;
	size_t		 len;
	int		 rc;

	memset(key, 0, sizeof(*key));
	if ((text = read_key_file(path, "secret key", &len)) == NULL)
		return -1;
	if ((rc = cf_seckey_parse(text, len, key, &why)) != 0)
		cf_diag(CF_ERROR, path, 0, 0, "not a usable secret key: %s",
		    why);
	OPENSSL_cleanse(text, len);
	free(text);
	return rc;
}

int
cf_pubkey_load(const char *path, struct cf_pubkey *pub)
{
	const char	*why;
	char		*text;
	size_t		 len;
	int		 rc;

	if ((text = read_key_file(path, "public key", &len)) == NULL)
		return -1;
	if ((rc = cf_pubkey_parse(text, len, pub, &why)) != 0)
		cf_diag(CF_ERROR, path, 0, 0, "not a minisign public key: %s",
		    why);
	free(text);
	return rc;
}

int
cf_minisig_load(const char *path, struct cf_minisig *ms)
{
	const char	*why;
	char		*text;
	size_t		 len;
	int		 rc;

	if ((text = read_key_file(path, "signature", &len)) == NULL)
		return -1;
	if ((rc = cf_minisig_parse(text, len, ms, &why)) != 0)
		cf_diag(CF_ERROR, path, 0, 0, "not a minisign signature: %s",
		    why);
	free(text);
	return rc;
}
