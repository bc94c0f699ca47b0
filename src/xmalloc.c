/*
 * xmalloc.c: allocation wrappers.  None of them returns NULL: running out
 * of memory ends the program with a message, so callers never check.
 * Every pointer returned is owned by the caller and freed with free().
 */
#include <errno.h>
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
