#!/bin/sh
# Issue 19 item 14: at a kiosk, the settings that change the station (volume,
# mute, rotation) are behind the admin PIN, and the idle return restores the
# configured state. Through the real binary on the virtual clock (--fast), by
# touches at 800x480: the library has no Settings button (a tap where it is
# in home mode opens nothing); corner hold + PIN + the admin page's Settings
# opens it; mute and rotate work there; left alone, the idle return turns the
# screen back (the library looks as before) and unmutes.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
. "$here/checks.sh"

# run NAME CONFIG-JSON SCRIPT
run() {
	d="$T/$1"
	mkdir -p "$d/routines" "$d/config/unknot" "$d/etc"
	cp "$here/ui/data/walk.json" "$d/routines/"
	printf '%s\n' "$2" >"$d/config/unknot/config.json"
	printf '%s\n' "$3" >"$d/script"
	(cd "$here/.." && XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" HOME="$d" \
	 UNKNOT_SYSCONFDIR="$d/etc" UNKNOT_ROUTINES="$d/routines" SDL_VIDEODRIVER=dummy \
	 SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 UNKNOT_AUDIO_LOG="${UNKNOT_AUDIO_LOG:-}" \
	 "$UNKNOT" --size 800x480 --fast --journal "$d/journal.jsonl" --input "$d/script" \
	           --screenshot "$d/shots" >/dev/null 2>"$d/err")
	echo $? >"$d/rc"
}
tap() { printf '%s touch %s down\n%s.05 touch %s up\n' "$1" "$2" "$1" "$2"; }
screens() { ls "$T/$1/shots" 2>/dev/null | sed 's/^[0-9]*-//; s/\.bmp$//' | uniq | tr '\n' ' '; }

CFG='{ "kiosk": true, "admin_pin": "2468", "idle_minutes": 1 }'
ACCEPT='0.5 key:return down
0.6 key:return up'

# 1. Without the PIN: the home-mode Settings place (top right) does not open
# Settings (History is there now).
run locked "$CFG" "$ACCEPT
$(tap 1 '735 30')
$(tap 2 '720 40')
3.0 key:f13 up"
check "locked: exits 0" '[ "$(cat $T/locked/rc)" = 0 ]'
check "locked: no Settings screen without the PIN ($(screens locked))" \
	'screens locked | grep -q "^safety library" && ! screens locked | grep -q settings && grep -q "press " $T/locked/err'

# 2. Corner hold, PIN, admin page Settings: mute and rotate work; the idle
# return (1 min) restores sound and rotation and locks Settings again.
run admin "$CFG" "$ACCEPT
1.0 touch 10 10 down
6.5 touch 10 10 up
$(tap 7 '560 68')
$(tap 8 '409 182')
$(tap 9 '712 182')
$(tap 10 '560 296')
$(tap 11 '712 410')
$(tap 12 '400 434')
$(tap 13 '300 178')
$(tap 14 '300 248')
100.0 key:f12 down
100.1 key:f12 up
101.0 key:f13 up"
last=$(ls "$T/admin/shots" | tail -1)
check "admin: exits 0" '[ "$(cat $T/admin/rc)" = 0 ]'
check "admin: pad, admin page, Settings, then the library ($(screens admin))" \
	'screens admin | grep -q "pin admin settings library $"'
check "admin: mute and rotate pressed on Settings" \
	'grep -q "press mute 0 on settings" $T/admin/err && grep -q "press rotate 0 on settings" $T/admin/err'
check "admin: the screen was turned to 90 degrees" 'grep -q "rotation 90" $T/admin/err'
check "admin: the idle return restored sound and rotation" \
	'grep -q "idle return: sound on restored" $T/admin/err && grep -q "idle return: rotation 0 restored" $T/admin/err'
check "admin: after the idle return the library looks as before, unrotated ($last)" \
	'cmp -s "$T/admin/shots/0002-library.bmp" "$T/admin/shots/$last"'

# 3. Issue 18: before every kiosk session the general frequency advice is
# spoken (the audio log's "say" line, when this build can speak) as the
# preview opens; twice for two previews.
UNKNOT_AUDIO_LOG="$T/audio.log" run freq "$CFG" "$ACCEPT
$(tap 1 '200 150')
2.0 key:escape down
2.1 key:escape up
$(tap 3 '200 150')
4.0 key:f13 up"
if grep -q "^speech yes" "$T/audio.log" 2>/dev/null; then
	check "frequency advice: spoken at each kiosk preview ($(screens freq))" \
		'[ "$(grep -c "^say " "$T/audio.log")" = 2 ]'
else
	echo "ok frequency advice: # SKIP this build cannot speak"
fi
