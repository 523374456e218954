/* mqttlib: libmosquitto is not in the process until it is asked for (the
 * binaries do not link it), then every function the fleet calls is there
 * and works; a missing library, a library without the functions and the
 * UNKNOT_MQTT_LIB test hook give an error naming the library, the symbol and
 * the package to install. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>
#include <mqtt_protocol.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/mqttlib.h"

/* Whether a mapping of this process names `lib`. */
static int mapped(const char *lib)
{
	FILE *f = fopen("/proc/self/maps", "r");
	assert_non_null(f);
	char line[512];
	int found = 0;
	while (!found && fgets(line, sizeof line, f))
		found = strstr(line, lib) != NULL;
	fclose(f);
	return found;
}

static void test_loads_on_demand(void **state)
{
	(void)state;
	unsetenv("UNKNOT_MQTT_LIB");
	assert_false(mapped("libmosquitto.so"));
	assert_false(mapped("libssl.so"));
	char err[512] = "";
	mqttlib *m = mqttlib_load(NULL, err, sizeof err);
	assert_non_null(m);
	assert_string_equal(err, "");
	assert_true(mapped("libmosquitto.so")); /* the file: libmosquitto.so.2.0.11 */
#define CHECK_FN(name) assert_non_null((void *)m->name);
	MQTTLIB_FUNCS(CHECK_FN)
#undef CHECK_FN
	/* the pointers are the library's own functions */
	assert_string_equal(m->strerror(MOSQ_ERR_NOMEM), "Out of memory.");
	assert_string_equal(m->reason_string(MQTT_RC_NOT_AUTHORIZED), "Not authorized");
	assert_int_equal(m->lib_init(), MOSQ_ERR_SUCCESS);
	struct mosquitto *c = m->new("test_mqttlib", true, NULL);
	assert_non_null(c);
	assert_int_equal(m->socket(c), -1); /* not connected */
	m->destroy(c);
	mqttlib_free(m);
	mqttlib_free(NULL);
}

static void test_missing_library(void **state)
{
	(void)state;
	char err[512];
	assert_null(mqttlib_load("/nonexistent/libmosquitto.so.1", err, sizeof err));
	/* the path once, then the loader's reason */
	assert_string_equal(err, "cannot load /nonexistent/libmosquitto.so.1: cannot open shared object "
	                         "file: No such file or directory; install libmosquitto1");
}

static void test_library_without_the_functions(void **state)
{
	(void)state;
	char err[512];
	assert_null(mqttlib_load("libm.so.6", err, sizeof err));
	assert_string_equal(err, "cannot load libm.so.6: it has no mosquitto_lib_init "
	                         "(libmosquitto 1.6 or later needed); install libmosquitto1");
}

static void test_hook(void **state)
{
	(void)state;
	char err[512];
	setenv("UNKNOT_MQTT_LIB", "/nonexistent.so", 1);
	assert_null(mqttlib_load(NULL, err, sizeof err));
	unsetenv("UNKNOT_MQTT_LIB");
	assert_non_null(strstr(err, "cannot load /nonexistent.so: "));
	assert_non_null(strstr(err, "; install libmosquitto1"));
	/* a short buffer is cut, never overrun */
	char small[16];
	assert_null(mqttlib_load("/nonexistent.so", small, sizeof small));
	assert_string_equal(small, "cannot load /no");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loads_on_demand),
		cmocka_unit_test(test_missing_library),
		cmocka_unit_test(test_library_without_the_functions),
		cmocka_unit_test(test_hook),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
