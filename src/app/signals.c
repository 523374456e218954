/* signals: the app's signal dispositions (see signals.h). */
#include "app/signals.h"

#include <string.h>

static volatile sig_atomic_t *signals_stop;
static SDL_sem *signals_wake;

/* The signals that stop the app properly, and those it ignores. */
static const int signals_stopping[] = { SIGTERM, SIGINT, SIGHUP };
static const int signals_ignored[] = { SIGPIPE, SIGUSR1, SIGALRM };

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Async-signal-safe: a store, and sem_post (what SDL_SemPost is on POSIX). */
static void signals_on_stop(int sig)
{
	if (signals_stop)
		*signals_stop = sig;
	if (signals_wake)
		SDL_SemPost(signals_wake);
}

int signals_install(volatile sig_atomic_t *stop, SDL_sem *wake)
{
	struct sigaction sa;
	int rc = 0;
	signals_stop = stop;
	signals_wake = wake;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* the other stopping signals wait while one is handled */
	for (size_t i = 0; i < COUNT(signals_stopping); i++)
		sigaddset(&sa.sa_mask, signals_stopping[i]);
	sa.sa_handler = signals_on_stop;
	for (size_t i = 0; i < COUNT(signals_stopping); i++)
		rc |= sigaction(signals_stopping[i], &sa, NULL);
	sa.sa_handler = SIG_IGN;
	for (size_t i = 0; i < COUNT(signals_ignored); i++)
		rc |= sigaction(signals_ignored[i], &sa, NULL);
	return rc ? -1 : 0;
}

void signals_reset(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	for (size_t i = 0; i < COUNT(signals_stopping); i++)
		sigaction(signals_stopping[i], &sa, NULL);
	signals_stop = NULL;
	signals_wake = NULL;
}

const char *signals_name(int sig)
{
	switch (sig) {
	case SIGTERM: return "SIGTERM";
	case SIGINT: return "SIGINT";
	case SIGHUP: return "SIGHUP";
	case SIGPIPE: return "SIGPIPE";
	case SIGUSR1: return "SIGUSR1";
	case SIGALRM: return "SIGALRM";
	default: return "signal";
	}
}
