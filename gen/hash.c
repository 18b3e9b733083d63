/*
 * hash.c -- SHA-256 digests through the EVP interface of libcrypto.
 *
 * The digest is fetched from the default provider once per process and
 * kept: EVP_sha256() at each call looks it up again by name, under a
 * lock every thread of `build -j` shares.  Setting libcrypto up reads no
 * openssl.cnf: no configuration changes what SHA-256 is, and reading it
 * was half of the millisecond the first digest cost, on the way of every
 * run (a build starts the set-up on a thread of its own, cf_sha256_warm()).
 */
#include "hash.h"

#include <errno.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"

static void
to_hex(const unsigned char *md, unsigned int len, char *hex)
{
	static const char	 digits[] = "0123456789abcdef";
	unsigned int		 i;

	for (i = 0; i < len; i++) {
		hex[2 * i] = digits[md[i] >> 4];
		hex[2 * i + 1] = digits[md[i] & 0xf];
	}
	hex[2 * len] = '\0';
}

static pthread_once_t	 once = PTHREAD_ONCE_INIT;
static EVP_MD		*sha256;

static void
fetch(void)
{
	OPENSSL_init_crypto(OPENSSL_INIT_NO_LOAD_CONFIG, NULL);
	sha256 = EVP_MD_fetch(NULL, "SHA256", NULL);
}

/* libcrypto's own SHA-256 when the fetch failed (it does not here). */
static const EVP_MD *
digest(void)
{
	pthread_once(&once, fetch);
	return sha256 != NULL ? sha256 : EVP_sha256();
}

void
cf_sha256_warm(void)
{
	(void)digest();
}

void
cf_sha256_hex(const void *data, size_t len, char *hex)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	EVP_Digest(data, len, md, &mdlen, digest(), NULL);
	to_hex(md, mdlen, hex);
}

int
cf_sha256_fd(int fd, unsigned long long max, char *hex)
{
	unsigned char		 md[EVP_MAX_MD_SIZE], buf[65536];
	unsigned int		 mdlen = 0;
	unsigned long long	 total = 0;
	EVP_MD_CTX		*ctx;
	ssize_t			 n;
	int			 rc = 0;

	ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, digest(), NULL);
	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n == -1) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		if ((total += (unsigned long long)n) > max) {
			rc = 1;
			break;
		}
		EVP_DigestUpdate(ctx, buf, (size_t)n);
	}
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	if (rc == 0)
		to_hex(md, mdlen, hex);
	return rc;
}

int
cf_sha256_file(const char *path, char *hex)
{
	struct stat	 st;
	const char	*why;
	int		 fd, rc, err;

	if ((fd = cf_file_open_regular(path, &st, &why)) == -1)
		return -1;
	rc = cf_sha256_fd(fd, (unsigned long long)st.st_size, hex);
	err = rc == 1 ? EFBIG : errno;
	close(fd);
	errno = err;
	return rc == 0 ? 0 : -1;
}
