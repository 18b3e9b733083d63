/*
 * fuzz_verify.c -- any bytes as a declaration's JSON given to
 * `cfgen verify` (it is meant to run on files received from strangers).
 * The base folder holds one file a recorded path may name.
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	cf_fuzz_write_text("evidence.md", "evidence\n");
	cf_fuzz_run("verify", cf_fuzz_write("declaration.json", data, n),
	    "--base", cf_fuzz_dir(), NULL);
	return 0;
}
