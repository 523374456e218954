#!/bin/sh
# Unattended operation on the virtual clock (--fast): back to the library
# after idle_minutes without input, a session paused longer than
# pause_timeout_minutes is ended (journaled like a user's end, the summary
# shows, then the library after idle_minutes), the idle screen dims after
# dim_minutes and the first input only wakes it, a running session never dims.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/.." && pwd)
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. "$here/checks.sh"

# run NAME CONFIG-JSON SCRIPT [ROUTINE]: one run in its own folder $T/NAME
run() {
	d="$T/$1"
	mkdir -p "$d/routines" "$d/config/unknot" "$d/etc"
	cp "$here/ui/data/walk.json" "$d/routines/"
	echo accepted >"$d/config/unknot/safety-accepted"
	printf '%s\n' "$2" >"$d/config/unknot/config.json"
	printf '%s\n' "$3" >"$d/script"
	(cd "$here/.." && XDG_CONFIG_HOME="$d/config" XDG_STATE_HOME="$d/state" HOME="$d" \
	 UNKNOT_SYSCONFDIR="$d/etc" UNKNOT_ROUTINES="$d/routines" SDL_VIDEODRIVER=dummy \
	 SDL_AUDIODRIVER=dummy UNKNOT_TRACE=1 \
	 "$UNKNOT" --size 800x480 --fast --journal "$d/journal.jsonl" --input "$d/script" \
	           --screenshot "$d/shots" >/dev/null 2>"$d/err")
	echo $? >"$d/rc"
	seq=$(ls "$d/shots" 2>/dev/null | sed 's/^[0-9]*-//; s/\.bmp$//' | uniq | tr '\n' ' ')
	echo "# $1 screens: $seq"
}
# the app-clock ms of a trace line "idle: ACTION at MS ms"
at() { sed -n "s/^unknot: idle: $2 at \([0-9]*\) ms$/\1/p" "$T/$1/err" | head -1; }

# 1. Idle return: the preview opened at ~1 s goes home 5 min later; an input
# on the preview at 200 s restarts the count (home at ~500 s, not ~301 s).
run home '{ "idle_minutes": 5, "dim_minutes": 0 }' '
1.0   key:return down
1.1   key:return up
200.0 key:down down
200.1 key:down up
700.0 key:f13 up'
check "idle: exits 0" '[ "$(cat $T/home/rc)" = 0 ]'
check "idle: library, preview, then the library again" 'echo "$seq" | grep -q "^library preview library $"'
ms=$(at home "go home")
check "idle: home 5 min after the last input on the preview ($ms ms)" '[ -n "$ms" ] && [ "$ms" -ge 500000 ] && [ "$ms" -le 500500 ]'

run never '{ "idle_minutes": 0, "dim_minutes": 0 }' '
1.0   key:return down
1.1   key:return up
3600.0 key:f13 up'
check "idle_minutes 0: the preview stays for an hour" 'echo "$seq" | grep -q "^library preview $" && [ -z "$(at never "go home")" ]'

# 2. A forgotten pause: the session is ended 15 min after the pause, the
# summary shows, and the library 5 min later.
run paused '{ "idle_minutes": 5, "pause_timeout_minutes": 15, "dim_minutes": 0 }' '
1.0   key:return down
1.1   key:return up
2.0   key:return down
2.1   key:return up
5.0   key:p down
5.1   key:p up
1500.0 key:f13 up'
J="$T/paused/journal.jsonl"
check "paused: exits 0" '[ "$(cat $T/paused/rc)" = 0 ]'
check "paused: run, paused, summary, then the library" 'echo "$seq" | grep -q "run paused summary library $"'
end=$(at paused "end paused"); home=$(at paused "go home")
check "paused: ended 15 min after the pause ($end ms)" '[ "$end" = 905000 ]'
check "paused: home 5 min after the summary ($home ms)" '[ "$home" = 1205000 ]'
check "paused: journaled pause_timeout, then the session abandoned" \
	'grep -q "\"event\":\"pause_timeout\".*\"minutes\":15" "$J" &&
	 tail -1 "$J" | grep -q "\"event\":\"session_end\".*\"outcome\":\"abandoned\"" &&
	 [ "$(grep -n pause_timeout "$J" | cut -d: -f1)" -lt "$(grep -n session_end "$J" | cut -d: -f1)" ]'
check "paused: the step ended as abandoned too" 'grep -q "\"event\":\"step_end\".*\"reason\":\"abandoned\"" "$J"'
check "paused: --history reads that journal (one session, abandoned)" \
	'"$UNKNOT" --history --json --journal "$J" 2>/dev/null | grep -q "\"sessions\":[[:space:]]*1," &&
	 "$UNKNOT" --history --json --journal "$J" 2>/dev/null | grep -q "\"abandoned\":[[:space:]]*1"'

run resumed '{ "idle_minutes": 5, "pause_timeout_minutes": 15, "dim_minutes": 0 }' '
1.0   key:return down
1.1   key:return up
2.0   key:return down
2.1   key:return up
5.0   key:p down
5.1   key:p up
600.0 key:p down
600.1 key:p up'
check "resumed within the timeout: the session completes" \
	'tail -1 "$T/resumed/journal.jsonl" | grep -q "\"outcome\":\"completed\"" && [ -z "$(at resumed "end paused")" ]'

# 3. Dimming: the library dims after 2 min; a pedal tap then only wakes it
# (no preview opens); the woken frame is the library exactly as before.
run dim '{ "idle_minutes": 5, "dim_minutes": 2 }' '
200.0 pedal down
200.1 pedal up
202.0 key:f13 up'
d="$T/dim/shots"
check "dim: library, dimmed, library (no preview)" 'echo "$seq" | grep -q "^library dimmed library $"'
check "dim: dimmed 2 min after start ($(at dim dim) ms)" '[ "$(at dim dim)" = 120000 ]'
check "dim: the woken screen is the library as it was" 'cmp -s "$d/0001-library.bmp" "$d/0003-library.bmp"'
check "dim: the dimmed frame is darker (a veil, not a blank)" \
	'[ -s "$d/0002-dimmed.bmp" ] && [ "$(wc -c <"$d/0002-dimmed.bmp")" = "$(wc -c <"$d/0001-library.bmp")" ] && ! cmp -s "$d/0001-library.bmp" "$d/0002-dimmed.bmp"'

# a touch on a card while dimmed does not open it either; the next one does
run dimtouch '{ "idle_minutes": 5, "dim_minutes": 1 }' '
70.0  touch 200 150 down
70.1  touch 200 150 up
71.0  touch 200 150 down
71.1  touch 200 150 up
72.0  key:f13 up'
check "dim: a touch only wakes; the next touch opens the card" 'echo "$seq" | grep -q "^library dimmed library preview $"'

# a running session never dims (a paused one neither), however long
run session '{ "idle_minutes": 1, "dim_minutes": 1, "pause_timeout_minutes": 0 }' '
1.0   key:return down
1.1   key:return up
2.0   key:return down
2.1   key:return up
20.0  key:p down
20.1  key:p up
400.0 key:p down
400.1 key:p up'
check "no dimming during a session (paused 6 min, idle/dim 1 min)" \
	'! echo "$seq" | grep -q dimmed && grep -q "\"outcome\":\"completed\"" "$T/session/journal.jsonl"'
exit $fail
