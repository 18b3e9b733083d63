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

/*
 * Returns the template's text (caller frees) and sets *origin to the path
 * it came from (or "<built-in>/NAME"), or NULL with a diagnostic printed
 * when dir has the file but it cannot be read, or no such template exists.
 */
char	*cf_template_load(const char *dir, const char *name, char **origin);

#endif
