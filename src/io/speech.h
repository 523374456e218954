/* speech: the words of each step's announcement, and text-to-speech with
 * espeak-ng into memory.
 *
 * espeak-ng is optional: speech_render() exists only in effect when the build
 * defines UNKNOT_HAVE_ESPEAK (the Makefile does when pkg-config finds
 * espeak-ng); otherwise speech_available() is false and speech_render() fails
 * with "built without espeak-ng". The announcement text is always available.
 *
 * espeak-ng is initialised on first use and stays so for the life of the
 * process: libespeak-ng 1.51 hangs when initialised again after
 * espeak_Terminate(). speech_render() is serialised by a mutex (espeak-ng's
 * state is global), so any thread may call it.
 */
#ifndef UNKNOT_SPEECH_H
#define UNKNOT_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/routine.h"

/* True when this build can synthesise speech: built with espeak-ng, and it
 * has not failed to start (not installed: io/espeaklib.h). */
bool speech_available(void);

/* The language of the voice and of the words ("de", "pt_BR"; NULL = "en"):
 * espeak-ng's voice of that name from the next speech_render(). Without one,
 * speech_render() fails ("no voice for ...", logged once per language) and
 * the audio falls back to tones. The announcement's caution and placement
 * are the routine's text in this language (routine_text(), its own words
 * where it has no translation); its sentences come from the catalogue (_()),
 * so the caller binds the same language with i18n_set(). */
void speech_set_language(const char *lang);

/* Whether espeak-ng has a voice for `lang` (starts espeak-ng if need be).
 * When it has none, the caller says so: speech_render() then fails for that
 * language without logging it again. Each sentence rendered is logged at
 * debug level ("speech de: ...", what the voice says). */
bool speech_has_voice(const char *lang);

/* Writes `n` (0..999999) in English words, e.g. 90 -> "ninety", 125 -> "one
 * hundred twenty-five". Returns buf. */
char *speech_number_words(unsigned n, char *buf, size_t size);

/* Writes a duration in words: "sixty seconds", "two minutes", "two and a half
 * minutes", "two minutes ten seconds"; in another language from its
 * catalogue, with digits ("90 Sekunden") that the voice says in its
 * language. Returns buf. */
char *speech_duration_words(uint32_t s, char *buf, size_t size);

/* The announcement spoken at the start of 0-based entry `i` of `r`: its
 * caution, the target and side, the tool, the placement and the length,
 * e.g. "Upper trapezius, left side. Use the ball. Sixty seconds." A transition announces the
 * step it leads to; a step that follows its own transition, and any entry with
 * cues.voice off, says nothing. Returns the length written (0 = nothing to
 * say; buf is then ""). */
size_t speech_announcement(const routine *r, size_t i, char *buf, size_t size);

/* The short form of the same announcement: the target and the side only
 * ("Upper trapezius, left side."; "Rest." for a rest), said when the voice
 * setting is "names" or the whole one does not fit between the cues. The
 * same entries say something as for speech_announcement. */
size_t speech_names(const routine *r, size_t i, char *buf, size_t size);

/* Synthesises `text` to mono signed 16-bit PCM at *rate Hz into a new buffer
 * *pcm of *frames samples. Returns 0, or -1 with a reason in err. Caller frees
 * *pcm with free(). */
int speech_render(const char *text, int16_t **pcm, size_t *frames, int *rate,
                  char *err, size_t errsize);

#endif
