/*
 * value.c -- building the template data tree.
 */
#include "value.h"

#include <stdarg.h>
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

static void
value_reserve(struct cf_arena *a, struct cf_value *v)
{
	struct cf_value	**items;
	const char	**keys;
	size_t		  cap;

	if (v->n < v->cap)
		return;
	cap = v->cap ? v->cap * 2 : 8;
	items = cf_arena_alloc(a, cap * sizeof(*items));
	if (v->n > 0)
		memcpy(items, v->items, v->n * sizeof(*items));
	v->items = items;
	if (v->type == CF_V_MAP) {
		keys = cf_arena_alloc(a, cap * sizeof(*keys));
		if (v->n > 0)
			memcpy(keys, v->keys, v->n * sizeof(*keys));
		v->keys = keys;
	}
	v->cap = cap;
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
	size_t	 i;

	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0) {
			map->items[i] = val;
			return val;
		}
	value_reserve(a, map);
	map->keys[map->n] = cf_arena_strdup(a, key);
	map->items[map->n++] = val;
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
cf_value_get(const struct cf_value *map, const char *key)
{
	size_t	 i;

	if (map == NULL || map->type != CF_V_MAP)
		return NULL;
	for (i = 0; i < map->n; i++)
		if (strcmp(map->keys[i], key) == 0)
			return map->items[i];
	return NULL;
}
