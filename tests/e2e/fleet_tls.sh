#!/bin/sh
# Issue 23 (4): a station whose TLS connection cannot be verified (host name
# mismatch, a CA that did not sign the broker's certificate, no ca_file and
# a private CA) says why, once, keeps it in its fault, and backs off to the
# longest interval instead of retrying at full speed. A correct ca_file
# connects (the control).
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
command -v openssl >/dev/null 2>&1 || { echo "openssl is missing"; exit 77; }
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
trap 'for p in $SW; do kill -9 $p 2>/dev/null; done; broker_stop KILL; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
. "$here/checks.sh"
chmod 755 "$T"

cert() { # NAME CN: a CA NAME.crt/key
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=$2" \
		-keyout "$T/$1.key" -out "$T/$1.crt" >/dev/null 2>&1
}
cert ca "unknot test CA" && cert other "some other CA" &&
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$T/server.key" -out "$T/server.csr" >/dev/null 2>&1 &&
printf 'subjectAltName=IP:127.0.0.1\n' >"$T/san" &&
openssl x509 -req -in "$T/server.csr" -CA "$T/ca.crt" -CAkey "$T/ca.key" -CAcreateserial -days 2 \
	-extfile "$T/san" -out "$T/server.crt" >/dev/null 2>&1 || { echo "openssl cannot make certificates"; exit 77; }
chmod 644 "$T"/*.crt "$T"/*.key

broker_init "$T" gymA "st001 st002 st003 st004" >/dev/null || exit 1
BROKER_PORT=$(broker_free_port)
cat >"$T/mosquitto.conf" <<EOF
per_listener_settings false
allow_anonymous false
password_file $T/passwd
acl_file $T/acl
listener $BROKER_PORT 127.0.0.1
use_username_as_clientid true
cafile $T/ca.crt
certfile $T/server.crt
keyfile $T/server.key
log_dest stderr
log_type all
EOF
mosquitto -c "$T/mosquitto.conf" >"$BROKER_LOG" 2>&1 &
BROKER_PID=$!
wait_grep "$BROKER_LOG" " running" 10 || { echo "not ok mosquitto with TLS starts"; exit 1; }

# One station per case (backoff 200 ms doubling to 1 s, as in every swarm).
SW=
run() { # NAME URL CA FIRST: a swarm of one station
	mkfifo "$T/$1.ctl"
	FLEET_SWARM_CA=$3 "$BUILD/tests/helpers/fleet_swarm" "$2" gymA st "$4" 1 "$T/$1" 5 2 \
		<"$T/$1.ctl" >"$T/$1.out" 2>"$T/$1.err" &
	SW="$SW $!"
}
run host "mqtts://localhost:$BROKER_PORT" "$T/ca.crt" 1
exec 7>"$T/host.ctl"
run ca "mqtts://127.0.0.1:$BROKER_PORT" "$T/other.crt" 2
exec 8>"$T/ca.ctl"
# No ca_file: the system's CAs (FLEET_SWARM_CA empty)
run sys "mqtts://127.0.0.1:$BROKER_PORT" "" 3
exec 9>"$T/sys.ctl"
run good "mqtts://127.0.0.1:$BROKER_PORT" "$T/ca.crt" 4
exec 6>"$T/good.ctl"
for n in host ca sys good; do wait_grep "$T/$n.out" "^started" 20; done
sleep 4
swarm_cmd host 7 stats 10; swarm_cmd ca 8 stats 10; swarm_cmd sys 9 stats 10
swarm_cmd good 6 "connected 10"; swarm_cmd good 6 stats 10
for n in host ca sys good; do echo "# $n: $(grep '^stat' "$T/$n.out" | tail -1)"; done
for n in host ca sys; do echo "# $n log: $(grep -c 'broker TLS' "$T/$n.err") line(s): $(grep 'broker TLS' "$T/$n.err" | head -1)"; done
attempts() { sed -n 's/.* attempts=\([0-9]*\).*/\1/p' "$T/$1.out" | tail -1; }

check "host name mismatch: the reason in the log, once" \
	'[ "$(grep -c "broker TLS: host name mismatch (the certificate is not for localhost)" "$T/host.err")" = 1 ]'
check "unknown CA: the reason in the log, once, naming the CA file" \
	'[ "$(grep -c "broker TLS: certificate verify failed (not signed by $T/other.crt)" "$T/ca.err")" = 1 ]'
check "no ca_file: the reason in the log, once" \
	'[ "$(grep -c "broker TLS: certificate verify failed (no ca_file" "$T/sys.err")" = 1 ]'
check "the fault is kept for the status (fleet_stats.fault)" \
	'grep -q "fault=\"broker TLS: host name mismatch" "$T/host.out" && grep -q "fault=\"broker TLS: certificate verify failed (not signed" "$T/ca.out"'
# 4 s at the longest backoff (1 s here, with jitter 0.5-1 s): at most ~9
# attempts; at the shortest (200 ms) it would be ~20 or more.
check "it backs off to the longest interval (<= 9 attempts in 4 s)" \
	'[ "$(attempts host)" -le 9 ] && [ "$(attempts ca)" -le 9 ] && [ "$(attempts sys)" -le 9 ] && [ "$(attempts host)" -ge 2 ]'
check "with the right CA the station connects and has no fault" \
	'grep -q "^connected 1 " "$T/good.out" && grep -q "fault=\"\"" "$T/good.out"'
for fd in 6 7 8 9; do eval "exec $fd>&-"; done
exit $fail
