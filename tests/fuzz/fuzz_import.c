/*
 * fuzz_import.c -- any bytes as an OSCAL catalog given to `cfgen import
 * oscal`.  Whatever it imports must be a valid catalogue: `validate` is
 * the oracle, and a catalogue it refuses is a crash here, so the fuzzer
 * reports it like any other finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	const char	*in = cf_fuzz_write("catalog.json", data, n);
	static char	 out[4096];

	snprintf(out, sizeof(out), "%s/imported.yaml", cf_fuzz_dir());
	unlink(out);
	if (cf_fuzz_run("import", "oscal", in, "-o", out, "--force", NULL) ==
	    0 && cf_fuzz_run("validate", out, NULL) != 0)
		abort();
	return 0;
}
