/* history: figures from journal lines, aggregated while reading. */
#include "core/history.h"
#include "core/vec.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MS 86400000LL
#define HOUR_MS 3600000LL
/* 2020-01-01T00:00:00Z: a start time before this is a clock that lost its date. */
#define TRUSTED_SINCE_MS 1577836800000LL
/* How many '{' positions a torn line is searched for a complete object. */
#define RESYNC_TRIES 16

/* A session and what is needed to aggregate its lines. */
typedef struct {
	history_session s;
	history_session_target *tg; /* per-target figures, in order of first mention */
	size_t ntg, captg;
	bool started;               /* its session_start line was seen */
	int disc_index;             /* step index the discomfort counter belongs to */
	int disc_count;             /* discomfort lines during that step */
} sess;

struct history {
	history_options opt;
	sess *ss;
	size_t nss, capss;
	history_target *tt;
	size_t ntt, captt;
	size_t cache;               /* index of the session the last line belonged to */
	bool have_last;             /* last_when_ms is set */
	int64_t last_when_ms;       /* start of the latest dated session */
	history_row_fn row_fn;
	void *row_user;
	size_t lines, events, foreign, bad, recovered;
	size_t checkins_fine, checkins_sore;
	char *scratch;              /* unescaped strings of the line being read */
	size_t scratch_cap;
};

/* Copies at most size-1 bytes of src, always NUL-terminating. */
static void copy_str(char *dst, size_t size, const char *src)
{
	size_t n = src ? strlen(src) : 0;
	if (n >= size)
		n = size - 1;
	if (n)
		memcpy(dst, src, n);
	dst[n] = '\0';
}

/* Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t yy = (int64_t)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yy + (*m <= 2);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;
	return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

int32_t history_day_of(int64_t wall_ms, int tz_offset_min)
{
	return (int32_t)floor_div(wall_ms + (int64_t)tz_offset_min * 60000, DAY_MS);
}

void history_day_string(int32_t day, char *buf, size_t size)
{
	int64_t y;
	unsigned m, d;
	civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04lld-%02u-%02u", (long long)y, m, d);
}

/* Reads exactly n digits; -1 when one is not a digit. */
static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int history_parse_time(const char *s, int64_t *out_ms)
{
	if (!s || strlen(s) < 19 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
	    s[13] != ':' || s[16] != ':')
		return -1;
	int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
	int hh = digits(s + 11, 2), mi = digits(s + 14, 2), ss = digits(s + 17, 2);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || hh < 0 || hh > 23 || mi < 0 ||
	    mi > 59 || ss < 0 || ss > 60)
		return -1;
	const char *p = s + 19;
	int ms = 0;
	if (*p == '.') {
		int scale = 100;
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p >= '0' && *p <= '9'; p++) {
			ms += (*p - '0') * scale;
			scale /= 10;
		}
	}
	int64_t off_min = 0;
	if (*p == 'Z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int oh = digits(p + 1, 2), om = -1;
		if (oh >= 0 && p[3] == ':')
			om = digits(p + 4, 2);
		else if (oh >= 0)
			om = digits(p + 3, 2);
		if (oh < 0 || om < 0)
			return -1;
		off_min = (int64_t)(oh * 60 + om) * (*p == '-' ? -1 : 1);
		p += p[3] == ':' ? 6 : 5;
	} else {
		return -1;
	}
	if (*p)
		return -1;
	int64_t days = days_from_civil(y, (unsigned)mo, (unsigned)d);
	*out_ms = ((days * 24 + hh) * 60 + mi) * 60000LL + ss * 1000LL + ms - off_min * 60000;
	return 0;
}

history *history_new(const history_options *opts)
{
	history *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	if (opts)
		h->opt = *opts;
	return h;
}

void history_free(history *h)
{
	if (!h)
		return;
	for (size_t i = 0; i < h->nss; i++)
		free(h->ss[i].tg);
	free(h->ss);
	free(h->tt);
	free(h->scratch);
	free(h);
}

void history_set_row_callback(history *h, history_row_fn fn, void *user)
{
	h->row_fn = fn;
	h->row_user = user;
}

/* The fields of a journal line this module reads, found in one pass over the
 * object (a lookup per field would walk the object each time). */
enum {
	F_EVENT, F_T, F_MS, F_SESSION, F_TITLE, F_FILE, F_STEPS, F_INDEX, F_KIND, F_TARGET,
	F_SIDE, F_REASON, F_PLANNED, F_ACTUAL, F_OUTCOME, F_ANSWER, F_PREVIOUS, F_COUNT
};
static const char *const field_names[F_COUNT] = {
	"event", "t", "ms", "session", "title", "file", "steps", "index", "kind", "target",
	"side", "reason", "planned_s", "actual_ms", "outcome", "answer", "previous"
};
/* A member's value: only what the figures need. Strings point into the
 * line's scratch copy (fast path) or into the cJSON tree (slow path). */
typedef enum { V_NONE = 0, V_STRING, V_NUMBER, V_TRUE, V_FALSE, V_NULL } vtype;
typedef struct {
	vtype type;
	const char *s;
	double n;
} value;
typedef struct {
	value f[F_COUNT];
} fields;

/* The field a member name of n bytes stands for, or -1. */
static int field_of(const char *k, size_t n)
{
	for (int i = 0; i < F_COUNT; i++)
		if (k[0] == field_names[i][0] && strncmp(k, field_names[i], n) == 0 &&
		    field_names[i][n] == '\0')
			return i;
	return -1;
}

/* Fills fs from the members of a parsed object; the first of duplicate keys wins. */
static void collect(const cJSON *o, fields *fs)
{
	memset(fs, 0, sizeof *fs);
	for (const cJSON *c = o->child; c; c = c->next) {
		if (!c->string || !c->string[0])
			continue;
		int i = field_of(c->string, strlen(c->string));
		if (i < 0 || fs->f[i].type != V_NONE)
			continue;
		value *v = &fs->f[i];
		if (cJSON_IsString(c)) {
			v->type = V_STRING;
			v->s = c->valuestring;
		} else if (cJSON_IsNumber(c)) {
			v->type = V_NUMBER;
			v->n = c->valuedouble;
		} else if (cJSON_IsTrue(c)) {
			v->type = V_TRUE;
		} else if (cJSON_IsFalse(c)) {
			v->type = V_FALSE;
		} else {
			v->type = V_NULL; /* null, or an object or array: not used */
		}
	}
}

static bool is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Skips white space; true when something is left. */
static bool skip_ws(const char **p, const char *e)
{
	while (*p < e && is_ws(**p))
		(*p)++;
	return *p < e;
}

/* A JSON number without exponent at *p (grammar checked). */
static bool scan_number(const char **pp, const char *e, double *out)
{
	const char *p = *pp;
	bool neg = *p == '-';
	if (neg)
		p++;
	if (p == e || *p < '0' || *p > '9' || (*p == '0' && p + 1 < e && p[1] >= '0' && p[1] <= '9'))
		return false;
	double n = 0;
	while (p < e && *p >= '0' && *p <= '9')
		n = n * 10 + (*p++ - '0');
	if (p < e && *p == '.') {
		p++;
		if (p == e || *p < '0' || *p > '9')
			return false;
		double scale = 0.1;
		while (p < e && *p >= '0' && *p <= '9') {
			n += (*p++ - '0') * scale;
			scale /= 10;
		}
	}
	if (p < e && (*p == 'e' || *p == 'E'))
		return false;
	*out = neg ? -n : n;
	*pp = p;
	return true;
}

/* A JSON string after its opening quote; unescaped into *out when out is not
 * NULL. No \u escapes (the slow path handles those). */
static bool scan_string(const char **pp, const char *e, char **out)
{
	const char *p = *pp;
	char *o = out ? *out : NULL;
	while (p < e && *p != '"') {
		char c = *p++;
		if ((unsigned char)c < 0x20)
			return false;
		if (c == '\\') {
			if (p == e)
				return false;
			switch (*p++) {
			case '"': c = '"'; break;
			case '\\': c = '\\'; break;
			case '/': c = '/'; break;
			case 'b': c = '\b'; break;
			case 'f': c = '\f'; break;
			case 'n': c = '\n'; break;
			case 'r': c = '\r'; break;
			case 't': c = '\t'; break;
			default: return false;
			}
		}
		if (o)
			*o++ = c;
	}
	if (p == e)
		return false;
	*pp = p + 1;
	if (o) {
		*o++ = '\0';
		*out = o;
	}
	return true;
}

/* The fast path: a flat JSON object (members are strings without \u escapes,
 * numbers without exponents, true, false or null), which is what every
 * journal line is; about three times faster than building a cJSON tree.
 * Strings of the members used are unescaped into h->scratch. Returns true
 * when the whole line is such an object; false means "let cJSON decide"
 * (anything else, valid JSON or not). */
static bool scan_flat(history *h, const char *p, size_t len, fields *fs)
{
	if (len + 1 > h->scratch_cap) {
		size_t cap = len + 1 > 4096 ? len + 1 : 4096;
		char *n = realloc(h->scratch, cap);
		if (!n)
			return false;
		h->scratch = n;
		h->scratch_cap = cap;
	}
	char *out = h->scratch;
	const char *e = p + len;
	memset(fs, 0, sizeof *fs);
	if (!skip_ws(&p, e) || *p++ != '{' || !skip_ws(&p, e))
		return false;
	if (*p == '}') {
		p++;
	} else {
		for (;;) {
			/* The member name: plain characters only. */
			if (*p++ != '"')
				return false;
			const char *k = p;
			while (p < e && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
				p++;
			if (p == e || *p != '"')
				return false;
			size_t kn = (size_t)(p - k);
			p++;
			int fi = kn ? field_of(k, kn) : -1;
			value *v = (fi >= 0 && fs->f[fi].type == V_NONE) ? &fs->f[fi] : NULL;
			if (!skip_ws(&p, e) || *p++ != ':' || !skip_ws(&p, e))
				return false;
			if (*p == '"') {
				char *start = out;
				p++;
				if (!scan_string(&p, e, v ? &out : NULL))
					return false;
				if (v) {
					v->type = V_STRING;
					v->s = start;
				}
			} else if (*p == '-' || (*p >= '0' && *p <= '9')) {
				double n;
				if (!scan_number(&p, e, &n))
					return false;
				if (v) {
					v->type = V_NUMBER;
					v->n = n;
				}
			} else if (e - p >= 4 && memcmp(p, "true", 4) == 0) {
				p += 4;
				if (v)
					v->type = V_TRUE;
			} else if (e - p >= 5 && memcmp(p, "false", 5) == 0) {
				p += 5;
				if (v)
					v->type = V_FALSE;
			} else if (e - p >= 4 && memcmp(p, "null", 4) == 0) {
				p += 4;
				if (v)
					v->type = V_NULL;
			} else {
				return false; /* an object, an array, or not JSON */
			}
			if (!skip_ws(&p, e))
				return false;
			if (*p == ',') {
				p++;
				if (!skip_ws(&p, e))
					return false;
				continue;
			}
			if (*p++ != '}')
				return false;
			break;
		}
	}
	skip_ws(&p, e);
	return p == e;
}

static const char *str_item(const fields *fs, int key)
{
	return fs->f[key].type == V_STRING ? fs->f[key].s : "";
}

static double num_item(const fields *fs, int key, double dflt)
{
	return fs->f[key].type == V_NUMBER ? fs->f[key].n : dflt;
}

/* A whole-number field as an int; a value no int can hold (1e300, -1e999
 * in a damaged journal) counts as missing: casting it would be undefined. */
static int int_item(const fields *fs, int key)
{
	double v = num_item(fs, key, 0);
	return v > -2147483648.0 && v < 2147483648.0 ? (int)v : 0;
}

static uint64_t ms_value(double v)
{
	if (!(v > 0))
		return 0;
	if (v > 1e15)
		return (uint64_t)1e15;
	return (uint64_t)(v + 0.5);
}

/* The session id as text: a string, or a number printed. */
static int session_id(const fields *fs, char *buf, size_t size)
{
	const value *it = &fs->f[F_SESSION];
	if (it->type == V_STRING && it->s[0]) {
		copy_str(buf, size, it->s);
		return 0;
	}
	if (it->type == V_NUMBER) {
		snprintf(buf, size, "%.17g", it->n);
		return 0;
	}
	return -1;
}

/* Applies the clock-jump rule (see history.h) to a new session. */
static void date_session(history *h, history_session *s, const char *t)
{
	int64_t ms;
	s->t_ms = INT64_MIN;
	s->day = HISTORY_NO_DAY;
	if (history_parse_time(t, &ms) == 0)
		s->t_ms = ms;
	bool trusted = s->t_ms != INT64_MIN && s->t_ms >= TRUSTED_SINCE_MS &&
	               (!h->have_last || s->t_ms >= h->last_when_ms) &&
	               (h->opt.now_ms <= 0 || s->t_ms <= h->opt.now_ms + DAY_MS);
	if (trusted) {
		s->when_ms = s->t_ms;
	} else {
		s->clock_jumped = true;
		if (!h->have_last) {
			s->when_ms = INT64_MIN;
			return;
		}
		s->when_ms = h->last_when_ms;
	}
	s->dated = true;
	s->day = history_day_of(s->when_ms, h->opt.tz_offset_min);
	h->have_last = true;
	h->last_when_ms = s->when_ms;
}

static sess *new_session(history *h, const char *id, const char *t)
{
	if (!vec_reserve((void **)&h->ss, &h->capss, h->nss + 1, sizeof *h->ss, 64))
		return NULL;
	sess *x = &h->ss[h->nss];
	memset(x, 0, sizeof *x);
	copy_str(x->s.id, sizeof x->s.id, id);
	date_session(h, &x->s, t);
	h->cache = h->nss++;
	return x;
}

/* The latest session with this id, or NULL. Most lines belong to the session
 * of the line before, so that one is tried first. */
static sess *find_session(history *h, const char *id)
{
	if (h->nss && strcmp(h->ss[h->cache].s.id, id) == 0)
		return &h->ss[h->cache];
	for (size_t i = h->nss; i-- > 0;) {
		if (strcmp(h->ss[i].s.id, id) == 0) {
			h->cache = i;
			return &h->ss[i];
		}
	}
	return NULL;
}

int history_target_find(const history *h, const char *name)
{
	for (size_t i = 0; i < h->ntt; i++)
		if (strcmp(h->tt[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The index of a target, added when new; -1 when out of memory. */
static int intern_target(history *h, const char *name)
{
	char key[HISTORY_MAX_TITLE];
	copy_str(key, sizeof key, name);
	int i = history_target_find(h, key);
	if (i >= 0)
		return i;
	if (!vec_reserve((void **)&h->tt, &h->captt, h->ntt + 1, sizeof *h->tt, 16))
		return -1;
	history_target *t = &h->tt[h->ntt];
	memset(t, 0, sizeof *t);
	copy_str(t->name, sizeof t->name, key);
	t->last_ms = INT64_MIN;
	return (int)h->ntt++;
}

/* The per-target entry of a session, added when new; NULL when out of memory. */
static history_session_target *session_target(history *h, sess *x, const char *name)
{
	int ti = intern_target(h, name);
	if (ti < 0)
		return NULL;
	for (size_t i = 0; i < x->ntg; i++)
		if (x->tg[i].target == ti)
			return &x->tg[i];
	if (!vec_reserve((void **)&x->tg, &x->captg, x->ntg + 1, sizeof *x->tg, 8))
		return NULL;
	history_session_target *e = &x->tg[x->ntg++];
	memset(e, 0, sizeof *e);
	e->target = ti;
	return e;
}

/* Steps that hold a trigger point until it releases: compressions and rolling.
 * Stretches, rests and the moves between steps are not holds. */
static bool is_hold(const char *kind, const char *target)
{
	return target[0] && (strcmp(kind, "compression") == 0 || strcmp(kind, "rolling") == 0);
}

static void on_step_end(history *h, sess *x, const fields *o)
{
	const char *kind = str_item(o, F_KIND), *target = str_item(o, F_TARGET);
	const char *reason = str_item(o, F_REASON);
	int index = int_item(o, F_INDEX);
	double planned_s = num_item(o, F_PLANNED, 0);
	uint64_t actual = ms_value(num_item(o, F_ACTUAL, 0));
	int disc = x->disc_index == index ? x->disc_count : 0;
	x->disc_index = -1;
	x->disc_count = 0;
	x->s.steps_ended++;

	/* A step left by going back to the previous one is done again: it is
	 * neither released early nor held full time. */
	bool back = o->f[F_PREVIOUS].type == V_TRUE;
	if (!back && target[0] && strcmp(kind, "stretch") == 0) {
		int ti = intern_target(h, target);
		if (ti >= 0)
			h->tt[ti].stretches++;
	}
	if (!back && is_hold(kind, target)) {
		history_session_target *e = session_target(h, x, target);
		if (e) {
			history_target *t = &h->tt[e->target];
			if (e->holds == 0) {
				t->sessions++;
				if (x->s.dated && x->s.when_ms > t->last_ms)
					t->last_ms = x->s.when_ms;
			}
			e->holds++;
			t->holds++;
			x->s.holds++;
			uint64_t planned = ms_value(planned_s * 1000.0);
			if (strcmp(reason, "abandoned") == 0) {
				t->holds_abandoned++;
			} else {
				e->actual_ms += actual;
				if (strcmp(reason, "advanced") == 0) {
					t->holds_early++;
					t->early_ms += actual;
				} else {
					t->holds_full++;
					t->full_ms += actual;
				}
				int n = t->holds_early + t->holds_full;
				t->avg_ms = (uint32_t)((t->early_ms + t->full_ms) / (uint64_t)n);
				t->avg_early_ms = t->holds_early ? (uint32_t)(t->early_ms / (uint64_t)t->holds_early) : 0;
				/* Running mean of the planned time, kept in whole ms. */
				t->avg_planned_ms = (uint32_t)(((uint64_t)t->avg_planned_ms * (uint64_t)(n - 1) + planned) / (uint64_t)n);
			}
		}
	}
	if (h->row_fn) {
		history_row r = {
			.session = &x->s, .index = index, .kind = kind, .target = target,
			.side = str_item(o, F_SIDE), .planned_s = planned_s, .actual_ms = actual,
			.reason = reason, .discomfort = disc,
		};
		h->row_fn(&r, h->row_user);
	}
}

static void on_discomfort(history *h, sess *x, const fields *o)
{
	int index = int_item(o, F_INDEX);
	if (x->disc_index != index) {
		x->disc_index = index;
		x->disc_count = 0;
	}
	x->disc_count++;
	x->s.discomfort++;
	const char *kind = str_item(o, F_KIND), *target = str_item(o, F_TARGET);
	/* On the muscle being worked (a stretch too), not during a move or a rest. */
	if (target[0] && strcmp(kind, "transition") != 0 && strcmp(kind, "rest") != 0) {
		history_session_target *e = session_target(h, x, target);
		if (e) {
			e->discomfort++;
			h->tt[e->target].discomfort++;
		}
	}
}

static void on_checkin(history *h, sess *x, const fields *o)
{
	const char *answer = str_item(o, F_ANSWER);
	history_checkin c = strcmp(answer, "fine") == 0 ? HISTORY_CHECKIN_FINE :
	                    strcmp(answer, "sore") == 0 ? HISTORY_CHECKIN_SORE : HISTORY_CHECKIN_NONE;
	if (c == HISTORY_CHECKIN_NONE)
		return;
	x->s.checkin = c;
	if (c == HISTORY_CHECKIN_FINE)
		h->checkins_fine++;
	else
		h->checkins_sore++;
	const char *target = str_item(o, F_TARGET);
	if (target[0]) {
		int ti = intern_target(h, target);
		if (ti >= 0) {
			if (c == HISTORY_CHECKIN_FINE)
				h->tt[ti].checkins_fine++;
			else
				h->tt[ti].checkins_sore++;
		}
	}
}

/* Applies one parsed line. Returns HISTORY_LINE_OK or _FOREIGN. */
static history_line apply(history *h, const fields *o)
{
	char id[HISTORY_MAX_ID];
	const char *ev = str_item(o, F_EVENT);
	if (!ev[0] || session_id(o, id, sizeof id) != 0)
		return HISTORY_LINE_FOREIGN;

	bool start = strcmp(ev, "session_start") == 0;
	sess *x = find_session(h, id);
	/* A session_start opens a new session, unless lines of that id came before
	 * it (a check-in asked before the start) and it has not started yet. */
	if (!x || (start && x->started)) {
		x = new_session(h, id, str_item(o, F_T));
		if (!x)
			return HISTORY_LINE_FOREIGN;
	}
	uint64_t ms = ms_value(num_item(o, F_MS, 0));
	if (ms > x->s.duration_ms)
		x->s.duration_ms = ms;

	if (start) {
		x->started = true;
		copy_str(x->s.title, sizeof x->s.title, str_item(o, F_TITLE));
		copy_str(x->s.file, sizeof x->s.file, str_item(o, F_FILE));
		x->s.steps_planned = int_item(o, F_STEPS);
	} else if (strcmp(ev, "step_end") == 0) {
		on_step_end(h, x, o);
	} else if (strcmp(ev, "discomfort") == 0) {
		on_discomfort(h, x, o);
	} else if (strcmp(ev, "pause") == 0) {
		x->s.pauses++;
	} else if (strcmp(ev, "session_end") == 0) {
		const char *out = str_item(o, F_OUTCOME);
		x->s.outcome = strcmp(out, "completed") == 0 ? HISTORY_COMPLETED : HISTORY_ABANDONED;
	} else if (strcmp(ev, "checkin") == 0) {
		on_checkin(h, x, o);
	}
	return HISTORY_LINE_OK;
}

/* Parses len bytes as one JSON value followed only by white space. */
static cJSON *parse_whole(const char *s, size_t len)
{
	const char *end = NULL;
	cJSON *o = cJSON_ParseWithLengthOpts(s, len, &end, 0);
	if (!o)
		return NULL;
	for (; end && end < s + len; end++) {
		if (*end != ' ' && *end != '\t' && *end != '\r' && *end != '\n') {
			cJSON_Delete(o);
			return NULL;
		}
	}
	return o;
}

history_line history_feed_line(history *h, const char *line, size_t len)
{
	size_t i = 0;
	while (i < len && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r'))
		i++;
	if (i == len)
		return HISTORY_LINE_BLANK;
	h->lines++;
	fields fs;
	history_line r;
	if (scan_flat(h, line, len, &fs)) {
		r = apply(h, &fs);
		goto counted;
	}
	cJSON *o = parse_whole(line, len);
	if (!o) {
		h->bad++;
		/* A crash mid-write leaves a fragment without its newline; the next
		 * line written is then glued to it. Look for a complete object after
		 * the fragment. */
		int tries = 0;
		for (size_t k = 1; k < len && tries < RESYNC_TRIES; k++) {
			if (line[k] != '{')
				continue;
			tries++;
			o = parse_whole(line + k, len - k);
			if (o)
				break;
		}
		if (!o)
			return HISTORY_LINE_BAD;
		r = HISTORY_LINE_FOREIGN;
		if (cJSON_IsObject(o)) {
			collect(o, &fs);
			r = apply(h, &fs);
		}
		cJSON_Delete(o);
		if (r == HISTORY_LINE_OK) {
			h->recovered++;
			h->events++;
		}
		return HISTORY_LINE_BAD;
	}
	r = HISTORY_LINE_FOREIGN;
	if (cJSON_IsObject(o)) {
		collect(o, &fs);
		r = apply(h, &fs);
	}
	cJSON_Delete(o);
counted:
	if (r == HISTORY_LINE_OK)
		h->events++;
	else
		h->foreign++;
	return r;
}

void history_get_totals(const history *h, history_totals *out)
{
	memset(out, 0, sizeof *out);
	out->lines = h->lines;
	out->events = h->events;
	out->foreign = h->foreign;
	out->bad = h->bad;
	out->recovered = h->recovered;
	out->checkins_fine = h->checkins_fine;
	out->checkins_sore = h->checkins_sore;
	out->sessions = h->nss;
	for (size_t i = 0; i < h->nss; i++) {
		const history_session *s = &h->ss[i].s;
		if (s->outcome == HISTORY_COMPLETED)
			out->completed++;
		else if (s->outcome == HISTORY_ABANDONED)
			out->abandoned++;
		else
			out->unfinished++;
		if (!s->dated)
			out->undated++;
		if (s->clock_jumped)
			out->clock_jumps++;
		out->discomfort += (size_t)s->discomfort;
		out->total_ms += s->duration_ms;
	}
}

size_t history_session_count(const history *h)
{
	return h->nss;
}

const history_session *history_session_at(const history *h, size_t i)
{
	return i < h->nss ? &h->ss[i].s : NULL;
}

const history_session_target *history_session_targets(const history *h, size_t i, size_t *n)
{
	*n = 0;
	if (i >= h->nss || !h->ss[i].ntg)
		return NULL;
	*n = h->ss[i].ntg;
	return h->ss[i].tg;
}

size_t history_target_count(const history *h)
{
	return h->ntt;
}

const history_target *history_target_at(const history *h, size_t i)
{
	return i < h->ntt ? &h->tt[i] : NULL;
}

size_t history_days(const history *h, int32_t first_day, size_t ndays, history_day *out)
{
	for (size_t d = 0; d < ndays; d++) {
		memset(&out[d], 0, sizeof out[d]);
		out[d].day = first_day + (int32_t)d;
	}
	for (size_t i = 0; i < h->nss; i++) {
		const history_session *s = &h->ss[i].s;
		if (!s->dated || s->day < first_day || (int64_t)s->day - first_day >= (int64_t)ndays)
			continue;
		history_day *o = &out[s->day - first_day];
		o->sessions++;
		o->completed += s->outcome == HISTORY_COMPLETED;
		o->discomfort += s->discomfort;
	}
	return ndays;
}

static int cmp_day_desc(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x < y) - (x > y);
}

int history_streak(const history *h, int32_t today)
{
	int32_t *days = malloc((h->nss ? h->nss : 1) * sizeof *days);
	if (!days)
		return 0;
	size_t n = 0;
	for (size_t i = 0; i < h->nss; i++) {
		const history_session *s = &h->ss[i].s;
		if (s->dated && s->outcome == HISTORY_COMPLETED && s->day <= today)
			days[n++] = s->day;
	}
	qsort(days, n, sizeof *days, cmp_day_desc);
	/* Today not done yet does not break the streak: it then runs up to yesterday. */
	int32_t want = (n && days[0] == today) ? today : today - 1;
	int streak = 0;
	for (size_t i = 0; i < n; i++) {
		if (i && days[i] == days[i - 1])
			continue;
		if (days[i] != want)
			break;
		streak++;
		want--;
	}
	free(days);
	return streak;
}

void history_today(const history *h, int32_t today, int *sessions, int *completed)
{
	int n = 0, c = 0;
	for (size_t i = 0; i < h->nss; i++) {
		const history_session *s = &h->ss[i].s;
		if (s->dated && s->day == today) {
			n++;
			c += s->outcome == HISTORY_COMPLETED;
		}
	}
	*sessions = n;
	*completed = c;
}

bool history_recently_treated(const history *h, const char *target, int64_t now_ms,
                              int hours, int64_t *when_ms)
{
	int i = history_target_find(h, target);
	if (i < 0 || h->tt[i].last_ms == INT64_MIN)
		return false;
	int64_t last = h->tt[i].last_ms;
	if (last < now_ms - (int64_t)hours * HOUR_MS)
		return false;
	if (when_ms)
		*when_ms = last;
	return true;
}

int history_course_count(const history *h, const char *target)
{
	int i = history_target_find(h, target);
	return i < 0 ? 0 : h->tt[i].sessions;
}

static const char *base_name(const char *path)
{
	const char *b = strrchr(path, '/');
	return b ? b + 1 : path;
}

/* Same routine: the same file name when both sessions name one, else the same title. */
static bool same_routine(const history_session *a, const char *title, const char *file)
{
	if (a->file[0] && file[0])
		return strcmp(base_name(a->file), base_name(file)) == 0;
	return title[0] && strcmp(a->title, title) == 0;
}

int history_compare_session(const history *h, size_t i, history_compare *out)
{
	memset(out, 0, sizeof *out);
	if (i >= h->nss)
		return -1;
	const sess *x = &h->ss[i];
	size_t j = i;
	while (j-- > 0)
		if (same_routine(&h->ss[j].s, x->s.title, x->s.file))
			break;
	if (j == (size_t)-1)
		return -1;
	const sess *p = &h->ss[j];
	out->session = i;
	out->previous = j;
	out->duration_diff_ms = (int64_t)x->s.duration_ms - (int64_t)p->s.duration_ms;
	out->discomfort_diff = x->s.discomfort - p->s.discomfort;
	for (size_t a = 0; a < x->ntg && out->ndiffs < HISTORY_MAX_DIFFS; a++) {
		const history_session_target *e = &x->tg[a];
		if (!e->holds)
			continue;
		for (size_t b = 0; b < p->ntg; b++) {
			const history_session_target *f = &p->tg[b];
			if (f->target != e->target || !f->holds)
				continue;
			history_diff *d = &out->diffs[out->ndiffs++];
			copy_str(d->target, sizeof d->target, h->tt[e->target].name);
			d->actual_diff_ms = (int64_t)e->actual_ms - (int64_t)f->actual_ms;
			d->discomfort_diff = e->discomfort - f->discomfort;
			break;
		}
	}
	return 0;
}

int history_compare_last(const history *h, const char *title, const char *file,
                         history_compare *out)
{
	for (size_t i = h->nss; i-- > 0;)
		if (same_routine(&h->ss[i].s, title ? title : "", file ? file : ""))
			return history_compare_session(h, i, out);
	memset(out, 0, sizeof *out);
	return -1;
}

/* Appends to buf like snprintf, tracking the would-be length in *len. */
static void append(char *buf, size_t size, int *len, const char *fmt, const char *s, long long v)
{
	size_t at = (size_t)*len < size ? (size_t)*len : size;
	int n;
	if (s)
		n = snprintf(buf + at, at < size ? size - at : 0, fmt, s, v);
	else
		n = snprintf(buf + at, at < size ? size - at : 0, fmt, v);
	if (n > 0)
		*len += n;
}

int history_compare_text(const history_compare *c, char *buf, size_t size)
{
	int len = 0;
	int shown = 0;
	if (size)
		buf[0] = '\0';
	for (size_t i = 0; i < c->ndiffs && shown < 3; i++) {
		const history_diff *d = &c->diffs[i];
		long long s = (llabs(d->actual_diff_ms) + 500) / 1000;
		if (s < 1)
			continue;
		if (shown++)
			append(buf, size, &len, "%s", ", ", 0);
		if (d->actual_diff_ms < 0)
			append(buf, size, &len, "ended the %s hold %lld s earlier", d->target, s);
		else
			append(buf, size, &len, "held the %s %lld s longer", d->target, s);
	}
	if (c->discomfort_diff) {
		int n = abs(c->discomfort_diff);
		if (len)
			append(buf, size, &len, "%s", ", ", 0);
		append(buf, size, &len, "%lld discomfort", NULL, n);
		append(buf, size, &len, "%s", n == 1 ? "" : "s", 0);
		append(buf, size, &len, "%s", c->discomfort_diff < 0 ? " fewer" : " more", 0);
	}
	if (!len)
		append(buf, size, &len, "%s", "same as last time", 0);
	return len;
}
