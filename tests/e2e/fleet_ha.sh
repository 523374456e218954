#!/bin/sh
# Home Assistant MQTT discovery (docs/fleet/unknot-fleet-ha) on a real
# Mosquitto with the shipped ACL, checked against Home Assistant's documented
# discovery format, written here by hand (Home Assistant itself is not
# installed): https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery
# - topic: <prefix>/<component>/[<node_id>/]<object_id>/config, node_id and
#   object_id of [a-zA-Z0-9_-], component one HA knows;
# - payload: a JSON object, retained; "state_topic" (required by sensor and
#   binary_sensor), a "unique_id" unique across entities (needed for a
#   device), "device" with "identifiers" (a list) or "connections";
#   "availability": a list of {"topic", "payload_available",
#   "payload_not_available"}; binary_sensor "payload_on"/"payload_off" (or
#   a value_template giving ON/OFF); device_class one of the documented ones;
# - every topic it names is one a station publishes, and HA's user may read it.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
T=$(mktemp -d)
trap 'bg_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"

BROKER_BIND_IDS=1
broker_init "$T" gymA "st001 st002" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
for s in st001 st002; do
	bpub "$s" -q 1 -r -t "unknot/gymA/$s/availability" -m online
	bpub "$s" -q 1 -r -t "unknot/gymA/$s/status" \
		-m "{\"station\":\"$s\",\"site\":\"gymA\",\"state\":\"in_session\",\"routine\":\"Neck\",\"step\":2,\"steps\":5,\"faults\":[\"no audio\"],\"seq\":4,\"app_version\":\"0.23.0\"}"
done
"$here/../docs/fleet/unknot-fleet-ha" -h "$BROKER_HOST" -p "$BROKER_PORT" -u ha-discovery -P pw-ha-discovery \
	--once 2>"$T/ha.err"; rc=$?
check "unknot-fleet-ha announces the stations and exits (--once)" '[ $rc = 0 ] && grep -q "announced gymA/st002" "$T/ha.err"'
# What Home Assistant (its own user) sees: retained configs with the topic.
bsub homeassistant -V mqttv5 -W 2 --retained-only -t 'homeassistant/#' -F '%r %t %p' >"$T/disc" 2>/dev/null
bsub homeassistant -V mqttv5 -W 2 --retained-only -t 'unknot/#' -F '%t' >"$T/readable" 2>/dev/null
echo "# $(wc -l <"$T/disc") discovery messages"
check "Home Assistant's discovery format (topics, required keys, availability, unique ids)" 'python3 - "$T/disc" "$T/readable" <<'"'"'PY'"'"'
import json, re, sys
TOPIC = re.compile(r"^homeassistant/(binary_sensor|sensor)/([a-zA-Z0-9_-]+)/([a-zA-Z0-9_-]+)/config$")
BINARY_CLASSES = {"connectivity", "problem", "running", "power", "presence"}
readable = set(open(sys.argv[2]).read().split())
seen, per_node = set(), {}
for line in open(sys.argv[1]):
    retained, topic, payload = line.rstrip("\n").split(" ", 2)
    assert retained == "1", ("not retained", topic)
    m = TOPIC.match(topic)
    assert m, ("topic layout", topic)
    comp, node, obj = m.groups()
    c = json.loads(payload)
    assert isinstance(c, dict)
    assert isinstance(c.get("state_topic"), str) and c["state_topic"] in readable, ("state_topic", topic)
    assert c.get("unique_id") and c["unique_id"] not in seen, ("unique_id", topic)
    seen.add(c["unique_id"])
    d = c.get("device", {})
    assert isinstance(d.get("identifiers"), list) and d["identifiers"], ("device.identifiers", topic)
    assert d.get("name") and d.get("sw_version") == "0.23.0", ("device", topic)
    if comp == "binary_sensor":
        assert c.get("device_class") in BINARY_CLASSES, ("device_class", topic)
        assert ("payload_on" in c and "payload_off" in c) or "ON" in c.get("value_template", ""), topic
    if obj != "online":
        a = c.get("availability")
        assert isinstance(a, list) and a, ("availability", topic)
        for e in a:
            assert e["topic"] in readable and e["topic"].endswith("/availability"), e
            assert e["payload_available"] == "online" and e["payload_not_available"] == "offline"
    if "value_template" in c:
        assert c["value_template"].startswith("{{") and "value_json" in c["value_template"] or c["state_topic"].endswith("availability")
    per_node.setdefault(node, set()).add((comp, obj))
want = {("binary_sensor", "online"), ("sensor", "state"), ("sensor", "routine"),
        ("sensor", "step"), ("sensor", "faults"), ("binary_sensor", "problem")}
assert set(per_node) == {"unknot_gymA_st001", "unknot_gymA_st002"}, per_node.keys()
for node, ents in per_node.items():
    assert ents == want, (node, ents)
print("# %d entities, %d devices" % (len(seen), len(per_node)))
PY'
check "the station itself may not write discovery topics" \
	'bpub st001 -V mqttv5 -q 1 -r -t homeassistant/sensor/x/y/config -m "{}" 2>&1 | grep -q "Not authorized"'
exit $fail
