/* app: the SDL application: screens, main loop, wiring of core and io. */
#ifndef UNKNOT_APP_H
#define UNKNOT_APP_H

#include <stdbool.h>

#include "app/cli.h"

/* The full-screen SDL app. Returns the exit code. */
int app_main(const cli_options *o);

#endif
