/*
 * init.c -- `cfgen init CATALOGUE --product ID [--class K] [-o FILE]`
 * (releases.md "Init").
 *
 * The skeleton is meant to be filled in an editor.  Required values are
 * left empty rather than filled with sample text, so the file does not
 * validate until a person has written every one of them, and `validate`
 * then names each that is still missing, at its line.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "diff.h"
#include "load.h"
#include "output.h"
#include "validate.h"

static const char usage[] =
    "usage: cfgen init CATALOGUE --product ID [--class K] [-o FILE] "
    "[--force]\n";

static const char help[] =
    "Write a responses skeleton for a new product: the header keys with\n"
    "empty values to fill in, and every active requirement (of class K and\n"
    "below with --class) in catalogue order, its text as a comment above\n"
    "an empty answer.  The skeleton does not validate until it is filled\n"
    "in; `cfgen validate` says what is still missing.\n\n"
    "  --product ID       the product id ([a-z0-9][a-z0-9-]*)\n"
    "  --class K          the class to claim: only requirements that can\n"
    "                     apply to it are listed\n"
    "  -o, --output FILE  write FILE (default: standard output)\n"
    "      --force        replace FILE if it exists (else an error)\n"
    "  -h, --help         show this help\n\n"
    "Exit status: 0 written, 1 invalid catalogue, 2 usage, 4 system "
    "error.\n";

#define WRAP	78

struct options {
	const char	*catalogue, *product, *class;
	struct cf_output out;		/* -o, --force */
};

static bool
product_id_ok(const char *s)
{
	const char	*p;

	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (p = s; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return false;
	/* cli.md: the guide's folder shares the namespace of products. */
	return strcmp(s, "guide") != 0;
}

/* A wrapped comment paragraph at indentation ind. */
static void
comment(struct cf_buf *b, struct cf_arena *a, size_t ind, const char *text)
{
	const char	*w = cf_fold_space(a, text), *e;
	size_t		 col = 0, len, i;

	for (; *w != '\0'; w += len + (w[len] == ' ')) {
		e = strchr(w, ' ');
		len = e != NULL ? (size_t)(e - w) : strlen(w);
		if (col > 0 && col + 1 + len > WRAP) {
			cf_buf_putc(b, '\n');
			col = 0;
		}
		if (col == 0) {
			for (i = 0; i < ind; i++)
				cf_buf_putc(b, ' ');
			cf_buf_puts(b, "#");
			col = ind + 1;
		}
		cf_buf_putc(b, ' ');
		cf_buf_put(b, w, len);
		col += 1 + len;
	}
	if (col > 0)
		cf_buf_putc(b, '\n');
}

static void
commentf(struct cf_buf *b, struct cf_arena *a, size_t ind, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
commentf(struct cf_buf *b, struct cf_arena *a, size_t ind, const char *fmt,
    ...)
{
	va_list	 ap;
	char	*t;

	va_start(ap, fmt);
	t = cf_xvasprintf(fmt, ap);
	va_end(ap);
	comment(b, a, ind, t);
	free(t);
}

static const char *
codes_list(struct cf_arena *a, const struct cf_catalogue *cat)
{
	struct cf_buf	 b;
	const char	*s;
	size_t		 i, j;

	cf_buf_init(&b);
	for (i = 0; i < cat->nanswers; i++) {
		const struct cf_answer_code *c = &cat->answers[i];

		cf_buf_printf(&b, "%s%s %s", i > 0 ? "; " : "", c->code,
		    c->title);
		for (j = 0; j < c->naliases; j++)
			cf_buf_printf(&b, "%s%s", j == 0 ? " (also " : ", ",
			    c->aliases[j]);
		if (c->naliases > 0)
			cf_buf_putc(&b, ')');
		if (c->needs_justification)
			cf_buf_puts(&b, ", needs a justification");
	}
	s = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

static const char *
classes_list(struct cf_arena *a, const struct cf_catalogue *cat)
{
	struct cf_buf	 b;
	const char	*s;
	size_t		 i;

	cf_buf_init(&b);
	for (i = 0; i < cat->nclasses; i++)
		cf_buf_printf(&b, "%s%ld", i > 0 ? ", " : "",
		    cat->classes[i].id);
	s = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

static const char *
applics_list(struct cf_arena *a, const struct cf_catalogue *cat)
{
	struct cf_buf	 b;
	const char	*s;
	size_t		 i;

	cf_buf_init(&b);
	for (i = 0; i < cat->napplics; i++)
		cf_buf_printf(&b, "%s%s", i > 0 ? ", " : "",
		    cat->applics[i].code);
	s = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return s;
}

/*
 * The catalogue's conditions: every one must be stated (responses.md,
 * 0.2), so each gets its key, to be set true or false.
 */
static void
conditions(struct cf_buf *b, struct cf_arena *a,
    const struct cf_catalogue *cat)
{
	size_t	 i;

	if (cat->nconditions == 0)
		return;
	cf_buf_puts(b, "  conditions:           # each true or false for "
	    "this product\n");
	for (i = 0; i < cat->nconditions; i++) {
		commentf(b, a, 4, "%s", cat->conditions[i].title);
		cf_buf_printf(b, "    %s:\n", cat->conditions[i].code);
	}
}

/* class_id is the claim to write, or NULL to leave it to fill in. */
static void
head(struct cf_buf *b, struct cf_arena *a, const struct cf_catalogue *cat,
    const struct options *o, const long *class_id)
{
	commentf(b, a, 0, "Responses of product %s to %s release %s (%s), a "
	    "skeleton written by cfgen init. Fill in every empty value and "
	    "every answer, then run `cfgen validate %s THIS-FILE`: it names "
	    "whatever is still missing.", o->product, cat->title,
	    cat->version, cat->id, cat->path);
	cf_buf_printf(b, "schema: cfgen/responses/1\ncatalogue: %s\n"
	    "version: \"%s\"\nrevision: 1\n", cat->id, cat->version);
	cf_buf_puts(b, "date:                   # when these answers were "
	    "completed: YYYY-MM-DD\n\nproduct:\n");
	cf_buf_printf(b, "  id: %s\n", o->product);
	cf_buf_puts(b,
	    "  name:                 # the product's name\n"
	    "  # model:              # optional: model number\n"
	    "  # version:            # optional: firmware or hardware version "
	    "covered\n"
	    "  # description:        # optional\n"
	    "  # support_until:      # optional: end of the security-update "
	    "period\n"
	    "  manufacturer:\n"
	    "    name:\n"
	    "    address:\n"
	    "    # contact:          # optional: e-mail or URL for security "
	    "reports\n"
	    "    # url:              # optional\n\nclaim:\n");
	if (class_id != NULL)
		cf_buf_printf(b, "  class: %ld\n", *class_id);
	else
		cf_buf_printf(b, "  class:                # one of %s\n",
		    classes_list(a, cat));
	if (cat->napplics > 0)
		cf_buf_printf(b, "  # applicability:      # optional: one of "
		    "%s\n", applics_list(a, cat));
	conditions(b, a, cat);
	cf_buf_putc(b, '\n');
	commentf(b, a, 0, "Answer codes: %s. Give evidence (URLs, or paths "
	    "relative to this file) for what you declare, and a note where "
	    "it helps.", codes_list(a, cat));
	cf_buf_puts(b, "answers:");
}

static void
answer(struct cf_buf *b, struct cf_arena *a, const struct cf_catalogue *cat,
    const struct cf_requirement *q)
{
	const struct cf_category	*c = &cat->categories[q->category_idx];
	char				 cls[48];

	cf_buf_putc(b, '\n');
	commentf(b, a, 2, "%s (class %s, %s%s%s%s%s):", cf_req_label(a, q),
	    cf_class_label(q, cls, sizeof(cls)), c->title,
	    q->below != NULL ? cf_arena_printf(a, ", %s below",
	    q->below) : "",
	    q->applic_tbd || q->napplicability == 0 ? "" :
	    cf_arena_printf(a, ", applicability %s",
	    cf_diff_applic_label(a, q)),
	    q->cond != NULL ? cf_arena_printf(a, ", if %s",
	    q->condition.s) : "",
	    q->parent != NULL ? cf_arena_printf(a, ", part of %s",
	    q->parent->id.s) : "");
	comment(b, a, 2, q->text);
	cf_buf_printf(b, "  \"%s\":\n    answer:\n", q->id.s);
}

static void
foot(struct cf_buf *b)
{
	cf_buf_puts(b, "\n"
	    "# Add the declaration once every answer is final; the gate of\n"
	    "# `cfgen validate` and `cfgen build` says whether it can be "
	    "issued.\n"
	    "# declaration:\n"
	    "#   signatory:\n"
	    "#     name:\n"
	    "#     role:\n"
	    "#   place:\n"
	    "#   date:                 # YYYY-MM-DD\n");
}

static void
section_head(struct cf_buf *b, struct cf_arena *a, const struct cf_section *s)
{
	cf_buf_putc(b, '\n');
	commentf(b, a, 2, "Section %s: %s", s->id.s, s->title);
}

static int
skeleton(const struct cf_catalogue *cat, const struct options *o,
    struct cf_buf *b)
{
	struct cf_arena	 a;
	size_t		 i, j, n = 0, limit = (size_t)-1;
	struct cf_claim	 claim;
	long		 class_id = 0;
	char		*end;
	int		 rc = 0;

	cf_arena_init(&a);
	if (o->class != NULL) {
		errno = 0;
		class_id = strtol(o->class, &end, 10);
		if (errno != 0 || end == o->class || *end != '\0' ||
		    (limit = cf_catalogue_class_idx(cat, class_id)) ==
		    (size_t)-1) {
			rc = cf_usage_error(usage, "init: --class '%s' is not "
			    "a class of %s %s (classes: %s)", o->class,
			    cat->id, cat->version, classes_list(&a, cat));
			cf_arena_free(&a);
			return rc;
		}
	}
	/* The claim's class alone: a conditional requirement may apply. */
	claim = cf_class_claim(limit);
	head(b, &a, cat, o, o->class != NULL ? &class_id : NULL);
	for (i = 0; i < cat->nsections; i++) {
		const struct cf_section	*s = &cat->sections[i];
		bool			 shown = false;

		/* Nested requirements too, each after its parent. */
		for (j = s->first; j < s->first + s->count; j++) {
			const struct cf_requirement *q = cat->reqs[j];

			if (q->status != CF_STATUS_ACTIVE || (limit != CF_NONE &&
			    !cf_applies(cat, q, &claim)))
				continue;
			/* The first answer ends the `answers:` line. */
			if (n++ == 0)
				cf_buf_putc(b, '\n');
			if (!shown)
				section_head(b, &a, s);
			shown = true;
			answer(b, &a, cat, q);
		}
	}
	/* No requirement applies at this class: nothing to answer. */
	if (n == 0)
		cf_buf_puts(b, " {}\n");
	foot(b);
	cf_arena_free(&a);
	return 0;
}

static const struct option longopts[] = {
	{ "product", required_argument, NULL, 'p' },
	{ "class", required_argument, NULL, 'c' },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, CF_OPT_FORCE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"init", usage, help, "o:", longopts
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;

	switch (c) {
	case CF_OPERAND:
		if (o->catalogue != NULL)
			return cf_usage_error(usage, "init: too many "
			    "operands ('%s')", arg);
		o->catalogue = arg;
		return 0;
	case 'p':
		o->product = arg;
		return 0;
	case 'c':
		o->class = arg;
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
	if (o->catalogue == NULL)
		return cf_usage_error(usage, "init: missing CATALOGUE");
	if (o->product == NULL)
		return cf_usage_error(usage, "init: missing --product ID");
	if (!product_id_ok(o->product))
		return cf_usage_error(usage, "init: product id '%s' must be "
		    "lower-case letters, digits and '-', starting with a "
		    "letter or digit, and not 'guide'", o->product);
	return -1;
}

int
cf_cmd_init(int argc, char *argv[])
{
	struct cf_catalogue	*cat;
	struct options		 o;
	struct cf_buf		 b;
	int			 rc;

	if ((rc = parse_options(argc, argv, &o)) != -1)
		return rc;
	if ((cat = cf_catalogue_load(o.catalogue)) != NULL &&
	    cf_validate_catalogue(cat) == 0 && cf_diag_count(CF_ERROR) == 0) {
		cf_buf_init(&b);
		if ((rc = skeleton(cat, &o, &b)) == 0)
			cf_out_write_file(o.out.path, b.data, b.len,
			    o.out.force);
		cf_buf_free(&b);
		if (rc != 0) {
			cf_catalogue_free(cat);
			return rc;
		}
	}
	cf_catalogue_free(cat);
	cf_diag_flush();
	return cf_diag_exit();
}
