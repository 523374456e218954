#!/bin/sh
# The History screen rendered headless (tests/helpers/history_shot) at 800x480
# with a generated month: the charts are drawn (bars in the "completed" green,
# the discomfort line in amber); an empty history draws neither; kiosk mode
# shows no personal history (no discomfort chart).
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
shot="$BUILD/tests/helpers/history_shot"
[ -x "$shot" ] || { echo "history_shot not built"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

for m in home kiosk empty; do
	if "$shot" "$tmp/$m.png" 800 480 $m 2>"$tmp/$m.err"; then
		echo "ok history_shot $m renders"
	else
		cat "$tmp/$m.err"
		echo "not ok history_shot $m renders"
	fi
done
# Counts pixels of the theme's green (completed) and amber (discomfort) in each PNG.
python3 - "$tmp" <<'EOF'
import sys, zlib, struct, os
def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
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
def count(rows, rgb):
    n = 0
    for row in rows:
        for x in range(0, len(row), 4):
            if abs(row[x] - rgb[0]) < 6 and abs(row[x + 1] - rgb[1]) < 6 and abs(row[x + 2] - rgb[2]) < 6:
                n += 1
    return n
GREEN, AMBER = (96, 214, 140), (255, 193, 70)
res = {}
for m in ("home", "kiosk", "empty"):
    p = os.path.join(sys.argv[1], m + ".png")
    if not os.path.exists(p):
        print("not ok %s.png written" % m); continue
    w, h, rows = pixels(p)
    res[m] = (w, h, count(rows, GREEN), count(rows, AMBER))
def ok(name, cond):
    print(("ok " if cond else "not ok ") + name)
ok("screens are 800x480", all(v[:2] == (800, 480) for v in res.values()) and len(res) == 3)
if len(res) == 3:
    ok("home draws the sessions-per-day bars (%d green px)" % res["home"][2], res["home"][2] > 3000)
    ok("home draws the discomfort chart (%d amber px)" % res["home"][3], res["home"][3] > 200)
    ok("empty history draws no bars and no marks", res["empty"][2] == 0 and res["empty"][3] == 0)
    ok("kiosk shows no discomfort chart or bars", res["kiosk"][3] == 0 and res["kiosk"][2] < res["home"][2] / 4)
EOF
