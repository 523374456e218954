#!/bin/sh
# Hot reload with real files and the real clock: routines copied into a
# routine folder while the app runs appear in the library without a restart
# (inotify, no polling); a broken one is listed on the kiosk's admin page
# (after the PIN), not to users; a new subfolder (a USB stick mounted there)
# counts too; and a change made during a session is applied only once the
# library is back on screen.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
. "$here/checks.sh"
command -v timeout >/dev/null || { echo "timeout not found"; exit 77; }
# under valgrind (make valgrind) everything is ~10x slower: the script starts
# later (the app takes ~2 s to its first frame) and the waits are longer; the
# behaviour checked is the same
S=1 OFF=0
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && S=4 OFF=6

TINY='{ "format": 1, "title": "Tiny", "steps": [ { "kind": "rest", "duration_s": 3 } ] }'
HIPS='{ "format": 1, "title": "Hips", "steps": [ { "kind": "rest", "duration_s": 5 } ] }'

# start NAME CONFIG SCRIPT: the app in the background, in real time, run from
# its own folder so that only $d/routines is a routine folder
start() {
	d="$T/$1"
	mkdir -p "$d/routines" "$d/config/unknot" "$d/etc" "$d/data"
	echo "$TINY" >"$d/routines/tiny.json"
	echo accepted >"$d/config/unknot/safety-accepted"
	printf '%s\n' "$2" >"$d/config/unknot/config.json"
	printf '%s\n' "$3" | awk -v o=$OFF '$1 ~ /^[0-9.]+$/ { $1 = $1 + o } { print }' >"$d/script"
	(cd "$d" && XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" XDG_DATA_HOME="$d/data" \
	 HOME="$d" UNKNOT_SYSCONFDIR="$d/etc" UNKNOT_ROUTINES="$d/routines" SDL_VIDEODRIVER=dummy \
	 SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 exec timeout -s KILL $((60 * S)) \
	 "$UNKNOT" --size 800x480 --input "$d/script" --screenshot "$d/shots" >/dev/null 2>"$d/err") &
	pid=$!
}
# wait_for NAME PATTERN [SECONDS]: until the app logged PATTERN (0) or not (1)
wait_for() {
	i=0
	while [ $i -lt $((${3:-5} * 10 * S)) ]; do
		grep -q "$2" "$T/$1/err" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
finish() { wait "$pid"; rc=$?; pid=; }

# 1. The kiosk's library: add a routine, a broken file, a subfolder with one.
start kiosk '{ "kiosk": true, "admin_pin": "2468" }' '
0.3  key:return down
0.4  key:return up
9.0  touch 10 10 down
14.5 touch 10 10 up
15.0 key:2 down
15.1 key:4 down
15.2 key:6 down
15.3 key:8 down
15.4 key:return down
16.0 key:f13 up'
d="$T/kiosk"
wait_for kiosk "press accept" 8
wait_for kiosk "watching 1 routine folder" 1
check "the routine folder is watched" 'grep -q "watching 1 routine folder" "$d/err"'
echo "$HIPS" >"$d/hips.tmp" && mv "$d/hips.tmp" "$d/routines/hips.json"
check "a routine moved in appears (2 loaded)" 'wait_for kiosk "routines: 2 loaded, 0 broken" 3'
printf '{ "format": 1, "title": "Bad", "steps": [ { "kind": "rest" } ] }\n' >"$d/routines/bad.json"
check "a broken file is noticed (2 loaded, 1 broken)" 'wait_for kiosk "routines: 2 loaded, 1 broken" 3'
mkdir "$d/routines/usb"
sleep $S
cp "$here/ui/data/walk.json" "$d/routines/usb/"
check "a routine on a new subfolder (a USB stick) appears (3 loaded)" 'wait_for kiosk "routines: 3 loaded, 1 broken" 3'
rm "$d/routines/hips.json"
check "a deleted routine goes (2 loaded)" 'wait_for kiosk "routines: 2 loaded, 1 broken" 3'
finish
check "kiosk: exits 0" '[ "$rc" = 0 ]'
check "the admin page lists the broken file with its error" \
	'grep -q "admin: broken: .*/bad.json:1:[0-9]*: steps\[0\]" "$d/err"'
check "the library was redrawn after the changes" '[ "$(ls "$d/shots" | grep -c library)" -ge 3 ]'
check "the admin page was shown" 'ls "$d/shots" | grep -q admin'
check "nothing printed per frame (under 80 lines in 16 s)" '[ "$(wc -l <"$d/err")" -lt 80 ]'

# 2. A routine dropped in during a session: applied once the library is back.
start session '{}' '
0.3  key:return down
0.4  key:return up
0.8  key:return down
0.9  key:return up
6.0  key:return down
6.1  key:return up
7.5  key:f13 up'
d="$T/session"
wait_for session "press start" 8
echo "$HIPS" >"$d/routines/hips.json"
sleep $S
check "no rescan during the session" '! grep -q "routines:" "$d/err"'
finish
check "session: exits 0" '[ "$rc" = 0 ]'
done_line=$(grep -n "press done" "$d/err" | head -1 | cut -d: -f1)
reload_line=$(grep -n "routines: 2 loaded, 0 broken" "$d/err" | head -1 | cut -d: -f1)
check "the rescan came after the summary's Done (lines $done_line < $reload_line)" \
	'[ -n "$done_line" ] && [ -n "$reload_line" ] && [ "$done_line" -lt "$reload_line" ]'
exit $fail
