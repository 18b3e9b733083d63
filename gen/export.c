/*
 * export.c -- shared pieces of the SARIF, CycloneDX and OSCAL writers.
 */
#include "export.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "declaration.h"
#include "diag.h"
#include "model.h"
#include "util.h"

json_t *
cf_jstr(const char *s)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s :
				    "");
	struct cf_buf		 b;
	unsigned int		 cp;
	size_t			 n = strlen((const char *)p), k;
	json_t			*j;

	if ((j = json_stringn((const char *)p, n)) != NULL)
		return j;
	cf_buf_init(&b);
	while (n > 0) {
		if ((k = cf_utf8_decode(p, n, &cp)) == 0) {
			cf_buf_puts(&b, "\xef\xbf\xbd");
			k = 1;
		} else
			cf_buf_printf(&b, "%.*s", (int)k, (const char *)p);
		p += k;
		n -= k;
	}
	j = json_stringn(b.data != NULL ? b.data : "", b.len);
	cf_buf_free(&b);
	return j != NULL ? j : json_string("");
}

/*
 * The length of the white space at p (n bytes left), 0 if none; *brk
 * is set when it breaks the line.  ECMAScript's \s, which the schema
 * validators use, is wider than C's isspace().
 */
static size_t
space_at(const unsigned char *p, size_t n, bool *brk)
{
	unsigned int	cp;
	size_t		k;

	if ((k = cf_utf8_decode(p, n, &cp)) == 0)
		return 0;
	*brk = cp == '\n' || cp == '\r' || cp == 0x0b || cp == 0x0c ||
	    cp == 0x85 || cp == 0x2028 || cp == 0x2029;
	if (*brk || cp == ' ' || cp == '\t' || cp == 0xa0 || cp == 0x1680 ||
	    (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000 || cp == 0xfeff)
		return k;
	return 0;
}

json_t *
cf_jline(const char *s, const char *fallback)
{
	const unsigned char	*p = (const unsigned char *)(s != NULL ? s :
				    "");
	struct cf_buf		 b;
	size_t			 n = strlen((const char *)p), k, run;
	unsigned int		 cp;
	bool			 brk, blanks, breaks;
	json_t			*j;

	cf_buf_init(&b);
	while (n > 0) {
		/* A run of white space: kept as it is unless it breaks the
		 * line or is ASCII blanks alone; dropped at either end. */
		blanks = true;
		breaks = false;
		for (run = 0; run < n && (k = space_at(p + run, n - run,
		    &brk)) > 0; run += k) {
			breaks = breaks || brk;
			blanks = blanks && (p[run] == ' ' || p[run] == '\t');
		}
		if (run > 0) {
			if (b.len > 0 && run < n && (breaks || blanks))
				cf_buf_putc(&b, ' ');
			else if (b.len > 0 && run < n)
				cf_buf_printf(&b, "%.*s", (int)run,
				    (const char *)p);
			p += run;
			n -= run;
			continue;
		}
		if ((k = cf_utf8_decode(p, n, &cp)) == 0)
			k = 1;
		cf_buf_printf(&b, "%.*s", (int)k, (const char *)p);
		p += k;
		n -= k;
	}
	j = cf_jstr(b.len > 0 ? b.data : fallback);
	cf_buf_free(&b);
	return j;
}

/* May byte c stand as it is in that part of a URI (RFC 3986)? */
static bool
uri_keeps(unsigned char c, bool host, bool frag)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9'))
		return true;
	if (c == '\0' || c >= 0x80)
		return false;
	return strchr(host ? "-._~:@!$&'()*+,;=[]" : frag ?
	    "-._~:/?@!$&'()*+,;=" : "-._~:/?#@!$&'()*+,;=", c) != NULL;
}

char *
cf_export_uri(const char *url)
{
	const unsigned char	*p = (const unsigned char *)url;
	struct cf_buf		 b;
	bool			 host = false, frag = false;

	cf_buf_init(&b);
	if (cf_url_has_scheme(url)) {
		while (*p != ':')
			cf_buf_putc(&b, (char)*p++);
		cf_buf_putc(&b, (char)*p++);
	}
	/* The authority, after "//": brackets may enclose an IPv6 host. */
	if (p[0] == '/' && p[1] == '/') {
		cf_buf_puts(&b, "//");
		p += 2;
		host = true;
	}
	for (; *p != '\0'; p++) {
		if (host && strchr("/?#", *p) != NULL)
			host = false;
		if (uri_keeps(*p, host, frag) || (*p == '%' &&
		    isxdigit(p[1]) && isxdigit(p[2])))
			cf_buf_putc(&b, (char)*p);
		else
			cf_buf_percent(&b, *p);
		frag = frag || *p == '#';
	}
	return b.data != NULL ? cf_buf_detach(&b) : cf_xstrdup("");
}

json_t *
cf_juri(const char *url)
{
	char	*u = cf_export_uri(url);
	json_t	*j = cf_jstr(u);

	free(u);
	return j;
}

void
cf_jset(json_t *obj, const char *key, json_t *v)
{
	if (v != NULL)
		json_object_set_new(obj, key, v);
}

void
cf_jset_list(json_t *obj, const char *key, json_t *arr)
{
	if (json_array_size(arr) > 0)
		json_object_set_new(obj, key, arr);
	else
		json_decref(arr);
}

json_t *
cf_jprop(const char *name, const char *value)
{
	json_t	*p = json_object();

	cf_jset(p, "name", cf_jstr(name));
	cf_jset(p, "value", cf_jstr(value));
	return p;
}

char *
cf_path_uri(const char *path)
{
	const unsigned char	*p = (const unsigned char *)path;
	struct cf_buf		 b;

	cf_buf_init(&b);
	if (*p == '/')
		cf_buf_puts(&b, "file://");
	/* "./x" is "x": the same file, the form code scanning expects. */
	while (p[0] == '.' && p[1] == '/')
		for (p += 2; *p == '/'; p++)
			;
	for (; *p != '\0'; p++)
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL)
			cf_buf_putc(&b, (char)*p);
		else
			cf_buf_percent(&b, *p);
	return b.data != NULL ? cf_buf_detach(&b) : cf_xstrdup("");
}

json_t *
cf_jevidence_uri(const struct cf_evidence *e)
{
	json_t	*j;
	char	*uri;

	if (e->kind != CF_EVIDENCE_PATH)
		return cf_juri(e->ref);
	uri = cf_path_uri(e->ref);
	j = cf_jstr(uri);
	free(uri);
	return j;
}

const struct cf_decl_file *
cf_export_evidence_file(const struct cf_decl *d, const struct cf_requirement *r,
    const struct cf_evidence *e)
{
	size_t	 i, k;

	for (i = 0; i < d->nfiles; i++) {
		if (d->files[i].role != CF_DECL_EVIDENCE)
			continue;
		for (k = 0; k < d->files[i].nreqs; k++)
			if (strcmp(d->files[i].reqs[k], r->id.s) == 0 &&
			    strcmp(d->files[i].path, e->ref) == 0)
				return &d->files[i];
	}
	return NULL;
}

json_t *
cf_jsha256(const char *alg_key, const char *value_key, const char *hex)
{
	json_t	*h = json_object(), *hashes = json_array();

	cf_jset(h, alg_key, json_string("SHA-256"));
	cf_jset(h, value_key, json_string(hex));
	json_array_append_new(hashes, h);
	return hashes;
}

const char *
cf_export_std_ref(struct cf_arena *a, const struct cf_catalogue *cat)
{
	return cf_arena_printf(a, "%s@%s", cat->id, cat->version);
}

const char *
cf_export_req_ref(struct cf_arena *a, const struct cf_catalogue *cat,
    const struct cf_requirement *r)
{
	return cf_arena_printf(a, "%s@%s/%s", cat->id, cat->version, r->id.s);
}

int
cf_json_emit(json_t *root, const char *what, struct cf_buf *out)
{
	char	*s;

	s = json_dumps(root, JSON_PRESERVE_ORDER | JSON_INDENT(2));
	json_decref(root);
	if (s == NULL) {
		cf_diagk(CF_DK_IO, CF_SYSERR, what, 0, 0, "cannot encode the "
		    "JSON (out of memory)");
		return -1;
	}
	cf_buf_puts(out, s);
	cf_buf_putc(out, '\n');
	free(s);
	return 0;
}
