/* advice: course, over-treatment, comparison and check-in texts. */
#include "core/advice.h"
#include "core/i18n.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/safety.h"

/* Appends m through tr at buf + *len (never past size). */
static void advice_put(char *buf, size_t size, size_t *len, const fmsg *m, fmsg_translator tr)
{
	if (*len + 1 >= size)
		return;
	fmsg_format(m, tr, buf + *len, size - *len);
	size_t n = strlen(buf + *len);
	*len += n;
	if (*len + 1 >= size)
		*len = size; /* full: the caller marks the cut */
}

char *advice_course_tr(char *buf, size_t size, const char *const *tg, const int *cnt, size_t n,
                       fmsg_translator tr)
{
	if (!size)
		return buf;
	buf[0] = '\0';
	size_t len = 0;
	fmsg m;
	for (size_t i = 0; i < n && len + 1 < size; i++) {
		bool seen = cnt[i] < 1;
		for (size_t j = 0; j < i && !seen; j++)
			seen = cnt[j] == cnt[i];
		if (seen)
			continue;
		if (cnt[i] > SAFETY_COURSE_MAX && !len)
			fmsg_set(&m, N_("Session %d (past the usual %d-%d: worth showing to a physiotherapist): "),
			         cnt[i], SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else if (cnt[i] > SAFETY_COURSE_MAX)
			fmsg_set(&m, N_(" \xC2\xB7 session %d (past the usual %d-%d: worth showing to a physiotherapist): "),
			         cnt[i], SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else if (!len)
			fmsg_set(&m, N_("Session %d of the usual %d-%d: "), cnt[i], SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else
			fmsg_set(&m, N_(" \xC2\xB7 session %d: "), cnt[i]);
		advice_put(buf, size, &len, &m, tr);
		/* the targets are the routine's own words: listed as they are */
		for (size_t j = i, k = 0; j < n && len + 1 < size; j++)
			if (cnt[j] == cnt[i])
				len += (size_t)snprintf(buf + len, size - len, "%s%s", k++ ? ", " : "", tg[j]);
	}
	if (len >= size && size > 4)
		memcpy(buf + size - 4, "...", 4); /* cut: say so */
	return buf;
}

char *advice_course(char *buf, size_t size, const char *const *tg, const int *cnt, size_t n)
{
	return advice_course_tr(buf, size, tg, cnt, n, NULL);
}

char *advice_overtreat_tr(char *buf, size_t size, const char *target, int hours_ago, int window_h,
                          fmsg_translator tr)
{
	safety_overtreat_tr(buf, size, target, hours_ago < 0 ? 0 : hours_ago, window_h, tr);
	if (size && buf[0] >= 'a' && buf[0] <= 'z') /* a sentence starts with a capital */
		buf[0] = (char)(buf[0] - 'a' + 'A');
	return buf;
}

char *advice_overtreat(char *buf, size_t size, const char *target, int hours_ago, int window_h)
{
	return advice_overtreat_tr(buf, size, target, hours_ago, window_h, NULL);
}

char *advice_compare_tr(char *buf, size_t size, const char *t, fmsg_translator tr)
{
	fmsg m;
	if (strncmp(t, "same", 4) == 0)
		fmsg_set_text(&m, N_("The same as last time."));
	else
		fmsg_set(&m, N_("Since last time: %s."), t);
	return fmsg_format(&m, tr, buf, size);
}

char *advice_compare(char *buf, size_t size, const char *t)
{
	return advice_compare_tr(buf, size, t, NULL);
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
