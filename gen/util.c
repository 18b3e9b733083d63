/*
 * util.c -- arenas, buffers, natural ordering, UTF-8 and edit distance.
 */
#include "util.h"

#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>

struct cf_arena_block {
	struct cf_arena_block	*next;
	size_t			 used;
	size_t			 cap;
	size_t			 mapped;	/* bytes mmap()ed; 0: malloc()ed */
	bool			 fresh;		/* never written: all zero */
	max_align_t		 data[];
};

/*
 * Blocks double from ARENA_BLOCK to ARENA_BLOCK_MAX, so a large document
 * takes few blocks and a small one little memory.  A block of a quarter
 * of ARENA_HUGE or more is mapped on its own, in whole huge pages, aligned,
 * and offered to the kernel as transparent huge pages: first touching
 * fresh memory costs a page fault per 4 KiB otherwise, which was most of
 * what reading a large catalogue cost.  Fresh mappings are zero: no
 * memset needed.
 * The sanitizers see every block as a heap block of its own instead.
 *
 * A run renders one document after another, each in an arena of about
 * the same size: a mapped block an arena frees is kept, up to
 * ARENA_SPARE of them, for the next arena to take, rather than unmapped
 * and faulted in and zeroed anew by the kernel, 2 MiB at a time.  What
 * is kept was in use at once before, so peak memory does not grow.
 */
#define ARENA_BLOCK	(64 * 1024)
#define ARENA_BLOCK_MAX	(2 * 1024 * 1024)
#define ARENA_HUGE	((size_t)2 * 1024 * 1024)
#define ARENA_SPARE	8

static struct cf_arena_block	*spare[ARENA_SPARE];
static size_t			 nspare;
static pthread_mutex_t		 spare_lock = PTHREAD_MUTEX_INITIALIZER;

#if defined(__SANITIZE_ADDRESS__)
#define ARENA_NO_MAP	1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
#define ARENA_NO_MAP	1
#endif
#endif

/* What an allocator gave, or the end of the run (util.h). */
static void *
allocated(void *p)
{
	if (p == NULL) {
		fputs("cfgen: error: out of memory\n", stderr);
		exit(4);
	}
	return p;
}

void *
cf_xmalloc(size_t n)
{
	return allocated(malloc(n ? n : 1));
}

void *
cf_xcalloc(size_t n, size_t sz)
{
	return allocated(calloc(n ? n : 1, sz ? sz : 1));
}

void *
cf_xrealloc(void *p, size_t n)
{
	return allocated(realloc(p, n ? n : 1));
}

char *
cf_xstrdup(const char *s)
{
	size_t	 n = strlen(s) + 1;

	return memcpy(cf_xmalloc(n), s, n);
}

void
cf_arena_init(struct cf_arena *a)
{
	a->head = NULL;
}

/* Keeps a mapped block for block_new(); false when enough are kept. */
static bool
spare_put(struct cf_arena_block *b)
{
	bool	 kept = false;

	pthread_mutex_lock(&spare_lock);
	if (nspare < ARENA_SPARE) {
		b->fresh = false;
		spare[nspare++] = b;
		kept = true;
	}
	pthread_mutex_unlock(&spare_lock);
	return kept;
}

#ifndef ARENA_NO_MAP	/* the sanitizers' builds map no block */
/* A kept block of len mapped bytes or more, or NULL. */
static struct cf_arena_block *
spare_take(size_t len)
{
	struct cf_arena_block	*b = NULL;
	size_t			 i;

	pthread_mutex_lock(&spare_lock);
	for (i = 0; i < nspare; i++)
		if (spare[i]->mapped >= len) {
			b = spare[i];
			spare[i] = spare[--nspare];
			break;
		}
	pthread_mutex_unlock(&spare_lock);
	return b;
}
#endif

void
cf_arena_free(struct cf_arena *a)
{
	struct cf_arena_block	*b, *next;

	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		if (b->mapped == 0)
			free(b);
		else if (!spare_put(b))
			munmap(b, b->mapped);
	}
	a->head = NULL;
}

static struct cf_arena_block *
block_new(size_t cap)
{
	struct cf_arena_block	*b = NULL;
	size_t			 size = sizeof(*b) + cap;
#ifndef ARENA_NO_MAP
	size_t			 len, lead;
	char			*p;

	if (size >= ARENA_HUGE / 4) {
		len = (size + ARENA_HUGE - 1) / ARENA_HUGE * ARENA_HUGE;
		if ((b = spare_take(len)) != NULL) {
			b->used = 0;
			b->cap = b->mapped - sizeof(*b);
			return b;
		}
		p = mmap(NULL, len + ARENA_HUGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p != MAP_FAILED) {
			lead = (ARENA_HUGE - (uintptr_t)p % ARENA_HUGE) %
			    ARENA_HUGE;
			if (lead > 0)
				munmap(p, lead);
			munmap(p + lead + len, ARENA_HUGE - lead);
			b = (struct cf_arena_block *)(void *)(p + lead);
#ifdef MADV_HUGEPAGE
			madvise(b, len, MADV_HUGEPAGE);
#endif
			b->mapped = len;
			b->fresh = true;
			cap = len - sizeof(*b);
		}
	}
#endif
	if (b == NULL) {
		b = cf_xmalloc(size);
		b->mapped = 0;
		b->fresh = false;
	}
	b->used = 0;
	b->cap = cap;
	return b;
}

/* n bytes, aligned, not zeroed unless the block is fresh memory. */
static void *
arena_take(struct cf_arena *a, size_t n, size_t align, bool *zero)
{
	struct cf_arena_block	*b = a->head;
	size_t			 at, cap;

	if (n == 0)
		n = 1;
	if (b != NULL) {
		at = (b->used + align - 1) / align * align;
		if (at <= b->cap && b->cap - at >= n) {
			b->used = at + n;
			*zero = b->fresh;
			return (char *)b->data + at;
		}
	}
	/* Block sizes, header included, double up to ARENA_BLOCK_MAX. */
	cap = b == NULL ? ARENA_BLOCK : sizeof(*b) + b->cap;
	if (b != NULL && cap < ARENA_BLOCK_MAX)
		cap *= 2;
	if (cap > ARENA_BLOCK_MAX)
		cap = ARENA_BLOCK_MAX;
	if (cap < ARENA_BLOCK)
		cap = ARENA_BLOCK;
	cap -= sizeof(*b);
	if (n > cap / 2 && b != NULL) {
		/* A block of its own, behind the one being filled. */
		struct cf_arena_block *own = block_new(n);

		own->used = n;
		own->next = b->next;
		b->next = own;
		*zero = own->fresh;
		return own->data;
	}
	if (n > cap)
		cap = n;
	b = block_new(cap);
	b->next = a->head;
	a->head = b;
	b->used = n;
	*zero = b->fresh;
	return b->data;
}

void
cf_arena_reserve(struct cf_arena *a, size_t n)
{
	struct cf_arena_block	*b = a->head;

	if (b != NULL && b->cap - b->used >= n)
		return;
	b = block_new(n < ARENA_BLOCK ? ARENA_BLOCK : n);
	b->next = a->head;
	a->head = b;
}

void *
cf_arena_alloc(struct cf_arena *a, size_t n)
{
	bool	 zero;
	void	*p = arena_take(a, n, sizeof(max_align_t), &zero);

	return zero ? p : memset(p, 0, n);
}

void *
cf_arena_alloc_raw(struct cf_arena *a, size_t n)
{
	bool	 zero;

	return arena_take(a, n, sizeof(max_align_t), &zero);
}

char *
cf_arena_strndup(struct cf_arena *a, const char *s, size_t n)
{
	bool	 zero;
	char	*p = arena_take(a, n + 1, 1, &zero);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
cf_arena_strdup(struct cf_arena *a, const char *s)
{
	return s == NULL ? NULL : cf_arena_strndup(a, s, strlen(s));
}

char *
cf_arena_vprintf(struct cf_arena *a, const char *fmt, va_list ap)
{
	struct cf_buf	 b;
	char		*s;

	cf_buf_init(&b);
	cf_buf_vprintf(&b, fmt, ap);
	s = cf_arena_strndup(a, b.data, b.len);
	cf_buf_free(&b);
	return s;
}

char *
cf_arena_printf(struct cf_arena *a, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;

	va_start(ap, fmt);
	s = cf_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

void
cf_buf_init(struct cf_buf *b)
{
	b->data = NULL;
	b->len = b->cap = 0;
}

void
cf_buf_free(struct cf_buf *b)
{
	free(b->data);
	cf_buf_init(b);
}

void
cf_buf_reset(struct cf_buf *b)
{
	b->len = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

static void
buf_grow(struct cf_buf *b, size_t extra)
{
	size_t	 need = b->len + extra + 1;

	if (need <= b->cap)
		return;
	if (b->cap == 0)
		b->cap = 256;
	while (b->cap < need)
		b->cap *= 2;
	b->data = cf_xrealloc(b->data, b->cap);
}

void
cf_buf_put(struct cf_buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	if (n > 0)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
cf_buf_puts(struct cf_buf *b, const char *s)
{
	cf_buf_put(b, s, strlen(s));
}

void
cf_buf_putc(struct cf_buf *b, char c)
{
	cf_buf_put(b, &c, 1);
}

void
cf_buf_vprintf(struct cf_buf *b, const char *fmt, va_list ap)
{
	char	 small[256];
	va_list	 cp;
	int	 n;

	/*
	 * Formatting costs more than copying: most texts fit the small
	 * buffer and are formatted once, not measured first.
	 */
	va_copy(cp, ap);
	n = vsnprintf(small, sizeof(small), fmt, cp);
	va_end(cp);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		cf_buf_put(b, small, (size_t)n);
		return;
	}
	buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
cf_buf_printf(struct cf_buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	cf_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *
cf_buf_detach(struct cf_buf *b)
{
	char	*s;

	if (b->data == NULL)
		buf_grow(b, 0), b->data[0] = '\0';
	s = b->data;
	cf_buf_init(b);
	return s;
}

void
cf_buf_percent(struct cf_buf *b, unsigned char c)
{
	static const char	 hex[] = "0123456789ABCDEF";

	cf_buf_putc(b, '%');
	cf_buf_putc(b, hex[c >> 4]);
	cf_buf_putc(b, hex[c & 15]);
}

char *
cf_xvasprintf(const char *fmt, va_list ap)
{
	struct cf_buf	 b;

	cf_buf_init(&b);
	cf_buf_vprintf(&b, fmt, ap);
	return cf_buf_detach(&b);
}

bool
cf_blank(const char *s)
{
	if (s == NULL)
		return true;
	for (; *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/*
 * Named character references that stand for ASCII: the only ones that
 * can spell a scheme, its colon or the white space browsers skip.
 */
static const struct {
	const char	*name;
	char		 c;
} ascii_entities[] = {
	{ "Tab", '\t' }, { "NewLine", '\n' }, { "excl", '!' },
	{ "quot", '"' }, { "QUOT", '"' }, { "num", '#' }, { "dollar", '$' },
	{ "percnt", '%' }, { "amp", '&' }, { "AMP", '&' }, { "apos", '\'' },
	{ "lpar", '(' }, { "rpar", ')' }, { "ast", '*' }, { "midast", '*' },
	{ "plus", '+' }, { "comma", ',' }, { "period", '.' }, { "sol", '/' },
	{ "colon", ':' }, { "semi", ';' }, { "lt", '<' }, { "LT", '<' },
	{ "equals", '=' }, { "gt", '>' }, { "GT", '>' }, { "quest", '?' },
	{ "commat", '@' }, { "lsqb", '[' }, { "lbrack", '[' },
	{ "bsol", '\\' }, { "rsqb", ']' }, { "rbrack", ']' }, { "Hat", '^' },
	{ "lowbar", '_' }, { "UnderBar", '_' }, { "grave", '`' },
	{ "DiacriticalGrave", '`' }, { "lcub", '{' }, { "lbrace", '{' },
	{ "verbar", '|' }, { "vert", '|' }, { "VerticalLine", '|' },
	{ "rcub", '}' }, { "rbrace", '}' }
};

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/*
 * A character reference at s ("&...;"): its length, and the ASCII byte
 * it stands for in *c (or 0x80 for one beyond ASCII, which no scheme
 * holds).  0 when s starts none.
 */
static size_t
entity_at(const char *s, char *c)
{
	unsigned long	 v = 0;
	size_t		 i = 1, j, n;
	int		 d, base = 10;

	if (s[1] == '#') {
		i = 2;
		if (s[2] == 'x' || s[2] == 'X')
			base = 16, i = 3;
		for (n = i; (d = hexval((unsigned char)s[n])) >= 0 &&
		    d < base && n - i < 8; n++)
			v = v * (unsigned long)base + (unsigned long)d;
		if (n == i || s[n] != ';')
			return 0;
		*c = v > 0 && v < 0x80 ? (char)v : (char)0x80;
		return n + 1;
	}
	for (n = 1; isalnum((unsigned char)s[n]) && n < 40; n++)
		continue;
	if (n == 1 || s[n] != ';')
		return 0;
	for (j = 0; j < sizeof(ascii_entities) / sizeof(ascii_entities[0]);
	    j++)
		if (strlen(ascii_entities[j].name) == n - 1 &&
		    strncmp(s + 1, ascii_entities[j].name, n - 1) == 0) {
			*c = ascii_entities[j].c;
			return n + 1;
		}
	*c = (char)0x80;
	return n + 1;
}

/*
 * One round of what a reader may undo: character references, backslash
 * escapes, percent-encoding, and the controls and spaces browsers drop.
 */
static void
decode_round(const char *s, struct cf_buf *out)
{
	size_t	 k;
	char	 c;

	cf_buf_reset(out);
	while (s != NULL && *s != '\0') {
		if (*s == '&' && (k = entity_at(s, &c)) > 0)
			s += k;
		else if (*s == '\\' && ispunct((unsigned char)s[1])) {
			c = s[1];
			s += 2;
		} else if (*s == '%' && hexval((unsigned char)s[1]) >= 0 &&
		    hexval((unsigned char)s[2]) >= 0) {
			c = (char)(hexval((unsigned char)s[1]) * 16 +
			    hexval((unsigned char)s[2]));
			s += 3;
		} else
			c = *s++;
		/* Controls and spaces are what browsers skip or strip. */
		if ((unsigned char)c > ' ' && c != 0x7f)
			cf_buf_putc(out, c);
	}
}

/* The scheme test itself, on one decoded form. */
static bool
scheme_ok(const char *p)
{
	static const char *const ok[] = { "http", "https", "mailto" };
	char		 scheme[8];
	size_t		 i, n = 0;

	for (; *p != '\0' && *p != ':'; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (n > 0 && ((*p >= '0' && *p <= '9') || *p == '+' ||
		    *p == '-' || *p == '.'))))
			return true;	/* no scheme: relative or fragment */
		if (n < sizeof(scheme) - 1)
			scheme[n] = (char)tolower((unsigned char)*p);
		n++;
	}
	if (*p != ':' || n == 0)
		return true;
	if (n >= sizeof(scheme))
		return false;
	scheme[n] = '\0';
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(scheme, ok[i]) == 0)
			return true;
	return false;
}

/* Rounds of decoding before an address is judged too obscure to keep. */
#define URL_DECODE_ROUNDS	8

bool
cf_url_scheme_ok(const char *url)
{
	struct cf_buf	 a, b, t;
	bool		 ok = true;
	int		 round;

	/*
	 * Every form a reader might reach -- a browser, a CommonMark
	 * renderer reading cfgen's Markdown and then a browser -- must be
	 * harmless, so each round's result is tested until nothing more
	 * decodes; an address still changing after that many rounds is
	 * refused rather than trusted.
	 */
	cf_buf_init(&a);
	cf_buf_init(&b);
	cf_buf_puts(&a, url);
	for (round = 0; ok; round++) {
		decode_round(a.data, &b);
		ok = scheme_ok(b.data != NULL ? b.data : "");
		if (b.len == a.len && (a.len == 0 ||
		    memcmp(a.data, b.data, a.len) == 0))
			break;
		if (round == URL_DECODE_ROUNDS)
			ok = false;
		t = a, a = b, b = t;
	}
	cf_buf_free(&a);
	cf_buf_free(&b);
	return ok;
}

/* Does s start a character reference ("&amp;", "&#58;") a reader decodes? */
static bool
entity_like(const char *s)
{
	size_t	 n = 1;

	if (s[n] == '#')
		n++;
	while (isalnum((unsigned char)s[n]))
		n++;
	return n > 1 && s[n] == ';';
}

/*
 * cmark writes a link whose text is its address as an autolink, <url>,
 * without escaping the address: a '>' in it would end the autolink and
 * let what follows through as raw HTML, a '|' would split a table row,
 * and a character reference would be decoded once more by whoever reads
 * the Markdown.  Percent-encoding what a URL may not contain unencoded
 * anyway (RFC 3986), and the '&' of a reference, keeps every output,
 * Markdown included, inert and pointing where the field said.
 */
char *
cf_url_encode(const char *url)
{
	struct cf_buf		 b;
	const unsigned char	*p;

	cf_buf_init(&b);
	for (p = (const unsigned char *)url; *p != '\0'; p++) {
		if (*p > ' ' && *p != 0x7f && strchr("\"<>\\^`{|}", *p) ==
		    NULL && !(*p == '&' && entity_like((const char *)p)))
			cf_buf_putc(&b, (char)*p);
		else
			cf_buf_percent(&b, *p);
	}
	return cf_buf_detach(&b);
}

bool
cf_url_has_scheme(const char *s)
{
	if (s == NULL || !isalpha((unsigned char)*s))
		return false;
	while (isalnum((unsigned char)*s) || *s == '+' || *s == '-' ||
	    *s == '.')
		s++;
	return *s == ':';
}

const char *
cf_contact_text(const char *contact)
{
	if (contact != NULL && strncasecmp(contact, "mailto:", 7) == 0)
		return contact + 7;
	return contact;
}

int
cf_natcmp(const char *a, const char *b)
{
	while (*a != '\0' && *b != '\0') {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			const char	*sa, *sb;
			size_t		 la, lb;
			int		 c;

			while (*a == '0' && isdigit((unsigned char)a[1]))
				a++;
			while (*b == '0' && isdigit((unsigned char)b[1]))
				b++;
			for (sa = a; isdigit((unsigned char)*a); a++)
				continue;
			for (sb = b; isdigit((unsigned char)*b); b++)
				continue;
			la = (size_t)(a - sa);
			lb = (size_t)(b - sb);
			if (la != lb)
				return la < lb ? -1 : 1;
			if ((c = strncmp(sa, sb, la)) != 0)
				return c;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return (*a != '\0') - (*b != '\0');
}

char *
cf_decimal(char buf[CF_DECIMAL_SIZE], long long n)
{
	unsigned long long	 u = n < 0 ? -(unsigned long long)n :
				    (unsigned long long)n;
	char			*p = buf + CF_DECIMAL_SIZE;

	*--p = '\0';
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		*--p = '-';
	return p;
}

unsigned
cf_fnv1a(const char *s, size_t len)
{
	unsigned	 h = 2166136261u;

	while (len-- > 0)
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

size_t
cf_utf8_decode(const unsigned char *s, size_t n, unsigned int *cp)
{
	unsigned int	 c;
	size_t		 len, i;

	if (n == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

size_t
cf_utf8_count(const char *s, size_t n)
{
	size_t	 i, count = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			count++;
	return count;
}

size_t
cf_edit_distance(const char *a, const char *b, size_t cap)
{
	size_t	 la = strlen(a), lb = strlen(b), i, j, best;
	size_t	*prev, *cur, *tmp, result;

	if ((la > lb ? la - lb : lb - la) > cap)
		return cap + 1;
	prev = cf_xcalloc(lb + 1, sizeof(*prev));
	cur = cf_xcalloc(lb + 1, sizeof(*cur));
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		cur[0] = i;
		best = cur[0];
		for (j = 1; j <= lb; j++) {
			size_t	 del = prev[j] + 1, ins = cur[j - 1] + 1;
			size_t	 sub = prev[j - 1] + (a[i - 1] != b[j - 1]);

			cur[j] = del < ins ? del : ins;
			if (sub < cur[j])
				cur[j] = sub;
			if (cur[j] < best)
				best = cur[j];
		}
		tmp = prev, prev = cur, cur = tmp;
		if (best > cap)
			break;
	}
	result = i <= la ? cap + 1 : prev[lb];
	free(prev);
	free(cur);
	return result > cap ? cap + 1 : result;
}

char *
cf_url_decode(const char *s)
{
	char	*out = cf_xmalloc(strlen(s) + 1), *o = out;
	int	 hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '%' && (hi = hexval((unsigned char)s[1])) >= 0 &&
		    (lo = hexval((unsigned char)s[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}
