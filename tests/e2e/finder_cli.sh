#!/bin/sh
# The pain finder on the command line (issue 20): unknot --areas, --suggest
# [--json] and --build-routine, as a user or a script runs them: the area
# vocabulary, the ranking's textbook answers, the JSON contract, the built
# routine (valid under --check with no warning, compression then stretch of
# the same muscle and side, holds 30-90 s, fitted to --minutes) and every bad
# input (exit 1, a message on stderr naming it).
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
. tests/checks.sh

tmp=$(mktemp -d) || exit 1
trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT

# run CMD...: exit status in $rc, stdout in $tmp/out, stderr in $tmp/err
run() { "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }

# --areas: every id the issue lists, one a line, nothing else
run "$UNKNOT" --areas
check "areas exit 0" '[ $rc = 0 ] && [ ! -s "$tmp/err" ]'
want="temple forehead behind-eye back-of-head jaw ear side-of-neck back-of-neck top-of-shoulder
front-of-shoulder back-of-shoulder between-shoulder-blades chest upper-arm outer-elbow inner-elbow forearm
back-of-hand palm upper-back low-back sacrum buttock side-of-hip groin front-of-thigh outer-thigh
back-of-thigh front-of-knee back-of-knee shin calf ankle heel sole top-of-foot"
check "areas are the issue's ids, one a line" \
	'[ "$(echo $want | tr " " "\n" | sort)" = "$(sort "$tmp/out")" ]'

# --suggest, text: the textbook muscles first
run "$UNKNOT" --suggest temple
check "suggest temple exit 0" '[ $rc = 0 ] && [ ! -s "$tmp/err" ]'
check "suggest temple: temporalis and upper trapezius are 1 and 2" \
	'head -4 "$tmp/out" | grep -q "^ 1\. temporalis" && grep -q "^ 2\. upper trapezius" "$tmp/out"'
check "suggest temple: the sternocleidomastoid is stretch only" \
	'grep -q "sternocleidomastoid (stretch only" "$tmp/out"'

# --suggest --json: the contract
suggest_json() { # NAME PYTHON_ASSERTIONS AREA...
	name=$1 code=$2; shift 2
	"$UNKNOT" --suggest "$@" --json >"$tmp/json" 2>"$tmp/err"
	if [ $? = 0 ] && python3 -c "
import json, os, sys
d = json.load(open(sys.argv[1]))
m = d['muscles']
top = [x['target'] for x in m[:5]]
$code
" "$tmp/json" 2>"$tmp/pyerr"; then ok "$name"; else nok "$name"; sed 's/^/  /' "$tmp/err" "$tmp/pyerr"; fi
}
suggest_json "json: keys, ranks from 1, one entry per muscle" "
assert d['areas'] == ['low-back:left', 'low-back:right', 'buttock']
assert [x['rank'] for x in m] == list(range(1, len(m) + 1))
assert len({x['target'] for x in m}) == len(m)
for x in m:
    assert isinstance(x['self_treatable'], bool) and isinstance(x['zones'], list) and x['zones']
    assert all(isinstance(r, str) and r.endswith('.json') for r in x['routines'])
assert {'gluteus medius', 'quadratus lumborum'} <= set(top[:3]) and 'iliopsoas' in top, top
" low-back:left low-back:right buttock
suggest_json "json: the routines listed treat that target, spelt as the routines spell it" "
for x in m:
    for r in x['routines']:
        steps = json.dumps(json.load(open(os.path.join('routines', r))))
        assert '\"target\": \"%s\"' % x['target'] in steps, (x['target'], r)
assert [x for x in m if x['target'] == 'hamstrings'][0]['routines'] == ['buttock-back-of-thigh.json', 'runners-legs.json']
" back-of-knee back-of-thigh
suggest_json "json: the four not-for-a-ball muscles are not self-treatable" "
flags = {x['target']: x['self_treatable'] for x in m}
for t in ('sternocleidomastoid', 'scalenes', 'iliopsoas', 'pectoralis minor'):
    assert flags[t] is False, t
assert flags['pectoralis major'] is True and flags['infraspinatus'] is True
" forehead chest low-back front-of-shoulder
# every muscle a bundled routine treats is known to the finder
all_areas=$("$UNKNOT" --areas | tr '\n' ' ')
targets=$(python3 -c "
import glob, json
def walk(steps):
    for s in steps:
        if 'target' in s: yield s['target']
        yield from walk(s.get('steps', []))
print('\n'.join(sorted({t for f in glob.glob('routines/*.json') if not f.endswith('schema.json') for t in walk(json.load(open(f))['steps'])})))")
"$UNKNOT" --suggest $all_areas --json >"$tmp/all.json" 2>"$tmp/err"
missing=$(echo "$targets" | python3 -c "
import json, sys
known = {x['target'] for x in json.load(open(sys.argv[1]))['muscles']}
print(' '.join(t for t in sys.stdin.read().split('\\n') if t and t not in known))" "$tmp/all.json")
check "every bundled routine's target is a finder muscle" '[ -n "$targets" ] && [ -z "$missing" ]'
[ -z "$missing" ] || echo "  missing: $missing"

# the textbook top five (the unit test has the full table; these as a user types them)
for c in "temple upper trapezius" "back-of-head suboccipitals" "jaw masseter" "low-back quadratus lumborum" \
	"buttock gluteus medius" "outer-thigh tensor fasciae latae" "heel soleus" "front-of-shoulder infraspinatus" \
	"outer-elbow forearm extensors" "between-shoulder-blades rhomboids" "back-of-knee hamstrings" \
	"shin tibialis anterior"; do
	area=${c%% *} muscle=${c#* }
	check "suggest $area: $muscle in the top five" \
		'"$UNKNOT" --suggest "$area:right" | grep -E "^ [1-5]\. " | grep -q "\. $muscle[:( ]"'
done

# bad input: exit 1, a message naming it, nothing on stdout
run "$UNKNOT" --suggest temple knee
check "unknown area: exit 1, named, nearest ids offered" \
	'[ $rc = 1 ] && [ ! -s "$tmp/out" ] && grep -q "knee" "$tmp/err" && grep -q "front-of-knee" "$tmp/err" && grep -q "back-of-knee" "$tmp/err"'
run "$UNKNOT" --suggest tempel --json
check "misspelt area: the nearest id is offered" '[ $rc = 1 ] && grep -q "tempel.*temple" "$tmp/err"'
run "$UNKNOT" --suggest jaw:middle
check "bad side: exit 1, says left or right" '[ $rc = 1 ] && grep -q "jaw:middle" "$tmp/err" && grep -q "left or right" "$tmp/err"'
run "$UNKNOT" --suggest
check "no area: usage error" '[ $rc = 2 ]'

# --build-routine: valid, no warning, paired, fitted
build_ok() { # NAME MINUTES AREA...
	name=$1 mins=$2; shift 2
	rm -f "$tmp/r.json"
	if [ "$mins" = - ]; then run "$UNKNOT" --build-routine "$@" -o "$tmp/r.json"; mins=8
	else run "$UNKNOT" --build-routine "$@" -o "$tmp/r.json" --minutes "$mins"; fi
	[ $rc = 0 ] || { nok "$name: exit $rc"; sed 's/^/  /' "$tmp/err"; return; }
	run "$UNKNOT" --check "$tmp/r.json"
	[ $rc = 0 ] && [ ! -s "$tmp/err" ] || { nok "$name: --check exit $rc"; sed 's/^/  /' "$tmp/err"; return; }
	"$UNKNOT" --plan "$tmp/r.json" --json >"$tmp/plan.json" || { nok "$name: --plan"; return; }
	if python3 - "$tmp/plan.json" "$tmp/r.json" "$mins" "$WANT_SIDES" 2>"$tmp/pyerr" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1])); src = json.load(open(sys.argv[2])); mins = int(sys.argv[3])
steps = plan['steps'] if isinstance(plan, dict) and 'steps' in plan else plan['timeline']
timed = [s for s in steps if s['kind'] != 'transition']
total = sum(s['duration_s'] for s in steps)
assert total <= mins * 60, total
assert any(s['kind'] == 'compression' for s in timed)
for i, s in enumerate(timed):
    if s['kind'] == 'compression':
        assert 30 <= s['duration_s'] <= 90, s
        n = timed[i + 1]
        assert n['kind'] == 'stretch' and n['target'] == s['target'] and n['side'] == s['side'], (s, n)
        assert s['target'] not in ('sternocleidomastoid', 'scalenes', 'iliopsoas', 'pectoralis minor')
for s in steps:
    if s['kind'] == 'transition':
        assert s['duration_s'] >= 8, s
def walk(st):
    for s in st:
        yield s
        yield from walk(s.get('steps', []))
for s in walk(src['steps']):
    if s['kind'] == 'compression':
        assert s.get('placement') and s.get('refers_to') and s.get('tool'), s
        assert '5-7' in s['text'] or '3-5' in s['text'] or 'gentl' in s['text'].lower() or 'out of 10' in s['text'], s['text']
if sys.argv[4]:
    assert {s['side'] for s in timed} == {sys.argv[4]}, {s['side'] for s in timed}
PY
	then ok "$name"; else nok "$name"; sed 's/^/  /' "$tmp/pyerr"; fi
}
WANT_SIDES= build_ok "build temple jaw (default 8 min)" - temple jaw
WANT_SIDES=left build_ok "build heel:left: the left side only" 8 heel:left
WANT_SIDES=right build_ok "build low-back:right, 12 min" 12 low-back:right
WANT_SIDES= build_ok "build front-of-shoulder chest: never a stretch-only muscle under a ball" 10 front-of-shoulder chest
WANT_SIDES= build_ok "build buttock outer-thigh back-of-knee, 20 min" 20 buttock outer-thigh back-of-knee
WANT_SIDES= build_ok "build outer-elbow, 5 min" 5 outer-elbow

run "$UNKNOT" --build-routine low-back -o "$tmp/long.json" --minutes 20
"$UNKNOT" --build-routine low-back -o "$tmp/short.json" --minutes 6 2>/dev/null
check "a longer --minutes gives a longer routine" \
	'[ $rc = 0 ] && [ "$(python3 -c "import json,sys; print(sum(1 for l in open(sys.argv[1]) if \"duration_s\" in l) >= sum(1 for l in open(sys.argv[2]) if \"duration_s\" in l))" "$tmp/long.json" "$tmp/short.json")" = True ] &&
	 "$UNKNOT" --plan "$tmp/long.json" | tail -1 >/dev/null'
l=$("$UNKNOT" --check "$tmp/long.json" | sed 's/.*, //') s=$("$UNKNOT" --check "$tmp/short.json" | sed 's/.*, //')
check "--minutes 20 runs 15-20 min, --minutes 6 at most 6 ($l, $s)" \
	'case $l in 1[5-9]:*|20:00) true;; *) false;; esac && case $s in [3-5]:*|6:00) true;; *) false;; esac'

for m in 0 4 21 abc 8x ""; do
	run "$UNKNOT" --build-routine temple -o "$tmp/m.json" --minutes "$m"
	check "--minutes '$m' is out of range: exit 1, no file" \
		'[ $rc = 1 ] && grep -q "minutes" "$tmp/err" && [ ! -e "$tmp/m.json" ]'
done
run "$UNKNOT" --build-routine temple:left low-back temple:left -o "$tmp/a.json"
check "build: the routine names the areas it was built for, each once (the pain check reads them)" \
	'[ $rc = 0 ] && python3 -c "import json,sys; assert json.load(open(sys.argv[1]))[\"areas\"] == [\"temple:left\", \"low-back\"]" "$tmp/a.json"'
run "$UNKNOT" --build-routine knee -o "$tmp/k.json"
check "build: unknown area exit 1, nearest ids, no file" \
	'[ $rc = 1 ] && grep -q "front-of-knee" "$tmp/err" && [ ! -e "$tmp/k.json" ]'
run "$UNKNOT" --build-routine heel:both -o "$tmp/k.json"
check "build: bad side exit 1, no file" '[ $rc = 1 ] && grep -q "left or right" "$tmp/err" && [ ! -e "$tmp/k.json" ]'
run "$UNKNOT" --build-routine heel -o "$tmp/no/such/dir/r.json"
check "build: unwritable -o is exit 1 naming the file" '[ $rc = 1 ] && grep -q "no/such/dir/r.json" "$tmp/err"'
mkdir "$tmp/ro" && chmod a-w "$tmp/ro"
if [ "$(id -u)" != 0 ]; then
	run "$UNKNOT" --build-routine heel -o "$tmp/ro/r.json"
	check "build: a read-only folder is exit 1" '[ $rc = 1 ] && grep -q "ro/r.json" "$tmp/err"'
fi
run "$UNKNOT" --build-routine heel
check "build without -o: usage error" '[ $rc = 2 ]'
run "$UNKNOT" --suggest heel -o "$tmp/x.json"
check "-o only with --build-routine" '[ $rc = 2 ]'
exit $fail
