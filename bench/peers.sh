#!/usr/bin/env bash
# peers.sh -- cfgen against its peers and its floor, side by side, one run:
#
#	bench/peers.sh [BUILD [REQUIREMENTS [RUNS]]]
#
# On the workload of bench/workload.sh (REQUIREMENTS, default 250, one
# completed product), RUNS times each (default 11), interleaved so every
# contender sees the same machine load, and reports medians of wall-clock
# and CPU (user + system) time:
#   cfgen md+html+pdf   the whole build of every artefact;
#   cfgen md+html       the same without PDF; the difference is the PDF part;
#   floor               bench/pdf_floor writing the same PDF pages (pdftotext
#                       word boxes of cfgen's PDFs) with libharu and the same
#                       HarfBuzz subset font, compressed as cfgen does
#                       (libdeflate, gen/pdfflate.h);
#   pandoc+wkhtmltopdf  the completed checklist's Markdown to PDF, when both
#                       are installed (Debian: pandoc, wkhtmltopdf).
# Then the ratios the issue asks for: peers / cfgen whole build (goal at
# least 30) and cfgen PDF part / floor (goal at most 1.5).  Timings are
# never tests: this prints numbers, it passes or fails nothing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
n=${2:-250}
runs=${3:-11}
cfgen=$build/cfgen
floor=$build/bench/pdf_floor
runtime=$build/bench/runtime
[ -x "$floor" ] && [ -x "$runtime" ] ||
	cmake --build "$build" --target pdf_floor runtime >/dev/null
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-peers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
"$root/bench/workload.sh" "$tmp/wl" "$n"
export SOURCE_DATE_EPOCH=1767225600

# clock FILE CMD...: appends "wall cpu" (seconds) of one run to FILE, as
# bench/runtime measures them: the wall-clock time from its fork to its
# wait, the CPU time of everything the command ran, to the microsecond
# (/usr/bin/time counts CPU in hundredths, a third of a cfgen build).
clock() {
	"$runtime" "$@" >/dev/null 2>&1
}

median() {	# column of FILE
	sort -n -k"$2" "$1" | awk -v c="$2" '{ v[NR] = $c } END { print v[int((NR + 1) / 2)] }'
}

peers=false
command -v pandoc >/dev/null && command -v wkhtmltopdf >/dev/null && peers=true
$peers || echo "peers: pandoc or wkhtmltopdf not installed; timing cfgen and the floor only"

# cfgen FORMATS: the command line of one build into a fresh folder.
cfgen_build() {
	rm -rf "$tmp/out"
	echo "$cfgen" build "$tmp/wl/catalogue.yaml" "$tmp/wl/product.yaml" \
	    -o "$tmp/out" -q -f "$1"
}
$(cfgen_build md,html,pdf) >/dev/null
rel="$tmp/out/bench-1.0"
md=$(ls "$rel"/bench-product/*-checklist.md)
cp "$md" "$tmp/checklist.md"
npdf=$(ls "$rel"/*.pdf "$rel"/*/*.pdf | wc -l)
words=()
for pdf in "$rel"/*.pdf "$rel"/bench-product/*.pdf; do
	pdftotext -bbox "$pdf" "$tmp/$(basename "$pdf").html"
	words+=("$tmp/$(basename "$pdf").html")
done
: >"$tmp/all"; : >"$tmp/nopdf"; : >"$tmp/floor"; : >"$tmp/peer"
for ((i = 0; i < runs; i++)); do
	clock "$tmp/all" $(cfgen_build md,html,pdf)
	clock "$tmp/nopdf" $(cfgen_build md,html)
	"$floor" "${words[@]}" | awk '{ printf "%.4f %.4f\n", $(NF - 4) / 1000, $(NF - 1) / 1000 }' >>"$tmp/floor"
	if $peers; then
		clock "$tmp/peer" pandoc -f gfm "$tmp/checklist.md" \
		    -o "$tmp/peer.pdf" --pdf-engine=wkhtmltopdf \
		    --metadata title=Checklist
	fi
done
for k in 1 2; do
	what=$([ $k = 1 ] && echo wall || echo cpu)
	all=$(median "$tmp/all" $k); nopdf=$(median "$tmp/nopdf" $k)
	fl=$(median "$tmp/floor" $k)
	echo "== $what seconds, median of $runs ($n requirements, $npdf PDFs)"
	echo "cfgen md+html+pdf   $all"
	echo "cfgen md+html       $nopdf"
	awk -v a="$all" -v b="$nopdf" -v f="$fl" 'BEGIN {
		pdf = a - b; if (pdf < 0) pdf = 0
		printf "cfgen PDF part      %.4f\nfloor               %.4f\n", pdf, f
		if (f > 0) printf "PDF part / floor    %.2f  (goal <= 1.5)\n", pdf / f }'
	if $peers; then
		pr=$(median "$tmp/peer" $k)
		echo "pandoc+wkhtmltopdf  $pr  (one checklist)"
		awk -v a="$all" -v p="$pr" 'BEGIN { if (a > 0) printf "peers / cfgen       %.1f  (goal >= 30)\n", p / a }'
	fi
done
