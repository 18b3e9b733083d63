#!/usr/bin/env bash
# rich_text.sh -- GitHub Flavored Markdown and hostile text in md fields
# (tests/rich/), in every format: the Markdown and HTML compared with
# tests/golden/rich/; the Markdown read back by a real CommonMark renderer
# (the cmark-gfm command, as GitHub reads it) must hold no live link or
# markup and keep its structure (nested lists, tables, code lines); the
# HTML must validate; the PDF text must carry every word.  Then the limits
# and address rules: nesting too deep, and unsafe plain-text addresses,
# are errors at their field.
#
# After a change meant to alter outputs:
#   CFGEN_REGEN=1 bash tests/scripts/rich_text.sh   (or: make regen-goldens)
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
src=$PWD
golden=tests/golden/rich
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-rich.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
failed=0
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

"$CFGEN" build tests/rich/catalogue.yaml tests/rich/responses.yaml \
    -o "$tmp/out" -q >/dev/null 2>"$tmp/err"
rc=$?
# The product's answers lack evidence: its declaration is refused (3).
if [ "$rc" -ne 3 ]; then
	echo "FAIL: cfgen build exited $rc (want 3)"
	cat "$tmp/err"
	exit 1
fi
out="$tmp/out/rich-1.0"

# ---- goldens: the Markdown and HTML, byte for byte
mkdir -p "$tmp/gold"
(cd "$out" && find . -name '*.md' -o -name '*.html' | sort) >"$tmp/names"
while read -r f; do
	mkdir -p "$tmp/gold/$(dirname "$f")"
	cp "$out/$f" "$tmp/gold/$f"
done <"$tmp/names"
if [ "${CFGEN_REGEN:-0}" = 1 ]; then
	rm -rf "$golden"
	cp -R "$tmp/gold" "$golden"
	echo "regenerated $golden ($(wc -l <"$tmp/names") files)"
	exit 0
fi
if ! diff -ru "$golden" "$tmp/gold" >"$tmp/diff"; then
	fail "outputs differ from $golden:"
	head -n 80 "$tmp/diff"
	echo "(if the change is intended: CFGEN_REGEN=1 $0, then review git diff)"
fi

# A text (or note) wholly continued below its table leaves its cell one
# space before the mark, not two ("— " then " *(continued ...").
if grep -rn '  \*(continued' "$out" --include='*.md' >"$tmp/dbl"; then
	fail "a double space before a continuation mark:"
	head -n 5 "$tmp/dbl"
fi

# ---- the Markdown, read back as GitHub reads it
if ! command -v cmark-gfm >/dev/null; then
	echo "skip: cmark-gfm not installed (scripts/setup.sh installs it)"
	exit 77
fi
render() {
	# --unsafe: raw HTML would pass through, so any that cfgen let
	# through shows up here.
	cmark-gfm --unsafe --extension table --extension strikethrough \
	    --extension autolink --extension tasklist "$1" | tr -d '\n'
}
for md in $(find "$out" -name '*.md' | sort); do
	html=$(render "$md")
	name=${md#"$out"/}
	for bad in '<a href="javascript' '<a href="JAVA' '<img' '<script' \
	    '<b>' '<i>' '<div' '<Ctrl>' 'href="&#106;'; do
		case $html in *"$bad"*) fail "$name read back holds $bad";; esac
	done
done
product="$out/rich-device/rich-device-r1-rich-1.0-checklist.md"
html=$(render "$product")
want=(
	# raw HTML is shown, not dropped
	'Press the &lt;Ctrl&gt; + &lt;Alt&gt; + &lt;Del&gt; keys.'
	'Tested with &lt;Ctrl&gt; held.'
	'&lt;script&gt;alert(4)&lt;/script&gt;'
	# a nested list stays a nested list
	'<ol><li>first<ul><li>inner one</li><li>inner two<ol><li>innermost</li></ol></li></ul></li><li>second</li></ol>'
	'<ul><li>item one<ul><li>item two</li></ul></li></ul>'
	# a GFM table stays a table, with its escaped pipe inside code
	'<th>Standard</th><th align="center">Clause</th><th align="right">Note</th>'
	'<td>ISO 27001</td><td align="center">A.5</td><td align="right"><code>a|b</code></td>'
	'<del>open</del> closed'
	# code keeps its lines and indentation
	'<pre><code class="language-text">code line 1  code line 2</code></pre>'
	# unsafe links are their text; a safe one keeps its address
	'Links: x y z <a href="https://example.org/?a=1&amp;b=%26colon;">ok</a>'
	'<input type="checkbox" disabled="" /> open task'
)
for w in "${want[@]}"; do
	case $html in *"$w"*) ;; *) fail "checklist read back lacks: $w";; esac
done

# ---- the HTML: valid, no markup or script of its own
hv=${HTML_VALIDATE:-$src/.tools/node_modules/.bin/html-validate}
mapfile -t pages < <(find "$out" -name '*.html' | sort)
if [ -x "$hv" ]; then
	"$hv" -c "$src/tests/.htmlvalidate.json" "${pages[@]}" >"$tmp/report" 2>&1 ||
	    { fail "pages are not valid HTML:"; cat "$tmp/report"; }
fi
if grep -l -e '<script' -e '<img' -e 'href="javascript' -e '<b>raw' \
    -e '<div onclick' -e '<i>raw' "${pages[@]}"; then
	fail "pages carry script or injected markup"
fi
page=$(tr -d '\n' <"$out/guide/1.html")
for w in '<table><thead><tr><th scope="col">Standard</th>' '<td>ISO 27001</td>' \
    'Press the &lt;Ctrl&gt; + &lt;Alt&gt; + &lt;Del&gt; keys.' \
    '<li><input type="checkbox" checked disabled> done task</li>' \
    'id="fn-'; do
	case $page in *"$w"*) ;; *) fail "guide/1.html lacks: $w";; esac
done

# ---- the PDF: every word there, table cells side by side
pdf="$out/rich-device/rich-device-r1-rich-1.0-checklist.pdf"
if command -v pdftotext >/dev/null; then
	pdftotext -layout "$pdf" "$tmp/layout.txt"
	pdftotext "$pdf" - | tr '\n' ' ' | tr -s ' ' >"$tmp/pdf.txt"
	for w in 'Press the <Ctrl> + <Alt> + <Del> keys.' '<script>alert(4)</script>' \
	    'innermost' 'code line 1' 'inner two' 'Tested with <Ctrl> held.'; do
		grep -qF -- "$w" "$tmp/pdf.txt" || fail "PDF text lacks: $w"
	done
	# Items that carry their own labels show them, not a bullet too.
	for w in 'a. first' '(1) nested' 'b. second'; do
		grep -qF -- "$w labelled item" "$tmp/layout.txt" ||
		    fail "PDF lacks the labelled item: $w"
		for b in '•' '–' '◦'; do
			grep -qF -- "$b $w" "$tmp/layout.txt" &&
			    fail "PDF puts a bullet before: $w"
		done
	done
	# The cells of a row sit side by side on one line.
	grep -qE 'ISO( 27001)? +A\.5 +a\|b' "$tmp/layout.txt" ||
	    fail "PDF table row is not one line of cells"
fi

# ---- limits and addresses: errors at their field
python3 - "$tmp" <<'EOF'
import sys
t = sys.argv[1]
cat = open('tests/rich/catalogue.yaml').read()
deep = cat.replace('text: "Press the <Ctrl> + <Alt> + <Del> keys."',
                   'text: "' + '*a **' * 10000 + 'b' + '** a*' * 10000 + '"')
open(t + '/deep.yaml', 'w').write(deep)
js = cat.replace('url: "https://example.org/x> <img src=x onerror=alert(1)"',
                 'url: "x> <img src=x onerror=alert(1)"')
open(t + '/badurl.yaml', 'w').write(js)
resp = open('tests/rich/responses.yaml').read()
open(t + '/badresp.yaml', 'w').write(resp
    .replace('contact: security@maker.example', 'contact: "&#106;avascript:alert(1)"')
    .replace('url: https://maker.example/a%20b?x=1&y=<2>', 'url: "java\\tscript:alert(2)"'))
EOF
check() {	# check WANT-EXIT PATTERN... -- ARGS
	local want=$1; shift
	local pats=()
	while [ "$1" != -- ]; do pats+=("$1"); shift; done
	shift
	"$CFGEN" validate "$@" >/dev/null 2>"$tmp/verr"
	local got=$?
	[ "$got" -eq "$want" ] || fail "validate $* exited $got (want $want)"
	for p in "${pats[@]}"; do
		grep -qE -- "$p" "$tmp/verr" || { fail "no diagnostic $p"; cat "$tmp/verr"; }
	done
}
check 1 "deep.yaml:[0-9]+:[0-9]+: error: requirement 1\.1: 'text' nests 20002 levels deep .*at most 32" \
    -- "$tmp/deep.yaml"
check 1 "badurl.yaml:10:6: error: 'url' must be an http, https or mailto address" \
    -- "$tmp/badurl.yaml"
check 1 "badresp.yaml:[0-9]+:[0-9]+: error: 'contact' must be an http, https or mailto address" \
    "badresp.yaml:[0-9]+:[0-9]+: error: 'url' must be an http, https or mailto address" \
    -- tests/rich/catalogue.yaml "$tmp/badresp.yaml"

[ "$failed" -eq 0 ] || { echo "rich_text: $failed failed"; exit 1; }
echo "ok: rich text in every format"
