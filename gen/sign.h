/*
 * sign.h -- minisign signatures (signing.md), made and checked with
 * OpenSSL's libcrypto: Ed25519 and BLAKE2b-512 are not written here.
 *
 * The secret key is PKCS#8 PEM, what `openssl genpkey -algorithm
 * ed25519` writes; the public key and the signatures are in minisign's
 * formats, so the stock `minisign -V` checks what cfgen signs.  A
 * signature is always of the prehashed algorithm "ED": Ed25519 over the
 * BLAKE2b-512 of the file, then over that signature and the trusted
 * comment (the "global signature").
 */
#ifndef CF_SIGN_H
#define CF_SIGN_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

#define CF_SIGN_KEYID		8	/* bytes: SHA-256 of the key, first 8 */
#define CF_SIGN_PUBLEN		32
#define CF_SIGN_SIGLEN		64
#define CF_SIGN_HASHLEN		64	/* BLAKE2b-512 */
/* minisign's limit on a comment (COMMENTMAXBYTES) */
#define CF_SIGN_COMMENT_MAX	1024
/* The largest key or .minisig file read: each is a few hundred bytes. */
#define CF_SIGN_FILE_MAX	(64u * 1024)

struct cf_pubkey {
	unsigned char	 keyid[CF_SIGN_KEYID];
	unsigned char	 pk[CF_SIGN_PUBLEN];
};

struct cf_seckey {
	void		*pkey;		/* EVP_PKEY */
	struct cf_pubkey pub;
};

/* A parsed .minisig: what minisign -V checks. */
struct cf_minisig {
	unsigned char	 keyid[CF_SIGN_KEYID];
	unsigned char	 sig[CF_SIGN_SIGLEN];
	char		 trusted[CF_SIGN_COMMENT_MAX + 1];
	unsigned char	 global[CF_SIGN_SIGLEN];
};

/*
 * A new key pair; its PKCS#8 PEM in pem.  Returns 0, or -1 after a
 * diagnostic.
 */
int	 cf_seckey_generate(struct cf_seckey *, struct cf_buf *pem);
/*
 * The secret key of a PEM file: a diagnostic naming path (exit 1) when it
 * cannot be read, is not a PEM private key, is encrypted or is not
 * Ed25519.  Returns 0 or -1.
 */
int	 cf_seckey_load(const char *path, struct cf_seckey *);
/* From PEM text, without diagnostics: -1 and *why. */
int	 cf_seckey_parse(const char *pem, size_t len, struct cf_seckey *,
	    const char **why);
void	 cf_seckey_free(struct cf_seckey *);

/* minisign's public key file: comment line, then base64 "Ed"|id|key. */
void	 cf_pubkey_format(const struct cf_pubkey *, struct cf_buf *);
/* Returns 0, or -1 with *why when text is not such a file. */
int	 cf_pubkey_parse(const char *text, size_t len, struct cf_pubkey *,
	    const char **why);
/* The same from a file, with a diagnostic naming it (exit 1). */
int	 cf_pubkey_load(const char *path, struct cf_pubkey *);
/* The key id as minisign prints it: 16 upper-case hex digits. */
void	 cf_keyid_hex(const unsigned char *keyid, char hex[17]);

/*
 * Appends the .minisig of data to out, the trusted comment given (one
 * line, at most CF_SIGN_COMMENT_MAX bytes).  Returns 0, or -1 after a
 * diagnostic.  Deterministic: the same key, data and comment give the
 * same bytes.
 */
int	 cf_sign(const struct cf_seckey *, const void *data, size_t len,
	    const char *trusted, struct cf_buf *out);

/* Returns 0, or -1 with *why when text is not minisign's format. */
int	 cf_minisig_parse(const char *text, size_t len, struct cf_minisig *,
	    const char **why);
/* The same from a file, with a diagnostic naming it (exit 1). */
int	 cf_minisig_load(const char *path, struct cf_minisig *);

/* BLAKE2b-512 of a buffer, or of what fd reads up to max bytes (-1). */
int	 cf_blake2b(const void *data, size_t len,
	    unsigned char hash[CF_SIGN_HASHLEN]);
int	 cf_blake2b_fd(int fd, unsigned long long max,
	    unsigned char hash[CF_SIGN_HASHLEN]);

enum cf_sig_check {
	CF_SIG_GOOD,
	CF_SIG_OTHER_KEY,	/* made with another key id */
	CF_SIG_BAD		/* the file or the trusted comment changed */
};

/* Checks a signature against the BLAKE2b-512 of the signed bytes. */
enum cf_sig_check cf_minisig_check(const struct cf_pubkey *,
	    const struct cf_minisig *, const unsigned char hash[CF_SIGN_HASHLEN]);

#endif
