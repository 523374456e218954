#!/bin/sh
# One pedal-and-key script, run by the app (headless, --input --fast) and by
# --simulate: both drive the same controller (src/app/ctl.c), so the two
# journals must be the same line for line. Only the wall-clock stamp ("t")
# and the random session id may differ. The app starts on the preview with a
# key that acts on key down ("n", next); its script is the simulation's
# shifted by that moment (0.150 s).
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed to compare the journals"; exit 77; }
. "$(dirname "$0")/../checks.sh"
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
R="$here/data/simulate/neck.json"

cat >"$T/sim.txt" <<'S'
# seconds  input   edge   (session time)
2.000      pedal   down
2.100      pedal   up
10.000     pedal   down
11.000     pedal   up
20.000     key:p   down
20.050     key:p   up
25.000     pedal   down
25.100     pedal   up
30.000     key:d   down
30.050     key:d   up
40.000     key:n   down
40.050     key:n   up
50.000     key:left down
50.050     key:left up
61.000     pedal2  down
61.900     pedal2  up
70.000     pedal2  down
70.100     pedal2  up
75.000     pedal   down
75.100     pedal   up
S
{
	echo "0.150 key:n down"
	echo "0.200 key:n up"
	awk '/^[0-9]/ { printf "%.3f %s %s\n", $1 + 0.150, $2, $3 }' "$T/sim.txt"
} >"$T/app.txt"

"$UNKNOT" --simulate "$R" --input "$T/sim.txt" --journal "$T/sim.jsonl" 2>"$T/sim.err"
check "--simulate runs the script (exit 0)" '[ $? = 0 ]'
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
	"$UNKNOT" --size 800x480 --input "$T/app.txt" --fast --journal "$T/app.jsonl" "$R" >/dev/null 2>"$T/app.err"
check "the app runs the script headless (exit 0)" '[ $? = 0 ]' || cat "$T/app.err"
check "both journals end with a completed session" \
	'grep -q "\"event\":\"session_end\".*completed" "$T/sim.jsonl" && grep -q "\"event\":\"session_end\".*completed" "$T/app.jsonl"'
check "the journals have discomforts, a pause and a step back" \
	'[ "$(grep -c "\"event\":\"discomfort\"" "$T/sim.jsonl")" -ge 2 ] && grep -q "\"event\":\"pause\"" "$T/sim.jsonl" && grep -q "\"previous\":true" "$T/sim.jsonl"'
check "the app and --simulate write the same journal (but for \"t\" and the session id)" \
	'python3 - "$T/sim.jsonl" "$T/app.jsonl" <<PY
import json, sys
def load(p):
    out = []
    for line in open(p):
        e = json.loads(line)
        e.pop("t", None); e.pop("session", None)
        out.append(e)
    return out
a, b = load(sys.argv[1]), load(sys.argv[2])
for i, (x, y) in enumerate(zip(a, b)):
    if x != y:
        print("# line %d differs:\n#  simulate %s\n#  app      %s" % (i + 1, x, y))
        sys.exit(1)
if len(a) != len(b):
    print("# %d lines from --simulate, %d from the app" % (len(a), len(b)))
    sys.exit(1)
PY'
exit $fail
