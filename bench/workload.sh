#!/usr/bin/env bash
# workload.sh -- writes a synthetic release and one completed product:
#
#	bench/workload.sh DIR [REQUIREMENTS]
#
# DIR/catalogue.yaml has REQUIREMENTS (default 250) requirements in
# sections of 25, their texts cycling through the shipped catalogue's;
# DIR/product.yaml answers every one (Compliant with an evidence file and
# a note, every tenth Not applicable with a justification).  Used by
# peers.sh; any benchmark may use it.
set -euo pipefail
dir=${1:?usage: workload.sh DIR [REQUIREMENTS]}
n=${2:-250}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/evidence"
printf '# Evidence\n\nThe process is documented and reviewed yearly.\n' \
    >"$dir/evidence/process.md"

# The shipped requirement texts, one per line.
texts=$(awk '
	/^ *text: >-$/ { intext = 1; buf = ""; next }
	/^ *text: / { t = $0; sub(/^ *text: /, "", t); print t; next }
	intext && /^ {10}/ { l = $0; sub(/^ */, "", l); buf = buf (buf == "" ? "" : " ") l; next }
	intext { print buf; intext = 0 }' "$root/catalogue/iotsf-cf/1.0.yaml")
ntexts=$(printf '%s\n' "$texts" | wc -l)

{
	sed -n '/^schema:/,/^sections:/p' "$root/catalogue/iotsf-cf/1.0.yaml" |
	    sed -e 's/^id: .*/id: bench/' -e 's/^title: .*/title: Benchmark Framework/'
	for ((i = 0; i < n; i++)); do
		s=$((i / 25 + 1))
		if ((i % 25 == 0)); then
			printf '  - id: "%d"\n    title: Section %d of the benchmark\n' "$s" "$s"
			printf '    intro: Confirm each requirement with evidence.\n'
			printf '    requirements:\n'
		fi
		t=$(printf '%s\n' "$texts" | sed -n "$((i % ntexts + 1))p")
		printf '      - id: "%d.%d"\n' "$s" "$((i % 25 + 1))"
		printf '        text: >-\n          %s (Item %d.)\n' "$t" "$((i + 1))"
		printf '        class: %d\n        category: %s\n' "$((i % 3 + 1))" \
		    "$( ((i % 4 == 3)) && echo A || echo M)"
		printf '        applicability: TBD\n'
	done
} >"$dir/catalogue.yaml"

{
	printf 'schema: cfgen/responses/1\ncatalogue: bench\nversion: "1.0"\n'
	printf 'revision: 1\ndate: 2026-10-02\n\nproduct:\n  id: bench-product\n'
	printf '  name: Benchmark Product\n  version: "1.0"\n'
	printf '  support_until: 2031-06-30\n  manufacturer:\n'
	printf '    name: Benchmark Devices Ltd\n    address: 1 Test Street, Testtown\n'
	printf '    contact: mailto:security@bench.example\n\nclaim:\n  class: 3\n\nanswers:\n'
	for ((i = 0; i < n; i++)); do
		printf '  "%d.%d":\n' "$((i / 25 + 1))" "$((i % 25 + 1))"
		if ((i % 10 == 9)); then
			printf '    answer: NA\n    justification: The product has no such function.\n'
		else
			printf '    answer: C\n    evidence:\n      - evidence/process.md\n'
			printf '    note: Reviewed by the product security team in the last release.\n'
		fi
	done
	printf '\ndeclaration:\n  signatory:\n    name: Jane Doe\n    role: Head of Product Security\n'
	printf '  place: Testtown\n  date: 2026-10-05\n'
} >"$dir/product.yaml"
