/* bodymapfile: reads and parses the bundled body map (assets/bodymap.json,
 * found with paths_asset), so the ui gets the parsed map and opens no file.
 * The parsed, triangulated map is kept packed (core/bodymap_pack.h) in the
 * cache folder (that of the library index: $CACHE_DIRECTORY,
 * $XDG_CACHE_HOME/unknot or ~/.cache/unknot), as bodymap-HASH.bin, HASH
 * that of the JSON's bytes: later launches unpack it instead of parsing
 * (issue 22: 40 M instructions, a quarter of the start-up). A missing,
 * stale or corrupt pack is parsed over and written again. */
#ifndef UNKNOT_BODYMAPFILE_H
#define UNKNOT_BODYMAPFILE_H

#include <stddef.h>

#include "core/bodymap.h"

/* The parsed map, or NULL with a one-line reason naming the file in err.
 * Caller frees with bodymap_free() (or hands it to bodymap_view_new()). */
bodymap *bodymapfile_load(char *err, size_t errsize);

#endif
