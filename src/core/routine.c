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
#include "core/i18n.h"
#include "core/routine.h"

#include <cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonpos.h"
#include "core/rcheck.h"
#include "core/rtrans.h"
#include "core/suggest.h"
#include "core/vec.h"
#include "core/utf8.h"

#define MAX_TRANSITION_S 120
#define KIND_REPEAT    ROUTINE_KIND_COUNT /* file-only kind, never in a timeline */
#define KIND_INVALID   (-1)

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
	bool reposition;           /* "reposition": the body's position changes before it */
	cue_override cues;
	bool ends_tap;
	long min_s;                /* 0 when not given */
	long times;                /* repeat */
	step *children;            /* repeat */
	size_t nchildren;
	int step_path;             /* depth-first index among all file steps */
	const char *get_ready[3];  /* transition text per routine_side, made on demand */
};

static const char *const kind_names[] = { "compression", "rolling", "stretch", "rest", "repeat" };
static const char *const tool_names[] = { "ball", "peanut", "roller", "cane", "hand" };
static const char *const side_names[] = { "left", "right" };
/* The same lists for messages (kept next to the arrays they spell out). */
#define KIND_LIST "compression, rolling, stretch, rest, repeat"
#define TOOL_LIST "ball, peanut, roller, cane, hand"

static const char *const root_keys[] = { "format", "title", "description", "defaults", "steps", "$schema",
                                         "areas", "language" };
static const char *const defaults_keys[] = { "transition_s", "cues" };
static const char *const step_keys_timed[] = {
	"kind", "tool", "target", "sides", "duration_s", "text", "transition_s",
	"refers_to", "cues", "ends", "min_s", "placement", "caution", "reposition"
};
static const char *const step_keys_stretch[] = {
	"kind", "target", "sides", "duration_s", "text", "transition_s", "refers_to", "cues", "ends", "min_s",
	"placement", "caution", "reposition"
};
static const char *const step_keys_rest[] = { "kind", "duration_s", "text", "cues", "ends", "min_s" };
static const char *const step_keys_repeat[] = { "kind", "times", "steps", "sides" };
static const char *const step_keys_all[] = {
	"kind", "tool", "target", "sides", "duration_s", "text", "transition_s",
	"refers_to", "cues", "ends", "min_s", "times", "steps", "placement", "caution", "reposition"
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

/* Muscles not to press with a tool, and what lies under or beside them
 * (Travell & Simons; see routines/README.md). Names are normalized: lower
 * case, single blanks. */
static const struct { const char *name; bool exact; const char *why; } not_for_a_ball[] = {
	{ "sternocleidomastoid", false, N_("the carotid artery and jugular vein run beside it") },
	{ "scm", true, N_("the carotid artery and jugular vein run beside it") },
	{ "scalene", false, N_("the brachial plexus and subclavian artery pass between them") },
	{ "psoas", false, N_("it lies deep behind the abdomen, by the aorta and the femoral nerve") },
	{ "hip flexor", false, N_("the psoas lies deep behind the abdomen, by the aorta and the femoral nerve") },
	{ "pectoralis minor", false, N_("the brachial plexus and axillary artery run beneath it") },
	{ "pec minor", false, N_("the brachial plexus and axillary artery run beneath it") },
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

static void parse_steps(ctx *c, const cJSON *v, const char *path, int level, step **out, size_t *n);

/* A compression or rolling of a muscle that is not safe under a tool: a
 * warning at its target, saying what lies there. */
static void warn_not_for_a_ball(ctx *c, const step *st, const char *path)
{
	char p[PATH_BUF], q[128];
	const char *why;
	if ((st->kind == ROUTINE_COMPRESSION || st->kind == ROUTINE_ROLLING) && st->target &&
	    routine_not_for_a_ball(st->target, &why)) {
		rcheck_path_key(p, path, "target");
		char w[160];
		snprintf(w, sizeof w, FMSG_TR "%s", why); /* words of the message: translated with it */
		rcheck_report(c, ROUTINE_WARNING, p, AT_VALUE, p, N_("%s is not safe to press (%s): stretch it instead"),
		       rcheck_quote(st->target, q, sizeof q), w);
	}
}

/* Validates one step object into *st. `level` is how many repeats enclose it. */
/* What parse_step saw of a step's members, for the checks after them. */
typedef struct {
	const cJSON *dur, *min, *tool, *times, *steps;
	suggestions sug;           /* a misspelt key's suggestion is not also "missing" */
	const char *kname;         /* the kind's name, NULL when unknown */
	const char *const *allowed; /* the keys this kind takes */
	size_t nallowed;
} step_seen;

/* The step's "kind" (it decides which keys are allowed, so it comes first).
 * Returns whether the step gives one. */
static bool step_kind(ctx *c, const cJSON *v, const char *path, step *st, step_seen *w)
{
	char p[PATH_BUF], q[128];
	const cJSON *kv = cJSON_GetObjectItemCaseSensitive(v, "kind");
	if (kv) {
		rcheck_path_key(p, path, "kind");
		if (!cJSON_IsString(kv))
			ERR(c, p, N_("must be a string (%s), not %s"), KIND_LIST, rcheck_type_name(kv));
		else if ((st->kind = rcheck_index_of(kv->valuestring, kind_names, COUNT(kind_names))) < 0)
			ERR(c, p, N_("%s is not a kind (%s)"), rcheck_quote(kv->valuestring, q, sizeof q), KIND_LIST);
		else if (st->kind == (int)COUNT(kind_names) - 1)
			st->kind = KIND_REPEAT; /* "repeat" is last in kind_names */
	}
	w->allowed = step_keys_all;
	w->nallowed = COUNT(step_keys_all);
	w->kname = st->kind == KIND_REPEAT ? "repeat" : st->kind >= 0 ? kind_names[st->kind] : NULL;
	switch (st->kind) {
	case ROUTINE_COMPRESSION: case ROUTINE_ROLLING:
		w->allowed = step_keys_timed; w->nallowed = COUNT(step_keys_timed); break;
	case ROUTINE_STRETCH:
		w->allowed = step_keys_stretch; w->nallowed = COUNT(step_keys_stretch); break;
	case ROUTINE_REST:
		w->allowed = step_keys_rest; w->nallowed = COUNT(step_keys_rest); break;
	case KIND_REPEAT:
		w->allowed = step_keys_repeat; w->nallowed = COUNT(step_keys_repeat); break;
	default:
		break;
	}
	return kv != NULL;
}

/* A step's "tool" member. */
static void step_tool(ctx *c, const cJSON *m, const char *p, step *st)
{
	char q[128];
	if (!cJSON_IsString(m)) {
		ERR(c, p, N_("must be a string (%s), not %s"), TOOL_LIST, rcheck_type_name(m));
		return;
	}
	int t = rcheck_index_of(m->valuestring, tool_names, COUNT(tool_names));
	if (t < 0)
		ERR(c, p, N_("%s is not a tool (%s)"), rcheck_quote(m->valuestring, q, sizeof q), TOOL_LIST);
	else
		st->tool = (routine_tool)(t + 1);
}

/* False (reported) when key k is not one this step's kind takes. */
static bool step_key_allowed(ctx *c, const char *k, const char *p, const step *st, step_seen *w)
{
	if (!rcheck_in_list(k, step_keys_all, COUNT(step_keys_all))) {
		static const char *const where[] = { /* what takes the keys, translated with the message */
			FMSG_W("a compression step"), FMSG_W("a rolling step"), FMSG_W("a stretch step"),
			FMSG_W("a rest step"), FMSG_W("a repeat step") };
		int wk = st->kind == KIND_REPEAT ? 4 : st->kind;
		rcheck_key(c, k, p, w->allowed, w->nallowed, w->kname && wk >= 0 && wk < 5 ? where[wk] :
		           FMSG_W("a step"), &w->sug);
		return false;
	}
	if (rcheck_in_list(k, w->allowed, w->nallowed))
		return true;
	if (strcmp(k, "tool") == 0)
		rcheck_report(c, ROUTINE_ERROR, p, AT_KEY, p, N_("a %s takes no tool (only compression and rolling do)"), w->kname);
	else if (st->kind == KIND_REPEAT)
		rcheck_report(c, ROUTINE_ERROR, p, AT_KEY, p, N_("a repeat takes only \"kind\", \"times\", \"sides\" and \"steps\"; put \"%s\" on the steps inside it"), k);
	else
		rcheck_report(c, ROUTINE_ERROR, p, AT_KEY, p, N_("a %s step takes no \"%s\""), w->kname, k);
	return false;
}

/* One allowed member m (key k, at p) of the step v at path. */
static void step_member(ctx *c, const cJSON *v, const cJSON *m, const char *p, const char *path,
                        int level, step *st, step_seen *w)
{
	const char *k = m->string;
	char q[128];
	long n;
	if (strcmp(k, "tool") == 0) {
		w->tool = m;
		step_tool(c, m, p, st);
	} else if (strcmp(k, "target") == 0) {
		st->target = rcheck_string(c, m, p, ROUTINE_MAX_NAME, true);
	} else if (strcmp(k, "text") == 0) {
		st->text = rcheck_string(c, m, p, ROUTINE_MAX_TEXT, false);
	} else if (strcmp(k, "placement") == 0 || strcmp(k, "caution") == 0) {
		const char *t = rcheck_line(c, m, p, k[0] == 'p' ? ROUTINE_MAX_PLACEMENT : ROUTINE_MAX_CAUTION);
		*(k[0] == 'p' ? &st->placement : &st->caution) = t;
	} else if (strcmp(k, "sides") == 0) {
		rcheck_sides(c, m, p, st->sides, &st->nsides);
	} else if (strcmp(k, "duration_s") == 0) {
		w->dur = m;
		if (rcheck_int(c, m, p, 1, ROUTINE_MAX_DURATION_S, FMSG_W("seconds"), &n))
			st->duration_s = n;
	} else if (strcmp(k, "transition_s") == 0) {
		if (rcheck_int(c, m, p, 0, MAX_TRANSITION_S, FMSG_W("seconds"), &n))
			st->transition_s = n;
	} else if (strcmp(k, "reposition") == 0) {
		rcheck_bool(c, m, p, &st->reposition);
	} else if (strcmp(k, "refers_to") == 0) {
		st->refers_to = rcheck_refers_to(c, m, p);
	} else if (strcmp(k, "cues") == 0) {
		rcheck_cues(c, m, p, &st->cues);
	} else if (strcmp(k, "ends") == 0) {
		if (!cJSON_IsString(m))
			ERR(c, p, N_("must be \"tap\", not %s"), rcheck_type_name(m));
		else if (strcmp(m->valuestring, "tap") != 0)
			ERR(c, p, N_("%s is not a way to end a step (only \"tap\")"), rcheck_quote(m->valuestring, q, sizeof q));
		else
			st->ends_tap = true;
	} else if (strcmp(k, "min_s") == 0) {
		w->min = m;
		if (rcheck_int(c, m, p, 1, ROUTINE_MAX_DURATION_S - 1, FMSG_W("seconds"), &n))
			st->min_s = n;
	} else if (strcmp(k, "times") == 0) {
		w->times = m;
		if (rcheck_int(c, m, p, 1, ROUTINE_MAX_TIMES, FMSG_W("repetitions"), &n))
			st->times = n;
	} else if (strcmp(k, "steps") == 0) {
		w->steps = m;
		if (level + 1 == ROUTINE_MAX_DEPTH + 1)
			rcheck_report(c, ROUTINE_ERROR, path, AT_VALUE, path,
			       N_("repeats are nested more than %d deep"), ROUTINE_MAX_DEPTH);
		bool per_side = cJSON_GetObjectItemCaseSensitive(v, "sides") != NULL;
		c->in_sides += per_side;
		parse_steps(c, m, p, level + 1, &st->children, &st->nchildren);
		c->in_sides -= per_side;
	}
	/* "kind" was read by step_kind */
}

/* The checks that need the whole step: what is missing, the cap, min_s. */
static void step_finish(ctx *c, const cJSON *v, const char *path, step *st, step_seen *w)
{
	char p[PATH_BUF];
	if (st->kind == KIND_REPEAT) {
		if (!w->times && cJSON_GetObjectItemCaseSensitive(v, "sides"))
			st->times = 1; /* a per-side block: once per side */
		else if (!w->times && !rcheck_was_suggested(&w->sug, "times"))
			rcheck_missing(c, path, "times", N_("missing \"times\"; a repeat needs how often (1-%d)"), ROUTINE_MAX_TIMES);
		if (!w->steps && !rcheck_was_suggested(&w->sug, "steps"))
			rcheck_missing(c, path, "steps", N_("missing \"steps\"; a repeat needs the steps it repeats"));
		return;
	}
	if ((st->kind == ROUTINE_COMPRESSION || st->kind == ROUTINE_ROLLING) && !w->tool &&
	    !rcheck_was_suggested(&w->sug, "tool"))
		rcheck_missing(c, path, "tool", N_("missing \"tool\"; a %s step needs one (%s)"), w->kname, TOOL_LIST);
	long cap = st->duration_s;
	if (!w->dur && rcheck_was_suggested(&w->sug, "duration_s")) {
		/* reported as a misspelling already */
	} else if (!w->dur) {
		if (st->kind == ROUTINE_COMPRESSION && st->ends_tap)
			cap = ROUTINE_TAP_CAP_S;
		else if (st->ends_tap)
			rcheck_missing(c, path, "duration_s", N_("missing \"duration_s\"; a user-paced %s step needs a cap in seconds (1-%d)"),
			        w->kname, ROUTINE_MAX_DURATION_S);
		else
			rcheck_missing(c, path, "duration_s", N_("missing \"duration_s\"; a %s step needs its length in seconds (1-%d)"),
			        w->kname, ROUTINE_MAX_DURATION_S);
	}
	if (!w->dur || st->duration_s > 0)
		st->duration_s = cap;
	if (w->min) {
		rcheck_path_key(p, path, "min_s");
		if (!st->ends_tap)
			ERR(c, p, N_("\"min_s\" only goes with \"ends\": \"tap\""));
		else if (st->min_s > 0 && cap > 0 && st->min_s >= cap)
			ERR(c, p, N_("%ld must be less than the step's cap (%ld s)"), st->min_s, cap);
	}
	warn_not_for_a_ball(c, st, path);
	if (st->kind == ROUTINE_COMPRESSION && cap > 0 &&
	    (cap < ROUTINE_HOLD_MIN_S || cap > ROUTINE_HOLD_MAX_S) && w->dur) {
		rcheck_path_key(p, path, "duration_s");
		rcheck_report(c, ROUTINE_WARNING, p, AT_VALUE, p, st->ends_tap ?
		              N_("a %ld s compression cap is outside the usual %d-%d s") :
		              N_("a %ld s compression is outside the usual %d-%d s"), cap, ROUTINE_HOLD_MIN_S, ROUTINE_HOLD_MAX_S);
	}
}

static void parse_step(ctx *c, const cJSON *v, const char *path, int level, step *st)
{
	memset(st, 0, sizeof *st);
	st->kind = KIND_INVALID;
	st->transition_s = -1;
	st->step_path = c->flat++;
	if (!cJSON_IsObject(v)) {
		ERR(c, path, N_("a step must be an object like {\"kind\": \"stretch\", ...}, not %s"), rcheck_type_name(v));
		return;
	}
	step_seen w = { .dur = NULL };
	bool kind_given = step_kind(c, v, path, st, &w);
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		char p[PATH_BUF];
		if (rcheck_skip_member(c, v, m))
			continue;
		rcheck_path_key(p, path, m->string);
		if (rtrans_is_key(m->string))
			rtrans_member(c, v, m, p, st->step_path, RTRANS_STEP_FIELDS, FMSG_W("a step"));
		else if (step_key_allowed(c, m->string, p, st, &w))
			step_member(c, v, m, p, path, level, st, &w);
	}
	if (!kind_given) {
		if (!rcheck_was_suggested(&w.sug, "kind"))
			rcheck_missing(c, path, "kind", N_("missing \"kind\" (%s)"), KIND_LIST);
		return;
	}
	if (st->kind >= 0)
		step_finish(c, v, path, st, &w);
}

static void parse_steps(ctx *c, const cJSON *v, const char *path, int level, step **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!cJSON_IsArray(v)) {
		ERR(c, path, N_("must be an array of steps, not %s"), rcheck_type_name(v));
		return;
	}
	int count = cJSON_GetArraySize(v);
	if (count == 0) {
		ERR(c, path, N_("must not be empty"));
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
		rcheck_path_index(p, path, i);
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
		ERR(c, path, N_("must be an object like {\"transition_s\": 5}, not %s"), rcheck_type_name(v));
		return;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		char p[PATH_BUF];
		if (rcheck_skip_member(c, v, m))
			continue;
		rcheck_path_key(p, path, m->string);
		if (!rcheck_key(c, m->string, p, defaults_keys, COUNT(defaults_keys), "defaults", NULL))
			continue;
		if (strcmp(m->string, "transition_s") == 0)
			rcheck_int(c, m, p, 0, MAX_TRANSITION_S, FMSG_W("seconds"), &c->def_transition);
		else
			rcheck_cues(c, m, p, &c->def_cues);
	}
}

/* ---- timeline ---- */

/* A step with "reposition" (getting down to the floor, turning over) gets
 * at least ROUTINE_REPOSITION_S of get ready, however short the others. */
static long step_transition(const ctx *c, const step *s)
{
	if (s->kind == ROUTINE_REST)
		return 0;
	long tr = s->transition_s >= 0 ? s->transition_s : c->def_transition;
	return s->reposition && tr < ROUTINE_REPOSITION_S ? ROUTINE_REPOSITION_S : tr;
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
		s->get_ready[side] = rcheck_pool(c, buf);
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
		routine_cues cues = rcheck_merge_cues(base, &st->cues);
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
		ERR(c, "", N_("a routine must be a JSON object ({\"format\": 1, ...}), not %s"), rcheck_type_name(root));
		return;
	}
	const cJSON *m, *format = NULL, *title = NULL, *stv = NULL;
	suggestions sug = { .n = 0 }; /* a misspelt key's suggestion is not also "missing" */
	cJSON_ArrayForEach(m, root) {
		char p[PATH_BUF];
		if (rcheck_skip_member(c, root, m))
			continue;
		rcheck_path_key(p, "", m->string);
		if (rtrans_is_key(m->string)) {
			rtrans_member(c, root, m, p, -1, RTRANS_ROOT_FIELDS, FMSG_W("a routine"));
			continue;
		}
		if (!rcheck_key(c, m->string, p, root_keys, COUNT(root_keys), FMSG_W("a routine"), &sug))
			continue;
		if (strcmp(m->string, "format") == 0) {
			format = m;
			if (!cJSON_IsNumber(m))
				ERR(c, p, N_("must be the number 1, not %s"), rcheck_type_name(m));
			else if (m->valuedouble != 1.0)
				ERR(c, p, N_("%.15g is not supported; this unknot reads format 1"), m->valuedouble);
		} else if (strcmp(m->string, "title") == 0) {
			title = m;
			c->r->title = rcheck_string(c, m, p, ROUTINE_MAX_TITLE, true);
		} else if (strcmp(m->string, "description") == 0) {
			c->r->description = rcheck_string(c, m, p, ROUTINE_MAX_TEXT, false);
		} else if (strcmp(m->string, "areas") == 0) {
			rcheck_areas(c, m, p);
		} else if (strcmp(m->string, "defaults") == 0) {
			parse_defaults(c, m, p);
		} else if (strcmp(m->string, "steps") == 0) {
			stv = m;
			parse_steps(c, m, p, 0, steps, nsteps);
		} else if (strcmp(m->string, "language") == 0) {
			rtrans_language(c, m, p);
		} else if (strcmp(m->string, "$schema") == 0) {
			if (!cJSON_IsString(m))
				ERR(c, p, N_("must be a string (the schema's URL or path), not %s"), rcheck_type_name(m));
		}
	}
	if (!format && !rcheck_was_suggested(&sug, "format"))
		rcheck_missing(c, "", "format", N_("missing \"format\" (write \"format\": 1)"));
	if (!title && !rcheck_was_suggested(&sug, "title"))
		rcheck_missing(c, "", "title", N_("missing \"title\""));
	if (!stv && !rcheck_was_suggested(&sug, "steps"))
		rcheck_missing(c, "", "steps", N_("missing \"steps\""));
	if (stv && *nsteps) {
		uint64_t total, count;
		measure(c, *steps, *nsteps, &total, &count);
		if (total > ROUTINE_MAX_TOTAL_S) {
			char a[32], b[32];
			ERR(c, "steps", N_("the timeline is %s long; the limit is 4 hours (%s)"),
			    total > 99999999 ? FMSG_W("far too") : routine_mmss((uint32_t)total, a, sizeof a),
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
		fmsg msg;
		fmsg_set(&msg, N_("the file is too big: %zu bytes (at most 1 MiB)"), len);
		rcheck_add_diag(&c, ROUTINE_ERROR, 0, 0, "", &msg);
		goto fail;
	}
	c.pos = jsonpos_scan(text, len);
	if (!c.pos)
		goto fail;
	for (size_t i = 0; i < jsonpos_issue_count(c.pos); i++) {
		const jsonpos_issue *is = jsonpos_issue_at(c.pos, i);
		c.dup_keys |= is->kind == JSONPOS_DUPLICATE_KEY;
		rcheck_add_diag(&c, ROUTINE_ERROR, is->line, is->column, is->path, &is->msg);
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
		rcheck_add_text(&c, line, col, N_("invalid JSON (cJSON could not parse it)"));
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
	base = rcheck_merge_cues(base, &c.def_cues);
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
		rcheck_add_text(&c, 0, 0, N_("out of memory"));
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
	free(r->tr);
	free(r->entries);
	free(r->name);
	free(r);
}

const char *routine_title(const routine *r) { return r->title ? r->title : ""; }
const char *routine_description(const routine *r) { return r->description; }

size_t routine_areas(const routine *r, const char **out, size_t max)
{
	size_t n = r->nareas < max ? r->nareas : max;
	for (size_t i = 0; i < n && out; i++)
		out[i] = r->areas[i];
	return out ? n : r->nareas;
}
const char *routine_file(const routine *r) { return r->name; }
const char *routine_language(const routine *r) { return r->language ? r->language : "en"; }

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
