/*
 * value.c -- building the template data tree.
 */
#include "value.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

static struct cf_value *
value_new(struct cf_arena *a, enum cf_vtype t)
{
	struct cf_value	*v = cf_arena_alloc(a, sizeof(*v));

	v->type = t;
	return v;
}

struct cf_value *
cf_value_null(struct cf_arena *a)
{
	return value_new(a, CF_V_NULL);
}

struct cf_value *
cf_value_bool(struct cf_arena *a, bool b)
{
	struct cf_value	*v = value_new(a, CF_V_BOOL);

	v->b = b;
	return v;
}

struct cf_value *
cf_value_str(struct cf_arena *a, const char *s)
{
	struct cf_value	*v;

	if (s == NULL)
		return cf_value_null(a);
	v = value_new(a, CF_V_STR);
	v->s = cf_arena_strdup(a, s);
	return v;
}

struct cf_value *
cf_value_strf(struct cf_arena *a, const char *fmt, ...)
{
	struct cf_buf	 b;
	struct cf_value	*v;
	va_list		 ap;

	cf_buf_init(&b);
	va_start(ap, fmt);
	cf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	v = cf_value_str(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return v;
}

struct cf_value *
cf_value_list(struct cf_arena *a)
{
	return value_new(a, CF_V_LIST);
}

struct cf_value *
cf_value_map(struct cf_arena *a)
{
	return value_new(a, CF_V_MAP);
}

/*
 * A map looks its keys up by their FNV-1a hash: a small one compares the
 * hashes one by one before any text, one of INDEXED keys or more (the
 * messages map `t` has hundreds, set and read for every document) has an
 * open-addressing table of twice its capacity too.
 */
#define INDEXED		16

static bool
key_is(const struct cf_value *map, size_t i, unsigned h, const char *key,
    size_t len)
{
	return map->hashes[i] == h && strncmp(map->keys[i], key, len) == 0 &&
	    map->keys[i][len] == '\0';
}

/* The index of key (len bytes, hash h) in map, or map->n. */
static size_t
key_index(const struct cf_value *map, const char *key, size_t len,
    unsigned h)
{
	size_t		 i, mask = 2 * map->cap - 1, s;

	if (map->index == NULL) {
		for (i = 0; i < map->n; i++)
			if (key_is(map, i, h, key, len))
				break;
		return i;
	}
	for (s = h & mask; map->index[s] != 0; s = (s + 1) & mask)
		if (key_is(map, map->index[s] - 1, h, key, len))
			return map->index[s] - 1;
	return map->n;
}

/* Item i of an indexed map into its table. */
static void
index_put(struct cf_value *map, size_t i)
{
	size_t	 mask = 2 * map->cap - 1, s;

	for (s = map->hashes[i] & mask; map->index[s] != 0;
	    s = (s + 1) & mask)
		;
	map->index[s] = (unsigned)(i + 1);
}

static void
value_reserve(struct cf_arena *a, struct cf_value *v)
{
	struct cf_value	**items;
	const char	**keys;
	unsigned	 *hashes;
	size_t		  cap, i;

	if (v->n < v->cap)
		return;
	cap = v->cap ? v->cap * 2 : 8;
	items = cf_arena_alloc(a, cap * sizeof(*items));
	if (v->n > 0)
		memcpy(items, v->items, v->n * sizeof(*items));
	v->items = items;
	if (v->type == CF_V_MAP) {
		keys = cf_arena_alloc(a, cap * sizeof(*keys));
		hashes = cf_arena_alloc(a, cap * sizeof(*hashes));
		if (v->n > 0) {
			memcpy(keys, v->keys, v->n * sizeof(*keys));
			memcpy(hashes, v->hashes, v->n * sizeof(*hashes));
		}
		v->keys = keys;
		v->hashes = hashes;
	}
	v->cap = cap;
	/* Capacities are powers of two, and so the table's size. */
	if (v->type == CF_V_MAP && cap >= INDEXED) {
		v->index = cf_arena_alloc(a, 2 * cap * sizeof(*v->index));
		for (i = 0; i < v->n; i++)
			index_put(v, i);
	}
}

struct cf_value *
cf_value_push(struct cf_arena *a, struct cf_value *list, struct cf_value *item)
{
	value_reserve(a, list);
	list->items[list->n++] = item;
	return item;
}

struct cf_value *
cf_value_set(struct cf_arena *a, struct cf_value *map, const char *key,
    struct cf_value *val)
{
	size_t	 len = strlen(key);
	unsigned h = cf_fnv1a(key, len);
	size_t	 i = key_index(map, key, len, h);

	if (i < map->n) {
		map->items[i] = val;
		return val;
	}
	value_reserve(a, map);
	map->keys[map->n] = cf_arena_strndup(a, key, len);
	map->hashes[map->n] = h;
	map->items[map->n] = val;
	if (map->index != NULL)
		index_put(map, map->n);
	map->n++;
	return val;
}

void
cf_value_set_str(struct cf_arena *a, struct cf_value *map, const char *key,
    const char *s)
{
	cf_value_set(a, map, key, cf_value_str(a, s));
}

void
cf_value_set_bool(struct cf_arena *a, struct cf_value *map, const char *key,
    bool b)
{
	cf_value_set(a, map, key, cf_value_bool(a, b));
}

const struct cf_value *
cf_value_geth(const struct cf_value *map, const char *key, size_t len,
    unsigned hash)
{
	size_t	 i;

	if (map == NULL || map->type != CF_V_MAP)
		return NULL;
	i = key_index(map, key, len, hash);
	return i < map->n ? map->items[i] : NULL;
}

const struct cf_value *
cf_value_getn(const struct cf_value *map, const char *key, size_t len)
{
	return cf_value_geth(map, key, len, cf_fnv1a(key, len));
}

const struct cf_value *
cf_value_get(const struct cf_value *map, const char *key)
{
	return cf_value_getn(map, key, strlen(key));
}
