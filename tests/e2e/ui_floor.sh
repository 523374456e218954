#!/bin/sh
# Floor-first run screen (issue 17): read from 2 m, lying on a ball. Headless
# screenshots of a "get ready", a compression with a long target name, the
# ease-off state after a discomfort hold and a user-paced step, at 800x480,
# 720x1280 and 1920x1080. The cap heights are measured from the pixels
# (tests/ui/capheight.py: the ink height of the first capital of a line): the
# target and the side word (LEFT / RIGHT, in its colour) at least 40 px at
# 800x480, 56 px at 720x1280 and 40 x 1080/480 = 90 px at 1920x1080; the
# countdown at least 120 px at 800x480 (scaled likewise).
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
. "$here/checks.sh"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/floor.json" <<'R'
{ "format": 1, "title": "Floor test", "defaults": { "transition_s": 5 },
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "extensor carpi radialis longus",
      "sides": ["left"], "duration_s": 30,
      "placement": "Forearm on the ball, two fingers below the elbow crease, thumb side.",
      "text": "Lean onto the ball to 5-7 out of 10 and breathe slowly." },
    { "kind": "stretch", "target": "tensor fasciae latae", "sides": ["right"], "duration_s": 60,
      "ends": "tap", "min_s": 10, "text": "Cross the leg behind and lean away until it releases." } ] }
R
# Start (Enter on the preview), F12 in the get-ready, in the hold, after a
# discomfort hold (ease off), then a pedal tap ends the hold early, the next
# get-ready runs 5 s and F12 in the user-paced stretch; a tap before its
# min_s (10 s) is refused with "Stay a little longer" (F12 at 27 s), gone once
# min_s has passed (F12 at 31 s).
cat >"$T/script" <<S
0.500 key:return down
0.550 key:return up
3.000 key:f12 down
3.050 key:f12 up
8.000 key:f12 down
8.050 key:f12 up
10.000 pedal down
11.000 pedal up
12.000 key:f12 down
12.050 key:f12 up
14.000 pedal down
14.100 pedal up
24.000 key:f12 down
24.050 key:f12 up
26.000 pedal down
26.100 pedal up
27.000 key:f12 down
27.050 key:f12 up
31.000 key:f12 down
31.050 key:f12 up
33.000 key:escape down
33.050 key:escape up
33.500 key:escape down
33.550 key:escape up
S
measure() { python3 "$here/ui/capheight.py" "$@"; }
for size in 800x480 720x1280 1920x1080; do
	w=${size%x*} h=${size#*x}
	case $size in
	800x480) floor=40 digits=120 ;;
	720x1280) floor=56 digits=120 ;;
	1920x1080) floor=90 digits=270 ;;
	esac
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state-$size" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$UNKNOT" --size "$size" --fast \
	 --journal "$T/j-$size" --input "$T/script" --screenshot "$T/$size" "$T/floor.json" \
	 >/dev/null 2>"$T/err-$size")
	shot() { sed -n "s|^unknot: screenshot \(.*\.bmp\) at $1 ms$|\1|p" "$T/err-$size" | head -1; }
	for spec in "get-ready 3000 LEFT" "hold 8000 LEFT" "ease-off 12000 LEFT" "user-paced 24000 RIGHT"; do
		set -- $spec
		what="$size $1" f=$(shot "$2") side=$3
		[ -n "$f" ] || { nok "$what: a screenshot at $2 ms (none)"; continue; }
		[ -n "${KEEP:-}" ] && cp "$f" "$T/$size-$1.bmp"
		# Text colour: the first (topmost) line is the target, the tallest ink the countdown.
		set -- $(measure "$f" 240 243 247 | awk -v min=8 '$3 >= min' | head -1)
		tcap=${3:-0}
		dcap=$(measure "$f" 240 243 247 | awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }')
		if [ "$side" = LEFT ]; then scol="70 225 225"; else scol="255 130 210"; fi
		scap=$(measure "$f" $scol | awk 'BEGIN { m = 0 } $3 > m { m = $3 } END { print m }')
		check "$what: the target's capital is >= $floor px ($tcap)" '[ "$tcap" -ge "$floor" ]'
		check "$what: the side word $side is >= $floor px in its colour ($scap)" '[ "$scap" -ge "$floor" ]'
		check "$what: the countdown is >= $digits px ($dcap)" '[ "$dcap" -ge "$digits" ]'
	done
	early=$(shot 27000) late=$(shot 31000)
	we=$(python3 "$here/ui/bmpcheck.py" near "${early:-/dev/null}" 255 193 70 30 2>/dev/null || echo 0)
	wl=$(python3 "$here/ui/bmpcheck.py" near "${late:-/dev/null}" 255 193 70 30 2>/dev/null || echo 0)
	check "$size: a tap before min_s shows \"Stay a little longer\" in amber ($we pixels)" '[ "$we" -ge 300 ]'
	check "$size: the hint is gone once min_s has passed ($wl amber pixels)" '[ "$wl" -lt 40 ]'
	[ -n "${KEEP:-}" ] && [ -n "$early" ] && cp "$early" "$T/$size-early.bmp"
	check "$size: the discomfort hold was journaled" 'grep -q "\"event\":\"discomfort\"" "$T/j-$size"'
done
exit $fail
