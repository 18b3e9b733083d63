/*
 * templates.h -- finding a template: -t DIR first, then the built-in copy
 * compiled into the program from templates/ (cmake/embed.cmake).
 */
#ifndef CF_TEMPLATES_H
#define CF_TEMPLATES_H

#include <stddef.h>

struct cf_template_file {
	const char	*name;
	const char	*data;
	size_t		 len;
};

extern const struct cf_template_file cf_builtin_templates[];

/* A template or style of -t DIR larger than this is an error. */
#define CF_TEMPLATE_MAX_BYTES	(4u * 1024 * 1024)

/*
 * Returns the template's text (caller frees) and sets *origin to the path
 * it came from (or "<built-in>/NAME"), or NULL with a diagnostic printed
 * when dir has the file but it cannot be read (not a regular file: exit
 * 4), is over CF_TEMPLATE_MAX_BYTES or is not UTF-8 text without NUL
 * bytes (exit 1), or when no such template exists.
 */
char	*cf_template_load(const char *dir, const char *name, char **origin);

/*
 * The same without a diagnostic when there is no such template: returns
 * 0 (*text and *origin set, caller frees both), 1 when there is none
 * (*origin says where it was looked for first), -1 after a diagnostic.
 */
int	 cf_template_find(const char *dir, const char *name, char **text,
	    char **origin);

#endif
