/* admin: the kiosk's hidden admin exit (pure; times are monotonic ms).
 *
 * Holding the top-left corner for ADMIN_HOLD_MS opens the PIN pad (or, with
 * no admin_pin configured, a note saying so). The right PIN opens the admin
 * page (broken routine files, "Leave kiosk"); a wrong one closes the pad
 * with a message shown for ADMIN_MESSAGE_MS, after which the station is
 * exactly where it was.
 *
 * Wrong PINs in a row get a growing delay (issue 19): the first two cost
 * nothing; from the ADMIN_FREE_TRIES-th on the pad stays shut for
 * ADMIN_LOCKOUT_FIRST_MS, doubling with each further wrong PIN up to
 * ADMIN_LOCKOUT_MAX_MS (30 s, 1 min, 2 min ... 1 h). The messages say how
 * long: "Wrong PIN. Next try in 30 s", and a corner hold while locked out
 * shows "Too many wrong PINs: try again in 1 min 25 s" instead of the pad.
 * The right PIN clears the count. Kept in memory: a restart clears it (a
 * restart needs SSH or the power switch, both beyond a 4-digit guess).
 */
#ifndef UNKNOT_ADMIN_H
#define UNKNOT_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/fmsg.h"

#define ADMIN_HOLD_MS 5000
#define ADMIN_MESSAGE_MS 3000
#define ADMIN_PIN_MAX 8
#define ADMIN_NEVER UINT64_MAX
#define ADMIN_FREE_TRIES 3
#define ADMIN_LOCKOUT_FIRST_MS 30000
#define ADMIN_LOCKOUT_MAX_MS (60 * 60 * 1000)

typedef enum {
	ADMIN_CLOSED = 0,
	ADMIN_PIN,      /* the PIN pad */
	ADMIN_NO_PIN,   /* "no admin PIN is configured" */
	ADMIN_OPEN      /* the admin page, after the right PIN */
} admin_state;

typedef struct admin admin;

/* pin: the configured PIN (digits), "" or NULL for none. Copied. NULL when
 * out of memory. Caller frees with admin_free(). */
admin *admin_new(const char *pin);
void admin_free(admin *a); /* NULL is fine */

/* The corner was pressed at `now` / released (or the press went elsewhere). */
void admin_hold_start(admin *a, uint64_t now);
void admin_hold_cancel(admin *a);
bool admin_holding(const admin *a);

/* When admin_due may next change something (the hold completing, the
 * message expiring), or ADMIN_NEVER. */
uint64_t admin_deadline(const admin *a);

/* Advances to `now`. Returns true when the hold just completed (the pad or
 * the no-PIN note is now open: the press that held must not act). */
bool admin_due(admin *a, uint64_t now);

admin_state admin_get_state(const admin *a);

/* PIN entry: a digit 0-9 (ignored past ADMIN_PIN_MAX), erase the last one. */
void admin_digit(admin *a, int digit);
void admin_erase(admin *a);
size_t admin_entered(const admin *a);

/* Checks the digits entered. Right: the admin page opens, returns true.
 * Wrong: the pad closes with the message "Wrong PIN", returns false. */
bool admin_submit(admin *a, uint64_t now);

/* The delay after `wrong` wrong PINs in a row (0 for the first ones). */
uint64_t admin_lockout_ms(unsigned wrong);

/* How long the pad stays shut from `now` (0 when it would open). */
uint64_t admin_locked_for(const admin *a, uint64_t now);

/* Closes whatever is open (Cancel, Back, idle) and forgets the digits. */
void admin_close(admin *a);

/* The message to show at `now` ("Wrong PIN", "Wrong PIN. Next try in
 * 30 s", "Too many wrong PINs: try again in 25 s"), or NULL. Owned by a,
 * valid until its next call. */
const char *admin_message(const admin *a, uint64_t now);

/* The same message through tr (core/fmsg.h), or NULL. Owned by a; the
 * address stays the same while the text does, and changes with it. */
const char *admin_message_tr(admin *a, uint64_t now, fmsg_translator tr);

#endif
