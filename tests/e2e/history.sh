#!/bin/sh
# unknot --history [--json] and --export csv on a generated journal: torn and
# foreign lines, a clock jump, several days and routines, an abandoned session.
# Needs python3 (generation and checks).
command -v python3 >/dev/null 2>&1 || { echo "python3 not found"; exit 77; }
[ -x "$UNKNOT" ] || { echo "UNKNOT not set to the unknot binary"; exit 77; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
# A fixed "now" and local time zone: 2026-11-21 20:00 UTC, in UTC.
export UNKNOT_NOW=2026-11-21T20:00:00.000Z TZ=UTC0
# Keep away from the user's own files.
export HOME="$tmp/home" XDG_STATE_HOME="$tmp/state" XDG_CONFIG_HOME="$tmp/config"
unset STATE_DIRECTORY UNKNOT_CONFIG
mkdir -p "$HOME"

check() { # NAME CONDITION-EXIT-STATUS
	if [ "$2" = 0 ]; then echo "ok $1"; else echo "not ok $1"; fi
}

# The journal: 4 completed neck sessions on Nov 18..21 (the 19th's clock says
# 1970: dated at the 18th's time), a foot session abandoned on the 20th, one
# foreign and one glued torn line, and a torn last line.
python3 - "$tmp/journal.jsonl" <<'EOF'
import json, sys, datetime as dt
out = open(sys.argv[1], "w")
def iso(ms):
    return (dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc) + dt.timedelta(milliseconds=ms)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
def at(day, hour):
    return int(dt.datetime(2026, 11, day, hour, tzinfo=dt.timezone.utc).timestamp() * 1000)
class S:
    def __init__(s, sid, t0, title, file, steps):
        s.sid, s.t0, s.ms = sid, t0, 0
        s.line("session_start", title=title, file=file, steps=steps)
    def line(s, ev, **kw):
        d = {"event": ev, "t": iso(s.t0 + s.ms), "ms": s.ms, "session": s.sid}
        d.update(kw)
        out.write(json.dumps(d) + "\n")
    def step(s, i, kind, target, side, planned, actual, reason, disc=0):
        f = dict(index=i, kind=kind, target=target, side=side)
        s.line("step_start", **f)
        for k in range(disc):
            s.line("discomfort", step_ms=1000 * (k + 1), **f)
        s.ms += actual
        s.line("step_end", reason=reason, planned_s=planned, actual_ms=actual, **f)
    def end(s, outcome):
        s.line("session_end", outcome=outcome)
TITLE = 'Neck, "tension" headache'
def neck(sid, t0, left_ms, reason, disc, complaint=None):
    s = S(sid, t0, TITLE, "routines/neck.json", 4)
    if complaint:  # the one check-in line: soreness and complaint (issue 18)
        s.line("checkin", answer="sore", target="upper trapezius", complaint=complaint)
    s.step(1, "transition", "upper trapezius", "left", 10, 10000, "elapsed")
    s.step(2, "compression", "upper trapezius", "left", 60, left_ms, reason, disc)
    s.step(3, "compression", "upper trapezius", "right", 60, 60000, "elapsed")
    s.step(4, "stretch", "levator scapulae", "", 30, 30000, "elapsed")
    s.end("completed")
neck("n18", at(18, 9), 60000, "elapsed", 2, "same")
neck("n19", 5000, 55000, "advanced", 2)                 # clock lost at boot
out.write('{"note": "written by something else"}\n')    # foreign
f = S("f20", at(20, 9), "Foot", "foot.json", 3)
f.step(1, "rolling", "plantar fascia", "left", 90, 90000, "elapsed")
f.step(2, "rolling", "plantar fascia", "right", 90, 12000, "abandoned")
f.end("abandoned")
neck("n20", at(20, 18), 50000, "advanced", 1)
out.write('{"event":"step_end","t":"2026-11-2')         # torn, glued to the next line
neck("n21", at(21, 9, ), 38000, "advanced", 0)
out.write('{"event":"session_start","t":"2026-11-21T19:5')  # torn last line
EOF

# --history (text).
"$UNKNOT" --history --journal "$tmp/journal.jsonl" >"$tmp/text" 2>"$tmp/err"
check "history text exits 0" $?
grep -q '^Sessions: 5 (4 completed, 1 abandoned, 0 unfinished)' "$tmp/text"
check "history text counts sessions" $?
grep -q "^Streak: 2 days" "$tmp/text"
check "history text streak (the 19th, its clock lost, counts on the 18th)" $?
grep -q 'upper trapezius .* 4/4-6 ' "$tmp/text"
check "history text course of treatment" $?
grep -q 'ended the upper trapezius hold 12 s earlier, 1 discomfort fewer' "$tmp/text"
check "history text compares with the previous session of the routine" $?
grep -q 'last line is torn' "$tmp/err" && grep -q 'skipped 2 lines' "$tmp/err"
check "history reports the torn last line and skipped lines on stderr" $?

# --history --json.
"$UNKNOT" --history --json --journal "$tmp/journal.jsonl" >"$tmp/json" 2>/dev/null
check "history json exits 0" $?
python3 - "$tmp/json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
def ok(name, cond):
    print(("ok " if cond else "not ok ") + name)
t = j["totals"]
ok("json totals", (t["sessions"], t["completed"], t["abandoned"], t["unfinished"], t["clock_jumps"], t["discomfort"]) == (5, 4, 1, 0, 1, 5))
ok("json journal counts", j["journal"]["torn"] is True and j["journal"]["bad"] == 2 and j["journal"]["foreign"] == 1 and j["journal"]["recovered"] == 1)
ok("json streak and today", j["streak_days"] == 2 and j["today"] == "2026-11-21" and j["today_counts"] == {"sessions": 1, "completed": 1})
days = {d["date"]: d for d in j["days"]}
ok("json days", len(j["days"]) == 28 and j["days"][-1]["date"] == "2026-11-21"
   and days["2026-11-18"]["sessions"] == 2 and days["2026-11-19"]["sessions"] == 0
   and days["2026-11-20"]["sessions"] == 2 and days["2026-11-20"]["completed"] == 1)
tg = {x["name"]: x for x in j["targets"]}
ut = tg.get("upper trapezius", {})
ok("json target figures", ut.get("sessions") == 4 and ut.get("holds") == 8 and ut.get("early") == 3
   and ut.get("full") == 5 and ut.get("avg_early_s") == round((55 + 50 + 38) / 3, 1)
   and ut.get("discomfort") == 5 and ut.get("recent") is True and ut.get("course_min") == 4)
ls = tg.get("levator scapulae", {})
ok("json stretch-only target: not a hold, not treated", ls.get("stretches") == 4 and ls.get("holds") == 0
   and ls.get("sessions") == 0 and ls.get("last_treated") is None and ls.get("recent") is False)
pf = tg.get("plantar fascia", {})
ok("json abandoned hold left out of the average", pf.get("holds") == 2 and pf.get("abandoned") == 1 and pf.get("avg_hold_s") == 90.0)
s = j["sessions"]
ok("json sessions", len(s) == 5 and s[1]["clock_jumped"] is True and s[1]["date"] == "2026-11-18"
   and s[2]["outcome"] == "abandoned" and s[4]["duration_s"] == 138.0)
ok("json check-in complaint", s[0]["complaint"] == "same" and s[0]["checkin"] == "sore" and s[1]["complaint"] is None)
c = j["last_comparison"]
ok("json comparison", c is not None and c["text"] == "ended the upper trapezius hold 12 s earlier, 1 discomfort fewer"
   and c["targets"][0]["actual_diff_s"] == -12.0)
EOF

# --export csv.
"$UNKNOT" --export csv --journal "$tmp/journal.jsonl" >"$tmp/csv" 2>/dev/null
check "export csv exits 0" $?
python3 - "$tmp/csv" <<'EOF'
import csv, sys
raw = open(sys.argv[1], newline="").read()
rows = list(csv.reader(raw.splitlines()))
def ok(name, cond):
    print(("ok " if cond else "not ok ") + name)
ok("csv header", rows[0] == "date,routine,step,kind,target,side,planned_s,actual_s,discomfort,complaint,score".split(","))
ok("csv CRLF line ends", raw.count("\r\n") == len(rows) and raw.endswith("\r\n"))
body = rows[1:]
ok("csv one row per step of every session", len(body) == 4 * 4 + 2)
first = body[0]
ok("csv RFC 4180 quoting round-trips", first[1] == 'Neck, "tension" headache' and '"Neck, ""tension"" headache"' in raw)
ok("csv row values", first == ["2026-11-18", 'Neck, "tension" headache', "1", "transition", "upper trapezius", "left", "10", "10.0", "0", "same", ""])
ok("csv complaint only where answered", all(r[9] == "" for r in body[4:]))
ok("csv discomfort per step", [r[8] for r in body[:4]] == ["0", "2", "0", "0"])
ok("csv clock jump dated at the previous session", body[4][0] == "2026-11-18" and body[5][7] == "55.0")
ok("csv abandoned session", body[8][1] == "Foot" and body[9][7] == "12.0" and body[9][6] == "90")
EOF

# Local days: in UTC+1 (POSIX TZ "CET-1") the 23:30 UTC session is tomorrow's.
python3 - "$tmp/late.jsonl" <<'EOF'
import sys
open(sys.argv[1], "w").write(
 '{"event":"session_start","t":"2026-11-20T23:30:00.000Z","ms":0,"session":"x","title":"Quick reset","file":"reset.json","steps":1}\n'
 '{"event":"step_end","t":"2026-11-20T23:31:00.000Z","ms":60000,"session":"x","index":1,"kind":"compression","target":"calves","side":"left","reason":"elapsed","planned_s":60,"actual_ms":60000}\n'
 '{"event":"session_end","t":"2026-11-20T23:31:00.000Z","ms":60000,"session":"x","outcome":"completed"}\n')
EOF
d_utc=$("$UNKNOT" --export csv --journal "$tmp/late.jsonl" | sed -n 2p | cut -d, -f1)
d_cet=$(TZ=CET-1 "$UNKNOT" --export csv --journal "$tmp/late.jsonl" | sed -n 2p | cut -d, -f1)
[ "$d_utc" = 2026-11-20 ] && [ "$d_cet" = 2026-11-21 ]
check "days are local days ($d_utc UTC, $d_cet UTC+1)" $?

# A missing journal is an empty history; an unreadable one is an error.
"$UNKNOT" --history --json --journal "$tmp/none.jsonl" | python3 -c '
import json, sys; j = json.load(sys.stdin); sys.exit(0 if j["journal"]["missing"] and j["totals"]["sessions"] == 0 and j["last_comparison"] is None else 1)'
check "missing journal is an empty history" $?
[ "$("$UNKNOT" --export csv --journal "$tmp/none.jsonl" | wc -l)" = 1 ]
check "missing journal exports only the header" $?
"$UNKNOT" --history --journal "$tmp" >/dev/null 2>"$tmp/err"
[ $? = 1 ] && grep -q "$tmp" "$tmp/err"
check "unreadable journal exits 1 naming it" $?

# Without --journal: the profile's journal under XDG_STATE_HOME (config "profile").
mkdir -p "$XDG_STATE_HOME/unknot" "$XDG_CONFIG_HOME/unknot"
cp "$tmp/late.jsonl" "$XDG_STATE_HOME/unknot/journal-anna.jsonl"
cp "$tmp/journal.jsonl" "$XDG_STATE_HOME/unknot/journal.jsonl"
n=$("$UNKNOT" --export csv 2>/dev/null | wc -l)
[ "$n" = 19 ]
check "default journal path ($n lines)" $?
echo '{ "profile": "anna" }' >"$XDG_CONFIG_HOME/unknot/config.json"
n=$("$UNKNOT" --export csv 2>/dev/null | wc -l)
[ "$n" = 2 ]
check "the config's profile picks its own journal ($n lines)" $?

# The real writer: two --simulate runs of the neck routine into one journal
# (wall clock "now": no UNKNOT_NOW), read back. The second releases the first
# hold 10 s sooner and marks no discomfort.
routine=routines/neck-tension-headache.json
if [ -f "$routine" ]; then
	printf '1.0 pedal down\n1.1 pedal up\n20.0 pedal down\n21.0 pedal up\n40.0 pedal down\n40.1 pedal up\n' >"$tmp/in1"
	printf '1.0 pedal down\n1.1 pedal up\n30.0 pedal down\n30.1 pedal up\n' >"$tmp/in2"
	"$UNKNOT" --simulate "$routine" --input "$tmp/in1" --journal "$tmp/sim.jsonl" >/dev/null 2>&1 &&
	"$UNKNOT" --simulate "$routine" --input "$tmp/in2" --journal "$tmp/sim.jsonl" >/dev/null 2>&1
	check "simulate writes a journal for the reader" $?
	env -u UNKNOT_NOW "$UNKNOT" --history --json --journal "$tmp/sim.jsonl" >"$tmp/sim.json" 2>"$tmp/sim.err"
	python3 - "$tmp/sim.json" "$tmp/sim.err" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
err = open(sys.argv[2]).read()
def ok(name, cond):
    print(("ok " if cond else "not ok ") + name)
t = j["totals"]
ok("simulated sessions read back", t["sessions"] == 2 and t["completed"] == 2 and t["discomfort"] == 1
   and j["journal"]["bad"] == 0 and j["journal"]["foreign"] == 0 and not err)
ok("simulated sessions are today's", j["today_counts"] == {"sessions": 2, "completed": 2} and j["streak_days"] == 1)
c = j["last_comparison"] or {}
ok("simulated comparison: %s" % c.get("text"), c.get("text") == "ended the upper trapezius hold 10 s earlier, 1 discomfort fewer")
EOF
	rows=$("$UNKNOT" --export csv --journal "$tmp/sim.jsonl" | tail -n +2 | wc -l)
	steps=$(grep -c '"event":"step_end"' "$tmp/sim.jsonl")
	[ "$rows" = "$steps" ] && [ "$rows" -gt 0 ]
	check "export has one row per simulated step_end ($rows)" $?
fi
exit 0
