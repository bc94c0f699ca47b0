/*
 * pgregress.c: "sqlcheck pg-regress", a stand-in for PostgreSQL 15's
 * pg_regress that runs psql's part natively (psql-*.c): pg_regress's
 * command line and sqlcheck's options, the tests to run, and the run
 * from start to end.  pgregress-env.c makes the environment, databases
 * and temporary instance, pgregress-run.c runs the groups,
 * pgregress-report.c reports; the exit status is 0 (all passed), 1 (a
 * test failed) or 2 (the tests could not be run).
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
	{ "version", no_argument, NULL, 'V' },
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
"                            private temporary directory; its logs\n"
"                            in OUTPUTDIR/log)\n"
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
"  -V, --version             print the version and exit\n"
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
	while ((c = getopt_long(argc, argv, "j:o:qhV", pgr_options, NULL)) !=
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
		case 'V':
			printf("sqlcheck pg-regress (sqlcheck) %s, for PostgreSQL "
			    "15's pg_regress\n", PACKAGE_VERSION);
			exit(0);
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

/*
 * As pg_regress, keep the throwaway server's logs in OUTPUTDIR/log:
 * initdb.log and postmaster.log (the server's log so far).  A log that
 * cannot be copied is said on stderr; the run's verdicts stand.
 */
static void
keep_instance_logs(const struct pgr_opts *o, const struct tempinst *ti)
{
	static const char *const logs[][2] = {
		{ "initdb.log", "initdb.log" },
		{ "server.log", "postmaster.log" },
	};
	char	*dir, *from, *to, *data, *cause = NULL;
	size_t	 i, len;
	FILE	*f;

	dir = xprintf("%s/log", o->outputdir);
	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		log_warnx("cannot create \"%s\": %s", dir, strerror(errno));
		free(dir);
		return;
	}
	for (i = 0; i < sizeof logs / sizeof logs[0]; i++) {
		from = xprintf("%s/%s", ti->dir, logs[i][0]);
		to = xprintf("%s/%s", dir, logs[i][1]);
		data = read_whole_file(from, &len, &cause);
		if (data == NULL) {
			log_warnx("cannot keep the server's %s: %s",
			    logs[i][1], cause);
			free(cause);
			cause = NULL;
		} else if ((f = fopen(to, "w")) == NULL ||
		    fwrite(data, 1, len, f) != len || fclose(f) != 0) {
			log_warnx("cannot write \"%s\": %s", to,
			    strerror(errno));
			if (f != NULL)
				fclose(f);
		}
		free(data);
		free(from);
		free(to);
	}
	free(dir);
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
	char			*appname;
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
	/* before a --temp-instance starts: a failure here leaves none */
	if (mkdir(o.outputdir, 0777) != 0 && errno != EEXIST)
		fatal("cannot create \"%s\"", o.outputdir);
	res = xprintf("%s/results", o.outputdir);
	if (mkdir(res, 0777) != 0 && errno != EEXIST)
		fatal("cannot create \"%s\"", res);
	free(res);
	pgr_set_environment(&o);
	if (o.temp_instance) {
		/*
		 * pg_regress's server runs with its environment and
		 * PGAPPNAME=pg_regress: the application name of a
		 * connection dblink or postgres_fdw makes.
		 */
		appname = getenv("PGAPPNAME");
		appname = appname != NULL ? xstrdup(appname) : NULL;
		setenv("PGAPPNAME", "pg_regress", 1);
		conf = pgr_temp_conf(&o);
		/* pg_regress's instance listens on --port when given */
		ti = tempinst_pg_start_conf(conf, TEMPINST_PG_REGRESS |
		    (o.no_locale ? TEMPINST_NO_LOCALE : 0), o.port, &cause);
		free(conf);
		if (appname != NULL)
			setenv("PGAPPNAME", appname, 1);
		else
			unsetenv("PGAPPNAME");
		free(appname);
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
		pgr_set_address(&o);
	}
	if (pgr_prepare(&o) != 0) {
		if (ti != NULL)
			keep_instance_logs(&o, ti);
		tempinst_stop(ti);
		return SQLCHECK_EXIT_ERROR;
	}
	diffs = xprintf("%s/regression.diffs", o.outputdir);
	outp = xprintf("%s/regression.out", o.outputdir);
	pgr_run_all(&o, g, ng, outp);
	if (d != NULL && o.shard_count <= 1)
		pgr_durations_save(&o, d, g, ng);
	if (d != NULL)
		durations_free(d);
	rc = pgr_summarize(&o, g, ng, diffs, outp);
	if (ti != NULL)
		keep_instance_logs(&o, ti);
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
