#!/bin/sh
# libmosquitto only when the fleet is used (issue 22): unknot does not link
# it (nor libssl/libcrypto, which it pulls in); a station without a fleet
# never loads it; one with a fleet loads it (dlopen, src/io/mqttlib.c); and
# with the library missing (the UNKNOT_MQTT_LIB test hook: a system library
# cannot be hidden with LD_LIBRARY_PATH) a fleet-configured station still
# runs its session and says once, clearly, what to install. No broker: the
# fleet points at a closed port. LD_DEBUG=files lists every object the
# dynamic loader opens, at start and through dlopen.
[ -x "${UNKNOT:-}" ] || { echo "UNKNOT not set to the unknot binary"; exit 77; }
# under make valgrind UNKNOT is a wrapper script, and this is about linking, not memory
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && { echo "linking, not memory: skipped under valgrind"; exit 77; }
command -v readelf >/dev/null 2>&1 || { echo "readelf (binutils) not found"; exit 77; }
. "$(dirname "$0")/../checks.sh"
T=$(mktemp -d) || exit 1
trap 'rm -rf "$T"' EXIT

needed=$(readelf -d "$UNKNOT" | grep NEEDED)
check "unknot does not link libmosquitto, libssl or libcrypto (DT_NEEDED)" \
	'[ -n "$needed" ] && ! echo "$needed" | grep -qE "libmosquitto|libssl|libcrypto"'
check "... nor does anything it links pull them in (ldd)" \
	'ldd "$UNKNOT" >"$T/ldd" && ! grep -qE "libmosquitto|libssl|libcrypto" "$T/ldd"'

mkdir -p "$T/config/unknot"
echo accepted >"$T/config/unknot/safety-accepted"
cat >"$T/r.json" <<'EOF'
{ "format": 1, "title": "Nolib minute",
  "steps": [ { "kind": "compression", "tool": "ball", "target": "upper trapezius",
               "duration_s": 20, "transition_s": 0 } ] }
EOF
printf '0.150 key:n down\n0.200 key:n up\n' >"$T/start.txt" # start on the preview, then count down
echo '{ "fleet": { "broker": "mqtt://127.0.0.1:1", "site": "gymA", "station": "st1" } }' >"$T/fleet.json"
echo '{}' >"$T/home.json"
# run NAME CONFIG [ENV=VALUE...]: the app headless on a virtual clock through
# one session; T/NAME.{err,jsonl,ld.PID} and T/NAME.shots/
run() {
	name=$1 cfg=$2
	shift 2
	env "$@" UNKNOT_CONFIG="$T/$cfg" XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/$name.state" HOME="$T" \
		SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy LD_DEBUG=files LD_DEBUG_OUTPUT="$T/$name.ld" \
		"$UNKNOT" --size 800x480 --input "$T/start.txt" --fast --screenshot "$T/$name.shots" \
		--journal "$T/$name.jsonl" "$T/r.json" >/dev/null 2>"$T/$name.err"
}
loaded() { cat "$T/$1".ld.* | grep -E "file=[^ ]*$2"; } # NAME LIB: the loader's lines for LIB
session_shown() { # NAME: the session ran to its end on screen and in the journal
	ls "$T/$1.shots" | grep -q -- "-run.bmp" && ls "$T/$1.shots" | tail -1 | grep -q -- "-summary.bmp" &&
		grep -q '"event":"session_end".*"outcome":"completed"' "$T/$1.jsonl"
}

run home home.json
check "no fleet: the session runs (exit 0)" '[ $? = 0 ]' || cat "$T/home.err"
check "no fleet: libmosquitto, libssl and libcrypto are never loaded" \
	'[ -n "$(cat "$T"/home.ld.*)" ] && ! loaded home "libmosquitto|libssl|libcrypto"'

run fleet fleet.json
check "fleet: the session runs (exit 0)" '[ $? = 0 ]' || cat "$T/fleet.err"
check "fleet: libmosquitto.so.1 is loaded when the fleet starts (dlopen)" \
	'loaded fleet libmosquitto | grep -q "dynamically loaded by .*unknot"'
check "fleet: the station shows its session" 'session_shown fleet'

run nolib fleet.json UNKNOT_MQTT_LIB=/nonexistent.so
check "library missing: the fleet-configured station still runs (exit 0)" '[ $? = 0 ]' || cat "$T/nolib.err"
check "library missing: the station shows its session" 'session_shown nolib'
check "library missing: one clear error naming the library and what to install" \
	'[ "$(grep -c "fleet: off: cannot load /nonexistent.so: .*; install libmosquitto1$" "$T/nolib.err")" = 1 ] &&
	 [ "$(grep -c "libmosquitto\|nonexistent" "$T/nolib.err")" = 1 ]'
sed 's/^/# /' "$T/nolib.err"
check "library missing: nothing else of it is loaded" '! loaded nolib "libmosquitto|libssl|libcrypto"'
exit $fail
