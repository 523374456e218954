/* rtrans: "FIELD@LANG" members validated, stored and looked up (see rtrans.h). */
#include "core/rtrans.h"
#include "core/muscle.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "core/vec.h"

/* Field names as written in files, in routine_field order. */
static const char *const field_names[ROUTINE_FIELD_COUNT] = {
	"title", "description", "text", "placement", "caution", "refers_to"
};

/* ISO 639-1, two letters each. */
static const char iso639_1[] =
	"aaabaeafakamanarasavayazbabebgbhbibmbnbobrbscacechcocrcscucvcydadedvdzeeeleneoes"
	"eteufafffifjfofrfygagdglgngugvhahehihohrhthuhyhziaidieigiiikioisitiujajvkakgkikj"
	"kkklkmknkokrkskukvkwkylalblglilnloltlulvmgmhmimkmlmnmrmsmtmynanbndnengnlnnnonrnv"
	"nyocojomorospapiplpsptqurmrnrorurwsascsdsesgsiskslsmsnsosqsrssstsusvswtatetgthti"
	"tktltntotrtstttwtyugukuruzvevivowawoxhyiyozazhzu";

bool rtrans_is_key(const char *key)
{
	return strchr(key, '@') != NULL;
}

bool rtrans_tag_ok(const char *tag)
{
	if (!islower((unsigned char)tag[0]) || !islower((unsigned char)tag[1]))
		return false;
	bool known = false;
	for (size_t i = 0; i + 1 < sizeof iso639_1 - 1 && !known; i += 2)
		known = iso639_1[i] == tag[0] && iso639_1[i + 1] == tag[1];
	if (!known)
		return false;
	const char *s = tag + 2;
	if (!*s)
		return true;
	if (*s++ != '-')
		return false;
	size_t n = strlen(s);
	if (n == 2) /* region: "BR" */
		return isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]);
	if (n == 4) /* script: "Hant" */
		return isupper((unsigned char)s[0]) && islower((unsigned char)s[1]) &&
		       islower((unsigned char)s[2]) && islower((unsigned char)s[3]);
	return false;
}

/* The value of a translation, checked as the field itself would be. */
static const char *field_value(ctx *c, const cJSON *m, const char *p, routine_field f)
{
	switch (f) {
	case ROUTINE_FIELD_TITLE:
		return rcheck_string(c, m, p, ROUTINE_MAX_TITLE, true);
	case ROUTINE_FIELD_DESCRIPTION:
	case ROUTINE_FIELD_TEXT:
		return rcheck_string(c, m, p, ROUTINE_MAX_TEXT, false);
	case ROUTINE_FIELD_PLACEMENT:
		return rcheck_line(c, m, p, ROUTINE_MAX_PLACEMENT);
	case ROUTINE_FIELD_CAUTION:
		return rcheck_line(c, m, p, ROUTINE_MAX_CAUTION);
	case ROUTINE_FIELD_REFERS_TO:
		return rcheck_refers_to(c, m, p);
	default:
		return NULL;
	}
}

/* "title, description" for the fields in mask. */
static void field_list(unsigned mask, char *buf, size_t size)
{
	size_t n = 0;
	buf[0] = '\0';
	for (int f = 0; f < ROUTINE_FIELD_COUNT; f++)
		if (mask & (1u << f) && n < size)
			n += (size_t)snprintf(buf + n, size - n, "%s%s", n ? ", " : "", field_names[f]);
}

void rtrans_member(ctx *c, const cJSON *obj, const cJSON *m, const char *p, int step_path,
                   unsigned fields, const char *where)
{
	char q[128], list[96], base[32];
	const char *at = strchr(m->string, '@');
	const char *tag = at + 1;
	size_t bl = (size_t)(at - m->string);
	snprintf(base, sizeof base, "%.*s", (int)(bl < sizeof base ? bl : sizeof base - 1), m->string);
	int f = rcheck_index_of(base, field_names, ROUTINE_FIELD_COUNT);
	field_list(fields, list, sizeof list);
	if (f < 0 || !(fields & (1u << f))) {
		rcheck_report(c, ROUTINE_ERROR, p, AT_KEY, p, N_("%s cannot be translated in %s (only %s)"),
		              rcheck_quote(base, q, sizeof q), where, list);
		return;
	}
	if (!rtrans_tag_ok(tag)) {
		rcheck_report(c, ROUTINE_ERROR, p, AT_KEY, p,
		              N_("%s is not a language tag (a two-letter ISO 639-1 code such as \"de\", "
		              "optionally with a region: \"pt-BR\")"), rcheck_quote(tag, q, sizeof q));
		return;
	}
	if (!cJSON_GetObjectItemCaseSensitive(obj, base)) {
		rcheck_report(c, ROUTINE_ERROR, p, AT_KEY, p,
		              N_("translates \"%s\", which %s does not have (write \"%s\" first)"), base,
		              step_path < 0 ? FMSG_W("the routine") : FMSG_W("this step"), base);
		return;
	}
	const char *v = field_value(c, m, p, (routine_field)f);
	if (!v || strlen(tag) >= sizeof c->r->tr[0].lang)
		return;
	routine *r = c->r;
	if (!vec_reserve((void **)&r->tr, &r->captr, r->ntr + 1, sizeof *r->tr, 16)) {
		c->oom = true;
		return;
	}
	rtrans_item *it = &r->tr[r->ntr++];
	it->step_path = step_path;
	it->field = f;
	snprintf(it->lang, sizeof it->lang, "%s", tag);
	it->value = v;
}

void rtrans_language(ctx *c, const cJSON *m, const char *p)
{
	char q[128];
	if (!cJSON_IsString(m)) {
		ERR(c, p, N_("must be a language tag such as \"en\" or \"de\", not %s"), rcheck_type_name(m));
		return;
	}
	if (!rtrans_tag_ok(m->valuestring)) {
		ERR(c, p, N_("%s is not a language tag (a two-letter ISO 639-1 code such as \"de\", "
		    "optionally with a region: \"pt-BR\")"), rcheck_quote(m->valuestring, q, sizeof q));
		return;
	}
	c->r->language = rcheck_pool(c, m->valuestring);
}

/* lang as a tag: "de_DE.UTF-8@euro" -> "de-DE"; "C" and "POSIX" -> "". */
static void normalise(const char *lang, char *out, size_t size)
{
	size_t n = 0;
	for (const char *s = lang ? lang : ""; *s && *s != '.' && *s != '@' && n + 1 < size; s++)
		out[n++] = *s == '_' ? '-' : *s;
	out[n] = '\0';
	if (strcmp(out, "C") == 0 || strcmp(out, "POSIX") == 0)
		out[0] = '\0';
}

/* True when tags a and b name the same language (the two letters). */
static bool same_language(const char *a, const char *b)
{
	return tolower((unsigned char)a[0]) == tolower((unsigned char)b[0]) && a[0] &&
	       tolower((unsigned char)a[1]) == tolower((unsigned char)b[1]) &&
	       (a[2] == '\0' || a[2] == '-') && (b[2] == '\0' || b[2] == '-');
}

/* Tags compared without regard to case. */
static bool tag_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return false;
	return *a == *b;
}

const char *rtrans_lookup(const routine *r, int step_path, routine_field field, const char *lang)
{
	char want[16];
	normalise(lang, want, sizeof want);
	if (!want[0])
		return NULL;
	const char *near = NULL, *plain = NULL;
	for (size_t i = 0; i < r->ntr; i++) {
		const rtrans_item *it = &r->tr[i];
		if (it->step_path != step_path || it->field != (int)field)
			continue;
		if (tag_eq(it->lang, want))
			return it->value;
		if (same_language(it->lang, want)) {
			if (!it->lang[2] && !plain)
				plain = it->value;
			else if (!near)
				near = it->value;
		}
	}
	/* the file's own language, in another region: its own words */
	if (same_language(want, r->language ? r->language : "en"))
		return NULL;
	return plain ? plain : near;
}

/* routine.h: a field in lang, falling back per field (here, beside the
 * lookup it wraps, so routine.c stays the parser). */
const char *routine_text(const routine *r, const routine_entry *e, routine_field f, const char *lang)
{
	const char *own[ROUTINE_FIELD_COUNT] = {
		r->title, r->description, e ? e->text : NULL, e ? e->placement : NULL,
		e ? e->caution : NULL, e ? e->refers_to : NULL,
	};
	if ((unsigned)f >= ROUTINE_FIELD_COUNT || (f > ROUTINE_FIELD_DESCRIPTION && !e))
		return NULL;
	if (f == ROUTINE_FIELD_TEXT && e->kind == ROUTINE_TRANSITION)
		return own[f]; /* its "get ready" line, not the step's text */
	const char *t = rtrans_lookup(r, f <= ROUTINE_FIELD_DESCRIPTION ? -1 : e->step_path, f, lang);
	return t ? t : own[f];
}

char *routine_get_ready(const routine_entry *e, fmsg_translator tr, char *buf, size_t size)
{
	char id[ROUTINE_MAX_NAME + 16];
	const char *what = e->target ? muscle_label(e->target, tr, id, sizeof id) : routine_kind_name(e->kind);
	fmsg m;
	if (e->side == ROUTINE_SIDE_LEFT)
		fmsg_set(&m, N_("Get ready: %s, left side"), what ? what : "");
	else if (e->side == ROUTINE_SIDE_RIGHT)
		fmsg_set(&m, N_("Get ready: %s, right side"), what ? what : "");
	else
		fmsg_set(&m, N_("Get ready: %s"), what ? what : "");
	return fmsg_format(&m, tr, buf, size);
}
