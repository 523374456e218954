/* paths: the XDG / systemd / install locations, folder creation and
 * size-limited file reads. Each test runs in a fresh temporary folder with
 * HOME and the XDG variables pointing into it. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/paths.h"

static char root[PATHS_MAX];
static char old_cwd[PATHS_MAX];

static void put(const char *rel, const char *text)
{
	char p[PATHS_MAX + 64];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void mk(const char *rel)
{
	char p[PATHS_MAX + 64];
	snprintf(p, sizeof p, "%s/%s", root, rel);
	assert_int_equal(paths_mkdirs(p), 0);
}

static const char *at(const char *rel)
{
	static char p[4][PATHS_MAX + 64];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", root, rel);
	return p[k];
}

static bool is_dir(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

static int setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/unknot-paths-XXXXXX");
	assert_non_null(mkdtemp(root));
	assert_non_null(getcwd(old_cwd, sizeof old_cwd));
	assert_int_equal(chdir(root), 0);
	setenv("HOME", at("home"), 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_STATE_HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("STATE_DIRECTORY");
	unsetenv("UNKNOT_ROUTINES");
	unsetenv("UNKNOT_CONFIG");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	assert_int_equal(chdir(old_cwd), 0);
	char cmd[PATHS_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void test_routine_dirs_order(void **st)
{
	(void)st;
	mk("env");
	mk("xdg/unknot/routines");
	mk("home/.local/share/unknot/routines"); /* hidden by XDG_DATA_HOME */
	mk("routines");
	setenv("UNKNOT_ROUTINES", at("env"), 1);
	setenv("XDG_DATA_HOME", at("xdg"), 1);
	char dirs[PATHS_MAX_ROUTINE_DIRS][PATHS_MAX];
	size_t n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	/* The system folders count only where they exist on this machine. */
	const char *expect[6];
	size_t ne = 0;
	expect[ne++] = at("env");
	expect[ne++] = at("xdg/unknot/routines");
	if (is_dir("/etc/unknot/routines"))
		expect[ne++] = "/etc/unknot/routines";
	if (is_dir(UNKNOT_DATADIR "/routines"))
		expect[ne++] = UNKNOT_DATADIR "/routines";
	expect[ne++] = "./routines";
	assert_int_equal(n, ne);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(dirs[i], expect[i]);
	/* max is respected */
	assert_int_equal(paths_routine_dirs(dirs, 1), 1);
	assert_string_equal(dirs[0], at("env"));
}

static void test_routine_dirs_fallbacks(void **st)
{
	(void)st;
	char dirs[PATHS_MAX_ROUTINE_DIRS][PATHS_MAX];
	/* Folders that do not exist are left out. */
	setenv("UNKNOT_ROUTINES", at("missing"), 1);
	size_t n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	for (size_t i = 0; i < n; i++) {
		assert_string_not_equal(dirs[i], at("missing"));
		assert_string_not_equal(dirs[i], "./routines");
	}
	/* A relative XDG_DATA_HOME is ignored (XDG spec): ~/.local/share is used. */
	mk("home/.local/share/unknot/routines");
	setenv("XDG_DATA_HOME", "relative/path", 1);
	n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	assert_true(n >= 1);
	assert_string_equal(dirs[0], at("home/.local/share/unknot/routines"));
	/* The same folder twice (UNKNOT_ROUTINES=./routines) is listed once. */
	mk("routines");
	setenv("UNKNOT_ROUTINES", "./routines", 1);
	unsetenv("XDG_DATA_HOME");
	n = paths_routine_dirs(dirs, PATHS_MAX_ROUTINE_DIRS);
	assert_string_equal(dirs[0], "./routines");
	for (size_t i = 1; i < n; i++)
		assert_string_not_equal(dirs[i], "./routines");
}

static void test_journal(void **st)
{
	(void)st;
	char p[PATHS_MAX];
	assert_int_equal(paths_journal(p, sizeof p, NULL), 0);
	assert_string_equal(p, at("home/.local/state/unknot/journal.jsonl"));
	assert_int_equal(paths_journal(p, sizeof p, "anna"), 0);
	assert_string_equal(p, at("home/.local/state/unknot/journal-anna.jsonl"));
	assert_int_equal(paths_journal(p, sizeof p, ""), 0);
	assert_string_equal(p, at("home/.local/state/unknot/journal.jsonl"));
	setenv("XDG_STATE_HOME", at("state"), 1);
	assert_int_equal(paths_journal(p, sizeof p, NULL), 0);
	assert_string_equal(p, at("state/unknot/journal.jsonl"));
	/* systemd's StateDirectory= wins; with several folders, the first. */
	setenv("STATE_DIRECTORY", "/var/lib/unknot:/var/lib/other", 1);
	assert_int_equal(paths_journal(p, sizeof p, "kiosk"), 0);
	assert_string_equal(p, "/var/lib/unknot/journal-kiosk.jsonl");
	/* A profile is a name, not a path. */
	errno = 0;
	assert_int_equal(paths_journal(p, sizeof p, "../x"), -1);
	assert_int_equal(errno, EINVAL);
	/* Too small a buffer is an error, never a cut path. */
	assert_int_equal(paths_journal(p, 10, NULL), -1);
	assert_int_equal(errno, ENAMETOOLONG);
}

static void test_config(void **st)
{
	(void)st;
	char p[PATHS_MAX];
	bool etc = access("/etc/unknot/config.json", F_OK) == 0;
	assert_int_equal(paths_config_dir(p, sizeof p), 0);
	assert_string_equal(p, at("home/.config/unknot"));
	/* None exists: the user's own (where one would be written). */
	assert_int_equal(paths_config(p, sizeof p), 0);
	assert_string_equal(p, etc ? "/etc/unknot/config.json" : at("home/.config/unknot/config.json"));
	setenv("XDG_CONFIG_HOME", at("xdg"), 1);
	assert_int_equal(paths_config_dir(p, sizeof p), 0);
	assert_string_equal(p, at("xdg/unknot"));
	if (!etc) {
		assert_int_equal(paths_config(p, sizeof p), 0);
		assert_string_equal(p, at("xdg/unknot/config.json"));
	}
	/* An existing ~/.config one is found when the XDG one does not exist. */
	mk("home/.config/unknot");
	put("home/.config/unknot/config.json", "{}");
	assert_int_equal(paths_config(p, sizeof p), 0);
	assert_string_equal(p, at("home/.config/unknot/config.json"));
	/* The XDG one, once it exists, comes first. */
	mk("xdg/unknot");
	put("xdg/unknot/config.json", "{}");
	assert_int_equal(paths_config(p, sizeof p), 0);
	assert_string_equal(p, at("xdg/unknot/config.json"));
	/* $UNKNOT_CONFIG beats everything, existing or not. */
	setenv("UNKNOT_CONFIG", "/nowhere/c.json", 1);
	assert_int_equal(paths_config(p, sizeof p), 0);
	assert_string_equal(p, "/nowhere/c.json");
}

static void test_asset(void **st)
{
	(void)st;
	char p[PATHS_MAX];
	errno = 0;
	assert_int_equal(paths_asset(p, sizeof p, "sounds/nothing-like-this.wav"), -1);
	assert_int_equal(errno, ENOENT);
	mk("assets/sounds");
	put("assets/sounds/tick.wav", "RIFF");
	assert_int_equal(paths_asset(p, sizeof p, "sounds/tick.wav"), 0);
	assert_string_equal(p, "./assets/sounds/tick.wav");
}

static void test_mkdirs(void **st)
{
	(void)st;
	assert_int_equal(paths_mkdirs(at("a/b/c/")), 0);
	assert_true(is_dir(at("a/b/c")));
	assert_int_equal(paths_mkdirs(at("a/b/c")), 0); /* existing is fine */
	put("a/file", "x");
	errno = 0;
	assert_int_equal(paths_mkdirs(at("a/file/d")), -1);
	assert_int_equal(errno, ENOTDIR);
}

static void test_read_file(void **st)
{
	(void)st;
	size_t len = 777;
	put("f.json", "{\"a\": 1}\n");
	char *t = paths_read_file(at("f.json"), 100, &len);
	assert_non_null(t);
	assert_int_equal(len, 9);
	assert_string_equal(t, "{\"a\": 1}\n");
	free(t);
	/* Exactly max bytes is fine; one more is EFBIG, and *len is left alone. */
	t = paths_read_file(at("f.json"), 9, &len);
	assert_non_null(t);
	free(t);
	len = 777;
	errno = 0;
	assert_null(paths_read_file(at("f.json"), 8, &len));
	assert_int_equal(errno, EFBIG);
	assert_int_equal(len, 777);
	errno = 0;
	assert_null(paths_read_file(at("nope.json"), 100, &len));
	assert_int_equal(errno, ENOENT);
	errno = 0;
	assert_null(paths_read_file(root, 100, &len));
	assert_int_equal(errno, EISDIR);
	put("empty.json", "");
	t = paths_read_file(at("empty.json"), 100, &len);
	assert_non_null(t);
	assert_int_equal(len, 0);
	assert_string_equal(t, "");
	free(t);
	/* Files whose size stat() does not know (/proc) are read to the end. */
	t = paths_read_file("/proc/self/status", 1 << 20, &len);
	assert_non_null(t);
	assert_true(len > 100);
	assert_non_null(strstr(t, "Name:"));
	free(t);
	errno = 0;
	assert_null(paths_read_file("/proc/self/status", 50, &len));
	assert_int_equal(errno, EFBIG);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_routine_dirs_order, setup, teardown),
		cmocka_unit_test_setup_teardown(test_routine_dirs_fallbacks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_config, setup, teardown),
		cmocka_unit_test_setup_teardown(test_asset, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_file, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
