#!/bin/sh
# make test-dashboard: the Node-RED flow (docs/fleet/node-red-flow.json) on
# real Node-RED with @flowfuse/node-red-dashboard, a real Mosquitto (the
# shipped ACL, client ids bound to users) and 20 real stations
# (tests/helpers/fleet_swarm), looked at in Debian's chromium:
# - the station table shows the live stations; one killed (SIGKILL, its last
#   will) turns red and appears in the alert list;
# - the upload form publishes a routine that a station then has, byte for
#   byte, and the manifest Node-RED derives lists it.
# Node-RED, the dashboard and puppeteer-core come from the npm registry, the
# versions pinned by tests/fleet/dashboard/package-lock.json, installed once
# into $UNKNOT_NODERED_CACHE (default ~/.cache/unknot-nodered) and reused.
# Not part of make test (it installs a browser driver and Node-RED): run it
# with make test-dashboard after make test-deps DEPS_DASHBOARD.
# The screenshots stay in $BUILD/dashboard.png and $BUILD/dashboard-upload.png.
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/fleet/broker.sh"
broker_need
for t in node npm curl; do
	command -v $t >/dev/null 2>&1 || { echo "$t is missing (make test-deps: DEPS_DASHBOARD)"; exit 77; }
done
CHROMIUM=${CHROMIUM:-$(command -v chromium || command -v chromium-browser)}
[ -x "$CHROMIUM" ] || { echo "chromium is missing (Debian: apt-get install chromium)"; exit 77; }
export CHROMIUM
BUILD=${BUILD:-$here/../build}
[ -x "$BUILD/tests/helpers/fleet_swarm" ] || { echo "$BUILD/tests/helpers/fleet_swarm is not built"; exit 77; }
T=$(mktemp -d)
NRPID=
trap 'kill -9 ${SWARM_PID_a:-} ${SWARM_PID_b:-} $NRPID 2>/dev/null; bg_stop; broker_stop KILL; rm -rf "$T"' EXIT
. "$here/checks.sh"
chmod 755 "$T"
D=$here/fleet/dashboard
CACHE=${UNKNOT_NODERED_CACHE:-$HOME/.cache/unknot-nodered}
t_start=$(now_s)

# --- Node-RED, the dashboard and puppeteer-core, pinned, cached.
mkdir -p "$CACHE"
if ! cmp -s "$D/package-lock.json" "$CACHE/package-lock.json" || [ ! -d "$CACHE/node_modules/node-red" ]; then
	cp "$D/package.json" "$D/package-lock.json" "$CACHE/"
	echo "# npm ci into $CACHE"
	(cd "$CACHE" && npm ci --no-audit --no-fund --loglevel=error) >"$T/npm.log" 2>&1 ||
		{ echo "not ok npm ci"; tail -20 "$T/npm.log" | sed 's/^/# /'; exit 1; }
fi
t_installed=$(now_s)
echo "# packages ready in $(python3 -c "print(round($t_installed - $t_start, 1))") s"

# --- The broker and 20 stations (st001..st019 in one process, st020 alone).
BROKER_BIND_IDS=1
stations=$(seq -f 'st%03g' 1 20 | tr '\n' ' ')
broker_init "$T" gymA "$stations" >/dev/null || exit 1
broker_start || exit 1
echo "# mosquitto on $BROKER_HOST:$BROKER_PORT"
SWARM_FD=7 swarm_start a 1 19 5 2 || { echo "not ok 19 stations start"; exit 1; }
SWARM_FD=8 swarm_start b 20 1 5 2 || { echo "not ok st020 starts"; exit 1; }
swarm_cmd a 7 "connected 20"
swarm_cmd b 8 "connected 20"
swarm_cmd a 7 "state session Neck 3 7"
swarm_cmd a 7 "fault no audio"

# --- Node-RED on loopback, the flow imported through its admin API.
NRPORT=$(broker_free_port)
mkdir -p "$T/nr"
ln -s "$CACHE/node_modules" "$T/nr/node_modules"
cat >"$T/nr/package.json" <<EOF
{ "name": "unknot-dashboard-test", "private": true,
  "dependencies": { "@flowfuse/node-red-dashboard": "*" } }
EOF
cat >"$T/settings.js" <<EOF
module.exports = {
    uiHost: "127.0.0.1",
    uiPort: $NRPORT,
    userDir: "$T/nr",
    flowFile: "flows.json",
    credentialSecret: false,
    logging: { console: { level: "info", metrics: false, audit: false } },
    editorTheme: { projects: { enabled: false } },
    functionExternalModules: true   // as in the default settings.js: the upload node uses "crypto"
};
EOF
node "$CACHE/node_modules/node-red/red.js" --settings "$T/settings.js" >"$T/nr.log" 2>&1 &
NRPID=$!
n=0
until curl -sf "http://127.0.0.1:$NRPORT/flows" >/dev/null 2>&1; do
	n=$((n + 1)); [ $n -lt 600 ] || { echo "not ok Node-RED starts"; tail -20 "$T/nr.log" | sed 's/^/# /'; exit 1; }
	kill -0 $NRPID 2>/dev/null || { echo "not ok Node-RED starts"; tail -20 "$T/nr.log" | sed 's/^/# /'; exit 1; }
	sleep 0.1
done
python3 - "$here/../docs/fleet/node-red-flow.json" "$BROKER_PORT" >"$T/flow.json" <<'PY'
import json, sys
nodes = json.load(open(sys.argv[1]))
for n in nodes:
    if n["type"] == "mqtt-broker":  # what the owner sets in the editor
        n["port"] = sys.argv[2]
        n["credentials"] = {"user": "nodered", "password": "pw-nodered"}
json.dump(nodes, sys.stdout)
PY
code=$(curl -s -o "$T/deploy.out" -w '%{http_code}' -X POST "http://127.0.0.1:$NRPORT/flows" \
	-H 'Content-Type: application/json' -H 'Node-RED-Deployment-Type: full' --data-binary @"$T/flow.json")
check "Node-RED takes the flow (POST /flows: $code)" '[ "$code" = 200 ] || [ "$code" = 204 ]'
check "every node type of the flow is installed (no missing types)" \
	'wait_grep "$T/nr.log" "Started flows" 30 && ! grep -qi "missing node types\|Waiting for missing" "$T/nr.log"'
check "the broker node connects as nodered" 'wait_grep "$T/nr.log" "Connected to broker: nodered@mqtt://127.0.0.1:$BROKER_PORT" 20'
t_up=$(now_s)

# One station dies (SIGKILL: its last will after the 2 s will delay).
sleep 2
kill -9 "$SWARM_PID_b"
bsub manager -W 15 -C 1 -t unknot/gymA/st020/availability -R >/dev/null 2>&1
printf '{"format": 1, "title": "From the dashboard", "steps": [{"kind": "rest", "duration_s": 42}]}\n' >"$T/fromdash.json"
(cd "$D" && NODE_PATH="$CACHE/node_modules" node "$D/check.js" "http://127.0.0.1:$NRPORT/dashboard/fleet" \
	"$BUILD/dashboard.png" gymA/st020 20 gymA fromdash "$T/fromdash.json") >"$T/browser.out" 2>&1
cat "$T/browser.out"
grep -q "^not ok" "$T/browser.out" && fail=1
swarm_cmd a 7 "state idle"  # routines are written between sessions only
n=0
while [ $n -lt 100 ] && ! cmp -s "$T/fromdash.json" "$T/a/routines/st001/fromdash.json"; do sleep 0.1; n=$((n + 1)); done
check "the routine uploaded with the form is on a station, byte for byte" 'cmp -s "$T/fromdash.json" "$T/a/routines/st001/fromdash.json"'
check "and in the manifest Node-RED derived from the retained routines" \
	'bsub manager -W 2 --retained-only -t unknot/gymA/routines/_manifest 2>/dev/null | grep -q "\"id\":\"fromdash\""'
t_end=$(now_s)
echo "# timings: packages $(python3 -c "print(round($t_installed - $t_start, 1))") s, broker+stations+Node-RED $(python3 -c "print(round($t_up - $t_installed, 1))") s, browser checks $(python3 -c "print(round($t_end - $t_up, 1))") s, total $(python3 -c "print(round($t_end - $t_start, 1))") s"
echo "# screenshots: $BUILD/dashboard.png $BUILD/dashboard-upload.png"
grep -i "error" "$T/nr.log" | head -5 | sed 's/^/# node-red: /'
swarm_cmd a 7 quit 20
exit $fail
