#!/bin/sh
# The real app (headless, kiosk, a session of 8 x 2 s rest steps driven by
# --input in real time) as a fleet station while its broker goes away
# mid-session: SIGTERM + restart, then SIGKILL + restart while the collector
# is away. The session runs on undisturbed (every step 2 s, the journal
# complete), and afterwards the collector holds every journal line exactly
# once: replayed after the SIGTERM, the gap the SIGKILL leaves detected from
# the status seq and filled with `resend`.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
[ -x "${UNKNOT:-}" ] || { echo "UNKNOT not set to the unknot binary"; exit 77; }
T=$(mktemp -d)
APP=
trap '[ -n "$APP" ] && kill -9 $APP 2>/dev/null; collector_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
elapsed() { python3 -c "print(round($(now_s) - $1, 2))"; }
# until_t S: sleep until S seconds after the session's first step
until_t() { python3 -c "import time; time.sleep(max(0, $t0 + $1 - time.time()))"; }

broker_init "$T" gymA "st1" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
collector_start "$T/coll"
mkdir -p "$T/config/unknot" "$T/state" "$T/data" "$T/routines"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/config.json" <<CONF
{ "fleet": { "broker": "mqtt://127.0.0.1:$BROKER_PORT", "site": "gymA", "station": "st1",
             "username": "gymA/st1", "password": "pw-st1", "keepalive_s": 5, "will_delay_s": 2 } }
CONF
cat >"$T/routines/eight.json" <<'ROUTINE'
{"format": 1, "title": "Eight rests", "steps": [
 {"kind": "rest", "duration_s": 2}, {"kind": "rest", "duration_s": 2},
 {"kind": "rest", "duration_s": 2}, {"kind": "rest", "duration_s": 2},
 {"kind": "rest", "duration_s": 2}, {"kind": "rest", "duration_s": 2},
 {"kind": "rest", "duration_s": 2}, {"kind": "rest", "duration_s": 2}]}
ROUTINE
# Under valgrind the first frame comes after about 4 s: the keys come later.
d=0
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && d=10
cat >"$T/script" <<SCRIPT
# preview: Enter asks for the safety screen (kiosk), Enter starts the session
$((d + 0)).500   key:return down
$((d + 0)).600   key:return up
$((d + 1)).000   key:return down
$((d + 1)).100   key:return up
# keep the app running long after the session
$((d + 180)).000 key:f1 down
$((d + 180)).100 key:f1 up
SCRIPT
J=$T/state/journal.jsonl
ACK=$T/state/fleet-st1.ack
lines() { n=$(grep -c . "$J" 2>/dev/null); echo "${n:-0}"; }
acked() { cat "$ACK" 2>/dev/null || echo 0; }

UNKNOT_CONFIG="$T/config.json" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" \
XDG_DATA_HOME="$T/data" HOME="$T" UNKNOT_ROUTINES="$T/routines" \
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
	"$UNKNOT" --kiosk --size 800x480 --journal "$J" --input "$T/script" "$T/routines/eight.json" \
	>/dev/null 2>"$T/err" &
APP=$!
# The timeline counts from the first step (under valgrind the app starts slowly).
wait_grep "$J" '"event":"step_start"' 60 || nok "the session starts"
t0=$(now_s)
wait_grep "$T/coll" '"event":"step_start"' 10 || nok "the session is published"

until_t 3
broker_stop TERM
echo "# t=$(elapsed "$t0") s: broker SIGTERM (journal $(lines) lines, acked $(acked))"
until_t 4.5
broker_restart || { nok "broker restarts after SIGTERM"; exit 1; }
# Collector away, everything so far acknowledged, then the broker is killed.
# (The broker acknowledged those lines, holds them for the collector's
# persistent session in memory only, and dies.)
until_t 7
collector_stop
base=$(lines)
n=0
while { [ "$(lines)" = "$base" ] || [ "$(acked)" != "$(lines)" ]; } && [ $n -lt 40 ]; do
	sleep 0.05; n=$((n + 1))
done
broker_stop KILL
echo "# t=$(elapsed "$t0") s: collector away, broker SIGKILL (journal $(lines) lines, acked $(acked))"
sleep 1.5
broker_restart || { nok "broker restarts after SIGKILL"; exit 1; }
collector_start "$T/coll"

# The session ends at about t=16 s; then everything must be acknowledged.
wait_grep "$J" '"event":"session_end"' 30 || nok "the session ends"
n=0; while [ "$(acked)" != "$(lines)" ] && [ $n -lt 100 ]; do sleep 0.1; n=$((n + 1)); done
total=$(lines)
check "the app is still running after both outages" 'kill -0 $APP'
check "the journal is complete: 18 lines, session completed" \
	'[ "$total" = 18 ] && grep -q "\"event\":\"session_end\".*completed" "$J"'
tol=250
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && tol=1000
check "the app's loop kept its pace: every step lasted 2 s (+-$tol ms)" \
	'python3 - "$J" $tol <<PY
import json, sys
ends = [json.loads(l) for l in open(sys.argv[1]) if "\"step_end\"" in l]
assert len(ends) == 8, len(ends)
for e in ends:
    assert abs(e["actual_ms"] - 2000) <= int(sys.argv[2]), e
PY'
check "every line acknowledged by the broker (ack file = $total)" '[ "$(acked)" = "$total" ]'
sub_sync "$T/coll"; sleep 0.5
collect "$T/coll" events >"$T/ev1"
sed 's/^/# before resend: /' "$T/ev1"
first=$(collector_resend "$T/coll" st1)
if [ -n "$first" ]; then
	echo "# the collector asks: resend {\"from_seq\":$first}"
	n=0; while [ $n -lt 50 ]; do
		collect "$T/coll" events | grep -q "gaps=none" && break
		sleep 0.1; n=$((n + 1))
	done
fi
check "the SIGKILL left a gap that the collector saw" '[ -n "$first" ]'
collect "$T/coll" events >"$T/ev2"
sed 's/^/# after resend: /' "$T/ev2"
check "the collector holds every journal line 1..18 exactly once" \
	'grep -q "^station st1 events=[0-9]* unique=18 dups=[0-9]* max=18 status_seq=[0-9]* gaps=none bad=0" "$T/ev2"'
kill -TERM "$APP"
wait "$APP"; rc=$?
APP=
check "the app exits cleanly (0)" '[ $rc = 0 ]'
[ $fail = 0 ] || sed 's/^/# app: /' "$T/err" | tail -15
exit $fail
