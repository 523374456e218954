/* keyname: the key names a pedal can be configured with (pure).
 *
 * A name is SDL's key name in lower case ("space", "return", "pagedown",
 * "f5", "keypad enter", "audioplay"), as the app compares it with
 * SDL_GetKeyName(); "enter" is accepted for "return". Each also has its
 * Linux input key code, so that a pedal's evdev device (io/footswitch's
 * evdev backend) can be matched against the same config without SDL.
 * Covered: letters, digits, F1-F24, the arrows and editing keys, the keypad,
 * modifiers, punctuation and the media keys USB foot pedals send. A name
 * not in the table is refused by the config parser (a typo like
 * "spacebar_xyz" never matched anything, silently).
 */
#ifndef UNKNOT_KEYNAME_H
#define UNKNOT_KEYNAME_H

#include <stdbool.h>
#include <stddef.h>

/* True when name (lower case) is a known key name. */
bool keyname_valid(const char *name);

/* The Linux KEY_* code of a known name, or -1. */
int keyname_linux_code(const char *name);

/* The (canonical) name of a Linux KEY_* code, or NULL when not covered. */
const char *keyname_from_linux(int code);

/* Every known name, for suggestions: *n is set to the count. */
const char *const *keyname_all(size_t *n);

#endif
