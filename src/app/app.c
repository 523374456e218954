/* app: the SDL application. Owns the window, the clock and the state of the
 * screens; wires input (touch, mouse, keys, foot switch, scripts) through the
 * gesture recogniser to the session engine, and the engine's events to audio,
 * the journal and the screens.
 *
 * The loop is event driven: it sleeps in SDL_WaitEventTimeout until the
 * earliest of the next session deadline, the next gesture deadline, the next
 * second of the countdown, the end of an animation or the next scripted
 * input, and redraws only when something visible changed. With --fast the
 * wall clock is replaced by a virtual one that jumps from one such moment to
 * the next.
 */
#include "app/app.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/resource.h>
#include <time.h>

#include <SDL.h>

#include "core/admin.h"
#include "core/config.h"
#include "core/gesture.h"
#include "core/history.h"
#include "core/idle.h"
#include "core/routine.h"
#include "core/safety.h"
#include "core/script.h"
#include "core/session.h"
#include "app/recorder.h"
#include "app/signals.h"
#include "app/station.h"
#include "io/audio.h"
#include "io/clock.h"
#include "io/configfile.h"
#include "io/dirwatch.h"
#include "io/footswitch.h"
#include "io/journal_read.h"
#include "io/library.h"
#include "io/log.h"
#include "io/paths.h"
#include "io/vt.h"
#include "io/watchdog.h"
#include "ui/bodymap_view.h"
#include "ui/history_view.h"
#include "ui/screen_admin.h"
#include "ui/screen_identify.h"
#include "ui/screen_library.h"
#include "ui/screen_preview.h"
#include "ui/screen_run.h"
#include "ui/screen_safety.h"
#include "ui/screen_settings.h"
#include "ui/screen_summary.h"
#include "ui/text.h"
#include "ui/theme.h"
#include "ui/view.h"

#define APP_NO_WAKE UINT64_MAX
#define APP_FLASH_MS 450        /* visual cue flash when a cue cannot be heard */
#define APP_ANIM_MS 40          /* hold-fill animation frame while the pedal is down */
#define APP_MARKER "safety-accepted"
#define APP_CHECKIN_HOURS 72
/* Redraws this long after the first frame (see refresh_due()). */
static const uint64_t APP_REFRESH_MS[] = {1000, 3000};
#define APP_REFRESHES ((int)(sizeof APP_REFRESH_MS / sizeof APP_REFRESH_MS[0]))    /* a target treated this recently gets a soreness check-in */

typedef struct {
	const cli_options *o;
	config cfg;
	bool trace;                 /* UNKNOT_TRACE=1: timing lines on stderr */
	uint64_t mono0;             /* CLOCK_MONOTONIC ms at start (app clock zero) */

	/* window */
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *target;        /* rotation target, NULL when not rotated */
	int out_w, out_h;           /* renderer output size (window pixels) */
	int rot;                    /* 0, 90, 180, 270 */
	int lw, lh;                 /* logical size (after rotation) */
	text *txt;
	view v;
	view_model m;
	bool dirty;
	uint64_t shown_second;      /* countdown second last drawn */
	bool first_frame_done;
	uint64_t first_frame_at;    /* app clock when the first frame was presented */
	int refreshes_done;         /* of the APP_REFRESH_MS redraws after it */
	int traced_w, traced_h;     /* size whose run layout was traced */
	uint64_t frames;            /* frames drawn (trace) */
	uint64_t render_us;         /* thread CPU time spent drawing them (trace) */

	/* clock */
	bool fast;
	uint64_t vnow;              /* virtual clock (fast) */

	/* script */
	script scr;
	bool have_script;
	size_t scr_next;

	/* screenshots */
	const char *shot_dir;
	int shot_n;
	uint64_t last_hash;
	void *pixels;               /* reused read-back buffer */
	size_t pixels_size;

	/* routines */
	library *lib;
	view_routine *items;
	size_t nitems;
	routine *own;               /* loaded from the command line */
	const routine *routine;
	const char *routine_path;

	/* session */
	session *s;
	bool started_ever;
	bool after_safety_start;    /* kiosk: start the session once safety is accepted */
	uint64_t *entry_actual;     /* per entry: ms spent (pauses excluded) */
	bool *entry_done;           /* per entry: ended by time or by moving on */
	view_summary summary;
	uint64_t session_cpu0;      /* CPU ms at session start (trace) */
	uint64_t session_t0;
	uint64_t session_frames0, session_render0;

	gesture *g;
	audio *au;
	footswitch *fs;
	unsigned fs_seq[GESTURE_MAX_INPUTS];
	bool key_down[GESTURE_MAX_INPUTS];       /* a pedal key is down (as fed to the recogniser) */
	uint64_t key_edge_ms[GESTURE_MAX_INPUTS]; /* stamp of its last edge fed */
	bodymap_view *bm;
	history *hist;
	recorder *rec;              /* journal writer, NULL when there is no journal path */
	char journal[PATHS_MAX];
	char notice[256];
	bool checkin_done;          /* the check-in for this preview was answered (or not needed) */
	const char *checkin_answer; /* "fine" / "sore" to journal at the session start, or NULL */
	char checkin_target[128];
	bool safety_ok;
	view_screen safety_from;    /* where the Safety page was opened from (Back returns there) */
	/* profiles (home mode): [0] = "" (the default journal) */
	char profile_ids[VIEW_MAX_PROFILES][64];
	char profile_names[VIEW_MAX_PROFILES][72];
	bool quit;
	int exit_code;
	watchdog *wd;               /* systemd notify + watchdog, NULL when not under systemd */

	/* unattended operation (issue 12) */
	idle_tracker *idle;         /* home after idle, paused session timeout, dimming */
	admin *adm;                 /* kiosk admin exit: corner hold and PIN */
	dirwatch *dw;               /* the routine folders; NULL with --fast or without inotify */
	Uint32 dw_event;            /* the SDL event its thread pushes */
	bool lib_stale;             /* the folders changed: rescan once on the library */
	char watching[PATHS_MAX_ROUTINE_DIRS * 160];
	station *fleet;             /* gym fleet (config "fleet", issue 11), NULL when off */

	/* waiting */
	bool native_wait;           /* the video driver can block in SDL_WaitEventTimeout */
	unsigned poll_ms;           /* otherwise: pump SDL's input this often (0 = no input to pump) */
	SDL_sem *wake;              /* posted by an event watch whenever an event is queued */

	/* touch */
	bool touching;
	view_button_id press_id;
	int press_arg;
} app;

static uint64_t cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

/* The app clock: ms since start, virtual with --fast. */
static uint64_t now_ms(const app *a)
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

/* Wakes the main loop when another thread queues a user event (the foot
 * switch's). SDL's own events come from pumping in the main thread (and SDL
 * 2.24+ queues an internal poll sentinel on every poll, which must not wake
 * us, or the wait would spin). */
static int wake_watch(void *data, SDL_Event *ev)
{
	if (ev->type >= SDL_USEREVENT && ev->type < SDL_LASTEVENT)
		SDL_SemPost(((app *)data)->wake);
	return 1;
}

/* ---------------------------------------------------------------- files */

static void marker_path(char *out, size_t size)
{
	char dir[PATHS_MAX];
	if (paths_config_dir(dir, sizeof dir) < 0) {
		out[0] = '\0';
		return;
	}
	snprintf(out, size, "%.*s/%s", (int)(size - sizeof APP_MARKER - 2), dir, APP_MARKER);
}

static bool safety_accepted_before(void)
{
	char p[PATHS_MAX];
	marker_path(p, sizeof p);
	FILE *f = p[0] ? fopen(p, "r") : NULL;
	if (f)
		fclose(f);
	return f != NULL;
}

static void safety_remember(void)
{
	char dir[PATHS_MAX], p[PATHS_MAX];
	if (paths_config_dir(dir, sizeof dir) < 0 || paths_mkdirs(dir) < 0)
		return;
	marker_path(p, sizeof p);
	FILE *f = fopen(p, "w");
	if (f) {
		fputs("The safety screen was accepted.\n", f);
		fclose(f);
	}
}

/* The config layers (io/configfile.h); errors name the file. */
static int load_config(app *a)
{
	char err[PATHS_MAX + 600], used[2 * PATHS_MAX + 8];
	if (configfile_load(&a->cfg, a->o->config, err, sizeof err, used, sizeof used) < 0) {
		log_error("%s", err);
		return -1;
	}
	/* config log_level, $UNKNOT_LOG_LEVEL over it; UNKNOT_TRACE shows debug lines */
	log_init((log_level)a->cfg.log_level);
	if (a->trace && !getenv("UNKNOT_LOG_LEVEL"))
		log_set_level(LOG_LEVEL_DEBUG);
	a->trace = log_enabled(LOG_LEVEL_DEBUG);
	log_debug("config: %s", used);
	return 0;
}

/* Local time minus UTC, in minutes, now. */
static int tz_offset_min(void)
{
	time_t t = time(NULL);
	struct tm lt;
	if (!localtime_r(&t, &lt))
		return 0;
	return (int)(lt.tm_gmtoff / 60);
}

/* Reloads the journal into a fresh history (over-treatment, comparisons). */
static void reload_history(app *a)
{
	history_free(a->hist);
	a->hist = NULL;
	if (!a->journal[0])
		return;
	history_options ho = {0};
	ho.now_ms = (int64_t)time(NULL) * 1000;
	ho.tz_offset_min = tz_offset_min();
	a->hist = history_new(&ho);
	if (a->hist && journal_read_file(a->journal, a->hist, NULL) < 0) {
		history_free(a->hist);
		a->hist = NULL;
	}
}

/* The library as view items: valid routines, then broken files. */
static int load_library(app *a)
{
	if (a->lib)
		return 0;
	a->lib = library_new();
	if (!a->lib)
		return -1;
	size_t nv = library_count(a->lib), nb = library_broken_count(a->lib);
	a->items = calloc(nv + nb + 1, sizeof *a->items);
	if (!a->items)
		return -1;
	for (size_t i = 0; i < nv; i++) {
		a->items[i].path = library_path(a->lib, i);
		a->items[i].r = library_routine(a->lib, i);
	}
	for (size_t i = 0; i < nb; i++) {
		a->items[nv + i].path = library_broken_path(a->lib, i);
		a->items[nv + i].error = library_broken_line(a->lib, i, 0);
	}
	a->nitems = nv + nb;
	return 0;
}

/* ---------------------------------------------------------------- profiles */

static int add_profile(app *a, const char *id)
{
	view_model *m = &a->m;
	for (size_t i = 0; i < m->nprofiles; i++)
		if (strcmp(a->profile_ids[i], id) == 0)
			return (int)i;
	if (m->nprofiles >= VIEW_MAX_PROFILES || strlen(id) >= sizeof a->profile_ids[0])
		return -1;
	for (const char *q = id; *q; q++)
		if (!isalnum((unsigned char)*q) && *q != '-' && *q != '_')
			return -1;
	size_t i = m->nprofiles++;
	snprintf(a->profile_ids[i], sizeof a->profile_ids[i], "%s", id);
	snprintf(a->profile_names[i], sizeof a->profile_names[i], "%s", id[0] ? id : "Guest");
	a->profile_names[i][0] = (char)toupper((unsigned char)a->profile_names[i][0]);
	m->profiles[i] = a->profile_names[i];
	return (int)i;
}

/* Home mode's "who is this?" list: the default journal ("Guest"), the
 * config's "profiles", and every journal-NAME.jsonl next to the default
 * journal (profiles used before). Not in kiosk mode (no personal history),
 * nor with --journal (the journal is fixed). Profiles are named in the config
 * because there is no on-screen keyboard to type a new one. */
static void load_profiles(app *a)
{
	view_model *m = &a->m;
	m->nprofiles = 0;
	if (m->kiosk || a->o->journal)
		return;
	add_profile(a, "");
	for (size_t i = 0; i < a->cfg.nprofiles; i++)
		add_profile(a, a->cfg.profiles[i]);
	char path[PATHS_MAX];
	if (paths_journal(path, sizeof path, NULL) == 0) {
		char *slash = strrchr(path, '/');
		if (slash)
			*slash = '\0';
		DIR *d = slash ? opendir(path) : NULL;
		struct dirent *de;
		while (d && (de = readdir(d)) != NULL) {
			size_t l = strlen(de->d_name);
			if (l > 14 && strncmp(de->d_name, "journal-", 8) == 0 &&
			    strcmp(de->d_name + l - 6, ".jsonl") == 0) {
				char id[64];
				snprintf(id, sizeof id, "%.*s", (int)(l - 14), de->d_name + 8);
				add_profile(a, id);
			}
		}
		if (d)
			closedir(d);
	}
	m->profile = add_profile(a, a->cfg.profile);
	if (m->profile < 0)
		m->profile = 0;
	if (m->nprofiles < 2)
		m->nprofiles = 0; /* nobody to choose between: no picker */
}

/* Switches to profile i: its journal for new sessions, history, summary
 * comparisons, over-treatment and check-ins. Only between sessions. */
static void switch_profile(app *a, int i)
{
	view_model *m = &a->m;
	if (i < 0 || (size_t)i >= m->nprofiles || (a->s && session_get_state(a->s) != SESSION_FINISHED))
		return;
	m->profile = i;
	snprintf(a->cfg.profile, sizeof a->cfg.profile, "%s", a->profile_ids[i]);
	if (paths_journal(a->journal, sizeof a->journal, a->cfg.profile) < 0)
		a->journal[0] = '\0';
	recorder_free(a->rec);
	a->rec = a->journal[0] ? recorder_new(a->journal, a->cfg.profile, clock_wall_ms(), now_ms(a)) : NULL;
	reload_history(a);
	if (a->trace)
		log_debug("profile %s: journal %s", a->profile_names[i], a->journal);
}

/* ---------------------------------------------------------------- window */

static void make_target(app *a)
{
	if (a->target) {
		SDL_DestroyTexture(a->target);
		a->target = NULL;
	}
	SDL_GetRendererOutputSize(a->ren, &a->out_w, &a->out_h);
	bool swap = a->rot == 90 || a->rot == 270;
	a->lw = swap ? a->out_h : a->out_w;
	a->lh = swap ? a->out_w : a->out_h;
	if (a->rot != 0) {
		if (!SDL_RenderTargetSupported(a->ren)) {
			log_warn("this renderer cannot rotate the screen; showing it unrotated");
			a->rot = 0;
			a->lw = a->out_w;
			a->lh = a->out_h;
			return;
		}
		a->target = SDL_CreateTexture(a->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET,
		                              a->lw, a->lh);
		if (!a->target) {
			log_warn("cannot rotate the screen: %s", SDL_GetError());
			a->rot = 0;
			a->lw = a->out_w;
			a->lh = a->out_h;
		}
	}
	a->dirty = true;
}

/* Window pixels to logical (rotated) coordinates. */
static void to_logical(const app *a, int px, int py, int *lx, int *ly)
{
	switch (a->rot) {
	case 90: *lx = py; *ly = a->out_w - 1 - px; break;
	case 180: *lx = a->out_w - 1 - px; *ly = a->out_h - 1 - py; break;
	case 270: *lx = a->out_h - 1 - py; *ly = px; break;
	default: *lx = px; *ly = py; break;
	}
}

static int open_window(app *a)
{
	const char *drv = SDL_GetCurrentVideoDriver();
	bool console = !getenv("DISPLAY") && !getenv("WAYLAND_DISPLAY");
	bool kms = drv && strcmp(drv, "KMSDRM") == 0;
	bool headless = drv && (strcmp(drv, "dummy") == 0 || strcmp(drv, "offscreen") == 0);
	/* SDL picks the desktop GL renderer on KMSDRM, where only GLES works. */
	if (kms && !getenv("SDL_RENDER_DRIVER"))
		SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
	bool full = a->o->fullscreen || (!a->o->windowed && !headless && (kms || console));
	int w = a->o->width ? a->o->width : 800, h = a->o->height ? a->o->height : 480;
	Uint32 flags = SDL_WINDOW_SHOWN | (full ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
	a->win = SDL_CreateWindow("unknot", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, w, h, flags);
	if (!a->win) {
		log_error("cannot open a window: %s", SDL_GetError());
		return -1;
	}
	a->ren = SDL_CreateRenderer(a->win, -1, headless ? SDL_RENDERER_SOFTWARE : 0);
	if (!a->ren)
		a->ren = SDL_CreateRenderer(a->win, -1, SDL_RENDERER_SOFTWARE);
	if (!a->ren) {
		log_error("cannot create a renderer: %s", SDL_GetError());
		return -1;
	}
	if (full)
		SDL_ShowCursor(SDL_DISABLE);
	/* How to sleep: see wait_event(). */
	a->native_wait = drv && (strcmp(drv, "x11") == 0 || strcmp(drv, "wayland") == 0 ||
	                         strcmp(drv, "windows") == 0 || strcmp(drv, "cocoa") == 0);
	/* Headless there is no input to pump, but SDL turns SIGTERM into SDL_QUIT
	 * only when it pumps: 4 times a second is enough for that. */
	a->poll_ms = headless ? 250 : 25;
	if (getenv("UNKNOT_POLL_MS"))
		a->poll_ms = (unsigned)atoi(getenv("UNKNOT_POLL_MS"));
	if (!a->native_wait) {
		a->wake = SDL_CreateSemaphore(0);
		if (a->wake)
			SDL_AddEventWatch(wake_watch, a);
	}
	/* Our own handlers (SDL's only act when it pumps): a stop request ends
	 * a running session properly, journaled, then the app exits. */
	signals_install(&app_signalled, a->wake);
	if (a->o->kiosk || a->cfg.mode == CONFIG_MODE_KIOSK)
		vt_lock_console(); /* issue 19: no Ctrl+Alt+Fn away from the kiosk; restored at exit */
	if (a->trace) {
		SDL_RendererInfo ri;
		SDL_GetRendererInfo(a->ren, &ri);
		log_debug("video driver=%s renderer=%s %s", drv ? drv : "?", ri.name, full ? "fullscreen" : "windowed");
	}
	make_target(a);
	return 0;
}

/* ---------------------------------------------------------------- drawing */

static const char *shot_name(const app *a)
{
	static const char *const admin_shots[] = { NULL, "pin", "nopin", "admin" };
	if (a->m.dimmed)
		return "dimmed";
	if (a->m.admin != VIEW_ADMIN_NONE)
		return admin_shots[a->m.admin];
	if (a->m.admin_message)
		return "message";
	if (a->m.screen == VIEW_PREVIEW && a->m.checkin_target[0])
		return "checkin";
	if (a->m.screen == VIEW_RUN && a->m.confirm_end)
		return "confirm";
	if (a->m.screen == VIEW_RUN && a->s && session_get_state(a->s) == SESSION_PAUSED)
		return "paused";
	return view_screen_name(a->m.screen);
}

/* Saves the frame in the renderer as DIR/NNNN-SCREEN.bmp unless it is the
 * same picture as the last one saved. */
static void screenshot(app *a, const char *dir, bool force)
{
	int w = a->out_w, h = a->out_h;
	size_t need = (size_t)w * (size_t)h * 4;
	if (need > a->pixels_size) {
		free(a->pixels);
		a->pixels = malloc(need);
		a->pixels_size = a->pixels ? need : 0;
		if (!a->pixels)
			return;
	}
	if (SDL_RenderReadPixels(a->ren, NULL, SDL_PIXELFORMAT_ARGB8888, a->pixels, w * 4) < 0) {
		log_warn("screenshot: %s", SDL_GetError());
		return;
	}
	uint64_t hsh = 1469598103934665603ull;
	const unsigned char *p = a->pixels;
	for (size_t i = 0; i < need; i++)
		hsh = (hsh ^ p[i]) * 1099511628211ull;
	if (!force && hsh == a->last_hash)
		return;
	a->last_hash = hsh;
	SDL_Surface *s32 = SDL_CreateRGBSurfaceWithFormatFrom(a->pixels, w, h, 32, w * 4,
	                                                      SDL_PIXELFORMAT_ARGB8888);
	/* 24-bit BMPs: a quarter smaller, and every viewer reads them. */
	SDL_Surface *s = s32 ? SDL_ConvertSurfaceFormat(s32, SDL_PIXELFORMAT_BGR24, 0) : NULL;
	SDL_FreeSurface(s32);
	if (!s)
		return;
	char path[PATHS_MAX];
	paths_mkdirs(dir);
	snprintf(path, sizeof path, "%s/%04d-%s.bmp", dir, ++a->shot_n, shot_name(a));
	if (SDL_SaveBMP(s, path) < 0)
		log_warn("screenshot %s: %s", path, SDL_GetError());
	else if (a->trace || force)
		log_info("screenshot %s at %llu ms", path, (unsigned long long)now_ms(a));
	SDL_FreeSurface(s);
}

static void render(app *a, uint64_t now)
{
	struct timespec c0, c1;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c0);
	a->frames++;
	view_model *m = &a->m;
	m->now = now;
	if (a->g) {
		m->pedal_down = gesture_is_down(a->g, 0);
		m->hold_progress = gesture_hold_progress(a->g, 0, now);
	}
	if (a->s && m->screen == VIEW_RUN)
		m->early_hint = m->early_hint && session_get_state(a->s) == SESSION_RUNNING;
	if (a->target)
		SDL_SetRenderTarget(a->ren, a->target);
	a->v.pressed_valid = a->touching;
	a->v.pressed = a->press_id;
	a->v.pressed_arg = a->press_arg;
	view_begin(&a->v, a->lw, a->lh);
	switch (m->screen) {
	case VIEW_SAFETY: screen_safety_draw(&a->v, m); break;
	case VIEW_LIBRARY: screen_library_draw(&a->v, m); break;
	case VIEW_PREVIEW: screen_preview_draw(&a->v, m); break;
	case VIEW_RUN:
		screen_run_draw(&a->v, m);
		if (a->trace && (a->traced_w != a->lw || a->traced_h != a->lh)) {
			SDL_Rect d = screen_run_digits_rect(&a->v.L);
			log_debug("layout %dx%d digits %d,%d,%d,%d", a->lw, a->lh, d.x, d.y, d.w, d.h);
			a->traced_w = a->lw;
			a->traced_h = a->lh;
		}
		break;
	case VIEW_SUMMARY: screen_summary_draw(&a->v, m); break;
	case VIEW_SETTINGS: screen_settings_draw(&a->v, m); break;
	case VIEW_SAFETY_PAGE: screen_safety_page_draw(&a->v, m); break;
	case VIEW_HISTORY:
		history_view_draw(&a->v, m, a->hist,
		                  history_day_of((int64_t)time(NULL) * 1000, tz_offset_min()));
		break;
	default: break;
	}
	screen_admin_draw(&a->v, m);
	screen_admin_message(&a->v, m);
	if (m->dimmed)
		screen_admin_dim(&a->v);
	/* over the dimming: "identify" must be seen on an idle station */
	const char *st_name, *st_site;
	bool bright;
	if (station_identify(a->fleet, now, &st_name, &st_site, &bright))
		screen_identify_draw(&a->v, st_name, st_site, bright);
	if (a->target) {
		SDL_SetRenderTarget(a->ren, NULL);
		SDL_SetRenderDrawColor(a->ren, 0, 0, 0, 255);
		SDL_RenderClear(a->ren);
		SDL_Rect d = {(a->out_w - a->lw) / 2, (a->out_h - a->lh) / 2, a->lw, a->lh};
		SDL_RenderCopyEx(a->ren, a->target, NULL, &d, a->rot, NULL, SDL_FLIP_NONE);
	}
	if (a->shot_dir)
		screenshot(a, a->shot_dir, false);
	SDL_RenderPresent(a->ren);
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &c1);
	a->render_us += (uint64_t)(c1.tv_sec - c0.tv_sec) * 1000000 + (uint64_t)(c1.tv_nsec / 1000) -
	                (uint64_t)(c0.tv_nsec / 1000);
	a->dirty = false;
	if (a->s && session_get_state(a->s) == SESSION_RUNNING)
		a->shown_second = session_entry_remaining_ms(a->s, now) / 1000;
	if (!a->first_frame_done) {
		a->first_frame_done = true;
		a->first_frame_at = now;
		watchdog_ready(a->wd, "home screen drawn");
		if (a->trace)
			log_debug("first frame presented %llu ms after start (monotonic %llu ms)",
			      (unsigned long long)(clock_now_ms() - a->mono0),
			      (unsigned long long)clock_now_ms());
	}
}

/* ---------------------------------------------------------------- session */

/* Journals ev. The wall clock is paired again at each session start (a
 * clock set by NTP after boot stamps the next session right); a journal that
 * cannot be written says so on the run screen (at each session start). */
static void journal_event(app *a, const session_event *ev)
{
	if (!a->rec)
		return;
	if (ev->type == SESSION_EV_SESSION_START)
		recorder_set_epoch(a->rec, clock_wall_ms(), now_ms(a));
	bool news = ev->type == SESSION_EV_SESSION_START || !recorder_failed(a->rec);
	const char *e = recorder_event(a->rec, a->s, ev) < 0 && news ? recorder_error(a->rec) : "";
	station_journal_appended(a->fleet);
	if (*e) {
		if (strncmp(e, "unknot: ", 8) == 0)
			e += 8;
		snprintf(a->notice, sizeof a->notice, "%s", e);
		a->m.notice = a->notice;
	}
}

static void course_text(app *a, char *buf, size_t size, int ahead);

static void build_summary(app *a, uint64_t now)
{
	view_summary *su = &a->summary;
	memset(su, 0, sizeof *su);
	const routine *r = a->routine;
	su->outcome = session_get_outcome(a->s);
	su->actual_ms = session_elapsed_ms(a->s, now);
	su->planned_s = routine_total_s(r);
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		unsigned dc = session_discomforts(a->s, i);
		su->discomfort += dc;
		if (e->kind == ROUTINE_TRANSITION)
			continue;
		su->steps_total++;
		su->steps_done += a->entry_done[i];
		if (!e->target)
			continue;
		size_t k;
		for (k = 0; k < su->ntargets; k++)
			if (strcmp(su->targets[k].target, e->target) == 0)
				break;
		if (k == su->ntargets) {
			if (su->ntargets >= VIEW_MAX_TARGETS)
				continue;
			su->targets[su->ntargets++].target = e->target;
		}
		su->targets[k].discomfort += dc;
		su->targets[k].actual_ms += a->entry_actual[i];
		su->targets[k].planned_s += e->duration_s;
	}
	reload_history(a);
	if (a->hist && !a->m.kiosk) {
		history_compare c;
		if (history_compare_last(a->hist, routine_title(r), a->routine_path, &c) == 0) {
			char t[200];
			history_compare_text(&c, t, sizeof t);
			if (strncmp(t, "same", 4) == 0)
				snprintf(su->compare, sizeof su->compare, "The same as last time.");
			else
				snprintf(su->compare, sizeof su->compare, "Since last time: %s.", t);
		}
	}
	if (a->m.overtreat[0])
		snprintf(su->overtreat, sizeof su->overtreat, "%s", a->m.overtreat);
	course_text(a, su->course, sizeof su->course, 0);
	if (a->trace && su->course[0])
		log_debug("summary course: %s", su->course);
	a->m.summary = su;
}

static void handle_session_event(app *a, const session_event *ev, uint64_t now)
{
	view_model *m = &a->m;
	journal_event(a, ev);
	size_t idx = ev->index > 0 ? (size_t)ev->index - 1 : 0;
	switch (ev->type) {
	case SESSION_EV_STEP_START:
		m->ease_off = m->skip_offer = m->early_hint = false;
		if (idx < routine_length(a->routine))
			a->entry_done[idx] = false;
		if (a->au)
			audio_speak(a->au, idx);
		break;
	case SESSION_EV_STEP_END:
		if (idx < routine_length(a->routine)) {
			a->entry_actual[idx] += ev->actual_ms;
			a->entry_done[idx] = ev->reason != SESSION_END_ABANDONED && !ev->previous;
		}
		break;
	case SESSION_EV_DISCOMFORT:
		if (session_discomforts(a->s, idx) >= 2)
			m->skip_offer = true;
		else
			m->ease_off = true;
		{
			const routine_entry *e = routine_entry_at(a->routine, idx);
			m->ease_text = safety_ease_off(e ? e->tool : ROUTINE_TOOL_NONE);
		}
		break;
	case SESSION_EV_PAUSE:
		if (a->au)
			audio_stop_speech(a->au);
		break;
	case SESSION_EV_CUE:
		if (!a->au || !audio_play_at(a->au, ev->cue, ev->ms)) {
			m->flash_until = now + APP_FLASH_MS;
			m->flash_cue = ev->cue;
		}
		break;
	case SESSION_EV_SESSION_END:
		build_summary(a, now);
		m->screen = VIEW_SUMMARY;
		m->confirm_end = false;
		if (a->trace) {
			uint64_t c = cpu_ms() - a->session_cpu0, t = now - a->session_t0;
			log_debug("session end: %llu ms, cpu %llu ms (%.3f%% of one core), %llu frames, %.1f ms drawing",
			      (unsigned long long)t, (unsigned long long)c, t ? 100.0 * (double)c / (double)t : 0.0,
			      (unsigned long long)(a->frames - a->session_frames0),
			      (double)(a->render_us - a->session_render0) / 1000.0);
		}
		break;
	default:
		break;
	}
	a->dirty = true;
}

static void drain_session(app *a, uint64_t now)
{
	if (!a->s)
		return;
	session_tick(a->s, now);
	session_event ev;
	while (session_next_event(a->s, &ev))
		handle_session_event(a, &ev, now);
}

/* The course of treatment of the routine's targets, compact: targets grouped
 * by their session number, "Session 2 of the usual 4-6: upper trapezius,
 * levator scapulae · session 1: pectoralis major". `ahead` counts the session
 * about to start (the preview); the summary's history already has it. "" in
 * kiosk mode or without a journal. */
static void course_text(app *a, char *buf, size_t size, int ahead)
{
	buf[0] = '\0';
	if (!a->hist || !a->routine || a->m.kiosk)
		return;
	const char *tg[32];
	int cnt[32];
	size_t n = routine_targets(a->routine, tg, 32);
	for (size_t i = 0; i < n; i++)
		cnt[i] = history_course_count(a->hist, tg[i]) + ahead;
	size_t len = 0;
	for (size_t i = 0; i < n && len + 1 < size; i++) {
		bool seen = cnt[i] < 1;
		for (size_t j = 0; j < i && !seen; j++)
			seen = cnt[j] == cnt[i];
		if (seen)
			continue;
		if (cnt[i] > SAFETY_COURSE_MAX)
			len += (size_t)snprintf(buf + len, size - len, "%s%cession %d (past the usual %d-%d: "
			                        "worth showing to a physiotherapist): ", len ? " \xC2\xB7 " : "",
			                        len ? 's' : 'S', cnt[i], SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else if (!len)
			len += (size_t)snprintf(buf + len, size - len, "Session %d of the usual %d-%d: ", cnt[i],
			                        SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
		else
			len += (size_t)snprintf(buf + len, size - len, " \xC2\xB7 session %d: ", cnt[i]);
		for (size_t j = i, k = 0; j < n && len + 1 < size; j++)
			if (cnt[j] == cnt[i])
				len += (size_t)snprintf(buf + len, size - len, "%s%s", k++ ? ", " : "", tg[j]);
	}
	if (len >= size && size > 4)
		memcpy(buf + size - 4, "...", 4); /* cut: say so */
}

static void over_treatment(app *a)
{
	a->m.overtreat[0] = '\0';
	a->m.course[0] = '\0';
	reload_history(a);
	if (!a->hist || !a->routine || a->m.kiosk)
		return;
	const char *tg[32];
	size_t n = routine_targets(a->routine, tg, 32);
	int64_t wall = (int64_t)time(NULL) * 1000;
	int hours = a->cfg.overtreatment_hours > 0 ? a->cfg.overtreatment_hours : SAFETY_OVERTREAT_HOURS;
	course_text(a, a->m.course, sizeof a->m.course, 1);
	if (a->trace && a->m.course[0])
		log_debug("preview course: %s", a->m.course);
	for (size_t i = 0; i < n; i++) {
		int64_t when;
		if (history_recently_treated(a->hist, tg[i], wall, hours, &when)) {
			int ago = (int)((wall - when) / 3600000);
			safety_overtreat(a->m.overtreat, sizeof a->m.overtreat, tg[i], ago < 0 ? 0 : ago, hours);
			char *c = a->m.overtreat; /* a sentence starts with a capital */
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
			return;
		}
	}
}

static void open_preview(app *a, const routine *r, const char *path)
{
	a->routine = r;
	a->routine_path = path;
	a->m.routine = r;
	a->m.preview_sel = 0;
	a->m.page = 0;
	a->m.screen = VIEW_PREVIEW;
	a->m.advice = NULL;
	a->m.checkin_target[0] = '\0';
	a->checkin_done = false;
	a->checkin_answer = NULL;
	over_treatment(a);
	if (a->au)
		audio_prepare_speech(a->au, r);
	a->dirty = true;
}

/* Whether the routine repeats a target treated in the last days; if so, the
 * preview shows the soreness check-in for the first such target. */
static bool needs_checkin(app *a)
{
	reload_history(a);
	if (!a->hist)
		return false;
	const char *tg[32];
	size_t n = routine_targets(a->routine, tg, 32);
	int64_t wall = (int64_t)time(NULL) * 1000;
	for (size_t i = 0; i < n; i++) {
		if (history_recently_treated(a->hist, tg[i], wall, APP_CHECKIN_HOURS, NULL)) {
			snprintf(a->m.checkin_target, sizeof a->m.checkin_target, "%s", tg[i]);
			return true;
		}
	}
	return false;
}

static void start_session(app *a, uint64_t now)
{
	if (!a->routine)
		return;
	if ((a->o->kiosk || a->cfg.mode == CONFIG_MODE_KIOSK) && !a->safety_ok) {
		a->after_safety_start = true;
		a->m.screen = VIEW_SAFETY;
		a->dirty = true;
		return;
	}
	if (!a->checkin_done && !a->m.kiosk && needs_checkin(a)) {
		a->dirty = true;
		return; /* the preview asks; the answer starts the session */
	}
	session_free(a->s);
	free(a->entry_actual);
	free(a->entry_done);
	size_t n = routine_length(a->routine);
	a->entry_actual = calloc(n + 1, sizeof *a->entry_actual);
	a->entry_done = calloc(n + 1, sizeof *a->entry_done);
	a->s = session_new(a->routine);
	if (!a->s || !a->entry_actual || !a->entry_done) {
		log_error("out of memory");
		a->quit = true;
		return;
	}
	a->m.session = a->s;
	a->m.summary = NULL;
	a->m.confirm_end = a->m.ease_off = a->m.skip_offer = false;
	a->started_ever = true;
	a->session_cpu0 = cpu_ms();
	a->session_frames0 = a->frames;
	a->session_render0 = a->render_us;
	a->session_t0 = now;
	session_start(a->s, now);
	a->m.screen = VIEW_RUN;
	if (a->o->kiosk || a->cfg.mode == CONFIG_MODE_KIOSK)
		a->safety_ok = false; /* kiosk: the safety screen before every session */
	drain_session(a, now);
	if (a->checkin_answer && a->rec) {
		/* Journaled once the session exists, so it carries the session's id. */
		char fields[400], esc[260];
		size_t k = 0;
		for (const char *c = a->checkin_target; *c && k + 2 < sizeof esc; c++) {
			if (*c == '"' || *c == '\\')
				esc[k++] = '\\';
			esc[k++] = (unsigned char)*c < 0x20 ? ' ' : *c;
		}
		esc[k] = '\0';
		snprintf(fields, sizeof fields, "{\"answer\":\"%s\",\"target\":\"%s\"}",
		         a->checkin_answer, esc);
		recorder_extra(a->rec, now, "checkin", fields);
	}
	a->checkin_answer = NULL;
	a->dirty = true;
}

/* ---------------------------------------------------------------- actions */

static void go_library(app *a)
{
	load_library(a);
	a->m.routines = a->items;
	/* kiosk: broken files are listed on the admin page, not to users */
	a->m.nvalid = a->lib ? library_count(a->lib) : 0;
	a->m.nroutines = a->m.kiosk ? a->m.nvalid : a->nitems;
	a->m.broken = a->items ? a->items + a->m.nvalid : NULL;
	a->m.nbroken = a->nitems - a->m.nvalid;
	if (a->m.selected >= (int)a->m.nroutines)
		a->m.selected = 0;
	a->m.screen = VIEW_LIBRARY;
	a->m.page = a->m.selected / (screen_library_per_page(&a->v.L) ? screen_library_per_page(&a->v.L) : 1);
	a->dirty = true;
}

static void accept_safety(app *a, uint64_t now)
{
	a->safety_ok = true;
	safety_remember();
	if (a->after_safety_start) {
		a->after_safety_start = false;
		start_session(a, now);
	} else if (a->routine) {
		open_preview(a, a->routine, a->routine_path);
	} else {
		go_library(a);
	}
}

static void set_rotation(app *a, int rot)
{
	a->rot = rot;
	a->m.rotate = rot;
	make_target(a);
	text_clear(a->txt);
}

static void pin_entered(app *a, uint64_t now);
static void leave_kiosk(app *a, uint64_t now);
static void pin_pad_key(app *a, const char *name, uint64_t now);
static bool wake_input(app *a, uint64_t now);

/* A touch target was activated, or a key/gesture mapped to one. */
static void press(app *a, view_button_id id, int arg, uint64_t now)
{
	view_model *m = &a->m;
	session *s = a->s;
	int rc;
	a->dirty = true;
	if (a->trace)
		log_debug("press %s %d on %s", view_button_name(id), arg, view_screen_name(m->screen));
	switch (id) {
	case VIEW_BTN_ACCEPT: accept_safety(a, now); break;
	case VIEW_BTN_CARD:
		if (arg >= 0 && (size_t)arg < a->nitems && a->items[arg].r) {
			m->selected = arg;
			open_preview(a, a->items[arg].r, a->items[arg].path);
		}
		break;
	case VIEW_BTN_PAGE_PREV:
		if (m->screen == VIEW_SAFETY_PAGE)
			m->safety_page -= m->safety_page > 0;
		else if (m->page > 0)
			m->page--;
		break;
	case VIEW_BTN_PAGE_NEXT:
		if (m->screen == VIEW_SAFETY_PAGE)
			m->safety_page += m->safety_page + 1 < screen_safety_page_count();
		else
			m->page++; /* screens clamp */
		break;
	case VIEW_BTN_SAFETY_PAGE:
		if (m->screen == VIEW_LIBRARY || m->screen == VIEW_SETTINGS) {
			a->safety_from = m->screen;
			m->safety_page = 0;
			m->screen = VIEW_SAFETY_PAGE;
		}
		break;
	case VIEW_BTN_SETTINGS: m->screen = VIEW_SETTINGS; break;
	case VIEW_BTN_HISTORY:
		reload_history(a);
		m->screen = VIEW_HISTORY;
		break;
	case VIEW_BTN_BACK:
		if (m->screen == VIEW_SAFETY_PAGE && a->safety_from == VIEW_SETTINGS)
			m->screen = VIEW_SETTINGS;
		else
			go_library(a);
		break;
	case VIEW_BTN_START: start_session(a, now); break;
	case VIEW_BTN_ROW: m->preview_sel = arg; break;
	case VIEW_BTN_PAUSE:
		if (!s)
			break;
		if (session_get_state(s) == SESSION_PAUSED)
			session_resume(s, now);
		else
			session_pause(s, now);
		break;
	case VIEW_BTN_PREV: if (s) session_previous(s, now); break;
	case VIEW_BTN_NEXT:
	case VIEW_BTN_SKIP:
		if (!s)
			break;
		rc = session_next(s, now);
		m->early_hint = rc == SESSION_ERR_EARLY;
		break;
	case VIEW_BTN_EXTEND: if (s) session_extend(s, now); break;
	case VIEW_BTN_DISCOMFORT: if (s) session_discomfort(s, now); break;
	case VIEW_BTN_END: m->confirm_end = true; break;
	case VIEW_BTN_END_CANCEL: m->confirm_end = false; break;
	case VIEW_BTN_END_CONFIRM:
		m->confirm_end = false;
		if (s)
			session_abandon(s, now);
		break;
	case VIEW_BTN_DONE: go_library(a); break;
	case VIEW_BTN_VOL_DOWN:
	case VIEW_BTN_VOL_UP:
		m->volume += id == VIEW_BTN_VOL_UP ? 10 : -10;
		m->volume = m->volume < 0 ? 0 : m->volume > 100 ? 100 : m->volume;
		if (a->trace)
			log_debug("volume %d", m->volume);
		if (a->au)
			audio_set_volume(a->au, m->volume);
		break;
	case VIEW_BTN_MUTE:
		m->mute = !m->mute;
		if (a->au)
			audio_set_mute(a->au, m->mute);
		break;
	case VIEW_BTN_CHECKIN_FINE:
	case VIEW_BTN_CHECKIN_SORE:
		if (!m->checkin_target[0])
			break;
		a->checkin_done = true;
		a->checkin_answer = id == VIEW_BTN_CHECKIN_SORE ? "sore" : "fine";
		snprintf(a->checkin_target, sizeof a->checkin_target, "%s", m->checkin_target);
		m->checkin_target[0] = '\0';
		m->advice = id == VIEW_BTN_CHECKIN_SORE ? safety_checkin_sore_advice() : NULL;
		start_session(a, now);
		break;
	case VIEW_BTN_PROFILE:
		m->profile_picker = !m->profile_picker && m->nprofiles > 1;
		m->profile_sel = m->profile;
		break;
	case VIEW_BTN_PROFILE_PICK:
		switch_profile(a, arg);
		m->profile_picker = false;
		break;
	case VIEW_BTN_PIN_DIGIT: admin_digit(a->adm, arg); break;
	case VIEW_BTN_PIN_ERASE: admin_erase(a->adm); break;
	case VIEW_BTN_PIN_OK: pin_entered(a, now); break;
	case VIEW_BTN_ADMIN_CLOSE: admin_close(a->adm); break;
	case VIEW_BTN_ADMIN_EXIT: leave_kiosk(a, now); break;
	case VIEW_BTN_ROTATE:
		set_rotation(a, (a->rot + 90) % 360);
		if (a->trace)
			log_debug("rotation %d: logical %dx%d", a->rot, a->lw, a->lh);
		break;
	default: break;
	}
	drain_session(a, now);
}

/* A pedal gesture or a direct key's action, in the context of the screen. */
static void act(app *a, int action, uint64_t now)
{
	view_model *m = &a->m;
	if (m->admin != VIEW_ADMIN_NONE)
		return; /* the pedal does nothing on the admin overlays */
	switch (m->screen) {
	case VIEW_SAFETY:
		if (action == GESTURE_ACTION_NEXT)
			press(a, VIEW_BTN_ACCEPT, 0, now);
		break;
	case VIEW_LIBRARY:
		if (m->profile_picker) {
			/* The picker: a hold moves to the next profile, a tap picks it. */
			if (action == GESTURE_ACTION_NEXT)
				press(a, VIEW_BTN_PROFILE_PICK, m->profile_sel, now);
			else if (action == GESTURE_ACTION_DISCOMFORT && m->nprofiles)
				m->profile_sel = (m->profile_sel + 1) % (int)m->nprofiles;
			else if (action == CONFIG_ACTION_ABANDON)
				m->profile_picker = false;
			a->dirty = true;
			break;
		}
		/* One pedal is enough: a hold moves to the next routine, a tap opens it. */
		if (action == GESTURE_ACTION_NEXT) {
			press(a, VIEW_BTN_CARD, m->selected, now);
		} else if (action == GESTURE_ACTION_DISCOMFORT && a->nitems) {
			size_t nv = library_count(a->lib);
			m->selected = nv ? (m->selected + 1) % (int)nv : 0;
			int per = screen_library_per_page(&a->v.L);
			m->page = per ? m->selected / per : 0;
			a->dirty = true;
		}
		break;
	case VIEW_PREVIEW:
		if (m->checkin_target[0]) {
			/* Hands-free answer: tap fine, hold still sore. */
			if (action == GESTURE_ACTION_NEXT)
				press(a, VIEW_BTN_CHECKIN_FINE, 0, now);
			else if (action == GESTURE_ACTION_DISCOMFORT)
				press(a, VIEW_BTN_CHECKIN_SORE, 0, now);
			else if (action == CONFIG_ACTION_ABANDON)
				m->checkin_target[0] = '\0';
			a->dirty = true;
		} else if (action == GESTURE_ACTION_NEXT)
			press(a, VIEW_BTN_START, 0, now);
		else if (action == CONFIG_ACTION_ABANDON)
			press(a, VIEW_BTN_BACK, 0, now);
		break;
	case VIEW_RUN:
		if (!a->s)
			break;
		if (m->confirm_end) {
			/* The pedal never ends a session by accident: a tap keeps going. */
			if (action == GESTURE_ACTION_NEXT || action == CONFIG_ACTION_ABANDON)
				press(a, action == CONFIG_ACTION_ABANDON ? VIEW_BTN_END_CONFIRM : VIEW_BTN_END_CANCEL, 0, now);
			break;
		}
		if (session_get_state(a->s) == SESSION_PAUSED) {
			if (action == GESTURE_ACTION_NEXT || action == GESTURE_ACTION_PAUSE)
				press(a, VIEW_BTN_PAUSE, 0, now);
			else if (action == CONFIG_ACTION_ABANDON)
				press(a, VIEW_BTN_END, 0, now);
			break;
		}
		switch (action) {
		case GESTURE_ACTION_NEXT: press(a, VIEW_BTN_NEXT, 0, now); break;
		case GESTURE_ACTION_DISCOMFORT: press(a, VIEW_BTN_DISCOMFORT, 0, now); break;
		case GESTURE_ACTION_PAUSE: press(a, VIEW_BTN_PAUSE, 0, now); break;
		case GESTURE_ACTION_PREVIOUS: press(a, VIEW_BTN_PREV, 0, now); break;
		case GESTURE_ACTION_EXTEND: press(a, VIEW_BTN_EXTEND, 0, now); break;
		case CONFIG_ACTION_ABANDON: press(a, VIEW_BTN_END, 0, now); break;
		default: break;
		}
		break;
	case VIEW_SUMMARY:
		if (action == GESTURE_ACTION_NEXT)
			press(a, VIEW_BTN_DONE, 0, now);
		break;
	case VIEW_SETTINGS:
		if (action == CONFIG_ACTION_ABANDON)
			press(a, VIEW_BTN_BACK, 0, now);
		break; /* pedal gestures only show in the pedal test here */
	case VIEW_HISTORY:
		if (action == CONFIG_ACTION_ABANDON || action == GESTURE_ACTION_NEXT)
			press(a, VIEW_BTN_BACK, 0, now);
		break;
	case VIEW_SAFETY_PAGE:
		/* Tap: next page (Back after the last); hold or Escape: Back. */
		if (action == GESTURE_ACTION_NEXT)
			press(a, m->safety_page + 1 < screen_safety_page_count() ? VIEW_BTN_PAGE_NEXT : VIEW_BTN_BACK,
			      0, now);
		else if (action == GESTURE_ACTION_PREVIOUS)
			press(a, VIEW_BTN_PAGE_PREV, 0, now);
		else if (action == GESTURE_ACTION_DISCOMFORT || action == CONFIG_ACTION_ABANDON)
			press(a, VIEW_BTN_BACK, 0, now);
		break;
	default:
		break;
	}
}

static void drain_gestures(app *a, uint64_t now)
{
	gesture_tick(a->g, now);
	gesture_event ge;
	while (gesture_next(a->g, &ge)) {
		view_model *m = &a->m;
		memmove(&m->log[1], &m->log[0], sizeof m->log[0] * (VIEW_MAX_LOG - 1));
		m->log[0].input = ge.input;
		m->log[0].kind = ge.kind;
		m->log[0].action = ge.action;
		m->log[0].duration_ms = ge.duration_ms;
		if (m->nlog < VIEW_MAX_LOG)
			m->nlog++;
		if (a->trace)
			log_debug("gesture %s (%u ms) -> %s at %llu", gesture_kind_name(ge.kind), ge.duration_ms,
			      gesture_action_name(ge.action), (unsigned long long)now);
		a->dirty = true;
		act(a, (int)ge.action, now);
	}
}

/* A key by its lower-case SDL name: pedal keys feed the recogniser, others act
 * directly on key down. */
static void key(app *a, const char *name, bool down, bool repeat, uint64_t ms, uint64_t now)
{
	if (down && !repeat && wake_input(a, now))
		return; /* the first press after dimming only wakes the screen */
	if (down && a->m.admin != VIEW_ADMIN_NONE) {
		pin_pad_key(a, name, now);
		return;
	}
	int input = config_key_input(&a->cfg, name);
	if (input >= 0) {
		/* Auto-repeat (and a second down without an up) is not a new press. */
		if (!repeat && down != a->key_down[input]) {
			/* A key's edges are already debounced (keyboard, kernel), but SDL
			 * stamps a press and its release with the same time when it reads
			 * both in one pump (a busy machine, the 25 ms polling on KMSDRM),
			 * and the recogniser's debounce would drop both: a real tap lost.
			 * So every key edge is stamped at least debounce_ms + 1 after the
			 * previous one, and the one recogniser still serves every path. */
			uint64_t min = a->key_edge_ms[input] + a->cfg.gesture.debounce_ms + 1;
			if (a->key_edge_ms[input] && ms < min)
				ms = min;
			a->key_down[input] = down;
			a->key_edge_ms[input] = ms ? ms : 1;
			gesture_edge(a->g, input, down, ms);
		}
		a->dirty = true;
		return;
	}
	if (!down)
		return;
	if (strcmp(name, "f12") == 0) {
		char dir[PATHS_MAX];
		const char *d = a->shot_dir;
		if (!d) {
			d = getenv("HOME") ? getenv("HOME") : "/tmp";
			snprintf(dir, sizeof dir, "%s", d);
			d = dir;
		}
		render(a, now);
		screenshot(a, d, true);
		return;
	}
	view_model *m = &a->m;
	if (strcmp(name, "s") == 0 && (m->screen == VIEW_LIBRARY || m->screen == VIEW_SETTINGS)) {
		press(a, VIEW_BTN_SAFETY_PAGE, 0, now);
		return;
	}
	if (m->screen == VIEW_SAFETY_PAGE) {
		int step = strcmp(name, "up") == 0 ? -1 : strcmp(name, "down") == 0 ? 1 : 0;
		if (step) {
			press(a, step < 0 ? VIEW_BTN_PAGE_PREV : VIEW_BTN_PAGE_NEXT, 0, now);
			return;
		}
	}
	if (m->screen == VIEW_LIBRARY && strcmp(name, "w") == 0 && m->nprofiles > 1) {
		press(a, VIEW_BTN_PROFILE, 0, now); /* "who is this?" */
		return;
	}
	if (m->screen == VIEW_LIBRARY && m->profile_picker && m->nprofiles) {
		int step = strcmp(name, "up") == 0 || strcmp(name, "left") == 0 ? -1 :
		           strcmp(name, "down") == 0 || strcmp(name, "right") == 0 ? 1 : 0;
		if (step) {
			m->profile_sel = (m->profile_sel + step + (int)m->nprofiles) % (int)m->nprofiles;
			a->dirty = true;
			return;
		}
	}
	if (m->screen == VIEW_LIBRARY && m->nroutines) {
		int step = strcmp(name, "up") == 0 ? -1 : strcmp(name, "down") == 0 ? 1 :
		           strcmp(name, "left") == 0 ? -1 : strcmp(name, "right") == 0 ? 1 : 0;
		if (step) {
			m->selected = (m->selected + step + (int)m->nroutines) % (int)m->nroutines;
			int per = screen_library_per_page(&a->v.L);
			m->page = per ? m->selected / per : 0;
			a->dirty = true;
			return;
		}
	}
	if (m->screen == VIEW_PREVIEW && a->routine) {
		int step = strcmp(name, "up") == 0 ? -1 : strcmp(name, "down") == 0 ? 1 : 0;
		if (step) {
			int n = (int)routine_length(a->routine);
			m->preview_sel = (m->preview_sel + step + n) % n;
			int per = screen_preview_per_page(&a->v.L, m);
			m->page = per ? m->preview_sel / per : 0;
			a->dirty = true;
			return;
		}
	}
	config_action ac = config_key_action(name);
	if (ac != CONFIG_ACTION_NONE)
		act(a, (int)ac, now);
}

/* A touch (or click) at window pixels. */
static void touch(app *a, int px, int py, bool down, uint64_t now)
{
	int x, y, arg = 0;
	to_logical(a, px, py, &x, &y);
	if (down && wake_input(a, now))
		return; /* the first touch after dimming only wakes the screen (its release does nothing) */
	if (a->m.kiosk && a->adm) {
		/* the hidden admin exit: the top-left corner held for 5 s */
		if (down && layout_contains(screen_admin_corner(&a->v.L), x, y))
			admin_hold_start(a->adm, now);
		else
			admin_hold_cancel(a->adm);
	}
	view_button_id id = view_hit_test(&a->v, x, y, &arg);
	if (down) {
		a->touching = id != VIEW_BTN_NONE;
		a->press_id = id;
		a->press_arg = arg;
		a->dirty = true;
		return;
	}
	bool was = a->touching;
	a->touching = false;
	a->dirty = true;
	if (was && id == a->press_id && arg == a->press_arg)
		press(a, id, arg, now);
}

static void lower(char *dst, size_t size, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < size; i++)
		dst[i] = (char)tolower((unsigned char)src[i]);
	dst[i] = '\0';
}

static void handle_sdl(app *a, const SDL_Event *ev, uint64_t now)
{
	switch (ev->type) {
	case SDL_QUIT:
		/* Closing the window or SIGTERM (systemd stopping the kiosk): end a
		 * running session properly so the journal has its session_end. */
		if (a->s && session_get_state(a->s) != SESSION_FINISHED &&
		    session_get_state(a->s) != SESSION_NOT_STARTED) {
			session_abandon(a->s, now);
			drain_session(a, now);
		}
		a->quit = true;
		break;
	case SDL_WINDOWEVENT:
		if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
			make_target(a);
			text_clear(a->txt);
		}
		a->dirty = true;
		break;
	case SDL_KEYDOWN:
	case SDL_KEYUP: {
		char name[64];
		lower(name, sizeof name, SDL_GetKeyName(ev->key.keysym.sym));
		/* Key times: SDL's stamp, converted to the app clock by its age. */
		uint32_t age = SDL_GetTicks() - ev->key.timestamp;
		uint64_t ms = a->fast || age > now ? now : now - age;
		key(a, name, ev->type == SDL_KEYDOWN, ev->key.repeat != 0, ms, now);
		break;
	}
	case SDL_FINGERDOWN:
	case SDL_FINGERUP:
		touch(a, (int)(ev->tfinger.x * a->out_w), (int)(ev->tfinger.y * a->out_h),
		      ev->type == SDL_FINGERDOWN, now);
		break;
	case SDL_MOUSEBUTTONDOWN:
	case SDL_MOUSEBUTTONUP:
		if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT)
			break;
		{
			/* Mouse coordinates are in window points; scale to output pixels. */
			int ww, wh;
			SDL_GetWindowSize(a->win, &ww, &wh);
			int px = ww ? ev->button.x * a->out_w / ww : ev->button.x;
			int py = wh ? ev->button.y * a->out_h / wh : ev->button.y;
			touch(a, px, py, ev->type == SDL_MOUSEBUTTONDOWN, now);
		}
		break;
	case SDL_FINGERMOTION:
	case SDL_MOUSEMOTION:
		/* a finger sliding out of the admin corner is not holding it */
		if (a->adm && admin_holding(a->adm)) {
			int ww = 0, wh = 0, px, py, x, y;
			if (ev->type == SDL_FINGERMOTION) {
				px = (int)(ev->tfinger.x * a->out_w);
				py = (int)(ev->tfinger.y * a->out_h);
			} else {
				SDL_GetWindowSize(a->win, &ww, &wh);
				px = ww ? ev->motion.x * a->out_w / ww : ev->motion.x;
				py = wh ? ev->motion.y * a->out_h / wh : ev->motion.y;
			}
			to_logical(a, px, py, &x, &y);
			if (!layout_contains(screen_admin_corner(&a->v.L), x, y))
				admin_hold_cancel(a->adm);
		}
		break;
	default:
		if (a->dw && ev->type == a->dw_event) {
			if (dirwatch_take(a->dw)) {
				a->lib_stale = true;
				log_debug("a routine folder changed");
			}
			break;
		}
		if (a->fs && ev->type == footswitch_event_type(a->fs)) {
			footswitch_edge e[32];
			size_t n;
			while ((n = footswitch_drain(a->fs, e, 32)) > 0)
				for (size_t i = 0; i < n; i++)
					if (!(e[i].down && wake_input(a, now))) /* a waking press does not act */
						gesture_edge(a->g, e[i].input, e[i].down,
						             e[i].ms > a->mono0 ? e[i].ms - a->mono0 : 0);
			for (int i = 0; i < GESTURE_MAX_INPUTS; i++) {
				footswitch_status st;
				if (footswitch_status_get(a->fs, i, &st) == 0 && st.error_seq != a->fs_seq[i]) {
					a->fs_seq[i] = st.error_seq;
					if (st.error[0]) { /* footswitch.c logged it; show it */
						snprintf(a->notice, sizeof a->notice, "Pedal: %.240s", st.error);
						a->m.notice = a->notice;
					}
					snprintf(a->m.pedal_status, sizeof a->m.pedal_status, "%s%s%s", st.where,
					         st.error[0] ? ": " : (st.open ? ": connected" : ""), st.error);
				}
			}
			a->dirty = true;
		}
		break;
	}
}

/* ---------------------------------------------------------------- unattended */

/* Where the station is, for the idle rules (core/idle.h). */
static idle_place unattended_place(const app *a)
{
	const view_model *m = &a->m;
	session_state st = a->s ? session_get_state(a->s) : SESSION_NOT_STARTED;
	if (st == SESSION_PAUSED)
		return IDLE_PAUSED;
	if (st == SESSION_RUNNING)
		return IDLE_RUNNING;
	if (m->admin != VIEW_ADMIN_NONE)
		return IDLE_AWAY;
	if (m->screen == VIEW_LIBRARY && !m->profile_picker)
		return IDLE_HOME;
	/* home mode's first-run safety screen is where the station rests */
	if (m->screen == VIEW_SAFETY && !a->after_safety_start)
		return IDLE_HOME;
	return IDLE_AWAY;
}

static bool session_active(const app *a)
{
	return a->s && (session_get_state(a->s) == SESSION_RUNNING || session_get_state(a->s) == SESSION_PAUSED);
}

/* Back to the library, closing whatever was open over the screen. */
static void go_home(app *a)
{
	view_model *m = &a->m;
	admin_close(a->adm);
	m->admin = VIEW_ADMIN_NONE;
	m->profile_picker = false;
	m->checkin_target[0] = '\0';
	a->after_safety_start = false;
	a->touching = false;
	go_library(a);
}

/* A session paused for pause_timeout_minutes: ended like a user's end (the
 * journal gets pause_timeout, then step_end/session_end "abandoned"), so the
 * summary shows, and home follows after idle_minutes. */
static void end_paused(app *a, uint64_t now)
{
	if (!a->s || session_get_state(a->s) != SESSION_PAUSED)
		return;
	log_info("a session paused for %d min was ended", a->cfg.pause_timeout_minutes);
	if (a->rec) {
		char fields[64];
		snprintf(fields, sizeof fields, "{\"minutes\":%d}", a->cfg.pause_timeout_minutes);
		recorder_extra(a->rec, now, "pause_timeout", fields);
	}
	a->m.confirm_end = false;
	session_abandon(a->s, now);
	drain_session(a, now);
}

/* Rescans the routine folders after a change (only on the library, never
 * mid-session: nothing may point into the old library). */
static void reload_library(app *a)
{
	view_model *m = &a->m;
	a->lib_stale = false;
	if (a->s) {
		session_free(a->s);
		a->s = NULL;
		m->session = NULL;
		m->summary = NULL;
	}
	if (a->routine && a->routine != a->own) {
		if (a->au)
			audio_prepare_speech(a->au, NULL); /* its thread may read the routine */
		a->routine = NULL;
		a->routine_path = NULL;
		m->routine = NULL;
	}
	library_free(a->lib);
	a->lib = NULL;
	free(a->items);
	a->items = NULL;
	a->nitems = 0;
	go_library(a);
	log_info("routines: %zu loaded, %zu broken (a routine folder changed)", m->nvalid, m->nbroken);
}

/* The first input after dimming wakes the screen and does nothing else
 * (returns true); every input restarts the idle time. */
static bool wake_input(app *a, uint64_t now)
{
	if (!a->idle || !idle_input(a->idle, now))
		return false;
	a->m.dimmed = false;
	a->dirty = true;
	log_debug("input: the dimmed screen wakes");
	return true;
}

static void pin_entered(app *a, uint64_t now)
{
	if (admin_submit(a->adm, now)) {
		if (!session_active(a))
			go_library(a); /* under the admin page, so a rescan can apply */
		load_library(a);
		size_t nv = a->lib ? library_count(a->lib) : 0, nb = a->nitems - nv;
		log_info("admin: PIN accepted; %zu routines, %zu broken files", nv, nb);
		for (size_t i = 0; i < nb; i++)
			log_info("admin: broken: %s", a->items[nv + i].error ? a->items[nv + i].error : a->items[nv + i].path);
	} else {
		log_warn("admin: wrong PIN");
	}
}

/* "Leave kiosk": ends a session like a stop would, then the app exits with
 * APP_EXIT_ADMIN. */
static void leave_kiosk(app *a, uint64_t now)
{
	log_info("admin: leaving the kiosk (exit status %d: systemd does not restart it)", APP_EXIT_ADMIN);
	SDL_Event q;
	q.type = SDL_QUIT;
	handle_sdl(a, &q, now);
	a->exit_code = APP_EXIT_ADMIN;
}

/* Keys on the admin overlays: digits, Backspace, Enter, Escape. */
static void pin_pad_key(app *a, const char *name, uint64_t now)
{
	a->dirty = true;
	if (name[0] >= '0' && name[0] <= '9' && (!name[1] || strncmp(name, "keypad ", 7) == 0))
		press(a, VIEW_BTN_PIN_DIGIT, name[0] - '0', now);
	else if (strncmp(name, "keypad ", 7) == 0 && name[7] >= '0' && name[7] <= '9' && !name[8])
		press(a, VIEW_BTN_PIN_DIGIT, name[7] - '0', now);
	else if (strcmp(name, "backspace") == 0)
		press(a, VIEW_BTN_PIN_ERASE, 0, now);
	else if ((strcmp(name, "return") == 0 || strcmp(name, "keypad enter") == 0) && a->m.admin == VIEW_ADMIN_PIN)
		press(a, VIEW_BTN_PIN_OK, 0, now);
	else if (strcmp(name, "escape") == 0 || strcmp(name, "return") == 0)
		press(a, VIEW_BTN_ADMIN_CLOSE, 0, now);
}

/* The model's admin fields from core/admin. */
static void sync_admin(app *a, uint64_t now)
{
	static const view_admin map[] = { VIEW_ADMIN_NONE, VIEW_ADMIN_PIN, VIEW_ADMIN_NO_PIN, VIEW_ADMIN_PAGE };
	view_model *m = &a->m;
	view_admin want = map[admin_get_state(a->adm)];
	const char *msg = admin_message(a->adm, now);
	int len = (int)admin_entered(a->adm);
	if (want != m->admin || msg != m->admin_message || len != m->pin_len)
		a->dirty = true;
	m->admin = want;
	m->admin_message = msg;
	m->pin_len = len;
	m->watching = a->watching[0] ? a->watching : NULL;
}

/* Once per loop turn: the corner hold, idle home, pause timeout, dimming,
 * and a pending rescan of the routine folders. */
static void unattended(app *a, uint64_t now)
{
	view_model *m = &a->m;
	if (a->adm) {
		if (admin_due(a->adm, now)) {
			a->touching = false; /* the press that held the corner does not act */
			log_info("admin: corner held %d s", ADMIN_HOLD_MS / 1000);
		}
		sync_admin(a, now);
	}
	if (a->idle) {
		idle_set_place(a->idle, unattended_place(a), now);
		idle_action ac;
		while ((ac = idle_due(a->idle, now)) != IDLE_NOTHING) {
			log_debug("idle: %s at %llu ms", idle_action_name(ac), (unsigned long long)now);
			if (ac == IDLE_GO_HOME)
				go_home(a);
			else if (ac == IDLE_END_PAUSED)
				end_paused(a, now);
			if (a->adm)
				sync_admin(a, now);
			idle_set_place(a->idle, unattended_place(a), now);
		}
		if (m->dimmed != idle_is_dimmed(a->idle)) {
			m->dimmed = idle_is_dimmed(a->idle);
			a->dirty = true;
		}
	}
	if (a->lib_stale && m->screen == VIEW_LIBRARY && !session_active(a))
		reload_library(a);
}

/* Called by the folder watcher's thread: wake the loop with an SDL event. */
static void unattended_wake(void *user)
{
	app *a = user;
	SDL_Event e;
	SDL_zero(e);
	e.type = a->dw_event;
	SDL_PushEvent(&e);
}

/* The idle rules, the admin exit and the folder watcher (after SDL is up). */
static void unattended_open(app *a)
{
	const config *c = &a->cfg;
	idle_config ic = { (uint64_t)c->idle_minutes * 60000, (uint64_t)c->pause_timeout_minutes * 60000,
	                   (uint64_t)c->dim_minutes * 60000 };
	a->idle = idle_new(&ic, now_ms(a));
	a->adm = admin_new(c->admin_pin);
	if (a->m.kiosk && !c->admin_pin[0])
		log_warn("kiosk mode without \"admin_pin\" in the config: the kiosk cannot be left from the screen");
	if (a->fast)
		return; /* a virtual clock: file changes would make runs differ */
	char dirs[PATHS_MAX_ROUTINE_DIRS][PATHS_MAX];
	const char *ptrs[PATHS_MAX_ROUTINE_DIRS];
	size_t n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	size_t len = 0;
	for (size_t i = 0; i < n; i++) {
		ptrs[i] = dirs[i];
		len += (size_t)snprintf(a->watching + len, len < sizeof a->watching ? sizeof a->watching - len : 0,
		                        "%s%.150s", i ? ", " : "Watching for new routines: ", dirs[i]);
		if (len >= sizeof a->watching)
			len = sizeof a->watching - 1;
	}
	Uint32 t = SDL_RegisterEvents(1);
	if (t == (Uint32)-1)
		return;
	a->dw_event = t;
	char err[256];
	a->dw = dirwatch_new(ptrs, n, unattended_wake, a, err, sizeof err);
	if (!a->dw)
		log_warn("routine folders are not watched (%s): new routines appear after a restart", err);
	else
		log_debug("watching %zu routine folder%s", dirwatch_count(a->dw), dirwatch_count(a->dw) == 1 ? "" : "s");
}

/* Feeds the scripted inputs that are due. */
static void feed_script(app *a, uint64_t now)
{
	while (a->have_script && a->scr_next < a->scr.count && a->scr.events[a->scr_next].ms <= now) {
		const script_event *e = &a->scr.events[a->scr_next++];
		switch (e->input) {
		case SCRIPT_PEDAL:
		case SCRIPT_PEDAL2:
			if (!(e->down && wake_input(a, now)))
				gesture_edge(a->g, e->input == SCRIPT_PEDAL ? 0 : 1, e->down, e->ms);
			a->dirty = true;
			break;
		case SCRIPT_KEY:
			key(a, e->key, e->down, false, e->ms, now);
			break;
		case SCRIPT_TOUCH:
			/* Draw first so that the targets match what is on screen now. */
			if (a->dirty)
				render(a, now);
			touch(a, e->x, e->y, e->down, now);
			break;
		}
		drain_gestures(a, now);
		drain_session(a, now);
	}
}

/* Waits up to timeout ms (-1: no limit) for an event. SDL 2's own
 * SDL_WaitEventTimeout blocks only on X11/Wayland; elsewhere (KMSDRM, dummy)
 * it polls every millisecond. There we sleep on a semaphore that the event
 * watch posts, so events pushed by other threads wake us at once, and pump
 * SDL's input (evdev touch and keys on KMSDRM) every poll_ms. */
static int wait_event(app *a, SDL_Event *ev, int timeout)
{
	if (a->native_wait || !a->wake)
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
		if (a->poll_ms && left > a->poll_ms)
			left = a->poll_ms;
		SDL_SemWaitTimeout(a->wake, (Uint32)(left > 3600000 ? 3600000 : left));
	}
}

static uint64_t earliest(uint64_t x, uint64_t y)
{
	return x < y ? x : y;
}

/* On KMSDRM (seen in QEMU with virtio-gpu and with -vga std) the first
 * presented frame can stay black until the next redraw: presenting twice at
 * once does not help, a later one does (the display pipeline is apparently
 * not scanning out yet right after the mode set). So the first frame is drawn
 * again 1 s and 3 s later: two frames, once, cheap everywhere, and the idle
 * loop stays asleep otherwise. Not with --fast (a virtual clock has no
 * display to wait for). The moment of the next such redraw, or APP_NO_WAKE. */
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
	w = earliest(w, station_next_wake(a->fleet, now));
	/* systemd's watchdog: an idle app still pings (monotonic ms -> app clock). */
	uint64_t wd = watchdog_next(a->wd);
	if (!a->fast && wd != WATCHDOG_NEVER)
		w = earliest(w, wd > a->mono0 ? wd - a->mono0 : 0);
	if (a->have_script && a->scr_next < a->scr.count)
		w = earliest(w, a->scr.events[a->scr_next].ms);
	if (a->s)
		w = earliest(w, session_next_deadline(a->s));
	if (a->g)
		w = earliest(w, gesture_next_deadline(a->g));
	if (a->m.flash_until > now)
		w = earliest(w, a->m.flash_until);
	if (!a->fast && a->s && a->m.screen == VIEW_RUN && session_get_state(a->s) == SESSION_RUNNING) {
		/* The countdown shows whole seconds: wake when the shown one changes. */
		uint64_t rem = session_entry_remaining_ms(a->s, now);
		uint64_t part = rem % 1000;
		w = earliest(w, now + (part ? part : 1000));
	}
	if (!a->fast && a->g && gesture_is_down(a->g, 0) && gesture_hold_progress(a->g, 0, now) < 1.0f)
		w = earliest(w, now + APP_ANIM_MS);
	if (a->idle)
		w = earliest(w, idle_deadline(a->idle));
	if (a->adm)
		w = earliest(w, admin_deadline(a->adm));
	return w;
}

/* With --input: done when the script is and the routine is finished (or none
 * was ever started). */
static bool script_finished(const app *a)
{
	if (!a->have_script || a->scr_next < a->scr.count)
		return false;
	if (a->g && gesture_next_deadline(a->g) != GESTURE_NO_DEADLINE)
		return false; /* a gesture is still being recognised */
	if (!a->started_ever)
		return true;
	/* no session: a rescan of the library freed the finished one */
	return !a->s || session_get_state(a->s) == SESSION_FINISHED;
}

static int load_script(app *a)
{
	size_t len = 0;
	char *txt = paths_read_file(a->o->input, 4 * 1024 * 1024, &len);
	if (!txt) {
		log_error("%s: %s", a->o->input, strerror(errno));
		return -1;
	}
	char err[256];
	int rc = script_parse(&a->scr, txt, len, err, sizeof err);
	free(txt);
	if (rc < 0) {
		log_error("%s:%s", a->o->input, err);
		return -1;
	}
	a->have_script = true;
	return 0;
}

static void pedal_map_text(app *a)
{
	const gesture_config *gc = &a->cfg.gesture;
	snprintf(a->m.pedal_map, sizeof a->m.pedal_map,
	         "tap \xE2\x86\x92 %s, hold %.1f s \xE2\x86\x92 %s", gesture_action_name(gc->map[0][GESTURE_TAP]),
	         gc->hold_ms / 1000.0, gesture_action_name(gc->map[0][GESTURE_HOLD]));
}

/* The gym fleet: tell it what the station is doing, act on its commands
 * (reload the library when idle, show the station name on "identify"). */
static void fleet_sync(app *a, uint64_t now)
{
	if (!a->fleet)
		return;
	fleet_state fs = {0};
	session_state ss = a->s ? session_get_state(a->s) : SESSION_NOT_STARTED;
	fs.in_session = ss == SESSION_RUNNING || ss == SESSION_PAUSED;
	fs.paused = ss == SESSION_PAUSED;
	if (fs.in_session && a->routine) {
		const char *slash = a->routine_path ? strrchr(a->routine_path, '/') : NULL;
		fs.routine = routine_title(a->routine);
		fs.routine_file = slash ? slash + 1 : a->routine_path;
		fs.step = (int)session_current(a->s) + 1;
		fs.steps = (int)routine_length(a->routine);
	}
	fs.nfaults = station_faults(&a->cfg, a->fs, a->au, a->rec && recorder_failed(a->rec),
	                            fs.faults, FLEET_MAX_FAULTS);
	station_update(a->fleet, &fs);
	if (station_actions(a->fleet, true, now) & FLEET_DO_RELOAD) {
		/* rescanned by unattended() once on the library, never mid-session */
		log_info("fleet: routines changed; rescanning the library");
		a->lib_stale = true;
	}
	if (station_identify_changed(a->fleet, now))
		a->dirty = true;
}

static void run_loop(app *a)
{
	SDL_Event ev;
	while (!a->quit) {
		uint64_t now = now_ms(a);
		if (app_signalled) {
			SDL_Event q;
			q.type = SDL_QUIT;
			handle_sdl(a, &q, now);
			break;
		}
		watchdog_tick(a->wd, clock_now_ms());
		feed_script(a, now);
		while (SDL_PollEvent(&ev))
			handle_sdl(a, &ev, now);
		drain_gestures(a, now);
		drain_session(a, now);
		fleet_sync(a, now);
		unattended(a, now);
		if (a->s && a->m.screen == VIEW_RUN && session_get_state(a->s) == SESSION_RUNNING &&
		    session_entry_remaining_ms(a->s, now) / 1000 != a->shown_second)
			a->dirty = true;
		if (a->g && gesture_is_down(a->g, 0))
			a->dirty = true;
		if (a->m.flash_until && a->m.flash_until <= now) {
			a->m.flash_until = 0;
			a->dirty = true;
		}
		if (refresh_due(a) <= now) {
			a->refreshes_done++;
			while (refresh_due(a) <= now && a->refreshes_done < APP_REFRESHES)
				a->refreshes_done++;
			a->dirty = true;
			if (a->trace)
				log_debug("refresh redraw at %llu ms", (unsigned long long)now);
		}
		if (a->dirty)
			render(a, now);
		if (script_finished(a))
			break;
		if (a->quit)
			break; /* (the admin's Leave kiosk): the virtual clock stays where it left */
		uint64_t w = next_wake(a, now);
		if (a->fast) {
			if (w == APP_NO_WAKE) {
				if (a->have_script)
					log_info("--input: nothing left to happen at %llu ms; stopping",
					      (unsigned long long)now);
				break;
			}
			if (w > a->vnow)
				a->vnow = w;
			continue;
		}
		int timeout = w == APP_NO_WAKE ? -1 : w <= now ? 0 : (int)(w - now > 3600000 ? 3600000 : w - now);
		int got = wait_event(a, &ev, timeout);
		if (got)
			handle_sdl(a, &ev, now_ms(a));
	}
}

int app_main(const cli_options *o)
{
	app *a = calloc(1, sizeof *a);
	if (!a)
		return 1;
	a->o = o;
	a->mono0 = clock_now_ms();
	a->wd = watchdog_open(a->mono0);
	a->trace = getenv("UNKNOT_TRACE") && strcmp(getenv("UNKNOT_TRACE"), "0") != 0;
	a->exit_code = 0;
	int rc = 1;
	if (load_config(a) < 0)
		goto out;
	if (o->input && load_script(a) < 0)
		goto out;
	a->fast = o->fast && a->have_script;
	a->shot_dir = o->screenshot;
	if (o->journal)
		snprintf(a->journal, sizeof a->journal, "%s", o->journal);
	else if (paths_journal(a->journal, sizeof a->journal, a->cfg.profile) < 0)
		a->journal[0] = '\0';
	if (o->nfiles == 1) {
		char err[512];
		a->own = library_load_file(o->files[0], err, sizeof err);
		if (!a->own) {
			log_error("%s", err);
			goto out;
		}
		a->routine_path = o->files[0];
	}

	SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) < 0) {
		log_error("cannot start SDL video: %s", SDL_GetError());
		goto out;
	}
	SDL_DisableScreenSaver();
	a->rot = o->rotate >= 0 ? o->rotate : a->cfg.rotate;
	if (open_window(a) < 0)
		goto out_sdl;
	char err[1200];
	a->txt = text_new(a->ren, a->cfg.font, err, sizeof err);
	if (!a->txt) {
		log_error("%s", err);
		goto out_sdl;
	}
	if (err[0]) { /* the configured font could not be used: say which one is */
		log_warn("%s", err);
		snprintf(a->notice, sizeof a->notice, "%.250s", err);
		a->m.notice = a->notice;
	}
	a->v.r = a->ren;
	a->v.txt = a->txt;
	layout_compute(&a->v.L, a->lw, a->lh);

	gesture_config gc = a->cfg.gesture;
	a->g = gesture_new(&gc);
	audio_options ao;
	audio_options_default(&ao);
	ao.volume = a->cfg.volume;
	ao.mute = a->cfg.mute;
	ao.voice = a->cfg.voice;
	ao.epoch_ms = a->mono0; /* the audio log's times are on the session clock */
	a->au = audio_open(&ao);
	if (a->au && audio_problem(a->au)) {
		log_warn("%s", audio_problem(a->au));
		snprintf(a->notice, sizeof a->notice, "%s", audio_problem(a->au));
		a->m.notice = a->notice;
	}
	if (!a->fast) {
		a->fs = footswitch_new(&a->cfg, NULL, err, sizeof err);
		if (!a->fs)
			log_warn("foot switch: %s", err);
	}
	if (a->journal[0])
		a->rec = recorder_new(a->journal, a->cfg.profile, clock_wall_ms(), now_ms(a));
	a->fleet = station_new(&a->cfg, a->journal);
	a->bm = bodymap_view_load(err, sizeof err);
	if (!a->bm)
		log_warn("body map: %s", err);

	view_model *m = &a->m;
	m->kiosk = o->kiosk || a->cfg.mode == CONFIG_MODE_KIOSK;
	m->reminder = safety_reminder();
	m->skip_text = safety_skip_offer();
	m->ease_text = safety_ease_off(ROUTINE_TOOL_NONE);
	m->bodymap = a->bm;
	m->volume = a->au ? audio_volume(a->au) : a->cfg.volume;
	m->mute = a->cfg.mute;
	m->rotate = a->rot;
	m->audio_ok = a->au && audio_available(a->au);
	m->has_history = a->journal[0] != '\0';
	load_profiles(a);
	pedal_map_text(a);
	unattended_open(a);

	a->safety_ok = !m->kiosk && safety_accepted_before();
	if (a->own) {
		open_preview(a, a->own, a->routine_path);
		if (!a->safety_ok && !m->kiosk)
			m->screen = VIEW_SAFETY;
	} else if (!a->safety_ok) {
		m->screen = VIEW_SAFETY;
	} else {
		go_library(a);
	}
	a->dirty = true;
	run_loop(a);
	watchdog_stopping(a->wd);
	rc = a->exit_code;
	if (a->trace) {
		FILE *f = fopen("/proc/self/status", "r");
		char line[128];
		while (f && fgets(line, sizeof line, f))
			if (strncmp(line, "VmHWM:", 6) == 0)
				log_debug("peak RSS %s", line + 6 + strspn(line + 6, " \t"));
		if (f)
			fclose(f);
		log_debug("exit after %llu ms, cpu %llu ms", (unsigned long long)now_ms(a),
		      (unsigned long long)cpu_ms());
	}

out_sdl:
	dirwatch_free(a->dw); /* its thread pushes SDL events: before SDL_Quit */
	idle_free(a->idle);
	admin_free(a->adm);
	station_free(a->fleet);
	recorder_free(a->rec);
	session_free(a->s);
	footswitch_free(a->fs);
	audio_close(a->au);
	gesture_free(a->g);
	bodymap_view_free(a->bm);
	text_free(a->txt);
	if (a->target)
		SDL_DestroyTexture(a->target);
	signals_reset();
	if (a->wake) {
		SDL_DelEventWatch(wake_watch, a);
		SDL_DestroySemaphore(a->wake);
	}
	if (a->ren)
		SDL_DestroyRenderer(a->ren);
	if (a->win)
		SDL_DestroyWindow(a->win);
	SDL_Quit();
out:
	history_free(a->hist);
	library_free(a->lib);
	free(a->items);
	routine_free(a->own);
	free(a->entry_actual);
	free(a->entry_done);
	free(a->pixels);
	if (a->have_script)
		script_free(&a->scr);
	watchdog_free(a->wd);
	free(a);
	return rc;
}
