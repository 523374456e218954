#!/bin/sh
# The kiosk's hidden admin exit, driven through the real binary on the
# virtual clock (--fast): hold the top-left corner 5 s (4 s is not enough),
# enter the PIN on the on-screen pad (touches at 800x480); a wrong PIN shows
# a message and returns; no PIN configured says so; the right PIN opens the
# admin page listing the broken routine files (hidden from users in the
# library), and "Leave kiosk" ends a running session and exits 64. Screenshots
# of the pad and the admin page at 800x480 and 720x1280 are checked to exist.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
. "$here/checks.sh"

# run NAME CONFIG-JSON SCRIPT [SIZE] [ARGS...]
run() {
	name=$1 cfg=$2 scr=$3 size=${4:-800x480}
	if [ $# -ge 4 ]; then shift 4; else shift $#; fi
	d="$T/$name"
	mkdir -p "$d/routines" "$d/config/unknot" "$d/etc"
	cp "$here/ui/data/walk.json" "$d/routines/"
	[ -n "${ACCEPTED:-}" ] && echo accepted >"$d/config/unknot/safety-accepted"
	[ -n "${BROKEN:-}" ] && printf '{ "format": 1,\n  "title": 5 }\n' >"$d/routines/broken.json"
	printf '%s\n' "$cfg" >"$d/config/unknot/config.json"
	printf '%s\n' "$scr" >"$d/script"
	(cd "${RUNDIR:-$here/..}" && XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" HOME="$d" \
	 UNKNOT_SYSCONFDIR="$d/etc" UNKNOT_ROUTINES="$d/routines" SDL_VIDEODRIVER=dummy \
	 SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size "$size" --fast --journal "$d/journal.jsonl" --input "$d/script" \
	           --screenshot "$d/shots" "$@" >/dev/null 2>"$d/err")
	echo $? >"$d/rc"
	seq=$(ls "$d/shots" 2>/dev/null | sed 's/^[0-9]*-//; s/\.bmp$//' | uniq | tr '\n' ' ')
	echo "# $name screens: $seq"
}
has() { grep -q "$2" "$T/$1/err"; }
# the app-clock ms at which screenshot NAME was first saved
shot_at() { sed -n "s|^unknot: screenshot .*-$2\.bmp at \([0-9]*\) ms$|\1|p" "$T/$1/err" | head -1; }

PIN='{ "kiosk": true, "admin_pin": "2468" }'
# PIN pad keys at 800x480 (3 columns right of the title, 4 rows)
key() {
	case $2 in
	1) xy="409 68" ;; 2) xy="560 68" ;; 3) xy="712 68" ;;
	4) xy="409 182" ;; 5) xy="560 182" ;; 6) xy="712 182" ;;
	7) xy="409 296" ;; 8) xy="560 296" ;; 9) xy="712 296" ;;
	E) xy="409 410" ;; 0) xy="560 410" ;; K) xy="712 410" ;;
	C) xy="170 434" ;; L) xy="594 434" ;; B) xy="205 434" ;;
	esac
	printf '%s touch %s down\n%s.05 touch %s up\n' "$1" "$xy" "$1" "$xy"
}
ACCEPT='0.5 key:return down
0.6 key:return up'

# 1. The hold: 4 s opens nothing, 5 s opens the pad; a wrong PIN (touches)
# shows "Wrong PIN" over the library and the pad is gone.
run wrong "$PIN" "$ACCEPT
1.0 touch 10 10 down
5.0 touch 10 10 up
6.0 touch 10 10 down
11.5 touch 10 10 up
$(key 12 1)
$(key 13 2)
$(key 14 3)
$(key 15 4)
$(key 16 K)
20.0 key:f13 up"
check "wrong: exits 0 at the end of the script" '[ "$(cat $T/wrong/rc)" = 0 ]'
check "wrong: a 4 s hold opens nothing, 5 s the pad (at 11 s: $(shot_at wrong pin))" \
	'[ "$(shot_at wrong pin)" = 11000 ] && [ "$(grep -c "corner held" $T/wrong/err)" = 1 ]'
check "wrong: library, pad, message, library" 'echo "$seq" | grep -q "^safety library pin message library $"'
check "wrong: the message goes after 3 s" '[ "$(shot_at wrong message)" = 16050 ]'
check "wrong: logged as a warning" 'has wrong "admin: wrong PIN"'

# 2. Erase and Cancel: 2 4 6 9 Erase 8 would be right, but Cancel closes it.
run cancel "$PIN" "$ACCEPT
1.0 touch 10 10 down
6.5 touch 10 10 up
$(key 7 2)
$(key 8 4)
$(key 9 C)
10.0 key:f13 up"
check "cancel: back to the library, nothing accepted" \
	'echo "$seq" | grep -q "pin library $" && ! has cancel "PIN accepted" && ! has cancel "wrong PIN"'

# 3. The right PIN during a session: the admin page lists the broken file;
# Leave kiosk ends the session (journaled abandoned) and exits 64 at once.
BROKEN=1 run leave "$PIN" "$ACCEPT
1.0 key:return down
1.1 key:return up
1.5 key:return down
1.6 key:return up
2.0 key:return down
2.1 key:return up
3.0 touch 10 10 down
8.5 touch 10 10 up
$(key 9 2)
$(key 10 4)
$(key 11 6)
$(key 12 9)
$(key 13 E)
$(key 14 8)
$(key 15 K)
$(key 17 L)
40.0 key:f13 up"
J="$T/leave/journal.jsonl"
check "leave: exits 64 (the admin exit: systemd does not restart it)" '[ "$(cat $T/leave/rc)" = 64 ]'
check "leave: run, pad, admin page" 'echo "$seq" | grep -q "run pin admin $"'
check "leave: the admin page lists the broken file and its error" \
	'has leave "admin: PIN accepted; [0-9]* routines, 1 broken files" && has leave "admin: broken: .*/broken.json:[0-9]*:[0-9]*: "'
check "leave: the session was ended as abandoned when the app left" \
	'tail -1 "$J" | grep -q "\"event\":\"session_end\".*\"outcome\":\"abandoned\""'
check "leave: the corner hold did not act on the run screen (no pause)" '! grep -q "\"event\":\"pause\"" "$J"'
check "leave: the app left at 17 s, before the script's end" \
	'has leave "admin: leaving the kiosk" && has leave "exit after 17050 ms"'

# 4. No PIN configured: the hold says so (and the start warned); OK returns.
run nopin '{ "kiosk": true }' "$ACCEPT
1.0 touch 10 10 down
6.5 touch 10 10 up
7.0 touch 400 380 down
7.05 touch 400 380 up
8.0 key:f13 up"
check "no PIN: the note, then the library" 'echo "$seq" | grep -q "library nopin library $"'
check "no PIN: warned at start" 'has nopin "kiosk mode without \"admin_pin\""'

# 5. Home mode: the corner is just a corner.
run home '{ "admin_pin": "2468" }' "$ACCEPT
1.0 touch 10 10 down
6.5 touch 10 10 up
7.0 key:f13 up"
check "home mode: no admin pad" '! echo "$seq" | grep -q pin && ! has home "corner held"'

# 6. Kiosk users never see broken files: the library is pixel-identical with
# and without one; in home mode it is listed.
run k_clean "$PIN" "$ACCEPT
2.0 key:f13 up"
BROKEN=1 run k_broken "$PIN" "$ACCEPT
2.0 key:f13 up"
check "kiosk: a broken file is not shown in the library" \
	'[ -s "$T/k_clean/shots/0002-library.bmp" ] && cmp -s "$T/k_clean/shots/0002-library.bmp" "$T/k_broken/shots/0002-library.bmp"'
# (started outside the source tree, so the bundled routines do not push the
# broken file, listed after every good one, to a later page)
ACCEPTED=1 RUNDIR="$T" run h_clean '{}' "2.0 key:f13 up"
ACCEPTED=1 BROKEN=1 RUNDIR="$T" run h_broken '{}' "2.0 key:f13 up"
check "home mode: the broken file is shown in the library" \
	'[ -s "$T/h_broken/shots/0001-library.bmp" ] && [ -s "$T/h_clean/shots/0001-library.bmp" ] &&
	 ! cmp -s "$T/h_clean/shots/0001-library.bmp" "$T/h_broken/shots/0001-library.bmp"'

# 7. The pad and the admin page in portrait (720x1280), entered with keys.
for size in 800x480 720x1280; do
	BROKEN=1 run "shots-$size" "$PIN" "$ACCEPT
1.0 touch 10 10 down
6.5 touch 10 10 up
7.0 key:2 down
7.5 key:4 down
8.0 key:6 down
8.5 key:8 down
9.0 key:return down
9.5 key:f13 up" "$size"
	check "$size: PIN pad and admin page drawn" \
		'[ -s "$T/shots-$size/shots/0003-pin.bmp" ] && ls "$T/shots-$size/shots/" | grep -q admin.bmp'
	if [ -n "${KIOSK_SHOTS:-}" ]; then mkdir -p "$KIOSK_SHOTS"; cp "$T/shots-$size/shots/"*.bmp "$KIOSK_SHOTS/"; fi
done
exit $fail
