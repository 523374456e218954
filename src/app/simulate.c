/* simulate: `unknot --simulate ROUTINE --input SCRIPT [--journal FILE]
 * [--config FILE]`: the app's controller (app/ctl.h: the same rules for
 * pedals, keys and the session as on the screen) on a virtual clock.
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

#include "app/ctl.h"
#include "app/recorder.h"
#include "core/config.h"
#include "core/i18n.h"
#include "core/routine.h"
#include "core/script.h"
#include "core/session.h"
#include "io/clock.h"
#include "io/configfile.h"
#include "io/paths.h"
#include "io/procstat.h"

#define SIMULATE_MAX_SCRIPT (16 * 1024 * 1024)

static char *simulate_read(const char *path, size_t max, size_t *len)
{
	char *text = paths_read_file(path, max, len);
	if (!text)
		fprintf(stderr, "unknot: %s: %s\n", path, errno == EFBIG ? _("file too large") : strerror(errno));
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

static uint64_t simulate_min(uint64_t a, uint64_t b)
{
	return a < b ? a : b;
}

/* Where a run is: the controller, the next script input, the clock, what
 * was journaled. */
typedef struct {
	ctl *c;              /* the app's controller, without a screen */
	recorder *rec;
	const script *sc;
	size_t i;            /* next script event */
	uint64_t now;        /* virtual ms */
	bool back_to_back;   /* --repeat-until: return when the session is finished */
	unsigned long long lines; /* journal lines written (cue events are not) */
} simulate_state;

/* The controller's journal: the recorder, lines counted. */
static const char *simulate_journal(void *user, const session *s, const session_event *ev, uint64_t now,
                                    const char **line)
{
	simulate_state *st = user;
	(void)now;
	recorder_event(st->rec, s, ev);
	*line = NULL;
	if (ev->type != SESSION_EV_CUE)
		st->lines++;
	return NULL;
}

static const char *simulate_settle(void *user)
{
	simulate_state *st = user;
	recorder_settle(st->rec);
	return NULL;
}

static void simulate_extra(void *user, uint64_t now, const char *event, const char *fields, const char **line)
{
	simulate_state *st = user;
	*line = NULL;
	if (recorder_extra(st->rec, now, event, fields) == 0)
		st->lines++;
}

/* Cues are "heard": no flash to wake for. */
static bool simulate_cue(void *user, cue_kind cue, uint64_t ms)
{
	(void)user;
	(void)cue;
	(void)ms;
	return true;
}

/* Feeds the script's inputs due at st->now, as the app's shell does. */
static void simulate_feed(simulate_state *st)
{
	while (st->i < st->sc->count && st->sc->events[st->i].ms <= st->now) {
		const script_event *e = &st->sc->events[st->i++];
		if (e->input == SCRIPT_PEDAL || e->input == SCRIPT_PEDAL2)
			ctl_pedal_edge(st->c, e->input == SCRIPT_PEDAL ? 0 : 1, e->down != 0, e->ms, st->now);
		else if (e->input == SCRIPT_KEY)
			ctl_key(st->c, e->key, e->down != 0, false, e->ms, st->now);
		else
			continue; /* touch: the simulation has no screen */
		ctl_tick(st->c, st->now);
	}
	ctl_tick(st->c, st->now);
}

/* The virtual-clock loop for one session of r, started at st->now. A single
 * run also plays out the rest of the script; back to back it returns when
 * the session is finished (the gesture state carries over to the next one). */
static void simulate_run(simulate_state *st, const routine *r, const char *path)
{
	ctl_start(st->c, r, path, st->now);
	for (;;) {
		session_state ss = ctl_session_state(st->c);
		bool done = ss == SESSION_FINISHED || ss == SESSION_NOT_STARTED;
		if (st->back_to_back && done)
			break;
		uint64_t t_in = st->i < st->sc->count ? st->sc->events[st->i].ms : UINT64_MAX;
		if (t_in == UINT64_MAX && !ctl_gesture_pending(st->c)) {
			if (done)
				break;
			if (ss == SESSION_PAUSED) {
				/* a paused session with no input left would wait forever */
				fprintf(stderr, _("unknot: the script ends with the session paused; abandoning it at %llu.%03llu s\n"),
				        (unsigned long long)(st->now / 1000), (unsigned long long)(st->now % 1000));
				ctl_stop(st->c, st->now);
				break;
			}
		}
		uint64_t t = simulate_min(t_in, ctl_next_deadline(st->c, st->now, false));
		if (t == UINT64_MAX)
			break;
		st->now = t > st->now ? t : st->now;
		simulate_feed(st);
	}
}

/* --repeat-until: sessions back to back, the routines in turn, until `hours`
 * of virtual time have passed; a memory line on stderr each hour. */
static void simulate_repeat(simulate_state *st, routine **rs, char **files, int nr, double hours)
{
	const uint64_t hour = 3600000;
	uint64_t until = (uint64_t)(hours * (double)hour);
	uint64_t next_mark = hour < until ? hour : until;
	unsigned long long sessions = 0;
	st->back_to_back = true;
	while (st->now < until) {
		int k = (int)(sessions % (unsigned long long)nr);
		simulate_run(st, rs[k], files[k]);
		sessions++;
		while (st->now >= next_mark && next_mark <= until) {
			fprintf(stderr, "unknot: soak: hour %.2f: %llu sessions, %llu journal lines, VmRSS %ld kB\n",
			        (double)next_mark / (double)hour, sessions, st->lines, procstat_kb("VmRSS"));
			next_mark = next_mark == until ? UINT64_MAX : next_mark + hour < until ? next_mark + hour : until;
		}
	}
	fprintf(stderr, "unknot: soak: done: %.2f h simulated, %llu sessions, %llu journal lines, "
	        "script %zu of %zu inputs, VmRSS %ld kB\n", (double)st->now / (double)hour, sessions, st->lines,
	        st->i, st->sc->count, procstat_kb("VmRSS"));
}

int simulate_main(const cli_options *o)
{
	int rc = 1;
	routine **rs = NULL;
	char *text = NULL;
	script sc = { NULL, 0 };
	simulate_state st = { 0 };
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
	if (!(text = simulate_read(o->input, SIMULATE_MAX_SCRIPT, &len)))
		goto out;
	if (script_parse(&sc, text, len, err, sizeof err) < 0) {
		fprintf(stderr, "%s:%s\n", o->input, err);
		goto out;
	}
	/* The app's controller: home mode, safety accepted, no history, no screen. */
	ctl_effects fx = { 0 };
	fx.user = &st;
	fx.journal_event = simulate_journal;
	fx.journal_settle = simulate_settle;
	fx.journal_extra = simulate_extra;
	fx.play_cue = simulate_cue;
	ctl_options co = { 0 };
	co.cfg = &cfg;
	co.fixed_journal = true;
	co.journal = "";
	co.safety_accepted = true;
	co.safety_pages = 1;
	co.no_confirm = true;
	st.sc = &sc;
	st.rec = recorder_new(o->journal, cfg.profile, clock_wall_ms(), 0);
	st.c = st.rec ? ctl_new(&co, &fx, 0) : NULL;
	if (!st.c) {
		fputs(_("unknot: out of memory\n"), stderr);
		goto out;
	}
	if (o->repeat_hours > 0)
		simulate_repeat(&st, rs, o->files, o->nfiles, o->repeat_hours);
	else
		simulate_run(&st, rs[0], o->files[0]);
	/* a journal that could not be written was reported; the run still failed */
	int code = 0;
	ctl_quit(st.c, &code); /* out of memory: 1 */
	rc = recorder_failed(st.rec) || code ? 1 : 0;
out:
	ctl_free(st.c);
	recorder_free(st.rec);
	script_free(&sc);
	free(text);
	for (int k = 0; rs && k < o->nfiles; k++)
		routine_free(rs[k]);
	free(rs);
	return rc;
}
