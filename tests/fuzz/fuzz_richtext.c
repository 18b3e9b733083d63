/* fuzz_richtext.c -- any text in every md field, as Markdown and HTML. */
#include "richtext.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	fuzz_richtext(data, n, "md,html");
	return 0;
}
