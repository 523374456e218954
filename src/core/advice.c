/* advice: course, over-treatment, comparison and check-in texts. */
#include "core/advice.h"
#include "core/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/safety.h"

char *advice_course(char *buf, size_t size, const char *const *tg, const int *cnt, size_t n)
{
	if (!size)
		return buf;
	buf[0] = '\0';
	size_t len = 0;
	for (size_t i = 0; i < n && len + 1 < size; i++) {
		bool seen = cnt[i] < 1;
		for (size_t j = 0; j < i && !seen; j++)
			seen = cnt[j] == cnt[i];
		if (seen)
			continue;
		if (cnt[i] > SAFETY_COURSE_MAX)
			len += (size_t)snprintf(buf + len, size - len, "%s%cession %d (past the usual %d-%d: "
			                        "worth showing to a physiotherapist): ", len ? " \xC2\xB7 " : "",
			                        len ? 's' : 'S', cnt[i], SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else if (!len)
			len += (size_t)snprintf(buf + len, size - len, "Session %d of the usual %d-%d: ", cnt[i],
			                        SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else
			len += (size_t)snprintf(buf + len, size - len, " \xC2\xB7 session %d: ", cnt[i]);
		for (size_t j = i, k = 0; j < n && len + 1 < size; j++)
			if (cnt[j] == cnt[i])
				len += (size_t)snprintf(buf + len, size - len, "%s%s", k++ ? ", " : "", tg[j]);
	}
	if (len >= size && size > 4)
		memcpy(buf + size - 4, "...", 4); /* cut: say so */
	return buf;
}

char *advice_overtreat(char *buf, size_t size, const char *target, int hours_ago, int window_h)
{
	safety_overtreat(buf, size, target, hours_ago < 0 ? 0 : hours_ago, window_h);
	if (size && buf[0] >= 'a' && buf[0] <= 'z') /* a sentence starts with a capital */
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

char *advice_compare(char *buf, size_t size, const char *t)
{
	if (strncmp(t, "same", 4) == 0)
		snprintf(buf, size, "The same as last time.");
	else
		snprintf(buf, size, "Since last time: %s.", t);
	return buf;
}

char *advice_checkin_fields(char *buf, size_t size, const char *answer, const char *target)
{
	char esc[260];
	size_t k = 0;
	for (const char *c = target; *c && k + 2 < sizeof esc; c++) {
		if (*c == '"' || *c == '\\')
			esc[k++] = '\\';
		esc[k++] = (unsigned char)*c < 0x20 ? ' ' : *c;
	}
	esc[k] = '\0';
	snprintf(buf, size, "{\"answer\":\"%s\",\"target\":\"%s\"}", answer, esc);
	return buf;
}
