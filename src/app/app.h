/* app: the SDL application: screens, main loop, wiring of core and io. */
#ifndef UNKNOT_APP_H
#define UNKNOT_APP_H

#include <stdbool.h>

#include "app/cli.h"

/* Exit status of the kiosk's admin exit (corner held 5 s, right PIN, "Leave
 * kiosk"): systemd/unknot.service neither restarts it nor counts it as a
 * failure (RestartPreventExitStatus=/SuccessExitStatus=). */
#define APP_EXIT_ADMIN 64

/* The full-screen SDL app. Returns the exit code. */
int app_main(const cli_options *o);

#endif
