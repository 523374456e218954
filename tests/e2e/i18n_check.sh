#!/bin/sh
# --check in the user's language (issue 21): under LANGUAGE=de, es and fr
# every error and warning of a broken routine (and of a broken config) is
# translated behind the very same FILE:LINE:COL: PATH: prefix as in English;
# with no language set the English text is byte for byte what it was
# (want.txt below is the output of the build before the messages became
# translatable).
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/checks.sh"
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt (gettext) is needed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset LANGUAGE LC_ALL LC_MESSAGES LANG
cd "$T" || exit 1

# One file, many kinds of mistake (each message of src/core: a format with
# values, words of the message such as "a string" and "seconds", a warning).
cat >bad.json <<'EOF'
{"format": 1, "title": "x", "tittle": 2,
 "steps": [{"kind": "compresion", "duration_s": 60},
  {"kind": "stretch", "duration_s": "60", "sides": ["rihgt"]},
  {"kind": "rest", "duration_s": 2.5, "tool": "ball"},
  {"kind": "compression", "tool": "ball", "target": "scalenes", "duration_s": 120},
  {"kind": "repeat", "steps": [{"kind": "rest", "duration_s": 5}]}]}
EOF
printf '{"title": "x",}' >comma.json
printf "{'title': 1}" >quote.json
printf '{"format": 01}' >zero.json
printf '{"title": "x"} junk' >junk.json
printf '' >empty.json
printf '{ "volume": "loud" }\n' >cfg.json
files="bad.json comma.json quote.json zero.json junk.json empty.json"

# shellcheck disable=SC2086
"$UNKNOT" --check $files 2>en.txt >/dev/null
cat >want.txt <<'EOF'
bad.json:1:29: tittle: unknown key "tittle" (did you mean "title"?)
bad.json:2:21: steps[0].kind: "compresion" is not a kind (compression, rolling, stretch, rest, repeat)
bad.json:3:37: steps[1].duration_s: must be a whole number of seconds (1-900), not a string
bad.json:3:53: steps[1].sides[0]: "rihgt" is not a side (left, right)
bad.json:4:34: steps[2].duration_s: 2.5 is not a whole number of seconds (1-900)
bad.json:4:39: steps[2].tool: a rest takes no tool (only compression and rolling do)
bad.json:5:53: steps[3].target: warning: "scalenes" is not safe to press (the brachial plexus and subclavian artery pass between them): stretch it instead
bad.json:5:79: steps[3].duration_s: warning: a 120 s compression is outside the usual 30-90 s
bad.json:6:3: steps[4].times: missing "times"; a repeat needs how often (1-50)
comma.json:1:15: invalid JSON: trailing comma before '}'
quote.json:1:2: invalid JSON: strings need double quotes, not single quotes
zero.json:1:12: format: invalid JSON: numbers must not start with 0 (write 7, not 07)
junk.json:1:16: invalid JSON: unexpected text after the end of the JSON value
empty.json:1:1: invalid JSON: the file is empty
EOF
check "English: every message as before, byte for byte" 'cmp -s en.txt want.txt'
cmp -s en.txt want.txt || diff want.txt en.txt | head -20

# The place of each line: "FILE:LINE:COL: PATH: " (no PATH at the root).
prefixes() { sed 's/^\([^:]*:[0-9]*:[0-9]*: \)\([a-z_][a-z0-9_.]*\(\[[0-9]*\][a-z0-9_.]*\)*: \)\{0,1\}.*/\1\2/' "$1"; }
prefixes en.txt >en.pre
for l in de es fr; do
	# shellcheck disable=SC2086
	LANGUAGE=$l "$UNKNOT" --check $files 2>"$l.txt" >/dev/null
	prefixes "$l.txt" >"$l.pre"
	check "$l: as many lines as in English" '[ "$(wc -l <"$l.txt")" -eq "$(wc -l <en.txt)" ]'
	check "$l: every line keeps its FILE:LINE:COL: PATH: prefix" 'cmp -s "$l.pre" en.pre'
	check "$l: no line left in English" '! grep -qxFf en.txt "$l.txt"'
	check "$l: the values from the file are kept (\"rihgt\", 2.5, 0x)" \
		'grep -q "\"rihgt\"" "$l.txt" && grep -q "2\.5" "$l.txt" && grep -q "scalenes" "$l.txt"'
done
echo "# $(grep sides de.txt)"
check "de: a side in German" 'grep -qx "bad.json:3:53: steps\[1\].sides\[0\]: \"rihgt\" ist keine Seite (left, right)" de.txt'
check "de: words of a message translated with it (seconds, a string)" \
	'grep -qx "bad.json:3:37: steps\[1\].duration_s: muss eine ganze Zahl sein (1-900 Sekunden; gefunden: ein Text)" de.txt'
check "de: a warning keeps its place, its label translated" \
	'grep -q "^bad.json:5:79: steps\[3\].duration_s: Warnung: eine Kompression von 120 s" de.txt'
check "de: a syntax error" 'grep -qx "comma.json:1:15: ungültiges JSON: überzähliges Komma vor .}." de.txt'
check "es: a side in Spanish" 'grep -qx "bad.json:3:53: steps\[1\].sides\[0\]: \"rihgt\" no es un lado (left, right)" es.txt'
check "es: a syntax error" 'grep -qx "empty.json:1:1: JSON no válido: el archivo está vacío" es.txt'
check "fr: a side in French" 'grep -qx "bad.json:3:53: steps\[1\].sides\[0\]: \"rihgt\" n.est pas un côté (left, right)" fr.txt'
check "fr: a syntax error" 'grep -qx "zero.json:1:12: format: JSON non valide : un nombre ne doit pas commencer par 0 (écrivez 7, pas 07)" fr.txt'

# A config error (read by --history) in the same shape.
out=$("$UNKNOT" --history --config cfg.json --journal none.jsonl 2>&1)
check "English config error as before" '[ "$out" = "unknot: cfg.json:1:13: volume: expected a whole number (0..100)" ]'
out=$(LANGUAGE=de "$UNKNOT" --history --config cfg.json --journal none.jsonl 2>&1)
check "de: a config error in German, same place" '[ "$out" = "unknot: cfg.json:1:13: volume: erwartet eine ganze Zahl (0..100)" ]'
# A message core takes from another module (the profile name's rule, the
# broker URL's), translated as a whole.
printf '{ "profile": "a/b" }\n' >prof.json
out=$(LANGUAGE=de "$UNKNOT" --history --config prof.json --journal none.jsonl 2>&1)
echo "# $out"
check "de: the profile name's rule in German" \
	'echo "$out" | grep -q "^unknot: prof.json:1:14: profile: " && ! echo "$out" | grep -q "may not hold"'
printf '{ "fleet": { "broker": "http://x", "site": "a", "station": "b" } }\n' >fleet.json
out=$(LANGUAGE=fr "$UNKNOT" --history --config fleet.json --journal none.jsonl 2>&1)
check "fr: the broker URL's rule in French" \
	'[ "$out" = "unknot: fleet.json:1:24: fleet.broker: mqtt://HÔTE[:PORT] ou mqtts://HÔTE[:PORT] attendu" ]'
exit $fail
