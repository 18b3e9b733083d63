/*
 * validate.c -- rules across a document and between responses and their
 * catalogue (catalogue.md "Rules a valid catalogue obeys", responses.md
 * "Rules checked against the catalogue").  Validation also resolves the
 * references later stages follow (class index, category, answer code).
 */
#include "validate.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "richtext.h"

struct evcache;

struct vctx {
	const char	*path;
	unsigned	 errors;
	size_t		 budget;	/* edit-distance cells to suggest */
	struct evcache	*ev;		/* responses: evidence files seen */
};

static void
verr(struct vctx *v, enum cf_dkind kind, struct cf_pos pos,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void
vwarn(struct vctx *v, enum cf_dkind kind, struct cf_pos pos,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
vreport(struct vctx *v, enum cf_dkind kind, enum cf_sev sev,
    struct cf_pos pos, const char *fmt, va_list ap)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_buf_vprintf(&b, fmt, ap);
	cf_diagk(kind, sev, v->path, pos.line, pos.col, "%s", b.data);
	cf_buf_free(&b);
	if (sev == CF_ERROR)
		v->errors++;
}

static void
verr(struct vctx *v, enum cf_dkind kind, struct cf_pos pos, const char *fmt,
    ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vreport(v, kind, CF_ERROR, pos, fmt, ap);
	va_end(ap);
}

static void
vwarn(struct vctx *v, enum cf_dkind kind, struct cf_pos pos, const char *fmt,
    ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vreport(v, kind, CF_WARNING, pos, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Ids and codes                                                       */

/* A section id names guide/<id>.html: keep it well inside NAME_MAX. */
#define SECTION_ID_MAX	128

static bool
dotted_number(const char *s)
{
	bool	 digit = false;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s))
			digit = true;
		else if (*s == '.' && digit)
			digit = false;
		else
			return false;
	}
	return digit;
}

/* An id with its position, for the sort that finds duplicates. */
struct idref {
	const char	*id;
	struct cf_pos	 pos;
	const char	*what;
};

static int
idref_cmp(const void *a, const void *b)
{
	const struct idref	*x = a, *y = b;
	int			 c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return (x->pos.col > y->pos.col) - (x->pos.col < y->pos.col);
}

static void
report_duplicates(struct vctx *v, struct idref *ids, size_t n,
    const char *kind)
{
	size_t	 i;

	qsort(ids, n, sizeof(*ids), idref_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(ids[i].id, ids[i - 1].id) == 0)
			verr(v, CF_DK_DUP_ID, ids[i].pos,
			    "duplicate %s '%s' (also %s at "
			    "line %d)", kind, ids[i].id, ids[i - 1].what,
			    ids[i - 1].pos.line);
}

/*
 * Answer codes and aliases share one namespace: a response names either.
 * A code given twice is reported at the later one; an alias that repeats
 * a code, or another alias, at the alias.
 */
static void
check_answer_codes(struct vctx *v, const struct cf_catalogue *cat)
{
	struct idref	*codes, *aliases;
	size_t		 i, j, k, ncodes = 0, naliases = 0;

	for (i = 0; i < cat->nanswers; i++)
		naliases += cat->answers[i].naliases;
	codes = cf_xcalloc(cat->nanswers + 1, sizeof(*codes));
	aliases = cf_xcalloc(naliases + 1, sizeof(*aliases));
	naliases = 0;
	for (i = 0; i < cat->nanswers; i++) {
		const struct cf_answer_code *a = &cat->answers[i];

		if (a->code != NULL)
			codes[ncodes++] = (struct idref){ a->code, a->pos,
			    "an answer code" };
		for (j = 0; j < a->naliases; j++)
			aliases[naliases++] = (struct idref){ a->aliases[j],
			    a->alias_pos[j], a->code != NULL ? a->code : "?" };
	}
	report_duplicates(v, codes, ncodes, "answer code");
	qsort(aliases, naliases, sizeof(*aliases), idref_cmp);
	for (i = k = 0; i < naliases; i++) {
		const struct idref	*al = &aliases[i];

		/* Both sorted: walk the codes alongside. */
		while (k < ncodes && strcmp(codes[k].id, al->id) < 0)
			k++;
		if (k < ncodes && strcmp(codes[k].id, al->id) == 0)
			verr(v, CF_DK_DUP_ID, al->pos,
			    "answer alias '%s' repeats the answer "
			    "code %s (line %d)", al->id, codes[k].id,
			    codes[k].pos.line);
		else if (i > 0 && strcmp(aliases[i - 1].id, al->id) == 0)
			verr(v, CF_DK_DUP_ID, al->pos,
			    "answer alias '%s' is also an alias "
			    "of answer %s (line %d)", al->id,
			    aliases[i - 1].what, aliases[i - 1].pos.line);
	}
	free(codes);
	free(aliases);
}

/* ------------------------------------------------------------------ */
/* Lookups                                                             */

/*
 * The catalogue's own index (model.h) resolves every name.  Where a list
 * has an entry whose name is in error, an unknown reference may only echo
 * that error: "sound" says whether every entry has its name.
 */
#define NONE	CF_NONE

static bool
classes_sound(const struct cf_catalogue *cat)
{
	return cat->nclasses > 0 && cat->nclass_ids == cat->nclasses;
}

static bool
categories_sound(const struct cf_catalogue *cat)
{
	return cat->ncategories > 0 && cat->ncategory_codes == cat->ncategories;
}

/* ------------------------------------------------------------------ */
/* Lists in messages                                                   */

/* Past this many, a list in a message names the first few and a count. */
#define LIST_MAX	12

static void
list_sep(struct cf_buf *b, size_t i, size_t n)
{
	if (i > 0)
		cf_buf_puts(b, i + 1 == n && n <= LIST_MAX ? " or " : ", ");
}

static void
list_more(struct cf_buf *b, size_t n)
{
	cf_buf_printf(b, ", ... (%zu in all)", n);
}

/* The declared class ids, "0, 1, 2, 3 or 4"; false when there are none. */
static bool
class_list(const struct cf_catalogue *cat, struct cf_buf *b)
{
	size_t	 i, n = cat->nclass_ids, seen = 0;

	for (i = 0; i < cat->nclasses; i++) {
		if (cat->classes[i].id < 0)
			continue;
		if (n > LIST_MAX && seen == LIST_MAX - 2) {
			list_more(b, n);
			break;
		}
		list_sep(b, seen, n);
		cf_buf_printf(b, "%ld", cat->classes[i].id);
		seen++;
	}
	return n > 0;
}

/* Codes of an array of structs: the first member of stride bytes each. */
static void
code_list(const char *const *codes, size_t n, size_t stride,
    struct cf_buf *b)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		const char	*c = *(const char *const *)
		    ((const char *)codes + i * stride);

		if (n > LIST_MAX && i == LIST_MAX - 2) {
			list_more(b, n);
			break;
		}
		list_sep(b, i, n);
		cf_buf_puts(b, c != NULL ? c : "?");
	}
}

static void
condition_list(const struct cf_catalogue *cat, struct cf_buf *b)
{
	if (cat->nconditions == 0) {
		cf_buf_puts(b, "the catalogue declares none");
		return;
	}
	cf_buf_puts(b, "expected ");
	code_list(&cat->conditions[0].code, cat->nconditions,
	    sizeof(cat->conditions[0]), b);
}

static void
applic_list(const struct cf_catalogue *cat, struct cf_buf *b)
{
	if (cat->napplics == 0) {
		cf_buf_puts(b, "the catalogue declares none");
		return;
	}
	cf_buf_puts(b, "expected ");
	code_list(&cat->applics[0].code, cat->napplics,
	    sizeof(cat->applics[0]), b);
}

/* ------------------------------------------------------------------ */
/* Catalogue                                                           */

/*
 * Ids unique, lowest first.  One diagnostic per class: a repeated id is
 * reported as such, not also as out of order.
 */
static void
check_classes(struct vctx *v, const struct cf_catalogue *cat)
{
	const struct cf_classref *ids = cat->class_ids;
	bool	*dup;
	long	 max = -1;
	size_t	 i, maxi = 0;

	dup = cf_xcalloc(cat->nclasses + 1, sizeof(*dup));
	for (i = 1; i < cat->nclass_ids; i++) {
		if (ids[i].id != ids[i - 1].id)
			continue;
		dup[ids[i].idx] = true;
		verr(v, CF_DK_DUP_ID, cat->classes[ids[i].idx].pos, "duplicate "
		    "class id %ld (also at line %d)", ids[i].id,
		    cat->classes[ids[i - 1].idx].pos.line);
	}
	for (i = 0; i < cat->nclasses; i++) {
		const struct cf_class	*c = &cat->classes[i];

		if (c->id < 0 || dup[i])
			continue;
		if (c->id < max)
			verr(v, CF_DK_NUMBERING, c->pos,
			    "class %ld is listed after class %ld: "
			    "classes go lowest first", c->id,
			    cat->classes[maxi].id);
		else
			max = c->id, maxi = i;
	}
	free(dup);
}

static void
check_codes(struct vctx *v, const struct cf_catalogue *cat)
{
	struct idref	*ids;
	size_t		 i, n = 0;

	ids = cf_xcalloc(cat->ncategories + cat->napplics + cat->nconditions +
	    1, sizeof(*ids));
	for (i = 0; i < cat->ncategories; i++)
		if (cat->categories[i].code != NULL)
			ids[n++] = (struct idref){ cat->categories[i].code,
			    cat->categories[i].pos, "a category" };
	report_duplicates(v, ids, n, "category code");
	n = 0;
	for (i = 0; i < cat->napplics; i++)
		if (cat->applics[i].code != NULL)
			ids[n++] = (struct idref){ cat->applics[i].code,
			    cat->applics[i].pos, "an applicability" };
	report_duplicates(v, ids, n, "applicability code");
	n = 0;
	for (i = 0; i < cat->nconditions; i++)
		if (cat->conditions[i].code != NULL)
			ids[n++] = (struct idref){ cat->conditions[i].code,
			    cat->conditions[i].pos, "a condition" };
	report_duplicates(v, ids, n, "condition code");
	free(ids);
	check_answer_codes(v, cat);
}

/* A category reference: its index, reported when unknown and asked to. */
static size_t
resolve_category(struct vctx *v, const struct cf_catalogue *cat,
    const char *id, const char *code, struct cf_pos pos, bool report)
{
	struct cf_buf	 b;
	size_t		 i;

	if (code == NULL)
		return NONE;
	i = cf_catalogue_category_idx(cat, code);
	if (i != NONE || !report || !categories_sound(cat))
		return i;
	cf_buf_init(&b);
	code_list(&cat->categories[0].code, cat->ncategories,
	    sizeof(cat->categories[0]), &b);
	verr(v, CF_DK_UNKNOWN_REF, pos,
	    "requirement %s: unknown category '%s' (expected %s)", id,
	    code, b.data);
	cf_buf_free(&b);
	return i;
}

static size_t
resolve_class(struct vctx *v, const struct cf_catalogue *cat, const char *id,
    long class_id, struct cf_pos pos, bool report)
{
	struct cf_buf	 b;
	size_t		 i;

	if (class_id < 0)
		return NONE;
	i = cf_catalogue_class_idx(cat, class_id);
	if (i != NONE || !report || !classes_sound(cat))
		return i;
	cf_buf_init(&b);
	class_list(cat, &b);
	verr(v, CF_DK_UNKNOWN_REF, pos,
	    "requirement %s: unknown class %ld (expected %s)", id,
	    class_id, b.data);
	cf_buf_free(&b);
	return i;
}

struct condref {
	struct vctx			*v;
	const struct cf_catalogue	*cat;
	const struct cf_requirement	*req;
};

static void
resolve_code(struct cf_cond *c, void *ctx)
{
	struct condref	*cr = ctx;
	struct cf_buf	 b;

	c->idx = cf_catalogue_condition_idx(cr->cat, c->code);
	if (c->idx != NONE || cr->cat->ncondition_codes <
	    cr->cat->nconditions)
		return;
	cf_buf_init(&b);
	condition_list(cr->cat, &b);
	verr(cr->v, CF_DK_UNKNOWN_REF, (struct cf_pos){ c->line, c->col },
	    "requirement %s: "
	    "condition '%s' names an unknown condition '%s' (column %d; %s)",
	    cr->req->id.s, cr->req->condition.s, c->code, c->col, b.data);
	cf_buf_free(&b);
}

/*
 * Class or levels, category, below, condition and applicability
 * references.  What a child inherits was resolved (and reported) at its
 * parent: it is resolved again, silently.
 */
static void
resolve_requirement(struct vctx *v, const struct cf_catalogue *cat,
    struct cf_requirement *r)
{
	const char	*id = r->id.s != NULL ? r->id.s : "?";
	struct condref	 cr = { v, cat, r };
	struct cf_buf	 b;
	size_t		 i;

	r->class_idx = resolve_class(v, cat, id, r->class_id, r->class_pos,
	    !(r->inherited & CF_INHERIT_CLASS));
	r->level_idx = cf_arena_alloc(&((struct cf_catalogue *)cat)->arena,
	    (r->nlevels + 1) * sizeof(*r->level_idx));
	for (i = 0; i < r->nlevels; i++)
		r->level_idx[i] = resolve_class(v, cat, id, r->levels[i],
		    r->level_pos[i], !(r->inherited & CF_INHERIT_CLASS));
	r->category_idx = resolve_category(v, cat, id, r->category,
	    r->category_pos, !(r->inherited & CF_INHERIT_CATEGORY));
	r->below_idx = resolve_category(v, cat, id, r->below, r->below_pos,
	    !(r->inherited & CF_INHERIT_BELOW));
	if (r->cond != NULL && !(r->inherited & CF_INHERIT_CONDITION))
		cf_cond_walk(r->cond, resolve_code, &cr);
	for (i = 0; cat->napplic_codes == cat->napplics &&
	    i < r->napplicability; i++) {
		if (cf_catalogue_applic_idx(cat, r->applicability[i]) != NONE)
			continue;
		cf_buf_init(&b);
		applic_list(cat, &b);
		verr(v, CF_DK_UNKNOWN_REF, r->applic_item_pos[i],
		    "requirement %s: unknown "
		    "applicability '%s' (%s)", id, r->applicability[i],
		    b.data);
		cf_buf_free(&b);
	}
}

/* Numbering and order of one list of siblings, then their children. */
static void
check_siblings(struct vctx *v, const struct cf_catalogue *cat,
    const struct cf_section *s, struct cf_requirement *reqs, size_t n)
{
	const char	*prev = NULL;
	size_t		 i;

	for (i = 0; i < n; i++) {
		struct cf_requirement	*r = &reqs[i];

		resolve_requirement(v, cat, r);
		if (r->id.s != NULL && s->id.s != NULL &&
		    dotted_number(s->id.s) && dotted_number(r->id.s) &&
		    (strncmp(r->id.s, s->id.s, strlen(s->id.s)) != 0 ||
		    r->id.s[strlen(s->id.s)] != '.'))
			verr(v, CF_DK_NUMBERING, r->id.pos,
			    "requirement %s is not numbered "
			    "under its section %s (expected %s.N)", r->id.s,
			    s->id.s, s->id.s);
		if (r->id.s != NULL && prev != NULL &&
		    cf_natcmp(prev, r->id.s) > 0)
			vwarn(v, CF_DK_NUMBERING, r->id.pos,
			    "requirement %s is out of order "
			    "(it follows %s)", r->id.s, prev);
		if (r->id.s != NULL)
			prev = r->id.s;
		check_siblings(v, cat, s, r->children, r->nchildren);
	}
}

static void
check_ids(struct vctx *v, const struct cf_catalogue *cat)
{
	struct idref	*ids;
	size_t		 i, n = 0;

	ids = cf_xcalloc(cat->nsections + cat->nreqs + 1, sizeof(*ids));
	for (i = 0; i < cat->nsections; i++)
		if (cat->sections[i].id.s != NULL)
			ids[n++] = (struct idref){ cat->sections[i].id.s,
			    cat->sections[i].id.pos, "a section" };
	for (i = 0; i < cat->nreqs; i++)
		if (cat->reqs[i]->id.s != NULL)
			ids[n++] = (struct idref){ cat->reqs[i]->id.s,
			    cat->reqs[i]->id.pos, "a requirement" };
	report_duplicates(v, ids, n, "id");
	free(ids);
}

static void
check_sections(struct vctx *v, struct cf_catalogue *cat)
{
	const char	*prev = NULL;
	size_t		 i;

	for (i = 0; i < cat->nsections; i++) {
		struct cf_section	*s = &cat->sections[i];

		if (s->id.s != NULL) {
			if (strlen(s->id.s) > SECTION_ID_MAX)
				verr(v, CF_DK_LIMIT, s->id.pos,
				    "section id '%.20s...' is over %d "
				    "characters (it names a guide page)",
				    s->id.s, SECTION_ID_MAX);
			else if (strcmp(s->id.s, "index") == 0)
				verr(v, CF_DK_NUMBERING, s->id.pos,
				    "section id 'index' is "
				    "reserved (the guide's index page)");
			if (prev != NULL && cf_natcmp(prev, s->id.s) > 0)
				vwarn(v, CF_DK_NUMBERING, s->id.pos,
				    "section %s is out of "
				    "order (it follows %s)", s->id.s, prev);
			prev = s->id.s;
		}
		if (s->nreqs == 0)
			vwarn(v, CF_DK_CONTENT, s->pos,
			    "section %s has no requirements",
			    s->id.s != NULL ? s->id.s : "?");
		check_siblings(v, cat, s, s->reqs, s->nreqs);
	}
	check_ids(v, cat);
}

/* A requirement text with white space folded, for duplicate detection. */
struct folded {
	char				*text;
	const struct cf_requirement	*req;
};

/*
 * s with leading and trailing white space dropped and each run of it one
 * space, written at out (room for strlen(s) + 1); returns what follows.
 */
static char *
fold_space(const char *s, char *out)
{
	bool	 space = false, started = false;

	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			space = started;
			continue;
		}
		if (space)
			*out++ = ' ';
		space = false;
		started = true;
		*out++ = *s;
	}
	*out++ = '\0';
	return out;
}

static int
folded_cmp(const void *a, const void *b)
{
	const struct folded	*x = a, *y = b;
	int			 c = strcmp(x->text, y->text);

	if (c != 0)
		return c;
	return (x->req->pos.line > y->req->pos.line) -
	    (x->req->pos.line < y->req->pos.line);
}

static void
check_duplicate_texts(struct vctx *v, const struct cf_catalogue *cat)
{
	struct folded	*f;
	struct cf_arena	 a;
	size_t		 i, first, n = 0, total = 0;
	char		*out;

	/* The folded texts side by side, in one block. */
	for (i = 0; i < cat->nreqs; i++)
		total += strlen(cat->reqs[i]->text) + 1;
	cf_arena_init(&a);
	out = cf_arena_alloc_raw(&a, total);
	f = cf_xcalloc(cat->nreqs + 1, sizeof(*f));
	for (i = 0; i < cat->nreqs; i++) {
		const struct cf_requirement *r = cat->reqs[i];

		if (r->text[0] == '\0' || r->id.s == NULL)
			continue;
		f[n].text = out;
		out = fold_space(r->text, out);
		f[n++].req = r;
	}
	qsort(f, n, sizeof(*f), folded_cmp);
	for (i = 1, first = 0; i < n; i++) {
		if (strcmp(f[i].text, f[first].text) != 0) {
			first = i;
			continue;
		}
		vwarn(v, CF_DK_CONTENT, f[i].req->text_pos,
		    "requirement %s has the same "
		    "text as requirement %s", f[i].req->id.s,
		    f[first].req->id.s);
	}
	free(f);
	cf_arena_free(&a);
}

/*
 * In-page links in md fields ("#au-2", imported guidance) must name a
 * requirement (cf_catalogue_find_fragment): the documents point them at
 * its anchor, or show the link's text alone -- say so here.
 */
static void
check_fragments(struct vctx *v, const struct cf_catalogue *cat,
    const char *md, struct cf_pos pos, const char *what)
{
	cmark_node		*doc, *n;
	cmark_iter		*it;
	cmark_event_type	 ev;
	const char		*url;
	char			*frag;

	if (md == NULL || strchr(md, '#') == NULL ||
	    (doc = cf_rich_parse(md, CF_RICH_USE_HTML)) == NULL)
		return;
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_LINK ||
		    (url = cmark_node_get_url(n)) == NULL || url[0] != '#')
			continue;
		frag = cf_url_decode(url + 1);
		if (cf_catalogue_find_fragment(cat, frag) == NULL)
			vwarn(v, CF_DK_CONTENT, pos,
			    "%s: in-page link '#%s' names no "
			    "requirement; the documents show its text without "
			    "the link", what, frag);
		free(frag);
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
}

static void
check_links(struct vctx *v, const struct cf_catalogue *cat)
{
	const struct cf_requirement	*r;
	char				 what[160];
	size_t				 i;

	for (i = 0; i < cat->nsections; i++) {
		snprintf(what, sizeof(what), "section %s, intro",
		    cat->sections[i].id.s != NULL ? cat->sections[i].id.s : "");
		check_fragments(v, cat, cat->sections[i].intro,
		    cat->sections[i].pos, what);
	}
	for (i = 0; i < cat->nreqs; i++) {
		r = cat->reqs[i];
		if (r->id.s == NULL)
			continue;
		snprintf(what, sizeof(what), "requirement %s, text", r->id.s);
		check_fragments(v, cat, r->text, r->text_pos.line > 0 ?
		    r->text_pos : r->pos, what);
		snprintf(what, sizeof(what), "requirement %s, guidance",
		    r->id.s);
		check_fragments(v, cat, r->guidance, r->pos, what);
		snprintf(what, sizeof(what), "requirement %s, note", r->id.s);
		check_fragments(v, cat, r->note, r->pos, what);
	}
}

unsigned
cf_validate_catalogue(struct cf_catalogue *cat)
{
	struct vctx	 v = { cat->path, 0, 0, NULL };

	check_classes(&v, cat);
	check_codes(&v, cat);
	check_sections(&v, cat);
	check_duplicate_texts(&v, cat);
	check_links(&v, cat);
	return v.errors;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

/* Does the relative path climb out of its folder, read lexically? */
static bool
climbs_out(const char *p)
{
	long	 depth = 0;
	size_t	 len;

	while (*p != '\0') {
		len = strcspn(p, "/");
		if (len == 2 && strncmp(p, "..", 2) == 0) {
			if (--depth < 0)
				return true;
		} else if (len > 0 && !(len == 1 && *p == '.'))
			depth++;
		p += len;
		p += *p == '/';
	}
	return false;
}

/*
 * What checking one evidence file found.  Answers often cite the same
 * file (a policy, a test report): each path is looked at once per
 * responses file, and every answer citing it is told the same.
 */
enum evstate {
	EV_OK,
	EV_NOT_FOUND,		/* stat() failed: err */
	EV_NOT_REGULAR,
	EV_OUTSIDE,		/* a symbolic link out of the folder */
	EV_UNREADABLE		/* open() or read() failed: err */
};

struct evslot {
	const char	*ref;		/* NULL: free */
	enum evstate	 state;
	int		 err;
};

struct evcache {
	struct evslot	*slots;
	size_t		 cap, n;	/* cap: a power of two */
	int		 rdir_state;	/* 0 not resolved, 1 rdir, -1 failed */
	char		 rdir[PATH_MAX];
};

static size_t
ev_hash(const char *s)
{
	size_t	 h = 14695981039346656037u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of ref: its result, or a free one to fill. */
static struct evslot *
ev_slot(struct evcache *c, const char *ref)
{
	struct evslot	*old;
	size_t		 i, k, oldcap;

	if (2 * (c->n + 1) > c->cap) {
		old = c->slots;
		oldcap = c->cap;
		c->cap = c->cap ? 2 * c->cap : 64;
		c->slots = cf_xcalloc(c->cap, sizeof(*c->slots));
		for (k = 0; k < oldcap; k++) {
			if (old[k].ref == NULL)
				continue;
			for (i = ev_hash(old[k].ref) & (c->cap - 1);
			    c->slots[i].ref != NULL; i = (i + 1) & (c->cap - 1))
				;
			c->slots[i] = old[k];
		}
		free(old);
	}
	for (i = ev_hash(ref) & (c->cap - 1); c->slots[i].ref != NULL;
	    i = (i + 1) & (c->cap - 1))
		if (strcmp(c->slots[i].ref, ref) == 0)
			return &c->slots[i];
	return &c->slots[i];
}

/* Symbolic links may point anywhere: compare the resolved paths too. */
static bool
inside(struct evcache *c, const char *dir, const char *full)
{
	char	 rfull[PATH_MAX];
	size_t	 n;

	if (c->rdir_state == 0)
		c->rdir_state = realpath(dir, c->rdir) != NULL ? 1 : -1;
	if (c->rdir_state < 0 || realpath(full, rfull) == NULL)
		return true;	/* existence is checked separately */
	n = strlen(c->rdir);
	if (n == 1)
		return true;
	return strncmp(c->rdir, rfull, n) == 0 && rfull[n] == '/';
}

/*
 * Build hashes every evidence file: one it cannot read must be invalid
 * input here, at its line, not a system error later.  Returns 0, or the
 * errno of the open or read that failed.
 */
static int
readable(const char *path)
{
	char	 c;
	int	 fd, err = 0;

	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1)
		return errno;
	if (read(fd, &c, 1) == -1)
		err = errno;
	close(fd);
	return err;
}

/* The file ref of the responses folder, looked at. */
static void
ev_look(struct evcache *c, const struct cf_responses *r, struct evslot *e)
{
	struct cf_buf	 full;
	struct stat	 st;

	cf_buf_init(&full);
	cf_buf_printf(&full, "%s/%s", r->dir, e->ref);
	e->state = EV_OK;
	e->err = 0;
	if (stat(full.data, &st) == -1) {
		e->state = EV_NOT_FOUND;
		e->err = errno;
	} else if (!S_ISREG(st.st_mode))
		e->state = EV_NOT_REGULAR;
	else if (!inside(c, r->dir, full.data))
		e->state = EV_OUTSIDE;
	else if ((e->err = readable(full.data)) != 0)
		e->state = EV_UNREADABLE;
	cf_buf_free(&full);
}

static void
check_evidence(struct vctx *v, const struct cf_responses *r,
    const struct cf_answer *a, const struct cf_evidence *e)
{
	struct evslot	*f;
	const char	*id = a->req_id.s;

	if (e->kind == CF_EVIDENCE_URL) {
		if (!cf_url_scheme_ok(e->ref))
			verr(v, CF_DK_EVIDENCE, e->pos,
			    "requirement %s: evidence '%s' uses a "
			    "URL scheme other than http, https or mailto",
			    id, e->ref);
		return;
	}
	if (e->ref[0] == '/') {
		verr(v, CF_DK_EVIDENCE, e->pos,
		    "requirement %s: evidence path '%s' is "
		    "absolute; give it relative to the responses folder",
		    id, e->ref);
		return;
	}
	if (climbs_out(e->ref)) {
		verr(v, CF_DK_EVIDENCE, e->pos,
		    "requirement %s: evidence path '%s' leaves "
		    "the responses folder", id, e->ref);
		return;
	}
	if ((f = ev_slot(v->ev, e->ref))->ref == NULL) {
		f->ref = e->ref;
		v->ev->n++;
		ev_look(v->ev, r, f);
	}
	switch (f->state) {
	case EV_OK:
		break;
	case EV_NOT_FOUND:
		verr(v, CF_DK_EVIDENCE, e->pos,
		    "requirement %s: evidence file '%s' not "
		    "found (%s)", id, e->ref, strerror(f->err));
		break;
	case EV_NOT_REGULAR:
		verr(v, CF_DK_EVIDENCE, e->pos,
		    "requirement %s: evidence '%s' is not a "
		    "regular file", id, e->ref);
		break;
	case EV_OUTSIDE:
		verr(v, CF_DK_EVIDENCE, e->pos,
		    "requirement %s: evidence path '%s' is a "
		    "symbolic link that leads out of the responses folder",
		    id, e->ref);
		break;
	case EV_UNREADABLE:
		verr(v, CF_DK_EVIDENCE, e->pos,
		    "requirement %s: evidence file '%s' cannot "
		    "be read (%s)", id, e->ref, strerror(f->err));
		break;
	}
}

/*
 * Edit-distance cells one responses file may spend on "did you mean":
 * plenty for real catalogues, and a bound on what hostile ones cost.
 */
#define SUGGEST_BUDGET	((size_t)50 * 1000 * 1000)

/* The nearest requirement id within edit distance 2, or NULL. */
static const char *
closest_id(struct vctx *v, const struct cf_catalogue *cat, const char *id)
{
	const char	*best = NULL;
	size_t		 i, d, bestd = 3, len = strlen(id), clen, cost;

	for (i = 0; i < cat->nreq_ids; i++) {
		const char	*cand = cat->req_ids[i].key;

		clen = strlen(cand);
		if (clen > len + 2 || len > clen + 2)
			continue;
		cost = (len + 1) * (clen + 1);
		if (cost > v->budget)
			return NULL;
		v->budget -= cost;
		if ((d = cf_edit_distance(id, cand, 2)) > 2)
			continue;
		/* Ties go to the id that comes first in natural order. */
		if (best == NULL || d < bestd ||
		    (d == bestd && cf_natcmp(cand, best) < 0))
			bestd = d, best = cand;
	}
	return best;
}

/*
 * A justification that explains: at least CF_NA_MIN_CHARS characters
 * once trimmed, and not only punctuation and symbols ("-", "n/a.").
 */
static bool
explains(const char *s)
{
	const unsigned char	*p, *end;
	size_t			 chars = 0;
	bool			 word = false;

	while (*s != '\0' && isspace((unsigned char)*s))
		s++;
	end = (const unsigned char *)s + strlen(s);
	while (end > (const unsigned char *)s && isspace(end[-1]))
		end--;
	for (p = (const unsigned char *)s; p < end; p++) {
		if ((*p & 0xc0) != 0x80)	/* a character starts */
			chars++;
		/* Any letter or digit; any non-ASCII character may be one. */
		if (isalnum(*p) || *p >= 0x80)
			word = true;
	}
	return chars >= CF_NA_MIN_CHARS && word;
}

/*
 * Not applicable, said of a requirement the claim makes mandatory: the
 * declaration lists it with its justification, which must explain
 * (responses.md, 0.2).  "Not applicable" is a code that meets and needs a
 * justification (NA in the built-in codes).
 */
static void
check_na(struct vctx *v, const struct cf_catalogue *cat,
    const struct cf_responses *r, const struct cf_answer *a)
{
	size_t	 cg;

	if (a->req == NULL || a->acode == NULL || !a->acode->meets ||
	    !a->acode->needs_justification || a->justification == NULL)
		return;
	if (cf_scope(cat, a->req, &r->claim, &cg) != CF_SCOPE_APPLIES ||
	    cg >= cat->ncategories || !cat->categories[cg].required)
		return;
	if (!explains(a->justification))
		verr(v, CF_DK_ANSWER, a->justification_pos.line > 0 ?
		    a->justification_pos : a->code.pos,
		    "requirement %s is %s (%s) and answered %s: its "
		    "justification must explain why in at least %d "
		    "characters, not only punctuation", a->req_id.s,
		    cat->categories[cg].title, cat->categories[cg].code,
		    a->acode->code, CF_NA_MIN_CHARS);
}

static void
check_answer(struct vctx *v, const struct cf_catalogue *cat,
    const struct cf_responses *r, struct cf_answer *a)
{
	const char	*id = a->req_id.s, *near;
	struct cf_buf	 b;
	size_t		 i;

	a->req = cf_catalogue_find_req(cat, id);
	if (a->req == NULL) {
		if ((near = closest_id(v, cat, id)) != NULL)
			verr(v, CF_DK_UNKNOWN_REF, a->req_id.pos,
			    "answer to unknown requirement "
			    "%s (did you mean %s?)", id, near);
		else
			verr(v, CF_DK_UNKNOWN_REF, a->req_id.pos,
			    "answer to unknown requirement "
			    "%s", id);
	} else if (a->req->status != CF_STATUS_ACTIVE)
		vwarn(v, CF_DK_ANSWER, a->req_id.pos,
		    "requirement %s is %s; its answer is "
		    "ignored", id, a->req->status == CF_STATUS_RESERVED ?
		    "reserved" : "withdrawn");
	a->acode = cf_catalogue_answer(cat, a->code.s);
	if (a->code.s != NULL && a->acode == NULL) {
		cf_buf_init(&b);
		code_list(&cat->answers[0].code, cat->nanswers,
		    sizeof(cat->answers[0]), &b);
		verr(v, CF_DK_ANSWER, a->code.pos,
		    "requirement %s: unknown answer '%s' "
		    "(expected %s)", id, a->code.s, b.data);
		cf_buf_free(&b);
	}
	if (a->acode != NULL && a->acode->needs_justification &&
	    cf_blank(a->justification))
		verr(v, CF_DK_ANSWER, a->code.pos,
		    "requirement %s: answer %s needs a "
		    "justification", id, a->acode->code);
	else
		check_na(v, cat, r, a);
	for (i = 0; i < a->nevidence; i++)
		check_evidence(v, r, a, &a->evidence[i]);
}

static bool
check_release(struct vctx *v, const struct cf_catalogue *cat,
    const struct cf_responses *r)
{
	struct cf_pos	 pos;

	if (r->catalogue.s == NULL || r->version.s == NULL || cat->id == NULL ||
	    cat->version == NULL)
		return false;
	if (strcmp(r->catalogue.s, cat->id) == 0 &&
	    strcmp(r->version.s, cat->version) == 0)
		return true;
	pos = strcmp(r->catalogue.s, cat->id) != 0 ? r->catalogue.pos :
	    r->version.pos;
	verr(v, CF_DK_RELEASE, pos,
	    "responses answer %s %s, catalogue is %s %s",
	    r->catalogue.s, r->version.s, cat->id, cat->version);
	return false;
}

/*
 * `claim.conditions` states every declared condition true or false
 * (responses.md, 0.2); the values are kept by condition index for the
 * applicability rules.
 */
static void
check_claim_conditions(struct vctx *v, const struct cf_catalogue *cat,
    struct cf_responses *r)
{
	struct cf_claim	*c = &r->claim;
	struct cf_pos	 at = c->conds_pos.line != 0 ? c->conds_pos : c->pos;
	struct cf_buf	 b;
	bool		*seen;
	size_t		 i, k;

	c->cond_values = cf_arena_alloc(&r->arena,
	    (cat->nconditions + 1) * sizeof(*c->cond_values));
	cf_buf_init(&b);
	if (c->conds_pos.line == 0 && cat->nconditions > 0) {
		code_list(&cat->conditions[0].code, cat->nconditions,
		    sizeof(cat->conditions[0]), &b);
		verr(v, CF_DK_CLAIM, at,
		    "claim lacks 'conditions': state each condition "
		    "of the catalogue (%s) true or false", b.data);
		cf_buf_free(&b);
		return;
	}
	seen = cf_xcalloc(cat->nconditions + 1, sizeof(*seen));
	for (i = 0; i < c->nconds; i++) {
		k = cf_catalogue_condition_idx(cat, c->conds[i].code.s);
		if (k != NONE) {
			seen[k] = true;
			c->cond_values[k] = c->conds[i].value;
			continue;
		}
		cf_buf_reset(&b);
		condition_list(cat, &b);
		verr(v, CF_DK_CLAIM, c->conds[i].code.pos,
		    "claimed condition '%s' is not "
		    "declared (%s)", c->conds[i].code.s, b.data);
	}
	for (i = 0; i < cat->nconditions; i++)
		if (!seen[i] && cat->conditions[i].code != NULL)
			verr(v, CF_DK_CLAIM, at,
			    "claim does not state condition %s (%s): "
			    "give it in 'claim.conditions' as true or false",
			    cat->conditions[i].code,
			    cat->conditions[i].title != NULL ?
			    cat->conditions[i].title : "?");
	cf_buf_free(&b);
	free(seen);
}

static void
check_claim(struct vctx *v, const struct cf_catalogue *cat,
    struct cf_responses *r)
{
	struct cf_claim	*c = &r->claim;
	struct cf_buf	 b;

	cf_buf_init(&b);
	c->class_idx = c->class_id >= 0 ?
	    cf_catalogue_class_idx(cat, c->class_id) : NONE;
	if (c->class_id >= 0 && c->class_idx == NONE && class_list(cat, &b))
		verr(v, CF_DK_CLAIM, c->class_pos,
		    "claimed class %ld is not a class of %s "
		    "%s (expected %s)", c->class_id, cat->id, cat->version,
		    b.data);
	if (c->applicability.s != NULL &&
	    cf_catalogue_applic_idx(cat, c->applicability.s) == NONE) {
		cf_buf_reset(&b);
		applic_list(cat, &b);
		verr(v, CF_DK_CLAIM, c->applicability.pos,
		    "claimed applicability '%s' is "
		    "not declared (%s)", c->applicability.s, b.data);
	}
	cf_buf_free(&b);
	check_claim_conditions(v, cat, r);
}

/*
 * The date of the build (cli.md, "Dates"): SOURCE_DATE_EPOCH when it is
 * set, else the clock.  A malformed value is the command's usage error,
 * reported before this runs; here it falls back to the clock.
 */
static void
build_date(struct cf_date *d)
{
	const char	*s = getenv("SOURCE_DATE_EPOCH");
	char		*end;
	unsigned long long v;
	time_t		 t;
	struct tm	 tm;

	t = time(NULL);
	if (s != NULL && *s >= '0' && *s <= '9') {
		errno = 0;
		v = strtoull(s, &end, 10);
		if (errno == 0 && *end == '\0' && v <= 253402300799ULL)
			t = (time_t)v;
	}
	memset(d, 0, sizeof(*d));
	if (gmtime_r(&t, &tm) != NULL) {
		d->year = tm.tm_year + 1900;
		d->month = tm.tm_mon + 1;
		d->day = tm.tm_mday;
	}
}

/* Dates that do not make the claim false, but are likely mistakes. */
static void
check_dates(struct vctx *v, const struct cf_responses *r)
{
	struct cf_date	 now;
	char		 a[11], b[11];

	build_date(&now);
	if (now.year == 0)
		return;
	if (r->decl.date.year != 0 && cf_date_cmp(&r->decl.date, &now) > 0)
		vwarn(v, CF_DK_DATE, r->decl.date_pos,
		    "declaration date %s is later "
		    "than the build date (%s): a declaration is dated when "
		    "it is signed", cf_date_str(&r->decl.date, a),
		    cf_date_str(&now, b));
	if (r->product.support_until.year != 0 &&
	    cf_date_cmp(&r->product.support_until, &now) < 0)
		vwarn(v, CF_DK_DATE, r->product.support_until_pos,
		    "support period "
		    "ended on %s, before the build date (%s): the product no "
		    "longer receives security updates",
		    cf_date_str(&r->product.support_until, a),
		    cf_date_str(&now, b));
}

/*
 * A claim and answers only mean something against the release they
 * answer: after a mismatch, neither is checked further.
 */
unsigned
cf_validate_responses(const struct cf_catalogue *cat, struct cf_responses *r)
{
	struct evcache		 ev;
	struct vctx		 v = { r->path, 0, SUGGEST_BUDGET, &ev };
	size_t			 i;

	if (r->product.id.s != NULL && strcmp(r->product.id.s, "guide") == 0)
		verr(&v, CF_DK_NUMBERING, r->product.id.pos,
		    "product id 'guide' is reserved "
		    "(the guide's folder)");
	r->claim.class_idx = NONE;
	r->matches_catalogue = check_release(&v, cat, r);
	if (!r->matches_catalogue)
		return v.errors;
	check_claim(&v, cat, r);
	memset(&ev, 0, sizeof(ev));
	for (i = 0; i < r->nanswers; i++)
		check_answer(&v, cat, r, &r->answers[i]);
	free(ev.slots);
	check_dates(&v, r);
	return v.errors;
}
