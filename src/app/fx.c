/* fx: ctl_effects on the real library, journal, audio and clocks. */
#include "app/fx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/clock.h"
#include "io/journal_read.h"
#include "io/log.h"
#include "io/marker.h"

static int fx_library_load(void *user, const view_routine **items, size_t *nvalid, size_t *nbroken)
{
	fx_world *w = user;
	if (!w->lib) {
		/* the first list trusts the index (fx_library_check looks after it) */
		w->lib_trusted = !w->lib_scanned;
		w->lib = w->lib_trusted ? library_new_trusting() : library_new();
		w->lib_scanned = true;
		if (!w->lib)
			return -1;
		size_t nv = library_count(w->lib), nb = library_broken_count(w->lib);
		w->items = calloc(nv + nb + 1, sizeof *w->items);
		if (!w->items)
			return -1;
		for (size_t i = 0; i < nv; i++) {
			w->items[i].path = library_path(w->lib, i);
			/* an indexed routine is parsed when its card is shown (fx_library_show) */
			w->items[i].r = library_parsed(w->lib, i) ? library_routine(w->lib, i) : NULL;
		}
		for (size_t i = 0; i < nb; i++) {
			w->items[nv + i].path = library_broken_path(w->lib, i);
			w->items[nv + i].error = library_broken_line(w->lib, i, 0);
		}
	}
	*items = w->items;
	*nvalid = library_count(w->lib);
	*nbroken = library_broken_count(w->lib);
	return 0;
}

bool fx_library_check(fx_world *w)
{
	if (!w->lib || !w->lib_trusted)
		return false;
	w->lib_trusted = false;
	bool stale = library_stale(w->lib);
	if (stale)
		log_info("library: a routine changed since it was indexed; scanning again");
	return stale;
}

static void fx_library_show(void *user, size_t from, size_t n)
{
	fx_world *w = user;
	size_t nv = w->lib ? library_count(w->lib) : 0;
	for (size_t i = from; i < from + n && i < nv; i++) {
		if (w->items[i].r || w->items[i].error)
			continue;
		w->items[i].r = library_routine(w->lib, i);
		if (!w->items[i].r && (w->items[i].error = library_error(w->lib, i)))
			log_warn("a routine no longer loads (it changed since it was indexed): %s", w->items[i].error);
	}
}

static void fx_library_free(void *user)
{
	fx_world *w = user;
	library_free(w->lib);
	w->lib = NULL;
	w->lib_trusted = false;
	free(w->items);
	w->items = NULL;
}

static history *fx_history_load(void *user, const char *path)
{
	(void)user;
	history_options ho = {0};
	ho.now_ms = (int64_t)clock_wall_ms();
	ho.tz_offset_min = clock_tz_offset_min();
	history *h = history_new(&ho);
	if (h && journal_read_file(path, h, NULL) < 0) {
		history_free(h);
		h = NULL;
	}
	return h;
}

static void fx_journal_switch(void *user, const char *id, char *path, size_t size)
{
	fx_world *w = user;
	if (paths_journal(w->journal, sizeof w->journal, id) < 0)
		w->journal[0] = '\0';
	recorder_free(w->rec);
	w->rec = w->journal[0] ? recorder_new(w->journal, id, clock_wall_ms(), w->now(w->now_user)) : NULL;
	snprintf(path, size, "%s", w->journal);
}

/* The wall clock is paired again at each session start (a clock set by NTP
 * after boot stamps the next session right); a journal that cannot be
 * written says so (at each session start). */
static const char *fx_journal_event(void *user, const session *s, const session_event *ev, uint64_t now,
                                    const char **line)
{
	fx_world *w = user;
	(void)now;
	*line = NULL;
	if (!w->rec)
		return NULL;
	if (ev->type == SESSION_EV_SESSION_START)
		recorder_set_epoch(w->rec, clock_wall_ms(), w->now(w->now_user));
	bool news = ev->type == SESSION_EV_SESSION_START || !recorder_failed(w->rec);
	const char *e = recorder_event(w->rec, s, ev) < 0 && news ? recorder_error(w->rec) : "";
	*line = recorder_last_line(w->rec);
	station_journal_appended(w->fleet);
	return e;
}

static const char *fx_journal_settle(void *user)
{
	fx_world *w = user;
	if (!w->rec || recorder_settle(w->rec) == 0)
		return "";
	return recorder_error(w->rec);
}

static void fx_journal_extra(void *user, uint64_t now, const char *event, const char *fields, const char **line)
{
	fx_world *w = user;
	*line = NULL;
	if (!w->rec)
		return;
	recorder_extra(w->rec, now, event, fields);
	*line = recorder_last_line(w->rec);
}

static void fx_speak(void *user, size_t idx)
{
	fx_world *w = user;
	if (w->au)
		audio_speak(w->au, idx);
}

static void fx_stop_speech(void *user)
{
	fx_world *w = user;
	if (w->au)
		audio_stop_speech(w->au);
}

static bool fx_play_cue(void *user, cue_kind cue, uint64_t ms)
{
	fx_world *w = user;
	return w->au && audio_play_at(w->au, cue, ms);
}

static void fx_prepare_speech(void *user, const routine *r)
{
	fx_world *w = user;
	if (w->au)
		audio_prepare_speech(w->au, r);
}

static void fx_say(void *user, const char *text)
{
	fx_world *w = user;
	if (w->au)
		audio_say(w->au, text);
}

static uint32_t fx_cue_ms(void *user, cue_kind k)
{
	fx_world *w = user;
	return audio_cue_ms(w->au, k);
}

static bool fx_queue_cue(void *user, cue_kind k, uint64_t ms, uint32_t delay_ms)
{
	fx_world *w = user;
	return w->au && audio_queue_cue(w->au, k, ms, delay_ms);
}

static void fx_cancel_cues(void *user)
{
	fx_world *w = user;
	if (w->au)
		audio_cancel_queued(w->au);
}

static uint32_t fx_speech_ms(void *user, size_t idx, int variant)
{
	fx_world *w = user;
	return w->au ? audio_speech_ms(w->au, idx, variant) : 0;
}

static void fx_speak_at(void *user, size_t idx, int variant, uint32_t delay_ms)
{
	fx_world *w = user;
	if (w->au)
		audio_speak_at(w->au, idx, variant, delay_ms);
}

static uint32_t fx_say_ms(void *user, const char *text)
{
	fx_world *w = user;
	return w->au ? audio_say_ms(w->au, text) : 0;
}

static void fx_say_at(void *user, const char *text, uint32_t delay_ms)
{
	fx_world *w = user;
	if (w->au)
		audio_say_at(w->au, text, delay_ms);
}

static void fx_set_volume(void *user, int volume)
{
	fx_world *w = user;
	if (w->au)
		audio_set_volume(w->au, volume);
}

static void fx_set_mute(void *user, bool mute)
{
	fx_world *w = user;
	if (w->au)
		audio_set_mute(w->au, mute);
}

static void fx_set_voice(void *user, bool on)
{
	fx_world *w = user;
	if (w->au)
		audio_set_voice(w->au, on);
}

static uint64_t fx_wall_ms(void *user)
{
	(void)user;
	return clock_wall_ms();
}

static int fx_tz_offset_min(void *user)
{
	(void)user;
	return clock_tz_offset_min();
}

static void fx_safety_remember(void *user)
{
	(void)user;
	marker_save(CTL_MARKER, "The safety screen was accepted.\n");
}

ctl_effects fx_table(fx_world *w)
{
	ctl_effects fx = {0};
	fx.user = w;
	fx.library_load = fx_library_load;
	fx.library_free = fx_library_free;
	fx.library_show = fx_library_show;
	fx.history_load = fx_history_load;
	fx.journal_switch = fx_journal_switch;
	fx.journal_event = fx_journal_event;
	fx.journal_settle = fx_journal_settle;
	fx.journal_extra = fx_journal_extra;
	fx.speak = fx_speak;
	fx.stop_speech = fx_stop_speech;
	fx.play_cue = fx_play_cue;
	fx.prepare_speech = fx_prepare_speech;
	fx.say = fx_say;
	fx.cue_ms = fx_cue_ms;
	fx.queue_cue = fx_queue_cue;
	fx.cancel_cues = fx_cancel_cues;
	fx.speech_ms = fx_speech_ms;
	fx.speak_at = fx_speak_at;
	fx.say_ms = fx_say_ms;
	fx.say_at = fx_say_at;
	fx.set_volume = fx_set_volume;
	fx.set_mute = fx_set_mute;
	fx.set_voice = fx_set_voice;
	fx.wall_ms = fx_wall_ms;
	fx.tz_offset_min = fx_tz_offset_min;
	fx.safety_remember = fx_safety_remember;
	return fx;
}

void fx_close(fx_world *w)
{
	fx_library_free(w);
	recorder_free(w->rec);
	w->rec = NULL;
}
