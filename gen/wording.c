/*
 * wording.c -- the English wording of gate findings and declaration
 * statements, and the one place values are put into sentences.
 */
#include "wording.h"

#include <string.h>

/*
 * One row per message: its stable name, its pattern, and a singular
 * pattern where the count decides.  The legal statements follow the
 * wording of ISO/IEC 17050-1, Regulation (EU) 2024/2847 (the Cyber
 * Resilience Act) Annexes V and VI, and Schedule 4 to the UK Product
 * Security and Telecommunications Infrastructure (Security Requirements
 * for Relevant Connectable Products) Regulations 2023 (SI 2023/1007);
 * the simplified declaration's sentence is the one declaration.md fixes.
 */
static const struct {
	const char	*name;
	const char	*other;
	const char	*one;
} english[CF_MSG_COUNT] = {
	[CF_MSG_NOT_ASSESSED] = { "gate.not-assessed",
	    "requirement {req} is applicable but not answered", NULL },
	[CF_MSG_REQUIRED_NOT_MET] = { "gate.required-not-met",
	    "requirement {req} is {category} ({category_code}) and answered "
	    "{code} ({code_title}), which does not meet it", NULL },
	[CF_MSG_NO_EVIDENCE] = { "gate.no-evidence",
	    "requirement {req} is {category} ({category_code}) and answered "
	    "{code} without evidence", NULL },
	[CF_MSG_NO_NOTE] = { "gate.no-note",
	    "requirement {req} is {category} ({category_code}) and answered "
	    "{code} without a note explaining it", NULL },
	[CF_MSG_NO_DECLARATION] = { "gate.no-declaration",
	    "no 'declaration:' block (signatory name and role, place, date): "
	    "there is nobody to sign the declaration", NULL },
	[CF_MSG_REVIEW] = { "gate.review",
	    "requirement {req} is marked 'review: true': it changed in this "
	    "release; review the answer, then remove the mark", NULL },
	[CF_MSG_DATE_BEFORE_RELEASE] = { "gate.date-before-release",
	    "declaration date {date} is earlier than the release date of "
	    "{catalogue} {version} ({released})", NULL },
	[CF_MSG_DATE_BEFORE_ANSWERS] = { "gate.date-before-answers",
	    "declaration date {date} is earlier than the date of the answers "
	    "({answers_date})", NULL },
	[CF_MSG_FORM_NEEDS] = { "gate.form-needs",
	    "declaration form '{form}' needs '{key}', which the responses do "
	    "not give", NULL },
	[CF_MSG_DECL_RESPONSIBILITY] = { "declaration.responsibility",
	    "This declaration of conformity is issued under the sole "
	    "responsibility of the manufacturer.", NULL },
	[CF_MSG_DECL_CONFORMITY] = { "declaration.conformity",
	    "The product described above meets every applicable mandatory "
	    "requirement of {catalogue}, release {version} ({publisher}, "
	    "{released}), for compliance class {class} ({class_title}).",
	    NULL },
	[CF_MSG_DECL_CONFORMITY_APPLIC] = {
	    "declaration.conformity-applicability",
	    "The product described above meets every applicable mandatory "
	    "requirement of {catalogue}, release {version} ({publisher}, "
	    "{released}), for compliance class {class} ({class_title}) and "
	    "applicability {applicability}.", NULL },
	[CF_MSG_DECL_BASIS_ALL] = { "declaration.basis-all",
	    "It rests on the manufacturer's responses, revision {revision} of "
	    "{date}, which answer all {applicable} requirements applicable to "
	    "this claim, and on the evidence they cite.", NULL },
	[CF_MSG_DECL_BASIS_PART] = { "declaration.basis-part",
	    "It rests on the manufacturer's responses, revision {revision} of "
	    "{date}, which answer {answered} of the {applicable} requirements "
	    "applicable to this claim, and on the evidence they cite.", NULL },
	[CF_MSG_DECL_ANSWER_KEY_ITEM] = { "declaration.answer-key-item",
	    "{code}: {title}.", NULL },
	[CF_MSG_DECL_FINDINGS] = { "declaration.findings",
	    "The answers do not support this declaration while these {count} "
	    "findings stand:",
	    "The answers do not support this declaration while this {count} "
	    "finding stands:" },
	[CF_MSG_DECL_ADVISORIES_MET] = { "declaration.advisories-met",
	    "Every applicable advisory requirement is met.", NULL },
	[CF_MSG_DECL_NO_NOTE] = { "declaration.no-note",
	    "No note given.", NULL },
	[CF_MSG_DECL_NO_SIGNATORY] = { "declaration.no-signatory",
	    "No signatory is named in the responses.", NULL },
	[CF_MSG_DECL_INTEGRITY_NOTE] = { "declaration.integrity-note",
	    "SHA-256 of each file as it was read; paths are relative to the "
	    "folder of the responses file (cfgen verify --base FOLDER).",
	    NULL },
	[CF_MSG_DECL_LEGISLATION] = { "declaration.legislation",
	    "The object of the declaration described above is in conformity "
	    "with the following legislation:", NULL },
	[CF_MSG_DECL_STANDARDS] = { "declaration.standards",
	    "Standards and specifications applied, in relation to which "
	    "conformity is declared:", NULL },
	[CF_MSG_DECL_NOT_APPLICABLE] = { "declaration.not-applicable",
	    "These mandatory requirements do not apply to the product, for "
	    "the reasons the manufacturer gives:",
	    "This mandatory requirement does not apply to the product, for "
	    "the reason the manufacturer gives:" },
	[CF_MSG_LIST_COMMA] = { "list.comma", "{head}, {next}", NULL },
	[CF_MSG_LIST_AND] = { "list.and", "{head} and {last}", NULL },
	[CF_MSG_SIMPLIFIED] = { "simplified.statement",
	    "Hereby, {manufacturer} declares that the product {name} is in "
	    "conformity with {legislation}.", NULL },
	[CF_MSG_SIMPLIFIED_MODEL] = { "simplified.statement-model",
	    "Hereby, {manufacturer} declares that the product {name} "
	    "({model}) is in conformity with {legislation}.", NULL },
	[CF_MSG_SIMPLIFIED_URL] = { "simplified.url",
	    "The full text of the declaration of conformity is available at: "
	    "{url}.", NULL },
	[CF_MSG_PSTI_PREPARED] = { "psti.prepared",
	    "This statement of compliance has been prepared by or on behalf "
	    "of the manufacturer.", NULL },
	[CF_MSG_PSTI_COMPLIANCE] = { "psti.compliance",
	    "In the opinion of the manufacturer, {manufacturer} has complied "
	    "with the security requirements in Schedule 1 to The Product "
	    "Security and Telecommunications Infrastructure (Security "
	    "Requirements for Relevant Connectable Products) Regulations 2023 "
	    "in relation to the product.", NULL },
	[CF_MSG_PSTI_SUPPORT] = { "psti.support-period",
	    "Defined support period: security updates will be provided for "
	    "the product until at least {date}.", NULL },
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
	return (size_t)id < CF_MSG_COUNT ? english[id].name : "unknown";
}

const char *
cf_msg_pattern_en(enum cf_msg_id id, long count)
{
	if ((size_t)id >= CF_MSG_COUNT)
		return "";
	if (count == 1 && english[id].one != NULL)
		return english[id].one;
	return english[id].other;
}

static void
put_arg(struct cf_buf *b, const struct cf_msg_arg *a)
{
	char	 date[11];

	switch (a->kind) {
	case CF_ARG_NUMBER:
		cf_buf_printf(b, "%ld", a->num);
		break;
	case CF_ARG_DATE:
		if (a->date.year != 0)
			cf_buf_puts(b, cf_date_str(&a->date, date));
		break;
	default:
		cf_buf_puts(b, a->text);
		break;
	}
}

void
cf_msg_format(struct cf_buf *b, const char *pattern, const struct cf_msg *m)
{
	const char		*p = pattern, *open, *close;
	const struct cf_msg_arg	*a;
	size_t			 i;

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
		cf_buf_put(b, p, (size_t)(open - p));
		put_arg(b, a);
		p = close + 1;
	}
	cf_buf_puts(b, p);
}

void
cf_msg_put(struct cf_buf *b, const struct cf_msg *m)
{
	cf_msg_format(b, cf_msg_pattern_en(m->id, m->count), m);
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
