/* complaint: the better / same / worse check-in and the "see a professional"
 * rule (see complaint.h). */
#include "core/complaint.h"
#include "core/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const char *const names[] = { NULL, "better", "same", "worse" };
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

int complaint_checkin_fields(char *buf, size_t size, const char *answer, const char *target,
                             complaint_trend t)
{
	char esc[260];
	size_t k = 0;
	for (const char *c = target ? target : ""; *c && k + 2 < sizeof esc; c++) {
		if (*c == '"' || *c == '\\')
			esc[k++] = '\\';
		esc[k++] = (unsigned char)*c < 0x20 ? ' ' : *c;
	}
	esc[k] = '\0';
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
