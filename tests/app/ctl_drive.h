/* ctl_drive.h: driving the controller (app/ctl.h) on a virtual clock in the
 * app tests: run its deadlines up to a moment, press the pedal. Header-only;
 * *now is the test's virtual clock. */
#ifndef UNKNOT_TESTS_CTL_DRIVE_H
#define UNKNOT_TESTS_CTL_DRIVE_H

#include <stdint.h>

#include "app/ctl.h"

/* Runs the controller's own deadlines up to `to`. */
static inline void ctl_drive_advance(ctl *c, uint64_t *now, uint64_t to)
{
	for (;;) {
		ctl_tick(c, *now);
		uint64_t d = ctl_next_deadline(c, *now, false);
		if (d == CTL_NO_DEADLINE || d > to)
			break;
		*now = d > *now ? d : *now + 1;
	}
	*now = to;
	ctl_tick(c, *now);
}

/* The pedal pressed for `ms` at the current time, then 300 ms of quiet. */
static inline void ctl_drive_pedal(ctl *c, uint64_t *now, uint64_t ms)
{
	ctl_pedal_edge(c, 0, true, *now, *now);
	ctl_drive_advance(c, now, *now + ms);
	ctl_pedal_edge(c, 0, false, *now, *now);
	ctl_drive_advance(c, now, *now + 300);
}

#endif
