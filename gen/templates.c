/*
 * templates.c -- template lookup: override folder first, built-ins second.
 */
#include "templates.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diag.h"
#include "readfile.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_TEMPLATE

/*
 * A template is text: a NUL would silently end it and a byte that is not
 * UTF-8 would reach every output.  Positions count lines and characters
 * as the Mustache engine's do.
 */
static bool
text_ok(const char *path, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k, bol = 0;
	unsigned int		 cp;
	int			 line = 1;

	for (; i < len; i += k) {
		k = p[i] == '\0' ? 0 : cf_utf8_decode(p + i, len - i, &cp);
		if (k == 0)
			break;
		if (p[i] == '\n') {
			line++;
			bol = i + 1;
		}
	}
	if (i == len)
		return true;
	if (p[i] == '\0')
		cf_diag(CF_ERROR, path, line, (int)cf_utf8_count(s + bol,
		    i - bol) + 1, "NUL byte in a template (templates are "
		    "UTF-8 text)");
	else
		cf_diag(CF_ERROR, path, line, (int)cf_utf8_count(s + bol,
		    i - bol) + 1, "invalid UTF-8: byte 0x%02x is not part of "
		    "a valid UTF-8 sequence", p[i]);
	return false;
}

static char *
origin_path(const char *dir, const char *name)
{
	struct cf_buf	 path;

	cf_buf_init(&path);
	cf_buf_printf(&path, "%s/%s", dir, name);
	return cf_buf_detach(&path);
}

int
cf_template_find(const char *dir, const char *name, char **text,
    char **origin)
{
	const struct cf_template_file	*t;
	struct stat			 st;
	char				*path;
	size_t				 len;

	*text = NULL;
	*origin = NULL;
	if (dir != NULL) {
		path = origin_path(dir, name);
		if (stat(path, &st) == 0) {
			if ((*text = cf_file_read(path, "template",
			    CF_TEMPLATE_MAX_BYTES, &len)) == NULL ||
			    !text_ok(path, *text, len)) {
				free(*text);
				*text = NULL;
				free(path);
				return -1;
			}
			*origin = path;
			return 0;
		}
		if (errno != ENOENT) {
			cf_diag_errno(path, "cannot read template");
			free(path);
			return -1;
		}
		free(path);
	}
	for (t = cf_builtin_templates; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0) {
			*text = cf_xmalloc(t->len + 1);
			memcpy(*text, t->data, t->len);
			(*text)[t->len] = '\0';
			*origin = origin_path("<built-in>", name);
			return 0;
		}
	*origin = dir != NULL ? origin_path(dir, name) : cf_xstrdup(name);
	return 1;
}

char *
cf_template_load(const char *dir, const char *name, char **origin)
{
	char	*text, *where;
	int	 rc;

	if ((rc = cf_template_find(dir, name, &text, &where)) == 1)
		cf_diag(CF_SYSERR, name, 0, 0, "no such template");
	if (rc == 0 && origin != NULL)
		*origin = where;
	else
		free(where);
	return text;
}
