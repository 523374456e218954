/* gesture: the foot-switch gesture recogniser, and the mapping of gestures to
 * session actions.
 *
 * Pure: fed with raw edges (input id, down/up, timestamp in ms, ideally the
 * kernel's event time) and with the current time, it outputs gestures. Every
 * pedal path (GPIO, USB pedals that send keys, gpio-key) feeds the same code,
 * so debounce and timing behave the same everywhere.
 *
 * Debounce: an edge counts only once the level has stayed the same for
 * debounce_ms; chatter never makes extra gestures. The press starts at the
 * first edge of the stable run (so durations use the raw timestamps).
 */
#ifndef UNKNOT_GESTURE_H
#define UNKNOT_GESTURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define GESTURE_MAX_INPUTS 2   /* pedal (0) and pedal2 (1) */
#define GESTURE_NO_DEADLINE UINT64_MAX

typedef enum {
	GESTURE_TAP = 0,    /* released before hold_ms */
	GESTURE_DOUBLE_TAP, /* two taps within double_tap_ms (only when mapped) */
	GESTURE_HOLD,       /* reached hold_ms (fires then; on release if long_hold is mapped) */
	GESTURE_LONG_HOLD,  /* reached long_hold_ms (only when mapped) */
	GESTURE_KIND_COUNT
} gesture_kind;

typedef enum {
	GESTURE_ACTION_NONE = 0,
	GESTURE_ACTION_NEXT,        /* advance (or start the routine) */
	GESTURE_ACTION_DISCOMFORT,
	GESTURE_ACTION_PAUSE,       /* pause / resume toggle */
	GESTURE_ACTION_PREVIOUS,
	GESTURE_ACTION_EXTEND,
	GESTURE_ACTION_COUNT
} gesture_action;

typedef struct {
	uint32_t debounce_ms;    /* default 30 */
	uint32_t hold_ms;        /* default 700 */
	uint32_t long_hold_ms;   /* default 3000 */
	uint32_t double_tap_ms;  /* default 400: max gap between release and next press */
	/* action per input per gesture; default pedal: tap=next, hold=discomfort;
	 * pedal2: tap=discomfort, hold=pause. */
	gesture_action map[GESTURE_MAX_INPUTS][GESTURE_KIND_COUNT];
} gesture_config;

typedef struct {
	int input;            /* 0 or 1 */
	gesture_kind kind;
	gesture_action action; /* from the mapping */
	uint64_t ms;          /* when it was recognised (press start + hold_ms for a hold) */
	uint32_t duration_ms; /* press length (so far, for a hold that fires while down) */
} gesture_event;

typedef struct gesture gesture;

void gesture_config_default(gesture_config *cfg);

/* Caller frees with gesture_free(). cfg is copied. */
gesture *gesture_new(const gesture_config *cfg);
void gesture_free(gesture *g); /* NULL is fine */

/* A raw edge. Timestamps must not go backwards per input (older ones are
 * ignored). Processes deadlines up to `ms` first. */
void gesture_edge(gesture *g, int input, bool down, uint64_t ms);
/* Processes deadlines (debounce, hold, double-tap windows) up to `now`. */
void gesture_tick(gesture *g, uint64_t now);
/* Pops the oldest recognised gesture. */
bool gesture_next(gesture *g, gesture_event *out);
/* The next ms at which a tick would produce something, or GESTURE_NO_DEADLINE. */
uint64_t gesture_next_deadline(const gesture *g);

/* Live feedback: debounced level, and how far a hold has built (0..1) at now. */
bool gesture_is_down(const gesture *g, int input);
float gesture_hold_progress(const gesture *g, int input, uint64_t now);
/* How long the debounced press of `input` has lasted at now, ms (0 when up):
 * the controller's very long hold (pause / end) counts on from the hold. */
uint64_t gesture_held_ms(const gesture *g, int input, uint64_t now);

const char *gesture_kind_name(gesture_kind k);     /* "tap", "double_tap", "hold", "long_hold" */
const char *gesture_action_name(gesture_action a); /* "none", "next", "discomfort", "pause", "previous", "extend" */
int gesture_action_from_name(const char *name);    /* -1 if unknown */

#endif
