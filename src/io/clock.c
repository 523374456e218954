/* clock: monotonic and wall time (see clock.h). */
#include "io/clock.h"

#include <stdio.h>
#include <time.h>

static uint64_t read_ns(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

uint64_t clock_now_ns(void)
{
	return read_ns(CLOCK_MONOTONIC);
}

uint64_t clock_now_ms(void)
{
	return read_ns(CLOCK_MONOTONIC) / 1000000u;
}

uint64_t clock_wall_ns(void)
{
	return read_ns(CLOCK_REALTIME);
}

uint64_t clock_wall_ms(void)
{
	return read_ns(CLOCK_REALTIME) / 1000000u;
}

char *clock_format_iso(char *buf, size_t size, uint64_t epoch_ms)
{
	struct tm tm;
	time_t secs = (time_t)(epoch_ms / 1000);
	if (size < 25 || !gmtime_r(&secs, &tm)) {
		if (size)
			buf[0] = 0;
		return buf;
	}
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03uZ", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, (unsigned)(epoch_ms % 1000));
	return buf;
}

char *clock_wall_iso(char *buf, size_t size, int64_t offset_ms)
{
	int64_t t = (int64_t)clock_wall_ms() + offset_ms;
	return clock_format_iso(buf, size, t > 0 ? (uint64_t)t : 0);
}

int clock_tz_offset_min(void)
{
	time_t t = time(NULL);
	struct tm lt;
	if (!localtime_r(&t, &lt))
		return 0;
	return (int)(lt.tm_gmtoff / 60);
}
