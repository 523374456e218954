#!/bin/sh
# The real UI, headless (dummy video driver, software renderer, virtual clock):
# walks safety -> library -> preview -> run (a transition, a pause, discomfort,
# +15 s, next, a second discomfort that offers to skip) -> summary at 800x480,
# 720x1280 and 1920x1080, saving every distinct screen, and checks what a user
# would notice: every screen has content, the countdown digits change, and the
# touch buttons do what they say (pause -> paused overlay and a journaled
# pause/resume; next -> the step ends "advanced"; +15 s -> extend).
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
chk="python3 $here/ui/bmpcheck.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/routines"
cp "$here/ui/data/walk.json" "$here/ui/data/broken.json" "$T/routines/"

ok() { echo "ok $1"; }
nok() { echo "not ok $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }
fail=0

# Touch points of the layout, computed from the window size as the app does.
points() {
	python3 "$here/ui/points.py" "$1" "$2"
}

walk() {
	size=$1
	w=${size%x*} h=${size#*x}
	eval "$(points "$w" "$h")"
	d="$T/$size"
	mkdir -p "$d"
	python3 "$here/ui/points.py" "$w" "$h" --walk >"$d/script"
	(cd "$here/.." && XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" HOME="$d" \
	 UNKNOT_ROUTINES="$T/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size "$size" --input "$d/script" --fast --screenshot "$d/shots" \
	           --journal "$d/journal.jsonl" >"$d/out" 2>"$d/err")
	rc=$?
	check "$size: the walk exits 0" '[ $rc = 0 ]'
	[ $rc = 0 ] || cat "$d/err"
	shots=$(ls "$d/shots" 2>/dev/null)
	for screen in safety library preview run paused summary; do
		check "$size: a $screen screen was shown" 'echo "$shots" | grep -q -- "-$screen.bmp"'
	done
	check "$size: the walk ends on the summary" 'echo "$shots" | tail -1 | grep -q -- "-summary.bmp"'
	check "$size: the paused overlay follows the touch on Pause" \
		'echo "$shots" | grep -A1 -- "-run.bmp" | grep -q -- "-paused.bmp"'
	first=$(echo "$shots" | head -1)
	check "$size: screenshots have the window size" '[ "$($chk size "$d/shots/$first")" = "$w $h" ]'
	blank=0
	for f in $shots; do
		n=$($chk colors "$d/shots/$f")
		[ "$n" -ge 40 ] || { echo "# $f has only $n colours"; blank=1; }
	done
	check "$size: no screen is blank (>= 40 colours each)" '[ $blank = 0 ]'
	# The digits: the rectangle the run screen reports, hashed in every run shot.
	rect=$(sed -n 's/.*layout [0-9x]* digits \([0-9,]*\).*/\1/p' "$d/err" | head -1 | tr , ' ')
	check "$size: the run screen reports its digits rectangle" '[ -n "$rect" ]'
	nd=$(for f in $(echo "$shots" | grep -- "-run.bmp"); do $chk region "$d/shots/$f" $rect; done | sort -u | wc -l)
	check "$size: the countdown digits change between run screens ($nd different)" '[ "$nd" -ge 5 ]'
	j="$d/journal.jsonl"
	check "$size: the touch on Pause paused the session (journal)" 'grep -q "\"event\":\"pause\"" "$j"'
	check "$size: the pedal tap resumed it (journal)" 'grep -q "\"event\":\"resume\"" "$j"'
	check "$size: the touch on +15 s extended the step (journal)" 'grep -q "\"event\":\"extend\",.*\"index\":2" "$j"'
	check "$size: the touch on Next ended the left side early (journal)" \
		'grep "\"event\":\"step_end\"" "$j" | grep "\"index\":2," | grep -q "\"reason\":\"advanced\""'
	check "$size: three discomfort holds were journaled" '[ "$(grep -c "\"event\":\"discomfort\"" "$j")" = 3 ]'
	check "$size: the session completed" 'grep -q "\"event\":\"session_end\".*completed" "$j"'
	warn=0
	for f in $(echo "$shots" | grep -- "-run.bmp"); do
		n=$($chk exact "$d/shots/$f" 255 193 70)
		[ "$n" -gt "$warn" ] && warn=$n
	done
	check "$size: the discomfort guidance shows in amber on the run screen" '[ "$warn" -gt 500 ]'
	check "$size: first frame traced" 'grep -q "first frame presented" "$d/err"'
	[ -n "$KEEP_SHOTS" ] && cp -r "$d/shots" "$KEEP_SHOTS/$size"
}

for size in 800x480 720x1280 1920x1080; do
	walk "$size"
done
exit $fail
