/* safety: the project's safety, guidance and aftercare texts. */
#include "core/safety.h"
#include "core/i18n.h"

#include <stdio.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The safety screen: short enough to read in one go on a 800x480 panel
 * (four cards), complete enough to stop someone who should not start. "Not a
 * diagnosis" is in its title; the red flags come first. */
static const char *const short_redflags[] = {
	N_("Chest pain, breathlessness, or pain spreading to the jaw or arm: call emergency services"),
	N_("One calf swollen, warm, red or newly painful: no pressure, see a doctor today"),
	N_("Sudden severe headache; numb groin, bladder or bowel change; a leg getting weaker"),
};

static const char *const short_contra[] = {
	N_("A recent injury, fracture or surgery; osteoporosis or cancer"),
	N_("Blood thinners or a bleeding disorder"),
	N_("Varicose veins or a thrombosis (DVT): not on the legs"),
	N_("Diabetes or numb feet, pregnancy, open wounds, infection or fever"),
};

/* The one stop rule (the same words as the Safety page and the step texts). */
static const char *const short_stop[] = {
	N_("Sharp, electric, shooting or burning pain, tingling or numbness"),
	N_("Pain that builds while you hold, dizziness, or a pulse under the ball"),
	N_("Not a stop sign: a dull ache in the shaded zone that fades or stays the same"),
};

static const char *const short_pressure[] = {
	N_("A deep ache of about 5 to 7 out of 10. Never sharp."),
	N_("Breathe slowly. Holding your breath or tensing up means: ease off."),
	N_("Stay off the throat, the hollow above the collarbone, the armpit, the spine, belly, "
	"kidney area, groin, inner thigh, back of the knee and bones."),
};

static const safety_section short_sections[] = {
	{ N_("Get medical help instead"), short_redflags, COUNT(short_redflags), 1 },
	{ N_("Ask a professional first"), short_contra, COUNT(short_contra), 0 },
	{ N_("Stop at once on"), short_stop, COUNT(short_stop), 1 },
	{ N_("How much pressure"), short_pressure, COUNT(short_pressure), 0 },
};

/* The Safety page: the same, explained, after what unknot is. */
static const char *const about_items[] = {
	N_("unknot guides self-treatment of muscle trigger points with a ball, roller or your hands. "
	"It is self-care guidance, not a diagnosis and not a substitute for a doctor or physiotherapist."),
	N_("If you do not know why something hurts, or it is getting worse, have it checked first."),
};

static const char *const redflag_items[] = {
	N_("Chest pain, pressure or tightness, breathlessness, or pain spreading to the jaw, neck or arm that is not "
	"clearly muscular: call emergency services now."),
	N_("A calf (or thigh) that is swollen, warm, red or newly painful on one side, especially after surgery, a long "
	"journey, bed rest, in pregnancy or after giving birth: no pressure on it; see a doctor today (a possible "
	"deep-vein thrombosis, a clot)."),
	N_("A headache that is sudden and severe, comes with fever and a stiff neck, follows a head injury, or comes with "
	"weakness, numbness, confusion, speech or vision changes: get medical help at once."),
	N_("Back or leg pain with numbness in the groin or between the legs, a change in bladder or bowel control, or a "
	"leg that is getting weaker: get medical help at once."),
	N_("Back pain with fever, unexplained weight loss, night pain that rest does not ease, or after cancer: see a "
	"doctor before treating it."),
};

static const char *const contra_items[] = {
	N_("A recent injury, strain or fall in the area: let it heal first."),
	N_("A known or suspected fracture, or osteoporosis: no pressure on bone, no rolling over it."),
	N_("Blood thinners or a bleeding disorder: you bruise easily; use only light pressure, and ask your doctor first."),
	N_("Varicose veins, or a deep-vein thrombosis now or in the past: never press or roll the legs."),
	N_("Diabetes or neuropathy (reduced feeling, above all in the feet): ask your doctor or podiatrist first, press "
	"lightly and check the skin afterwards; you may not feel when it is too much."),
	N_("Open wounds, burns, rashes, skin infection or fever: not over the affected area, not while unwell."),
	N_("Surgery in the last months: only once your surgeon or physiotherapist says so."),
	N_("Cancer, or treatment for it: ask your care team before any deep pressure."),
	N_("Pregnancy: skip lying face down or on your back late in pregnancy, and ask your midwife about deep pressure on the legs and low back."),
	N_("Numbness, weakness or pins and needles you already have: have them checked before treating the area."),
};

static const char *const stop_items[] = {
	N_("One rule everywhere: a dull, deep ache that matches the shaded zone on the body map and fades or stays the "
	"same while you hold is referred pain from the knot, and expected. Sharp, electric, shooting or burning pain, "
	"tingling, numbness or pins and needles, or pain that builds while you hold means move off at once: you are "
	"probably on a nerve. Move the tool a finger's width and try again lighter, or leave that area."),
	N_("Stop on dizziness, or a throbbing pulse under the tool: you may be on an artery."),
	N_("Stay off the front and sides of the throat, the hollow above the collarbone, the armpit, the spine itself, "
	"the belly, the kidney area (below the lowest ribs beside the spine), the groin and the inner upper thigh, "
	"the back of the knee, and any bony point."),
	N_("Signal discomfort (hold the pedal, by default) whenever it is too much: unknot shows you how to ease off."),
};

static const char *const pressure_items[] = {
	N_("Aim for a discomfort of about 5 to 7 out of 10: a deep, 'good' ache you can breathe through. Never sharp."),
	N_("If you hold your breath, clench your jaw or tense up around the ball, it is too much: ease off."),
	N_("Breathe slowly and let the muscle melt onto the tool. When it eases, the ache fades or the spot softens."),
	N_("A dull ache may spread into the zone the knot refers to (the shaded area on the body map); that is expected "
	"when it fades or stays the same. If it sharpens, shoots or builds, move off (see Stop when)."),
	N_("Less is more on the first sessions: lighter and shorter, then build up."),
};

static const safety_section sections[] = {
	{ N_("Self-care, not a diagnosis"), about_items, COUNT(about_items), 0 },
	{ N_("Get medical help instead of using unknot"), redflag_items, COUNT(redflag_items), 1 },
	{ N_("Ask a professional first, or do not use unknot, if you have"), contra_items, COUNT(contra_items), 0 },
	{ N_("Stop when"), stop_items, COUNT(stop_items), 1 },
	{ N_("How much pressure"), pressure_items, COUNT(pressure_items), 0 },
};

static const char *const aftercare_items[] = {
	N_("Some soreness in the treated muscles for 24 to 48 hours is normal, like after a workout."),
	N_("Drink a glass of water and move gently: a walk, easy stretches of the muscles you treated."),
	N_("Give each area 48 hours (every other day) before treating it again."),
	N_("If pain persists after a few days, gets worse, or you feel numbness, tingling or weakness, see a doctor or physiotherapist."),
};

static const safety_section aftercare = {
	N_("Aftercare"), aftercare_items, COUNT(aftercare_items), 0
};

const safety_section *safety_sections(size_t *count)
{
	if (count)
		*count = COUNT(short_sections);
	return short_sections;
}

const safety_section *safety_details(size_t *count)
{
	if (count)
		*count = COUNT(sections);
	return sections;
}

const char *safety_title(void)
{
	return N_("Before you start: self-care guidance, not a diagnosis");
}

const char *safety_reminder(void)
{
	return N_("Self-care guidance, not a diagnosis. Move off at once on sharp, shooting or burning pain, tingling or numbness.");
}

const char *safety_accept_prompt(void)
{
	return N_("Tap to confirm you have read this and want to continue.");
}

const char *safety_ease_off(routine_tool tool)
{
	switch (tool) {
	case ROUTINE_TOOL_BALL:
	case ROUTINE_TOOL_PEANUT:
		return N_("Ease off the pressure: lean less of your weight into the ball, or move it a finger's width "
		       "off the spot. Breathe out slowly. The ache should drop to a 5 out of 10 or less.");
	case ROUTINE_TOOL_ROLLER:
		return N_("Ease off the pressure: take more weight on your hands and feet, and roll more slowly "
		       "over a smaller range. Breathe out slowly. Aim for a 5 out of 10 or less.");
	case ROUTINE_TOOL_CANE:
		return N_("Ease off the pressure: pull the cane more gently, or move the tip a little off the spot. "
		       "Breathe out slowly. Aim for a 5 out of 10 or less.");
	case ROUTINE_TOOL_HAND:
		return N_("Ease off the pressure: press with the flat of your fingers, more gently. "
		       "Breathe out slowly. Aim for a 5 out of 10 or less.");
	default:
		break;
	}
	return N_("Ease off the pressure, or ease out of the stretch a little. Breathe out slowly. "
	       "Any discomfort should drop to a 5 out of 10 or less.");
}

const char *safety_skip_offer(void)
{
	return N_("Still too much? It is fine to skip this step today. Tap to skip it, or keep going gently.");
}

const safety_section *safety_aftercare(void)
{
	return &aftercare;
}

char *safety_course(char *buf, size_t size, const char *target, int sessions)
{
	if (!buf || size == 0)
		return buf;
	if (!target || !*target)
		target = N_("This area");
	if (sessions < 1)
		sessions = 1;
	if (sessions <= SAFETY_COURSE_MAX)
		snprintf(buf, size, "%s: session %d of the %d-%d a chronic trigger point usually needs.",
		         target, sessions, SAFETY_COURSE_MIN, SAFETY_COURSE_MAX);
	else
		snprintf(buf, size, "%s: session %d. A trigger point that still needs work after %d sessions "
		         "is worth showing to a physiotherapist.", target, sessions, SAFETY_COURSE_MAX);
	return buf;
}

const char *safety_course_note(void)
{
	return N_("A trigger point that has been there a while usually needs 4 to 6 sessions, two days apart. "
	       "Each one should leave it a little less tender, and the referred pain a little weaker.");
}

char *safety_overtreat(char *buf, size_t size, const char *target, int hours_ago, int window_h)
{
	return safety_overtreat_tr(buf, size, target, hours_ago, window_h, NULL);
}

char *safety_overtreat_tr(char *buf, size_t size, const char *target, int hours_ago, int window_h,
                          fmsg_translator tr)
{
	char tg[160];
	if (!buf || size == 0)
		return buf;
	if (!target || !*target)
		target = FMSG_W("This area"); /* translated with the sentence */
	snprintf(tg, sizeof tg, "%s", target);
	if (hours_ago < 0)
		hours_ago = 0;
	if (window_h <= 0)
		window_h = SAFETY_OVERTREAT_HOURS;
	fmsg m;
	if (hours_ago < 1)
		fmsg_set(&m, N_("%s was treated less than an hour ago. Give it %d h to recover, "
		         "or go very lightly today."), tg, window_h);
	else
		fmsg_set(&m, N_("%s was treated %d h ago. Give it %d h to recover, "
		         "or go very lightly today."), tg, hours_ago, window_h);
	return fmsg_format(&m, tr, buf, size);
}

const char *safety_checkin_question(void)
{
	return N_("You treated this area recently. How does it feel today?");
}

const char *safety_checkin_answers(void)
{
	return N_("Tap: fine     Hold: still sore");
}

const char *safety_checkin_sore_advice(void)
{
	return N_("Still sore: use lighter pressure today and skip any spot that is still sore or bruised from last time. "
	       "Soreness that lasts more than two days is a reason to rest it longer.");
}
