/*
 * sarif.c -- one SARIF run: the tool with one rule per kind of
 * diagnostic, one result per diagnostic kept by diag.c.
 *
 * A diagnostic about no file ("cfgen: warning: nothing was written") is
 * a notification of the invocation instead: GitHub code scanning refuses
 * a result without a location.
 */
#include "sarif.h"

#include <stdlib.h>

#include "export.h"
#include "output.h"
#include "util.h"

#define SARIF_SCHEMA	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
			"errata01/os/schemas/sarif-schema-2.1.0.json"

/*
 * Indexed by kind.  The ids are published (reviewers filter on them):
 * never rename one; a new kind gets a new id.
 */
static const struct {
	const char	*id;
	const char	*level;		/* the usual level of its results */
	const char	*text;
} rules[] = {
	[CF_DK_IO] = { "io-error", "error", "A file cannot be opened, "
	    "read or written, or changed while cfgen was running" },
	[CF_DK_LIMIT] = { "input-limit", "error", "An input is over a "
	    "limit: file size, nesting depth, length of a name" },
	[CF_DK_ENCODING] = { "encoding", "error", "Text is not UTF-8 or "
	    "holds a control character" },
	[CF_DK_YAML] = { "yaml-syntax", "error", "The YAML cannot be "
	    "parsed" },
	[CF_DK_YAML_FEATURE] = { "yaml-unsupported", "error", "A YAML "
	    "feature the formats do not accept: anchors, aliases, tags, "
	    "complex keys, several documents" },
	[CF_DK_DUP_KEY] = { "duplicate-key", "error", "A mapping gives "
	    "the same key twice" },
	[CF_DK_SCHEMA] = { "schema", "error", "A value of the wrong type "
	    "or form, or a required key missing (catalogue.md, "
	    "responses.md)" },
	[CF_DK_UNKNOWN_KEY] = { "unknown-key", "error", "A key the format "
	    "does not have" },
	[CF_DK_DUP_ID] = { "duplicate-id", "error", "An id, code, alias or "
	    "product revision given twice" },
	[CF_DK_UNKNOWN_REF] = { "unknown-reference", "error", "A class, "
	    "category, condition, applicability or requirement that is not "
	    "declared" },
	[CF_DK_NUMBERING] = { "numbering", "warning", "Ids out of order, "
	    "outside their section, or reserved" },
	[CF_DK_CONTENT] = { "catalogue-content", "warning", "Catalogue "
	    "text that repeats, a section without requirements, an in-page "
	    "link to nothing" },
	[CF_DK_ANSWER] = { "answer", "error", "An answer that does not fit "
	    "its requirement: unknown code, missing justification, a "
	    "reserved or withdrawn requirement" },
	[CF_DK_EVIDENCE] = { "evidence", "error", "Evidence that is "
	    "missing, unreadable, or outside the responses folder" },
	[CF_DK_RELEASE] = { "release-mismatch", "error", "Responses to "
	    "another catalogue release" },
	[CF_DK_CLAIM] = { "claim", "error", "The claimed class, "
	    "applicability or conditions do not fit the catalogue" },
	[CF_DK_DATE] = { "date", "warning", "A declaration date after the "
	    "build, or a support period that has ended" },
	[CF_DK_GATE] = { "gate-blocker", "warning", "Why the gate refuses "
	    "the declaration (declaration.md)" },
	[CF_DK_TEMPLATE] = { "template", "error", "A template that cannot "
	    "be read or rendered" },
	[CF_DK_TRANSLATION] = { "translation", "error", "A language, "
	    "message catalogue or catalogue translation that cannot be "
	    "used" },
	[CF_DK_PDF_STYLE] = { "pdf-style", "error", "A PDF style, its fonts "
	    "or logo that cannot be used" },
	[CF_DK_RENDER] = { "render", "warning", "What a document cannot "
	    "show as given, or could not be rendered" },
	[CF_DK_OUTPUT] = { "output", "error", "The output tree was refused "
	    "or left as it was" },
	[CF_DK_EXPORT] = { "export", "error", "What CycloneDX or OSCAL "
	    "cannot express" },
	[CF_DK_VERIFY] = { "verify", "error", "A declaration's recorded "
	    "files or form do not check out" },
	[CF_DK_IMPORT] = { "import", "error", "An OSCAL catalog that cannot "
	    "be imported" },
	[CF_DK_MIGRATE] = { "migrate", "error", "Answers that cannot be "
	    "carried to the new release" },
	[CF_DK_DIFF] = { "diff", "error", "Releases that cannot be "
	    "compared" },
	[CF_DK_INIT] = { "init", "error", "A responses skeleton that cannot "
	    "be written" },
	[CF_DK_SIGN] = { "signing", "error", "A key that cannot be used, or "
	    "a signature that cannot be made" },
};

_Static_assert(sizeof(rules) / sizeof(rules[0]) == CF_DK_COUNT,
    "every kind of diagnostic has a SARIF rule");

const char *
cf_sarif_rule_id(enum cf_dkind k)
{
	return k < CF_DK_COUNT ? rules[k].id : NULL;
}

const char *
cf_sarif_rule_text(enum cf_dkind k)
{
	return k < CF_DK_COUNT ? rules[k].text : NULL;
}

static json_t *
message(const char *text)
{
	json_t	*m = json_object();

	cf_jset(m, "text", cf_jstr(text));
	return m;
}

static json_t *
driver(void)
{
	json_t	*d = json_object(), *list = json_array(), *r, *c;
	size_t	 i;

	cf_jset(d, "name", json_string("cfgen"));
	cf_jset(d, "version", json_string(CFGEN_VERSION));
	cf_jset(d, "semanticVersion", json_string(CFGEN_VERSION));
	for (i = 0; i < CF_DK_COUNT; i++) {
		r = json_object();
		cf_jset(r, "id", json_string(rules[i].id));
		cf_jset(r, "shortDescription", message(rules[i].text));
		c = json_object();
		cf_jset(c, "level", json_string(rules[i].level));
		cf_jset(r, "defaultConfiguration", c);
		json_array_append_new(list, r);
	}
	cf_jset(d, "rules", list);
	return d;
}

static json_t *
location(const struct cf_diag_rec *d)
{
	json_t	*loc = json_object(), *phys = json_object(), *art, *reg;
	char	*uri = cf_path_uri(d->file);

	art = json_object();
	cf_jset(art, "uri", cf_jstr(uri));
	free(uri);
	cf_jset(phys, "artifactLocation", art);
	if (d->line > 0) {
		reg = json_object();
		cf_jset(reg, "startLine", json_integer(d->line));
		if (d->col > 0)
			cf_jset(reg, "startColumn", json_integer(d->col));
		cf_jset(phys, "region", reg);
	}
	cf_jset(loc, "physicalLocation", phys);
	return loc;
}

static const char *
level(enum cf_sev sev)
{
	return sev == CF_WARNING ? "warning" : "error";
}

static json_t *
result(const struct cf_diag_rec *d)
{
	json_t	*r = json_object(), *locs = json_array();

	cf_jset(r, "ruleId", json_string(rules[d->kind].id));
	cf_jset(r, "ruleIndex", json_integer(d->kind));
	cf_jset(r, "level", json_string(level(d->sev)));
	cf_jset(r, "message", message(d->msg));
	json_array_append_new(locs, location(d));
	cf_jset(r, "locations", locs);
	return r;
}

/* A diagnostic about the run, or a note: said of the invocation. */
static json_t *
notification(const struct cf_diag_rec *d, bool note)
{
	json_t	*n = json_object(), *rule;

	cf_jset(n, "level", json_string(note ? "note" : level(d->sev)));
	cf_jset(n, "message", message(d->msg));
	if (d->file != NULL) {
		cf_jset(n, "locations", json_array());
		json_array_append_new(json_object_get(n, "locations"),
		    location(d));
	}
	if (!note) {
		rule = json_object();
		cf_jset(rule, "id", json_string(rules[d->kind].id));
		cf_jset(rule, "index", json_integer(d->kind));
		cf_jset(n, "associatedRule", rule);
	}
	return n;
}

static json_t *
sarif_log(void)
{
	const struct cf_diag_rec *d;
	json_t	*log = json_object(), *runs = json_array(), *run, *tool;
	json_t	*inv, *results = json_array(), *notes = json_array();
	size_t	 i, n;

	d = cf_diag_records(&n);
	for (i = 0; i < n; i++)
		json_array_append_new(d[i].file != NULL ? results : notes,
		    d[i].file != NULL ? result(&d[i]) :
		    notification(&d[i], false));
	d = cf_diag_notes(&n);
	for (i = 0; i < n; i++)
		json_array_append_new(notes, notification(&d[i], true));

	cf_jset(log, "$schema", json_string(SARIF_SCHEMA));
	cf_jset(log, "version", json_string("2.1.0"));
	run = json_object();
	tool = json_object();
	cf_jset(tool, "driver", driver());
	cf_jset(run, "tool", tool);
	inv = json_object();
	/* Finding problems in the inputs is what cfgen is for: only a
	 * failure of the system stops it from doing its job. */
	cf_jset(inv, "executionSuccessful",
	    json_boolean(cf_diag_count(CF_SYSERR) == 0));
	cf_jset(inv, "exitCode", json_integer(cf_diag_exit()));
	if (json_array_size(notes) > 0)
		cf_jset(inv, "toolExecutionNotifications", notes);
	else
		json_decref(notes);
	cf_jset(run, "invocations", json_array());
	json_array_append_new(json_object_get(run, "invocations"), inv);
	/* Columns count characters, as libyaml counts them. */
	cf_jset(run, "columnKind", json_string("unicodeCodePoints"));
	cf_jset(run, "results", results);
	json_array_append_new(runs, run);
	cf_jset(log, "runs", runs);
	return log;
}

int
cf_sarif_write(const char *path)
{
	struct cf_buf	 b;
	int		 rc;

	cf_buf_init(&b);
	rc = cf_json_emit(sarif_log(), path, &b);
	if (rc == 0)
		rc = cf_out_write_file(path, b.data, b.len, true);
	cf_buf_free(&b);
	return rc;
}
