/* fuzz_catalogue.c -- any bytes as a catalogue: `cfgen validate FILE`. */
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	cf_fuzz_run("validate", cf_fuzz_write("catalogue.yaml", data, n), NULL);
	return 0;
}
