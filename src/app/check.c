/* check: the --check and --plan modes (a contract: see README "Command line").
 *
 * --check prints one `FILE: ok "TITLE", N steps, M:SS` line per valid file on
 * stdout and every error and warning as `FILE:LINE:COLUMN: PATH: MESSAGE` on
 * stderr. --plan prints the timeline as a table (a step's caution and
 * placement on indented lines under its row), or with --json as exactly one
 * JSON object (built with cJSON, so strings are escaped correctly).
 */
#include "app/check.h"

#include <cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "core/routine.h"
#include "io/paths.h"

/* routines/schema.json sits next to the routines, so a check of every .json
 * file in routines/ meets it: a file named schema.json that declares a
 * json-schema.org dialect is the schema, not a broken routine. */
static bool is_the_schema(const char *file, const char *text)
{
	const char *slash = strrchr(file, '/');
	const char *name = slash ? slash + 1 : file;
	return strcmp(name, "schema.json") == 0 && strstr(text, "\"$schema\"") &&
	       strstr(text, "://json-schema.org/");
}

/* Reads FILE ("-" is standard input) and parses it, printing every diagnostic
 * to stderr. Returns the routine or NULL (caller frees); *skipped is set
 * instead when FILE is the routine schema. */
static routine *load(const char *file, bool *skipped)
{
	size_t len = 0;
	char *text;
	if (strcmp(file, "-") == 0)
		text = paths_read_fd(STDIN_FILENO, ROUTINE_MAX_FILE_BYTES, &len);
	else
		text = paths_read_file(file, ROUTINE_MAX_FILE_BYTES, &len);
	if (!text) {
		if (errno == EFBIG)
			fprintf(stderr, _("%s: the file is too big (at most 1 MiB)\n"), file);
		else
			fprintf(stderr, _("%s: cannot read: %s\n"), file, paths_strerror(errno));
		return NULL;
	}
	if (skipped && is_the_schema(file, text)) {
		*skipped = true;
		free(text);
		return NULL;
	}
	routine_diags d = { 0 };
	routine *r = routine_parse(file, text, len, &d);
	char line[PATHS_MAX + 768]; /* a whole path and its message: never cut mid-name */
	for (size_t i = 0; i < d.count; i++) {
		/* the message in the user's language, after the same FILE:LINE:COL: PATH: */
		routine_diag t = d.items[i];
		char m[sizeof t.message];
		fmsg_format(&t.msg, i18n_tr, m, sizeof m);
		if (t.severity == ROUTINE_WARNING) {
			/* TRANSLATORS: a --check warning, after FILE:LINE:COL: PATH: */
			snprintf(t.message, sizeof t.message, _("warning: %s"), m);
			t.severity = ROUTINE_ERROR; /* "warning: " is in the message now, translated */
		} else {
			snprintf(t.message, sizeof t.message, "%s", m);
		}
		fprintf(stderr, "%s\n", routine_diag_format(&t, file, line, sizeof line));
	}
	routine_diags_free(&d);
	free(text);
	return r;
}

int check_files(char **files, int n)
{
	int rc = 0;
	for (int i = 0; i < n; i++) {
		bool skipped = false;
		routine *r = load(files[i], &skipped);
		if (skipped) {
			printf(_("%s: skipped (the routine schema, not a routine)\n"), files[i]);
			continue;
		}
		if (!r) {
			rc = 1;
			continue;
		}
		char t[32];
		printf("%s: ok \"%s\", %zu steps, %s\n", files[i], routine_title(r), routine_length(r),
		       routine_mmss(routine_total_s(r), t, sizeof t));
		routine_free(r);
	}
	fflush(stdout);
	return rc;
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static int plan_json(const routine *r)
{
	cJSON *o = cJSON_CreateObject();
	cJSON *steps = NULL;
	int rc = 1;
	if (!o || !cJSON_AddStringToObject(o, "title", routine_title(r)) ||
	    !cJSON_AddNumberToObject(o, "total_s", routine_total_s(r)) ||
	    !(steps = cJSON_AddArrayToObject(o, "steps")))
		goto out;
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		cJSON *s = cJSON_CreateObject();
		if (!s)
			goto out;
		cJSON_AddItemToArray(steps, s);
		cJSON_AddNumberToObject(s, "index", e->index);
		cJSON_AddNumberToObject(s, "start_s", e->start_s);
		cJSON_AddNumberToObject(s, "duration_s", e->duration_s);
		cJSON_AddStringToObject(s, "kind", routine_kind_name(e->kind));
		cJSON_AddItemToObject(s, "tool", str_or_null(routine_tool_name(e->tool)));
		cJSON_AddItemToObject(s, "target", str_or_null(e->target));
		cJSON_AddItemToObject(s, "side", str_or_null(routine_side_name(e->side)));
		cJSON_AddItemToObject(s, "text", str_or_null(e->text));
		cJSON_AddItemToObject(s, "placement", str_or_null(e->placement));
		cJSON_AddItemToObject(s, "caution", str_or_null(e->caution));
	}
	char *text = cJSON_Print(o);
	if (!text)
		goto out;
	puts(text);
	free(text);
	rc = 0;
out:
	cJSON_Delete(o);
	if (rc)
		fputs(_("unknot: out of memory\n"), stderr);
	return rc;
}

static void plan_text(const routine *r)
{
	char a[32], b[32];
	bool any_tap = false;
	printf("%s\n\n", routine_title(r));
	/* TRANSLATORS: the column headers of --plan (the kinds, tools and sides under them stay as the file writes them) */
	printf("%4s  %6s  %6s  %-11s  %-6s  %-28s  %s\n", "#", _("start"), _("length"), _("kind"), _("tool"),
	       _("target"), _("side"));
	for (size_t i = 0; i < routine_length(r); i++) {
		const routine_entry *e = routine_entry_at(r, i);
		const char *tool = routine_tool_name(e->tool);
		const char *side = routine_side_name(e->side);
		routine_mmss(e->start_s, a, sizeof a);
		routine_mmss(e->duration_s, b, sizeof b);
		if (e->ends_on_tap) {
			size_t l = strlen(b);
			snprintf(b + l, sizeof b - l, "*");
			any_tap = true;
		}
		printf("%4d  %6s  %6s  %-11s  %-6s  %-28s  %s\n", e->index, a, b, routine_kind_name(e->kind),
		       tool ? tool : "-", e->target ? e->target : "-", side ? side : "-");
		/* Under the step (not its transition): the caution first, then where the tool goes. */
		if (e->kind != ROUTINE_TRANSITION && e->caution)
			printf(_("%4s  caution: %s\n"), "", e->caution);
		if (e->kind != ROUTINE_TRANSITION && e->placement)
			printf(_("%4s  placement: %s\n"), "", e->placement);
	}
	/* English says "steps" even for one (a contract of --plan's text) */
	printf(ngettext("\nTotal: %s, %zu steps\n", "\nTotal: %s, %zu steps\n", routine_length(r)),
	       routine_mmss(routine_total_s(r), a, sizeof a), routine_length(r));
	if (any_tap)
		puts(_("* ends on a tap; shown at its cap"));
}

int check_plan(const char *file, bool json)
{
	routine *r = load(file, NULL);
	if (!r)
		return 1;
	int rc = 0;
	if (json)
		rc = plan_json(r);
	else
		plan_text(r);
	fflush(stdout);
	routine_free(r);
	return rc;
}
