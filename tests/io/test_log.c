/* log: levels, $UNKNOT_LOG_LEVEL, and the <N> priorities when stderr is the
 * journal ($JOURNAL_STREAM = stderr's DEVICE:INODE). stderr is pointed at a
 * temporary file and read back. */
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

#include "io/log.h"

static char path[64];
static int saved_fd = -1;

/* stderr -> a fresh temporary file */
static int setup(void **st)
{
	(void)st;
	snprintf(path, sizeof path, "/tmp/unknot-log-XXXXXX");
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	fflush(stderr);
	saved_fd = dup(STDERR_FILENO);
	dup2(fd, STDERR_FILENO);
	close(fd);
	unsetenv("UNKNOT_LOG_LEVEL");
	unsetenv("JOURNAL_STREAM");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	fflush(stderr);
	dup2(saved_fd, STDERR_FILENO);
	close(saved_fd);
	unlink(path);
	return 0;
}

/* What was written to stderr so far. */
static const char *written(void)
{
	static char buf[4096];
	fflush(stderr);
	FILE *f = fopen(path, "r");
	size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

static void test_levels(void **st)
{
	(void)st;
	assert_int_equal(log_init(LOG_LEVEL_WARN), 0);
	assert_true(log_enabled(LOG_LEVEL_ERROR));
	assert_false(log_enabled(LOG_LEVEL_INFO));
	log_error("disk %d", 1);
	log_warn("low %s", "battery");
	log_info("hidden");
	log_debug("hidden too");
	assert_string_equal(written(), "unknot: disk 1\nunknot: low battery\n");
	log_set_level(LOG_LEVEL_DEBUG);
	log_debug("now %s", "shown");
	assert_string_equal(written(), "unknot: disk 1\nunknot: low battery\nunknot: now shown\n");
	assert_int_equal(log_level_from_name("warning"), LOG_LEVEL_WARN);
	assert_int_equal(log_level_from_name("debug"), LOG_LEVEL_DEBUG);
	assert_int_equal(log_level_from_name("loud"), -1);
	assert_int_equal(log_level_from_name(NULL), -1);
}

static void test_env(void **st)
{
	(void)st;
	setenv("UNKNOT_LOG_LEVEL", "error", 1);
	assert_int_equal(log_init(LOG_LEVEL_DEBUG), 0);
	assert_int_equal(log_get_level(), LOG_LEVEL_ERROR);
	log_warn("not shown");
	assert_string_equal(written(), "");
	/* a bad value is reported and the given level kept */
	setenv("UNKNOT_LOG_LEVEL", "chatty", 1);
	assert_int_equal(log_init(LOG_LEVEL_WARN), -1);
	assert_int_equal(log_get_level(), LOG_LEVEL_WARN);
	assert_non_null(strstr(written(), "UNKNOT_LOG_LEVEL=chatty is not one of error, warn, info, debug"));
}

static void test_journal(void **st)
{
	(void)st;
	struct stat sb;
	char js[64];
	assert_int_equal(fstat(STDERR_FILENO, &sb), 0);
	snprintf(js, sizeof js, "%llu:%llu", (unsigned long long)sb.st_dev, (unsigned long long)sb.st_ino);
	setenv("JOURNAL_STREAM", js, 1);
	assert_int_equal(log_init(LOG_LEVEL_DEBUG), 0);
	log_error("e");
	log_warn("w");
	log_info("i");
	log_debug("d");
	assert_string_equal(written(), "<3>e\n<4>w\n<6>i\n<7>d\n");
	/* inherited from a parent but stderr is something else: plain lines */
	setenv("JOURNAL_STREAM", "1:2", 1);
	log_init(LOG_LEVEL_INFO);
	log_info("plain");
	assert_string_equal(written(), "<3>e\n<4>w\n<6>i\n<7>d\nunknot: plain\n");
	unsetenv("JOURNAL_STREAM");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_levels, setup, teardown),
		cmocka_unit_test_setup_teardown(test_env, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
