#!/usr/bin/env python3
"""stranded.py PDF... -- pages whose last line is a heading.

Reads `pdftotext -bbox-layout` and, per page, takes the lowest line of
the body (above the footer rule): a heading there is stranded, away from
what it heads.  Headings are told by size: their words are set at 10.5 pt
and more, body and table text at 9.5 pt and less.  Prints one line per
stranded heading and exits 1 if there is any.
"""
import subprocess
import sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/1999/xhtml}"
HEADING = 10.5 * 1.16 - 0.3     # line height of a 10.5 pt DejaVu line


def stranded(pdf):
    out = subprocess.run(["pdftotext", "-bbox-layout", pdf, "-"],
                         check=True, capture_output=True).stdout
    root = ET.fromstring(out)
    bad = []
    for n, page in enumerate(root.iter(NS + "page"), 1):
        height = float(page.get("height"))
        lines = []
        for line in page.iter(NS + "line"):
            words = [w.text or "" for w in line.iter(NS + "word")]
            y0, y1 = float(line.get("yMin")), float(line.get("yMax"))
            if y1 > height - 56:        # the footer, below the rule
                continue
            lines.append((y1, y1 - y0, " ".join(words)))
        if not lines:
            continue
        last = max(lines)
        if last[1] >= HEADING:
            bad.append("%s: page %d ends with heading '%s'"
                       % (pdf, n, last[2]))
    return bad


def main():
    bad = []
    for pdf in sys.argv[1:]:
        bad += stranded(pdf)
    for b in bad:
        print(b)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
