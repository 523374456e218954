/* log: leveled stderr lines, with sd-daemon priorities under journald. */
#include "io/log.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Process-wide, like stderr itself. */
static log_level log_current = LOG_LEVEL_INFO;
static bool log_journal;

/* $JOURNAL_STREAM is "DEVICE:INODE" of the stream systemd connected; it is
 * inherited by children, so compare it with what stderr really is. */
static bool log_stderr_is_journal(void)
{
	const char *js = getenv("JOURNAL_STREAM");
	unsigned long long dev, ino;
	struct stat st;
	if (!js || sscanf(js, "%llu:%llu", &dev, &ino) != 2 || fstat(STDERR_FILENO, &st) != 0)
		return false;
	return (unsigned long long)st.st_dev == dev && (unsigned long long)st.st_ino == ino;
}

int log_level_from_name(const char *name)
{
	static const char *const names[] = { "error", "warn", "info", "debug" };
	if (!name)
		return -1;
	for (int i = 0; i < 4; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	if (strcmp(name, "warning") == 0)
		return LOG_LEVEL_WARN;
	return -1;
}

int log_init(log_level level)
{
	log_journal = log_stderr_is_journal();
	log_current = level;
	const char *env = getenv("UNKNOT_LOG_LEVEL");
	if (!env || !env[0])
		return 0;
	int l = log_level_from_name(env);
	if (l < 0) {
		log_warn("UNKNOT_LOG_LEVEL=%s is not one of error, warn, info, debug; ignored", env);
		return -1;
	}
	log_current = (log_level)l;
	return 0;
}

void log_set_level(log_level level)
{
	log_current = level;
}

log_level log_get_level(void)
{
	return log_current;
}

bool log_enabled(log_level level)
{
	return level <= log_current;
}

void log_vmsg(log_level level, const char *fmt, va_list ap)
{
	static const char prio[] = { '3', '4', '6', '7' };
	if (!log_enabled(level))
		return;
	/* one buffered line, one write: lines from threads do not interleave */
	char line[2048];
	int n;
	if (log_journal)
		n = snprintf(line, sizeof line, "<%c>", prio[level]);
	else
		n = snprintf(line, sizeof line, "unknot: ");
	if (n < 0)
		return;
	int m = vsnprintf(line + n, sizeof line - (size_t)n, fmt, ap);
	if (m < 0)
		return;
	size_t len = (size_t)n + (size_t)m;
	if (len > sizeof line - 2)
		len = sizeof line - 2;
	line[len++] = '\n';
	fwrite(line, 1, len, stderr);
	fflush(stderr);
}

void log_msg(log_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	log_vmsg(level, fmt, ap);
	va_end(ap);
}
