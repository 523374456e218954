/* gpio_v1: the gpio.h backend for libgpiod 1.6 (Raspberry Pi OS bookworm,
 * Debian 12). The kernel applies active_low and bias, timestamps each edge,
 * and queues the edges on the request's fd until we read them. */
#include "io/gpio.h"

#include <errno.h>
#include <fcntl.h>
#include <gpiod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct gpio_pedal {
	struct gpiod_chip *chip; /* owns line */
	struct gpiod_line *line; /* requested for both-edge events */
	int fd;                  /* the request's event fd, O_NONBLOCK */
	char where[96];          /* "gpiochip0 line 17 (GPIO17)" */
};

/* gpio_label_fn for gpio_candidate_chips: the label of the chip at path. */
static int chip_label_of(const char *path, char *out, size_t size)
{
	struct gpiod_chip *c = gpiod_chip_open(path);
	if (!c)
		return -1;
	gpio_str_copy(out, size, gpiod_chip_label(c));
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
	return gpiod_chip_num_lines(chip);
}

static int chip_find(void *chip, const char *name)
{
	struct gpiod_line *line = gpiod_chip_find_line(chip, name);
	return line ? (int)gpiod_line_offset(line) : -1;
}

/* How gpio_find_line searches chips with libgpiod 1.6. */
static const gpio_chip_ops chip_ops = { chip_open, chip_close, chip_lines, chip_find, chip_label_of };

static int request_flags(const config_pedal *cfg)
{
	int flags = cfg->active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
	switch (cfg->bias) {
	case CONFIG_BIAS_PULL_UP:
		flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_UP;
		break;
	case CONFIG_BIAS_PULL_DOWN:
		flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_PULL_DOWN;
		break;
	case CONFIG_BIAS_DISABLED:
		flags |= GPIOD_LINE_REQUEST_FLAG_BIAS_DISABLE;
		break;
	case CONFIG_BIAS_AS_IS:
	default:
		break;
	}
	return flags;
}

gpio_pedal *gpio_open(const config_pedal *cfg, const char *consumer, gpio_error *code,
                      char *err, size_t errsize)
{
	char what[96], detail[192] = "";
	gpio_error ec = GPIO_ERR_OTHER;
	struct gpiod_chip *chip = NULL;
	struct gpiod_line *line = NULL;
	gpio_pedal *p = NULL;

	if (err && errsize)
		err[0] = '\0';
	if (!cfg || !cfg->gpio || (!cfg->line[0] && cfg->offset < 0)) {
		ec = GPIO_ERR_CONFIG;
		gpio_format_error(ec, NULL, NULL, err, errsize);
		goto fail;
	}
	gpio_describe_config(cfg, what, sizeof what);
	char chip_path[GPIO_CHIP_PATH_MAX];
	unsigned offset = 0;
	chip = gpio_find_line(cfg, &chip_ops, what, &offset, chip_path, sizeof chip_path, &ec,
	                      err, errsize);
	if (!chip)
		goto fail;
	line = gpiod_chip_get_line(chip, offset);
	if (!line) {
		ec = GPIO_ERR_OTHER;
		gpio_format_error(ec, what, strerror(errno), err, errsize);
		goto fail;
	}

	struct gpiod_line_request_config rc = {
		.consumer = consumer ? consumer : GPIO_CONSUMER,
		.request_type = GPIOD_LINE_REQUEST_EVENT_BOTH_EDGES,
		.flags = request_flags(cfg),
	};
	if (gpiod_line_request(line, &rc, 0) < 0) {
		int e = errno;
		if (e == EBUSY) {
			ec = GPIO_ERR_BUSY;
			gpiod_line_update(line);
			const char *who = gpiod_line_consumer(line);
			snprintf(detail, sizeof detail, "%s", who && *who ? who : "");
		} else if (e == EACCES || e == EPERM) {
			ec = GPIO_ERR_PERM;
			snprintf(detail, sizeof detail, "%s", gpiod_chip_name(chip));
		} else {
			ec = GPIO_ERR_OTHER;
			snprintf(detail, sizeof detail, "request failed: %s", strerror(e));
		}
		gpio_format_error(ec, what, detail, err, errsize);
		goto fail;
	}

	p = calloc(1, sizeof *p);
	if (!p) {
		ec = GPIO_ERR_OTHER;
		gpio_format_error(ec, what, strerror(ENOMEM), err, errsize);
		goto fail;
	}
	p->chip = chip;
	p->line = line;
	p->fd = gpiod_line_event_get_fd(line);
	int fl = fcntl(p->fd, F_GETFL);
	if (fl >= 0)
		fcntl(p->fd, F_SETFL, fl | O_NONBLOCK);
	const char *name = gpiod_line_name(line);
	snprintf(p->where, sizeof p->where, "%s line %u%s%s%s", gpiod_chip_name(chip),
	         gpiod_line_offset(line), name ? " (" : "", name ? name : "", name ? ")" : "");
	if (code)
		*code = GPIO_OK;
	return p;

fail:
	if (chip)
		gpiod_chip_close(chip); /* also releases a requested line */
	if (code)
		*code = ec;
	return NULL;
}

void gpio_close(gpio_pedal *p)
{
	if (!p)
		return;
	gpiod_line_release(p->line);
	gpiod_chip_close(p->chip);
	free(p);
}

int gpio_fd(const gpio_pedal *p)
{
	return p ? p->fd : -1;
}

int gpio_read_edges(gpio_pedal *p, gpio_edge *out, size_t max, char *err, size_t errsize)
{
	struct gpiod_line_event ev[16];
	size_t count = 0;
	while (count < max) {
		size_t want = max - count < 16 ? max - count : 16;
		int n = gpiod_line_event_read_fd_multiple(p->fd, ev, (unsigned)want);
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
			out[count].down = ev[i].event_type == GPIOD_LINE_EVENT_RISING_EDGE;
			out[count].ts_ns = (uint64_t)ev[i].ts.tv_sec * 1000000000u + (uint64_t)ev[i].ts.tv_nsec;
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
	int v = gpiod_line_get_value(p->line);
	return v < 0 ? -1 : v != 0;
}

const char *gpio_describe(const gpio_pedal *p)
{
	return p ? p->where : "";
}

const char *gpio_backend_name(void)
{
	static char name[48];
	if (!name[0])
		snprintf(name, sizeof name, "libgpiod %s", gpiod_version_string());
	return name;
}
