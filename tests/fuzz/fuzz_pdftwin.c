/*
 * fuzz_pdftwin.c -- any bytes as a declaration PDF given to `cfgen
 * verify` (signing.md): its embedded JSON twin is found through the PDF's
 * name tree and unpacked, bounded, before the JSON is checked.  The base
 * folder holds one file a recorded path may name.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	cf_fuzz_write_text("evidence.md", "evidence\n");
	cf_fuzz_run("verify", cf_fuzz_write("declaration.pdf", data, n),
	    "--base", cf_fuzz_dir(), NULL);
	return 0;
}
