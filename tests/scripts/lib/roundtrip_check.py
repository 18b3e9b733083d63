#!/usr/bin/env python3
"""roundtrip_check.py -- a catalogue and what `cfgen import oscal` made of
its OSCAL export hold the same requirements.

    roundtrip_check.py ORIGINAL.yaml IMPORTED.yaml

Same sections (id, title), same requirements in the same order and
nesting, each with the same id, title (OSCAL needs one: a requirement
without title comes back titled with its id), text, guidance, references
and status (active or withdrawn; OSCAL has no "reserved").  Classes and
categories are not compared: without --baseline the import makes one
class and one category (catalogue.md, "Importing OSCAL").  A reference
address is compared as the address it is: the export percent-encodes
what a URI may not hold (a quote, a space, non-ASCII).
"""
import sys
import urllib.parse

import yaml


def norm(s):
    return " ".join(str(s).split()) if s is not None else None


def addr(u):
    if u is None:
        return None
    return urllib.parse.quote(urllib.parse.unquote(str(u)),
                              safe=":/?#[]@!$&'()*+,;=~-._")


def reqs(items, parent=None):
    for r in items or []:
        rid = str(r["id"])
        status = r.get("status", "active")
        yield (rid, parent, norm(r.get("title") or rid),
               norm(r.get("text")) if status == "active" else None,
               norm(r.get("guidance")),
               [(norm(x.get("title")), addr(x.get("url")))
                for x in r.get("references") or []],
               "withdrawn" if status == "withdrawn" else "active")
        yield from reqs(r.get("requirements"), rid)


def load(path):
    c = yaml.safe_load(open(path, encoding="utf-8"))
    return ([(str(s["id"]), norm(s["title"])) for s in c["sections"]],
            [r for s in c["sections"] for r in reqs(s.get("requirements"))])


a, b = load(sys.argv[1]), load(sys.argv[2])
bad = 0
if a[0] != b[0]:
    print("FAIL sections differ:", a[0][:5], b[0][:5])
    bad += 1
if len(a[1]) != len(b[1]):
    print(f"FAIL {len(a[1])} requirements, {len(b[1])} after the round trip")
    bad += 1
for x, y in zip(a[1], b[1]):
    if x != y and bad < 20:
        print(f"FAIL {x[0]}:\n  was {str(x)[:2000]}\n"
              f"  now {str(y)[:2000]}")
        bad += 1
print(f"round trip: {len(a[0])} sections, {len(a[1])} requirements"
      f"{', differences' if bad else ', the same'}")
sys.exit(1 if bad else 0)
