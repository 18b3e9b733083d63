#!/usr/bin/env bash
# Runs every test: the normal build, then the whole suite again in a build
# with -fsanitize=address,undefined.  Builds what is missing first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
[ -x .tools/node_modules/.bin/html-validate ] && command -v pdftotext >/dev/null ||
	scripts/setup.sh
jobs=$(nproc)

run_suite() {
	local dir=$1; shift
	cmake -S . -B "$dir" "$@" >/dev/null
	cmake --build "$dir" -j"$jobs"
	# Benchmarks are not run here, but they must keep compiling.
	cmake --build "$dir" -j"$jobs" --target bench_pdf pdf_floor runtime
	ctest --test-dir "$dir" --output-on-failure -j"$jobs"
}

echo "== tests (release build)"
run_suite build -DCMAKE_BUILD_TYPE=RelWithDebInfo
# ctest hides what passing tests print: show each suite's own count
# (the Mustache spec, the bad-input corpus, ...).
echo "== counts reported by the suites"
grep -h -E '^[A-Za-z][A-Za-z0-9 ._-]*: ([0-9]+ passed, [0-9]+ failed|skipped)' \
	build/Testing/Temporary/LastTest.log | sort -u
echo "== tests (address and undefined-behaviour sanitizers)"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	run_suite build-asan -DCMAKE_BUILD_TYPE=Debug -DCFGEN_SANITIZE=ON \
		-DCFGEN_GENERATE_OUTPUT=OFF
echo "== fuzz smoke (libFuzzer harnesses, clang, a fixed number of runs)"
scripts/fuzz.sh --smoke
