#!/bin/sh
# Audio cues on time, from the real unknot binary: a short real routine (3 s
# transition, 10 s compression with halfway and a 3-tick countdown, 4 s rest;
# 17 s) runs in REAL time (no --fast), headless, on a first run: a pedal tap
# accepts the safety screen, another starts the routine from its preview, a
# last one closes the summary (which also keeps the app up while the
# "complete" sound plays out). SDL's disk audio driver records what the mixer
# outputs; the recording is analysed (tests/helpers/onsets: 1 ms energy
# windows) and every planned cue must be heard within 50 ms of its plan, with
# nothing extra.
#
# The plan and the clock come from unknot's own timing log (UNKNOT_AUDIO_LOG,
# src/io/audio.h): "cue PLANNED PLAYED NAME" per cue (the session engine's
# planned ms on the app's monotonic clock) and the mix time of every output
# buffer on that clock. The disk driver paces itself with SDL_Delay(512*1000/
# 44100 = 11 ms), so its file runs ~5% faster than the real clock; the
# recording position is mapped back to the clock with those mix times. What
# is measured is thus "cue planned" -> "cue mixed into the output stream": the
# main loop's lateness plus up to one buffer (11.6 ms). A real device adds its
# own constant output latency (one or two buffers) on top.
name=audio_cues
UNKNOT=${UNKNOT:-./unknot}
onsets=${BUILD:-build}/tests/helpers/onsets
[ -x "$onsets" ] || { echo "skip: $onsets is not built (make test-build)"; exit 77; }
here=$(cd "$(dirname "$0")/.." && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
# Tolerance in ms. Under valgrind (make valgrind) everything runs 20-50x slower
# and the main loop mixes late: the same cues, in the same order, with nothing
# extra, must still be heard, but within 500 ms of their plan (cues are 1 s
# apart or more, so the matching stays unambiguous). Its start-up
# (SDL, fonts, espeak-ng) takes seconds on a busy machine, so the pedal taps
# of the scripts come 3 s later: taps queued during start-up are not taps.
# gap: the speech counted must start this long after get ready's plan (past
# the get-ready sound itself; the words are due 400 ms or more after it).
tol=50 late=0 gap=50
if [ -n "${UNKNOT_UNDER_VALGRIND:-}" ]; then
	tol=500 late=3 gap=350
	echo "# under valgrind: cues must be heard within $tol ms, not 50; input ${late} s later"
fi

# run NAME ROUTINE SCRIPT: the real binary, in real time, first run (empty
# config and state), recording to $tmp/NAME.raw with its log in $tmp/NAME.log.
run() {
	mkdir -p "$tmp/$1"
	awk -v late="$late" '{ $1 = sprintf("%.3f", $1 + late); print }' "$3" >"$tmp/$1.input"
	(cd "$here/.." && XDG_CONFIG_HOME="$tmp/$1/config" XDG_STATE_HOME="$tmp/$1/state" \
	 HOME="$tmp/$1" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/$1.raw" \
	 UNKNOT_AUDIO_LOG="$tmp/$1.log" "$UNKNOT" --size 800x480 --input "$tmp/$1.input" "$2" \
	 >"$tmp/$1.out" 2>"$tmp/$1.err")
	rc=$?
	if [ $rc != 0 ] || ! grep -q '^spec ' "$tmp/$1.log" 2>/dev/null; then
		sed 's/^/# /' "$tmp/$1.err"
		echo "not ok $name: unknot ($1) exited $rc without an audio log"
		exit 1
	fi
}

cat >"$tmp/routine.json" <<'EOF'
{ "format": 1, "title": "audio cue timing",
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "upper trapezius", "sides": ["left"],
      "duration_s": 10, "transition_s": 3 },
    { "kind": "rest", "duration_s": 4 } ],
  "defaults": { "cues": { "voice": false } } }
EOF
# safety: tap = I understand; preview: tap = start (the session ends 17 s
# later, at about 17.7 s); summary: tap = done, once "complete" has sounded.
cat >"$tmp/script" <<'EOF'
0.200 pedal down
0.300 pedal up
0.500 pedal down
0.600 pedal up
19.500 pedal down
19.600 pedal up
EOF
run cues "$tmp/routine.json" "$tmp/script"
read -r _ rate channels frames <<EOF
$(grep '^spec ' "$tmp/cues.log")
EOF
bytes=$(wc -c <"$tmp/cues.raw")
echo "# device: $rate Hz, $channels channels, $frames frames; recorded $bytes bytes"
if [ "$bytes" -gt $((rate * channels * 2 * 17)) ]; then
	echo "ok $name: unknot recorded the session in real time (${bytes} bytes)"
else
	echo "not ok $name: recording too short for 17 s of session ($bytes bytes)"; fail=1
fi

# The engine's plan: the cues a user should hear, in order.
plan=$(awk '$1 == "cue" { printf "%s ", $4 }' "$tmp/cues.log")
want="get_ready tick tick start halfway tick tick tick end tick tick tick complete "
if [ "$plan" = "$want" ]; then
	echo "ok $name: unknot played the expected 13 cues"
else
	echo "not ok $name: cues played: $plan (expected $want)"; fail=1
fi

"$onsets" "$tmp/cues.raw" "$rate" "$channels" "$tmp/cues.log" >"$tmp/cues.on" 2>"$tmp/cues.onerr" || {
	cat "$tmp/cues.onerr"; echo "not ok $name: onsets failed"; exit 1; }

# Match planned cues and heard onsets in order: each cue needs an onset within
# tol ms; any onset left over is an extra sound.
awk -v name="$name" -v tol="$tol" '
	FNR == NR && $1 == "cue" { p[++np] = $2; k[np] = $4; next }
	FNR != NR && $1 == "onset" { o[++no] = $3 }
	END {
		j = 1; extra = 0; bad = 0
		for (i = 1; i <= np; i++) {
			while (j <= no && o[j] < p[i] - tol) { extra++; printf "# extra onset at %.1f ms\n", o[j]; j++ }
			if (j <= no && o[j] <= p[i] + tol) {
				printf "ok %s: %s planned at %d ms, heard at %.1f ms (%+.1f ms)\n", name, k[i], p[i], o[j], o[j] - p[i]
				j++
			} else {
				printf "not ok %s: %s planned at %d ms, not heard within %d ms\n", name, k[i], p[i], tol
				bad = 1
			}
		}
		for (; j <= no; j++) { extra++; printf "# extra onset at %.1f ms\n", o[j] }
		if (np == 0) { printf "not ok %s: no cue planned\n", name; bad = 1 }
		if (extra == 0) printf "ok %s: no sound other than the planned cues (%d onsets)\n", name, no
		else { printf "not ok %s: %d onsets that no cue explains\n", name, extra; bad = 1 }
		exit bad
	}' "$tmp/cues.log" "$tmp/cues.on" || fail=1

# Spoken announcement (when this build has espeak-ng): a 4 s transition says
# "Left side, upper trapezius, four seconds." right after its get-ready cue and
# before the step starts, and the cues around it stay on time.
if ! grep -q '^speech yes' "$tmp/cues.log"; then
	echo "# built without espeak-ng: no spoken prompt to check"
	exit $fail
fi
cat >"$tmp/voice.json" <<'EOF'
{ "format": 1, "title": "spoken prompt",
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "upper trapezius", "sides": ["left"],
      "duration_s": 4, "transition_s": 4 } ],
  "defaults": { "cues": { "countdown_s": 0, "voice": true } } }
EOF
# Started at 1 s: the announcements are rendered in the background from the
# moment the preview opens.
cat >"$tmp/vscript" <<'EOF'
0.200 pedal down
0.300 pedal up
1.000 pedal down
1.100 pedal up
10.500 pedal down
10.600 pedal up
EOF
run voice "$tmp/voice.json" "$tmp/vscript"
if grep -q '^speak 0 ' "$tmp/voice.log"; then
	echo "ok $name: unknot spoke the transition's announcement"
else
	echo "not ok $name: no announcement spoken at the transition (not rendered in time?)"; fail=1
fi
"$onsets" "$tmp/voice.raw" "$rate" "$channels" "$tmp/voice.log" >"$tmp/voice.on" 2>"$tmp/voice.onerr" || {
	cat "$tmp/voice.onerr"; echo "not ok $name: onsets failed"; exit 1; }
awk -v name="$name" -v tol="$tol" -v gap="$gap" '
	FNR == NR && $1 == "cue" { p[$4] = $2; next }
	FNR != NR && $1 == "onset" { o[++no] = $3; len[no] = $4 }
	END {
		bad = 0
		# the cues: one onset each within tol ms
		split("get_ready start halfway complete", k, " ")
		for (i = 1; i <= 4; i++) {
			hit = 0
			for (j = 1; j <= no; j++) if (k[i] in p && o[j] >= p[k[i]] - tol && o[j] <= p[k[i]] + tol) hit = j
			if (hit) printf "ok %s: with speech, %s heard %+.1f ms from plan\n", name, k[i], o[hit] - p[k[i]]
			else { printf "not ok %s: with speech, %s not heard within %d ms of %d ms\n", name, k[i], tol, p[k[i]]; bad = 1 }
		}
		# the words: after the get-ready sound (not over it), before the step
		# starts, over a second of them
		speech = 0; first = 0
		for (j = 1; j <= no; j++)
			if (o[j] > p["get_ready"] + gap && o[j] < p["start"] - gap) { speech += len[j]; if (!first) first = o[j] }
		if (speech >= 1000 && first >= p["get_ready"] + 400)
			printf "ok %s: the announcement follows get ready (+%.0f ms) and is heard in the transition (%.0f ms of speech)\n", name, first - p["get_ready"], speech
		else {
			printf "not ok %s: expected over 1 s of speech starting after the get-ready cue, heard %.0f ms from %+.0f ms\n", name, speech, first - p["get_ready"]
			bad = 1
		}
		exit bad
	}' "$tmp/voice.log" "$tmp/voice.on" || fail=1
exit $fail
