/* rcheck: the routine validator's toolkit, private to core/routine*.c: the
 * validation context, JSON paths, diagnostics placed by path (through
 * jsonpos), and typed getters that report what is wrong with a value. Split
 * from routine.c (issue 16: no file over 800 lines); not a public API.
 * Strings returned by the getters are pooled in the routine being built
 * (ctx.r) and live as long as it does. */
#ifndef UNKNOT_RCHECK_H
#define UNKNOT_RCHECK_H

#include <cJSON.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fmsg.h"
#include "core/i18n.h"
#include "core/jsonpos.h"
#include "core/routine.h"

#define MAX_ERRORS     200   /* stop collecting after this many (the count goes on) */
#define MAX_REFERS     10    /* items in a refers_to array */
#define PATH_BUF       1024  /* same as jsonpos's scanner, so paths match */

/* Which fields of a cues object were given. */
enum {
	CUE_SET_START = 1 << 0,
	CUE_SET_HALFWAY = 1 << 1,
	CUE_SET_COUNTDOWN = 1 << 2,
	CUE_SET_END = 1 << 3,
	CUE_SET_SWITCH = 1 << 4,
	CUE_SET_VOICE = 1 << 5
};

typedef struct {
	unsigned set;      /* CUE_SET_* bits */
	routine_cues v;
} cue_override;


/* One translated value ("text@de"): of a step (step_path) or of the routine
 * itself (-1), for one field, in one language. */
typedef struct {
	int step_path;
	int field;                 /* routine_field */
	char lang[16];             /* "de", "pt-BR" */
	const char *value;         /* pooled */
} rtrans_item;

struct routine {
	char *name;
	const char *language;      /* the file's own language, "en" unless "language" says */
	rtrans_item *tr;           /* translated values, in file order */
	size_t ntr, captr;
	const char *title;
	const char *description;
	const char *areas[ROUTINE_MAX_AREAS]; /* "areas": the pain finder's AREA[:side] (pooled) */
	size_t nareas;
	routine_entry *entries;
	size_t n;
	uint32_t total_s;
	char **strings;            /* every string the routine owns */
	size_t nstrings, capstrings;
};

typedef struct {
	jsonpos *pos;
	routine_diags *out;        /* may be NULL: errors are only counted */
	size_t errors;
	routine *r;
	bool oom;
	int flat;                  /* next step_path */
	bool dup_keys;             /* the text has duplicate keys (jsonpos said so) */
	long def_transition;       /* defaults.transition_s, 0 when absent */
	int in_sides;              /* > 0 inside the steps of a repeat with "sides" */
	cue_override def_cues;
} ctx;


/* Keys suggested for misspelt ones in one object. */
typedef struct {
	const char *names[8];
	size_t n;
} suggestions;

#define ERR(c, path, ...) rcheck_report((c), ROUTINE_ERROR, (path), AT_VALUE, (path), __VA_ARGS__)

/* Where a diagnostic points: at a member's value, or at its key. */
enum { AT_VALUE, AT_KEY };

int rcheck_index_of(const char *s, const char *const *names, size_t n);

bool rcheck_in_list(const char *s, const char *const *names, size_t n);

/* "a, b, c" into buf. */
void rcheck_join_names(char *buf, size_t size, const char *const *names, size_t n);

/* A string quoted for a message: escaped, cut to a readable length. */
const char *rcheck_quote(const char *s, char *buf, size_t size);

const char *rcheck_type_name(const cJSON *v);

/* Appends src to the path in out (PATH_BUF bytes), cutting like snprintf. */
void rcheck_path_append(char *out, const char *src);

void rcheck_path_key(char *out, const char *parent, const char *key);

void rcheck_path_index(char *out, const char *parent, size_t i);

/* Cuts the last component off a path ("a.b[2]" -> "a.b" -> "a" -> ""). */
void rcheck_path_parent(char *p);

char *rcheck_pool(ctx *c, const char *s);

/* Whether one more diagnostic of this severity is stored: up to MAX_ERRORS
 * of each kind, so that hundreds of warnings cannot hide the error that
 * rejects the file. */
bool rcheck_diag_kept(const ctx *c, routine_severity sev);

void rcheck_add_diag(ctx *c, routine_severity sev, int line, int col, const char *path, const fmsg *msg);

/* An error of the whole file with a message without values (marked N_()). */
void rcheck_add_text(ctx *c, int line, int col, const char *text);

/* Reports at the place of at_path (its value, or its key with AT_KEY; the
 * nearest enclosing value when the path was not scanned), naming `path`. */
void rcheck_report(ctx *c, routine_severity sev, const char *at_path, int where,
                   const char *path, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
void rcheck_vreport(ctx *c, routine_severity sev, const char *at_path, int where,
                    const char *path, const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* True when an earlier member of m's object has the same key: duplicates are
 * reported by jsonpos and only the first is validated. Also true once there
 * are so many errors that going on would only bury them. */
bool rcheck_skip_member(const ctx *c, const cJSON *obj, const cJSON *m);

/* A whole number in lo..hi. `unit` names it in messages ("seconds"). */
bool rcheck_int(ctx *c, const cJSON *v, const char *path, long lo, long hi, const char *unit, long *out);

bool rcheck_bool(ctx *c, const cJSON *v, const char *path, bool *out);

/* Offset of the first control character in s (C0, DEL or C1: terminal
 * escapes hide in them), or -1. A multi-line text may hold '\n' and '\t'. */
long rcheck_control_at(const char *s, bool multiline, uint32_t *which);

const char *rcheck_string(ctx *c, const cJSON *v, const char *path, size_t max, bool nonempty);

/* A one-line text ("placement", "caution"): a string of 1..max bytes
 * without control characters (they would break the spoken and shown line). */
const char *rcheck_line(ctx *c, const cJSON *v, const char *path, size_t max);

bool rcheck_was_suggested(const suggestions *sug, const char *key);

/* Checks a key against the keys allowed here; reports unknown ones with a
 * suggestion. `where` names the object in the message ("a routine"). */
bool rcheck_key(ctx *c, const char *key, const char *path, const char *const *allowed,
                      size_t n, const char *where, suggestions *sug);

/* A required field is missing: reported at the enclosing object's '{'. */
void rcheck_missing(ctx *c, const char *obj_path, const char *key, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A "cues" object into *o (which fields were given, and their values). */
void rcheck_cues(ctx *c, const cJSON *v, const char *path, cue_override *o);

/* base with the fields o gives replaced. */
routine_cues rcheck_merge_cues(routine_cues base, const cue_override *o);

/* A "refers_to" value: one place, or a list of them joined with ", ". NULL
 * (and reported) when it is not valid. */
const char *rcheck_refers_to(ctx *c, const cJSON *v, const char *path);

/* The root's "areas" (the pain areas a routine was built for, "temple:left")
 * into c->r->areas: 1..ROUTINE_MAX_AREAS ids of lower-case letters and
 * hyphens, each with an optional ":left" or ":right". */
void rcheck_areas(ctx *c, const cJSON *v, const char *path);

/* The sides a "sides" array lists, each at most once, into sides[*nsides]. */
void rcheck_sides(ctx *c, const cJSON *v, const char *path, routine_side sides[2], int *nsides);

#endif
