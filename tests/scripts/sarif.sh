#!/usr/bin/env bash
# sarif.sh -- `--sarif FILE` (exports.md): every diagnostic of a run is a
# result of a SARIF 2.1.0 log that the official schema accepts (ajv, pinned
# in .tools/ by scripts/setup.sh), with the file, line, column, level and
# message of its stderr line and a stable rule id.
#   - every run of the bad-input corpus (tests/bad, through
#     bad_inputs.sh), checked by lib/sarif_check.py: rule table against
#     tests/golden/sarif/rules.txt, each case's rule ids against
#     tests/golden/sarif/bad-rules.txt (CFGEN_REGEN=1 rewrites both);
#   - validate and build of the shipped example, a build that cannot
#     write (a notification of the run, exit 4), a log that cannot be
#     written, and the same log from the same run.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
# The official schema, copied unchanged (tests/schemas/README.md).
sarif_schema=tests/schemas/sarif-schema-2.1.0.json
if [ ! -f .tools/node_modules/ajv/package.json ] ||
    [ ! -f .tools/node_modules/ajv-draft-04/package.json ]; then
	echo "skip: ajv not installed in .tools (scripts/setup.sh installs it)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-sarif.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
golden=tests/golden/sarif

fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

validate_logs() {
	node tests/scripts/lib/schema_validate.cjs "$sarif_schema" "$@" ||
	    fail "schema: SARIF logs the official schema refuses"
}

# The corpus: bad_inputs.sh checks stderr; every run also writes a log.
mkdir "$tmp/bad"
CFGEN_SARIF_DIR=$tmp/bad bash tests/scripts/bad_inputs.sh >"$tmp/bad.out" ||
    { tail -n 20 "$tmp/bad.out"; fail "bad_inputs.sh with --sarif"; }
validate_logs "$tmp"/bad/*.sarif
mkdir -p "$golden"
if [ "${CFGEN_REGEN:-}" = 1 ]; then
	python3 - "$tmp/bad/1.sarif" >"$golden/rules.txt" <<'PY'
import json, sys
print("# index id: the SARIF rules of cfgen, in ruleIndex order; an id never changes")
for i, r in enumerate(json.load(open(sys.argv[1]))["runs"][0]["tool"]["driver"]["rules"]):
    print(i, r["id"])
PY
fi
python3 tests/scripts/lib/sarif_check.py "$golden/rules.txt" "$tmp/bad" \
    "$golden/bad-rules.txt" || fail "SARIF logs of tests/bad"

grep -q ': .*gate-blocker' "$golden/bad-rules.txt" ||
    fail "no gate-blocker result in the corpus"

# The shipped example (dated before its declarations: date warnings).
export SOURCE_DATE_EPOCH=1767225600
shipped=(catalogue/iotsf-cf/1.0.yaml responses/acme-sc200.yaml
    responses/brightwell-t1.yaml)
mkdir "$tmp/ok"
n=0
run() {
	n=$((n + 1))
	printf '%s\n' "$1" >"$tmp/ok/$n.name"
	shift
	"$@" --sarif "$tmp/ok/$n.sarif" >/dev/null 2>"$tmp/ok/$n.err"
	rc=$?
}
run validate-shipped "$CFGEN" validate "${shipped[@]}"
[ "$rc" = 0 ] || fail "validate of the shipped inputs: exit $rc"
run build-shipped "$CFGEN" build "${shipped[@]}" -o "$tmp/out" -f md,json -q
[ "$rc" = 0 ] || fail "build of the shipped inputs: exit $rc"
grep -rq sarif "$tmp/out" && fail "the SARIF log is listed in the output"
# An output folder under a file: "nothing was written" is about the run.
: >"$tmp/file"
run build-unwritable "$CFGEN" build catalogue/iotsf-cf/1.0.yaml \
    -o "$tmp/file/out" -f md
[ "$rc" = 4 ] || fail "build into a folder under a file: exit $rc"
grep -q '"text": "nothing was written"' "$tmp/ok/$n.sarif" ||
    fail "build: no notification 'nothing was written'"
validate_logs "$tmp"/ok/*.sarif
python3 tests/scripts/lib/sarif_check.py "$golden/rules.txt" "$tmp/ok" ||
    fail "SARIF logs of the shipped inputs"
grep -q '"ruleId": "date"' "$tmp/ok/1.sarif" ||
    fail "validate: no date result for the shipped inputs"

# The log itself cannot be written (a file where its folder should be):
# exit 4, said on stderr.
"$CFGEN" validate catalogue/iotsf-cf/1.0.yaml --sarif "$tmp/file/x.sarif" \
    2>"$tmp/err"
rc=$?
[ "$rc" = 4 ] && grep -q "$tmp/file: error: cannot create folder" "$tmp/err" ||
    fail "--sarif under a file: exit $rc"

# The same run gives the same bytes.
"$CFGEN" validate "${shipped[@]}" --sarif "$tmp/again.sarif" >/dev/null 2>&1
cmp -s "$tmp/ok/1.sarif" "$tmp/again.sarif" ||
    fail "two runs gave different SARIF logs"

if [ $failed -gt 0 ]; then
	echo "sarif: $failed failed"
	exit 1
fi
echo "sarif: all passed"
