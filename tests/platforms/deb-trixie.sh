#!/bin/sh
# The Debian packages built on Debian 13 (trixie: libgpiod 2.x, so the
# gpio_v2.c backend, gcc 14, debhelper and lintian of trixie): `make deb`
# inside the trixie root that tests/platforms/trixie.sh makes and caches
# (${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/trixie-amd64; made here
# the same way if missing). ARCH=arm64|armhf cross-builds there instead
# (dpkg --add-architecture in the chroot, the cross gcc, the -dev:ARCH).
#
#   sudo sh tests/platforms/deb-trixie.sh
#
# The packages and lintian.txt land in build/deb/trixie-ARCH/. Exit 0 built
# and lintian has no error, 1 otherwise, 77 this machine cannot do it.
set -eu
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
R=$CACHE/trixie-amd64
MIRROR=${TRIXIE_MIRROR:-http://deb.debian.org/debian}
ARCH=${ARCH:-amd64}
OUT=$ROOT_DIR/build/deb/trixie-$ARCH
skip() { echo "deb-trixie: skipped: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot, mount)"
for tool in debootstrap unshare chroot; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done
if [ ! -e "$R/.unknot-root-ok" ]; then
	grep -q " $R/" /proc/mounts && { echo "deb-trixie: $R has mounts inside"; exit 1; }
	rm -rf "$R"; mkdir -p "$CACHE"
	echo "deb-trixie: debootstrap trixie into $R (once; cached, shared with trixie.sh)"
	debootstrap --variant=minbase --include=make,ca-certificates trixie "$R" "$MIRROR" \
		>"$CACHE/debootstrap-trixie.log" 2>&1 || { tail -5 "$CACHE/debootstrap-trixie.log"; rm -rf "$R"; skip "debootstrap failed"; }
	touch "$R/.unknot-root-ok"
fi
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
rm -rf "$R/src/unknot-deb" && mkdir -p "$R/src/unknot-deb"
(cd "$ROOT_DIR" && git ls-files -co --exclude-standard -z |
	xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
	tar -c --null -T - -f -) | tar -x -C "$R/src/unknot-deb"
inner='set -e
cd /src/unknot-deb
if [ "$1" != amd64 ]; then
	dpkg --print-foreign-architectures | grep -qx "$1" || dpkg --add-architecture "$1"
fi
apt-get -q update >/tmp/apt.log 2>&1 || { tail -5 /tmp/apt.log; exit 3; }
make deb-deps DEB_ARCH=$([ "$1" = amd64 ] || echo "$1") >/tmp/deps.log 2>&1 || { tail -20 /tmp/deps.log; echo "deb-trixie: make deb-deps failed"; exit 3; }
echo "deb-trixie: Debian $(cat /etc/debian_version), debhelper $(dpkg-query -W -f="\${Version}" debhelper), lintian $(dpkg-query -W -f="\${Version}" lintian), libgpiod $(dpkg-query -W -f="\${Version}" libgpiod-dev)"
DEB_OUT=/src/out sh dist/deb.sh $([ "$1" = amd64 ] || echo "$1")
'
set +e
unshare --mount --propagation private sh -c '
	R=$1
	mount -t proc proc "$R/proc" || exit 4
	mount -t tmpfs tmpfs "$R/tmp" || exit 4
	exec chroot "$R" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive /bin/sh -c "$2" sh "$3"
' sh "$R" "$inner" "$ARCH"
rc=$?
set -e
mkdir -p "$OUT"
cp "$R"/src/out/* "$OUT"/ 2>/dev/null || true
rm -rf "$R/src/unknot-deb" "$R/src/out"
case $rc in
0) echo "deb-trixie: packages in $OUT" ;;
4) skip "cannot mount /proc in the chroot" ;;
*) exit 1 ;;
esac
