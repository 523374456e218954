/* libFuzzer target for config.json (config_parse). Built and run by
 * tests/fuzz/run.sh (`make fuzz`), not by `make test` (it needs clang).
 *
 * Checks on every input: no crash, leak or undefined behaviour; an error
 * always comes with a "LINE:COLUMN: " message; a parsed config keeps the
 * documented ranges (volume 0..100, rotate a multiple of 90, at most
 * GESTURE_MAX_INPUTS pedals of at most CONFIG_MAX_KEYS NUL-terminated keys).
 * Each input is parsed twice, as the config layers are (src/io/configfile.c):
 * over the defaults, and as the user's file over a full /etc/unknot layer;
 * a rejected layer must leave the config it was parsed over untouched.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A fixed-size string field must stay NUL-terminated whatever the input. */
static void check_str(const char *s, size_t size)
{
	if (memchr(s, '\0', size) == NULL)
		abort();
}

/* The checks on one parse of data over *base (a copy is parsed into). */
static void check_parse(const config *base, const uint8_t *data, size_t size)
{
	config cfg = *base;
	char err[256];
	memset(err, 0, sizeof err);
	int rc = config_parse(&cfg, (const char *)data, size, err, sizeof err);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == -1) {
		/* "LINE:COLUMN: ..." with both numbers >= 1, and nothing half-applied */
		char *end;
		long line = strtol(err, &end, 10);
		if (line < 1 || *end != ':')
			abort();
		long col = strtol(end + 1, &end, 10);
		if (col < 1 || *end != ':')
			abort();
		if (memcmp(&cfg, base, sizeof cfg) != 0)
			abort();
		return;
	}
	if (cfg.volume < 0 || cfg.volume > 100 || cfg.rotate % 90 != 0 ||
	    cfg.rotate < 0 || cfg.rotate > 270 || cfg.npedals < 1 || cfg.npedals > GESTURE_MAX_INPUTS ||
	    cfg.nprofiles > CONFIG_MAX_PROFILES || cfg.idle_minutes < 0 || cfg.dim_minutes < 0 ||
	    cfg.pause_timeout_minutes < 0 || cfg.gesture.long_hold_ms <= cfg.gesture.hold_ms)
		abort();
	check_str(cfg.font, sizeof cfg.font);
	check_str(cfg.profile, sizeof cfg.profile);
	check_str(cfg.admin_pin, sizeof cfg.admin_pin);
	for (size_t i = 0; cfg.admin_pin[i]; i++)
		if (cfg.admin_pin[i] < '0' || cfg.admin_pin[i] > '9')
			abort();
	for (size_t i = 0; i < CONFIG_MAX_PROFILES; i++)
		check_str(cfg.profiles[i], sizeof cfg.profiles[i]);
	for (size_t p = 0; p < GESTURE_MAX_INPUTS; p++) {
		const config_pedal *pd = &cfg.pedals[p];
		check_str(pd->line, sizeof pd->line);
		check_str(pd->chip, sizeof pd->chip);
		if (pd->nkeys > CONFIG_MAX_KEYS)
			abort();
		for (size_t k = 0; k < pd->nkeys; k++) {
			check_str(pd->keys[k], sizeof pd->keys[k]);
			/* every configured key maps back to a pedal */
			int in = config_key_input(&cfg, pd->keys[k]);
			if (in < 0 || in >= (int)GESTURE_MAX_INPUTS)
				abort();
		}
	}
	(void)config_key_input(&cfg, "enter");
	(void)config_key_action("escape");
}

/* A full system layer, as /etc/unknot/config.json on a kiosk might be. */
static const char system_layer[] =
	"{ \"mode\": \"kiosk\", \"volume\": 60, \"rotate\": 180, \"profile\": \"gym\",\n"
	"  \"profiles\": [\"gym\", \"staff\"], \"admin_pin\": \"2468\", \"idle_minutes\": 3,\n"
	"  \"gesture\": { \"hold_ms\": 900, \"long_hold_ms\": 4000 },\n"
	"  \"pedals\": [ { \"line\": \"GPIO17\", \"keys\": [\"space\"] },\n"
	"              { \"chip\": \"gpiochip0\", \"offset\": 27, \"tap\": \"pause\" } ] }\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static config defaults, layered;
	static int ready;
	if (!ready) {
		char err[256];
		config_default(&defaults);
		layered = defaults;
		if (config_parse(&layered, system_layer, sizeof system_layer - 1, err, sizeof err) != 0)
			abort();
		ready = 1;
	}
	check_parse(&defaults, data, size);
	check_parse(&layered, data, size);
	return 0;
}
