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
#define CTL_CHECKIN_HOURS 72    /* a target treated this recently gets a soreness check-in */
#define CTL_PATH_MAX 4096

struct ctl {
	config cfg;
	ctl_effects fx;
	bool trace;
	bool fixed_journal;         /* --journal: no profiles */
	bool no_confirm;            /* abandon without the confirmation dialog */
	bool end_paused;            /* the end dialog paused the session (resume on cancel) */
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
	int checkin_complaint;      /* complaint_trend answered in the same check-in */
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
void ctl_complaint_answer(ctl *c, int trend, uint64_t now);

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

#endif
