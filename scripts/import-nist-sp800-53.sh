#!/usr/bin/env bash
# import-nist-sp800-53.sh -- make the shipped NIST SP 800-53 catalogue with
# `cfgen import oscal` from NIST's OSCAL content (public domain):
#
#   scripts/import-nist-sp800-53.sh [OUT.yaml]
#
# OUT defaults to catalogue/nist-sp800-53-low/5.1.1+u4.yaml.  The input is
# the LOW baseline as a resolved OSCAL catalog in
# ../shared/reference/oscal/ (SOURCE there says which commit of
# usnistgov/oscal-content); CFGEN_OSCAL_CATALOG names another file, CFGEN
# another cfgen binary (default build/cfgen).  The import is
# deterministic: tests/scripts/import_oscal.sh runs this script and
# compares its output with the shipped file byte for byte.  The
# regen-catalogues target runs it with every other converter.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cfgen=${CFGEN:-$root/build/cfgen}
name=NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json
src=${CFGEN_OSCAL_CATALOG:-}
if [ -z "$src" ]; then
	# The reference data sits beside the repository (a worktree: deeper).
	for d in "$root/../shared" "$root/../../shared"; do
		if [ -f "$d/reference/oscal/$name" ]; then
			src=$d/reference/oscal/$name
			break
		fi
	done
fi
if [ -z "$src" ]; then
	echo "import-nist-sp800-53: no ../shared/reference/oscal/$name" \
	    "(set CFGEN_OSCAL_CATALOG)" >&2
	exit 1
fi
out=${1:-$root/catalogue/nist-sp800-53-low/5.1.1+u4.yaml}
mkdir -p "$(dirname "$out")"
# The id says what the file holds: the LOW baseline's controls only.
exec "$cfgen" import oscal "$src" --id nist-sp800-53-low -o "$out" --force
