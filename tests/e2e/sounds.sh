#!/bin/sh
# The bundled cue sounds: each of the ten exists, is 44.1 kHz 16-bit mono,
# peaks just under 0 dBFS (loud, not clipped), starts with a clear attack
# (loud within its first 5 ms, so its onset is exact), is short, differs from
# the others, and is exactly what assets/sounds/generate.sh makes (the files in
# the repository can be reproduced).
name=sounds
command -v sox >/dev/null 2>&1 && command -v soxi >/dev/null 2>&1 || {
	echo "skip: sox is not installed"; exit 77; }
dir=assets/sounds
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cues="get_ready start halfway tick end switch_sides discomfort pause resume complete"
for c in $cues; do
	f=$dir/$c.wav
	if [ ! -f "$f" ]; then echo "not ok $name: $f is missing"; continue; fi
	fmt=$(soxi -r "$f")/$(soxi -b "$f")/$(soxi -c "$f")
	peak=$(sox "$f" -n stat 2>&1 | awk '/^Maximum amplitude/ { print $3 }')
	attack=$(sox "$f" -n trim 0 0.005 stat 2>&1 | awk '/^Maximum amplitude/ { print $3 }')
	len=$(soxi -D "$f")
	if [ "$fmt" = 44100/16/1 ] &&
	   awk -v p="$peak" -v a="$attack" -v l="$len" 'BEGIN { exit !(p >= 0.89 && p < 0.999 && a >= 0.5 && l >= 0.05 && l <= 1.5) }'; then
		echo "ok $name: $c.wav $fmt, peak $peak, $attack within 5 ms, $len s"
	else
		echo "not ok $name: $c.wav: format $fmt (want 44100/16/1), peak $peak (want -1..0 dBFS), first 5 ms $attack (want >= 0.5), length $len s"
	fi
done

n=$(for c in $cues; do cksum <"$dir/$c.wav"; done | sort -u | wc -l)
[ "$n" = 10 ] && echo "ok $name: ten different sounds" || echo "not ok $name: only $n different sounds"

if ! sh "$dir/generate.sh" "$tmp" >"$tmp/log" 2>&1; then
	cat "$tmp/log"; echo "not ok $name: generate.sh failed"; exit 0
fi
for c in $cues; do
	if cmp -s "$tmp/$c.wav" "$dir/$c.wav"; then
		echo "ok $name: generate.sh reproduces $c.wav byte for byte"
	else
		# Another sox version may round differently: allow 2 LSB, nothing audible.
		d=$(sox -m -v 1 "$tmp/$c.wav" -v -1 "$dir/$c.wav" -n stat 2>&1 | awk '/^Maximum amplitude/ { print $3 }')
		if awk -v d="$d" 'BEGIN { exit !(d != "" && d <= 0.0001) }'; then
			echo "ok $name: generate.sh reproduces $c.wav (samples within $d)"
		else
			echo "not ok $name: generate.sh makes a different $c.wav (difference peak $d)"
		fi
	fi
done
