/* ctl_internal: the controller's state, shared by its files (ctl.c: inputs
 * and dispatch; ctl_session.c: preview, session, summary; ctl_home.c:
 * library, profiles, idle and the kiosk admin). Not for other modules. */
#ifndef UNKNOT_CTL_INTERNAL_H
#define UNKNOT_CTL_INTERNAL_H

#include "app/ctl.h"
#include "core/admin.h"
#include "core/gesture.h"
#include "core/idle.h"

#define CTL_FLASH_MS 450        /* visual cue flash when a cue cannot be heard */
#define CTL_ANIM_MS 40          /* hold-fill animation frame while the pedal is down */
#define CTL_CUE_AHEAD_MS 600    /* a cue goes into the audio this long before it is due (a loaded machine woke the loop 360 ms late) */
#define CTL_START_ARM_MS 3000    /* the over-treatment warning is shown this long before "Start anyway" */
#define CTL_CHECKIN_HOURS 72    /* a target treated this recently gets a soreness check-in */
#define CTL_PATH_MAX 4096

struct ctl {
	config cfg;
	ctl_effects fx;
	bool trace;
	bool fixed_journal;         /* --journal: no profiles */
	bool no_confirm;            /* abandon without the confirmation dialog */
	bool end_paused;            /* the end dialog paused the session (resume on cancel) */
	bool long_fired;            /* this press of pedal 0 already paused or ended (run screen) */
	uint64_t run_since;         /* when the session started: a press from before it never pauses */
	int safety_pages;
	view_model m;
	bool dirty;
	uint64_t shown_second;      /* countdown second last drawn */

	/* routines */
	const view_routine *items;  /* the library (fx.library_load), NULL until loaded */
	size_t nitems, nvalid;
	bool lib_loaded;
	const routine *own;         /* from the command line */
	const routine *routine;
	const char *routine_path;

	/* session */
	session *s;
	bool started_ever;
	bool after_safety_start;    /* kiosk: start the session once safety is accepted */
	uint64_t *entry_actual;     /* per entry: ms spent (pauses excluded) */
	bool *entry_done;           /* per entry: ended by time or by moving on */
	view_summary summary;

	gesture *g;
	bool key_down[GESTURE_MAX_INPUTS];       /* a pedal key is down (as fed to the recogniser) */
	uint64_t key_edge_ms[GESTURE_MAX_INPUTS]; /* stamp of its last edge fed */
	history *hist;              /* the current profile's (hists[profile]) */
	history *hists[VIEW_MAX_PROFILES]; /* per profile: loaded once, then fed each line written */
	uint64_t hist_wall[VIEW_MAX_PROFILES]; /* wall ms when it was loaded (its "now") */
	bool hist_tried[VIEW_MAX_PROFILES];
	char journal[CTL_PATH_MAX];
	char notice[256];
	bool checkin_done;          /* the check-in for this preview was answered (or not needed) */
	const char *checkin_answer; /* "fine" / "sore" to journal at the session start, or NULL */
	char checkin_target[128];
	int checkin_complaint;      /* complaint_trend derived from the pain score (ctl_pain.c) */
	/* the 0-10 pain check (ctl_pain.c): one item per routine area, or the check-in's target */
	int pain_n;                 /* items to ask about, 0 = no pain check */
	int pain_i;                 /* the item being asked */
	bool pain_after;            /* asking after the session (else before it) */
	char pain_area[ROUTINE_MAX_AREAS][48]; /* painmap area id, "" for the target item */
	char pain_side[ROUTINE_MAX_AREAS][8];  /* "left", "right" or "" */
	char pain_target[128];      /* the check-in's target when the routine names no areas */
	int pain_before[ROUTINE_MAX_AREAS];    /* scores before the session, -1 skipped */
	bool safety_ok;
	view_screen safety_from;    /* where the Safety page was opened from (Back returns there) */
	/* profiles (home mode): [0] = "" (the default journal) */
	char profile_ids[VIEW_MAX_PROFILES][64];
	char profile_names[VIEW_MAX_PROFILES][72];
	bool quit;
	int exit_code;

	/* unattended operation */
	idle_tracker *idle;         /* home after idle, paused session timeout, dimming */
	admin *adm;                 /* kiosk admin exit: corner hold and PIN */
	bool lib_stale;             /* the folders changed: rescan once on the library */
	bool settings_unlocked;     /* kiosk: Settings opened from the admin page (PIN given) */
	int conf_volume;            /* kiosk: the configured state the idle return restores */
	bool conf_mute;
	int conf_rotate;
	/* fleet-wide settings waiting for the session to end (-1: not set) */
	bool fleet_pending;
	int fleet_volume, fleet_idle, fleet_pause;
	char fleet_fault[160];
	const char *watching;

	/* the cue queued into the audio ahead of its time (ctl_voice.c) */
	bool cue_queued;
	cue_kind queued_kind;
	uint64_t queued_at;
	const routine *finder_made; /* the pain finder's last routine (its preview's Back returns to the finder) */

	/* touch */
	bool touching;
	view_button_id press_id;
	int press_arg;
};

/* ctl.c */
void ctl_press(ctl *c, view_button_id id, int arg, uint64_t now);
void ctl_drain_session(ctl *c, uint64_t now);
bool ctl_wake_input(ctl *c, uint64_t now);
bool ctl_session_active(const ctl *c);

/* ctl_session.c */
void ctl_journal_line(ctl *c, const char *line);
void ctl_reload_history(ctl *c);
void ctl_open_preview(ctl *c, const routine *r, const char *path);
void ctl_start_session(ctl *c, uint64_t now);
void ctl_session_event(ctl *c, const session_event *ev, uint64_t now);
void ctl_end_paused(ctl *c, uint64_t now);
void ctl_soreness_answer(ctl *c, bool sore);

/* ctl_pain.c */
int ctl_pain_prepare(ctl *c, const char *target);
void ctl_pain_open(ctl *c, bool after);
void ctl_pain_answer(ctl *c, int score, uint64_t now);
void ctl_pain_journal_before(ctl *c, uint64_t now);
bool ctl_pain_press(ctl *c, view_button_id id, int arg, uint64_t now);
bool ctl_pain_action(ctl *c, int action, uint64_t now);

/* ctl_voice.c: what is said, and when (see there) */
void ctl_voice_step(ctl *c, size_t idx, uint64_t now);
void ctl_voice_prompt(ctl *c, const char *whole, const char *shorter, uint64_t now);
void ctl_voice_setting(ctl *c, int voice);
void ctl_voice_warn(ctl *c, const char *text);
void ctl_cue_ahead(ctl *c, uint64_t now);
uint64_t ctl_cue_ahead_deadline(const ctl *c, uint64_t now);
bool ctl_cue_was_queued(ctl *c, const session_event *ev);
void ctl_cue_cancel(ctl *c);
/* ctl_floor.c */
/* Due work at now (call after the gestures): the very long hold on the run
 * screen (pause, or end); the preview's "Start anyway" countdown redrawn. */
void ctl_floor_tick(ctl *c, uint64_t now);
/* The model's figures for a frame drawn at now: the long hold's fill; the
 * moment "Start anyway" is offered (from the first frame with the warning). */
void ctl_floor_frame(ctl *c, uint64_t now);
/* Start is refused: the over-treatment warning is not confirmable yet. */
bool ctl_start_blocked(const ctl *c, uint64_t now);
/* The next moment these rules act or animate, CTL_NO_DEADLINE if none. */
uint64_t ctl_floor_deadline(const ctl *c, uint64_t now, bool animate);

/* ctl_home.c */
void ctl_go_library(ctl *c);
void ctl_accept_safety(ctl *c, uint64_t now);
void ctl_load_profiles(ctl *c, const ctl_options *o);
void ctl_switch_profile(ctl *c, int i, uint64_t now);
void ctl_pin_entered(ctl *c, uint64_t now);
void ctl_leave_kiosk(ctl *c, uint64_t now);
void ctl_pin_pad_key(ctl *c, const char *name, uint64_t now);
void ctl_unattended(ctl *c, uint64_t now);
void ctl_sync_admin(ctl *c, uint64_t now);
void ctl_library_step(ctl *c, int step, int modulo);
void ctl_library_show(ctl *c);
bool ctl_settings_allowed(ctl *c, view_button_id id);
void ctl_admin_settings(ctl *c);
void ctl_kiosk_restore(ctl *c);
void ctl_fleet_apply(ctl *c, uint64_t now);

/* ctl_finder.c: "Where does it hurt?" (issue 20) */
void ctl_finder_open(ctl *c);
bool ctl_finder_press(ctl *c, view_button_id id, int arg, uint64_t now);
void ctl_finder_action(ctl *c, int action, uint64_t now);
bool ctl_finder_key(ctl *c, const char *name, uint64_t now);

#endif
