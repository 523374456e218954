/* watchdog: the sd_notify protocol over $NOTIFY_SOCKET (see watchdog.h). */
#include "io/watchdog.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "io/log.h"

struct watchdog {
	int fd;                      /* AF_UNIX datagram socket, not connected */
	struct sockaddr_un addr;     /* $NOTIFY_SOCKET */
	socklen_t addr_len;
	uint64_t interval_ms;        /* half of $WATCHDOG_USEC; 0 = no watchdog */
	uint64_t next;               /* next WATCHDOG=1 due (monotonic ms) */
	bool ready_sent;
	bool reported;               /* a send failure was reported */
};

/* Parses a decimal unsigned 64-bit number; -1 unless the whole string is one. */
static int parse_u64(const char *s, uint64_t *out)
{
	if (!s || !*s)
		return -1;
	uint64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (UINT64_MAX - 9) / 10)
			return -1;
		v = v * 10 + (uint64_t)(*s - '0');
	}
	*out = v;
	return 0;
}

/* Fills addr from $NOTIFY_SOCKET: an absolute path, or "@name" for Linux's
 * abstract namespace (leading NUL, length without a terminator). */
static int notify_address(const char *env, struct sockaddr_un *addr, socklen_t *len)
{
	size_t n = strlen(env);
	memset(addr, 0, sizeof *addr);
	addr->sun_family = AF_UNIX;
	if ((env[0] != '/' && env[0] != '@') || n < 2 || n >= sizeof addr->sun_path)
		return -1;
	memcpy(addr->sun_path, env, n);
	if (env[0] == '@') {
		addr->sun_path[0] = '\0';
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n);
	} else {
		*len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	}
	return 0;
}

watchdog *watchdog_open(uint64_t now)
{
	const char *sock = getenv("NOTIFY_SOCKET");
	if (!sock || !*sock)
		return NULL;
	watchdog *w = calloc(1, sizeof *w);
	if (!w)
		return NULL;
	w->fd = -1;
	if (notify_address(sock, &w->addr, &w->addr_len) < 0) {
		log_warn("NOTIFY_SOCKET=%s: not a socket path; not notifying systemd", sock);
		goto fail;
	}
	uint64_t usec = 0, pid = 0;
	const char *pid_env = getenv("WATCHDOG_PID");
	bool ours = !pid_env || (parse_u64(pid_env, &pid) == 0 && pid == (uint64_t)getpid());
	if (ours && parse_u64(getenv("WATCHDOG_USEC"), &usec) == 0 && usec > 0) {
		w->interval_ms = usec / 2000;   /* half the timeout, in ms */
		if (w->interval_ms == 0)
			w->interval_ms = 1;
		w->next = now + w->interval_ms;
	}
	w->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (w->fd < 0) {
		log_warn("notify socket: %s; not notifying systemd", strerror(errno));
		goto fail;
	}
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	unsetenv("WATCHDOG_PID");
	return w;
fail:
	free(w);
	return NULL;
}

/* One datagram; reports the first failure only (a watchdog that cannot reach
 * systemd gets the app restarted, which the journal then explains). */
static int send_msg(watchdog *w, const char *msg)
{
	if (!w)
		return 0;
	ssize_t n;
	do
		n = sendto(w->fd, msg, strlen(msg), MSG_NOSIGNAL, (const struct sockaddr *)&w->addr, w->addr_len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		if (!w->reported)
			log_warn("notifying systemd: %s", strerror(errno));
		w->reported = true;
		return -1;
	}
	return 0;
}

/* Sends KEY + text as one line, text cut at its first newline. */
static int send_line(watchdog *w, const char *prefix, const char *key, const char *text)
{
	char buf[512];
	int len = snprintf(buf, sizeof buf, "%s%s%.*s", prefix, key, (int)strcspn(text, "\n"), text);
	if (len < 0)
		return -1;
	return send_msg(w, buf);
}

int watchdog_ready(watchdog *w, const char *status)
{
	if (!w || w->ready_sent)
		return 0;
	w->ready_sent = true;
	return status ? send_line(w, "READY=1\n", "STATUS=", status) : send_msg(w, "READY=1");
}

int watchdog_status(watchdog *w, const char *text)
{
	if (!w || !text)
		return 0;
	return send_line(w, "", "STATUS=", text);
}

int watchdog_tick(watchdog *w, uint64_t now)
{
	if (!w || !w->interval_ms || now < w->next)
		return 0;
	/* From now, not from the missed due time: a late ping restarts the interval. */
	w->next = now + w->interval_ms;
	return send_msg(w, "WATCHDOG=1") < 0 ? -1 : 1;
}

uint64_t watchdog_next(const watchdog *w)
{
	return w && w->interval_ms ? w->next : WATCHDOG_NEVER;
}

uint64_t watchdog_interval(const watchdog *w)
{
	return w ? w->interval_ms : 0;
}

int watchdog_stopping(watchdog *w)
{
	return send_msg(w, "STOPPING=1");
}

void watchdog_free(watchdog *w)
{
	if (!w)
		return;
	if (w->fd >= 0)
		close(w->fd);
	free(w);
}
