/* procstat: /proc/self/status, one bounded line at a time. */
#include "io/procstat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

long procstat_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	size_t n = strlen(field);
	long kb = 0;
	while (f && fgets(line, sizeof line, f)) {
		if (strncmp(line, field, n) == 0 && line[n] == ':') {
			kb = strtol(line + n + 1, NULL, 10);
			break;
		}
	}
	if (f)
		fclose(f);
	return kb;
}
