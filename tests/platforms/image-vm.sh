#!/bin/bash
# `make test-image`: the arm64 kiosk image (dist/image/build.sh), booted
# under qemu-system-aarch64 -M virt (software emulation, TCG), virtio-gpu,
# direct kernel boot with the image's own kernel and initramfs. As
# tests/platforms/kiosk-vm.sh does for the amd64 kiosk, through the QEMU
# monitor (screendump, sendkey to a USB keyboard) and a test-only agent in
# the guest (a virtio-serial port; added to this test's image through
# build.sh's IMAGE_HOOK, never in `make image`'s):
#
#   1. systemd started unknot.service only after READY=1 (the first frame),
#      as user unknot, with the config written at first boot (its own PIN)
#      on the data partition, and the root file system read-only;
#   2. the first screendump shows text and colour;
#   3. keys: safety -> library -> preview -> a session started (the screen
#      changes each time); the journal in /var/lib/unknot (on the data
#      partition) has the session_start;
#   4. kill -9 of the main process: systemd restarts it and it draws again.
#
#   sudo make test-image      (slow: builds the image, then TCG arm64)
#
# Outputs in $OUT (default build/platforms/image-vm): shot-*.png,
# console.log, guest-journal.jsonl, timings.txt, the image build's files.
# Env: IMAGE_DIR=build/image (boot the image `make image` made, with the
# agent added through a loop device, instead of building one), BOOT_TIMEOUT (s, default 900), FRAME_WAIT (s, default 120),
# KEY_WAIT (s a key may take to change the screen, default 90), HOLD_MS
# (key press, default 150), KEEP=1 (keep the disk image). Last line PASS
# (exit 0) or FAIL (exit 1); exit 77 when this machine cannot run it.
set -u
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${OUT:-$ROOT_DIR/build/platforms/image-vm}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-900}
CONVERT=/usr/bin/convert
COMPARE=/usr/bin/compare
ts() { date +%s.%N; }
el() { awk -v a="$1" -v b="$(ts)" 'BEGIN { printf "%.1f", b - a }'; }
since() { awk -v a="$1" -v b="$(ts)" 'BEGIN { print int(b - a) }'; }
log() { echo "image-vm: $*"; }
skip() { echo "image-vm: skipped: $*"; exit 77; }
fails=0
check() {
	local name=$1; shift
	if "$@"; then echo "ok $name"; else echo "not ok $name"; fails=$((fails + 1)); fi
}
T_ALL=$(ts)
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
for tool in qemu-system-aarch64 socat "$CONVERT" "$COMPARE"; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool missing (make image-deps)"
done
mkdir -p "$OUT"

# 1. the image, with the test agent
HOOK=$OUT/hook.sh
cat >"$HOOK" <<'HOOK'
#!/bin/sh
# image-vm.sh's additions to its own image (test only): the agent, the
# journal mirrored on the serial console.
R=$1
cat >"$R/usr/local/sbin/unknot-test-agent" <<'AGENT'
#!/bin/sh
# image-vm.sh's guest agent (test image only, never shipped).
P=/dev/virtio-ports/unknot.agent
while :; do
	if [ -e "$P" ] && exec 3<>"$P"; then
		while IFS= read -r cmd <&3; do
			out=$(sh -c "$cmd" </dev/null 2>&1); rc=$?
			printf '%s\n@@END %s\n' "$out" "$rc" >&3
		done
		exec 3>&-
	fi
	sleep 0.5
done
AGENT
chmod 755 "$R/usr/local/sbin/unknot-test-agent"
printf '[Unit]\nDescription=image-vm.sh test agent (test image only)\n[Service]\nExecStart=/usr/local/sbin/unknot-test-agent\nRestart=always\n[Install]\nWantedBy=multi-user.target\n' \
	>"$R/etc/systemd/system/unknot-test-agent.service"
mkdir -p "$R/etc/systemd/system/multi-user.target.wants"
ln -sf /etc/systemd/system/unknot-test-agent.service "$R/etc/systemd/system/multi-user.target.wants/"
mkdir -p "$R/etc/systemd/journald.conf.d"
printf '[Journal]\nForwardToConsole=yes\nTTYPath=/dev/ttyAMA0\nMaxLevelConsole=debug\n' \
	>"$R/etc/systemd/journald.conf.d/serial.conf"
ln -sf /dev/null "$R/etc/systemd/system/serial-getty@ttyAMA0.service"
# The shipped unit gives the first frame 60 s (a slow board with Mesa's
# software GL); an emulated arm64 CPU on a busy host can take longer, which
# is slowness, not a failure: the test image allows 10 minutes (the time it
# took is reported).
# UNKNOT_TRACE=1: a line per button press in the journal (debug: on the
# serial console), so that the test sees what each key did.
mkdir -p "$R/etc/systemd/system/unknot.service.d"
printf '[Service]\nTimeoutStartSec=600\nEnvironment=UNKNOT_TRACE=1\n' >"$R/etc/systemd/system/unknot.service.d/image-vm-tcg.conf"
true
HOOK
t=$(ts)
IMG=$OUT/unknot-kiosk-bookworm-arm64.img
if [ -n "${IMAGE_DIR:-}" ]; then
	# IMAGE_DIR=build/image: the image `make image` built, copied, the agent
	# added to the copy's root partition through a loop device.
	cp --sparse=always "$IMAGE_DIR/unknot-kiosk-bookworm-arm64.img" "$IMG" &&
		cp "$IMAGE_DIR/vmlinuz" "$IMAGE_DIR/initrd.img" "$IMAGE_DIR/kernel-version" "$OUT/" ||
		{ echo "not ok no image in $IMAGE_DIR (make image)"; echo FAIL; exit 1; }
	# (the root partition through a loop device at its offset: losetup -P's
	# partition nodes need udev, which a container or a chroot may not run)
	P1=$(sfdisk -d "$IMG" | awk -F'[=,]' '/unknot-root/ { gsub(/ /, ""); print $2 * 512, $4 * 512 }')
	M=$(mktemp -d)
	mount -o loop,offset="${P1% *}",sizelimit="${P1#* }" "$IMG" "$M" || skip "no loop device to mount $IMG's root"
	sh "$HOOK" "$M"; rc=$?
	umount "$M" 2>/dev/null; rmdir "$M"
	[ "$rc" = 0 ] || { echo "not ok the test agent added to the image"; echo FAIL; exit 1; }
	echo "image-vm: $IMAGE_DIR's image, with the test agent"
else
	OUT="$OUT" IMAGE_HOOK="$HOOK" sh "$ROOT_DIR/dist/image/build.sh" 2>&1 | tee "$OUT/image-build.txt"
	rc=${PIPESTATUS[0]}
	[ "$rc" = 77 ] && skip "image build: $(tail -1 "$OUT/image-build.txt")"
	[ "$rc" = 0 ] || { echo "not ok the image builds"; echo FAIL; exit 1; }
fi
T_IMAGE=$(el "$t")
check "image built in $T_IMAGE s ($(du -h --apparent-size "$IMG" | cut -f1), kernel $(cat "$OUT/kernel-version"))" [ -s "$IMG" ]

# 2. boot
rm -f "$OUT/console.log" "$OUT"/*.sock "$OUT"/shot-* "$OUT/guest-journal.jsonl"
T_BOOT=$(ts)
nice -n -5 qemu-system-aarch64 -M virt -cpu cortex-a72 -smp 2 -m 1536 -accel tcg -nic none -no-reboot \
	-kernel "$OUT/vmlinuz" -initrd "$OUT/initrd.img" \
	-append "root=LABEL=unknot-root ro console=tty0 console=ttyAMA0 panic=-1" \
	-drive file="$IMG",if=none,id=disk,format=raw -device virtio-blk-pci,drive=disk \
	-device virtio-gpu-pci,id=video0 -display none \
	-device qemu-xhci,id=xhci -device usb-kbd,bus=xhci.0 \
	-serial file:"$OUT/console.log" -monitor unix:"$OUT/mon.sock",server=on,wait=off \
	-device virtio-serial-pci -chardev socket,id=agent,path="$OUT/agent.sock",server=on,wait=off \
	-device virtserialport,chardev=agent,name=unknot.agent \
	>"$OUT/qemu.log" 2>&1 &
QPID=$!
APID=
cleanup() {
	[ -n "$APID" ] && kill "$APID" 2>/dev/null
	kill "$QPID" 2>/dev/null
	rm -f "$OUT/agent.in" "$OUT/agent.out"
	[ -n "${KEEP:-}" ] || rm -f "$IMG"
}
trap cleanup EXIT
mon() { printf '%s\n' "$@" | socat -t 0.5 - UNIX-CONNECT:"$OUT/mon.sock" >/dev/null 2>&1; }
console() { [ -e "$OUT/console.log" ] && tr -d '\r' <"$OUT/console.log"; }
unit_failed() { console | grep -aqE 'unknot.service: (Main process exited, code=exited, status=2[0-9][0-9]|Failed with result)'; }
agent_open() {
	local i=0
	while [ ! -S "$OUT/agent.sock" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
	rm -f "$OUT/agent.in" "$OUT/agent.out"
	mkfifo "$OUT/agent.in" "$OUT/agent.out"
	socat - UNIX-CONNECT:"$OUT/agent.sock" <"$OUT/agent.in" >"$OUT/agent.out" 2>>"$OUT/qemu.log" &
	APID=$!
	exec 7>"$OUT/agent.in" 8<"$OUT/agent.out"
}
guest() {
	local line
	printf '%s\n' "$1" >&7 || return 125
	while IFS= read -r -t "${GUEST_TIMEOUT:-90}" line <&8; do
		case $line in "@@END "*) return "${line#@@END }" ;; esac
		printf '%s\n' "$line"
	done
	return 124
}
prop() { guest "systemctl show -p $1 --value unknot.service"; }
shot() {
	rm -f "$OUT/$1.ppm"
	mon "screendump $OUT/$1.ppm"
	local i=0 s0=-1 s1
	while [ $i -lt 30 ]; do
		s1=$(stat -c %s "$OUT/$1.ppm" 2>/dev/null || echo 0)
		[ "$s1" -gt 0 ] && [ "$s1" = "$s0" ] && break
		s0=$s1; i=$((i + 1)); sleep 0.3
	done
	"$CONVERT" "$OUT/$1.ppm" "$OUT/$1.png" 2>/dev/null && rm -f "$OUT/$1.ppm"
}
colours() { "$CONVERT" "$1" -format '%k' info: 2>/dev/null || echo 0; }
chroma() { "$CONVERT" "$1" -colorspace HCL -channel G -separate +channel -threshold 25% -format '%[fx:mean]' info: 2>/dev/null || echo 0; }
light() { "$CONVERT" "$1" -colorspace Gray -threshold 70% -format '%[fx:mean]' info: 2>/dev/null || echo 0; }
diffpx() { "$COMPARE" -metric AE -fuzz 5% "$1" "$2" null: 2>&1 | awk '{ printf "%d", $1 + 0 }'; }
drawn() {
	[ "$(colours "$1")" -gt 20 ] &&
		awk -v c="$(chroma "$1")" -v l="$(light "$1")" 'BEGIN { exit !(c > 0.005 && l > 0.003 && l < 0.6) }'
}
describe() { echo "$(colours "$1") colours, chroma $(chroma "$1"), light $(light "$1")"; }
wait_screen() {
	local end=$(( $(date +%s) + $2 ))
	while :; do
		shot "$1"
		changed "$OUT/$1.png" && return 0
		[ "$(date +%s)" -lt "$end" ] && kill -0 "$QPID" 2>/dev/null || return 1
		sleep 1
	done
}
wait_restart() {
	local end=$(( $(date +%s) + $2 )) p st
	while [ "$(date +%s)" -lt "$end" ]; do
		p=$(prop MainPID); st=$(prop ActiveState)
		[ "$st" = active ] && [ -n "$p" ] && [ "$p" != 0 ] && [ "$p" != "$1" ] && return 0
		sleep 1
	done
	return 1
}
fatal() { echo "not ok $1"; console | grep -a -E 'unknot|Failed|agent|Kernel panic|VFS' | tail -25 | sed 's/^/  /'; echo FAIL; exit 1; }

log "booting (qemu-system-aarch64 -M virt, TCG, virtio-gpu)"
until console | grep -aq 'Started unknot.service'; do
	if ! kill -0 "$QPID" 2>/dev/null || unit_failed || [ "$(since "$T_BOOT")" -ge "$BOOT_TIMEOUT" ]; then
		fatal "systemd started unknot.service within ${BOOT_TIMEOUT} s"
	fi
	sleep 1
done
T_READY=$(el "$T_BOOT")
log "boot to 'Started unknot.service' (READY=1 after the first frame): $T_READY s"
agent_open
GUEST_TIMEOUT=180 guest true >/dev/null || fatal "the test agent answers (virtio-serial)"

guest "systemctl show unknot.service -p Type -p ActiveState -p SubState -p StatusText -p User -p NRestarts" >"$OUT/unit-state.txt"
sed 's/^/  /' "$OUT/unit-state.txt"
st() { sed -n "s/^$1=//p" "$OUT/unit-state.txt"; }
check "unit active after READY=1 (Type=$(st Type), StatusText '$(st StatusText)')" \
	eval '[ "$(st Type)" = notify ] && [ "$(st ActiveState)" = active ] && [ "$(st StatusText)" = "home screen drawn" ]'
PID0=$(prop MainPID)
PUSER=$(guest "ps -o user= -p $PID0" | tr -d ' ')
check "runs as $PUSER, $(guest 'uname -m'), $(guest '. /etc/os-release; echo Debian $VERSION_ID')" \
	eval '[ "$PUSER" = unknot ] && [ "$(guest "uname -m")" = aarch64 ]'
ROOTOPT=$(guest "findmnt -no OPTIONS /" | cut -d, -f1)
DATA=$(guest "findmnt -no SOURCE,OPTIONS /etc/unknot; findmnt -no SOURCE /var/lib/unknot; findmnt -no SOURCE /var/log/journal" | tr '\n' ' ')
check "root file system read-only ($ROOTOPT); /etc/unknot, /var/lib/unknot, /var/log/journal on the data partition" \
	eval '[ "$ROOTOPT" = ro ] && echo "$DATA" | grep -q "etc-unknot.*rw" && echo "$DATA" | grep -q "/state" && echo "$DATA" | grep -q "/journal"'
FAILED=$(guest "systemctl --failed --plain --no-legend | cut -d' ' -f1" | xargs)
check "systemd-logind active (the kiosk's logind drop-in); failed units: ${FAILED:-none}" \
	eval '[ "$(guest "systemctl is-active systemd-logind")" = active ]'
CONF=$(guest "stat -c '%a %U:%G' /etc/unknot/config.json; journalctl -b -u unknot-kiosk-config -o cat | grep -oE 'admin PIN [0-9]{6}' | head -1")
check "config written at first boot with its own PIN ($(echo $CONF))" \
	eval 'echo "$CONF" | grep -q "^640 root:unknot" && echo "$CONF" | grep -Eq "admin PIN [0-9]{6}"'

changed() { drawn "$1"; }
wait_screen shot-1-first "${FRAME_WAIT:-120}"; rc=$?
T_FIRST=$(el "$T_BOOT")
check "first screen drawn: text and colour ($(describe "$OUT/shot-1-first.png"))" [ $rc = 0 ]

HOLD=${HOLD_MS:-150}
sleep 3
shot shot-2-safety
# The app's own lines (UNKNOT_TRACE=1 in the test image: one per button
# press, one per pedal gesture)
app_log() { console | grep -a 'unknot\[[0-9]*\]: ' | sed 's/.*unknot\[[0-9]*\]: //'; }
presses() { app_log | grep -a '^press [a-z_]* [0-9-]* on ' ; }
# Keys: "n", the keyboard's Next, which acts on its key down (safety: I
# understand; library: open the selected routine; preview: Start). Not the
# pedal's keys (Return, Space): the app tells their tap from a hold by the
# time between press and release as SDL stamps them when it reads them, and
# an emulated arm64 guest drawing a frame with Mesa's software GL takes
# longer than the 700 ms of a hold between the two reads: a first run's
# 150 ms Return and Space came as holds (the next safety page, the next
# routine) three times out of four.
# press KEY NAME BEFORE: sends KEY, waits for the screen to differ from
# BEFORE.png (NAME.png); sets T_KEY (s until it changed) and P (the app's
# press line).
press() {
	local before=$OUT/$3.png n0
	changed() { [ "$(diffpx "$before" "$1")" -gt 10000 ] && drawn "$1"; }
	n0=$(presses | wc -l)
	local t0=$(ts)
	mon "sendkey $1 $HOLD"
	wait_screen "$2" "${KEY_WAIT:-90}"; local rc=$?
	T_KEY=$(el "$t0")
	sleep 2; shot "$2"
	P=$(presses | sed -n "$((n0 + 1))p")
	return $rc
}
KEYS=
step() {  # step KEY NAME BEFORE WHAT APP-LINE: the screen changed, the app pressed APP-LINE
	local again= want=$5
	press "$1" "$2" "$3"; local rc=$?
	if [ $rc != 0 ]; then again=", pressed twice"; press "$1" "$2" "$3"; rc=$?; fi
	check "$1: $4 (app: '${P:-nothing}'; screen changed in ${T_KEY} s$again)" eval '[ $rc = 0 ] && case "$P" in "$want"*) true ;; *) false ;; esac'
	KEYS="$KEYS $1 ${T_KEY}s"
}
step n shot-3-library shot-2-safety "safety accepted, the library" "press accept 0 on safety"
step n shot-4-preview shot-3-library "a routine opened" "press card "
step n shot-5-run shot-4-preview "the session started" "press start 0 on preview"
sleep 2
guest "cat /var/lib/unknot/journal.jsonl" >"$OUT/guest-journal.jsonl"
check "journal on the data partition: session_start ($(wc -l <"$OUT/guest-journal.jsonl") lines)" \
	grep -q '"event":"session_start"' "$OUT/guest-journal.jsonl"

t=$(ts)
guest "kill -9 $PID0" >/dev/null
wait_restart "$PID0" 600; rc=$?
T_KILL=$(el "$t")
check "kill -9: systemd restarted it in $T_KILL s (pid $PID0 -> $(prop MainPID), NRestarts $(prop NRestarts))" [ $rc = 0 ]
changed() { drawn "$1"; }
wait_screen shot-6-after-kill 600; rc=$?
T_KILL_SCREEN=$(el "$t")
check "and it drew its first screen again ($T_KILL_SCREEN s after the kill)" [ $rc = 0 ]
check "no failure on the way (2xx exit codes, start limit)" \
	eval '! console | grep -aqE "unknot.service: (Main process exited, code=exited, status=2[0-9][0-9]|Failed with result .(exit-code|timeout|start-limit-hit|resources).)"'
mon "quit"; sleep 1
{
	echo "image build: ${T_IMAGE:-?} s"
	echo "boot -> READY (Started unknot.service): ${T_READY:-?} s"
	echo "boot -> first drawn screendump: ${T_FIRST:-?} s"
	echo "keys (screen changed after):${KEYS:-?}"
	echo "kill -9 -> active again: ${T_KILL:-?} s, drawn again: ${T_KILL_SCREEN:-?} s"
	echo "total: $(el "$T_ALL") s"
} >"$OUT/timings.txt"
sed 's/^/image-vm: /' "$OUT/timings.txt"
echo "image-vm: screenshots: $(ls "$OUT"/shot-*.png | tr '\n' ' ')"
if [ "$fails" = 0 ]; then echo PASS; exit 0; fi
echo "FAIL ($fails checks)"; exit 1
