// Runs the function nodes of docs/fleet/node-red-flow.json outside Node-RED
// (node tests/fleet/nodered_fn.js FLOW MODE ...), with Node-RED's "flow"
// context and the "crypto" lib the upload node declares.
//   table            feed availability/status lines from stdin ("TOPIC RETAIN PAYLOAD"),
//                    print the table rows (JSON) and every alert ("alert TEXT")
//   upload SITE ID FILE [MANIFEST_JSON]
//                    the upload form with that routine file (FILE "-" = empty:
//                    delete); prints "pub TOPIC PAYLOAD" per MQTT message and
//                    "note TEXT"
'use strict';
const fs = require('fs');
const crypto = require('crypto');

const nodes = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const store = {};
const flow = { get: (k) => store[k], set: (k, v) => { store[k] = v; } };
function fn(id) {
    const n = nodes.find((x) => x.id === id);
    if (!n) throw new Error('no node ' + id);
    const libs = (n.libs || []).map((l) => l.var);
    const f = new Function('msg', 'flow', 'node', ...libs, n.func);
    const mods = { crypto };
    return (msg) => f(msg, flow, { warn: console.error, error: console.error },
                      ...(n.libs || []).map((l) => mods[l.module]));
}

const mode = process.argv[3];
if (mode === 'table') {
    const stations = fn('unknot.fn.stations');
    const alert = fn('unknot.fn.alert');
    let rows = [];
    for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const [topic, retain, ...rest] = line.split(' ');
        const text = rest.join(' ');
        const leaf = topic.split('/')[3];
        const msg = { topic, retain: retain === '1',
                      payload: leaf === 'status' ? JSON.parse(text) : text };
        rows = stations(Object.assign({}, msg)).payload;
        if (leaf === 'availability') {
            const a = alert(Object.assign({}, msg));
            if (a) console.log('alert ' + a.payload);
        }
    }
    for (const r of rows) console.log('row ' + JSON.stringify(r));
} else if (mode === 'upload') {
    const [site, id, file, manifest] = process.argv.slice(4);
    if (manifest) {
        fn('unknot.fn.manifest')({ topic: 'unknot/' + site + '/routines/_manifest',
                                   payload: JSON.parse(manifest) });
    }
    const body = file === '-' ? '' : fs.readFileSync(file, 'utf8');
    const [out, note] = fn('unknot.fn.upload')({ payload: { site, id, body } });
    for (const m of out || []) {
        if (!m.retain || m.qos !== 1) throw new Error('not retained QoS 1: ' + m.topic);
        console.log('pub ' + m.topic + ' ' + m.payload);
    }
    if (note) console.log('note ' + note.payload);
} else {
    throw new Error('unknown mode ' + mode);
}
