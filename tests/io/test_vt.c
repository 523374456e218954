/* vt: the kiosk's console lock through a fake ioctl (issue 19): graphics
 * mode and switching refused on a virtual console, both restored by
 * vt_unlock(); nothing done (and said so) elsewhere; a failure half-way
 * leaves the console as it was. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <linux/kd.h>
#include <linux/vt.h>
#include <string.h>

#include "io/vt.h"

typedef struct {
	bool is_vt;
	int fail_request;          /* this request fails with EPERM; 0 = none */
	long kd;                   /* the console's KD mode */
	struct vt_mode mode;       /* its switching mode */
	int calls;
} fake_console;

static int fake_ioctl(int fd, unsigned long req, void *arg, void *ctx)
{
	fake_console *c = ctx;
	(void)fd;
	c->calls++;
	if (!c->is_vt)
		return errno = ENOTTY, -1;
	if ((int)req == c->fail_request)
		return errno = EPERM, -1;
	switch (req) {
	case VT_GETSTATE: ((struct vt_stat *)arg)->v_active = 1; return 0;
	case KDGETMODE: *(long *)arg = c->kd; return 0;
	case KDSETMODE: c->kd = (long)arg; return 0;
	case VT_GETMODE: *(struct vt_mode *)arg = c->mode; return 0;
	case VT_SETMODE: c->mode = *(struct vt_mode *)arg; return 0;
	default: return errno = EINVAL, -1;
	}
}

static void test_locks_and_restores(void **st)
{
	(void)st;
	fake_console c = { .is_vt = true, .kd = KD_TEXT, .mode = { .mode = VT_AUTO } };
	vt_sys sys = { fake_ioctl, &c };
	char msg[256];
	assert_int_equal(vt_lock(0, &sys, msg, sizeof msg), VT_LOCKED);
	assert_true(vt_locked());
	assert_non_null(strstr(msg, "tty1: graphics mode, switching to other consoles refused"));
	assert_int_equal(c.kd, KD_GRAPHICS);
	assert_int_equal(c.mode.mode, VT_PROCESS);
	assert_int_equal(c.mode.relsig, 0); /* nobody answers: the switch never happens */
	assert_int_equal(vt_lock(0, &sys, msg, sizeof msg), VT_FAILED); /* one lock at a time */
	vt_unlock();
	assert_false(vt_locked());
	assert_int_equal(c.kd, KD_TEXT);
	assert_int_equal(c.mode.mode, VT_AUTO);
	int calls = c.calls;
	vt_unlock(); /* twice: nothing more */
	assert_int_equal(c.calls, calls);
}

static void test_not_a_vt(void **st)
{
	(void)st;
	fake_console c = { .is_vt = false };
	vt_sys sys = { fake_ioctl, &c };
	char msg[256];
	assert_int_equal(vt_lock(0, &sys, msg, sizeof msg), VT_NOT_A_VT);
	assert_false(vt_locked());
	assert_non_null(strstr(msg, "not on a virtual console"));
	/* the real thing on a test's standard input (a pipe or a pty, not a VT) */
	assert_int_not_equal(vt_lock(0, NULL, msg, sizeof msg), VT_LOCKED);
	assert_false(vt_locked());
}

static void test_failure_leaves_it_as_it_was(void **st)
{
	(void)st;
	fake_console c = { .is_vt = true, .kd = KD_TEXT, .mode = { .mode = VT_AUTO }, .fail_request = KDSETMODE };
	vt_sys sys = { fake_ioctl, &c };
	char msg[256];
	assert_int_equal(vt_lock(0, &sys, msg, sizeof msg), VT_FAILED);
	assert_false(vt_locked());
	assert_int_equal(c.mode.mode, VT_AUTO); /* switching given back */
	assert_non_null(strstr(msg, "KDSETMODE"));
	c.fail_request = VT_SETMODE;
	assert_int_equal(vt_lock(0, &sys, msg, sizeof msg), VT_FAILED);
	assert_int_equal(c.kd, KD_TEXT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_locks_and_restores),
		cmocka_unit_test(test_not_a_vt),
		cmocka_unit_test(test_failure_leaves_it_as_it_was),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
