/* The sd_notify client against a real AF_UNIX datagram socket standing in
 * for systemd: path and abstract ("@") addresses, READY=1 once, WATCHDOG=1
 * at half of WATCHDOG_USEC and never early, WATCHDOG_PID of another process,
 * STOPPING=1, and the environment cleaned for children. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "io/watchdog.h"

static char dir[256];
static char path[300];
static int srv = -1;   /* the "systemd" end */

/* Binds a datagram socket at addr ("@name" = abstract) and points
 * $NOTIFY_SOCKET at it. */
static int listen_at(const char *addr)
{
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	size_t n = strlen(addr);
	memcpy(sa.sun_path, addr, n);
	socklen_t len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	if (addr[0] == '@') {
		sa.sun_path[0] = '\0';
		len--;
	}
	srv = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (srv < 0 || bind(srv, (struct sockaddr *)&sa, len) < 0)
		return -1;
	setenv("NOTIFY_SOCKET", addr, 1);
	return 0;
}

static int setup(void **st)
{
	(void)st;
	snprintf(dir, sizeof dir, "/tmp/unknot-test-watchdog-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/notify", dir);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	if (srv >= 0)
		close(srv);
	srv = -1;
	unlink(path);
	rmdir(dir);
	return 0;
}

/* The next datagram, or "" when none arrives within 200 ms. */
static const char *next_msg(void)
{
	static char buf[600];
	struct pollfd p = {.fd = srv, .events = POLLIN};
	buf[0] = '\0';
	if (poll(&p, 1, 200) == 1) {
		ssize_t n = recv(srv, buf, sizeof buf - 1, 0);
		buf[n > 0 ? n : 0] = '\0';
	}
	return buf;
}

static void no_socket_no_watchdog(void **st)
{
	(void)st;
	assert_null(watchdog_open(0));
	/* every call is a no-op on NULL */
	assert_int_equal(watchdog_ready(NULL, "x"), 0);
	assert_int_equal(watchdog_tick(NULL, 1000000), 0);
	assert_true(watchdog_next(NULL) == WATCHDOG_NEVER);
	assert_int_equal(watchdog_stopping(NULL), 0);
	watchdog_free(NULL);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	assert_null(watchdog_open(0));
}

static void ready_once_with_status_then_stopping(void **st)
{
	(void)st;
	assert_int_equal(listen_at(path), 0);
	watchdog *w = watchdog_open(0);
	assert_non_null(w);
	/* Child processes must not notify in our name. */
	assert_null(getenv("NOTIFY_SOCKET"));
	assert_true(watchdog_next(w) == WATCHDOG_NEVER); /* no WATCHDOG_USEC */
	assert_int_equal(watchdog_tick(w, 1000000), 0);
	assert_int_equal(watchdog_ready(w, "home screen\nsecond line"), 0);
	assert_string_equal(next_msg(), "READY=1\nSTATUS=home screen");
	assert_int_equal(watchdog_ready(w, NULL), 0);
	assert_string_equal(next_msg(), "");   /* once only */
	assert_int_equal(watchdog_status(w, "session: neck"), 0);
	assert_string_equal(next_msg(), "STATUS=session: neck");
	assert_int_equal(watchdog_stopping(w), 0);
	assert_string_equal(next_msg(), "STOPPING=1");
	watchdog_free(w);
}

static void abstract_socket(void **st)
{
	(void)st;
	char name[64];
	snprintf(name, sizeof name, "@unknot-test-watchdog-%ld", (long)getpid());
	assert_int_equal(listen_at(name), 0);
	watchdog *w = watchdog_open(0);
	assert_non_null(w);
	assert_int_equal(watchdog_ready(w, NULL), 0);
	assert_string_equal(next_msg(), "READY=1");
	watchdog_free(w);
}

static void pings_at_half_the_timeout(void **st)
{
	(void)st;
	assert_int_equal(listen_at(path), 0);
	setenv("WATCHDOG_USEC", "20000000", 1);   /* WatchdogSec=20 */
	char pid[32];
	snprintf(pid, sizeof pid, "%ld", (long)getpid());
	setenv("WATCHDOG_PID", pid, 1);
	watchdog *w = watchdog_open(5000);
	assert_non_null(w);
	assert_null(getenv("WATCHDOG_USEC"));
	assert_null(getenv("WATCHDOG_PID"));
	assert_int_equal(watchdog_interval(w), 10000);
	assert_int_equal(watchdog_next(w), 15000);
	assert_int_equal(watchdog_tick(w, 14999), 0);   /* not early */
	assert_string_equal(next_msg(), "");
	assert_int_equal(watchdog_tick(w, 15000), 1);
	assert_string_equal(next_msg(), "WATCHDOG=1");
	assert_int_equal(watchdog_next(w), 25000);
	assert_int_equal(watchdog_tick(w, 15001), 0);   /* not twice */
	/* Late (the loop was busy): the next interval starts from now. */
	assert_int_equal(watchdog_tick(w, 31000), 1);
	assert_string_equal(next_msg(), "WATCHDOG=1");
	assert_int_equal(watchdog_next(w), 41000);
	watchdog_free(w);
}

static void watchdog_of_another_process_is_ignored(void **st)
{
	(void)st;
	assert_int_equal(listen_at(path), 0);
	setenv("WATCHDOG_USEC", "20000000", 1);
	setenv("WATCHDOG_PID", "1", 1);
	watchdog *w = watchdog_open(0);
	assert_non_null(w);   /* still notifies READY */
	assert_true(watchdog_next(w) == WATCHDOG_NEVER);
	assert_int_equal(watchdog_tick(w, 100000), 0);
	watchdog_free(w);
}

static void systemd_gone_is_an_error(void **st)
{
	(void)st;
	assert_int_equal(listen_at(path), 0);
	setenv("WATCHDOG_USEC", "2000000", 1);
	watchdog *w = watchdog_open(0);
	assert_non_null(w);
	close(srv);
	srv = -1;
	unlink(path);
	assert_int_equal(watchdog_tick(w, 1000), -1);
	assert_int_equal(watchdog_tick(w, 1500), 0);   /* rescheduled all the same */
	assert_int_equal(watchdog_tick(w, 2000), -1);
	watchdog_free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(no_socket_no_watchdog, setup, teardown),
		cmocka_unit_test_setup_teardown(ready_once_with_status_then_stopping, setup, teardown),
		cmocka_unit_test_setup_teardown(abstract_socket, setup, teardown),
		cmocka_unit_test_setup_teardown(pings_at_half_the_timeout, setup, teardown),
		cmocka_unit_test_setup_teardown(watchdog_of_another_process_is_ignored, setup, teardown),
		cmocka_unit_test_setup_teardown(systemd_gone_is_an_error, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
