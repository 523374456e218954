#!/bin/sh
# Builds and tests unknot inside a Debian 13 (trixie) root: libgpiod 2.x (so
# src/io/gpio_v2.c is the backend compiled), SDL 2.32, gcc 14.
#
#   sh tests/platforms/trixie.sh            (as root: debootstrap, chroot, mount)
#
# The root is made once with debootstrap from Debian's archive and cached in
# $UNKNOT_PLATFORMS_CACHE (default ${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/
# trixie-amd64), outside the repository; `make test-deps` inside it installs
# the build and test packages with apt (also cached: the next run only adds
# what the Makefile's lists gained). The source is copied in fresh each run
# (the git work tree: tracked + untracked, not ignored files), then
# `make test` runs in the chroot (every unit test, a subset of the e2e
# scripts: E2E_ONLY below). Mounts live in a private mount namespace
# (unshare), so nothing stays mounted if the script is killed; inside a
# chroot, where that cannot be had, they are taken down when the run ends.
#
# Env: TRIXIE_MIRROR (default http://deb.debian.org/debian), REBUILD_ROOT=1
# (debootstrap again), JOBS (make -j, default 2).
# Prints the chroot's `make test` output; its last line is
# "N passed, N failed, N skipped". Exit 0 when everything passed, 1 when a
# test failed or the build broke, 77 when this machine cannot do it (not
# root, no debootstrap/unshare, no network to the archive).
set -eu

ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
R=$CACHE/trixie-amd64
MIRROR=${TRIXIE_MIRROR:-http://deb.debian.org/debian}
JOBS=${JOBS:-2}

skip() { echo "trixie: skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot, mount)"
for tool in debootstrap unshare chroot; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (apt-get install debootstrap util-linux)"
done

# Never delete the root while something is mounted inside it.
mounted_inside() { grep -q " $R/" /proc/mounts; }

if [ -n "${REBUILD_ROOT:-}" ] || [ ! -e "$R/.unknot-root-ok" ]; then
	if mounted_inside; then
		echo "trixie: $R has mounts inside, not touching it"; exit 1
	fi
	rm -rf "$R"
	mkdir -p "$CACHE"
	echo "trixie: debootstrap trixie into $R (once; cached)"
	if ! debootstrap --variant=minbase --include=make,ca-certificates trixie "$R" "$MIRROR" \
		>"$CACHE/debootstrap-trixie.log" 2>&1; then
		tail -5 "$CACHE/debootstrap-trixie.log"
		rm -rf "$R"
		skip "debootstrap failed (network? see $CACHE/debootstrap-trixie.log)"
	fi
	touch "$R/.unknot-root-ok"
fi
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true

# Fresh copy of the source.
rm -rf "$R/src/unknot"
mkdir -p "$R/src/unknot"
if git -C "$ROOT_DIR" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$ROOT_DIR" && git ls-files -co --exclude-standard -z |
		xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
		tar -c --null -T - -f -) | tar -x -C "$R/src/unknot"
else
	(cd "$ROOT_DIR" && tar -c --exclude='./build*' --exclude=./unknot --exclude=./unknot-pedal -f - .) |
		tar -x -C "$R/src/unknot"
fi

# Inside the chroot: the packages (make test-deps), versions, the build, the tests.
inner='set -e
cd /src/unknot
make test-deps >/tmp/test-deps.log 2>&1 || { tail -20 /tmp/test-deps.log; echo "trixie: make test-deps failed"; exit 3; }
echo "trixie: Debian $(cat /etc/debian_version), gcc $(gcc -dumpversion), libgpiod $(pkg-config --modversion libgpiod), SDL $(pkg-config --modversion sdl2), SDL2_mixer $(pkg-config --modversion SDL2_mixer), SDL2_ttf $(pkg-config --modversion SDL2_ttf), cJSON $(pkg-config --modversion libcjson), libmosquitto $(pkg-config --modversion libmosquitto), cmocka $(pkg-config --modversion cmocka)"
if ! make -j"$JOBS" test-build >/tmp/build.log 2>&1; then
	grep -E "(error|warning):|\*\*\*" /tmp/build.log | head -30; echo "trixie: build failed"; exit 2
fi
echo "trixie: gpio backend: $(ls build/src/io/gpio_v*.o | xargs -n1 basename)"
E2E_ONLY="$E2E_ONLY" make test'
# Every unit test runs; of the e2e scripts, by default those whose outcome
# depends on what Debian 13 changed (SDL 2.32, SDL_mixer/ttf, libgpiod 2.x,
# groff 1.23, systemd, mosquitto 2.0.20, gcc 14, tmpfs /tmp): the rest is the
# same code on the same kernel, and the host's `make test` runs every script.
# CI's 45-minute budget; TRIXIE_E2E=all runs every script.
E2E_ONLY=${TRIXIE_E2E:-install.sh crash.sh pedal_cli.sh ui_walk.sh ui_keys.sh audio_cues.sh sounds.sh faults.sh simulate.sh simulate_app.sh history.sh check_plan.sh bad_inputs.sh hardening.sh systemd_unit.sh fleet_station.sh fleet_broker.sh kiosk_admin.sh}
[ "$E2E_ONLY" = all ] && E2E_ONLY=
set +e
# Inside a chroot (a CI runner, tools/fresh-debian) "/" is no mount point and
# unshare cannot make it private: then the mounts are made in this namespace
# and taken down again when the chroot's run ends.
ns="unshare --mount --propagation private"
$ns true 2>/dev/null || ns=
$ns sh -c '
	R=$1
	mount -t proc proc "$R/proc" || exit 4
	mount -t tmpfs tmpfs "$R/tmp" || { umount "$R/proc"; exit 4; }
	mount -t tmpfs tmpfs "$R/dev/shm" 2>/dev/null || true
	chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 JOBS="$2" E2E_ONLY="$4" DEBIAN_FRONTEND=noninteractive /bin/sh -c "$3"
	rc=$?
	umount "$R/dev/shm" 2>/dev/null; umount -l "$R/tmp" "$R/proc" 2>/dev/null
	exit $rc
' sh "$R" "$JOBS" "$inner" "$E2E_ONLY"
rc=$?
set -e
case $rc in
0) exit 0 ;;
4) skip "cannot mount /proc in the chroot (container without CAP_SYS_ADMIN?)" ;;
*) exit 1 ;;
esac
