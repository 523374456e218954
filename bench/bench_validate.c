/* bench_validate: the routine validator must be linear in its input (issue
 * 19). A kiosk validates every routine folder on its main loop when the
 * safety screen is accepted, with a 20 s watchdog: a 700 KB routine listing
 * "left" 100,000 times in `sides` took 26-33 s (a position lookup per error,
 * each a walk over every value). Times routine_parse() on that file, on
 * 12,000 steps that each get a warning, on the largest legal routine we
 * could make (1 MiB: 4 hours of 1 s rests with long texts), and a library
 * scan of a folder holding all three; best and median of several runs.
 * Target: each under 2 s (the watchdog is 20 s). Doubling the input must
 * about double the time: the ratio is printed too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/routine.h"
#include "io/library.h"

#define RUNS 5
#define TARGET_MS 2000.0

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* A growing text buffer. */
typedef struct {
	char *p;
	size_t n, cap;
} buf;

static void put(buf *b, const char *s)
{
	size_t k = strlen(s);
	if (b->n + k + 1 > b->cap) {
		b->cap = (b->n + k + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p) {
			perror("realloc");
			exit(1);
		}
	}
	memcpy(b->p + b->n, s, k + 1);
	b->n += k;
}

static buf make_sides(int n)
{
	buf b = { 0 };
	put(&b, "{\"format\":1,\"title\":\"Big\",\"steps\":[{\"kind\":\"compression\",\"tool\":\"ball\","
	        "\"target\":\"glutes\",\"duration_s\":60,\"sides\":[");
	for (int i = 0; i < n; i++)
		put(&b, i ? ",\"left\"" : "\"left\"");
	put(&b, "]}]}");
	return b;
}

static buf make_warned(int n)
{
	buf b = { 0 };
	put(&b, "{\"format\":1,\"title\":\"W\",\"steps\":[");
	for (int i = 0; i < n; i++)
		put(&b, i ? ",{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"glutes\",\"duration_s\":200}"
		          : "{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"glutes\",\"duration_s\":200}");
	put(&b, "]}");
	return b;
}

/* Valid (issue 22): n two-second compressions of the scalenes, each with two
 * warnings (not safe under a ball; a hold outside 30-90 s), on one line each. */
static buf make_warned_valid(int n)
{
	buf b = { 0 };
	put(&b, "{\"format\":1,\"title\":\"Warned\",\"steps\":[\n");
	for (int i = 0; i < n; i++)
		put(&b, i ? ",{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"scalenes\",\"duration_s\":2}\n"
		          : "{\"kind\":\"compression\",\"tool\":\"ball\",\"target\":\"scalenes\",\"duration_s\":2}\n");
	put(&b, "]}");
	return b;
}

/* Valid: 14,400 one-second rests (the 4 hour limit), each with a text. */
static buf make_legal(void)
{
	buf b = { 0 };
	char text[26];
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	put(&b, "{\"format\":1,\"title\":\"Legal\",\"steps\":[");
	for (int i = 0; i < 14400; i++) {
		put(&b, i ? ",{\"kind\":\"rest\",\"duration_s\":1,\"text\":\"" : "{\"kind\":\"rest\",\"duration_s\":1,\"text\":\"");
		put(&b, text);
		put(&b, "\"}");
	}
	put(&b, "]}");
	return b;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Times routine_parse(); returns the median, prints best and median. */
static double time_parse(const char *name, const buf *b, int want_ok)
{
	double t[RUNS];
	for (int r = 0; r < RUNS; r++) {
		routine_diags d = { 0 };
		double t0 = now_ms();
		routine *rt = routine_parse(name, b->p, b->n, &d);
		t[r] = now_ms() - t0;
		if ((rt != NULL) != want_ok) {
			fprintf(stderr, "bench_validate: %s: %s\n", name, rt ? "accepted" : "rejected");
			if (d.count) {
				char line[600];
				fprintf(stderr, "  %s\n", routine_diag_format(&d.items[0], name, line, sizeof line));
			}
			exit(1);
		}
		routine_free(rt);
		routine_diags_free(&d);
	}
	qsort(t, RUNS, sizeof t[0], cmp);
	printf("  %-34s %7zu bytes  best %7.1f ms  median %7.1f ms\n", name, b->n, t[0], t[RUNS / 2]);
	return t[RUNS / 2];
}

static void write_file(const char *dir, const char *name, const buf *b)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (!f || fwrite(b->p, 1, b->n, f) != b->n || fclose(f) != 0) {
		perror(p);
		exit(1);
	}
}

int main(void)
{
	buf sides = make_sides(100000), sides2 = make_sides(50000);
	buf warned = make_warned(12000), warned2 = make_warned(6000);
	buf legal = make_legal();
	buf wv = make_warned_valid(3000), wv2 = make_warned_valid(1500);
	printf("routine_parse (target: each under %.0f ms)\n", TARGET_MS);
	double a = time_parse("100,000 sides", &sides, 0);
	double a2 = time_parse("50,000 sides", &sides2, 0);
	double w = time_parse("12,000 warned steps", &warned, 0);
	double w2 = time_parse("6,000 warned steps", &warned2, 0);
	double v = time_parse("3,000 warned steps, valid", &wv, 1);
	double v2 = time_parse("1,500 warned steps, valid", &wv2, 1);
	double l = time_parse("largest legal (14,400 rests)", &legal, 1);
	printf("  doubling the input: sides x%.2f, warned steps x%.2f, valid warned x%.2f (linear: about 2)\n",
	       a / (a2 > 0 ? a2 : 1e-9), w / (w2 > 0 ? w2 : 1e-9), v / (v2 > 0 ? v2 : 1e-9));

	char dir[] = "/tmp/bench_validate.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	write_file(dir, "sides.json", &sides);
	write_file(dir, "warned.json", &warned);
	write_file(dir, "legal.json", &legal);
	const char *dirs[] = { dir };
	double t0 = now_ms();
	library *lib = library_scan(dirs, 1);
	double s = now_ms() - t0;
	printf("  library scan of the three files      one run %7.1f ms (%zu valid, %zu broken)\n",
	       s, library_count(lib), library_broken_count(lib));
	library_free(lib);
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "bench_validate: could not remove %s\n", dir);
	free(sides.p);
	free(sides2.p);
	free(warned.p);
	free(warned2.p);
	free(legal.p);
	free(wv.p);
	free(wv2.p);
	int ok = a < TARGET_MS && w < TARGET_MS && v < TARGET_MS && l < TARGET_MS && s < TARGET_MS;
	printf("%s\n", ok ? "PASS: every file validated under 2 s" : "FAIL: a file took 2 s or more");
	return ok ? 0 : 1;
}
