#!/bin/sh
# Library at scale (issue 22): 10,000 routine files (bench/gen_library.py,
# the bundled routines' sizes, every 1,000th file broken). Headless at
# 800x480 (SDL_VIDEODRIVER=dummy), the app started on the library and quit
# by its first input line; for each launch: launch to the first frame (the
# app's monotonic clock, as bench_ui.sh), CPU time until exit (user + sys),
# peak RSS (VmHWM). The first launch builds the library index (no index yet);
# the next ones start from it. An empty library is the baseline.
# Targets: with the index, <= 150 ms and <= 30 MB.
# BENCH_LIBRARY_FILES changes the number of files (default 10000).
UNKNOT=${UNKNOT:-./unknot}
UNKNOT=$(cd "$(dirname "$UNKNOT")" && pwd)/$(basename "$UNKNOT") # the runs start in a temporary folder
n=${BENCH_LIBRARY_FILES:-10000}
dir=$(cd "$(dirname "$0")" && pwd)
command -v python3 >/dev/null 2>&1 || { echo "bench_library: python3 needed"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1
export XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" XDG_CACHE_HOME="$T/cache" HOME="$T"
mkdir -p "$T/config/unknot" "$T/empty"
echo accepted >"$T/config/unknot/safety-accepted"
printf '0.000 key:x down\n0.000 key:x up\n' >"$T/quit.txt"
python3 "$dir/gen_library.py" "$T/lib" "$n" || exit 1

cd "$T" && python3 - "$UNKNOT" "$T" "$n" <<'PY'
import os, re, statistics, subprocess, sys, time
unknot, tmp, n = sys.argv[1], sys.argv[2], int(sys.argv[3])

def launch(routines):
    env = dict(os.environ, UNKNOT_ROUTINES=routines)
    t0 = time.monotonic() * 1000
    p = subprocess.run([unknot, "--size", "800x480", "--input", tmp + "/quit.txt"],
                       capture_output=True, text=True, env=env)
    ff = re.search(r"first frame presented \d+ ms after start \(monotonic (\d+) ms\)", p.stderr)
    rss = re.search(r"peak RSS (\d+) kB", p.stderr)
    cpu = re.search(r"exit after \d+ ms, cpu (\d+) ms", p.stderr)
    if not ff or not rss or not cpu:
        print("bench_library: missing trace lines:", p.stderr.strip()[-400:])
        sys.exit(1)
    return int(ff.group(1)) - t0, int(cpu.group(1)), int(rss.group(1)) / 1024.0

def runs(label, routines, k):
    r = [launch(routines) for _ in range(k)]
    ff = statistics.median(x[0] for x in r)
    cpu = statistics.median(x[1] for x in r)
    rss = max(x[2] for x in r)
    print("  %-34s first frame median %6.0f ms  cpu %5.0f ms  peak RSS %5.1f MB" % (label, ff, cpu, rss))
    return ff, cpu, rss

print("library of %d files, 800x480 headless (medians of 5; machine load: %s)"
      % (n, open("/proc/loadavg").read().split()[0]))
base = runs("empty library", tmp + "/empty", 5)
first = runs("%d files, first start (no index)" % n, tmp + "/lib", 1)
idx = runs("%d files, indexed" % n, tmp + "/lib", 5)
print("  the library's own share, indexed: %+.0f ms first frame, %+.0f ms cpu, %+.1f MB"
      % (idx[0] - base[0], idx[1] - base[1], idx[2] - base[2]))
ok = idx[0] <= 150 and idx[2] <= 30
print("bench_library: %s (targets: <= 150 ms, <= 30 MB with the index)" % ("targets met" if ok else "TARGET MISSED"))
sys.exit(0 if ok else 1)
PY
