/* complaint: is the problem being treated getting better? The one check-in
 * before a session that repeats a recent target asks about soreness (fine /
 * still sore, see safety_checkin_*) AND about the complaint (better / same /
 * worse since last time); both answers go into the one "checkin" journal
 * line. From the answers of the last sessions, the rule says when to tell the
 * user plainly to see a professional: at once when worse, or after
 * COMPLAINT_NO_PROGRESS sessions without improvement. Also the general
 * frequency advice the kiosk shows before a session (kiosk mode has no
 * per-user history to check against).
 *
 * Pure: static strings and snprintf into caller buffers; nothing allocates,
 * no clock, no I/O. All returned strings are static (never freed, never NULL).
 */
#ifndef UNKNOT_COMPLAINT_H
#define UNKNOT_COMPLAINT_H

#include <stdbool.h>
#include <stddef.h>

/* The answer to "since last time, is it better, the same or worse?". */
typedef enum {
	COMPLAINT_NONE = 0, /* not asked or not answered (first session, skipped) */
	COMPLAINT_BETTER,
	COMPLAINT_SAME,
	COMPLAINT_WORSE
} complaint_trend;

/* "Same" (or worse) this many check-ins in a row: three sessions without
 * improvement (each check-in compares with the session before). */
#define COMPLAINT_NO_PROGRESS 2

/* What to tell the user after the check-in. */
typedef enum {
	COMPLAINT_ADVICE_NONE = 0,   /* keep going */
	COMPLAINT_ADVICE_WORSE,      /* worse since last time: see a professional now */
	COMPLAINT_ADVICE_NO_PROGRESS /* no better after several sessions: see a professional */
} complaint_advice;

/* The journal's word for a trend: "better", "same", "worse"; NULL for NONE. */
const char *complaint_name(complaint_trend t);

/* The trend a journal word names; COMPLAINT_NONE for NULL or anything else. */
complaint_trend complaint_parse(const char *s);

/* The question and its answers, for the check-in dialog (and speech). */
const char *complaint_question(void); /* "Since last time, is the problem ... better, the same or worse?" */
const char *complaint_label(complaint_trend t); /* button labels: "Better", "Same", "Worse"; "" for NONE */

/* The fields of the one "checkin" journal line, as a JSON object:
 * {"answer":"sore","target":"upper trapezius","complaint":"worse"}. `answer`
 * is the soreness answer ("fine" / "sore"); the target is escaped (quotes,
 * backslashes; control characters become blanks) and cut to fit; no
 * "complaint" key for COMPLAINT_NONE. Returns the length snprintf would have
 * written (>= size: cut short, still a NUL-terminated prefix). */
int complaint_checkin_fields(char *buf, size_t size, const char *answer, const char *target,
                             complaint_trend t);

/* The rule. `recent` holds the complaint answers of this target's last
 * sessions, oldest first, this session's answer last; COMPLAINT_NONE entries
 * (not asked) are skipped. WORSE when the last answer is worse; NO_PROGRESS
 * when the last COMPLAINT_NO_PROGRESS answers are all "same" or "worse"
 * without a "better" since; NONE otherwise. */
complaint_advice complaint_advise(const complaint_trend *recent, size_t n);

/* What to show (large) and speak for an advice; "" for NONE. */
const char *complaint_advice_text(complaint_advice a);

/* Kiosk mode: the general frequency advice shown (and spoken) before every
 * kiosk session, since a shared station cannot check one person's history. */
const char *complaint_frequency_advice(void);

/* The 0-10 pain score (issue 20): the check-in asks "how much does it hurt
 * now?" for each area a routine was built for (or the complaint's target),
 * before the session and again after it. Each answer is its own journal
 * event, "pain" (see complaint_pain_fields). The better / same / worse
 * meaning is derived from the scores of consecutive sessions (each session's
 * score is its "before" score, or its "after" one when the before was
 * skipped), so the rule above runs on scores too. */
#define COMPLAINT_SCORE_MAX 10
/* A score this many points above last time is "worse"; any drop is
 * "better"; a rise of one point is within day-to-day noise: "same". */
#define COMPLAINT_SCORE_WORSE 2

/* better / same / worse from the previous session's score to this one's;
 * COMPLAINT_NONE when either is outside 0..COMPLAINT_SCORE_MAX (skipped). */
complaint_trend complaint_from_scores(int previous, int now);

/* The rule on scores: `scores` holds one score per session for one area,
 * oldest first, this session's last; entries outside 0..10 (skipped) are
 * left out. Each score is compared with the one before (complaint_from_scores)
 * and complaint_advise() decides. */
complaint_advice complaint_advise_scores(const int *scores, size_t n);

/* The pain question (N_ marked: the caller translates) and the word a
 * score's end means, for the dialog. */
const char *complaint_score_question(void); /* "How much does it hurt now? ..." */
const char *complaint_score_after_question(void); /* the same, after the session */

/* The journal's word for when a score was given: "before" / "after". */
const char *complaint_when_name(bool after);

/* The fields of one "pain" journal event, as a JSON object:
 * {"area":"temple","side":"left","score":6,"when":"before"}, or with
 * "target":"upper trapezius" instead of area and side when the routine names
 * no areas (the check-in's target). Empty area, side or target are left out;
 * strings are escaped like complaint_checkin_fields. Returns the length
 * snprintf would have written. */
int complaint_pain_fields(char *buf, size_t size, const char *area, const char *side, const char *target,
                          int score, bool after);

#endif
