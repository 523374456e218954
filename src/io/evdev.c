/* evdev: a key pedal's /dev/input device, read with kernel timestamps. */
#include "io/evdev.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <linux/input.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/keyname.h"

typedef struct {
	int fd;
	int codes[CONFIG_MAX_KEYS]; /* the pedal's keys as Linux KEY_* codes */
	size_t ncodes;
	unsigned held;               /* bit k: codes[k] is down */
	bool device;                 /* a character device: it takes the evdev ioctls */
	char where[96];
} evdev_handle;

static int evdev_index(const evdev_handle *h, int code)
{
	for (size_t k = 0; k < h->ncodes; k++)
		if (h->codes[k] == code)
			return (int)k;
	return -1;
}

static void *evdev_open(void *ctx, int input, const config_pedal *cfg, char *err, size_t errsize)
{
	(void)ctx;
	(void)input;
	evdev_handle *h = calloc(1, sizeof *h);
	if (!h) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	for (size_t k = 0; k < cfg->nkeys && h->ncodes < CONFIG_MAX_KEYS; k++) {
		int c = keyname_linux_code(cfg->keys[k]);
		if (c >= 0)
			h->codes[h->ncodes++] = c;
	}
	snprintf(h->where, sizeof h->where, "%.95s", cfg->device);
	h->fd = open(cfg->device, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (h->fd < 0) {
		snprintf(err, errsize, "%s: %s; its keys come through SDL instead, timed by the frame loop%s",
		         cfg->device, strerror(errno),
		         errno == EACCES ? " (add the user to the \"input\" group)" : "");
		free(h);
		return NULL;
	}
	/* only an input device takes the ioctls below (the tests feed a FIFO) */
	struct stat st;
	h->device = fstat(h->fd, &st) == 0 && S_ISCHR(st.st_mode);
	/* kernel times on the app's clock (the default is CLOCK_REALTIME) */
	int clk = CLOCK_MONOTONIC;
	if (h->device)
		ioctl(h->fd, EVIOCSCLOCKID, &clk);
	/* its keys only here, not also on the screen; another program's grab
	 * can not be shared */
	if (h->device && ioctl(h->fd, EVIOCGRAB, (void *)1) < 0 && errno == EBUSY) {
		snprintf(err, errsize, "%s is grabbed by another program; its keys come through SDL instead",
		         cfg->device);
		close(h->fd);
		free(h);
		return NULL;
	}
	return h;
}

static void evdev_close(void *hv)
{
	evdev_handle *h = hv;
	if (!h)
		return;
	if (h->device)
		ioctl(h->fd, EVIOCGRAB, (void *)0);
	close(h->fd);
	free(h);
}

static int evdev_fd(void *hv)
{
	return ((evdev_handle *)hv)->fd;
}

/* Key events of the pedal's keys become edges: down when the first of them
 * goes down, up when the last comes up; repeats (value 2) are ignored. */
static int evdev_read(void *hv, gpio_edge *out, size_t max, char *err, size_t errsize)
{
	evdev_handle *h = hv;
	struct input_event ev[32];
	size_t n = 0;
	while (n < max) {
		size_t want = max - n < 32 ? max - n : 32;
		ssize_t r = read(h->fd, ev, want * sizeof ev[0]);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (r < 0) {
			snprintf(err, errsize, "%s: %s (unplugged?)", h->where, strerror(errno));
			return n ? (int)n : -1;
		}
		if (r == 0)
			break;
		size_t got = (size_t)r / sizeof ev[0];
		for (size_t k = 0; k < got; k++) {
			if (ev[k].type != EV_KEY || ev[k].value == 2)
				continue;
			int idx = evdev_index(h, ev[k].code);
			if (idx < 0)
				continue;
			unsigned before = h->held;
			if (ev[k].value)
				h->held |= 1u << idx;
			else
				h->held &= ~(1u << idx);
			if ((before != 0) == (h->held != 0))
				continue;
			out[n].down = h->held != 0;
			out[n].ts_ns = (uint64_t)ev[k].input_event_sec * 1000000000u +
			               (uint64_t)ev[k].input_event_usec * 1000u;
			n++;
		}
		if (got < want)
			break;
	}
	return (int)n;
}

/* Whether one of the pedal's keys is down now (EVIOCGKEY); -1 unknown. */
static int evdev_level(void *hv)
{
	evdev_handle *h = hv;
	unsigned char bits[KEY_MAX / 8 + 1];
	memset(bits, 0, sizeof bits);
	if (ioctl(h->fd, EVIOCGKEY(sizeof bits), bits) < 0)
		return -1;
	for (size_t k = 0; k < h->ncodes; k++)
		if (bits[h->codes[k] / 8] & (1u << (h->codes[k] % 8)))
			return 1;
	return 0;
}

static const char *evdev_describe(void *hv)
{
	return ((evdev_handle *)hv)->where;
}

static const footswitch_backend evdev_be = {
	.open = evdev_open,
	.close = evdev_close,
	.fd = evdev_fd,
	.read = evdev_read,
	.level = evdev_level,
	.describe = evdev_describe,
};

const footswitch_backend *evdev_backend(void)
{
	return &evdev_be;
}

/* ---- per pedal: GPIO or evdev ---- */

typedef struct {
	const footswitch_backend *be;
	void *h;
} either;

static void *either_open(void *ctx, int input, const config_pedal *cfg, char *err, size_t errsize)
{
	(void)ctx;
	either *e = calloc(1, sizeof *e);
	if (!e) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	e->be = cfg->gpio ? footswitch_gpio_backend() : &evdev_be;
	e->h = e->be->open(e->be->ctx, input, cfg, err, errsize);
	if (!e->h) {
		free(e);
		return NULL;
	}
	return e;
}

static void either_close(void *ev)
{
	either *e = ev;
	if (!e)
		return;
	e->be->close(e->h);
	free(e);
}

static int either_fd(void *ev) { either *e = ev; return e->be->fd(e->h); }

static int either_read(void *ev, gpio_edge *out, size_t max, char *err, size_t errsize)
{
	either *e = ev;
	return e->be->read(e->h, out, max, err, errsize);
}

static int either_level(void *ev) { either *e = ev; return e->be->level ? e->be->level(e->h) : -1; }

static const char *either_describe(void *ev)
{
	either *e = ev;
	return e->be->describe ? e->be->describe(e->h) : NULL;
}

static bool either_alive(void *ev)
{
	either *e = ev;
	return e->be->alive ? e->be->alive(e->h) : true;
}

static const footswitch_backend either_be = {
	.open = either_open,
	.close = either_close,
	.fd = either_fd,
	.read = either_read,
	.level = either_level,
	.describe = either_describe,
	.alive = either_alive,
};

const footswitch_backend *evdev_or_gpio_backend(void)
{
	return &either_be;
}
