/* library: scanning routine folders into valid routines (sorted by title) and
 * broken files (listed with their first errors), first file name wins. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/library.h"
#include "io/paths.h"
#include "tmptree.h"

static char old_cwd[PATHS_MAX];

#define ROUTINE(title) "{'format':1,'title':'" title "','steps':[{'kind':'rest','duration_s':5}]}"

static int setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/unknot-library-XXXXXX");
	assert_non_null(mkdtemp(root));
	assert_non_null(getcwd(old_cwd, sizeof old_cwd));
	assert_int_equal(chdir(root), 0);
	assert_int_equal(paths_mkdirs(at("a")), 0);
	assert_int_equal(paths_mkdirs(at("b")), 0);
	put("a/neck.json", ROUTINE("Neck"));
	put("a/broken.json", "{\n'format':1,\n'title':'x',\n'steps':[{'kind':'stretch','sides':['rihgt'],'duration_s':30}]\n}\n");
	put("a/schema.json", "{'not':'a routine'}");
	put("a/.hidden.json", "garbage");
	put("a/notes.txt", "garbage");
	put("b/neck.json", ROUTINE("Another neck")); /* shadowed by a/neck.json */
	put("b/back.json", ROUTINE("Back"));
	put("b/zeta.json", ROUTINE("abc, lower case"));
	put("b/short.json", "{'format':1,'title':'Warns','steps':[{'kind':'compression','tool':'ball','duration_s':10}]}");
	put("b/many.json", "{'format':2,'title':5,'steps':[],'x':1}");
	assert_int_equal(mkdir(at("b/folder.json"), 0755), 0);
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

static void test_scan(void **st)
{
	(void)st;
	const char *dirs[] = { at("a"), at("b") };
	library *l = library_scan(dirs, 2);
	assert_non_null(l);
	/* Valid ones by title, case-insensitively. */
	assert_int_equal(library_count(l), 4);
	assert_string_equal(routine_title(library_routine(l, 0)), "abc, lower case");
	assert_string_equal(routine_title(library_routine(l, 1)), "Back");
	assert_string_equal(routine_title(library_routine(l, 2)), "Neck");
	assert_string_equal(routine_title(library_routine(l, 3)), "Warns");
	assert_string_equal(library_path(l, 2), at("a/neck.json")); /* the first folder wins */
	assert_string_equal(library_path(l, 1), at("b/back.json"));
	assert_int_equal(library_warnings(l, 3), 1);
	assert_int_equal(library_warnings(l, 2), 0);
	assert_null(library_routine(l, 4));
	assert_null(library_path(l, 4));

	/* Broken ones by path, each with its first errors. */
	assert_int_equal(library_broken_count(l), 3);
	assert_string_equal(library_broken_path(l, 0), at("a/broken.json"));
	assert_int_equal(library_broken_errors(l, 0), 1);
	char want[PATHS_MAX + 128];
	snprintf(want, sizeof want, "%s:4:37: steps[0].sides[0]: \"rihgt\" is not a side (left, right)", at("a/broken.json"));
	assert_string_equal(library_broken_line(l, 0, 0), want);
	assert_null(library_broken_line(l, 0, 1));

	assert_string_equal(library_broken_path(l, 1), at("b/folder.json"));
	snprintf(want, sizeof want, "%s: cannot read: Is a directory", at("b/folder.json"));
	assert_string_equal(library_broken_line(l, 1, 0), want);

	/* Four errors, three lines kept. */
	assert_string_equal(library_broken_path(l, 2), at("b/many.json"));
	assert_int_equal(library_broken_errors(l, 2), 4);
	snprintf(want, sizeof want, "%s:1:11: format: 2 is not supported; this unknot reads format 1", at("b/many.json"));
	assert_string_equal(library_broken_line(l, 2, 0), want);
	assert_non_null(library_broken_line(l, 2, 2));
	assert_null(library_broken_line(l, 2, 3));
	assert_null(library_broken_path(l, 3));
	assert_int_equal(library_broken_errors(l, 3), 0);

	/* Finding by path, file name or stem. */
	assert_int_equal(library_find(l, "neck"), 2);
	assert_int_equal(library_find(l, "neck.json"), 2);
	assert_int_equal(library_find(l, at("b/back.json")), 1);
	assert_int_equal(library_find(l, "broken"), LIBRARY_NOT_FOUND);
	assert_int_equal(library_find(l, "nec"), LIBRARY_NOT_FOUND);
	library_free(l);
	library_free(NULL);
}

static void test_subfolders(void **st)
{
	(void)st;
	/* a USB stick mounted at a/usb: its routines join; deeper ones do not;
	 * a file name already taken above stays shadowed; hidden folders skipped */
	assert_int_equal(paths_mkdirs(at("a/usb/deeper")), 0);
	assert_int_equal(paths_mkdirs(at("a/.Trash-1000")), 0);
	put("a/usb/hips.json", ROUTINE("Hips"));
	put("a/usb/neck.json", ROUTINE("Neck from the stick"));
	put("a/usb/bad.json", "{");
	put("a/usb/deeper/feet.json", ROUTINE("Feet"));
	put("a/.Trash-1000/old.json", ROUTINE("Old"));
	const char *dirs[] = { at("a") };
	library *l = library_scan(dirs, 1);
	assert_non_null(l);
	assert_int_equal(library_count(l), 2);
	assert_string_equal(routine_title(library_routine(l, 0)), "Hips");
	assert_string_equal(library_path(l, 0), at("a/usb/hips.json"));
	assert_string_equal(routine_title(library_routine(l, 1)), "Neck");
	assert_int_equal(library_broken_count(l), 2);
	assert_string_equal(library_broken_path(l, 1), at("a/usb/bad.json"));
	library_free(l);
}

static void test_empty_and_missing_folders(void **st)
{
	(void)st;
	const char *dirs[] = { at("nowhere"), at("empty") };
	assert_int_equal(paths_mkdirs(at("empty")), 0);
	library *l = library_scan(dirs, 2);
	assert_non_null(l);
	assert_int_equal(library_count(l), 0);
	assert_int_equal(library_broken_count(l), 0);
	library_free(l);
}

static void test_new_uses_routine_dirs(void **st)
{
	(void)st;
	/* $UNKNOT_ROUTINES first, then ~/.local/share/unknot/routines, ...,
	 * ./routines (the cwd is root here). */
	setenv("UNKNOT_ROUTINES", at("a"), 1);
	unsetenv("XDG_DATA_HOME");
	unsetenv("XDG_CACHE_HOME"); /* the library index goes to ~/.cache/unknot */
	unsetenv("CACHE_DIRECTORY");
	setenv("HOME", at("home"), 1);
	assert_int_equal(paths_mkdirs(at("home/.local/share/unknot/routines")), 0);
	put("home/.local/share/unknot/routines/mine.json", ROUTINE("Mine"));
	put("home/.local/share/unknot/routines/neck.json", ROUTINE("User neck")); /* shadowed by a/ */
	assert_int_equal(paths_mkdirs(at("routines")), 0);
	put("routines/tree.json", ROUTINE("From the source tree"));
	library *l = library_new();
	assert_non_null(l);
	size_t mine = library_find(l, "mine"), neck = library_find(l, "neck"), tree = library_find(l, "tree");
	assert_int_not_equal(mine, LIBRARY_NOT_FOUND);
	assert_int_not_equal(tree, LIBRARY_NOT_FOUND);
	assert_string_equal(routine_title(library_routine(l, neck)), "Neck");
	assert_string_equal(library_path(l, tree), "./routines/tree.json");
	library_free(l);
	unsetenv("UNKNOT_ROUTINES");
}

static void test_load_file(void **st)
{
	(void)st;
	char err[512];
	routine *r = library_load_file(at("a/neck.json"), err, sizeof err);
	assert_non_null(r);
	assert_string_equal(err, "");
	assert_string_equal(routine_title(r), "Neck");
	routine_free(r);
	assert_null(library_load_file(at("a/broken.json"), err, sizeof err));
	char want[PATHS_MAX + 128];
	snprintf(want, sizeof want, "%s:4:37: steps[0].sides[0]: \"rihgt\" is not a side (left, right)", at("a/broken.json"));
	assert_string_equal(err, want);
	assert_null(library_load_file(at("a/gone.json"), err, sizeof err));
	snprintf(want, sizeof want, "%s: cannot read: No such file or directory", at("a/gone.json"));
	assert_string_equal(err, want);
}

/* A kiosk folder can hold anything (issue 10): a FIFO (which open() would
 * wait on forever), a symlink loop, a dangling link, a file over 1 MiB, NUL
 * bytes. The scan returns, keeps the good routine and names each broken file. */
static void test_hostile_files(void **st)
{
	(void)st;
	assert_int_equal(paths_mkdirs(at("h")), 0);
	put("h/good.json", ROUTINE("Good"));
	assert_int_equal(mkfifo(at("h/fifo.json"), 0644), 0);
	assert_int_equal(symlink("loop2.json", at("h/loop1.json")), 0);
	assert_int_equal(symlink("loop1.json", at("h/loop2.json")), 0);
	assert_int_equal(symlink("nowhere.json", at("h/dangling.json")), 0);
	FILE *f = fopen(at("h/big.json"), "w");
	assert_non_null(f);
	for (int i = 0; i < 2 * 1024 * 1024; i++)
		fputc(i ? ' ' : '{', f);
	fclose(f);
	f = fopen(at("h/nul.json"), "w");
	assert_non_null(f);
	fwrite("{\0}", 1, 3, f);
	fclose(f);
	alarm(20); /* a hang is a failure, not a stuck test run */
	const char *dirs[] = { at("h") };
	library *l = library_scan(dirs, 1);
	alarm(0);
	assert_non_null(l);
	assert_int_equal(library_count(l), 1);
	assert_string_equal(routine_title(library_routine(l, 0)), "Good");
	static const char *const want[][2] = {
		{ "h/big.json", "the file is too big (at most 1 MiB)" },
		{ "h/dangling.json", "cannot read: No such file or directory" },
		{ "h/fifo.json", "cannot read: not a regular file" },
		{ "h/loop1.json", "cannot read: Too many levels of symbolic links" },
		{ "h/loop2.json", "cannot read: Too many levels of symbolic links" },
		{ "h/nul.json", "1:2: invalid JSON: a NUL byte (0x00): not a text file, or UTF-16; save it as UTF-8" },
	};
	assert_int_equal(library_broken_count(l), 6);
	for (size_t i = 0; i < 6; i++) {
		char line[PATHS_MAX + 160];
		const char *sep = want[i][1][0] == '1' ? ":" : ": ";
		snprintf(line, sizeof line, "%s%s%s", at(want[i][0]), sep, want[i][1]);
		assert_string_equal(library_broken_path(l, i), at(want[i][0]));
		assert_string_equal(library_broken_line(l, i, 0), line);
	}
	library_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_empty_and_missing_folders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_subfolders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_new_uses_routine_dirs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_load_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_files, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
