/*
 * hash.h -- SHA-256, by OpenSSL's libcrypto: the integrity of artefacts
 * and declarations rests on it, so it is not written by hand here.
 */
#ifndef CF_HASH_H
#define CF_HASH_H

#include <stddef.h>

#define CF_SHA256_HEX	65	/* 64 hex digits and a NUL */

/* Lower-case hex digest of a buffer into hex[CF_SHA256_HEX]. */
void	 cf_sha256_hex(const void *, size_t, char *hex);
/* Of a file's bytes as read; -1 with errno set when it cannot be read. */
int	 cf_sha256_file(const char *path, char *hex);

#endif
