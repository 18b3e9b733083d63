#!/usr/bin/env bash
# declarations.sh -- declarations of conformity as `cfgen build` writes
# them and `cfgen verify` checks them (declaration.md, cli.md):
#
#   - each kind of gate blocker: its exact diagnostic, the verdict line,
#     exit 3, the other artefacts written, no declaration left behind
#     (an earlier one of the same id is removed as stale);
#   - --draft: the watermark in all four forms, "draft": true, verify
#     refuses a draft; --draft changes nothing for an issued declaration;
#   - verify: passes on a fresh declaration, fails naming the file after
#     one byte of an evidence file, the responses or the catalogue
#     changes, and on a missing file or malformed JSON;
#   - the JSON parses and has exactly the keys doc/declaration-schema.md
#     documents;
#   - golden Markdown, HTML and JSON declarations of both shipped examples
#     in tests/golden/declarations/ (SOURCE_DATE_EPOCH fixed).  After a
#     change meant to alter them: CFGEN_REGEN=1 bash THIS, then review
#     `git diff tests/golden/declarations/`.
#
# Everything runs on copies of catalogue/ and responses/ in a temporary
# folder.  Needs pdftotext and python3 (for json.tool and the schema
# check); skips (77) without them.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
src=$(cd "${CFGEN_SOURCE_DIR:-.}" && pwd) || exit 1
command -v pdftotext >/dev/null && command -v python3 >/dev/null || {
	echo "skip: needs pdftotext and python3"
	exit 77
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-decl.XXXXXX") || exit 1
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

work=$tmp/work
cat=catalogue/iotsf-cf/1.0.yaml
acme=responses/acme-sc200.yaml
id=acme-sc200-r3-iotsf-cf-1.0
decl=out/iotsf-cf-1.0/acme-sc200/$id-declaration
WM='DRAFT — NOT A DECLARATION OF CONFORMITY'

# A fresh copy of the shipped inputs in $work, which becomes the cwd.
fresh() {
	rm -rf "$work"
	mkdir -p "$work"
	cp -R "$src/catalogue" "$src/responses" "$work/"
	cd "$work" || exit 1
}

# build ARGS...: cfgen build of the copy into out/; sets $rc.
build() {
	"$CFGEN" build "$cat" "$@" -o out -q >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# The regulatory keys of `declaration:` (responses.md, 0.2), every one,
# to append to acme's declaration block; $1: the forms asked for.
regulatory() {
	cat <<EOF
  url: https://acme.example/conformity/acme-sc200
  identification: Type SC-200, serial numbers SC2-000001 to SC2-099999
  legislation:
    - title: Regulation (EU) 2024/2847 (Cyber Resilience Act)
      reference: OJ L, 2024/2847, 20.11.2024
    - title: Directive 2014/53/EU (Radio Equipment Directive)
  standards:
    - id: ETSI EN 303 645
      title: Cyber Security for Consumer Internet of Things
      version: V3.1.3
      date: 2024-09
      harmonised: false
    - id: EN 18031-1
      harmonised: true
  procedure: Internal control (module A)
  notified_body:
    name: Example Notified Body
    number: "1234"
    certificate: EX-2026-0001
  representative:
    name: Acme Devices EU B.V.
    address: Keizersgracht 1, Amsterdam, Netherlands
  forms: [${1:-full, simplified, psti}]
EOF
}

# Is there any file of this declaration id, issued or draft?
any_declaration() {
	compgen -G "$decl*" >/dev/null
}

# ---- the gate: one case per kind of blocker ----

# blocker NAME SED_SCRIPT -- EXPECTED_DIAGNOSTIC: edit acme's answers with
# SED_SCRIPT and expect exactly that warning; __LINE__(PATTERN) in the
# expectation stands for the line of the first line matching PATTERN.
blocker() {
	local name=$1 script=$2 want=$3 pat line

	fresh
	build "$acme"
	if [ "$rc" -ne 0 ] || [ ! -f "$decl.json" ]; then
		fail "$name" "the shipped example did not build ($rc)"
		return
	fi
	sed -i -e "$script" "$acme"
	while [[ $want =~ __LINE__\(([^\)]*)\) ]]; do
		pat=${BASH_REMATCH[1]}
		line=$(grep -n -m1 -e "$pat" "$acme" | cut -d: -f1)
		want=${want/"__LINE__($pat)"/$line}
	done
	build "$acme"
	if [ "$rc" -ne 3 ]; then
		fail "$name" "exit $rc, want 3"
	elif ! grep -qxF -- "$want" "$tmp/err"; then
		fail "$name" "no diagnostic line: $want"
	elif [ "$(grep -c ': warning: ' "$tmp/err")" -ne 1 ]; then
		fail "$name" "want exactly one warning"
	elif ! grep -qxF "acme-sc200: declaration at class 2 refused (1 blockers)" "$tmp/out"; then
		fail "$name" "no verdict line on stdout: $(cat "$tmp/out")"
	elif any_declaration; then
		fail "$name" "a declaration file is left: $(ls "$decl"*)"
	elif [ ! -f "out/iotsf-cf-1.0/acme-sc200/$id-checklist.pdf" ] ||
	    [ ! -f out/iotsf-cf-1.0/guide/index.html ]; then
		fail "$name" "the other artefacts were not written"
	elif grep -q declaration out/iotsf-cf-1.0/SHA256SUMS; then
		fail "$name" "SHA256SUMS still lists a declaration"
	else
		pass
	fi
}

blocker not-assessed '/^  "2.3.1.3":/,/^  "2.3.1.4":/{/^  "2.3.1.4":/!d}' \
    "$acme:__LINE__(^answers:):1: warning: requirement 2.3.1.3 is applicable but not answered"
blocker required-not-met '/^  "2.3.1.1":/,/^  "2.3.1.2":/s/answer: C/answer: N/' \
    "$acme:__LINE__(^  \"2.3.1.1\":):3: warning: requirement 2.3.1.1 is Mandatory (M) and answered N (Non-compliant), which does not meet it"
blocker partially-compliant '/^  "2.3.1.2":/,/^  "2.3.1.3":/s/answer: C/answer: P/' \
    "$acme:__LINE__(^  \"2.3.1.2\":):3: warning: requirement 2.3.1.2 is Mandatory (M) and answered PC (Partially compliant), which does not meet it"
blocker no-evidence '/^  "2.3.1.3":/,/^  "2.3.1.4":/{/evidence:/d;/security-process-manual/d}' \
    "$acme:__LINE__(^  \"2.3.1.3\":):3: warning: requirement 2.3.1.3 is Mandatory (M) and answered C without evidence"
blocker no-note '/^  "2.3.1.4":/,/^  "2.3.1.5":/{/note:/,/standard\./d}' \
    "$acme:__LINE__(^  \"2.3.1.4\":):3: warning: requirement 2.3.1.4 is Advisory (A) and answered N without a note explaining it"
blocker no-declaration '/^declaration:/,$d' \
    "$acme: warning: no 'declaration:' block (signatory name and role, place, date): there is nobody to sign the declaration"
blocker review '/^  "2.3.1.5":/{n;s/$/\n    review: true/}' \
    "$acme:__LINE__(^  \"2.3.1.5\":):3: warning: requirement 2.3.1.5 is marked 'review: true': it changed in this release; review the answer, then remove the mark"
blocker date 's/^  date: 2026-11-21/  date: 2026-11-19/' \
    "$acme:__LINE__(^  date: 2026-11-19):9: warning: declaration date 2026-11-19 is earlier than the date of the answers (2026-11-20)"

# ---- --draft ----

fresh
sed -i '/^  "2.3.1.3":/,/^  "2.3.1.4":/{/^  "2.3.1.4":/!d}' "$acme"
build "$acme" --draft
d=${decl}-DRAFT
if [ "$rc" -ne 3 ]; then
	fail draft "exit $rc, want 3"
elif [ -e "$decl.md" ] || [ -e "$decl.json" ] || [ -e "$decl.pdf" ] || [ -e "$decl.html" ]; then
	fail draft "a draft was written under the issued name"
elif [ "$(head -n 1 "$d.md")" != "> **$WM**" ]; then
	fail draft-md "first line is '$(head -n 1 "$d.md")'"
elif ! grep -qF "<strong>$WM</strong>" "$d.html" ||
    [ "$(grep -n -m1 -F "$WM" "$d.html" | cut -d: -f1)" -gt "$(grep -n -m1 '<h1>' "$d.html" | cut -d: -f1)" ]; then
	fail draft-html "no watermark at the top"
elif ! python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["draft"] is True and d["blockers"][0]["kind"] == "not-assessed" else 1)' "$d.json"; then
	fail draft-json '"draft": true and the blocker missing'
else
	pages=$(pdfinfo "$d.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	ok=1
	for ((p = 1; p <= ${pages:-0}; p++)); do
		pdftotext -f "$p" -l "$p" "$d.pdf" - | tr -s ' \n' '  ' | grep -qF "$WM" || ok=0
	done
	if [ "${pages:-0}" -lt 1 ] || [ "$ok" -ne 1 ]; then
		fail draft-pdf "watermark not on every one of ${pages:-0} pages"
	else
		pass
	fi
fi
"$CFGEN" verify "$d.json" --base responses >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 1 ] || ! grep -qF "$d.json: error: $id is a draft (\"$WM\"), not a declaration of conformity" "$tmp/err"; then
	fail verify-draft "exit $rc, want 1 with the draft named"
else
	pass
fi
# A refused run without --draft removes the draft it no longer stands by.
build "$acme"
if [ "$rc" -ne 3 ] || any_declaration; then
	fail draft-stale "exit $rc; left: $(ls "$decl"* 2>/dev/null)"
else
	pass
fi

# --draft changes nothing for a declaration the gate allows, and an
# issued declaration removes an earlier draft of its id.
fresh
sed -i '/^  "2.3.1.3":/,/^  "2.3.1.4":/{/^  "2.3.1.4":/!d}' "$acme"
build "$acme" --draft
cp "$src/$acme" "$acme"
build "$acme" --draft
mv out out-draft
build "$acme"
if [ "$rc" -ne 0 ] || ! diff -r out out-draft >/dev/null; then
	fail draft-allowed "--draft changed the output of an issued declaration"
elif compgen -G "out-draft/iotsf-cf-1.0/acme-sc200/*DRAFT*" >/dev/null; then
	fail draft-allowed "the earlier draft was not removed"
elif [ ! -f "$decl.pdf" ]; then
	fail draft-allowed "no issued declaration"
else
	pass
fi

# -f json writes the JSON declaration alone.
fresh
build "$acme" -f json
if [ "$rc" -ne 0 ] || [ "$(cd out/iotsf-cf-1.0 && find . -type f | sort | tr '\n' ' ')" != \
    "./SHA256SUMS ./acme-sc200/$id-declaration.json " ]; then
	fail json-only "exit $rc: $(cd out/iotsf-cf-1.0 && find . -type f | tr '\n' ' ')"
else
	pass
fi

# ---- verify ----

# verify_case NAME FILE WANT_EXIT WANT_STDERR_FRAGMENT
verify_case() {
	local name=$1 json=$2 want_rc=$3 frag=$4

	"$CFGEN" verify "$json" --base responses >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" -ne "$want_rc" ]; then
		fail "verify-$name" "exit $rc, want $want_rc"
	elif [ -n "$frag" ] && ! grep -qF -- "$frag" "$tmp/err"; then
		fail "verify-$name" "no diagnostic containing: $frag"
	elif [ "$want_rc" -eq 0 ] && ! grep -qxF "$id: all 9 files match" "$tmp/out"; then
		fail "verify-$name" "no summary line"
	else
		pass
	fi
}

# flip FILE: change its first byte, keeping the size.
flip() {
	local first

	first=$(head -c 1 "$1")
	printf '%s' "$([ "$first" = X ] && echo Y || echo X)" |
	    dd of="$1" bs=1 count=1 conv=notrunc status=none
}

fresh
build "$acme"
verify_case fresh "$decl.json" 0 ""
(cd responses && "$CFGEN" verify "../$decl.json" >/dev/null 2>&1) ||
	fail verify-default-base "the current folder is not the default base"
for f in responses/evidence/acme-sc200/compliance-raci.md "$acme" \
    responses/../$cat; do
	cp "$f" "$tmp/saved"
	flip "$f"
	verify_case "changed-$(basename "$f")" "$decl.json" 1 \
	    "$f: error: changed since declaration $id was issued: "
	grep -qxF "$f: CHANGED" "$tmp/out" ||
		fail "verify-changed-$(basename "$f")" "no CHANGED line on stdout"
	[ "$(grep -c ': error: ' "$tmp/err")" -eq 1 ] ||
		fail "verify-changed-$(basename "$f")" "want exactly one error"
	cp "$tmp/saved" "$f"
done
verify_case restored "$decl.json" 0 ""
mv responses/evidence/acme-sc200/threat-model-sc200.md "$tmp/saved"
verify_case missing "$decl.json" 1 \
    "responses/evidence/acme-sc200/threat-model-sc200.md: error: missing: cannot read it (No such file or directory)"
mv "$tmp/saved" responses/evidence/acme-sc200/threat-model-sc200.md
head -c 200 "$decl.json" >"$tmp/cut.json"
verify_case malformed "$tmp/cut.json" 1 "$tmp/cut.json:"
printf '{"schema": "cfgen/declaration/1", "id": "x", "draft": false, "integrity": {"algorithm": "sha256", "files": [{"path": "a", "sha256": "00"}]}}' >"$tmp/short.json"
verify_case bad-digest "$tmp/short.json" 1 \
    "'integrity.files[0].sha256' is not 64 lower-case hexadecimal digits"
"$CFGEN" verify >/dev/null 2>&1
[ $? -eq 2 ] && pass || fail verify-usage "no operand is not exit 2"

# ---- the JSON against doc/declaration-schema.md ----

fresh
sed -i '/^  "2.3.1.4":/,/^  "2.3.1.5":/{/note:/,/standard\./d}' "$acme"
build "$acme" --draft
cp "$decl-DRAFT.json" "$tmp/draft.json"
cp "$src/$acme" "$acme"
# every regulatory key of 0.2, so each documented key appears somewhere
regulatory >>"$acme"
build "$acme"
cp "$decl.json" "$tmp/regulatory.json"
"$CFGEN" build "$cat" responses/brightwell-t1.yaml -o out -q >/dev/null 2>&1
cp out/iotsf-cf-1.0/brightwell-t1/brightwell-t1-r1-iotsf-cf-1.0-declaration.json "$tmp/na.json"
cp "$src/$acme" "$acme"
build "$acme"
for j in "$decl.json" "$tmp/draft.json" "$tmp/regulatory.json" "$tmp/na.json"; do
	python3 -m json.tool "$j" >/dev/null 2>"$tmp/err" || fail json-valid "$j does not parse"
done
if python3 - "$src/doc/declaration-schema.md" "$decl.json" "$tmp/draft.json" "$tmp/regulatory.json" "$tmp/na.json" >"$tmp/err" 2>&1 <<'EOF'
import json, re, sys

# The documented keys: first cell of the schema table, `a.b[].c`.
doc = open(sys.argv[1], encoding="utf-8").read()
table = doc.split("## The JSON form", 1)[1].split("\n## ", 1)[0]
listed = set(re.findall(r"^\| `([a-z0-9_.\[\]]+)` \|", table, re.M))
# An object whose members are listed is documented by them.
documented = listed | {p[:i] for p in listed for i, c in enumerate(p)
                       if c in ".[" and not p[:i].endswith("]")}
# Objects documented as a whole: their members are not listed one by one.
whole = {"summary.sections[].answers", "summary.total"}

def paths(value, prefix, out):
    if isinstance(value, dict):
        for k, v in value.items():
            p = f"{prefix}.{k}" if prefix else k
            out.add(p)
            if p not in whole:
                paths(v, p, out)
    elif isinstance(value, list):
        for v in value:
            paths(v, prefix + "[]", out)

seen = set()
bad = []
for f in sys.argv[2:]:
    got = set()
    paths(json.load(open(f, encoding="utf-8")), "", got)
    bad += [f"{f}: key {p} is not documented" for p in sorted(got - documented)]
    seen |= got
bad += [f"documented key {p} never appears" for p in sorted(listed - seen)]
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
then
	pass
else
	fail json-schema "$(cat "$tmp/err")"
fi

# ---- the JSON against doc/declaration.schema.json (a JSON Schema) ----

if python3 - "$src/doc/declaration.schema.json" "$decl.json" "$tmp/draft.json" \
    "$tmp/regulatory.json" "$tmp/na.json" "$src/doc/declaration-example.json" \
    "$src"/tests/golden/declarations/*.json >"$tmp/err" 2>&1 <<'EOF'
import json, sys
try:
    import jsonschema
except ImportError:
    print("python3-jsonschema is missing (scripts/setup.sh installs it)")
    sys.exit(1)
schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
bad = 0
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f, encoding="utf-8"))):
        print(f"{f}: {'/'.join(map(str, e.absolute_path))}: {e.message}")
        bad += 1
# The schema must refuse what it should: an absolute path, an unknown key.
doc = json.load(open(sys.argv[2], encoding="utf-8"))
doc["integrity"]["files"][0]["path"] = "/tmp/catalogue/1.0.yaml"
if v.is_valid(doc):
    print("an absolute integrity path passes the schema"); bad += 1
doc = json.load(open(sys.argv[2], encoding="utf-8"))
doc["surprise"] = 1
if v.is_valid(doc):
    print("an undocumented key passes the schema"); bad += 1
sys.exit(1 if bad else 0)
EOF
then
	pass
else
	fail json-schema-file "$(cat "$tmp/err")"
fi

# ---- 0.2: paths, notice, NA, regulatory content, forms ----

# Absolute paths on the command line (as CMake passes them): no path of
# this machine in any form, and verify passes on a copy moved elsewhere.
fresh
"$CFGEN" build "$work/$cat" "$work/$acme" -o "$work/out" -q >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ "$rc" -ne 0 ]; then
	fail abs-build "exit $rc"
else
	pdftotext "$decl.pdf" "$decl.pdf.txt"
	if grep -lF "$work" "$decl".md "$decl".html "$decl".json "$decl.pdf.txt" >"$tmp/leak"; then
		fail abs-paths "the build folder leaks into: $(cat "$tmp/leak")"
	else
		pass
	fi
	grep -qF '"path": "../catalogue/iotsf-cf/1.0.yaml"' "$decl.json" &&
		pass || fail abs-relative "catalogue path not relative"
	rm -rf "$tmp/moved"
	mkdir -p "$tmp/moved/elsewhere"
	cp -R catalogue responses out "$tmp/moved/elsewhere/"
	(cd "$tmp/moved/elsewhere" && "$CFGEN" verify "$decl.json" --base responses >"$tmp/out" 2>"$tmp/err")
	[ $? -eq 0 ] && pass || fail verify-moved "verify fails on a moved copy: $(cat "$tmp/err")"
fi

# The catalogue's notice right after the statement of conformity.
fresh
build "$acme"
for f in "$decl.md" "$decl.html"; do
	awk '/meets every applicable mandatory requirement/ { s = NR }
	    /This catalogue is an excerpt/ { if (s && NR > s) ok = 1 }
	    END { exit !ok }' "$f" && pass || fail notice "$f: no notice after the statement"
done
pdftotext "$decl.pdf" - | tr '\n' ' ' | grep -q 'Notice of the catalogue: This catalogue is an excerpt' &&
	pass || fail notice-pdf "no notice in the PDF"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(not d["catalogue"]["notice"].startswith("**This catalogue is an excerpt.**"))' "$decl.json" &&
	pass || fail notice-json "no catalogue.notice in the JSON"

# Mandatory NA listed with its justification (brightwell answers 2.3.1.8 NA).
bw=out/iotsf-cf-1.0/brightwell-t1/brightwell-t1-r1-iotsf-cf-1.0-declaration
build responses/brightwell-t1.yaml
for f in "$bw.md" "$bw.html"; do
	grep -q 'Mandatory requirements not applicable' "$f" &&
	grep -q 'Brightwell has no press office' "$f" && pass ||
		fail na-listed "$f: the NA and its justification are not listed"
done
pdftotext "$bw.pdf" - | grep -q 'Mandatory requirements not applicable' &&
	pass || fail na-pdf "no NA list in the PDF"

# A build asking for nothing new writes no other form.
ls out/iotsf-cf-1.0/acme-sc200/ | grep -E 'simplified|statement-of-compliance' &&
	fail forms-default "a form nobody asked for was written" || pass

# Every regulatory key and every form.
fresh
regulatory >>"$acme"
build "$acme"
simp=out/iotsf-cf-1.0/acme-sc200/$id-declaration-simplified
psti=out/iotsf-cf-1.0/acme-sc200/$id-statement-of-compliance
if [ "$rc" -ne 0 ]; then
	fail forms-build "exit $rc"
else
	for f in "$simp".md "$simp".html "$simp".pdf "$psti".md "$psti".html "$psti".pdf; do
		[ -s "$f" ] && pass || fail forms-written "$f missing"
	done
	for f in "$simp".md "$simp".html "$simp".pdf; do
		case $f in *.pdf) pdftotext "$f" - | tr '\n' ' ' | sed 's/  */ /g' ;; *) cat "$f" ;; esac >"$tmp/text"
		grep -qF 'Hereby, Acme Devices Ltd declares that the product Acme SmartCam (SC-200) is in conformity with Regulation (EU) 2024/2847 (Cyber Resilience Act) and Directive 2014/53/EU (Radio Equipment Directive).' "$tmp/text" &&
		grep -qF 'The full text of the declaration of conformity is available at: https://acme.example/conformity/acme-sc200.' "$tmp/text" &&
			pass || fail simplified-text "$f: the Annex VI sentences are not there"
	done
	for f in "$psti".md "$psti".html "$psti".pdf; do
		case $f in *.pdf) pdftotext "$f" - | tr '\n' ' ' | sed 's/  */ /g' ;; *) cat "$f" ;; esac >"$tmp/text"
		for want in 'Type SC-200, serial numbers SC2-000001 to SC2-099999' \
		    '1 High Street, Bristol BS1 4DJ, United Kingdom' \
		    'prepared by or on behalf of the manufacturer' \
		    'Schedule 1 to The Product Security and Telecommunications Infrastructure (Security Requirements for Relevant Connectable Products) Regulations 2023' \
		    'until at least 2030-12-31' 'Jane Doe' 'Chief Executive Officer' \
		    'Bristol, United Kingdom' '2026-11-21'; do
			grep -qF "$want" "$tmp/text" || { fail psti-text "$f: no '$want'"; continue 2; }
		done
		pass
	done
	for f in "$decl".md "$decl".html; do
		for want in 'Acme Devices EU B.V.' 'Identification: Type SC-200' \
		    'Regulation (EU) 2024/2847 (Cyber Resilience Act) (OJ L, 2024/2847, 20.11.2024)' \
		    'ETSI EN 303 645 V3.1.3 (2024-09)' 'Internal control (module A)' \
		    'Example Notified Body, number 1234; certificate EX-2026-0001' \
		    'https://acme.example/conformity/acme-sc200'; do
			grep -qF "$want" "$f" || { fail regulatory-text "$f: no '$want'"; continue 2; }
		done
		# EU order: representative, identification, legislation, standards, procedure.
		awk '/Acme Devices EU B.V./ { a = a ? a : NR } /Identification:/ { b = b ? b : NR }
		    /Cyber Resilience Act/ { c = c ? c : NR } /ETSI EN 303 645/ { d = d ? d : NR }
		    /Internal control/ { e = e ? e : NR }
		    END { exit !(a < b && b < c && c < d && d < e) }' "$f" &&
			pass || fail regulatory-order "$f: not in the order of an EU declaration"
	done
	pdftotext "$decl.pdf" - | tr '\n' ' ' | sed 's/  */ /g' >"$tmp/text"
	for want in 'Authorised representative: Acme Devices EU B.V.' \
	    'is in conformity with the following legislation' 'ETSI EN 303 645 V3.1.3' \
	    'Example Notified Body, number 1234' 'Published at'; do
		grep -qF "$want" "$tmp/text" || fail regulatory-pdf "no '$want' in the PDF"
	done
fi

# Asking for a form without its keys: a blocker at the forms: entry.
fresh
printf '  forms: [full, simplified, psti]\n' >>"$acme"
sed -i '/^  support_until:/d' "$acme"
build "$acme"
line=$(grep -n '^  forms:' "$acme" | cut -d: -f1)
[ "$rc" -eq 3 ] && pass || fail form-blocker-exit "exit $rc, want 3"
for key in declaration.url declaration.legislation declaration.identification product.support_until; do
	grep -qE "^$acme:$line:[0-9]+: warning: declaration form '[a-z]+' needs '$key'" "$tmp/err" &&
		pass || fail form-blocker "no blocker for $key at line $line"
done
any_declaration && fail form-blocker-written "a refused declaration was written" || pass

# ---- golden declarations ----

golden=$src/tests/golden/declarations
fresh
"$CFGEN" build "$cat" "$acme" responses/brightwell-t1.yaml -o out -q >/dev/null 2>"$tmp/err"
rc=$?
mkdir -p "$tmp/got"
cp out/iotsf-cf-1.0/*/*-declaration.md out/iotsf-cf-1.0/*/*-declaration.html \
    out/iotsf-cf-1.0/*/*-declaration.json "$tmp/got/" 2>/dev/null
if [ "$rc" -ne 0 ]; then
	fail golden "build exited $rc"
elif [ "${CFGEN_REGEN:-0}" = 1 ]; then
	rm -rf "$golden"
	mkdir -p "$golden"
	cp "$tmp/got/"* "$golden/"
	echo "regenerated $golden ($(ls "$golden" | wc -l) files)"
elif [ ! -d "$golden" ]; then
	fail golden "no $golden; create it with CFGEN_REGEN=1 $0"
elif ! diff -ru "$golden" "$tmp/got" >"$tmp/diff"; then
	fail golden "outputs differ from $golden:"
	head -n 80 "$tmp/diff"
	echo "(if the change is intended: CFGEN_REGEN=1 $0, then review git diff)"
else
	pass
fi

echo "declarations: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
