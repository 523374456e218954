/* tests/fuzz/fuzz_config.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_config.c"
#include "fuzz/replay_main.h"
