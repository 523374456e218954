/* ctl_voice: what the controller says, and when (issue 17); declared in
 * ctl_internal.h.
 *
 * The words go where core/voicesched.c puts them: the get-ready announcement
 * after the boundary cue and before the countdown (the transition is
 * lengthened when they need it), the prompts after a discomfort hold between
 * the cues of the step, the warnings when they are shown. The voice setting
 * (config "voice") decides how much: off, names (the target and side only),
 * full (the whole announcement, the prompts and the warnings).
 *
 * Effects used: cue_ms, speech_ms, speak_at, say_ms, say_at (ctl_effects).
 * Without them (tests, --simulate, --fast) the announcement goes through
 * fx.speak and a prompt or warning through fx.say, unscheduled.
 */
#include "app/ctl_internal.h"

#include "core/voicesched.h"
#include "io/log.h"

/* The length of every cue's sound, from the effects (0 without them). */
static void cue_lengths(const ctl *c, uint32_t out[CUE_COUNT])
{
	for (int k = 0; k < CUE_COUNT; k++)
		out[k] = c->fx.cue_ms ? c->fx.cue_ms(c->fx.user, (cue_kind)k) : 0;
}

/* The sound at the start of entry idx: the boundary cue of the entry
 * before it, or for the first entry its own start cue. */
static uint32_t opening_ms(const ctl *c, size_t idx, const uint32_t cue_ms[CUE_COUNT])
{
	const routine *r = c->routine;
	const routine_entry *e = routine_entry_at(r, idx);
	cue_item items[CUES_MAX_PER_ENTRY];
	if (idx == 0) {
		size_t n = cues_for_entry(NULL, e, routine_entry_at(r, 1), e->duration_s * 1000u, items);
		return n && items[0].at_ms == 0 ? cue_ms[items[0].kind] : 0;
	}
	const routine_entry *prev = routine_entry_at(r, idx - 1);
	uint32_t len = prev->duration_s * 1000u;
	size_t n = cues_for_entry(idx > 1 ? routine_entry_at(r, idx - 2) : NULL, prev, e, len, items);
	return n && items[n - 1].at_ms == len ? cue_ms[items[n - 1].kind] : 0;
}

/* Entry idx started (SESSION_EV_STEP_START) at now: its announcement. */
void ctl_voice_step(ctl *c, size_t idx, uint64_t now)
{
	config_voice mode = c->cfg.voice;
	if (mode == CONFIG_VOICE_OFF || !c->s || idx >= routine_length(c->routine))
		return;
	if (!c->fx.speech_ms || !c->fx.speak_at) {
		if (mode == CONFIG_VOICE_FULL && c->fx.speak)
			c->fx.speak(c->fx.user, idx);
		return;
	}
	/* Words left from the entry before (the user moved on early) would run
	 * over this entry's cues: they stop here. */
	if (c->fx.stop_speech)
		c->fx.stop_speech(c->fx.user);
	if (session_current(c->s) != idx)
		return; /* ticked late past it: its moment is gone */
	/* names: only the short form, offered as the first choice */
	int form[VOICESCHED_VARIANTS] = { mode == CONFIG_VOICE_FULL ? 0 : 1, 1 };
	uint32_t sp[VOICESCHED_VARIANTS], cue_ms[CUE_COUNT];
	sp[0] = c->fx.speech_ms(c->fx.user, idx, form[0]);
	sp[1] = mode == CONFIG_VOICE_FULL ? c->fx.speech_ms(c->fx.user, idx, 1) : 0;
	if (!sp[0] && !sp[1])
		return;
	cue_lengths(c, cue_ms);
	const routine *r = c->routine;
	uint32_t planned = (uint32_t)session_entry_length_ms(c->s);
	voicesched_plan p = voicesched_entry(idx ? routine_entry_at(r, idx - 1) : NULL, routine_entry_at(r, idx),
	                                     routine_entry_at(r, idx + 1), planned, opening_ms(c, idx, cue_ms),
	                                     cue_ms, sp);
	if (p.variant < 0)
		return;
	if (p.length_ms > planned) {
		session_lengthen(c->s, p.length_ms, now);
		ctl_cue_cancel(c); /* the countdown moved */
	}
	uint64_t in = session_entry_elapsed_ms(c->s, now);
	c->fx.speak_at(c->fx.user, idx, form[p.variant], p.start_ms > in ? (uint32_t)(p.start_ms - in) : 0);
}

/* A prompt in the current step (after a discomfort hold): `whole`, or
 * `shorter` when only that fits before the next cue; nothing when neither
 * fits. Full voice only. Both borrowed for the call. */
void ctl_voice_prompt(ctl *c, const char *whole, const char *shorter, uint64_t now)
{
	if (c->cfg.voice != CONFIG_VOICE_FULL || !c->s)
		return;
	if (!c->fx.say_ms || !c->fx.say_at) {
		if (c->fx.say)
			c->fx.say(c->fx.user, whole);
		return;
	}
	const routine *r = c->routine;
	size_t idx = session_current(c->s);
	const routine_entry *e = routine_entry_at(r, idx);
	if (!e)
		return;
	uint32_t sp[VOICESCHED_VARIANTS] = { c->fx.say_ms(c->fx.user, whole), c->fx.say_ms(c->fx.user, shorter) };
	uint32_t cue_ms[CUE_COUNT];
	cue_lengths(c, cue_ms);
	cue_item items[CUES_MAX_PER_ENTRY];
	uint32_t len = (uint32_t)session_entry_length_ms(c->s);
	size_t n = cues_for_entry(idx ? routine_entry_at(r, idx - 1) : NULL, e, routine_entry_at(r, idx + 1), len, items);
	int v;
	uint32_t delay = voicesched_prompt(items, n, (uint32_t)session_entry_elapsed_ms(c->s, now), len,
	                                   cue_ms[CUE_DISCOMFORT], cue_ms, sp, &v);
	if (delay != VOICESCHED_NONE)
		c->fx.say_at(c->fx.user, v == 0 ? whole : shorter, delay);
}

/* The voice setting becomes `voice` (config_voice), at once. */
void ctl_voice_setting(ctl *c, int voice)
{
	static const char *const names[] = { "off", "names", "full" };
	if (voice < CONFIG_VOICE_OFF || voice > CONFIG_VOICE_FULL)
		return;
	c->cfg.voice = (config_voice)voice;
	c->m.voice = voice;
	log_info("voice: %s", names[voice]);
	if (c->fx.stop_speech && voice != CONFIG_VOICE_FULL)
		c->fx.stop_speech(c->fx.user); /* what is being said may be more than wanted now */
	if (c->fx.set_voice)
		c->fx.set_voice(c->fx.user, voice != CONFIG_VOICE_OFF);
	c->dirty = true;
}

/* A warning shown now (over-treatment, still sore, past the usual course):
 * said at once (no cue sounds outside a session). Full voice only. */
void ctl_voice_warn(ctl *c, const char *text)
{
	if (c->cfg.voice == CONFIG_VOICE_FULL && text && text[0] && c->fx.say)
		c->fx.say(c->fx.user, text);
}

/* Queues the session's next cue into the audio once it is CTL_CUE_AHEAD_MS
 * away, with its offset: the audio starts it at its sample however busy the
 * main loop is when it is due (issue 22). */
void ctl_cue_ahead(ctl *c, uint64_t now)
{
	cue_kind k;
	uint64_t at;
	if (!c->fx.queue_cue || !c->s || !session_next_cue(c->s, &k, &at) || at > now + CTL_CUE_AHEAD_MS)
		return;
	if (c->queued_kind == k && c->queued_at == at)
		return; /* done already (heard or not) */
	if (at <= now)
		return; /* due already: the session's event plays it */
	c->cue_queued = c->fx.queue_cue(c->fx.user, k, at, (uint32_t)(at - now));
	c->queued_kind = k;
	c->queued_at = at;
}

/* When the next cue should be queued, or CTL_NO_DEADLINE. */
uint64_t ctl_cue_ahead_deadline(const ctl *c, uint64_t now)
{
	cue_kind k;
	uint64_t at;
	if (!c->fx.queue_cue || !c->s || !session_next_cue(c->s, &k, &at))
		return CTL_NO_DEADLINE;
	if (c->queued_kind == k && c->queued_at == at)
		return CTL_NO_DEADLINE;
	return at > CTL_CUE_AHEAD_MS && at - CTL_CUE_AHEAD_MS > now ? at - CTL_CUE_AHEAD_MS : now;
}

/* The cue event `ev` was queued ahead (and will be heard): nothing to play. */
bool ctl_cue_was_queued(ctl *c, const session_event *ev)
{
	if (!c->cue_queued || ev->cue != c->queued_kind || ev->ms != c->queued_at)
		return false;
	c->cue_queued = false;
	return true;
}

/* The session left its schedule (pause, skip, extension): a queued cue not
 * sounding yet is silenced. */
void ctl_cue_cancel(ctl *c)
{
	if (c->cue_queued && c->fx.cancel_cues)
		c->fx.cancel_cues(c->fx.user);
	c->cue_queued = false;
	c->queued_at = 0;
}
