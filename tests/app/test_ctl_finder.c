/* The controller's "Where does it hurt?" screen (app/ctl_finder.c, issue 20)
 * on a virtual clock with fake effects, over the bundled painmap (run from
 * the repository root): areas tapped and untapped (the side is the half
 * tapped), the candidates ranked, the pedal stepping through them, "Make my
 * routine" kept in the library at home and only in memory in a kiosk, its
 * preview, and the session it starts hands-free. */
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
#include "core/painmap.h"

#include "../slurp.h"

static const char made_json[] =
	"{\"format\":1,\"title\":\"Where it hurts: temple (left)\",\"areas\":[\"temple:left\"],"
	"\"defaults\":{\"transition_s\":10},\"steps\":["
	"{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"temporalis\",\"sides\":[\"left\"],\"duration_s\":60},"
	"{\"kind\":\"stretch\",\"target\":\"temporalis\",\"sides\":[\"left\"],\"duration_s\":30}]}";

typedef struct {
	painmap *pm;
	routine *made;              /* what the fake "Make my routine" returns */
	bool fail;                  /* it fails instead */
	unsigned makes, loads;
	bool saved;                 /* the last make was asked to save */
	char areas[256];            /* the last make's areas, joined with ' ' */
	uint64_t now;
} world;

static const routine *fake_make(void *user, const char *const *areas, size_t n, bool save, const char **path,
                                char *err, size_t errsize)
{
	world *w = user;
	w->makes++;
	w->saved = save;
	w->areas[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(w->areas);
		snprintf(w->areas + l, sizeof w->areas - l, "%s%s", i ? " " : "", areas[i]);
	}
	if (w->fail) {
		snprintf(err, errsize, "no bundled routine presses a muscle that refers to %s", areas[0]);
		return NULL;
	}
	*path = save ? "/home/u/.local/share/unknot/routines/where-it-hurts-temple-left.json" : "pain finder";
	return w->made;
}

static int fake_library(void *user, const view_routine **items, size_t *nvalid, size_t *nbroken)
{
	static view_routine none[1];
	((world *)user)->loads++;
	*items = none;
	*nvalid = *nbroken = 0;
	return 0;
}

static void world_init(world *w)
{
	memset(w, 0, sizeof *w);
	size_t len = 0;
	char err[200], *text = slurp("assets/painmap.json", &len);
	assert_non_null(text);
	w->pm = painmap_parse(text, len, err, sizeof err);
	free(text);
	assert_non_null(w->pm);
	routine_diags d = {0};
	w->made = routine_parse("made.json", made_json, strlen(made_json), &d);
	routine_diags_free(&d);
	assert_non_null(w->made);
}

static void world_free(world *w)
{
	painmap_free(w->pm);
	routine_free(w->made);
}

static void advance(ctl *c, world *w, uint64_t to)
{
	ctl_drive_advance(c, &w->now, to);
}

/* The pedal pressed for `ms`, then 300 ms of quiet. */
static void pedal(ctl *c, world *w, uint64_t ms)
{
	ctl_drive_pedal(c, &w->now, ms);
}

/* A finger on a target and off it again. */
static void touch(ctl *c, world *w, view_button_id id, int arg)
{
	ctl_touch(c, true, id, arg, false, w->now);
	ctl_touch(c, false, id, arg, false, w->now + 80);
	advance(c, w, w->now + 200);
}

static ctl *open_app(world *w, config *cfg, bool kiosk)
{
	config_default(cfg);
	ctl_effects fx = {0};
	fx.user = w;
	fx.library_load = fake_library;
	fx.finder_make = fake_make;
	ctl_options o = {0};
	o.cfg = cfg;
	o.kiosk = kiosk;
	o.journal = "";
	o.safety_accepted = true;
	o.safety_pages = 1;
	o.painmap = w->pm;
	ctl *c = ctl_new(&o, &fx, 0);
	assert_non_null(c);
	return c;
}

static int area(const world *w, const char *id)
{
	int a = painmap_area_find(w->pm, id);
	assert_true(a >= 0);
	return a;
}

static const char *candidate(const world *w, const view_model *m, size_t i)
{
	assert_true(i < m->finder_nhits);
	return painmap_target(w->pm, m->finder_hits[i].muscle);
}

/* Tapping the areas: selected with the side tapped, a second tap unselects,
 * the candidates follow (temporalis and upper trapezius first for the temple). */
static void areas_and_candidates(void **state)
{
	(void)state;
	world w;
	config cfg;
	world_init(&w);
	ctl *c = open_app(&w, &cfg, false);
	const view_model *m = ctl_model(c);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	touch(c, &w, VIEW_BTN_FINDER, 0);
	assert_int_equal(m->screen, VIEW_FINDER);
	assert_int_equal(m->finder_nareas, 0);
	assert_int_equal(m->finder_nhits, 0);

	int temple = area(&w, "temple");
	touch(c, &w, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(temple, ROUTINE_SIDE_LEFT));
	assert_int_equal(m->finder_nareas, 1);
	assert_int_equal(m->finder_sides[0], ROUTINE_SIDE_LEFT);
	assert_string_equal(candidate(&w, m, 0), "temporalis");
	assert_string_equal(candidate(&w, m, 1), "upper trapezius");
	assert_int_equal(m->finder_sel, 0);
	/* the other side is another selection; tapping one again unselects it */
	touch(c, &w, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(temple, ROUTINE_SIDE_RIGHT));
	assert_int_equal(m->finder_nareas, 2);
	touch(c, &w, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(temple, ROUTINE_SIDE_LEFT));
	assert_int_equal(m->finder_nareas, 1);
	assert_int_equal(m->finder_sides[0], ROUTINE_SIDE_RIGHT);
	/* a finger that slid to another area between down and up presses nothing */
	ctl_touch(c, true, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(area(&w, "jaw"), ROUTINE_SIDE_LEFT), false, w.now);
	ctl_touch(c, false, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(area(&w, "ear"), ROUTINE_SIDE_LEFT), false, w.now);
	assert_int_equal(m->finder_nareas, 1);
	/* low back too: the candidates now cover both */
	touch(c, &w, VIEW_BTN_FINDER_VIEW, VIEW_FINDER_BACK);
	assert_int_equal(m->finder_view, VIEW_FINDER_BACK);
	touch(c, &w, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(area(&w, "low-back"), ROUTINE_SIDE_LEFT));
	bool ql = false;
	for (size_t i = 0; i < m->finder_nhits; i++)
		ql = ql || strcmp(candidate(&w, m, i), "quadratus lumborum") == 0;
	assert_true(ql);
	/* a candidate touched is highlighted; a bad index is ignored */
	touch(c, &w, VIEW_BTN_FINDER_PICK, 2);
	assert_int_equal(m->finder_sel, 2);
	touch(c, &w, VIEW_BTN_FINDER_PICK, 99);
	assert_int_equal(m->finder_sel, 2);
	touch(c, &w, VIEW_BTN_FINDER_CLEAR, 0);
	assert_int_equal(m->finder_nareas, 0);
	assert_int_equal(m->finder_nhits, 0);
	/* with nothing selected, "Make my routine" says what to do and makes nothing */
	touch(c, &w, VIEW_BTN_FINDER_MAKE, 0);
	assert_int_equal(w.makes, 0);
	assert_true(m->finder_error[0] != '\0');
	assert_int_equal(m->screen, VIEW_FINDER);
	touch(c, &w, VIEW_BTN_BACK, 0);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	ctl_free(c);
	world_free(&w);
}

/* Hands-free: a pedal tap steps through the candidates, a hold makes the
 * routine (saved at home), the preview shows it and a tap starts it. */
static void pedal_make_and_start(void **state)
{
	(void)state;
	world w;
	config cfg;
	world_init(&w);
	ctl *c = open_app(&w, &cfg, false);
	const view_model *m = ctl_model(c);
	ctl_key(c, "f", true, false, w.now, w.now);
	assert_int_equal(m->screen, VIEW_FINDER);
	touch(c, &w, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(area(&w, "temple"), ROUTINE_SIDE_LEFT));
	size_t n = m->finder_nhits;
	assert_true(n >= 3);
	pedal(c, &w, 100);
	assert_int_equal(m->finder_sel, 1);
	for (size_t i = 1; i < n; i++)
		pedal(c, &w, 100);
	assert_int_equal(m->finder_sel, 0); /* round again */
	unsigned loads = w.loads;
	pedal(c, &w, (uint64_t)cfg.gesture.hold_ms + 200); /* a hold: make it */
	assert_int_equal(w.makes, 1);
	assert_true(w.saved);
	assert_string_equal(w.areas, "temple:left");
	assert_int_equal(m->screen, VIEW_PREVIEW);
	assert_ptr_equal(m->routine, w.made);
	/* Back returns to the finder with the areas still chosen */
	touch(c, &w, VIEW_BTN_BACK, 0);
	assert_int_equal(m->screen, VIEW_FINDER);
	assert_int_equal(m->finder_nareas, 1);
	touch(c, &w, VIEW_BTN_FINDER_MAKE, 0);
	assert_int_equal(w.makes, 2);
	assert_int_equal(m->screen, VIEW_PREVIEW);
	pedal(c, &w, 100); /* start, hands-free: first the pain check for its areas (issue 20) */
	assert_true(m->pain.active);
	pedal(c, &w, (uint64_t)cfg.gesture.hold_ms + 200); /* a hold accepts the score shown */
	assert_int_equal(m->screen, VIEW_RUN);
	assert_int_equal(ctl_session_state(c), SESSION_RUNNING);
	const char *path;
	assert_ptr_equal(ctl_routine(c, &path), w.made);
	assert_non_null(strstr(path, "where-it-hurts"));
	/* back on the library, it is read again: the new file is there */
	ctl_button(c, VIEW_BTN_END_CONFIRM, 0, w.now);
	advance(c, &w, w.now + 500);
	ctl_button(c, VIEW_BTN_DONE, 0, w.now);
	advance(c, &w, w.now + 100);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	assert_true(w.loads > loads);
	ctl_free(c);
	world_free(&w);
}

/* A kiosk offers the finder but saves nothing; a failed make is shown. */
static void kiosk_saves_nothing(void **state)
{
	(void)state;
	world w;
	config cfg;
	world_init(&w);
	ctl *c = open_app(&w, &cfg, true);
	const view_model *m = ctl_model(c);
	ctl_button(c, VIEW_BTN_ACCEPT, 0, w.now);
	assert_int_equal(m->screen, VIEW_LIBRARY);
	touch(c, &w, VIEW_BTN_FINDER, 0);
	assert_int_equal(m->screen, VIEW_FINDER);
	touch(c, &w, VIEW_BTN_FINDER_AREA, VIEW_FINDER_ARG(area(&w, "heel"), ROUTINE_SIDE_RIGHT));
	w.fail = true;
	touch(c, &w, VIEW_BTN_FINDER_MAKE, 0);
	assert_int_equal(m->screen, VIEW_FINDER);
	assert_non_null(strstr(m->finder_error, "heel"));
	w.fail = false;
	touch(c, &w, VIEW_BTN_FINDER_MAKE, 0);
	assert_false(w.saved);
	assert_string_equal(w.areas, "heel:right");
	assert_int_equal(m->screen, VIEW_PREVIEW);
	ctl_free(c);
	world_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(areas_and_candidates),
		cmocka_unit_test(pedal_make_and_start),
		cmocka_unit_test(kiosk_saves_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
