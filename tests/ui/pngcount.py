#!/usr/bin/env python3
"""Counts in the PNG screenshots of tests/helpers/*_shot (8-bit RGBA, no
filter, as tests/shot_png.h writes them; no PIL needed).

  pngcount.py size FILE                        "W H"
  pngcount.py near FILE R G B [Y0 Y1]          pixels within 5 of a colour,
                                               in rows Y0..Y1-1 (default all)
"""
import struct
import sys
import zlib


def rows(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise SystemExit("%s: not a PNG" % path)
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, typ = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if typ == b"IHDR":
            w, h = struct.unpack(">II", body[:8])
        elif typ == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = 1 + 4 * w
    return w, h, [raw[y * stride + 1:(y + 1) * stride] for y in range(h)]


def near(rs, rgb, y0, y1):
    n = 0
    for row in rs[y0:y1]:
        for x in range(0, len(row), 4):
            if abs(row[x] - rgb[0]) < 6 and abs(row[x + 1] - rgb[1]) < 6 and abs(row[x + 2] - rgb[2]) < 6:
                n += 1
    return n


def main(argv):
    if len(argv) >= 3 and argv[1] == "size":
        w, h, _ = rows(argv[2])
        print(w, h)
    elif len(argv) in (6, 8) and argv[1] == "near":
        w, h, rs = rows(argv[2])
        y0, y1 = (int(argv[6]), int(argv[7])) if len(argv) == 8 else (0, h)
        print(near(rs, tuple(int(v) for v in argv[3:6]), y0, y1))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
