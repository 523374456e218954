/* log: leveled messages on stderr (the journal under systemd).
 *
 * Levels, most severe first: error, warn, info, debug. The level comes from
 * config "log_level" (log_set_level), and $UNKNOT_LOG_LEVEL overrides it
 * (log_init). When stderr is connected to the journal ($JOURNAL_STREAM names
 * stderr's device:inode), each line starts with its sd-daemon priority
 * "<3>" / "<4>" / "<6>" / "<7>" so journalctl -p works; otherwise lines read
 * "unknot: message". Nothing here is meant to be called per frame.
 */
#ifndef UNKNOT_LOG_H
#define UNKNOT_LOG_H

#include <stdarg.h>
#include <stdbool.h>

typedef enum { LOG_LEVEL_ERROR = 0, LOG_LEVEL_WARN, LOG_LEVEL_INFO, LOG_LEVEL_DEBUG } log_level;

/* Sets the level to `level` (e.g. the config's), unless $UNKNOT_LOG_LEVEL
 * names one; detects the journal. Returns -1 (and keeps `level`) when
 * $UNKNOT_LOG_LEVEL is set but not a level name, after saying so. */
int log_init(log_level level);

void log_set_level(log_level level);
log_level log_get_level(void);

/* "error", "warn" (or "warning"), "info", "debug" -> level, or -1. */
int log_level_from_name(const char *name);

/* Whether a message at `level` would be printed. */
bool log_enabled(log_level level);

/* Prints one line (a trailing newline is added) when `level` is enabled. */
void log_msg(log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void log_vmsg(log_level level, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)

#endif
