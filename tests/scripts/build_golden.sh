#!/usr/bin/env bash
# build_golden.sh -- the whole Markdown and HTML that `cfgen build` writes
# for the shipped catalogue and both example products, compared file by
# file with tests/golden/build/ (SOURCE_DATE_EPOCH fixed).  Any change to
# a template, the view or a renderer shows up here as a diff to review.
#
# After a change that is meant to alter outputs, regenerate on purpose:
#   CFGEN_REGEN=1 bash tests/scripts/build_golden.sh   (or: make regen-goldens)
# and review `git diff tests/golden/`.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1

golden=tests/golden/build
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-golden.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

SOURCE_DATE_EPOCH=1767225600 "$CFGEN" build catalogue/iotsf-cf/1.0.yaml \
    responses/acme-sc200.yaml responses/brightwell-t1.yaml \
    -o "$tmp/out" -f md,html -q >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
if [ "$rc" -ne 0 ]; then
	echo "FAIL: cfgen build exited $rc (want 0)"
	cat "$tmp/stderr"
	exit 1
fi
release="$tmp/out/iotsf-cf-1.0"
# The verdict lines are part of what build promises on standard output.
cp "$tmp/stdout" "$release/build.stdout"

if [ "${CFGEN_REGEN:-0}" = 1 ]; then
	rm -rf "$golden"
	mkdir -p "$(dirname "$golden")"
	cp -R "$release" "$golden"
	echo "regenerated $golden ($(find "$golden" -type f | wc -l) files)"
	exit 0
fi

if [ ! -d "$golden" ]; then
	echo "FAIL: no $golden; create it with CFGEN_REGEN=1 $0"
	exit 1
fi
# Every golden file must be written and nothing else; names first, so a
# missing or extra file is reported as such.
(cd "$golden" && find . -type f | sort) >"$tmp/want"
(cd "$release" && find . -type f | sort) >"$tmp/got"
if ! diff -u "$tmp/want" "$tmp/got" >"$tmp/names"; then
	echo "FAIL: the set of files differs from $golden:"
	cat "$tmp/names"
	exit 1
fi
if ! diff -ru "$golden" "$release" >"$tmp/diff"; then
	echo "FAIL: outputs differ from $golden ($(grep -c '^[-+][^-+]' "$tmp/diff") changed lines):"
	head -n 120 "$tmp/diff"
	echo "(if the change is intended: CFGEN_REGEN=1 $0, then review git diff)"
	exit 1
fi
echo "ok: $(wc -l <"$tmp/want") files match $golden"
