/*
 * fuzz_template.c -- any bytes as the Markdown and HTML blank-checklist
 * templates of `-t DIR` (the Mustache engine, partials, escaping).
 */
#include "fuzz.h"

#include <stdio.h>
#include <sys/stat.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char	 tdir[4200], out[4200];

	snprintf(tdir, sizeof(tdir), "%s/templates", cf_fuzz_dir());
	snprintf(out, sizeof(out), "%s/out", cf_fuzz_dir());
	mkdir(tdir, 0755);
	cf_fuzz_write("templates/checklist-blank.md.mustache", data, n);
	cf_fuzz_write("templates/checklist-blank.html.mustache", data, n);
	/* A partial the input may name, itself the input. */
	cf_fuzz_write("templates/x.mustache", data, n);
	cf_fuzz_run("build", cf_fuzz_source("catalogue/iotsf-cf/1.0.yaml"),
	    "-t", tdir, "-f", "md,html", "-q", "-o", out, NULL);
	return 0;
}
