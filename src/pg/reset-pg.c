/*
 * reset-pg.c: the reset of a PostgreSQL session between two files, for
 * the PostgreSQL driver module.  A file's transaction is rolled back and
 * the session made as good as new (DISCARD ALL: prepared statements,
 * session advisory locks, settings, temporary tables) before the next
 * file runs on it; but these two statements do not cost a round trip of
 * their own: they wait (pg_data.reset_pending) and go at the head of the
 * next file's first pipeline, with its BEGIN and its first statements.
 * The pool flushes them (pg_flush) when no file follows, so that a
 * worker with nothing left to do holds no transaction, and no lock,
 * while the others run.
 *
 * A reset that fails is a lost session: the one statement that carried
 * it reports "cannot reset the session after the previous file" and the
 * session is cut, so that the core opens a new one and the server rolls
 * back whatever the session held.  Nothing here prints or exits.
 */
#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver-pg.h"

/*
 * Read the results of a pipeline segment of n queries up to its Sync.
 * 0 if it went well, else -1 with the first error's text in *msg unless
 * *msg is set (chomped; caller frees).
 */
static int
pg_segment_ok(PGconn *pc, int n, char **msg)
{
	PGresult	*res;
	int		 i, rc = 0;

	for (i = 0; i < n; i++) {
		while ((res = PQgetResult(pc)) != NULL) {
			if (rc == 0 && pg_is_error(res)) {
				if (*msg == NULL)
					*msg = pg_chomp(
					    PQresultErrorMessage(res));
				rc = -1;
			}
			PQclear(res);
		}
	}
	res = PQgetResult(pc);
	if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC) {
		if (*msg == NULL)
			*msg = pg_chomp(PQerrorMessage(pc));
		rc = -1;
	}
	PQclear(res);
	return rc;
}

/*
 * The reset of session pc failed with msg: keep why (the first reason
 * only) and cut the session, whose state is not known now; statements
 * sent after the reset may have run.  Without its socket, libpq sees
 * the session lost; the server rolls back what the session held.
 */
static void
pg_reset_fail(struct pg_data *d, PGconn *pc, const char *msg)
{
	char	*m = pg_chomp(msg);

	if (d->reset_failed == NULL)
		d->reset_failed = xprintf("cannot reset the session after the "
		    "previous file: %s", m);
	free(m);
	if (PQstatus(pc) == CONNECTION_OK && PQsocket(pc) >= 0)
		shutdown(PQsocket(pc), SHUT_RDWR);
}

/* The queries of the reset's second segment: 1 or 2 (see below). */
static int
pg_reset_queries(PGconn *pc)
{
	return PQserverVersion(pc) >= PG_CHECK_INTERVAL_VERSION ? 2 : 1;
}

/*
 * Put the reset waiting for session pc at the head of a pipeline:
 * ROLLBACK, then DISCARD ALL, in segments of their own (DISCARD ALL may
 * run neither in a transaction block nor after another statement of its
 * segment), so that what follows runs whatever state the previous file
 * left.  DISCARD ALL also resets what pg_session_setup set for the
 * session, which is set again after it.  Leaves pc in pipeline mode.  1
 * if sent (then pg_reset_read reads them, before anything sent after
 * them), 0 if no reset waits for pc, -1 if sending failed (see
 * pg_reset_fail).
 */
int
pg_reset_send(struct pg_data *d, PGconn *pc)
{
	if (pc == NULL || d->reset_pending != pc)
		return 0;
	d->reset_pending = NULL;
	if (PQenterPipelineMode(pc) &&
	    PQsendQueryParams(pc, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0) &&
	    PQpipelineSync(pc) &&
	    PQsendQueryParams(pc, "DISCARD ALL", 0, NULL, NULL, NULL, NULL,
	    0) && (pg_reset_queries(pc) < 2 ||
	    PQsendQueryParams(pc, PG_CHECK_INTERVAL_SQL, 0, NULL, NULL, NULL,
	    NULL, 0)) && PQpipelineSync(pc))
		return 1;
	pg_reset_fail(d, pc, PQerrorMessage(pc));
	return -1;
}

/* Read the two segments pg_reset_send sent; a failure cuts the session. */
void
pg_reset_read(struct pg_data *d, PGconn *pc)
{
	char	*msg = NULL;
	int	 rc;

	rc = pg_segment_ok(pc, 1, &msg);
	if (pg_segment_ok(pc, pg_reset_queries(pc), &msg) != 0 || rc != 0)
		pg_reset_fail(d, pc, msg);
	free(msg);
}

/*
 * After a pipeline that may have carried a reset: if the reset failed,
 * err says so, as a lost session (whatever the statements after it
 * did), and 1 is returned; else 0 and err is untouched.
 */
int
pg_reset_failed(struct pg_data *d, struct dberror *err)
{
	char	*msg;

	if (d->reset_failed == NULL)
		return 0;
	msg = xprintf("%s%s", PG_LOST, d->reset_failed);
	dberror_clear(err);
	dberror_init(err);
	dberror_set(err, NULL, NULL, NULL, msg);
	err->lost = 1;
	err->lost_cause = strlen(PG_LOST);
	free(msg);
	free(d->reset_failed);
	d->reset_failed = NULL;
	return 1;
}

/*
 * 0 if the server has closed session pc.  An idle server sends nothing
 * unasked but the reason it is going away, then end of file, which two
 * reads that do not wait find (the first may stop at the reason).
 */
static int
pg_alive(PGconn *pc)
{
	return PQstatus(pc) == CONNECTION_OK && PQconsumeInput(pc) &&
	    PQconsumeInput(pc) && PQstatus(pc) == CONNECTION_OK;
}

/*
 * Make the active session as good as new for the next file: roll back
 * any transaction, then DISCARD ALL, both left waiting for the next
 * pipeline (see above).  Whatever else waits for the session is moot
 * then.  A session the server has already closed fails now, so that
 * the file that just ran says so.  0, or -1 with *cause.
 */
int
pg_reset(struct conn *c, char **cause)
{
	struct pg_data	*d = c->data;
	PGconn		*pc = pg_active(d);
	char		*msg;

	if (d->undo_pending == pc)
		d->undo_pending = NULL;
	if (d->begin_pending == pc)
		d->begin_pending = NULL;
	pg_settle_others(d, pc);
	if (!pg_alive(pc)) {
		msg = pg_chomp(PQerrorMessage(pc));
		*cause = xprintf("cannot reset the session: %s", msg);
		free(msg);
		return -1;
	}
	d->reset_pending = pc;
	return 0;
}

/*
 * Send now what waits for the next statement: the reset after the last
 * file of a worker.  0, or -1 with *cause (the session is lost).
 */
int
pg_flush(struct conn *c, char **cause)
{
	struct pg_data	*d = c->data;

	if (d == NULL)
		return 0;
	pg_settle(d);
	if (d->reset_failed == NULL)
		return 0;
	*cause = d->reset_failed;
	d->reset_failed = NULL;
	return -1;
}
