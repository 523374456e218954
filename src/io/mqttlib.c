/* mqttlib: libmosquitto through dlopen (see mqttlib.h). */
#include "io/mqttlib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/dynlib.h"

/* dlsym, remembering the first symbol that is missing. */
static void *mqttlib_find(void *handle, const char *symbol, const char **missing)
{
	void *fn = dlsym(handle, symbol);
	if (!fn && !*missing)
		*missing = symbol;
	return fn;
}

mqttlib *mqttlib_load(const char *path, char *err, size_t errsize)
{
	if (!path) {
		const char *hook = getenv("UNKNOT_MQTT_LIB"); /* test hook, see mqttlib.h */
		path = hook && hook[0] ? hook : MQTTLIB_SONAME;
	}
	mqttlib *m = calloc(1, sizeof *m);
	if (!m) {
		snprintf(err, errsize, "cannot load %s: out of memory", path);
		return NULL;
	}
	m->handle = dynlib_open(path, err, errsize);
	if (!m->handle) {
		size_t len = strlen(err);
		if (len < errsize) /* what to do about it */
			snprintf(err + len, errsize - len, "; install %s", MQTTLIB_PACKAGE);
		free(m);
		return NULL;
	}
	const char *missing = NULL;
	/* POSIX: the address dlsym gives for a function converts to its pointer type */
#define MQTTLIB_RESOLVE(name) \
	m->name = (__typeof__(m->name))mqttlib_find(m->handle, "mosquitto_" #name, &missing);
	MQTTLIB_FUNCS(MQTTLIB_RESOLVE)
#undef MQTTLIB_RESOLVE
	if (missing) {
		/* too old (MQTT v5 came in 1.6) or not libmosquitto at all */
		snprintf(err, errsize, "cannot load %s: it has no %s (libmosquitto 1.6 or later needed); install %s",
		         path, missing, MQTTLIB_PACKAGE);
		mqttlib_free(m);
		return NULL;
	}
	return m;
}

void mqttlib_free(mqttlib *m)
{
	if (!m)
		return;
	if (m->handle)
		dlclose(m->handle);
	free(m);
}
