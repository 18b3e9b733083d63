/*
 * readfile.c -- opening and reading regular files, bounded.
 */
#include "readfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_IO

/* "cannot VERB NOUN: strerror(errno)", keeping errno. */
static void
fail(const char *path, const char *verb, const char *noun)
{
	struct cf_buf	 what;
	int		 err = errno;

	cf_buf_init(&what);
	cf_buf_printf(&what, "cannot %s%s%s", verb, noun != NULL ? " " : "",
	    noun != NULL ? noun : "");
	cf_diag_errno(path, what.data);
	cf_buf_free(&what);
	errno = err;
}

int
cf_file_open_regular(const char *path, struct stat *st, const char **why)
{
	int	 fd, err;

	/* Non-blocking: opening a FIFO must not wait for a writer. */
	if ((fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY |
	    O_CLOEXEC)) == -1) {
		*why = strerror(errno);
		return -1;
	}
	if (fstat(fd, st) == -1) {
		err = errno;
		*why = strerror(err);
		close(fd);
		errno = err;
		return -1;
	}
	if (S_ISREG(st->st_mode)) {
		/* Reads then wait for the disk as on any file. */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		return fd;
	}
	close(fd);
	err = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
	*why = err == EISDIR ? strerror(err) : "not a regular file";
	errno = err;
	return -1;
}

int
cf_file_open(const char *path, const char *noun, struct stat *st)
{
	const char	*why;
	int		 fd, err;

	if ((fd = cf_file_open_regular(path, st, &why)) != -1)
		return fd;
	err = errno;
	if (err == EINVAL)
		cf_diag(CF_SYSERR, path, 0, 0, "cannot read%s%s: %s",
		    noun != NULL ? " " : "", noun != NULL ? noun : "", why);
	else
		fail(path, err == EISDIR ? "read" : "open", noun);
	errno = err;
	return -1;
}

/* "16777216 bytes (16 MiB)" for whole mebibytes, else the bytes. */
static void
limit_text(struct cf_buf *b, size_t max)
{
	const size_t	 mib = 1024 * 1024;

	cf_buf_printf(b, "%zu bytes", max);
	if (max >= mib && max % mib == 0)
		cf_buf_printf(b, " (%zu MiB)", max / mib);
}

/* Into the arena when one is given (never freed here), else malloc(). */
static char *
read_whole(const char *path, const char *noun, size_t max, size_t *lenp,
    struct cf_arena *arena)
{
	struct stat	 st;
	struct cf_buf	 lim;
	char		*buf = NULL;
	size_t		 len = 0, cap;
	ssize_t		 n = 0;
	int		 fd;

	if ((fd = cf_file_open(path, noun, &st)) == -1)
		return NULL;
	cf_buf_init(&lim);
	limit_text(&lim, max);
	if ((uintmax_t)st.st_size > max) {
		cf_diagk(CF_DK_LIMIT, CF_ERROR, path, 0, 0, "file is %jd "
		    "bytes, over the size limit of %s; not read", (intmax_t)st.st_size,
		    lim.data);
		goto out;
	}
	/* The file may grow while read: one byte more than it had tells. */
	cap = (size_t)st.st_size + 1;
	buf = arena != NULL ? cf_arena_alloc_raw(arena, cap + 1) :
	    cf_xmalloc(cap + 1);
	while (len < cap && ((n = read(fd, buf + len, cap - len)) > 0 ||
	    (n == -1 && errno == EINTR)))
		if (n > 0)
			len += (size_t)n;
	if (n == -1) {
		fail(path, "read", noun);
		if (arena == NULL)
			free(buf);
		buf = NULL;
	} else if (len > (size_t)st.st_size) {
		cf_diag(CF_ERROR, path, 0, 0, "file grew while being read, "
		    "past %jd bytes", (intmax_t)st.st_size);
		if (arena == NULL)
			free(buf);
		buf = NULL;
	} else {
		buf[len] = '\0';
		*lenp = len;
	}
out:
	cf_buf_free(&lim);
	close(fd);
	return buf;
}

char *
cf_file_read(const char *path, const char *noun, size_t max, size_t *lenp)
{
	return read_whole(path, noun, max, lenp, NULL);
}

char *
cf_file_read_arena(const char *path, const char *noun, size_t max,
    size_t *lenp, struct cf_arena *arena)
{
	return read_whole(path, noun, max, lenp, arena);
}
