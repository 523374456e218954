/* gpio: what every libgpiod backend shares: chip listing, the user-facing
 * error messages, and the kernel-timestamp to app-clock conversion. */
#include "io/gpio.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/clock.h"

/* The number after "gpiochip", or -1 when the name is not gpiochipN. */
static long chip_number(const char *name)
{
	if (strncmp(name, "gpiochip", 8) != 0 || name[8] < '0' || name[8] > '9')
		return -1;
	char *end;
	long n = strtol(name + 8, &end, 10);
	return *end == '\0' ? n : -1;
}

static int chip_filter(const struct dirent *d)
{
	return chip_number(d->d_name) >= 0;
}

/* Numeric order, so gpiochip10 comes after gpiochip2. */
static int chip_compare(const struct dirent **a, const struct dirent **b)
{
	long na = chip_number((*a)->d_name), nb = chip_number((*b)->d_name);
	return (na > nb) - (na < nb);
}

size_t gpio_list_chips(const char *dir, char paths[][GPIO_CHIP_PATH_MAX], size_t max)
{
	struct dirent **list = NULL;
	if (!dir)
		dir = "/dev";
	int n = scandir(dir, &list, chip_filter, chip_compare);
	if (n < 0)
		return 0;
	size_t count = 0;
	for (int i = 0; i < n; i++) {
		if (count < max) {
			int w = snprintf(paths[count], GPIO_CHIP_PATH_MAX, "%s/%s", dir, list[i]->d_name);
			if (w > 0 && w < GPIO_CHIP_PATH_MAX)
				count++;
		}
		free(list[i]);
	}
	free(list);
	return count;
}

#define STILL_WORKS "foot switch disabled, keyboard and touch still work"

void gpio_format_error(gpio_error code, const char *what, const char *detail, char *err,
                       size_t errsize)
{
	if (!err || errsize == 0)
		return;
	if (!what)
		what = "the foot switch line";
	switch (code) {
	case GPIO_OK:
		err[0] = '\0';
		break;
	case GPIO_ERR_NO_CHIP:
		if (detail && *detail)
			snprintf(err, errsize, "GPIO chip %s: " STILL_WORKS, detail);
		else
			snprintf(err, errsize, "no GPIO chip found (/dev/gpiochip*): " STILL_WORKS);
		break;
	case GPIO_ERR_NO_LINE:
		snprintf(err, errsize, "no GPIO %s%s%s%s: " STILL_WORKS, what,
		         detail && *detail ? " (" : "", detail && *detail ? detail : "",
		         detail && *detail ? ")" : "");
		break;
	case GPIO_ERR_BUSY:
		snprintf(err, errsize,
		         "GPIO %s is busy: used by \"%s\" (free it, e.g. remove its gpio-key overlay, "
		         "or configure another line): " STILL_WORKS,
		         what, detail && *detail ? detail : "another program");
		break;
	case GPIO_ERR_PERM:
		snprintf(err, errsize,
		         "permission denied on %s: add the user to the `gpio` group "
		         "(sudo usermod -aG gpio $USER, then log in again): " STILL_WORKS,
		         detail && *detail ? detail : "the GPIO chip");
		break;
	case GPIO_ERR_CONFIG:
		snprintf(err, errsize, "no GPIO line configured for this pedal");
		break;
	case GPIO_ERR_OTHER:
	default:
		snprintf(err, errsize, "GPIO %s: %s: " STILL_WORKS, what,
		         detail && *detail ? detail : "unknown error");
		break;
	}
}

void gpio_describe_config(const config_pedal *cfg, char *out, size_t size)
{
	if (!out || size == 0)
		return;
	if (!cfg || !cfg->gpio)
		snprintf(out, size, "(no line)");
	else if (cfg->line[0] && cfg->chip[0])
		snprintf(out, size, "line \"%s\" on %s", cfg->line, cfg->chip);
	else if (cfg->line[0])
		snprintf(out, size, "line \"%s\"", cfg->line);
	else
		snprintf(out, size, "%s line %d", cfg->chip[0] ? cfg->chip : "gpiochip0", cfg->offset);
}

uint64_t gpio_ts_to_ms(uint64_t ts_ns, uint64_t mono_ns, uint64_t real_ns)
{
	uint64_t d_mono = ts_ns > mono_ns ? ts_ns - mono_ns : mono_ns - ts_ns;
	uint64_t d_real = ts_ns > real_ns ? ts_ns - real_ns : real_ns - ts_ns;
	if (d_real < d_mono && real_ns > mono_ns) {
		uint64_t shift = real_ns - mono_ns;
		ts_ns = ts_ns > shift ? ts_ns - shift : 0;
	}
	return ts_ns / 1000000u;
}

void gpio_chip_id_of(const gpio_pedal *p, gpio_chip_id *id)
{
	const char *where = gpio_describe(p);
	size_t n = strcspn(where, " ");
	struct stat st;
	memset(id, 0, sizeof *id);
	if (n == 0 || n + 6 > sizeof id->path)
		return;
	memcpy(id->path, "/dev/", 5);
	memcpy(id->path + 5, where, n);
	id->path[5 + n] = '\0';
	if (stat(id->path, &st) != 0 || !S_ISCHR(st.st_mode)) {
		id->path[0] = '\0';
		return;
	}
	id->dev = (uint64_t)st.st_rdev;
	id->ino = (uint64_t)st.st_ino;
}

bool gpio_chip_gone(const gpio_chip_id *id)
{
	struct stat st;
	if (!id->path[0])
		return false;
	if (stat(id->path, &st) != 0)
		return true;
	return (uint64_t)st.st_rdev != id->dev || (uint64_t)st.st_ino != id->ino;
}

uint64_t gpio_ts_now_to_ms(uint64_t ts_ns)
{
	return gpio_ts_to_ms(ts_ns, clock_now_ns(), clock_wall_ns());
}

uint64_t gpio_clock_ms(void)
{
	return clock_now_ms();
}

/* See gpio.h. */
void gpio_str_copy(char *dst, size_t size, const char *src)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

void gpio_str_append(char *dst, size_t size, const char *src)
{
	size_t len = strnlen(dst, size);
	if (len < size)
		gpio_str_copy(dst + len, size - len, src);
}

const char *gpio_chip_base(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* See gpio.h. */
size_t gpio_candidate_chips(const config_pedal *cfg, char chips[][GPIO_CHIP_PATH_MAX],
                            gpio_label_fn label_of, char *err, size_t errsize)
{
	char all[GPIO_MAX_CHIPS][GPIO_CHIP_PATH_MAX];
	size_t nall = gpio_list_chips(NULL, all, GPIO_MAX_CHIPS);
	/* an offset without a chip means the first chip, not "any chip that has it" */
	const char *want = cfg->chip[0] || cfg->line[0] ? cfg->chip : "gpiochip0";

	if (!want[0]) {
		if (nall == 0)
			gpio_format_error(GPIO_ERR_NO_CHIP, NULL, NULL, err, errsize);
		memcpy(chips, all, nall * sizeof all[0]);
		return nall;
	}
	/* "/dev/gpiochip0", "gpiochip0", "0": a device; anything else: a chip label */
	char path[GPIO_CHIP_PATH_MAX];
	const char *p = want;
	while (*p >= '0' && *p <= '9')
		p++;
	if (want[0] == '/')
		snprintf(path, sizeof path, "%s", want);
	else if (*p == '\0')
		snprintf(path, sizeof path, "/dev/gpiochip%s", want);
	else if (strncmp(want, "gpiochip", 8) == 0)
		snprintf(path, sizeof path, "/dev/%s", want);
	else
		path[0] = '\0';
	if (path[0]) {
		if (access(path, F_OK) == 0) {
			snprintf(chips[0], GPIO_CHIP_PATH_MAX, "%s", path);
			return 1;
		}
	} else {
		for (size_t i = 0; i < nall; i++) {
			char label[64];
			if (label_of(all[i], label, sizeof label) == 0 && strcmp(label, want) == 0) {
				gpio_str_copy(chips[0], GPIO_CHIP_PATH_MAX, all[i]);
				return 1;
			}
		}
	}
	char detail[160] = "\"";
	gpio_str_append(detail, sizeof detail, want);
	gpio_str_append(detail, sizeof detail, "\" not found (");
	if (nall == 0)
		gpio_str_append(detail, sizeof detail, "there is no /dev/gpiochip* at all");
	for (size_t i = 0; i < nall; i++) {
		gpio_str_append(detail, sizeof detail, i ? ", " : "have ");
		gpio_str_append(detail, sizeof detail, gpio_chip_base(all[i]));
	}
	gpio_str_append(detail, sizeof detail, ")");
	gpio_format_error(GPIO_ERR_NO_CHIP, NULL, detail, err, errsize);
	return 0;
}

/* See gpio.h. */
void *gpio_find_line(const config_pedal *cfg, const gpio_chip_ops *ops, const char *what,
                     unsigned *offset, char *chip_path, size_t pathsize, gpio_error *ec,
                     char *err, size_t errsize)
{
	char chips[GPIO_MAX_CHIPS][GPIO_CHIP_PATH_MAX];
	char detail[192] = "", perm_path[GPIO_CHIP_PATH_MAX] = "";
	size_t nchips = gpio_candidate_chips(cfg, chips, ops->label, err, errsize);
	if (nchips == 0) {
		*ec = GPIO_ERR_NO_CHIP;
		return NULL;
	}
	gpio_str_copy(detail, sizeof detail, "searched ");
	for (size_t i = 0; i < nchips; i++) {
		void *chip = ops->open(chips[i]);
		if (!chip) {
			int e = errno;
			if (e == EACCES || e == EPERM) {
				gpio_str_copy(perm_path, sizeof perm_path, chips[i]);
			} else if (nchips == 1) {
				*ec = e == ENOENT ? GPIO_ERR_NO_CHIP : GPIO_ERR_OTHER;
				gpio_str_copy(detail, sizeof detail, *ec == GPIO_ERR_NO_CHIP ? "\"" : "");
				gpio_str_append(detail, sizeof detail, chips[i]);
				gpio_str_append(detail, sizeof detail,
				                *ec == GPIO_ERR_NO_CHIP ? "\" not found" : ": ");
				if (*ec != GPIO_ERR_NO_CHIP)
					gpio_str_append(detail, sizeof detail,
					                e == ENOTTY || e == ENODEV ? "not a GPIO chip" : strerror(e));
				gpio_format_error(*ec, what, detail, err, errsize);
				return NULL;
			}
			continue;
		}
		if (strcmp(detail, "searched ") != 0)
			gpio_str_append(detail, sizeof detail, ", ");
		gpio_str_append(detail, sizeof detail, gpio_chip_base(chips[i]));
		size_t nlines = ops->num_lines(chip);
		int off = -1;
		if (cfg->line[0]) {
			off = ops->find(chip, cfg->line);
		} else if ((size_t)cfg->offset < nlines) {
			off = cfg->offset;
		} else {
			char count[48];
			snprintf(count, sizeof count, " has %zu lines, 0-%zu", nlines, nlines ? nlines - 1 : 0);
			gpio_str_copy(detail, sizeof detail, gpio_chip_base(chips[i]));
			gpio_str_append(detail, sizeof detail, count);
		}
		if (off >= 0) {
			*offset = (unsigned)off;
			gpio_str_copy(chip_path, pathsize, chips[i]);
			return chip;
		}
		ops->close(chip);
	}
	if (perm_path[0]) {
		*ec = GPIO_ERR_PERM;
		gpio_format_error(*ec, what, perm_path, err, errsize);
	} else {
		*ec = GPIO_ERR_NO_LINE;
		if (cfg->line[0])
			gpio_str_append(detail, sizeof detail, "; names are case-sensitive, `gpioinfo` lists them");
		gpio_format_error(*ec, what, detail, err, errsize);
	}
	return NULL;
}
