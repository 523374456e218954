/* app_shell: the SDL shell's state, shared by app.c (events, drawing, the
 * loop) and shell_open.c (start-up: config, script, devices, controller).
 * Not for other modules. */
#ifndef UNKNOT_APP_SHELL_H
#define UNKNOT_APP_SHELL_H

#include <stdbool.h>
#include <stdint.h>

#include <SDL.h>

#include "app/cli.h"
#include "app/ctl.h"
#include "app/fx.h"
#include "app/window.h"
#include "core/config.h"
#include "core/painmap.h"
#include "core/script.h"
#include "io/dirwatch.h"
#include "io/footswitch.h"
#include "io/watchdog.h"
#include "ui/bodymap_view.h"
#include "ui/text.h"
#include "ui/view.h"

typedef struct {
	const cli_options *o;
	config cfg;
	bool trace;                 /* UNKNOT_TRACE=1: timing lines on stderr */
	uint64_t mono0;             /* CLOCK_MONOTONIC ms at start (app clock zero) */
	ctl *c;                     /* the controller: every screen's state */
	fx_world world;             /* its effects: library, journal, audio */
	window w;
	text *txt;
	view v;
	bool dirty;                 /* the shell's own reasons to redraw (resize, refresh) */
	bool first_frame_done;
	bool audio_tried;           /* shell_open_audio ran (after the first frame) */
	uint64_t first_frame_at;    /* app clock when the first frame was presented */
	int refreshes_done;         /* of the APP_REFRESH_MS redraws after it */
	int traced_w, traced_h;     /* size whose run layout was traced */
	uint64_t frames;            /* frames drawn (trace) */
	uint64_t render_us;         /* thread CPU time spent drawing them (trace) */
	uint64_t session_cpu0, session_t0, session_frames0, session_render0, session_rects0; /* (trace) */
	bool fast;
	uint64_t vnow;              /* virtual clock (fast) */
	script scr;
	bool have_script;
	size_t scr_next;
	routine *own;               /* loaded from the command line */
	footswitch *fs;
	unsigned fs_seq[GESTURE_MAX_INPUTS];
	bool fs_held[GESTURE_MAX_INPUTS]; /* pedal i was down when its line opened (said once) */
	bodymap_view *bm;
	painmap *pm;                /* the pain finder's areas and muscles, NULL without them */
	struct finder_maker *maker; /* "Make my routine" (app/finder_make.h), made on first use */
	watchdog *wd;               /* systemd notify + watchdog, NULL when not under systemd */
	dirwatch *dw;               /* the routine folders; NULL with --fast or without inotify */
	Uint32 dw_event;            /* the SDL event its wake pushes */
	Uint32 fs_event;            /* the SDL event the foot switch's wake pushes */
	char watching[PATHS_MAX_ROUTINE_DIRS * 160];
	char langs[VIEW_MAX_LANGUAGES][8]; /* the languages with a catalogue (Settings) */
	SDL_sem *wake;              /* posted by an event watch whenever an event is queued */
	struct layer *layer;        /* the static layer of the screen shown (frame.c) */
	uint64_t layer_shown;       /* the window shows the layered frame of this key (0: not) */
	uint64_t rect_frames;       /* frames presented as their changed rectangles only (trace) */
} app;

/* app.c */
uint64_t app_now(const app *a);            /* the app clock: ms since start, virtual with --fast */
void app_render(app *a, uint64_t now);     /* draws the model, presents it */
void app_push_wake(void *user);            /* pushes an SDL event of type *(Uint32 *)user */
const char *app_shot_name(const app *a);   /* the screen's name for a screenshot */

/* frame.c */
bool frame_render(app *a, const view_model *m, bool overlays, uint64_t now);
void frame_forget(app *a);                 /* fonts, rotation, language or window changed */

/* shell_open.c */
int shell_load_config(app *a);
int shell_load_script(app *a);
void shell_watch_folders(app *a);
void shell_open_devices(app *a);
void shell_open_audio(app *a);              /* after the first frame, once */
int shell_open_controller(app *a, const char *notice);
void shell_trace_exit(app *a);
void shell_close(app *a);

/* shell_fleet.c: one pass of the fleet (status out, commands in); no-op without one. */
void shell_fleet_sync(app *a, uint64_t now);

#endif
