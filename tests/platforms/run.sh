#!/bin/sh
# `make test-platforms`: builds and tests unknot on every platform it supports
# that this machine can reach, then prints one table:
#
#   native  this machine (Debian 12 amd64: libgpiod 1.6, SDL 2.26), make test
#   arm64   cross-built, unit tests under qemu-aarch64   (tests/platforms/cross.sh)
#   armhf   cross-built, unit tests under qemu-arm       (tests/platforms/cross.sh)
#   trixie  Debian 13 chroot: libgpiod 2.x, SDL 2.32     (tests/platforms/trixie.sh)
#   gpiov2  gpio_v2.c (libgpiod 2.x, arm64) against a real kernel under
#           qemu-system-aarch64: tests/e2e/gpio_qemu.sh  (tests/platforms/gpio_v2.sh)
#
#   sh tests/platforms/run.sh [PLATFORM...]     (default: all five)
#   PLATFORMS="arm64 trixie" make test-platforms
#
# Each platform's full output goes to $BUILD_LOGS (default build/platforms/),
# the table to stdout; the last line is "N passed, N failed, N skipped" over
# every platform. A platform the machine cannot do (no root, no network) is
# "skipped", not failed. Exit 1 if any platform failed to build or a test failed.
set -u
cd "$(dirname "$0")/../.."
LOGS=${BUILD_LOGS:-build/platforms}
mkdir -p "$LOGS"
[ $# -gt 0 ] || set -- ${PLATFORMS:-native arm64 armhf trixie gpiov2}

now() { date +%s; }
# A hung test (a deadlock under emulation, say) must not hang the whole run:
# each platform gets PLATFORM_TIMEOUT seconds (timeout kills its process group).
T="timeout -s KILL ${PLATFORM_TIMEOUT:-1800}"
rows=""
tp=0 tf=0 ts=0 bad=0
for plat in "$@"; do
	log="$LOGS/$plat.log"
	start=$(now)
	case $plat in
	native) desc="amd64 $(. /etc/os-release; echo "Debian $VERSION_ID") (host)"
	        $T sh -c 'make test-build && make test' >"$log" 2>&1 ;;
	arm64)  desc="arm64 cross, qemu-aarch64"; $T sh tests/platforms/cross.sh arm64 >"$log" 2>&1 ;;
	armhf)  desc="armhf cross, qemu-arm"; $T sh tests/platforms/cross.sh armhf >"$log" 2>&1 ;;
	trixie) desc="amd64 Debian 13 chroot"; $T sh tests/platforms/trixie.sh >"$log" 2>&1 ;;
	gpiov2) desc="arm64 Debian 13 unknot-pedal, real kernel (qemu-system)"; $T sh tests/platforms/gpio_v2.sh >"$log" 2>&1 ;;
	*) echo "test-platforms: unknown platform $plat (native arm64 armhf trixie gpiov2)"; exit 2 ;;
	esac
	rc=$?
	secs=$(($(now) - start))
	summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$log" | tail -1)
	p=$(echo "$summary" | sed -n 's/^\([0-9]*\) passed.*/\1/p')
	f=$(echo "$summary" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	s=$(echo "$summary" | sed -n 's/.* \([0-9]*\) skipped$/\1/p')
	# what it built against, from the scripts' "PLATFORM: ..." version line
	libs=$(grep -m1 -oE 'libgpiod [0-9.]+, SDL [0-9.]+' "$log" | sed 's/, / /')
	[ "$plat" = gpiov2 ] && libs=$(grep -m1 -oE 'libgpiod [0-9.]+' "$log")
	[ "$plat" = native ] && libs="libgpiod $(pkg-config --modversion libgpiod 2>/dev/null) SDL $(pkg-config --modversion sdl2 2>/dev/null)"
	if [ "$rc" = 137 ]; then
		built=timeout p=- f=- s=- bad=1
		desc="$desc: killed after ${PLATFORM_TIMEOUT:-1800} s"
	elif [ "$rc" = 77 ]; then
		built=skipped p=- f=- s=-
		desc="$desc: $(tail -1 "$log" | sed 's/^[a-z0-9]*: skipped: //')"
	elif [ -z "$summary" ]; then
		built=no p=- f=- s=- bad=1
	else
		built=yes
		tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
		[ "$rc" = 0 ] || bad=1
	fi
	rows="$rows$(printf '%-7s %-7s %6s %6s %7s %6ss  %-24s %s' "$plat" "$built" "$p" "$f" "$s" "$secs" "$libs" "$desc")
"
	printf '%-7s done in %ss (%s)\n' "$plat" "$secs" "$log"
done
echo
printf '%-7s %-7s %6s %6s %7s %7s  %-24s %s\n' platform built passed failed skipped time "built against" notes
printf '%s' "$rows"
echo "test-platforms: $tp passed, $tf failed, $ts skipped"
[ "$bad" = 0 ]
