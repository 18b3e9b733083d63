/*
 * yamlwrite.c -- writing YAML scalars so that they read back unchanged.
 */
#include "yamlwrite.h"

#include <string.h>

/*
 * Words YAML 1.1 or 1.2 would type as something other than a string:
 * libyaml reads 1.1, cfgen types by 1.2 core; quoting all of them keeps a
 * file meaning the same text to every reader.
 */
static const char *const typed_words[] = {
	"null", "Null", "NULL", "~", "true", "True", "TRUE", "false",
	"False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
	"ON", "off", "Off", "OFF", "y", "Y", "n", "N", ".inf", ".Inf",
	".INF", ".nan", ".NaN", ".NAN", "<<", "="
};

static bool
typed_word(const char *s)
{
	size_t	 i;

	for (i = 0; i < sizeof(typed_words) / sizeof(typed_words[0]); i++)
		if (strcmp(s, typed_words[i]) == 0)
			return true;
	return false;
}

/*
 * Plain only when it cannot be anything but this text: a letter first
 * (so no number, indicator or quote begins it), then letters, digits,
 * non-ASCII text and punctuation that is no YAML syntax where it stands.
 */
static bool
plain_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		return false;
	if (typed_word(s))
		return false;
	for (; *p != '\0'; p++) {
		if (*p >= 0x80) {
			/* NEL, LS, PS and the BOM break lines for some readers. */
			if ((p[0] == 0xc2 && p[1] == 0x85) || (p[0] == 0xe2 &&
			    p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) ||
			    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf))
				return false;
			continue;
		}
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9'))
			continue;
		if (strchr(" .,_()/'+;&-", *p) == NULL)
			return false;
		if (*p == ' ' && (p[1] == ' ' || p[1] == '\0'))
			return false;
	}
	return true;
}

/*
 * A literal block keeps every character between its line breaks, but
 * not: a first line starting with a space (it would set the
 * indentation), trailing line breaks (|- strips them), white space at the
 * end of a line that is otherwise empty, tabs, and the characters some
 * readers take as line breaks or refuse (controls, NEL, LS, PS, BOM).
 */
static bool
block_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *line = p;
	size_t			 len = strlen(s);

	if (strchr(s, '\n') == NULL || *p == ' ' || *p == '\n' ||
	    s[len - 1] == '\n' || s[len - 1] == ' ')
		return false;
	for (; *p != '\0'; p++) {
		if (*p == '\n') {
			/* A blank line must be truly empty. */
			if (p > line && p[-1] == ' ')
				return false;
			line = p + 1;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			return false;
		if ((p[0] == 0xc2 && p[1] == 0x85) || (p[0] == 0xe2 &&
		    p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) ||
		    (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf))
			return false;
	}
	return true;
}

static void
quoted(struct cf_buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	cf_buf_putc(b, '"');
	for (; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\') {
			cf_buf_putc(b, '\\');
			cf_buf_putc(b, (char)*p);
		} else if (*p == '\n')
			cf_buf_puts(b, "\\n");
		else if (*p == '\t')
			cf_buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			cf_buf_printf(b, "\\x%02X", *p);
		else if (p[0] == 0xc2 && p[1] == 0x85) {
			cf_buf_puts(b, "\\N");
			p++;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			cf_buf_puts(b, p[2] == 0xa8 ? "\\L" : "\\P");
			p += 2;
		} else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) {
			cf_buf_puts(b, "\\uFEFF");
			p += 2;
		} else
			cf_buf_putc(b, (char)*p);
	}
	cf_buf_putc(b, '"');
}

void
cf_yw_scalar(struct cf_buf *b, size_t ind, const char *s)
{
	const char	*p, *e;
	size_t		 i;

	if (plain_ok(s)) {
		cf_buf_puts(b, s);
		return;
	}
	if (!block_ok(s)) {
		quoted(b, s);
		return;
	}
	cf_buf_puts(b, "|-");
	for (p = s; ; p = e + 1) {
		e = strchr(p, '\n');
		cf_buf_putc(b, '\n');
		if (e != p && *p != '\0')
			for (i = 0; i < ind; i++)
				cf_buf_putc(b, ' ');
		cf_buf_put(b, p, e != NULL ? (size_t)(e - p) : strlen(p));
		if (e == NULL)
			break;
	}
}

static void
head(struct cf_buf *b, size_t ind, bool dash, const char *key)
{
	size_t	 i;

	for (i = 0; i + (dash ? 2 : 0) < ind; i++)
		cf_buf_putc(b, ' ');
	if (dash)
		cf_buf_puts(b, "- ");
	cf_buf_puts(b, key);
	cf_buf_putc(b, ':');
}

void
cf_yw_str(struct cf_buf *b, size_t ind, bool dash, const char *key,
    const char *value)
{
	head(b, ind, dash, key);
	cf_buf_putc(b, ' ');
	cf_yw_scalar(b, ind + 2, value);
	cf_buf_putc(b, '\n');
}

void
cf_yw_key(struct cf_buf *b, size_t ind, bool dash, const char *key)
{
	head(b, ind, dash, key);
	cf_buf_putc(b, '\n');
}

void
cf_yw_int(struct cf_buf *b, size_t ind, bool dash, const char *key,
    long value)
{
	head(b, ind, dash, key);
	cf_buf_printf(b, " %ld\n", value);
}

void
cf_yw_ints(struct cf_buf *b, size_t ind, bool dash, const char *key,
    const long *values, size_t n)
{
	size_t	 i;

	head(b, ind, dash, key);
	cf_buf_puts(b, " [");
	for (i = 0; i < n; i++)
		cf_buf_printf(b, "%s%ld", i > 0 ? ", " : "", values[i]);
	cf_buf_puts(b, "]\n");
}

void
cf_yw_bool(struct cf_buf *b, size_t ind, bool dash, const char *key,
    bool value)
{
	head(b, ind, dash, key);
	cf_buf_puts(b, value ? " true\n" : " false\n");
}
