/* libFuzzer target for the --simulate/--input script parser (script_parse).
 * Built and run by tests/fuzz/run.sh (`make fuzz`), not by `make test`.
 *
 * Checks on every input: no crash, leak or undefined behaviour; an error
 * names "LINE:COLUMN: " and leaves no events; a parsed script has times that
 * never go back, line numbers that grow, NUL-terminated key names, and edges
 * that are 0 or 1.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/script.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	script s;
	char err[256];
	memset(&s, 0, sizeof s);
	memset(err, 0, sizeof err);
	int rc = script_parse(&s, (const char *)data, size, err, sizeof err);
	if (rc == -1) {
		char *end;
		if (s.events != NULL || s.count != 0)
			abort();
		long line = strtol(err, &end, 10);
		if (line < 1 || *end != ':')
			abort();
		long col = strtol(end + 1, &end, 10);
		if (col < 1 || *end != ':')
			abort();
	} else if (rc == 0) {
		uint64_t prev = 0;
		int prev_line = 0;
		for (size_t i = 0; i < s.count; i++) {
			const script_event *e = &s.events[i];
			if (e->ms < prev || e->line <= prev_line || (e->down != 0 && e->down != 1) ||
			    e->input < SCRIPT_PEDAL || e->input > SCRIPT_TOUCH ||
			    memchr(e->key, '\0', sizeof e->key) == NULL)
				abort();
			prev = e->ms;
			prev_line = e->line;
		}
	} else {
		abort();
	}
	script_free(&s);
	return 0;
}
