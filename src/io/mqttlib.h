/* mqttlib: libmosquitto, opened only when the fleet needs it (issue 22).
 *
 * unknot does not link libmosquitto: a station that never reports to a
 * broker would otherwise map it and the libssl and libcrypto it pulls in
 * (1.7 MB of RSS) and pay their relocations at every launch. The fleet
 * (src/io/fleet*.c) opens it with mqttlib_load() and calls every mosquitto_*
 * function through the table below: one pointer per function it uses, typed
 * from <mosquitto.h> (which is still included at build time), so a call
 * through the table is checked by the compiler like a direct call.
 *
 * Adding a call to another mosquitto_ function: add its name (without the
 * prefix) to MQTTLIB_FUNCS, then call it as m->NAME(...).
 *
 * Test hook: UNKNOT_MQTT_LIB=PATH makes mqttlib_load(NULL, ...) open PATH
 * instead of libmosquitto.so.1 (tests/e2e/fleet_nolib.sh hides the library
 * with UNKNOT_MQTT_LIB=/nonexistent.so; a system library cannot be hidden
 * with LD_LIBRARY_PATH).
 */
#ifndef UNKNOT_MQTTLIB_H
#define UNKNOT_MQTTLIB_H

#include <stddef.h>

#include <mosquitto.h>

#define MQTTLIB_SONAME "libmosquitto.so.1"
#define MQTTLIB_PACKAGE "libmosquitto1" /* the Debian package that holds it */

/* Every mosquitto_NAME the fleet calls, by NAME. */
#define MQTTLIB_FUNCS(X)                                                                  \
	X(lib_init) X(new) X(destroy) X(int_option) X(username_pw_set) X(tls_set)         \
	X(will_set_v5) X(connect_bind_v5) X(disconnect_v5) X(publish_v5) X(subscribe_v5) \
	X(connect_v5_callback_set) X(disconnect_v5_callback_set)                          \
	X(publish_v5_callback_set) X(message_v5_callback_set) X(log_callback_set)         \
	X(loop_read) X(loop_write) X(loop_misc) X(socket) X(want_write)                   \
	X(property_add_int32) X(property_free_all) X(strerror) X(reason_string)

/* The table: m->publish_v5 is mosquitto_publish_v5, and so on. */
typedef struct mqttlib {
#define MQTTLIB_FIELD(name) __typeof__(mosquitto_##name) *name;
	MQTTLIB_FUNCS(MQTTLIB_FIELD)
#undef MQTTLIB_FIELD
	void *handle; /* from dlopen, for mqttlib_free */
} mqttlib;

/* Opens path (NULL: $UNKNOT_MQTT_LIB if set, else libmosquitto.so.1) with
 * dlopen(RTLD_NOW | RTLD_LOCAL) and resolves every function of
 * MQTTLIB_FUNCS. A missing library or function returns NULL with a message
 * naming the library and the symbol, and what to install, in err. Calls no
 * library function (mosquitto_lib_init is the caller's). Caller frees with
 * mqttlib_free(). */
mqttlib *mqttlib_load(const char *path, char *err, size_t errsize);

/* dlclose and free. NULL is fine. Nothing from the library (a client, a
 * callback it holds) may outlive it. */
void mqttlib_free(mqttlib *m);

#endif
