#!/usr/bin/env bash
# real_standards.sh -- the documents of a catalogue that uses the keys of
# release 0.2 (tests/catalogue/realstd: titles, levels, below, conditions,
# nested requirements, ids with spaces and primes, withdrawn ids).
#
# Nothing may be lost: every word of every requirement (id, title, text,
# note), in document order with children after their parent, is checked
# in the Markdown, HTML and PDF text of the blank and completed checklists
# and of the guide, by words.py reading the YAML with its own parser.
# Then what the documents say about the 0.2 keys: the PDF outline nests
# requirements with children, ids with spaces name no file, the scope of
# a requirement whose condition is false, and no "Applicability: All" on
# a catalogue that names no markets.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
for t in python3 pdftotext qpdf; do
	command -v "$t" >/dev/null || { echo "SKIP: $t missing"; exit 77; }
done
python3 -c 'import yaml' 2>/dev/null ||
    { echo "SKIP: python3-yaml missing"; exit 77; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-realstd.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
here=tests/scripts
cat=tests/catalogue/realstd/1.0.yaml
failed=0 passed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

"$CFGEN" build "$cat" tests/catalogue/realstd/responses/gadget.yaml \
    -o "$tmp/out" -q >"$tmp/log" 2>&1 ||
    { cat "$tmp/log"; echo "FAIL: cfgen build"; exit 1; }
out=$tmp/out/realstd-1.0

# The text of an HTML page, as a reader sees it (tags out, entities in).
html_text() {
	python3 -c '
import html.parser, sys
class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True); self.out = []; self.skip = 0
    def handle_starttag(self, tag, a):
        if tag in ("style", "script"): self.skip += 1
        self.out.append(" ")
    def handle_endtag(self, tag):
        if tag in ("style", "script"): self.skip -= 1
        self.out.append(" ")
    def handle_data(self, d):
        if not self.skip: self.out.append(d)
p = P()
for f in sys.argv[1:]:
    p.feed(open(f, encoding="utf-8").read())
print("".join(p.out))' "$@"
}

words() {
	if python3 "$here/words.py" "$cat" "$@" >"$tmp/words.log"; then pass
	else cat "$tmp/words.log"; fail "words lost in $*"; fi
}

for base in "$out/realstd-1.0-checklist" \
    "$out/gadget/gadget-r1-realstd-1.0-checklist"; do
	[ -f "$base.md" ] && [ -f "$base.html" ] && [ -f "$base.pdf" ] ||
	    { fail "missing $base.*"; continue; }
	n=$(basename "$base")
	words "$base.md"
	html_text "$base.html" >"$tmp/$n.html.txt"
	words "$tmp/$n.html.txt"
	pdftotext -raw "$base.pdf" "$tmp/$n.pdf.txt"
	words "$tmp/$n.pdf.txt"
done

# The guide, its section pages in document order.
pages=()
for s in 4.3 5.1 AC FR_1; do pages+=("$out/guide/$s.html"); done
if [ -f "$out/guide/FR_1.html" ] && [ ! -e "$out/guide/FR 1.html" ]; then
	pass
else
	fail "guide page of section \"FR 1\" is not FR_1.html"
fi
html_text "${pages[@]}" >"$tmp/guide.txt" && words "$tmp/guide.txt"

# No badge or column for markets the catalogue does not name.
if grep -l 'Applicability' "$out/guide/"*.html \
    "$out/realstd-1.0-checklist."{md,html} >"$tmp/applic" 2>/dev/null; then
	fail "applicability shown on a catalogue without codes: $(cat "$tmp/applic")"
else
	pass
fi

# Anchors: no id with a space; the nested child links to its parent.
if grep -o 'id="[^"]*"' "$out/realstd-1.0-checklist.html" \
    "$out/guide/"*.html | grep -q ' '; then
	fail "an HTML id holds a space"
else
	pass
fi
grep -q 'id="req-CR_1.1_RE_1"' "$out/guide/FR_1.html" &&
grep -q 'href="#req-CR_1.1"' "$out/guide/FR_1.html" && pass ||
    fail "guide: CR 1.1 RE 1 not anchored or not linked to its parent"

# In-page links of guidance (OSCAL's "#ac-2.1", "#ac-2_smt.a"): to the
# requirement's anchor, on its own section's page when it is elsewhere.
grep -q 'href="#req-AC-2(1)"' "$out/guide/AC.html" && pass ||
    fail "guide: #ac-2.1 not resolved to AC-2(1)'s anchor"
[ "$(grep -o 'href="AC.html#req-AC-2"' "$out/guide/FR_1.html" | wc -l)" -eq 2 ] &&
    pass || fail "guide: #ac-2 and #ac-2_smt.a not sent to AC.html#req-AC-2"

# The completed checklist: scope words per requirement (Markdown row).
row() { grep -F "| $1 |" "$out/gadget/gadget-r1-realstd-1.0-checklist.md"; }
row '4.3.8' | grep -q '| Applicable as A |' && pass ||
    fail "4.3.8 (below: A) is not 'Applicable as A' at class 1"
row '4.3.7' | grep -q '| Applicable |' && pass ||
    fail "4.3.7 (levels 1, 2) does not apply at class 1"
row '↳ AC-2(1)' | grep -q '| Outside claim |' && pass ||
    fail "AC-2(1) (class 2) is not outside a class 1 claim"
row 'AC-3' | grep -q '| Withdrawn |' && pass || fail "AC-3 not Withdrawn"

# A product whose condition is false.
sed -e 's/C1: true/C1: false/' -e '/"5.1-1":/,/passwords\]/d' \
    -e '/"5.1-2":/,/passwords\]/d' \
    tests/catalogue/realstd/responses/gadget.yaml >"$tmp/nopw.yaml"
if "$CFGEN" build "$cat" "$tmp/nopw.yaml" -f md -o "$tmp/nopw" -q \
    >"$tmp/log" 2>&1; then
	grep -F '| 5.1-1 |' "$tmp/nopw/realstd-1.0/gadget/"*checklist.md |
	    grep -q '| Does not apply (condition) |' && pass ||
	    fail "5.1-1 (condition C1, false) not 'Does not apply (condition)'"
else
	cat "$tmp/log"; fail "build without passwords"
fi

# The PDF outline: sections, and requirements with children nested.
qpdf --json --json-key=outlines "$out/realstd-1.0-checklist.pdf" |
    python3 -c '
import json, sys
def walk(os, d):
    for o in os:
        print("%d %s" % (d, o["title"])); walk(o["kids"], d + 1)
walk(json.load(sys.stdin)["outlines"], 0)' >"$tmp/outline"
for want in '0 AC Access control' '1 AC-2 Account management' \
    '2 AC-2(1) Automated account management' \
    '3 AC-2(1)(a) Automated removal' '2 AC-2(2)' \
    '0 FR 1 Identification and authentication control' \
    '1 CR 1.1 Human user identification and authentication' \
    '2 CR 1.1 RE 1 Unique identification'; do
	grep -qxF "$want" "$tmp/outline" && pass ||
	    fail "PDF outline lacks \"$want\""
done
# A requirement without children gets no entry of its own.
grep -q '4.3.7' "$tmp/outline" && fail "outline lists 4.3.7" || pass

echo "real_standards: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
