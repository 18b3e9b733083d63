#!/usr/bin/env bash
# templates.sh -- templates and styles of `build -t DIR` are untrusted
# input like any other (cli.md "Only regular files", "Bounded"): each bad
# one below is one diagnostic of one line, at its position where it has
# one, with the right exit status, and nothing is written.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
. tests/scripts/lib/bounded.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-templates.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

cat=catalogue/iotsf-cf/1.0.yaml
passed=0
failed=0

# check NAME WANT_EXIT WANT_LINE [RESPONSES]: build the blank Markdown
# checklist (and RESPONSES' documents) with templates from $tmp/NAME;
# stderr must be exactly WANT_LINE and the "nothing was written" warning,
# and no output folder may appear.
check() {
	local name=$1 want=$2 line=$3 rc problems=""

	bounded "$CFGEN" build "$cat" ${4:-} -f md -q -o "$tmp/out-$name" \
	    -t "$tmp/$name" >"$tmp/stdout" 2>"$tmp/err"
	rc=$?
	if bounded_hang $rc; then
		problems+="hung (exit $rc); "
	else
		[ "$rc" -eq "$want" ] || problems+="exit $rc, want $want; "
		printf '%s\ncfgen: warning: nothing was written\n' "$line" |
		    diff -u - "$tmp/err" >"$tmp/diff" ||
		    problems+="stderr differs: $(cat "$tmp/diff"); "
		[ ! -e "$tmp/out-$name" ] || problems+="wrote $tmp/out-$name; "
	fi
	if [ -n "$problems" ]; then
		echo "FAIL $name: $problems"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
}

t() {	# t NAME: a fresh override folder; prints its checklist template
	mkdir -p "$tmp/$1"
	echo "$tmp/$1/checklist-blank.md.mustache"
}

# A FIFO would wait forever for a writer; a link to /dev/zero would never
# end; a folder is not a file either.
mkfifo "$(t fifo)"
check fifo 4 "$tmp/fifo/checklist-blank.md.mustache: error: cannot read template: not a regular file"
ln -s /dev/zero "$(t zero)"
check zero 4 "$tmp/zero/checklist-blank.md.mustache: error: cannot read template: not a regular file"
mkdir "$(t dir)"
check dir 4 "$tmp/dir/checklist-blank.md.mustache: error: cannot read template: Is a directory"

# Over the size limit (4 MiB), whatever it holds.
head -c $((4 * 1024 * 1024 + 1)) /dev/zero | tr '\0' 'x' >"$(t big)"
check big 1 "$tmp/big/checklist-blank.md.mustache: error: file is 4194305 bytes, over the size limit of 4194304 bytes (4 MiB); not read"

# A NUL would silently end the template; a byte that is not UTF-8 would
# reach the HTML.  Columns count characters.
printf 'abc\n d\xc3\xa9\0f\n' >"$(t nul)"
check nul 1 "$tmp/nul/checklist-blank.md.mustache:2:4: error: NUL byte in a template (templates are UTF-8 text)"
printf 'abc\n d\xc3\xa9\xffx\n' >"$(t utf8)"
check utf8 1 "$tmp/utf8/checklist-blank.md.mustache:2:4: error: invalid UTF-8: byte 0xff is not part of a valid UTF-8 sequence"

# Sixteen sections nested over the same list of ten would render 10^16
# times: the work is bounded and the error points into the innermost.
{
	printf '{{#sections}}'
	for ((i = 0; i < 16; i++)); do printf '{{#requirements}}'; done
	printf 'x'
	for ((i = 0; i < 16; i++)); do printf '{{/requirements}}'; done
	printf '{{/sections}}\n'
} >"$(t nested)"
check nested 1 "$tmp/nested/checklist-blank.md.mustache:1:286: error: template stopped after 16777216 rendering steps (do nested sections repeat each other's lists?)"

# A partial that does not exist is invalid input, at its tag.
printf 'a\n  {{> nothere}}\n' >"$(t nopartial)"
check nopartial 1 "$tmp/nopartial/checklist-blank.md.mustache:2:3: error: partial \"nothere\" not found (no $tmp/nopartial/nothere.md.mustache)"

# A partial's own mistake is reported in the partial's file.
printf 'x {{> part}}\n' >"$(t partial)"
printf 'x\n{{/zz}}\n' >"$tmp/partial/part.md.mustache"
check partial 1 "$tmp/partial/part.md.mustache:2:1: error: closing tag \"zz\" has no open section"

# A partial broken once is said once, however many templates include it
# (the footer: both checklists and the declarations).
mkdir -p "$tmp/shared"
printf 'x\n{{/zz}}\n' >"$tmp/shared/footer.md.mustache"
check shared 1 "$tmp/shared/footer.md.mustache:2:1: error: closing tag \"zz\" has no open section" \
    responses/acme-sc200.yaml

# A tag name holding a line break stays on the diagnostic's one line.
printf 'a\n{{#a\nb}}\n' >"$(t newline)"
check newline 1 "$tmp/newline/checklist-blank.md.mustache:2:1: error: tag name \"a\\nb\" contains white space"

# The same rules for the styles: a PDF style that is a FIFO.
mkdir -p "$tmp/style"
mkfifo "$tmp/style/pdf.style"
bounded "$CFGEN" build "$cat" -f pdf -q -o "$tmp/out-style" -t "$tmp/style" \
    >"$tmp/stdout" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 4 ] || ! grep -qF "$tmp/style/pdf.style: error: cannot read template: not a regular file" "$tmp/err" ||
    [ -e "$tmp/out-style" ]; then
	echo "FAIL style fifo: exit $rc: $(cat "$tmp/err")"
	failed=$((failed + 1))
else
	passed=$((passed + 1))
fi

echo "templates: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
