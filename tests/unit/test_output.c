/*
 * test_output.c -- the output transaction: nothing visible before the
 * commit, nothing changed by an abort, SHA256SUMS that `sha256sum -c`
 * accepts and that covers every file of the release folder.
 */
#include <check.h>
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "fixture.h"
#include "hash.h"
#include "output.h"
#include "util.h"

static char	 base[64];
static char	 root[128];
static FILE	*quiet;

static void
setup(void)
{
	strcpy(base, "/tmp/cfgen-test-output-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(base));
	snprintf(root, sizeof(root), "%s/out/cat-1.0", base);
	quiet = fopen("/dev/null", "w");
	cf_diag_set_stream(quiet);
	cf_diag_reset();
}

static void
teardown(void)
{
	char	 cmd[256];

	cf_diag_set_stream(NULL);
	fclose(quiet);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", base);
	ck_assert_int_eq(system(cmd), 0);
}

static char *
slurp(const char *rel)
{
	char	 path[512];
	FILE	*f;
	char	*s;
	long	 n;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	s = cf_xmalloc((size_t)n + 1);
	ck_assert_uint_eq(fread(s, 1, (size_t)n, f), (size_t)n);
	s[n] = '\0';
	fclose(f);
	return s;
}

static void
put(const char *rel, const char *text)
{
	char	 path[512], cmd[600];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	snprintf(cmd, sizeof(cmd), "mkdir -p \"$(dirname '%s')\"", path);
	ck_assert_int_eq(system(cmd), 0);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	fputs(text, f);
	fclose(f);
}

static bool
exists(const char *rel)
{
	char		 path[512];
	struct stat	 st;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	return lstat(path, &st) == 0;
}

/* Entries of a folder (below root), "." and ".." aside. */
static int
entries(const char *rel)
{
	char		 path[512];
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

/* Staging folders (".cat-1.0.cfgen-PID-N.tmp") beside the release. */
static int
staged(void)
{
	char		 path[512];
	DIR		*d;
	struct dirent	*de;
	int		 n = 0;

	snprintf(path, sizeof(path), "%s/out", base);
	if ((d = opendir(path)) == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, ".cat-1.0.cfgen-", 15) == 0)
			n++;
	closedir(d);
	return n;
}

/* A PID no process has: a child's, once it is reaped. */
static long
dead_pid(void)
{
	pid_t	 pid = fork();

	if (pid == 0)
		_exit(0);
	ck_assert_int_gt(pid, 0);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	return (long)pid;
}

static int
sha256sum_check(void)
{
	char	 cmd[512];

	snprintf(cmd, sizeof(cmd), "cd '%s' && sha256sum --strict -c "
	    "SHA256SUMS >/dev/null 2>&1", root);
	return system(cmd);
}

START_TEST(test_commit)
{
	struct cf_out	 o;
	char		 line[256], hex[CF_SHA256_HEX], *sums, *s;

	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "b.md", "bee\n", 4), 0);
	ck_assert_int_eq(cf_out_add(&o, "guide/index.html", "<p>i</p>", 8),
	    0);
	ck_assert_int_eq(cf_out_add(&o, "a.md", "", 0), 0);
	/* Before the commit the new tree is a staging folder beside it. */
	ck_assert(!exists(""));
	ck_assert_int_eq(staged(), 1);
	ck_assert_int_eq(cf_out_commit(&o), 0);
	ck_assert_int_eq(staged(), 0);

	ck_assert_str_eq(s = slurp("b.md"), "bee\n");
	free(s);
	ck_assert_str_eq(s = slurp("guide/index.html"), "<p>i</p>");
	free(s);
	ck_assert_int_eq(entries(""), 4);	/* a.md b.md guide SHA256SUMS */
	ck_assert_int_eq(entries("guide"), 1);

	sums = slurp("SHA256SUMS");
	ck_assert_ptr_nonnull(sums);
	cf_sha256_hex("", 0, hex);
	snprintf(line, sizeof(line), "%s  a.md\n", hex);
	ck_assert_ptr_eq(strstr(sums, line), sums);	/* sorted: first */
	cf_sha256_hex("bee\n", 4, hex);
	snprintf(line, sizeof(line), "%s  b.md\n", hex);
	ck_assert_ptr_nonnull(strstr(sums, line));
	ck_assert_ptr_nonnull(strstr(sums, "  guide/index.html\n"));
	ck_assert_ptr_null(strstr(sums, "SHA256SUMS"));
	free(sums);
	ck_assert_int_eq(sha256sum_check(), 0);
	ck_assert_uint_eq(cf_diag_count(CF_SYSERR), 0);
}
END_TEST

START_TEST(test_abort_leaves_everything)
{
	struct cf_out	 o;
	char		*s;

	put("a.md", "old a");
	put("p/keep.md", "old keep");
	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "a.md", "new a", 5), 0);
	ck_assert_int_eq(cf_out_add(&o, "p/keep.md", "new", 3), 0);
	ck_assert_int_eq(cf_out_add(&o, "fresh/deep/x.md", "x", 1), 0);
	cf_out_remove(&o, "a.md");
	cf_out_abort(&o);
	ck_assert_str_eq(s = slurp("a.md"), "old a");
	free(s);
	ck_assert_str_eq(s = slurp("p/keep.md"), "old keep");
	free(s);
	/* Temporaries and the folders made for them are gone. */
	ck_assert(!exists("fresh"));
	ck_assert(!exists("SHA256SUMS"));
	ck_assert_int_eq(entries(""), 2);
	ck_assert_int_eq(entries("p"), 1);
}
END_TEST

START_TEST(test_abort_fresh_root)
{
	struct cf_out	 o;
	char		 out[160];
	struct stat	 st;

	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "x.md", "x", 1), 0);
	cf_out_abort(&o);
	snprintf(out, sizeof(out), "%s/out", base);
	ck_assert_int_eq(stat(out, &st), -1);	/* not even -o DIR stays */
}
END_TEST

START_TEST(test_sums_cover_release)
{
	struct cf_out	 o;
	char		*sums, *odd;

	put("other/old-r1.md", "from an earlier run");
	put("stale.md", "stale");
	put("odd\nname.md", "newline in a name");
	put(".a.md.cfgen-1-0.tmp", "a killed run's temporary");
	put("SHA256SUMS", "outdated\n");
	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "new.md", "new", 3), 0);
	cf_out_remove(&o, "stale.md");
	cf_out_remove(&o, "never-was.md");
	ck_assert_int_eq(cf_out_commit(&o), 0);
	ck_assert(!exists("stale.md"));
	sums = slurp("SHA256SUMS");
	ck_assert_ptr_nonnull(strstr(sums, "  other/old-r1.md\n"));
	ck_assert_ptr_nonnull(strstr(sums, "  new.md\n"));
	/* GNU's form for an escaped name: "\\HASH  odd\\nname.md". */
	ck_assert_ptr_nonnull(odd = strstr(sums, "  odd\\nname.md\n"));
	ck_assert_int_ge(odd - sums, 65);
	ck_assert_int_eq(odd[-65], '\\');
	ck_assert(odd - sums == 65 || odd[-66] == '\n');
	ck_assert_ptr_null(strstr(sums, "stale.md"));
	ck_assert_ptr_null(strstr(sums, "cfgen-"));
	ck_assert_ptr_null(strstr(sums, "outdated"));
	free(sums);
	ck_assert_int_eq(sha256sum_check(), 0);
}
END_TEST

/*
 * What a killed run left -- its staging folder beside the release, a
 * temporary inside it -- goes with the next commit; a live run's stays.
 */
START_TEST(test_dead_runs_cleaned)
{
	struct cf_out	 o;
	char		 dead[160], live[160], cmd[700];
	struct stat	 st;

	put("a.md", "old a");
	snprintf(dead, sizeof(dead), "%s/out/.cat-1.0.cfgen-%ld-0.tmp", base,
	    dead_pid());
	snprintf(live, sizeof(live), "%s/out/.cat-1.0.cfgen-%ld-0.tmp", base,
	    (long)getppid());
	snprintf(cmd, sizeof(cmd), "mkdir -p '%s/p' '%s' && "
	    "echo x >'%s/p/half.md'", dead, live, dead);
	ck_assert_int_eq(system(cmd), 0);
	put(".a.md.cfgen-1-0.tmp", "an old-style temporary");
	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "b.md", "b", 1), 0);
	ck_assert_int_eq(cf_out_commit(&o), 0);
	ck_assert_int_eq(lstat(dead, &st), -1);
	ck_assert_int_eq(lstat(live, &st), 0);
	ck_assert(!exists(".a.md.cfgen-1-0.tmp"));
	ck_assert(exists("a.md"));
	ck_assert_int_eq(sha256sum_check(), 0);
}
END_TEST

/*
 * Outside a release folder files are renamed one by one: when one cannot
 * be (a folder holds its name), those already renamed are put back.
 */
START_TEST(test_plain_rollback)
{
	struct cf_out	 o;
	char		*s;

	put("a.md", "old a");
	put("c.md/inside", "a folder where c.md should go");
	cf_out_begin(&o, root, false);
	ck_assert_int_eq(cf_out_add(&o, "a.md", "new a", 5), 0);
	ck_assert_int_eq(cf_out_add(&o, "b.md", "new b", 5), 0);
	ck_assert_int_eq(cf_out_add(&o, "c.md", "new c", 5), 0);
	ck_assert_int_eq(cf_out_commit(&o), -1);
	ck_assert_uint_eq(cf_diag_count(CF_SYSERR), 1);
	ck_assert_str_eq(s = slurp("a.md"), "old a");
	free(s);
	ck_assert(!exists("b.md"));
	ck_assert_int_eq(entries(""), 2);	/* a.md c.md: no temporary */
}
END_TEST

START_TEST(test_refuses_escape)
{
	struct cf_out	 o;

	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "../evil.md", "x", 1), -1);
	ck_assert_int_eq(cf_out_add(&o, "a/../../evil.md", "x", 1), -1);
	ck_assert_int_eq(cf_out_add(&o, "/tmp/evil.md", "x", 1), -1);
	ck_assert_int_eq(cf_out_add(&o, "a//b.md", "x", 1), -1);
	ck_assert_int_eq(cf_out_add(&o, "", "x", 1), -1);
	ck_assert_uint_eq(cf_diag_count(CF_ERROR), 5);
	cf_out_abort(&o);
	ck_assert(access(root, F_OK) == -1);
}
END_TEST

START_TEST(test_cannot_write)
{
	struct cf_out	 o;
	char		 blocked[192];
	FILE		*f;

	/* A file where a folder must go: no privilege gets past that. */
	snprintf(blocked, sizeof(blocked), "%s/out", base);
	ck_assert_ptr_nonnull(f = fopen(blocked, "w"));
	fclose(f);
	cf_out_begin(&o, root, true);
	ck_assert_int_eq(cf_out_add(&o, "x.md", "x", 1), -1);
	ck_assert_uint_eq(cf_diag_count(CF_SYSERR), 1);
	ck_assert_int_eq(cf_diag_exit(), CF_EXIT_OS);
	cf_out_abort(&o);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("output");
	TCase	*tc = tcase_create("output");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_commit);
	tcase_add_test(tc, test_abort_leaves_everything);
	tcase_add_test(tc, test_abort_fresh_root);
	tcase_add_test(tc, test_sums_cover_release);
	tcase_add_test(tc, test_dead_runs_cleaned);
	tcase_add_test(tc, test_plain_rollback);
	tcase_add_test(tc, test_refuses_escape);
	tcase_add_test(tc, test_cannot_write);
	suite_add_tcase(s, tc);
	return fixture_run(s) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
