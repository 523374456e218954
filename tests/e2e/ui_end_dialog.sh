#!/bin/sh
# The end dialog pauses the session (issue 17): "End this session?" left open
# for longer than the step (and the whole routine) leaves the session paused,
# still on the dialog, not run to its end and journaled as complete.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
. "$here/checks.sh"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/r.json" <<'R'
{ "format": 1, "title": "End dialog test", "defaults": { "transition_s": 0 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "duration_s": 10 } ] }
R
# 800x480: End is the fifth of the five buttons along the bottom (ui_walk.sh).
cat >"$T/script" <<S
0.500 key:return down
0.550 key:return up
3.000 touch 708 442 down
3.050 touch 708 442 up
40.000 key:f12 down
40.050 key:f12 up
41.000 key:escape down
41.050 key:escape up
S
(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$UNKNOT" --size 800x480 --fast \
 --journal "$T/j" --input "$T/script" --screenshot "$T/shots" "$T/r.json" >/dev/null 2>"$T/err")
j="$T/j"
shot40=$(sed -n 's|^unknot: screenshot \(.*\.bmp\) at 40000 ms$|\1|p' "$T/err" | head -1)
check "the touch on End paused the session (journal)" 'grep -q "\"event\":\"pause\"" "$j"'
check "37 s later (the step is 10 s) the dialog is still shown ($shot40)" \
	'case "$shot40" in *-confirm.bmp) true ;; *) false ;; esac'
# The step's only end is the abandon at 41 s, 2.5 s of it done (not 10).
end=$(grep '"event":"step_end"' "$j")
check "the step did not run to its end ($(echo "$end" | grep -o '"reason":"[a-z]*","actual_ms":[0-9]*'))" \
	'[ "$(echo "$end" | wc -l)" = 1 ] && echo "$end" | grep -q "\"reason\":\"abandoned\"" &&
	 [ "$(echo "$end" | sed "s/.*\"actual_ms\":\([0-9]*\).*/\1/")" -lt 4000 ]'
check "the session was not journaled as completed" '! grep -q "\"outcome\":\"completed\"" "$j"'
ms=$(grep '"event":"session_end"' "$j" | sed 's/.*"ms":\([0-9]*\).*/\1/')
check "Escape (end) on the dialog ends it abandoned at 41 s ($ms ms), not by the pause timeout" \
	'grep "\"event\":\"session_end\"" "$j" | grep -q "\"outcome\":\"abandoned\"" && [ "$ms" -lt 60000 ]'
exit $fail
