/*
 * send.c: the one way the core sends SQL to a driver.  A statement of a
 * file (a test, a setup, a schema file, a migration step, a migration
 * check) goes through send_stmt, which echoes it with -v ("FILE:LINE:
 * SQL"), runs it under the watchdog (--timeout: a cancelled statement's
 * error says timed_out), and writes it to --log with its duration and
 * outcome.  Batches (send_batch, send_guarded_batch) echo each statement
 * and are watched as a whole; the runner does not batch while --log is
 * on, since the log times each statement.  What the runner sends for
 * itself (savepoints, the file's transaction) goes through send_internal:
 * not echoed, not logged, not timed.  Whoever sent a statement reads
 * err->lost: the connection is gone, and what to do depends on the path.
 */
#include <stdlib.h>
#include <string.h>

#include "sqlcheck.h"

/* The --log outcome word of a statement. */
static const char *
send_outcome(int rc, const struct dberror *err)
{
	if (rc == 0)
		return "ok";
	return err->timed_out ? "timeout" : "error";
}

/*
 * Send one statement of a file (at: where it is, and how to send and log
 * it) as sql, with sqllogictest column types or NULL.  Returns what the
 * driver returned: 0 with res filled, or -1 with err filled.
 */
int
send_stmt(struct conn *c, const struct send_at *at, const char *sql,
    const char *types, struct result *res, struct dberror *err)
{
	double	start;
	int	rc;

	if (log_verbose())
		log_debug("%s:%d: %s", at->path, at->line, sql);
	start = clock_now();
	watch_arm(c->watch);
	rc = (at->guarded ? c->drv->exec_guarded : c->drv->exec)(c, sql,
	    types, res, err);
	if (watch_disarm(c->watch) && rc != 0)
		err->timed_out = 1;
	querylog_write(at->path, at->line, at->logged != NULL ? at->logged :
	    sql, clock_now() - start, send_outcome(rc, err));
	return rc;
}

/*
 * A statement of a file that the runner answered without sending it (a
 * COMMIT with nothing open, one refused inside the file's transaction):
 * --log records it all the same, with rc and err as the runner set them.
 */
void
send_answered(const struct send_at *at, const char *sql, int rc,
    const struct dberror *err)
{
	querylog_write(at->path, at->line, at->logged != NULL ? at->logged :
	    sql, 0, send_outcome(rc, err));
}

/*
 * Send the statements of rec (a schema file, a migration step) one by
 * one with send_stmt, as written, until one fails.  0, or -1 with err
 * filled and *failed the index of the statement that failed.
 */
int
send_record(struct conn *c, const struct record *rec, size_t *failed,
    struct dberror *err)
{
	struct send_at	 at;
	struct result	 res;
	size_t		 i;
	int		 rc = 0;

	memset(&at, 0, sizeof at);
	at.path = rec->path;
	for (i = 0; i < rec->nstmts && rc == 0; i++) {
		at.line = rec->stmts[i].line;
		result_init(&res);
		rc = send_stmt(c, &at, rec->stmts[i].sql, NULL, &res, err);
		result_clear(&res);
		*failed = i;
	}
	return rc;
}

/* Send SQL the runner needs itself; 0 or -1 with err filled. */
int
send_internal(struct conn *c, const char *sql, struct dberror *err)
{
	struct result	res;
	int		rc;

	result_init(&res);
	rc = c->drv->exec(c, sql, NULL, &res, err);
	result_clear(&res);
	return rc;
}

/* Open the file's transaction; 0 or -1 with err filled. */
int
send_begin(struct conn *c, struct dberror *err)
{
	if (c->drv->begin != NULL)
		return c->drv->begin(c, err);
	return send_internal(c, "BEGIN", err);
}

/* Roll the file's transaction back; 0 or -1 with err filled. */
int
send_rollback(struct conn *c, struct dberror *err)
{
	if (c->drv->rollback != NULL)
		return c->drv->rollback(c, err);
	return send_internal(c, "ROLLBACK", err);
}

/* Echo n statements of a batch with -v. */
static void
send_echo(const char *path, const struct batch_stmt *stmts,
    const int *lines, size_t n)
{
	size_t	i;

	if (!log_verbose())
		return;
	for (i = 0; i < n; i++)
		log_debug("%s:%d: %s", path, lines[i], stmts[i].sql);
}

/*
 * Send n statements that must all succeed (setup) in one round trip
 * through the driver's exec_batch; lines[i] is where stmts[i] is in path.
 * 0, or -1 with *failed the index of the failing statement and err.
 */
int
send_batch(struct conn *c, const char *path, const struct batch_stmt *stmts,
    const int *lines, size_t n, size_t *failed, struct dberror *err)
{
	int	rc;

	send_echo(path, stmts, lines, n);
	watch_arm(c->watch);
	rc = c->drv->exec_batch(c, stmts, n, failed, err);
	if (watch_disarm(c->watch) && rc != 0)
		err->timed_out = 1;
	return rc;
}

/*
 * Send n tests of one statement each in one round trip through the
 * driver's exec_guarded_batch (see struct driver); returns how many
 * statements have an outcome in stmts[].
 */
size_t
send_guarded_batch(struct conn *c, const char *path,
    struct batch_stmt *stmts, const int *lines, size_t n)
{
	size_t	ran;

	send_echo(path, stmts, lines, n);
	watch_arm(c->watch);
	ran = c->drv->exec_guarded_batch(c, stmts, n);
	(void)watch_disarm(c->watch);
	return ran;
}
