#!/usr/bin/env python3
"""gen_library: writes a library of N routine files (default 10,000) for
bench_library.sh. Each file is one of the bundled routines (2.5-4.7 KB, the
sizes a real routine has) under its own title, and every 1,000th file is
broken (a misspelt key), so the broken-file path is timed too.

  python3 bench/gen_library.py DIR [N]
"""
import glob
import json
import os
import random
import sys

WORDS = ["morning", "evening", "desk", "runner", "climber", "cyclist", "office",
         "gentle", "deep", "quick", "long", "travel", "sofa", "garden", "swim"]


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: gen_library.py DIR [N]")
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    here = os.path.dirname(os.path.abspath(__file__))
    bases = []
    for p in sorted(glob.glob(os.path.join(here, "..", "routines", "*.json"))):
        if os.path.basename(p) == "schema.json":
            continue
        with open(p) as f:
            d = json.load(f)
        d.pop("$schema", None)
        bases.append(d)
    if not bases:
        sys.exit("gen_library: no bundled routines found")
    rnd = random.Random(22)
    os.makedirs(out, exist_ok=True)
    for i in range(n):
        d = dict(bases[i % len(bases)])
        d["title"] = "%s %s %05d" % (d["title"], rnd.choice(WORDS), rnd.randrange(100000))
        if i % 1000 == 999:
            d["titel"] = d.pop("title")
        with open(os.path.join(out, "r%05d.json" % i), "w") as f:
            json.dump(d, f, indent=2, ensure_ascii=False)
            f.write("\n")


if __name__ == "__main__":
    main()
