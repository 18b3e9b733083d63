#!/usr/bin/env bash
# exports.sh -- `-f cdx` and `-f oscal` (exports.md): every export is
# valid against its official JSON schema (ajv, pinned in .tools/ by
# scripts/setup.sh, with ajv-formats; Unicode-aware patterns for OSCAL's
# \p{L}), agrees with the answers (lib/exports_check.py: one map entry
# and one finding per applicable requirement, scores and states from the
# answer codes, evidence hashes as on disk), is listed in SHA256SUMS, and
# comes out byte for byte the same; `cfgen import oscal` of the exported
# catalog gives back the same requirements (lib/roundtrip_check.py).
#   - the shipped example (goldens in tests/golden/exports/;
#     CFGEN_REGEN=1 rewrites them), and a product the gate refuses;
#   - hostile text (lib/hostile_input.py): quotes, backslashes, raw
#     U+2028/U+2029/NEL, "</script>", line breaks and white space around
#     one-line fields, 70,000-character words, addresses with quotes,
#     spaces, non-ASCII, stray '%' and a second '#': every export and the
#     SARIF log still valid JSON and valid against its schema;
#   - the real catalogues: OWASP ISVS with its example product, NIST SP
#     800-53 LOW with a product answering every code in turn.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
# The official schemas, copied unchanged (tests/schemas/README.md).
schemas=$PWD/tests/schemas
if [ ! -f .tools/node_modules/ajv-formats/package.json ]; then
	echo "skip: ajv not installed in .tools (scripts/setup.sh installs it)"
	exit 77
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-exports.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
golden=tests/golden/exports
failed=0

fail() {
	echo "FAIL $1"
	failed=$((failed + 1))
}

# valid SCHEMA FILE...: the official schema accepts every file.
valid() {
	local schema=$1
	shift
	node tests/scripts/lib/schema_validate.cjs "$schemas/$schema" "$@" ||
	    fail "$schema refuses $*"
}

# check NAME CATALOGUE EXIT RESPONSES...: build every export, validate it
# against its schema and the answers, and take the catalog round trip.
check() {
	local name=$1 cat=$2 want=$3 rel rc
	shift 3
	"$CFGEN" build "$cat" "$@" -o "$tmp/$name" -f cdx,oscal,json --draft \
	    -q >/dev/null 2>"$tmp/$name.err"
	rc=$?
	if [ "$rc" != "$want" ]; then
		fail "$name: build exited $rc, expected $want"
		cat "$tmp/$name.err"
		return
	fi
	rel=$(echo "$tmp/$name"/*/)
	rel=${rel%/}
	valid bom-1.6.schema.json "$rel"/*/*.cdx.json
	valid oscal_catalog_schema.json "$rel"/*-catalog.oscal.json
	valid oscal_assessment-results_schema.json \
	    "$rel"/*/*-assessment-results.oscal.json
	python3 tests/scripts/lib/exports_check.py "$cat" "$rel" "$@" ||
	    fail "$name: exports disagree with the answers"
	(cd "$rel" && sha256sum -c --quiet SHA256SUMS) ||
	    fail "$name: SHA256SUMS"
	for f in "$rel"/*-catalog.oscal.json "$rel"/*/*.cdx.json \
	    "$rel"/*/*.oscal.json; do
		grep -q " ${f#"$rel"/}\$" "$rel/SHA256SUMS" ||
		    fail "$name: ${f#"$rel"/} not in SHA256SUMS"
	done
	"$CFGEN" import oscal "$rel"/*-catalog.oscal.json -o "$tmp/$name.yaml" \
	    2>"$tmp/$name.import" || { cat "$tmp/$name.import";
	    fail "$name: import oscal of the exported catalog"; }
	python3 tests/scripts/lib/roundtrip_check.py "$cat" "$tmp/$name.yaml" ||
	    fail "$name: the round trip through OSCAL changed requirements"
}

# The shipped example, twice: the same bytes.
check shipped catalogue/iotsf-cf/1.0.yaml 0 responses/acme-sc200.yaml \
    responses/brightwell-t1.yaml
check shipped-again catalogue/iotsf-cf/1.0.yaml 0 \
    responses/acme-sc200.yaml responses/brightwell-t1.yaml
diff -r "$tmp/shipped" "$tmp/shipped-again" >/dev/null ||
    fail "two builds gave different exports"
rel=$tmp/shipped/iotsf-cf-1.0
exports=$(cd "$rel" && find . -name '*.oscal.json' -o -name '*.cdx.json' |
    sort)
if [ "${CFGEN_REGEN:-}" = 1 ]; then
	rm -rf "$golden"
	for f in $exports; do
		mkdir -p "$golden/$(dirname "$f")"
		cp "$rel/$f" "$golden/$f"
	done
	echo "regenerated $golden"
fi
[ "$(cd "$golden" && find . -type f | sort)" = "$exports" ] ||
    fail "the exports are not the files of $golden"
for f in $exports; do
	cmp -s "$golden/$f" "$rel/$f" ||
	    { diff -u "$golden/$f" "$rel/$f" | head -20;
	    fail "golden $f differs"; }
done

# A product the gate refuses: its exports are written, as a draft.
mkdir -p "$tmp/in"
cp -R tests/bad/responses/evidence "$tmp/in/" 2>/dev/null
cp tests/bad/responses/gate-mandatory-pc.yaml "$tmp/in/"
check refused catalogue/iotsf-cf/1.0.yaml 3 "$tmp/in/gate-mandatory-pc.yaml"
grep -q '"name": "cfgen:draft",' "$tmp"/refused/*/*/*.cdx.json &&
    grep -A1 '"name": "cfgen:draft",' "$tmp"/refused/*/*/*.cdx.json |
    grep -q '"value": "true"' || fail "refused: no draft property"

# Hostile text and addresses in every field the exports carry; the
# product is refused (one answer N), so the run's SARIF has a result
# quoting the hostile category title.
python3 tests/scripts/lib/hostile_input.py "$tmp/hostile-in"
check hostile "$tmp/hostile-in/hostile.yaml" 3 "$tmp/hostile-in/p1.yaml"
"$CFGEN" build "$tmp/hostile-in/hostile.yaml" "$tmp/hostile-in/p1.yaml" \
    -o "$tmp/hostile-sarif" -f json --draft -q --sarif "$tmp/hostile.sarif" \
    >/dev/null 2>&1
for f in "$tmp"/hostile/*/*.json "$tmp"/hostile/*/*/*.json \
    "$tmp/hostile.sarif"; do
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$f" ||
	    fail "hostile: $f is not JSON"
done
valid sarif-schema-2.1.0.json "$tmp/hostile.sarif"
grep -q '</script>' "$tmp/hostile.sarif" ||
    fail "hostile: the SARIF log lost the diagnostic's text"

# OWASP ISVS with its example product.
check isvs catalogue/owasp-isvs/1.0.yaml 0 responses/northwind-h2.yaml

# NIST SP 800-53 LOW: every answer code in turn, evidence on some, one in
# ten left unanswered (a draft).
"$CFGEN" init catalogue/nist-sp800-53-low/5.1.1+u4.yaml --product lab-gw \
    --class 0 -o "$tmp/nist/lab-gw.yaml" >/dev/null 2>&1 ||
    fail "init of the NIST skeleton"
printf 'a policy\n' >"$tmp/nist/policy.md"
python3 - "$tmp/nist/lab-gw.yaml" <<'PY'
import sys, yaml
p = sys.argv[1]
r = yaml.safe_load(open(p, encoding="utf-8"))
r["date"] = "2025-12-01"
r["product"].update(name="Lab gateway", manufacturer={
    "name": "Lab Co", "address": "1 Road, Town"})
r["declaration"] = {"signatory": {"name": "A. Person", "role": "CEO"},
                    "place": "Town", "date": "2025-12-01"}
codes = ["C", "PC", "N", "NA", "C"]
for i, k in enumerate(list(r["answers"])):
    if i % 10 == 9:
        del r["answers"][k]
        continue
    a = {"answer": codes[i % len(codes)]}
    if a["answer"] == "NA":
        a["justification"] = "The gateway has no such function at all."
    if i % 3 == 0:
        a["evidence"] = ["policy.md", "https://lab.example/%d" % i]
    r["answers"][k] = a
yaml.safe_dump(r, open(p, "w", encoding="utf-8"), sort_keys=False)
PY
check nist catalogue/nist-sp800-53-low/5.1.1+u4.yaml 3 "$tmp/nist/lab-gw.yaml"

if [ $failed -gt 0 ]; then
	echo "exports: $failed failed"
	exit 1
fi
echo "exports: all passed"
