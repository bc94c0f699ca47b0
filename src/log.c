/*
 * log.c: diagnostics on standard error.  log_debug prints only with -v;
 * fatal (with errno) and fatalx end the program with exit status 2 and
 * are, besides main, the only places that exit.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

static int	log_verbosity;

/* Set how much log_debug says (0: nothing). */
void
log_set_verbose(int level)
{
	log_verbosity = level;
}

/* Return the verbosity set with log_set_verbose. */
int
log_verbose(void)
{
	return log_verbosity;
}

static void
log_vwrite(const char *fmt, va_list ap, const char *suffix)
{
	fputs("sqlcheck: ", stderr);
	vfprintf(stderr, fmt, ap);
	if (suffix != NULL)
		fprintf(stderr, ": %s", suffix);
	fputc('\n', stderr);
	fflush(stderr);
}

/* Print a message when verbose. */
void
log_debug(const char *fmt, ...)
{
	va_list	ap;

	if (log_verbosity == 0)
		return;
	va_start(ap, fmt);
	log_vwrite(fmt, ap, NULL);
	va_end(ap);
}

/* Print a warning. */
void
log_warnx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, NULL);
	va_end(ap);
}

/* Print a message with strerror(errno) and exit 2. */
void
fatal(const char *fmt, ...)
{
	va_list	 ap;
	char	*err;

	err = strerror(errno);
	va_start(ap, fmt);
	log_vwrite(fmt, ap, err);
	va_end(ap);
	exit(SQLCHECK_EXIT_ERROR);
}

/* Print a message and exit 2. */
void
fatalx(const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	log_vwrite(fmt, ap, NULL);
	va_end(ap);
	exit(SQLCHECK_EXIT_ERROR);
}
