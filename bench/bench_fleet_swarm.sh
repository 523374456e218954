#!/bin/sh
# A site of 200 stations against one Mosquitto on 127.0.0.1
# (tests/helpers/fleet_swarm: real io/fleet.h instances in one process, own
# credentials each): how long until all are connected, how fast a burst of
# 50 journal lines on every station (10 000 QoS 1 events) is acknowledged,
# and what the broker holds in memory for them.
# Targets: 200 connected in < 5 s; the burst acknowledged at >= 2000 events/s;
# broker RSS < 50 MB.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$root/build}
here=$root/tests
. "$here/fleet/broker.sh"
for t in mosquitto mosquitto_sub mosquitto_passwd python3; do
	command -v "$t" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin"
	command -v "$t" >/dev/null 2>&1 || { echo "bench_fleet_swarm: skipped ($t missing)"; exit 0; }
done
[ -x "$BUILD/tests/helpers/fleet_swarm" ] ||
	make -s -C "$root" BUILD="$BUILD" "$BUILD/tests/helpers/fleet_swarm" >/dev/null || exit 1
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_a:-} 2>/dev/null; broker_stop KILL; rm -rf "$T"' EXIT
N=200 LINES=50
stations=$(i=1; while [ $i -le $N ]; do printf 'st%03d ' $i; i=$((i + 1)); done)
broker_init "$T" gymA "$stations" >/dev/null || exit 1
broker_start || exit 1
t0=$(now_s)
SWARM_FD=7 swarm_start a 1 $N 30 30 || { echo "bench_fleet_swarm: swarm did not start"; exit 1; }
swarm_cmd a 7 "connected 60" 90
conn=$(python3 -c "print(round($(now_s) - $t0, 2))")
up=$(sed -n 's/^connected \([0-9]*\) .*/\1/p' "$T/a.out" | tail -1)
t1=$(now_s)
swarm_cmd a 7 "append $LINES" 60
swarm_cmd a 7 "wait 120" 150
burst=$(python3 -c "print(round($(now_s) - $t1, 2))")
acked=$(grep -c "^acked ok" "$T/a.out")
rate=$(python3 -c "print(int($N * $LINES / max($burst, 0.001)))")
rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$BROKER_PID/status" 2>/dev/null)
echo "fleet swarm: $up/$N stations connected in $conn s (target < 5 s)"
echo "fleet swarm: $((N * LINES)) events acknowledged in $burst s = $rate events/s (target >= 2000)"
echo "fleet swarm: broker RSS ${rss:-?} MB (target < 50 MB)"
swarm_cmd a 7 "quit" 60
ok=1
[ "$up" = $N ] && python3 -c "import sys; sys.exit(not $conn < 5)" || ok=0
[ "$acked" = 1 ] && [ "$rate" -ge 2000 ] || ok=0
[ -n "$rss" ] && [ "$rss" -lt 50 ] || ok=0
[ $ok = 1 ]
