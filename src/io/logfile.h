/* logfile: the journal file, append-only and crash-safe.
 *
 * The file is opened O_APPEND and every line goes out in a single write(), so
 * a kill -9 or a power cut loses at most the line being written and never
 * touches earlier ones; the file is never rewritten in place. fsync() is
 * called where the caller says (session start/end, each discomfort). When
 * the file was left with a torn last line (no final '\n': a crash or power
 * loss mid-write), logfile_open() cuts that incomplete line off before
 * appending, so every line but possibly the last is always whole JSON.
 *
 * Failures (read-only folder, full disk, ...) are reported once on stderr
 * ("unknot: journal FILE: REASON; this session is not being recorded") and
 * later writes are skipped, so the caller can simply carry on;
 * logfile_retry() (at the next session start) tries the file again.
 *
 * A journal deleted (or moved away) while open is noticed on the next append
 * (fstat's st_nlink == 0, or the path names no file or another one): the file
 * is created again, reported once, and the lines since logfile_keep() (the
 * session in progress) are written again before the new line, so the new file
 * holds that session whole. Sessions before it are not brought back.
 */
#ifndef UNKNOT_LOGFILE_H
#define UNKNOT_LOGFILE_H

#include <stdbool.h>
#include <stddef.h>

typedef struct logfile logfile;

/* Opens (creating it and its parent folders) the journal at path for
 * appending. Never NULL except when out of memory: a file that cannot be
 * opened gives a logfile in the failed state (reported once, here).
 * Caller frees with logfile_close(). */
logfile *logfile_open(const char *path);

/* A logfile on an already open descriptor (e.g. 1 for stdout), labelled
 * `name` in messages. The descriptor is not closed by logfile_close(). */
logfile *logfile_from_fd(int fd, const char *name);

/* Appends one line (len bytes, which should end with '\n') with one write().
 * Returns 0, or -1 when it failed now or before (reported once). */
int logfile_append(logfile *lf, const char *line, size_t len);

#define LOGFILE_KEEP_MAX (1024 * 1024) /* a session longer than this is not kept */

/* Starts keeping the appended lines (dropping those kept so far): call it
 * before a session's first line. Path-opened files only. */
void logfile_keep(logfile *lf);

/* How many times the file was fsync'd (for tests). */
unsigned logfile_syncs(const logfile *lf);

/* How many times a journal's folder was fsync'd after the journal was
 * created in it, in this process (for tests). */
unsigned logfile_dir_syncs(void);

/* How many times the file was re-created after being deleted (for tests). */
unsigned logfile_recreated(const logfile *lf);

/* After a failure, opens the path again (dropping a line a full disk tore)
 * and clears the failed state; reported when it works. Returns 0 when the
 * file is usable (also when it never failed), -1 when it still fails
 * (reported only when the reason changed) or was not opened from a path. */
int logfile_retry(logfile *lf);

/* fsync()s the file (a no-op on pipes and terminals). Returns 0 or -1. */
int logfile_sync(logfile *lf);

/* True once a write, sync or open has failed. */
bool logfile_failed(const logfile *lf);

/* The first failure as text ("" when none). */
const char *logfile_error(const logfile *lf);

/* Where messages go (default stderr; tests can silence or capture them). */
void logfile_set_report(logfile *lf, void (*report)(const char *msg, void *data), void *data);

void logfile_close(logfile *lf); /* NULL is fine */

#endif
