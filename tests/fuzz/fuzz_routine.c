/* libFuzzer target for the routine loader (jsonpos scanner + validator +
 * timeline). Not part of `make test` (it needs clang): `make fuzz` or
 * `sh tests/fuzz/run.sh [SECONDS] [routine]` builds and runs it.
 *
 * Checks the loader's promises on every input: no crash or leak, a routine
 * exactly when there is no error, every diagnostic placed inside the text,
 * start times cumulative and the total within the 4-hour limit, every
 * accessor readable on every entry, diagnostics formatted within bounds.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/routine.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	routine_diags d = { 0 };
	routine *r = routine_parse("fuzz.json", (const char *)data, size, &d);
	if ((r != NULL) != (d.errors == 0))
		abort();
	for (size_t i = 0; i < d.count; i++) {
		if (size > 0 && size <= ROUTINE_MAX_FILE_BYTES &&
		    (d.items[i].line < 1 || d.items[i].column < 1 || (size_t)d.items[i].column > size + 1))
			abort();
		/* what --check prints for it: always terminated, never overflowing */
		char buf[512];
		routine_diag_format(&d.items[i], "fuzz.json", buf, sizeof buf);
		if (memchr(buf, '\0', sizeof buf) == NULL)
			abort();
	}
	if (r) {
		uint32_t t = 0;
		for (size_t i = 0; i < routine_length(r); i++) {
			if (routine_entry_at(r, i)->start_s != t)
				abort();
			t += routine_entry_at(r, i)->duration_s;
		}
		if (t != routine_total_s(r) || t > ROUTINE_MAX_TOTAL_S)
			abort();
		/* the accessors the UI and --plan use, on every entry */
		if (routine_title(r) == NULL || routine_entry_at(r, routine_length(r)) != NULL)
			abort();
		(void)(routine_description(r) ? strlen(routine_description(r)) : 0);
		(void)strlen(routine_file(r));
		for (size_t i = 0; i < routine_length(r); i++) {
			const routine_entry *e = routine_entry_at(r, i);
			char mmss[16];
			if (e->index != (int)i + 1 || e->kind < 0 || e->kind >= ROUTINE_KIND_COUNT ||
			    e->tool < 0 || e->tool >= ROUTINE_TOOL_COUNT || e->cues.countdown_s > ROUTINE_MAX_COUNTDOWN_S)
				abort();
			(void)routine_kind_name(e->kind);
			(void)routine_tool_name(e->tool);
			(void)routine_side_name(e->side);
			(void)(e->target ? strlen(e->target) : 0);
			(void)(e->text ? strlen(e->text) : 0);
			(void)(e->refers_to ? strlen(e->refers_to) : 0);
			routine_mmss(e->start_s, mmss, sizeof mmss);
		}
		const char *targets[64];
		routine_tool tools[ROUTINE_TOOL_COUNT];
		size_t nt = routine_targets(r, targets, 64);
		for (size_t i = 0; i < nt && i < 64; i++)
			(void)strlen(targets[i]);
		if (routine_tools(r, tools, ROUTINE_TOOL_COUNT) > ROUTINE_TOOL_COUNT)
			abort();
	}
	routine_free(r);
	routine_diags_free(&d);
	return 0;
}
