/* dynlib: a shared library opened at run time, the first time it is needed,
 * instead of at every start (issue 22: SDL_mixer brings 30 libraries of
 * decoders, fluidsynth, glib, libstdc++, ..., espeak-ng its audio stack;
 * the dynamic linker spent a third of the CPU up to the first frame on
 * libraries that play no part in it).
 *
 * The modules built on it (io/mixlib.c, io/espeaklib.c) define the
 * library's own functions, each calling through a table dynlib fills, so
 * the code that uses the library is written as if it were linked.
 *
 * Thread-safe: the first caller loads, the others wait for it (pthread_once
 * in the modules).
 */
#ifndef UNKNOT_DYNLIB_H
#define UNKNOT_DYNLIB_H

#include <stddef.h>

/* dlopen(soname, RTLD_NOW | RTLD_LOCAL), or NULL with err "cannot load
 * SONAME: why" (the name once, though glibc starts its reason with it).
 * A test hook: a soname named in $UNKNOT_HIDE_LIBS is not there (the app
 * without SDL_mixer, espeak-ng or libmosquitto installed). */
void *dynlib_open(const char *soname, char *err, size_t errsize);

/* Opens the library `soname` (dynlib_open) and resolves names[0..n-1] into fns[0..n-1].
 * Returns 0, or -1 with err ("cannot load SONAME: why" or "SONAME has no
 * SYMBOL") and every fns[i] NULL. The library stays loaded for the life of
 * the process. */
int dynlib_load(const char *soname, const char *const *names, void (**fns)(void), size_t n,
                char *err, size_t errsize);

/* A module lists its library's functions as
 *   #define FUNCS(F, V) F(ret, name, (params), (args), fail) V(name, (params), (args)) ...
 * (F returns a value, `fail` when the library cannot be loaded; V returns
 * nothing), then defines a `static bool ready(void)` that loads it once
 * into `static void (*fns[])(void)` and says whether it is there, and uses
 * these to number, name and define the functions. */
#define DYNLIB_INDEX(ret, name, params, args, fail) DYNLIB_I_##name,
#define DYNLIB_INDEX_V(name, params, args) DYNLIB_I_##name,
#define DYNLIB_NAME(ret, name, params, args, fail) #name,
#define DYNLIB_NAME_V(name, params, args) #name,
#define DYNLIB_DEFINE(ret, name, params, args, fail) \
	ret name params \
	{ \
		if (!ready()) \
			return fail; \
		return ((ret(*) params)fns[DYNLIB_I_##name]) args; \
	}
#define DYNLIB_DEFINE_V(name, params, args) \
	void name params \
	{ \
		if (ready()) \
			((void(*) params)fns[DYNLIB_I_##name]) args; \
	}

#endif
