/* shell_fleet: the shell's side of the gym fleet (issue 23): each pass it
 * tells the broker what the station is doing and acts on the broker's
 * commands between sessions (see app/station.h for the messages). */
#include "app/app_shell.h"

#include <string.h>

#include "io/log.h"

/* The gym fleet: tell it what the station is doing, act on its commands
 * (reload the library when idle, show the station name on "identify"). */
void shell_fleet_sync(app *a, uint64_t now)
{
	if (!a->world.fleet)
		return;
	fleet_state fs = {0};
	session_state ss = ctl_session_state(a->c);
	const char *path;
	const routine *r = ctl_routine(a->c, &path);
	fs.in_session = ss == SESSION_RUNNING || ss == SESSION_PAUSED;
	fs.paused = ss == SESSION_PAUSED;
	if (fs.in_session && r) {
		const char *slash = path ? strrchr(path, '/') : NULL;
		fs.routine = routine_title(r);
		fs.routine_file = slash ? slash + 1 : path;
		fs.step = (int)session_current(ctl_session(a->c)) + 1;
		fs.steps = (int)routine_length(r);
	}
	fs.nfaults = station_faults(&a->cfg, a->fs, a->world.au, a->world.rec && recorder_failed(a->world.rec),
	                            fs.faults, FLEET_MAX_FAULTS);
	station_update(a->world.fleet, &fs);
	unsigned acts = station_actions(a->world.fleet, true, now);
	if (acts & FLEET_DO_RELOAD) {
		/* rescanned by the controller once on the library, never mid-session */
		log_info("fleet: routines changed; rescanning the library");
		ctl_library_changed(a->c);
		ctl_tick(a->c, now);
	}
	if (acts & FLEET_DO_SETTINGS) {
		/* between sessions (the fleet waits for one to end): the config and the controller */
		fleet_msg_settings set;
		if (station_settings(a->world.fleet, &set)) {
			station_settings_apply(&set, &a->cfg);
			ctl_fleet_settings(a->c, set.volume, set.idle_minutes, set.pause_timeout_minutes, now);
		}
	}
	char why[160];
	ctl_fleet_fault(a->c, station_fleet_fault(a->world.fleet, why, sizeof why));
	if (station_identify_changed(a->world.fleet, now))
		a->dirty = true;
}

