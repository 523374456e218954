/* journal_crash: kill -9 journaling processes at random instants, then read
 * the journal back.
 *
 *   journal_crash write JOURNAL       journal lines forever through the real
 *                                     recorder (one session per process),
 *                                     printing each acknowledged seq on stdout
 *   journal_crash run JOURNAL N SEED  start and SIGKILL N writers, then check
 *   journal_crash read JOURNAL        check a journal (any number of sessions)
 *
 * The check: every line but possibly the last is intact JSON, and in each
 * session the seq numbers are 1, 2, 3... with no gap, up to at least the last
 * one the writer saw acknowledged (no earlier event is ever lost). A torn last
 * line is skipped and reported. Prints "ok NAME" / "not ok NAME" lines.
 */
#include <cJSON.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "app/recorder.h"
#include "io/clock.h"

#define MAX_SESSIONS 4096

typedef struct {
	char id[64];
	long last_seq;
	long acked; /* highest seq the writer saw written, -1 unknown */
	bool broken;
} session_seen;

static session_seen seen[MAX_SESSIONS];
static size_t nseen;

static session_seen *find(const char *id)
{
	for (size_t i = 0; i < nseen; i++)
		if (strcmp(seen[i].id, id) == 0)
			return &seen[i];
	if (nseen == MAX_SESSIONS)
		return NULL;
	session_seen *s = &seen[nseen++];
	snprintf(s->id, sizeof s->id, "%s", id);
	s->acked = -1;
	return s;
}

static int writer(const char *path)
{
	recorder *rec = recorder_new(path, "", clock_wall_ms(), clock_now_ms());
	if (!rec)
		return 1;
	/* a session start gives this process its own session id */
	char fields[160];
	for (long n = 1;; n++) {
		snprintf(fields, sizeof fields, "{\"pid\":%ld,\"n\":%ld,\"pad\":\"%0*d\"}", (long)getpid(), n,
		         (int)(n % 97), 0);
		if (n == 1) {
			/* no routine here: an extra event with the same contract fields */
			if (recorder_extra(rec, clock_now_ms(), "crash_start", fields) < 0)
				return 1;
		} else if (recorder_extra(rec, clock_now_ms(), "crash_line", fields) < 0) {
			return 1;
		}
		char ack[32];
		int len = snprintf(ack, sizeof ack, "%ld\n", n);
		if (write(STDOUT_FILENO, ack, (size_t)len) != len)
			return 1;
	}
}

/* Reads and checks the journal. Returns the number of failed checks. */
static int check(const char *path, bool expect_acks)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		printf("not ok journal_readable (%s)\n", strerror(errno));
		return 1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	long lines = 0, bad_middle = 0, torn_last = 0;
	bool pending_bad = false;
	while ((len = getline(&line, &cap, f)) > 0) {
		lines++;
		if (pending_bad) /* an invalid line that was not the last one */
			bad_middle++;
		pending_bad = false;
		bool complete = line[len - 1] == '\n';
		cJSON *o = cJSON_ParseWithLength(line, (size_t)len);
		const cJSON *sid = cJSON_GetObjectItemCaseSensitive(o, "session");
		const cJSON *seq = cJSON_GetObjectItemCaseSensitive(o, "seq");
		if (!o || !cJSON_IsString(sid) || !cJSON_IsNumber(seq) || !complete) {
			pending_bad = true;
			if (!complete)
				torn_last++;
			cJSON_Delete(o);
			continue;
		}
		session_seen *s = find(sid->valuestring);
		if (s && (long)seq->valuedouble != s->last_seq + 1)
			s->broken = true;
		if (s)
			s->last_seq = (long)seq->valuedouble;
		cJSON_Delete(o);
	}
	if (pending_bad && !torn_last)
		torn_last = 1; /* an invalid last line with its newline: still only the last */
	free(line);
	fclose(f);

	int fails = 0;
	long broken = 0, lost = 0;
	for (size_t i = 0; i < nseen; i++) {
		broken += seen[i].broken;
		if (expect_acks && seen[i].acked > seen[i].last_seq)
			lost++;
	}
	printf("# %ld lines, %zu sessions, torn last line: %s\n", lines, nseen, torn_last ? "yes (skipped)" : "no");
	if (bad_middle) {
		printf("not ok lines_intact (%ld bad lines before the last)\n", bad_middle);
		fails++;
	} else {
		printf("ok lines_intact\n");
	}
	if (broken) {
		printf("not ok seq_contiguous (%ld sessions with a gap)\n", broken);
		fails++;
	} else {
		printf("ok seq_contiguous\n");
	}
	if (expect_acks) {
		if (lost) {
			printf("not ok nothing_lost (%ld sessions lost acknowledged lines)\n", lost);
			fails++;
		} else {
			printf("ok nothing_lost\n");
		}
	}
	return fails;
}

static int run(const char *self, const char *path, int n, unsigned seed)
{
	srand(seed);
	int killed = 0;
	for (int i = 0; i < n; i++) {
		int fds[2];
		if (pipe(fds) < 0)
			return 1;
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			dup2(fds[1], STDOUT_FILENO);
			close(fds[0]);
			close(fds[1]);
			execl(self, self, "write", path, (char *)NULL);
			_exit(127);
		}
		close(fds[1]);
		/* a random instant 0..12 ms after its first line (process start-up
		 * time varies a lot, e.g. under a sanitizer) */
		char buf[65536];
		ssize_t r = read(fds[0], buf, 1);
		struct timespec ts = { 0, (long)(rand() % 12000) * 1000L };
		nanosleep(&ts, NULL);
		if (kill(pid, SIGKILL) == 0)
			killed++;
		waitpid(pid, NULL, 0);
		/* the last seq the writer saw written */
		long acked = 0;
		char tail[32] = "";
		size_t tl = 0;
		if (r == 1 && buf[0] != '\n')
			tail[tl++] = buf[0];
		while ((r = read(fds[0], buf, sizeof buf)) > 0) {
			for (ssize_t k = 0; k < r; k++) {
				if (buf[k] == '\n') {
					tail[tl] = 0;
					acked = atol(tail);
					tl = 0;
				} else if (tl < sizeof tail - 1) {
					tail[tl++] = buf[k];
				}
			}
		}
		close(fds[0]);
		if (acked > 0) {
			/* the writer's session id is only in the journal: match by pid below */
			char key[64];
			snprintf(key, sizeof key, "pid:%ld", (long)pid);
			session_seen *s = find(key);
			if (s)
				s->acked = acked;
		}
	}
	printf("# %d writers started, %d killed with SIGKILL\n", n, killed);
	/* map pid acks onto session ids: read each session's pid from the journal */
	FILE *f = fopen(path, "rb");
	char *line = NULL;
	size_t cap = 0;
	if (f) {
		while (getline(&line, &cap, f) > 0) {
			cJSON *o = cJSON_Parse(line);
			const cJSON *sid = cJSON_GetObjectItemCaseSensitive(o, "session");
			const cJSON *p = cJSON_GetObjectItemCaseSensitive(o, "pid");
			if (cJSON_IsString(sid) && cJSON_IsNumber(p)) {
				char key[64];
				snprintf(key, sizeof key, "pid:%ld", (long)p->valuedouble);
				session_seen *k = find(key), *s = find(sid->valuestring);
				if (k && s && k->acked > s->acked)
					s->acked = k->acked;
			}
			cJSON_Delete(o);
		}
		free(line);
		fclose(f);
	}
	/* the pid: keys were bookkeeping only */
	size_t w = 0;
	for (size_t i = 0; i < nseen; i++)
		if (strncmp(seen[i].id, "pid:", 4) != 0)
			seen[w++] = seen[i];
	nseen = w;
	return check(path, true);
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "write") == 0)
		return writer(argv[2]);
	if (argc == 5 && strcmp(argv[1], "run") == 0)
		return run(argv[0], argv[2], atoi(argv[3]), (unsigned)strtoul(argv[4], NULL, 10)) ? 1 : 0;
	if (argc == 3 && strcmp(argv[1], "read") == 0)
		return check(argv[2], false) ? 1 : 0;
	fprintf(stderr, "usage: journal_crash write JOURNAL | run JOURNAL N SEED | read JOURNAL\n");
	return 2;
}
