#!/bin/sh
# `make test-deb`: the Debian packages as a new user meets them. Builds
# unknot and unknot-kiosk (amd64, dist/deb.sh), then in a fresh Debian 12
# root (debootstrap, cached):
#
#   1. apt install ./unknot_*.deb ./unknot-kiosk_*.deb: the app's libraries
#      come from Debian, the unknot user and its groups, the unit enabled,
#      getty@tty1 off, /etc/unknot/config.json 0640 root:unknot with a PIN;
#   2. the installed app runs headless on a bundled routine (dummy SDL
#      drivers: --check, --simulate writing the kiosk's journal, and the real
#      UI with --fast --screenshot);
#   3. an upgrade to the next version (the same packages with the version
#      bumped, as a new build would be) keeps the config and its PIN, the
#      journal and a site's routine, byte for byte;
#   4. dpkg -r: the program, the unit, the lock-down files gone, getty@tty1
#      back on, the config still there (dpkg -r keeps configuration);
#   5. dpkg -P (and apt autoremove): the root's file list is the one before
#      the install, except the user's journal and routine, which are kept.
#
#   sudo make test-deb
#
# The root (debootstrap --variant=minbase --include=systemd-sysv: a Debian
# system with systemd, as the kiosk needs) is cached as a tarball in
# ${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms/deb-bookworm-amd64.tar.zst,
# apt's downloads in deb-apt-archives/ next to it; each run unpacks a fresh
# copy. Mounts live in a private mount namespace (unshare).
# Env: MIRROR, REBUILD_ROOT=1, DEB_OUT (default build/deb/test), KEEP=1.
# Prints ok/not ok lines; exit 0 all passed, 1 a failure, 77 this machine
# cannot do it (not root, no debootstrap, no network).
set -u
ROOT_DIR=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${UNKNOT_PLATFORMS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/unknot-platforms}
TARBALL=$CACHE/deb-bookworm-amd64.tar.zst
ARCHIVES=$CACHE/deb-apt-archives
R=$CACHE/deb-root
MIRROR=${MIRROR:-http://deb.debian.org/debian}
OUT=${DEB_OUT:-$ROOT_DIR/build/deb/test}
PKGS=systemd-sysv,ca-certificates
ts() { date +%s; }
T0=$(ts)
skip() { echo "test-deb: skipped: $*"; exit 77; }
log() { echo "test-deb: $*"; }

[ "$(id -u)" = 0 ] || skip "needs root (debootstrap, chroot, mount)"
for tool in debootstrap unshare chroot zstd dpkg-buildpackage dh; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed (make deb-deps)"
done
mkdir -p "$CACHE" "$ARCHIVES/partial" "$OUT"
exec 9>"$CACHE/deb-root.lock"
flock -w 1800 9 || skip "another test-deb run holds $CACHE/deb-root.lock"
mounted_inside() { grep -q " $1/" /proc/mounts; }

# 1. the packages, version N (debian/changelog) and N+1 (the same packages
#    with the version bumped: the upgrade runs the same maintainer scripts
#    with the old version as argument, as between two real builds)
t=$(ts)
rm -rf "$OUT"/*.deb
DEB_OUT=$OUT LINTIAN=0 sh "$ROOT_DIR/dist/deb.sh" >"$OUT/deb.log" 2>&1 ||
	{ cat "$OUT/deb.log"; echo "not ok dpkg-buildpackage"; exit 1; }
V1=$(dpkg-deb -f "$OUT"/unknot_*_amd64.deb Version)
V2=$V1+1
mkdir -p "$OUT/v2"
for p in unknot_"$V1"_amd64 unknot-kiosk_"$V1"_all; do
	X=$OUT/v2/x
	rm -rf "$X" && dpkg-deb -R "$OUT/$p.deb" "$X"
	sed -i "s/^Version: .*/Version: $V2/" "$X/DEBIAN/control"
	dpkg-deb -Zxz -b "$X" "$OUT/v2/$(echo "$p" | sed "s/_$V1/_$V2/").deb" >/dev/null
	rm -rf "$X"
done
T_BUILD=$(($(ts) - t))
log "packages $V1 and $V2: $T_BUILD s"

# 2. the root
if [ -n "${REBUILD_ROOT:-}" ] || [ ! -s "$TARBALL" ] || [ "$(cat "$TARBALL.pkgs" 2>/dev/null)" != "$PKGS" ]; then
	B=$CACHE/deb-debootstrap
	mounted_inside "$B" && { echo "not ok $B has mounts inside"; exit 1; }
	rm -rf "$B"
	t=$(ts)
	log "debootstrap bookworm (once; cached in $TARBALL)"
	debootstrap --variant=minbase --include="$PKGS" bookworm "$B" "$MIRROR" >"$CACHE/debootstrap-deb.log" 2>&1 ||
		{ tail -5 "$CACHE/debootstrap-deb.log"; rm -rf "$B"; skip "debootstrap failed (network? $CACHE/debootstrap-deb.log)"; }
	chroot "$B" apt-get clean
	tar -C "$B" --numeric-owner -cf - . | zstd -q -T0 -3 -o "$TARBALL.tmp" && mv "$TARBALL.tmp" "$TARBALL" ||
		{ rm -f "$TARBALL.tmp"; echo "not ok tarball"; exit 1; }
	echo "$PKGS" >"$TARBALL.pkgs"
	rm -rf "$B"
	T_DEBOOTSTRAP=$(($(ts) - t))
	log "debootstrap + tarball: $T_DEBOOTSTRAP s ($(du -h "$TARBALL" | cut -f1))"
fi
mounted_inside "$R" && { echo "not ok $R has mounts inside"; exit 1; }
rm -rf "$R" && mkdir -p "$R"
zstd -q -d -c "$TARBALL" | tar -C "$R" --numeric-owner -xf - || { echo "not ok unpack $TARBALL"; exit 1; }
cp /etc/resolv.conf "$R/etc/resolv.conf" 2>/dev/null || true
mkdir -p "$R/debs/v2"
cp "$OUT"/unknot_"$V1"_amd64.deb "$OUT"/unknot-kiosk_"$V1"_all.deb "$R/debs/"
cp "$OUT"/v2/*.deb "$R/debs/v2/"
cp "$ROOT_DIR/tests/data/simulate/basic.txt" "$R/debs/"

# 3. in the root. `list` is what the check for a clean root compares: every
#    path (with its type, mode, owner and a symlink's target) outside the
#    package manager's own state, logs, caches and the pseudo file systems.
cat >"$R/debs/inner.sh" <<'INNER'
set -u
V1=$1 V2=$2
fails=0
check() {  # check NAME CONDITION
	if eval "$2"; then echo "ok $1"; else echo "not ok $1"; fails=$((fails + 1)); return 1; fi
}
list() {
	find / -xdev \( -path /proc -o -path /sys -o -path /dev -o -path /run -o -path /tmp -o -path /debs \
		-o -path /var/lib/dpkg -o -path /var/lib/apt -o -path /var/cache -o -path /var/log \
		-o -path /etc/ld.so.cache -o -path /var/lib/systemd/deb-systemd-helper-enabled \
		-o -path /var/lib/systemd/deb-systemd-helper-masked \) -prune -o \
		-printf '%p %y %m %u:%g %l\n' | sort
}
state() { stat -c '%a %U:%G' "$1" 2>/dev/null; }
apt_q() { DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Use-Pty=0 -q -y "$@"; }
apt-get -q update >/tmp/apt.log 2>&1 || { tail -3 /tmp/apt.log; echo "not ok apt-get update"; exit 1; }
# dbus, as on any Debian system with systemd (which recommends it): SDL's
# libdbus pulls it in otherwise, and apt autoremove then keeps it (systemd's
# Recommends), which would count as a leftover.
apt_q install dbus >/tmp/dbus.log 2>&1 || { tail -3 /tmp/dbus.log; echo "not ok apt-get install dbus"; exit 1; }
list >/tmp/before.txt
t=$(date +%s)
apt_q install /debs/unknot_${V1}_amd64.deb /debs/unknot-kiosk_${V1}_all.deb >/tmp/install.log 2>&1
rc=$?
echo "test-deb: apt install: $(($(date +%s) - t)) s, $(grep -c '^Setting up' /tmp/install.log) packages set up"
check "apt install ./unknot_${V1}_amd64.deb ./unknot-kiosk_${V1}_all.deb (with Debian's libraries)" '[ $rc = 0 ]' ||
	tail -20 /tmp/install.log
grep '^unknot-kiosk:' /tmp/install.log | sed 's/^/  /'
check "system user unknot, no login, home /var/lib/unknot" \
	'getent passwd unknot | grep -q "^unknot:x:[0-9]*:[0-9]*:unknot kiosk:/var/lib/unknot:/usr/sbin/nologin$"'
check "unknot in video render input gpio audio ($(id -Gn unknot 2>/dev/null))" \
	'for g in video render input gpio audio; do id -Gn unknot | tr " " "\n" | grep -qx $g || exit 1; done'
C=/etc/unknot/config.json
PIN=$(sed -n 's/.*"admin_pin": "\([0-9]*\)".*/\1/p' $C 2>/dev/null)
check "$C written by the postinst: kiosk mode, a 6-digit PIN, $(state $C)" \
	'grep -q "\"kiosk\": true" $C && [ ${#PIN} = 6 ] && [ "$(state $C)" = "640 root:unknot" ]'
check "$C is no conffile (the admin's from now on)" '! dpkg-query -W -f="\${Conffiles}" unknot-kiosk | grep -q config.json'
W=/etc/systemd/system/multi-user.target.wants/unknot.service
check "unknot.service enabled ($(readlink $W)), getty@tty1 off" \
	'[ -e "$(readlink -f $W)" ] && [ ! -e /etc/systemd/system/getty.target.wants/getty@tty1.service ]'
check "the unit runs /usr/bin/unknot" 'grep -qx "ExecStart=/usr/bin/unknot --kiosk --fullscreen" "$(readlink -f $W)"'
check "lock-down drop-ins and the udev rule installed" \
	'grep -qx "kernel.sysrq = 0" /usr/lib/sysctl.d/unknot-kiosk.conf && grep -qx "NAutoVTs=0" /usr/lib/systemd/logind.conf.d/unknot-kiosk.conf &&
	 grep -q "GROUP=\"gpio\"" /usr/lib/udev/rules.d/60-unknot-gpio.rules'
check "the unknot package alone ships no unit and enables nothing" \
	'! dpkg -L unknot | grep -q "systemd/system/\|\.wants" && [ -z "$(dpkg-query -W -f="\${Conffiles}" unknot)" ]'
check "man unknot, man unknot-pedal, .desktop with its icon, metainfo" \
	'[ -s /usr/share/man/man1/unknot.1.gz ] && [ -s /usr/share/man/man1/unknot-pedal.1.gz ] &&
	 grep -qx "Icon=unknot" /usr/share/applications/unknot.desktop && grep -qx "Exec=/usr/bin/unknot" /usr/share/applications/unknot.desktop &&
	 [ -s /usr/share/icons/hicolor/scalable/apps/unknot.svg ] && [ -s /usr/share/metainfo/org.unknot.unknot.metainfo.xml ]'

# the app, headless, as installed
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy HOME=/tmp/home XDG_RUNTIME_DIR=/tmp/home
mkdir -p /tmp/home
R1=/usr/share/unknot/routines/quick-reset.json
check "unknot --check: every bundled routine is valid" 'unknot --check /usr/share/unknot/routines/*.json >/tmp/check.out 2>&1' || cat /tmp/check.out
mkdir -p /var/lib/unknot
UNKNOT_CONFIG=$C unknot --simulate $R1 --input /debs/basic.txt --journal /var/lib/unknot/journal.jsonl >/tmp/sim.out 2>/tmp/sim.err
rc=$?
check "unknot --simulate quick-reset with the kiosk config: journal in /var/lib/unknot ($(wc -l </var/lib/unknot/journal.jsonl 2>/dev/null) lines)" \
	'[ $rc = 0 ] && grep -q "\"event\":\"session_start\"" /var/lib/unknot/journal.jsonl && grep -q "\"event\":\"session_end\"" /var/lib/unknot/journal.jsonl' ||
	sed 's/^/  /' /tmp/sim.err
chown -R unknot:unknot /var/lib/unknot
timeout -s KILL 60 unknot --size 800x480 --fast --input /dev/null --screenshot /tmp/shots >/tmp/run.out 2>/tmp/run.err
check "the installed app runs (dummy video): $(ls /tmp/shots 2>/dev/null | wc -l) screenshots, finds its font, sounds, body map" \
	'ls /tmp/shots/*.bmp >/dev/null 2>&1 && ! grep -qi "font\|body map\|sound\|no such" /tmp/run.err' || sed 's/^/  /' /tmp/run.err
# a site's own routine (a copy of a bundled one under another id)
sed 's/"id": *"[^"]*"/"id": "site-reset"/' $R1 >/etc/unknot/routines/site-reset.json
check "a site routine in /etc/unknot/routines validates" 'unknot --check /etc/unknot/routines/site-reset.json >/dev/null 2>&1'
sha() { sha256sum $C /var/lib/unknot/journal.jsonl /etc/unknot/routines/site-reset.json; }
sha >/tmp/sha1.txt

# upgrade
apt_q install /debs/v2/unknot_${V2}_amd64.deb /debs/v2/unknot-kiosk_${V2}_all.deb >/tmp/upgrade.log 2>&1
rc=$?
check "apt install of $V2 upgrades both ($(dpkg-query -W -f='${Version} ' unknot unknot-kiosk))" \
	'[ $rc = 0 ] && [ "$(dpkg-query -W -f="\${Version} " unknot unknot-kiosk)" = "$V2 $V2 " ]' || tail -20 /tmp/upgrade.log
sha >/tmp/sha2.txt
check "upgrade kept the config (PIN $PIN, $(state $C)), the journal and the site routine byte for byte" \
	'cmp -s /tmp/sha1.txt /tmp/sha2.txt && [ "$(state $C)" = "640 root:unknot" ] && ! grep -q "wrote /etc/unknot" /tmp/upgrade.log'
check "upgrade: still enabled, getty@tty1 still off" \
	'[ -L $W ] && [ ! -e /etc/systemd/system/getty.target.wants/getty@tty1.service ]'

# remove
dpkg -r unknot-kiosk unknot >/tmp/remove.log 2>&1
rc=$?
check "dpkg -r unknot-kiosk unknot" '[ $rc = 0 ]' || cat /tmp/remove.log
check "removed: the program, its data, the unit, the lock-down and udev files" \
	'[ ! -e /usr/bin/unknot ] && [ ! -e /usr/share/unknot ] && [ ! -e /lib/systemd/system/unknot.service ] &&
	 [ ! -e /usr/lib/sysctl.d/unknot-kiosk.conf ] && [ ! -e /usr/lib/udev/rules.d/60-unknot-gpio.rules ] && [ ! -e "$(readlink -f $W)" ]'
check "removed: getty@tty1 back on" '[ -L /etc/systemd/system/getty.target.wants/getty@tty1.service ]'
check "removed, not purged: config, journal and site routine still there" 'sha256sum -c --quiet /tmp/sha1.txt'

# purge
dpkg -P unknot-kiosk unknot >/tmp/purge.log 2>&1
rc=$?
apt_q autoremove --purge >/tmp/autoremove.log 2>&1
check "dpkg -P unknot-kiosk unknot, apt autoremove --purge ($(grep -c '^Removing' /tmp/autoremove.log) libraries)" '[ $rc = 0 ]' || cat /tmp/purge.log
check "purged: /etc/unknot/config.json gone; the journal and the site routine kept" \
	'[ ! -e $C ] && [ -s /var/lib/unknot/journal.jsonl ] && [ -s /etc/unknot/routines/site-reset.json ]'
check "purged: the unit's symlinks gone" '[ ! -e $W ] && [ ! -L $W ] && [ ! -e /etc/systemd/system/unknot.service ]'
# The user's files, removed by hand, then the root must be as before. The
# unknot user and group stay (Debian does not remove system users: the
# journal is still theirs): /etc/passwd etc. changed, no file added.
rm -rf /var/lib/unknot /etc/unknot
rm -rf /tmp/home /tmp/shots
list >/tmp/after.txt
diff /tmp/before.txt /tmp/after.txt | grep '^[<>]' | grep -v ' /etc/\(passwd\|group\|shadow\|gshadow\)-\? ' >/tmp/diff.txt
check "purged: the root's file list is the one before the install ($(wc -l </tmp/before.txt) paths; differences: $(wc -l </tmp/diff.txt))" '[ ! -s /tmp/diff.txt ]' ||
	head -40 /tmp/diff.txt | sed 's/^/  /'
diff /tmp/before.txt /tmp/after.txt | grep '^[<>]' | grep ' /etc/\(passwd\|group\|shadow\|gshadow\)' | sed 's/^/  (accounts) /'
exit $fails
INNER
t=$(ts)
unshare --mount --propagation private sh -c '
	R=$1 A=$2; shift 2
	mount -t proc proc "$R/proc" && mount --rbind /dev "$R/dev" && mount -t tmpfs tmpfs "$R/tmp" &&
	mount --bind "$A" "$R/var/cache/apt/archives" || exit 4
	chroot "$R" /bin/sh /debs/inner.sh "$@"
' sh "$R" "$ARCHIVES" "$V1" "$V2"
rc=$?
T_ROOT=$(($(ts) - t))
[ -n "${KEEP:-}" ] || rm -rf "$R"
log "in the root: $T_ROOT s; total $(($(ts) - T0)) s (build $T_BUILD s${T_DEBOOTSTRAP:+, debootstrap $T_DEBOOTSTRAP s})"
if [ $rc = 0 ]; then echo PASS; exit 0; fi
echo "FAIL ($rc)"; exit 1
