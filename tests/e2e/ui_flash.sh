#!/bin/sh
# No audio device: every cue shows as a flash of the screen's frame in the
# step's colour instead, and the app says once what is missing. With audio,
# the frame never flashes.
UNKNOT=${UNKNOT:-./unknot}
command -v python3 >/dev/null 2>&1 || { echo "python3 is needed for the image checks"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)
chk="python3 $here/ui/bmpcheck.py"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
printf '0.500 key:return down\n0.600 key:return up\n' >"$T/script"
# Counts run screens whose top-left pixel is not the background (the flash frame).
flashes() {
	n=0
	for f in $(ls "$1" | grep -- "-run.bmp"); do
		[ "$($chk pixel "$1/$f" 3 3)" != "16 19 24" ] && n=$((n + 1))
	done
	echo $n
}
for audio in none dummy; do
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=$audio "$UNKNOT" --size 800x480 --fast \
	 --journal "$T/j-$audio" --input "$T/script" --screenshot "$T/$audio" \
	 "$here/ui/data/walk.json" >/dev/null 2>"$T/err-$audio")
	check "audio=$audio: the session runs" '[ $? = 0 ]'
done
n=$(flashes "$T/none")
check "no audio device: cues flash the frame ($n flashed screens)" '[ "$n" -ge 6 ]'
check "no audio device: said once" '[ "$(grep -ci "audio" "$T/err-none")" = 1 ]'
n=$(flashes "$T/dummy")
check "with audio: the frame never flashes" '[ "$n" = 0 ]'
exit $fail
