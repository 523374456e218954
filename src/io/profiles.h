/* profiles: the home-mode profiles that have a journal, found as
 * journal-NAME.jsonl next to the default journal (paths_journal(); NAME is
 * the profile's name encoded by core/profname.h). */
#ifndef UNKNOT_PROFILES_H
#define UNKNOT_PROFILES_H

#include <stddef.h>

#define PROFILES_ID_MAX 64

/* Writes up to max profile ids (the decoded NAME parts, in directory order) into ids.
 * Returns how many; 0 when the folder cannot be read. */
size_t profiles_scan(char ids[][PROFILES_ID_MAX], size_t max);

#endif
