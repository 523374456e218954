#!/bin/sh
# pedal_cli: unknot-pedal's command line and its error lines on a machine
# without GPIO (CI, a laptop): what an installer sees over SSH when the
# wiring check cannot run. The real-kernel run is tests/e2e/gpio_qemu.sh.
set -u
P=${UNKNOT_PEDAL:-./unknot-pedal}
[ -x "$P" ] || { echo "skipped: $P not built"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
ok() { echo "ok pedal_cli: $1"; }
bad() { echo "not ok pedal_cli: $1"; fails=$((fails + 1)); }
# run ARGS...: output in $T/out, exit status in $rc
run() { "$P" "$@" >"$T/out" 2>&1; rc=$?; }
has() { grep -q -- "$1" "$T/out"; }

run --help
[ $rc = 0 ] && has 'usage: unknot-pedal \[--config FILE\]' && has 'GPIO17' &&
	ok "--help exits 0 with usage and wiring" || bad "--help (rc=$rc)"
run --version
[ $rc = 0 ] && has 'libgpiod' && ok "--version names the GPIO library" || bad "--version (rc=$rc)"
run --frobnicate
[ $rc = 2 ] && has "unknown or incomplete option '--frobnicate'" &&
	ok "an unknown option exits 2" || bad "unknown option (rc=$rc)"
run --config
[ $rc = 2 ] && ok "--config without a file exits 2" || bad "--config without file (rc=$rc)"
run --timeout 0
[ $rc = 2 ] && has 'timeout' && ok "--timeout 0 exits 2" || bad "--timeout 0 (rc=$rc)"

run --config "$T/missing.json"
[ $rc = 1 ] && has "$T/missing.json: No such file" &&
	ok "a missing --config file exits 1 naming it" || bad "missing config (rc=$rc)"

printf '{ "pedals": [ { "chip": "gpiochip0", "ofset": 3 } ] }\n' >"$T/typo.json"
run --config "$T/typo.json"
[ $rc = 1 ] && has "$T/typo.json:1:" && has 'ofset' &&
	ok "a config error exits 1 with FILE:LINE:COLUMN" || bad "config error (rc=$rc)"

if ls /dev/gpiochip* >/dev/null 2>&1; then
	echo "# this machine has GPIO chips: the no-chip checks do not apply"
else
	# no config file at all: the documented default wiring is tried
	HOME=$T XDG_CONFIG_HOME=$T UNKNOT_CONFIG= run
	[ $rc = 1 ] && has 'trying line "GPIO17", active low, pull-up' &&
		has 'no GPIO chip found (/dev/gpiochip\*): foot switch disabled, keyboard and touch still work' &&
		ok "no chip: one clear line, exit 1" || bad "no chip, default wiring (rc=$rc)"

	printf '{ "pedals": [ { "chip": "gpiochip0", "offset": 3, "active_low": false } ] }\n' >"$T/c.json"
	run --config "$T/c.json"
	[ $rc = 1 ] && has 'GPIO chip "gpiochip0" not found' &&
		ok "a configured chip that is not there is named" || bad "missing chip (rc=$rc)"
fi
[ $fails = 0 ]
