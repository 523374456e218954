#!/bin/sh
# The library index (issue 22), in the real app (headless, --fast): the first
# start validates the routine files and writes the index; the next start lists
# them from it (nothing validated) and draws the same library; a file changed
# since (another size) is listed from the index for the first frame (no stat
# per file before it), found by a stat each after it, and validated in a
# second scan; a file broken behind the index's
# back (same size, same mtime) is named with FILE:LINE:COL when its card is
# shown, and its card changes; a new file appears.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/checks.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed"; exit 77; }
T=$(mktemp -d)
trap '[ -n "$KEEP" ] || rm -rf "$T"' EXIT
mkdir -p "$T/r" "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cp "$here/routines/jaw.json" "$here/routines/foot.json" "$here/routines/quick-reset.json" "$T/r/"
printf '0.500 key:x down\n0.550 key:x up\n' >"$T/quit"

run() { # run N: the app once, screenshots in $T/shotsN, stderr in $T/errN
	rm -rf "$T/shots$1"
	(cd "$T" && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache" HOME="$T" \
	UNKNOT_ROUTINES="$T/r" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	"$UNKNOT" --size 800x480 --fast --input "$T/quit" --screenshot "$T/shots$1" >/dev/null 2>"$T/err$1")
}
lib() { ls "$T/shots$1"/*-library.bmp 2>/dev/null | head -1; }

run 1
check "first start: 3 routines validated" 'grep -q "library: 3 routines, 0 broken files; 0 from the index, 3 validated" "$T/err1"'
check "first start: the index is written" '[ $(grep -c "^g	$T/r/" "$T/cache/unknot/library-index") = 3 ]'
run 2
check "second start: all 3 from the index" 'grep -q "library: 3 routines, 0 broken files; 3 from the index, 0 validated" "$T/err2"'
check "second start: the library screen is the same" '[ -n "$(lib 2)" ] && cmp -s "$(lib 1)" "$(lib 2)"'
check "second start: nothing changed, no second scan" '! grep -q "scanning again" "$T/err2"'

# jaw.json broken behind the index's back: same size, same mtime.
python3 - "$T/r/jaw.json" <<'PY'
import os, sys
p = sys.argv[1]
st = os.stat(p)
t = open(p).read()
assert '"duration_s": 40,' in t
open(p, "w").write(t.replace('"duration_s": 40,', '"duration_s": -4,', 1))
os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))
PY
run 3
check "a file broken behind the index: still listed from it" 'grep -q "3 from the index, 0 validated" "$T/err3"'
check "its card names it with FILE:LINE:COL" \
	'grep -q "a routine no longer loads (it changed since it was indexed): $T/r/jaw.json:[0-9]*:[0-9]*: steps\[.*duration_s: -4 is out of range" "$T/err3"'
check "its card changed" '[ -n "$(lib 3)" ] && ! cmp -s "$(lib 2)" "$(lib 3)"'

# Changed (another size) and new files are validated; the index follows.
printf '{"format":1,"title":"Added","steps":[{"kind":"rest","duration_s":5}]}' >"$T/r/added.json"
sed 's/"duration_s": -4,/"duration_s": 45,/' "$T/r/jaw.json" >"$T/jaw" && mv "$T/jaw" "$T/r/jaw.json"
run 4
check "first frame: the new file validated, the others listed trusting the index" \
	'[ "$(grep -m1 "library: " "$T/err4")" = "unknot: library: 4 routines, 0 broken files; 3 from the index, 1 validated" ]'
check "after it: the changed file found (a stat each) and the library scanned again" \
	'grep -A1 "a routine changed since it was indexed; scanning again" "$T/err4" |
	 grep -q "library: 4 routines, 0 broken files; 3 from the index, 1 validated"'
check "no routine fails to load" '! grep -q "no longer loads" "$T/err4"'
check "the index lists the new file" 'grep -q "	Added$" "$T/cache/unknot/library-index"'
exit $fail
