/* bench_fsync: what an fsync of a journal line costs here (issue 19 item 8),
 * to decide which event kinds are fsync'd. Appends 200 journal-sized lines
 * (about 250 bytes) to a file in $BENCH_DIR (default: the current folder,
 * where the journal's disk is more like the real one than /tmp's tmpfs),
 * fsync after each, and prints the median and worst fsync. The app fsyncs
 * on its main loop, so the worst case is a frame that late. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LINES 200

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

int main(void)
{
	const char *dir = getenv("BENCH_DIR") ? getenv("BENCH_DIR") : ".";
	char path[4096];
	snprintf(path, sizeof path, "%s/bench_fsync.%d.jsonl", dir, (int)getpid());
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
	if (fd < 0) {
		perror(path);
		return 1;
	}
	char line[256];
	memset(line, 'x', sizeof line);
	line[0] = '{';
	line[sizeof line - 1] = '\n';
	static double t[LINES];
	for (int i = 0; i < LINES; i++) {
		if (write(fd, line, sizeof line) != (ssize_t)sizeof line) {
			perror("write");
			return 1;
		}
		double t0 = now_ms();
		fsync(fd);
		t[i] = now_ms() - t0;
	}
	close(fd);
	unlink(path);
	qsort(t, LINES, sizeof t[0], cmp);
	printf("fsync of a journal line in %s: median %.2f ms, 90%% %.2f ms, worst %.2f ms (%d lines)\n",
	       dir, t[LINES / 2], t[LINES * 9 / 10], t[LINES - 1], LINES);
	printf("a 45-step session journals about 95 lines: fsync'ing all costs about %.0f ms in all\n",
	       95 * t[LINES / 2]);
	return 0;
}
