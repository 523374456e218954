/* recorder: session events -> journal lines -> the journal file. */
#include "app/recorder.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/journal.h"
#include "io/clock.h"
#include "io/logfile.h"

struct recorder {
	logfile *lf;
	char profile[64];
	uint64_t epoch_wall, epoch_mono;
	char id[48];          /* current session id */
	uint64_t start_mono;  /* monotonic ms of its session_start */
	uint64_t seq;         /* lines written in this session */
	char *last;           /* the line the last call wrote, NULL if it wrote none */
	bool owed;            /* an fsync recorder_settle() owes */
};

recorder *recorder_new(const char *path, const char *profile, uint64_t epoch_wall_ms,
                       uint64_t epoch_mono_ms)
{
	recorder *rec = calloc(1, sizeof *rec);
	if (!rec)
		return NULL;
	rec->lf = path ? logfile_open(path) : logfile_from_fd(STDOUT_FILENO, "(stdout)");
	if (!rec->lf) {
		free(rec);
		return NULL;
	}
	snprintf(rec->profile, sizeof rec->profile, "%s", profile ? profile : "");
	rec->epoch_wall = epoch_wall_ms;
	rec->epoch_mono = epoch_mono_ms;
	return rec;
}

void recorder_free(recorder *rec)
{
	if (!rec)
		return;
	logfile_close(rec->lf);
	free(rec->last);
	free(rec);
}

static uint64_t recorder_wall(const recorder *rec, uint64_t mono)
{
	if (mono >= rec->epoch_mono)
		return rec->epoch_wall + (mono - rec->epoch_mono);
	uint64_t back = rec->epoch_mono - mono;
	return back < rec->epoch_wall ? rec->epoch_wall - back : 0;
}

/* A new id: the start's UTC time plus 24 random bits, e.g.
 * "20261121T093000Z-3fa9c1": sortable, readable, unique enough per device. */
static void recorder_new_id(recorder *rec, uint64_t mono)
{
	char iso[32];
	unsigned rnd = 0;
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || read(fd, &rnd, sizeof rnd) != (ssize_t)sizeof rnd)
		rnd = (unsigned)getpid() * 2654435761u ^ (unsigned)clock_now_ms();
	if (fd >= 0)
		close(fd);
	clock_format_iso(iso, sizeof iso, recorder_wall(rec, mono));
	/* 2026-11-21T09:30:00.123Z -> 20261121T093000Z */
	char compact[24];
	snprintf(compact, sizeof compact, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", iso, iso + 5, iso + 8, iso + 11,
	         iso + 14, iso + 17);
	snprintf(rec->id, sizeof rec->id, "%s-%06x", compact, rnd & 0xffffff);
}

static journal_stamp recorder_stamp(recorder *rec, uint64_t mono, char *wall, size_t wsize)
{
	journal_stamp st;
	clock_format_iso(wall, wsize, recorder_wall(rec, mono));
	st.session_id = rec->id;
	st.wall = wall;
	st.ms = mono >= rec->start_mono ? mono - rec->start_mono : 0;
	st.seq = ++rec->seq;
	st.profile = rec->profile;
	return st;
}

/* Writes line (taken: kept as the last line when written, else freed). */
static int recorder_write(recorder *rec, char *line, bool sync)
{
	if (!line)
		return -1;
	int rc = logfile_append(rec->lf, line, strlen(line));
	if (rc == 0)
		rec->last = line;
	else
		free(line);
	if (rc == 0 && sync)
		rc = logfile_sync(rec->lf);
	return rc;
}

/* Forgets the previous call's line. */
static void recorder_forget(recorder *rec)
{
	free(rec->last);
	rec->last = NULL;
}

const char *recorder_last_line(const recorder *rec)
{
	return rec ? rec->last : NULL;
}

int recorder_event(recorder *rec, const session *s, const session_event *ev)
{
	char wall[32];
	recorder_forget(rec);
	if (ev->type == SESSION_EV_CUE)
		return 0;
	if (ev->type == SESSION_EV_SESSION_START) {
		/* a journal that failed (full disk, read-only) gets another try with
		 * each session; the session's lines are kept in case the file is
		 * deleted under us (logfile.h) */
		logfile_retry(rec->lf);
		logfile_keep(rec->lf);
		recorder_new_id(rec, ev->ms);
		rec->start_mono = ev->ms;
		rec->seq = 0;
	}
	journal_stamp st = recorder_stamp(rec, ev->ms, wall, sizeof wall);
	char *line = journal_event(&st, session_routine(s), ev);
	/* Per kind (issue 19; bench/bench_fsync.c: 2-4 ms median, 20-30 ms worst
	 * per fsync on an idle ext4 disk, far more under I/O load). fsync runs on
	 * the main loop, and a step_end comes at a step boundary, where the next
	 * cue sounds: fsync'ing it made tests/e2e/audio_cues.sh hear 4-7 cues
	 * more than 50 ms late at load 10 (1 without). So only session_start,
	 * each discomfort and session_end are fsync'd (and extras); step lines,
	 * pause, resume and extend reach the disk with the next of those or
	 * when the kernel writes back (ext4: within about 5 s). README "Journal"
	 * says what a power cut can take. */
	rec->owed |= ev->type == SESSION_EV_SESSION_START || ev->type == SESSION_EV_SESSION_END ||
	             ev->type == SESSION_EV_DISCOMFORT;
	return recorder_write(rec, line, false);
}

int recorder_settle(recorder *rec)
{
	if (!rec || !rec->owed)
		return 0;
	rec->owed = false;
	return logfile_sync(rec->lf);
}

void recorder_drain(recorder *rec, session *s, void (*each)(const session_event *ev, void *data),
                    void *data)
{
	session_event ev;
	while (session_next_event(s, &ev)) {
		recorder_event(rec, s, &ev);
		if (each)
			each(&ev, data);
	}
	recorder_settle(rec);
}

int recorder_extra(recorder *rec, uint64_t mono_ms, const char *event, const char *fields_json)
{
	char wall[32];
	recorder_forget(rec);
	if (!rec->id[0]) { /* no session yet: the extra events get an id of their own */
		recorder_new_id(rec, mono_ms);
		rec->start_mono = mono_ms;
	}
	journal_stamp st = recorder_stamp(rec, mono_ms, wall, sizeof wall);
	char *line = journal_extra(&st, event, fields_json);
	if (!line) {
		rec->seq--;
		return -1;
	}
	return recorder_write(rec, line, true);
}

void recorder_set_epoch(recorder *rec, uint64_t epoch_wall_ms, uint64_t epoch_mono_ms)
{
	rec->epoch_wall = epoch_wall_ms;
	rec->epoch_mono = epoch_mono_ms;
}

const char *recorder_error(const recorder *rec)
{
	return logfile_failed(rec->lf) ? logfile_error(rec->lf) : "";
}

const char *recorder_session_id(const recorder *rec)
{
	return rec->id;
}

unsigned recorder_syncs(const recorder *rec)
{
	return logfile_syncs(rec->lf);
}

bool recorder_failed(const recorder *rec)
{
	return logfile_failed(rec->lf);
}
