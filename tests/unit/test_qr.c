/*
 * test_qr.c -- the QR module matrix (qr.h): the version libqrencode picks
 * at error correction M, the finder patterns where ISO/IEC 18004 puts
 * them, the SVG's quiet zone and merged runs.  That a decoder reads the
 * drawings back is tests/scripts/qr.sh's business (zbarimg).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "qr.h"
#include "util.h"

static const char url[] = "https://acme.example/conformity/acme-sc200";

static int
dark(const struct cf_qr *qr, int x, int y)
{
	return qr->dark[(size_t)y * qr->width + x];
}

START_TEST(test_matrix)
{
	struct cf_qr	 qr;
	int		 i;

	ck_assert_int_eq(cf_qr_encode(url, &qr), 0);
	/* 42 bytes at level M need version 3: 29 modules a side. */
	ck_assert_int_eq(qr.width, 29);
	/* The finder patterns' outer rings, top left, top right, bottom
	 * left, and the light separator beside them. */
	for (i = 0; i < 7; i++) {
		ck_assert_int_eq(dark(&qr, i, 0), 1);
		ck_assert_int_eq(dark(&qr, qr.width - 1 - i, 0), 1);
		ck_assert_int_eq(dark(&qr, i, qr.width - 1), 1);
		ck_assert_int_eq(dark(&qr, 7, i), 0);
	}
	cf_qr_free(&qr);
}
END_TEST

START_TEST(test_svg)
{
	struct cf_qr	 qr;
	struct cf_buf	 svg;

	ck_assert_int_eq(cf_qr_encode(url, &qr), 0);
	cf_buf_init(&svg);
	cf_qr_svg(&qr, 132, &svg);
	/* 29 modules and 4 of quiet zone on each side. */
	ck_assert_ptr_nonnull(strstr(svg.data, "viewBox=\"0 0 37 37\""));
	/* The top-left finder's first row, one run, after the quiet zone. */
	ck_assert_ptr_nonnull(strstr(svg.data, "d=\"M4 4h7v1h-7z"));
	ck_assert_ptr_null(strstr(svg.data, "acme"));	/* no user text */
	cf_buf_free(&svg);
	cf_qr_free(&qr);
}
END_TEST

START_TEST(test_too_long)
{
	struct cf_qr	 qr;
	char		*big = cf_xmalloc(8000);

	/* Past version 40's capacity: refused, nothing allocated. */
	memset(big, 'a', 7999);
	big[7999] = '\0';
	ck_assert_int_eq(cf_qr_encode(big, &qr), -1);
	ck_assert_ptr_null(qr.dark);
	free(big);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("qr");
	TCase	*tc = tcase_create("qr");

	tcase_add_test(tc, test_matrix);
	tcase_add_test(tc, test_svg);
	tcase_add_test(tc, test_too_long);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
