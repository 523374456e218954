/* admin: corner hold, PIN pad and admin page states (see admin.h). */
#include "core/admin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct admin {
	char pin[ADMIN_PIN_MAX + 1];
	char entered[ADMIN_PIN_MAX + 1];
	size_t nentered;
	admin_state state;
	bool holding;
	uint64_t hold_at;
	const char *message;
	uint64_t message_until;
};

admin *admin_new(const char *pin)
{
	admin *a = calloc(1, sizeof *a);
	if (!a)
		return NULL;
	snprintf(a->pin, sizeof a->pin, "%s", pin ? pin : "");
	return a;
}

void admin_free(admin *a)
{
	free(a);
}

void admin_hold_start(admin *a, uint64_t now)
{
	if (a->state != ADMIN_CLOSED)
		return;
	a->holding = true;
	a->hold_at = now;
}

void admin_hold_cancel(admin *a)
{
	a->holding = false;
}

bool admin_holding(const admin *a)
{
	return a->holding;
}

uint64_t admin_deadline(const admin *a)
{
	uint64_t w = ADMIN_NEVER;
	if (a->holding)
		w = a->hold_at + ADMIN_HOLD_MS;
	if (a->message && a->message_until < w)
		w = a->message_until;
	return w;
}

bool admin_due(admin *a, uint64_t now)
{
	if (a->message && now >= a->message_until)
		a->message = NULL;
	if (!a->holding || now < a->hold_at + ADMIN_HOLD_MS)
		return false;
	a->holding = false;
	a->message = NULL;
	a->nentered = 0;
	a->entered[0] = '\0';
	a->state = a->pin[0] ? ADMIN_PIN : ADMIN_NO_PIN;
	return true;
}

admin_state admin_get_state(const admin *a)
{
	return a->state;
}

void admin_digit(admin *a, int digit)
{
	if (a->state != ADMIN_PIN || digit < 0 || digit > 9 || a->nentered >= ADMIN_PIN_MAX)
		return;
	a->entered[a->nentered++] = (char)('0' + digit);
	a->entered[a->nentered] = '\0';
}

void admin_erase(admin *a)
{
	if (a->nentered)
		a->entered[--a->nentered] = '\0';
}

size_t admin_entered(const admin *a)
{
	return a->nentered;
}

bool admin_submit(admin *a, uint64_t now)
{
	if (a->state != ADMIN_PIN)
		return false;
	bool right = a->pin[0] && strcmp(a->entered, a->pin) == 0;
	memset(a->entered, 0, sizeof a->entered);
	a->nentered = 0;
	if (right) {
		a->state = ADMIN_OPEN;
		return true;
	}
	a->state = ADMIN_CLOSED;
	a->message = "Wrong PIN";
	a->message_until = now + ADMIN_MESSAGE_MS;
	return false;
}

void admin_close(admin *a)
{
	a->state = ADMIN_CLOSED;
	a->holding = false;
	memset(a->entered, 0, sizeof a->entered);
	a->nentered = 0;
}

const char *admin_message(const admin *a, uint64_t now)
{
	return a->message && now < a->message_until ? a->message : NULL;
}
