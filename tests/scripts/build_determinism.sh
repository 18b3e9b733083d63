#!/usr/bin/env bash
# build_determinism.sh -- cli.md "Reproducible" and "Nothing half-written":
#   1. the same inputs and SOURCE_DATE_EPOCH give byte-identical trees,
#      whatever -j says and whether the folder was empty or not;
#   2. a build that fails half-way (a template that cannot be read, a
#      malformed template, an invalid responses file) leaves an existing
#      output tree exactly as it was, and adds nothing.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-determinism.XXXXXX") || exit 1
trap 'chmod -R u+rwX "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

export SOURCE_DATE_EPOCH=1767225600
cat=catalogue/iotsf-cf/1.0.yaml
resp="responses/acme-sc200.yaml responses/brightwell-t1.yaml"
failed=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

build() {	# build OUTDIR [ARGS...]: exit status in $rc, stderr in $tmp/err
	local out=$1
	shift
	# shellcheck disable=SC2086
	"$CFGEN" build $cat $resp -o "$out" -q "$@" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
}

# Every path (folders too), with type, size, mode and content checksum.
listing() {
	(cd "$1" && find . -printf '%y %s %m %p\n' | sort &&
	    find . -type f -exec sha256sum {} + | sort -k 2)
}

# -- 1. byte-identical --------------------------------------------------
build "$tmp/a" -j 1
[ "$rc" -eq 0 ] || fail "first build exited $rc: $(cat "$tmp/err")"
build "$tmp/b" -j 8
[ "$rc" -eq 0 ] || fail "-j 8 build exited $rc"
diff -r "$tmp/a" "$tmp/b" >"$tmp/diff" ||
    fail "-j 1 and -j 8 differ: $(head -n 20 "$tmp/diff")"
nfiles=$(find "$tmp/a" -type f | wc -l)
[ "$nfiles" -ge 12 ] || fail "only $nfiles files written"
ls "$tmp/a"/iotsf-cf-1.0/*.pdf >/dev/null 2>&1 || fail "no PDF written"
cp -R "$tmp/a" "$tmp/again"
build "$tmp/again" -j 3
[ "$rc" -eq 0 ] || fail "rebuild exited $rc"
diff -r "$tmp/a" "$tmp/again" >"$tmp/diff" ||
    fail "a rebuild over the old tree differs: $(head -n 20 "$tmp/diff")"
(cd "$tmp/a/iotsf-cf-1.0" && sha256sum --strict -c --quiet SHA256SUMS) ||
    fail "sha256sum -c rejects SHA256SUMS"
# SHA256SUMS covers every file of the release folder but itself.
want=$(cd "$tmp/a/iotsf-cf-1.0" && find . -type f ! -name SHA256SUMS | sed 's|^\./||' | LC_ALL=C sort)
got=$(cut -c 67- "$tmp/a/iotsf-cf-1.0/SHA256SUMS")
[ "$want" = "$got" ] || fail "SHA256SUMS does not list exactly the files, sorted"

# The same diagnostics in the same order whatever -j: a character no font
# has, in a requirement every PDF prints and in a product's name (its
# checklist and its declaration), is one warning each, said by the first
# job in listed order -- not by whichever thread drew it first.
tl=$(awk '/^ *text: / { print NR; exit }' $cat)
cp -R responses/evidence "$tmp/"
sed "${tl}s/text: /text: \xe0\xb4\x85 /" $cat >"$tmp/glyph-cat.yaml"
sed 's/^  name: .*/& \xf0\x9f\x93\xb7/' responses/brightwell-t1.yaml \
    >"$tmp/glyph-resp.yaml"
glyphs() {	# glyphs OUT -j N: the run's stderr in $tmp/OUT.err
	"$CFGEN" build "$tmp/glyph-cat.yaml" "$tmp/glyph-resp.yaml" \
	    responses/acme-sc200.yaml -o "$tmp/$1" -q "$2" "$3" \
	    >/dev/null 2>"$tmp/$1.err"
}
glyphs g1 -j 1
n=$(grep -c 'is in none of the fonts' "$tmp/g1.err")
[ "$n" -eq 2 ] || fail "-j 1: $n warnings of a missing glyph, want 2: $(cat "$tmp/g1.err")"
for run in 2 8 8b 8c 3; do
	glyphs "g$run" -j "${run%[bc]}"
	cmp -s "$tmp/g1.err" "$tmp/g$run.err" ||
	    fail "-j ${run%[bc]} says other diagnostics than -j 1: $(diff "$tmp/g1.err" "$tmp/g$run.err")"
	diff -r "$tmp/g1" "$tmp/g$run" >/dev/null ||
	    fail "-j ${run%[bc]} writes other files than -j 1"
done

# -- 2. failures change nothing -----------------------------------------
listing "$tmp/a" >"$tmp/before"

check_untouched() {	# check_untouched WHAT WANT_RC
	[ "$rc" -eq "$2" ] || fail "$1: exit $rc, want $2: $(cat "$tmp/err")"
	listing "$tmp/a" >"$tmp/after"
	diff -u "$tmp/before" "$tmp/after" >"$tmp/diff" ||
	    fail "$1 changed the output tree: $(head -n 20 "$tmp/diff")"
}

# A template the program cannot read (a folder where the file should be:
# unreadable even to root).
mkdir -p "$tmp/t-unreadable/guide-section.html.mustache"
build "$tmp/a" -t "$tmp/t-unreadable"
check_untouched "unreadable template" 4
grep -q 'guide-section.html.mustache: error: cannot read template' "$tmp/err" ||
    fail "unreadable template: no diagnostic naming it: $(cat "$tmp/err")"

# A malformed template, used once for each product.
mkdir -p "$tmp/t-bad"
printf '{{#sections}}never closed\n' >"$tmp/t-bad/checklist.md.mustache"
build "$tmp/a" -t "$tmp/t-bad"
check_untouched "malformed template" 1
grep -q 'checklist.md.mustache:1:' "$tmp/err" ||
    fail "malformed template: no positioned diagnostic: $(cat "$tmp/err")"

# An invalid responses file: nothing is rendered at all.
sed 's/answer: C$/answer: X/' responses/acme-sc200.yaml >"$tmp/bad.yaml"
"$CFGEN" build $cat "$tmp/bad.yaml" -o "$tmp/a" -q >"$tmp/stdout" 2>"$tmp/err"
rc=$?
check_untouched "invalid responses" 1

# A release folder that cannot be created: exit 4, nothing left behind.
: >"$tmp/blocker"
build "$tmp/blocker/out"
[ "$rc" -eq 4 ] || fail "unwritable -o: exit $rc, want 4"
[ -f "$tmp/blocker" ] && [ ! -s "$tmp/blocker" ] || fail "unwritable -o: file changed"

# SHA256SUMS is always written, even when no artefact is (-f json with
# no responses, into a folder that does not exist yet).
"$CFGEN" build $cat -f json -o "$tmp/jsononly" -q 2>"$tmp/err"
rc=$?
[ "$rc" -eq 0 ] || fail "-f json, no responses: exit $rc, want 0: $(cat "$tmp/err")"
[ -f "$tmp/jsononly/iotsf-cf-1.0/SHA256SUMS" ] ||
	fail "-f json, no responses: no SHA256SUMS"

# No temporary file survives any of it.
leftovers=$(find "$tmp/a" -name '*.tmp' | head -n 5)
[ -z "$leftovers" ] || fail "temporaries left: $leftovers"

[ "$failed" -eq 0 ] || exit 1
echo "ok: $nfiles files, reproducible across -j; 4 failed builds changed nothing"
