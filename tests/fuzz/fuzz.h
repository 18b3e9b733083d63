/*
 * fuzz.h -- what every libFuzzer harness of cfgen shares.
 *
 * The harnesses drive cfgen through its command entry points (cli.h), as
 * a user would, so a harness keeps working when the modules behind a
 * command are reorganised: the input is written to a file in a private
 * folder and the command reads it from there.  Diagnostics go to
 * /dev/null; what matters is that no input crashes, hangs or leaks.
 */
#ifndef CF_FUZZ_H
#define CF_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* The private folder of this process (created on first use). */
const char	*cf_fuzz_dir(void);
/* Writes data to name inside that folder; returns the path (static). */
const char	*cf_fuzz_write(const char *name, const uint8_t *, size_t);
/* Same, for a NUL-terminated text. */
const char	*cf_fuzz_write_text(const char *name, const char *text);
/* Runs `cfgen ARGS...` (NULL-terminated) with diagnostics silenced. */
int		 cf_fuzz_run(const char *arg0, ...);
/* The source tree, for the shipped catalogue and example responses. */
const char	*cf_fuzz_source(const char *relpath);
/*
 * data as a YAML double-quoted scalar: quotes, backslashes and control
 * characters are escaped, every other byte is kept, so any input yields
 * one well-formed scalar (invalid UTF-8 then gets its own diagnostic).
 * Returns a malloc'ed string.
 */
char		*cf_fuzz_yaml_quote(const uint8_t *, size_t);

int		 LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#endif
