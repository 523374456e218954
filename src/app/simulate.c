/* simulate: `unknot --simulate ROUTINE --input SCRIPT [--journal FILE]
 * [--config FILE]`: the real engine and recogniser on a virtual clock.
 *
 * The clock jumps from one moment to the next that matters (the next script
 * input, session deadline or gesture deadline), so an hour-long routine runs
 * in milliseconds and the journal is what a real session would have written.
 *
 * With --repeat-until HOURS (the soak test) sessions run back to back on the
 * one clock, the routines in turn, each started the moment the last one
 * finished, until HOURS have passed; the script's times count from the first
 * start. Each virtual hour a line on stderr gives the sessions, the journal
 * lines and the process's VmRSS, so memory growth shows.
 */
#include "app/simulate.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/recorder.h"
#include "core/config.h"
#include "core/gesture.h"
#include "core/routine.h"
#include "core/script.h"
#include "core/session.h"
#include "io/clock.h"
#include "io/configfile.h"
#include "io/paths.h"

#define SIMULATE_MAX_SCRIPT (16 * 1024 * 1024)

static char *simulate_read(const char *path, size_t max, size_t *len)
{
	char *text = paths_read_file(path, max, len);
	if (!text)
		fprintf(stderr, "unknot: %s: %s\n", path, errno == EFBIG ? "file too large" : strerror(errno));
	return text;
}

/* Loads and validates the routine, printing diagnostics as --check does. */
static routine *simulate_routine(const char *path)
{
	size_t len = 0;
	char *text = simulate_read(path, ROUTINE_MAX_FILE_BYTES, &len);
	if (!text)
		return NULL;
	routine_diags d = { 0 };
	routine *r = routine_parse(path, text, len, &d);
	for (size_t i = 0; i < d.count; i++) {
		char buf[1024];
		fprintf(stderr, "%s\n", routine_diag_format(&d.items[i], path, buf, sizeof buf));
	}
	routine_diags_free(&d);
	free(text);
	return r;
}

/* Acts as the app does on a pedal or key action (app.c, act()): while
 * paused, a tap (next) or pause resumes and abandon ends; nothing else acts. */
static int simulate_action(session *s, int action, uint64_t now)
{
	if (session_get_state(s) == SESSION_PAUSED) {
		if (action == CONFIG_ACTION_NEXT || action == CONFIG_ACTION_PAUSE)
			return session_resume(s, now);
		if (action == CONFIG_ACTION_ABANDON)
			return session_abandon(s, now);
		return SESSION_ERR_STATE;
	}
	switch (action) {
	case CONFIG_ACTION_NEXT: return session_next(s, now);
	case CONFIG_ACTION_DISCOMFORT: return session_discomfort(s, now);
	case CONFIG_ACTION_PAUSE:
		return session_get_state(s) == SESSION_PAUSED ? session_resume(s, now) : session_pause(s, now);
	case CONFIG_ACTION_PREVIOUS: return session_previous(s, now);
	case CONFIG_ACTION_EXTEND: return session_extend(s, now);
	case CONFIG_ACTION_ABANDON: return session_abandon(s, now);
	default: return SESSION_OK;
	}
}

static uint64_t simulate_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Where a run is: the next script input, the clock, what was journaled. */
typedef struct {
	size_t i;            /* next script event */
	uint64_t now;        /* virtual ms */
	bool back_to_back;   /* --repeat-until: return when the session is finished */
	unsigned long long lines; /* journal lines written (cue events are not) */
} simulate_state;

/* recorder_drain's callback: counts the journaled events. */
static void simulate_count(const session_event *ev, void *data)
{
	if (ev->type != SESSION_EV_CUE)
		((simulate_state *)data)->lines++;
}

/* The virtual-clock loop for one session, started at st->now. A single run
 * also plays out the rest of the script; back to back it returns when the
 * session is finished (the gesture state carries over to the next one). */
static void simulate_run(session *s, gesture *g, const config *cfg, const script *sc, recorder *rec,
                         simulate_state *st)
{
	size_t i = st->i;
	uint64_t now = st->now;
	gesture_event ge;

	session_start(s, now);
	recorder_drain(rec, s, simulate_count, st);
	for (;;) {
		if (st->back_to_back && session_get_state(s) == SESSION_FINISHED)
			break;
		uint64_t t_in = i < sc->count ? sc->events[i].ms : UINT64_MAX;
		uint64_t t = simulate_min(t_in, simulate_min(session_next_deadline(s), gesture_next_deadline(g)));
		if (t == UINT64_MAX) {
			if (session_get_state(s) == SESSION_PAUSED) {
				/* a paused session with no input left would wait forever */
				fprintf(stderr, "unknot: the script ends with the session paused; abandoning it at %llu.%03llu s\n",
				        (unsigned long long)(now / 1000), (unsigned long long)(now % 1000));
				session_abandon(s, now);
				recorder_drain(rec, s, simulate_count, st);
			}
			break;
		}
		now = t > now ? t : now;
		session_tick(s, now);
		recorder_drain(rec, s, simulate_count, st);
		gesture_tick(g, now);
		while (gesture_next(g, &ge)) {
			simulate_action(s, ge.action, now);
			recorder_drain(rec, s, simulate_count, st);
		}
		while (i < sc->count && sc->events[i].ms <= now) {
			const script_event *e = &sc->events[i++];
			int input = -1;
			if (e->input == SCRIPT_PEDAL)
				input = 0;
			else if (e->input == SCRIPT_PEDAL2)
				input = 1;
			else if (e->input == SCRIPT_KEY)
				input = config_key_input(cfg, e->key);
			else
				continue; /* touch: the simulation has no screen */
			if (input >= 0) {
				gesture_edge(g, input, e->down != 0, e->ms);
			} else if (e->down) {
				simulate_action(s, config_key_action(e->key), now);
				recorder_drain(rec, s, simulate_count, st);
			}
		}
		gesture_tick(g, now);
		while (gesture_next(g, &ge)) {
			simulate_action(s, ge.action, now);
			recorder_drain(rec, s, simulate_count, st);
		}
	}
	st->i = i;
	st->now = now;
}

/* The process's resident memory (VmRSS in /proc/self/status), kB; 0 if unknown. */
static long simulate_rss_kb(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	long kb = 0;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %ld", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

/* --repeat-until: sessions back to back, the routines in turn, until `hours`
 * of virtual time have passed; a memory line on stderr each hour. Returns
 * -1 when out of memory. */
static int simulate_repeat(routine **rs, int nr, gesture *g, const config *cfg, const script *sc,
                           recorder *rec, double hours)
{
	const uint64_t hour = 3600000;
	uint64_t until = (uint64_t)(hours * (double)hour);
	uint64_t next_mark = hour < until ? hour : until;
	unsigned long long sessions = 0;
	simulate_state st = { 0, 0, true, 0 };
	while (st.now < until) {
		session *s = session_new(rs[sessions % (unsigned long long)nr]);
		if (!s)
			return -1;
		simulate_run(s, g, cfg, sc, rec, &st);
		session_free(s);
		sessions++;
		while (st.now >= next_mark && next_mark <= until) {
			fprintf(stderr, "unknot: soak: hour %.2f: %llu sessions, %llu journal lines, VmRSS %ld kB\n",
			        (double)next_mark / (double)hour, sessions, st.lines, simulate_rss_kb());
			next_mark = next_mark == until ? UINT64_MAX : next_mark + hour < until ? next_mark + hour : until;
		}
	}
	fprintf(stderr, "unknot: soak: done: %.2f h simulated, %llu sessions, %llu journal lines, "
	        "script %zu of %zu inputs, VmRSS %ld kB\n", (double)st.now / (double)hour, sessions, st.lines,
	        st.i, sc->count, simulate_rss_kb());
	return 0;
}

int simulate_main(const cli_options *o)
{
	int rc = 1;
	routine *r = NULL, **rs = NULL;
	char *text = NULL;
	script sc = { NULL, 0 };
	session *s = NULL;
	gesture *g = NULL;
	recorder *rec = NULL;
	config cfg;
	size_t len = 0;
	char err[512], cfgerr[PATHS_MAX + 600];

	/* the same layers as the app (/etc, the user's; --config alone) */
	if (configfile_load(&cfg, o->config, cfgerr, sizeof cfgerr, NULL, 0) < 0) {
		fprintf(stderr, "%s\n", cfgerr);
		goto out;
	}
	if (!(rs = calloc((size_t)o->nfiles, sizeof *rs)))
		goto out;
	for (int k = 0; k < o->nfiles; k++)
		if (!(rs[k] = simulate_routine(o->files[k])))
			goto out;
	r = rs[0];
	if (!(text = simulate_read(o->input, SIMULATE_MAX_SCRIPT, &len)))
		goto out;
	if (script_parse(&sc, text, len, err, sizeof err) < 0) {
		fprintf(stderr, "%s:%s\n", o->input, err);
		goto out;
	}
	s = session_new(r);
	g = gesture_new(&cfg.gesture);
	rec = recorder_new(o->journal, cfg.profile, clock_wall_ms(), 0);
	if (!s || !g || !rec) {
		fputs("unknot: out of memory\n", stderr);
		goto out;
	}
	if (o->repeat_hours > 0) {
		if (simulate_repeat(rs, o->nfiles, g, &cfg, &sc, rec, o->repeat_hours) < 0) {
			fputs("unknot: out of memory\n", stderr);
			goto out;
		}
	} else {
		simulate_state st = { 0, 0, false, 0 };
		simulate_run(s, g, &cfg, &sc, rec, &st);
	}
	/* a journal that could not be written was reported; the run still failed */
	rc = recorder_failed(rec) ? 1 : 0;
out:
	recorder_free(rec);
	gesture_free(g);
	session_free(s);
	script_free(&sc);
	free(text);
	for (int k = 0; rs && k < o->nfiles; k++)
		routine_free(rs[k]);
	free(rs);
	return rc;
}
