/* fx: the controller's effects on the real world (ctl_effects): the routine
 * library (io/library), the journal (app/recorder) and the history read
 * from it (io/journal_read), audio and speech (io/audio), the clocks
 * (io/clock), the safety marker (io/marker) and the fleet's "journal
 * appended" (app/station). The shell adds what needs the screen
 * (screenshot, items per page). */
#ifndef UNKNOT_FX_H
#define UNKNOT_FX_H

#include "app/ctl.h"
#include "app/recorder.h"
#include "app/station.h"
#include "io/audio.h"
#include "io/library.h"
#include "io/paths.h"

typedef struct {
	library *lib;               /* loaded by library_load, NULL before */
	bool lib_trusted;           /* lib came from a trusting scan not yet checked */
	bool lib_scanned;           /* a library was loaded once (the first trusts the index) */
	view_routine *items;        /* valid routines, then broken files */
	recorder *rec;              /* journal writer, NULL when there is no journal */
	char journal[PATHS_MAX];    /* its path, "" for none */
	audio *au;                  /* may be NULL */
	station *fleet;             /* may be NULL */
	uint64_t mono0;             /* CLOCK_MONOTONIC ms at app time 0 */
	uint64_t (*now)(void *user); /* the app clock (for the recorder's epoch) */
	void *now_user;
	void *shell;                /* the shell's own state, for its effects */
} fx_world;

/* The effects table on w (w->... must outlive the controller). */
ctl_effects fx_table(fx_world *w);
/* Frees the library and the recorder (not audio nor the station). */
void fx_close(fx_world *w);

/* The first library is listed trusting its index, for the first frame
 * (io/library.h); after that frame the shell asks this once: true when a
 * file changed since it was indexed (then the controller is told the
 * library changed, and it scans again). */
bool fx_library_check(fx_world *w);

#endif
