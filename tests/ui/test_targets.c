/* Touch targets (issue 17): every target every screen registers is at least
 * LAYOUT_MIN_TOUCH (48) px in its smaller dimension at 800x480 (and at
 * 720x1280 and 1920x1080), measured from the targets the drawn frame
 * registered (what a finger hits), for each screen and its states: safety,
 * library (paged, profiles, the picker), preview (paged timeline, the
 * over-treatment warning, the check-in's three stages), run (running, ease
 * off, the skip offer, paused, the end dialog), summary, settings, history,
 * the Safety page and the kiosk admin overlays. Every screen but the run
 * screen and the first-run safety screen has a Back button at its top left.
 *
 * Headless: a software renderer over a plain surface. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <SDL.h>

#include "core/routine.h"
#include "core/session.h"
#include "ui/history_view.h"
#include "ui/layout.h"
#include "ui/screen_admin.h"
#include "ui/screen_library.h"
#include "ui/screen_preview.h"
#include "ui/screen_run.h"
#include "ui/screen_safety.h"
#include "ui/screen_settings.h"
#include "ui/screen_summary.h"
#include "ui/view.h"
#include "ui_fixture.h"

static const char routine_json[] =
	"{\"format\":1,\"title\":\"Targets\",\"defaults\":{\"transition_s\":5},\"steps\":["
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"upper trapezius\","
	"\"sides\":[\"left\",\"right\"],\"duration_s\":30,\"text\":\"Lean in.\"},"
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"levator scapulae\","
	"\"sides\":[\"left\",\"right\"],\"duration_s\":30},"
	"{\"kind\":\"stretch\",\"target\":\"upper trapezius\",\"duration_s\":20},"
	"{\"kind\":\"rolling\",\"tool\":\"roller\",\"target\":\"thoracic erector spinae\",\"duration_s\":40}]}";

typedef struct {
	routine *r;
	session *s;
	view_routine items[12];
	view_summary su;
	view_model m;
} world;

/* The model of a screen in a given state (see the cases). */
static void model_for(world *w, int k)
{
	view_model *m = &w->m;
	memset(m, 0, sizeof *m);
	m->routine = w->r;
	m->session = w->s;
	m->routines = w->items;
	m->nroutines = 12;
	m->reminder = "Self-care guidance, not a diagnosis.";
	m->volume = 80;
	m->audio_ok = true;
	m->has_history = true;
	m->profiles[0] = "Guest";
	m->profiles[1] = "Alex";
	m->nprofiles = 2;
	m->summary = &w->su;
	switch (k) {
	case 0: m->screen = VIEW_SAFETY; break;
	case 1: m->screen = VIEW_LIBRARY; break;
	case 2: m->screen = VIEW_LIBRARY; m->profile_picker = true; break;
	case 3: m->screen = VIEW_PREVIEW; break;
	case 4:
		m->screen = VIEW_PREVIEW;
		snprintf(m->overtreat, sizeof m->overtreat, "Upper trapezius was treated 10 h ago. Give it 48 h.");
		m->overtreat_confirm = true;
		m->start_armed_at = 1;
		m->now = 5000;
		break;
	case 5: case 6: case 7:
		m->screen = VIEW_PREVIEW;
		snprintf(m->checkin_target, sizeof m->checkin_target, "upper trapezius");
		m->checkin_stage = k - 5;
		if (k == 6) { /* stage 1: the 0-10 pain score (issue 20) */
			m->pain.active = true;
			snprintf(m->pain.label, sizeof m->pain.label, "Upper trapezius");
			m->pain.sel = 3;
			m->pain.index = m->pain.count = 1;
		}
		m->complaint_advice = "See a professional.";
		break;
	case 8: m->screen = VIEW_RUN; m->now = 8000; break;
	case 9: m->screen = VIEW_RUN; m->now = 8000; m->skip_offer = true; m->skip_text = "Skip it?"; break;
	case 10: m->screen = VIEW_RUN; m->now = 8000; m->confirm_end = true; break;
	case 11: m->screen = VIEW_SUMMARY; break;
	case 12: m->screen = VIEW_SETTINGS; break;
	case 13: m->screen = VIEW_HISTORY; break;
	case 14: m->screen = VIEW_SAFETY_PAGE; break;
	case 15: m->screen = VIEW_LIBRARY; m->kiosk = true; m->admin = VIEW_ADMIN_PIN; break;
	case 16: m->screen = VIEW_LIBRARY; m->kiosk = true; m->admin = VIEW_ADMIN_NO_PIN; break;
	case 17: m->screen = VIEW_LIBRARY; m->kiosk = true; m->admin = VIEW_ADMIN_PAGE; break;
	default: break;
	}
}
#define NSTATES 18

static void draw(view *v, const view_model *m)
{
	switch (m->screen) {
	case VIEW_SAFETY: screen_safety_draw(v, m); break;
	case VIEW_LIBRARY: screen_library_draw(v, m); break;
	case VIEW_PREVIEW: screen_preview_draw(v, m); break;
	case VIEW_RUN: screen_run_draw(v, m); break;
	case VIEW_SUMMARY: screen_summary_draw(v, m); break;
	case VIEW_SETTINGS: screen_settings_draw(v, m); break;
	case VIEW_HISTORY: history_view_draw(v, m, NULL, 20000); break;
	case VIEW_SAFETY_PAGE: screen_safety_page_draw(v, m); break;
	default: break;
	}
	screen_admin_draw(v, m);
}

static void world_init(world *w)
{
	memset(w, 0, sizeof *w);
	routine_diags d = {0};
	w->r = routine_parse("targets.json", routine_json, strlen(routine_json), &d);
	routine_diags_free(&d);
	assert_non_null(w->r);
	for (size_t i = 0; i < 12; i++) {
		w->items[i].path = "targets.json";
		w->items[i].r = w->r;
	}
	w->s = session_new(w->r);
	assert_non_null(w->s);
	session_start(w->s, 0);
	session_tick(w->s, 7000); /* into the first compression */
	w->su.outcome = SESSION_OUTCOME_COMPLETED;
	w->su.ntargets = 1;
	w->su.targets[0].target = "upper trapezius";
}

static void targets_48(void **state)
{
	fixture *f = *state;
	world w;
	world_init(&w);
	static const int sizes[][2] = {{800, 480}, {720, 1280}, {1920, 1080}};
	int checked = 0;
	for (size_t z = 0; z < 3; z++) {
		int smallest = 1 << 20;
		const char *which = "";
		for (int k = 0; k < NSTATES; k++) {
			model_for(&w, k);
			if (k == 10)
				session_pause(w.s, 8000);
			view v = {0};
			v.r = f->r;
			v.txt = f->t;
			view_begin(&v, sizes[z][0], sizes[z][1]);
			draw(&v, &w.m);
			for (size_t i = 0; i < v.nhits; i++) {
				const view_hit *h = &v.hits[i];
				if (h->id == VIEW_BTN_NONE)
					continue; /* a scrim or panel that takes touches away */
				int small = h->r.w < h->r.h ? h->r.w : h->r.h;
				if (small < smallest) {
					smallest = small;
					which = view_button_name(h->id);
				}
				if (small < LAYOUT_MIN_TOUCH)
					fail_msg("%dx%d state %d (%s): %s target %d is %dx%d", sizes[z][0], sizes[z][1], k,
					         view_screen_name(w.m.screen), view_button_name(h->id), h->arg, h->r.w, h->r.h);
				checked++;
			}
			if (k == 10)
				session_resume(w.s, 8000);
		}
		printf("%dx%d: the smallest target is %s, %d px\n", sizes[z][0], sizes[z][1], which, smallest);
	}
	assert_true(checked > 200);
	session_free(w.s);
	routine_free(w.r);
}

/* Back at the top left, as on the preview, settings and Safety page. */
static void history_back(void **state)
{
	fixture *f = *state;
	world w;
	world_init(&w);
	model_for(&w, 13);
	view v = {0};
	v.r = f->r;
	v.txt = f->t;
	view_begin(&v, 800, 480);
	draw(&v, &w.m);
	int arg;
	assert_int_equal(view_hit_test(&v, 40, 30, &arg), VIEW_BTN_BACK);
	model_for(&w, 3); /* the preview's, where the eye looks for it */
	view_begin(&v, 800, 480);
	draw(&v, &w.m);
	assert_int_equal(view_hit_test(&v, 40, 30, &arg), VIEW_BTN_BACK);
	session_free(w.s);
	routine_free(w.r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(targets_48),
		cmocka_unit_test(history_back),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
