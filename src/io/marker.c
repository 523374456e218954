/* marker: flag files in the config folder. */
#include "io/marker.h"

#include <errno.h>
#include <stdio.h>

#include "io/paths.h"

/* DIR/name, or -1 when there is no config folder or the path is too long. */
static int marker_path(char *out, size_t size, const char *name, bool mkdirs)
{
	char dir[PATHS_MAX];
	if (paths_config_dir(dir, sizeof dir) < 0 || (mkdirs && paths_mkdirs(dir) < 0))
		return -1;
	int n = snprintf(out, size, "%s/%s", dir, name);
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

bool marker_exists(const char *name)
{
	char p[PATHS_MAX];
	if (marker_path(p, sizeof p, name, false) < 0)
		return false;
	FILE *f = fopen(p, "r");
	if (f)
		fclose(f);
	return f != NULL;
}

int marker_save(const char *name, const char *text)
{
	char p[PATHS_MAX];
	if (marker_path(p, sizeof p, name, true) < 0)
		return -1;
	FILE *f = fopen(p, "w");
	if (!f)
		return -1;
	fputs(text, f);
	return fclose(f) == 0 ? 0 : -1;
}
