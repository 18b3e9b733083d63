#!/usr/bin/env bash
# pdf_twin.sh -- every declaration PDF carries its JSON twin (signing.md,
# "Embedded twin"), checked with tools other than cfgen:
#
#   - `qpdf --list-attachments` and `pdfdetach -list` show exactly
#     <id>.json in the full, simplified and PSTI PDFs, issued or draft;
#     `qpdf --show-attachment` extracts it byte-identical (cmp) to the
#     .json written beside; `qpdf --check` finds the PDF sound;
#   - `cfgen verify DECLARATION.pdf` reads the twin: passes on a fresh
#     PDF, with --pubkey too; fails on a PDF with one byte changed
#     (signature), a PDF without a twin, one whose twin is named after
#     another id, one that is not a PDF;
#   - bounded reading: a twin that unpacks past 16 MiB (a decompression
#     bomb, made with `qpdf --add-attachment`) is refused unread.
#
# Needs qpdf and pdfdetach (poppler-utils); skips (77) without them.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
src=$(cd "${CFGEN_SOURCE_DIR:-.}" && pwd) || exit 1
. "$src/tests/scripts/lib/bounded.sh"
for t in qpdf pdfdetach; do
	command -v $t >/dev/null || {
		echo "skip: needs $t"
		exit 77
	}
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-twin.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795305600
failed=0
passed=0

fail() {
	echo "FAIL $1: $2"
	[ -s "$tmp/err" ] && sed 's/^/    stderr| /' "$tmp/err" | head -n 20
	failed=$((failed + 1))
}
pass() {
	passed=$((passed + 1))
}

mkdir "$tmp/w" && cd "$tmp/w" || exit 1
cp -R "$src/catalogue" "$src/responses" .
cat=catalogue/iotsf-cf/1.0.yaml
acme=responses/acme-sc200.yaml
id=acme-sc200-r3-iotsf-cf-1.0
dir=out/iotsf-cf-1.0/acme-sc200
# Every form: the simplified one needs url and legislation, PSTI the
# identification (acme has a support period).
cat >>"$acme" <<'EOF'
  url: https://acme.example/conformity/acme-sc200
  identification: Type SC-200, serial numbers SC2-000001 to SC2-099999
  legislation:
    - title: Regulation (EU) 2024/2847 (Cyber Resilience Act)
  forms: [full, simplified, psti]
EOF

bounded "$CFGEN" keygen -o k >/dev/null 2>"$tmp/err"
bounded "$CFGEN" build "$cat" "$acme" -o out -q --sign k.key >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ]; then
	fail build "exit $rc"
	echo "1 failed"
	exit 1
fi

# twin_ok NAME PDF JSON: the PDF carries exactly <id>.json, JSON's bytes.
twin_ok() {
	local name=$1 pdf=$2 json=$3 want=$4
	if [ "$(qpdf --list-attachments "$pdf" 2>"$tmp/err" | sed 's/ -> .*//')" != "$want" ]; then
		fail "$name" "qpdf --list-attachments: $(qpdf --list-attachments "$pdf" 2>&1)"
	elif ! pdfdetach -list "$pdf" 2>"$tmp/err" | grep -qxF "1: $want"; then
		fail "$name" "pdfdetach -list: $(pdfdetach -list "$pdf" 2>&1)"
	elif ! qpdf --show-attachment="$want" "$pdf" >"$tmp/twin" 2>"$tmp/err" ||
	    ! cmp -s "$tmp/twin" "$json"; then
		fail "$name" "the attachment is not byte-identical to $json"
	elif ! qpdf --check "$pdf" >"$tmp/err" 2>&1; then
		fail "$name" "qpdf --check finds errors"
	else
		pass
	fi
}
twin_ok full "$dir/$id-declaration.pdf" "$dir/$id-declaration.json" "$id.json"
twin_ok simplified "$dir/$id-declaration-simplified.pdf" "$dir/$id-declaration.json" "$id.json"
twin_ok psti "$dir/$id-statement-of-compliance.pdf" "$dir/$id-declaration.json" "$id.json"

# A draft carries its twin too.
cp -R responses drafts
sed -i '/^  "2.3.1.3":/,/^  "2.3.1.4":/{/^  "2.3.1.4":/!d}' drafts/acme-sc200.yaml
bounded "$CFGEN" build "$cat" drafts/acme-sc200.yaml -o dout -q -f pdf,json --draft \
    >"$tmp/out" 2>"$tmp/err"
twin_ok draft "dout/iotsf-cf-1.0/acme-sc200/$id-declaration-DRAFT.pdf" \
    "dout/iotsf-cf-1.0/acme-sc200/$id-declaration-DRAFT.json" "$id.json"

verify() {
	bounded "$CFGEN" verify "$@" --base responses >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
for f in declaration declaration-simplified statement-of-compliance; do
	verify "$dir/$id-$f.pdf" --pubkey k.pub
	if [ $rc -ne 0 ] || ! grep -qxF "$id: all 9 files match" "$tmp/out" ||
	    ! grep -qxF "$id: all 10 signatures good" "$tmp/out"; then
		fail "verify-pdf/$f" "exit $rc: $(tail -n 2 "$tmp/out" | tr '\n' ' ')"
	else
		pass
	fi
done

# One byte of the PDF changed (in its text, not its structure).
pdf=$dir/$id-declaration.pdf
cp "$pdf" "$tmp/orig.pdf"
sed -i 's|/Producer (Haru|/Producer (Hary|' "$pdf"
verify "$pdf" --pubkey k.pub
if cmp -s "$pdf" "$tmp/orig.pdf"; then
	fail verify-pdf-changed "the test did not change the PDF"
elif [ $rc -ne 1 ] || ! grep -q "^$pdf.minisig: error: wrong signature: $pdf " "$tmp/err"; then
	fail verify-pdf-changed "exit $rc, want 1 naming the PDF's signature"
else
	pass
fi
cp "$tmp/orig.pdf" "$pdf"

# expect NAME PDF MESSAGE: verify fails with exactly that error.
expect() {
	local name=$1 pdf=$2 msg=$3
	verify "$pdf"
	if [ $rc -ne 1 ] || ! grep -qxF -- "$pdf: error: $msg" "$tmp/err"; then
		fail "$name" "exit $rc, want 1 and '$pdf: error: $msg'"
	elif [ "$(grep -c ': error: ' "$tmp/err")" -ne 1 ]; then
		fail "$name" "want exactly one error"
	else
		pass
	fi
}

qpdf "$pdf" --remove-attachment="$id.json" -- none.pdf 2>"$tmp/err"
expect no-twin none.pdf "no embedded JSON twin: not a cfgen declaration PDF (it carries <id>.json as an attachment)"

cp "$dir/$id-declaration.json" other.json
qpdf none.pdf --add-attachment other.json -- renamed.pdf 2>"$tmp/err"
expect twin-misnamed renamed.pdf "the embedded JSON is named 'other.json', not after its id '$id.json'"

printf 'not a PDF\n' >junk.pdf
verify junk.pdf
if [ $rc -ne 1 ] || ! grep -q '^junk.pdf: error: not a readable PDF: ' "$tmp/err"; then
	fail not-a-pdf "exit $rc, want 1 naming junk.pdf"
else
	pass
fi

# A decompression bomb: 20 MB of blanks packed into a few KB.
head -c 20000000 /dev/zero | tr '\0' ' ' >big.json
qpdf none.pdf --add-attachment big.json --key="$id.json" -- bomb.pdf 2>"$tmp/err"
rm big.json
if [ "$(stat -c %s bomb.pdf)" -gt 1000000 ]; then
	fail bomb "the bomb is not packed ($(stat -c %s bomb.pdf) bytes)"
else
	expect bomb bomb.pdf "the embedded $id.json unpacks to more than 16 MiB; not read"
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
