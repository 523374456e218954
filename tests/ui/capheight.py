#!/usr/bin/env python3
"""Cap heights measured from the pixels of a BMP screenshot (no PIL needed).

  capheight.py FILE R G B [TOL]
    Ink is every pixel within TOL (default 40) of the colour in each channel.
    Prints one line per line of text in that colour, top to bottom:
      "Y X H W"  the line's top, its first glyph's left edge, that glyph's ink
                 height and the line's width (px).
    The first glyph of a capitalised word is a capital, so H is the cap height
    (ink height, antialiased edges within TOL included). Glyphs are 4-connected
    ink components; a line is a set of components whose rows overlap.

  capheight.py --bullets FILE R G B [TOL]
    Only the lines that start with a bullet (a first glyph less than half the
    line's height, more than a quarter of it each way), measured at the glyph
    after it: the first letter of a list item, a capital.
"""
import sys

sys.path.insert(0, __import__('os').path.dirname(__file__))
from bmpcheck import read_bmp  # noqa: E402


def components(w, h, step, rows, ref, tol):
    # Per channel a table "within TOL", combined as big integers: fast enough
    # for 1920x1080 in pure Python.
    tabs = [bytes(1 if abs(v - ref[c]) <= tol else 0 for v in range(256)) for c in range(3)]
    ink = []
    for y in range(h):
        row = rows[y]
        m = (int.from_bytes(row[2::step].translate(tabs[0]), 'big')
             & int.from_bytes(row[1::step].translate(tabs[1]), 'big')
             & int.from_bytes(row[0::step].translate(tabs[2]), 'big'))
        ink.append(m.to_bytes(w, 'big'))
    seen = [bytearray(w) for _ in range(h)]
    out = []
    for y in range(h):
        x = ink[y].find(1)
        while x >= 0:
            if not seen[y][x]:
                stack = [(x, y)]
                seen[y][x] = 1
                x0 = x1 = x
                y0 = y1 = y
                n = 0
                while stack:
                    cx, cy = stack.pop()
                    n += 1
                    x0, x1, y0, y1 = min(x0, cx), max(x1, cx), min(y0, cy), max(y1, cy)
                    for nx, ny in ((cx + 1, cy), (cx - 1, cy), (cx, cy + 1), (cx, cy - 1)):
                        if 0 <= nx < w and 0 <= ny < h and ink[ny][nx] and not seen[ny][nx]:
                            seen[ny][nx] = 1
                            stack.append((nx, ny))
                if n >= 6:
                    out.append((x0, y0, x1, y1))
            x = ink[y].find(1, x + 1)
    return out


def lines(comps):
    comps = sorted(comps, key=lambda c: c[1])
    groups = []
    for c in comps:
        for g in groups:
            if c[1] <= g['y1'] and c[3] >= g['y0']:
                g['c'].append(c)
                g['y0'], g['y1'] = min(g['y0'], c[1]), max(g['y1'], c[3])
                break
        else:
            groups.append({'y0': c[1], 'y1': c[3], 'c': [c]})
    return groups


def main(argv):
    bullets = '--bullets' in argv
    argv = [a for a in argv if a != '--bullets']
    path = argv[1]
    ref = tuple(int(v) for v in argv[2:5])
    tol = int(argv[5]) if len(argv) > 5 else 40
    w, h, step, rows = read_bmp(path)
    for g in lines(components(w, h, step, rows, ref, tol)):
        first = min(g['c'], key=lambda c: c[0])
        right = max(c[2] for c in g['c'])
        if bullets:
            rest = sorted((c for c in g['c'] if c is not first), key=lambda c: c[0])
            lh, fh, fw = g['y1'] - g['y0'] + 1, first[3] - first[1] + 1, first[2] - first[0] + 1
            # a bullet: under half the line's height, yet not a dot of an i or j
            if not rest or fh * 2 >= lh or fh * 4 < lh or fw * 4 < lh:
                continue
            first = rest[0]
        print(g['y0'], first[0], first[3] - first[1] + 1, right - first[0] + 1)


if __name__ == '__main__':
    main(sys.argv)
