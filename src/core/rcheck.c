/* rcheck: the routine validator's toolkit (see rcheck.h). */
#include "core/rcheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/suggest.h"
#include "core/utf8.h"
#include "core/vec.h"

int rcheck_index_of(const char *s, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	return -1;
}

bool rcheck_in_list(const char *s, const char *const *names, size_t n)
{
	return rcheck_index_of(s, names, n) >= 0;
}

/* "a, b, c" into buf. */
void rcheck_join_names(char *buf, size_t size, const char *const *names, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used < size; i++) {
		int w = snprintf(buf + used, size - used, "%s%s", i ? ", " : "", names[i]);
		if (w < 0)
			break;
		used += (size_t)w;
	}
}

/* A string quoted for a message: escaped, cut to a readable length. */
const char *rcheck_quote(const char *s, char *buf, size_t size)
{
	size_t len = strlen(s), o = 0, i = 0;
	const size_t show = 40;
	buf[o++] = '"';
	while (i < len && o + 8 < size) {
		if (i >= show) {
			memcpy(buf + o, "...", 3);
			o += 3;
			break;
		}
		unsigned char c = (unsigned char)s[i];
		uint32_t cp;
		size_t n = c < 0x80 ? 1 : utf8_decode(s + i, len - i, &cp);
		if (c == '"' || c == '\\') {
			buf[o++] = '\\';
			buf[o++] = (char)c;
			i++;
		} else if (c < 0x20 || c == 0x7f || n == 0) {
			o += (size_t)snprintf(buf + o, size - o, "\\x%02X", c);
			i++;
		} else {
			if (o + n + 4 >= size)
				break;
			memcpy(buf + o, s + i, n);
			o += n;
			i += n;
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}

const char *rcheck_type_name(const cJSON *v)
{
	/* words of the message (translated with it); true, false and null are JSON's */
	if (cJSON_IsString(v)) return FMSG_W("a string");
	if (cJSON_IsNumber(v)) return FMSG_W("a number");
	if (cJSON_IsBool(v)) return cJSON_IsTrue(v) ? "true" : "false";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return FMSG_W("an array");
	if (cJSON_IsObject(v)) return FMSG_W("an object");
	return FMSG_W("something else");
}

/* Appends src to the path in out (PATH_BUF bytes), cutting like snprintf. */
void rcheck_path_append(char *out, const char *src)
{
	size_t used = strlen(out), n = strlen(src);
	if (used + n > PATH_BUF - 1)
		n = PATH_BUF - 1 - used;
	memcpy(out + used, src, n);
	out[used + n] = '\0';
}

void rcheck_path_key(char *out, const char *parent, const char *key)
{
	if (out != parent) {
		size_t n = strlen(parent);
		if (n > PATH_BUF - 1)
			n = PATH_BUF - 1;
		memmove(out, parent, n);
		out[n] = '\0';
	}
	if (out[0])
		rcheck_path_append(out, ".");
	rcheck_path_append(out, key);
}

void rcheck_path_index(char *out, const char *parent, size_t i)
{
	char tmp[24];
	size_t n = sizeof tmp - 1;
	tmp[n] = '\0';
	tmp[--n] = ']';
	do {
		tmp[--n] = (char)('0' + i % 10);
		i /= 10;
	} while (i);
	tmp[--n] = '[';
	if (out != parent) {
		size_t len = strlen(parent);
		if (len > PATH_BUF - 1)
			len = PATH_BUF - 1;
		memmove(out, parent, len);
		out[len] = '\0';
	}
	rcheck_path_append(out, tmp + n);
}

/* Cuts the last component off a path ("a.b[2]" -> "a.b" -> "a" -> ""). */
void rcheck_path_parent(char *p)
{
	size_t n = strlen(p);
	while (n > 0 && p[n - 1] != '.' && p[n - 1] != '[')
		n--;
	if (n > 0 && p[n - 1] == '[')
		n--;
	else if (n > 0)
		n--;
	p[n] = '\0';
}

char *rcheck_pool(ctx *c, const char *s)
{
	routine *r = c->r;
	if (!vec_reserve((void **)&r->strings, &r->capstrings, r->nstrings + 1, sizeof *r->strings, 16)) {
		c->oom = true;
		return NULL;
	}
	char *d = strdup(s);
	if (!d) {
		c->oom = true;
		return NULL;
	}
	r->strings[r->nstrings++] = d;
	return d;
}

/* ---- diagnostics ---- */


/* Whether one more diagnostic of this severity is stored: up to MAX_ERRORS
 * of each kind, so that hundreds of warnings cannot hide the error that
 * rejects the file. */
bool rcheck_diag_kept(const ctx *c, routine_severity sev)
{
	const routine_diags *d = c->out;
	if (!d)
		return false;
	if (sev == ROUTINE_ERROR)
		return c->errors < MAX_ERRORS;
	return d->count - d->errors < MAX_ERRORS;
}

void rcheck_add_diag(ctx *c, routine_severity sev, int line, int col, const char *path, const fmsg *msg)
{
	bool kept = rcheck_diag_kept(c, sev);
	if (sev == ROUTINE_ERROR)
		c->errors++;
	routine_diags *d = c->out;
	if (!kept)
		return;
	routine_diag *items = realloc(d->items, (d->count + 1) * sizeof *items);
	if (!items) {
		c->oom = true;
		return;
	}
	d->items = items;
	routine_diag *x = &items[d->count++];
	memset(x, 0, sizeof *x);
	x->severity = sev;
	x->line = line;
	x->column = col;
	size_t pl = utf8_fit(path, strlen(path), sizeof x->path - 1);
	memcpy(x->path, path, pl);
	x->path[pl] = '\0';
	/* Keys come from the file: keep bad bytes and control characters out of
	 * the terminal. */
	for (size_t i = 0; i < pl;) {
		uint32_t cp;
		size_t n = utf8_decode(x->path + i, pl - i, &cp);
		if (n == 0 || cp < 0x20 || cp == 0x7f) {
			x->path[i++] = '?';
			continue;
		}
		i += n;
	}
	x->msg = *msg;
	fmsg_format(msg, NULL, x->message, sizeof x->message);
	if (sev == ROUTINE_ERROR)
		d->errors++;
}

void rcheck_add_text(ctx *c, int line, int col, const char *text)
{
	fmsg m;
	fmsg_set_text(&m, text);
	rcheck_add_diag(c, ROUTINE_ERROR, line, col, "", &m);
}

/* Reports at the place of at_path (its value, or its key with AT_KEY; the
 * nearest enclosing value when the path was not scanned), naming `path`. */
void rcheck_vreport(ctx *c, routine_severity sev, const char *at_path, int where,
                    const char *path, const char *fmt, va_list ap)
{
	char p[PATH_BUF];
	fmsg msg;
	fmsg_vset(&msg, fmt, ap);
	int line = 0, col = 0, kl = 0, kc = 0;
	/* Past the cap a message is only counted: finding its place would be
	 * wasted work (100,000 bad sides used to cost a lookup each). */
	bool kept = rcheck_diag_kept(c, sev);
	snprintf(p, sizeof p, "%s", kept ? at_path : "");
	for (; kept;) {
		if (c->pos && jsonpos_find(c->pos, p, &line, &col, &kl, &kc)) {
			if (where == AT_KEY && kl > 0) {
				line = kl;
				col = kc;
			}
			break;
		}
		if (!p[0])
			break;
		rcheck_path_parent(p);
		where = AT_VALUE;
	}
	rcheck_add_diag(c, sev, line, col, path, &msg);
}

void rcheck_report(ctx *c, routine_severity sev, const char *at_path, int where,
                   const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	rcheck_vreport(c, sev, at_path, where, path, fmt, ap);
	va_end(ap);
}


/* True when an earlier member of m's object has the same key: duplicates are
 * reported by jsonpos and only the first is validated. Also true once there
 * are so many errors that going on would only bury them. */
bool rcheck_skip_member(const ctx *c, const cJSON *obj, const cJSON *m)
{
	if (c->errors > MAX_ERRORS)
		return true;
	if (!c->dup_keys)
		return false;
	for (const cJSON *o = obj->child; o && o != m; o = o->next)
		if (strcmp(o->string, m->string) == 0)
			return true;
	return false;
}

/* ---- value checks ---- */

/* A whole number in lo..hi. `unit` names it in messages ("seconds"). */
bool rcheck_int(ctx *c, const cJSON *v, const char *path, long lo, long hi, const char *unit, long *out)
{
	if (!cJSON_IsNumber(v)) {
		ERR(c, path, N_("must be a whole number of %s (%ld-%ld), not %s"), unit, lo, hi, rcheck_type_name(v));
		return false;
	}
	double d = v->valuedouble;
	if (d != d || d > 1e308 || d < -1e308) {
		/* 1e999 or 400 digits: cJSON reads infinity, which "%g" would print as "inf" */
		ERR(c, path, N_("a number this large is out of range (%ld-%ld %s)"), lo, hi, unit);
		return false;
	}
	if (d >= -1e9 && d <= 1e9 && (double)(long)d != d) {
		ERR(c, path, N_("%.15g is not a whole number of %s (%ld-%ld)"), d, unit, lo, hi);
		return false;
	}
	if (!(d >= (double)lo && d <= (double)hi)) {
		ERR(c, path, N_("%.15g is out of range (%ld-%ld %s)"), d, lo, hi, unit);
		return false;
	}
	*out = (long)d;
	return true;
}

bool rcheck_bool(ctx *c, const cJSON *v, const char *path, bool *out)
{
	if (!cJSON_IsBool(v)) {
		ERR(c, path, N_("must be true or false, not %s"), rcheck_type_name(v));
		return false;
	}
	*out = cJSON_IsTrue(v);
	return true;
}

/* A string of at most max bytes, non-empty when nonempty. Returns a pooled
 * copy, or NULL after reporting. */
/* Offset of the first control character in s (C0, DEL or C1: terminal
 * escapes hide in them), or -1. A multi-line text may hold '\n' and '\t'. */
long rcheck_control_at(const char *s, bool multiline, uint32_t *which)
{
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (n == 0) {
			i++;
			continue;
		}
		if ((cp < 0x20 && !(multiline && (cp == '\n' || cp == '\t'))) || (cp >= 0x7f && cp <= 0x9f)) {
			*which = cp;
			return (long)i;
		}
		i += n;
	}
	return -1;
}

const char *rcheck_string(ctx *c, const cJSON *v, const char *path, size_t max, bool nonempty)
{
	if (!cJSON_IsString(v)) {
		ERR(c, path, N_("must be a string, not %s"), rcheck_type_name(v));
		return NULL;
	}
	/* titles and names are one line; texts (max ROUTINE_MAX_TEXT) may break lines */
	bool multiline = max >= ROUTINE_MAX_TEXT;
	uint32_t cc;
	long at = rcheck_control_at(v->valuestring, multiline, &cc);
	if (at >= 0) {
		if (multiline)
			ERR(c, path, N_("holds a control character (U+%04X, at byte %ld); a text may hold line "
			    "breaks and tabs, nothing else below a space"), (unsigned)cc, at + 1);
		else
			ERR(c, path, N_("holds a control character (U+%04X, at byte %ld); a name or title is "
			    "one line of plain text"), (unsigned)cc, at + 1);
		return NULL;
	}
	size_t n = strlen(v->valuestring);
	if (nonempty && n == 0) {
		ERR(c, path, N_("must not be empty"));
		return NULL;
	}
	if (n > max) {
		ERR(c, path, N_("too long: %zu bytes (at most %zu)"), n, max);
		return NULL;
	}
	return rcheck_pool(c, v->valuestring);
}

/* A one-line text ("placement", "caution"): a string of 1..max bytes
 * without control characters (they would break the spoken and shown line). */
const char *rcheck_line(ctx *c, const cJSON *v, const char *path, size_t max)
{
	if (cJSON_IsString(v)) {
		for (const unsigned char *q = (const unsigned char *)v->valuestring; *q; q++)
			if (*q < 0x20 || *q == 0x7f) {
				ERR(c, path, N_("contains a control character (\\x%02X at byte %zu); write it as one line of text"),
				    *q, (size_t)(q - (const unsigned char *)v->valuestring) + 1);
				return NULL;
			}
	}
	return rcheck_string(c, v, path, max, true);
}


bool rcheck_was_suggested(const suggestions *sug, const char *key)
{
	for (size_t i = 0; i < sug->n; i++)
		if (strcmp(sug->names[i], key) == 0)
			return true;
	return false;
}

/* Checks a key against the keys allowed here; reports unknown ones with a
 * suggestion. `where` names the object in the message ("a routine"). */
bool rcheck_key(ctx *c, const char *key, const char *path, const char *const *allowed,
                      size_t n, const char *where, suggestions *sug)
{
	if (rcheck_in_list(key, allowed, n))
		return true;
	char q[128], list[256];
	const char *s = suggest_closest(key, allowed, n);
	if (sug && s && sug->n < sizeof sug->names / sizeof sug->names[0])
		sug->names[sug->n++] = s;
	if (s) {
		rcheck_report(c, ROUTINE_ERROR, path, AT_KEY, path, N_("unknown key %s (did you mean \"%s\"?)"),
		       rcheck_quote(key, q, sizeof q), s);
	} else {
		rcheck_join_names(list, sizeof list, allowed, n);
		rcheck_report(c, ROUTINE_ERROR, path, AT_KEY, path, N_("unknown key %s (%s takes: %s)"),
		       rcheck_quote(key, q, sizeof q), where, list);
	}
	return false;
}

/* A required field is missing: reported at the enclosing object's '{'. */
void rcheck_missing(ctx *c, const char *obj_path, const char *key, const char *fmt, ...)
{
	char p[PATH_BUF];
	rcheck_path_key(p, obj_path, key);
	va_list ap;
	va_start(ap, fmt);
	rcheck_vreport(c, ROUTINE_ERROR, obj_path, AT_VALUE, p, fmt, ap);
	va_end(ap);
}

static const char *const cue_keys[] = { "start", "halfway", "countdown_s", "end", "switch_sides", "voice" };

void rcheck_cues(ctx *c, const cJSON *v, const char *path, cue_override *o)
{
	if (!cJSON_IsObject(v)) {
		ERR(c, path, N_("must be an object like {\"voice\": false}, not %s"), rcheck_type_name(v));
		return;
	}
	const cJSON *m;
	cJSON_ArrayForEach(m, v) {
		char p[PATH_BUF];
		if (rcheck_skip_member(c, v, m))
			continue;
		rcheck_path_key(p, path, m->string);
		if (!rcheck_key(c, m->string, p, cue_keys, sizeof cue_keys / sizeof cue_keys[0], "cues", NULL))
			continue;
		bool b;
		long n;
		if (strcmp(m->string, "countdown_s") == 0) {
			if (rcheck_int(c, m, p, 0, ROUTINE_MAX_COUNTDOWN_S, FMSG_W("seconds"), &n)) {
				o->v.countdown_s = (uint8_t)n;
				o->set |= CUE_SET_COUNTDOWN;
			}
		} else if (rcheck_bool(c, m, p, &b)) {
			if (strcmp(m->string, "start") == 0) { o->v.start = b; o->set |= CUE_SET_START; }
			else if (strcmp(m->string, "halfway") == 0) { o->v.halfway = b; o->set |= CUE_SET_HALFWAY; }
			else if (strcmp(m->string, "end") == 0) { o->v.end = b; o->set |= CUE_SET_END; }
			else if (strcmp(m->string, "switch_sides") == 0) { o->v.switch_sides = b; o->set |= CUE_SET_SWITCH; }
			else { o->v.voice = b; o->set |= CUE_SET_VOICE; }
		}
	}
}

routine_cues rcheck_merge_cues(routine_cues base, const cue_override *o)
{
	if (o->set & CUE_SET_START) base.start = o->v.start;
	if (o->set & CUE_SET_HALFWAY) base.halfway = o->v.halfway;
	if (o->set & CUE_SET_COUNTDOWN) base.countdown_s = o->v.countdown_s;
	if (o->set & CUE_SET_END) base.end = o->v.end;
	if (o->set & CUE_SET_SWITCH) base.switch_sides = o->v.switch_sides;
	if (o->set & CUE_SET_VOICE) base.voice = o->v.voice;
	return base;
}

/* A "refers_to" value: one place, or a list of them joined with ", ". NULL
 * (and reported) when it is not valid. */
const char *rcheck_refers_to(ctx *c, const cJSON *v, const char *path)
{
	if (cJSON_IsString(v)) {
		return rcheck_string(c, v, path, ROUTINE_MAX_NAME, true);
	}
	if (!cJSON_IsArray(v)) {
		ERR(c, path, N_("must be a string or an array of strings, not %s"), rcheck_type_name(v));
		return NULL;
	}
	int n = cJSON_GetArraySize(v);
	if (n == 0) {
		ERR(c, path, N_("must not be empty (leave \"refers_to\" out instead)"));
		return NULL;
	}
	if (n > MAX_REFERS) {
		ERR(c, path, N_("lists %d places (at most %d)"), n, MAX_REFERS);
		return NULL;
	}
	char joined[(ROUTINE_MAX_NAME + 2) * MAX_REFERS + 1];
	size_t used = 0, i = 0;
	bool ok = true;
	const cJSON *it;
	joined[0] = '\0';
	cJSON_ArrayForEach(it, v) {
		char p[PATH_BUF];
		rcheck_path_index(p, path, i);
		const char *s = rcheck_string(c, it, p, ROUTINE_MAX_NAME, true);
		if (!s) {
			ok = false;
		} else if (ok) {
			used += (size_t)snprintf(joined + used, sizeof joined - used, "%s%s", i ? ", " : "", s);
		}
		i++;
	}
	return ok ? rcheck_pool(c, joined) : NULL;
}

/* One "areas" item: "id" or "id:left" / "id:right", id of a-z and '-'. */
static bool area_item_ok(const char *s)
{
	size_t id = strcspn(s, ":");
	if (id == 0 || s[0] == '-')
		return false;
	for (size_t i = 0; i < id; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '-'))
			return false;
	return !s[id] || strcmp(s + id, ":left") == 0 || strcmp(s + id, ":right") == 0;
}

void rcheck_areas(ctx *c, const cJSON *v, const char *path)
{
	if (!cJSON_IsArray(v)) {
		ERR(c, path, N_("must be an array of pain areas, e.g. [\"temple:left\"], not %s"), rcheck_type_name(v));
		return;
	}
	int n = cJSON_GetArraySize(v);
	if (n == 0 || n > ROUTINE_MAX_AREAS) {
		ERR(c, path, N_("lists %d areas (1 to %d; leave \"areas\" out for none)"), n, ROUTINE_MAX_AREAS);
		return;
	}
	size_t i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, v) {
		char p[PATH_BUF];
		rcheck_path_index(p, path, i++);
		const char *s = rcheck_string(c, it, p, ROUTINE_MAX_AREA, true);
		if (s && !area_item_ok(s))
			ERR(c, p, N_("'%s' is not a pain area: an id of lower-case letters and hyphens "
			    "('unknot --areas' lists them), with an optional :left or :right"), s);
		else if (s)
			c->r->areas[c->r->nareas++] = s;
	}
}

/* The sides a "sides" array lists, each at most once, into sides[*nsides]. */
void rcheck_sides(ctx *c, const cJSON *v, const char *path, routine_side sides[2], int *nsides)
{
	const char *list = "left, right";
	const char *const names[2] = { routine_side_name(ROUTINE_SIDE_LEFT), routine_side_name(ROUTINE_SIDE_RIGHT) };
	if (!cJSON_IsArray(v)) {
		ERR(c, path, N_("must be an array of sides, e.g. [\"left\", \"right\"], not %s"), rcheck_type_name(v));
		return;
	}
	if (cJSON_GetArraySize(v) == 0) {
		ERR(c, path, N_("must not be empty (leave \"sides\" out for a step without sides)"));
		return;
	}
	if (c->in_sides) {
		ERR(c, path, N_("a step inside a repeat with \"sides\" takes no \"sides\" of its own: "
		    "the repeat runs its steps once per side"));
		return;
	}
	size_t i = 0;
	const cJSON *it;
	cJSON_ArrayForEach(it, v) {
		char p[PATH_BUF], q[128];
		rcheck_path_index(p, path, i++);
		if (!cJSON_IsString(it)) {
			ERR(c, p, N_("must be a side (%s), not %s"), list, rcheck_type_name(it));
			continue;
		}
		int k = rcheck_index_of(it->valuestring, names, 2);
		if (k < 0) {
			ERR(c, p, N_("%s is not a side (%s)"), rcheck_quote(it->valuestring, q, sizeof q), list);
			continue;
		}
		routine_side s = (routine_side)(k + 1);
		bool dup = false;
		for (int j = 0; j < *nsides; j++)
			dup |= sides[j] == s;
		if (dup) {
			ERR(c, p, N_("\"%s\" is listed twice"), names[k]);
			continue;
		}
		sides[(*nsides)++] = s;
	}
}
