/* tests/fuzz/fuzz_bodymap.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_bodymap.c"
#include "fuzz/replay_main.h"
