#!/usr/bin/env python3
"""The fleet collector's store, from a mosquitto_sub log.

The collector is `mosquitto_sub -F '%U %t %p'` (time, topic, payload per
line) subscribed to unknot/#; this reads its log and keys events on
(station, seq) the way a real consumer (Telegraf, Node-RED) should:
duplicates are counted and harmless, gaps are seqs missing below the
highest one known (from the events or the station's retained status).

  collect.py LOG events            one line per station:
      station NAME events=N unique=N dups=N max=N status_seq=N gaps=A-B,C|none bad=N
      bad: events whose id is not NAME:SEQ, whose station differs from the
      topic, or that carry a person's data (profile, note, name, user)
  collect.py LOG first-gap NAME    the first missing seq of NAME (nothing when none)
  collect.py LOG gap-range NAME    "FROM TO" of NAME's first gap (nothing when none)
  collect.py LOG avail SINCE       the availability messages after SINCE
      (seconds since the epoch): "avail NAME VALUE T" for the first message of
      each station after SINCE and "last NAME VALUE T" for its last one
"""
import json
import sys

PERSONAL = ("profile", "note", "notes", "name", "user", "comment", "text")


def read(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            raw = raw.rstrip("\n")
            parts = raw.split(" ", 2)
            if len(parts) < 2:
                continue
            try:
                t = float(parts[0])
            except ValueError:
                continue
            topic = parts[1].split("/")
            payload = parts[2] if len(parts) > 2 else ""
            yield t, topic, payload


def events(path):
    st = {}
    for _t, topic, payload in read(path):
        if len(topic) != 4 or topic[0] != "unknot":
            continue
        name, leaf = topic[2], topic[3]
        s = st.setdefault(name, {"seen": {}, "dups": 0, "bad": 0, "status_seq": 0})
        if leaf == "status":
            try:
                s["status_seq"] = max(s["status_seq"], int(json.loads(payload).get("seq", 0)))
            except (ValueError, AttributeError):
                s["bad"] += 1
            continue
        if leaf != "events":
            continue
        try:
            ev = json.loads(payload)
            seq = int(ev["seq"])
        except (ValueError, KeyError, TypeError):
            s["bad"] += 1
            continue
        if ev.get("id") != "%s:%d" % (name, seq) or ev.get("station") != name:
            s["bad"] += 1
        if any(k in ev for k in PERSONAL):
            s["bad"] += 1
        if seq in s["seen"]:
            s["dups"] += 1
        s["seen"][seq] = s["seen"].get(seq, 0) + 1
    return st


def gaps(s):
    top = max([s["status_seq"]] + list(s["seen"]))
    missing = [q for q in range(1, top + 1) if q not in s["seen"]]
    ranges = []
    for q in missing:
        if ranges and ranges[-1][1] == q - 1:
            ranges[-1][1] = q
        else:
            ranges.append([q, q])
    return top, missing, ranges


def main():
    path, mode = sys.argv[1], sys.argv[2]
    if mode == "events":
        for name, s in sorted(events(path).items()):
            top, _missing, ranges = gaps(s)
            g = ",".join(str(a) if a == b else "%d-%d" % (a, b) for a, b in ranges) or "none"
            print("station %s events=%d unique=%d dups=%d max=%d status_seq=%d gaps=%s bad=%d"
                  % (name, sum(s["seen"].values()), len(s["seen"]), s["dups"],
                     max(s["seen"], default=0), s["status_seq"], g, s["bad"]))
    elif mode == "first-gap":
        s = events(path).get(sys.argv[3])
        if s:
            _top, missing, _r = gaps(s)
            if missing:
                print(missing[0])
    elif mode == "gap-range":
        s = events(path).get(sys.argv[3])
        if s:
            _top, _missing, ranges = gaps(s)
            if ranges:
                print("%d %d" % (ranges[0][0], ranges[0][1]))
    elif mode == "avail":
        since = float(sys.argv[3])
        first, last = {}, {}
        for t, topic, payload in read(path):
            if len(topic) == 4 and topic[3] == "availability" and t >= since:
                first.setdefault(topic[2], (payload, t))
                last[topic[2]] = (payload, t)
        for name in sorted(first):
            print("avail %s %s %.3f" % (name, first[name][0], first[name][1]))
        for name in sorted(last):
            print("last %s %s %.3f" % (name, last[name][0], last[name][1]))
    else:
        sys.exit("collect.py: unknown mode " + mode)


if __name__ == "__main__":
    main()
