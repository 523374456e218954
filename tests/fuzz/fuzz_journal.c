/* libFuzzer target for the journal reader as the app, --history and
 * --export use it: src/io/journal_read.c (journal_read_file) reading a real
 * file into a history (src/core/history.c), then the figures the summary and
 * history screens show. Built and run by tests/fuzz/run.sh (`make fuzz`),
 * which compiles journal_read.c with a 256-byte chunk and a 1 KiB line limit
 * so that small inputs reach its buffer growth, giant-line and torn-tail
 * paths. fuzz_journal_line covers the line parser and every query in depth.
 *
 * Checks on every input: no crash, leak or undefined behaviour; every byte is
 * read; and, when no line is longer than the reader's limit, the reader gives
 * exactly what feeding the lines one by one gives (same line count, same
 * totals, same sessions), with a torn tail reported iff the last line has no
 * newline and is not a complete event.
 */
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/journal_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longest line the reader (with JOURNAL_READ_MAX_LINE 1024, CHUNK 256) is
 * sure to hand over whole. */
#define WHOLE_LINE 900

static int fd = -1;
static char path[64];

static void remove_file(void)
{
	unlink(path);
}

/* One temporary file for the whole run, removed at exit; in memory
 * (/dev/shm) when there is one: rewriting a disk file for every input made
 * the target wait on the disk most of the time. Read by its own name: the
 * journal is never opened through a symbolic link (issue 19), and
 * /proc/self/fd/N is one. */
static int setup(void)
{
	if (fd >= 0)
		return 0;
	char shm[] = "/dev/shm/fuzz_journal.XXXXXX", tmp[] = "/tmp/fuzz_journal.XXXXXX";
	char *tmpl = shm;
	fd = mkstemp(shm);
	if (fd < 0)
		fd = mkstemp(tmpl = tmp);
	if (fd < 0)
		return -1;
	snprintf(path, sizeof path, "%s", tmpl);
	atexit(remove_file);
	return 0;
}

static int same_totals(const history_totals *a, const history_totals *b)
{
	return a->lines == b->lines && a->events == b->events && a->foreign == b->foreign &&
	       a->bad == b->bad && a->recovered == b->recovered && a->sessions == b->sessions &&
	       a->completed == b->completed && a->abandoned == b->abandoned &&
	       a->unfinished == b->unfinished && a->undated == b->undated;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (setup() != 0)
		abort();
	if (ftruncate(fd, 0) != 0 || (size && pwrite(fd, data, size, 0) != (ssize_t)size))
		abort();

	history_options opts = { .now_ms = INT64_C(1795262400000), .tz_offset_min = 60 };
	history *h = history_new(&opts);
	history *ref = history_new(&opts);
	if (!h || !ref) {
		history_free(h);
		history_free(ref);
		return 0;
	}
	journal_read_stats st;
	if (journal_read_file(path, h, &st) != 0 || st.missing || st.bytes != size)
		abort();

	/* The reference: the same lines fed one by one. */
	const char *text = (const char *)data;
	size_t pos = 0, nlines = 0, longest = 0;
	history_line last = HISTORY_LINE_BLANK;
	int tail = 0;
	while (pos < size) {
		const char *nl = memchr(text + pos, '\n', size - pos);
		size_t end = nl ? (size_t)(nl - text) : size;
		if (end - pos > longest)
			longest = end - pos;
		last = history_feed_line(ref, text + pos, end - pos);
		tail = nl == NULL;
		nlines++;
		pos = end + 1;
	}

	history_totals a, b;
	history_get_totals(h, &a);
	history_get_totals(ref, &b);
	if (a.lines > st.lines || a.sessions != history_session_count(h))
		abort();
	if (longest <= WHOLE_LINE) {
		if (st.lines != nlines || !same_totals(&a, &b))
			abort();
		if (st.torn != (tail && last == HISTORY_LINE_BAD) || (st.torn && st.torn_bytes == 0))
			abort();
		for (size_t i = 0; i < history_session_count(h); i++) {
			const history_session *x = history_session_at(h, i), *y = history_session_at(ref, i);
			if (!x || !y || strcmp(x->id, y->id) != 0 || strcmp(x->title, y->title) != 0 ||
			    x->outcome != y->outcome || x->day != y->day)
				abort();
		}
	}

	/* what the summary and history screens ask for */
	int32_t today = history_day_of(opts.now_ms, opts.tz_offset_min);
	history_day days[28];
	history_days(h, today - 27, 28, days);
	(void)history_streak(h, today);
	int ns = 0, nc = 0;
	history_today(h, today, &ns, &nc);
	size_t n = history_session_count(h);
	if (n > 0) {
		const history_session *s = history_session_at(h, n - 1);
		history_compare c;
		if (history_compare_last(h, s->title, s->file, &c) == 0) {
			char buf[512];
			if (history_compare_text(&c, buf, sizeof buf) < 0)
				abort();
		}
	}
	history_free(h);
	history_free(ref);
	return 0;
}
