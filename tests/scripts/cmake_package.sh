#!/usr/bin/env bash
# Build-time regeneration and the installed CMake package:
# - the project's own build regenerates output/ when a catalogue changes,
#   and a second build with no change regenerates nothing;
# - `cmake --install` + find_package(cfgen) in tests/cmake-consumer builds
#   that project's artefacts;
# - a project with its responses at the top and its build folder inside,
#   with make and ninja: no cycle, deleted outputs regenerated, DRAFT.
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

# A project whose responses file sits at its top with the build folder
# inside it, with make and with ninja: no dependency cycle through the
# build's own files, a second build does nothing, a deleted output folder
# is generated again, and with DRAFT a refused declaration (unsigned.yaml
# has no declaration block) is written as a draft instead of failing the
# build.
root=$tmp/rooted
mkdir -p "$root"
cp -R "$src/responses/." "$root/"
cp "$src/catalogue/iotsf-cf/1.0.yaml" "$root/catalogue.yaml"
sed '/^declaration:/,$d' "$root/acme-sc200.yaml" >"$root/unsigned.yaml"
cat >"$root/CMakeLists.txt" <<'CMAKE'
cmake_minimum_required(VERSION 3.20)
project(rooted NONE)
find_package(cfgen REQUIRED)
cfgen_add_artefacts(TARGET compliance ALL
  CATALOGUE ${CMAKE_CURRENT_SOURCE_DIR}/catalogue.yaml
  RESPONSES ${CMAKE_CURRENT_SOURCE_DIR}/acme-sc200.yaml
  OUTPUT    ${CMAKE_CURRENT_BINARY_DIR}/compliance
  FORMATS   md json)
cfgen_add_artefacts(TARGET unsigned ALL DRAFT
  CATALOGUE ${CMAKE_CURRENT_SOURCE_DIR}/catalogue.yaml
  RESPONSES ${CMAKE_CURRENT_SOURCE_DIR}/unsigned.yaml
  OUTPUT    ${CMAKE_CURRENT_BINARY_DIR}/drafts
  FORMATS   md json)
CMAKE
decl=acme-sc200/acme-sc200-r3-iotsf-cf-1.0-declaration
for gen in "Unix Makefiles" Ninja; do
	if [ "$gen" = Ninja ] && ! command -v ninja >/dev/null; then
		echo "FAIL: ninja is not installed (scripts/setup.sh installs it)"
		fail=$((fail + 1))
		continue
	fi
	b=$root/build-${gen%% *}
	cmake -S "$root" -B "$b" -G "$gen" -DCMAKE_PREFIX_PATH="$tmp/inst" \
	    >/dev/null
	rc=0
	cmake --build "$b" >"$tmp/rooted.log" 2>&1 || rc=$?
	[ "$rc" -eq 0 ] || cat "$tmp/rooted.log"
	check "$gen: the project at the responses' folder builds" \
	    test "$rc" -eq 0
	check "$gen: no dependency cycle" \
	    bash -c "! grep -Eqi 'circular|cycle' '$tmp/rooted.log'"
	check "$gen: the declaration is written" \
	    test -s "$b/compliance/iotsf-cf-1.0/$decl.json"
	check "$gen: DRAFT writes the refused declaration as a draft" \
	    test -s "$b/drafts/iotsf-cf-1.0/$decl-DRAFT.json"
	cmake --build "$b" >"$tmp/rooted2.log" 2>&1 || true
	check "$gen: a second build regenerates nothing" \
	    bash -c "! grep -q 'cfgen: generating' '$tmp/rooted2.log'"
	rm -rf "$b/compliance"
	cmake --build "$b" >"$tmp/rooted3.log" 2>&1 || true
	check "$gen: a deleted output folder is generated again" \
	    test -s "$b/compliance/iotsf-cf-1.0/$decl.json"
done

echo "cmake package: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
