/* tmptree.h: a test's files under one temporary folder (root, made by the
 * test's setup): at("a/b.json") is a path under it (one of four buffers
 * used in turn: copy one that must live longer), put() writes a file there
 * with every ' in the text written as ", so JSON reads well in C strings.
 * Header-only; include after cmocka.h. */
#ifndef UNKNOT_TESTS_TMPTREE_H
#define UNKNOT_TESTS_TMPTREE_H

#include <stdio.h>

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

/* Writes a file under root; ' in text becomes ". */
static void put(const char *rel, const char *text)
{
	FILE *f = fopen(at(rel), "w");
	assert_non_null(f);
	for (const char *c = text; *c; c++)
		fputc(*c == '\'' ? '"' : *c, f);
	fclose(f);
}

#endif
