/* advice: the domain sentences the preview and the summary show, built from
 * figures the caller has (history counts, hours since a treatment): the
 * course of treatment, the over-treatment note, the comparison with last time,
 * and the check-in's journal fields. Pure; beside core/safety.c, whose
 * wording it uses. */
#ifndef UNKNOT_ADVICE_H
#define UNKNOT_ADVICE_H

#include <stddef.h>

#include "core/fmsg.h"

/* The course of treatment of n targets, compact: targets grouped by their
 * session number, "Session 2 of the usual 4-6: upper trapezius, levator
 * scapulae · session 1: pectoralis major"; a number past the usual course
 * says it is worth showing to a physiotherapist. counts[i] < 1 is left out.
 * A text cut short ends in "...". Returns buf ("" when nothing to say). */
char *advice_course(char *buf, size_t size, const char *const *targets, const int *counts, size_t n);
/* The same with its sentences through tr (the targets as they are). */
char *advice_course_tr(char *buf, size_t size, const char *const *targets, const int *counts, size_t n,
                       fmsg_translator tr);

/* The over-treatment note for target treated hours_ago hours ago (within
 * window_h), as a sentence (capitalised). Returns buf. */
char *advice_overtreat(char *buf, size_t size, const char *target, int hours_ago, int window_h);
char *advice_overtreat_tr(char *buf, size_t size, const char *target, int hours_ago, int window_h,
                          fmsg_translator tr);

/* The summary's comparison line from history_compare_text(): "The same as
 * last time." or "Since last time: TEXT.". Returns buf. */
char *advice_compare(char *buf, size_t size, const char *compare_text);
/* The same through tr; compare_text is history_compare_text()'s English
 * (it decides "the same"), and is shown as given. */
char *advice_compare_tr(char *buf, size_t size, const char *compare_text, fmsg_translator tr);

/* The check-in's journal fields, a JSON object: {"answer":"sore","target":"..."}
 * (the target escaped, control characters as spaces). Returns buf. */
char *advice_checkin_fields(char *buf, size_t size, const char *answer, const char *target);

#endif
