#!/usr/bin/env python3
"""hostile_input.py -- a catalogue and a product answering it whose every
text and address is as awkward as a stranger can make it, for the
exports' tests (exports.sh: valid JSON, valid against the official
schemas, whatever the input says).

    hostile_input.py DIR        writes DIR/hostile.yaml, DIR/p1.yaml and
                                the evidence files p1.yaml names

The text holds quotes, backslashes, tabs, raw U+2028, U+2029 and NEL,
"</script>", an HTML comment, mustache and CDATA ends, bidi overrides,
astral characters, entities, printf conversions, line breaks and white
space at either end of one-line fields, and 70,000-character words; the
addresses hold quotes, angle brackets, backslashes, braces, spaces,
non-ASCII, a '%' that starts no escape, two '#', an IPv6 host and a
port.  Control characters other than tab are refused by the YAML reader
(bad_inputs.sh), so they are not here.
"""
import json
import os
import sys

H = ('q"uote \\back\\slash \t tab \u2028LS\u2029PS \u0085NEL '
     '</script><script>alert(1)</script> <!-- x --> {{x}} {{{y}}} ]]> '
     '\u200e\u202e rtl \U0001F600 & &amp; &#106; %s %n %% ${x} `cmd`')
LONG = "W" * 70000
NOTICE = 'Notice ' + H + ' [x](https://e.example/")\\) ' + LONG
GUIDANCE = ("Guidance " + H + "\n\n| a | b |\n|---|---|\n"
            "| </script> | \\ |")
CONTACT = '"q\\"x"@e.example'
URLS = [
    'https://example.com/a%22b?x=</script>&y="z',
    "https://b\u00fccher.example/\u00fc?q=\u00e4#frag#more",
    "http://[::1]:8080/x%zz/{a}|b^c`d",
    "https://e.example/a b\\c<d>?e=f g",
]


def y(s):
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(s, ensure_ascii=False)


def line(s):
    """A one-line field: breaks inside, white space around."""
    return " \u00a0" + s + "\nsecond\u2028line \t"


def main(out):
    os.makedirs(out, exist_ok=True)
    refs = "".join(
        "          - title: %s\n            url: %s\n" % (y(line("Ref %d " % i
                                                                   + H)),
                                                          y(u))
        for i, u in enumerate(URLS))
    cat = f"""schema: cfgen/catalogue/1
id: hostile
title: {y(line("Catalogue " + H))}
publisher: {y(line("Publisher " + H))}
version: "1.0"
released: 2026-01-01
url: {y(URLS[0])}
notice: {y(NOTICE)}
classes:
  - id: 1
    title: {y(line("Class " + H))}
    description: {y("Description " + H)}
categories:
  - code: M
    title: {y(line("Mandatory " + H))}
    required: true
answers:
  - code: C
    title: {y(line("Compliant " + H))}
    meets: true
  - code: N
    title: {y(line("No " + H))}
    meets: false
sections:
  - id: "1"
    title: {y(line("Section " + H))}
    intro: {y("Intro " + H)}
    requirements:
      - id: "1.1"
        title: {y(line("Title " + H))}
        text: {y("Text " + H + " " + LONG)}
        guidance: {y(GUIDANCE)}
        class: 1
        category: M
        keywords: [{y(line("Key " + H))}]
        references:
{refs}        requirements:
          - id: "1.1.a"
            title: {y(line("Child " + H))}
            text: {y("Child text " + H)}
      - id: "1.2"
        text: {y("Untitled " + H)}
        class: 1
        category: M
"""
    ev = 'ev \u00fc#"1%zz.txt'
    with open(os.path.join(out, ev), "w", encoding="utf-8") as f:
        f.write("evidence\n")
    resp = f"""schema: cfgen/responses/1
catalogue: hostile
version: "1.0"
revision: 1
date: 2026-01-02
product:
  id: p1
  name: {y(line("Product " + H))}
  model: {y(line("Model " + H))}
  version: {y(line("V " + H))}
  description: {y("Description " + H + " " + LONG)}
  manufacturer:
    name: {y(line("Maker " + H))}
    address: {y(line("Address " + H))}
    contact: {y(CONTACT)}
    url: {y(URLS[3])}
claim:
  class: 1
answers:
  "1.1":
    answer: C
    note: {y("Note " + H)}
    evidence:
      - {y(URLS[1])}
      - {y(URLS[2])}
      - {y(ev)}
  "1.1.a":
    answer: C
    note: {y(line("Child note " + H))}
    evidence:
      - {y(ev)}
  "1.2":
    answer: N
    note: {y("No note " + H + " " + LONG)}
declaration:
  signatory:
    name: {y(line("Signatory " + H))}
    role: {y(line("Role " + H))}
  place: {y(line("Place " + H))}
  date: 2026-01-03
"""
    with open(os.path.join(out, "hostile.yaml"), "w", encoding="utf-8") as f:
        f.write(cat)
    with open(os.path.join(out, "p1.yaml"), "w", encoding="utf-8") as f:
        f.write(resp)


if __name__ == "__main__":
    main(sys.argv[1])
