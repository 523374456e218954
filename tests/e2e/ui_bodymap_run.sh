#!/bin/sh
# The body map on the run screen stands beside the instruction at the full
# height of its column, so the highlighted muscle is big enough to see: the
# upper trapezius highlight (the compression colour) covers at least this many
# pixels in the map's part of the screen at each size (stacked under the text
# it was 58 / 76 / 234 pixels at 800x480 / 720x1280 / 1920x1080). Since the
# floor-first layout (issue 17: the target and the side word LEFT / RIGHT at
# >= 40 px cap height across the top) the map has less room: the regions are
# the map's column under the side word (the tool's name beside LEFT is in the
# same colour and stays out), 115 / 220 / 444 pixels when measured.
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
chk="python3 $here/ui/bmpcheck.py"
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
# Start, then F12 21 s into the first compression (upper trapezius, left).
cat >"$T/script" <<EOF
0.500 key:return down
0.600 key:return up
30.200 key:f12 down
30.300 key:f12 up
31.000 key:escape down
31.100 key:escape up
31.500 key:escape down
31.600 key:escape up
EOF
# size  region of the map (x y w h)  minimum highlight pixels
for spec in "800x480 670 200 130 200 80" "720x1280 440 770 280 200 200" "1920x1080 1560 420 360 400 320"; do
	set -- $spec
	size=$1; shift
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$UNKNOT" --size $size --fast \
	 --journal "$T/j-$size" --input "$T/script" --screenshot "$T/$size" \
	 routines/neck-tension-headache.json >/dev/null 2>"$T/err")
	shot=$(grep -o "[^ ]*-run.bmp" "$T/err" | tail -1)
	[ -n "$shot" ] || shot=/nonexistent
	min=$5
	n=$($chk nearin "$shot" $1 $2 $3 $4 255 138 76 30 2>/dev/null || echo 0)
	check "$size: the highlighted muscle on the run screen's body map is big ($n pixels >= $min)" \
		'[ "$n" -ge "$min" ]'
done
exit $fail
