#!/bin/sh
# Issue 23 (7) and fleet-wide settings, with a real station
# (tests/helpers/fleet_swarm) on a real Mosquitto:
# - retained messages under unknot/SITE/routines/ whose name is not a
#   routine id ("a.b", "..", ".hidden", "a%2Fb", "x/y") are reported in the
#   status faults (and the log), not dropped silently;
# - a routine whose "id" hides a NUL ("neck\u0000x") is refused as such;
# - a manifest listing 10,000 routines is refused, one listing a routine that
#   never arrives is reported;
# - settings pushed retained on .../routines/_settings wait for the session
#   to end, are handed to the app once, and come back in the status; bad
#   settings are a fault.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_s:-} 2>/dev/null; bg_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"

broker_init "$T" gymA "st001" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
bsub_bg "$T/mgr" manager -V mqttv5 -v -t 'unknot/gymA/st001/status'
swarm_start s 1 1 || { echo "not ok the swarm starts"; exit 1; }
swarm_cmd s 7 "connected 10"
status() { grep "^unknot/gymA/st001/status " "$T/mgr" | tail -1; }
# until the latest status matches PATTERN (at most 10 s)
wait_status() {
	n=0
	while [ $n -lt 200 ]; do
		status | grep -q -- "$1" && return 0
		sleep 0.05; n=$((n + 1))
	done
	return 1
}

for t in a.b .. .hidden a%2Fb x/y; do
	bpub manager -V mqttv5 -q 1 -r -t "unknot/gymA/routines/$t" -m '{"id":"x","version":1}'
done
check "names that are not routine ids are faults in the status" \
	'wait_status "routine \\\\\"a.b\\\\\": not a routine id" && wait_status "routine \\\\\"..\\\\\": not a routine id" && wait_status "routine \\\\\"x/y\\\\\": not a routine id"'
status | sed 's/^/# /'
check "... and in the station's log" 'grep -q "ignored routine \"a.b\": not a routine id" "$T/s.err" && grep -q "ignored routine \".hidden\"" "$T/s.err"'
for t in a.b .. .hidden a%2Fb x/y; do bpub manager -q 1 -r -t "unknot/gymA/routines/$t" -n; done
check "deleting them clears those faults" 'wait_status "\"faults\":\[\]"'

body='{"format": 1, "title": "Rest", "steps": [{"kind": "rest", "duration_s": 60}]}'
sha=$(printf '%s' "$body" | sha256sum | cut -c1-64)
esc=$(printf '%s' "$body" | sed 's/"/\\"/g')
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/neck -m "{\"id\":\"neck\\u0000x\",\"version\":1,\"sha256\":\"$sha\",\"body\":\"$esc\"}"
check "an id with an embedded NUL is refused as such" 'wait_status "routine neck: a string has a NUL"'

python3 - "$T/big.json" <<'PY'
import json, sys
json.dump({"version": 9, "routines": [{"id": "r%d" % i, "version": 1, "sha256": "0" * 64}
                                      for i in range(10000)]}, open(sys.argv[1], "w"))
PY
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/_manifest -f "$T/big.json"
check "a 10,000-routine manifest is refused with the reason" 'wait_status "manifest: lists 10000 routines, a station holds at most"'
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/_manifest \
	-m "{\"version\":10,\"routines\":[{\"id\":\"ghost\",\"version\":1,\"sha256\":\"$sha\"}]}"
check "a manifest listing a routine that never arrives is reported" \
	'wait_status "manifest 10: 1 listed routine never arrived (ghost)"'

# --- settings
swarm_cmd s 7 "state session neck 1 3"
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/_settings \
	-m '{"version":2,"volume":40,"language":"de","idle_minutes":3,"pause_timeout_minutes":7}'
sleep 1.5
swarm_cmd s 7 polls
check "settings wait while a session runs" '! status | grep -q "\"settings\"" && grep -q "^polls .* settings=0" "$T/s.out"'
swarm_cmd s 7 "state idle"
check "between sessions they are handed over and reported in the status" \
	'wait_status "\"settings\":{\"version\":2,\"volume\":40,\"language\":\"de\",\"idle_minutes\":3,\"pause_timeout_minutes\":7}"'
sleep 0.3
swarm_cmd s 7 polls
check "the app was told once" '[ "$(grep "^polls" "$T/s.out" | tail -1)" = "polls reload=0 identify=0 settings=1" ]'
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/_settings -m '{"version":3,"volume":400}'
check "bad settings are a fault; the applied ones stay" \
	'wait_status "settings: volume: expected a whole number 0..100" && status | grep -q "\"settings\":{\"version\":2"'
status | sed 's/^/# /'
swarm_cmd s 7 quit 10
exit $fail
