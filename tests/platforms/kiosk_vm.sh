#!/bin/bash
# Boots systemd/unknot.service for real: a Debian 12 amd64 VM (QEMU, software
# emulation), systemd as PID 1, unknot installed with `make install` and
# started by the hardened unit on tty1 through SDL's KMSDRM backend. Then it
# looks at the screen (QEMU screendump) and presses the space bar (the pedal's
# default key) through the QEMU monitor.
#
#   sudo bash tests/platforms/kiosk_vm.sh     (about 2.5 min the first time, ~1 min cached)
#
# Checks: the unit starts (no 216/GROUP etc.), unknot logs KMSDRM + the
# opengles2 renderer and its first frame, the screen shows a drawn UI (many
# colours, not one clear colour), the missing GPIO chip is reported and the
# app goes on, a key press reaches the app through evdev (a "gesture" trace
# line), and the state directory holds the journal folder. Prints
# "ok ..."/"not ok ..." lines; exit 77 when the machine cannot run it.
# The root (debootstrap, ~1 GB) is cached in
# ${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/kiosk-vm-bookworm; screenshots
# and the serial console go to $OUT (default build/kiosk-vm).
set -u
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
R=$CACHE/kiosk-vm-bookworm
OUT=${OUT:-$ROOT_DIR/build/kiosk-vm}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-300}
CONVERT=/usr/bin/convert   # ImageMagick's (a stand-in may shadow it in PATH)

skip() { echo "kiosk-vm: skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
if [ -z "${SKIP_APT:-}" ]; then
	DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
		--no-install-recommends debootstrap qemu-system-x86 qemu-utils socat e2fsprogs imagemagick \
		>/dev/null 2>&1 || echo "kiosk-vm: apt-get install failed; trying with what is there"
fi
for t in debootstrap qemu-system-x86_64 socat mkfs.ext4 "$CONVERT"; do
	command -v "$t" >/dev/null 2>&1 || skip "$t missing"
done
mkdir -p "$OUT" "$CACHE"

# 1. the app, built natively (host and guest are both Debian 12 amd64)
make -C "$ROOT_DIR" -s unknot unknot-pedal >"$OUT/build.log" 2>&1 || { tail "$OUT/build.log"; echo "not ok kiosk-vm build"; exit 1; }

# 2. the guest root (cached): systemd, a kernel, Mesa, unknot's runtime libraries
PKGS=systemd-sysv,udev,dbus,kmod,procps,linux-image-amd64
PKGS=$PKGS,libsdl2-2.0-0,libsdl2-ttf-2.0-0,libsdl2-mixer-2.0-0,libgpiod2,libcjson1,libespeak-ng1
PKGS=$PKGS,fonts-dejavu-core,libdrm2,libgbm1,libegl1,libegl-mesa0,libgles2,libgl1-mesa-dri
if [ ! -e "$R/.unknot-root-ok" ]; then
	grep -q " $R/" /proc/mounts && { echo "kiosk-vm: mounts inside $R"; exit 1; }
	rm -rf "$R"
	echo "kiosk-vm: debootstrap bookworm (once; cached in $R)"
	debootstrap --variant=minbase --include="$PKGS" bookworm "$R" "$MIRROR" >"$CACHE/debootstrap-kiosk.log" 2>&1 ||
		{ tail -5 "$CACHE/debootstrap-kiosk.log"; rm -rf "$R"; skip "debootstrap failed"; }
	chroot "$R" apt-get clean
	touch "$R/.unknot-root-ok"
fi

# 3. install exactly as README "Kiosk install" says
echo kiosk-vm >"$R/etc/hostname"
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$R/etc/fstab"
make -C "$ROOT_DIR" -s install DESTDIR="$R" PREFIX=/usr/local >>"$OUT/build.log" 2>&1 || { echo "not ok make install"; exit 1; }
chroot "$R" getent group gpio >/dev/null || chroot "$R" groupadd --system gpio
chroot "$R" getent passwd unknot >/dev/null ||
	chroot "$R" useradd --system --user-group --home-dir /var/lib/unknot --no-create-home \
		--shell /usr/sbin/nologin unknot
mkdir -p "$R/etc/unknot"
printf '{ "mode": "kiosk", "pedals": [ { "line": "GPIO17" } ] }\n' >"$R/etc/unknot/config.json"
install -m 644 "$ROOT_DIR/systemd/unknot.service" "$R/etc/systemd/system/unknot.service"
# test-only: trace lines (first frame, gestures) on the serial console
mkdir -p "$R/etc/systemd/system/unknot.service.d" "$R/etc/systemd/journald.conf.d"
printf '[Service]\nEnvironment=UNKNOT_TRACE=1\n' >"$R/etc/systemd/system/unknot.service.d/trace.conf"
printf '[Journal]\nForwardToConsole=yes\nTTYPath=/dev/ttyS0\nMaxLevelConsole=info\n' \
	>"$R/etc/systemd/journald.conf.d/serial.conf"
chroot "$R" systemctl enable unknot.service >/dev/null 2>&1
chroot "$R" systemctl mask serial-getty@ttyS0.service >/dev/null 2>&1
chroot "$R" systemctl set-default multi-user.target >/dev/null 2>&1
SYSTEMD_COLORS=0 systemd-analyze security --offline=true --root="$R" unknot.service >"$OUT/security.txt" 2>&1
echo "kiosk-vm: $(grep -a 'Overall exposure' "$OUT/security.txt")"
KVER=$(ls "$R"/boot/vmlinuz-* | sed 's/.*vmlinuz-//' | sort -V | tail -1)

# 4. disk image (no loop devices: mkfs.ext4 -d)
SIZE_MB=$(( $(du -sm "$R" | cut -f1) + 256 ))
rm -f "$OUT/disk.img"
truncate -s ${SIZE_MB}M "$OUT/disk.img"
mkfs.ext4 -q -F -L root -d "$R" "$OUT/disk.img" >"$OUT/mkfs.log" 2>&1 || { cat "$OUT/mkfs.log"; echo "not ok mkfs"; exit 1; }

# 5. boot
rm -f "$OUT/console.log" "$OUT/mon.sock" "$OUT"/shot*
start=$(date +%s)
qemu-system-x86_64 -accel tcg -smp 2 -m 1024 -nic none -no-reboot \
	-kernel "$R/boot/vmlinuz-$KVER" -initrd "$R/boot/initrd.img-$KVER" \
	-append "root=/dev/vda rw console=tty0 console=ttyS0 panic=-1" \
	-drive file="$OUT/disk.img",if=virtio,format=raw -vga none -device virtio-gpu-pci -display none \
	-serial file:"$OUT/console.log" -monitor unix:"$OUT/mon.sock",server=on,wait=off >"$OUT/qemu.log" 2>&1 &
QPID=$!
trap 'kill $QPID 2>/dev/null; rm -f "$OUT/disk.img"' EXIT
mon() { printf '%s\n' "$@" | socat -t 0.5 - UNIX-CONNECT:"$OUT/mon.sock" >/dev/null 2>&1; }
app_log() { grep -a 'unknot' "$OUT/console.log" | tr -d '\r'; }

until grep -aq 'first frame presented' "$OUT/console.log" 2>/dev/null; do
	kill -0 $QPID 2>/dev/null || { echo "not ok qemu exited early"; exit 1; }
	if [ $(($(date +%s) - start)) -ge "$BOOT_TIMEOUT" ]; then
		echo "not ok first frame within ${BOOT_TIMEOUT} s"; app_log | tail -20; exit 1
	fi
	sleep 0.5
done
echo "kiosk-vm: boot to first frame $(($(date +%s) - start)) s"
# shot0: the first frame, no input yet (a kiosk must not wait for a touch to
# show something); shot1: after one press of the pedal's default key.
sleep 5
mon "screendump $OUT/shot0.ppm"; sleep 1
mon "sendkey spc"
# the recogniser names a tap once the double-tap window has passed
for i in $(seq 1 120); do grep -aq 'unknot: gesture ' "$OUT/console.log" && break; sleep 0.5; done
sleep 1
mon "screendump $OUT/shot1.ppm"; sleep 1
mon "quit"; sleep 1

fails=0
check() { if eval "$2"; then echo "ok $1"; else echo "not ok $1"; fails=$((fails + 1)); fi; }
check "unit started unknot on KMSDRM with the opengles2 renderer" \
	"app_log | grep -q 'video driver=KMSDRM renderer=opengles2 fullscreen'"
check "first frame presented" "app_log | grep -q 'first frame presented'"
check "no GPIO chip: said once, app goes on" \
	"[ \$(app_log | grep -c 'no GPIO chip found') -ge 1 ]"
check "a key press reaches the app through evdev (gesture traced)" "app_log | grep -q 'gesture '"
check "unit did not fail (no status=2xx)" "! grep -aq 'unknot.service: Main process exited, code=exited, status=2[0-9][0-9]' '$OUT/console.log'"
for s in 0 1; do
	[ -s "$OUT/shot$s.ppm" ] && "$CONVERT" "$OUT/shot$s.ppm" "$OUT/shot$s.png"
done
ncol0=$("$CONVERT" "$OUT/shot0.png" -format '%k' info: 2>/dev/null || echo 0)
ncol1=$("$CONVERT" "$OUT/shot1.png" -format '%k' info: 2>/dev/null || echo 0)
check "first frame visible before any input ($ncol0 colours)" "[ '${ncol0:-0}' -gt 20 ]"
check "screen shows a drawn UI after a key press ($ncol1 colours)" "[ '${ncol1:-0}' -gt 20 ]"
echo "kiosk-vm: app log:"; app_log | sed 's/^/  /' | grep -v 'kernel:' | tail -25
echo "kiosk-vm: screenshots $OUT/shot0.png $OUT/shot1.png"
[ "$fails" = 0 ]
