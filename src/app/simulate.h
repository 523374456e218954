/* simulate: the --simulate mode: engine + recogniser on a virtual clock, headless. */
#ifndef UNKNOT_SIMULATE_H
#define UNKNOT_SIMULATE_H

#include <stdbool.h>

#include "app/cli.h"

/* unknot --simulate ROUTINE --input SCRIPT [--journal FILE] [--config FILE]. */
int simulate_main(const cli_options *o);

#endif
