/*
 * scratch-pg.c: scratch databases of the PostgreSQL driver module.
 * "-- isolation: database" gives a file a database of its own, created
 * from template1, closed to every role but its owner (the user sqlcheck
 * connects as) and superusers, and reached by a second session (libpq cannot switch a
 * session's database), dropped after the file; --clean lists and drops
 * the ones a killed run left behind, unless a session still uses them.
 * Nothing here prints or exits.
 */
#include <sys/types.h>

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "driver-pg.h"

static void	 pg_scratch_lock(PGconn *, const char *, int);

/*
 * Open a second session like pc's (same host, user, password, options)
 * on database dbname.  NULL with *cause on failure.
 */
static PGconn *
pg_connect_db(PGconn *pc, const char *dbname, char **cause)
{
	PQconninfoOption	*opts, *o;
	const char		**keys, **values;
	PGconn			*spc;
	size_t			 n = 0, i = 0;

	opts = PQconninfo(pc);
	if (opts == NULL) {
		*cause = xstrdup("cannot read the connection options");
		return NULL;
	}
	for (o = opts; o->keyword != NULL; o++)
		n++;
	keys = xcalloc(n + 2, sizeof *keys);
	values = xcalloc(n + 2, sizeof *values);
	for (o = opts; o->keyword != NULL; o++) {
		if (o->val == NULL || *o->val == '\0' ||
		    strcmp(o->keyword, "dbname") == 0)
			continue;
		keys[i] = o->keyword;
		values[i++] = o->val;
	}
	keys[i] = "dbname";
	values[i] = dbname;
	spc = PQconnectdbParams(keys, values, 0);
	free(keys);
	free(values);
	PQconninfoFree(opts);
	if (PQstatus(spc) != CONNECTION_OK) {
		*cause = pg_connect_cause(spc);
		PQfinish(spc);
		return NULL;
	}
	pg_session_setup(spc);
	return spc;
}

/*
 * DROP DATABASE name on session pc, disconnecting any session left on it
 * (WITH (FORCE), from PostgreSQL 13).  0, or -1 with *cause (the engine's
 * message; the caller says what failed).
 */
int
pg_drop_db(PGconn *pc, const char *name, char **cause)
{
	char	*quoted, *sql;
	int	 rc;

	quoted = PQescapeIdentifier(pc, name, strlen(name));
	if (quoted == NULL) {
		*cause = pg_chomp(PQerrorMessage(pc));
		return -1;
	}
	sql = xprintf("DROP DATABASE IF EXISTS %s%s", quoted,
	    PQserverVersion(pc) >= 130000 ? " WITH (FORCE)" : "");
	PQfreemem(quoted);
	rc = pg_command(pc, sql, NULL, cause);
	free(sql);
	return rc;
}

/* Close the scratch session; statements go to the main one again. */
void
pg_scratch_close(struct pg_data *d)
{
	d->cancel = d->main_cancel;
	PQfreeCancel(d->scratch_cancel);
	d->scratch_cancel = NULL;
	if (d->undo_pending == d->scratch)
		d->undo_pending = NULL;
	if (d->begin_pending == d->scratch)
		d->begin_pending = NULL;
	if (d->reset_pending == d->scratch)
		d->reset_pending = NULL;
	PQfinish(d->scratch);
	d->scratch = NULL;
}

/*
 * CREATE DATABASE name from template1, as a plain CREATE DATABASE would,
 * or from template0 when template1 is busy (another session on it makes
 * PostgreSQL refuse to copy it; both take about 30 ms).  0, or -1 with
 * *cause (the engine's message; the caller says what failed).
 */
static int
pg_create_db(PGconn *pc, const char *name, char **cause)
{
	static const char *const templates[] = { "template1", "template0" };
	struct dberror	 err;
	PGresult	*res;
	char		*sql;
	size_t		 i;
	int		 rc = -1;

	dberror_init(&err);
	for (i = 0; i < 2 && rc != 0; i++) {
		sql = xprintf("CREATE DATABASE %s TEMPLATE %s", name,
		    templates[i]);
		res = pg_run(pc, sql);
		free(sql);
		dberror_clear(&err);
		if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK)
			rc = 0;
		else
			pg_fill_error(pc, res, &err);
		PQclear(res);
		if (rc != 0 && strcmp(err.sqlstate, "55006") != 0)
			break;
	}
	if (rc != 0)
		*cause = xstrdup(err.message);
	dberror_clear(&err);
	return rc;
}

/*
 * Take from PUBLIC what a new database gives it, CONNECT and TEMPORARY:
 * other roles of the server have no business in a scratch database.
 * Its owner (the user sqlcheck connects as) keeps every privilege,
 * superusers bypass them.  0, or -1 with *cause.
 */
static int
pg_close_db(PGconn *pc, const char *name, char **cause)
{
	char	*sql;
	int	 rc;

	sql = xprintf("REVOKE ALL ON DATABASE %s FROM PUBLIC", name);
	rc = pg_command(pc, sql, "cannot close the scratch database to "
	    "other roles", cause);
	free(sql);
	return rc;
}

/*
 * Create a scratch database, closed to other roles, and move statements
 * to a new session on it (libpq cannot switch databases on a session).
 * *name is its name (caller frees).  0, or -1 with *cause and nothing
 * left behind.
 */
int
pg_scratch_create(struct conn *c, char **name, char **cause)
{
	struct pg_data	*d = c->data;
	PGconn		*pc;
	char		*db, *dropcause = NULL;

	pg_settle(d);
	if (d->scratch_name != NULL) {
		*cause = xstrdup("a scratch database is already in use");
		return -1;
	}
	db = scratch_name_new();
	pg_scratch_lock(d->main, db, 1);
	if (pg_create_db(d->main, db, cause) != 0) {
		pg_scratch_lock(d->main, db, 0);
		free(db);
		return -1;
	}
	pc = pg_close_db(d->main, db, cause) == 0 ?
	    pg_connect_db(d->main, db, cause) : NULL;
	if (pc == NULL) {
		pg_drop_db(d->main, db, &dropcause);
		pg_scratch_lock(d->main, db, 0);
		free(dropcause);
		free(db);
		return -1;
	}
	d->scratch = pc;
	d->scratch_cancel = PQgetCancel(pc);
	d->scratch_name = db;
	d->cancel = d->scratch_cancel;
	*name = xstrdup(db);
	return 0;
}

/*
 * Close the scratch session, go back to the main one and drop the
 * database name.  0, or -1 with *cause.
 */
int
pg_scratch_drop(struct conn *c, const char *name, char **cause)
{
	struct pg_data	*d = c->data;
	int		 rc;

	pg_settle(d);
	if (d->scratch_name != NULL && strcmp(d->scratch_name, name) == 0) {
		pg_scratch_close(d);
		free(d->scratch_name);
		d->scratch_name = NULL;
	}
	rc = pg_drop_db(d->main, name, cause);
	pg_scratch_lock(d->main, name, 0);
	return rc;
}

/*
 * Take (lock 1) or give back (lock 0) the session-level advisory lock
 * keyed on a scratch name's 64 bits, which the main session holds from
 * before CREATE DATABASE to after DROP DATABASE: between the two, before
 * the scratch session connects, it is what tells --clean that the
 * database is not a leftover.  Errors are ignored (the lock is a guard
 * for --clean, not needed to run tests); unlocking a lock not held is
 * only a warning, which the notice receiver drops.
 */
static void
pg_scratch_lock(PGconn *pc, const char *name, int lock)
{
	PGresult	*res;
	uint64_t	 key;
	char		*sql;

	if (!scratch_name_valid(name))
		return;
	key = scratch_name_key(name);
	sql = xprintf("SELECT pg_%sadvisory_%slock(%d, %d)",
	    lock ? "try_" : "", lock ? "" : "un", (int)(int32_t)(key >> 32),
	    (int)(int32_t)(key & 0xffffffffU));
	res = pg_run(pc, sql);
	free(sql);
	PQclear(res);
}

/*
 * Run a query of one row and n integer columns into v.  0, or -1 with
 * *cause.
 */
static int
pg_query_ints(PGconn *pc, const char *sql, long long *v, int n, char **cause)
{
	struct dberror	 err;
	PGresult	*res;
	int		 i;

	res = pg_run(pc, sql);
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK ||
	    PQntuples(res) != 1 || PQnfields(res) != n) {
		dberror_init(&err);
		pg_fill_error(pc, res, &err);
		*cause = xstrdup(err.message);
		dberror_clear(&err);
		PQclear(res);
		return -1;
	}
	for (i = 0; i < n; i++)
		v[i] = atoll(PQgetvalue(res, 0, i));
	PQclear(res);
	return 0;
}

/*
 * The scratch databases on the server, sorted by name, into *names
 * (caller frees).  0, or -1 with *cause.
 */
int
pg_scratch_list(struct conn *c, char ***names, size_t *n, char **cause)
{
	struct pg_data	*d = c->data;
	struct dberror	 err;
	PGresult	*res;
	const char	*v;
	int		 i;

	pg_settle(d);
	*names = NULL;
	*n = 0;
	res = pg_run(d->main, "SELECT datname FROM pg_database WHERE datname "
	    "LIKE 'sqlcheck\\_%' ORDER BY datname COLLATE \"C\"");
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		dberror_init(&err);
		pg_fill_error(d->main, res, &err);
		*cause = xstrdup(err.message);
		dberror_clear(&err);
		PQclear(res);
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++) {
		v = PQgetvalue(res, i, 0);
		if (scratch_name_valid(v))
			str_list_add(names, n, v);
	}
	PQclear(res);
	return 0;
}

/*
 * Drop a scratch database unless it is in use: a client session is
 * connected to it (pg_stat_activity), or a session holds its advisory
 * lock (its run is creating it; pg_locks, every database); the message
 * for one in use names the query that ends its sessions.  DROP DATABASE
 * without FORCE fails if a session connects in between, which also keeps
 * it.  0 dropped, 1 kept with *cause, -1 with *cause.
 */
int
pg_scratch_clean(struct conn *c, const char *name, char **cause)
{
	struct pg_data	*d = c->data;
	struct dberror	 err;
	PGresult	*res;
	uint64_t	 key;
	long long	 v[2];
	char		*sql;
	int		 rc = 0;

	pg_settle(d);
	if (!scratch_name_valid(name)) {
		*cause = xprintf("\"%s\" is not a scratch database name", name);
		return -1;
	}
	key = scratch_name_key(name);
	sql = xprintf("SELECT (SELECT count(*) FROM pg_stat_activity WHERE "
	    "datname = '%s' AND backend_type = 'client backend'), (SELECT "
	    "count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
	    "classid::bigint = %llu AND objid::bigint = %llu AND "
	    "objsubid = 2)", name, (unsigned long long)(key >> 32),
	    (unsigned long long)(key & 0xffffffffU));
	rc = pg_query_ints(d->main, sql, v, 2, cause);
	free(sql);
	if (rc != 0)
		return -1;
	if (v[0] > 0) {
		*cause = xprintf("in use by %lld session%s; if no sqlcheck "
		    "runs there any more (a killed run's statement can go "
		    "on), end %s with \"SELECT pg_terminate_backend(pid) FROM "
		    "pg_stat_activity WHERE datname = '%s'\" and run --clean "
		    "again", v[0], v[0] == 1 ? "" : "s", v[0] == 1 ? "it" :
		    "them", name);
		return 1;
	}
	if (v[1] > 0) {
		*cause = xstrdup("its run is creating it (it holds its lock)");
		return 1;
	}
	sql = xprintf("DROP DATABASE IF EXISTS %s", name);
	res = pg_run(d->main, sql);
	free(sql);
	if (res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK) {
		PQclear(res);
		return 0;
	}
	dberror_init(&err);
	pg_fill_error(d->main, res, &err);
	PQclear(res);
	if (strcmp(err.sqlstate, "55006") == 0) {
		*cause = xprintf("in use: %s", err.message);
		rc = 1;
	} else {
		*cause = xstrdup(err.message);
		rc = -1;
	}
	dberror_clear(&err);
	return rc;
}