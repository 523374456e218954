/* configfile: the config layers. /etc (here $UNKNOT_SYSCONFDIR), then the
 * user's file over it; $UNKNOT_CONFIG or --config alone; errors name the file.
 * Each test runs in a fresh temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/configfile.h"
#include "io/paths.h"

static char root[PATHS_MAX];

static const char *at(const char *rel)
{
	static char p[4][PATHS_MAX + 64];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", root, rel);
	return p[k];
}

static void put(const char *rel, const char *text)
{
	char dir[PATHS_MAX + 64];
	snprintf(dir, sizeof dir, "%s", at(rel));
	*strrchr(dir, '/') = '\0';
	assert_int_equal(paths_mkdirs(dir), 0);
	FILE *f = fopen(at(rel), "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/unknot-configfile-XXXXXX");
	assert_non_null(mkdtemp(root));
	setenv("HOME", at("home"), 1);
	setenv("XDG_CONFIG_HOME", at("xdg"), 1);
	setenv("UNKNOT_SYSCONFDIR", at("etc"), 1);
	unsetenv("UNKNOT_CONFIG");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[PATHS_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_files(void **st)
{
	(void)st;
	char f[2][PATHS_MAX];
	int single = -1;
	assert_int_equal(paths_config_files(f, 2, &single), 2);
	assert_int_equal(single, 0);
	assert_string_equal(f[0], at("etc/config.json"));
	assert_string_equal(f[1], at("xdg/unknot/config.json"));
	unsetenv("XDG_CONFIG_HOME");
	assert_int_equal(paths_config_files(f, 2, &single), 2);
	assert_string_equal(f[1], at("home/.config/unknot/config.json"));
	setenv("UNKNOT_CONFIG", "/x/c.json", 1);
	assert_int_equal(paths_config_files(f, 2, &single), 1);
	assert_int_equal(single, 1);
	assert_string_equal(f[0], "/x/c.json");
	/* the system folder also holds routines/ */
	assert_int_equal(paths_sysconf_dir(f[0], sizeof f[0]), 0);
	assert_string_equal(f[0], at("etc"));
}

static void test_layers(void **st)
{
	(void)st;
	config c;
	char err[PATHS_MAX + 600], used[2 * PATHS_MAX + 8];
	/* nothing at all: defaults */
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, used, sizeof used), 0);
	assert_string_equal(used, "defaults");
	assert_int_equal(c.idle_minutes, 5);
	/* /etc alone */
	put("etc/config.json", "{ \"kiosk\": true, \"admin_pin\": \"1357\", \"idle_minutes\": 3, \"volume\": 40 }");
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, used, sizeof used), 0);
	assert_string_equal(used, at("etc/config.json"));
	assert_int_equal(c.mode, CONFIG_MODE_KIOSK);
	assert_int_equal(c.idle_minutes, 3);
	/* the user's over it: what it names wins, the rest stays */
	put("xdg/unknot/config.json", "{ \"volume\": 70, \"dim_minutes\": 0 }");
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, used, sizeof used), 0);
	char both[2 * PATHS_MAX + 8];
	snprintf(both, sizeof both, "%s, %s", at("etc/config.json"), at("xdg/unknot/config.json"));
	assert_string_equal(used, both);
	assert_int_equal(c.mode, CONFIG_MODE_KIOSK);
	assert_string_equal(c.admin_pin, "1357");
	assert_int_equal(c.idle_minutes, 3);
	assert_int_equal(c.volume, 70);
	assert_int_equal(c.dim_minutes, 0);
	/* --config: that file only */
	put("only.json", "{ \"volume\": 10 }");
	assert_int_equal(configfile_load(&c, at("only.json"), err, sizeof err, used, sizeof used), 0);
	assert_int_equal(c.volume, 10);
	assert_int_equal(c.mode, CONFIG_MODE_HOME);
	assert_string_equal(c.admin_pin, "");
	/* $UNKNOT_CONFIG: the same */
	setenv("UNKNOT_CONFIG", at("only.json"), 1);
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, used, sizeof used), 0);
	assert_int_equal(c.volume, 10);
	assert_int_equal(c.idle_minutes, 5);
}

static void test_errors(void **st)
{
	(void)st;
	config c;
	char err[PATHS_MAX + 600], want[PATHS_MAX + 600];
	/* an error in a layer names that file, line, column and key; defaults are left */
	put("etc/config.json", "{ \"volume\": 40 }");
	put("xdg/unknot/config.json", "{\n  \"idle_minutes\": \"5\" }");
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, NULL, 0), -1);
	snprintf(want, sizeof want, "%s:2:19: idle_minutes: expected a whole number (0..1440)",
	         at("xdg/unknot/config.json"));
	assert_string_equal(err, want);
	assert_int_equal(c.volume, 80);
	put("xdg/unknot/config.json", "{}");
	put("etc/config.json", "{ \"admin_pin\": \"12\" }");
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, NULL, 0), -1);
	snprintf(want, sizeof want, "%s:1:16: admin_pin: expected 4 to 8 digits, not 2 characters",
	         at("etc/config.json"));
	assert_string_equal(err, want);
	/* a missing --config / $UNKNOT_CONFIG file is an error naming it */
	assert_int_equal(configfile_load(&c, at("nope.json"), err, sizeof err, NULL, 0), -1);
	snprintf(want, sizeof want, "%s: No such file or directory", at("nope.json"));
	assert_string_equal(err, want);
	setenv("UNKNOT_CONFIG", at("nope2.json"), 1);
	assert_int_equal(configfile_load(&c, NULL, err, sizeof err, NULL, 0), -1);
	snprintf(want, sizeof want, "%s: No such file or directory", at("nope2.json"));
	assert_string_equal(err, want);
	/* a folder where the file should be */
	unsetenv("UNKNOT_CONFIG");
	assert_int_equal(configfile_load(&c, at("etc"), err, sizeof err, NULL, 0), -1);
	snprintf(want, sizeof want, "%s: Is a directory", at("etc"));
	assert_string_equal(err, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_files, setup, teardown),
		cmocka_unit_test_setup_teardown(test_layers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
