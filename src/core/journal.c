/* journal: encodes journal lines with cJSON (see journal.h). */
#include "core/journal.h"

#include <cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char *journal_event_name(session_event_type t)
{
	switch (t) {
	case SESSION_EV_SESSION_START: return "session_start";
	case SESSION_EV_STEP_START: return "step_start";
	case SESSION_EV_STEP_END: return "step_end";
	case SESSION_EV_PAUSE: return "pause";
	case SESSION_EV_RESUME: return "resume";
	case SESSION_EV_EXTEND: return "extend";
	case SESSION_EV_DISCOMFORT: return "discomfort";
	case SESSION_EV_SESSION_END: return "session_end";
	default: return NULL;
	}
}

const char *journal_reason_name(session_end_reason r)
{
	switch (r) {
	case SESSION_END_ELAPSED: return "elapsed";
	case SESSION_END_ADVANCED: return "advanced";
	default: return "abandoned";
	}
}

const char *journal_outcome_name(session_outcome o)
{
	return o == SESSION_OUTCOME_COMPLETED ? "completed" : o == SESSION_OUTCOME_ABANDONED ? "abandoned" : "none";
}

/* The members every line starts with, in a fixed order. */
static cJSON *journal_head(const journal_stamp *st, const char *event)
{
	cJSON *o = cJSON_CreateObject();
	if (!o)
		return NULL;
	cJSON_AddStringToObject(o, "event", event);
	cJSON_AddStringToObject(o, "t", st->wall ? st->wall : "");
	cJSON_AddNumberToObject(o, "ms", (double)st->ms);
	cJSON_AddStringToObject(o, "session", st->session_id ? st->session_id : "");
	cJSON_AddNumberToObject(o, "seq", (double)st->seq);
	return o;
}

static void journal_str_or_null(cJSON *o, const char *key, const char *v)
{
	if (v)
		cJSON_AddStringToObject(o, key, v);
	else
		cJSON_AddNullToObject(o, key);
}

static void journal_entry(cJSON *o, const routine_entry *e)
{
	cJSON_AddNumberToObject(o, "index", e->index);
	cJSON_AddStringToObject(o, "kind", routine_kind_name(e->kind));
	journal_str_or_null(o, "target", e->target);
	journal_str_or_null(o, "side", routine_side_name(e->side));
	journal_str_or_null(o, "tool", routine_tool_name(e->tool));
}

/* Prints o unformatted with a '\n' and frees it. */
static char *journal_finish(cJSON *o)
{
	char *s = o ? cJSON_PrintUnformatted(o) : NULL;
	cJSON_Delete(o);
	if (!s)
		return NULL;
	size_t n = strlen(s);
	char *line = malloc(n + 2);
	if (line) {
		memcpy(line, s, n);
		line[n] = '\n';
		line[n + 1] = 0;
	}
	cJSON_free(s);
	return line;
}

char *journal_event(const journal_stamp *st, const routine *r, const session_event *ev)
{
	const char *name = journal_event_name(ev->type);
	if (!name)
		return NULL;
	cJSON *o = journal_head(st, name);
	if (!o)
		return NULL;
	const routine_entry *e = ev->index > 0 ? routine_entry_at(r, (size_t)ev->index - 1) : NULL;
	switch (ev->type) {
	case SESSION_EV_SESSION_START:
		cJSON_AddStringToObject(o, "title", routine_title(r));
		journal_str_or_null(o, "file", routine_file(r));
		cJSON_AddNumberToObject(o, "steps", (double)routine_length(r));
		cJSON_AddNumberToObject(o, "total_s", routine_total_s(r));
		cJSON_AddNumberToObject(o, "version", JOURNAL_VERSION);
		if (st->profile && st->profile[0])
			cJSON_AddStringToObject(o, "profile", st->profile);
		break;
	case SESSION_EV_STEP_START:
	case SESSION_EV_STEP_END:
		if (!e)
			break;
		journal_entry(o, e);
		cJSON_AddNumberToObject(o, "planned_s", e->duration_s);
		if (ev->type == SESSION_EV_STEP_START)
			break;
		cJSON_AddStringToObject(o, "reason", journal_reason_name(ev->reason));
		cJSON_AddNumberToObject(o, "actual_ms", (double)ev->actual_ms);
		if (ev->previous)
			cJSON_AddTrueToObject(o, "previous");
		break;
	case SESSION_EV_DISCOMFORT:
		if (e)
			journal_entry(o, e);
		cJSON_AddNumberToObject(o, "step_ms", (double)ev->step_ms);
		break;
	case SESSION_EV_PAUSE:
	case SESSION_EV_RESUME:
	case SESSION_EV_EXTEND:
		if (ev->index > 0)
			cJSON_AddNumberToObject(o, "index", ev->index);
		if (ev->type == SESSION_EV_EXTEND)
			cJSON_AddNumberToObject(o, "extend_s", SESSION_EXTEND_MS / 1000);
		break;
	case SESSION_EV_SESSION_END:
		cJSON_AddStringToObject(o, "outcome", journal_outcome_name(ev->outcome));
		break;
	default:
		break;
	}
	return journal_finish(o);
}

char *journal_extra(const journal_stamp *st, const char *event, const char *fields_json)
{
	cJSON *fields = NULL;
	if (!event || !event[0])
		return NULL;
	if (fields_json) {
		fields = cJSON_Parse(fields_json);
		if (!cJSON_IsObject(fields)) {
			cJSON_Delete(fields);
			return NULL;
		}
	}
	cJSON *o = journal_head(st, event);
	if (!o) {
		cJSON_Delete(fields);
		return NULL;
	}
	if (fields) {
		cJSON *it = fields->child;
		while (it) {
			cJSON *nx = it->next;
			if (!cJSON_GetObjectItemCaseSensitive(o, it->string)) {
				cJSON_DetachItemViaPointer(fields, it);
				cJSON_AddItemToObject(o, it->string, it);
			}
			it = nx;
		}
		cJSON_Delete(fields);
	}
	return journal_finish(o);
}
