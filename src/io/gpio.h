/* gpio: one foot-switch GPIO line, requested from the kernel for both-edge
 * events with kernel timestamps.
 *
 * Backend-neutral: src/io/gpio_v1.c (libgpiod 1.6) or src/io/gpio_v2.c
 * (libgpiod 2.x) implements the "backend" functions below; the Makefile
 * compiles the one matching `pkg-config --modversion libgpiod`. src/io/gpio.c
 * holds what both share (chip listing, error messages, timestamp conversion),
 * so a backend only talks to libgpiod.
 *
 * Levels are logical: the backend asks the kernel to apply active_low, so
 * down == true means "pressed" whichever way the switch is wired.
 */
#ifndef UNKNOT_GPIO_H
#define UNKNOT_GPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"

#define GPIO_CONSUMER "unknot"  /* consumer label shown by gpioinfo */
#define GPIO_ERR_MAX 256        /* enough for every message below */
#define GPIO_MAX_CHIPS 32
#define GPIO_CHIP_PATH_MAX 80

typedef struct gpio_pedal gpio_pedal;

/* Why gpio_open failed (the message says it to the user; the code lets a
 * caller decide whether retrying makes sense). */
typedef enum {
	GPIO_OK = 0,
	GPIO_ERR_NO_CHIP,   /* no /dev/gpiochip* at all, or the named chip is missing */
	GPIO_ERR_NO_LINE,   /* unknown line name, or offset beyond the chip */
	GPIO_ERR_BUSY,      /* another consumer holds the line */
	GPIO_ERR_PERM,      /* EACCES/EPERM on the chip: not in the gpio group */
	GPIO_ERR_CONFIG,    /* the config_pedal names no line (gpio == false) */
	GPIO_ERR_OTHER      /* anything else (message has strerror) */
} gpio_error;

/* One edge as the kernel reported it. */
typedef struct {
	bool down;          /* logical level after the edge (active_low applied): true = pressed */
	uint64_t ts_ns;     /* the kernel's event timestamp (CLOCK_MONOTONIC on kernels >= 5.7) */
} gpio_edge;

/* ---- backend (gpio_v1.c / gpio_v2.c) ---- */

/* Finds the line (by name on every chip, in /dev order, or by chip + offset;
 * a name plus a chip searches that chip only; the chip is "/dev/gpiochipN",
 * "gpiochipN", "N" or the chip's label, e.g. "pinctrl-bcm2711", which survives
 * re-plugging where the number may not), requests both-edge events with
 * active_low and bias from cfg, consumer label `consumer` (NULL = GPIO_CONSUMER).
 * Returns NULL on failure with *code (if non-NULL) set and a one-line message
 * for the user in err. Caller frees with gpio_close(). */
gpio_pedal *gpio_open(const config_pedal *cfg, const char *consumer, gpio_error *code,
                      char *err, size_t errsize);
void gpio_close(gpio_pedal *p); /* NULL is fine; releases the line */

/* The event file descriptor: readable (POLLIN) when edges are pending.
 * When the chip goes away, a poll() already waiting is NOT woken (kernel
 * 6.1); the next poll() says readable and the read fails (ENODEV): see
 * gpio_chip_gone(). Owned by p. */
int gpio_fd(const gpio_pedal *p);

/* Reads the pending edges without blocking, oldest first, at most max.
 * Returns how many (0 when none are pending), or -1 with a message in err
 * when the line is gone (e.g. a USB GPIO adapter was unplugged): the caller
 * closes it and re-opens later. */
int gpio_read_edges(gpio_pedal *p, gpio_edge *out, size_t max, char *err, size_t errsize);

/* The current logical level: 1 pressed, 0 released, -1 on error. */
int gpio_get_level(gpio_pedal *p);

/* "gpiochip0 line 17 (GPIO17)": where the line was found; always starts
 * with the chip's device name in /dev (gpio_chip_id_of relies on it). Owned by p. */
const char *gpio_describe(const gpio_pedal *p);

/* "libgpiod 1.6.3": which backend and library version. Static string. */
const char *gpio_backend_name(void);

/* ---- shared (gpio.c) ---- */

/* The GPIO character devices in `dir` (NULL = "/dev"), "gpiochipN" in
 * numeric order, as full paths (each GPIO_CHIP_PATH_MAX bytes). Returns how
 * many were written (0 when there are none or dir cannot be read). */
size_t gpio_list_chips(const char *dir, char paths[][GPIO_CHIP_PATH_MAX], size_t max);

/* Writes the user-facing message for a failure. `what` names the line as
 * configured ("line \"GPIO17\"", "gpiochip0 line 3"); `detail` is
 * "\"gpiochip7\" not found (have gpiochip0)" (NO_CHIP), the chip path (PERM), the consumer (BUSY), the list of searched chips
 * (NO_LINE) or strerror (OTHER); it may be NULL. Every message says what
 * still works: keyboard and touch. */
void gpio_format_error(gpio_error code, const char *what, const char *detail, char *err,
                       size_t errsize);

/* Bounded copy and append for fixed buffers (snprintf's truncation
 * warnings misfire on rows of 2-D arrays): always NUL-terminated, silently
 * truncated. */
void gpio_str_copy(char *dst, size_t size, const char *src);
void gpio_str_append(char *dst, size_t size, const char *src);
/* "gpiochip0" for "/dev/gpiochip0": the part after the last '/'. */
const char *gpio_chip_base(const char *path);

/* A backend's way to read the label of the chip at path ("pinctrl-bcm2711")
 * into out. Returns 0, or -1 when the chip cannot be opened. */
typedef int (*gpio_label_fn)(const char *path, char *out, size_t size);

/* Which chips to search for cfg's line: the one cfg->chip names (a path,
 * "gpiochipN", "N" or a chip label, looked up with label_of), else every
 * chip; an offset without a chip means gpiochip0. Writes paths into chips
 * (GPIO_MAX_CHIPS rows) and returns how many; 0 with a NO_CHIP message in err. */
size_t gpio_candidate_chips(const config_pedal *cfg, char chips[][GPIO_CHIP_PATH_MAX],
                            gpio_label_fn label_of, char *err, size_t errsize);

/* What gpio_find_line needs from a backend, on its own chip handle type. */
typedef struct {
	void *(*open)(const char *path);               /* NULL with errno */
	void (*close)(void *chip);
	size_t (*num_lines)(void *chip);
	int (*find)(void *chip, const char *name);      /* the named line's offset, or -1 */
	gpio_label_fn label;                            /* for chips named by label */
} gpio_chip_ops;

/* Finds cfg's line on the chips gpio_candidate_chips names, in order.
 * Returns the backend's open chip handle (the caller closes it with
 * ops->close) with the line's offset and the chip's path; or NULL with *ec
 * and the user-facing message in err (no chip, no such line, permission:
 * `what` names the line as configured). */
void *gpio_find_line(const config_pedal *cfg, const gpio_chip_ops *ops, const char *what,
                     unsigned *offset, char *chip_path, size_t pathsize, gpio_error *ec,
                     char *err, size_t errsize);

/* "line \"GPIO17\"" or "gpiochip0 line 3": how cfg names its line. */
void gpio_describe_config(const config_pedal *cfg, char *out, size_t size);

/* Converts a kernel event timestamp to the app's clock (CLOCK_MONOTONIC ms).
 * Kernels before 5.7 stamp GPIO events with CLOCK_REALTIME: a timestamp
 * closer to real_ns than to mono_ns is shifted by (real - mono). mono_ns and
 * real_ns are "now" on both clocks. Pure, so it is unit-tested. */
uint64_t gpio_ts_to_ms(uint64_t ts_ns, uint64_t mono_ns, uint64_t real_ns);

/* gpio_ts_to_ms with the clocks read now. */
uint64_t gpio_ts_now_to_ms(uint64_t ts_ns);

/* Which chip device node a line is on, to notice that the chip went away:
 * the kernel (6.1) does not wake a poll() on a line whose chip was removed
 * (a USB GPIO adapter unplugged, a driver unbound), and a chip that comes back
 * is a new device node (often with another number), so callers check
 * gpio_chip_gone() every few seconds while a line is open. */
typedef struct {
	char path[GPIO_CHIP_PATH_MAX]; /* "/dev/gpiochip0"; "" = unknown (never "gone") */
	uint64_t dev, ino;             /* the node's st_rdev and st_ino at open */
} gpio_chip_id;

/* Records the chip of p (from gpio_describe(p), which starts with the chip's
 * device name in /dev). */
void gpio_chip_id_of(const gpio_pedal *p, gpio_chip_id *id);

/* True when id's device node no longer exists or is another device now. */
bool gpio_chip_gone(const gpio_chip_id *id);

/* clock_now_ms() (io/clock.h), the clock every edge is converted to. Kept
 * only for src/pedal_main.c until it calls clock_now_ms() itself (issue 16:
 * one monotonic clock); new code calls clock_now_ms(). */
uint64_t gpio_clock_ms(void);

#endif
