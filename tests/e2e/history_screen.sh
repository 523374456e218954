#!/bin/sh
# The History screen rendered headless (tests/helpers/history_shot) at 800x480
# with a generated month: the charts are drawn (bars in the "completed" green,
# the discomfort line in amber); an empty history draws neither; kiosk mode
# shows no personal history (no discomfort chart).
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
shot="$BUILD/tests/helpers/history_shot"
[ -x "$shot" ] || { echo "history_shot not built"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

for m in home kiosk empty; do
	if "$shot" "$tmp/$m.png" 800 480 $m 2>"$tmp/$m.err"; then
		echo "ok history_shot $m renders"
	else
		cat "$tmp/$m.err"
		echo "not ok history_shot $m renders"
	fi
done
# Counts pixels of the theme's green (completed) and amber (discomfort) in each PNG.
here=$(cd "$(dirname "$0")/.." && pwd)
px="python3 $here/ui/pngcount.py"
sizes_ok=true
for m in home kiosk empty; do
	[ -f "$tmp/$m.png" ] || { echo "not ok $m.png written"; sizes_ok=false; continue; }
	[ "$($px size "$tmp/$m.png")" = "800 480" ] || sizes_ok=false
	eval "green_$m=\$($px near "$tmp/$m.png" 96 214 140)"
	eval "amber_$m=\$($px near "$tmp/$m.png" 255 193 70)"
done
$sizes_ok && echo "ok screens are 800x480" || echo "not ok screens are 800x480"
if [ -f "$tmp/home.png" ] && [ -f "$tmp/kiosk.png" ] && [ -f "$tmp/empty.png" ]; then
	[ "$green_home" -gt 3000 ] && echo "ok home draws the sessions-per-day bars ($green_home green px)" ||
		echo "not ok home draws the sessions-per-day bars ($green_home green px)"
	[ "$amber_home" -gt 200 ] && echo "ok home draws the discomfort chart ($amber_home amber px)" ||
		echo "not ok home draws the discomfort chart ($amber_home amber px)"
	[ "$green_empty" = 0 ] && [ "$amber_empty" = 0 ] && echo "ok empty history draws no bars and no marks" ||
		echo "not ok empty history draws no bars and no marks"
	[ "$amber_kiosk" = 0 ] && [ "$green_kiosk" -lt $((green_home / 4)) ] &&
		echo "ok kiosk shows no discomfort chart or bars" || echo "not ok kiosk shows no discomfort chart or bars"
fi
