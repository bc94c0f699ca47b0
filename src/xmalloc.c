/*
 * xmalloc.c: allocation wrappers.  None of them returns NULL: running out
 * of memory ends the program with a message, so callers never check.
 * Every pointer returned is owned by the caller and freed with free().
 * Also the policy of the C library's allocator for a run (the runner
 * sets it once and gives memory back after each file).
 */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

#include <errno.h>
/*
 * glibc's malloc knobs (configure found malloc_trim and mallopt), unless
 * a sanitizer replaces malloc (then glibc's arenas are not in use, and
 * malloc_trim() would crash on them).
 */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SQLCHECK_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define SQLCHECK_ASAN 1
#endif
#if defined(HAVE_MALLOC_TRIM) && defined(HAVE_MALLOPT) && \
    !defined(SQLCHECK_ASAN)
#define SQLCHECK_GLIBC_MALLOC 1
#include <malloc.h>
#endif
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* Allocate size bytes (at least one). */
void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	p = malloc(size);
	if (p == NULL)
		fatalx("cannot allocate %zu bytes", size);
	return p;
}

/* Allocate nmemb zeroed objects, checking the product for overflow. */
void *
xcalloc(size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if (SIZE_MAX / nmemb < size)
		fatalx("xcalloc: %zu * %zu overflows", nmemb, size);
	p = calloc(nmemb, size);
	if (p == NULL)
		fatalx("cannot allocate %zu bytes", nmemb * size);
	return p;
}

/* Resize ptr to nmemb objects of size bytes, checking for overflow. */
void *
xreallocarray(void *ptr, size_t nmemb, size_t size)
{
	void	*p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	if (SIZE_MAX / nmemb < size)
		fatalx("xreallocarray: %zu * %zu overflows", nmemb, size);
	p = realloc(ptr, nmemb * size);
	if (p == NULL)
		fatalx("cannot allocate %zu bytes", nmemb * size);
	return p;
}

/* Copy a string. */
char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

/* Copy the first n bytes of s into a new NUL-terminated string. */
char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/* Format into a new string. */
char *
xvprintf(const char *fmt, va_list ap)
{
	va_list	 ap2;
	char	*p;
	int	 n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatalx("xvprintf: bad format \"%s\"", fmt);
	p = xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

/* Format into a new string. */
char *
xprintf(const char *fmt, ...)
{
	va_list	 ap;
	char	*p;

	va_start(ap, fmt);
	p = xvprintf(fmt, ap);
	va_end(ap);
	return p;
}

/*
 * Give the pages that a finished file's model and report held back to
 * the system.  glibc keeps freed memory in its arenas (one per thread)
 * otherwise, and a run of many large sqllogictest files would peak at
 * the sum of their fragments rather than at its largest file.
 */
void
memory_release(void)
{
#ifdef SQLCHECK_GLIBC_MALLOC
	malloc_trim(0);
#endif
}

/*
 * Blocks of 1 MiB and more (a large file's record array, its report,
 * a big result) are mapped and unmapped on their own.  glibc raises that
 * threshold each time such a block is freed, after which large blocks
 * come from the heap and leave holes there; a fixed threshold keeps peak
 * memory near the largest file's need.
 *
 * A fixed mmap threshold also fixes the trim threshold, at 128 KiB: each
 * time SQLite or a result freed that much at the top of the heap, glibc
 * gave it back (madvise) and the next statement faulted the pages in
 * again, which cost sqllogictest files up to half their CPU time.  Free
 * memory up to MEMORY_KEEP stays in the heap while a file runs; that
 * does not raise the peak (those pages were in use just before), and
 * memory_release() returns all of it after each file.
 */
#define MEMORY_KEEP	(8 * 1024 * 1024)

void
memory_policy_set(void)
{
#ifdef SQLCHECK_GLIBC_MALLOC
	mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
	mallopt(M_TRIM_THRESHOLD, MEMORY_KEEP);
#endif
}
