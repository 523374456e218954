#!/bin/sh
# Cross-builds unknot for a Raspberry Pi architecture and runs its unit tests
# under qemu-user.
#
#   sh tests/platforms/cross.sh arm64     (Pi 3/4/5/Zero 2 W, 64-bit OS)
#   sh tests/platforms/cross.sh armhf     (32-bit Raspberry Pi OS)
#
# Packages (as root, unless SKIP_APT=1): the cross gcc and qemu-user, and the
# -dev packages for the target from Debian's multiarch archive
# (dpkg --add-architecture). If apt cannot install those (a mirror whose index
# for that architecture is broken or mid-sync, or packages of the host arch
# whose versions the target arch does not have yet), the libraries come from a
# root made with `debootstrap --foreign` instead (the same Debian packages,
# unpacked, cached in ${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/
# sysroot-ARCH) and the build uses SYSROOT=. CROSS_SYSROOT=1 forces that.
#
# Then `make CROSS=TRIPLET test-build` and `make CROSS=TRIPLET test`: unit tests
# run as `qemu-ARCH -L / build-TRIPLET/tests/...`; the end-to-end scripts are
# skipped (they drive native tools). The last line is
# "N passed, N failed, N skipped". Exit 0 on success, 1 on a failure, 77 when
# this machine cannot do it.
set -eu

ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
MIRROR=${CROSS_MIRROR:-http://deb.debian.org/debian}
JOBS=${JOBS:-2}
ARCH=${1:?usage: cross.sh arm64|armhf}
case $ARCH in
arm64) TRIPLET=aarch64-linux-gnu QEMU=qemu-aarch64 EXTRA= ;;
# armhf without espeak-ng: libespeak-ng lists its voices with a 32-bit
# readdir(), which fails (EOVERFLOW) under qemu-user on ext4 (64-bit directory
# hashes; a real Pi's compat syscalls get 32-bit ones). Spoken prompts are
# tested on arm64; armhf tests the tones-only build.
armhf) TRIPLET=arm-linux-gnueabihf QEMU=qemu-arm EXTRA=NO_ESPEAK=1 ;;
*) echo "cross.sh: unknown architecture $ARCH (arm64 or armhf)"; exit 2 ;;
esac
# What the Makefile's APP_PKGS and the tests link. libjack-dev: SDL2_mixer's
# -dev pulls libfluidsynth-dev, which wants "libjack-dev | libjack-jackd2-dev";
# apt picks JACK1 for amd64 and then cannot solve the alternative for a second
# architecture unless the package is named.
DEV="libsdl2-dev libsdl2-ttf-dev libsdl2-mixer-dev libgpiod-dev libcjson-dev libcmocka-dev \
libespeak-ng-dev libjack-dev libmosquitto-dev libfontconfig-dev"
SYSROOT_DIR=$CACHE/sysroot-$ARCH

skip() { echo "$ARCH: skipped: $*"; exit 77; }
if [ "$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi
apt_get() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; }
have_pkgs() {  # all installed?
	for p in "$@"; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' || return 1
	done
}

# 1. toolchain + qemu-user (host packages).
if [ -z "${SKIP_APT:-}" ] && ! have_pkgs "gcc-$TRIPLET" qemu-user pkg-config; then
	apt_get install -y -q --no-install-recommends "gcc-$TRIPLET" qemu-user pkg-config \
		>/tmp/unknot-cross-apt.$$ 2>&1 || { tail -5 /tmp/unknot-cross-apt.$$; rm -f /tmp/unknot-cross-apt.$$; skip "cannot install gcc-$TRIPLET qemu-user"; }
	rm -f /tmp/unknot-cross-apt.$$
fi
command -v "$TRIPLET-gcc" >/dev/null 2>&1 || skip "$TRIPLET-gcc is not installed (apt-get install gcc-$TRIPLET)"
command -v "$QEMU" >/dev/null 2>&1 || skip "$QEMU is not installed (apt-get install qemu-user)"

# 2. the target's -dev packages: multiarch first.
multiarch_ok() {
	have_pkgs $(for p in $DEV; do printf '%s:%s ' "$p" "$ARCH"; done)
}
try_multiarch() {
	[ -z "${SKIP_APT:-}" ] || return 1
	added=
	if ! dpkg --print-foreign-architectures | grep -qx "$ARCH"; then
		$SUDO dpkg --add-architecture "$ARCH" && added=1
	fi
	log=$(mktemp)
	if ! apt_get update -q >"$log" 2>&1; then
		grep -E '^(E|Err):' "$log" | head -3
		echo "$ARCH: apt-get update failed with $ARCH added"
		# Leave the machine as it was: a broken index for a foreign arch makes
		# every later `apt-get update` fail (make test-deps included).
		if [ -n "$added" ] && ! dpkg -l | grep -q ":$ARCH "; then
			$SUDO dpkg --remove-architecture "$ARCH" && apt_get update -q >/dev/null 2>&1 || true
		fi
		rm -f "$log"; return 1
	fi
	if ! apt_get install -y -q --no-install-recommends \
		$(for p in $DEV; do printf '%s:%s ' "$p" "$ARCH"; done) >"$log" 2>&1; then
		grep -E '^(E:| [a-z])' "$log" | head -8
		echo "$ARCH: multiarch install of the -dev packages failed"
		rm -f "$log"; return 1
	fi
	rm -f "$log"
}
# A root with the target's libraries, unpacked (not configured: no emulation
# needed). debootstrap --foreign unpacks the base system and downloads the
# --include packages with their dependencies; we unpack those too.
make_sysroot() {
	stamp="$SYSROOT_DIR/.unknot-sysroot-ok"
	if [ -e "$stamp" ] && [ "$(cat "$stamp")" = "$DEV" ]; then return 0; fi
	command -v debootstrap >/dev/null 2>&1 || {
		[ -z "${SKIP_APT:-}" ] && apt_get install -y -q --no-install-recommends debootstrap >/dev/null 2>&1
	} || return 1
	[ "$(id -u)" = 0 ] || { echo "$ARCH: a sysroot needs root (debootstrap)"; return 1; }
	rm -rf "$SYSROOT_DIR"
	mkdir -p "$CACHE"
	suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
	echo "$ARCH: debootstrap --foreign $suite into $SYSROOT_DIR (once; cached)"
	if ! debootstrap --foreign --arch="$ARCH" --variant=minbase \
		--include="libc6-dev,$(echo "$DEV" | tr -s ' ' ',')" \
		"$suite" "$SYSROOT_DIR" "$MIRROR" >"$CACHE/debootstrap-$ARCH.log" 2>&1; then
		tail -5 "$CACHE/debootstrap-$ARCH.log"; rm -rf "$SYSROOT_DIR"; return 1
	fi
	for deb in "$SYSROOT_DIR"/var/cache/apt/archives/*.deb; do
		dpkg-deb -x "$deb" "$SYSROOT_DIR"
	done
	rm -f "$SYSROOT_DIR"/var/cache/apt/archives/*.deb
	echo "$DEV" >"$stamp"
}

SYSROOT_ARG=
if [ -z "${CROSS_SYSROOT:-}" ] && { multiarch_ok || try_multiarch; }; then
	echo "$ARCH: libraries: Debian multiarch ($TRIPLET)"
elif make_sysroot; then
	SYSROOT_ARG="SYSROOT=$SYSROOT_DIR"
	echo "$ARCH: libraries: sysroot $SYSROOT_DIR"
else
	skip "no $ARCH libraries: multiarch install failed and no sysroot could be made"
fi

cd "$ROOT_DIR"
S=${SYSROOT_ARG:+$SYSROOT_DIR}
PC="env PKG_CONFIG_LIBDIR=$S/usr/lib/$TRIPLET/pkgconfig:$S/usr/share/pkgconfig"
[ -n "$SYSROOT_ARG" ] && PC="$PC PKG_CONFIG_SYSROOT_DIR=$SYSROOT_DIR"
echo "$ARCH: gcc $($TRIPLET-gcc -dumpfullversion)${EXTRA:+ ($EXTRA)}, libgpiod $($PC pkg-config --modversion libgpiod), SDL $($PC pkg-config --modversion sdl2), SDL2_mixer $($PC pkg-config --modversion SDL2_mixer), cmocka $($PC pkg-config --modversion cmocka)"

log=$(mktemp)
if ! make -j"$JOBS" CROSS="$TRIPLET" $SYSROOT_ARG $EXTRA test-build >"$log" 2>&1; then
	grep -E '(error|warning):|\*\*\*' "$log" | head -30
	rm -f "$log"
	echo "$ARCH: build failed"
	exit 1
fi
rm -f "$log"
command -v file >/dev/null 2>&1 && echo "$ARCH: built $(file -b "build-$TRIPLET/unknot" | cut -d, -f1-2)"
make --no-print-directory CROSS="$TRIPLET" $SYSROOT_ARG $EXTRA test
