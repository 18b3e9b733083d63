/*
 * export.h -- what the JSON exports for other tools share (SARIF,
 * CycloneDX, OSCAL): strings jansson always accepts, relative URIs, and
 * one way to write a document.
 */
#ifndef CF_EXPORT_H
#define CF_EXPORT_H

#include <jansson.h>

struct cf_buf;

/*
 * A JSON string of s (NULL: ""); a byte that is not UTF-8 (a file name
 * can hold any) becomes U+FFFD, so the result is never NULL.
 */
json_t	*cf_jstr(const char *s);
/* json_object_set_new() that leaves out a NULL value. */
void	 cf_jset(json_t *obj, const char *key, json_t *v);
/* {"name": name, "value": value}: a property as all three formats have. */
json_t	*cf_jprop(const char *name, const char *value);
/*
 * A path as a URI reference (RFC 3986): a relative path stays relative,
 * an absolute one becomes a file: URI; every byte outside the unreserved
 * set and '/' is percent-encoded.  The caller frees it.
 */
char	*cf_path_uri(const char *path);
/*
 * Appends root, indented, keys in insertion order, and a newline, to out,
 * and drops root.  Returns 0, or -1 after a diagnostic naming what.
 */
int	 cf_json_emit(json_t *root, const char *what, struct cf_buf *out);

#endif
