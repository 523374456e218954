/* profiles: journal-NAME.jsonl files next to the default journal. */
#include "io/profiles.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "io/paths.h"

size_t profiles_scan(char ids[][PROFILES_ID_MAX], size_t max)
{
	char path[PATHS_MAX];
	if (paths_journal(path, sizeof path, NULL) < 0)
		return 0;
	char *slash = strrchr(path, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	DIR *d = opendir(path);
	if (!d)
		return 0;
	size_t n = 0;
	struct dirent *de;
	while (n < max && (de = readdir(d)) != NULL) {
		size_t l = strlen(de->d_name);
		if (l > 14 && strncmp(de->d_name, "journal-", 8) == 0 && strcmp(de->d_name + l - 6, ".jsonl") == 0)
			snprintf(ids[n++], PROFILES_ID_MAX, "%.*s", (int)(l - 14), de->d_name + 8);
	}
	closedir(d);
	return n;
}
