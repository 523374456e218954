#!/bin/sh
# Libraries loaded when first needed (issue 22, io/dynlib.h): unknot is not
# linked with SDL_mixer nor espeak-ng; the first frame is drawn before
# SDL_mixer is loaded; a session then sounds and speaks as before. Without
# either library (UNKNOT_HIDE_LIBS, the test hook) the app still runs the
# whole session: "no audio device" with the reason, cues as a flash; tones
# only without espeak-ng, said once.
UNKNOT=${UNKNOT:-./unknot}
case $UNKNOT in /*) ;; *) UNKNOT=$PWD/$UNKNOT ;; esac
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/checks.sh"
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $T" || rm -rf "$T"' EXIT

needed=$(readelf -d "$UNKNOT" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' | tr '\n' ' ')
check "readelf reads the binary's libraries ($(echo "$needed" | wc -w))" '[ -n "$needed" ] && echo "$needed" | grep -q libSDL2-2'
for lib in libSDL2_mixer libespeak-ng libfluidsynth libstdc++; do
	check "not linked with $lib" '! echo "$needed" | grep -q "$lib"'
done

mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/routine.json" <<'JSON'
{ "format": 1, "title": "lazy libraries",
  "defaults": { "transition_s": 2 },
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius", "duration_s": 4,
               "text": "Lean into the ball and breathe." } ] }
JSON
printf '1.000 pedal down\n1.100 pedal up\n12.000 pedal down\n12.100 pedal up\n' >"$T/script"
run() { # NAME [env...]
	n=$1
	shift
	(cd "$T" && env XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state-$n" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 UNKNOT_AUDIO_LOG="$T/$n.log" "$@" \
	 "$UNKNOT" --size 800x480 --fast --input "$T/script" "$T/routine.json" >"$T/$n.out" 2>"$T/$n.err")
}
run all
check "with both: exits 0" '[ $? = 0 ]'
check "with both: the first frame before SDL_mixer is loaded" \
	'grep -n "first frame presented\|audio: libSDL2_mixer.* loaded" "$T/all.err" | head -1 | grep -q "first frame" &&
	 grep -q "audio: libSDL2_mixer.* loaded" "$T/all.err"'
check "with both: the cues played" 'grep -q "^cue .* start$" "$T/all.log" && grep -q "^cue .* complete$" "$T/all.log"'
if grep -q '^speech yes' "$T/all.log"; then
	check "with both: espeak-ng started and spoke" \
		'grep -q "speech: espeak-ng started" "$T/all.err" && grep -q "^unknot: speech en: Upper trapezius, use the ball" "$T/all.err"'
fi

run nomixer UNKNOT_HIDE_LIBS=libSDL2_mixer-2.0.so.0
check "without SDL_mixer: exits 0 after the whole session" \
	'[ $? = 0 ] && grep -q "session end" "$T/nomixer.err"'
check "without SDL_mixer: says why, once" \
	'[ "$(grep -c "no audio device: cannot load libSDL2_mixer-2.0.so.0" "$T/nomixer.err")" = 1 ]'
check "without SDL_mixer: no device opened" '! grep -q "^spec " "$T/nomixer.log"'

if grep -q '^speech yes' "$T/all.log"; then
	run nospeech UNKNOT_HIDE_LIBS=libespeak-ng.so.1
	check "without espeak-ng: exits 0, cues played" \
		'[ $? = 0 ] && grep -q "^spec " "$T/nospeech.log" && grep -q "^cue .* start$" "$T/nospeech.log"'
	check "without espeak-ng: tones only, said once" \
		'[ "$(grep -c "cannot load libespeak-ng.so.1.*tones only" "$T/nospeech.err")" = 1 ] &&
		 ! grep -q "^unknot: speech en:" "$T/nospeech.err"'
fi
exit $fail
