/* painmap: pain areas, referral zones and the ranking of muscles. */
#include "core/painmap.h"

#include <cjson/cJSON.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/jsonpos.h"

#define ID_MAX 64
#define TEXT_MAX 200

typedef struct {
	char *id, *label;
} pm_area;

typedef struct {
	char *target, *source;
	bool ball;
	size_t zone[2][PAINMAP_MAX_ZONES];
	size_t nzone[2];
} pm_muscle;

struct painmap {
	pm_area areas[PAINMAP_MAX_AREAS];
	size_t narea;
	pm_muscle muscles[PAINMAP_MAX_MUSCLES];
	size_t nmuscle;
};

/* Parse state: the text (for places) and where the error goes. */
typedef struct {
	const char *text;
	size_t len;
	jsonpos *pos;
	char *err;
	size_t errsize;
} ctx;

static int fail(ctx *c, const char *path, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int fail(ctx *c, const char *path, const char *fmt, ...)
{
	char msg[256];
	int line = 0, col = 0;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	if (!c->err || !c->errsize)
		return -1;
	if (c->pos && jsonpos_find(c->pos, path, &line, &col, NULL, NULL))
		snprintf(c->err, c->errsize, "%d:%d: %s: %s", line, col, path[0] ? path : "(root)", msg);
	else
		snprintf(c->err, c->errsize, "%s: %s", path[0] ? path : "(root)", msg);
	return -1;
}

/* A string member of obj, at most max bytes, non-empty. */
static int get_str(ctx *c, const cJSON *obj, const char *key, const char *at, size_t max, char **out)
{
	char path[JSONPOS_PATH_MAX + 40];
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	snprintf(path, sizeof path, "%s.%s", at, key);
	if (!v)
		return fail(c, at, "missing \"%s\"", key);
	if (!cJSON_IsString(v) || !v->valuestring[0])
		return fail(c, path, "\"%s\" must be a non-empty string", key);
	if (strlen(v->valuestring) > max)
		return fail(c, path, "\"%s\" is longer than %zu bytes", key, max);
	*out = strdup(v->valuestring);
	return *out ? 0 : fail(c, path, "out of memory");
}

static int read_areas(ctx *c, painmap *m, const cJSON *arr)
{
	const cJSON *it;
	char at[JSONPOS_PATH_MAX];

	if (!cJSON_IsArray(arr))
		return fail(c, "areas", "\"areas\" must be an array");
	cJSON_ArrayForEach(it, arr) {
		snprintf(at, sizeof at, "areas[%zu]", m->narea);
		if (m->narea >= PAINMAP_MAX_AREAS)
			return fail(c, at, "more than %d areas", PAINMAP_MAX_AREAS);
		if (!cJSON_IsObject(it))
			return fail(c, at, "an area must be an object");
		pm_area *a = &m->areas[m->narea++];
		if (get_str(c, it, "id", at, ID_MAX, &a->id) || get_str(c, it, "label", at, TEXT_MAX, &a->label))
			return -1;
		for (const char *p = a->id; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || *p == '-'))
				return fail(c, at, "area id \"%s\": lower-case letters and '-' only", a->id);
		if (painmap_area_find(m, a->id) != (int)m->narea - 1)
			return fail(c, at, "area \"%s\" is listed twice", a->id);
	}
	return 0;
}

static int read_zone(ctx *c, const painmap *m, pm_muscle *mu, const cJSON *obj, const char *at, painmap_zone z)
{
	const char *key = z == PAINMAP_PRIMARY ? "primary" : "spill";
	const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key), *it;
	char path[JSONPOS_PATH_MAX + 40];

	snprintf(path, sizeof path, "%s.%s", at, key);
	if (!cJSON_IsArray(arr))
		return fail(c, arr ? path : at, "\"%s\" must be an array of area ids", key);
	cJSON_ArrayForEach(it, arr) {
		snprintf(path, sizeof path, "%s.%s[%zu]", at, key, mu->nzone[z]);
		int a = cJSON_IsString(it) ? painmap_area_find(m, it->valuestring) : -1;
		if (a < 0)
			return fail(c, path, "not an area id (see \"areas\")");
		if (mu->nzone[z] >= PAINMAP_MAX_ZONES)
			return fail(c, path, "more than %d areas", PAINMAP_MAX_ZONES);
		mu->zone[z][mu->nzone[z]++] = (size_t)a;
	}
	return 0;
}

static int read_muscles(ctx *c, painmap *m, const cJSON *arr)
{
	const cJSON *it;
	char at[JSONPOS_PATH_MAX], path[JSONPOS_PATH_MAX + 40];

	if (!cJSON_IsArray(arr))
		return fail(c, "muscles", "\"muscles\" must be an array");
	cJSON_ArrayForEach(it, arr) {
		snprintf(at, sizeof at, "muscles[%zu]", m->nmuscle);
		if (m->nmuscle >= PAINMAP_MAX_MUSCLES)
			return fail(c, at, "more than %d muscles", PAINMAP_MAX_MUSCLES);
		if (!cJSON_IsObject(it))
			return fail(c, at, "a muscle must be an object");
		pm_muscle *mu = &m->muscles[m->nmuscle++];
		if (get_str(c, it, "target", at, ROUTINE_MAX_NAME, &mu->target) ||
		    get_str(c, it, "source", at, TEXT_MAX, &mu->source))
			return -1;
		if (painmap_muscle_find(m, mu->target) != (int)m->nmuscle - 1)
			return fail(c, at, "muscle \"%s\" is listed twice", mu->target);
		const cJSON *b = cJSON_GetObjectItemCaseSensitive(it, "ball");
		snprintf(path, sizeof path, "%s.ball", at);
		if (!cJSON_IsBool(b))
			return fail(c, b ? path : at, "\"ball\" must be true or false");
		mu->ball = cJSON_IsTrue(b);
		if (read_zone(c, m, mu, it, at, PAINMAP_PRIMARY) || read_zone(c, m, mu, it, at, PAINMAP_SPILL))
			return -1;
		if (mu->nzone[PAINMAP_PRIMARY] == 0)
			return fail(c, at, "\"primary\" names no area");
	}
	return 0;
}

painmap *painmap_parse(const char *text, size_t len, char *err, size_t errsize)
{
	ctx c = { text, len, NULL, err, errsize };
	painmap *m = calloc(1, sizeof *m);
	cJSON *root = NULL;
	int rc = -1;

	if (!m || !text)
		goto out;
	c.pos = jsonpos_scan(text, len);
	if (c.pos && !jsonpos_ok(c.pos)) {
		const jsonpos_issue *is = jsonpos_issue_at(c.pos, 0);
		for (size_t i = 0; i < jsonpos_issue_count(c.pos); i++)
			if (jsonpos_issue_at(c.pos, i)->kind == JSONPOS_SYNTAX)
				is = jsonpos_issue_at(c.pos, i);
		if (err && errsize)
			snprintf(err, errsize, "%d:%d: %s", is->line, is->column, is->message);
		goto out;
	}
	root = cJSON_ParseWithLength(text, len);
	if (!cJSON_IsObject(root)) {
		fail(&c, "", "expected a JSON object");
		goto out;
	}
	const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsNumber(fmt) || fmt->valuedouble != 1) {
		fail(&c, fmt ? "format" : "", "\"format\" must be 1");
		goto out;
	}
	if (read_areas(&c, m, cJSON_GetObjectItemCaseSensitive(root, "areas")) == 0 &&
	    read_muscles(&c, m, cJSON_GetObjectItemCaseSensitive(root, "muscles")) == 0)
		rc = 0;
out:
	cJSON_Delete(root);
	jsonpos_free(c.pos);
	if (rc != 0) {
		if (!m && err && errsize)
			snprintf(err, errsize, "out of memory");
		painmap_free(m);
		return NULL;
	}
	return m;
}

void painmap_free(painmap *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->narea; i++) {
		free(m->areas[i].id);
		free(m->areas[i].label);
	}
	for (size_t i = 0; i < m->nmuscle; i++) {
		free(m->muscles[i].target);
		free(m->muscles[i].source);
	}
	free(m);
}

size_t painmap_area_count(const painmap *m)
{
	return m ? m->narea : 0;
}

const char *painmap_area_id(const painmap *m, size_t i)
{
	return m && i < m->narea ? m->areas[i].id : NULL;
}

const char *painmap_area_label(const painmap *m, size_t i)
{
	return m && i < m->narea ? m->areas[i].label : NULL;
}

int painmap_area_find(const painmap *m, const char *id)
{
	for (size_t i = 0; m && id && i < m->narea; i++)
		if (m->areas[i].id && strcmp(m->areas[i].id, id) == 0)
			return (int)i;
	return -1;
}

size_t painmap_muscle_count(const painmap *m)
{
	return m ? m->nmuscle : 0;
}

const char *painmap_target(const painmap *m, size_t i)
{
	return m && i < m->nmuscle ? m->muscles[i].target : NULL;
}

const char *painmap_source(const painmap *m, size_t i)
{
	return m && i < m->nmuscle ? m->muscles[i].source : NULL;
}

bool painmap_self_treatable(const painmap *m, size_t i)
{
	return m && i < m->nmuscle && m->muscles[i].ball;
}

int painmap_muscle_find(const painmap *m, const char *target)
{
	for (size_t i = 0; m && target && i < m->nmuscle; i++)
		if (m->muscles[i].target && strcmp(m->muscles[i].target, target) == 0)
			return (int)i;
	return -1;
}

size_t painmap_zones(const painmap *m, size_t i, painmap_zone z, size_t *out, size_t max)
{
	size_t n = 0;
	if (!m || i >= m->nmuscle || (z != PAINMAP_PRIMARY && z != PAINMAP_SPILL))
		return 0;
	for (; n < m->muscles[i].nzone[z] && n < max; n++)
		out[n] = m->muscles[i].zone[z][n];
	return n;
}

int painmap_parse_arg(const painmap *m, const char *arg, size_t *out_area, routine_side *side)
{
	char id[ID_MAX + 1];
	const char *colon = arg ? strchr(arg, ':') : NULL;
	size_t n = colon ? (size_t)(colon - arg) : (arg ? strlen(arg) : 0);

	if (!arg || n > ID_MAX)
		return -1;
	memcpy(id, arg, n);
	id[n] = '\0';
	int a = painmap_area_find(m, id);
	if (a < 0)
		return -1;
	*out_area = (size_t)a;
	*side = ROUTINE_SIDE_NONE;
	if (!colon)
		return 0;
	if (strcmp(colon + 1, "left") == 0)
		*side = ROUTINE_SIDE_LEFT;
	else if (strcmp(colon + 1, "right") == 0)
		*side = ROUTINE_SIDE_RIGHT;
	else
		return -2;
	return 0;
}

static bool in_zone(const pm_muscle *mu, painmap_zone z, size_t a)
{
	for (size_t i = 0; i < mu->nzone[z]; i++)
		if (mu->zone[z][i] == a)
			return true;
	return false;
}

/* Whether hit x ranks before hit y. */
static bool before(const painmap *m, const painmap_hit *x, const painmap_hit *y)
{
	const pm_muscle *a = &m->muscles[x->muscle], *b = &m->muscles[y->muscle];
	size_t za = a->nzone[0] + a->nzone[1], zb = b->nzone[0] + b->nzone[1];
	if (x->score != y->score)
		return x->score > y->score;
	if (za != zb)
		return za < zb;
	return x->muscle < y->muscle;
}

size_t painmap_rank(const painmap *m, const size_t *areas, size_t n, painmap_hit *out, size_t max)
{
	bool want[PAINMAP_MAX_AREAS] = { false };
	size_t count = 0;

	if (!m || !out)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (areas[i] < m->narea)
			want[areas[i]] = true;
	for (size_t k = 0; k < m->nmuscle; k++) {
		painmap_hit h = { k, 0, 0, 0 };
		for (size_t a = 0; a < m->narea; a++) {
			if (!want[a])
				continue;
			if (in_zone(&m->muscles[k], PAINMAP_PRIMARY, a))
				h.primary++;
			else if (in_zone(&m->muscles[k], PAINMAP_SPILL, a))
				h.spill++;
		}
		h.score = 3 * h.primary + h.spill;
		if (!h.score)
			continue;
		/* insertion into the sorted prefix; at most max kept */
		size_t at = count < max ? count : max;
		while (at > 0 && before(m, &h, &out[at - 1]))
			at--;
		if (at >= max)
			continue;
		size_t last = count < max ? count : max - 1;
		memmove(&out[at + 1], &out[at], (last - at) * sizeof out[0]);
		out[at] = h;
		if (count < max)
			count++;
	}
	return count;
}
