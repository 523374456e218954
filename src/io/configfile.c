/* configfile: the configuration layers (see configfile.h). */
#include "io/configfile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "io/paths.h"

/* Appends a file name to the comma-separated list of files read. */
static void configfile_note(char *used, size_t usedsize, const char *path)
{
	if (!used || !usedsize)
		return;
	size_t n = strlen(used);
	snprintf(used + n, usedsize - n, "%s%s", n ? ", " : "", path);
}

/* Parses one layer over *cfg. Returns 1 when it does not exist (and may be
 * skipped), 0 when read, -1 on error (err filled). */
static int configfile_layer(config *cfg, const char *path, char *err, size_t errsize)
{
	size_t len = 0;
	char *text = paths_read_file(path, CONFIGFILE_MAX_BYTES, &len);
	if (!text) {
		if (errno == ENOENT)
			return 1;
		snprintf(err, errsize, "%s: %s", path, errno == EFBIG ? _("larger than 256 KiB") : paths_strerror(errno));
		return -1;
	}
	char msg[512];
	config_error e;
	int rc = config_parse_e(cfg, text, len, &e);
	free(text);
	if (rc < 0) {
		/* the message in the user's language, after the same FILE:LINE:COL: PATH: */
		snprintf(err, errsize, "%s:%s", path, config_error_format(&e, i18n_tr, msg, sizeof msg));
		return -1;
	}
	return 0;
}

int configfile_load(config *cfg, const char *explicit_path, char *err, size_t errsize,
                    char *used, size_t usedsize)
{
	char files[2][PATHS_MAX];
	size_t n;
	int single = 0;
	if (used && usedsize)
		used[0] = '\0';
	config_default(cfg);
	if (explicit_path && explicit_path[0]) {
		snprintf(files[0], sizeof files[0], "%s", explicit_path);
		n = 1;
		single = 1;
	} else {
		n = paths_config_files(files, 2, &single);
	}
	for (size_t i = 0; i < n; i++) {
		int rc = configfile_layer(cfg, files[i], err, errsize);
		if (rc == 1 && single) {
			snprintf(err, errsize, "%s: %s", files[i], strerror(ENOENT));
			rc = -1;
		}
		if (rc < 0) {
			config_default(cfg);
			if (used && usedsize)
				used[0] = '\0';
			return -1;
		}
		if (rc == 0)
			configfile_note(used, usedsize, files[i]);
	}
	if (used && usedsize && !used[0])
		snprintf(used, usedsize, "defaults");
	return 0;
}
