/* The controller (app/ctl.h) on a virtual clock with fake effects, no SDL:
 * a whole home-mode session (safety -> library -> preview -> run with taps
 * and holds -> summary -> library, then the next preview knows the session
 * from the history fed in memory), and the kiosk admin exit (the corner
 * held, the PIN, "Leave kiosk" -> exit status 64). Asserts what a user would
 * notice: the screen shown, the journal lines written, the cues played. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/ctl.h"
#include "ctl_drive.h"
#include "core/admin.h"
#include "core/complaint.h"
#include "core/history.h"
#include "core/journal.h"
#include "core/safety.h"

static const char routine_json[] =
	"{\"format\":1,\"title\":\"Walk\",\"defaults\":{\"transition_s\":3},\"steps\":["
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"upper trapezius\","
	"\"sides\":[\"left\",\"right\"],\"duration_s\":30},"
	"{\"kind\":\"stretch\",\"target\":\"upper trapezius\",\"duration_s\":20}]}";

#define WALL0 1795000000000ull /* 2026-11-18, the fake wall clock at app time 0 */
#define MAX_LINES 128

/* The world as the fakes see it. */
typedef struct {
	routine *r;
	view_routine items[10];
	size_t nitems;              /* routines in the library (0: one) */
	char *lines[MAX_LINES];     /* journal lines written */
	size_t nlines;
	unsigned history_loads;
	unsigned cues, speaks, safety_saved;
	uint64_t now;               /* the virtual clock */
	char sid[32];
	uint64_t start_ms;
	uint64_t seq;
} world;

static int fake_library(void *user, const view_routine **items, size_t *nvalid, size_t *nbroken)
{
	world *w = user;
	size_t n = w->nitems ? w->nitems : 1;
	for (size_t i = 0; i < n; i++) {
		w->items[i].path = "walk.json";
		w->items[i].r = w->r;
	}
	*items = w->items;
	*nvalid = n;
	*nbroken = 0;
	return 0;
}

static history *fake_history(void *user, const char *path)
{
	world *w = user;
	(void)path;
	w->history_loads++;
	history_options ho = { (int64_t)(WALL0 + w->now), 0 };
	return history_new(&ho); /* an empty journal on disk */
}

/* Encodes like the recorder does (core/journal), kept in memory. */
static const char *fake_journal(void *user, const session *s, const session_event *ev, uint64_t now,
                                const char **line)
{
	world *w = user;
	(void)now;
	*line = NULL;
	if (ev->type == SESSION_EV_CUE)
		return NULL;
	if (ev->type == SESSION_EV_SESSION_START) {
		snprintf(w->sid, sizeof w->sid, "S%zu", w->nlines);
		w->start_ms = ev->ms;
		w->seq = 0;
	}
	char wall[32];
	uint64_t t = (WALL0 + ev->ms) / 1000;
	snprintf(wall, sizeof wall, "2026-11-18T%02llu:%02llu:%02llu.000Z", (unsigned long long)(t / 3600 % 24),
	         (unsigned long long)(t / 60 % 60), (unsigned long long)(t % 60));
	journal_stamp st = { w->sid, wall, ev->ms - w->start_ms, ++w->seq, "" };
	char *l = journal_event(&st, session_routine(s), ev);
	assert_non_null(l);
	assert_true(w->nlines < MAX_LINES);
	w->lines[w->nlines++] = l;
	*line = l;
	return NULL;
}

static bool fake_cue(void *user, cue_kind cue, uint64_t ms)
{
	(void)cue;
	(void)ms;
	((world *)user)->cues++;
	return true;
}

static void fake_speak(void *user, size_t idx)
{
	(void)idx;
	((world *)user)->speaks++;
}

static uint64_t fake_wall(void *user)
{
	return WALL0 + ((world *)user)->now;
}

static void fake_safety(void *user)
{
	((world *)user)->safety_saved++;
}

static int fake_per_page(void *user)
{
	(void)user;
	return 4;
}

static ctl_effects fakes(world *w)
{
	ctl_effects fx = {0};
	fx.user = w;
	fx.library_load = fake_library;
	fx.history_load = fake_history;
	fx.journal_event = fake_journal;
	fx.play_cue = fake_cue;
	fx.speak = fake_speak;
	fx.wall_ms = fake_wall;
	fx.safety_remember = fake_safety;
	fx.library_per_page = fake_per_page;
	return fx;
}

static void world_init(world *w)
{
	memset(w, 0, sizeof *w);
	routine_diags d = {0};
	w->r = routine_parse("walk.json", routine_json, strlen(routine_json), &d);
	routine_diags_free(&d);
	assert_non_null(w->r);
}

static void world_free(world *w)
{
	for (size_t i = 0; i < w->nlines; i++)
		free(w->lines[i]);
	routine_free(w->r);
}

/* Lines whose "event" is ev. */
static size_t count(const world *w, const char *ev)
{
	char key[64];
	snprintf(key, sizeof key, "\"event\":\"%s\"", ev);
	size_t n = 0;
	for (size_t i = 0; i < w->nlines; i++)
		n += strstr(w->lines[i], key) != NULL;
	return n;
}

/* Runs the controller's own deadlines up to `to` (the virtual clock). */
static void advance(ctl *c, world *w, uint64_t to)
{
	ctl_drive_advance(c, &w->now, to);
}

/* The pedal pressed for `ms` at the current time, then 300 ms of quiet. */
static void pedal(ctl *c, world *w, uint64_t ms)
{
	ctl_drive_pedal(c, &w->now, ms);
}

/* The options of a home (not kiosk) app with a journal, as most tests use. */
static ctl_options home_options(const config *cfg)
{
	ctl_options o = {0};
	o.cfg = cfg;
	o.journal = "journal.jsonl";
	o.safety_pages = 3;
	o.volume = 80;
	return o;
}

static void whole_session(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	config cfg;
	config_default(&cfg);
	ctl_effects fx = fakes(&w);
	ctl_options o = home_options(&cfg);
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	assert_int_equal(m->screen, VIEW_SAFETY); /* first run */

	pedal(c, &w, 100); /* a tap: "I understand" */
	assert_int_equal(m->screen, VIEW_LIBRARY);
	assert_int_equal(w.safety_saved, 1);
	assert_int_equal(m->nroutines, 1);

	pedal(c, &w, 100); /* a tap opens the selected routine */
	assert_int_equal(m->screen, VIEW_PREVIEW);
	assert_ptr_equal(m->routine, w.r);
	assert_string_equal(m->course, "Session 1 of the usual 4-6: upper trapezius");

	pedal(c, &w, 100); /* a tap starts */
	assert_int_equal(m->screen, VIEW_RUN);
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	assert_int_equal(count(&w, "session_start"), 1);

	advance(c, &w, w.now + 5000); /* through the 3 s "get ready" into the left side */
	pedal(c, &w, 1000);           /* a hold: discomfort, the guidance shows */
	assert_int_equal(count(&w, "discomfort"), 1);
	assert_true(m->ease_off);
	ctl_button(c, VIEW_BTN_PAUSE, 0, w.now); /* touch Pause */
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	advance(c, &w, w.now + 2000);
	pedal(c, &w, 100);            /* a tap resumes */
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	assert_int_equal(count(&w, "pause"), 1);
	assert_int_equal(count(&w, "resume"), 1);
	pedal(c, &w, 100);            /* a tap: next (the left side ends early) */
	assert_int_equal(m->screen, VIEW_RUN);

	advance(c, &w, w.now + 120000); /* the rest runs out by itself */
	assert_int_equal(m->screen, VIEW_SUMMARY);
	assert_int_equal(count(&w, "session_end"), 1);
	assert_non_null(strstr(w.lines[w.nlines - 1], "\"outcome\":\"completed\""));
	assert_true(w.cues > 0);
	assert_true(w.speaks >= 3);
	assert_int_equal(m->summary->discomfort, 1);
	assert_int_equal(m->summary->steps_total, 3);

	pedal(c, &w, 100); /* a tap: Done */
	assert_int_equal(m->screen, VIEW_LIBRARY);

	/* The next preview knows the session from the history in memory (fed
	 * each line, never read again), and asks how the muscle feels. */
	pedal(c, &w, 100);
	assert_int_equal(m->screen, VIEW_PREVIEW);
	assert_string_equal(m->course, "Session 2 of the usual 4-6: upper trapezius");
	assert_true(m->overtreat[0] != '\0');
	/* Over-treatment needs a deliberate start (issue 17): a tap turns the
	 * warning's page, Start is refused until the warning was on the screen
	 * for 3 s; then a hold (or "Start anyway") starts, the check-in first. */
	assert_true(m->overtreat_confirm);
	pedal(c, &w, 100);
	assert_int_equal(m->warn_page, 1);
	ctl_button(c, VIEW_BTN_START, 0, w.now);
	assert_string_equal(m->checkin_target, "");
	ctl_frame(c, w.now); /* drawn: "Start anyway" in 3 s */
	assert_int_equal(ctl_next_deadline(c, w.now, false), w.now + 3000);
	pedal(c, &w, 1000); /* a hold too early */
	assert_string_equal(m->checkin_target, "");
	advance(c, &w, w.now + 2000);
	pedal(c, &w, 100);
	assert_string_equal(m->checkin_target, ""); /* a tap, even once offered */
	pedal(c, &w, 1000);
	assert_string_equal(m->checkin_target, "upper trapezius");
	assert_int_equal(m->screen, VIEW_PREVIEW);
	assert_int_equal(w.history_loads, 1);
	assert_false(ctl_quit(c, NULL));
	ctl_free(c);
	world_free(&w);
}

static void kiosk_admin_exit(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	config cfg;
	config_default(&cfg);
	snprintf(cfg.admin_pin, sizeof cfg.admin_pin, "2468");
	ctl_effects fx = fakes(&w);
	ctl_options o = {0};
	o.cfg = &cfg;
	o.kiosk = true;
	o.journal = "";
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	assert_int_equal(m->screen, VIEW_SAFETY);

	/* A short touch in the corner does nothing. */
	w.now = 1000;
	ctl_touch(c, true, VIEW_BTN_NONE, 0, true, w.now);
	advance(c, &w, w.now + ADMIN_HOLD_MS / 2);
	ctl_touch(c, false, VIEW_BTN_NONE, 0, true, w.now);
	advance(c, &w, w.now + ADMIN_HOLD_MS);
	assert_int_equal(m->admin, VIEW_ADMIN_NONE);

	/* Held for ADMIN_HOLD_MS: the PIN pad. */
	ctl_touch(c, true, VIEW_BTN_NONE, 0, true, w.now);
	advance(c, &w, w.now + ADMIN_HOLD_MS);
	ctl_touch(c, false, VIEW_BTN_NONE, 0, true, w.now);
	assert_int_equal(m->admin, VIEW_ADMIN_PIN);
	/* the pedal does nothing on it */
	pedal(c, &w, 100);
	assert_int_equal(m->admin, VIEW_ADMIN_PIN);
	assert_int_equal(m->screen, VIEW_SAFETY);

	/* A wrong PIN closes the pad with a message; the station is where it was. */
	const char *wrong[] = { "1", "1", "1", "1", "return" };
	for (size_t i = 0; i < 5; i++)
		ctl_key(c, wrong[i], true, false, w.now, w.now);
	advance(c, &w, w.now + 10);
	assert_int_equal(m->admin, VIEW_ADMIN_NONE);
	assert_non_null(m->admin_message);
	assert_int_equal(m->screen, VIEW_SAFETY);
	advance(c, &w, w.now + 30000);
	assert_null(m->admin_message);

	/* Held again, then the right PIN by keys: the admin page. */
	ctl_touch(c, true, VIEW_BTN_NONE, 0, true, w.now);
	advance(c, &w, w.now + ADMIN_HOLD_MS);
	ctl_touch(c, false, VIEW_BTN_NONE, 0, true, w.now);
	assert_int_equal(m->admin, VIEW_ADMIN_PIN);
	const char *right[] = { "2", "4", "6", "8", "return" };
	for (size_t i = 0; i < 5; i++)
		ctl_key(c, right[i], true, false, w.now, w.now);
	advance(c, &w, w.now + 10);
	assert_int_equal(m->admin, VIEW_ADMIN_PAGE);
	assert_false(ctl_quit(c, NULL));

	/* Leave kiosk: a result, not an event. */
	ctl_button(c, VIEW_BTN_ADMIN_EXIT, 0, w.now);
	int code = -1;
	assert_true(ctl_quit(c, &code));
	assert_int_equal(code, CTL_EXIT_ADMIN);
	assert_int_equal(code, 64);
	ctl_free(c);
	world_free(&w);
}

static int fake_volume_set = -1, fake_mute_set = -1;
static void fake_set_volume(void *user, int v) { (void)user; fake_volume_set = v; }
static void fake_set_mute(void *user, bool mute) { (void)user; fake_mute_set = mute; }

/* Issue 19 item 14: at a kiosk, nobody mutes or turns the station with one
 * tap; the admin (PIN) can, and the idle return restores the configured
 * volume, sound and rotation. */
static void kiosk_settings_locked(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	config cfg;
	config_default(&cfg);
	snprintf(cfg.admin_pin, sizeof cfg.admin_pin, "2468");
	cfg.idle_minutes = 2;
	ctl_effects fx = fakes(&w);
	fx.set_volume = fake_set_volume;
	fx.set_mute = fake_set_mute;
	ctl_options o = {0};
	o.cfg = &cfg;
	o.kiosk = true;
	o.journal = "";
	o.volume = 70;
	o.rotate = 0;
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100); /* safety accepted: the library */
	assert_true(m->settings_locked); /* no Settings button */

	/* Settings, mute, rotate and volume are refused without the PIN. */
	ctl_button(c, VIEW_BTN_SETTINGS, 0, w.now);
	assert_int_not_equal(m->screen, VIEW_SETTINGS);
	ctl_button(c, VIEW_BTN_MUTE, 0, w.now);
	ctl_button(c, VIEW_BTN_ROTATE, 0, w.now);
	ctl_button(c, VIEW_BTN_VOL_DOWN, 0, w.now);
	assert_false(m->mute);
	assert_int_equal(m->rotate, 0);
	assert_int_equal(m->volume, 70);
	assert_int_equal(fake_mute_set, -1);

	/* The admin page's Settings (corner held, PIN): they work. */
	ctl_touch(c, true, VIEW_BTN_NONE, 0, true, w.now);
	advance(c, &w, w.now + ADMIN_HOLD_MS);
	ctl_touch(c, false, VIEW_BTN_NONE, 0, true, w.now);
	const char *right[] = { "2", "4", "6", "8", "return" };
	for (size_t i = 0; i < 5; i++)
		ctl_key(c, right[i], true, false, w.now, w.now);
	advance(c, &w, w.now + 10);
	assert_int_equal(m->admin, VIEW_ADMIN_PAGE);
	ctl_button(c, VIEW_BTN_ADMIN_SETTINGS, 0, w.now);
	assert_int_equal(m->admin, VIEW_ADMIN_NONE);
	assert_int_equal(m->screen, VIEW_SETTINGS);
	assert_false(m->settings_locked);
	ctl_button(c, VIEW_BTN_MUTE, 0, w.now);
	ctl_button(c, VIEW_BTN_ROTATE, 0, w.now);
	ctl_button(c, VIEW_BTN_VOL_DOWN, 0, w.now);
	assert_true(m->mute);
	assert_int_equal(m->rotate, 90);
	assert_int_equal(m->volume, 60);
	assert_int_equal(fake_mute_set, 1);

	/* Left there: the idle return restores the configured state, locked. */
	advance(c, &w, w.now + 2 * 60000 + 1000);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	assert_false(m->mute);
	assert_int_equal(m->rotate, 0);
	assert_int_equal(m->volume, 70);
	assert_int_equal(fake_mute_set, 0);
	assert_int_equal(fake_volume_set, 70);
	assert_true(m->settings_locked);
	ctl_button(c, VIEW_BTN_SETTINGS, 0, w.now);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	ctl_free(c);
	world_free(&w);
}

static char said[512];
static unsigned nsaid;
static void fake_say(void *user, const char *text)
{
	(void)user;
	snprintf(said, sizeof said, "%s", text);
	nsaid++;
}

/* Issue 18: a kiosk has no history to guard against over-treatment, so the
 * general frequency advice is shown (the preview's note) and spoken before
 * every session; home mode does not say it. */
static void kiosk_frequency(void **state)
{
	(void)state;
	for (int kiosk = 0; kiosk <= 1; kiosk++) {
		world w;
		world_init(&w);
		config cfg;
		config_default(&cfg);
		ctl_effects fx = fakes(&w);
		fx.say = fake_say;
		nsaid = 0;
		said[0] = '\0';
		ctl_options o = {0};
		o.cfg = &cfg;
		o.kiosk = kiosk;
		o.safety_accepted = true;
		o.journal = "";
		ctl *c = ctl_new(&o, &fx, 0);
		assert_non_null(c);
		const view_model *m = ctl_model(c);
		if (kiosk)
			pedal(c, &w, 100); /* the safety screen */
		assert_int_equal(m->screen, VIEW_LIBRARY);
		for (int round = 1; round <= 2; round++) {
			pedal(c, &w, 100); /* open the routine */
			assert_int_equal(m->screen, VIEW_PREVIEW);
			if (kiosk) {
				assert_string_equal(m->overtreat, complaint_frequency_advice());
				assert_string_equal(said, complaint_frequency_advice());
				assert_int_equal(nsaid, (unsigned)round);
			} else {
				assert_string_equal(m->overtreat, "");
				assert_int_equal(nsaid, 0);
			}
			ctl_button(c, VIEW_BTN_BACK, 0, w.now);
		}
		ctl_free(c);
		world_free(&w);
	}
}

/* Issue 23: fleet-wide settings wait for the session to end, then the
 * volume is set and the idle timeout is the pushed one; the kiosk's idle
 * return keeps the pushed volume (it is the configured one now); the fleet
 * fault reaches the model for the admin page. */
static void fleet_settings_between_sessions(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	config cfg;
	config_default(&cfg);
	cfg.idle_minutes = 10;
	ctl_effects fx = fakes(&w);
	fx.set_volume = fake_set_volume;
	fx.set_mute = fake_set_mute;
	fake_volume_set = -1;
	ctl_options o = {0};
	o.cfg = &cfg;
	o.kiosk = true;
	o.journal = "";
	o.volume = 70;
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100); /* safety */
	pedal(c, &w, 100); /* preview */
	pedal(c, &w, 100); /* Start: the safety screen again (kiosk) */
	pedal(c, &w, 100); /* accepted: the session runs */
	assert_int_equal(m->screen, VIEW_RUN);

	ctl_fleet_settings(c, 40, 1, -1, w.now);
	advance(c, &w, w.now + 1000);
	assert_int_equal(m->volume, 70); /* not mid-session */
	assert_int_equal(fake_volume_set, -1);

	advance(c, &w, w.now + 120000); /* the session runs out: the summary */
	assert_int_equal(m->screen, VIEW_SUMMARY);
	assert_int_equal(m->volume, 40);
	assert_int_equal(fake_volume_set, 40);
	/* the pushed idle timeout: home after 1 min, not 10 */
	advance(c, &w, w.now + 61000);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	assert_int_equal(m->volume, 40);

	assert_null(m->fleet_fault);
	ctl_fleet_fault(c, "broker TLS: host name mismatch");
	assert_string_equal(m->fleet_fault, "broker TLS: host name mismatch");
	ctl_fleet_fault(c, NULL);
	assert_null(m->fleet_fault);
	ctl_free(c);
	world_free(&w);
}

/* Journals an extra line like the recorder (event, session, fields merged). */
static void fake_extra(void *user, uint64_t now, const char *event, const char *fields, const char **line)
{
	world *w = user;
	char buf[1024];
	snprintf(buf, sizeof buf, "{\"event\":\"%s\",\"session\":\"%s\",\"ms\":%llu,%s", event, w->sid,
	         (unsigned long long)(now - w->start_ms), fields + 1);
	assert_true(w->nlines < MAX_LINES);
	w->lines[w->nlines++] = strdup(buf);
	*line = w->lines[w->nlines - 1];
}

/* On a preview with the over-treatment warning: drawn, 3 s, then a hold:
 * start anyway. */
static void start_anyway(ctl *c, world *w)
{
	assert_true(ctl_model(c)->overtreat_confirm);
	ctl_frame(c, w->now);
	advance(c, w, w->now + 3000);
	pedal(c, w, 1000);
}

/* The running session to its end (the summary), then Done: the library. */
static void run_to_end(ctl *c, world *w)
{
	advance(c, w, w->now + 130000);
	assert_int_equal(ctl_model(c)->screen, VIEW_SUMMARY);
	if (ctl_model(c)->pain.active) /* the pain score after the session: skipped */
		ctl_button(c, VIEW_BTN_COMPLAINT, -1, w->now);
	pedal(c, w, 100); /* Done */
}

/* The newest journal line whose "event" is ev, or NULL. */
static const char *last_line(const world *w, const char *ev)
{
	char key[64];
	snprintf(key, sizeof key, "\"event\":\"%s\"", ev);
	for (size_t i = w->nlines; i-- > 0;)
		if (strstr(w->lines[i], key))
			return w->lines[i];
	return NULL;
}

/* A home app on the walk routine (or `json`), with the extra events and
 * speech recorded. */
static ctl *pain_app(world *w, config *cfg, const char *json)
{
	world_init(w);
	if (json) {
		routine_free(w->r);
		routine_diags d = {0};
		w->r = routine_parse("areas.json", json, strlen(json), &d);
		routine_diags_free(&d);
		assert_non_null(w->r);
	}
	config_default(cfg);
	ctl_effects fx = fakes(w);
	fx.journal_extra = fake_extra;
	fx.say = fake_say;
	nsaid = 0;
	ctl_options o = {0};
	o.cfg = cfg;
	o.journal = "journal.jsonl";
	o.safety_accepted = true;
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	return c;
}

/* Issues 18 and 20: the soreness check-in goes on to the 0-10 pain score of
 * the complaint (the target, for a routine without "areas"), hands-free (tap:
 * the next number, hold: this one); the score is its own "pain" event, the
 * check-in line carries the better / same / worse derived from it, and the
 * "see a professional" rule runs on the scores. */
static void checkin_pain_score(void **state)
{
	(void)state;
	world w;
	config cfg;
	ctl *c = pain_app(&w, &cfg, NULL);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100); /* open */
	pedal(c, &w, 100); /* start: nothing to ask the first time */
	assert_int_equal(m->screen, VIEW_RUN);
	advance(c, &w, w.now + 130000);
	assert_false(m->pain.active); /* nothing asked before: nothing after */
	pedal(c, &w, 100);
	assert_int_equal(m->screen, VIEW_LIBRARY);

	/* Second time: still sore (a hold), then the score: six taps, a hold. */
	pedal(c, &w, 100);
	start_anyway(c, &w);
	assert_string_equal(m->checkin_target, "upper trapezius");
	pedal(c, &w, 1000);
	assert_int_equal(m->checkin_stage, 1);
	assert_true(m->pain.active);
	assert_false(m->pain.after);
	assert_string_equal(m->pain.label, "Upper trapezius");
	assert_int_equal(m->pain.sel, 0);
	assert_non_null(strstr(said, complaint_score_question()));
	for (int i = 0; i < 6; i++)
		pedal(c, &w, 100);
	assert_int_equal(m->pain.sel, 6);
	assert_int_equal(count(&w, "pain"), 0);
	pedal(c, &w, 1000);
	assert_int_equal(m->screen, VIEW_RUN); /* a first score: no trend, no advice */
	const char *p = last_line(&w, "pain");
	assert_non_null(p);
	assert_non_null(strstr(p, "\"target\":\"upper trapezius\",\"score\":6,\"when\":\"before\""));
	assert_non_null(strstr(p, w.sid)); /* the session's id */
	assert_null(strstr(last_line(&w, "checkin"), "complaint"));
	/* After the session: the same question over the summary, from 6. */
	advance(c, &w, w.now + 130000);
	assert_int_equal(m->screen, VIEW_SUMMARY);
	assert_true(m->pain.active && m->pain.after);
	assert_int_equal(m->pain.sel, 6);
	ctl_button(c, VIEW_BTN_COMPLAINT, 4, w.now);
	assert_false(m->pain.active);
	assert_non_null(strstr(last_line(&w, "pain"), "\"score\":4,\"when\":\"after\""));
	pedal(c, &w, 100); /* Done */
	assert_int_equal(m->screen, VIEW_LIBRARY);

	/* Third, by touch: fine, 5 (down from 6): better, the session starts. */
	pedal(c, &w, 100); /* open: the preview */
	/* the preview's over-treatment warning (treated minutes ago) is spoken as shown */
	assert_true(m->overtreat[0]);
	assert_string_equal(said, m->overtreat);
	start_anyway(c, &w);
	ctl_button(c, VIEW_BTN_CHECKIN_FINE, 0, w.now);
	assert_int_equal(m->pain.sel, 4); /* the last score given */
	ctl_button(c, VIEW_BTN_COMPLAINT, 5, w.now);
	assert_int_equal(m->screen, VIEW_RUN);
	assert_non_null(strstr(last_line(&w, "checkin"), "\"complaint\":\"better\""));
	run_to_end(c, &w);
	assert_int_equal(count(&w, "pain"), 3); /* the skipped "after" is not journaled */

	/* Fourth: 5 again (same once), fifth: 6 (same twice): see a professional. */
	pedal(c, &w, 100);
	start_anyway(c, &w);
	ctl_button(c, VIEW_BTN_CHECKIN_FINE, 0, w.now);
	ctl_button(c, VIEW_BTN_COMPLAINT, 5, w.now);
	assert_int_equal(m->screen, VIEW_RUN);
	run_to_end(c, &w);
	pedal(c, &w, 100);
	start_anyway(c, &w);
	ctl_button(c, VIEW_BTN_CHECKIN_FINE, 0, w.now);
	ctl_button(c, VIEW_BTN_COMPLAINT, 6, w.now);
	assert_int_equal(m->checkin_stage, 2);
	assert_string_equal(m->complaint_advice, complaint_advice_text(COMPLAINT_ADVICE_NO_PROGRESS));
	assert_string_equal(said, complaint_advice_text(COMPLAINT_ADVICE_NO_PROGRESS));
	ctl_button(c, VIEW_BTN_BACK, 0, w.now); /* not today */
	assert_int_equal(m->screen, VIEW_LIBRARY);

	/* 8 after 5: worse, advised at once; skipping the score asks nothing. */
	pedal(c, &w, 100);
	start_anyway(c, &w);
	ctl_button(c, VIEW_BTN_CHECKIN_SORE, 0, w.now);
	ctl_button(c, VIEW_BTN_COMPLAINT, 8, w.now);
	assert_string_equal(m->complaint_advice, complaint_advice_text(COMPLAINT_ADVICE_WORSE));
	ctl_button(c, VIEW_BTN_BACK, 0, w.now);
	pedal(c, &w, 100);
	start_anyway(c, &w);
	ctl_button(c, VIEW_BTN_CHECKIN_FINE, 0, w.now);
	for (int i = m->pain.sel; i <= COMPLAINT_SCORE_MAX; i++)
		pedal(c, &w, 100); /* past 10: Skip */
	assert_int_equal(m->pain.sel, VIEW_PAIN_SKIP);
	size_t before = count(&w, "pain");
	pedal(c, &w, 1000);
	assert_int_equal(m->screen, VIEW_RUN);
	assert_int_equal(count(&w, "pain"), before);
	ctl_free(c);
	world_free(&w);
}

/* A routine built for pain areas (issue 20) asks for each area's score
 * before (no soreness question the first time) and after; Escape on the
 * question goes back to the preview; kiosk mode asks nothing. */
static void pain_areas(void **state)
{
	(void)state;
	static const char json[] =
		"{\"format\":1,\"title\":\"Temples\",\"areas\":[\"temple:left\",\"back-of-head\"],\"steps\":["
		"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"upper trapezius\",\"duration_s\":30}]}";
	world w;
	config cfg;
	ctl *c = pain_app(&w, &cfg, json);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100);
	pedal(c, &w, 100);
	assert_int_equal(m->screen, VIEW_PREVIEW);
	assert_int_equal(m->checkin_stage, 1);
	assert_string_equal(m->pain.label, "Temple, left");
	assert_int_equal(m->pain.count, 2);
	ctl_action(c, CONFIG_ACTION_ABANDON, w.now); /* Escape: the preview again */
	assert_false(m->pain.active);
	assert_string_equal(m->checkin_target, "");
	pedal(c, &w, 100); /* Start asks again */
	pedal(c, &w, 100);
	pedal(c, &w, 100);
	pedal(c, &w, 1000); /* 2 for the left temple */
	assert_string_equal(m->pain.label, "Back of head");
	assert_int_equal(m->pain.index, 2);
	ctl_button(c, VIEW_BTN_COMPLAINT, 7, w.now);
	assert_int_equal(m->screen, VIEW_RUN);
	assert_int_equal(count(&w, "pain"), 2);
	assert_int_equal(count(&w, "checkin"), 0); /* no soreness question was asked */
	assert_non_null(strstr(w.lines[w.nlines - 2], "\"area\":\"temple\",\"side\":\"left\",\"score\":2"));
	assert_non_null(strstr(w.lines[w.nlines - 1], "\"area\":\"back-of-head\",\"score\":7,\"when\":\"before\""));
	advance(c, &w, w.now + 60000);
	assert_true(m->pain.active && m->pain.after);
	assert_int_equal(m->pain.sel, 2);
	pedal(c, &w, 1000); /* 2 after, for the temple */
	assert_int_equal(m->pain.sel, 7);
	ctl_action(c, CONFIG_ACTION_ABANDON, w.now); /* Escape skips the head */
	assert_false(m->pain.active);
	assert_int_equal(count(&w, "pain"), 3);
	assert_non_null(strstr(last_line(&w, "pain"), "\"score\":2,\"when\":\"after\""));
	/* History: a hold opens the pain page, the next hold the next area. */
	pedal(c, &w, 100);
	ctl_button(c, VIEW_BTN_HISTORY, 0, w.now);
	assert_int_equal(m->screen, VIEW_HISTORY);
	pedal(c, &w, 1000);
	assert_int_equal(m->history_page, 1);
	int first = m->pain_area;
	pedal(c, &w, 1000);
	assert_int_equal(m->history_page, first == 0 ? 1 : 0);
	ctl_button(c, VIEW_BTN_BACK, 0, w.now);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	assert_int_equal(m->history_page, 0);
	ctl_free(c);
	world_free(&w);

	/* Kiosk: a shared station asks nothing and keeps no score. */
	world_init(&w);
	routine_free(w.r);
	routine_diags d = {0};
	w.r = routine_parse("areas.json", json, strlen(json), &d);
	routine_diags_free(&d);
	ctl_effects fx = fakes(&w);
	fx.journal_extra = fake_extra;
	ctl_options o = home_options(&cfg);
	o.kiosk = true;
	o.safety_accepted = true;
	c = ctl_new(&o, &fx, 0);
	m = ctl_model(c);
	ctl_button(c, VIEW_BTN_ACCEPT, 0, w.now); /* the kiosk's safety screen */
	ctl_button(c, VIEW_BTN_CARD, 0, w.now);
	ctl_button(c, VIEW_BTN_START, 0, w.now);
	if (m->screen == VIEW_SAFETY) /* before every kiosk session */
		ctl_button(c, VIEW_BTN_ACCEPT, 0, w.now);
	assert_int_equal(m->screen, VIEW_RUN);
	assert_false(m->pain.active);
	advance(c, &w, w.now + 60000);
	assert_int_equal(m->screen, VIEW_SUMMARY);
	assert_false(m->pain.active); /* nothing after either */
	assert_int_equal(count(&w, "pain"), 0);
	ctl_button(c, VIEW_BTN_DONE, 0, w.now);
	ctl_button(c, VIEW_BTN_HISTORY, 0, w.now);
	ctl_button(c, VIEW_BTN_PAIN_PAGE, 0, w.now);
	assert_int_equal(m->history_page, 0); /* no personal history on a station */
	ctl_free(c);
	world_free(&w);
}

/* The end dialog pauses the session (issue 17): left open for longer than
 * the whole routine, the session is paused, not completed; "Keep going"
 * resumes it, "End session" ends it abandoned. */
static void end_dialog_pauses(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	config cfg;
	config_default(&cfg);
	ctl_effects fx = fakes(&w);
	ctl_options o = home_options(&cfg);
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100); /* I understand */
	pedal(c, &w, 100); /* open */
	pedal(c, &w, 100); /* start */
	advance(c, &w, w.now + 5000);
	ctl_button(c, VIEW_BTN_END, 0, w.now);
	assert_true(m->confirm_end);
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	advance(c, &w, w.now + 600000); /* ten minutes: longer than the routine */
	assert_int_equal(m->screen, VIEW_RUN);
	assert_true(m->confirm_end);
	assert_int_equal(count(&w, "pause"), 1);
	assert_int_equal(count(&w, "session_end"), 0);
	assert_int_equal(count(&w, "step_end"), 1); /* only the get-ready before */
	ctl_button(c, VIEW_BTN_END_CANCEL, 0, w.now); /* Keep going */
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	assert_int_equal(count(&w, "resume"), 1);
	ctl_button(c, VIEW_BTN_PAUSE, 0, w.now); /* paused by hand: the dialog keeps it so */
	ctl_button(c, VIEW_BTN_END, 0, w.now);
	ctl_button(c, VIEW_BTN_END_CANCEL, 0, w.now);
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	ctl_button(c, VIEW_BTN_PAUSE, 0, w.now);
	ctl_button(c, VIEW_BTN_END, 0, w.now);
	ctl_button(c, VIEW_BTN_END_CONFIRM, 0, w.now);
	assert_int_equal(count(&w, "session_end"), 1);
	assert_non_null(strstr(w.lines[w.nlines - 1], "\"outcome\":\"abandoned\""));
	ctl_free(c);
	world_free(&w);
}

/* Hands-free library (issue 17): after paging by touch to the last page, a
 * pedal tap opens the card highlighted on the page shown, not the one
 * selected on page 1. */
static void library_pedal_follows_page(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	w.nitems = 10; /* 4 a page: pages 1-3 */
	config cfg;
	config_default(&cfg);
	ctl_effects fx = fakes(&w);
	ctl_options o = home_options(&cfg);
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100); /* I understand */
	assert_int_equal(m->screen, VIEW_LIBRARY);
	assert_int_equal(m->selected, 0);
	for (int i = 0; i < 3; i++) /* the third turn stays on the last page */
		ctl_button(c, VIEW_BTN_PAGE_NEXT, 0, w.now);
	assert_int_equal(m->page, 2);
	assert_int_equal(m->selected, 8);
	ctl_button(c, VIEW_BTN_PAGE_PREV, 0, w.now);
	assert_int_equal(m->page, 1);
	assert_int_equal(m->selected, 4);
	pedal(c, &w, 1000); /* a hold moves the highlight on the page */
	assert_int_equal(m->selected, 5);
	ctl_button(c, VIEW_BTN_PAGE_NEXT, 0, w.now);
	ctl_button(c, VIEW_BTN_PAGE_PREV, 0, w.now);
	assert_int_equal(m->selected, 4); /* the first of the page shown again */
	pedal(c, &w, 100); /* a tap opens it */
	assert_int_equal(m->screen, VIEW_PREVIEW);
	ctl_free(c);
	world_free(&w);
}

/* The one audio schedule (app/ctl_voice.c) through its effects. */
typedef struct {
	size_t idx[8];
	int variant[8];
	uint32_t delay[8];
	unsigned nspeak;
	char said[4][400];
	uint32_t said_delay[4];
	unsigned nsaid;
	int voice_on; /* last set_voice: 1 on, 0 off, -1 never */
} sched_log;
static sched_log sl;

static uint32_t sched_cue_ms(void *user, cue_kind k)
{
	static const uint32_t ms[CUE_COUNT] = { 470, 500, 400, 60, 650, 440, 140, 260, 260, 1250 };
	(void)user;
	return ms[k];
}

/* Transitions (entries 0, 2, 4) have words: 2.85 s whole, 0.9 s short. */
static uint32_t sched_speech_ms(void *user, size_t idx, int variant)
{
	(void)user;
	return idx % 2 ? 0 : variant == 0 ? 2850 : 900;
}

static void sched_speak_at(void *user, size_t idx, int variant, uint32_t delay_ms)
{
	(void)user;
	if (sl.nspeak < 8) {
		sl.idx[sl.nspeak] = idx;
		sl.variant[sl.nspeak] = variant;
		sl.delay[sl.nspeak] = delay_ms;
	}
	sl.nspeak++;
}

static uint32_t sched_say_ms(void *user, const char *text)
{
	(void)user;
	return (uint32_t)strlen(text) * 50; /* 20 characters a second */
}

static void sched_say_at(void *user, const char *text, uint32_t delay_ms)
{
	(void)user;
	if (sl.nsaid < 4) {
		snprintf(sl.said[sl.nsaid], sizeof sl.said[0], "%s", text);
		sl.said_delay[sl.nsaid] = delay_ms;
	}
	sl.nsaid++;
}

static void sched_set_voice(void *user, bool on)
{
	(void)user;
	sl.voice_on = on;
}

/* A controller with the schedule's effects on the walk, started (voice as given). */
static ctl *sched_start(world *w, config *cfg, config_voice voice)
{
	memset(&sl, 0, sizeof sl);
	sl.voice_on = -1;
	world_init(w);
	config_default(cfg);
	cfg->voice = voice;
	ctl_effects fx = fakes(w);
	fx.cue_ms = sched_cue_ms;
	fx.speech_ms = sched_speech_ms;
	fx.speak_at = sched_speak_at;
	fx.say_ms = sched_say_ms;
	fx.say_at = sched_say_at;
	fx.set_voice = sched_set_voice;
	ctl_options o = home_options(cfg);
	o.safety_accepted = true;
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	pedal(c, w, 100); /* library: open */
	pedal(c, w, 100); /* preview: start */
	assert_int_equal(ctl_model(c)->screen, VIEW_RUN);
	return c;
}

static void voice_schedule(void **state)
{
	(void)state;
	world w;
	config cfg;
	ctl *c = sched_start(&w, &cfg, CONFIG_VOICE_FULL);
	/* the 3 s get ready (ticks at 1 and 2 s) grows to 7 s: 470 ms of get
	 * ready, 120 ms of air, 2.85 s of words, air, then 3-2-1 */
	assert_int_equal(session_entry_length_ms(ctl_session(c)), 7000);
	assert_int_equal(sl.nspeak, 1);
	assert_int_equal(sl.idx[0], 0);
	assert_int_equal(sl.variant[0], 0);
	assert_int_equal(sl.delay[0], 470 + 120);
	uint64_t t0 = w.now;
	advance(c, &w, t0 + 7500); /* into the compression, 0.5 s or so */
	assert_int_equal(session_current(ctl_session(c)), 1);
	pedal(c, &w, 1000); /* a hold: discomfort */
	assert_true(ctl_model(c)->ease_off);
	assert_int_equal(sl.nsaid, 1);
	/* the whole ease-off text fits before the halfway cue: after the chirp */
	assert_string_equal(sl.said[0], safety_ease_off(ROUTINE_TOOL_BALL));
	assert_int_equal(sl.said_delay[0], 140 + 120);
	advance(c, &w, w.now + 9000); /* past 10 s into it: halfway (15 s) is near */
	pedal(c, &w, 1000);
	assert_true(ctl_model(c)->skip_offer);
	assert_int_equal(sl.nsaid, 2);
	/* the whole offer would run into halfway: the short one, naming the pedal */
	assert_string_equal(sl.said[1], "Tap the pedal to skip this step.");
	/* the next get ready (after switch sides) is planned the same way */
	advance(c, &w, t0 + 7000 + 30000 + 100);
	assert_int_equal(sl.nspeak, 2);
	assert_int_equal(sl.idx[1], 2);
	assert_in_range(sl.delay[1], 440 + 120 - 100, 440 + 120);
	/* Settings: full -> names -> off -> full, the audio told each time */
	ctl_button(c, VIEW_BTN_VOICE, 0, w.now);
	assert_int_equal(ctl_model(c)->voice, CONFIG_VOICE_NAMES);
	assert_int_equal(sl.voice_on, 1);
	ctl_button(c, VIEW_BTN_VOICE, 0, w.now);
	assert_int_equal(ctl_model(c)->voice, CONFIG_VOICE_OFF);
	assert_int_equal(sl.voice_on, 0);
	ctl_button(c, VIEW_BTN_VOICE, 0, w.now);
	assert_int_equal(ctl_model(c)->voice, CONFIG_VOICE_FULL);
	assert_int_equal(sl.voice_on, 1);
	ctl_free(c);
	world_free(&w);

	/* names: the short form only; it fits a 5 s get ready, no prompts */
	c = sched_start(&w, &cfg, CONFIG_VOICE_NAMES);
	assert_int_equal(sl.nspeak, 1);
	assert_int_equal(sl.variant[0], 1);
	assert_int_equal(session_entry_length_ms(ctl_session(c)), 5000); /* 470+120+900+120 + 3 s */
	advance(c, &w, w.now + 5500);
	pedal(c, &w, 1000);
	assert_true(ctl_model(c)->ease_off);
	assert_int_equal(sl.nsaid, 0);
	ctl_free(c);
	world_free(&w);

	/* off: nothing said, the get ready keeps its 3 s */
	c = sched_start(&w, &cfg, CONFIG_VOICE_OFF);
	assert_int_equal(sl.nspeak, 0);
	assert_int_equal(session_entry_length_ms(ctl_session(c)), 3000);
	ctl_free(c);
	world_free(&w);
}

/* Hands-free pause, resume and end (issue 17): on the run screen a hold
 * logs its discomfort at hold_ms, as always; held on to long_hold_ms (3 s)
 * it also pauses; paused, a tap resumes and a 3 s hold ends the session
 * (abandoned). The screen's fill counts from the hold to the long hold. */
static void pedal_pause_resume_end(void **state)
{
	(void)state;
	world w;
	world_init(&w);
	config cfg;
	config_default(&cfg);
	ctl_effects fx = fakes(&w);
	ctl_options o = home_options(&cfg);
	o.safety_accepted = true;
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	const view_model *m = ctl_model(c);
	pedal(c, &w, 100); /* open */
	pedal(c, &w, 100); /* start */
	assert_int_equal(m->screen, VIEW_RUN);
	advance(c, &w, w.now + 5000); /* into the left side */
	pedal(c, &w, 1000); /* an ordinary hold: discomfort at 0.7 s, no pause */
	assert_int_equal(count(&w, "discomfort"), 1);
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);

	ctl_pedal_edge(c, 0, true, w.now, w.now);
	uint64_t down = w.now;
	advance(c, &w, down + 800);
	assert_int_equal(count(&w, "discomfort"), 2); /* never later than before */
	assert_true(ctl_frame(c, w.now)->long_progress < 0.1f);
	advance(c, &w, down + 1850);
	float f = ctl_frame(c, w.now)->long_progress;
	assert_true(f > 0.45f && f < 0.55f); /* half way from 0.7 s to 3 s */
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	advance(c, &w, down + 2990);
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	advance(c, &w, down + 3000);
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	assert_int_equal(count(&w, "pause"), 1);
	advance(c, &w, down + 7000); /* still held: the same press does not end it */
	ctl_pedal_edge(c, 0, false, w.now, w.now);
	advance(c, &w, w.now + 300);
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	assert_float_equal(ctl_frame(c, w.now)->long_progress, 0, 0);

	pedal(c, &w, 100); /* a tap resumes */
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	assert_int_equal(count(&w, "resume"), 1);
	pedal(c, &w, 3100); /* paused again */
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	assert_int_equal(count(&w, "discomfort"), 3);
	pedal(c, &w, 2500); /* paused: a hold short of 3 s neither ends nor logs */
	assert_int_equal(ctl_session_state(c), SESSION_PAUSED);
	assert_int_equal(count(&w, "discomfort"), 3);
	assert_int_equal(count(&w, "session_end"), 0);
	pedal(c, &w, 3000); /* 3 s while paused: the end */
	assert_int_equal(m->screen, VIEW_SUMMARY);
	assert_int_equal(count(&w, "session_end"), 1);
	assert_non_null(strstr(w.lines[w.nlines - 1], "\"outcome\":\"abandoned\""));
	assert_int_equal(count(&w, "pause"), 2);
	ctl_free(c);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(whole_session),
		cmocka_unit_test(kiosk_admin_exit),
		cmocka_unit_test(kiosk_settings_locked),
		cmocka_unit_test(kiosk_frequency),
		cmocka_unit_test(fleet_settings_between_sessions),
		cmocka_unit_test(checkin_pain_score),
		cmocka_unit_test(pain_areas),
		cmocka_unit_test(voice_schedule),
		cmocka_unit_test(end_dialog_pauses),
		cmocka_unit_test(library_pedal_follows_page),
		cmocka_unit_test(pedal_pause_resume_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
