#!/bin/sh
# The fleet station against a real Mosquitto on 127.0.0.1 (tests/fleet/broker.sh):
# how fast the app publishes a journal backlog (10 000 lines written while it
# was offline: QoS 1, at most 64 in flight, the ack file fsync'd as it goes),
# and what the connected app costs when nothing happens (CPU over 10 s, with
# the fleet and without it).
# Targets: the backlog drains at >= 1000 events/s; idle CPU with the fleet
# < 0.5 % of a core and within 0.3 points of the app without it.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${BUILD:-$root/build}
UNKNOT=${UNKNOT:-$BUILD/unknot}
here=$root/tests
. "$here/fleet/broker.sh"
for t in mosquitto mosquitto_sub python3; do
	command -v "$t" >/dev/null 2>&1 || PATH="$PATH:/usr/sbin"
	command -v "$t" >/dev/null 2>&1 || { echo "bench_fleet: skipped ($t missing)"; exit 0; }
done
[ -x "$UNKNOT" ] || make -s -C "$root" BUILD="$BUILD" "$BUILD/unknot" >/dev/null || exit 1
T=$(mktemp -d)
chmod 755 "$T"
APP=
trap '[ -n "$APP" ] && kill -9 $APP 2>/dev/null; broker_stop KILL; rm -rf "$T"' EXIT
N=10000
broker_init "$T/broker" gymA "st1" >/dev/null || exit 1
broker_start || exit 1
mkdir -p "$T/config/unknot" "$T/state"
echo accepted >"$T/config/unknot/safety-accepted"
python3 - "$T/state/journal.jsonl" "$N" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        f.write(json.dumps({"event": "step_start", "t": "2026-11-21T09:30:00.000Z", "ms": i,
                            "session": "s%d" % (i // 20), "seq": i % 20 + 1, "index": i % 20 + 1,
                            "kind": "compression", "target": "upper trapezius", "side": "left"}) + "\n")
PY
cat >"$T/fleet.json" <<JSON
{ "fleet": { "broker": "mqtt://127.0.0.1:$BROKER_PORT", "site": "gymA", "station": "st1",
             "username": "gymA/st1", "password": "pw-st1" } }
JSON
echo '{}' >"$T/none.json"
ms() { date +%s%3N; }
run_app() { # CONFIG
	UNKNOT_CONFIG=$1 XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" XDG_DATA_HOME="$T/data" \
	HOME="$T" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
		"$UNKNOT" --size 800x480 --journal "$T/state/journal.jsonl" >/dev/null 2>"$T/err" &
	APP=$!
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
idle_cpu() { # PID: % of a core over 10 s
	a=$(cpu_ticks "$1"); sleep 10; b=$(cpu_ticks "$1")
	python3 -c "print(round(($b - $a) * 100 / $(getconf CLK_TCK) / 10, 2))"
}

t0=$(ms)
run_app "$T/fleet.json"
while [ "$(cat "$T/state/fleet-st1.ack" 2>/dev/null)" != "$N" ]; do
	[ $(($(ms) - t0)) -lt 120000 ] || { echo "bench_fleet: backlog not drained in 120 s"; exit 1; }
	sleep 0.05
done
t1=$(ms)
rate=$((N * 1000 / (t1 - t0)))
echo "backlog: $N events published and acknowledged in $((t1 - t0)) ms from the app's start: $rate events/s (target >= 1000)"
sleep 2
with=$(idle_cpu "$APP")
kill -TERM "$APP"; wait "$APP" 2>/dev/null
run_app "$T/none.json"
sleep 2
without=$(idle_cpu "$APP")
kill -TERM "$APP"; wait "$APP" 2>/dev/null
APP=
echo "idle CPU over 10 s: $with % with the fleet connected, $without % without it (target < 0.5 %, within 0.3)"
python3 -c "import sys; sys.exit(0 if $rate >= 1000 and $with < 0.5 and $with - $without <= 0.3 else 1)"
