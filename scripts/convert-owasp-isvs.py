#!/usr/bin/env python3
"""convert-owasp-isvs.py -- the OWASP IoT Security Verification Standard
(ISVS) chapters, as published in Markdown, into a cfgen catalogue.

    scripts/convert-owasp-isvs.py [SOURCE_DIR] [-o FILE] [--version V]
        [--released YYYY-MM-DD]

SOURCE_DIR holds the chapters V1-*.md ... V5-*.md of the ISVS repository
(default ../shared/reference/owasp-isvs) and, optionally, a file SOURCE
whose first word is the commit they come from.  A new ISVS release is one
command: point SOURCE_DIR at its chapters.

How the chapters map (catalogue.md):
- each `###` heading under "Security Verification Requirements" is a
  section, its id the common prefix of its requirement numbers (3.1);
  each `####` heading is a section of its own (3.3 "Linux" inside 3.2),
  titled "Parent - Child" as `cfgen import oscal` titles nested groups;
- the chapter's "Control Objective" and "References" become the intro of
  its first section (cfgen sections do not nest), under the chapter title;
- each table row is a requirement: the number is the id, the description
  the text (Markdown kept), and the L1/L2/L3 columns marked with a tick
  the requirement's `levels` (classes 1-3, non-cumulative: ISVS 4.3.7 is
  L1 and L2, not L3).  A row with no tick, a cell that is neither empty
  nor a tick, or a number outside its section is an error.

Only the Python standard library is used.  The output is deterministic.
"""
import argparse
import datetime
import os
import re
import sys

TICK = "\u2713"
DASH = "\u2014"


class ConvertError(Exception):
    pass


# -- YAML writing: the same rules as gen/yamlwrite.c ----------------------

TYPED = {"null", "Null", "NULL", "~", "true", "True", "TRUE", "false",
         "False", "FALSE", "yes", "Yes", "YES", "no", "No", "NO", "on", "On",
         "ON", "off", "Off", "OFF", "y", "Y", "n", "N", ".inf", ".Inf",
         ".INF", ".nan", ".NaN", ".NAN", "<<", "="}
PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 .,_()/'+;&\-\u0080-\U0010ffff]*\Z")
ODD = re.compile("[\u0085\u2028\u2029\ufeff]")


def scalar(s, ind):
    if (PLAIN.match(s) and s not in TYPED and "  " not in s
            and not s.endswith(" ") and not ODD.search(s)):
        return s
    lines = s.split("\n")
    if (len(lines) > 1 and not s.startswith((" ", "\n")) and
            not s.endswith(("\n", " ")) and not ODD.search(s) and
            not re.search("[\x00-\x08\x0a-\x1f\x7f]", s.replace("\n", "")) and
            "\t" not in s and all(not l.endswith(" ") for l in lines)):
        return "|-\n" + "\n".join((" " * ind + l) if l else "" for l in lines)
    out = ['"']
    for ch in s:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7f:
            out.append("\\x%02X" % ord(ch))
        elif ch == "\u0085":
            out.append("\\N")
        elif ch == "\u2028":
            out.append("\\L")
        elif ch == "\u2029":
            out.append("\\P")
        elif ch == "\ufeff":
            out.append("\\uFEFF")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def kv(out, ind, dash, key, value):
    pad = " " * (ind - 2) + "- " if dash else " " * ind
    if value is None:
        out.append(f"{pad}{key}:\n")
    elif isinstance(value, bool):
        out.append(f"{pad}{key}: {'true' if value else 'false'}\n")
    elif isinstance(value, int):
        out.append(f"{pad}{key}: {value}\n")
    elif isinstance(value, list):
        out.append(f"{pad}{key}: [{', '.join(str(v) for v in value)}]\n")
    else:
        out.append(f"{pad}{key}: {scalar(value, ind + 2)}\n")


# -- Reading the chapters --------------------------------------------------

def cells(line):
    """The cells of a GFM table row; an escaped \\| stays in its cell."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", body)]


def paragraphs(lines):
    """Markdown lines as a block, blank-line runs folded, ends trimmed."""
    text = "\n".join(l.rstrip() for l in lines)
    text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return text


def read_chapter(path):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[0] == "---":          # Jekyll front matter
        end = lines.index("---", 1)
        lines = lines[end + 1:]
    chapter = None
    part = None             # "objective", "requirements", "references"
    objective, references, sections = [], [], []
    h3 = None
    for no, line in enumerate(lines, 1):
        m = re.match(r"(#{1,6})\s+(.*?)\s*$", line)
        if m:
            level, title = len(m.group(1)), m.group(2)
            if level == 1:
                mm = re.match(r"V(\d+):\s*(.*)", title)
                if not mm:
                    raise ConvertError(f"{path}: chapter heading '{title}' "
                                       "is not 'V<n>: Title'")
                chapter = (mm.group(1), mm.group(2))
                continue
            if level == 2:
                part = {"control objective": "objective",
                        "security verification requirements":
                        "requirements", "references": "references"}.get(
                            title.lower())
                if part is None:
                    raise ConvertError(f"{path}:{no}: unknown chapter part "
                                       f"'{title}'")
                continue
            if part == "requirements" and level in (3, 4):
                if level == 3:
                    h3 = title
                    full = title
                else:
                    if h3 is None:
                        raise ConvertError(f"{path}:{no}: '####' heading "
                                           "before any '###'")
                    full = f"{h3} {DASH} {title}"
                sections.append({"title": full, "rows": [], "line": no})
                continue
            if part == "references":
                references.append(f"**{title}**")
                references.append("")
                continue
            raise ConvertError(f"{path}:{no}: heading '{title}' where none "
                               "is expected")
        if part == "objective":
            objective.append(line)
        elif part == "references":
            references.append(line)
        elif part == "requirements":
            if not line.strip():
                continue
            if not line.lstrip().startswith("|"):
                raise ConvertError(f"{path}:{no}: text outside a table in "
                                   "the requirements")
            if not sections:
                raise ConvertError(f"{path}:{no}: a table before any "
                                   "section heading")
            sections[-1]["rows"].append((no, cells(line)))
    if chapter is None:
        raise ConvertError(f"{path}: no '# V<n>: Title' heading")
    return chapter, paragraphs(objective), paragraphs(references), sections


def requirements(path, section):
    rows = section["rows"]
    if len(rows) < 2:
        raise ConvertError(f"{path}:{section['line']}: section "
                           f"'{section['title']}' has no table")
    header = rows[0][1]
    try:
        col_id, col_text = header.index("#"), header.index("Description")
    except ValueError:
        raise ConvertError(f"{path}:{rows[0][0]}: table header lacks '#' "
                           "or 'Description'")
    levels = [(i, int(h[1:])) for i, h in enumerate(header)
              if re.fullmatch(r"L\d+", h)]
    if not levels:
        raise ConvertError(f"{path}:{rows[0][0]}: no level columns")
    if not all(re.fullmatch(r":?-+:?", c) for c in rows[1][1]):
        raise ConvertError(f"{path}:{rows[1][0]}: no delimiter row")
    out = []
    for no, row in rows[2:]:
        if len(row) != len(header):
            raise ConvertError(f"{path}:{no}: {len(row)} cells, the header "
                               f"has {len(header)}")
        m = re.fullmatch(r"\*\*([0-9][0-9.]*[0-9])\*\*|([0-9][0-9.]*[0-9])",
                         row[col_id])
        if not m:
            raise ConvertError(f"{path}:{no}: '{row[col_id]}' is not a "
                               "requirement number")
        rid = m.group(1) or m.group(2)
        marked = []
        for i, level in levels:
            if row[i] == TICK:
                marked.append(level)
            elif row[i] != "":
                raise ConvertError(f"{path}:{no}: requirement {rid}: cell "
                                   f"L{level} is '{row[i]}', neither a "
                                   "tick nor empty")
        if not marked:
            raise ConvertError(f"{path}:{no}: requirement {rid} is marked "
                               "for no level")
        text = row[col_text]
        if not text:
            raise ConvertError(f"{path}:{no}: requirement {rid} has no text")
        out.append({"id": rid, "text": text, "levels": marked})
    return out


def convert(src, version, released):
    chapters = sorted((f for f in os.listdir(src)
                       if re.match(r"V\d+-.*\.md\Z", f)),
                      key=lambda f: int(re.match(r"V(\d+)", f).group(1)))
    if not chapters:
        raise ConvertError(f"{src}: no chapters V<n>-*.md")
    commit = None
    if os.path.exists(os.path.join(src, "SOURCE")):
        with open(os.path.join(src, "SOURCE"), encoding="utf-8") as f:
            words = f.read().split()
        commit = words[0] if words else None
        # "HASH Sun Jun 28 18:38:57 2026 -0700 ...": the commit's date.
        if released is None and len(words) >= 7:
            try:
                released = datetime.datetime.strptime(
                    " ".join(words[1:7]), "%a %b %d %H:%M:%S %Y %z"
                ).date().isoformat()
            except ValueError:
                pass
    if released is None:
        raise ConvertError(f"{src}: no SOURCE with the commit's date; "
                           "give --released")
    out = []
    w = out.append
    w("# OWASP IoT Security Verification Standard (ISVS) as a cfgen "
      "catalogue.\n")
    w("# Made by scripts/convert-owasp-isvs.py from the ISVS chapters"
      + (f" (commit {commit})" if commit else "") + ";\n")
    w("# convert again rather than edit.  CC BY-SA 4.0: see 'licence'.\n")
    kv(out, 0, False, "schema", "cfgen/catalogue/1")
    kv(out, 0, False, "id", "owasp-isvs")
    kv(out, 0, False, "title", "OWASP IoT Security Verification Standard")
    kv(out, 0, False, "publisher", "OWASP Foundation")
    kv(out, 0, False, "version", version)
    kv(out, 0, False, "released", released)
    kv(out, 0, False, "url", "https://owasp.org/www-project-iot-security-"
       "verification-standard/")
    kv(out, 0, False, "licence",
       "The OWASP IoT Security Verification Standard (ISVS) is a work of "
       "the OWASP Foundation and the ISVS contributors, licensed under the "
       "[Creative Commons Attribution-ShareAlike 4.0 International]"
       "(https://creativecommons.org/licenses/by-sa/4.0/) licence "
       "(CC BY-SA 4.0).\n\n"
       "This catalogue is an adaptation: the requirement tables of the "
       "ISVS chapters"
       + (f" (repository commit {commit})" if commit else "")
       + " were converted to cfgen's format by "
       "`scripts/convert-owasp-isvs.py`. The requirement texts are "
       "unchanged; each table's L1, L2 and L3 ticks became the "
       "requirement's levels, and each chapter's control objective and "
       "references the introduction of its first section. The adaptation "
       "is shared under the same licence, CC BY-SA 4.0.")
    kv(out, 0, False, "notice",
       "An unofficial conversion of the OWASP ISVS, not endorsed by OWASP. "
       "Each requirement applies to exactly the levels its table marks "
       "(L1, L2, L3 are classes 1, 2, 3; a requirement may apply to a "
       "lower level and not to a higher one).")
    kv(out, 0, False, "classes", None)
    for level in (1, 2, 3):
        kv(out, 4, True, "id", level)
        kv(out, 4, False, "title", f"L{level}")
    kv(out, 0, False, "categories", None)
    kv(out, 4, True, "code", "M")
    kv(out, 4, False, "title", "Required")
    kv(out, 4, False, "required", True)
    kv(out, 0, False, "sections", None)
    seen = set()
    for name in chapters:
        path = os.path.join(src, name)
        (num, ctitle), objective, references, sections = read_chapter(path)
        if not sections:
            raise ConvertError(f"{path}: no requirement sections")
        for k, section in enumerate(sections):
            reqs = requirements(path, section)
            prefixes = {r["id"].rsplit(".", 1)[0] for r in reqs}
            if len(prefixes) != 1:
                raise ConvertError(f"{path}:{section['line']}: section "
                                   f"'{section['title']}' mixes numbers "
                                   f"{sorted(prefixes)}")
            sid = prefixes.pop()
            if not sid.startswith(num + "."):
                raise ConvertError(f"{path}:{section['line']}: section "
                                   f"{sid} is not in chapter V{num}")
            for r in reqs:
                if r["id"] in seen:
                    raise ConvertError(f"{path}: requirement {r['id']} "
                                       "is given twice")
                seen.add(r["id"])
            kv(out, 4, True, "id", sid)
            kv(out, 4, False, "title", section["title"])
            if k == 0:
                intro = [f"**V{num}: {ctitle}**"]
                if objective:
                    intro += ["**Control Objective**", objective]
                if references:
                    intro += ["**References**", references]
                kv(out, 4, False, "intro", "\n\n".join(intro))
            kv(out, 4, False, "requirements", None)
            for r in reqs:
                kv(out, 8, True, "id", r["id"])
                kv(out, 8, False, "text", r["text"])
                kv(out, 8, False, "levels", r["levels"])
                kv(out, 8, False, "category", "M")
    return "".join(out)


def main():
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    # The reference data sits beside the repository (a worktree: deeper).
    default = next((d for d in (os.path.join(repo, up, "shared", "reference",
                                             "owasp-isvs")
                                for up in ("..", os.path.join("..", "..")))
                    if os.path.isdir(d)), None)
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("source", nargs="?", default=default)
    ap.add_argument("-o", "--output", default="-")
    ap.add_argument("--version", default="1.0")
    ap.add_argument("--released", default=None,
                    help="default: the commit date in SOURCE_DIR/SOURCE")
    args = ap.parse_args()
    if args.source is None:
        ap.error("no ../shared/reference/owasp-isvs: give SOURCE_DIR")
    try:
        text = convert(args.source, args.version, args.released)
    except (ConvertError, OSError, UnicodeDecodeError, ValueError) as e:
        print(f"convert-owasp-isvs: error: {e}", file=sys.stderr)
        return 1
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, args.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
