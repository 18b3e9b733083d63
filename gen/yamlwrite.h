/*
 * yamlwrite.h -- a small YAML emitter for the files cfgen writes for people
 * to read and edit (the catalogues `import oscal` makes).
 *
 * Every scalar is written in the plainest form that reads back as exactly
 * the same text under cfgen's reader (libyaml, YAML 1.2 core typing):
 * plain when nothing in it could be taken for YAML syntax, a number, a
 * boolean or null; a literal block (|-) for multi-line text that a block
 * can hold exactly; double-quoted with escapes otherwise.
 */
#ifndef CF_YAMLWRITE_H
#define CF_YAMLWRITE_H

#include <stdbool.h>
#include <stddef.h>

#include "util.h"

/*
 * "KEY: VALUE\n" at indentation ind; with dash, "- KEY: VALUE" where the
 * dash takes the last two columns of the indentation (a sequence item's
 * first key).  A literal block's lines are indented by ind + 2.
 */
void	 cf_yw_str(struct cf_buf *, size_t ind, bool dash, const char *key,
	    const char *value);
/* "KEY:\n": a mapping or sequence follows, indented deeper. */
void	 cf_yw_key(struct cf_buf *, size_t ind, bool dash, const char *key);
/* "KEY: N" and "KEY: [A, B]" */
void	 cf_yw_int(struct cf_buf *, size_t ind, bool dash, const char *key,
	    long value);
void	 cf_yw_ints(struct cf_buf *, size_t ind, bool dash, const char *key,
	    const long *values, size_t n);
void	 cf_yw_bool(struct cf_buf *, size_t ind, bool dash, const char *key,
	    bool value);

/* The scalar alone, as cf_yw_str writes it (ind: its block's lines). */
void	 cf_yw_scalar(struct cf_buf *, size_t ind, const char *value);

#endif
