#!/bin/sh
# History's pain page (issue 20) rendered headless by tests/helpers/history_shot
# from a generated month of scores (the left temple improving from 7 to 2,
# the low back stuck at 5), at 800x480: the scores are drawn (the "before"
# line in the accent blue), the stuck area says plainly to see a
# professional (amber text) and the improving one does not. The same month,
# written as a journal, gives --history --json both areas with the rule's
# verdicts. Keep the PNGs to look at with SHOTS=DIR (all three sizes).
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
UNKNOT=${UNKNOT:-./unknot}
shot="$BUILD/tests/helpers/history_shot"
[ -x "$shot" ] || { echo "history_shot not built"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
. "$here/checks.sh"
sizes=800x480
[ -n "$SHOTS" ] && sizes="800x480 720x1280 1920x1080"
for size in $sizes; do
	for m in pain pain-stuck; do
		"$shot" "$tmp/$m-$size.png" "${size%x*}" "${size#*x}" $m "$tmp/month.jsonl" 2>"$tmp/err"
		check "history_shot $m $size renders" '[ $? = 0 ]'
	done
done
px="python3 $here/ui/pngcount.py"
good="$tmp/pain-800x480.png" stuck="$tmp/pain-stuck-800x480.png"
check "the page is 800x480" '[ "$($px size "$good")" = "800 480" ]'
# the chart's rows, between the header's buttons and the bars: the theme's accent
n=$($px near "$good" 64 160 255 120 312)
check "the before-session line is drawn ($n accent px)" '[ "$n" -gt 300 ]'
# the verdict, under the chart: the theme's amber only where it is stuck
n=$($px near "$stuck" 255 193 70 384 480)
check "stuck: the advice to see a professional, in amber ($n px)" '[ "$n" -gt 400 ]'
n=$($px near "$good" 255 193 70 384 480)
check "improving: no amber advice ($n px)" '[ "$n" -lt 50 ]'
(cd "$here/.." && "$UNKNOT" --history --json --journal "$tmp/month.jsonl" >"$tmp/h.json" 2>/dev/null)
check "--history --json of the generated month: both areas and their verdicts" \
	'python3 - "$tmp/h.json" <<EOF
import json, sys
p = {(a["area"], a["side"]): a for a in json.load(open(sys.argv[1]))["pain"]}
t, b = p[("temple", "left")], p[("low-back", None)]
assert t["advice"] == "none" and b["advice"] == "no_progress", (t["advice"], b["advice"])
assert len(t["scores"]) > 30 and {s["when"] for s in t["scores"]} == {"before", "after"}
assert all(0 <= s["score"] <= 10 and s["date"] for s in t["scores"] + b["scores"])
EOF'
[ -n "$SHOTS" ] && mkdir -p "$SHOTS" && cp "$tmp"/*.png "$SHOTS/"
exit $fail
