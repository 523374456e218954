/* The journal file: appends, parents created, torn tails dropped, failures
 * reported once while the caller carries on; and the clock's formatting. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/clock.h"
#include "io/logfile.h"

static char dir[256];

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof dir, "/tmp/unknot-test-logfile-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[300];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *slurp(const char *path)
{
	static char buf[4096];
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static int reports;
static char last_report[2048];
static void count_report(const char *msg, void *data)
{
	(void)data;
	reports++;
	snprintf(last_report, sizeof last_report, "%s", msg);
}

static void test_append_creates_parents(void **st)
{
	(void)st;
	char path[512];
	snprintf(path, sizeof path, "%s/a/b/c/journal.jsonl", dir);
	unsigned syncs = logfile_dir_syncs();
	logfile *lf = logfile_open(path);
	assert_non_null(lf);
	assert_false(logfile_failed(lf));
	/* issue 19: a new journal's folder is fsync'd (its name would be lost
	 * to a power cut otherwise), once: reopening does not */
	assert_int_equal(logfile_dir_syncs(), syncs + 1);
	assert_int_equal(logfile_append(lf, "{\"n\":1}\n", 8), 0);
	assert_int_equal(logfile_sync(lf), 0);
	logfile_close(lf);
	/* reopening appends, never truncates */
	lf = logfile_open(path);
	assert_int_equal(logfile_dir_syncs(), syncs + 1);
	assert_int_equal(logfile_append(lf, "{\"n\":2}\n", 8), 0);
	logfile_close(lf);
	assert_string_equal(slurp(path), "{\"n\":1}\n{\"n\":2}\n");
	logfile_close(NULL);
}

static void test_torn_tail_is_dropped(void **st)
{
	(void)st;
	char path[512];
	snprintf(path, sizeof path, "%s/torn.jsonl", dir);
	FILE *f = fopen(path, "wb");
	fputs("{\"n\":1}\n{\"n\":2,\"tor", f);
	fclose(f);
	logfile *lf = logfile_open(path);
	assert_int_equal(logfile_append(lf, "{\"n\":3}\n", 8), 0);
	logfile_close(lf);
	/* the incomplete line is cut off; nothing earlier is touched */
	assert_string_equal(slurp(path), "{\"n\":1}\n{\"n\":3}\n");

	/* a file that is one torn line and nothing else */
	f = fopen(path, "wb");
	fputs("{\"n\":1,\"to", f);
	fclose(f);
	lf = logfile_open(path);
	assert_int_equal(logfile_append(lf, "{\"n\":4}\n", 8), 0);
	logfile_close(lf);
	assert_string_equal(slurp(path), "{\"n\":4}\n");

	/* a torn line longer than the backwards read buffer */
	f = fopen(path, "wb");
	fputs("{\"n\":1}\n{\"big\":\"", f);
	for (int i = 0; i < 10000; i++)
		fputc('x', f);
	fclose(f);
	lf = logfile_open(path);
	assert_int_equal(logfile_append(lf, "{\"n\":5}\n", 8), 0);
	logfile_close(lf);
	assert_string_equal(slurp(path), "{\"n\":1}\n{\"n\":5}\n");
}

/* Issue 19: only a torn line this program could have written is cut. A
 * text file given as the journal lost its last 75 bytes, "left by a crash";
 * now it is refused and left byte for byte as it was. */
static void test_foreign_file_left_alone(void **st)
{
	(void)st;
	char path[512];
	const char *notes = "shopping list\nmilk\nand the last line without a newline";
	snprintf(path, sizeof path, "%s/notes.txt", dir);
	FILE *f = fopen(path, "wb");
	fputs(notes, f);
	fclose(f);
	logfile *lf = logfile_open(path);
	assert_true(logfile_failed(lf));
	assert_non_null(strstr(logfile_error(lf), "is not a journal"));
	assert_int_equal(logfile_append(lf, "{\"n\":1}\n", 8), -1);
	logfile_close(lf);
	assert_string_equal(slurp(path), notes);

	/* JSON lines, but the last one is not one we write */
	const char *mixed = "{\"n\":1}\nnot json, no newline";
	f = fopen(path, "wb");
	fputs(mixed, f);
	fclose(f);
	lf = logfile_open(path);
	assert_true(logfile_failed(lf));
	assert_non_null(strstr(logfile_error(lf), "its last line is not one this program writes"));
	logfile_close(lf);
	assert_string_equal(slurp(path), mixed);

	/* a power cut can leave NUL bytes where the line should be: cut */
	f = fopen(path, "wb");
	fputs("{\"n\":1}\n", f);
	fwrite("\0\0\0\0", 1, 4, f);
	fclose(f);
	lf = logfile_open(path);
	assert_false(logfile_failed(lf));
	assert_int_equal(logfile_append(lf, "{\"n\":2}\n", 8), 0);
	logfile_close(lf);
	assert_string_equal(slurp(path), "{\"n\":1}\n{\"n\":2}\n");
}

/* Issue 19: the journal is never reached through a symbolic link (through
 * one it cut the target's last line and appended JSON), and a FIFO is
 * refused at once instead of blocking the open forever. */
static void test_link_and_fifo_refused(void **st)
{
	(void)st;
	char target[512], link[512], fifo[512];
	snprintf(target, sizeof target, "%s/target.txt", dir);
	snprintf(link, sizeof link, "%s/link.jsonl", dir);
	snprintf(fifo, sizeof fifo, "%s/fifo.jsonl", dir);
	FILE *f = fopen(target, "wb");
	fputs("{\"n\":1}\n{\"n\":2,\"to", f);
	fclose(f);
	assert_int_equal(symlink(target, link), 0);
	logfile *lf = logfile_open(link);
	assert_true(logfile_failed(lf));
	assert_non_null(strstr(logfile_error(lf), "is a symbolic link"));
	logfile_close(lf);
	assert_string_equal(slurp(target), "{\"n\":1}\n{\"n\":2,\"to");

	assert_int_equal(mkfifo(fifo, 0644), 0);
	lf = logfile_open(fifo); /* returns: nobody reads the FIFO */
	assert_true(logfile_failed(lf));
	assert_non_null(strstr(logfile_error(lf), "FIFO"));
	logfile_close(lf);

	/* a character device is not a journal either */
	lf = logfile_open("/dev/null");
	assert_true(logfile_failed(lf));
	assert_non_null(strstr(logfile_error(lf), "is a character device, not a regular file"));
	logfile_close(lf);
}

static void test_unwritable_reported_once(void **st)
{
	(void)st;
	char path[512];
	/* a parent that is a file: fails even for root */
	snprintf(path, sizeof path, "%s/file", dir);
	FILE *f = fopen(path, "wb");
	fclose(f);
	snprintf(path, sizeof path, "%s/file/sub/journal.jsonl", dir);
	reports = 0;
	logfile *lf = logfile_open(path);
	assert_non_null(lf);
	/* open reported to stderr by default; route the rest to the counter */
	assert_true(logfile_failed(lf));
	assert_non_null(strstr(logfile_error(lf), "this session is not being recorded"));
	assert_non_null(strstr(logfile_error(lf), "Not a directory"));
	logfile_set_report(lf, count_report, NULL);
	assert_int_equal(logfile_append(lf, "x\n", 2), -1);
	assert_int_equal(logfile_sync(lf), -1);
	assert_int_equal(reports, 0); /* already reported at open */
	logfile_close(lf);
}

static void test_full_disk_reported_once(void **st)
{
	(void)st;
	int fd = open("/dev/full", O_WRONLY);
	if (fd < 0)
		skip();
	logfile *lf = logfile_from_fd(fd, "/dev/full");
	reports = 0;
	logfile_set_report(lf, count_report, NULL);
	assert_false(logfile_failed(lf));
	assert_int_equal(logfile_append(lf, "{\"n\":1}\n", 8), -1);
	assert_int_equal(logfile_append(lf, "{\"n\":2}\n", 8), -1);
	assert_int_equal(logfile_sync(lf), -1);
	assert_int_equal(reports, 1);
	assert_string_equal(last_report,
	                    "unknot: journal /dev/full: No space left on device; this session is not being recorded");
	logfile_close(lf); /* does not close a borrowed fd */
	assert_int_equal(close(fd), 0);
}

/* Deleted mid-session: noticed on the next line, reported once, the file is
 * created again holding the session in progress whole; lines from before
 * logfile_keep() (an earlier session) are not brought back. */
static void test_deleted_is_recreated(void **st)
{
	(void)st;
	char path[512];
	snprintf(path, sizeof path, "%s/del/journal.jsonl", dir);
	logfile *lf = logfile_open(path);
	reports = 0;
	logfile_set_report(lf, count_report, NULL);
	assert_int_equal(logfile_append(lf, "{\"old\":1}\n", 10), 0);
	logfile_keep(lf);
	assert_int_equal(logfile_append(lf, "{\"s\":1}\n", 8), 0);
	assert_int_equal(logfile_append(lf, "{\"s\":2}\n", 8), 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(logfile_append(lf, "{\"s\":3}\n", 8), 0);
	assert_int_equal(logfile_append(lf, "{\"s\":4}\n", 8), 0);
	assert_false(logfile_failed(lf));
	assert_int_equal(logfile_recreated(lf), 1);
	assert_int_equal(reports, 1);
	assert_non_null(strstr(last_report, "was deleted while in use; started a new one "
	                                    "(with the 2 earlier lines of this session)"));
	assert_string_equal(slurp(path), "{\"s\":1}\n{\"s\":2}\n{\"s\":3}\n{\"s\":4}\n");
	/* the next session keeps only its own lines; moved away = deleted too */
	logfile_keep(lf);
	assert_int_equal(logfile_append(lf, "{\"t\":1}\n", 8), 0);
	char moved[600];
	snprintf(moved, sizeof moved, "%s.old", path);
	assert_int_equal(rename(path, moved), 0);
	assert_int_equal(logfile_append(lf, "{\"t\":2}\n", 8), 0);
	assert_int_equal(logfile_recreated(lf), 2);
	assert_string_equal(slurp(path), "{\"t\":1}\n{\"t\":2}\n");
	logfile_close(lf);
}

/* A failed journal is tried again (logfile_retry, at each session start):
 * still failing the same way is not reported again; a different reason is;
 * once writable, recording resumes. */
static void test_retry_after_failure(void **st)
{
	(void)st;
	char path[600], blocker[512];
	snprintf(blocker, sizeof blocker, "%s/blocker", dir);
	FILE *f = fopen(blocker, "wb");
	fclose(f);
	snprintf(path, sizeof path, "%s/journal.jsonl", blocker);
	logfile *lf = logfile_open(path); /* reported on stderr */
	assert_true(logfile_failed(lf));
	reports = 0;
	logfile_set_report(lf, count_report, NULL);
	assert_int_equal(logfile_retry(lf), -1);
	assert_int_equal(reports, 0);
	assert_int_equal(logfile_append(lf, "x\n", 2), -1);
	assert_int_equal(unlink(blocker), 0);
	assert_int_equal(mkdir(blocker, 0755), 0);
	assert_int_equal(mkdir(path, 0755), 0); /* the journal's path is a folder now */
	assert_int_equal(logfile_retry(lf), -1);
	assert_int_equal(reports, 1);
	assert_non_null(strstr(last_report, "Is a directory"));
	assert_int_equal(rmdir(path), 0);
	assert_int_equal(logfile_retry(lf), 0);
	assert_int_equal(reports, 2);
	assert_non_null(strstr(last_report, "writable again"));
	assert_int_equal(logfile_append(lf, "{\"n\":1}\n", 8), 0);
	assert_string_equal(slurp(path), "{\"n\":1}\n");
	assert_int_equal(logfile_retry(lf), 0); /* not failed: nothing to do */
	assert_int_equal(reports, 2);
	logfile_close(lf);
}

static void test_clock(void **st)
{
	(void)st;
	char buf[32];
	assert_string_equal(clock_format_iso(buf, sizeof buf, 0), "1970-01-01T00:00:00.000Z");
	assert_string_equal(clock_format_iso(buf, sizeof buf, 1795253400123ULL), "2026-11-21T09:30:00.123Z");
	assert_string_equal(clock_format_iso(buf, 10, 5), "");
	uint64_t a = clock_now_ms(), b = clock_now_ms();
	assert_true(b >= a);
	assert_true(clock_wall_ms() > 1700000000000ULL);
	clock_wall_iso(buf, sizeof buf, -1000);
	assert_int_equal(strlen(buf), 24);
	assert_int_equal(buf[23], 'Z');
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append_creates_parents),
		cmocka_unit_test(test_torn_tail_is_dropped),
		cmocka_unit_test(test_foreign_file_left_alone),
		cmocka_unit_test(test_link_and_fifo_refused),
		cmocka_unit_test(test_unwritable_reported_once),
		cmocka_unit_test(test_full_disk_reported_once),
		cmocka_unit_test(test_deleted_is_recreated),
		cmocka_unit_test(test_retry_after_failure),
		cmocka_unit_test(test_clock),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
