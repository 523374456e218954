#!/bin/sh
# Pedal keys that arrive together: SDL stamps a key press and its release with
# the same time when it reads both in one pump (a busy machine, KMSDRM's input
# polling); the recogniser's 30 ms debounce must not drop that tap. A press and
# release at the same ms on the preview is a tap -> next: the session starts.
# A second key down without an up (like auto-repeat) is not a second press.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
. "$here/checks.sh"
run() {
	(cd "$here/.." && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	 SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size 800x480 --fast "$@")
}
# Same ms, both orders of pedal keys (space and return are pedal keys by default).
for k in space return; do
	printf '0.500 key:%s down\n0.500 key:%s up\n' $k $k >"$T/same-$k"
	run --journal "$T/j-$k" --input "$T/same-$k" "$here/ui/data/walk.json" >/dev/null 2>"$T/err-$k"
	check "$k down and up at the same ms: a tap that starts the session" \
		'grep -q "gesture tap" "$T/err-$k" && grep -q "\"event\":\"session_start\"" "$T/j-$k"'
done
# Down, down again (a repeat), up 100 ms later: one tap, not a hold, not two.
printf '0.500 key:space down\n0.550 key:space down\n0.600 key:space up\n' >"$T/rep"
run --journal "$T/j-rep" --input "$T/rep" "$here/ui/data/walk.json" >/dev/null 2>"$T/err-rep"
check "a repeated key down is one press: one tap" \
	'[ "$(grep -c "gesture " "$T/err-rep")" = 1 ] && grep -q "gesture tap" "$T/err-rep"'
exit $fail
