/*
 * run-setup.c: what must succeed before a file's tests can mean
 * anything: setup blocks, the --schema files, migrations (all of them,
 * or up and down to "-- migrate: VERSION"), "-- load:" of CSV files, and
 * the template database that --schema and --migrations are built into
 * once, for drivers that can copy one.  A failure here fails the file
 * at the FILE:LINE of the statement or row, and its tests do not run.
 * Prints nothing.
 */
#include <stdlib.h>
#include <string.h>

#include "run.h"

/* Setup statements sent together at most (one round trip each batch). */
#define SETUP_BATCH_MAX	64

/*
 * How many setup statements from the i-th on can go to the engine in one
 * batch: only inside the file's transaction (outside it, statements such
 * as CREATE DATABASE must run alone), none that the runner maps (BEGIN,
 * COMMIT, ...) or refuses (run_refusal), and none with --no-batch or
 * while --log times each statement.  Where DDL is not transactional
 * (MySQL), a statement that commits implicitly ends a batch, so that the
 * transaction is begun again after it (run_txn_escaped) as it is after
 * a statement alone.
 */
static size_t
setup_batch_size(struct run *r, const struct record *rec, size_t i)
{
	char	*refusal = NULL;
	size_t	 n = 0;

	if (!r->in_txn || r->drv->exec_batch == NULL || r->opts->no_batch ||
	    r->opts->log != NULL)
		return 0;
	while (i + n < rec->nstmts && n < SETUP_BATCH_MAX &&
	    txn_classify(rec->stmts[i + n].sql) == TXN_NONE &&
	    (refusal = run_refusal(r, rec->stmts[i + n].sql)) == NULL) {
		n++;
		if (!(r->drv->flags & DRIVER_TXN_DDL) &&
		    txn_commits_implicitly(rec->stmts[i + n - 1].sql))
			break;
	}
	free(refusal);
	return n;
}

/*
 * Run n setup statements from *i on as one batch.  On failure *i is set
 * to the failing statement and -1 returned with err filled.
 */
static int
run_setup_batch(struct run *r, const struct record *rec, size_t *i,
    size_t n, struct dberror *err)
{
	struct batch_stmt	*bs;
	int			*lines;
	size_t			 k, failed = 0;
	int			 rc;

	bs = xcalloc(n, sizeof *bs);
	lines = xcalloc(n, sizeof *lines);
	for (k = 0; k < n; k++) {
		bs[k].sql = rec->stmts[*i + k].sql;
		lines[k] = rec->stmts[*i + k].line;
	}
	rc = send_batch(r->conn, rec->path, bs, lines, n, &failed, err);
	free(bs);
	free(lines);
	if (rc != 0) {
		*i += failed;
		if (err->lost)
			run_lost(r, err);
	}
	return rc;
}

/*
 * A hint for a setup that fails on a missing table when nothing was said
 * to create the tables (no --schema, --migrations or "-- migrations:"),
 * or NULL.  The string is static.
 */
static const char *
missing_schema_hint(const struct run *r, const struct dberror *err)
{
	if (r->opts->schema != NULL || r->opts->migrations != NULL ||
	    r->tf->migrations != NULL ||
	    !condition_matches("undefined_table", err, r->drv->name))
		return NULL;
	return "hint: no --schema or --migrations was given: if the "
	    "tables come from a schema file or migrations, add --schema "
	    "PATH or --migrations DIR (or \"-- include: FILE\" in the test "
	    "file)";
}

/*
 * Run a block of statements that must all succeed: a setup block, a
 * --schema file or a migration step (what names it in the message).  On
 * failure the file fails and stops; returns -1.
 */
int
run_setup(struct run *r, const struct record *rec, const char *what)
{
	struct result	 res;
	struct dberror	 err;
	size_t		 i, n;
	const char	*hint;
	char		*desc;
	int		 rc = 0, sp = r->stmt_savepoints;

	result_init(&res);
	res.max_rows = r->opts->max_rows;
	dberror_init(&err);
	/*
	 * A failing statement ends the file here, so it needs no savepoint
	 * to leave the transaction usable: without them a statement costs
	 * one round trip instead of three (PostgreSQL), which is what makes
	 * --schema and --migrations cheap enough to run for every file.
	 */
	r->stmt_savepoints = 0;
	for (i = 0; i < rec->nstmts && rc == 0; i += n) {
		n = setup_batch_size(r, rec, i);
		if (n > 1)
			rc = run_setup_batch(r, rec, &i, n, &err);
		else {
			n = 1;
			result_clear(&res);
			rc = run_stmt(r, &rec->stmts[i], NULL, &res, &err);
		}
		r->refused = 0;
		if (rc == 0 && run_txn_escaped(r)) {
			rc = -1;
			dberror_set(&err, NULL, "sqlcheck", NULL, "the "
			    "statement ended the file's transaction");
		}
		if (rc != 0) {
			desc = dberror_describe(&err);
			r->fr->setup_failed = 1;
			r->fr->outcome = OUTCOME_FAIL;
			r->fr->error_line = rec->stmts[i].line;
			hint = missing_schema_hint(r, &err);
			r->fr->message = xprintf("%s:%d: %s failed: %s\n%s%s%s",
			    rec->path, rec->stmts[i].line, what, desc,
			    rec->stmts[i].sql, hint != NULL ? "\n" : "",
			    hint != NULL ? hint : "");
			free(desc);
		}
	}
	run_end_test(r);
	r->stmt_savepoints = sp;
	result_clear(&res);
	dberror_clear(&err);
	return rc;
}

/* The file fails at rec before its tests: a setup-like failure. */
int
run_setup_error(struct run *r, const struct record *rec, char *message)
{
	r->fr->setup_failed = 1;
	r->fr->outcome = OUTCOME_FAIL;
	r->fr->error_line = rec->line;
	r->fr->message = xprintf("%s:%d: %s", rec->path, rec->line, message);
	free(message);
	return -1;
}

/*
 * The migrations of the file, as this engine runs them: its own "--
 * migrations:", or --migrations; NULL if none.
 */
const struct migrations *
run_migrations(const struct run *r)
{
	if (r->tf->migrations != NULL)
		return migrations_for(r->tf->migrations, r->drv->name);
	return migrations_for(r->opts->migrations, r->drv->name);
}

/* 1 if a step of ms (one engine's) is marked .autocommit. */
int
run_migrations_autocommit(const struct migrations *ms)
{
	size_t	i;

	for (i = 0; ms != NULL && i < ms->nsteps; i++) {
		if ((ms->steps[i].up != NULL && ms->steps[i].up->autocommit) ||
		    (ms->steps[i].down != NULL &&
		    ms->steps[i].down->autocommit))
			return 1;
	}
	return 0;
}

/*
 * An .autocommit step on a scratch database inside the file's
 * transaction: commit (only the scratch database, dropped at the end,
 * holds what it commits), run the step in autocommit, begin again.
 */
static int
run_autocommit(struct run *r, const struct record *rec, const char *what)
{
	struct dberror	 err;
	int		 rc;

	dberror_init(&err);
	if (run_internal(r, "COMMIT", &err) != 0) {
		r->fr->setup_failed = 1;
		r->fr->outcome = OUTCOME_FAIL;
		r->fr->error_line = rec->line;
		r->fr->message = xprintf("%s:%d: %s: cannot commit before "
		    "this .autocommit step: %s", rec->path, rec->line, what,
		    err.message);
		dberror_clear(&err);
		return -1;
	}
	r->in_txn = 0;
	rc = run_setup(r, rec, what);
	r->in_txn = 1;
	if (!r->broken && run_internal(r, "BEGIN", &err) != 0 && rc == 0) {
		rc = -1;
		r->fr->setup_failed = 1;
		r->fr->outcome = OUTCOME_FAIL;
		r->fr->message = xprintf("%s: cannot begin the file's "
		    "transaction again: %s", r->fr->path, err.message);
	}
	dberror_clear(&err);
	return rc;
}

/*
 * Apply step i of ms up (up != 0) or down; -1 if it failed.  A step with
 * no file for this engine does nothing.  An .autocommit step runs outside
 * the file's transaction where that is a scratch database's; elsewhere
 * (the user's database) inside it.
 */
static int
run_step(struct run *r, const struct migrations *ms, size_t i, int up)
{
	const struct migration	*m = &ms->steps[i];
	const struct mig_file	*f = up ? m->up : m->down;
	char			*what;
	int			 rc;

	what = xprintf("migration %s %s", m->version, up ? "up" : "down");
	if (f == NULL) {
		log_debug("%s: %s: no file for %s, nothing to do", r->fr->path,
		    what, r->drv->name);
		free(what);
		return 0;
	}
	log_debug("%s: %s (%s%s)", r->fr->path, what, f->path,
	    f->autocommit ? ", autocommit" : "");
	if (f->autocommit && r->in_txn && r->scratch && !r->broken)
		rc = run_autocommit(r, &f->rec, what);
	else
		rc = run_setup(r, &f->rec, what);
	free(what);
	return rc;
}

/* "-- migrate: VERSION": apply up or down steps to reach VERSION. */
int
run_migrate(struct run *r, const struct record *rec)
{
	const struct migrations	*ms = run_migrations(r);
	char			*list, *msg;
	int			 target;

	if (ms == NULL)
		return run_setup_error(r, rec, xstrdup("\"-- migrate:\" needs "
		    "migrations: give --migrations DIR, or put \"-- "
		    "migrations: DIR\" at the top of the file"));
	target = migrations_find(ms, rec->arg, &msg);
	if (target < 0 && msg != NULL)
		return run_setup_error(r, rec, msg);
	if (target < 0) {
		list = migrations_versions(ms);
		msg = xprintf("no migration has version %s in %s (versions: "
		    "%s)", rec->arg, ms->dir, list);
		free(list);
		return run_setup_error(r, rec, msg);
	}
	while (r->migrated < target) {
		if (run_step(r, ms, (size_t)r->migrated, 1) != 0)
			return -1;
		r->migrated++;
	}
	while (r->migrated > target) {
		if (ms->steps[r->migrated - 1].up != NULL &&
		    ms->steps[r->migrated - 1].down == NULL)
			return run_setup_error(r, rec, xprintf("cannot migrate "
			    "down to %s: migration %s has no down step",
			    rec->arg, ms->steps[r->migrated - 1].version));
		if (run_step(r, ms, (size_t)r->migrated - 1, 0) != 0)
			return -1;
		r->migrated--;
	}
	return 0;
}

/*
 * Before the file's own records: the --schema files, then every
 * migration, unless the file migrates where it says ("-- migrate:"),
 * in which case it starts from an empty schema, or from the --schema
 * files with --baseline or "-- baseline".  -1 if one failed.
 */
int
run_prelude(struct run *r)
{
	const struct migrations	*ms = run_migrations(r);
	const struct sqlfiles	*sf = r->opts->schema;
	size_t			 i;

	if (r->tf->migrates && !r->opts->baseline && !r->tf->baseline)
		return 0;
	if (r->cloned) {
		r->migrated = ms != NULL ? (int)ms->nsteps : 0;
		return 0;
	}
	for (i = 0; sf != NULL && i < sf->nrecords; i++) {
		if (run_setup(r, &sf->records[i], "schema") != 0)
			return -1;
	}
	for (i = 0; ms != NULL && !r->tf->migrates && i < ms->nsteps; i++) {
		if (run_step(r, ms, i, 1) != 0)
			return -1;
		r->migrated++;
	}
	return 0;
}

/* The file fails at a CSV row that could not be loaded. */
static int
load_failed(struct run *r, const struct record *rec, size_t bad,
    const struct dberror *err)
{
	const struct csv	*csv = rec->csv;
	char			*desc;

	desc = dberror_describe(err);
	r->fr->setup_failed = 1;
	r->fr->outcome = OUTCOME_FAIL;
	r->fr->error_line = rec->line;
	if (bad < csv->nrows)
		r->fr->message = xprintf("%s:%d: cannot load this row into %s: "
		    "%s\n(-- load: at %s:%d)", csv->path, csv->lines[bad],
		    rec->arg, desc, rec->path, rec->line);
	else
		r->fr->message = xprintf("%s:%d: cannot load %s into %s: %s",
		    rec->path, rec->line, csv->path, rec->arg, desc);
	free(desc);
	return -1;
}

/*
 * "-- load: TABLE FROM 'FILE.csv'": the driver's load slot puts the rows
 * in, inside a statement savepoint where an error would abort the file's
 * transaction.  -1 (the file fails) if a row cannot be loaded.
 */
int
run_load(struct run *r, const struct record *rec)
{
	struct dberror	 err;
	double		 start = clock_now();
	size_t		 bad = (size_t)-1;
	char		*what;
	int		 use_sp, rc;

	if (r->drv->load == NULL)
		return run_setup_error(r, rec, xprintf("the %s driver cannot load "
		    "CSV files", r->drv->name));
	dberror_init(&err);
	use_sp = r->in_txn && r->stmt_savepoints;
	if (use_sp && run_internal(r, "SAVEPOINT " SAVEPOINT_STMT, &err) != 0)
		return load_failed(r, rec, bad, &err);
	watch_arm(r->conn->watch);
	rc = r->drv->load(r->conn, rec->arg, rec->csv, &bad, &err);
	if (watch_disarm(r->conn->watch) && rc != 0)
		err.timed_out = 1;
	what = xprintf("-- load: %s FROM '%s' (%zu rows)", rec->arg,
	    rec->csv->path, rec->csv->nrows);
	querylog_write(rec->path, rec->line, what, clock_now() - start,
	    rc == 0 ? "ok" : err.timed_out ? "timeout" : "error");
	log_debug("%s:%d: %s in %.3f s", rec->path, rec->line, what,
	    clock_now() - start);
	free(what);
	if (rc != 0 && err.lost)
		r->broken = 1;
	if (use_sp && !r->broken) {
		if (rc != 0)
			run_quiet(r, "ROLLBACK TO SAVEPOINT " SAVEPOINT_STMT);
		run_quiet(r, "RELEASE SAVEPOINT " SAVEPOINT_STMT);
	}
	if (rc == 0 && run_txn_escaped(r)) {
		rc = -1;
		dberror_set(&err, NULL, "sqlcheck", NULL, "loading ended the "
		    "file's transaction");
	}
	if (rc != 0)
		load_failed(r, rec, bad, &err);
	dberror_clear(&err);
	return rc;
}

/*
 * Run the statements of rec as written, in autocommit, each shown with -v
 * and logged with --log at its own FILE:LINE; -1 with *cause.
 */
static int
template_apply(struct conn *conn, const struct record *rec, char **cause)
{
	struct dberror	 err;
	size_t		 failed = 0;
	int		 rc;

	dberror_init(&err);
	rc = send_record(conn, rec, &failed, &err);
	if (rc != 0)
		*cause = xprintf("%s:%d: %s", rec->path,
		    rec->stmts[failed].line, err.message);
	dberror_clear(&err);
	return rc;
}

/*
 * Build the --schema files and the --migrations once, in a scratch
 * database kept by the driver as a template that each test file then
 * gets a copy of, instead of applying them again (drivers with
 * template_save and scratch_clone: SQLite).  Returns the template's name
 * (caller frees, and drops it with template_drop), or NULL when there is
 * nothing to build, the driver cannot, or building failed: then each file
 * applies them itself, and reports any error at its FILE:LINE.
 */
char *
run_template_build(struct conn *conn, const struct options *o)
{
	const struct driver	*drv = conn->drv;
	const struct migrations	*ms;
	char			*scratch = NULL, *tmpl = NULL, *cause = NULL;
	size_t			 i;
	int			 rc;

	if ((o->schema == NULL && o->migrations == NULL) ||
	    drv->template_save == NULL || drv->scratch_clone == NULL ||
	    o->isolation == ISOLATION_TRANSACTION)
		return NULL;
	if (drv->scratch_create(conn, &scratch, &cause) != 0) {
		log_debug("no schema template (each file applies --schema "
		    "and --migrations itself): %s", cause);
		free(cause);
		return NULL;
	}
	rc = 0;
	for (i = 0; o->schema != NULL && i < o->schema->nrecords && rc == 0;
	    i++)
		rc = template_apply(conn, &o->schema->records[i], &cause);
	ms = migrations_for(o->migrations, drv->name);
	for (i = 0; ms != NULL && i < ms->nsteps && rc == 0; i++) {
		if (ms->steps[i].up == NULL)
			continue;
		log_debug("schema template: migration %s up (%s)",
		    ms->steps[i].version, ms->steps[i].up->path);
		rc = template_apply(conn, &ms->steps[i].up->rec, &cause);
	}
	if (rc == 0)
		rc = drv->template_save(conn, &tmpl, &cause);
	if (rc != 0) {
		log_debug("no schema template (each file applies --schema "
		    "and --migrations itself): %s", cause);
		free(cause);
		cause = NULL;
	} else
		log_debug("schema template built: each file starts from an "
		    "in-memory copy of it");
	if (drv->scratch_drop(conn, scratch, &cause) != 0) {
		log_warnx("cannot drop scratch database %s: %s", scratch,
		    cause);
		free(cause);
	}
	free(scratch);
	return tmpl;
}
