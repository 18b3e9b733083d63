/*
 * fuzz_minisig.c -- any bytes as a declaration's .minisig and as the
 * public key given to `cfgen verify --pubkey`: both come from strangers
 * (signing.md).  The declaration is a small valid JSON whose one
 * recorded file is there; the first run checks the fuzzed signature with
 * a good public key, the second reads the fuzzed bytes as the key.
 */
#include <stdio.h>

#include "fuzz.h"

static const char decl[] =
    "{\"schema\": \"cfgen/declaration/1\", \"id\": \"p-r1-c-1.0\", "
    "\"draft\": false, \"catalogue\": {\"id\": \"c\", \"version\": \"1.0\"}, "
    "\"claim\": {\"class\": 1}, \"forms\": [\"full\", \"simplified\"], "
    "\"integrity\": {\"algorithm\": \"sha256\", \"files\": [{\"role\": "
    "\"evidence\", \"path\": \"evidence.md\", \"sha256\": "
    "\"bdcf4c994585af6dd6cb1cfbff78bcc73ab27dc30a299db5bb83766ca05b5de4\"}"
    "]}}\n";

/* The public key of tests/bad/keys/mismatch.key. */
static const char pub[] =
    "untrusted comment: minisign public key 281ACCD67A9911DA\n"
    "RWTaEZl61swaKBS46W73tJ1wZ773GreAxqiey7lbE376JX0bKXNl5Aax\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
	char	 json[4096], good[4096], fuzzed[4096];

	/* cf_fuzz_write's path is static: each is copied before the next. */
	cf_fuzz_write_text("evidence.md", "evidence\n");
	snprintf(good, sizeof(good), "%s", cf_fuzz_write_text("good.pub", pub));
	snprintf(json, sizeof(json), "%s",
	    cf_fuzz_write_text("p-r1-c-1.0-declaration.json", decl));
	snprintf(fuzzed, sizeof(fuzzed), "%s",
	    cf_fuzz_write("fuzzed.pub", data, n));
	cf_fuzz_write("p-r1-c-1.0-declaration.json.minisig", data, n);
	/* A sibling form, so its (same) signature is looked for too. */
	cf_fuzz_write_text("p-r1-c-1.0-declaration-simplified.md", "x\n");
	cf_fuzz_write("p-r1-c-1.0-declaration-simplified.md.minisig", data, n);
	cf_fuzz_run("verify", json, "--base", cf_fuzz_dir(), "--pubkey", good,
	    NULL);
	cf_fuzz_run("verify", json, "--base", cf_fuzz_dir(), "--pubkey",
	    fuzzed, NULL);
	return 0;
}
