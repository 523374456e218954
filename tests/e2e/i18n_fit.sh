#!/bin/sh
# Fit (issue 21): every screen of the walk (safety, library, preview, run,
# paused, discomfort and skip offer, summary, settings, the Safety page) at
# 800x480, 720x1280 and 1920x1080, in a pseudo-locale made at test time from
# po/unknot.pot (every word 40 % longer, accented, each message between
# U+27E6 and U+27E7) and in every shipped language: no text from the
# catalogue is cut short of its box. The app traces each text that does not
# fit at its smallest size ("text cut:", src/ui/text.c's text_on_cut); a cut
# routine text (the routine's own words, English) does not count for the
# pseudo-locale, and a language may cut only what English cuts too (at
# 800x480 and 720x1280, where room is scarcest). tests/i18n/fit_known.txt
# lists the pseudo-locale's cuts not fixed yet: a new one fails.
# KEEP_SHOTS=DIR keeps the screenshots (DIR/LANG-SIZE/*.bmp).
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
. "$here/tests/checks.sh"
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the pseudo-locale"; exit 77; }
command -v msgfmt >/dev/null 2>&1 || { echo "msgfmt (gettext) is needed"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
unset LANGUAGE LC_ALL LC_MESSAGES LANG
mkdir -p "$T/routines" "$T/locale/xx/LC_MESSAGES"
cp "$here/tests/ui/data/walk.json" "$T/routines/"
python3 "$here/tests/i18n/pseudo.py" "$here/po/unknot.pot" "$T/xx.po"
check "the pseudo-locale compiles" 'msgfmt --check -o "$T/locale/xx/LC_MESSAGES/unknot.mo" "$T/xx.po"'
for l in $(sed 's/#.*//' "$here/po/LINGUAS"); do
	mkdir -p "$T/locale/$l/LC_MESSAGES"
	msgfmt -o "$T/locale/$l/LC_MESSAGES/unknot.mo" "$here/po/$l.po"
done

# Touch points from the window size, as the layout computes them.
points() {
	python3 "$here/tests/ui/points.py" "$1" "$2"
}

# walk LANG SIZE: the cut texts into $T/LANG-SIZE/cut
walk() {
	lang=$1 size=$2
	w=${size%x*} h=${size#*x}
	eval "$(points "$w" "$h")"
	d="$T/$lang-$size"
	mkdir -p "$d"
	# the walk of ui_walk.sh, then Done, Settings and its Safety page
	python3 "$here/tests/ui/points.py" "$w" "$h" --walk >"$d/script"
	cat >>"$d/script" <<EOS
100.000 touch $OK_X $OK_Y down
100.050 touch $OK_X $OK_Y up
100.500 touch $SET_X $SET_Y down
100.550 touch $SET_X $SET_Y up
101.000 touch $SAFE_X $SAFE_Y down
101.050 touch $SAFE_X $SAFE_Y up
EOS
	(cd "$T" && XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" HOME="$d" \
	 UNKNOT_ROUTINES="$T/routines" UNKNOT_LOCALEDIR="$T/locale" LANGUAGE="$lang" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size "$size" --input "$d/script" --fast --screenshot "$d/shots" \
	           --journal "$d/journal.jsonl" >"$d/out" 2>"$d/err")
	rc=$?
	check "$lang $size: the walk exits 0" '[ $rc = 0 ]'
	[ $rc = 0 ] || tail -5 "$d/err"
	shots=$(ls "$d/shots" 2>/dev/null | sed 's/^[0-9]*-//; s/\.bmp$//' | sort -u | tr '\n' ' ')
	echo "# $lang $size screens: $shots"
	for s in safety library preview run paused summary settings safety-page; do
		check "$lang $size: the $s screen was drawn" 'echo " $shots" | grep -q " $s "'
	done
	sed -n 's/.*text cut: [0-9]*x[0-9]* "\(.*\)"$/\1/p' "$d/err" | sort -u >"$d/cut"
	[ -n "$KEEP_SHOTS" ] && mkdir -p "$KEEP_SHOTS" && cp -r "$d/shots" "$KEEP_SHOTS/$lang-$size"
}

for size in 800x480 720x1280 1920x1080; do
	walk xx "$size"
	# labels from the catalogue, less the layouts known not to fit yet
	# (tests/i18n/fit_known.txt: SIZE, a tab, the cut pseudo text)
	sed -n "s/^$size\t//p" "$here/tests/i18n/fit_known.txt" | sort -u >"$T/known"
	grep "$(printf '\342\237\246')" "$T/xx-$size/cut" | sort -u >"$T/xx-$size/labels"
	comm -12 "$T/xx-$size/labels" "$T/known" | sed 's/^/# known, not fixed yet: /'
	comm -23 "$T/xx-$size/labels" "$T/known" >"$T/xx-$size/new"
	n=$(wc -l <"$T/xx-$size/new")
	sed 's/^/# cut: /' "$T/xx-$size/new"
	check "pseudo-locale $size: no label cut short of its box ($n cut)" '[ "$n" = 0 ]'
	# the shipped languages where room is scarcest (1920x1080 has the most)
	[ "$size" = 1920x1080 ] && continue
	walk en "$size"
	for l in $(sed 's/#.*//' "$here/po/LINGUAS"); do
		walk "$l" "$size"
		n=$(comm -23 "$T/$l-$size/cut" "$T/en-$size/cut" | grep -cvxFf "$T/en-$size/cut")
		comm -23 "$T/$l-$size/cut" "$T/en-$size/cut" | sed 's/^/# cut: /'
		check "$l $size: no text cut that English does not cut ($n)" '[ "$n" = 0 ]'
	done
done
exit $fail
