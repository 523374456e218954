/* marker: flag files in the config folder. */
#include "io/marker.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <string.h>
#include <fcntl.h>

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
	struct stat st;
	return lstat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int marker_save(const char *name, const char *text)
{
	char p[PATHS_MAX];
	if (marker_path(p, sizeof p, name, true) < 0)
		return -1;
	/* a config write: never through a link left at the name, never a FIFO */
	int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	size_t len = strlen(text);
	bool ok = write(fd, text, len) == (ssize_t)len;
	return close(fd) == 0 && ok ? 0 : -1;
}
