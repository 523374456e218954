/* paths: where unknot's files live, and reading whole files with a limit. */
#include "io/paths.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "core/profname.h"

#ifndef UNKNOT_DATADIR
#define UNKNOT_DATADIR "/usr/local/share/unknot"
#endif
#ifndef UNKNOT_SYSCONFDIR
#define UNKNOT_SYSCONFDIR "/etc/unknot"
#endif

/* An environment variable, or NULL when unset or empty. */
static const char *env(const char *name)
{
	const char *v = getenv(name);
	return (v && v[0]) ? v : NULL;
}

/* An XDG base directory variable: the spec says relative values are invalid
 * and must be ignored. */
static const char *xdg_env(const char *name)
{
	const char *v = env(name);
	return (v && v[0] == '/') ? v : NULL;
}

/* $HOME, or the password database when HOME is not set (some services). */
static const char *home(void)
{
	const char *h = env("HOME");
	if (h)
		return h;
	struct passwd *pw = getpwuid(getuid());
	return (pw && pw->pw_dir && pw->pw_dir[0]) ? pw->pw_dir : NULL;
}

/* snprintf that reports truncation as failure (ENAMETOOLONG). */
static int fmt(char *out, size_t size, const char *f, const char *a, const char *b)
{
	int n = snprintf(out, size, f, a, b ? b : "");
	if (n < 0 || (size_t)n >= size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	return 0;
}

static bool is_dir(const char *p, struct stat *st)
{
	return stat(p, st) == 0 && S_ISDIR(st->st_mode);
}

static bool exists(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0;
}

size_t paths_routine_dirs(char dirs[][PATHS_MAX], size_t max)
{
	char cand[6][PATHS_MAX];
	size_t nc = 0, n = 0;
	const char *v;
	if ((v = env("UNKNOT_ROUTINES")) && fmt(cand[nc], PATHS_MAX, "%s%s", v, NULL) == 0)
		nc++;
	if ((v = xdg_env("XDG_DATA_HOME"))) {
		if (fmt(cand[nc], PATHS_MAX, "%s/unknot/routines%s", v, NULL) == 0)
			nc++;
	} else if ((v = home()) && fmt(cand[nc], PATHS_MAX, "%s/.local/share/unknot/routines%s", v, NULL) == 0) {
		nc++;
	}
	if (paths_fleet_routines_dir(cand[nc], PATHS_MAX) == 0)
		nc++;
	if (paths_sysconf_dir(cand[nc], PATHS_MAX - 10) == 0)
		strcat(cand[nc++], "/routines");
	snprintf(cand[nc++], PATHS_MAX, "%s/routines", UNKNOT_DATADIR);
	snprintf(cand[nc++], PATHS_MAX, "./routines");

	/* The same folder reached twice (UNKNOT_ROUTINES=./routines) is listed once. */
	dev_t devs[6];
	ino_t inos[6];
	for (size_t i = 0; i < nc && n < max; i++) {
		struct stat st;
		if (!is_dir(cand[i], &st))
			continue;
		bool seen = false;
		for (size_t k = 0; k < n; k++)
			seen |= devs[k] == st.st_dev && inos[k] == st.st_ino;
		if (seen)
			continue;
		devs[n] = st.st_dev;
		inos[n] = st.st_ino;
		memcpy(dirs[n++], cand[i], PATHS_MAX);
	}
	return n;
}

int paths_user_routines_dir(char *out, size_t size)
{
	const char *v;
	if ((v = env("UNKNOT_ROUTINES")))
		return fmt(out, size, "%s%s", v, NULL);
	if ((v = xdg_env("XDG_DATA_HOME")))
		return fmt(out, size, "%s/unknot/routines%s", v, NULL);
	if ((v = home()))
		return fmt(out, size, "%s/.local/share/unknot/routines%s", v, NULL);
	return -1;
}

int paths_fleet_routines_dir(char *out, size_t size)
{
	const char *v;
	if ((v = xdg_env("XDG_DATA_HOME")))
		return fmt(out, size, "%s/unknot/fleet-routines%s", v, NULL);
	if ((v = home()))
		return fmt(out, size, "%s/.local/share/unknot/fleet-routines%s", v, NULL);
	return -1;
}

int paths_journal(char *out, size_t size, const char *profile)
{
	char dir[PATHS_MAX], name[300];
	const char *v;
	if (profile && profile[0]) {
		/* A profile names a file in the journal folder, nothing else: any
		 * script, encoded to a safe file name (core/profname.h). */
		char enc[201];
		if (profname_check(profile) || profname_encode(profile, enc, sizeof enc) < 0) {
			errno = EINVAL;
			return -1;
		}
		snprintf(name, sizeof name, "journal-%s.jsonl", enc);
	} else {
		snprintf(name, sizeof name, "journal.jsonl");
	}
	if ((v = env("STATE_DIRECTORY"))) {
		/* systemd may list several folders separated by ':'; use the first. */
		size_t len = strcspn(v, ":");
		if (len >= sizeof dir) {
			errno = ENAMETOOLONG;
			return -1;
		}
		memcpy(dir, v, len);
		dir[len] = '\0';
	} else if ((v = xdg_env("XDG_STATE_HOME"))) {
		if (fmt(dir, sizeof dir, "%s/unknot%s", v, NULL))
			return -1;
	} else if ((v = home())) {
		if (fmt(dir, sizeof dir, "%s/.local/state/unknot%s", v, NULL))
			return -1;
	} else {
		errno = ENOENT;
		return -1;
	}
	return fmt(out, size, "%s/%s", dir, name);
}

int paths_config_dir(char *out, size_t size)
{
	const char *v;
	if ((v = xdg_env("XDG_CONFIG_HOME")))
		return fmt(out, size, "%s/unknot%s", v, NULL);
	if ((v = home()))
		return fmt(out, size, "%s/.config/unknot%s", v, NULL);
	errno = ENOENT;
	return -1;
}

int paths_config(char *out, size_t size)
{
	const char *v;
	char cand[3][PATHS_MAX];
	size_t nc = 0;
	if ((v = env("UNKNOT_CONFIG")))
		return fmt(out, size, "%s%s", v, NULL);
	if ((v = xdg_env("XDG_CONFIG_HOME")) && fmt(cand[nc], PATHS_MAX, "%s/unknot/config.json%s", v, NULL) == 0)
		nc++;
	if ((v = home()) && fmt(cand[nc], PATHS_MAX, "%s/.config/unknot/config.json%s", v, NULL) == 0)
		nc++;
	if (paths_sysconf_dir(cand[nc], PATHS_MAX - 13) == 0)
		strcat(cand[nc++], "/config.json");
	for (size_t i = 0; i < nc; i++)
		if (exists(cand[i]))
			return fmt(out, size, "%s%s", cand[i], NULL);
	/* None exists: the user's own, where a new one would be written. */
	char dir[PATHS_MAX];
	if (paths_config_dir(dir, sizeof dir))
		return -1;
	return fmt(out, size, "%s/config.json%s", dir, NULL);
}

int paths_sysconf_dir(char *out, size_t size)
{
	const char *v = env("UNKNOT_SYSCONFDIR");
	return fmt(out, size, "%s%s", v ? v : UNKNOT_SYSCONFDIR, NULL);
}

size_t paths_config_files(char files[][PATHS_MAX], size_t max, int *single)
{
	const char *v;
	size_t n = 0;
	*single = 0;
	if (max < 2)
		return 0;
	if ((v = env("UNKNOT_CONFIG"))) {
		*single = 1;
		return fmt(files[0], PATHS_MAX, "%s%s", v, NULL) == 0 ? 1 : 0;
	}
	if (paths_sysconf_dir(files[n], PATHS_MAX - 13) == 0)
		strcat(files[n++], "/config.json");
	char dir[PATHS_MAX];
	if (paths_config_dir(dir, sizeof dir) == 0 && fmt(files[n], PATHS_MAX, "%s/config.json%s", dir, NULL) == 0)
		n++;
	return n;
}

/* The folder of the running executable (Linux /proc/self/exe). */
static int exe_dir(char *out, size_t size)
{
	ssize_t n = readlink("/proc/self/exe", out, size - 1);
	if (n <= 0)
		return -1;
	out[n] = '\0';
	char *slash = strrchr(out, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

int paths_asset(char *out, size_t size, const char *rel)
{
	char cand[PATHS_MAX], dir[PATHS_MAX];
	if (fmt(cand, sizeof cand, "./assets/%s%s", rel, NULL) == 0 && exists(cand))
		return fmt(out, size, "%s%s", cand, NULL);
	if (fmt(cand, sizeof cand, UNKNOT_DATADIR "/assets/%s%s", rel, NULL) == 0 && exists(cand))
		return fmt(out, size, "%s%s", cand, NULL);
	if (exe_dir(dir, sizeof dir) == 0) {
		if (fmt(cand, sizeof cand, "%s/../share/unknot/assets/%s", dir, rel) == 0 && exists(cand))
			return fmt(out, size, "%s%s", cand, NULL);
		/* ./unknot or build/unknot in a source tree, started from elsewhere */
		if (fmt(cand, sizeof cand, "%s/assets/%s", dir, rel) == 0 && exists(cand))
			return fmt(out, size, "%s%s", cand, NULL);
		if (fmt(cand, sizeof cand, "%s/../assets/%s", dir, rel) == 0 && exists(cand))
			return fmt(out, size, "%s%s", cand, NULL);
	}
	errno = ENOENT;
	return -1;
}

int paths_mkdirs(const char *dir)
{
	char p[PATHS_MAX];
	if (fmt(p, sizeof p, "%s%s", dir, NULL))
		return -1;
	size_t len = strlen(p);
	while (len > 1 && p[len - 1] == '/')
		p[--len] = '\0';
	/* Create each parent in turn; existing folders are fine. */
	for (char *s = p + 1; ; s++) {
		if (*s == '/' || *s == '\0') {
			char saved = *s;
			*s = '\0';
			if (mkdir(p, 0755) != 0) {
				int e = errno;
				struct stat st;
				if (e != EEXIST || stat(p, &st) != 0 || !S_ISDIR(st.st_mode)) {
					errno = e == EEXIST ? ENOTDIR : e;
					return -1;
				}
			}
			*s = saved;
			if (saved == '\0')
				break;
		}
	}
	return 0;
}

char *paths_read_file(const char *path, size_t max, size_t *len)
{
	/* O_NONBLOCK: opening a FIFO with no writer (a named pipe left where a
	 * config or routine belongs) would otherwise block the app for good. */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return NULL;
	struct stat st;
	if (fstat(fd, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) {
		/* it would read as empty (no writer) or as whatever someone feeds
		 * it: say what it is instead of "the file is empty" */
		close(fd);
		errno = PATHS_ENOTREG;
		return NULL;
	}
	char *buf = paths_read_fd(fd, max, len);
	int e = errno;
	close(fd);
	errno = e;
	return buf;
}

const char *paths_strerror(int err)
{
	if (err == PATHS_ENOTREG)
		return "not a regular file (a FIFO or a socket)";
	return strerror(err);
}

char *paths_read_fd(int fd, size_t max, size_t *len)
{
	char *buf = NULL;
	size_t used = 0, cap = 0;
	struct stat st;
	int err = 0;
	if (fstat(fd, &st) != 0) {
		err = errno;
		goto fail;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl == -1 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) == -1) {
		err = errno;
		goto fail;
	}
	if (S_ISDIR(st.st_mode)) {
		err = EISDIR;
		goto fail;
	}
	if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > (uint64_t)max) {
		err = EFBIG;
		goto fail;
	}
	/* Read to EOF rather than trusting st_size: pipes and /proc report 0. */
	cap = S_ISREG(st.st_mode) ? (size_t)st.st_size + 1 : 4096;
	if (cap > max + 1)
		cap = max + 1;
	for (;;) {
		if (used + 1 >= cap || !buf) {
			size_t ncap = buf ? cap * 2 : cap;
			if (ncap > max + 2)
				ncap = max + 2;
			if (ncap < 2)
				ncap = 2;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				err = ENOMEM;
				goto fail;
			}
			buf = nb;
			cap = ncap;
		}
		ssize_t n = read(fd, buf + used, cap - used - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			err = errno;
			goto fail;
		}
		if (n == 0)
			break;
		used += (size_t)n;
		if (used > max) {
			err = EFBIG;
			goto fail;
		}
	}
	buf[used] = '\0';
	*len = used;
	return buf;
fail:
	free(buf);
	errno = err;
	return NULL;
}
