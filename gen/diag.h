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

/*
 * What a diagnostic is about: each kind is one rule of the SARIF log
 * (sarif.c names them), so a kind keeps its meaning once released; new
 * kinds go before CF_DK_COUNT.
 */
enum cf_dkind {
	CF_DK_IO,		/* the system failed: open, read, write */
	CF_DK_LIMIT,		/* an input over a limit: size, depth, length */
	CF_DK_ENCODING,		/* not UTF-8, a control character */
	CF_DK_YAML,		/* YAML syntax */
	CF_DK_YAML_FEATURE,	/* anchors, aliases, tags, several documents */
	CF_DK_DUP_KEY,		/* a mapping key given twice */
	CF_DK_SCHEMA,		/* a value of the wrong type or form */
	CF_DK_UNKNOWN_KEY,	/* a key the format does not have */
	CF_DK_DUP_ID,		/* an id, code or product given twice */
	CF_DK_UNKNOWN_REF,	/* a class, category, code or id not declared */
	CF_DK_NUMBERING,	/* ids out of order, outside their section,
				   reserved */
	CF_DK_CONTENT,		/* catalogue text: repeats, empty sections,
				   dead in-page links */
	CF_DK_ANSWER,		/* an answer that does not fit its requirement */
	CF_DK_EVIDENCE,		/* evidence missing, unreadable or outside */
	CF_DK_RELEASE,		/* responses to another catalogue release */
	CF_DK_CLAIM,		/* the claimed class, applicability, conditions */
	CF_DK_DATE,		/* dates after the build, support ended */
	CF_DK_GATE,		/* why the gate refuses a declaration */
	CF_DK_TEMPLATE,		/* a template that cannot be used */
	CF_DK_TRANSLATION,	/* a language, message catalogue, translation */
	CF_DK_PDF_STYLE,	/* a PDF style, its fonts and logo */
	CF_DK_RENDER,		/* what a document could not show or write */
	CF_DK_OUTPUT,		/* the output tree refused or left as it was */
	CF_DK_EXPORT,		/* what CycloneDX or OSCAL cannot express */
	CF_DK_VERIFY,		/* verify: a declaration's files or form */
	CF_DK_IMPORT,		/* import: an OSCAL catalog */
	CF_DK_MIGRATE,		/* migrate: carrying answers forward */
	CF_DK_DIFF,		/* diff: comparing releases */
	CF_DK_INIT,		/* init: a responses skeleton */
	CF_DK_SIGN,		/* keys and signatures (--sign, keygen) */
	CF_DK_COUNT
};

/* Diagnostics per file shown before the rest are only counted. */
#define CF_DIAG_PER_FILE	200

/*
 * line == 0 prints a file-level message; col == 0 omits the column.
 * cf_diag() gives the kind of its module: a file that reports defines
 * CF_DIAG_KIND (its usual kind) and calls cf_diagk() for the others.
 */
void	 cf_diagk(enum cf_dkind, enum cf_sev, const char *file, int line,
	    int col, const char *fmt, ...)
	    __attribute__((format(printf, 6, 7)));
#define	 cf_diag(...)	cf_diagk(CF_DIAG_KIND, __VA_ARGS__)
/*
 * A diagnostic said only the first time anything with the key once is
 * said at its place (file, line, col) in the run, whatever its words: a
 * value printed in several documents is one warning.  Held diagnostics
 * (below) are judged as they are said, in the jobs' order, so which one
 * is said does not depend on -j.
 */
void	 cf_diagk_once(enum cf_dkind, enum cf_sev, const char *once,
	    const char *file, int line, int col, const char *fmt, ...)
	    __attribute__((format(printf, 7, 8)));
/*
 * Silences (true) or restores this thread's diagnostics, which are then
 * neither printed nor counted; returns the previous setting.  For input
 * read a second time after it was checked and reported once.
 */
bool	 cf_diag_mute(bool);
/*
 * Work done in parallel (build -j N) says its diagnostics in the order
 * the work was listed, not as threads happen to finish: from
 * cf_diag_hold(q) to cf_diag_hold(NULL), this thread's diagnostics and
 * notes wait in q, neither printed nor counted; cf_diag_release(q) says
 * them, as they would have been said at once, and empties q.
 */
struct cf_diag_held {
	bool		 note;
	enum cf_dkind	 kind;
	enum cf_sev	 sev;
	char		*file;
	int		 line, col;
	char		*msg;
	char		*once;		/* cf_diagk_once()'s key, or NULL */
};
struct cf_diag_queue {
	struct cf_diag_held	*v;
	size_t			 n, cap;
};
void	 cf_diag_hold(struct cf_diag_queue *);
void	 cf_diag_release(struct cf_diag_queue *);
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

/*
 * From cf_diag_record() on, each diagnostic printed is also kept, its text
 * escaped as printed, for a SARIF log of the run; so is each note (a
 * file's count of diagnostics not shown is one), kind CF_DK_COUNT.
 */
struct cf_diag_rec {
	enum cf_dkind	 kind;
	enum cf_sev	 sev;
	char		*file;		/* NULL: about the run, no file */
	int		 line, col;
	char		*msg;
};
void	 cf_diag_record(void);
const struct cf_diag_rec *cf_diag_records(size_t *n);
const struct cf_diag_rec *cf_diag_notes(size_t *n);

unsigned cf_diag_count(enum cf_sev);
void	 cf_diag_note_refused(void);	/* a declaration was refused */
enum cf_exit cf_diag_exit(void);

/* Tests capture diagnostics by pointing them at a stream of their own. */
void	 cf_diag_set_stream(FILE *);
void	 cf_diag_reset(void);

#endif
