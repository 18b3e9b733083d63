#!/usr/bin/env python3
"""words.py -- is every word of every requirement in a document?

usage: words.py CATALOGUE.yaml DOC.txt [DOC.txt...]

Reads the catalogue with a YAML library of its own (not cfgen's reader),
walks its requirements in document order, nested ones right after their
parent, and checks that each document's text holds, in that order, every
word of each requirement's id, title, text and note (and of each section's
id and title).  Words are runs of letters and digits; Markdown and HTML
markup, arrows and punctuation are not words.  Between two words of one
field at most GAP other words may stand (a running header and footer at a
page break, a table cell beside it in a PDF).  Prints what is missing and
exits 1 when anything is.
"""
import re
import sys

import yaml

GAP = 60
WORD = re.compile(r"[^\W_]+", re.UNICODE)


LINK_DEST = re.compile(r"\]\((?:[^()\s]|\([^()\s]*\))*\)")


def words(text):
    # A Markdown link's address is not text a reader sees.
    text = LINK_DEST.sub("]", str(text or ""))
    return [w.lower() for w in WORD.findall(text)]


def walk(reqs, out, section):
    for r in reqs or []:
        fields = []
        for key in ("id", "title", "text", "note"):
            if r.get(key) is not None:
                fields.append((key, words(r[key])))
        out.append((section, str(r.get("id")), fields))
        walk(r.get("requirements"), out, section)


def find(doc, ws, start, first_free):
    """Index after ws matched in doc from start, or -1."""
    if not ws:
        return start
    i = start
    while True:
        try:
            i = doc.index(ws[0], i)
        except ValueError:
            return -1
        at, ok = i + 1, True
        for w in ws[1:]:
            try:
                j = doc.index(w, at, min(len(doc), at + GAP + 1))
            except ValueError:
                ok = False
                break
            at = j + 1
        if ok:
            return at
        if not first_free:
            return -1
        i += 1


def found(doc, ws, splits):
    """ws together in doc; or, up to `splits` times, split where a part
    of the field went elsewhere (a Markdown cell's first paragraph, the
    rest below the table), each part together."""
    if find(doc, ws, 0, True) >= 0:
        return True
    if splits == 0 or len(ws) < 2:
        return False
    for cut in range(1, len(ws)):
        if find(doc, ws[:cut], 0, True) >= 0 and \
                find(doc, ws[:cut + 1], 0, True) < 0:
            return found(doc, ws[cut:], splits - 1)
    return False


def main():
    cat = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
    items = []
    for s in cat["sections"]:
        items.append((str(s["id"]), "section " + str(s["id"]),
                      [("id", words(s["id"])), ("title", words(s["title"]))]))
        walk(s.get("requirements"), items, str(s["id"]))
    bad = 0
    for path in sys.argv[2:]:
        doc = words(open(path, encoding="utf-8").read())
        pos = 0
        for section, rid, fields in items:
            for key, ws in fields:
                if key == "id":
                    # Ids in document order: children after their parent.
                    end = find(doc, ws, pos, True)
                    if end < 0:
                        what = ("out of order" if find(doc, ws, 0, True) >= 0
                                else "missing")
                        print("%s: %s id: %s" % (path, rid, what))
                        bad += 1
                    else:
                        pos = end
                    continue
                # A field may continue below its table (Markdown), so
                # its words are looked for anywhere, but together.
                if not found(doc, ws, 2):
                    print("%s: %s %s: words missing: %s"
                          % (path, rid, key, " ".join(ws)[:200]))
                    bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
