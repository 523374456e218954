/* cues: the audio cue schedule of one timeline entry (see cues.h). */
#include "core/cues.h"

#include <string.h>

static bool cues_is_timed(const routine_entry *e)
{
	return e->kind != ROUTINE_TRANSITION && e->kind != ROUTINE_REST;
}

/* Same target, other side: the next timed step (a transition carries the
 * target and side of the step it prepares) is this step's mirror. */
static bool cues_switches_sides(const routine_entry *e, const routine_entry *next)
{
	if (!cues_is_timed(e) || next->kind == ROUTINE_REST)
		return false;
	if (e->side == ROUTINE_SIDE_NONE || next->side == ROUTINE_SIDE_NONE || e->side == next->side)
		return false;
	if (!e->target || !next->target)
		return false;
	return strcmp(e->target, next->target) == 0;
}

/* The one cue at the end of `e`, or -1 when that cue is switched off. */
static int cues_boundary(const routine_entry *e, const routine_entry *next)
{
	if (!next)
		return e->cues.end ? CUE_COMPLETE : -1;
	if (e->cues.switch_sides && cues_switches_sides(e, next))
		return CUE_SWITCH_SIDES;
	if (next->kind == ROUTINE_REST)
		return e->cues.end ? CUE_END : -1;
	if (!next->cues.start)
		return -1;
	return next->kind == ROUTINE_TRANSITION ? CUE_GET_READY : CUE_START;
}

size_t cues_for_entry(const routine_entry *prev, const routine_entry *e,
                      const routine_entry *next, uint32_t length_ms, cue_item *out)
{
	size_t n = 0;
	uint32_t halfway = 0;
	bool has_halfway = false;

	if (!e)
		return 0;
	if (!prev && e->cues.start)
		out[n++] = (cue_item){ e->kind == ROUTINE_TRANSITION ? CUE_GET_READY : CUE_START, 0 };
	if (e->cues.halfway && (e->kind == ROUTINE_COMPRESSION || e->kind == ROUTINE_ROLLING) &&
	    length_ms >= 2) {
		halfway = length_ms / 2;
		has_halfway = true;
	}
	/* Ticks at length - k s, k = countdown..1; the halfway cue slots in by time
	 * and wins over a tick at the same ms. Ticks at or before 0 are dropped. */
	unsigned cd = e->cues.countdown_s;
	if (cd > ROUTINE_MAX_COUNTDOWN_S)
		cd = ROUTINE_MAX_COUNTDOWN_S;
	for (unsigned k = cd; k >= 1; k--) {
		if ((uint64_t)k * 1000 >= length_ms)
			continue;
		uint32_t at = length_ms - k * 1000;
		if (has_halfway && halfway <= at) {
			out[n++] = (cue_item){ CUE_HALFWAY, halfway };
			has_halfway = false;
			if (halfway == at)
				continue;
		}
		out[n++] = (cue_item){ CUE_TICK, at };
	}
	if (has_halfway)
		out[n++] = (cue_item){ CUE_HALFWAY, halfway };
	int b = cues_boundary(e, next);
	if (b >= 0)
		out[n++] = (cue_item){ (cue_kind)b, length_ms };
	return n;
}

const char *cues_name(cue_kind k)
{
	static const char *const names[CUE_COUNT] = {
		"get_ready", "start", "halfway", "tick", "end", "switch_sides",
		"discomfort", "pause", "resume", "complete",
	};
	return (unsigned)k < CUE_COUNT ? names[k] : "unknown";
}
