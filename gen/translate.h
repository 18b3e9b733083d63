/*
 * translate.h -- a catalogue release in another language (languages.md).
 *
 * A translation is its own file beside the release, <version>.<lang>.yaml
 * (schema cfgen/translation/1), keyed by the ids of the release.  It is
 * loaded and checked against the release like every input; rendering a
 * document in its language swaps the catalogue's texts for the
 * translated ones (and the default answer titles for the language's
 * messages), and swaps them back after, so every renderer reads one model.
 */
#ifndef CF_TRANSLATE_H
#define CF_TRANSLATE_H

#include <stdbool.h>

#include "model.h"

struct cf_locale;

struct cf_tr_text {
	const char	**field;	/* the catalogue's pointer it replaces */
	const char	 *text;
};

struct cf_translation {
	struct cf_arena		 arena;
	const char		*path;
	char			 sha256[65];
	const char		*lang;
	struct cf_tr_text	*texts;
	size_t			 ntexts;
	size_t			 untranslated;	/* texts of the release it lacks */
};

/* "catalogue/iotsf-cf/1.0.yaml", "de" -> ".../1.0.de.yaml" (caller frees). */
char		*cf_translation_path(const char *catalogue_path,
		    const char *lang);
/* Is this file name a translation ("1.0.de.yaml"), not a release? */
bool		 cf_translation_name(const char *path);

/* What to say about texts of the release a translation leaves out. */
enum cf_tr_report {
	CF_TR_QUIET,		/* nothing */
	CF_TR_COUNT,		/* one warning per file counting them (build) */
	CF_TR_EACH		/* one warning per text (validate --lang) */
};

/*
 * Reads path and checks it against cat: schema, catalogue and version
 * (an error at that line when they name another release), lang, every
 * id and key.  Returns NULL when the file is not there (*missing set) or
 * after error diagnostics.  A text the release has and the file lacks is
 * counted, and reported as `report` says.
 */
struct cf_translation *cf_translation_load(const char *path,
		    struct cf_catalogue *cat, const char *lang,
		    enum cf_tr_report report, bool *missing);
/*
 * The translation of cat into the language tag (as cf_locale_tag names
 * it), or into its primary language ("de" for "de-AT"), beside the
 * release; *tr NULL when there is none or tag is English, the
 * catalogues' own language.  Returns -1 after error diagnostics.
 */
int		 cf_translation_find(struct cf_catalogue *cat,
		    const char *tag, enum cf_tr_report report,
		    struct cf_translation **tr);
void		 cf_translation_free(struct cf_translation *);
/* The translated text of *field (a pointer of the release), or NULL. */
const char	*cf_translation_text(const struct cf_translation *,
		    const char *const *field);

/* What cf_catalogue_localise replaced, to put back. */
struct cf_cat_saved {
	const char	***fields;
	const char	**texts;
	size_t		  n;
};

/*
 * Puts the language into the catalogue: default answer titles from the
 * messages, then the translation's texts (tr may be NULL).  Not
 * thread-safe: no document of another language may render meanwhile.
 */
void		 cf_catalogue_localise(struct cf_catalogue *,
		    const struct cf_locale *, const struct cf_translation *,
		    struct cf_cat_saved *);
void		 cf_catalogue_restore(struct cf_cat_saved *);

#endif
