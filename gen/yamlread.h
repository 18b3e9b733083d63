/*
 * yamlread.h -- YAML input layer: one file into a tree of nodes that
 * remember where they came from.
 *
 * libyaml does the parsing; this layer enforces the input rules every
 * cfgen document shares (catalogue.md): a size cap, valid UTF-8 with the
 * position of the first bad byte, no anchors or aliases, no explicit tags,
 * nesting of at most CF_YAML_MAX_DEPTH, scalar mapping keys given once,
 * one document per file.  Each broken rule is one diagnostic.
 */
#ifndef CF_YAMLREAD_H
#define CF_YAMLREAD_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

#define CF_YAML_MAX_BYTES	(16u * 1024 * 1024)
#define CF_YAML_MAX_DEPTH	64

enum cf_ytype {
	CF_Y_SCALAR,
	CF_Y_SEQ,
	CF_Y_MAP
};

struct cf_ynode {
	enum cf_ytype	 type;
	struct cf_pos	 pos;		/* first character, 1-based */
	struct cf_pos	 end;		/* just past the last character */
	const char	*value;		/* scalar: its text */
	bool		 plain;		/* scalar: unquoted, not a block */
	bool		 bad;		/* already reported; say no more */
	struct cf_ynode	**items;	/* sequence items or mapping values */
	struct cf_ynode	**keys;		/* mapping keys (scalars) */
	size_t		 n;
};

struct cf_ydoc {
	const char	*path;
	const char	*text;		/* the whole file, NUL-terminated */
	size_t		 len;
	struct cf_ynode	*root;		/* NULL: empty document */
};

/*
 * Reads path into a tree allocated in the arena.  Returns NULL when the
 * file cannot be used at all (unreadable, too large, not UTF-8, not YAML,
 * too deep): the reason was reported.  Rule violations that leave the
 * tree usable (an anchor, a duplicate key) are reported and the offending
 * node is marked bad.
 */
struct cf_ydoc	*cf_yaml_read(const char *path, struct cf_arena *);

/* The same for text in memory (a built-in file); path names it. */
struct cf_ydoc	*cf_yaml_parse(const char *path, const char *text, size_t len,
		    struct cf_arena *);

/* Mapping lookup by key text; NULL when absent. */
struct cf_ynode	*cf_ymap_get(const struct cf_ynode *, const char *key);

/* Byte offset in doc->text of a 1-based line and column. */
size_t		 cf_yaml_offset(const struct cf_ydoc *, struct cf_pos);

#endif
