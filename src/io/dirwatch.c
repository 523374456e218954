/* dirwatch: inotify on the routine folders plus the mount table, in a
 * thread that wakes the app once changes settle (see dirwatch.h). */
#include "io/dirwatch.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/paths.h"

#define DIRWATCH_MAX 64
#define DIRWATCH_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_CREATE | \
                       IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR)

typedef struct {
	int wd;
	int depth;               /* 0: a routine folder, 1: one of its subfolders */
	char path[PATHS_MAX];
} dirwatch_entry;

struct dirwatch {
	int ifd;                 /* inotify */
	int mfd;                 /* /proc/self/mountinfo, -1 when unavailable */
	int stop[2];             /* a pipe: written by dirwatch_free */
	pthread_t thread;
	bool running;
	dirwatch_wake_fn wake;
	void *user;
	char (*dirs)[PATHS_MAX];
	size_t ndirs;
	dirwatch_entry *e;       /* only the thread touches these after start */
	size_t ne;
	atomic_bool changed;
	atomic_size_t count;
};

static void dirwatch_add(dirwatch *w, const char *path, int depth)
{
	if (w->ne >= DIRWATCH_MAX)
		return;
	int wd = inotify_add_watch(w->ifd, path, DIRWATCH_MASK);
	if (wd < 0)
		return;
	for (size_t i = 0; i < w->ne; i++)
		if (w->e[i].wd == wd) {
			/* the same inode again: keep the shallower role */
			if (depth < w->e[i].depth)
				w->e[i].depth = depth;
			return;
		}
	w->e[w->ne].wd = wd;
	w->e[w->ne].depth = depth;
	snprintf(w->e[w->ne].path, sizeof w->e[w->ne].path, "%s", path);
	w->ne++;
}

/* A routine folder and its direct subfolders (not hidden). */
static void dirwatch_add_tree(dirwatch *w, const char *dir)
{
	dirwatch_add(w, dir, 0);
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d && (de = readdir(d)) != NULL) {
		char p[PATHS_MAX + 256];
		struct stat st;
		/* a file is known by its entry's type: 10,000 routines need no stat
		 * each (issue 22); a link or an unknown type is asked */
		bool maybe_dir = de->d_type == DT_DIR || de->d_type == DT_LNK || de->d_type == DT_UNKNOWN;
		if (de->d_name[0] == '.' || !maybe_dir ||
		    snprintf(p, sizeof p, "%s/%s", dir, de->d_name) >= PATHS_MAX ||
		    stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		dirwatch_add(w, p, 1);
	}
	if (d)
		closedir(d);
}

/* All watches afresh: after a mount, a path may lead to another inode. */
static void dirwatch_rearm(dirwatch *w)
{
	for (size_t i = 0; i < w->ne; i++)
		inotify_rm_watch(w->ifd, w->e[i].wd);
	w->ne = 0;
	for (size_t i = 0; i < w->ndirs; i++)
		dirwatch_add_tree(w, w->dirs[i]);
	atomic_store(&w->count, w->ne);
}

static const dirwatch_entry *dirwatch_find(const dirwatch *w, int wd)
{
	for (size_t i = 0; i < w->ne; i++)
		if (w->e[i].wd == wd)
			return &w->e[i];
	return NULL;
}

/* Reads the queued inotify events. Returns true when one matters. */
static bool dirwatch_read(dirwatch *w)
{
	char buf[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
	bool relevant = false, rearm = false;
	for (;;) {
		ssize_t n = read(w->ifd, buf, sizeof buf);
		if (n <= 0)
			break;
		for (char *p = buf; p < buf + n;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;
			p += sizeof *ev + ev->len;
			if (ev->mask & IN_Q_OVERFLOW) {
				relevant = rearm = true;
				continue;
			}
			const dirwatch_entry *de = dirwatch_find(w, ev->wd);
			if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_UNMOUNT | IN_IGNORED)) {
				relevant = true;
				continue;
			}
			const char *name = ev->len ? ev->name : "";
			if (name[0] == '.')
				continue; /* editors' and cp's temporary files */
			size_t l = strlen(name);
			bool json = l > 5 && strcmp(name + l - 5, ".json") == 0;
			if (ev->mask & IN_ISDIR) {
				relevant = true;
				if (de && de->depth == 0 && (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
					char sub[PATHS_MAX + 256];
					if (snprintf(sub, sizeof sub, "%s/%s", de->path, name) < PATHS_MAX)
						dirwatch_add(w, sub, 1);
					atomic_store(&w->count, w->ne);
				}
			} else if (json) {
				relevant = true;
			}
		}
	}
	if (rearm)
		dirwatch_rearm(w);
	return relevant;
}

static void *dirwatch_main(void *arg)
{
	dirwatch *w = arg;
	bool pending = false;
	for (;;) {
		struct pollfd pf[3] = {
			{ w->stop[0], POLLIN, 0 },
			{ w->ifd, POLLIN, 0 },
			{ w->mfd, POLLPRI, 0 },
		};
		int r = poll(pf, w->mfd >= 0 ? 3 : 2, pending ? DIRWATCH_SETTLE_MS : -1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0 || (pf[0].revents & (POLLIN | POLLHUP)))
			break;
		if (r == 0) {
			/* quiet for the settle time: one wake for the whole burst */
			pending = false;
			atomic_store(&w->changed, true);
			if (w->wake)
				w->wake(w->user);
			continue;
		}
		if ((pf[1].revents & POLLIN) && dirwatch_read(w))
			pending = true;
		if (w->mfd >= 0 && (pf[2].revents & (POLLPRI | POLLERR))) {
			/* the mount table changed: re-read it so poll blocks again */
			char tmp[4096];
			lseek(w->mfd, 0, SEEK_SET);
			while (read(w->mfd, tmp, sizeof tmp) > 0)
				;
			dirwatch_rearm(w);
			pending = true;
		}
	}
	return NULL;
}

dirwatch *dirwatch_new(const char *const *dirs, size_t n, dirwatch_wake_fn wake, void *user,
                       char *err, size_t errsize)
{
	dirwatch *w = calloc(1, sizeof *w);
	if (!w) {
		snprintf(err, errsize, "out of memory");
		return NULL;
	}
	w->ifd = w->mfd = w->stop[0] = w->stop[1] = -1;
	w->wake = wake;
	w->user = user;
	atomic_init(&w->changed, false);
	atomic_init(&w->count, 0);
	w->dirs = calloc(n ? n : 1, sizeof *w->dirs);
	w->e = calloc(DIRWATCH_MAX, sizeof *w->e);
	if (!w->dirs || !w->e) {
		snprintf(err, errsize, "out of memory");
		goto fail;
	}
	for (size_t i = 0; i < n; i++)
		snprintf(w->dirs[i], PATHS_MAX, "%s", dirs[i]);
	w->ndirs = n;
	w->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (w->ifd < 0) {
		snprintf(err, errsize, "inotify: %s", strerror(errno));
		goto fail;
	}
	if (pipe(w->stop) != 0 || fcntl(w->stop[0], F_SETFD, FD_CLOEXEC) != 0 ||
	    fcntl(w->stop[1], F_SETFD, FD_CLOEXEC) != 0) {
		snprintf(err, errsize, "pipe: %s", strerror(errno));
		goto fail;
	}
	w->mfd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);
	if (w->mfd >= 0) {
		char tmp[4096];
		while (read(w->mfd, tmp, sizeof tmp) > 0)
			;
	}
	dirwatch_rearm(w);
	if (pthread_create(&w->thread, NULL, dirwatch_main, w) != 0) {
		snprintf(err, errsize, "cannot start the folder watcher thread");
		goto fail;
	}
	w->running = true;
	return w;
fail:
	dirwatch_free(w);
	return NULL;
}

void dirwatch_free(dirwatch *w)
{
	if (!w)
		return;
	if (w->running) {
		ssize_t rc = write(w->stop[1], "x", 1);
		(void)rc;
		pthread_join(w->thread, NULL);
	}
	if (w->ifd >= 0)
		close(w->ifd);
	if (w->mfd >= 0)
		close(w->mfd);
	if (w->stop[0] >= 0)
		close(w->stop[0]);
	if (w->stop[1] >= 0)
		close(w->stop[1]);
	free(w->dirs);
	free(w->e);
	free(w);
}

bool dirwatch_take(dirwatch *w)
{
	return w && atomic_exchange(&w->changed, false);
}

size_t dirwatch_count(dirwatch *w)
{
	return w ? atomic_load(&w->count) : 0;
}
