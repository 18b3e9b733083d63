/*
 * test_sign.c -- minisign signatures (sign.h): BLAKE2b-512 against its
 * published test vector, a fixed key's signature byte for byte (Ed25519
 * is deterministic), sign/parse/check round trips, and what the parsers
 * refuse.  That stock minisign accepts what cfgen signs is
 * tests/scripts/signing.sh's business.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "fixture.h"
#include "sign.h"
#include "util.h"

/* A throwaway test key: tests/bad/keys/mismatch.key. */
static const char test_pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIBJkh3WdA5dYzKoe9sSV6yTlOCHRDUgb2DuJ/ZTjFR9X\n"
    "-----END PRIVATE KEY-----\n";

static FILE	*quiet;

static void
setup(void)
{
	quiet = fopen("/dev/null", "w");
	cf_diag_set_stream(quiet);
	cf_diag_reset();
}

static void
teardown(void)
{
	cf_diag_set_stream(NULL);
	fclose(quiet);
}

static void
load_test_key(struct cf_seckey *key)
{
	const char	*why = NULL;

	ck_assert_int_eq(cf_seckey_parse(test_pem, strlen(test_pem), key,
	    &why), 0);
}

static void
hash_of(const char *s, unsigned char h[CF_SIGN_HASHLEN])
{
	ck_assert_int_eq(cf_blake2b(s, strlen(s), h), 0);
}

START_TEST(test_blake2b_vector)
{
	/* RFC 7693, appendix A: BLAKE2b-512("abc"). */
	static const char want[] =
	    "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
	    "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";
	unsigned char	 h[CF_SIGN_HASHLEN];
	char		 hex[2 * CF_SIGN_HASHLEN + 1];
	int		 i;

	hash_of("abc", h);
	for (i = 0; i < CF_SIGN_HASHLEN; i++)
		snprintf(hex + 2 * i, 3, "%02x", h[i]);
	ck_assert_str_eq(hex, want);
}
END_TEST

START_TEST(test_round_trip)
{
	struct cf_seckey	 key;
	struct cf_minisig	 ms;
	struct cf_buf		 sig;
	unsigned char		 h[CF_SIGN_HASHLEN];
	const char		*why = NULL;

	load_test_key(&key);
	cf_buf_init(&sig);
	ck_assert_int_eq(cf_sign(&key, "hello\n", 6, "cfgen test", &sig), 0);
	ck_assert_int_eq(cf_minisig_parse(sig.data, sig.len, &ms, &why), 0);
	ck_assert_str_eq(ms.trusted, "cfgen test");
	ck_assert_mem_eq(ms.keyid, key.pub.keyid, CF_SIGN_KEYID);
	hash_of("hello\n", h);
	ck_assert_int_eq(cf_minisig_check(&key.pub, &ms, h), CF_SIG_GOOD);
	/* One byte of the file. */
	hash_of("hellp\n", h);
	ck_assert_int_eq(cf_minisig_check(&key.pub, &ms, h), CF_SIG_BAD);
	/* The trusted comment, which the global signature covers. */
	hash_of("hello\n", h);
	ms.trusted[0] = 'C';
	ck_assert_int_eq(cf_minisig_check(&key.pub, &ms, h), CF_SIG_BAD);
	ms.trusted[0] = 'c';
	/* Another key. */
	ms.keyid[0] ^= 1;
	ck_assert_int_eq(cf_minisig_check(&key.pub, &ms, h),
	    CF_SIG_OTHER_KEY);
	cf_buf_free(&sig);
	cf_seckey_free(&key);
}
END_TEST

/* Checked once by `minisign -V` with this key's public key; pinned here. */
START_TEST(test_known_signature)
{
	static const char want[] =
	    "untrusted comment: signature from cfgen secret key "
	    "281ACCD67A9911DA\n"
	    "RUTaEZl61swaKOOsbLeuOqahizyXeTVJ7995MSAgLcnSaJPUF/PHAwPuiin8LDcRA4"
	    "97xR3pNdJQ5MzeU0i0qyqgjlwl9zU2vQY=\n"
	    "trusted comment: cfgen test\n"
	    "n0+FAx4p3ZUIUOwlEPhuKYdN7H5fNjQXi68FtVmSB8H/3PBzg7GOpmg8DhQdXQ+fHL"
	    "n1TYCqYoWa8Z7Q/eAFBQ==\n";
	struct cf_seckey	 key;
	struct cf_buf		 sig;

	load_test_key(&key);
	cf_buf_init(&sig);
	ck_assert_int_eq(cf_sign(&key, "hello\n", 6, "cfgen test", &sig), 0);
	ck_assert_str_eq(sig.data, want);
	cf_buf_free(&sig);
	cf_seckey_free(&key);
}
END_TEST

START_TEST(test_deterministic)
{
	struct cf_seckey	 key;
	struct cf_buf		 a, b;

	load_test_key(&key);
	cf_buf_init(&a);
	cf_buf_init(&b);
	ck_assert_int_eq(cf_sign(&key, "x", 1, "t", &a), 0);
	ck_assert_int_eq(cf_sign(&key, "x", 1, "t", &b), 0);
	ck_assert_uint_eq(a.len, b.len);
	ck_assert_mem_eq(a.data, b.data, a.len);
	/* Four lines, in minisign's order. */
	ck_assert_ptr_nonnull(strstr(a.data, "untrusted comment: "));
	ck_assert_ptr_nonnull(strstr(a.data, "\ntrusted comment: t\n"));
	ck_assert_int_eq(a.data[a.len - 1], '\n');
	cf_buf_free(&a);
	cf_buf_free(&b);
	cf_seckey_free(&key);
}
END_TEST

START_TEST(test_pubkey_round_trip)
{
	struct cf_seckey	 key;
	struct cf_pubkey	 pub;
	struct cf_buf		 text;
	const char		*why = NULL;
	char			 hex[17];

	load_test_key(&key);
	cf_buf_init(&text);
	cf_pubkey_format(&key.pub, &text);
	cf_keyid_hex(key.pub.keyid, hex);
	ck_assert_ptr_nonnull(strstr(text.data, hex));
	ck_assert_int_eq(cf_pubkey_parse(text.data, text.len, &pub, &why), 0);
	ck_assert_mem_eq(pub.pk, key.pub.pk, CF_SIGN_PUBLEN);
	ck_assert_mem_eq(pub.keyid, key.pub.keyid, CF_SIGN_KEYID);
	/* The same file with CRLF line ends and a blank line after. */
	cf_buf_reset(&text);
	cf_pubkey_format(&key.pub, &text);
	text.len--;
	cf_buf_puts(&text, "\r\n\r\n");
	ck_assert_int_eq(cf_pubkey_parse(text.data, text.len, &pub, &why), 0);
	cf_buf_free(&text);
	cf_seckey_free(&key);
}
END_TEST

START_TEST(test_generate)
{
	struct cf_seckey	 key, again;
	struct cf_buf		 pem;
	const char		*why = NULL;

	cf_buf_init(&pem);
	ck_assert_int_eq(cf_seckey_generate(&key, &pem), 0);
	ck_assert_ptr_nonnull(strstr(pem.data, "-----BEGIN PRIVATE KEY-----"));
	ck_assert_int_eq(cf_seckey_parse(pem.data, pem.len, &again, &why), 0);
	ck_assert_mem_eq(again.pub.pk, key.pub.pk, CF_SIGN_PUBLEN);
	cf_seckey_free(&key);
	cf_seckey_free(&again);
	cf_buf_free(&pem);
}
END_TEST

/* Each must be refused, and the parser must not read past len. */
START_TEST(test_minisig_refused)
{
	static const char *const bad[] = {
		"",
		"untrusted comment: x\n",
		"untrusted comment: x\nRUQ=\ntrusted comment: t\nAA==\n",
		/* padding inside, a blank in the base64 */
		"untrusted comment: x\nRUQ=RUQ=\n",
		"untrusted comment: x\nR UQ\n",
		"trusted comment: t\n",
		"untrusted comment\x00: x\n",
	};
	struct cf_minisig	 ms;
	const char		*why;
	size_t			 i;
	char			*copy;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		why = NULL;
		copy = cf_xmalloc(strlen(bad[i]) + 1);
		memcpy(copy, bad[i], strlen(bad[i]));	/* no NUL after */
		ck_assert_int_eq(cf_minisig_parse(copy, strlen(bad[i]), &ms,
		    &why), -1);
		ck_assert_ptr_nonnull(why);
		free(copy);
	}
}
END_TEST

START_TEST(test_sign_refuses_two_lines)
{
	struct cf_seckey	 key;
	struct cf_buf		 sig;

	load_test_key(&key);
	cf_buf_init(&sig);
	ck_assert_int_eq(cf_sign(&key, "x", 1, "a\nb", &sig), -1);
	ck_assert_uint_eq(sig.len, 0);
	cf_buf_free(&sig);
	cf_seckey_free(&key);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sign");
	TCase	*tc = tcase_create("sign");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_blake2b_vector);
	tcase_add_test(tc, test_round_trip);
	tcase_add_test(tc, test_known_signature);
	tcase_add_test(tc, test_deterministic);
	tcase_add_test(tc, test_pubkey_round_trip);
	tcase_add_test(tc, test_generate);
	tcase_add_test(tc, test_minisig_refused);
	tcase_add_test(tc, test_sign_refuses_two_lines);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
