/* fleet_msg: the MQTT messages of a gym fleet (issue 11), pure.
 *
 * Topics:
 *   unknot/SITE/STATION/availability  "online" (retained) / "offline" (will)
 *   unknot/SITE/STATION/status        retained JSON, see fleet_msg_status_json
 *   unknot/SITE/STATION/events        QoS 1, see fleet_msg_event
 *   unknot/SITE/STATION/cmd/NAME      QoS 1, not retained: resend {"from_seq": N,
 *                                     "to_seq": M} (to_seq optional: to the end),
 *                                     reload, identify
 *   unknot/SITE/routines/ID           retained {"id","version","sha256","body"};
 *                                     empty payload = deleted
 *   unknot/SITE/routines/_manifest    retained {"version": N, "routines":
 *                                     [{"id","version","sha256"}, ...]} (at most
 *                                     FLEET_MSG_MANIFEST_MAX entries)
 *   unknot/SITE/routines/_settings    retained fleet-wide settings, see
 *                                     fleet_msg_settings_parse
 * SITE and STATION are topic levels: 1..64 bytes, no '/', '+', '#', no
 * control characters, not starting with '$'. A routine ID is 1..64 of
 * [A-Za-z0-9_-], not starting with '_' (it becomes the file name ID.json).
 * "sha256" is the lower-case hex SHA-256 of the "body" string (the routine
 * file's text, exactly as it will be written).
 */
#ifndef UNKNOT_FLEET_MSG_H
#define UNKNOT_FLEET_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define FLEET_MSG_NAME_MAX 64   /* bytes of a site, station or routine id */
#define FLEET_MAX_FAULTS 8
#define FLEET_MSG_TOPIC_MAX 256
#define FLEET_MSG_MANIFEST_MAX 500 /* routines a manifest may list (a station's library) */

/* True when s can be a site or station name (one topic level, see above). */
bool fleet_msg_name_ok(const char *s);

/* True when s can be a routine id (see above). */
bool fleet_msg_id_ok(const char *s);

/* Parses "mqtt://HOST[:PORT]" or "mqtts://HOST[:PORT]" (default ports 1883,
 * 8883; HOST may be [IPv6]). Returns 0, or -1 with a message in err. */
int fleet_msg_broker_parse(const char *url, bool *tls, char *host, size_t hostsize, int *port,
                           char *err, size_t errsize);

/* unknot/SITE/STATION/LEAF, e.g. leaf "status" or "cmd/#". Returns 0, -1 when
 * it does not fit. */
int fleet_msg_station_topic(char *out, size_t size, const char *site, const char *station,
                            const char *leaf);

/* unknot/SITE/routines/LEAF (an id, "_manifest" or "#"). Returns 0 or -1. */
int fleet_msg_routines_topic(char *out, size_t size, const char *site, const char *leaf);

/* What an incoming topic is, for this station. */
typedef enum {
	FLEET_IN_OTHER = 0, /* not for us */
	FLEET_IN_ROUTINE,   /* name = routine id (validated) */
	FLEET_IN_MANIFEST,
	FLEET_IN_CMD,       /* name = command name */
	FLEET_IN_SETTINGS,  /* unknot/SITE/routines/_settings */
	FLEET_IN_BAD_ROUTINE /* under unknot/SITE/routines/ but not a routine id ("a.b",
	                       "..", ".hidden", "a%2Fb", "x/y", "_other"): name = the
	                       rest of the topic, printable, cut to fit, for a fault */
} fleet_in_kind;
fleet_in_kind fleet_msg_classify(const char *topic, const char *site, const char *station,
                                 char *name, size_t namesize);

/* The status document. */
typedef struct {
	const char *site, *station;
	const char *state;         /* "idle", "in_session", "paused" */
	const char *routine;       /* title or NULL */
	const char *routine_file;  /* or NULL */
	int step, steps;           /* 0 when idle */
	const char *const *faults;
	size_t nfaults;
	uint64_t seq;              /* latest journal seq */
	uint64_t acked_seq;
	uint32_t manifest_version; /* applied manifest version, 0 = none */
	size_t routines;           /* managed routines on disk */
	const char *app_version;
	uint64_t uptime_s;
	const struct fleet_msg_settings *settings; /* applied fleet settings, or NULL */
} fleet_msg_status;

/* {"station","site","state","routine","routine_file","step","steps","faults":[],
 *  "seq","acked_seq","manifest_version","routines","app_version","uptime_s"
 *  [,"settings":{...}]}
 * (routine/routine_file null when idle). Caller frees; NULL when out of memory. */
char *fleet_msg_status_json(const fleet_msg_status *s);

/* The event envelope of one journal line (without its '\n'): the line's
 * members minus anything that could identify a person ("profile", "note",
 * "notes", "comment", "text", "name", "user"), its own "seq" renamed
 * "session_seq", plus "seq" (station seq), "id" ("STATION:SEQ") and
 * "station". NULL when the line is not a JSON object (the fleet then
 * publishes {"seq","id","station","event":"unreadable"} so the seq is not a
 * gap). Caller frees. */
char *fleet_msg_event(const char *line, size_t len, const char *station, uint64_t seq);

/* The placeholder for an unreadable journal line (see above). Caller frees. */
char *fleet_msg_event_unreadable(const char *station, uint64_t seq);

/* A routine message. body is owned (fleet_msg_routine_clear frees it). */
typedef struct {
	char id[FLEET_MSG_NAME_MAX + 1];
	uint32_t version;
	char sha256[65];
	char *body;
	size_t body_len;
} fleet_msg_routine;

/* Parses a routine message and checks it: id valid and equal to topic_id
 * (when not NULL), sha256 of body matches, body is a valid routine
 * (routine_parse). On failure returns -1 with a short reason in err (e.g.
 * "sha256 mismatch", "steps[0].duration_s: ..."); *out is then cleared. */
int fleet_msg_routine_parse(const char *payload, size_t len, const char *topic_id,
                            fleet_msg_routine *out, char *err, size_t errsize);
void fleet_msg_routine_clear(fleet_msg_routine *m);

typedef struct {
	char id[FLEET_MSG_NAME_MAX + 1];
	uint32_t version;
	char sha256[65];
} fleet_msg_manifest_entry;

typedef struct {
	uint32_t version;
	fleet_msg_manifest_entry *items; /* owned */
	size_t count;
} fleet_msg_manifest;

/* Parses a manifest; -1 with a reason in err on error (*out then empty):
 * not JSON, a bad entry, an id listed twice, more than FLEET_MSG_MANIFEST_MAX
 * entries (a station could never hold them). */
int fleet_msg_manifest_parse(const char *payload, size_t len, fleet_msg_manifest *out,
                             char *err, size_t errsize);
void fleet_msg_manifest_clear(fleet_msg_manifest *m);

typedef enum { FLEET_CMD_RESEND = 0, FLEET_CMD_RELOAD, FLEET_CMD_IDENTIFY } fleet_cmd_kind;

typedef struct {
	fleet_cmd_kind kind;
	uint64_t from_seq;   /* resend: >= 1 */
	uint64_t to_seq;     /* resend: >= from_seq, or 0 = up to the latest */
	int seconds;         /* identify: how long to flash (default 5, 1..60) */
} fleet_msg_command;

/* Parses command NAME with its payload (may be empty). -1 with a reason in
 * err for an unknown command or a bad payload. */
int fleet_msg_command_parse(const char *name, const char *payload, size_t len,
                            fleet_msg_command *out, char *err, size_t errsize);

/* Fleet-wide settings (unknot/SITE/routines/_settings, retained), applied
 * by a station between sessions:
 *   {"version": N, "volume": 0..100, "language": "en" | "de" | "pt-BR"...,
 *    "idle_minutes": 0..1440, "pause_timeout_minutes": 0..1440}
 * Every member but "version" is optional (absent = keep the station's own
 * value); unknown members are errors (a typo must not pass silently). */
typedef struct fleet_msg_settings {
	uint32_t version;
	int volume;                /* -1 = not set */
	char language[16];         /* "" = not set; 2-3 letters, optional -REGION */
	int idle_minutes;          /* -1 = not set */
	int pause_timeout_minutes; /* -1 = not set */
} fleet_msg_settings;

/* A language code: "en", "deu", "pt-BR", "zh-Hant" (2-3 letters, optional
 * -2..8 letters/digits). The settings message's "language" and the config's. */
bool fleet_msg_language_ok(const char *s);

/* Parses and checks settings; -1 with "settings: FIELD: reason" in err. */
int fleet_msg_settings_parse(const char *payload, size_t len, fleet_msg_settings *out,
                             char *err, size_t errsize);

/* The settings as JSON for the status ("settings" member): only what is set,
 * plus "version". Caller frees; NULL when out of memory. */
char *fleet_msg_settings_json(const fleet_msg_settings *s);

#endif
