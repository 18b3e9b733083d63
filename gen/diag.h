/*
 * diag.h -- the one place that prints diagnostics and decides exit status.
 *
 * Every message has the shape compilers use, `file:line:col: error: msg`,
 * or `file: error: msg` for a file-level problem (line 0).  The module
 * counts what it printed so the command line can derive its exit status
 * from the worst class of problem seen (cli.md: 4, then 1, then 3).
 */
#ifndef CF_DIAG_H
#define CF_DIAG_H

#include <stdbool.h>
#include <stdio.h>

enum cf_sev {
	CF_WARNING,
	CF_ERROR,
	CF_SYSERR	/* the operating system failed us: exit 4 */
};

enum cf_exit {
	CF_EXIT_OK = 0,
	CF_EXIT_INVALID = 1,
	CF_EXIT_USAGE = 2,
	CF_EXIT_REFUSED = 3,
	CF_EXIT_OS = 4
};

/* Diagnostics per file shown before the rest are only counted. */
#define CF_DIAG_PER_FILE	200

/* line == 0 prints a file-level message; col == 0 omits the column. */
void	 cf_diag(enum cf_sev, const char *file, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/*
 * Silences (true) or restores this thread's diagnostics, which are then
 * neither printed nor counted; returns the previous setting.  For input
 * read a second time after it was checked and reported once.
 */
bool	 cf_diag_mute(bool);
/* "file: note: msg": said, not counted (it changes no exit status). */
void	 cf_diag_note(const char *file, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/*
 * Appends s with every control character escaped (C0, DEL, C1, U+2028,
 * U+2029): for anything cfgen prints that came from outside, so that it
 * can neither break a line in two nor forge a line of its own.
 */
struct cf_buf;
void	 cf_diag_escape(struct cf_buf *, const char *s);
/* Report a failed system call on file, with strerror(errno) appended. */
void	 cf_diag_errno(const char *file, const char *what);

/* Print "N more diagnostics not shown" lines for capped files. */
void	 cf_diag_flush(void);

unsigned cf_diag_count(enum cf_sev);
void	 cf_diag_note_refused(void);	/* a declaration was refused */
enum cf_exit cf_diag_exit(void);

/* Tests capture diagnostics by pointing them at a stream of their own. */
void	 cf_diag_set_stream(FILE *);
void	 cf_diag_reset(void);

#endif
