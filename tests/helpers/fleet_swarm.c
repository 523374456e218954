/* fleet_swarm: many simulated gym stations in one process, each a real
 * io/fleet.h instance with its own credentials, journal file and state, for
 * tests/e2e/fleet_*.sh.
 *
 *   fleet_swarm BROKER_URL SITE PREFIX FIRST COUNT DIR [KEEPALIVE_S WILL_DELAY_S]
 *
 * Stations are PREFIX + FIRST..FIRST+COUNT-1 as three digits (st001...),
 * user name SITE/STATION, password "pw-STATION" (tests/fleet/broker.sh).
 * Files: DIR/STATION.jsonl (journal), DIR/state/ (ack files),
 * DIR/routines/STATION/ (managed routines). Commands on stdin, one a line;
 * each answer ends with a line "done CMD":
 *   append N [MS]     append N journal lines to every station, MS ms apart
 *   wait S            until every station has acked its whole journal (at most
 *                     S s): "acked ok MS" or "acked timeout PENDING"
 *   connected S [N]   until N (default all) stations are connected (at most
 *                     S s): "connected K MS"
 *   stats             "stat STATION connected=0|1 journal=N acked=N published=N
 *                     connects=N manifest=N pending=N applied=N rejected=N"
 *   state idle | session ROUTINE STEP STEPS | paused ROUTINE STEP STEPS
 *   fault TEXT        one fault on every station's status ("" = none)
 *   polls             "polls reload=N identify=N settings=N" (fleet_poll bits so far,
 *                     all stations; polled every 50 ms)
 *   quit              fleet_free every station (clean "offline") and exit
 * $FLEET_SWARM_CA: the CA file for an mqtts:// broker.
 * SIGKILL the process to make every station vanish without a DISCONNECT
 * (their last wills fire). End of input = quit.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/fleet_msg.h"
#include "io/fleet.h"

#define MAX_STATIONS 1000

typedef struct {
	char name[FLEET_MSG_NAME_MAX + 1];
	char journal[512];
	fleet *f;
	unsigned long lines;
} sim;

static sim sims[MAX_STATIONS];
static int nsims;
static unsigned long polls_reload, polls_identify, polls_settings;
static fleet_state cur_state;
static char cur_routine[128], cur_fault[128];

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* Collects what the fleets ask the app to do. */
static void poll_all(void)
{
	for (int i = 0; i < nsims; i++) {
		unsigned b = fleet_poll(sims[i].f);
		polls_reload += (b & FLEET_DO_RELOAD) != 0;
		polls_identify += (b & FLEET_DO_IDENTIFY) != 0;
		polls_settings += (b & FLEET_DO_SETTINGS) != 0;
	}
}

/* Sleeps ms while still polling the fleets (an app keeps its loop running). */
static void nap(unsigned ms)
{
	uint64_t end = now_ms() + ms;
	for (;;) {
		poll_all();
		uint64_t t = now_ms();
		if (t >= end)
			return;
		uint64_t d = end - t < 50 ? end - t : 50;
		struct timespec ts = { 0, (long)d * 1000000L };
		nanosleep(&ts, NULL);
	}
}

/* One journal line, like the recorder's, appended with a single write(). */
static int append_line(sim *s)
{
	char line[256];
	s->lines++;
	int n = snprintf(line, sizeof line,
	                 "{\"event\":\"step_start\",\"t\":\"2026-11-21T09:30:00.000Z\",\"ms\":%lu,"
	                 "\"session\":\"swarm-%s\",\"seq\":%lu,\"index\":%lu,\"kind\":\"hold\","
	                 "\"profile\":\"secret-person\"}\n",
	                 s->lines * 100, s->name, s->lines, s->lines);
	int fd = open(s->journal, O_WRONLY | O_APPEND | O_CREAT, 0644);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, line, (size_t)n);
	close(fd);
	if (w != n)
		return -1;
	fleet_journal_appended(s->f);
	return 0;
}

/* Lines already in a journal (a restarted swarm continues it). */
static unsigned long count_lines(const char *path)
{
	FILE *fp = fopen(path, "r");
	if (!fp)
		return 0;
	unsigned long n = 0;
	int c;
	while ((c = getc(fp)) != EOF)
		n += c == '\n';
	fclose(fp);
	return n;
}

static void print_stats(void)
{
	for (int i = 0; i < nsims; i++) {
		fleet_stats st;
		fleet_get_stats(sims[i].f, &st);
		printf("stat %s connected=%d journal=%llu acked=%llu published=%llu connects=%llu "
		       "manifest=%u pending=%zu applied=%zu rejected=%zu attempts=%llu fault=\"%s\"\n",
		       sims[i].name, st.connected, (unsigned long long)st.journal_seq,
		       (unsigned long long)st.acked_seq, (unsigned long long)st.published,
		       (unsigned long long)st.connects, st.manifest_version, st.routines_pending,
		       st.routines_applied, st.routines_rejected, (unsigned long long)st.attempts, st.fault);
	}
}

/* Until every station acked all its lines, at most secs s. */
static void wait_acked(int secs)
{
	uint64_t t0 = now_ms(), end = t0 + (uint64_t)secs * 1000u;
	int pending;
	for (;;) {
		pending = 0;
		for (int i = 0; i < nsims; i++) {
			fleet_stats st;
			fleet_get_stats(sims[i].f, &st);
			pending += st.acked_seq < sims[i].lines;
		}
		if (!pending || now_ms() >= end)
			break;
		nap(50);
	}
	if (pending)
		printf("acked timeout %d\n", pending);
	else
		printf("acked ok %llu\n", (unsigned long long)(now_ms() - t0));
}

static void wait_connected(int secs, int want)
{
	uint64_t t0 = now_ms(), end = t0 + (uint64_t)secs * 1000u;
	int n;
	for (;;) {
		n = 0;
		for (int i = 0; i < nsims; i++) {
			fleet_stats st;
			fleet_get_stats(sims[i].f, &st);
			n += st.connected;
		}
		if (n >= want || now_ms() >= end)
			break;
		nap(50);
	}
	printf("connected %d %llu\n", n, (unsigned long long)(now_ms() - t0));
}

static void set_state_all(void)
{
	for (int i = 0; i < nsims; i++)
		fleet_set_state(sims[i].f, &cur_state);
}

/* state idle | session ROUTINE STEP STEPS | paused ROUTINE STEP STEPS */
static void cmd_state(const char *args)
{
	char kind[16] = "";
	int step = 0, steps = 0;
	cur_routine[0] = '\0';
	sscanf(args, "%15s %127s %d %d", kind, cur_routine, &step, &steps);
	bool on = strcmp(kind, "idle") != 0;
	cur_state.in_session = on;
	cur_state.paused = strcmp(kind, "paused") == 0;
	cur_state.routine = on ? cur_routine : NULL;
	cur_state.routine_file = NULL;
	cur_state.step = on ? step : 0;
	cur_state.steps = on ? steps : 0;
	set_state_all();
}

static void run_command(char *line)
{
	line[strcspn(line, "\r\n")] = '\0';
	char cmd[32] = "";
	int off = 0;
	if (sscanf(line, "%31s %n", cmd, &off) < 1)
		return;
	const char *args = line + off;
	if (!strcmp(cmd, "append")) {
		int n = 0, ms = 0;
		sscanf(args, "%d %d", &n, &ms);
		for (int k = 0; k < n; k++) {
			for (int i = 0; i < nsims; i++)
				if (append_line(&sims[i]) < 0)
					printf("error append %s: %s\n", sims[i].name, strerror(errno));
			if (ms > 0)
				nap((unsigned)ms);
		}
		printf("appended %lu\n", nsims ? sims[0].lines : 0);
	} else if (!strcmp(cmd, "wait")) {
		wait_acked(atoi(args));
	} else if (!strcmp(cmd, "connected")) {
		int s = 0, want = nsims;
		sscanf(args, "%d %d", &s, &want);
		wait_connected(s, want);
	} else if (!strcmp(cmd, "stats")) {
		print_stats();
	} else if (!strcmp(cmd, "state")) {
		cmd_state(args);
	} else if (!strcmp(cmd, "fault")) {
		snprintf(cur_fault, sizeof cur_fault, "%s", args);
		cur_state.faults[0] = cur_fault;
		cur_state.nfaults = cur_fault[0] ? 1 : 0;
		set_state_all();
	} else if (!strcmp(cmd, "polls")) {
		poll_all();
		printf("polls reload=%lu identify=%lu settings=%lu\n", polls_reload, polls_identify,
		       polls_settings);
	} else if (!strcmp(cmd, "quit")) {
		return;
	} else {
		printf("error unknown command %s\n", cmd);
	}
	printf("done %s\n", cmd);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc != 7 && argc != 9) {
		fprintf(stderr, "usage: fleet_swarm BROKER_URL SITE PREFIX FIRST COUNT DIR "
		                "[KEEPALIVE_S WILL_DELAY_S]\n");
		return 2;
	}
	int first = atoi(argv[4]), count = atoi(argv[5]);
	if (count < 1 || count > MAX_STATIONS)
		return 2;
	const char *dir = argv[6];
	char state_dir[512], routines[512], err[256];
	snprintf(state_dir, sizeof state_dir, "%s/state", dir);
	setvbuf(stdout, NULL, _IOLBF, 0);

	config_fleet base = { 0 };
	snprintf(base.broker, sizeof base.broker, "%s", argv[1]);
	if (fleet_msg_broker_parse(base.broker, &base.tls, base.host, sizeof base.host, &base.port,
	                           err, sizeof err) < 0) {
		fprintf(stderr, "fleet_swarm: %s\n", err);
		return 2;
	}
	snprintf(base.site, sizeof base.site, "%s", argv[2]);
	base.keepalive_s = argc == 9 ? atoi(argv[7]) : 5;
	base.will_delay_s = argc == 9 ? atoi(argv[8]) : 2;
	/* mqtts:// brokers with a private CA (tests/e2e/fleet_config.sh) */
	const char *ca = getenv("FLEET_SWARM_CA");
	if (ca && (size_t)snprintf(base.ca_file, sizeof base.ca_file, "%s", ca) >= sizeof base.ca_file)
		return 2;

	for (int i = 0; i < count; i++) {
		sim *s = &sims[i];
		config_fleet c = base;
		/* Checked lengths (a name too long for a topic level is a usage error). */
		if ((size_t)snprintf(s->name, sizeof s->name, "%s%03d", argv[3], first + i) >= sizeof s->name ||
		    (size_t)snprintf(c.station, sizeof c.station, "%s", s->name) >= sizeof c.station ||
		    (size_t)snprintf(c.username, sizeof c.username, "%s/%s", base.site, s->name) >= sizeof c.username ||
		    (size_t)snprintf(c.password, sizeof c.password, "pw-%s", s->name) >= sizeof c.password ||
		    (size_t)snprintf(s->journal, sizeof s->journal, "%s/%s.jsonl", dir, s->name) >= sizeof s->journal ||
		    (size_t)snprintf(routines, sizeof routines, "%s/routines/%s", dir, s->name) >= sizeof routines) {
			fprintf(stderr, "fleet_swarm: names too long\n");
			return 2;
		}
		s->lines = count_lines(s->journal);
		fleet_options o = { .cfg = &c, .journal_path = s->journal, .state_dir = state_dir,
		                    .routines_dir = routines, .app_version = "swarm",
		                    .backoff_min_ms = 200, .backoff_max_ms = 1000 };
		s->f = fleet_new(&o, err, sizeof err);
		if (!s->f) {
			fprintf(stderr, "fleet_swarm: %s: %s\n", s->name, err);
			while (--i >= 0)
				fleet_free(sims[i].f);
			return 1;
		}
		nsims++;
	}
	cur_state.in_session = false;
	set_state_all();
	printf("started %d\n", nsims);

	char line[512];
	size_t used = 0;
	for (;;) {
		struct pollfd p = { .fd = 0, .events = POLLIN };
		int r = poll(&p, 1, 50);
		poll_all();
		if (r <= 0)
			continue;
		ssize_t n = read(0, line + used, sizeof line - 1 - used);
		if (n <= 0)
			break;
		used += (size_t)n;
		line[used] = '\0';
		char *nl;
		bool quit = false;
		while ((nl = strchr(line, '\n'))) {
			*nl = '\0';
			quit = quit || !strncmp(line, "quit", 4);
			if (!quit)
				run_command(line);
			size_t rest = used - (size_t)(nl + 1 - line);
			memmove(line, nl + 1, rest);
			used = rest;
			line[used] = '\0';
		}
		if (quit)
			break;
		if (used == sizeof line - 1)
			used = 0; /* an overlong line: dropped */
	}
	for (int i = 0; i < nsims; i++)
		fleet_free(sims[i].f);
	printf("done quit\n");
	return 0;
}
