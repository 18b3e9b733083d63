/*
 * translate.c -- catalogue translations: loading, checking, applying.
 */
#include "translate.h"

#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"
#include "hash.h"
#include "locale.h"
#include "richtext.h"
#include "yamlread.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_TRANSLATION

#define SCHEMA	"cfgen/translation/1"

char *
cf_translation_path(const char *catalogue_path, const char *lang)
{
	struct cf_buf	 b;
	size_t		 n = strlen(catalogue_path);

	if (n > 5 && strcmp(catalogue_path + n - 5, ".yaml") == 0)
		n -= 5;
	else if (n > 4 && strcmp(catalogue_path + n - 4, ".yml") == 0)
		n -= 4;
	cf_buf_init(&b);
	cf_buf_printf(&b, "%.*s.%s.yaml", (int)n, catalogue_path, lang);
	return cf_buf_detach(&b);
}

bool
cf_translation_name(const char *path)
{
	const char	*base = strrchr(path, '/'), *end, *dot;
	char		 tag[64];

	base = base != NULL ? base + 1 : path;
	end = base + strlen(base);
	if (end - base > 5 && strcmp(end - 5, ".yaml") == 0)
		end -= 5;
	else
		return false;
	for (dot = end; dot > base && dot[-1] != '.'; dot--)
		;
	if (dot == base || (size_t)(end - dot) >= sizeof(tag) ||
	    !isalpha((unsigned char)*dot))
		return false;
	memcpy(tag, dot, (size_t)(end - dot));
	tag[end - dot] = '\0';
	return cf_lang_tag_ok(tag);
}

struct tl {
	struct cf_translation	*tr;
	struct cf_catalogue	*cat;
	const char		*path;
	size_t			 cap;
	bool			 failed;
};

static void
err(struct tl *t, const struct cf_ynode *n, const char *fmt, const char *a,
    const char *b)
{
	cf_diag(CF_ERROR, t->path, n->pos.line, n->pos.col, fmt, a, b);
	t->failed = true;
}

static const char *
kind_of(const struct cf_ynode *n)
{
	return n->type == CF_Y_MAP ? "a mapping" : n->type == CF_Y_SEQ ?
	    "a list" : "text";
}

/* One field: md fields are bounded as in the catalogue. */
static void
add(struct tl *t, const struct cf_ynode *n, const char *key,
    const char **field, bool md)
{
	struct cf_translation	*tr = t->tr;
	size_t			 depth;

	if (n->bad)
		return;
	if (n->type != CF_Y_SCALAR) {
		err(t, n, "'%s' must be text, not %s", key, kind_of(n));
		return;
	}
	if (*field == NULL) {
		err(t, n, "'%s': the release has no such text to translate%s",
		    key, "");
		return;
	}
	if (n->value[0] == '\0') {
		err(t, n, "'%s' must not be empty (leave it out to keep the "
		    "original%s)", key, "");
		return;
	}
	if (md && (depth = cf_rich_depth(n->value)) > CF_RICH_MAX_DEPTH) {
		cf_diag(CF_ERROR, t->path, n->pos.line, n->pos.col, "'%s' "
		    "nests %zu levels deep (lists, quotes, emphasis, links); "
		    "at most %d are allowed", key, depth, CF_RICH_MAX_DEPTH);
		t->failed = true;
		return;
	}
	if (tr->ntexts == t->cap) {
		t->cap = t->cap == 0 ? 64 : t->cap * 2;
		tr->texts = cf_xrealloc(tr->texts, t->cap *
		    sizeof(*tr->texts));
	}
	tr->texts[tr->ntexts].field = field;
	tr->texts[tr->ntexts].text = cf_arena_strdup(&tr->arena, n->value);
	tr->ntexts++;
}

struct field {
	const char	*key;
	size_t		 off;	/* of the const char * in the struct */
	bool		 md;
};

/* An entry's keys: each a field of the struct it translates. */
static void
entry(struct tl *t, const struct cf_ynode *n, const char *what,
    const char *id, void *obj, const struct field *fields)
{
	const struct field	*f;
	size_t			 i;
	char			 expected[160];

	if (n->bad)
		return;
	if (n->type != CF_Y_MAP) {
		err(t, n, "%s '%s' must be a mapping of texts", what, id);
		return;
	}
	expected[0] = '\0';
	for (f = fields; f->key != NULL; f++) {
		strcat(expected, f == fields ? "" : f[1].key == NULL ?
		    " or " : ", ");
		strcat(expected, f->key);
	}
	for (i = 0; i < n->n; i++) {
		for (f = fields; f->key != NULL; f++)
			if (strcmp(f->key, n->keys[i]->value) == 0)
				break;
		if (f->key == NULL) {
			cf_diag(CF_ERROR, t->path, n->keys[i]->pos.line,
			    n->keys[i]->pos.col, "unknown key '%s' in %s '%s' "
			    "(expected %s)", n->keys[i]->value, what, id,
			    expected);
			t->failed = true;
			continue;
		}
		add(t, n->items[i], f->key, (const char **)((char *)obj +
		    f->off), f->md);
	}
}

#define F(type, member, md)	{ #member, offsetof(type, member), md }

static const struct field class_fields[] = {
	F(struct cf_class, title, false), F(struct cf_class, description, true),
	F(struct cf_class, confidentiality, false),
	F(struct cf_class, integrity, false),
	F(struct cf_class, availability, false), { NULL, 0, false }
};
static const struct field category_fields[] = {
	F(struct cf_category, title, false), { NULL, 0, false }
};
static const struct field applic_fields[] = {
	F(struct cf_applic, title, false), { NULL, 0, false }
};
static const struct field answer_fields[] = {
	F(struct cf_answer_code, title, false), { NULL, 0, false }
};
static const struct field condition_fields[] = {
	F(struct cf_condition, title, false),
	F(struct cf_condition, description, true), { NULL, 0, false }
};
static const struct field section_fields[] = {
	F(struct cf_section, title, false), F(struct cf_section, intro, true),
	{ NULL, 0, false }
};
static const struct field req_fields[] = {
	F(struct cf_requirement, title, false),
	F(struct cf_requirement, text, true),
	F(struct cf_requirement, guidance, true),
	F(struct cf_requirement, note, true), { NULL, 0, false }
};

/* The object a key names in one of the catalogue's tables, or NULL. */
static void *
lookup(struct cf_catalogue *cat, const char *table, const char *key)
{
	const struct cf_requirement	*r;
	const struct cf_section		*s;
	char				*end;
	long				 id;
	size_t				 i;

	if (strcmp(table, "classes") == 0) {
		errno = 0;
		id = strtol(key, &end, 10);
		if (errno != 0 || end == key || *end != '\0' ||
		    (i = cf_catalogue_class_idx(cat, id)) == CF_NONE)
			return NULL;
		return &cat->classes[i];
	}
	if (strcmp(table, "categories") == 0)
		return (i = cf_catalogue_category_idx(cat, key)) == CF_NONE ?
		    NULL : &cat->categories[i];
	if (strcmp(table, "applicability") == 0)
		return (i = cf_catalogue_applic_idx(cat, key)) == CF_NONE ?
		    NULL : &cat->applics[i];
	if (strcmp(table, "conditions") == 0)
		return (i = cf_catalogue_condition_idx(cat, key)) == CF_NONE ?
		    NULL : &cat->conditions[i];
	if (strcmp(table, "answers") == 0) {
		for (i = 0; i < cat->nanswers; i++)
			if (strcmp(cat->answers[i].code, key) == 0)
				return &cat->answers[i];
		return NULL;
	}
	if (strcmp(table, "sections") == 0) {
		s = cf_catalogue_find_section(cat, key);
		return (void *)(uintptr_t)s;
	}
	r = cf_catalogue_find_req(cat, key);
	return (void *)(uintptr_t)r;
}

static const struct {
	const char		*key;
	const char		*what;
	const struct field	*fields;
} tables[] = {
	{ "classes", "class", class_fields },
	{ "categories", "category", category_fields },
	{ "applicability", "applicability code", applic_fields },
	{ "answers", "answer code", answer_fields },
	{ "conditions", "condition", condition_fields },
	{ "sections", "section", section_fields },
	{ "requirements", "requirement", req_fields },
};

static void
table(struct tl *t, const struct cf_ynode *n, size_t ti)
{
	void	*obj;
	size_t	 i;

	if (n->bad)
		return;
	if (n->type != CF_Y_MAP) {
		err(t, n, "'%s' must be a mapping of ids to texts, not %s",
		    tables[ti].key, kind_of(n));
		return;
	}
	for (i = 0; i < n->n; i++) {
		if ((obj = lookup(t->cat, tables[ti].key,
		    n->keys[i]->value)) == NULL) {
			err(t, n->keys[i], "unknown %s '%s': the release has "
			    "none", tables[ti].what, n->keys[i]->value);
			continue;
		}
		entry(t, n->items[i], tables[ti].what, n->keys[i]->value, obj,
		    tables[ti].fields);
	}
}

static const char *
scalar(struct tl *t, const struct cf_ynode *n, const char *key)
{
	if (n->type != CF_Y_SCALAR || n->value[0] == '\0') {
		err(t, n, "'%s' must be non-empty text%s", key, "");
		return NULL;
	}
	return n->value;
}

/* Texts of the release the translation leaves in the original. */
static size_t
count_untranslated(const struct cf_catalogue *cat,
    const struct cf_translation *tr)
{
	const char	**fields[4];
	size_t		 i, j, k, n = 0, nf;

	for (i = 0; i < cat->nreqs; i++) {
		struct cf_requirement *r = (struct cf_requirement *)
		    (uintptr_t)cat->reqs[i];

		nf = 0;
		fields[nf++] = &r->text;
		fields[nf++] = &r->title;
		fields[nf++] = &r->guidance;
		fields[nf++] = &r->note;
		for (j = 0; j < nf; j++) {
			if (*fields[j] == NULL || **fields[j] == '\0')
				continue;
			for (k = 0; k < tr->ntexts; k++)
				if (tr->texts[k].field == fields[j])
					break;
			if (k == tr->ntexts)
				n++;
		}
	}
	for (i = 0; i < cat->nsections; i++) {
		for (k = 0; k < tr->ntexts; k++)
			if (tr->texts[k].field == &cat->sections[i].title)
				break;
		if (k == tr->ntexts)
			n++;
	}
	return n;
}

static void
read_translation(struct tl *t, const struct cf_ydoc *doc, const char *lang)
{
	const struct cf_ynode	*root = doc->root, *k, *v;
	const char		*s;
	size_t			 i, ti;
	bool			 schema = false, cat = false, ver = false;
	bool			 lg = false;

	if (root == NULL || root->type != CF_Y_MAP) {
		cf_diag(CF_ERROR, t->path, root != NULL ? root->pos.line : 0,
		    root != NULL ? root->pos.col : 0, "expected a translation "
		    "mapping at the top level (schema: %s)", SCHEMA);
		t->failed = true;
		return;
	}
	for (i = 0; i < root->n; i++) {
		k = root->keys[i];
		v = root->items[i];
		if (v->bad)
			continue;
		if (strcmp(k->value, "schema") == 0) {
			schema = true;
			if ((s = scalar(t, v, "schema")) != NULL &&
			    strcmp(s, SCHEMA) != 0)
				err(t, v, "schema must be %s, not '%s'",
				    SCHEMA, s);
		} else if (strcmp(k->value, "catalogue") == 0) {
			cat = true;
			if ((s = scalar(t, v, "catalogue")) != NULL &&
			    strcmp(s, t->cat->id) != 0)
				err(t, v, "this is a translation of catalogue "
				    "'%s', not of '%s'", s, t->cat->id);
		} else if (strcmp(k->value, "version") == 0) {
			ver = true;
			if ((s = scalar(t, v, "version")) != NULL &&
			    strcmp(s, t->cat->version) != 0)
				err(t, v, "this is a translation of release "
				    "'%s', not of '%s'", s, t->cat->version);
		} else if (strcmp(k->value, "lang") == 0) {
			lg = true;
			if ((s = scalar(t, v, "lang")) != NULL &&
			    strcasecmp(s, lang) != 0)
				err(t, v, "this translation is in '%s', not "
				    "in '%s'", s, lang);
		} else if (strcmp(k->value, "title") == 0)
			add(t, v, "title", &t->cat->title, false);
		else if (strcmp(k->value, "publisher") == 0)
			add(t, v, "publisher", &t->cat->publisher, false);
		else if (strcmp(k->value, "notice") == 0)
			add(t, v, "notice", &t->cat->notice, true);
		else if (strcmp(k->value, "licence") == 0)
			add(t, v, "licence", &t->cat->licence, true);
		else {
			for (ti = 0; ti < sizeof(tables) / sizeof(tables[0]);
			    ti++)
				if (strcmp(tables[ti].key, k->value) == 0)
					break;
			if (ti < sizeof(tables) / sizeof(tables[0]))
				table(t, v, ti);
			else {
				cf_diag(CF_ERROR, t->path, k->pos.line,
				    k->pos.col, "unknown key '%s' (expected "
				    "schema, catalogue, version, lang, title, "
				    "publisher, notice, licence, classes, "
				    "categories, applicability, answers, "
				    "conditions, sections or requirements)",
				    k->value);
				t->failed = true;
			}
		}
	}
	if (!schema || !cat || !ver || !lg) {
		cf_diag(CF_ERROR, t->path, root->pos.line, root->pos.col,
		    "missing '%s' (a translation names its schema, "
		    "catalogue, version and lang)", !schema ? "schema" :
		    !cat ? "catalogue" : !ver ? "version" : "lang");
		t->failed = true;
	}
}

struct cf_translation *
cf_translation_load(const char *path, struct cf_catalogue *cat,
    const char *lang, bool warn_untranslated, bool *missing)
{
	struct cf_translation	*tr;
	struct cf_ydoc		*doc;
	struct stat		 st;
	struct tl		 t;

	*missing = false;
	if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		*missing = true;
		return NULL;
	}
	tr = cf_xcalloc(1, sizeof(*tr));
	cf_arena_init(&tr->arena);
	tr->path = cf_arena_strdup(&tr->arena, path);
	tr->lang = cf_arena_strdup(&tr->arena, lang);
	memset(&t, 0, sizeof(t));
	t.tr = tr;
	t.cat = cat;
	t.path = tr->path;
	if ((doc = cf_yaml_read(path, &tr->arena)) == NULL) {
		cf_translation_free(tr);
		return NULL;
	}
	cf_sha256_hex(doc->text, doc->len, tr->sha256);
	if (doc->root != NULL && doc->root->bad) {
		cf_translation_free(tr);
		return NULL;
	}
	read_translation(&t, doc, lang);
	if (t.failed) {
		cf_translation_free(tr);
		return NULL;
	}
	tr->untranslated = count_untranslated(cat, tr);
	if (warn_untranslated && tr->untranslated > 0)
		cf_diag(CF_WARNING, path, 0, 0, "%zu text%s of %s %s %s not "
		    "translated; shown in the original", tr->untranslated,
		    tr->untranslated == 1 ? "" : "s", cat->id, cat->version,
		    tr->untranslated == 1 ? "is" : "are");
	return tr;
}

void
cf_translation_free(struct cf_translation *tr)
{
	if (tr == NULL)
		return;
	free(tr->texts);
	cf_arena_free(&tr->arena);
	free(tr);
}

static void
swap(struct cf_cat_saved *sv, const char **field, const char *text)
{
	sv->fields = cf_xrealloc(sv->fields, (sv->n + 1) *
	    sizeof(*sv->fields));
	sv->texts = cf_xrealloc(sv->texts, (sv->n + 1) * sizeof(*sv->texts));
	sv->fields[sv->n] = field;
	sv->texts[sv->n] = *field;
	sv->n++;
	*field = text;
}

void
cf_catalogue_localise(struct cf_catalogue *cat, const struct cf_locale *loc,
    const struct cf_translation *tr, struct cf_cat_saved *sv)
{
	char	 name[32];
	size_t	 i, j;

	memset(sv, 0, sizeof(*sv));
	if (cat->answers_default)
		for (i = 0; i < cat->nanswers; i++) {
			snprintf(name, sizeof(name), "answer_%s",
			    cat->answers[i].code);
			for (j = 0; name[j] != '\0'; j++)
				name[j] = (char)tolower((unsigned char)name[j]);
			swap(sv, &cat->answers[i].title, cf_msg(loc, name));
		}
	for (i = 0; tr != NULL && i < tr->ntexts; i++)
		swap(sv, tr->texts[i].field, tr->texts[i].text);
}

void
cf_catalogue_restore(struct cf_cat_saved *sv)
{
	size_t	 i = sv->n;

	while (i-- > 0)
		*sv->fields[i] = sv->texts[i];
	free(sv->fields);
	free(sv->texts);
	memset(sv, 0, sizeof(*sv));
}
