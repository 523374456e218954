/* ctl: the controller. The state of every screen and the rules that move
 * between them (buttons, pedal actions, keys, gestures, session events, the
 * summary, the preview, profiles, the kiosk admin exit, idle, dimming and the
 * paused-session timeout), with no SDL and no files.
 *
 * Inputs are plain values: a button id and its argument, a pedal edge, an
 * action, a key name, a touch on a target, the time `now` (ms on the app's
 * clock, virtual in tests and with --fast). Everything the controller makes
 * happen outside itself (play a cue, speak, write a journal line, read the
 * wall clock, load the library or a history, save the safety marker) goes
 * through the ctl_effects table, so a unit test runs it with fakes on a
 * virtual clock. The shell (app.c) draws ctl_model() and sleeps until
 * ctl_next_deadline(); --simulate (simulate.c) drives the same controller
 * without a screen.
 *
 * Quitting is a result (ctl_quit()), not an event: the admin's "Leave kiosk"
 * sets it with CTL_EXIT_ADMIN.
 */
#ifndef UNKNOT_CTL_H
#define UNKNOT_CTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/history.h"
#include "core/routine.h"
#include "core/session.h"
#include "ui/model.h"

#define CTL_NO_DEADLINE UINT64_MAX
#define CTL_EXIT_ADMIN 64        /* the kiosk was left from the admin page */
#define CTL_MARKER "safety-accepted"

typedef struct ctl ctl;

/* What the controller asks of the world. Every function gets `user`. Any
 * member may be NULL: nothing happens (a NULL library_load is an empty
 * library, a NULL history_load no history). */
typedef struct {
	void *user;
	/* The routine folders as items, valid routines first then broken files
	 * (*nvalid, *nbroken). Items stay valid until library_free. -1 on failure. */
	int (*library_load)(void *user, const view_routine **items, size_t *nvalid, size_t *nbroken);
	void (*library_free)(void *user);
	/* Items [from, from + n) are about to be shown: parse the routines an
	 * index listed without parsing (their items' r, or error when a file no
	 * longer validates). NULL: every item came parsed. */
	void (*library_show)(void *user, size_t from, size_t n);
	/* The history of journal `path` (read once), or NULL. Caller (the
	 * controller) frees with history_free. */
	history *(*history_load)(void *user, const char *path);
	/* Profile `id` ("" = the default) becomes current: its journal is written
	 * from now on; its path goes to path ("" when there is none). */
	void (*journal_switch)(void *user, const char *id, char *path, size_t size);
	/* Journals a session event. Returns the problem to show ("" or NULL when
	 * none); *line gets the line written (borrowed until the next call) or NULL. */
	const char *(*journal_event)(void *user, const session *s, const session_event *ev, uint64_t now,
	                             const char **line);
	/* The journal lines owed an fsync made durable, once the events' cues
	 * are handed over (recorder_settle). Returns the problem to show or "". */
	const char *(*journal_settle)(void *user);
	/* Journals an extra event ("checkin", "pause_timeout") with its fields (a
	 * JSON object); *line as for journal_event. */
	void (*journal_extra)(void *user, uint64_t now, const char *event, const char *fields,
	                      const char **line);
	/* Audio: announce entry idx, stop speaking, play a cue (false when it
	 * cannot be heard: the screen flashes instead), prepare a routine's speech. */
	void (*speak)(void *user, size_t idx);
	void (*stop_speech)(void *user);
	bool (*play_cue)(void *user, cue_kind cue, uint64_t ms);
	void (*prepare_speech)(void *user, const routine *r);
	/* Speaks a sentence of advice (borrowed for the call). */
	void (*say)(void *user, const char *text);
	/* The one audio schedule (app/ctl_voice.c, core/voicesched.c): how long
	 * cue k sounds (ms); how long entry idx's announcement lasts in form
	 * `variant` (0 whole, 1 target and side; 0 ms: nothing to say or not
	 * rendered yet) and speak it delay_ms from now; how long a sentence
	 * lasts spoken and say it delay_ms from now. Any may be NULL: no schedule. */
	uint32_t (*cue_ms)(void *user, cue_kind k);
	/* Cue k, due at ms (the app clock), starts delay_ms from now: queued
	 * into the audio ahead, so a busy loop cannot make it late (false: it
	 * cannot be heard); cancel_cues silences those not sounding yet. */
	bool (*queue_cue)(void *user, cue_kind k, uint64_t ms, uint32_t delay_ms);
	void (*cancel_cues)(void *user);
	uint32_t (*speech_ms)(void *user, size_t idx, int variant);
	void (*speak_at)(void *user, size_t idx, int variant, uint32_t delay_ms);
	uint32_t (*say_ms)(void *user, const char *text);
	void (*say_at)(void *user, const char *text, uint32_t delay_ms);
	void (*set_volume)(void *user, int volume);
	void (*set_mute)(void *user, bool mute);
	/* Spoken words on or off (the voice setting: names and full are on). */
	void (*set_voice)(void *user, bool on);
	/* The wall clock (ms since the epoch, UTC) and the local offset (minutes). */
	uint64_t (*wall_ms)(void *user);
	int (*tz_offset_min)(void *user);
	/* Remembers that the safety screen was accepted (home mode). */
	void (*safety_remember)(void *user);
	/* Items per page of the library and of the preview timeline (layout). */
	int (*library_per_page)(void *user);
	int (*preview_per_page)(void *user, const view_model *m);
	/* F12: save the screen now. */
	void (*screenshot)(void *user);
	/* Trace figures at a session's start and end (the shell's CPU and frames). */
	void (*session_trace)(void *user, bool end, uint64_t now);
	/* The pain finder's "Make my routine" (issue 20): the routine for the n
	 * areas ("temple:left", "low-back"), built as --build-routine builds it,
	 * kept in the user's routine folder when `save` (else in memory only: the
	 * kiosk). Returns it (owned by the effects, valid as long as they are)
	 * and *path its file (unsaved: a name), or NULL with the reason in err. */
	const routine *(*finder_make)(void *user, const char *const *areas, size_t n, bool save,
	                              const char **path, char *err, size_t errsize);
} ctl_effects;

/* How the controller starts. Pointers are borrowed for its lifetime. */
typedef struct {
	const config *cfg;           /* copied */
	bool kiosk;                  /* kiosk mode (config or --kiosk) */
	bool fixed_journal;          /* --journal: no profiles */
	const char *journal;         /* the journal path, "" for none */
	const routine *own;          /* a routine from the command line, or NULL */
	const char *own_path;
	bool safety_accepted;        /* home mode: accepted before (the marker) */
	bool trace;                  /* debug lines */
	int safety_pages;            /* pages of the Safety page */
	int rotate;                  /* 0, 90, 180, 270 */
	int volume;
	bool audio_ok;
	const char *notice;          /* a problem to show from the start, or NULL */
	const bodymap_view *bodymap; /* may be NULL */
	const char *const *journal_profiles; /* profiles that have a journal (profiles_scan) */
	size_t njournal_profiles;
	const char *watching;        /* "Watching for new routines: ..." or NULL */
	bool no_confirm;             /* abandon without asking (--simulate has no screen to ask on) */
	const painmap *painmap;      /* the pain finder's areas and muscles, or NULL (no finder) */
	const char *language;        /* the language in use ("en", "de"), or NULL */
	const char (*languages)[8];  /* the languages the Settings row steps through */
	size_t nlanguages;
} ctl_options;

/* A controller on the first screen (safety, or the library, or the preview
 * of opts->own), at app time now. NULL when out of memory. Caller frees. */
ctl *ctl_new(const ctl_options *opts, const ctl_effects *fx, uint64_t now);
void ctl_free(ctl *c); /* NULL is fine */

/* What the screens draw. Borrowed: valid until the next call into c. */
const view_model *ctl_model(const ctl *c);
/* The model for a frame drawn at now (the pedal's level and hold fill). */
const view_model *ctl_frame(ctl *c, uint64_t now);
/* The history of the current profile (the History screen), or NULL. */
const history *ctl_history(const ctl *c);

/* ---- inputs ---- */
/* A touch target activated (the shell hit-tested it). */
void ctl_button(ctl *c, view_button_id id, int arg, uint64_t now);
/* A pedal gesture's action, or a key's (config_action / gesture_action). */
void ctl_action(ctl *c, int action, uint64_t now);
/* A pedal edge at time ms (input 0 or 1). */
void ctl_pedal_edge(ctl *c, int input, bool down, uint64_t ms, uint64_t now);
/* A key by its lower-case SDL name ("return", "space", "f12"), edge at ms. */
void ctl_key(ctl *c, const char *name, bool down, bool repeat, uint64_t ms, uint64_t now);
/* A touch down or up on target id/arg (VIEW_BTN_NONE: none); in_corner: it
 * is in the kiosk admin corner. The release on the same target presses it. */
void ctl_touch(ctl *c, bool down, view_button_id id, int arg, bool in_corner, uint64_t now);
/* A finger or mouse moved; in_corner as for ctl_touch. */
void ctl_touch_motion(ctl *c, bool in_corner);
/* Opens routine r (file path) and starts a session on it at now, as the
 * preview's Start does (--simulate; the safety screen is not asked). */
void ctl_start(ctl *c, const routine *r, const char *path, uint64_t now);
/* The window is closing or the app is asked to stop: a running session
 * ends properly (journaled), then ctl_quit() is true. */
void ctl_stop(ctl *c, uint64_t now);
/* The routine folders changed: rescan once back on the library. */
void ctl_library_changed(ctl *c);
/* A problem to show in one line (pedal, audio, font). */
void ctl_notice(ctl *c, const char *text);
/* The sound opened after the first frame (app/shell_open.c): whether there
 * is a device (Settings says "No audio device"), and what went wrong, shown
 * as the notice (NULL: nothing). */
void ctl_audio_opened(ctl *c, bool ok, const char *problem);
/* The pedal status line for the settings screen. */
void ctl_pedal_status(ctl *c, const char *text);

/* Fleet-wide settings (issue 23; -1: not set): the volume and the idle and
 * pause timeouts (minutes) become the configured ones, applied at once when
 * no session runs, else when it is over. */
void ctl_fleet_settings(ctl *c, int volume, int idle_minutes, int pause_minutes, uint64_t now);
/* Why the fleet cannot connect (station_fleet_fault), or NULL: shown on the
 * kiosk admin page. Copied. */
void ctl_fleet_fault(ctl *c, const char *text);

/* Runs what is due at now: gestures, the session, idle, admin. */
void ctl_tick(ctl *c, uint64_t now);
/* The next moment something can change on its own, CTL_NO_DEADLINE if
 * none. With animate, also the countdown's next second and the hold fill. */
uint64_t ctl_next_deadline(const ctl *c, uint64_t now, bool animate);

/* ---- results ---- */
/* Something visible changed since the last ctl_drawn(). */
bool ctl_dirty(const ctl *c);
/* The shell drew the model at now. */
void ctl_drawn(ctl *c, uint64_t now);
/* Quit requested; *code gets the exit status (0, or CTL_EXIT_ADMIN). */
bool ctl_quit(const ctl *c, int *code);
/* A gesture is still being recognised, a session exists, it is finished. */
bool ctl_gesture_pending(const ctl *c);
bool ctl_started_ever(const ctl *c);
session_state ctl_session_state(const ctl *c);
/* The pressed target to draw pressed, or false. */
bool ctl_pressed(const ctl *c, view_button_id *id, int *arg);
/* The current routine and its file (fleet status), or NULL. */
const routine *ctl_routine(const ctl *c, const char **path);
/* The session (the last one once finished), or NULL. */
const session *ctl_session(const ctl *c);

#endif
