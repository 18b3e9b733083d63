/* fuzz_pdfstyle.c -- any bytes as `-t DIR`'s pdf.style. */
#include "fuzz.h"

#include <stdio.h>
#include <sys/stat.h>

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char	 tdir[4200], out[4200];

	snprintf(tdir, sizeof(tdir), "%s/style", cf_fuzz_dir());
	snprintf(out, sizeof(out), "%s/out", cf_fuzz_dir());
	mkdir(tdir, 0755);
	cf_fuzz_write("style/pdf.style", data, n);
	cf_fuzz_run("build", cf_fuzz_source("catalogue/iotsf-cf/1.0.yaml"),
	    "-t", tdir, "-f", "pdf", "-q", "-o", out, NULL);
	return 0;
}
