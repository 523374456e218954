/* marker: small flag files in the user's config folder, such as
 * "safety-accepted" (the safety screen was accepted once, home mode). */
#ifndef UNKNOT_MARKER_H
#define UNKNOT_MARKER_H

#include <stdbool.h>

/* Whether the marker `name` exists in paths_config_dir(). */
bool marker_exists(const char *name);

/* Creates the marker `name` (the folder too) holding `text`. Returns 0 or -1
 * (errno set); a failure is not reported: the marker is a convenience. */
int marker_save(const char *name, const char *text);

#endif
