/* tests/fuzz/fuzz_mocat.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_mocat.c"
#include "fuzz/replay_main.h"
