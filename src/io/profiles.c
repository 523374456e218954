/* profiles: journal-NAME.jsonl files next to the default journal (NAME
 * encoded by core/profname.h). */
#include "io/profiles.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "core/profname.h"
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
		char enc[256];
		if (l > 14 && l - 14 < sizeof enc && strncmp(de->d_name, "journal-", 8) == 0 &&
		    strcmp(de->d_name + l - 6, ".jsonl") == 0) {
			/* the name back from its encoded file name; a file this app
			 * would not have named is no profile */
			snprintf(enc, sizeof enc, "%.*s", (int)(l - 14), de->d_name + 8);
			if (profname_decode(enc, ids[n], PROFILES_ID_MAX) == 0)
				n++;
		}
	}
	closedir(d);
	return n;
}
