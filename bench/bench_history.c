/* bench_history: reading a year of journal (about 100k lines) and computing
 * every figure of the history screen must take under 100 ms (issue 8).
 * Generates the journal into a temporary file, then times journal_read_file()
 * plus the figures, best and median of several runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/history.h"
#include "io/journal_read.h"
#include "../tests/journal_gen.h"

#define DAYS 365
#define PER_DAY 3
#define STEPS 45
#define RUNS 7
#define TARGET_MS 100.0

static void emit_file(const char *line, size_t len, void *user)
{
	fwrite(line, 1, len, (FILE *)user);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *targets[] = { "upper trapezius", "levator scapulae", "gluteus medius",
	"quadratus lumborum", "piriformis", "infraspinatus", "pectoralis major", "calves" };

/* A year of sessions, a few a day, with discomforts, pauses and an abandoned one now and then. */
static size_t generate(FILE *f, int64_t first_ms)
{
	jgen g;
	jgen_init(&g, emit_file, f);
	unsigned seed = 1;
	for (int d = 0; d < DAYS; d++) {
		for (int k = 0; k < PER_DAY; k++) {
			char id[32];
			snprintf(id, sizeof id, "%d-%d", d, k);
			jgen_start(&g, id, first_ms + (int64_t)d * 86400000 + (8 + 4 * k) * 3600000LL,
			           k == 1 ? "Low back" : "Neck and tension headache",
			           k == 1 ? "low-back.json" : "neck.json", STEPS);
			for (int s = 1; s <= STEPS; s++) {
				seed = seed * 1103515245u + 12345u;
				const char *t = targets[(s / 2 + k) % 8];
				if (s % 2) {
					jgen_step(&g, s, "transition", t, "left", 10, 10000, "elapsed");
					continue;
				}
				if (seed % 7 == 0)
					jgen_disc(&g, s, "compression", t, "left", 4000);
				if (seed % 29 == 0)
					jgen_pause(&g, 30000);
				bool early = (seed >> 8) % 3 == 0;
				jgen_step(&g, s, "compression", t, s % 4 ? "left" : "right", 60,
				          early ? 30000 + (seed >> 12) % 25000 : 60000, early ? "advanced" : "elapsed");
			}
			jgen_end(&g, d % 17 == 3 && k == 2 ? "abandoned" : "completed");
		}
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(void)
{
	char path[] = "/tmp/unknot-bench-journal-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0) {
		perror("mkstemp");
		return 1;
	}
	FILE *f = fdopen(fd, "w");
	int64_t now = 1795219200000LL + 20 * 3600000LL; /* 2026-11-21 20:00 UTC */
	int64_t first = now - (int64_t)DAYS * 86400000 - 20 * 3600000LL;
	generate(f, first);
	fclose(f);

	double t[RUNS];
	history_totals tot = { 0 };
	journal_read_stats st = { 0 };
	int streak = 0, course = 0;
	char cmp[256] = "";
	for (int r = 0; r < RUNS; r++) {
		double t0 = now_ms();
		history_options o = { .now_ms = now, .tz_offset_min = 60 };
		history *h = history_new(&o);
		if (!h || journal_read_file(path, h, &st) != 0) {
			perror("journal_read_file");
			unlink(path);
			return 1;
		}
		/* Everything the history screen and --history show. */
		int32_t today = history_day_of(now, 60);
		history_day days[56];
		history_days(h, today - 55, 56, days);
		streak = history_streak(h, today);
		history_get_totals(h, &tot);
		for (size_t i = 0; i < history_target_count(h); i++) {
			const history_target *tg = history_target_at(h, i);
			course += history_course_count(h, tg->name);
			history_recently_treated(h, tg->name, now, 24, NULL);
		}
		history_compare c;
		if (history_compare_last(h, "Neck and tension headache", "neck.json", &c) == 0)
			history_compare_text(&c, cmp, sizeof cmp);
		int n, done;
		history_today(h, today, &n, &done);
		history_free(h);
		t[r] = now_ms() - t0;
	}
	unlink(path);
	qsort(t, RUNS, sizeof t[0], cmp_double);
	printf("bench_history: %zu lines (%.1f MB), %zu sessions, %zu events, streak %d\n",
	       st.lines, st.bytes / 1e6, tot.sessions, tot.events, streak);
	printf("bench_history: last comparison: %s\n", cmp);
	printf("bench_history: read + all figures: best %.1f ms, median %.1f ms (target < %.0f ms): %s\n",
	       t[0], t[RUNS / 2], TARGET_MS, t[RUNS / 2] < TARGET_MS ? "ok" : "TOO SLOW");
	return t[RUNS / 2] < TARGET_MS ? 0 : 1;
}
