#!/usr/bin/env python3
"""sarif_check.py -- hold SARIF logs against the diagnostics of their run.

    sarif_check.py RULES.txt DIR [CASE-RULES.txt]

DIR holds N.sarif, N.err (the run's standard error) and N.name (the case).
Every diagnostic line of N.err must be one result of N.sarif, in order,
with the same file (its URI decoded), line, column, level and message, a
rule id that is the rule at its ruleIndex; a diagnostic about no file
("cfgen: ...") is a notification of the invocation, and a note is a
notification too.  The driver's rules must be RULES.txt ("INDEX ID" per
line).  CASE-RULES.txt, when given, is the golden list of the rule ids of
each case; CFGEN_REGEN=1 rewrites it.  Prints the counts.
"""
import json
import os
import re
import sys
import urllib.parse

LINE = re.compile(r"^(.+?)(?::(\d+)(?::(\d+))?)?: (error|warning|note): (.*)$")


def uri_path(uri):
    if uri.startswith("file://"):
        uri = uri[len("file://"):]
    return urllib.parse.unquote(uri)


def strip_dot(path):
    while path.startswith("./"):
        path = path[2:].lstrip("/")
    return path


def main():
    rules_file, logdir = sys.argv[1], sys.argv[2]
    golden = sys.argv[3] if len(sys.argv) > 3 else None
    want_rules = [l.split() for l in open(rules_file, encoding="utf-8")
                  if l.strip() and not l.startswith("#")]
    problems, nlogs, nresults, nnotes = [], 0, 0, 0
    case_rules = []
    names = sorted((f for f in os.listdir(logdir) if f.endswith(".name")),
                   key=lambda f: int(f.split(".")[0]))
    for nf in names:
        n = nf.split(".")[0]
        case = open(os.path.join(logdir, nf), encoding="utf-8").read().strip()
        # Inputs made at run time live in a temporary folder.
        case = re.sub(r"^.*?/cfgen-bad\.[A-Za-z0-9]+", "$tmp", case)
        where = f"{case} ({n}.sarif)"
        sp = os.path.join(logdir, n + ".sarif")
        if not os.path.exists(sp):
            problems.append(f"{where}: no SARIF log written")
            continue
        nlogs += 1
        log = json.load(open(sp, encoding="utf-8"))
        run = log["runs"][0]
        rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
        got = [[str(i), r] for i, r in enumerate(rules)]
        if got != want_rules:
            problems.append(f"{where}: rules {got} differ from {rules_file}")
        results = run.get("results", [])
        notes = run["invocations"][0].get("toolExecutionNotifications", [])
        lines = open(os.path.join(logdir, n + ".err"), encoding="utf-8",
                     errors="replace").read().splitlines()
        diags, said = [], []
        for l in lines:
            m = LINE.match(l)
            if not m or l.startswith("cfgen: ["):
                continue
            f, line, col, sev, msg = m.groups()
            if sev == "note" or f == "cfgen":
                said.append((sev, msg))
            else:
                diags.append((f, int(line or 0), int(col or 0), sev, msg))
        if len(diags) != len(results):
            problems.append(f"{where}: {len(diags)} diagnostics on stderr, "
                            f"{len(results)} results")
        ids = []
        for d, r in zip(diags, results):
            loc = r["locations"][0]["physicalLocation"]
            reg = loc.get("region", {})
            have = (uri_path(loc["artifactLocation"]["uri"]),
                    reg.get("startLine", 0), reg.get("startColumn", 0),
                    r["level"], r["message"]["text"])
            if have != (strip_dot(d[0]),) + d[1:]:
                problems.append(f"{where}: result {have} for {d}")
            if rules[r["ruleIndex"]] != r["ruleId"]:
                problems.append(f"{where}: ruleId {r['ruleId']} is not "
                                f"rule {r['ruleIndex']}")
            ids.append(r["ruleId"])
        if len(said) != len(notes):
            problems.append(f"{where}: {len(said)} notes and run-level "
                            f"diagnostics, {len(notes)} notifications")
        for s, t in zip(said, notes):
            if (s[0], s[1]) != (t["level"], t["message"]["text"]):
                problems.append(f"{where}: notification {t} for {s}")
            if "associatedRule" in t:
                ids.append(t["associatedRule"]["id"])
        nresults += len(results)
        nnotes += len(notes)
        case_rules.append(f"{case}: {' '.join(ids) if ids else '-'}")
    if golden:
        text = "".join(l + "\n" for l in case_rules)
        if os.environ.get("CFGEN_REGEN") == "1":
            open(golden, "w", encoding="utf-8").write(text)
        elif open(golden, encoding="utf-8").read() != text:
            old = open(golden, encoding="utf-8").read().splitlines()
            for a, b in zip(old, case_rules):
                if a != b:
                    problems.append(f"rule ids changed: {a!r} -> {b!r}")
            if len(old) != len(case_rules):
                problems.append(f"{golden}: {len(old)} cases, "
                                f"now {len(case_rules)}")
    for p in problems[:50]:
        print("FAIL", p)
    print(f"sarif: {nlogs} logs, {nresults} results, {nnotes} notifications"
          f"{', %d problems' % len(problems) if problems else ''}")
    return 1 if problems else 0


sys.exit(main())
