/* Tests for src/io/audiodev.c with SDL's dummy audio driver: the device
 * sleeps (closed, SDL's audio shut down) once nothing has sounded for
 * AUDIODEV_LINGER_MS, not while something sounds, wakes with the same spec,
 * never sleeps on the disk driver, and a failed open leaves SDL's audio
 * shut down. Times are passed in (no waiting on the wall clock). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <unistd.h>

#include <SDL.h>
#include <SDL_mixer.h>

#include "io/audiodev.h"

static void test_sleeps_after_linger(void **state)
{
	(void)state;
	char err[256];
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	unsetenv("UNKNOT_AUDIO_AWAKE");
	audiodev *d = audiodev_open(44100, 512, err, sizeof err);
	assert_non_null(d);
	assert_true(audiodev_awake(d));
	int rate = 0, ch = 0, frames = 0;
	uint16_t fmt = 0;
	audiodev_spec(d, &rate, &fmt, &ch, &frames);
	assert_int_equal(rate, 44100);
	assert_int_equal(frames, 512);

	assert_int_equal(audiodev_wake(d, 1000), 0); /* awake: a sound at 1000 */
	assert_int_equal(audiodev_sleep_due(d), 1000 + AUDIODEV_LINGER_MS);
	assert_false(audiodev_sleep(d, 1000 + AUDIODEV_LINGER_MS - 1, false)); /* not yet */
	assert_true(audiodev_awake(d));
	/* due, but something sounds: stays, and looks again a linger later */
	assert_false(audiodev_sleep(d, 3000, true));
	assert_true(audiodev_awake(d));
	assert_int_equal(audiodev_sleep_due(d), 3000 + AUDIODEV_LINGER_MS);
	assert_true(audiodev_sleep(d, 3000 + AUDIODEV_LINGER_MS, false));
	assert_false(audiodev_awake(d));
	assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0); /* no SDL audio thread left */
	assert_int_equal(audiodev_sleep_due(d), AUDIODEV_NEVER);

	/* the next sound opens it again, with the first open's spec */
	assert_int_equal(audiodev_wake(d, 9000), 1);
	assert_true(audiodev_awake(d));
	int rate2 = 0, ch2 = 0;
	Uint16 fmt2 = 0;
	assert_int_not_equal(Mix_QuerySpec(&rate2, &fmt2, &ch2), 0);
	assert_int_equal(rate2, rate);
	assert_int_equal(fmt2, fmt);
	assert_int_equal(ch2, ch);
	assert_int_equal(audiodev_opens(d), 2);
	audiodev_free(d);
	assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
}

static void test_stays_awake_when_asked(void **state)
{
	(void)state;
	char err[256];
	setenv("SDL_AUDIODRIVER", "dummy", 1);
	setenv("UNKNOT_AUDIO_AWAKE", "1", 1);
	audiodev *d = audiodev_open(44100, 512, err, sizeof err);
	unsetenv("UNKNOT_AUDIO_AWAKE");
	assert_non_null(d);
	audiodev_wake(d, 1000);
	assert_int_equal(audiodev_sleep_due(d), AUDIODEV_NEVER);
	assert_false(audiodev_sleep(d, 100000, false));
	assert_true(audiodev_awake(d));
	audiodev_free(d);
}

static void test_disk_driver_never_sleeps(void **state)
{
	(void)state;
	char err[256];
	setenv("SDL_AUDIODRIVER", "disk", 1);
	/* a regular file: SDL 2.32 (Debian 13) refuses /dev/null ("not a regular file or pipe") */
	char path[] = "/tmp/unknot-test-audiodev-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	setenv("SDL_DISKAUDIOFILE", path, 1);
	audiodev *d = audiodev_open(44100, 512, err, sizeof err);
	if (!d)
		print_error("audiodev_open on the disk driver: %s\n", err);
	assert_non_null(d);
	audiodev_wake(d, 1000);
	assert_false(audiodev_sleep(d, 100000, false)); /* a recording is one stream */
	assert_true(audiodev_awake(d));
	audiodev_free(d);
	unsetenv("SDL_DISKAUDIOFILE");
	unlink(path);
}

static void test_failed_open_shuts_audio_down(void **state)
{
	(void)state;
	char err[256] = "";
	setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
	assert_null(audiodev_open(44100, 512, err, sizeof err));
	assert_true(err[0] != '\0');
	assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
	audiodev_free(NULL);
	assert_int_equal(audiodev_wake(NULL, 0), -1);
	assert_int_equal(audiodev_sleep_due(NULL), AUDIODEV_NEVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sleeps_after_linger),
		cmocka_unit_test(test_stays_awake_when_asked),
		cmocka_unit_test(test_disk_driver_never_sleeps),
		cmocka_unit_test(test_failed_open_shuts_audio_down),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
