/* footswitch: a thread that waits on the pedals' GPIO fds and hands their
 * kernel-timestamped edges to the main loop through a locked queue, waking it
 * through the caller's callback. */
#include "io/footswitch.h"
#include "io/evdev.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "io/clock.h"
#include "io/log.h"

#define READ_BATCH 64

typedef struct {
	bool configured;     /* cfg has a GPIO line */
	config_pedal cfg;    /* copy of the configuration */
	void *h;             /* backend handle when open (thread-owned after start) */
	uint64_t retry_at;   /* clock_now_ms() of the next open attempt when !h,
	                        or of the next "is the chip still there" check */
	footswitch_status st; /* under fs->lock */
} pedal_slot;

struct footswitch {
	footswitch_backend be;   /* copy of the backend table */
	pthread_mutex_t lock;    /* guards q*, dropped, notified, pedals[].st */
	pthread_t thread;
	bool thread_started;
	int wake[2];             /* write a byte to wake[1] to stop the thread */
	footswitch_wake_fn wake_fn; /* tells the main loop that something is pending, or NULL */
	void *wake_user;         /* its argument */
	footswitch_edge q[FOOTSWITCH_QUEUE]; /* ring buffer of undrained edges */
	size_t qhead, qcount;
	uint64_t dropped;        /* edges lost to a full queue */
	bool notified;           /* a wake is in flight for the queued edges */
	pedal_slot pedals[GESTURE_MAX_INPUTS];
};

/* ---- the libgpiod backend, as a footswitch_backend ---- */

/* A GPIO line and the identity of its chip (to notice an unplug). */
typedef struct {
	gpio_pedal *line;
	gpio_chip_id chip;
} gpio_handle;

static void *gpio_be_open(void *ctx, int input, const config_pedal *cfg, char *err,
                          size_t errsize)
{
	(void)ctx;
	(void)input;
	gpio_handle *h = calloc(1, sizeof *h);
	if (!h) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	/* Test hook: UNKNOT_GPIO_BUSY=CONSUMER makes every line look held by
	 * CONSUMER, so the app's handling of a taken line is testable without a
	 * chip (a really busy line: tests/e2e/gpio_qemu.sh, with unknot-pedal). */
	const char *busy = getenv("UNKNOT_GPIO_BUSY");
	if (busy && *busy) {
		char what[96];
		gpio_describe_config(cfg, what, sizeof what);
		gpio_format_error(GPIO_ERR_BUSY, what, busy, err, errsize);
		free(h);
		return NULL;
	}
	h->line = gpio_open(cfg, GPIO_CONSUMER, NULL, err, errsize);
	if (!h->line) {
		free(h);
		return NULL;
	}
	gpio_chip_id_of(h->line, &h->chip);
	return h;
}

static void gpio_be_close(void *h)
{
	if (h) {
		gpio_close(((gpio_handle *)h)->line);
		free(h);
	}
}

static int gpio_be_fd(void *h)
{
	return gpio_fd(((gpio_handle *)h)->line);
}

static int gpio_be_read(void *h, gpio_edge *out, size_t max, char *err, size_t errsize)
{
	return gpio_read_edges(((gpio_handle *)h)->line, out, max, err, errsize);
}

static int gpio_be_level(void *h)
{
	return gpio_get_level(((gpio_handle *)h)->line);
}

static const char *gpio_be_describe(void *h)
{
	return gpio_describe(((gpio_handle *)h)->line);
}

static bool gpio_be_alive(void *h)
{
	return !gpio_chip_gone(&((gpio_handle *)h)->chip);
}

static const footswitch_backend gpio_backend = {
	.open = gpio_be_open,
	.close = gpio_be_close,
	.fd = gpio_be_fd,
	.read = gpio_be_read,
	.level = gpio_be_level,
	.describe = gpio_be_describe,
	.alive = gpio_be_alive,
};

const footswitch_backend *footswitch_gpio_backend(void)
{
	return &gpio_backend;
}

/* ---- queue and notification ---- */

/* Wakes the main loop: edges (code 0) or a status change (code 1) are pending. */
static void notify(footswitch *fs, int code)
{
	(void)code;
	if (fs->wake_fn)
		fs->wake_fn(fs->wake_user);
}

/* Queues edges (already sorted by time) and wakes the main loop once per
 * undrained batch, so a busy UI gets one event, not one per edge. */
static void queue_edges(footswitch *fs, const footswitch_edge *e, size_t n)
{
	bool wake = false;
	pthread_mutex_lock(&fs->lock);
	for (size_t i = 0; i < n; i++) {
		if (fs->qcount == FOOTSWITCH_QUEUE) {
			fs->qhead = (fs->qhead + 1) % FOOTSWITCH_QUEUE;
			fs->qcount--;
			fs->dropped++;
		}
		fs->q[(fs->qhead + fs->qcount) % FOOTSWITCH_QUEUE] = e[i];
		fs->qcount++;
		pedal_slot *s = &fs->pedals[e[i].input];
		s->st.down = e[i].down;
		if (!e[i].down)
			s->st.held_at_open = false;
	}
	if (n && !fs->notified) {
		fs->notified = true;
		wake = true;
	}
	pthread_mutex_unlock(&fs->lock);
	if (wake)
		notify(fs, 0);
}

size_t footswitch_drain(footswitch *fs, footswitch_edge *out, size_t max)
{
	if (!fs)
		return 0;
	pthread_mutex_lock(&fs->lock);
	size_t n = fs->qcount < max ? fs->qcount : max;
	for (size_t i = 0; i < n; i++)
		out[i] = fs->q[(fs->qhead + i) % FOOTSWITCH_QUEUE];
	fs->qhead = (fs->qhead + n) % FOOTSWITCH_QUEUE;
	fs->qcount -= n;
	if (fs->qcount == 0)
		fs->notified = false;
	pthread_mutex_unlock(&fs->lock);
	return n;
}

/* ---- opening, errors, retries ---- */

static unsigned retry_ms(const footswitch *fs)
{
	return fs->be.retry_ms ? fs->be.retry_ms : FOOTSWITCH_RETRY_MS;
}

/* Records an error for pedal i; logs it once (the same message on every retry
 * is not news). Returns true if it is a new message. */
static bool set_error(footswitch *fs, int i, const char *msg)
{
	pedal_slot *s = &fs->pedals[i];
	bool fresh;
	pthread_mutex_lock(&fs->lock);
	fresh = strcmp(s->st.error, msg) != 0;
	if (fresh) {
		snprintf(s->st.error, sizeof s->st.error, "%s", msg);
		s->st.error_seq++;
	}
	s->st.open = false;
	pthread_mutex_unlock(&fs->lock);
	if (fresh)
		log_warn("pedal %d: %s", i + 1, msg);
	return fresh;
}

/* Tries to open pedal i now. Returns true when it changed the status. */
static bool try_open(footswitch *fs, int i, uint64_t now)
{
	pedal_slot *s = &fs->pedals[i];
	char err[GPIO_ERR_MAX] = "";
	s->h = fs->be.open(fs->be.ctx, i, &s->cfg, err, sizeof err);
	if (!s->h) {
		s->retry_at = now + retry_ms(fs);
		return set_error(fs, i, err[0] ? err : "cannot open the foot switch line");
	}
	s->retry_at = now + retry_ms(fs); /* first liveness check */
	int level = fs->be.level ? fs->be.level(s->h) : -1;
	const char *where = fs->be.describe ? fs->be.describe(s->h) : NULL;
	pthread_mutex_lock(&fs->lock);
	bool had_error = s->st.error[0] != '\0';
	s->st.open = true;
	s->st.down = level == 1;
	s->st.held_at_open = level == 1;
	s->st.error[0] = '\0';
	if (had_error)
		s->st.error_seq++; /* the message went away: that is news too */
	if (where && *where)
		snprintf(s->st.where, sizeof s->st.where, "%s", where);
	pthread_mutex_unlock(&fs->lock);
	if (had_error)
		log_info("pedal %d: %s is working again", i + 1, s->st.where);
	return true;
}

/* The line stopped working (chip unplugged): close it, schedule a re-open,
 * and release the pedal if it was down so no hold is left hanging. */
static void lost_line(footswitch *fs, int i, const char *msg, uint64_t now)
{
	pedal_slot *s = &fs->pedals[i];
	fs->be.close(s->h);
	s->h = NULL;
	s->retry_at = now + retry_ms(fs);
	pthread_mutex_lock(&fs->lock);
	bool was_down = s->st.down;
	pthread_mutex_unlock(&fs->lock);
	if (was_down) {
		footswitch_edge up = { .input = i, .down = false, .ms = now };
		queue_edges(fs, &up, 1);
	}
	set_error(fs, i, msg);
}

/* Reads every pending edge of pedal i into batch (converted to app ms).
 * Returns how many were added, or -1 if the line failed (msg in err). */
static int read_pedal(footswitch *fs, int i, footswitch_edge *batch, size_t room, char *err,
                      size_t errsize)
{
	pedal_slot *s = &fs->pedals[i];
	gpio_edge raw[READ_BATCH];
	uint64_t mono_ns = clock_now_ns(), real_ns = clock_wall_ns();
	size_t added = 0;
	while (added < room) {
		size_t want = room - added < READ_BATCH ? room - added : READ_BATCH;
		int n = fs->be.read(s->h, raw, want, err, errsize);
		if (n < 0)
			return -1;
		for (int k = 0; k < n; k++) {
			batch[added].input = i;
			batch[added].down = raw[k].down;
			batch[added].ms = gpio_ts_to_ms(raw[k].ts_ns, mono_ns, real_ns);
			added++;
		}
		if ((size_t)n < want)
			break;
	}
	return (int)added;
}

/* Merges two pedals' edges by time (stable, so each pedal keeps its order). */
static void sort_batch(footswitch_edge *e, size_t n)
{
	for (size_t i = 1; i < n; i++) {
		footswitch_edge x = e[i];
		size_t j = i;
		while (j > 0 && e[j - 1].ms > x.ms) {
			e[j] = e[j - 1];
			j--;
		}
		e[j] = x;
	}
}

static void *thread_main(void *arg)
{
	footswitch *fs = arg;
	for (;;) {
		uint64_t now = clock_now_ms();
		struct pollfd pfd[1 + GESTURE_MAX_INPUTS];
		int who[1 + GESTURE_MAX_INPUTS];
		nfds_t nfd = 0;
		int timeout = -1;
		bool status_changed = false;

		pfd[nfd].fd = fs->wake[0];
		pfd[nfd].events = POLLIN;
		who[nfd++] = -1;
		for (int i = 0; i < GESTURE_MAX_INPUTS; i++) {
			pedal_slot *s = &fs->pedals[i];
			if (!s->configured)
				continue;
			if (s->h && fs->be.alive && now >= s->retry_at) {
				s->retry_at = now + retry_ms(fs);
				if (!fs->be.alive(s->h)) {
					char msg[GPIO_ERR_MAX];
					gpio_format_error(GPIO_ERR_OTHER, s->st.where,
					                  "its chip went away (unplugged?)", msg, sizeof msg);
					lost_line(fs, i, msg, now);
					status_changed = true;
				}
			}
			if (!s->h && now >= s->retry_at)
				status_changed |= try_open(fs, i, now);
			if (s->h) {
				pfd[nfd].fd = fs->be.fd(s->h);
				pfd[nfd].events = POLLIN;
				who[nfd++] = i;
			}
			if (!s->h || fs->be.alive) {
				uint64_t wait = s->retry_at > now ? s->retry_at - now : 0;
				if (timeout < 0 || wait < (uint64_t)timeout)
					timeout = (int)wait;
			}
		}
		if (status_changed)
			notify(fs, 1);

		int rv = poll(pfd, nfd, timeout);
		if (rv < 0 && errno != EINTR)
			break;
		if (rv <= 0)
			continue;
		if (pfd[0].revents)
			break; /* footswitch_free */

		footswitch_edge batch[FOOTSWITCH_QUEUE];
		size_t nb = 0;
		now = clock_now_ms();
		for (nfds_t k = 1; k < nfd; k++) {
			int i = who[k];
			if (!pfd[k].revents)
				continue;
			char err[GPIO_ERR_MAX] = "";
			int n = read_pedal(fs, i, batch + nb, FOOTSWITCH_QUEUE - nb, err, sizeof err);
			if (n > 0)
				nb += (size_t)n;
			/* POLLHUP/POLLERR with nothing left to read: the chip is gone */
			if (n < 0 || (n == 0 && (pfd[k].revents & (POLLERR | POLLHUP | POLLNVAL)))) {
				sort_batch(batch, nb);
				queue_edges(fs, batch, nb);
				nb = 0;
				lost_line(fs, i, err[0] ? err : "the foot switch line went away", now);
				notify(fs, 1);
			}
		}
		sort_batch(batch, nb);
		queue_edges(fs, batch, nb);
	}
	return NULL;
}

/* ---- lifetime ---- */

footswitch *footswitch_new(const config *cfg, const footswitch_backend *backend,
                           footswitch_wake_fn wake, void *user, char *err, size_t errsize)
{
	footswitch *fs = calloc(1, sizeof *fs);
	if (!fs) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	fs->be = backend ? *backend : *evdev_or_gpio_backend();
	fs->wake[0] = fs->wake[1] = -1;
	pthread_mutex_init(&fs->lock, NULL);

	fs->wake_fn = wake;
	fs->wake_user = user;

	bool any = false;
	size_t np = cfg ? cfg->npedals : 0;
	for (size_t i = 0; i < np && i < GESTURE_MAX_INPUTS; i++) {
		pedal_slot *s = &fs->pedals[i];
		s->cfg = cfg->pedals[i];
		/* a GPIO line, or a key pedal's input device (io/evdev.h) */
		s->configured = s->cfg.gpio || s->cfg.device[0];
		s->st.configured = s->configured;
		if (s->cfg.gpio)
			gpio_describe_config(&s->cfg, s->st.where, sizeof s->st.where);
		else
			snprintf(s->st.where, sizeof s->st.where, "%.95s", s->cfg.device);
		any |= s->configured;
	}
	if (!any)
		return fs;

	/* first attempt now, so the status (and any error) is there at start-up */
	uint64_t now = clock_now_ms();
	for (int i = 0; i < GESTURE_MAX_INPUTS; i++)
		if (fs->pedals[i].configured)
			try_open(fs, i, now);

	if (pipe(fs->wake) != 0) {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
		goto fail;
	}
	fcntl(fs->wake[0], F_SETFD, FD_CLOEXEC);
	fcntl(fs->wake[1], F_SETFD, FD_CLOEXEC);
	int rc = pthread_create(&fs->thread, NULL, thread_main, fs);
	if (rc != 0) {
		snprintf(err, errsize, "pthread_create: %s", strerror(rc));
		goto fail;
	}
	fs->thread_started = true;
	notify(fs, 1); /* the first status (often an error) is news for the UI */
	return fs;

fail:
	footswitch_free(fs);
	return NULL;
}

void footswitch_free(footswitch *fs)
{
	if (!fs)
		return;
	if (fs->thread_started) {
		char c = 'q';
		while (write(fs->wake[1], &c, 1) < 0 && errno == EINTR)
			;
		pthread_join(fs->thread, NULL);
	}
	for (int i = 0; i < GESTURE_MAX_INPUTS; i++)
		if (fs->pedals[i].h)
			fs->be.close(fs->pedals[i].h);
	if (fs->wake[0] >= 0)
		close(fs->wake[0]);
	if (fs->wake[1] >= 0)
		close(fs->wake[1]);
	pthread_mutex_destroy(&fs->lock);
	free(fs);
}

int footswitch_status_get(footswitch *fs, int input, footswitch_status *out)
{
	if (!fs || input < 0 || input >= GESTURE_MAX_INPUTS)
		return -1;
	pthread_mutex_lock(&fs->lock);
	*out = fs->pedals[input].st;
	pthread_mutex_unlock(&fs->lock);
	return 0;
}

uint64_t footswitch_dropped(footswitch *fs)
{
	if (!fs)
		return 0;
	pthread_mutex_lock(&fs->lock);
	uint64_t d = fs->dropped;
	pthread_mutex_unlock(&fs->lock);
	return d;
}
