// Runs the function nodes of docs/fleet/node-red-flow.json outside Node-RED
// (node tests/fleet/nodered_fn.js FLOW MODE ...), with Node-RED's "flow"
// and "context" stores, node.send, and the "crypto" lib the upload node
// declares.
//   table            feed availability/status lines from stdin ("TOPIC RETAIN PAYLOAD"),
//                    print the table rows (JSON) and every alert ("alert TEXT")
//   upload SITE ID FILE
//                    the retained unknot/SITE/routines/# messages on stdin
//                    ("TOPIC PAYLOAD"), then the upload form with that routine
//                    file (FILE "-" = empty: delete), its message echoed back
//                    as the broker would; prints "pub TOPIC PAYLOAD" per MQTT
//                    message (the routine, then the derived manifest) and
//                    "note TEXT"
'use strict';
const fs = require('fs');
const crypto = require('crypto');

const nodes = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
function store() {
    const st = {};
    return { get: (k) => st[k], set: (k, v) => { st[k] = v; } };
}
const flow = store();
const sent = [];
function fn(id) {
    const n = nodes.find((x) => x.id === id);
    if (!n) throw new Error('no node ' + id);
    const libs = (n.libs || []).map((l) => l.var);
    const f = new Function('msg', 'flow', 'context', 'node', ...libs, n.func);
    const mods = { crypto };
    const context = store();
    const node = { warn: console.error, error: console.error, send: (m) => sent.push(m) };
    return (msg) => f(msg, flow, context, node, ...(n.libs || []).map((l) => mods[l.module]));
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
    const [site, id, file] = process.argv.slice(4);
    const manifest = fn('unknot.fn.manifest');
    for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const sp = line.indexOf(' ');
        manifest({ topic: sp < 0 ? line : line.slice(0, sp), payload: sp < 0 ? '' : line.slice(sp + 1) });
    }
    setTimeout(() => {
        sent.length = 0; // what the retained state alone would cause is not the test
        const body = file === '-' ? '' : fs.readFileSync(file, 'utf8');
        const [out, note] = fn('unknot.fn.upload')({ payload: { site, id, body } });
        if (out) {
            if (!out.retain || out.qos !== 1) throw new Error('not retained QoS 1: ' + out.topic);
            console.log('pub ' + out.topic + ' ' + out.payload);
            manifest({ topic: out.topic, payload: out.payload }); // the broker's echo
        }
        if (note) console.log('note ' + note.payload);
        setTimeout(() => {
            for (const m of sent) {
                if (!m.retain || m.qos !== 1) throw new Error('not retained QoS 1: ' + m.topic);
                console.log('pub ' + m.topic + ' ' + m.payload);
            }
        }, 700);
    }, 700);
} else {
    throw new Error('unknown mode ' + mode);
}
