#!/bin/sh
# The Node-RED flow's logic (docs/fleet/node-red-flow.json, its function
# nodes run by node through tests/fleet/nodered_fn.js) on real messages from
# a real Mosquitto and real stations (tests/helpers/fleet_swarm): the
# station table shows state, routine and availability; a station killed
# raises exactly one "offline" alert while retained values replayed at
# subscribe raise none; the routine upload form's messages, published as
# they are, are accepted by a station (written, then deleted).
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
command -v node >/dev/null 2>&1 || { echo "node is missing (Debian: nodejs) for the Node-RED functions"; exit 77; }
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_a:-} ${SWARM_PID_b:-} 2>/dev/null; bg_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
FLOW=$here/../docs/fleet/node-red-flow.json
nr() { node "$here/fleet/nodered_fn.js" "$FLOW" "$@"; }
R=$here/../routines

broker_init "$T" gymA "st001 st002" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
# What Node-RED's "mqtt in" nodes would get: topic, retain flag, payload.
bsub_bg "$T/live" manager -V mqttv5 -q 1 -F '%t %r %p' -t 'unknot/+/+/status' -t 'unknot/+/+/availability'
sleep 0.3
SWARM_FD=7 swarm_start a 1 1 5 2 || { nok "station st001 starts"; exit 1; }
SWARM_FD=8 swarm_start b 2 1 5 2 || { nok "station st002 starts"; exit 1; }
swarm_cmd a 7 "connected 10"
swarm_cmd b 8 "connected 10"
swarm_cmd a 7 "state session Neck 3 7"
swarm_cmd a 7 "fault no audio"
wait_grep "$T/live" '"state":"in_session".*"faults":\["no audio"\]' 5
kill -9 "$SWARM_PID_b"
wait_grep "$T/live" "st002/availability 0 offline" 10 || nok "st002's last will arrives"
sleep 0.3
nr table <"$T/live" >"$T/table1"
sed 's/^/# /' "$T/table1"
check "the table shows st001 in session with routine, step and fault" \
	'grep -q "\"station\":\"st001\".*\"availability\":\"online\".*\"state\":\"in_session\",\"routine\":\"Neck\",\"step\":\"3/7\",\"faults\":\"no audio\"" "$T/table1"'
check "and st002 offline" 'grep -q "\"station\":\"st002\",\"availability\":\"offline\"" "$T/table1"'
check "exactly one alert: st002 went offline" \
	'[ "$(grep -c "^alert" "$T/table1")" = 1 ] && grep -q "^alert gymA / st002 is offline" "$T/table1"'
# Node-RED restarted later: everything arrives retained, nothing is news.
bsub manager -V mqttv5 -q 1 -F '%t %r %p' -W 2 -t 'unknot/+/+/status' -t 'unknot/+/+/availability' >"$T/snap" 2>/dev/null
nr table <"$T/snap" >"$T/table2"
check "after a Node-RED restart the table is rebuilt from retained messages" \
	'grep -q "\"station\":\"st001\".*\"state\":\"in_session\"" "$T/table2" && grep -q "\"station\":\"st002\",\"availability\":\"offline\"" "$T/table2"'
check "and no alert for a station that was already offline" '! grep -q "^alert" "$T/table2"'

# The upload form: its messages go to the broker exactly as the mqtt out node sends them.
publish_all() { # FILE: "pub TOPIC PAYLOAD" lines
	grep "^pub " "$1" | while read -r _ topic payload; do
		if [ -n "$payload" ]; then bpub manager -q 1 -r -t "$topic" -m "$payload"
		else bpub manager -q 1 -r -n -t "$topic"; fi
	done
}
manifest() { bsub manager -W 1 --retained-only -t unknot/gymA/routines/_manifest 2>/dev/null; }
swarm_cmd a 7 "state idle"
retained() { bsub manager -W 1 --retained-only -F '%t %p' -t 'unknot/gymA/routines/#' 2>/dev/null; }
retained | nr upload gymA jaw "$R/jaw.json" >"$T/up1"
sed 's/^/# /' "$T/up1" | cut -c1-150
publish_all "$T/up1"
LIB=$T/a/routines/st001
wait_grep "$T/live" '"manifest_version":1' 10
check "a routine uploaded with the form is accepted and written by the station" 'cmp -s "$R/jaw.json" "$LIB/jaw.json"'
retained | nr upload gymA foot "$R/foot.json" >"$T/up2"
publish_all "$T/up2"
wait_grep "$T/live" '"manifest_version":2' 10
check "a second upload extends the manifest (version 2, both routines)" \
	'cmp -s "$R/foot.json" "$LIB/foot.json" && [ -e "$LIB/jaw.json" ] && manifest | grep -q "\"version\":2.*jaw"'
retained | nr upload gymA jaw - >"$T/up3"
publish_all "$T/up3"
wait_grep "$T/live" '"manifest_version":3' 10
check "an empty body deletes the routine on the station" '[ ! -e "$LIB/jaw.json" ] && [ -e "$LIB/foot.json" ]'
printf '{"format": 1, "title": ' >"$T/broken.json"
retained | nr upload gymA broken "$T/broken.json" >"$T/up4"
check "the form refuses a body that is not JSON (nothing published)" \
	'! grep -q "^pub" "$T/up4" && grep -q "^note Not JSON" "$T/up4"'
swarm_cmd a 7 "quit" 20
wait "$SWARM_PID_a" 2>/dev/null  # let it finish (valgrind writes its report)
exit $fail
