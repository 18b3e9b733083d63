/*
 * test_export.c -- the shared pieces of the exports: version-5 UUIDs
 * (against Python's uuid.uuid5, RFC 9562), the SARIF rule table (every
 * kind of diagnostic has its own published id, the ids of
 * tests/golden/sarif/rules.txt in order), recorded diagnostics, URIs of
 * paths and JSON strings of bytes that are not UTF-8.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "export.h"
#include "fixture.h"
#include "sarif.h"
#include "util.h"
#include "uuid.h"

START_TEST(test_uuid5)
{
	/* uuid.uuid5(uuid.NAMESPACE_URL, name) */
	static const struct {
		const char	*name, *uuid;
	} v[] = {
		{ "", "1b4db7eb-4057-5ddf-91e0-36dec72071f5" },
		{ "https://www.example.com/",
		    "3d3ed9d2-aa3d-5fa6-90e8-ed662e90f559" },
		{ "urn:cfgen:iotsf-cf:1.0",
		    "75bdb7e4-4a44-521c-81f6-acd45d241265" },
		{ "urn:cfgen:iotsf-cf:1.0:req:2.3.1.1",
		    "c379213f-5d26-5c70-906f-5f00eef680bb" },
		{ "\xc3\xbc", "b250cb54-d222-583d-8c6e-a07d5d46557a" },
	};
	char	 out[CF_UUID_LEN];
	size_t	 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		memset(out, 'x', sizeof(out));
		cf_uuid5(v[i].name, out);
		ck_assert_str_eq(out, v[i].uuid);
	}
}
END_TEST

START_TEST(test_rule_table)
{
	char	 path[1024], line[256], id[128];
	FILE	*f;
	size_t	 i, j, n = 0;
	unsigned idx;

	for (i = 0; i < CF_DK_COUNT; i++) {
		ck_assert_ptr_nonnull(cf_sarif_rule_id(i));
		ck_assert_ptr_nonnull(cf_sarif_rule_text(i));
		ck_assert_int_gt(strlen(cf_sarif_rule_text(i)), 10);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(cf_sarif_rule_id(i),
			    cf_sarif_rule_id(j));
	}
	ck_assert_ptr_null(cf_sarif_rule_id(CF_DK_COUNT));
	/* The published ids, in ruleIndex order: none renamed or moved. */
	snprintf(path, sizeof(path), "%s/tests/golden/sarif/rules.txt",
	    CFGEN_SOURCE_DIR);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#')
			continue;
		ck_assert_int_eq(sscanf(line, "%u %127s", &idx, id), 2);
		ck_assert_uint_eq(idx, n);
		ck_assert_uint_lt(idx, CF_DK_COUNT);
		ck_assert_str_eq(cf_sarif_rule_id(idx), id);
		n++;
	}
	fclose(f);
	ck_assert_uint_eq(n, CF_DK_COUNT);
}
END_TEST

START_TEST(test_records)
{
	const struct cf_diag_rec *r;
	FILE	*quiet = fopen("/dev/null", "w");
	size_t	 n;

	cf_diag_set_stream(quiet);
	cf_diag_reset();
	cf_diagk(CF_DK_SCHEMA, CF_ERROR, "a.yaml", 3, 4, "before");
	cf_diag_record();
	cf_diagk(CF_DK_EVIDENCE, CF_ERROR, "b.yaml", 7, 9, "x\ny");
	cf_diagk(CF_DK_DATE, CF_WARNING, NULL, 0, 0, "run");
	cf_diag_note("c.yaml", "said");
	r = cf_diag_records(&n);
	/* Kept from cf_diag_record() on, escaped as printed. */
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(r[0].kind, CF_DK_EVIDENCE);
	ck_assert_int_eq(r[0].sev, CF_ERROR);
	ck_assert_str_eq(r[0].file, "b.yaml");
	ck_assert_int_eq(r[0].line, 7);
	ck_assert_int_eq(r[0].col, 9);
	ck_assert_str_eq(r[0].msg, "x\\ny");
	ck_assert_ptr_null(r[1].file);
	ck_assert_int_eq(r[1].sev, CF_WARNING);
	r = cf_diag_notes(&n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(r[0].msg, "said");
	cf_diag_reset();
	cf_diag_set_stream(NULL);
	fclose(quiet);
}
END_TEST

START_TEST(test_path_uri)
{
	static const struct {
		const char	*path, *uri;
	} v[] = {
		{ "tests/bad/x.yaml", "tests/bad/x.yaml" },
		{ "./a/b.yaml", "a/b.yaml" },
		{ ".//a", "a" },
		{ "/abs/p q.yaml", "file:///abs/p%20q.yaml" },
		{ "c:d#e?f%", "c%3Ad%23e%3Ff%25" },
		{ "\xc3\xbc.yaml", "%C3%BC.yaml" },
		{ "../up.yaml", "../up.yaml" },
	};
	size_t	 i;
	char	*u;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		u = cf_path_uri(v[i].path);
		ck_assert_str_eq(u, v[i].uri);
		free(u);
	}
}
END_TEST

START_TEST(test_export_uri)
{
	static const struct {
		const char	*url, *uri;
	} v[] = {
		{ "https://e.example/a?b=c#d", "https://e.example/a?b=c#d" },
		{ "https://e.example/\"</script>\\ x",
		    "https://e.example/%22%3C/script%3E%5C%20x" },
		/* an escape stays, a '%' starting none is encoded */
		{ "https://e.example/%C3%BC%zz%4", "https://e.example/"
		    "%C3%BC%25zz%254" },
		{ "https://b\xc3\xbc.example/\xc3\xa4",
		    "https://b%C3%BC.example/%C3%A4" },
		/* one fragment; brackets only around an IPv6 host */
		{ "http://[::1]:80/[x]#a#b", "http://[::1]:80/%5Bx%5D#a%23b" },
		{ "mailto:a@b.example", "mailto:a@b.example" },
		{ "{|}^`", "%7B%7C%7D%5E%60" },
	};
	size_t	 i;
	char	*u;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		u = cf_export_uri(v[i].url);
		ck_assert_str_eq(u, v[i].uri);
		free(u);
	}
}
END_TEST

START_TEST(test_jline)
{
	static const struct {
		const char	*in, *out;
	} v[] = {
		{ "plain", "plain" },
		{ "  a \t b\n", "a b" },
		/* U+2028, U+2029 and NEL break lines; NBSP at an end goes */
		{ "\xc2\xa0" "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xc2\x85"
		    "d\xc2\xa0", "a b c d" },
		/* inside, a run of NBSP that breaks no line is text */
		{ "a\xc2\xa0\xc2\xa0" "b", "a\xc2\xa0\xc2\xa0" "b" },
		{ " \r\n\xe2\x80\xa8 ", "fallback" },
		{ NULL, "fallback" },
	};
	size_t	 i;
	json_t	*j;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		j = cf_jline(v[i].in, "fallback");
		ck_assert_str_eq(json_string_value(j), v[i].out);
		json_decref(j);
	}
}
END_TEST

START_TEST(test_jstr)
{
	json_t	*j;

	j = cf_jstr("ok \xc3\xbc");
	ck_assert_str_eq(json_string_value(j), "ok \xc3\xbc");
	json_decref(j);
	/* A byte that is not UTF-8 is U+FFFD, the rest kept. */
	j = cf_jstr("a\xff" "b\xc3");
	ck_assert_str_eq(json_string_value(j),
	    "a\xef\xbf\xbd" "b\xef\xbf\xbd");
	json_decref(j);
	j = cf_jstr(NULL);
	ck_assert_str_eq(json_string_value(j), "");
	json_decref(j);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("export");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_uuid5);
	tcase_add_test(tc, test_rule_table);
	tcase_add_test(tc, test_records);
	tcase_add_test(tc, test_path_uri);
	tcase_add_test(tc, test_jstr);
	tcase_add_test(tc, test_export_uri);
	tcase_add_test(tc, test_jline);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
