#!/bin/sh
# The 0-10 pain check (issue 20), hands-free: a routine built for a pain area
# ("areas": ["temple:left"]) asks before the session and after it, answered
# with the pedal only (a tap steps the number, past 10 comes Skip, a hold
# accepts). Each answer is a "pain" event of the session in the journal, and
# --history --json and --export csv carry both. Screenshots of the question
# at 800x480 (and with SHOTS=DIR, 720x1280 and 1920x1080, kept in DIR) are
# written: their size is checked here, their look by eye (docs/screenshots/).
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
python3 - "$here/ui/data/walk.json" "$T/temple.json" <<'EOF'
import json, sys
r = json.load(open(sys.argv[1]))
r["title"] = "Temple headache (UI test)"
r["areas"] = ["temple:left"]
r["steps"] = [dict(r["steps"][0], duration_s=5)]  # short: a few frames at 1920x1080
del r["steps"][0]["sides"]
json.dump(r, open(sys.argv[2], "w"), indent=1)
EOF
# Before: a tap starts (the question opens at 0), three taps make it 3, a
# hold accepts. The session (5 s) runs; after it the question opens at 3:
# ten taps go 4..10, Skip, 0, 1, and a hold accepts 1.
python3 - "$T/script" <<'EOF'
import sys
lines, t = ["0.500 pedal down", "0.600 pedal up"], 1.0
def tap(n):
    global t
    for _ in range(n):
        lines.extend(["%.3f pedal down" % t, "%.3f pedal up" % (t + 0.1)])
        t += 0.5
def hold():
    global t
    lines.extend(["%.3f pedal down" % t, "%.3f pedal up" % (t + 1.0)])
    t += 1.5
tap(3); hold()
t = 20.0
tap(10); hold()
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
EOF
run() {
	size=$1
	shift
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
	 "$UNKNOT" --size "$size" --fast --journal "$T/journal-$size.jsonl" --input "$T/script" \
	 --screenshot "$T/shots-$size" "$T/temple.json" >/dev/null 2>"$T/err-$size")
}
# CI walks 800x480 (seconds); SHOTS=DIR adds the portrait and full-HD walks
# (half a minute on a loaded machine: the hold's fill is drawn at 25 fps).
sizes=800x480
[ -n "$SHOTS" ] && sizes="800x480 720x1280 1920x1080"
for size in $sizes; do
	run $size
	check "$size: the walk runs" '[ $? = 0 ]'
	check "$size: the question before and after was on screen" \
		'ls "$T/shots-$size" | grep -q pain-before.bmp && ls "$T/shots-$size" | grep -q pain-after.bmp'
	w=${size%x*}
	h=${size#*x}
	shot=$(ls "$T/shots-$size"/*pain-after.bmp | tail -1)
	check "$size: the screenshot is ${w}x${h}" \
		'python3 -c "import struct,sys; d=open(sys.argv[1],\"rb\").read(26); w,h=struct.unpack(\"<ii\",d[18:26]); sys.exit(0 if (w,abs(h))==($w,$h) else 1)" "$shot"'
done
J="$T/journal-800x480.jsonl"
sid=$(grep '"event":"session_start"' "$J" | sed -n 's/.*"session":"\([^"]*\)".*/\1/p')
check "two pain events, both of the session" \
	'[ "$(grep -c "\"event\":\"pain\"" "$J")" = 2 ] && [ "$(grep "\"event\":\"pain\"" "$J" | grep -c "\"session\":\"$sid\"")" = 2 ]'
check "before: temple, left, 3, written after the session started" \
	'grep -A99 "\"event\":\"session_start\"" "$J" | grep "\"event\":\"pain\"" | head -1 |
	 grep -q "\"area\":\"temple\",\"side\":\"left\",\"score\":3,\"when\":\"before\""'
check "after: 1, written after the session ended" \
	'grep -A99 "\"event\":\"session_end\"" "$J" | grep "\"event\":\"pain\"" |
	 grep -q "\"area\":\"temple\",\"side\":\"left\",\"score\":1,\"when\":\"after\""'
check "no discomfort recorded for the holds that answered" '! grep -q "\"event\":\"discomfort\"" "$J"'
check "no soreness check-in line: only the pain was asked" '! grep -q "\"event\":\"checkin\"" "$J"'
(cd "$here/.." && "$UNKNOT" --history --json --journal "$J" >"$T/hist.json" 2>/dev/null)
check "--history --json: the area's scores, before and after, with the session" \
	'python3 - "$T/hist.json" "$sid" <<EOF
import json, sys
p = json.load(open(sys.argv[1]))["pain"]
assert len(p) == 1 and p[0]["area"] == "temple" and p[0]["side"] == "left" and p[0]["target"] is None
assert [(s["when"], s["score"], s["session"]) for s in p[0]["scores"]] == [("before", 3, sys.argv[2]), ("after", 1, sys.argv[2])]
assert p[0]["advice"] == "none" and p[0]["scores"][0]["date"]
EOF'
csv=$(cd "$here/.." && "$UNKNOT" --export csv --journal "$J" 2>/dev/null | tr -d '\r')
check "--export csv: a row per score" \
	'echo "$csv" | grep -q ",,pain_before,temple,left,,,,,3$" && echo "$csv" | grep -q ",,pain_after,temple,left,,,,,1$"'
text=$(cd "$here/.." && "$UNKNOT" --history --journal "$J" 2>/dev/null)
check "--history: the scores in words" 'echo "$text" | grep -q "temple:left: .* 3 before, .* 1 after"'
if [ -n "$SHOTS" ]; then # keep the screenshots to look at: SHOTS=DIR
	mkdir -p "$SHOTS" && for size in $sizes; do
		cp "$(ls "$T/shots-$size"/*pain-before.bmp | tail -1)" "$SHOTS/pain-before-$size.bmp"
		cp "$(ls "$T/shots-$size"/*pain-after.bmp | tail -1)" "$SHOTS/pain-after-$size.bmp"
	done
fi
exit $fail
