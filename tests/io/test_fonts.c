/* fonts: the system font is found; fonts_map gives a font file's bytes as
 * they are on disk, and nothing (the caller then opens the file by name) for
 * a missing file, a folder or an empty file. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/fonts.h"
#include "tmptree.h"

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/unknot-fonts-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	unlink(at("empty.ttf"));
	unlink(at("small.ttf"));
	rmdir(at("dir.ttf"));
	rmdir(root);
	return 0;
}

static void test_map_gives_the_file(void **state)
{
	(void)state;
	fonts_found ff;
	assert_int_equal(fonts_find(NULL, &ff, NULL, 0), 0);
	size_t size = 1;
	const unsigned char *p = fonts_map(ff.regular, &size);
	assert_non_null(p);
	FILE *f = fopen(ff.regular, "rb");
	assert_non_null(f);
	unsigned char *want = malloc(size + 1);
	assert_int_equal(fread(want, 1, size + 1, f), size); /* all of it, no more */
	fclose(f);
	assert_memory_equal(p, want, size);
	free(want);
	fonts_unmap(p, size);

	put("small.ttf", "0123");
	p = fonts_map(at("small.ttf"), &size);
	assert_non_null(p);
	assert_int_equal(size, 4);
	assert_memory_equal(p, "0123", 4);
	fonts_unmap(p, size);
	fonts_unmap(NULL, 0);
}

static void test_map_refuses(void **state)
{
	(void)state;
	size_t size = 7;
	assert_null(fonts_map(at("missing.ttf"), &size));
	assert_int_equal(size, 0);
	put("empty.ttf", "");
	size = 7;
	assert_null(fonts_map(at("empty.ttf"), &size));
	assert_int_equal(size, 0);
	assert_int_equal(mkdir(at("dir.ttf"), 0700), 0);
	assert_null(fonts_map(at("dir.ttf"), &size));
	assert_null(fonts_map("", &size));
	assert_null(fonts_map(NULL, &size));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_map_gives_the_file),
		cmocka_unit_test(test_map_refuses),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
