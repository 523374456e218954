/* finder_make: the app's "Make my routine" (the finder_make effect of
 * app/ctl.h; issue 20). Builds the routine for the selected pain areas with
 * the same code as --build-routine (app/finder_build.c, default 8 minutes)
 * and, at home, keeps it in the user's routine folder under a new safe name
 * (paths_user_routines_dir: where-it-hurts-temple-left.json, -2, -3 ... never
 * overwriting), an ordinary routine file the user can edit; in a kiosk it
 * stays in memory for the session.
 */
#ifndef UNKNOT_FINDER_MAKE_H
#define UNKNOT_FINDER_MAKE_H

#include <stdbool.h>
#include <stddef.h>

#include "core/routine.h"

typedef struct finder_maker finder_maker;

/* A maker (the painmap and the bundled routines are read on first use).
 * NULL when out of memory. Caller frees. */
finder_maker *finder_make_new(void);
void finder_make_free(finder_maker *fm); /* NULL is fine; frees every routine made */

/* The routine for the n areas ("temple:left", "low-back"), saved when
 * `save`. Returns it (owned by fm, valid until finder_make_free) and *path
 * the file written (unsaved: its title), or NULL with a one-line reason in
 * err. */
const routine *finder_make_routine(finder_maker *fm, const char *const *areas, size_t n, bool save,
                                   const char **path, char *err, size_t errsize);

#endif
