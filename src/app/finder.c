/* finder: --areas, --suggest and --build-routine over assets/painmap.json and
 * the bundled routines. */
#include "app/finder.h"

#include "core/i18n.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/finder_build.h"
#include "core/painmap.h"
#include "core/suggest.h"
#include "io/library.h"
#include "io/painmapfile.h"
#include "io/paths.h"

#define MAX_ARGS FINDER_MAX_AREAS

/* The map and the bundled library, loaded once per command. */
int finder_load(finder_ctx *f)
{
	char err[PATHS_MAX + 300], dir[PATHS_MAX];
	memset(f, 0, sizeof *f);
	f->map = painmapfile_load(err, sizeof err);
	if (!f->map) {
		fprintf(stderr, "unknot: %s\n", err);
		return 1;
	}
	if (painmapfile_bundled_dir(dir, sizeof dir) == 0) {
		const char *dirs[1] = { dir };
		f->lib = library_scan(dirs, 1);
	} else {
		f->lib = library_scan(NULL, 0);
	}
	if (!f->lib) {
		fputs(_("unknot: out of memory\n"), stderr);
		painmap_free(f->map);
		return 1;
	}
	return 0;
}

void finder_unload(finder_ctx *f)
{
	painmap_free(f->map);
	library_free(f->lib);
}

/* One AREA[:side] argument, with a clear message on stderr when it is bad. */
static int parse_one(const painmap *m, const char *arg, size_t *area, routine_side *side)
{
	int rc = painmap_parse_arg(m, arg, area, side);
	if (rc == -2) {
		fprintf(stderr, _("unknot: '%s': the side must be left or right (AREA:left or AREA:right)\n"), arg);
		return 1;
	}
	if (rc == 0)
		return 0;
	const char *ids[PAINMAP_MAX_AREAS], *near[4];
	size_t n = painmap_area_count(m);
	char word[80];
	size_t len = strcspn(arg, ":");
	snprintf(word, sizeof word, "%.*s", (int)(len < sizeof word ? len : sizeof word - 1), arg);
	for (size_t i = 0; i < n; i++)
		ids[i] = painmap_area_id(m, i);
	size_t k = suggest_nearest(word, ids, n, near, 4);
	char list[4 * 84] = "";
	for (size_t i = 0, used = 0; i < k && used < sizeof list; i++)
		used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", near[i]);
	if (k)
		fprintf(stderr, _("unknot: unknown area '%s' (nearest: %s); 'unknot --areas' lists them all\n"), word, list);
	else
		fprintf(stderr, _("unknot: unknown area '%s'; 'unknot --areas' lists them all\n"), word);
	return 1;
}

int finder_parse_areas(const finder_ctx *f, char **args, int n, size_t *areas, routine_side *sides)
{
	if (n > MAX_ARGS) {
		fprintf(stderr, _("unknot: at most %d areas at a time\n"), MAX_ARGS);
		return 1;
	}
	for (int i = 0; i < n; i++)
		if (parse_one(f->map, args[i], &areas[i], &sides[i]))
			return 1;
	return 0;
}

int finder_areas(void)
{
	finder_ctx f;
	char err[PATHS_MAX + 300];
	f.map = painmapfile_load(err, sizeof err);
	if (!f.map) {
		fprintf(stderr, "unknot: %s\n", err);
		return 1;
	}
	for (size_t i = 0; i < painmap_area_count(f.map); i++)
		printf("%s\n", painmap_area_id(f.map, i));
	painmap_free(f.map);
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

size_t finder_routines(const finder_ctx *f, const char *target, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < library_count(f->lib) && n < max; i++) {
		const char *t[64];
		size_t k = routine_targets(library_routine(f->lib, i), t, 64);
		for (size_t j = 0; j < k; j++) {
			if (strcmp(t[j], target) == 0) {
				out[n++] = base_name(library_path(f->lib, i));
				break;
			}
		}
	}
	qsort(out, n, sizeof *out, cmp_str);
	return n;
}

/* The muscle's referral zones (area ids), primary first. */
static cJSON *zones_json(const painmap *m, size_t k)
{
	cJSON *arr = cJSON_CreateArray();
	size_t z[PAINMAP_MAX_ZONES];
	for (int kind = PAINMAP_PRIMARY; kind <= PAINMAP_SPILL; kind++) {
		size_t n = painmap_zones(m, k, (painmap_zone)kind, z, PAINMAP_MAX_ZONES);
		for (size_t i = 0; i < n; i++)
			cJSON_AddItemToArray(arr, cJSON_CreateString(painmap_area_id(m, z[i])));
	}
	return arr;
}

static int print_json(const finder_ctx *f, char **args, int n, const painmap_hit *hit, size_t nhit)
{
	cJSON *root = cJSON_CreateObject();
	cJSON *areas = cJSON_AddArrayToObject(root, "areas");
	cJSON *muscles = cJSON_AddArrayToObject(root, "muscles");
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(areas, cJSON_CreateString(args[i]));
	for (size_t i = 0; i < nhit; i++) {
		size_t k = hit[i].muscle;
		const char *files[64];
		size_t nf = finder_routines(f, painmap_target(f->map, k), files, 64);
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "target", painmap_target(f->map, k));
		cJSON_AddNumberToObject(o, "rank", (double)(i + 1));
		cJSON_AddItemToObject(o, "zones", zones_json(f->map, k));
		cJSON_AddBoolToObject(o, "self_treatable", painmap_self_treatable(f->map, k));
		cJSON *r = cJSON_AddArrayToObject(o, "routines");
		for (size_t j = 0; j < nf; j++)
			cJSON_AddItemToArray(r, cJSON_CreateString(files[j]));
		cJSON_AddNumberToObject(o, "score", hit[i].score);
		cJSON_AddStringToObject(o, "source", painmap_source(f->map, k));
		cJSON_AddItemToArray(muscles, o);
	}
	char *s = cJSON_Print(root);
	int rc = s ? (printf("%s\n", s) < 0) : 1;
	free(s);
	cJSON_Delete(root);
	return rc;
}

/* "temple (primary), jaw (spill-over)": which given areas the muscle covers. */
static void why_line(const painmap *m, size_t k, const size_t *areas, int n, char *buf, size_t size)
{
	size_t z[2][PAINMAP_MAX_ZONES], nz[2], used = 0;
	buf[0] = '\0';
	for (int kind = 0; kind < 2; kind++)
		nz[kind] = painmap_zones(m, k, (painmap_zone)kind, z[kind], PAINMAP_MAX_ZONES);
	for (int i = 0; i < n; i++) {
		bool dup = false;
		for (int j = 0; j < i; j++)
			dup = dup || areas[j] == areas[i];
		for (int kind = 0; kind < 2 && !dup; kind++)
			for (size_t j = 0; j < nz[kind]; j++)
				if (z[kind][j] == areas[i] && used < size) {
					used += (size_t)snprintf(buf + used, size - used, "%s%s (%s)", used ? ", " : "",
					                         painmap_area_label(m, areas[i]), kind ? _("spill-over") : _("primary"));
					kind = 2;
					break;
				}
	}
}

static void print_text(const finder_ctx *f, const size_t *areas, int n, const painmap_hit *hit, size_t nhit)
{
	for (size_t i = 0; i < nhit; i++) {
		size_t k = hit[i].muscle;
		char why[400], list[600];
		const char *files[64];
		size_t nf = finder_routines(f, painmap_target(f->map, k), files, 64), used = 0;
		why_line(f->map, k, areas, n, why, sizeof why);
		list[0] = '\0';
		for (size_t j = 0; j < nf && used < sizeof list; j++)
			used += (size_t)snprintf(list + used, sizeof list - used, "%s%s", j ? ", " : "", files[j]);
		if (painmap_self_treatable(f->map, k))
			printf(_("%2zu. %s: refers to %s\n"), i + 1, painmap_target(f->map, k), why);
		else
			printf(_("%2zu. %s (stretch only, not under a ball): refers to %s\n"), i + 1,
			       painmap_target(f->map, k), why);
		if (nf)
			printf(_("    routines: %s\n"), list);
	}
}

int finder_suggest(char **args, int n, bool json)
{
	finder_ctx f;
	size_t areas[MAX_ARGS];
	routine_side sides[MAX_ARGS];
	painmap_hit hit[PAINMAP_MAX_MUSCLES];
	if (finder_load(&f))
		return 1;
	int rc = finder_parse_areas(&f, args, n, areas, sides);
	if (rc == 0) {
		size_t nhit = painmap_rank(f.map, areas, (size_t)n, hit, PAINMAP_MAX_MUSCLES);
		if (json)
			rc = print_json(&f, args, n, hit, nhit);
		else
			print_text(&f, areas, n, hit, nhit);
	}
	finder_unload(&f);
	return rc;
}
