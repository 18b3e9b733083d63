#!/usr/bin/env bash
# scale.sh -- peak memory of `cfgen build` against the number of products
# (cli.md "Memory": it depends on the largest document, not on how many
# products a run has).  Generates a catalogue of SECTIONS x PER
# requirements (default 20 x 50 = 1,000) and N products answering all of
# them, then builds 1 and N products and prints the peak resident set size
# of each from /usr/bin/time -v.  Not a test: numbers vary by machine.
#
#   bench/scale.sh [-b BUILD_DIR] [-n N] [-f FORMATS] [-j JOBS]
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
build=$root/build
n=100
formats=md,html,pdf,json
jobs=1
while getopts b:n:f:j: opt; do
	case $opt in
	b) build=$OPTARG ;;
	n) n=$OPTARG ;;
	f) formats=$OPTARG ;;
	j) jobs=$OPTARG ;;
	*) exit 2 ;;
	esac
done
sections=20
per=50
work=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-scale.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The catalogue: the shipped header (classes, categories, answers), then
# requirements with texts of a realistic length.
{
	sed -n '/^sections:/q; /^#/!p' "$root/catalogue/iotsf-cf/1.0.yaml" |
	    sed 's/^id: iotsf-cf/id: scale/'
	echo "sections:"
	for ((s = 1; s <= sections; s++)); do
		printf '  - id: "%d"\n    title: Section %d\n    requirements:\n' "$s" "$s"
		for ((r = 1; r <= per; r++)); do
			printf '      - id: "%d.%d"\n        class: %d\n        category: %s\n' \
			    "$s" "$r" $((r % 3)) "$([ $((r % 4)) -eq 0 ] && echo A || echo M)"
			printf '        text: >-\n'
			printf '          The organization develops, documents and disseminates to\n'
			printf '          the personnel it names a policy for requirement %d.%d that\n' "$s" "$r"
			printf '          addresses purpose, scope, roles, responsibilities, management\n'
			printf '          commitment, coordination among entities and compliance, and\n'
			printf '          reviews and updates it at a frequency it defines.\n'
		done
	done
} >"$work/catalogue.yaml"

# N products, each answering every requirement with a note.
for ((p = 1; p <= n; p++)); do
	{
		printf 'schema: cfgen/responses/1\ncatalogue: scale\nversion: "1.0"\n'
		printf 'revision: 1\ndate: 2026-01-10\n'
		printf 'product:\n  id: product-%d\n  name: Product %d\n' "$p" "$p"
		printf '  manufacturer:\n    name: Scale Ltd\n    address: 1 Test Street\n'
		printf 'claim:\n  class: 2\nanswers:\n'
		for ((s = 1; s <= sections; s++)); do
			for ((r = 1; r <= per; r++)); do
				printf '  "%d.%d":\n    answer: C\n    note: Met by the %s process, reviewed yearly.\n' \
				    "$s" "$r" "product-$p"
			done
		done
		printf 'declaration:\n  signatory:\n    name: A. Tester\n    role: Director\n'
		printf '  place: Testville\n  date: 2026-01-11\n'
	} >"$work/product-$p.yaml"
done

"$build/cfgen" validate "$work/catalogue.yaml" "$work/product-1.yaml" \
    >/dev/null 2>&1 || { echo "the generated inputs do not validate"; exit 1; }

peak() {	# peak LABEL FILES...: build them, print the peak RSS
	local label=$1
	shift
	rm -rf "$work/out"
	/usr/bin/time -v "$build/cfgen" build "$work/catalogue.yaml" "$@" \
	    -f "$formats" -j "$jobs" -q -o "$work/out" >/dev/null 2>"$work/time" || true
	printf '%-14s peak RSS %7d KiB, %s s, output %s\n' "$label" \
	    "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time")" \
	    "$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time")" \
	    "$(du -sh "$work/out" | cut -f1)"
}

echo "catalogue: $((sections * per)) requirements; formats $formats; -j $jobs"
peak "1 product" "$work/product-1.yaml"
files=()
for ((p = 1; p <= n; p++)); do files+=("$work/product-$p.yaml"); done
peak "$n products" "${files[@]}"
