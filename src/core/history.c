/* history: figures from journal lines, aggregated while reading. */
#include "core/history.h"
#include "core/jsonline.h"
#include "core/painlog.h"
#include "core/strindex.h"
#include "core/vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DAY_MS 86400000LL
#define HOUR_MS 3600000LL
/* 2020-01-01T00:00:00Z: a start time before this is a clock that lost its date. */
#define TRUSTED_SINCE_MS 1577836800000LL

/* The members of a journal line this module reads (see core/jsonline.h). */
enum {
	F_EVENT, F_T, F_MS, F_SESSION, F_TITLE, F_FILE, F_STEPS, F_INDEX, F_KIND, F_TARGET,
	F_SIDE, F_REASON, F_PLANNED, F_ACTUAL, F_OUTCOME, F_ANSWER, F_PREVIOUS, F_COMPLAINT,
	F_AREA, F_SCORE, F_WHEN, F_COUNT
};
static const char *const field_names[F_COUNT] = {
	"event", "t", "ms", "session", "title", "file", "steps", "index", "kind", "target",
	"side", "reason", "planned_s", "actual_ms", "outcome", "answer", "previous", "complaint",
	"area", "score", "when"
};
typedef struct {
	jsonline_value f[F_COUNT];
} fields;

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
	jsonline *parser;           /* the members of each line */
	painlog *pain;              /* the 0-10 scores per area ("pain" events) */
	/* Indexes that keep reading linear in the journal's size: */
	strindex *session_ix;       /* session id -> index of the latest session with it */
	strindex *target_ix;        /* target name (as kept) -> index in tt */
	strindex *pair_ix;          /* (session index, target index) -> index in that session's tg */
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
	h->parser = jsonline_new(field_names, F_COUNT);
	h->session_ix = strindex_new();
	h->target_ix = strindex_new();
	h->pair_ix = strindex_new();
	h->pain = painlog_new();
	if (!h->parser || !h->session_ix || !h->target_ix || !h->pair_ix || !h->pain) {
		history_free(h);
		return NULL;
	}
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
	jsonline_free(h->parser);
	strindex_free(h->session_ix);
	strindex_free(h->target_ix);
	strindex_free(h->pair_ix);
	painlog_free(h->pain);
	free(h);
}

void history_set_row_callback(history *h, history_row_fn fn, void *user)
{
	h->row_fn = fn;
	h->row_user = user;
}

static const char *str_item(const fields *fs, int key)
{
	return fs->f[key].type == JSONLINE_STRING ? fs->f[key].s : "";
}

static double num_item(const fields *fs, int key, double dflt)
{
	return fs->f[key].type == JSONLINE_NUMBER ? fs->f[key].n : dflt;
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
	const jsonline_value *it = &fs->f[F_SESSION];
	if (it->type == JSONLINE_STRING && it->s[0]) {
		copy_str(buf, size, it->s);
		return 0;
	}
	if (it->type == JSONLINE_NUMBER) {
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
	if (strindex_set(h->session_ix, x->s.id, strlen(x->s.id), h->nss) != 0)
		return NULL;
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
	size_t i;
	if (!strindex_get(h->session_ix, id, strlen(id), &i))
		return NULL;
	h->cache = i;
	return &h->ss[i];
}

int history_target_find(const history *h, const char *name)
{
	size_t i;
	return strindex_get(h->target_ix, name, strlen(name), &i) ? (int)i : -1;
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
	if (h->ntt >= INT32_MAX || strindex_set(h->target_ix, key, strlen(key), h->ntt) != 0)
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
	size_t key[2] = { (size_t)(x - h->ss), (size_t)ti }, i;
	if (strindex_get(h->pair_ix, key, sizeof key, &i))
		return &x->tg[i];
	if (!vec_reserve((void **)&x->tg, &x->captg, x->ntg + 1, sizeof *x->tg, 8) ||
	    strindex_set(h->pair_ix, key, sizeof key, x->ntg) != 0)
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
	bool back = o->f[F_PREVIOUS].type == JSONLINE_TRUE;
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
	/* the complaint question of the same check-in (issue 18): better / same / worse */
	complaint_trend ct = complaint_parse(str_item(o, F_COMPLAINT));
	x->s.complaint = ct;
	const char *target = str_item(o, F_TARGET);
	if (target[0]) {
		int ti = intern_target(h, target);
		if (ti >= 0) {
			history_target *t = &h->tt[ti];
			if (c == HISTORY_CHECKIN_FINE)
				t->checkins_fine++;
			else
				t->checkins_sore++;
			if (ct != COMPLAINT_NONE) {
				if (t->ncomplaints == HISTORY_MAX_COMPLAINTS) {
					memmove(t->complaints, t->complaints + 1, HISTORY_MAX_COMPLAINTS - 1);
					t->ncomplaints--;
				}
				t->complaints[t->ncomplaints++] = (unsigned char)ct;
			}
		}
	}
}

size_t history_target_complaints(const history *h, const char *target, complaint_trend *out, size_t max)
{
	int ti = history_target_find(h, target);
	if (ti < 0)
		return 0;
	const history_target *t = &h->tt[ti];
	size_t n = (size_t)t->ncomplaints < max ? (size_t)t->ncomplaints : max;
	size_t from = (size_t)t->ncomplaints - n; /* the newest n, oldest first */
	for (size_t i = 0; i < n; i++)
		out[i] = (complaint_trend)t->complaints[from + i];
	return n;
}

/* A 0-10 pain score (issue 20): a point of its area's trend, dated by its
 * session. A score that is not a whole number from 0 to 10 is left out. */
static void on_pain(history *h, sess *x, const fields *o)
{
	double v = num_item(o, F_SCORE, -1);
	if (!(v >= 0 && v <= COMPLAINT_SCORE_MAX) || v != (double)(int)v)
		return;
	int32_t day = x->s.dated ? x->s.day : PAINLOG_NO_DAY;
	int64_t when = x->s.dated ? x->s.when_ms : INT64_MIN;
	painlog_add(h->pain, str_item(o, F_AREA), str_item(o, F_SIDE), str_item(o, F_TARGET),
	            (size_t)(x - h->ss), day, when, strcmp(str_item(o, F_WHEN), "after") == 0, (int)v);
}

const painlog *history_pain(const history *h)
{
	return h->pain;
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
	} else if (strcmp(ev, "pain") == 0) {
		on_pain(h, x, o);
	}
	return HISTORY_LINE_OK;
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
	switch (jsonline_parse(h->parser, line, len, fs.f)) {
	case JSONLINE_OBJECT:
		r = apply(h, &fs);
		break;
	case JSONLINE_NOT_OBJECT:
		r = HISTORY_LINE_FOREIGN;
		break;
	case JSONLINE_RECOVERED:
		/* A torn fragment with a complete event after it: the line is bad,
		 * the event counts. */
		h->bad++;
		if (apply(h, &fs) == HISTORY_LINE_OK) {
			h->recovered++;
			h->events++;
		}
		return HISTORY_LINE_BAD;
	default:
		h->bad++;
		return HISTORY_LINE_BAD;
	}
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

const history_session_target *history_session_target_of(const history *h, size_t i, int target)
{
	size_t key[2] = { i, (size_t)target }, e;
	if (i >= h->nss || target < 0 || !strindex_get(h->pair_ix, key, sizeof key, &e))
		return NULL;
	return &h->ss[i].tg[e];
}
