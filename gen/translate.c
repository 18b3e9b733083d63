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

/* k: the SARIF rule, as the catalogue's own loader would report it. */
static void
err(struct tl *t, enum cf_dkind k, const struct cf_ynode *n, const char *fmt,
    const char *a, const char *b)
{
	cf_diagk(k, CF_ERROR, t->path, n->pos.line, n->pos.col, fmt, a, b);
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
		err(t, CF_DK_SCHEMA, n, "'%s' must be text, not %s", key,
		    kind_of(n));
		return;
	}
	if (*field == NULL) {
		err(t, CF_DIAG_KIND, n, "'%s': the release has no such text "
		    "to translate%s", key, "");
		return;
	}
	if (n->value[0] == '\0') {
		err(t, CF_DK_SCHEMA, n, "'%s' must not be empty (leave it "
		    "out to keep the original%s)", key, "");
		return;
	}
	if (md && cf_rich_depth_bound(n->value) > CF_RICH_MAX_DEPTH &&
	    (depth = cf_rich_depth(n->value)) > CF_RICH_MAX_DEPTH) {
		cf_diagk(CF_DK_LIMIT, CF_ERROR, t->path, n->pos.line,
		    n->pos.col, "'%s' nests %zu levels deep (lists, quotes, "
		    "emphasis, links); at most %d are allowed", key, depth,
		    CF_RICH_MAX_DEPTH);
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
		err(t, CF_DK_SCHEMA, n, "%s '%s' must be a mapping of texts",
		    what, id);
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
			cf_diagk(CF_DK_UNKNOWN_KEY, CF_ERROR, t->path,
			    n->keys[i]->pos.line, n->keys[i]->pos.col,
			    "unknown key '%s' in %s '%s' (expected %s)",
			    n->keys[i]->value, what, id, expected);
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
	char				*end, canon[32];
	long				 id;
	size_t				 i;

	if (strcmp(table, "classes") == 0) {
		/* "1" only, not "01" or "+1": one key per class. */
		errno = 0;
		id = strtol(key, &end, 10);
		snprintf(canon, sizeof(canon), "%ld", id);
		if (errno != 0 || end == key || *end != '\0' ||
		    strcmp(canon, key) != 0 ||
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
		err(t, CF_DK_SCHEMA, n, "'%s' must be a mapping of ids to texts, not %s",
		    tables[ti].key, kind_of(n));
		return;
	}
	for (i = 0; i < n->n; i++) {
		if ((obj = lookup(t->cat, tables[ti].key,
		    n->keys[i]->value)) == NULL) {
			err(t, CF_DK_UNKNOWN_REF, n->keys[i], "unknown %s '%s': "
			    "the release has none", tables[ti].what, n->keys[i]->value);
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
		err(t, CF_DK_SCHEMA, n, "'%s' must be non-empty text%s", key,
		    "");
		return NULL;
	}
	return n->value;
}

static int
field_cmp(const void *a, const void *b)
{
	uintptr_t	 fa = (uintptr_t)((const struct cf_tr_text *)a)->field;
	uintptr_t	 fb = (uintptr_t)((const struct cf_tr_text *)b)->field;

	return fa < fb ? -1 : fa > fb;
}

/* texts is sorted by field (count_untranslated): a large release and a
 * large translation cost n log n, not n times n. */
const char *
cf_translation_text(const struct cf_translation *tr,
    const char *const *field)
{
	struct cf_tr_text	 key;
	const struct cf_tr_text	*t;

	key.field = (const char **)(uintptr_t)field;
	t = bsearch(&key, tr->texts, tr->ntexts, sizeof(key), field_cmp);
	return t != NULL ? t->text : NULL;
}

static bool
translated(const struct cf_translation *tr, const char *const *field)
{
	return cf_translation_text(tr, field) != NULL;
}

/* One text of the release left in the original, said where it is. */
static size_t
untranslated(const struct cf_catalogue *cat, const struct cf_translation *tr,
    enum cf_tr_report report, const char *const *field,
    const struct cf_pos *pos, const char *what, const char *id,
    const char *key)
{
	const char	*base = strrchr(tr->path, '/');

	if (*field == NULL || **field == '\0' || translated(tr, field))
		return 0;
	if (report == CF_TR_EACH)
		cf_diag(CF_WARNING, cat->path, pos->line, pos->col, "%s %s: "
		    "'%s' is not translated in %s", what, id, key,
		    base != NULL ? base + 1 : tr->path);
	return 1;
}

/*
 * Texts of the release the translation leaves in the original: the
 * sections' and requirements' words (the tables' short titles are
 * optional), each listed at its place in the release when asked.
 */
static size_t
count_untranslated(const struct cf_catalogue *cat,
    const struct cf_translation *tr, enum cf_tr_report report)
{
	const struct cf_requirement	*r;
	const struct cf_section		*s;
	size_t				 i, n = 0;

	/* Order does not matter when they are put in: each field is
	 * translated once (keys are unique). */
	if (tr->ntexts > 0)
		qsort(tr->texts, tr->ntexts, sizeof(*tr->texts), field_cmp);
	for (i = 0; i < cat->nsections; i++) {
		s = &cat->sections[i];
		n += untranslated(cat, tr, report, &s->title, &s->pos,
		    "section", s->id.s, "title");
		n += untranslated(cat, tr, report, &s->intro, &s->pos,
		    "section", s->id.s, "intro");
	}
	for (i = 0; i < cat->nreqs; i++) {
		r = cat->reqs[i];
		n += untranslated(cat, tr, report, &r->title, &r->pos,
		    "requirement", r->id.s, "title");
		n += untranslated(cat, tr, report, &r->text, &r->text_pos,
		    "requirement", r->id.s, "text");
		n += untranslated(cat, tr, report, &r->guidance, &r->pos,
		    "requirement", r->id.s, "guidance");
		n += untranslated(cat, tr, report, &r->note, &r->pos,
		    "requirement", r->id.s, "note");
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
	bool			 lg = false, head_failed;

	if (root == NULL || root->type != CF_Y_MAP) {
		cf_diagk(CF_DK_SCHEMA, CF_ERROR, t->path, root != NULL ?
		    root->pos.line : 0, root != NULL ? root->pos.col : 0,
		    "expected a translation "
		    "mapping at the top level (schema: %s)", SCHEMA);
		t->failed = true;
		return;
	}
	/* Which release it translates first: against another one, its
	 * ids and texts mean nothing and are not checked. */
	for (i = 0; i < root->n; i++) {
		k = root->keys[i];
		v = root->items[i];
		if (v->bad)
			continue;
		if (strcmp(k->value, "schema") == 0) {
			schema = true;
			if ((s = scalar(t, v, "schema")) != NULL &&
			    strcmp(s, SCHEMA) != 0)
				err(t, CF_DK_SCHEMA, v, "schema must be %s, not '%s'",
				    SCHEMA, s);
		} else if (strcmp(k->value, "catalogue") == 0) {
			cat = true;
			if ((s = scalar(t, v, "catalogue")) != NULL &&
			    strcmp(s, t->cat->id) != 0)
				err(t, CF_DK_RELEASE, v, "this is a translation of catalogue "
				    "'%s', not of '%s'", s, t->cat->id);
		} else if (strcmp(k->value, "version") == 0) {
			ver = true;
			if ((s = scalar(t, v, "version")) != NULL &&
			    strcmp(s, t->cat->version) != 0)
				err(t, CF_DK_RELEASE, v, "this is a translation of release "
				    "'%s', not of '%s'", s, t->cat->version);
		} else if (strcmp(k->value, "lang") == 0) {
			lg = true;
			if ((s = scalar(t, v, "lang")) != NULL &&
			    strcasecmp(s, lang) != 0)
				err(t, CF_DIAG_KIND, v, "this translation is in '%s', not "
				    "in '%s'", s, lang);
		}
	}
	head_failed = t->failed;
	for (i = 0; !head_failed && i < root->n; i++) {
		k = root->keys[i];
		v = root->items[i];
		if (v->bad || strcmp(k->value, "schema") == 0 ||
		    strcmp(k->value, "catalogue") == 0 ||
		    strcmp(k->value, "version") == 0 ||
		    strcmp(k->value, "lang") == 0)
			continue;
		if (strcmp(k->value, "title") == 0)
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
				cf_diagk(CF_DK_UNKNOWN_KEY, CF_ERROR, t->path,
				    k->pos.line, k->pos.col, "unknown key '%s' "
				    "(expected schema, catalogue, version, "
				    "lang, title, publisher, notice, licence, "
				    "classes, categories, applicability, "
				    "answers, conditions, sections or "
				    "requirements)", k->value);
				t->failed = true;
			}
		}
	}
	if (!schema || !cat || !ver || !lg) {
		cf_diagk(CF_DK_SCHEMA, CF_ERROR, t->path, root->pos.line,
		    root->pos.col, "missing '%s' (a translation names its schema, "
		    "catalogue, version and lang)", !schema ? "schema" :
		    !cat ? "catalogue" : !ver ? "version" : "lang");
		t->failed = true;
	}
}

struct cf_translation *
cf_translation_load(const char *path, struct cf_catalogue *cat,
    const char *lang, enum cf_tr_report report, bool *missing)
{
	struct cf_translation	*tr;
	struct cf_ydoc		*doc;
	struct stat		 st;
	struct tl		 t;
	unsigned		 errors;

	*missing = false;
	if (stat(path, &st) != 0 && (errno == ENOENT || errno == ENOTDIR)) {
		*missing = true;
		return NULL;
	}
	tr = cf_xcalloc(1, sizeof(*tr));
	cf_arena_init(&tr->arena);
	tr->path = cf_arena_strdup(&tr->arena, path);
	tr->lang = cf_arena_strdup(&tr->arena, lang);
	errors = cf_diag_count(CF_ERROR);
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
	/* The YAML layer's own errors (a duplicate key) fail it too. */
	if (t.failed || cf_diag_count(CF_ERROR) != errors) {
		cf_translation_free(tr);
		return NULL;
	}
	tr->untranslated = count_untranslated(cat, tr, report);
	if (report == CF_TR_COUNT && tr->untranslated > 0)
		cf_diag(CF_WARNING, path, 0, 0, "%zu text%s of %s %s %s not "
		    "translated; shown in the original", tr->untranslated,
		    tr->untranslated == 1 ? "" : "s", cat->id, cat->version,
		    tr->untranslated == 1 ? "is" : "are");
	return tr;
}

int
cf_translation_find(struct cf_catalogue *cat, const char *tag,
    enum cf_tr_report report, struct cf_translation **tr)
{
	char	*path, *primary;
	bool	 missing;

	*tr = NULL;
	if (strcasecmp(tag, CF_LANG_DEFAULT) == 0)
		return 0;
	path = cf_translation_path(cat->path, tag);
	*tr = cf_translation_load(path, cat, tag, report, &missing);
	free(path);
	if (missing && strchr(tag, '-') != NULL) {
		primary = cf_xstrdup(tag);
		primary[strcspn(primary, "-")] = '\0';
		path = cf_translation_path(cat->path, primary);
		*tr = cf_translation_load(path, cat, primary, report,
		    &missing);
		free(path);
		free(primary);
	}
	return *tr == NULL && !missing ? -1 : 0;
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
