/* finder_build: --build-routine, a routine for the top self-treatable muscles
 * that refer to the given areas, from the bundled routines' own steps. */
#include "app/finder.h"
#include "app/finder_build.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"

#define MAX_PICK 5
#define TRANSITION_S 10  /* time to put the ball down, change position */
#define BASE_HOLD_S 60

/* One chosen muscle: the bundled compression and stretch it reuses. */
typedef struct {
	size_t muscle;
	const routine_entry *press, *stretch;
	bool side[2];        /* left, right */
	uint32_t hold_s, max_s;
} pick;

static const routine_entry *find_step(const finder_ctx *f, const char *target, routine_kind kind)
{
	for (size_t i = 0; i < library_count(f->lib); i++) {
		const routine *r = library_routine(f->lib, i);
		for (size_t j = 0; j < routine_length(r); j++) {
			const routine_entry *e = routine_entry_at(r, j);
			if (e->kind == kind && e->target && strcmp(e->target, target) == 0)
				return e;
		}
	}
	return NULL;
}

/* Which sides the muscle is treated on: the sides of the given areas it
 * refers to; an area without a side (or a midline one) means both. */
static void pick_sides(const painmap *m, pick *p, const size_t *areas, const routine_side *sides, int n)
{
	size_t z[2][PAINMAP_MAX_ZONES], nz[2];
	for (int k = 0; k < 2; k++)
		nz[k] = painmap_zones(m, p->muscle, (painmap_zone)k, z[k], PAINMAP_MAX_ZONES);
	for (int i = 0; i < n; i++) {
		bool hit = false;
		for (int k = 0; k < 2; k++)
			for (size_t j = 0; j < nz[k]; j++)
				hit = hit || z[k][j] == areas[i];
		if (!hit)
			continue;
		p->side[0] = p->side[0] || sides[i] != ROUTINE_SIDE_RIGHT;
		p->side[1] = p->side[1] || sides[i] != ROUTINE_SIDE_LEFT;
	}
}

static uint32_t nsides(const pick *p)
{
	return (uint32_t)p->side[0] + (uint32_t)p->side[1];
}

static uint32_t total_s(const pick *p, size_t n)
{
	uint32_t t = 0;
	for (size_t i = 0; i < n; i++)
		t += nsides(&p[i]) * (TRANSITION_S + p[i].hold_s + TRANSITION_S + p[i].stretch->duration_s);
	return t;
}

/* Chooses the muscles (best first, while they fit at the shortest hold) and
 * the holds (the bundled one, shortened evenly to fit, or lengthened up to
 * 90 s, never past an ends-on-tap step's cap). Returns how many. */
static size_t choose(const finder_ctx *f, const size_t *areas, const routine_side *sides, int n,
                     uint32_t budget, pick *out)
{
	painmap_hit hit[PAINMAP_MAX_MUSCLES];
	size_t nhit = painmap_rank(f->map, areas, (size_t)n, hit, PAINMAP_MAX_MUSCLES), k = 0;
	for (size_t i = 0; i < nhit && k < MAX_PICK; i++) {
		pick p = { hit[i].muscle, NULL, NULL, { false, false }, 0, 0 };
		const char *t = painmap_target(f->map, p.muscle);
		if (!painmap_self_treatable(f->map, p.muscle) || routine_not_for_a_ball(t, NULL))
			continue;
		p.press = find_step(f, t, ROUTINE_COMPRESSION);
		p.stretch = find_step(f, t, ROUTINE_STRETCH);
		if (!p.press || !p.stretch)
			continue;
		pick_sides(f->map, &p, areas, sides, n);
		p.max_s = p.press->ends_on_tap ? p.press->duration_s : ROUTINE_HOLD_MAX_S;
		if (p.max_s > ROUTINE_HOLD_MAX_S)
			p.max_s = ROUTINE_HOLD_MAX_S;
		/* a muscle joins when it fits with a full minute's hold (or its cap) */
		p.hold_s = p.max_s < BASE_HOLD_S ? p.max_s : BASE_HOLD_S;
		out[k] = p;
		if (k > 0 && total_s(out, k + 1) > budget)
			break;
		k++;
	}
	for (size_t i = 0; i < k; i++)
		out[i].hold_s = ROUTINE_HOLD_MIN_S;
	/* grow every hold a second at a time while the routine fits */
	for (bool grew = true; grew;) {
		grew = false;
		for (size_t i = 0; i < k; i++) {
			if (out[i].hold_s >= out[i].max_s)
				continue;
			out[i].hold_s++;
			if (total_s(out, k) > budget)
				out[i].hold_s--;
			else
				grew = true;
		}
	}
	return k;
}

/* "a, b, c" -> ["a", "b", "c"] */
static cJSON *refers_json(const char *joined)
{
	cJSON *arr = cJSON_CreateArray();
	char buf[1024];
	snprintf(buf, sizeof buf, "%s", joined);
	for (char *s = buf, *next; s && *s; s = next) {
		next = strstr(s, ", ");
		if (next) {
			*next = '\0';
			next += 2;
		}
		cJSON_AddItemToArray(arr, cJSON_CreateString(s));
	}
	return arr;
}

static cJSON *pair_json(const pick *p, const char *target)
{
	cJSON *block = cJSON_CreateObject(), *sides = cJSON_CreateArray(), *steps = cJSON_CreateArray();
	cJSON *c = cJSON_CreateObject(), *s = cJSON_CreateObject();
	cJSON_AddStringToObject(block, "kind", "repeat");
	if (p->side[0])
		cJSON_AddItemToArray(sides, cJSON_CreateString("left"));
	if (p->side[1])
		cJSON_AddItemToArray(sides, cJSON_CreateString("right"));
	cJSON_AddItemToObject(block, "sides", sides);
	cJSON_AddStringToObject(c, "kind", "compression");
	if (routine_tool_name(p->press->tool))
		cJSON_AddStringToObject(c, "tool", routine_tool_name(p->press->tool));
	cJSON_AddStringToObject(c, "target", target);
	cJSON_AddNumberToObject(c, "duration_s", p->hold_s);
	if (p->press->placement)
		cJSON_AddStringToObject(c, "placement", p->press->placement);
	if (p->press->caution)
		cJSON_AddStringToObject(c, "caution", p->press->caution);
	cJSON_AddStringToObject(c, "text", p->press->text);
	if (p->press->refers_to)
		cJSON_AddItemToObject(c, "refers_to", refers_json(p->press->refers_to));
	cJSON_AddStringToObject(s, "kind", "stretch");
	cJSON_AddStringToObject(s, "target", target);
	cJSON_AddNumberToObject(s, "duration_s", p->stretch->duration_s);
	cJSON_AddStringToObject(s, "text", p->stretch->text);
	if (p->stretch->caution)
		cJSON_AddStringToObject(s, "caution", p->stretch->caution);
	cJSON_AddItemToArray(steps, c);
	cJSON_AddItemToArray(steps, s);
	cJSON_AddItemToObject(block, "steps", steps);
	return block;
}

/* Title and description naming the areas and the muscles. */
static void describe(cJSON *root, const finder_ctx *f, const size_t *areas, const routine_side *sides, int n,
                     const pick *p, size_t k)
{
	char title[ROUTINE_MAX_TITLE + 1], desc[ROUTINE_MAX_TEXT + 1];
	size_t used = (size_t)snprintf(title, sizeof title, "Where it hurts: ");
	for (int i = 0; i < n && used < sizeof title; i++)
		used += (size_t)snprintf(title + used, sizeof title - used, "%s%s%s", i ? ", " : "",
		                         painmap_area_label(f->map, areas[i]),
		                         sides[i] == ROUTINE_SIDE_LEFT ? " (left)" : sides[i] == ROUTINE_SIDE_RIGHT ? " (right)" : "");
	if (used >= sizeof title)
		snprintf(title, sizeof title, "Where it hurts: %d areas", n);
	used = (size_t)snprintf(desc, sizeof desc, "Built by unknot's pain finder: ");
	for (size_t i = 0; i < k && used < sizeof desc; i++)
		used += (size_t)snprintf(desc + used, sizeof desc - used, "%s%s", i ? ", " : "",
		                         painmap_target(f->map, p[i].muscle));
	if (used < sizeof desc)
		snprintf(desc + used, sizeof desc - used,
		         ", whose trigger points refer pain there (Travell & Simons; Davies), each pressed and "
		         "then stretched on the same side. Self-care guidance, not a diagnosis: pain that does "
		         "not ease after a few sessions, or gets worse, needs a professional.");
	cJSON_AddStringToObject(root, "title", title);
	cJSON_AddStringToObject(root, "description", desc);
}

char *finder_build_json(const finder_ctx *f, char **args, const size_t *areas, const routine_side *sides,
                        int n, int minutes, char *err, size_t errsize)
{
	pick p[MAX_PICK];
	size_t k = choose(f, areas, sides, n, (uint32_t)minutes * 60, p);
	if (k == 0) {
		snprintf(err, errsize, "no bundled routine presses a muscle that refers to %s%s", args[0],
		         n > 1 ? " or the other areas" : "");
		return NULL;
	}
	cJSON *root = cJSON_CreateObject(), *defaults = cJSON_CreateObject(), *steps = cJSON_CreateArray();
	cJSON_AddNumberToObject(root, "format", 1);
	describe(root, f, areas, sides, n, p, k);
	/* the areas it was built for, for the pain check (issue 20), each once */
	cJSON *alist = cJSON_CreateArray();
	for (int i = 0; i < n && i < ROUTINE_MAX_AREAS; i++) {
		char a[ROUTINE_MAX_AREA + 1];
		const char *sd = routine_side_name(sides[i]);
		snprintf(a, sizeof a, "%s%s%s", painmap_area_id(f->map, areas[i]), sd ? ":" : "", sd ? sd : "");
		bool seen = false;
		for (int j = 0; j < cJSON_GetArraySize(alist); j++)
			seen = seen || strcmp(cJSON_GetArrayItem(alist, j)->valuestring, a) == 0;
		if (!seen)
			cJSON_AddItemToArray(alist, cJSON_CreateString(a));
	}
	cJSON_AddItemToObject(root, "areas", alist);
	cJSON_AddNumberToObject(defaults, "transition_s", TRANSITION_S);
	cJSON_AddItemToObject(root, "defaults", defaults);
	for (size_t i = 0; i < k; i++)
		cJSON_AddItemToArray(steps, pair_json(&p[i], painmap_target(f->map, p[i].muscle)));
	cJSON_AddItemToObject(root, "steps", steps);
	char *text = cJSON_Print(root);
	cJSON_Delete(root);
	if (!text)
		snprintf(err, errsize, "out of memory");
	return text;
}

static int parse_minutes(const char *s, int *out)
{
	char *end;
	long v;
	if (!s) {
		*out = FINDER_MINUTES_DEFAULT;
		return 0;
	}
	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < FINDER_MINUTES_MIN || v > FINDER_MINUTES_MAX) {
		fprintf(stderr, _("unknot: --minutes wants a whole number of minutes from %d to %d, not '%s'\n"),
		        FINDER_MINUTES_MIN, FINDER_MINUTES_MAX, s);
		return 1;
	}
	*out = (int)v;
	return 0;
}

/* Checks the text as --check would (no error, no warning) and writes it. */
static int write_routine(const char *out, const char *text)
{
	routine_diags d = { 0 };
	routine *r = routine_parse(out, text, strlen(text), &d);
	int rc = 0;
	if (!r || d.count) {
		char line[600];
		for (size_t i = 0; i < d.count; i++)
			fprintf(stderr, "unknot: internal: %s\n", routine_diag_format(&d.items[i], out, line, sizeof line));
		rc = 1;
	}
	routine_free(r);
	routine_diags_free(&d);
	if (rc)
		return rc;
	FILE *fp = fopen(out, "w");
	if (fp) {
		bool bad = fputs(text, fp) < 0 || fputc('\n', fp) < 0;
		int e = errno;
		if (fclose(fp) != 0 || bad) {
			if (bad)
				errno = e;
			fp = NULL;
		}
	}
	if (!fp) {
		fprintf(stderr, _("unknot: %s: cannot write: %s\n"), out, strerror(errno));
		return 1;
	}
	return 0;
}

int finder_build_routine(char **args, int n, const char *out, const char *minutes)
{
	finder_ctx f;
	size_t areas[FINDER_MAX_AREAS];
	routine_side sides[FINDER_MAX_AREAS];
	int mins, rc;
	char err[300];
	if (parse_minutes(minutes, &mins) || finder_load(&f))
		return 1;
	rc = finder_parse_areas(&f, args, n, areas, sides);
	if (rc == 0) {
		char *text = finder_build_json(&f, args, areas, sides, n, mins, err, sizeof err);
		if (!text) {
			fprintf(stderr, "unknot: %s\n", err);
			rc = 1;
		} else {
			rc = write_routine(out, text);
			free(text);
		}
	}
	finder_unload(&f);
	return rc;
}
