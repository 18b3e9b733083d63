#!/usr/bin/env bash
# import_oscal.sh -- `cfgen import oscal` (catalogue.md "Importing OSCAL"):
# the edge-case catalog of tests/import/ without and with baselines against
# its goldens (YAML and diagnostics), every output through `cfgen
# validate`, the bad inputs of tests/bad/import/, the command line (usage
# errors, unreadable inputs, no overwrite without --force, nothing written
# on error), the shipped NIST catalogue imported again byte for byte and
# its family headings as its documents print them.
#
# After a change meant to alter the imported YAML:
#   CFGEN_REGEN=1 bash tests/scripts/import_oscal.sh  (or: regen-goldens)
# and review `git diff tests/golden/import/`.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
. tests/scripts/lib/bounded.sh
export LC_ALL=C

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-import.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
golden=tests/golden/import
passed=0
failed=0

fail() {
	echo "FAIL $1: $2"
	[ -f "$tmp/err" ] && sed 's/^/    stderr| /' "$tmp/err" | head -n 20
	failed=$((failed + 1))
}
pass() { passed=$((passed + 1)); }

run() {
	bounded "$CFGEN" "$@" >"$tmp/out" 2>"$tmp/err"
}

validates() {
	if "$CFGEN" validate "$1" >"$tmp/vout" 2>"$tmp/verr"; then
		return 0
	fi
	sed 's/^/    validate| /' "$tmp/verr" | head -n 20
	return 1
}

# golden NAME ARGS... -- import with ARGS; YAML and stderr vs goldens.
golden() {
	local name=$1
	shift
	run import oscal "$@" -o "$tmp/$name.yaml"
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "$name" "import exited $rc"
		return
	fi
	if [ "${CFGEN_REGEN:-0}" = 1 ]; then
		mkdir -p "$golden"
		cp "$tmp/$name.yaml" "$golden/$name.yaml"
		cp "$tmp/err" "$golden/$name.stderr"
	fi
	if ! cmp -s "$tmp/$name.yaml" "$golden/$name.yaml"; then
		diff -u "$golden/$name.yaml" "$tmp/$name.yaml" | head -n 40
		fail "$name" "YAML differs from $golden/$name.yaml"
	elif ! cmp -s "$tmp/err" "$golden/$name.stderr"; then
		diff -u "$golden/$name.stderr" "$tmp/err" | head -n 20
		fail "$name" "diagnostics differ from $golden/$name.stderr"
	elif ! validates "$tmp/$name.yaml"; then
		fail "$name" "the imported catalogue does not validate"
	else
		pass
	fi
}

golden edge tests/import/edge.json
golden edge-baselines tests/import/edge.json \
    --baseline LOW=tests/import/low-profile.json \
    --baseline "HIGH impact=tests/import/high-profile.json"
golden edge-overrides tests/import/edge.json --id edge-x --version 2.0+b \
    --released 2024-02-29

# The same input twice: the same bytes.
run import oscal tests/import/edge.json -o "$tmp/again.yaml"
if cmp -s "$tmp/again.yaml" "$golden/edge.yaml"; then pass; else
	fail determinism "a second import differs"; fi

# The shipped NIST catalogue is this importer's output, byte for byte.
# The reference data sits beside the repository (../shared; a worktree
# one level deeper).
ref=
for d in ../shared ../../shared; do
	f=$d/reference/oscal/NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog-min.json
	[ -f "$f" ] && ref=$f && break
done
for shipped in catalogue/nist-sp800-53-low/*.yaml; do
	[ -f "$shipped" ] || continue
	if [ -z "$ref" ]; then
		echo "not checked: $shipped (no ../shared/reference/oscal/)"
		continue
	fi
	bash scripts/import-nist-sp800-53.sh "$tmp/nist.yaml" 2>"$tmp/err" >/dev/null
	if cmp -s "$tmp/nist.yaml" "$shipped"; then pass; else
		diff -u "$shipped" "$tmp/nist.yaml" | head -n 20
		fail nist "$shipped is not what the import makes (run " \
		    "scripts/import-nist-sp800-53.sh)"
	fi
done

# Bad inputs: tests/bad/import/NAME.json with NAME.expect.
for case in tests/bad/import/*.json; do
	name=$(basename "$case" .json)
	spec=${case%.json}.expect
	out="$tmp/bad-$name.yaml"
	run import oscal "$case" -o "$out"
	rc=$?
	want_exit=$(sed -n 's/^exit: //p' "$spec")
	ok=1
	if [ "$rc" != "$want_exit" ]; then
		fail "$name" "exit $rc, want $want_exit"
		continue
	fi
	nerr=0
	while IFS= read -r line; do
		pos=${line%%: *}
		rest=${line#*: }
		sev=${rest%%: *}
		frag=${rest#*: }
		[ "$sev" = error ] && nerr=$((nerr + 1))
		if [ "$pos" = - ]; then prefix="$case: $sev: "; else
			prefix="$case:$pos: $sev: "; fi
		found=0
		while IFS= read -r l; do
			if [[ $l == "$prefix"* && $l == *"$frag"* ]]; then
				found=1
				break
			fi
		done <"$tmp/err"
		if [ $found = 0 ]; then
			fail "$name" "no line '$prefix...$frag...'"
			ok=0
			break
		fi
	done < <(sed -n 's/^expect: //p' "$spec")
	[ $ok = 1 ] || continue
	got=$(grep -c ": error: " "$tmp/err")
	if [ "$got" != "$nerr" ]; then
		fail "$name" "$got errors, want $nerr"
	elif [ "$rc" != 0 ] && [ -e "$out" ]; then
		fail "$name" "a file was written despite errors"
	elif [ "$rc" = 0 ] && ! validates "$out"; then
		fail "$name" "the imported catalogue does not validate"
	else
		pass
	fi
done

# Made here: bytes that are not UTF-8, an empty file, a folder, a FIFO,
# a missing file, and a file too large.
printf '{"catalog": "\xff"}' >"$tmp/latin1.json"
: >"$tmp/empty.json"
mkdir "$tmp/dir.json"
mkfifo "$tmp/fifo.json"
check_sys() {	# NAME WANT_EXIT FRAGMENT FILE
	run import oscal "$4" -o "$tmp/sys.yaml"
	local rc=$?
	if [ "$rc" != "$2" ]; then fail "$1" "exit $rc, want $2"
	elif ! grep -q -- "$3" "$tmp/err"; then fail "$1" "no '$3'"
	elif [ -e "$tmp/sys.yaml" ]; then fail "$1" "a file was written"
	else pass; fi
}
check_sys not-utf8 1 "not valid JSON" "$tmp/latin1.json"
check_sys empty 1 "not valid JSON" "$tmp/empty.json"
check_sys directory 4 "Is a directory" "$tmp/dir.json"
check_sys fifo 4 "not a regular file" "$tmp/fifo.json"
check_sys missing 4 "No such file" "$tmp/missing.json"
truncate -s 65M "$tmp/huge.json"
check_sys too-large 1 "over the size limit" "$tmp/huge.json"
printf '{"profile": {}}' >"$tmp/bad-profile.json"
run import oscal tests/import/edge.json --baseline "X=$tmp/bad-profile.json" \
    -o "$tmp/sys.yaml"
if [ $? = 1 ] && grep -q "bad-profile.json: error: not an OSCAL profile" \
    "$tmp/err" && [ ! -e "$tmp/sys.yaml" ]; then pass; else
	fail bad-profile "not refused as a profile"; fi

# Usage errors: exit 2, nothing written.
usage() {	# NAME FRAGMENT ARGS...
	local name=$1 frag=$2
	shift 2
	run import "$@"
	local rc=$?
	if [ "$rc" != 2 ]; then fail "$name" "exit $rc, want 2"
	elif ! grep -q -- "$frag" "$tmp/err"; then fail "$name" "no '$frag'"
	else pass; fi
}
usage no-format "missing the format" 
usage bad-format "unknown format 'csv'" csv tests/import/edge.json
usage no-file "missing CATALOG.json" oscal
usage bad-id "--id 'Edge'" oscal tests/import/edge.json --id Edge
usage bad-version "--version '1 0'" oscal tests/import/edge.json --version "1 0"
usage bad-date "--released '2023-02-29'" oscal tests/import/edge.json --released 2023-02-29
usage bad-baseline "TITLE=PROFILE.json" oscal tests/import/edge.json --baseline LOW
run import --help
if [ $? = 0 ] && grep -q "usage: cfgen import oscal" "$tmp/out"; then pass; else
	fail help "import --help"; fi

# No overwrite without --force; with it, the file is replaced whole.
echo "precious" >"$tmp/keep.yaml"
run import oscal tests/import/edge.json -o "$tmp/keep.yaml"
if [ $? = 1 ] && grep -q "give --force" "$tmp/err" &&
    [ "$(cat "$tmp/keep.yaml")" = precious ]; then pass; else
	fail no-clobber "an existing file was not kept"; fi
run import oscal tests/import/edge.json -o "$tmp/keep.yaml" --force
if [ $? = 0 ] && cmp -s "$tmp/keep.yaml" "$golden/edge.yaml"; then pass; else
	fail force "--force did not replace the file"; fi
# An invalid input leaves an existing file as it was, even with --force.
echo "precious" >"$tmp/keep.yaml"
run import oscal tests/bad/import/control-no-id.json -o "$tmp/keep.yaml" --force
if [ $? = 1 ] && [ "$(cat "$tmp/keep.yaml")" = precious ]; then pass; else
	fail keep-on-error "an invalid import touched the file"; fi

# The shipped NIST catalogue's documents: a family's heading spells its
# number as its controls do ("AC Access Control" above AC-1), not as
# OSCAL's group id ("ac"), which only names the guide page.
run build catalogue/nist-sp800-53-low/*.yaml -o "$tmp/nist" -f md,html -q
md=$(find "$tmp/nist" -name '*-checklist.md' | head -n 1)
if grep -qx '## AC Access Control' "$md" 2>/dev/null &&
    ! grep -q '^## [a-z][a-z] ' "$md" &&
    grep -q '<span class="num">AC</span> Access Control</h1>' \
    "$tmp"/nist/*/guide/ac.html; then pass; else
	fail nist-headings "a family heading is not 'AC Access Control'"; fi
# Related controls the LOW baseline leaves out are named as NIST labels
# them (PM-9, AC-2(1)), like the ones it has, not by OSCAL id (pm-9).
if ! grep -qE 'Related controls:.*\b[a-z]{2}-[0-9]' catalogue/nist-sp800-53-low/*.yaml &&
    grep -q 'Related controls: IA-1, PM-9, PM-24, PS-8, SI-12\.' \
    catalogue/nist-sp800-53-low/*.yaml; then pass
else fail nist-related "a related control is named by its OSCAL id"; fi
# Its one class: named with the number its controls' "0 and above" means,
# and no class filter offering "All classes" beside "All".
if grep -q '^| All (class 0) |' "$md" &&
    ! grep -q 'name="class-filter"' "$tmp"/nist/*/guide/ac.html; then pass
else fail nist-class "the class is not 'All (class 0)', or a filter of one"; fi

echo "import_oscal: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
