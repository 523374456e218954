/* report: the --history and --export modes (figures from the journal). */
#ifndef UNKNOT_REPORT_H
#define UNKNOT_REPORT_H

#include <stdbool.h>

#include "app/cli.h"

/* unknot --history [--json]. */
int report_history(const cli_options *o);
/* unknot --export csv. */
int report_export(const cli_options *o);

#endif
