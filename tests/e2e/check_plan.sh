#!/bin/sh
# unknot --check and --plan, as a user or a script runs them: exit codes
# (0 valid, 1 invalid, 2 usage), stdout/stderr split, exact messages, and
# --plan --json parsed by python's json module.
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
D=tests/data/routines

# check NAME EXPECTED_RC CMD...: runs CMD with stdout/stderr to $tmp/out, $tmp/err.
check_rc() {
	name=$1 want=$2; shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ "$rc" = "$want" ]; then echo "ok $name (exit $rc)"
	else echo "not ok $name: exit $rc, wanted $want"; sed 's/^/  stderr: /' "$tmp/err"; fi
}
# same_file NAME FILE EXPECTED_TEXT
same() {
	if [ "$(cat "$2")" = "$3" ]; then echo "ok $1"
	else echo "not ok $1"; echo "  got:"; sed 's/^/    /' "$2"; echo "  wanted:"; printf '%s\n' "$3" | sed 's/^/    /'; fi
}

# A valid file: one line on stdout, nothing on stderr.
check_rc "check good" 0 "$UNKNOT" --check $D/good/neck.json
same "check good stdout" "$tmp/out" "$D/good/neck.json: ok \"Neck & tension headache\", 15 steps, 5:35"
same "check good stderr is empty" "$tmp/err" ""

# Warnings do not fail the check; they go to stderr.
check_rc "check with warnings" 0 "$UNKNOT" --check $D/good/short_hold_warns.json
same "warnings stdout" "$tmp/out" "$D/good/short_hold_warns.json: ok \"Quick taps\", 2 steps, 2:20"
same "warnings stderr" "$tmp/err" "$D/good/short_hold_warns.json:5:85: steps[0].duration_s: warning: a 20 s compression is outside the usual 30-90 s
$D/good/short_hold_warns.json:6:87: steps[1].duration_s: warning: a 120 s compression is outside the usual 30-90 s"

# Minutes past 59 stay minutes.
check_rc "check four hours" 0 "$UNKNOT" --check $D/good/four_hours.json
same "four hours is 240:00" "$tmp/out" "$D/good/four_hours.json: ok \"Exactly four hours\", 16 steps, 240:00"

# Every bad sample: exit 1, nothing on stdout, exactly the expected diagnostics.
for f in $D/bad/*.json; do
	check_rc "check rejects $f" 1 "$UNKNOT" --check "$f"
	same "$f stdout is empty" "$tmp/out" ""
	same "$f diagnostics" "$tmp/err" "$(cat "${f%.json}.expect")"
done

# The example from the issue, word for word.
"$UNKNOT" --check $D/bad/unknown_side.json 2>&1 >/dev/null | grep -qx "$D/bad/unknown_side.json:10:25: steps\[2\].sides\[1\]: \"rihgt\" is not a side (left, right)" \
	&& echo "ok issue example message" || echo "not ok issue example message"

# Good and bad together: the good one is still reported ok; exit 1.
check_rc "check mixed" 1 "$UNKNOT" --check $D/good/minimal.json $D/bad/format_2.json $D/good/neck.json
same "mixed stdout" "$tmp/out" "$D/good/minimal.json: ok \"One minute of rest\", 1 steps, 1:00
$D/good/neck.json: ok \"Neck & tension headache\", 15 steps, 5:35"
same "mixed stderr" "$tmp/err" "$D/bad/format_2.json:2:13: format: 2 is not supported; this unknot reads format 1"

# Files that cannot be read are errors naming the file.
check_rc "check missing file" 1 "$UNKNOT" --check "$tmp/nope.json"
same "missing file message" "$tmp/err" "$tmp/nope.json: cannot read: No such file or directory"
check_rc "check a folder" 1 "$UNKNOT" --check "$tmp"
same "folder message" "$tmp/err" "$tmp: cannot read: Is a directory"
python3 -c 'import sys; sys.stdout.write("{\"format\": 1, \"title\": \"" + "x" * (1024 * 1024) + "\", \"steps\": []}")' > "$tmp/big.json"
check_rc "check file over 1 MiB" 1 "$UNKNOT" --check "$tmp/big.json"
same "big file message" "$tmp/err" "$tmp/big.json: the file is too big (at most 1 MiB)"

# The schema next to the routines is not a routine: --check routines/*.json passes.
check_rc "check skips the schema" 0 "$UNKNOT" --check routines/schema.json $D/good/minimal.json
same "schema skipped on stdout" "$tmp/out" "routines/schema.json: skipped (the routine schema, not a routine)
$D/good/minimal.json: ok \"One minute of rest\", 1 steps, 1:00"
same "schema skip is quiet on stderr" "$tmp/err" ""
# ... but only that schema: another file named schema.json is checked.
cp $D/bad/format_2.json "$tmp/schema.json"
check_rc "check a routine called schema.json" 1 "$UNKNOT" --check "$tmp/schema.json"

# Standard input as "-".
"$UNKNOT" --check - < $D/good/minimal.json >"$tmp/out" 2>"$tmp/err"
same "check stdin" "$tmp/out" "-: ok \"One minute of rest\", 1 steps, 1:00"

# Usage errors exit 2.
check_rc "check without files" 2 "$UNKNOT" --check
check_rc "plan without file" 2 "$UNKNOT" --plan
check_rc "plan with two files" 2 "$UNKNOT" --plan $D/good/neck.json $D/good/minimal.json
check_rc "json with check" 2 "$UNKNOT" --check --json $D/good/neck.json

# --plan text: title, one row per entry, total.
check_rc "plan text" 0 "$UNKNOT" --plan $D/good/neck.json
head -1 "$tmp/out" | grep -qx "Neck & tension headache" && echo "ok plan text title" || echo "not ok plan text title"
grep -q "^Total: 5:35, 15 steps$" "$tmp/out" && echo "ok plan text total" || echo "not ok plan text total"
grep -Eq '^ +2 +0:05 +1:00 +compression +ball +upper trapezius +left$' "$tmp/out" && echo "ok plan text row" || echo "not ok plan text row"
[ "$(grep -cE '^ +[0-9]+ ' "$tmp/out")" = 15 ] && echo "ok plan text has 15 rows" || echo "not ok plan text has 15 rows"
check_rc "plan text of a user-paced routine" 0 "$UNKNOT" --plan $D/good/user_paced.json
grep -q '^\* ends on a tap; shown at its cap$' "$tmp/out" && echo "ok plan marks tap steps" || echo "not ok plan marks tap steps"

# --plan --json: exactly one JSON object with the documented keys.
check_rc "plan json" 0 "$UNKNOT" --plan $D/good/neck.json --json
same "plan json stderr is empty" "$tmp/err" ""
if python3 - "$tmp/out" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
assert list(p) == ["title", "total_s", "steps"], list(p)
assert p["title"] == "Neck & tension headache"
steps = p["steps"]
assert len(steps) == 15
t = 0
for i, s in enumerate(steps):
    assert list(s) == ["index", "start_s", "duration_s", "kind", "tool", "target", "side", "text",
                       "placement", "caution"], list(s)
    assert s["index"] == i + 1 and s["start_s"] == t, s
    t += s["duration_s"]
assert p["total_s"] == t == 335
assert steps[0] == {"index": 1, "start_s": 0, "duration_s": 5, "kind": "transition", "tool": None,
                    "target": "upper trapezius", "side": "left",
                    "text": "Get ready: upper trapezius, left side", "placement": None,
                    "caution": None}, steps[0]
assert steps[1]["kind"] == "compression" and steps[1]["tool"] == "ball" and steps[1]["side"] == "left"
assert steps[2]["side"] == "right" and steps[3]["side"] == "right"
assert steps[4] == {"index": 5, "start_s": 130, "duration_s": 15, "kind": "rest", "tool": None,
                    "target": None, "side": None, "text": None, "placement": None,
                    "caution": None}, steps[4]   # no transition before a rest
kinds = [s["kind"] for s in steps]
assert kinds.count("stretch") == 4 and kinds.count("transition") == 7, kinds
assert steps[14]["kind"] == "rolling" and steps[14]["side"] is None and steps[13]["text"] == "Get ready: thoracic extensors"
PY
then echo "ok plan json content"; else echo "not ok plan json content"; fi

# A per-side block: hold and stretch of one side, then the other; the caution
# and placement in the JSON (the transition carries them) and under the row.
check_rc "plan json per side" 0 "$UNKNOT" --plan $D/good/per_side.json --json
if python3 - "$tmp/out" <<'PY'
import json, sys
steps = json.load(open(sys.argv[1]))["steps"]
got = [(s["kind"], s["side"]) for s in steps if s["kind"] != "transition"]
assert got == [("compression", "left"), ("stretch", "left"), ("compression", "right"),
               ("stretch", "right")], got
assert steps[0]["kind"] == "transition" and steps[0]["caution"].startswith("Stay above and outside")
assert steps[1]["placement"].startswith("On the upper outer buttock") and steps[3]["caution"] is None
PY
then echo "ok plan json per-side order, placement and caution"; else echo "not ok plan json per-side order, placement and caution"; fi
check_rc "plan text per side" 0 "$UNKNOT" --plan $D/good/per_side.json
grep -A2 -E '^ +2 +0:05 +1:00 +compression +ball +piriformis +left$' "$tmp/out" | sed -n 2p |
	grep -qx '      caution: Stay above and outside the middle of the buttock: the sciatic nerve runs there.' \
	&& echo "ok plan text shows the caution under the step" || { echo "not ok plan text shows the caution under the step"; cat "$tmp/out"; }

# Escaping: quotes, tabs, non-ASCII and an escaped emoji survive the round trip.
check_rc "plan json unicode" 0 "$UNKNOT" --plan $D/good/unicode.json --json
if python3 - "$tmp/out" <<'PY'
import json, sys
p = json.load(open(sys.argv[1], encoding="utf-8"))
assert p["title"] == "Nacken & Kiefer \u2014 sanft", p["title"]
s = p["steps"][0]
assert s["target"] == "M\u00e4sseter"
assert s["text"] == "Mit zwei Fingern sanft dr\u00fccken. \"Loslassen\" \u2013 atmen. \U0001F60C \U0001F60C", repr(s["text"])
assert p["steps"][1]["text"] == "Tab\tand\nnewline escapes"
PY
then echo "ok plan json escaping"; else echo "not ok plan json escaping"; fi

# An invalid routine: exit 1, nothing on stdout (a script can trust stdout).
check_rc "plan of a bad file" 1 "$UNKNOT" --plan $D/bad/unknown_side.json --json
same "plan of a bad file prints nothing" "$tmp/out" ""
