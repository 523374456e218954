/* check: placeholder until implemented. */
#include "app/check.h"

#include <stdio.h>

int check_files(char **files, int n) { (void)files; (void)n; fputs("unknot: --check not implemented yet\n", stderr); return 2; }
int check_plan(const char *file, bool json) { (void)file; (void)json; fputs("unknot: --plan not implemented yet\n", stderr); return 2; }
