#!/bin/sh
# systemd's notify protocol from the real app (src/io/watchdog.c): a python
# stand-in for systemd binds $NOTIFY_SOCKET, sets WATCHDOG_USEC=600000 (pings
# due every 300 ms) and checks READY=1 after the first frame, WATCHDOG=1 at
# that pace while the app sits idle, none while it is stopped (SIGSTOP: a
# hung main loop must not ping), pings again after SIGCONT, and STOPPING=1
# plus a clean exit within 3 s on SIGTERM.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
command -v python3 >/dev/null 2>&1 || { echo "python3 missing"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/config" "$T/state"
fail=0
ok() { echo "ok $1"; }
nok() { echo "not ok $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; fi; }

# One line per event: "SECONDS MESSAGE" (newlines in datagrams as '|').
cat >"$T/systemd.py" <<'PY'
import os, signal, socket, subprocess, sys, time
sock_path, out = sys.argv[1], sys.argv[2]
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sock_path)
env = dict(os.environ, NOTIFY_SOCKET=sock_path, WATCHDOG_USEC="600000")
t0 = time.monotonic()
p = subprocess.Popen(sys.argv[3:], env=env, stdout=subprocess.DEVNULL)
log = open(out, "w")
def note(msg):
    log.write("%.3f %s\n" % (time.monotonic() - t0, msg)); log.flush()
def drain(until, stop=None):
    while True:
        left = until - time.monotonic()
        if left <= 0:
            return
        s.settimeout(left)
        try:
            msg = s.recv(4096).decode().replace("\n", "|")
        except socket.timeout:
            return
        note(msg)
        if stop and stop in msg:
            return
# up to 60 s to the first frame (slow machines, valgrind), then 3 s idle
drain(time.monotonic() + 60.0, "READY=1")
drain(time.monotonic() + 3.0)
note("SIGSTOP"); p.send_signal(signal.SIGSTOP)
drain(time.monotonic() + 1.5)
note("SIGCONT"); p.send_signal(signal.SIGCONT)
drain(time.monotonic() + 1.5)
note("SIGTERM"); p.send_signal(signal.SIGTERM)
t = time.monotonic()
while p.poll() is None and time.monotonic() - t < 30:
    drain(time.monotonic() + 0.1)
drain(time.monotonic() + 0.2)
if p.poll() is None:
    p.kill(); p.wait(); note("EXIT killed")
else:
    note("EXIT %d after %.2f s" % (p.returncode, time.monotonic() - t))
PY
cd "$here" && XDG_CONFIG_HOME="$T/config" XDG_STATE_HOME="$T/state" HOME="$T" \
	UNKNOT_ROUTINES="$here/routines" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
	python3 "$T/systemd.py" "$T/notify" "$T/events" "$UNKNOT" --kiosk --size 800x480 \
	--journal "$T/journal.jsonl" 2>"$T/err"
sed 's/^/# /' "$T/events" | head -40
between() {  # between FROM TO: WATCHDOG=1 count between the two marker lines
	awk -v a="$1" -v b="$2" '$2 == a { on = 1; next } $2 == b { on = 0 } on && $2 == "WATCHDOG=1" { n++ } END { print n + 0 }' "$T/events"
}
check "READY=1 sent once, with a STATUS line" '[ "$(grep -c "READY=1" "$T/events")" = 1 ] && grep -q "READY=1|STATUS=" "$T/events"'
idle=$(awk '/READY=1/ { on = 1 } $2 == "SIGSTOP" { exit } on && $2 == "WATCHDOG=1" { n++ } END { print n + 0 }' "$T/events")
# Under valgrind only the timing bounds are relaxed (fewer pings, a slower exit).
lo=6 stop_s=3
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && lo=3 stop_s=20
check "idle app pings every ~300 ms (3 s after READY: $idle pings, want $lo-11)" '[ "$idle" -ge $lo ] && [ "$idle" -le 11 ]'
stopped=$(between SIGSTOP SIGCONT)
check "a stopped (hung) main loop does not ping ($stopped pings in 1.5 s)" '[ "$stopped" = 0 ]'
resumed=$(between SIGCONT SIGTERM)
check "pings resume after SIGCONT ($resumed in 1.5 s)" '[ "$resumed" -ge 3 ]'
check "STOPPING=1 on SIGTERM" 'awk "\$2 == \"SIGTERM\" { on = 1 } on && \$2 == \"STOPPING=1\" { f = 1 } END { exit !f }" "$T/events"'
took=$(sed -n 's/^[0-9.]* EXIT 0 after \([0-9.]*\) s$/\1/p' "$T/events")
check "exits 0 within $stop_s s of SIGTERM ($(grep EXIT "$T/events" | cut -d" " -f2-))" \
	'[ -n "$took" ] && awk -v t="$took" -v m="$stop_s" "BEGIN { exit !(t < m) }"'
[ $fail = 0 ] || tail -5 "$T/err"
exit $fail
