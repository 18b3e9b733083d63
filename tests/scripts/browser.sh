#!/usr/bin/env bash
# browser.sh -- the HTML pages in a real browser: headless Chromium (the
# Debian package, which scripts/setup.sh installs) driven by puppeteer-core
# with axe-core (both pinned in .tools/, no browser download).  See
# browser.cjs for what is checked: no page wider than a 390, 1024 or
# 1280 px window nor, from 1024 px, a table wider than its place, no serious or critical axe-core violation, and the
# guide's class and condition filters showing exactly what each class must
# answer (guide_expect.py decides that from the YAML on its own).
#
# Pages: the shipped build with its example products, the 0.2 test
# catalogue (tests/catalogue/realstd) with its product, and a catalogue of
# long unbroken addresses and words, which must wrap rather than widen.
# Skips (77) only where Chromium or the .tools packages are absent.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
src=$PWD
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
	echo "skip: no chromium (scripts/setup.sh installs it)"
	exit 77
fi
for m in puppeteer-core axe-core; do
	[ -d "$src/.tools/node_modules/$m" ] || {
		echo "skip: .tools/node_modules/$m missing (scripts/setup.sh)"
		exit 77
	}
done
python3 -c 'import yaml' 2>/dev/null ||
    { echo "skip: python3-yaml missing"; exit 77; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-browser.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600
# Chromium wants a writable home for its profile and crash reports.
export HOME=$tmp/home
mkdir -p "$HOME"

build() {
	"$CFGEN" build "$@" -f html -q >"$tmp/log" 2>&1
	case $? in 0|3) ;; *) cat "$tmp/log"; echo "FAIL: cfgen build $*"
		exit 1 ;; esac
}

# The shipped examples that answer this catalogue (others answer ISVS).
build catalogue/iotsf-cf/1.0.yaml $(grep -l '^catalogue: iotsf-cf$' responses/*.yaml) \
    -o "$tmp/shipped"
build tests/catalogue/realstd/1.0.yaml \
    tests/catalogue/realstd/responses/gadget.yaml -o "$tmp/realstd"

# Long addresses and words in every place a catalogue and responses can
# put them: they wrap, the page never scrolls sideways.
long=https://example.org/$(printf 'a%.0s' $(seq 1 150))/$(printf 'segment-%d/' $(seq 1 20))
word=$(printf 'Unbroken%.0s' $(seq 1 30))
sed -e "s|^url: .*|url: $long|" \
    -e "s|^\(        text: \)\([^>|].*\)|\1\2 $word $long|" \
    catalogue/iotsf-cf/1.0.yaml >"$tmp/long.yaml"
grep -q "$word" "$tmp/long.yaml" || { echo "FAIL: long catalogue"; exit 1; }
build "$tmp/long.yaml" -o "$tmp/long"

python3 tests/scripts/guide_expect.py tests/catalogue/realstd/1.0.yaml \
    >"$tmp/realstd.json" || { echo "FAIL: guide_expect.py"; exit 1; }

find "$tmp/shipped" "$tmp/realstd" "$tmp/long" -name '*.html' | sort \
    >"$tmp/pages"
[ -s "$tmp/pages" ] || { echo "FAIL: no pages"; exit 1; }
# The filter check runs on the guide pages of the test catalogue only
# (keys of realstd.json are their file names).
mapfile -t pages <"$tmp/pages"
node tests/scripts/browser.cjs "$src/.tools" "$chromium" \
    "$tmp/realstd.json" "${pages[@]}"
