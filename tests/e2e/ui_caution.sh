#!/bin/sh
# A step's caution is shown first, in the warning colour (never the "good"
# green): on the "get ready" before the hold (with the step's placement), during
# the hold, and on the preview (issue 18). The same routine without its
# caution shows no warning colour there, so the pixels are the caution's.
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
. "$here/checks.sh"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/with.json" <<'R'
{ "format": 1, "title": "Caution test", "defaults": { "transition_s": 8 },
  "steps": [ { "kind": "repeat", "sides": ["left", "right"], "steps": [
    { "kind": "compression", "tool": "ball", "target": "piriformis", "duration_s": 60,
      "placement": "Upper outer buttock, on the line from the hip's bony knob to the sacrum.",
      "caution": "Stay above and outside the middle of the buttock: the sciatic nerve runs there.",
      "text": "Lean onto the ball to 5-7 out of 10 and breathe slowly." },
    { "kind": "stretch", "target": "piriformis", "duration_s": 30, "text": "Knee across the body." } ] } ] }
R
python3 -c 'import json,sys
d=json.load(open(sys.argv[1])); del d["steps"][0]["steps"][0]["caution"]
json.dump(d, open(sys.argv[2], "w"))' "$T/with.json" "$T/without.json"
# Preview with the compression row selected, start, F12 in the get-ready and in the hold.
cat >"$T/script" <<S
0.300 key:down down
0.350 key:down up
0.500 key:f12 down
0.550 key:f12 up
0.800 key:return down
0.850 key:return up
3.000 key:f12 down
3.050 key:f12 up
10.000 key:f12 down
10.050 key:f12 up
11.000 key:escape down
11.050 key:escape up
11.500 key:escape down
11.550 key:escape up
S
for r in with without; do
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$UNKNOT" --size 800x480 --fast \
	 --journal "$T/j-$r" --input "$T/script" --screenshot "$T/$r" "$T/$r.json" >/dev/null 2>"$T/err-$r")
done
# the screenshot saved by the F12 press at MS (the app also saves one per screen change)
shot() { sed -n "s|^unknot: screenshot \(.*\.bmp\) at $2 ms$|\1|p" "$T/err-$1" | head -1; }
# "WARN TEXT GREEN FIRST": warning-colour, text-colour and good-colour pixels in
# the box, and 1 when every warning pixel is above every text pixel.
measure() {
	python3 - "$here/ui" "$@" <<'PY'
import sys
sys.path.insert(0, sys.argv[1])
from bmpcheck import read_bmp
path, x0, y0, w, h = sys.argv[2], *map(int, sys.argv[3:7])
W, H, step, rows = read_bmp(path)
def px(x, y):
    r = rows[y]
    return r[x * step + 2], r[x * step + 1], r[x * step]
def near(c, ref, tol=30):
    return all(abs(a - b) <= tol for a, b in zip(c, ref))
warn, text, green, wy, ty = 0, 0, 0, -1, 10 ** 9
for y in range(y0, y0 + h):
    for x in range(x0, x0 + w):
        c = px(x, y)
        if near(c, (255, 193, 70)):
            warn += 1; wy = max(wy, y)
        elif near(c, (240, 243, 247), 20):
            text += 1; ty = min(ty, y)
        elif near(c, (96, 214, 140)):
            green += 1
print(warn, text, green, 1 if warn and text and wy < ty else 0)
PY
}
# The instruction box: the detail panel on the preview, right of the timer on the run screen.
for spec in "preview 500 370 80 212 230" "get-ready 3000 492 78 172 276" "hold 10000 492 78 172 276"; do
	set -- $spec
	what=$1
	w=$(shot with "$2"); wo=$(shot without "$2")
	set -- $( [ -n "$w" ] && measure "$w" $3 $4 $5 $6 || echo 0 0 0 0 ) \
	       $( [ -n "$wo" ] && measure "$wo" $3 $4 $5 $6 || echo 0 0 0 0 )
	warn=$1 text=$2 green=$3 first=$4 warn_without=$5
	check "$what: the caution is drawn in the warning colour ($warn pixels; $warn_without without a caution)" \
		'[ "$warn" -ge 400 ] && [ "$warn_without" -lt 40 ]'
	check "$what: never in the good colour ($green green pixels)" '[ -n "$w" ] && [ "$green" -lt 40 ]'
	check "$what: the caution comes first, above the text ($text text pixels)" '[ "$text" -ge 200 ] && [ "$first" = 1 ]'
done
exit $fail
