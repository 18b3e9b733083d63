#!/usr/bin/env bash
# commit_faults.sh -- cli.md "All or nothing", under faults: whatever
# fails or stops a build (a write that finds the disk full, an fsync or a
# rename that fails, a kill at any of those points), the release folder is
# afterwards exactly the old tree or exactly the new one, and
# `sha256sum -c SHA256SUMS` accepts it.  The next run in that folder
# finishes the job and leaves no temporary behind.
#
# Faults are injected by an LD_PRELOAD shim the test builds (lib/fault.c);
# a real full disk is a small tmpfs when this runs as root and may mount.
set -u

: "${CFGEN:?set CFGEN to the cfgen binary}"
cd "${CFGEN_SOURCE_DIR:-.}" || exit 1
. tests/scripts/lib/bounded.sh

# Faults are injected, so any file system will do: a memory one, where
# the many fsyncs of many runs cost nothing, when there is one.
tmp=$(mktemp -d /dev/shm/cfgen-faults.XXXXXX 2>/dev/null ||
    mktemp -d "${TMPDIR:-/tmp}/cfgen-faults.XXXXXX") || exit 1
trap 'umount "$tmp/fs" 2>/dev/null; rm -rf "$tmp"' EXIT

cc=$(command -v cc || command -v gcc || command -v clang) || {
	echo "skipped: no C compiler to build the fault shim"
	exit 77
}
"$cc" -shared -fPIC -O1 -o "$tmp/fault.so" tests/scripts/lib/fault.c -ldl ||
	exit 1
# The sanitizer runtime wants to be first; the shim only wraps libc.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"

cat=catalogue/iotsf-cf/1.0.yaml
rel=iotsf-cf-1.0
passed=0
failed=0

fail() {
	echo "FAIL: $*"
	failed=$((failed + 1))
}

# Old tree: both examples on one date.  New tree: another date (every
# document changes) and acme-sc200 only, so brightwell-t1's files carry
# over.
SOURCE_DATE_EPOCH=1767225600 "$CFGEN" build "$cat" responses/acme-sc200.yaml \
    responses/brightwell-t1.yaml -f md,html,json -q -o "$tmp/old" >/dev/null 2>&1
new_run() {	# new_run OUTDIR [ENV...]: the build whose result is "new"
	local out=$1
	shift
	env SOURCE_DATE_EPOCH=1769904000 "$@" "$CFGEN" build "$cat" \
	    responses/acme-sc200.yaml -f md,html,json -q -o "$out"
}
cp -a "$tmp/old" "$tmp/new"
new_run "$tmp/new" >/dev/null 2>&1

# A tree as text: every entry with its type and content digest.
snapshot() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort | while IFS= read -r f; do
		if [ -d "$f" ]; then echo "d $f"
		else echo "f $f $(sha256sum <"$f" | cut -c1-64)"; fi
	done)
}
snapshot "$tmp/old/$rel" >"$tmp/old.snap"
snapshot "$tmp/new/$rel" >"$tmp/new.snap"
cmp -s "$tmp/old.snap" "$tmp/new.snap" && fail "old and new trees are the same"

# check LABEL RC [STATE:RC]: the folder $tmp/w after a faulty run that
# exited RC; given STATE:RC, only that outcome passes.
check() {
	local label=$1 rc=$2 want=${3:-} state

	snapshot "$tmp/w/$rel" >"$tmp/w.snap" 2>/dev/null
	if cmp -s "$tmp/w.snap" "$tmp/old.snap"; then state=old
	elif cmp -s "$tmp/w.snap" "$tmp/new.snap"; then state=new
	else
		fail "$label (exit $rc): the tree is neither the old nor the new one:"
		diff "$tmp/old.snap" "$tmp/w.snap" | head -n 10
		return
	fi
	(cd "$tmp/w/$rel" && sha256sum --strict --quiet -c SHA256SUMS) ||
	    { fail "$label: sha256sum -c fails on the $state tree"; return; }
	case $state:$rc in
	new:0 | old:4 | old:137 | new:137) ;;
	*) fail "$label: exit $rc with the $state tree"; return ;;
	esac
	[ -z "$want" ] || [ "$state:$rc" = "$want" ] ||
	    { fail "$label: exit $rc with the $state tree, not $want"; return; }
	# The next run finishes the job, removing what the faulty one left.
	new_run "$tmp/w" >/dev/null 2>"$tmp/err" ||
	    { fail "$label: the run after it failed: $(cat "$tmp/err")"; return; }
	snapshot "$tmp/w/$rel" >"$tmp/w.snap"
	cmp -s "$tmp/w.snap" "$tmp/new.snap" ||
	    { fail "$label: the run after it did not give the new tree"; return; }
	if [ -n "$(find "$tmp/w" -name '.*.cfgen-*')" ]; then
		fail "$label: temporaries left after the next run: $(find "$tmp/w" -name '.*.cfgen-*')"
		return
	fi
	passed=$((passed + 1))
}

# fault SPEC [STATE:RC]: the new build into a copy of the old tree, SPEC
# injected.
fault() {
	rm -rf "$tmp/w"
	cp -a "$tmp/old" "$tmp/w"
	bounded env LD_PRELOAD="$tmp/fault.so" CFGEN_FAULT="$1" \
	    SOURCE_DATE_EPOCH=1769904000 "$CFGEN" build "$cat" \
	    responses/acme-sc200.yaml -f md,html,json -q -o "$tmp/w" \
	    >/dev/null 2>"$tmp/err"
	check "$1" $? "${2:-}"
}

# How many calls a clean run makes, per function.
rm -rf "$tmp/w"
cp -a "$tmp/old" "$tmp/w"
new_run "$tmp/w" LD_PRELOAD="$tmp/fault.so" CFGEN_FAULT_COUNT="$tmp/count" \
    >/dev/null 2>&1
count() { awk -v f="$1" '$1 == f { print $2 }' "$tmp/count"; }
[ "$(count write)" -gt 10 ] || fail "the shim saw $(count write) writes"

# A full disk at the first writes, in the middle and at the last, which
# is SHA256SUMS; and a kill there.
w=$(count write)
for n in 1 2 $((w / 2)) $((w - 1)) "$w"; do
	fault "write:$n:ENOSPC"
done
for n in 1 $((w / 2)) "$w"; do
	fault "write:$n:kill"
done
# fsync of files and of folders, failing or killed.  All of them come
# before the exchange but the parent folder's, the last one: a failure
# before it means the disk may not hold the new tree, so nothing changed.
for n in 1 $(($(count fsync) / 2)) $(($(count fsync) - 1)); do
	fault "fsync:$n:EIO" old:4
done
fault "fsync:$(count fsync):kill"
# The one rename that puts the tree in place fails, or the run dies
# right before or after it (removing the old tree).
fault "renameat2:1:EACCES"
fault "renameat2:1:kill"
[ "$(count link)" -gt 0 ] || fail "no file carried over by a link"
fault "link:1:EACCES"
fault "link:1:kill"
# A file system without hard links: carried over as copies.
fault "link:1:EPERM"
# Where the exchange is not supported: two renames, the first undone if
# the second fails.  (A kill between the two leaves the old tree at a
# temporary name: the one window this fallback has.)
fault "renameat2:1:EINVAL"
for spec in rename:1:EACCES rename:2:EACCES; do
	rm -rf "$tmp/w"
	cp -a "$tmp/old" "$tmp/w"
	bounded env LD_PRELOAD="$tmp/fault.so" CFGEN_FAULT="renameat2:1:EINVAL" \
	    CFGEN_FAULT2="$spec" SOURCE_DATE_EPOCH=1769904000 "$CFGEN" build \
	    "$cat" responses/acme-sc200.yaml -f md,html,json -q -o "$tmp/w" \
	    >/dev/null 2>"$tmp/err"
	check "renameat2:1:EINVAL then $spec" $?
done

# Outside a release folder (the change report of diff), files are renamed
# one by one: when the second rename fails, the first file is restored.
SOURCE_DATE_EPOCH=1767225600 "$CFGEN" diff "$cat" catalogue/iotsf-cf/1.1.yaml \
    -o "$tmp/d" >/dev/null 2>&1
snapshot "$tmp/d" >"$tmp/d.snap"
bounded env LD_PRELOAD="$tmp/fault.so" CFGEN_FAULT="rename:2:EACCES" \
    SOURCE_DATE_EPOCH=1769904000 "$CFGEN" diff "$cat" \
    catalogue/iotsf-cf/1.1.yaml -o "$tmp/d" >/dev/null 2>"$tmp/err"
rc=$?
snapshot "$tmp/d" >"$tmp/d2.snap"
if [ $rc -ne 4 ] || ! cmp -s "$tmp/d.snap" "$tmp/d2.snap"; then
	fail "diff with its second rename failing: exit $rc, report changed: $(diff "$tmp/d.snap" "$tmp/d2.snap")"
else
	passed=$((passed + 1))
fi

# A real full disk: a small tmpfs that holds the old tree and a part of
# the new files, in a mount namespace of its own.
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
	old_kb=$(du -sk "$tmp/old" | cut -f1)
	new_kb=$(du -sk "$tmp/new" | cut -f1)
	for pct in 5 25 50 75 95 100; do
		kb=$((old_kb + 64 + new_kb * pct / 100))
		rm -rf "$tmp/w"
		mkdir -p "$tmp/fs"
		unshare -m bash -c '
			mount -t tmpfs -o size='"$kb"'k tmpfs "$1" || exit 99
			cp -a "$2/." "$1/" || exit 98
			SOURCE_DATE_EPOCH=1769904000 "$3" build "$4" \
			    responses/acme-sc200.yaml -f md,html,json -q -o "$1"
			rc=$?
			cp -a "$1" "$5"
			exit $rc' _ "$tmp/fs" "$tmp/old" "$CFGEN" "$cat" "$tmp/w" \
		    >/dev/null 2>"$tmp/err"
		rc=$?
		if [ $rc -ge 98 ] && [ $rc -le 99 ]; then
			echo "skipped: tmpfs of ${kb}k (exit $rc)"
			continue
		fi
		check "tmpfs of ${kb} KiB" $rc
	done
else
	echo "skipped: a full tmpfs (needs root and mount namespaces)"
fi

echo "commit faults: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
