/* station: fleet glue for the app (see station.h). */
#include "app/station.h"

#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "io/log.h"
#include "io/paths.h"

#ifndef UNKNOT_VERSION
#define UNKNOT_VERSION "unknown"
#endif

struct station {
	fleet *f;
	Uint32 ev;               /* SDL user event pushed by the fleet's thread */
	bool reload;             /* a reload waits for the app to be idle */
	bool settings;           /* new fleet settings wait for the app to be idle */
	uint64_t banner_from, banner_until; /* identify: shown in [from, until) */
	int banner_phase;        /* what was drawn last: 0 none, 1 bright, 2 dim */
	char name[65], site[65];
};

/* Network thread: wake the SDL loop (SDL_PushEvent is thread-safe). */
static void station_wake(void *user)
{
	station *st = user;
	SDL_Event e;
	memset(&e, 0, sizeof e);
	e.type = st->ev;
	SDL_PushEvent(&e);
}

station *station_new(const config *cfg, const char *journal)
{
	if (!cfg->fleet.broker[0])
		return NULL;
	if (!journal || !journal[0]) {
		log_warn("fleet: off (no journal file to publish)");
		return NULL;
	}
	station *st = calloc(1, sizeof *st);
	if (!st)
		return NULL;
	char jcopy[PATHS_MAX], state_dir[PATHS_MAX], routines[PATHS_MAX], err[512];
	snprintf(jcopy, sizeof jcopy, "%s", journal);
	snprintf(state_dir, sizeof state_dir, "%s", dirname(jcopy)); /* the ack file lives by the journal */
	if (paths_fleet_routines_dir(routines, sizeof routines) < 0) {
		log_warn("fleet: off (no folder for fleet routines: HOME unset)");
		free(st);
		return NULL;
	}
	st->ev = SDL_RegisterEvents(1);
	fleet_options o = { .cfg = &cfg->fleet, .journal_path = journal, .state_dir = state_dir,
	                    .routines_dir = routines, .app_version = UNKNOT_VERSION,
	                    .wake = st->ev != (Uint32)-1 ? station_wake : NULL, .wake_user = st };
	st->f = fleet_new(&o, err, sizeof err);
	if (!st->f) {
		log_error("fleet: off: %s", err);
		free(st);
		return NULL;
	}
	snprintf(st->name, sizeof st->name, "%s", cfg->fleet.station);
	snprintf(st->site, sizeof st->site, "%s", cfg->fleet.site);
	return st;
}

void station_free(station *st)
{
	if (!st)
		return;
	fleet_free(st->f);
	free(st);
}

size_t station_faults(const config *cfg, footswitch *fs, const audio *au,
                      bool journal_failed, const char **out, size_t max)
{
	size_t n = 0;
	bool pedal_bad = false;
	for (size_t i = 0; i < cfg->npedals && i < GESTURE_MAX_INPUTS; i++) {
		if (!cfg->pedals[i].gpio)
			continue;
		footswitch_status s;
		if (!fs || footswitch_status_get(fs, (int)i, &s) != 0 || !s.open)
			pedal_bad = true;
	}
	if (pedal_bad && n < max)
		out[n++] = "pedal disconnected";
	if ((!au || !audio_available(au)) && n < max)
		out[n++] = "no audio";
	if (journal_failed && n < max)
		out[n++] = "journal not writable";
	return n;
}

void station_update(station *st, const fleet_state *fs)
{
	if (st)
		fleet_set_state(st->f, fs);
}

void station_journal_appended(station *st)
{
	if (st)
		fleet_journal_appended(st->f);
}

unsigned station_actions(station *st, bool idle, uint64_t now)
{
	if (!st)
		return 0;
	unsigned a = fleet_poll(st->f);
	if (a & FLEET_DO_IDENTIFY) {
		st->banner_from = now;
		st->banner_until = now + 1000u * (uint64_t)fleet_identify_seconds(st->f);
	}
	if (a & FLEET_DO_RELOAD)
		st->reload = true;
	if (a & FLEET_DO_SETTINGS)
		st->settings = true;
	unsigned out = 0;
	if (st->reload && idle) {
		st->reload = false;
		out |= FLEET_DO_RELOAD;
	}
	if (st->settings && idle) {
		st->settings = false;
		out |= FLEET_DO_SETTINGS;
	}
	return out;
}

#define STATION_FLASH_MS 500

bool station_identify(const station *st, uint64_t now, const char **name, const char **site,
                      bool *bright)
{
	if (!st || now >= st->banner_until || now < st->banner_from)
		return false;
	*name = st->name;
	*site = st->site;
	*bright = (now - st->banner_from) / STATION_FLASH_MS % 2 == 0;
	return true;
}

bool station_identify_changed(station *st, uint64_t now)
{
	const char *n, *s;
	bool bright = false;
	int phase = station_identify(st, now, &n, &s, &bright) ? (bright ? 1 : 2) : 0;
	if (!st || phase == st->banner_phase)
		return false;
	st->banner_phase = phase;
	return true;
}

uint64_t station_next_wake(const station *st, uint64_t now)
{
	if (!st || now >= st->banner_until || now < st->banner_from)
		return UINT64_MAX;
	uint64_t next = now + STATION_FLASH_MS - (now - st->banner_from) % STATION_FLASH_MS;
	return next < st->banner_until ? next : st->banner_until;
}

bool station_settings(station *st, fleet_msg_settings *out)
{
	return st && fleet_settings(st->f, out);
}

void station_settings_apply(const fleet_msg_settings *s, config *cfg)
{
	if (s->volume >= 0)
		cfg->volume = s->volume;
	if (s->idle_minutes >= 0)
		cfg->idle_minutes = s->idle_minutes;
	if (s->pause_timeout_minutes >= 0)
		cfg->pause_timeout_minutes = s->pause_timeout_minutes;
	/* language: no config key yet; reported in the status as received */
}

const char *station_fleet_fault(station *st, char *buf, size_t size)
{
	if (!st || !size)
		return NULL;
	fleet_stats s;
	fleet_get_stats(st->f, &s);
	if (!s.fault[0])
		return NULL;
	snprintf(buf, size, "%s", s.fault);
	return buf;
}
