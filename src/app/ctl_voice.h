/* ctl_voice: what the controller says, and when (issue 17).
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
#ifndef UNKNOT_CTL_VOICE_H
#define UNKNOT_CTL_VOICE_H

#include <stddef.h>
#include <stdint.h>

#include "app/ctl_internal.h"

/* Entry idx started (SESSION_EV_STEP_START) at now: its announcement. */
void ctl_voice_step(ctl *c, size_t idx, uint64_t now);

/* A prompt in the current step (after a discomfort hold): `whole`, or
 * `shorter` when only that fits before the next cue; nothing when neither
 * fits. Full voice only. Both borrowed for the call. */
void ctl_voice_prompt(ctl *c, const char *whole, const char *shorter, uint64_t now);

/* A warning shown now (over-treatment, still sore, past the usual course):
 * said at once (no cue sounds outside a session). Full voice only. */
void ctl_voice_warn(ctl *c, const char *text);

#endif
