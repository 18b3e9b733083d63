#!/usr/bin/env bash
# qr.sh -- the QR code of declaration.url (signing.md, "QR code"), read
# back by zbar, a decoder that is not the encoder:
#
#   - the PDF declaration, rendered at 150 dpi by pdftoppm: `zbarimg`
#     decodes exactly the address, on the page of the signature block,
#     and the address is printed under it (pdftotext);
#   - the symbol is at least 20 mm wide with a quiet zone of 4 modules:
#     measured on the PDF's own drawing (qpdf --qdf), the module count
#     taken from the HTML's SVG of the same address;
#   - the HTML declaration's inline SVG, rasterised module for module:
#     `zbarimg` decodes exactly the address; a long address with query
#     characters survives (byte mode, case kept);
#   - without declaration.url there is no QR code in either form.
#
# Needs pdftoppm, pdftotext, zbarimg, qpdf and python3; skips (77)
# without them.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
src=$(cd "${CFGEN_SOURCE_DIR:-.}" && pwd) || exit 1
. "$src/tests/scripts/lib/bounded.sh"
for t in pdftoppm pdftotext zbarimg qpdf python3; do
	command -v $t >/dev/null || {
		echo "skip: needs $t"
		exit 77
	}
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-qr.XXXXXX") || exit 1
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
decl=out/iotsf-cf-1.0/acme-sc200/$id-declaration
cp "$acme" acme.orig

# The SVG of an HTML declaration as a PGM image, 4 pixels a module.
svg_to_pgm() {
	python3 - "$1" "$2" <<'EOF'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<svg[^>]*viewBox="0 0 (\d+) (\d+)"[^>]*>.*?<path[^>]*d="([^"]*)"', html)
if not m:
    sys.exit("no QR code SVG in " + sys.argv[1])
side = int(m.group(1))
grid = [[255] * side for _ in range(side)]
for x, y, n in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", m.group(3)):
    for k in range(int(n)):
        grid[int(y)][int(x) + k] = 0
s = 4
with open(sys.argv[2], "wb") as f:
    f.write(b"P5 %d %d 255\n" % (side * s, side * s))
    for row in grid:
        line = bytes(v for v in row for _ in range(s))
        for _ in range(s):
            f.write(line)
print(side)
EOF
}

# check_url NAME URL: build acme with that declaration.url, decode both.
check_url() {
	local name=$1 url=$2 page found side modules w
	cp acme.orig "$acme"
	printf '  url: "%s"\n' "$url" >>"$acme"
	rm -rf out
	bounded "$CFGEN" build "$cat" "$acme" -o out -q >"$tmp/out" 2>"$tmp/err"
	if [ $? -ne 0 ]; then
		fail "$name" "build failed"
		return
	fi
	rm -f page-*.png
	pdftoppm -r 150 -png "$decl.pdf" page
	found=""
	for page in page-*.png; do
		if [ "$(zbarimg -q --raw "$page" 2>/dev/null)" = "$url" ]; then
			found=$page
		fi
	done
	n=${found#page-}
	n=${n%.png}
	if [ -z "$found" ]; then
		fail "$name/pdf" "zbarimg did not read '$url' from any page at 150 dpi"
	elif ! pdftotext -f "$n" -l "$n" -layout "$decl.pdf" - | grep -q 'Signed for and on behalf'; then
		fail "$name/pdf" "the QR code is not on the page of the signature block"
	elif ! pdftotext -f "$n" -l "$n" "$decl.pdf" - | tr -d '\n' | grep -qF "$url"; then
		fail "$name/pdf" "the address is not printed on the QR code's page"
	else
		pass
	fi
	# The HTML's SVG, decoded; its side gives the module count.
	if ! side=$(svg_to_pgm "$decl.html" qr.pgm 2>"$tmp/err"); then
		fail "$name/html" "no SVG QR code"
		return
	fi
	if [ "$(zbarimg -q --raw qr.pgm 2>/dev/null)" != "$url" ]; then
		fail "$name/html" "zbarimg did not read '$url' from the SVG"
	else
		pass
	fi
	# The PDF draws the quiet zone as a white square, then the modules:
	# "1 1 1 rg X Y W H re f".  W spans width + 8 modules.
	modules=$((side - 8))
	qpdf --qdf --object-streams=disable "$decl.pdf" qdf.pdf
	w=$(tr -d '\r' <qdf.pdf | grep -a -A1 '^1 1 1 rg$' | grep -a -E '^[0-9.]+ [0-9.]+ [0-9.]+ [0-9.]+ re$' | head -n 1 | cut -d' ' -f3)
	if [ -z "$w" ]; then
		fail "$name/size" "no QR code drawing found in the PDF"
	elif ! python3 -c "
w, m = $w, $modules
sym = w * m / (m + 8) * 25.4 / 72
quiet = w * 4 / (m + 8)
import sys
sys.exit(0 if sym >= 20 - 1e-6 and abs(quiet * 2 + w * m / (m + 8) - w) < 1e-3 else 1)"; then
		fail "$name/size" "the symbol is under 20 mm ($w pt for $modules+8 modules)"
	else
		pass
	fi
}

check_url short "https://acme.example/conformity/acme-sc200"
check_url long "https://registry.example.org/Declarations/ACME-SC200?rev=3&catalogue=iotsf-cf&version=1.0#Signed"

# No address, no code.
cp acme.orig "$acme"
rm -rf out
bounded "$CFGEN" build "$cat" "$acme" -o out -q >"$tmp/out" 2>"$tmp/err"
pdftoppm -r 150 -png "$decl.pdf" none
if grep -q '<svg' "$decl.html"; then
	fail no-url "the HTML has a QR code without declaration.url"
elif zbarimg -q none-*.png >/dev/null 2>&1; then
	fail no-url "the PDF has a QR code without declaration.url"
else
	pass
fi

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
