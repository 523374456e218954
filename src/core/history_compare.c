/* history_compare: a session against the previous session of the same
 * routine, and the sentence the summary screen shows (see history.h). Built
 * on the public history API only. */
#include "core/history.h"
#include "core/i18n.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* Same routine: the same file name when both sessions name one, else the same title. */
static bool same_routine(const history_session *a, const char *title, const char *file)
{
	if (a->file[0] && file[0])
		return strcmp(base_name(a->file), base_name(file)) == 0;
	return title[0] && strcmp(a->title, title) == 0;
}

int history_compare_session(const history *h, size_t i, history_compare *out)
{
	memset(out, 0, sizeof *out);
	if (i >= history_session_count(h))
		return -1;
	const history_session *x = history_session_at(h, i);
	size_t j = i;
	while (j-- > 0)
		if (same_routine(history_session_at(h, j), x->title, x->file))
			break;
	if (j == (size_t)-1)
		return -1;
	const history_session *p = history_session_at(h, j);
	out->session = i;
	out->previous = j;
	out->duration_diff_ms = (int64_t)x->duration_ms - (int64_t)p->duration_ms;
	out->discomfort_diff = x->discomfort - p->discomfort;
	size_t ntg;
	const history_session_target *tg = history_session_targets(h, i, &ntg);
	for (size_t a = 0; a < ntg && out->ndiffs < HISTORY_MAX_DIFFS; a++) {
		const history_session_target *e = &tg[a];
		const history_session_target *f = history_session_target_of(h, j, e->target);
		if (!e->holds || !f || !f->holds)
			continue;
		history_diff *d = &out->diffs[out->ndiffs++];
		snprintf(d->target, sizeof d->target, "%s", history_target_at(h, (size_t)e->target)->name);
		d->actual_diff_ms = (int64_t)e->actual_ms - (int64_t)f->actual_ms;
		d->discomfort_diff = e->discomfort - f->discomfort;
	}
	return 0;
}

int history_compare_last(const history *h, const char *title, const char *file,
                         history_compare *out)
{
	for (size_t i = history_session_count(h); i-- > 0;)
		if (same_routine(history_session_at(h, i), title ? title : "", file ? file : ""))
			return history_compare_session(h, i, out);
	memset(out, 0, sizeof *out);
	return -1;
}

/* Appends m through tr to buf, tracking the would-be length in *len. */
static void append(char *buf, size_t size, int *len, fmsg_translator tr, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void append(char *buf, size_t size, int *len, fmsg_translator tr, const char *fmt, ...)
{
	char one[FMSG_ARGS_BYTES + 160];
	fmsg m;
	va_list ap;
	va_start(ap, fmt);
	fmsg_vset(&m, fmt, ap);
	va_end(ap);
	fmsg_format(&m, tr, one, sizeof one);
	size_t at = (size_t)*len < size ? (size_t)*len : size;
	int n = snprintf(buf + at, at < size ? size - at : 0, "%s", one);
	if (n > 0)
		*len += n;
}

int history_compare_text_tr(const history_compare *c, char *buf, size_t size, fmsg_translator tr)
{
	int len = 0;
	int shown = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < c->ndiffs && shown < 3; i++) {
		const history_diff *d = &c->diffs[i];
		long long s = (llabs(d->actual_diff_ms) + 500) / 1000;
		if (s < 1)
			continue;
		if (shown++)
			append(buf, size, &len, tr, "%s", ", ");
		if (d->actual_diff_ms < 0)
			append(buf, size, &len, tr, N_("ended the %s hold %lld s earlier"), d->target, s);
		else
			append(buf, size, &len, tr, N_("held the %s %lld s longer"), d->target, s);
	}
	if (c->discomfort_diff) {
		int n = abs(c->discomfort_diff);
		if (len)
			append(buf, size, &len, tr, "%s", ", ");
		/* n >= 1: one form for 1, one for more (core has no ngettext) */
		if (c->discomfort_diff < 0)
			append(buf, size, &len, tr, n == 1 ? N_("%d discomfort fewer") : N_("%d discomforts fewer"), n);
		else
			append(buf, size, &len, tr, n == 1 ? N_("%d discomfort more") : N_("%d discomforts more"), n);
	}
	if (!len)
		append(buf, size, &len, tr, "%s", FMSG_W("same as last time"));
	return len;
}

int history_compare_text(const history_compare *c, char *buf, size_t size)
{
	return history_compare_text_tr(c, buf, size, NULL);
}
