/*
 * hash.h -- SHA-256, by OpenSSL's libcrypto: the integrity of artefacts
 * and declarations rests on it, so it is not written by hand here.
 */
#ifndef CF_HASH_H
#define CF_HASH_H

#include <stddef.h>

#define CF_SHA256_HEX	65	/* 64 hex digits and a NUL */

/* Sets libcrypto up for the digests below, which would do it at first use. */
void	 cf_sha256_warm(void);
/* Lower-case hex digest of a buffer into hex[CF_SHA256_HEX]. */
void	 cf_sha256_hex(const void *, size_t, char *hex);
/*
 * Of what fd reads until its end: 0; -1 with errno set when a read fails;
 * 1, with no digest, when there are more than max bytes.
 */
int	 cf_sha256_fd(int fd, unsigned long long max, char *hex);
/*
 * Of a regular file's bytes as read (never waits on a FIFO or reads a
 * device); -1 with errno set when it cannot be read, EFBIG when it grew
 * while being read.
 */
int	 cf_sha256_file(const char *path, char *hex);

#endif
