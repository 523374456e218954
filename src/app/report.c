/* report: `unknot --history [--json]` and `unknot --export csv`, figures from
 * the journal (see core/history.h for how they are computed).
 *
 * "Now" is the wall clock, or $UNKNOT_NOW (ISO 8601, for reproducible output
 * in tests); days are local days ($TZ), with the offset of "now".
 */
#include "app/report.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/config.h"
#include "core/history.h"
#include "core/i18n.h"
#include "core/painlog.h"
#include "io/configfile.h"
#include "io/journal_read.h"
#include "io/paths.h"

#define REPORT_DAYS 28        /* days shown per day, text and JSON */
#define REPORT_SESSIONS 10    /* latest sessions listed in the text */

/* What both modes need: the journal read into a history. */
typedef struct {
	char path[PATHS_MAX];
	history *h;
	journal_read_stats st;
	int64_t now_ms;
	int tz_offset_min;
	int32_t today;
	int overtreatment_hours;
} report_ctx;

/* Wall time now (ms since the epoch), or $UNKNOT_NOW. */
static int64_t wall_now(void)
{
	const char *env = getenv("UNKNOT_NOW");
	int64_t ms;
	if (env && *env && history_parse_time(env, &ms) == 0)
		return ms;
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Local time minus UTC at `ms`, in minutes. */
static int local_offset_min(int64_t ms)
{
	time_t s = (time_t)(ms / 1000);
	struct tm tm;
	if (!localtime_r(&s, &tm))
		return 0;
	return (int)(tm.tm_gmtoff / 60);
}

/* The config (for the profile and the over-treatment hours); a missing file
 * means defaults. A broken one is an error, as it is for the app: carrying
 * on with the defaults could read another profile's journal. Returns 0 or -1
 * (reported). */
static int load_config(const cli_options *o, config *cfg)
{
	char err[PATHS_MAX + 600];
	if (configfile_load(cfg, o->config, err, sizeof err, NULL, 0) != 0) {
		fprintf(stderr, "unknot: %s\n", err);
		return -1;
	}
	return 0;
}

/* Reads the journal. Returns 0, or 1 after reporting an unreadable file. */
static int open_report(const cli_options *o, report_ctx *c, history_row_fn rows, void *user)
{
	config cfg;
	memset(c, 0, sizeof *c);
	if (load_config(o, &cfg) < 0)
		return 1;
	c->overtreatment_hours = cfg.overtreatment_hours > 0 ? cfg.overtreatment_hours : 24;
	if (o->journal) {
		snprintf(c->path, sizeof c->path, "%s", o->journal);
	} else if (paths_journal(c->path, sizeof c->path, cfg.profile) != 0) {
		fputs(_("unknot: cannot tell where the journal is (set HOME or XDG_STATE_HOME)\n"), stderr);
		return 1;
	}
	c->now_ms = wall_now();
	c->tz_offset_min = local_offset_min(c->now_ms);
	c->today = history_day_of(c->now_ms, c->tz_offset_min);
	history_options ho = { .now_ms = c->now_ms, .tz_offset_min = c->tz_offset_min };
	c->h = history_new(&ho);
	if (!c->h) {
		fputs(_("unknot: out of memory\n"), stderr);
		return 1;
	}
	if (rows)
		history_set_row_callback(c->h, rows, user);
	if (journal_read_file(c->path, c->h, &c->st) != 0) {
		fprintf(stderr, "unknot: %s: %s\n", c->path, journal_read_strerror(errno));
		history_free(c->h);
		c->h = NULL;
		return 1;
	}
	history_totals t;
	history_get_totals(c->h, &t);
	if (c->st.torn)
		fprintf(stderr, _("unknot: %s: the last line is torn (%zu bytes, an interrupted write); skipped\n"),
		        c->path, c->st.torn_bytes);
	size_t skipped = t.bad + t.foreign - (c->st.torn ? 1 : 0);
	if (skipped)
		fprintf(stderr, ngettext("unknot: %s: skipped %zu line that is not a journal event\n",
		                         "unknot: %s: skipped %zu lines that are not journal events\n", skipped),
		        c->path, skipped);
	return 0;
}

static void close_report(report_ctx *c)
{
	history_free(c->h);
	c->h = NULL;
}

/* s with control characters (C0, DEL, C1: terminal escapes) written as
 * \xNN, into buf (cut to fit, never mid-escape). The journal is a file anyone
 * with the account can edit: what it holds never reaches a terminal raw.
 * Returns buf. */
static const char *report_safe(const char *s, char *buf, size_t size)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; p[i] && o + 5 < size; i++) {
		bool c1 = p[i] == 0xC2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F;
		if (p[i] < 0x20 || p[i] == 0x7f || c1) {
			o += (size_t)snprintf(buf + o, size - o, "\\x%02X", c1 ? p[i + 1] : p[i]);
			i += c1;
		} else {
			buf[o++] = (char)p[i];
		}
	}
	buf[o] = '\0';
	return buf;
}

/* "2026-11-21 09:30" in local time (the offset of now), or "-" when undated. */
static void local_stamp(const report_ctx *c, int64_t ms, bool dated, char *buf, size_t size)
{
	if (!dated || ms == INT64_MIN) {
		snprintf(buf, size, "-");
		return;
	}
	int64_t local = ms + (int64_t)c->tz_offset_min * 60000;
	int32_t day = history_day_of(local, 0);
	int64_t in_day = local - (int64_t)day * 86400000;
	char d[16];
	history_day_string(day, d, sizeof d);
	snprintf(buf, size, "%s %02d:%02d", d, (int)(in_day / 3600000), (int)(in_day / 60000 % 60));
}

static const char *outcome_name(history_outcome o)
{
	return o == HISTORY_COMPLETED ? N_("completed") : o == HISTORY_ABANDONED ? N_("abandoned") : N_("unfinished");
}

static const char *checkin_name(history_checkin k)
{
	return k == HISTORY_CHECKIN_FINE ? N_("fine") : k == HISTORY_CHECKIN_SORE ? N_("sore") : "";
}

/* "1 h 05 min", "12 min 30 s", "45 s". */
static void duration_text(uint64_t ms, char *buf, size_t size)
{
	uint64_t s = (ms + 500) / 1000;
	if (s >= 3600)
		snprintf(buf, size, "%" PRIu64 " h %02" PRIu64 " min", s / 3600, s / 60 % 60);
	else if (s >= 60)
		snprintf(buf, size, "%" PRIu64 " min %02" PRIu64 " s", s / 60, s % 60);
	else
		snprintf(buf, size, "%" PRIu64 " s", s);
}

static const char *weekday(int32_t day)
{
	/* TRANSLATORS: weekdays of --history, abbreviated */
	static const char *const names[] = { N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed") };
	return names[((day % 7) + 7) % 7];
}

/* The latest session that has a previous one of the same routine, compared. */
static bool last_comparison(const history *h, history_compare *cmp)
{
	size_t n = history_session_count(h);
	return n && history_compare_session(h, n - 1, cmp) == 0;
}


/* The rule's verdict as a word for the JSON and CSV contracts. */
static const char *advice_word(complaint_advice a)
{
	return a == COMPLAINT_ADVICE_WORSE ? "worse" : a == COMPLAINT_ADVICE_NO_PROGRESS ? "no_progress" : "none";
}

/* An area's key as the journal spells it: "temple:left", "low-back", or the target. */
static void area_key(const painlog_area *a, char *buf, size_t size)
{
	if (!a->area[0])
		snprintf(buf, size, "%s", a->target);
	else if (a->side[0])
		snprintf(buf, size, "%s:%s", a->area, a->side);
	else
		snprintf(buf, size, "%s", a->area);
}

/* Pain scores per area (issue 20): the newest REPORT_SESSIONS scores,
 * "7 before, 5 after" per session, and the rule's verdict. */
static void print_pain(const history *h)
{
	const painlog *p = history_pain(h);
	if (!painlog_count(p))
		return;
	printf("\n%s\n", _("Pain scores (0-10), oldest first:"));
	for (size_t i = 0; i < painlog_count(p); i++) {
		const painlog_area *a = painlog_at(p, i);
		char key[200], safe[400], d[16];
		area_key(a, key, sizeof key);
		printf("  %s:", report_safe(key, safe, sizeof safe));
		size_t from = a->npts > REPORT_SESSIONS ? a->npts - REPORT_SESSIONS : 0;
		for (size_t k = from; k < a->npts; k++) {
			const painlog_point *pt = &a->pts[k];
			if (pt->day != PAINLOG_NO_DAY)
				history_day_string(pt->day, d, sizeof d);
			printf(pt->after ? _("%s %s %d after") : _("%s %s %d before"), k > from ? "," : "",
			       pt->day != PAINLOG_NO_DAY ? d : "?", pt->score);
		}
		complaint_advice adv = painlog_advise(a, -1);
		printf("\n    %s\n", adv != COMPLAINT_ADVICE_NONE ? _(complaint_advice_text(adv)) :
		       _("no reason from the scores to stop self-treatment"));
	}
}

/* One row of "Latest sessions". */
static void print_session(const report_ctx *c, const history_session *s)
{
	char when[32], buf[256], title[512], dc[64], ci[96] = "", co[96] = "";
	local_stamp(c, s->when_ms, s->dated, when, sizeof when);
	duration_text(s->duration_ms, buf, sizeof buf);
	snprintf(dc, sizeof dc, ngettext("%d discomfort", "%d discomforts", (unsigned long)s->discomfort),
	         s->discomfort);
	if (s->checkin)
		snprintf(ci, sizeof ci, _(", check-in: %s"), _(checkin_name(s->checkin)));
	if (s->complaint)
		snprintf(co, sizeof co, _(", complaint: %s"), _(complaint_name(s->complaint)));
	printf("  %-16s %-30.30s %-10s %12s  %s%s%s%s\n", when,
	       report_safe(s->title[0] ? s->title : s->file, title, sizeof title),
	       _(outcome_name(s->outcome)), buf, dc, ci, co, s->clock_jumped ? _(" (clock was wrong)") : "");
}

static void print_text(const report_ctx *c)
{
	const history *h = c->h;
	history_totals t;
	history_get_totals(h, &t);
	char buf[256], d[16];

	printf(c->st.missing ? _("Journal: %s (none yet)\n") : _("Journal: %s\n"), c->path);
	duration_text(t.total_ms, buf, sizeof buf);
	printf(_("Sessions: %zu (%zu completed, %zu abandoned, %zu unfinished), %s in total\n"),
	       t.sessions, t.completed, t.abandoned, t.unfinished, buf);
	int streak = history_streak(h, c->today);
	int today_n, today_done;
	history_today(h, c->today, &today_n, &today_done);
	printf(ngettext("Streak: %d day\n", "Streak: %d days\n", (unsigned long)streak), streak);
	printf(ngettext("Today: %d session, %d completed\n", "Today: %d sessions, %d completed\n",
	                (unsigned long)today_n), today_n, today_done);
	printf(_("Discomfort marks: %zu; soreness check-ins: %zu fine, %zu still sore\n"), t.discomfort,
	       t.checkins_fine, t.checkins_sore);
	if (t.clock_jumps)
		printf(ngettext("Clock jumps: %zu session had a wrong clock (%zu undated)\n",
		                "Clock jumps: %zu sessions had a wrong clock (%zu undated)\n", t.clock_jumps),
		       t.clock_jumps, t.undated);
	if (!t.sessions)
		return;

	history_day days[REPORT_DAYS];
	history_days(h, c->today - (REPORT_DAYS - 1), REPORT_DAYS, days);
	/* From the first day with a session in the window: no screenful of dots. */
	int first = 0;
	while (first < REPORT_DAYS - 1 && !days[first].sessions)
		first++;
	printf(_("\nSessions per day since %s (# completed, - not completed):\n"),
	       (history_day_string(days[first].day, d, sizeof d), d));
	for (int i = first; i < REPORT_DAYS; i++) {
		history_day_string(days[i].day, d, sizeof d);
		char bar[32] = "";
		int k = 0;
		for (int j = 0; j < days[i].completed && k < 20; j++)
			bar[k++] = '#';
		for (int j = days[i].completed; j < days[i].sessions && k < 20; j++)
			bar[k++] = '-';
		bar[k] = '\0';
		if (days[i].sessions)
			printf("  %s %s  %-12s %d\n", _(weekday(days[i].day)), d, bar, days[i].sessions);
		else
			printf("  %s %s  .\n", _(weekday(days[i].day)), d);
	}

	if (history_target_count(h)) {
		printf(_("\nTargets (avg hold: early + full time; course: sessions against %d-%d):\n"),
		       HISTORY_COURSE_MIN, HISTORY_COURSE_MAX);
		/* TRANSLATORS: the column headers of --history's targets table */
		printf("  %-22s %8s %6s %6s %5s %9s %10s %10s  %s\n", _("target"), _("sessions"), _("holds"),
		       _("early"), _("full"), _("avg hold"), _("avg early"), _("discomfort"), _("last treated"));
		for (size_t i = 0; i < history_target_count(h); i++) {
			const history_target *g = history_target_at(h, i);
			if (!g->holds)
				continue;
			char last[32], avg[16], early[16];
			local_stamp(c, g->last_ms, g->last_ms != INT64_MIN, last, sizeof last);
			snprintf(avg, sizeof avg, "%.0f s", g->avg_ms / 1000.0);
			if (g->holds_early)
				snprintf(early, sizeof early, "%.0f s", g->avg_early_ms / 1000.0);
			else
				snprintf(early, sizeof early, "-");
			char note[48] = "";
			if (history_recently_treated(h, g->name, c->now_ms, c->overtreatment_hours, NULL))
				snprintf(note, sizeof note, _(" (within the last %d h)"), c->overtreatment_hours);
			char name[256];
			printf("  %-22s %4d/%d-%d %6d %6d %5d %9s %10s %10d  %s%s\n",
			       report_safe(g->name, name, sizeof name), g->sessions,
			       HISTORY_COURSE_MIN, HISTORY_COURSE_MAX, g->holds, g->holds_early, g->holds_full,
			       avg, early, g->discomfort, last, note);
		}
	}

	size_t n = history_session_count(h);
	size_t from = n > REPORT_SESSIONS ? n - REPORT_SESSIONS : 0;
	fputs(_("\nLatest sessions:\n"), stdout);
	for (size_t i = from; i < n; i++) {
		print_session(c, history_session_at(h, i));
	}
	print_pain(h);
	history_compare cmp;
	if (last_comparison(h, &cmp)) {
		char safe[sizeof buf * 2];
		history_compare_text_tr(&cmp, buf, sizeof buf, i18n_tr);
		printf(_("\nLast session against the one before (same routine): %s\n"),
		       report_safe(buf, safe, sizeof safe));
	}
}

static cJSON *iso_or_null(int64_t ms, bool ok)
{
	if (!ok || ms == INT64_MIN)
		return cJSON_CreateNull();
	int32_t day = history_day_of(ms, 0);
	int64_t in_day = ms - (int64_t)day * 86400000;
	char d[16], buf[40];
	history_day_string(day, d, sizeof d);
	snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03dZ", d, (int)(in_day / 3600000),
	         (int)(in_day / 60000 % 60), (int)(in_day / 1000 % 60), (int)(in_day % 1000));
	return cJSON_CreateString(buf);
}

static cJSON *date_or_null(int32_t day, bool ok)
{
	char d[16];
	if (!ok)
		return cJSON_CreateNull();
	history_day_string(day, d, sizeof d);
	return cJSON_CreateString(d);
}

static double secs(uint64_t ms)
{
	return (double)((ms + 50) / 100) / 10.0; /* one decimal */
}

/* "targets": per muscle, those held or stretched. */
static void targets_json(const report_ctx *c, cJSON *root)
{
	const history *h = c->h;
	cJSON *ta = cJSON_AddArrayToObject(root, "targets");
	for (size_t i = 0; i < history_target_count(h); i++) {
		const history_target *g = history_target_at(h, i);
		if (!g->holds && !g->stretches)
			continue;
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "name", g->name);
		cJSON_AddNumberToObject(e, "sessions", g->sessions);
		cJSON_AddNumberToObject(e, "course_min", HISTORY_COURSE_MIN);
		cJSON_AddNumberToObject(e, "course_max", HISTORY_COURSE_MAX);
		cJSON_AddNumberToObject(e, "holds", g->holds);
		cJSON_AddNumberToObject(e, "early", g->holds_early);
		cJSON_AddNumberToObject(e, "full", g->holds_full);
		cJSON_AddNumberToObject(e, "abandoned", g->holds_abandoned);
		cJSON_AddNumberToObject(e, "stretches", g->stretches);
		cJSON_AddNumberToObject(e, "avg_hold_s", secs(g->avg_ms));
		cJSON_AddNumberToObject(e, "avg_early_s", secs(g->avg_early_ms));
		cJSON_AddNumberToObject(e, "avg_planned_s", secs(g->avg_planned_ms));
		cJSON_AddNumberToObject(e, "discomfort", g->discomfort);
		cJSON_AddItemToObject(e, "last_treated", iso_or_null(g->last_ms, true));
		cJSON_AddBoolToObject(e, "recent", history_recently_treated(h, g->name, c->now_ms,
		                                                            c->overtreatment_hours, NULL));
		cJSON_AddNumberToObject(e, "checkins_fine", g->checkins_fine);
		cJSON_AddNumberToObject(e, "checkins_sore", g->checkins_sore);
		cJSON_AddItemToArray(ta, e);
	}
}

/* "sessions": every session in file order. */
static void sessions_json(const history *h, cJSON *root)
{
	cJSON *sa = cJSON_AddArrayToObject(root, "sessions");
	for (size_t i = 0; i < history_session_count(h); i++) {
		const history_session *s = history_session_at(h, i);
		cJSON *e = cJSON_CreateObject();
		cJSON_AddStringToObject(e, "id", s->id);
		cJSON_AddItemToObject(e, "date", date_or_null(s->day, s->dated));
		cJSON_AddItemToObject(e, "start", iso_or_null(s->when_ms, s->dated));
		cJSON_AddStringToObject(e, "title", s->title);
		cJSON_AddStringToObject(e, "file", s->file);
		cJSON_AddStringToObject(e, "outcome", outcome_name(s->outcome));
		cJSON_AddNumberToObject(e, "duration_s", secs(s->duration_ms));
		cJSON_AddNumberToObject(e, "steps", s->steps_ended);
		cJSON_AddNumberToObject(e, "holds", s->holds);
		cJSON_AddNumberToObject(e, "discomfort", s->discomfort);
		cJSON_AddNumberToObject(e, "pauses", s->pauses);
		if (s->checkin)
			cJSON_AddStringToObject(e, "checkin", checkin_name(s->checkin));
		else
			cJSON_AddNullToObject(e, "checkin");
		if (s->complaint)
			cJSON_AddStringToObject(e, "complaint", complaint_name(s->complaint));
		else
			cJSON_AddNullToObject(e, "complaint");
		cJSON_AddBoolToObject(e, "clock_jumped", s->clock_jumped);
		cJSON_AddItemToArray(sa, e);
	}
}

/* "pain": per area, its scores oldest first and the rule's verdict. */
static void pain_json(const history *h, cJSON *root)
{
	const painlog *p = history_pain(h);
	cJSON *pa = cJSON_AddArrayToObject(root, "pain");
	for (size_t i = 0; i < painlog_count(p); i++) {
		const painlog_area *a = painlog_at(p, i);
		cJSON *e = cJSON_CreateObject();
		if (a->area[0]) {
			cJSON_AddStringToObject(e, "area", a->area);
			if (a->side[0])
				cJSON_AddStringToObject(e, "side", a->side);
			else
				cJSON_AddNullToObject(e, "side");
			cJSON_AddNullToObject(e, "target");
		} else {
			cJSON_AddNullToObject(e, "area");
			cJSON_AddNullToObject(e, "side");
			cJSON_AddStringToObject(e, "target", a->target);
		}
		cJSON_AddStringToObject(e, "advice", advice_word(painlog_advise(a, -1)));
		cJSON *sc = cJSON_AddArrayToObject(e, "scores");
		for (size_t k = 0; k < a->npts; k++) {
			const painlog_point *pt = &a->pts[k];
			const history_session *s = history_session_at(h, pt->session);
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "session", s ? s->id : "");
			cJSON_AddItemToObject(o, "date", date_or_null(pt->day, pt->day != PAINLOG_NO_DAY));
			cJSON_AddStringToObject(o, "when", complaint_when_name(pt->after));
			cJSON_AddNumberToObject(o, "score", pt->score);
			cJSON_AddItemToArray(sc, o);
		}
		cJSON_AddItemToArray(pa, e);
	}
}

/* "last_comparison": the latest session against the previous one of its routine, or null. */
static void comparison_json(const history *h, cJSON *root)
{
	history_compare cmp;
	if (last_comparison(h, &cmp)) {
		char text[256];
		history_compare_text(&cmp, text, sizeof text);
		cJSON *ce = cJSON_AddObjectToObject(root, "last_comparison");
		cJSON_AddNumberToObject(ce, "session", (double)cmp.session);
		cJSON_AddNumberToObject(ce, "previous", (double)cmp.previous);
		cJSON_AddStringToObject(ce, "text", text);
		cJSON_AddNumberToObject(ce, "discomfort_diff", cmp.discomfort_diff);
		cJSON_AddNumberToObject(ce, "duration_diff_s", (double)cmp.duration_diff_ms / 1000.0);
		cJSON *cd = cJSON_AddArrayToObject(ce, "targets");
		for (size_t i = 0; i < cmp.ndiffs; i++) {
			cJSON *e = cJSON_CreateObject();
			cJSON_AddStringToObject(e, "target", cmp.diffs[i].target);
			cJSON_AddNumberToObject(e, "actual_diff_s", (double)cmp.diffs[i].actual_diff_ms / 1000.0);
			cJSON_AddNumberToObject(e, "discomfort_diff", cmp.diffs[i].discomfort_diff);
			cJSON_AddItemToArray(cd, e);
		}
	} else {
		cJSON_AddNullToObject(root, "last_comparison");
	}
}

/* The --history --json object (keys: README "History and export"). */
static cJSON *history_json(const report_ctx *c)
{
	const history *h = c->h;
	history_totals t;
	history_get_totals(h, &t);
	cJSON *root = cJSON_CreateObject();
	if (!root)
		return NULL;

	cJSON *j = cJSON_AddObjectToObject(root, "journal");
	cJSON_AddStringToObject(j, "path", c->path);
	cJSON_AddBoolToObject(j, "missing", c->st.missing);
	cJSON_AddNumberToObject(j, "lines", (double)t.lines);
	cJSON_AddNumberToObject(j, "events", (double)t.events);
	cJSON_AddNumberToObject(j, "foreign", (double)t.foreign);
	cJSON_AddNumberToObject(j, "bad", (double)t.bad);
	cJSON_AddNumberToObject(j, "recovered", (double)t.recovered);
	cJSON_AddBoolToObject(j, "torn", c->st.torn);

	cJSON_AddItemToObject(root, "now", iso_or_null(c->now_ms, true));
	cJSON_AddItemToObject(root, "today", date_or_null(c->today, true));
	cJSON_AddNumberToObject(root, "tz_offset_min", c->tz_offset_min);
	cJSON_AddNumberToObject(root, "overtreatment_hours", c->overtreatment_hours);

	cJSON *tt = cJSON_AddObjectToObject(root, "totals");
	cJSON_AddNumberToObject(tt, "sessions", (double)t.sessions);
	cJSON_AddNumberToObject(tt, "completed", (double)t.completed);
	cJSON_AddNumberToObject(tt, "abandoned", (double)t.abandoned);
	cJSON_AddNumberToObject(tt, "unfinished", (double)t.unfinished);
	cJSON_AddNumberToObject(tt, "undated", (double)t.undated);
	cJSON_AddNumberToObject(tt, "clock_jumps", (double)t.clock_jumps);
	cJSON_AddNumberToObject(tt, "discomfort", (double)t.discomfort);
	cJSON_AddNumberToObject(tt, "checkins_fine", (double)t.checkins_fine);
	cJSON_AddNumberToObject(tt, "checkins_sore", (double)t.checkins_sore);
	cJSON_AddNumberToObject(tt, "total_s", secs(t.total_ms));

	cJSON_AddNumberToObject(root, "streak_days", history_streak(h, c->today));
	int today_n, today_done;
	history_today(h, c->today, &today_n, &today_done);
	cJSON *td = cJSON_AddObjectToObject(root, "today_counts");
	cJSON_AddNumberToObject(td, "sessions", today_n);
	cJSON_AddNumberToObject(td, "completed", today_done);

	history_day days[REPORT_DAYS];
	history_days(h, c->today - (REPORT_DAYS - 1), REPORT_DAYS, days);
	cJSON *da = cJSON_AddArrayToObject(root, "days");
	for (int i = 0; i < REPORT_DAYS; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddItemToObject(e, "date", date_or_null(days[i].day, true));
		cJSON_AddNumberToObject(e, "sessions", days[i].sessions);
		cJSON_AddNumberToObject(e, "completed", days[i].completed);
		cJSON_AddNumberToObject(e, "discomfort", days[i].discomfort);
		cJSON_AddItemToArray(da, e);
	}

	targets_json(c, root);
	sessions_json(h, root);
	pain_json(h, root);
	comparison_json(h, root);
	return root;
}

int report_history(const cli_options *o)
{
	report_ctx c;
	if (open_report(o, &c, NULL, NULL) != 0)
		return 1;
	int rc = 0;
	if (o->json) {
		cJSON *root = history_json(&c);
		char *s = root ? cJSON_Print(root) : NULL;
		if (s) {
			puts(s);
		} else {
			fputs(_("unknot: out of memory\n"), stderr);
			rc = 1;
		}
		free(s);
		cJSON_Delete(root);
	} else {
		print_text(&c);
	}
	close_report(&c);
	if (fflush(stdout) != 0)
		rc = 1;
	return rc;
}

/* Writes one CSV field, quoted (RFC 4180) when it holds a comma, a quote or
 * a line break. A field a spreadsheet would take for a formula (it starts
 * with = + - @, a tab or a carriage return: "=HYPERLINK(...)") gets a
 * leading ' and is quoted, as OWASP's CSV injection advice says; control
 * characters are written as \xNN. */
static void csv_field(FILE *f, const char *s)
{
	char safe[1024];
	bool formula = strchr("=+-@\t\r", s[0]) && s[0];
	s = report_safe(s, safe, sizeof safe);
	if (!formula && !strpbrk(s, ",\"\r\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void csv_row(const history_row *r, void *user)
{
	FILE *f = user;
	const history_session *s = r->session;
	char date[16] = "";
	if (s->dated)
		history_day_string(s->day, date, sizeof date);
	fprintf(f, "%s,", date);
	csv_field(f, s->title[0] ? s->title : s->file);
	fprintf(f, ",%d,", r->index);
	csv_field(f, r->kind);
	fputc(',', f);
	csv_field(f, r->target);
	fputc(',', f);
	csv_field(f, r->side);
	fprintf(f, ",%g,%.1f,%d,%s,\r\n", r->planned_s, (double)r->actual_ms / 1000.0, r->discomfort,
	        s->complaint ? complaint_name(s->complaint) : "");
}

/* The pain scores after the step rows (issue 20): one row per score, kind
 * "pain_before" / "pain_after", the area id (or the target) in "target", its
 * side, and the score in the last column; step, times and discomfort empty. */
static void csv_pain(FILE *f, const history *h)
{
	const painlog *p = history_pain(h);
	for (size_t i = 0; i < painlog_count(p); i++) {
		const painlog_area *a = painlog_at(p, i);
		for (size_t k = 0; k < a->npts; k++) {
			const painlog_point *pt = &a->pts[k];
			const history_session *s = history_session_at(h, pt->session);
			char date[16] = "";
			if (pt->day != PAINLOG_NO_DAY)
				history_day_string(pt->day, date, sizeof date);
			fprintf(f, "%s,", date);
			csv_field(f, s ? (s->title[0] ? s->title : s->file) : "");
			fprintf(f, ",,pain_%s,", complaint_when_name(pt->after));
			csv_field(f, a->area[0] ? a->area : a->target);
			fputc(',', f);
			csv_field(f, a->side);
			fprintf(f, ",,,,,%d\r\n", pt->score);
		}
	}
}

int report_export(const cli_options *o)
{
	/* The header goes first so that an empty journal is still a valid CSV file. */
	fputs("date,routine,step,kind,target,side,planned_s,actual_s,discomfort,complaint,score\r\n", stdout);
	report_ctx c;
	if (open_report(o, &c, csv_row, stdout) != 0)
		return 1;
	csv_pain(stdout, c.h);
	close_report(&c);
	return fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
}
