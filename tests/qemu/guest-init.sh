#!/bin/busybox sh
# /init (PID 1) of the initramfs that tests/e2e/gpio_qemu.sh boots under
# qemu-system-aarch64 -M virt. The board's PL061 is /dev/gpiochip0; QEMU's
# monitor command `system_powerdown` pulses its line 3 high for ~100 ms.
#
# Phase 1: unknot-pedal watches gpiochip0 line 3; the host presses 3 taps and
#          one ~1.2 s hold; once 4 releases were printed (plus 1 s for any
#          extra gesture to show up) it is stopped with SIGINT.
# Phase 3: the chip goes away and comes back (the PL061 driver is unbound and
#          bound again, like a USB GPIO adapter re-plugged, and it comes back
#          as another gpiochipN): unknot-pedal, configured with the chip's
#          label, must say so, re-open the line, and see the host's next tap.
# Phase 2: gpio_keys.ko claims line 3 ("GPIO Key Poweroff"); unknot-pedal must
#          fail and name that consumer.
# Every output line of unknot-pedal goes to the serial console prefixed with
# "P1| " or "P2| "; markers (*-READY, *-EXIT rc=N, GUEST-DONE) drive the host.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mkdir -p /tmp
echo "GUEST-BOOTED kernel=$(uname -r) uptime=$(cut -d' ' -f1 /proc/uptime)"
ls -l /dev/gpiochip* 2>&1

# count lines of a file matching a pattern (0 when none, or when the file is
# not there yet: a background job's redirection may not have happened yet)
count() {
	c=$(grep -c -- "$1" "$2" 2>/dev/null)
	echo "${c:-0}"
}

# ---- phase 1: taps and a hold
unknot-pedal --config /etc/pedal.json >/tmp/p1.log 2>&1 &
PID=$!
i=0
while [ "$(count 'press the foot switch' /tmp/p1.log)" = 0 ] && [ $i -lt 100 ]; do
	kill -0 $PID 2>/dev/null || break
	sleep 0.1
	i=$((i + 1))
done
if [ "$(count 'press the foot switch' /tmp/p1.log)" != 0 ]; then
	echo "P1-READY"
	i=0
	while [ "$(count '  up ' /tmp/p1.log)" -lt 4 ] && [ $i -lt 400 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	sleep 1 # an extra (wrong) gesture would show up in this second
	kill -INT $PID
fi
wait $PID
echo "P1-EXIT rc=$?"
sed 's/^/P1| /' /tmp/p1.log

# ---- phase 3: unplug and re-plug
# wait_line PATTERN FILE: up to 15 s for a line to appear (retries are 2 s apart)
wait_line() {
	i=0
	while [ "$(count "$1" "$2")" = 0 ] && [ $i -lt 150 ]; do
		sleep 0.1
		i=$((i + 1))
	done
}
PL061=/sys/bus/amba/drivers/pl061_gpio
unknot-pedal --config /etc/pedal-label.json >/tmp/p3.log 2>&1 &
PID=$!
wait_line 'press the foot switch' /tmp/p3.log
echo 9030000.pl061 >$PL061/unbind && echo "pl061 unbound"
wait_line 'error:' /tmp/p3.log
echo 9030000.pl061 >$PL061/bind && echo "pl061 bound again"
wait_line 'working again' /tmp/p3.log
ls /dev/gpiochip*
echo "P3-READY"
i=0
while [ "$(count '  up ' /tmp/p3.log)" -lt 1 ] && [ $i -lt 200 ]; do
	sleep 0.1
	i=$((i + 1))
done
sleep 1
kill -INT $PID
wait $PID
echo "P3-EXIT rc=$?"
sed 's/^/P3| /' /tmp/p3.log

# ---- phase 2: the line taken by gpio-keys
insmod /lib/modules/gpio_keys.ko && echo "insmod gpio_keys ok"
i=0
while [ ! -e /sys/bus/platform/drivers/gpio-keys/gpio-keys ] && [ $i -lt 30 ]; do
	sleep 0.1
	i=$((i + 1))
done
# by label: after phase 3 the chip is no longer gpiochip0
unknot-pedal --config /etc/pedal-label.json >/tmp/p2.log 2>&1
echo "P2-EXIT rc=$?"
sed 's/^/P2| /' /tmp/p2.log

echo "GUEST-DONE uptime=$(cut -d' ' -f1 /proc/uptime)"
sync
poweroff -f
