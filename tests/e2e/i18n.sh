#!/bin/sh
# Translations (issue 21): every shipped language is complete (msgfmt
# --statistics: 0 untranslated, 0 fuzzy) and matches po/unknot.pot; the
# command line speaks German under LANGUAGE=de and under LANG=de_DE.UTF-8
# where that locale is not generated (only C.UTF-8); --check's messages are
# translated behind the same FILE:LINE:COL: prefix; the config's "language"
# wins over the environment (a kiosk has no login locale) and a bad one is
# refused with its place.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/checks.sh"
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt (gettext) is needed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
# none of the caller's own language settings
unset LANGUAGE LC_ALL LC_MESSAGES LANG

langs=$(sed 's/#.*//' "$here/po/LINGUAS")
check "po/LINGUAS names at least one language" '[ -n "$langs" ]'
for l in $langs; do
	po="$here/po/$l.po"
	st=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
	echo "# $l: $st"
	check "$l: msgfmt --check passes" 'LC_ALL=C msgfmt --check -o /dev/null "$po" 2>/dev/null'
	check "$l: no untranslated message" '! echo "$st" | grep -q untranslated'
	check "$l: no fuzzy message" '! echo "$st" | grep -q fuzzy'
	check "$l: every message of po/unknot.pot is in it" 'LC_ALL=C msgcmp "$po" "$here/po/unknot.pot" 2>"$T/cmp"'
	[ -s "$T/cmp" ] && head -5 "$T/cmp"
	check "$l: its catalogue was built" '[ -f "$(dirname "$UNKNOT")/locale/$l/LC_MESSAGES/unknot.mo" ] || [ -f "$here/build/locale/$l/LC_MESSAGES/unknot.mo" ]'
done

out=$(LANGUAGE=de "$UNKNOT" --help)
check "LANGUAGE=de: --help is German" 'echo "$out" | grep -q "^Aufruf: unknot"'
out=$(LANGUAGE=de "$UNKNOT" --bogus 2>&1)
check "LANGUAGE=de: a usage error is German" 'echo "$out" | grep -q "unbekannte Option »--bogus«"'
gen=$(locale -a 2>/dev/null | grep -ci '^de_DE')
echo "# de_DE locales generated here: $gen"
out=$(LANG=de_DE.UTF-8 "$UNKNOT" --help 2>&1)
check "LANG=de_DE.UTF-8 (generated or not): --help is German" 'echo "$out" | grep -q "^Aufruf: unknot"'
out=$(LC_ALL=C.UTF-8 LANGUAGE=de "$UNKNOT" --help 2>&1)
check "LC_ALL=C.UTF-8 LANGUAGE=de: German" 'echo "$out" | grep -q "^Aufruf: unknot"'
out=$("$UNKNOT" --help)
check "no language set: English" 'echo "$out" | grep -q "^Usage: unknot"'
out=$(LANGUAGE=xx "$UNKNOT" --help)
check "a language without a catalogue: English" 'echo "$out" | grep -q "^Usage: unknot"'

printf '{"title": "x"} junk' >"$T/bad.json"
out=$(LANGUAGE=de "$UNKNOT" --check "$T/bad.json" 2>&1)
echo "# $out"
check "--check in German keeps FILE:LINE:COL:" \
	'echo "$out" | grep -q "^$T/bad.json:1:16: ungültiges JSON: unerwarteter Text nach dem Ende des JSON-Werts$"'
out=$("$UNKNOT" --check "$T/bad.json" 2>&1)
check "--check in English by default" 'echo "$out" | grep -q "^$T/bad.json:1:16: invalid JSON: unexpected text"'

# The config's "language" (the app, headless, one frame): its trace says so.
printf '{ "language": "de" }\n' >"$T/de.json"
printf '0.300 key:f1 down\n0.350 key:f1 up\n' >"$T/script"
run_app() {
	XDG_CONFIG_HOME="$T/cfg" XDG_STATE_HOME="$T/state" HOME="$T" SDL_VIDEODRIVER=dummy \
	SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 "$UNKNOT" --size 800x480 --fast --input "$T/script" \
	--journal "$T/j.jsonl" "$@" 2>&1
}
out=$(LANGUAGE=fr run_app --config "$T/de.json")
check "config \"language\": \"de\" wins over LANGUAGE=fr" 'echo "$out" | grep -q "language: de "'
printf '{ "language": "de!" }\n' >"$T/bad-lang.json"
out=$(run_app --config "$T/bad-lang.json")
check "a bad \"language\" is refused with its place" 'echo "$out" | grep -q "bad-lang.json:1:15: language: expected a language code"'
exit $fail
