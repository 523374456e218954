/* fleet: MQTT v5 station client (see fleet.h for the design).
 *
 * One network thread per fleet runs its own poll() loop over the MQTT socket
 * and a wake pipe, calling mosquitto_loop_read/write/misc, so fleet_free and
 * state changes take effect at once. A fresh mosquitto client is made for
 * every connection attempt: libmosquitto then never re-sends messages of an
 * earlier connection behind our back; replay from the durable ack is the one
 * way events are re-sent. Everything below "network thread" runs on that
 * thread only; `mu` guards what the UI thread shares (ui, actions, stats,
 * flags).
 */
#include "io/fleet.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <mosquitto.h>
#include <mqtt_protocol.h>
#include <poll.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/routine.h"
#include "core/sha256.h"
#include "io/paths.h"

#define FLEET_WINDOW 64          /* event publishes awaiting PUBACK */
#define FLEET_JOURNAL_POLL_MS 1000 /* a fallback: the app says when it appends */
#define FLEET_STATUS_MIN_MS 1000 /* at most one status per second on change */
#define FLEET_MAX_ROUTINE_FAULTS 4

typedef struct {
	int mid;
	uint64_t seq;
	bool acked;
} fleet_flight;

/* A routine change waiting for the session to end. body NULL = delete. */
typedef struct {
	char id[FLEET_MSG_NAME_MAX + 1];
	char sha256[65];
	char *body;
	size_t len;
} fleet_op;

typedef struct {
	char id[FLEET_MSG_NAME_MAX + 1]; /* "_manifest" for the manifest */
	char why[160];
} fleet_fault;

struct fleet {
	/* fixed after fleet_new */
	config_fleet cfg;
	char *journal_path, *state_dir, *routines_dir, *app_version;
	char ack_path[PATHS_MAX];
	char password[256];
	char default_user[2 * FLEET_MSG_NAME_MAX + 2]; /* SITE/STATION */
	char t_avail[FLEET_MSG_TOPIC_MAX], t_status[FLEET_MSG_TOPIC_MAX];
	char t_events[FLEET_MSG_TOPIC_MAX], t_cmd[FLEET_MSG_TOPIC_MAX], t_routines[FLEET_MSG_TOPIC_MAX];
	void (*wake)(void *user);
	void *wake_user;
	uint32_t backoff_min_ms, backoff_max_ms, status_period_ms;
	int pipe_r, pipe_w;
	pthread_t thread;
	uint64_t started_ms;

	/* shared with the UI thread, under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;      /* signalled when the thread is done */
	bool stop, done;
	bool in_session;
	char ui_state[16];
	char ui_routine[128], ui_file[128];
	bool ui_has_routine;
	int ui_step, ui_steps;
	char ui_faults[FLEET_MAX_FAULTS][64];
	size_t ui_nfaults;
	bool ui_dirty;
	bool journal_hint;
	unsigned actions;
	int identify_s;
	fleet_stats stats;

	/* network thread only */
	struct mosquitto *mosq;
	bool connected;        /* CONNACK received */
	uint64_t next_connect_ms;
	uint32_t backoff_ms;
	uint64_t acked;        /* durable */
	uint64_t acked_written;
	uint64_t *line_off;    /* line_off[i]: start of line i+1 */
	size_t nlines, cap_lines;
	uint64_t scan_off;     /* after the last complete line */
	uint64_t next_journal_ms;
	uint64_t send_seq;     /* next seq to publish */
	fleet_flight flight[FLEET_WINDOW];
	size_t nflight;
	uint64_t resend_from;  /* 0 = none */
	char *status_last;     /* last status published, without uptime */
	uint64_t status_last_ms;
	fleet_op *ops;
	size_t nops;
	fleet_msg_manifest manifest;
	bool have_manifest, manifest_check;
	uint32_t manifest_applied;
	fleet_fault faults[FLEET_MAX_ROUTINE_FAULTS];
	size_t nfaults;
	char (*live)[FLEET_MSG_NAME_MAX + 1]; /* ids with a valid retained message */
	size_t nlive;
	unsigned seed;          /* rand_r: backoff jitter */
};

static pthread_once_t fleet_lib_once = PTHREAD_ONCE_INIT;

static void fleet_lib_init(void)
{
	mosquitto_lib_init();
}

static uint64_t fleet_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void fleet_log(const fleet *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fleet_log(const fleet *f, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "unknot: fleet %s: %s\n", f->cfg.station, msg);
}

/* Wakes the network thread (from any thread). */
static void fleet_kick(fleet *f)
{
	char b = 1;
	ssize_t n = write(f->pipe_w, &b, 1);
	(void)n; /* a full pipe already means "wake up" */
}

/* Adds action bits and tells the app (network thread). */
static void fleet_act(fleet *f, unsigned bits)
{
	pthread_mutex_lock(&f->mu);
	f->actions |= bits;
	void (*wake)(void *) = f->wake; /* NULL once fleet_free gave up waiting */
	void *user = f->wake_user;
	pthread_mutex_unlock(&f->mu);
	if (wake)
		wake(user);
}

/* Writes data to path through path.tmp + fsync + rename + fsync(dir), so a
 * power cut leaves either the old or the new file. */
static int fleet_write_atomic(const char *dir, const char *path, const void *data, size_t len)
{
	char tmp[PATHS_MAX + 8];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return -1;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		left -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

static void fleet_fsync_dir(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
}

/* ---- routine faults (network thread) ---- */

static void fleet_fault_set(fleet *f, const char *id, const char *why)
{
	size_t i;
	for (i = 0; i < f->nfaults && strcmp(f->faults[i].id, id) != 0; i++)
		;
	if (i == f->nfaults) {
		if (f->nfaults == FLEET_MAX_ROUTINE_FAULTS)
			i = FLEET_MAX_ROUTINE_FAULTS - 1; /* the newest replaces the last */
		else
			f->nfaults++;
	}
	snprintf(f->faults[i].id, sizeof f->faults[i].id, "%s", id);
	snprintf(f->faults[i].why, sizeof f->faults[i].why, "%s", why);
}

static void fleet_fault_clear(fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nfaults; i++)
		if (strcmp(f->faults[i].id, id) == 0) {
			memmove(&f->faults[i], &f->faults[i + 1], (f->nfaults - i - 1) * sizeof f->faults[0]);
			f->nfaults--;
			return;
		}
}

/* ---- ack file ---- */

static uint64_t fleet_ack_read(const fleet *f)
{
	size_t len;
	char *s = paths_read_file(f->ack_path, 64, &len);
	if (!s)
		return 0;
	uint64_t v = strtoull(s, NULL, 10);
	free(s);
	return v;
}

static void fleet_ack_write(fleet *f)
{
	if (f->acked == f->acked_written)
		return;
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%" PRIu64 "\n", f->acked);
	if (fleet_write_atomic(f->state_dir, f->ack_path, buf, (size_t)n) == 0)
		f->acked_written = f->acked;
	else
		fleet_log(f, "cannot write %s: %s", f->ack_path, strerror(errno));
}

/* ---- journal (network thread) ---- */

/* Indexes complete lines appended since the last call. */
static void fleet_journal_scan(fleet *f)
{
	int fd = open(f->journal_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	struct stat st;
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_size < f->scan_off) {
		/* The journal is never rewritten; a shorter file is a replaced one.
		 * Its lines get the seqs after the ones already sent. */
		fleet_log(f, "the journal shrank; continuing after line %zu", f->nlines);
		f->scan_off = 0;
	}
	char buf[65536];
	uint64_t off = f->scan_off;
	uint64_t line_start = f->scan_off;
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof buf, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n')
				continue;
			if (f->nlines == f->cap_lines) {
				size_t nc = f->cap_lines ? f->cap_lines * 2 : 1024;
				uint64_t *p = realloc(f->line_off, nc * sizeof *p);
				if (!p)
					goto out;
				f->line_off = p;
				f->cap_lines = nc;
			}
			f->line_off[f->nlines++] = line_start;
			line_start = off + (uint64_t)i + 1;
			f->scan_off = line_start;
		}
		off += (uint64_t)n;
	}
out:
	close(fd);
	pthread_mutex_lock(&f->mu);
	f->stats.journal_seq = f->nlines;
	pthread_mutex_unlock(&f->mu);
}

/* The event message for seq (1-based), or NULL. Caller frees. */
static char *fleet_journal_event(fleet *f, int fd, uint64_t seq)
{
	uint64_t start = f->line_off[seq - 1];
	uint64_t end = seq < f->nlines ? f->line_off[seq] : f->scan_off;
	size_t len = (size_t)(end - start);
	char *line = malloc(len + 1);
	if (!line)
		return NULL;
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, line + got, len - got, (off_t)(start + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
		got--;
	char *ev = fleet_msg_event(line, got, f->cfg.station, seq);
	free(line);
	return ev ? ev : fleet_msg_event_unreadable(f->cfg.station, seq);
}

/* Publishes journal lines from send_seq while the window has room. */
static void fleet_journal_pump(fleet *f)
{
	if (f->resend_from) {
		/* resend: everything from there, even if acknowledged before */
		f->nflight = 0;
		f->send_seq = f->resend_from < f->acked + 1 ? f->resend_from : f->acked + 1;
		f->resend_from = 0;
	}
	if (f->send_seq > f->nlines || f->nflight == FLEET_WINDOW)
		return;
	int fd = open(f->journal_path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while (f->send_seq <= f->nlines && f->nflight < FLEET_WINDOW) {
		char *ev = fleet_journal_event(f, fd, f->send_seq);
		if (!ev)
			break;
		int mid = 0;
		int rc = mosquitto_publish_v5(f->mosq, &mid, f->t_events, (int)strlen(ev), ev, 1, false, NULL);
		free(ev);
		if (rc != MOSQ_ERR_SUCCESS)
			break;
		f->flight[f->nflight++] = (fleet_flight){ mid, f->send_seq, false };
		f->send_seq++;
		pthread_mutex_lock(&f->mu);
		f->stats.published++;
		pthread_mutex_unlock(&f->mu);
	}
	close(fd);
}

/* ---- routines (network thread) ---- */

static void fleet_routine_path(const fleet *f, const char *id, char *out, size_t size)
{
	snprintf(out, size, "%s/%s.json", f->routines_dir, id);
}

/* True when ID.json is on disk with this digest. */
static bool fleet_routine_has(const fleet *f, const char *id, const char *sha)
{
	char path[PATHS_MAX];
	size_t len;
	fleet_routine_path(f, id, path, sizeof path);
	char *s = paths_read_file(path, ROUTINE_MAX_FILE_BYTES, &len);
	if (!s)
		return false;
	char hex[65];
	sha256_hex(s, len, hex);
	free(s);
	return strcmp(hex, sha) == 0;
}

static void fleet_op_drop(fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nops; i++)
		if (strcmp(f->ops[i].id, id) == 0) {
			free(f->ops[i].body);
			f->ops[i] = f->ops[--f->nops];
			return;
		}
}

/* Queues a write (body != NULL, taken over) or delete of routine id. */
static void fleet_op_add(fleet *f, const char *id, const char *sha, char *body, size_t len)
{
	fleet_op_drop(f, id);
	fleet_op *p = realloc(f->ops, (f->nops + 1) * sizeof *p);
	if (!p) {
		free(body);
		return;
	}
	f->ops = p;
	fleet_op *o = &f->ops[f->nops++];
	snprintf(o->id, sizeof o->id, "%s", id);
	snprintf(o->sha256, sizeof o->sha256, "%s", sha ? sha : "");
	o->body = body;
	o->len = len;
}

static bool fleet_live_has(const fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nlive; i++)
		if (strcmp(f->live[i], id) == 0)
			return true;
	return false;
}

/* Marks id as having (live) or not having a valid retained message, so the
 * manifest clean-up never removes a routine the manager just published but
 * has not listed yet. */
static void fleet_live_set(fleet *f, const char *id, bool live)
{
	for (size_t i = 0; i < f->nlive; i++)
		if (strcmp(f->live[i], id) == 0) {
			if (!live)
				memcpy(f->live[i], f->live[--f->nlive], sizeof f->live[0]);
			return;
		}
	if (!live)
		return;
	void *p = realloc(f->live, (f->nlive + 1) * sizeof f->live[0]);
	if (!p)
		return;
	f->live = p;
	snprintf(f->live[f->nlive++], sizeof f->live[0], "%s", id);
}

static void fleet_on_routine(fleet *f, const char *id, const char *payload, size_t len)
{
	char path[PATHS_MAX];
	fleet_routine_path(f, id, path, sizeof path);
	fleet_live_set(f, id, false);
	if (len == 0) {
		fleet_fault_clear(f, id);
		if (access(path, F_OK) == 0)
			fleet_op_add(f, id, NULL, NULL, 0);
		else
			fleet_op_drop(f, id);
		return;
	}
	fleet_msg_routine m;
	char why[160];
	if (fleet_msg_routine_parse(payload, len, id, &m, why, sizeof why)) {
		char msg[200];
		snprintf(msg, sizeof msg, "routine %s: %s", id, why);
		fleet_log(f, "rejected %s", msg);
		fleet_fault_set(f, id, msg);
		fleet_op_drop(f, id); /* never apply an older good one over the manager's intent */
		pthread_mutex_lock(&f->mu);
		f->stats.routines_rejected++;
		f->ui_dirty = true;
		pthread_mutex_unlock(&f->mu);
		return;
	}
	fleet_fault_clear(f, id);
	fleet_live_set(f, id, true);
	if (fleet_routine_has(f, id, m.sha256)) {
		fleet_op_drop(f, id);
		fleet_msg_routine_clear(&m);
		f->manifest_check = true;
		return;
	}
	fleet_op_add(f, id, m.sha256, m.body, m.body_len);
	m.body = NULL;
	fleet_msg_routine_clear(&m);
}

/* Removes managed routines the manifest does not list, once every listed one
 * is on disk with its digest. Returns true when something changed. */
static bool fleet_manifest_apply(fleet *f)
{
	if (!f->have_manifest)
		return false;
	for (size_t i = 0; i < f->manifest.count; i++)
		if (!fleet_routine_has(f, f->manifest.items[i].id, f->manifest.items[i].sha256))
			return false;
	bool changed = false;
	DIR *d = opendir(f->routines_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
				continue;
			bool listed = false;
			for (size_t i = 0; i < f->manifest.count && !listed; i++)
				listed = strlen(f->manifest.items[i].id) == n - 5 &&
				         strncmp(f->manifest.items[i].id, e->d_name, n - 5) == 0;
			char id[FLEET_MSG_NAME_MAX + 1];
			snprintf(id, sizeof id, "%.*s", (int)(n - 5), e->d_name);
			if (listed || fleet_live_has(f, id))
				continue;
			char path[PATHS_MAX];
			snprintf(path, sizeof path, "%s/%s", f->routines_dir, e->d_name);
			if (unlink(path) == 0) {
				changed = true;
				pthread_mutex_lock(&f->mu);
				f->stats.routines_applied++;
				pthread_mutex_unlock(&f->mu);
			}
		}
		closedir(d);
		if (changed)
			fleet_fsync_dir(f->routines_dir);
	}
	if (f->manifest_applied != f->manifest.version) {
		f->manifest_applied = f->manifest.version;
		changed = true;
		pthread_mutex_lock(&f->mu);
		f->stats.manifest_version = f->manifest_applied;
		f->ui_dirty = true;
		pthread_mutex_unlock(&f->mu);
	}
	return changed;
}

/* Writes/deletes queued routines when no session runs. */
static void fleet_routines_apply(fleet *f)
{
	pthread_mutex_lock(&f->mu);
	bool busy = f->in_session;
	f->stats.routines_pending = f->nops;
	pthread_mutex_unlock(&f->mu);
	if (busy || (f->nops == 0 && !f->manifest_check))
		return;
	bool changed = false;
	while (f->nops > 0) {
		fleet_op *o = &f->ops[f->nops - 1];
		char path[PATHS_MAX];
		fleet_routine_path(f, o->id, path, sizeof path);
		int rc;
		if (o->body) {
			rc = fleet_write_atomic(f->routines_dir, path, o->body, o->len);
		} else {
			rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
			fleet_fsync_dir(f->routines_dir);
		}
		if (rc)
			fleet_log(f, "cannot update %s: %s", path, strerror(errno));
		else
			fleet_log(f, "routine %s %s", o->id, o->body ? "written" : "removed");
		free(o->body);
		f->nops--;
		changed = true;
		pthread_mutex_lock(&f->mu);
		f->stats.routines_applied++;
		pthread_mutex_unlock(&f->mu);
	}
	f->manifest_check = false;
	if (fleet_manifest_apply(f))
		changed = true;
	pthread_mutex_lock(&f->mu);
	f->stats.routines_pending = 0;
	f->ui_dirty = true;
	pthread_mutex_unlock(&f->mu);
	if (changed)
		fleet_act(f, FLEET_DO_RELOAD);
}

/* ---- status (network thread) ---- */

static size_t fleet_count_routines(const fleet *f)
{
	size_t n = 0;
	DIR *d = opendir(f->routines_dir);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] != '.' && l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
			n++;
	}
	closedir(d);
	return n;
}

/* Publishes the status when it changed (at most once a second) or when the
 * period is over. */
static void fleet_status_pump(fleet *f, uint64_t now)
{
	const char *faults[FLEET_MAX_FAULTS];
	char fbuf[FLEET_MAX_FAULTS][64];
	fleet_msg_status s = { .site = f->cfg.site, .station = f->cfg.station,
	                       .app_version = f->app_version, .faults = faults };
	char state[16], rname[128], file[128];
	pthread_mutex_lock(&f->mu);
	snprintf(state, sizeof state, "%s", f->ui_state);
	snprintf(rname, sizeof rname, "%s", f->ui_routine);
	snprintf(file, sizeof file, "%s", f->ui_file);
	s.routine = f->ui_has_routine ? rname : NULL;
	s.routine_file = f->ui_has_routine && file[0] ? file : NULL;
	s.step = f->ui_step;
	s.steps = f->ui_steps;
	for (size_t i = 0; i < f->ui_nfaults && s.nfaults < FLEET_MAX_FAULTS; i++) {
		memcpy(fbuf[s.nfaults], f->ui_faults[i], sizeof fbuf[0]);
		faults[s.nfaults] = fbuf[s.nfaults];
		s.nfaults++;
	}
	f->ui_dirty = false;
	pthread_mutex_unlock(&f->mu);
	s.state = state;
	for (size_t i = 0; i < f->nfaults && s.nfaults < FLEET_MAX_FAULTS; i++)
		faults[s.nfaults++] = f->faults[i].why;
	s.seq = f->nlines;
	s.acked_seq = f->acked;
	s.manifest_version = f->manifest_applied;
	s.routines = fleet_count_routines(f);
	char *key = fleet_msg_status_json(&s);
	if (!key)
		return;
	bool changed = !f->status_last || strcmp(key, f->status_last) != 0;
	bool due = now >= f->status_last_ms + f->status_period_ms;
	if ((!changed || now < f->status_last_ms + FLEET_STATUS_MIN_MS) && !due) {
		free(key);
		return;
	}
	s.uptime_s = (now - f->started_ms) / 1000;
	char *doc = fleet_msg_status_json(&s);
	if (doc && mosquitto_publish_v5(f->mosq, NULL, f->t_status, (int)strlen(doc), doc, 1, true,
	                                NULL) == MOSQ_ERR_SUCCESS) {
		free(f->status_last);
		f->status_last = key;
		key = NULL;
		f->status_last_ms = now;
	}
	free(doc);
	free(key);
}

/* ---- MQTT callbacks (network thread, inside mosquitto_loop_*) ---- */

static void fleet_on_connect(struct mosquitto *m, void *user, int rc, int flags,
                             const mosquitto_property *props)
{
	(void)flags;
	(void)props;
	fleet *f = user;
	if (rc != 0) {
		fleet_log(f, "broker refused the connection: %s", mosquitto_reason_string(rc));
		return;
	}
	f->connected = true;
	f->backoff_ms = f->backoff_min_ms;
	mosquitto_publish_v5(m, NULL, f->t_avail, 6, "online", 1, true, NULL);
	mosquitto_subscribe_v5(m, NULL, f->t_cmd, 1, 0, NULL);
	mosquitto_subscribe_v5(m, NULL, f->t_routines, 1, 0, NULL);
	f->nflight = 0;
	f->nlive = 0; /* the retained routines come again after the subscribe */
	f->send_seq = f->acked + 1; /* replay whatever was not acknowledged */
	free(f->status_last);
	f->status_last = NULL;
	f->status_last_ms = 0;
	pthread_mutex_lock(&f->mu);
	f->stats.connected = true;
	f->stats.connects++;
	pthread_mutex_unlock(&f->mu);
	fleet_log(f, "connected to %s:%d, replaying from seq %" PRIu64, f->cfg.host, f->cfg.port,
	          f->send_seq);
}

static void fleet_on_publish(struct mosquitto *m, void *user, int mid, int reason,
                             const mosquitto_property *props)
{
	(void)m;
	(void)props;
	fleet *f = user;
	size_t i;
	for (i = 0; i < f->nflight && f->flight[i].mid != mid; i++)
		;
	if (i == f->nflight)
		return; /* status, availability, or a window reset by resend */
	if (reason >= 0x80) {
		/* refused (e.g. not authorised): send again after a reconnect */
		fleet_log(f, "event %" PRIu64 " refused: %s", f->flight[i].seq,
		          mosquitto_reason_string(reason));
		return;
	}
	f->flight[i].acked = true;
	size_t k = 0;
	while (k < f->nflight && f->flight[k].acked) {
		if (f->flight[k].seq == f->acked + 1)
			f->acked = f->flight[k].seq;
		k++;
	}
	memmove(f->flight, f->flight + k, (f->nflight - k) * sizeof f->flight[0]);
	f->nflight -= k;
	pthread_mutex_lock(&f->mu);
	f->stats.acked_seq = f->acked;
	pthread_mutex_unlock(&f->mu);
}

static void fleet_on_message(struct mosquitto *m, void *user, const struct mosquitto_message *msg,
                             const mosquitto_property *props)
{
	(void)m;
	(void)props;
	fleet *f = user;
	char name[FLEET_MSG_NAME_MAX + 1];
	const char *payload = msg->payload ? msg->payload : "";
	size_t len = (size_t)msg->payloadlen;
	switch (fleet_msg_classify(msg->topic, f->cfg.site, f->cfg.station, name, sizeof name)) {
	case FLEET_IN_ROUTINE:
		fleet_on_routine(f, name, payload, len);
		break;
	case FLEET_IN_MANIFEST: {
		fleet_msg_manifest mf;
		char why[160];
		if (len == 0) {
			fleet_msg_manifest_clear(&f->manifest);
			f->have_manifest = false;
			fleet_fault_clear(f, "_manifest");
			break;
		}
		if (fleet_msg_manifest_parse(payload, len, &mf, why, sizeof why)) {
			fleet_log(f, "rejected the %s", why);
			fleet_fault_set(f, "_manifest", why);
			break;
		}
		fleet_fault_clear(f, "_manifest");
		fleet_msg_manifest_clear(&f->manifest);
		f->manifest = mf;
		f->have_manifest = true;
		f->manifest_check = true;
		break;
	}
	case FLEET_IN_CMD: {
		fleet_msg_command c;
		char why[160];
		if (fleet_msg_command_parse(name, payload, len, &c, why, sizeof why)) {
			fleet_log(f, "command %s ignored: %s", name, why);
			break;
		}
		if (c.kind == FLEET_CMD_RESEND) {
			fleet_log(f, "resend from seq %" PRIu64, c.from_seq);
			f->resend_from = c.from_seq;
		} else {
			if (c.kind == FLEET_CMD_IDENTIFY) {
				pthread_mutex_lock(&f->mu);
				f->identify_s = c.seconds;
				pthread_mutex_unlock(&f->mu);
			}
			fleet_act(f, c.kind == FLEET_CMD_RELOAD ? FLEET_DO_RELOAD : FLEET_DO_IDENTIFY);
		}
		break;
	}
	default:
		break;
	}
	pthread_mutex_lock(&f->mu);
	f->ui_dirty = true;
	pthread_mutex_unlock(&f->mu);
}

static void fleet_on_disconnect(struct mosquitto *m, void *user, int rc, const mosquitto_property *props)
{
	(void)m;
	(void)props;
	fleet *f = user;
	if (f->connected)
		fleet_log(f, "disconnected (%s)", rc ? mosquitto_strerror(rc) : "by us");
	f->connected = false;
}

/* ---- connection (network thread) ---- */

static void fleet_drop(fleet *f, uint64_t now)
{
	if (f->mosq) {
		mosquitto_destroy(f->mosq);
		f->mosq = NULL;
	}
	f->connected = false;
	f->nflight = 0;
	pthread_mutex_lock(&f->mu);
	f->stats.connected = false;
	pthread_mutex_unlock(&f->mu);
	/* full jitter: a restarted broker is not hit by 200 stations at once */
	uint32_t wait = f->backoff_ms / 2 + (uint32_t)rand_r(&f->seed) % (f->backoff_ms / 2 + 1);
	f->next_connect_ms = now + wait;
	f->backoff_ms = f->backoff_ms * 2 > f->backoff_max_ms ? f->backoff_max_ms : f->backoff_ms * 2;
}

/* One connection attempt with a fresh client. */
static void fleet_connect(fleet *f, uint64_t now)
{
	/* The client id is the user name (SITE/STATION unless configured): the
	 * shipped broker config forces that anyway (use_username_as_clientid), so
	 * no other client's credentials can take this session over. */
	const char *user = f->cfg.username[0] ? f->cfg.username : f->default_user;
	f->mosq = mosquitto_new(user, true, f);
	if (!f->mosq) {
		fleet_drop(f, now);
		return;
	}
	struct mosquitto *m = f->mosq;
	mosquitto_int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	mosquitto_connect_v5_callback_set(m, fleet_on_connect);
	mosquitto_publish_v5_callback_set(m, fleet_on_publish);
	mosquitto_message_v5_callback_set(m, fleet_on_message);
	mosquitto_disconnect_v5_callback_set(m, fleet_on_disconnect);
	mosquitto_property *will = NULL, *conn = NULL;
	int rc = MOSQ_ERR_SUCCESS;
	if (f->cfg.will_delay_s > 0)
		rc = mosquitto_property_add_int32(&will, MQTT_PROP_WILL_DELAY_INTERVAL,
		                                  (uint32_t)f->cfg.will_delay_s);
	if (!rc)
		rc = mosquitto_will_set_v5(m, f->t_avail, 7, "offline", 1, true, will);
	if (rc) {
		mosquitto_property_free_all(&will);
		fleet_log(f, "cannot set the last will: %s", mosquitto_strerror(rc));
	}
	mosquitto_username_pw_set(m, user, f->password[0] ? f->password : NULL);
	if (f->cfg.tls) {
		rc = mosquitto_tls_set(m, f->cfg.ca_file[0] ? f->cfg.ca_file : NULL,
		                       f->cfg.ca_file[0] ? NULL : "/etc/ssl/certs",
		                       f->cfg.cert_file[0] ? f->cfg.cert_file : NULL,
		                       f->cfg.key_file[0] ? f->cfg.key_file : NULL, NULL);
		if (rc)
			fleet_log(f, "TLS setup: %s", mosquitto_strerror(rc));
	}
	/* The session must outlive the connection by the will delay, or the
	 * broker sends the will at once (MQTT v5 3.1.3.2.2). */
	mosquitto_property_add_int32(&conn, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
	                             (uint32_t)f->cfg.will_delay_s);
	rc = mosquitto_connect_bind_v5(m, f->cfg.host, f->cfg.port, f->cfg.keepalive_s, NULL, conn);
	mosquitto_property_free_all(&conn);
	if (rc != MOSQ_ERR_SUCCESS) {
		pthread_mutex_lock(&f->mu);
		bool first = f->stats.connects == 0 && f->backoff_ms == f->backoff_min_ms;
		pthread_mutex_unlock(&f->mu);
		if (first)
			fleet_log(f, "cannot reach %s:%d (%s); retrying in the background", f->cfg.host,
			          f->cfg.port, rc == MOSQ_ERR_ERRNO ? strerror(errno) : mosquitto_strerror(rc));
		fleet_drop(f, now);
	}
}

/* A clean goodbye: "offline" now (no will delay), then DISCONNECT. */
static void fleet_goodbye(fleet *f)
{
	if (!f->mosq || !f->connected)
		return;
	int mid = -1;
	f->nflight = 0;
	if (mosquitto_publish_v5(f->mosq, &mid, f->t_avail, 7, "offline", 1, true, NULL) == 0) {
		/* wait (at most ~1 s) for its PUBACK: track it as a pseudo event */
		f->flight[0] = (fleet_flight){ mid, 0, false };
		f->nflight = 1;
		uint64_t end = fleet_now_ms() + 1000;
		while (f->nflight == 1 && !f->flight[0].acked && fleet_now_ms() < end && f->connected) {
			struct pollfd p = { mosquitto_socket(f->mosq), POLLIN, 0 };
			if (mosquitto_want_write(f->mosq))
				p.events |= POLLOUT;
			poll(&p, 1, 50);
			if (mosquitto_loop_write(f->mosq, 1) || mosquitto_loop_read(f->mosq, 1))
				break;
		}
	}
	mosquitto_disconnect_v5(f->mosq, MQTT_RC_NORMAL_DISCONNECTION, NULL);
	mosquitto_loop_write(f->mosq, 1);
}

static void *fleet_thread(void *arg)
{
	fleet *f = arg;
	for (;;) {
		uint64_t now = fleet_now_ms();
		pthread_mutex_lock(&f->mu);
		bool stop = f->stop, hint = f->journal_hint;
		f->journal_hint = false;
		pthread_mutex_unlock(&f->mu);
		if (stop)
			break;
		if (!f->mosq && now >= f->next_connect_ms)
			fleet_connect(f, now);
		if (hint || now >= f->next_journal_ms) {
			fleet_journal_scan(f);
			f->next_journal_ms = now + FLEET_JOURNAL_POLL_MS;
		}
		fleet_routines_apply(f);
		if (f->mosq && f->connected) {
			fleet_journal_pump(f);
			fleet_status_pump(f, now);
		}
		fleet_ack_write(f);

		struct pollfd p[2] = { { f->pipe_r, POLLIN, 0 }, { -1, 0, 0 } };
		int np = 1;
		int sock = f->mosq ? mosquitto_socket(f->mosq) : -1;
		if (sock >= 0) {
			p[1].fd = sock;
			p[1].events = POLLIN | (mosquitto_want_write(f->mosq) ? POLLOUT : 0);
			np = 2;
		}
		int timeout = 1000; /* keepalive pings and the journal fallback need no more */
		if (!f->mosq && f->next_connect_ms > now && f->next_connect_ms - now < (uint64_t)timeout)
			timeout = (int)(f->next_connect_ms - now);
		poll(p, (nfds_t)np, timeout);
		if (p[0].revents & POLLIN) {
			char buf[64];
			while (read(f->pipe_r, buf, sizeof buf) > 0)
				;
		}
		if (!f->mosq)
			continue;
		now = fleet_now_ms();
		int rc = MOSQ_ERR_SUCCESS;
		if (np == 2 && (p[1].revents & (POLLIN | POLLHUP | POLLERR)))
			rc = mosquitto_loop_read(f->mosq, 16);
		if (!rc && mosquitto_want_write(f->mosq))
			rc = mosquitto_loop_write(f->mosq, 16);
		if (!rc)
			rc = mosquitto_loop_misc(f->mosq);
		if (rc || mosquitto_socket(f->mosq) < 0) {
			if (f->connected)
				fleet_log(f, "connection lost (%s)", mosquitto_strerror(rc));
			fleet_drop(f, now);
		}
	}
	fleet_goodbye(f);
	fleet_ack_write(f);
	if (f->mosq)
		mosquitto_destroy(f->mosq);
	f->mosq = NULL;
	pthread_mutex_lock(&f->mu);
	f->done = true;
	pthread_cond_signal(&f->cv);
	pthread_mutex_unlock(&f->mu);
	return NULL;
}

/* ---- UI thread API ---- */

static char *fleet_strdup(const char *s)
{
	return s ? strdup(s) : NULL;
}

fleet *fleet_new(const fleet_options *o, char *err, size_t errsize)
{
	pthread_once(&fleet_lib_once, fleet_lib_init);
	fleet *f = calloc(1, sizeof *f);
	if (!f) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	f->pipe_r = f->pipe_w = -1;
	f->cfg = *o->cfg;
	if (!f->cfg.host[0] && fleet_msg_broker_parse(f->cfg.broker, &f->cfg.tls, f->cfg.host,
	                                              sizeof f->cfg.host, &f->cfg.port, err, errsize))
		goto fail;
	if (!fleet_msg_name_ok(f->cfg.site) || !fleet_msg_name_ok(f->cfg.station)) {
		snprintf(err, errsize, "site and station must be MQTT topic levels (no '/', '+', '#')");
		goto fail;
	}
	if (f->cfg.keepalive_s < 5)
		f->cfg.keepalive_s = 30;
	f->journal_path = fleet_strdup(o->journal_path);
	f->state_dir = fleet_strdup(o->state_dir);
	f->routines_dir = fleet_strdup(o->routines_dir);
	f->app_version = fleet_strdup(o->app_version ? o->app_version : "unknown");
	if (!f->journal_path || !f->state_dir || !f->routines_dir || !f->app_version) {
		snprintf(err, errsize, "out of memory (or a folder not given)");
		goto fail;
	}
	if (paths_mkdirs(f->state_dir) || paths_mkdirs(f->routines_dir)) {
		snprintf(err, errsize, "cannot create %s or %s: %s", f->state_dir, f->routines_dir,
		         strerror(errno));
		goto fail;
	}
	if (snprintf(f->ack_path, sizeof f->ack_path, "%s/fleet-%s.ack", f->state_dir,
	             f->cfg.station) >= (int)sizeof f->ack_path) {
		snprintf(err, errsize, "state folder path too long");
		goto fail;
	}
	snprintf(f->default_user, sizeof f->default_user, "%s/%s", f->cfg.site, f->cfg.station);
	snprintf(f->password, sizeof f->password, "%s", f->cfg.password);
	if (f->cfg.password_file[0]) {
		size_t len;
		char *pw = paths_read_file(f->cfg.password_file, 4096, &len);
		if (!pw) {
			snprintf(err, errsize, "%s: %s", f->cfg.password_file, strerror(errno));
			goto fail;
		}
		pw[strcspn(pw, "\r\n")] = '\0';
		snprintf(f->password, sizeof f->password, "%s", pw);
		free(pw);
	}
	if (f->cfg.tls) {
		const char *files[] = { f->cfg.ca_file, f->cfg.cert_file, f->cfg.key_file };
		for (size_t i = 0; i < 3; i++)
			if (files[i][0] && access(files[i], R_OK) != 0) {
				snprintf(err, errsize, "%s: %s", files[i], strerror(errno));
				goto fail;
			}
	}
	fleet_msg_station_topic(f->t_avail, sizeof f->t_avail, f->cfg.site, f->cfg.station, "availability");
	fleet_msg_station_topic(f->t_status, sizeof f->t_status, f->cfg.site, f->cfg.station, "status");
	fleet_msg_station_topic(f->t_events, sizeof f->t_events, f->cfg.site, f->cfg.station, "events");
	fleet_msg_station_topic(f->t_cmd, sizeof f->t_cmd, f->cfg.site, f->cfg.station, "cmd/+");
	fleet_msg_routines_topic(f->t_routines, sizeof f->t_routines, f->cfg.site, "#");
	f->wake = o->wake;
	f->wake_user = o->wake_user;
	f->backoff_min_ms = o->backoff_min_ms ? o->backoff_min_ms : 1000;
	f->backoff_max_ms = o->backoff_max_ms ? o->backoff_max_ms : 30000;
	if (f->backoff_max_ms < f->backoff_min_ms)
		f->backoff_max_ms = f->backoff_min_ms;
	f->backoff_ms = f->backoff_min_ms;
	f->status_period_ms = o->status_period_ms ? o->status_period_ms : 60000;
	snprintf(f->ui_state, sizeof f->ui_state, "idle");
	f->started_ms = fleet_now_ms();
	f->seed = (unsigned)f->started_ms ^ (unsigned)(uintptr_t)f;
	f->acked = f->acked_written = fleet_ack_read(f);
	f->stats.acked_seq = f->acked;
	f->send_seq = f->acked + 1;
	int fds[2];
	if (pipe(fds) != 0) {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
		goto fail;
	}
	f->pipe_r = fds[0];
	f->pipe_w = fds[1];
	fcntl(f->pipe_r, F_SETFL, O_NONBLOCK);
	fcntl(f->pipe_w, F_SETFL, O_NONBLOCK);
	fcntl(f->pipe_r, F_SETFD, FD_CLOEXEC);
	fcntl(f->pipe_w, F_SETFD, FD_CLOEXEC);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	if (pthread_mutex_init(&f->mu, NULL) != 0 || pthread_cond_init(&f->cv, &ca) != 0) {
		snprintf(err, errsize, "mutex");
		goto fail;
	}
	pthread_condattr_destroy(&ca);
	if (pthread_create(&f->thread, NULL, fleet_thread, f) != 0) {
		pthread_mutex_destroy(&f->mu);
		pthread_cond_destroy(&f->cv);
		snprintf(err, errsize, "cannot start the network thread");
		goto fail;
	}
	return f;
fail:
	if (f->pipe_r >= 0)
		close(f->pipe_r);
	if (f->pipe_w >= 0)
		close(f->pipe_w);
	free(f->journal_path);
	free(f->state_dir);
	free(f->routines_dir);
	free(f->app_version);
	free(f);
	return NULL;
}

void fleet_free(fleet *f)
{
	if (!f)
		return;
	pthread_mutex_lock(&f->mu);
	f->stop = true;
	pthread_mutex_unlock(&f->mu);
	fleet_kick(f);
	/* A connect to an unreachable host (or a hung DNS lookup) blocks the
	 * thread for minutes: after 3 s the app exits without it. The fleet is
	 * then left allocated for the thread, which never calls `wake` again. */
	struct timespec until;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += 3;
	pthread_mutex_lock(&f->mu);
	while (!f->done && pthread_cond_timedwait(&f->cv, &f->mu, &until) == 0)
		;
	bool done = f->done;
	if (!done)
		f->wake = NULL;
	pthread_mutex_unlock(&f->mu);
	if (!done) {
		fleet_log(f, "the network thread is still connecting; leaving it behind");
		pthread_detach(f->thread);
		return;
	}
	pthread_join(f->thread, NULL);
	pthread_mutex_destroy(&f->mu);
	pthread_cond_destroy(&f->cv);
	close(f->pipe_r);
	close(f->pipe_w);
	for (size_t i = 0; i < f->nops; i++)
		free(f->ops[i].body);
	free(f->ops);
	fleet_msg_manifest_clear(&f->manifest);
	free(f->status_last);
	free(f->live);
	free(f->line_off);
	free(f->journal_path);
	free(f->state_dir);
	free(f->routines_dir);
	free(f->app_version);
	free(f);
}

void fleet_set_state(fleet *f, const fleet_state *st)
{
	char state[16], rname[128], file[128];
	snprintf(state, sizeof state, "%s", st->in_session ? (st->paused ? "paused" : "in_session") : "idle");
	snprintf(rname, sizeof rname, "%s", st->in_session && st->routine ? st->routine : "");
	snprintf(file, sizeof file, "%s", st->in_session && st->routine_file ? st->routine_file : "");
	bool has = st->in_session && st->routine;
	int step = st->in_session ? st->step : 0, steps = st->in_session ? st->steps : 0;
	size_t nf = st->nfaults < FLEET_MAX_FAULTS ? st->nfaults : FLEET_MAX_FAULTS;
	bool changed = false;
	pthread_mutex_lock(&f->mu);
	changed = strcmp(state, f->ui_state) || strcmp(rname, f->ui_routine) ||
	          strcmp(file, f->ui_file) || has != f->ui_has_routine || step != f->ui_step ||
	          steps != f->ui_steps || nf != f->ui_nfaults;
	for (size_t i = 0; i < nf && !changed; i++)
		changed = strncmp(st->faults[i] ? st->faults[i] : "", f->ui_faults[i],
		                  sizeof f->ui_faults[i] - 1) != 0;
	if (changed) {
		memcpy(f->ui_state, state, sizeof state);
		memcpy(f->ui_routine, rname, sizeof rname);
		memcpy(f->ui_file, file, sizeof file);
		f->ui_has_routine = has;
		f->ui_step = step;
		f->ui_steps = steps;
		f->ui_nfaults = nf;
		for (size_t i = 0; i < nf; i++)
			snprintf(f->ui_faults[i], sizeof f->ui_faults[i], "%s", st->faults[i] ? st->faults[i] : "");
		f->in_session = st->in_session;
		f->ui_dirty = true;
	}
	pthread_mutex_unlock(&f->mu);
	if (changed)
		fleet_kick(f);
}

void fleet_journal_appended(fleet *f)
{
	pthread_mutex_lock(&f->mu);
	f->journal_hint = true;
	pthread_mutex_unlock(&f->mu);
	fleet_kick(f);
}

unsigned fleet_poll(fleet *f)
{
	pthread_mutex_lock(&f->mu);
	unsigned a = f->actions;
	f->actions = 0;
	pthread_mutex_unlock(&f->mu);
	return a;
}

int fleet_identify_seconds(fleet *f)
{
	pthread_mutex_lock(&f->mu);
	int s = f->identify_s > 0 ? f->identify_s : 5;
	pthread_mutex_unlock(&f->mu);
	return s;
}

void fleet_get_stats(fleet *f, fleet_stats *out)
{
	pthread_mutex_lock(&f->mu);
	*out = f->stats;
	pthread_mutex_unlock(&f->mu);
}
