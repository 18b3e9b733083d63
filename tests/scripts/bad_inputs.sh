#!/usr/bin/env bash
# bad_inputs.sh -- run every case of tests/bad/ through `cfgen validate`
# and check each expected diagnostic (file, line, column, severity and a
# message fragment), the number of diagnostics and the exit status.
#
# A case is a YAML file whose leading comment lines say what to expect
# (tests/bad/README.md):
#   # expect: LINE:COL: SEVERITY: fragment    (LINE:COL "-" for file-level)
#   # exit: N
#   # errors: N / # warnings: N     total counts, when not one per expect
#   # stdout: fragment              a line of standard output contains it
#   # catalogue: PATH               responses cases: check against PATH
#   # with: PATH                    another responses file, given first
# Inputs too large, too odd or too system-specific to commit (over 16 MiB,
# deep nesting, bytes that are not UTF-8, symbolic links, directories)
# are made here in a temporary folder.  With CFGEN_SARIF_DIR set, each
# run also writes a SARIF log there, with its stderr (sarif.sh).
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
. tests/scripts/lib/bounded.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-bad.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

shipped=catalogue/iotsf-cf/1.0.yaml
passed=0
failed=0
sarif_n=0

fail() {
	echo "FAIL $1: $2"
	sed 's/^/    stderr| /' "$tmp/err" | head -n 40
	sed 's/^/    stdout| /' "$tmp/out" | head -n 5
	failed=$((failed + 1))
}

# The header directives of a case file: its leading comment lines.
directives() {
	sed -n '/^#/!q; s/^# \(expect\|exit\|errors\|warnings\|stdout\|catalogue\|with\|lang\): /\1 /p' "$1"
}

# Does some line of stderr start with PREFIX and contain FRAGMENT?
has_line() {
	local prefix=$1 frag=$2 line

	while IFS= read -r line; do
		if [[ $line == "$prefix"* && ${line#"$prefix"} == *"$frag"* ]]; then
			return 0
		fi
	done <"$tmp/err"
	return 1
}

count_sev() {
	grep -Ec "^[^ ]+(:[0-9]+){0,2}: $1: " "$tmp/err"
}

# check NAME FILE SPEC -- CMD...: run CMD and hold its result against the
# directives in SPEC; FILE is the path diagnostics are expected under.
check() {
	local name=$1 file=$2 spec=$3 rc key rest loc sev frag
	local want_exit=1 nerr=0 nwarn=0 want_err="" want_warn="" problems=""
	shift 4

	# sarif.sh has each run write its SARIF log too, beside its stderr.
	if [ -n "${CFGEN_SARIF_DIR:-}" ] && [ "$1" = "$CFGEN" ]; then
		sarif_n=$((sarif_n + 1))
		set -- "$@" --sarif "$CFGEN_SARIF_DIR/$sarif_n.sarif"
		printf '%s\n' "$name" >"$CFGEN_SARIF_DIR/$sarif_n.name"
	fi
	bounded "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ -n "${CFGEN_SARIF_DIR:-}" ] && [ "$1" = "$CFGEN" ] &&
	    cp "$tmp/err" "$CFGEN_SARIF_DIR/$sarif_n.err"
	if bounded_hang $rc; then
		fail "$name" "hung (exit $rc: over $BOUNDED_CPU s of CPU time or $BOUNDED_WALL s of waiting)"
		return
	fi
	if [ $rc -ge 128 ] || grep -Eq 'Sanitizer|runtime error:' "$tmp/err"; then
		fail "$name" "crashed (exit $rc)"
		return
	fi
	while IFS=' ' read -r key rest; do
		case $key in
		exit) want_exit=$rest ;;
		errors) want_err=$rest ;;
		warnings) want_warn=$rest ;;
		stdout)
			grep -qF -- "$rest" "$tmp/out" ||
			    problems+="no stdout line with '$rest'; "
			;;
		expect)
			loc=${rest%%: *}
			rest=${rest#*: }
			sev=${rest%%: *}
			frag=${rest#*: }
			[ "$sev" = error ] && nerr=$((nerr + 1))
			[ "$sev" = warning ] && nwarn=$((nwarn + 1))
			if [ "$loc" = - ]; then
				loc=""
			else
				loc=":$loc"
			fi
			has_line "$file$loc: $sev: " "$frag" ||
			    problems+="missing '$file$loc: $sev: $frag'; "
			;;
		esac
	done <"$spec"
	[ "$rc" = "$want_exit" ] || problems+="exit $rc, expected $want_exit; "
	[ "$(count_sev error)" = "${want_err:-$nerr}" ] ||
	    problems+="$(count_sev error) errors, expected ${want_err:-$nerr}; "
	[ "$(count_sev warning)" = "${want_warn:-$nwarn}" ] ||
	    problems+="$(count_sev warning) warnings, expected ${want_warn:-$nwarn}; "
	if [ -n "$problems" ]; then
		fail "$name" "$problems"
		return
	fi
	passed=$((passed + 1))
}

catalogue_case() {
	directives "$1" >"$tmp/spec"
	check "$1" "$1" "$tmp/spec" -- "$CFGEN" validate "$1"
}

responses_case() {
	local cat=$shipped with=() key rest

	directives "$1" >"$tmp/spec"
	while IFS=' ' read -r key rest; do
		[ "$key" = catalogue ] && cat=$rest
		[ "$key" = with ] && with+=("$rest")
	done <"$tmp/spec"
	check "$1" "$1" "$tmp/spec" -- "$CFGEN" validate "$cat" "${with[@]}" "$1"
}

# A translation case is put beside a copy of the shipped release as
# 1.0.<lang>.yaml (lang: de unless "# lang: TAG" says otherwise) and
# checked as `validate --lang` checks it for a translator.
translation_case() {
	local lang=de key rest dir

	directives "$1" >"$tmp/spec"
	while IFS=' ' read -r key rest; do
		[ "$key" = lang ] && lang=$rest
	done <"$tmp/spec"
	dir=$tmp/tr/$(basename "$1" .yaml)
	mkdir -p "$dir"
	cp "$shipped" "$dir/1.0.yaml"
	cp "$1" "$dir/1.0.$lang.yaml"
	check "$1" "$dir/1.0.$lang.yaml" "$tmp/spec" -- "$CFGEN" validate \
	    "$dir/1.0.yaml" --lang "$lang"
}

# check_spec NAME FILE DIRECTIVES -- CMD...: DIRECTIVES as text, one a line.
check_spec() {
	local name=$1 file=$2

	printf '%s\n' "$3" >"$tmp/spec.inline"
	shift 3
	check "$name" "$file" "$tmp/spec.inline" "$@"
}

# style_case STYLE [SPEC]: a PDF build with the style folder of STYLE
# (its pdf.style, or SPEC's directives) must fail and write nothing.
style_case() {
	local style=$1 spec=${2:-$1} before=$passed

	directives "$spec" >"$tmp/spec"
	rm -rf "$tmp/style-out"
	check "$style" "$style" "$tmp/spec" -- "$CFGEN" build \
	    tests/bad/support/mini-catalogue.yaml -t "$(dirname "$style")" \
	    -o "$tmp/style-out" -f pdf
	if [ "$passed" -gt "$before" ] && [ -e "$tmp/style-out" ]; then
		passed=$before
		fail "$style" "wrote $tmp/style-out"
	fi
}

for f in tests/bad/catalogue/*.yaml; do
	catalogue_case "$f"
done
for f in tests/bad/responses/*.yaml; do
	responses_case "$f"
done
for f in tests/bad/translation/*.yaml; do
	translation_case "$f"
done
for f in tests/bad/style/*/pdf.style; do
	style_case "$f"
done

# ---- generated inputs ------------------------------------------------

g=$tmp/gen
mkdir -p "$g"
ok_catalogue=tests/bad/catalogue/ok-natural-order.yaml
ok_responses=tests/bad/responses/ok-minimal.yaml

# 17 MiB: refused before parsing, as a file-level error.
f=$g/huge.yaml
{
	printf 'schema: cfgen/catalogue/1\nnotice: "'
	head -c $((17 * 1024 * 1024)) /dev/zero | tr '\0' 'x'
	printf '"\n'
} >"$f"
check_spec "$f" "$f" "exit 1
expect -: error: over the size limit of 16777216 bytes (16 MiB)" -- \
    "$CFGEN" validate "$f"

# Exactly 16 MiB is allowed: a valid catalogue padded to the limit.
f=$g/limit.yaml
sed '/^#/d' "$ok_catalogue" >"$f"
printf 'notice: "' >>"$f"
head -c $((16 * 1024 * 1024 - $(stat -c %s "$f") - 2)) /dev/zero |
    tr '\0' 'x' >>"$f"
printf '"\n' >>"$f"
if [ "$(stat -c %s "$f")" -ne $((16 * 1024 * 1024)) ]; then
	fail "$f" "the generated file is not 16 MiB"
else
	check_spec "$f" "$f" "exit 0" -- "$CFGEN" validate "$f"
fi

# 10,000 levels of flow nesting: the top-level mapping is level 1, so the
# 64th '[' is level 65, at column 3 + 64.
f=$g/deep-flow.yaml
{
	printf '# expect: 3:67: error: nesting deeper than 64 levels\n# exit: 1\n'
	printf 'x: '
	head -c 10000 /dev/zero | tr '\0' '['
	head -c 10000 /dev/zero | tr '\0' ']'
	printf '\n'
} >"$f"
catalogue_case "$f"

# Block style, 10,000 sequences on one line: the k-th '-' opens level k
# at column 2k - 1.
f=$g/deep-dashes.yaml
{
	printf '# expect: 3:129: error: nesting deeper than 64 levels\n# exit: 1\n'
	for ((i = 0; i < 10000; i++)); do
		printf -- '- '
	done
	printf 'x\n'
} >"$f"
catalogue_case "$f"

# Block mappings indented 2,000 deep: line k + 3 opens level k + 1 at
# column k + 1.
f=$g/deep-block.yaml
{
	printf '# expect: 67:65: error: nesting deeper than 64 levels\n# exit: 1\n'
	for ((i = 0; i < 2000; i++)); do
		printf '%*sk:\n' "$i" ''
	done
	printf '%*sk: v\n' 2000 ''
} >"$f"
catalogue_case "$f"

# Bytes that are not UTF-8: the column counts characters, not bytes (each
# é before the bad byte is one column).
f=$g/not-utf8.yaml
{
	printf '# expect: 4:11: error: invalid UTF-8: byte 0xff\n# exit: 1\n'
	printf 'schema: cfgen/catalogue/1\n'
	printf 'title: "\xc3\xa9\xc3\xa9\xff"\n'
} >"$f"
catalogue_case "$f"

# An overlong encoding of '/' is not UTF-8 either; in a responses file.
f=$g/overlong.yaml
{
	printf '# expect: 3:12: error: invalid UTF-8: byte 0xc0\n# exit: 1\n'
	printf 'publisher: \xc0\xaf\n'
} >"$f"
responses_case "$f"

# Valid UTF-8 that YAML refuses (a control character), at its position;
# and a byte order mark, which is no column.
f=$g/control.yaml
{
	printf '# expect: 4:11: error: YAML syntax error: control characters are not allowed (character U+0001)\n# exit: 1\n'
	printf 'schema: cfgen/catalogue/1\n'
	printf 'title: "ab\001"\n'
} >"$f"
catalogue_case "$f"
f=$g/bom.yaml
{
	printf '\xef\xbb\xbfschema: \xff\n'
} >"$f"
check_spec "$f" "$f" "exit 1
expect 1:9: error: invalid UTF-8: byte 0xff" -- "$CFGEN" validate "$f"

# A truly empty file.
f=$g/empty.yaml
: >"$f"
check_spec "$f" "$f" "exit 1
expect -: error: file is empty" -- "$CFGEN" validate "$f"

# A directory given as a file, and a file that is not there: exit 4.
mkdir -p "$g/dir.yaml"
for args in "$g/dir.yaml" "$shipped $g/dir.yaml"; do
	# shellcheck disable=SC2086 # two operands in one word on purpose
	check_spec "directory: $args" "$g/dir.yaml" "exit 4
expect -: error: cannot read: Is a directory" -- "$CFGEN" validate $args
done
for args in "$g/none.yaml" "$shipped $g/none.yaml"; do
	# shellcheck disable=SC2086
	check_spec "nonexistent: $args" "$g/none.yaml" "exit 4
expect -: error: cannot open: No such file or directory" -- \
	    "$CFGEN" validate $args
done

# A FIFO must not make it wait for a writer; /dev/null is no file either.
mkfifo "$g/fifo.yaml"
check_spec "fifo" "$g/fifo.yaml" "exit 4
expect -: error: cannot read: not a regular file" -- "$CFGEN" validate "$g/fifo.yaml"
check_spec "/dev/null" "/dev/null" "exit 4
expect -: error: cannot read: not a regular file" -- "$CFGEN" validate "$shipped" /dev/null

# Evidence behind a symbolic link that leads out of the responses folder
# (a file link and a folder link), and a link that stays inside (allowed).
mkdir -p "$g/resp/evidence" "$g/outside"
echo secret >"$g/outside/secret.md"
echo minutes >"$g/resp/evidence/minutes.md"
ln -s ../../outside/secret.md "$g/resp/evidence/link-out.md"
ln -s "$g/outside" "$g/resp/evidence/dir-out"
ln -s minutes.md "$g/resp/evidence/link-in.md"
line=$(grep -n 'evidence/minutes.md' "$ok_responses" | cut -d: -f1)
for ev in link-out.md dir-out/secret.md link-in.md; do
	f=$g/resp/${ev%%[/.]*}.yaml
	sed "s|evidence/minutes.md|evidence/$ev|" "$ok_responses" >"$f"
	if [ "$ev" = link-in.md ]; then
		check_spec "$f" "$f" "exit 0
stdout test-product: declaration at class 0 can be issued" -- \
		    "$CFGEN" validate "$shipped" "$f"
	else
		check_spec "$f" "$f" "exit 1
expect $line:9: error: requirement 2.3.1.1: evidence path 'evidence/$ev' is a symbolic link that leads out of the responses folder" -- \
		    "$CFGEN" validate "$shipped" "$f"
	fi
done

# Evidence that exists but cannot be read is invalid input at its line
# (build would otherwise fail to hash it, exit 4).  Root reads any file,
# so as root the case runs as nobody, on copies nobody may read.
mkdir -p "$g/locked/evidence"
cp "$shipped" "$g/locked/catalogue.yaml"
cp "$ok_responses" "$g/locked/responses.yaml"
echo minutes >"$g/locked/evidence/minutes.md"
chmod -R a+rX "$g/locked" && chmod a+x "$g" "$tmp"
chmod 000 "$g/locked/evidence/minutes.md"
line=$(grep -n 'evidence/minutes.md' "$ok_responses" | cut -d: -f1)
as=()
[ "$(id -u)" -eq 0 ] && as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
if [ ${#as[@]} -gt 0 ] && ! "${as[@]}" test -x "$CFGEN" 2>/dev/null; then
	echo "skipped: unreadable evidence (nobody cannot run $CFGEN)"
else
	f=$g/locked/responses.yaml
	check_spec "$f" "$f" "exit 1
expect $line:9: error: requirement 2.3.1.1: evidence file 'evidence/minutes.md' cannot be read (Permission denied)" -- \
	    "${as[@]}" "$CFGEN" validate "$g/locked/catalogue.yaml" "$f"
fi

# After 200 diagnostics in one file, one line counts the rest: 250
# requirements, each with one unknown key.
f=$g/many.yaml
{
	sed -n '/^sections:/q; /^#/!p' "$ok_catalogue"
	printf 'sections:\n  - id: "1"\n    title: Many\n    requirements:\n'
	for ((i = 1; i <= 250; i++)); do
		printf '      - id: "1.%d"\n        text: Requirement %d.\n' "$i" "$i"
		printf '        class: 0\n        category: M\n        colour: red\n'
	done
} >"$f"
line=$(grep -n 'colour' "$f" | head -n 1 | cut -d: -f1)
check_spec "$f" "$f" "exit 1
errors 200
expect $line:9: error: unknown key 'colour' in a requirement
expect -: note: 50 more diagnostics not shown" -- "$CFGEN" validate "$f"

# Scale: 50,000 requirements, answers and classes: every diagnostic stays
# right at this size.  Every lookup must stay near n log n, but how fast
# is measured in bench/, never here: a test only catches a hang.
n=50000
f=$g/scale-cat.yaml
{
	sed -n '/^classes:/q; /^#/!p' "$ok_catalogue" | sed 's/^id: mini/id: scale/'
	printf 'classes:\n  - {id: 0, title: Zero}\n'
	printf 'categories:\n  - {code: A, title: Advisory}\n'
	printf 'sections:\n  - id: "1"\n    title: Many\n    requirements:\n'
	seq 1 $n | awk '{ printf "      - {id: \"1.%d\", text: T%d, class: 0, category: A}\n", $1, $1 }'
} >"$f"
check_spec "$f" "$f" "exit 0" -- "$CFGEN" validate "$f"
r=$g/scale-all.yaml
{
	sed -n '/^answers:/q; /^#/!p' "$ok_responses" | sed 's/^catalogue: .*/catalogue: scale/'
	printf 'answers:\n'
	seq 1 $n | awk '{ printf "  \"1.%d\": {answer: C}\n", $1 }'
	sed -n '/^declaration:/,$p' "$ok_responses"
} >"$r"
check_spec "$r" "$r" "exit 0
stdout test-product: declaration at class 0 can be issued" -- "$CFGEN" validate "$f" "$r"
r=$g/scale-unknown.yaml
sed 's/^  "1\.\([0-9]*\)":/  "9.\1":/' "$g/scale-all.yaml" >"$r"
line=$(grep -nF '"9.1"' "$r" | cut -d: -f1)
check_spec "$r" "$r" "exit 1
errors 200
expect $line:3: error: answer to unknown requirement 9.1 (did you mean 1.1?)
expect -: note: 49800 more diagnostics not shown" -- "$CFGEN" validate "$f" "$r"
f=$g/scale-classes.yaml
{
	sed -n '/^classes:/q; /^#/!p' "$ok_catalogue"
	printf 'classes:\n'
	seq 0 $((n - 1)) | awk '{ printf "  - {id: %d, title: C}\n", $1 }'
	printf 'categories:\n  - {code: A, title: Advisory}\n'
	printf 'sections:\n  - id: "1"\n    title: Many\n    requirements:\n'
	seq 1 $n | awk -v n=$n '{ printf "      - {id: \"1.%d\", text: T%d, class: %d, category: A}\n", $1, $1, n + $1 }'
} >"$f"
line=$(grep -nF '"1.1"' "$f" | cut -d: -f1)
check_spec "$f" "$f" "exit 1
errors 200
expect $line:38: error: requirement 1.1: unknown class 50001 (expected 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... (50000 in all))
expect -: note: 49800 more diagnostics not shown" -- "$CFGEN" validate "$f"

total=$((passed + failed))
if [ "$total" -lt 60 ]; then
	echo "FAIL: only $total cases ran (at least 60 expected)"
	failed=$((failed + 1))
fi

# Fonts no file can serve, made here: a folder, a FIFO (refused unread,
# never waited on), a file over the 64 MiB limit (sparse: no disk used),
# a TrueType header with nothing behind it.
sd=$g/style
mkdir -p "$sd/dir.ttf"
mkfifo "$sd/fifo.ttf"
truncate -s 65M "$sd/huge.ttf"
printf '\000\001\000\000\000\011\000\200\000\003\000\020broken' >"$sd/cut.ttf"
for font in dir.ttf fifo.ttf huge.ttf cut.ttf; do
	printf 'font-mono: %s\n' "$font" >"$sd/pdf.style"
	case $font in
	dir.ttf | fifo.ttf) why="not a regular file" ;;
	huge.ttf) why="over the size limit of 67108864 bytes (64 MiB)" ;;
	cut.ttf) why="not a TrueType font, or a damaged one" ;;
	esac
	printf '# expect: 1:12: error: cannot use font %s: %s\n# exit: 1\n# warnings: 1\n' \
	    "$sd/$font" "$why" >"$sd/spec"
	style_case "$sd/pdf.style" "$sd/spec"
done

echo "bad inputs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
