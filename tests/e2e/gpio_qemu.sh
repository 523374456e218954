#!/bin/sh
# gpio_qemu: unknot-pedal against a real GPIO line in a real Linux kernel, no
# hardware needed. Debian's arm64 kernel boots under qemu-system-aarch64 -M
# virt (TCG) from a small busybox initramfs; the board's PL061 GPIO chip is
# /dev/gpiochip0 and QEMU's monitor command `system_powerdown` pulses its
# line 3 (~100 ms; repeated every 50 ms it makes one long press).
#
# Checks: unknot-pedal, cross-built for arm64, reports exactly the 3 taps and
# the one ~1.2 s hold pressed, with sensible durations; it notices the chip
# going away (driver unbound) and re-opens the line when it comes back; with
# gpio_keys.ko loaded it reports the line as busy and names the consumer.
#
# Needs (make test-deps installs them): qemu-system-arm gcc-aarch64-linux-gnu
# libc6-dev-arm64-cross libgpiod-dev:arm64 libcjson-dev:arm64 cpio socat, and
# `apt-get download` access for busybox-static:arm64 and the arm64 kernel
# (cached in ${XDG_CACHE_HOME:-~/.cache}/unknot-test/gpio-qemu; set
# UNKNOT_KERNEL_DEB=FILE to use a given linux-image-*-arm64 .deb). Skips
# (exit 77) when any of this is missing; UNKNOT_SKIP_QEMU=1 skips it too.
# Takes about 20-40 s.
set -u

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
T0=$(date +%s)
skip() { echo "skipped: $*"; exit 77; }
log() { echo "# [+$(($(date +%s) - T0))s] $*"; }

[ "${UNKNOT_SKIP_QEMU:-0}" = 1 ] && skip "UNKNOT_SKIP_QEMU=1"
# make valgrind: nothing here runs a host binary valgrind could check (the
# arm64 build runs inside the VM); make test runs it.
[ -n "${UNKNOT_UNDER_VALGRIND:-}" ] && skip "under valgrind: only an arm64 binary inside QEMU, nothing to check"
for tool in qemu-system-aarch64 aarch64-linux-gnu-gcc aarch64-linux-gnu-readelf socat cpio \
	gzip dpkg-deb apt-get apt-cache; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool not found (make test-deps installs it)"
done
ARCHLIB=/usr/lib/aarch64-linux-gnu
[ -e $ARCHLIB/libgpiod.a ] || [ -e $ARCHLIB/libgpiod.so ] ||
	skip "libgpiod-dev:arm64 not installed (make test-deps installs it)"
[ -e $ARCHLIB/libcjson.so ] || skip "libcjson-dev:arm64 not installed (make test-deps installs it)"

CACHE=${UNKNOT_TEST_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/unknot-test}/gpio-qemu
mkdir -p "$CACHE" || skip "cannot create the cache folder $CACHE"
WORK=$(mktemp -d)
QPID=
cleanup() {
	[ -n "$QPID" ] && kill "$QPID" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# apt-get download PKG into the cache (atomically, so parallel runs are safe)
fetch() {
	d=$(mktemp -d "$CACHE/dl.XXXXXX") || return 1
	if (cd "$d" && apt-get download -qq "$1" >"$d/log" 2>&1); then
		for f in "$d"/*.deb; do mv "$f" "$CACHE/"; done
		rm -rf "$d"
		return 0
	fi
	sed 's/^/# apt-get: /' "$d/log" | grep -v unsandboxed
	rm -rf "$d"
	return 1
}

# ---------------------------------------------------------------- downloads
BB_DEB=$(ls "$CACHE"/busybox-static_*_arm64.deb 2>/dev/null | tail -1)
if [ -z "$BB_DEB" ]; then
	log "downloading busybox-static:arm64"
	fetch busybox-static:arm64 || skip "cannot apt-get download busybox-static:arm64 (dpkg --add-architecture arm64 && apt-get update?)"
	BB_DEB=$(ls "$CACHE"/busybox-static_*_arm64.deb | tail -1)
fi
KDEB=${UNKNOT_KERNEL_DEB:-}
if [ -z "$KDEB" ]; then
	# the image package the meta package points to now; else any cached one
	KPKG=$(apt-cache depends linux-image-arm64:arm64 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/{print $2; exit}')
	KPKG=${KPKG%:arm64}
	[ -n "$KPKG" ] && KDEB=$(ls "$CACHE/${KPKG}"_*_arm64.deb 2>/dev/null | tail -1)
	if [ -z "$KDEB" ] && [ -n "$KPKG" ]; then
		log "downloading $KPKG:arm64 (~60 MB, once)"
		fetch "$KPKG:arm64" && KDEB=$(ls "$CACHE/${KPKG}"_*_arm64.deb 2>/dev/null | tail -1)
	fi
	[ -z "$KDEB" ] && KDEB=$(ls "$CACHE"/linux-image-*-arm64_*_arm64.deb 2>/dev/null | tail -1)
	[ -n "$KDEB" ] || skip "no arm64 kernel .deb (apt-get download linux-image-arm64:arm64 failed)"
fi
[ -r "$KDEB" ] || skip "cannot read $KDEB"

# the kernel image and gpio_keys.ko, extracted once per .deb
KX="$CACHE/x-$(basename "$KDEB" .deb)"
if [ ! -e "$KX/done" ]; then
	log "extracting $(basename "$KDEB")"
	KXT=$(mktemp -d "$CACHE/x.XXXXXX") || skip "cannot write to $CACHE"
	dpkg-deb --fsys-tarfile "$KDEB" | tar -x -C "$KXT" --wildcards \
		'./boot/vmlinuz-*' '*/gpio_keys.ko*' || { rm -rf "$KXT"; skip "cannot extract $KDEB"; }
	touch "$KXT/done"
	# another run may have finished first: keep its copy
	mv -T "$KXT" "$KX" 2>/dev/null || rm -rf "$KXT"
fi
KIMG=$(ls "$KX"/boot/vmlinuz-* | head -1)
GPIO_KEYS=$(find "$KX" -name 'gpio_keys.ko*' | head -1)
[ -n "$KIMG" ] && [ -n "$GPIO_KEYS" ] || skip "kernel .deb without vmlinuz or gpio_keys.ko"
case "$GPIO_KEYS" in *.ko) ;; *) skip "gpio_keys is compressed ($GPIO_KEYS)" ;; esac

# ---------------------------------------------------------------- cross-build
log "cross-building unknot-pedal for arm64"
GPIOD_MAJOR=$(PKG_CONFIG_LIBDIR=$ARCHLIB/pkgconfig pkg-config --modversion libgpiod 2>/dev/null | cut -d. -f1)
BACKEND=src/io/gpio_v1.c
[ "$GPIOD_MAJOR" = 2 ] && BACKEND=src/io/gpio_v2.c
VERSION=$(sed -n 's/^VERSION *:= *//p' "$ROOT/Makefile")
# libcjson-dev:arm64 ships no static library: libgpiod is linked in
# statically, glibc and cJSON dynamically (copied into the initramfs below)
(cd "$ROOT" && aarch64-linux-gnu-gcc -std=c11 -O2 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-DUNKNOT_VERSION="\"$VERSION\"" -DUNKNOT_DATADIR=\"/usr/share/unknot\" -Isrc -I/usr/include/cjson \
	-o "$WORK/unknot-pedal" src/pedal_main.c src/io/gpio.c $BACKEND src/io/paths.c src/io/configfile.c src/io/clock.c src/io/i18n.c src/io/log.c src/core/*.c \
	-Wl,-Bstatic -lgpiod -Wl,-Bdynamic -lcjson -lm) >"$WORK/cc.log" 2>&1 || {
	cat "$WORK/cc.log"
	echo "not ok gpio_qemu: cross-build of unknot-pedal for arm64"
	exit 1
}

# ---------------------------------------------------------------- initramfs
R=$WORK/rootfs
mkdir -p "$R/bin" "$R/sbin" "$R/usr/bin" "$R/usr/sbin" "$R/etc" "$R/lib/aarch64-linux-gnu" "$R/lib/modules" "$R/proc" "$R/sys" \
	"$R/dev" "$R/tmp"
dpkg-deb --fsys-tarfile "$BB_DEB" | tar -x -O ./bin/busybox >"$R/bin/busybox" ||
	skip "cannot extract busybox from $BB_DEB"
chmod 755 "$R/bin/busybox"
cp "$ROOT/tests/qemu/guest-init.sh" "$R/init" && chmod 755 "$R/init"
cp "$WORK/unknot-pedal" "$R/bin/"
cp "$GPIO_KEYS" "$R/lib/modules/gpio_keys.ko"
# the PL061 line idles low and pulses high: an active-high switch
cat >"$R/etc/pedal.json" <<'EOF'
{ "pedals": [ { "chip": "gpiochip0", "offset": 3, "active_low": false, "bias": "as-is" } ] }
EOF
# the chip by its label, which survives re-plugging (its number does not)
cat >"$R/etc/pedal-label.json" <<'EOF'
{ "pedals": [ { "chip": "9030000.pl061", "offset": 3, "active_low": false, "bias": "as-is" } ] }
EOF

# the arm64 loader and the shared libraries unknot-pedal needs, recursively
LIBDIRS="/usr/aarch64-linux-gnu/lib /lib/aarch64-linux-gnu $ARCHLIB"
copy_needed() {
	for lib in $(aarch64-linux-gnu-readelf -d "$1" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
		[ -e "$R/lib/aarch64-linux-gnu/$lib" ] || [ -e "$R/lib/$lib" ] && continue
		found=
		for d in $LIBDIRS; do
			if [ -e "$d/$lib" ]; then found=$d/$lib; break; fi
		done
		[ -n "$found" ] || { echo "# missing arm64 library $lib"; return 1; }
		case "$lib" in
		ld-linux-*) cp -L "$found" "$R/lib/$lib" ;;
		*) cp -L "$found" "$R/lib/aarch64-linux-gnu/$lib" && copy_needed "$found" ;;
		esac
	done
}
copy_needed "$WORK/unknot-pedal" || skip "arm64 runtime libraries missing (libc6:arm64, libcjson1:arm64)"
if [ ! -e "$R/lib/ld-linux-aarch64.so.1" ]; then
	for d in $LIBDIRS /lib; do
		[ -e "$d/ld-linux-aarch64.so.1" ] && cp -L "$d/ld-linux-aarch64.so.1" "$R/lib/" && break
	done
fi
[ -e "$R/lib/ld-linux-aarch64.so.1" ] || skip "no arm64 loader (ld-linux-aarch64.so.1)"
(cd "$R" && find . | cpio -o -H newc --quiet | gzip -1 >"$WORK/initramfs.cpio.gz")

# ---------------------------------------------------------------- boot and press
CON=$WORK/console.log
MON=$WORK/mon.sock
log "booting $(basename "$KIMG") under qemu-system-aarch64 -M virt"
TQ0=$(date +%s)
qemu-system-aarch64 -M virt -cpu cortex-a57 -smp 2 -m 512 -display none -nic none -no-reboot \
	-kernel "$KIMG" -initrd "$WORK/initramfs.cpio.gz" \
	-append "console=ttyAMA0 rdinit=/init panic=-1 quiet loglevel=3" \
	-serial "file:$CON" -monitor "unix:$MON,server=on,wait=off" >"$WORK/qemu.log" 2>&1 &
QPID=$!

wait_for() { # PATTERN TIMEOUT_S
	end=$(($(date +%s) + $2))
	while ! grep -q -- "$1" "$CON" 2>/dev/null; do
		kill -0 "$QPID" 2>/dev/null || { log "qemu exited while waiting for '$1'"; return 1; }
		[ "$(date +%s)" -ge "$end" ] && { log "timeout waiting for '$1'"; return 1; }
		sleep 0.1
	done
}
monitor() { # send stdin to the QEMU monitor
	socat -t 0.3 - "UNIX-CONNECT:$MON" >/dev/null 2>&1 || log "socat to the monitor failed"
}
tap() { # one ~100 ms pulse
	printf 'system_powerdown\n' | monitor
	sleep 0.5
}
hold() { # one pulse of about $1 ms: a command every 50 ms re-arms QEMU's 100 ms timer
	n=$(($1 / 50)) k=0
	{
		while [ $k -lt $n ]; do
			printf 'system_powerdown\n'
			sleep 0.05
			k=$((k + 1))
		done
	} | monitor
}

STATUS=ok
if wait_for GUEST-BOOTED 120 && wait_for P1-READY 60; then
	log "guest booted in $(($(date +%s) - TQ0)) s; pressing 3 taps and a 1.2 s hold"
	tap
	tap
	tap
	hold 1100
	if wait_for P3-READY 60; then
		log "the chip came back; one more tap"
		tap
	else
		STATUS=fail
	fi
	wait_for GUEST-DONE 90 || STATUS=fail
else
	STATUS=fail
fi
end=$(($(date +%s) + 10))
while kill -0 "$QPID" 2>/dev/null && [ "$(date +%s)" -lt "$end" ]; do sleep 0.1; done
kill "$QPID" 2>/dev/null
wait "$QPID" 2>/dev/null
QPID=
log "qemu ran $(($(date +%s) - TQ0)) s"

# ---------------------------------------------------------------- verdict
tr -d '\r' <"$CON" >"$WORK/con.txt"
P1=$WORK/p1.txt P2=$WORK/p2.txt
sed -n 's/^P1| //p' "$WORK/con.txt" >"$P1"
sed -n 's/^P2| //p' "$WORK/con.txt" >"$P2"
P3=$WORK/p3.txt
sed -n 's/^P3| //p' "$WORK/con.txt" >"$P3"
echo "# unknot-pedal in the guest, phase 1:"
sed 's/^/#   /' "$P1"
echo "# phase 3 (the chip unbound and bound again):"
sed 's/^/#   /' "$P3"
echo "# phase 2 (gpio_keys loaded):"
sed 's/^/#   /' "$P2"

fails=0
check() { # NAME CONDITION...
	name=$1
	shift
	if "$@"; then echo "ok gpio_qemu: $name"; else echo "not ok gpio_qemu: $name"; fails=$((fails + 1)); fi
}
n() { grep -c -- "$1" "$2" || true; }
between() { [ -n "$1" ] && [ "$1" -ge "$2" ] 2>/dev/null && [ "$1" -le "$3" ]; }

check "guest booted and unknot-pedal opened gpiochip0 line 3" grep -q 'pedal .*gpiochip0 line 3' "$P1"
check "unknot-pedal exited 0 on SIGINT" grep -q 'P1-EXIT rc=0' "$WORK/con.txt"
# On a loaded host the hold's re-arming commands can come more than 100 ms
# apart: the line really drops and rises again inside the hold, and
# unknot-pedal says "down (chatter: the same press)". That is the debounce
# doing its job, so those lines are not presses; the gestures must not change.
# A bounce right after a release shows as "up" then "down (chatter...)":
# that up is not a release of its own, so it is not counted either.
downs=$(grep 'pedal   down' "$P1" | grep -vc 'chatter: the same press' || true)
ups_n=$(awk '/pedal   up /{ up++; last = "up"; next }
	/pedal   down.*chatter: the same press/{ if (last == "up") up--; last = "down"; next }
	/pedal   down/{ last = "down" } END { print up + 0 }' "$P1")
chatter=$(n 'chatter: the same press' "$P1")
check "4 presses seen: 4 down and 4 up edges ($downs, $ups_n; $chatter chatter)" [ "$downs/$ups_n" = 4/4 ]
check "exactly 3 taps" [ "$(n 'pedal   TAP -> next' "$P1")" = 3 ]
check "exactly 1 hold" [ "$(n 'pedal   HOLD -> discomfort' "$P1")" = 1 ]
check "no other gesture" [ "$(grep -c -E 'pedal2? +(DOUBLE_TAP|LONG_HOLD)' "$P1" || true)" = 0 ]
check "summary line agrees" grep -q "summary: $((downs + chatter + ups_n)) edges; pedal: 3 tap, 0 double_tap, 1 hold, 0 long_hold" "$P1"
# durations from the kernel's timestamps: taps ~100 ms, the hold ~1.1-1.3 s
ups=$(sed -n 's/.*pedal   up *(\([0-9]*\) ms).*/\1/p' "$P1" | tr '\n' ' ')
U1=$(echo "$ups" | cut -d' ' -f1) U2=$(echo "$ups" | cut -d' ' -f2)
U3=$(echo "$ups" | cut -d' ' -f3) U4=$(echo "$ups" | cut -d' ' -f4)
taps_ok() { between "$U1" 60 250 && between "$U2" 60 250 && between "$U3" 60 250; }
check "tap pulses are 60-250 ms long (press lengths: $ups)" taps_ok
check "the hold is 900-2000 ms long" between "$U4" 900 2000
hold_ms=$(sed -n 's/.*HOLD -> discomfort *(\([0-9]*\) ms).*/\1/p' "$P1" | head -1)
check "the hold fired at the 700 ms threshold" [ "${hold_ms:-0}" = 700 ]
check "unplug: the line going away is reported" grep -q 'pedal   error: GPIO .*line 3' "$P3"
check "re-plug: the line is re-opened on the new chip" grep -q 'working again: gpiochip[0-9]* line 3' "$P3"
check "re-plug: the next tap is seen" [ "$(n 'pedal   TAP -> next' "$P3")" = 1 ]
check "re-plug: unknot-pedal exited 0 on SIGINT" grep -q 'P3-EXIT rc=0' "$WORK/con.txt"
check "busy line: unknot-pedal exits 1" grep -q 'P2-EXIT rc=1' "$WORK/con.txt"
check "busy line: the consumer is named" \
	grep -q 'is busy: used by "GPIO Key Poweroff"' "$P2"

if [ "$fails" != 0 ] || [ "$STATUS" != ok ]; then
	[ "$STATUS" != ok ] && echo "not ok gpio_qemu: the guest ran to the end"
	echo "# guest console:"
	grep -v '^P[12]| ' "$WORK/con.txt" | tail -60 | sed 's/^/#   /'
	sed 's/^/# qemu: /' "$WORK/qemu.log"
	exit 1
fi
log "done"
exit 0
