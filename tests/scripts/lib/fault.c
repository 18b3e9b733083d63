/*
 * fault.c -- an LD_PRELOAD shim for commit_faults.sh: the Nth call of one
 * file-system function fails, or the process is killed right there.
 *
 * CFGEN_FAULT=FUNC:N:WHAT, FUNC one of write, fsync, rename, renameat2,
 * link, mkdir: its Nth call (from 1) fails with errno WHAT (ENOSPC, EIO,
 * EACCES, EPERM, EXDEV, EMLINK, EINVAL) instead of running, or with WHAT
 * "kill" the process gets SIGKILL before it runs.  CFGEN_FAULT2 is a
 * second such fault.  CFGEN_FAULT_COUNT=FILE: at exit,
 * "FUNC COUNT" lines say how many calls a run made.
 *
 * Built by the test itself (cc -shared); never part of cfgen.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

enum { F_WRITE, F_FSYNC, F_RENAME, F_RENAMEAT2, F_LINK, F_MKDIR, F_N };
static const char *const names[F_N] = {
	"write", "fsync", "rename", "renameat2", "link", "mkdir"
};
static unsigned long	 counts[F_N];

static const struct {
	const char	*name;
	int		 err;
} errs[] = {
	{ "ENOSPC", ENOSPC }, { "EIO", EIO }, { "EACCES", EACCES },
	{ "EPERM", EPERM }, { "EXDEV", EXDEV }, { "EMLINK", EMLINK },
	{ "EINVAL", EINVAL },
};

/* Does spec (FUNC:N:WHAT) hit call n of f?  0: no, else -1 and errno. */
static int
hit(const char *spec, int f, unsigned long n)
{
	const char	*p;
	size_t		 len = strlen(names[f]), i;

	if (spec == NULL || strncmp(spec, names[f], len) != 0 ||
	    spec[len] != ':')
		return 0;
	if (strtoul(spec + len + 1, NULL, 10) != n || (p = strchr(spec + len + 1, ':')) == NULL)
		return 0;
	p++;
	if (strcmp(p, "kill") == 0)
		kill(getpid(), SIGKILL);
	for (i = 0; i < sizeof(errs) / sizeof(errs[0]); i++)
		if (strcmp(p, errs[i].name) == 0) {
			errno = errs[i].err;
			return -1;
		}
	return 0;
}

/*
 * Returns 0 to run the call, else -1 with errno set.  Counted atomically:
 * cfgen fsyncs from several threads at once, and the Nth call is one.
 */
static int
fault(int f)
{
	unsigned long	 n = __atomic_add_fetch(&counts[f], 1,
			    __ATOMIC_RELAXED);

	return hit(getenv("CFGEN_FAULT"), f, n) == -1 ||
	    hit(getenv("CFGEN_FAULT2"), f, n) == -1 ? -1 : 0;
}

static void *
next(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

ssize_t
write(int fd, const void *buf, size_t len)
{
	static ssize_t	(*real)(int, const void *, size_t);

	/* Standard error stays: the diagnostics are what a test reads. */
	if (fd > 2 && fault(F_WRITE) == -1)
		return -1;
	if (real == NULL)
		real = next("write");
	return real(fd, buf, len);
}

int
fsync(int fd)
{
	static int	(*real)(int);

	if (fault(F_FSYNC) == -1)
		return -1;
	if (real == NULL)
		real = next("fsync");
	return real(fd);
}

int
rename(const char *from, const char *to)
{
	static int	(*real)(const char *, const char *);

	if (fault(F_RENAME) == -1)
		return -1;
	if (real == NULL)
		real = next("rename");
	return real(from, to);
}

int
renameat2(int dfrom, const char *from, int dto, const char *to,
    unsigned int flags)
{
	static int	(*real)(int, const char *, int, const char *,
			    unsigned int);

	if (fault(F_RENAMEAT2) == -1)
		return -1;
	if (real == NULL)
		real = next("renameat2");
	return real(dfrom, from, dto, to, flags);
}

int
link(const char *from, const char *to)
{
	static int	(*real)(const char *, const char *);

	if (fault(F_LINK) == -1)
		return -1;
	if (real == NULL)
		real = next("link");
	return real(from, to);
}

int
mkdir(const char *path, mode_t mode)
{
	static int	(*real)(const char *, mode_t);

	if (fault(F_MKDIR) == -1)
		return -1;
	if (real == NULL)
		real = next("mkdir");
	return real(path, mode);
}

__attribute__((destructor)) static void
report(void)
{
	const char	*path = getenv("CFGEN_FAULT_COUNT");
	FILE		*f;
	int		 i;

	if (path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	for (i = 0; i < F_N; i++)
		fprintf(f, "%s %lu\n", names[i], counts[i]);
	fclose(f);
}
