#!/bin/sh
# Configuration layers through the real binary: /etc/unknot/config.json
# (here $UNKNOT_SYSCONFDIR), then the user's ~/.config/unknot/config.json over
# it, then command-line flags; $UNKNOT_CONFIG or --config FILE alone. Errors
# name the file (FILE:LINE:COLUMN: key: what). Log levels from "log_level"
# and $UNKNOT_LOG_LEVEL, and journald priorities when stderr is the journal.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$here/checks.sh"

ETC="$T/etc" USR="$T/xdg/unknot"
mkdir -p "$ETC" "$USR" "$T/routines" "$T/state"
cp "$here/ui/data/walk.json" "$T/routines/"
echo accepted >"$USR/safety-accepted"
printf '0.5 key:f13 up\n' >"$T/script"
# app ARGS...: one headless run; its first screen in $first, stderr in $T/err
app() {
	rm -rf "$T/shots"
	(cd "$here/.." && XDG_CONFIG_HOME="$T/xdg" XDG_STATE_HOME="$T/state" HOME="$T" \
	 UNKNOT_SYSCONFDIR="$ETC" UNKNOT_ROUTINES="$T/routines" SDL_VIDEODRIVER=dummy \
	 SDL_AUDIODRIVER=dummy "$UNKNOT" --size 800x480 --fast --input "$T/script" \
	 --screenshot "$T/shots" "$@" >/dev/null 2>>"$T/err")
	rc=$?
	first=$(ls "$T/shots" 2>/dev/null | head -1 | sed 's/^[0-9]*-//; s/\.bmp$//')
}
run() { : >"$T/err"; app "$@"; }

# kiosk mode shows the safety screen first even when it was accepted before
run
check "no config files: home mode (library first)" '[ $rc = 0 ] && [ "$first" = library ]'
echo '{ "kiosk": true, "admin_pin": "2468", "volume": 40 }' >"$ETC/config.json"
run
check "/etc config alone: kiosk (safety first)" '[ $rc = 0 ] && [ "$first" = safety ]'
echo '{ "kiosk": false }' >"$USR/config.json"
run
check "the user's config over /etc: home mode again" '[ $rc = 0 ] && [ "$first" = library ]'
run --kiosk
check "a flag over both: --kiosk" '[ $rc = 0 ] && [ "$first" = safety ]'
: >"$T/err"; UNKNOT_TRACE=1 app
check "the files read are logged in order" \
	'grep -q "^unknot: config: $ETC/config.json, $USR/config.json$" "$T/err"'
echo '{ "volume": 10 }' >"$T/only.json"
run --config "$T/only.json"
check "--config FILE: that file only (/etc kiosk ignored)" '[ $rc = 0 ] && [ "$first" = library ]'
rm "$USR/config.json"
UNKNOT_CONFIG="$T/only.json" run
check "\$UNKNOT_CONFIG: that file only" '[ $rc = 0 ] && [ "$first" = library ]'

# errors name the file, line, column and key; nothing starts
printf '{ "kiosk": true,\n  "admin_pin": "12" }\n' >"$ETC/config.json"
run
check "an error in /etc: exit 1, FILE:LINE:COL: key: what" \
	'[ $rc = 1 ] && [ "$(cat "$T/err")" = "unknot: $ETC/config.json:2:16: admin_pin: expected 4 to 8 digits, not 2 characters" ] && [ -z "$first" ]'
echo '{ "kiosk": true }' >"$ETC/config.json"
printf '{\n  "idle_minutes": 5,\n  "dim_minutes": -1\n}\n' >"$USR/config.json"
run
check "an error in the user's file names that file" \
	'[ $rc = 1 ] && grep -q "^unknot: $USR/config.json:3:18: dim_minutes: -1 is out of range (0..1440)$" "$T/err"'
printf '{ "idle_minuts": 5 }\n' >"$USR/config.json"
run
check "a typo in a key: did you mean" \
	'[ $rc = 1 ] && grep -q "$USR/config.json:1:3: idle_minuts: unknown key \"idle_minuts\" (did you mean \"idle_minutes\"?)" "$T/err"'
run --config "$T/missing.json"
check "a missing --config file: exit 1 naming it" \
	'[ $rc = 1 ] && grep -q "^unknot: $T/missing.json: No such file or directory$" "$T/err"'
UNKNOT_CONFIG="$T/missing2.json" run
check "a missing \$UNKNOT_CONFIG file: exit 1 naming it" \
	'[ $rc = 1 ] && grep -q "^unknot: $T/missing2.json: No such file or directory$" "$T/err"'
# --simulate reads the same layers
out=$(cd "$here/.." && XDG_CONFIG_HOME="$T/xdg" HOME="$T" UNKNOT_SYSCONFDIR="$ETC" \
      "$UNKNOT" --simulate "$T/routines/walk.json" --input "$T/script" 2>&1 >/dev/null); src=$?
check "--simulate reads the layers too (the user's typo stops it)" \
	'[ $src = 1 ] && echo "$out" | grep -q "$USR/config.json:1:3: idle_minuts"'
rm "$USR/config.json"

# log levels: the kiosk-without-PIN warning shows at "warn", not at "error";
# $UNKNOT_LOG_LEVEL wins over the config
echo '{ "kiosk": true, "log_level": "warn" }' >"$ETC/config.json"
run
check "log_level warn: the warning is printed" 'grep -q "kiosk mode without \"admin_pin\"" "$T/err"'
echo '{ "kiosk": true, "log_level": "error" }' >"$ETC/config.json"
run
check "log_level error: it is not" '[ $rc = 0 ] && ! grep -q "admin_pin" "$T/err"'
: >"$T/err"; UNKNOT_LOG_LEVEL=warn app
check "UNKNOT_LOG_LEVEL=warn over the config's error" 'grep -q "kiosk mode without" "$T/err"'
: >"$T/err"; UNKNOT_LOG_LEVEL=debug app
check "UNKNOT_LOG_LEVEL=debug: debug lines (the files read)" 'grep -q "^unknot: config: $ETC/config.json$" "$T/err"'
# under journald (JOURNAL_STREAM = stderr's device:inode): <N> priorities
echo '{ "kiosk": true }' >"$ETC/config.json"
: >"$T/err"
JOURNAL_STREAM=$(stat -c '%d:%i' "$T/err") app
check "under the journal: <4> for a warning, no 'unknot:' prefix" \
	'grep -q "^<4>kiosk mode without" "$T/err" && ! grep -q "^unknot:" "$T/err"'
exit $fail
