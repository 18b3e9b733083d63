/*
 * locale.h -- the words cfgen itself writes, per language (languages.md).
 *
 * A message catalogue is templates/locale/<lang>.yaml (schema
 * cfgen/locale/1), built into the program like the templates and
 * overridable or extended with -t DIR (DIR/locale/<lang>.yaml, message by
 * message).  English is the reference: every message name exists there,
 * and a message missing in another language falls back to English with
 * one warning per name.  Messages are plain text with {name} placeholders;
 * a message may instead be a map of CLDR plural forms (one, few, many,
 * other, ...) chosen by a count.  Renderers never hold a word of their own.
 */
#ifndef CF_LOCALE_H
#define CF_LOCALE_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"
#include "util.h"

struct cf_locale;

/* The language every message exists in. */
#define CF_LANG_DEFAULT	"en"

/* Is it a BCP 47 tag cfgen accepts: "de", "fr", "pt-BR", "zh-Hant"? */
bool		 cf_lang_tag_ok(const char *);

/*
 * The messages of lang: built-in first, then DIR/locale/<lang>.yaml over
 * them (dir may be NULL), English under both.  A tag with no messages
 * anywhere (not even for its primary language, "pt" for "pt-BR") is a
 * warning naming it, and the English messages are returned (tag "en").
 * Returns NULL after an error diagnostic (a bad locale file).
 */
struct cf_locale *cf_locale_load(const char *lang, const char *dir);
/* The same for a tag given in file at pos: the warning points there. */
struct cf_locale *cf_locale_load_at(const char *lang, const char *dir,
		    const char *file, struct cf_pos pos);
void		 cf_locale_free(struct cf_locale *);

/* The tag documents carry (lang="..."), as the messages' file names it. */
const char	*cf_locale_tag(const struct cf_locale *);

/*
 * The message, in its `other` form when it has plural forms; the name
 * itself when no language has it (a bug the tests catch).
 */
const char	*cf_msg(const struct cf_locale *, const char *name);

/*
 * The message with its {placeholders} replaced: params is a list of
 * name, value pairs ended by NULL; n picks the plural form (and is
 * {n}) where the message has forms.  In the arena, or, when the message
 * has no placeholder, the locale's own text.
 */
const char	*cf_msgf(struct cf_arena *, const struct cf_locale *,
		    const char *name, long n, const char *const *params);

/* The text of the plural form n picks, placeholders as written. */
const char	*cf_msg_form(const struct cf_locale *, const char *name,
		    long n);
/* The length of the {placeholder} name at p (*name set), else 0. */
size_t		 cf_msg_placeholder(const char *p, const char **name);

/*
 * Elision: when text (len bytes of a message, up to the placeholder
 * {name}) ends with one of the language's elision words and a space
 * ("de ") and value starts with one of its `before` prefixes (a vowel),
 * returns how many bytes of text the short form replaces and sets *with
 * to it ("d’"), so "au nom de {manufacturer}" gives "au nom d’Acme";
 * else 0.  Codes ({code}, {..._code}, {..._id}) never elide.  Every
 * filler of placeholders (cf_msgf, wording.h, the PDF's pieces) asks it.
 */
size_t		 cf_locale_elide(const struct cf_locale *, const char *text,
		    size_t len, const char *name, const char *value,
		    const char **with);

/* A date as the language writes it ("21. November 2026"). */
const char	*cf_locale_date(struct cf_arena *, const struct cf_locale *,
		    const struct cf_date *);
/* The same for a time_t (UTC), "" when it is out of range. */
const char	*cf_locale_time(struct cf_arena *, const struct cf_locale *,
		    long long epoch);

/* A requirement's classes in words ("1 and above", "1, 2", "none"). */
const char	*cf_locale_class_label(struct cf_arena *,
		    const struct cf_locale *, const struct cf_requirement *);

/*
 * The scope column of a completed checklist, the same words in every
 * format: "Applicable" ("Applicable as A" where `below` applies),
 * "Outside claim", "Does not apply (condition)", "Withdrawn",
 * "Reserved".  category_idx as cf_scope set it.
 */
const char	*cf_locale_scope_label(struct cf_arena *,
		    const struct cf_locale *, const struct cf_catalogue *,
		    const struct cf_requirement *, enum cf_scope,
		    size_t category_idx);

/* Every message name (English), in order, for templates and tests. */
size_t		 cf_locale_count(const struct cf_locale *);
const char	*cf_locale_name(const struct cf_locale *, size_t i);
/* Names English has and this language's own files lack. */
size_t		 cf_locale_missing(const struct cf_locale *);

/*
 * The built-in English messages, loaded once per process (the
 * fallback of every language); NULL only when the built-in file is
 * broken, which a test catches.
 */
const struct cf_locale *cf_locale_english(void);

#endif
