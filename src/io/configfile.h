/* configfile: reads the configuration layers into a config.
 *
 * Order (README "Configuration"): the defaults, then /etc/unknot/config.json
 * (paths_sysconf_dir), then the user's ~/.config/unknot/config.json
 * ($XDG_CONFIG_HOME) parsed over it; command-line flags are applied by the
 * caller afterwards. --config FILE or $UNKNOT_CONFIG: that file alone (it
 * must exist). A layer that does not exist is skipped.
 */
#ifndef UNKNOT_CONFIGFILE_H
#define UNKNOT_CONFIGFILE_H

#include <stddef.h>

#include "core/config.h"

#define CONFIGFILE_MAX_BYTES (256 * 1024)

/* Fills *cfg from the layers (explicit_path: --config FILE, or NULL). On
 * error returns -1, leaves the defaults in *cfg and writes
 * "FILE:LINE:COLUMN: key: what is wrong" or "FILE: reason" into err. `used`
 * (may be NULL) gets the files read, comma-separated, or "defaults". */
int configfile_load(config *cfg, const char *explicit_path, char *err, size_t errsize,
                    char *used, size_t usedsize);

#endif
