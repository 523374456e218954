/* model: what the screens draw from (view_model) and the ids of their touch
 * targets, without SDL: the controller (app/ctl.h) fills the model and acts
 * on the ids; ui/view.h adds the drawing context. Defined in ui/view.c:
 * view_button_name() and view_screen_name(). */
#ifndef UNKNOT_MODEL_H
#define UNKNOT_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cues.h"
#include "core/gesture.h"
#include "core/painmap.h"
#include "core/routine.h"
#include "core/session.h"

typedef struct bodymap_view bodymap_view;

typedef enum {
	VIEW_SAFETY = 0,
	VIEW_LIBRARY,
	VIEW_PREVIEW,
	VIEW_RUN,       /* paused and confirm-end are overlays of the run screen */
	VIEW_SUMMARY,
	VIEW_SETTINGS,
	VIEW_HISTORY,
	VIEW_SAFETY_PAGE, /* the Safety page: safety_details() and aftercare, paged */
	VIEW_FINDER,      /* "Where does it hurt?": the pain finder (issue 20) */
	VIEW_SCREEN_COUNT
} view_screen;

/* Touch targets. */
typedef enum {
	VIEW_BTN_NONE = 0,
	VIEW_BTN_ACCEPT,      /* safety accepted */
	VIEW_BTN_CARD,        /* library card, arg = routine index */
	VIEW_BTN_PAGE_PREV,   /* previous page (library, preview timeline) */
	VIEW_BTN_PAGE_NEXT,
	VIEW_BTN_SETTINGS,
	VIEW_BTN_HISTORY,
	VIEW_BTN_SAFETY_PAGE, /* show the safety page again */
	VIEW_BTN_BACK,
	VIEW_BTN_START,
	VIEW_BTN_ROW,         /* preview timeline row, arg = entry index */
	VIEW_BTN_PAUSE,       /* pause / resume */
	VIEW_BTN_PREV,
	VIEW_BTN_NEXT,
	VIEW_BTN_EXTEND,
	VIEW_BTN_END,         /* asks to confirm */
	VIEW_BTN_END_CONFIRM,
	VIEW_BTN_END_CANCEL,
	VIEW_BTN_SKIP,        /* skip offered after a second discomfort */
	VIEW_BTN_DISCOMFORT,
	VIEW_BTN_DONE,        /* summary -> library */
	VIEW_BTN_VOL_DOWN,
	VIEW_BTN_VOL_UP,
	VIEW_BTN_MUTE,
	VIEW_BTN_ROTATE,
	VIEW_BTN_CHECKIN_FINE,  /* soreness check-in answers */
	VIEW_BTN_CHECKIN_SORE,
	VIEW_BTN_PROFILE,       /* the "who is this?" chip: opens / closes the picker */
	VIEW_BTN_PROFILE_PICK,  /* a profile in the picker, arg = index into view_model.profiles */
	VIEW_BTN_PIN_DIGIT,     /* kiosk admin PIN pad: a digit, arg = 0..9 */
	VIEW_BTN_PIN_ERASE,
	VIEW_BTN_PIN_OK,
	VIEW_BTN_ADMIN_CLOSE,   /* PIN pad Cancel, admin page Back, no-PIN note OK */
	VIEW_BTN_ADMIN_EXIT,    /* admin page: leave the kiosk (the app exits) */
	VIEW_BTN_ADMIN_SETTINGS, /* admin page: the station's settings (kiosk: only from here) */
	VIEW_BTN_COMPLAINT,     /* check-in: the 0-10 pain score (issue 20), arg = score, -1 = skip */
	VIEW_BTN_ADVICE_OK,     /* check-in: "see a professional" read; start the session */
	VIEW_BTN_VOICE,         /* settings: voice full -> names -> off -> full */
	VIEW_BTN_WARN_PAGE,     /* preview: the warning's next page (arg -1: previous) */
	VIEW_BTN_FINDER,        /* library: "Where does it hurt?" */
	VIEW_BTN_FINDER_AREA,   /* finder: an area touched, arg = VIEW_FINDER_ARG(area, side) */
	VIEW_BTN_FINDER_VIEW,   /* finder: show view arg (view_finder_view) */
	VIEW_BTN_FINDER_PICK,   /* finder: candidate arg highlighted (its zones shaded) */
	VIEW_BTN_FINDER_CLEAR,  /* finder: no area selected */
	VIEW_BTN_FINDER_MAKE,   /* finder: "Make my routine" */
	VIEW_BTN_PAIN_PAGE,     /* History: the pain scores page / back to the overview */
	VIEW_BTN_PAIN_AREA,     /* History's pain page: the next area */
	VIEW_BTN_LANGUAGE,      /* settings: the next language with a catalogue (issue 21) */
	VIEW_BTN_COUNT
} view_button_id;

#define VIEW_MAX_HITS 64
#define VIEW_MAX_LOG 8
#define VIEW_MAX_TARGETS 24
#define VIEW_MAX_PROFILES 12
#define VIEW_MAX_FINDER_AREAS 16  /* areas selected at once (a routine's "areas") */
#define VIEW_MAX_FINDER_HITS 12   /* candidate muscles listed */

/* The finder's body-map views. */
typedef enum {
	VIEW_FINDER_FRONT = 0,
	VIEW_FINDER_BACK,
	VIEW_FINDER_HEAD,   /* the head and neck, front and back, enlarged */
	VIEW_FINDER_FEET,   /* the feet: the front, the back and the soles */
	VIEW_FINDER_VIEWS
} view_finder_view;

/* A VIEW_BTN_FINDER_AREA argument: the pain area (painmap index) and the
 * side touched (routine_side). */
#define VIEW_FINDER_ARG(area, side) ((int)(area) * 4 + (int)(side))
#define VIEW_FINDER_ARG_AREA(arg) ((size_t)(arg) / 4)
#define VIEW_FINDER_ARG_SIDE(arg) ((routine_side)((arg) % 4))
#define VIEW_MAX_LANGUAGES 16

/* The kiosk admin overlay (screen_admin.h), drawn over any screen. */
typedef enum {
	VIEW_ADMIN_NONE = 0,
	VIEW_ADMIN_PIN,        /* the PIN pad */
	VIEW_ADMIN_NO_PIN,     /* no admin_pin configured: says so */
	VIEW_ADMIN_PAGE        /* after the right PIN: broken files, leave the kiosk */
} view_admin;

/* A routine in the library: loaded, or broken with its error. */
typedef struct {
	const char *path;      /* the file */
	const routine *r;      /* NULL when it did not load */
	const char *error;     /* the first error ("FILE:LINE:COL: ..."), when broken */
} view_routine;

/* One recognised gesture in the pedal test log. */
typedef struct {
	int input;
	gesture_kind kind;
	gesture_action action;
	uint32_t duration_ms;
} view_gesture;

/* Discomfort and time per target, for the summary. */
typedef struct {
	const char *target;    /* owned by the routine */
	unsigned discomfort;
	uint64_t actual_ms;
	uint32_t planned_s;
} view_target_stat;

/* The figures of the summary, computed by the app when a session ends. */
typedef struct {
	session_outcome outcome;
	int steps_done;        /* timed steps (not transitions) that ended */
	int steps_total;
	uint64_t actual_ms;    /* whole session, pauses excluded */
	uint32_t planned_s;
	unsigned discomfort;
	view_target_stat targets[VIEW_MAX_TARGETS];
	size_t ntargets;
	char compare[256];     /* comparison with the previous session, "" when none */
	char overtreat[256];   /* over-treatment note, "" when none */
	char course[320];      /* course of treatment per target, "" when none (kiosk, no journal) */
	bool course_warn;      /* course says "past the usual": a warning, never green */
} view_summary;

/* The 0-10 pain check (issue 20): asked before a session (on the preview,
 * check-in stage 1) and after it (over the summary), one area at a time. */
#define VIEW_PAIN_SKIP 11        /* pain.sel past 10: "Skip" highlighted */
typedef struct {
	bool active;                 /* the question is shown */
	bool after;                  /* after the session (else before it) */
	char label[96];              /* the area asked about: "Temple, left", "Upper trapezius" */
	int sel;                     /* highlighted for the pedal: 0..10, or VIEW_PAIN_SKIP */
	int index, count;            /* area index+1 of count ("2 of 3") */
} view_pain;

/* Everything the screens show. Pointers are borrowed for one frame. */
typedef struct {
	view_screen screen;
	bool kiosk;
	uint64_t now;                /* app clock, ms */

	/* library */
	const view_routine *routines;
	size_t nroutines;
	int page;                    /* library page / preview timeline page */
	int selected;                /* highlighted card (keyboard / pedal) */
	bool has_history;            /* show the History button */
	int safety_page;             /* Safety page: section shown (0-based; screens clamp) */
	int safety_first_page;       /* first-run safety screen: page shown (counted on and
	                                back; the screen takes it round its page count) */
	/* Home-mode profiles ("who is this?"): display names, [0] is the default
	 * journal ("Guest"); nprofiles < 2 means no picker (kiosk, or none set up). */
	const char *profiles[VIEW_MAX_PROFILES];
	size_t nprofiles;
	int profile;                 /* the current one */
	bool profile_picker;         /* the picker is open */
	int profile_sel;             /* highlighted in the picker (keyboard / pedal) */

	/* preview, run, summary */
	const routine *routine;
	int preview_sel;             /* selected timeline entry (0-based) */
	char overtreat[256];         /* preview warning, "" for none */
	char course[320];            /* preview: "Session 2 of the usual 4-6: ..." or "" */
	bool overtreat_confirm;      /* overtreat is the over-treatment warning (history, not
	                                the kiosk's advice): starting needs "Start anyway" */
	uint64_t start_armed_at;     /* "Start anyway" is offered from this ms (0: the warning
	                                has not been drawn yet) */
	bool course_warn;            /* course says "past the usual": shown as a warning */
	int warn_page;               /* page of the preview's warning (counted on; screens
	                                take it round) */
	const session *session;
	bool confirm_end;            /* end-confirmation dialog shown */
	bool ease_off;               /* a discomfort on this step: show the guidance */
	bool skip_offer;             /* a second discomfort on this step: offer to skip */
	const char *ease_text;       /* the guidance text */
	const char *skip_text;
	uint64_t flash_until;        /* visual cue flash (no audio) until this ms */
	cue_kind flash_cue;
	bool pedal_down;             /* debounced level of pedal 0 */
	float hold_progress;         /* 0..1 while a hold builds */
	float long_progress;         /* run screen: 0..1 from the hold to the very long hold
	                                (pause when running, end when paused), 0 when none */
	const char *notice;          /* a one-line problem to show (audio, GPIO), or NULL */
	const char *advice;          /* advice for this session (after "still sore"), or NULL */
	char checkin_target[128];    /* soreness check-in asked about this target, "" = none */
	int checkin_stage;           /* 0: soreness, 1: the 0-10 pain score (m->pain), 2: advice */
	const char *complaint_advice; /* stage 2: "see a professional", shown large */
	view_pain pain;              /* the pain check (stage 1 of the check-in, or after a session) */
	int history_page;            /* History: 0 overview, 1 pain scores per area */
	int pain_area;               /* History's pain page: the area shown (index in the painlog) */
	bool early_hint;             /* "next" refused before min_s of an ends-tap step */
	const view_summary *summary;

	/* settings */
	int volume;
	bool mute;
	int voice;                   /* config_voice: 0 off, 1 names, 2 full */
	int rotate;
	char pedal_map[160];         /* "tap: next   hold: discomfort" */
	char pedal_status[400];      /* GPIO state in words */
	view_gesture log[VIEW_MAX_LOG]; /* newest first */
	size_t nlog;
	bool audio_ok;
	bool settings_locked;        /* kiosk: Settings only through the admin PIN (no library button) */
	char language[8];            /* the language shown ("en", "de"); the shell follows a change */
	char languages[VIEW_MAX_LANGUAGES][8]; /* those with a catalogue, "en" first */
	size_t nlanguages;

	/* unattended operation (issue 12) */
	bool dimmed;                 /* idle: a dark overlay over everything */
	view_admin admin;            /* kiosk admin overlay */
	int pin_len;                 /* digits entered on the PIN pad (shown as dots) */
	const char *admin_message;   /* e.g. "Wrong PIN", shown briefly over the screen, or NULL */
	const view_routine *broken;  /* broken routine files for the admin page */
	size_t nbroken;
	size_t nvalid;               /* valid routines (admin page) */
	const char *watching;        /* "routine folders watched: ..." for the admin page, or NULL */
	const char *fleet_fault;     /* why the fleet cannot connect, for the admin page, or NULL */

	/* the pain finder (issue 20) */
	const painmap *painmap;      /* the areas and muscles; NULL: no finder (data missing) */
	int finder_view;             /* view_finder_view shown */
	size_t finder_areas[VIEW_MAX_FINDER_AREAS]; /* selected areas (painmap indices) */
	routine_side finder_sides[VIEW_MAX_FINDER_AREAS]; /* and their sides */
	size_t finder_nareas;
	painmap_hit finder_hits[VIEW_MAX_FINDER_HITS]; /* the candidates, best first */
	size_t finder_nhits;
	int finder_sel;              /* highlighted candidate (its referral shaded), -1 none */
	char finder_error[300];      /* "Make my routine" failed: why, "" when it did not */

	/* texts and art */
	const char *reminder;        /* "Self-care guidance, not a diagnosis. ..." */
	const bodymap_view *bodymap; /* may be NULL */
} view_model;

/* A touch target's name for logs: "pause", "next", ... */
const char *view_button_name(view_button_id id);

/* Screen names for screenshots and logs: "library", "run", ... */
const char *view_screen_name(view_screen s);

#endif
