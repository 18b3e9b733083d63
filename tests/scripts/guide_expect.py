#!/usr/bin/env python3
"""guide_expect.py -- what the guide's filters must show, for browser.cjs.

usage: guide_expect.py CATALOGUE.yaml > EXPECT.json

Decides from the catalogue alone, read with a YAML library of its own and
catalogue.md's rules written out again here (not cfgen's code), which
requirements of each section a claim of each class must answer (class k
"and above", `levels`, `below`; children inherit class or levels,
category, below and condition), and which requirements ticking one
condition as not met rules out (its expression can no longer be true,
whatever the other conditions).  Keys are the guide page file names.
"""
import itertools
import json
import re
import sys

import yaml


def codes_of(expr):
    return sorted(set(re.findall(r"[A-Za-z][A-Za-z0-9_-]*", expr)) -
                  {"and", "or", "not"})


def value(expr, env):
    py = re.sub(r"[A-Za-z][A-Za-z0-9_-]*",
                lambda m: m.group(0) if m.group(0) in ("and", "or", "not")
                else "env[%r]" % m.group(0), expr)
    return eval(py, {"env": env})  # the catalogue is the test's own


def possible(expr, false_code):
    free = [c for c in codes_of(expr) if c != false_code]
    for vals in itertools.product([False, True], repeat=len(free)):
        env = dict(zip(free, vals))
        env[false_code] = False
        if value(expr, env):
            return True
    return False


def main():
    cat = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    order = [c["id"] for c in cat["classes"]]
    conds = [c["code"] for c in cat.get("conditions") or []]
    out = {}

    def walk(reqs, inh, page):
        for r in reqs or []:
            own = dict(inh)
            if "class" in r:
                own["class"], own["levels"] = r["class"], None
            if "levels" in r:
                own["levels"], own["class"] = r["levels"], None
            for k in ("below", "condition"):
                if k in r:
                    own[k] = r[k]
            rid = str(r["id"])
            # Withdrawn and reserved ones show until a class is chosen.
            page["all"].append(rid)
            if r.get("status", "active") == "active":
                for k in order:
                    if own.get("levels") is not None:
                        ok = k in own["levels"]
                    else:
                        ok = (order.index(k) >= order.index(own["class"])
                              or own.get("below") is not None)
                    if ok:
                        page["classes"][str(k)].append(rid)
                if own.get("condition"):
                    for i, c in enumerate(conds):
                        if not possible(str(own["condition"]), c):
                            page["conditions"][str(i)].append(rid)
            walk(r.get("requirements"), own, page)

    for s in cat["sections"]:
        page = {"all": [], "classes": {str(k): [] for k in order},
                "conditions": {str(i): [] for i in range(len(conds))}}
        walk(s.get("requirements"), {}, page)
        out[str(s["id"]).replace(" ", "_") + ".html"] = page
    json.dump(out, sys.stdout, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
