/* fake_pedal: a footswitch_backend whose "GPIO lines" are pipes, for tests
 * and benchmarks. fake_pedal_edge() writes an edge with the kernel timestamp
 * of your choice; the footswitch thread reads it through the same code path
 * as a real line (poll on the fd, read, convert, queue, SDL event).
 * Header-only: include it from one .c file. */
#ifndef UNKNOT_FAKE_PEDAL_H
#define UNKNOT_FAKE_PEDAL_H

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "io/footswitch.h"

#define FAKE_PEDAL_UNPLUG UINT64_MAX /* ts_ns that makes the next read fail */

typedef struct {
	int rd, wr;            /* the "line": a pipe, -1 when closed */
	int opens, closes;     /* how often footswitch opened/closed it */
	int fail_opens;        /* fail this many opens before succeeding */
	char fail_msg[GPIO_ERR_MAX];
	int level;             /* what level() reports */
	bool gone;             /* the "chip" vanished without a word (alive() says so) */
} fake_line;

typedef struct {
	pthread_mutex_t lock;  /* the test thread writes while footswitch re-opens */
	fake_line line[GESTURE_MAX_INPUTS];
} fake_pedals;

static inline void *fake_pedal_open(void *ctx, int input, const config_pedal *cfg, char *err,
                             size_t errsize)
{
	fake_pedals *f = ctx;
	fake_line *l = &f->line[input];
	void *h = NULL;
	int p[2];
	(void)cfg;
	pthread_mutex_lock(&f->lock);
	if (l->gone) {
		snprintf(err, errsize, "GPIO chip \"fakechip\" not found");
	} else if (l->fail_opens > 0) {
		l->fail_opens--;
		snprintf(err, errsize, "%s", l->fail_msg);
	} else if (pipe(p) == 0) {
		fcntl(p[0], F_SETFL, O_NONBLOCK);
		l->rd = p[0];
		l->wr = p[1];
		l->opens++;
		h = l;
	} else {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
	}
	pthread_mutex_unlock(&f->lock);
	return h;
}

/* fake_line does not know its fake_pedals: close takes the lock through a
 * back pointer kept in a static (one fake_pedals per process is enough). */
static fake_pedals *fake_pedal_current;

static inline void fake_pedal_close(void *h)
{
	fake_line *l = h;
	pthread_mutex_lock(&fake_pedal_current->lock);
	close(l->rd);
	close(l->wr);
	l->rd = l->wr = -1;
	l->closes++;
	pthread_mutex_unlock(&fake_pedal_current->lock);
}

static inline int fake_pedal_fd(void *h)
{
	return ((fake_line *)h)->rd;
}

static inline int fake_pedal_read(void *h, gpio_edge *out, size_t max, char *err, size_t errsize)
{
	fake_line *l = h;
	ssize_t n = read(l->rd, out, max * sizeof *out);
	if (n < 0)
		return errno == EAGAIN ? 0 : -1;
	size_t count = (size_t)n / sizeof *out;
	for (size_t i = 0; i < count; i++) {
		if (out[i].ts_ns == FAKE_PEDAL_UNPLUG) {
			snprintf(err, errsize, "GPIO fake line: unplugged");
			return -1; /* like a real read: the edges before it are lost with it */
		}
	}
	return (int)count;
}

static inline int fake_pedal_level(void *h)
{
	return ((fake_line *)h)->level;
}

static inline bool fake_pedal_alive(void *h)
{
	fake_line *l = h;
	pthread_mutex_lock(&fake_pedal_current->lock);
	bool alive = !l->gone;
	pthread_mutex_unlock(&fake_pedal_current->lock);
	return alive;
}

/* The chip disappears (gone = true) or comes back, as a USB adapter would. */
static inline void fake_pedal_set_gone(fake_pedals *f, int input, bool gone)
{
	pthread_mutex_lock(&f->lock);
	f->line[input].gone = gone;
	pthread_mutex_unlock(&f->lock);
}

static inline const char *fake_pedal_describe(void *h)
{
	(void)h;
	return "fakechip line 0";
}

/* Sets up f and returns the backend table that uses it. */
static inline footswitch_backend fake_pedal_init(fake_pedals *f, unsigned retry_ms)
{
	memset(f, 0, sizeof *f);
	pthread_mutex_init(&f->lock, NULL);
	for (int i = 0; i < GESTURE_MAX_INPUTS; i++)
		f->line[i].rd = f->line[i].wr = -1;
	fake_pedal_current = f;
	footswitch_backend be = {
		.open = fake_pedal_open,
		.close = fake_pedal_close,
		.fd = fake_pedal_fd,
		.read = fake_pedal_read,
		.level = fake_pedal_level,
		.describe = fake_pedal_describe,
		.ctx = f,
		.retry_ms = retry_ms,
		.alive = fake_pedal_alive,
	};
	return be;
}

/* "The kernel saw an edge at ts_ns": returns 0, or -1 if the line is closed. */
static inline int fake_pedal_edge(fake_pedals *f, int input, bool down, uint64_t ts_ns)
{
	gpio_edge e;
	int rc = -1;
	memset(&e, 0, sizeof e);  /* the padding too: all of it goes through a pipe */
	e.down = down;
	e.ts_ns = ts_ns;
	pthread_mutex_lock(&f->lock);
	if (f->line[input].wr >= 0)
		rc = write(f->line[input].wr, &e, sizeof e) == (ssize_t)sizeof e ? 0 : -1;
	pthread_mutex_unlock(&f->lock);
	return rc;
}

static inline void fake_pedal_destroy(fake_pedals *f)
{
	pthread_mutex_destroy(&f->lock);
}

/* A config with GPIO pedals 0..n-1 (the fake ignores where the line is). */
static inline void fake_pedal_config(config *cfg, size_t n)
{
	memset(cfg, 0, sizeof *cfg);
	gesture_config_default(&cfg->gesture);
	cfg->npedals = n;
	for (size_t i = 0; i < n; i++) {
		cfg->pedals[i].gpio = true;
		snprintf(cfg->pedals[i].line, sizeof cfg->pedals[i].line, "GPIO%d", i ? 27 : 17);
		cfg->pedals[i].offset = -1;
		cfg->pedals[i].active_low = true;
	}
}

#endif
