/* fleet_priv: what the parts of io/fleet share (fleet.c: the thread, the
 * connection and the API; fleet_store.c: the ack file and the journal;
 * fleet_library.c: routines, the manifest, settings and their faults).
 * Private to src/io/fleet*.c; see fleet.h for the design. Everything here
 * runs on the fleet's network thread unless it says otherwise.
 */
#ifndef UNKNOT_FLEET_PRIV_H
#define UNKNOT_FLEET_PRIV_H

#include <mosquitto.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "io/fleet.h"
#include "io/log.h"
#include "io/mqttlib.h"
#include "io/paths.h"

#define FLEET_WINDOW 64          /* event publishes awaiting PUBACK */
#define FLEET_JOURNAL_POLL_MS 1000 /* a fallback: the app says when it appends */
#define FLEET_STATUS_MIN_MS 1000 /* at most one status per second on change */
#define FLEET_MAX_ROUTINE_FAULTS 8
#define FLEET_MAX_RESENDS 16     /* resend ranges queued; more merge into the last */

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
	const mqttlib *mq;      /* every mosquitto_* call goes through it (shared, never freed) */
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
	fleet_msg_settings ui_settings; /* what fleet_settings() returns */
	bool ui_have_settings;

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
	struct { uint64_t from, to; } resend[FLEET_MAX_RESENDS]; /* cmd/resend ranges to go */
	size_t nresend;
	char *status_last;     /* last status published, without uptime */
	uint64_t status_last_ms;
	fleet_op *ops;
	size_t nops;
	fleet_msg_manifest manifest;
	bool have_manifest, manifest_check;
	uint32_t manifest_applied;
	char missing_why[192];  /* "manifest N: K routines never arrived (a, b...)" or "" */
	fleet_msg_settings settings_new; /* checked, waiting for the session to end */
	bool settings_waiting;
	fleet_msg_settings settings;     /* handed to the app (status "settings") */
	bool have_settings;
	fleet_fault faults[FLEET_MAX_ROUTINE_FAULTS];
	size_t nfaults;
	char (*live)[FLEET_MSG_NAME_MAX + 1]; /* ids with a valid retained message */
	size_t nlive;
	unsigned seed;          /* rand_r: backoff jitter */
	char ssl_err[160];      /* the last TLS error libmosquitto logged this attempt */
	char conn_fault[160];   /* the fault of the last failed attempt, "" = none */
};


/* fleet.c */
uint64_t fleet_now_ms(void);
/* log_msg(level, "fleet STATION: ...") */
void fleet_log(const fleet *f, log_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Adds FLEET_DO_* bits and tells the app. */
void fleet_act(fleet *f, unsigned bits);

/* fleet_store.c */
/* path through path.tmp + fsync + rename + fsync(dir); 0 or -1 (errno). */
int fleet_write_atomic(const char *dir, const char *path, const void *data, size_t len);
void fleet_fsync_dir(const char *dir);
uint64_t fleet_ack_read(const fleet *f);
void fleet_ack_write(fleet *f);
void fleet_journal_scan(fleet *f);
void fleet_journal_pump(fleet *f);
/* cmd/resend: queue seqs from..to (to 0 = up to the latest line). */
void fleet_resend_add(fleet *f, uint64_t from, uint64_t to);

/* fleet_library.c */
void fleet_on_routine(fleet *f, const char *id, const char *payload, size_t len);
/* A retained message under routines/ that is not a routine id; an empty one
 * (deleted) clears its fault. */
void fleet_on_bad_routine(fleet *f, const char *name, size_t len);
void fleet_on_manifest(fleet *f, const char *payload, size_t len);
void fleet_on_settings(fleet *f, const char *payload, size_t len);
void fleet_routines_apply(fleet *f);
void fleet_settings_apply(fleet *f);
size_t fleet_count_routines(const fleet *f);
/* The library's faults for the status (pointers into f, valid until the
 * next library call): returns how many were written (at most max). */
size_t fleet_library_faults(fleet *f, const char **out, size_t max);

#endif
