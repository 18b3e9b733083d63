/*
 * writefiles.c -- the all-or-nothing write of the commands that produce
 * one or two named files (diff, migrate, init).
 *
 * `build` has its own transaction (output.h) because it also maintains
 * SHA256SUMS over a release folder; these commands write beside files
 * they do not own, so they only need "nothing half-written": every file
 * complete as a temporary in its destination folder, then renamed.
 */
#include "cli.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "util.h"

struct made {
	char	**dirs;		/* created by us, outermost first */
	size_t	  n;
};

/* mkdir -p of path's folder, remembering what was created. */
static int
make_parents(struct made *m, const char *path)
{
	struct stat	 st;
	char		*dir = cf_xstrdup(path), *p;
	int		 rc = 0;

	for (p = dir + 1; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0777) == 0) {
			m->dirs = cf_xrealloc(m->dirs,
			    (m->n + 1) * sizeof(*m->dirs));
			m->dirs[m->n++] = cf_xstrdup(dir);
		} else if (errno != EEXIST || stat(dir, &st) == -1 ||
		    !S_ISDIR(st.st_mode)) {
			if (errno == EEXIST)
				errno = ENOTDIR;
			cf_diag_errno(dir, "cannot create folder");
			rc = -1;
		}
		*p = '/';
	}
	free(dir);
	return rc;
}

static int
write_all(int fd, const char *data, size_t len)
{
	ssize_t	 n;

	while (len > 0) {
		if ((n = write(fd, data, len)) == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* The whole buffer into a fresh temporary beside path; NULL on failure. */
static char *
write_temp(const char *path, const struct cf_buf *b, unsigned seq)
{
	const char	*base = strrchr(path, '/');
	struct cf_buf	 tmp;
	int		 fd, err;
	bool		 ok;

	base = base != NULL ? base + 1 : path;
	cf_buf_init(&tmp);
	do {
		cf_buf_reset(&tmp);
		cf_buf_put(&tmp, path, (size_t)(base - path));
		cf_buf_printf(&tmp, ".%s.cfgen-%ld-%u.tmp", base,
		    (long)getpid(), seq++);
		fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
	} while (fd == -1 && errno == EEXIST);
	if (fd == -1) {
		cf_diag_errno(path, "cannot write");
		cf_buf_free(&tmp);
		return NULL;
	}
	ok = write_all(fd, b->data != NULL ? b->data : "", b->len) == 0;
	err = errno;
	if (close(fd) == -1 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(tmp.data);
		errno = err;
		cf_diag_errno(path, "cannot write");
		cf_buf_free(&tmp);
		return NULL;
	}
	return cf_buf_detach(&tmp);
}

int
cf_write_files(char *const *paths, const struct cf_buf *bufs, size_t n)
{
	struct made	 m = { NULL, 0 };
	char		**tmp = cf_xcalloc(n + 1, sizeof(*tmp));
	size_t		 i;
	int		 rc = 0;

	for (i = 0; rc == 0 && i < n; i++)
		if (make_parents(&m, paths[i]) == -1 ||
		    (tmp[i] = write_temp(paths[i], &bufs[i], (unsigned)i)) ==
		    NULL)
			rc = -1;
	for (i = 0; rc == 0 && i < n; i++)
		if (rename(tmp[i], paths[i]) == -1) {
			cf_diag_errno(paths[i], "cannot write");
			rc = -1;
		}
	for (i = 0; i < n; i++) {
		if (rc == -1 && tmp[i] != NULL)
			unlink(tmp[i]);
		free(tmp[i]);
	}
	/* Innermost first; a folder someone else filled meanwhile stays. */
	for (i = m.n; i > 0; i--) {
		if (rc == -1)
			rmdir(m.dirs[i - 1]);
		free(m.dirs[i - 1]);
	}
	free(m.dirs);
	free(tmp);
	return rc;
}

int
cf_write_output(const char *path, const struct cf_buf *b)
{
	char	*paths[1];

	if (path != NULL && strcmp(path, "-") != 0) {
		paths[0] = (char *)path;
		return cf_write_files(paths, b, 1);
	}
	if (fwrite(b->data != NULL ? b->data : "", 1, b->len, stdout) !=
	    b->len || fflush(stdout) == EOF) {
		cf_diag_errno("<stdout>", "cannot write");
		return -1;
	}
	return 0;
}
