#!/bin/sh
# Kiosk mode (--kiosk): the safety screen comes before every session, even
# when it was accepted before, and is accepted hands-free (Enter, a pedal
# key); a repeated routine gets no personal over-treatment warning or check-in.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/routines" "$T/config/unknot"
cp "$here/ui/data/walk.json" "$T/routines/"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
cat >"$T/script" <<EOF
# preview: Enter asks for the safety screen first, Enter accepts and starts
0.500   key:return down
0.600   key:return up
1.000   key:return down
1.100   key:return up
# end the session (Escape asks, Escape confirms), Done, open the routine again
5.000   key:escape down
5.100   key:escape up
5.500   key:escape down
5.600   key:escape up
6.000   key:return down
6.100   key:return up
6.500   key:return down
6.600   key:return up
# Start again: the safety screen again, then the session
7.000   key:return down
7.100   key:return up
7.500   key:return down
7.600   key:return up
EOF
(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
 UNKNOT_ROUTINES="$T/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
 "$UNKNOT" --kiosk --size 800x480 --fast --journal "$T/journal.jsonl" --input "$T/script" \
           --screenshot "$T/shots" "$T/routines/walk.json" >/dev/null 2>"$T/err")
rc=$?
check "kiosk walk exits 0" '[ $rc = 0 ]'
[ $rc = 0 ] || tail -5 "$T/err"
seq=$(ls "$T/shots" | sed 's/^[0-9]*-//; s/\.bmp$//' | uniq | tr '\n' ' ')
echo "# screens: $seq"
check "opens on the preview" 'echo "$seq" | grep -q "^preview "'
check "the safety screen comes before the first session" 'echo "$seq" | grep -q "^preview safety run"'
check "and again before the second" 'echo "$seq" | grep -q "summary library preview safety run"'
check "two sessions were journaled" '[ "$(grep -c "\"event\":\"session_start\"" "$T/journal.jsonl")" = 2 ]'
check "no check-in in kiosk mode" '! echo "$seq" | grep -q checkin && ! grep -q "\"event\":\"checkin\"" "$T/journal.jsonl"'
check "no personal course of treatment in kiosk mode" '! grep -q "course:" "$T/err"'
check "the first session was ended by the user" 'grep -q "\"event\":\"session_end\".*abandoned" "$T/journal.jsonl"'
exit $fail
