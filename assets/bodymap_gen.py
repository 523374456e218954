#!/usr/bin/env python3
"""Generates assets/bodymap.json: the body outlines and muscle regions.

    python3 assets/bodymap_gen.py > assets/bodymap.json

Coordinates: each view is 100 x 220 map units, y down. The FRONT view shows the
person facing you, so the person's LEFT is on the viewer's RIGHT (x > 50); the
BACK view shows them from behind, so the person's LEFT is on the viewer's LEFT
(x < 50). Every region polygon below is written once, in viewer-left
coordinates (x < 50), and mirrored; `bilateral()` assigns the person's side
from the view, so nobody has to get the mirror right by hand.

Edit the numbers here, regenerate, and look at the result with
build/tests/helpers/bodymap_shot (see tests/helpers/bodymap_shot.c).
"""
import json
import sys

W, H = 100.0, 220.0


def catmull(points, steps=3):
    """A closed-or-open Catmull-Rom curve through `points`; a point given twice
    in a row makes a sharp corner."""
    out = []
    n = len(points)
    for i in range(n - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, n - 1)]
        if p1 == p2:
            continue
        for s in range(steps):
            t = s / steps
            t2, t3 = t * t, t * t * t
            x = 0.5 * ((2 * p1[0]) + (-p0[0] + p2[0]) * t + (2 * p0[0] - 5 * p1[0] + 4 * p2[0] - p3[0]) * t2
                       + (-p0[0] + 3 * p1[0] - 3 * p2[0] + p3[0]) * t3)
            y = 0.5 * ((2 * p1[1]) + (-p0[1] + p2[1]) * t + (2 * p0[1] - 5 * p1[1] + 4 * p2[1] - p3[1]) * t2
                       + (-p0[1] + 3 * p1[1] - 3 * p2[1] + p3[1]) * t3)
            out.append((x, y))
    out.append(points[-1])
    return out


def mirror(pts):
    return [(W - x, y) for (x, y) in pts]


def rnd(pts):
    res = []
    for x, y in pts:
        p = [round(min(max(x, 0), W), 2), round(min(max(y, 0), H), 2)]
        if not res or res[-1] != p:
            res.append(p)
    if len(res) > 1 and res[0] == res[-1]:
        res.pop()
    return res


# The viewer-right half of the silhouette (x >= 50), from the top of the head
# clockwise to the crotch. Doubled points are corners.
HALF = [
    (50, 5.0), (54.5, 5.8), (57.8, 8.8), (59.0, 13.5), (59.1, 17.0),
    # ear
    (60.2, 16.6), (60.6, 19.0), (60.0, 22.6), (59.0, 23.4),
    # jaw to neck
    (58.2, 26.5), (56.2, 29.6), (55.4, 31.4), (55.4, 31.4), (55.6, 35.0),
    # trapezius slope to the shoulder
    (57.5, 38.2), (63.0, 40.2), (69.5, 41.6), (74.0, 43.4), (76.8, 46.8), (77.9, 52.0),
    # arm, outer edge, down to the hand
    (78.0, 60.0), (78.3, 70.0), (78.4, 80.0), (78.6, 87.0), (79.0, 95.0), (78.4, 103.0),
    (77.6, 109.5), (78.6, 115.0), (78.7, 121.5), (77.6, 127.5), (75.8, 131.2),
    (74.0, 131.6), (72.6, 129.6), (72.2, 124.0), (72.4, 118.0), (72.6, 112.0),
    # arm, inner edge, up to the armpit
    (72.5, 108.5), (71.9, 100.0), (71.1, 92.0), (70.4, 85.5), (69.5, 77.0), (68.8, 68.0),
    (68.0, 61.0), (67.2, 58.6), (67.2, 58.6),
    # side of the torso down to the hip
    (66.6, 63.0), (66.1, 70.0), (65.0, 78.0), (64.2, 85.0), (64.3, 92.0), (65.6, 100.0),
    (67.2, 106.0), (67.8, 112.0),
    # leg, outer edge
    (67.6, 120.0), (66.7, 132.0), (65.2, 145.0), (63.8, 155.0), (63.7, 162.0),
    (64.6, 171.0), (64.0, 181.0), (62.2, 192.0), (60.0, 201.0), (59.6, 204.5),
    # foot
    (60.8, 209.0), (61.8, 212.8), (60.6, 215.2), (57.0, 215.6), (53.8, 215.3), (52.9, 212.5),
    (53.6, 208.0), (54.2, 203.5),
    # leg, inner edge, up to the crotch
    (53.6, 196.0), (53.0, 186.0), (52.8, 176.0), (53.2, 167.0), (53.6, 160.5),
    (53.2, 154.0), (52.6, 144.0), (51.8, 132.0), (51.0, 122.0), (50.0, 117.6),
]


# The sole of the person's left foot as a footprint inset beside the left foot
# of the BACK view (viewer-left there is the person's left; toes up, heel down,
# the big toe towards the body's midline). The soles are on neither figure, so
# the foot's own muscles and the arch and heel referrals are drawn here.
SOLE = [(7.0, 186.0), (7.6, 182.4), (10.0, 180.0), (13.4, 179.4), (16.0, 180.8), (16.9, 184.8), (16.2, 190.0),
        (14.4, 195.0), (14.2, 200.0), (15.0, 205.0), (14.9, 210.0), (12.6, 213.2), (9.6, 213.2), (7.6, 210.4),
        (7.2, 203.0), (6.6, 195.0), (6.5, 190.0)]


SOLE_C, SOLE_K = (11.7, 196.3), 1.35  # the inset is drawn 1.35 x the coordinates written here


def sole_scale(pts):
    """Scales points written in the inset's coordinates about its centre, so
    the soles are big enough to read (about 19 x 46 units)."""
    return [(SOLE_C[0] + SOLE_K * (x - SOLE_C[0]), SOLE_C[1] + SOLE_K * (y - SOLE_C[1])) for (x, y) in pts]


def in_sole(pts):
    return all(x < 20 and y > 175 for (x, y) in pts)


def sole_outlines():
    pts = sole_scale(smooth_closed(SOLE))
    return [rnd(pts), rnd(mirror(pts))]


def outline():
    half = catmull(HALF, steps=3)
    # the left half is the mirror, walked back up from the crotch to the head
    other = [(W - x, y) for (x, y) in reversed(half[1:-1])]
    return rnd(half + other)


def ellipse(cx, cy, rx, ry, n=16, a0=0.0, a1=360.0):
    import math
    pts = []
    for i in range(n + (0 if a1 - a0 >= 360 else 1)):
        a = math.radians(a0 + (a1 - a0) * i / n)
        pts.append((cx + rx * math.cos(a), cy + ry * math.sin(a)))
    return pts


def smooth_closed(pts, steps=2):
    """A closed Catmull-Rom curve through pts (for soft-edged muscle shapes)."""
    ring = [pts[-1]] + list(pts) + [pts[0], pts[1]]
    out = []
    for i in range(1, len(ring) - 2):
        seg = catmull(ring[i - 1:i + 3], steps)
        # catmull over 4 points yields spans 0-1,1-2,2-3; we want span 1-2 only
        out.extend(seg[steps:2 * steps])
    return out


def both_lines(pts_viewer_left):
    return [rnd(pts_viewer_left), rnd(mirror(pts_viewer_left))]


def lines_front():
    L = []
    # collarbones
    L += both_lines(catmull([(48.6, 42.6), (44, 42.2), (38, 42.8), (31, 44.2)], 3))
    # lower edge of the chest
    L += both_lines(catmull([(48.8, 62.6), (44, 64.4), (38.5, 63.4), (34.6, 59.5)], 3))
    # midline of the belly, navel
    L.append(rnd([(50, 66), (50, 86)]))
    L.append(rnd(ellipse(50, 90, 0.9, 1.2, 10)))
    # groin creases
    L += both_lines(catmull([(34.4, 103), (40, 109), (46.5, 114.5)], 3))
    # knee caps
    L += both_lines(ellipse(42, 158.5, 2.8, 3.6, 14))
    # jaw line hint
    L.append(rnd(catmull([(44.8, 27.5), (47.5, 30.3), (50, 31.0), (52.5, 30.3), (55.2, 27.5)], 3)))
    return L


def lines_back():
    L = []
    # spine
    L.append(rnd([(50, 36), (50, 103)]))
    # hairline
    L.append(rnd(catmull([(42.6, 24.0), (46.0, 26.0), (50, 26.6), (54.0, 26.0), (57.4, 24.0)], 3)))
    # shoulder blades: a soft triangle (top edge, medial border, lower tip,
    # lateral border) and the ridge of the scapular spine
    L += both_lines(catmull([(31.0, 49.2), (36.0, 46.8), (41.4, 45.8), (41.0, 52.0), (40.6, 60.0), (40.2, 66.0),
                             (38.6, 65.6), (35.0, 60.5), (31.6, 54.5), (31.0, 49.2)], 3))
    L += both_lines(catmull([(40.8, 50.2), (36.0, 49.0), (31.6, 48.4)], 3))
    # buttock cleft and folds
    L.append(rnd([(50, 106), (50, 116.5)]))
    L += both_lines(catmull([(48.8, 117.6), (43.5, 118.4), (37.5, 116.8), (34.2, 113.5)], 3))
    # backs of the knees
    L += both_lines([(38.2, 159.5), (45.8, 159.5)])
    # the sole insets: the heel pad and the ball of the foot
    L += both_lines(sole_scale(catmull([(8.2, 205.5), (11.2, 204.6), (14.4, 205.6)], 3)))
    L += both_lines(sole_scale(catmull([(7.4, 187.6), (11.5, 186.6), (16.4, 187.8)], 3)))
    return L


REGIONS = []


def region(name, aliases, refers):
    r = {"name": name, "aliases": aliases, "refers": refers, "muscle": [], "referral": []}
    REGIONS.append(r)
    return r


def bilateral(r, layer, view, pts_viewer_left, smooth=True):
    """Adds a polygon drawn on the viewer's left and its mirror image. On the
    back view the viewer's left is the person's left; on the front view it is
    the person's right."""
    pts = smooth_closed(pts_viewer_left) if smooth else pts_viewer_left
    if view == "back" and in_sole(pts_viewer_left):
        pts = sole_scale(pts)
    near = "left" if view == "back" else "right"
    far = "right" if near == "left" else "left"
    r[layer].append({"view": view, "side": near, "points": rnd(pts)})
    r[layer].append({"view": view, "side": far, "points": rnd(mirror(pts))})


def build_regions():
    r = region("upper trapezius", ["trapezius", "upper trapezius muscle", "trap", "traps", "upper traps", "upper trap"],
               "back and side of the neck, behind the ear, the temple (tension headache)")
    bilateral(r, "muscle", "back", [(47.2, 24.5), (46.0, 28.0), (45.8, 33.5), (43.0, 38.8), (36.0, 41.4), (29.5, 43.2),
                                    (26.8, 45.2), (30.0, 46.6), (36.5, 45.6), (42.5, 44.6), (48.0, 43.6), (48.6, 34.0)])
    bilateral(r, "muscle", "front", [(45.6, 33.0), (45.3, 36.4), (42.4, 39.4), (35.0, 41.6), (28.8, 43.4), (27.2, 45.0),
                                     (31.5, 45.0), (38.0, 43.8), (43.6, 41.6), (46.4, 38.6)])
    bilateral(r, "referral", "back", [(44.2, 33.0), (42.8, 25.0), (41.9, 17.5), (42.4, 11.8), (44.4, 11.6), (44.8, 18.0),
                                      (45.8, 25.0), (46.6, 33.0)])
    bilateral(r, "referral", "front", [(41.4, 10.6), (44.6, 9.6), (45.2, 13.8), (42.8, 18.6), (41.2, 17.0)])
    bilateral(r, "referral", "front", [(42.4, 24.5), (44.6, 27.8), (43.8, 30.4), (42.2, 28.2)])

    r = region("levator scapulae", ["levator", "levator scapula", "levator scap"],
               "the angle where the neck meets the shoulder, along the inner edge of the shoulder blade")
    bilateral(r, "muscle", "back", [(42.8, 22.6), (45.0, 22.8), (46.2, 29.0), (45.6, 35.0), (43.8, 41.5), (42.6, 48.8),
                                    (40.4, 48.2), (41.8, 41.0), (44.0, 35.0), (43.0, 28.5)])
    bilateral(r, "referral", "back", [(44.6, 36.5), (46.4, 40.6), (43.6, 46.5), (42.0, 56.0), (41.6, 66.0), (39.4, 66.4),
                                      (38.6, 56.0), (39.6, 47.0), (41.8, 41.0)])
    bilateral(r, "referral", "back", [(26.6, 47.8), (30.2, 47.4), (30.8, 52.0), (27.6, 53.2)])

    r = region("rhomboids", ["rhomboid", "rhomboid major", "rhomboid minor", "between the shoulder blades"],
               "along the inner edge of the shoulder blade")
    bilateral(r, "muscle", "back", [(48.6, 43.0), (48.6, 51.0), (48.4, 58.0), (47.9, 64.0), (42.4, 68.5), (41.2, 64.0),
                                    (41.0, 56.0), (41.5, 48.5)], smooth=False)
    bilateral(r, "referral", "back", [(38.2, 46.0), (41.4, 45.4), (42.4, 56.0), (42.8, 69.0), (39.8, 70.0), (38.4, 58.0)])

    r = region("thoracic extensors", ["thoracic spine", "thoracic paraspinals", "erector spinae", "upper back",
                                      "mid back", "thoracic erectors", "paraspinals"],
               "over the shoulder blade")
    # T1-T12: from the base of the neck down to the lowest ribs (y ~80), not
    # into the lumbar region (T&S Vol. 1, thoracolumbar paraspinal muscles)
    bilateral(r, "muscle", "back", [(48.9, 43.5), (49.0, 60.0), (49.0, 72.0), (48.8, 80.0), (46.4, 80.0), (45.2, 72.0),
                                    (44.9, 62.0), (45.2, 52.0), (46.4, 43.5)])
    bilateral(r, "referral", "back", [(33.0, 52.0), (40.2, 50.0), (40.6, 60.0), (39.0, 66.0), (35.0, 61.0)])

    r = region("infraspinatus", ["infraspinatus muscle", "rotator cuff"],
               "deep in the front of the shoulder, down the front and outside of the arm")
    bilateral(r, "muscle", "back", [(40.6, 52.0), (34.0, 50.2), (30.6, 50.4), (30.8, 54.2), (33.6, 60.0), (38.4, 66.2),
                                    (40.6, 64.6), (40.9, 58.0)])
    bilateral(r, "referral", "front", [(25.0, 47.0), (29.5, 47.0), (31.0, 52.0), (29.5, 58.0), (25.5, 58.0), (23.5, 52.0)])
    bilateral(r, "referral", "front", [(23.4, 60.0), (27.4, 60.0), (27.0, 80.0), (23.2, 80.0)])

    r = region("teres minor", ["teres"], "the back of the shoulder")
    bilateral(r, "muscle", "back", [(30.3, 52.0), (33.0, 55.4), (34.4, 60.2), (32.2, 60.8), (29.6, 56.6)])
    bilateral(r, "referral", "back", [(24.0, 48.0), (28.5, 47.5), (29.4, 55.0), (25.0, 56.5), (23.3, 52.0)])

    r = region("quadratus lumborum", ["ql", "quadratus", "quadratus lumborum muscle"],
               "the hip and buttock, around the sacroiliac joint and the side of the hip")
    bilateral(r, "muscle", "back", [(45.6, 79.0), (46.0, 97.0), (41.0, 98.6), (40.2, 88.0), (41.6, 80.4)], smooth=False)
    bilateral(r, "referral", "back", [(46.2, 100.0), (48.8, 103.0), (47.8, 110.0), (44.2, 111.0), (43.6, 104.0)])
    bilateral(r, "referral", "back", [(33.8, 104.0), (37.0, 103.0), (37.6, 110.0), (34.2, 112.0)])

    r = region("gluteus medius", ["glute med", "glute medius", "gluteus medius muscle", "gmed"],
               "the low back along the top of the pelvis, the sacrum and the buttock")
    bilateral(r, "muscle", "back", [(36.2, 96.2), (41.0, 95.6), (45.8, 98.0), (46.4, 101.0), (42.5, 104.5),
                                    (37.2, 109.6), (34.0, 108.6), (33.8, 102.0)])
    bilateral(r, "referral", "back", [(45.0, 91.5), (49.3, 92.0), (49.3, 106.0), (46.8, 107.0), (46.0, 99.0)])
    bilateral(r, "referral", "back", [(38.0, 111.0), (44.0, 108.6), (47.5, 113.0), (45.0, 117.6), (38.6, 117.0)])

    r = region("gluteus minimus", ["glute min", "glute minimus", "gluteus minimus muscle", "gmin"],
               "down the side and back of the leg to the ankle (like sciatica)")
    bilateral(r, "muscle", "front", [(34.2, 100.8), (37.0, 100.0), (37.8, 104.4), (35.6, 108.8), (33.6, 107.6)])
    bilateral(r, "referral", "front", [(32.9, 113.0), (35.2, 113.0), (36.2, 132.0), (37.6, 145.0), (38.6, 160.0),
                                       (38.0, 175.0), (40.2, 192.0), (41.4, 200.0), (39.8, 200.6), (37.6, 192.0),
                                       (36.0, 175.0), (36.4, 160.0), (35.2, 145.0), (33.8, 132.0)], smooth=False)
    bilateral(r, "referral", "back", [(33.2, 114.0), (36.0, 114.0), (37.0, 140.0), (37.8, 158.0), (37.5, 175.0),
                                      (40.0, 194.0), (41.2, 201.0), (40.4, 202.6), (38.6, 194.0), (35.5, 175.0),
                                      (35.8, 158.0), (34.2, 140.0)], smooth=False)

    r = region("piriformis", ["piriformis muscle", "deep hip rotators"],
               "the buttock and the back of the hip, down the back of the thigh")
    bilateral(r, "muscle", "back", [(48.6, 103.5), (48.8, 109.0), (42.0, 111.4), (35.6, 112.8), (34.8, 110.0),
                                    (41.0, 106.6)])
    bilateral(r, "referral", "back", [(37.0, 111.0), (46.0, 112.4), (47.0, 118.0), (38.0, 118.0)])
    bilateral(r, "referral", "back", [(39.6, 119.0), (46.6, 119.0), (46.0, 140.0), (40.6, 140.0)])

    r = region("hamstrings", ["hamstring", "back of the thigh", "biceps femoris", "semitendinosus", "semimembranosus"],
               "the crease under the buttock and the back of the knee")
    bilateral(r, "muscle", "back", [(35.2, 120.0), (41.0, 118.8), (48.0, 119.4), (48.2, 128.0), (47.3, 142.0),
                                    (46.4, 153.6), (44.0, 155.6), (40.6, 155.6), (37.6, 152.0), (35.8, 140.0),
                                    (34.6, 128.0)])
    bilateral(r, "referral", "back", [(36.4, 112.0), (48.0, 113.0), (48.2, 118.0), (36.0, 118.0)])
    bilateral(r, "referral", "back", [(37.4, 156.0), (46.4, 156.0), (46.2, 168.0), (37.2, 168.0)])

    r = region("calves", ["calf", "calf muscles", "gastrocnemius", "gastroc", "triceps surae"],
               "the back of the knee, the heel and the arch of the foot")
    bilateral(r, "muscle", "back", [(36.8, 164.0), (41.6, 162.2), (46.2, 163.0), (46.8, 172.0), (46.3, 184.0),
                                    (44.6, 194.0), (41.6, 194.0), (38.6, 187.0), (36.4, 174.0)])
    bilateral(r, "referral", "back", [(38.0, 155.0), (45.8, 155.0), (45.8, 161.0), (38.0, 161.0)])
    bilateral(r, "referral", "back", [(41.0, 203.5), (45.8, 203.5), (46.5, 212.0), (40.0, 212.0)])
    bilateral(r, "referral", "back", [(11.6, 189.0), (14.8, 189.4), (13.8, 195.0), (13.6, 200.0), (11.0, 200.0),
                                      (10.8, 194.0)])

    r = region("soleus", ["soleus muscle", "lower calf"], "the back and bottom of the heel, the back of the ankle")
    bilateral(r, "muscle", "back", [(37.6, 176.0), (41.8, 178.0), (46.0, 176.0), (45.6, 186.0), (44.2, 196.0),
                                    (41.8, 198.0), (39.6, 195.0), (38.2, 186.0)])
    bilateral(r, "referral", "back", [(41.2, 201.0), (45.6, 201.0), (46.4, 212.0), (40.2, 212.0)])
    bilateral(r, "referral", "back", [(8.6, 206.4), (14.0, 206.4), (14.0, 211.2), (12.4, 212.6), (9.8, 212.6),
                                      (8.4, 211.0)], smooth=False)

    r = region("plantar fascia", ["plantar", "sole", "sole of the foot", "arch", "arch of the foot", "foot"],
               "the heel and the arch of the foot")
    bilateral(r, "muscle", "back", [(9.0, 186.0), (14.6, 186.4), (13.6, 194.0), (13.4, 204.0), (9.2, 204.0),
                                    (8.4, 195.0)])
    bilateral(r, "referral", "back", [(8.6, 205.0), (14.2, 205.0), (14.0, 211.2), (12.4, 212.6), (9.8, 212.6),
                                      (8.4, 211.0)], smooth=False)

    # The foot's own muscles (T&S Vol. 2, superficial and deep intrinsic foot
    # muscles), on the sole inset.
    r = region("flexor digitorum brevis", ["flexor digitorum brevis muscle", "middle of the sole"],
               "the ball of the foot under the second to fourth toes")
    bilateral(r, "muscle", "back", [(9.2, 189.0), (13.2, 189.0), (12.8, 196.0), (12.6, 203.0), (9.6, 203.0),
                                    (9.0, 196.0)])
    bilateral(r, "referral", "back", [(8.4, 182.6), (13.6, 182.0), (13.8, 186.6), (8.6, 187.2)])

    r = region("quadratus plantae", ["quadratus plantae muscle", "flexor accessorius"],
               "the bottom of the heel")
    bilateral(r, "muscle", "back", [(9.0, 199.0), (13.2, 199.0), (13.2, 204.2), (9.2, 204.2)])
    bilateral(r, "referral", "back", [(8.6, 206.0), (14.0, 206.0), (14.0, 211.2), (12.4, 212.6), (9.8, 212.6),
                                      (8.4, 211.0)], smooth=False)

    r = region("abductor hallucis", ["abductor hallucis muscle", "inner arch"],
               "the inner side of the heel and the arch")
    bilateral(r, "muscle", "back", [(14.6, 186.0), (16.4, 187.0), (15.6, 191.0), (14.2, 196.0), (14.2, 203.0),
                                    (15.0, 207.0), (13.8, 207.0), (13.0, 200.0), (13.2, 192.0)])
    bilateral(r, "referral", "back", [(13.6, 206.0), (15.2, 205.6), (15.0, 210.0), (13.2, 211.0)])

    r = region("masseter", ["jaw", "jaw muscle", "masseters"],
               "the jaw, the molars, in front of the ear and above the eyebrow")
    bilateral(r, "muscle", "front", [(42.6, 19.5), (46.2, 19.5), (46.5, 24.0), (45.8, 27.9), (43.4, 27.4), (42.3, 24.0)])
    bilateral(r, "referral", "front", [(40.3, 17.0), (42.0, 16.5), (42.2, 23.0), (40.6, 23.5)])
    bilateral(r, "referral", "front", [(43.0, 12.5), (47.5, 12.2), (47.5, 14.2), (43.0, 14.5)])
    bilateral(r, "referral", "front", [(45.5, 27.5), (48.8, 28.0), (48.5, 30.5), (45.8, 30.5)])

    r = region("pectoralis major", ["pectorals", "pectoral", "pecs", "pec", "pec major", "chest", "pectoralis"],
               "the front of the shoulder and chest, down the inside of the arm")
    bilateral(r, "muscle", "front", [(49.2, 44.0), (44.0, 43.0), (37.0, 44.2), (32.5, 47.5), (31.0, 53.0), (33.5, 58.0),
                                     (38.0, 63.0), (44.0, 64.5), (49.2, 63.0)])
    bilateral(r, "referral", "front", [(27.0, 47.0), (32.0, 47.5), (31.8, 56.0), (28.0, 58.5)])
    bilateral(r, "referral", "front", [(29.2, 62.0), (31.6, 62.0), (31.0, 72.0), (29.8, 85.0), (28.5, 100.0),
                                       (28.0, 109.0), (26.3, 109.0), (26.6, 100.0), (27.8, 85.0), (29.0, 72.0)],
              smooth=False)

    # Stretch only (not under a ball: the brachial plexus and axillary artery
    # run beneath it). From the coracoid process to ribs 3-5, under the
    # pectoralis major; refers like it (T&S Vol. 1, Pectoralis minor).
    r = region("pectoralis minor", ["pec minor", "pectoralis minor muscle"],
               "the front of the shoulder and chest, down the inside of the arm to the little finger")
    bilateral(r, "muscle", "front", [(30.4, 47.6), (32.6, 47.0), (38.0, 51.0), (41.6, 56.0), (40.4, 58.6),
                                     (36.4, 56.4), (32.0, 52.0)])
    bilateral(r, "referral", "front", [(26.6, 46.4), (31.4, 47.0), (31.2, 55.0), (27.6, 57.0)])
    bilateral(r, "referral", "front", [(28.8, 62.0), (31.2, 62.0), (30.6, 72.0), (29.4, 85.0), (28.2, 100.0),
                                       (27.8, 118.0), (26.2, 118.0), (26.4, 100.0), (27.4, 85.0), (28.6, 72.0)],
              smooth=False)

    r = region("forearm extensors", ["forearm", "wrist extensors", "finger extensors", "extensors of the forearm",
                                     "forearm extensor"],
               "the outside of the elbow and the back of the wrist and hand")
    bilateral(r, "muscle", "back", [(22.4, 88.0), (27.0, 88.0), (28.2, 94.0), (27.2, 104.0), (24.5, 107.0),
                                    (22.2, 102.0), (21.7, 94.0)])
    bilateral(r, "referral", "back", [(21.8, 80.0), (25.5, 80.0), (26.0, 86.0), (22.0, 87.0)])
    bilateral(r, "referral", "back", [(22.2, 111.5), (27.5, 111.5), (27.5, 122.0), (22.2, 122.0)])

    r = region("quadriceps", ["quads", "quad", "quadricep", "front of the thigh", "rectus femoris", "vastus lateralis",
                              "vastus medialis"],
               "the knee and the front of the thigh")
    bilateral(r, "muscle", "front", [(33.0, 114.0), (40.0, 112.0), (47.0, 117.5), (48.0, 128.0), (47.0, 142.0),
                                     (45.5, 154.0), (41.5, 155.0), (38.0, 153.0), (35.0, 142.0), (33.8, 128.0)])
    bilateral(r, "referral", "front", [(38.5, 155.0), (45.0, 155.0), (45.3, 163.0), (38.5, 163.0)])

    # ---- muscles no bundled routine uses yet, so that users' own routines
    # light up too (an unknown target simply shows no highlight)
    r = region("gluteus maximus", ["glute max", "glutes", "gluteus maximus muscle", "buttock", "gmax"],
               "the sacrum, the tailbone and the crease under the buttock")
    bilateral(r, "muscle", "back", [(36.5, 104.0), (42.0, 101.6), (48.8, 103.0), (49.2, 112.0), (48.6, 117.0),
                                    (43.0, 118.0), (37.5, 116.4), (34.6, 112.0)])
    bilateral(r, "referral", "back", [(46.6, 99.5), (49.4, 99.5), (49.4, 110.0), (47.0, 110.0)], smooth=False)
    bilateral(r, "referral", "back", [(38.4, 117.6), (47.6, 118.2), (47.4, 121.6), (38.6, 121.0)])

    r = region("latissimus dorsi", ["lats", "lat", "latissimus"],
               "the lower tip of the shoulder blade and down the back of the arm to the hand")
    bilateral(r, "muscle", "back", [(30.8, 54.8), (33.6, 56.8), (37.6, 62.6), (42.6, 66.2), (48.8, 67.0), (48.8, 80.0),
                                    (48.6, 94.0), (44.6, 98.2), (40.0, 98.6), (36.6, 94.4), (35.8, 86.0), (35.2, 77.0),
                                    (34.2, 68.0), (32.6, 61.0)])
    bilateral(r, "referral", "back", [(37.0, 62.0), (41.0, 62.0), (41.0, 69.0), (37.0, 69.0)])
    bilateral(r, "referral", "back", [(29.0, 62.0), (31.4, 62.0), (30.6, 75.0), (29.4, 86.0), (28.2, 100.0),
                                      (27.8, 108.0), (26.4, 108.0), (26.8, 100.0), (27.6, 86.0), (28.8, 75.0)],
              smooth=False)

    r = region("triceps", ["triceps brachii", "back of the arm"], "the back of the shoulder and the outside of the elbow")
    bilateral(r, "muscle", "back", [(22.8, 54.0), (28.4, 53.0), (30.2, 62.0), (29.8, 72.0), (28.6, 81.0), (23.6, 81.5),
                                    (22.4, 72.0), (22.4, 62.0)])
    bilateral(r, "referral", "back", [(24.2, 46.0), (29.0, 46.6), (29.0, 51.6), (24.0, 51.6)])
    bilateral(r, "referral", "back", [(22.2, 83.5), (26.2, 83.5), (26.4, 89.0), (22.2, 89.0)])

    r = region("suboccipitals", ["suboccipital", "suboccipital muscles", "base of the skull"],
               "a band from the back of the head around the side of the head to the eye")
    bilateral(r, "muscle", "back", [(44.6, 24.2), (49.4, 25.2), (49.4, 29.2), (45.2, 28.6)], smooth=False)
    bilateral(r, "referral", "back", [(42.2, 14.0), (45.0, 13.6), (45.4, 22.0), (42.6, 22.0)])
    bilateral(r, "referral", "front", [(42.2, 12.6), (47.2, 13.0), (47.2, 16.2), (42.4, 16.2)])

    r = region("deltoid", ["deltoids", "delts", "delt", "shoulder cap"], "over the shoulder and down the outside of the upper arm")
    bilateral(r, "muscle", "front", [(24.4, 45.4), (27.5, 44.2), (31.0, 46.6), (30.6, 52.0), (27.2, 60.0), (24.0, 60.0),
                                     (22.5, 54.0), (23.0, 48.6)])
    bilateral(r, "muscle", "back", [(24.4, 45.4), (27.5, 44.2), (31.0, 46.6), (30.6, 52.0), (27.2, 60.0), (24.0, 60.0),
                                    (22.5, 54.0), (23.0, 48.6)])
    bilateral(r, "referral", "front", [(22.4, 61.0), (25.2, 61.0), (24.8, 72.0), (22.3, 72.0)])

    r = region("biceps", ["biceps brachii", "front of the arm"], "the front of the shoulder and the crease of the elbow")
    bilateral(r, "muscle", "front", [(23.2, 61.0), (29.4, 61.0), (30.4, 68.0), (29.8, 77.0), (27.6, 83.0), (23.8, 83.0),
                                     (22.4, 76.0), (22.4, 66.0)])
    bilateral(r, "referral", "front", [(25.2, 45.6), (30.0, 46.2), (30.2, 52.0), (25.4, 52.0)])
    bilateral(r, "referral", "front", [(23.2, 85.0), (28.8, 85.0), (28.4, 90.0), (23.0, 90.0)])

    r = region("forearm flexors", ["wrist flexors", "finger flexors", "flexors of the forearm", "forearm flexor"],
               "the inside of the elbow, the palm and the fingers")
    bilateral(r, "muscle", "front", [(22.3, 88.0), (29.0, 88.0), (28.7, 96.0), (27.6, 104.0), (24.5, 107.0),
                                     (22.4, 102.0), (21.9, 94.0)])
    bilateral(r, "referral", "front", [(22.4, 112.0), (27.6, 112.0), (27.6, 124.0), (22.6, 124.0)])

    r = region("sternocleidomastoid", ["scm", "sternomastoid"],
               "the forehead, around the eye, the cheek and the ear (a headache and dizziness muscle)")
    bilateral(r, "muscle", "front", [(42.8, 24.6), (44.6, 25.2), (47.4, 36.0), (48.8, 41.0), (47.0, 41.4), (45.0, 36.4)],
              smooth=False)
    bilateral(r, "referral", "front", [(43.6, 8.6), (49.0, 7.8), (49.0, 11.4), (43.8, 12.0)])
    bilateral(r, "referral", "front", [(43.0, 14.6), (47.0, 14.6), (47.0, 18.2), (43.0, 18.2)])

    r = region("scalenes", ["scalene", "scalenus", "side of the neck"],
               "the chest, the shoulder blade and down the arm to the thumb and index finger")
    bilateral(r, "muscle", "front", [(44.6, 30.0), (46.0, 30.2), (46.2, 37.6), (43.8, 41.0), (42.6, 40.2), (44.2, 35.0)],
              smooth=False)
    bilateral(r, "referral", "front", [(36.0, 46.0), (44.0, 46.0), (44.0, 54.0), (36.0, 54.0)])
    bilateral(r, "referral", "front", [(22.4, 62.0), (24.6, 62.0), (24.4, 100.0), (23.6, 112.0), (22.4, 112.0),
                                       (22.2, 100.0)], smooth=False)

    r = region("temporalis", ["temple", "temples"], "the temple, the eyebrow and the upper teeth")
    bilateral(r, "muscle", "front", [(41.6, 9.6), (45.0, 8.6), (46.0, 13.0), (44.4, 17.4), (42.0, 18.0), (41.2, 14.0)])
    bilateral(r, "referral", "front", [(45.2, 12.4), (48.6, 12.2), (48.6, 14.4), (45.2, 14.6)])
    bilateral(r, "referral", "front", [(45.6, 25.0), (48.8, 25.2), (48.8, 27.2), (45.6, 27.2)])

    r = region("iliopsoas", ["psoas", "iliacus", "hip flexors", "hip flexor", "psoas major"],
               "the low back beside the spine and the front of the thigh")
    bilateral(r, "muscle", "front", [(40.6, 92.0), (45.0, 92.0), (46.6, 104.0), (44.6, 112.0), (40.2, 110.0), (38.6, 102.0)])
    bilateral(r, "referral", "back", [(45.2, 80.0), (49.0, 80.0), (49.0, 98.0), (45.2, 98.0)])
    bilateral(r, "referral", "front", [(39.0, 113.0), (45.0, 115.0), (44.0, 126.0), (38.6, 124.0)])

    r = region("adductors", ["adductor", "inner thigh", "groin", "adductor longus", "adductor magnus"],
               "the groin and the inside of the knee")
    bilateral(r, "muscle", "front", [(44.0, 116.0), (49.0, 118.8), (48.4, 130.0), (46.8, 145.0), (44.6, 146.0),
                                     (44.0, 132.0), (42.6, 122.0)])
    bilateral(r, "referral", "front", [(44.6, 150.0), (46.8, 150.0), (46.6, 160.0), (44.4, 160.0)])

    r = region("tensor fasciae latae", ["tfl", "tensor fascia latae", "tensor fasciae latae muscle"],
               "the side of the hip and down the outside of the thigh towards the knee")
    bilateral(r, "muscle", "front", [(33.0, 104.0), (36.8, 102.8), (38.0, 110.0), (35.6, 117.0), (33.0, 115.0)])
    bilateral(r, "referral", "front", [(32.6, 117.6), (35.0, 118.0), (36.4, 135.0), (37.6, 150.0), (35.8, 150.6),
                                       (34.2, 135.0)], smooth=False)

    r = region("iliotibial band", ["it band", "itb", "outer thigh", "iliotibial tract"],
               "down the outside of the thigh to the knee")
    bilateral(r, "muscle", "front", [(32.8, 118.0), (34.6, 118.0), (35.6, 140.0), (37.2, 153.0), (36.0, 154.6),
                                     (34.0, 140.0)], smooth=False)
    bilateral(r, "referral", "front", [(35.8, 153.0), (38.2, 153.0), (38.2, 161.0), (36.0, 161.0)])

    r = region("tibialis anterior", ["tibialis", "shin", "shins", "front of the shin"],
               "the front of the ankle and the big toe")
    bilateral(r, "muscle", "front", [(37.4, 165.0), (41.4, 164.0), (41.2, 178.0), (40.8, 192.0), (39.6, 194.0),
                                     (38.2, 182.0), (37.0, 172.0)])
    bilateral(r, "referral", "front", [(41.0, 203.0), (45.2, 203.0), (46.2, 212.0), (41.6, 212.0)])


AREAS = []


def area(name, *polys):
    """A pain area of the pain finder (assets/painmap.json ids), each polygon
    given as (view, viewer-left points) and mirrored like a region's."""
    a = {"name": name, "muscle": []}
    for view, pts in polys:
        bilateral(a, "muscle", view, pts)
    AREAS.append(a)


def build_areas():
    # head and neck
    area("temple", ("front", [(41.4, 10.6), (44.6, 9.6), (45.2, 13.8), (42.8, 17.0), (41.2, 16.0)]))
    area("forehead", ("front", [(44.6, 7.4), (49.6, 6.8), (49.6, 11.4), (45.2, 11.8)]))
    area("behind-eye", ("front", [(45.0, 13.8), (48.0, 13.6), (48.2, 15.8), (45.2, 16.0)]))
    area("back-of-head", ("back", [(42.6, 12.0), (46.0, 8.0), (49.6, 7.4), (49.6, 23.6), (43.4, 22.6)]))
    area("jaw", ("front", [(42.6, 21.0), (45.6, 22.6), (48.8, 28.0), (46.0, 30.0), (43.0, 26.4)]))
    area("ear", ("front", [(39.6, 16.8), (41.2, 16.4), (41.4, 22.6), (40.0, 22.8)]),
         ("back", [(39.6, 16.8), (41.2, 16.4), (41.4, 22.6), (40.0, 22.8)]))
    area("side-of-neck", ("front", [(45.0, 29.8), (46.6, 30.2), (47.0, 37.0), (45.2, 39.2), (44.9, 35.0)]))
    area("back-of-neck", ("back", [(45.0, 25.4), (49.6, 26.6), (49.6, 38.0), (46.0, 38.6), (45.2, 32.0)]))
    # shoulders, chest and arms
    area("top-of-shoulder", ("back", [(31.0, 43.4), (37.0, 41.4), (43.0, 39.2), (44.4, 42.8), (37.5, 44.8),
                                      (31.6, 46.2)]),
         ("front", [(29.0, 43.6), (35.0, 41.8), (42.4, 39.6), (43.0, 41.8), (36.0, 43.8), (29.6, 45.6)]))
    area("front-of-shoulder", ("front", [(25.0, 46.6), (30.4, 46.2), (31.4, 52.0), (30.0, 57.0), (25.6, 57.0),
                                         (24.0, 52.0)]))
    area("back-of-shoulder", ("back", [(23.4, 47.0), (29.0, 46.4), (30.0, 55.0), (25.0, 57.6), (22.8, 53.0)]))
    area("between-shoulder-blades", ("back", [(42.0, 46.0), (49.6, 46.0), (49.6, 66.0), (42.8, 66.6), (41.6, 56.0)]))
    area("chest", ("front", [(33.2, 47.6), (40.0, 45.6), (49.4, 45.2), (49.4, 62.0), (38.0, 62.6), (32.4, 56.0)]))
    area("upper-arm", ("front", [(22.6, 58.6), (28.8, 59.0), (29.8, 70.0), (28.0, 82.4), (23.0, 82.4), (22.3, 70.0)]),
         ("back", [(22.6, 58.6), (28.8, 59.0), (29.8, 70.0), (28.0, 82.4), (23.0, 82.4), (22.3, 70.0)]))
    area("outer-elbow", ("back", [(21.6, 82.6), (25.0, 82.6), (25.2, 90.0), (21.7, 90.0)]),
         ("front", [(21.6, 83.0), (24.4, 83.0), (24.6, 90.0), (21.7, 90.0)]))
    area("inner-elbow", ("front", [(25.2, 83.0), (29.4, 83.0), (29.2, 90.0), (25.4, 90.0)]))
    area("forearm", ("front", [(22.2, 91.0), (29.0, 91.0), (28.0, 104.0), (24.6, 107.4), (22.2, 102.0)]),
         ("back", [(22.2, 91.0), (28.4, 91.0), (27.6, 104.0), (24.6, 107.4), (22.2, 102.0)]))
    area("back-of-hand", ("back", [(21.8, 111.0), (27.6, 111.0), (27.4, 122.0), (25.6, 128.6), (23.0, 128.0),
                                   (21.6, 120.0)]))
    area("palm", ("front", [(21.8, 111.0), (27.6, 111.0), (27.4, 122.0), (25.6, 128.6), (23.0, 128.0),
                            (21.6, 120.0)]))
    # back and hips
    area("upper-back", ("back", [(31.6, 50.0), (40.6, 47.4), (41.0, 66.4), (48.8, 68.0), (48.8, 80.0), (36.4, 80.0),
                                 (33.6, 66.0)]))
    area("low-back", ("back", [(40.4, 80.6), (49.6, 80.6), (49.6, 98.0), (41.2, 98.6), (39.8, 90.0)]))
    area("sacrum", ("back", [(45.4, 99.2), (49.6, 99.2), (49.6, 112.0), (47.2, 110.0)]))
    area("buttock", ("back", [(35.0, 101.0), (44.4, 100.2), (47.4, 111.0), (47.4, 117.4), (40.0, 117.8),
                              (34.6, 111.0)]))
    area("side-of-hip", ("front", [(32.8, 100.2), (35.8, 99.6), (36.4, 108.0), (33.6, 112.0), (32.8, 106.0)]),
         ("back", [(33.0, 100.2), (35.4, 100.2), (35.4, 110.0), (33.6, 113.0)]))
    area("groin", ("front", [(38.6, 103.2), (41.0, 104.6), (46.4, 113.4), (48.4, 116.8), (45.0, 117.0),
                             (37.8, 107.6)]))
    # legs and feet
    area("front-of-thigh", ("front", [(36.6, 113.0), (47.6, 118.0), (47.6, 135.0), (46.2, 150.0), (39.6, 151.0),
                                      (37.2, 138.0), (35.8, 122.0)]))
    area("outer-thigh", ("front", [(32.6, 114.0), (35.2, 116.0), (36.4, 135.0), (37.6, 152.0), (35.8, 152.6),
                                   (34.0, 140.0), (32.8, 125.0)]),
         ("back", [(32.6, 114.0), (35.2, 116.0), (36.4, 135.0), (37.6, 152.0), (35.8, 152.6), (34.0, 140.0),
                   (32.8, 125.0)]))
    area("back-of-thigh", ("back", [(36.2, 119.0), (48.2, 119.4), (47.2, 142.0), (46.2, 153.0), (38.2, 153.0),
                                    (35.8, 140.0)]))
    area("front-of-knee", ("front", [(38.4, 153.6), (46.2, 153.6), (46.2, 164.0), (38.6, 164.0)]))
    area("back-of-knee", ("back", [(38.4, 155.4), (46.0, 155.4), (46.0, 163.0), (38.4, 163.0)]))
    area("shin", ("front", [(37.8, 166.0), (42.4, 165.6), (42.0, 180.0), (41.6, 196.0), (39.8, 196.0), (38.6, 182.0)]))
    area("calf", ("back", [(37.0, 165.0), (46.2, 164.2), (46.6, 175.0), (45.6, 190.0), (41.0, 193.0), (38.4, 186.0),
                           (36.6, 174.0)]))
    area("ankle", ("front", [(39.8, 197.4), (45.6, 197.4), (45.8, 203.6), (40.2, 203.8)]),
         ("back", [(39.8, 195.4), (45.6, 195.4), (45.8, 202.0), (40.2, 202.2)]))
    area("heel", ("back", [(41.0, 204.0), (45.8, 204.0), (46.2, 212.0), (40.6, 212.0)]),
         ("back", [(8.6, 205.2), (14.2, 205.2), (14.0, 211.2), (12.4, 212.6), (9.8, 212.6), (8.4, 211.0)]))
    area("sole", ("back", [(8.6, 183.4), (15.6, 183.8), (14.2, 195.0), (14.0, 204.2), (9.0, 204.2), (7.6, 195.0)]))
    area("top-of-foot", ("front", [(39.6, 207.4), (46.0, 207.4), (46.6, 212.6), (43.0, 214.6), (39.8, 214.0)]))


def main():
    build_regions()
    build_areas()
    out_line = outline()
    doc = {
        "format": 1,
        "comment": ("Generated by assets/bodymap_gen.py; edit that, not this. Each view is 100 x 220 units, "
                    "y down. Sides are the person's: on the front view their left is on the viewer's right, "
                    "on the back view their left is on the viewer's left."),
        "outline": {"front": [out_line], "back": [out_line] + sole_outlines()},
        "lines": {"front": lines_front(), "back": lines_back()},
        "regions": REGIONS,
        "areas": AREAS,
    }
    sys.stdout.write(dump(doc) + "\n")


def dump(v, ind=""):
    """JSON with one polygon per line, so the file stays readable and diffable."""
    if isinstance(v, dict):
        inner = ind + "  "
        items = [inner + json.dumps(k) + ": " + dump(x, inner) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + ind + "}"
    if isinstance(v, list) and v and isinstance(v[0], list) and v[0] and isinstance(v[0][0], (int, float)):
        return "[" + ", ".join("[%g, %g]" % (x, y) for x, y in v) + "]"
    if isinstance(v, list) and v and isinstance(v[0], (dict, list)):
        inner = ind + "  "
        return "[\n" + ",\n".join(inner + dump(x, inner) for x in v) + "\n" + ind + "]"
    return json.dumps(v)


if __name__ == "__main__":
    main()
