#!/usr/bin/env bash
# owasp_isvs.sh -- the shipped OWASP ISVS catalogue is what
# scripts/convert-owasp-isvs.py makes from the ISVS chapters in
# ../shared/reference/owasp-isvs/, byte for byte; every requirement's
# levels are exactly the ticks of its table row, read again here with awk
# (not with the converter's parser); the example product answering it
# validates and may be declared; and the converter refuses a table it
# cannot read (a cell neither a tick nor empty, a row ticked for no level)
# with an error naming the file and line, writing nothing.  The Markdown
# that `cfgen build` writes for the catalogue and the example product is
# compared with tests/golden/isvs/ (CFGEN_REGEN=1 or regen-goldens updates
# it; review `git diff tests/golden/isvs/`).
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
export LC_ALL=C.UTF-8
command -v python3 >/dev/null || { echo "skipped: no python3"; exit 77; }

shipped=catalogue/owasp-isvs/1.0.yaml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-isvs.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
pass() { passed=$((passed + 1)); }

src=
for d in ../shared ../../shared; do
	[ -d "$d/reference/owasp-isvs" ] && src=$d/reference/owasp-isvs && break
done

# The shipped file is valid, and the example product can be declared.
if "$CFGEN" validate "$shipped" responses/northwind-h2.yaml >"$tmp/out" \
    2>"$tmp/err" && grep -q "northwind-h2: declaration at class 1 can be issued" \
    "$tmp/out" && [ ! -s "$tmp/err" ]; then pass; else
	cat "$tmp/err"
	fail validate "$shipped with responses/northwind-h2.yaml"
fi

# The documents of a real catalogue, as Markdown, against their goldens.
golden=tests/golden/isvs
SOURCE_DATE_EPOCH=1767225600 "$CFGEN" build "$shipped" \
    responses/northwind-h2.yaml -o "$tmp/docs" -f md,json -q >/dev/null \
    2>"$tmp/err"
rc=$?
release=$tmp/docs/owasp-isvs-1.0
if [ "$rc" != 0 ]; then
	cat "$tmp/err"
	fail build "cfgen build exited $rc"
else
	(cd "$release" && find . -name '*.md' | sort) >"$tmp/list"
	if [ "${CFGEN_REGEN:-0}" = 1 ]; then
		rm -rf "$golden"
		mkdir -p "$golden"
		while read -r f; do
			mkdir -p "$golden/$(dirname "$f")"
			cp "$release/$f" "$golden/$f"
		done <"$tmp/list"
	fi
	(cd "$golden" 2>/dev/null && find . -name '*.md' | sort) >"$tmp/want"
	if ! cmp -s "$tmp/list" "$tmp/want"; then
		diff "$tmp/want" "$tmp/list"
		fail golden "the Markdown files differ from $golden/"
	elif ! diff -r -u "$golden" "$release" -x '*.json' -x SHA256SUMS \
	    >"$tmp/diff"; then
		head -n 40 "$tmp/diff"
		fail golden "Markdown differs from $golden/"
	else
		pass
	fi
	if grep -q '"blockers": \[\]' "$release"/northwind-h2/*-declaration.json &&
	    grep -q '"draft": false' "$release"/northwind-h2/*-declaration.json
	then pass; else fail declaration "northwind-h2 not declared"; fi
fi

if [ -z "$src" ]; then
	echo "not checked against the sources: no ../shared/reference/owasp-isvs"
else
	python3 scripts/convert-owasp-isvs.py "$src" -o "$tmp/isvs.yaml"
	if cmp -s "$tmp/isvs.yaml" "$shipped"; then pass; else
		diff -u "$shipped" "$tmp/isvs.yaml" | head -n 20
		fail convert "$shipped is not what scripts/convert-owasp-isvs.py makes"
	fi
	# Ticks per row, read with awk: "| **4.3.7** | text | ✓ | ✓ | |".
	awk -F'|' '/^\| \*\*[0-9]/ {
		id = $2; gsub(/[ *]/, "", id); l = ""
		for (i = NF - 3; i < NF; i++) {
			c = $i; gsub(/ /, "", c)
			if (c == "✓") l = l (l == "" ? "" : ", ") (i - (NF - 4))
		}
		print id ": [" l "]"
	}' "$src"/V*.md | sort >"$tmp/ticks"
	awk '/^      - id: / { id = $3; gsub(/"/, "", id) }
	     /^        levels: / { sub(/^ *levels: /, ""); print id ": " $0 }' \
	    "$shipped" | sort >"$tmp/levels"
	if [ "$(wc -l <"$tmp/ticks")" -gt 100 ] && cmp -s "$tmp/ticks" "$tmp/levels"; then
		pass
	else
		diff "$tmp/ticks" "$tmp/levels" | head -n 20
		fail levels "levels differ from the tables' ticks"
	fi
	# 4.3.7 is L1 and L2, not L3 (the issue's example).
	if grep -qx '4.3.7: \[1, 2\]' "$tmp/levels"; then pass; else
		fail 4.3.7 "not [1, 2]"; fi

	# Tables the converter cannot read: an error at the row, no file.
	bad() {	# NAME SED-EXPRESSION FRAGMENT
		rm -rf "$tmp/src"
		cp -r "$src" "$tmp/src"
		sed -i "$2" "$tmp/src/V3-Software_Platform_Requirements.md"
		if python3 scripts/convert-owasp-isvs.py "$tmp/src" \
		    -o "$tmp/bad.yaml" 2>"$tmp/err"; then
			fail "$1" "converted"
		elif ! grep -q -- "$3" "$tmp/err"; then
			cat "$tmp/err"
			fail "$1" "no '$3'"
		elif [ -e "$tmp/bad.yaml" ]; then
			fail "$1" "a file was written"
		else
			pass
		fi
	}
	bad cell 's/^| \*\*3\.1\.1\*\* \(.*\)| ✓ | ✓ |$/| **3.1.1** \1| x | ✓ |/' \
	    "V3-Software_Platform_Requirements.md:[0-9]*: requirement 3.1.1: cell L2 is 'x'"
	bad no-tick 's/^| \*\*3\.1\.2\*\* \(.*\) | | ✓ | ✓ |$/| **3.1.2** \1 | | | |/' \
	    "requirement 3.1.2 is marked for no level"
	bad foreign-number 's/^| \*\*3\.1\.3\*\*/| **4.1.3**/' "mixes numbers"
fi

echo "owasp_isvs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
