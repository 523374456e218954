/* fleet_library: routines pushed by the manager (checked, applied between
 * sessions, the manifest's clean-up), fleet-wide settings, and the faults
 * they raise (see fleet.h). Network thread only. */
#include "io/fleet_priv.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/routine.h"
#include "core/sha256.h"

/* ---- routine faults (network thread) ---- */

static void fleet_fault_set(fleet *f, const char *id, const char *why)
{
	size_t i;
	for (i = 0; i < f->nfaults && strcmp(f->faults[i].id, id) != 0; i++)
		;
	if (i == f->nfaults) {
		if (f->nfaults == FLEET_MAX_ROUTINE_FAULTS)
			i = FLEET_MAX_ROUTINE_FAULTS - 1; /* the newest replaces the last */
		else
			f->nfaults++;
	}
	snprintf(f->faults[i].id, sizeof f->faults[i].id, "%s", id);
	snprintf(f->faults[i].why, sizeof f->faults[i].why, "%s", why);
}

static void fleet_fault_clear(fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nfaults; i++)
		if (strcmp(f->faults[i].id, id) == 0) {
			memmove(&f->faults[i], &f->faults[i + 1], (f->nfaults - i - 1) * sizeof f->faults[0]);
			f->nfaults--;
			return;
		}
}

/* ---- routines (network thread) ---- */

static void fleet_routine_path(const fleet *f, const char *id, char *out, size_t size)
{
	snprintf(out, size, "%s/%s.json", f->routines_dir, id);
}

/* True when ID.json is on disk with this digest. */
static bool fleet_routine_has(const fleet *f, const char *id, const char *sha)
{
	char path[PATHS_MAX];
	size_t len;
	fleet_routine_path(f, id, path, sizeof path);
	char *s = paths_read_file(path, ROUTINE_MAX_FILE_BYTES, &len);
	if (!s)
		return false;
	char hex[65];
	sha256_hex(s, len, hex);
	free(s);
	return strcmp(hex, sha) == 0;
}

static void fleet_op_drop(fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nops; i++)
		if (strcmp(f->ops[i].id, id) == 0) {
			free(f->ops[i].body);
			f->ops[i] = f->ops[--f->nops];
			return;
		}
}

/* Queues a write (body != NULL, taken over) or delete of routine id. */
static void fleet_op_add(fleet *f, const char *id, const char *sha, char *body, size_t len)
{
	fleet_op_drop(f, id);
	fleet_op *p = realloc(f->ops, (f->nops + 1) * sizeof *p);
	if (!p) {
		free(body);
		return;
	}
	f->ops = p;
	fleet_op *o = &f->ops[f->nops++];
	snprintf(o->id, sizeof o->id, "%s", id);
	snprintf(o->sha256, sizeof o->sha256, "%s", sha ? sha : "");
	o->body = body;
	o->len = len;
}

static bool fleet_live_has(const fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nlive; i++)
		if (strcmp(f->live[i], id) == 0)
			return true;
	return false;
}

/* Marks id as having (live) or not having a valid retained message, so the
 * manifest clean-up never removes a routine the manager just published but
 * has not listed yet. */
static void fleet_live_set(fleet *f, const char *id, bool live)
{
	for (size_t i = 0; i < f->nlive; i++)
		if (strcmp(f->live[i], id) == 0) {
			if (!live)
				memcpy(f->live[i], f->live[--f->nlive], sizeof f->live[0]);
			return;
		}
	if (!live)
		return;
	void *p = realloc(f->live, (f->nlive + 1) * sizeof f->live[0]);
	if (!p)
		return;
	f->live = p;
	snprintf(f->live[f->nlive++], sizeof f->live[0], "%s", id);
}

void fleet_on_routine(fleet *f, const char *id, const char *payload, size_t len)
{
	char path[PATHS_MAX];
	fleet_routine_path(f, id, path, sizeof path);
	fleet_live_set(f, id, false);
	if (len == 0) {
		fleet_fault_clear(f, id);
		if (access(path, F_OK) == 0)
			fleet_op_add(f, id, NULL, NULL, 0);
		else
			fleet_op_drop(f, id);
		return;
	}
	fleet_msg_routine m;
	char why[160];
	if (fleet_msg_routine_parse(payload, len, id, &m, why, sizeof why)) {
		char msg[200];
		snprintf(msg, sizeof msg, "routine %s: %s", id, why);
		fleet_log(f, LOG_LEVEL_WARN, "rejected %s", msg);
		fleet_fault_set(f, id, msg);
		fleet_op_drop(f, id); /* never apply an older good one over the manager's intent */
		pthread_mutex_lock(&f->mu);
		f->stats.routines_rejected++;
		f->ui_dirty = true;
		pthread_mutex_unlock(&f->mu);
		return;
	}
	fleet_fault_clear(f, id);
	fleet_live_set(f, id, true);
	if (fleet_routine_has(f, id, m.sha256)) {
		fleet_op_drop(f, id);
		fleet_msg_routine_clear(&m);
		f->manifest_check = true;
		return;
	}
	fleet_op_add(f, id, m.sha256, m.body, m.body_len);
	m.body = NULL;
	fleet_msg_routine_clear(&m);
}

/* Removes managed routines the manifest does not list, once every listed one
 * is on disk with its digest. Returns true when something changed. */
/* True when the library has a rejected routine with this id. */
static bool fleet_fault_has(const fleet *f, const char *id)
{
	for (size_t i = 0; i < f->nfaults; i++)
		if (strcmp(f->faults[i].id, id) == 0)
			return true;
	return false;
}

/* Counts the manifest's routines that are not on disk (no valid retained
 * message came for them: a manifest that cannot be satisfied) into
 * missing_why; rejected ones already have their own fault. Returns the count
 * of entries not on disk. */
static size_t fleet_manifest_missing(fleet *f)
{
	size_t absent = 0, never = 0, n = 0;
	char list[96] = "";
	for (size_t i = 0; i < f->manifest.count; i++) {
		const fleet_msg_manifest_entry *e = &f->manifest.items[i];
		if (fleet_routine_has(f, e->id, e->sha256))
			continue;
		absent++;
		if (fleet_fault_has(f, e->id))
			continue;
		never++;
		if (n < 3) {
			size_t used = strlen(list);
			snprintf(list + used, sizeof list - used, "%s%s", n ? ", " : "", e->id);
			n++;
		}
	}
	char why[sizeof f->missing_why] = "";
	if (never)
		snprintf(why, sizeof why, "manifest %" PRIu32 ": %zu listed routine%s never arrived (%s%s)",
		         f->manifest.version, never, never == 1 ? "" : "s", list, never > n ? ", ..." : "");
	if (strcmp(why, f->missing_why) != 0) {
		if (why[0])
			fleet_log(f, LOG_LEVEL_WARN, "%s", why);
		memcpy(f->missing_why, why, sizeof why);
		pthread_mutex_lock(&f->mu);
		f->ui_dirty = true;
		pthread_mutex_unlock(&f->mu);
	}
	return absent;
}

static bool fleet_manifest_apply(fleet *f)
{
	if (!f->have_manifest) {
		f->missing_why[0] = '\0';
		return false;
	}
	if (fleet_manifest_missing(f) > 0)
		return false;
	bool changed = false;
	DIR *d = opendir(f->routines_dir);
	if (d) {
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t n = strlen(e->d_name);
			if (e->d_name[0] == '.' || n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
				continue;
			bool listed = false;
			for (size_t i = 0; i < f->manifest.count && !listed; i++)
				listed = strlen(f->manifest.items[i].id) == n - 5 &&
				         strncmp(f->manifest.items[i].id, e->d_name, n - 5) == 0;
			char id[FLEET_MSG_NAME_MAX + 1];
			snprintf(id, sizeof id, "%.*s", (int)(n - 5), e->d_name);
			if (listed || fleet_live_has(f, id))
				continue;
			char path[PATHS_MAX];
			snprintf(path, sizeof path, "%s/%s", f->routines_dir, e->d_name);
			if (unlink(path) == 0) {
				changed = true;
				pthread_mutex_lock(&f->mu);
				f->stats.routines_applied++;
				pthread_mutex_unlock(&f->mu);
			}
		}
		closedir(d);
		if (changed)
			fleet_fsync_dir(f->routines_dir);
	}
	if (f->manifest_applied != f->manifest.version) {
		f->manifest_applied = f->manifest.version;
		changed = true;
		pthread_mutex_lock(&f->mu);
		f->stats.manifest_version = f->manifest_applied;
		f->ui_dirty = true;
		pthread_mutex_unlock(&f->mu);
	}
	return changed;
}

/* Writes/deletes queued routines when no session runs. */
void fleet_routines_apply(fleet *f)
{
	pthread_mutex_lock(&f->mu);
	bool busy = f->in_session;
	f->stats.routines_pending = f->nops;
	pthread_mutex_unlock(&f->mu);
	if (busy)
		return;
	fleet_settings_apply(f);
	if (f->nops == 0 && !f->manifest_check)
		return;
	bool changed = false;
	while (f->nops > 0) {
		fleet_op *o = &f->ops[f->nops - 1];
		char path[PATHS_MAX];
		fleet_routine_path(f, o->id, path, sizeof path);
		int rc;
		if (o->body) {
			rc = fleet_write_atomic(f->routines_dir, path, o->body, o->len);
		} else {
			rc = unlink(path) == 0 || errno == ENOENT ? 0 : -1;
			fleet_fsync_dir(f->routines_dir);
		}
		if (rc)
			fleet_log(f, LOG_LEVEL_ERROR, "cannot update %s: %s", path, strerror(errno));
		else
			fleet_log(f, LOG_LEVEL_INFO, "routine %s %s", o->id, o->body ? "written" : "removed");
		free(o->body);
		f->nops--;
		changed = true;
		pthread_mutex_lock(&f->mu);
		f->stats.routines_applied++;
		pthread_mutex_unlock(&f->mu);
	}
	f->manifest_check = false;
	if (fleet_manifest_apply(f))
		changed = true;
	pthread_mutex_lock(&f->mu);
	f->stats.routines_pending = 0;
	f->ui_dirty = true;
	pthread_mutex_unlock(&f->mu);
	if (changed)
		fleet_act(f, FLEET_DO_RELOAD);
}

/* ---- status (network thread) ---- */

size_t fleet_count_routines(const fleet *f)
{
	size_t n = 0;
	DIR *d = opendir(f->routines_dir);
	if (!d)
		return 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] != '.' && l > 5 && strcmp(e->d_name + l - 5, ".json") == 0)
			n++;
	}
	closedir(d);
	return n;
}


void fleet_on_bad_routine(fleet *f, const char *name, size_t len)
{
	if (len == 0) {
		fleet_fault_clear(f, name);
		return;
	}
	char msg[160];
	snprintf(msg, sizeof msg, "routine \"%.64s\": not a routine id (1-64 of A-Z a-z 0-9 _ -)", name);
	if (!fleet_fault_has(f, name))
		fleet_log(f, LOG_LEVEL_WARN, "ignored %s", msg);
	fleet_fault_set(f, name, msg);
	pthread_mutex_lock(&f->mu);
	f->stats.routines_rejected++;
	f->ui_dirty = true;
	pthread_mutex_unlock(&f->mu);
}

void fleet_on_manifest(fleet *f, const char *payload, size_t len)
{
	fleet_msg_manifest mf;
	char why[160];
	if (len == 0) {
		fleet_msg_manifest_clear(&f->manifest);
		f->have_manifest = false;
		f->missing_why[0] = '\0';
		fleet_fault_clear(f, "_manifest");
		return;
	}
	if (fleet_msg_manifest_parse(payload, len, &mf, why, sizeof why)) {
		fleet_log(f, LOG_LEVEL_WARN, "rejected the %s", why);
		fleet_fault_set(f, "_manifest", why);
		return;
	}
	fleet_fault_clear(f, "_manifest");
	fleet_msg_manifest_clear(&f->manifest);
	f->manifest = mf;
	f->have_manifest = true;
	f->manifest_check = true;
}

void fleet_on_settings(fleet *f, const char *payload, size_t len)
{
	fleet_msg_settings s;
	char why[160];
	if (len == 0) {
		fleet_fault_clear(f, "_settings");
		return; /* deleted: the station keeps what it has */
	}
	if (fleet_msg_settings_parse(payload, len, &s, why, sizeof why)) {
		fleet_log(f, LOG_LEVEL_WARN, "rejected the %s", why);
		fleet_fault_set(f, "_settings", why);
		return;
	}
	fleet_fault_clear(f, "_settings");
	if (f->have_settings && !f->settings_waiting &&
	    memcmp(&s, &f->settings, sizeof s) == 0)
		return; /* the retained copy again after a reconnect */
	f->settings_new = s;
	f->settings_waiting = true;
}

/* Hands waiting settings to the app when no session runs. */
void fleet_settings_apply(fleet *f)
{
	if (!f->settings_waiting)
		return;
	f->settings = f->settings_new;
	f->have_settings = true;
	f->settings_waiting = false;
	fleet_log(f, LOG_LEVEL_INFO, "settings version %" PRIu32 " handed to the app", f->settings.version);
	pthread_mutex_lock(&f->mu);
	f->ui_settings = f->settings;
	f->ui_have_settings = true;
	f->ui_dirty = true;
	pthread_mutex_unlock(&f->mu);
	fleet_act(f, FLEET_DO_SETTINGS);
}

size_t fleet_library_faults(fleet *f, const char **out, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < f->nfaults && n < max; i++)
		out[n++] = f->faults[i].why;
	if (f->missing_why[0] && n < max)
		out[n++] = f->missing_why;
	return n;
}
