#!/bin/sh
# The audio device sleeps between bursts of sound (issue 22, io/audiodev.h):
# the real binary, in real time, headless, SDL's dummy audio driver standing
# in for a sound card. A 1 s transition, an 8 s compression (halfway at 4 s,
# ticks in its last 3 s) and a 1 s rest: between the start cue and halfway
# nothing sounds for 4 s, so the device must close (SDL's mixing thread
# gone), open again before halfway is due, and every cue still be played.
# From the timing log (UNKNOT_AUDIO_LOG: "sleep MS", "wake MS", "cue PLANNED
# PLAYED NAME") and the process's threads, sampled while it runs.
# Then an audio device that cannot be opened: SDL's audio is shut down, no
# thread of it is left polling (ALSA's hotplug thread re-read ALSA's whole
# configuration every 5 s).
name=audio_sleep
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
. "$here/checks.sh"
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] && echo "kept $tmp" || rm -rf "$tmp"' EXIT
mkdir -p "$tmp/config/unknot"
echo accepted >"$tmp/config/unknot/safety-accepted"
cat >"$tmp/routine.json" <<'EOF'
{ "format": 1, "title": "audio sleep",
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "upper trapezius", "sides": ["left"],
      "duration_s": 8, "transition_s": 1 },
    { "kind": "rest", "duration_s": 1 } ],
  "defaults": { "cues": { "voice": false } } }
EOF
# preview: tap = start (at ~0.5 s; the session ends ~10.5 s later); summary: tap = done
printf '0.500 pedal down\n0.600 pedal up\n12.500 pedal down\n12.600 pedal up\n' >"$tmp/script"

# run LOG SCRIPT: the app in the background; its threads' names sampled every 0.1 s
# into $tmp/threads (one line per sample) until it exits.
run() {
	(cd "$here/.." && exec env XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state" HOME="$tmp" \
	 SDL_VIDEODRIVER=dummy UNKNOT_AUDIO_LOG="$1" "$UNKNOT" --size 800x480 --input "$2" \
	 "$tmp/routine.json" >"$tmp/out" 2>"$tmp/err") &
	pid=$!
	: >"$tmp/threads"
	while kill -0 "$pid" 2>/dev/null; do
		# with a pattern ($3): sampled from when the app has logged it
		if [ -z "${3:-}" ] || grep -q "$3" "$tmp/err" 2>/dev/null; then
			cat /proc/"$pid"/task/*/comm 2>/dev/null | tr '\n' ' ' >>"$tmp/threads"
			echo >>"$tmp/threads"
		fi
		sleep 0.1
	done
	wait "$pid"
}

SDL_AUDIODRIVER=dummy run "$tmp/log" "$tmp/script"
rc=$?
if [ $rc != 0 ] || ! grep -q '^spec ' "$tmp/log"; then
	sed 's/^/# /' "$tmp/err"
	nok "$name: unknot exited $rc without opening the dummy audio device"
	exit 1
fi
grep -v '^[0-9]' "$tmp/log" | sed 's/^/# /'

plan=$(awk '$1 == "cue" { printf "%s ", $4 }' "$tmp/log")
check "$name: every cue played with the device sleeping between them ($plan)" \
	'[ "$(echo "$plan" | grep -o halfway)" = halfway ] && [ "$(echo "$plan" | grep -o complete)" = complete ]'
# a sleep before halfway, then a wake before it is due; the cue after each
# wake sounds after it (it was queued ahead: the device was up in time)
awk -v name="$name" '
	$1 == "sleep" { slept = $2; asleep = 1 }
	$1 == "wake" { woke = $2; asleep = 0; wakes++ }
	$1 == "cue" && woke && !seen[woke]++ {
		if ($3 > woke) { good++; printf "# woke %.0f ms before %s\n", $3 - woke, $4 }
		else { printf "not ok %s: %s played at %.0f ms, before the device woke at %.0f ms\n", name, $4, $3, woke; bad = 1 }
	}
	$1 == "cue" && asleep { printf "not ok %s: %s played while the device slept\n", name, $4; bad = 1 }
	$1 == "cue" && $4 == "halfway" && slept && woke > slept { mid = 1 }
	END {
		if (mid) printf "ok %s: the device slept after the start cue and woke before halfway\n", name
		else { printf "not ok %s: no sleep and wake between the start cue and halfway\n", name; bad = 1 }
		if (!bad) printf "ok %s: each of %d wakes came before the cue it opened for\n", name, wakes
		exit bad
	}' "$tmp/log" || fail=1
# SDL names its mixing thread SDLAudioP<n>: there, then gone for a while
# (asleep), then there again (not just before it first opened)
gap=$(awk '/SDLAudio/ { if (seen && run > best) best = run; seen = 1; run = 0; next }
	seen { run++ }
	END { print best + 0 }' "$tmp/threads")
check "$name: SDL's mixing thread ended while the device slept (gone for $gap samples of 0.1 s in between)" \
	'[ "$gap" -ge 5 ]'

# A device that cannot open (ALSA, a card that is not there): a flash for
# each cue, and SDL's audio shut down: no SDL audio thread left (sampled
# from when the app says so until it quits, 2 s after it started).
printf '2.000 key:x down\n2.000 key:x up\n' >"$tmp/quit"
if SDL_AUDIODRIVER=alsa AUDIODEV=hw:97,0 run "$tmp/log2" "$tmp/quit" 'no audio device' &&
   grep -q 'no audio device' "$tmp/err"; then
	left=$(grep -c 'SDLAudio\|SDLHotplug' "$tmp/threads")
	check "$name: after a failed open no SDL audio thread is left ($left of $(grep -c unknot "$tmp/threads") samples with one)" \
		'[ "$left" = 0 ] && grep -q unknot "$tmp/threads"'
else
	echo "# ALSA opened hw:97,0 or the app failed: no failed open to check"
fi
exit $fail
