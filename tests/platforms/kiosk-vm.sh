#!/bin/bash
# Proves systemd/unknot.service, exactly as the repository ships it, on a real
# boot: Debian 12 (bookworm) amd64 under QEMU (software emulation, TCG), systemd
# as PID 1, virtio-gpu, unknot installed with `make install` and started by the
# unit on tty1 through SDL's KMSDRM backend. It then watches the screen through
# the QEMU monitor (screendump) and presses keys there (sendkey):
#
#   1. the unit starts unknot (no 216/GROUP, 217/USER, ...), which logs
#      "video driver=KMSDRM renderer=opengles2";
#   2. the first screen appears: screendumps are polled until the screen is
#      not one colour (more than 20 colours: the safety screen's text);
#   3. Return (a pedal key: a tap = "I understand") changes the screen;
#   4. Space (also a pedal key: open the selected routine) changes it again.
#
#   sudo bash tests/platforms/kiosk-vm.sh     (~2.5 min with debootstrap, ~1 min cached)
#
# Not part of `make test` (minutes, root, network the first time).
# The guest root is made once with debootstrap and cached as a tarball in
# ${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/kiosk-vm-bookworm-amd64.tar.zst
# (REBUILD_ROOT=1 makes it again); each run unpacks a fresh copy next to it.
# Outputs in $OUT (default build/platforms/kiosk-vm): shot-*.png, console.log
# (serial: kernel, systemd, the journal), security.txt (systemd-analyze).
# Env: SKIP_APT=1 (no host apt-get), ACCEL=kvm (default tcg), GPU=std
# (bochs-drm instead of virtio-gpu), TRACE=1 (a drop-in with UNKNOT_TRACE=1:
# the app logs its first frame and each gesture), HOLD_MS (key press length,
# default 300), FRAME_WAIT (s to wait for the first screen, default 60), KEEP=1 (keep disk image and
# root), BOOT_TIMEOUT (s, default 600), MIRROR.
# Last line PASS (exit 0) or FAIL (exit 1); exit 77 when this machine cannot
# run it (not root, packages missing, no network for debootstrap).
set -u
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
TARBALL=$CACHE/kiosk-vm-bookworm-amd64.tar.zst
OUT=${OUT:-$ROOT_DIR/build/platforms/kiosk-vm}
# The scratch root lives outside build/: the Makefile's `find build -name '*.d'`
# would take its /etc/rc?.d folders for dependency files.
R=$CACHE/kiosk-vm-root
MIRROR=${MIRROR:-http://deb.debian.org/debian}
ACCEL=${ACCEL:-tcg}
GPU=${GPU:-virtio}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-600}
CONVERT=/usr/bin/convert   # ImageMagick's (a stand-in may shadow it in PATH)
COMPARE=/usr/bin/compare

ts() { date +%s.%N; }
el() { awk -v a="$1" -v b="$(ts)" 'BEGIN { printf "%.1f", b - a }'; }
log() { echo "kiosk-vm: $*"; }
skip() { echo "kiosk-vm: skipped: $*"; exit 77; }
fails=0
check() {  # check NAME CONDITION...
	local name=$1; shift
	if "$@"; then echo "ok $name"; else echo "not ok $name"; fails=$((fails + 1)); fi
}
T_ALL=$(ts)

[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot)"
HOST_PKGS="debootstrap qemu-system-x86 qemu-utils socat e2fsprogs imagemagick zstd"
if [ -z "${SKIP_APT:-}" ]; then
	missing=$(for p in $HOST_PKGS; do dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null |
		grep -q '^install ok installed' || echo "$p"; done | tr '\n' ' ')
	if [ -n "${missing% }" ]; then
		t=$(ts)
		DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q \
			--no-install-recommends $missing >/dev/null 2>&1 || log "apt-get install $missing failed"
		log "apt: $missing($(el "$t") s)"
	fi
fi
for tool in debootstrap chroot qemu-system-x86_64 socat mkfs.ext4 zstd "$CONVERT" "$COMPARE"; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool missing (apt-get install $HOST_PKGS)"
done
mkdir -p "$OUT" "$CACHE"
# Never delete a tree that has something mounted inside it.
mounted_inside() { grep -q " $1/" /proc/mounts; }

# 1. unknot, built natively (host and guest are both Debian 12 amd64)
t=$(ts)
make -C "$ROOT_DIR" -s unknot unknot-pedal >"$OUT/build.log" 2>&1 ||
	{ tail "$OUT/build.log"; echo "not ok build"; echo FAIL; exit 1; }
log "make: $(el "$t") s"

# 2. the guest root, cached as a tarball: systemd, a kernel + initrd, Mesa,
#    the libraries unknot links (SDL2, SDL2_ttf, SDL2_mixer, libgpiod, cJSON,
#    espeak-ng) and a font. The kernel's postinst builds the initrd (virtio
#    and ext4 included).
PKGS=systemd-sysv,udev,dbus,kmod,procps,linux-image-amd64
PKGS=$PKGS,libsdl2-2.0-0,libsdl2-ttf-2.0-0,libsdl2-mixer-2.0-0,libgpiod2,libcjson1,libespeak-ng1,libmosquitto1
PKGS=$PKGS,fonts-dejavu-core,libdrm2,libgbm1,libegl1,libegl-mesa0,libgles2,libgl1-mesa-dri
# A cached root made with another package list (e.g. before libmosquitto1) is made again.
[ -s "$TARBALL" ] && [ "$(cat "$TARBALL.pkgs" 2>/dev/null)" != "$PKGS" ] && REBUILD_ROOT=1
if [ -n "${REBUILD_ROOT:-}" ] || [ ! -s "$TARBALL" ]; then
	B=$CACHE/kiosk-vm-debootstrap
	mounted_inside "$B" && { echo "not ok $B has mounts inside"; echo FAIL; exit 1; }
	rm -rf "$B"
	t=$(ts)
	log "debootstrap bookworm (once; cached in $TARBALL)"
	debootstrap --variant=minbase --include="$PKGS" bookworm "$B" "$MIRROR" \
		>"$CACHE/debootstrap-kiosk-vm.log" 2>&1 ||
		{ tail -5 "$CACHE/debootstrap-kiosk-vm.log"; rm -rf "$B"; skip "debootstrap failed (network? $CACHE/debootstrap-kiosk-vm.log)"; }
	chroot "$B" apt-get clean
	log "debootstrap: $(el "$t") s, $(du -sh "$B" | cut -f1)"
	t=$(ts)
	tar -C "$B" --numeric-owner -cf - . | zstd -q -T0 -3 -o "$TARBALL.tmp" && mv "$TARBALL.tmp" "$TARBALL" ||
		{ rm -f "$TARBALL.tmp"; echo "not ok tarball"; echo FAIL; exit 1; }
	rm -rf "$B"
	echo "$PKGS" >"$TARBALL.pkgs"
	log "tarball: $(el "$t") s, $(du -h "$TARBALL" | cut -f1)"
fi
mounted_inside "$R" && { echo "not ok $R has mounts inside"; echo FAIL; exit 1; }
rm -rf "$R"
mkdir -p "$R"
t=$(ts)
zstd -q -d -c "$TARBALL" | tar -C "$R" --numeric-owner -xf - ||
	{ echo "not ok unpack $TARBALL (REBUILD_ROOT=1 to make it again)"; echo FAIL; exit 1; }
log "unpack root: $(el "$t") s"

# 3. install as a user would: make install, the unit as shipped, its user and groups
t=$(ts)
make -C "$ROOT_DIR" -s install DESTDIR="$R" PREFIX=/usr/local >>"$OUT/build.log" 2>&1 ||
	{ tail "$OUT/build.log"; echo "not ok make install"; echo FAIL; exit 1; }
UNIT=$ROOT_DIR/systemd/unknot.service
unit_val() { sed -n "s/^$1=//p" "$UNIT" | tail -1; }
U_USER=$(unit_val User) U_GROUP=$(unit_val Group) U_GROUPS=$(unit_val SupplementaryGroups)
created=
for g in $U_GROUP $U_GROUPS; do
	chroot "$R" getent group "$g" >/dev/null && continue
	[ "$g" = "$U_GROUP" ] && [ "$U_USER" = "$U_GROUP" ] && continue   # useradd --user-group makes it
	chroot "$R" groupadd --system "$g" && created="$created $g"
done
[ -n "$created" ] && log "groups the unit names that Debian lacks, created:$created"
chroot "$R" getent passwd "$U_USER" >/dev/null ||
	chroot "$R" useradd --system --user-group --home-dir /nonexistent --no-create-home \
		--shell /usr/sbin/nologin "$U_USER"
install -m 644 "$UNIT" "$R/etc/systemd/system/unknot.service"
if [ -n "${TRACE:-}" ]; then   # test-only: first-frame and gesture lines in the journal
	mkdir -p "$R/etc/systemd/system/unknot.service.d"
	printf '[Service]\nEnvironment=UNKNOT_TRACE=1\n' >"$R/etc/systemd/system/unknot.service.d/trace.conf"
fi
chroot "$R" systemctl enable unknot.service >/dev/null 2>&1
# The journal (the unit logs there) mirrored on the serial console; agetty on
# ttyS0 would vhangup() the line, so it is masked.
mkdir -p "$R/etc/systemd/journald.conf.d"
printf '[Journal]\nForwardToConsole=yes\nTTYPath=/dev/ttyS0\nMaxLevelConsole=info\n' \
	>"$R/etc/systemd/journald.conf.d/serial.conf"
chroot "$R" systemctl mask serial-getty@ttyS0.service >/dev/null 2>&1
chroot "$R" systemctl set-default multi-user.target >/dev/null 2>&1
echo kiosk-vm >"$R/etc/hostname"
echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$R/etc/fstab"
SYSTEMD_COLORS=0 systemd-analyze security --offline=true --root="$R" unknot.service \
	>"$OUT/security.txt" 2>&1
SCORE=$(grep -a 'Overall exposure' "$OUT/security.txt" | sed 's/.*: //')
NOTFOUND=$(chroot "$R" ldd /usr/local/bin/unknot 2>&1 | grep 'not found' | tr -d '\t' | tr '\n' ' ')
check "unknot's libraries are all in the guest${NOTFOUND:+ (missing: $NOTFOUND)}" [ -z "$NOTFOUND" ]
KVER=$(ls "$R"/boot/vmlinuz-* | sed 's/.*vmlinuz-//' | sort -V | tail -1)
[ -e "$R/boot/initrd.img-$KVER" ] || { echo "not ok no initrd for $KVER"; echo FAIL; exit 1; }
SIZE_MB=$(( $(du -sm "$R" | cut -f1) + 256 ))
rm -f "$OUT/disk.img"
truncate -s ${SIZE_MB}M "$OUT/disk.img"
mkfs.ext4 -q -F -L root -d "$R" "$OUT/disk.img" >"$OUT/mkfs.log" 2>&1 ||
	{ cat "$OUT/mkfs.log"; echo "not ok mkfs"; echo FAIL; exit 1; }
cp "$R"/boot/vmlinuz-"$KVER" "$R"/boot/initrd.img-"$KVER" "$OUT"/
[ -n "${KEEP:-}" ] || rm -rf "$R"
log "install + image: $(el "$t") s (${SIZE_MB} MiB image); systemd-analyze security: ${SCORE:-?}"

# 4. boot
rm -f "$OUT/console.log" "$OUT/mon.sock" "$OUT"/shot-* "$OUT"/poll.*
case $ACCEL in
kvm) ACC=(-enable-kvm) ;;
*) ACC=(-accel tcg) ;;
esac
case $GPU in
std) GPUARGS=(-vga std) ;;
*) GPUARGS=(-vga none -device virtio-gpu-pci) ;;
esac
T_BOOT=$(ts)
qemu-system-x86_64 "${ACC[@]}" -smp 2 -m 1024 -nic none -no-reboot \
	-kernel "$OUT/vmlinuz-$KVER" -initrd "$OUT/initrd.img-$KVER" \
	-append "root=/dev/vda rw console=tty0 console=ttyS0 panic=-1" \
	-drive file="$OUT/disk.img",if=virtio,format=raw "${GPUARGS[@]}" -display none \
	-serial file:"$OUT/console.log" -monitor unix:"$OUT/mon.sock",server=on,wait=off \
	>"$OUT/qemu.log" 2>&1 &
QPID=$!
cleanup() {
	kill "$QPID" 2>/dev/null
	[ -n "${KEEP:-}" ] || rm -f "$OUT/disk.img"
}
trap cleanup EXIT
mon() { printf '%s\n' "$@" | socat -t 0.5 - UNIX-CONNECT:"$OUT/mon.sock" >/dev/null 2>&1; }
console() { [ -e "$OUT/console.log" ] && tr -d '\r' <"$OUT/console.log"; }
app_log() { console | grep -a 'unknot\[[0-9]*\]: ' | sed 's/.*unknot\[[0-9]*\]: //'; }
unit_failed() { console | grep -aqE 'unknot.service: (Main process exited, code=exited, status=2[0-9][0-9]|Failed with result)'; }
# shot NAME: a screendump as $OUT/NAME.png (waits for the PPM to be complete)
shot() {
	rm -f "$OUT/$1.ppm"
	mon "screendump $OUT/$1.ppm"
	local i=0 s0=-1 s1
	while [ $i -lt 20 ]; do
		s1=$(stat -c %s "$OUT/$1.ppm" 2>/dev/null || echo 0)
		[ "$s1" -gt 0 ] && [ "$s1" = "$s0" ] && break
		s0=$s1; i=$((i + 1)); sleep 0.2
	done
	"$CONVERT" "$OUT/$1.ppm" "$OUT/$1.png" 2>/dev/null && rm -f "$OUT/$1.ppm"
}
colours() { "$CONVERT" "$1" -format '%k' info: 2>/dev/null || echo 0; }
# pixels that differ between two shots (fuzz 5% for scaling noise)
diffpx() { "$COMPARE" -metric AE -fuzz 5% "$1" "$2" null: 2>&1 | awk '{ printf "%d", $1 + 0 }'; }
wait_screen() {  # wait_screen NAME TIMEOUT: polls until changed() holds
	local end=$(( $(date +%s) + $2 ))
	while :; do
		shot "$1"
		changed "$OUT/$1.png" && return 0
		[ "$(date +%s)" -lt "$end" ] && kill -0 "$QPID" 2>/dev/null || return 1
		sleep 0.5
	done
}
not_uniform() { [ "$(colours "$1")" -gt 20 ]; }

log "booting ($ACCEL, $GPU)"
# unknot says nothing on a normal start (its "video driver=" and "first frame"
# lines need UNKNOT_TRACE=1): wait for systemd to start the unit, then for the
# screen to show something.
until console | grep -aq 'Started unknot.service'; do
	if ! kill -0 "$QPID" 2>/dev/null || unit_failed ||
		[ "$(awk -v a="$T_BOOT" -v b="$(ts)" 'BEGIN { print int(b - a) }')" -ge "$BOOT_TIMEOUT" ]; then
		echo "not ok systemd started unknot.service within ${BOOT_TIMEOUT} s"
		console | grep -a -E 'unknot|Failed' | tail -20 | sed 's/^/  /'
		echo FAIL; exit 1
	fi
	sleep 0.5
done
T_STARTED=$(el "$T_BOOT")
log "boot to 'Started unknot.service': $T_STARTED s"
changed() { not_uniform "$1"; }
wait_screen shot-1-first "${FRAME_WAIT:-60}"; first_ok=$?
T_FIRST=$(el "$T_BOOT")
log "boot to the last first-screen poll: $T_FIRST s ($(colours "$OUT/shot-1-first.png") colours)"
check "first screen drawn (not one colour) without any input, within ${FRAME_WAIT:-60} s of the unit's start" [ $first_ok = 0 ]
[ $first_ok = 0 ] || log "the screen stayed black until the first input. Seen here: a frame presented at start does not stay on the screen, one presented ~3 s later does (virtio-gpu and -vga std alike)"
# A foot tap, not a flick: QEMU's default 100 ms key press was lost about
# half the time here (TCG on a busy 2-core host: SDL reads the press and the
# release in one go, stamps both with the same time, and the 30 ms debounce
# drops them). HOLD_MS=100 shows it.
HOLD=${HOLD_MS:-300}
sleep 2
shot shot-2-before-return
# press KEY NAME: sends KEY, waits up to 20 s for the screen to change (and
# stop changing), leaves it as NAME.png; sets T_KEY (s until it changed)
press() {
	local before=$OUT/$3.png name=$2
	changed() { [ "$(diffpx "$before" "$1")" -gt 10000 ] && not_uniform "$1"; }
	local t0=$(ts)
	mon "sendkey $1 $HOLD"
	wait_screen "$name" 20; local rc=$?
	T_KEY=$(el "$t0")
	sleep 2; shot "$name"   # the settled screen
	return $rc
}
# Return: a pedal key (tap = next). On the safety screen: "I understand".
press ret shot-3-after-return shot-2-before-return; rc=$?
check "Return (pedal tap) changed the screen in ${T_KEY} s ($(diffpx "$OUT/shot-2-before-return.png" "$OUT/shot-3-after-return.png") pixels)" [ $rc = 0 ]
T_RET=$T_KEY
# Space: the same pedal. On the routine list: open the selected routine.
press spc shot-4-after-space shot-3-after-return; rc=$?
check "Space (pedal tap) changed the screen in ${T_KEY} s ($(diffpx "$OUT/shot-3-after-return.png" "$OUT/shot-4-after-space.png") pixels)" [ $rc = 0 ]
T_SPC=$T_KEY
sleep 1
mon "quit"; sleep 1

if [ -n "${TRACE:-}" ]; then
	DRV=$(app_log | grep -m1 'video driver=')
	check "KMSDRM with the opengles2 renderer ($DRV)" eval "app_log | grep -q 'video driver=KMSDRM renderer=opengles2'"
	check "the app saw two taps: accept on safety, then a routine card" \
		eval "app_log | grep -q 'press accept 0 on safety' && app_log | grep -q 'press card [0-9]* on library'"
fi
check "unit did not fail or restart" eval "! unit_failed && [ \$(console | grep -ac 'Started unknot.service') = 1 ]"
echo "kiosk-vm: systemd-analyze security (offline): ${SCORE:-?}"
echo "kiosk-vm: app log:"; app_log | grep -v '^ALSA lib' | head -20 | sed 's/^/  /'
echo "kiosk-vm: screenshots: $(ls "$OUT"/shot-*.png | tr '\n' ' ')"
echo "kiosk-vm: timings: boot->unit started ${T_STARTED} s, boot->screen ${T_FIRST} s, Return->change ${T_RET} s, Space->change ${T_SPC} s, total $(el "$T_ALL") s"
if [ "$fails" = 0 ]; then echo PASS; exit 0; fi
echo "FAIL ($fails checks)"; exit 1
