#!/bin/sh
# Draw only what changes (issue 22): the run screen drawn as a static layer
# plus the digits, bars and pedal disc over it must look exactly like the
# whole screen drawn each frame. One scripted session (virtual clock, dummy
# video driver) with and without the layer (UNKNOT_LAYERS=0): every distinct
# frame saved by --screenshot must be byte for byte the same, at 800x480,
# in portrait and rotated; and the layered run must really have presented
# frames as their changed rectangles only.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/checks.sh"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy HOME="$T" XDG_CONFIG_HOME="$T/config" UNKNOT_TRACE=1
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
# start, a discomfort hold (the ring fills), next, next, ... to the end
cat >"$T/script" <<'S'
1.000 pedal down
1.100 pedal up
4.000 pedal down
5.500 pedal up
20.000 pedal down
20.100 pedal up
40.000 pedal down
40.100 pedal up
70.000 pedal down
70.100 pedal up
S
run() { # NAME LAYERS ARGS...
	name=$1 layers=$2
	shift 2
	mkdir -p "$T/$name"
	XDG_STATE_HOME="$T/$name/state" UNKNOT_LAYERS=$layers "$UNKNOT" --fast --input "$T/script" \
		--screenshot "$T/$name/shots" "$@" "$here/ui/data/walk.json" >"$T/$name/log" 2>&1
}
for v in "800x480:0" "720x1280:0" "800x480:90"; do
	size=${v%:*} rot=${v#*:}
	run "$size-$rot-whole" 0 --size "$size" --rotate "$rot"
	run "$size-$rot-layer" 1 --size "$size" --rotate "$rot"
	a="$T/$size-$rot-whole" b="$T/$size-$rot-layer"
	na=$(ls "$a/shots" 2>/dev/null | grep -c run)
	check "$size rotated $rot: the session's run frames were saved ($na)" '[ "$na" -ge 5 ]'
	check "$size rotated $rot: every frame drawn in layers is the whole frame, byte for byte" \
		'[ "$(ls "$a/shots")" = "$(ls "$b/shots")" ] && diff -r "$a/shots" "$b/shots" >/dev/null'
	layered=$(grep -c "static layer drawn" "$b/log")
	whole=$(grep -c "static layer drawn" "$a/log")
	check "$size rotated $rot: the layer was used ($layered static passes), and not with UNKNOT_LAYERS=0" \
		'[ "$layered" -ge 1 ] && [ "$whole" = 0 ]'
done
rects=$(sed -n 's/.*session end: .*, \([0-9]*\) frames only their changed rectangles.*/\1/p' "$T/800x480-0-layer/log")
check "800x480: frames were presented as their changed rectangles only (${rects:-none})" '[ "${rects:-0}" -ge 1 ]'
rot=$(sed -n 's/.*session end: .*, \([0-9]*\) frames only their changed rectangles.*/\1/p' "$T/800x480-90-layer/log")
check "rotated: whole frames are presented (the rotation target turns them): ${rot:-none}" '[ "${rot:-x}" = 0 ]'
exit $fail
