/*
 * fuzz_responses.c -- any bytes as a product's responses to the shipped
 * catalogue: `cfgen validate CATALOGUE FILE` (loader, rules, gate).
 */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	cf_fuzz_run("validate", cf_fuzz_source("catalogue/iotsf-cf/1.0.yaml"),
	    cf_fuzz_write("responses.yaml", data, n), NULL);
	return 0;
}
