#!/bin/sh
# soak: 24 hours of back-to-back sessions with random pedal and key input on
# the virtual clock (`unknot --simulate ROUTINES... --repeat-until 24`), every
# bundled routine in turn, in one process (a few seconds of real time).
# Checks: memory is flat (VmRSS at the end within 1 MB of VmRSS after the
# first simulated hour), the whole day ran and used the whole script, and the
# journal reads back complete: every line whole JSON, every session from
# session_start (seq 1) to session_end without a gap in seq, as many sessions
# as were run, and `unknot --history --json` agrees (sessions, lines, no bad
# or torn line). bench/bench_soak.sh prints the same figures.
UNKNOT=${UNKNOT:-./unknot}
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed to make the input"; exit 77; }
[ -r /proc/self/status ] || { echo "no /proc/self/status to read VmRSS from"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok $1"; }
nok() { echo "not ok $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

HOURS=${SOAK_HOURS:-24}
python3 "$root/tests/soak_input.py" "${SOAK_SEED:-1}" "$HOURS" >"$T/input"
routines=$(ls "$root"/routines/*.json | grep -v '/schema\.json$')
# shellcheck disable=SC2086
"$UNKNOT" --simulate $routines --input "$T/input" --repeat-until "$HOURS" --journal "$T/journal.jsonl" \
	>/dev/null 2>"$T/err"
rc=$?
grep "soak:" "$T/err" | sed 's/^/# /'
# "unknot: soak: hour 1.00: 12 sessions, 525 journal lines, VmRSS 12268 kB"
rss1=$(sed -n 's/^unknot: soak: hour 1\.00: .*VmRSS \([0-9]*\) kB$/\1/p' "$T/err")
done_line=$(grep "^unknot: soak: done: " "$T/err")
rss_end=$(echo "$done_line" | sed -n 's/.*VmRSS \([0-9]*\) kB$/\1/p')
hours=$(echo "$done_line" | sed -n 's/.*done: \([0-9.]*\) h simulated.*/\1/p')
sessions=$(echo "$done_line" | sed -n 's/.* h simulated, \([0-9]*\) sessions.*/\1/p')
lines=$(echo "$done_line" | sed -n 's/.* sessions, \([0-9]*\) journal lines.*/\1/p')
inputs=$(echo "$done_line" | sed -n 's/.*script \([0-9]*\) of \([0-9]*\) inputs.*/\1 \2/p')

check "the soak ran $HOURS simulated hours without error" \
	'[ $rc = 0 ] && [ -n "$hours" ] && python3 -c "import sys; sys.exit(not float(sys.argv[1]) >= float(sys.argv[2]))" "$hours" "$HOURS"'
check "it used the whole random input (${inputs% *} inputs) over $sessions sessions" \
	'[ -n "$inputs" ] && [ "${inputs% *}" = "${inputs#* }" ] && [ "${sessions:-0}" -ge 100 ]'
# Under valgrind or ASan the process's memory is the checker's (freed blocks
# held back to catch use-after-free, shadow memory): VmRSS says nothing about
# unknot there, and their own leak checks apply instead.
checker=
if [ -n "${UNKNOT_UNDER_VALGRIND:-}" ]; then
	checker=valgrind
elif grep -q __asan_init "$UNKNOT" 2>/dev/null; then
	checker=ASan
fi
if [ -n "$checker" ]; then
	ok "memory is flat (VmRSS not meaningful under $checker, which checks leaks itself)"
else
	check "memory is flat: VmRSS ${rss_end:-?} kB at the end, ${rss1:-?} kB after hour 1 (within 1024 kB)" \
		'[ -n "$rss1" ] && [ -n "$rss_end" ] && [ $((rss_end - rss1)) -le 1024 ]'
fi
check "the journal has every session whole: session_start..session_end, seq without gaps" \
	'python3 - "$T/journal.jsonl" "$sessions" "$lines" <<PY
import json, sys
path, want, nlines = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
order, seen = [], {}
n = 0
for line in open(path, encoding="utf-8"):
    n += 1
    e = json.loads(line)
    s = e["session"]
    if s not in seen:
        seen[s] = []
        order.append(s)
    seen[s].append(e)
bad = [s for s in order
       if [e["seq"] for e in seen[s]] != list(range(1, len(seen[s]) + 1))
       or seen[s][0]["event"] != "session_start" or seen[s][-1]["event"] != "session_end"]
ok = len(order) == want and n == nlines and not bad
if not ok:
    print("# %d sessions (want %d), %d lines (want %d), broken: %s" % (len(order), want, n, nlines, bad[:3]))
sys.exit(0 if ok else 1)
PY'
hist=$("$UNKNOT" --history --json --journal "$T/journal.jsonl" 2>"$T/herr" | python3 -c '
import json, sys
d = json.load(sys.stdin)
j, t = d["journal"], d["totals"]
print(t["sessions"], j["lines"], j["bad"], j["torn"], t["unfinished"])')
check "unknot --history --json agrees: $sessions sessions, $lines lines, none bad, torn or unfinished" \
	'[ "$hist" = "$sessions $lines 0 False 0" ]'
exit $fail
