#!/bin/sh
# `make deb`: the Debian packages unknot and unknot-kiosk (debian/), built
# with dpkg-buildpackage from a copy of the work tree (what git tracks plus
# untracked files that are not ignored: no build output of the host goes in),
# then checked with lintian.
#
#   sh dist/deb.sh            this machine's architecture
#   sh dist/deb.sh arm64      cross-built (dpkg-buildpackage -a arm64), also armhf;
#                             needs the multiarch -dev packages: make deb-deps DEB_ARCH=arm64
#
# Env: DEB_OUT (default build/deb/ARCH), DEB_VERSION (a version to build
# instead of debian/changelog's, e.g. for an upgrade test: a changelog entry
# is added to the copy), JOBS (default 2), LINTIAN=0 (skip lintian).
# Output in DEB_OUT: unknot_*.deb, unknot-kiosk_*.deb, the .changes and
# .buildinfo, build.log and lintian.txt. Exit 1 when the build or lintian
# (an error) fails.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
HOST_ARCH=$(dpkg --print-architecture)
ARCH=${1:-$HOST_ARCH}
OUT=${DEB_OUT:-$ROOT/build/deb/$ARCH}
JOBS=${JOBS:-2}
for tool in dpkg-buildpackage dh; do
	command -v $tool >/dev/null 2>&1 || { echo "deb: $tool missing: make deb-deps" >&2; exit 1; }
done

W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
S=$W/unknot
mkdir -p "$S" "$OUT"
if git -C "$ROOT" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$ROOT" && git ls-files -co --exclude-standard -z |
		xargs -0 sh -c 'for f; do [ -f "$f" ] && printf "%s\0" "$f"; done' sh |
		tar -c --null -T - -f -) | tar -x -C "$S"
else
	(cd "$ROOT" && tar -c --exclude='./build*' --exclude=./unknot --exclude=./unknot-pedal -f - .) | tar -x -C "$S"
fi
if [ -n "${DEB_VERSION:-}" ]; then
	{ printf 'unknot (%s) unstable; urgency=medium\n\n  * Rebuilt as %s (make deb DEB_VERSION=%s).\n\n -- %s  %s\n\n' \
		"$DEB_VERSION" "$DEB_VERSION" "$DEB_VERSION" \
		"$(sed -n 's/^ -- \(.*>\)  .*/\1/p' "$S/debian/changelog" | head -1)" "$(date -R)"
	  cat "$S/debian/changelog"; } >"$S/debian/changelog.new"
	mv "$S/debian/changelog.new" "$S/debian/changelog"
fi
VERSION=$(cd "$S" && dpkg-parsechangelog -S Version)
if [ "$ARCH" = "$HOST_ARCH" ]; then AARG=; else AARG="-a$ARCH"; fi
echo "deb: unknot $VERSION for $ARCH (dpkg-buildpackage -b -us -uc $AARG)"
rm -f "$OUT"/unknot*_"$VERSION"_* "$OUT"/lintian.txt
t0=$(date +%s)
if ! (cd "$S" && DEB_BUILD_OPTIONS="parallel=$JOBS ${DEB_BUILD_OPTIONS:-}" \
	dpkg-buildpackage -b -us -uc $AARG) >"$OUT/build.log" 2>&1; then
	grep -E '(error|warning):|dpkg-checkbuilddeps|\*\*\*|^dh_' "$OUT/build.log" | tail -20
	echo "deb: dpkg-buildpackage failed (full log: $OUT/build.log)"
	exit 1
fi
mv "$W"/unknot*_"$VERSION"_* "$OUT"/
echo "deb: built in $(($(date +%s) - t0)) s:"
for f in "$OUT"/unknot*_"$VERSION"_*.deb; do echo "  $f ($(du -k "$f" | cut -f1) KiB)"; done
[ "${LINTIAN:-1}" = 0 ] && exit 0
command -v lintian >/dev/null 2>&1 || { echo "deb: lintian not installed (make deb-deps): not checked"; exit 0; }
CH=$(ls "$OUT"/unknot_"$VERSION"_"$ARCH".changes)
lintian --display-info --pedantic "$CH" >"$OUT/lintian.txt" 2>&1 || true
echo "deb: lintian $(basename "$CH"): $(grep -c '^E:' "$OUT/lintian.txt") errors, $(grep -c '^W:' "$OUT/lintian.txt") warnings, $(grep -c '^[IP]:' "$OUT/lintian.txt") info/pedantic ($OUT/lintian.txt)"
grep -E '^(E|W):' "$OUT/lintian.txt" | sed 's/^/  /'
! grep -q '^E:' "$OUT/lintian.txt"
