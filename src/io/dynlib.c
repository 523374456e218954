/* dynlib: dlopen once, dlsym every name (see dynlib.h). */
#include "io/dynlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *dynlib_open(const char *soname, char *err, size_t errsize)
{
	const char *hide = getenv("UNKNOT_HIDE_LIBS");
	if (hide && *hide && strstr(hide, soname)) {
		snprintf(err, errsize, "cannot load %s: hidden by UNKNOT_HIDE_LIBS", soname);
		return NULL;
	}
	dlerror();
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
	if (!h) {
		const char *why = dlerror();
		size_t len = strlen(soname); /* glibc says "NAME: why": the name once is enough */
		if (why && strncmp(why, soname, len) == 0 && strncmp(why + len, ": ", 2) == 0)
			why += len + 2;
		snprintf(err, errsize, "cannot load %s: %s", soname, why ? why : "dlopen failed");
	}
	return h;
}

int dynlib_load(const char *soname, const char *const *names, void (**fns)(void), size_t n,
                char *err, size_t errsize)
{
	void *h = dynlib_open(soname, err, errsize);
	if (!h)
		return -1;
	for (size_t i = 0; i < n; i++) {
		void *p = dlsym(h, names[i]);
		if (!p) {
			snprintf(err, errsize, "%s has no %s (too old?)", soname, names[i]);
			memset(fns, 0, n * sizeof *fns);
			dlclose(h);
			return -1;
		}
		/* POSIX: a function's address from dlsym converts back to its type */
		memcpy(&fns[i], &p, sizeof p);
	}
	return 0;
}
