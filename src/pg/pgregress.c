/*
 * pgregress.c: "sqlcheck pg-regress", a stand-in for PostgreSQL 15's
 * pg_regress that runs psql's part natively (psql-*.c).  It takes
 * pg_regress's command line, creates the database as pg_regress does
 * (template0, the encoding, lc_* and bytea_output and
 * timezone_abbreviations settings), sets each test's environment
 * (PGTZ, PGDATESTYLE, PGOPTIONS, PGAPPNAME, PGCLIENTENCODING), runs
 * schedules' parallel groups, writes results/, regression.diffs and
 * regression.out, and exits 0 (all passed), 1 (a test failed) or 2
 * (the tests could not be run).  Beyond pg_regress: each failure is
 * shown as FILE:LINE of the first differing statement with a diff,
 * --format reports, --rewrite and -j.
 */
#include <errno.h>
#include <getopt.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "driver-pg.h"
#include "pgregress.h"

static FILE	*status_log;	/* regression.out, while it is written */

/* Print a status line to standard output and regression.out. */
void
pgr_status(FILE *f, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	if (f != NULL)
		vfprintf(f, fmt, ap);
	va_end(ap);
	if (status_log != NULL) {
		va_start(ap, fmt);
		vfprintf(status_log, fmt, ap);
		va_end(ap);
	}
	if (f != NULL)
		fflush(f);
}

enum {
	O_INPUTDIR = 256, O_OUTPUTDIR, O_EXPECTEDDIR, O_SCHEDULE, O_DBNAME,
	O_USE_EXISTING, O_LOAD_EXTENSION, O_CREATE_ROLE, O_ENCODING,
	O_NO_LOCALE, O_MAX_CONNECTIONS, O_BINDIR, O_TEMP_INSTANCE, O_HOST,
	O_PORT, O_USER, O_FORMAT, O_REWRITE, O_TIMEOUT, O_SHARD, O_DURATIONS,
	O_TEMP_CONFIG, O_DLPATH, O_IGNORED_ARG,
	O_IGNORED
};

static const struct option pgr_options[] = {
	{ "inputdir", required_argument, NULL, O_INPUTDIR },
	{ "outputdir", required_argument, NULL, O_OUTPUTDIR },
	{ "expecteddir", required_argument, NULL, O_EXPECTEDDIR },
	{ "schedule", required_argument, NULL, O_SCHEDULE },
	{ "dbname", required_argument, NULL, O_DBNAME },
	{ "use-existing", no_argument, NULL, O_USE_EXISTING },
	{ "load-extension", required_argument, NULL, O_LOAD_EXTENSION },
	{ "create-role", required_argument, NULL, O_CREATE_ROLE },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "no-locale", no_argument, NULL, O_NO_LOCALE },
	{ "max-connections", required_argument, NULL, O_MAX_CONNECTIONS },
	{ "max-concurrent-tests", required_argument, NULL,
	    O_MAX_CONNECTIONS },
	{ "bindir", required_argument, NULL, O_BINDIR },
	{ "dlpath", required_argument, NULL, O_DLPATH },
	{ "launcher", required_argument, NULL, O_IGNORED_ARG },
	{ "temp-config", required_argument, NULL, O_TEMP_CONFIG },
	{ "config-auth", required_argument, NULL, O_IGNORED_ARG },
	{ "debug", no_argument, NULL, O_IGNORED },
	{ "temp-instance", required_argument, NULL, O_TEMP_INSTANCE },
	{ "host", required_argument, NULL, O_HOST },
	{ "port", required_argument, NULL, O_PORT },
	{ "user", required_argument, NULL, O_USER },
	{ "jobs", required_argument, NULL, 'j' },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "rewrite", no_argument, NULL, O_REWRITE },
	{ "timeout", required_argument, NULL, O_TIMEOUT },
	{ "shard", required_argument, NULL, O_SHARD },
	{ "durations", required_argument, NULL, O_DURATIONS },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fputs(
"usage: sqlcheck pg-regress [OPTIONS] [TEST...]\n"
"Run a pg_regress suite (sql/NAME.sql against expected/NAME.out) with\n"
"psql's output made natively over libpq, as PostgreSQL 15's pg_regress.\n"
"\n"
"pg_regress options:\n"
"      --inputdir DIR        sql/ and expected/ are here (default .)\n"
"      --outputdir DIR       results/, regression.diffs and\n"
"                            regression.out go here (default .)\n"
"      --expecteddir DIR     expected/ is here (default: --inputdir)\n"
"      --schedule FILE       run the tests of FILE; a \"test:\" line is\n"
"                            a group run at the same time (repeatable)\n"
"      --dbname DB[,DB...]   databases to (re)create (default regression)\n"
"      --use-existing        do not drop and create the database\n"
"      --load-extension EXT  CREATE EXTENSION in it (repeatable)\n"
"      --create-role ROLE    create this role (repeatable)\n"
"      --encoding ENC        database and client encoding\n"
"      --no-locale           create the database with the C locale\n"
"      --max-connections N   at most N tests at the same time\n"
"      --temp-instance DIR   run on a throwaway server (made in a\n"
"                            private temporary directory)\n"
"      --temp-config FILE    add FILE to its postgresql.conf (repeatable)\n"
"      --host, --port, --user  where to connect (else PGHOST, ...)\n"
"      --bindir DIR          no psql is run; DIR/../lib is PG_LIBDIR\n"
"      --dlpath DIR          PG_LIBDIR of the tests' environment\n"
"sqlcheck options:\n"
"  -j, --jobs N              run N of the tests named on the command line\n"
"                            at once (default 1, as pg_regress)\n"
"      --format FORMAT       tap, junit or json: one test per script\n"
"  -o, --output FILE         write the --format report to FILE\n"
"      --rewrite             copy results/NAME.out over the expected file\n"
"                            of each failing test\n"
"      --timeout SECONDS     cancel a statement running longer: the\n"
"                            error is in its test's output, the test\n"
"                            fails, the run goes on\n"
"      --shard K/N           run shard K of N: the tests of the last\n"
"                            group (last schedule line, or the tests\n"
"                            named with -j) are split; the groups\n"
"                            before run on every shard as setup\n"
"      --durations FILE      each test's duration (JSON): --shard splits\n"
"                            by it; a run without --shard writes it\n"
"  -q, --quiet               print only failures and the summary\n"
"\n"
"Exit status: 0 all tests passed, 1 some failed, 2 they could not run.\n",
	    f);
}

static int
opt_number(const char *arg, const char *name)
{
	char	*end;
	long	 n = strtol(arg, &end, 10);

	if (end == arg || *end != '\0' || n < 0 || n > 10000)
		fatalx("bad --%s \"%s\": give a number from 0 to 10000", name,
		    arg);
	return (int)n;
}

/* --timeout SECONDS, more than 0 (a fraction is allowed). */
static double
opt_seconds(const char *arg)
{
	char	*end;
	double	 s = strtod(arg, &end);

	if (end == arg || *end != '\0' || !(s > 0) || s > 1e6)
		fatalx("bad --timeout \"%s\": give seconds, for example 30 "
		    "or 0.5", arg);
	return s;
}

/* A directory's trailing slashes dropped in place ("/" stays). */
static void
trim_slashes(char *dir)
{
	size_t	n = strlen(dir);

	while (n > 1 && dir[n - 1] == '/')
		dir[--n] = '\0';
}

/* --shard K/N with 1 <= K <= N. */
static void
opt_shard(struct pgr_opts *o, const char *arg)
{
	int	k, n, used = 0;

	if (sscanf(arg, "%d/%d%n", &k, &n, &used) != 2 ||
	    arg[used] != '\0' || n < 1 || k < 1 || k > n)
		fatalx("bad --shard \"%s\": write K/N with 1 <= K <= N, for "
		    "example 2/4", arg);
	o->shard_index = k;
	o->shard_count = n;
}

static void
parse_opts(int argc, char **argv, struct pgr_opts *o)
{
	int	c;

	memset(o, 0, sizeof *o);
	o->jobs = 1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:o:qh", pgr_options, NULL)) !=
	    -1) {
		switch (c) {
		case O_INPUTDIR: o->inputdir = optarg; break;
		case O_OUTPUTDIR: o->outputdir = optarg; break;
		case O_EXPECTEDDIR: o->expecteddir = optarg; break;
		case O_SCHEDULE:
			str_list_add(&o->schedules, &o->nschedules, optarg);
			break;
		case O_DBNAME:
			str_list_free(o->dbnames, o->ndbnames);
			o->dbnames = NULL;
			o->ndbnames = 0;
			str_split_list(optarg, &o->dbnames, &o->ndbnames);
			break;
		case O_USE_EXISTING: o->use_existing = 1; break;
		case O_LOAD_EXTENSION:
			str_list_add(&o->extensions, &o->nextensions, optarg);
			break;
		case O_CREATE_ROLE:
			str_split_list(optarg, &o->roles, &o->nroles);
			break;
		case O_ENCODING: o->encoding = optarg; break;
		case O_NO_LOCALE: o->no_locale = 1; break;
		case O_MAX_CONNECTIONS:
			o->max_connections = opt_number(optarg,
			    "max-connections");
			break;
		case O_TEMP_INSTANCE: o->temp_instance = 1; break;
		case O_DLPATH: o->dlpath = optarg; break;
		case O_TEMP_CONFIG:
			str_list_add(&o->temp_configs, &o->ntemp_configs,
			    optarg);
			break;
		case O_HOST: o->host = optarg; break;
		case O_PORT: o->port = optarg; break;
		case O_USER: o->user = optarg; break;
		case 'j': o->jobs = opt_number(optarg, "jobs"); break;
		case O_FORMAT: o->format = optarg; break;
		case 'o': o->output = optarg; break;
		case O_REWRITE: o->rewrite = 1; break;
		case O_TIMEOUT: o->timeout = opt_seconds(optarg); break;
		case O_SHARD: opt_shard(o, optarg); break;
		case O_DURATIONS: o->durations = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h': usage(stdout); exit(0);
		case O_BINDIR: o->bindir = optarg; break;
		case O_IGNORED_ARG: case O_IGNORED: break;
		default:
			usage(stderr);
			exit(SQLCHECK_EXIT_ERROR);
		}
	}
	if (o->inputdir == NULL)
		o->inputdir = ".";
	if (o->outputdir == NULL)
		o->outputdir = ".";
	if (o->expecteddir == NULL)
		o->expecteddir = o->inputdir;
	/* "./" names files "./sql/x.sql", not ".//sql/x.sql" */
	trim_slashes(o->inputdir);
	trim_slashes(o->outputdir);
	trim_slashes(o->expecteddir);
	if (o->ndbnames == 0)
		str_list_add(&o->dbnames, &o->ndbnames, "regression");
	if (o->format != NULL && report_find(o->format) == NULL)
		fatalx("unknown --format \"%s\": use tap, junit or json",
		    o->format);
}

/*
 * path made absolute (from the working directory) and tidied as
 * pg_regress does: no "." parts, ".." taking a part away, no doubled or
 * trailing slashes, symbolic links kept.  Caller frees.
 */
static char *
absolute_path(const char *path)
{
	char		*cwd, *joined, *part, *save = NULL;
	struct buf	 b;
	size_t		 keep[256], n = 0;

	cwd = path[0] == '/' ? NULL : getcwd(NULL, 0);
	joined = xprintf("%s/%s", cwd != NULL ? cwd : "", path);
	free(cwd);
	buf_init(&b);
	for (part = strtok_r(joined, "/", &save); part != NULL;
	    part = strtok_r(NULL, "/", &save)) {
		if (strcmp(part, ".") == 0)
			continue;
		if (strcmp(part, "..") == 0) {
			if (n > 0)
				b.len = keep[--n];
			b.data[b.len] = '\0';
			continue;
		}
		if (n < sizeof keep / sizeof keep[0])
			keep[n++] = b.len;
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

/* The environment pg_regress gives every test. */
static void
set_environment(const struct pgr_opts *o)
{
	const char	*old = getenv("PGOPTIONS");
	char		*opts;

	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	setenv("LC_MESSAGES", "C", 1);
	setenv("PGTZ", "PST8PDT", 1);
	setenv("PGDATESTYLE", "Postgres, MDY", 1);
	opts = xprintf("%s -c intervalstyle=postgres_verbose",
	    old != NULL ? old : "");
	setenv("PGOPTIONS", opts, 1);
	free(opts);
	if (o->encoding != NULL)
		setenv("PGCLIENTENCODING", o->encoding, 1);
	if (o->host != NULL)
		setenv("PGHOST", o->host, 1);
	if (o->port != NULL)
		setenv("PGPORT", o->port, 1);
	if (o->user != NULL)
		setenv("PGUSER", o->user, 1);
	setenv_absolute("PG_ABS_SRCDIR", o->inputdir);
	setenv_absolute("PG_ABS_BUILDDIR", o->outputdir);
	setenv_libdir(o);
	setenv("PG_DLSUFFIX", ".so", 1);
}

/* Run admin SQL on a database; -1 with the error printed. */
static int
admin(const char *db, const char *sql)
{
	const char	*kw[] = { "dbname", "application_name", "options",
	    NULL };
	const char	*val[] = { db, "pg_regress",
	    "-c client_min_messages=warning", NULL };
	PGconn		*c = PQconnectdbParams(kw, val, 0);
	PGresult	*r;
	int		 ok;

	if (PQstatus(c) != CONNECTION_OK) {
		fprintf(stderr, "sqlcheck pg-regress: cannot connect to "
		    "database \"%s\": %s", db, PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	r = PQexec(c, sql);
	ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) ==
	    PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "sqlcheck pg-regress: %s: %s", sql,
		    PQresultErrorMessage(r));
	PQclear(r);
	PQfinish(c);
	return ok ? 0 : -1;
}

/* pg_regress's database: dropped, created from template0, set. */
static int
create_database(const struct pgr_opts *o, const char *db)
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
	rc = admin("postgres", b.data);
	buf_reset(&b);
	buf_printf(&b, "CREATE DATABASE %s TEMPLATE=template0", id);
	if (o->encoding != NULL)
		buf_printf(&b, " ENCODING='%s'", o->encoding);
	if (o->no_locale)
		buf_adds(&b, " LC_COLLATE='C' LC_CTYPE='C'");
	if (rc == 0)
		rc = admin("postgres", b.data);
	buf_reset(&b);
	for (i = 0; i < sizeof set / sizeof set[0]; i++)
		buf_printf(&b, "ALTER DATABASE %s SET %s;", id, set[i]);
	if (rc == 0)
		rc = admin("postgres", b.data);
	buf_free(&b);
	free(id);
	return rc;
}

/* Databases, roles and extensions, as pg_regress prepares them. */
static int
prepare(const struct pgr_opts *o)
{
	size_t	 i, j;
	char	*sql, *id, *rid;
	int	 rc = 0;

	for (i = 0; i < o->ndbnames && rc == 0 && !o->use_existing; i++)
		rc = create_database(o, o->dbnames[i]);
	for (j = 0; j < o->nroles && rc == 0 && !o->use_existing; j++) {
		rid = psql_quote_ident(o->roles[j]);
		sql = xprintf("DROP ROLE IF EXISTS %s", rid);
		rc = admin("postgres", sql);
		free(sql);
		sql = xprintf("CREATE ROLE %s WITH LOGIN", rid);
		if (rc == 0)
			rc = admin("postgres", sql);
		free(sql);
		for (i = 0; i < o->ndbnames && rc == 0; i++) {
			id = psql_quote_ident(o->dbnames[i]);
			sql = xprintf("GRANT ALL ON DATABASE %s TO %s", id, rid);
			rc = admin("postgres", sql);
			free(sql);
			free(id);
		}
		free(rid);
	}
	/* as pg_regress: --load-extension only in databases it creates */
	for (i = 0; i < o->ndbnames && rc == 0 && !o->use_existing; i++)
		for (j = 0; j < o->nextensions && rc == 0; j++) {
			id = psql_quote_ident(o->extensions[j]);
			sql = xprintf("CREATE EXTENSION IF NOT EXISTS %s", id);
			rc = admin(o->dbnames[i], sql);
			free(sql);
			free(id);
		}
	return rc;
}

/* --rewrite: results/NAME.out over the expected file it was compared to. */
static void
rewrite_expected(const struct pgr_test *t)
{
	char	*data, *tmp, *cause = NULL;
	size_t	 len;
	FILE	*f;

	data = read_whole_file(t->result, &len, &cause);
	if (data == NULL) {
		fprintf(stderr, "sqlcheck pg-regress: %s\n", cause);
		free(cause);
		return;
	}
	tmp = xprintf("%s.sqlcheck-tmp", t->expected);
	f = fopen(tmp, "w");
	if (f == NULL || fwrite(data, 1, len, f) != len || fclose(f) != 0 ||
	    rename(tmp, t->expected) != 0) {
		fprintf(stderr, "sqlcheck pg-regress: cannot write \"%s\": "
		    "%s\n", t->expected, strerror(errno));
		unlink(tmp);
	} else
		printf("rewrote %s\n", t->expected);
	free(tmp);
	free(data);
}

/* A failure as sqlcheck shows one: FILE:LINE, the statement, the diff. */
static void
show_failure(const struct pgr_test *t)
{
	if (t->unsupported != NULL)
		printf("%s\n", t->unsupported);
	if (t->timed_out != NULL)
		printf("%s\n", t->timed_out);
	if (t->status != 0 && t->unsupported == NULL)
		printf("%s: psql would exit with status %d\n", t->name,
		    t->status);
	if (t->diff == NULL)
		return;
	if (t->no_expected)
		printf("%s: no expected file: %s does not exist (hint: once "
		    "%s is right, copy it there, or run with --rewrite)\n",
		    t->name, t->expected, t->result);
	else
		printf("%s: output differs from %s\n", t->where != NULL ?
		    t->where : t->name, t->expected);
	if (t->stmt != NULL)
		printf("    %s\n", t->stmt);
	fputs(t->diff, stdout);
}

/*
 * A failure an "ignore:" line names is ignored, as by pg_regress: only
 * one of its output (a psql exit status, a meta-command sqlcheck does
 * not run or a --timeout still fail the run).
 */
static void
mark_ignored(const struct pgr_opts *o, struct pgr_test *t)
{
	size_t	i;

	if (t->passed || t->status != 0 || t->unsupported != NULL ||
	    t->timed_out != NULL)
		return;
	for (i = 0; i < o->nignores; i++)
		if (strcmp(o->ignores[i], t->name) == 0)
			t->ignored = 1;
}

/* The status line of a finished test, pg_regress's way. */
static void
status_line(FILE *f, const struct pgr_test *t, int in_group)
{
	char	*why = NULL;

	if (t->passed)
		why = xstrdup("ok    ");
	else if (t->ignored)
		why = xstrdup("failed (ignored)");
	else if (t->timed_out != NULL)
		why = xstrdup("FAILED (timed out)");
	else if (t->status != 0)
		why = xprintf("FAILED (test process exited with exit code %d)",
		    t->status);
	else
		why = xstrdup("FAILED");
	pgr_status(f, in_group ? "     %-28s ... %s %8.0f ms\n" :
	    "test %-28s ... %s %8.0f ms\n", t->name, why, t->ms);
	free(why);
}

/* One --format report per script. */
static void
report_test(const struct pgr_opts *o, const struct pgr_test *t,
    struct totals *tot, char *const *paths)
{
	struct file_report	 fr;
	struct test_report	*tr;
	enum outcome		 oc = t->passed ? OUTCOME_PASS : t->ignored ?
	    OUTCOME_SKIP : OUTCOME_FAIL;

	(void)o;
	memset(&fr, 0, sizeof fr);
	fr.path = paths[0];
	fr.outcome = oc;
	fr.seconds = t->ms / 1000.0;
	tr = file_report_add(&fr, oc, paths[0], 1, t->name);
	if (t->ignored)
		tr->message = xstrdup("failed (ignored: an \"ignore:\" line of "
		    "the schedule names it)");
	else if (!t->passed) {
		tr->message = xstrdup(t->timed_out != NULL ? t->timed_out :
		    t->unsupported != NULL ? t->unsupported :
		    t->no_expected ? "no expected file" :
		    t->diff != NULL ? "output differs from the expected file" :
		    "psql would exit with an error");
		tr->diff = t->diff != NULL ? xstrdup(t->diff) : NULL;
		tr->sql = t->stmt != NULL ? xstrdup(t->stmt) : NULL;
	}
	file_report_count(&fr);
	report_file(&fr);
	tot->passed += fr.passed;
	tot->failed += fr.failed;
	tot->files++;
	file_report_free(&fr);
}

/* pg_regress 15's summary line, ignored failures counted apart. */
static char *
summary_line(size_t total, size_t failed, size_t ignored)
{
	if (failed == 0 && ignored == 0)
		return xprintf(" All %zu tests passed. ", total);
	if (failed == 0)
		return xprintf(" %zu of %zu tests passed, %zu failed test(s) "
		    "ignored. ", total - ignored, total, ignored);
	if (ignored == 0)
		return xprintf(" %zu of %zu tests failed. ", failed, total);
	return xprintf(" %zu of %zu tests failed, %zu of these failures "
	    "ignored. ", failed + ignored, total, ignored);
}

/* The closing summary, regression.diffs and regression.out. */
static int
summarize(const struct pgr_opts *o, struct pgr_group *g, size_t ng,
    const char *diffs_path, const char *out_path)
{
	size_t	 i, j, total = 0, failed = 0, ignored = 0;
	FILE	*diffs;
	char	*line;

	diffs = fopen(diffs_path, "w");
	for (i = 0; i < ng; i++)
		for (j = 0; j < g[i].ntests; j++) {
			struct pgr_test	*t = &g[i].tests[j];

			total++;
			if (t->passed)
				continue;
			if (t->ignored)
				ignored++;
			else
				failed++;
			if (diffs != NULL && t->diff != NULL)
				fputs(t->diff, diffs);
			if (o->format == NULL && !t->ignored)
				show_failure(t);
			if (o->rewrite && t->expected != NULL &&
			    t->unsupported == NULL && t->timed_out == NULL)
				rewrite_expected(t);
		}
	if (diffs != NULL)
		fclose(diffs);
	line = summary_line(total, failed, ignored);
	pgr_status(o->format == NULL ? stdout : NULL, "\n%.*s\n%s\n%.*s\n\n",
	    (int)strlen(line), "================================"
	    "================================", line, (int)strlen(line),
	    "================================================================");
	free(line);
	if (status_log != NULL)
		fclose(status_log);
	status_log = NULL;
	if (failed + ignored == 0) {
		unlink(diffs_path);
		unlink(out_path);
	} else if (o->format == NULL)
		printf("The differences that caused some tests to fail can be "
		    "viewed in the\nfile \"%s\".  A copy of the test summary "
		    "that you see\nabove is saved in the file \"%s\".\n\n",
		    diffs_path, out_path);
	return failed == 0 ? SQLCHECK_EXIT_OK : SQLCHECK_EXIT_FAIL;
}

/* The groups to run: the schedules', then the tests named. */
static struct pgr_group *
collect(struct pgr_opts *o, int argc, char **argv, size_t *ng)
{
	struct pgr_group	*g = NULL;
	char			*cause = NULL;
	size_t			 i;
	int			 k;

	*ng = 0;
	for (i = 0; i < o->nschedules; i++)
		if (pgr_read_schedule(o->schedules[i], &g, ng, &o->ignores,
		    &o->nignores, &cause) != 0)
			fatalx("%s", cause);
	if (o->jobs > 1 && optind < argc)
		pgr_add_group(&g, ng, argv + optind, (size_t)(argc - optind));
	else
		for (k = optind; k < argc; k++)
			pgr_add_group(&g, ng, argv + k, 1);
	return g;
}

/* Run every group, then report each test. */
static void
run_all(const struct pgr_opts *o, struct pgr_group *g, size_t ng)
{
	struct totals	 tot;
	struct options	 ro;
	char		*cause = NULL, *path;
	size_t		 i, j, ntests = 0;
	int		 width;
	FILE		*live = o->format == NULL && !o->quiet ? stdout : NULL;

	for (i = 0; i < ng; i++)
		for (j = 0; j < g[i].ntests; j++)
			ntests += !g[i].tests[j].setup;
	memset(&ro, 0, sizeof ro);
	memset(&tot, 0, sizeof tot);
	ro.format = o->format;
	ro.driver = "postgres";
	ro.engine = "postgres";
	ro.output = o->output;
	ro.shard_index = o->shard_index;
	ro.shard_count = o->shard_count;
	ro.files_total = o->tests_total;
	if (o->format != NULL && report_open(&ro, ntests, &cause) != 0)
		fatalx("%s", cause);
	pgr_status(live, "============== running regression test queries  "
	    "      ==============\n");
	for (i = 0; i < ng; i++) {
		width = g[i].ntests > 1 && o->nschedules == 0 ? o->jobs :
		    o->max_connections;
		pgr_run_group(o, &g[i], width, live);
		for (j = 0; j < g[i].ntests; j++) {
			mark_ignored(o, &g[i].tests[j]);
			status_line(live, &g[i].tests[j], g[i].ntests > 1);
			/* shard 1 reports the setup groups' tests, the
			 * others only a failure (sqlcheck --merge sees it) */
			if (o->format == NULL || (g[i].tests[j].setup &&
			    g[i].tests[j].passed))
				continue;
			path = pgr_test_path(o, &g[i].tests[j]);
			report_test(o, &g[i].tests[j], &tot, &path);
			free(path);
		}
	}
	if (o->format != NULL)
		report_end(&tot);
}

/*
 * What pg_regress 15 adds to a temporary instance's postgresql.conf:
 * its logging settings, max_prepared_transactions = 2 (for tests of
 * PREPARE TRANSACTION), then each --temp-config file as it is.  Caller
 * frees.  A file that cannot be read ends the run (exit 2), as in
 * pg_regress.
 */
static char *
temp_conf(const struct pgr_opts *o)
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

/* Entry point of "sqlcheck pg-regress" (argv[0] is "pg-regress"). */
int
sqlcheck_module_pg_regress(int argc, char **argv)
{
	struct pgr_opts		 o;
	struct pgr_group	*g;
	struct tempinst		*ti = NULL;
	struct durations	*d = NULL;
	char			*cause = NULL, *diffs, *outp, *res, *pw, *conf;
	size_t			 ng, i, j;
	int			 rc;

	parse_opts(argc, argv, &o);
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "");
	g = collect(&o, argc, argv, &ng);
	if (ng == 0)
		fatalx("no tests to run: name tests or give --schedule "
		    "(see sqlcheck pg-regress --help)");
	/* read, and when a run without --shard will write it, writable */
	if (o.durations != NULL && durations_open(o.durations,
	    o.shard_count <= 1, &d, &cause) != 0)
		fatalx("--durations: %s", cause);
	for (i = 0; i < ng; i++)
		o.tests_total += g[i].ntests;
	if (pgr_shard(&o, g, ng, d, &cause) != 0)
		fatalx("%s", cause);
	if (o.temp_instance) {
		conf = temp_conf(&o);
		ti = tempinst_pg_start_conf(conf, &cause);
		free(conf);
		if (ti == NULL)
			fatalx("%s", cause);
		o.host = strstr(ti->dsn, "host=") + 5;
		*strchr(o.host, ' ') = '\0';
		o.port = o.host + strlen(o.host) + 1 + 5;
		*strchr(o.port, ' ') = '\0';
		o.user = "postgres";
		/* Not run as root, the instance asks for its password. */
		pw = strstr(o.port + strlen(o.port) + 1, "password=");
		if (pw != NULL)
			setenv("PGPASSWORD", pw + 9, 1);
	}
	set_environment(&o);
	if (mkdir(o.outputdir, 0777) != 0 && errno != EEXIST)
		fatal("cannot create \"%s\"", o.outputdir);
	res = xprintf("%s/results", o.outputdir);
	if (mkdir(res, 0777) != 0 && errno != EEXIST)
		fatal("cannot create \"%s\"", res);
	free(res);
	if (prepare(&o) != 0) {
		tempinst_stop(ti);
		return SQLCHECK_EXIT_ERROR;
	}
	diffs = xprintf("%s/regression.diffs", o.outputdir);
	outp = xprintf("%s/regression.out", o.outputdir);
	status_log = fopen(outp, "w");
	run_all(&o, g, ng);
	if (d != NULL && o.shard_count <= 1)
		pgr_durations_save(&o, d, g, ng);
	if (d != NULL)
		durations_free(d);
	rc = summarize(&o, g, ng, diffs, outp);
	tempinst_stop(ti);
	for (i = 0; i < ng; i++) {
		for (j = 0; j < g[i].ntests; j++)
			pgr_test_free(&g[i].tests[j]);
		free(g[i].tests);
	}
	free(g);
	free(diffs);
	free(outp);
	str_list_free(o.dbnames, o.ndbnames);
	str_list_free(o.schedules, o.nschedules);
	str_list_free(o.ignores, o.nignores);
	str_list_free(o.extensions, o.nextensions);
	str_list_free(o.roles, o.nroles);
	str_list_free(o.temp_configs, o.ntemp_configs);
	return rc;
}
