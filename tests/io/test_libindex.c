/* libindex and the indexed library (issue 22): an index entry is used only
 * while the file's path, mtime and size are the same; bad lines and another
 * version are ignored; an indexed scan lists every routine by title without
 * parsing it, parses a routine when it is asked for, validates new and
 * changed files again, and names a file that broke behind the index's back
 * with FILE:LINE:COL. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/libindex.h"
#include "io/library.h"
#include "io/paths.h"
#include "tmptree.h"

static char *read_all(const char *path)
{
	size_t len;
	char *t = paths_read_file(path, 1 << 20, &len);
	assert_non_null(t);
	return t;
}

#define ROUTINE(title, secs) "{'format':1,'title':'" title "','steps':[{'kind':'rest','duration_s':" secs "}]}"

static int setup(void **st)
{
	(void)st;
	snprintf(root, sizeof root, "/tmp/unknot-libindex-XXXXXX");
	assert_non_null(mkdtemp(root));
	assert_int_equal(paths_mkdirs(at("r")), 0);
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	char cmd[PATHS_MAX + 16];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void test_parse_and_find(void **st)
{
	(void)st;
	const char *text =
		"unknot-library-index 1 9.9\n"
		"g\t/r/a.json\t100\t5\t300\t2\t600\t4\tNeck and shoulders\n"
		"b\t/r/b.json\t101\t0\t20\t7\t/r/b.json:3:12: steps[0].sides[0]: \"rihgt\" is not a side\tsecond\n"
		"g\t/r/c.json\tx\t0\t1\t0\t1\t1\tbad mtime\n"            /* skipped */
		"g\t/r/d.json\t1\t0\t1\t0\t1\t1\ttitle\textra\n"         /* skipped: a field too many */
		"z\t/r/e.json\t1\t0\t1\t0\t1\t1\tunknown kind\n"         /* skipped */
		"g\t/r/f.json\t1\t0\t1\t0\t1\t1\tcut off";               /* no newline: skipped */
	libindex *x = libindex_parse(text, strlen(text), "9.9");
	assert_non_null(x);
	assert_int_equal(libindex_count(x), 2);
	const libindex_entry *a = libindex_find(x, "/r/a.json", 100, 5, 300);
	assert_non_null(a);
	assert_true(a->valid);
	assert_string_equal(a->title, "Neck and shoulders");
	assert_int_equal(a->total_s, 600);
	assert_int_equal(a->steps, 4);
	assert_int_equal(a->warnings, 2);
	/* stale: another mtime (seconds or nanoseconds) or size */
	assert_null(libindex_find(x, "/r/a.json", 101, 5, 300));
	assert_null(libindex_find(x, "/r/a.json", 100, 6, 300));
	assert_null(libindex_find(x, "/r/a.json", 100, 5, 301));
	assert_null(libindex_find(x, "/r/c.json", 1, 0, 1));
	assert_null(libindex_find(x, "/r/f.json", 1, 0, 1));
	const libindex_entry *b = libindex_find(x, "/r/b.json", 101, 0, 20);
	assert_non_null(b);
	assert_false(b->valid);
	assert_int_equal(b->nerrors, 7);
	assert_int_equal(b->nlines, 2);
	assert_string_equal(b->lines[0], "/r/b.json:3:12: steps[0].sides[0]: \"rihgt\" is not a side");
	libindex_free(x);

	/* another version: nothing in it is used */
	x = libindex_parse(text, strlen(text), "9.10");
	assert_non_null(x);
	assert_int_equal(libindex_count(x), 0);
	assert_null(libindex_find(x, "/r/a.json", 100, 5, 300));
	libindex_free(x);
}

static void test_write_read(void **st)
{
	(void)st;
	libindex_entry e[3] = {
		{ .path = "/r/a.json", .mtime_s = 1700000000, .mtime_ns = 123456789, .size = 4096, .valid = true,
		  .title = "Low back", .total_s = 480, .steps = 6, .warnings = 1 },
		{ .path = "/r/tab\there.json", .valid = true, .title = "Not storable" },
		{ .path = "/r/b.json", .mtime_s = 1, .size = 2, .nerrors = 1, .nlines = 1,
		  .lines = { "/r/b.json:1:1: invalid JSON: expected a value" } },
	};
	assert_false(libindex_storable(&e[1]));
	const char *file = at("cache/sub/library-index");
	assert_int_equal(libindex_write(file, "1.0", e, 3), 0); /* creates its folder */
	libindex *x = libindex_read(file, "1.0");
	assert_non_null(x);
	assert_int_equal(libindex_count(x), 2);
	const libindex_entry *a = libindex_find(x, "/r/a.json", 1700000000, 123456789, 4096);
	assert_non_null(a);
	assert_string_equal(a->title, "Low back");
	assert_int_equal(a->total_s, 480);
	assert_non_null(libindex_find(x, "/r/b.json", 1, 0, 2));
	libindex_free(x);
	/* a missing file is an empty index, not a failure */
	x = libindex_read(at("cache/none"), "1.0");
	assert_non_null(x);
	assert_int_equal(libindex_count(x), 0);
	libindex_free(x);
}

static void test_indexed_library(void **st)
{
	(void)st;
	put("r/b.json", ROUTINE("Bravo", "10"));
	put("r/a.json", ROUTINE("alpha", "20"));
	put("r/c.json", ROUTINE("Charlie", "30"));
	put("r/bad.json", "{\n'format':1,\n'title':'x',\n'steps':[{'kind':'stretch','sides':['rihgt'],'duration_s':30}]\n}\n");
	char rdir[PATHS_MAX + 64], index[PATHS_MAX + 64]; /* at() reuses its buffers */
	snprintf(rdir, sizeof rdir, "%s", at("r"));
	snprintf(index, sizeof index, "%s", at("cache/library-index"));
	const char *dirs[] = { rdir };

	/* first scan: everything validated, the index written */
	library *l = library_scan_indexed(dirs, 1, index);
	assert_non_null(l);
	assert_int_equal(library_count(l), 3);
	assert_int_equal(library_broken_count(l), 1);
	assert_false(library_parsed(l, 0)); /* not kept: parsed again when shown */
	library_free(l);
	char *text = read_all(index);
	assert_non_null(strstr(text, "\tBravo\n"));
	assert_non_null(strstr(text, "bad.json:4:37: steps[0].sides[0]: \"rihgt\" is not a side"));
	free(text);

	/* second scan: listed from the index, sorted by title, nothing parsed */
	l = library_scan_indexed(dirs, 1, index);
	assert_non_null(l);
	assert_int_equal(library_count(l), 3);
	assert_string_equal(library_title(l, 0), "alpha");
	assert_string_equal(library_title(l, 1), "Bravo");
	assert_string_equal(library_title(l, 2), "Charlie");
	assert_int_equal(library_total_s(l, 2), 30);
	for (size_t i = 0; i < 3; i++)
		assert_false(library_parsed(l, i));
	assert_int_equal(library_broken_count(l), 1);
	assert_non_null(strstr(library_broken_line(l, 0, 0), "bad.json:4:37:"));
	/* asked for: parsed then, once */
	const routine *r = library_routine(l, 1);
	assert_non_null(r);
	assert_string_equal(routine_title(r), "Bravo");
	assert_ptr_equal(library_routine(l, 1), r);
	assert_true(library_parsed(l, 1));
	assert_false(library_parsed(l, 0));
	library_free(l);

	/* a changed file (another size) is validated again */
	put("r/c.json", ROUTINE("Charlie two", "300"));
	/* a new file is validated and indexed */
	put("r/d.json", ROUTINE("Delta", "5"));
	/* a file broken behind the index's back: same size, same mtime */
	struct stat sa;
	assert_int_equal(stat(at("r/a.json"), &sa), 0);
	put("r/a.json", "{'format':1,'title':'alpha','steps':[{'kind':'rest','duration_s':-5}]}");
	assert_int_equal((long)strlen(ROUTINE("alpha", "20")),
	                 (long)strlen("{'format':1,'title':'alpha','steps':[{'kind':'rest','duration_s':-5}]}"));
	struct timespec keep[2] = { sa.st_atim, sa.st_mtim }; /* the old mtime back */
	assert_int_equal(utimensat(AT_FDCWD, at("r/a.json"), keep, 0), 0);
	l = library_scan_indexed(dirs, 1, index);
	assert_non_null(l);
	assert_int_equal(library_count(l), 4);
	assert_string_equal(library_title(l, 2), "Charlie two");
	assert_int_equal(library_total_s(l, 2), 300);
	assert_string_equal(library_title(l, 3), "Delta");
	assert_string_equal(library_title(l, 0), "alpha"); /* the index still says so */
	assert_null(library_error(l, 0));
	assert_null(library_routine(l, 0));                 /* but it no longer validates */
	const char *why = library_error(l, 0);
	assert_non_null(why);
	assert_non_null(strstr(why, "a.json:1:66: steps[0].duration_s: -5 is out of range"));
	library_free(l);
	text = read_all(index);
	assert_non_null(strstr(text, "\tDelta\n"));
	assert_non_null(strstr(text, "\tCharlie two\n"));
	assert_null(strstr(text, "\tCharlie\n"));
	free(text);

	/* a deleted file leaves the index */
	assert_int_equal(unlink(at("r/d.json")), 0);
	l = library_scan_indexed(dirs, 1, index);
	assert_int_equal(library_count(l), 3);
	library_free(l);
	text = read_all(index);
	assert_null(strstr(text, "Delta"));
	free(text);
}

/* The same scan without an index (library_scan) and with one give the same
 * library: titles, order, broken files. */
/* A trusting scan (the first frame with 10,000 files) lists an indexed file
 * from the index without a stat: a file changed in place keeps its indexed
 * title until library_stale() finds it; new and deleted files show at once. */
static void test_trusting_then_stale(void **st)
{
	(void)st;
	put("r/a.json", ROUTINE("Alpha", "20"));
	put("r/b.json", ROUTINE("Bravo", "10"));
	put("r/gone.json", ROUTINE("Gone", "10"));
	char rdir[PATHS_MAX + 64], index[PATHS_MAX + 64];
	snprintf(rdir, sizeof rdir, "%s", at("r"));
	snprintf(index, sizeof index, "%s", at("cache/library-index"));
	const char *dirs[] = { rdir };
	library *l = library_scan_indexed(dirs, 1, index);
	assert_int_equal(library_count(l), 3);
	assert_false(library_stale(l)); /* not a trusting scan */
	library_free(l);

	l = library_scan_trusting(dirs, 1, index); /* nothing changed */
	assert_int_equal(library_count(l), 3);
	assert_int_equal(library_from_index(l), 3);
	assert_false(library_stale(l));
	library_free(l);

	put("r/b.json", ROUTINE("Bravo renamed", "10")); /* another size, in place */
	put("r/new.json", ROUTINE("New", "5"));
	char gone[PATHS_MAX + 64];
	snprintf(gone, sizeof gone, "%s", at("r/gone.json"));
	assert_int_equal(unlink(gone), 0);
	l = library_scan_trusting(dirs, 1, index);
	assert_int_equal(library_count(l), 3);          /* Alpha, Bravo, New: gone is gone */
	assert_string_equal(library_title(l, 0), "Alpha");
	assert_string_equal(library_title(l, 1), "Bravo"); /* the index's, not yet the file's */
	assert_string_equal(library_title(l, 2), "New");
	assert_true(library_stale(l));
	library_free(l);

	l = library_scan_indexed(dirs, 1, index);       /* what the caller does then */
	assert_string_equal(library_title(l, 1), "Bravo renamed");
	assert_false(library_stale(l));
	library_free(l);
	l = library_scan_trusting(dirs, 1, index);      /* and the index knows it now */
	assert_string_equal(library_title(l, 1), "Bravo renamed");
	assert_false(library_stale(l));
	library_free(l);
}

static void test_same_as_unindexed(void **st)
{
	(void)st;
	put("r/x.json", ROUTINE("Same title", "10"));
	put("r/w.json", ROUTINE("same title", "10"));
	put("r/v.json", ROUTINE("Another", "10"));
	put("r/u.json", "not json");
	char rdir[PATHS_MAX + 64];
	snprintf(rdir, sizeof rdir, "%s", at("r"));
	const char *dirs[] = { rdir };
	library *plain = library_scan(dirs, 1);
	library_free(library_scan_indexed(dirs, 1, at("idx")));
	library *ix = library_scan_indexed(dirs, 1, at("idx"));
	assert_non_null(plain);
	assert_non_null(ix);
	assert_int_equal(library_count(ix), library_count(plain));
	for (size_t i = 0; i < library_count(plain); i++) {
		assert_string_equal(library_path(ix, i), library_path(plain, i));
		assert_string_equal(library_title(ix, i), routine_title(library_routine(plain, i)));
	}
	assert_int_equal(library_broken_count(ix), 1);
	assert_string_equal(library_broken_line(ix, 0, 0), library_broken_line(plain, 0, 0));
	library_free(plain);
	library_free(ix);
}

/* Nothing changed: the index is not written again, not even for a file that
 * cannot be indexed (a FIFO named *.json is listed as broken at every scan). */
static void test_unchanged_not_rewritten(void **st)
{
	(void)st;
	char rdir[PATHS_MAX + 64], index[PATHS_MAX + 64];
	snprintf(rdir, sizeof rdir, "%s", at("r"));
	snprintf(index, sizeof index, "%s", at("library-index"));
	const char *dirs[] = { rdir };
	put("r/a.json", ROUTINE("Alpha", "20"));
	assert_int_equal(mkfifo(at("r/pipe.json"), 0600), 0);
	library *l = library_scan_indexed(dirs, 1, index);
	assert_int_equal(library_count(l), 1);
	assert_int_equal(library_broken_count(l), 1);
	library_free(l);
	struct stat a, b;
	assert_int_equal(stat(index, &a), 0);
	l = library_scan_indexed(dirs, 1, index);
	assert_int_equal(library_from_index(l), 1);
	library_free(l);
	assert_int_equal(stat(index, &b), 0);
	assert_int_equal(a.st_ino, b.st_ino); /* a rewrite renames a new file over it */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_and_find),
		cmocka_unit_test_setup_teardown(test_write_read, setup, teardown),
		cmocka_unit_test_setup_teardown(test_indexed_library, setup, teardown),
		cmocka_unit_test_setup_teardown(test_trusting_then_stale, setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_as_unindexed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unchanged_not_rewritten, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
