/* signals: what each signal does to the app, decided in one place (issue 19).
 *
 *   SIGTERM, SIGINT  stop: the running session is ended properly (its
 *                    session_end is journaled), then the app exits 0
 *   SIGHUP           the same (the terminal or the ssh session that started
 *                    it went away); it used to kill the app mid-line
 *   SIGPIPE          ignored: a write to a closed pipe (--journal to a pipe,
 *                    a socket) fails with EPIPE and is reported like any
 *                    write error, instead of killing the app silently
 *   SIGUSR1, SIGALRM ignored: unknot uses neither (no alarm(), no user
 *                    signals); a stray `kill -USR1` must not end a session
 * SIGQUIT keeps its default (a core dump for debugging), SIGKILL cannot be
 * caught: the journal's single-write lines make that safe.
 *
 * The handler only sets *stop and posts `wake` (async-signal-safe), which
 * the main loop reads.
 */
#ifndef UNKNOT_SIGNALS_H
#define UNKNOT_SIGNALS_H

#include <signal.h>

#include <SDL.h>

/* Installs the handlers above: *stop becomes the signal's number (non-zero)
 * when a stop is requested; wake (may be NULL) is posted so that a loop
 * blocked on it notices. Both must outlive the handlers (signals_reset()).
 * Returns 0, or -1 when sigaction failed. */
int signals_install(volatile sig_atomic_t *stop, SDL_sem *wake);

/* Back to the default actions (before *stop or wake go away). */
void signals_reset(void);

/* "SIGHUP" etc. for log lines; "signal" for others. Never NULL. */
const char *signals_name(int sig);

#endif
