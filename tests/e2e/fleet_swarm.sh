#!/bin/sh
# 200 simulated stations (tests/helpers/fleet_swarm: real io/fleet.h
# instances, each with its own credentials, journal and ack file) against
# one real Mosquitto: all 200 come online, every journal line arrives once
# keyed on (station, seq) with nothing personal in it; SIGKILL of the
# process holding 100 of them (sockets closed without DISCONNECT, so their
# last wills fire): exactly those 100 go offline within
# 1.5 x keepalive + will delay, the other 100 stay online.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'kill -9 $SWARM_PID_a $SWARM_PID_b 2>/dev/null; collector_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
KA=5 WD=2 N=200 HALF=100 LINES=5
bound=$(echo "1.5 * $KA + $WD" | bc 2>/dev/null || python3 -c "print(1.5*$KA+$WD)")

stations=$(i=1; while [ $i -le $N ]; do printf 'st%03d ' $i; i=$((i + 1)); done)
broker_init "$T" gymA "$stations" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
collector_start "$T/coll"
sleep 0.3

t0=$(now_s)
SWARM_FD=7 swarm_start a 1 $HALF $KA $WD || { nok "swarm a starts"; cat "$T/a.err"; exit 1; }
SWARM_FD=8 swarm_start b $((HALF + 1)) $HALF $KA $WD || { nok "swarm b starts"; cat "$T/b.err"; exit 1; }
swarm_cmd a 7 "connected 30"
swarm_cmd b 8 "connected 30"
echo "# connected after $(python3 -c "print(round($(now_s) - $t0, 2))") s: $(grep '^connected' "$T/a.out" "$T/b.out" | tr '\n' ' ')"
check "$N stations connected" 'grep -q "^connected $HALF " "$T/a.out" && grep -q "^connected $HALF " "$T/b.out"'

# Every station journals LINES lines, 50 ms apart, all at once.
swarm_cmd a 7 "append $LINES 50" &
swarm_cmd b 8 "append $LINES 50"
wait $!
swarm_cmd a 7 "wait 30"
swarm_cmd b 8 "wait 30"
check "every station's journal is acknowledged" 'grep -q "^acked ok" "$T/a.out" && grep -q "^acked ok" "$T/b.out"'
sub_sync "$T/coll" || nok "collector sync"
collect "$T/coll" events >"$T/ev"
collect "$T/coll" avail 0 >"$T/av0"
check "$N online (retained availability) at the collector" '[ "$(grep -c "^last st[0-9]* online" "$T/av0")" = $N ]'
check "events from all $N stations" '[ "$(grep -c "^station " "$T/ev")" = $N ]'
check "every station: seq 1..$LINES exactly once, no gap" \
	'[ "$(grep -c "events=$LINES unique=$LINES dups=0 max=$LINES status_seq=[0-9]* gaps=none" "$T/ev")" = $N ]'
check "ids are STATION:SEQ and nothing personal is published" '! grep -v " bad=0$" "$T/ev" | grep -q .'
check "the journal's profile never reaches the broker" '! grep -q secret-person "$T/coll"'
echo "# $(awk '{split($3,a,"="); n+=a[2]} END {print n}' "$T/ev") events from $(grep -c . "$T/ev") stations"

# Kill the process holding st101..st200: no DISCONNECT, the broker sees the
# sockets close and sends each last will after the will delay.
tk=$(now_s)
kill -9 "$SWARM_PID_b"
wait "$SWARM_PID_b" 2>/dev/null
# Wait out the bound, plus 1 s to see that nothing else goes offline late.
sleep "$(python3 -c "print($bound + 1)")"
sub_sync "$T/coll"
collect "$T/coll" avail "$tk" >"$T/av1"
offline=$(grep -c "^last st[0-9]* offline" "$T/av1")
late=$(awk -v t="$tk" -v b="$bound" '$1 == "avail" && $3 == "offline" && $4 - t > b' "$T/av1" | wc -l)
worst=$(awk -v t="$tk" '$1 == "avail" && $3 == "offline" { d = $4 - t; if (d > m) m = d } END { printf "%.2f", m }' "$T/av1")
echo "# killed $HALF stations: $offline offline, the last after $worst s (bound $bound s = 1.5 x keepalive $KA + will delay $WD)"
check "exactly $HALF stations went offline" '[ "$offline" = $HALF ]'
check "they are st101..st200" '[ "$(grep "^last st[0-9]* offline" "$T/av1" | awk "{print \$2}" | sort | head -1)" = st101 ] && [ "$(grep "^last st[0-9]* offline" "$T/av1" | awk "{print \$2}" | sort | tail -1)" = st200 ]'
check "all within 1.5 x keepalive + will delay" '[ "$late" = 0 ] && [ "$offline" -gt 0 ]'
check "not before the will delay (no DISCONNECT was sent)" \
	'awk -v t="$tk" -v w="$WD" "\$1 == \"avail\" && \$3 == \"offline\" && \$4 - t < w - 0.2 { bad = 1 } END { exit bad }" "$T/av1"'
swarm_cmd a 7 "stats"
check "the other $HALF are still connected" '[ "$(grep -c "^stat st[0-9]* connected=1" "$T/a.out")" = $HALF ]'

# The living half leaves cleanly: offline at once, no will delay.
tq=$(now_s)
swarm_cmd a 7 "quit" 60
wait "$SWARM_PID_a" 2>/dev/null
sub_sync "$T/coll"
collect "$T/coll" avail "$tq" >"$T/av2"
check "a clean exit says offline for all $HALF at once (under the will delay)" \
	'[ "$(grep -c "^last st[0-9]* offline" "$T/av2")" = $HALF ] && awk -v t="$tq" -v w="$WD" "\$1 == \"last\" && \$4 - t > w + 1 { bad = 1 } END { exit bad }" "$T/av2"'
echo "# clean exit of $HALF: $(python3 -c "print(round($(now_s) - $tq, 2))") s"
exit $fail
