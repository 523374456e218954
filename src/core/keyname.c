/* keyname: SDL key names (lower case) and their Linux key codes. */
#include "core/keyname.h"

#include <string.h>

/* SDL_GetKeyName() in lower case ... */
static const char *const keyname_names[] = {
	"escape",
	"1",
	"2",
	"3",
	"4",
	"5",
	"6",
	"7",
	"8",
	"9",
	"0",
	"-",
	"=",
	"backspace",
	"tab",
	"q",
	"w",
	"e",
	"r",
	"t",
	"y",
	"u",
	"i",
	"o",
	"p",
	"[",
	"]",
	"return",
	"left ctrl",
	"a",
	"s",
	"d",
	"f",
	"g",
	"h",
	"j",
	"k",
	"l",
	";",
	"'",
	"`",
	"left shift",
	"\\",
	"z",
	"x",
	"c",
	"v",
	"b",
	"n",
	"m",
	",",
	".",
	"/",
	"right shift",
	"keypad *",
	"left alt",
	"space",
	"capslock",
	"f1",
	"f2",
	"f3",
	"f4",
	"f5",
	"f6",
	"f7",
	"f8",
	"f9",
	"f10",
	"numlock",
	"scrolllock",
	"keypad 7",
	"keypad 8",
	"keypad 9",
	"keypad -",
	"keypad 4",
	"keypad 5",
	"keypad 6",
	"keypad +",
	"keypad 1",
	"keypad 2",
	"keypad 3",
	"keypad 0",
	"keypad .",
	"f11",
	"f12",
	"keypad enter",
	"right ctrl",
	"keypad /",
	"printscreen",
	"right alt",
	"home",
	"up",
	"pageup",
	"left",
	"right",
	"end",
	"down",
	"pagedown",
	"insert",
	"delete",
	"mute",
	"volumedown",
	"volumeup",
	"pause",
	"left gui",
	"right gui",
	"application",
	"menu",
	"audionext",
	"audioplay",
	"audioprev",
	"audiostop",
	"f13",
	"f14",
	"f15",
	"f16",
	"f17",
	"f18",
	"f19",
	"f20",
	"f21",
	"f22",
	"f23",
	"f24"
};

/* ... and its linux/input-event-codes.h KEY_* code (ABI: never renumbered). */
static const short keyname_codes[] = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
	27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49,
	50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72,
	73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83, 87, 88, 96, 97, 98, 99, 100, 102, 103, 104, 105,
	106, 107, 108, 109, 110, 111, 113, 114, 115, 119, 125, 126, 127, 139, 163, 164, 165, 166, 183,
	184, 185, 186, 187, 188, 189, 190, 191, 192, 193, 194
};

#define KEYNAME_COUNT (sizeof keyname_names / sizeof keyname_names[0])
_Static_assert(sizeof keyname_names / sizeof keyname_names[0] == sizeof keyname_codes / sizeof keyname_codes[0],
               "one code per name");

/* Index of name, or -1. "enter" is what people call "return"
 * (config_key_input treats them alike). */
static int keyname_index(const char *name)
{
	if (!name)
		return -1;
	if (strcmp(name, "enter") == 0)
		name = "return";
	for (size_t i = 0; i < KEYNAME_COUNT; i++)
		if (strcmp(keyname_names[i], name) == 0)
			return (int)i;
	return -1;
}

bool keyname_valid(const char *name)
{
	return keyname_index(name) >= 0;
}

int keyname_linux_code(const char *name)
{
	int i = keyname_index(name);
	return i < 0 ? -1 : keyname_codes[i];
}

const char *keyname_from_linux(int code)
{
	for (size_t i = 0; i < KEYNAME_COUNT; i++)
		if (keyname_codes[i] == code)
			return keyname_names[i];
	return NULL;
}

const char *const *keyname_all(size_t *n)
{
	*n = KEYNAME_COUNT;
	return keyname_names;
}
