#!/bin/sh
# The ops files in docs/fleet work as shipped: Mosquitto starts with
# docs/fleet/mosquitto.conf (only paths and ports replaced) and the ACL;
# unknot-fleet-station makes per-station credentials that a reload (SIGHUP)
# picks up; a real station (tests/helpers/fleet_swarm) connects over TLS
# with a private CA; plain MQTT is loopback only; the Node-RED flow and the
# Telegraf config parse and subscribe to the topics the stations publish.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
command -v openssl >/dev/null 2>&1 || { echo "openssl is missing"; exit 77; }
BUILD=${BUILD:-$here/../build}
D=$here/../docs/fleet
T=$(mktemp -d)
trap 'kill -9 ${SWARM_PID_s:-} 2>/dev/null; bg_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
chmod 755 "$T"

# --- JSON and TOML files parse and say what they must.
check "the Node-RED flow is valid JSON with consistent wiring" 'python3 - "$D/node-red-flow.json" <<PY
import json, sys
nodes = json.load(open(sys.argv[1]))
ids = {n["id"] for n in nodes}
assert len(ids) == len(nodes), "duplicate ids"
for n in nodes:
    for out in n.get("wires", []):
        for w in out:
            assert w in ids, (n["id"], w)
    for k in ("z", "broker", "group", "tab"):
        if n.get(k) and not (k == "broker" and n["type"] == "mqtt-broker"):
            assert n[k] in ids, (n["id"], k, n[k])
topics = {n.get("topic") for n in nodes if n["type"] == "mqtt in"}
for t in ("unknot/+/+/status", "unknot/+/+/availability", "unknot/+/routines/#"):
    assert t in topics, t
types = {n["type"] for n in nodes}
assert not any(t.startswith("ui_") for t in types), "node-red-dashboard 1 (deprecated) nodes left"
for t in ("ui-base", "ui-page", "ui-group", "ui-template", "ui-form", "ui-notification", "mqtt out"):
    assert t in types, t
b = [n for n in nodes if n["type"] == "mqtt-broker"][0]
assert b["credentials"]["user"] == "nodered", "the broker node logs in as nodered"
PY'
check "the Telegraf config is valid TOML and reads events, status and availability" 'python3 - "$D/telegraf.conf" <<PY
import sys, tomllib
c = tomllib.load(open(sys.argv[1], "rb"))
ins = c["inputs"]["mqtt_consumer"]
topics = [t for i in ins for t in i["topics"]]
for t in ("unknot/+/+/events", "unknot/+/+/status", "unknot/+/+/availability"):
    assert t in topics, t
assert all(i.get("qos") == 1 for i in ins if "unknot/+/+/events" in i["topics"])
assert "influxdb_v2" in c["outputs"]
PY'

# --- A private CA and a server certificate for 127.0.0.1.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=unknot test CA" \
	-keyout "$T/ca.key" -out "$T/ca.crt" >/dev/null 2>&1 &&
openssl req -newkey rsa:2048 -nodes -subj "/CN=127.0.0.1" -keyout "$T/server.key" -out "$T/server.csr" >/dev/null 2>&1 &&
printf 'subjectAltName=IP:127.0.0.1\n' >"$T/san" &&
openssl x509 -req -in "$T/server.csr" -CA "$T/ca.crt" -CAkey "$T/ca.key" -CAcreateserial -days 2 \
	-extfile "$T/san" -out "$T/server.crt" >/dev/null 2>&1 || { echo "openssl cannot make certificates"; exit 77; }
chmod 644 "$T"/*.crt "$T/server.key"

# --- Credentials with the shipped script (the shipped ACL installed first).
cp "$D/acl" "$T/acl"
"$D/unknot-fleet-station" -f "$T/passwd" -a "$T/acl" -b mqtts://127.0.0.1:8883 -c "$T/ca.crt" gymA st042 >"$T/st042.json"
"$D/unknot-fleet-station" -f "$T/passwd" -a "$T/acl" gymA routines >/dev/null 2>&1; badname=$?
"$D/unknot-fleet-station" -f "$T/passwd" -a "$T/nonexistent.acl" gymA st043 >/dev/null 2>&1; noacl=$?
pw42=$(sed -n 's/.*"password": "\(.*\)",*/\1/p' "$T/st042.json")
check "unknot-fleet-station prints a fleet config with a fresh password and user SITE/STATION" \
	'[ ${#pw42} -ge 20 ] && grep -q "\"station\": \"st042\"" "$T/st042.json" && grep -q "\"username\": \"gymA/st042\"" "$T/st042.json" && grep -q "^gymA/st042:" "$T/passwd"'
check "docs/FLEET.md's station example has exactly the keys the script prints, user SITE/STATION" 'python3 - "$here/../docs/FLEET.md" "$T/st042.json" <<PY
import json, re, sys
doc = open(sys.argv[1]).read()
block = re.search(r"\*\*Station\*\*.*?\x60\x60\x60json\n(.*?)\x60\x60\x60", doc, re.S).group(1)
ex = json.loads("{" + block.strip().rstrip(",") + "}")["fleet"]
got = json.loads("{" + open(sys.argv[2]).read() + "}")["fleet"]
assert sorted(ex) == sorted(got), (sorted(ex), sorted(got))
assert ex["username"] == ex["site"] + "/" + ex["station"], ex
PY'
check "it gives the station its site's routines in the ACL, once" \
	'"$D/unknot-fleet-station" -f "$T/passwd" -a "$T/acl" gymA st042 >/dev/null && [ "$(grep -c "^user gymA/st042\$" "$T/acl")" = 1 ] && grep -q "^topic read unknot/gymA/routines/#\$" "$T/acl"'
pw42=$(sed -n 's/.*"password": "\(.*\)",*/\1/p' "$T/st042.json")
mosquitto_passwd -b "$T/passwd" gymA/st042 "$pw42"  # the run above gave it a new password
check "it refuses ids that would match other topics, and a missing ACL file" '[ $badname != 0 ] && ! grep -q "routines:" "$T/passwd" && [ $noacl != 0 ] && ! grep -q "st043" "$T/passwd"'
check "the password file it creates is readable by the broker's user only (640, group mosquitto)" \
	'! id mosquitto >/dev/null 2>&1 || [ "$(stat -c "%a %G" "$T/passwd")" = "640 mosquitto" ]'
mosquitto_passwd -b "$T/passwd" manager pw-manager
mosquitto_passwd -b "$T/passwd" nodered pw-nodered

# --- docs/fleet/mosquitto.conf with paths and ports replaced.
TLS=$(broker_free_port); PLAIN=$(broker_free_port)
mkdir -p "$T/data"; id mosquitto >/dev/null 2>&1 && chown mosquitto "$T/data"
sed -e "s|/etc/mosquitto/unknot.passwd|$T/passwd|; s|/etc/mosquitto/unknot.acl|$T/acl|" \
    -e "s|/etc/mosquitto/certs/|$T/|; s|^listener 8883|listener $TLS 127.0.0.1|" \
    -e "s|^listener 1883 127.0.0.1|listener $PLAIN 127.0.0.1|; s|/var/lib/mosquitto/|$T/data/|" \
    -e "s|^log_dest syslog|log_dest stderr|" "$D/mosquitto.conf" >"$T/mosquitto.conf"
check "only paths and ports differ from the shipped config" \
	'grep -v "^#" "$D/mosquitto.conf" >"$T/a.conf"; grep -v "^#" "$T/mosquitto.conf" >"$T/b.conf"
	 [ "$(diff "$T/a.conf" "$T/b.conf" | grep -c "^>")" = 9 ]'
check "the shipped config binds client ids to users and limits sizes, queues and memory" \
	'[ "$(grep -c "^use_username_as_clientid true" "$D/mosquitto.conf")" = 2 ] && grep -q "^max_packet_size " "$D/mosquitto.conf" && grep -q "^max_queued_bytes " "$D/mosquitto.conf" && grep -q "^memory_limit " "$D/mosquitto.conf"'
BROKER_LOG=$T/broker.log
mosquitto -c "$T/mosquitto.conf" >"$BROKER_LOG" 2>&1 &
BROKER_PID=$!
wait_grep "$BROKER_LOG" " running" 10
check "mosquitto starts with docs/fleet/mosquitto.conf" 'kill -0 $BROKER_PID && grep -q " running" "$BROKER_LOG"'
grep -i "error" "$BROKER_LOG" | sed 's/^/# /'
BROKER_PORT=$PLAIN BROKER_SITE=gymA

# --- A station over TLS with its generated credentials.
mosquitto_sub -h 127.0.0.1 -p "$PLAIN" -u nodered -P pw-nodered -v -t 'unknot/#' >"$T/mgr" 2>&1 &
BG_PIDS="$BG_PIDS $!"
sleep 0.3
mosquitto_pub -h 127.0.0.1 -p "$TLS" --cafile "$T/ca.crt" -u gymA/st042 -P "$pw42" -q 1 \
	-t unknot/gymA/st042/status -m tls-ok 2>"$T/e1"
check "mosquitto_pub over TLS with the station's credentials" 'wait_grep "$T/mgr" "st042/status tls-ok" 5'
mosquitto_pub -h 127.0.0.1 -p "$TLS" -u gymA/st042 -P "$pw42" -q 1 -t unknot/gymA/st042/status -m plain-on-tls 2>/dev/null
check "no plain MQTT on the TLS port" '! wait_grep "$T/mgr" plain-on-tls 1'
mosquitto_pub -h 127.0.0.1 -p "$TLS" --cafile "$T/server.crt" -u gymA/st042 -P "$pw42" -q 1 -t unknot/gymA/st042/status -m wrong-ca 2>/dev/null
check "a client that does not trust the CA cannot connect" '! wait_grep "$T/mgr" wrong-ca 1'

# A station added while the broker runs: usable after a reload (SIGHUP).
"$D/unknot-fleet-station" -f "$T/passwd" -a "$T/acl" -b "mqtts://127.0.0.1:$TLS" -c "$T/ca.crt" gymA st001 >"$T/st001.json"
pw1=$(sed -n 's/.*"password": "\(.*\)",*/\1/p' "$T/st001.json")
kill -HUP "$BROKER_PID"
sleep 0.5
check "a new station can log in after SIGHUP" \
	'mosquitto_pub -h 127.0.0.1 -p "$TLS" --cafile "$T/ca.crt" -u gymA/st001 -P "$pw1" -q 1 -t unknot/gymA/st001/status -m hup-ok && wait_grep "$T/mgr" hup-ok 5'
if [ -x "$BUILD/tests/helpers/fleet_swarm" ]; then
	# fleet_swarm logs in with pw-STATION: give st001 that password for the real station.
	mosquitto_passwd -b "$T/passwd" gymA/st001 pw-st001
	kill -HUP "$BROKER_PID"
	sleep 0.5
	mkfifo "$T/s.ctl"
	FLEET_SWARM_CA=$T/ca.crt "$BUILD/tests/helpers/fleet_swarm" "mqtts://127.0.0.1:$TLS" gymA st 1 1 "$T/s" 5 2 \
		<"$T/s.ctl" >"$T/s.out" 2>"$T/s.err" &
	SWARM_PID_s=$!
	exec 7>"$T/s.ctl"
	swarm_cmd s 7 "connected 10"
	swarm_cmd s 7 "append 3"
	swarm_cmd s 7 "wait 10"
	check "a real fleet station over mqtts:// with the private CA: online, events acknowledged" \
		'grep -q "^connected 1 " "$T/s.out" && grep -q "^acked ok" "$T/s.out" && wait_grep "$T/mgr" "st001/availability online" 2 && wait_grep "$T/mgr" "\"id\":\"st001:3\"" 2'
	swarm_cmd s 7 "quit" 10
	wait "$SWARM_PID_s" 2>/dev/null  # let it finish (valgrind writes its report)
else
	echo "# fleet_swarm not built: TLS station check left out"
fi
# Persistence as configured: a retained routine survives a clean restart.
mosquitto_pub -h 127.0.0.1 -p "$PLAIN" -u manager -P pw-manager -q 1 -r -t unknot/gymA/routines/_manifest -m '{"version":1,"routines":[]}'
broker_stop TERM
mosquitto -c "$T/mosquitto.conf" >>"$BROKER_LOG" 2>&1 &
BROKER_PID=$!
sleep 0.5
check "retained messages survive a restart (persistence)" \
	'[ -n "$(mosquitto_sub -h 127.0.0.1 -p "$PLAIN" -u manager -P pw-manager -W 2 --retained-only -t unknot/gymA/routines/_manifest 2>/dev/null)" ]'
exit $fail
