/* gpu: a render node with a drawing driver behind it (see gpu.h). */
#include "io/gpu.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Kernel DRM drivers with a render node but nothing that draws. */
static const char *const gpu_no_draw[] = { "vgem", "vkms" };

/* The kernel driver of /dev/dri/NODE into out, or "" when unknown. */
static void node_driver(const char *node, char *out, size_t size)
{
	char link[300], target[300];
	snprintf(link, sizeof link, "/sys/class/drm/%s/device/driver", node);
	ssize_t n = readlink(link, target, sizeof target - 1);
	out[0] = '\0';
	if (n <= 0)
		return;
	target[n] = '\0';
	const char *slash = strrchr(target, '/');
	snprintf(out, size, "%.63s", slash ? slash + 1 : target);
}

bool gpu_present(char *driver, size_t size)
{
	if (size)
		driver[0] = '\0';
	DIR *d = opendir("/dev/dri");
	if (!d)
		return false;
	bool found = false;
	struct dirent *de;
	while (!found && (de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "renderD", 7) != 0)
			continue;
		char name[64];
		node_driver(de->d_name, name, sizeof name);
		found = true;
		for (size_t i = 0; i < sizeof gpu_no_draw / sizeof gpu_no_draw[0]; i++)
			if (strcmp(name, gpu_no_draw[i]) == 0)
				found = false;
		if (found && size)
			snprintf(driver, size, "%.63s", name[0] ? name : de->d_name);
	}
	closedir(d);
	return found;
}
