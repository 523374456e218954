/* station: the app's side of the gym fleet (issue 11): starts the fleet
 * (io/fleet.h) when config "fleet" names a broker, turns its network-thread
 * wake-ups into an SDL user event, collects the station's faults, defers a
 * library reload until the app is idle, and times the "identify" banner.
 * Keeps app.c to a few calls.
 */
#ifndef UNKNOT_STATION_H
#define UNKNOT_STATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/config.h"
#include "io/audio.h"
#include "io/fleet.h"
#include "io/footswitch.h"

typedef struct station station;

/* NULL when the fleet is off (no broker) or cannot start (said once on
 * stderr; the app runs as before). Call after SDL_Init (it registers an SDL
 * user event). journal: the journal file the app appends. Caller frees. */
station *station_new(const config *cfg, const char *journal);
void station_free(station *st); /* NULL is fine */

/* The faults a manager should see: "pedal disconnected" (a configured GPIO
 * pedal that is not open), "no audio", "journal not writable". Returns how
 * many were written to out (static strings). */
size_t station_faults(const config *cfg, footswitch *fs, const audio *au,
                      bool journal_failed, const char **out, size_t max);

/* Each loop turn: what the station is doing (cheap when nothing changed). */
void station_update(station *st, const fleet_state *fs);

/* The journal just got a line (publish it now rather than at the next poll). */
void station_journal_appended(station *st);

/* FLEET_DO_RELOAD when the app should rescan its library now, and
 * FLEET_DO_SETTINGS when it should apply new fleet-wide settings
 * (station_settings + station_settings_apply): only when `idle` (no session,
 * the library screen), else kept for later. */
unsigned station_actions(station *st, bool idle, uint64_t now);

/* While an "identify" command is showing (5 s unless it says {"seconds": N}): true, with the names to
 * draw and the flash phase (500 ms each). */
bool station_identify(const station *st, uint64_t now, const char **name, const char **site,
                      bool *bright);

/* True when what station_identify() would draw changed since the last call
 * (a redraw is due). */
bool station_identify_changed(station *st, uint64_t now);

/* The next moment the identify band changes (for the loop's wake-up), or
 * UINT64_MAX. */
uint64_t station_next_wake(const station *st, uint64_t now);

/* Why the fleet cannot connect when retrying will not fix it soon (TLS:
 * "broker TLS: host name mismatch ..."; "broker refused the connection:
 * ..."), copied into buf; NULL when connected or fine. For the app's own
 * status/faults display: the broker cannot be told while it is unreachable
 * (the station logs it once). */
const char *station_fleet_fault(station *st, char *buf, size_t size);

/* The fleet-wide settings last received (volume, language, idle and pause
 * timeouts; members not set are -1 / ""). False when none came. */
bool station_settings(station *st, fleet_msg_settings *out);

/* Writes the settings that are set into cfg (volume, idle_minutes,
 * pause_timeout_minutes); the app calls it between sessions on
 * FLEET_DO_SETTINGS, then re-applies its volume and timers. "language" has
 * no config key yet: it is reported back in the status only. */
void station_settings_apply(const fleet_msg_settings *s, config *cfg);

#endif
