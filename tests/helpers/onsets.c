/* onsets: finds sound onsets in a raw S16LE recording by short-window energy.
 *
 *   onsets RAW RATE CHANNELS [AUDIOLOG]
 *
 * A sound starts when a 1 ms window's RMS rises above -30 dBFS after at least
 * 40 ms of windows below -45 dBFS (so the notes inside one cue count once);
 * the onset is refined to the first sample of that window above the
 * threshold amplitude. Prints one line per sound: "onset FILE_MS CLOCK_MS
 * LEN_MS" (CLOCK_MS = FILE_MS without BUFLOG; LEN_MS: until it fell below
 * -45 dBFS for good).
 *
 * FILE_MS is the position in the recording. SDL's disk driver paces itself
 * with SDL_Delay, so recording time drifts against the real clock; AUDIOLOG,
 * the timing log unknot writes with UNKNOT_AUDIO_LOG (src/io/audio.h; lines
 * "FRAME MS": the first frame of each mixed buffer and the session ms at which
 * it was mixed; "mixed TOTAL" at the end; other lines are skipped), maps a
 * position back to the session clock: CLOCK_MS = MS of the buffer holding it
 * + the frames into that buffer / RATE. Frames the recording has beyond TOTAL
 * are silence the driver wrote before the mixer ran: they come first.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ON_DB     -30.0
#define OFF_DB    -45.0
#define QUIET_MS  40

typedef struct {
	uint64_t frame;
	double ms;
} mark;

/* The "FRAME MS" lines of the log, and its "mixed TOTAL" (0 when absent). */
static mark *read_log(const char *path, size_t *n, uint64_t *total)
{
	FILE *fp = fopen(path, "r");
	mark *m = NULL;
	size_t cap = 0;
	*n = 0;
	*total = 0;
	if (!fp)
		return NULL;
	char line[256];
	unsigned long long fr;
	double ms;
	while (fgets(line, sizeof line, fp)) {
		if (sscanf(line, "mixed %llu", &fr) == 1)
			*total = fr;
		if (line[0] < '0' || line[0] > '9' || sscanf(line, "%llu %lf", &fr, &ms) != 2)
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 4096;
			mark *p = realloc(m, cap * sizeof *m);
			if (!p) {
				free(m);
				fclose(fp);
				return NULL;
			}
			m = p;
		}
		m[*n].frame = fr;
		m[*n].ms = ms;
		(*n)++;
	}
	fclose(fp);
	return m;
}

/* The clock ms of recording frame `f`: its buffer's mix time plus the offset. */
static double to_clock(const mark *m, size_t n, uint64_t f, int rate)
{
	size_t lo = 0, hi = n;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (m[mid].frame <= f)
			lo = mid;
		else
			hi = mid;
	}
	return m[lo].ms + (double)(f - m[lo].frame) * 1000.0 / rate;
}

/* One line per sound: where it starts (recording and clock ms) and how long it lasts. */
static void report(uint64_t onset, uint64_t end, int rate, const mark *m, size_t nm)
{
	double file_ms = (double)onset * 1000.0 / rate;
	double clock_ms = m ? to_clock(m, nm, onset, rate) : file_ms;
	double end_ms = m ? to_clock(m, nm, end, rate) : (double)end * 1000.0 / rate;
	printf("onset %.2f %.2f %.1f\n", file_ms, clock_ms, end_ms - clock_ms);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: onsets RAW RATE CHANNELS [BUFLOG]\n");
		return 2;
	}
	int rate = atoi(argv[2]), ch = atoi(argv[3]);
	if (rate <= 0 || ch <= 0)
		return 2;
	FILE *fp = fopen(argv[1], "rb");
	if (!fp) {
		perror(argv[1]);
		return 1;
	}
	mark *m = NULL;
	size_t nm = 0;
	if (argc > 4) {
		uint64_t total = 0;
		m = read_log(argv[4], &nm, &total);
		if (!m || nm == 0) {
			fprintf(stderr, "onsets: no mix times in %s\n", argv[4]);
			return 1;
		}
		fseek(fp, 0, SEEK_END);
		long bytes = ftell(fp);
		rewind(fp);
		uint64_t frames = bytes > 0 ? (uint64_t)bytes / ((uint64_t)ch * 2) : 0;
		uint64_t lead = total && frames > total ? frames - total : 0;
		for (size_t i = 0; i < nm; i++)
			m[i].frame += lead;
		fprintf(stderr, "onsets: %llu frames recorded, %llu mixed, %llu before the mixer ran\n",
		        (unsigned long long)frames, (unsigned long long)total, (unsigned long long)lead);
	}
	const int win = rate / 1000;  /* frames per 1 ms window */
	const double on_amp = 32768.0 * pow(10.0, ON_DB / 20.0);
	const double off_amp = 32768.0 * pow(10.0, OFF_DB / 20.0);
	int16_t *buf = malloc((size_t)win * (size_t)ch * sizeof *buf);
	double *mono = malloc(2 * (size_t)win * sizeof *mono); /* previous + this window */
	if (!buf || !mono)
		return 1;
	uint64_t frame = 0;
	int quiet = QUIET_MS;  /* consecutive windows below OFF, up to QUIET_MS */
	size_t count = 0, pgot = 0;
	uint64_t onset = 0, loud_end = 0;  /* the current sound's first frame, and where it last was loud */
	bool sounding = false;
	for (;;) {
		size_t got = fread(buf, (size_t)ch * sizeof *buf, (size_t)win, fp);
		if (got == 0)
			break;
		double sum = 0;
		for (size_t i = 0; i < got; i++) {
			double v = 0;
			for (int c = 0; c < ch; c++) {
				/* the file is little-endian; so is every host we run on */
				v += buf[i * (size_t)ch + (size_t)c];
			}
			mono[win + i] = v / ch;
			sum += mono[win + i] * mono[win + i];
		}
		double rms = sqrt(sum / (double)got);
		bool armed = quiet >= QUIET_MS;
		if (armed && rms >= on_amp) {
			/* The first sample above the threshold, in the previous window
			 * (an attack that began there) or this one. */
			size_t first = win - pgot;
			while (first < win + got && fabs(mono[first]) < on_amp)
				first++;
			if (first == win + got)
				first = win;
			onset = frame + first - win;
			sounding = true;
			count++;
			quiet = 0;
		} else if (rms < off_amp) {
			if (quiet < QUIET_MS)
				quiet++;
			if (quiet == QUIET_MS && sounding) {
				report(onset, loud_end, rate, m, nm);
				sounding = false;
			}
		} else if (!armed) {
			quiet = 0; /* still sounding */
		}
		if (rms >= off_amp)
			loud_end = frame + got;
		memmove(mono, mono + win, got * sizeof *mono);
		pgot = got;
		frame += got;
	}
	if (sounding)
		report(onset, loud_end, rate, m, nm);
	fprintf(stderr, "onsets: %zu onsets in %.1f s\n", count, (double)frame / rate);
	fclose(fp);
	free(buf);
	free(mono);
	free(m);
	return 0;
}
