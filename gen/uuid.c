/*
 * uuid.c -- version-5 UUIDs: SHA-1 (libcrypto) of namespace and name,
 * with the version and variant bits set (RFC 9562, section 5.5).
 */
#include "uuid.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "util.h"

/* RFC 9562 Appendix A: the namespace for names that are URLs (URIs). */
static const unsigned char ns_url[16] = {
	0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1,
	0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8
};

void
cf_uuid5(const char *name, char out[CF_UUID_LEN])
{
	unsigned char	 md[EVP_MAX_MD_SIZE];
	unsigned int	 mdlen = 0;
	size_t		 i, n = strlen(name);
	unsigned char	*in = cf_xmalloc(sizeof(ns_url) + n);
	char		*p = out;

	memcpy(in, ns_url, sizeof(ns_url));
	memcpy(in + sizeof(ns_url), name, n);
	/* SHA-1 is built into libcrypto: only memory can fail it. */
	if (EVP_Digest(in, sizeof(ns_url) + n, md, &mdlen, EVP_sha1(),
	    NULL) != 1) {
		fputs("cfgen: error: out of memory\n", stderr);
		exit(4);
	}
	free(in);
	md[6] = (unsigned char)((md[6] & 0x0f) | 0x50);	/* version 5 */
	md[8] = (unsigned char)((md[8] & 0x3f) | 0x80);	/* RFC variant */
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		snprintf(p, 3, "%02x", md[i]);
		p += 2;
	}
	*p = '\0';
}
