/* fleet: this station's side of a gym fleet over MQTT v5 (libmosquitto).
 *
 * Design (issue 11):
 * - Off unless configured: the app creates a fleet only when config "fleet"
 *   has a broker. A broker that is down never changes what the station does:
 *   all networking runs on the fleet's own thread (one per fleet), which
 *   connects, reconnects with backoff (1 s doubling to 30 s, with jitter) and
 *   publishes; the UI thread only takes a mutex for a few microseconds.
 * - Topics (fleet_msg.h builds them): unknot/SITE/STATION/availability
 *   (retained "online"; last will "offline" with will-delay-interval
 *   will_delay_s), .../status (retained JSON on change, at most every 1 s,
 *   and every 60 s), .../events (QoS 1), .../cmd/NAME (subscribed, QoS 1),
 *   unknot/SITE/routines/# (subscribed: routines and "_manifest").
 * - The journal file is the durable outbox. Line N of the journal file
 *   (1-based, counting complete lines) is event seq N of this station. The
 *   fleet keeps the highest contiguously PUBACKed seq in STATE_DIR/fleet-
 *   STATION.ack (temp file + fsync + rename), publishes lines ack+1.. (at most
 *   64 in flight), replays from ack+1 after every (re)connect, and a
 *   `resend {"from_seq": A, "to_seq": B}` command re-publishes exactly A..B
 *   (no to_seq: A up to what was sent; up to 16 ranges queue, more merge).
 *   The fleet only reads the journal; the app keeps appending it as before.
 * - The MQTT user name (and client id) is config "username", else
 *   SITE/STATION: what docs/fleet/acl and unknot-fleet-station expect.
 * - Routines arrive as retained {id, version, sha256, body} (body = the
 *   routine file's text, sha256 = hex digest of body). Each is checked
 *   (sha256, routine_parse) on the network thread; a bad one becomes a fault
 *   on the status ("routine ID: reason") and is never written. Good ones wait
 *   in memory until no session runs, then are written to ROUTINES_DIR/ID.json
 *   (temp file + fsync + rename); an empty retained message deletes ID.json.
 *   Once every entry of the manifest is on disk with its sha256, managed files
 *   not listed are removed. After any change fleet_poll() returns
 *   FLEET_DO_RELOAD so the app rescans its library (ROUTINES_DIR must be one
 *   of the library folders: paths_fleet_routines_dir()).
 * - Fleet-wide settings arrive like routines (retained .../routines/_settings),
 *   are checked (fleet_msg_settings_parse) and handed to the app between
 *   sessions (FLEET_DO_SETTINGS, fleet_settings()); a bad one is a fault.
 * - A connection that fails for a reason retrying cannot fix (TLS: unknown
 *   CA, host name mismatch; refused credentials) is logged once with the
 *   reason, shown in fleet_stats.fault and the status "faults" (locally:
 *   station_faults), and retried at the longest backoff.
 * - Many instances may live in one process (tests/helpers/fleet_swarm.c runs
 *   200): there is no global state besides libmosquitto itself, which the
 *   first fleet_new() opens (io/mqttlib.h: unknot does not link it, so a
 *   station without a fleet never maps it nor libssl/libcrypto) and
 *   initialises once. No SDL: "something arrived" is reported through the
 *   wake callback; the app turns it into an SDL user event.
 *
 * Threading: every function here is called from one thread (the app's UI
 * thread), except that none of them may be called from inside `wake`.
 * `wake` runs on the fleet's network thread: it must be thread-safe, quick
 * and must not call back into the fleet (SDL_PushEvent or write() to a pipe
 * are fine).
 */
#ifndef UNKNOT_FLEET_H
#define UNKNOT_FLEET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "core/fleet_msg.h"

typedef struct fleet fleet;

typedef struct {
	const config_fleet *cfg;  /* copied by fleet_new; broker/host/port/tls must be set
	                             (config_parse does it; else fleet_msg_broker_parse) */
	const char *journal_path; /* the journal file to publish (need not exist yet) */
	const char *state_dir;    /* where fleet-STATION.ack lives (created if missing) */
	const char *routines_dir; /* managed routine folder (created if missing) */
	const char *app_version;  /* e.g. "0.11.0"; NULL = "unknown" */
	void (*wake)(void *user); /* network thread: fleet_poll() has news; may be NULL */
	void *wake_user;
	/* Tests only (0 = defaults): reconnect backoff bounds and status period. */
	uint32_t backoff_min_ms, backoff_max_ms, status_period_ms;
} fleet_options;

/* Starts a fleet: copies the options, reads the ack file and starts the
 * network thread (connecting in the background; an unreachable broker is not
 * an error). Returns NULL on a setup error (out of memory, unreadable
 * password_file, bad TLS files, libmosquitto.so.1 missing or without MQTT
 * v5: "cannot load libmosquitto.so.1: ...; install libmosquitto1", the same
 * text for every call) with a message in err. Caller frees with fleet_free(). */
fleet *fleet_new(const fleet_options *o, char *err, size_t errsize);

/* Publishes "offline" (a clean goodbye: no will delay), disconnects, stops the
 * thread and frees. NULL is fine. Waits at most about 1 s for the broker. */
void fleet_free(fleet *f);

/* What the station is doing, for the status topic. Strings are copied; the
 * fleet publishes when anything differs from the last call (cheap: call it
 * on every loop iteration if convenient). Faults are short texts such as
 * "pedal disconnected", "no audio"; the fleet adds its own routine faults. */
typedef struct {
	bool in_session;          /* also gates applying routines */
	bool paused;
	const char *routine;      /* title of the running routine, NULL when idle */
	const char *routine_file; /* its file name ("neck.json"), NULL when idle */
	int step;                 /* 1-based timeline index, 0 when idle */
	int steps;                /* timeline length, 0 when idle */
	const char *faults[FLEET_MAX_FAULTS];
	size_t nfaults;
} fleet_state;
void fleet_set_state(fleet *f, const fleet_state *st);

/* Hint that the journal grew (the fleet also checks it every second). */
void fleet_journal_appended(fleet *f);

/* What the app should do, as bits: */
#define FLEET_DO_RELOAD   1u  /* rescan the routine library ("reload" or routines applied) */
#define FLEET_DO_IDENTIFY 2u  /* flash the station name on screen for a few seconds */
#define FLEET_DO_SETTINGS 4u  /* new fleet-wide settings: fleet_settings(), apply them */

/* Takes the pending FLEET_DO_* bits (0 when none). */
unsigned fleet_poll(fleet *f);

/* How long the last "identify" asked to show the name ({"seconds": 1..60},
 * default 5). */
int fleet_identify_seconds(fleet *f);

/* The fleet-wide settings (unknot/SITE/routines/_settings) last handed to the
 * app: checked, and only ever handed over while no session runs (with
 * FLEET_DO_SETTINGS). Members not set are -1 / "". Returns false when none
 * came yet. The status reports them back as "settings". */
bool fleet_settings(fleet *f, fleet_msg_settings *out);

/* Counters for the status line, tests and benchmarks. */
typedef struct {
	bool connected;
	uint64_t journal_seq;  /* complete lines seen in the journal */
	uint64_t acked_seq;    /* highest contiguously acknowledged seq (durable) */
	uint64_t published;    /* event publishes issued (replays included) */
	uint64_t connects;     /* successful connections */
	uint32_t manifest_version;
	size_t routines_pending; /* valid routines waiting for the session to end */
	size_t routines_applied; /* files written or removed so far */
	size_t routines_rejected;
	uint64_t attempts;      /* connection attempts */
	char fault[160];        /* why the last attempt failed (TLS, refused...), "" once connected */
} fleet_stats;
void fleet_get_stats(fleet *f, fleet_stats *out);

#endif
