/* history_shot: renders the History screen headless (software renderer on an
 * off-screen surface) with a generated month of sessions, into a PNG to look at.
 *
 *   history_shot OUT.png [WIDTH HEIGHT] [home|kiosk|empty|pain|pain-stuck [JOURNAL]]
 *
 * "pain" (issue 20) adds 0-10 pain scores to the month (the left temple
 * getting better on the neck sessions, the low back stuck on the evening
 * ones), draws the History's pain page for the left temple (pain-stuck: the
 * low back, where the rule advises a professional), and with
 * JOURNAL also writes the generated month there (a test journal for the app).
 */
#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/history.h"
#include "journal_gen.h"
#include "shot_png.h"
#include "app/typeface.h"
#include "ui/history_view.h"
#include "ui/text.h"
#include "ui/view.h"

#define DAY 86400000LL
#define HOUR 3600000LL
/* 2026-11-21T00:00:00Z */
#define TODAY_MS 1795219200000LL

static FILE *journal_out; /* "pain JOURNAL": the generated lines go there too */
static bool with_pain;

static void emit_feed(const char *line, size_t len, void *user)
{
	history_feed_line(user, line, len && line[len - 1] == '\n' ? len - 1 : len);
	if (journal_out)
		fwrite(line, 1, len, journal_out);
}

/* Pain scores of a session d days ago: the temple from 7 down to about 2
 * with a point of noise, 2 lower after a session; the low back stuck at 5. */
static void pain(jgen *g, bool low_back, int d, unsigned seed, bool after)
{
	if (!with_pain)
		return;
	int noise = (int)((seed >> 16) % 3) - 1;
	int s = low_back ? (d > 20 ? 6 : 5) : 7 - (30 - d) / 6 + noise;
	s = s < 0 ? 0 : s > 10 ? 10 : s;
	if (after)
		s = s >= 2 ? s - 2 : 0;
	if (low_back)
		jgen_pain(g, "low-back", "", NULL, s, after ? "after" : "before");
	else
		jgen_pain(g, "temple", "left", NULL, s, after ? "after" : "before");
}

/* A month: most days a neck session, some days two, a few skipped; holds
 * released sooner and fewer discomforts as the weeks go by. */
static void month(history *h)
{
	jgen g;
	jgen_init(&g, emit_feed, h);
	unsigned seed = 7;
	for (int d = 30; d >= 0; d--) {
		seed = seed * 1103515245u + 12345u;
		if (d == 9 || d == 10 || d == 17 || (d > 3 && seed % 9 == 0))
			continue;
		int per_day = (seed >> 8) % 4 == 0 ? 2 : 1;
		for (int k = 0; k < per_day; k++) {
			char id[32];
			snprintf(id, sizeof id, "m%d-%d", d, k);
			int64_t t0 = TODAY_MS - (int64_t)d * DAY + (8 + 9 * k) * HOUR;
			bool low_back = k == 1;
			/* A soreness check-in now and then, before the session starts. */
			if (!low_back && d % 4 == 1) {
				snprintf(g.id, sizeof g.id, "%s", id);
				g.t0_ms = t0;
				g.ms = 0;
				jgen_checkin(&g, d > 12 ? "sore" : "fine", "upper trapezius");
			}
			jgen_start(&g, id, t0, low_back ? "Low back" : "Neck and tension headache",
			           low_back ? "low-back.json" : "neck.json", 7);
			pain(&g, low_back, d, seed, false);
			const char *t1 = low_back ? "gluteus medius" : "upper trapezius";
			const char *t2 = low_back ? "quadratus lumborum" : "levator scapulae";
			int disc = (int)((seed >> 12) % 4) * d / 30 + (d > 20 ? 1 : 0);
			uint64_t hold = 60000 - (uint64_t)(30 - d) * 800;
			jgen_step(&g, 1, "transition", t1, "left", 10, 10000, "elapsed");
			for (int i = 0; i < disc; i++)
				jgen_disc(&g, 2, "compression", t1, "left", 5000);
			jgen_step(&g, 2, "compression", t1, "left", 60, hold, hold < 60000 ? "advanced" : "elapsed");
			jgen_step(&g, 3, "transition", t1, "right", 10, 10000, "elapsed");
			jgen_step(&g, 4, "compression", t1, "right", 60, 60000, "elapsed");
			jgen_step(&g, 5, "stretch", t2, "", 30, 30000, "elapsed");
			if (d % 11 == 5 && !low_back) {
				jgen_end(&g, "abandoned");
				pain(&g, low_back, d, seed, true);
				continue;
			}
			jgen_step(&g, 6, "compression", t2, "left", 45, 45000 - (uint64_t)(seed % 5) * 3000, "advanced");
			jgen_step(&g, 7, "stretch", low_back ? "piriformis" : "pectoralis minor", "", 30, 30000, "elapsed");
			jgen_end(&g, "completed");
			pain(&g, low_back, d, seed, true);
		}
	}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s OUT.png [WIDTH HEIGHT] [home|kiosk|empty]\n", argv[0]);
		return 1;
	}
	int w = argc > 3 ? atoi(argv[2]) : 800, hgt = argc > 3 ? atoi(argv[3]) : 480;
	const char *mode = argc > 4 ? argv[4] : (argc == 3 ? argv[2] : "home");
	int rc = 1;
	history_options o = { .now_ms = TODAY_MS + 20 * HOUR, .tz_offset_min = 0 };
	history *h = history_new(&o);
	if (!h)
		return 1;
	with_pain = strncmp(mode, "pain", 4) == 0;
	if (with_pain && argc > 5 && !(journal_out = fopen(argv[5], "w"))) {
		perror(argv[5]);
		return 1;
	}
	if (strcmp(mode, "empty") != 0)
		month(h);
	if (journal_out && fclose(journal_out) != 0)
		return 1;
	SDL_Surface *surf = SDL_CreateRGBSurfaceWithFormat(0, w, hgt, 32, SDL_PIXELFORMAT_RGBA32);
	SDL_Renderer *ren = surf ? SDL_CreateSoftwareRenderer(surf) : NULL;
	text *txt = NULL;
	char err[512];
	if (!ren) {
		fprintf(stderr, "SDL: %s\n", SDL_GetError());
		goto out;
	}
	txt = typeface_open(ren, NULL, err, sizeof err);
	if (!txt) {
		fprintf(stderr, "fonts: %s\n", err);
		goto out;
	}
	static view v;
	view_model m;
	memset(&v, 0, sizeof v);
	memset(&m, 0, sizeof m);
	v.r = ren;
	v.txt = txt;
	m.screen = VIEW_HISTORY;
	m.kiosk = strcmp(mode, "kiosk") == 0;
	if (with_pain) { /* the pain page, on the left temple (the first area) */
		m.history_page = 1;
		m.pain_area = strcmp(mode, "pain-stuck") == 0 ? 1 : 0;
	}
	view_begin(&v, w, hgt);
	history_view_draw(&v, &m, h, history_day_of(TODAY_MS, 0));
	SDL_RenderPresent(ren);
	if (SDL_LockSurface(surf) == 0) {
		rc = shot_png_write(argv[1], surf->pixels, w, hgt, surf->pitch) == 0 ? 0 : 1;
		SDL_UnlockSurface(surf);
	}
	if (v.nhits < 1 || v.hits[0].id != VIEW_BTN_BACK) {
		fprintf(stderr, "no Back button registered\n");
		rc = 1;
	}
out:
	text_free(txt);
	SDL_DestroyRenderer(ren);
	SDL_FreeSurface(surf);
	history_free(h);
	return rc;
}
