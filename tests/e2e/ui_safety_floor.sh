#!/bin/sh
# Safety text sized to be read from the floor (issue 17), measured from the
# pixels at 800x480 (tests/ui/capheight.py): the first-run safety screen's
# items (every page, turned by pedal holds), the preview's over-treatment
# warning and the course note past the usual 4-6 sessions, and the "still
# sore" advice on the run screen all have capitals of at least 20 px, and the
# warnings are amber, never the "good" green. Over-treatment needs a
# deliberate start: a pedal tap turns the warning's page, a hold before
# "Start anyway" is offered (3 s) does nothing, a hold after it starts (the
# check-in first).
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
. "$here/checks.sh"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$UNKNOT" --size 800x480 --fast "$@" >/dev/null)
}
shot() { sed -n "s|^unknot: screenshot \(.*\.bmp\) at $2 ms$|\1|p" "$1" | head -1; }
cap() { python3 "$here/ui/capheight.py" "$@" 2>/dev/null; }
min3() { awk 'BEGIN { m = 999 } { if ($3 < m) m = $3; n++ } END { print (n ? m : 0) }'; }
f12() { awk -v t="$1" 'BEGIN { printf "%.3f key:f12 down\n%.3f key:f12 up\n", t, t + 0.05 }'; }
hold() { printf '%s pedal down\n%s pedal up\n' "$1" "$2"; }
WARN="255 193 70" TEXT="240 243 247" OK="96 214 140"

# 1. The first-run safety screen: four pages, a pedal hold turns the page.
mkdir -p "$T/config/unknot" "$T/r"
cat >"$T/r/sore.json" <<'R'
{ "format": 1, "title": "Floor safety test", "defaults": { "transition_s": 12 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "sides": ["left"],
    "duration_s": 30 } ] }
R
{ f12 0.5; hold 1.0 2.0; f12 2.5; hold 3.0 4.0; f12 4.5; hold 5.0 6.0; f12 6.5
  hold 7.0 7.1; } >"$T/s1"
run --input "$T/s1" --screenshot "$T/shots1" "$T/r/sore.json" 2>"$T/err1"
items=0 pages=0 small=999
for ms in 500 2500 4500 6500; do
	f=$(shot "$T/err1" $ms)
	case "$f" in *-safety.bmp) ;; *) continue ;; esac
	b=$(cap --bullets "$f" $TEXT)
	n=$(echo "$b" | grep -c .)
	m=$(echo "$b" | min3)
	h=$( { cap "$f" $WARN 25; cap "$f" 64 160 255 25; } | awk '$4 > 150' | head -1 | awk '{ print $3 }')
	[ "$n" -gt 0 ] && pages=$((pages + 1))
	items=$((items + n))
	[ "$m" -lt "$small" ] && small=$m
	[ "${h:-0}" -lt "$small" ] && small=${h:-0}
done
check "the safety screen: 4 pages turned by pedal holds, each with items ($pages)" '[ "$pages" = 4 ]'
check "its $items items and headings have capitals >= 20 px (smallest $small)" '[ "$items" -ge 10 ] && [ "$small" -ge 20 ]'
check "a tap accepted it (the marker)" '[ -f "$T/config/unknot/safety-accepted" ]'

# 2. The preview after six sessions, the last 10 h ago: the over-treatment
# warning and the course past the usual 4-6 (session 7), large and amber.
for h in 130 106 82 58 30 10; do
	t=$(date -u -d "-$h hours" +%Y-%m-%dT%H:%M:%S.000Z)
	sid="S$h"
	printf '{"event":"session_start","t":"%s","ms":0,"session":"%s","seq":1,"title":"Floor safety test","file":"%s","steps":1,"total_s":30,"version":1}\n' "$t" $sid "$T/r/sore.json"
	printf '{"event":"step_start","t":"%s","ms":0,"session":"%s","seq":2,"index":1,"kind":"compression","target":"upper trapezius","side":"left","tool":"ball","planned_s":30}\n' "$t" $sid
	printf '{"event":"step_end","t":"%s","ms":30000,"session":"%s","seq":3,"index":1,"kind":"compression","target":"upper trapezius","side":"left","tool":"ball","planned_s":30,"reason":"elapsed","actual_ms":30000}\n' "$t" $sid
	printf '{"event":"session_end","t":"%s","ms":30000,"session":"%s","seq":4,"outcome":"completed"}\n' "$t" $sid
done >"$T/j"
# 0.5 s: the warning; a tap turns its page (1.5 s); a hold at 2 s is too
# early; 4 s: a hold starts anyway, the check-in asks; holds: still sore,
# then the complaint's first answer; the get-ready shows the advice.
{ f12 0.5; hold 1.0 1.1; f12 1.5; hold 2.0 3.0; f12 3.5; hold 4.0 5.0; f12 5.5; hold 6.0 7.0
  hold 7.5 8.5; f12 10.0; printf '11.0 key:escape down\n11.05 key:escape up\n12.0 key:escape down\n12.05 key:escape up\n'; } >"$T/s2"
run --journal "$T/j" --input "$T/s2" --screenshot "$T/shots2" "$T/r/sore.json" 2>"$T/err2"
p1=$(shot "$T/err2" 500) p2=$(shot "$T/err2" 1500) p3=$(shot "$T/err2" 3500) p4=$(shot "$T/err2" 5500) r=$(shot "$T/err2" 10000)
l1=$(cap "${p1:-/dev/null}" $WARN 25 | awk '$4 > 150') l2=$(cap "${p2:-/dev/null}" $WARN 25 | awk '$4 > 150')
w1=$(echo "$l1" | head -1 | awk '{ print $3 }') w2=$(echo "$l2" | head -1 | awk '{ print $3 }')
check "preview: the over-treatment warning's capitals are >= 20 px, amber (${w1:-none})" '[ "${w1:-0}" -ge 20 ]'
check "a pedal tap turned to the course note, past the usual 4-6, >= 20 px amber (${w2:-none})" \
	'[ "${w2:-0}" -ge 20 ] && [ "$l1" != "$l2" ] && case "$p2" in *-preview.bmp) true ;; *) false ;; esac'
g1=$(python3 "$here/ui/bmpcheck.py" near "${p1:-/dev/null}" $OK 30 2>/dev/null || echo 999)
g2=$(python3 "$here/ui/bmpcheck.py" near "${p2:-/dev/null}" $OK 30 2>/dev/null || echo 999)
check "no warning in the good green ($g1 and $g2 green pixels)" '[ "$g1" -lt 20 ] && [ "$g2" -lt 20 ]'
check "a tap and an early hold did not start ($p3)" 'case "$p3" in *-preview.bmp) true ;; *) false ;; esac'
check "a hold once \"Start anyway\" was offered did: the check-in ($p4)" 'case "$p4" in *-checkin.bmp) true ;; *) false ;; esac'
check "the session then started" 'grep -q "\"event\":\"checkin\"" "$T/j" && [ "$(grep -c "\"event\":\"session_start\"" "$T/j")" = 7 ]'
a=$(cap "${r:-/dev/null}" $WARN 25 | awk '$4 > 100' | head -1 | awk '{ print $3 }')
check "still sore: the advice on the get-ready, capitals >= 20 px amber (${a:-none})" \
	'[ "${a:-0}" -ge 20 ] && case "$r" in *-run.bmp) true ;; *) false ;; esac'

# 4. The summary's course note ("Session 1 of the usual 4-6") at fs_warn
# too: its first capital >= 20 px, in the left panel (issue 17).
awk 'BEGIN { t = 0.5; for (i = 0; i < 8; i++) { printf "%.3f key:return down\n%.3f key:return up\n", t, t + 0.1; t += 1 } }' >"$T/s4"
run --journal "$T/j4" --input "$T/s4" --screenshot "$T/shots4" "$here/ui/data/walk.json" 2>/dev/null
sm=$(ls "$T"/shots4/*-summary.bmp 2>/dev/null | head -1)
c=$(cap "${sm:-/dev/null}" $OK 40 | awk '$1 > 200 && $2 < 100' | head -1 | awk '{ print $3 }')
check "summary: the course note's capital is >= 20 px (${c:-none})" '[ "${c:-0}" -ge 20 ]'
[ -n "${KEEP:-}" ] && cp "$T"/shots1/*.bmp "$T"/shots2/*.bmp "$T/" 2>/dev/null
exit $fail
