/* simulate: placeholder until implemented. */
#include "app/simulate.h"

#include <stdio.h>

int simulate_main(const cli_options *o) { (void)o; fputs("unknot: --simulate not implemented yet\n", stderr); return 2; }
