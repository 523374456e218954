/* fleet: MQTT v5 station client (see fleet.h for the design; fleet_store.c and
 * fleet_library.c hold the journal and the routines, fleet_priv.h what they share).
 *
 * One network thread per fleet runs its own poll() loop over the MQTT socket
 * and a wake pipe, calling mosquitto_loop_read/write/misc (through f->mq: the
 * library is opened at run time, see io/mqttlib.h), so fleet_free and
 * state changes take effect at once. A fresh mosquitto client is made for
 * every connection attempt: libmosquitto then never re-sends messages of an
 * earlier connection behind our back; replay from the durable ack is the one
 * way events are re-sent. Everything below "network thread" runs on that
 * thread only; `mu` guards what the UI thread shares (ui, actions, stats,
 * flags).
 */
#include "io/fleet_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <mqtt_protocol.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static pthread_once_t fleet_lib_once = PTHREAD_ONCE_INIT;
static mqttlib *fleet_lib;          /* libmosquitto, opened by the first fleet_new; kept */
static char fleet_lib_err[512];     /* why it could not be, for every fleet_new */

/* Opens libmosquitto (issue 22: unknot does not link it, so a station without
 * a fleet never maps it nor libssl and libcrypto) and initialises it. */
static void fleet_lib_init(void)
{
	fleet_lib = mqttlib_load(NULL, fleet_lib_err, sizeof fleet_lib_err);
	if (fleet_lib)
		fleet_lib->lib_init();
}

uint64_t fleet_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

void fleet_log(const fleet *f, log_level level, const char *fmt, ...)
{
	if (!log_enabled(level))
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_msg(level, "fleet %s: %s", f->cfg.station, msg);
}

/* Wakes the network thread (from any thread). */
static void fleet_kick(fleet *f)
{
	char b = 1;
	ssize_t n = write(f->pipe_w, &b, 1);
	(void)n; /* a full pipe already means "wake up" */
}

/* Adds action bits and tells the app (network thread). */
void fleet_act(fleet *f, unsigned bits)
{
	pthread_mutex_lock(&f->mu);
	f->actions |= bits;
	void (*wake)(void *) = f->wake; /* NULL once fleet_free gave up waiting */
	void *user = f->wake_user;
	pthread_mutex_unlock(&f->mu);
	if (wake)
		wake(user);
}

static void fleet_conn_fault(fleet *f, const char *why, bool lasting);

/* ---- status (network thread) ---- */

/* Publishes the status when it changed (at most once a second) or when the
 * period is over. */
static void fleet_status_pump(fleet *f, uint64_t now)
{
	const char *faults[FLEET_MAX_FAULTS + FLEET_MAX_ROUTINE_FAULTS + 2];
	char fbuf[FLEET_MAX_FAULTS][64];
	fleet_msg_settings settings = f->settings;
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
	s.nfaults += fleet_library_faults(f, faults + s.nfaults,
	                                  sizeof faults / sizeof faults[0] - s.nfaults);
	s.settings = f->have_settings ? &settings : NULL;
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
	if (doc && f->mq->publish_v5(f->mosq, NULL, f->t_status, (int)strlen(doc), doc, 1, true,
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
		char why[160];
		snprintf(why, sizeof why, "broker refused the connection: %s", f->mq->reason_string(rc));
		fleet_conn_fault(f, why, true);
		return;
	}
	fleet_conn_fault(f, "", false);
	f->connected = true;
	f->backoff_ms = f->backoff_min_ms;
	f->mq->publish_v5(m, NULL, f->t_avail, 6, "online", 1, true, NULL);
	f->mq->subscribe_v5(m, NULL, f->t_cmd, 1, 0, NULL);
	f->mq->subscribe_v5(m, NULL, f->t_routines, 1, 0, NULL);
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
	fleet_log(f, LOG_LEVEL_INFO, "connected to %s:%d, replaying from seq %" PRIu64, f->cfg.host, f->cfg.port,
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
		fleet_log(f, LOG_LEVEL_WARN, "event %" PRIu64 " refused: %s", f->flight[i].seq,
		          f->mq->reason_string(reason));
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
	case FLEET_IN_BAD_ROUTINE:
		fleet_on_bad_routine(f, name, len);
		break;
	case FLEET_IN_MANIFEST:
		fleet_on_manifest(f, payload, len);
		break;
	case FLEET_IN_SETTINGS:
		fleet_on_settings(f, payload, len);
		break;
	case FLEET_IN_CMD: {
		fleet_msg_command c;
		char why[160];
		if (fleet_msg_command_parse(name, payload, len, &c, why, sizeof why)) {
			fleet_log(f, LOG_LEVEL_WARN, "command %s ignored: %s", name, why);
			break;
		}
		if (c.kind == FLEET_CMD_RESEND) {
			if (c.to_seq)
				fleet_log(f, LOG_LEVEL_INFO, "resend seq %" PRIu64 "-%" PRIu64, c.from_seq, c.to_seq);
			else
				fleet_log(f, LOG_LEVEL_INFO, "resend from seq %" PRIu64, c.from_seq);
			fleet_resend_add(f, c.from_seq, c.to_seq);
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
		fleet_log(f, LOG_LEVEL_INFO, "disconnected (%s)", rc ? f->mq->strerror(rc) : "by us");
	f->connected = false;
}

/* ---- connection (network thread) ---- */

/* A connection fault: logged once per distinct reason, kept for the stats
 * and the status; `lasting` (TLS verification, refused credentials: no
 * retry fixes it soon) waits the longest backoff. "" clears it. */
static void fleet_conn_fault(fleet *f, const char *why, bool lasting)
{
	if (strcmp(why, f->conn_fault) != 0) {
		if (why[0])
			fleet_log(f, LOG_LEVEL_ERROR, "%s; retrying every %u s", why,
			          (unsigned)((lasting ? f->backoff_max_ms : f->backoff_ms) + 999) / 1000);
		snprintf(f->conn_fault, sizeof f->conn_fault, "%s", why);
		pthread_mutex_lock(&f->mu);
		snprintf(f->stats.fault, sizeof f->stats.fault, "%s", why);
		pthread_mutex_unlock(&f->mu);
	}
	if (lasting)
		f->backoff_ms = f->backoff_max_ms;
}

/* libmosquitto's own messages: keeps the TLS reasons it reports only here. */
static void fleet_on_log(struct mosquitto *m, void *user, int level, const char *str)
{
	(void)m;
	fleet *f = user;
	if (level != MOSQ_LOG_ERR || !str)
		return;
	if (strstr(str, "host name verification failed"))
		snprintf(f->ssl_err, sizeof f->ssl_err, "host name mismatch");
	else if (strstr(str, "OpenSSL Error") && !f->ssl_err[0]) {
		const char *r = strrchr(str, ':'); /* "...:SSL routines::certificate verify failed" */
		snprintf(f->ssl_err, sizeof f->ssl_err, "%s", r && r[1] ? r + 1 : str);
	}
}

/* The fault text for a failed TLS connection. */
static void fleet_tls_fault(fleet *f, char *out, size_t size)
{
	const char *e = f->ssl_err[0] ? f->ssl_err : "handshake failed";
	if (strcmp(e, "host name mismatch") == 0)
		snprintf(out, size, "broker TLS: host name mismatch (the certificate is not for %.60s)",
		         f->cfg.host);
	else if (strstr(e, "certificate verify failed") && f->cfg.ca_file[0])
		snprintf(out, size, "broker TLS: certificate verify failed (not signed by %.80s)",
		         f->cfg.ca_file);
	else if (strstr(e, "certificate verify failed"))
		snprintf(out, size, "broker TLS: certificate verify failed (no ca_file: the system's "
		                    "CAs do not trust it)");
	else
		snprintf(out, size, "broker TLS: %.120s", e);
}

static void fleet_drop(fleet *f, uint64_t now)
{
	if (f->mosq) {
		f->mq->destroy(f->mosq);
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
	f->mosq = f->mq->new(user, true, f);
	if (!f->mosq) {
		fleet_drop(f, now);
		return;
	}
	struct mosquitto *m = f->mosq;
	f->mq->int_option(m, MOSQ_OPT_PROTOCOL_VERSION, MQTT_PROTOCOL_V5);
	f->mq->connect_v5_callback_set(m, fleet_on_connect);
	f->mq->publish_v5_callback_set(m, fleet_on_publish);
	f->mq->message_v5_callback_set(m, fleet_on_message);
	f->mq->disconnect_v5_callback_set(m, fleet_on_disconnect);
	f->mq->log_callback_set(m, fleet_on_log);
	f->ssl_err[0] = '\0';
	pthread_mutex_lock(&f->mu);
	f->stats.attempts++;
	pthread_mutex_unlock(&f->mu);
	mosquitto_property *will = NULL, *conn = NULL;
	int rc = MOSQ_ERR_SUCCESS;
	if (f->cfg.will_delay_s > 0)
		rc = f->mq->property_add_int32(&will, MQTT_PROP_WILL_DELAY_INTERVAL,
		                               (uint32_t)f->cfg.will_delay_s);
	if (!rc)
		rc = f->mq->will_set_v5(m, f->t_avail, 7, "offline", 1, true, will);
	if (rc) {
		f->mq->property_free_all(&will);
		fleet_log(f, LOG_LEVEL_ERROR, "cannot set the last will: %s", f->mq->strerror(rc));
	}
	f->mq->username_pw_set(m, user, f->password[0] ? f->password : NULL);
	if (f->cfg.tls) {
		rc = f->mq->tls_set(m, f->cfg.ca_file[0] ? f->cfg.ca_file : NULL,
		                    f->cfg.ca_file[0] ? NULL : "/etc/ssl/certs",
		                    f->cfg.cert_file[0] ? f->cfg.cert_file : NULL,
		                    f->cfg.key_file[0] ? f->cfg.key_file : NULL, NULL);
		if (rc)
			fleet_log(f, LOG_LEVEL_ERROR, "TLS setup: %s", f->mq->strerror(rc));
	}
	/* The session must outlive the connection by the will delay, or the
	 * broker sends the will at once (MQTT v5 3.1.3.2.2). */
	f->mq->property_add_int32(&conn, MQTT_PROP_SESSION_EXPIRY_INTERVAL,
	                          (uint32_t)f->cfg.will_delay_s);
	rc = f->mq->connect_bind_v5(m, f->cfg.host, f->cfg.port, f->cfg.keepalive_s, NULL, conn);
	f->mq->property_free_all(&conn);
	if (rc == MOSQ_ERR_TLS) {
		char why[160];
		fleet_tls_fault(f, why, sizeof why);
		fleet_conn_fault(f, why, true);
		fleet_drop(f, now);
	} else if (rc != MOSQ_ERR_SUCCESS) {
		pthread_mutex_lock(&f->mu);
		bool first = f->stats.connects == 0 && f->backoff_ms == f->backoff_min_ms;
		pthread_mutex_unlock(&f->mu);
		if (first)
			fleet_log(f, LOG_LEVEL_WARN, "cannot reach %s:%d (%s); retrying in the background", f->cfg.host,
			          f->cfg.port, rc == MOSQ_ERR_ERRNO ? strerror(errno) : f->mq->strerror(rc));
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
	if (f->mq->publish_v5(f->mosq, &mid, f->t_avail, 7, "offline", 1, true, NULL) == 0) {
		/* wait (at most ~1 s) for its PUBACK: track it as a pseudo event */
		f->flight[0] = (fleet_flight){ mid, 0, false };
		f->nflight = 1;
		uint64_t end = fleet_now_ms() + 1000;
		while (f->nflight == 1 && !f->flight[0].acked && fleet_now_ms() < end && f->connected) {
			struct pollfd p = { f->mq->socket(f->mosq), POLLIN, 0 };
			if (f->mq->want_write(f->mosq))
				p.events |= POLLOUT;
			poll(&p, 1, 50);
			if (f->mq->loop_write(f->mosq, 1) || f->mq->loop_read(f->mosq, 1))
				break;
		}
	}
	f->mq->disconnect_v5(f->mosq, MQTT_RC_NORMAL_DISCONNECTION, NULL);
	f->mq->loop_write(f->mosq, 1);
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
		int sock = f->mosq ? f->mq->socket(f->mosq) : -1;
		if (sock >= 0) {
			p[1].fd = sock;
			p[1].events = POLLIN | (f->mq->want_write(f->mosq) ? POLLOUT : 0);
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
			rc = f->mq->loop_read(f->mosq, 16);
		if (!rc && f->mq->want_write(f->mosq))
			rc = f->mq->loop_write(f->mosq, 16);
		if (!rc)
			rc = f->mq->loop_misc(f->mosq);
		if (rc || f->mq->socket(f->mosq) < 0) {
			if (!f->connected && (rc == MOSQ_ERR_TLS || f->ssl_err[0])) {
				char why[160];
				fleet_tls_fault(f, why, sizeof why); /* the handshake ended in the loop */
				fleet_conn_fault(f, why, true);
			}
			if (f->connected)
				fleet_log(f, LOG_LEVEL_WARN, "connection lost (%s)", f->mq->strerror(rc));
			fleet_drop(f, now);
		}
	}
	fleet_goodbye(f);
	fleet_ack_write(f);
	if (f->mosq)
		f->mq->destroy(f->mosq);
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

/* The user name and password (password_file wins) and the TLS files, for
 * fleet_new. 0, or -1 with a message in err. */
static int fleet_credentials(fleet *f, char *err, size_t errsize)
{
	snprintf(f->default_user, sizeof f->default_user, "%s/%s", f->cfg.site, f->cfg.station);
	snprintf(f->password, sizeof f->password, "%s", f->cfg.password);
	if (f->cfg.password_file[0]) {
		size_t len;
		char *pw = paths_read_file(f->cfg.password_file, 4096, &len);
		if (!pw) {
			snprintf(err, errsize, "%s: %s", f->cfg.password_file, strerror(errno));
			return -1;
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
				return -1;
			}
	}
	return 0;
}

fleet *fleet_new(const fleet_options *o, char *err, size_t errsize)
{
	pthread_once(&fleet_lib_once, fleet_lib_init);
	if (!fleet_lib) {
		snprintf(err, errsize, "%s", fleet_lib_err);
		return NULL;
	}
	fleet *f = calloc(1, sizeof *f);
	if (!f) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	f->mq = fleet_lib;
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
	if (fleet_credentials(f, err, errsize))
		goto fail;
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
		fleet_log(f, LOG_LEVEL_WARN, "the network thread is still connecting; leaving it behind");
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

bool fleet_settings(fleet *f, fleet_msg_settings *out)
{
	pthread_mutex_lock(&f->mu);
	*out = f->ui_settings;
	bool have = f->ui_have_settings;
	pthread_mutex_unlock(&f->mu);
	return have;
}

void fleet_get_stats(fleet *f, fleet_stats *out)
{
	pthread_mutex_lock(&f->mu);
	*out = f->stats;
	pthread_mutex_unlock(&f->mu);
}
