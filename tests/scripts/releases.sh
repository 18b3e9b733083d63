#!/usr/bin/env bash
# releases.sh -- `cfgen diff`, `migrate` and `init` as a user runs them
# (releases.md), on the shipped releases 1.0 and 1.1 and both examples:
#
# - the 1.0 -> 1.1 change report (Markdown, HTML, the summary on standard
#   output) against tests/golden/diff/, with SOURCE_DATE_EPOCH fixed; the
#   re-wrapped 2.3.1.9 is not in it; a second run is byte-identical;
# - a release whose requirement id vanished: exit 1, the error, a report;
# - releases of two catalogues: refused, exit 1, nothing written;
# - each example migrated to 1.1 validates beside the original; unchanged
#   answers are the original bytes; changed ones carry review: true and
#   say what changed; the gate refuses until review is cleared and a
#   declaration restored, then allows;
# - an `init` skeleton does not validate, says what is missing, and once
#   filled in (sed) validates and passes the gate;
# - usage: --help, bad options and operands, options after operands.
#
# After a change meant to alter the report, regenerate on purpose:
#   CFGEN_REGEN=1 bash tests/scripts/releases.sh   (or: make regen-goldens)
# and review `git diff tests/golden/diff/`.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1

old=catalogue/iotsf-cf/1.0.yaml
new=catalogue/iotsf-cf/1.1.yaml
golden=tests/golden/diff
report=iotsf-cf-changes-1.0-to-1.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-releases.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
passed=0
failed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# check WHAT COMMAND...: the command must succeed.
check() {
	local what=$1
	shift
	if "$@"; then pass; else fail "$what"; fi
}

# run NAME ARGS...: cfgen ARGS, keeping $tmp/NAME.{out,err,rc}.
run() {
	local name=$1
	shift
	"$CFGEN" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err"
	echo $? >"$tmp/$name.rc"
}

rc() { cat "$tmp/$1.rc"; }

# expect_rc NAME CODE
expect_rc() {
	if [ "$(rc "$1")" = "$2" ]; then
		pass
	else
		fail "$1: exit $(rc "$1"), want $2"
		sed 's/^/    /' "$tmp/$1.err"
	fi
}

# has FILE REGEX / lacks FILE REGEX (grep -E)
has() {
	if grep -Eq -- "$2" "$1"; then pass; else fail "$1 lacks /$2/"; fi
}
lacks() {
	if grep -Eq -- "$2" "$1"; then fail "$1 has /$2/"; else pass; fi
}

# ---------------------------------------------------------------- diff

run diff diff "$old" "$new" -o "$tmp/diff"
expect_rc diff 0
if [ -s "$tmp/diff.err" ]; then
	fail "diff printed diagnostics:"
	cat "$tmp/diff.err"
fi
cp "$tmp/diff.out" "$tmp/diff/summary.txt"

if [ "${CFGEN_REGEN:-0}" = 1 ]; then
	rm -rf "$golden"
	mkdir -p "$golden"
	cp "$tmp/diff/"* "$golden/"
	echo "regenerated $golden ($(ls "$golden" | wc -l) files)"
	exit 0
fi

if [ ! -d "$golden" ]; then
	fail "no $golden; create it with CFGEN_REGEN=1 $0"
else
	if diff -u <(ls "$golden") <(ls "$tmp/diff") >"$tmp/names"; then
		pass
	else
		fail "the files written differ from $golden:"
		cat "$tmp/names"
	fi
	if diff -ru "$golden" "$tmp/diff" >"$tmp/golden.diff"; then
		pass
	else
		fail "the report differs from $golden (if intended:" \
		    "CFGEN_REGEN=1 $0, then review git diff):"
		head -n 80 "$tmp/golden.diff"
	fi
fi

# The summary: one line per change, each naming its id.
check "summary has 7 lines" test "$(wc -l <"$tmp/diff.out")" -eq 7
has "$tmp/diff.out" '^requirement 2\.3\.1\.11: added \(class 3, category M'
has "$tmp/diff.out" '^requirement 2\.3\.1\.2: withdrawn'
has "$tmp/diff.out" '^requirement 2\.3\.1\.1: text changed$'
has "$tmp/diff.out" '^requirement 2\.3\.1\.8: class 1 -> 2$'
has "$tmp/diff.out" '^requirement 2\.3\.1\.10: category A -> M \(stricter\)$'
lacks "$tmp/diff.out" '^[^a-z]'

# 2.3.1.9 was only re-wrapped: it is no change anywhere.
for f in "$tmp/diff.out" "$tmp/diff/$report.md" "$tmp/diff/$report.html"; do
	lacks "$f" '2\.3\.1\.9'
done

# The report shows the old and new text, marked word by word.
md="$tmp/diff/$report.md"
html="$tmp/diff/$report.html"
has "$md" '^- \*\*1\.0:\*\* .*such as ~~Octave,~~ NIST RMF'
has "$md" '^- \*\*1\.1:\*\* .*such as \*\*OCTAVE or the\*\* NIST RMF'
has "$html" '<del>Octave,</del> NIST RMF'
has "$html" '<ins>OCTAVE or the</ins> NIST RMF'
has "$md" '^\| 2\.3\.1\.10 \| category \| Advisory \(A\) \| Mandatory \(M\) \| \*\*stricter\*\* \|$'
has "$md" 'Generated:\*\* 2026-01-01 by cfgen'

# HTML: one self-contained HTML5 document, no script, nothing fetched.
check "html starts with the doctype" \
    test "$(head -c 15 "$html")" = "<!DOCTYPE html>"
has "$html" '<meta charset="utf-8">'
lacks "$html" '<script|<link|src=|@import|url\('
check "html ends the document" test "$(tail -n 1 "$html")" = "</html>"
# A real HTML5 validator where scripts/setup.sh installed one.
hv=${HTML_VALIDATE:-$PWD/.tools/node_modules/.bin/html-validate}
if [ -x "$hv" ]; then
	check "the report is valid HTML5" "$hv" --config tests/.htmlvalidate.json \
	    "$html"
fi

# Deterministic: the same bytes again, from another folder and -o path.
mkdir -p "$tmp/again"
(cd "$tmp/again" && "$CFGEN" diff "$OLDPWD/$old" "$OLDPWD/$new" \
    >/dev/null 2>&1)
for ext in md html; do
	check "second run gives the same $ext" \
	    cmp -s "$tmp/diff/$report.$ext" "$tmp/again/output/$report.$ext"
done

# -f picks formats; options before operands work as well.
run fmt diff -f md -o "$tmp/fmt" "$old" "$new"
expect_rc fmt 0
check "-f md writes the md" test -f "$tmp/fmt/$report.md"
check "-f md writes no html" test ! -e "$tmp/fmt/$report.html"

# A requirement id that vanished: an error naming it, exit 1, report.
mkdir -p "$tmp/vanish/iotsf-cf"
awk '/^      - id: "2\.3\.1\.3"$/ { skip = 1; next }
    skip && /^      - id: / { skip = 0 }
    !skip' "$new" >"$tmp/vanish/iotsf-cf/1.1.yaml"
check "the vanished copy lacks 2.3.1.3" \
    test "$(grep -c '2\.3\.1\.3"' "$tmp/vanish/iotsf-cf/1.1.yaml")" -eq 0
run vanish diff "$old" "$tmp/vanish/iotsf-cf/1.1.yaml" -o "$tmp/vout"
expect_rc vanish 1
has "$tmp/vanish.err" "^$tmp/vanish/iotsf-cf/1\\.1\\.yaml: error: requirement 2\\.3\\.1\\.3 .*disappeared"
has "$tmp/vanish.out" '^requirement 2\.3\.1\.3: disappeared'
check "the report is written despite the error" \
    test -s "$tmp/vout/$report.md" -a -s "$tmp/vout/$report.html"
has "$tmp/vout/$report.md" '^### 2\.3\.1\.3$'
has "$tmp/vout/$report.md" 'An id must never vanish'

# Two different catalogues: refused, nothing written.
sed 's/^id: iotsf-cf$/id: other-cf/' "$new" >"$tmp/other.yaml"
run other diff "$old" "$tmp/other.yaml" -o "$tmp/oout"
expect_rc other 1
has "$tmp/other.err" "^$tmp/other\\.yaml:[0-9]+:[0-9]+: error: catalogue id 'other-cf' is not 'iotsf-cf'"
check "nothing written for different ids" test ! -e "$tmp/oout"
check "no summary for different ids" test ! -s "$tmp/other.out"

# An invalid release: exit 1, nothing written.
sed 's/^        class: 3$/        class: 9/' "$new" >"$tmp/bad.yaml"
run badcat diff "$old" "$tmp/bad.yaml" -o "$tmp/bout"
expect_rc badcat 1
check "nothing written for an invalid release" test ! -e "$tmp/bout"

# Usage.
run dhelp diff --help
expect_rc dhelp 0
has "$tmp/dhelp.out" '^usage: cfgen diff OLD_CATALOGUE NEW_CATALOGUE'
run done1 diff "$old"
expect_rc done1 2
run dthree diff "$old" "$new" "$new"
expect_rc dthree 2
run dfmt diff "$old" "$new" -f pdf -o "$tmp/x"
expect_rc dfmt 2
has "$tmp/dfmt.err" "unknown format 'pdf'"
run dopt diff --frobnicate "$old" "$new"
expect_rc dopt 2
has "$tmp/dopt.err" "^cfgen: error: diff: unknown option '--frobnicate'"
run darg diff "$old" "$new" -o
expect_rc darg 2
has "$tmp/darg.err" "^cfgen: error: diff: option '-o' needs an argument"
SOURCE_DATE_EPOCH=yesterday run dsde diff "$old" "$new" -o "$tmp/x"
expect_rc dsde 2
check "nothing written on usage errors" test ! -e "$tmp/x"

# ------------------------------------------------------------- migrate

mkdir -p "$tmp/resp"
cp -R responses/. "$tmp/resp/"

# block FILE ID: the lines of one answer, from its key to the next key
# or comment at its level or above.
block() {
	awk -v key="  \"$2\":" '
	    $0 == key { on = 1; print; next }
	    on && (/^[^ ]/ || /^ [^ ]/ || /^  [^ ]/) { exit }
	    on { print }' "$1"
}

# migrate_example PRODUCT "UNCHANGED IDS" "CHANGED IDS" REMOVED-ID
migrate_example() {
	local p=$1 unchanged=$2 changed=$3 removed=$4
	local orig="$tmp/resp/$p.yaml" out="$tmp/resp/$p-1.1.yaml" id

	run "m-$p" migrate "$orig" --to "$new" -o "$out"
	expect_rc "m-$p" 0
	# Standard output (-o -) gets the same file.
	"$CFGEN" migrate --to "$new" "$orig" -o - >"$tmp/$p.stdout" 2>/dev/null
	check "$p: migrate to stdout gives the file" \
	    cmp -s "$out" "$tmp/$p.stdout"

	run "v-$p" validate "$new" "$out"
	expect_rc "v-$p" 0
	has "$tmp/v-$p.out" "^$p: declaration at class [0-9] refused"
	has "$out" '^version: "1\.1"$'
	has "$out" "^revision: $(($(sed -n 's/^revision: //p' "$orig") + 1))\$"
	lacks "$out" '^declaration:'
	has "$out" '^# declaration:$'
	has "$out" '^#   signatory:$'
	has "$out" '^  # "2\.3\.1\.11": class 3 and above'

	for id in $unchanged; do
		block "$orig" "$id" >"$tmp/want"
		block "$out" "$id" >"$tmp/got"
		if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
			pass
		else
			fail "$p: answer $id is not carried over byte for byte"
			diff -u "$tmp/want" "$tmp/got"
		fi
	done
	for id in $changed; do
		block "$out" "$id" >"$tmp/got"
		has "$tmp/got" '^    review: true$'
		has "$tmp/got" "^    # cfgen migrate: requirement $id changed"
	done
	lacks "$out" "^  \"$removed\":"
	has "$out" "^  # cfgen migrate: requirement $removed is withdrawn"
	has "$out" "^  # \"$removed\":$"

	# Clearing review and signing again lets the gate allow it.
	{
		sed '/^    review: true$/d' "$out"
		sed -n '/^declaration:/,$p' "$orig"
	} >"$tmp/resp/$p-signed.yaml"
	run "s-$p" validate "$new" "$tmp/resp/$p-signed.yaml"
	expect_rc "s-$p" 0
	has "$tmp/s-$p.out" "^$p: declaration at class [0-9] can be issued$"
}

migrate_example acme-sc200 "2.3.1.3 2.3.1.4 2.3.1.5 2.3.1.6 2.3.1.7 2.3.1.9" \
    "2.3.1.1 2.3.1.8 2.3.1.10" 2.3.1.2
migrate_example brightwell-t1 "2.3.1.3 2.3.1.5 2.3.1.7 2.3.1.9" \
    "2.3.1.1 2.3.1.8" 2.3.1.2

# What changed is said in the comment.
a="$tmp/resp/acme-sc200-1.1.yaml"
has "$a" '^    #   category was Advisory \(A\), now Mandatory \(M\); stricter$'
has "$a" '^    #   class was 1 and above, now 2 and above$'
has "$a" '^    #   text was: A security threat and risk assessment'
has "$tmp/v-acme-sc200.err" 'requirement 2\.3\.1\.10 is marked .review: true'
# brightwell-t1 claims class 1: 2.3.1.8 (now class 2) no longer applies,
# so its review mark does not block.
lacks "$tmp/v-brightwell-t1.err" '2\.3\.1\.8 is marked'

# --from names the old release explicitly; the result is the same.
"$CFGEN" migrate "$tmp/resp/acme-sc200.yaml" --from "$old" --to "$new" \
    -o - >"$tmp/from.yaml" 2>/dev/null
check "--from gives the same file" cmp -s "$tmp/from.yaml" "$a"

# Without -o the file goes beside the input, named for the new version;
# no existing file is replaced without --force, the input least of all.
cp "$tmp/resp/acme-sc200.yaml" "$tmp/resp/keep.yaml"
run mbeside migrate "$tmp/resp/keep.yaml" --to "$new"
expect_rc mbeside 0
check "migrate without -o writes <name>.<version>.yaml" \
    cmp -s "$tmp/resp/keep.1.1.yaml" "$a"
has "$tmp/mbeside.out" "^acme-sc200: $tmp/resp/keep\.1\.1\.yaml migrated to iotsf-cf 1\.1 as revision"
echo edited >>"$tmp/resp/keep.1.1.yaml"
cp "$tmp/resp/keep.1.1.yaml" "$tmp/edited"
run mbeside2 migrate "$tmp/resp/keep.yaml" --to "$new"
expect_rc mbeside2 1
has "$tmp/mbeside2.err" "keep\.1\.1\.yaml: error: file exists; give --force to replace it$"
check "an existing migrated file is kept" cmp -s "$tmp/resp/keep.1.1.yaml" "$tmp/edited"
run mover migrate "$tmp/resp/keep.yaml" --to "$new" -o "$tmp/resp/keep.yaml"
expect_rc mover 1
check "migrate -o onto its input keeps the input" \
    cmp -s "$tmp/resp/keep.yaml" "$tmp/resp/acme-sc200.yaml"
run mforce migrate "$tmp/resp/keep.yaml" --to "$new" --force
expect_rc mforce 0
check "--force replaces the migrated file" cmp -s "$tmp/resp/keep.1.1.yaml" "$a"
check "no temporary is left beside it" \
    test -z "$(find "$tmp/resp" -name '.*.cfgen-*')"

# Refusals: nothing written.
run msame migrate "$tmp/resp/acme-sc200.yaml" --from "$old" --to "$old" \
    -o "$tmp/resp/same.yaml"
expect_rc msame 1
check "nothing written for one release" test ! -e "$tmp/resp/same.yaml"
sed 's/^    answer: N$/    answer: MAYBE/' "$tmp/resp/acme-sc200.yaml" \
    >"$tmp/resp/broken.yaml"
run mbroken migrate "$tmp/resp/broken.yaml" --to "$new" \
    -o "$tmp/resp/broken-1.1.yaml"
expect_rc mbroken 1
check "nothing written for invalid responses" \
    test ! -e "$tmp/resp/broken-1.1.yaml"
run mother migrate "$tmp/resp/acme-sc200.yaml" --from "$old" \
    --to "$tmp/other.yaml" -o "$tmp/resp/other.yaml"
expect_rc mother 1
check "nothing written across catalogues" test ! -e "$tmp/resp/other.yaml"
run mhelp migrate -h
expect_rc mhelp 0
has "$tmp/mhelp.out" '^usage: cfgen migrate RESPONSES --to NEW_CATALOGUE'
run mnoto migrate "$tmp/resp/acme-sc200.yaml"
expect_rc mnoto 2
run mtwo migrate "$a" "$a" --to "$new"
expect_rc mtwo 2

# ---------------------------------------------------------------- init

run init init "$new" --product acme-x1 --class 2 -o "$tmp/init/acme-x1.yaml"
expect_rc init 0
s="$tmp/init/acme-x1.yaml"
# Active requirements of class 2 and below, in catalogue order.
check "init lists class <= 2 in order" test "$(grep -o '^  "[0-9.]*":' "$s" |
    tr -d ' ":' | tr '\n' ' ')" = \
    "2.3.1.1 2.3.1.3 2.3.1.4 2.3.1.5 2.3.1.6 2.3.1.7 2.3.1.8 2.3.1.9 2.3.1.10 "
has "$s" '^  # There are documented business processes in place for security\.$'
has "$s" '^  id: acme-x1$'
has "$s" '^  class: 2$'
has "$s" '^version: "1\.1"$'

# Not valid until filled in; validate says what is missing, where.
run vinit validate "$new" "$s"
expect_rc vinit 1
check "one error per empty answer" \
    test "$(grep -c "^$s:[0-9]*:[0-9]*: error: .*'answer' must not be empty" \
    "$tmp/vinit.err")" -eq 9
has "$tmp/vinit.err" "^$s:[0-9]+:[0-9]+: error: .*'name' must not be empty"
has "$tmp/vinit.err" "^$s:[0-9]+:[0-9]+: error: .*'date' must be a date"

# fill_in SKELETON: the skeleton with every blank filled in.
fill_in() {
	sed -e 's/^date: .*/date: 2027-01-10/' \
    -e 's/^  name: .*/  name: Acme Doorbell X1/' \
    -e 's/^    name:$/    name: Acme Devices Ltd/' \
    -e 's/^    address:$/    address: 1 High Street, Bristol/' \
    -e 's|^    answer:$|    answer: C\n    evidence:\n      - https://acme.example/x1|' \
    -e 's/^# declaration:$/declaration:/' \
    -e 's/^#   signatory:$/  signatory:/' \
    -e 's/^#     name:$/    name: Jane Doe/' \
    -e 's/^#     role:$/    role: Chief Executive Officer/' \
    -e 's/^#   place:$/  place: Bristol/' \
    -e 's/^#   date: .*/  date: 2027-01-11/' "$1"
}
fill_in "$s" >"$tmp/init/filled.yaml"
run vfill validate "$new" "$tmp/init/filled.yaml"
expect_rc vfill 0
has "$tmp/vfill.out" '^acme-x1: declaration at class 2 can be issued$'

# Line breaks YAML 1.1 knows beyond LF and CR (LS, PS) in catalogue texts
# must not end the comments init and migrate write: text after them would
# become live keys.  Both releases get them in every requirement text.
mkdir -p "$tmp/lb"
for v in 1.0 1.1; do
	python3 - "catalogue/iotsf-cf/$v.yaml" "$tmp/lb/$v.yaml" <<'PY'
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for sec in d["sections"]:
    for r in sec["requirements"]:
        if r.get("text"):
            r["text"] += "\u2028injected: true\u2029  also: 1"
open(sys.argv[2], "w").write(yaml.safe_dump(d, sort_keys=False, width=1000))
PY
done
run lbinit init "$tmp/lb/1.1.yaml" --product acme-x1 --class 2 -o "$tmp/lb/init.yaml"
expect_rc lbinit 0
has "$tmp/lb/init.yaml" '^  # .*injected: true also: 1$'
lacks "$tmp/lb/init.yaml" '^ *(injected|also):'
# Filled in as above, it validates: no key came out of a comment.
fill_in "$tmp/lb/init.yaml" >"$tmp/lb/filled.yaml"
run lbfill validate "$tmp/lb/1.1.yaml" "$tmp/lb/filled.yaml"
expect_rc lbfill 0
cp -R responses/. "$tmp/lb/"
run lbmig migrate "$tmp/lb/acme-sc200.yaml" --to "$tmp/lb/1.1.yaml"
expect_rc lbmig 0
run lbval validate "$tmp/lb/1.1.yaml" "$tmp/lb/acme-sc200.1.1.yaml"
expect_rc lbval 0
lacks "$tmp/lb/acme-sc200.1.1.yaml" '^ *(injected|also):'
check "the migrated file is YAML with no key from a comment" python3 -c '
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
sys.exit("injected" in repr(d) or "also" in d)' "$tmp/lb/acme-sc200.1.1.yaml"

# Without --class: every active requirement, the class left to fill in.
run iall init "$new" --product x
expect_rc iall 0
check "init lists every active requirement" \
    test "$(grep -c '^  "[0-9.]*":$' "$tmp/iall.out")" -eq 10
lacks "$tmp/iall.out" '^  "2\.3\.1\.2":'
has "$tmp/iall.out" '^  class: +# one of 0, 1, 2, 3, 4$'

run ihelp init --help
expect_rc ihelp 0
has "$tmp/ihelp.out" '^usage: cfgen init CATALOGUE --product ID'
run inoprod init "$new"
expect_rc inoprod 2
run ibadid init "$new" --product Bad_Id
expect_rc ibadid 2
run iguide init "$new" --product guide
expect_rc iguide 2
run iclass init "$new" --product x --class 7 -o "$tmp/init/c7.yaml"
expect_rc iclass 2
check "nothing written for a bad class" test ! -e "$tmp/init/c7.yaml"

# init -o does not replace a file (a completed responses file, say)
# unless --force.
cp "$tmp/init/filled.yaml" "$tmp/init/done.yaml"
run ikeep init "$new" --product x -o "$tmp/init/done.yaml"
expect_rc ikeep 1
has "$tmp/ikeep.err" "done\.yaml: error: file exists; give --force to replace it$"
check "init keeps an existing file" cmp -s "$tmp/init/done.yaml" "$tmp/init/filled.yaml"
run iforce init "$new" --product x -o "$tmp/init/done.yaml" --force
expect_rc iforce 0
"$CFGEN" init "$new" --product x >"$tmp/init/x.yaml"
check "init --force replaces it" cmp -s "$tmp/init/done.yaml" "$tmp/init/x.yaml"

# A revision at the top of the integer range cannot be incremented.
sed 's/^revision: .*/revision: 9223372036854775807/' \
	"$tmp/resp/acme-sc200.yaml" >"$tmp/resp/maxrev.yaml"
run maxrev migrate "$tmp/resp/maxrev.yaml" --to "$new" \
	-o "$tmp/resp/maxrev-out.yaml"
expect_rc maxrev 1
has "$tmp/maxrev.err" "maxrev.yaml:[0-9]+:11: error: revision 9223372036854775807 cannot be incremented"
check "nothing written for an overflowing revision" \
	test ! -e "$tmp/resp/maxrev-out.yaml"

echo "releases: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
