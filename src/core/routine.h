/* routine: the routine model, its loader/validator and the expanded timeline.
 *
 * A routine file (JSON, format 1; see README "Routine format" and
 * routines/schema.json) is parsed from a buffer, validated and expanded into a
 * timeline: repeats unrolled, sides split into one entry per side (a repeat
 * with "sides" runs its whole block once per side: compression L, stretch L,
 * compression R, stretch R), and a
 * "transition" entry inserted before every timed step other than rest whose
 * transition is > 0. The UI, the session engine and the CLI only ever see the
 * timeline (routine_entry); cJSON never leaves routine.c.
 *
 * Pure: no file I/O here. src/io/library.c (and src/app/check.c) read files
 * with paths_read_file() and call routine_parse().
 */
#ifndef UNKNOT_ROUTINE_H
#define UNKNOT_ROUTINE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fmsg.h"

/* Limits the validator enforces. */
#define ROUTINE_MAX_FILE_BYTES   (1024 * 1024)
#define ROUTINE_MAX_DURATION_S   900
#define ROUTINE_MAX_TIMES        50
#define ROUTINE_MAX_DEPTH        4
#define ROUTINE_MAX_TOTAL_S      (4 * 3600)
#define ROUTINE_MAX_TITLE        120   /* bytes, title */
#define ROUTINE_MAX_NAME         80    /* bytes, target / refers_to items */
#define ROUTINE_MAX_TEXT         1000  /* bytes, description and step text */
#define ROUTINE_MAX_AREAS        16    /* items in the root's "areas" */
#define ROUTINE_MAX_AREA         48    /* bytes, one "areas" item ("between-shoulder-blades:right") */
#define ROUTINE_MAX_COUNTDOWN_S  10
#define ROUTINE_TAP_CAP_S        90    /* default cap of an "ends":"tap" compression */
#define ROUTINE_HOLD_MIN_S       30    /* compression holds outside 30..90 s warn */
#define ROUTINE_HOLD_MAX_S       90
#define ROUTINE_MAX_PLACEMENT    300   /* bytes, "placement": one or two sentences */
#define ROUTINE_MAX_CAUTION      300   /* bytes, "caution": one warning */
#define ROUTINE_REPOSITION_S     15    /* get ready before a step with "reposition": true, at least */

typedef enum {
	ROUTINE_COMPRESSION = 0,
	ROUTINE_ROLLING,
	ROUTINE_STRETCH,
	ROUTINE_REST,
	ROUTINE_TRANSITION, /* only in the timeline, never in a file */
	ROUTINE_KIND_COUNT
} routine_kind;

typedef enum {
	ROUTINE_TOOL_NONE = 0,
	ROUTINE_TOOL_BALL,
	ROUTINE_TOOL_PEANUT,
	ROUTINE_TOOL_ROLLER,
	ROUTINE_TOOL_CANE,
	ROUTINE_TOOL_HAND,
	ROUTINE_TOOL_COUNT
} routine_tool;

typedef enum {
	ROUTINE_SIDE_NONE = 0,
	ROUTINE_SIDE_LEFT,
	ROUTINE_SIDE_RIGHT
} routine_side;

/* Audio cue settings of one timeline entry (routine "cues" object, merged over
 * the routine's defaults.cues, merged over these defaults: everything on,
 * countdown_s 3). */
typedef struct {
	bool start;          /* cue at step start (or "get ready" for a transition) */
	bool halfway;        /* halfway cue (compression and rolling only) */
	uint8_t countdown_s; /* ticks in the last N seconds, 0 = none (0..10) */
	bool end;            /* cue at step end */
	bool switch_sides;   /* switch-sides cue when the next step is the other side */
	bool voice;          /* spoken announcement of the step, when available */
} routine_cues;

/* One entry of the timeline. All strings are owned by the routine and live as
 * long as it does; any of them may be NULL. A transition carries the target,
 * side, cues and step_path of the step it prepares, ROUTINE_TOOL_NONE, no
 * refers_to, and the text "Get ready: TARGET, left side" (the kind's name
 * when the step has no target; no side part without a side). */
typedef struct {
	int index;               /* 1-based position in the timeline, as in --plan */
	routine_kind kind;
	routine_tool tool;       /* ROUTINE_TOOL_NONE for stretch/rest/transition */
	routine_side side;
	const char *target;      /* muscle, e.g. "upper trapezius" */
	const char *text;        /* instruction; a transition gets a "get ready" text */
	const char *refers_to;   /* where this trigger point refers pain, or NULL */
	uint32_t start_s;        /* planned start, cumulative */
	uint32_t duration_s;     /* planned length (the cap of an ends-tap step) */
	bool ends_on_tap;        /* user-paced: runs until a tap, capped at duration_s */
	uint32_t min_s;          /* earliest moment a tap ends an ends-tap step */
	routine_cues cues;
	int step_path;           /* index of the source step in a flattened list of file
	                            steps (0-based, depth-first), same for both sides */
	const char *placement;   /* where the tool goes (one or two sentences), or NULL */
	const char *caution;     /* a nerve/vessel/structure warning, shown and spoken
	                            before anything else, or NULL. A transition carries
	                            the placement and caution of the step it prepares. */
} routine_entry;

/* Severity and location of one diagnostic. */
typedef enum { ROUTINE_ERROR, ROUTINE_WARNING } routine_severity;

typedef struct {
	routine_severity severity;
	int line;              /* 1-based; 0 when not tied to a place */
	int column;            /* 1-based, in bytes */
	char path[128];        /* JSON path, e.g. "steps[2].sides[1]", "" for the root */
	char message[256];     /* what is wrong, e.g. "\"rihgt\" is not a side (left, right)" */
	fmsg msg;              /* the same as its format and arguments, for a translation */
} routine_diag;

/* Diagnostics of one parse, in the order found. */
typedef struct {
	routine_diag *items; /* owned; freed by routine_diags_free */
	size_t count;
	size_t errors;       /* how many have severity ROUTINE_ERROR */
} routine_diags;

typedef struct routine routine;

/* Parses and validates a routine from `len` bytes of `text` (need not be
 * NUL-terminated). Every problem is reported, in file order (a file with more
 * than a couple of hundred errors is cut short), each with the line:column
 * where the offending value starts (for an unknown or duplicate key: the key;
 * for a missing field: the enclosing object's '{'). Only the length limit is
 * reported without a place (line 0). `name` is only used
 * to label the routine (routine_file). Returns the routine, or NULL when there
 * is at least one error. Diagnostics (errors and warnings) are appended to
 * `diags` when it is not NULL. Caller frees with routine_free(). */
routine *routine_parse(const char *name, const char *text, size_t len, routine_diags *diags);

/* Formats one diagnostic as "FILE:LINE:COLUMN: PATH: MESSAGE" (warnings get
 * "warning: " before the message; no ":LINE:COLUMN" when line is 0, no
 * "PATH: " for the root) into buf. Returns buf. */
char *routine_diag_format(const routine_diag *d, const char *file, char *buf, size_t size);

void routine_diags_free(routine_diags *diags);
void routine_free(routine *r); /* NULL is fine */

const char *routine_title(const routine *r);       /* never NULL */
const char *routine_description(const routine *r); /* may be NULL */
/* The pain areas the routine was built for (its "areas": "temple:left",
 * "low-back", written by the pain finder; issue 20): up to max into out,
 * owned by the routine. Returns how many were written (out NULL: how many
 * there are). 0 when the file has none. */
size_t routine_areas(const routine *r, const char **out, size_t max);
const char *routine_file(const routine *r);        /* the name given to routine_parse */
size_t routine_length(const routine *r);           /* timeline entries */
uint32_t routine_total_s(const routine *r);        /* sum of all durations */
const routine_entry *routine_entry_at(const routine *r, size_t i); /* 0-based; NULL if out of range */

/* The text fields a routine file may carry in other languages: next to the
 * field, "FIELD@LANG": "title@de", "text@fr", "refers_to@es" (see
 * routines/README.md). */
typedef enum {
	ROUTINE_FIELD_TITLE = 0,
	ROUTINE_FIELD_DESCRIPTION,
	ROUTINE_FIELD_TEXT,
	ROUTINE_FIELD_PLACEMENT,
	ROUTINE_FIELD_CAUTION,
	ROUTINE_FIELD_REFERS_TO,
	ROUTINE_FIELD_COUNT
} routine_field;

/* The value of field f in language lang ("de", "de-AT", "de_DE.UTF-8"; NULL
 * or "" for the file's own), falling back per field: the exact tag, then the
 * same language with another or no region, then the file's own value. For
 * title and description e is NULL (or ignored); for the others it is the
 * timeline entry (a transition's text is its own "get ready" line, never a
 * step's). May be NULL when the field is absent. Owned by the routine. */
const char *routine_text(const routine *r, const routine_entry *e, routine_field f, const char *lang);

/* The "get ready" line of the transition before `step` (the entry it
 * prepares): "Get ready: TARGET, left side", the kind's name without a
 * target, through tr (core/fmsg.h; NULL: English, the transition's own
 * text). The target stays as the routine writes it. Returns buf. */
char *routine_get_ready(const routine_entry *step, fmsg_translator tr, char *buf, size_t size);

/* The file's own language ("language", default "en"). Owned by the routine. */
const char *routine_language(const routine *r);

/* Distinct targets and tools of the routine, in order of first appearance.
 * Pointers are owned by the routine. Returns how many were written. */
size_t routine_targets(const routine *r, const char **out, size_t max);
size_t routine_tools(const routine *r, routine_tool *out, size_t max);

/* Names as they appear in files and in --plan: "compression", "ball", "left". */
const char *routine_kind_name(routine_kind k);
const char *routine_tool_name(routine_tool t); /* NULL for ROUTINE_TOOL_NONE */
const char *routine_side_name(routine_side s); /* NULL for ROUTINE_SIDE_NONE */

/* True when `target` names a muscle that is not safe under a ball, roller or
 * cane (sternocleidomastoid, scalenes, psoas, pectoralis minor; matching
 * ignores case, blanks and hyphens, aliases such as "SCM" or "hip flexors"
 * count). `why` (may be NULL) gets the structure at risk, e.g. "the carotid
 * artery and jugular vein run beside it" (static). A compression or rolling
 * step on one gets a --check warning; stretching them is fine. */
bool routine_not_for_a_ball(const char *target, const char **why);

/* Formats seconds as "M:SS" (minutes may exceed 59: "75:00") into buf. Returns buf. */
char *routine_mmss(uint32_t seconds, char *buf, size_t size);

#endif
