#!/usr/bin/env bash
# validate_cli.sh -- `cfgen validate` as a user meets it: usage errors
# (exit 2, one message naming the option, no getopt noise), --help, the
# verdict lines, and which exit status wins when several apply.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
. tests/scripts/lib/bounded.sh

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-cli.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

shipped=catalogue/iotsf-cf/1.0.yaml
failed=0
ran=0

# run WANT_EXIT ARGS...: run cfgen, keep its output, check the status.
run() {
	local want=$1 rc

	shift
	ran=$((ran + 1))
	bounded "$CFGEN" "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		echo "FAIL cfgen $*: exit $rc, expected $want"
		sed 's/^/    | /' "$tmp/err"
		failed=$((failed + 1))
		return 1
	fi
	return 0
}

# same FILE TEXT: FILE holds exactly TEXT (and a final newline).
same() {
	if [ "$(cat "$1")" != "$2" ]; then
		echo "FAIL: $(basename "$1") is:"
		sed 's/^/    | /' "$1"
		echo "    expected:"
		printf '%s\n' "$2" | sed 's/^/    | /'
		failed=$((failed + 1))
	fi
}

usage_line="usage: cfgen validate CATALOGUE [RESPONSES...] [--lang L] [-t DIR] [--sarif FILE]"

run 2 validate &&
	same "$tmp/err" "cfgen: error: validate: missing CATALOGUE
$usage_line" && same "$tmp/out" ""

# One message of our own per bad option: getopt must stay silent.
for case in "-x|unknown option '-x'" "-hx|" "--bogus|unknown option '--bogus'" \
    "--bogus=1|unknown option '--bogus'" \
    "--help=1|option '--help' takes no argument" \
    "--he=1|option '--help' takes no argument"; do
	opt=${case%%|*}
	msg=${case#*|}
	if [ -z "$msg" ]; then
		# -h comes first in the group: help wins.
		run 0 validate "$opt" "$shipped"
		continue
	fi
	run 2 validate "$opt" "$shipped" &&
		same "$tmp/err" "cfgen: error: validate: $msg
$usage_line" && same "$tmp/out" ""
	run 2 validate "$shipped" "$opt" &&
		same "$tmp/err" "cfgen: error: validate: $msg
$usage_line"
done

for opt in -h --help --he; do
	run 0 validate "$opt" && same "$tmp/err" ""
	head -n 1 "$tmp/out" >"$tmp/first"
	same "$tmp/first" "$usage_line"
	grep -q -- '--help' "$tmp/out" ||
		{ echo "FAIL: validate $opt does not describe --help"; failed=$((failed + 1)); }
done
# Options may follow operands.
run 0 validate "$shipped" responses/acme-sc200.yaml --help &&
	head -n 1 "$tmp/out" >"$tmp/first" && same "$tmp/first" "$usage_line"

# The shipped data: no diagnostic, one verdict per responses file.
run 0 validate "$shipped" responses/acme-sc200.yaml responses/brightwell-t1.yaml &&
	same "$tmp/err" "" && same "$tmp/out" "acme-sc200: declaration at class 2 can be issued
brightwell-t1: declaration at class 1 can be issued"

# A refused declaration is not an error for validate: warnings, exit 0.
run 0 validate "$shipped" tests/bad/responses/gate-no-declaration.yaml &&
	same "$tmp/out" "test-product: declaration at class 1 refused (1 blockers)"

# 4 wins over 1: an invalid catalogue and a responses file that is not there.
run 4 validate tests/bad/catalogue/three-errors.yaml "$tmp/none.yaml" &&
	[ "$(grep -c ': error: ' "$tmp/err")" -eq 4 ] ||
	{ echo "FAIL: expected 3 errors and one system error"; failed=$((failed + 1)); }
# 1 wins over a refusal; a verdict for each valid file, none for the other.
run 1 validate "$shipped" tests/bad/responses/gate-no-declaration.yaml \
    tests/bad/responses/version-mismatch.yaml &&
	same "$tmp/out" "test-product: declaration at class 1 refused (1 blockers)"
# No verdict at all against an invalid catalogue.
run 1 validate tests/bad/catalogue/three-errors.yaml responses/acme-sc200.yaml &&
	same "$tmp/out" ""

# A malformed SOURCE_DATE_EPOCH is a usage error for every command
# (cli.md); an empty one counts as unset.
SOURCE_DATE_EPOCH=yesterday run 2 validate "$shipped" &&
	grep -q "malformed SOURCE_DATE_EPOCH 'yesterday'" "$tmp/err" ||
	{ echo "FAIL: malformed SOURCE_DATE_EPOCH not refused"; failed=$((failed + 1)); }
SOURCE_DATE_EPOCH= run 0 validate "$shipped"

echo "validate cli: $ran runs, $failed failed"
[ "$failed" -eq 0 ]
