/* script: the input scripts of `unknot --simulate` and `unknot --input`.
 *
 *   # seconds   input    edge
 *   12.000      pedal    down
 *   12.180      pedal    up
 *   90.500      key:space down
 *   95.000      touch 400 300 down
 *
 * One input per line; `#` starts a comment; blank lines are fine. Times are
 * seconds since the session start (up to 3 decimals), never decreasing.
 * Inputs: `pedal`, `pedal2` (the two foot switches), `key:NAME` (an SDL key
 * name, lower case), `touch X Y` (window pixels). Edges: `down`, `up`.
 */
#ifndef UNKNOT_SCRIPT_H
#define UNKNOT_SCRIPT_H

#include <stddef.h>
#include <stdint.h>

typedef enum { SCRIPT_PEDAL = 0, SCRIPT_PEDAL2, SCRIPT_KEY, SCRIPT_TOUCH } script_input;

typedef struct {
	uint64_t ms;        /* since the session start */
	script_input input;
	char key[32];       /* SCRIPT_KEY: the lower-case key name */
	int x, y;           /* SCRIPT_TOUCH */
	int down;           /* 1 = down, 0 = up */
	int line;           /* line number in the script */
} script_event;

typedef struct {
	script_event *events; /* owned */
	size_t count;
} script;

/* Parses a script. On error returns -1 and writes "LINE:COLUMN: message" to
 * err (a malformed line, or a time earlier than the line before). */
int script_parse(script *s, const char *text, size_t len, char *err, size_t errsize);
void script_free(script *s);

#endif
