#!/usr/bin/env node
// schema_validate.cjs -- validate JSON files against an official JSON
// Schema with ajv (pinned in .tools/package.json):
//   node schema_validate.cjs SCHEMA FILE...
// Every other *.json beside SCHEMA is loaded too, for its $refs (the
// CycloneDX schema refers to spdx and jsf).  Draft-04 schemas (SARIF) go
// to ajv-draft-04, the rest (draft-07) to ajv.  Regular expressions get
// the `u` flag (ajv's unicodeRegExp, on by default and set here so that
// it stays on): OSCAL's patterns use \p{L}, which only Unicode-aware
// expressions understand.  Prints each error and exits 1 if any file is
// invalid; 2 if a schema cannot be compiled.
"use strict";
const fs = require("fs");
const path = require("path");
const tools = path.join(__dirname, "..", "..", "..", ".tools", "node_modules");
const Ajv07 = require(path.join(tools, "ajv")).default;
const Ajv04 = require(path.join(tools, "ajv-draft-04"));
const addFormats = require(path.join(tools, "ajv-formats"));

const [schemaPath, ...files] = process.argv.slice(2);
const load = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
const schema = load(schemaPath);
const draft04 = /draft-04/.test(schema.$schema || "");
// strict: false -- the official schemas use keywords ajv's strict mode
// refuses (CycloneDX "meta:enum", OSCAL's unused definitions); they are
// still validated to the letter of the standard.
const opts = { strict: false, allErrors: true, unicodeRegExp: true };
const ajv = draft04 ? new Ajv04(opts) : new Ajv07(opts);
addFormats(ajv);
// Formats ajv-formats lacks (CycloneDX): an IRI is a URI with non-ASCII
// letters allowed, so check that form rather than ignore the keyword.
const iriRef = /^[^\s<>"{}|\\^`]*$/u;
ajv.addFormat("iri-reference", iriRef);
ajv.addFormat("iri", /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]*$/u);
ajv.addFormat("idn-email", /^[^\s@]+@[^\s@]+$/u);
const dir = path.dirname(schemaPath);
for (const f of fs.readdirSync(dir).sort()) {
  const p = path.join(dir, f);
  if (!f.endsWith(".json") || path.resolve(p) === path.resolve(schemaPath))
    continue;
  const s = load(p);
  if (s.$id && /draft-04/.test(s.$schema || "") === draft04)
    ajv.addSchema(s);
}
let validate;
try {
  validate = ajv.compile(schema);
} catch (e) {
  console.error(`${schemaPath}: cannot compile: ${e.message}`);
  process.exit(2);
}
let bad = 0;
for (const f of files) {
  if (validate(load(f)))
    continue;
  bad++;
  for (const e of validate.errors.slice(0, 20))
    console.log(`${f}: ${e.instancePath || "/"}: ${e.message}` +
      (e.params && e.params.allowedValues ?
        ` (${e.params.allowedValues.join(", ")})` : ""));
}
process.exit(bad > 0 ? 1 : 0);
