/*
 * fuzz_translation.c -- any bytes as a translation of the shipped
 * catalogue (its 1.0.de.yaml) and as the German messages of a template
 * folder (DIR/locale/de.yaml): `cfgen validate CATALOGUE --lang de -t DIR`
 * reads both (translate.c, locale.c) and lists every gap.  One input
 * feeds both files: each loader meets the other's format too.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* The catalogue beside its translation, written once per process. */
static char *
catalogue(void)
{
	static char	*path;
	char		*text;
	FILE		*f;
	long		 n;

	if (path != NULL)
		return path;
	if ((f = fopen(cf_fuzz_source("catalogue/iotsf-cf/1.0.yaml"),
	    "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (text = malloc((size_t)n + 1)) == NULL ||
	    fread(text, 1, (size_t)n, f) != (size_t)n) {
		perror("catalogue/iotsf-cf/1.0.yaml");
		abort();
	}
	fclose(f);
	text[n] = '\0';
	path = strdup(cf_fuzz_write_text("1.0.yaml", text));
	free(text);
	return path;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	static char	 tdir[4096];
	char		 locale[4096 + 16];

	if (tdir[0] == '\0') {
		snprintf(tdir, sizeof(tdir), "%s/t", cf_fuzz_dir());
		snprintf(locale, sizeof(locale), "%s/locale", tdir);
		if ((mkdir(tdir, 0700) != 0 || mkdir(locale, 0700) != 0)) {
			perror(locale);
			abort();
		}
	}
	cf_fuzz_write("1.0.de.yaml", data, n);
	cf_fuzz_write("t/locale/de.yaml", data, n);
	cf_fuzz_run("validate", catalogue(), "--lang", "de", "-t", tdir,
	    NULL);
	return 0;
}
