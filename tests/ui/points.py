#!/usr/bin/env python3
"""points.py W H [--walk]: touch points of the layout (src/ui/layout.c,
screen_run.c, screen_library.c, screen_safety.c) for a W x H window, computed
as the app does, as shell assignments for eval; with --walk, the --input
script of the walk through every screen of a session that tests/e2e/ui_walk.sh
and i18n_fit.sh play."""
import sys

w, h = int(sys.argv[1]), int(sys.argv[2])
s = min(w, h) / 480.0
if h > w and h > w * 3 // 2:
    s *= 1.1


def px(v, m):
    return max(m, int(v * s + 0.5))


pad, gap, btn = px(16, 8), px(10, 6), px(60, 48)
fs_title = px(32, 20)
# run screen: five buttons along the bottom
by = pad // 2 + (h - pad) - btn + btn // 2
bw = w - 2 * pad
cw = (bw - gap * 4) // 5
cols = [pad + i * (cw + gap) + cw // 2 for i in range(5)]
if len(sys.argv) <= 3:
    print("RUN_Y=%d PREV_X=%d PAUSE_X=%d NEXT_X=%d EXTEND_X=%d END_X=%d" % (by, *cols))
# safety: "I understand" at the bottom right (the summary's Done too)
    print("OK_X=%d OK_Y=%d" % (w - pad - 10, h - pad - btn // 2))
# library: the first card, top left under the header; Settings at the header's right
    print("CARD_X=%d CARD_Y=%d" % (pad + 30, pad // 2 + fs_title * 2 + gap + 30))
    print("SET_X=%d SET_Y=%d" % (w - pad - px(75, 40), pad // 2 + fs_title))
# settings: Safety at the header's right
    print("SAFE_X=%d SAFE_Y=%d" % (w - pad - 10, pad // 2 + btn // 2))

WALK = """# seconds  input       edge
0.200      touch {OK_X} {OK_Y} down
0.250      touch {OK_X} {OK_Y} up
0.500      touch {CARD_X} {CARD_Y} down
0.550      touch {CARD_X} {CARD_Y} up
# preview: Enter (a pedal key) starts; the get-ready transition runs 3 s
1.000      key:return down
1.100      key:return up
# in the left compression: pause by touch, resume by a pedal tap
6.000      touch {PAUSE_X} {RUN_Y} down
6.050      touch {PAUSE_X} {RUN_Y} up
7.000      pedal down
7.100      pedal up
# a discomfort hold, then +15 s and next by touch
9.000      pedal down
10.000     pedal up
11.000     touch {EXTEND_X} {RUN_Y} down
11.050     touch {EXTEND_X} {RUN_Y} up
13.000     touch {NEXT_X} {RUN_Y} down
13.050     touch {NEXT_X} {RUN_Y} up
# two discomforts on the right side: the second offers to skip
20.000     pedal down
21.000     pedal up
23.000     pedal down
24.000     pedal up"""
if len(sys.argv) > 3 and sys.argv[3] == "--walk":
    print(WALK.format(RUN_Y=by, PAUSE_X=cols[1], NEXT_X=cols[2], EXTEND_X=cols[3],
                      OK_X=w - pad - 10, OK_Y=h - pad - btn // 2,
                      CARD_X=pad + 30, CARD_Y=pad // 2 + fs_title * 2 + gap + 30))
