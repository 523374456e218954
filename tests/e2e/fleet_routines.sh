#!/bin/sh
# Routine distribution over MQTT with docs/fleet/unknot-routine-push (the
# manager's tool) and a real io/fleet.h station (tests/helpers/fleet_swarm):
# routines added, updated and deleted while the station is offline and while
# it is mid-session; nothing changes on disk during the session; after it the
# station's library converges to the manifest (same files, same sha256);
# a routine with a wrong sha256 and an invalid routine are rejected, never
# written, and reported on the station's status.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_s:-} 2>/dev/null; collector_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
R=$here/../routines
LIB=$T/s/routines/st001

broker_init "$T" gymA "st001" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
collector_start "$T/coll"
push() {
	"$here/../docs/fleet/unknot-routine-push" -h "$BROKER_HOST" -p "$BROKER_PORT" \
		-u manager -P pw-manager -s gymA "$@" >>"$T/push.log" 2>&1
}
sha() { sha256sum "$1" | cut -c1-64; }
# has ID FILE: the station's managed ID.json is exactly FILE
has() { [ -f "$LIB/$1.json" ] && [ "$(sha "$LIB/$1.json")" = "$(sha "$2")" ]; }
lib() { (cd "$LIB" 2>/dev/null && ls | tr '\n' ' '); }
# A status from the station containing TEXT after line N of the collector log.
status_after() { tail -n +"$1" "$T/coll" | grep "/st001/status " | grep -q -- "$2"; }
# converge S TEST: until TEST holds (at most S s)
converge() {
	n=$(( $1 * 10 ))
	while [ $n -gt 0 ]; do eval "$2" && return 0; sleep 0.1; n=$((n - 1)); done
	return 1
}

# --- 1. The station is offline (never started): the manager adds two routines.
push add "$R/jaw.json" jaw
push add "$R/foot.json" foot
check "the push tool publishes routines and a manifest" 'grep -q "foot version 1 .*manifest version 2" "$T/push.log"'
mkdir -p "$T/s"
SWARM_FD=7 swarm_start s 1 1 5 2 || { nok "station starts"; cat "$T/s.err"; exit 1; }
swarm_cmd s 7 "connected 10"
check "offline adds arrive once the station connects" 'converge 10 "has jaw \"$R/jaw.json\" && has foot \"$R/foot.json\""'
echo "# library: $(lib)"
swarm_cmd s 7 "polls"
check "the app is told to reload its library" 'grep -q "^polls reload=[1-9]" "$T/s.out"'

# --- 2. Mid-session: update jaw, add neck, delete foot; nothing moves until
# the session ends.
swarm_cmd s 7 "state session foot 2 9"
sed 's/"Jaw (gentle)"/"Jaw (gentle, v2)"/' "$R/jaw.json" >"$T/jaw2.json"
push add "$T/jaw2.json" jaw
push add "$R/neck-tension-headache.json" neck
push delete foot
sleep 2
swarm_cmd s 7 "stats"
check "during the session the files stay as they were" 'has jaw "$R/jaw.json" && has foot "$R/foot.json" && [ ! -e "$LIB/neck.json" ]'
check "the changes wait (pending > 0)" 'grep "^stat st001" "$T/s.out" | tail -1 | grep -q "pending=[1-9]"'
swarm_cmd s 7 "state idle"
check "after the session: jaw updated, neck added, foot removed" \
	'converge 10 "has jaw \"$T/jaw2.json\" && has neck \"$R/neck-tension-headache.json\" && [ ! -e \"$LIB/foot.json\" ]"'
echo "# library: $(lib)"
check "the status reports the manifest version" 'converge 5 "status_after 1 \"\\\"manifest_version\\\":5\""'

# --- 3. Offline again (clean exit): update neck, delete jaw, add shoulder;
# plus a routine with a wrong sha256 and an invalid one (schema), by hand.
swarm_cmd s 7 "quit" 20
wait "$SWARM_PID_s" 2>/dev/null
exec 7>&-
rm -f "$T/s.ctl"
sed 's/"Neck & tension headache"/"Neck \& tension headache (v2)"/' "$R/neck-tension-headache.json" >"$T/neck2.json"
push add "$T/neck2.json" neck
push delete jaw
push add "$R/shoulder.json" shoulder
python3 - "$R/quick-reset.json" >"$T/badsha.msg" <<'PY'
import hashlib, json, sys
body = open(sys.argv[1], encoding="utf-8").read()
print(json.dumps({"id": "badsha", "version": 1, "sha256": hashlib.sha256(b"something else").hexdigest(), "body": body}))
PY
python3 - >"$T/invalid.msg" <<'PY'
import hashlib, json
body = json.dumps({"format": 1, "title": "Broken", "steps": [{"kind": "compression", "duration_s": -5}]})
print(json.dumps({"id": "invalid", "version": 1, "sha256": hashlib.sha256(body.encode()).hexdigest(), "body": body}))
PY
bpub manager -q 1 -r -t unknot/gymA/routines/badsha -f "$T/badsha.msg"
bpub manager -q 1 -r -t unknot/gymA/routines/invalid -f "$T/invalid.msg"
mark=$(wc -l <"$T/coll")
SWARM_FD=7 swarm_start s 1 1 5 2 || { nok "station restarts"; cat "$T/s.err"; exit 1; }
swarm_cmd s 7 "connected 10"
check "after the offline changes the library converges (neck v2, shoulder; jaw gone)" \
	'converge 10 "has neck \"$T/neck2.json\" && has shoulder \"$R/shoulder.json\" && [ ! -e \"$LIB/jaw.json\" ]"'
echo "# library: $(lib)"
check "exactly the manifest's routines are on the station" '[ "$(lib)" = "neck.json shoulder.json " ]'
check "the wrong-sha256 and the invalid routine are never written" '[ ! -e "$LIB/badsha.json" ] && [ ! -e "$LIB/invalid.json" ]'
check "the status reports both as faults" 'converge 5 "status_after $mark \"routine badsha: .*sha256\" && status_after $mark \"routine invalid: \""'
tail -n +"$mark" "$T/coll" | grep "/st001/status " | tail -1 | sed 's/^[^{]*//; s/^/# status: /'
swarm_cmd s 7 "stats"
check "stats count 2 rejected" 'grep "^stat st001" "$T/s.out" | tail -1 | grep -q "rejected=2"'
# The manager fixes it: deletes the bad ones; the faults go away.
bpub manager -q 1 -r -n -t unknot/gymA/routines/badsha
bpub manager -q 1 -r -n -t unknot/gymA/routines/invalid
mark=$(wc -l <"$T/coll")
check "deleting the bad routines clears the faults" 'converge 5 "status_after $mark \"\\\"faults\\\":\\[\\]\""'
"$here/../docs/fleet/unknot-routine-push" -h "$BROKER_HOST" -p "$BROKER_PORT" -u manager -P pw-manager -s gymA list >"$T/list"
check "the push tool lists the manifest" 'grep -q "^neck version 2 " "$T/list" && grep -q "^shoulder version 1 " "$T/list" && grep -q "^manifest version 8" "$T/list"'
check "a station cannot push routines with the tool" '! "$here/../docs/fleet/unknot-routine-push" -h "$BROKER_HOST" -p "$BROKER_PORT" -u gymA/st001 -P pw-st001 -s gymA add "$R/foot.json" >/dev/null 2>&1'
printf '{"format": 1, "title": "a", "title": "b", "steps": []}' >"$T/dup.json"
check "the push tool refuses a file with duplicate keys (stations would reject it)" \
	'! push add "$T/dup.json" dup && grep -q "duplicate key .title." "$T/push.log" && [ -z "$(bsub manager -W 1 --retained-only -t unknot/gymA/routines/dup 2>/dev/null)" ]'
swarm_cmd s 7 "quit" 20
wait "$SWARM_PID_s" 2>/dev/null  # let it finish (valgrind writes its report)
exit $fail
