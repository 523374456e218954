/* journal_read: the journal file, line by line, into a history. */
#include "io/journal_read.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Both can be set smaller at build time (tests/fuzz/fuzz_journal.c does) so
 * that small inputs reach the buffer growth and giant-line paths. */
#ifndef JOURNAL_READ_CHUNK
#define JOURNAL_READ_CHUNK (256 * 1024)
#endif
#ifndef JOURNAL_READ_MAX_LINE
#define JOURNAL_READ_MAX_LINE (4 * 1024 * 1024)
#endif
#define CHUNK JOURNAL_READ_CHUNK
/* A line longer than this (the buffer's limit) is not a journal line: it is
 * handed over in pieces, each skipped as not JSON. */
#define MAX_LINE JOURNAL_READ_MAX_LINE

/* read() that retries on EINTR. */
static ssize_t read_some(int fd, char *buf, size_t n)
{
	ssize_t r;
	do
		r = read(fd, buf, n);
	while (r < 0 && errno == EINTR);
	return r;
}

int journal_read_file(const char *path, history *h, journal_read_stats *st)
{
	journal_read_stats dummy;
	if (!st)
		st = &dummy;
	memset(st, 0, sizeof *st);
	/* Not through a symbolic link (as the journal is written), and never a
	 * FIFO: O_NONBLOCK keeps the open from waiting for a writer forever. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	if (fd < 0) {
		if (errno == ENOENT) {
			st->missing = true;
			return 0;
		}
		return -1;
	}
	size_t cap = CHUNK, used = 0;
	char *buf = NULL;
	struct stat sb;
	if (fstat(fd, &sb) < 0)
		goto fail;
	if (!S_ISREG(sb.st_mode)) {
		errno = S_ISDIR(sb.st_mode) ? EISDIR : JOURNAL_READ_ENOTREG;
		goto fail;
	}
	if ((uint64_t)sb.st_size > JOURNAL_READ_MAX_BYTES) {
		errno = EFBIG;
		goto fail;
	}
	buf = malloc(cap);
	if (!buf)
		goto fail;
	for (;;) {
		if (cap - used < CHUNK / 4) {
			if (cap >= MAX_LINE) {
				/* A giant line: hand it over as is (it will not parse). */
				st->lines++;
				history_feed_line(h, buf, used);
				used = 0;
			} else {
				char *n = realloc(buf, cap * 2);
				if (!n)
					goto fail;
				buf = n;
				cap *= 2;
			}
		}
		ssize_t r = read_some(fd, buf + used, cap - used);
		if (r < 0)
			goto fail;
		if (r == 0)
			break;
		st->bytes += (size_t)r;
		if (st->bytes > JOURNAL_READ_MAX_BYTES) {
			errno = EFBIG; /* it grew past the bound while being read */
			goto fail;
		}
		size_t start = 0, scan = used;
		used += (size_t)r;
		char *nl;
		while ((nl = memchr(buf + scan, '\n', used - scan)) != NULL) {
			size_t end = (size_t)(nl - buf);
			st->lines++;
			history_feed_line(h, buf + start, end - start);
			start = scan = end + 1;
		}
		memmove(buf, buf + start, used - start);
		used -= start;
	}
	if (used) {
		/* No newline at the end: complete only if it parses as an event. */
		st->lines++;
		history_line r = history_feed_line(h, buf, used);
		if (r == HISTORY_LINE_BAD) {
			st->torn = true;
			st->torn_bytes = used;
		}
	}
	free(buf);
	close(fd);
	return 0;
fail:;
	int e = errno;
	free(buf);
	close(fd);
	errno = e;
	return -1;
}

const char *journal_read_strerror(int err)
{
	if (err == JOURNAL_READ_ENOTREG)
		return "not a regular file (a FIFO, socket or device)";
	if (err == ELOOP)
		return "a symbolic link (links are not followed)";
	if (err == EFBIG)
		return "larger than 256 MiB";
	return strerror(err);
}
