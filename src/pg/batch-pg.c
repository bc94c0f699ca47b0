/*
 * batch-pg.c: many statements in one round trip, for the PostgreSQL
 * driver module (libpq's pipeline mode): a file's setup statements, and
 * runs of one-statement tests each in a savepoint of its own.  What a
 * batch cannot carry (COPY) goes back to one statement at a time.
 * Nothing here prints or exits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "driver-pg.h"

/*
 * A batch of guarded statements is a plan of steps: queries, and Syncs
 * after the statements that are expected to fail.  Statement i runs in
 * savepoint sqlcheck_b<i>.  After a statement expected to fail:
 *
 *	SAVEPOINT b<i>; stmt; RELEASE b<i>; SAVEPOINT m<i>; Sync;
 *	ROLLBACK TO b<i>; RELEASE b<i>
 *
 * If it fails, the rest of its segment is skipped and the rollback heals
 * the transaction.  If it succeeds, b<i> is gone, the rollback fails and
 * the transaction stays aborted to the end of the batch, which the
 * caller then settles by rolling back to m<i> (just after the statement,
 * as if it had run alone).  Distinct names keep a rollback from healing
 * the transaction after an earlier unexpected failure.
 */
enum pg_step_kind {
	PG_PREFIX,		/* what was pending (BEGIN, an undo) */
	PG_SAVEPOINT,
	PG_STMT,
	PG_RELEASE,
	PG_MARK,		/* SAVEPOINT m<i> */
	PG_SYNC,
	PG_HEAL,		/* ROLLBACK TO b<i> */
	PG_HEALED		/* RELEASE b<i> */
};

struct pg_step {
	enum pg_step_kind	 kind;
	size_t			 test;
	char			 sql[64];	/* but PG_STMT, PG_PREFIX */
};

/* The state of reading a batch's results. */
struct pg_batch {
	struct batch_stmt	*stmts;		/* n of them */
	size_t			 n;
	size_t			 failed;	/* n while none has */
	size_t			 done;		/* statements read whole */
	int			 bare;		/* no savepoints */
	int			 unexpected_ok;	/* failed: it succeeded */
	int			 cancelled;
};

/*
 * Plan a batch (steps has room for k + 7n entries); returns the count.
 * A bare batch (setup statements) has no savepoints: the statements
 * alone, after what is pending.
 */
static size_t
pg_batch_plan(struct pg_step *steps, size_t k, const struct batch_stmt *stmts,
    size_t n, int bare)
{
	static const enum pg_step_kind normal[] = { PG_SAVEPOINT, PG_STMT,
	    PG_RELEASE };
	static const enum pg_step_kind erring[] = { PG_SAVEPOINT, PG_STMT,
	    PG_RELEASE, PG_MARK, PG_SYNC, PG_HEAL, PG_HEALED };
	const enum pg_step_kind	*kinds;
	size_t			 i, j, m, count = 0;

	for (i = 0; i < k; i++)
		steps[count++].kind = PG_PREFIX;
	for (i = 0; i < n; i++) {
		if (bare) {
			steps[count].kind = PG_STMT;
			steps[count++].test = i;
			continue;
		}
		kinds = stmts[i].expect_error ? erring : normal;
		m = stmts[i].expect_error ? 7 : 3;
		for (j = 0; j < m; j++) {
			steps[count].kind = kinds[j];
			steps[count].test = i;
			switch (kinds[j]) {
			case PG_SAVEPOINT:
				snprintf(steps[count].sql, 64,
				    "SAVEPOINT sqlcheck_b%zu", i);
				break;
			case PG_RELEASE:
			case PG_HEALED:
				snprintf(steps[count].sql, 64,
				    "RELEASE SAVEPOINT sqlcheck_b%zu", i);
				break;
			case PG_MARK:
				snprintf(steps[count].sql, 64,
				    "SAVEPOINT sqlcheck_m%zu", i);
				break;
			case PG_HEAL:
				snprintf(steps[count].sql, 64,
				    "ROLLBACK TO SAVEPOINT sqlcheck_b%zu", i);
				break;
			default:
				steps[count].sql[0] = '\0';
			}
			count++;
		}
	}
	return count;
}

/*
 * Read the results of one query step.  A statement's rows stream
 * (single-row mode) into its result, cancelled past --max-rows.  The
 * first error that ends the batch is kept for the statement it belongs
 * to; the error of a statement expected to fail does not end it.
 */
static void
pg_batch_read(PGconn *pc, struct pg_batch *b, const struct pg_step *step,
    PGcancel *cancel)
{
	PGresult		*res;
	size_t			 i = step->test;
	struct batch_stmt	*bs = &b->stmts[i];
	int		 stmt = step->kind == PG_STMT, st;
	char		 errbuf[256];

	if (stmt && b->failed == b->n)
		PQsetSingleRowMode(pc);
	while ((res = PQgetResult(pc)) != NULL) {
		st = PQresultStatus(res);
		if (st == PGRES_PIPELINE_ABORTED || b->failed != b->n) {
			PQclear(res);
			continue;
		}
		if (stmt && st == PGRES_SINGLE_TUPLE) {
			pg_fill_rows(res, bs->types, &bs->result);
			if (bs->result.truncated && cancel != NULL &&
			    !b->cancelled) {
				PQcancel(cancel, errbuf, sizeof errbuf);
				b->cancelled = 1;
			}
		} else if (stmt)
			bs->rc = pg_take_result(pc, res, bs->types,
			    &bs->result, &bs->err);
		else if (pg_is_error(res)) {
			if (step->kind == PG_HEAL && bs->rc == 0)
				b->unexpected_ok = 1;	/* it succeeded */
			else {
				dberror_clear(&bs->err);
				pg_fill_error(pc, res, &bs->err);
				bs->rc = -1;
			}
			b->failed = i;
		}
		PQclear(res);
	}
	if (stmt && b->failed == b->n && bs->rc != 0 &&
	    (!bs->expect_error || bs->err.lost))
		b->failed = i;		/* an unexpected failure */
	if (b->failed == b->n && (step->kind == PG_HEALED ||
	    (step->kind == PG_RELEASE && !bs->expect_error) ||
	    (stmt && b->bare)))
		b->done = i + 1;
}

/* Send a batch's steps and a final Sync; 0, or -1 if the session broke. */
static int
pg_batch_send(PGconn *pc, const struct pg_step *steps, size_t count,
    const char *const *prefix, const struct batch_stmt *stmts)
{
	const char	*q;
	size_t		 i;
	int		 sent;

	sent = PQenterPipelineMode(pc);
	for (i = 0; i < count && sent; i++) {
		if (steps[i].kind == PG_SYNC) {
			sent = PQpipelineSync(pc);
			continue;
		}
		q = steps[i].kind == PG_PREFIX ? prefix[i] :
		    steps[i].kind == PG_STMT ? stmts[steps[i].test].sql :
		    steps[i].sql;
		sent = PQsendQueryParams(pc, q, 0, NULL, NULL, NULL, NULL, 0);
	}
	if (!sent || !PQpipelineSync(pc)) {
		PQexitPipelineMode(pc);
		return -1;
	}
	return 0;
}

/*
 * Send a batch of n statements in one round trip, after what is pending
 * (a reset in segments of its own, then a BEGIN or an undo: see
 * pg_batch_plan), and read it into b (whose arrays have n entries).
 * Returns how many statements have an outcome: n, or up to and including
 * the one the batch stopped at; then the rollback to its savepoint is
 * left pending, as after exec_guarded (not for a bare batch, whose
 * failure ends the file's transaction anyway).
 */
static size_t
pg_batch_run(struct pg_data *d, PGconn *pc, struct pg_batch *b)
{
	struct pg_step	*steps;
	const char	*prefix[2];
	char		 name[32];
	PGresult	*res;
	size_t		 i, k, count, n = b->n;
	int		 broken = 0, reset;

	k = (size_t)pg_pending_prefix(d, pc, prefix);
	steps = xcalloc(k + 7 * n + 1, sizeof *steps);
	count = pg_batch_plan(steps, k, b->stmts, n, b->bare);
	reset = pg_reset_send(d, pc);
	if (reset < 0 ||
	    pg_batch_send(pc, steps, count, prefix, b->stmts) != 0) {
		free(steps);
		pg_fill_error(pc, NULL, &b->stmts[0].err);
		pg_reset_failed(d, &b->stmts[0].err);
		b->stmts[0].rc = -1;
		b->failed = 0;
		return 1;
	}
	if (reset > 0)
		pg_reset_read(d, pc);
	for (i = 0; i < count && !broken; i++) {
		if (steps[i].kind != PG_SYNC) {
			pg_batch_read(pc, b, &steps[i], d->cancel);
			continue;
		}
		res = PQgetResult(pc);
		if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC)
			broken = 1;
		PQclear(res);
	}
	free(steps);
	res = broken ? NULL : PQgetResult(pc);	/* the final Sync */
	if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC)
		broken = 1;
	PQclear(res);
	if (!PQexitPipelineMode(pc))
		broken = 1;
	if (pg_reset_failed(d, &b->stmts[0].err)) {
		b->stmts[0].rc = -1;	/* what ran after it does not count */
		b->failed = 0;
		return 1;
	}
	if (broken && b->failed == n) {
		b->failed = b->done < n ? b->done : n - 1;
		dberror_clear(&b->stmts[b->failed].err);
		pg_fill_error(pc, NULL, &b->stmts[b->failed].err);
		b->stmts[b->failed].rc = -1;
	}
	if (b->failed == n)
		return n;
	if (!b->bare && !b->stmts[b->failed].err.lost) {
		snprintf(name, sizeof name, "sqlcheck_%c%zu",
		    b->unexpected_ok ? 'm' : 'b', b->failed);
		pg_set_undo(d, pc, name);
	}
	return b->failed + 1;
}

/* 1 if one of n statements is a COPY, which cannot go in a pipeline. */
static int
pg_any_copy(const struct batch_stmt *stmts, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (pg_is_copy(stmts[i].sql))
			return 1;
	}
	return 0;
}

/*
 * exec_guarded for n statements in one round trip (see pg_batch_plan).
 * Returns how many statements have an outcome (see struct driver); 0
 * for a batch with a COPY.
 */
size_t
pg_exec_guarded_batch(struct conn *c, struct batch_stmt *stmts, size_t n)
{
	struct pg_data	*d = c->data;
	struct pg_batch	 b;

	if (pg_any_copy(stmts, n))
		return 0;
	memset(&b, 0, sizeof b);
	b.stmts = stmts;
	b.n = b.failed = n;
	return pg_batch_run(d, pg_active(d), &b);
}

/*
 * Setup statements in one round trip: a bare batch.  A failing statement
 * aborts the file's transaction, and the rest are not run: the setup,
 * and the file, have failed.  A batch with a COPY runs one statement at
 * a time.  0, or -1 with *failed and err.
 */
int
pg_exec_batch(struct conn *c, const struct batch_stmt *in, size_t n,
    size_t *failed, struct dberror *err)
{
	struct pg_data		*d = c->data;
	struct pg_batch		 b;
	struct batch_stmt	*stmts;
	int			 rc = 0;
	size_t			 i;

	memset(&b, 0, sizeof b);
	b.stmts = stmts = batch_stmts_new(in, n); /* none expected to fail */
	b.n = b.failed = n;
	b.bare = 1;
	if (pg_any_copy(stmts, n)) {
		for (i = 0; i < n && rc == 0; i++) {
			rc = pg_exec(c, stmts[i].sql, NULL, &stmts[i].result,
			    &stmts[i].err);
			*failed = i;
		}
	} else if (pg_batch_run(d, pg_active(d), &b) < n || b.failed < n) {
		rc = -1;
		*failed = b.failed;
	}
	return batch_stmts_end(stmts, n, rc, rc != 0 ? *failed : 0, err);
}
