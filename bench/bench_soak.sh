#!/bin/sh
# bench_soak: the figures of the soak (tests/e2e/soak.sh checks them): 24
# simulated hours (SOAK_HOURS) of back-to-back sessions, every bundled routine
# in turn, random pedal and key input (tests/soak_input.py, SOAK_SEED), in one
# unknot process on the virtual clock. Prints hours simulated, sessions,
# journal lines and bytes, VmRSS after hour 1 and at the end, the real time it
# took; target: VmRSS growth <= 1024 kB.
UNKNOT=${UNKNOT:-./unknot}
root=$(cd "$(dirname "$0")/.." && pwd)
command -v python3 >/dev/null 2>&1 || { echo "bench_soak: python3 is needed"; exit 0; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
HOURS=${SOAK_HOURS:-24}
SEED=${SOAK_SEED:-1}
python3 "$root/tests/soak_input.py" "$SEED" "$HOURS" >"$T/input"
routines=$(ls "$root"/routines/*.json | grep -v '/schema\.json$')
t0=$(date +%s.%N)
# shellcheck disable=SC2086
"$UNKNOT" --simulate $routines --input "$T/input" --repeat-until "$HOURS" --journal "$T/journal.jsonl" \
	>/dev/null 2>"$T/err" || { cat "$T/err"; echo "bench_soak: FAILED"; exit 1; }
t1=$(date +%s.%N)
rss1=$(sed -n 's/^unknot: soak: hour 1\.00: .*VmRSS \([0-9]*\) kB$/\1/p' "$T/err")
d=$(grep "^unknot: soak: done: " "$T/err")
echo "seed $SEED, $(grep -c 'down$' "$T/input") presses in the script"
echo "${d#unknot: soak: done: }"
echo "journal: $(wc -l <"$T/journal.jsonl") lines, $(wc -c <"$T/journal.jsonl") bytes;" \
	"history: $("$UNKNOT" --history --json --journal "$T/journal.jsonl" 2>/dev/null |
	python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; print("%d sessions, %d completed, %d abandoned, %d discomfort marks" % (t["sessions"], t["completed"], t["abandoned"], t["discomfort"]))')"
rss_end=$(echo "$d" | sed -n 's/.*VmRSS \([0-9]*\) kB$/\1/p')
echo "VmRSS after hour 1: $rss1 kB, at the end: $rss_end kB, growth $((rss_end - rss1)) kB (target <= 1024 kB)"
echo "real time: $(echo "$t0 $t1" | awk '{printf "%.2f s", $2 - $1}')"
[ $((rss_end - rss1)) -le 1024 ] || { echo "bench_soak: memory grew"; exit 1; }
