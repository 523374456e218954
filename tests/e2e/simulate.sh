#!/bin/sh
# unknot --simulate end to end: scripts of pedal/key input run on the virtual
# clock, and the journal they produce is checked line by line with python3.
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
: "${UNKNOT:=./unknot}"
D=tests/data/simulate
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

# sim NAME SCRIPT [ARGS...]: runs the simulation; journal on $T/NAME.jsonl,
# stderr on $T/NAME.err, exit code in $T/NAME.rc
sim() {
	name=$1 script=$2
	shift 2
	"$UNKNOT" --simulate "$@" --input "$script" >"$T/$name.jsonl" 2>"$T/$name.err"
	echo $? >"$T/$name.rc"
}

# check NAME PYTHON: runs PYTHON with `j` (the journal's objects), `rc`, `err`
# and helpers; prints ok/not ok NAME.
check() {
	name=$1
	if python3 - "$T/$name" "$2" >"$T/$name.py.out" 2>&1 <<'PY'
import json, re, sys
base, code = sys.argv[1], sys.argv[2]
rc = int(open(base + ".rc").read())
err = open(base + ".err").read()
j = [json.loads(l) for l in open(base + ".jsonl") if l.strip()]
def ev(name): return [e for e in j if e["event"] == name]
def step_end(i): return [e for e in ev("step_end") if e["index"] == i]
def common():
    # every line: event, ISO UTC ms time, ms, session id, contiguous seq, ms never decreasing
    ids = set()
    for n, e in enumerate(j):
        assert isinstance(e["event"], str)
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", e["t"]), e["t"]
        assert isinstance(e["ms"], int) and e["ms"] >= 0
        assert e["session"]
        ids.add(e["session"])
    for sid in ids:
        lines = [e for e in j if e["session"] == sid]
        assert [e["seq"] for e in lines] == list(range(1, len(lines) + 1))
        assert all(a["ms"] <= b["ms"] for a, b in zip(lines, lines[1:]))
        assert lines[0]["event"] == "session_start" and lines[-1]["event"] == "session_end"
    return True
exec(code)
PY
	then echo "ok $name"; else echo "not ok $name"; cat "$T/$name.py.out"; cat "$T/$name.err"; fi
}

sim basic $D/basic.txt $D/neck.json
check basic '
assert rc == 0 and err == "", (rc, err)
assert common()
s = ev("session_start")[0]
assert s["title"] == "Neck (simulate test)" and s["file"] == "tests/data/simulate/neck.json"
assert s["steps"] == 9 and s["version"] == 1
starts = ev("step_start")
assert [e["index"] for e in starts] == list(range(1, 10))
assert starts[0]["kind"] == "transition" and starts[0]["target"] == "upper trapezius" and starts[0]["side"] == "left"
assert starts[4]["kind"] == "rest" and starts[4]["side"] is None and starts[4]["target"] is None
e1 = step_end(1)[0]
assert e1["reason"] == "advanced" and e1["actual_ms"] == 2210 and e1["planned_s"] == 5
d = ev("discomfort")
assert len(d) == 1 and d[0]["index"] == 2 and d[0]["ms"] == 10700 and d[0]["step_ms"] == 8490
assert d[0]["kind"] == "compression" and d[0]["side"] == "left"
e2 = step_end(2)[0]
assert e2["reason"] == "elapsed" and e2["actual_ms"] == 60000 and e2["ms"] == 62210
e4 = step_end(4)[0]
assert e4["reason"] == "advanced" and e4["actual_ms"] == 23420 and e4["side"] == "right"
assert all(e["reason"] == "elapsed" for e in ev("step_end")[4:])
end = ev("session_end")[0]
assert end["outcome"] == "completed" and end["ms"] == 235630
'

sim early $D/early.txt $D/neck.json
check early '
assert rc == 0 and common()
e7 = step_end(7)
assert len(e7) == 1 and e7[0]["reason"] == "advanced" and e7[0]["actual_ms"] == 25130, e7
assert e7[0]["ms"] == 175130
assert ev("session_end")[0]["ms"] == 175130 + 35000
'

sim pause $D/pause.txt $D/neck.json
check pause '
assert rc == 0 and common()
p, r = ev("pause"), ev("resume")
assert len(p) == 1 and len(r) == 1 and p[0]["ms"] == 30700 and r[0]["ms"] == 40700
assert p[0]["index"] == 2
d = ev("discomfort")
assert len(d) == 1 and d[0]["ms"] == 50130 and d[0]["step_ms"] == 35130, d
assert step_end(2)[0]["actual_ms"] == 60000 and step_end(2)[0]["ms"] == 75000
assert ev("session_end")[0]["ms"] == 285000 and ev("session_end")[0]["outcome"] == "completed"
'

sim pause_tap $D/pause-tap.txt $D/neck.json
check pause_tap '
assert rc == 0 and common()
p, r = ev("pause"), ev("resume")
assert len(p) == 1 and p[0]["ms"] == 30700 and len(r) == 1 and r[0]["ms"] == 40130, (p, r)
assert ev("discomfort") == [], "a discomfort tap while paused is ignored, as in the app"
assert step_end(2)[0]["reason"] == "elapsed" and step_end(2)[0]["actual_ms"] == 60000
'

sim abandon $D/abandon.txt $D/neck.json
check abandon '
assert rc == 0 and common()
assert j[-1]["event"] == "session_end" and j[-1]["outcome"] == "abandoned" and j[-1]["ms"] == 50000
e = j[-2]
assert e["event"] == "step_end" and e["index"] == 2 and e["reason"] == "abandoned" and e["actual_ms"] == 45000
assert len(ev("step_start")) == 2
'

sim keys $D/keys.txt $D/neck.json
check keys '
assert rc == 0 and common()
x = ev("extend")
assert len(x) == 1 and x[0]["index"] == 2 and x[0]["ms"] == 10000
back = step_end(2)[0]
assert back["reason"] == "advanced" and back.get("previous") is True and back["actual_ms"] == 15000
assert [e["index"] for e in ev("step_start")][:4] == [1, 2, 1, 2]
assert step_end(1)[1]["actual_ms"] == 1000
assert step_end(2)[1]["reason"] == "elapsed" and step_end(2)[1]["actual_ms"] == 60000
assert ev("session_end")[0]["ms"] == 21000 + 270000
'

sim longhold $D/longhold.txt $D/neck.json --config $D/longhold.json
check longhold '
assert rc == 0 and common()
d = ev("discomfort")
assert len(d) == 1 and d[0]["ms"] == 11030 and d[0]["step_ms"] == 6030, d
back = step_end(2)[0]
assert back.get("previous") is True and back["ms"] == 23000
assert ev("pause")[0]["ms"] == 30430
# the script ends paused: the session is abandoned there, and stderr says so
assert "paused" in err
assert j[-1]["outcome"] == "abandoned" and j[-1]["ms"] == 30430
'

sim empty $D/empty.txt $D/neck.json
check empty '
assert rc == 0 and common()
assert all(e["reason"] == "elapsed" for e in ev("step_end"))
assert [e["actual_ms"] for e in ev("step_end")] == [5000, 60000, 5000, 60000, 15000, 5000, 90000, 5000, 30000]
assert ev("session_end")[0]["ms"] == 275000
'

# A 60-minute routine with no input ends exactly on plan.
python3 -c '
import json
steps = [{"kind": "compression", "tool": "ball", "target": "t%d" % i, "duration_s": 83} for i in range(40)]
print(json.dumps({"format": 1, "title": "Hour", "defaults": {"transition_s": 7}, "steps": steps}))
' >"$T/hour.json"
sim hour $D/empty.txt "$T/hour.json"
check hour '
assert rc == 0 and common()
assert ev("session_start")[0]["steps"] == 80
assert ev("session_end")[0]["ms"] == 3600000
'

# Bad scripts and routines: exit 1, the error names the file and line.
sim bad_order $D/bad-order.txt $D/neck.json
check bad_order '
assert rc == 1 and j == []
assert err.startswith("tests/data/simulate/bad-order.txt:3:1: time 1.500 is earlier"), err
'
sim bad_input $D/bad-input.txt $D/neck.json
check bad_input '
assert rc == 1 and j == []
assert err.startswith("tests/data/simulate/bad-input.txt:2:9: ") and "foot" in err, err
'
sim bad_routine $D/basic.txt $D/bad-routine.json
check bad_routine '
assert rc == 1 and j == []
assert re.match(r"tests/data/simulate/bad-routine.json:\d+:\d+: ", err), err
'
sim missing $T/no-such-script.txt $D/neck.json
check missing '
assert rc == 1 and "no-such-script.txt" in err, err
'
printf '{"volume": 500}\n' >"$T/bad-config.json"
sim bad_config $D/basic.txt $D/neck.json --config "$T/bad-config.json"
check bad_config '
assert rc == 1 and "bad-config.json:1:12: volume: 500 is out of range" in err, err
'
"$UNKNOT" --simulate $D/neck.json >/dev/null 2>&1
if [ $? = 2 ]; then echo "ok usage_no_input"; else echo "not ok usage_no_input"; fi

# --journal FILE: parents created, appended, one session id per run.
J="$T/state/unknot/journal.jsonl"
"$UNKNOT" --simulate $D/neck.json --input $D/abandon.txt --journal "$J" >"$T/append.out" 2>&1
"$UNKNOT" --simulate $D/neck.json --input $D/basic.txt --journal "$J" >>"$T/append.out" 2>&1
cp "$J" "$T/append.jsonl"; echo 0 >"$T/append.rc"; cp "$T/append.out" "$T/append.err"
check append '
assert err == "" and common()
ids = [e["session"] for e in ev("session_start")]
assert len(ids) == 2 and ids[0] != ids[1]
assert [e["outcome"] for e in ev("session_end")] == ["abandoned", "completed"]
'

# A journal that cannot be written: reported once, the run goes on, exit 1.
if [ -w /dev/full ]; then
	"$UNKNOT" --simulate $D/neck.json --input $D/basic.txt --journal /dev/full >"$T/full.out" 2>"$T/full.err"
	rc=$?
	n=$(grep -c "not being recorded" "$T/full.err")
	if [ $rc = 1 ] && [ "$n" = 1 ]; then echo "ok journal_full"; else echo "not ok journal_full (rc $rc, $n reports)"; cat "$T/full.err"; fi
fi
