/*
 * render_diff.c -- the change report between two releases, in Markdown
 * and in self-contained HTML (releases.md "Diff").
 *
 * Both formats walk the same groups in the same order; each block
 * emitter branches on the format, so the two documents cannot drift
 * apart.  Plain values are escaped for the format (mustache.h); md fields
 * go through richtext.h, which shows raw HTML as text and unwraps unsafe
 * links.  Changed texts are shown as their folded source, word by word, so every
 * difference is visible, markup included.
 */
#include "diff.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mustache.h"
#include "richtext.h"
#include "templates.h"

struct rd {
	const struct cf_diff		*d;
	const struct cf_diff_render	*opts;
	struct cf_buf			*out;
	struct cf_arena			 a;
	bool				 html;
};

static void
put(struct rd *r, const char *s)
{
	cf_buf_puts(r->out, s);
}

static void
putf(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
putf(struct rd *r, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	cf_buf_vprintf(r->out, fmt, ap);
	va_end(ap);
}

/* Plain text, escaped for the format. */
static void
text(struct rd *r, const char *s)
{
	if (r->html)
		cf_escape_html(r->out, s != NULL ? s : "");
	else
		cf_escape_md(r->out, s != NULL ? s : "");
}

static void
textf(struct rd *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
textf(struct rd *r, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = cf_xvasprintf(fmt, ap);
	va_end(ap);
	text(r, s);
	free(s);
}

/* An md field as blocks; in Markdown, prefix starts every line. */
static void
rich(struct rd *r, const char *md, const char *prefix)
{
	struct cf_rich	 rt;
	const char	*p, *nl;

	cf_rich_render(&r->a, md, r->html ? CF_RICH_HTML : CF_RICH_MD, &rt);
	if (r->html) {
		putf(r, "%s\n", rt.html);
		return;
	}
	for (p = rt.md; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		cf_buf_puts(r->out, nl == p && *prefix == '>' ? ">" : prefix);
		cf_buf_put(r->out, p, (size_t)(nl - p));
		cf_buf_putc(r->out, '\n');
		if (*nl == '\0')
			break;
	}
	put(r, "\n");
}

static void
heading(struct rd *r, int level, const char *anchor, const char *title)
{
	if (r->html) {
		putf(r, "<h%d", level);
		if (anchor != NULL) {
			put(r, " id=\"");
			cf_escape_html(r->out, anchor);
			put(r, "\"");
		}
		put(r, ">");
		text(r, title);
		putf(r, "</h%d>\n", level);
		return;
	}
	putf(r, "%.*s ", level, "######");
	text(r, title);
	put(r, "\n\n");
}

static void
para_open(struct rd *r, const char *cls)
{
	if (!r->html)
		return;
	if (cls != NULL)
		putf(r, "<p class=\"%s\">", cls);
	else
		put(r, "<p>");
}

static void
para_close(struct rd *r)
{
	put(r, r->html ? "</p>\n" : "\n\n");
}

static void
strong(struct rd *r, const char *s)
{
	put(r, r->html ? "<strong>" : "**");
	text(r, s);
	put(r, r->html ? "</strong>" : "**");
}

static void
badge(struct rd *r, const char *word, bool error)
{
	if (r->html) {
		putf(r, " <span class=\"badge%s\">", error ? " err" : "");
		text(r, word);
		put(r, "</span>");
	} else {
		put(r, " **");
		text(r, word);
		put(r, "**");
	}
}

static void
none(struct rd *r)
{
	para_open(r, NULL);
	put(r, "None.");
	para_close(r);
}

/* One side of a word diff: common words, and this side's own marked. */
static void
word_side(struct rd *r, const struct cf_wd_run *runs, size_t n,
    enum cf_wd_op mine)
{
	const char	*open, *close;
	size_t		 i;
	bool		 first = true;

	if (r->html) {
		open = mine == CF_WD_DEL ? "<del>" : "<ins>";
		close = mine == CF_WD_DEL ? "</del>" : "</ins>";
	} else {
		open = close = mine == CF_WD_DEL ? "~~" : "**";
	}
	for (i = 0; i < n; i++) {
		if (runs[i].op != CF_WD_SAME && runs[i].op != mine)
			continue;
		if (!first)
			put(r, " ");
		first = false;
		if (runs[i].op == mine)
			put(r, open);
		text(r, runs[i].text);
		if (runs[i].op == mine)
			put(r, close);
	}
	if (first)
		put(r, r->html ? "<em>(empty)</em>" : "*(empty)*");
}

/* Old and new text of one change, each marked word by word. */
static void
compare(struct rd *r, const char *was, const char *now, const char *indent)
{
	struct cf_wd_run	*runs;
	size_t			 n = cf_word_diff(&r->a, was, now, &runs);
	const char		*ov = r->d->old->version;
	const char		*nv = r->d->new->version;

	if (r->html) {
		put(r, "<dl class=\"cmp\"><dt>");
		text(r, ov);
		put(r, "</dt><dd>");
		word_side(r, runs, n, CF_WD_DEL);
		put(r, "</dd><dt>");
		text(r, nv);
		put(r, "</dt><dd>");
		word_side(r, runs, n, CF_WD_INS);
		put(r, "</dd></dl>\n");
		return;
	}
	putf(r, "%s- **", indent);
	text(r, ov);
	put(r, ":** ");
	word_side(r, runs, n, CF_WD_DEL);
	putf(r, "\n%s- **", indent);
	text(r, nv);
	put(r, ":** ");
	word_side(r, runs, n, CF_WD_INS);
	put(r, "\n");
}

static char *
capitalised(struct rd *r, const char *s)
{
	char	*c = cf_arena_strdup(&r->a, s);

	if (c[0] >= 'a' && c[0] <= 'z')
		c[0] = (char)(c[0] - 'a' + 'A');
	return c;
}

static void
head(struct rd *r)
{
	const struct cf_catalogue	*o = r->d->old, *n = r->d->new;
	char				*title, *css;

	title = cf_arena_printf(&r->a, "changes from release %s to %s",
	    o->version, n->version);
	if (!r->html) {
		putf(r, "# ");
		textf(r, "%s: %s", n->title, title);
		put(r, "\n\n");
		return;
	}
	put(r, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\">\n<title>");
	textf(r, "%s: %s", n->title, title);
	put(r, "</title>\n<style>\n");
	/* Inlined, so the report fetches nothing; built in, it cannot fail. */
	if ((css = cf_template_load(NULL, "diff.css", NULL)) != NULL)
		put(r, css);
	free(css);
	put(r, "</style>\n</head>\n<body>\n<header class=\"masthead\">"
	    "<div class=\"wrap\">\n<p class=\"kicker\">");
	text(r, n->title);
	put(r, "</p>\n<h1>");
	text(r, capitalised(r, title));
	put(r, "</h1>\n</div></header>\n<main class=\"wrap\">\n");
}

static void
meta_row(struct rd *r, const char *key, const char *val)
{
	if (r->html) {
		put(r, "<dt>");
		text(r, key);
		put(r, "</dt><dd>");
		text(r, val);
		put(r, "</dd>\n");
		return;
	}
	put(r, "- **");
	text(r, key);
	put(r, ":** ");
	text(r, val);
	put(r, "\n");
}

static void
meta(struct rd *r)
{
	const struct cf_catalogue	*o = r->d->old, *n = r->d->new;
	char				 d1[11], d2[11], gen[11];
	struct tm			 tm;

	if (gmtime_r(&r->opts->generated, &tm) == NULL ||
	    strftime(gen, sizeof(gen), "%Y-%m-%d", &tm) == 0)
		strcpy(gen, "unknown");
	put(r, r->html ? "<dl class=\"meta\">\n" : "");
	meta_row(r, "Catalogue", cf_arena_printf(&r->a, "%s (%s)", n->title,
	    n->id));
	meta_row(r, "Publisher", n->publisher);
	meta_row(r, "From", cf_arena_printf(&r->a, "release %s of %s",
	    o->version, cf_date_str(&o->released, d1)));
	meta_row(r, "To", cf_arena_printf(&r->a, "release %s of %s",
	    n->version, cf_date_str(&n->released, d2)));
	meta_row(r, "Generated", cf_arena_printf(&r->a, "%s by cfgen", gen));
	put(r, r->html ? "</dl>\n" : "\n");
	if (n->notice == NULL)
		return;
	if (r->html) {
		put(r, "<aside class=\"notice\">\n");
		rich(r, n->notice, "");
		put(r, "</aside>\n");
	} else
		rich(r, n->notice, "> ");
}

static void
summary_table(struct rd *r, const struct cf_diff_line *v, size_t n)
{
	size_t	 i;

	put(r, r->html ? "<table>\n<thead><tr><th scope=\"col\">Item</th>"
	    "<th scope=\"col\">Change</th></tr></thead>\n<tbody>\n" :
	    "| Item | Change |\n| --- | --- |\n");
	for (i = 0; i < n; i++) {
		put(r, r->html ? "<tr><td class=\"id\">" : "| ");
		textf(r, "%s %s", capitalised(r, v[i].kind), v[i].id);
		put(r, r->html ? "</td><td>" : " | ");
		text(r, v[i].text);
		if (v[i].stricter || v[i].error)
			badge(r, v[i].error ? "error" : "stricter",
			    v[i].error);
		put(r, r->html ? "</td></tr>\n" : " |\n");
	}
	put(r, r->html ? "</tbody>\n</table>\n" : "\n");
}

static void
summary(struct rd *r)
{
	struct cf_diff_line	*v;
	size_t			 n, i, stricter = 0;
	const struct cf_diff	*d = r->d;

	n = cf_diff_lines(d, &r->a, "\xe2\x86\x92", &v);
	for (i = 0; i < n; i++)
		stricter += v[i].stricter;
	heading(r, 2, "summary", "Summary");
	para_open(r, NULL);
	if (n == 0)
		textf(r, "Release %s makes no change to release %s.",
		    d->new->version, d->old->version);
	else
		textf(r, "Release %s makes %zu change%s to release %s; %zu "
		    "of them make%s the requirements stricter.",
		    d->new->version, n, n == 1 ? "" : "s", d->old->version,
		    stricter, stricter == 1 ? "s" : "");
	para_close(r);
	if (d->nvanished > 0) {
		para_open(r, "error");
		strong(r, "Error:");
		textf(r, " %zu requirement id%s of release %s %s missing from "
		    "release %s. An id must never vanish: a release keeps the "
		    "number and marks the requirement withdrawn or reserved.",
		    d->nvanished, d->nvanished == 1 ? "" : "s",
		    d->old->version, d->nvanished == 1 ? "is" : "are",
		    d->new->version);
		para_close(r);
	}
	if (n > 0)
		summary_table(r, v, n);
}

/* "Mandatory (M)", through the index validation resolved. */
/* "Section 2.3.1, Title · Class 3 and above · Mandatory (M) · ..." */
static void
facts(struct rd *r, const struct cf_catalogue *cat,
    const struct cf_requirement *q, const char *status)
{
	char	 cls[48];

	para_open(r, "facts");
	if (!r->html)
		put(r, "*");
	if (q->section != NULL)
		textf(r, "Section %s, %s", q->section->id.s, q->section->title);
	if (status != NULL)
		textf(r, " \xc2\xb7 %s", status);
	else
		textf(r, " \xc2\xb7 Class %s \xc2\xb7 %s \xc2\xb7 "
		    "Applicability: %s",
		    cf_class_label(q, cls, sizeof(cls)),
		    cf_diff_category_label(&r->a, cat, q),
		    cf_diff_applic_label(&r->a, q));
	if (!r->html)
		put(r, "*");
	para_close(r);
}

/* Id and title, the newer title where both releases name it. */
static const char *
req_label(struct rd *r, const struct cf_req_diff *rd)
{
	return cf_req_label(&r->a, rd->new != NULL ? rd->new : rd->old);
}

static void
article_open(struct rd *r, const char *group, const struct cf_req_diff *rd,
    bool stricter)
{
	const char	*id = rd->id;
	char		*anchor = cf_arena_printf(&r->a, "%s-%s", group,
			    cf_id_slug(&r->a, id));

	if (r->html) {
		put(r, "<article>\n<h3 id=\"");
		cf_escape_html(r->out, anchor);
		put(r, "\">");
		text(r, req_label(r, rd));
		if (stricter)
			badge(r, "stricter", false);
		put(r, "</h3>\n");
		return;
	}
	put(r, "### ");
	text(r, req_label(r, rd));
	if (stricter)
		badge(r, "stricter", false);
	put(r, "\n\n");
}

static void
article_close(struct rd *r)
{
	if (r->html)
		put(r, "</article>\n");
}

static void
added(struct rd *r)
{
	const struct cf_req_diff	*rd;
	size_t				 i, k = 0;

	heading(r, 2, "added", "Requirements added");
	for (i = 0; i < r->d->nreqs; i++) {
		rd = &r->d->reqs[i];
		if (!(rd->changes & (CF_RD_ADDED | CF_RD_STATUS)) ||
		    rd->new->status != CF_STATUS_ACTIVE)
			continue;
		k++;
		article_open(r, "added", rd, false);
		facts(r, r->d->new, rd->new, NULL);
		if (rd->changes & CF_RD_STATUS) {
			para_open(r, NULL);
			textf(r, "Reinstated: %s in release %s.",
			    cf_diff_status_name(rd->old->status),
			    r->d->old->version);
			para_close(r);
		}
		rich(r, rd->new->text, "");
		article_close(r);
	}
	if (k == 0)
		none(r);
}

static void
withdrawn(struct rd *r)
{
	const struct cf_req_diff	*rd;
	const struct cf_requirement	*q;
	size_t				 i, k = 0;

	heading(r, 2, "withdrawn", "Requirements withdrawn or reserved");
	for (i = 0; i < r->d->nreqs; i++) {
		rd = &r->d->reqs[i];
		q = rd->new;
		if (!(rd->changes & (CF_RD_ADDED | CF_RD_STATUS)) ||
		    q->status == CF_STATUS_ACTIVE)
			continue;
		k++;
		article_open(r, "withdrawn", rd, false);
		facts(r, r->d->new, q, rd->old == NULL ?
		    cf_arena_printf(&r->a, "New number, %s",
		    cf_diff_status_name(q->status)) :
		    cf_arena_printf(&r->a, "%s, was %s", capitalised(r,
		    cf_diff_status_name(q->status)),
		    cf_diff_status_name(rd->old->status)));
		if (q->note != NULL)
			rich(r, q->note, "");
		if (rd->old != NULL && rd->old->text[0] != '\0') {
			para_open(r, NULL);
			strong(r, cf_arena_printf(&r->a, "Text in release %s:",
			    r->d->old->version));
			para_close(r);
			rich(r, rd->old->text, "");
		}
		article_close(r);
	}
	if (k == 0)
		none(r);
}

static void
vanished(struct rd *r)
{
	const struct cf_req_diff	*rd;
	size_t				 i;

	heading(r, 2, "vanished", "Requirements that disappeared");
	if (r->d->nvanished == 0) {
		none(r);
		return;
	}
	for (i = 0; i < r->d->nreqs; i++) {
		rd = &r->d->reqs[i];
		if (!(rd->changes & CF_RD_VANISHED))
			continue;
		article_open(r, "vanished", rd, false);
		facts(r, r->d->old, rd->old, cf_arena_printf(&r->a,
		    "In release %s, missing from release %s",
		    r->d->old->version, r->d->new->version));
		rich(r, rd->old->text, "");
		article_close(r);
	}
}

static void
texts(struct rd *r)
{
	const struct cf_req_diff	*rd;
	size_t				 i, k = 0;

	heading(r, 2, "text", "Text changes");
	for (i = 0; i < r->d->nreqs; i++) {
		rd = &r->d->reqs[i];
		if (!(rd->changes & (CF_RD_TEXT | CF_RD_TITLE)))
			continue;
		k++;
		article_open(r, "text", rd, false);
		if (rd->changes & CF_RD_TITLE) {
			para_open(r, NULL);
			textf(r, "Title in release %s: %s. Now: %s.",
			    r->d->old->version, rd->old->title != NULL ?
			    rd->old->title : "none", rd->new->title != NULL ?
			    rd->new->title : "none");
			para_close(r);
		}
		if (rd->changes & CF_RD_TEXT)
			compare(r, rd->old->text, rd->new->text, "");
		if (!r->html)
			put(r, "\n");
		article_close(r);
	}
	if (k == 0)
		none(r);
}

/* Only a requirement's first row carries its anchor: ids are unique. */
static void
attr_row(struct rd *r, const struct cf_req_diff *rd, bool *first,
    const char *what, const char *was, const char *now, bool stricter)
{
	if (r->html && *first) {
		put(r, "<tr><td class=\"id\" id=\"attr-");
		cf_escape_html(r->out, cf_id_slug(&r->a, rd->id));
		put(r, "\">");
	} else
		put(r, r->html ? "<tr><td class=\"id\">" : "| ");
	*first = false;
	text(r, req_label(r, rd));
	put(r, r->html ? "</td><td>" : " | ");
	text(r, what);
	put(r, r->html ? "</td><td>" : " | ");
	text(r, was);
	put(r, r->html ? "</td><td>" : " | ");
	text(r, now);
	put(r, r->html ? "</td><td>" : " |");
	if (stricter)
		badge(r, "stricter", false);
	put(r, r->html ? "</td></tr>\n" : " |\n");
}

static void
attr_rows(struct rd *r, const struct cf_req_diff *rd)
{
	const struct cf_requirement	*o = rd->old, *n = rd->new;
	char				 c1[48], c2[48];
	bool				 first = true;

	if (rd->changes & CF_RD_CLASS)
		attr_row(r, rd, &first, "class",
		    cf_class_label(o, c1, sizeof(c1)),
		    cf_class_label(n, c2, sizeof(c2)),
		    rd->stricter & CF_RD_CLASS);
	if (rd->changes & CF_RD_CATEGORY)
		attr_row(r, rd, &first, "category",
		    cf_diff_category_label(&r->a, r->d->old, o),
		    cf_diff_category_label(&r->a, r->d->new, n),
		    rd->stricter & CF_RD_CATEGORY);
	if (rd->changes & CF_RD_APPLIC)
		attr_row(r, rd, &first, "applicability",
		    cf_diff_applic_label(&r->a, o),
		    cf_diff_applic_label(&r->a, n),
		    rd->stricter & CF_RD_APPLIC);
	if (rd->changes & CF_RD_CONDITION)
		attr_row(r, rd, &first, "condition",
		    o->cond != NULL ? o->condition.s : "none",
		    n->cond != NULL ? n->condition.s : "none",
		    rd->stricter & CF_RD_CONDITION);
}

static void
attributes(struct rd *r)
{
	const unsigned	 bits = CF_RD_CLASS | CF_RD_CATEGORY | CF_RD_APPLIC |
			    CF_RD_CONDITION;
	size_t		 i, k = 0;

	heading(r, 2, "attributes", "Class, category and applicability "
	    "changes");
	for (i = 0; i < r->d->nreqs; i++) {
		if (!(r->d->reqs[i].changes & bits))
			continue;
		if (k++ == 0) {
			para_open(r, NULL);
			textf(r, "A change is marked stricter when the class "
			    "was lowered, the category became a required one, "
			    "or the applicability widened.");
			para_close(r);
			if (r->html)
				put(r, "<table>\n<thead><tr><th scope=\"col\">"
				    "Requirement</th><th scope=\"col\">Changed"
				    "</th><th scope=\"col\">");
			else
				put(r, "| Requirement | Changed | ");
			text(r, r->d->old->version);
			put(r, r->html ? "</th><th scope=\"col\">" : " | ");
			text(r, r->d->new->version);
			put(r, r->html ? "</th><th scope=\"col\">Effect</th>"
			    "</tr></thead>\n<tbody>\n" : " | Effect |\n"
			    "| --- | --- | --- | --- | --- |\n");
		}
		attr_rows(r, &r->d->reqs[i]);
	}
	if (k == 0)
		none(r);
	else
		put(r, r->html ? "</tbody>\n</table>\n" : "\n");
}

static const char *const kind_titles[] = {
	"Catalogue", "Section", "Class", "Category", "Answer"
};

static void
other_item(struct rd *r, const struct cf_change *c)
{
	put(r, r->html ? "<li>" : "- ");
	strong(r, cf_arena_printf(&r->a, "%s %s", kind_titles[c->kind],
	    c->id));
	switch (c->op) {
	case CF_OP_ADDED:
		textf(r, " added: %s", c->now);
		break;
	case CF_OP_REMOVED:
		textf(r, " removed (was: %s)", c->was);
		break;
	case CF_OP_CHANGED:
		textf(r, ", %s changed", c->what);
		break;
	}
	if (c->stricter)
		badge(r, "stricter", false);
	if (c->op == CF_OP_CHANGED) {
		put(r, r->html ? "\n" : "\n\n");
		compare(r, c->was, c->now, "  ");
	}
	put(r, r->html ? "</li>\n" : "\n");
}

/* The changes of the given kinds, as one list. */
static void
others(struct rd *r, const char *anchor, const char *title,
    unsigned kinds)
{
	size_t	 i, k = 0;

	heading(r, 2, anchor, title);
	for (i = 0; i < r->d->nother; i++) {
		if (!(kinds & (1u << r->d->other[i].kind)))
			continue;
		if (k++ == 0 && r->html)
			put(r, "<ul class=\"changes\">\n");
		other_item(r, &r->d->other[i]);
	}
	if (k == 0)
		none(r);
	else
		put(r, r->html ? "</ul>\n" : "\n");
}

static void
foot(struct rd *r)
{
	if (!r->html)
		return;
	put(r, "</main>\n<footer><div class=\"wrap\">");
	textf(r, "%s %s to %s: change report written by cfgen.",
	    r->d->new->id, r->d->old->version, r->d->new->version);
	put(r, "</div></footer>\n</body>\n</html>\n");
}

static void
render(const struct cf_diff *d, const struct cf_diff_render *opts,
    struct cf_buf *out, bool html)
{
	struct rd	 r;

	r.d = d;
	r.opts = opts;
	r.out = out;
	r.html = html;
	cf_arena_init(&r.a);
	head(&r);
	meta(&r);
	summary(&r);
	added(&r);
	withdrawn(&r);
	vanished(&r);
	texts(&r);
	attributes(&r);
	others(&r, "sections", "Sections", 1u << CF_CHG_SECTION);
	others(&r, "definitions", "Classes, categories and answers",
	    1u << CF_CHG_CLASS | 1u << CF_CHG_CATEGORY | 1u << CF_CHG_ANSWER);
	others(&r, "catalogue", "Catalogue details", 1u << CF_CHG_CATALOGUE);
	foot(&r);
	cf_arena_free(&r.a);
}

void
cf_diff_render_md(const struct cf_diff *d, const struct cf_diff_render *o,
    struct cf_buf *out)
{
	render(d, o, out, false);
}

void
cf_diff_render_html(const struct cf_diff *d, const struct cf_diff_render *o,
    struct cf_buf *out)
{
	render(d, o, out, true);
}
