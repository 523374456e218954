#!/bin/sh
# Issue 19, the outside attack's defects, through the real binary: inputs
# that froze it (a routine validated in quadratic time), files that tricked
# it (journals that are not journals, symlinks, FIFOs, huge files), signals
# that killed it without a session end line, and text that reached a
# terminal or a spreadsheet raw. Each check failed before its fix.
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
. "$(dirname "$0")/../checks.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_STATE_HOME="$tmp/home/.state" \
	UNKNOT_SYSCONFDIR="$tmp/etc" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset UNKNOT_CONFIG
mkdir -p "$HOME"

# ---- 1. every validator linear in its input ----
# The largest routine allowed (1 MiB) listing "left" 149,000 times in one
# step's sides: 26-33 s before (a position lookup per error, each a walk over
# every value), about 0.3 s after. 20 s is the kiosk watchdog: a loaded
# machine gets slower, a quadratic validator gets killed.
python3 - "$tmp/sides.json" <<'PY'
import json, sys
r = {"format": 1, "title": "Big", "steps": [{"kind": "compression", "tool": "ball",
     "target": "glutes", "duration_s": 60, "sides": ["left"] * 149000}]}
t = json.dumps(r, separators=(",", ":"))
assert len(t) <= 1 << 20
open(sys.argv[1], "w").write(t)
PY
timeout -s KILL 20 "$UNKNOT" --check "$tmp/sides.json" >/dev/null 2>"$tmp/err"; rc=$?
check "linear: 149,000 repeated sides rejected within the watchdog's 20 s (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "steps\[0\].sides\[1\]: \"left\" is listed twice" "$tmp/err"'
# 12,000 steps, each with a warning, 40,000 minutes in all: the same
# lookups; and the one error must not be lost behind 400 warnings.
python3 - "$tmp/warn.json" <<'PY'
import json, sys
s = [{"kind": "compression", "tool": "ball", "target": "glutes", "duration_s": 200}] * 12000
open(sys.argv[1], "w").write(json.dumps({"format": 1, "title": "W", "steps": s}, separators=(",", ":")))
PY
timeout -s KILL 20 "$UNKNOT" --check "$tmp/warn.json" >/dev/null 2>"$tmp/err"; rc=$?
check "linear: 12,000 warned steps checked within 20 s, the error shown (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "warning: a 200 s compression" "$tmp/err" && grep -q "steps: the timeline is 40000:00 long" "$tmp/err"'

exit $fail
