#!/bin/sh
# Audio cues on time: a short real routine (3 s transition, 10 s compression
# with halfway and a 3-tick countdown, 4 s rest; 17 s) runs in REAL time
# through the real session engine and audio module (tests/helpers/cue_drive,
# the app's loop: one monotonic clock, wait until session_next_deadline(),
# play each SESSION_EV_CUE), recorded by SDL's disk audio driver. The
# recording is analysed (tests/helpers/onsets: 1 ms energy windows) and every
# planned cue must be heard within 50 ms of its plan, with nothing extra.
#
# The disk driver paces itself with SDL_Delay(512*1000/44100 = 11 ms), so its
# file runs ~5% faster than the real clock; the recording position is mapped
# back to the session clock with the mix time of each buffer (cue_drive's
# BUFLOG). What is measured is thus "cue planned" -> "cue mixed into the
# output stream": the loop's lateness plus up to one buffer (11.6 ms). A real
# device adds its own constant output latency (one or two buffers) on top.
name=audio_cues
helpers=${BUILD:-build}/tests/helpers
[ -x "$helpers/cue_drive" ] && [ -x "$helpers/onsets" ] || {
	echo "skip: $helpers/cue_drive and onsets are not built (make test-build)"; exit 77; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat >"$tmp/routine.json" <<'EOF'
{ "format": 1, "title": "audio cue timing",
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "upper trapezius", "sides": ["left"],
      "duration_s": 10, "transition_s": 3 },
    { "kind": "rest", "duration_s": 4 } ],
  "defaults": { "cues": { "voice": false } } }
EOF

if ! SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/out.raw" \
	"$helpers/cue_drive" "$tmp/routine.json" "$tmp/buf.log" >"$tmp/plan.txt" 2>"$tmp/err.txt"; then
	cat "$tmp/err.txt"
	echo "not ok $name: cue_drive failed"
	exit 1
fi
read -r _ rate channels frames <"$tmp/plan.txt"
bytes=$(wc -c <"$tmp/out.raw")
echo "# device: $rate Hz, $channels channels, $frames frames; recorded $bytes bytes"
if [ "$bytes" -gt $((rate * channels * 2 * 15)) ]; then
	echo "ok $name: recorded the session in real time (${bytes} bytes)"
else
	echo "not ok $name: recording too short ($bytes bytes)"
fi

# The engine's plan: the cues a user should hear, in order.
plan=$(awk '$1 == "cue" { printf "%s ", $4 }' "$tmp/plan.txt")
want="get_ready tick tick start halfway tick tick tick end tick tick tick complete "
if [ "$plan" = "$want" ]; then
	echo "ok $name: the engine planned the expected 13 cues"
else
	echo "not ok $name: planned cues: $plan (expected $want)"
fi

"$helpers/onsets" "$tmp/out.raw" "$rate" "$channels" "$tmp/buf.log" >"$tmp/onsets.txt" 2>/dev/null

# Match planned cues and heard onsets in order: each cue needs an onset within
# 50 ms; any onset left over is an extra sound.
awk -v name="$name" '
	FNR == NR && $1 == "cue" { p[++np] = $2; k[np] = $4; next }
	FNR != NR && $1 == "onset" { o[++no] = $3 }
	END {
		j = 1; extra = 0
		for (i = 1; i <= np; i++) {
			while (j <= no && o[j] < p[i] - 50) { extra++; printf "# extra onset at %.1f ms\n", o[j]; j++ }
			if (j <= no && o[j] <= p[i] + 50) {
				printf "ok %s: %s planned at %d ms, heard at %.1f ms (%+.1f ms)\n", name, k[i], p[i], o[j], o[j] - p[i]
				j++
			} else {
				printf "not ok %s: %s planned at %d ms, not heard within 50 ms\n", name, k[i], p[i]
			}
		}
		for (; j <= no; j++) { extra++; printf "# extra onset at %.1f ms\n", o[j] }
		if (extra == 0) printf "ok %s: no sound other than the planned cues (%d onsets)\n", name, no
		else printf "not ok %s: %d onsets that no cue explains\n", name, extra
	}' "$tmp/plan.txt" "$tmp/onsets.txt"

# Spoken announcement (when this build has espeak-ng): a 4 s transition says
# "Left side, upper trapezius, four seconds." right after its get-ready cue and
# before the step starts, and the cues around it stay on time.
cat >"$tmp/voice.json" <<'EOF'
{ "format": 1, "title": "spoken prompt",
  "steps": [
    { "kind": "compression", "tool": "ball", "target": "upper trapezius", "sides": ["left"],
      "duration_s": 4, "transition_s": 4 } ],
  "defaults": { "cues": { "countdown_s": 0, "voice": true } } }
EOF
if ! SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE="$tmp/voice.raw" \
	"$helpers/cue_drive" "$tmp/voice.json" "$tmp/voice.log" --voice >"$tmp/vplan.txt" 2>"$tmp/err.txt"; then
	cat "$tmp/err.txt"
	echo "not ok $name: cue_drive --voice failed"
	exit 1
fi
if ! grep -q '^speech yes' "$tmp/vplan.txt"; then
	echo "# built without espeak-ng: no spoken prompt to check"
	exit 0
fi
"$helpers/onsets" "$tmp/voice.raw" "$rate" "$channels" "$tmp/voice.log" >"$tmp/vonsets.txt" 2>/dev/null
awk -v name="$name" '
	FNR == NR && $1 == "cue" { p[$4] = $2; next }
	FNR != NR && $1 == "onset" { o[++no] = $3; len[no] = $4 }
	END {
		# the cues: one onset each within 50 ms
		split("get_ready start halfway complete", k, " ")
		for (i = 1; i <= 4; i++) {
			hit = 0
			for (j = 1; j <= no; j++) if (o[j] >= p[k[i]] - 50 && o[j] <= p[k[i]] + 50) hit = j
			if (hit) printf "ok %s: with speech, %s heard %+.1f ms from plan\n", name, k[i], o[hit] - p[k[i]]
			else printf "not ok %s: with speech, %s not heard within 50 ms of %d ms\n", name, k[i], p[k[i]]
		}
		# the words: after the get-ready sound (not over it), before the step
		# starts, over a second of them
		speech = 0; first = 0
		for (j = 1; j <= no; j++)
			if (o[j] > p["get_ready"] + 50 && o[j] < p["start"] - 50) { speech += len[j]; if (!first) first = o[j] }
		if (speech >= 1000 && first >= p["get_ready"] + 400)
			printf "ok %s: the announcement follows get ready (+%.0f ms) and is heard in the transition (%.0f ms of speech)\n", name, first - p["get_ready"], speech
		else
			printf "not ok %s: expected over 1 s of speech starting after the get-ready cue, heard %.0f ms from %+.0f ms\n", name, speech, first - p["get_ready"]
	}' "$tmp/vplan.txt" "$tmp/vonsets.txt"
