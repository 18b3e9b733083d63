#!/usr/bin/env bash
# Builds the libFuzzer harnesses of tests/fuzz/ with clang (ASan + UBSan)
# into build-fuzz/ and runs each of them.
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]  fuzz each harness for SECONDS
#                                            (default 60)
#   scripts/fuzz.sh --smoke                  a fixed number of runs each
#                                            (what scripts/test.sh does)
#
# The seed corpus (tests/fuzz/corpus/NAME) is copied into
# build-fuzz/corpus/NAME, which grows across runs; crashes, leaks and
# inputs slower than the per-input limit land in build-fuzz/findings/NAME.
# Copy each finding into tests/fuzz/corpus/NAME (the replay test keeps it)
# and into the bad-input corpus with its expected diagnostic.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

smoke=0
seconds=60
if [ "${1:-}" = "--smoke" ]; then
	smoke=1
	shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
	seconds=$1
	shift
fi
all=(catalogue responses template richtext richtext_pdf pdfstyle verify
	import minisig pdftwin translation)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")

if ! command -v clang >/dev/null; then
	echo "fuzz: skipped (clang is not installed)"
	exit 0
fi

dict_of() {
	case $1 in
	catalogue|responses|translation) echo yaml ;;
	template) echo mustache ;;
	richtext|richtext_pdf) echo markdown ;;
	pdfstyle) echo style ;;
	verify|import|pdftwin) echo json ;;
	minisig) echo minisig ;;
	esac
}

cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DCFGEN_FUZZ=ON \
	-DCFGEN_GENERATE_OUTPUT=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
targets=()
for h in "${harnesses[@]}"; do targets+=(--target "fuzz_$h"); done
cmake --build build-fuzz -j"$(nproc)" "${targets[@]}" >/dev/null

status=0
for h in "${harnesses[@]}"; do
	corpus=build-fuzz/corpus/$h
	findings=build-fuzz/findings/$h
	mkdir -p "$corpus" "$findings"
	cp -n tests/fuzz/corpus/"$h"/* "$corpus"/ 2>/dev/null || true
	# Bounded by a number of runs in smoke mode, never by the clock, so a
	# busy machine makes it slower, not red.  A hang is an input taking
	# longer than -timeout (generous: sanitizers on a loaded box are slow).
	if [ $smoke -eq 1 ]; then
		budget=(-runs=300)
	else
		budget=(-max_total_time="$seconds")
	fi
	log=build-fuzz/fuzz-$h.log
	if ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    build-fuzz/tests/fuzz/fuzz_"$h" "${budget[@]}" -timeout=120 \
	    -rss_limit_mb=2560 -max_len=65536 \
	    -dict=tests/fuzz/dict/"$(dict_of "$h")".dict \
	    -artifact_prefix="$findings"/ "$corpus" >"$log" 2>&1; then
		runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo '?')
		echo "fuzz $h: $runs runs, 0 findings"
	else
		echo "fuzz $h: FAILED, see $log and $findings/"
		tail -n 30 "$log"
		status=1
	fi
done
exit $status
