/*
 * run.c: runs the records of a test file through a driver and yields a
 * file_report.  Owns isolation: the file's transaction (always rolled
 * back) or scratch database, a savepoint around each statement where an
 * error would abort the transaction, and the mapping of a test's own
 * transaction statements onto savepoints (txnstmt.c reads them); runs
 * the tests, one by one or in batches, and judges them.  What must
 * succeed before the tests is in run-setup.c.  With --coverage, it also
 * hands coverage.c the errors of passing error tests and, before the
 * isolation is undone, the constraints the driver reads.  Prints nothing.
 */
#include <ctype.h>
#include <fnmatch.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "run.h"

#define SAVEPOINT_TEST	"sqlcheck_test"

static volatile sig_atomic_t	run_stop_flag;	/* the signal, or 1 */

/*
 * Ask the runner to stop after the current statement (signal-safe); sig
 * is the signal that asked, or 0.
 */
void
run_request_stop(int sig)
{
	run_stop_flag = sig > 0 ? sig : 1;
}

/* What stopped the run, for messages. */
static const char *
stop_reason(void)
{
	switch (run_stop_flag) {
	case SIGINT:
		return "interrupted by SIGINT";
	case SIGTERM:
		return "interrupted by SIGTERM";
	default:
		return "interrupted";
	}
}

/* 1 once a stop was requested. */
int
run_stopped(void)
{
	return run_stop_flag != 0;
}

/* The connection is gone: remember what the driver said, once. */
void
run_lost(struct run *r, const struct dberror *err)
{
	r->broken = 1;
	if (r->lost == NULL && err->message != NULL)
		r->lost = xstrdup(err->message +
		    (err->lost_cause <= strlen(err->message) ?
		    err->lost_cause : 0));
}

/* Run SQL the runner itself needs; 0 or -1 with err filled. */
int
run_internal(struct run *r, const char *sql, struct dberror *err)
{
	int	rc;

	rc = send_internal(r->conn, sql, err);
	if (rc != 0 && err->lost)
		run_lost(r, err);
	return rc;
}

/* Run SQL the runner needs, ignoring errors (cleanup paths). */
void
run_quiet(struct run *r, const char *sql)
{
	struct dberror	err;

	dberror_init(&err);
	run_internal(r, sql, &err);
	dberror_clear(&err);
}

/*
 * Why the runner does not send sql in this file's isolation, or NULL
 * (see txn_refusal); caller frees.
 */
char *
run_refusal(const struct run *r, const char *sql)
{
	struct txn_place	p;

	p.engine = r->drv->name;
	p.in_txn = r->in_txn;
	p.txn_ddl = (r->drv->flags & DRIVER_TXN_DDL) != 0;
	p.scratch = r->scratch;
	p.server_ok = r->opts->temp_instance || r->opts->allow_server_changes;
	return txn_refusal(sql, &p);
}

/* Start the file's transaction again after something ended it. */
static void
restart_txn(struct run *r)
{
	struct dberror	err;

	if (r->in_txn && !r->broken && !r->drv->in_transaction(r->conn)) {
		dberror_init(&err);
		if (send_begin(r->conn, &err) != 0 && err.lost)
			run_lost(r, &err);
		dberror_clear(&err);
	}
	r->user_depth = 0;
}

/*
 * A test's own ROLLBACK: roll back to its savepoint now; returns the
 * RELEASE to send after, or NULL with *rc = -1 and err filled.
 */
static char *
map_rollback(struct run *r, struct dberror *err, int *rc)
{
	char	*sql;

	sql = xprintf("ROLLBACK TO SAVEPOINT sqlcheck_user_%d", r->user_depth);
	*rc = send_internal(r->conn, sql, err);
	free(sql);
	if (*rc != 0)
		return NULL;
	return xprintf("RELEASE SAVEPOINT sqlcheck_user_%d", r->user_depth--);
}

/*
 * The SQL to send for a test statement while the file's transaction is
 * open: its own BEGIN, COMMIT and ROLLBACK become savepoints (a ROLLBACK
 * rolls back to its savepoint here first).  Returns the SQL (caller
 * frees), or NULL with *rc set when nothing is to be sent: -1 with err
 * filled (a failed ROLLBACK TO), or 0 (a COMMIT or ROLLBACK with nothing
 * open, as in autocommit).
 */
static char *
map_txn_stmt(struct run *r, const struct stmt *st, struct dberror *err,
    int *rc)
{
	*rc = 0;
	switch (r->in_txn ? txn_classify(st->sql) : TXN_NONE) {
	case TXN_REFUSED:	/* run_refusal() said so */
		break;
	case TXN_BEGIN:
		return xprintf("SAVEPOINT sqlcheck_user_%d", ++r->user_depth);
	case TXN_COMMIT:
		if (r->user_depth == 0)
			return NULL;	/* nothing open: like autocommit */
		return xprintf("RELEASE SAVEPOINT sqlcheck_user_%d",
		    r->user_depth--);
	case TXN_ROLLBACK:
		if (r->user_depth == 0)
			return NULL;
		return map_rollback(r, err, rc);
	case TXN_NONE:
		break;
	}
	return xstrdup(st->sql);
}

/*
 * Send a test statement through send_stmt, its transaction statements
 * mapped onto savepoints (map_txn_stmt).  Returns what exec returned.
 */
static int
exec_mapped(struct run *r, const struct stmt *st, const char *types,
    struct result *res, struct dberror *err, int guarded)
{
	struct send_at	 at;
	char		*sql;
	int		 rc;

	memset(&at, 0, sizeof at);
	at.path = st->path;
	at.line = st->line;
	at.logged = st->sql;
	at.guarded = guarded;
	sql = run_refusal(r, st->sql);
	if (sql != NULL) {
		dberror_set(err, NULL, "sqlcheck", NULL, sql);
		free(sql);
		r->refused = 1;
		send_answered(&at, st->sql, -1, err);
		return -1;
	}
	sql = map_txn_stmt(r, st, err, &rc);
	if (sql == NULL) {
		send_answered(&at, st->sql, rc, err);
		return rc;
	}
	rc = send_stmt(r->conn, &at, sql, types, res, err);
	free(sql);
	return rc;
}

/*
 * Run one statement of a test or setup.  Where an error would abort the
 * whole transaction (PostgreSQL), an ordinary statement runs inside a
 * statement savepoint, so that a failing statement leaves no trace.
 * Statements that make or end savepoints cannot be wrapped (releasing the
 * wrapper would release theirs too): if one of them fails, the test is
 * rolled back to its own savepoint.  Returns 0 or -1 (err filled).
 */
int
run_stmt(struct run *r, const struct stmt *st, const char *types,
    struct result *res, struct dberror *err)
{
	struct dberror	ignored;
	int		use_sp, wrap, guarded, rc;

	use_sp = r->in_txn && r->stmt_savepoints;
	wrap = use_sp && !txn_is_savepoint_stmt(st->sql);
	guarded = wrap && r->drv->exec_guarded != NULL;
	if (guarded)
		wrap = 0;	/* the driver does it, in one round trip */
	if (wrap && run_internal(r, "SAVEPOINT " SAVEPOINT_STMT, err) != 0)
		return -1;
	rc = exec_mapped(r, st, types, res, err, guarded);
	if (rc != 0 && err->lost)
		run_lost(r, err);
	if (r->broken || !use_sp)
		return rc;
	dberror_init(&ignored);
	if (wrap && rc != 0)
		run_internal(r, "ROLLBACK TO SAVEPOINT " SAVEPOINT_STMT,
		    &ignored);
	if (wrap)
		run_internal(r, "RELEASE SAVEPOINT " SAVEPOINT_STMT, &ignored);
	if (!wrap && !guarded && rc != 0) {
		run_internal(r, "ROLLBACK TO SAVEPOINT " SAVEPOINT_TEST,
		    &ignored);
		r->user_depth = 0;
	}
	dberror_clear(&ignored);
	return rc;
}

/*
 * Open (or release) the test's savepoint where statements need one: on
 * engines without DRIVER_STMT_ATOMIC, for records with statements that
 * make or end savepoints (see run_stmt).
 */
static void
test_savepoint(struct run *r, const struct record *rec, int open)
{
	size_t	i;
	int	needed = 0;

	if (!r->in_txn || !r->stmt_savepoints || r->broken)
		return;
	for (i = 0; i < rec->nstmts && !needed; i++)
		needed = txn_is_savepoint_stmt(rec->stmts[i].sql);
	if (!needed)
		return;
	run_quiet(r, open ? "SAVEPOINT " SAVEPOINT_TEST :
	    "RELEASE SAVEPOINT " SAVEPOINT_TEST);
}

/* Does a record run on this engine (only/skip, onlyif/skipif)? */
static int
record_applies(const struct record *rec, const char *engine)
{
	const char	*c;
	size_t		 i;
	int		 only = rec->nonly == 0;

	for (i = 0; i < rec->nonly; i++) {
		c = driver_canonical(rec->only[i]);
		if (c != NULL && strcmp(c, engine) == 0)
			only = 1;
	}
	for (i = 0; i < rec->nskip; i++) {
		c = driver_canonical(rec->skip[i]);
		if (c != NULL && strcmp(c, engine) == 0)
			return 0;
	}
	return only;
}

/* The expectation for this engine: its own, else the shared one. */
static const struct expect *
pick_expect(const struct record *rec, const char *engine)
{
	const struct expect	*shared = NULL;
	size_t			 i;

	for (i = 0; i < rec->nexpects; i++) {
		if (rec->expects[i].engine == NULL)
			shared = &rec->expects[i];
		else if (strcmp(driver_canonical(rec->expects[i].engine),
		    engine) == 0)
			return &rec->expects[i];
	}
	return shared;
}

/* Judge a statement that failed against an error expectation. */
static int
check_error(struct run *r, const struct expect *e, const struct dberror *err,
    char **message)
{
	char	*what, *cause = NULL;
	int	 rc;

	if (e->condition != NULL &&
	    !condition_matches(e->condition, err, r->drv->name)) {
		what = dberror_describe(err);
		*message = xprintf("expected error %s, got: %s", e->condition,
		    what);
		free(what);
		return 0;
	}
	if (e->regex != NULL) {
		rc = regex_matches(e->regex, err->message != NULL ?
		    err->message : "", &cause);
		if (rc != 1) {
			*message = rc < 0 ? cause : xprintf("error message "
			    "does not match /%s/: %s", e->regex, err->message);
			return 0;
		}
	}
	return 1;
}

/*
 * sqllogictest labels: queries with one label give one result.  Called
 * after the result matched e: for a hash expectation that means the
 * result hashes to e->hash, which is then not computed again.
 */
static int
check_label(struct run *r, const struct record *rec,
    const struct expect *e, const struct result *res, char **message)
{
	char		**vals, hash[33];
	size_t		  i;

	if (e->mode == EXPECT_HASH && strlen(e->hash) == 32) {
		for (i = 0; i < 32; i++)
			hash[i] = (char)tolower((unsigned char)e->hash[i]);
		hash[32] = '\0';
	} else {
		vals = result_sorted_values(res, e->sort);
		hash_values(vals, res->ncells, hash);
		free(vals);
	}
	if (labels_check(&r->labels, rec->label, hash))
		return 1;
	*message = xprintf("result of label \"%s\" differs from the "
	    "earlier query with that label", rec->label);
	return 0;
}

/*
 * For --rewrite: the expectation the actual outcome satisfies.  A shared
 * expectation failing on an engine other than SQLite (the default) gets
 * an engine-specific one beside it, unless the file or the test runs on
 * that engine only; otherwise the expectation is replaced in place.
 */
static void
record_rewrite(struct run *r, const struct record *rec,
    const struct expect *e, int rc, const struct result *res,
    const struct dberror *err, struct test_report *tr)
{
	const char	*tag = e->engine;
	size_t		 i;

	if (!r->opts->rewrite || rec->slt)
		return;
	if (tag == NULL && strcmp(r->drv->name, SQLCHECK_DEFAULT_ENGINE) != 0 &&
	    r->tf->nengines != 1 && rec->nonly != 1)
		tag = r->drv->name;
	tr->rewrite = rewrite_expectation(rec, e, tag, rc, res, err);
	if (tr->rewrite == NULL) {
		log_warnx("%s:%d: not rewritten: a value holds a line break, "
		    "which no cell can hold", rec->path, rec->line);
		return;
	}
	if (e->engine != NULL || tag == NULL) {
		tr->rewrite_from = e->line;
		tr->rewrite_to = e->end_line;
		return;
	}
	for (i = 0; i < rec->nexpects; i++) {
		if (rec->expects[i].end_line > tr->rewrite_to)
			tr->rewrite_to = rec->expects[i].end_line;
	}
}

/* Judge the last statement of a test; fills the report entry. */
static void
judge(struct run *r, const struct record *rec, const struct expect *e,
    int rc, const struct result *res, const struct dberror *err,
    struct test_report *tr)
{
	char	*message = NULL, *diff = NULL;
	int	 pass;

	if (rc != 0 && e->mode != EXPECT_ERROR) {
		message = dberror_describe(err);
		tr->message = xprintf("statement failed: %s", message);
		free(message);
		tr->outcome = OUTCOME_FAIL;
		record_rewrite(r, rec, e, rc, res, err, tr);
		return;
	}
	if (rc != 0)
		pass = check_error(r, e, err, &message);
	else {
		pass = compare_result(e, res, rec, &message, &diff);
		if (pass && rec->label != NULL)
			pass = check_label(r, rec, e, res, &message);
	}
	if (pass) {
		if (rc != 0)
			coverage_hit(r->cov, tr->path, tr->line, err);
		free(message);
		free(diff);
		return;
	}
	tr->outcome = OUTCOME_FAIL;
	tr->message = message;
	tr->diff = diff;
	record_rewrite(r, rec, e, rc, res, err, tr);
}

/* 1 if -k selects a test name: substring, or a glob when it has * ? [. */
int
run_filter_match(const struct options *o, const char *name)
{
	if (o->filter == NULL)
		return 1;
	if (strpbrk(o->filter, "*?[") != NULL)
		return fnmatch(o->filter, name, 0) == 0;
	return strstr(name, o->filter) != NULL;
}

/* Test records -k selects (sqllogictest records have no names). */
static int
name_selected(const struct options *o, const struct record *rec)
{
	return rec->slt || run_filter_match(o, rec->name);
}

/*
 * Close what a test (or setup block) left open: its own transactions are
 * rolled back, in every isolation.
 */
void
run_end_test(struct run *r)
{
	char	*sql;

	while (r->user_depth > 0 && !r->broken) {
		sql = xprintf("ROLLBACK TO SAVEPOINT sqlcheck_user_%d",
		    r->user_depth);
		run_quiet(r, sql);
		free(sql);
		sql = xprintf("RELEASE SAVEPOINT sqlcheck_user_%d",
		    r->user_depth--);
		run_quiet(r, sql);
		free(sql);
	}
	r->user_depth = 0;
	/*
	 * Outside a file transaction (a scratch database), the test's own
	 * BEGIN went to the engine as written: one still open (perhaps
	 * aborted by an error) is rolled back, so later tests neither see
	 * its changes nor inherit an aborted transaction.
	 */
	if (!r->in_txn && !r->broken && r->drv->in_transaction(r->conn))
		run_quiet(r, "ROLLBACK");
}

/*
 * After a statement: did it end the file's transaction?  On a scratch
 * database that is expected (implicit commits of DDL) and harmless; else
 * it is the test's failure.  Returns 1 if the transaction had ended.
 */
int
run_txn_escaped(struct run *r)
{
	if (!r->in_txn || r->broken || r->drv->in_transaction(r->conn))
		return 0;
	restart_txn(r);
	return !r->scratch;
}

static void	finish_test(struct run *, const struct record *,
		    const struct expect *, struct test_report *, const char *,
		    int, struct result *, struct dberror *);

/*
 * The cancelled statement took the file's transaction with it (SQLite
 * rolls a whole transaction back when it interrupts a write): what the
 * file set up is gone, so its remaining tests cannot mean anything.
 */
static void
timeout_lost_txn(struct run *r)
{
	r->halted = 1;
	free(r->fr->message);
	r->fr->message = xprintf("%s: the cancelled statement rolled back the "
	    "file's transaction (the engine does that when it interrupts a "
	    "write); the file's remaining tests did not run", r->fr->path);
}

/*
 * Keep no more of the judged statement's rows than expectation e can
 * match (see expect_bound); all of them for --rewrite, which writes them.
 */
static void
bound_result(const struct run *r, const struct expect *e, struct result *res)
{
	if (!r->opts->rewrite)
		expect_bound(e, res);
}

/*
 * After a test's statement: if it ended the file's transaction, the test
 * fails (see run_txn_escaped) and 1 is returned.
 */
static int
test_escaped(struct run *r, struct test_report *tr, const struct dberror *err)
{
	if (!run_txn_escaped(r))
		return 0;
	tr->outcome = OUTCOME_FAIL;
	if (err->timed_out)
		timeout_lost_txn(r);
	else
		tr->message = xstrdup("the statement ended the file's "
		    "transaction (what it did was committed); write "
		    "\"-- isolation: database\" for such tests");
	return 1;
}

static void
run_test(struct run *r, const struct record *rec)
{
	const struct expect	*e;
	struct test_report	*tr;
	struct result		 res;
	struct dberror		 err;
	const char		*sql = NULL;
	size_t			 i;
	int			 rc = 0;

	e = pick_expect(rec, r->drv->name);
	tr = file_report_add(r->fr, OUTCOME_PASS, rec->path, rec->line,
	    rec->name);
	if (e == NULL) {
		tr->outcome = OUTCOME_SKIP;
		tr->message = xprintf("no expectation for %s", r->drv->name);
		return;
	}
	result_init(&res);
	res.max_rows = r->opts->max_rows;
	dberror_init(&err);
	test_savepoint(r, rec, 1);
	for (i = 0; i < rec->nstmts && rc == 0; i++) {
		result_clear(&res);
		if (i + 1 == rec->nstmts)
			bound_result(r, e, &res);
		rc = run_stmt(r, &rec->stmts[i], i + 1 == rec->nstmts ?
		    rec->types : NULL, &res, &err);
		sql = rec->stmts[i].sql;
		tr->line = rec->nstmts > 1 ? rec->stmts[i].line : rec->line;
		if (r->refused) {
			/* Not the engine's error: no expectation matches it. */
			r->refused = 0;
			tr->outcome = OUTCOME_FAIL;
			tr->message = xstrdup(err.message);
			break;
		}
		if (test_escaped(r, tr, &err))
			break;
		if (rc != 0 && i + 1 < rec->nstmts && !rec->slt) {
			tr->outcome = OUTCOME_FAIL;
			tr->message = dberror_describe(&err);
		}
	}
	finish_test(r, rec, e, tr, sql, rc, &res, &err);
}

/* A failing test's message ends with what "-- make:" made before it. */
static void
made_note(const struct run *r, struct test_report *tr)
{
	char	*msg;

	msg = xprintf("%s%srows made before this test:\n%s",
	    tr->message != NULL ? tr->message : "",
	    tr->message != NULL ? "\n" : "", r->made.data);
	free(tr->message);
	tr->message = msg;
}

/*
 * Judge a test whose statements have run (sql, rc, res and err are the
 * last one's) and close it: the report entry tr gets the outcome, and a
 * copy of sql if the entry stays (a pass that is only counted needs
 * none: no copy for every test that passes); res and err are cleared.
 */
static void
finish_test(struct run *r, const struct record *rec, const struct expect *e,
    struct test_report *tr, const char *sql, int rc, struct result *res,
    struct dberror *err)
{
	if (rc != 0 && run_stopped() && !r->broken) {
		/* The watchdog cancelled it on the way out. */
		free(tr->message);
		tr->outcome = OUTCOME_FAIL;
		tr->message = xprintf("%s: the statement was cancelled",
		    stop_reason());
	} else if (res->truncated && expect_exceeded(e, res)) {
		/* More than --max-rows, and more than expected anyway. */
		free(tr->message);
		tr->outcome = OUTCOME_FAIL;
		tr->message = xprintf("the result has more than %zu rows "
		    "(--max-rows %zu), more than expected: the statement was "
		    "stopped there", res->max_rows, res->max_rows);
	} else if (res->truncated) {
		/* Past --max-rows the driver may cancel it: rc may be -1. */
		free(tr->message);
		tr->outcome = OUTCOME_FAIL;
		tr->message = xprintf("the result has more than %zu rows "
		    "(--max-rows %zu): the statement was stopped there and "
		    "the rows were not compared; give a higher --max-rows, "
		    "or 0 for no limit", res->max_rows, res->max_rows);
	} else if (err->timed_out) {
		free(tr->message);
		tr->outcome = OUTCOME_FAIL;
		tr->message = xprintf("timed out after %g s (the statement "
		    "was cancelled)", watch_seconds());
	}
	if (rec->types != NULL)
		result_nulls_as_text(res);
	/* A sqllogictest record is judged by its first failing statement. */
	if (tr->outcome == OUTCOME_PASS)
		judge(r, rec, e, rc, res, err, tr);
	if (tr->outcome == OUTCOME_FAIL && r->made.len > 0)
		made_note(r, tr);
	run_end_test(r);
	test_savepoint(r, rec, 0);
	result_clear(res);
	dberror_clear(err);
	if (sql != NULL && (r->opts->keep_passes ||
	    tr->outcome != OUTCOME_PASS || tr->rewrite != NULL))
		tr->sql = xstrdup(sql);
	if (!r->opts->keep_passes)
		file_report_forget_pass(r->fr);
}

/*
 * 1 if the file starts from the template that run_template_build() made
 * of the --schema files and the migrations: it has no migrations of its
 * own and does not migrate where it says.
 */
static int
use_template(const struct run *r)
{
	return r->opts->template != NULL && !r->tf->migrates &&
	    r->tf->migrations == NULL;
}

/* What the server adds to --timeout before it ends a statement itself. */
#define SERVER_TIMEOUT_MARGIN	1.0

/*
 * With --timeout, the server itself also bounds each statement of the
 * session (a little after sqlcheck cancels it), so that a statement of a
 * sqlcheck that was killed ends by itself: PostgreSQL statement_timeout,
 * MariaDB max_statement_time, MySQL max_execution_time (SELECT only).
 * SQLite runs in sqlcheck's process and dies with it.  Set before the
 * file's transaction, for the session; a session reset undoes it.
 */
static void
server_timeout(struct run *r)
{
	struct dberror	 err;
	double		 s = r->opts->timeout + SERVER_TIMEOUT_MARGIN;
	char		*sql = NULL;

	if (r->opts->timeout <= 0)
		return;
	if (strcmp(r->drv->name, "postgres") == 0)
		sql = xprintf("SET statement_timeout = %.0f", s * 1000);
	else if (strcmp(r->drv->name, "mysql") == 0)
		sql = xprintf("SET SESSION max_statement_time = %.3f", s);
	if (sql == NULL)
		return;
	dberror_init(&err);
	if (run_internal(r, sql, &err) != 0 && !r->broken &&
	    strcmp(r->drv->name, "mysql") == 0) {
		free(sql);
		sql = xprintf("SET SESSION max_execution_time = %.0f",
		    s * 1000);
		dberror_clear(&err);
		dberror_init(&err);
		run_internal(r, sql, &err);
	}
	free(sql);
	dberror_clear(&err);
}

/* Decide the isolation and open it: scratch database, transaction. */
static int
isolation_open(struct run *r)
{
	enum isolation	 iso = r->opts->isolation;
	struct dberror	 err;
	char		*cause = NULL;

	if (r->tf->isolation != ISOLATION_AUTO)
		iso = r->tf->isolation;
	if (r->tf->slt && iso == ISOLATION_AUTO)
		iso = ISOLATION_DATABASE;
	/*
	 * An .autocommit migration must run outside the file's transaction:
	 * on a scratch database, which may commit.
	 */
	if (iso == ISOLATION_AUTO && (!(r->drv->flags & DRIVER_TXN_DDL) ||
	    (!use_template(r) &&
	    run_migrations_autocommit(run_migrations(r)))) &&
	    r->drv->scratch_create != NULL)
		r->in_txn = r->scratch = 1;
	else if (iso == ISOLATION_DATABASE)
		r->scratch = 1;
	else
		r->in_txn = 1;
	if (use_template(r))
		r->scratch = r->cloned = 1;
	if (r->cloned && r->drv->scratch_clone(r->conn, r->opts->template,
	    &r->scratch_name, &cause) != 0) {
		r->fr->message = xprintf("%s: cannot copy the template "
		    "database: %s", r->fr->path, cause);
		free(cause);
		r->scratch = 0;
		return -1;
	}
	if (r->scratch && !r->cloned && r->drv->scratch_create(r->conn,
	    &r->scratch_name, &cause) != 0) {
		r->fr->message = xprintf("%s: cannot create a scratch database: "
		    "%s", r->fr->path, cause);
		free(cause);
		r->scratch = 0;
		return -1;
	}
	r->stmt_savepoints = !(r->drv->flags & DRIVER_STMT_ATOMIC);
	server_timeout(r);
	dberror_init(&err);
	if (r->in_txn && send_begin(r->conn, &err) != 0) {
		if (err.lost)
			run_lost(r, &err);
		r->fr->message = xprintf("%s: cannot begin the file's "
		    "transaction: %s", r->fr->path, err.message);
		dberror_clear(&err);
		return -1;
	}
	r->fr->isolation = xprintf("%s%s%s%s", r->scratch && !r->cloned ?
	    "scratch database " : "", r->scratch ? r->scratch_name : "",
	    r->scratch && r->in_txn ? " + " : "", r->in_txn ?
	    "transaction (rolled back)" : "");
	return 0;
}

/*
 * --coverage: before the file's isolation is undone, read the
 * constraints of the tables that exist now and hand them, with the
 * file's hits, to coverage.c.
 */
static void
coverage_snapshot(struct run *r)
{
	struct constraint_list	 l;
	char			*cause = NULL;

	if (r->cov == NULL)
		return;
	constraint_list_init(&l);
	if (r->broken)
		coverage_file_end(r->cov, NULL, "the connection was lost");
	else if (r->drv->constraints == NULL)
		coverage_file_end(r->cov, NULL, "the driver cannot read "
		    "constraints");
	else if (r->drv->constraints(r->conn, &l, &cause) != 0)
		coverage_file_end(r->cov, NULL, cause);
	else {
		if (r->tf->pgtap)
			pgtap_cov_drop_own(&l);
		coverage_file_end(r->cov, &l, NULL);
	}
	r->cov = NULL;
	free(cause);
	constraint_list_free(&l);
}

/*
 * Roll back the file's transaction.  A driver whose reset rolls back
 * does both at once (one round trip on PostgreSQL), and the session
 * needs no reset after the file; a failure there means the session is
 * gone.  With a scratch database, whose session is closed next, a plain
 * ROLLBACK.
 */
static void
rollback_file(struct run *r)
{
	struct dberror	 err;
	char		*cause = NULL;

	if (r->scratch || !(r->drv->flags & DRIVER_RESET_ROLLS_BACK)) {
		dberror_init(&err);
		if (send_rollback(r->conn, &err) != 0 && err.lost)
			run_lost(r, &err);
		dberror_clear(&err);
		return;
	}
	if (r->drv->reset(r->conn, &cause) == 0) {
		r->fr->session_reset = 1;
		return;
	}
	dberror_init(&err);
	dberror_set(&err, NULL, NULL, NULL, cause);
	err.lost = 1;
	run_lost(r, &err);
	dberror_clear(&err);
	free(cause);
}

/* Roll back and drop whatever isolation_open() made. */
static void
isolation_close(struct run *r)
{
	char	*cause = NULL;

	if (r->in_txn && !r->broken && r->drv->in_transaction(r->conn))
		rollback_file(r);
	if (r->scratch && !r->broken && r->drv->scratch_drop(r->conn,
	    r->scratch_name, &cause) != 0) {
		log_warnx("%s: cannot drop scratch database %s: %s",
		    r->fr->path, r->scratch_name, cause);
		free(cause);
	}
	if (r->scratch && r->broken) {
		/* Dropped on the next session (pool.c), or by close(). */
		r->fr->orphan_scratch = r->scratch_name;
		r->scratch_name = NULL;
	}
	free(r->scratch_name);
	r->scratch_name = NULL;
}

static int	name_selected(const struct options *, const struct record *);

/*
 * Why --tag or --exclude-tag leaves the file out (a new string), or NULL
 * if they keep it.
 */
static char *
tag_rejection(const struct test_file *tf, const struct options *o)
{
	size_t	i;

	for (i = 0; i < o->nexclude_tags; i++) {
		if (str_list_has(tf->tags, tf->ntags, o->exclude_tags[i]))
			return xprintf("tag %s excluded", o->exclude_tags[i]);
	}
	for (i = 0; i < o->ntags; i++) {
		if (str_list_has(tf->tags, tf->ntags, o->tags[i]))
			return NULL;
	}
	return o->ntags > 0 ? xstrdup("no selected tag") : NULL;
}

/*
 * How many tests of the file the command line's filters (--tag,
 * --exclude-tag, -k) select, whatever the engine: the file's own
 * "-- engines:", "-- only:" and "-- skip:" lines do not count here.
 */
static int
filters_select(const struct test_file *tf, const struct options *o)
{
	char	*why;
	size_t	 i;
	int	 n = 0;

	if ((why = tag_rejection(tf, o)) != NULL) {
		free(why);
		return 0;
	}
	/* The tests of a pgTAP file are known only once it has run. */
	if (tf->pgtap)
		return 1;
	for (i = 0; i < tf->nrecords; i++) {
		if (tf->records[i].kind == RECORD_TEST &&
		    name_selected(o, &tf->records[i]))
			n++;
	}
	return n;
}

/* Should the file run at all on this engine and with these filters? */
static int
file_selected(struct run *r)
{
	const struct test_file	*tf = r->tf;
	const struct options	*o = r->opts;
	size_t			 i;
	int			 ok;

	r->fr->selected = filters_select(tf, o);
	if (tf->nengines > 0) {
		ok = 0;
		for (i = 0; i < tf->nengines; i++) {
			if (strcmp(driver_canonical(tf->engines[i]),
			    r->drv->name) == 0)
				ok = 1;
		}
		if (!ok) {
			r->fr->message = tf->pgtap ? xprintf("a pgTAP file: "
			    "runs on postgres, not on %s", r->drv->name) :
			    xprintf("not for %s (engines: listed at the top)",
			    r->drv->name);
			return 0;
		}
	}
	if ((r->fr->message = tag_rejection(tf, o)) != NULL)
		return 0;
	/* With -k, a file none of whose tests is selected does not run. */
	if (o->filter != NULL && r->fr->selected == 0) {
		r->fr->message = xprintf("no test matches -k %s", o->filter);
		return 0;
	}
	return 1;
}

/* How many selected tests for this engine come from record from on. */
static size_t
count_tests(struct run *r, size_t from)
{
	size_t	i, n = 0;

	for (i = from; i < r->tf->nrecords; i++) {
		if (r->tf->records[i].kind == RECORD_TEST &&
		    record_applies(&r->tf->records[i], r->drv->name) &&
		    name_selected(r->opts, &r->tf->records[i]))
			n++;
	}
	return n;
}

/* After a failed setup: say how many of the file's tests did not run. */
static void
note_not_run(struct run *r, size_t from)
{
	char	*msg;
	size_t	 n;

	n = count_tests(r, from);
	if (n == 0)
		return;
	msg = xprintf("%s\n%zu test%s not run", r->fr->message, n,
	    n == 1 ? "" : "s");
	free(r->fr->message);
	r->fr->message = msg;
}

/* Tests sent to the engine together at most (one round trip). */
#define TEST_BATCH_MAX	32

/*
 * 1 if a test can go in a batch: it runs here, is selected, has an
 * expectation and is one ordinary statement (no BEGIN, SAVEPOINT, ...,
 * nothing the runner refuses).
 */
static int
test_batchable(struct run *r, const struct record *rec)
{
	char	*refusal;

	if (rec->kind != RECORD_TEST || rec->nstmts != 1 ||
	    !record_applies(rec, r->drv->name) || !name_selected(r->opts, rec) ||
	    txn_is_savepoint_stmt(rec->stmts[0].sql))
		return 0;
	refusal = run_refusal(r, rec->stmts[0].sql);
	free(refusal);
	return refusal == NULL && pick_expect(rec, r->drv->name) != NULL;
}

/*
 * How many records from the i-th on run as one batch of tests: where
 * every statement has a savepoint of its own, or needs none (an atomic
 * statement), and the driver can send several at once (PostgreSQL,
 * MariaDB), and not with --no-batch, --timeout (a timeout is per
 * statement), --fail-fast (nothing may run after a failure) or --log
 * (which times each statement).
 */
static size_t
test_batch_size(struct run *r, size_t i)
{
	size_t	n = 0;

	if (r->drv->exec_guarded_batch == NULL || !r->in_txn ||
	    (!r->stmt_savepoints && !(r->drv->flags & DRIVER_STMT_ATOMIC)) ||
	    r->opts->no_batch || r->opts->timeout > 0 ||
	    r->opts->fail_fast || r->opts->log != NULL)
		return 0;
	while (i + n < r->tf->nrecords && n < TEST_BATCH_MAX &&
	    test_batchable(r, &r->tf->records[i + n]))
		n++;
	return n;
}

/*
 * Run n batchable tests from record `first` on in one round trip and
 * judge them in order.  If one fails unexpectedly (or a statement
 * expected to fail succeeds, or the transaction ended), the driver stops
 * there: the tests after it go in the next batch.  If the driver ran
 * none, they run one by one.  Returns how many records were handled (at
 * least one, unless the run stopped or the session was lost).
 */
static size_t
run_test_batch(struct run *r, size_t first, size_t n)
{
	const struct record	 *rec;
	const struct expect	**exps;
	struct test_report	 *tr;
	struct batch_stmt	 *bs;
	int			 *lines;
	size_t			  i, ran, handled;

	exps = xcalloc(n, sizeof *exps);
	bs = xcalloc(n, sizeof *bs);
	lines = xcalloc(n, sizeof *lines);
	for (i = 0; i < n; i++) {
		rec = &r->tf->records[first + i];
		exps[i] = pick_expect(rec, r->drv->name);
		bs[i].sql = rec->stmts[0].sql;
		bs[i].types = rec->types;
		bs[i].expect_error = exps[i]->mode == EXPECT_ERROR;
		result_init(&bs[i].result);
		bs[i].result.max_rows = r->opts->max_rows;
		bound_result(r, exps[i], &bs[i].result);
		dberror_init(&bs[i].err);
		lines[i] = rec->stmts[0].line;
	}
	ran = send_guarded_batch(r->conn, r->fr->path, bs, lines, n);
	for (i = 0; i < ran; i++) {
		rec = &r->tf->records[first + i];
		if (bs[i].rc != 0 && bs[i].err.lost)
			run_lost(r, &bs[i].err);
		tr = file_report_add(r->fr, OUTCOME_PASS, rec->path, rec->line,
		    rec->name);
		/* Only the last one can have ended the transaction. */
		if (i + 1 == ran)
			test_escaped(r, tr, &bs[i].err);
		finish_test(r, rec, exps[i], tr, rec->stmts[0].sql, bs[i].rc,
		    &bs[i].result, &bs[i].err);
	}
	for (i = ran; i < n; i++) {
		result_clear(&bs[i].result);
		dberror_clear(&bs[i].err);
	}
	free(exps);
	free(bs);
	free(lines);
	if (ran > 0)
		return ran;
	for (handled = 0; handled < n; handled++) {
		if (run_stopped() || r->broken)
			break;
		run_test(r, &r->tf->records[first + handled]);
	}
	return handled;
}

/* Run a record that is not a test; -1 if the file cannot go on. */
static int
run_block(struct run *r, const struct record *rec)
{
	switch (rec->kind) {
	case RECORD_MIGRATE:
		return run_migrate(r, rec);
	case RECORD_LOAD:
		return run_load(r, rec);
	case RECORD_MAKE:
		return run_make(r, rec);
	default:
		return run_setup(r, rec, "setup");
	}
}

static void
run_records(struct run *r)
{
	const struct record	*rec;
	size_t			 i, n;

	r->stopped_at = r->tf->nrecords;
	for (i = 0; i < r->tf->nrecords && !r->halted; i++) {
		rec = &r->tf->records[i];
		r->stopped_at = i;
		if (run_stopped() || r->broken)
			break;
		if (r->opts->fail_fast && r->fr->ntests > 0 &&
		    r->fr->tests[r->fr->ntests - 1].outcome == OUTCOME_FAIL)
			break;
		if (!record_applies(rec, r->drv->name)) {
			if (rec->kind == RECORD_TEST && name_selected(r->opts,
			    rec))
				file_report_add(r->fr, OUTCOME_SKIP, rec->path,
				    rec->line, rec->name);
			continue;
		}
		if (rec->kind == RECORD_HALT)
			r->halted = 1;
		else if (rec->kind != RECORD_TEST) {
			if (run_block(r, rec) != 0) {
				note_not_run(r, i + 1);
				break;
			}
		} else if (name_selected(r->opts, rec)) {
			n = test_batch_size(r, i);
			if (n < 2)
				run_test(r, rec);
			else if ((n = run_test_batch(r, i, n)) == 0)
				break;	/* stopped before any of them ran */
			else
				i += n - 1;
		}
		r->stopped_at = i + 1;
	}
}

/*
 * The file's message after its connection was lost: what the driver
 * said, how many tests did not run, and what became of the isolation.
 */
static void
lost_message(struct run *r)
{
	struct buf	b;
	size_t		n = count_tests(r, r->stopped_at);

	buf_init(&b);
	buf_printf(&b, "%s: connection to the database lost", r->fr->path);
	if (r->lost != NULL)
		buf_printf(&b, ": %s", r->lost);
	if (n > 0)
		buf_printf(&b, "\n%zu test%s did not run", n, n == 1 ? "" : "s");
	else
		buf_adds(&b, "\nafter the file's last test");
	if (r->fr->orphan_scratch != NULL)
		buf_printf(&b, "; its scratch database %s is dropped on a new "
		    "session", r->fr->orphan_scratch);
	else if (r->in_txn)
		buf_adds(&b, "; the server rolls back the file's transaction");
	r->fr->outcome = OUTCOME_ERROR;
	r->fr->message = buf_detach(&b);
}

/*
 * Run one parsed file on a connection and fill fr (which the caller
 * initialised with the path).  Never prints; never exits.
 */
void
run_file(struct conn *conn, const struct test_file *tf,
    const struct options *opts, struct file_report *fr)
{
	struct run	r;
	double		start = clock_now();
	size_t		i, n;

	memset(&r, 0, sizeof r);
	r.conn = conn;
	r.drv = conn->drv;
	r.tf = tf;
	r.opts = opts;
	r.fr = fr;
	for (i = 0; i < tf->ntags; i++)
		str_list_add(&fr->tags, &fr->ntags, tf->tags[i]);
	if (!file_selected(&r)) {
		fr->outcome = OUTCOME_SKIP;
		for (i = 0; i < tf->nrecords; i++) {
			if (tf->records[i].kind == RECORD_TEST &&
			    name_selected(opts, &tf->records[i]))
				file_report_add(fr, OUTCOME_SKIP,
				    tf->records[i].path, tf->records[i].line,
				    tf->records[i].name);
		}
		return;
	}
	if (isolation_open(&r) != 0) {
		fr->outcome = OUTCOME_ERROR;
		isolation_close(&r);
		return;
	}
	if (!opts->quiet)
		log_debug("%s: isolation: %s", fr->path, fr->isolation);
	buf_init(&r.made);
	r.cov = coverage_file_new(fr->path);
	if (run_prelude(&r) != 0)
		note_not_run(&r, 0);
	else if (tf->pgtap)
		run_pgtap(&r);
	else
		run_records(&r);
	coverage_snapshot(&r);
	isolation_close(&r);
	if (r.broken && fr->message == NULL)
		lost_message(&r);
	else if (run_stopped() && fr->message == NULL &&
	    (n = count_tests(&r, r.stopped_at)) > 0)
		fr->message = xprintf("%s: %s; %zu test%s did not run",
		    fr->path, stop_reason(), n, n == 1 ? "" : "s");
	labels_free(&r.labels);
	free(r.lost);
	buf_free(&r.made);
	fr->broken = r.broken;
	fr->seconds = clock_now() - start;
}

