#!/bin/sh
# docs/fleet/unknot-fleet-collect through a broker kill: three real stations
# (tests/helpers/fleet_swarm) journal while the collector is away and the
# broker is SIGKILLed and restarted, losing the events it had queued for the
# collector; the collector comes back, sees the gaps (statuses carry the
# latest seq), asks each station for exactly its gap (ranged resend) and ends
# with every (station, seq) once in its JSON-lines file. A restart of the
# collector reads the file back and stores nothing twice.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_s:-} $CP 2>/dev/null; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
CP=

BROKER_BIND_IDS=1
broker_init "$T" gymA "st001 st002 st003" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
collect_start() {
	"$here/../docs/fleet/unknot-fleet-collect" -h "$BROKER_HOST" -p "$BROKER_PORT" -u collector \
		-P pw-collector -s gymA -o "$T/events.jsonl" --gap-wait 2 2>>"$T/collect.log" &
	CP=$!
	wait_grep "$T/collect.log" "connected to" 20
}
collect_stop() { kill "$CP" 2>/dev/null; wait "$CP" 2>/dev/null; CP=; }
count() { # STATION: "events unique max"
	python3 - "$T/events.jsonl" "$1" <<'PY'
import json, sys
seqs = [json.loads(l)["seq"] for l in open(sys.argv[1]) if json.loads(l)["station"] == sys.argv[2]]
print(len(seqs), len(set(seqs)), max(seqs, default=0))
PY
}
all_complete() { # N: every station has 1..N exactly once
	for s in st001 st002 st003; do [ "$(count $s)" = "$1 $1 $1" ] || return 1; done
}
until_() { n=0; while [ $n -lt $(( $1 * 10 )) ]; do eval "$2" && return 0; sleep 0.1; n=$((n + 1)); done; return 1; }

collect_start || { echo "not ok the collector connects"; cat "$T/collect.log"; exit 1; }
swarm_start s 1 3 || { echo "not ok the stations start"; exit 1; }
swarm_cmd s 7 "connected 10"
swarm_cmd s 7 "append 10"
swarm_cmd s 7 "wait 20"
check "live: every station's 10 events stored once" 'until_ 10 "all_complete 10"'

# Away: the broker queues for the collector's persistent session, then dies.
collect_stop
swarm_cmd s 7 "append 15"
swarm_cmd s 7 "wait 20"
grep -q "^acked ok" "$T/s.out" || echo "# the stations did not get their acks"
broker_stop KILL
broker_restart || { nok "the broker restarts"; exit 1; }
swarm_cmd s 7 "connected 20"
swarm_cmd s 7 "append 5"
swarm_cmd s 7 "wait 20"
t0=$(now_s)
collect_start
check "after the broker kill: every station's 30 events stored exactly once" 'until_ 30 "all_complete 30"'
echo "# complete $(python3 -c "print(round($(now_s) - $t0, 1))") s after the collector came back"
sed 's/^/# /' "$T/collect.log" | grep -v "connected to"
# Each station lost 11-30. The collector asks for exactly that, in one range
# or, when a live event lands in the middle of the gap first (a loaded
# machine), in ranges that tile it: never the whole tail, never twice.
tiles() {  # tiles FILE REGEX: per key, the ranges tile 11-30 exactly
	python3 - "$1" "$2" <<'PY'
import re, sys, collections
got = collections.defaultdict(list)
for line in open(sys.argv[1], errors="replace"):
    m = re.search(sys.argv[2], line)
    if m:
        got[m.group(1)].append((int(m.group(2)), int(m.group(3))))
ok = len(got) == 3 and all(sorted(n for a, b in r for n in range(a, b + 1)) == list(range(11, 31))
                           for r in got.values())
sys.exit(0 if ok else 1)
PY
}
check "the collector asked each station for exactly its gap 11-30 (ranged resend; the broker lost the session too)" \
	'tiles "$T/collect.log" "gymA/(st00[1-3]): gap ([0-9]+)-([0-9]+), asking"'
check "... and each station resent just that range" \
	'python3 -c "
import re, sys
r = [tuple(map(int, m)) for m in re.findall(r\"resend seq ([0-9]+)-([0-9]+)\", open(sys.argv[1], errors=\"replace\").read())]
sys.exit(0 if sum(b - a + 1 for a, b in r) == 60 and all(a >= 11 and b <= 30 for a, b in r) else 1)
" "$T/s.err" && ! grep -q "resend from seq" "$T/s.err"'

# A restart reads the file back: nothing stored twice.
collect_stop
collect_start
swarm_cmd s 7 "append 2"
swarm_cmd s 7 "wait 20"
check "after a collector restart the new events are added once and nothing twice" 'until_ 10 "all_complete 32"'
collect_stop
swarm_cmd s 7 quit 10
exit $fail
