/*
 * locale.c -- message catalogues: loading, checking, looking up.
 *
 * Every file is checked like any input (unknown keys and message names at
 * their line, placeholders the English message does not have, plural
 * forms CLDR does not know), so a translator learns of a typo at once
 * rather than finding an English word in a German PDF.
 */
#include "locale.h"

#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "diag.h"
#include "templates.h"
#include "yamlread.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_TRANSLATION

#define SCHEMA		"cfgen/locale/1"
#define NFORMS		6

static const char *const form_names[NFORMS] = {
	"zero", "one", "two", "few", "many", "other"
};
enum { F_ZERO, F_ONE, F_TWO, F_FEW, F_MANY, F_OTHER };

/* CLDR's cardinal rules for integers, by the families languages share. */
static const char *const plural_names[] = {
	"one",		/* n = 1: en, de, nl, sv, it, es, pt-PT, ... */
	"zero_one",	/* n = 0 or 1: fr, pt-BR */
	"none",		/* no plural: ja, zh, ko, vi */
	"slavic",	/* ru, uk, be, sr, hr, bs */
	"polish",	/* pl */
	"czech",	/* cs, sk */
	NULL
};
enum plural { P_ONE, P_ZERO_ONE, P_NONE, P_SLAVIC, P_POLISH, P_CZECH };

struct msg {
	const char	*name;
	const char	*forms[NFORMS];	/* [F_OTHER] always set */
	bool		 own;		/* set by the language's own files */
};

/* "de " before a value that starts with a vowel is written "d’". */
struct elision {
	const char	*word;		/* "de" */
	const char	*with;		/* "d’" */
};

struct cf_locale {
	struct cf_arena	 arena;
	const char	*tag;
	enum plural	 plural;
	const char	*date;		/* "{day} {month} {year}" */
	const char	*first_day;	/* {day} on the 1st: "1er"; or NULL */
	const char	*months[12];
	struct elision	*elisions;	/* none: NULL */
	size_t		 nelisions;
	const char	**before;	/* prefixes of values that elide */
	size_t		 nbefore;
	struct msg	*msgs;		/* English's names, English's order */
	size_t		 n;
	/*
	 * English's names by their FNV-1a hash, slots of msgs index + 1
	 * (every language shares English's): a document looks up hundreds.
	 */
	const unsigned	*index;
	size_t		 mask;
	size_t		 missing;
};

bool
cf_lang_tag_ok(const char *s)
{
	size_t	 i, n;

	for (n = 0; isalpha((unsigned char)s[n]); n++)
		;
	if (n < 2 || n > 3)
		return false;
	while (s[n] == '-') {
		s += n + 1;
		for (n = 0; isalnum((unsigned char)s[n]); n++)
			;
		if (n < 2 || n > 8)
			return false;
		for (i = 0; i < n; i++)
			if (!isalnum((unsigned char)s[i]))
				return false;
	}
	return s[n] == '\0';
}

/* "PT-br" -> "pt-BR", "zh-hant" -> "zh-Hant": the case BCP 47 suggests. */
static char *
tag_normal(const char *s)
{
	char	*t = cf_xstrdup(s), *p;
	size_t	 part = 0, n;

	for (p = t; *p != '\0'; part++) {
		n = strcspn(p, "-");
		for (size_t i = 0; i < n; i++) {
			if (part == 0 || n != 2)
				p[i] = (char)tolower((unsigned char)p[i]);
			else
				p[i] = (char)toupper((unsigned char)p[i]);
		}
		if (part > 0 && n == 4)
			p[0] = (char)toupper((unsigned char)p[0]);
		p += n;
		if (*p == '-')
			p++;
	}
	return t;
}

static int
msg_cmp(const void *a, const void *b)
{
	return strcmp(((const struct msg *)a)->name,
	    ((const struct msg *)b)->name);
}

static struct msg *
find(const struct cf_locale *l, const char *name)
{
	size_t	 s;

	if (l == NULL || l->msgs == NULL)
		return NULL;
	for (s = cf_fnv1a(name, strlen(name)) & l->mask; l->index[s] != 0;
	    s = (s + 1) & l->mask)
		if (strcmp(l->msgs[l->index[s] - 1].name, name) == 0)
			return &l->msgs[l->index[s] - 1];
	return NULL;
}

/* English's names into the index, a table of at least twice as many. */
static void
index_names(struct cf_locale *l)
{
	unsigned	*index;
	size_t		 size = 16, i, s;

	while (size < 2 * l->n)
		size *= 2;
	index = cf_arena_alloc(&l->arena, size * sizeof(*index));
	l->mask = size - 1;
	for (i = 0; i < l->n; i++) {
		for (s = cf_fnv1a(l->msgs[i].name, strlen(l->msgs[i].name)) &
		    l->mask; index[s] != 0; s = (s + 1) & l->mask)
			;
		index[s] = (unsigned)(i + 1);
	}
	l->index = index;
}

/* Is {name} a placeholder of any form of English's message? */
static bool
has_placeholder(const struct msg *ref, const char *name, size_t len)
{
	const char	*p;
	size_t		 i;

	for (i = 0; i < NFORMS; i++)
		for (p = ref->forms[i]; p != NULL &&
		    (p = strchr(p, '{')) != NULL; p++)
			if (strncmp(p + 1, name, len) == 0 &&
			    p[1 + len] == '}')
				return true;
	return false;
}

/* The placeholders of a text: {lowercase_name}; other braces are text. */
static size_t
placeholder(const char *p, const char **name)
{
	size_t	 n = 0;

	if (*p != '{')
		return 0;
	while (islower((unsigned char)p[1 + n]) || p[1 + n] == '_' ||
	    isdigit((unsigned char)p[1 + n]))
		n++;
	if (n == 0 || p[1 + n] != '}')
		return 0;
	*name = p + 1;
	return n;
}

struct loading {
	struct cf_locale	*l;
	const struct cf_locale	*ref;	/* English; NULL: loading English */
	const char		*path;
	const char		*lang;	/* what the file must say it is */
	bool			 failed;
};

static void
bad(struct loading *ld, const struct cf_ynode *n, const char *fmt,
    const char *arg)
{
	cf_diag(CF_ERROR, ld->path, n->pos.line, n->pos.col, fmt, arg);
	ld->failed = true;
}

static const char *
text_of(struct loading *ld, const struct cf_ynode *n, const char *what)
{
	if (n->type != CF_Y_SCALAR) {
		bad(ld, n, "%s must be text", what);
		return NULL;
	}
	return n->value;
}

/* Placeholders English does not have would print as written. */
static void
check_text(struct loading *ld, const struct cf_ynode *n, const struct msg *ref)
{
	const char	*p, *name;
	size_t		 len;
	char		 buf[64];

	if (ref == NULL)
		return;
	for (p = n->value; *p != '\0'; p++) {
		if ((len = placeholder(p, &name)) == 0 ||
		    has_placeholder(ref, name, len))
			continue;
		snprintf(buf, sizeof(buf), "%.*s", (int)(len < 40 ? len : 40),
		    name);
		cf_diag(CF_ERROR, ld->path, n->pos.line, n->pos.col,
		    "message '%s' has no placeholder {%s} (see the English "
		    "message)", ref->name, buf);
		ld->failed = true;
	}
}

static void
set_message(struct loading *ld, struct msg *m, const struct msg *ref,
    const struct cf_ynode *v)
{
	const char	*forms[NFORMS] = { NULL };
	size_t		 i, f;

	if (v->type == CF_Y_SCALAR) {
		check_text(ld, v, ref);
		forms[F_OTHER] = v->value;
	} else if (v->type == CF_Y_MAP) {
		for (i = 0; i < v->n; i++) {
			for (f = 0; f < NFORMS; f++)
				if (strcmp(v->keys[i]->value,
				    form_names[f]) == 0)
					break;
			if (f == NFORMS) {
				bad(ld, v->keys[i], "unknown plural form '%s' "
				    "(expected zero, one, two, few, many or "
				    "other)", v->keys[i]->value);
				continue;
			}
			if (text_of(ld, v->items[i], "a plural form") == NULL)
				continue;
			check_text(ld, v->items[i], ref);
			forms[f] = v->items[i]->value;
		}
		if (forms[F_OTHER] == NULL) {
			bad(ld, v, "message '%s' has plural forms but no "
			    "'other'", m->name);
			return;
		}
	} else {
		bad(ld, v, "message '%s' must be text or a map of plural "
		    "forms", m->name);
		return;
	}
	for (f = 0; f < NFORMS; f++)
		m->forms[f] = forms[f] != NULL ?
		    cf_arena_strdup(&ld->l->arena, forms[f]) : NULL;
	m->own = true;
}

static void
read_messages(struct loading *ld, const struct cf_ynode *map)
{
	struct cf_locale	*l = ld->l;
	struct msg		*m;
	size_t			 i;

	if (map->type != CF_Y_MAP) {
		bad(ld, map, "%s must be a map of message names to texts",
		    "messages");
		return;
	}
	if (ld->ref == NULL) {	/* English defines the names */
		l->msgs = cf_arena_alloc(&l->arena, (map->n + 1) *
		    sizeof(*l->msgs));
		for (i = 0; i < map->n; i++) {
			m = &l->msgs[l->n++];
			m->name = cf_arena_strdup(&l->arena,
			    map->keys[i]->value);
			set_message(ld, m, NULL, map->items[i]);
		}
		qsort(l->msgs, l->n, sizeof(*l->msgs), msg_cmp);
		index_names(l);
		return;
	}
	for (i = 0; i < map->n; i++) {
		if ((m = find(l, map->keys[i]->value)) == NULL) {
			bad(ld, map->keys[i], "unknown message '%s' (the "
			    "names are those of locale/en.yaml)",
			    map->keys[i]->value);
			continue;
		}
		set_message(ld, m, find(ld->ref, m->name), map->items[i]);
	}
}

static void
read_months(struct loading *ld, const struct cf_ynode *v)
{
	size_t	 i;

	if (v->type != CF_Y_SEQ || v->n != 12) {
		bad(ld, v, "%s must be a list of the twelve month names",
		    "months");
		return;
	}
	for (i = 0; i < 12; i++)
		if (text_of(ld, v->items[i], "a month name") != NULL)
			ld->l->months[i] = cf_arena_strdup(&ld->l->arena,
			    v->items[i]->value);
}

static void
read_date(struct loading *ld, const struct cf_ynode *v)
{
	static const char *const names[] = { "day", "dd", "month", "mm",
	    "year", "iso", NULL };
	const char	*p, *name;
	size_t		 len, i;

	if (text_of(ld, v, "date") == NULL)
		return;
	for (p = v->value; *p != '\0'; p++) {
		if ((len = placeholder(p, &name)) == 0)
			continue;
		for (i = 0; names[i] != NULL; i++)
			if (strlen(names[i]) == len &&
			    strncmp(names[i], name, len) == 0)
				break;
		if (names[i] == NULL)
			bad(ld, v, "date: unknown placeholder in '%s' "
			    "(expected {day}, {dd}, {month}, {mm}, {year} "
			    "or {iso})", v->value);
	}
	ld->l->date = cf_arena_strdup(&ld->l->arena, v->value);
}

static void
read_plural(struct loading *ld, const struct cf_ynode *v)
{
	size_t	 i;

	if (text_of(ld, v, "plural") == NULL)
		return;
	for (i = 0; plural_names[i] != NULL; i++)
		if (strcmp(plural_names[i], v->value) == 0) {
			ld->l->plural = (enum plural)i;
			return;
		}
	bad(ld, v, "unknown plural rule '%s' (expected one, zero_one, none, "
	    "slavic, polish or czech)", v->value);
}

/*
 * elision: {before: [a, e, ...], words: {de: "d’", ...}}.  A file that
 * has it replaces the whole rule, so an override can also take a word
 * or a prefix away.
 */
static void
read_elision(struct loading *ld, const struct cf_ynode *v)
{
	struct cf_locale	*l = ld->l;
	const struct cf_ynode	*before = NULL, *words = NULL, *k;
	size_t			 i;

	if (v->type != CF_Y_MAP) {
		bad(ld, v, "%s must be a map with 'before' and 'words'",
		    "elision");
		return;
	}
	for (i = 0; i < v->n; i++) {
		if (strcmp(v->keys[i]->value, "before") == 0)
			before = v->items[i];
		else if (strcmp(v->keys[i]->value, "words") == 0)
			words = v->items[i];
		else
			bad(ld, v->keys[i], "elision: unknown key '%s' "
			    "(expected before or words)", v->keys[i]->value);
	}
	if (before == NULL || words == NULL) {
		bad(ld, v, "%s needs both 'before' and 'words'", "elision");
		return;
	}
	if (before->type != CF_Y_SEQ) {
		bad(ld, before, "%s must be a list of the letters (or word "
		    "beginnings) that elide a word before them",
		    "elision: before");
		return;
	}
	if (words->type != CF_Y_MAP) {
		bad(ld, words, "%s must map each word to its elided form",
		    "elision: words");
		return;
	}
	l->before = cf_arena_alloc(&l->arena, (before->n + 1) *
	    sizeof(*l->before));
	l->nbefore = 0;
	for (i = 0; i < before->n; i++) {
		if (text_of(ld, before->items[i], "an elision prefix") ==
		    NULL)
			continue;
		if (*before->items[i]->value == '\0') {
			bad(ld, before->items[i], "%s: an empty prefix would "
			    "elide before every value", "elision: before");
			continue;
		}
		l->before[l->nbefore++] = cf_arena_strdup(&l->arena,
		    before->items[i]->value);
	}
	l->elisions = cf_arena_alloc(&l->arena, (words->n + 1) *
	    sizeof(*l->elisions));
	l->nelisions = 0;
	for (i = 0; i < words->n; i++) {
		k = words->keys[i];
		if (*k->value == '\0' || strpbrk(k->value, " \t{}") != NULL) {
			bad(ld, k, "elision: '%s' is not one word", k->value);
			continue;
		}
		if (text_of(ld, words->items[i], "an elided form") == NULL)
			continue;
		l->elisions[l->nelisions].word = cf_arena_strdup(&l->arena,
		    k->value);
		l->elisions[l->nelisions++].with = cf_arena_strdup(
		    &l->arena, words->items[i]->value);
	}
}

static void
read_file(struct loading *ld, const struct cf_ydoc *doc)
{
	const struct cf_ynode	*root = doc->root, *k, *v;
	size_t			 i;
	bool			 schema = false;

	if (root == NULL || root->type != CF_Y_MAP) {
		cf_diag(CF_ERROR, ld->path, root != NULL ? root->pos.line : 0,
		    root != NULL ? root->pos.col : 0, "a message catalogue "
		    "is a map (schema: %s)", SCHEMA);
		ld->failed = true;
		return;
	}
	for (i = 0; i < root->n; i++) {
		k = root->keys[i];
		v = root->items[i];
		if (strcmp(k->value, "schema") == 0) {
			schema = true;
			if (text_of(ld, v, "schema") != NULL &&
			    strcmp(v->value, SCHEMA) != 0)
				bad(ld, v, "schema must be " SCHEMA
				    ", not '%s'", v->value);
		} else if (strcmp(k->value, "lang") == 0) {
			if (text_of(ld, v, "lang") != NULL &&
			    strcasecmp(v->value, ld->lang) != 0)
				bad(ld, v, "lang '%s' does not match the "
				    "file's name", v->value);
		} else if (strcmp(k->value, "name") == 0)
			(void)text_of(ld, v, "name");
		else if (strcmp(k->value, "plural") == 0)
			read_plural(ld, v);
		else if (strcmp(k->value, "date") == 0)
			read_date(ld, v);
		else if (strcmp(k->value, "first_day") == 0) {
			if (text_of(ld, v, "first_day") != NULL)
				ld->l->first_day = cf_arena_strdup(
				    &ld->l->arena, v->value);
		} else if (strcmp(k->value, "months") == 0)
			read_months(ld, v);
		else if (strcmp(k->value, "elision") == 0)
			read_elision(ld, v);
		else if (strcmp(k->value, "messages") == 0)
			read_messages(ld, v);
		else
			bad(ld, k, "unknown key '%s' (expected schema, lang, "
			    "name, plural, date, first_day, months, "
			    "elision or messages)", k->value);
	}
	if (!schema) {
		cf_diag(CF_ERROR, ld->path, root->pos.line, root->pos.col,
		    "missing schema: %s", SCHEMA);
		ld->failed = true;
	}
}

static const struct cf_template_file *
builtin(const char *lang)
{
	const struct cf_template_file	*t;
	char				 name[64];

	snprintf(name, sizeof(name), "locale/%s.yaml", lang);
	for (t = cf_builtin_templates; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

/* Reads one file of lang over l: 1 read, 0 none there, -1 failed. */
static int
layer(struct cf_locale *l, const struct cf_locale *ref, const char *lang,
    const char *dir)
{
	const struct cf_template_file	*t = NULL;
	struct cf_arena			 a;
	struct cf_ydoc			*doc;
	struct loading			 ld;
	struct stat			 st;
	char				 path[4096];

	if (dir == NULL) {
		if ((t = builtin(lang)) == NULL)
			return 0;
		snprintf(path, sizeof(path), "<built-in>/locale/%s.yaml",
		    lang);
	} else {
		snprintf(path, sizeof(path), "%s/locale/%s.yaml", dir, lang);
		if (stat(path, &st) != 0) {
			if (errno == ENOENT || errno == ENOTDIR)
				return 0;
			cf_diag_errno(path, "cannot read message catalogue");
			return -1;
		}
	}
	cf_arena_init(&a);
	doc = t != NULL ? cf_yaml_parse(path, t->data, t->len, &a) :
	    cf_yaml_read(path, &a);
	memset(&ld, 0, sizeof(ld));
	ld.l = l;
	ld.ref = ref;
	ld.path = path;
	ld.lang = lang;
	if (doc == NULL)
		ld.failed = true;
	else
		read_file(&ld, doc);
	cf_arena_free(&a);
	return ld.failed ? -1 : 1;
}

/* A copy of English's names and texts to lay a language over. */
static struct cf_locale *
copy_of(const struct cf_locale *en)
{
	struct cf_locale	*l = cf_xcalloc(1, sizeof(*l));
	size_t			 i;

	cf_arena_init(&l->arena);
	l->plural = en->plural;
	l->date = en->date;
	memcpy(l->months, en->months, sizeof(l->months));
	l->n = en->n;
	l->index = en->index;	/* English outlives every language */
	l->mask = en->mask;
	l->msgs = cf_arena_alloc(&l->arena, (en->n + 1) * sizeof(*l->msgs));
	memcpy(l->msgs, en->msgs, en->n * sizeof(*l->msgs));
	for (i = 0; i < l->n; i++)
		l->msgs[i].own = false;
	return l;
}

static struct cf_locale	*english;
static pthread_once_t	 english_once = PTHREAD_ONCE_INIT;

static void
load_english(void)
{
	struct cf_locale	*l = cf_xcalloc(1, sizeof(*l));
	size_t			 i;

	cf_arena_init(&l->arena);
	l->tag = "en";
	if (layer(l, NULL, "en", NULL) != 1 || l->date == NULL) {
		cf_arena_free(&l->arena);
		free(l);
		return;
	}
	for (i = 0; i < 12; i++)
		if (l->months[i] == NULL)
			l->months[i] = "";
	english = l;
}

const struct cf_locale *
cf_locale_english(void)
{
	pthread_once(&english_once, load_english);
	return english;
}

struct cf_locale *
cf_locale_load(const char *lang, const char *dir)
{
	struct cf_pos	 none = { 0, 0 };

	return cf_locale_load_at(lang, dir, NULL, none);
}

struct cf_locale *
cf_locale_load_at(const char *lang, const char *dir, const char *file,
    struct cf_pos pos)
{
	const struct cf_locale	*en = cf_locale_english();
	struct cf_locale	*l;
	char			*tag, *primary = NULL, *p;
	const char		*used, *where;
	int			 a, b = 0, c = 0, d = 0;
	size_t			 i;

	if (en == NULL) {
		cf_diag(CF_ERROR, "<built-in>/locale/en.yaml", 0, 0,
		    "the built-in English messages cannot be read");
		return NULL;
	}
	tag = tag_normal(lang);
	l = copy_of(en);
	/* English over English: -t DIR/locale/en.yaml replaces words. */
	used = tag;
	a = strcmp(tag, "en") == 0 ? 1 : layer(l, en, tag, NULL);
	if (a >= 0)
		b = layer(l, en, tag, dir);
	if (a == 0 && b == 0 && (p = strchr(tag, '-')) != NULL) {
		primary = cf_xstrdup(tag);
		primary[p - tag] = '\0';
		used = primary;
		if ((c = layer(l, en, primary, NULL)) >= 0)
			d = layer(l, en, primary, dir);
	}
	if (a < 0 || b < 0 || c < 0 || d < 0) {
		free(tag);
		free(primary);
		cf_locale_free(l);
		return NULL;
	}
	if (a == 0 && b == 0 && c == 0 && d == 0) {
		cf_diag(CF_WARNING, file, pos.line, pos.col, "unknown "
		    "language '%s': no messages for it (built in: en, de, "
		    "fr; add DIR/locale/%s.yaml and use -t DIR); writing "
		    "English", tag, tag);
		l->tag = "en";
		for (i = 0; i < l->n; i++)
			l->msgs[i].own = true;
		free(tag);
		free(primary);
		return l;
	}
	l->tag = cf_arena_strdup(&l->arena, tag);
	if (strcmp(tag, "en") != 0) {
		where = b > 0 || d > 0 ? dir : "<built-in>";
		for (i = 0; i < l->n; i++)
			if (!l->msgs[i].own) {
				l->missing++;
				cf_diag(CF_WARNING, NULL, 0, 0, "%s/locale/%s"
				    ".yaml: message '%s' is missing; using "
				    "English", where, used, l->msgs[i].name);
			}
	}
	free(tag);
	free(primary);
	return l;
}

void
cf_locale_free(struct cf_locale *l)
{
	if (l == NULL)
		return;
	cf_arena_free(&l->arena);
	free(l);
}

const char *
cf_locale_tag(const struct cf_locale *l)
{
	return l != NULL ? l->tag : "en";
}

/* What every lookup falls back to; empty only if en.yaml is broken. */
static const struct cf_locale *
or_english(const struct cf_locale *l)
{
	static struct cf_locale	 none = { .tag = "en", .date = "{iso}" };

	if (l == NULL)
		l = cf_locale_english();
	return l != NULL ? l : &none;
}

const char *
cf_msg(const struct cf_locale *l, const char *name)
{
	const struct msg	*m = find(or_english(l), name);

	return m != NULL ? m->forms[F_OTHER] : name;
}

static int
plural_form(enum plural p, long n)
{
	long	 m10 = n % 10, m100 = n % 100;

	if (n < 0)
		n = -n;
	switch (p) {
	case P_ONE:
		return n == 1 ? F_ONE : F_OTHER;
	case P_ZERO_ONE:
		return n == 0 || n == 1 ? F_ONE : F_OTHER;
	case P_NONE:
		return F_OTHER;
	case P_SLAVIC:
		if (m10 == 1 && m100 != 11)
			return F_ONE;
		if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
			return F_FEW;
		return F_MANY;
	case P_POLISH:
		if (n == 1)
			return F_ONE;
		if (m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14))
			return F_FEW;
		return F_MANY;
	default:	/* P_CZECH */
		return n == 1 ? F_ONE : n >= 2 && n <= 4 ? F_FEW : F_OTHER;
	}
}

const char *
cf_msgf(struct cf_arena *a, const struct cf_locale *l, const char *name,
    long n, const char *const *params)
{
	const struct msg	*m;
	const char		*text, *p, *pn, *value, *with = "";
	const char *const	*q;
	struct cf_buf		 out;
	size_t			 len, cut, words = 0;	/* since a value */
	int			 f;

	l = or_english(l);
	if ((m = find(l, name)) == NULL)
		return name;
	f = plural_form(l->plural, n);
	text = m->forms[f] != NULL ? m->forms[f] : m->forms[F_OTHER];
	/* Most messages have nothing to fill: the locale's text will do. */
	if (strchr(text, '{') == NULL)
		return text;
	cf_buf_init(&out);
	for (p = text; *p != '\0'; p++) {
		if ((len = placeholder(p, &pn)) == 0) {
			/* Up to the next brace: every document fills
			   hundreds of messages. */
			len = strcspn(p + 1, "{") + 1;
			cf_buf_put(&out, p, len);
			p += len - 1;
			continue;
		}
		if (len == 1 && *pn == 'n') {
			cf_buf_printf(&out, "%ld", n);
			words = out.len;
			p += len + 1;
			continue;
		}
		for (q = params; q != NULL && q[0] != NULL; q += 2)
			if (strlen(q[0]) == len && strncmp(q[0], pn, len) == 0)
				break;
		if (q == NULL || q[0] == NULL) {
			cf_buf_putc(&out, *p);	/* not known here: as is */
			continue;
		}
		value = q[1] != NULL ? q[1] : "";
		if (out.len > words && (cut = cf_locale_elide(l, out.data +
		    words, out.len - words, q[0], value, &with)) > 0) {
			out.len -= cut;
			out.data[out.len] = '\0';
			cf_buf_puts(&out, with);
		}
		cf_buf_puts(&out, value);
		words = out.len;
		p += len + 1;
	}
	text = cf_arena_strndup(a, out.data != NULL ? out.data : "", out.len);
	cf_buf_free(&out);
	return text;
}

const char *
cf_msg_form(const struct cf_locale *l, const char *name, long n)
{
	const struct msg	*m;
	int			 f;

	l = or_english(l);
	if ((m = find(l, name)) == NULL)
		return name;
	f = plural_form(l->plural, n);
	return m->forms[f] != NULL ? m->forms[f] : m->forms[F_OTHER];
}

size_t
cf_msg_placeholder(const char *p, const char **name)
{
	return placeholder(p, name);
}

/* A letter of a word: ASCII or any byte of a UTF-8 sequence. */
static bool
word_byte(char c)
{
	return isalnum((unsigned char)c) || (unsigned char)c >= 0x80;
}

/* {code}, {category_code}, {class_id}: codes, not words ("de A à Z"). */
static bool
code_placeholder(const char *name)
{
	size_t	 n = strlen(name);

	return strcmp(name, "code") == 0 || (n > 5 &&
	    strcmp(name + n - 5, "_code") == 0) || (n > 3 &&
	    strcmp(name + n - 3, "_id") == 0);
}

size_t
cf_locale_elide(const struct cf_locale *l, const char *text, size_t len,
    const char *name, const char *value, const char **with)
{
	const struct elision	*e;
	size_t			 i, wl;

	l = or_english(l);
	if (len < 2 || text[len - 1] != ' ' || code_placeholder(name))
		return 0;
	for (i = 0; i < l->nbefore; i++)
		if (strncmp(value, l->before[i], strlen(l->before[i])) == 0)
			break;
	if (i == l->nbefore)
		return 0;
	for (i = 0; i < l->nelisions; i++) {
		e = &l->elisions[i];
		wl = strlen(e->word);
		if (wl + 1 > len || memcmp(text + len - 1 - wl, e->word, wl)
		    != 0 || (len - 1 - wl > 0 && word_byte(text[len - 2 -
		    wl])))
			continue;
		*with = e->with;
		return wl + 1;
	}
	return 0;
}

const char *
cf_locale_date(struct cf_arena *a, const struct cf_locale *l,
    const struct cf_date *d)
{
	char	 day[8], dd[8], mm[8], year[8], iso[16];
	const char *params[] = { "day", day, "dd", dd, "month", NULL,
	    "mm", mm, "year", year, "iso", iso, NULL };
	const char	*p, *pn;
	struct cf_buf	 out;
	size_t		 len, i;

	if (d->year == 0)
		return NULL;
	l = or_english(l);
	snprintf(day, sizeof(day), "%d", d->day % 100);
	snprintf(dd, sizeof(dd), "%02d", d->day % 100);
	snprintf(mm, sizeof(mm), "%02d", d->month % 100);
	snprintf(year, sizeof(year), "%04d", d->year % 10000);
	cf_date_str(d, iso);
	if (d->day == 1 && l->first_day != NULL)
		params[1] = l->first_day;
	params[5] = d->month >= 1 && d->month <= 12 ?
	    l->months[d->month - 1] : mm;
	cf_buf_init(&out);
	for (p = l->date; *p != '\0'; p++) {
		if ((len = placeholder(p, &pn)) == 0) {
			cf_buf_putc(&out, *p);
			continue;
		}
		for (i = 0; params[i] != NULL; i += 2)
			if (strlen(params[i]) == len &&
			    strncmp(params[i], pn, len) == 0)
				break;
		if (params[i] == NULL) {
			cf_buf_putc(&out, *p);
			continue;
		}
		cf_buf_puts(&out, params[i + 1]);
		p += len + 1;
	}
	p = cf_arena_strdup(a, out.data != NULL ? out.data : "");
	cf_buf_free(&out);
	return p;
}

const char *
cf_locale_time(struct cf_arena *a, const struct cf_locale *l,
    long long epoch)
{
	struct cf_date	 d;
	struct tm	 tm;
	time_t		 t = (time_t)epoch;

	if (gmtime_r(&t, &tm) == NULL || tm.tm_year + 1900 < 1 ||
	    tm.tm_year + 1900 > 9999)
		return "";
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return cf_locale_date(a, l, &d);
}

const char *
cf_locale_scope_label(struct cf_arena *a, const struct cf_locale *l,
    const struct cf_catalogue *cat, const struct cf_requirement *req,
    enum cf_scope sc, size_t category_idx)
{
	switch (sc) {
	case CF_SCOPE_APPLIES:
		if (category_idx != req->category_idx &&
		    category_idx < cat->ncategories)
			return cf_msgf(a, l, "scope_applicable_as", -1,
			    (const char *const[]){ "code",
			    cat->categories[category_idx].code, NULL });
		return cf_msg(l, "scope_applicable");
	case CF_SCOPE_INACTIVE:
		return cf_msg(l, req->status == CF_STATUS_RESERVED ?
		    "status_reserved" : "status_withdrawn");
	case CF_SCOPE_CONDITION:
		return cf_msg(l, "scope_condition");
	case CF_SCOPE_CLASS:
	case CF_SCOPE_MARKET:
		break;
	}
	return cf_msg(l, "scope_outside");
}

const char *
cf_locale_class_label(struct cf_arena *a, const struct cf_locale *l,
    const struct cf_requirement *r)
{
	struct cf_buf	 b;
	const char	*s, *params[] = { "class", NULL, NULL };
	char		 num[CF_DECIMAL_SIZE];
	size_t		 i;

	if (!r->has_levels) {
		params[1] = cf_decimal(num, r->class_id);
		return cf_msgf(a, l, "class_and_above", -1, params);
	}
	if (r->nlevels == 0)
		return cf_msg(l, "class_none");
	cf_buf_init(&b);
	for (i = 0; i < r->nlevels; i++) {
		if (i > 0)
			cf_buf_puts(&b, ", ");
		cf_buf_puts(&b, cf_decimal(num, r->levels[i]));
	}
	s = cf_arena_strdup(a, b.data);
	cf_buf_free(&b);
	return s;
}

size_t
cf_locale_count(const struct cf_locale *l)
{
	return or_english(l)->n;
}

const char *
cf_locale_name(const struct cf_locale *l, size_t i)
{
	l = or_english(l);
	return i < l->n ? l->msgs[i].name : NULL;
}

size_t
cf_locale_missing(const struct cf_locale *l)
{
	return l != NULL ? l->missing : 0;
}
