/* vt: the kiosk keeps its virtual console while it runs (issue 19).
 *
 * On a Linux virtual console (the kiosk's tty1), vt_lock() puts the console
 * in KD_GRAPHICS (the kernel draws no text over the app) and its switching
 * in VT_PROCESS mode with no release signal: a Ctrl+Alt+F2 asks this
 * process to release the console, and since it never answers VT_RELDISP
 * the switch never happens (VT_LOCKSWITCH would need CAP_SYS_TTY_CONFIG,
 * which the kiosk's user does not have). vt_unlock() restores the mode and
 * switching found at lock time; vt_lock() also registers it with atexit(),
 * so the app's every exit path (SIGTERM, SIGHUP, the admin exit 64) gives
 * the console back. A SIGKILL cannot: systemd's TTYReset= (the unit) does.
 *
 * Not on a virtual console (a desktop, ssh, a pipe): a no-op, said by one
 * log line. The ioctls go through a table so that tests can use a fake.
 */
#ifndef UNKNOT_VT_H
#define UNKNOT_VT_H

#include <stdbool.h>
#include <stddef.h>

/* The system calls vt uses; vt_sys_default() is the real one. */
typedef struct {
	int (*ioctl)(int fd, unsigned long request, void *arg, void *ctx);
	void *ctx;
} vt_sys;

const vt_sys *vt_sys_default(void);

typedef enum {
	VT_LOCKED = 0,    /* graphics mode, switching refused */
	VT_NOT_A_VT,      /* fd is not a virtual console: nothing done */
	VT_FAILED         /* a virtual console, but an ioctl failed: left as it was */
} vt_result;

/* Locks the virtual console on fd (the app's standard input: the unit's
 * TTYPath). Writes one line saying what was done into msg. Only one lock at a
 * time (a second call returns VT_FAILED). sys NULL = the real calls. */
vt_result vt_lock(int fd, const vt_sys *sys, char *msg, size_t msgsize);

/* Restores what vt_lock() changed; a no-op when nothing is locked. */
void vt_unlock(void);

/* True while locked. */
bool vt_locked(void);

/* The app's one call: vt_lock() on standard input with the real calls,
 * its line logged (info). */
void vt_lock_console(void);

#endif
