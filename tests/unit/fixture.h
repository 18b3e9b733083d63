/*
 * fixture.h -- what the unit tests share: running a suite, YAML files
 * written into a private temporary folder, and diagnostics captured in
 * memory so a test can assert on their exact text.  Header-only, since
 * each test program is one source file.
 */
#ifndef CF_TEST_FIXTURE_H
#define CF_TEST_FIXTURE_H

#include <check.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

/* Runs every test of s; returns how many failed. */
static inline int
fixture_run(Suite *s)
{
	SRunner	*sr = srunner_create(s);
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}

struct capture {
	FILE	*f;
	char	*text;
	size_t	 len;
};

static inline void
capture_start(struct capture *c)
{
	c->text = NULL;
	c->len = 0;
	c->f = open_memstream(&c->text, &c->len);
	ck_assert_ptr_nonnull(c->f);
	cf_diag_reset();
	cf_diag_set_stream(c->f);
}

/* The diagnostics printed since capture_start(); the caller frees them. */
static inline char *
capture_end(struct capture *c)
{
	cf_diag_flush();
	cf_diag_set_stream(NULL);
	fclose(c->f);
	return c->text;
}

/* Number of lines of text (each diagnostic is one). */
static inline size_t
count_lines(const char *text)
{
	size_t	 n = 0;

	for (; *text != '\0'; text++)
		n += *text == '\n';
	return n;
}

/* A folder of one's own for a test's files. */
struct fixture {
	char	 dir[64];
};

static inline void
fixture_init(struct fixture *fx)
{
	snprintf(fx->dir, sizeof(fx->dir), "%s",
	    "/tmp/cfgen-unit.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(fx->dir));
}

/* Writes len bytes as dir/name (folders on the way made); returns the
 * path, which the caller frees. */
static inline char *
fixture_write_n(const struct fixture *fx, const char *name, const char *text,
    size_t len)
{
	struct cf_buf	 path;
	char		*slash;
	FILE		*f;

	cf_buf_init(&path);
	cf_buf_printf(&path, "%s/%s", fx->dir, name);
	for (slash = strchr(path.data + strlen(fx->dir) + 1, '/');
	    slash != NULL; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		mkdir(path.data, 0700);
		*slash = '/';
	}
	f = fopen(path.data, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
	return cf_buf_detach(&path);
}

static inline char *
fixture_write(const struct fixture *fx, const char *name, const char *text)
{
	return fixture_write_n(fx, name, text, strlen(text));
}

static inline int
fixture_rm(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void
fixture_free(struct fixture *fx)
{
	nftw(fx->dir, fixture_rm, 16, FTW_DEPTH | FTW_PHYS);
}

/* Does text hold a line that is exactly want? */
static inline int
has_line(const char *text, const char *want)
{
	size_t		 n = strlen(want);
	const char	*p;

	for (p = text; (p = strstr(p, want)) != NULL; p++)
		if ((p == text || p[-1] == '\n') && p[n] == '\n')
			return 1;
	return 0;
}

static inline char *
fixture_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static inline char *
fixture_fmt(const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = cf_xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

/* Assert that the captured text has this exact line. */
#define ck_assert_line(text, ...) do {					\
	char	*want_ = fixture_fmt(__VA_ARGS__);			\
									\
	ck_assert_msg(has_line((text), want_),				\
	    "no line '%s' in:\n%s", want_, (text));			\
	free(want_);							\
} while (0)

#endif
