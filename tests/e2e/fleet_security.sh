#!/bin/sh
# Issue 23, security 1-3, on a real Mosquitto with the shipped ACL and the
# shipped config's client-id binding and limits (tests/fleet/broker.sh copies
# them):
# - another client's credentials cannot take over a client id: a station
#   connecting as "gymA/st002" or as the collector only ever gets its own
#   session; the collector's queued QoS 1 events all arrive;
# - a station publishes only under its own site and station, and only the
#   three topics it needs (no retained junk elsewhere); it reads its own
#   site's routines, not another site's;
# - a message larger than the largest legal routine is refused and the
#   broker stays small; a legal maximum-size routine goes through.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
T=$(mktemp -d)
trap 'bg_stop; broker_stop KILL; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
. "$here/checks.sh"

BROKER_BIND_IDS=1
subs=$(seq -f 's%02g' 1 20 | tr '\n' ' ')
broker_init "$T" gymA "st001 st002 $subs" >/dev/null || exit 1
broker_add_station gymB st001 || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
rss_kb() { sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$BROKER_PID/status"; }

# --- 1. client ids are bound to user names.
bsub_bg "$T/st002" st002 -V mqttv5 -q 1 -v -i gymA/st002 -t 'unknot/gymA/st002/cmd/#'
bsub_bg "$T/mgr" nodered -V mqttv5 -q 1 -v -t 'unknot/#'
sleep 0.3
sub_sync "$T/mgr" || { echo "not ok the manager's subscriber never got its marker"; exit 1; }
# st001's password with st002's client id (and the collector's).
bpub st001 -V mqttv5 -q 1 -i gymA/st002 -t unknot/gymA/st001/status -m '{"hijack":1}' 2>"$T/h1"
bpub manager -V mqttv5 -q 1 -t unknot/gymA/st002/cmd/identify -m '{"after":"hijack"}'
check "a station's credentials with another station's client id do not knock it off" \
	'wait_grep "$T/st002" "after" 5 && ! grep -q "already connected" "$BROKER_LOG"'
check "the broker made the intruder's client id its own user name" 'grep -q "New client connected .* as gymA/st001 " "$BROKER_LOG"'

# The collector's persistent session with 5 QoS 1 events queued while it is away.
mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u collector -P pw-collector -V mqttv311 -c \
	-i collector -q 1 -v -t 'unknot/+/+/events' -W 1 >/dev/null 2>&1
for i in 1 2 3 4 5; do bpub st002 -q 1 -t unknot/gymA/st002/events -m "{\"seq\":$i}"; done
# the intruder asks for the collector's session (clean start off) and leaves
mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u gymA/st001 -P pw-st001 -V mqttv311 -c \
	-i collector -q 1 -t 'unknot/gymA/st001/cmd/+' -W 1 >"$T/intruder" 2>&1
mosquitto_sub -h "$BROKER_HOST" -p "$BROKER_PORT" -u collector -P pw-collector -V mqttv311 -c \
	-i collector -q 1 -v -t 'unknot/+/+/events' -W 2 >"$T/coll" 2>&1
check "the collector's queued QoS 1 events survive an intruder asking for its client id (5 of 5)" \
	'[ "$(grep -c "^unknot/gymA/st002/events" "$T/coll")" = 5 ]'

# --- 2./3. topics: own site, own station, three topics.
bpub st001 -V mqttv5 -q 1 -t unknot/gymB/st001/status -m 'FORGED-other-site' 2>"$T/e1"
bpub st001 -V mqttv5 -q 1 -r -t unknot/gymA/st001/junk -m 'FORGED-junk' 2>"$T/e2"
bpub st001 -V mqttv5 -q 1 -r -t unknot/gymA/st001/status/x -m 'FORGED-deeper' 2>"$T/e3"
bpub st001 -V mqttv5 -q 1 -t unknot/gymA/st001/cmd/reload -m 'FORGED-own-cmd' 2>"$T/e4"
bpub st001 -V mqttv5 -q 1 -r -t unknot/gymA/st001/status -m '{"state":"idle","own":1}' 2>"$T/e5"
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/neck -m '{"site":"A"}'
bpub manager -V mqttv5 -q 1 -r -t unknot/gymB/routines/neck -m '{"site":"B"}'
sub_sync "$T/mgr"
check "a station cannot publish under another site (unknot/gymB/st001 as gymA/st001)" 'grep -q "Not authorized" "$T/e1"'
check "a station cannot store retained data on other topics under its own prefix" \
	'grep -q "Not authorized" "$T/e2" && grep -q "Not authorized" "$T/e3" && grep -q "Not authorized" "$T/e4"'
check "a station publishes its own status" '[ ! -s "$T/e5" ] && grep -q "^unknot/gymA/st001/status .*own" "$T/mgr"'
check "nothing forged reaches the manager" '! grep -q FORGED "$T/mgr"'
bsub st001 -V mqttv5 -q 1 -v -W 1 -t 'unknot/+/routines/#' >"$T/rA" 2>/dev/null
bsub gymB/st001 -V mqttv5 -q 1 -v -W 1 -t 'unknot/+/routines/#' >"$T/rB" 2>/dev/null
check "a station reads its own site's routines and not another site's" \
	'grep -q "unknot/gymA/routines/neck" "$T/rA" && ! grep -q "gymB" "$T/rA" && grep -q "unknot/gymB/routines/neck" "$T/rB" && ! grep -q "gymA" "$T/rB"'

# --- 2. sizes: 20 stations subscribed to the routines, a 3 MiB retained
# routine refused, a 2 MiB one (the largest legal: 1 MiB body, escaped) accepted.
for s in $subs; do bsub_bg "$T/sub-$s" "$s" -V mqttv5 -q 1 -t 'unknot/gymA/routines/#'; done
sleep 0.5
before=$(rss_kb)
head -c 3145728 /dev/zero | tr '\0' 'x' >"$T/big"
head -c 2000000 /dev/zero | tr '\0' 'y' >"$T/legal"
# (MQTT 3.1.1: a v5 client learns the limit from CONNACK and drops it itself)
bpub manager -V mqttv311 -q 1 -r -t unknot/gymA/routines/big -f "$T/big" >"$T/big.out" 2>&1; big=$?
bpub manager -V mqttv5 -q 1 -r -t unknot/gymA/routines/legal -f "$T/legal" >"$T/legal.out" 2>&1; legal=$?
# a station trying to store 50 x 1 MiB retained under its own prefix
head -c 1048576 /dev/zero | tr '\0' 'z' >"$T/mb"
for i in $(seq 1 50); do bpub st001 -V mqttv5 -q 1 -r -t "unknot/gymA/st001/x$i" -f "$T/mb" 2>/dev/null; done
sleep 1
after=$(rss_kb)
echo "# broker RSS ${before} kB before, ${after} kB after (3 MiB refused, 2 MB x 20 subscribers, 50 x 1 MiB denied)"
check "a message over max_packet_size is refused by the broker (client disconnected)" \
	'[ $big != 0 ] && grep -q "Client manager disconnected due to oversize packet" "$BROKER_LOG"'
bsub manager -V mqttv5 -W 1 --retained-only -t unknot/gymA/routines/big -t unknot/gymA/routines/legal -t 'unknot/gymA/st001/#' -F '%t %l' >"$T/ret" 2>/dev/null
check "the over-limit routine is not retained, the legal one is" \
	'! grep -q "routines/big" "$T/ret" && grep -q "routines/legal 2000000" "$T/ret" && [ $legal = 0 ]'
check "nothing of the 50 x 1 MiB is retained" '! grep -q "st001/x" "$T/ret"'
check "the broker stays small (< 80 MB RSS)" '[ "$after" -lt 81920 ]'
exit $fail
