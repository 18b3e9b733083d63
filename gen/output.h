/*
 * output.h -- every file cfgen writes goes through one transaction
 * (cli.md "Nothing half-written", "All or nothing").
 *
 * cf_out_add() writes each artefact in full to a temporary file as soon
 * as it is rendered, so memory never holds more than the document being
 * rendered; commit fsyncs them all, together, before anything is renamed
 * into place (output.c).  A failure while rendering or writing leaves
 * every existing file as it was: cf_out_abort() removes the temporaries
 * and the folders the transaction created.
 *
 * A release folder (sums true) is staged whole beside itself and
 * cf_out_commit() swaps it in at once, with SHA256SUMS over every file
 * under it and without what cf_out_remove() named: afterwards the folder
 * is the old tree or the new one, whatever failed or was killed.  Other
 * commands (a change report, migrated responses) rename each file into
 * place, restoring the files already replaced if a later rename fails.
 * Both remove the temporaries of dead runs (whose PID no longer exists)
 * in the folders they write.  Operating-system failures are reported with
 * cf_diag_errno() (exit 4).
 */
#ifndef CF_OUTPUT_H
#define CF_OUTPUT_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

struct cf_out_file;
struct cf_buf;

/* Appends the signature of data to sig; 0, or -1 after a diagnostic. */
typedef int	(*cf_out_signer)(void *ctx, const void *data, size_t len,
		    struct cf_buf *sig);

struct cf_out {
	char			 *root;		/* the destination folder */
	char			 *stage;	/* sums: the new tree, or NULL */
	struct cf_out_file	 *files;
	size_t			  nfiles;
	char			**removes;	/* relative paths */
	size_t			  nremoves;
	char			**dirs;		/* created here, outermost first */
	size_t			  ndirs;
	unsigned		  seq;		/* temporary-name counter */
	bool			  sums;		/* a release folder: SHA256SUMS */
	cf_out_signer		  signer;	/* SHA256SUMS.minisig, or NULL */
	void			 *signer_ctx;
	pthread_mutex_t		  lock;		/* add, remove: from any thread */
	bool			  unsettled;	/* cf_out_settle() failed */
};

#define CF_OUT_SUMS	"SHA256SUMS"
/* Beside it with a signer (signing.md): the one file SHA256SUMS omits. */
#define CF_OUT_SUMS_SIG	"SHA256SUMS.minisig"

/* dir: the release folder (sums true) or any destination folder. */
void	 cf_out_begin(struct cf_out *, const char *dir, bool sums);
/* A release folder's SHA256SUMS is signed at commit by fn. */
void	 cf_out_sign_sums(struct cf_out *, cf_out_signer fn, void *ctx);
/*
 * relpath: '/'-separated, below the folder, no "." or "..".  Add and
 * remove may be called from several threads at once.
 */
int	 cf_out_add(struct cf_out *, const char *relpath, const void *data,
	    size_t len);
/*
 * A release folder's files added so far made durable now, from any
 * thread (one with nothing else to do), not at commit; what fails is
 * said now and fails the commit.
 */
void	 cf_out_settle(struct cf_out *);
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
