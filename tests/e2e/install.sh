#!/bin/sh
# make install / install-kiosk / uninstall into temporary DESTDIRs:
#  - the tree: binaries 0755, routines + schema, sounds, body map, man page,
#    .desktop, the unit and the fleet drop-in (0644), with ExecStart=, Exec=
#    and the man page's paths rewritten for PREFIX;
#  - the man page renders without warnings and documents the kiosk keys;
#  - the installed binary works from there (validates the installed
#    routines, finds its assets next to itself);
#  - as root: install-kiosk into a small root (passwd, group, getty@tty1
#    enabled) creates the user with its groups (and gpio), a 0640 config with
#    an admin PIN, turns getty@tty1 off and unknot on; FLEET=1 adds the
#    drop-in; a second run keeps the config; uninstall leaves nothing behind.
UNKNOT=${UNKNOT:-./unknot}
here=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-$here/build}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
ok() { echo "ok $1"; }
nok() { echo "not ok $1"; fail=1; }
check() { if eval "$2"; then ok "$1"; else nok "$1"; return 1; fi; }
mode() { stat -c %a "$1" 2>/dev/null; }
# -o: keep the build's compiled-in DATADIR (no rebuild of the shared build
# dir in the middle of `make test`); the path rewriting is what is checked.
mk() { make -s -C "$here" BUILD="$BUILD" -o "$BUILD/datadir.stamp" "$@"; }

D=$T/stage P=/opt/unknot
mk install DESTDIR="$D" PREFIX=$P >"$T/install.log" 2>&1; rc=$?
check "make install DESTDIR PREFIX=$P succeeds" '[ $rc = 0 ]' || { sed 's/^/#   /' "$T/install.log"; exit 1; }
check "binaries installed 0755" '[ "$(mode "$D$P/bin/unknot")" = 755 ] && [ "$(mode "$D$P/bin/unknot-pedal")" = 755 ]'
nr=$(ls "$here"/routines/*.json | wc -l)
check "routines and schema installed 0644 ($nr files)" \
	'[ "$(ls "$D$P/share/unknot/routines/"*.json | wc -l)" = "$nr" ] && [ "$(mode "$D$P/share/unknot/routines/schema.json")" = 644 ]'
check "sounds and body map installed, no generator scripts" \
	'[ "$(ls "$D$P/share/unknot/assets/sounds/"*.wav | wc -l)" -ge 10 ] && [ -s "$D$P/share/unknot/assets/bodymap.json" ] &&
	 [ -z "$(find "$D$P/share/unknot" -name "*.sh" -o -name "*.py")" ]'
U=$D$P/lib/systemd/system/unknot.service
check "unit installed 0644 with ExecStart=$P/bin/unknot" \
	'[ "$(mode "$U")" = 644 ] && grep -qx "ExecStart=$P/bin/unknot --kiosk --fullscreen" "$U"'
check "unit otherwise as shipped" '[ "$(diff "$here/systemd/unknot.service" "$U" | grep -c "^>")" -le 3 ]'
check "fleet drop-in installed as an example" 'cmp -s "$here/systemd/fleet.conf" "$D$P/share/unknot/systemd/fleet.conf"'
DT=$D$P/share/applications/unknot.desktop
check ".desktop file: Exec=$P/bin/unknot, Type=Application" \
	'[ "$(mode "$DT")" = 644 ] && grep -qx "Exec=$P/bin/unknot" "$DT" && grep -qx "Type=Application" "$DT" && grep -qx "\[Desktop Entry\]" "$DT"'
if command -v desktop-file-validate >/dev/null 2>&1; then
	check ".desktop file validates" 'desktop-file-validate "$DT"'
fi

M=$D$P/share/man/man1/unknot.1
check "man page installed 0644" '[ "$(mode "$M")" = 644 ]'
if command -v groff >/dev/null 2>&1; then
	# groff 1.23 (trixie) writes SGR escapes instead of overstrikes: ask for
	# plain text and strip both kinds.
	GROFF_NO_SGR=1 groff -man -Tutf8 -ww "$M" 2>"$T/man.err" | sed 's/.\x08//g; s/\x1b\[[0-9;]*m//g' >"$T/man.txt"
elif command -v man >/dev/null 2>&1; then
	GROFF_NO_SGR=1 MANWIDTH=80 man -l "$M" 2>"$T/man.err" | sed 's/.\x08//g; s/\x1b\[[0-9;]*m//g' >"$T/man.txt"
fi
if [ -s "$T/man.txt" ]; then
	check "man page renders without warnings" '[ ! -s "$T/man.err" ]' || cat "$T/man.err"
	for s in NAME SYNOPSIS DESCRIPTION OPTIONS CONFIGURATION FILES ENVIRONMENT "EXIT STATUS" SAFETY; do
		grep -q "^$s" "$T/man.txt" || nok "man page section $s"
	done
	ok "man page has NAME SYNOPSIS OPTIONS FILES ENVIRONMENT EXIT STATUS SAFETY ..."
	check "man page documents the kiosk keys and exit 64" \
		'for k in kiosk admin_pin idle_minutes pause_timeout_minutes dim_minutes log_level fleet; do grep -q "$k" "$T/man.txt" || exit 1; done; grep -q "^ *64" "$T/man.txt"'
	check "man page paths follow PREFIX" 'grep -q "$P/share/unknot/routines" "$T/man.txt" && ! grep -q /usr/local/share "$T/man.txt"'
else
	echo "# neither groff nor man: man page not rendered"
fi

# The installed binary (default PREFIX: the DATADIR it was built with).
D2=$T/stage2
mk install DESTDIR="$D2" >/dev/null 2>&1
B=$D2/usr/local/bin/unknot
check "installed unknot validates the installed routines" \
	'"$B" --check "$D2"/usr/local/share/unknot/routines/*.json >/dev/null 2>"$T/check.err"'
(cd "$T" && HOME="$T" XDG_CONFIG_HOME="$T/c" XDG_STATE_HOME="$T/s" SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy \
	UNKNOT_ROUTINES="$D2/usr/local/share/unknot/routines" \
	timeout 20 "$B" --size 800x480 --fast --input /dev/null --screenshot "$T/shots" >/dev/null 2>"$T/run.err")
check "installed unknot runs from elsewhere and finds its body map and sounds" \
	'ls "$T/shots"/*.bmp >/dev/null 2>&1 && ! grep -qi "body map\|sound\|no such" "$T/run.err"' || sed 's/^/#   /' "$T/run.err"
mk uninstall DESTDIR="$D" PREFIX=$P >/dev/null 2>&1
check "uninstall (PREFIX=$P) removes every file" '[ -d "$D$P" ] && [ -z "$(find "$D" -type f -o -type l)" ]' || find "$D" -type f

# install-kiosk: root only (useradd); a small target root with accounts.
if [ "$(id -u)" != 0 ]; then echo "# not root: install-kiosk not tried"; exit $fail; fi
K=$T/root
mkdir -p "$K/etc/systemd/system/getty.target.wants" "$K/lib/systemd/system"
printf 'root:x:0:0:root:/root:/bin/sh\n' >"$K/etc/passwd"
printf 'root:x:0:\nvideo:x:44:\naudio:x:29:\ninput:x:105:\nrender:x:106:\n' >"$K/etc/group"
printf 'root:*:19000:0:99999:7:::\n' >"$K/etc/shadow"
printf 'root:*::\nvideo:*::\naudio:*::\ninput:*::\nrender:*::\n' >"$K/etc/gshadow"
chmod 640 "$K/etc/shadow" "$K/etc/gshadow"
printf '[Unit]\nDescription=Getty on %%I\n[Service]\nExecStart=/sbin/agetty %%I\n[Install]\nWantedBy=getty.target\nDefaultInstance=tty1\n' \
	>"$K/lib/systemd/system/getty@.service"
ln -s /lib/systemd/system/getty@.service "$K/etc/systemd/system/getty.target.wants/getty@tty1.service"
mk install-kiosk DESTDIR="$K" FLEET=1 >"$T/kiosk.log" 2>&1; rc=$?
check "make install-kiosk DESTDIR (a chroot-style root) succeeds" '[ $rc = 0 ]' 
sed 's/^/#   /' "$T/kiosk.log"
check "system user unknot, no login shell" 'grep -q "^unknot:x:[0-9]*:[0-9]*:.*:/usr/sbin/nologin$" "$K/etc/passwd"'
check "user in video render input gpio audio (gpio created)" \
	'for g in video render input gpio audio; do grep -q "^$g:x:[0-9]*:.*unknot" "$K/etc/group" || exit 1; done'
check "udev rule gives the gpio group the chips" 'grep -q "GROUP=\"gpio\"" "$K/etc/udev/rules.d/60-unknot-gpio.rules"'
C=$K/etc/unknot/config.json
check "/etc/unknot/config.json: kiosk, a 6-digit admin PIN, mode 0640 group unknot" \
	'grep -q "\"kiosk\": true" "$C" && grep -Eq "\"admin_pin\": \"[0-9]{6}\"" "$C" && [ "$(mode "$C")" = 640 ] &&
	 [ "$(stat -c %g "$C")" = "$(awk -F: "\$1 == \"unknot\" { print \$3 }" "$K/etc/group")" ]'
check "the example config is valid (unknot --simulate reads it)" \
	'UNKNOT_CONFIG="$C" "$UNKNOT" --simulate "$here/routines/quick-reset.json" --input /dev/null >/dev/null 2>"$T/cfg.err"' ||
	sed 's/^/#   /' "$T/cfg.err"
check "getty@tty1 disabled" '[ ! -e "$K/etc/systemd/system/getty.target.wants/getty@tty1.service" ] && [ ! -L "$K/etc/systemd/system/getty.target.wants/getty@tty1.service" ]'
W=$K/etc/systemd/system/multi-user.target.wants/unknot.service
check "unknot.service enabled (multi-user.target.wants -> the installed unit)" \
	'[ "$(readlink "$W")" = /usr/local/lib/systemd/system/unknot.service ] && [ -e "$K/usr/local/lib/systemd/system/unknot.service" ]'
check "FLEET=1: the fleet drop-in is active" 'cmp -s "$here/systemd/fleet.conf" "$K/etc/systemd/system/unknot.service.d/fleet.conf"'
echo '{ "kiosk": true, "admin_pin": "1357" }' >"$C"
check "lock-down: kernel.sysrq = 0 in /etc/sysctl.d, as shipped" \
	'cmp -s "$here/systemd/sysctl.d/unknot-kiosk.conf" "$K/etc/sysctl.d/unknot-kiosk.conf" &&
	 grep -qx "kernel.sysrq = 0" "$K/etc/sysctl.d/unknot-kiosk.conf" && [ "$(mode "$K/etc/sysctl.d/unknot-kiosk.conf")" = 644 ]'
check "lock-down: logind NAutoVTs=0 ReserveVT=0 in /etc/systemd/logind.conf.d" \
	'f="$K/etc/systemd/logind.conf.d/unknot-kiosk.conf"; grep -qx "\[Login\]" "$f" && grep -qx "NAutoVTs=0" "$f" && grep -qx "ReserveVT=0" "$f"'
check "lock-down: ctrl-alt-del.target masked (a link to /dev/null)" \
	'[ "$(readlink "$K/etc/systemd/system/ctrl-alt-del.target")" = /dev/null ]'
mk install-kiosk DESTDIR="$K" >"$T/kiosk2.log" 2>&1; rc=$?
check "a second install-kiosk succeeds and keeps the edited config" \
	'[ $rc = 0 ] && grep -q 1357 "$C" && grep -q "kept the existing" "$T/kiosk2.log"'
mk uninstall DESTDIR="$K" >"$T/un.log" 2>&1
check "uninstall: the lock-down drop-ins and the mask are gone" \
	'[ ! -e "$K/etc/sysctl.d/unknot-kiosk.conf" ] && [ ! -e "$K/etc/systemd/logind.conf.d/unknot-kiosk.conf" ] &&
	 [ ! -L "$K/etc/systemd/system/ctrl-alt-del.target" ]'
check "uninstall: user and its group gone" '! grep -q "^unknot:" "$K/etc/passwd" "$K/etc/group"'
check "uninstall: getty@tty1 back, unknot not enabled, no drop-in, no udev rule" \
	'[ -L "$K/etc/systemd/system/getty.target.wants/getty@tty1.service" ] && [ ! -e "$W" ] && [ ! -L "$W" ] &&
	 [ ! -e "$K/etc/systemd/system/unknot.service.d" ] && [ ! -e "$K/etc/udev/rules.d/60-unknot-gpio.rules" ]'
check "uninstall: installed files gone, the edited config kept" \
	'[ -z "$(find "$K/usr" -type f)" ] && grep -q 1357 "$C" && grep -q "kept /etc/unknot/config.json" "$T/un.log"'
exit $fail
