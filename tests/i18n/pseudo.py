#!/usr/bin/env python3
"""pseudo.py POT PO: a pseudo-locale from the template (issue 21): every message
lengthened by 40 % (each word by 40 %, as German compounds grow) with accented
letters, between the markers U+27E6 and U+27E7, so a screen shows at once
which texts come from the catalogue and which layouts only fit English. The
format directives (%s, %2$d, %.*s...), escapes and the Plural-Forms stay."""
import re
import sys

ACCENT = dict(zip("aceinousyACEINOUSY", "áçéîñöûšýÁÇÉÎÑÖÛŠÝ"))
TOKEN = re.compile(r'(%(?:\d+\$)?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t)?[a-zA-Z%]|\\.|[A-Za-z]+)')
FILL = "ëïäöü"


def unquote(lines):
    return "".join(re.match(r'^\s*"(.*)"\s*$', l).group(1) for l in lines)


def pseudo(s):
    if not s:
        return s
    out = []
    pos = 0
    for m in TOKEN.finditer(s):
        out.append(s[pos:m.start()])
        t = m.group(0)
        if t[0] in "%\\":
            out.append(t)
        else:
            grow = (len(t) * 4 + 9) // 10
            out.append("".join(ACCENT.get(c, c) for c in t) + (FILL * grow)[:grow])
        pos = m.end()
    out.append(s[pos:])
    lead = re.match(r'^((?:\\n)*)', s).group(1)
    body = "".join(out)[len(lead):]
    trail = re.search(r'((?:\\n)*)$', body).group(1)
    body = body[:len(body) - len(trail)] if trail else body
    return lead + "\u27e6" + body + "\u27e7" + trail


def entries(text):
    block = []
    for line in text.split("\n") + [""]:
        if line.strip() == "":
            if block:
                yield block
            block = []
        else:
            block.append(line)


def main():
    pot, out = sys.argv[1], sys.argv[2]
    res = ['msgid ""', 'msgstr ""', '"Project-Id-Version: unknot\\n"', '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"',
           '"Last-Translator: tests/i18n/pseudo.py\\n"', '"Language-Team: none\\n"', '"Language: xx\\n"',
           '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Content-Transfer-Encoding: 8bit\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', '']
    for b in entries(open(pot, encoding="utf-8").read()):
        keys = {}
        cur = None
        for line in b:
            if line.startswith("#"):
                continue
            m = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
            if m:
                cur = m.group(1)
                keys[cur] = [m.group(2)]
            elif cur:
                keys[cur].append(line)
        if "msgid" not in keys or unquote(keys["msgid"]) == "":
            continue
        mid = unquote(keys["msgid"])
        if "msgctxt" in keys:
            res.append('msgctxt "%s"' % unquote(keys["msgctxt"]))
        res.append('msgid "%s"' % mid)
        if "msgid_plural" in keys:
            pl = unquote(keys["msgid_plural"])
            res.append('msgid_plural "%s"' % pl)
            res.append('msgstr[0] "%s"' % pseudo(mid))
            res.append('msgstr[1] "%s"' % pseudo(pl))
        else:
            res.append('msgstr "%s"' % pseudo(mid))
        res.append("")
    open(out, "w", encoding="utf-8").write("\n".join(res))


main()
