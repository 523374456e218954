/* paths: where unknot's files live (XDG, systemd and install locations), and
 * reading a whole file with a size limit.
 *
 * Every function that returns a path writes it into a caller-supplied buffer
 * and returns 0, or -1 when it does not fit / cannot be determined.
 */
#ifndef UNKNOT_PATHS_H
#define UNKNOT_PATHS_H

#include <errno.h>
#include <stddef.h>

#define PATHS_MAX 4096
#define PATHS_MAX_ROUTINE_DIRS 6

/* Routine folders in search order: $UNKNOT_ROUTINES, ~/.local/share/unknot/routines
 * ($XDG_DATA_HOME/unknot/routines), paths_fleet_routines_dir(), SYSCONF/routines (/etc/unknot/routines),
 * UNKNOT_DATADIR/routines, ./routines. Only folders that exist are returned.
 * Returns how many were written to dirs (each PATHS_MAX bytes). */
size_t paths_routine_dirs(char dirs[][PATHS_MAX], size_t max);

/* The user's own routine folder, where the pain finder keeps the routines it
 * makes: $UNKNOT_ROUTINES, else $XDG_DATA_HOME/unknot/routines, else
 * ~/.local/share/unknot/routines (it may not exist yet: paths_mkdirs). */
int paths_user_routines_dir(char *out, size_t size);

/* Where the fleet (io/fleet.h) keeps routines pushed by the gym's manager:
 * $XDG_DATA_HOME/unknot/fleet-routines, else ~/.local/share/unknot/fleet-routines. */
int paths_fleet_routines_dir(char *out, size_t size);

/* The journal: $STATE_DIRECTORY/journal.jsonl (systemd), else
 * $XDG_STATE_HOME/unknot/journal.jsonl, else ~/.local/state/unknot/journal.jsonl.
 * A non-empty profile name gives journal-PROFILE.jsonl in the same folder. */
int paths_journal(char *out, size_t size, const char *profile);

/* The config file: $UNKNOT_CONFIG, else $XDG_CONFIG_HOME/unknot/config.json,
 * else ~/.config/unknot/config.json, else SYSCONF/config.json (the first
 * that exists; the user one when none does). */
int paths_config(char *out, size_t size);

/* The system-wide config folder: $UNKNOT_SYSCONFDIR when set (tests), else
 * the build's UNKNOT_SYSCONFDIR (default /etc/unknot). Holds config.json and
 * routines/. */
int paths_sysconf_dir(char *out, size_t size);

/* The config files to read in order, each parsed over the one before:
 * $UNKNOT_CONFIG alone when set (*single = 1: it must exist); else
 * SYSCONF/config.json, then the user's ($XDG_CONFIG_HOME/unknot/config.json,
 * else ~/.config/unknot/config.json), existing or not (*single = 0: a missing
 * one is skipped). Returns how many were written to files (max >= 2). */
size_t paths_config_files(char files[][PATHS_MAX], size_t max, int *single);

/* The user's config folder ($XDG_CONFIG_HOME/unknot or ~/.config/unknot), where
 * sound overrides (sounds/NAME.wav) and the first-run marker live. */
int paths_config_dir(char *out, size_t size);

/* A bundled asset: the first of ./assets/REL, UNKNOT_DATADIR/assets/REL,
 * EXEDIR/../share/unknot/assets/REL (an install under any prefix), then
 * EXEDIR/assets/REL and EXEDIR/../assets/REL (a source tree's ./unknot or
 * build/unknot started from another folder) that exists. */
int paths_asset(char *out, size_t size, const char *rel);

/* Creates a folder and its parents (mode 0755). Returns 0 or -1 (errno). */
int paths_mkdirs(const char *dir);

/* errno from paths_read_file() for a FIFO or a socket (ENODEV's own text
 * does not say it: print paths_strerror()). */
#define PATHS_ENOTREG ENODEV

/* Reads a whole file into a NUL-terminated heap buffer. Fails (NULL, errno
 * set; EFBIG when larger than max; PATHS_ENOTREG for a FIFO or a socket,
 * which would read as empty or block) and leaves *len alone on error.
 * Devices (/dev/null) are read. Caller frees. */
char *paths_read_file(const char *path, size_t max, size_t *len);

/* The same from an open descriptor (standard input may be a pipe); the
 * descriptor is left open. Caller frees. */
char *paths_read_fd(int fd, size_t max, size_t *len);

/* strerror(), with a plain reason for PATHS_ENOTREG. */
const char *paths_strerror(int err);

#endif
