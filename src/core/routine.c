/* routine: loads and validates routine files (format 1) and expands them into
 * the timeline.
 *
 * Three passes over one buffer:
 *   1. jsonpos scans the text: syntax errors, invalid UTF-8, duplicate keys,
 *      and the line:column of every key and value by JSON path;
 *   2. cJSON parses it and the validator walks the tree into `step` nodes,
 *      reporting every problem it finds (positions looked up by path);
 *   3. when there was no error, the steps are expanded into routine_entry.
 * Diagnostics are sorted into file order at the end.
 */
#include "core/routine.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonpos.h"
#include "core/suggest.h"
#include "core/vec.h"
#include "core/utf8.h"

#define MAX_ERRORS     200   /* stop collecting after this many (the count goes on) */
#define PATH_BUF       1024  /* same as jsonpos's scanner, so paths match */
#define MAX_TRANSITION_S 120
#define MAX_REFERS     10    /* items in a refers_to array */
#define KIND_REPEAT    ROUTINE_KIND_COUNT /* file-only kind, never in a timeline */
#define KIND_INVALID   (-1)

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

/* A step as written in the file (after validation). */
typedef struct step step;
struct step {
	int kind;                  /* routine_kind, KIND_REPEAT or KIND_INVALID */
	routine_tool tool;
	routine_side sides[2];
	int nsides;                /* 0 = no sides */
	const char *target, *text, *refers_to; /* pooled */
	const char *placement, *caution;       /* pooled, NULL when absent */
	long duration_s;           /* 0 when missing or invalid */
	long transition_s;         /* -1 when not given */
	cue_override cues;
	bool ends_tap;
	long min_s;                /* 0 when not given */
	long times;                /* repeat */
	step *children;            /* repeat */
	size_t nchildren;
	int step_path;             /* depth-first index among all file steps */
	const char *get_ready[3];  /* transition text per routine_side, made on demand */
};

struct routine {
	char *name;
	const char *title;
	const char *description;
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

static const char *const kind_names[] = { "compression", "rolling", "stretch", "rest", "repeat" };
static const char *const tool_names[] = { "ball", "peanut", "roller", "cane", "hand" };
static const char *const side_names[] = { "left", "right" };
/* The same lists for messages (kept next to the arrays they spell out). */
#define KIND_LIST "compression, rolling, stretch, rest, repeat"
#define TOOL_LIST "ball, peanut, roller, cane, hand"
#define SIDE_LIST "left, right"

static const char *const root_keys[] = { "format", "title", "description", "defaults", "steps", "$schema" };
static const char *const defaults_keys[] = { "transition_s", "cues" };
static const char *const cue_keys[] = { "start", "halfway", "countdown_s", "end", "switch_sides", "voice" };
static const char *const step_keys_timed[] = {
	"kind", "tool", "target", "sides", "duration_s", "text", "transition_s",
	"refers_to", "cues", "ends", "min_s", "placement", "caution"
};
static const char *const step_keys_stretch[] = {
	"kind", "target", "sides", "duration_s", "text", "transition_s", "refers_to", "cues", "ends", "min_s",
	"placement", "caution"
};
static const char *const step_keys_rest[] = { "kind", "duration_s", "text", "cues", "ends", "min_s" };
static const char *const step_keys_repeat[] = { "kind", "times", "steps", "sides" };
static const char *const step_keys_all[] = {
	"kind", "tool", "target", "sides", "duration_s", "text", "transition_s",
	"refers_to", "cues", "ends", "min_s", "times", "steps", "placement", "caution"
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- names ---- */

const char *routine_kind_name(routine_kind k)
{
	static const char *const names[] = { "compression", "rolling", "stretch", "rest", "transition" };
	return (unsigned)k < COUNT(names) ? names[k] : NULL;
}

const char *routine_tool_name(routine_tool t)
{
	return (t > ROUTINE_TOOL_NONE && t < ROUTINE_TOOL_COUNT) ? tool_names[t - 1] : NULL;
}

const char *routine_side_name(routine_side s)
{
	return (s == ROUTINE_SIDE_LEFT || s == ROUTINE_SIDE_RIGHT) ? side_names[s - 1] : NULL;
}

char *routine_mmss(uint32_t seconds, char *buf, size_t size)
{
	snprintf(buf, size, "%u:%02u", (unsigned)(seconds / 60), (unsigned)(seconds % 60));
	return buf;
}

/* ---- helpers ---- */

static int index_of(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

static bool in_list(const char *s, const char *const *names, size_t n)
{
	return index_of(s, names, n) >= 0;
}

/* "a, b, c" into buf. */
static void join_names(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* A string quoted for a message: escaped, cut to a readable length. */
static const char *quote(const char *s, char *buf, size_t size)
{
	size_t len = strlen(s), o = 0, i = 0;
	const size_t show = 40;
	buf[o++] = '"';
	while (i < len && o + 8 < size) {
		if (i >= show) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n = c < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
			i++;
		} else if (c < 0x20 || c == 0x7f || n == 0) {
			o += (size_t)snprintf(buf + o, size - o, "\\x%02X", c);
			i++;
		} else {
			if (o + n + 4 >= size)
				break;
			memcpy(buf + o, s + i, n);
			o += n;
			i += n;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

static const char *type_name(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return cJSON_IsTrue(v) ? "true" : "false";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "an array";
	if (cJSON_IsObject(v)) return "an object";
	return "something else";
}

/* Appends src to the path in out (PATH_BUF bytes), cutting like snprintf. */
static void path_append(char *out, const char *src)
{
	size_t used = strlen(out), n = strlen(src);
	if (used + n > PATH_BUF - 1)
		n = PATH_BUF - 1 - used;
	memcpy(out + used, src, n);
	out[used + n] = '\0';
}

static void path_key(char *out, const char *parent, const char *key)
{
	if (out != parent) {
		size_t n = strlen(parent);
		if (n > PATH_BUF - 1)
			n = PATH_BUF - 1;
		memmove(out, parent, n);
		out[n] = '\0';
	}
	if (out[0])
		path_append(out, ".");
	path_append(out, key);
}

static void path_index(char *out, const char *parent, size_t i)
{
	char tmp[24];
	size_t n = sizeof tmp - 1;
	tmp[n] = '\0';
	tmp[--n] = ']';
	do {
		tmp[--n] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	tmp[--n] = '[';
	if (out != parent) {
		size_t len = strlen(parent);
		if (len > PATH_BUF - 1)
			len = PATH_BUF - 1;
		memmove(out, parent, len);
		out[len] = '\0';
	}
	path_append(out, tmp + n);
}

/* Cuts the last component off a path ("a.b[2]" -> "a.b" -> "a" -> ""). */
static void path_parent(char *p)
{
	size_t n = strlen(p);
	while (n > 0 && p[n - 1] != '.' && p[n - 1] != '[')
		n--;
	if (n > 0 && p[n - 1] == '[')
		n--;
	else if (n > 0)
		n--;
	p[n] = '\0';
}

static char *pool(ctx *c, const char *s)
{
	routine *r = c->r;
	if (!vec_reserve((void **)&r->strings, &r->capstrings, r->nstrings + 1, sizeof *r->strings, 16)) {
		c->oom = true;
		return NULL;
	}
	char *d = strdup(s);
	if (!d) {
		c->oom = true;
		return NULL;
	}
	r->strings[r->nstrings++] = d;
	return d;
}

/* ---- diagnostics ---- */

enum { AT_VALUE, AT_KEY };

/* Whether one more diagnostic of this severity is stored: up to MAX_ERRORS
 * of each kind, so that hundreds of warnings cannot hide the error that
 * rejects the file. */
static bool diag_kept(const ctx *c, routine_severity sev)
{
	const routine_diags *d = c->out;
	if (!d)
		return false;
	if (sev == ROUTINE_ERROR)
		return c->errors < MAX_ERRORS;
	return d->count - d->errors < MAX_ERRORS;
}

static void add_diag(ctx *c, routine_severity sev, int line, int col, const char *path, const char *msg)
{
	bool kept = diag_kept(c, sev);
	if (sev == ROUTINE_ERROR)
		c->errors++;
	routine_diags *d = c->out;
	if (!kept)
		return;
	routine_diag *items = realloc(d->items, (d->count + 1) * sizeof *items);
	if (!items) {
		c->oom = true;
		return;
	}
	d->items = items;
	routine_diag *x = &items[d->count++];
	memset(x, 0, sizeof *x);
	x->severity = sev;
	x->line = line;
	x->column = col;
	size_t pl = utf8_fit(path, strlen(path), sizeof x->path - 1);
	memcpy(x->path, path, pl);
	x->path[pl] = '\0';
	/* Keys come from the file: keep bad bytes and control characters out of
	 * the terminal. */
	for (size_t i = 0; i < pl;) {
		uint32_t cp;
		size_t n = utf8_decode(x->path + i, pl - i, &cp);
		if (n == 0 || cp < 0x20 || cp == 0x7f) {
			x->path[i++] = '?';
			continue;
		}
		i += n;
	}
	size_t ml = utf8_fit(msg, strlen(msg), sizeof x->message - 1);
	memcpy(x->message, msg, ml);
	x->message[ml] = '\0';
	if (sev == ROUTINE_ERROR)
		d->errors++;
}

/* Reports at the place of at_path (its value, or its key with AT_KEY; the
 * nearest enclosing value when the path was not scanned), naming `path`. */
static void report(ctx *c, routine_severity sev, const char *at_path, int where,
                   const char *path, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void report(ctx *c, routine_severity sev, const char *at_path, int where,
                   const char *path, const char *fmt, ...)
{
	char msg[512], p[PATH_BUF];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	int line = 0, col = 0, kl = 0, kc = 0;
	/* Past the cap a message is only counted: finding its place would be
	 * wasted work (100,000 bad sides used to cost a lookup each). */
	bool kept = diag_kept(c, sev);
	snprintf(p, sizeof p, "%s", kept ? at_path : "");
	for (; kept;) {
		if (c->pos && jsonpos_find(c->pos, p, &line, &col, &kl, &kc)) {
			if (where == AT_KEY && kl > 0) {
				line = kl;
				col = kc;
			}
			break;
		}
		if (!p[0])
			break;
		path_parent(p);
		where = AT_VALUE;
	}
	add_diag(c, sev, line, col, path, msg);
}

#define ERR(c, path, ...) report((c), ROUTINE_ERROR, (path), AT_VALUE, (path), __VA_ARGS__)

/* True when an earlier member of m's object has the same key: duplicates are
 * reported by jsonpos and only the first is validated. Also true once there
 * are so many errors that going on would only bury them. */
static bool skip_member(const ctx *c, const cJSON *obj, const cJSON *m)
{
	if (c->errors > MAX_ERRORS)
		return true;
	if (!c->dup_keys)
		return false;
	for (const cJSON *o = obj->child; o && o != m; o = o->next)
		if (strcmp(o->string, m->string) == 0)
			return true;
	return false;
}

/* ---- value checks ---- */

/* A whole number in lo..hi. `unit` names it in messages ("seconds"). */
static bool get_int(ctx *c, const cJSON *v, const char *path, long lo, long hi, const char *unit, long *out)
{
	if (!cJSON_IsNumber(v)) {
		ERR(c, path, "must be a whole number of %s (%ld-%ld), not %s", unit, lo, hi, type_name(v));
		return false;
	}
	double d = v->valuedouble;
	if (d != d || d > 1e308 || d < -1e308) {
		/* 1e999 or 400 digits: cJSON reads infinity, which "%g" would print as "inf" */
		ERR(c, path, "a number this large is out of range (%ld-%ld %s)", lo, hi, unit);
		return false;
	}
	if (d >= -1e9 && d <= 1e9 && (double)(long)d != d) {
		ERR(c, path, "%.15g is not a whole number of %s (%ld-%ld)", d, unit, lo, hi);
		return false;
	}
	if (!(d >= (double)lo && d <= (double)hi)) {
		ERR(c, path, "%.15g is out of range (%ld-%ld %s)", d, lo, hi, unit);
		return false;
	}
	*out = (long)d;
	return true;
}

static bool get_bool(ctx *c, const cJSON *v, const char *path, bool *out)
{
	if (!cJSON_IsBool(v)) {
		ERR(c, path, "must be true or false, not %s", type_name(v));
		return false;
	}
	*out = cJSON_IsTrue(v);
	return true;
}

/* A string of at most max bytes, non-empty when nonempty. Returns a pooled
 * copy, or NULL after reporting. */
/* Offset of the first control character in s (C0, DEL or C1: terminal
 * escapes hide in them), or -1. A multi-line text may hold '\n' and '\t'. */
static long control_at(const char *s, bool multiline, uint32_t *which)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if ((cp < 0x20 && !(multiline && (cp == '\n' || cp == '\t'))) || (cp >= 0x7f && cp <= 0x9f)) {
			*which = cp;
			return (long)i;
		}
		i += n;
	}
	return -1;
}

static const char *get_string(ctx *c, const cJSON *v, const char *path, size_t max, bool nonempty)
{
	if (!cJSON_IsString(v)) {
		ERR(c, path, "must be a string, not %s", type_name(v));
		return NULL;
	}
	/* titles and names are one line; texts (max ROUTINE_MAX_TEXT) may break lines */
	bool multiline = max >= ROUTINE_MAX_TEXT;
	uint32_t cc;
	long at = control_at(v->valuestring, multiline, &cc);
	if (at >= 0) {
		ERR(c, path, "holds a control character (U+%04X, at byte %ld)%s", (unsigned)cc, at + 1,
		    multiline ? "; a text may hold line breaks and tabs, nothing else below a space"
		              : "; a name or title is one line of plain text");
		return NULL;
	}
	size_t n = strlen(v->valuestring);
	if (nonempty && n == 0) {
		ERR(c, path, "must not be empty");
		return NULL;
	}
	if (n > max) {
		ERR(c, path, "too long: %zu bytes (at most %zu)", n, max);
		return NULL;
	}
	return pool(c, v->valuestring);
}

/* A one-line text ("placement", "caution"): a string of 1..max bytes
 * without control characters (they would break the spoken and shown line). */
static const char *get_line(ctx *c, const cJSON *v, const char *path, size_t max)
{
	if (cJSON_IsString(v)) {
		for (const unsigned char *q = (const unsigned char *)v->valuestring; *q; q++)
			if (*q < 0x20 || *q == 0x7f) {
				ERR(c, path, "contains a control character (\\x%02X at byte %zu); write it as one line of text",
				    *q, (size_t)(q - (const unsigned char *)v->valuestring) + 1);
				return NULL;
			}
	}
	return get_string(c, v, path, max, true);
}

/* Muscles not to press with a tool, and what lies under or beside them
 * (Travell & Simons; see routines/README.md). Names are normalized: lower
 * case, single blanks. */
static const struct { const char *name; bool exact; const char *why; } not_for_a_ball[] = {
	{ "sternocleidomastoid", false, "the carotid artery and jugular vein run beside it" },
	{ "scm", true, "the carotid artery and jugular vein run beside it" },
	{ "scalene", false, "the brachial plexus and subclavian artery pass between them" },
	{ "psoas", false, "it lies deep behind the abdomen, by the aorta and the femoral nerve" },
	{ "hip flexor", false, "the psoas lies deep behind the abdomen, by the aorta and the femoral nerve" },
	{ "pectoralis minor", false, "the brachial plexus and axillary artery run beneath it" },
	{ "pec minor", false, "the brachial plexus and axillary artery run beneath it" },
};

bool routine_not_for_a_ball(const char *target, const char **why)
{
	char n[ROUTINE_MAX_NAME + 1];
	size_t o = 0;
	if (!target)
		return false;
	for (const char *q = target; *q && o < sizeof n - 1; q++) {
		char ch = *q;
		if (ch == '-' || ch == '_' || ch == ' ' || ch == '\t') {
			if (o > 0 && n[o - 1] != ' ')
				n[o++] = ' ';
			continue;
		}
		n[o++] = (char)(ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch);
	}
	while (o > 0 && n[o - 1] == ' ')
		o--;
	n[o] = '\0';
	for (size_t i = 0; i < COUNT(not_for_a_ball); i++) {
		bool hit = not_for_a_ball[i].exact ? strcmp(n, not_for_a_ball[i].name) == 0
		                                   : strstr(n, not_for_a_ball[i].name) != NULL;
		if (hit) {
			if (why)
				*why = not_for_a_ball[i].why;
			return true;
		}
	}
	return false;
}

/* Keys suggested for misspelt ones in one object. */
typedef struct {
	const char *names[8];
	size_t n;
} suggestions;

static bool was_suggested(const suggestions *sug, const char *key)
{
	for (size_t i = 0; i < sug->n; i++)
		if (strcmp(sug->names[i], key) == 0)
			return true;
	return false;
}

/* Checks a key against the keys allowed here; reports unknown ones with a
 * suggestion. `where` names the object in the message ("a routine"). */
static bool check_key(ctx *c, const char *key, const char *path, const char *const *allowed,
                      size_t n, const char *where, suggestions *sug)
{
	if (in_list(key, allowed, n))
		return true;
	char q[128], list[256];
	const char *s = suggest_closest(key, allowed, n);
	if (sug && s && sug->n < COUNT(sug->names))
		sug->names[sug->n++] = s;
	if (s) {
		report(c, ROUTINE_ERROR, path, AT_KEY, path, "unknown key %s (did you mean \"%s\"?)",
		       quote(key, q, sizeof q), s);
	} else {
		join_names(list, sizeof list, allowed, n);
		report(c, ROUTINE_ERROR, path, AT_KEY, path, "unknown key %s (%s takes: %s)",
		       quote(key, q, sizeof q), where, list);
	}
	return false;
}

static void missing(ctx *c, const char *obj_path, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A required field is missing: reported at the enclosing object's '{'. */
static void missing(ctx *c, const char *obj_path, const char *key, const char *fmt, ...)
{
	char p[PATH_BUF], msg[400];
	path_key(p, obj_path, key);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	report(c, ROUTINE_ERROR, obj_path, AT_VALUE, p, "%s", msg);
}

static void parse_cues(ctx *c, const cJSON *v, const char *path, cue_override *o)
{
	if (!cJSON_IsObject(v)) {
		ERR(c, path, "must be an object like {\"voice\": false}, not %s", type_name(v));
		return;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		char p[PATH_BUF];
		if (skip_member(c, v, m))
			continue;
		path_key(p, path, m->string);
		if (!check_key(c, m->string, p, cue_keys, COUNT(cue_keys), "cues", NULL))
			continue;
		bool b;
		long n;
		if (strcmp(m->string, "countdown_s") == 0) {
			if (get_int(c, m, p, 0, ROUTINE_MAX_COUNTDOWN_S, "seconds", &n)) {
				o->v.countdown_s = (uint8_t)n;
				o->set |= CUE_SET_COUNTDOWN;
			}
		} else if (get_bool(c, m, p, &b)) {
			if (strcmp(m->string, "start") == 0) { o->v.start = b; o->set |= CUE_SET_START; }
			else if (strcmp(m->string, "halfway") == 0) { o->v.halfway = b; o->set |= CUE_SET_HALFWAY; }
			else if (strcmp(m->string, "end") == 0) { o->v.end = b; o->set |= CUE_SET_END; }
			else if (strcmp(m->string, "switch_sides") == 0) { o->v.switch_sides = b; o->set |= CUE_SET_SWITCH; }
			else { o->v.voice = b; o->set |= CUE_SET_VOICE; }
		}
	}
}

static routine_cues merge_cues(routine_cues base, const cue_override *o)
{
	if (o->set & CUE_SET_START) base.start = o->v.start;
	if (o->set & CUE_SET_HALFWAY) base.halfway = o->v.halfway;
	if (o->set & CUE_SET_COUNTDOWN) base.countdown_s = o->v.countdown_s;
	if (o->set & CUE_SET_END) base.end = o->v.end;
	if (o->set & CUE_SET_SWITCH) base.switch_sides = o->v.switch_sides;
	if (o->set & CUE_SET_VOICE) base.voice = o->v.voice;
	return base;
}

static void parse_sides(ctx *c, const cJSON *v, const char *path, step *st)
{
	const char *list = SIDE_LIST;
	if (!cJSON_IsArray(v)) {
		ERR(c, path, "must be an array of sides, e.g. [\"left\", \"right\"], not %s", type_name(v));
		return;
	}
	if (cJSON_GetArraySize(v) == 0) {
		ERR(c, path, "must not be empty (leave \"sides\" out for a step without sides)");
		return;
	}
	if (c->in_sides) {
		ERR(c, path, "a step inside a repeat with \"sides\" takes no \"sides\" of its own: "
		    "the repeat runs its steps once per side");
		return;
	}
	size_t i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, v) {
		char p[PATH_BUF], q[128];
		path_index(p, path, i++);
		if (!cJSON_IsString(it)) {
			ERR(c, p, "must be a side (%s), not %s", list, type_name(it));
			continue;
		}
		int k = index_of(it->valuestring, side_names, COUNT(side_names));
		if (k < 0) {
			ERR(c, p, "%s is not a side (%s)", quote(it->valuestring, q, sizeof q), list);
			continue;
		}
		routine_side s = (routine_side)(k + 1);
		bool dup = false;
		for (int j = 0; j < st->nsides; j++)
			dup |= st->sides[j] == s;
		if (dup) {
			ERR(c, p, "\"%s\" is listed twice", side_names[k]);
			continue;
		}
		st->sides[st->nsides++] = s;
	}
}

static void parse_refers_to(ctx *c, const cJSON *v, const char *path, step *st)
{
	if (cJSON_IsString(v)) {
		st->refers_to = get_string(c, v, path, ROUTINE_MAX_NAME, true);
		return;
	}
	if (!cJSON_IsArray(v)) {
		ERR(c, path, "must be a string or an array of strings, not %s", type_name(v));
		return;
	}
	int n = cJSON_GetArraySize(v);
	if (n == 0) {
		ERR(c, path, "must not be empty (leave \"refers_to\" out instead)");
		return;
	}
	if (n > MAX_REFERS) {
		ERR(c, path, "lists %d places (at most %d)", n, MAX_REFERS);
		return;
	}
	char joined[(ROUTINE_MAX_NAME + 2) * MAX_REFERS + 1];
	size_t used = 0, i = 0;
	bool ok = true;
	const cJSON *it;
	joined[0] = '\0';
	cJSON_ArrayForEach(it, v) {
		char p[PATH_BUF];
		path_index(p, path, i);
		const char *s = get_string(c, it, p, ROUTINE_MAX_NAME, true);
		if (!s) {
			ok = false;
		} else if (ok) {
			used += (size_t)snprintf(joined + used, sizeof joined - used, "%s%s", i ? ", " : "", s);
		}
		i++;
	}
	if (ok)
		st->refers_to = pool(c, joined);
}

static void parse_steps(ctx *c, const cJSON *v, const char *path, int level, step **out, size_t *n);

/* A compression or rolling of a muscle that is not safe under a tool: a
 * warning at its target, saying what lies there. */
static void warn_not_for_a_ball(ctx *c, const step *st, const char *path)
{
	char p[PATH_BUF], q[128];
	const char *why;
	if ((st->kind == ROUTINE_COMPRESSION || st->kind == ROUTINE_ROLLING) && st->target &&
	    routine_not_for_a_ball(st->target, &why)) {
		path_key(p, path, "target");
		report(c, ROUTINE_WARNING, p, AT_VALUE, p, "%s is not safe to press (%s): stretch it instead",
		       quote(st->target, q, sizeof q), why);
	}
}

/* Validates one step object into *st. `level` is how many repeats enclose it. */
static void parse_step(ctx *c, const cJSON *v, const char *path, int level, step *st)
{
	memset(st, 0, sizeof *st);
	st->kind = KIND_INVALID;
	st->transition_s = -1;
	st->step_path = c->flat++;
	if (!cJSON_IsObject(v)) {
		ERR(c, path, "a step must be an object like {\"kind\": \"stretch\", ...}, not %s", type_name(v));
		return;
	}
	char p[PATH_BUF], q[128];
	const char *kinds = KIND_LIST, *tools = TOOL_LIST;

	/* The kind decides which keys are allowed, so it comes first. */
	const cJSON *kv = cJSON_GetObjectItemCaseSensitive(v, "kind");
	bool kind_given = kv != NULL;
	if (kv) {
		path_key(p, path, "kind");
		if (!cJSON_IsString(kv))
			ERR(c, p, "must be a string (%s), not %s", kinds, type_name(kv));
		else if ((st->kind = index_of(kv->valuestring, kind_names, COUNT(kind_names))) < 0)
			ERR(c, p, "%s is not a kind (%s)", quote(kv->valuestring, q, sizeof q), kinds);
		else if (st->kind == (int)COUNT(kind_names) - 1)
			st->kind = KIND_REPEAT; /* "repeat" is last in kind_names */
	}
	const char *const *allowed = step_keys_all;
	size_t nallowed = COUNT(step_keys_all);
	const char *kname = st->kind == KIND_REPEAT ? "repeat" : st->kind >= 0 ? kind_names[st->kind] : NULL;
	switch (st->kind) {
	case ROUTINE_COMPRESSION: case ROUTINE_ROLLING:
		allowed = step_keys_timed; nallowed = COUNT(step_keys_timed); break;
	case ROUTINE_STRETCH:
		allowed = step_keys_stretch; nallowed = COUNT(step_keys_stretch); break;
	case ROUTINE_REST:
		allowed = step_keys_rest; nallowed = COUNT(step_keys_rest); break;
	case KIND_REPEAT:
		allowed = step_keys_repeat; nallowed = COUNT(step_keys_repeat); break;
	default:
		break;
	}

	const cJSON *dur = NULL, *min = NULL, *tool = NULL, *times = NULL, *steps = NULL;
	suggestions sug = { .n = 0 }; /* a misspelt key's suggestion is not also "missing" */
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		const char *k = m->string;
		if (skip_member(c, v, m))
			continue;
		path_key(p, path, k);
		if (!in_list(k, step_keys_all, COUNT(step_keys_all))) {
			char where[48];
			snprintf(where, sizeof where, "a %s step", kname ? kname : "");
			check_key(c, k, p, allowed, nallowed, kname ? where : "a step", &sug);
			continue;
		}
		if (!in_list(k, allowed, nallowed)) {
			if (strcmp(k, "tool") == 0)
				report(c, ROUTINE_ERROR, p, AT_KEY, p, "a %s takes no tool (only compression and rolling do)", kname);
			else if (st->kind == KIND_REPEAT)
				report(c, ROUTINE_ERROR, p, AT_KEY, p, "a repeat takes only \"kind\", \"times\", \"sides\" and \"steps\"; put \"%s\" on the steps inside it", k);
			else
				report(c, ROUTINE_ERROR, p, AT_KEY, p, "a %s step takes no \"%s\"", kname, k);
			continue;
		}
		long n;
		if (strcmp(k, "kind") == 0) {
			/* done above */
		} else if (strcmp(k, "tool") == 0) {
			tool = m;
			if (!cJSON_IsString(m)) {
				ERR(c, p, "must be a string (%s), not %s", tools, type_name(m));
			} else {
				int t = index_of(m->valuestring, tool_names, COUNT(tool_names));
				if (t < 0)
					ERR(c, p, "%s is not a tool (%s)", quote(m->valuestring, q, sizeof q), tools);
				else
					st->tool = (routine_tool)(t + 1);
			}
		} else if (strcmp(k, "target") == 0) {
			st->target = get_string(c, m, p, ROUTINE_MAX_NAME, true);
		} else if (strcmp(k, "text") == 0) {
			st->text = get_string(c, m, p, ROUTINE_MAX_TEXT, false);
		} else if (strcmp(k, "placement") == 0 || strcmp(k, "caution") == 0) {
			const char *t = get_line(c, m, p, k[0] == 'p' ? ROUTINE_MAX_PLACEMENT : ROUTINE_MAX_CAUTION);
			*(k[0] == 'p' ? &st->placement : &st->caution) = t;
		} else if (strcmp(k, "sides") == 0) {
			parse_sides(c, m, p, st);
		} else if (strcmp(k, "duration_s") == 0) {
			dur = m;
			if (get_int(c, m, p, 1, ROUTINE_MAX_DURATION_S, "seconds", &n))
				st->duration_s = n;
		} else if (strcmp(k, "transition_s") == 0) {
			if (get_int(c, m, p, 0, MAX_TRANSITION_S, "seconds", &n))
				st->transition_s = n;
		} else if (strcmp(k, "refers_to") == 0) {
			parse_refers_to(c, m, p, st);
		} else if (strcmp(k, "cues") == 0) {
			parse_cues(c, m, p, &st->cues);
		} else if (strcmp(k, "ends") == 0) {
			if (!cJSON_IsString(m))
				ERR(c, p, "must be \"tap\", not %s", type_name(m));
			else if (strcmp(m->valuestring, "tap") != 0)
				ERR(c, p, "%s is not a way to end a step (only \"tap\")", quote(m->valuestring, q, sizeof q));
			else
				st->ends_tap = true;
		} else if (strcmp(k, "min_s") == 0) {
			min = m;
			if (get_int(c, m, p, 1, ROUTINE_MAX_DURATION_S - 1, "seconds", &n))
				st->min_s = n;
		} else if (strcmp(k, "times") == 0) {
			times = m;
			if (get_int(c, m, p, 1, ROUTINE_MAX_TIMES, "repetitions", &n))
				st->times = n;
		} else if (strcmp(k, "steps") == 0) {
			steps = m;
			if (level + 1 == ROUTINE_MAX_DEPTH + 1)
				report(c, ROUTINE_ERROR, path, AT_VALUE, path,
				       "repeats are nested more than %d deep", ROUTINE_MAX_DEPTH);
			bool per_side = cJSON_GetObjectItemCaseSensitive(v, "sides") != NULL;
			c->in_sides += per_side;
			parse_steps(c, m, p, level + 1, &st->children, &st->nchildren);
			c->in_sides -= per_side;
		}
	}

	if (!kind_given) {
		if (!was_suggested(&sug, "kind"))
			missing(c, path, "kind", "missing \"kind\" (%s)", kinds);
		return;
	}
	if (st->kind < 0)
		return;
	if (st->kind == KIND_REPEAT) {
		if (!times && cJSON_GetObjectItemCaseSensitive(v, "sides"))
			st->times = 1; /* a per-side block: once per side */
		else if (!times && !was_suggested(&sug, "times"))
			missing(c, path, "times", "missing \"times\"; a repeat needs how often (1-%d)", ROUTINE_MAX_TIMES);
		if (!steps && !was_suggested(&sug, "steps"))
			missing(c, path, "steps", "missing \"steps\"; a repeat needs the steps it repeats");
		return;
	}
	if ((st->kind == ROUTINE_COMPRESSION || st->kind == ROUTINE_ROLLING) && !tool && !was_suggested(&sug, "tool"))
		missing(c, path, "tool", "missing \"tool\"; a %s step needs one (%s)", kname, tools);
	long cap = st->duration_s;
	if (!dur && was_suggested(&sug, "duration_s")) {
		/* reported as a misspelling already */
	} else if (!dur) {
		if (st->kind == ROUTINE_COMPRESSION && st->ends_tap)
			cap = ROUTINE_TAP_CAP_S;
		else if (st->ends_tap)
			missing(c, path, "duration_s", "missing \"duration_s\"; a user-paced %s step needs a cap in seconds (1-%d)",
			        kname, ROUTINE_MAX_DURATION_S);
		else
			missing(c, path, "duration_s", "missing \"duration_s\"; a %s step needs its length in seconds (1-%d)",
			        kname, ROUTINE_MAX_DURATION_S);
	}
	if (!dur || st->duration_s > 0)
		st->duration_s = cap;
	if (min) {
		path_key(p, path, "min_s");
		if (!st->ends_tap)
			ERR(c, p, "\"min_s\" only goes with \"ends\": \"tap\"");
		else if (st->min_s > 0 && cap > 0 && st->min_s >= cap)
			ERR(c, p, "%ld must be less than the step's cap (%ld s)", st->min_s, cap);
	}
	warn_not_for_a_ball(c, st, path);
	if (st->kind == ROUTINE_COMPRESSION && cap > 0 &&
	    (cap < ROUTINE_HOLD_MIN_S || cap > ROUTINE_HOLD_MAX_S) && dur) {
		path_key(p, path, "duration_s");
		report(c, ROUTINE_WARNING, p, AT_VALUE, p,
		       "a %ld s compression%s is outside the usual %d-%d s", cap,
		       st->ends_tap ? " cap" : "", ROUTINE_HOLD_MIN_S, ROUTINE_HOLD_MAX_S);
	}
}

static void parse_steps(ctx *c, const cJSON *v, const char *path, int level, step **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!cJSON_IsArray(v)) {
		ERR(c, path, "must be an array of steps, not %s", type_name(v));
		return;
	}
	int count = cJSON_GetArraySize(v);
	if (count == 0) {
		ERR(c, path, "must not be empty");
		return;
	}
	step *arr = calloc((size_t)count, sizeof *arr);
	if (!arr) {
		c->oom = true;
		return;
	}
	*out = arr;
	*n = (size_t)count;
	size_t i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, v) {
		char p[PATH_BUF];
		if (c->errors > MAX_ERRORS)
			break;
		path_index(p, path, i);
		parse_step(c, it, p, level, &arr[i]);
		i++;
	}
}

static void free_steps(step *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free_steps(s[i].children, s[i].nchildren);
	free(s);
}

static void parse_defaults(ctx *c, const cJSON *v, const char *path)
{
	if (!cJSON_IsObject(v)) {
		ERR(c, path, "must be an object like {\"transition_s\": 5}, not %s", type_name(v));
		return;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		char p[PATH_BUF];
		if (skip_member(c, v, m))
			continue;
		path_key(p, path, m->string);
		if (!check_key(c, m->string, p, defaults_keys, COUNT(defaults_keys), "defaults", NULL))
			continue;
		if (strcmp(m->string, "transition_s") == 0)
			get_int(c, m, p, 0, MAX_TRANSITION_S, "seconds", &c->def_transition);
		else
			parse_cues(c, m, p, &c->def_cues);
	}
}

/* ---- timeline ---- */

static long step_transition(const ctx *c, const step *s)
{
	if (s->kind == ROUTINE_REST)
		return 0;
	return s->transition_s >= 0 ? s->transition_s : c->def_transition;
}

/* Planned length and entry count of steps, saturating far above the limits. */
static void measure(const ctx *c, const step *s, size_t n, uint64_t *total, uint64_t *count)
{
	const uint64_t big = (uint64_t)1 << 40;
	*total = 0;
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t t, k;
		if (s[i].kind == KIND_REPEAT) {
			uint64_t per = (uint64_t)s[i].times * (uint64_t)(s[i].nsides ? s[i].nsides : 1);
			measure(c, s[i].children, s[i].nchildren, &t, &k);
			t *= per;
			k *= per;
		} else {
			uint64_t sides = s[i].nsides ? (uint64_t)s[i].nsides : 1;
			long tr = step_transition(c, &s[i]);
			t = sides * ((uint64_t)(s[i].duration_s > 0 ? s[i].duration_s : 0) + (uint64_t)tr);
			k = sides * (tr > 0 ? 2 : 1);
		}
		*total += t;
		*count += k;
		if (*total > big) *total = big;
		if (*count > big) *count = big;
	}
}

static const char *get_ready_text(ctx *c, step *s, routine_side side)
{
	if (!s->get_ready[side]) {
		char buf[ROUTINE_MAX_NAME + 64];
		const char *what = s->target ? s->target : kind_names[s->kind];
		if (side != ROUTINE_SIDE_NONE)
			snprintf(buf, sizeof buf, "Get ready: %s, %s side", what, routine_side_name(side));
		else
			snprintf(buf, sizeof buf, "Get ready: %s", what);
		s->get_ready[side] = pool(c, buf);
	}
	return s->get_ready[side];
}

/* `block_side`: the side of the enclosing per-side repeat, or NONE. */
static void expand(ctx *c, step *s, size_t n, routine_cues base, routine_side block_side)
{
	routine *r = c->r;
	for (size_t i = 0; i < n && !c->oom; i++) {
		step *st = &s[i];
		if (st->kind == KIND_REPEAT) {
			for (long t = 0; t < st->times; t++) {
				if (!st->nsides)
					expand(c, st->children, st->nchildren, base, block_side);
				for (int k = 0; k < st->nsides; k++)
					expand(c, st->children, st->nchildren, base, st->sides[k]);
			}
			continue;
		}
		routine_cues cues = merge_cues(base, &st->cues);
		long tr = step_transition(c, st);
		int nsides = st->nsides ? st->nsides : 1;
		for (int k = 0; k < nsides; k++) {
			routine_side side = st->nsides ? st->sides[k] : block_side;
			if (tr > 0) {
				routine_entry *e = &r->entries[r->n++];
				memset(e, 0, sizeof *e);
				e->kind = ROUTINE_TRANSITION;
				e->tool = ROUTINE_TOOL_NONE;
				e->side = side;
				e->target = st->target;
				e->text = get_ready_text(c, st, side);
				e->placement = st->placement;
				e->caution = st->caution;
				e->duration_s = (uint32_t)tr;
				e->cues = cues;
				e->step_path = st->step_path;
			}
			routine_entry *e = &r->entries[r->n++];
			memset(e, 0, sizeof *e);
			e->kind = (routine_kind)st->kind;
			e->tool = st->tool;
			e->side = side;
			e->target = st->target;
			e->text = st->text;
			e->refers_to = st->refers_to;
			e->placement = st->placement;
			e->caution = st->caution;
			e->duration_s = (uint32_t)st->duration_s;
			e->ends_on_tap = st->ends_tap;
			e->min_s = (uint32_t)st->min_s;
			e->cues = cues;
			e->step_path = st->step_path;
		}
	}
}

/* ---- the whole file ---- */

static void parse_root(ctx *c, const cJSON *root, step **steps, size_t *nsteps)
{
	if (!cJSON_IsObject(root)) {
		ERR(c, "", "a routine must be a JSON object ({\"format\": 1, ...}), not %s", type_name(root));
		return;
	}
	const cJSON *m, *format = NULL, *title = NULL, *stv = NULL;
	suggestions sug = { .n = 0 }; /* a misspelt key's suggestion is not also "missing" */
	cJSON_ArrayForEach(m, root) {
		char p[PATH_BUF];
		if (skip_member(c, root, m))
			continue;
		path_key(p, "", m->string);
		if (!check_key(c, m->string, p, root_keys, COUNT(root_keys), "a routine", &sug))
			continue;
		if (strcmp(m->string, "format") == 0) {
			format = m;
			if (!cJSON_IsNumber(m))
				ERR(c, p, "must be the number 1, not %s", type_name(m));
			else if (m->valuedouble != 1.0)
				ERR(c, p, "%.15g is not supported; this unknot reads format 1", m->valuedouble);
		} else if (strcmp(m->string, "title") == 0) {
			title = m;
			c->r->title = get_string(c, m, p, ROUTINE_MAX_TITLE, true);
		} else if (strcmp(m->string, "description") == 0) {
			c->r->description = get_string(c, m, p, ROUTINE_MAX_TEXT, false);
		} else if (strcmp(m->string, "defaults") == 0) {
			parse_defaults(c, m, p);
		} else if (strcmp(m->string, "steps") == 0) {
			stv = m;
			parse_steps(c, m, p, 0, steps, nsteps);
		} else if (strcmp(m->string, "$schema") == 0) {
			if (!cJSON_IsString(m))
				ERR(c, p, "must be a string (the schema's URL or path), not %s", type_name(m));
		}
	}
	if (!format && !was_suggested(&sug, "format"))
		missing(c, "", "format", "missing \"format\" (write \"format\": 1)");
	if (!title && !was_suggested(&sug, "title"))
		missing(c, "", "title", "missing \"title\"");
	if (!stv && !was_suggested(&sug, "steps"))
		missing(c, "", "steps", "missing \"steps\"");
	if (stv && *nsteps) {
		uint64_t total, count;
		measure(c, *steps, *nsteps, &total, &count);
		if (total > ROUTINE_MAX_TOTAL_S) {
			char a[32], b[32];
			ERR(c, "steps", "the timeline is %s long; the limit is 4 hours (%s)",
			    total > 99999999 ? "far too" : routine_mmss((uint32_t)total, a, sizeof a),
			    routine_mmss(ROUTINE_MAX_TOTAL_S, b, sizeof b));
		}
	}
}

/* Sorts diagnostics into file order (stable; unplaced ones first). */
static void sort_diags(routine_diags *d, size_t from)
{
	for (size_t i = from + 1; i < d->count; i++) {
		routine_diag x = d->items[i];
		size_t j = i;
		while (j > from && (d->items[j - 1].line > x.line ||
		       (d->items[j - 1].line == x.line && d->items[j - 1].column > x.column))) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = x;
	}
}

routine *routine_parse(const char *name, const char *text, size_t len, routine_diags *diags)
{
	routine *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	ctx c = { .out = diags, .r = r };
	size_t first = diags ? diags->count : 0;
	cJSON *root = NULL;
	step *steps = NULL;
	size_t nsteps = 0;
	r->name = strdup(name ? name : "");
	if (!r->name)
		goto fail;

	if (len > ROUTINE_MAX_FILE_BYTES) {
		char msg[96];
		snprintf(msg, sizeof msg, "the file is too big: %zu bytes (at most 1 MiB)", len);
		add_diag(&c, ROUTINE_ERROR, 0, 0, "", msg);
		goto fail;
	}
	c.pos = jsonpos_scan(text, len);
	if (!c.pos)
		goto fail;
	for (size_t i = 0; i < jsonpos_issue_count(c.pos); i++) {
		const jsonpos_issue *is = jsonpos_issue_at(c.pos, i);
		c.dup_keys |= is->kind == JSONPOS_DUPLICATE_KEY;
		add_diag(&c, ROUTINE_ERROR, is->line, is->column, is->path, is->message);
	}
	if (!jsonpos_ok(c.pos))
		goto fail;
	const char *end = NULL;
	root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
	if (!root) {
		/* jsonpos accepted it, so this is cJSON's own limit (or memory). */
		int line = 1, col = 1;
		if (end)
			jsonpos_line_col(text, len, (size_t)(end - text), &line, &col);
		add_diag(&c, ROUTINE_ERROR, line, col, "", "invalid JSON (cJSON could not parse it)");
		goto fail;
	}
	parse_root(&c, root, &steps, &nsteps);
	if (c.errors || c.oom)
		goto fail;

	uint64_t total, count;
	measure(&c, steps, nsteps, &total, &count);
	r->entries = calloc((size_t)count, sizeof *r->entries);
	if (!r->entries)
		goto fail;
	routine_cues base = { .start = true, .halfway = true, .countdown_s = 3, .end = true,
	                      .switch_sides = true, .voice = true };
	base = merge_cues(base, &c.def_cues);
	expand(&c, steps, nsteps, base, ROUTINE_SIDE_NONE);
	if (c.oom)
		goto fail;
	uint32_t t = 0;
	for (size_t i = 0; i < r->n; i++) {
		r->entries[i].index = (int)i + 1;
		r->entries[i].start_s = t;
		t += r->entries[i].duration_s;
	}
	r->total_s = t;
	free_steps(steps, nsteps);
	cJSON_Delete(root);
	jsonpos_free(c.pos);
	if (diags)
		sort_diags(diags, first);
	return r;

fail:
	if (c.oom || (!c.errors && diags)) {
		/* Out of memory is still a reason to reject; say so once. */
		add_diag(&c, ROUTINE_ERROR, 0, 0, "", "out of memory");
	}
	free_steps(steps, nsteps);
	cJSON_Delete(root);
	jsonpos_free(c.pos);
	routine_free(r);
	if (diags)
		sort_diags(diags, first);
	return NULL;
}

char *routine_diag_format(const routine_diag *d, const char *file, char *buf, size_t size)
{
	char where[64] = "";
	if (d->line > 0)
		snprintf(where, sizeof where, ":%d:%d", d->line, d->column);
	snprintf(buf, size, "%s%s: %s%s%s%s", file ? file : "", where, d->path,
	         d->path[0] ? ": " : "", d->severity == ROUTINE_WARNING ? "warning: " : "", d->message);
	return buf;
}

void routine_diags_free(routine_diags *diags)
{
	if (!diags)
		return;
	free(diags->items);
	diags->items = NULL;
	diags->count = 0;
	diags->errors = 0;
}

void routine_free(routine *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->nstrings; i++)
		free(r->strings[i]);
	free(r->strings);
	free(r->entries);
	free(r->name);
	free(r);
}

const char *routine_title(const routine *r) { return r->title ? r->title : ""; }
const char *routine_description(const routine *r) { return r->description; }
const char *routine_file(const routine *r) { return r->name; }
size_t routine_length(const routine *r) { return r->n; }
uint32_t routine_total_s(const routine *r) { return r->total_s; }

const routine_entry *routine_entry_at(const routine *r, size_t i)
{
	return i < r->n ? &r->entries[i] : NULL;
}

size_t routine_targets(const routine *r, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n && n < max; i++) {
		const char *t = r->entries[i].target;
		bool seen = !t;
		for (size_t k = 0; k < n && !seen; k++)
			seen = strcmp(out[k], t) == 0;
		if (!seen)
			out[n++] = t;
	}
	return n;
}

size_t routine_tools(const routine *r, routine_tool *out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < r->n && n < max; i++) {
		routine_tool t = r->entries[i].tool;
		bool seen = t == ROUTINE_TOOL_NONE;
		for (size_t k = 0; k < n && !seen; k++)
			seen = out[k] == t;
		if (!seen)
			out[n++] = t;
	}
	return n;
}
