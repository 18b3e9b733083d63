/*
 * hash.c -- SHA-256 digests through the EVP interface of libcrypto.
 */
#include "hash.h"

#include <openssl/evp.h>
#include <stdio.h>

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

void
cf_sha256_hex(const void *data, size_t len, char *hex)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
	to_hex(md, mdlen, hex);
}

int
cf_sha256_file(const char *path, char *hex)
{
	unsigned char	 md[EVP_MAX_MD_SIZE], buf[65536];
	unsigned int	 mdlen = 0;
	EVP_MD_CTX	*ctx;
	FILE		*f;
	size_t		 n;
	int		 rc = 0;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	ctx = EVP_MD_CTX_new();
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		EVP_DigestUpdate(ctx, buf, n);
	if (ferror(f))
		rc = -1;
	EVP_DigestFinal_ex(ctx, md, &mdlen);
	EVP_MD_CTX_free(ctx);
	fclose(f);
	if (rc == 0)
		to_hex(md, mdlen, hex);
	return rc;
}
