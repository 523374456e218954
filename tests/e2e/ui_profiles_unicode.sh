#!/bin/sh
# Profile names in any script (issue 21): "Jürgen" and "山田" are accepted, a
# session under each goes to its own journal with a safe encoded file name
# (journal-J%C3%BCrgen.jsonl), the journal lines carry the name as written,
# the profiles are found again from those file names, and a name with a
# slash is refused with FILE:LINE:COL: field.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot" "$T/routines"
cp "$here/ui/data/walk.json" "$T/routines/"
echo accepted >"$T/config/unknot/safety-accepted"
printf '{ "profiles": ["J\\u00fcrgen", "\345\261\261\347\224\260"] }\n' >"$T/config/unknot/config.json"
. "$here/checks.sh"
t=0
k() { t=$((t + 1)); printf '%d.000 key:%s down\n%d.100 key:%s up\n' $t "$1" $t "$1"; }
{
	# Jürgen: picker, Guest -> Jürgen, pick; open, start, end, done.
	k w; k down; k return; k return; k return; k escape; k escape; k return
	# 山田: the picker starts on Jürgen, one down.
	k w; k down; k return; k return; k return; k escape; k escape; k return
} >"$T/script"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 UNKNOT_ROUTINES="$T/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size 800x480 --fast "$@")
}
run --input "$T/script" --screenshot "$T/shots" >/dev/null 2>"$T/err"
check "the app starts with Unicode profile names and runs two sessions" '[ $? = 0 ]'
J="$T/state/unknot"
check "Jürgen's session is in journal-J%C3%BCrgen.jsonl" \
	'[ "$(grep -c "\"event\":\"session_start\"" "$J/journal-J%C3%BCrgen.jsonl" 2>/dev/null)" = 1 ]'
check "山田's session is in journal-%E5%B1%B1%E7%94%B0.jsonl" \
	'[ "$(grep -c "\"event\":\"session_start\"" "$J/journal-%E5%B1%B1%E7%94%B0.jsonl" 2>/dev/null)" = 1 ]'
check "the journal lines carry the name as written" \
	'grep -q "\"profile\":\"J\\(ü\\|\\\\u00fc\\)rgen\"" "$J/journal-J%C3%BCrgen.jsonl"'
check "every journal file name is plain ASCII" \
	'! ls "$J" | LC_ALL=C grep -q "[^A-Za-z0-9%._-]"'
check "nothing went to the default journal" '! grep -q session_start "$J/journal.jsonl" 2>/dev/null'
check "the picker named them" 'grep -q "profile Jürgen: journal" "$T/err" && grep -q "profile 山田: journal" "$T/err"'
# Found again from their journal files, without the config.
rm "$T/config/unknot/config.json"
printf '1.000 key:w down\n1.100 key:w up\n2.000 key:down down\n2.100 key:down up\n3.000 key:return down\n3.100 key:return up\n' >"$T/again"
run --input "$T/again" --screenshot "$T/shots2" >/dev/null 2>"$T/err2"
check "a profile is found again from its encoded journal file" \
	'grep -q "profile \(Jürgen\|山田\): journal .*journal-\(J%C3%BCrgen\|%E5%B1%B1%E7%94%B0\)\.jsonl" "$T/err2"'
# A slash is refused, with where and why.
printf '{\n  "profile": "a/b"\n}\n' >"$T/config/unknot/config.json"
run --input "$T/again" >/dev/null 2>"$T/err3"
check "a name with a slash is refused at FILE:LINE:COL: profile" \
	'[ $? != 0 ] && grep -q "config.json:2:14: profile: may not hold" "$T/err3"'
exit $fail
