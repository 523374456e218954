#!/bin/sh
# Generates unknot's cue sounds (assets/sounds/*.wav) with sox.
#
#   sh assets/sounds/generate.sh [OUTDIR]     (default: the folder of this script)
#
# Reproducible: only deterministic sine synthesis, no noise, no dither (-D),
# sox -R; the same sox gives byte-identical files on every run.
# Format: 44.1 kHz, 16-bit, mono WAV, each normalised to -0.3 dBFS peak
# (loud over gym music, no clipping), with a 3 ms attack so every cue has a
# clear onset, and no internal gap longer than a few ms (one cue = one sound).
#
# The design, in musical terms (frequencies in Hz):
#   get_ready     two rising notes E5 659 -> A5 880, 170 ms each: "ding-ding, up"
#   start         bright bell C6 1047 (+ 2nd/3rd partials), 500 ms decay
#   halfway       soft two-note fall G5 784 -> E5 659, 150 + 250 ms
#   tick          wood-block click 1760 Hz (+ 3520), 60 ms, fast decay
#   end           low bell C5 523 (+ partials), 650 ms decay
#   switch_sides  quick alternation A5 880 / D6 1175 x4, 80 ms each
#   discomfort    short rising chirp 700 -> 1400 Hz, 140 ms: "noted"
#   pause         falling sweep 900 -> 450 Hz, 260 ms
#   resume        rising sweep 450 -> 900 Hz, 260 ms
#   complete      arpeggio C5 E5 G5 then C6 held: 4 notes, 1.25 s
set -eu

here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
mkdir -p "$out"
command -v sox >/dev/null 2>&1 || { echo "generate.sh: sox is needed (apt install sox)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

SOX="sox -R -D -V1"
FMT="-r 44100 -b 16 -e signed-integer"

# note FILE FREQ LEN FADE: a tone with its 2nd and 3rd partials, a 3 ms
# attack and a fade-out over the whole rest of its length.
note() {
	f=$2 len=$3
	f2=$(awk "BEGIN { print $f * 2 }") f3=$(awk "BEGIN { print $f * 3 }")
	rel=$(awk "BEGIN { print $len - 0.003 }")
	$SOX -n $FMT -c 3 "$1" synth "$len" sine "$f" sine "$f2" sine "$f3" \
		remix 1v0.70,2v0.22,3v0.08 fade "$4" 0.003 "$len" "$rel"
}

# sweep FILE F1 F2 LEN: a sine glide with a short attack and release.
sweep() {
	$SOX -n $FMT -c 1 "$1" synth "$4" sine "$2:$3" fade h 0.003 "$4" 0.06
}

# finish NAME FILES...: concatenates, normalises to -0.3 dBFS, writes NAME.wav.
finish() {
	name=$1; shift
	$SOX "$@" $FMT -c 1 "$tmp/$name.cat.wav"
	$SOX "$tmp/$name.cat.wav" $FMT -c 1 "$out/$name.wav" gain -n -0.3
}

note "$tmp/gr1.wav" 659.25 0.17 q
note "$tmp/gr2.wav" 880.00 0.30 h
finish get_ready "$tmp/gr1.wav" "$tmp/gr2.wav"

note "$tmp/st.wav" 1046.50 0.50 h
finish start "$tmp/st.wav"

note "$tmp/hw1.wav" 783.99 0.15 q
note "$tmp/hw2.wav" 659.25 0.25 h
finish halfway "$tmp/hw1.wav" "$tmp/hw2.wav"

note "$tmp/tk.wav" 1760.00 0.06 q
finish tick "$tmp/tk.wav"

note "$tmp/en.wav" 523.25 0.65 h
finish end "$tmp/en.wav"

note "$tmp/sw1.wav" 880.00 0.08 q
note "$tmp/sw2.wav" 1174.66 0.08 q
note "$tmp/sw4.wav" 1174.66 0.20 h
finish switch_sides "$tmp/sw1.wav" "$tmp/sw2.wav" "$tmp/sw1.wav" "$tmp/sw4.wav"

sweep "$tmp/dc.wav" 700 1400 0.14
finish discomfort "$tmp/dc.wav"

sweep "$tmp/pa.wav" 900 450 0.26
finish pause "$tmp/pa.wav"

sweep "$tmp/re.wav" 450 900 0.26
finish resume "$tmp/re.wav"

note "$tmp/c1.wav" 523.25 0.15 q
note "$tmp/c2.wav" 659.25 0.15 q
note "$tmp/c3.wav" 783.99 0.15 q
note "$tmp/c4.wav" 1046.50 0.80 h
finish complete "$tmp/c1.wav" "$tmp/c2.wav" "$tmp/c3.wav" "$tmp/c4.wav"
