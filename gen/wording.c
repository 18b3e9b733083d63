/*
 * wording.c -- gate findings and declaration statements into sentences:
 * the one place values are put into them, in any language.
 */
#include "wording.h"

#include <string.h>

#include "locale.h"

/*
 * The stable name of each message: its patterns are in the message
 * catalogues (templates/locale/<lang>.yaml), English's the reference
 * and the wording of every diagnostic.
 */
static const char *const names[CF_MSG_COUNT] = {
	[CF_MSG_NOT_ASSESSED] = "gate.not-assessed",
	[CF_MSG_REQUIRED_NOT_MET] = "gate.required-not-met",
	[CF_MSG_NO_EVIDENCE] = "gate.no-evidence",
	[CF_MSG_NO_NOTE] = "gate.no-note",
	[CF_MSG_NO_DECLARATION] = "gate.no-declaration",
	[CF_MSG_REVIEW] = "gate.review",
	[CF_MSG_DATE_BEFORE_RELEASE] = "gate.date-before-release",
	[CF_MSG_DATE_BEFORE_ANSWERS] = "gate.date-before-answers",
	[CF_MSG_FORM_NEEDS] = "gate.form-needs",
	[CF_MSG_DECL_RESPONSIBILITY] = "declaration.responsibility",
	[CF_MSG_DECL_CONFORMITY] = "declaration.conformity",
	[CF_MSG_DECL_CONFORMITY_APPLIC] = "declaration.conformity-applicability",
	[CF_MSG_DECL_CONFORMITY_PLAIN] = "declaration.conformity-plain",
	[CF_MSG_DECL_CONFORMITY_PLAIN_APPLIC] =
	    "declaration.conformity-plain-applicability",
	[CF_MSG_DECL_BASIS_ALL] = "declaration.basis-all",
	[CF_MSG_DECL_BASIS_PART] = "declaration.basis-part",
	[CF_MSG_DECL_ANSWER_KEY_ITEM] = "declaration.answer-key-item",
	[CF_MSG_DECL_FINDINGS] = "declaration.findings",
	[CF_MSG_DECL_ADVISORIES_MET] = "declaration.advisories-met",
	[CF_MSG_DECL_NO_NOTE] = "declaration.no-note",
	[CF_MSG_DECL_NO_SIGNATORY] = "declaration.no-signatory",
	[CF_MSG_DECL_INTEGRITY_NOTE] = "declaration.integrity-note",
	[CF_MSG_DECL_LEGISLATION] = "declaration.legislation",
	[CF_MSG_DECL_STANDARDS] = "declaration.standards",
	[CF_MSG_DECL_NOT_APPLICABLE] = "declaration.not-applicable",
	[CF_MSG_LIST_COMMA] = "list.comma",
	[CF_MSG_LIST_AND] = "list.and",
	[CF_MSG_SIMPLIFIED] = "simplified.statement",
	[CF_MSG_SIMPLIFIED_MODEL] = "simplified.statement-model",
	[CF_MSG_SIMPLIFIED_URL] = "simplified.url",
	[CF_MSG_PSTI_PREPARED] = "psti.prepared",
	[CF_MSG_PSTI_COMPLIANCE] = "psti.compliance",
	[CF_MSG_PSTI_SUPPORT] = "psti.support-period",
};

void
cf_msg_init(struct cf_msg *m, enum cf_msg_id id)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->count = -1;
}

static struct cf_msg_arg *
add(struct cf_msg *m, const char *name, enum cf_arg_kind kind)
{
	struct cf_msg_arg	*a;

	/* A programming error, not an input one: the table is fixed. */
	if (m->nargs >= CF_MSG_MAXARGS)
		return NULL;
	a = &m->args[m->nargs++];
	memset(a, 0, sizeof(*a));
	a->name = name;
	a->kind = kind;
	return a;
}

void
cf_msg_text(struct cf_msg *m, const char *name, enum cf_arg_kind kind,
    const char *text, const struct cf_src *src)
{
	struct cf_msg_arg	*a = add(m, name, kind);

	if (a == NULL)
		return;
	a->text = text != NULL ? text : "";
	if (src != NULL)
		a->src = *src;
}

void
cf_msg_num(struct cf_msg *m, const char *name, long n)
{
	struct cf_msg_arg	*a = add(m, name, CF_ARG_NUMBER);

	if (a != NULL)
		a->num = n;
}

void
cf_msg_date(struct cf_msg *m, const char *name, const struct cf_date *d)
{
	struct cf_msg_arg	*a = add(m, name, CF_ARG_DATE);

	if (a != NULL)
		a->date = *d;
}

const struct cf_msg_arg *
cf_msg_get(const struct cf_msg *m, const char *name)
{
	size_t	 i;

	for (i = 0; i < m->nargs; i++)
		if (strcmp(m->args[i].name, name) == 0)
			return &m->args[i];
	return NULL;
}

const char *
cf_msg_name(enum cf_msg_id id)
{
	return (size_t)id < CF_MSG_COUNT ? names[id] : "unknown";
}

const char *
cf_msg_pattern_in(const struct cf_locale *loc, enum cf_msg_id id,
    long count)
{
	if ((size_t)id >= CF_MSG_COUNT)
		return "";
	/* No count (-1) is the general form, whatever the plural rule. */
	return count < 0 ? cf_msg(loc, names[id]) :
	    cf_msg_form(loc, names[id], count);
}

const char *
cf_msg_pattern_en(enum cf_msg_id id, long count)
{
	return cf_msg_pattern_in(cf_locale_english(), id, count);
}

static void
put_arg(struct cf_buf *b, const struct cf_locale *loc,
    const struct cf_msg_arg *a)
{
	struct cf_arena	 tmp;
	char		 date[11];

	switch (a->kind) {
	case CF_ARG_NUMBER:
		cf_buf_printf(b, "%ld", a->num);
		break;
	case CF_ARG_DATE:
		if (a->date.year == 0)
			break;
		if (loc == NULL) {
			cf_buf_puts(b, cf_date_str(&a->date, date));
			break;
		}
		cf_arena_init(&tmp);
		cf_buf_puts(b, cf_locale_date(&tmp, loc, &a->date));
		cf_arena_free(&tmp);
		break;
	default:
		cf_buf_puts(b, a->text);
		break;
	}
}

static void
format(struct cf_buf *b, const struct cf_locale *loc, const char *pattern,
    const struct cf_msg *m)
{
	const char		*p = pattern, *open, *close, *with = "";
	const struct cf_msg_arg	*a;
	size_t			 i, cut;

	while ((open = strchr(p, '{')) != NULL &&
	    (close = strchr(open, '}')) != NULL) {
		a = NULL;
		for (i = 0; i < m->nargs && a == NULL; i++)
			if (strlen(m->args[i].name) == (size_t)(close - open - 1)
			    && memcmp(m->args[i].name, open + 1,
			    (size_t)(close - open - 1)) == 0)
				a = &m->args[i];
		if (a == NULL && (size_t)(close - open - 1) == 5 &&
		    memcmp(open + 1, "count", 5) == 0 && m->count >= 0) {
			cf_buf_put(b, p, (size_t)(open - p));
			cf_buf_printf(b, "%ld", m->count);
			p = close + 1;
			continue;
		}
		if (a == NULL) {	/* not a value: copied as it is */
			cf_buf_put(b, p, (size_t)(open - p) + 1);
			p = open + 1;
			continue;
		}
		cut = a->kind == CF_ARG_TEXT ? cf_locale_elide(loc, p,
		    (size_t)(open - p), a->name, a->text, &with) : 0;
		cf_buf_put(b, p, (size_t)(open - p) - cut);
		if (cut > 0)
			cf_buf_puts(b, with);
		put_arg(b, loc, a);
		p = close + 1;
	}
	cf_buf_puts(b, p);
}

void
cf_msg_format(struct cf_buf *b, const char *pattern, const struct cf_msg *m)
{
	format(b, NULL, pattern, m);
}

void
cf_msg_put(struct cf_buf *b, const struct cf_msg *m)
{
	format(b, NULL, cf_msg_pattern_en(m->id, m->count), m);
}

void
cf_msg_put_in(struct cf_buf *b, const struct cf_locale *loc,
    const struct cf_msg *m)
{
	format(b, loc, cf_msg_pattern_in(loc, m->id, m->count), m);
}

const char *
cf_msg_str_in(struct cf_arena *a, const struct cf_locale *loc,
    const struct cf_msg *m)
{
	struct cf_buf	 b;
	const char	*s;

	cf_buf_init(&b);
	cf_msg_put_in(&b, loc, m);
	s = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

const char *
cf_msg_str(struct cf_arena *a, const struct cf_msg *m)
{
	struct cf_buf	 b;
	const char	*s;

	cf_buf_init(&b);
	cf_msg_put(&b, m);
	s = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}
