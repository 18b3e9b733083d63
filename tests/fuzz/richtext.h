/*
 * richtext.h (fuzz) -- a one-requirement catalogue whose md fields (notice,
 * intro, text, guidance, note) all hold the fuzzer's input, so every
 * rich-text construct reaches every renderer of the chosen formats.
 */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const catalogue_fmt =
    "schema: cfgen/catalogue/1\n"
    "id: fuzz\n"
    "title: Fuzz\n"
    "publisher: Fuzz\n"
    "version: \"1\"\n"
    "released: 2020-01-01\n"
    "notice: %1$s\n"
    "classes:\n"
    "  - {id: 1, title: Class 1, description: %1$s}\n"
    "categories:\n"
    "  - {code: M, title: Mandatory, required: true}\n"
    "sections:\n"
    "  - id: \"1\"\n"
    "    title: S\n"
    "    intro: %1$s\n"
    "    requirements:\n"
    "      - id: \"1.1\"\n"
    "        text: %1$s\n"
    "        class: 1\n"
    "        category: M\n"
    "        guidance: %1$s\n"
    "      - id: \"1.2\"\n"
    "        text: x\n"
    "        class: 1\n"
    "        category: M\n"
    "        status: withdrawn\n"
    "        note: %1$s\n";

static void
fuzz_richtext(const uint8_t *data, size_t n, const char *formats)
{
	char	*q, *yaml, out[4200];
	size_t	 len;

	q = cf_fuzz_yaml_quote(data, n);
	len = strlen(catalogue_fmt) + 6 * strlen(q) + 1;
	if ((yaml = malloc(len)) == NULL)
		abort();
	snprintf(yaml, len, catalogue_fmt, q);
	snprintf(out, sizeof(out), "%s/out", cf_fuzz_dir());
	cf_fuzz_run("build", cf_fuzz_write_text("catalogue.yaml", yaml),
	    "-f", formats, "-q", "-o", out, NULL);
	free(yaml);
	free(q);
}
