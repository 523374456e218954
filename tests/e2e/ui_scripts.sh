#!/bin/sh
# Any script on screen (issue 21): a Japanese title, a Polish instruction, an
# Arabic title and a Hebrew step are drawn at 800x480 and 720x1280 with the
# fallback fonts fontconfig finds, and the app reports no character drawn as
# a box (the text module tells the app about every character no font has,
# and the app logs it once). The fallback fonts are looked for only then
# (issue 22: fontconfig's queries cost more than the first frame): a routine
# in a Latin script starts without them. A character no font can have (U+0378, not
# assigned) is logged, once, naming the text it is in. Screenshots: KEEP=1.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT
. "$here/checks.sh"
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/ja.json" <<'R'
{ "format": 1, "title": "僧帽筋上部のトリガーポイント（首と肩のこり）", "defaults": { "transition_s": 5 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "duration_s": 60,
    "placement": "Na górze barku, w połowie drogi między szyją a barkiem.",
    "text": "Połóż piłeczkę pod mięśniem czworobocznym, oprzyj się o ścianę z naciskiem 5-7 na 10 i oddychaj spokojnie; ból przeniesiony powinien stopniowo słabnąć." } ] }
R
cat >"$T/ar.json" <<'R'
{ "format": 1, "title": "النقاط الزنادية في العضلة شبه المنحرفة العلوية", "defaults": { "transition_s": 5 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "duration_s": 60,
    "text": "ضع الكرة أعلى الكتف واتكئ على الحائط وتنفس ببطء حتى يخف الألم. לחץ בעדינות ונשום לאט." } ] }
R
printf '{ "format": 1, "title": "Box \315\270 here", "steps": [ { "kind": "rest", "duration_s": 5, "text": "Rest \315\270." } ] }\n' >"$T/box.json"
# preview, F12; start; F12 in the get-ready and in the hold; end
cat >"$T/script" <<S
0.300 key:f12 down
0.350 key:f12 up
0.800 key:return down
0.850 key:return up
2.000 key:f12 down
2.050 key:f12 up
7.000 key:f12 down
7.050 key:f12 up
8.000 key:escape down
8.050 key:escape up
8.500 key:escape down
8.550 key:escape up
S
run() { # NAME SIZE
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_LOG_LEVEL=debug "$UNKNOT" --size "$2" --fast \
	 --journal "$T/j-$1-$2" --input "$T/script" --screenshot "$T/shots-$1-$2" "$T/$1.json" \
	 >/dev/null 2>"$T/err-$1-$2")
}
if fc-list :lang=ja 2>/dev/null | grep -q .; then scripts="ja ar"; else
	echo "# no Japanese font installed (fonts-noto-cjk): Japanese not checked"; scripts=ar; fi
for s in $scripts; do
	for size in 800x480 720x1280; do
		run "$s" "$size"
		check "$s at $size: runs and takes screenshots" \
			'[ $? = 0 ] && [ "$(ls "$T/shots-$s-$size" | wc -l)" -ge 4 ]'
		check "$s at $size: no character drawn as a box" '! grep "no installed font has" "$T/err-$s-$size"'
		[ "$s" = ja ] && check "ja at $size: fallback fonts looked for (DejaVu has no kana)" \
			'grep -q "fallback font /" "$T/err-$s-$size"'
	done
done
cat >"$T/en.json" <<'R'
{ "format": 1, "title": "Upper trapezius – Schulter, épaule, señal", "defaults": { "transition_s": 5 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "duration_s": 60,
    "text": "Lean into the ball (5-7 out of 10) and breathe slowly." } ] }
R
run en 800x480
check "a Latin-script routine: runs, no fallback font looked for" \
	'[ "$(ls "$T/shots-en-800x480" | wc -l)" -ge 4 ] && ! grep "fallback font" "$T/err-en-800x480"'
run box 800x480
check "a character no font has is logged, once, with its text" \
	'[ "$(grep -c "no installed font has U+0378" "$T/err-box-800x480")" = 1 ] &&
	 grep -q "no installed font has U+0378, drawn as a box in \"Box" "$T/err-box-800x480"'
exit $fail
