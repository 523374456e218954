/* tests/fuzz/fuzz_bodymap_pack.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_bodymap_pack.c"
#include "fuzz/replay_main.h"
