/* bodymapfile: reads and parses the bundled body map (assets/bodymap.json,
 * found with paths_asset), so the ui gets the parsed map and opens no file. */
#ifndef UNKNOT_BODYMAPFILE_H
#define UNKNOT_BODYMAPFILE_H

#include <stddef.h>

#include "core/bodymap.h"

/* The parsed map, or NULL with a one-line reason naming the file in err.
 * Caller frees with bodymap_free() (or hands it to bodymap_view_new()). */
bodymap *bodymapfile_load(char *err, size_t errsize);

#endif
