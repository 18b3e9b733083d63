#!/usr/bin/env bash
# Build-time regeneration and the installed CMake package:
# - the project's own build regenerates output/ when a catalogue changes,
#   and a second build with no change regenerates nothing;
# - `cmake --install` + find_package(cfgen) in tests/cmake-consumer builds
#   that project's artefacts.
set -euo pipefail
src=${CFGEN_SOURCE_DIR:?}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() {	# check DESCRIPTION COMMAND...
	local what=$1; shift
	if "$@"; then pass=$((pass + 1)); else
		echo "FAIL: $what"; fail=$((fail + 1)); fi
}

# A copy of the project, so touching inputs never disturbs the checkout.
mkdir "$tmp/proj"
(cd "$src" && tar cf - CMakeLists.txt cmake gen templates catalogue \
	responses doc bench) | (cd "$tmp/proj" && tar xf -)
export SOURCE_DATE_EPOCH=1764028800
cmake -S "$tmp/proj" -B "$tmp/b" -DCFGEN_TESTS=OFF >/dev/null
cmake --build "$tmp/b" -j2 >"$tmp/first.log" 2>&1 ||
	{ cat "$tmp/first.log"; exit 1; }
sums=$tmp/proj/output/iotsf-cf-1.0/SHA256SUMS
check "first build generates output/" test -s "$sums"

cmake --build "$tmp/b" -j2 >"$tmp/second.log" 2>&1
check "a build with no change regenerates nothing" \
	bash -c "! grep -q 'cfgen: generating' '$tmp/second.log'"

before=$(stat -c %Y "$sums")
sleep 1.1
touch "$tmp/proj/catalogue/iotsf-cf/1.0.yaml"
cmake --build "$tmp/b" -j2 >"$tmp/third.log" 2>&1
check "touching a catalogue regenerates its artefacts" \
	grep -q 'cfgen: generating artefacts of .*1.0.yaml' "$tmp/third.log"
check "regenerated SHA256SUMS is newer" \
	test "$(stat -c %Y "$sums")" -gt "$before"

sleep 1.1
touch "$tmp/proj/responses/evidence/acme-sc200/compliance-raci.md"
cmake --build "$tmp/b" -j2 >"$tmp/fourth.log" 2>&1
check "touching an evidence file regenerates" \
	grep -q 'cfgen: generating' "$tmp/fourth.log"

cmake --install "$tmp/b" --prefix "$tmp/inst" >/dev/null
check "man pages installed" test -f "$tmp/inst/share/man/man1/cfgen.1"
cmake -S "$src/tests/cmake-consumer" -B "$tmp/consumer" \
	-DCMAKE_PREFIX_PATH="$tmp/inst" -DCFGEN_EXAMPLE_DATA="$src" >/dev/null
cmake --build "$tmp/consumer" >"$tmp/consumer.log" 2>&1 ||
	cat "$tmp/consumer.log"
out=$tmp/consumer/compliance/iotsf-cf-1.0
check "find_package project builds its checklist" \
	test -s "$out/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-checklist.html"
check "find_package project builds its declaration" \
	test -s "$out/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-declaration.json"
check "find_package project's SHA256SUMS verify" \
	bash -c "cd '$out' && sha256sum --quiet -c SHA256SUMS"

echo "cmake package: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
