/* libFuzzer target for config.json (config_parse). Built and run by
 * tests/fuzz/run.sh (`make fuzz`), not by `make test` (it needs clang).
 *
 * Checks on every input: no crash, leak or undefined behaviour; an error
 * always comes with a "LINE:COLUMN: " message; a parsed config keeps the
 * documented ranges (volume 0..100, rotate a multiple of 90, at most
 * GESTURE_MAX_INPUTS pedals of at most CONFIG_MAX_KEYS NUL-terminated keys).
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	config cfg;
	char err[256];
	config_default(&cfg);
	memset(err, 0, sizeof err);
	int rc = config_parse(&cfg, (const char *)data, size, err, sizeof err);
	if (rc != 0 && rc != -1)
		abort();
	if (rc == -1) {
		/* "LINE:COLUMN: ..." with both numbers >= 1 */
		char *end;
		long line = strtol(err, &end, 10);
		if (line < 1 || *end != ':')
			abort();
		long col = strtol(end + 1, &end, 10);
		if (col < 1 || *end != ':')
			abort();
		return 0;
	}
	if (cfg.volume < 0 || cfg.volume > 100 || cfg.rotate % 90 != 0 ||
	    cfg.rotate < 0 || cfg.rotate > 270 || cfg.npedals > GESTURE_MAX_INPUTS)
		abort();
	check_str(cfg.font, sizeof cfg.font);
	check_str(cfg.profile, sizeof cfg.profile);
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
	return 0;
}
