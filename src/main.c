/*
 * main.c: the sqlcheck command.  Reads the options into one struct
 * options, connects, runs each test file and sets the exit status:
 * 0 nothing failed, 1 a test or a setup failed (or the constraint
 * coverage is below --coverage-min), 2 a file could not be read or
 * parsed, a usage error or a connection error, 130 interrupted.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "sqlcheck.h"

#ifndef PACKAGE_VERSION
#define PACKAGE_VERSION "0.1.0"
#endif

enum {
	OPT_DSN = 256,
	OPT_TAG,
	OPT_EXCLUDE_TAG,
	OPT_ISOLATION,
	OPT_COLOR,
	OPT_TEMP_INSTANCE,
	OPT_FORMAT,
	OPT_LOG,
	OPT_SHARD,
	OPT_TIMEOUT,
	OPT_REWRITE,
	OPT_DIFF,
	OPT_COVERAGE,
	OPT_COVERAGE_JSON,
	OPT_COVERAGE_MIN,
	OPT_CLEAN,
	OPT_SCHEMA,
	OPT_MIGRATIONS,
	OPT_CHECK_MIGRATIONS,
	OPT_MAX_ROWS
};

static const struct option long_options[] = {
	{ "driver", required_argument, NULL, 'd' },
	{ "dsn", required_argument, NULL, OPT_DSN },
	{ "filter", required_argument, NULL, 'k' },
	{ "tag", required_argument, NULL, OPT_TAG },
	{ "exclude-tag", required_argument, NULL, OPT_EXCLUDE_TAG },
	{ "fail-fast", no_argument, NULL, 'x' },
	{ "isolation", required_argument, NULL, OPT_ISOLATION },
	{ "temp-instance", no_argument, NULL, OPT_TEMP_INSTANCE },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "log", required_argument, NULL, OPT_LOG },
	{ "jobs", required_argument, NULL, 'j' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "timeout", required_argument, NULL, OPT_TIMEOUT },
	{ "rewrite", no_argument, NULL, OPT_REWRITE },
	{ "diff", no_argument, NULL, OPT_DIFF },
	{ "coverage", no_argument, NULL, OPT_COVERAGE },
	{ "coverage-json", required_argument, NULL, OPT_COVERAGE_JSON },
	{ "coverage-min", required_argument, NULL, OPT_COVERAGE_MIN },
	{ "clean", no_argument, NULL, OPT_CLEAN },
	{ "schema", required_argument, NULL, OPT_SCHEMA },
	{ "migrations", required_argument, NULL, OPT_MIGRATIONS },
	{ "check-migrations", required_argument, NULL, OPT_CHECK_MIGRATIONS },
	{ "max-rows", required_argument, NULL, OPT_MAX_ROWS },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f,
"usage: sqlcheck [OPTIONS] [PATH...]\n"
"Run .sqltest (and sqllogictest .test/.slt) files against a database.\n"
"PATH is a file or a directory searched recursively (default: sql-tests).\n"
"\n"
"  -d, --driver NAME      engine: %s (default sqlite);\n"
"                         postgres and mysql are modules, looked for in\n"
"                         SQLCHECK_MODULE_DIR, beside sqlcheck, then in\n"
"                         " PKGLIBDIR "\n"
"      --dsn DSN          where to connect (also SQLCHECK_DSN): a SQLite\n"
"                         file, a libpq conninfo or postgresql:// URI, or\n"
"                         mysql://user:pass@host:port/db[?socket=PATH]\n"
"      --temp-instance    start a throwaway server for the run (postgres,\n"
"                         mysql), removed afterwards\n"
"      --isolation MODE   auto (default), transaction or database\n"
"  -k, --filter PATTERN   run only tests whose name contains PATTERN (or\n"
"                         matches it as a glob when it has * ? [)\n"
"      --tag TAG          run only files tagged TAG (repeatable)\n"
"      --exclude-tag TAG  skip files tagged TAG (repeatable)\n"
"  -x, --fail-fast        stop at the first failure\n"
"  -j, --jobs N           run N files at once, each on its own session\n"
"                         (default: the number of cores; 1 on a SQLite file)\n"
"      --shard K/N        run only shard K of N (every N-th file, from the\n"
"                         K-th, in sorted order), for CI matrices\n"
"      --timeout SECONDS  cancel a statement running longer; its test fails\n"
"                         (on PostgreSQL tests then go one at a time, not\n"
"                         in batches of up to 32)\n"
"      --schema PATH      apply this .sql file, or the .sql files of this\n"
"                         directory in name order, at the start of every\n"
"                         test file (repeatable)\n"
"      --migrations DIR   apply the migrations of DIR (0001_x.sql,\n"
"                         V2__x.sql, 3_x.up.sql + 3_x.down.sql, ...) in\n"
"                         version order at the start of every test file;\n"
"                         a file with \"-- migrate: VERSION\" starts empty\n"
"      --check-migrations DIR\n"
"                         check every migration of DIR in a scratch\n"
"                         database: up, down restores the schema, up\n"
"                         again; with --schema, also compare the result\n"
"                         with the declared schema\n"
"      --max-rows N       stop a result at N rows (default 1000000, 0: no\n"
"                         limit); a test whose result has more fails.  A\n"
"                         result keeps only the rows its expectation\n"
"                         could match, and counts the others\n"
"      --rewrite          record mode: replace each failing expectation of\n"
"                         a .sqltest file with the actual result\n"
"      --diff             with --rewrite: print the change as a unified\n"
"                         diff instead of writing the files\n"
"      --format FORMAT    human (default), tap, junit, json or html (one\n"
"                         self-contained page; with --coverage it draws\n"
"                         the schema)\n"
"  -o, --output FILE      write the --format report to FILE (format from\n"
"                         its name when --format is not given: .xml junit,\n"
"                         .json json, .tap tap, .html html); human output\n"
"                         still goes to standard output\n"
"      --log FILE         write every statement with its duration and\n"
"                         outcome to FILE\n"
"      --coverage         after the summary, print which constraints of\n"
"                         the schema (primary keys, unique, foreign keys,\n"
"                         checks, not null, exclusion) a passing error\n"
"                         test violated, per table and in total\n"
"      --coverage-json FILE\n"
"                         write that constraint coverage to FILE as JSON\n"
"      --coverage-min PCT fail (exit 1) if less than PCT %% of the\n"
"                         constraints are covered\n"
"      --color WHEN       auto (default; off if NO_COLOR is set), always,\n"
"                         never\n"
"      --clean            run no tests: drop the scratch databases\n"
"                         (sqlcheck_ and 16 hex digits) that killed runs\n"
"                         left on the server of --dsn, naming each; one\n"
"                         a running sqlcheck still uses is kept\n"
"  -v, --verbose          echo each statement and the isolation used\n"
"  -q, --quiet            print only failures and the summary\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: 0 nothing failed, 1 a test or setup failed (or coverage\n"
"below --coverage-min), 2 a file could not be read or parsed, a usage or\n"
"connection error, 130 interrupted.\n"
"The last line printed is \"N passed, N failed, N skipped\".\n",
	    driver_names());
}

static void
parse_isolation(struct options *o, const char *arg)
{
	if (strcasecmp(arg, "auto") == 0)
		o->isolation = ISOLATION_AUTO;
	else if (strcasecmp(arg, "transaction") == 0)
		o->isolation = ISOLATION_TRANSACTION;
	else if (strcasecmp(arg, "database") == 0)
		o->isolation = ISOLATION_DATABASE;
	else
		fatalx("unknown isolation \"%s\": use auto, transaction or "
		    "database", arg);
}

static void
parse_color(struct options *o, const char *arg)
{
	const char	*nc = getenv("NO_COLOR");

	if (strcasecmp(arg, "always") == 0)
		o->color = 1;
	else if (strcasecmp(arg, "never") == 0)
		o->color = 0;
	else if (strcasecmp(arg, "auto") == 0)
		o->color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	else
		fatalx("unknown --color \"%s\": use auto, always or never",
		    arg);
}

/* A whole number in [min, max] for option name, or exit 2. */
static int
parse_number(const char *arg, const char *name, long min, long max)
{
	char	*end;
	long	 n;

	n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || n < min || n > max)
		fatalx("bad %s \"%s\": give a number from %ld to %ld", name,
		    arg, min, max);
	return (int)n;
}

/* --shard K/N with 1 <= K <= N. */
static void
parse_shard(struct options *o, const char *arg)
{
	int	k, n, used = 0;

	if (sscanf(arg, "%d/%d%n", &k, &n, &used) != 2 ||
	    arg[used] != '\0' || n < 1 || k < 1 || k > n)
		fatalx("bad --shard \"%s\": write K/N with 1 <= K <= N, "
		    "for example 2/4", arg);
	o->shard_index = k;
	o->shard_count = n;
}

/* --coverage-min PCT: a percentage from 0 to 100. */
static void
parse_coverage_min(struct options *o, const char *arg)
{
	char	*end;

	o->coverage_min = strtod(arg, &end);
	if (end == arg || (*end != '\0' && strcmp(end, "%") != 0) ||
	    o->coverage_min < 0 || o->coverage_min > 100)
		fatalx("bad --coverage-min \"%s\": give a percentage from 0 "
		    "to 100", arg);
}

/* Fill o from the command line; returns the index of the first path. */
static int
parse_args(int argc, char **argv, struct options *o)
{
	char	*end;
	int	 ch;

	memset(o, 0, sizeof *o);
	o->driver = "sqlite";
	o->coverage_min = -1;
	o->max_rows = SQLCHECK_MAX_ROWS;
	o->dsn = getenv("SQLCHECK_DSN");
	parse_color(o, "auto");
	while ((ch = getopt_long(argc, argv, "d:j:k:o:xvqhV", long_options,
	    NULL)) != -1) {
		switch (ch) {
		case 'd':
			o->driver = optarg;
			break;
		case OPT_DSN:
			o->dsn = optarg;
			break;
		case 'k':
			o->filter = optarg;
			break;
		case OPT_TAG:
			str_split_list(optarg, &o->tags, &o->ntags);
			break;
		case OPT_EXCLUDE_TAG:
			str_split_list(optarg, &o->exclude_tags,
			    &o->nexclude_tags);
			break;
		case 'x':
			o->fail_fast = 1;
			break;
		case OPT_ISOLATION:
			parse_isolation(o, optarg);
			break;
		case OPT_TEMP_INSTANCE:
			o->temp_instance = 1;
			break;
		case OPT_COLOR:
			parse_color(o, optarg);
			break;
		case OPT_FORMAT:
			if (report_find(optarg) == NULL)
				fatalx("unknown --format \"%s\": use human, "
				    "tap, junit, json or html", optarg);
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_LOG:
			o->log = optarg;
			break;
		case 'j':
			o->jobs = parse_number(optarg, "-j", 1, 1024);
			break;
		case OPT_SHARD:
			parse_shard(o, optarg);
			break;
		case OPT_REWRITE:
			o->rewrite = 1;
			break;
		case OPT_DIFF:
			o->rewrite_diff = 1;
			break;
		case OPT_COVERAGE:
			o->coverage = o->coverage_table = 1;
			break;
		case OPT_COVERAGE_JSON:
			o->coverage = 1;
			o->coverage_json = optarg;
			break;
		case OPT_COVERAGE_MIN:
			o->coverage = 1;
			parse_coverage_min(o, optarg);
			break;
		case OPT_CLEAN:
			o->clean = 1;
			break;
		case OPT_SCHEMA:
			str_list_add(&o->schema_paths, &o->nschema_paths,
			    optarg);
			break;
		case OPT_MIGRATIONS:
			o->migrations_dir = optarg;
			break;
		case OPT_CHECK_MIGRATIONS:
			o->check_migrations = optarg;
			break;
		case OPT_MAX_ROWS:
			o->max_rows = (size_t)parse_number(optarg,
			    "--max-rows", 0, 2147483647L);
			break;
		case OPT_TIMEOUT:
			o->timeout = strtod(optarg, &end);
			if (end == optarg || *end != '\0' || o->timeout <= 0)
				fatalx("bad --timeout \"%s\": give seconds, "
				    "for example 1 or 0.5", optarg);
			break;
		case 'v':
			o->verbose++;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case 'h':
			usage(stdout);
			exit(SQLCHECK_EXIT_OK);
		case 'V':
			printf("sqlcheck %s\n", PACKAGE_VERSION);
			exit(SQLCHECK_EXIT_OK);
		default:
			usage(stderr);
			exit(SQLCHECK_EXIT_ERROR);
		}
	}
	if (o->rewrite_diff && !o->rewrite)
		fatalx("--diff goes with --rewrite");
	if (o->clean && (optind < argc || o->temp_instance))
		fatalx("--clean runs no tests: give it no paths and no "
		    "--temp-instance");
	if (o->check_migrations != NULL && optind < argc)
		fatalx("--check-migrations takes no test paths");
	return optind;
}

static void
on_signal(int sig)
{
	run_request_stop(sig);
}

/* First signal: stop after the current statement; a second one kills. */
static void
install_signals(void)
{
	struct sigaction	sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* 1 if standard output carries the human report. */
static int
human_on_stdout(const struct options *o)
{
	return o->format == NULL || o->output != NULL ||
	    strcmp(o->format, "human") == 0;
}

/*
 * Once every file has run: the --coverage table (on standard output
 * after the summary, or on standard error when standard output carries
 * another format), the --coverage-json file, and the --coverage-min
 * check.  Returns 1 if the coverage is below --coverage-min.
 */
static int
finish_coverage(const struct options *o)
{
	size_t	 covered, total;
	char	*cause = NULL;
	int	 below = 0;

	if (!o->coverage)
		return 0;
	if (o->coverage_table)
		coverage_report(human_on_stdout(o) ? stdout : stderr);
	if (o->coverage_json != NULL &&
	    coverage_write_json(o->coverage_json, &cause) != 0)
		fatalx("%s", cause);
	if (o->coverage_min >= 0 && !coverage_total(&covered, &total)) {
		log_warnx("no constraint was found, so constraint coverage is "
		    "below --coverage-min %g %%", o->coverage_min);
		below = 1;
	} else if (o->coverage_min >= 0 &&
	    100.0 * (double)covered / (double)total < o->coverage_min) {
		log_warnx("constraint coverage %.1f %% (%zu of %zu) is below "
		    "--coverage-min %g %%", 100.0 * (double)covered /
		    (double)total, covered, total, o->coverage_min);
		below = 1;
	}
	coverage_free();
	return below;
}

/* Start a throwaway server for the driver; exits 2 if it cannot. */
static struct tempinst *
start_temp_instance(const struct driver *drv)
{
	struct tempinst	*ti = NULL;
	char		*cause = NULL;

	if (drv->temp_start != NULL)
		ti = drv->temp_start(&cause);
	else
		fatalx("--temp-instance needs a server engine (postgres, "
		    "mysql), not %s", drv->name);
	if (ti == NULL)
		fatalx("cannot start a temporary %s server: %s", drv->name,
		    cause);
	log_debug("temporary %s server in %s started in %.2f s", drv->name,
	    ti->dir, ti->startup_seconds);
	return ti;
}

/* Keep the files of shard K of N (K from 1): every N-th, from the K-th. */
static void
select_shard(const struct options *o, char **files, size_t *nfiles)
{
	size_t	i, kept = 0;

	if (o->shard_count <= 1)
		return;
	for (i = 0; i < *nfiles; i++) {
		if ((int)(i % (size_t)o->shard_count) == o->shard_index - 1)
			files[kept++] = files[i];
		else
			free(files[i]);
	}
	*nfiles = kept;
}

/* How many workers: -j, but one on a SQLite database file (its lock). */
static int
worker_count(const struct options *o, const struct driver *drv)
{
	long	n = o->jobs;

	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	if (strcmp(drv->name, "sqlite") == 0 && o->dsn != NULL &&
	    *o->dsn != '\0' && strcmp(o->dsn, ":memory:") != 0 && n > 1) {
		log_debug("one worker: a SQLite database file takes one "
		    "writer at a time");
		n = 1;
	}
	return (int)n;
}

/*
 * Read the --schema files and the --migrations directory once, for every
 * worker to share; exits 2 if one cannot be read.
 */
static void
read_prelude(struct options *o, struct sqlfiles *sf,
    struct migrations **ms)
{
	char	*cause = NULL;
	size_t	 i;

	memset(sf, 0, sizeof *sf);
	*ms = NULL;
	for (i = 0; i < o->nschema_paths; i++) {
		if (sqlfiles_add(sf, o->schema_paths[i], &cause) != 0)
			fatalx("--schema: %s", cause);
	}
	if (sf->nrecords > 0)
		o->schema = sf;
	if (o->migrations_dir != NULL) {
		*ms = migrations_read(o->migrations_dir, &cause);
		if (*ms == NULL)
			fatalx("--migrations: %s", cause);
		o->migrations = *ms;
	}
}

/*
 * --check-migrations DIR: check the migrations on the open session c
 * (closed here) and report them as one file whose tests are the steps.
 * Returns the exit status.
 */
static int
check_migrations(const struct options *o, struct conn *c)
{
	struct migrations	*ms;
	struct file_report	 fr;
	struct totals		 t;
	char			*cause = NULL;
	int			 status;

	ms = migrations_read(o->check_migrations, &cause);
	if (ms == NULL)
		fatalx("--check-migrations: %s", cause);
	if (report_open(o, 1, &cause) != 0)
		fatalx("%s", cause);
	memset(&fr, 0, sizeof fr);
	memset(&t, 0, sizeof t);
	fr.path = o->check_migrations;
	migcheck_run(c, ms, o->schema, &fr);
	c->drv->close(c);
	file_report_count(&fr);
	t.files = 1;
	t.passed = fr.passed;
	t.failed = fr.failed + (fr.outcome == OUTCOME_ERROR);
	t.skipped = fr.skipped;
	t.seconds = fr.seconds;
	report_file(&fr);
	report_end(&t);
	status = fr.outcome == OUTCOME_ERROR ? SQLCHECK_EXIT_ERROR :
	    t.failed > 0 ? SQLCHECK_EXIT_FAIL : SQLCHECK_EXIT_OK;
	file_report_free(&fr);
	migrations_free(ms);
	return status;
}

int
main(int argc, char **argv)
{
	struct options		 o;
	const struct driver	*drv;
	struct tempinst		*ti = NULL;
	struct conn		 c;
	struct totals		 t;
	struct pool_config	 cfg;
	struct sqlfiles		 schema;
	struct migrations	*migrations;
	char			**files = NULL, dflt_path[] = "sql-tests";
	char			*template, *command_line;
	char			*server_version = NULL;
	char			*dflt[] = { dflt_path };
	size_t			 nfiles = 0;
	char			*cause = NULL;
	int			 first, bad_paths, below, status;

	first = parse_args(argc, argv, &o);
	log_set_verbose(o.verbose);
	drv = driver_find(o.driver);
	if (drv == NULL && driver_load_error(o.driver) != NULL)
		fatalx("%s", driver_load_error(o.driver));
	if (drv == NULL)
		fatalx("unknown or not compiled-in driver \"%s\" (known: %s)",
		    o.driver, driver_names());
	if (o.clean)
		return clean_run(drv, o.dsn);
	read_prelude(&o, &schema, &migrations);
	install_signals();
	if (o.temp_instance) {
		ti = start_temp_instance(drv);
		o.dsn = ti->dsn;
	}
	if (pool_connect(drv, o.dsn, &c) != 0) {
		tempinst_stop(ti);
		return SQLCHECK_EXIT_ERROR;
	}
	if (drv->version != NULL) {
		server_version = xstrdup(drv->version(&c));
		o.server_version = server_version;
		log_debug("connected: %s", server_version);
	}
	if (o.check_migrations != NULL) {
		status = check_migrations(&o, &c);
		free(server_version);
		tempinst_stop(ti);
		str_list_free(o.schema_paths, o.nschema_paths);
		sqlfiles_free(&schema);
		migrations_free(migrations);
		return status;
	}
	bad_paths = files_collect(first < argc ? argv + first : dflt,
	    first < argc ? argc - first : 1, &files, &nfiles) != 0;
	select_shard(&o, files, &nfiles);
	memset(&t, 0, sizeof t);
	o.command_line = command_line = str_command_line(argc, argv);
	if (report_open(&o, nfiles, &cause) != 0)
		fatalx("%s", cause);
	if (o.log != NULL && querylog_open(o.log, &cause) != 0)
		fatalx("%s", cause);
	template = run_template_build(&c, &o);
	o.template = template;
	memset(&cfg, 0, sizeof cfg);
	cfg.drv = drv;
	cfg.dsn = o.dsn;
	cfg.opts = &o;
	cfg.files = files;
	cfg.nfiles = nfiles;
	cfg.jobs = worker_count(&o, drv);
	cfg.progress = isatty(STDOUT_FILENO) && !o.verbose && !o.quiet &&
	    (o.format == NULL || o.output != NULL);
	if (o.coverage)
		coverage_start(drv->name);
	/* An unwritable --coverage-json fails now, not after the run. */
	if (o.coverage_json != NULL &&
	    coverage_write_json(o.coverage_json, &cause) != 0)
		fatalx("%s", cause);
	pool_run(&cfg, &c, &t);
	if (template != NULL)
		drv->template_drop(template);
	free(template);
	tempinst_stop(ti);
	report_end(&t);
	below = finish_coverage(&o);
	querylog_close();
	str_list_free(files, nfiles);
	str_list_free(o.tags, o.ntags);
	str_list_free(o.exclude_tags, o.nexclude_tags);
	str_list_free(o.schema_paths, o.nschema_paths);
	sqlfiles_free(&schema);
	migrations_free(migrations);
	free(command_line);
	free(server_version);
	if (run_stopped())
		return SQLCHECK_EXIT_SIGINT;
	if (t.errors > 0 || bad_paths)
		return SQLCHECK_EXIT_ERROR;
	return t.failed > 0 || below ? SQLCHECK_EXIT_FAIL : SQLCHECK_EXIT_OK;
}
