/* libFuzzer target for the journal reader's line parser (history_feed_line)
 * and everything computed from what it fed. Built and run by
 * tests/fuzz/run.sh (`make fuzz`), not by `make test`.
 *
 * The input is a whole journal: it is cut at '\n' and fed line by line, as
 * src/io/journal_read.c does. Then every query runs over the result. Checks:
 * no crash, leak or undefined behaviour; each line gets one of the four
 * verdicts and the totals add up (lines = events + foreign + bad, blank lines
 * not counted, a recovered torn line counted as bad and as an event); sessions split exactly into completed/abandoned/unfinished;
 * strings stay NUL-terminated; a dated session has a day.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t rows;

static void on_row(const history_row *row, void *user)
{
	(void)user;
	if (!row->session || !row->kind || !row->target || !row->side || !row->reason)
		abort();
	rows++;
}

static void check_str(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* 2026-11-21 12:00 UTC, CET: near enough to the seeds' dates */
	history_options opts = { .now_ms = INT64_C(1795262400000), .tz_offset_min = 60 };
	history *h = history_new(&opts);
	if (!h)
		return 0;
	history_set_row_callback(h, on_row, NULL);
	rows = 0;

	size_t fed = 0, ok = 0, foreign = 0, bad = 0;
	const char *text = (const char *)data;
	size_t pos = 0;
	while (pos < size) {
		const char *nl = memchr(text + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - text) : size;
		switch (history_feed_line(h, text + pos, end - pos)) {
		case HISTORY_LINE_OK: ok++; fed++; break;
		case HISTORY_LINE_FOREIGN: foreign++; fed++; break;
		case HISTORY_LINE_BAD: bad++; fed++; break;
		case HISTORY_LINE_BLANK: break;
		default: abort();
		}
		pos = end + 1;
	}

	history_totals t;
	history_get_totals(h, &t);
	/* a recovered line (torn fragment + complete event) is bad and an event */
	if (t.lines != fed || t.events != ok + t.recovered || t.foreign != foreign || t.bad != bad ||
	    t.recovered > bad)
		abort();
	size_t n = history_session_count(h);
	if (t.sessions != n || t.completed + t.abandoned + t.unfinished != n || t.undated > n)
		abort();

	int32_t today = history_day_of(opts.now_ms, opts.tz_offset_min);
	for (size_t i = 0; i < n; i++) {
		const history_session *s = history_session_at(h, i);
		if (!s)
			abort();
		check_str(s->id, sizeof s->id);
		check_str(s->title, sizeof s->title);
		check_str(s->file, sizeof s->file);
		if (s->dated == (s->day == HISTORY_NO_DAY))
			abort();
		size_t nt = 0;
		const history_session_target *st = history_session_targets(h, i, &nt);
		for (size_t k = 0; k < nt; k++)
			if (!st || st[k].target < 0 || (size_t)st[k].target >= history_target_count(h))
				abort();
		history_compare c;
		if (history_compare_session(h, i, &c) == 0) {
			char buf[512];
			int len = history_compare_text(&c, buf, sizeof buf);
			if (len < 0 || c.ndiffs > HISTORY_MAX_DIFFS)
				abort();
		}
	}
	if (history_session_at(h, n) != NULL)
		abort();

	for (size_t i = 0; i < history_target_count(h); i++) {
		const history_target *tg = history_target_at(h, i);
		if (!tg)
			abort();
		check_str(tg->name, sizeof tg->name);
		if (history_target_find(h, tg->name) < 0)
			abort();
		(void)history_recently_treated(h, tg->name, opts.now_ms, 24, NULL);
		(void)history_course_count(h, tg->name);
	}
	history_day days[14];
	history_days(h, today - 13, 14, days);
	(void)history_streak(h, today);
	int ns = 0, nc = 0;
	history_today(h, today, &ns, &nc);
	if (n > 0) {
		const history_session *last = history_session_at(h, n - 1);
		history_compare c;
		(void)history_compare_last(h, last->title, last->file, &c);
	}

	/* the time parser on the first line, NUL-terminated */
	size_t l0 = 0;
	while (l0 < size && l0 < 64 && data[l0] != '\n')
		l0++;
	char tbuf[65];
	memcpy(tbuf, data, l0);
	tbuf[l0] = '\0';
	int64_t ms;
	(void)history_parse_time(tbuf, &ms);
	char day[16];
	history_day_string(today, day, sizeof day);

	history_free(h);
	return 0;
}
