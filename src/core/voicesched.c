/* voicesched: speech placed between cues (see voicesched.h). */
#include "core/voicesched.h"

uint32_t voicesched_fit(const voicesched_busy *busy, size_t n, uint32_t from_ms, uint32_t len_ms,
                        uint32_t limit_ms)
{
	if (len_ms == 0)
		return VOICESCHED_NONE;
	uint64_t start = from_ms, gap = VOICESCHED_GAP_MS;
	/* Each pass moves the start past one interval it meets; at most n moves. */
	for (size_t pass = 0; pass <= n; pass++) {
		bool moved = false;
		for (size_t i = 0; i < n; i++) {
			uint64_t a = busy[i].at_ms, b = a + busy[i].len_ms;
			if (busy[i].len_ms == 0)
				b = a + 1; /* a silent cue still marks its moment */
			if (start < b + gap && start + len_ms + gap > a) {
				start = b + gap;
				moved = true;
			}
		}
		if (!moved)
			return start + len_ms + gap <= limit_ms ? (uint32_t)start : VOICESCHED_NONE;
	}
	return VOICESCHED_NONE;
}

/* The cues of e at length len, with their sounds' lengths, after the opening sound. */
static size_t entry_busy(const routine_entry *prev, const routine_entry *e, const routine_entry *next,
                         uint32_t len, uint32_t open_ms, const uint32_t cue_ms[CUE_COUNT],
                         voicesched_busy *out)
{
	cue_item items[CUES_MAX_PER_ENTRY];
	size_t n = cues_for_entry(prev, e, next, len, items), k = 0;
	out[k++] = (voicesched_busy){ 0, open_ms };
	for (size_t i = 0; i < n; i++)
		out[k++] = (voicesched_busy){ items[i].at_ms, cue_ms[items[i].kind] };
	return k;
}

/* The length a transition needs for len_ms of words after open_ms and before
 * its countdown, rounded up to whole seconds (the countdown shows seconds). */
static uint32_t needed_ms(const routine_entry *e, uint32_t open_ms, uint32_t len_ms)
{
	unsigned cd = e->cues.countdown_s > ROUTINE_MAX_COUNTDOWN_S ? ROUTINE_MAX_COUNTDOWN_S : e->cues.countdown_s;
	uint64_t tail = cd ? (uint64_t)cd * 1000 : 0;
	uint64_t need = (uint64_t)open_ms + VOICESCHED_GAP_MS + len_ms + VOICESCHED_GAP_MS + tail;
	need = (need + 999) / 1000 * 1000;
	return need > UINT32_MAX ? UINT32_MAX : (uint32_t)need;
}

voicesched_plan voicesched_entry(const routine_entry *prev, const routine_entry *e,
                                 const routine_entry *next, uint32_t planned_ms, uint32_t open_ms,
                                 const uint32_t cue_ms[CUE_COUNT],
                                 const uint32_t speech_ms[VOICESCHED_VARIANTS])
{
	voicesched_plan p = { VOICESCHED_NONE, planned_ms, -1 };
	voicesched_busy busy[VOICESCHED_MAX_BUSY];
	if (!e)
		return p;
	bool grow = e->kind == ROUTINE_TRANSITION;
	for (int v = 0; v < VOICESCHED_VARIANTS; v++) {
		uint32_t len = planned_ms;
		if (!speech_ms[v])
			continue;
		for (int attempt = 0; attempt < 2; attempt++) {
			size_t n = entry_busy(prev, e, next, len, open_ms, cue_ms, busy);
			uint32_t at = voicesched_fit(busy, n, 0, speech_ms[v], len);
			/* In a transition the words come before the countdown, not
			 * between its ticks: the user hears them whole, then 3-2-1. */
			if (at != VOICESCHED_NONE && grow && e->cues.countdown_s &&
			    (uint64_t)at + speech_ms[v] + VOICESCHED_GAP_MS + (uint64_t)e->cues.countdown_s * 1000 > len)
				at = VOICESCHED_NONE;
			if (at != VOICESCHED_NONE) {
				p.start_ms = at;
				p.length_ms = len;
				p.variant = v;
				return p;
			}
			if (!grow)
				break;
			uint32_t need = needed_ms(e, open_ms, speech_ms[v]);
			if (need <= len || need - planned_ms > VOICESCHED_MAX_EXTEND_MS)
				break;
			len = need;
		}
	}
	return p;
}

uint32_t voicesched_prompt(const cue_item *cues, size_t n, uint32_t elapsed_ms, uint32_t length_ms,
                           uint32_t open_ms, const uint32_t cue_ms[CUE_COUNT],
                           const uint32_t speech_ms[VOICESCHED_VARIANTS], int *variant)
{
	voicesched_busy busy[VOICESCHED_MAX_BUSY];
	size_t k = 0;
	*variant = -1;
	if (elapsed_ms >= length_ms)
		return VOICESCHED_NONE;
	busy[k++] = (voicesched_busy){ 0, open_ms };
	for (size_t i = 0; i < n && k < VOICESCHED_MAX_BUSY; i++) {
		uint64_t end = (uint64_t)cues[i].at_ms + cue_ms[cues[i].kind];
		if (end <= elapsed_ms)
			continue; /* already over */
		uint32_t at = cues[i].at_ms > elapsed_ms ? cues[i].at_ms - elapsed_ms : 0;
		busy[k++] = (voicesched_busy){ at, (uint32_t)(end - elapsed_ms - at) };
	}
	/* Soon first (the whole, then the short one); only then later. */
	for (int pass = 0; pass < 2; pass++)
		for (int v = 0; v < VOICESCHED_VARIANTS; v++) {
			uint32_t at = voicesched_fit(busy, k, 0, speech_ms[v], length_ms - elapsed_ms);
			if (at != VOICESCHED_NONE && (pass == 1 || at <= open_ms + VOICESCHED_PROMPT_SOON_MS)) {
				*variant = v;
				return at;
			}
		}
	return VOICESCHED_NONE;
}
