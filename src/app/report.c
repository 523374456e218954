/* report: placeholder until implemented. */
#include "app/report.h"

#include <stdio.h>

int report_history(const cli_options *o) { (void)o; fputs("unknot: --history not implemented yet\n", stderr); return 2; }
int report_export(const cli_options *o) { (void)o; fputs("unknot: --export not implemented yet\n", stderr); return 2; }
