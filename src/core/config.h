/* config: the user's configuration (config.json), parsed from a buffer.
 *
 * Pure: src/io/paths.c finds the files (/etc/unknot/config.json, then
 * $XDG_CONFIG_HOME/unknot/config.json or ~/.config/unknot/config.json parsed
 * over it; $UNKNOT_CONFIG or --config FILE alone instead) and src/io/configfile.c
 * reads them. Every key is optional; a missing file means all defaults. Example:
 *
 *   { "mode": "home", "volume": 80, "mute": false, "voice": "full",
 *     "rotate": 0, "font": "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
 *     "overtreatment_hours": 24, "profile": "anna",
 *     "kiosk": false, "admin_pin": "2468", "idle_minutes": 5,
 *     "pause_timeout_minutes": 15, "dim_minutes": 2, "log_level": "info",
 *     "profiles": ["anna", "ben"],
 *     "gesture": { "debounce_ms": 30, "hold_ms": 700, "long_hold_ms": 3000,
 *                  "double_tap_ms": 400 },
 *     "pedals": [
 *       { "line": "GPIO17", "active_low": true, "bias": "pull-up",
 *         "keys": ["space", "return", "pagedown"],
 *         "tap": "next", "hold": "discomfort", "double_tap": "none", "long_hold": "none" },
 *       { "chip": "gpiochip0", "offset": 27, "tap": "discomfort", "hold": "pause" } ] }
 */
#ifndef UNKNOT_CONFIG_H
#define UNKNOT_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/fmsg.h"
#include "core/gesture.h"

#define CONFIG_MAX_KEYS 4
#define CONFIG_MAX_PROFILES 8

typedef enum { CONFIG_MODE_HOME = 0, CONFIG_MODE_KIOSK } config_mode;
/* "voice": "off", "names" (the target and side only), "full" (the
 * announcement with caution, tool and placement, the prompts after a
 * discomfort hold and the warnings); true is "full", false "off". */
typedef enum { CONFIG_VOICE_OFF = 0, CONFIG_VOICE_NAMES, CONFIG_VOICE_FULL } config_voice;
typedef enum { CONFIG_BIAS_PULL_UP = 0, CONFIG_BIAS_PULL_DOWN, CONFIG_BIAS_DISABLED, CONFIG_BIAS_AS_IS } config_bias;
/* "log_level": the most detailed messages printed (src/io/log.c has the same order). */
typedef enum { CONFIG_LOG_ERROR = 0, CONFIG_LOG_WARN, CONFIG_LOG_INFO, CONFIG_LOG_DEBUG } config_log_level;

#define CONFIG_PIN_MAX 8

/* "fleet": MQTT fleet reporting (issue 11, src/io/fleet.h); off when broker is "".
 *   "fleet": { "broker": "mqtts://mqtt.gym.example:8883", "site": "gymA",
 *              "station": "st042", "username": "st042", "password_file": "/etc/unknot/mqtt.pw",
 *              "ca_file": "/etc/unknot/ca.pem", "keepalive_s": 30, "will_delay_s": 30 }
 * site and station are topic levels (no '/', '+', '#'); a password without a
 * username logs in as the station name. */
typedef struct {
	char broker[256];        /* as written; "" = fleet off */
	bool tls;                /* mqtts:// */
	char host[256];          /* from broker ([] removed from an IPv6 address) */
	int port;                /* from broker; default 1883 (mqtt) / 8883 (mqtts) */
	char site[65];
	char station[65];
	char username[128];
	char password[128];
	char password_file[256]; /* first line is the password (wins over password) */
	char ca_file[256];       /* mqtts: "" = the system's CAs */
	char cert_file[256];     /* client certificate (mqtts), with key_file */
	char key_file[256];
	int keepalive_s;         /* 5..3600, default 30 */
	int will_delay_s;        /* 0..3600, default 30 */
} config_fleet;

/* One foot switch: where its GPIO line is (if any) and which keys act as it. */
typedef struct {
	bool gpio;              /* a GPIO line is configured (line name, or chip+offset) */
	char line[32];          /* line name, e.g. "GPIO17"; "" when chip+offset is used */
	char chip[64];          /* e.g. "gpiochip0" or "/dev/gpiochip0"; "" = search all */
	int offset;             /* -1 when the line is given by name */
	bool active_low;        /* default true: a switch between the pin and ground */
	config_bias bias;       /* default pull-up */
	char keys[CONFIG_MAX_KEYS][24]; /* SDL key names, lower case ("space", "return", "pagedown") */
	size_t nkeys;
	/* a key pedal's input device ("/dev/input/by-id/usb-...-event-kbd"), read
	 * on the foot-switch thread with the kernel's event times and grabbed;
	 * "" = its keys come through SDL, timed by the frame loop */
	char device[160];
} config_pedal;

typedef struct {
	config_mode mode;
	int volume;             /* 0..100, default 80 */
	bool mute;
	config_voice voice;     /* what is spoken when available, default full */
	int rotate;             /* 0, 90, 180, 270 */
	char font[256];         /* "" = search the system */
	int overtreatment_hours; /* default 24 */
	char profile[64];       /* "" = default profile */
	char profiles[CONFIG_MAX_PROFILES][64]; /* home mode: the "who is this?" picker offers
	                           these (plus any journal-NAME.jsonl found); same rules as profile */
	size_t nprofiles;
	gesture_config gesture;
	config_pedal pedals[GESTURE_MAX_INPUTS]; /* pedals[0] has the default GPIO17 line
	                           only when the file names it; keys default to space,
	                           return, pagedown on pedal 0 */
	size_t npedals;         /* how many pedals the file configured (defaults: 1) */
	/* Unattended operation ("kiosk": true is the same as "mode": "kiosk"). */
	char admin_pin[CONFIG_PIN_MAX + 1]; /* 4-8 digits; "" = none (the admin exit says so) */
	int idle_minutes;       /* back to the library after N min without input outside a
	                           session; default 5, 0 = never */
	int pause_timeout_minutes; /* a session paused this long is ended; default 15, 0 = never */
	int dim_minutes;        /* dim the idle screen (never in a session); default 2, 0 = never */
	config_log_level log_level; /* default info */
	config_fleet fleet;     /* "fleet" object; fleet.broker "" = off */
	char language[16];      /* "de", "pt-BR"; "" = the environment's (LANGUAGE, LANG...) */
} config;

/* Fills *cfg with the defaults. */
void config_default(config *cfg);

/* Parses `len` bytes of JSON over the defaults already in *cfg. On error
 * returns -1 and writes "LINE:COLUMN: PATH: message" into err (the caller
 * prefixes the file name); unknown keys are errors. Returns 0 on success. */
int config_parse(config *cfg, const char *text, size_t len, char *err, size_t errsize);

/* An error of config_parse_e: its place and its message, kept as format and
 * arguments so that the caller can show it translated (core/fmsg.h). */
typedef struct {
	int line, column;       /* 1-based */
	char path[128];         /* "gesture.hold_ms"; "" for the root */
	fmsg msg;
} config_error;

/* config_parse with the error kept in *e (not formatted). */
int config_parse_e(config *cfg, const char *text, size_t len, config_error *e);

/* "LINE:COLUMN: PATH: message" ("LINE:COLUMN: message" at the root) into
 * buf, the message through tr (NULL: English, as config_parse writes it).
 * Returns buf. */
char *config_error_format(const config_error *e, fmsg_translator tr, char *buf, size_t size);

/* Which pedal input (0/1) a lower-case SDL key name acts as, or -1. "enter"
 * and "return" are the same key. Such keys feed the gesture recogniser as
 * edges (down and up), exactly like the foot switch. */
int config_key_input(const config *cfg, const char *key);

/* What a direct (non-pedal) key does; the values of the gesture actions, plus
 * abandon. */
typedef enum {
	CONFIG_ACTION_NONE = GESTURE_ACTION_NONE,
	CONFIG_ACTION_NEXT = GESTURE_ACTION_NEXT,
	CONFIG_ACTION_DISCOMFORT = GESTURE_ACTION_DISCOMFORT,
	CONFIG_ACTION_PAUSE = GESTURE_ACTION_PAUSE,       /* pause / resume toggle */
	CONFIG_ACTION_PREVIOUS = GESTURE_ACTION_PREVIOUS,
	CONFIG_ACTION_EXTEND = GESTURE_ACTION_EXTEND,
	CONFIG_ACTION_ABANDON = GESTURE_ACTION_COUNT      /* the app asks to confirm; --simulate does not */
} config_action;

/* The direct keys the app and --simulate share, acting on key down (lower-case
 * SDL key names): "right"/"n" next, "left" previous, "p" pause toggle,
 * "d" discomfort, "+"/"="/"plus"/"equals"/"keypad +"/"kp_plus" +15 s,
 * "escape" abandon. Anything else: CONFIG_ACTION_NONE. Check
 * config_key_input() first: a key configured for a pedal acts as the pedal. */
config_action config_key_action(const char *key);

#endif
