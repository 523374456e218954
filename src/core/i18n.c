/* i18n: the translator the app binds (see i18n.h). */
#include "core/i18n.h"

static i18n_get_fn i18n_get;
static i18n_nget_fn i18n_nget;

void i18n_bind(i18n_get_fn get, i18n_nget_fn nget)
{
	i18n_get = get;
	i18n_nget = nget;
}

const char *i18n_tr(const char *s)
{
	return i18n_get && s ? i18n_get(s) : s;
}

const char *i18n_ntr(const char *one, const char *many, unsigned long n)
{
	return i18n_nget ? i18n_nget(one, many, n) : n == 1 ? one : many;
}
