#!/usr/bin/env python3
"""Checks on the BMP screenshots of `unknot --screenshot` (no PIL needed).

  bmpcheck.py colors FILE              distinct colours in the picture
  bmpcheck.py region FILE X Y W H      a hash of the pixels of a rectangle
  bmpcheck.py near FILE R G B [TOL]    pixels within TOL (default 24) of a colour
  bmpcheck.py nearin FILE X Y W H R G B [TOL]   the same inside a rectangle
  bmpcheck.py exact FILE R G B         pixels of exactly that colour (fast)
  bmpcheck.py size FILE                "W H"
  bmpcheck.py pixel FILE X Y           "R G B" of one pixel
"""
import hashlib
import struct
import sys


def read_bmp(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:2] != b'BM':
        raise SystemExit('%s: not a BMP' % path)
    off = struct.unpack_from('<I', data, 10)[0]
    w, h = struct.unpack_from('<ii', data, 18)
    bpp = struct.unpack_from('<H', data, 28)[0]
    if bpp not in (24, 32):
        raise SystemExit('%s: %d bits per pixel not supported' % (path, bpp))
    bottom_up = h > 0
    h = abs(h)
    step = bpp // 8
    stride = (w * step + 3) & ~3
    rows = []
    for y in range(h):
        src = h - 1 - y if bottom_up else y
        start = off + src * stride
        rows.append(data[start:start + w * step])
    return w, h, step, rows


def pixels(rows, step, x0=0, y0=0, w=None, h=None):
    for row in rows[y0:y0 + h if h is not None else None]:
        seg = row[x0 * step:(x0 + w) * step if w is not None else None]
        for i in range(0, len(seg), step):
            yield seg[i + 2], seg[i + 1], seg[i]


def main(argv):
    cmd, path = argv[1], argv[2]
    w, h, step, rows = read_bmp(path)
    if cmd == 'size':
        print(w, h)
    elif cmd == 'colors':
        # Every 3rd pixel of every 3rd row is plenty to tell a blank screen.
        seen = set()
        for row in rows[::3]:
            for i in range(0, len(row), step * 3):
                seen.add(row[i:i + 3])
        print(len(seen))
    elif cmd == 'region':
        x, y, rw, rh = (int(v) for v in argv[3:7])
        x, y = max(0, x), max(0, y)
        rw, rh = min(rw, w - x), min(rh, h - y)
        m = hashlib.sha1()
        for row in rows[y:y + rh]:
            m.update(row[x * step:(x + rw) * step])
        print(m.hexdigest()[:16])
    elif cmd == 'pixel':
        x, y = int(argv[3]), int(argv[4])
        px = rows[y][x * step:x * step + 3]
        print(px[2], px[1], px[0])
    elif cmd == 'exact':
        # Pixels of exactly this colour (solid fills, not antialiased text).
        r, g, b = (int(v) for v in argv[3:6])
        pat = bytes((b, g, r))
        n = 0
        for row in rows:
            i = row.find(pat)
            while i >= 0:
                if i % step == 0:
                    n += 1
                i = row.find(pat, i + 1)
        print(n)
    elif cmd == 'near':
        r, g, b = (int(v) for v in argv[3:6])
        tol = int(argv[6]) if len(argv) > 6 else 24
        n = 0
        for pr, pg, pb in pixels(rows, step):
            if abs(pr - r) <= tol and abs(pg - g) <= tol and abs(pb - b) <= tol:
                n += 1
        print(n)
    elif cmd == 'nearin':
        x, y, rw, rh, r, g, b = (int(v) for v in argv[3:10])
        tol = int(argv[10]) if len(argv) > 10 else 24
        n = 0
        for pr, pg, pb in pixels(rows, step, x, y, rw, rh):
            if abs(pr - r) <= tol and abs(pg - g) <= tol and abs(pb - b) <= tol:
                n += 1
        print(n)
    else:
        raise SystemExit(__doc__)


if __name__ == '__main__':
    main(sys.argv)
