/* evdev: a key pedal's input device as a foot-switch line (issue 19).
 *
 * A USB foot pedal that types a key was timed by when the frame loop read
 * its SDL key event: in the kiosk VM 150 ms presses measured 574-655 ms,
 * and under load every press became a hold. With "device" in its pedal
 * config ("/dev/input/by-id/usb-...-event-kbd"), the pedal's device is read
 * on the foot-switch thread instead (footswitch.h: poll, read, queue), with
 * the kernel's event time (EVIOCSCLOCKID CLOCK_MONOTONIC), and grabbed
 * (EVIOCGRAB) so its keys do not also reach the screen. The pedal is down
 * while any of its configured keys is; key repeat is ignored. Unplugged, the
 * read fails and footswitch re-opens it every FOOTSWITCH_RETRY_MS, so
 * hot-plug keeps working. Without access (no "input" group, a desktop) the
 * error is logged once and the keys keep coming through SDL.
 */
#ifndef UNKNOT_EVDEV_H
#define UNKNOT_EVDEV_H

#include "io/footswitch.h"

/* The evdev backend for pedals with a "device". Static. */
const footswitch_backend *evdev_backend(void);

/* GPIO for pedals with a line, evdev for pedals with a device: what
 * footswitch uses by default. Static. */
const footswitch_backend *evdev_or_gpio_backend(void);

#endif
