/*
 * sarif.h -- the diagnostics of a run as a SARIF 2.1.0 log (exports.md),
 * for code review tools such as GitHub code scanning.
 */
#ifndef CF_SARIF_H
#define CF_SARIF_H

#include "diag.h"

/*
 * The rule of a kind of diagnostic: an id that stays the same from
 * release to release (tests/golden/sarif/rules.txt) and a short
 * description.
 */
const char *cf_sarif_rule_id(enum cf_dkind);
const char *cf_sarif_rule_text(enum cf_dkind);

/*
 * Writes what cf_diag_record() kept, once the run is over, to path
 * (atomically; "-" is standard output).  Returns 0, or -1 after a
 * diagnostic.
 */
int	 cf_sarif_write(const char *path);

#endif
