#!/bin/sh
# The broker goes away mid-session while a station keeps journaling
# (tests/helpers/fleet_swarm with one real io/fleet.h station):
# - SIGTERM + restart: Mosquitto saves its state (persistence), the station
#   replays from its durable ack; the collector ends with every seq exactly
#   once and no gap, without asking for anything;
# - SIGKILL + restart while the collector was down: the broker loses the
#   acknowledged events it had queued for the collector (and retained
#   messages since its last save); the collector sees the gap (the station's
#   status carries its latest seq), sends `resend {from_seq}` and then holds
#   every seq exactly once; a retained message published after the last
#   save is gone too (one from before the SIGTERM survives).
# Appending never waits for the network: the station's loop keeps its pace.
# A station killed and back within its will delay never appears offline.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_s:-} ${SWARM_PID_q:-} 2>/dev/null; collector_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
elapsed() { python3 -c "print(round($(now_s) - $1, 2))"; }
stat_of() { grep "^stat st001" "$T/s.out" | tail -1; }

broker_init "$T" gymA "st001 st002" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
collector_start "$T/coll"
sleep 0.3
SWARM_FD=7 swarm_start s 1 1 5 2 || { nok "station starts"; cat "$T/s.err"; exit 1; }
swarm_cmd s 7 "connected 10"
swarm_cmd s 7 "state session neck 3 7"

# --- SIGTERM: 40 lines over 4 s, the broker down for about 1.5 s of them.
bpub manager -q 1 -r -t unknot/gymA/ops/before-term -m kept
ta=$(now_s)
swarm_cmd s 7 "append 40 100" 30 &
ap=$!
sleep 1
broker_stop TERM
sleep 1.5
broker_restart || { nok "broker restarts after SIGTERM"; exit 1; }
wait $ap
took=$(elapsed "$ta")
echo "# 40 lines at 100 ms with the broker stopped for 1.5 s: appended in $took s"
check "the station is not held up by a stopped broker (40 x 100 ms in < 6 s)" 'python3 -c "import sys; sys.exit(not $took < 6)"'
swarm_cmd s 7 "wait 30"
check "the station replays and gets everything acknowledged" 'grep -q "^acked ok" "$T/s.out"'
sub_sync "$T/coll"; sleep 0.5
collect "$T/coll" events >"$T/ev1"
cat "$T/ev1" | sed 's/^/# after SIGTERM: /'
check "after SIGTERM: every seq 1..40 exactly once, no gap, no resend needed" \
	'grep -q "^station st001 events=[0-9]* unique=40 dups=[0-9]* max=40 status_seq=[0-9]* gaps=none bad=0" "$T/ev1"'
swarm_cmd s 7 "stats"
echo "# $(stat_of)"

# --- SIGKILL while the collector is down: the broker holds queued,
# acknowledged events for the collector's persistent session only in memory.
collector_stop
sleep 0.3
swarm_cmd s 7 "append 20 50" 30
swarm_cmd s 7 "wait 20"
check "the 20 new lines were acknowledged by the broker" '[ "$(grep -c "^acked ok" "$T/s.out")" = 2 ]'
bpub manager -q 1 -r -t unknot/gymA/ops/before-kill -m lost
broker_stop KILL
# The station keeps journaling while there is no broker at all.
swarm_cmd s 7 "append 10 100" 30
broker_restart || { nok "broker restarts after SIGKILL"; exit 1; }
collector_start "$T/coll"
swarm_cmd s 7 "wait 30"
sub_sync "$T/coll"; sleep 1
collect "$T/coll" events >"$T/ev2"
cat "$T/ev2" | sed 's/^/# after SIGKILL: /'
check "after SIGKILL the collector sees a gap (the acknowledged events it had not got are lost)" \
	'grep -q "status_seq=70 gaps=4[0-9]" "$T/ev2"'
bsub manager -W 2 --retained-only -v -t 'unknot/gymA/ops/#' >"$T/ops" 2>/dev/null
check "retained messages saved by SIGTERM survive; those after the last save die with SIGKILL" \
	'grep -q "before-term kept" "$T/ops" && ! grep -q "before-kill" "$T/ops"'
first=$(collector_resend "$T/coll" st001)
echo "# the collector asks: resend {\"from_seq\":$first,\"to_seq\":...}"
check "the first missing seq is 41" '[ "$first" = 41 ]'
wait_grep "$T/coll" '"id":"st001:70"' 10 >/dev/null
tr=$(now_s)
n=0
while [ $n -lt 100 ]; do
	collect "$T/coll" events >"$T/ev3"
	grep -q "^station st001 .*gaps=none" "$T/ev3" && break
	sleep 0.1; n=$((n + 1))
done
echo "# gap filled $(elapsed "$tr") s after the resend"
cat "$T/ev3" | sed 's/^/# after resend: /'
check "after resend: every seq 1..70 exactly once in the collector's store" \
	'grep -q "^station st001 events=[0-9]* unique=70 dups=[0-9]* max=70 status_seq=70 gaps=none bad=0" "$T/ev3"'
# (a replay after the reconnect may already have duplicated a line whose
# PUBACK the kill lost: compare with before the resend)
ev_of() { sed -n 's/^station st001 events=\([0-9]*\) .* dups=\([0-9]*\) .*/\1 \2/p' "$1"; }
read -r e2 d2 <<EV
$(ev_of "$T/ev2")
EV
read -r e3 d3 <<EV
$(ev_of "$T/ev3")
EV
check "the ranged resend sent exactly the gap 41-60: 20 more events, no new duplicate ($e2/$d2 -> $e3/$d3)" \
	'[ $(( e3 - e2 )) = 20 ] && [ "$d3" = "$d2" ]'
swarm_cmd s 7 "stats"
echo "# $(stat_of)"
check "the station stayed up through both (same process, session state kept)" \
	'kill -0 $SWARM_PID_s && grep -q "\"state\":\"in_session\".*\"step\":3" "$T/coll"'
# --- A station that dies and is back within its will delay (a kiosk service
# restart) never shows up offline: st002, will delay 4 s, back after 1 s.
SWARM_FD=8 swarm_start q 2 1 5 4 || { nok "st002 starts"; exit 1; }
swarm_cmd q 8 "connected 10"
tk=$(now_s)
kill -9 "$SWARM_PID_q"
wait "$SWARM_PID_q" 2>/dev/null
exec 8>&-
rm -f "$T/q.ctl"
sleep 1
SWARM_FD=8 swarm_start q 2 1 5 4 || { nok "st002 restarts"; exit 1; }
swarm_cmd q 8 "connected 10"
sleep "$(python3 -c "print(max(0, $tk + 4 + 1.5 - $(now_s)))")"
sub_sync "$T/coll"
collect "$T/coll" avail "$tk" | grep " st002 " >"$T/avq"
check "a station back within its will delay never appears offline" '! grep -q offline "$T/avq"'
swarm_cmd q 8 "quit" 20
wait "$SWARM_PID_q" 2>/dev/null
swarm_cmd s 7 "quit" 20
wait "$SWARM_PID_s" 2>/dev/null  # let it finish (valgrind writes its report)
exit $fail
