/* painmapfile: reads and parses the pain finder's data (assets/painmap.json,
 * found with paths_asset), and finds the bundled routine folder. */
#ifndef UNKNOT_PAINMAPFILE_H
#define UNKNOT_PAINMAPFILE_H

#include <stddef.h>

#include "core/painmap.h"

/* The parsed map, or NULL with a one-line reason naming the file (and the
 * line, column and field) in err. Caller frees with painmap_free(). */
painmap *painmapfile_load(char *err, size_t errsize);

/* The bundled routine folder (the routines/ beside the assets folder: ./routines
 * in a source tree, DATADIR/routines when installed) into out. 0, or -1 when
 * there is none. */
int painmapfile_bundled_dir(char *out, size_t size);

#endif
