/*
 * hash.c -- SHA-256 digests through the EVP interface of libcrypto.
 */
#include "hash.h"

#include <errno.h>
#include <openssl/evp.h>
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

void
cf_sha256_hex(const void *data, size_t len, char *hex)
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;

	EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
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
	EVP_DigestInit_ex(ctx, EVP_sha256(), NULL);
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
