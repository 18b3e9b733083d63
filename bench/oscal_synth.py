#!/usr/bin/env python3
"""oscal_synth.py -- an OSCAL catalog of N controls for bench/import.sh.

    bench/oscal_synth.py REFERENCE.json N OUT.json

Clones the controls of a real catalog (the 800-53 LOW baseline in
../shared/reference/oscal/) round-robin, enhancements included, until N
controls are written: each clone's control ids and labels get a suffix
(ac-2 -> ac-2-s3, AC-2 -> AC-2-S3) so every id stays unique; parts,
parameters, links and back-matter are kept as they are, so the texts,
parameters and references to resolve have the real catalog's sizes.
The full SP 800-53 r5 has 1,189 controls and enhancements, its HIGH
baseline about 370.  Only the standard library.
"""
import copy
import json
import sys


def count(c):
    return 1 + sum(count(x) for x in c.get("controls", []))


def rename(c, k):
    c = copy.deepcopy(c)

    def walk(x):
        x["id"] = f"{x['id']}-s{k}"
        for p in x.get("props", []):
            if p.get("name") == "label":
                p["value"] = f"{p['value']}-S{k}"
        for y in x.get("controls", []):
            walk(y)
    walk(c)
    return c


def main():
    ref, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with open(ref, encoding="utf-8") as f:
        d = json.load(f)
    cat = d["catalog"]
    groups = cat["groups"]
    pools = [g["controls"] for g in groups]
    for g in groups:
        g["controls"] = []
    total, k = 0, 0
    while total < n:
        k += 1
        for gi, pool in enumerate(pools):
            for c in pool:
                if total + count(c) > n:
                    c = {x: y for x, y in c.items() if x != "controls"}
                if total >= n:
                    break
                groups[gi]["controls"].append(rename(c, k) if k > 1 else c)
                total += count(c)
    cat["metadata"]["title"] += f" (synthetic, {n} controls)"
    with open(out, "w", encoding="utf-8") as f:
        json.dump(d, f, separators=(",", ":"))


if __name__ == "__main__":
    main()
