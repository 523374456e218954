#!/bin/sh
# UI benchmark at 800x480 with the software renderer (SDL_VIDEODRIVER=dummy):
#  - time from launch to the first presented frame (median of 15 launches),
#  - peak RSS (VmHWM) over a whole one-minute session,
#  - CPU time per minute while a session counts down, on the real clock.
# Targets: first frame < 150 ms, peak RSS < 30 MB, < 0.5% of one core.
# BENCH_UI_SECONDS shortens the counting-down run (default 60).
UNKNOT=${UNKNOT:-./unknot}
secs=${BENCH_UI_SECONDS:-60}
command -v python3 >/dev/null 2>&1 || { echo "bench_ui: python3 needed"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/minute.json" <<EOF
{ "format": 1, "title": "Bench minute",
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius",
               "duration_s": $secs, "transition_s": 0,
               "text": "Lean into the ball until you feel a strong but tolerable ache, and breathe." } ] }
EOF
printf '0.000 key:x down\n0.000 key:x up\n' >"$T/quit.txt"
printf '0.300 pedal down\n0.400 pedal up\n' >"$T/start.txt"

python3 - "$UNKNOT" "$T" "$secs" <<'PY'
import re, statistics, subprocess, sys, time
unknot, tmp, secs = sys.argv[1], sys.argv[2], int(sys.argv[3])

# 1. Launch to first frame: the app logs the CLOCK_MONOTONIC ms of its first
#    present; Python's time.monotonic() is the same clock.
firsts = []
for i in range(15):
    t0 = time.monotonic() * 1000
    p = subprocess.run([unknot, "--size", "800x480", "--input", tmp + "/quit.txt"],
                       capture_output=True, text=True)
    m = re.search(r"first frame presented \d+ ms after start \(monotonic (\d+) ms\)", p.stderr)
    if not m:
        print("bench_ui: no first-frame line:", p.stderr.strip()[-300:])
        sys.exit(1)
    firsts.append(int(m.group(1)) - t0)
firsts.sort()
ff = statistics.median(firsts)
print("first frame: median %.0f ms, min %.0f, max %.0f over %d launches (target < 150 ms)"
      % (ff, firsts[0], firsts[-1], len(firsts)))

# 2 and 3. A real-time session: CPU while counting down, and peak RSS.
p = subprocess.run([unknot, "--size", "800x480", "--input", tmp + "/start.txt",
                    tmp + "/minute.json"], capture_output=True, text=True)
m = re.search(r"session end: (\d+) ms, cpu (\d+) ms", p.stderr)
r = re.search(r"peak RSS (\d+) kB", p.stderr)
if not m or not r:
    print("bench_ui: missing trace lines:", p.stderr.strip()[-300:])
    sys.exit(1)
wall, cpu = int(m.group(1)), int(m.group(2))
rss = int(r.group(1)) / 1024.0
pct = 100.0 * cpu / wall
print("counting down: %d ms of session used %d ms of CPU = %.3f%% of one core, %.0f ms per minute (target < 0.5%%)"
      % (wall, cpu, pct, cpu * 60000.0 / wall))
print("peak RSS: %.1f MB (target < 30 MB)" % rss)
ok = ff < 150 and rss < 30 and pct < 0.5
print("bench_ui: %s" % ("all targets met" if ok else "TARGET MISSED"))
PY
