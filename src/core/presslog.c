/* presslog: raw pedal edges as unknot-pedal reports them (see presslog.h). */
#include "core/presslog.h"

void presslog_open(presslog *p, unsigned debounce_ms, int level)
{
	p->debounce_ms = debounce_ms;
	p->down = false;
	p->held_at_open = level == 1;
	p->down_at = 0;
	p->up_at = 0;
}

presslog_kind presslog_edge(presslog *p, bool down, uint64_t ms, uint64_t *len_ms)
{
	if (!down) {
		if (!p->down) {
			if (p->held_at_open) {
				p->held_at_open = false;
				return PRESSLOG_HELD_UP;
			}
			return PRESSLOG_STRAY_UP;
		}
		p->down = false;
		p->up_at = ms;
		if (len_ms)
			*len_ms = ms >= p->down_at ? ms - p->down_at : 0;
		return PRESSLOG_UP;
	}
	p->held_at_open = false;
	if (p->down)
		return PRESSLOG_CHATTER; /* two downs in a row: still the same press */
	p->down = true;
	if (p->up_at && ms - p->up_at < p->debounce_ms)
		return PRESSLOG_CHATTER;
	p->down_at = ms;
	return PRESSLOG_DOWN;
}

bool presslog_feeds(presslog_kind k)
{
	return k == PRESSLOG_DOWN || k == PRESSLOG_CHATTER || k == PRESSLOG_UP;
}
