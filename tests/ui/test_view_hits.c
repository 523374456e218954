/* view: touch targets, including those whose argument depends on where they
 * are touched (view_target_resolved: the pain finder's body map), without a
 * window: later targets win, a resolver's -1 lets the touch fall through. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "ui/view.h"

/* The argument is the column of the touch in 10-px steps; nothing left of x = 20. */
static int by_column(const void *ctx, int x, int y)
{
	(void)y;
	const int *left = ctx;
	return x < *left ? -1 : x / 10;
}

static void resolved_targets(void **state)
{
	(void)state;
	static view v;
	static const int left = 20;
	memset(&v, 0, sizeof v);
	view_target(&v, (SDL_Rect){ 0, 0, 100, 100 }, VIEW_BTN_BACK, 7);
	view_target_resolved(&v, (SDL_Rect){ 0, 0, 100, 50 }, VIEW_BTN_FINDER_AREA, by_column, &left);
	int arg = -5;
	assert_int_equal(view_hit_test(&v, 45, 10, &arg), VIEW_BTN_FINDER_AREA);
	assert_int_equal(arg, 4);
	assert_int_equal(view_hit_test(&v, 99, 49, &arg), VIEW_BTN_FINDER_AREA);
	assert_int_equal(arg, 9);
	/* nothing there: the target below takes it, with its own argument */
	assert_int_equal(view_hit_test(&v, 5, 10, &arg), VIEW_BTN_BACK);
	assert_int_equal(arg, 7);
	assert_int_equal(view_hit_test(&v, 45, 70, &arg), VIEW_BTN_BACK);
	assert_int_equal(view_hit_test(&v, 150, 10, &arg), VIEW_BTN_NONE);
	/* a plain target registered later gets no resolver from the slot's past */
	v.nhits = 0;
	view_target(&v, (SDL_Rect){ 0, 0, 100, 100 }, VIEW_BTN_BACK, 1);
	view_target(&v, (SDL_Rect){ 0, 0, 100, 50 }, VIEW_BTN_FINDER_PICK, 3);
	assert_int_equal(view_hit_test(&v, 5, 5, &arg), VIEW_BTN_FINDER_PICK);
	assert_int_equal(arg, 3);
	assert_string_equal(view_button_name(VIEW_BTN_FINDER_MAKE), "finder_make");
	assert_string_equal(view_screen_name(VIEW_FINDER), "finder");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(resolved_targets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
