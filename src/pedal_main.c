/* unknot-pedal: a wiring check for the GPIO foot switch(es), over SSH.
 *
 * The GPIO backend and the gesture recogniser of the app, nothing else (no
 * SDL): it prints every edge with its kernel timestamp and every recognised
 * gesture with its timing, live. One thread, blocked in poll() on the lines'
 * fds with the recogniser's next deadline as the timeout.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/config.h"
#include "core/gesture.h"
#include "core/i18n.h"
#include "core/presslog.h"
#include "io/configfile.h"
#include "io/gpio.h"
#include "io/i18n.h"
#include "io/paths.h"

#define RETRY_MS 2000

enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2 };

typedef struct {
	bool configured;     /* has a GPIO line */
	gpio_pedal *line;    /* NULL while unavailable */
	gpio_chip_id chip;   /* the chip line is on, to notice an unplug */
	uint64_t retry_at;   /* next re-open attempt when line is NULL, or next
	                        check that the chip is still there */
	presslog log;        /* presses as said: true lengths, stray ups dropped */
	bool down;           /* a press fed to the recogniser is in progress */
	unsigned edges;
	unsigned kinds[GESTURE_KIND_COUNT];
	char last_error[GPIO_ERR_MAX];
} pedal;

static int stop_pipe[2] = { -1, -1 };

static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;
	if (write(stop_pipe[1], &c, 1) < 0) {
		/* nothing to do: the pipe is full, so a stop is already pending */
	}
	errno = saved;
}

static void usage(FILE *f)
{
	fputs(_("usage: unknot-pedal [--config FILE] [--timeout SECONDS]\n"
	      "\n"
	      "Checks the wiring of unknot's GPIO foot switch(es): prints every edge\n"
	      "(down/up, with the kernel's timestamp) and every gesture the app would\n"
	      "recognise (tap, hold, ...) with its timing, live. Ctrl-C stops.\n"
	      "\n"
	      "  --config FILE      the config file (default: $UNKNOT_CONFIG,\n"
	      "                     ~/.config/unknot/config.json, /etc/unknot/config.json);\n"
	      "                     without a GPIO line in it, GPIO17 is tried\n"
	      "  --timeout SECONDS  stop after this long (default: run until Ctrl-C)\n"
	      "  --help, --version\n"
	      "\n"
	      "Wiring: GPIO17 (pin 11) to one side of the switch, ground (pin 9) to the other.\n"
	      "Exit status: 0 stopped, 1 config error or no foot switch could be opened,\n"
	      "2 usage error.\n"),
	      f);
}

static const char *input_name(int i)
{
	return i == 0 ? "pedal " : "pedal2";
}

static const char *bias_name(config_bias b)
{
	switch (b) {
	case CONFIG_BIAS_PULL_UP:
		return _("pull-up");
	case CONFIG_BIAS_PULL_DOWN:
		return _("pull-down");
	case CONFIG_BIAS_DISABLED:
		return _("no bias");
	default:
		return _("bias as-is");
	}
}

static void print_time(uint64_t ms, uint64_t t0)
{
	int64_t d = (int64_t)(ms - t0);
	printf("%c%lld.%03lld s  ", d < 0 ? '-' : '+', (long long)((d < 0 ? -d : d) / 1000),
	       (long long)((d < 0 ? -d : d) % 1000));
}

static void upper(char *dst, size_t size, const char *src)
{
	size_t i = 0;
	for (; src[i] && i + 1 < size; i++)
		dst[i] = (char)(src[i] >= 'a' && src[i] <= 'z' ? src[i] - 'a' + 'A' : src[i]);
	dst[i] = '\0';
}

static void print_gestures(gesture *g, pedal *p, uint64_t t0)
{
	gesture_event e;
	while (gesture_next(g, &e)) {
		char kind[24];
		upper(kind, sizeof kind, gesture_kind_name(e.kind));
		print_time(e.ms, t0);
		printf("%s  %s -> %s  (%u ms)\n", input_name(e.input), kind,
		       gesture_action_name(e.action), (unsigned)e.duration_ms);
		if (e.input >= 0 && e.input < GESTURE_MAX_INPUTS && (unsigned)e.kind < GESTURE_KIND_COUNT)
			p[e.input].kinds[e.kind]++;
	}
}

/* Opens pedal i; prints what happened (once per distinct error). */
static bool open_pedal(pedal *p, int i, const config_pedal *cfg, unsigned debounce_ms, uint64_t now,
                       bool first)
{
	char err[GPIO_ERR_MAX];
	gpio_error code;
	p->line = gpio_open(cfg, GPIO_CONSUMER "-pedal", &code, err, sizeof err);
	if (!p->line) {
		p->retry_at = now + RETRY_MS;
		if (strcmp(err, p->last_error) != 0) {
			printf(_("%s  error: %s\n"), input_name(i), err);
			snprintf(p->last_error, sizeof p->last_error, "%s", err);
		}
		return false;
	}
	gpio_chip_id_of(p->line, &p->chip);
	p->retry_at = now + RETRY_MS;
	int level = gpio_get_level(p->line);
	/* a press already down is not one the recogniser saw begin: its up
	 * must not be timed or fed (presslog.h) */
	p->down = false;
	presslog_open(&p->log, debounce_ms, level);
	printf(_("%s  %s%s: %s, %s, now %s%s\n"), input_name(i), first ? "" : _("working again: "),
	       gpio_describe(p->line), cfg->active_low ? _("active low") : _("active high"),
	       bias_name(cfg->bias), level < 0 ? _("unknown") : level ? _("PRESSED") : _("released"),
	       level == 1 ? _(" (if nobody presses it: check the wiring and \"active_low\")") : "");
	if (level == 1)
		printf(_("%s  held down while opening: this press is not counted (the app ignores it too); "
		       "release it\n"), input_name(i));
	p->last_error[0] = '\0';
	return true;
}

/* The line stopped working: say so, close it, retry later, and release the
 * pedal so the recogniser does not hold forever. */
static void lose_pedal(pedal *p, int i, gesture *g, const char *err)
{
	uint64_t t = gpio_clock_ms();
	printf(_("%s  error: %s\n"), input_name(i), err);
	snprintf(p->last_error, sizeof p->last_error, "%s", err);
	gpio_close(p->line);
	p->line = NULL;
	p->retry_at = t + RETRY_MS;
	if (p->down) {
		p->down = false;
		gesture_edge(g, i, false, t);
	}
}

/* The app's config layers (io/configfile.h); `shown` says which files. */
static int load_config(const char *file, config *cfg, char *shown, size_t shown_size)
{
	char err[PATHS_MAX + 600];
	if (configfile_load(cfg, file, err, sizeof err, shown, shown_size) != 0) {
		fprintf(stderr, "unknot-pedal: %s\n", err);
		return -1;
	}
	return 0;
}

/* One raw edge: said as presslog classes it, then fed to the recogniser. */
static void on_edge(pedal *p, int i, bool down, uint64_t ms, gesture *g, uint64_t t0)
{
	uint64_t len = 0;
	presslog_kind k = presslog_edge(&p->log, down, ms, &len);
	if (k == PRESSLOG_STRAY_UP)
		return;
	print_time(ms, t0);
	switch (k) {
	case PRESSLOG_DOWN: printf(_("%s  down\n"), input_name(i)); break;
	case PRESSLOG_CHATTER: printf(_("%s  down  (chatter: the same press)\n"), input_name(i)); break;
	case PRESSLOG_UP: printf(_("%s  up    (%llu ms)\n"), input_name(i), (unsigned long long)len); break;
	default: printf(_("%s  up    (the press held while opening ended; not counted)\n"), input_name(i)); break;
	}
	if (!presslog_feeds(k))
		return;
	p->down = down;
	p->edges++;
	gesture_edge(g, i, down, ms);
}

/* Command line: 0 to go on, else the exit status (-1 = EXIT_OK). */
static int parse_args(int argc, char **argv, const char **config_file, long *timeout_s)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return -1;
		} else if (!strcmp(argv[i], "--version")) {
			printf("unknot-pedal %s (%s)\n", UNKNOT_VERSION, gpio_backend_name());
			return -1;
		} else if (!strcmp(argv[i], "--config") && i + 1 < argc) {
			*config_file = argv[++i];
		} else if (!strncmp(argv[i], "--config=", 9)) {
			*config_file = argv[i] + 9;
		} else if (!strcmp(argv[i], "--timeout") && i + 1 < argc) {
			char *end;
			*timeout_s = strtol(argv[++i], &end, 10);
			if (*end || *timeout_s <= 0) {
				fprintf(stderr, _("unknot-pedal: --timeout wants a number of seconds > 0\n"));
				return EXIT_USAGE;
			}
		} else {
			fprintf(stderr, _("unknot-pedal: unknown or incomplete option '%s'\n"), argv[i]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* Without a GPIO line in the config, the documented wiring (GPIO17), so a
 * bare `unknot-pedal` checks it. Returns how many pedals to watch. */
static size_t pick_pedals(config *cfg)
{
	size_t np = cfg->npedals < GESTURE_MAX_INPUTS ? cfg->npedals : GESTURE_MAX_INPUTS;
	bool any = false;
	for (size_t i = 0; i < np; i++)
		any |= cfg->pedals[i].gpio;
	if (!any) {
		if (np == 0)
			np = cfg->npedals = 1;
		cfg->pedals[0].gpio = true;
		snprintf(cfg->pedals[0].line, sizeof cfg->pedals[0].line, "GPIO17");
		cfg->pedals[0].chip[0] = '\0';
		cfg->pedals[0].offset = -1;
		printf(_("no GPIO line in the config: trying line \"GPIO17\", %s, %s\n"),
		       cfg->pedals[0].active_low ? _("active low") : _("active high"),
		       bias_name(cfg->pedals[0].bias));
	}
	printf(_("gestures: debounce %u ms, hold %u ms, long hold %u ms, double tap %u ms (%s)\n"),
	       (unsigned)cfg->gesture.debounce_ms, (unsigned)cfg->gesture.hold_ms,
	       (unsigned)cfg->gesture.long_hold_ms, (unsigned)cfg->gesture.double_tap_ms,
	       gpio_backend_name());
	return np;
}

/* Before polling: a chip that went away is noticed (the kernel does not wake
 * poll() for it), a missing line is re-opened; the open lines' fds go into
 * pfd. Returns the fd count; *wake is lowered to the next retry. */
static nfds_t prepare_poll(pedal *p, size_t np, const config *cfg, gesture *g, uint64_t now,
                           uint64_t t0, struct pollfd *pfd, int *who, uint64_t *wake)
{
	nfds_t n = 0;
	pfd[n].fd = stop_pipe[0];
	pfd[n].events = POLLIN;
	who[n++] = -1;
	for (size_t i = 0; i < np; i++) {
		if (!p[i].configured)
			continue;
		if (p[i].line && now >= p[i].retry_at) {
			p[i].retry_at = now + RETRY_MS;
			if (gpio_chip_gone(&p[i].chip)) {
				char err[GPIO_ERR_MAX];
				gpio_format_error(GPIO_ERR_OTHER, gpio_describe(p[i].line),
				                  "its chip went away (unplugged?)", err, sizeof err);
				lose_pedal(&p[i], (int)i, g, err);
				print_gestures(g, p, t0);
			}
		}
		if (!p[i].line && now >= p[i].retry_at)
			open_pedal(&p[i], (int)i, &cfg->pedals[i], cfg->gesture.debounce_ms, now, false);
		if (p[i].line) {
			pfd[n].fd = gpio_fd(p[i].line);
			pfd[n].events = POLLIN;
			who[n++] = (int)i;
		}
		if (p[i].retry_at < *wake)
			*wake = p[i].retry_at;
	}
	return n;
}

/* Polls the lines until Ctrl-C or the end time. Returns the exit status. */
static int watch(pedal *p, size_t np, const config *cfg, gesture *g, uint64_t t0, uint64_t end)
{
	for (;;) {
		uint64_t now = gpio_clock_ms();
		struct pollfd pfd[1 + GESTURE_MAX_INPUTS];
		int who[1 + GESTURE_MAX_INPUTS];
		uint64_t wake = end < gesture_next_deadline(g) ? end : gesture_next_deadline(g);
		nfds_t n = prepare_poll(p, np, cfg, g, now, t0, pfd, who, &wake);
		int timeout = -1;
		if (wake != UINT64_MAX)
			timeout = wake > now ? (int)(wake - now < 60000 ? wake - now : 60000) : 0;
		int pr = poll(pfd, n, timeout);
		if (pr < 0 && errno != EINTR) {
			perror("unknot-pedal: poll");
			return EXIT_FAIL;
		}
		if (pr > 0 && pfd[0].revents)
			return EXIT_OK; /* SIGINT / SIGTERM */

		/* edges first: one stamped before a deadline must decide it */
		for (nfds_t k = 1; pr > 0 && k < n; k++) {
			if (!pfd[k].revents)
				continue;
			int i = who[k];
			gpio_edge e[32];
			char err[GPIO_ERR_MAX] = "";
			int got = gpio_read_edges(p[i].line, e, 32, err, sizeof err);
			for (int j = 0; j < got; j++) {
				on_edge(&p[i], i, e[j].down, gpio_ts_now_to_ms(e[j].ts_ns), g, t0);
				print_gestures(g, p, t0);
			}
			if (got < 0 || (got == 0 && (pfd[k].revents & (POLLERR | POLLHUP | POLLNVAL))))
				lose_pedal(&p[i], i, g, err[0] ? err : "the foot switch line went away");
		}
		now = gpio_clock_ms();
		gesture_tick(g, now);
		print_gestures(g, p, t0);
		if (now >= end)
			return EXIT_OK;
	}
}

static void print_summary(const pedal *p, size_t np)
{
	unsigned total = 0;
	for (size_t i = 0; i < np; i++)
		total += p[i].edges;
	printf(_("summary: %u edges"), total);
	for (size_t i = 0; i < np; i++) {
		if (!p[i].configured)
			continue;
		printf("; %s:", i == 0 ? "pedal" : "pedal2");
		for (int k = 0; k < GESTURE_KIND_COUNT; k++)
			printf(" %u %s%s", p[i].kinds[k], gesture_kind_name((gesture_kind)k),
			       k + 1 < GESTURE_KIND_COUNT ? "," : "");
	}
	printf("\n");
}

int main(int argc, char **argv)
{
	const char *config_file = NULL;
	long timeout_s = -1;
	i18n_init(NULL); /* the environment's language; the config's "language" below */
	int arc = parse_args(argc, argv, &config_file, &timeout_s);
	if (arc)
		return arc < 0 ? EXIT_OK : arc;
	setvbuf(stdout, NULL, _IOLBF, 0); /* live over SSH and into logs */

	config cfg;
	char shown[PATHS_MAX + 64];
	if (load_config(config_file, &cfg, shown, sizeof shown) != 0)
		return EXIT_FAIL;
	if (cfg.language[0])
		i18n_set(cfg.language);
	printf(_("config: %s\n"), shown);
	size_t np = pick_pedals(&cfg);

	gesture *g = gesture_new(&cfg.gesture);
	if (!g || pipe(stop_pipe) != 0) {
		fprintf(stderr, _("unknot-pedal: out of resources\n"));
		gesture_free(g);
		return EXIT_FAIL;
	}
	fcntl(stop_pipe[1], F_SETFL, O_NONBLOCK);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);

	pedal p[GESTURE_MAX_INPUTS];
	memset(p, 0, sizeof p);
	uint64_t t0 = gpio_clock_ms();
	int opened = 0;
	for (size_t i = 0; i < np; i++) {
		p[i].configured = cfg.pedals[i].gpio;
		if (p[i].configured && open_pedal(&p[i], (int)i, &cfg.pedals[i], cfg.gesture.debounce_ms, t0, true))
			opened++;
	}
	int rc = EXIT_FAIL;
	if (opened > 0) {
		printf(_("press the foot switch (Ctrl-C to stop)\n"));
		uint64_t end = timeout_s > 0 ? t0 + (uint64_t)timeout_s * 1000 : UINT64_MAX;
		rc = watch(p, np, &cfg, g, t0, end);
		gesture_tick(g, gpio_clock_ms()); /* a release just before Ctrl-C still counts */
		print_gestures(g, p, t0);
		print_summary(p, np);
	}
	for (size_t i = 0; i < np; i++)
		gpio_close(p[i].line);
	gesture_free(g);
	close(stop_pipe[0]);
	close(stop_pipe[1]);
	return rc;
}
