/* dirwatch: notices routine files appearing, changing or going in the
 * routine folders (inotify), without polling.
 *
 * Watches each folder and its direct subfolders (new subfolders too), and
 * the mount table (/proc/self/mountinfo), so a USB stick mounted at a
 * routine folder or below it counts as a change. A background thread waits
 * on those; once changes have settled for DIRWATCH_SETTLE_MS (a copy of many
 * files is one change) it calls wake(user) from that thread. The main thread
 * then asks dirwatch_take() and rescans.
 */
#ifndef UNKNOT_DIRWATCH_H
#define UNKNOT_DIRWATCH_H

#include <stdbool.h>
#include <stddef.h>

#define DIRWATCH_SETTLE_MS 300

typedef struct dirwatch dirwatch;

/* Called from the watcher thread: must be thread-safe (e.g. SDL_PushEvent). */
typedef void (*dirwatch_wake_fn)(void *user);

/* Starts watching dirs (copied; folders that do not exist are skipped). NULL
 * on failure with the reason in err (no inotify, out of watches, ...).
 * Caller frees with dirwatch_free(). */
dirwatch *dirwatch_new(const char *const *dirs, size_t n, dirwatch_wake_fn wake, void *user,
                       char *err, size_t errsize);

/* Stops the thread and frees. NULL is fine. */
void dirwatch_free(dirwatch *w);

/* Whether anything changed since the last call (and clears it). */
bool dirwatch_take(dirwatch *w);

/* How many folders are watched now (for logs and tests). */
size_t dirwatch_count(dirwatch *w);

#endif
