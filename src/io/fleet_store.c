/* fleet_store: the durable side of the fleet: the ack file, the journal as
 * the outbox (line N = event seq N), the event window and resends (see
 * fleet.h). Network thread only. */
#include "io/fleet_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes data to path through path.tmp + fsync + rename + fsync(dir), so a
 * power cut leaves either the old or the new file. */
int fleet_write_atomic(const char *dir, const char *path, const void *data, size_t len)
{
	char tmp[PATHS_MAX + 8];
	if (snprintf(tmp, sizeof tmp, "%s.tmp", path) >= (int)sizeof tmp)
		return -1;
	/* never through a link someone left at the temporary name */
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0644);
	if (fd < 0)
		return -1;
	struct stat tst;
	if (fstat(fd, &tst) != 0 || !S_ISREG(tst.st_mode)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	const char *p = data;
	size_t left = len;
	while (left > 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto fail;
		p += n;
		left -= (size_t)n;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return -1;
}

void fleet_fsync_dir(const char *dir)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
}

/* ---- ack file ---- */

uint64_t fleet_ack_read(const fleet *f)
{
	size_t len;
	char *s = paths_read_file(f->ack_path, 64, &len);
	if (!s)
		return 0;
	uint64_t v = strtoull(s, NULL, 10);
	free(s);
	return v;
}

void fleet_ack_write(fleet *f)
{
	if (f->acked == f->acked_written)
		return;
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%" PRIu64 "\n", f->acked);
	if (fleet_write_atomic(f->state_dir, f->ack_path, buf, (size_t)n) == 0)
		f->acked_written = f->acked;
	else
		fleet_log(f, LOG_LEVEL_ERROR, "cannot write %s: %s", f->ack_path, strerror(errno));
}

/* ---- journal (network thread) ---- */

/* Opens the journal to read, as the app's own reader does: never through a
 * symbolic link, never blocking on a FIFO, and only a regular file (issue
 * 19). -1 otherwise. */
static int fleet_journal_open(const fleet *f)
{
	int fd = open(f->journal_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	struct stat st;
	if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Indexes complete lines appended since the last call. */
void fleet_journal_scan(fleet *f)
{
	int fd = fleet_journal_open(f);
	if (fd < 0)
		return;
	struct stat st;
	if (fstat(fd, &st) == 0 && (uint64_t)st.st_size < f->scan_off) {
		/* The journal is never rewritten; a shorter file is a replaced one.
		 * Its lines get the seqs after the ones already sent. */
		fleet_log(f, LOG_LEVEL_WARN, "the journal shrank; continuing after line %zu", f->nlines);
		f->scan_off = 0;
	}
	char buf[65536];
	uint64_t off = f->scan_off;
	uint64_t line_start = f->scan_off;
	for (;;) {
		ssize_t n = pread(fd, buf, sizeof buf, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++) {
			if (buf[i] != '\n')
				continue;
			if (f->nlines == f->cap_lines) {
				size_t nc = f->cap_lines ? f->cap_lines * 2 : 1024;
				uint64_t *p = realloc(f->line_off, nc * sizeof *p);
				if (!p)
					goto out;
				f->line_off = p;
				f->cap_lines = nc;
			}
			f->line_off[f->nlines++] = line_start;
			line_start = off + (uint64_t)i + 1;
			f->scan_off = line_start;
		}
		off += (uint64_t)n;
	}
out:
	close(fd);
	pthread_mutex_lock(&f->mu);
	f->stats.journal_seq = f->nlines;
	pthread_mutex_unlock(&f->mu);
}

/* The event message for seq (1-based), or NULL. Caller frees. */
static char *fleet_journal_event(fleet *f, int fd, uint64_t seq)
{
	uint64_t start = f->line_off[seq - 1];
	uint64_t end = seq < f->nlines ? f->line_off[seq] : f->scan_off;
	size_t len = (size_t)(end - start);
	char *line = malloc(len + 1);
	if (!line)
		return NULL;
	size_t got = 0;
	while (got < len) {
		ssize_t n = pread(fd, line + got, len - got, (off_t)(start + got));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	while (got > 0 && (line[got - 1] == '\n' || line[got - 1] == '\r'))
		got--;
	char *ev = fleet_msg_event(line, got, f->cfg.station, seq);
	free(line);
	return ev ? ev : fleet_msg_event_unreadable(f->cfg.station, seq);
}

void fleet_resend_add(fleet *f, uint64_t from, uint64_t to)
{
	if (!to)
		to = UINT64_MAX; /* up to what was sent so far (clamped when sending) */
	if (f->nresend == FLEET_MAX_RESENDS) {
		/* a flood of requests: widen the last one rather than drop any */
		uint64_t *lo = &f->resend[f->nresend - 1].from, *hi = &f->resend[f->nresend - 1].to;
		*lo = from < *lo ? from : *lo;
		*hi = to > *hi ? to : *hi;
		return;
	}
	f->resend[f->nresend].from = from;
	f->resend[f->nresend].to = to;
	f->nresend++;
}

/* Publishes seq as an event in the window; false when it could not. */
static bool fleet_journal_send(fleet *f, int fd, uint64_t seq)
{
	char *ev = fleet_journal_event(f, fd, seq);
	if (!ev)
		return false;
	int mid = 0;
	int rc = f->mq->publish_v5(f->mosq, &mid, f->t_events, (int)strlen(ev), ev, 1, false, NULL);
	free(ev);
	if (rc != MOSQ_ERR_SUCCESS)
		return false;
	/* A resent seq <= acked never moves the ack (fleet_on_publish). */
	f->flight[f->nflight++] = (fleet_flight){ mid, seq, false };
	pthread_mutex_lock(&f->mu);
	f->stats.published++;
	pthread_mutex_unlock(&f->mu);
	return true;
}

/* Publishes the requested resend ranges, then journal lines from send_seq,
 * while the window has room. Only what was asked is resent: a 16-line gap
 * costs 16 events, not the whole tail. */
void fleet_journal_pump(fleet *f)
{
	bool more = f->send_seq <= f->nlines || f->nresend > 0;
	if (!more || f->nflight == FLEET_WINDOW)
		return;
	int fd = fleet_journal_open(f);
	if (fd < 0)
		return;
	while (f->nresend > 0 && f->nflight < FLEET_WINDOW) {
		uint64_t hi = f->resend[0].to, sent = f->send_seq - 1;
		if (hi > sent)
			hi = sent; /* later lines go out in order anyway */
		if (f->resend[0].from > hi || f->resend[0].from == 0) {
			memmove(&f->resend[0], &f->resend[1], (f->nresend - 1) * sizeof f->resend[0]);
			f->nresend--;
			continue;
		}
		if (!fleet_journal_send(f, fd, f->resend[0].from))
			goto out;
		f->resend[0].from++;
	}
	while (f->send_seq <= f->nlines && f->nflight < FLEET_WINDOW) {
		if (!fleet_journal_send(f, fd, f->send_seq))
			break;
		f->send_seq++;
	}
out:
	close(fd);
}
