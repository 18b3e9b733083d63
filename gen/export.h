/*
 * export.h -- what the JSON exports for other tools share (SARIF,
 * CycloneDX, OSCAL): strings jansson always accepts, relative URIs, and
 * one way to write a document.
 */
#ifndef CF_EXPORT_H
#define CF_EXPORT_H

#include <jansson.h>

struct cf_arena;
struct cf_buf;
struct cf_catalogue;
struct cf_decl;
struct cf_decl_file;
struct cf_evidence;
struct cf_requirement;

/*
 * A JSON string of s (NULL: ""); a byte that is not UTF-8 (a file name
 * can hold any) becomes U+FFFD, so the result is never NULL.
 */
json_t	*cf_jstr(const char *s);
/* json_object_set_new() that leaves out a NULL value. */
void	 cf_jset(json_t *obj, const char *key, json_t *v);
/*
 * One line of s with no white space at either end, as OSCAL wants a
 * title or a string value ("^\S(.*\S)?$", read by regular expressions
 * whose "." stops at U+2028 and whose "\s" takes U+00A0): every run of
 * white space holding a line break (CR, LF, VT, FF, U+0085, U+2028,
 * U+2029) or of ASCII blanks becomes one space.  Blank s gives fallback.
 */
json_t	*cf_jline(const char *s, const char *fallback);
/*
 * A URL as an RFC 3986 URI reference, which an IRI reference also is:
 * every byte that may not stand where it is -- space, controls, quotes,
 * angle brackets, backslash, non-ASCII, a '%' not starting an escape, a
 * second '#', brackets outside the host -- percent-encoded, so the
 * exports' schemas ("uri-reference", "iri-reference") accept whatever
 * address a catalogue or a response gives.  The caller frees it.
 */
char	*cf_export_uri(const char *url);
/* The same as a JSON string: a CycloneDX url, an OSCAL href. */
json_t	*cf_juri(const char *url);
/* cf_jset() of an array only when it has items (OSCAL has no empty ones). */
void	 cf_jset_list(json_t *obj, const char *key, json_t *arr);
/* {"name": name, "value": value}: a property as all three formats have. */
json_t	*cf_jprop(const char *name, const char *value);
/*
 * A path as a URI reference (RFC 3986): a relative path stays relative,
 * an absolute one becomes a file: URI; every byte outside the unreserved
 * set and '/' is percent-encoded.  The caller frees it.
 */
char	*cf_path_uri(const char *path);
/*
 * Where cited evidence is, as a JSON string: a path relative to the
 * responses folder stays a relative reference (cf_path_uri), an address
 * is cf_juri()'s.
 */
json_t	*cf_jevidence_uri(const struct cf_evidence *);
/*
 * The hashed file of a path cited as evidence for requirement r, or NULL
 * (an address, or a path the declaration did not hash for r).
 */
const struct cf_decl_file *cf_export_evidence_file(const struct cf_decl *,
	    const struct cf_requirement *r, const struct cf_evidence *);
/*
 * A list of one SHA-256 digest, {alg_key: "SHA-256", value_key: hex}:
 * CycloneDX and OSCAL name the two keys differently.
 */
json_t	*cf_jsha256(const char *alg_key, const char *value_key,
	    const char *hex);
/*
 * The references of a release and of a requirement in the exports, made
 * from ids alone: "iotsf-cf@1.0", "iotsf-cf@1.0/2.3.1.4".  In a.
 */
const char *cf_export_std_ref(struct cf_arena *, const struct cf_catalogue *);
const char *cf_export_req_ref(struct cf_arena *, const struct cf_catalogue *,
	    const struct cf_requirement *);
/*
 * Appends root, indented, keys in insertion order, and a newline, to out,
 * and drops root: every JSON cfgen writes, the declaration's own too.
 * Returns 0, or -1 after a diagnostic naming what.
 */
int	 cf_json_emit(json_t *root, const char *what, struct cf_buf *out);

#endif
