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
python3 - "$tmp" <<'EOF'
import sys, zlib, struct, os
def pixels(path):
    data = open(path, "rb").read()
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = 1 + 4 * w
    return w, h, [raw[y * stride + 1:(y + 1) * stride] for y in range(h)]
def count(rows, rgb, y0=0, y1=None):
    n = 0
    for row in rows[y0:y1]:
        for x in range(0, len(row), 4):
            if abs(row[x] - rgb[0]) < 6 and abs(row[x + 1] - rgb[1]) < 6 and abs(row[x + 2] - rgb[2]) < 6:
                n += 1
    return n
def ok(name, cond):
    print(("ok " if cond else "not ok ") + name)
ACCENT, AMBER = (64, 160, 255), (255, 193, 70)
d = sys.argv[1]
w, h, good = pixels(os.path.join(d, "pain-800x480.png"))
_, _, stuck = pixels(os.path.join(d, "pain-stuck-800x480.png"))
ok("the page is 800x480", (w, h) == (800, 480))
chart = (h * 25 // 100, h * 65 // 100)  # between the header's buttons and the bars
ok("the before-session line is drawn (%d accent px)" % count(good, ACCENT, *chart), count(good, ACCENT, *chart) > 300)
low = h * 80 // 100  # the verdict, under the chart
ok("stuck: the advice to see a professional, in amber (%d px)" % count(stuck, AMBER, low), count(stuck, AMBER, low) > 400)
ok("improving: no amber advice (%d px)" % count(good, AMBER, low), count(good, AMBER, low) < 50)
EOF
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
