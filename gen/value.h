/*
 * value.h -- the data tree templates are rendered against.
 *
 * Renderers turn the document model into a tree of maps, lists and
 * strings (a "view") and hand it to the Mustache engine; templates never
 * see the model itself, so the variables a template author can use are
 * exactly the ones documented in templates/README.md.
 */
#ifndef CF_VALUE_H
#define CF_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util.h"

enum cf_vtype {
	CF_V_NULL,
	CF_V_BOOL,
	CF_V_STR,	/* also numbers, kept as their text */
	CF_V_LIST,
	CF_V_MAP
};

/*
 * A map's key: its text is not copied, so it must outlive the map (a
 * literal, a model or locale string, or one in the map's arena).
 */
struct cf_key {
	const char	*s;
	size_t		 len;
	unsigned	 hash;		/* cf_value_hash(s, len), first compared */
};

/*
 * The hash of a key: its length and its first and last eight bytes,
 * mixed.  Constant time, and inline so that a literal key's folds away
 * when compiled: views set and templates look up tens of thousands of
 * keys, and hashing them byte by byte was a tenth of their work.  Keys
 * that share all three only cost a comparison more.
 */
static inline unsigned
cf_value_hash(const char *key, size_t len)
{
	uint64_t	 head = 0, tail = 0, h;
	size_t		 n = len < 8 ? len : 8;

	memcpy(&head, key, n);
	memcpy(&tail, key + len - n, n);
	h = (head * 0x9e3779b97f4a7c15u) ^ ((tail + len) * 0xc2b2ae3d27d4eb4fu);
	return (unsigned)(h >> 32) ^ (unsigned)h;
}

struct cf_value {
	enum cf_vtype	 type;
	bool		 b;		/* CF_V_BOOL */
	const char	*s;		/* CF_V_STR */
	struct cf_value	**items;	/* CF_V_LIST values, CF_V_MAP values */
	struct cf_key	*keys;		/* CF_V_MAP keys, in insertion order */
	unsigned	*index;		/* a large map's: slots of index + 1 */
	size_t		 n;
	size_t		 cap;
};

/*
 * null, true and false are shared by every tree (a view holds thousands):
 * never change what these return.
 */
struct cf_value	*cf_value_null(void);
struct cf_value	*cf_value_bool(bool);
struct cf_value	*cf_value_str(struct cf_arena *, const char *);	/* copied */
/* A string that outlives the tree (NULL: null), not copied. */
struct cf_value	*cf_value_ref(struct cf_arena *, const char *);
struct cf_value	*cf_value_strf(struct cf_arena *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));
/* A count as its decimal text. */
struct cf_value	*cf_value_count(struct cf_arena *, size_t);
struct cf_value	*cf_value_list(struct cf_arena *);
struct cf_value	*cf_value_map(struct cf_arena *);
/* A map with room for n keys: one that is filled in one go. */
struct cf_value	*cf_value_map_sized(struct cf_arena *, size_t n);

/* Append to a list; returns the item for chaining. */
struct cf_value	*cf_value_push(struct cf_arena *, struct cf_value *list,
		    struct cf_value *item);
/*
 * Set a key of len bytes, hash being cf_value_hash(key, len), in a map
 * (replacing an earlier value); returns the value.  The key is not
 * copied (struct cf_key).
 */
struct cf_value	*cf_value_seth(struct cf_arena *, struct cf_value *map,
		    const char *key, size_t len, unsigned hash,
		    struct cf_value *val);

/*
 * The same for a NUL-terminated key, and shorthands: a string (copied;
 * NULL sets null), one not copied, a bool.  Inline, so that a literal
 * key's length and hash are known when compiled: views set tens of
 * thousands.
 */
static inline struct cf_value *
cf_value_set(struct cf_arena *a, struct cf_value *map, const char *key,
    struct cf_value *val)
{
	size_t	 len = strlen(key);

	return cf_value_seth(a, map, key, len, cf_value_hash(key, len), val);
}

static inline void
cf_value_set_str(struct cf_arena *a, struct cf_value *map, const char *key,
    const char *s)
{
	cf_value_set(a, map, key, cf_value_str(a, s));
}

static inline void
cf_value_set_ref(struct cf_arena *a, struct cf_value *map, const char *key,
    const char *s)
{
	cf_value_set(a, map, key, cf_value_ref(a, s));
}

static inline void
cf_value_set_bool(struct cf_arena *a, struct cf_value *map, const char *key,
    bool b)
{
	cf_value_set(a, map, key, cf_value_bool(b));
}

/* Look up one key (no dotted names); NULL when absent. */
const struct cf_value *cf_value_get(const struct cf_value *map,
		    const char *key);
/* The same for the key of len bytes at key (a part of a dotted name). */
const struct cf_value *cf_value_getn(const struct cf_value *map,
		    const char *key, size_t len);
/*
 * The same, hash being cf_value_hash(key, len), for a template's name:
 * *slot is where it was found last, tried first and updated.  The maps a
 * section iterates are built alike, each with its keys in one order.
 */
const struct cf_value *cf_value_geth(const struct cf_value *map,
		    const char *key, size_t len, unsigned hash,
		    size_t *slot);

#endif
