/* cues: the audio cue schedule of a timeline entry.
 *
 * Pure: given a timeline entry (and the one after it), says which cues fall at
 * which millisecond of the entry. The session engine emits them as events at
 * their absolute times; the audio shell only plays what it is told.
 */
#ifndef UNKNOT_CUES_H
#define UNKNOT_CUES_H

#include <stddef.h>
#include <stdint.h>

#include "core/routine.h"

typedef enum {
	CUE_GET_READY = 0, /* a transition starts */
	CUE_START,         /* a timed step starts */
	CUE_HALFWAY,       /* halfway through a compression or rolling step */
	CUE_TICK,          /* one of the last seconds (countdown) */
	CUE_END,           /* a step ends (elapsed) */
	CUE_SWITCH_SIDES,  /* step ends and the next is the same target, other side */
	CUE_DISCOMFORT,    /* a discomfort hold was recognised */
	CUE_PAUSE,
	CUE_RESUME,
	CUE_COMPLETE,      /* the session completed */
	CUE_COUNT
} cue_kind;

typedef struct {
	cue_kind kind;
	uint32_t at_ms;  /* ms from the start of the entry (with the planned length) */
} cue_item;

#define CUES_MAX_PER_ENTRY 16

/* Fills `out` (room for CUES_MAX_PER_ENTRY) with the cues of `e`, in time
 * order, for an entry of `length_ms` (its planned length, or more after
 * +15 s). `prev`/`next` are the entries around it, or NULL.
 *
 * At every boundary between two entries exactly one cue sounds, so cues never
 * pile up: it is reported as the LAST cue of the entry that ends, with
 * at_ms == length_ms, chosen as: COMPLETE after the last entry; SWITCH_SIDES
 * when the step ending and the next timed step (past a transition) are the
 * same target on the other side; else GET_READY when the next entry is a
 * transition; START when it is a compression/rolling/stretch; END when it is a
 * rest. The very first entry also gets its start cue (GET_READY or START) at 0.
 * Inside an entry: HALFWAY (compression and rolling), and TICKs at
 * length_ms - k*1000 for k = countdown_s..1 (only those after 0; a tick at
 * the halfway ms gives way to HALFWAY). The entry's `cues` switches turn each
 * off; the boundary cue obeys COMPLETE/END: the ending entry's `end`;
 * SWITCH_SIDES: its `switch_sides` (when off, the next rule applies);
 * GET_READY/START: the NEXT entry's `start`. Returns the number of cues. */
size_t cues_for_entry(const routine_entry *prev, const routine_entry *e,
                      const routine_entry *next, uint32_t length_ms, cue_item *out);

/* File stem of a cue's sound, e.g. "get_ready" -> assets/sounds/get_ready.wav. */
const char *cues_name(cue_kind k);

#endif
