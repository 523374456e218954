#!/bin/sh
# The bundled routines, held to the library's rules (issue 7) through the real
# binary: each passes `unknot --check` without a warning; its timeline
# (`unknot --plan --json`) lasts 5-20 minutes; compression holds (and the caps
# of user-paced ones) stay within 30-90 s; every compression has a refers_to,
# says how hard to press and to breathe, and is followed by a stretch of the
# same muscle before another muscle is pressed (on the same side, right
# after the hold: issue 18); cautions come on the get-ready; no compression of
# a muscle that is not safe under a ball, and --check warns on one; every
# target has a region on the body map (assets/bodymap.json, same matching as
# src/core/bodymap.c).
# Run from the repository root with UNKNOT set (tests/run_all.sh does that).
command -v python3 >/dev/null 2>&1 || { echo "python3 is not installed"; exit 77; }
: "${UNKNOT:?UNKNOT must point to the unknot binary}"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

files=$(ls routines/*.json | grep -v '/schema\.json$')
n=0
for f in $files; do
	n=$((n + 1))
	name=$(basename "$f" .json)
	if "$UNKNOT" --check "$f" >"$tmp/out" 2>"$tmp/err" && grep -q ': ok "' "$tmp/out" &&
	   ! [ -s "$tmp/err" ]; then
		echo "ok check $name"
	else
		echo "not ok check $name"; cat "$tmp/out" "$tmp/err"
	fi
	# routines/README.md lists every routine with its current length
	len=$(sed -n 's/.*, \([0-9]*:[0-9][0-9]\)$/\1/p' "$tmp/out")
	if [ -n "$len" ] && grep -q "^| \`$name.json\` |.*| $len |\$" routines/README.md; then
		echo "ok readme lists $name ($len)"
	else
		echo "not ok readme lists $name with its length ${len:-?}"
	fi
	if "$UNKNOT" --plan "$f" --json >"$tmp/$name.plan.json" 2>"$tmp/err"; then
		echo "ok plan $name"
	else
		echo "not ok plan $name"; cat "$tmp/err"
	fi
done
if [ "$n" -ge 16 ]; then echo "ok at least sixteen routines ($n)"; else echo "not ok at least sixteen routines ($n)"; fi

# The muscles that are not safe under a ball (issue 18): a compression of
# each, by name or alias, gets a --check warning that says why; a stretch of
# them does not.
for t in sternocleidomastoid SCM scalenes "anterior scalene" psoas iliopsoas "hip flexors" "pectoralis minor"; do
	printf '{"format": 1, "title": "x", "steps": [{"kind": "compression", "tool": "ball", "target": "%s", "duration_s": 30}, {"kind": "stretch", "target": "%s", "duration_s": 30}]}\n' "$t" "$t" >"$tmp/unsafe.json"
	"$UNKNOT" --check "$tmp/unsafe.json" >/dev/null 2>"$tmp/err"
	if [ "$(grep -c 'warning: .* is not safe to press (.*): stretch it instead' "$tmp/err")" = 1 ] &&
	   grep -q '^[^:]*:1:[0-9]*: steps\[0\]\.target: ' "$tmp/err"; then
		echo "ok --check warns on a compression of $t (and not on its stretch)"
	else
		echo "not ok --check warns on a compression of $t"; cat "$tmp/err"
	fi
done

# The new routines of issue 18, with the targets spelt as the issue spells them.
for spec in "headache-base-of-skull:suboccipitals,temporalis,upper trapezius" \
	"elbow-forearm:forearm extensors,forearm flexors" "outer-hip:tensor fasciae latae,gluteus maximus" \
	"shins-lower-calf:soleus,tibialis anterior" "buttock-back-of-thigh:gluteus maximus,hamstrings"; do
	f=routines/${spec%%:*}.json
	miss=$(python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
def walk(s):
    for x in s:
        yield x
        yield from walk(x.get("steps", []))
have={x.get("target") for x in walk(d["steps"]) if x["kind"]=="compression"}
print(",".join(t for t in sys.argv[2].split(",") if t not in have))' "$f" "${spec#*:}" 2>&1)
	if [ -z "$miss" ]; then echo "ok $f presses ${spec#*:}"; else echo "not ok $f presses ${spec#*:} (missing: $miss)"; fi
done

python3 - "$tmp" $files <<'EOF'
import json, os, re, sys

tmp, files = sys.argv[1], sys.argv[2:]

def norm(s):
    return re.sub(r"[\s_-]+", " ", s).strip().lower()

bodymap = json.load(open("assets/bodymap.json"))
names = {}
for r in bodymap["regions"]:
    for n in [r["name"]] + r.get("aliases", []):
        names[norm(n)] = r

def report(ok, what, why=""):
    print(("ok " if ok else "not ok ") + what + ("" if ok or not why else "\n# " + why))

def file_steps(steps):
    for s in steps:
        yield s
        if s.get("kind") == "repeat":
            yield from file_steps(s["steps"])

NOT_FOR_A_BALL = {"sternocleidomastoid", "scm", "scalenes", "scalene", "psoas", "iliopsoas", "hip flexors",
                  "pectoralis minor"}
seen = {"tap_min": False, "cues": False, "repeat": False, "sides": False}
for f in files:
    name = os.path.splitext(os.path.basename(f))[0]
    doc = json.load(open(f))
    try:
        plan = json.load(open(os.path.join(tmp, name + ".plan.json")))
    except (OSError, ValueError) as e:
        report(False, name + ": plan readable", str(e))
        continue
    total = plan["total_s"]
    report(300 <= total <= 1200, "%s: lasts 5-20 min (%d:%02d)" % (name, total // 60, total % 60))
    tr = doc.get("defaults", {}).get("transition_s", 0)
    report(5 <= tr <= 10, "%s: 5-10 s transitions to reposition (%s)" % (name, tr))

    steps = plan["steps"]
    holds = [s for s in steps if s["kind"] == "compression"]
    bad = ["#%d %ds" % (s["index"], s["duration_s"]) for s in holds if not 30 <= s["duration_s"] <= 90]
    report(holds and not bad, "%s: compression holds within 30-90 s" % name, ", ".join(bad) or "no compression")

    # Stretch what you pressed before pressing something else.
    unstretched = []
    for i, s in enumerate(steps):
        if s["kind"] != "compression":
            continue
        t = norm(s["target"] or "")
        for later in steps[i + 1:]:
            lt = norm(later["target"] or "")
            if later["kind"] == "stretch" and lt == t:
                break
            if later["kind"] == "compression" and lt != t:
                unstretched.append("#%d %s" % (s["index"], t))
                break
        else:
            unstretched.append("#%d %s" % (s["index"], t))
    report(not unstretched, "%s: every compression is followed by a stretch of that muscle" % name,
           ", ".join(sorted(set(unstretched))))

    # Per-side pairing (issue 18): a compression on one side is followed (past
    # its get-ready) by the stretch of the same muscle on the same side, so the
    # muscle is stretched right after its own hold and "the side you just
    # treated" is the right side.
    unpaired = []
    timed = [s for s in steps if s["kind"] != "transition"]
    for i, s in enumerate(timed):
        if s["kind"] != "compression":
            continue
        nxt = timed[i + 1] if i + 1 < len(timed) else None
        if not (nxt and nxt["kind"] == "stretch" and norm(nxt["target"] or "") == norm(s["target"] or "")
                and nxt["side"] == s["side"]):
            unpaired.append("#%d %s %s -> %s" % (s["index"], s["target"], s["side"],
                            nxt and "%s %s %s" % (nxt["kind"], nxt["target"], nxt["side"])))
    report(not unpaired, "%s: each compression is followed by the same muscle's stretch on the same side" % name,
           "; ".join(unpaired))

    # Caution first: a step's caution is already on its get-ready (shown and
    # spoken before the hold starts), and every compression says where the tool goes.
    late = []
    for i, s in enumerate(steps):
        if s["kind"] in ("compression", "rolling") and s.get("caution"):
            prev = steps[i - 1] if i else None
            if not (prev and prev["kind"] == "transition" and prev.get("caution") == s["caution"]):
                late.append("#%d %s" % (s["index"], s["target"]))
        if s["kind"] == "compression" and not s.get("placement"):
            late.append("#%d %s has no placement" % (s["index"], s["target"]))
    report(not late, "%s: cautions come on the get-ready, before the hold; compressions have a placement" % name,
           ", ".join(late))

    targets = sorted({s["target"] for s in steps if s["target"]})
    missing = [t for t in targets if norm(t) not in names]
    report(not missing, "%s: every target has a body-map region" % name, ", ".join(missing))

    fsteps = list(file_steps(doc["steps"]))
    problems = []
    for s in fsteps:
        kind = s["kind"]
        if kind in ("compression", "rolling", "stretch") and len(s.get("text", "")) < 80:
            problems.append("%s %s: text too thin" % (kind, s.get("target")))
        if kind == "compression":
            text = s.get("text", "").lower()
            if not s.get("refers_to"):
                problems.append("compression %s: no refers_to" % s.get("target"))
            if "out of 10" not in text or "breath" not in text:
                problems.append("compression %s: text lacks pressure (N out of 10) or breathing"
                                % s.get("target"))
        if s.get("ends") == "tap" and s.get("duration_s", 90) > 90:
            problems.append("tap step %s: cap over 90 s" % s.get("target"))
        if s.get("ends") == "tap" and "min_s" in s:
            seen["tap_min"] = True
        if "cues" in s:
            seen["cues"] = True
        if kind == "repeat":
            seen["repeat"] = True
        if "sides" in s:
            seen["sides"] = True
        # A text that names a nerve or a vessel comes with a caution field.
        if kind in ("compression", "rolling") and re.search(r"\b(nerve|artery|vein)s?\b", s.get("text", "")) \
                and not s.get("caution"):
            problems.append("%s %s: names a nerve or vessel but has no caution" % (kind, s.get("target")))
        if kind in ("compression", "rolling") and norm(s.get("target", "")) in NOT_FOR_A_BALL:
            problems.append("%s %s: not safe under a tool" % (kind, s.get("target")))
    report(not problems, "%s: step texts and tap caps" % name, "; ".join(problems))
    # Issue 21: every text field carries German, Spanish and French next to it.
    untranslated = []
    def walk_i18n(o, path):
        if isinstance(o, dict):
            for k, v in o.items():
                if k in ("title", "description", "text", "placement", "caution", "refers_to"):
                    untranslated.extend(path + k + "@" + l for l in ("de", "es", "fr") if k + "@" + l not in o)
                walk_i18n(v, path + k + ".")
        elif isinstance(o, list):
            for i, x in enumerate(o):
                walk_i18n(x, path + "%d." % i)
    walk_i18n(doc, "")
    report(not untranslated, "%s: in German, Spanish and French" % name, ", ".join(untranslated[:5]))

for k, what in (("tap_min", "a user-paced (ends: tap) step with min_s"), ("cues", "a cues override"),
                ("repeat", "a repeat"), ("sides", "sides")):
    report(seen[k], "the library uses " + what)
EOF
