/* profname: profile names in any script, and the safe file name of their
 * journal (pure).
 *
 * A name is any letters (Unicode: "Jürgen", "Zoë", "山田"), digits, spaces
 * and the marks - _ . ' ; refused are invalid UTF-8, control and bidi
 * override characters, '/', '\', ':', names made only of dots or spaces and
 * names that start or end with a space.
 *
 * The journal file name keeps ASCII letters, digits, '-' and '_' as they are
 * (so "anna" stays journal-anna.jsonl, as before) and writes every other
 * byte as %XX (upper-case hex of its UTF-8 bytes): "Jürgen" is
 * "J%C3%BCrgen". The encoding is reversible and two names never share a file
 * name ('%' itself is encoded).
 */
#ifndef UNKNOT_PROFNAME_H
#define UNKNOT_PROFNAME_H

#include <stddef.h>

/* NULL when name is a usable profile name, else why not (an English
 * sentence marked N_(): the caller translates it). */
const char *profname_check(const char *name);

/* Writes the file-name form of name into out. Returns 0, or -1 when it does
 * not fit in size bytes. */
int profname_encode(const char *name, char *out, size_t size);

/* The name back from its file-name form into out. Returns 0, or -1 when enc
 * is not one profname_encode writes (or does not fit). */
int profname_decode(const char *enc, char *out, size_t size);

#endif
