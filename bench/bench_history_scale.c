/* bench_history_scale: `unknot --history` must grow linearly with the journal
 * (issue 16). Writes a 100 k-line and a 1 M-line journal of the same shape
 * (a year of sessions, ten times as many in the big one) and a journal
 * naming 40,000 distinct muscles, runs the real binary on each, and counts
 * its instructions with `valgrind --tool=callgrind` (the best of three wall
 * times instead when valgrind is missing or BENCH_WALL_TIME is set; callgrind
 * takes a few minutes on the 1 M journal). Target: the 1 M figure at
 * most 11 times the 100 k one. Needs $UNKNOT (bench/run.sh sets it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../tests/journal_gen.h"

#define MAX_RATIO 11.0
#define NOW_ISO "2026-11-21T20:00:00Z"
#define NOW_MS 1795291200000LL
#define DAY_MS 86400000LL
#define MUSCLES 40000
#define SESSIONS_100K 1960 /* sessions of about 100 k lines */

static void emit_file(const char *line, size_t len, void *user)
{
	fwrite(line, 1, len, (FILE *)user);
}

static const char *targets[] = { "upper trapezius", "levator scapulae", "gluteus medius",
	"quadratus lumborum", "piriformis", "infraspinatus", "pectoralis major", "calves" };

/* A year of n sessions, 45 steps each with discomforts, pauses and early
 * releases: about 51 lines a session. Returns the lines. */
static size_t gen_year(FILE *f, int n)
{
	jgen g;
	jgen_init(&g, emit_file, f);
	size_t lines = 0;
	unsigned seed = 1;
	for (int i = 0; i < n; i++) {
		char id[32];
		int k = i % 3; /* two neck sessions for one low-back one */
		snprintf(id, sizeof id, "s%d", i);
		int64_t t0 = NOW_MS - 365 * DAY_MS + (int64_t)i * (365 * DAY_MS / n);
		jgen_start(&g, id, t0, k == 1 ? "Low back" : "Neck and tension headache",
		           k == 1 ? "low-back.json" : "neck.json", 45);
		lines += 2;
		for (int s = 1; s <= 45; s++) {
			seed = seed * 1103515245u + 12345u;
			const char *t = targets[(s / 2 + k) % 8];
			if (s % 2) {
				jgen_step(&g, s, "transition", t, "left", 10, 10000, "elapsed");
				lines++;
				continue;
			}
			if (seed % 7 == 0)
				jgen_disc(&g, s, "compression", t, "left", 4000), lines++;
			if (seed % 29 == 0)
				jgen_pause(&g, 30000), lines++;
			int early = (seed >> 8) % 3 == 0;
			jgen_step(&g, s, "compression", t, s % 4 ? "left" : "right", 60,
			          early ? 30000 + (seed >> 12) % 25000 : 60000, early ? "advanced" : "elapsed");
			lines++;
		}
		jgen_end(&g, i % 51 == 2 ? "abandoned" : "completed");
	}
	return lines;
}

/* 2,000 sessions of 20 holds, every hold on a muscle never named before. */
static size_t gen_muscles(FILE *f)
{
	jgen g;
	jgen_init(&g, emit_file, f);
	size_t lines = 0;
	int m = 0;
	for (int i = 0; m < MUSCLES; i++) {
		char id[32], name[64];
		snprintf(id, sizeof id, "m%d", i);
		jgen_start(&g, id, NOW_MS - (int64_t)(2000 - i) * 3600000LL, "Many", "many.json", 20);
		for (int s = 1; s <= 20; s++, m++) {
			snprintf(name, sizeof name, "muscle %d", m);
			jgen_step(&g, s, "compression", name, "left", 60, 45000, "advanced");
		}
		jgen_end(&g, "completed");
		lines += 22;
	}
	return lines;
}

static double wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Runs `unknot --history --journal path`, its output to /dev/null; with
 * callgrind when count_instr. Returns the exit status. */
static int run(const char *unknot, const char *path, int count_instr, const char *cg_log)
{
	fflush(stdout); /* or the child flushes our buffered lines a second time */
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		if (count_instr) {
			if (!freopen(cg_log, "w", stderr))
				_exit(127);
			execlp("valgrind", "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
			       unknot, "--history", "--journal", path, (char *)NULL);
		} else {
			execl(unknot, unknot, "--history", "--journal", path, (char *)NULL);
		}
		_exit(127);
	}
	int st;
	if (waitpid(pid, &st, 0) < 0)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* Callgrind's "Collected : N" line of its log; 0 when absent. */
static double collected(const char *cg_log)
{
	FILE *f = fopen(cg_log, "r");
	char line[512];
	double n = 0;
	while (f && fgets(line, sizeof line, f)) {
		const char *p = strstr(line, "Collected : ");
		if (p)
			n = strtod(p + 12, NULL);
	}
	if (f)
		fclose(f);
	return n;
}

/* The cost of --history on path: instructions, or the best of three runs in ms. */
static double measure(const char *unknot, const char *path, int use_cg, const char *cg_log)
{
	if (use_cg) {
		if (run(unknot, path, 1, cg_log) != 0)
			return -1;
		return collected(cg_log);
	}
	double best = -1;
	for (int i = 0; i < 3; i++) {
		double t0 = wall_ms();
		if (run(unknot, path, 0, NULL) != 0)
			return -1;
		double t = wall_ms() - t0;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	const char *unknot = getenv("UNKNOT");
	if (!unknot || access(unknot, X_OK) != 0) {
		fprintf(stderr, "bench_history_scale: set UNKNOT to the unknot binary\n");
		return 1;
	}
	char dir[] = "/tmp/unknot-bench-scale-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	/* No config of the user's, a fixed "now". */
	setenv("XDG_CONFIG_HOME", dir, 1);
	setenv("UNKNOT_NOW", NOW_ISO, 1);
	setenv("TZ", "UTC", 1);
	char small[300], big[300], many[300], cg_log[300];
	snprintf(small, sizeof small, "%s/100k.jsonl", dir);
	snprintf(big, sizeof big, "%s/1M.jsonl", dir);
	snprintf(many, sizeof many, "%s/muscles.jsonl", dir);
	snprintf(cg_log, sizeof cg_log, "%s/callgrind.log", dir);
	size_t n[3];
	const char *paths[3] = { small, big, many };
	for (int i = 0; i < 3; i++) {
		FILE *f = fopen(paths[i], "w");
		if (!f) {
			perror(paths[i]);
			return 1;
		}
		n[i] = i == 2 ? gen_muscles(f) : gen_year(f, i == 0 ? SESSIONS_100K : 10 * SESSIONS_100K);
		fclose(f);
	}
	const char *tm = getenv("BENCH_WALL_TIME");
	int use_cg = !(tm && *tm) && system("valgrind --version >/dev/null 2>&1") == 0;
	const char *unit = use_cg ? "instructions" : "ms (best of 3)";
	double cost[3];
	int rc = 0;
	for (int i = 0; i < 3; i++) {
		double t0 = wall_ms();
		cost[i] = measure(unknot, paths[i], use_cg, cg_log);
		if (cost[i] <= 0) {
			fprintf(stderr, "bench_history_scale: unknot --history failed on %s\n", paths[i]);
			rc = 1;
			goto out;
		}
		printf("bench_history_scale: %-14s %8zu lines: %.4g %s (%.1f s wall)\n",
		       i == 0 ? "100k journal" : i == 1 ? "1M journal" : "40000 muscles", n[i], cost[i],
		       unit, (wall_ms() - t0) / 1e3);
	}
	double ratio = cost[1] / cost[0];
	printf("bench_history_scale: 1M / 100k = %.2f (lines %.2f; target <= %.0f): %s\n", ratio,
	       (double)n[1] / (double)n[0], MAX_RATIO, ratio <= MAX_RATIO ? "ok" : "NOT LINEAR");
	rc = ratio <= MAX_RATIO ? 0 : 1;
out:
	for (int i = 0; i < 3; i++)
		unlink(paths[i]);
	unlink(cg_log);
	rmdir(dir);
	return rc;
}
