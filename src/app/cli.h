/* cli: the `unknot` command line (a contract: see README "Command line").
 *
 *   unknot --check FILE...
 *   unknot --plan FILE [--json]
 *   unknot --simulate ROUTINE --input SCRIPT [--journal FILE] [--config FILE]
 *   unknot --history [--json] [--journal FILE]
 *   unknot --export csv [--journal FILE]
 *   unknot [--windowed] [--size WxH] [--rotate 0|90|180|270] [--kiosk]
 *          [--input SCRIPT] [--fast] [--screenshot DIR] [--config FILE]
 *          [--journal FILE] [ROUTINE]
 *   unknot --areas
 *   unknot --suggest AREA[:left|:right]... [--json]
 *   unknot --build-routine AREA[:side]... -o FILE [--minutes N]
 *   unknot --help | --version
 *
 * Exit codes: 0 success, 1 invalid input (a routine, a script), 2 usage error,
 * 64 the kiosk's admin exit (app.h APP_EXIT_ADMIN).
 */
#ifndef UNKNOT_CLI_H
#define UNKNOT_CLI_H

#include <stdbool.h>

typedef enum {
	CLI_APP = 0,
	CLI_CHECK,
	CLI_PLAN,
	CLI_SIMULATE,
	CLI_HISTORY,
	CLI_EXPORT,
	CLI_AREAS,
	CLI_SUGGEST,
	CLI_BUILD_ROUTINE,
	CLI_HELP,
	CLI_VERSION
} cli_mode;

/* Everything the command line says. Strings point into argv. */
typedef struct {
	cli_mode mode;
	char **files;          /* --check FILE...; --plan FILE; [ROUTINE] for the app/simulate */
	int nfiles;
	bool json;             /* --json */
	const char *input;     /* --input SCRIPT */
	const char *journal;   /* --journal FILE */
	const char *config;    /* --config FILE */
	const char *export_fmt;/* --export FORMAT ("csv") */
	const char *screenshot;/* --screenshot DIR */
	bool windowed;         /* --windowed */
	bool fullscreen;       /* --fullscreen */
	bool fast;             /* --fast: virtual clock */
	bool kiosk;            /* --kiosk */
	int width, height;     /* --size WxH, 0 = default */
	int rotate;            /* --rotate, -1 = from config */
	const char *output;    /* -o FILE (--build-routine) */
	const char *minutes;   /* --minutes N as given (--build-routine checks it) */
	double repeat_hours;   /* --repeat-until HOURS (--simulate): back-to-back sessions, 0 = one */
} cli_options;

/* Parses argv into *o. Returns 0, or 2 after printing a usage error to stderr. */
int cli_parse(int argc, char **argv, cli_options *o);

/* The whole program: parse, then run the mode. Returns the exit code. */
int cli_main(int argc, char **argv);

#endif
