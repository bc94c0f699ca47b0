/*
 * scratch-mysql.c: scratch databases of the MySQL driver module.  Under
 * the default isolation every file runs in a database of its own (DDL
 * commits implicitly on MySQL, so only a database dropped afterwards
 * keeps the user's untouched), named sqlcheck_ and 16 hex digits and
 * held by a named lock (GET_LOCK) while in use; --clean drops the ones a
 * killed run left behind.  Nothing here prints or exits.
 */
#include <sys/types.h>

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "driver-mysql.h"

static void	 my_scratch_lock(struct my_conn *, const char *, int);

/*
 * The session's current database into *db (NULL when there is none).
 * Returns 0, or -1 with *cause.
 */
static int
my_current_db(struct my_conn *mc, char **db, char **cause)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;

	*db = NULL;
	if (mysql_real_query(mc->m, "SELECT DATABASE()", 17) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL) {
		*cause = xprintf("cannot read the current database: %s",
		    mysql_error(mc->m));
		return -1;
	}
	row = mysql_fetch_row(res);
	if (row != NULL && row[0] != NULL)
		*db = xstrdup(row[0]);
	mysql_free_result(res);
	return 0;
}

/*
 * Create a scratch database sqlcheck_<16 hex> (utf8mb4) and switch the
 * session to it, remembering the database the session was on for
 * scratch_drop.  *name is set (caller frees).  Returns 0, or -1 with
 * *cause and nothing left behind.
 */
int
my_scratch_create(struct conn *c, char **name, char **cause)
{
	struct my_conn	*mc = c->data;
	char		*db, *quoted, *sql;

	my_thread_enter();
	free(mc->prev_db);
	if (my_current_db(mc, &mc->prev_db, cause) != 0)
		return -1;
	db = scratch_name_new();
	quoted = my_quote_ident(db);
	my_scratch_lock(mc, db, 1);
	sql = xprintf("CREATE DATABASE %s CHARACTER SET utf8mb4", quoted);
	if (my_run(mc->m, sql) != 0) {
		*cause = xprintf("cannot create database \"%s\": %s", db,
		    mysql_error(mc->m));
		my_scratch_lock(mc, db, 0);
		goto fail;
	}
	if (mysql_select_db(mc->m, db) != 0) {
		*cause = xprintf("cannot use database \"%s\": %s", db,
		    mysql_error(mc->m));
		free(sql);
		sql = xprintf("DROP DATABASE IF EXISTS %s", quoted);
		my_run(mc->m, sql);
		my_scratch_lock(mc, db, 0);
		goto fail;
	}
	free(sql);
	free(quoted);
	*name = db;
	return 0;

fail:
	free(sql);
	free(quoted);
	free(db);
	return -1;
}

/*
 * Switch the session back to the database it was on before
 * scratch_create (if there was none, it stays where it is) and drop the
 * scratch database, even if switching back failed.  Returns 0, or -1 with
 * *cause.
 */
int
my_scratch_drop(struct conn *c, const char *name, char **cause)
{
	struct my_conn	*mc = c->data;
	char		*quoted, *sql;
	int		 rc = 0;

	my_thread_enter();
	if (mc->prev_db != NULL && mysql_select_db(mc->m, mc->prev_db) != 0) {
		*cause = xprintf("cannot use database \"%s\" again: %s",
		    mc->prev_db, mysql_error(mc->m));
		rc = -1;
	}
	free(mc->prev_db);
	mc->prev_db = NULL;
	quoted = my_quote_ident(name);
	sql = xprintf("DROP DATABASE IF EXISTS %s", quoted);
	if (my_run(mc->m, sql) != 0 && rc == 0) {
		*cause = xprintf("cannot drop database \"%s\": %s", name,
		    mysql_error(mc->m));
		rc = -1;
	}
	my_scratch_lock(mc, name, 0);
	free(sql);
	free(quoted);
	return rc;
}

/*
 * Take (lock 1) or release (lock 0) the user lock named after a scratch
 * database, held by the session from before CREATE DATABASE to after
 * DROP DATABASE: in between, before the session switches to it, the
 * lock is what tells --clean that the database is not a leftover.
 * Errors are ignored (the lock is a guard for --clean only).
 */
static void
my_scratch_lock(struct my_conn *mc, const char *name, int lock)
{
	char	*sql;

	if (!scratch_name_valid(name))
		return;
	sql = xprintf(lock ? "SELECT GET_LOCK('%s', 0)" :
	    "SELECT RELEASE_LOCK('%s')", name);
	my_run(mc->m, sql);
	free(sql);
}

/*
 * The scratch databases on the server, sorted by name, into *names
 * (caller frees).  Returns 0, or -1 with *cause.
 */
int
my_scratch_list(struct conn *c, char ***names, size_t *n, char **cause)
{
	struct my_conn	*mc = c->data;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*sql = "SELECT SCHEMA_NAME FROM information_schema."
	    "SCHEMATA WHERE SCHEMA_NAME LIKE 'sqlcheck\\_%' ORDER BY "
	    "BINARY SCHEMA_NAME";

	my_thread_enter();
	*names = NULL;
	*n = 0;
	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL) {
		*cause = xstrdup(mysql_error(mc->m));
		return -1;
	}
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] != NULL && scratch_name_valid(row[0]))
			str_list_add(names, n, row[0]);
	}
	mysql_free_result(res);
	return 0;
}

/*
 * Drop a scratch database unless it is in use: a session has it as its
 * database (information_schema.PROCESSLIST, which shows other users'
 * sessions only with the PROCESS privilege), or a session holds its lock
 * (its run is creating it); a session that keeps it is named with the
 * KILL that ends it.  DROP waits at most 5 s for a metadata lock.
 * Returns 0 dropped, 1 kept with *cause, -1 with *cause.
 */
int
my_scratch_clean(struct conn *c, const char *name, char **cause)
{
	struct my_conn	*mc = c->data;
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	char		*sql;
	long long	 sessions = 0;
	int		 locked = 0;

	my_thread_enter();
	if (!scratch_name_valid(name)) {
		*cause = xprintf("\"%s\" is not a scratch database name", name);
		return -1;
	}
	sql = xprintf("SELECT (SELECT COUNT(*) FROM information_schema."
	    "PROCESSLIST WHERE DB = '%s'), IS_USED_LOCK('%s'), (SELECT "
	    "GROUP_CONCAT(CONCAT('KILL ', ID) SEPARATOR '; ') FROM "
	    "information_schema.PROCESSLIST WHERE DB = '%s')", name, name,
	    name);
	if (mysql_real_query(mc->m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(mc->m)) == NULL) {
		*cause = xstrdup(mysql_error(mc->m));
		free(sql);
		return -1;
	}
	free(sql);
	row = mysql_fetch_row(res);
	if (row != NULL) {
		sessions = row[0] != NULL ? atoll(row[0]) : 0;
		locked = row[1] != NULL;
	}
	if (sessions > 0)
		*cause = xprintf("in use by %lld session%s; if no sqlcheck "
		    "runs there any more (a killed run's statement can go "
		    "on), end %s with \"%s\" and run --clean again",
		    sessions, sessions == 1 ? "" : "s", sessions == 1 ? "it" :
		    "them", row != NULL && row[2] != NULL ? row[2] : "KILL id");
	mysql_free_result(res);
	if (sessions > 0)
		return 1;
	if (locked) {
		*cause = xstrdup("its run is creating it (it holds its lock)");
		return 1;
	}
	sql = xprintf("DROP DATABASE IF EXISTS `%s`", name);
	if (my_run(mc->m, "SET SESSION lock_wait_timeout = 5") != 0 ||
	    my_run(mc->m, sql) != 0) {
		*cause = xstrdup(mysql_error(mc->m));
		free(sql);
		return -1;
	}
	free(sql);
	return 0;
}
