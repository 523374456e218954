#!/bin/sh
# "Where does it hurt?" on the real UI, headless (dummy video, software
# renderer, virtual clock; issue 20) at 800x480, 720x1280 and 1920x1080: the
# library's button opens the finder; areas are touched on the front, back,
# head and feet views (each touch at the middle of the area as drawn, so the
# side is the half touched); the candidates follow; a pedal tap highlights
# the next one; "Make my routine" shows its preview and a pedal tap starts
# it. At home the routine is kept in the user's routine folder (valid under
# --check, with the areas it was built for); a kiosk saves nothing.
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the touch points and images"; exit 77; }
. tests/checks.sh
here=$(pwd)
chk="python3 $here/tests/ui/bmpcheck.py"
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT

# Touch points of the finder (src/ui/screen_finder.c, screen_library.c,
# layout.c) and of the areas' middles (assets/bodymap.json), computed from the
# window size as the app does. Prints shell assignments.
points() {
	python3 - "$1" "$2" "$here/assets/bodymap.json" <<'PY'
import json, sys
w, h = int(sys.argv[1]), int(sys.argv[2])
portrait = h > w
s = min(w, h) / 480.0
if portrait and h > w * 3 // 2:
    s *= 1.1
px = lambda v, m: max(m, int(v * s + 0.5))
pad, gap, btn = px(16, 8), px(10, 6), px(60, 48)
fs_title, fs_body = px(32, 20), px(20, 14)

class R:
    def __init__(s_, x, y, w, h): s_.x, s_.y, s_.w, s_.h = x, y, w, h
    def top(s_, hh, g):
        hh = min(hh, s_.h); o = R(s_.x, s_.y, s_.w, hh); u = min(hh + g, s_.h); s_.y += u; s_.h -= u; return o
    def bottom(s_, hh, g):
        hh = min(hh, s_.h); o = R(s_.x, s_.y + s_.h - hh, s_.w, hh); s_.h -= min(hh + g, s_.h); return o
    def left(s_, ww, g):
        ww = min(ww, s_.w); o = R(s_.x, s_.y, ww, s_.h); u = min(ww + g, s_.w); s_.x += u; s_.w -= u; return o
    def right(s_, ww, g):
        ww = min(ww, s_.w); o = R(s_.x + s_.w - ww, s_.y, ww, s_.h); s_.w -= min(ww + g, s_.w); return o
    def col(s_, n, i, g):
        cw = (s_.w - g * (n - 1)) // n; o = R(s_.x + i * (cw + g), s_.y, cw, s_.h)
        if i == n - 1: o.w = s_.x + s_.w - o.x
        return o
    def mid(s_): return "%d %d" % (s_.x + s_.w // 2, s_.y + s_.h // 2)

out = {}
# safety: "I understand" at the bottom right
out["OK"] = "%d %d" % (w - pad - 10, h - pad - btn // 2)
# library: the finder button (header; its own row in portrait)
full = R(pad, pad // 2, w - 2 * pad, h - pad)
head = full.top(fs_title * 2, gap)
nb = 3  # Settings, History (a journal is given), Safety
bw = head.w * (23 if nb == 3 else 30) // 100 if portrait else int(130 * s)
for _ in range(nb):
    head.right(bw, gap)
head.left(int(fs_title * 3.4), gap)
if portrait:
    full.bottom(btn, gap)
    fb = full.bottom(btn, gap)
else:
    fb = head.right(min(head.w, int(260 * s)), gap)
out["FINDER"] = fb.mid()
# the finder
full = R(pad, pad // 2, w - 2 * pad, h - pad)
head = full.top(btn, gap)
tabs = full.top(btn * 85 // 100, gap) if portrait else head.right(head.w * 55 // 100, gap)
for i, n in enumerate(["FRONT", "BACK", "HEAD", "FEET"]):
    out["TAB_" + n] = tabs.col(4, i, gap // 2).mid()
foot = full.bottom(btn, gap)
out["BACKBTN"] = foot.left(foot.w * 22 // 100, gap).mid()
out["CLEAR"] = foot.left(foot.w * 28 // 100, gap).mid()
out["MAKE"] = foot.mid()
mp = full.top(full.h * 58 // 100, gap) if portrait else full.left(full.w * 46 // 100, gap)
chosen = full.top(fs_body * 27 // 10, gap // 2)
out["ROW1"] = "%d %d" % (full.x + full.w // 2, full.y + 10)
panes = {"FRONT": [("front", (0, 0, 100, 221), mp)], "BACK": [("back", (0, 0, 100, 221), mp)]}
a = mp.col(2, 0, gap // 2); b = mp.col(2, 1, gap // 2)
panes["HEAD"] = [("front", (30, 3, 40, 38), a), ("back", (30, 3, 40, 38), b)]
fa = R(mp.x, mp.y, mp.w, mp.h); fbk = fa.bottom(mp.h * 55 // 100, gap // 2)
panes["FEET"] = [("front", (33, 193, 34, 24), fa), ("back", (0, 174, 100, 46), fbk)]
bm = json.load(open(sys.argv[3]))
areas = {x["name"]: x["muscle"] for x in bm["areas"]}
def area(view, name, side, pick=0):
    for facing, (x0, y0, ww, hh), r in panes[view]:
        sc = min(r.w / ww, r.h / hh)
        ox = r.x + (r.w - ww * sc) / 2 - x0 * sc
        oy = r.y + (r.h - hh * sc) / 2 - y0 * sc
        polys = [p for p in areas[name] if p["view"] == facing and p.get("side") == side]
        if len(polys) > pick:
            pts = polys[pick]["points"]
            mx = sum(p[0] for p in pts) / len(pts); my = sum(p[1] for p in pts) / len(pts)
            return "%d %d" % (int(ox + mx * sc), int(oy + my * sc))
    raise SystemExit("no %s %s on %s" % (name, side, view))
out["TEMPLE_L"] = area("FRONT", "temple", "left")
out["CALF_R"] = area("BACK", "calf", "right")
out["LOWBACK_R"] = area("BACK", "low-back", "right")
out["JAW_L"] = area("HEAD", "jaw", "left")
out["BACKHEAD_R"] = area("HEAD", "back-of-head", "right")
out["SOLE_R"] = area("FEET", "sole", "right")
for k, v in out.items():
    print("%s='%s'" % (k, v))
PY
}

# walk SIZE KIOSK: the finder walked at SIZE, in a kiosk when KIOSK is 1.
walk() {
	size=$1 kiosk=$2
	w=${size%x*} h=${size#*x}
	d="$T/$size-$kiosk"
	mkdir -p "$d/routines" "$d/home"
	eval "$(points "$w" "$h")" || { nok "$size: touch points"; return; }
	cat >"$d/script" <<EOF
0.200 touch $OK down
0.250 touch $OK up
0.500 touch $FINDER down
0.550 touch $FINDER up
1.000 touch $TEMPLE_L down
1.050 touch $TEMPLE_L up
1.500 touch $TAB_BACK down
1.550 touch $TAB_BACK up
2.000 touch $LOWBACK_R down
2.050 touch $LOWBACK_R up
2.200 touch $CALF_R down
2.250 touch $CALF_R up
2.400 touch $CALF_R down
2.450 touch $CALF_R up
2.500 touch $TAB_HEAD down
2.550 touch $TAB_HEAD up
3.000 touch $JAW_L down
3.050 touch $JAW_L up
3.200 touch $BACKHEAD_R down
3.250 touch $BACKHEAD_R up
3.500 touch $TAB_FEET down
3.550 touch $TAB_FEET up
4.000 touch $SOLE_R down
4.050 touch $SOLE_R up
4.500 pedal down
4.600 pedal up
5.000 touch $MAKE down
5.050 touch $MAKE up
6.000 pedal down
6.100 pedal up
6.500 pedal down
7.400 pedal up
7.800 pedal down
8.700 pedal up
9.100 pedal down
10.000 pedal up
10.400 pedal down
11.300 pedal up
11.700 pedal down
12.600 pedal up
13.500 key:escape down
13.550 key:escape up
14.000 key:escape down
14.050 key:escape up
EOF
	kflag=
	[ "$kiosk" = 1 ] && kflag=--kiosk
	HOME="$d/home" XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" XDG_DATA_HOME="$d/data" \
	UNKNOT_ROUTINES="$d/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
		"$UNKNOT" $kflag --size "$size" --input "$d/script" --fast --screenshot "$d/shots" \
		--journal "$d/journal.jsonl" >"$d/out" 2>"$d/err"
	rc=$?
	echo "$rc" >"$d/rc"
}

# The routine files a walk left in a folder.
made() { ls "$1" 2>/dev/null | grep -c '\.json$'; }

for size in 800x480 720x1280 1920x1080; do
	walk "$size" 0
	d="$T/$size-0"
	check "$size: the walk exits 0" '[ "$(cat "$d/rc")" = 0 ]' || sed 's/^/  /' "$d/err" | tail -5
	shots=$(ls "$d/shots" 2>/dev/null)
	check "$size: the library's button opens the finder" 'echo "$shots" | grep -A1 -- "-library.bmp" | grep -q -- "-finder.bmp"'
	# every touch on an area or a view changes what the finder shows
	check "$size: the finder changes with every area and view touched (>= 12 screens)" \
		'[ "$(echo "$shots" | grep -c -- "-finder.bmp")" -ge 12 ]'
	# a routine made for pain areas asks their 0-10 score first (issue 20), area by area: a hold accepts each
	check "$size: Make my routine shows its preview, a pedal tap asks the pain scores, holds start it" \
		'echo "$shots" | grep -A1 -- "-finder.bmp" | grep -q -- "-preview.bmp" && echo "$shots" | grep -A1 -- "-preview.bmp" | grep -q -- "-pain-before.bmp" && echo "$shots" | grep -A1 -- "-pain-before.bmp" | grep -q -- "-run.bmp"'
	first=$(echo "$shots" | head -1)
	check "$size: screenshots have the window size" '[ "$($chk size "$d/shots/$first")" = "$w $h" ]'
	last_finder=$(echo "$shots" | grep -- "-finder.bmp" | tail -1)
	check "$size: the finder has content" '[ "$($chk colors "$d/shots/$last_finder")" -ge 40 ]'
	check "$size: the routine is kept in the user's routine folder, once" '[ "$(made "$d/routines")" = 1 ]'
	f=$(ls "$d/routines"/*.json 2>/dev/null | head -1)
	"$UNKNOT" --check "$f" >"$d/check" 2>&1
	check "$size: the kept routine passes --check with no warning" '[ $? = 0 ] && ! grep -q warning "$d/check"'
	# the areas as touched: the side is the half touched; the calf touched twice is unselected
	check "$size: the routine names the areas touched, with their sides" \
		'python3 -c "import json,sys; a=json.load(open(sys.argv[1]))[\"areas\"]; assert a == [\"temple:left\", \"low-back:right\", \"jaw:left\", \"back-of-head:right\", \"sole:right\"], a" "$f"'
	check "$size: the session ran on the kept file (journaled)" \
		'grep "\"event\":\"session_start\"" "$d/journal.jsonl" | grep -q "where-it-hurts"'
done

# A kiosk offers the finder and runs the routine, but keeps nothing.
walk 800x480 1
d="$T/800x480-1"
shots=$(ls "$d/shots" 2>/dev/null)
check "kiosk: the walk exits 0" '[ "$(cat "$d/rc")" = 0 ]'
check "kiosk: the finder is offered" 'echo "$shots" | grep -q -- "-finder.bmp"'
check "kiosk: its preview is shown" 'echo "$shots" | grep -A1 -- "-finder.bmp" | grep -q -- "-preview.bmp"'
check "kiosk: no routine file is written" \
	'[ "$(made "$d/routines")" = 0 ] && [ -z "$(find "$d/home" "$d/data" -name "*.json" 2>/dev/null)" ]'
[ -n "$UNKNOT_FINDER_SHOTS" ] && cp -r "$T" "$UNKNOT_FINDER_SHOTS"
exit $fail
