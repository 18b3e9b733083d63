#!/usr/bin/env bash
# import.sh -- CPU time of `cfgen import oscal` and of `cfgen validate` on
# catalogs of real size (issue 10: validate of 1,189 controls under 100 ms
# of CPU, alone and with a responses file answering every control; import
# of the HIGH baseline's size under 1 s).  The catalogs are
# made by bench/oscal_synth.py from the 800-53 LOW baseline in
# ../shared/reference/oscal/ (the full catalog is not in the reference
# data): 1,189 controls (all of SP 800-53 r5) and 370 (about its HIGH
# baseline).  Prints the median of RUNS runs of user+system time, from
# /usr/bin/time.  Not a test: numbers vary by machine and load.
#
#   bench/import.sh [-b BUILD_DIR] [-r RUNS]
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
runs=11
while getopts b:r: opt; do
	case $opt in
	b) build=$OPTARG ;;
	r) runs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
cfgen=$build/cfgen
name=NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json
ref=
for d in "$root/../shared" "$root/../../shared"; do
	[ -f "$d/reference/oscal/$name" ] && ref=$d/reference/oscal/$name && break
done
[ -n "$ref" ] || { echo "no ../shared/reference/oscal/$name" >&2; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-bench-import.XXXXXX")
trap 'rm -rf "$work"' EXIT

# median CMD...: the median user+system seconds of RUNS runs.
median() {
	local i
	for ((i = 0; i < runs; i++)); do
		/usr/bin/time -f "%U %S" -o "$work/t" "$@" >/dev/null 2>&1 || true
		awk '{ printf "%.3f\n", $1 + $2 }' "$work/t"
	done | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

# answered FILE: a responses file of product bench answering every control
# of the catalogue Compliant, with one evidence file and a note, as a
# test lab's answers to the whole catalogue would look: cfgen init's
# skeleton filled in.
answered() {
	mkdir -p "$work/evidence"
	printf '# Policy\n\nReviewed yearly.\n' >"$work/evidence/policy.md"
	"$cfgen" init "$1" --product bench -o "$work/init.yaml" --force \
	    >/dev/null 2>&1
	sed -e 's/^date: .*/date: 2026-01-10/' \
	    -e 's/^  name: .*/  name: Bench Product/' \
	    -e 's/^    name:$/    name: Bench Ltd/' \
	    -e 's/^    address:$/    address: 1 Test Street/' \
	    -e 's/^  class: .*/  class: 0/' \
	    -e 's/^    answer:$/    answer: C\n    evidence:\n      - evidence\/policy.md\n    note: Met by the documented process, reviewed yearly./' \
	    "$work/init.yaml" >"$2"
	printf 'declaration:\n  signatory:\n    name: A. Tester\n' >>"$2"
	printf '    role: Director\n  place: Testville\n  date: 2026-01-11\n' >>"$2"
}

for n in 1189 370; do
	python3 "$root/bench/oscal_synth.py" "$ref" "$n" "$work/c$n.json"
	"$cfgen" import oscal "$work/c$n.json" -o "$work/c$n.yaml" 2>/dev/null
	printf '%5d controls: JSON %s bytes, YAML %s bytes\n' "$n" \
	    "$(stat -c %s "$work/c$n.json")" "$(stat -c %s "$work/c$n.yaml")"
	printf '      import oscal  %s s CPU (median of %d)\n' \
	    "$(median "$cfgen" import oscal "$work/c$n.json" -o "$work/x.yaml" --force)" "$runs"
	printf '      validate      %s s CPU (median of %d)\n' \
	    "$(median "$cfgen" validate "$work/c$n.yaml")" "$runs"
	answered "$work/c$n.yaml" "$work/r$n.yaml"
	"$cfgen" validate "$work/c$n.yaml" "$work/r$n.yaml" 2>/dev/null |
	    grep -q 'can be issued' ||
	    { echo "the answers to $n controls do not validate" >&2; exit 1; }
	printf '      validate with every control answered  %s s CPU (median of %d)\n' \
	    "$(median "$cfgen" validate "$work/c$n.yaml" "$work/r$n.yaml")" "$runs"
done
printf '  149 controls (the shipped LOW baseline):\n'
printf '      import oscal  %s s CPU (median of %d)\n' \
    "$(median "$cfgen" import oscal "$ref" -o "$work/x.yaml" --force)" "$runs"
