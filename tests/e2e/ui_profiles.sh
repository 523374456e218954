#!/bin/sh
# Home-mode profiles (issue 8): with "profiles" in the config the library has
# a "who is this?" picker; a session under each profile goes to that
# profile's own journal (journal-NAME.jsonl next to the default one), never to
# the default journal. The picker works with keys alone ("w", arrows, Enter).
# Kiosk mode shows no picker. Names in any script get a safe journal file name.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot" "$T/routines"
cp "$here/ui/data/walk.json" "$T/routines/"
echo accepted >"$T/config/unknot/safety-accepted"
echo '{ "profiles": ["anna", "ben"] }' >"$T/config/unknot/config.json"
. "$here/checks.sh"
t=0
k() { t=$((t + 1)); printf '%d.000 key:%s down\n%d.100 key:%s up\n' $t "$1" $t "$1"; }
{
	# Anna: open the picker, one down (Guest -> Anna), pick; open, start, end, done.
	k w; k down; k return; k return; k return; k escape; k escape; k return
	# Ben: the picker starts on Anna, one down -> Ben.
	k w; k down; k return; k return; k return; k escape; k escape; k return
} >"$T/script"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 UNKNOT_ROUTINES="$T/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size 800x480 --fast "$@")
}
run --input "$T/script" --screenshot "$T/shots" >/dev/null 2>"$T/err"
check "two profile sessions run" '[ $? = 0 ]'
J="$T/state/unknot"
check "Anna's session is in journal-anna.jsonl" \
	'[ "$(grep -c "\"event\":\"session_start\"" "$J/journal-anna.jsonl" 2>/dev/null)" = 1 ]'
check "Ben's session is in journal-ben.jsonl" \
	'[ "$(grep -c "\"event\":\"session_start\"" "$J/journal-ben.jsonl" 2>/dev/null)" = 1 ]'
check "nothing went to the default journal" '! grep -q session_start "$J/journal.jsonl" 2>/dev/null'
check "the journal lines name the profile" 'grep -q "\"profile\":\"ben\"" "$J/journal-ben.jsonl"'
check "the picker was shown" 'grep -q "press profile " "$T/err" && grep -q "profile Ben: journal" "$T/err"'
# A profile used before is found from its journal file, without the config.
rm "$T/config/unknot/config.json"
printf '1.000 key:w down\n1.100 key:w up\n' >"$T/again"
run --input "$T/again" --screenshot "$T/shots2" >/dev/null 2>"$T/err2"
check "profiles are found from their journal files" 'grep -q "press profile " "$T/err2" && ls "$T/shots2" | grep -q library'
n1=$(ls "$T/shots2" | wc -l)
check "the picker opened (a second, different library frame)" '[ "$n1" -ge 2 ]'
# Kiosk: past the safety screen the library has no picker, so "w" does nothing.
printf '1.000 key:return down\n1.100 key:return up\n2.000 key:w down\n2.100 key:w up\n' >"$T/kiosk"
run --kiosk --input "$T/kiosk" --screenshot "$T/shots3" >/dev/null 2>"$T/err3"
check "kiosk mode: no profile picker" \
	'ls "$T/shots3" | grep -q library && ! grep -q "press profile" "$T/err3" && [ "$(ls "$T/shots3" | grep -c library)" = 1 ]'
# Issue 21: names in any script. "Jürgen" and "山田" are accepted, each
# session goes to its own journal under a safe encoded file name, the lines
# carry the name as written, the names come back from the file names, and a
# slash is refused with FILE:LINE:COL: field.
printf '{ "profiles": ["J\\u00fcrgen", "\345\261\261\347\224\260"] }\n' >"$T/config/unknot/config.json"
t=0
{
	k w; k down; k return; k return; k return; k escape; k escape; k return
	k w; k down; k return; k return; k return; k escape; k escape; k return
} >"$T/uni"
run --input "$T/uni" >/dev/null 2>"$T/err4"
check "Unicode profile names: the app starts and runs two sessions" '[ $? = 0 ]'
check "Jürgen's session is in journal-J%C3%BCrgen.jsonl" \
	'[ "$(grep -c "\"event\":\"session_start\"" "$J/journal-J%C3%BCrgen.jsonl" 2>/dev/null)" = 1 ]'
check "山田's session is in journal-%E5%B1%B1%E7%94%B0.jsonl" \
	'[ "$(grep -c "\"event\":\"session_start\"" "$J/journal-%E5%B1%B1%E7%94%B0.jsonl" 2>/dev/null)" = 1 ]'
check "the journal lines carry the name as written" \
	'grep -q "\"profile\":\"J\\(ü\\|\\\\u00fc\\)rgen\"" "$J/journal-J%C3%BCrgen.jsonl"'
check "every journal file name is plain ASCII" '! ls "$J" | LC_ALL=C grep -q "[^A-Za-z0-9%._-]"'
# Without the config, every profile comes back from its journal file name:
# pick the next one four times (anna, ben, Jürgen, 山田 in some order).
rm "$T/config/unknot/config.json"
t=0
{ k w; k down; k return; k w; k down; k return; k w; k down; k return; k w; k down; k return; } >"$T/cycle"
run --input "$T/cycle" >/dev/null 2>"$T/err5"
check "Unicode names come back from their encoded journal file names" \
	'grep -q "profile Jürgen: journal .*journal-J%C3%BCrgen\.jsonl" "$T/err5" &&
	 grep -q "profile 山田: journal .*journal-%E5%B1%B1%E7%94%B0\.jsonl" "$T/err5"'
printf '{\n  "profile": "a/b"\n}\n' >"$T/config/unknot/config.json"
run --input "$T/cycle" >/dev/null 2>"$T/err6"
check "a name with a slash is refused at FILE:LINE:COL: profile" \
	'[ $? != 0 ] && grep -q "config.json:2:14: profile: may not hold" "$T/err6"'
exit $fail
