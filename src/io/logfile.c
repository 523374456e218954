/* logfile: O_APPEND journal file, one write() per line (see logfile.h). */
#include "io/logfile.h"
#include "io/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct logfile {
	int fd;            /* -1 when it could not be opened */
	bool own_fd;       /* close it in logfile_close; name is then the path */
	bool failed;
	char name[4096];   /* the path (PATH_MAX), also for messages */
	char error[4096 + 256]; /* the first failure: the whole path and why */
	void (*report)(const char *msg, void *data);
	void *report_data;
	/* the lines since logfile_keep() (the session in progress), written
	 * again first when the file has to be re-created */
	char *kept;
	size_t kept_len, kept_cap;
	bool keeping;      /* false until logfile_keep(), or after overflow */
	unsigned recreated;
	unsigned syncs;    /* successful fsyncs of the file (tests) */
};

static unsigned lf_dir_syncs; /* folder fsyncs so far (tests) */

/* The default reporter: the log (a journal problem is a warning: the
 * session goes on). The messages start with "unknot: ", as the log does. */
static void logfile_stderr(const char *msg, void *data)
{
	(void)data;
	log_warn("%s", strncmp(msg, "unknot: ", 8) == 0 ? msg + 8 : msg);
}

/* Records the first failure and reports it once. */
static void logfile_fail(logfile *lf, const char *what, int err)
{
	if (lf->failed)
		return;
	lf->failed = true;
	snprintf(lf->error, sizeof lf->error, "unknot: journal %s: %s%s; this session is not being recorded",
	         lf->name, what, strerror(err));
	if (lf->report)
		lf->report(lf->error, lf->report_data);
}

/* mkdir -p of the folder holding path. */
static int logfile_mkparents(const char *path)
{
	char dir[4096];
	size_t n = strlen(path);
	if (n >= sizeof dir)
		return errno = ENAMETOOLONG, -1;
	memcpy(dir, path, n + 1);
	char *slash = strrchr(dir, '/');
	if (!slash || slash == dir)
		return 0;
	*slash = 0;
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(dir, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

static logfile *logfile_alloc(const char *name)
{
	logfile *lf = calloc(1, sizeof *lf);
	if (!lf)
		return NULL;
	lf->fd = -1;
	snprintf(lf->name, sizeof lf->name, "%s", name ? name : "");
	lf->report = logfile_stderr;
	return lf;
}

/* Where the last complete line of fd's file ends: the size when the file
 * is empty or ends in '\n', else just past the last '\n' (0 if none). */
static off_t logfile_complete_end(int fd, off_t size)
{
	char buf[4096];
	off_t pos = size;
	while (pos > 0) {
		size_t n = pos < (off_t)sizeof buf ? (size_t)pos : sizeof buf;
		ssize_t r = pread(fd, buf, n, pos - (off_t)n);
		if (r != (ssize_t)n)
			return size; /* cannot tell: leave the file alone */
		for (size_t i = n; i > 0; i--)
			if (buf[i - 1] == '\n')
				return pos - (off_t)n + (off_t)i;
		pos -= (off_t)n;
	}
	return 0;
}

/* Records a failure that has no errno (the file is not one to append to). */
static void logfile_refuse(logfile *lf, const char *why)
{
	if (lf->failed)
		return;
	lf->failed = true;
	snprintf(lf->error, sizeof lf->error, "unknot: journal %s: %s; this session is not being recorded",
	         lf->name, why);
	if (lf->report)
		lf->report(lf->error, lf->report_data);
}

/* Whether the n bytes at p can be the start of a line this program wrote:
 * every journal line is a JSON object, `{"event":...`; a power cut can also
 * leave a tail of NUL bytes (the size updated before the data). */
static bool logfile_ours(const char *p, size_t n)
{
	static const char start[] = "{\"";
	bool nul = true;
	for (size_t i = 0; i < n; i++)
		nul &= p[i] == '\0';
	if (nul)
		return true;
	return memcmp(p, start, n < 2 ? n : 2) == 0;
}

/* A file that does not end in '\n' ends in a line torn by a crash or power
 * loss: that line was never complete, so it is cut off before we append
 * (otherwise it would sit between two good lines forever). Earlier lines are
 * never touched. Only a line this program could have written is cut: a file
 * that does not start with a JSON object, or whose last line does not, is
 * not a journal (someone's notes given as --journal) and is left alone,
 * refused. The lock keeps two unknots opening at once from both cutting.
 * Returns 0, or -1 when refused (reported). */
static int logfile_drop_torn_tail(logfile *lf, int fd)
{
	struct stat st;
	int rc = 0;
	if (flock(fd, LOCK_EX) < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		char head[2] = { 0, 0 }, tail[2] = { 0, 0 };
		size_t hn = st.st_size < 2 ? (size_t)st.st_size : 2;
		off_t end = logfile_complete_end(fd, st.st_size);
		size_t tn = st.st_size - end < 2 ? (size_t)(st.st_size - end) : 2;
		if (pread(fd, head, hn, 0) != (ssize_t)hn || !logfile_ours(head, hn)) {
			logfile_refuse(lf, "is not a journal (it does not start with a JSON line); left untouched");
			rc = -1;
		} else if (end < st.st_size && (pread(fd, tail, tn, end) != (ssize_t)tn || !logfile_ours(tail, tn))) {
			logfile_refuse(lf, "does not end with a whole line, and its last line is not one this "
			               "program writes; left untouched (is it a journal?)");
			rc = -1;
		} else if (end < st.st_size && ftruncate(fd, end) == 0) {
			log_warn("journal %s: dropped a torn last line (%lld bytes) "
			         "left by a crash, power loss or full disk", lf->name, (long long)(st.st_size - end));
		}
	}
	flock(fd, LOCK_UN);
	return rc;
}

/* A new file's name lives in its folder: without an fsync of the folder a
 * power cut can lose the whole new journal even after its lines were
 * fsync'd (ext4 commits the directory entry on its own schedule). */
static void logfile_sync_dir(const char *path)
{
	char dir[4096];
	const char *slash = strrchr(path, '/');
	size_t n = slash ? (size_t)(slash - path) : 0;
	if (n >= sizeof dir)
		return;
	if (!slash)
		memcpy(dir, ".", 2);
	else if (n == 0)
		memcpy(dir, "/", 2);
	else {
		memcpy(dir, path, n);
		dir[n] = '\0';
	}
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return;
	fsync(fd); /* best effort: some file systems refuse it (EINVAL) */
	lf_dir_syncs++;
	close(fd);
}

/* What a file that is not a regular file is, for messages. */
static const char *logfile_kind(mode_t m)
{
	if (S_ISFIFO(m)) return "a FIFO (named pipe)";
	if (S_ISCHR(m)) return "a character device";
	if (S_ISBLK(m)) return "a block device";
	if (S_ISSOCK(m)) return "a socket";
	if (S_ISDIR(m)) return "a folder";
	return "a special file";
}

/* Opens lf->name (creating folders and file) into lf->fd; -1 reported.
 * The journal is never reached through a symbolic link (O_NOFOLLOW: a link
 * planted at the path would have us cut and append to its target) and must
 * be a regular file: a FIFO would block the app before its first frame
 * (O_NONBLOCK makes the open itself return at once). */
static int logfile_open_path(logfile *lf)
{
	const char *path = lf->name;
	if (strlen(path) >= sizeof lf->name - 1) {
		logfile_fail(lf, "", ENAMETOOLONG); /* it may have been cut: never open a cut path */
		return -1;
	}
	if (logfile_mkparents(path) < 0) {
		logfile_fail(lf, "cannot create its folder: ", errno);
		return -1;
	}
	const int flags = O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK;
	/* O_RDWR only so that a torn tail can be found; every write appends.
	 * O_EXCL first, to know whether the file is new. */
	bool created = true;
	lf->fd = open(path, O_RDWR | O_EXCL | flags, 0644);
	if (lf->fd < 0 && errno == EEXIST) {
		created = false;
		lf->fd = open(path, O_RDWR | flags, 0644);
	}
	if (lf->fd < 0 && (errno == EACCES || errno == EISDIR || errno == ETXTBSY)) {
		created = false;
		lf->fd = open(path, O_WRONLY | flags, 0644);
	}
	if (lf->fd < 0) {
		if (errno == ELOOP)
			logfile_refuse(lf, "is a symbolic link; give the journal's real path (links are not followed)");
		else if (errno == ENXIO)
			logfile_refuse(lf, "is a FIFO (named pipe) or a device, not a regular file");
		else
			logfile_fail(lf, "", errno);
		return -1;
	}
	struct stat st;
	if (fstat(lf->fd, &st) < 0) {
		logfile_fail(lf, "", errno);
		close(lf->fd);
		lf->fd = -1;
		return -1;
	}
	if (!S_ISREG(st.st_mode)) {
		char why[96];
		snprintf(why, sizeof why, "is %s, not a regular file", logfile_kind(st.st_mode));
		logfile_refuse(lf, why);
		close(lf->fd);
		lf->fd = -1;
		return -1;
	}
	int fl = fcntl(lf->fd, F_GETFL);
	if (fl >= 0)
		fcntl(lf->fd, F_SETFL, fl & ~O_NONBLOCK);
	if (logfile_drop_torn_tail(lf, lf->fd) < 0) {
		close(lf->fd);
		lf->fd = -1;
		return -1;
	}
	if (created)
		logfile_sync_dir(path);
	return 0;
}

logfile *logfile_open(const char *path)
{
	logfile *lf = logfile_alloc(path);
	if (!lf)
		return NULL;
	lf->own_fd = true;
	logfile_open_path(lf);
	return lf;
}

int logfile_retry(logfile *lf)
{
	if (!lf)
		return -1;
	if (!lf->failed)
		return 0;
	if (!lf->own_fd)
		return -1;
	if (lf->fd >= 0)
		close(lf->fd);
	lf->fd = -1;
	lf->failed = false;
	/* the same failure again is not news: report only a different one */
	char before[sizeof lf->error];
	memcpy(before, lf->error, sizeof before);
	lf->error[0] = '\0';
	void (*report)(const char *, void *) = lf->report;
	lf->report = NULL;
	int rc = logfile_open_path(lf);
	lf->report = report;
	if (rc < 0) {
		if (report && strcmp(before, lf->error) != 0)
			report(lf->error, lf->report_data);
		return -1;
	}
	if (lf->report) {
		char msg[sizeof lf->error];
		snprintf(msg, sizeof msg, "unknot: journal %s: writable again; recording resumes", lf->name);
		lf->report(msg, lf->report_data);
	}
	return 0;
}

/* True when our file is no longer the one at the path: deleted (no links
 * left), or the path is gone or names another file (moved or replaced). */
static bool logfile_gone(const logfile *lf)
{
	struct stat fst, pst;
	if (!lf->own_fd || lf->fd < 0 || fstat(lf->fd, &fst) < 0 || !S_ISREG(fst.st_mode))
		return false;
	if (fst.st_nlink == 0)
		return true;
	if (stat(lf->name, &pst) < 0)
		return errno == ENOENT;
	return pst.st_dev != fst.st_dev || pst.st_ino != fst.st_ino;
}

static int logfile_write_all(logfile *lf, const char *buf, size_t len)
{
	size_t done = 0;
	/* One write() per line; the loop only continues after a signal or a
	 * short write (a nearly full disk), which then fails on the next try. */
	while (done < len) {
		ssize_t w = write(lf->fd, buf + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			logfile_fail(lf, "", w < 0 ? errno : EIO);
			return -1;
		}
		done += (size_t)w;
	}
	return 0;
}

/* The journal was deleted (or moved away) while open: lines written to the
 * old file would be lost to the history, so the file is created again and
 * the session in progress is written whole (its kept lines) before the new
 * line. Earlier sessions are not brought back: someone removed them. */
static int logfile_recreate(logfile *lf)
{
	close(lf->fd);
	lf->fd = -1;
	if (logfile_open_path(lf) < 0)
		return -1;
	lf->recreated++;
	size_t lines = 0;
	for (size_t i = 0; i < lf->kept_len; i++)
		lines += lf->kept[i] == '\n';
	if (lf->report) {
		char msg[sizeof lf->error];
		snprintf(msg, sizeof msg, "unknot: journal %s was deleted while in use; started a new one "
		         "(with the %zu earlier line%s of this session)", lf->name, lines, lines == 1 ? "" : "s");
		lf->report(msg, lf->report_data);
	}
	return lf->kept_len ? logfile_write_all(lf, lf->kept, lf->kept_len) : 0;
}

/* Adds a written line to the kept lines (up to LOGFILE_KEEP_MAX). */
static void logfile_remember(logfile *lf, const char *line, size_t len)
{
	if (!lf->keeping)
		return;
	if (lf->kept_len + len > LOGFILE_KEEP_MAX) {
		lf->keeping = false; /* a runaway session: keep nothing rather than a part */
		lf->kept_len = 0;
		return;
	}
	if (lf->kept_len + len > lf->kept_cap) {
		size_t cap = lf->kept_cap ? lf->kept_cap : 4096;
		while (cap < lf->kept_len + len)
			cap *= 2;
		char *k = realloc(lf->kept, cap);
		if (!k) {
			lf->keeping = false;
			lf->kept_len = 0;
			return;
		}
		lf->kept = k;
		lf->kept_cap = cap;
	}
	memcpy(lf->kept + lf->kept_len, line, len);
	lf->kept_len += len;
}

void logfile_keep(logfile *lf)
{
	if (!lf)
		return;
	lf->keeping = true;
	lf->kept_len = 0;
}

unsigned logfile_recreated(const logfile *lf)
{
	return lf ? lf->recreated : 0;
}

logfile *logfile_from_fd(int fd, const char *name)
{
	logfile *lf = logfile_alloc(name);
	if (lf)
		lf->fd = fd;
	return lf;
}

int logfile_append(logfile *lf, const char *line, size_t len)
{
	if (!lf || lf->failed || lf->fd < 0)
		return -1;
	if (logfile_gone(lf) && logfile_recreate(lf) < 0)
		return -1;
	if (logfile_write_all(lf, line, len) < 0)
		return -1;
	logfile_remember(lf, line, len);
	return 0;
}

int logfile_sync(logfile *lf)
{
	if (!lf || lf->failed || lf->fd < 0)
		return -1;
	struct stat st;
	if (fstat(lf->fd, &st) == 0 && !S_ISREG(st.st_mode))
		return 0;
	if (fsync(lf->fd) < 0 && errno != EINVAL && errno != EROFS) {
		logfile_fail(lf, "", errno);
		return -1;
	}
	lf->syncs++;
	return 0;
}

bool logfile_failed(const logfile *lf)
{
	return !lf || lf->failed;
}

const char *logfile_error(const logfile *lf)
{
	return lf ? lf->error : "";
}

void logfile_set_report(logfile *lf, void (*report)(const char *msg, void *data), void *data)
{
	if (!lf)
		return;
	lf->report = report;
	lf->report_data = data;
}

void logfile_close(logfile *lf)
{
	if (!lf)
		return;
	if (lf->own_fd && lf->fd >= 0)
		close(lf->fd);
	free(lf->kept);
	free(lf);
}

unsigned logfile_dir_syncs(void)
{
	return lf_dir_syncs;
}

unsigned logfile_syncs(const logfile *lf)
{
	return lf ? lf->syncs : 0;
}
