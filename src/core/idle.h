/* idle: when an unattended station goes back home, ends a forgotten pause
 * and dims (pure: every time is passed in, monotonic ms).
 *
 * The app tells it where it is (idle_set_place, on every screen or session
 * state change) and when a person touched it (idle_input); it answers when
 * the next thing is due (idle_deadline, for the event loop's wake-up) and
 * what is due now (idle_due).
 *
 *   home     the library (or the first-run safety screen): only dims
 *   away     any other screen outside a session (preview, summary, settings,
 *            history, ...): dims, and goes home after idle_ms
 *   running  a session runs: nothing (the screen never dims or blanks)
 *   paused   a session is paused: ended after pause_timeout_ms of pause
 *
 * Idle time counts from the later of the last input and the moment the
 * station came to the current place, so a summary reached by a timeout or by
 * a session finishing alone is shown a full idle_ms before going home.
 */
#ifndef UNKNOT_IDLE_H
#define UNKNOT_IDLE_H

#include <stdbool.h>
#include <stdint.h>

#define IDLE_NEVER UINT64_MAX

typedef enum { IDLE_HOME = 0, IDLE_AWAY, IDLE_RUNNING, IDLE_PAUSED } idle_place;

typedef enum {
	IDLE_NOTHING = 0,
	IDLE_GO_HOME,       /* show the library */
	IDLE_END_PAUSED,    /* end the paused session (it was paused too long) */
	IDLE_DIM            /* dim the screen (idle_is_dimmed is now true) */
} idle_action;

typedef struct {
	uint64_t idle_ms;          /* away -> home after this long; 0 = never */
	uint64_t pause_timeout_ms; /* paused -> ended; 0 = never */
	uint64_t dim_ms;           /* home/away -> dimmed; 0 = never */
} idle_config;

typedef struct idle_tracker idle_tracker;

/* A tracker starting at `now` at home. NULL when out of memory. Caller frees
 * with idle_free(). */
idle_tracker *idle_new(const idle_config *cfg, uint64_t now);
void idle_free(idle_tracker *t); /* NULL is fine */

/* Where the station is now. The same place again changes nothing. Entering a
 * session (running/paused) wakes a dimmed screen. */
void idle_set_place(idle_tracker *t, idle_place place, uint64_t now);
idle_place idle_get_place(const idle_tracker *t);

/* A person pressed something (touch, key, pedal down). Returns true when the
 * screen was dimmed: it wakes, and this input must not act. */
bool idle_input(idle_tracker *t, uint64_t now);

/* The next moment idle_due can return an action, or IDLE_NEVER. */
uint64_t idle_deadline(const idle_tracker *t);

/* What is due at `now` (one action per call; call again until IDLE_NOTHING).
 * IDLE_GO_HOME and IDLE_END_PAUSED are reported once: the caller then moves
 * (and says so with idle_set_place). */
idle_action idle_due(idle_tracker *t, uint64_t now);

bool idle_is_dimmed(const idle_tracker *t);

/* A name for logs: "nothing", "go home", "end paused", "dim". */
const char *idle_action_name(idle_action a);

#endif
