/* config: parses config.json over the defaults (see config.h).
 *
 * cJSON reads the values; jsonpos says where each one is, so every error
 * names LINE:COLUMN and the JSON path. Unknown keys are errors (with a "did you
 * mean"), so a typo never silently leaves a setting at its default.
 */
#include "core/config.h"

#include <cJSON.h>
#include <ctype.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "core/fleet_msg.h"
#include "core/i18n.h"
#include "core/jsonpos.h"
#include "core/keyname.h"
#include "core/profname.h"
#include "core/safety.h"
#include "core/suggest.h"

typedef struct {
	const jsonpos *pos;
	config_error *e;
} config_ctx;

static int config_fail(config_ctx *c, const char *path, bool at_key, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* s as an argument translated with the message (core/fmsg.h: FMSG_TR). */
static const char *config_word(const char *s, char *buf, size_t size)
{
	snprintf(buf, size, FMSG_TR "%s", s);
	return buf;
}

/* Reports an error at the value (or, with at_key, the key) of `path`. */
static int config_fail(config_ctx *c, const char *path, bool at_key, const char *fmt, ...)
{
	int line = 1, col = 1, kl = 0, kc = 0;
	if (jsonpos_find(c->pos, path, &line, &col, &kl, &kc) && at_key && kl > 0) {
		line = kl;
		col = kc;
	}
	c->e->line = line;
	c->e->column = col;
	snprintf(c->e->path, sizeof c->e->path, "%s", path);
	va_list ap;
	va_start(ap, fmt);
	fmsg_vset(&c->e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

/* Rejects keys of `obj` that are not in `known`. */
static int config_known(config_ctx *c, const cJSON *obj, const char *path,
                        const char *const *known, size_t n)
{
	const cJSON *it;
	cJSON_ArrayForEach(it, obj) {
		bool ok = false;
		for (size_t i = 0; i < n && !ok; i++)
			ok = strcmp(it->string, known[i]) == 0;
		if (ok)
			continue;
		char p[160];
		snprintf(p, sizeof p, "%s%s%s", path, path[0] ? "." : "", it->string);
		const char *near = suggest_closest(it->string, known, n);
		if (near)
			return config_fail(c, p, true, N_("unknown key \"%s\" (did you mean \"%s\"?)"), it->string, near);
		return config_fail(c, p, true, N_("unknown key \"%s\""), it->string);
	}
	return 0;
}

static int config_int(config_ctx *c, const cJSON *v, const char *path, int lo, int hi, int *out)
{
	/* |v| >= 2^53 (or inf) is never asked for; casting it to long long would be undefined */
	if (!cJSON_IsNumber(v) || !(v->valuedouble > -9007199254740992.0 && v->valuedouble < 9007199254740992.0) ||
	    v->valuedouble != (double)(long long)v->valuedouble)
		return config_fail(c, path, false, N_("expected a whole number (%d..%d)"), lo, hi);
	if (v->valuedouble < lo || v->valuedouble > hi)
		return config_fail(c, path, false, N_("%.0f is out of range (%d..%d)"), v->valuedouble, lo, hi);
	*out = (int)v->valuedouble;
	return 0;
}

static int config_bool(config_ctx *c, const cJSON *v, const char *path, bool *out)
{
	if (!cJSON_IsBool(v))
		return config_fail(c, path, false, N_("expected true or false"));
	*out = cJSON_IsTrue(v);
	return 0;
}

static int config_string(config_ctx *c, const cJSON *v, const char *path, char *out, size_t size)
{
	if (!cJSON_IsString(v))
		return config_fail(c, path, false, N_("expected a string"));
	if (strlen(v->valuestring) >= size)
		return config_fail(c, path, false, N_("too long (at most %zu bytes)"), size - 1);
	/* names, paths and PINs are one line of text: a control character (a
	 * terminal escape) would only ever reach a screen or a log raw */
	for (const unsigned char *q = (const unsigned char *)v->valuestring; *q; q++)
		if (*q < 0x20 || *q == 0x7f || (q[0] == 0xC2 && q[1] >= 0x80 && q[1] <= 0x9F))
			return config_fail(c, path, false, N_("holds a control character (U+%04X, at byte %zu)"),
			                   *q == 0xC2 ? (unsigned)q[1] : (unsigned)*q,
			                   (size_t)(q - (const unsigned char *)v->valuestring) + 1);
	memcpy(out, v->valuestring, strlen(v->valuestring) + 1);
	return 0;
}

/* A profile is a name in any script; its journal file name is encoded
 * (core/profname.h). */
static int config_profile_name(config_ctx *c, const char *name, const char *path)
{
	const char *why = name[0] ? profname_check(name) : NULL;
	char w[256];
	if (why)
		return config_fail(c, path, false, "%s", config_word(why, w, sizeof w)); /* profname marks it N_() */
	return 0;
}

/* One of `names` (n of them); *out gets its index. */
static int config_enum(config_ctx *c, const cJSON *v, const char *path, const char *const *names,
                       size_t n, const char *list, int *out);

/* "voice": "off", "names", "full", or a boolean (true = "full"). */
static int config_voice_value(config_ctx *c, const cJSON *v, config_voice *out)
{
	static const char *const voices[] = { "off", "names", "full" };
	int i;
	if (cJSON_IsBool(v)) {
		*out = cJSON_IsTrue(v) ? CONFIG_VOICE_FULL : CONFIG_VOICE_OFF;
		return 0;
	}
	if (config_enum(c, v, "voice", voices, 3, "\"off\", \"names\", \"full\" (or true, false)", &i))
		return -1;
	*out = (config_voice)i;
	return 0;
}

static int config_enum(config_ctx *c, const cJSON *v, const char *path, const char *const *names,
                       size_t n, const char *list, int *out)
{
	if (cJSON_IsString(v))
		for (size_t i = 0; i < n; i++)
			if (strcmp(v->valuestring, names[i]) == 0) {
				*out = (int)i;
				return 0;
			}
	if (cJSON_IsString(v))
		return config_fail(c, path, false, N_("\"%s\" is not one of %s"), v->valuestring, list);
	return config_fail(c, path, false, N_("expected one of %s"), list);
}

static int config_gesture(config_ctx *c, const cJSON *obj, gesture_config *g)
{
	static const char *const keys[] = { "debounce_ms", "hold_ms", "long_hold_ms", "double_tap_ms" };
	if (!cJSON_IsObject(obj))
		return config_fail(c, "gesture", false, N_("expected an object"));
	if (config_known(c, obj, "gesture", keys, 4))
		return -1;
	const int lo[] = { 0, 200, 1000, 100 }, hi[] = { 200, 5000, 20000, 1000 };
	uint32_t *dst[] = { &g->debounce_ms, &g->hold_ms, &g->long_hold_ms, &g->double_tap_ms };
	for (size_t i = 0; i < 4; i++) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, keys[i]);
		char p[64];
		int val;
		if (!v)
			continue;
		snprintf(p, sizeof p, "gesture.%s", keys[i]);
		if (config_int(c, v, p, lo[i], hi[i], &val))
			return -1;
		*dst[i] = (uint32_t)val;
	}
	/* blame the value the file gave (the other may be a default) */
	bool has_long = cJSON_GetObjectItemCaseSensitive(obj, "long_hold_ms") != NULL;
	if (g->long_hold_ms <= g->hold_ms) {
		if (has_long)
			return config_fail(c, "gesture.long_hold_ms", false,
			                   N_("must be longer than hold_ms (%u)"), g->hold_ms);
		return config_fail(c, "gesture.hold_ms", false, N_("must be shorter than long_hold_ms (%u)"),
		                   g->long_hold_ms);
	}
	return 0;
}

/* A pedal's "keys": SDL key names, lower-cased, each one checked (a typo never
 * matched any key, silently: the pedal was dead). */
static int config_pedal_keys(config_ctx *c, const cJSON *v, const char *path, config_pedal *pd)
{
	char kp0[64];
	snprintf(kp0, sizeof kp0, "%s.keys", path);
	if (!cJSON_IsArray(v))
		return config_fail(c, kp0, false, N_("expected an array of key names"));
	int n = cJSON_GetArraySize(v);
	if (n > CONFIG_MAX_KEYS)
		return config_fail(c, kp0, false, N_("at most %d keys"), CONFIG_MAX_KEYS);
	pd->nkeys = 0;
	for (int i = 0; i < n; i++) {
		char kp[80];
		snprintf(kp, sizeof kp, "%s.keys[%d]", path, i);
		char *k = pd->keys[pd->nkeys];
		if (config_string(c, cJSON_GetArrayItem(v, i), kp, k, sizeof pd->keys[0]))
			return -1;
		if (!k[0])
			return config_fail(c, kp, false, N_("empty key name"));
		for (char *q = k; *q; q++)
			*q = (char)tolower((unsigned char)*q);
		if (!keyname_valid(k)) {
			/* a typo never matched any key, silently: the pedal was dead */
			char shown[sizeof pd->keys[0]];
			size_t j = 0;
			for (const char *q = k; *q && j + 1 < sizeof shown; q++)
				shown[j++] = (unsigned char)*q < 0x20 || *q == 0x7f ? '?' : *q;
			shown[j] = '\0';
			size_t nn;
			const char *const *all = keyname_all(&nn);
			const char *near = suggest_closest(k, all, nn);
			if (near)
				return config_fail(c, kp, false, N_("\"%s\" is not a key name (did you mean \"%s\"?)"),
				                   shown, near);
			return config_fail(c, kp, false, N_("\"%s\" is not a key name (SDL's names: \"space\", "
			                   "\"return\", \"pagedown\", \"f5\", \"b\", \"audioplay\"...)"), shown);
		}
		pd->nkeys++;
	}
	return 0;
}

static int config_pedal_parse(config_ctx *c, const cJSON *obj, size_t idx, config *cfg)
{
	static const char *const keys[] = { "line", "chip", "offset", "active_low", "bias", "keys",
	                                    "tap", "hold", "double_tap", "long_hold", "device" };
	static const char *const biases[] = { "pull-up", "pull-down", "disabled", "as-is" };
	config_pedal *pd = &cfg->pedals[idx];
	char path[32], p[64];
	snprintf(path, sizeof path, "pedals[%zu]", idx);
	if (!cJSON_IsObject(obj))
		return config_fail(c, path, false, N_("expected an object"));
	if (config_known(c, obj, path, keys, sizeof keys / sizeof keys[0]))
		return -1;
	const cJSON *v;
#define CONFIG_PATH(key) (snprintf(p, sizeof p, "%s.%s", path, key), p)
	/* A layer (the user's file over /etc's) that names the pin one way
	 * replaces the other way an earlier layer used; one object may not give
	 * both. */
	bool has_line = cJSON_GetObjectItemCaseSensitive(obj, "line") != NULL;
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "line"))) {
		if (config_string(c, v, CONFIG_PATH("line"), pd->line, sizeof pd->line))
			return -1;
		if (!pd->line[0])
			return config_fail(c, p, false, N_("empty line name"));
		pd->offset = -1;
		pd->chip[0] = '\0';
		pd->gpio = true;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "chip")) &&
	    config_string(c, v, CONFIG_PATH("chip"), pd->chip, sizeof pd->chip))
		return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "offset"))) {
		if (config_int(c, v, CONFIG_PATH("offset"), 0, 1023, &pd->offset))
			return -1;
		if (has_line)
			return config_fail(c, p, false, N_("give either \"line\" or \"offset\", not both"));
		pd->line[0] = '\0';
		pd->gpio = true;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "active_low")) &&
	    config_bool(c, v, CONFIG_PATH("active_low"), &pd->active_low))
		return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "bias"))) {
		int b;
		if (config_enum(c, v, CONFIG_PATH("bias"), biases, 4,
		                "\"pull-up\", \"pull-down\", \"disabled\", \"as-is\"", &b))
			return -1;
		pd->bias = (config_bias)b;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "device"))) {
		if (config_string(c, v, CONFIG_PATH("device"), pd->device, sizeof pd->device))
			return -1;
		if (pd->device[0] && strncmp(pd->device, "/dev/input/", 11) != 0)
			return config_fail(c, p, false, N_("expected an input device under /dev/input/ "
			                   "(e.g. \"/dev/input/by-id/usb-...-event-kbd\"), or \"\" for none"));
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "keys")) && config_pedal_keys(c, v, path, pd))
		return -1;
	static const char *const gestures[GESTURE_KIND_COUNT] = { "tap", "double_tap", "hold", "long_hold" };
	for (int k = 0; k < GESTURE_KIND_COUNT; k++) {
		if (!(v = cJSON_GetObjectItemCaseSensitive(obj, gestures[k])))
			continue;
		int a = cJSON_IsString(v) ? gesture_action_from_name(v->valuestring) : -1;
		if (a < 0)
			return config_fail(c, CONFIG_PATH(gestures[k]), false,
			                   N_("expected an action: \"next\", \"discomfort\", \"pause\", "
			                   "\"previous\", \"extend\" or \"none\""));
		cfg->gesture.map[idx][k] = (gesture_action)a;
	}
#undef CONFIG_PATH
	return 0;
}

/* The kiosk keys: "kiosk", "admin_pin", the three timeouts and "log_level". */
static int config_unattended(config_ctx *c, const cJSON *root, config *work)
{
	static const char *const levels[] = { "error", "warn", "info", "debug" };
	const cJSON *v;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "kiosk"))) {
		bool kiosk = false;
		if (config_bool(c, v, "kiosk", &kiosk))
			return -1;
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(root, "mode");
		/* "mode" was parsed already: both in one file must agree */
		if (m && (work->mode == CONFIG_MODE_KIOSK) != kiosk)
			return config_fail(c, "kiosk", false, N_("contradicts \"mode\": \"%s\""),
			                   work->mode == CONFIG_MODE_KIOSK ? "kiosk" : "home");
		work->mode = kiosk ? CONFIG_MODE_KIOSK : CONFIG_MODE_HOME;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "admin_pin"))) {
		/* a number would lose leading zeros: only a string of digits */
		if (!cJSON_IsString(v))
			return config_fail(c, "admin_pin", false, N_("expected a string of 4 to %d digits, e.g. \"2468\""),
			                   CONFIG_PIN_MAX);
		size_t n = strlen(v->valuestring);
		if (n < 4 || n > CONFIG_PIN_MAX)
			return config_fail(c, "admin_pin", false, N_("expected 4 to %d digits, not %zu characters"),
			                   CONFIG_PIN_MAX, n);
		for (size_t i = 0; i < n; i++)
			if (!isdigit((unsigned char)v->valuestring[i]))
				return config_fail(c, "admin_pin", false, N_("digits only (the PIN pad has 0-9)"));
		memcpy(work->admin_pin, v->valuestring, n + 1);
	}
	static const char *const mins[] = { "idle_minutes", "pause_timeout_minutes", "dim_minutes" };
	int *dst[] = { &work->idle_minutes, &work->pause_timeout_minutes, &work->dim_minutes };
	for (size_t i = 0; i < 3; i++)
		if ((v = cJSON_GetObjectItemCaseSensitive(root, mins[i])) &&
		    config_int(c, v, mins[i], 0, 1440, dst[i]))
			return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "log_level"))) {
		int lv;
		if (config_enum(c, v, "log_level", levels, 4, "\"error\", \"warn\", \"info\", \"debug\"", &lv))
			return -1;
		work->log_level = (config_log_level)lv;
	}
	return 0;
}

/* "fleet": the MQTT broker and this station's names (see config.h), parsed over
 * what an earlier file set. */
static int config_fleet_parse(config_ctx *c, const cJSON *obj, config_fleet *f)
{
	static const char *const keys[] = { "broker", "site", "station", "username", "password",
	                                    "password_file", "ca_file", "cert_file", "key_file",
	                                    "keepalive_s", "will_delay_s" };
	static const struct { const char *key; size_t off, size; } strs[] = {
		{ "site", offsetof(config_fleet, site), sizeof f->site },
		{ "station", offsetof(config_fleet, station), sizeof f->station },
		{ "username", offsetof(config_fleet, username), sizeof f->username },
		{ "password", offsetof(config_fleet, password), sizeof f->password },
		{ "password_file", offsetof(config_fleet, password_file), sizeof f->password_file },
		{ "ca_file", offsetof(config_fleet, ca_file), sizeof f->ca_file },
		{ "cert_file", offsetof(config_fleet, cert_file), sizeof f->cert_file },
		{ "key_file", offsetof(config_fleet, key_file), sizeof f->key_file },
	};
	const cJSON *v;
	char path[48], why[160], w[168];
	if (!cJSON_IsObject(obj))
		return config_fail(c, "fleet", false, N_("expected an object"));
	if (config_known(c, obj, "fleet", keys, sizeof keys / sizeof keys[0]))
		return -1;
	for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
		snprintf(path, sizeof path, "fleet.%s", strs[i].key);
		if ((v = cJSON_GetObjectItemCaseSensitive(obj, strs[i].key)) &&
		    config_string(c, v, path, (char *)f + strs[i].off, strs[i].size))
			return -1;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "keepalive_s")) &&
	    config_int(c, v, "fleet.keepalive_s", 5, 3600, &f->keepalive_s))
		return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "will_delay_s")) &&
	    config_int(c, v, "fleet.will_delay_s", 0, 3600, &f->will_delay_s))
		return -1;
	if ((v = cJSON_GetObjectItemCaseSensitive(obj, "broker"))) {
		if (config_string(c, v, "fleet.broker", f->broker, sizeof f->broker))
			return -1;
		if (f->broker[0] && fleet_msg_broker_parse(f->broker, &f->tls, f->host, sizeof f->host,
		                                           &f->port, why, sizeof why))
			return config_fail(c, "fleet.broker", false, "%s", config_word(why, w, sizeof w)); /* marked N_() there */
	}
	if (f->site[0] && !fleet_msg_name_ok(f->site))
		return config_fail(c, "fleet.site", false,
		                   N_("not a topic level: 1-64 bytes without '/', '+', '#' or a leading '$'"));
	if (f->station[0] && !fleet_msg_name_ok(f->station))
		return config_fail(c, "fleet.station", false,
		                   N_("not a topic level: 1-64 bytes without '/', '+', '#' or a leading '$'"));
	if (f->broker[0] && !f->site[0])
		return config_fail(c, "fleet", false, N_("a broker needs \"site\" (e.g. \"gymA\")"));
	if (f->broker[0] && !f->station[0])
		return config_fail(c, "fleet", false, N_("a broker needs \"station\" (e.g. \"st042\")"));
	if (!f->tls && (f->ca_file[0] || f->cert_file[0] || f->key_file[0]))
		return config_fail(c, "fleet.broker", false,
		                   N_("ca_file, cert_file and key_file need mqtts://"));
	if (!f->cert_file[0] != !f->key_file[0])
		return config_fail(c, "fleet", false, N_("cert_file and key_file go together"));
	return 0;
}

void config_default(config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->mode = CONFIG_MODE_HOME;
	cfg->volume = 80;
	cfg->voice = CONFIG_VOICE_FULL;
	cfg->overtreatment_hours = SAFETY_OVERTREAT_HOURS; /* 48: every other day */
	cfg->idle_minutes = 5;
	cfg->pause_timeout_minutes = 15;
	cfg->dim_minutes = 2;
	cfg->log_level = CONFIG_LOG_INFO;
	cfg->fleet.keepalive_s = 30;
	cfg->fleet.will_delay_s = 30;
	gesture_config_default(&cfg->gesture);
	for (size_t i = 0; i < GESTURE_MAX_INPUTS; i++) {
		cfg->pedals[i].offset = -1;
		cfg->pedals[i].active_low = true;
		cfg->pedals[i].bias = CONFIG_BIAS_PULL_UP;
	}
	static const char *const keys[] = { "space", "return", "pagedown" };
	for (size_t i = 0; i < 3; i++)
		snprintf(cfg->pedals[0].keys[i], sizeof cfg->pedals[0].keys[i], "%s", keys[i]);
	cfg->pedals[0].nkeys = 3;
	cfg->npedals = 1;
}

/* "profiles": an array of profile names. Returns 0 or -1 (reported). */
static int config_profiles(config_ctx *c, const cJSON *v, config *work)
{
	if (!cJSON_IsArray(v)) {
		config_fail(c, "profiles", false, N_("expected an array of profile names"));
		return -1;
	}
	int n = cJSON_GetArraySize(v);
	if (n > CONFIG_MAX_PROFILES) {
		config_fail(c, "profiles", false, N_("at most %d profiles"), CONFIG_MAX_PROFILES);
		return -1;
	}
	work->nprofiles = 0;
	for (int i = 0; i < n; i++) {
		char pp[32];
		snprintf(pp, sizeof pp, "profiles[%d]", i);
		char *name = work->profiles[work->nprofiles];
		if (config_string(c, cJSON_GetArrayItem(v, i), pp, name, sizeof work->profiles[0]) ||
		    config_profile_name(c, name, pp))
			return -1;
		if (name[0])
			work->nprofiles++;
	}
	return 0;
}

/* "pedals": one or two pedals. Returns 0 or -1 (reported). */
static int config_pedals(config_ctx *c, const cJSON *v, config *work)
{
	if (!cJSON_IsArray(v)) {
		config_fail(c, "pedals", false, N_("expected an array of one or two pedals"));
		return -1;
	}
	int n = cJSON_GetArraySize(v);
	if (n < 1 || n > GESTURE_MAX_INPUTS) {
		config_fail(c, "pedals", false, N_("expected one or two pedals, not %d"), n);
		return -1;
	}
	for (int i = 0; i < n; i++)
		if (config_pedal_parse(c, cJSON_GetArrayItem(v, i), (size_t)i, work))
			return -1;
	work->npedals = (size_t)n;
	return 0;
}

char *config_error_format(const config_error *e, fmsg_translator tr, char *buf, size_t size)
{
	char msg[512];
	fmsg_format(&e->msg, tr, msg, sizeof msg);
	if (e->path[0])
		snprintf(buf, size, "%d:%d: %s: %s", e->line, e->column, e->path, msg);
	else
		snprintf(buf, size, "%d:%d: %s", e->line, e->column, msg);
	return buf;
}

int config_parse(config *cfg, const char *text, size_t len, char *err, size_t errsize)
{
	config_error e;
	int rc = config_parse_e(cfg, text, len, &e);
	if (rc < 0 && err && errsize)
		config_error_format(&e, NULL, err, errsize);
	return rc;
}

int config_parse_e(config *cfg, const char *text, size_t len, config_error *e)
{
	static const char *const keys[] = { "mode", "volume", "mute", "voice", "rotate", "font",
	                                    "overtreatment_hours", "profile", "profiles", "gesture", "pedals",
	                                    "kiosk", "admin_pin", "idle_minutes", "pause_timeout_minutes",
	                                    "dim_minutes", "log_level", "fleet", "language" };
	static const char *const modes[] = { "home", "kiosk" };
	config_ctx c = { NULL, e };
	config work = *cfg;
	cJSON *root = NULL;
	const cJSON *v;
	int rc = -1;
	int mode;

	memset(e, 0, sizeof *e);
	jsonpos *pos = jsonpos_scan(text, len);
	if (!pos) {
		e->line = e->column = 1;
		fmsg_set_text(&e->msg, N_("out of memory"));
		return -1;
	}
	c.pos = pos;
	if (jsonpos_issue_count(pos) > 0) {
		const jsonpos_issue *is = jsonpos_issue_at(pos, 0);
		e->line = is->line;
		e->column = is->column;
		snprintf(e->path, sizeof e->path, "%s", is->path);
		e->msg = is->msg;
		goto out;
	}
	root = cJSON_ParseWithLength(text, len);
	if (!root) {
		config_fail(&c, "", false, N_("invalid JSON"));
		goto out;
	}
	if (!cJSON_IsObject(root)) {
		config_fail(&c, "", false, N_("expected an object ({ ... })"));
		goto out;
	}
	if (config_known(&c, root, "", keys, sizeof keys / sizeof keys[0]))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "mode"))) {
		if (config_enum(&c, v, "mode", modes, 2, "\"home\", \"kiosk\"", &mode))
			goto out;
		work.mode = (config_mode)mode;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "volume")) &&
	    config_int(&c, v, "volume", 0, 100, &work.volume))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "mute")) && config_bool(&c, v, "mute", &work.mute))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "voice")) && config_voice_value(&c, v, &work.voice))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "rotate"))) {
		if (config_int(&c, v, "rotate", 0, 270, &work.rotate))
			goto out;
		if (work.rotate % 90) {
			config_fail(&c, "rotate", false, N_("expected 0, 90, 180 or 270"));
			goto out;
		}
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "font")) &&
	    config_string(&c, v, "font", work.font, sizeof work.font))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "overtreatment_hours")) &&
	    config_int(&c, v, "overtreatment_hours", 0, 720, &work.overtreatment_hours))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "profile"))) {
		if (config_string(&c, v, "profile", work.profile, sizeof work.profile) ||
		    config_profile_name(&c, work.profile, "profile"))
			goto out;
	}
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "profiles")) && config_profiles(&c, v, &work))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "gesture")) && config_gesture(&c, v, &work.gesture))
		goto out;
	if (config_unattended(&c, root, &work))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "fleet")) &&
	    config_fleet_parse(&c, v, &work.fleet))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "pedals")) && config_pedals(&c, v, &work))
		goto out;
	if ((v = cJSON_GetObjectItemCaseSensitive(root, "language"))) {
		if (config_string(&c, v, "language", work.language, sizeof work.language))
			goto out;
		if (work.language[0] && !fleet_msg_language_ok(work.language)) {
			config_fail(&c, "language", false, N_("expected a language code, e.g. \"de\" or \"pt-BR\""));
			goto out;
		}
	}
	*cfg = work;
	rc = 0;
out:
	cJSON_Delete(root);
	jsonpos_free(pos);
	return rc;
}

/* "enter" is what people call the return key. */
static const char *config_key_canon(const char *key)
{
	if (strcmp(key, "enter") == 0)
		return "return";
	return key;
}

int config_key_input(const config *cfg, const char *key)
{
	if (!key)
		return -1;
	const char *k = config_key_canon(key);
	for (size_t i = 0; i < GESTURE_MAX_INPUTS; i++)
		for (size_t j = 0; j < cfg->pedals[i].nkeys; j++)
			if (strcmp(config_key_canon(cfg->pedals[i].keys[j]), k) == 0)
				return (int)i;
	return -1;
}

config_action config_key_action(const char *key)
{
	static const struct {
		const char *key;
		config_action action;
	} map[] = {
		{ "right", CONFIG_ACTION_NEXT },       { "n", CONFIG_ACTION_NEXT },
		{ "left", CONFIG_ACTION_PREVIOUS },    { "p", CONFIG_ACTION_PAUSE },
		{ "d", CONFIG_ACTION_DISCOMFORT },     { "+", CONFIG_ACTION_EXTEND },
		{ "=", CONFIG_ACTION_EXTEND },         { "plus", CONFIG_ACTION_EXTEND },
		{ "equals", CONFIG_ACTION_EXTEND },    { "keypad +", CONFIG_ACTION_EXTEND },
		{ "kp_plus", CONFIG_ACTION_EXTEND },   { "escape", CONFIG_ACTION_ABANDON },
	};
	if (!key)
		return CONFIG_ACTION_NONE;
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(key, map[i].key) == 0)
			return map[i].action;
	return CONFIG_ACTION_NONE;
}
