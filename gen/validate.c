/*
 * validate.c -- rules across a document and between responses and their
 * catalogue (catalogue.md "Rules a valid catalogue obeys", responses.md
 * "Rules checked against the catalogue").  Validation also resolves the
 * references later stages follow (class index, category, answer code).
 */
#include "validate.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "diag.h"

struct vctx {
	const char	*path;
	unsigned	 errors;
};

static void
verr(struct vctx *v, struct cf_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void
vwarn(struct vctx *v, struct cf_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
vreport(struct vctx *v, enum cf_sev sev, struct cf_pos pos, const char *fmt,
    va_list ap)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_buf_vprintf(&b, fmt, ap);
	cf_diag(sev, v->path, pos.line, pos.col, "%s", b.data);
	cf_buf_free(&b);
	if (sev == CF_ERROR)
		v->errors++;
}

static void
verr(struct vctx *v, struct cf_pos pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vreport(v, CF_ERROR, pos, fmt, ap);
	va_end(ap);
}

static void
vwarn(struct vctx *v, struct cf_pos pos, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vreport(v, CF_WARNING, pos, fmt, ap);
	va_end(ap);
}

/* ------------------------------------------------------------------ */
/* Catalogue                                                           */

/* [A-Za-z0-9] first, then [A-Za-z0-9._()-]. */
static bool
valid_id(const char *s)
{
	if (!isalnum((unsigned char)*s))
		return false;
	for (s++; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("._()-", *s) == NULL)
			return false;
	return true;
}

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
			verr(v, ids[i].pos, "duplicate %s '%s' (also %s at "
			    "line %d)", kind, ids[i].id, ids[i - 1].what,
			    ids[i - 1].pos.line);
}

static void
check_codes(struct vctx *v, const struct cf_catalogue *cat)
{
	struct idref	*ids;
	size_t		 i, j, n = 0, cap;

	cap = cat->ncategories + cat->napplics;
	for (i = 0; i < cat->nanswers; i++)
		cap += 1 + cat->answers[i].naliases;
	ids = cf_xcalloc(cap + 1, sizeof(*ids));
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
	for (i = 0; i < cat->nanswers; i++) {
		const struct cf_answer_code *a = &cat->answers[i];

		if (a->code != NULL)
			ids[n++] = (struct idref){ a->code, a->pos,
			    "an answer code" };
		for (j = 0; j < a->naliases; j++)
			ids[n++] = (struct idref){ a->aliases[j], a->pos,
			    "an answer code or alias" };
	}
	report_duplicates(v, ids, n, "answer code or alias");
	free(ids);
}

static void
check_classes(struct vctx *v, struct cf_catalogue *cat)
{
	size_t	 i, j;

	for (i = 1; i < cat->nclasses; i++) {
		const struct cf_class	*c = &cat->classes[i];

		if (c->id < 0)
			continue;
		for (j = 0; j < i; j++) {
			if (cat->classes[j].id < 0)
				continue;
			if (cat->classes[j].id == c->id) {
				verr(v, c->pos, "duplicate class id %ld "
				    "(also at line %d)", c->id,
				    cat->classes[j].pos.line);
				break;
			}
			if (cat->classes[j].id > c->id) {
				verr(v, c->pos, "class %ld is listed after "
				    "class %ld: classes go lowest first",
				    c->id, cat->classes[j].id);
				break;
			}
		}
	}
}

/* The declared class ids, "0, 1, 2, 3 or 4"; false when there are none. */
static bool
class_list(const struct cf_catalogue *cat, struct cf_buf *b)
{
	size_t	 i, n = 0, seen = 0;

	for (i = 0; i < cat->nclasses; i++)
		n += cat->classes[i].id >= 0;
	for (i = 0; i < cat->nclasses; i++)
		if (cat->classes[i].id >= 0)
			cf_buf_printf(b, "%s%ld", seen++ == 0 ? "" :
			    seen == n ? " or " : ", ", cat->classes[i].id);
	return n > 0;
}

static void
code_list(const char *const *codes, size_t n, size_t stride,
    struct cf_buf *b)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		const char	*c = *(const char *const *)
		    ((const char *)codes + i * stride);

		cf_buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " :
		    ", ", c != NULL ? c : "?");
	}
}

static void
resolve_requirement(struct vctx *v, const struct cf_catalogue *cat,
    struct cf_requirement *r)
{
	const char	*id = r->id.s != NULL ? r->id.s : "?";
	struct cf_buf	 b;
	size_t		 i, j;

	cf_buf_init(&b);
	r->class_idx = cf_catalogue_class_idx(cat, r->class_id);
	/* Without one valid class, every reference would only echo that. */
	if (r->class_id >= 0 && r->class_idx == (size_t)-1 &&
	    class_list(cat, &b)) {
		verr(v, r->class_pos, "requirement %s: unknown class %ld "
		    "(expected %s)", id, r->class_id, b.data);
	}
	r->category_idx = (size_t)-1;
	for (i = 0; r->category != NULL && i < cat->ncategories; i++)
		if (cat->categories[i].code != NULL &&
		    strcmp(cat->categories[i].code, r->category) == 0)
			r->category_idx = i;
	if (r->category != NULL && r->category_idx == (size_t)-1) {
		cf_buf_reset(&b);
		code_list(&cat->categories[0].code, cat->ncategories,
		    sizeof(cat->categories[0]), &b);
		verr(v, r->category_pos, "requirement %s: unknown category "
		    "'%s' (expected %s)", id, r->category, b.data);
	}
	for (i = 0; i < r->napplicability; i++) {
		for (j = 0; j < cat->napplics; j++)
			if (cat->applics[j].code != NULL &&
			    strcmp(cat->applics[j].code,
			    r->applicability[i]) == 0)
				break;
		if (j < cat->napplics)
			continue;
		cf_buf_reset(&b);
		if (cat->napplics == 0)
			cf_buf_puts(&b, "the catalogue declares none");
		else {
			cf_buf_puts(&b, "expected ");
			code_list(&cat->applics[0].code, cat->napplics,
			    sizeof(cat->applics[0]), &b);
		}
		verr(v, r->applic_pos, "requirement %s: unknown "
		    "applicability '%s' (%s)", id, r->applicability[i],
		    b.data);
	}
	cf_buf_free(&b);
}

static void
check_section_reqs(struct vctx *v, const struct cf_catalogue *cat,
    struct cf_section *s)
{
	const char	*prev = NULL;
	size_t		 i;

	if (s->nreqs == 0)
		vwarn(v, s->pos, "section %s has no requirements",
		    s->id.s != NULL ? s->id.s : "?");
	for (i = 0; i < s->nreqs; i++) {
		struct cf_requirement	*r = &s->reqs[i];

		resolve_requirement(v, cat, r);
		if (r->id.s == NULL)
			continue;
		if (!valid_id(r->id.s))
			verr(v, r->id.pos, "requirement id '%s' is not of the "
			    "form [A-Za-z0-9][A-Za-z0-9._()-]*", r->id.s);
		else if (s->id.s != NULL && dotted_number(s->id.s) &&
		    dotted_number(r->id.s) &&
		    (strncmp(r->id.s, s->id.s, strlen(s->id.s)) != 0 ||
		    r->id.s[strlen(s->id.s)] != '.'))
			verr(v, r->id.pos, "requirement %s is not numbered "
			    "under its section %s (expected %s.N)", r->id.s,
			    s->id.s, s->id.s);
		if (prev != NULL && cf_natcmp(prev, r->id.s) > 0)
			vwarn(v, r->id.pos, "requirement %s is out of order "
			    "(it follows %s)", r->id.s, prev);
		prev = r->id.s;
	}
}

static void
check_ids(struct vctx *v, const struct cf_catalogue *cat)
{
	struct idref	*ids;
	size_t		 i, j, n = 0, total = cat->nsections;

	for (i = 0; i < cat->nsections; i++)
		total += cat->sections[i].nreqs;
	ids = cf_xcalloc(total + 1, sizeof(*ids));
	for (i = 0; i < cat->nsections; i++) {
		const struct cf_section	*s = &cat->sections[i];

		if (s->id.s != NULL)
			ids[n++] = (struct idref){ s->id.s, s->id.pos,
			    "a section" };
		for (j = 0; j < s->nreqs; j++)
			if (s->reqs[j].id.s != NULL)
				ids[n++] = (struct idref){ s->reqs[j].id.s,
				    s->reqs[j].id.pos, "a requirement" };
	}
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
			if (!valid_id(s->id.s))
				verr(v, s->id.pos, "section id '%s' is not "
				    "of the form [A-Za-z0-9][A-Za-z0-9._()-]*",
				    s->id.s);
			else if (strcmp(s->id.s, "index") == 0)
				verr(v, s->id.pos, "section id 'index' is "
				    "reserved (the guide's index page)");
			if (prev != NULL && cf_natcmp(prev, s->id.s) > 0)
				vwarn(v, s->id.pos, "section %s is out of "
				    "order (it follows %s)", s->id.s, prev);
			prev = s->id.s;
		}
		check_section_reqs(v, cat, s);
	}
	check_ids(v, cat);
}

/* A requirement text with white space folded, for duplicate detection. */
struct folded {
	char				*text;
	const struct cf_requirement	*req;
};

static char *
fold_space(const char *s)
{
	struct cf_buf	 b;
	bool		 space = false;

	cf_buf_init(&b);
	for (; *s != '\0'; s++) {
		if (isspace((unsigned char)*s)) {
			space = b.len > 0;
			continue;
		}
		if (space)
			cf_buf_putc(&b, ' ');
		space = false;
		cf_buf_putc(&b, *s);
	}
	return cf_buf_detach(&b);
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
	size_t		 i, j, n = 0, total = 0;

	for (i = 0; i < cat->nsections; i++)
		total += cat->sections[i].nreqs;
	f = cf_xcalloc(total + 1, sizeof(*f));
	for (i = 0; i < cat->nsections; i++)
		for (j = 0; j < cat->sections[i].nreqs; j++) {
			const struct cf_requirement *r =
			    &cat->sections[i].reqs[j];

			if (r->text[0] == '\0' || r->id.s == NULL)
				continue;
			f[n].text = fold_space(r->text);
			f[n++].req = r;
		}
	qsort(f, n, sizeof(*f), folded_cmp);
	for (i = 1; i < n; i++)
		if (strcmp(f[i].text, f[i - 1].text) == 0)
			vwarn(v, f[i].req->text_pos, "requirement %s has the "
			    "same text as requirement %s", f[i].req->id.s,
			    f[i - 1].req->id.s);
	for (i = 0; i < n; i++)
		free(f[i].text);
	free(f);
}

unsigned
cf_validate_catalogue(struct cf_catalogue *cat)
{
	struct vctx	 v = { cat->path, 0 };

	check_classes(&v, cat);
	check_codes(&v, cat);
	check_sections(&v, cat);
	check_duplicate_texts(&v, cat);
	return v.errors;
}

/* ------------------------------------------------------------------ */
/* Responses                                                           */

static bool
allowed_scheme(const char *url)
{
	static const char *const ok[] = { "http:", "https:", "mailto:" };
	size_t	 i;

	for (i = 0; i < 3; i++)
		if (strncasecmp(url, ok[i], strlen(ok[i])) == 0)
			return true;
	return false;
}

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

/* Symbolic links may point anywhere: compare the resolved paths too. */
static bool
inside(const char *dir, const char *full)
{
	char	 rdir[PATH_MAX], rfull[PATH_MAX];
	size_t	 n;

	if (realpath(dir, rdir) == NULL || realpath(full, rfull) == NULL)
		return true;	/* existence is checked separately */
	n = strlen(rdir);
	if (n == 1)
		return true;
	return strncmp(rdir, rfull, n) == 0 && rfull[n] == '/';
}

static void
check_evidence(struct vctx *v, const struct cf_responses *r,
    const struct cf_answer *a, const struct cf_evidence *e)
{
	struct cf_buf	 full;
	struct stat	 st;
	const char	*id = a->req_id.s;

	if (e->kind == CF_EVIDENCE_URL) {
		if (!allowed_scheme(e->ref))
			verr(v, e->pos, "requirement %s: evidence '%s' uses a "
			    "URL scheme other than http, https or mailto",
			    id, e->ref);
		return;
	}
	if (e->ref[0] == '/') {
		verr(v, e->pos, "requirement %s: evidence path '%s' is "
		    "absolute; give it relative to the responses folder",
		    id, e->ref);
		return;
	}
	if (climbs_out(e->ref)) {
		verr(v, e->pos, "requirement %s: evidence path '%s' leaves "
		    "the responses folder", id, e->ref);
		return;
	}
	cf_buf_init(&full);
	cf_buf_printf(&full, "%s/%s", r->dir, e->ref);
	if (stat(full.data, &st) == -1)
		verr(v, e->pos, "requirement %s: evidence file '%s' not "
		    "found (%s)", id, e->ref, strerror(errno));
	else if (!S_ISREG(st.st_mode))
		verr(v, e->pos, "requirement %s: evidence '%s' is not a "
		    "regular file", id, e->ref);
	else if (!inside(r->dir, full.data))
		verr(v, e->pos, "requirement %s: evidence path '%s' is a "
		    "symbolic link that leads out of the responses folder",
		    id, e->ref);
	cf_buf_free(&full);
}

static const char *
closest_id(const struct cf_catalogue *cat, const char *id)
{
	const char	*best = NULL;
	size_t		 i, j, d, bestd = 3;

	for (i = 0; i < cat->nsections; i++)
		for (j = 0; j < cat->sections[i].nreqs; j++) {
			const char *cand = cat->sections[i].reqs[j].id.s;

			if (cand == NULL)
				continue;
			d = cf_edit_distance(id, cand, 2);
			if (d < bestd)
				bestd = d, best = cand;
		}
	return best;
}

static void
answer_codes(const struct cf_catalogue *cat, struct cf_buf *b)
{
	code_list(&cat->answers[0].code, cat->nanswers,
	    sizeof(cat->answers[0]), b);
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
		if ((near = closest_id(cat, id)) != NULL)
			verr(v, a->req_id.pos, "answer to unknown requirement "
			    "%s (did you mean %s?)", id, near);
		else
			verr(v, a->req_id.pos, "answer to unknown requirement "
			    "%s", id);
	} else if (a->req->status != CF_STATUS_ACTIVE)
		vwarn(v, a->req_id.pos, "requirement %s is %s; its answer is "
		    "ignored", id, a->req->status == CF_STATUS_RESERVED ?
		    "reserved" : "withdrawn");
	if (a->code.s != NULL &&
	    (a->acode = cf_catalogue_answer(cat, a->code.s)) == NULL) {
		cf_buf_init(&b);
		answer_codes(cat, &b);
		verr(v, a->code.pos, "requirement %s: unknown answer '%s' "
		    "(expected %s)", id, a->code.s, b.data);
		cf_buf_free(&b);
	}
	if (a->acode != NULL && a->acode->needs_justification &&
	    (a->justification == NULL || a->justification[0] == '\0'))
		verr(v, a->code.pos, "requirement %s: answer %s needs a "
		    "justification", id, a->acode->code);
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
	verr(v, pos, "responses answer %s %s, catalogue is %s %s",
	    r->catalogue.s, r->version.s, cat->id, cat->version);
	return false;
}

static void
check_claim(struct vctx *v, const struct cf_catalogue *cat,
    struct cf_responses *r)
{
	struct cf_buf	 b;
	size_t		 i;

	cf_buf_init(&b);
	r->claim.class_idx = cf_catalogue_class_idx(cat, r->claim.class_id);
	if (r->claim.class_id >= 0 && r->claim.class_idx == (size_t)-1 &&
	    class_list(cat, &b)) {
		verr(v, r->claim.class_pos, "claimed class %ld is not a class "
		    "of %s %s (expected %s)", r->claim.class_id, cat->id,
		    cat->version, b.data);
	}
	if (r->claim.applicability.s != NULL) {
		for (i = 0; i < cat->napplics; i++)
			if (strcmp(cat->applics[i].code,
			    r->claim.applicability.s) == 0)
				break;
		if (i == cat->napplics) {
			cf_buf_reset(&b);
			if (cat->napplics == 0)
				cf_buf_puts(&b, "the catalogue declares none");
			else {
				cf_buf_puts(&b, "expected ");
				code_list(&cat->applics[0].code, cat->napplics,
				    sizeof(cat->applics[0]), &b);
			}
			verr(v, r->claim.applicability.pos, "claimed "
			    "applicability '%s' is not declared (%s)",
			    r->claim.applicability.s, b.data);
		}
	}
	cf_buf_free(&b);
}

unsigned
cf_validate_responses(const struct cf_catalogue *cat, struct cf_responses *r)
{
	struct vctx	 v = { r->path, 0 };
	size_t		 i;

	if (r->product.id.s != NULL && strcmp(r->product.id.s, "guide") == 0)
		verr(&v, r->product.id.pos, "product id 'guide' is reserved "
		    "(the guide's folder)");
	check_claim(&v, cat, r);
	r->matches_catalogue = check_release(&v, cat, r);
	if (!r->matches_catalogue)
		return v.errors;
	for (i = 0; i < r->nanswers; i++)
		check_answer(&v, cat, r, &r->answers[i]);
	return v.errors;
}
