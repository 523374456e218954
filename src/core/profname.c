/* profname: name rules and the %XX file-name encoding (see profname.h). */
#include "core/profname.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "core/i18n.h"
#include "core/utf8.h"

/* Kept as they are in a file name. */
static bool plain(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_';
}

/* Characters a name may not hold: controls, the invisible bidi and format
 * controls (they could make one name look like another), the path marks. */
static bool refused(uint32_t c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || c == '/' || c == '\\' ||
	       c == ':' || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
	       (c >= 0x2066 && c <= 0x2069) || c == 0xFEFF;
}

const char *profname_check(const char *name)
{
	size_t len = strlen(name);
	if (len == 0)
		return N_("is empty");
	if (!utf8_valid(name, len))
		return N_("is not valid UTF-8 text");
	bool something = false;
	for (size_t i = 0; i < len;) {
		uint32_t c;
		i += utf8_decode(name + i, len - i, &c);
		if (refused(c))
			return N_("may not hold control characters, '/', '\\' or ':' (it names the "
			          "journal file)");
		if (c != '.' && c != ' ')
			something = true;
	}
	if (!something)
		return N_("needs a letter or digit (not only dots or spaces)");
	if (name[0] == ' ' || name[len - 1] == ' ')
		return N_("may not start or end with a space (\"Anna \" would look like \"Anna\")");
	return NULL;
}

int profname_encode(const char *name, char *out, size_t size)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if (plain(*p)) {
			if (n + 1 >= size)
				return -1;
			out[n++] = (char)*p;
			continue;
		}
		if (n + 3 >= size)
			return -1;
		out[n++] = '%';
		out[n++] = hex[*p >> 4];
		out[n++] = hex[*p & 15];
	}
	if (n >= size)
		return -1;
	out[n] = '\0';
	return 0;
}

/* Value of an upper-case hex digit, -1 otherwise. */
static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int profname_decode(const char *enc, char *out, size_t size)
{
	size_t n = 0;
	if (size == 0)
		return -1;
	for (const char *p = enc; *p; p++) {
		int v = (unsigned char)*p;
		if (*p == '%') {
			int hi = hexval(p[1]), lo = hi < 0 ? -1 : hexval(p[2]);
			if (lo < 0)
				return -1;
			v = hi * 16 + lo;
			if (plain((unsigned char)v) || v == 0)
				return -1; /* not how encode writes it: another name's file */
			p += 2;
		} else if (!plain((unsigned char)*p)) {
			return -1;
		}
		if (n + 1 >= size)
			return -1;
		out[n++] = (char)v;
	}
	out[n] = '\0';
	return profname_check(out) ? -1 : 0;
}
