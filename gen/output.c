/*
 * output.c -- writing artefacts all or nothing, then SHA256SUMS.
 *
 * A release folder (sums) is built whole beside itself, in a staging
 * folder ".NAME.cfgen-PID-N.tmp": new artefacts are written there as they
 * are rendered; at commit the files of the old folder that the run does
 * not replace are hard-linked in (copied where a link is impossible),
 * SHA256SUMS is written, every file and folder is made durable, and one
 * renameat2(2) RENAME_EXCHANGE swaps the two folders.  Readers, a failure
 * and a killed run all see either the old tree or the new one, never a
 * mix: a failure before the exchange only removes the staging folder.
 * The old tree, now under the staging name, is removed last.  Staging
 * folders and temporaries whose run is dead (no process has their PID)
 * are removed by the next commit in their folder.
 *
 * Durability is batched.  A file is not fsynced as it is written: that
 * made each render wait for its own journal commit and disk flush, one
 * after the other (26 of them, most of a build's wall-clock time).
 * Instead write_new() only starts the file's writeback
 * (sync_file_range(2) SYNC_FILE_RANGE_WRITE), so the disk works while the
 * next document renders, and commit fsyncs every file the run wrote and
 * every folder of the new tree at once, from a few threads
 * (make_durable()): concurrent fsyncs share one journal commit and their
 * cache flushes are merged, where the same fsyncs one after the other
 * each wait for a flush of their own.  A build's first thread to run out
 * of work makes the files written so far durable the same way
 * (cf_out_settle()) while the others finish, so that commit waits only
 * for the last few.  Only when all of them succeeded is
 * the tree swapped in, and the parent folder is fsynced after the
 * exchange: a crash at any point finds the old tree or a complete new
 * one, as before.  A write error the disk reports late (delayed
 * allocation's ENOSPC, EIO) surfaces in those fsyncs and aborts the run.
 *
 * Other destinations (a change report, a migrated file) may hold files
 * that are not cfgen's, so there each file goes to a temporary beside its
 * final name and is renamed into place, once every temporary is durable;
 * a rename that fails restores what the earlier ones replaced, from
 * hard-linked backups.
 */
#define _GNU_SOURCE		/* renameat2 */
#include "output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "hash.h"
#include "util.h"

/* The kind of most of what this module reports (diag.h). */
#define CF_DIAG_KIND	CF_DK_OUTPUT

struct cf_out_file {
	char	*rel;
	char	*final;
	char	*tmp;		/* plain: beside final; sums: NULL */
	char	*backup;	/* plain: the file tmp replaced */
	char	 hex[CF_SHA256_HEX];
	bool	 keep;		/* an existing final is an error */
	bool	 durable;	/* made so before commit (cf_out_settle()) */
};

#define TMP_MARK	".cfgen-"

void
cf_out_begin(struct cf_out *o, const char *root, bool sums)
{
	memset(o, 0, sizeof(*o));
	o->root = cf_xstrdup(root);
	o->sums = sums;
	pthread_mutex_init(&o->lock, NULL);
}

/* Only names below the release folder: no absolute, empty, . or .. part. */
void
cf_out_sign_sums(struct cf_out *o, cf_out_signer fn, void *ctx)
{
	o->signer = fn;
	o->signer_ctx = ctx;
}

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

static char *
join(const char *root, const char *rel)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_buf_printf(&b, "%s/%s", root, rel);
	return cf_buf_detach(&b);
}

/*
 * mkdir -p of path's folder, whose first `known` bytes name a folder that
 * exists (the staging folder: a file there costs a mkdir per folder of
 * its own, not one per folder up from /).  Folders made outside the
 * staging folder are remembered, so that abort can remove them.
 */
static int
make_parents(struct cf_out *o, const char *path, size_t known,
    bool remember)
{
	struct stat	 st;
	char		*dir = cf_xstrdup(path), *p;
	int		 rc = 0;

	for (p = dir + (known > 0 ? known : 1); rc == 0 &&
	    (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0777) == 0) {
			if (remember) {
				o->dirs = cf_xrealloc(o->dirs,
				    (o->ndirs + 1) * sizeof(*o->dirs));
				o->dirs[o->ndirs++] = cf_xstrdup(dir);
			}
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

/*
 * Writes data to the new file path and starts its writeback; commit
 * makes it durable before any rename (a rename after a crash must not
 * find an empty file).  Names what failed after name.  Returns 0 or -1;
 * path is removed on failure.
 */
static int
write_new(const char *path, const char *name, const void *data, size_t len)
{
	int	 fd, err;
	bool	 ok;

	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    0666)) == -1) {
		cf_diag_errno(name, "cannot write");
		return -1;
	}
	ok = write_all(fd, data, len) == 0;
	err = errno;
	/* Only a head start: what fails here fails again in the fsync. */
	if (ok)
		sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
	if (close(fd) == -1 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		unlink(path);
		errno = err;
		cf_diag_errno(name, "cannot write");
		return -1;
	}
	return 0;
}

/* ".NAME.cfgen-PID-N.tmp" beside path; a free name, not created. */
static char *
temp_name(struct cf_out *o, const char *path)
{
	struct cf_buf	 b;
	const char	*base = strrchr(path, '/');
	struct stat	 st;

	base = base != NULL ? base + 1 : path;
	cf_buf_init(&b);
	do {
		cf_buf_reset(&b);
		cf_buf_put(&b, path, (size_t)(base - path));
		cf_buf_printf(&b, ".%s" TMP_MARK "%ld-%u.tmp", base,
		    (long)getpid(), o->seq++);
	} while (lstat(b.data, &st) == 0);
	return cf_buf_detach(&b);
}

/* Under the lock: the staging folder exists (or -1 after a diagnostic). */
static int
stage_open(struct cf_out *o)
{
	struct stat	 st;
	char		*real;

	if (o->stage != NULL)
		return 0;
	if (make_parents(o, o->root, 0, true) == -1)
		return -1;
	/* A release folder reached through a link is swapped where it is. */
	if (lstat(o->root, &st) == 0 && S_ISLNK(st.st_mode) &&
	    (real = realpath(o->root, NULL)) != NULL) {
		free(o->root);
		o->root = real;
	}
	if (stat(o->root, &st) == 0 && !S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
		cf_diag_errno(o->root, "cannot create folder");
		return -1;
	}
	for (;;) {
		o->stage = temp_name(o, o->root);
		if (mkdir(o->stage, 0777) == 0)
			return 0;
		if (errno != EEXIST) {
			cf_diag_errno(o->root, "cannot write");
			free(o->stage);
			o->stage = NULL;
			return -1;
		}
		free(o->stage);
	}
}

static void
add_file(struct cf_out *o, struct cf_out_file *f)
{
	pthread_mutex_lock(&o->lock);
	o->files = cf_xrealloc(o->files, (o->nfiles + 1) * sizeof(*o->files));
	o->files[o->nfiles++] = *f;
	pthread_mutex_unlock(&o->lock);
}

int
cf_out_add(struct cf_out *o, const char *rel, const void *data, size_t len)
{
	struct cf_out_file	 f;
	char			*shown;
	int			 rc;

	if (!rel_ok(rel)) {
		cf_diag(CF_ERROR, o->root, 0, 0, "refusing to write '%s' "
		    "outside the release folder", rel);
		return -1;
	}
	memset(&f, 0, sizeof(f));
	pthread_mutex_lock(&o->lock);
	if ((rc = o->sums ? stage_open(o) : 0) == 0) {
		f.final = join(o->sums ? o->stage : o->root, rel);
		rc = make_parents(o, f.final, o->sums ?
		    strlen(o->stage) + 1 : 0, !o->sums);
		if (rc == 0 && !o->sums)
			f.tmp = temp_name(o, f.final);
	}
	pthread_mutex_unlock(&o->lock);
	if (rc == 0) {
		/* Messages name the file as the user will know it. */
		shown = join(o->root, rel);
		rc = write_new(f.tmp != NULL ? f.tmp : f.final, shown, data,
		    len);
		free(shown);
	}
	if (rc != 0) {
		free(f.final);
		free(f.tmp);
		return -1;
	}
	f.rel = cf_xstrdup(rel);
	if (o->sums)
		cf_sha256_hex(data, len, f.hex);
	add_file(o, &f);
	return 0;
}

void
cf_out_remove(struct cf_out *o, const char *rel)
{
	pthread_mutex_lock(&o->lock);
	o->removes = cf_xrealloc(o->removes,
	    (o->nremoves + 1) * sizeof(*o->removes));
	o->removes[o->nremoves++] = cf_xstrdup(rel);
	pthread_mutex_unlock(&o->lock);
}

static void
out_free(struct cf_out *o)
{
	size_t	 i;

	for (i = 0; i < o->nfiles; i++) {
		free(o->files[i].rel);
		free(o->files[i].final);
		free(o->files[i].tmp);
		free(o->files[i].backup);
	}
	for (i = 0; i < o->nremoves; i++)
		free(o->removes[i]);
	for (i = 0; i < o->ndirs; i++)
		free(o->dirs[i]);
	free(o->files);
	free(o->removes);
	free(o->dirs);
	free(o->root);
	free(o->stage);
	pthread_mutex_destroy(&o->lock);
	memset(o, 0, sizeof(*o));
}

static int
remove_one(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

/* rm -rf path, not following links; what cannot go stays. */
static void
remove_tree(const char *path)
{
	nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

void
cf_out_abort(struct cf_out *o)
{
	size_t	 i;

	for (i = 0; i < o->nfiles; i++)
		if (o->files[i].tmp != NULL)
			unlink(o->files[i].tmp);
	if (o->stage != NULL)
		remove_tree(o->stage);
	/* Innermost first; a folder someone else filled meanwhile stays. */
	for (i = o->ndirs; i > 0; i--)
		rmdir(o->dirs[i - 1]);
	out_free(o);
}

static bool
is_temp(const char *name)
{
	size_t	 n = strlen(name);

	return name[0] == '.' && strstr(name, TMP_MARK) != NULL && n > 4 &&
	    strcmp(name + n - 4, ".tmp") == 0;
}

/*
 * A temporary whose run is over: its PID (after the last ".cfgen-") names
 * no process.  A PID reused since only delays the clean-up.
 */
static bool
is_dead_temp(const char *name)
{
	const char	*p, *q;
	char		*end;
	long		 pid;

	if (!is_temp(name))
		return false;
	for (p = q = strstr(name, TMP_MARK); q != NULL;
	    q = strstr(q + 1, TMP_MARK))
		p = q;
	errno = 0;
	pid = strtol(p + strlen(TMP_MARK), &end, 10);
	if (errno != 0 || end == p + strlen(TMP_MARK) || *end != '-' ||
	    pid <= 0 || pid > INT_MAX || pid == (long)getpid())
		return false;
	return kill((pid_t)pid, 0) == -1 && errno == ESRCH;
}

/* Removes what dead runs left in dir (files and staging folders). */
static void
clean_dead(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL)
		if (is_dead_temp(de->d_name)) {
			path = join(dir, de->d_name);
			remove_tree(path);
			free(path);
		}
	closedir(d);
}

/* The folder of path ("." for a bare name). */
static char *
folder_of(const char *path)
{
	const char	*slash = strrchr(path, '/');

	if (slash == NULL)
		return cf_xstrdup(".");
	if (slash == path)
		return cf_xstrdup("/");
	return strndup(path, (size_t)(slash - path));
}

static void
sync_dir(const char *dir)
{
	int	 fd;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
}

/* ---- making a batch of files and folders durable at once */

/* What commit fsyncs, and its name in a message. */
struct durable {
	char	*path;
	char	*shown;
	int	 err;		/* of its fsync, or 0 */
};

struct durables {
	struct durable	*v;
	size_t		 n;
	size_t		 next;	/* the next one a thread takes */
	pthread_mutex_t	 lock;
};

/* Concurrent fsyncs in flight: enough to share one journal commit. */
#define SYNC_THREADS	8

static void
durable_add(struct durables *l, char *path, char *shown)
{
	l->v = cf_xrealloc(l->v, (l->n + 1) * sizeof(*l->v));
	l->v[l->n].path = path;
	l->v[l->n].shown = shown;
	l->v[l->n++].err = 0;
}

static void
durables_free(struct durables *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].path);
		free(l->v[i].shown);
	}
	free(l->v);
}

static void *
sync_worker(void *arg)
{
	struct durables	*l = arg;
	struct durable	*d;
	int		 fd;

	for (;;) {
		pthread_mutex_lock(&l->lock);
		d = l->next < l->n ? &l->v[l->next++] : NULL;
		pthread_mutex_unlock(&l->lock);
		if (d == NULL)
			return NULL;
		/* Non-blocking: a FIFO put in its place must not hang us. */
		if ((fd = open(d->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) ==
		    -1 || fsync(fd) == -1)
			d->err = errno;
		if (fd != -1)
			close(fd);
	}
}

/*
 * fsyncs everything in l, several at a time (the calling thread works
 * too; a thread that cannot start is not needed), then names each one
 * that failed.  Returns 0, or -1 after diagnostics.
 */
static int
make_durable(struct durables *l)
{
	pthread_t	 tids[SYNC_THREADS - 1];
	size_t		 i, n = 0;
	int		 rc = 0;

	l->next = 0;
	pthread_mutex_init(&l->lock, NULL);
	for (i = 1; i < SYNC_THREADS && i < l->n; i++)
		if (pthread_create(&tids[n], NULL, sync_worker, l) == 0)
			n++;
	sync_worker(l);
	for (i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
	pthread_mutex_destroy(&l->lock);
	for (i = 0; i < l->n; i++)
		if (l->v[i].err != 0) {
			errno = l->v[i].err;
			cf_diag_errno(l->v[i].shown, "cannot write");
			rc = -1;
		}
	return rc;
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

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* ---- the plain transaction: per-file renames, restored on failure */

/*
 * Puts f in place.  With keep, links it there instead of renaming, which
 * fails rather than replace a file that exists (even one made meanwhile).
 * Otherwise an existing file is first linked to a backup, so that a later
 * failure can restore it.
 */
static int
put_in_place(struct cf_out *o, struct cf_out_file *f)
{
	struct stat	 st;

	if (f->keep) {
		if (link(f->tmp, f->final) == 0) {
			unlink(f->tmp);
			return 0;
		}
		if (errno == EEXIST)
			cf_diag(CF_ERROR, f->final, 0, 0, "file exists; give "
			    "--force to replace it");
		else
			cf_diag_errno(f->final, "cannot write");
		return -1;
	}
	if (lstat(f->final, &st) == 0 && S_ISREG(st.st_mode)) {
		f->backup = temp_name(o, f->final);
		if (link(f->final, f->backup) == -1) {
			cf_diag_errno(f->final, "cannot write");
			free(f->backup);
			f->backup = NULL;
			return -1;
		}
	}
	if (rename(f->tmp, f->final) == 0)
		return 0;
	cf_diag_errno(f->final, "cannot write");
	if (f->backup != NULL) {
		unlink(f->backup);
		free(f->backup);
		f->backup = NULL;
	}
	return -1;
}

/* Puts back what f replaced, or removes what it added. */
static void
restore(struct cf_out_file *f)
{
	if (f->backup == NULL)
		unlink(f->final);
	else if (rename(f->backup, f->final) == -1)
		cf_diag_errno(f->final, "cannot restore the file this run "
		    "replaced");
	free(f->backup);
	f->backup = NULL;
}

/* Commands that write beside other files: no removes, no sums. */
static int
commit_plain(struct cf_out *o)
{
	struct durables	 l;
	size_t		 i, placed;
	char		*dir;
	int		 rc;

	memset(&l, 0, sizeof(l));
	for (i = 0; i < o->nfiles; i++) {
		dir = folder_of(o->files[i].final);
		clean_dead(dir);
		durable_add(&l, cf_xstrdup(o->files[i].tmp),
		    cf_xstrdup(o->files[i].final));
		durable_add(&l, dir, cf_xstrdup(dir));
	}
	rc = make_durable(&l);
	durables_free(&l);
	if (rc == -1)
		return -1;
	for (placed = 0; placed < o->nfiles; placed++)
		if (put_in_place(o, &o->files[placed]) == -1)
			break;
	if (placed < o->nfiles) {
		while (placed > 0)
			restore(&o->files[--placed]);
		return -1;
	}
	for (i = 0; i < o->nfiles; i++) {
		if (o->files[i].backup != NULL)
			unlink(o->files[i].backup);
		dir = folder_of(o->files[i].final);
		sync_dir(dir);
		free(dir);
	}
	return 0;
}

/* ---- the release transaction: a staging folder swapped in whole */

/*
 * Every regular file and every folder below root (root itself as ""), as
 * paths relative to it.  Folders are visited from a work list rather than
 * by recursion, and symbolic links are neither listed nor followed:
 * SHA256SUMS covers what build owns.
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
		    strcmp(de->d_name, "..") == 0 ||
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

static int
walk(const char *root, struct names *files, struct names *dirs)
{
	struct names	 todo = { NULL, 0 };
	char		*rel;
	int		 rc = 0;

	names_add(&todo, cf_xstrdup(""));
	while (rc == 0 && todo.n > 0) {
		rel = todo.v[--todo.n];
		rc = list_dir(root, rel, &todo, files);
		names_add(dirs, rel);
	}
	names_free(&todo);
	return rc;
}

/* Copies a regular file where a hard link cannot be made. */
static int
copy_file(const char *from, const char *to, mode_t mode)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 in, out, rc = 0;

	if ((in = open(from, O_RDONLY | O_NONBLOCK | O_CLOEXEC)) == -1)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
	    mode & 07777)) == -1) {
		close(in);
		return -1;
	}
	while (rc == 0 && (n = read(in, buf, sizeof(buf))) != 0)
		if (n == -1 ? errno != EINTR : write_all(out, buf,
		    (size_t)n) == -1)
			rc = -1;
	if (rc == 0 && fsync(out) == -1)
		rc = -1;
	if (close(out) == -1)
		rc = -1;
	close(in);
	return rc;
}

/* One entry of the old tree into the staging folder. */
static int
carry_entry(const char *from, const char *to, const struct stat *st)
{
	char	 target[PATH_MAX];
	ssize_t	 n;

	if (S_ISDIR(st->st_mode))
		return mkdir(to, st->st_mode & 07777);
	if (S_ISREG(st->st_mode))
		return link(from, to) == 0 ||
		    ((errno == EPERM || errno == EMLINK || errno == EXDEV ||
		    errno == ENOTSUP) && copy_file(from, to, st->st_mode) ==
		    0) ? 0 : -1;
	if (S_ISLNK(st->st_mode)) {
		if ((n = readlink(from, target, sizeof(target) - 1)) == -1)
			return -1;
		target[n] = '\0';
		return symlink(target, to);
	}
	if (S_ISFIFO(st->st_mode))
		return mkfifo(to, st->st_mode & 07777);
	errno = ENOTSUP;
	return -1;
}

/* Was rel removed by this run? removes is sorted. */
static bool
removed(const struct cf_out *o, const char *rel)
{
	return o->nremoves > 0 && bsearch(&rel, o->removes, o->nremoves,
	    sizeof(*o->removes), cmp_names) != NULL;
}

/*
 * One entry of the old tree: carried into the staging folder unless the
 * run removed it or wrote something of its name (folders both have are
 * merged).  Returns 1 when child went on todo, 0, or -1 after a
 * diagnostic.
 */
static int
carry_child(struct cf_out *o, char *child, struct names *todo)
{
	struct stat	 st, ours;
	char		*from, *to;
	int		 rc = 0;

	if (removed(o, child))
		return 0;
	from = join(o->root, child);
	to = join(o->stage, child);
	if (lstat(from, &st) == -1) {
		cf_diag_errno(from, "cannot read");
		rc = -1;
	} else if (lstat(to, &ours) == 0)
		rc = S_ISDIR(st.st_mode) && S_ISDIR(ours.st_mode);
	else if (carry_entry(from, to, &st) == -1) {
		cf_diag_errno(from, "cannot carry over into the new release "
		    "folder");
		rc = -1;
	} else
		rc = S_ISDIR(st.st_mode);
	if (rc == 1)
		names_add(todo, child);
	free(from);
	free(to);
	return rc;
}

/*
 * The old tree's entries the run did not write or remove, into the
 * staging folder; folders both have are merged, and anything the run
 * wrote wins over what had its name.  SHA256SUMS, its signature and
 * temporaries stay behind.
 */
static int
carry_over(struct cf_out *o)
{
	struct names	 todo = { NULL, 0 };
	struct dirent	*de;
	struct stat	 st;
	DIR		*d;
	char		*rel, *dir, *child;
	int		 rc = 0;

	if (lstat(o->root, &st) == -1) {
		if (errno == ENOENT)
			return 0;
		cf_diag_errno(o->root, "cannot read folder");
		return -1;
	}
	if (o->nremoves > 0)
		qsort(o->removes, o->nremoves, sizeof(*o->removes),
		    cmp_names);
	names_add(&todo, cf_xstrdup(""));
	while (rc == 0 && todo.n > 0) {
		rel = todo.v[--todo.n];
		dir = *rel == '\0' ? cf_xstrdup(o->root) : join(o->root, rel);
		if ((d = opendir(dir)) == NULL) {
			cf_diag_errno(dir, "cannot read folder");
			rc = -1;
		}
		while (rc == 0 && (errno = 0, de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0 ||
			    is_temp(de->d_name) || (*rel == '\0' &&
			    (strcmp(de->d_name, CF_OUT_SUMS) == 0 ||
			    strcmp(de->d_name, CF_OUT_SUMS_SIG) == 0)))
				continue;
			child = *rel == '\0' ? cf_xstrdup(de->d_name) :
			    join(rel, de->d_name);
			if ((rc = carry_child(o, child, &todo)) != 1)
				free(child);
			rc = rc == -1 ? -1 : 0;
		}
		if (d != NULL) {
			if (rc == 0 && errno != 0) {
				cf_diag_errno(dir, "cannot read folder");
				rc = -1;
			}
			closedir(d);
		}
		free(dir);
		free(rel);
	}
	names_free(&todo);
	return rc;
}

static int
cmp_files(const void *a, const void *b)
{
	return strcmp(((const struct cf_out_file *)a)->rel,
	    ((const struct cf_out_file *)b)->rel);
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

/* SHA256SUMS.minisig: after SHA256SUMS, which cannot list it. */
static int
write_sums_sig(struct cf_out *o, const struct cf_buf *sums)
{
	struct cf_buf	 sig;
	char		*path, *name;
	int		 rc;

	cf_buf_init(&sig);
	if ((rc = o->signer(o->signer_ctx, sums->data != NULL ? sums->data :
	    "", sums->len, &sig)) == 0) {
		path = join(o->stage, CF_OUT_SUMS_SIG);
		name = join(o->root, CF_OUT_SUMS_SIG);
		rc = write_new(path, name, sig.data, sig.len);
		free(path);
		free(name);
	}
	cf_buf_free(&sig);
	return rc;
}

/*
 * SHA256SUMS over every regular file of the staging folder (files): what
 * this run wrote by the digest taken as it was written, the rest read
 * again.
 */
static int
write_sums(struct cf_out *o, struct names *files)
{
	struct cf_out_file	 key, *f;
	struct cf_buf		 sums;
	char			 hex[CF_SHA256_HEX];
	char			*path, *name;
	size_t			 i;
	int			 rc;

	cf_buf_init(&sums);
	if (o->nfiles > 0)
		qsort(o->files, o->nfiles, sizeof(*o->files), cmp_files);
	rc = 0;
	if (files->n > 0)
		qsort(files->v, files->n, sizeof(*files->v), cmp_names);
	for (i = 0; rc == 0 && i < files->n; i++) {
		key.rel = files->v[i];
		if ((f = o->nfiles > 0 ? bsearch(&key, o->files, o->nfiles,
		    sizeof(*o->files), cmp_files) : NULL) != NULL) {
			sum_line(&sums, f->hex, files->v[i]);
			continue;
		}
		path = join(o->stage, files->v[i]);
		if (cf_sha256_file(path, hex) == -1) {
			name = join(o->root, files->v[i]);
			cf_diag_errno(name, "cannot read");
			free(name);
			rc = -1;
		} else
			sum_line(&sums, hex, files->v[i]);
		free(path);
	}
	if (rc == 0) {
		path = join(o->stage, CF_OUT_SUMS);
		name = join(o->root, CF_OUT_SUMS);
		rc = write_new(path, name, sums.data != NULL ? sums.data : "",
		    sums.len);
		free(path);
		free(name);
	}
	if (rc == 0 && o->signer != NULL)
		rc = write_sums_sig(o, &sums);
	cf_buf_free(&sums);
	return rc;
}

/*
 * The staging folder becomes the release folder in one step; the old one
 * is then at the staging name.  Where the file system cannot exchange,
 * two renames, the first undone if the second fails.
 */
static int
swap_in(struct cf_out *o)
{
	struct stat	 st;
	char		*old;

	if (lstat(o->root, &st) == -1) {
		if (errno == ENOENT && rename(o->stage, o->root) == 0)
			return 0;
		cf_diag_errno(o->root, "cannot write");
		return -1;
	}
	if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->root,
	    RENAME_EXCHANGE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP) {
		cf_diag_errno(o->root, "cannot write");
		return -1;
	}
	old = temp_name(o, o->root);
	if (rename(o->root, old) == -1) {
		cf_diag_errno(o->root, "cannot write");
		free(old);
		return -1;
	}
	if (rename(o->stage, o->root) == -1) {
		cf_diag_errno(o->root, "cannot write");
		if (rename(old, o->root) == -1)
			cf_diag_errno(o->root, "cannot restore the old "
			    "release folder (it is at a temporary name)");
		free(old);
		return -1;
	}
	free(o->stage);
	o->stage = old;
	return 0;
}

/*
 * Every file this run wrote into the staging folder, SHA256SUMS (and its
 * signature) and every folder of the new tree (dirs), fsynced together.
 * What was carried over by a link is durable already (copies are fsynced
 * as they are made); its new name is in a folder synced here.
 */
static int
stage_durable(struct cf_out *o, const struct names *dirs)
{
	struct durables	 l;
	size_t		 i;
	int		 rc;

	/* cf_out_settle() said what it could not make durable. */
	if (o->unsettled)
		return -1;
	memset(&l, 0, sizeof(l));
	for (i = 0; i < o->nfiles; i++)
		if (!o->files[i].durable)
			durable_add(&l, cf_xstrdup(o->files[i].final),
			    join(o->root, o->files[i].rel));
	durable_add(&l, join(o->stage, CF_OUT_SUMS),
	    join(o->root, CF_OUT_SUMS));
	if (o->signer != NULL)
		durable_add(&l, join(o->stage, CF_OUT_SUMS_SIG),
		    join(o->root, CF_OUT_SUMS_SIG));
	for (i = 0; i < dirs->n; i++)
		durable_add(&l, *dirs->v[i] == '\0' ? cf_xstrdup(o->stage) :
		    join(o->stage, dirs->v[i]), *dirs->v[i] == '\0' ?
		    cf_xstrdup(o->root) : join(o->root, dirs->v[i]));
	rc = make_durable(&l);
	durables_free(&l);
	return rc;
}

void
cf_out_settle(struct cf_out *o)
{
	struct durables	 l;
	size_t		 i;

	if (!o->sums)
		return;
	memset(&l, 0, sizeof(l));
	pthread_mutex_lock(&o->lock);
	for (i = 0; i < o->nfiles; i++)
		if (!o->files[i].durable) {
			o->files[i].durable = true;
			durable_add(&l, cf_xstrdup(o->files[i].final),
			    join(o->root, o->files[i].rel));
		}
	pthread_mutex_unlock(&o->lock);
	if (l.n > 0 && make_durable(&l) != 0) {
		pthread_mutex_lock(&o->lock);
		o->unsettled = true;
		pthread_mutex_unlock(&o->lock);
	}
	durables_free(&l);
}

static int
commit_stage(struct cf_out *o)
{
	struct names	 files = { NULL, 0 }, dirs = { NULL, 0 };
	char		*parent;
	int		 rc;

	pthread_mutex_lock(&o->lock);
	rc = stage_open(o);
	pthread_mutex_unlock(&o->lock);
	if (rc == -1)
		return -1;
	parent = folder_of(o->root);
	clean_dead(parent);
	rc = carry_over(o) == -1 || walk(o->stage, &files, &dirs) == -1 ||
	    write_sums(o, &files) == -1 || stage_durable(o, &dirs) == -1 ||
	    swap_in(o) == -1 ? -1 : 0;
	names_free(&files);
	names_free(&dirs);
	if (rc == -1) {
		free(parent);
		return -1;
	}
	sync_dir(parent);
	free(parent);
	/* The old tree; if it cannot all go, the next run removes it. */
	remove_tree(o->stage);
	return 0;
}

int
cf_out_commit(struct cf_out *o)
{
	int	 rc;

	rc = o->sums ? commit_stage(o) : commit_plain(o);
	if (rc != 0) {
		cf_out_abort(o);
		return -1;
	}
	out_free(o);
	return 0;
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
	dir = folder_of(path);
	cf_out_begin(&o, dir, false);
	free(dir);
	if (cf_out_add(&o, slash != NULL ? slash + 1 : path, data, len) != 0) {
		cf_out_abort(&o);
		return -1;
	}
	o.files[0].keep = !replace;
	return cf_out_commit(&o);
}
