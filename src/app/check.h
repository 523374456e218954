/* check: the --check and --plan modes. */
#ifndef UNKNOT_CHECK_H
#define UNKNOT_CHECK_H

#include <stdbool.h>

#include "app/cli.h"

/* unknot --check FILE...: returns 0 when all are valid, 1 otherwise. */
int check_files(char **files, int n);
/* unknot --plan FILE [--json]: prints the timeline. Returns 0, or 1 if invalid. */
int check_plan(const char *file, bool json);

#endif
