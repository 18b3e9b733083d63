#!/usr/bin/env bash
# signing.sh -- signed declarations (signing.md), checked by the stock
# tools that people without cfgen use:
#
#   - keygen: NAME.key is PKCS#8 PEM that `openssl pkey` reads as
#     ED25519, mode 0600; NAME.pub is minisign's format; neither is ever
#     replaced (exit 1, both files as they were);
#   - build --sign: a .minisig beside every declaration file and
#     SHA256SUMS, listed in SHA256SUMS except its own, `sha256sum -c`
#     clean; Debian's `minisign -Vm FILE -p NAME.pub` accepts every one
#     with the trusted comment signing.md gives, and rejects each file
#     with one byte changed; two builds are byte-identical; a key made by
#     `openssl genpkey` signs as well; a draft is never signed; a build
#     without --sign leaves no signature of an earlier one behind;
#   - verify --pubkey: good signatures pass; another key, a missing or a
#     wrong signature, a signature of another file, a good signature
#     whose trusted comment names another declaration fail naming the
#     file;
#   - tests/bad/keys/: every bad key, public key and .minisig with its
#     expected diagnostic, exit 1, nothing written by build.
#
# Needs minisign, openssl, sha256sum and python3; skips (77) without them.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
src=$(cd "${CFGEN_SOURCE_DIR:-.}" && pwd) || exit 1
. "$src/tests/scripts/lib/bounded.sh"
for t in minisign openssl sha256sum python3; do
	command -v $t >/dev/null || {
		echo "skip: needs $t"
		exit 77
	}
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/cfgen-sign.XXXXXX") || exit 1
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
rel=out/iotsf-cf-1.0
decl=$rel/acme-sc200/$id-declaration

# sbuild OUT ARGS...: build the two shipped examples into OUT; sets $rc.
sbuild() {
	local out=$1
	shift
	bounded "$CFGEN" build "$cat" "$acme" responses/brightwell-t1.yaml \
	    -o "$out" -q "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# ---- keygen ----

bounded "$CFGEN" keygen -o k >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 0 ] || [ ! -f k.key ] || [ ! -f k.pub ]; then
	fail keygen "exit $rc, or no k.key/k.pub"
	echo "1 failed"
	exit 1
fi
if [ "$(stat -c %a k.key)" != 600 ]; then
	fail keygen-mode "k.key has mode $(stat -c %a k.key), want 600"
else
	pass
fi
if ! openssl pkey -in k.key -noout -text 2>/dev/null |
    grep -q '^ED25519 Private-Key:'; then
	fail keygen-pkcs8 "openssl pkey does not read k.key as ED25519"
elif ! head -n 1 k.key | grep -qx -- '-----BEGIN PRIVATE KEY-----'; then
	fail keygen-pkcs8 "k.key is not unencrypted PKCS#8 PEM"
else
	pass
fi
keyid=$(sed -n '1s/^untrusted comment: minisign public key \([0-9A-F]\{16\}\)$/\1/p' k.pub)
if [ -z "$keyid" ] || [ "$(wc -l <k.pub)" -ne 2 ] ||
    [ "$(sed -n 2p k.pub | base64 -d | head -c 2)" != Ed ]; then
	fail keygen-pub "k.pub is not minisign's public key format"
else
	pass
fi
# The key id is the first 8 bytes of the SHA-256 of the key, which
# minisign shows as a little-endian number.
want=$(sed -n 2p k.pub | base64 -d | tail -c 32 | sha256sum | cut -c1-16 |
    sed 's/../& /g' | tr ' ' '\n' | tac | tr -d '\n' | tr a-f A-F)
if [ "$want" != "$keyid" ]; then
	fail keygen-keyid "key id $keyid, want $want"
else
	pass
fi
cp k.key k.key.before
cp k.pub k.pub.before
for name in k other; do
	[ $name = other ] && : >other.pub
	bounded "$CFGEN" keygen -o $name >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 1 ] || ! grep -q ': error: already exists; a key file is never replaced' "$tmp/err"; then
		fail keygen-overwrite-$name "exit $rc, want 1 and 'already exists'"
	elif ! cmp -s k.key k.key.before || ! cmp -s k.pub k.pub.before ||
	    [ -e other.key ]; then
		fail keygen-overwrite-$name "a key file changed or was made"
	else
		pass
	fi
done
rm -f other.pub

# ---- build --sign, checked by stock minisign ----

sbuild out --sign k.key
if [ $rc -ne 0 ]; then
	fail build-sign "exit $rc"
	echo "1 failed"
	exit 1
fi
files=$(cd $rel && find . -type f -name '*declaration*' ! -name '*.minisig' | sed 's|^\./||' | sort)
if [ "$(echo "$files" | wc -l)" -ne 8 ]; then
	fail build-sign "want 8 declaration files (2 products x md, html, pdf, json): $files"
fi
for f in $files SHA256SUMS; do
	if [ ! -f "$rel/$f.minisig" ]; then
		fail sign-beside "$f has no $f.minisig"
		continue
	fi
	if ! bounded minisign -Vm "$rel/$f" -p k.pub >"$tmp/out" 2>"$tmp/err"; then
		fail minisign-accepts "minisign -V rejects $f"
		continue
	fi
	case $f in
	SHA256SUMS) tc="cfgen SHA256SUMS iotsf-cf-1.0" ;;
	acme-sc200/*) tc="cfgen declaration $id iotsf-cf 1.0 class 2" ;;
	*) tc="cfgen declaration brightwell-t1-r1-iotsf-cf-1.0 iotsf-cf 1.0 class 1" ;;
	esac
	if ! grep -qxF "Trusted comment: $tc" "$tmp/out"; then
		fail trusted-comment "$f: $(grep -i 'trusted comment' "$tmp/out"), want '$tc'"
		continue
	fi
	# One byte changed, anywhere: minisign must refuse it.
	cp "$rel/$f" "$tmp/changed"
	size=$(stat -c %s "$tmp/changed")
	off=$((size / 2))
	byte=$(od -An -tu1 -j $off -N1 "$tmp/changed" | tr -d ' ')
	printf "$(printf '\\%03o' $(((byte + 1) % 256)))" |
	    dd of="$tmp/changed" bs=1 seek=$off conv=notrunc 2>/dev/null
	cp "$rel/$f.minisig" "$tmp/changed.minisig"
	if bounded minisign -Vm "$tmp/changed" -p k.pub >/dev/null 2>&1; then
		fail minisign-rejects "minisign -V accepts $f with byte $off changed"
		continue
	fi
	pass
done
if grep -q 'SHA256SUMS.minisig' $rel/SHA256SUMS; then
	fail sums-lists "SHA256SUMS lists its own signature"
elif [ "$(grep -c '\.minisig$' $rel/SHA256SUMS)" -ne 8 ]; then
	fail sums-lists "SHA256SUMS does not list the 8 .minisig files"
elif ! (cd $rel && sha256sum -c --quiet SHA256SUMS) >"$tmp/err" 2>&1; then
	fail sums-check "sha256sum -c fails"
elif find out -name '*checklist*.minisig' -o -name 'guide*.minisig' | grep -q .; then
	fail sign-only-declarations "a checklist or the guide is signed"
else
	pass
fi

# Ed25519 is deterministic: the same inputs and key, the same bytes.
sbuild again --sign k.key
if [ $rc -ne 0 ] || ! diff -r out again >/dev/null; then
	fail deterministic "two signed builds differ (exit $rc)"
else
	pass
fi

# A key from openssl itself, as signing.md says cfgen reads.
openssl genpkey -algorithm ed25519 -out o.key 2>/dev/null
sbuild oss --sign o.key
if [ $rc -ne 0 ]; then
	fail openssl-key "exit $rc"
else
	# Its public key in minisign's format: "Ed", key id, key.
	openssl pkey -in o.key -pubout -outform DER 2>/dev/null | tail -c 32 |
	    python3 -c 'import sys, hashlib, base64
k = sys.stdin.buffer.read()
raw = b"Ed" + hashlib.sha256(k).digest()[:8] + k
print("untrusted comment: openssl key")
print(base64.b64encode(raw).decode())' >o.pub
	if ! bounded minisign -Vm oss/iotsf-cf-1.0/acme-sc200/$id-declaration.json -p o.pub >/dev/null 2>"$tmp/err"; then
		fail openssl-key "minisign rejects a signature made with an openssl key"
	else
		pass
	fi
fi

# A build without --sign removes the signatures of the earlier one.
sbuild out
if [ $rc -ne 0 ]; then
	fail unsigned-rebuild "exit $rc"
elif find out -name '*.minisig' | grep -q .; then
	fail unsigned-rebuild "signatures left: $(find out -name '*.minisig' | head -n 3)"
elif grep -q minisig $rel/SHA256SUMS; then
	fail unsigned-rebuild "SHA256SUMS lists a signature"
else
	pass
fi

# A draft is never signed.
cp -R responses drafts
# An answer left out: not assessed, so refused.
sed -i '/^  "2.3.1.3":/,/^  "2.3.1.4":/{/^  "2.3.1.4":/!d}' drafts/acme-sc200.yaml
bounded "$CFGEN" build "$cat" drafts/acme-sc200.yaml -o dout -q --draft \
    --sign k.key >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -ne 3 ] || ! compgen -G "dout/iotsf-cf-1.0/acme-sc200/*DRAFT*" >/dev/null; then
	fail draft-unsigned "exit $rc, want 3 with a draft written"
elif find dout -name '*DRAFT*.minisig' | grep -q .; then
	fail draft-unsigned "a draft is signed"
elif [ ! -f dout/iotsf-cf-1.0/SHA256SUMS.minisig ]; then
	fail draft-unsigned "SHA256SUMS is not signed"
else
	pass
fi

# ---- verify --pubkey ----

sbuild out --sign k.key
verify() {
	bounded "$CFGEN" verify "$@" --base responses >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
verify "$decl.json" --pubkey k.pub
if [ $rc -ne 0 ] || ! grep -qxF "$id: all 4 signatures good" "$tmp/out"; then
	fail verify-good "exit $rc: $(tail -n 1 "$tmp/out")"
else
	pass
fi
bounded "$CFGEN" keygen -o other >/dev/null 2>&1
verify "$decl.json" --pubkey other.pub
if [ $rc -ne 1 ] || ! grep -q "^$decl.json.minisig: error: signed with key $keyid, not with other.pub's key" "$tmp/err"; then
	fail verify-other-key "exit $rc, want 1 naming the .minisig"
else
	pass
fi
cp "$decl.md.minisig" md.minisig
rm "$decl.md.minisig"
verify "$decl.json" --pubkey k.pub
if [ $rc -ne 1 ] || ! grep -qxF "$decl.md.minisig: error: missing: $decl.md is not signed" "$tmp/err"; then
	fail verify-missing "exit $rc, want 1 naming $decl.md.minisig"
else
	pass
fi
cp md.minisig "$decl.md.minisig"
echo >>"$decl.html"
verify "$decl.json" --pubkey k.pub
if [ $rc -ne 1 ] || ! grep -q "^$decl.html.minisig: error: wrong signature: $decl.html " "$tmp/err"; then
	fail verify-changed "exit $rc, want 1 naming the changed HTML"
else
	pass
fi
# A good signature of these very bytes whose trusted comment names
# another declaration: the global signature made again over the other
# comment, by openssl itself (Ed25519 over signature | comment).
sbuild out --sign k.key
other="cfgen declaration brightwell-t1-r1-iotsf-cf-1.0 iotsf-cf 1.0 class 1"
sed -n 2p "$decl.json.minisig" | base64 -d | tail -c 64 >sig.bin
{ cat sig.bin; printf '%s' "$other"; } >global.msg
if openssl pkeyutl -sign -inkey k.key -rawin -in global.msg -out global.bin 2>"$tmp/err"; then
	{
		sed -n 1,2p "$decl.json.minisig"
		echo "trusted comment: $other"
		base64 -w0 global.bin
		echo
	} >forged.minisig
	cp forged.minisig "$decl.json.minisig"
	verify "$decl.json" --pubkey k.pub
	if ! bounded minisign -Vm "$decl.json" -p k.pub >/dev/null 2>&1; then
		fail verify-other-comment "minisign rejects the re-signed comment: the test is wrong"
	elif [ $rc -ne 1 ] || ! grep -qxF "$decl.json.minisig: error: signed, but for another declaration: its trusted comment is '$other', not 'cfgen declaration $id iotsf-cf 1.0 class 2'" "$tmp/err"; then
		fail verify-other-comment "exit $rc, want 1: another declaration's comment"
	else
		pass
	fi
else
	fail verify-other-comment "openssl pkeyutl cannot sign"
fi

# Another declaration's signature in place of this one's.
sbuild out --sign k.key
cp "$rel/brightwell-t1/brightwell-t1-r1-iotsf-cf-1.0-declaration.md.minisig" "$decl.md.minisig"
verify "$decl.json" --pubkey k.pub
if [ $rc -ne 1 ] || ! grep -q "^$decl.md.minisig: error: wrong signature" "$tmp/err"; then
	fail verify-swapped "exit $rc, want 1: another file's signature"
else
	pass
fi

# ---- tests/bad/keys ----

# expect_case NAME SPEC FILE: stderr and $rc against SPEC; FILE is the
# path the diagnostics must name.
expect_case() {
	local name=$1 spec=$2 file=$3 want_exit sev frag line ok
	want_exit=$(sed -n 's/^exit: //p' "$spec")
	if [ "$rc" -ge 128 ] || grep -Eq 'Sanitizer|runtime error:' "$tmp/err"; then
		fail "$name" "crashed (exit $rc)"
		return 1
	fi
	if [ "$rc" != "$want_exit" ]; then
		fail "$name" "exit $rc, want $want_exit"
		return 1
	fi
	while IFS= read -r line; do
		sev=${line%%: *}
		frag=${line#*: }
		ok=0
		while IFS= read -r l; do
			[[ $l == "$file: $sev: "* && $l == *"$frag"* ]] && ok=1
		done <"$tmp/err"
		if [ $ok -eq 0 ]; then
			fail "$name" "no line '$file: $sev: ...$frag...'"
			return 1
		fi
	done < <(sed -n 's/^expect: //p' "$spec")
	pass
}

bad=$src/tests/bad/keys
for spec in "$bad"/*.expect; do
	name=${spec##*/}
	name=${name%.expect}
	named=$(sed -n 's/^file: //p' "$spec")
	if [ -f "$bad/$name.key" ]; then
		cp "$bad/$name.key" "$name.key"
		[ -f "$bad/$name.pub" ] && cp "$bad/$name.pub" "$name.pub"
		rm -rf badout
		bounded "$CFGEN" build "$cat" "$acme" -o badout -q \
		    --sign "$name.key" >"$tmp/out" 2>"$tmp/err"
		rc=$?
		expect_case "bad-key/$name" "$spec" "${named:-$name.key}" &&
		    if [ -e badout ]; then
			    failed=$((failed + 1))
			    passed=$((passed - 1))
			    echo "FAIL bad-key/$name: build wrote badout/"
		    fi
	elif [ -f "$bad/$name.pub" ]; then
		cp "$bad/$name.pub" "$name.pub"
		verify "$decl.json" --pubkey "$name.pub"
		expect_case "bad-pub/$name" "$spec" "${named:-$name.pub}"
	elif [ -f "$bad/$name.minisig" ]; then
		cp "$bad/$name.minisig" "$decl.json.minisig"
		verify "$decl.json" --pubkey k.pub
		expect_case "bad-minisig/$name" "$spec" "${named:-$decl.json.minisig}"
	else
		fail "bad/$name" "no case file beside $spec"
	fi
done
# An unreadable key: a folder, and a file that is not there.
mkdir dir.key
for k in dir.key missing.key; do
	rm -rf badout
	bounded "$CFGEN" build "$cat" "$acme" -o badout -q --sign $k \
	    >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 1 ] || ! grep -q "^$k: error: cannot read secret key: " "$tmp/err" ||
	    [ -e badout ]; then
		fail "bad-key/$k" "exit $rc, want 1 naming $k, nothing written"
	else
		pass
	fi
done

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
