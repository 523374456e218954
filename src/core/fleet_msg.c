/* fleet_msg: topics and JSON messages of the MQTT fleet (see fleet_msg.h). */
#include "core/fleet_msg.h"
#include "core/i18n.h"

#include <cJSON.h>
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/routine.h"
#include "core/sha256.h"

bool fleet_msg_name_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > FLEET_MSG_NAME_MAX || s[0] == '$')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '/' || ch == '+' || ch == '#' || ch < 0x20 || ch == 0x7f)
			return false;
	}
	return true;
}

bool fleet_msg_id_ok(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > FLEET_MSG_NAME_MAX || s[0] == '_')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '-')
			return false;
	return true;
}

static void fleet_msg_err(char *err, size_t errsize, const char *msg)
{
	if (err && errsize)
		snprintf(err, errsize, "%s", msg);
}

int fleet_msg_broker_parse(const char *url, bool *tls, char *host, size_t hostsize, int *port,
                           char *err, size_t errsize)
{
	const char *p;
	if (strncmp(url, "mqtt://", 7) == 0) {
		*tls = false;
		*port = 1883;
		p = url + 7;
	} else if (strncmp(url, "mqtts://", 8) == 0) {
		*tls = true;
		*port = 8883;
		p = url + 8;
	} else {
		fleet_msg_err(err, errsize, N_("expected mqtt://HOST[:PORT] or mqtts://HOST[:PORT]"));
		return -1;
	}
	const char *end, *rest;
	if (*p == '[') {
		end = strchr(p, ']');
		if (!end) {
			fleet_msg_err(err, errsize, N_("missing ']' after the IPv6 address"));
			return -1;
		}
		p++;
		rest = end + 1;
	} else {
		end = p + strcspn(p, ":/");
		rest = end;
	}
	size_t hl = (size_t)(end - p);
	if (hl == 0) {
		fleet_msg_err(err, errsize, N_("no host name in the broker URL"));
		return -1;
	}
	if (hl >= hostsize) {
		fleet_msg_err(err, errsize, N_("the host name is too long"));
		return -1;
	}
	for (size_t i = 0; i < hl; i++)
		if (!isalnum((unsigned char)p[i]) && !strchr(".-_:%", p[i])) {
			fleet_msg_err(err, errsize, N_("the host name has a character that is not allowed"));
			return -1;
		}
	memcpy(host, p, hl);
	host[hl] = '\0';
	if (*rest == ':') {
		char *e;
		errno = 0;
		long v = strtol(rest + 1, &e, 10);
		if (e == rest + 1 || errno || v < 1 || v > 65535 || (*e && strcmp(e, "/") != 0)) {
			fleet_msg_err(err, errsize, N_("the port must be a number 1..65535"));
			return -1;
		}
		*port = (int)v;
	} else if (*rest && strcmp(rest, "/") != 0) {
		fleet_msg_err(err, errsize, N_("a broker URL has no path: mqtt[s]://HOST[:PORT]"));
		return -1;
	}
	return 0;
}

int fleet_msg_station_topic(char *out, size_t size, const char *site, const char *station,
                            const char *leaf)
{
	int n = snprintf(out, size, "unknot/%s/%s/%s", site, station, leaf);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

int fleet_msg_routines_topic(char *out, size_t size, const char *site, const char *leaf)
{
	int n = snprintf(out, size, "unknot/%s/routines/%s", site, leaf);
	return n < 0 || (size_t)n >= size ? -1 : 0;
}

/* True when topic starts with PREFIX (and returns the rest in *rest). */
static bool fleet_msg_prefix(const char *topic, const char *prefix, const char **rest)
{
	size_t n = strlen(prefix);
	if (strncmp(topic, prefix, n) != 0)
		return false;
	*rest = topic + n;
	return true;
}

fleet_in_kind fleet_msg_classify(const char *topic, const char *site, const char *station,
                                 char *name, size_t namesize)
{
	char pre[FLEET_MSG_TOPIC_MAX];
	const char *rest;
	if (namesize)
		name[0] = '\0';
	if (fleet_msg_routines_topic(pre, sizeof pre, site, "") == 0 &&
	    fleet_msg_prefix(topic, pre, &rest)) {
		if (strcmp(rest, "_manifest") == 0)
			return FLEET_IN_MANIFEST;
		if (strcmp(rest, "_settings") == 0)
			return FLEET_IN_SETTINGS;
		if (fleet_msg_id_ok(rest) && strlen(rest) < namesize) {
			strcpy(name, rest);
			return FLEET_IN_ROUTINE;
		}
		/* a name the manager meant as a routine: say so, printably */
		size_t k = 0;
		for (; *rest && k + 1 < namesize; rest++)
			name[k++] = (unsigned char)*rest < 0x20 || (unsigned char)*rest >= 0x7f ? '?' : *rest;
		if (namesize)
			name[k] = '\0';
		return FLEET_IN_BAD_ROUTINE;
	}
	if (fleet_msg_station_topic(pre, sizeof pre, site, station, "cmd/") == 0 &&
	    fleet_msg_prefix(topic, pre, &rest)) {
		if (!*rest || strchr(rest, '/') || strlen(rest) >= namesize)
			return FLEET_IN_OTHER;
		strcpy(name, rest);
		return FLEET_IN_CMD;
	}
	return FLEET_IN_OTHER;
}

/* Adds a string, or null for NULL. */
static void fleet_msg_add_str(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

char *fleet_msg_status_json(const fleet_msg_status *s)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	fleet_msg_add_str(o, "station", s->station);
	fleet_msg_add_str(o, "site", s->site);
	fleet_msg_add_str(o, "state", s->state ? s->state : "idle");
	fleet_msg_add_str(o, "routine", s->routine);
	fleet_msg_add_str(o, "routine_file", s->routine_file);
	cJSON_AddNumberToObject(o, "step", s->step);
	cJSON_AddNumberToObject(o, "steps", s->steps);
	cJSON *f = cJSON_AddArrayToObject(o, "faults");
	for (size_t i = 0; f && i < s->nfaults; i++)
		cJSON_AddItemToArray(f, cJSON_CreateString(s->faults[i]));
	cJSON_AddNumberToObject(o, "seq", (double)s->seq);
	cJSON_AddNumberToObject(o, "acked_seq", (double)s->acked_seq);
	cJSON_AddNumberToObject(o, "manifest_version", s->manifest_version);
	cJSON_AddNumberToObject(o, "routines", (double)s->routines);
	fleet_msg_add_str(o, "app_version", s->app_version ? s->app_version : "unknown");
	cJSON_AddNumberToObject(o, "uptime_s", (double)s->uptime_s);
	if (s->settings) {
		char *js = fleet_msg_settings_json(s->settings);
		cJSON *so = js ? cJSON_Parse(js) : NULL;
		free(js);
		if (so)
			cJSON_AddItemToObject(o, "settings", so);
	}
	char *out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return out;
}

/* Members of a journal line that could identify a person. */
static const char *const fleet_msg_private[] = {
	"profile", "note", "notes", "comment", "text", "name", "user"
};

/* Adds seq, id and station to an event object and prints it. */
static char *fleet_msg_seal(cJSON *o, const char *station, uint64_t seq)
{
	char id[FLEET_MSG_NAME_MAX + 32];
	snprintf(id, sizeof id, "%s:%" PRIu64, station, seq);
	cJSON_DeleteItemFromObjectCaseSensitive(o, "id");
	cJSON_DeleteItemFromObjectCaseSensitive(o, "station");
	cJSON_AddNumberToObject(o, "seq", (double)seq);
	cJSON_AddStringToObject(o, "id", id);
	cJSON_AddStringToObject(o, "station", station);
	char *out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return out;
}

char *fleet_msg_event(const char *line, size_t len, const char *station, uint64_t seq)
{
	cJSON *o = cJSON_ParseWithLength(line, len);
	if (!cJSON_IsObject(o)) {
		cJSON_Delete(o);
		return NULL;
	}
	for (size_t i = 0; i < sizeof fleet_msg_private / sizeof fleet_msg_private[0]; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(o, fleet_msg_private[i]);
	cJSON *s = cJSON_DetachItemFromObjectCaseSensitive(o, "seq");
	cJSON_DeleteItemFromObjectCaseSensitive(o, "session_seq");
	if (s)
		cJSON_AddItemToObject(o, "session_seq", s);
	return fleet_msg_seal(o, station, seq);
}

char *fleet_msg_event_unreadable(const char *station, uint64_t seq)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "event", "unreadable");
	return fleet_msg_seal(o, station, seq);
}

/* True when a JSON text has a \u0000 escape (a NUL inside a string, which
 * cJSON keeps and C strings end at: "neck\u0000x" would read as "neck"). */
static bool fleet_msg_has_nul(const char *p, size_t len)
{
	for (size_t i = 0; i + 5 < len; i++) {
		if (p[i] != '\\')
			continue;
		if (p[i + 1] == 'u' && p[i + 2] == '0' && p[i + 3] == '0' && p[i + 4] == '0' &&
		    p[i + 5] == '0')
			return true;
		i++; /* skip the escaped character (\\ included) */
	}
	return false;
}

/* A lower-case 64-digit hex string. */
static bool fleet_msg_hex64(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (int i = 0; i < 64; i++)
		if (!isdigit((unsigned char)s[i]) && !(s[i] >= 'a' && s[i] <= 'f'))
			return false;
	return true;
}

/* Reads {"id","version","sha256"} of o into the fields; -1 with err. */
static int fleet_msg_idver(const cJSON *o, char *id, uint32_t *version, char *sha,
                           char *err, size_t errsize)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "id");
	if (!cJSON_IsString(v) || !fleet_msg_id_ok(v->valuestring)) {
		fleet_msg_err(err, errsize, "id: expected 1-64 letters, digits, '_' or '-'");
		return -1;
	}
	strcpy(id, v->valuestring);
	v = cJSON_GetObjectItemCaseSensitive(o, "version");
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 4294967295.0 ||
	    v->valuedouble != (double)(uint32_t)v->valuedouble) {
		fleet_msg_err(err, errsize, "version: expected a whole number >= 0");
		return -1;
	}
	*version = (uint32_t)v->valuedouble;
	v = cJSON_GetObjectItemCaseSensitive(o, "sha256");
	if (!cJSON_IsString(v) || !fleet_msg_hex64(v->valuestring)) {
		fleet_msg_err(err, errsize, "sha256: expected 64 lower-case hex digits");
		return -1;
	}
	strcpy(sha, v->valuestring);
	return 0;
}

int fleet_msg_routine_parse(const char *payload, size_t len, const char *topic_id,
                            fleet_msg_routine *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	if (fleet_msg_has_nul(payload, len)) {
		fleet_msg_err(err, errsize, "a string has a NUL character (\\u0000)");
		return -1;
	}
	cJSON *o = cJSON_ParseWithLength(payload, len);
	int rc = -1;
	if (!cJSON_IsObject(o)) {
		fleet_msg_err(err, errsize, "not a JSON object");
		goto done;
	}
	if (fleet_msg_idver(o, out->id, &out->version, out->sha256, err, errsize))
		goto done;
	if (topic_id && strcmp(topic_id, out->id) != 0) {
		fleet_msg_err(err, errsize, "id differs from the topic");
		goto done;
	}
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(o, "body");
	if (!cJSON_IsString(b)) {
		fleet_msg_err(err, errsize, "body: expected the routine file as a string");
		goto done;
	}
	size_t bl = strlen(b->valuestring);
	if (bl > ROUTINE_MAX_FILE_BYTES) {
		fleet_msg_err(err, errsize, "body: larger than a routine may be");
		goto done;
	}
	char hex[65];
	sha256_hex(b->valuestring, bl, hex);
	if (strcmp(hex, out->sha256) != 0) {
		fleet_msg_err(err, errsize, "sha256 mismatch");
		goto done;
	}
	routine_diags d = { 0 };
	char file[FLEET_MSG_NAME_MAX + 8];
	snprintf(file, sizeof file, "%s.json", out->id);
	routine *r = routine_parse(file, b->valuestring, bl, &d);
	if (!r) {
		for (size_t i = 0; i < d.count; i++)
			if (d.items[i].severity == ROUTINE_ERROR) {
				routine_diag_format(&d.items[i], file, err ? err : hex,
				                    err ? errsize : sizeof hex);
				break;
			}
		routine_diags_free(&d);
		goto done;
	}
	routine_free(r);
	routine_diags_free(&d);
	out->body = malloc(bl + 1);
	if (!out->body) {
		fleet_msg_err(err, errsize, "out of memory");
		goto done;
	}
	memcpy(out->body, b->valuestring, bl + 1);
	out->body_len = bl;
	rc = 0;
done:
	cJSON_Delete(o);
	if (rc)
		fleet_msg_routine_clear(out);
	return rc;
}

void fleet_msg_routine_clear(fleet_msg_routine *m)
{
	free(m->body);
	memset(m, 0, sizeof *m);
}

int fleet_msg_manifest_parse(const char *payload, size_t len, fleet_msg_manifest *out,
                             char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	if (fleet_msg_has_nul(payload, len)) {
		fleet_msg_err(err, errsize, "manifest: a string has a NUL character (\\u0000)");
		return -1;
	}
	cJSON *o = cJSON_ParseWithLength(payload, len);
	int rc = -1;
	if (!cJSON_IsObject(o)) {
		fleet_msg_err(err, errsize, "manifest: not a JSON object");
		goto done;
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "version");
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 4294967295.0 ||
	    v->valuedouble != (double)(uint32_t)v->valuedouble) {
		fleet_msg_err(err, errsize, "manifest: version: expected a whole number >= 0");
		goto done;
	}
	out->version = (uint32_t)v->valuedouble;
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(o, "routines");
	if (!cJSON_IsArray(a)) {
		fleet_msg_err(err, errsize, "manifest: routines: expected an array");
		goto done;
	}
	int n = cJSON_GetArraySize(a);
	if (n > FLEET_MSG_MANIFEST_MAX) {
		if (err && errsize)
			snprintf(err, errsize, "manifest: lists %d routines, a station holds at most %d", n,
			         FLEET_MSG_MANIFEST_MAX);
		goto done;
	}
	out->items = calloc(n > 0 ? (size_t)n : 1, sizeof *out->items);
	if (!out->items) {
		fleet_msg_err(err, errsize, "out of memory");
		goto done;
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, a) {
		fleet_msg_manifest_entry *e = &out->items[out->count];
		char why[160];
		if (!cJSON_IsObject(it) ||
		    fleet_msg_idver(it, e->id, &e->version, e->sha256, why, sizeof why)) {
			if (err && errsize)
				snprintf(err, errsize, "manifest: routines[%zu]: %s", out->count,
				         cJSON_IsObject(it) ? why : "expected an object");
			goto done;
		}
		for (size_t k = 0; k < out->count; k++)
			if (strcmp(out->items[k].id, e->id) == 0) {
				if (err && errsize)
					snprintf(err, errsize, "manifest: routines[%zu]: %s listed twice",
					         out->count, e->id);
				goto done;
			}
		out->count++;
	}
	rc = 0;
done:
	cJSON_Delete(o);
	if (rc)
		fleet_msg_manifest_clear(out);
	return rc;
}

void fleet_msg_manifest_clear(fleet_msg_manifest *m)
{
	free(m->items);
	memset(m, 0, sizeof *m);
}

/* The payload as a JSON object, or NULL when empty ({} is the same). -1 when it
 * is something else. */
static int fleet_msg_cmd_object(const char *payload, size_t len, cJSON **out)
{
	*out = NULL;
	size_t i = 0;
	while (i < len && isspace((unsigned char)payload[i]))
		i++;
	if (i == len)
		return 0;
	*out = cJSON_ParseWithLength(payload, len);
	if (!cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int fleet_msg_command_parse(const char *name, const char *payload, size_t len,
                            fleet_msg_command *out, char *err, size_t errsize)
{
	memset(out, 0, sizeof *out);
	cJSON *o;
	if (fleet_msg_cmd_object(payload, len, &o)) {
		fleet_msg_err(err, errsize, "payload: expected a JSON object or nothing");
		return -1;
	}
	int rc = -1;
	const cJSON *v;
	if (strcmp(name, "resend") == 0) {
		out->kind = FLEET_CMD_RESEND;
		v = cJSON_GetObjectItemCaseSensitive(o, "from_seq");
		if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > 9007199254740992.0 ||
		    v->valuedouble != (double)(uint64_t)v->valuedouble) {
			fleet_msg_err(err, errsize, "resend: from_seq: expected a whole number >= 1");
			goto done;
		}
		out->from_seq = (uint64_t)v->valuedouble;
		v = cJSON_GetObjectItemCaseSensitive(o, "to_seq");
		if (v && (!cJSON_IsNumber(v) || v->valuedouble < (double)out->from_seq ||
		          v->valuedouble > 9007199254740992.0 ||
		          v->valuedouble != (double)(uint64_t)v->valuedouble)) {
			fleet_msg_err(err, errsize, "resend: to_seq: expected a whole number >= from_seq");
			goto done;
		}
		out->to_seq = v ? (uint64_t)v->valuedouble : 0;
	} else if (strcmp(name, "reload") == 0) {
		out->kind = FLEET_CMD_RELOAD;
	} else if (strcmp(name, "identify") == 0) {
		out->kind = FLEET_CMD_IDENTIFY;
		out->seconds = 5;
		v = cJSON_GetObjectItemCaseSensitive(o, "seconds");
		if (v) {
			if (!cJSON_IsNumber(v) || v->valuedouble < 1 || v->valuedouble > 60) {
				fleet_msg_err(err, errsize, "identify: seconds: expected 1..60");
				goto done;
			}
			out->seconds = (int)v->valuedouble;
		}
	} else {
		fleet_msg_err(err, errsize, "unknown command (resend, reload, identify)");
		goto done;
	}
	rc = 0;
done:
	cJSON_Delete(o);
	return rc;
}

/* An int member in [lo, hi] or absent (*dst = -1). */
static int fleet_msg_settings_int(const cJSON *o, const char *key, int lo, int hi, int *dst,
                                  char *err, size_t errsize)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	*dst = -1;
	if (!v)
		return 0;
	if (!cJSON_IsNumber(v) || v->valuedouble < lo || v->valuedouble > hi ||
	    v->valuedouble != (double)(int)v->valuedouble) {
		if (err && errsize)
			snprintf(err, errsize, "settings: %s: expected a whole number %d..%d", key, lo, hi);
		return -1;
	}
	*dst = (int)v->valuedouble;
	return 0;
}

/* "en", "deu", "pt-BR", "zh-Hant": 2-3 letters, optional -2..8 letters/digits. */
bool fleet_msg_language_ok(const char *s)
{
	size_t i = 0;
	while (isalpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3)
		return false;
	if (!s[i])
		return true;
	if (s[i] != '-')
		return false;
	size_t j = ++i;
	while (isalnum((unsigned char)s[i]))
		i++;
	return !s[i] && i - j >= 2 && i - j <= 8;
}

int fleet_msg_settings_parse(const char *payload, size_t len, fleet_msg_settings *out,
                             char *err, size_t errsize)
{
	static const char *const known[] = { "version", "volume", "language", "idle_minutes",
	                                     "pause_timeout_minutes" };
	memset(out, 0, sizeof *out);
	out->volume = out->idle_minutes = out->pause_timeout_minutes = -1;
	if (fleet_msg_has_nul(payload, len)) {
		fleet_msg_err(err, errsize, "settings: a string has a NUL character (\\u0000)");
		return -1;
	}
	cJSON *o = cJSON_ParseWithLength(payload, len);
	int rc = -1;
	if (!cJSON_IsObject(o)) {
		fleet_msg_err(err, errsize, "settings: not a JSON object");
		goto done;
	}
	const cJSON *it;
	cJSON_ArrayForEach(it, o) {
		size_t k = 0;
		while (k < sizeof known / sizeof known[0] && strcmp(known[k], it->string) != 0)
			k++;
		if (k == sizeof known / sizeof known[0]) {
			if (err && errsize)
				snprintf(err, errsize, "settings: %.40s: unknown (version, volume, language, "
				         "idle_minutes, pause_timeout_minutes)", it->string);
			goto done;
		}
	}
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "version");
	if (!cJSON_IsNumber(v) || v->valuedouble < 0 || v->valuedouble > 4294967295.0 ||
	    v->valuedouble != (double)(uint32_t)v->valuedouble) {
		fleet_msg_err(err, errsize, "settings: version: expected a whole number >= 0");
		goto done;
	}
	out->version = (uint32_t)v->valuedouble;
	if (fleet_msg_settings_int(o, "volume", 0, 100, &out->volume, err, errsize) ||
	    fleet_msg_settings_int(o, "idle_minutes", 0, 1440, &out->idle_minutes, err, errsize) ||
	    fleet_msg_settings_int(o, "pause_timeout_minutes", 0, 1440, &out->pause_timeout_minutes,
	                           err, errsize))
		goto done;
	v = cJSON_GetObjectItemCaseSensitive(o, "language");
	if (v) {
		if (!cJSON_IsString(v) || strlen(v->valuestring) >= sizeof out->language ||
		    !fleet_msg_language_ok(v->valuestring)) {
			fleet_msg_err(err, errsize, "settings: language: expected a tag like \"en\" or \"pt-BR\"");
			goto done;
		}
		strcpy(out->language, v->valuestring);
	}
	rc = 0;
done:
	cJSON_Delete(o);
	if (rc) {
		memset(out, 0, sizeof *out);
		out->volume = out->idle_minutes = out->pause_timeout_minutes = -1;
	}
	return rc;
}

char *fleet_msg_settings_json(const fleet_msg_settings *s)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddNumberToObject(o, "version", s->version);
	if (s->volume >= 0)
		cJSON_AddNumberToObject(o, "volume", s->volume);
	if (s->language[0])
		cJSON_AddStringToObject(o, "language", s->language);
	if (s->idle_minutes >= 0)
		cJSON_AddNumberToObject(o, "idle_minutes", s->idle_minutes);
	if (s->pause_timeout_minutes >= 0)
		cJSON_AddNumberToObject(o, "pause_timeout_minutes", s->pause_timeout_minutes);
	char *out = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	return out;
}
