/* watchdog: tells systemd how the app is doing (the sd_notify protocol),
 * without libsystemd.
 *
 * Under a Type=notify unit systemd passes $NOTIFY_SOCKET (a path, or "@name"
 * for an abstract socket) and, with WatchdogSec=, $WATCHDOG_USEC (and
 * $WATCHDOG_PID). Each notification is one AF_UNIX datagram of
 * "KEY=value\n" lines: READY=1 once the first frame is on the screen,
 * WATCHDOG=1 at least every WATCHDOG_USEC (we ping at half of it) from the
 * main loop, STOPPING=1 on the way out, STATUS=... for `systemctl status`.
 * A hung main loop stops pinging, so systemd kills and restarts it.
 *
 * Without $NOTIFY_SOCKET (started by hand, in tests) watchdog_open() returns
 * NULL and every function here is a no-op on NULL.
 *
 * Times are monotonic ms (clock_now_ms()), passed in by the caller.
 */
#ifndef UNKNOT_WATCHDOG_H
#define UNKNOT_WATCHDOG_H

#include <stdbool.h>
#include <stdint.h>

#define WATCHDOG_NEVER UINT64_MAX

typedef struct watchdog watchdog;

/* Reads $NOTIFY_SOCKET, $WATCHDOG_USEC and $WATCHDOG_PID (the watchdog is
 * only ours when WATCHDOG_PID is unset or our pid) and unsets them, so child
 * processes do not notify in our name. now: monotonic ms, the start of the
 * first watchdog interval. NULL when not started by systemd with a notify
 * socket, or when the socket cannot be created (reported on stderr once).
 * Caller frees with watchdog_free(). */
watchdog *watchdog_open(uint64_t now);

/* Sends READY=1 (only the first time; later calls do nothing) plus a STATUS=
 * line when status is not NULL. Returns 0 or -1 (send failed). */
int watchdog_ready(watchdog *w, const char *status);

/* Sends STATUS=text. Returns 0 or -1. */
int watchdog_status(watchdog *w, const char *text);

/* Sends WATCHDOG=1 when the next ping is due at now, and schedules the one
 * after. Returns 1 when it sent one, 0 when none was due, -1 on failure. */
int watchdog_tick(watchdog *w, uint64_t now);

/* When the next WATCHDOG=1 is due (monotonic ms), or WATCHDOG_NEVER (no
 * watchdog, or NULL): the main loop must wake by then even when idle. */
uint64_t watchdog_next(const watchdog *w);

/* The ping interval in ms (half of WATCHDOG_USEC), 0 without a watchdog. */
uint64_t watchdog_interval(const watchdog *w);

/* Sends STOPPING=1 (systemd then expects the process to exit). */
int watchdog_stopping(watchdog *w);

void watchdog_free(watchdog *w); /* NULL is fine */

#endif
