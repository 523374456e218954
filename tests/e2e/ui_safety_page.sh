#!/bin/sh
# The Safety page (issue 7): opened from the library by its button (a touch)
# or the "s" key, and from settings; it shows the full safety texts (not a
# blank page: lots of text pixels), pages on with the pedal or arrow keys, and
# Back returns where it was opened from. At 800x480 and 720x1280.
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
chk="python3 $here/ui/bmpcheck.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 "$UNKNOT" --fast --journal "$T/j" "$@")
}
seq_of() { ls "$1" | sed 's/^[0-9]*-//; s/\.bmp$//' | uniq | tr '\n' ' '; }
for size in 800x480 720x1280; do
	# "s" opens it; a pedal tap (space) pages on; Escape goes back.
	cat >"$T/keys" <<EOF
0.500 key:s down
0.600 key:s up
1.000 key:space down
1.100 key:space up
1.500 key:down down
1.600 key:down up
2.000 key:escape down
2.100 key:escape up
EOF
	run --size $size --input "$T/keys" --screenshot "$T/k$size" >/dev/null 2>"$T/err"
	s=$(seq_of "$T/k$size")
	check "$size: s opens the Safety page, Escape returns to the library ($s)" \
		'echo "$s" | grep -q "^library safety-page library $"'
	pages=$(ls "$T/k$size" | grep -c safety-page)
	check "$size: the pedal and the down key turn its pages ($pages pages seen)" '[ "$pages" = 3 ]'
	first=$(ls "$T/k$size" | grep safety-page | head -1)
	# Text pixels: bright (near the text colour) pixels on the page.
	n=$($chk near "$T/k$size/$first" 230 233 238 60)
	check "$size: the Safety page shows text ($n text pixels)" '[ "$n" -gt 3000 ]'
done
# Touch: the Safety button of the library (800x480), Back; then from settings.
cat >"$T/touch" <<EOF
0.500 touch 438 40 down
0.550 touch 438 40 up
1.000 touch 80 38 down
1.050 touch 80 38 up
1.500 touch 718 40 down
1.550 touch 718 40 up
2.000 key:s down
2.100 key:s up
2.500 touch 80 38 down
2.550 touch 80 38 up
EOF
run --size 800x480 --input "$T/touch" --screenshot "$T/t" >/dev/null 2>"$T/err"
s=$(seq_of "$T/t")
check "touch: library -> Safety -> Back -> library -> settings -> Safety -> Back -> settings ($s)" \
	'echo "$s" | grep -q "^library safety-page library settings safety-page settings $"'
exit $fail
