/* ctl_finder: the controller's "Where does it hurt?" screen (issue 20). The
 * user taps the areas that hurt on the body map (the side is the half
 * tapped); the muscles whose trigger points refer pain there are ranked
 * (core/painmap.c) as candidates; "Make my routine" builds the routine as
 * --build-routine does (through the finder_make effect), keeps it in the
 * user's library (in memory only in a kiosk) and opens its preview, from
 * where Start or a pedal tap runs it. Pedal: a tap steps through the
 * candidates, a hold makes the routine. */
#include "app/ctl_internal.h"

#include <stdio.h>
#include <string.h>

#include "core/i18n.h"
#include "io/log.h"

/* The candidates for the selected areas, best first; the first highlighted. */
static void rerank(ctl *c)
{
	view_model *m = &c->m;
	m->finder_nhits = m->finder_nareas ? painmap_rank(m->painmap, m->finder_areas, m->finder_nareas,
	                                                   m->finder_hits, VIEW_MAX_FINDER_HITS)
	                                   : 0;
	m->finder_sel = m->finder_nhits ? 0 : -1;
	m->finder_error[0] = '\0';
}

void ctl_finder_open(ctl *c)
{
	view_model *m = &c->m;
	if (!m->painmap)
		return;
	m->screen = VIEW_FINDER;
	m->finder_view = VIEW_FINDER_FRONT;
	m->finder_nareas = 0;
	rerank(c);
}

/* An area touched: selected, or unselected when it was (on that side). */
static void toggle_area(ctl *c, size_t area, routine_side side)
{
	view_model *m = &c->m;
	if (area >= painmap_area_count(m->painmap) || side > ROUTINE_SIDE_RIGHT)
		return;
	for (size_t i = 0; i < m->finder_nareas; i++) {
		if (m->finder_areas[i] == area && m->finder_sides[i] == side) {
			memmove(&m->finder_areas[i], &m->finder_areas[i + 1], (m->finder_nareas - i - 1) * sizeof m->finder_areas[0]);
			memmove(&m->finder_sides[i], &m->finder_sides[i + 1], (m->finder_nareas - i - 1) * sizeof m->finder_sides[0]);
			m->finder_nareas--;
			rerank(c);
			return;
		}
	}
	if (m->finder_nareas >= VIEW_MAX_FINDER_AREAS)
		return;
	m->finder_areas[m->finder_nareas] = area;
	m->finder_sides[m->finder_nareas++] = side;
	rerank(c);
}

/* "Make my routine": built, kept (home) and previewed. */
static void make_routine(ctl *c)
{
	view_model *m = &c->m;
	char ids[VIEW_MAX_FINDER_AREAS][ROUTINE_MAX_AREA + 1];
	const char *areas[VIEW_MAX_FINDER_AREAS];
	if (!m->finder_nareas) {
		snprintf(m->finder_error, sizeof m->finder_error, "%s", _("First tap where it hurts on the body."));
		return;
	}
	for (size_t i = 0; i < m->finder_nareas; i++) {
		const char *side = routine_side_name(m->finder_sides[i]);
		snprintf(ids[i], sizeof ids[i], "%s%s%s", painmap_area_id(m->painmap, m->finder_areas[i]),
		         side ? ":" : "", side ? side : "");
		areas[i] = ids[i];
	}
	const char *path = NULL;
	char err[sizeof m->finder_error];
	err[0] = '\0';
	const routine *r = c->fx.finder_make ? c->fx.finder_make(c->fx.user, areas, m->finder_nareas, !m->kiosk,
	                                                          &path, err, sizeof err)
	                                     : NULL;
	if (!r) {
		snprintf(m->finder_error, sizeof m->finder_error, "%s", err[0] ? err : _("The routine could not be made."));
		log_warn("pain finder: %s", m->finder_error);
		return;
	}
	log_info("pain finder: %s%s", path ? path : routine_title(r), m->kiosk ? " (kiosk: not saved)" : "");
	c->finder_made = r;
	if (!m->kiosk)
		c->lib_stale = true; /* the library shows it when it is back */
	ctl_open_preview(c, r, path);
}

bool ctl_finder_press(ctl *c, view_button_id id, int arg, uint64_t now)
{
	view_model *m = &c->m;
	(void)now;
	if (id == VIEW_BTN_FINDER) {
		if (m->screen == VIEW_LIBRARY)
			ctl_finder_open(c);
		return true;
	}
	if (id == VIEW_BTN_BACK && m->screen == VIEW_PREVIEW && c->routine && c->routine == c->finder_made &&
	    !m->checkin_target[0]) {
		m->screen = VIEW_FINDER; /* the areas are still chosen: change them, make another */
		return true;
	}
	if (id < VIEW_BTN_FINDER_AREA || id > VIEW_BTN_FINDER_MAKE)
		return false;
	if (m->screen != VIEW_FINDER)
		return true;
	switch (id) {
	case VIEW_BTN_FINDER_AREA: toggle_area(c, VIEW_FINDER_ARG_AREA(arg), VIEW_FINDER_ARG_SIDE(arg)); break;
	case VIEW_BTN_FINDER_VIEW:
		if (arg >= 0 && arg < VIEW_FINDER_VIEWS)
			m->finder_view = arg;
		break;
	case VIEW_BTN_FINDER_PICK:
		if (arg >= 0 && (size_t)arg < m->finder_nhits)
			m->finder_sel = arg;
		break;
	case VIEW_BTN_FINDER_CLEAR:
		m->finder_nareas = 0;
		rerank(c);
		break;
	case VIEW_BTN_FINDER_MAKE: make_routine(c); break;
	default: break;
	}
	return true;
}

/* The pedal: a tap highlights the next candidate, a hold makes the routine. */
void ctl_finder_action(ctl *c, int action, uint64_t now)
{
	view_model *m = &c->m;
	if (action == GESTURE_ACTION_NEXT && m->finder_nhits) {
		m->finder_sel = (m->finder_sel + 1) % (int)m->finder_nhits;
		c->dirty = true;
	} else if (action == GESTURE_ACTION_PREVIOUS && m->finder_nhits) {
		m->finder_sel = (m->finder_sel + (int)m->finder_nhits - 1) % (int)m->finder_nhits;
		c->dirty = true;
	} else if (action == GESTURE_ACTION_DISCOMFORT) {
		ctl_press(c, VIEW_BTN_FINDER_MAKE, 0, now);
	} else if (action == CONFIG_ACTION_ABANDON) {
		ctl_press(c, VIEW_BTN_BACK, 0, now);
	}
}

/* Keys: "f" on the library opens the finder; on it, the arrows move through
 * the candidates, "v" shows the next view, "m" makes the routine. */
bool ctl_finder_key(ctl *c, const char *name, uint64_t now)
{
	view_model *m = &c->m;
	if (m->screen == VIEW_LIBRARY && !m->profile_picker && strcmp(name, "f") == 0 && m->painmap) {
		ctl_press(c, VIEW_BTN_FINDER, 0, now);
		return true;
	}
	if (m->screen != VIEW_FINDER)
		return false;
	if (strcmp(name, "down") == 0 || strcmp(name, "right") == 0) {
		ctl_finder_action(c, GESTURE_ACTION_NEXT, now);
	} else if (strcmp(name, "up") == 0 || strcmp(name, "left") == 0) {
		ctl_finder_action(c, GESTURE_ACTION_PREVIOUS, now);
	} else if (strcmp(name, "v") == 0) {
		ctl_press(c, VIEW_BTN_FINDER_VIEW, (m->finder_view + 1) % VIEW_FINDER_VIEWS, now);
	} else if (strcmp(name, "m") == 0) {
		ctl_press(c, VIEW_BTN_FINDER_MAKE, 0, now);
	} else {
		return false;
	}
	return true;
}
