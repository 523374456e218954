/* gpio_v2: the gpio.h backend for libgpiod 2.x (Raspberry Pi OS trixie,
 * Debian 13). Same behaviour as gpio_v1.c: the kernel applies active_low and
 * bias, stamps each edge (CLOCK_MONOTONIC, asked for explicitly), and queues
 * the edges on the request's fd until we read them. Kernel debounce (new in
 * the v2 uAPI) is deliberately not used: debounce stays in the recogniser so
 * every pedal path behaves the same. */
#include "io/gpio.h"

#include <errno.h>
#include <fcntl.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EDGE_BATCH 16

struct gpio_pedal {
	struct gpiod_line_request *req;     /* one line, both-edge events */
	struct gpiod_edge_event_buffer *buf; /* EDGE_BATCH events */
	unsigned int offset;
	int fd;                             /* the request's event fd, O_NONBLOCK */
	char where[96];                     /* "gpiochip0 line 17 (GPIO17)" */
};

/* The chip's label ("pinctrl-bcm2711"), copied to out; "" when unreadable. */
static void chip_label(struct gpiod_chip *chip, char *out, size_t size)
{
	struct gpiod_chip_info *info = gpiod_chip_get_info(chip);
	out[0] = '\0';
	if (info) {
		gpio_str_copy(out, size, gpiod_chip_info_get_label(info));
		gpiod_chip_info_free(info);
	}
}

static size_t chip_num_lines(struct gpiod_chip *chip)
{
	struct gpiod_chip_info *info = gpiod_chip_get_info(chip);
	size_t n = info ? gpiod_chip_info_get_num_lines(info) : 0;
	gpiod_chip_info_free(info);
	return n;
}

/* gpio_label_fn for gpio_candidate_chips: the label of the chip at path. */
static int chip_label_of(const char *path, char *out, size_t size)
{
	struct gpiod_chip *c = gpiod_chip_open(path);
	if (!c)
		return -1;
	chip_label(c, out, size);
	gpiod_chip_close(c);
	return 0;
}

static void *chip_open(const char *path)
{
	return gpiod_chip_open(path);
}

static void chip_close(void *chip)
{
	gpiod_chip_close(chip);
}

static size_t chip_lines(void *chip)
{
	return chip_num_lines(chip);
}

static int chip_find(void *chip, const char *name)
{
	return gpiod_chip_get_line_offset_from_name(chip, name);
}

/* How gpio_find_line searches chips with libgpiod 2.x. */
static const gpio_chip_ops chip_ops = { chip_open, chip_close, chip_lines, chip_find, chip_label_of };

static enum gpiod_line_bias line_bias(config_bias bias)
{
	switch (bias) {
	case CONFIG_BIAS_PULL_UP:
		return GPIOD_LINE_BIAS_PULL_UP;
	case CONFIG_BIAS_PULL_DOWN:
		return GPIOD_LINE_BIAS_PULL_DOWN;
	case CONFIG_BIAS_DISABLED:
		return GPIOD_LINE_BIAS_DISABLED;
	case CONFIG_BIAS_AS_IS:
	default:
		return GPIOD_LINE_BIAS_AS_IS;
	}
}

/* Requests `offset` on chip as an input with both-edge events. NULL with
 * errno set on failure. */
static struct gpiod_line_request *request_line(struct gpiod_chip *chip, unsigned int offset,
                                               const config_pedal *cfg, const char *consumer)
{
	struct gpiod_line_settings *ls = gpiod_line_settings_new();
	struct gpiod_line_config *lc = gpiod_line_config_new();
	struct gpiod_request_config *rc = gpiod_request_config_new();
	struct gpiod_line_request *req = NULL;
	int e = ENOMEM;

	if (!ls || !lc || !rc)
		goto out;
	if (gpiod_line_settings_set_direction(ls, GPIOD_LINE_DIRECTION_INPUT) < 0 ||
	    gpiod_line_settings_set_edge_detection(ls, GPIOD_LINE_EDGE_BOTH) < 0 ||
	    gpiod_line_settings_set_bias(ls, line_bias(cfg->bias)) < 0 ||
	    gpiod_line_settings_set_event_clock(ls, GPIOD_LINE_CLOCK_MONOTONIC) < 0) {
		e = errno;
		goto out;
	}
	gpiod_line_settings_set_active_low(ls, cfg->active_low);
	if (gpiod_line_config_add_line_settings(lc, &offset, 1, ls) < 0) {
		e = errno;
		goto out;
	}
	gpiod_request_config_set_consumer(rc, consumer);
	req = gpiod_chip_request_lines(chip, rc, lc);
	e = errno;
out:
	gpiod_request_config_free(rc);
	gpiod_line_config_free(lc);
	gpiod_line_settings_free(ls);
	errno = e;
	return req;
}

/* Who holds the line (for the BUSY message), copied to out; "" if unknown. */
static void line_consumer(struct gpiod_chip *chip, unsigned int offset, char *out, size_t size)
{
	struct gpiod_line_info *info = gpiod_chip_get_line_info(chip, offset);
	out[0] = '\0';
	if (info) {
		const char *who = gpiod_line_info_get_consumer(info);
		if (who)
			gpio_str_copy(out, size, who);
		gpiod_line_info_free(info);
	}
}

/* "gpiochip0 line 17 (GPIO17)" (the name only when the line has one). It
 * starts with the chip's device name in /dev, as gpio_chip_id_of() expects. */
static void describe_line(struct gpiod_chip *chip, const char *path, unsigned int offset,
                          char *out, size_t size)
{
	struct gpiod_chip_info *ci = gpiod_chip_get_info(chip);
	struct gpiod_line_info *info = gpiod_chip_get_line_info(chip, offset);
	const char *name = info ? gpiod_line_info_get_name(info) : NULL;
	char num[24];
	snprintf(num, sizeof num, " line %u", offset);
	gpio_str_copy(out, size, ci ? gpiod_chip_info_get_name(ci) : gpio_chip_base(path));
	gpiod_chip_info_free(ci);
	gpio_str_append(out, size, num);
	if (name) {
		gpio_str_append(out, size, " (");
		gpio_str_append(out, size, name);
		gpio_str_append(out, size, ")");
	}
	gpiod_line_info_free(info);
}

gpio_pedal *gpio_open(const config_pedal *cfg, const char *consumer, gpio_error *code,
                      char *err, size_t errsize)
{
	char what[96], detail[192] = "", chip_path[GPIO_CHIP_PATH_MAX] = "";
	gpio_error ec = GPIO_ERR_OTHER;
	struct gpiod_chip *chip = NULL;
	struct gpiod_line_request *req = NULL;
	gpio_pedal *p = NULL;
	unsigned int offset = 0;

	if (err && errsize)
		err[0] = '\0';
	if (!cfg || !cfg->gpio || (!cfg->line[0] && cfg->offset < 0)) {
		ec = GPIO_ERR_CONFIG;
		gpio_format_error(ec, NULL, NULL, err, errsize);
		goto fail;
	}
	gpio_describe_config(cfg, what, sizeof what);
	chip = gpio_find_line(cfg, &chip_ops, what, &offset, chip_path, sizeof chip_path, &ec,
	                      err, errsize);
	if (!chip)
		goto fail;

	req = request_line(chip, offset, cfg, consumer ? consumer : GPIO_CONSUMER);
	if (!req) {
		int e = errno;
		if (e == EBUSY) {
			ec = GPIO_ERR_BUSY;
			line_consumer(chip, offset, detail, sizeof detail);
		} else if (e == EACCES || e == EPERM) {
			ec = GPIO_ERR_PERM;
			gpio_str_copy(detail, sizeof detail, chip_path);
		} else {
			ec = GPIO_ERR_OTHER;
			snprintf(detail, sizeof detail, "request failed: %s", strerror(e));
		}
		gpio_format_error(ec, what, detail, err, errsize);
		goto fail;
	}

	p = calloc(1, sizeof *p);
	struct gpiod_edge_event_buffer *buf = p ? gpiod_edge_event_buffer_new(EDGE_BATCH) : NULL;
	if (!buf) {
		free(p);
		p = NULL;
		ec = GPIO_ERR_OTHER;
		gpio_format_error(ec, what, strerror(ENOMEM), err, errsize);
		goto fail;
	}
	p->req = req;
	p->buf = buf;
	p->offset = offset;
	p->fd = gpiod_line_request_get_fd(req);
	/* read_edge_events blocks on an empty queue; O_NONBLOCK makes it EAGAIN */
	int fl = fcntl(p->fd, F_GETFL);
	if (fl >= 0)
		fcntl(p->fd, F_SETFL, fl | O_NONBLOCK);
	describe_line(chip, chip_path, offset, p->where, sizeof p->where);
	/* the request keeps its own fd: the chip handle is no longer needed */
	gpiod_chip_close(chip);
	if (code)
		*code = GPIO_OK;
	return p;

fail:
	if (req)
		gpiod_line_request_release(req);
	if (chip)
		gpiod_chip_close(chip);
	if (code)
		*code = ec;
	return NULL;
}

void gpio_close(gpio_pedal *p)
{
	if (!p)
		return;
	gpiod_line_request_release(p->req);
	gpiod_edge_event_buffer_free(p->buf);
	free(p);
}

int gpio_fd(const gpio_pedal *p)
{
	return p ? p->fd : -1;
}

int gpio_read_edges(gpio_pedal *p, gpio_edge *out, size_t max, char *err, size_t errsize)
{
	size_t count = 0;
	while (count < max) {
		size_t want = max - count < EDGE_BATCH ? max - count : EDGE_BATCH;
		int n = gpiod_line_request_read_edge_events(p->req, p->buf, want);
		if (n < 0) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			char why[128];
			snprintf(why, sizeof why, "reading edges failed: %s (chip unplugged?)",
			         strerror(errno));
			gpio_format_error(GPIO_ERR_OTHER, p->where, why, err, errsize);
			return -1;
		}
		for (int i = 0; i < n; i++) {
			struct gpiod_edge_event *ev =
				gpiod_edge_event_buffer_get_event(p->buf, (unsigned long)i);
			out[count].down =
				gpiod_edge_event_get_event_type(ev) == GPIOD_EDGE_EVENT_RISING_EDGE;
			out[count].ts_ns = gpiod_edge_event_get_timestamp_ns(ev);
			count++;
		}
		if ((size_t)n < want)
			break;
	}
	return (int)count;
}

int gpio_get_level(gpio_pedal *p)
{
	if (!p)
		return -1;
	enum gpiod_line_value v = gpiod_line_request_get_value(p->req, p->offset);
	return v == GPIOD_LINE_VALUE_ERROR ? -1 : v == GPIOD_LINE_VALUE_ACTIVE;
}

const char *gpio_describe(const gpio_pedal *p)
{
	return p ? p->where : "";
}

const char *gpio_backend_name(void)
{
	static char name[48];
	if (!name[0])
		snprintf(name, sizeof name, "libgpiod %s", gpiod_api_version());
	return name;
}
