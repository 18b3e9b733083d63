/*
 * output.c -- writing artefacts atomically, then SHA256SUMS.
 *
 * Temporary files live beside their final names so the closing rename
 * never crosses a file system; their names (".NAME.cfgen-PID-N.tmp") are
 * left out of SHA256SUMS should a killed run leave one behind.
 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "hash.h"
#include "util.h"

struct cf_out_file {
	char	*final;
	char	*tmp;
	bool	 keep;		/* an existing final is an error */
};

#define TMP_MARK	".cfgen-"

void
cf_out_begin(struct cf_out *o, const char *root, bool sums)
{
	memset(o, 0, sizeof(*o));
	o->root = cf_xstrdup(root);
	o->sums = sums;
}

/* Only names below the release folder: no absolute, empty, . or .. part. */
static bool
rel_ok(const char *rel)
{
	const char	*p = rel, *e;
	size_t		 n;

	if (*rel == '\0' || *rel == '/')
		return false;
	for (;;) {
		e = strchr(p, '/');
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		if (n == 0 || (n == 1 && p[0] == '.') ||
		    (n == 2 && p[0] == '.' && p[1] == '.'))
			return false;
		if (e == NULL)
			return true;
		p = e + 1;
	}
}

/* mkdir -p of path's folder, remembering what it created for abort. */
static int
make_parents(struct cf_out *o, const char *path)
{
	struct stat	 st;
	char		*dir = cf_xstrdup(path), *p;
	int		 rc = 0;

	for (p = dir + 1; rc == 0 && (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0777) == 0) {
			o->dirs = cf_xrealloc(o->dirs,
			    (o->ndirs + 1) * sizeof(*o->dirs));
			o->dirs[o->ndirs++] = cf_xstrdup(dir);
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

/* Writes data to a fresh temporary beside final; returns its name. */
static char *
write_temp(struct cf_out *o, const char *final, const void *data, size_t len)
{
	struct cf_buf	 tmp;
	const char	*base = strrchr(final, '/');
	int		 fd, err;
	bool		 ok;

	base = base != NULL ? base + 1 : final;
	cf_buf_init(&tmp);
	do {
		cf_buf_reset(&tmp);
		cf_buf_put(&tmp, final, (size_t)(base - final));
		cf_buf_printf(&tmp, ".%s" TMP_MARK "%ld-%u.tmp", base,
		    (long)getpid(), o->seq++);
		fd = open(tmp.data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0666);
	} while (fd == -1 && errno == EEXIST);
	if (fd == -1) {
		cf_diag_errno(final, "cannot write");
		cf_buf_free(&tmp);
		return NULL;
	}
	ok = write_all(fd, data, len) == 0;
	err = errno;
	if (close(fd) == -1 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(tmp.data);
		errno = err;
		cf_diag_errno(final, "cannot write");
		cf_buf_free(&tmp);
		return NULL;
	}
	return cf_buf_detach(&tmp);
}

static char *
join(const char *root, const char *rel)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_buf_printf(&b, "%s/%s", root, rel);
	return cf_buf_detach(&b);
}

int
cf_out_add(struct cf_out *o, const char *rel, const void *data, size_t len)
{
	char	*final, *tmp;

	if (!rel_ok(rel)) {
		cf_diag(CF_ERROR, o->root, 0, 0, "refusing to write '%s' "
		    "outside the release folder", rel);
		return -1;
	}
	final = join(o->root, rel);
	if (make_parents(o, final) == -1 ||
	    (tmp = write_temp(o, final, data, len)) == NULL) {
		free(final);
		return -1;
	}
	o->files = cf_xrealloc(o->files, (o->nfiles + 1) * sizeof(*o->files));
	o->files[o->nfiles].final = final;
	o->files[o->nfiles].tmp = tmp;
	o->files[o->nfiles].keep = false;
	o->nfiles++;
	return 0;
}

void
cf_out_remove(struct cf_out *o, const char *rel)
{
	o->removes = cf_xrealloc(o->removes,
	    (o->nremoves + 1) * sizeof(*o->removes));
	o->removes[o->nremoves++] = cf_xstrdup(rel);
}

static void
out_free(struct cf_out *o)
{
	size_t	 i;

	for (i = 0; i < o->nfiles; i++) {
		free(o->files[i].final);
		free(o->files[i].tmp);
	}
	for (i = 0; i < o->nremoves; i++)
		free(o->removes[i]);
	for (i = 0; i < o->ndirs; i++)
		free(o->dirs[i]);
	free(o->files);
	free(o->removes);
	free(o->dirs);
	free(o->root);
	memset(o, 0, sizeof(*o));
}

void
cf_out_abort(struct cf_out *o)
{
	size_t	 i;

	for (i = 0; i < o->nfiles; i++)
		if (o->files[i].tmp != NULL)
			unlink(o->files[i].tmp);
	/* Innermost first; a folder someone else filled meanwhile stays. */
	for (i = o->ndirs; i > 0; i--)
		rmdir(o->dirs[i - 1]);
	out_free(o);
}

struct names {
	char	**v;
	size_t	  n;
};

static void
names_add(struct names *l, char *s)
{
	l->v = cf_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n++] = s;
}

static void
names_free(struct names *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
}

static bool
is_temp(const char *name)
{
	size_t	 n = strlen(name);

	return name[0] == '.' && strstr(name, TMP_MARK) != NULL && n > 4 &&
	    strcmp(name + n - 4, ".tmp") == 0;
}

/*
 * Every regular file below root, as paths relative to it.  Folders are
 * visited from a work list rather than by recursion, and symbolic links
 * are neither listed nor followed: SHA256SUMS covers what build owns.
 */
static int
list_dir(const char *root, const char *rel, struct names *todo,
    struct names *files)
{
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*dir, *child, *path;
	int		 rc = 0;

	dir = *rel == '\0' ? cf_xstrdup(root) : join(root, rel);
	if ((d = opendir(dir)) == NULL) {
		cf_diag_errno(dir, "cannot read folder");
		free(dir);
		return -1;
	}
	while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 || is_temp(de->d_name) ||
		    (*rel == '\0' && strcmp(de->d_name, CF_OUT_SUMS) == 0))
			continue;
		child = *rel == '\0' ? cf_xstrdup(de->d_name) :
		    join(rel, de->d_name);
		path = join(root, child);
		if (lstat(path, &st) == -1) {
			cf_diag_errno(path, "cannot read");
			rc = -1;
			free(child);
		} else if (S_ISDIR(st.st_mode))
			names_add(todo, child);
		else if (S_ISREG(st.st_mode))
			names_add(files, child);
		else
			free(child);
		free(path);
	}
	if (rc == 0 && errno != 0) {
		cf_diag_errno(dir, "cannot read folder");
		rc = -1;
	}
	closedir(d);
	free(dir);
	return rc;
}

/*
 * Every regular file below root, as paths relative to it.  Folders are
 * visited from a work list rather than by recursion, and symbolic links
 * are neither listed nor followed: SHA256SUMS covers what build owns.
 */
static int
list_files(const char *root, struct names *files)
{
	struct names	 todo = { NULL, 0 };
	char		*rel;
	int		 rc = 0;

	names_add(&todo, cf_xstrdup(""));
	while (rc == 0 && todo.n > 0) {
		rel = todo.v[--todo.n];
		rc = list_dir(root, rel, &todo, files);
		free(rel);
	}
	names_free(&todo);
	return rc;
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One `sha256sum -c` line; GNU's escape form for \ and newline. */
static void
sum_line(struct cf_buf *b, const char *hex, const char *name)
{
	bool	 esc = strpbrk(name, "\\\n") != NULL;

	cf_buf_printf(b, "%s%s  ", esc ? "\\" : "", hex);
	for (; *name != '\0'; name++)
		if (*name == '\\')
			cf_buf_puts(b, "\\\\");
		else if (*name == '\n')
			cf_buf_puts(b, "\\n");
		else
			cf_buf_putc(b, *name);
	cf_buf_putc(b, '\n');
}

static int
write_sums(struct cf_out *o)
{
	struct names	 files = { NULL, 0 };
	struct cf_buf	 sums;
	char		 hex[CF_SHA256_HEX];
	char		*path, *final, *tmp = NULL;
	size_t		 i;
	int		 rc;

	cf_buf_init(&sums);
	final = join(o->root, CF_OUT_SUMS);
	/* SHA256SUMS is always written, even when nothing else was. */
	if ((rc = make_parents(o, final)) == 0)
		rc = list_files(o->root, &files);
	if (rc == 0 && files.n > 0)
		qsort(files.v, files.n, sizeof(*files.v), cmp_names);
	for (i = 0; rc == 0 && i < files.n; i++) {
		path = join(o->root, files.v[i]);
		if (cf_sha256_file(path, hex) == -1) {
			cf_diag_errno(path, "cannot read");
			rc = -1;
		} else
			sum_line(&sums, hex, files.v[i]);
		free(path);
	}
	if (rc == 0 && (tmp = write_temp(o, final, sums.data != NULL ?
	    sums.data : "", sums.len)) == NULL)
		rc = -1;
	if (tmp != NULL && rename(tmp, final) == -1) {
		cf_diag_errno(final, "cannot write");
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	free(final);
	cf_buf_free(&sums);
	names_free(&files);
	return rc;
}

/*
 * Renames tmp to final, or with keep links it there instead, which fails
 * rather than replace a file that exists (even one made meanwhile).
 */
static int
put_in_place(const struct cf_out_file *f)
{
	if (!f->keep) {
		if (rename(f->tmp, f->final) == 0)
			return 0;
		cf_diag_errno(f->final, "cannot write");
		return -1;
	}
	if (link(f->tmp, f->final) == 0) {
		unlink(f->tmp);
		return 0;
	}
	if (errno == EEXIST)
		cf_diag(CF_ERROR, f->final, 0, 0, "file exists; give --force "
		    "to replace it");
	else
		cf_diag_errno(f->final, "cannot write");
	return -1;
}

int
cf_out_commit(struct cf_out *o)
{
	size_t	 i;
	char	*path;
	int	 rc = 0;

	for (i = 0; i < o->nfiles; i++) {
		if (rc == 0 && put_in_place(&o->files[i]) == 0)
			continue;
		unlink(o->files[i].tmp);
		rc = -1;
	}
	for (i = 0; rc == 0 && i < o->nremoves; i++) {
		path = join(o->root, o->removes[i]);
		if (unlink(path) == -1 && errno != ENOENT) {
			cf_diag_errno(path, "cannot remove");
			rc = -1;
		}
		free(path);
	}
	if (rc == 0 && o->sums)
		rc = write_sums(o);
	out_free(o);
	return rc;
}

int
cf_out_write_file(const char *path, const void *data, size_t len,
    bool replace)
{
	struct cf_out	 o;
	const char	*slash;
	char		*dir;

	if (data == NULL)
		data = "";
	if (path == NULL || strcmp(path, "-") == 0) {
		if (fwrite(data, 1, len, stdout) != len ||
		    fflush(stdout) == EOF) {
			cf_diag_errno("<stdout>", "cannot write");
			return -1;
		}
		return 0;
	}
	slash = strrchr(path, '/');
	dir = slash == NULL ? cf_xstrdup(".") : slash == path ?
	    cf_xstrdup("/") : strndup(path, (size_t)(slash - path));
	cf_out_begin(&o, dir, false);
	free(dir);
	if (cf_out_add(&o, slash != NULL ? slash + 1 : path, data, len) != 0) {
		cf_out_abort(&o);
		return -1;
	}
	o.files[0].keep = !replace;
	return cf_out_commit(&o);
}
