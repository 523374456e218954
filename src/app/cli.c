/* cli: parses the command line and runs the chosen mode. */
#include "app/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app.h"
#include "app/check.h"
#include "app/finder.h"
#include "app/report.h"
#include "app/simulate.h"
#include "core/i18n.h"
#include "io/i18n.h"

static const char *const usage_text = N_(
	"Usage: unknot [OPTION]... [ROUTINE]\n"
	"Guided self-treatment session timer (trigger-point compression, rolling,\n"
	"stretches) for touchscreens, with a foot switch. Self-care guidance, not a\n"
	"diagnosis.\n"
	"\n"
	"Modes:\n"
	"  unknot [ROUTINE]                start the app (on ROUTINE's preview if given)\n"
	"  unknot --check FILE...          validate routines; exit 0 when all are valid\n"
	"  unknot --plan FILE [--json]     print a routine's timeline\n"
	"  unknot --simulate ROUTINE --input SCRIPT [--journal FILE] [--config FILE]\n"
	"                                  run the engine headless on a virtual clock\n"
	"  unknot --simulate ROUTINE... --input SCRIPT --repeat-until HOURS\n"
	"                                  sessions back to back (the routines in turn) on\n"
	"                                  one virtual clock for HOURS, the script's times\n"
	"                                  counted from the first start; memory on stderr\n"
	"  unknot --history [--json]       progress figures from the journal\n"
	"  unknot --export csv             one CSV row per step of every session\n"
	"  unknot --areas                  the pain areas --suggest knows, one a line\n"
	"  unknot --suggest AREA[:left|:right]... [--json]\n"
	"                                  the muscles whose trigger points refer pain there\n"
	"  unknot --build-routine AREA[:side]... -o FILE [--minutes N]\n"
	"                                  write a routine for them (N 5-20, default 8)\n"
	"  unknot --help | --version\n"
	"\n"
	"App options:\n"
	"  --windowed / --fullscreen       window mode (default: full-screen on a console,\n"
	"                                  windowed on a desktop)\n"
	"  --size WxH                      window size (default 800x480)\n"
	"  --rotate 0|90|180|270           rotate the screen (and touch) for panels\n"
	"  --kiosk                         kiosk mode: safety screen before every session,\n"
	"                                  no personal history\n"
	"  --config FILE                   configuration file (default: see README)\n"
	"  --journal FILE                  journal file (default: see README)\n"
	"  --input SCRIPT                  feed a --simulate style input script\n"
	"  --fast                          virtual clock that jumps from event to event\n"
	"  --screenshot DIR                save every distinct screen as an image\n"
	"\n"
	"Exit status: 0 ok, 1 invalid input, 2 usage error, 64 kiosk admin exit.\n");

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "unknot: ");
	fprintf(stderr, _(fmt), arg);
	fprintf(stderr, "\n%s\n", _("Try 'unknot --help'."));
	return 2;
}

/* Sets the mode once; two modes on one command line are a usage error. */
static int set_mode(cli_options *o, cli_mode m, const char *opt)
{
	if (o->mode != CLI_APP && o->mode != m)
		return usage_error(N_("%s cannot be combined with another mode"), opt);
	o->mode = m;
	return 0;
}

/* Takes the value of an option that needs one. */
static int need_value(int argc, char **argv, int *i, const char **out)
{
	if (*i + 1 >= argc)
		return usage_error(N_("%s needs a value"), argv[*i]);
	*out = argv[++*i];
	return 0;
}

/* The file arguments and options each mode needs or refuses. */
static int check_arguments(const cli_options *o)
{
	int nfiles = o->nfiles;
	char **files = o->files;
	switch (o->mode) {
	case CLI_CHECK:
		if (nfiles < 1)
			return usage_error(N_("%s needs at least one FILE"), "--check");
		break;
	case CLI_PLAN:
		if (nfiles != 1)
			return usage_error(N_("%s needs exactly one FILE"), "--plan");
		break;
	case CLI_SIMULATE:
		if (nfiles < 1 || (nfiles > 1 && o->repeat_hours <= 0))
			return usage_error(N_("%s needs exactly one ROUTINE (several with --repeat-until)"), "--simulate");
		if (!o->input)
			return usage_error(N_("%s needs --input SCRIPT"), "--simulate");
		break;
	case CLI_SUGGEST:
	case CLI_BUILD_ROUTINE:
		if (nfiles < 1)
			return usage_error(N_("%s needs at least one AREA ('unknot --areas' lists them)"),
			                   o->mode == CLI_SUGGEST ? "--suggest" : "--build-routine");
		if (o->mode == CLI_BUILD_ROUTINE && !o->output)
			return usage_error(N_("%s needs -o FILE"), "--build-routine");
		break;
	case CLI_AREAS:
	case CLI_HISTORY:
	case CLI_EXPORT:
		if (nfiles != 0)
			return usage_error(N_("unexpected argument '%s'"), files[0]);
		break;
	case CLI_APP:
		if (nfiles > 1)
			return usage_error(N_("unexpected argument '%s' (one ROUTINE at most)"), files[1]);
		break;
	default:
		break;
	}
	if (o->repeat_hours > 0 && o->mode != CLI_SIMULATE)
		return usage_error(N_("%s only goes with --simulate"), "--repeat-until");
	if (o->json && o->mode != CLI_PLAN && o->mode != CLI_HISTORY && o->mode != CLI_SUGGEST)
		return usage_error(N_("%s only goes with --plan, --history or --suggest"), "--json");
	if ((o->output || o->minutes) && o->mode != CLI_BUILD_ROUTINE)
		return usage_error(N_("%s only goes with --build-routine"), o->output ? "-o" : "--minutes");
	return 0;
}

int cli_parse(int argc, char **argv, cli_options *o)
{
	memset(o, 0, sizeof *o);
	o->rotate = -1;
	/* Non-option arguments are collected in place at the front of argv+1. */
	char **files = argv + 1;
	int nfiles = 0;
	bool only_files = false;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = NULL;
		int rc = 0;
		if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
			files[nfiles++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_files = true;
		} else if (strcmp(a, "--check") == 0) {
			rc = set_mode(o, CLI_CHECK, a);
		} else if (strcmp(a, "--plan") == 0) {
			rc = set_mode(o, CLI_PLAN, a);
		} else if (strcmp(a, "--simulate") == 0) {
			rc = set_mode(o, CLI_SIMULATE, a);
		} else if (strcmp(a, "--history") == 0) {
			rc = set_mode(o, CLI_HISTORY, a);
		} else if (strcmp(a, "--export") == 0) {
			rc = set_mode(o, CLI_EXPORT, a);
			if (rc == 0)
				rc = need_value(argc, argv, &i, &o->export_fmt);
			if (rc == 0 && strcmp(o->export_fmt, "csv") != 0)
				rc = usage_error(N_("unknown export format '%s' (csv)"), o->export_fmt);
		} else if (strcmp(a, "--areas") == 0) {
			rc = set_mode(o, CLI_AREAS, a);
		} else if (strcmp(a, "--suggest") == 0) {
			rc = set_mode(o, CLI_SUGGEST, a);
		} else if (strcmp(a, "--build-routine") == 0) {
			rc = set_mode(o, CLI_BUILD_ROUTINE, a);
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			rc = need_value(argc, argv, &i, &o->output);
		} else if (strcmp(a, "--minutes") == 0) {
			rc = need_value(argc, argv, &i, &o->minutes);
		} else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			o->mode = CLI_HELP;
			return 0;
		} else if (strcmp(a, "--version") == 0) {
			o->mode = CLI_VERSION;
			return 0;
		} else if (strcmp(a, "--json") == 0) {
			o->json = true;
		} else if (strcmp(a, "--input") == 0) {
			rc = need_value(argc, argv, &i, &o->input);
		} else if (strcmp(a, "--journal") == 0) {
			rc = need_value(argc, argv, &i, &o->journal);
		} else if (strcmp(a, "--config") == 0) {
			rc = need_value(argc, argv, &i, &o->config);
		} else if (strcmp(a, "--repeat-until") == 0) {
			rc = need_value(argc, argv, &i, &v);
			if (rc == 0) {
				char *end;
				o->repeat_hours = strtod(v, &end);
				if (*end || v == end || !(o->repeat_hours > 0 && o->repeat_hours <= 1000))
					rc = usage_error(N_("--repeat-until wants hours, more than 0 and at most 1000, not '%s'"), v);
			}
		} else if (strcmp(a, "--screenshot") == 0) {
			rc = need_value(argc, argv, &i, &o->screenshot);
		} else if (strcmp(a, "--windowed") == 0) {
			o->windowed = true;
		} else if (strcmp(a, "--fullscreen") == 0) {
			o->fullscreen = true;
		} else if (strcmp(a, "--fast") == 0) {
			o->fast = true;
		} else if (strcmp(a, "--kiosk") == 0) {
			o->kiosk = true;
		} else if (strcmp(a, "--size") == 0) {
			rc = need_value(argc, argv, &i, &v);
			if (rc == 0 && (sscanf(v, "%dx%d", &o->width, &o->height) != 2 ||
			                o->width < 100 || o->height < 100 || o->width > 8192 || o->height > 8192))
				rc = usage_error(N_("--size wants WIDTHxHEIGHT, e.g. 800x480, not '%s'"), v);
		} else if (strcmp(a, "--rotate") == 0) {
			rc = need_value(argc, argv, &i, &v);
			if (rc == 0) {
				char *end;
				long r = strtol(v, &end, 10);
				if (*end || (r != 0 && r != 90 && r != 180 && r != 270))
					rc = usage_error(N_("--rotate wants 0, 90, 180 or 270, not '%s'"), v);
				o->rotate = (int)r;
			}
		} else {
			rc = usage_error(N_("unknown option '%s'"), a);
		}
		if (rc)
			return rc;
	}
	o->files = files;
	o->nfiles = nfiles;

	return check_arguments(o);
}

int cli_main(int argc, char **argv)
{
	cli_options o;
	i18n_init(NULL); /* the environment's language; the app's config may change it */
	int rc = cli_parse(argc, argv, &o);
	if (rc)
		return rc;
	switch (o.mode) {
	case CLI_HELP:
		fputs(_(usage_text), stdout);
		return 0;
	case CLI_VERSION:
		printf("unknot %s\n", UNKNOT_VERSION);
		return 0;
	case CLI_CHECK:
		return check_files(o.files, o.nfiles);
	case CLI_PLAN:
		return check_plan(o.files[0], o.json);
	case CLI_SIMULATE:
		return simulate_main(&o);
	case CLI_AREAS:
		return finder_areas();
	case CLI_SUGGEST:
		return finder_suggest(o.files, o.nfiles, o.json);
	case CLI_BUILD_ROUTINE:
		return finder_build_routine(o.files, o.nfiles, o.output, o.minutes);
	case CLI_HISTORY:
		return report_history(&o);
	case CLI_EXPORT:
		return report_export(&o);
	case CLI_APP:
	default:
		return app_main(&o);
	}
}
