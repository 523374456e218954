/* vt: KD_GRAPHICS and refused VT switches while the kiosk runs (see vt.h). */
#include "io/vt.h"

#include <errno.h>
#include <linux/kd.h>
#include <linux/vt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "io/log.h"

/* What was found at lock time, to restore. Static: atexit() takes no
 * argument, and there is one console. */
static struct {
	bool locked;
	bool atexit_done;
	int fd;
	int kd_mode;           /* KD_TEXT or KD_GRAPHICS before */
	struct vt_mode mode;   /* VT_AUTO or VT_PROCESS before */
	vt_sys sys;
} vt_state;

static int vt_real_ioctl(int fd, unsigned long request, void *arg, void *ctx)
{
	(void)ctx;
	return ioctl(fd, request, arg);
}

const vt_sys *vt_sys_default(void)
{
	static const vt_sys real = { vt_real_ioctl, NULL };
	return &real;
}

static void vt_atexit(void)
{
	vt_unlock();
}

vt_result vt_lock(int fd, const vt_sys *sys, char *msg, size_t msgsize)
{
	if (!sys)
		sys = vt_sys_default();
	if (vt_state.locked) {
		snprintf(msg, msgsize, "virtual console already locked");
		return VT_FAILED;
	}
	struct vt_stat vs;
	long kd = 0;
	if (sys->ioctl(fd, VT_GETSTATE, &vs, sys->ctx) < 0 || sys->ioctl(fd, KDGETMODE, &kd, sys->ctx) < 0) {
		snprintf(msg, msgsize, "not on a virtual console (%s): console switching left as it is",
		         strerror(errno));
		return VT_NOT_A_VT;
	}
	struct vt_mode before;
	if (sys->ioctl(fd, VT_GETMODE, &before, sys->ctx) < 0) {
		snprintf(msg, msgsize, "virtual console: VT_GETMODE failed (%s); switching left as it is",
		         strerror(errno));
		return VT_FAILED;
	}
	/* VT_PROCESS with no signals: a switch request waits for a VT_RELDISP
	 * that never comes, so Ctrl+Alt+Fn does nothing. */
	struct vt_mode m = before;
	m.mode = VT_PROCESS;
	m.waitv = 0;
	m.relsig = 0;
	m.acqsig = 0;
	m.frsig = 0;
	if (sys->ioctl(fd, VT_SETMODE, &m, sys->ctx) < 0) {
		snprintf(msg, msgsize, "virtual console: cannot refuse switching (VT_SETMODE: %s)", strerror(errno));
		return VT_FAILED;
	}
	if (sys->ioctl(fd, KDSETMODE, (void *)(long)KD_GRAPHICS, sys->ctx) < 0) {
		int e = errno;
		sys->ioctl(fd, VT_SETMODE, &before, sys->ctx);
		snprintf(msg, msgsize, "virtual console: cannot set graphics mode (KDSETMODE: %s); left as it was",
		         strerror(e));
		return VT_FAILED;
	}
	vt_state.locked = true;
	vt_state.fd = fd;
	vt_state.kd_mode = (int)kd;
	vt_state.mode = before;
	vt_state.sys = *sys;
	if (!vt_state.atexit_done && atexit(vt_atexit) == 0)
		vt_state.atexit_done = true;
	snprintf(msg, msgsize, "virtual console tty%d: graphics mode, switching to other consoles refused "
	         "while unknot runs", vs.v_active);
	return VT_LOCKED;
}

void vt_unlock(void)
{
	if (!vt_state.locked)
		return;
	vt_state.locked = false;
	const vt_sys *sys = &vt_state.sys;
	sys->ioctl(vt_state.fd, KDSETMODE, (void *)(long)vt_state.kd_mode, sys->ctx);
	sys->ioctl(vt_state.fd, VT_SETMODE, &vt_state.mode, sys->ctx);
}

bool vt_locked(void)
{
	return vt_state.locked;
}

void vt_lock_console(void)
{
	char msg[256];
	vt_result r = vt_lock(STDIN_FILENO, NULL, msg, sizeof msg);
	if (r == VT_FAILED)
		log_warn("%s", msg);
	else
		log_info("%s", msg);
}
