#!/bin/sh
# Spoken guidance in the user's language (issue 21): the real binary loads a
# routine whose step has a caution and a placement, translated into some
# languages, and renders its announcements with espeak-ng (UNKNOT_TRACE logs
# each sentence the voice says: "speech LANG: ..."). Checked, per language:
#   - the voice is that language's, and its sentences are the catalogue's;
#   - the caution and placement are the routine's translation, never the
#     English text, and fall back to the routine's own words per field;
#   - a language with a catalogue but no espeak-ng voice: no words, tones
#     (heard in a real-time recording), and it is said once in the log.
# The announcements are rendered when the routine starts: --fast runs take
# well under a second; the tone run lasts ~6 s of real time.
name=speech_language
. "$(dirname "$0")/../checks.sh"
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
locale=${BUILD:-$here/build}/locale
[ -d "$locale/de/LC_MESSAGES" ] || { echo "skip: no catalogues in $locale (make)"; exit 77; }
command -v msgfmt >/dev/null || { echo "skip: msgfmt (gettext) is not installed"; exit 77; }
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
unset LANGUAGE LC_ALL LC_MESSAGES LANG

cat >"$T/routine.json" <<'JSON'
{ "format": 1, "title": "spoken language",
  "defaults": { "transition_s": 3, "cues": { "countdown_s": 1 } },
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "infraspinatus", "sides": ["left"],
      "duration_s": 100,
      "caution": "Keep the ball off the armpit.",
      "caution@de": "Den Ball aus der Achselhöhle heraushalten.",
      "caution@fr": "Gardez la balle hors de l'aisselle.",
      "placement": "Just below the spine of the shoulder blade.",
      "placement@de": "Knapp unter der Schulterblattgräte.",
      "placement@es": "Justo debajo de la espina de la escápula." } ] }
JSON
# a language with a catalogue and no espeak-ng voice
mkdir -p "$T/locale"
cp -r "$locale"/. "$T/locale/"
mkdir -p "$T/locale/xx/LC_MESSAGES"
printf 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "Settings"\nmsgstr "Xettings"\n' >"$T/xx.po"
msgfmt -o "$T/locale/xx/LC_MESSAGES/unknot.mo" "$T/xx.po"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
printf '1.000 pedal down\n1.100 pedal up\n' >"$T/start"

# run LANG [fast|real] [SECONDS]: the routine started, stderr in $T/LANG.err
run() {
	fast=--fast input="$T/start"
	if [ "$2" = real ]; then
		fast= input="$T/real"
		printf '1.000 pedal down\n1.100 pedal up\n%s.000 pedal down\n%s.100 pedal up\n' "$3" "$3" >"$input"
	fi
	(cd "$T" && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state-$1" HOME="$T" \
	 UNKNOT_LOCALEDIR="$T/locale" LANGUAGE="$1" UNKNOT_TRACE=1 \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$T/$1.raw" \
	 UNKNOT_AUDIO_LOG="$T/$1.log" \
	 "$UNKNOT" --size 800x480 $fast --input "$input" "$T/routine.json" >"$T/$1.out" 2>"$T/$1.err")
	rc=$?
	check "$1: unknot exits 0" '[ $rc = 0 ]'
}

run en
if ! grep -q '^speech yes' "$T/en.log" 2>/dev/null; then
	echo "# built without espeak-ng (or no audio): nothing is spoken"; exit 77
fi
check "en: the routine's own caution and placement said" \
	'grep -qi "^unknot: speech en: .*Keep the ball off the armpit.*just below the spine of the shoulder blade" "$T/en.err"'

# said: LANG: the sentences the voice of LANG says, one a line
said() {
	sed -n "s/^unknot: speech $1: //p" "$T/$1.err"
}
for l in de es fr; do
	run "$l"
	said "$l" >"$T/$l.said"
	sed 's/^/# '"$l"' says: /' "$T/$l.said"
	check "$l: the announcements are said in the $l voice" '[ -s "$T/$l.said" ]'
	# (fr has no French placement: it says the routine's own)
	[ "$l" = fr ] || check "$l: no English placement said" '! grep -q "spine of the shoulder blade" "$T/$l.said"'
done
check "de: the German caution and placement" \
	'grep -q "Vorsicht: Den Ball aus der Achselhöhle heraushalten.*knapp unter der Schulterblattgräte" "$T/de.said"'
check "de: not the English caution" '! grep -q "armpit" "$T/de.said"'
check "de: German sentences (side, tool, duration)" \
	'grep -q "linke Seite.*nimm den Massageball.*eine Minute und 40 Sekunden" "$T/de.said"'
check "es: the muscle's Spanish name, the Spanish placement; no Spanish caution: the routine's own" \
	'grep -q "Precaución: Keep the ball off the armpit.*infraespinoso, lado izquierdo.*justo debajo de la espina de la escápula.*un minuto y 40 segundos" "$T/es.said"'
check "fr: the French caution; no French placement: the routine's own" \
	'grep -q "Attention : Gardez la balle hors de l.aisselle.*infra-épineux, côté gauche.*just below the spine of the shoulder blade.*une minute et 40 secondes" "$T/fr.said"'

# Every muscle a bundled routine names is in core/muscle.c's list, so the
# screens and the voice say it in the user's language.
python3 - "$here" >"$T/unlisted" <<'PY'
import glob, json, re, sys
here = sys.argv[1]
listed = set(re.findall(r'NC_\("muscle", "([^"]+)"\)', open(here + "/src/core/muscle.c").read()))
def walk(steps, out):
    for s in steps:
        walk(s.get("steps", []), out)
        if s.get("target"):
            out.add(s["target"])
targets = set()
for f in glob.glob(here + "/routines/*.json"):
    if not f.endswith("schema.json"):
        walk(json.load(open(f))["steps"], targets)
print("\n".join(sorted(targets - listed)))
PY
check "every bundled routine's muscle is listed for translation ($(grep -c . "$T/unlisted") not)" '! grep -q . "$T/unlisted"'

# No voice for xx: tones in real time (the get ready, its tick, the start),
# no words, and said once.
run xx real 6
check "xx: no sentence rendered" '! grep -q "^unknot: speech " "$T/xx.err"'
n=$(grep -c 'no voice for "xx"' "$T/xx.err")
check "xx: 'no voice, tones only' said once in the log ($n)" '[ "$n" = 1 ]'
if command -v sox >/dev/null; then
	read -r _ rate ch _ <<EOF
$(grep '^spec ' "$T/xx.log")
EOF
	db=$(sox -t raw -r "$rate" -e signed -b 16 -c "$ch" "$T/xx.raw" -n stats 2>&1 |
	     sed -n 's/^Pk lev dB *\([-0-9.inf]*\).*/\1/p')
	check "xx: the cues are heard instead (peak $db dBFS)" \
		'[ -n "$db" ] && [ "$db" != -inf ] && awk -v d="$db" "BEGIN { exit !(d > -20) }"'
fi
exit $fail
