#!/bin/sh
# `make install-kiosk` / `make uninstall` (the kiosk part): the system user,
# its groups, /etc/unknot/config.json, getty@tty1 off and unknot.service on;
# the lock-down: no SysRq (a sysctl drop-in), no spare consoles (a logind
# drop-in), Ctrl+Alt+Del masked.
#
#   sh dist/kiosk.sh install|uninstall
#
# Env (from the Makefile): DESTDIR (a target root, e.g. an image being built;
# empty = this system), UNITDIR, SYSCONFDIR (default /etc), FLEET=1
# (also install systemd/fleet.conf as a drop-in). Works in a chroot or on a
# root that is not running: nothing is started, units are enabled offline
# (`systemctl --root`, or the symlinks by hand without systemctl). When
# DESTDIR has no /etc/passwd (a staging tree), the user is left out.
set -eu
ACTION=${1:-install}
ROOT=${DESTDIR:-}
SYSCONFDIR=${SYSCONFDIR:-/etc}
UNITDIR=${UNITDIR:-/usr/local/lib/systemd/system}
USER_NAME=unknot
GROUPS_NEEDED="video render input gpio audio"
UDEV_RULE=$ROOT/etc/udev/rules.d/60-unknot-gpio.rules
DROPIN=$ROOT/etc/systemd/system/unknot.service.d/fleet.conf
CONF=$ROOT$SYSCONFDIR/unknot/config.json
# The system's own folders, whatever PREFIX is (sysctl and logind read /etc).
SYSCTL_DROPIN=$ROOT/etc/sysctl.d/unknot-kiosk.conf
LOGIND_DROPIN=$ROOT/etc/systemd/logind.conf.d/unknot-kiosk.conf
CAD=$ROOT/etc/systemd/system/ctrl-alt-del.target
HERE=$(cd "$(dirname "$0")" && pwd)
say() { echo "install-kiosk: $*"; }

[ "$(id -u)" = 0 ] || { echo "install-kiosk: run as root (sudo make install-kiosk)" >&2; exit 1; }
# useradd and friends act on DESTDIR's own /etc through --root (they chroot).
if [ -n "$ROOT" ]; then RARG="--root $(cd "$ROOT" && pwd)"; else RARG=; fi
have_passwd() { [ -f "$ROOT/etc/passwd" ] && [ -f "$ROOT/etc/group" ]; }
has_group() { grep -q "^$1:" "$ROOT/etc/group"; }

# systemctl enable/disable on a root that need not be running (a chroot, an
# image); the plain symlinks when systemctl is missing.
sysctl_offline() {  # sysctl_offline enable|disable UNIT WANTEDBY
	if command -v systemctl >/dev/null 2>&1; then
		systemctl --root="${ROOT:-/}" --quiet "$1" "$2" 2>/dev/null && return 0
	fi
	wants=$ROOT/etc/systemd/system/$3.wants
	if [ "$1" = enable ]; then
		[ -e "$ROOT$4" ] || return 0
		mkdir -p "$wants"
		ln -sf "$4" "$wants/$2"
	else
		rm -f "$wants/$2"
	fi
}

running_systemd() { [ -z "$ROOT" ] && [ -d /run/systemd/system ]; }

if [ "$ACTION" = install ]; then
	if have_passwd; then
		for g in $GROUPS_NEEDED; do
			has_group "$g" && continue
			groupadd $RARG --system "$g"
			say "created group $g"
			if [ "$g" = gpio ]; then
				# Raspberry Pi OS ships this rule; plain Debian leaves the chips root-only.
				mkdir -p "$(dirname "$UDEV_RULE")"
				echo 'SUBSYSTEM=="gpio", KERNEL=="gpiochip*", GROUP="gpio", MODE="0660"' >"$UDEV_RULE"
				say "gpio chips for the gpio group: ${UDEV_RULE#"$ROOT"}"
			fi
		done
		if ! grep -q "^$USER_NAME:" "$ROOT/etc/passwd"; then
			useradd $RARG --system --user-group --home-dir /var/lib/unknot --no-create-home \
				--shell /usr/sbin/nologin --comment "unknot kiosk" "$USER_NAME"
			say "created system user $USER_NAME"
		fi
		usermod $RARG -a -G "$(echo $GROUPS_NEEDED | tr ' ' ',')" "$USER_NAME"
	else
		say "no /etc/passwd in ${ROOT:-/}: user $USER_NAME not created"
	fi
	mkdir -p "$ROOT$SYSCONFDIR/unknot/routines"
	if [ ! -e "$CONF" ]; then
		# A random admin PIN: no two kiosks share one, and no well-known default.
		pin=$(od -An -N4 -tu4 /dev/urandom | tr -d ' ' | cut -c1-6)
		while [ ${#pin} -lt 6 ]; do pin=0$pin; done
		sed "s/^{/{\n  \"admin_pin\": \"$pin\",/" "$HERE/config.json" >"$CONF"
		chmod 640 "$CONF"
		# root:unknot 0640: the service reads it, other users cannot read the PIN
		gid=$(awk -F: -v g="$USER_NAME" '$1 == g { print $3 }' "$ROOT/etc/group" 2>/dev/null || true)
		[ -n "$gid" ] && chgrp "$gid" "$CONF"
		say "wrote ${CONF#"$ROOT"} (kiosk mode; admin PIN $pin, hold the top-left corner 5 s)"
	else
		say "kept the existing ${CONF#"$ROOT"}"
	fi
	if [ "${FLEET:-}" = 1 ]; then
		install -D -m 644 "$HERE/../systemd/fleet.conf" "$DROPIN"
		say "fleet drop-in: ${DROPIN#"$ROOT"} (network allowed)"
	fi
	sysctl_offline disable getty@tty1.service getty.target /lib/systemd/system/getty@.service
	sysctl_offline enable unknot.service multi-user.target "$UNITDIR/unknot.service"
	say "getty@tty1 disabled, unknot.service enabled"
	install -D -m 644 "$HERE/../systemd/sysctl.d/unknot-kiosk.conf" "$SYSCTL_DROPIN"
	install -D -m 644 "$HERE/../systemd/logind.conf.d/unknot-kiosk.conf" "$LOGIND_DROPIN"
	# masked = a link to /dev/null (what `systemctl mask` makes, offline too)
	mkdir -p "$(dirname "$CAD")"
	[ -e "$CAD" ] && [ ! -L "$CAD" ] || ln -sfn /dev/null "$CAD"
	say "lock-down: kernel.sysrq = 0 (${SYSCTL_DROPIN#"$ROOT"}), no spare consoles (${LOGIND_DROPIN#"$ROOT"}), ctrl-alt-del.target masked"
	if running_systemd; then
		sysctl -q -p "$SYSCTL_DROPIN" 2>/dev/null || true
		say "the logind drop-in takes effect at the next boot"
	fi
	if running_systemd; then
		systemctl daemon-reload
		udevadm control --reload 2>/dev/null && udevadm trigger --subsystem-match=gpio 2>/dev/null || true
		say "start it now with: sudo systemctl start unknot (or reboot)"
	fi
else
	if running_systemd; then systemctl stop unknot.service 2>/dev/null || true; fi
	sysctl_offline disable unknot.service multi-user.target ""
	sysctl_offline enable getty@tty1.service getty.target /lib/systemd/system/getty@.service
	rm -f "$DROPIN" "$UDEV_RULE" "$SYSCTL_DROPIN" "$LOGIND_DROPIN"
	rmdir "$(dirname "$LOGIND_DROPIN")" 2>/dev/null || true
	# unmask Ctrl+Alt+Del only when the mask is ours (a link to /dev/null)
	[ -L "$CAD" ] && [ "$(readlink "$CAD")" = /dev/null ] && rm -f "$CAD"
	rmdir "$(dirname "$DROPIN")" 2>/dev/null || true
	# The config is removed only while it is still the example (the PIN line aside).
	if [ -f "$CONF" ] && grep -v '"admin_pin"' "$CONF" | cmp -s - "$HERE/config.json"; then
		rm -f "$CONF"
		rmdir "$ROOT$SYSCONFDIR/unknot/routines" "$ROOT$SYSCONFDIR/unknot" 2>/dev/null || true
	elif [ -e "$CONF" ]; then
		say "kept ${CONF#"$ROOT"} (changed since install)"
	fi
	if have_passwd && grep -q "^$USER_NAME:" "$ROOT/etc/passwd"; then
		userdel $RARG "$USER_NAME" 2>/dev/null || say "userdel $USER_NAME failed"
	fi
	# (without USERGROUPS_ENAB in login.defs userdel leaves the user's group)
	if have_passwd && has_group "$USER_NAME"; then groupdel $RARG "$USER_NAME" 2>/dev/null || true; fi
	[ -d "$ROOT/var/lib/unknot" ] && say "kept the session journal in /var/lib/unknot (remove it by hand)"
	running_systemd && systemctl daemon-reload
fi
exit 0
