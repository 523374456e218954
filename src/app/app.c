/* app: the SDL shell around the controller (app/ctl.h). It turns SDL events
 * (keys, touches, mouse, the foot switch's and folder watcher's wakes) and
 * scripted inputs into controller inputs, draws the controller's model, and
 * sleeps in SDL_WaitEventTimeout until the controller's next deadline (or
 * the fleet's, the watchdog's, the script's). With --fast the wall clock is
 * replaced by a virtual one that jumps from one such moment to the next.
 * The window, rotation and screenshots are in window.c; the controller's
 * effects on the world in fx.c.
 */
#include "app/app.h"

#include <signal.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <SDL.h>

#include "app/app_shell.h"
#include "app/signals.h"
#include "app/typeface.h"
#include "io/clock.h"
#include "io/i18n.h"
#include "io/speech.h"
#include "io/log.h"
#include "io/vt.h"
#include "ui/history_view.h"
#include "ui/layer.h"
#include "ui/screen_admin.h"
#include "ui/screen_identify.h"
#include "ui/screen_finder.h"
#include "ui/screen_library.h"
#include "ui/screen_preview.h"
#include "ui/screen_run.h"
#include "ui/screen_safety.h"
#include "ui/screen_settings.h"
#include "ui/screen_summary.h"

#define APP_NO_WAKE UINT64_MAX
/* Redraws this long after the first frame (see refresh_due()). */
static const uint64_t APP_REFRESH_MS[] = {1000, 3000};
#define APP_REFRESHES ((int)(sizeof APP_REFRESH_MS / sizeof APP_REFRESH_MS[0]))

/* The app clock: ms since start, virtual with --fast. */
uint64_t app_now(const app *a)
{
	if (a->fast)
		return a->vnow;
	uint64_t m = clock_now_ms();
	return m > a->mono0 ? m - a->mono0 : 0;
}

/* SIGTERM (systemd stopping the kiosk), SIGINT, SIGHUP: set by the handler
 * (app/signals.c), read by the loop. Static because a signal handler has no
 * other way in. */
static volatile sig_atomic_t app_signalled;

/* Wakes the main loop when another thread queues a user event. SDL's own
 * events come from pumping in the main thread (and SDL 2.24+ queues an
 * internal poll sentinel on every poll, which must not wake us). */
static int wake_watch(void *data, SDL_Event *ev)
{
	if (ev->type >= SDL_USEREVENT && ev->type < SDL_LASTEVENT)
		SDL_SemPost(((app *)data)->wake);
	return 1;
}

/* Pushes an SDL user event of type *(Uint32 *)user (the wake functions of
 * the foot switch and the folder watcher, from their threads). */
void app_push_wake(void *user)
{
	Uint32 type = *(Uint32 *)user;
	if (!type)
		return;
	SDL_Event e;
	SDL_zero(e);
	e.type = type;
	SDL_PushEvent(&e);
}

/* ---------------------------------------------------------------- drawing */

const char *app_shot_name(const app *a)
{
	const view_model *m = ctl_model(a->c);
	static const char *const admin_shots[] = { NULL, "pin", "nopin", "admin" };
	if (m->dimmed)
		return "dimmed";
	if (m->admin != VIEW_ADMIN_NONE)
		return admin_shots[m->admin];
	if (m->admin_message)
		return "message";
	if (m->pain.active && (m->screen == VIEW_PREVIEW || m->screen == VIEW_SUMMARY))
		return m->pain.after ? "pain-after" : "pain-before"; /* issue 20 */
	if (m->screen == VIEW_HISTORY && m->history_page)
		return "pain-history";
	if (m->screen == VIEW_PREVIEW && m->checkin_target[0])
		return "checkin";
	if (m->screen == VIEW_RUN && m->confirm_end)
		return "confirm";
	if (m->screen == VIEW_RUN && ctl_session_state(a->c) == SESSION_PAUSED)
		return "paused";
	return view_screen_name(m->screen);
}

static void draw_screen(app *a, const view_model *m)
{
	switch (m->screen) {
	case VIEW_SAFETY: screen_safety_draw(&a->v, m); break;
	case VIEW_LIBRARY: screen_library_draw(&a->v, m); break;
	case VIEW_PREVIEW: screen_preview_draw(&a->v, m); break;
	case VIEW_RUN:
		screen_run_draw(&a->v, m);
		if (a->trace && (a->traced_w != a->w.lw || a->traced_h != a->w.lh)) {
			SDL_Rect d = screen_run_digits_rect(&a->v.L);
			log_debug("layout %dx%d digits %d,%d,%d,%d", a->w.lw, a->w.lh, d.x, d.y, d.w, d.h);
			a->traced_w = a->w.lw;
			a->traced_h = a->w.lh;
		}
		break;
	case VIEW_SUMMARY: screen_summary_draw(&a->v, m); break;
	case VIEW_SETTINGS: screen_settings_draw(&a->v, m); break;
	case VIEW_SAFETY_PAGE: screen_safety_page_draw(&a->v, m); break;
	case VIEW_FINDER: screen_finder_draw(&a->v, m); break;
	case VIEW_HISTORY:
		history_view_draw(&a->v, m, ctl_history(a->c),
		                  history_day_of((int64_t)clock_wall_ms(), clock_tz_offset_min()));
		break;
	default: break;
	}
}

void app_render(app *a, uint64_t now)
{
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	a->frames++;
	const view_model *m = ctl_frame(a->c, now);
	window_begin(&a->w);
	a->v.pressed_valid = ctl_pressed(a->c, &a->v.pressed, &a->v.pressed_arg);
	const char *st_name, *st_site;
	bool bright;
	bool identify = station_identify(a->world.fleet, now, &st_name, &st_site, &bright);
	bool overlays = identify || m->dimmed || m->admin != VIEW_ADMIN_NONE || m->admin_message;
	if (!frame_render(a, m, overlays, now)) { /* drawn whole */
		view_begin(&a->v, a->w.lw, a->w.lh);
		draw_screen(a, m);
		screen_admin_draw(&a->v, m);
		screen_admin_message(&a->v, m);
		if (m->dimmed)
			screen_admin_dim(&a->v);
		/* over the dimming: "identify" must be seen on an idle station */
		if (identify)
			screen_identify_draw(&a->v, st_name, st_site, bright);
		window_present(&a->w, a->o->screenshot, app_shot_name(a), now);
	}
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	a->render_us += (uint64_t)(c1.tv_sec - c0.tv_sec) * 1000000 + (uint64_t)(c1.tv_nsec / 1000) -
	                (uint64_t)(c0.tv_nsec / 1000);
	a->dirty = false;
	ctl_drawn(a->c, now);
	if (!a->first_frame_done) {
		a->first_frame_done = true;
		a->first_frame_at = now;
		watchdog_ready(a->wd, "home screen drawn");
		if (a->trace)
			log_debug("first frame presented %llu ms after start (monotonic %llu ms)",
			          (unsigned long long)(clock_now_ms() - a->mono0), (unsigned long long)clock_now_ms());
	}
}

/* The controller turned the screen (Settings, Rotate). */
static void follow_rotation(app *a)
{
	int rot = ctl_model(a->c)->rotate;
	if (rot == a->w.rot)
		return;
	window_set_rotation(&a->w, rot);
	text_clear(a->txt);
	frame_forget(a);
	a->dirty = true;
	if (a->trace)
		log_debug("rotation %d: logical %dx%d", a->w.rot, a->w.lw, a->w.lh);
}

/* The controller switched the language (Settings): gettext rebinds and
 * every text is drawn again in it. */
static void follow_language(app *a)
{
	const char *want = ctl_model(a->c)->language;
	if (!want[0] || strcmp(want, i18n_language()) == 0)
		return;
	i18n_set(want);
	speech_set_language(i18n_language());
	text_clear(a->txt);
	a->dirty = true;
	log_info("language: %s", i18n_language());
}

/* ---------------------------------------------------------------- effects */

/* ---------------------------------------------------------------- input */

/* A touch (or click) at window pixels: hit-tested against the last frame. */
static void touch(app *a, int px, int py, bool down, uint64_t now)
{
	int x, y, arg = 0;
	window_to_logical(&a->w, px, py, &x, &y);
	bool corner = layout_contains(screen_admin_corner(&a->v.L), x, y);
	view_button_id id = view_hit_test(&a->v, x, y, &arg);
	ctl_touch(a->c, down, id, arg, corner, now);
	follow_rotation(a);
	follow_language(a);
}

/* The foot switch woke us: its edges to the controller, its status shown. */
static void footswitch_input(app *a, uint64_t now)
{
	footswitch_edge e[32];
	size_t n;
	while ((n = footswitch_drain(a->fs, e, 32)) > 0)
		for (size_t i = 0; i < n; i++)
			ctl_pedal_edge(a->c, e[i].input, e[i].down, e[i].ms > a->mono0 ? e[i].ms - a->mono0 : 0, now);
	for (int i = 0; i < GESTURE_MAX_INPUTS; i++) {
		footswitch_status st;
		if (footswitch_status_get(a->fs, i, &st) != 0)
			continue;
		if (st.held_at_open != a->fs_held[i]) { /* issue 19: never ignored silently */
			a->fs_held[i] = st.held_at_open;
			if (st.held_at_open) {
				char line[160];
				snprintf(line, sizeof line, "Pedal %d was already down when it connected: "
				         "release it (that press does not count)", i + 1);
				log_info("%s", line);
				ctl_notice(a->c, line);
			}
		}
		if (st.error_seq != a->fs_seq[i]) {
			char line[400];
			a->fs_seq[i] = st.error_seq;
			if (st.error[0]) { /* footswitch.c logged it; show it */
				snprintf(line, sizeof line, "Pedal: %.240s", st.error);
				ctl_notice(a->c, line);
			}
			snprintf(line, sizeof line, "%s%s%s", st.where,
			         st.error[0] ? ": " : (st.open ? ": connected" : ""), st.error);
			ctl_pedal_status(a->c, line);
		}
	}
}

static void handle_sdl(app *a, const SDL_Event *ev, uint64_t now)
{
	int px, py, x, y;
	switch (ev->type) {
	case SDL_QUIT: ctl_stop(a->c, now); break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			window_resized(&a->w);
			text_clear(a->txt);
		}
		frame_forget(a); /* exposed, resized: the window shows nothing of it */
		a->dirty = true;
		break;
	case SDL_KEYDOWN:
	case SDL_KEYUP: {
		char name[64];
		const char *k = SDL_GetKeyName(ev->key.keysym.sym);
		size_t i = 0;
		for (; k[i] && i + 1 < sizeof name; i++)
			name[i] = (char)(k[i] >= 'A' && k[i] <= 'Z' ? k[i] - 'A' + 'a' : k[i]);
		name[i] = '\0';
		/* Key times: SDL's stamp, converted to the app clock by its age. */
		uint32_t age = SDL_GetTicks() - ev->key.timestamp;
		uint64_t ms = a->fast || age > now ? now : now - age;
		ctl_key(a->c, name, ev->type == SDL_KEYDOWN, ev->key.repeat != 0, ms, now);
		break;
	}
	case SDL_FINGERDOWN:
	case SDL_FINGERUP:
		touch(a, (int)(ev->tfinger.x * a->w.out_w), (int)(ev->tfinger.y * a->w.out_h),
		      ev->type == SDL_FINGERDOWN, now);
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			break;
		window_mouse_pixels(&a->w, ev->button.x, ev->button.y, &px, &py);
		touch(a, px, py, ev->type == SDL_MOUSEBUTTONDOWN, now);
		break;
	case SDL_FINGERMOTION:
	case SDL_MOUSEMOTION:
		if (ev->type == SDL_FINGERMOTION) {
			px = (int)(ev->tfinger.x * a->w.out_w);
			py = (int)(ev->tfinger.y * a->w.out_h);
		} else {
			window_mouse_pixels(&a->w, ev->motion.x, ev->motion.y, &px, &py);
		}
		window_to_logical(&a->w, px, py, &x, &y);
		ctl_touch_motion(a->c, layout_contains(screen_admin_corner(&a->v.L), x, y));
		break;
	default:
		if (a->dw && ev->type == a->dw_event) {
			if (dirwatch_take(a->dw)) {
				ctl_library_changed(a->c);
				log_debug("a routine folder changed");
			}
		} else if (a->fs && a->fs_event && ev->type == a->fs_event) {
			footswitch_input(a, now);
		}
		break;
	}
}

/* Feeds the scripted inputs that are due. */
static void feed_script(app *a, uint64_t now)
{
	while (a->have_script && a->scr_next < a->scr.count && a->scr.events[a->scr_next].ms <= now) {
		const script_event *e = &a->scr.events[a->scr_next++];
		switch (e->input) {
		case SCRIPT_PEDAL:
		case SCRIPT_PEDAL2:
			ctl_pedal_edge(a->c, e->input == SCRIPT_PEDAL ? 0 : 1, e->down, e->ms, now);
			break;
		case SCRIPT_KEY:
			ctl_key(a->c, e->key, e->down, false, e->ms, now);
			break;
		case SCRIPT_TOUCH:
			/* Draw first so that the targets match what is on screen now. */
			if (a->dirty || ctl_dirty(a->c))
				app_render(a, now);
			touch(a, e->x, e->y, e->down, now);
			break;
		}
		/* Due work up to the event's own time, not the pass's: on a loaded
		 * machine a late pass feeds a press and its release together, and a
		 * tick at `now` between them would take the tap for a hold. */
		ctl_tick(a->c, e->input != SCRIPT_TOUCH && e->ms < now ? e->ms : now);
	}
}

/* ---------------------------------------------------------------- loop */

/* Waits up to timeout ms (-1: no limit) for an event. SDL 2's own
 * SDL_WaitEventTimeout blocks only on X11/Wayland; elsewhere (KMSDRM, dummy)
 * it polls every millisecond. There we sleep on a semaphore that the event
 * watch posts, so events pushed by other threads wake us at once, and pump
 * SDL's input (evdev touch and keys on KMSDRM) every poll_ms. */
static int wait_event(app *a, SDL_Event *ev, int timeout)
{
	if (a->w.native_wait || !a->wake)
		return timeout < 0 ? SDL_WaitEvent(ev) : SDL_WaitEventTimeout(ev, timeout);
	uint64_t end = timeout < 0 ? UINT64_MAX : clock_now_ms() + (uint64_t)timeout;
	for (;;) {
		while (SDL_SemTryWait(a->wake) == 0)
			;
		if (SDL_PollEvent(ev))
			return 1;
		if (app_signalled)
			return 0;
		uint64_t now = clock_now_ms();
		if (now >= end)
			return 0;
		uint64_t left = end - now;
		if (a->w.poll_ms && left > a->w.poll_ms)
			left = a->w.poll_ms;
		SDL_SemWaitTimeout(a->wake, (Uint32)(left > 3600000 ? 3600000 : left));
	}
}

static uint64_t earliest(uint64_t x, uint64_t y)
{
	return x < y ? x : y;
}

/* On KMSDRM (seen in QEMU with virtio-gpu and with -vga std) the first
 * presented frame can stay black until the next redraw, so it is drawn again
 * 1 s and 3 s later. Not with --fast. The moment of the next such redraw, or
 * APP_NO_WAKE. */
static uint64_t refresh_due(const app *a)
{
	if (a->fast || !a->first_frame_done || a->refreshes_done >= APP_REFRESHES)
		return APP_NO_WAKE;
	return a->first_frame_at + APP_REFRESH_MS[a->refreshes_done];
}

/* The next moment something can change on its own. */
static uint64_t next_wake(app *a, uint64_t now)
{
	uint64_t w = refresh_due(a);
	w = earliest(w, station_next_wake(a->world.fleet, now));
	/* systemd's watchdog: an idle app still pings (monotonic ms -> app clock). */
	uint64_t wd = watchdog_next(a->wd);
	if (!a->fast && wd != WATCHDOG_NEVER)
		w = earliest(w, wd > a->mono0 ? wd - a->mono0 : 0);
	/* the audio device's sleep between sounds (issue 22), monotonic too */
	uint64_t au = audio_sleep_due(a->world.au);
	if (!a->fast && au != UINT64_MAX)
		w = earliest(w, au > a->mono0 ? au - a->mono0 : 0);
	if (a->have_script && a->scr_next < a->scr.count)
		w = earliest(w, a->scr.events[a->scr_next].ms);
	return earliest(w, ctl_next_deadline(a->c, now, !a->fast));
}

/* With --input: done when the script is and the routine is finished (or none
 * was ever started). */
static bool script_finished(const app *a)
{
	if (!a->have_script || a->scr_next < a->scr.count)
		return false;
	if (ctl_gesture_pending(a->c))
		return false; /* a gesture is still being recognised */
	if (!ctl_started_ever(a->c))
		return true;
	/* no session: a rescan of the library freed the finished one */
	session_state st = ctl_session_state(a->c);
	return st == SESSION_NOT_STARTED || st == SESSION_FINISHED;
}

/* One pass: inputs, the controller's due work, the fleet, a redraw. */
static void run_pass(app *a, uint64_t now)
{
	SDL_Event ev;
	watchdog_tick(a->wd, clock_now_ms());
	feed_script(a, now);
	while (SDL_PollEvent(&ev))
		handle_sdl(a, &ev, now);
	follow_rotation(a);
	ctl_tick(a->c, now);
	follow_rotation(a); /* the kiosk's idle return turns it back */
	follow_language(a);
	shell_fleet_sync(a, now);
	audio_idle(a->world.au);
	if (refresh_due(a) <= now) {
		a->refreshes_done++;
		while (refresh_due(a) <= now && a->refreshes_done < APP_REFRESHES)
			a->refreshes_done++;
		a->dirty = true;
		if (a->trace)
			log_debug("refresh redraw at %llu ms", (unsigned long long)now);
	}
	if (a->dirty || ctl_dirty(a->c))
		app_render(a, now);
}

static void run_loop(app *a)
{
	SDL_Event ev;
	while (!ctl_quit(a->c, NULL)) {
		uint64_t now = app_now(a);
		if (app_signalled) {
			ctl_stop(a->c, now);
			break;
		}
		run_pass(a, now);
		if (a->first_frame_done && !a->audio_tried) {
			a->audio_tried = true;
			shell_open_audio(a);
			if (fx_library_check(&a->world))
				ctl_library_changed(a->c);
			continue; /* its notice, if any, is drawn */
		}
		if (script_finished(a) || ctl_quit(a->c, NULL))
			break; /* (the admin's Leave kiosk): the virtual clock stays where it left */
		uint64_t w = next_wake(a, now);
		if (a->fast) {
			if (w == APP_NO_WAKE) {
				if (a->have_script)
					log_info("--input: nothing left to happen at %llu ms; stopping", (unsigned long long)now);
				break;
			}
			if (w > a->vnow)
				a->vnow = w;
			continue;
		}
		int timeout = w == APP_NO_WAKE ? -1 : w <= now ? 0 : (int)(w - now > 3600000 ? 3600000 : w - now);
		if (wait_event(a, &ev, timeout))
			handle_sdl(a, &ev, app_now(a));
	}
}

/* A text cut short on screen (UNKNOT_TRACE): a label that does not fit its box. */
static void log_text_cut(void *user, const char *s, int w, int h)
{
	(void)user;
	log_debug("text cut: %dx%d \"%.200s\"", w, h, s);
}

/* SDL, the window, the font, the wait semaphore and the signal handlers. */
static int open_sdl(app *a, char *notice, size_t size)
{
	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0");
	window_prepare_env();
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
		log_error("cannot start SDL video: %s", SDL_GetError());
		return -1;
	}
	SDL_DisableScreenSaver();
	if (window_open(&a->w, a->o, a->o->rotate >= 0 ? a->o->rotate : a->cfg.rotate, a->trace) < 0)
		return -1;
	if (!a->w.native_wait) {
		a->wake = SDL_CreateSemaphore(0);
		if (a->wake)
			SDL_AddEventWatch(wake_watch, a);
	}
	/* Our own handlers (SDL's only act when it pumps): a stop request ends
	 * a running session properly, journaled, then the app exits. */
	signals_install(&app_signalled, a->wake);
	if (a->o->kiosk || a->cfg.mode == CONFIG_MODE_KIOSK)
		vt_lock_console(); /* issue 19: no Ctrl+Alt+Fn away from the kiosk; restored at exit */
	char err[1200];
	a->txt = typeface_open(a->w.ren, a->cfg.font, err, sizeof err);
	if (!a->txt) {
		log_error("%s", err);
		return -1;
	}
	if (a->trace)
		text_on_cut(a->txt, log_text_cut, NULL);
	if (err[0]) { /* the configured font could not be used: say which one is */
		log_warn("%s", err);
		snprintf(notice, size, "%.250s", err);
	}
	a->v.r = a->w.ren;
	a->v.txt = a->txt;
	/* none (UNKNOT_LAYERS=0, or out of memory): every frame is drawn whole */
	if (!getenv("UNKNOT_LAYERS") || strcmp(getenv("UNKNOT_LAYERS"), "0") != 0)
		a->layer = layer_new();
	layout_compute(&a->v.L, a->w.lw, a->w.lh);
	return 0;
}

/* One glibc arena for the few threads (issue 22: peak RSS; the speech
 * thread's own arena kept about 1 MB; they allocate seldom, so they hardly
 * ever wait for each other). */
static void heap_lean(void)
{
#ifdef __GLIBC__
	mallopt(M_ARENA_MAX, 1);
#endif
}

int app_main(const cli_options *o)
{
	heap_lean();
	app *a = calloc(1, sizeof *a);
	if (!a)
		return 1;
	a->o = o;
	a->mono0 = clock_now_ms();
	a->wd = watchdog_open(a->mono0);
	a->trace = getenv("UNKNOT_TRACE") && strcmp(getenv("UNKNOT_TRACE"), "0") != 0;
	int rc = 1;
	char notice[256] = "";
	if (shell_load_config(a) < 0 || (o->input && shell_load_script(a) < 0))
		goto out;
	if (a->cfg.language[0]) /* a kiosk has no login locale: the config's wins */
		i18n_set(a->cfg.language);
	log_debug("language: %s (catalogues: %s)", i18n_language(), i18n_localedir());
	speech_set_language(i18n_language());
	a->fast = o->fast && a->have_script;
	if (o->journal)
		snprintf(a->world.journal, sizeof a->world.journal, "%s", o->journal);
	else if (paths_journal(a->world.journal, sizeof a->world.journal, a->cfg.profile) < 0)
		a->world.journal[0] = '\0';
	if (o->nfiles == 1) {
		char err[512];
		a->own = library_load_file(o->files[0], err, sizeof err);
		if (!a->own) {
			log_error("%s", err);
			goto out;
		}
	}
	if (open_sdl(a, notice, sizeof notice) < 0)
		goto out_sdl;
	shell_open_devices(a);
	shell_watch_folders(a);
	if (shell_open_controller(a, notice) < 0)
		goto out_sdl;
	run_loop(a);
	watchdog_stopping(a->wd);
	ctl_quit(a->c, &rc);
	shell_trace_exit(a);
out_sdl:
	shell_close(a);
	signals_reset();
	if (a->wake) {
		SDL_DelEventWatch(wake_watch, a);
		SDL_DestroySemaphore(a->wake);
	}
	layer_free(a->layer);
	window_close(&a->w);
	SDL_Quit();
out:
	routine_free(a->own);
	if (a->have_script)
		script_free(&a->scr);
	watchdog_free(a->wd);
	free(a);
	return rc;
}
