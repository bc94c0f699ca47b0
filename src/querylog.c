/*
 * querylog.c: the query log of --log FILE, every statement a run executes
 * with its duration and outcome, one line each:
 *
 *	FILE:LINE<tab>DURATION_MS<tab>OUTCOME<tab>SQL
 *
 * DURATION_MS has three decimals.  In the SQL a new line is written \n,
 * a tab \t, a carriage return \r and a backslash \\, so that a statement
 * is one line and the line can be split on tabs and unescaped.  Workers
 * write from their own threads: a mutex keeps lines whole and in one
 * piece.  Writing is a no-op while no log is open.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

static pthread_mutex_t	 querylog_mu = PTHREAD_MUTEX_INITIALIZER;
static FILE		*querylog_f;		/* NULL: no log */
static char		*querylog_path;		/* for messages */

/* Close the log with querylog_mu held; warn if it could not be written. */
static void
querylog_close_locked(void)
{
	if (querylog_f == NULL)
		return;
	if (fclose(querylog_f) != 0)
		log_warnx("cannot write \"%s\": %s", querylog_path,
		    strerror(errno));
	querylog_f = NULL;
	free(querylog_path);
	querylog_path = NULL;
}

/* 1 while a log is open (statements are then timed one by one). */
int
querylog_active(void)
{
	int	active;

	pthread_mutex_lock(&querylog_mu);
	active = querylog_f != NULL;
	pthread_mutex_unlock(&querylog_mu);
	return active;
}

/*
 * Open path for the log, truncating it (and closing a log already open).
 * Returns 0, or -1 with *cause ("cannot write "PATH": reason"), which the
 * caller frees.
 */
int
querylog_open(const char *path, char **cause)
{
	FILE	*f;

	f = fopen(path, "w");
	if (f == NULL) {
		*cause = xprintf("cannot write \"%s\": %s", path,
		    strerror(errno));
		return -1;
	}
	pthread_mutex_lock(&querylog_mu);
	querylog_close_locked();
	querylog_f = f;
	querylog_path = xstrdup(path);
	pthread_mutex_unlock(&querylog_mu);
	return 0;
}

/* Write sql with new lines, tabs, carriage returns and '\' escaped. */
static void
querylog_sql(FILE *f, const char *sql)
{
	for (; *sql != '\0'; sql++) {
		switch (*sql) {
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		default:
			putc(*sql, f);
			break;
		}
	}
}

/*
 * Log one statement: the file and line it comes from, how long it ran,
 * what became of it (a word such as "ok", "error" or "timeout"; NULL is
 * written "-") and its SQL.  Safe to call from any thread; does nothing
 * when no log is open.  The line is flushed, so that it survives a run
 * that is killed.
 */
void
querylog_write(const char *file, int line, const char *sql, double seconds,
    const char *outcome)
{
	pthread_mutex_lock(&querylog_mu);
	if (querylog_f != NULL) {
		fprintf(querylog_f, "%s:%d\t%.3f\t%s\t",
		    file != NULL ? file : "-", line, seconds * 1000.0,
		    outcome != NULL ? outcome : "-");
		querylog_sql(querylog_f, sql != NULL ? sql : "");
		putc('\n', querylog_f);
		fflush(querylog_f);
	}
	pthread_mutex_unlock(&querylog_mu);
}

/* Close the log, if one is open; later writes do nothing. */
void
querylog_close(void)
{
	pthread_mutex_lock(&querylog_mu);
	querylog_close_locked();
	pthread_mutex_unlock(&querylog_mu);
}
