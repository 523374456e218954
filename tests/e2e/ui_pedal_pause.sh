#!/bin/sh
# Hands-free pause, resume and end (issue 17), by a pedal script alone: a
# hold logs its discomfort at 0.7 s as always; held on to 3 s it pauses (the
# screen says "Keep holding to pause" from the hold on); paused, a tap
# resumes; held 3 s again it pauses, and 3 s more while paused ends the
# session. The journal shows each, in order.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
. "$here/checks.sh"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/r.json" <<'R'
{ "format": 1, "title": "Pedal pause test", "defaults": { "transition_s": 0 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "duration_s": 60 } ] }
R
# 1 s: a tap starts (preview). 3 s: held 3.5 s (F12 at 5 s: the banner).
# 8 s: a tap resumes. 10 s: held 3.2 s: paused. 15 s: held 3.2 s: the end.
cat >"$T/script" <<S
1.000 pedal down
1.100 pedal up
3.000 pedal down
5.000 key:f12 down
5.050 key:f12 up
6.500 pedal up
8.000 pedal down
8.100 pedal up
10.000 pedal down
13.200 pedal up
15.000 pedal down
18.200 pedal up
S
(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$UNKNOT" --size 800x480 --fast \
 --journal "$T/j" --input "$T/script" --screenshot "$T/shots" "$T/r.json" >/dev/null 2>"$T/err")
j="$T/j"
seq=$(sed -n 's/.*"event":"\([a-z_]*\)".*"ms":\([0-9]*\).*/\1@\2/p' "$j" |
	grep -E '^(discomfort|pause|resume|session_end)@' | tr '\n' ' ')
at() { echo "$seq" | tr ' ' '\n' | sed -n "s/^$1@//p" | sed -n "${2}p"; }
check "the journal: discomfort, pause, resume, discomfort, pause, end ($seq)" \
	'echo "$seq" | grep -Eq "^discomfort@[0-9]+ pause@[0-9]+ resume@[0-9]+ discomfort@[0-9]+ pause@[0-9]+ session_end@[0-9]+ $"'
d1=$(at discomfort 1) p1=$(at pause 1) r1=$(at resume 1) p2=$(at pause 2) e=$(at session_end 1)
# session ms count from the start at 1.1 s (the tap's release).
check "the discomfort at 0.7 s of the hold, not later ($d1 ms)" '[ "${d1:-0}" -ge 2500 ] && [ "$d1" -le 2700 ]'
check "the pause at 3 s of the hold ($p1 ms)" '[ "${p1:-0}" -ge 4800 ] && [ "$p1" -le 5000 ]'
check "a tap resumes ($r1 ms)" '[ "${r1:-0}" -ge 6800 ] && [ "$r1" -le 7200 ]'
check "held again: paused at 3 s ($p2 ms)" '[ "${p2:-0}" -ge 11800 ] && [ "$p2" -le 12000 ]'
check "held 3 s while paused: the end, abandoned ($e ms)" \
	'[ "${e:-0}" -ge 16800 ] && [ "$e" -le 17000 ] && grep "\"event\":\"session_end\"" "$j" | grep -q "\"outcome\":\"abandoned\""'
shot=$(sed -n 's|^unknot: screenshot \(.*\.bmp\) at 5000 ms$|\1|p' "$T/err" | head -1)
[ -n "${KEEP:-}" ] && [ -n "$shot" ] && cp "$shot" "$T/banner.bmp"
# The banner's text is amber (THEME_WARN 255 193 70), at the floor size: the
# topmost wide amber line under the header (the fill bar under it is amber
# too; in the header the discomfort chip and the pedal's ring are amber).
cap=$(python3 "$here/ui/capheight.py" "${shot:-/dev/null}" 255 193 70 2>/dev/null |
	awk '$1 > 60 && $4 > 400 { print $3; exit }')
check "held 2 s: \"Keep holding to pause\" across the screen, capitals $cap px (>= 40)" '[ "${cap:-0}" -ge 40 ]'
exit $fail
