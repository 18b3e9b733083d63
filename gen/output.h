/*
 * output.h -- every file `build` writes goes through one transaction
 * (cli.md "Nothing half-written").
 *
 * cf_out_add() writes each artefact in full to a temporary file in its
 * destination folder, so a failure while rendering or writing leaves
 * every existing file as it was: cf_out_abort() unlinks the temporaries
 * and the folders the transaction created.  cf_out_commit() renames them
 * all into place, deletes what cf_out_remove() named, and then, for a
 * release folder, writes SHA256SUMS over every file under it, itself
 * atomically.  Commands that write other files (a change report, migrated
 * responses) use the same transaction without the sums.
 * Operating-system failures are reported with cf_diag_errno() (exit 4).
 */
#ifndef CF_OUTPUT_H
#define CF_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>

struct cf_out_file;

struct cf_out {
	char			 *root;		/* the release folder */
	struct cf_out_file	 *files;
	size_t			  nfiles;
	char			**removes;	/* relative paths */
	size_t			  nremoves;
	char			**dirs;		/* created here, outermost first */
	size_t			  ndirs;
	unsigned		  seq;		/* temporary-name counter */
	bool			  sums;		/* write SHA256SUMS at commit */
};

#define CF_OUT_SUMS	"SHA256SUMS"

/* dir: the release folder (sums true) or any destination folder. */
void	 cf_out_begin(struct cf_out *, const char *dir, bool sums);
/* relpath: '/'-separated, below the folder, no "." or "..". */
int	 cf_out_add(struct cf_out *, const char *relpath, const void *data,
	    size_t len);
/* Delete relpath (if it exists) at commit time. */
void	 cf_out_remove(struct cf_out *, const char *relpath);
/* Both end the transaction.  Commit returns 0, or -1 after diagnostics. */
int	 cf_out_commit(struct cf_out *);
void	 cf_out_abort(struct cf_out *);

/*
 * Write one whole file atomically through a transaction of its own, or
 * to standard output when path is NULL or "-".  An existing file is
 * replaced only when replace is true, else it is an error (exit 1) and
 * stays as it was.  Returns 0 or -1.
 */
int	 cf_out_write_file(const char *path, const void *data, size_t len,
	    bool replace);

#endif
