/* tests/fuzz/fuzz_journal_line.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_journal_line.c"
#include "fuzz/replay_main.h"
