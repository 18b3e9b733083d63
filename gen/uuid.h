/*
 * uuid.h -- name-based (version 5, SHA-1) UUIDs, RFC 9562.
 *
 * The exports need UUIDs (CycloneDX serial numbers, OSCAL uuid fields)
 * yet must come out byte-identical from the same inputs: a UUID made
 * from a name that says what it identifies is the same on every run.
 */
#ifndef CF_UUID_H
#define CF_UUID_H

#define CF_UUID_LEN	37	/* 36 characters and a NUL */

/*
 * The version-5 UUID of name in the URL namespace of RFC 9562
 * (6ba7b811-9dad-11d1-80b4-00c04fd430c8), lower case, into out.
 */
void	 cf_uuid5(const char *name, char out[CF_UUID_LEN]);

#endif
