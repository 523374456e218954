/* screen_finder: the pain finder's screen. */
#include "ui/screen_finder.h"

#include <stdio.h>
#include <string.h>

#include "core/areapick.h"
#include "core/i18n.h"
#include "ui/bodymap_view.h"
#include "ui/gfx.h"
#include "ui/theme.h"

#define MAX_POLYS 16     /* polygons of one area or region */
#define FINGER_PX 22     /* a fingertip's reach at 800x480 (about 4 mm), scaled */

/* What a touch on a pane needs to find the area: the frame's transform.
 * Static because a target's context must outlive the frame that drew it
 * (until the next one); there is one finder screen. */
typedef struct {
	const bodymap *bm;
	const painmap *pm;
	bodymap_facing facing;
	float ox, oy, s, tol;
} pane;
static pane panes[2];

/* Each view's windows onto the map (w == 0: no second pane); `stacked`
 * puts the second under the first, else beside it. */
static const struct {
	bodymap_view_window win[2];
	bool stacked;
} views[VIEW_FINDER_VIEWS] = {
	[VIEW_FINDER_FRONT] = { { { BODYMAP_FRONT, 0, 0, 100, 221 }, { 0 } }, false },
	[VIEW_FINDER_BACK] = { { { BODYMAP_BACK, 0, 0, 100, 221 }, { 0 } }, false },
	[VIEW_FINDER_HEAD] = { { { BODYMAP_FRONT, 30, 3, 40, 38 }, { BODYMAP_BACK, 30, 3, 40, 38 } }, false },
	[VIEW_FINDER_FEET] = { { { BODYMAP_FRONT, 33, 193, 34, 24 }, { BODYMAP_BACK, 0, 174, 100, 46 } }, true },
};

static int resolve(const void *ctx, int x, int y)
{
	const pane *p = ctx;
	routine_side side = ROUTINE_SIDE_NONE;
	if (p->s <= 0)
		return -1;
	int a = areapick_find(p->bm, p->pm, p->facing, ((float)x - p->ox) / p->s, ((float)y - p->oy) / p->s, p->tol,
	                      &side);
	return a < 0 ? -1 : VIEW_FINDER_ARG(a, side);
}

/* Every polygon of area or region `name` on view f, painted. */
static void paint(view *v, const pane *p, size_t n, const bodymap_poly **ps, SDL_Color c, bodymap_view_paint how)
{
	for (size_t i = 0; i < n; i++)
		if (ps[i]->facing == p->facing)
			bodymap_view_poly(v->r, ps[i], p->ox, p->oy, p->s, c, how);
}

/* The areas (edged, the chosen ones filled) and the highlighted candidate. */
static void draw_marks(view *v, const view_model *m, const pane *p)
{
	const bodymap_poly *ps[MAX_POLYS];
	const painmap *pm = m->painmap;
	for (size_t a = 0; a < painmap_area_count(pm); a++) {
		size_t n = bodymap_area_select(p->bm, painmap_area_id(pm, a), ROUTINE_SIDE_NONE, ps, MAX_POLYS);
		paint(v, p, n, ps, theme_get(THEME_DIM), BODYMAP_PAINT_EDGE);
	}
	if (m->finder_sel >= 0 && (size_t)m->finder_sel < m->finder_nhits) {
		const char *t = painmap_target(pm, m->finder_hits[m->finder_sel].muscle);
		SDL_Color c = theme_kind(ROUTINE_COMPRESSION);
		size_t n = bodymap_select(p->bm, t, ROUTINE_SIDE_NONE, BODYMAP_REFERRAL, ps, MAX_POLYS);
		paint(v, p, n, ps, c, BODYMAP_PAINT_ZONE);
		n = bodymap_select(p->bm, t, ROUTINE_SIDE_NONE, BODYMAP_MUSCLE, ps, MAX_POLYS);
		paint(v, p, n, ps, c, BODYMAP_PAINT_SOLID);
	}
	for (size_t i = 0; i < m->finder_nareas; i++) {
		size_t n = bodymap_area_select(p->bm, painmap_area_id(pm, m->finder_areas[i]), m->finder_sides[i], ps,
		                               MAX_POLYS);
		for (size_t k = 0; k < n; k++) /* that side only (midline polygons have none) */
			if (m->finder_sides[i] == ROUTINE_SIDE_NONE || ps[k]->side == m->finder_sides[i])
				paint(v, p, 1, &ps[k], theme_get(THEME_ACCENT), BODYMAP_PAINT_SOLID);
	}
}

/* One pane: the figure, its marks, "Front"/"Back" and the person's sides. */
static void draw_pane(view *v, const view_model *m, SDL_Rect r, const bodymap_view_window *w, pane *p)
{
	const layout *L = &v->L;
	const bodymap_view *bv = m->bodymap;
	p->bm = bodymap_view_map(bv);
	p->pm = m->painmap;
	p->facing = w->facing;
	bodymap_view_fit(r, w, &p->ox, &p->oy, &p->s);
	p->tol = p->s > 0 ? FINGER_PX * L->s / p->s : 0;
	gfx_round_rect(v->r, r, L->radius, theme_get(THEME_PANEL));
	SDL_RenderSetClipRect(v->r, &r);
	bodymap_view_figure(v->r, bv, w->facing, p->ox, p->oy, p->s, false);
	draw_marks(v, m, p);
	bodymap_view_figure(v->r, bv, w->facing, p->ox, p->oy, p->s, true);
	SDL_RenderSetClipRect(v->r, NULL);
	SDL_Rect lab = layout_inset(r, L->gap / 2);
	lab.h = L->fs_small * 13 / 10;
	SDL_Color dim = theme_get(THEME_DIM);
	text_draw(v->txt, w->facing == BODYMAP_FRONT ? C_("body", "Front") : C_("body", "Back"), lab, L->fs_small, L->fs_small * 7 / 10,
	          TEXT_CENTER | TEXT_BOLD, dim);
	/* the person's left is on the viewer's right on the front view */
	bool front = w->facing == BODYMAP_FRONT;
	text_draw(v->txt, front ? _("Right") : _("Left"), lab, L->fs_small, L->fs_small * 7 / 10, 0,
	          theme_side(front ? ROUTINE_SIDE_RIGHT : ROUTINE_SIDE_LEFT));
	text_draw(v->txt, front ? _("Left") : _("Right"), lab, L->fs_small, L->fs_small * 7 / 10, TEXT_RIGHT,
	          theme_side(front ? ROUTINE_SIDE_LEFT : ROUTINE_SIDE_RIGHT));
	view_target_resolved(v, r, VIEW_BTN_FINDER_AREA, resolve, p);
}

static void draw_map(view *v, const view_model *m, SDL_Rect r)
{
	int vi = m->finder_view >= 0 && m->finder_view < VIEW_FINDER_VIEWS ? m->finder_view : 0;
	if (views[vi].win[1].w <= 0) {
		draw_pane(v, m, r, &views[vi].win[0], &panes[0]);
		return;
	}
	SDL_Rect a = r, b;
	if (views[vi].stacked) {
		b = layout_take_bottom(&a, r.h * 55 / 100, v->L.gap / 2);
	} else {
		a = layout_column(r, 2, 0, v->L.gap / 2);
		b = layout_column(r, 2, 1, v->L.gap / 2);
	}
	draw_pane(v, m, a, &views[vi].win[0], &panes[0]);
	draw_pane(v, m, b, &views[vi].win[1], &panes[1]);
}

/* "refers to the temple (primary), the jaw (spill-over)": the chosen areas in
 * the muscle's zones. */
static void why(const view_model *m, size_t muscle, char *buf, size_t size)
{
	char list[400] = "";
	size_t used = 0;
	for (int z = PAINMAP_PRIMARY; z <= PAINMAP_SPILL; z++) {
		size_t zs[PAINMAP_MAX_ZONES];
		size_t nz = painmap_zones(m->painmap, muscle, (painmap_zone)z, zs, PAINMAP_MAX_ZONES);
		for (size_t i = 0; i < m->finder_nareas; i++) {
			bool in = false, dup = false;
			for (size_t k = 0; k < nz; k++)
				in = in || zs[k] == m->finder_areas[i];
			for (size_t j = 0; j < i; j++)
				dup = dup || m->finder_areas[j] == m->finder_areas[i];
			if (!in || dup || used >= sizeof list)
				continue;
			char one[160];
			const char *label = painmap_area_label(m->painmap, m->finder_areas[i]);
			snprintf(one, sizeof one, z == PAINMAP_PRIMARY ? _("the %s (primary)") : _("the %s (spill-over)"), label);
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", used ? ", " : "", one);
		}
	}
	snprintf(buf, size, _("refers to %s"), list);
}

/* One candidate: rank and muscle, "stretch only", and why. */
static void draw_row(view *v, const view_model *m, SDL_Rect r, size_t i)
{
	const layout *L = &v->L;
	const painmap_hit *h = &m->finder_hits[i];
	bool sel = (int)i == m->finder_sel;
	gfx_round_rect(v->r, r, L->radius, theme_get(sel ? THEME_PANEL_HI : THEME_PANEL));
	if (sel)
		gfx_round_frame(v->r, r, L->radius, (int)(2 * L->s + 1), theme_kind(ROUTINE_COMPRESSION));
	SDL_Rect in = layout_inset(r, L->gap / 2);
	SDL_Rect top = layout_take_top(&in, in.h * 52 / 100, 0);
	char buf[600];
	bool ball = painmap_self_treatable(m->painmap, h->muscle);
	if (!ball) {
		SDL_Rect tag = layout_take_right(&top, L->fs_small * 6, L->gap / 2);
		text_draw(v->txt, _("stretch only"), tag, L->fs_small, L->fs_small * 7 / 10, TEXT_RIGHT | TEXT_MIDDLE | TEXT_BOLD,
		          theme_get(THEME_WARN));
	}
	snprintf(buf, sizeof buf, "%zu. %s", i + 1, painmap_target(m->painmap, h->muscle));
	text_draw(v->txt, buf, top, L->fs_body, L->fs_small, TEXT_BOLD | TEXT_MIDDLE, theme_get(THEME_TEXT));
	why(m, h->muscle, buf, sizeof buf);
	text_draw(v->txt, buf, in, L->fs_small, L->fs_small * 7 / 10, TEXT_MIDDLE, theme_get(THEME_DIM));
	view_target(v, r, VIEW_BTN_FINDER_PICK, (int)i);
}

/* "Where it hurts: temple (left), low back" or how to start. */
static void draw_chosen(view *v, const view_model *m, SDL_Rect r)
{
	const layout *L = &v->L;
	char list[600] = "", buf[700];
	size_t used = 0;
	for (size_t i = 0; i < m->finder_nareas && used < sizeof list; i++) {
		const char *label = painmap_area_label(m->painmap, m->finder_areas[i]);
		routine_side s = m->finder_sides[i];
		used += (size_t)snprintf(list + used, sizeof list - used, "%s", used ? ", " : "");
		if (used < sizeof list)
			used += (size_t)snprintf(list + used, sizeof list - used,
			                         s == ROUTINE_SIDE_LEFT ? _("%s (left)") : s == ROUTINE_SIDE_RIGHT ? _("%s (right)") : "%s",
			                         label);
	}
	if (m->finder_nareas)
		snprintf(buf, sizeof buf, _("Where it hurts: %s"), list);
	else
		snprintf(buf, sizeof buf, "%s", _("Tap where it hurts on the body (tap again to undo). The muscles that "
		                                   "send pain there are listed here."));
	text_draw(v->txt, buf, r, L->fs_body, L->fs_small * 8 / 10, TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(m->finder_nareas ? THEME_ACCENT : THEME_TEXT));
}

static void draw_list(view *v, const view_model *m, SDL_Rect r)
{
	const layout *L = &v->L;
	SDL_Rect chosen = layout_take_top(&r, L->fs_body * 27 / 10, L->gap / 2);
	draw_chosen(v, m, chosen);
	const char *hint = m->finder_error[0] ? m->finder_error
	                                      : _("Pedal: tap for the next muscle, hold to make the routine.");
	SDL_Rect hr = layout_take_bottom(&r, L->fs_small * 27 / 10, L->gap / 2);
	text_draw(v->txt, hint, hr, L->fs_small, L->fs_small * 7 / 10, TEXT_WRAP | TEXT_MIDDLE,
	          theme_get(m->finder_error[0] ? THEME_WARN : THEME_DIM));
	int rh = L->fs_body * 12 / 10 + L->fs_small * 12 / 10 + L->gap / 2;
	if (rh < LAYOUT_MIN_TOUCH)
		rh = LAYOUT_MIN_TOUCH;
	int rows = (r.h + L->gap / 2) / (rh + L->gap / 2);
	int first = m->finder_sel >= rows ? m->finder_sel - rows + 1 : 0; /* keep the highlighted one in view */
	for (int k = 0; k < rows && (size_t)(first + k) < m->finder_nhits; k++) {
		SDL_Rect row = { r.x, r.y + k * (rh + L->gap / 2), r.w, rh };
		draw_row(v, m, row, (size_t)(first + k));
	}
}

void screen_finder_draw(view *v, const view_model *m)
{
	const layout *L = &v->L;
	if (!m->painmap || !m->bodymap)
		return;
	SDL_Rect full = { L->pad, L->pad / 2, L->w - 2 * L->pad, L->h - L->pad };
	SDL_Rect head = layout_take_top(&full, L->btn_h, L->gap);
	SDL_Rect tabs = L->portrait ? layout_take_top(&full, L->btn_h * 85 / 100, L->gap)
	                            : layout_take_right(&head, head.w * 55 / 100, L->gap);
	text_draw(v->txt, _("Where does it hurt?"), head, L->fs_title, L->fs_label, TEXT_BOLD | TEXT_MIDDLE,
	          theme_get(THEME_TEXT));
	const char *const tab_names[VIEW_FINDER_VIEWS] = { C_("body", "Front"), C_("body", "Back"), _("Head"), _("Feet") };
	for (int i = 0; i < VIEW_FINDER_VIEWS; i++)
		view_button(v, layout_inset(layout_column(tabs, VIEW_FINDER_VIEWS, i, L->gap / 2), L->gap / 4),
		            tab_names[i], i == m->finder_view ? VIEW_STYLE_PRIMARY : VIEW_STYLE_QUIET,
		            VIEW_BTN_FINDER_VIEW, i);
	SDL_Rect foot = layout_take_bottom(&full, L->btn_h, L->gap);
	SDL_Rect back = layout_take_left(&foot, foot.w * 22 / 100, L->gap);
	SDL_Rect clear = layout_take_left(&foot, foot.w * 28 / 100, L->gap);
	view_button(v, back, _("\xE2\x97\x80  Back"), VIEW_STYLE_QUIET, VIEW_BTN_BACK, 0);
	view_button(v, clear, _("Clear"), m->finder_nareas ? VIEW_STYLE_NORMAL : VIEW_STYLE_QUIET,
	            VIEW_BTN_FINDER_CLEAR, 0);
	view_button(v, foot, _("Make my routine"), m->finder_nareas ? VIEW_STYLE_PRIMARY : VIEW_STYLE_QUIET,
	            VIEW_BTN_FINDER_MAKE, 0);
	SDL_Rect map = L->portrait ? layout_take_top(&full, full.h * 58 / 100, L->gap)
	                           : layout_take_left(&full, full.w * 46 / 100, L->gap);
	draw_map(v, m, map);
	draw_list(v, m, full);
}
