/* tests/fuzz/fuzz_fleet_msg.c without libFuzzer: replays inputs (see tests/fuzz/replay_main.h). */
#include "fuzz/fuzz_fleet_msg.c"
#include "fuzz/replay_main.h"
