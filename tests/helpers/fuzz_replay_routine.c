/* tests/fuzz/fuzz_routine.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_routine.c"
#include "fuzz/replay_main.h"
