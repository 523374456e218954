/* libFuzzer target for the routine loader (jsonpos scanner + validator +
 * timeline). Not part of `make test` (it needs clang); run it with:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_POSIX_C_SOURCE=200809L \
 *     -D_DEFAULT_SOURCE -Isrc -I/usr/include/cjson tests/fuzz/fuzz_routine.c \
 *     src/core/routine.c src/core/jsonpos.c src/core/utf8.c src/core/suggest.c \
 *     -lcjson -o /tmp/fuzz_routine
 *   /tmp/fuzz_routine -max_len=4096 tests/data/routines/good tests/data/routines/bad
 *
 * Checks the loader's promises on every input: no crash or leak, a routine
 * exactly when there is no error, every diagnostic placed inside the text,
 * start times cumulative and the total within the 4-hour limit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "core/routine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	routine_diags d = { 0 };
	routine *r = routine_parse("fuzz.json", (const char *)data, size, &d);
	if ((r != NULL) != (d.errors == 0))
		abort();
	for (size_t i = 0; i < d.count; i++)
		if (size > 0 && size <= ROUTINE_MAX_FILE_BYTES &&
		    (d.items[i].line < 1 || d.items[i].column < 1 || (size_t)d.items[i].column > size + 1))
			abort();
	if (r) {
		uint32_t t = 0;
		for (size_t i = 0; i < routine_length(r); i++) {
			if (routine_entry_at(r, i)->start_s != t)
				abort();
			t += routine_entry_at(r, i)->duration_s;
		}
		if (t != routine_total_s(r) || t > ROUTINE_MAX_TOTAL_S)
			abort();
	}
	routine_free(r);
	routine_diags_free(&d);
	return 0;
}
