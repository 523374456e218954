/* shell_open: the shell's start-up: the config, the input script, audio,
 * the foot switch, the journal, the fleet, the folder watcher, and the
 * controller with its effects wired to the world (fx.c) and the screen. */
#include "app/app_shell.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "app/finder_make.h"
#include "core/i18n.h"
#include "io/bodymapfile.h"
#include "io/clock.h"
#include "io/configfile.h"
#include "io/i18n.h"
#include "io/log.h"
#include "io/marker.h"
#include "io/painmapfile.h"
#include "io/paths.h"
#include "io/procstat.h"
#include "io/speech.h"
#include "io/profiles.h"
#include "ui/screen_library.h"
#include "ui/screen_preview.h"
#include "ui/screen_safety.h"

static uint64_t cpu_ms(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return (uint64_t)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
	       (uint64_t)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
}

static uint64_t app_clock(void *user)
{
	return app_now(user);
}

static void fx_screenshot(void *user)
{
	app *a = ((fx_world *)user)->shell;
	uint64_t now = app_now(a);
	const char *d = a->o->screenshot;
	char dir[PATHS_MAX];
	if (!d) {
		snprintf(dir, sizeof dir, "%s", getenv("HOME") ? getenv("HOME") : "/tmp");
		d = dir;
	}
	app_render(a, now);
	window_screenshot(&a->w, d, app_shot_name(a), true, now);
}

static int fx_library_per_page(void *user)
{
	const app *a = ((fx_world *)user)->shell;
	return screen_library_per_page(&a->v.L);
}

static int fx_preview_per_page(void *user, const view_model *m)
{
	const app *a = ((fx_world *)user)->shell;
	return screen_preview_per_page(&a->v.L, m);
}

/* The pain finder's "Make my routine" (app/finder_make.c). */
static const routine *fx_finder_make(void *user, const char *const *areas, size_t n, bool save, const char **path,
                                     char *err, size_t errsize)
{
	app *a = ((fx_world *)user)->shell;
	if (!a->maker && !(a->maker = finder_make_new())) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	return finder_make_routine(a->maker, areas, n, save, path, err, errsize);
}

static void fx_session_trace(void *user, bool end, uint64_t now)
{
	app *a = ((fx_world *)user)->shell;
	if (!end) {
		a->session_cpu0 = cpu_ms();
		a->session_frames0 = a->frames;
		a->session_render0 = a->render_us;
		a->session_rects0 = a->rect_frames;
		a->session_t0 = now;
		return;
	}
	if (!a->trace)
		return;
	uint64_t c = cpu_ms() - a->session_cpu0, t = now - a->session_t0;
	log_debug("session end: %llu ms, cpu %llu ms (%.3f%% of one core), %llu frames, %.1f ms drawing, "
	          "%llu frames only their changed rectangles",
	          (unsigned long long)t, (unsigned long long)c, t ? 100.0 * (double)c / (double)t : 0.0,
	          (unsigned long long)(a->frames - a->session_frames0),
	          (double)(a->render_us - a->session_render0) / 1000.0,
	          (unsigned long long)(a->rect_frames - a->session_rects0));
}

/* ---------------------------------------------------------------- start */

/* The config layers (io/configfile.h); errors name the file. */
int shell_load_config(app *a)
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

int shell_load_script(app *a)
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

/* The folder watcher (after SDL is up; not with a virtual clock: file
 * changes would make runs differ). */
void shell_watch_folders(app *a)
{
	if (a->fast)
		return;
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
	a->dw = dirwatch_new(ptrs, n, app_push_wake, &a->dw_event, err, sizeof err);
	if (!a->dw)
		log_warn("routine folders are not watched (%s): new routines appear after a restart", err);
	else
		log_debug("watching %zu routine folder%s", dirwatch_count(a->dw), dirwatch_count(a->dw) == 1 ? "" : "s");
}

/* Audio, the foot switch, the journal, the fleet and the body map. */
/* The sound: after the first frame (issue 22: SDL_mixer, its decoders and
 * the cues are loaded, and SDL's audio started, while the screen already
 * shows). Nothing can sound before: the user has not acted yet. A problem
 * (no device, a cue missing, no voice for the language) is the notice. */
void shell_open_audio(app *a)
{
	audio_options ao;
	audio_options_default(&ao);
	ao.volume = a->cfg.volume;
	ao.mute = a->cfg.mute;
	ao.voice = a->cfg.voice != CONFIG_VOICE_OFF;
	ao.epoch_ms = a->mono0; /* the audio log's times are on the session clock */
	a->world.au = audio_open(&ao);
	char notice[256] = "";
	if (a->world.au && audio_problem(a->world.au)) {
		log_warn("%s", audio_problem(a->world.au));
		snprintf(notice, sizeof notice, "%s", audio_problem(a->world.au));
	} else if (a->cfg.voice && speech_available() && strcmp(i18n_language(), "en") != 0 &&
	           !speech_has_voice(i18n_language())) { /* said once: tones instead of words */
		snprintf(notice, sizeof notice, _("No voice for this language (%s): tones only"),
		         i18n_language());
		log_warn("espeak-ng has no voice for \"%s\": tones only", i18n_language());
	}
	ctl_audio_opened(a->c, a->world.au && audio_available(a->world.au), notice[0] ? notice : NULL);
	const routine *r = ctl_routine(a->c, NULL); /* opened before: its words are made now */
	if (r && a->world.au)
		audio_prepare_speech(a->world.au, r);
}

void shell_open_devices(app *a)
{
	char err[1200];
	if (!a->fast) {
		a->fs_event = SDL_RegisterEvents(1);
		if (a->fs_event == (Uint32)-1)
			a->fs_event = 0;
		a->fs = footswitch_new(&a->cfg, NULL, app_push_wake, &a->fs_event, err, sizeof err);
		if (!a->fs)
			log_warn("foot switch: %s", err);
	}
	if (a->world.journal[0])
		a->world.rec = recorder_new(a->world.journal, a->cfg.profile, clock_wall_ms(), app_now(a));
	a->world.fleet = station_new(&a->cfg, a->world.journal);
	a->bm = bodymap_view_new(bodymapfile_load(err, sizeof err));
	if (!a->bm)
		log_warn("body map: %s", err);
	a->pm = a->bm ? painmapfile_load(err, sizeof err) : NULL; /* no body map: nothing to tap */
	if (a->bm && !a->pm)
		log_warn("pain finder: %s", err);
}

/* The controller on the first screen, its effects wired to the world. */
int shell_open_controller(app *a, const char *notice)
{
	char ids[VIEW_MAX_PROFILES * 4][PROFILES_ID_MAX];
	const char *idp[VIEW_MAX_PROFILES * 4];
	ctl_options co = {0};
	co.cfg = &a->cfg;
	co.kiosk = a->o->kiosk || a->cfg.mode == CONFIG_MODE_KIOSK;
	co.fixed_journal = a->o->journal != NULL;
	co.journal = a->world.journal;
	co.own = a->own;
	co.own_path = a->own ? a->o->files[0] : NULL;
	co.safety_accepted = !co.kiosk && marker_exists(CTL_MARKER);
	co.trace = a->trace;
	co.safety_pages = screen_safety_page_count();
	co.rotate = a->w.rot;
	co.volume = a->cfg.volume < 0 ? 0 : a->cfg.volume > 100 ? 100 : a->cfg.volume;
	co.audio_ok = true; /* until shell_open_audio says otherwise */
	co.notice = notice[0] ? notice : NULL;
	co.bodymap = a->bm;
	co.painmap = a->pm;
	if (!co.kiosk && !co.fixed_journal) {
		co.njournal_profiles = profiles_scan(ids, VIEW_MAX_PROFILES * 4);
		for (size_t i = 0; i < co.njournal_profiles; i++)
			idp[i] = ids[i];
		co.journal_profiles = idp;
	}
	co.watching = a->watching;
	co.language = i18n_language();
	co.nlanguages = i18n_languages(a->langs, VIEW_MAX_LANGUAGES);
	co.languages = (const char (*)[8])a->langs;
	a->world.mono0 = a->mono0;
	a->world.now = app_clock;
	a->world.now_user = a;
	a->world.shell = a;
	ctl_effects fx = fx_table(&a->world);
	if (a->fast) {
		/* A virtual clock jumps while the audio plays in real time: no
		 * schedule to keep (timings stay those of the routine). */
		fx.cue_ms = NULL;
		fx.queue_cue = NULL;
		fx.cancel_cues = NULL;
		fx.speech_ms = NULL;
		fx.speak_at = NULL;
		fx.say_ms = NULL;
		fx.say_at = NULL;
	}
	fx.screenshot = fx_screenshot;
	fx.library_per_page = fx_library_per_page;
	fx.preview_per_page = fx_preview_per_page;
	fx.session_trace = fx_session_trace;
	fx.finder_make = fx_finder_make;
	a->c = ctl_new(&co, &fx, app_now(a));
	return a->c ? 0 : -1;
}

/* UNKNOT_TRACE: the peak memory and the CPU time at exit. */
void shell_trace_exit(app *a)
{
	if (!a->trace)
		return;
	log_debug("peak RSS %ld kB", procstat_kb("VmHWM"));
	log_debug("exit after %llu ms, cpu %llu ms", (unsigned long long)app_now(a), (unsigned long long)cpu_ms());
}

/* Frees what the start-up opened, in reverse (not SDL nor the window). */
void shell_close(app *a)
{
	dirwatch_free(a->dw); /* its thread pushes SDL events: before SDL_Quit */
	ctl_free(a->c);
	a->c = NULL;
	station_free(a->world.fleet);
	fx_close(&a->world);
	footswitch_free(a->fs);
	audio_close(a->world.au);
	bodymap_view_free(a->bm);
	finder_make_free(a->maker);
	painmap_free(a->pm);
	text_free(a->txt);
}
