#!/bin/sh
# Issue 19, the outside attack's defects, through the real binary: inputs
# that froze it (a routine validated in quadratic time), files that tricked
# it (journals that are not journals, symlinks, FIFOs, huge files), signals
# that killed it without a session end line, and text that reached a
# terminal or a spreadsheet raw. Each check failed before its fix.
[ -n "$UNKNOT" ] && [ -x "$UNKNOT" ] || { echo "UNKNOT is not set to the built binary"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "python3 is missing"; exit 77; }
. "$(dirname "$0")/../checks.sh"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
export HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/.config" XDG_STATE_HOME="$tmp/home/.state" \
	UNKNOT_SYSCONFDIR="$tmp/etc" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy
unset UNKNOT_CONFIG
mkdir -p "$HOME"

# ---- 1. every validator linear in its input ----
# The largest routine allowed (1 MiB) listing "left" 149,000 times in one
# step's sides: 26-33 s before (a position lookup per error, each a walk over
# every value), about 0.3 s after. 20 s is the kiosk watchdog: a loaded
# machine gets slower, a quadratic validator gets killed.
python3 - "$tmp/sides.json" <<'PY'
import json, sys
r = {"format": 1, "title": "Big", "steps": [{"kind": "compression", "tool": "ball",
     "target": "glutes", "duration_s": 60, "sides": ["left"] * 149000}]}
t = json.dumps(r, separators=(",", ":"))
assert len(t) <= 1 << 20
open(sys.argv[1], "w").write(t)
PY
timeout -s KILL 20 "$UNKNOT" --check "$tmp/sides.json" >/dev/null 2>"$tmp/err"; rc=$?
check "linear: 149,000 repeated sides rejected within the watchdog's 20 s (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "steps\[0\].sides\[1\]: \"left\" is listed twice" "$tmp/err"'
# 12,000 steps, each with a warning, 40,000 minutes in all: the same
# lookups; and the one error must not be lost behind 400 warnings.
python3 - "$tmp/warn.json" <<'PY'
import json, sys
s = [{"kind": "compression", "tool": "ball", "target": "glutes", "duration_s": 200}] * 12000
open(sys.argv[1], "w").write(json.dumps({"format": 1, "title": "W", "steps": s}, separators=(",", ":")))
PY
timeout -s KILL 20 "$UNKNOT" --check "$tmp/warn.json" >/dev/null 2>"$tmp/err"; rc=$?
check "linear: 12,000 warned steps checked within 20 s, the error shown (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "warning: a 200 s compression" "$tmp/err" && grep -q "steps: the timeline is 40000:00 long" "$tmp/err"'

# ---- 2-5, 9, 10: files that are not what they seem ----
GOOD=tests/data/routines/good/minimal.json
EMPTY=tests/data/simulate/empty.txt
sim() { timeout -s KILL 20 "$UNKNOT" --simulate "$GOOD" --input "$EMPTY" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?; }
# 2. a text file without a final newline given as --journal: it lost its
# last 75 bytes "left by a crash"; now it is refused and left as it was
printf 'my notes\nthe last line, with no newline at its end, seventy-five bytes or so.' >"$tmp/notes.txt"
cp "$tmp/notes.txt" "$tmp/notes.orig"
sim --journal "$tmp/notes.txt"
check "journal: a text file is refused, not cut (exit $rc)" \
	'cmp -s "$tmp/notes.txt" "$tmp/notes.orig" && grep -q "notes.txt: is not a journal" "$tmp/err" && ! grep -q "crash" "$tmp/err"'
# 3. through a symbolic link it cut the target's last line and appended JSON
printf '{"a":1}\n{"b":2,"torn' >"$tmp/target"; cp "$tmp/target" "$tmp/target.orig"
ln -s "$tmp/target" "$tmp/link.jsonl"
sim --journal "$tmp/link.jsonl"
check "journal: a symbolic link is not followed (exit $rc)" \
	'cmp -s "$tmp/target" "$tmp/target.orig" && grep -q "link.jsonl: is a symbolic link" "$tmp/err"'
# 4. a FIFO as journal hung the app before its first frame, and --history
mkfifo "$tmp/fifo.jsonl"
sim --journal "$tmp/fifo.jsonl"
check "journal: a FIFO is refused at once, the session still runs (exit $rc)" \
	'[ "$rc" != 137 ] && grep -q "fifo.jsonl: is a FIFO (named pipe), not a regular file" "$tmp/err"'
timeout -s KILL 20 "$UNKNOT" --history --journal "$tmp/fifo.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--history: a FIFO journal fails at once (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "fifo.jsonl: not a regular file" "$tmp/err"'
timeout -s KILL 20 "$UNKNOT" --export csv --journal "$tmp/link.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--export: a symbolic-link journal is refused (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "link.jsonl: a symbolic link" "$tmp/err"'
# 9. a FIFO routine said "the file is empty"
mkfifo "$tmp/fifo.json"
timeout -s KILL 20 "$UNKNOT" --check "$tmp/fifo.json" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "routine: a FIFO is named for what it is (exit $rc)" \
	'[ "$rc" = 1 ] && [ "$(cat "$tmp/err")" = "$tmp/fifo.json: cannot read: not a regular file (a FIFO or a socket)" ]'
# standard input may still be a pipe
timeout -s KILL 20 "$UNKNOT" --check - <"$GOOD" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "routine: --check - still reads a pipe (exit $rc)" '[ "$rc" = 0 ]'
# 10. --history with a broken config carried on with the defaults (exit 0)
printf '{"volume": 101}' >"$tmp/bad.json"
timeout -s KILL 20 "$UNKNOT" --history --config "$tmp/bad.json" --journal "$tmp/none.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--history: a broken config fails like the app (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "bad.json:1:12: volume: 101 is out of range" "$tmp/err" && ! grep -q "using the defaults" "$tmp/err"'
timeout -s KILL 20 "$UNKNOT" --export csv --config "$tmp/bad.json" --journal "$tmp/none.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "--export: a broken config fails too (exit $rc)" '[ "$rc" = 1 ]'

# ---- 9, 11, 12: messages and text that reach a terminal or a spreadsheet ----
# 9. input-script times from 24 h up said "at most 3 decimals"
printf '90000 pedal down\n' >"$tmp/late.txt"
sim --input "$tmp/late.txt"
check "script: a time past 24 h says so (exit $rc)" \
	'grep -q "late.txt:1:1: .90000. is past the end of a script: times go up to 24 h" "$tmp/err" && ! grep -q decimals "$tmp/err"'
# 9. error lines were cut at 767 bytes, mid-path
long="$tmp/$(python3 -c "print('/'.join(['d' * 200] * 4))")"
mkdir -p "$long"; echo '{' >"$long/bad.json"
timeout -s KILL 20 "$UNKNOT" --check "$long/bad.json" >/dev/null 2>"$tmp/err"; rc=$?
check "--check: a long path is never cut in a message (exit $rc)" \
	'grep -qF "$long/bad.json:2:1: invalid JSON: unexpected end of file" "$tmp/err"'
# 11. escaped control characters in a title and a muscle name were accepted
# and printed raw: refused with their place
printf '{"format":1,"title":"Evil\\u001b[2J","steps":[{"kind":"stretch","target":"x\\u009b1m","duration_s":5}]}' >"$tmp/ctl.json"
timeout -s KILL 20 "$UNKNOT" --check "$tmp/ctl.json" >/dev/null 2>"$tmp/err"; rc=$?
check "routine: control characters in a title and a target are refused (exit $rc)" \
	'[ "$rc" = 1 ] && grep -q "ctl.json:1:21: title: holds a control character (U+001B" "$tmp/err" &&
	 grep -q "steps\[0\].target: holds a control character (U+009B" "$tmp/err" && ! grep -q "$(printf "\033")" "$tmp/err"'
# ... and in a journal someone edited: escaped by --history and --export;
# 12. a formula-like cell is neutralised (OWASP CSV injection)
sim --journal "$tmp/j.jsonl"
python3 - "$tmp/j.jsonl" <<'PY'
import sys
p = sys.argv[1]
t = open(p).read()
t = t.replace('"title":"One minute of rest"', '"title":"=HYPERLINK(\\"http://x\\",\\"y\\")\\u001b[2J"')
open(p, "w").write(t)
PY
timeout -s KILL 20 "$UNKNOT" --export csv --journal "$tmp/j.jsonl" >"$tmp/csv" 2>"$tmp/err"; rc=$?
check "--export csv: a formula cell is neutralised, control characters escaped (exit $rc)" \
	'[ "$rc" = 0 ] && grep -qF ",\"'"'"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\\x1B[2J\"," "$tmp/csv" && ! grep -q "$(printf "\033")" "$tmp/csv"'
timeout -s KILL 20 "$UNKNOT" --history --journal "$tmp/j.jsonl" >"$tmp/hist" 2>"$tmp/err"; rc=$?
check "--history: control characters from the journal are escaped (exit $rc)" \
	'[ "$rc" = 0 ] && grep -qF "=HYPERLINK(" "$tmp/hist" && ! grep -q "$(printf "\033")" "$tmp/hist"'

# ---- 6. signals: each handled or ignored deliberately ----
# SIGHUP killed the app mid-session without a session_end line; SIGUSR1,
# SIGALRM and SIGPIPE killed it too. A session is started by a pedal tap;
# the signal is sent once its first step is journaled (event-driven, with a
# generous bound), then SIGTERM ends the ignored ones' runs.
mkdir -p "$XDG_CONFIG_HOME/unknot"
echo accepted >"$XDG_CONFIG_HOME/unknot/safety-accepted"
printf '0.500 pedal down\n0.650 pedal up\n' >"$tmp/start.txt"
# wait_for FILE PATTERN: up to 30 s (a loaded machine is slower, never red)
wait_for() {
	i=0
	while [ $i -lt 300 ]; do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
for sig in HUP USR1 ALRM PIPE; do
	j="$tmp/sig-$sig.jsonl"
	"$UNKNOT" --windowed --input "$tmp/start.txt" --journal "$j" tests/ui/data/walk.json \
		>/dev/null 2>"$tmp/sig-$sig.err" &
	pid=$!
	wait_for "$j" '"step_start"'
	kill -s "$sig" "$pid" 2>/dev/null
	case $sig in
	HUP)
		wait "$pid"; rc=$?
		check "SIGHUP ends the session properly: session_end journaled, exit 0 (exit $rc)" \
			'[ "$rc" = 0 ] && grep -q "\"session_end\".*\"outcome\":\"abandoned\"" "$j"' ;;
	*)
		sleep 0.5
		alive=no; kill -0 "$pid" 2>/dev/null && alive=yes
		kill -s TERM "$pid" 2>/dev/null; wait "$pid"; rc=$?
		check "SIG$sig is ignored: the session goes on, SIGTERM then ends it properly (alive $alive, exit $rc)" \
			'[ "$alive" = yes ] && [ "$rc" = 0 ] && grep -q "\"session_end\"" "$j"' ||
			{ tail -3 "$tmp/sig-$sig.err"; cut -c1-70 "$j"; } ;;
	esac
done


# ---- a config write never follows a symbolic link ----
# Accepting the safety screen writes its marker in the config folder; a link
# left at that name (to a file of someone else's) is refused, not followed.
# The same tap without the link writes the marker: the check can fail.
mark="$XDG_CONFIG_HOME/unknot/safety-accepted"
printf '0.500 key:space down\n0.600 key:space up\n2.000 key:escape down\n2.050 key:escape up\n' >"$tmp/accept"
mkdir -p "$XDG_CONFIG_HOME/unknot"
rm -f "$mark"
"$UNKNOT" --size 800x480 --fast --journal "$tmp/mark.jsonl" --input "$tmp/accept" >/dev/null 2>&1
check "accepting the safety screen writes its marker" '[ -f "$mark" ] && [ ! -L "$mark" ]'
rm -f "$mark"
echo "someone else's file" >"$tmp/victim"
ln -s "$tmp/victim" "$mark"
"$UNKNOT" --size 800x480 --fast --journal "$tmp/mark2.jsonl" --input "$tmp/accept" >/dev/null 2>&1
check "the safety marker is not written through a symbolic link" \
	'[ "$(cat "$tmp/victim")" = "someone else'"'"'s file" ] && [ -L "$mark" ]'
rm -f "$mark"
exit $fail
