/* admin: corner hold, PIN pad and admin page states (see admin.h). */
#include "core/admin.h"
#include "core/i18n.h"

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
	char msgbuf[96];         /* a message with a time in it */
	fmsg fm;                 /* the message as format and arguments, for a translation */
	char shown[2][160];      /* admin_message_tr: the translation, two buffers so that */
	int cur;                 /* a new text has a new address (the caller redraws on it) */
	unsigned wrong;          /* wrong PINs in a row */
	uint64_t locked_until;   /* no PIN pad before this (0 = none) */
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

/* "1 min 30 s", "45 s": how long is left, rounded up to the second. */
static void admin_wait_text(uint64_t ms, char *buf, size_t size)
{
	uint64_t s = (ms + 999) / 1000;
	if (s >= 60 && s % 60)
		snprintf(buf, size, "%llu min %llu s", (unsigned long long)(s / 60), (unsigned long long)(s % 60));
	else if (s >= 60)
		snprintf(buf, size, "%llu min", (unsigned long long)(s / 60));
	else
		snprintf(buf, size, "%llu s", (unsigned long long)s);
}

uint64_t admin_lockout_ms(unsigned wrong)
{
	if (wrong < ADMIN_FREE_TRIES)
		return 0;
	unsigned k = wrong - ADMIN_FREE_TRIES;
	uint64_t ms = ADMIN_LOCKOUT_FIRST_MS;
	while (k-- && ms < ADMIN_LOCKOUT_MAX_MS)
		ms *= 2;
	return ms < ADMIN_LOCKOUT_MAX_MS ? ms : ADMIN_LOCKOUT_MAX_MS;
}

uint64_t admin_locked_for(const admin *a, uint64_t now)
{
	return now < a->locked_until ? a->locked_until - now : 0;
}

bool admin_due(admin *a, uint64_t now)
{
	if (a->message && now >= a->message_until)
		a->message = NULL;
	if (!a->holding || now < a->hold_at + ADMIN_HOLD_MS)
		return false;
	a->holding = false;
	if (a->pin[0] && now < a->locked_until) {
		/* locked out: no pad, but say how long is left */
		char w[32];
		admin_wait_text(a->locked_until - now, w, sizeof w);
		fmsg_set(&a->fm, N_("Too many wrong PINs: try again in %s"), w);
		a->message = fmsg_format(&a->fm, NULL, a->msgbuf, sizeof a->msgbuf);
		a->message_until = now + ADMIN_MESSAGE_MS;
		return true;
	}
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
		a->wrong = 0;
		a->locked_until = 0;
		return true;
	}
	a->state = ADMIN_CLOSED;
	a->wrong++;
	uint64_t lock = admin_lockout_ms(a->wrong);
	fmsg_set_text(&a->fm, N_("Wrong PIN"));
	a->message = "Wrong PIN";
	if (lock) {
		char w[32];
		admin_wait_text(lock, w, sizeof w);
		a->locked_until = now + lock;
		fmsg_set(&a->fm, N_("Wrong PIN. Next try in %s"), w);
		a->message = fmsg_format(&a->fm, NULL, a->msgbuf, sizeof a->msgbuf);
	}
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

const char *admin_message_tr(admin *a, uint64_t now, fmsg_translator tr)
{
	if (!admin_message(a, now))
		return NULL;
	char t[sizeof a->shown[0]];
	fmsg_format(&a->fm, tr, t, sizeof t);
	if (strcmp(t, a->shown[a->cur]) != 0) {
		a->cur ^= 1;
		memcpy(a->shown[a->cur], t, sizeof t);
	}
	return a->shown[a->cur];
}
