/* voicesched: one audio schedule for speech and cues.
 *
 * Pure: given how long a spoken sentence lasts (known once espeak-ng has
 * rendered it into memory) and when the cues of an entry sound (core/cues.c,
 * with each cue sound's length), decides when the sentence starts so that it
 * never overlaps a cue, with VOICESCHED_GAP_MS of air either side. When it
 * does not fit, a transition ("get ready") may be lengthened so the words come
 * before its countdown ticks; else a shorter variant of the sentence is tried;
 * else nothing is said (the screen still shows it). Times are ms from the
 * start of the entry (or from `now` for prompts); nothing here reads a clock.
 */
#ifndef UNKNOT_VOICESCHED_H
#define UNKNOT_VOICESCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cues.h"
#include "core/routine.h"

#define VOICESCHED_NONE UINT32_MAX
#define VOICESCHED_GAP_MS 120          /* air between a cue and the words, either side */
#define VOICESCHED_MAX_EXTEND_MS 30000 /* a transition grows by at most this much */
#define VOICESCHED_MAX_BUSY (CUES_MAX_PER_ENTRY + 2)
#define VOICESCHED_VARIANTS 2          /* the whole sentence, then a shorter one */
#define VOICESCHED_PROMPT_SOON_MS 1000 /* a prompt waits this long past its cue at most, */
                                       /* else its short form is said, else it waits */

/* A sound that occupies [at_ms, at_ms + len_ms). */
typedef struct {
	uint32_t at_ms;
	uint32_t len_ms;
} voicesched_busy;

/* The earliest start >= from_ms at which len_ms of speech, with
 * VOICESCHED_GAP_MS either side, meets none of the n busy intervals (any
 * order) and ends (gap included) by limit_ms. VOICESCHED_NONE when there is
 * no such place, or len_ms is 0. */
uint32_t voicesched_fit(const voicesched_busy *busy, size_t n, uint32_t from_ms, uint32_t len_ms,
                        uint32_t limit_ms);

/* Where an entry's announcement goes. */
typedef struct {
	uint32_t start_ms;  /* ms from the entry's start; VOICESCHED_NONE: say nothing */
	uint32_t length_ms; /* the entry's length: its planned one, or longer (a transition) */
	int variant;        /* which sentence: 0 the whole one, 1 the shorter one; -1 none */
} voicesched_plan;

/* Plans the announcement spoken in entry `e` (prev/next around it, or NULL)
 * of planned length planned_ms. open_ms: the sound at its start (the
 * boundary cue of the entry before, or its own start cue), which the words
 * follow. cue_ms[k]: how long cue k sounds (0 when silent). speech_ms[v]: the
 * length of sentence variant v (0 = none), VOICESCHED_VARIANTS of them, the
 * preferred first. A transition may be lengthened, in whole seconds and by
 * at most VOICESCHED_MAX_EXTEND_MS, so the whole sentence ends before its
 * countdown; other entries keep their length. */
voicesched_plan voicesched_entry(const routine_entry *prev, const routine_entry *e,
                                 const routine_entry *next, uint32_t planned_ms, uint32_t open_ms,
                                 const uint32_t cue_ms[CUE_COUNT],
                                 const uint32_t speech_ms[VOICESCHED_VARIANTS]);

/* Where a prompt said `now` goes (after a discomfort hold): cues[0..n) are
 * the entry's cues (ms from its start), elapsed_ms how far into it we are,
 * length_ms its length, open_ms the cue sounding now (the discomfort chirp).
 * The words must end before the entry does; they come soon (within
 * VOICESCHED_PROMPT_SOON_MS after the chirp), the whole sentence if it fits
 * then, else the short one; only when neither does, the first later gap.
 * Returns the delay from now in ms
 * and the variant in *variant, or VOICESCHED_NONE (*variant -1). */
uint32_t voicesched_prompt(const cue_item *cues, size_t n, uint32_t elapsed_ms, uint32_t length_ms,
                           uint32_t open_ms, const uint32_t cue_ms[CUE_COUNT],
                           const uint32_t speech_ms[VOICESCHED_VARIANTS], int *variant);

#endif
