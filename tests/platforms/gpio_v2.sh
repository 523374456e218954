#!/bin/sh
# The libgpiod 2.x backend (src/io/gpio_v2.c) against a real kernel: runs
# tests/e2e/gpio_qemu.sh (unknot-pedal in an arm64 initramfs under
# qemu-system-aarch64: taps, a hold, unplug/re-plug, a busy line naming its
# consumer) with unknot-pedal built against Debian 13's arm64 libgpiod 2.x
# and glibc instead of the host's bookworm (libgpiod 1.6) ones.
#
#   sh tests/platforms/gpio_v2.sh        (as root: debootstrap --foreign)
#
# The arm64 trixie libraries are unpacked once (debootstrap --foreign, not
# configured, no emulation) into ${XDG_CACHE_HOME:-$HOME/.cache}/
# unknot-platforms/sysroot-arm64-trixie. gpio_qemu.sh has no sysroot option
# yet, so a copy of it is pointed at that root (four substitutions, each
# checked: if gpio_qemu.sh changes shape this skips rather than test the wrong
# thing). Exit codes as gpio_qemu.sh: 0 pass, 1 fail, 77 skipped.
set -u
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
S=$CACHE/sysroot-arm64-trixie
MIRROR=${TRIXIE_MIRROR:-http://deb.debian.org/debian}
E2E=$ROOT_DIR/tests/e2e/gpio_qemu.sh

skip() { echo "gpio_v2: skipped: $*"; exit 77; }
[ -e "$E2E" ] || skip "no tests/e2e/gpio_qemu.sh"
if [ ! -e "$S/.unknot-sysroot-ok" ]; then
	[ "$(id -u)" = 0 ] || skip "needs root (debootstrap) to make $S"
	command -v debootstrap >/dev/null 2>&1 || skip "debootstrap is not installed"
	rm -rf "$S"; mkdir -p "$CACHE"
	echo "gpio_v2: debootstrap --foreign trixie arm64 into $S (once; cached)"
	debootstrap --foreign --arch=arm64 --variant=minbase --include=libc6-dev,libgpiod-dev,libcjson-dev \
		trixie "$S" "$MIRROR" >"$CACHE/debootstrap-arm64-trixie.log" 2>&1 ||
		{ tail -5 "$CACHE/debootstrap-arm64-trixie.log"; rm -rf "$S"; skip "debootstrap failed"; }
	for deb in "$S"/var/cache/apt/archives/*.deb; do dpkg-deb -x "$deb" "$S"; done
	rm -f "$S"/var/cache/apt/archives/*.deb
	touch "$S/.unknot-sysroot-ok"
fi
echo "gpio_v2: libgpiod $(PKG_CONFIG_LIBDIR=$S/usr/lib/aarch64-linux-gnu/pkgconfig pkg-config --modversion libgpiod) (arm64, Debian 13)"

W=$(mktemp -d); trap 'rm -rf "$W"' EXIT
T=$W/gpio_qemu_v2.sh
# ROOT: the repository (the copy lives elsewhere); ARCHLIB, the compiler and
# the library search: the trixie arm64 root.
sed -e "s|^ROOT=\$(cd .*pwd)\$|ROOT=$ROOT_DIR|" \
	-e "s|^ARCHLIB=/usr/lib/aarch64-linux-gnu\$|ARCHLIB=$S/usr/lib/aarch64-linux-gnu|" \
	-e "s|aarch64-linux-gnu-gcc -std=c11|aarch64-linux-gnu-gcc --sysroot=$S -std=c11|" \
	-e "s|-I/usr/include/cjson|-I$S/usr/include/cjson|" \
	-e "s|^LIBDIRS=\"/usr/aarch64-linux-gnu/lib /lib/aarch64-linux-gnu \$ARCHLIB\"\$|LIBDIRS=\"$S/lib/aarch64-linux-gnu \$ARCHLIB $S/lib\"|" \
	-e "s|for d in \$LIBDIRS /lib; do|for d in \$LIBDIRS; do|" "$E2E" >"$T"
for want in "ROOT=$ROOT_DIR" "ARCHLIB=$S/" "--sysroot=$S" "-I$S/usr/include/cjson" "LIBDIRS=\"$S/"; do
	grep -qF -- "$want" "$T" || skip "tests/e2e/gpio_qemu.sh changed shape ($want not applied): update tests/platforms/gpio_v2.sh"
done
sh "$T" >"$W/out" 2>&1
rc=$?
cat "$W/out"
grep -q 'libgpiod 2\.' "$W/out" || { [ "$rc" = 77 ] || { echo "not ok gpio_v2: unknot-pedal did not report libgpiod 2.x"; exit 1; }; }
p=$(grep -c '^ok ' "$W/out"); f=$(grep -c '^not ok ' "$W/out")
[ "$rc" = 77 ] && exit 77
[ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
echo "$p passed, $f failed, 0 skipped"
[ "$f" = 0 ]
