/* tests/fuzz/fuzz_script.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_script.c"
#include "fuzz/replay_main.h"
