#!/usr/bin/env python3
"""exports_check.py -- hold the exports of a build against its inputs.

    exports_check.py CATALOGUE.yaml RELEASE_DIR RESPONSES.yaml...

For each responses file, its CycloneDX attestation and OSCAL assessment
results (and the declaration JSON, built with --draft, for the verdict)
must agree with the answers: one map entry and one finding per applicable
requirement (the declaration's count), each with the answer code given
(aliases resolved through the catalogue), score 1 / state satisfied
exactly when that code meets, a claim and an observation per answer, the
SHA-256 of every local evidence file as it is on disk, the signatory of
the responses.  The release's OSCAL catalog and the CycloneDX standard
hold every requirement of the catalogue, and a level per class.  Prints
the counts; exit 1 on any mismatch.
"""
import glob
import hashlib
import json
import os
import sys
import urllib.parse

import yaml

DEFAULT_CODES = {"C": True, "PC": False, "N": False, "NA": True}


def reqs_of(items):
    for r in items or []:
        yield r
        yield from reqs_of(r.get("requirements"))


def main():
    cat_path, rel, responses = sys.argv[1], sys.argv[2], sys.argv[3:]
    cat = yaml.safe_load(open(cat_path, encoding="utf-8"))
    all_ids = [str(r["id"]) for s in cat["sections"]
               for r in reqs_of(s.get("requirements"))]
    alias = {}
    for a in cat.get("answers") or []:
        alias[a["code"]] = a["code"]
        for al in a.get("aliases") or []:
            alias[al] = a["code"]
    problems = []
    counts = {"products": 0, "map": 0, "findings": 0, "satisfied": 0,
              "hashes": 0}

    def want(cond, msg):
        if not cond:
            problems.append(msg)

    # The release: every requirement, every class.
    catalog = json.load(open(glob.glob(os.path.join(
        rel, "*-catalog.oscal.json"))[0], encoding="utf-8"))["catalog"]

    def controls(items):
        for c in items or []:
            yield c
            yield from controls(c.get("controls"))
    labels = [next(p["value"] for p in c["props"] if p["name"] == "label")
              for g in catalog.get("groups", [])
              for c in controls(g.get("controls"))]
    want(labels == all_ids, f"catalog: {len(labels)} controls, "
         f"catalogue has {len(all_ids)} requirements (or another order)")

    for rp in responses:
        resp = yaml.safe_load(open(rp, encoding="utf-8"))
        pid, rev = resp["product"]["id"], resp["revision"]
        base = os.path.join(rel, pid, f"{pid}-r{rev}-{cat['id']}-"
                            f"{cat['version']}")
        decl = json.load(open(next(f for f in (
            base + "-declaration.json", base + "-declaration-DRAFT.json")
            if os.path.exists(f)), encoding="utf-8"))
        meets = {c["code"]: c["meets"] for c in decl["summary"]["codes"]}
        total = decl["summary"]["total"]
        cdx = json.load(open(base + "-declaration.cdx.json",
                             encoding="utf-8"))
        ar = json.load(open(base + "-assessment-results.oscal.json",
                            encoding="utf-8"))["assessment-results"]
        answers = {str(k): v for k, v in (resp.get("answers") or {}).items()}
        rdir = os.path.dirname(rp)
        counts["products"] += 1

        def code_of(rid):
            a = answers.get(rid)
            if not a or a.get("answer") is None:
                return None
            c = str(a["answer"])
            return alias.get(c, c) if alias else c

        # CycloneDX
        std = cdx["definitions"]["standards"][0]
        want([r["identifier"] for r in std["requirements"]] == all_ids,
             f"{pid}: cdx standard requirements differ from the catalogue")
        want(len(std["levels"]) == len(cat["classes"]),
             f"{pid}: cdx levels {len(std['levels'])} != classes")
        dcl = cdx["declarations"]
        want(dcl["assessors"][0]["thirdParty"] is False,
             f"{pid}: assessor is not the manufacturer")
        props = {p["name"]: p["value"] for p in cdx["metadata"]["properties"]}
        want(props["cfgen:draft"] == ("true" if decl["draft"] else "false"),
             f"{pid}: cdx draft property {props['cfgen:draft']}")
        att = dcl["attestations"][0]["map"]
        want(len(att) == total["applicable"],
             f"{pid}: cdx map {len(att)}, applicable {total['applicable']}")
        claims = {c["bom-ref"]: c for c in dcl.get("claims", [])}
        by_code = {}
        for m in att:
            rid = m["requirement"].split("/", 1)[1]
            code = code_of(rid)
            score = m["conformance"]["score"]
            want(score == (1 if code and meets.get(code) else 0),
                 f"{pid}: {rid} answered {code}, cdx score {score}")
            want(props.get(f"cfgen:answer:{rid}") == code,
                 f"{pid}: {rid} answer property "
                 f"{props.get(f'cfgen:answer:{rid}')} != {code}")
            want((f"claim/{rid}" in claims) == (code is not None),
                 f"{pid}: {rid} claim present/absent wrongly")
            if code:
                by_code[code] = by_code.get(code, 0) + 1
            for ref in claims.get(f"claim/{rid}", {}).get(
                    "externalReferences", []):
                for h in ref.get("hashes", []):
                    path = os.path.join(rdir, urllib.parse.unquote(
                        ref["url"]))
                    got = hashlib.sha256(open(path, "rb").read()).hexdigest()
                    want(h == {"alg": "SHA-256", "content": got},
                         f"{pid}: {rid} evidence {ref['url']} hash")
                    counts["hashes"] += 1
        for c, n in total["answers"].items():
            want(by_code.get(c, 0) == n,
                 f"{pid}: {by_code.get(c, 0)} answers {c} in cdx, "
                 f"declaration says {n}")
        sig = (resp.get("declaration") or {}).get("signatory")
        sigs = dcl["affirmation"].get("signatories", [])
        want([s["name"] for s in sigs] == ([sig["name"]] if sig else []),
             f"{pid}: signatories {sigs}")
        counts["map"] += len(att)

        # OSCAL assessment results
        res = ar["results"][0]
        findings = res.get("findings", [])
        want(len(findings) == total["applicable"],
             f"{pid}: {len(findings)} findings, applicable "
             f"{total['applicable']}")
        obs = {o["uuid"]: o for o in res.get("observations", [])}
        resources = {r["uuid"]: r for r in
                     ar.get("back-matter", {}).get("resources", [])}
        for f in findings:
            rid = f["title"].split(" ", 1)[1]
            code = code_of(rid)
            state = f["target"]["status"]["state"]
            want(state == ("satisfied" if code and meets.get(code)
                           else "not-satisfied"),
                 f"{pid}: {rid} answered {code}, finding {state}")
            ans = next(p["value"] for p in f["props"] if p["name"] ==
                       "answer")
            want(ans == (code or "none"), f"{pid}: {rid} answer prop {ans}")
            rel_obs = f.get("related-observations", [])
            want(bool(rel_obs) == (code is not None),
                 f"{pid}: {rid} observations")
            for ro in rel_obs:
                o = obs[ro["observation-uuid"]]
                for ev in o.get("relevant-evidence", []):
                    r = resources[ev["href"][1:]]
                    for h in r["rlinks"][0].get("hashes", []):
                        path = os.path.join(rdir, urllib.parse.unquote(
                            r["rlinks"][0]["href"]))
                        got = hashlib.sha256(open(path, "rb").read()
                                             ).hexdigest()
                        want(h["value"] == got, f"{pid}: {rid} hash")
                        counts["hashes"] += 1
            counts["satisfied"] += state == "satisfied"
        counts["findings"] += len(findings)
    for p in problems[:40]:
        print("FAIL", p)
    print("exports:", ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 1 if problems else 0


sys.exit(main())
