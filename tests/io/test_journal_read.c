/* Tests for io/journal_read: files on disk (temp dir), chunk boundaries, torn
 * last lines, missing and unreadable files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/history.h"
#include "io/journal_read.h"
#include "journal_gen.h"

#define NOV21 1795219200000LL

typedef struct {
	char dir[64];
	char path[128];
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	snprintf(f->dir, sizeof f->dir, "/tmp/unknot-jr-XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->path, sizeof f->path, "%s/journal.jsonl", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static void emit_file(const char *line, size_t len, void *user)
{
	fwrite(line, 1, len, (FILE *)user);
}

/* n neck sessions, one a day up to Nov 21, into an open file. */
static void sessions(FILE *fp, int n)
{
	jgen g;
	jgen_init(&g, emit_file, fp);
	for (int i = 0; i < n; i++) {
		char id[16];
		snprintf(id, sizeof id, "s%d", i);
		jgen_start(&g, id, NOV21 - (int64_t)(n - 1 - i) * 86400000, "Neck", "neck.json", 3);
		jgen_step(&g, 1, "transition", "", "", 10, 10000, "elapsed");
		jgen_disc(&g, 2, "compression", "upper trapezius", "left", 2000);
		jgen_step(&g, 2, "compression", "upper trapezius", "left", 60, 45000, "advanced");
		jgen_step(&g, 3, "stretch", "upper trapezius", "", 30, 30000, "elapsed");
		jgen_end(&g, "completed");
	}
}

static history *read_back(const char *path, journal_read_stats *st, int expect_rc)
{
	history *h = history_new(NULL);
	assert_non_null(h);
	assert_int_equal(journal_read_file(path, h, st), expect_rc);
	return h;
}

static void test_missing(void **state)
{
	fixture *f = *state;
	journal_read_stats st;
	history *h = read_back(f->path, &st, 0);
	assert_true(st.missing);
	assert_int_equal(st.lines, 0);
	assert_int_equal(history_session_count(h), 0);
	history_free(h);
}

static void test_directory_is_an_error(void **state)
{
	fixture *f = *state;
	history *h = history_new(NULL);
	errno = 0;
	assert_int_equal(journal_read_file(f->dir, h, NULL), -1);
	assert_int_equal(errno, EISDIR);
	history_free(h);
}

/* Issue 19: a FIFO as journal hung --history (the open waited for a
 * writer); a symbolic link is not followed, as when writing. */
static void test_fifo_and_link_refused(void **state)
{
	fixture *f = *state;
	char fifo[600], link[600];
	snprintf(fifo, sizeof fifo, "%s/fifo.jsonl", f->dir);
	snprintf(link, sizeof link, "%s/link.jsonl", f->dir);
	assert_int_equal(mkfifo(fifo, 0644), 0);
	history *h = history_new(NULL);
	errno = 0;
	assert_int_equal(journal_read_file(fifo, h, NULL), -1);
	assert_int_equal(errno, JOURNAL_READ_ENOTREG);
	assert_string_equal(journal_read_strerror(errno), "not a regular file (a FIFO, socket or device)");
	assert_int_equal(symlink(fifo, link), 0);
	assert_int_equal(journal_read_file(link, h, NULL), -1);
	assert_int_equal(errno, ELOOP);
	history_free(h);
}

/* Enough sessions for the file to span many read chunks: every line is read
 * once, whole, whichever chunk it straddles. */
static void test_many_chunks(void **state)
{
	fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	assert_non_null(fp);
	sessions(fp, 600);
	fclose(fp);
	struct stat sb;
	assert_int_equal(stat(f->path, &sb), 0);
	assert_true(sb.st_size > 3 * 256 * 1024);
	journal_read_stats st;
	history *h = read_back(f->path, &st, 0);
	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(st.bytes, (size_t)sb.st_size);
	assert_int_equal(st.lines, 600 * 9);
	assert_int_equal(t.events, 600 * 9);
	assert_int_equal(t.bad + t.foreign, 0);
	assert_false(st.torn);
	assert_int_equal(t.sessions, 600);
	assert_int_equal(t.completed, 600);
	assert_int_equal(t.discomfort, 600);
	assert_int_equal(history_streak(h, history_day_of(NOV21, 0)), 600);
	history_free(h);
}

/* A crash mid-write: the last line is torn, reported, and nothing before it is lost. */
static void test_torn_last_line(void **state)
{
	fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	sessions(fp, 3);
	fputs("{\"event\":\"step_start\",\"t\":\"2026-11-21T10:0", fp);
	fclose(fp);
	journal_read_stats st;
	history *h = read_back(f->path, &st, 0);
	assert_true(st.torn);
	assert_int_equal(st.torn_bytes, 42);
	assert_int_equal(st.lines, 3 * 9 + 1);
	assert_int_equal(history_session_count(h), 3);
	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.bad, 1);
	assert_int_equal(t.completed, 3);
	history_free(h);
}

/* A complete last line without its newline is kept; CRLF and blank lines are fine. */
static void test_unterminated_and_crlf(void **state)
{
	fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	fputs("{\"event\":\"session_start\",\"t\":\"2026-11-21T09:00:00.000Z\",\"ms\":0,\"session\":\"a\",\"title\":\"T\",\"file\":\"t.json\",\"steps\":1}\r\n", fp);
	fputs("\n\n", fp);
	fputs("{\"event\":\"session_end\",\"t\":\"2026-11-21T09:01:00.000Z\",\"ms\":60000,\"session\":\"a\",\"outcome\":\"completed\"}", fp);
	fclose(fp);
	journal_read_stats st;
	history *h = read_back(f->path, &st, 0);
	assert_false(st.torn);
	assert_int_equal(st.lines, 4);
	history_totals t;
	history_get_totals(h, &t);
	assert_int_equal(t.lines, 2);
	assert_int_equal(t.completed, 1);
	assert_int_equal(history_session_at(h, 0)->duration_ms, 60000);
	history_free(h);
}

/* A huge garbage line (no newline for megabytes) is skipped, the rest is read. */
static void test_giant_line(void **state)
{
	fixture *f = *state;
	FILE *fp = fopen(f->path, "w");
	sessions(fp, 1);
	static char junk[1024];
	memset(junk, 'x', sizeof junk);
	for (int i = 0; i < 5 * 1024; i++) /* 5 MB, over the 4 MB line limit */
		fwrite(junk, 1, sizeof junk, fp);
	fputs("\n", fp);
	sessions(fp, 1);
	fclose(fp);
	journal_read_stats st;
	history *h = read_back(f->path, &st, 0);
	history_totals t;
	history_get_totals(h, &t);
	assert_true(t.bad >= 1);
	assert_int_equal(t.events, 2 * 9);
	assert_int_equal(t.completed, 2);
	history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_directory_is_an_error, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_and_link_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_chunks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_torn_last_line, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unterminated_and_crlf, setup, teardown),
		cmocka_unit_test_setup_teardown(test_giant_line, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
