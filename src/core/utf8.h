/* utf8: validating, decoding and cutting UTF-8 text (pure).
 *
 * Strict RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF.
 */
#ifndef UNKNOT_UTF8_H
#define UNKNOT_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s (len > 0 bytes available). Returns the number of
 * bytes it takes (1..4) and sets *cp, or 0 when the bytes at s are not valid
 * UTF-8 (*cp is then U+FFFD). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);

/* Offset of the first byte that does not start a valid sequence, or len when
 * all len bytes are valid. */
size_t utf8_invalid_at(const char *s, size_t len);

bool utf8_valid(const char *s, size_t len);

/* Number of code points in valid UTF-8 text (an invalid byte counts as one). */
size_t utf8_count(const char *s, size_t len);

/* Length in bytes of the longest prefix of s that fits in max bytes without
 * cutting a character in two. */
size_t utf8_fit(const char *s, size_t len, size_t max);

#endif
