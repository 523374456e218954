#!/bin/sh
# Settings, the live pedal test and --rotate, headless at 800x480: the pedal
# test lists each recognised gesture with its duration, the volume and mute
# buttons act, and after rotating the screen by 90 degrees a touch on where the
# Back button is drawn (now rotated) still hits Back. Also: --rotate 270 from
# the command line rotates the first frame.
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
chk="python3 $here/ui/bmpcheck.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/routines" "$T/config/unknot"
cp "$here/ui/data/walk.json" "$T/routines/"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 UNKNOT_ROUTINES="$T/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" "$@")
}

# Touch points at 800x480 (scale 1: pad 16, gap 10, buttons 60, title 32):
# Settings in the library header; in Settings the volume "+" (end of row 1)
# and the rotation button (row 3) in the left column (52% of the width).
eval "$(python3 - <<'PY'
w, h, pad, gap, btn, title = 800, 480, 16, 10, 60, 32
print("SET_X=%d SET_Y=%d" % (w - pad - 75, pad // 2 + title))
left_w = (w - 2 * pad) * 52 // 100
row = lambda i: pad // 2 + btn + gap + i * (btn + gap) + btn // 2
print("PLUS_X=%d PLUS_Y=%d" % (pad + left_w - btn * 6 // 10, row(0)))
print("MUTE_X=%d MUTE_Y=%d" % (pad + left_w * 70 // 100, row(1)))
print("ROT_X=%d ROT_Y=%d" % (pad + left_w * 70 // 100, row(2)))
# After a 90 degree turn the logical screen is 480x800 (portrait, scale 1.1):
# Back sits at the top left; a logical point (lx, ly) is at window
# (800 - 1 - ly, lx).
s = 1.1
lpad, lbtn = int(16 * s + 0.5), int(60 * s + 0.5)
lx, ly = lpad + 40, lpad // 2 + lbtn // 2
print("BACK_X=%d BACK_Y=%d" % (w - 1 - ly, lx))
PY
)"
cat >"$T/script" <<EOF
0.500   touch $SET_X $SET_Y down
0.550   touch $SET_X $SET_Y up
1.000   pedal down
1.180   pedal up
2.000   pedal down
3.000   pedal up
4.000   touch $PLUS_X $PLUS_Y down
4.050   touch $PLUS_X $PLUS_Y up
4.500   touch $MUTE_X $MUTE_Y down
4.550   touch $MUTE_X $MUTE_Y up
5.000   touch $ROT_X $ROT_Y down
5.050   touch $ROT_X $ROT_Y up
6.000   touch $BACK_X $BACK_Y down
6.050   touch $BACK_X $BACK_Y up
EOF
run --size 800x480 --input "$T/script" --fast --screenshot "$T/shots" >"$T/out" 2>"$T/err"
rc=$?
check "settings walk exits 0" '[ $rc = 0 ]'
[ $rc = 0 ] || cat "$T/err"
check "the Settings button opens the settings" 'grep -q "press settings 0 on library" "$T/err"'
check "the pedal test recognises a tap (about 180 ms)" 'grep -Eq "gesture tap \(1[6-9][0-9] ms\)" "$T/err"'
check "the pedal test recognises a hold" 'grep -q "gesture hold" "$T/err"'
check "the pedal does not act on the settings screen" '! grep -Eq "press (card|start|next|back [0-9]+ on library)" "$T/err"'
check "+ raises the volume to 90" 'grep -q "volume 90" "$T/err"'
check "the sound button mutes" 'grep -q "press mute 0 on settings" "$T/err"'
check "rotation turns the screen to portrait" 'grep -q "rotation 90: logical 480x800" "$T/err"'
check "a touch on the rotated Back button goes back" 'grep -q "press back 0 on settings" "$T/err"'
shots=$(ls "$T/shots")
n=$(echo "$shots" | grep -c -- "-settings.bmp")
check "the pedal test screen changed with each press ($n settings frames)" '[ "$n" -ge 4 ]'
last=$(echo "$shots" | tail -1)
check "the rotated library is the last screen" 'echo "$last" | grep -q -- "-library.bmp"'
check "the rotated frame keeps the window size" '[ "$($chk size "$T/shots/$last")" = "800 480" ]'
first_lib=$(echo "$shots" | grep -- "-library.bmp" | head -1)
check "the rotated library differs from the unrotated one" \
	'[ "$($chk region "$T/shots/$first_lib" 0 0 800 480)" != "$($chk region "$T/shots/$last" 0 0 800 480)" ]'
check "the rotated frame is not blank" '[ "$($chk colors "$T/shots/$last")" -ge 40 ]'

# --rotate 270 from the command line: a portrait layout in a landscape window.
printf '0.000 key:x down\n0.000 key:x up\n' >"$T/quit"
run --size 800x480 --rotate 270 --input "$T/quit" --fast --screenshot "$T/rot" >/dev/null 2>"$T/err2"
check "--rotate 270 draws a frame" '[ -n "$(ls "$T/rot")" ]'
r=$(ls "$T/rot" | head -1)
check "--rotate 270 frame is the window size" '[ "$($chk size "$T/rot/$r")" = "800 480" ]'
check "--rotate 270 frame differs from the unrotated library" \
	'[ "$($chk region "$T/rot/$r" 0 0 800 480)" != "$($chk region "$T/shots/$first_lib" 0 0 800 480)" ]'

# One pedal chooses a routine in the library: a hold moves to the next card,
# a tap opens it.
cat >"$T/choose" <<EOF
0.500   pedal down
1.500   pedal up
2.000   pedal down
3.000   pedal up
3.500   pedal down
3.600   pedal up
EOF
run --size 800x480 --input "$T/choose" --fast >/dev/null 2>"$T/err3"
check "two pedal holds and a tap open the third routine" 'grep -q "press card 2 on library" "$T/err3"'
[ -n "$KEEP_SHOTS" ] && cp -r "$T/shots" "$T/rot" "$KEEP_SHOTS/"
exit $fail
