/* complaint: the better / same / worse check-in and the "see a professional"
 * rule (see complaint.h). */
#include "core/complaint.h"
#include "core/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = { NULL, N_("better"), N_("same"), N_("worse") };
static const char *const labels[] = { "", N_("Better"), N_("Same"), N_("Worse") };

const char *complaint_name(complaint_trend t)
{
	return (unsigned)t < sizeof names / sizeof names[0] ? names[t] : NULL;
}

complaint_trend complaint_parse(const char *s)
{
	if (!s)
		return COMPLAINT_NONE;
	for (int t = COMPLAINT_BETTER; t <= COMPLAINT_WORSE; t++)
		if (strcmp(s, names[t]) == 0)
			return (complaint_trend)t;
	return COMPLAINT_NONE;
}

const char *complaint_question(void)
{
	return N_("Since last time, is the problem you are treating better, the same or worse?");
}

const char *complaint_label(complaint_trend t)
{
	return (unsigned)t < sizeof labels / sizeof labels[0] ? labels[t] : "";
}

/* Escapes s for a JSON string into esc (quotes, backslashes; control
 * characters become blanks), cut to fit. */
static void escape(char *esc, size_t size, const char *s)
{
	size_t k = 0;
	for (const char *c = s ? s : ""; *c && k + 2 < size; c++) {
		if (*c == '"' || *c == '\\')
			esc[k++] = '\\';
		esc[k++] = (unsigned char)*c < 0x20 ? ' ' : *c;
	}
	esc[k] = '\0';
}

int complaint_checkin_fields(char *buf, size_t size, const char *answer, const char *target,
                             complaint_trend t)
{
	char esc[260];
	escape(esc, sizeof esc, target);
	const char *name = complaint_name(t);
	if (name)
		return snprintf(buf, size, "{\"answer\":\"%s\",\"target\":\"%s\",\"complaint\":\"%s\"}",
		                answer ? answer : "fine", esc, name);
	return snprintf(buf, size, "{\"answer\":\"%s\",\"target\":\"%s\"}", answer ? answer : "fine", esc);
}

complaint_advice complaint_advise(const complaint_trend *recent, size_t n)
{
	size_t stuck = 0;
	bool last_seen = false;
	for (size_t i = n; i-- > 0;) {
		complaint_trend t = recent[i];
		if (t == COMPLAINT_NONE)
			continue;
		if (!last_seen && t == COMPLAINT_WORSE)
			return COMPLAINT_ADVICE_WORSE;
		last_seen = true;
		if (t == COMPLAINT_BETTER)
			break;
		if (++stuck >= COMPLAINT_NO_PROGRESS)
			return COMPLAINT_ADVICE_NO_PROGRESS;
	}
	return COMPLAINT_ADVICE_NONE;
}

const char *complaint_advice_text(complaint_advice a)
{
	switch (a) {
	case COMPLAINT_ADVICE_WORSE:
		return N_("It is worse than last time. Please see a doctor or physiotherapist before you treat it again.");
	case COMPLAINT_ADVICE_NO_PROGRESS:
		return N_("It has not improved over the last sessions. Please see a doctor or physiotherapist: "
		       "it may need something other than self-treatment.");
	default:
		break;
	}
	return "";
}

const char *complaint_frequency_advice(void)
{
	return N_("Treat each area at most every other day, and about 4 to 6 times in all. If it is no better "
	       "after 2 or 3 sessions, or it gets worse, see a doctor or physiotherapist.");
}

static bool score_ok(int s)
{
	return s >= 0 && s <= COMPLAINT_SCORE_MAX;
}

complaint_trend complaint_from_scores(int previous, int now)
{
	if (!score_ok(previous) || !score_ok(now))
		return COMPLAINT_NONE;
	if (now < previous)
		return COMPLAINT_BETTER;
	return now - previous >= COMPLAINT_SCORE_WORSE ? COMPLAINT_WORSE : COMPLAINT_SAME;
}

complaint_advice complaint_advise_scores(const int *scores, size_t n)
{
	/* Only the last few comparisons matter to the rule (a "better" ends the
	 * count), so the trends of the newest 16 scores are enough. */
	complaint_trend t[16];
	size_t nt = 0;
	int prev = -1;
	size_t from = 0, kept = 0;
	for (size_t i = n; i-- > 0 && kept < 17;)
		if (score_ok(scores[i])) {
			kept++;
			from = i;
		}
	for (size_t i = from; i < n; i++) {
		if (!score_ok(scores[i]))
			continue;
		if (prev >= 0 && nt < sizeof t / sizeof t[0])
			t[nt++] = complaint_from_scores(prev, scores[i]);
		prev = scores[i];
	}
	return complaint_advise(t, nt);
}

const char *complaint_score_question(void)
{
	return N_("How much does it hurt now? 0 is no pain, 10 the worst you can imagine.");
}

const char *complaint_score_after_question(void)
{
	return N_("After the session: how much does it hurt now? 0 is no pain, 10 the worst you can imagine.");
}

const char *complaint_when_name(bool after)
{
	return after ? "after" : "before";
}

int complaint_pain_fields(char *buf, size_t size, const char *area, const char *side, const char *target,
                          int score, bool after)
{
	char a[128], sd[16], tg[260];
	escape(a, sizeof a, area);
	escape(sd, sizeof sd, side);
	escape(tg, sizeof tg, target);
	char where[420];
	if (a[0] && sd[0])
		snprintf(where, sizeof where, "\"area\":\"%s\",\"side\":\"%s\"", a, sd);
	else if (a[0])
		snprintf(where, sizeof where, "\"area\":\"%s\"", a);
	else
		snprintf(where, sizeof where, "\"target\":\"%s\"", tg);
	return snprintf(buf, size, "{%s,\"score\":%d,\"when\":\"%s\"}", where, score,
	                complaint_when_name(after));
}
