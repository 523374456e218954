#!/bin/sh
# The station side of the gym fleet (issue 11) on the real app against a real
# Mosquitto on 127.0.0.1 (tests/fleet/broker.sh: random port, per-station
# password, the ACL of docs/fleet/acl): retained "online" and status, journal
# lines arriving once as events with seq/id and without the profile name,
# events written while the broker is down replayed after it comes back (and
# the durable ack file advanced), a pushed routine written into the library
# and reloaded, a corrupt one reported on the status and never written,
# "identify" and "resend", "offline" by the delayed last will after SIGKILL
# and at once on a clean exit.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
[ -x "${UNKNOT:-}" ] || { echo "UNKNOT not set to the unknot binary"; exit 77; }
T=$(mktemp -d) || exit 1
chmod 755 "$T"
APP= COL=
cleanup() {
	[ -n "$APP" ] && kill -9 "$APP" 2>/dev/null
	[ -n "$COL" ] && kill "$COL" 2>/dev/null
	broker_stop KILL
	rm -rf "$T"
}
trap cleanup EXIT
. "$here/checks.sh"
# wait_for SECONDS CONDITION: polls every 0.1 s.
wait_for() {
	end=$(($(date +%s) + $1))
	while :; do
		eval "$2" && return 0
		[ "$(date +%s)" -lt "$end" ] || return 1
		sleep 0.1
	done
}

broker_init "$T/broker" gymA "st1" || { echo "broker_init failed"; exit 1; }
broker_start || exit 1
echo "# broker on 127.0.0.1:$BROKER_PORT"

# The station: its config, journal (three lines from before), folders.
mkdir -p "$T/config/unknot" "$T/state" "$T/data" "$T/routines"
echo accepted >"$T/config/unknot/safety-accepted"
printf 'pw-st1\n' >"$T/pw"
cat >"$T/config.json" <<EOF
{ "fleet": { "broker": "mqtt://127.0.0.1:$BROKER_PORT", "site": "gymA", "station": "st1",
             "username": "gymA/st1", "password_file": "$T/pw", "keepalive_s": 5, "will_delay_s": 2 } }
EOF
J=$T/state/journal.jsonl
line() { # SEQ: a journal line as the app writes it, with a profile name
	printf '{"event":"step_start","t":"2026-11-21T09:30:0%d.000Z","ms":%d,"session":"s1","seq":%d,"index":%d,"profile":"anna"}\n' \
		$(($1 % 10)) "$1" "$1" "$1" >>"$J"
}
for i in 1 2 3; do line $i; done
cp "$here/data/routines/good/minimal.json" "$T/routines/"

# The collector: a persistent session (-c), QoS 1, so nothing is lost while it
# reconnects; one line per message, "TOPIC PAYLOAD".
bsub manager -V 5 -c -i fleet-station-collector -q 1 -v -t 'unknot/gymA/#' >"$T/col.log" 2>&1 &
COL=$!
# the app starts only once the collector is subscribed (a probe comes back)
wait_for 10 'bpub manager -V 5 -q 1 -t unknot/gymA/probe -m probe; grep -q "^unknot/gymA/probe probe" "$T/col.log"' ||
	{ echo "the collector did not subscribe"; exit 1; }

start_app() {
	UNKNOT_CONFIG="$T/config.json" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" \
	XDG_DATA_HOME="$T/data" HOME="$T" UNKNOT_ROUTINES="$T/routines" \
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
		"$UNKNOT" --size 800x480 --journal "$J" --screenshot "$T/shots" 2>>"$T/err" >/dev/null &
	APP=$!
}
start_app
retained() { # LEAF: the retained payload of unknot/gymA/st1/LEAF
	bsub manager -V 5 -C 1 -W 1 -t "unknot/gymA/st1/$1" 2>/dev/null
}
events() { grep '^unknot/gymA/st1/events ' "$T/col.log"; }
# seq_count N: how many events with "seq":N the collector got
seq_count() { events | grep -c "\"seq\":$1,"; }
all_once() { # FROM TO: every seq once
	s=$1
	while [ "$s" -le "$2" ]; do [ "$(seq_count $s)" = 1 ] || return 1; s=$((s + 1)); done
}

check "availability: retained online" 'wait_for 10 "[ \"\$(retained availability)\" = online ]"'
check "events 1-3 (written before the start) arrive once each" 'wait_for 10 "all_once 1 3"'
check "status: retained, idle, journal seq 3" \
	'wait_for 5 "retained status | grep -q \"\\\"state\\\":\\\"idle\\\".*\\\"seq\\\":3,\\\"acked_seq\\\":3\""'
check "an event has seq, id station:seq and the station" \
	'events | grep "\"seq\":2," | grep -q "\"id\":\"st1:2\".*\"station\":\"st1\""'
check "the journal's own seq is kept as session_seq" 'events | grep "\"seq\":2," | grep -q "\"session_seq\":2"'
check "no profile name leaves the station" '! grep -q anna "$T/col.log"'

line 4
line 5
check "lines appended while running arrive (seq 4, 5)" 'wait_for 5 "all_once 4 5"'
check "the acknowledged seq is kept on disk (fleet-st1.ack = 5)" \
	'wait_for 5 "[ \"\$(cat $T/state/fleet-st1.ack 2>/dev/null)\" = 5 ]"'

# Broker down (SIGTERM: it saves sessions), two more lines, broker back.
broker_stop TERM
line 6
line 7
sleep 1
check "the app keeps running with the broker down" 'kill -0 $APP'
t0=$(now_s)
broker_restart || { echo "broker restart failed"; exit 1; }
check "after the broker is back, 6 and 7 are replayed; 1-7 each exactly once" 'wait_for 40 "all_once 1 7"'
t1=$(now_s)
echo "# replay after the broker came back: $(python3 -c "print(round($t1 - $t0, 1))") s (reconnect backoff 1-30 s)"
check "ack file at 7" 'wait_for 5 "[ \"\$(cat $T/state/fleet-st1.ack 2>/dev/null)\" = 7 ]"'

# resend: the manager asks for 6.. again (a broker crash lost acknowledged ones).
bpub manager -V 5 -q 1 -t unknot/gymA/st1/cmd/resend -m '{"from_seq": 6}'
check "resend {from_seq: 6} publishes 6 and 7 again" 'wait_for 5 "[ \$(seq_count 6) = 2 ] && [ \$(seq_count 7) = 2 ]"'
check "resend sends nothing before 6" '[ "$(seq_count 5)" = 1 ]'

# Routines: one good, one whose body does not match its sha256.
body='{"format": 1, "title": "Fleet rest", "steps": [{"kind": "rest", "duration_s": 30}]}'
python3 - "$T" "$body" <<'EOF'
import hashlib, json, sys
t, body = sys.argv[1], sys.argv[2]
sha = hashlib.sha256(body.encode()).hexdigest()
json.dump({"id": "rest1", "version": 1, "sha256": sha, "body": body}, open(t + "/rest1.msg", "w"))
json.dump({"id": "bad1", "version": 1, "sha256": sha, "body": body.replace("30", "31")}, open(t + "/bad1.msg", "w"))
EOF
bpub manager -V 5 -q 1 -r -t unknot/gymA/routines/rest1 -f "$T/rest1.msg"
bpub manager -V 5 -q 1 -r -t unknot/gymA/routines/bad1 -f "$T/bad1.msg"
R=$T/data/unknot/fleet-routines
printf '%s' "$body" >"$T/rest1.want"
check "a pushed routine is written to the fleet routine folder, byte for byte" \
	'wait_for 5 "cmp -s $R/rest1.json $T/rest1.want"'
# count_after K: the routine count of the first library rescan logged after the
# K-th "fleet: routines changed" line (the fleet asks for it after writing).
count_after() {
	awk -v k="$1" '/fleet: routines changed/ { m++ }
		m == k && /routines: [0-9]+ loaded/ { sub(/.*routines: /, ""); print $1 + 0; exit }' "$T/err"
}
check "and the app rescans its library with it" 'wait_for 5 "[ -n \"\$(count_after 1)\" ]"'
n1=$(count_after 1)
check "a corrupt routine is never written" '[ ! -e "$R/bad1.json" ]'
check "and is reported on the status" \
	'wait_for 5 "retained status | grep -q \"routine bad1: sha256 mismatch\""'
check "no temp file is left behind" '[ -z "$(ls "$R" | grep -v "^rest1.json$")" ]'

# A retained empty message deletes the routine.
bpub manager -V 5 -q 1 -r -t unknot/gymA/routines/rest1 -n
check "an empty retained message removes it" 'wait_for 5 "[ ! -e $R/rest1.json ]"'
check "and the library has one routine less" 'wait_for 5 "[ \"\$(count_after 2)\" = $((n1 - 1)) ]"'
bpub manager -V 5 -q 1 -r -t unknot/gymA/routines/bad1 -n

# identify: the app wakes up and shows the banner (its loop is asleep otherwise).
shots() { ls "$T/shots" 2>/dev/null | wc -l; }
n0=$(shots)
bpub manager -V 5 -q 1 -t unknot/gymA/st1/cmd/identify -m ''
sleep 6.5
n1=$(shots)
echo "# identify: $((n1 - n0)) frames drawn in 6.5 s"
check "identify flashes the station name for 5 s (500 ms phases: 10 frames, then the screen again)" \
	'[ $((n1 - n0)) -ge 10 ] && [ $((n1 - n0)) -le 13 ]'
n0=$(shots)
bpub manager -V 5 -q 1 -t unknot/gymA/st1/cmd/identify -m '{"seconds": 2}'
sleep 3
n1=$(shots)
check "identify {seconds: 2} flashes for 2 s (4 frames, then the screen)" '[ $((n1 - n0)) -ge 4 ] && [ $((n1 - n0)) -le 7 ]'
check "the app survives identify" 'kill -0 $APP'

# SIGKILL: the last will says offline after the will delay (2 s).
kill -9 "$APP"
wait "$APP" 2>/dev/null
APP=
tk=$(now_s)
check "offline after SIGKILL (last will)" 'wait_for 15 "[ \"\$(retained availability)\" = offline ]"'
to=$(now_s)
d=$(python3 -c "print(round($to - $tk, 1))")
echo "# offline $d s after SIGKILL (will delay 2 s, keepalive 5 s)"
check "within keepalive x 1.5 + will delay" 'python3 -c "import sys; sys.exit(0 if $d <= 2 + 7.5 + 1 else 1)"'

# A clean exit says offline at once.
start_app
wait_for 10 '[ "$(retained availability)" = online ]' || nok "online again"
kill -TERM "$APP"
tk=$(now_s)
wait "$APP" 2>/dev/null
APP=
check "offline at once after a clean exit" '[ "$(retained availability)" = offline ]'
echo "# clean exit took $(python3 -c "print(round($(now_s) - $tk, 2))") s"
check "1-5 exactly once, 6-7 twice (the resend): nothing else, no gap" \
	'all_once 1 5 && [ $(seq_count 6) = 2 ] && [ $(seq_count 7) = 2 ] && [ $(events | wc -l) = 9 ]'

# Mid-session: a routine pushed during a session is applied only after it.
cat >"$T/short.json" <<'EOF'
{"format": 1, "title": "Fleet short", "steps": [{"kind": "rest", "duration_s": 5}]}
EOF
# valgrind: the app takes many seconds to start, and two Enters fed in one
# turn would not both act: the keys come later there.
slow=1 off=0
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && slow=4 off=20
cat >"$T/script" <<EOF
# preview: Enter (kiosk: the safety screen), Enter starts; the 5 s rest runs
$off.500   key:return down
$off.600   key:return up
$((off + 1)).000   key:return down
$((off + 1)).100   key:return up
# keep the app up after the session (the test stops it)
$((off + 60)).000  key:f1 down
$((off + 60)).100  key:f1 up
EOF
UNKNOT_CONFIG="$T/config.json" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" \
XDG_DATA_HOME="$T/data" HOME="$T" UNKNOT_ROUTINES="$T/routines" \
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
	"$UNKNOT" --kiosk --size 800x480 --journal "$J" --input "$T/script" "$T/short.json" \
	2>>"$T/err" >/dev/null &
APP=$!
check "in session: the status says so, with the routine and step" \
	'wait_for $((10 * slow)) "retained status | grep -q \"\\\"state\\\":\\\"in_session\\\",\\\"routine\\\":\\\"Fleet short\\\",\\\"routine_file\\\":\\\"short.json\\\",\\\"step\\\":1\""'
bpub manager -V 5 -q 1 -r -t unknot/gymA/routines/rest1 -f "$T/rest1.msg"
sleep 1
check "a routine pushed mid-session is not applied during it" '[ ! -e "$R/rest1.json" ] && retained status | grep -q in_session'
check "and is applied once the session is over" 'wait_for 12 "cmp -s $R/rest1.json $T/rest1.want"'
check "the session's journal lines were published too" \
	'wait_for 5 "events | grep -q \"\\\"event\\\":\\\"session_end\\\"\""'
check "no profile name in any event" '! events | grep -q anna'
kill -TERM "$APP"
wait "$APP" 2>/dev/null
APP=
[ $fail = 0 ] || { echo "# app stderr:"; sed 's/^/# /' "$T/err" | tail -20; }
exit $fail
