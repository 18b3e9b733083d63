#!/usr/bin/env bash
# pdf_text_golden.sh -- what every PDF says, byte for byte: `pdftotext
# -layout` of each PDF that `cfgen build` writes for the shipped catalogue
# and both example products (SOURCE_DATE_EPOCH fixed), compared with
# tests/golden/pdftext/.  The PDF bytes themselves change with the PDF
# library and the fonts; the text layer and its layout must not change
# unless meant to.
#
# After a change that is meant to alter the PDFs' text or layout:
#   CFGEN_REGEN=1 bash tests/scripts/pdf_text_golden.sh  (or: regen-goldens)
# and review `git diff tests/golden/pdftext/`.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
export LC_ALL=C
command -v pdftotext >/dev/null || { echo "skipped: no pdftotext"; exit 77; }

golden=tests/golden/pdftext
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-pdftext.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

SOURCE_DATE_EPOCH=1767225600 "$CFGEN" build catalogue/iotsf-cf/1.0.yaml \
    responses/acme-sc200.yaml responses/brightwell-t1.yaml \
    -o "$tmp/out" -f pdf -q >/dev/null 2>"$tmp/stderr"
rc=$?
if [ "$rc" -ne 0 ]; then
	echo "FAIL: cfgen build exited $rc (want 0)"
	cat "$tmp/stderr"
	exit 1
fi
release="$tmp/out/iotsf-cf-1.0"
mkdir -p "$tmp/text"
(cd "$release" && find . -name '*.pdf' | sort) | while read -r pdf; do
	mkdir -p "$tmp/text/$(dirname "$pdf")"
	pdftotext -layout -enc UTF-8 "$release/$pdf" "$tmp/text/${pdf%.pdf}.txt"
done

if [ "${CFGEN_REGEN:-0}" = 1 ]; then
	rm -rf "$golden"
	cp -R "$tmp/text" "$golden"
	echo "regenerated $golden ($(find "$golden" -type f | wc -l) files)"
	exit 0
fi
if [ ! -d "$golden" ]; then
	echo "FAIL: no $golden; create it with CFGEN_REGEN=1 $0"
	exit 1
fi
if ! diff -ru "$golden" "$tmp/text" >"$tmp/diff"; then
	echo "FAIL: PDF text differs from $golden:"
	head -n 120 "$tmp/diff"
	echo "(if the change is intended: CFGEN_REGEN=1 $0, then review git diff)"
	exit 1
fi
echo "ok: $(find "$golden" -type f | wc -l) PDF texts match $golden"
