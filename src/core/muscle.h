/* muscle: the names of the muscles the bundled routines, the body map and
 * the pain finder use ("upper trapezius"), marked for translation (issue 21)
 * so the screens and the voice say them in the user's language.
 *
 * Pure: core never looks up a catalogue. A routine's "target" stays the key
 * everywhere (journal, history, body map, --check); only where it is shown
 * or spoken is it translated, with the context "muscle" (C_("muscle",
 * target): a target named like a button, "Back", is not the button). A name
 * not listed here stays as the routine wrote it.
 */
#ifndef UNKNOT_MUSCLE_H
#define UNKNOT_MUSCLE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/fmsg.h"

/* The catalogue context of a muscle name. */
#define MUSCLE_CONTEXT "muscle"

/* How many names are listed; muscle_name(i) is the i-th (English, as in a
 * routine file; static), NULL past the end. */
size_t muscle_count(void);
const char *muscle_name(size_t i);

/* Whether `target` is one of the listed names (exactly, as a key). */
bool muscle_known(const char *target);

/* `target` in the user's language, for core's sentences: looked up through
 * `tr` (core/fmsg.h's translator) as "muscle\004target", built in id[size].
 * Returns the translation, or `target` when there is none (or no tr). */
const char *muscle_label(const char *target, fmsg_translator tr, char *id, size_t size);

#endif
