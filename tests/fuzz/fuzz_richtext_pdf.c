/* fuzz_richtext_pdf.c -- any text in every md field, laid out as PDF. */
#include "richtext.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	fuzz_richtext(data, n, "pdf");
	return 0;
}
