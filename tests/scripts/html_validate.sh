#!/usr/bin/env bash
# html_validate.sh -- every HTML page `cfgen build` writes passes a real
# HTML5 validator (html-validate, installed by scripts/setup.sh into
# .tools/), for the shipped inputs and for a catalogue and responses full
# of hostile text, which must also come out without any script or markup
# of its own.  Rules relaxed in tests/.htmlvalidate.json, and why:
#   valid-id (relaxed: HTML5's own rule) -- cli.md fixes ids such as
#     "req-2.3.1.1", and HTML5 allows dots in ids; the strict mode only
#     allows letters, digits, "-" and "_";
#   long-title -- a search-engine heuristic (70 characters), not validity;
#     a product, a catalogue title and a document kind do not fit.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
src=$PWD
hv=${HTML_VALIDATE:-$src/.tools/node_modules/.bin/html-validate}
if [ ! -x "$hv" ]; then
	echo "skip: $hv not installed (scripts/setup.sh installs it)"
	exit 77
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-html.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
failed=0

# The shipped catalogue with hostile text in md fields, plain fields and
# addresses, and a product that answers with more of it; requirement
# 2.3.1.1-h must not collide with any id made for 2.3.1.1.
mkdir -p "$tmp/in/responses"
cp -R responses/evidence "$tmp/in/responses/"
sed -e 's@^title: .*@title: "Evil <script>alert(1)</script> {{title}} \& co"@' \
    -e 's@^  \*\*This catalogue is an excerpt.\*\*@  <img src=x onerror=alert(2)> [x](javascript:alert(3)) **Excerpt**@' \
    -e 's@^    title: Business Security Processes and Responsibility@    title: "Business <b>bold</b> | {{#s}}x{{/s}}"@' \
    -e 's@^        text: There are documented business processes in place for security.@        text: "Processes <script>alert(4)</script> [a](JaVaScRiPt:alert(5)) {{mustache}} # no heading"@' \
    -e 's@url: https://www.nist.gov/cyberframework@url: "https://x.example/\\\"><script>alert(6)</script>"@' \
    -e 's@^      - id: "2.3.1.10"@      - id: "2.3.1.1-h"@' \
    catalogue/iotsf-cf/1.0.yaml >"$tmp/in/cat.yaml"
sed -e 's@^  name: Acme SmartCam@  name: "Acme <i>Cam</i> \\" onmouseover=alert(7) x=\\""@' \
    -e 's@^    note: The Product Security Manager owns the checklist process.@    note: "<iframe src=//evil.example></iframe> {{> partial}} | pipe"@' \
    -e 's@^  "2.3.1.10":@  "2.3.1.1-h":@' \
    responses/acme-sc200.yaml >"$tmp/in/responses/acme.yaml"
for f in "$tmp/in/cat.yaml" "$tmp/in/responses/acme.yaml"; do
	grep -q -e '<script>' -e '<iframe' "$f" ||
	    { echo "FAIL: could not make $f hostile"; exit 1; }
done

n=0
# real: the shipped real catalogues (OWASP ISVS with its example product,
# NIST SP 800-53 LOW imported from OSCAL).
for set in shipped real hostile; do
	if [ "$set" = shipped ]; then
		"$CFGEN" build catalogue/iotsf-cf/1.0.yaml \
		    responses/acme-sc200.yaml responses/brightwell-t1.yaml \
		    -o "$tmp/$set" -f html -q >/dev/null 2>"$tmp/err"
	elif [ "$set" = real ]; then
		"$CFGEN" build catalogue/owasp-isvs/1.0.yaml \
		    responses/northwind-h2.yaml -o "$tmp/$set" -f html -q \
		    >/dev/null 2>"$tmp/err" &&
		"$CFGEN" build catalogue/nist-sp800-53-low/*.yaml \
		    -o "$tmp/$set" -f html -q >/dev/null 2>>"$tmp/err"
	else
		"$CFGEN" build "$tmp/in/cat.yaml" "$tmp/in/responses/acme.yaml" \
		    -o "$tmp/$set" -f html -q >/dev/null 2>"$tmp/err"
	fi
	rc=$?
	if [ "$rc" -ne 0 ]; then
		echo "FAIL: $set build exited $rc"
		cat "$tmp/err"
		failed=$((failed + 1))
		continue
	fi
	mapfile -t pages < <(find "$tmp/$set" -name '*.html' | sort)
	n=$((n + ${#pages[@]}))
	if ! "$hv" -c "$src/tests/.htmlvalidate.json" "${pages[@]}" >"$tmp/report" 2>&1; then
		echo "FAIL: $set pages are not valid HTML:"
		cat "$tmp/report"
		failed=$((failed + 1))
	fi
	# Neither the templates nor any input may put script in a page.
	if grep -il -e '<script' -e '<iframe' -e '<img' -e '" on[a-z]*=' \
	    -e 'href="javascript' -e '<b>bold' -e '<i>Cam' "${pages[@]}"; then
		echo "FAIL: $set pages carry script or injected markup"
		failed=$((failed + 1))
	fi
done
grep -q '{{mustache}}' "$tmp/hostile/iotsf-cf-1.0/guide/2.3.1.html" ||
    { echo "FAIL: braces in a requirement were not printed literally"; failed=$((failed + 1)); }
grep -q '&lt;b&gt;bold&lt;/b&gt; | {{#s}}x{{/s}}' "$tmp/hostile/iotsf-cf-1.0/guide/2.3.1.html" ||
    { echo "FAIL: a hostile section title was not escaped literally"; failed=$((failed + 1)); }

[ "$failed" -eq 0 ] || exit 1
echo "ok: $n pages valid, no injected markup"
