/* speech: announcement words and espeak-ng synthesis into memory. */
#include "io/speech.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/i18n.h"
#include "core/muscle.h"
#include "io/espeaklib.h"
#include "io/log.h"

#include <pthread.h>

#ifdef UNKNOT_HAVE_ESPEAK
#include <espeak-ng/speak_lib.h>
#endif

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static char g_lang[16] = "en"; /* the voice and the routine's words wanted (speech_set_language) */

static const char *const ONES[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
	"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
	"seventeen", "eighteen", "nineteen"
};
static const char *const TENS[] = {
	"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
};

/* Appends printf-style text to buf at *len, never overflowing. */
static void append(char *buf, size_t size, size_t *len, const char *fmt, const char *s)
{
	if (*len >= size)
		return;
	int n = snprintf(buf + *len, size - *len, fmt, s);
	if (n < 0)
		return;
	*len += (size_t)n;
	if (*len >= size)
		*len = size - 1;
}

/* Words for 0..999, appended; nothing for 0 unless `zero`. */
static void below_thousand(unsigned n, char *buf, size_t size, size_t *len)
{
	if (n >= 100) {
		append(buf, size, len, "%s hundred", ONES[n / 100]);
		n %= 100;
		if (n)
			append(buf, size, len, "%s", " ");
	}
	if (n >= 20) {
		append(buf, size, len, "%s", TENS[n / 10]);
		if (n % 10)
			append(buf, size, len, "-%s", ONES[n % 10]);
	} else if (n > 0) {
		append(buf, size, len, "%s", ONES[n]);
	}
}

char *speech_number_words(unsigned n, char *buf, size_t size)
{
	size_t len = 0;
	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (n > 999999)
		n = 999999;
	if (n == 0) {
		append(buf, size, &len, "%s", ONES[0]);
		return buf;
	}
	if (n >= 1000) {
		below_thousand(n / 1000, buf, size, &len);
		append(buf, size, &len, "%s", " thousand");
		n %= 1000;
		if (n)
			append(buf, size, &len, "%s", " ");
	}
	below_thousand(n, buf, size, &len);
	return buf;
}

/* The number for a spoken sentence whose format is `fmt`: English words when
 * the format is still the English `one` or `many` (no translation), else
 * digits, which espeak-ng says in the voice's own language. */
static const char *spoken_number(unsigned n, const char *fmt, const char *one, const char *many,
                                 char *buf, size_t size)
{
	if (strcmp(fmt, one) == 0 || strcmp(fmt, many) == 0)
		return speech_number_words(n, buf, size);
	snprintf(buf, size, "%u", n);
	return buf;
}

/* "%s seconds" / "%s minutes" for n, with its number: into out. One is a
 * whole phrase ("eine Minute", "une seconde"): a voice reads the digit 1 as
 * the bare numeral ("eins", "un"), not in the noun's gender. */
static void count_words(unsigned n, bool minutes, char *out, size_t size)
{
	char w[64];
	if (n == 1) {
		snprintf(out, size, "%s", minutes ? _("one minute") : _("one second"));
		return;
	}
	const char *one = minutes ? "%s minute" : "%s second";
	const char *many = minutes ? "%s minutes" : "%s seconds";
	const char *fmt = minutes ? ngettext("%s minute", "%s minutes", n) : ngettext("%s second", "%s seconds", n);
	snprintf(out, size, fmt, spoken_number(n, fmt, one, many, w, sizeof w));
}

char *speech_duration_words(uint32_t s, char *buf, size_t size)
{
	char a[96], b[96];
	unsigned m = s / 60, r = s % 60;
	if (size == 0)
		return buf;
	/* Up to 90 s people think in seconds ("ninety seconds"). */
	if (s <= 90 || m == 0) {
		count_words(s, false, buf, size);
	} else if (r == 0) {
		count_words(m, true, buf, size);
	} else if (r == 30) {
		const char *en = "%s and a half minutes", *fmt = _("%s and a half minutes");
		snprintf(buf, size, fmt, spoken_number(m, fmt, en, en, a, sizeof a));
	} else {
		count_words(m, true, a, sizeof a);
		count_words(r, false, b, sizeof b);
		/* TRANSLATORS: a spoken duration, "two minutes" then "ten seconds"
		 * (as a voice says it: "2 Minuten und 10 Sekunden") */
		snprintf(buf, size, C_("spoken", "%1$s %2$s"), a, b);
	}
	return buf;
}

/* Appends one sentence: `s` with its first letter capitalised, then ". ". */
static void sentence(char *buf, size_t size, size_t *len, const char *s)
{
	size_t start = *len;
	if (!s || !*s)
		return;
	append(buf, size, len, start ? " %s." : "%s.", s);
	if (start && start + 1 < size)
		start++;
	if (start < size)
		buf[start] = (char)toupper((unsigned char)buf[start]);
}

/* "Upper trapezius, left side": the target and the side as one sentence. */
static void target_side(const routine_entry *e, char *buf, size_t size, size_t *len)
{
	char tmp[ROUTINE_MAX_NAME * 2 + 64];
	/* the muscle's name in the language (core/muscle.h), else as written */
	const char *target = e->target && e->target[0] ? C_(MUSCLE_CONTEXT, e->target) : e->target;
	if (e->kind == ROUTINE_REST || !target) {
		if (e->side == ROUTINE_SIDE_LEFT)
			sentence(buf, size, len, _("left side"));
		else if (e->side == ROUTINE_SIDE_RIGHT)
			sentence(buf, size, len, _("right side"));
		return;
	}
	if (e->side == ROUTINE_SIDE_LEFT)
		snprintf(tmp, sizeof tmp, _("%s, left side"), target);
	else if (e->side == ROUTINE_SIDE_RIGHT)
		snprintf(tmp, sizeof tmp, _("%s, right side"), target);
	else
		snprintf(tmp, sizeof tmp, "%s", target);
	sentence(buf, size, len, tmp);
}

/* The tool, as one sentence ("Use the ball"), or nothing. */
static void tool_sentence(const routine_entry *e, char *buf, size_t size, size_t *len)
{
	const char *t = NULL;
	switch (e->tool) {
	case ROUTINE_TOOL_BALL: t = _("use the ball"); break;
	case ROUTINE_TOOL_PEANUT: t = _("use the peanut ball"); break;
	case ROUTINE_TOOL_ROLLER: t = _("use the roller"); break;
	case ROUTINE_TOOL_CANE: t = _("use the cane"); break;
	case ROUTINE_TOOL_HAND: t = _("use your hand"); break;
	default: break;
	}
	if (t)
		sentence(buf, size, len, t);
}

/* `s` put into the one-sentence format `fmt`, without its own full stop
 * (sentence() adds one). */
static void text_sentence(char *buf, size_t size, size_t *len, const char *fmt, const char *s)
{
	char tmp[ROUTINE_MAX_CAUTION + ROUTINE_MAX_PLACEMENT + 32], body[ROUTINE_MAX_CAUTION + ROUTINE_MAX_PLACEMENT];
	size_t n = strlen(s);
	snprintf(body, sizeof body, "%.*s", (int)(n && s[n - 1] == '.' ? n - 1 : n), s);
	snprintf(tmp, sizeof tmp, fmt, body);
	sentence(buf, size, len, tmp);
}

void speech_set_language(const char *lang)
{
	pthread_mutex_lock(&g_lock);
	snprintf(g_lang, sizeof g_lang, "%s", lang && *lang ? lang : "en");
	pthread_mutex_unlock(&g_lock);
}

/* The words for a timed entry (not a transition): a step's caution (a nerve
 * or vessel near the spot, issue 18) first, then the target and side, the
 * tool, where it goes, and how long; the caution and placement in the
 * language of the voice (routine_text: the routine's translation, else its
 * own words). With `names`, the target and side only. */
static size_t describe(const routine *r, const routine_entry *e, bool names, char *buf, size_t size)
{
	char dur[128], tmp[160], lang[sizeof g_lang];
	size_t len = 0;
	buf[0] = '\0';
	pthread_mutex_lock(&g_lock);
	memcpy(lang, g_lang, sizeof lang);
	pthread_mutex_unlock(&g_lock);
	const char *caution = routine_text(r, e, ROUTINE_FIELD_CAUTION, lang);
	const char *placement = routine_text(r, e, ROUTINE_FIELD_PLACEMENT, lang);
	if (names) {
		if (e->kind == ROUTINE_REST)
			sentence(buf, size, &len, _("rest"));
		target_side(e, buf, size, &len);
		return len;
	}
	if (caution && caution[0])
		text_sentence(buf, size, &len, _("Caution: %s"), caution);
	switch (e->kind) {
	case ROUTINE_ROLLING: sentence(buf, size, &len, _("rolling")); break;
	case ROUTINE_STRETCH: sentence(buf, size, &len, _("stretch")); break;
	case ROUTINE_REST: sentence(buf, size, &len, _("rest")); break;
	default: break;
	}
	target_side(e, buf, size, &len);
	tool_sentence(e, buf, size, &len);
	if (placement && placement[0])
		text_sentence(buf, size, &len, "%s", placement);
	speech_duration_words(e->duration_s, dur, sizeof dur);
	if (e->ends_on_tap) {
		snprintf(tmp, sizeof tmp, _("up to %s"), dur);
		sentence(buf, size, &len, tmp);
	} else {
		sentence(buf, size, &len, dur);
	}
	return len;
}

/* The entry that entry i announces (itself, or the step its transition
 * leads to), or NULL when it says nothing. */
static const routine_entry *announced(const routine *r, size_t i)
{
	const routine_entry *e = routine_entry_at(r, i);
	if (!e)
		return NULL;
	if (e->kind == ROUTINE_TRANSITION) {
		const routine_entry *next = routine_entry_at(r, i + 1);
		if (!next || next->kind == ROUTINE_TRANSITION || !next->cues.voice)
			return NULL;
		return next;
	}
	if (!e->cues.voice)
		return NULL;
	if (i > 0) {
		const routine_entry *prev = routine_entry_at(r, i - 1);
		if (prev && prev->kind == ROUTINE_TRANSITION)
			return NULL; /* its transition already announced it */
	}
	return e;
}

/* The words for entry i (whole, or only the names) into buf; 0 for none. */
static size_t announce(const routine *r, size_t i, bool names, char *buf, size_t size)
{
	if (size == 0)
		return 0;
	buf[0] = '\0';
	const routine_entry *e = announced(r, i);
	return e ? describe(r, e, names, buf, size) : 0;
}

size_t speech_announcement(const routine *r, size_t i, char *buf, size_t size)
{
	return announce(r, i, false, buf, size);
}

size_t speech_names(const routine *r, size_t i, char *buf, size_t size)
{
	return announce(r, i, true, buf, size);
}

#ifdef UNKNOT_HAVE_ESPEAK

static int g_rate;       /* espeak's output rate once initialised, else 0 */
static char g_init_err[160]; /* why it could not start; then it is not retried */
static char g_voice[16];       /* the voice set in espeak-ng, "" before the first */
static char g_missing[16];     /* a language already said to have no voice */

typedef struct {
	int16_t *pcm;
	size_t n, cap;
	int failed;
} sink;

/* espeak-ng hands over synthesised samples in pieces; collect them. */
static int synth_cb(short *wav, int numsamples, espeak_EVENT *events)
{
	sink *s = events ? events->user_data : NULL;
	if (!s || !wav || numsamples <= 0)
		return 0;
	if (s->n + (size_t)numsamples > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 16384;
		while (cap < s->n + (size_t)numsamples)
			cap *= 2;
		int16_t *p = realloc(s->pcm, cap * sizeof *p);
		if (!p) {
			s->failed = 1;
			return 1; /* abort synthesis */
		}
		s->pcm = p;
		s->cap = cap;
	}
	memcpy(s->pcm + s->n, wav, (size_t)numsamples * sizeof *wav);
	s->n += (size_t)numsamples;
	return 0;
}

bool speech_available(void)
{
	pthread_mutex_lock(&g_lock);
	bool ok = !g_init_err[0]; /* until espeak-ng failed to start */
	pthread_mutex_unlock(&g_lock);
	return ok;
}

/* Starts espeak-ng once (synchronous output into our callback). */
static int ensure_init(void)
{
	if (g_rate > 0)
		return 0;
	if (g_init_err[0])
		return -1;
	int rate = espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 200, NULL, espeakINITIALIZE_DONT_EXIT);
	if (rate <= 0) {
		if (espeaklib_error()[0]) /* not installed (io/espeaklib.h) */
			snprintf(g_init_err, sizeof g_init_err, "%s", espeaklib_error());
		else
			snprintf(g_init_err, sizeof g_init_err, "espeak-ng could not start (voice data missing?)");
		log_warn("%s: cues are tones only", g_init_err); /* once: g_init_err stays */
		return -1;
	}
	log_debug("speech: espeak-ng started, %d Hz", rate);
	espeak_SetSynthCallback(synth_cb);
	g_rate = rate;
	return 0;
}

/* espeak-ng's name for a language: "pt_BR" -> "pt-br". */
static void voice_name(const char *lang, char *out, size_t size)
{
	size_t i = 0;
	for (; lang[i] && i + 1 < size; i++)
		out[i] = lang[i] == '_' ? '-' : (char)tolower((unsigned char)lang[i]);
	out[i] = '\0';
}

/* The voice of g_lang, set when it changed. -1 (said once per language in
 * the log) when espeak-ng has none: the caller falls back to tones. */
static int ensure_voice(char *err, size_t errsize)
{
	char name[16];
	if (strcmp(g_voice, g_lang) == 0)
		return 0;
	voice_name(g_lang, name, sizeof name);
	if (espeak_SetVoiceByName(name) != EE_OK) {
		snprintf(err, errsize, "espeak-ng has no voice for \"%s\": tones only", g_lang);
		if (strcmp(g_missing, g_lang) != 0) {
			log_warn("%s", err);
			snprintf(g_missing, sizeof g_missing, "%s", g_lang);
		}
		g_voice[0] = '\0';
		return -1;
	}
	espeak_SetParameter(espeakRATE, 170, 0);   /* clear, yet short enough for a 5 s transition */
	espeak_SetParameter(espeakVOLUME, 100, 0);
	snprintf(g_voice, sizeof g_voice, "%s", g_lang);
	return 0;
}

bool speech_has_voice(const char *lang)
{
	char name[16];
	bool found = false;
	pthread_mutex_lock(&g_lock);
	if (ensure_init() == 0) {
		voice_name(lang && *lang ? lang : "en", name, sizeof name);
		const espeak_VOICE **v = espeak_ListVoices(NULL);
		for (size_t i = 0; v && v[i] && !found; i++) {
			/* languages: a priority byte, a name, NUL, ..., then an empty name */
			for (const char *l = v[i]->languages; l && l[0] && !found; l += strlen(l + 1) + 2)
				found = strcmp(l + 1, name) == 0;
		}
	}
	if (!found) /* the caller says so: speech_render() does not say it again */
		snprintf(g_missing, sizeof g_missing, "%s", lang && *lang ? lang : "en");
	pthread_mutex_unlock(&g_lock);
	return found;
}

int speech_render(const char *text, int16_t **pcm, size_t *frames, int *rate,
                  char *err, size_t errsize)
{
	sink s = {0};
	int rc = -1;
	pthread_mutex_lock(&g_lock);
	if (ensure_init() != 0) {
		snprintf(err, errsize, "%s", g_init_err);
		goto out;
	}
	if (ensure_voice(err, errsize) != 0)
		goto out;
	log_debug("speech %s: %s", g_voice, text); /* what the voice says (UNKNOT_TRACE) */
	espeak_ERROR e = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
	                              espeakCHARS_UTF8, NULL, &s);
	if (e != EE_OK || s.failed || s.n == 0) {
		snprintf(err, errsize, "espeak-ng could not speak \"%s\"", text);
		free(s.pcm);
		goto out;
	}
	*pcm = s.pcm;
	*frames = s.n;
	*rate = g_rate;
	rc = 0;
out:
	pthread_mutex_unlock(&g_lock);
	return rc;
}

#else /* no espeak-ng: tones only */

bool speech_available(void)
{
	return false;
}

bool speech_has_voice(const char *lang)
{
	(void)lang;
	return false;
}

int speech_render(const char *text, int16_t **pcm, size_t *frames, int *rate,
                  char *err, size_t errsize)
{
	(void)text;
	*pcm = NULL;
	*frames = 0;
	*rate = 0;
	snprintf(err, errsize, "spoken prompts unavailable: built without espeak-ng");
	return -1;
}

#endif
