/*
 * diag.c -- diagnostics: one format, per-file caps, exit status.
 *
 * Builds with -j N print from several threads, so printing and counting
 * happen under one lock and each message is written with a single call.
 */
#include "diag.h"
#include "util.h"

#include <errno.h>
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
static struct file_count *files;
static size_t		 nfiles;

static const char *const sevname[] = { "warning", "error", "error" };

static struct file_count *
file_count(const char *file)
{
	size_t	 i;

	for (i = 0; i < nfiles; i++)
		if (strcmp(files[i].file, file) == 0)
			return &files[i];
	files = cf_xrealloc(files, (nfiles + 1) * sizeof(*files));
	files[nfiles].file = cf_xstrdup(file);
	files[nfiles].shown = files[nfiles].hidden = 0;
	return &files[nfiles++];
}

static void
emit(enum cf_sev sev, const char *file, int line, int col, const char *msg)
{
	struct cf_buf		 b;
	struct file_count	*fc;

	pthread_mutex_lock(&lock);
	counts[sev]++;
	fc = file_count(file != NULL ? file : "cfgen");
	if (fc->shown >= CF_DIAG_PER_FILE) {
		fc->hidden++;
		pthread_mutex_unlock(&lock);
		return;
	}
	fc->shown++;
	cf_buf_init(&b);
	cf_buf_puts(&b, file != NULL ? file : "cfgen");
	if (line > 0) {
		cf_buf_printf(&b, ":%d", line);
		if (col > 0)
			cf_buf_printf(&b, ":%d", col);
	}
	cf_buf_printf(&b, ": %s: %s\n", sevname[sev], msg);
	fputs(b.data, stream != NULL ? stream : stderr);
	fflush(stream != NULL ? stream : stderr);
	cf_buf_free(&b);
	pthread_mutex_unlock(&lock);
}

void
cf_diag(enum cf_sev sev, const char *file, int line, int col,
    const char *fmt, ...)
{
	struct cf_buf	 b;
	va_list		 ap;

	cf_buf_init(&b);
	va_start(ap, fmt);
	cf_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	emit(sev, file, line, col, b.data != NULL ? b.data : "");
	cf_buf_free(&b);
}

void
cf_diag_errno(const char *file, const char *what)
{
	cf_diag(CF_SYSERR, file, 0, 0, "%s: %s", what, strerror(errno));
}

void
cf_diag_flush(void)
{
	size_t	 i;
	FILE	*out = stream != NULL ? stream : stderr;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nfiles; i++) {
		if (files[i].hidden == 0)
			continue;
		fprintf(out, "%s: note: %u more diagnostics not shown "
		    "(limit %d per file)\n", files[i].file, files[i].hidden,
		    CF_DIAG_PER_FILE);
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
	nfiles = 0;
	memset(counts, 0, sizeof(counts));
	refused = 0;
	pthread_mutex_unlock(&lock);
}
