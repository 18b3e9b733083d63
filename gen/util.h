/*
 * util.h -- arena allocation and growable byte buffers shared by every stage.
 *
 * A document (catalogue or responses) owns one arena: everything the loader
 * allocates for it is freed at once, so no stage has to track ownership of
 * strings it merely reads.
 */
#ifndef CF_UTIL_H
#define CF_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

struct cf_arena {
	struct cf_arena_block *head;
};

void	 cf_arena_init(struct cf_arena *);
void	 cf_arena_free(struct cf_arena *);
void	*cf_arena_alloc(struct cf_arena *, size_t);	/* zeroed */
void	*cf_arena_alloc_raw(struct cf_arena *, size_t);	/* not zeroed */
/* Room for n bytes more in one block: a hint before many allocations. */
void	 cf_arena_reserve(struct cf_arena *, size_t);
char	*cf_arena_strdup(struct cf_arena *, const char *);
char	*cf_arena_strndup(struct cf_arena *, const char *, size_t);
char	*cf_arena_printf(struct cf_arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
char	*cf_arena_vprintf(struct cf_arena *, const char *, va_list)
	    __attribute__((format(printf, 2, 0)));

/* Growable, always NUL-terminated byte buffer. */
struct cf_buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

void	 cf_buf_init(struct cf_buf *);
void	 cf_buf_free(struct cf_buf *);
void	 cf_buf_reset(struct cf_buf *);
void	 cf_buf_put(struct cf_buf *, const char *, size_t);
void	 cf_buf_puts(struct cf_buf *, const char *);
void	 cf_buf_putc(struct cf_buf *, char);
void	 cf_buf_printf(struct cf_buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 cf_buf_vprintf(struct cf_buf *, const char *, va_list);
char	*cf_buf_detach(struct cf_buf *);	/* caller frees */
/* Byte c as a URI writes what may not stand as it is: "%XX". */
void	 cf_buf_percent(struct cf_buf *, unsigned char c);
/*
 * A printf-like function's message as a string the caller frees, never
 * NULL: what every function that formats and then hands the text on
 * starts with.
 */
char	*cf_xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

/* Abort with a message when memory runs out: there is no useful recovery. */
void	*cf_xmalloc(size_t);
void	*cf_xcalloc(size_t, size_t);
void	*cf_xrealloc(void *, size_t);
char	*cf_xstrdup(const char *);

/* NULL or only white space: a note or justification that says nothing. */
bool	 cf_blank(const char *);

/*
 * Links: only http, https and mailto may be followed (cli.md).  The
 * scheme is read on every form a reader may decode the address to --
 * character references, backslash escapes, percent-encoding, controls
 * and spaces dropped as browsers drop them -- so "java\tscript:",
 * "&#106;avascript:" and "javascript&amp;colon;" are all caught; an
 * address without a scheme (relative, "#...") is acceptable.
 */
bool	 cf_url_scheme_ok(const char *);
/* The address percent-encoded so no format reads it as markup; free it. */
char	*cf_url_encode(const char *);
/* %XX escapes decoded, nothing else (malloc'd). */
char	*cf_url_decode(const char *);
/* Does it begin with "letters:", i.e. is it an address, not a path? */
bool	 cf_url_has_scheme(const char *);
/*
 * A contact as a reader sees it: a mailto: address without "mailto:"
 * (the link keeps it), anything else as it is.
 */
const char *cf_contact_text(const char *);

/* Natural order of ids: runs of digits compare as numbers. */
int	 cf_natcmp(const char *, const char *);

/* Number of Unicode characters in the first n bytes of valid UTF-8. */
size_t	 cf_utf8_count(const char *, size_t);

/* Decode one UTF-8 sequence; returns its length or 0 if invalid. */
size_t	 cf_utf8_decode(const unsigned char *, size_t, unsigned int *);
/*
 * n in decimal, written backwards from the end of buf: returns where it
 * starts (NUL-terminated).  Views print thousands of counts; printf was
 * most of their cost.
 */
#define CF_DECIMAL_SIZE	24
char		*cf_decimal(char buf[CF_DECIMAL_SIZE], long long n);
/* FNV-1a of len bytes: tags and hash tables, never security. */
unsigned	 cf_fnv1a(const char *, size_t len);

/* Levenshtein distance, capped: returns cap + 1 when larger. */
size_t	 cf_edit_distance(const char *, const char *, size_t cap);

#endif
