/* dirwatch: real files in a temporary folder; the watcher must wake once a
 * routine file appears, changes, goes, or appears in a new subfolder, and not
 * for other files. Waits are bounded (a wake normally comes ~0.3 s after the
 * change: the settle time). */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "tmptree.h"
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/dirwatch.h"
#include "io/paths.h"

static int wake_pipe[2];

static void on_wake(void *user)
{
	(void)user;
	ssize_t rc = write(wake_pipe[1], "w", 1);
	(void)rc;
}

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Whether a wake came within ms; drains it. */
static bool woke_within(int ms)
{
	struct pollfd pf = { wake_pipe[0], POLLIN, 0 };
	if (poll(&pf, 1, ms) != 1)
		return false;
	char c[16];
	ssize_t rc = read(wake_pipe[0], c, sizeof c);
	return rc > 0;
}

static int setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/unknot-dirwatch-XXXXXX");
	assert_non_null(mkdtemp(root));
	assert_int_equal(pipe(wake_pipe), 0);
	assert_int_equal(paths_mkdirs(at("r/existing")), 0);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	close(wake_pipe[0]);
	close(wake_pipe[1]);
	char cmd[PATHS_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_changes(void **st)
{
	(void)st;
	char err[256];
	const char *dirs[] = { at("r"), at("missing") };
	dirwatch *w = dirwatch_new(dirs, 2, on_wake, NULL, err, sizeof err);
	assert_non_null(w);
	assert_int_equal(dirwatch_count(w), 2); /* r and r/existing; missing skipped */
	assert_false(dirwatch_take(w));
	/* a new routine file */
	put("r/neck.json", "{}");
	assert_true(woke_within(3000));
	assert_true(dirwatch_take(w));
	assert_false(dirwatch_take(w));
	/* other files and hidden ones (cp/editor temporaries) are not a change */
	put("r/notes.txt", "x");
	put("r/.neck.json.swp", "x");
	assert_false(woke_within(800));
	assert_false(dirwatch_take(w));
	/* a burst of files is one wake */
	uint64_t t0 = mono_ms();
	put("r/a.json", "{}");
	put("r/b.json", "{}");
	put("r/c.json", "{}");
	uint64_t burst = mono_ms() - t0;
	assert_true(woke_within(3000));
	/* Only when the three writes really came within the settle time: on a
	 * machine loaded enough to stall them apart, two wakes are right. */
	if (burst < 150)
		assert_false(woke_within(700));
	else
		(void)woke_within(700);
	assert_true(dirwatch_take(w));
	/* moved in (an atomic save) and deleted */
	put("tmp.json", "{}");
	assert_int_equal(rename(at("tmp.json"), at("r/moved.json")), 0);
	assert_true(woke_within(3000));
	assert_int_equal(unlink(at("r/a.json")), 0);
	assert_true(woke_within(3000));
	/* a file in an existing subfolder */
	put("r/existing/hips.json", "{}");
	assert_true(woke_within(3000));
	/* a new subfolder (a stick mounted there), then a file in it */
	assert_int_equal(mkdir(at("r/usb"), 0755), 0);
	assert_true(woke_within(3000));
	assert_int_equal(dirwatch_count(w), 3);
	put("r/usb/feet.json", "{}");
	assert_true(woke_within(3000));
	assert_true(dirwatch_take(w));
	dirwatch_free(w);
	dirwatch_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_changes, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
