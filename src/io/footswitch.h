/* footswitch: the GPIO foot switches' edges, delivered to the main loop.
 *
 * One thread per footswitch blocks in poll() on the pedals' GPIO fds (plus a
 * wake pipe for shutdown). It reads each edge with its kernel timestamp into
 * a lock-protected queue and calls the caller's wake function once (as
 * dirwatch and fleet do; the app's pushes an SDL user event so that its
 * SDL_WaitEventTimeout returns). footswitch itself posts no SDL events. The
 * main thread then drains the queue and feeds the recogniser with the
 * timestamps unchanged and in order:
 *
 *   footswitch_edge e[32]; size_t n;
 *   while ((n = footswitch_drain(fs, e, 32)) > 0)
 *       for (size_t i = 0; i < n; i++)
 *           gesture_edge(g, e[i].input, e[i].down, e[i].ms);
 *
 * Rendering never delays reading: edges queue up while the UI is busy, with
 * their kernel times, so a busy frame changes no gesture.
 *
 * A pedal that cannot be opened (no chip, unknown line, busy, permission) is
 * retried every FOOTSWITCH_RETRY_MS (a USB GPIO adapter that is plugged in
 * later, or comes back after being unplugged, starts working); the line itself
 * is never polled, but while it is open the thread checks every
 * FOOTSWITCH_RETRY_MS that its chip's device node is still there (one stat(),
 * see gpio_chip_gone()). A re-plugged adapter often gets another chip number:
 * name the line, or the chip by its label, rather than "gpiochipN". footswitch_status() gives the UI the live level and the
 * error message. If a line disappears while pressed, a release edge is
 * queued at the time of the error so no hold is left hanging.
 */
#ifndef UNKNOT_FOOTSWITCH_H
#define UNKNOT_FOOTSWITCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "io/gpio.h"

#define FOOTSWITCH_RETRY_MS 2000
#define FOOTSWITCH_QUEUE 512   /* edges held between drains; overflow drops the oldest */

typedef struct footswitch footswitch;

/* Called when edges or a status change are pending: from the footswitch
 * thread, and once from footswitch_new itself (the first status). Must be
 * quick and thread-safe (post an event, write to a pipe); drain and read the
 * status in the main thread. */
typedef void (*footswitch_wake_fn)(void *user);

/* One edge, in the app's clock. */
typedef struct {
	int input;          /* pedal index: 0 or 1 (the index in config.pedals) */
	bool down;          /* true = pressed (active_low already applied) */
	uint64_t ms;        /* kernel timestamp in CLOCK_MONOTONIC ms (clock_now_ms() base, io/clock.h) */
} footswitch_edge;

/* The line access footswitch uses: the GPIO backend by default
 * (footswitch_gpio_backend()), a fake in tests and benchmarks. `h` is what
 * open returned. Every function is called from the footswitch thread only,
 * except close (also from footswitch_free, after the thread has stopped). */
typedef struct {
	void *(*open)(void *ctx, int input, const config_pedal *cfg, char *err, size_t errsize);
	void (*close)(void *h);
	int (*fd)(void *h);
	int (*read)(void *h, gpio_edge *out, size_t max, char *err, size_t errsize);
	int (*level)(void *h);            /* 1 pressed, 0 released, -1 unknown */
	const char *(*describe)(void *h); /* may be NULL */
	void *ctx;                        /* passed to open */
	unsigned retry_ms;                /* re-open interval after an error; 0 = FOOTSWITCH_RETRY_MS */
	/* may be NULL; false when the line's chip has gone away (checked every
	 * retry interval while open, because the kernel does not wake poll()) */
	bool (*alive)(void *h);
} footswitch_backend;

/* Live state of one pedal for the UI. */
typedef struct {
	bool configured;    /* the config gives this pedal a GPIO line */
	bool open;          /* the line is requested and delivering edges */
	bool down;          /* last known raw level (not debounced) */
	char where[96];     /* "gpiochip0 line 17 (GPIO17)" once open, else as configured */
	char error[GPIO_ERR_MAX]; /* "" when open; the reason otherwise (retried) */
	unsigned error_seq; /* bumps each time `error` changes (a new message, or
	                       cleared when the line works again): show it once */
	bool held_at_open;  /* the pedal was pressed when its line was (re)opened:
	                       that press is not a gesture (no down edge was seen);
	                       the UI says "release the pedal". Cleared by its up. */
} footswitch_status;

/* The libgpiod backend (gpio.h). Static. */
const footswitch_backend *footswitch_gpio_backend(void);

/* Starts watching the pedals in cfg that have a GPIO line (cfg->pedals[i].gpio
 * for i < cfg->npedals) or a key pedal's input device (cfg->pedals[i].device,
 * io/evdev.h). backend NULL = evdev_or_gpio_backend(). wake (may be NULL) is
 * called with user whenever edges or a status change are pending. Returns
 * NULL only when the thread cannot be set up (err says why); a pedal that
 * cannot be opened is not a failure: see footswitch_status(). With no pedal
 * configured it returns a footswitch that does nothing. Caller frees. */
footswitch *footswitch_new(const config *cfg, const footswitch_backend *backend,
                           footswitch_wake_fn wake, void *user, char *err, size_t errsize);
/* Stops the thread, closes the lines. NULL is fine. */
void footswitch_free(footswitch *fs);

/* Moves up to max queued edges into out, oldest first. Returns how many.
 * Main thread; never blocks on I/O. */
size_t footswitch_drain(footswitch *fs, footswitch_edge *out, size_t max);

/* Copies pedal `input`'s live state into *out. Returns -1 if input is out of range. */
int footswitch_status_get(footswitch *fs, int input, footswitch_status *out);

/* How many edges were dropped because the queue was full (should stay 0). */
uint64_t footswitch_dropped(footswitch *fs);

#endif
