/*
 * diag.c -- diagnostics: one format, per-file caps, exit status.
 *
 * Builds with -j N print from several threads, so printing and counting
 * happen under one lock and each message is written with a single call.
 */
#include "diag.h"
#include "util.h"

#include <errno.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct file_count {
	char		*file;
	unsigned	 shown;
	unsigned	 hidden;
};

static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;
static FILE		*stream;
static unsigned		 counts[3];
static int		 refused;
/* A thread reading again what it already checked says nothing. */
static _Thread_local bool muted;
/* Where this thread's diagnostics wait to be said (cf_diag_hold()). */
static _Thread_local struct cf_diag_queue *held;
static struct file_count *files;	/* in the order first seen */
static size_t		 nfiles, capfiles;
/*
 * An open-addressed index into files[] (slot + 1; 0 is free), so that a
 * run naming tens of thousands of files (verify of a hostile JSON) costs
 * time linear in their number, not quadratic.
 */
static size_t		*index_slots;
static size_t		 index_cap;

/*
 * Every line printed, so that the same problem met again (a template
 * partial broken once, included by several templates) is said once: an
 * open-addressed set of the lines, linear like the index above.
 */
static char		**said;
static size_t		  nsaid, said_cap;

static const char *const sevname[] = { "warning", "error", "error" };

/* What cf_diag_record() keeps: two lists, as printed. */
struct recs {
	struct cf_diag_rec	*v;
	size_t			 n, cap;
};
static bool		 recording;
static struct recs	 diags, notes;

/* Under the lock; the message is kept as it was printed (escaped). */
static void
keep(struct recs *r, enum cf_dkind kind, enum cf_sev sev, const char *file,
    int line, int col, const char *msg)
{
	struct cf_diag_rec	*d;
	struct cf_buf		 b;

	if (!recording)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap > 0 ? r->cap * 2 : 32;
		r->v = cf_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	d = &r->v[r->n++];
	d->kind = kind;
	d->sev = sev;
	d->file = file != NULL ? cf_xstrdup(file) : NULL;
	d->line = line;
	d->col = line > 0 ? col : 0;
	cf_buf_init(&b);
	cf_diag_escape(&b, msg);
	d->msg = b.data != NULL ? cf_buf_detach(&b) : cf_xstrdup("");
}

static void
recs_free(struct recs *r)
{
	size_t	 i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].file);
		free(r->v[i].msg);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static size_t
name_hash(const char *s)
{
	size_t	 h = 14695981039346656037u;	/* FNV-1a */

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static void
index_grow(void)
{
	size_t	 i, j, cap = index_cap > 0 ? index_cap * 2 : 64;

	free(index_slots);
	index_slots = cf_xcalloc(cap, sizeof(*index_slots));
	index_cap = cap;
	for (i = 0; i < nfiles; i++) {
		for (j = name_hash(files[i].file) & (cap - 1);
		    index_slots[j] != 0; j = (j + 1) & (cap - 1))
			;
		index_slots[j] = i + 1;
	}
}

static struct file_count *
file_count(const char *file)
{
	size_t	 j;

	if (2 * (nfiles + 1) > index_cap)
		index_grow();
	for (j = name_hash(file) & (index_cap - 1); index_slots[j] != 0;
	    j = (j + 1) & (index_cap - 1))
		if (strcmp(files[index_slots[j] - 1].file, file) == 0)
			return &files[index_slots[j] - 1];
	if (nfiles == capfiles) {
		capfiles = capfiles > 0 ? capfiles * 2 : 16;
		files = cf_xrealloc(files, capfiles * sizeof(*files));
	}
	files[nfiles].file = cf_xstrdup(file);
	files[nfiles].shown = files[nfiles].hidden = 0;
	index_slots[j] = nfiles + 1;
	return &files[nfiles++];
}

/*
 * The length of the bidirectional formatting character at p (U+061C,
 * U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), 0 if none: one of
 * them in a path can make a terminal show "KO :gnissim" as a verdict.
 */
static size_t
bidi_at(const unsigned char *p)
{
	if (p[0] == 0xd8 && p[1] == 0x9c)
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f ||
	    (p[2] >= 0xaa && p[2] <= 0xae)))
		return 3;
	if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
		return 3;
	return 0;
}

/*
 * Puts s with every control character escaped (C0, DEL, C1, the Unicode
 * line and paragraph separators and the bidirectional formatting
 * characters), so a file name or a quoted value can neither break a
 * diagnostic in two nor forge a line of its own, nor reorder one.
 */
void
cf_diag_escape(struct cf_buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	for (; *p != '\0'; p++)
		if (*p == '\n')
			cf_buf_puts(b, "\\n");
		else if (*p == '\r')
			cf_buf_puts(b, "\\r");
		else if (*p == '\t')
			cf_buf_puts(b, "\\t");
		else if (*p < 0x20 || *p == 0x7f)
			cf_buf_printf(b, "\\x%02x", *p);
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			cf_buf_printf(b, "\\u%04x", p[1]);
			p++;
		} else if (p[0] == 0xe2 && p[1] == 0x80 &&
		    (p[2] == 0xa8 || p[2] == 0xa9)) {
			cf_buf_printf(b, "\\u%04x", 0x2000 + p[2] - 0x80);
			p += 2;
		} else if ((n = bidi_at(p)) > 0) {
			cf_buf_printf(b, "\\u%04x", n == 2 ? 0x061c :
			    0x2000 + (p[1] - 0x80) * 64 + p[2] - 0x80);
			p += n - 1;
		} else
			cf_buf_putc(b, (char)*p);
}

static void
said_grow(void)
{
	char	**old = said;
	size_t	  i, j, oldcap = said_cap;

	said_cap = said_cap > 0 ? said_cap * 2 : 64;
	said = cf_xcalloc(said_cap, sizeof(*said));
	for (i = 0; i < oldcap; i++) {
		if (old[i] == NULL)
			continue;
		for (j = name_hash(old[i]) & (said_cap - 1); said[j] != NULL;
		    j = (j + 1) & (said_cap - 1))
			;
		said[j] = old[i];
	}
	free(old);
}

/* Under the lock: was line printed before?  If not, it is now. */
static bool
said_before(const char *line)
{
	size_t	 j;

	if (2 * (nsaid + 1) > said_cap)
		said_grow();
	for (j = name_hash(line) & (said_cap - 1); said[j] != NULL;
	    j = (j + 1) & (said_cap - 1))
		if (strcmp(said[j], line) == 0)
			return true;
	said[j] = cf_xstrdup(line);
	nsaid++;
	return false;
}

/*
 * Prints one diagnostic, counts it, and keeps it for SARIF.  It is said
 * once: the first time its line is, or with once, the first time
 * anything of that key is said at its place.
 */
static void
say(enum cf_dkind kind, enum cf_sev sev, const char *file, int line,
    int col, const char *msg, const char *once)
{
	struct cf_buf		 b, key;
	struct file_count	*fc;
	size_t			 place;

	cf_buf_init(&b);
	cf_diag_escape(&b, file != NULL ? file : "cfgen");
	if (line > 0) {
		cf_buf_printf(&b, ":%d", line);
		if (col > 0)
			cf_buf_printf(&b, ":%d", col);
	}
	place = b.len;
	cf_buf_printf(&b, ": %s: ", sevname[sev]);
	cf_diag_escape(&b, msg);
	cf_buf_putc(&b, '\n');
	/* Escaped, a printed line holds no control character: no clash. */
	cf_buf_init(&key);
	if (once != NULL)
		cf_buf_printf(&key, "%.*s\001%s", (int)place, b.data, once);
	pthread_mutex_lock(&lock);
	/* A repeated line is counted all the same (the exit status does
	 * not change); a repeated once is not a second diagnostic. */
	if (once != NULL && said_before(key.data))
		goto out;
	counts[sev]++;
	fc = file_count(file != NULL ? file : "cfgen");
	if (fc->shown >= CF_DIAG_PER_FILE)
		fc->hidden++;
	else if (once != NULL || !said_before(b.data)) {
		fc->shown++;
		keep(&diags, kind, sev, file, line, col, msg);
		fputs(b.data, stream != NULL ? stream : stderr);
		fflush(stream != NULL ? stream : stderr);
	}
out:
	pthread_mutex_unlock(&lock);
	cf_buf_free(&key);
	cf_buf_free(&b);
}

static void
say_note(const char *file, const char *msg)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_diag_escape(&b, file != NULL ? file : "cfgen");
	cf_buf_puts(&b, ": note: ");
	cf_diag_escape(&b, msg);
	cf_buf_putc(&b, '\n');
	pthread_mutex_lock(&lock);
	keep(&notes, CF_DK_COUNT, CF_WARNING, file, 0, 0, msg);
	fputs(b.data, stream != NULL ? stream : stderr);
	fflush(stream != NULL ? stream : stderr);
	pthread_mutex_unlock(&lock);
	cf_buf_free(&b);
}

/* Into this thread's queue (cf_diag_hold()), to be said later. */
static void
hold(bool note, enum cf_dkind kind, enum cf_sev sev, const char *file,
    int line, int col, const char *msg, const char *once)
{
	struct cf_diag_queue	*q = held;
	struct cf_diag_held	*h;

	if (q->n == q->cap) {
		q->cap = q->cap > 0 ? q->cap * 2 : 16;
		q->v = cf_xrealloc(q->v, q->cap * sizeof(*q->v));
	}
	h = &q->v[q->n++];
	h->note = note;
	h->kind = kind;
	h->sev = sev;
	h->file = file != NULL ? cf_xstrdup(file) : NULL;
	h->line = line;
	h->col = col;
	h->msg = cf_xstrdup(msg);
	h->once = once != NULL ? cf_xstrdup(once) : NULL;
}

static void
emit(enum cf_dkind kind, enum cf_sev sev, const char *file, int line,
    int col, const char *msg, const char *once)
{
	if (muted)
		return;
	if (held != NULL)
		hold(false, kind, sev, file, line, col, msg, once);
	else
		say(kind, sev, file, line, col, msg, once);
}

static void
vemit(enum cf_dkind kind, enum cf_sev sev, const char *once,
    const char *file, int line, int col, const char *fmt, va_list ap)
{
	char	*msg = cf_xvasprintf(fmt, ap);

	emit(kind, sev, file, line, col, msg, once);
	free(msg);
}

void
cf_diagk(enum cf_dkind kind, enum cf_sev sev, const char *file, int line,
    int col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vemit(kind, sev, NULL, file, line, col, fmt, ap);
	va_end(ap);
}

void
cf_diagk_once(enum cf_dkind kind, enum cf_sev sev, const char *once,
    const char *file, int line, int col, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vemit(kind, sev, once, file, line, col, fmt, ap);
	va_end(ap);
}

bool
cf_diag_mute(bool on)
{
	bool	 was = muted;

	muted = on;
	return was;
}

void
cf_diag_note(const char *file, const char *fmt, ...)
{
	va_list		 ap;
	char		*msg;

	if (muted)
		return;
	va_start(ap, fmt);
	msg = cf_xvasprintf(fmt, ap);
	va_end(ap);
	if (held != NULL)
		hold(true, CF_DK_COUNT, CF_WARNING, file, 0, 0, msg, NULL);
	else
		say_note(file, msg);
	free(msg);
}

void
cf_diag_hold(struct cf_diag_queue *q)
{
	held = q;
}

void
cf_diag_release(struct cf_diag_queue *q)
{
	struct cf_diag_held	*h;
	size_t			 i;

	for (i = 0; i < q->n; i++) {
		h = &q->v[i];
		if (h->note)
			say_note(h->file, h->msg);
		else
			say(h->kind, h->sev, h->file, h->line, h->col, h->msg,
			    h->once);
		free(h->file);
		free(h->msg);
		free(h->once);
	}
	free(q->v);
	memset(q, 0, sizeof(*q));
}

void
cf_diag_errno(const char *file, const char *what)
{
	cf_diagk(CF_DK_IO, CF_SYSERR, file, 0, 0, "%s: %s", what,
	    strerror(errno));
}

void
cf_diag_flush(void)
{
	struct cf_buf	 b, msg;
	size_t		 i;
	FILE		*out = stream != NULL ? stream : stderr;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nfiles; i++) {
		if (files[i].hidden == 0)
			continue;
		cf_buf_init(&msg);
		cf_buf_printf(&msg, "%u more diagnostics not shown (limit %d "
		    "per file)", files[i].hidden, CF_DIAG_PER_FILE);
		keep(&notes, CF_DK_COUNT, CF_WARNING, files[i].file, 0, 0,
		    msg.data);
		cf_buf_init(&b);
		cf_diag_escape(&b, files[i].file);
		fprintf(out, "%s: note: %s\n", b.data, msg.data);
		cf_buf_free(&b);
		cf_buf_free(&msg);
		files[i].hidden = 0;
	}
	fflush(out);
	pthread_mutex_unlock(&lock);
}

unsigned
cf_diag_count(enum cf_sev sev)
{
	unsigned	 n;

	pthread_mutex_lock(&lock);
	n = counts[sev];
	pthread_mutex_unlock(&lock);
	return n;
}

void
cf_diag_note_refused(void)
{
	pthread_mutex_lock(&lock);
	refused = 1;
	pthread_mutex_unlock(&lock);
}

enum cf_exit
cf_diag_exit(void)
{
	enum cf_exit	 e = CF_EXIT_OK;

	pthread_mutex_lock(&lock);
	if (counts[CF_SYSERR] > 0)
		e = CF_EXIT_OS;
	else if (counts[CF_ERROR] > 0)
		e = CF_EXIT_INVALID;
	else if (refused)
		e = CF_EXIT_REFUSED;
	pthread_mutex_unlock(&lock);
	return e;
}

void
cf_diag_record(void)
{
	pthread_mutex_lock(&lock);
	recording = true;
	pthread_mutex_unlock(&lock);
}

/* Read once the run's threads are done. */
const struct cf_diag_rec *
cf_diag_records(size_t *n)
{
	*n = diags.n;
	return diags.v;
}

const struct cf_diag_rec *
cf_diag_notes(size_t *n)
{
	*n = notes.n;
	return notes.v;
}

void
cf_diag_set_stream(FILE *f)
{
	stream = f;
}

void
cf_diag_reset(void)
{
	size_t	 i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nfiles; i++)
		free(files[i].file);
	free(files);
	files = NULL;
	nfiles = capfiles = 0;
	free(index_slots);
	index_slots = NULL;
	index_cap = 0;
	for (i = 0; i < said_cap; i++)
		free(said[i]);
	free(said);
	said = NULL;
	nsaid = said_cap = 0;
	memset(counts, 0, sizeof(counts));
	refused = 0;
	recs_free(&diags);
	recs_free(&notes);
	recording = false;
	pthread_mutex_unlock(&lock);
}
