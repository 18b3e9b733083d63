/*
 * load.h -- read catalogue and responses files into the document model.
 *
 * Loading checks the input rules (catalogue.md "How values are read" and
 * the YAML limits) and the shape of each document; every problem is
 * reported through diag.h.  Cross-document rules live in validate.h.
 */
#ifndef CF_LOAD_H
#define CF_LOAD_H

#include "model.h"

/*
 * Both return NULL only when the file could not be read or parsed at all
 * (a diagnostic was printed); otherwise a model that may be incomplete
 * when errors were reported -- check cf_diag_count(CF_ERROR).
 */
struct cf_catalogue	*cf_catalogue_load(const char *path);
void			 cf_catalogue_free(struct cf_catalogue *);

struct cf_responses	*cf_responses_load(const char *path);
void			 cf_responses_free(struct cf_responses *);

/*
 * Whether loading takes each file's SHA-256 (sha256[] of the models; on
 * by default).  A command that records no file and reads none twice
 * (validate) turns it off: sha256[] is then empty.  Set it before any
 * thread loads.
 */
void			 cf_load_digests(bool);

#endif
