/* journal_read: reads a journal file (one JSON object per line) into a history.
 *
 * Fast (big read() chunks, lines handed over in place) and forgiving: a missing
 * file is an empty history; a torn last line (a crash mid-write) is reported
 * in the stats and skipped; a torn or foreign line anywhere is skipped and
 * counted by the history (history_get_totals). Nothing here is ever fatal
 * except a read error.
 */
#ifndef UNKNOT_JOURNAL_READ_H
#define UNKNOT_JOURNAL_READ_H

#include <stdbool.h>
#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include "core/history.h"

typedef struct {
	bool missing;       /* the file does not exist (an empty history) */
	size_t bytes;       /* bytes read */
	size_t lines;       /* lines handed to the history, the torn one included */
	bool torn;          /* the last line had no newline and was not a complete event */
	size_t torn_bytes;  /* its length */
} journal_read_stats;

/* At most this many bytes are read (EFBIG beyond): about 1,700 years of
 * three sessions a day. */
#define JOURNAL_READ_MAX_BYTES ((uint64_t)256 * 1024 * 1024)
/* errno when the path is a FIFO, socket or device (ENODEV's own text, "No
 * such device", does not say it: callers print journal_read_strerror()). */
#define JOURNAL_READ_ENOTREG ENODEV

/* Feeds every line of the journal at path to h. st may be NULL. Returns 0
 * (also for a missing file), or -1 with errno set when the file cannot be
 * opened or read: ELOOP for a symbolic link (never followed), EFBIG past
 * JOURNAL_READ_MAX_BYTES, JOURNAL_READ_ENOTREG for anything but a regular
 * file. */
int journal_read_file(const char *path, history *h, journal_read_stats *st);

/* A reason for errno after journal_read_file() failed, for messages. */
const char *journal_read_strerror(int err);
int journal_read_file(const char *path, history *h, journal_read_stats *st);

/* A reason for errno after journal_read_file() failed, for messages. */
const char *journal_read_strerror(int err);

#endif
