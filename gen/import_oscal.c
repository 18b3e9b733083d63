/*
 * import_oscal.c -- `cfgen import oscal CATALOG.json -o FILE.yaml`
 * (catalogue.md "Importing OSCAL").
 *
 * Read (readfile.c, bounded) -> parse (jansson) -> index every control,
 * part, parameter and back-matter resource -> write the catalogue YAML
 * (yamlwrite.c) -> one atomic write (output.c).  Nothing is written when
 * an error was reported.
 *
 * jansson keeps no positions of values, so a problem found after parsing
 * names the value by its JSON path (catalog.groups[2].controls[5]) in a
 * file-level diagnostic; syntax errors have their line and column.
 */
#include <ctype.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "cli.h"
#include "diag.h"
#include "model.h"
#include "output.h"
#include "readfile.h"
#include "richtext.h"
#include "util.h"
#include "yamlread.h"
#include "yamlwrite.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_IMPORT

static const char usage[] =
    "usage: cfgen import oscal CATALOG.json [--id ID] [--version V] "
    "[--released DATE]\n"
    "                    [--baseline TITLE=PROFILE.json]... [-o FILE] "
    "[--force]\n";

static const char help[] =
    "Write a cfgen catalogue from an OSCAL 1.x catalog in JSON: groups\n"
    "become sections, controls requirements (enhancements nested under\n"
    "their control), statements their text with parameters shown as\n"
    "[Assignment: ...] and [Selection: ...], guidance their guidance.\n\n"
    "  --id ID            the catalogue id (default: the file name's "
    "words)\n"
    "  --version V        the release (default: metadata.version)\n"
    "  --released DATE    YYYY-MM-DD (default: metadata.published or\n"
    "                     last-modified)\n"
    "  --baseline TITLE=PROFILE.json\n"
    "                     once per baseline, lowest first: each becomes a\n"
    "                     class, and each control lists in 'levels' the\n"
    "                     baselines whose profile selects it\n"
    "  -o, --output FILE  write FILE (default: standard output)\n"
    "      --force        replace FILE if it exists (else an error)\n"
    "  -h, --help         show this help\n\n"
    "Exit status: 0 written, 1 invalid input (nothing written), 2 usage,\n"
    "4 system error.\n";

/* An OSCAL catalog of every NIST publication together is under 20 MiB. */
#define MAX_JSON	(64u * 1024 * 1024)
/* Statement items nested deeper would outgrow CF_RICH_MAX_DEPTH. */
#define MAX_ITEMS	8
/* A parameter's choices may insert parameters: so deep, no deeper. */
#define MAX_INSERT	4
/* No field of a real catalog comes near this with its parameters in. */
#define MAX_FIELD	(1u << 20)

struct baseline {
	const char	*title;
	const char	*path;
	json_t		*ids;		/* control id -> true */
};

struct options {
	const char	*format, *catalog, *id, *version, *released;
	struct baseline	*baselines;
	size_t		 nbaselines;
	struct cf_output out;		/* -o, --force */
};

struct imp {
	const char	*path;
	struct cf_arena	*a;
	const struct options *o;
	json_t		*ctl;		/* control id -> cfgen id */
	json_t		*part_owner;	/* part id -> its control's cfgen id */
	json_t		*part_label;	/* part id -> "AC-2k" */
	json_t		*params;	/* parameter id -> parameter */
	json_t		*res;		/* back-matter uuid -> resource */
	json_t		*used;		/* cfgen ids given out -> true */
	json_t		*warned;	/* once-per-name warnings given */
	bool		 overflow;	/* a field outgrew MAX_FIELD */
	size_t		 unlinked;	/* in-page links left as text */
	/* Every control's label is its id spelled as label_of_id() does. */
	bool		 labels_differ;
	const char	*unlinked_first;
	struct cf_buf	 out;
};

/* ------------------------------------------------------------------ */
/* JSON access */

static const char *
jstr(const json_t *o, const char *key)
{
	const json_t	*v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static void
error_at(const struct imp *m, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
error_at(const struct imp *m, const char *where, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	cf_diag(CF_ERROR, m->path, 0, 0, "%s: %s", where, msg);
	free(msg);
}

/* A warning given once per key ("part:assessment-objective"). */
static void
warn_once(struct imp *m, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
warn_once(struct imp *m, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*msg;

	if (json_object_get(m->warned, key) != NULL)
		return;
	json_object_set_new(m->warned, key, json_true());
	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	cf_diag(CF_WARNING, m->path, 0, 0, "%s", msg);
	free(msg);
}

static const char *
sub(const struct imp *m, const char *where, const char *key, size_t i)
{
	return cf_arena_printf(m->a, "%s.%s[%zu]", where, key, i);
}

/* The value of the first prop called name with no class, or NULL. */
static const char *
prop(const json_t *o, const char *name, bool any_class)
{
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(o, "props"), i, p)
		if (json_is_object(p) && jstr(p, "name") != NULL &&
		    strcmp(jstr(p, "name"), name) == 0 &&
		    (any_class || json_object_get(p, "class") == NULL) &&
		    jstr(p, "value") != NULL)
			return jstr(p, "value");
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Text */

/*
 * Text from the catalog, trimmed, with CR LF and CR as LF.  Controls are
 * refused as cfgen's reader refuses them (they would break HTML and
 * XML), with the JSON path of the value.
 */
static const char *
clean(const struct imp *m, const char *where, const char *s)
{
	struct cf_buf	 b;
	const char	*r;
	unsigned int	 cp;
	size_t		 i, k, len;

	if (s == NULL)
		return NULL;
	len = strlen(s);
	for (i = 0; i < len; i += k) {
		k = cf_utf8_decode((const unsigned char *)s + i, len - i, &cp);
		if (k == 0)
			k = 1;
		else if ((cp < 0x20 && cp != '\t' && cp != '\n' &&
		    cp != '\r') || (cp >= 0x7f && cp <= 0x9f)) {
			error_at(m, where, "control character U+%04X is not "
			    "accepted in text", cp);
			return NULL;
		}
	}
	while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	cf_buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] == '\r') {
			cf_buf_putc(&b, '\n');
			if (i + 1 < len && s[i + 1] == '\n')
				i++;
		} else
			cf_buf_putc(&b, s[i]);
	}
	r = cf_arena_strdup(m->a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return r;
}

/* cfgen ids: catalogue.md; returns NULL or what is wrong. */
static const char *
id_fault(struct cf_arena *a, const char *s)
{
	const char	*p;
	unsigned int	 cp;
	size_t		 len;

	if (*s == '\0')
		return "is empty";
	if ((p = cf_id_fault_at(s)) == NULL)
		return NULL;
	if (p == s)
		return "must begin with a letter or digit";
	if (*p == ' ')
		return p[1] == ' ' ? cf_arena_printf(a, "has a double space "
		    "at column %zu", cf_utf8_count(s, (size_t)(p - s)) + 1) :
		    "ends with a space";
	len = cf_utf8_decode((const unsigned char *)p, strlen(p), &cp);
	return cf_arena_printf(a, "may not contain '%.*s' (column %zu): ids are "
	    "letters and digits, then also . _ ( ) - ' and single spaces",
	    (int)(len > 0 ? len : 1), p, cf_utf8_count(s, (size_t)(p - s)) + 1);
}

/* Claim a cfgen id for a section or requirement; false after an error. */
static bool
claim_id(struct imp *m, const char *where, const char *what, const char *id)
{
	const char	*fault;

	if ((fault = id_fault(m->a, id)) != NULL) {
		error_at(m, where, "%s id '%s' %s", what, id, fault);
		return false;
	}
	if (strcmp(what, "section") == 0 && strcmp(id, "index") == 0) {
		error_at(m, where, "section id 'index' is reserved (the "
		    "guide's index page)");
		return false;
	}
	if (json_object_get(m->used, id) != NULL) {
		error_at(m, where, "%s id '%s' is given twice", what, id);
		return false;
	}
	json_object_set_new(m->used, id, json_true());
	return true;
}

/* A requirement anchor in a link: spaces percent-encoded. */
static void
put_anchor(struct cf_buf *b, const char *id)
{
	cf_buf_puts(b, "#req-");
	for (; *id != '\0'; id++)
		if (*id == ' ')
			cf_buf_puts(b, "%20");
		else
			cf_buf_putc(b, *id);
}

static void	 prose(struct imp *, struct cf_buf *, const char *, int);

static const char *
trimmed(struct imp *m, const char *s)
{
	size_t	 len;

	s += strspn(s, " ");
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	return cf_arena_strndup(m->a, s, len);
}

/*
 * A parameter as NIST prints it: "[Assignment: organization-defined
 * LABEL]", "[Selection (one or more): A; B]", or its set values.  The
 * brackets are escaped so no following "(...)" can make them a link.
 */
static void
param(struct imp *m, struct cf_buf *b, const char *id, int depth)
{
	const json_t	*p = json_object_get(m->params, id), *v, *ch;
	const char	*s, *how;
	size_t		 i;

	/* Choices that insert parameters with choices multiply. */
	if (b->len > MAX_FIELD) {
		m->overflow = true;
		return;
	}
	if (p == NULL || depth >= MAX_INSERT) {
		if (p == NULL)
			warn_once(m, cf_arena_printf(m->a, "param:%s", id),
			    "parameter '%s' is inserted but not defined; "
			    "shown as its id", id);
		cf_buf_printf(b, "\\[Assignment: %s\\]", id);
		return;
	}
	if (json_array_size(json_object_get(p, "values")) > 0) {
		json_array_foreach(json_object_get(p, "values"), i, v)
			if (json_is_string(v)) {
				if (i > 0)
					cf_buf_puts(b, ", ");
				prose(m, b, json_string_value(v), depth + 1);
			}
		return;
	}
	if (json_is_object(json_object_get(p, "select"))) {
		v = json_object_get(p, "select");
		how = jstr(v, "how-many");
		cf_buf_puts(b, how != NULL && strcmp(how, "one-or-more") == 0 ?
		    "\\[Selection (one or more): " : "\\[Selection: ");
		json_array_foreach(json_object_get(v, "choice"), i, ch)
			if (json_is_string(ch)) {
				if (i > 0)
					cf_buf_puts(b, "; ");
				prose(m, b, trimmed(m, json_string_value(ch)),
				    depth + 1);
				/* NIST's choices end in a space. */
				while (b->len > 0 && b->data[b->len - 1] == ' ')
					b->data[--b->len] = '\0';
			}
		cf_buf_puts(b, "\\]");
		return;
	}
	if ((s = jstr(p, "label")) != NULL && *s != '\0') {
		cf_buf_puts(b, "\\[Assignment: ");
		if (strncmp(s, "organization-defined", 20) != 0)
			cf_buf_puts(b, "organization-defined ");
		prose(m, b, s, depth + 1);
		cf_buf_puts(b, "\\]");
		return;
	}
	cf_buf_printf(b, "\\[Assignment: %s\\]", id);
}

/* "{{ insert: param, ID }}" at s: its length, type and id; 0 if none. */
static size_t
insert_at(const char *s, const char **type, size_t *tlen, const char **id,
    size_t *idlen)
{
	const char	*p = s + 2;

	p += strspn(p, " ");
	if (strncmp(p, "insert:", 7) != 0)
		return 0;
	p += 7 + strspn(p + 7, " ");
	*type = p;
	*tlen = strcspn(p, ", }\n");
	p += *tlen;
	p += strspn(p, " ");
	if (*p != ',')
		return 0;
	p += 1 + strspn(p + 1, " ");
	*id = p;
	*idlen = strcspn(p, " }\n");
	if (*idlen == 0 || *tlen == 0)
		return 0;
	p += *idlen;
	p += strspn(p, " ");
	if (strncmp(p, "}}", 2) != 0)
		return 0;
	return (size_t)(p + 2 - s);
}

/*
 * "](#TARGET)" at s: an in-page link.  A control or part becomes the
 * requirement's anchor, a back-matter resource its http(s) address;
 * anything else loses its link, keeping its text ("[AC-24](#ac-24)" ->
 * "AC-24" when AC-24 is not in this catalog).  Returns the bytes of s
 * used, or 0 to copy s as it is.
 */
static size_t
link_at(struct imp *m, struct cf_buf *b, const char *s)
{
	const json_t	*r, *l;
	const char	*t = s + 3, *url = NULL, *id;
	size_t		 tlen = strcspn(t, ") \t\n<>\"'"), i, depth = 0;
	char		*target;

	if (t[tlen] != ')' || tlen == 0)
		return 0;
	target = cf_arena_strndup(m->a, t, tlen);
	if ((id = jstr(m->ctl, target)) != NULL ||
	    (id = jstr(m->part_owner, target)) != NULL) {
		cf_buf_puts(b, "](");
		put_anchor(b, id);
		cf_buf_putc(b, ')');
		return 3 + tlen + 1;
	}
	if ((r = json_object_get(m->res, target)) != NULL)
		json_array_foreach(json_object_get(r, "rlinks"), i, l)
			if (jstr(l, "href") != NULL && cf_url_has_scheme(
			    jstr(l, "href")) && cf_url_scheme_ok(jstr(l,
			    "href")) && strncmp(jstr(l, "href"), "mailto:",
			    7) != 0 && strcspn(jstr(l, "href"),
			    " \t\n<>()") == strlen(jstr(l, "href"))) {
				url = jstr(l, "href");
				break;
			}
	if (url != NULL) {
		cf_buf_printf(b, "](%s)", url);
		return 3 + tlen + 1;
	}
	/* Unlink: drop the '[' that opened the link text, keep the text. */
	for (i = b->len; i > 0; i--) {
		if (b->data[i - 1] == ']' && (i < 2 || b->data[i - 2] != '\\'))
			depth++;
		else if (b->data[i - 1] == '[' && (i < 2 ||
		    b->data[i - 2] != '\\') && depth-- == 0)
			break;
	}
	if (i == 0)
		return 0;
	memmove(b->data + i - 1, b->data + i, b->len - i);
	b->data[--b->len] = '\0';
	if (m->unlinked++ == 0)
		m->unlinked_first = target;
	return 3 + tlen + 1;
}

/* OSCAL prose (Markdown) with parameters inserted and links resolved. */
static void
prose(struct imp *m, struct cf_buf *b, const char *s, int depth)
{
	const char	*type, *id;
	size_t		 n, tlen, idlen;
	char		*pid;

	while (*s != '\0') {
		if (s[0] == '{' && s[1] == '{' &&
		    (n = insert_at(s, &type, &tlen, &id, &idlen)) > 0) {
			if (tlen == 5 && strncmp(type, "param", 5) == 0) {
				pid = cf_arena_strndup(m->a, id, idlen);
				param(m, b, pid, depth);
			} else {
				warn_once(m, cf_arena_printf(m->a, "insert:%.*s",
				    (int)tlen, type), "insert of type '%.*s' "
				    "is kept as text", (int)tlen, type);
				cf_buf_put(b, s, n);
			}
			s += n;
		} else if (s[0] == ']' && s[1] == '(' && s[2] == '#' &&
		    (n = link_at(m, b, s)) > 0)
			s += n;
		else
			cf_buf_putc(b, *s++);
	}
}

/* Text of one part, trimmed and cleaned, with inserts and links done. */
static const char *
part_prose(struct imp *m, const char *where, const json_t *part)
{
	const char	*s = clean(m, where, jstr(part, "prose"));
	struct cf_buf	 b;
	const char	*r;

	if (s == NULL)
		return NULL;
	cf_buf_init(&b);
	m->overflow = false;
	prose(m, &b, s, 0);
	r = cf_arena_strdup(m->a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	if (m->overflow) {
		error_at(m, where, "the text grows past %u bytes with its "
		    "parameters inserted", MAX_FIELD);
		return NULL;
	}
	/* An inserted choice may end in white space. */
	return clean(m, where, r);
}

/* Append text with every line after the first indented by ind. */
static void
put_indented(struct cf_buf *b, const char *s, size_t ind)
{
	size_t	 i;

	for (; *s != '\0'; s++) {
		cf_buf_putc(b, *s);
		if (*s == '\n' && s[1] != '\n' && s[1] != '\0')
			for (i = 0; i < ind; i++)
				cf_buf_putc(b, ' ');
	}
}

/*
 * An item's label at the start of a list item, escaped so that it stays
 * text: "1." or "2)" would open a numbered list, "-", "+", "*", "#", ">"
 * a bullet, heading or quote.
 */
static void
put_label(struct cf_buf *b, const char *label)
{
	size_t	 d = strspn(label, "0123456789");

	if (d > 0 && (label[d] == '.' || label[d] == ')')) {
		cf_buf_put(b, label, d);
		cf_buf_putc(b, '\\');
		cf_buf_puts(b, label + d);
	} else {
		if (strchr("-+*#>=_`~|[<!", *label) != NULL)
			cf_buf_putc(b, '\\');
		cf_buf_puts(b, label);
	}
}

/* Statement items as a nested bullet list, their labels kept. */
static bool
items(struct imp *m, struct cf_buf *b, const char *where, const json_t *parts,
    size_t level)
{
	const json_t	*p;
	const char	*label, *text, *w;
	size_t		 i, k;
	bool		 ok = true;

	json_array_foreach(parts, i, p) {
		w = sub(m, where, "parts", i);
		if (!json_is_object(p)) {
			error_at(m, w, "a part must be an object");
			ok = false;
			continue;
		}
		if (level >= MAX_ITEMS) {
			error_at(m, w, "statement items nest deeper than %d "
			    "levels", MAX_ITEMS);
			return false;
		}
		if ((text = part_prose(m, w, p)) == NULL &&
		    json_object_get(p, "prose") != NULL)
			ok = false;
		label = clean(m, w, prop(p, "label", true));
		for (k = 0; k < level * 2; k++)
			cf_buf_putc(b, ' ');
		cf_buf_puts(b, "- ");
		if (label != NULL && *label != '\0') {
			put_label(b, label);
			if (text != NULL && *text != '\0')
				cf_buf_putc(b, ' ');
		}
		if (text != NULL)
			put_indented(b, text, level * 2 + 2);
		cf_buf_putc(b, '\n');
		if (json_object_get(p, "parts") != NULL && !items(m, b, w,
		    json_object_get(p, "parts"), level + 1))
			ok = false;
	}
	return ok;
}

/* A part's prose, then its sub-parts (statement: as items). */
static const char *
part_md(struct imp *m, const char *where, const json_t *part, bool as_items)
{
	const json_t	*subs = json_object_get(part, "parts"), *p;
	const char	*text, *r, *t;
	struct cf_buf	 b;
	size_t		 i;
	bool		 ok = true;

	cf_buf_init(&b);
	if ((text = part_prose(m, where, part)) == NULL &&
	    json_object_get(part, "prose") != NULL)
		ok = false;
	if (text != NULL)
		cf_buf_puts(&b, text);
	if (json_array_size(subs) > 0 && as_items) {
		if (b.len > 0)
			cf_buf_puts(&b, "\n\n");
		ok = items(m, &b, where, subs, 0) && ok;
	} else
		json_array_foreach(subs, i, p) {
			const char *w = sub(m, where, "parts", i);

			if ((t = clean(m, w, jstr(p, "title"))) != NULL &&
			    *t != '\0')
				cf_buf_printf(&b, "%s**%s**", b.len > 0 ?
				    "\n\n" : "", t);
			if ((r = part_md(m, w, p, false)) == NULL)
				ok = false;
			else if (*r != '\0')
				cf_buf_printf(&b, "%s%s", b.len > 0 ?
				    "\n\n" : "", r);
		}
	r = ok ? clean(m, where, b.data != NULL ? b.data : "") : NULL;
	cf_buf_free(&b);
	if (r != NULL && cf_rich_depth_bound(r) > CF_RICH_MAX_DEPTH &&
	    cf_rich_depth(r) > CF_RICH_MAX_DEPTH) {
		error_at(m, where, "the text nests %zu levels deep (lists, "
		    "quotes, emphasis); at most %d", cf_rich_depth(r),
		    CF_RICH_MAX_DEPTH);
		return NULL;
	}
	return r;
}

/* ------------------------------------------------------------------ */
/* Indexing: every control's cfgen id before any text refers to one. */

static void
index_params(struct imp *m, const json_t *o)
{
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(o, "params"), i, p)
		if (json_is_object(p) && jstr(p, "id") != NULL)
			json_object_set(m->params, jstr(p, "id"), (json_t *)p);
}

/* Parts: who owns them, and how NIST names them ("AC-2k", "AC-2d.1"). */
static void
index_parts(struct imp *m, const json_t *parts, const char *owner,
    const char *name)
{
	const json_t	*p;
	const char	*label, *n;
	size_t		 i, len;

	json_array_foreach(parts, i, p) {
		if (!json_is_object(p))
			continue;
		n = name;
		if ((label = prop(p, "label", true)) != NULL) {
			len = strlen(label);
			if (len > 0 && label[len - 1] == '.')
				len--;
			n = cf_arena_printf(m->a, "%s%s%.*s", name,
			    strcmp(name, owner) == 0 ? "" : ".", (int)len,
			    label);
		}
		if (jstr(p, "id") != NULL) {
			json_object_set_new(m->part_owner, jstr(p, "id"),
			    json_string(owner));
			json_object_set_new(m->part_label, jstr(p, "id"),
			    json_string(n));
		}
		index_parts(m, json_object_get(p, "parts"), owner, n);
	}
}

/*
 * An OSCAL control id as NIST labels it: "ac-2.1" is AC-2(1), "pm-9"
 * PM-9; NULL when the id has more than letters, digits, '-' and '.'.
 * In the arena.
 */
static const char *
label_of_id(struct cf_arena *a, const char *id)
{
	struct cf_buf	 b;
	const char	*p, *s;
	size_t		 n;

	if (*id == '\0' || strspn(id, "abcdefghijklmnopqrstuvwxyz"
	    "0123456789-.") != strlen(id))
		return NULL;
	cf_buf_init(&b);
	for (p = id; *p != '\0'; p++) {
		n = *p == '.' ? strspn(p + 1, "0123456789") : 0;
		if (n > 0 && (p[1 + n] == '\0' || p[1 + n] == '.')) {
			cf_buf_printf(&b, "(%.*s)", (int)n, p + 1);
			p += n;
		} else
			cf_buf_putc(&b, (char)toupper((unsigned char)*p));
	}
	s = cf_arena_strdup(a, b.data);
	cf_buf_free(&b);
	return s;
}

/* The control's cfgen id: its label without class, else its id. */
static const char *
control_id(const json_t *c)
{
	const char	*l = prop(c, "label", false);

	return l != NULL ? l : jstr(c, "id");
}

static bool
index_controls(struct imp *m, const json_t *controls, const char *where,
    int depth)
{
	const json_t	*c;
	const char	*w, *id, *label;
	size_t		 i;
	bool		 ok = true;

	if (controls != NULL && !json_is_array(controls)) {
		error_at(m, where, "'controls' must be an array");
		return false;
	}
	json_array_foreach(controls, i, c) {
		w = sub(m, where, "controls", i);
		if (!json_is_object(c)) {
			error_at(m, w, "a control must be an object");
			ok = false;
			continue;
		}
		if (jstr(c, "id") == NULL) {
			error_at(m, w, "a control needs an 'id'");
			ok = false;
			continue;
		}
		if (depth >= CF_REQ_MAX_DEPTH) {
			error_at(m, w, "control '%s': controls nest deeper "
			    "than %d levels", jstr(c, "id"),
			    CF_REQ_MAX_DEPTH);
			ok = false;
			continue;
		}
		/*
		 * Links and the written requirement are found by the OSCAL
		 * id: a second control under the same one would take over
		 * the first's cfgen id.
		 */
		if (json_object_get(m->ctl, jstr(c, "id")) != NULL) {
			error_at(m, w, "OSCAL id '%s' is given to two controls",
			    jstr(c, "id"));
			ok = false;
			continue;
		}
		id = clean(m, w, control_id(c));
		if (id == NULL || !claim_id(m, w, "control", id)) {
			ok = false;
			continue;
		}
		json_object_set_new(m->ctl, jstr(c, "id"), json_string(id));
		if ((label = label_of_id(m->a, jstr(c, "id"))) == NULL ||
		    strcmp(label, id) != 0)
			m->labels_differ = true;
		index_params(m, c);
		index_parts(m, json_object_get(c, "parts"), id, id);
		ok = index_controls(m, json_object_get(c, "controls"), w,
		    depth + 1) && ok;
	}
	return ok;
}

static const char *
group_id(const json_t *g)
{
	return jstr(g, "id") != NULL ? jstr(g, "id") : prop(g, "label", false);
}

static bool
index_groups(struct imp *m, const json_t *groups, const char *where)
{
	const json_t	*g;
	const char	*w;
	size_t		 i;
	bool		 ok = true;

	if (groups != NULL && !json_is_array(groups)) {
		error_at(m, where, "'groups' must be an array");
		return false;
	}
	json_array_foreach(groups, i, g) {
		w = sub(m, where, "groups", i);
		if (!json_is_object(g)) {
			error_at(m, w, "a group must be an object");
			ok = false;
			continue;
		}
		index_params(m, g);
		ok = index_controls(m, json_object_get(g, "controls"), w, 0) &&
		    ok;
		ok = index_groups(m, json_object_get(g, "groups"), w) && ok;
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* Writing */

/* Props and parts a control may carry that become something. */
static bool
prop_mapped(const char *name)
{
	return strcmp(name, "label") == 0 || strcmp(name, "sort-id") == 0 ||
	    strcmp(name, "status") == 0;
}

static void
warn_unmapped(struct imp *m, const json_t *c, const char *id)
{
	const json_t	*p;
	const char	*name;
	size_t		 i;

	json_array_foreach(json_object_get(c, "props"), i, p)
		if ((name = jstr(p, "name")) != NULL && !prop_mapped(name))
			warn_once(m, cf_arena_printf(m->a, "prop:%s", name),
			    "prop '%s' is not imported (first in control "
			    "%s)", name, id);
	json_array_foreach(json_object_get(c, "parts"), i, p)
		if ((name = jstr(p, "name")) != NULL &&
		    strcmp(name, "statement") != 0 &&
		    strcmp(name, "guidance") != 0)
			warn_once(m, cf_arena_printf(m->a, "part:%s", name),
			    "part '%s' is not imported (first in control "
			    "%s)", name, id);
}

static const json_t *
named_part(const json_t *c, const char *name, size_t *at)
{
	const json_t	*p;
	size_t		 i;

	json_array_foreach(json_object_get(c, "parts"), i, p)
		if (jstr(p, "name") != NULL && strcmp(jstr(p, "name"),
		    name) == 0) {
			*at = i;
			return p;
		}
	return NULL;
}

/*
 * The cfgen name of "#ac-2" or "#ac-2_smt.k".  A control the catalog
 * leaves out (a baseline's "pm-9") is named as its label would be,
 * "PM-9", when every control it has is labelled so; else the bare id.
 */
static const char *
target_name(const struct imp *m, const char *href)
{
	const char	*t = href[0] == '#' ? href + 1 : href, *s;

	if ((s = jstr(m->ctl, t)) != NULL || (s = jstr(m->part_label, t)) !=
	    NULL)
		return s;
	if (!m->labels_differ && json_object_size(m->ctl) > 0 &&
	    (s = label_of_id(m->a, t)) != NULL)
		return s;
	return t;
}

static void
write_references(struct imp *m, struct cf_buf *b, size_t ind, const json_t *c,
    const char *id)
{
	const json_t	*l, *r, *rl;
	const char	*href, *url, *title;
	size_t		 i, j;
	bool		 any = false;

	json_array_foreach(json_object_get(c, "links"), i, l) {
		href = jstr(l, "href");
		if (href == NULL || jstr(l, "rel") == NULL ||
		    strcmp(jstr(l, "rel"), "reference") != 0)
			continue;
		r = json_object_get(m->res, href[0] == '#' ? href + 1 : href);
		url = NULL;
		json_array_foreach(r != NULL ? json_object_get(r, "rlinks") :
		    NULL, j, rl)
			if ((url = jstr(rl, "href")) != NULL &&
			    cf_url_has_scheme(url) && cf_url_scheme_ok(url) &&
			    strncmp(url, "mailto:", 7) != 0 &&
			    strcspn(url, " \t\n") == strlen(url))
				break;
			else
				url = NULL;
		if (url == NULL && cf_url_has_scheme(href) &&
		    cf_url_scheme_ok(href) && strcspn(href, " \t\n") ==
		    strlen(href))
			url = href;
		title = r != NULL ? clean(m, "back-matter", jstr(r, "title")) :
		    NULL;
		if ((title == NULL || *title == '\0') && r != NULL)
			title = clean(m, "back-matter", jstr(json_object_get(r,
			    "citation"), "text"));
		if (title == NULL || *title == '\0')
			title = url;
		if (url == NULL) {
			warn_once(m, cf_arena_printf(m->a, "ref:%s", href),
			    "control %s: reference '%s' has no http(s) "
			    "address in back-matter; left out", id, href);
			continue;
		}
		if (!any)
			cf_yw_key(b, ind, false, "references");
		any = true;
		cf_yw_str(b, ind + 4, true, "title", title);
		cf_yw_str(b, ind + 4, false, "url", url);
	}
}

/* "Related controls: AC-3, AC-5." from the links whose rel is related. */
static void
related(struct imp *m, struct cf_buf *b, const json_t *c, const char *id)
{
	const json_t	*l;
	const char	*rel, *href;
	size_t		 i, n = 0;

	json_array_foreach(json_object_get(c, "links"), i, l) {
		if ((rel = jstr(l, "rel")) == NULL || (href = jstr(l, "href")) ==
		    NULL)
			continue;
		if (strcmp(rel, "related") == 0) {
			cf_buf_printf(b, "%s%s", n++ == 0 ? (b->len > 0 ?
			    "\n\nRelated controls: " : "Related controls: ") :
			    ", ", target_name(m, href));
		} else if (strcmp(rel, "reference") != 0 &&
		    strcmp(rel, "incorporated-into") != 0 &&
		    strcmp(rel, "moved-to") != 0)
			warn_once(m, cf_arena_printf(m->a, "rel:%s", rel),
			    "links with rel '%s' are not imported (first in "
			    "control %s)", rel, id);
	}
	if (n > 0)
		cf_buf_putc(b, '.');
}

static void
withdrawn_note(struct imp *m, struct cf_buf *b, size_t ind, const json_t *c)
{
	static const char *const rels[][2] = {
		{ "incorporated-into", "Incorporated into" },
		{ "moved-to", "Moved to" }
	};
	const json_t	*l;
	struct cf_buf	 n;
	size_t		 i, r, k;

	cf_buf_init(&n);
	for (r = 0; r < 2; r++) {
		k = 0;
		json_array_foreach(json_object_get(c, "links"), i, l)
			if (jstr(l, "rel") != NULL && jstr(l, "href") != NULL &&
			    strcmp(jstr(l, "rel"), rels[r][0]) == 0)
				cf_buf_printf(&n, "%s%s", k++ == 0 ?
				    cf_arena_printf(m->a, "%s%s ", n.len > 0 ?
				    " " : "", rels[r][1]) : ", ",
				    target_name(m, jstr(l, "href")));
		if (k > 0)
			cf_buf_putc(&n, '.');
	}
	if (n.len > 0)
		cf_yw_str(b, ind, false, "note", n.data);
	cf_buf_free(&n);
}

static void
write_scope(struct imp *m, struct cf_buf *b, size_t ind, const json_t *c,
    bool top)
{
	long	*levels;
	size_t	 i, n = 0;

	if (m->o->nbaselines == 0) {
		if (top) {
			cf_yw_int(b, ind, false, "class", 0);
			cf_yw_str(b, ind, false, "category", "M");
		}
		return;
	}
	levels = cf_arena_alloc(m->a, m->o->nbaselines * sizeof(*levels));
	for (i = 0; i < m->o->nbaselines; i++)
		if (json_object_get(m->o->baselines[i].ids, jstr(c, "id")) !=
		    NULL)
			levels[n++] = (long)i + 1;
	cf_yw_ints(b, ind, false, "levels", levels, n);
	if (top)
		cf_yw_str(b, ind, false, "category", "M");
}

static bool	 write_controls(struct imp *, struct cf_buf *, size_t,
		    const json_t *, const char *, bool);

/* One control at indentation ind (its keys; the dash two to the left). */
static bool
write_control(struct imp *m, struct cf_buf *b, size_t ind, const json_t *c,
    const char *where, bool top)
{
	const char	*id = jstr(m->ctl, jstr(c, "id")), *title, *text = NULL,
			*status = prop(c, "status", true), *guid = NULL;
	const json_t	*part;
	struct cf_buf	 g;
	size_t		 at;
	bool		 withdrawn, ok = true;

	title = clean(m, where, jstr(c, "title"));
	if (title == NULL && json_object_get(c, "title") != NULL)
		ok = false;
	withdrawn = status != NULL && strcasecmp(status, "withdrawn") == 0;
	if (status != NULL && !withdrawn)
		warn_once(m, cf_arena_printf(m->a, "status:%s", status),
		    "control %s: status '%s' is imported as active", id,
		    status);
	warn_unmapped(m, c, id);
	cf_yw_str(b, ind, true, "id", id);
	if (title != NULL && *title != '\0')
		cf_yw_str(b, ind, false, "title", title);
	if (withdrawn) {
		cf_yw_str(b, ind, false, "status", "withdrawn");
		withdrawn_note(m, b, ind, c);
	} else {
		if ((part = named_part(c, "statement", &at)) != NULL &&
		    (text = part_md(m, sub(m, where, "parts", at), part,
		    true)) == NULL)
			ok = false;
		if (ok && (text == NULL || *text == '\0')) {
			warn_once(m, cf_arena_printf(m->a, "nostmt:%s", id),
			    "control %s has no statement: its title is its "
			    "text", id);
			text = title != NULL && *title != '\0' ? title : id;
		}
		if (text != NULL)
			cf_yw_str(b, ind, false, "text", text);
		write_scope(m, b, ind, c, top);
		cf_buf_init(&g);
		if ((part = named_part(c, "guidance", &at)) != NULL) {
			if ((guid = part_md(m, sub(m, where, "parts", at), part,
			    false)) == NULL)
				ok = false;
			else
				cf_buf_puts(&g, guid);
		}
		related(m, &g, c, id);
		if (g.len > 0)
			cf_yw_str(b, ind, false, "guidance", g.data);
		cf_buf_free(&g);
		write_references(m, b, ind, c, id);
	}
	if (json_array_size(json_object_get(c, "controls")) > 0) {
		cf_yw_key(b, ind, false, "requirements");
		ok = write_controls(m, b, ind + 4, json_object_get(c,
		    "controls"), where, false) && ok;
	}
	return ok;
}

static bool
write_controls(struct imp *m, struct cf_buf *b, size_t ind,
    const json_t *controls, const char *where, bool top)
{
	const json_t	*c;
	size_t		 i;
	bool		 ok = true;

	json_array_foreach(controls, i, c)
		ok = write_control(m, b, ind, c, sub(m, where, "controls", i),
		    top) && ok;
	return ok;
}

/* A group's own prose (overview parts) becomes its section's intro. */
static const char *
group_intro(struct imp *m, const json_t *g, const char *where)
{
	const json_t	*p;
	const char	*r, *t;
	struct cf_buf	 b;
	size_t		 i;

	cf_buf_init(&b);
	json_array_foreach(json_object_get(g, "parts"), i, p) {
		const char *w = sub(m, where, "parts", i);

		if ((t = clean(m, w, jstr(p, "title"))) != NULL && *t != '\0')
			cf_buf_printf(&b, "%s**%s**", b.len > 0 ? "\n\n" : "",
			    t);
		if ((r = part_md(m, w, p, false)) != NULL && *r != '\0')
			cf_buf_printf(&b, "%s%s", b.len > 0 ? "\n\n" : "", r);
	}
	r = b.len > 0 ? cf_arena_strdup(m->a, b.data) : NULL;
	cf_buf_free(&b);
	return r;
}

static bool
write_section(struct imp *m, struct cf_buf *b, const char *id,
    const char *title, const char *intro, const json_t *controls,
    const char *where)
{
	bool	 ok;

	if (!claim_id(m, where, "section", id))
		return false;
	cf_yw_str(b, 4, true, "id", id);
	cf_yw_str(b, 4, false, "title", title);
	if (intro != NULL)
		cf_yw_str(b, 4, false, "intro", intro);
	cf_yw_key(b, 4, false, "requirements");
	ok = write_controls(m, b, 8, controls, where, true);
	return ok;
}

/*
 * Groups in document order; nested ones after their parent.  A section
 * needs requirements: the prose of a group without controls of its own
 * (an overview) is carried, under the group's title, into the intro of
 * the next section written below it; *carry holds it until then.
 */
static bool
write_groups(struct imp *m, struct cf_buf *b, const json_t *groups,
    const char *parent, const char *where, const char **carry)
{
	const json_t	*g, *p;
	const char	*w, *id, *title, *intro, *mine;
	size_t		 i, j;
	bool		 ok = true;

	json_array_foreach(groups, i, g) {
		w = sub(m, where, "groups", i);
		json_array_foreach(json_object_get(g, "props"), j, p)
			if (jstr(p, "name") != NULL && strcmp(jstr(p, "name"),
			    "label") != 0 && strcmp(jstr(p, "name"),
			    "sort-id") != 0)
				warn_once(m, cf_arena_printf(m->a, "gprop:%s",
				    jstr(p, "name")), "group prop '%s' is "
				    "not imported", jstr(p, "name"));
		title = clean(m, w, jstr(g, "title"));
		if (title == NULL || *title == '\0') {
			error_at(m, w, "a group needs a 'title'");
			ok = false;
			continue;
		}
		if (parent != NULL)
			title = cf_arena_printf(m->a, "%s \u2014 %s", parent,
			    title);
		intro = group_intro(m, g, w);
		if (json_array_size(json_object_get(g, "controls")) == 0) {
			/* A group of groups: its title lives on in theirs. */
			if (intro != NULL)
				*carry = cf_arena_printf(m->a, "%s%s**%s**\n\n%s",
				    *carry != NULL ? *carry : "", *carry != NULL ?
				    "\n\n" : "", title, intro);
			mine = *carry;
			ok = write_groups(m, b, json_object_get(g, "groups"),
			    title, w, carry) && ok;
			if (*carry != NULL && *carry == mine && intro != NULL) {
				warn_once(m, cf_arena_printf(m->a, "gtext:%s",
				    w), "%s: group '%s' has no controls in it "
				    "or below: its text is not imported", w,
				    title);
				*carry = NULL;
			}
			continue;
		}
		if (*carry != NULL)
			intro = cf_arena_printf(m->a, "%s%s%s", *carry,
			    intro != NULL ? "\n\n" : "", intro != NULL ?
			    intro : "");
		*carry = NULL;
		if ((id = group_id(g)) == NULL) {
			error_at(m, w, "a group needs an 'id' or a 'label' "
			    "prop");
			ok = false;
		} else if ((id = clean(m, w, id)) == NULL ||
		    !write_section(m, b, id, title, intro,
		    json_object_get(g, "controls"), w))
			ok = false;
		ok = write_groups(m, b, json_object_get(g, "groups"), title,
		    w, carry) && ok;
	}
	return ok;
}

/* ------------------------------------------------------------------ */
/* The catalogue's head */

static bool
date_ok(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, mo, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789-") != 10)
		return false;
	y = atoi(s);
	mo = atoi(s + 5);
	d = atoi(s + 8);
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return false;
	return mo != 2 || d < 29 || (y % 4 == 0 && (y % 100 != 0 ||
	    y % 400 == 0));
}

static bool
version_ok(const char *s)
{
	if (!isalnum((unsigned char)*s))
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '.' && *s != '+')
			return false;
	return true;
}

static bool
cat_id_ok(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9')))
		return false;
	for (; *s != '\0'; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return false;
	return true;
}

/* "NIST_SP-800-53_rev5.json" -> "nist-sp-800-53-rev5" */
static const char *
id_from_path(struct cf_arena *a, const char *path)
{
	const char	*base = strrchr(path, '/'), *p, *end;
	struct cf_buf	 b;
	const char	*r;

	base = base != NULL ? base + 1 : path;
	end = strrchr(base, '.');
	if (end == NULL || end == base)
		end = base + strlen(base);
	cf_buf_init(&b);
	for (p = base; p < end; p++)
		if (isalnum((unsigned char)*p))
			cf_buf_putc(&b, (char)tolower((unsigned char)*p));
		else if (b.len > 0 && b.data[b.len - 1] != '-')
			cf_buf_putc(&b, '-');
	while (b.len > 0 && b.data[b.len - 1] == '-')
		b.data[--b.len] = '\0';
	r = cf_arena_strdup(a, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
	return r;
}

/* The publisher: the party in role publisher, else creator, else first. */
static const char *
publisher(const json_t *meta)
{
	static const char *const roles[] = { "publisher", "creator" };
	const json_t	*rp, *party, *u;
	const char	*uuid;
	size_t		 r, i, j, k;

	for (r = 0; r < 2; r++)
		json_array_foreach(json_object_get(meta, "responsible-parties"),
		    i, rp) {
			if (jstr(rp, "role-id") == NULL ||
			    strcmp(jstr(rp, "role-id"), roles[r]) != 0)
				continue;
			json_array_foreach(json_object_get(rp, "party-uuids"),
			    j, u) {
				uuid = json_string_value(u);
				json_array_foreach(json_object_get(meta,
				    "parties"), k, party)
					if (uuid != NULL && jstr(party,
					    "uuid") != NULL && strcmp(uuid,
					    jstr(party, "uuid")) == 0 &&
					    jstr(party, "name") != NULL)
						return jstr(party, "name");
			}
		}
	json_array_foreach(json_object_get(meta, "parties"), k, party)
		if (jstr(party, "name") != NULL)
			return jstr(party, "name");
	return NULL;
}

/* Reads a JSON file; NULL after a diagnostic. */
static json_t *
load_json(const char *path, const char *noun)
{
	json_error_t	 err;
	json_t		*root;
	char		*text;
	size_t		 len;

	if ((text = cf_file_read(path, noun, MAX_JSON, &len)) == NULL)
		return NULL;
	root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &err);
	free(text);
	if (root == NULL) {
		if (err.line > 0)
			cf_diag(CF_ERROR, path, err.line, err.column > 0 ?
			    err.column : 1, "not valid JSON: %s", err.text);
		else
			cf_diag(CF_ERROR, path, 0, 0, "not valid JSON: %s",
			    err.text);
		return NULL;
	}
	if (!json_is_object(root)) {
		cf_diag(CF_ERROR, path, 0, 0, "%s must be a JSON object",
		    noun);
		json_decref(root);
		return NULL;
	}
	return root;
}

/* A profile's selected control ids: include-all, include/exclude-controls. */
static bool
load_baseline(struct imp *m, struct baseline *bl, const json_t *all)
{
	const json_t	*prof, *imp, *sel, *id;
	json_t		*root;
	const char	*key;
	json_t		*v;
	size_t		 i, j, k;
	int		 pass;

	if ((root = load_json(bl->path, "profile")) == NULL)
		return false;
	prof = json_object_get(root, "profile");
	if (!json_is_object(prof) || !json_is_array(json_object_get(prof,
	    "imports"))) {
		cf_diag(CF_ERROR, bl->path, 0, 0, "not an OSCAL profile (no "
		    "profile.imports array)");
		json_decref(root);
		return false;
	}
	bl->ids = json_object();
	for (pass = 0; pass < 2; pass++)
		json_array_foreach(json_object_get(prof, "imports"), i, imp) {
			if (pass == 0 && json_object_get(imp, "include-all") !=
			    NULL)
				json_object_foreach((json_t *)all, key, v)
					json_object_set_new(bl->ids, key,
					    json_true());
			json_array_foreach(json_object_get(imp, pass == 0 ?
			    "include-controls" : "exclude-controls"), j, sel) {
				if (json_object_get(sel, "matching") != NULL)
					cf_diag(CF_WARNING, bl->path, 0, 0,
					    "'matching' patterns are not "
					    "followed; only 'with-ids'");
				json_array_foreach(json_object_get(sel,
				    "with-ids"), k, id)
					if (json_is_string(id)) {
						if (pass == 0)
							json_object_set_new(
							    bl->ids,
							    json_string_value(
							    id), json_true());
						else
							json_object_del(bl->ids,
							    json_string_value(
							    id));
					}
			}
		}
	(void)m;
	json_decref(root);
	return true;
}

static const char *
head_text(struct imp *m, const char *where, const char *s)
{
	s = clean(m, where, s);
	return s != NULL && *s != '\0' ? s : NULL;
}

static bool
write_head(struct imp *m, struct cf_buf *b, const json_t *cat)
{
	const json_t	*meta = json_object_get(cat, "metadata");
	const char	*title, *version, *released, *id, *pub, *when;
	char		 date[11];
	size_t		 i;
	bool		 ok = true;

	if (!json_is_object(meta)) {
		error_at(m, "catalog", "no 'metadata' object");
		return false;
	}
	if ((title = head_text(m, "catalog.metadata.title", jstr(meta,
	    "title"))) == NULL) {
		error_at(m, "catalog.metadata", "no 'title'");
		ok = false;
	}
	if ((version = m->o->version) == NULL &&
	    (version = head_text(m, "catalog.metadata.version", jstr(meta,
	    "version"))) == NULL) {
		error_at(m, "catalog.metadata", "no 'version' (give "
		    "--version)");
		ok = false;
	} else if (!version_ok(version)) {
		error_at(m, "catalog.metadata.version", "version '%s' cannot "
		    "name a catalogue release ([A-Za-z0-9][A-Za-z0-9.+]*); "
		    "give --version", version);
		ok = false;
	}
	if ((released = m->o->released) == NULL) {
		when = jstr(meta, "published") != NULL ? jstr(meta,
		    "published") : jstr(meta, "last-modified");
		if (when == NULL || strlen(when) < 10) {
			error_at(m, "catalog.metadata", "no 'published' or "
			    "'last-modified' date (give --released)");
			ok = false;
		} else {
			memcpy(date, when, 10);
			date[10] = '\0';
			released = cf_arena_strdup(m->a, date);
			if (!date_ok(released)) {
				error_at(m, "catalog.metadata", "'%s' does "
				    "not begin with a date YYYY-MM-DD (give "
				    "--released)", when);
				ok = false;
			}
		}
	}
	if ((id = m->o->id) == NULL) {
		id = id_from_path(m->a, m->path);
		if (!cat_id_ok(id)) {
			error_at(m, "catalog", "no catalogue id can be made "
			    "from the file name; give --id");
			ok = false;
		}
	}
	if ((pub = head_text(m, "catalog.metadata.parties", publisher(meta)))
	    == NULL) {
		cf_diag(CF_WARNING, m->path, 0, 0, "catalog.metadata: no "
		    "party names a publisher; 'publisher' is written as "
		    "'unknown'");
		pub = "unknown";
	}
	if (!ok)
		return false;
	cf_buf_printf(b, "# Made by `cfgen import oscal` from %s.\n",
	    strrchr(m->path, '/') != NULL ? strrchr(m->path, '/') + 1 :
	    m->path);
	cf_buf_puts(b, "# Import again rather than edit: edits are lost on "
	    "the next import.\n");
	cf_yw_str(b, 0, false, "schema", "cfgen/catalogue/1");
	cf_yw_str(b, 0, false, "id", id);
	cf_yw_str(b, 0, false, "title", title);
	cf_yw_str(b, 0, false, "publisher", pub);
	cf_yw_str(b, 0, false, "version", version);
	cf_yw_str(b, 0, false, "released", released);
	cf_yw_key(b, 0, false, "classes");
	if (m->o->nbaselines == 0) {
		cf_yw_int(b, 4, true, "id", 0);
		cf_yw_str(b, 4, false, "title", "All");
		cf_yw_str(b, 4, false, "description", "Every control of the "
		    "catalog.");
	}
	for (i = 0; i < m->o->nbaselines; i++) {
		cf_yw_int(b, 4, true, "id", (long)i + 1);
		cf_yw_str(b, 4, false, "title", m->o->baselines[i].title);
		cf_yw_str(b, 4, false, "description", cf_arena_printf(m->a,
		    "The controls the %s baseline selects.",
		    m->o->baselines[i].title));
	}
	cf_yw_key(b, 0, false, "categories");
	cf_yw_str(b, 4, true, "code", "M");
	cf_yw_str(b, 4, false, "title", "Control");
	cf_yw_bool(b, 4, false, "required", true);
	return true;
}

static bool
import(struct imp *m, const json_t *root)
{
	const json_t	*cat = json_object_get(root, "catalog"), *bm, *r;
	json_t		*all;
	size_t		 i;
	const char	*carry;
	bool		 ok;

	if (!json_is_object(cat)) {
		cf_diag(CF_ERROR, m->path, 0, 0, "not an OSCAL catalog (no "
		    "'catalog' object)");
		return false;
	}
	bm = json_object_get(cat, "back-matter");
	json_array_foreach(json_object_get(bm, "resources"), i, r)
		if (jstr(r, "uuid") != NULL)
			json_object_set(m->res, jstr(r, "uuid"), (json_t *)r);
	index_params(m, cat);
	ok = index_controls(m, json_object_get(cat, "controls"), "catalog",
	    0);
	ok = index_groups(m, json_object_get(cat, "groups"), "catalog") && ok;
	if (!ok)
		return false;
	if (json_object_size(m->ctl) == 0) {
		cf_diag(CF_ERROR, m->path, 0, 0, "the catalog has no "
		    "controls");
		return false;
	}
	all = json_object();
	{
		const char	*k;
		json_t		*v;

		json_object_foreach(m->ctl, k, v)
			json_object_set_new(all, k, json_true());
	}
	for (i = 0; i < m->o->nbaselines; i++)
		if (!load_baseline(m, &m->o->baselines[i], all))
			ok = false;
	json_decref(all);
	if (!ok || !write_head(m, &m->out, cat))
		return false;
	/* Section ids share the namespace the controls have claimed. */
	cf_yw_key(&m->out, 0, false, "sections");
	if (json_array_size(json_object_get(cat, "controls")) > 0)
		ok = write_section(m, &m->out, "controls", "Controls", NULL,
		    json_object_get(cat, "controls"), "catalog") && ok;
	carry = NULL;
	ok = write_groups(m, &m->out, json_object_get(cat, "groups"), NULL,
	    "catalog", &carry) && ok;
	if (ok && m->out.len > CF_YAML_MAX_BYTES) {
		cf_diag(CF_ERROR, m->path, 0, 0, "the catalogue would be %zu "
		    "bytes, more than cfgen reads (%u)", m->out.len,
		    CF_YAML_MAX_BYTES);
		ok = false;
	}
	if (m->unlinked > 0)
		cf_diag(CF_WARNING, m->path, 0, 0, "%zu link%s to what is not "
		    "in the catalog kept as plain text (the first to '#%s')",
		    m->unlinked, m->unlinked == 1 ? "" : "s",
		    m->unlinked_first);
	return ok;
}

/* ------------------------------------------------------------------ */
/* Command line */

static const struct option longopts[] = {
	{ "id", required_argument, NULL, 'I' },
	{ "version", required_argument, NULL, 'V' },
	{ "released", required_argument, NULL, 'D' },
	{ "baseline", required_argument, NULL, 'B' },
	{ "output", required_argument, NULL, 'o' },
	{ "force", no_argument, NULL, CF_OPT_FORCE },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static const struct cf_command command = {
	"import", usage, help, "o:", longopts
};

static int
option(void *ctx, int c, char *arg)
{
	struct options	*o = ctx;
	struct baseline	*bl;
	char		*eq;

	switch (c) {
	case CF_OPERAND:
		if (o->format == NULL)
			o->format = arg;
		else if (o->catalog == NULL)
			o->catalog = arg;
		else
			return cf_usage_error(usage, "import: too many "
			    "operands ('%s')", arg);
		return 0;
	case 'I':
		if (!cat_id_ok(arg))
			return cf_usage_error(usage, "import: --id '%s' must "
			    "be lower-case letters, digits and '-', starting "
			    "with a letter or digit", arg);
		o->id = arg;
		return 0;
	case 'V':
		if (!version_ok(arg))
			return cf_usage_error(usage, "import: --version '%s' "
			    "must be letters, digits, '.' and '+', starting "
			    "with a letter or digit", arg);
		o->version = arg;
		return 0;
	case 'D':
		if (!date_ok(arg))
			return cf_usage_error(usage, "import: --released '%s' "
			    "is not a calendar date YYYY-MM-DD", arg);
		o->released = arg;
		return 0;
	case 'B':
		if ((eq = strrchr(arg, '=')) == NULL || eq == arg ||
		    eq[1] == '\0')
			return cf_usage_error(usage, "import: --baseline "
			    "needs TITLE=PROFILE.json, not '%s'", arg);
		o->baselines = cf_xrealloc(o->baselines, (o->nbaselines + 1) *
		    sizeof(*o->baselines));
		bl = &o->baselines[o->nbaselines++];
		memset(bl, 0, sizeof(*bl));
		*eq = '\0';
		bl->title = arg;
		bl->path = eq + 1;
		return 0;
	default:	/* 'o', CF_OPT_FORCE */
		return cf_output_option(&command, &o->out, c, arg);
	}
}

/*
 * jansson allocates every value on its own; a catalog of all 800-53 is a
 * million of them, and malloc and free were most of the import's time.
 * While the command runs they come from an arena freed at once.
 */
static struct cf_arena	*json_arena;

static void *
json_arena_alloc(size_t n)
{
	return cf_arena_alloc(json_arena, n);
}

static void
json_arena_free(void *p)
{
	(void)p;
}

int
cf_cmd_import(int argc, char *argv[])
{
	struct options	 o;
	struct cf_arena	 a;
	struct imp	 m;
	json_t		*root;
	size_t		 i;
	int		 rc;

	memset(&o, 0, sizeof(o));
	if ((rc = cf_parse_args(&command, argc, argv, option, &o)) != -1)
		goto out;
	rc = CF_EXIT_USAGE;
	if (o.format == NULL) {
		cf_usage_error(usage, "import: missing the format (oscal)");
		goto out;
	}
	if (strcmp(o.format, "oscal") != 0) {
		cf_usage_error(usage, "import: unknown format '%s' (expected "
		    "oscal)", o.format);
		goto out;
	}
	if (o.catalog == NULL) {
		cf_usage_error(usage, "import: missing CATALOG.json");
		goto out;
	}
	cf_arena_init(&a);
	json_arena = &a;
	json_set_alloc_funcs(json_arena_alloc, json_arena_free);
	memset(&m, 0, sizeof(m));
	m.path = o.catalog;
	m.a = &a;
	m.o = &o;
	m.ctl = json_object();
	m.part_owner = json_object();
	m.part_label = json_object();
	m.params = json_object();
	m.res = json_object();
	m.used = json_object();
	m.warned = json_object();
	cf_buf_init(&m.out);
	if ((root = load_json(o.catalog, "OSCAL catalog")) != NULL) {
		if (import(&m, root) && cf_diag_count(CF_ERROR) == 0 &&
		    cf_diag_count(CF_SYSERR) == 0)
			cf_out_write_file(o.out.path, m.out.data, m.out.len,
			    o.out.force);
		json_decref(root);
	}
	cf_buf_free(&m.out);
	json_decref(m.ctl);
	json_decref(m.part_owner);
	json_decref(m.part_label);
	json_decref(m.params);
	json_decref(m.res);
	json_decref(m.used);
	json_decref(m.warned);
	for (i = 0; i < o.nbaselines; i++) {
		json_decref(o.baselines[i].ids);
		o.baselines[i].ids = NULL;
	}
	json_set_alloc_funcs(malloc, free);
	json_arena = NULL;
	cf_arena_free(&a);
	cf_diag_flush();
	rc = cf_diag_exit();
out:
	for (i = 0; i < o.nbaselines; i++)
		json_decref(o.baselines[i].ids);
	free(o.baselines);
	return rc;
}
