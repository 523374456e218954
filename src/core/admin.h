/* admin: the kiosk's hidden admin exit (pure; times are monotonic ms).
 *
 * Holding the top-left corner for ADMIN_HOLD_MS opens the PIN pad (or, with
 * no admin_pin configured, a note saying so). The right PIN opens the admin
 * page (broken routine files, "Leave kiosk"); a wrong one closes the pad
 * with a message shown for ADMIN_MESSAGE_MS, after which the station is
 * exactly where it was.
 */
#ifndef UNKNOT_ADMIN_H
#define UNKNOT_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ADMIN_HOLD_MS 5000
#define ADMIN_MESSAGE_MS 3000
#define ADMIN_PIN_MAX 8
#define ADMIN_NEVER UINT64_MAX

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

/* Closes whatever is open (Cancel, Back, idle) and forgets the digits. */
void admin_close(admin *a);

/* The message to show at `now` ("Wrong PIN"), or NULL. */
const char *admin_message(const admin *a, uint64_t now);

#endif
