#!/usr/bin/env python3
"""Random pedal and key input for `unknot --simulate ... --repeat-until HOURS`
(tests/e2e/soak.sh, bench/bench_soak.sh): a --simulate script of HOURS hours,
one gesture every ~20 s (exponential gaps), repeatable from SEED.

Usage: soak_input.py SEED HOURS > script

The mix, as a user at a kiosk might: taps (next), holds (discomfort), two
quick taps, long holds, and the keys p (pause; a later tap resumes), left
(previous), plus (+15 s) and escape (end the session early)."""
import random
import sys


def main():
    seed, hours = int(sys.argv[1]), float(sys.argv[2])
    rng = random.Random(seed)
    end = min(hours, 24.0) * 3600.0  # a script covers at most a day
    out = ["# random pedal and key input, seed %d, %g h" % (seed, hours)]

    def press(inp, t0, dur):
        out.append("%.3f %s down" % (t0, inp))
        out.append("%.3f %s up" % (t0 + dur, inp))
        return t0 + dur

    t = 1.0
    while True:
        t += rng.expovariate(1 / 20.0) + 0.5
        if t > end - 5:
            break
        r = rng.random()
        if r < 0.55:
            t = press("pedal", t, rng.uniform(0.06, 0.25))
        elif r < 0.70:
            t = press("pedal", t, rng.uniform(0.8, 1.6))
        elif r < 0.75:
            t = press("pedal", press("pedal", t, 0.1) + 0.15, 0.1)
        elif r < 0.78:
            t = press("pedal", t, rng.uniform(3.2, 4.0))
        elif r < 0.86:
            t = press("key:p", t, 0.1)
        elif r < 0.90:
            t = press("key:left", t, 0.1)
        elif r < 0.97:
            t = press("key:plus", t, 0.1)
        else:
            t = press("key:escape", t, 0.1)
    print("\n".join(out))


if __name__ == "__main__":
    main()
