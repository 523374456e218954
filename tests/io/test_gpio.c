/* Tests for the GPIO backend's configuration and error paths that need no
 * hardware: a machine without /dev/gpiochip* (CI, this laptop), a chip that
 * does not exist, a file that is not a chip, and the message for every error
 * (busy names the consumer, permission names the gpio group). The busy path
 * through a real kernel is in tests/e2e/gpio_qemu.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "io/gpio.h"

static bool have_chips(void)
{
	char chips[GPIO_MAX_CHIPS][GPIO_CHIP_PATH_MAX];
	return gpio_list_chips(NULL, chips, GPIO_MAX_CHIPS) > 0;
}

static config_pedal pedal_by_name(const char *name)
{
	config_pedal p;
	memset(&p, 0, sizeof p);
	p.gpio = true;
	snprintf(p.line, sizeof p.line, "%s", name);
	p.offset = -1;
	p.active_low = true;
	p.bias = CONFIG_BIAS_PULL_UP;
	return p;
}

static config_pedal pedal_by_offset(const char *chip, int offset)
{
	config_pedal p = pedal_by_name("");
	snprintf(p.chip, sizeof p.chip, "%.63s", chip);
	p.offset = offset;
	return p;
}

static void no_chip_says_keyboard_and_touch_still_work(void **state)
{
	(void)state;
	if (have_chips())
		skip(); /* a machine with real GPIO (a Pi): this is about machines without */
	config_pedal p = pedal_by_name("GPIO17");
	char err[GPIO_ERR_MAX];
	gpio_error code = GPIO_OK;
	gpio_pedal *g = gpio_open(&p, NULL, &code, err, sizeof err);
	assert_null(g);
	assert_int_equal(code, GPIO_ERR_NO_CHIP);
	assert_string_equal(err, "no GPIO chip found (/dev/gpiochip*): foot switch disabled, "
	                         "keyboard and touch still work");
}

static void missing_chip_by_offset_names_the_chip(void **state)
{
	(void)state;
	config_pedal p = pedal_by_offset("gpiochip97", 3);
	char err[GPIO_ERR_MAX];
	gpio_error code = GPIO_OK;
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_NO_CHIP);
	assert_non_null(strstr(err, "GPIO chip \"gpiochip97\" not found"));
	assert_non_null(strstr(err, "keyboard and touch still work"));

	/* the same chip as a number and as a path */
	p = pedal_by_offset("97", 3);
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_NO_CHIP);
	assert_non_null(strstr(err, "GPIO chip \"97\" not found"));
	p = pedal_by_offset("/dev/gpiochip97", 3);
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_NO_CHIP);
	assert_non_null(strstr(err, "/dev/gpiochip97"));
}

static void chip_label_that_nobody_has(void **state)
{
	(void)state;
	config_pedal p = pedal_by_offset("no-such-label", 0);
	char err[GPIO_ERR_MAX];
	gpio_error code = GPIO_OK;
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_NO_CHIP);
	assert_non_null(strstr(err, "\"no-such-label\""));
}

static void bad_line_name_on_a_named_chip(void **state)
{
	(void)state;
	if (have_chips())
		skip();
	/* a name with a missing chip: the chip is what is wrong, and it is said */
	config_pedal p = pedal_by_name("GPIO99");
	snprintf(p.chip, sizeof p.chip, "gpiochip5");
	char err[GPIO_ERR_MAX];
	gpio_error code = GPIO_OK;
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_NO_CHIP);
	assert_non_null(strstr(err, "gpiochip5"));
	assert_non_null(strstr(err, "no /dev/gpiochip* at all"));
}

static void a_file_that_is_not_a_chip(void **state)
{
	(void)state;
	char dir[] = "/tmp/unknot-gpio-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/gpiochip0", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);

	config_pedal p = pedal_by_offset(path, 3);
	char err[GPIO_ERR_MAX];
	gpio_error code = GPIO_OK;
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_OTHER);
	assert_non_null(strstr(err, "not a GPIO chip"));
	assert_non_null(strstr(err, path));

	remove(path);
	rmdir(dir);
}

static void pedal_without_a_line_is_a_config_error(void **state)
{
	(void)state;
	config_pedal p = pedal_by_name("");
	p.gpio = false;
	char err[GPIO_ERR_MAX];
	gpio_error code = GPIO_OK;
	assert_null(gpio_open(&p, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_CONFIG);
	assert_null(gpio_open(NULL, NULL, &code, err, sizeof err));
	assert_int_equal(code, GPIO_ERR_CONFIG);
}

static void messages_name_the_fix(void **state)
{
	(void)state;
	char err[GPIO_ERR_MAX];
	gpio_format_error(GPIO_ERR_BUSY, "line \"GPIO17\"", "GPIO Key Poweroff", err, sizeof err);
	assert_non_null(strstr(err, "line \"GPIO17\" is busy"));
	assert_non_null(strstr(err, "used by \"GPIO Key Poweroff\""));
	assert_non_null(strstr(err, "keyboard and touch still work"));

	gpio_format_error(GPIO_ERR_PERM, "line \"GPIO17\"", "/dev/gpiochip0", err, sizeof err);
	assert_non_null(strstr(err, "permission denied on /dev/gpiochip0"));
	assert_non_null(strstr(err, "`gpio` group"));

	gpio_format_error(GPIO_ERR_NO_LINE, "line \"GPIO71\"", "searched gpiochip0", err, sizeof err);
	assert_string_equal(err, "no GPIO line \"GPIO71\" (searched gpiochip0): foot switch "
	                         "disabled, keyboard and touch still work");

	/* a longest-case message fits the buffer the header promises */
	char consumer[33];
	memset(consumer, 'x', 32);
	consumer[32] = '\0';
	gpio_format_error(GPIO_ERR_BUSY, "line \"GPIO17\" on gpiochip0", consumer, err, sizeof err);
	assert_non_null(strstr(err, "keyboard and touch still work"));

	/* a tiny buffer is truncated, never overrun */
	char tiny[8];
	gpio_format_error(GPIO_ERR_NO_CHIP, NULL, NULL, tiny, sizeof tiny);
	assert_int_equal(strlen(tiny), 7);
}

static void describe_config(void **state)
{
	(void)state;
	char s[96];
	config_pedal p = pedal_by_name("GPIO17");
	gpio_describe_config(&p, s, sizeof s);
	assert_string_equal(s, "line \"GPIO17\"");
	p = pedal_by_offset("gpiochip0", 3);
	gpio_describe_config(&p, s, sizeof s);
	assert_string_equal(s, "gpiochip0 line 3");
	p = pedal_by_offset("", 27);
	gpio_describe_config(&p, s, sizeof s);
	assert_string_equal(s, "gpiochip0 line 27");
}

static void lists_chips_in_numeric_order(void **state)
{
	(void)state;
	char dir[] = "/tmp/unknot-gpio-XXXXXX";
	assert_non_null(mkdtemp(dir));
	const char *names[] = { "gpiochip10", "gpiochip2", "gpiochip0", "gpiochipX", "tty0",
		                "gpiochip", "gpiochip3x" };
	char path[256];
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fclose(f);
	}
	char chips[GPIO_MAX_CHIPS][GPIO_CHIP_PATH_MAX];
	assert_int_equal(gpio_list_chips(dir, chips, GPIO_MAX_CHIPS), 3);
	snprintf(path, sizeof path, "%s/gpiochip0", dir);
	assert_string_equal(chips[0], path);
	snprintf(path, sizeof path, "%s/gpiochip2", dir);
	assert_string_equal(chips[1], path);
	snprintf(path, sizeof path, "%s/gpiochip10", dir);
	assert_string_equal(chips[2], path);
	assert_int_equal(gpio_list_chips(dir, chips, 2), 2);

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		remove(path);
	}
	rmdir(dir);
	assert_int_equal(gpio_list_chips("/nonexistent-unknot-dir", chips, GPIO_MAX_CHIPS), 0);
}

static void kernel_timestamps_to_app_clock(void **state)
{
	(void)state;
	const uint64_t s = 1000000000u;
	uint64_t mono = 5000 * s + 123;          /* ~83 min of uptime */
	uint64_t real = 1700000000ull * s + 456; /* 2023 */
	/* kernels >= 5.7: CLOCK_MONOTONIC, used as is */
	assert_int_equal(gpio_ts_to_ms(mono - 250 * 1000000u, mono, real), 5000 * 1000 - 250);
	assert_int_equal(gpio_ts_to_ms(1234567890, mono, real), 1234);
	/* older kernels: CLOCK_REALTIME, shifted onto the monotonic clock */
	assert_int_equal(gpio_ts_to_ms(real - 250 * 1000000u, mono, real), 5000 * 1000 - 250);
	/* sub-ms precision is truncated the same way for every edge */
	assert_int_equal(gpio_ts_to_ms(2999999, mono, real), 2);
	/* the clock the app uses is the one edges land on */
	uint64_t before = gpio_clock_ms();
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t now_ns = (uint64_t)ts.tv_sec * s + (uint64_t)ts.tv_nsec;
	uint64_t conv = gpio_ts_now_to_ms(now_ns);
	assert_true(conv >= before && conv <= gpio_clock_ms());
}

static void chip_presence_check(void **state)
{
	(void)state;
	struct stat st;
	assert_int_equal(stat("/dev/null", &st), 0);
	gpio_chip_id id;
	memset(&id, 0, sizeof id);
	assert_false(gpio_chip_gone(&id)); /* unknown chip: never reported gone */
	snprintf(id.path, sizeof id.path, "/dev/null");
	id.dev = (uint64_t)st.st_rdev;
	id.ino = (uint64_t)st.st_ino;
	assert_false(gpio_chip_gone(&id));
	id.ino++; /* a new node under the same name: the adapter came back */
	assert_true(gpio_chip_gone(&id));
	snprintf(id.path, sizeof id.path, "/dev/gpiochip-unknot-gone");
	assert_true(gpio_chip_gone(&id));
}

static void backend_has_a_name(void **state)
{
	(void)state;
	assert_non_null(strstr(gpio_backend_name(), "libgpiod "));
	gpio_close(NULL);
	assert_int_equal(gpio_fd(NULL), -1);
	assert_int_equal(gpio_get_level(NULL), -1);
	assert_string_equal(gpio_describe(NULL), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_chip_says_keyboard_and_touch_still_work),
		cmocka_unit_test(missing_chip_by_offset_names_the_chip),
		cmocka_unit_test(chip_label_that_nobody_has),
		cmocka_unit_test(bad_line_name_on_a_named_chip),
		cmocka_unit_test(a_file_that_is_not_a_chip),
		cmocka_unit_test(pedal_without_a_line_is_a_config_error),
		cmocka_unit_test(messages_name_the_fix),
		cmocka_unit_test(describe_config),
		cmocka_unit_test(lists_chips_in_numeric_order),
		cmocka_unit_test(kernel_timestamps_to_app_clock),
		cmocka_unit_test(chip_presence_check),
		cmocka_unit_test(backend_has_a_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
