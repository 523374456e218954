/* tests/fuzz/fuzz_journal.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_journal.c"
#include "fuzz/replay_main.h"
