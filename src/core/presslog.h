/* presslog: what unknot-pedal says about each raw edge of a pedal (pure).
 *
 * A raw edge becomes one of: a press beginning, chatter inside a press (an
 * up and a down within the debounce time: the recogniser merges them, so
 * the press goes on), a release with the press's true length (from its
 * first down, chatter included: a 1.2 s press with a bounce used to be
 * shown as "up (170 ms)"), or nothing to time: an "up" with no press
 * before it (the first edge after a re-open used to print one each time),
 * or the release of a press that was already down when the line opened
 * (which the recogniser never saw begin: it is not counted).
 */
#ifndef UNKNOT_PRESSLOG_H
#define UNKNOT_PRESSLOG_H

#include <stdbool.h>
#include <stdint.h>

typedef enum {
	PRESSLOG_DOWN = 0,     /* a press begins */
	PRESSLOG_CHATTER,      /* down again within the debounce time: the same press */
	PRESSLOG_UP,           /* released; *len_ms is the whole press */
	PRESSLOG_HELD_UP,      /* the press held while opening ended: not counted */
	PRESSLOG_STRAY_UP      /* an up with no press: ignore */
} presslog_kind;

typedef struct {
	unsigned debounce_ms;
	bool down;             /* a press the recogniser saw begin is in progress */
	bool held_at_open;     /* the line was opened while pressed */
	uint64_t down_at;      /* the press's first down */
	uint64_t up_at;        /* the last release (0 = none yet) */
} presslog;

/* A line was (re)opened at a level (1 pressed): starts over. */
void presslog_open(presslog *p, unsigned debounce_ms, int level);

/* One raw edge. Returns what it is; *len_ms is set for PRESSLOG_UP. The
 * recogniser is fed only DOWN, CHATTER and UP edges (presslog_feeds()). */
presslog_kind presslog_edge(presslog *p, bool down, uint64_t ms, uint64_t *len_ms);

/* Whether an edge of this kind goes to the gesture recogniser. */
bool presslog_feeds(presslog_kind k);

#endif
