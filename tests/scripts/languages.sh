#!/usr/bin/env bash
# languages.sh -- documents in the reader's language (languages.md): the
# shipped catalogue with its examples, a product with every regulatory
# key and every declaration form, a refused product (a draft), and the
# 0.2 test catalogue (levels, below, conditions) built with --lang de and
# --lang fr.  In every form -- Markdown, HTML, the PDF as pdftotext reads
# it, and the JSON -- the German or French words cfgen writes are there
# and none of its English labels is left; the JSON records "lang" and
# keeps answer codes as codes; `cfgen diff` names a text a new release
# changed whose translation stayed the old one.  A catalogue's own text (the IoTSF release
# has no French translation) is the catalogue's and is not checked.
#
# Needs pdftotext, pdfinfo and python3; skips (77) without them.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
src=$(cd "${CFGEN_SOURCE_DIR:-.}" && pwd) || exit 1
. "$src/tests/scripts/lib/bounded.sh"
for t in pdftotext pdfinfo python3; do
	command -v $t >/dev/null || {
		echo "skip: needs $t"
		exit 77
	}
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-languages.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1795305600	# 22 November 2026
failed=0
passed=0

fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
}

# English labels of cfgen's own that no German or French document may
# keep (extended regular expressions, matched case-sensitively).
english='Manufacturer|Object of the declaration|Product id|Security updates until'
english="$english|Identification:|Notice of the catalogue|Compliance class"
english="$english|Not assessed|Requirement\\b"
english="$english|Signed for and on behalf|Published at|Completed checklist"
english="$english|References and integrity|Conformity assessment procedure"
english="$english|Notified body|Authorised representative|harmonised standard"
english="$english|Page [0-9]+ of|generated [0-9]|DRAFT|NOT A DECLARATION"
english="$english|Declaration of [Cc]onformity|Statement of [Cc]ompliance"
english="$english|Product type and batch|requirements not applicable"
english="$english|requirements not met|Simplified|\\bPlace\\b|\\bRole\\b"
english="$english|\\bFunction\\b|Condition:| below\\)|\\bFile\\b|\\bNo\\. "
english="$english|Declaration\\b|Assessment\\b"
english="$english|Applicable as|Does not apply|\\) release [0-9]"
english="$english|C[0-9]+ holds|does not hold"
# French writes these as English does.  German says Anwendbarkeit for
# applicability everywhere (the column, the claim, the declaration).
english_de='|Signature|\bTotal\b|Conditions\b|Justification|Geltungsbereich'
# French elides "de" and "que" before a vowel: "au nom d’Acme"; and sets
# a space before the ";" that joins a list of evidence (list_sep).
english_fr='|\bde (Acme|IoT)|\bque Acme|[^[:space:]]; evidence/'


# Words each language must show in every declaration.
words_de='Konformitätserklärung|Hersteller|Unterzeichnet für und im Namen von'
words_fr='Déclaration de conformité|Fabricant|Signé par et au nom'

# text FILE: the words a reader sees in FILE (the PDF through pdftotext,
# the HTML without its tags, style and script).
text() {
	case $1 in
	*.pdf) pdftotext -enc UTF-8 "$1" - 2>/dev/null ;;
	*.html) python3 -c '
import html, re, sys
s = open(sys.argv[1], encoding="utf-8").read()
s = re.sub(r"<(style|script|svg)\b.*?</\1>", " ", s, flags=re.S)
# attribute values a reader meets too: title, aria-label, alt, content
a = " ".join(re.findall(r"(?:title|aria-label|alt|content)=\"([^\"]*)\"", s))
print(html.unescape(re.sub(r"<[^>]+>", " ", s)), html.unescape(a))
' "$1" ;;
	*.md) sed 's/\\//g' "$1" ;;	# "\_\_\_" (a signature line): escaped
	*) cat "$1" ;;
	esac
}

# check LANG FILE EXPECTED: FILE shows each of EXPECTED (| separated) and
# no English label of cfgen's.
check() {
	local lang=$1 file=$2 want=$3 w left name re
	name=${file#"$tmp"/}
	[ -s "$file" ] || { fail "$name" "missing or empty"; return; }
	text "$file" >"$tmp/text" || { fail "$name" "unreadable"; return; }
	IFS='|'
	for w in $want; do
		grep -qF -- "$w" "$tmp/text" ||
			{ unset IFS; fail "$name" "no '$w'"; return; }
	done
	unset IFS
	eval "re=\$english\$english_$lang"
	left=$(grep -oE -- "$re" "$tmp/text" | sort -u | tr '\n' ',')
	if [ -n "$left" ]; then
		fail "$name" "English left in $lang: ${left%,}"
		grep -nE -- "$re" "$tmp/text" | head -n 5 |
			sed 's/^/    | /'
		return
	fi
	passed=$((passed + 1))
}

# same_page PDF HEADING TEXT: the first page showing HEADING shows TEXT
# too (a heading is not left alone at the foot of a page).
same_page() {
	local n i
	n=$(pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p')
	for ((i = 1; i <= ${n:-0}; i++)); do
		pdftotext -f "$i" -l "$i" -enc UTF-8 "$1" - >"$tmp/page" \
		    2>/dev/null
		grep -qF -- "$2" "$tmp/page" || continue
		grep -qF -- "$3" "$tmp/page"
		return
	done
	return 1
}

# build LANG OUT ARGS...: cfgen build in LANG; 0 or 3 (a refused draft).
build() {
	local lang=$1 out=$2 rc
	shift 2
	bounded "$CFGEN" build "$@" --lang "$lang" -q -o "$out" \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	case $rc in
	0|3) return 0 ;;
	*) fail "build --lang $lang $*" "exit $rc"
		sed 's/^/    stderr| /' "$tmp/err" | head -n 20
		return 1 ;;
	esac
}

cd "$src" || exit 1
# A refused product beside the one with every form: its own id.
mkdir "$tmp/resp" && cp -R tests/bad/responses/evidence "$tmp/resp/" &&
    sed 's/^  id: test-product$/  id: draft-product/' \
    tests/bad/responses/gate-not-assessed.yaml >"$tmp/resp/draft.yaml" ||
    exit 1
for lang in de fr; do
	eval "want=\$words_$lang"
	out=$tmp/$lang
	build "$lang" "$out" catalogue/iotsf-cf/1.0.yaml \
	    responses/brightwell-h2.yaml responses/acme-sc200.yaml \
	    tests/bad/responses/ok-declaration-regulatory.yaml \
	    "$tmp/resp/draft.yaml" --draft || continue
	rel=$out/iotsf-cf-1.0
	n=0
	for f in "$rel"/*/*-declaration.md "$rel"/*/*-declaration.html \
	    "$rel"/*/*-declaration.pdf "$rel"/*/*-declaration-DRAFT.md \
	    "$rel"/*/*-declaration-DRAFT.html "$rel"/*/*-declaration-DRAFT.pdf; do
		check "$lang" "$f" "$want"
		n=$((n + 1))
	done
	[ "$n" -eq 12 ] || fail "$lang" "$n full declarations, not 12"
	# The signature's heading on the page of its block (French is the
	# longer: test-product's heading once fell alone at a page's foot).
	case $lang in
	de) signed='Unterzeichnet für und im Namen'; line='Unterschrift' ;;
	fr) signed='Signé par et au nom'; line='Signature' ;;
	esac
	for f in "$rel"/*/*-declaration.pdf; do
		same_page "$f" "$signed" "$line" ||
			fail "${f#"$tmp"/}" "'$signed' on a page without '$line'"
	done
	# The simplified and PSTI forms of the product that has them all.
	case $lang in
	de) simp='Vereinfachte Konformitätserklärung|Hiermit erklärt'
	    psti='Konformitätsaussage|Produkttyp und Charge|Funktion|Sicherheitsaktualisierungen werden' ;;
	fr) simp='Déclaration de conformité simplifiée|déclare que'
	    psti='Déclaration de respect des exigences|Type et lot du produit|Fonction' ;;
	esac
	for ext in md html pdf; do
		check "$lang" "$rel/test-product/test-product-r1-iotsf-cf-1.0-declaration-simplified.$ext" "$simp"
		check "$lang" "$rel/test-product/test-product-r1-iotsf-cf-1.0-statement-of-compliance.$ext" "$psti"
	done
	# The draft carries its warning in the language.
	case $lang in
	de) draft='ENTWURF — KEINE KONFORMITÄTSERKLÄRUNG' ;;
	fr) draft='PROJET — CECI N’EST PAS UNE DÉCLARATION DE CONFORMITÉ' ;;
	esac
	for ext in md html pdf; do
		check "$lang" "$rel/draft-product/draft-product-r1-iotsf-cf-1.0-declaration-DRAFT.$ext" "$draft"
	done
	# Dates as the language writes them: the signature's (21 November).
	# In Markdown a date in a table cell or after a label is not escaped:
	# "21." opens an ordered list only first on its line.
	case $lang in
	de) date='21. November 2026' ;;
	fr) date='21 novembre 2026' ;;
	esac
	for ext in md html pdf; do
		f=$rel/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-declaration.$ext
		if [ "$ext" = md ]; then cat "$f"; else text "$f"; fi >"$tmp/text"
		grep -qF "$date" "$tmp/text" || fail "$lang acme $ext" "no date '$date'"
	done
	# French elision: before a vowel, and only there.
	if [ "$lang" = fr ]; then
		for ext in md html pdf; do
			check fr "$rel/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-declaration.$ext" \
			    'au nom d’Acme Devices Ltd|applicables du catalogue IoT Security'
			check fr "$rel/brightwell-h2/brightwell-h2-r1-iotsf-cf-1.0-declaration.$ext" \
			    'au nom de Brightwell Home Systems GmbH'
			check fr "$rel/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-checklist.$ext" \
			    'déclarer qu’Acme'
		done
		# A label's colon as French sets it (label_colon, with a no-break
		# space, and label_sep).
		check fr "$rel/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-checklist.md" \
		    "**Produit$(printf '\302\240'):** Acme SmartCam"
		check fr "$rel/test-product/test-product-r1-iotsf-cf-1.0-declaration.pdf" \
		    '(2024-09) : Cyber Security'
		left=$(grep -oE '[[:alpha:]]+:\*\*' "$rel"/*.md "$rel"/*/*.md |
		    sort -u | tr '\n' ',')
		[ -z "$left" ] || fail "fr md" "English colons: ${left%,}"
	fi
	left=$(grep -hoE '[0-9]\\\. [[:alpha:]]+ [0-9]{4}' "$rel"/*/*.md |
	    sort -u | tr '\n' ',')
	[ -z "$left" ] || fail "$lang md" "escaped dates: ${left%,}"
	# The JSON: its language, the statements in it, codes kept as codes.
	python3 - "$lang" "$rel/acme-sc200/acme-sc200-r3-iotsf-cf-1.0-declaration.json" <<'EOF' ||
import json, sys
lang, path = sys.argv[1], sys.argv[2]
d = json.load(open(path, encoding="utf-8"))
assert d.get("lang") == lang, "lang is %r" % d.get("lang")
blob = json.dumps(d, ensure_ascii=False)
word = {"de": "Hersteller", "fr": "fabricant"}[lang]
assert word in blob, "no %r in the statements" % word
assert "under the sole responsibility" not in blob, "English statement"
codes = set()
def walk(v):
    if isinstance(v, dict):
        for k, x in v.items():
            if k in ("answer", "code") and isinstance(x, str):
                codes.add(x)
            walk(x)
    elif isinstance(v, list):
        for x in v:
            walk(x)
walk(d)
assert codes and codes <= {"C", "PC", "N", "NA"}, "codes %r" % codes
EOF
		fail "$lang json" "see above"
	passed=$((passed + 1))

	# Levels, below and conditions: the checklists and the guide.
	build "$lang" "$out-realstd" tests/catalogue/realstd/1.0.yaml \
	    tests/catalogue/realstd/responses/gadget.yaml || continue
	case $lang in
	de) cond='Bedingung|(darunter' ;;
	fr) cond='Condition|dessous' ;;
	esac
	for f in "$out-realstd"/*/*-checklist.md "$out-realstd"/*/*-checklist.html \
	    "$out-realstd"/*/*-checklist.pdf "$out-realstd"/*/*/*-checklist.md \
	    "$out-realstd"/*/*/*-checklist.html "$out-realstd"/*/*/*-checklist.pdf; do
		[ -e "$f" ] && check "$lang" "$f" "$cond"
	done
	# The guide: its filters, labels and every page's description.
	for f in "$out-realstd"/*/guide/*.html; do
		check "$lang" "$f" ""
	done
	# 4.3.9 has `levels: []`: its label is ours, in the language.
	case $lang in de) nb='In keiner Baseline' ;;
	*) nb='Dans aucune base de référence' ;; esac
	check "$lang" "$(echo "$out-realstd"/*/guide/4.3.html)" "$nb"
done

# diff: a text the new release changed while its translation stayed the
# old one is a warning naming it; translated anew, nothing is said.
mkdir -p "$tmp/rel" && cd "$tmp/rel" || exit 1
cp "$src/catalogue/iotsf-cf/1.0.yaml" "$src/catalogue/iotsf-cf/1.0.de.yaml" .
sed -e 's/^version: "1.0"/version: "1.1"/' \
    -e 's/^released: 2016-12-05/released: 2017-06-01/' \
    -e 's/typically a board level executive, who/typically a board member, who/' \
    1.0.yaml >1.1.yaml
sed 's/^version: "1.0"/version: "1.1"/' 1.0.de.yaml >1.1.de.yaml
stale="1.1.de.yaml: warning: requirement 2.3.1.1: its text changed from 1.0 to 1.1, but its 'de' translation is still the one of 1.0: translate the new text"
bounded "$CFGEN" diff 1.0.yaml 1.1.yaml -o out >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ] || [ "$(cat "$tmp/err")" != "$stale" ]; then
	fail "diff stale" "exit $rc, stderr:"
	sed 's/^/    | /' "$tmp/err"
else
	passed=$((passed + 1))
fi
sed -i 's/typischerweise ein Mitglied der/typischerweise ein Vorstandsmitglied der/' \
    1.1.de.yaml
bounded "$CFGEN" diff 1.0.yaml 1.1.yaml -o out >/dev/null 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ] || [ -s "$tmp/err" ]; then
	fail "diff translated" "exit $rc, stderr:"
	sed 's/^/    | /' "$tmp/err"
else
	passed=$((passed + 1))
fi
cd "$src" || exit 1

echo "languages: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
