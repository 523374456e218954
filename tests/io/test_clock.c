/* Tests for io/clock: the one monotonic clock in ms and ns agree, never goes
 * back, and GPIO edge stamps taken now convert onto it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "io/clock.h"
#include "io/gpio.h"

static void test_monotonic(void **state)
{
	(void)state;
	uint64_t ms0 = clock_now_ms(), ns = clock_now_ns(), ms1 = clock_now_ms();
	assert_true(ms0 <= ns / 1000000u && ns / 1000000u <= ms1);
	uint64_t prev = clock_now_ns();
	for (int i = 0; i < 10000; i++) {
		uint64_t t = clock_now_ns();
		assert_true(t >= prev);
		prev = t;
	}
	uint64_t w0 = clock_wall_ms(), wns = clock_wall_ns(), w1 = clock_wall_ms();
	/* Wall time may be stepped by NTP between the reads, but not by a day. */
	assert_true(wns / 1000000u + 86400000u >= w0 && wns / 1000000u <= w1 + 86400000u);
	assert_true(w0 > 1577836800000ULL); /* after 2020: this machine has a date */
}

/* A kernel edge stamp on CLOCK_MONOTONIC (libgpiod v2, kernels >= 5.7) or
 * CLOCK_REALTIME (older kernels) lands on clock_now_ms(). */
static void test_gpio_stamps(void **state)
{
	(void)state;
	uint64_t before = clock_now_ms();
	uint64_t mono = gpio_ts_now_to_ms(clock_now_ns());
	uint64_t real = gpio_ts_now_to_ms(clock_wall_ns());
	uint64_t after = clock_now_ms();
	assert_true(mono >= before && mono <= after);
	assert_true(real + 1 >= before && real <= after + 1);
}

static void test_iso(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(clock_format_iso(buf, sizeof buf, 1795253400123ULL), "2026-11-21T09:30:00.123Z");
	assert_string_equal(clock_format_iso(buf, 10, 0), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_monotonic),
		cmocka_unit_test(test_gpio_stamps),
		cmocka_unit_test(test_iso),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
