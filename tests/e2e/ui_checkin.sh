#!/bin/sh
# The soreness check-in: a second session of a routine whose target was
# treated in the last days asks "how does it feel?" before it starts; a pedal
# hold answers "still sore" (a tap: "fine"); the same dialog then asks for the
# 0-10 pain score (issues 18 and 20; a tap steps the number, a hold chooses
# it), journaled as a "pain" event with the new session's id. A third
# session scored 2 points higher is "worse": the advice to see a professional
# (a tap starts anyway), and the check-in line carries "complaint":"worse".
# --history, --json and --export csv carry them. The first session starts
# without asking.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size 800x480 --fast --journal "$T/journal.jsonl" "$@")
}
# First session: Enter starts it at once (no check-in), then it runs to the end.
printf '0.500 key:return down\n0.600 key:return up\n' >"$T/first"
run --input "$T/first" --screenshot "$T/shots1" "$here/ui/data/walk.json" >/dev/null 2>"$T/err1"
check "first session runs" '[ $? = 0 ] && grep -q "session_end" "$T/journal.jsonl"'
check "no check-in before the first session" '! ls "$T/shots1" | grep -q checkin'

# Second session: the target was treated minutes ago, so the preview warns
# and only a pedal hold once "Start anyway" is offered (3 s) starts (issue
# 17); it asks first; a pedal hold answers "still sore".
cat >"$T/second" <<EOF
3.500   pedal down
4.500   pedal up
5.500   pedal down
6.500   pedal up
7.000   pedal down
7.100   pedal up
7.500   pedal down
7.600   pedal up
8.000   pedal down
9.000   pedal up
10.000  pedal down
10.100  pedal up
EOF
run --input "$T/second" --screenshot "$T/shots2" "$here/ui/data/walk.json" >/dev/null 2>"$T/err2"
check "second session runs" '[ $? = 0 ]'
check "the check-in is shown before the second session" 'ls "$T/shots2" | grep -q -- "-checkin.bmp"'
check "the session waited for the answer" \
	'[ "$(ls "$T/shots2" | grep -n -- "-checkin.bmp" | head -1 | cut -d: -f1)" -lt "$(ls "$T/shots2" | grep -n -- "-run.bmp" | head -1 | cut -d: -f1)" ]'
line=$(grep '"event":"checkin"' "$T/journal.jsonl")
check "the answer is journaled as sore, for the upper trapezius" \
	'echo "$line" | grep -q "\"answer\":\"sore\"" && echo "$line" | grep -q "\"target\":\"upper trapezius\""'
sid=$(echo "$line" | sed -n 's/.*"session":"\([^"]*\)".*/\1/p')
check "the check-in carries the second session's id" \
	'[ -n "$sid" ] && grep "\"event\":\"session_start\"" "$T/journal.jsonl" | tail -1 | grep -q "\"session\":\"$sid\""'
check "no discomfort was recorded for the hold that answered" '! grep -q "\"event\":\"discomfort\"" "$T/journal.jsonl"'
check "course of treatment on the first preview: session 1" \
	'grep -q "preview course: Session 1 of the usual 4-6: upper trapezius" "$T/err1"'
check "and on its summary" 'grep -q "summary course: Session 1 of the usual 4-6: upper trapezius" "$T/err1"'
check "the second session is session 2, on the preview and the summary" \
	'grep -q "preview course: Session 2 of the usual 4-6: upper trapezius" "$T/err2" &&
	 grep -q "summary course: Session 2 of the usual 4-6: upper trapezius" "$T/err2"'
pain=$(grep '"event":"pain"' "$T/journal.jsonl")
check "the score 2 is its own pain event, before the session, with its id" \
	'[ "$(echo "$pain" | wc -l)" = 1 ] && echo "$pain" | grep -q "\"target\":\"upper trapezius\",\"score\":2,\"when\":\"before\"" &&
	 echo "$pain" | grep -q "\"session\":\"$sid\""'
check "a first score has no trend: no complaint in the check-in line" '! echo "$line" | grep -q complaint'

# Third session: the over-treatment warning again (a hold once "Start
# anyway" is offered); a tap answers "fine"; the score starts at the last
# one (2); two taps make it 4, two points worse: advised to see a
# professional; a tap starts anyway.
cat >"$T/third" <<EOF
0.500   key:return down
0.600   key:return up
4.000   pedal down
5.000   pedal up
5.500   pedal down
5.600   pedal up
6.000   pedal down
6.100   pedal up
6.500   pedal down
6.600   pedal up
7.000   pedal down
8.000   pedal up
9.000   pedal down
9.100   pedal up
EOF
run --input "$T/third" "$here/ui/data/walk.json" >/dev/null 2>"$T/err3"
check "third session runs" '[ $? = 0 ]'
line=$(grep '"event":"checkin"' "$T/journal.jsonl" | tail -1)
check "two check-in lines, the last fine and worse" \
	'[ "$(grep -c "\"event\":\"checkin\"" "$T/journal.jsonl")" = 2 ] && echo "$line" | grep -q "\"answer\":\"fine\"" &&
	 echo "$line" | grep -q "\"complaint\":\"worse\""'
check "worse: advised to see a professional before the session" 'grep -q "pain check: advised to see a professional" "$T/err3"'
check "the score 4 journaled" 'grep "\"event\":\"pain\"" "$T/journal.jsonl" | tail -1 | grep -q "\"score\":4,\"when\":\"before\""'
hist=$(cd "$here/.." && "$UNKNOT" --history --json --journal "$T/journal.jsonl" 2>/dev/null)
check "--history counts the sore check-in" 'echo "$hist" | grep -Eq "\"checkins_sore\":[[:space:]]*1"'
check "--history --json has the derived complaint" 'echo "$hist" | grep -Eq "\"complaint\":[[:space:]]*\"worse\""'
check "--history --json has the pain scores and the rule's verdict" \
	'echo "$hist" | python3 -c "import json,sys; p=json.load(sys.stdin)[\"pain\"]; assert p[0][\"target\"]==\"upper trapezius\" and [s[\"score\"] for s in p[0][\"scores\"]]==[2,4] and p[0][\"advice\"]==\"worse\""'
csv=$(cd "$here/.." && "$UNKNOT" --export csv --journal "$T/journal.jsonl" 2>/dev/null | tr -d '\r')
check "--export csv: the complaint column" \
	'echo "$csv" | head -1 | grep -q ",complaint,score$" && echo "$csv" | grep -q ",worse,$"'
check "--export csv: the pain rows" \
	'echo "$csv" | grep -q ",pain_before,upper trapezius,,,,,,2$" && echo "$csv" | tail -1 | grep -q ",pain_before,upper trapezius,,,,,,4$"'
exit $fail
