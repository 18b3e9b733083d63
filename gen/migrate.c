/*
 * migrate.c -- `cfgen migrate RESPONSES --to NEW [--from OLD] [-o FILE]`
 * (releases.md "Migrate").
 *
 * The responses file is edited as text, never re-dumped: libyaml keeps
 * no comments, and a manufacturer's comments, key order and quoting are
 * part of their file.  The model (load.h, validate.h) and the release
 * comparison (diff.h) decide what to change; the positions of the YAML
 * tree (yamlread.h) say where.  Every change is an edit -- insert or
 * replace a byte range -- and the edits are applied in one pass, so an
 * untouched answer is carried over byte for byte.
 */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "inputs.h"
#include "load.h"
#include "output.h"
#include "validate.h"
#include "yamlread.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_MIGRATE

static const char usage[] =
    "usage: cfgen migrate RESPONSES --to NEW_CATALOGUE "
    "[--from OLD_CATALOGUE] [-o FILE] [--force]\n";

static const char help[] =
    "Rewrite a responses file for a new catalogue release.  Unchanged\n"
    "answers are kept byte for byte; answers to changed requirements get\n"
    "`review: true` and a comment saying what changed; answers to\n"
    "withdrawn or reserved requirements are removed (left as comments);\n"
    "new requirements are listed as comments under `answers:`; the\n"
    "declaration becomes a comment, to be signed again.\n\n"
    "  --to FILE        the new release (required)\n"
    "  --from FILE      the release the responses answer (default:\n"
    "                   <version>.yaml beside the new release)\n"
    "  -o, --output FILE  write FILE, - for standard output (default:\n"
    "                   <name>.<new version>.yaml beside RESPONSES)\n"
    "      --force      replace the file written if it exists (else an\n"
    "                   error)\n"
    "  -h, --help       show this help\n\n"
    "Exit status: 0 written, 1 invalid input, 2 usage, 4 system error.\n";

/* Comment lines are wrapped to this width, indentation included. */
#define WRAP	78

struct options {
	const char	*responses, *to, *from;
	struct cf_output out;		/* -o, --force */
};

struct edit {
	size_t	 start, end;	/* bytes of the original replaced */
	char	*text;
	size_t	 seq;		/* creation order breaks ties */
};

struct mig {
	const struct cf_ydoc		*doc;
	size_t				*lines;	/* offset of each line */
	size_t				 nlines;
	const struct cf_catalogue	*old, *new;
	const struct cf_responses	*resp;
	const struct cf_diff		*diff;
	struct cf_claim			 claim;	/* resolved against NEW */
	const char			*nl;	/* the file's line ending */
	struct cf_arena			 a;
	struct edit			*edits;
	size_t				 nedits;
	size_t				 nreview, nremoved, nnew;
	bool				 codes_changed;	/* answer codes */
	bool				 failed;
};

/* Offsets and lines of the original text. */

/*
 * Byte offset of a position, through a table of line starts: the file
 * may hold a hundred thousand answers, each needing a few offsets, so
 * scanning from the top each time would be quadratic.
 */
static void
index_lines(struct mig *m)
{
	size_t	 i, n = 1;

	for (i = 0; i < m->doc->len; i++)
		n += m->doc->text[i] == '\n';
	m->lines = cf_xcalloc(n, sizeof(*m->lines));
	m->nlines = 1;
	for (i = 0; i < m->doc->len; i++)
		if (m->doc->text[i] == '\n')
			m->lines[m->nlines++] = i + 1;
}

static size_t
off(const struct mig *m, struct cf_pos p)
{
	size_t	 o, end;
	int	 col;

	if (p.line < 1)
		return 0;
	if ((size_t)p.line > m->nlines)
		return m->doc->len;
	o = m->lines[p.line - 1];
	end = (size_t)p.line < m->nlines ? m->lines[p.line] : m->doc->len;
	/* Columns count characters: step over UTF-8 continuation bytes. */
	for (col = 1; col < p.col && o < end && m->doc->text[o] != '\n';
	    col++)
		do
			o++;
		while (o < end && ((unsigned char)m->doc->text[o] & 0xc0) ==
		    0x80);
	return o;
}

static size_t
line_start(const struct mig *m, size_t o)
{
	while (o > 0 && m->doc->text[o - 1] != '\n')
		o--;
	return o;
}

static size_t
next_line(const struct mig *m, size_t o)
{
	while (o < m->doc->len && m->doc->text[o] != '\n')
		o++;
	return o < m->doc->len ? o + 1 : o;
}

/* Only spaces between the start of o's line and o: a block-style key. */
static bool
starts_line(const struct mig *m, size_t o)
{
	size_t	 s;

	for (s = line_start(m, o); s < o; s++)
		if (m->doc->text[s] != ' ')
			return false;
	return true;
}

static bool
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Just past the last character of a node's own text.  A block
 * collection's end mark is where the next token begins (after comments
 * and blank lines that belong to what follows), so its last item tells
 * instead; a flow collection or a scalar ends at its mark, less the line
 * breaks a block scalar takes with it.
 */
static size_t
content_end(const struct mig *m, const struct cf_ynode *n)
{
	size_t	 e;

	for (;;) {
		e = off(m, n->end);
		if (n->type == CF_Y_SCALAR || n->n == 0 || e == 0 ||
		    !is_space(m->doc->text[e - 1]))
			break;
		n = n->items[n->n - 1];
	}
	while (e > 0 && is_space(m->doc->text[e - 1]))
		e--;
	return e;
}

static void
edit_add(struct mig *m, size_t start, size_t end, const struct cf_buf *b)
{
	struct edit	*e;

	if (m->nedits % 16 == 0)
		m->edits = cf_xrealloc(m->edits,
		    (m->nedits + 16) * sizeof(*m->edits));
	e = &m->edits[m->nedits];
	e->start = start;
	e->end = end;
	e->text = cf_arena_strndup(&m->a, b->data != NULL ? b->data : "",
	    b->len);
	e->seq = m->nedits++;
}

/* Comments. */

static void
indent(struct cf_buf *b, size_t n)
{
	while (n-- > 0)
		cf_buf_putc(b, ' ');
}

/*
 * One comment paragraph, folded and wrapped at WRAP: every line is
 * indentation, "# ", then lead (first line) or cont (the others); a word
 * follows a prefix that does not end in a space after one space.
 */
static void
comment(struct mig *m, struct cf_buf *b, size_t ind, const char *lead,
    const char *cont, const char *text)
{
	const char	*w = cf_fold_space(&m->a, text), *e, *prefix = lead;
	size_t		 col, len;
	bool		 empty = true;

	indent(b, ind);
	cf_buf_printf(b, "# %s", prefix);
	col = ind + 2 + strlen(prefix);
	for (; *w != '\0'; w += len + (w[len] == ' ')) {
		e = strchr(w, ' ');
		len = e != NULL ? (size_t)(e - w) : strlen(w);
		if (!empty && col + 1 + len > WRAP) {
			cf_buf_puts(b, m->nl);
			indent(b, ind);
			prefix = cont;
			cf_buf_printf(b, "# %s", prefix);
			col = ind + 2 + strlen(prefix);
			empty = true;
		}
		if (!empty || (*prefix != '\0' &&
		    prefix[strlen(prefix) - 1] != ' ')) {
			cf_buf_putc(b, ' ');
			col++;
		}
		cf_buf_put(b, w, len);
		col += len;
		empty = false;
	}
	cf_buf_puts(b, m->nl);
}

static void
commentf(struct mig *m, struct cf_buf *b, size_t ind, const char *lead,
    const char *cont, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

static void
commentf(struct mig *m, struct cf_buf *b, size_t ind, const char *lead,
    const char *cont, const char *fmt, ...)
{
	va_list	 ap;
	char	*t;

	va_start(ap, fmt);
	t = cf_xvasprintf(fmt, ap);
	va_end(ap);
	comment(m, b, ind, lead, cont, t);
	free(t);
}

/* The original lines [start, end) as comments, ind spaces kept. */
static void
comment_out(const struct mig *m, struct cf_buf *b, size_t start, size_t end,
    size_t ind)
{
	const char	*t = m->doc->text;
	size_t		 s, e, le, k;

	for (s = start; s < end; s = e) {
		if ((e = next_line(m, s)) > end)
			e = end;
		le = e;
		if (le > s && t[le - 1] == '\n')
			le--;
		if (le > s && t[le - 1] == '\r')
			le--;
		for (k = s; k < le && k - s < ind && t[k] == ' '; k++)
			continue;
		indent(b, ind);
		if (k == le)
			cf_buf_putc(b, '#');
		else {
			cf_buf_puts(b, "# ");
			cf_buf_put(b, t + k, le - k);
		}
		cf_buf_puts(b, m->nl);
	}
}

/* "2 and above", kept in the arena for the comment being built. */
static const char *
class_label(struct mig *m, const struct cf_requirement *q)
{
	char	 buf[48];

	return cf_arena_strdup(&m->a, cf_class_label(q, buf,
	    sizeof(buf)));
}

/* Edits. */

static void
replace_scalar(struct mig *m, const struct cf_ynode *v, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
replace_scalar(struct mig *m, const struct cf_ynode *v, const char *fmt, ...)
{
	struct cf_buf	 b;
	va_list		 ap;

	cf_buf_init(&b);
	va_start(ap, fmt);
	cf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	edit_add(m, off(m, v->pos), content_end(m, v), &b);
	cf_buf_free(&b);
}

static void
cannot_edit(struct mig *m, const struct cf_ynode *n, const char *what)
{
	cf_diag(CF_ERROR, m->resp->path, n->pos.line, n->pos.col, "%s is "
	    "written in YAML flow style, which migrate cannot edit; write it "
	    "as a block mapping (one key per line) and migrate again", what);
	m->failed = true;
}

static bool
is_new_active(const struct cf_req_diff *rd)
{
	return rd->new != NULL && rd->new->status == CF_STATUS_ACTIVE &&
	    ((rd->changes & CF_RD_ADDED) || ((rd->changes & CF_RD_STATUS) &&
	    rd->old->status != CF_STATUS_ACTIVE));
}

static void
list_new(struct mig *m, const struct cf_ynode *answers, size_t key_off)
{
	const struct cf_req_diff	*rd;
	struct cf_buf			 b;
	size_t				 i, ind = 2;
	const char			*fits;

	if (answers->type == CF_Y_MAP && answers->n > 0)
		ind = (size_t)answers->keys[0]->pos.col - 1;
	cf_buf_init(&b);
	for (i = 0; i < m->diff->nreqs; i++) {
		rd = &m->diff->reqs[i];
		if (!is_new_active(rd))
			continue;
		if (m->nnew++ == 0)
			commentf(m, &b, ind, "", "", "cfgen migrate: new in %s "
			    "%s; answer each that applies to the claim:",
			    m->new->id, m->new->version);
		fits = cf_applies(m->new, rd->new, &m->claim) ? "applies" :
		    "does not apply";
		commentf(m, &b, ind, "", "  ", "\"%s\"%s%s%s: class %s, %s, "
		    "applicability %s; %s to this claim at class %ld%s:",
		    rd->id, rd->new->title != NULL ? " (" : "",
		    rd->new->title != NULL ? rd->new->title : "",
		    rd->new->title != NULL ? ")" : "",
		    class_label(m, rd->new),
		    cf_diff_category_label(&m->a, m->new, rd->new),
		    cf_diff_applic_label(&m->a, rd->new), fits,
		    m->claim.class_id,
		    (rd->changes & CF_RD_STATUS) ? "; reinstated" : "");
		if (rd->new->parent != NULL)
			commentf(m, &b, ind, "  ", "  ", "part of %s",
			    rd->new->parent->id.s);
		if (rd->new->cond != NULL)
			commentf(m, &b, ind, "  ", "  ", "condition: %s",
			    rd->new->condition.s);
		comment(m, &b, ind, "  ", "  ", rd->new->text);
	}
	if (b.len > 0)
		edit_add(m, next_line(m, key_off), next_line(m, key_off), &b);
	cf_buf_free(&b);
}

static void
what_changed(struct mig *m, struct cf_buf *b, size_t ind,
    const struct cf_req_diff *rd)
{
	const struct cf_requirement	*o = rd->old, *n = rd->new;
	const char			*s;

	if (rd->changes & CF_RD_STATUS)
		commentf(m, b, ind, "  ", "    ", "was %s in %s, active again "
		    "in %s", cf_diff_status_name(o->status), m->old->version,
		    m->new->version);
	if (rd->changes & CF_RD_CLASS) {
		s = (rd->stricter & CF_RD_CLASS) ? "; stricter" : "";
		commentf(m, b, ind, "  ", "    ", "class was %s, now %s%s",
		    class_label(m, o), class_label(m, n), s);
	}
	if (rd->changes & CF_RD_CATEGORY) {
		s = (rd->stricter & CF_RD_CATEGORY) ? "; stricter" : "";
		commentf(m, b, ind, "  ", "    ", "category was %s, now %s%s",
		    cf_diff_category_label(&m->a, m->old, o),
		    cf_diff_category_label(&m->a, m->new, n), s);
	}
	if (rd->changes & CF_RD_APPLIC) {
		s = (rd->stricter & CF_RD_APPLIC) ? "; stricter" : "";
		commentf(m, b, ind, "  ", "    ", "applicability was %s, now "
		    "%s%s", cf_diff_applic_label(&m->a, o),
		    cf_diff_applic_label(&m->a, n), s);
	}
	if (rd->changes & CF_RD_CONDITION) {
		s = (rd->stricter & CF_RD_CONDITION) ? "; stricter" : "";
		commentf(m, b, ind, "  ", "    ", "condition was %s, now %s%s",
		    o->cond != NULL ? o->condition.s : "none",
		    n->cond != NULL ? n->condition.s : "none", s);
	}
	if (rd->changes & (CF_RD_TEXT | CF_RD_STATUS)) {
		comment(m, b, ind, "  text was:", "    ", o->text);
		comment(m, b, ind, "  text now:", "    ", n->text);
	}
}

static void
flag_review(struct mig *m, const struct cf_ynode *k, const struct cf_ynode *v,
    const struct cf_req_diff *rd)
{
	const struct cf_ynode	*review;
	struct cf_buf		 b;
	size_t			 at, ind;
	bool			 block;

	if (v->type != CF_Y_MAP || v->n == 0 ||
	    !starts_line(m, off(m, k->pos))) {
		cannot_edit(m, k, "`answers`");
		return;
	}
	/* A block answer gets the comment inside, a flow one above it. */
	block = starts_line(m, off(m, v->keys[0]->pos));
	at = line_start(m, off(m, block ? v->keys[0]->pos : k->pos));
	ind = (size_t)(block ? v->keys[0]->pos.col : k->pos.col) - 1;
	cf_buf_init(&b);
	commentf(m, &b, ind, "", "", "cfgen migrate: requirement %s changed "
	    "in %s %s; check this answer, then delete `review: true`:",
	    rd->id, m->new->id, m->new->version);
	what_changed(m, &b, ind, rd);
	if ((review = cf_ymap_get(v, "review")) != NULL)
		replace_scalar(m, review, "true");
	else if (block) {
		indent(&b, ind);
		cf_buf_printf(&b, "review: true%s", m->nl);
	} else {
		struct cf_buf	 key;
		size_t		 first = off(m, v->keys[0]->pos);

		cf_buf_init(&key);
		cf_buf_puts(&key, "review: true, ");
		edit_add(m, first, first, &key);
		cf_buf_free(&key);
	}
	edit_add(m, at, at, &b);
	cf_buf_free(&b);
	m->nreview++;
}

static void
remove_answer(struct mig *m, const struct cf_ynode *k, const struct cf_ynode *v,
    const char *id, const struct cf_requirement *n)
{
	struct cf_buf			 b;
	size_t				 start, end, ind;

	if (!starts_line(m, off(m, k->pos))) {
		cannot_edit(m, k, "`answers`");
		return;
	}
	start = line_start(m, off(m, k->pos));
	end = next_line(m, content_end(m, v) - 1);
	ind = (size_t)k->pos.col - 1;
	cf_buf_init(&b);
	if (n == NULL)
		commentf(m, &b, ind, "", "", "cfgen migrate: requirement %s is "
		    "not in %s %s, so this answer was removed:", id,
		    m->new->id, m->new->version);
	else {
		commentf(m, &b, ind, "", "", "cfgen migrate: requirement %s is "
		    "%s in %s %s, so this answer was removed:", id,
		    cf_diff_status_name(n->status), m->new->id,
		    m->new->version);
		if (n->note != NULL)
			comment(m, &b, ind, "  Note:", "    ", n->note);
	}
	comment_out(m, &b, start, end, ind);
	edit_add(m, start, end, &b);
	cf_buf_free(&b);
	m->nremoved++;
}

/*
 * The answer loaded from key i of `answers`: the loader keeps file order
 * and a valid file has no key it skipped, so the index is the answer's.
 */
static const struct cf_answer *
answer_at(const struct mig *m, size_t i, const char *id)
{
	if (i < m->resp->nanswers &&
	    strcmp(m->resp->answers[i].req_id.s, id) == 0)
		return &m->resp->answers[i];
	return cf_responses_find(m->resp, id);
}

static void
migrate_answers(struct mig *m, const struct cf_ynode *answers)
{
	const struct cf_requirement	*n;
	const struct cf_req_diff	*rd;
	const struct cf_answer		*ans;
	const char			*id;
	size_t				 i;

	for (i = 0; i < answers->n; i++) {
		if (answers->keys[i]->type != CF_Y_SCALAR)
			continue;
		id = answers->keys[i]->value;
		if ((ans = answer_at(m, i, id)) == NULL || ans->req == NULL)
			continue;
		/* Unchanged ids keep their status, so OLD's tells. */
		rd = cf_diff_find(m->diff, id);
		n = rd != NULL ? rd->new : ans->req;
		if (n == NULL || n->status != CF_STATUS_ACTIVE) {
			if (n == NULL)
				cf_diag(CF_WARNING, m->new->path, 0, 0,
				    "requirement %s answered by %s disappeared "
				    "from %s %s; its answer was removed", id,
				    m->resp->path, m->new->id, m->new->version);
			remove_answer(m, answers->keys[i], answers->items[i],
			    id, n);
			continue;
		}
		if (m->codes_changed && ans->code.s != NULL &&
		    cf_catalogue_answer(m->new, ans->code.s) == NULL) {
			cf_diag(CF_ERROR, m->resp->path, ans->code.pos.line,
			    ans->code.pos.col, "answer code '%s' of %s is not "
			    "accepted by %s %s; change it and migrate again",
			    ans->code.s, id, m->new->id, m->new->version);
			m->failed = true;
		}
		if (rd != NULL && (rd->changes & (CF_RD_REVIEW | CF_RD_STATUS)))
			flag_review(m, answers->keys[i], answers->items[i],
			    rd);
	}
}

static void
comment_declaration(struct mig *m, const struct cf_ynode *k,
    const struct cf_ynode *v)
{
	struct cf_buf	 b;
	size_t		 start = line_start(m, off(m, k->pos));
	size_t		 end = next_line(m, content_end(m, v) - 1);

	cf_buf_init(&b);
	commentf(m, &b, 0, "", "", "cfgen migrate: this declaration was "
	    "signed for %s %s. A declaration is signed for one release: once "
	    "the answers are reviewed, sign again for %s.", m->old->id,
	    m->old->version, m->new->version);
	comment_out(m, &b, start, end, 0);
	edit_add(m, start, end, &b);
	cf_buf_free(&b);
}

static void
header(struct mig *m, const struct cf_ynode *root)
{
	struct cf_buf	 b;
	size_t		 at = line_start(m, off(m, root->keys[0]->pos));

	cf_buf_init(&b);
	commentf(m, &b, 0, "", "", "Migrated from %s %s to %s by cfgen "
	    "migrate: %zu answer%s to review (marked `review: true`), %zu "
	    "removed, %zu new requirement%s listed under `answers`.%s",
	    m->new->id, m->old->version, m->new->version, m->nreview,
	    m->nreview == 1 ? "" : "s", m->nremoved, m->nnew,
	    m->nnew == 1 ? "" : "s",
	    cf_ymap_get(root, "declaration") != NULL ? " The declaration "
	    "was turned into a comment: sign it again." : "");
	edit_add(m, at, at, &b);
	cf_buf_free(&b);
}

static size_t
key_index(const struct cf_ynode *map, const char *key)
{
	size_t	 i;

	for (i = 0; i < map->n; i++)
		if (map->keys[i]->type == CF_Y_SCALAR &&
		    strcmp(map->keys[i]->value, key) == 0)
			return i;
	return (size_t)-1;
}

static void
plan(struct mig *m)
{
	const struct cf_ynode	*root = m->doc->root;
	const struct cf_ynode	*version, *revision;
	size_t			 i, ia, id;

	version = cf_ymap_get(root, "version");
	revision = cf_ymap_get(root, "revision");
	ia = key_index(root, "answers");
	/* All three are required keys of the valid tree the model holds. */
	for (i = 0; i < m->diff->nother; i++)
		if (m->diff->other[i].kind == CF_CHG_ANSWER)
			m->codes_changed = true;
	if (m->resp->revision == LONG_MAX) {
		cf_diag(CF_ERROR, m->resp->path, revision->pos.line,
		    revision->pos.col, "revision %ld cannot be incremented",
		    m->resp->revision);
		m->failed = true;
		return;
	}
	replace_scalar(m, version, "\"%s\"", m->new->version);
	replace_scalar(m, revision, "%ld", m->resp->revision + 1);
	list_new(m, root->items[ia], off(m, root->keys[ia]->pos));
	if (root->items[ia]->type == CF_Y_MAP)
		migrate_answers(m, root->items[ia]);
	if ((id = key_index(root, "declaration")) != (size_t)-1) {
		if (!starts_line(m, off(m, root->keys[id]->pos)))
			cannot_edit(m, root, "the responses file");
		else
			comment_declaration(m, root->keys[id],
			    root->items[id]);
	}
	header(m, root);
}

static int
edit_order(const void *a, const void *b)
{
	const struct edit	*x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int
apply(struct mig *m, struct cf_buf *out)
{
	size_t	 i, at = 0;

	qsort(m->edits, m->nedits, sizeof(*m->edits), edit_order);
	for (i = 0; i < m->nedits; i++) {
		const struct edit	*e = &m->edits[i];

		/* Edits touch disjoint nodes of the text read. */
		if (e->start < at || e->end < e->start ||
		    e->end > m->doc->len) {
			cf_diag(CF_ERROR, m->resp->path, 0, 0, "edits "
			    "overlap or run past the end of the file (did it "
			    "change while being migrated?)");
			return -1;
		}
		cf_buf_put(out, m->doc->text + at, e->start - at);
		cf_buf_puts(out, e->text);
		at = e->end;
	}
	cf_buf_put(out, m->doc->text + at, m->doc->len - at);
	return 0;
}

/* Loading and checking. */

static bool
version_ok(const char *v)
{
	const char	*p;

	if (v == NULL || !((*v >= 'a' && *v <= 'z') ||
	    (*v >= 'A' && *v <= 'Z') || (*v >= '0' && *v <= '9')))
		return false;
	for (p = v; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '+'))
			return false;
	return true;
}

/* OLD by the catalogue/<id>/<version>.yaml convention, beside NEW. */
static char *
default_from(const struct cf_responses *r, const char *to)
{
	const char	*slash = strrchr(to, '/');
	struct cf_buf	 b;

	if (!version_ok(r->version.s)) {
		cf_diag(CF_ERROR, r->path, r->version.pos.line,
		    r->version.pos.col, "version '%s' does not name a release "
		    "file; give the release these responses answer with "
		    "--from", r->version.s != NULL ? r->version.s : "");
		return NULL;
	}
	cf_buf_init(&b);
	if (slash != NULL)
		cf_buf_put(&b, to, (size_t)(slash - to + 1));
	cf_buf_printf(&b, "%s.yaml", r->version.s);
	return cf_buf_detach(&b);
}

static bool
check_releases(const struct cf_catalogue *old, const struct cf_catalogue *new)
{
	if (strcmp(old->id, new->id) != 0) {
		cf_diag(CF_ERROR, new->path, new->id_pos.line, new->id_pos.col,
		    "catalogue id '%s' is not '%s' of %s: responses move "
		    "between releases of one catalogue", new->id, old->id,
		    old->path);
		return false;
	}
	if (strcmp(old->version, new->version) == 0) {
		cf_diag(CF_ERROR, new->path, new->version_pos.line,
		    new->version_pos.col, "%s and %s are both release %s of "
		    "%s: nothing to migrate", old->path, new->path,
		    new->version, new->id);
		return false;
	}
	return true;
}

/* The claim must still make sense in NEW. */
static bool
resolve_claim(struct mig *m)
{
	const struct cf_claim	*c = &m->resp->claim;
	size_t			 i;

	m->claim = *c;
	m->claim.class_idx = cf_catalogue_class_idx(m->new, c->class_id);
	if (m->claim.class_idx == (size_t)-1) {
		cf_diag(CF_ERROR, m->resp->path, c->class_pos.line,
		    c->class_pos.col, "class %ld is not a class of %s %s; "
		    "change the claim and migrate again", c->class_id,
		    m->new->id, m->new->version);
		return false;
	}
	if (c->applicability.s == NULL)
		return true;
	for (i = 0; i < m->new->napplics; i++)
		if (strcmp(m->new->applics[i].code, c->applicability.s) == 0)
			return true;
	cf_diag(CF_ERROR, m->resp->path, c->applicability.pos.line,
	    c->applicability.pos.col, "applicability '%s' is not a code of "
	    "%s %s; change the claim and migrate again", c->applicability.s,
	    m->new->id, m->new->version);
	return false;
}

static void
print_outcome(const struct mig *m, const char *output)
{
	printf("%s: %s migrated to %s %s as revision %ld: %zu answer%s to "
	    "review, %zu removed, %zu new requirement%s\n",
	    m->resp->product.id.s, output, m->new->id, m->new->version,
	    m->resp->revision + 1, m->nreview, m->nreview == 1 ? "" : "s",
	    m->nremoved, m->nnew, m->nnew == 1 ? "" : "s");
}

/*
 * YAML also breaks lines at a lone CR, NEL, LS and PS; positions would
 * then count lines this file's line table does not see.
 */
static bool
plain_line_ends(const struct mig *m)
{
	const char	*t = m->doc->text;
	size_t		 i;

	for (i = 0; i < m->doc->len; i++)
		if ((t[i] == '\r' && t[i + 1] != '\n') ||
		    (t[i] == '\xc2' && t[i + 1] == '\x85') ||
		    (t[i] == '\xe2' && t[i + 1] == '\x80' &&
		    (t[i + 2] == '\xa8' || t[i + 2] == '\xa9'))) {
			cf_diag(CF_ERROR, m->resp->path, 0, 0, "migrate edits "
			    "files whose lines end in LF or CR LF only, and "
			    "this one has another line break (a lone CR, NEL, "
			    "LS or PS)");
			return false;
		}
	return true;
}

/*
 * Without -o: <name>.<new version>.yaml beside the responses, so the
 * file the answers came from is never the one replaced.
 */
static char *
beside(const char *responses, const char *version)
{
	struct cf_buf	 b;
	const char	*base = strrchr(responses, '/'), *dot;
	size_t		 n;

	base = base != NULL ? base + 1 : responses;
	dot = strrchr(base, '.');
	n = dot != NULL && dot > base && (strcmp(dot, ".yaml") == 0 ||
	    strcmp(dot, ".yml") == 0) ? (size_t)(dot - responses) :
	    strlen(responses);
	cf_buf_init(&b);
	cf_buf_put(&b, responses, n);
	cf_buf_printf(&b, ".%s.yaml", version);
	return cf_buf_detach(&b);
}

static void
migrate(struct mig *m, const char *output, bool force)
{
	struct cf_buf	 out;
	const char	*nl;
	char		*path;

	/* The tree the model was loaded from: the bytes that validated. */
	if ((m->doc = m->resp->doc) == NULL || m->doc->root == NULL ||
	    m->doc->root->type != CF_Y_MAP)
		return;
	/* Inserted lines end as the file's first line does. */
	nl = strchr(m->doc->text, '\n');
	m->nl = nl != NULL && nl > m->doc->text && nl[-1] == '\r' ?
	    "\r\n" : "\n";
	if (!plain_line_ends(m))
		return;
	index_lines(m);
	plan(m);
	if (m->failed)
		return;
	cf_buf_init(&out);
	path = output != NULL ? cf_xstrdup(output) :
	    beside(m->resp->path, m->new->version);
	if (apply(m, &out) == 0 &&
	    cf_out_write_file(path, out.data, out.len, force) == 0 &&
	    strcmp(path, "-") != 0)
		print_outcome(m, path);
	free(path);
	cf_buf_free(&out);
}

static void
run(const struct options *o)
{
	struct cf_responses	*resp;
	struct cf_inputs	 oin, nin;
	struct cf_diff		 d;
	struct mig		 m;
	char			*from = NULL;
	unsigned		 errors = cf_diag_count(CF_ERROR) +
	    cf_diag_count(CF_SYSERR);
	bool			 ok;

	memset(&oin, 0, sizeof(oin));
	memset(&nin, 0, sizeof(nin));
	if ((resp = cf_responses_load(o->responses)) == NULL ||
	    cf_diag_count(CF_ERROR) + cf_diag_count(CF_SYSERR) != errors)
		goto out;
	from = o->from != NULL ? cf_xstrdup(o->from) :
	    default_from(resp, o->to);
	if (from == NULL)
		goto out;
	ok = cf_inputs_load(&oin, from, NULL, 0);
	ok = cf_inputs_load(&nin, o->to, NULL, 0) && ok;
	/* The answers must be valid for the release they answer. */
	if (!ok || !check_releases(oin.cat, nin.cat) ||
	    cf_validate_responses(oin.cat, resp) > 0)
		goto out;
	memset(&m, 0, sizeof(m));
	cf_arena_init(&m.a);
	m.old = oin.cat;
	m.new = nin.cat;
	m.resp = resp;
	if (resolve_claim(&m)) {
		cf_diff_compute(&d, oin.cat, nin.cat);
		m.diff = &d;
		migrate(&m, o->out.path, o->out.force);
		cf_diff_free(&d);
	}
	free(m.edits);
	free(m.lines);
	cf_arena_free(&m.a);
out:
	free(from);
	cf_inputs_free(&oin);
	cf_inputs_free(&nin);
	cf_responses_free(resp);
}

static const struct option longopts[] = {
	{ "to", required_argument, NULL, 't' },
	{ "from", required_argument, NULL, 'F' },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, CF_OPT_FORCE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"migrate", usage, help, "o:", longopts
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;

	switch (c) {
	case CF_OPERAND:
		if (o->responses != NULL)
			return cf_usage_error(usage, "migrate: too many "
			    "operands ('%s')", arg);
		o->responses = arg;
		return 0;
	case 't':
		o->to = arg;
		return 0;
	case 'F':
		o->from = arg;
		return 0;
	default:	/* 'o', CF_OPT_FORCE */
		return cf_output_option(&command, &o->out, c, arg);
	}
}

/* Returns -1 to go on, or the exit status (help, usage error). */
static int
parse_options(int argc, char *argv[], struct options *o)
{
	int	 rc;

	memset(o, 0, sizeof(*o));
	if ((rc = cf_parse_args(&command, argc, argv, option, o)) != -1)
		return rc;
	if (o->responses == NULL)
		return cf_usage_error(usage, "migrate: missing RESPONSES");
	if (o->to == NULL)
		return cf_usage_error(usage, "migrate: missing --to "
		    "NEW_CATALOGUE");
	return -1;
}

int
cf_cmd_migrate(int argc, char *argv[])
{
	struct options	 o;
	int		 rc;

	if ((rc = parse_options(argc, argv, &o)) != -1)
		return rc;
	run(&o);
	cf_diag_flush();
	return cf_diag_exit();
}
