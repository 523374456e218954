/* muscle: the muscle names marked for translation (xgettext keyword NC_). */
#include "core/muscle.h"

#include <stdio.h>
#include <string.h>

/* Marks a name with its context for xgettext; the English name itself. */
#define NC_(ctx, s) (s)

static const char *const NAMES[] = {
	/* TRANSLATORS: muscle names, shown big on the run screen and spoken:
	 * the words a physiotherapist uses with a patient (lower case unless
	 * your language capitalises nouns) */
	NC_("muscle", "upper trapezius"),
	NC_("muscle", "levator scapulae"),
	NC_("muscle", "suboccipitals"),
	NC_("muscle", "temporalis"),
	NC_("muscle", "masseter"),
	NC_("muscle", "pectoralis major"),
	NC_("muscle", "rhomboids"),
	NC_("muscle", "thoracic extensors"),
	NC_("muscle", "infraspinatus"),
	NC_("muscle", "teres minor"),
	NC_("muscle", "forearm extensors"),
	NC_("muscle", "forearm flexors"),
	NC_("muscle", "quadratus lumborum"),
	NC_("muscle", "gluteus maximus"),
	NC_("muscle", "gluteus medius"),
	NC_("muscle", "gluteus minimus"),
	NC_("muscle", "piriformis"),
	NC_("muscle", "tensor fasciae latae"),
	NC_("muscle", "hamstrings"),
	NC_("muscle", "quadriceps"),
	NC_("muscle", "calves"),
	NC_("muscle", "soleus"),
	NC_("muscle", "tibialis anterior"),
	NC_("muscle", "flexor digitorum brevis"),
	NC_("muscle", "quadratus plantae"),
	NC_("muscle", "abductor hallucis"),
};

size_t muscle_count(void)
{
	return sizeof NAMES / sizeof NAMES[0];
}

const char *muscle_name(size_t i)
{
	return i < muscle_count() ? NAMES[i] : NULL;
}

bool muscle_known(const char *target)
{
	for (size_t i = 0; target && i < muscle_count(); i++)
		if (strcmp(NAMES[i], target) == 0)
			return true;
	return false;
}

const char *muscle_label(const char *target, fmsg_translator tr, char *id, size_t size)
{
	if (!target || !tr)
		return target;
	int n = snprintf(id, size, "%s\004%s", MUSCLE_CONTEXT, target);
	if (n < 0 || (size_t)n >= size)
		return target;
	const char *t = tr(id);
	return !t || t == id || strcmp(t, id) == 0 ? target : t;
}
