/* finder: the pain finder's command line (issue 20; README "Command line").
 *
 *   unknot --areas
 *   unknot --suggest AREA[:left|:right]... [--json]
 *   unknot --build-routine AREA[:side]... -o FILE [--minutes N]
 *
 * Exit codes: 0 success, 1 bad input (an unknown area, a bad side, N out of
 * range, an unwritable FILE, missing data).
 */
#ifndef UNKNOT_FINDER_H
#define UNKNOT_FINDER_H

#include <stdbool.h>

#define FINDER_MINUTES_MIN 5   /* the house rules' routine length, 5-20 min */
#define FINDER_MINUTES_MAX 20
#define FINDER_MINUTES_DEFAULT 8
#define FINDER_MAX_AREAS 64     /* AREA arguments on one command line */

int finder_areas(void);
int finder_suggest(char **args, int n, bool json);
/* minutes: the --minutes value as given, or NULL for the default. */
int finder_build_routine(char **args, int n, const char *out, const char *minutes);

#endif
