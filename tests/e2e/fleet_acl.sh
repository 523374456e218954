#!/bin/sh
# Fleet ACL (docs/fleet/acl) on a real Mosquitto: a station may publish and
# subscribe only under its own unknot/<site>/<station>/ topics and read the
# routines; publishing as another station, reading another station's
# commands or writing a routine is denied and nothing of it reaches anyone.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
T=$(mktemp -d)
trap 'bg_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"

broker_init "$T" gymA "st001 st002" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"

# Watchers: the manager sees everything; st002 listens to its own commands;
# st001 tries to listen to st002's commands and to everything.
bsub_bg "$T/mgr" manager -V mqttv5 -q 1 -v -t 'unknot/#'
bsub_bg "$T/st002" st002 -V mqttv5 -q 1 -v -t 'unknot/gymA/st002/cmd/#'
bsub_bg "$T/spy" st001 -V mqttv5 -q 1 -v -t 'unknot/gymA/st002/cmd/#'
bsub_bg "$T/spyall" st001 -V mqttv5 -q 1 -v -t 'unknot/#'
sleep 0.5
sub_sync "$T/mgr" || { echo "not ok manager subscriber never got its marker"; exit 1; }

# A station's own topics work.
bpub st001 -V mqttv5 -q 1 -t unknot/gymA/st001/status -m '{"state":"idle","own":1}' 2>"$T/e0"
# st001 pretends to be st002, and writes a routine, with MQTT v5 and 3.1.1.
bpub st001 -V mqttv5 -q 1 -t unknot/gymA/st002/status -m 'FORGED-status' 2>"$T/e1"
bpub st001 -V mqttv5 -q 1 -r -t unknot/gymA/st002/availability -m 'FORGED-offline' 2>"$T/e2"
bpub st001 -V mqttv311 -q 1 -t unknot/gymA/st002/events -m '{"seq":1,"id":"st002:1","FORGED":1}' 2>"$T/e3"
bpub st001 -V mqttv5 -q 1 -r -t unknot/gymA/routines/evil -m '{"id":"evil","FORGED":1}' 2>"$T/e4"
bpub st001 -V mqttv5 -q 1 -r -t unknot/gymA/routines/_manifest -m 'FORGED-manifest' 2>"$T/e5"
bpub st001 -V mqttv5 -q 1 -t unknot/gymA/st002/cmd/reload -m 'FORGED-cmd' 2>"$T/e6"
# The collector may ask for a resend but not write routines or status.
bpub collector -V mqttv5 -q 1 -r -t unknot/gymA/routines/evil2 -m 'FORGED-collector' 2>"$T/e7"
bpub collector -V mqttv5 -q 1 -t unknot/gymA/st002/cmd/resend -m '{"from_seq":7}' 2>"$T/e8"
# The manager's commands and routines go through.
bpub manager -V mqttv5 -q 1 -t unknot/gymA/st002/cmd/identify -m '{}' 2>"$T/e9"
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/neck -m '{"id":"neck","version":1}' 2>"$T/e10"
# A wrong password and no user at all.
mosquitto_pub -h "$BROKER_HOST" -p "$BROKER_PORT" -u gymA/st001 -P wrong -q 1 -t unknot/gymA/st001/status -m 'BADPW' 2>"$T/e11"; badpw=$?
mosquitto_pub -h "$BROKER_HOST" -p "$BROKER_PORT" -q 1 -t unknot/gymA/st001/status -m 'ANON' 2>"$T/e12"; anon=$?
sub_sync "$T/mgr"
sleep 0.3  # the other subscribers have had the same time as the manager

check "a station publishes its own status" 'grep -q "^unknot/gymA/st001/status .*own" "$T/mgr" && [ ! -s "$T/e0" ]'
check "publishing another station's status is refused (v5: Not authorized)" 'grep -q "Not authorized" "$T/e1"'
check "a forged availability is refused" 'grep -q "Not authorized" "$T/e2"'
check "a forged routine is refused" 'grep -q "Not authorized" "$T/e4" && grep -q "Not authorized" "$T/e5"'
check "a station cannot command another station" 'grep -q "Not authorized" "$T/e6"'
check "nothing forged reaches the manager" '! grep -q FORGED "$T/mgr"'
check "nothing forged reaches st002" '! grep -q FORGED "$T/st002"'
check "st002 gets its commands from the manager and the collector" \
	'grep -q "cmd/identify" "$T/st002" && grep -q "cmd/resend {\"from_seq\":7}" "$T/st002"'
check "st001 subscribed to st002's commands receives none of them" '! grep -q "^unknot/gymA/st002/cmd" "$T/spy" && ! grep -q "st002/cmd" "$T/spyall"'
check "st001 subscribed to unknot/# sees only its own topics and the routines" \
	'[ -z "$(grep "^unknot/" "$T/spyall" | grep -v "^unknot/gymA/st001/" | grep -v "^unknot/gymA/routines/")" ] && grep -q "^unknot/gymA/routines/neck" "$T/spyall"'
check "the collector may send resend but not write routines" 'grep -q "Not authorized" "$T/e7" && [ ! -s "$T/e8" ]'
check "a wrong password is refused" '[ $badpw != 0 ] && ! grep -q BADPW "$T/mgr"'
check "anonymous clients are refused" '[ $anon != 0 ] && ! grep -q ANON "$T/mgr"'

# Retained state afterwards: only the manager's routine, st002 has no forged availability.
bsub st002 -V mqttv5 -q 1 -v -W 2 -t 'unknot/gymA/routines/#' -t 'unknot/gymA/st002/#' >"$T/retained" 2>/dev/null
check "only the manager's routine is retained" 'grep -q "routines/neck" "$T/retained" && ! grep -q FORGED "$T/retained" && ! grep -q "routines/evil" "$T/retained"'

# Broker restarted (SIGTERM saves): the retained routine is still there.
broker_stop TERM
broker_restart || { nok "broker restarts"; exit 1; }
bsub st001 -V mqttv5 -q 1 -v -W 2 -t 'unknot/gymA/routines/#' >"$T/retained2" 2>/dev/null
check "a retained routine survives a broker SIGTERM + restart" 'grep -q "routines/neck" "$T/retained2"'
exit $fail
