/* rtrans: the translated text fields of a routine file ("title@de",
 * "text@fr"), private to core/routine*.c like rcheck.h: validated where they
 * stand, stored in the routine, looked up per field with fallback. Split from
 * routine.c (no file over 800 lines); routine_text() is the public face. */
#ifndef UNKNOT_RTRANS_H
#define UNKNOT_RTRANS_H

#include <cJSON.h>
#include <stdbool.h>

#include "core/rcheck.h"

/* Fields a translation may carry: of the routine, of a step. */
#define RTRANS_ROOT_FIELDS ((1u << ROUTINE_FIELD_TITLE) | (1u << ROUTINE_FIELD_DESCRIPTION))
#define RTRANS_STEP_FIELDS ((1u << ROUTINE_FIELD_TEXT) | (1u << ROUTINE_FIELD_PLACEMENT) | \
                            (1u << ROUTINE_FIELD_CAUTION) | (1u << ROUTINE_FIELD_REFERS_TO))

/* True when key is a translation ("FIELD@LANG"). */
bool rtrans_is_key(const char *key);

/* True when tag is a language tag this format takes: an ISO 639-1 code,
 * optionally with a region ("pt-BR") or a script ("zh-Hant"). */
bool rtrans_tag_ok(const char *tag);

/* Validates member m (a translation, at path p) of the object obj, which is
 * the routine (step_path -1) or a step, and stores it in c->r. fields is the
 * mask of the fields this object may translate; where names it ("a
 * routine"). Reports an unknown field, an unknown tag, a translation of a
 * field the object does not have, and a value the field itself would not
 * take. */
void rtrans_member(ctx *c, const cJSON *obj, const cJSON *m, const char *p, int step_path,
                   unsigned fields, const char *where);

/* The "language" member of the routine (the file's own language). */
void rtrans_language(ctx *c, const cJSON *m, const char *p);

/* The translation of (step_path, field) for lang, or NULL (see routine_text). */
const char *rtrans_lookup(const routine *r, int step_path, routine_field field, const char *lang);

#endif
