/*
 * pgregress-env.c: what a pg-regress run needs around its tests, as
 * pg_regress 15 makes it: each test's environment (PGTZ, PGDATESTYLE,
 * PGOPTIONS, PG_ABS_SRCDIR and the other directories), the databases
 * (template0, the encoding, the lc_* and other settings), the roles and
 * extensions, and what a temporary instance's postgresql.conf gets.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver-pg.h"
#include "pgregress.h"

/*
 * path made absolute (from the working directory) and tidied as
 * pg_regress does: no "." parts, ".." taking a part away, no doubled or
 * trailing slashes, symbolic links kept.  Caller frees.
 */
static char *
absolute_path(const char *path)
{
	char		*cwd, *joined, *part, *save = NULL, *last;
	struct buf	 b;

	cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
	joined = xprintf("%s/%s", cwd != NULL ? cwd : "", path);
	free(cwd);
	buf_init(&b);
	for (part = strtok_r(joined, "/", &save); part != NULL;
	    part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		if (strcmp(part, "..") == 0) {
			if (b.len > 0 && (last = strrchr(b.data, '/')) != NULL) {
				b.len = (size_t)(last - b.data);
				b.data[b.len] = '\0';
			}
			continue;
		}
		buf_addc(&b, '/');
		buf_adds(&b, part);
	}
	if (b.len == 0)
		buf_addc(&b, '/');
	free(joined);
	return buf_detach(&b);
}

/* name=path, absolute, as pg_regress gives PG_ABS_SRCDIR and friends. */
static void
setenv_absolute(const char *name, const char *path)
{
	char	*abs = absolute_path(path);

	setenv(name, abs, 1);
	free(abs);
}

/*
 * PG_LIBDIR: --dlpath, else the installation's library directory, which
 * is pg_regress's own default (PKGLIBDIR): BINDIR/../lib when --bindir
 * names one that exists (PGXS gives --bindir), else what
 * "pg_config --pkglibdir" says, else ".".
 */
static void
setenv_libdir(const struct pgr_opts *o)
{
	struct stat	 st;
	char		 line[4096], *lib = NULL;
	FILE		*p;

	if (o->dlpath != NULL) {
		setenv_absolute("PG_LIBDIR", o->dlpath);
		return;
	}
	if (o->bindir != NULL) {
		lib = xprintf("%s/../lib", o->bindir);
		if (stat(lib, &st) == 0 && S_ISDIR(st.st_mode)) {
			setenv_absolute("PG_LIBDIR", lib);
			free(lib);
			return;
		}
		free(lib);
	}
	p = popen("pg_config --pkglibdir 2>/dev/null", "r");
	if (p != NULL && fgets(line, sizeof line, p) != NULL &&
	    line[0] == '/') {
		line[strcspn(line, "\n")] = '\0';
		setenv("PG_LIBDIR", line, 1);
	} else
		setenv_absolute("PG_LIBDIR", ".");
	if (p != NULL)
		pclose(p);
}

/* Where the server is: --host, --port, --user (or the temp instance). */
void
pgr_set_address(const struct pgr_opts *o)
{
	if (o->host != NULL)
		setenv("PGHOST", o->host, 1);
	if (o->port != NULL)
		setenv("PGPORT", o->port, 1);
	if (o->user != NULL)
		setenv("PGUSER", o->user, 1);
}

/*
 * The environment pg_regress gives every test, and its temporary
 * instance (set before the server starts, its libpq connections, as
 * dblink's, have PGTZ, PGDATESTYLE and PGOPTIONS too).
 */
void
pgr_set_environment(const struct pgr_opts *o)
{
	const char	*old = getenv("PGOPTIONS");
	char		*opts;

	if (o->no_locale) {
		/* pg_regress clears the locale settings but LC_MESSAGES */
		unsetenv("LC_COLLATE");
		unsetenv("LC_CTYPE");
		unsetenv("LC_MONETARY");
		unsetenv("LC_NUMERIC");
		unsetenv("LC_TIME");
		unsetenv("LANG");
	}
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	setenv("LC_MESSAGES", "C", 1);
	/* pg_regress 15.9 and later (tzdata 2024b made PST8PDT an alias) */
	setenv("PGTZ", "America/Los_Angeles", 1);
	setenv("PGDATESTYLE", "Postgres, MDY", 1);
	opts = xprintf("%s -c intervalstyle=postgres_verbose",
	    old != NULL ? old : "");
	setenv("PGOPTIONS", opts, 1);
	free(opts);
	if (o->encoding != NULL)
		setenv("PGCLIENTENCODING", o->encoding, 1);
	pgr_set_address(o);
	setenv_absolute("PG_ABS_SRCDIR", o->inputdir);
	setenv_absolute("PG_ABS_BUILDDIR", o->outputdir);
	setenv_libdir(o);
	setenv("PG_DLSUFFIX", ".so", 1);
}

/*
 * A session on database db for admin SQL (application pg_regress,
 * warnings only), or NULL with the error printed.  Caller finishes it.
 */
static PGconn *
admin_open(const char *db)
{
	const char	*kw[] = { "dbname", "application_name", "options",
	    NULL };
	const char	*val[] = { db, "pg_regress",
	    "-c client_min_messages=warning", NULL };
	PGconn		*c = PQconnectdbParams(kw, val, 0);

	if (PQstatus(c) == CONNECTION_OK)
		return c;
	fprintf(stderr, "sqlcheck pg-regress: cannot connect to database "
	    "\"%s\": %s", db, PQerrorMessage(c));
	PQfinish(c);
	return NULL;
}

/* Admin SQL on session c (NULL: none); -1 with the error printed. */
static int
admin(PGconn *c, const char *sql)
{
	PGresult	*r;
	int		 ok;

	if (c == NULL)
		return -1;
	r = PQexec(c, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) ==
	    PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "sqlcheck pg-regress: %s: %s", sql,
		    PQresultErrorMessage(r));
	PQclear(r);
	return ok ? 0 : -1;
}

/*
 * pg_regress's database, on session c: dropped, created from template0,
 * set.
 */
static int
create_database(const struct pgr_opts *o, PGconn *c, const char *db)
{
	struct buf	 b;
	char		*id = psql_quote_ident(db);
	static const char *const set[] = { "lc_messages TO 'C'",
	    "lc_monetary TO 'C'", "lc_numeric TO 'C'", "lc_time TO 'C'",
	    "bytea_output TO 'hex'", "timezone_abbreviations TO 'Default'" };
	size_t		 i;
	int		 rc;

	buf_init(&b);
	buf_printf(&b, "DROP DATABASE IF EXISTS %s", id);
	rc = admin(c, b.data);
	buf_reset(&b);
	buf_printf(&b, "CREATE DATABASE %s TEMPLATE=template0", id);
	if (o->encoding != NULL)
		buf_printf(&b, " ENCODING='%s'", o->encoding);
	if (o->no_locale)
		buf_adds(&b, " LC_COLLATE='C' LC_CTYPE='C'");
	if (rc == 0)
		rc = admin(c, b.data);
	buf_reset(&b);
	for (i = 0; i < sizeof set / sizeof set[0]; i++)
		buf_printf(&b, "ALTER DATABASE %s SET %s;", id, set[i]);
	if (rc == 0)
		rc = admin(c, b.data);
	buf_free(&b);
	free(id);
	return rc;
}

/* --create-role ROLE on session c: (re)created, granted every database. */
static int
create_role(const struct pgr_opts *o, PGconn *c, const char *role)
{
	char	*sql, *id, *rid = psql_quote_ident(role);
	size_t	 i;
	int	 rc;

	sql = xprintf("DROP ROLE IF EXISTS %s", rid);
	rc = admin(c, sql);
	free(sql);
	sql = xprintf("CREATE ROLE %s WITH LOGIN", rid);
	if (rc == 0)
		rc = admin(c, sql);
	free(sql);
	for (i = 0; i < o->ndbnames && rc == 0; i++) {
		id = psql_quote_ident(o->dbnames[i]);
		sql = xprintf("GRANT ALL ON DATABASE %s TO %s", id, rid);
		rc = admin(c, sql);
		free(sql);
		free(id);
	}
	free(rid);
	return rc;
}

/* --load-extension's extensions in database db (one session). */
static int
load_extensions(const struct pgr_opts *o, const char *db)
{
	PGconn	*c = admin_open(db);
	char	*sql, *id;
	size_t	 j;
	int	 rc = c != NULL ? 0 : -1;

	for (j = 0; j < o->nextensions && rc == 0; j++) {
		id = psql_quote_ident(o->extensions[j]);
		sql = xprintf("CREATE EXTENSION IF NOT EXISTS %s", id);
		rc = admin(c, sql);
		free(sql);
		free(id);
	}
	PQfinish(c);
	return rc;
}

/*
 * Databases, roles and extensions, as pg_regress prepares them, on one
 * session to "postgres" (and one to each database for its extensions).
 */
int
pgr_prepare(const struct pgr_opts *o)
{
	PGconn	*c;
	size_t	 i;
	int	 rc = 0;

	if (o->use_existing)
		return 0;
	if ((c = admin_open("postgres")) == NULL)
		return -1;
	for (i = 0; i < o->ndbnames && rc == 0; i++)
		rc = create_database(o, c, o->dbnames[i]);
	for (i = 0; i < o->nroles && rc == 0; i++)
		rc = create_role(o, c, o->roles[i]);
	PQfinish(c);
	/* as pg_regress: --load-extension only in databases it creates */
	for (i = 0; i < o->ndbnames && rc == 0 && o->nextensions > 0; i++)
		rc = load_extensions(o, o->dbnames[i]);
	return rc;
}

/*
 * What pg_regress 15 adds to a temporary instance's postgresql.conf:
 * its logging settings, max_prepared_transactions = 2 (for tests of
 * PREPARE TRANSACTION), then each --temp-config file as it is.  Caller
 * frees.  A file that cannot be read ends the run (exit 2), as in
 * pg_regress.
 */
char *
pgr_temp_conf(const struct pgr_opts *o)
{
	struct buf	 b;
	char		*text, *cause = NULL;
	size_t		 i, n;

	buf_init(&b);
	buf_adds(&b, "\n# Configuration added by pg_regress\n\n"
	    "log_autovacuum_min_duration = 0\nlog_checkpoints = on\n"
	    "log_line_prefix = '%m %b[%p] %q%a '\nlog_lock_waits = on\n"
	    "log_temp_files = 128kB\nmax_prepared_transactions = 2\n");
	for (i = 0; i < o->ntemp_configs; i++) {
		text = read_whole_file(o->temp_configs[i], &n, &cause);
		if (text == NULL)
			fatalx("--temp-config: %s (the file is added to the "
			    "temporary instance's postgresql.conf)", cause);
		buf_add(&b, text, n);
		if (n > 0 && text[n - 1] != '\n')
			buf_addc(&b, '\n');
		free(text);
	}
	return buf_detach(&b);
}
