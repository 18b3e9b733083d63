/*
 * readfile.h -- the one way cfgen opens and reads a file (cli.md "Only
 * regular files"): inputs, evidence, templates, styles and fonts.
 *
 * A FIFO, device or folder is refused before anything waits on it, and
 * nothing reads more than a limit given by the caller, so a template
 * linked to /dev/zero or a catalogue that grows while read is an error,
 * never a hang or an unbounded allocation.
 */
#ifndef CF_READFILE_H
#define CF_READFILE_H

#include <stddef.h>
#include <sys/stat.h>

/*
 * Opens path for reading without waiting (a FIFO with no writer) and
 * checks that it is a regular file.  Returns the descriptor and fills
 * *st, or -1 with errno set and a diagnostic (exit 4) "PATH: error:
 * cannot open NOUN: reason" or "cannot read NOUN: reason", where NOUN
 * says what the file is for ("template"; NULL: nothing).
 */
int	 cf_file_open(const char *path, const char *noun, struct stat *st);

/*
 * The same without a diagnostic, for callers that word their own: -1 with
 * errno set and *why saying what went wrong ("not a regular file" for a
 * FIFO or device, whose errno is EINVAL).
 */
int	 cf_file_open_regular(const char *path, struct stat *st,
	    const char **why);

/*
 * The whole of a regular file of at most max bytes, NUL-terminated, its
 * length in *lenp.  NULL after a diagnostic: those of cf_file_open, or an
 * error (exit 1) naming the limit when the file is larger, or when it
 * grew past its size while being read.
 */
char	*cf_file_read(const char *path, const char *noun, size_t max,
	    size_t *lenp);
/* The same, allocated in the arena (the bytes stay there on failure). */
struct cf_arena;
char	*cf_file_read_arena(const char *path, const char *noun, size_t max,
	    size_t *lenp, struct cf_arena *);

#endif
