/*
 * templates.c -- template lookup: override folder first, built-ins second.
 */
#include "templates.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "util.h"

static char *
read_file(const char *path, size_t *lenp)
{
	struct cf_buf	 b;
	FILE		*f;
	char		 chunk[8192];
	size_t		 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	cf_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		cf_buf_put(&b, chunk, n);
	if (ferror(f)) {
		fclose(f);
		cf_buf_free(&b);
		return NULL;
	}
	fclose(f);
	*lenp = b.len;
	return cf_buf_detach(&b);
}

char *
cf_template_load(const char *dir, const char *name, char **origin)
{
	const struct cf_template_file	*t;
	struct stat			 st;
	struct cf_buf			 path;
	size_t				 len;
	char				*s;

	if (dir != NULL) {
		cf_buf_init(&path);
		cf_buf_printf(&path, "%s/%s", dir, name);
		if (stat(path.data, &st) == 0) {
			if ((s = read_file(path.data, &len)) == NULL) {
				cf_diag_errno(path.data, "cannot read template");
				cf_buf_free(&path);
				return NULL;
			}
			if (origin != NULL)
				*origin = cf_buf_detach(&path);
			else
				cf_buf_free(&path);
			return s;
		}
		if (errno != ENOENT) {
			cf_diag_errno(path.data, "cannot read template");
			cf_buf_free(&path);
			return NULL;
		}
		cf_buf_free(&path);
	}
	for (t = cf_builtin_templates; t->name != NULL; t++) {
		if (strcmp(t->name, name) != 0)
			continue;
		s = cf_xmalloc(t->len + 1);
		memcpy(s, t->data, t->len);
		s[t->len] = '\0';
		if (origin != NULL) {
			cf_buf_init(&path);
			cf_buf_printf(&path, "<built-in>/%s", name);
			*origin = cf_buf_detach(&path);
		}
		return s;
	}
	cf_diag(CF_SYSERR, name, 0, 0, "no such template");
	return NULL;
}
