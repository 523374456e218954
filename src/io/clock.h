/* clock: the two clocks unknot reads, the one place in src/io that asks the
 * kernel for the time. Monotonic time drives every timer; wall time is only
 * for journal stamps.
 *
 * The monotonic clock is CLOCK_MONOTONIC: the clock the kernel stamps GPIO
 * edges with (gpio_v2.c asks for it; gpio_v1.c gets it on kernels >= 5.7 and
 * io/gpio.c converts the older CLOCK_REALTIME stamps), so an edge's time and
 * clock_now_ms() can be compared directly. */
#ifndef UNKNOT_CLOCK_H
#define UNKNOT_CLOCK_H

#include <stddef.h>
#include <stdint.h>

/* Monotonic ms (CLOCK_MONOTONIC): never jumps with NTP or the user. */
uint64_t clock_now_ms(void);
/* The same clock in ns (kernel edge timestamps are in ns). */
uint64_t clock_now_ns(void);

/* Wall time, ms since the Unix epoch (UTC). */
uint64_t clock_wall_ms(void);
/* The same in ns. */
uint64_t clock_wall_ns(void);

/* Formats epoch ms as UTC ISO 8601 with ms, "2026-11-21T09:30:00.123Z".
 * Returns buf ("" when size is too small: it needs 25 bytes). */
char *clock_format_iso(char *buf, size_t size, uint64_t epoch_ms);

/* The wall time now plus offset_ms, formatted as clock_format_iso. */
char *clock_wall_iso(char *buf, size_t size, int64_t offset_ms);

/* Local time minus UTC now, in minutes (0 when unknown). */
int clock_tz_offset_min(void);

#endif
