/* safety: the project's safety, guidance and aftercare texts.
 *
 * unknot gives self-care guidance, not a diagnosis. These texts are shown on
 * the safety screen (first run; in kiosk mode before every session), on the
 * Safety page, after a discomfort hold, in the over-treatment warning, in the
 * course-of-treatment line and at the end of the summary (aftercare).
 *
 * Pure: static strings and snprintf into caller buffers; nothing allocates.
 * All returned strings are static (never freed, never NULL).
 */
#ifndef UNKNOT_SAFETY_H
#define UNKNOT_SAFETY_H

#include <stddef.h>

#include "core/routine.h"

/* A chronic trigger point usually needs this many sessions. */
#define SAFETY_COURSE_MIN 4
#define SAFETY_COURSE_MAX 6
/* Default over-treatment window (the journal check is configurable). */
#define SAFETY_OVERTREAT_HOURS 48 /* every other day (Travell & Simons) */

/* One section of a text page: a heading and its items (bullets or short
 * paragraphs). */
typedef struct {
	const char *heading;
	const char *const *items;
	size_t count;
	int warn;           /* 1: a warning section (red flags, stop signs): shown in the warning colour */
} safety_section;

/* The safety screen, in order: the red flags (get medical help instead),
 * when to ask a professional first (contraindications), the one stop rule
 * (sharp, electric, shooting or burning pain, tingling, numbness or pain that
 * builds: move off; a dull ache in the shaded zone that fades is referral),
 * how much pressure; "not a diagnosis" is in its title. Short items (at most
 * SAFETY_SHORT_MAX bytes each) so the four sections fit one 800x480 screen.
 * Returns the array and writes its length to *count. */
#define SAFETY_SHORT_MAX 160
const safety_section *safety_sections(size_t *count);

/* What unknot is (not a diagnosis), then the same four sections in the same
 * order, explained in full sentences: for the Safety page (paged). */
const safety_section *safety_details(size_t *count);

/* Title of the safety screen: "Before you start: self-care guidance, not a diagnosis". */
const char *safety_title(void);

/* One-line reminder for screens with little room ("Self-care guidance, not a
 * diagnosis. Move off at once on sharp, shooting or burning pain, tingling or
 * numbness."). */
const char *safety_reminder(void);

/* How to accept the safety screen, e.g. "Tap to confirm you have read this." */
const char *safety_accept_prompt(void);

/* Guidance shown after a discomfort hold ("Ease off the pressure ..."),
 * worded for the tool in use (ROUTINE_TOOL_NONE: generic). */
const char *safety_ease_off(routine_tool tool);

/* Shown on a second discomfort on the same step: offers to skip it. */
const char *safety_skip_offer(void);

/* Aftercare, shown at the end of the summary: soreness for 24-48 h is normal,
 * hydrate, stretch gently, see a professional if pain persists. */
const safety_section *safety_aftercare(void);

/* Course of treatment for one target, e.g.
 * "Piriformis: session 2 of the 4-6 a chronic trigger point usually needs."
 * `sessions` counts sessions so far including this one (>= 1). Writes into
 * buf (always NUL-terminated when size > 0); returns buf. */
char *safety_course(char *buf, size_t size, const char *target, int sessions);

/* General course-of-treatment explanation (why 4-6 sessions, spacing). */
const char *safety_course_note(void);

/* Over-treatment warning for the preview and the summary, e.g.
 * "Upper trapezius was treated 6 h ago. Give it 24 h to recover ...".
 * `hours_ago` is how long since it was last treated, `window_h` the
 * configured window. Returns buf. */
char *safety_overtreat(char *buf, size_t size, const char *target, int hours_ago, int window_h);
/* The same, the sentence through tr (core/fmsg.h). */
char *safety_overtreat_tr(char *buf, size_t size, const char *target, int hours_ago, int window_h,
                          fmsg_translator tr);

/* The hands-free soreness check-in at the start of a session repeating a
 * target from the last days: question and how to answer. */
const char *safety_checkin_question(void);
const char *safety_checkin_answers(void); /* "Tap: fine   Hold: still sore" */
/* Reply after "still sore": lighter pressure or skip that area today. */
const char *safety_checkin_sore_advice(void);

#endif
