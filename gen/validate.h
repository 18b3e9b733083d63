/*
 * validate.h -- the rules of catalogue.md and responses.md that relate
 * one part of a document to another, or responses to their catalogue.
 */
#ifndef CF_VALIDATE_H
#define CF_VALIDATE_H

#include "model.h"

/* Report every broken rule; returns the number of errors found. */
unsigned	 cf_validate_catalogue(struct cf_catalogue *);
/* Also resolves answers to requirements and codes for later stages. */
unsigned	 cf_validate_responses(const struct cf_catalogue *,
		    struct cf_responses *);

#endif
