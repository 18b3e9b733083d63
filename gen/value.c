/*
 * value.c -- building the template data tree.
 */
#include "value.h"

#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

/* Zeroed by the assignment: inline stores, not a call to memset. */
static struct cf_value *
value_new(struct cf_arena *a, enum cf_vtype t)
{
	struct cf_value	*v = cf_arena_alloc_raw(a, sizeof(*v));

	*v = (struct cf_value){ .type = t };
	return v;
}

static struct cf_value	 null_value = { .type = CF_V_NULL };
static struct cf_value	 true_value = { .type = CF_V_BOOL, .b = true };
static struct cf_value	 false_value = { .type = CF_V_BOOL, .b = false };

struct cf_value *
cf_value_null(void)
{
	return &null_value;
}

struct cf_value *
cf_value_bool(bool b)
{
	return b ? &true_value : &false_value;
}

struct cf_value *
cf_value_ref(struct cf_arena *a, const char *s)
{
	struct cf_value	*v;

	if (s == NULL)
		return cf_value_null();
	v = value_new(a, CF_V_STR);
	v->s = s;
	return v;
}

struct cf_value *
cf_value_str(struct cf_arena *a, const char *s)
{
	return cf_value_ref(a, s != NULL ? cf_arena_strdup(a, s) : NULL);
}

struct cf_value *
cf_value_strf(struct cf_arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = cf_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return cf_value_ref(a, s);
}

struct cf_value *
cf_value_count(struct cf_arena *a, size_t n)
{
	char	 buf[CF_DECIMAL_SIZE];

	return cf_value_ref(a, cf_arena_strdup(a, cf_decimal(buf,
	    (long long)n)));
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
key_is(const struct cf_key *k, unsigned h, const char *key, size_t len)
{
	return k->hash == h && k->len == len && memcmp(k->s, key, len) == 0;
}

/* The index of key (len bytes, hash h) in map, or map->n. */
static size_t
key_index(const struct cf_value *map, const char *key, size_t len,
    unsigned h)
{
	size_t		 i, mask = 2 * map->cap - 1, s;

	if (map->index == NULL) {
		for (i = 0; i < map->n; i++)
			if (key_is(&map->keys[i], h, key, len))
				break;
		return i;
	}
	for (s = h & mask; map->index[s] != 0; s = (s + 1) & mask)
		if (key_is(&map->keys[map->index[s] - 1], h, key, len))
			return map->index[s] - 1;
	return map->n;
}

/* Item i of an indexed map into its table. */
static void
index_put(struct cf_value *map, size_t i)
{
	size_t	 mask = 2 * map->cap - 1, s;

	for (s = map->keys[i].hash & mask; map->index[s] != 0;
	    s = (s + 1) & mask)
		;
	map->index[s] = (unsigned)(i + 1);
}

/* Room for cap items (a power of two, and so the table's size). */
static void
value_grow(struct cf_arena *a, struct cf_value *v, size_t cap)
{
	struct cf_value	**items;
	struct cf_key	 *keys;
	size_t		  i;

	items = cf_arena_alloc_raw(a, cap * sizeof(*items));
	if (v->n > 0)
		memcpy(items, v->items, v->n * sizeof(*items));
	v->items = items;
	if (v->type == CF_V_MAP) {
		keys = cf_arena_alloc_raw(a, cap * sizeof(*keys));
		if (v->n > 0)
			memcpy(keys, v->keys, v->n * sizeof(*keys));
		v->keys = keys;
	}
	v->cap = cap;
	if (v->type == CF_V_MAP && cap >= INDEXED) {
		v->index = cf_arena_alloc(a, 2 * cap * sizeof(*v->index));
		for (i = 0; i < v->n; i++)
			index_put(v, i);
	}
}

struct cf_value *
cf_value_map_sized(struct cf_arena *a, size_t n)
{
	struct cf_value	*v = cf_value_map(a);
	size_t		 cap = 8;

	while (cap < n)
		cap *= 2;
	value_grow(a, v, cap);
	return v;
}

static void
value_reserve(struct cf_arena *a, struct cf_value *v)
{
	if (v->n == v->cap)
		value_grow(a, v, v->cap != 0 ? v->cap * 2 : 8);
}

struct cf_value *
cf_value_push(struct cf_arena *a, struct cf_value *list, struct cf_value *item)
{
	value_reserve(a, list);
	list->items[list->n++] = item;
	return item;
}

struct cf_value *
cf_value_seth(struct cf_arena *a, struct cf_value *map, const char *key,
    size_t len, unsigned h, struct cf_value *val)
{
	size_t	 i = key_index(map, key, len, h);

	if (i < map->n) {
		map->items[i] = val;
		return val;
	}
	value_reserve(a, map);
	map->keys[map->n].s = key;
	map->keys[map->n].len = len;
	map->keys[map->n].hash = h;
	map->items[map->n] = val;
	if (map->index != NULL)
		index_put(map, map->n);
	map->n++;
	return val;
}

const struct cf_value *
cf_value_geth(const struct cf_value *map, const char *key, size_t len,
    unsigned hash, size_t *slot)
{
	size_t	 i;

	if (map == NULL || map->type != CF_V_MAP)
		return NULL;
	/* A map's keys are unique: the key at slot is the one. */
	if (*slot < map->n && key_is(&map->keys[*slot], hash, key, len))
		return map->items[*slot];
	if ((i = key_index(map, key, len, hash)) == map->n)
		return NULL;
	*slot = i;
	return map->items[i];
}

const struct cf_value *
cf_value_getn(const struct cf_value *map, const char *key, size_t len)
{
	size_t	 slot = 0;

	return cf_value_geth(map, key, len, cf_value_hash(key, len), &slot);
}

const struct cf_value *
cf_value_get(const struct cf_value *map, const char *key)
{
	return cf_value_getn(map, key, strlen(key));
}
