#!/usr/bin/env bash
# pdf_checks.sh -- the PDF checklists as readers and PDF tools see them.
#
# For the shipped catalogue and responses, and for two catalogues made
# here (one requirement of several thousand words, and 300 requirements
# with completed answers):
#   - pdftotext -raw (content order, which is reading order) holds every
#     requirement id and text, and the answers, in document order;
#   - every page says "Page N of M" with M the real page count;
#   - pdffonts: every font embedded; qpdf --check passes; poppler reads the
#     file without a warning;
#   - two builds with the same SOURCE_DATE_EPOCH are byte-identical;
#   - a declaration bookmarks every numbered part (1 to 6, in order);
#   - a character no font can show is one warning per place however many
#     documents print it, pointing at the value in its own file.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
export LC_ALL=C SOURCE_DATE_EPOCH=1795132800

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-pdf.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0

pass() {
	passed=$((passed + 1))
}

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# build OUT CATALOGUE [RESPONSES...]: a PDF-only build; 0 and 3 are fine.
build() {
	local out=$1 rc
	shift
	"$CFGEN" build "$@" -o "$out" -f pdf -q >"$tmp/build.out" 2>"$tmp/build.err"
	rc=$?
	if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
		fail "cfgen build $* exited $rc"
		sed 's/^/    | /' "$tmp/build.err" | head -n 20
		return 1
	fi
	return 0
}

# Text of a PDF in reading order without white space: a line break inside
# a long token (a URL) then compares equal to the token.
flat_text() {
	pdftotext -raw -enc UTF-8 "$1" - | tr -d ' \n\f\t'
}

# in_order TEXTFILE FRAGMENTS: every line of FRAGMENTS (white space
# ignored) occurs in TEXTFILE, each after the one before; prints the first
# that does not.
in_order() {
	awk 'NR == FNR { text = text $0; next }
	    { f = $0; gsub(/[ \t]/, "", f) }
	    f == "" { next }
	    {
		p = index(substr(text, pos + 1), f)
		if (p == 0) { print "    missing or out of order: " $0; bad = 1; exit }
		pos += p + length(f) - 1
	    }
	    END { exit bad }' "$1" "$2"
}

# The structural checks every PDF must pass.
check_pdf() {
	local pdf=$1 name n i
	name=${pdf#"$tmp"/}

	if [ "$(head -c 5 "$pdf")" != "%PDF-" ]; then
		fail "$name: not a PDF"
		return
	fi
	if qpdf --check "$pdf" >"$tmp/qpdf.out" 2>&1; then
		pass
	else
		fail "$name: qpdf --check"
		sed 's/^/    | /' "$tmp/qpdf.out" | head -n 10
	fi
	# Columns from the right: emb sub uni object generation.  Every
	# font embedded as a subset (a six-letter tag before its name),
	# with its Unicode map.
	if pdffonts "$pdf" 2>"$tmp/poppler.err" |
	    awk 'NR > 2 { n++; if ($(NF - 4) != "yes" || $(NF - 3) != "yes" ||
	            $(NF - 2) != "yes" || $1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/) bad = 1 }
	        END { exit bad || n < 1 }'; then
		pass
	else
		fail "$name: a font is not an embedded subset with a Unicode map"
		pdffonts "$pdf" | sed 's/^/    | /'
	fi
	# No page ends with a heading (tests/scripts/stranded.py).
	if python3 tests/scripts/stranded.py "$pdf" >"$tmp/stranded.out" 2>&1; then
		pass
	else
		fail "$name: a heading is the last thing on a page"
		sed 's/^/    | /' "$tmp/stranded.out" | head -n 5
	fi
	n=$(pdfinfo "$pdf" 2>>"$tmp/poppler.err" | awk '/^Pages:/ { print $2 }')
	if [ -z "$n" ] || [ "$n" -lt 1 ]; then
		fail "$name: pdfinfo finds no pages"
		return
	fi
	for i in $(seq 1 "$n"); do
		pdftotext -f "$i" -l "$i" -enc UTF-8 "$pdf" "$tmp/page.txt" \
		    2>>"$tmp/poppler.err"
		if ! grep -q "Page $i of $n\$" "$tmp/page.txt"; then
			fail "$name: page $i does not say 'Page $i of $n'"
			return
		fi
		# A page with furniture only would be a layout bug.
		if [ "$(grep -cv -e '^\s*$' -e "Page $i of $n" "$tmp/page.txt")" -lt 3 ]; then
			fail "$name: page $i is empty"
			return
		fi
	done
	pass
	if [ -s "$tmp/poppler.err" ]; then
		fail "$name: poppler warns"
		sed 's/^/    | /' "$tmp/poppler.err" | head -n 5
	else
		pass
	fi
	: >"$tmp/poppler.err"
}

# Requirement ids and texts of a catalogue in this repository's layout
# (id lines, then `text:` plain or folded with >-), one per line.
catalogue_fragments() {
	awk '
	function flush() { if (intext) { print buf; intext = 0 } }
	/^ *- id: / { flush(); id = $0; sub(/^ *- id: /, "", id); gsub(/"/, "", id); next }
	/^ *text: >-$/ { print id; intext = 1; buf = ""; match($0, /^ */); ind = RLENGTH; next }
	/^ *text: / { flush(); t = $0; sub(/^ *text: /, "", t); gsub(/^"|"$/, "", t); print id; print t; next }
	intext {
		match($0, /^ */)
		if (RLENGTH > ind && $0 !~ /^ *$/) {
			l = $0; sub(/^ */, "", l); buf = buf (buf == "" ? "" : " ") l; next
		}
		flush()
	}
	END { flush() }' "$1"
}

# Per requirement: id, text, then the answer (code and title) if any.
completed_fragments() {
	catalogue_fragments "$1" | awk -v resp="$2" '
	BEGIN {
		title["C"] = "C Compliant"; title["N"] = "N Non-compliant"
		title["PC"] = title["P"] = "PC Partially compliant"
		title["NA"] = "NA Not applicable"
		while ((getline line < resp) > 0) {
			if (line ~ /^  "[^"]*":$/) { id = line; gsub(/[ ":]/, "", id) }
			if (line ~ /^    answer: /) { a = line; sub(/^    answer: /, "", a); ans[id] = a }
		}
	}
	{ print }
	NR % 2 == 1 { cur = $0 }		# ids and texts alternate
	NR % 2 == 0 && (cur in ans) { print title[ans[cur]] }'
}

# ---------------------------------------------------------------------
# The shipped catalogue and products

shipped=catalogue/iotsf-cf/1.0.yaml
# The examples that answer it (responses/ holds others' too).
answers=(responses/acme-sc200.yaml responses/brightwell-t1.yaml)
if build "$tmp/a" "$shipped" "${answers[@]}"; then
	rel="$tmp/a/iotsf-cf-1.0"
	for pdf in "$rel"/iotsf-cf-1.0-checklist.pdf "$rel"/*/*.pdf; do
		check_pdf "$pdf"
	done
	# Only the glyphs drawn are embedded: a one-page declaration and the
	# short blank checklist stay small (sizes are deterministic).
	# at_most FILE BYTES
	at_most() {
		local size
		size=$(wc -c <"$1")
		[ "$size" -le "$2" ] && pass ||
		    fail "${1##*/}: $size bytes, want at most $2"
	}
	# A page, or two with the catalogue's notice (the shipped excerpt's).
	for pdf in "$rel"/*/*-declaration.pdf; do
		[ "$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')" -le 2 ] ||
		    fail "${pdf##*/}: more than two pages"
		at_most "$pdf" 61440
	done
	at_most "$rel"/iotsf-cf-1.0-checklist.pdf 81920
	catalogue_fragments "$shipped" >"$tmp/frag.txt"
	if [ "$(grep -c '^2\.3\.1\.' "$tmp/frag.txt")" -ne 10 ]; then
		fail "could not read the 10 shipped requirements"
	fi
	flat_text "$rel/iotsf-cf-1.0-checklist.pdf" >"$tmp/text.txt"
	if in_order "$tmp/text.txt" "$tmp/frag.txt"; then pass
	else fail "blank checklist: requirements not in reading order"; fi
	for resp in "${answers[@]}"; do
		pid=$(awk '/^  id: / { print $2; exit }' "$resp")
		pdf=$(ls "$rel/$pid"/*-checklist.pdf)
		completed_fragments "$shipped" "$resp" >"$tmp/frag.txt"
		flat_text "$pdf" >"$tmp/text.txt"
		if in_order "$tmp/text.txt" "$tmp/frag.txt"; then pass
		else fail "$pid: requirements and answers not in reading order"; fi
		grep -q "Page1of[0-9]" "$tmp/text.txt" && pass ||
		    fail "$pid: no 'Page 1 of N'"
	done
fi

# Same inputs, same SOURCE_DATE_EPOCH: the same bytes.
if build "$tmp/b" "$shipped" "${answers[@]}"; then
	n=0
	for pdf in $(cd "$tmp/a" && find . -name '*.pdf' | sort); do
		n=$((n + 1))
		cmp -s "$tmp/a/$pdf" "$tmp/b/$pdf" || fail "$pdf differs between two builds"
	done
	[ "$n" -ge 3 ] && pass || fail "only $n PDFs built"
fi

# Every numbered part of a declaration is a bookmark, in order, and the
# two side by side (1 and 2) lead to the first page.
outline() {
	qpdf --json --json-key=outlines "$1" | python3 -c '
import json, sys
for o in json.load(sys.stdin)["outlines"]:
    print("%s|%s|%d" % (o["title"], o.get("destpageposfrom1", 0), len(o["kids"])))'
}
if ! command -v python3 >/dev/null; then
	echo "skip: declaration bookmarks (needs python3)"
else
	n=0
	for pdf in "$tmp"/a/iotsf-cf-1.0/*/*-declaration*.pdf; do
		[ -f "$pdf" ] || continue
		n=$((n + 1))
		outline "$pdf" >"$tmp/outline.txt" 2>&1
		if [ "$(cut -d'|' -f1 "$tmp/outline.txt" | cut -c1-3 | tr '\n' ' ')" = "1   2   3   4   5   6   " ] &&
		    grep -qx '1  Manufacturer|1|0' "$tmp/outline.txt" &&
		    grep -qx '2  Object of the declaration|1|0' "$tmp/outline.txt" &&
		    grep -qx '3  Declaration|[0-9]*|0' "$tmp/outline.txt" &&
		    grep -qx '4  Assessment|[0-9]*|0' "$tmp/outline.txt" &&
		    grep -qx '5  References and integrity|[0-9]*|0' "$tmp/outline.txt" &&
		    grep -qx '6  Signed for and on behalf of .*|[0-9]*|0' "$tmp/outline.txt"; then
			pass
		else
			fail "${pdf##*/}: bookmarks are not the parts 1 to 6"
			sed 's/^/    | /' "$tmp/outline.txt"
		fi
	done
	[ "$n" -eq 2 ] && pass || fail "expected 2 declaration PDFs, found $n"
fi

# ---------------------------------------------------------------------
# Every script a name can be written in: CJK in a requirement's text and
# in the manufacturer's name comes from the fallback font and is in the
# text layer, without a warning.  Characters no font has: U+0D05 and
# U+0B85 in the same requirement text, U+1F4F7 in the product's name,
# U+1D11E in the signatory's role.  Three checklists and two declarations
# print them (in parallel, -j 2); each value is one warning, at the value,
# in the file it is written in, naming its first such character.

g="$tmp/glyph"
mkdir -p "$g"
cp -R responses/evidence "$g/"
tl=$(awk '/^ *text: [^>|]/ { print NR; exit }' "$shipped")
tc=$(awk -v l="$tl" 'NR == l { match($0, /^ *text: /); print RLENGTH + 1 }' "$shipped")
rid=$(awk -v l="$tl" 'NR < l && /^ *- id: / { id = $3; gsub(/"/, "", id) } NR == l { print id; exit }' "$shipped")
sed "${tl}s/text: /text: \xe4\xb8\xad \xe0\xb4\x85 \xe0\xae\x85 /" "$shipped" >"$g/cat.yaml"
maker=$(printf '\346\240\252\345\274\217\344\274\232\347\244\276\343\202\252\343\203\274\343\203\226\343\203\263\343\203\252\343\203\274')
sed -e 's/^  name: .*/& \xf0\x9f\x93\xb7/' \
    -e "s/^    name: Brightwell Home Systems GmbH/    name: $maker/" \
    -e 's/^    role: .*/& \xf0\x9d\x84\x9e/' responses/brightwell-t1.yaml >"$g/resp.yaml"
nl=$(awk '/^  name: / { print NR; exit }' "$g/resp.yaml")
rl=$(awk '/^    role: / { print NR; exit }' "$g/resp.yaml")
if build "$tmp/glyph-out" "$g/cat.yaml" "$g/resp.yaml" responses/acme-sc200.yaml -j 2; then
	err="$tmp/build.err"
	# want CODE-POINT MESSAGE: exactly one warning about the character,
	# and that one is MESSAGE.
	want() {
		local n
		n=$(grep -c "character $1 " "$err")
		if [ "$n" -ne 1 ]; then
			fail "$1: $n warnings, want 1"
			grep "$1" "$err" | sed 's/^/    | /'
		elif ! grep -qF -- "$2" "$err"; then
			fail "$1: want '$2'"
			grep "$1" "$err" | sed 's/^/    | /'
		else
			pass
		fi
	}
	want U+0D05 "$g/cat.yaml:$tl:$tc: warning: requirement $rid: character U+0D05 is in none of the fonts DejaVuSans.ttf, DroidSansFallbackFull.ttf; printed as U+FFFD, as are the other characters no font has in this value"
	want U+1F4F7 "$g/resp.yaml:$nl:9: warning: product name: character U+1F4F7 is in none of the fonts"
	want U+1D11E "$g/resp.yaml:$rl:11: warning: signatory role: character U+1D11E is in none of the fonts"
	# One warning per value, not per character; none for what a font has.
	# (acme's declaration is dated after this SOURCE_DATE_EPOCH: that
	# warning is validate's, not the fonts').
	n=$(grep -c "warning: .*character U+" "$err")
	[ "$n" -eq 3 ] && pass || { fail "$n warnings, want 3"; sed 's/^/    | /' "$err"; }
	# Nothing from the responses is blamed on the catalogue.
	if grep "^$g/cat.yaml" "$err" | grep -q -e U+1F4F7 -e U+1D11E; then
		fail "a responses value is reported in the catalogue"
	else
		pass
	fi
	# Printed as U+FFFD, CJK as itself, in both kinds of document.
	fffd=$(printf '\357\277\275')
	for pdf in "$tmp"/glyph-out/iotsf-cf-1.0/brightwell-t1/*-checklist.pdf \
	    "$tmp"/glyph-out/iotsf-cf-1.0/brightwell-t1/*-declaration.pdf; do
		pdftotext -enc UTF-8 "$pdf" "$tmp/glyph.txt"
		grep -qF "Thermostat $fffd" "$tmp/glyph.txt" && pass ||
		    fail "${pdf##*/}: the product name is not printed with U+FFFD"
		grep -qF "$maker" "$tmp/glyph.txt" && pass ||
		    fail "${pdf##*/}: the manufacturer $maker is not in the text layer"
		case $pdf in
		*-checklist.pdf)
			grep -qF "$(printf '\344\270\255') $fffd $fffd" "$tmp/glyph.txt" && pass ||
			    fail "${pdf##*/}: the requirement's CJK text is not in the text layer"
		esac
		pdffonts "$pdf" | grep -q '[A-Z]\{6\}+DroidSansFallback' && pass ||
		    fail "${pdf##*/}: no subset fallback font"
	done
	# A PDF with no CJK does not embed the fallback font.
	for pdf in "$tmp"/glyph-out/iotsf-cf-1.0/acme-sc200/*-declaration.pdf; do
		if pdffonts "$pdf" | grep -q DroidSansFallback; then
			fail "${pdf##*/}: embeds a fallback font it does not use"
		else
			pass
		fi
	done
fi

# ---------------------------------------------------------------------
# A bad pdf.style: each error once, before any verdict, for any number of
# PDFs, and nothing written.

mkdir -p "$tmp/badstyle"
printf 'margin-top: nan\nbody-size: inf\n' >"$tmp/badstyle/pdf.style"
"$CFGEN" build "$shipped" "${answers[@]}" -t "$tmp/badstyle" -o "$tmp/bs-out" \
    >"$tmp/bs.out" 2>"$tmp/bs.err"
rc=$?
[ "$rc" -eq 1 ] && pass || fail "bad pdf.style: exit $rc, want 1"
[ "$(grep -c "pdf.style:1:13: error: bad length 'nan'" "$tmp/bs.err")" -eq 1 ] &&
    [ "$(grep -c "pdf.style:2:12: error: bad text size 'inf'" "$tmp/bs.err")" -eq 1 ] &&
    [ "$(grep -c 'error' "$tmp/bs.err")" -eq 2 ] && pass ||
    { fail "bad pdf.style: want each error once"; sed 's/^/    | /' "$tmp/bs.err"; }
if grep -q "can be issued" "$tmp/bs.out"; then
	fail "bad pdf.style: a verdict was printed"
else
	pass
fi
[ ! -e "$tmp/bs-out" ] && pass || fail "bad pdf.style: something was written"

# ---------------------------------------------------------------------
# Made here: a very long requirement, and 300 requirements

header() {
	cat <<EOF
schema: cfgen/catalogue/1
id: $1
title: $2
publisher: Test Foundation
version: "1.0"
released: 2020-01-01
classes:
  - id: 0
    title: Class 0
  - id: 1
    title: Class 1
categories:
  - code: M
    title: Mandatory
    required: true
  - code: A
    title: Advisory
    required: false
sections:
EOF
}

words=3000
{
	header long "Long Text Catalogue"
	echo '  - id: "1.1"'
	echo '    title: One very long requirement'
	echo '    requirements:'
	echo '      - id: "1.1.1"'
	echo '        text: Short one before.'
	echo '        class: 1'
	echo '        category: M'
	echo '      - id: "1.1.2"'
	echo '        text: >-'
	awk -v n="$words" 'BEGIN {
		split("the device shall keep its firmware signed and verify every update before it is installed", w, " ")
		for (i = 1; i <= n; i++) {
			printf "%s%s w%05d", (i % 12 == 1 ? "          " : " "), w[(i % 16) + 1], i
			if (i % 12 == 0 || i == n) printf "\n"
		}
	}'
	echo '        class: 1'
	echo '        category: M'
	echo '      - id: "1.1.3"'
	echo '        text: Short one after.'
	echo '        class: 0'
	echo '        category: A'
} >"$tmp/long.yaml"

if build "$tmp/long" "$tmp/long.yaml"; then
	pdf="$tmp/long/long-1.0/long-1.0-checklist.pdf"
	check_pdf "$pdf"
	{
		echo "1.1.1"; echo "Short one before."; echo "1.1.2"
		seq -f 'w%05g' 1 "$words"
		echo "1.1.3"; echo "Short one after."
	} >"$tmp/frag.txt"
	flat_text "$pdf" >"$tmp/text.txt"
	if in_order "$tmp/text.txt" "$tmp/frag.txt"; then pass
	else fail "long text: words lost or out of order"; fi
	# Every numbered word exactly once: nothing doubled at page breaks.
	dup=$(grep -o 'w[0-9]\{5\}' "$tmp/text.txt" | sort | uniq -d | head -n 3)
	[ -z "$dup" ] && pass || fail "long text: words printed twice: $dup"
	# 6000 words at four to six a line (no applicability column: the
	# catalogue names no markets), 60 lines a page: 15 to 30 pages.
	n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
	if [ "$n" -ge 15 ] && [ "$n" -le 30 ]; then pass
	else fail "long text: $n pages, expected 15 to 30"; fi
	# The header row is repeated on every page the requirement spans.
	for i in $(seq 4 "$((n - 1))"); do
		pdftotext -raw -f "$i" -l "$i" "$pdf" - 2>/dev/null |
		    grep -q 'Cat\. Response Evidence' ||
		    { fail "long text: page $i has no table header"; break; }
	done
fi

nsec=10
per=30
{
	header big "Three Hundred Requirements"
	for s in $(seq 1 "$nsec"); do
		echo "  - id: \"$s\""
		echo "    title: Section number $s"
		echo "    requirements:"
		for r in $(seq 1 "$per"); do
			echo "      - id: \"$s.$r\""
			if [ $((r % 7)) -eq 0 ]; then
				echo "        text: >-"
				echo "          Requirement $s.$r: the manufacturer keeps a"
				echo "          documented process with named owners, reviewed"
				echo "          every year, covering https://example.org/very/long/reference/path/$s/$r/index.html."
			else
				echo "        text: Requirement $s.$r is met by a documented control."
			fi
			echo "        class: $((r % 2))"
			[ $((r % 3)) -eq 0 ] && echo "        category: A" ||
			    echo "        category: M"
		done
	done
} >"$tmp/big.yaml"
{
	cat <<EOF
schema: cfgen/responses/1
catalogue: big
version: "1.0"
revision: 1
date: 2021-01-01
product:
  id: bigprod
  name: Big Product
  manufacturer:
    name: Maker Ltd
    address: 1 Road, Town
claim:
  class: 1
answers:
EOF
	for s in $(seq 1 "$nsec"); do
		for r in $(seq 1 "$per"); do
			echo "  \"$s.$r\":"
			if [ $((r % 5)) -eq 0 ]; then
				echo "    answer: NA"
				echo "    justification: Not relevant to this product ($s.$r)."
			else
				echo "    answer: C"
				echo "    evidence:"
				echo "      - https://maker.example/evidence/$s/$r"
			fi
		done
	done
	cat <<EOF
declaration:
  signatory:
    name: A Person
    role: Director
  place: Town
  date: 2021-02-01
EOF
} >"$tmp/big-resp.yaml"

if build "$tmp/big" "$tmp/big.yaml" "$tmp/big-resp.yaml"; then
	for pdf in "$tmp/big/big-1.0/big-1.0-checklist.pdf" \
	    "$tmp/big/big-1.0/bigprod/bigprod-r1-big-1.0-checklist.pdf"; do
		[ -f "$pdf" ] || { fail "missing $pdf"; continue; }
		check_pdf "$pdf"
	done
	catalogue_fragments "$tmp/big.yaml" >"$tmp/frag.txt"
	[ "$(grep -c '^[0-9]*\.[0-9]*$' "$tmp/frag.txt")" -eq 300 ] && pass ||
	    fail "could not read 300 requirements back"
	flat_text "$tmp/big/big-1.0/big-1.0-checklist.pdf" >"$tmp/text.txt"
	if in_order "$tmp/text.txt" "$tmp/frag.txt"; then pass
	else fail "300 requirements: blank checklist not in reading order"; fi
	pdf="$tmp/big/big-1.0/bigprod/bigprod-r1-big-1.0-checklist.pdf"
	completed_fragments "$tmp/big.yaml" "$tmp/big-resp.yaml" >"$tmp/frag.txt"
	flat_text "$pdf" >"$tmp/text.txt"
	if in_order "$tmp/text.txt" "$tmp/frag.txt"; then pass
	else fail "300 requirements: completed checklist not in reading order"; fi
	# 300 rows of two to four lines: 15 to 60 pages each.
	for pdf in "$tmp/big/big-1.0/big-1.0-checklist.pdf" "$pdf"; do
		n=$(pdfinfo "$pdf" | awk '/^Pages:/ { print $2 }')
		if [ "$n" -ge 15 ] && [ "$n" -le 60 ]; then pass
		else fail "${pdf##*/}: $n pages, expected 15 to 60"; fi
	done
	# Ten sections, ten bookmarks at least.
	nb=$(qpdf --json --json-key=outlines "$pdf" 2>/dev/null |
	    grep -c '"title"')
	[ "$nb" -ge 10 ] && pass || fail "only $nb bookmarks"
fi

echo "pdf_checks: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
