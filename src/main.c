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

/* The version is written once, in configure.ac's AC_INIT. */
#ifndef PACKAGE_VERSION
#error "PACKAGE_VERSION comes from config.h: run configure"
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
	OPT_MAX_ROWS,
	OPT_SEED,
	OPT_BASELINE,
	OPT_CONFIG,
	OPT_NO_CONFIG,
	OPT_PRINT_CONFIG,
	OPT_PGTAP,
	OPT_ALLOW_SERVER_CHANGES,
	OPT_DURATIONS,
	OPT_MERGE,
	OPT_NO_BATCH
};

/*
 * Every option, for getopt_long and for sqlcheck.conf (config.c): the
 * long name is the key in the file.  OPTDEF_CLI options are actions or
 * about the file itself, and stay on the command line.
 */
static const struct optdef optdefs[] = {
	{ "driver", 'd', 1, 0, SQLCHECK_DEFAULT_ENGINE },
	{ "dsn", OPT_DSN, 1, 0, NULL },
	{ "filter", 'k', 1, 0, NULL },
	{ "tag", OPT_TAG, 1, OPTDEF_LIST, NULL },
	{ "exclude-tag", OPT_EXCLUDE_TAG, 1, OPTDEF_LIST, NULL },
	{ "fail-fast", 'x', 0, 0, NULL },
	{ "isolation", OPT_ISOLATION, 1, 0, "auto" },
	{ "temp-instance", OPT_TEMP_INSTANCE, 0, 0, NULL },
	/* Never from a file: changes that persist are asked for each run. */
	{ "allow-server-changes", OPT_ALLOW_SERVER_CHANGES, 0, OPTDEF_CLI,
	    NULL },
	{ "color", OPT_COLOR, 1, 0, "auto" },
	{ "format", OPT_FORMAT, 1, 0, "human" },
	{ "output", 'o', 1, OPTDEF_PATH, NULL },
	{ "log", OPT_LOG, 1, OPTDEF_PATH, NULL },
	{ "jobs", 'j', 1, 0, "the number of cores" },
	{ "shard", OPT_SHARD, 1, 0, NULL },
	{ "durations", OPT_DURATIONS, 1, OPTDEF_PATH, NULL },
	{ "merge", OPT_MERGE, 0, OPTDEF_CLI, NULL },
	{ "timeout", OPT_TIMEOUT, 1, 0, "none" },
	{ "no-batch", OPT_NO_BATCH, 0, 0, NULL },
	{ "rewrite", OPT_REWRITE, 0, OPTDEF_CLI, NULL },
	{ "diff", OPT_DIFF, 0, OPTDEF_CLI, NULL },
	{ "coverage", OPT_COVERAGE, 0, 0, NULL },
	{ "coverage-json", OPT_COVERAGE_JSON, 1, OPTDEF_PATH, NULL },
	{ "coverage-min", OPT_COVERAGE_MIN, 1, 0, NULL },
	{ "clean", OPT_CLEAN, 0, OPTDEF_CLI, NULL },
	{ "schema", OPT_SCHEMA, 1, OPTDEF_PATH | OPTDEF_LIST | OPTDEF_INPUT,
	    NULL },
	{ "migrations", OPT_MIGRATIONS, 1, OPTDEF_PATH | OPTDEF_INPUT, NULL },
	{ "baseline", OPT_BASELINE, 0, 0, NULL },
	{ "check-migrations", OPT_CHECK_MIGRATIONS, 1, OPTDEF_CLI, NULL },
	{ "max-rows", OPT_MAX_ROWS, 1, 0, "1000000" },
	{ "seed", OPT_SEED, 1, 0, "1" },
	{ "pgtap", OPT_PGTAP, 0, 0, NULL },
	{ "config", OPT_CONFIG, 1, OPTDEF_CLI, NULL },
	{ "no-config", OPT_NO_CONFIG, 0, OPTDEF_CLI, NULL },
	{ "print-config", OPT_PRINT_CONFIG, 0, OPTDEF_CLI, NULL },
	{ "verbose", 'v', 0, 0, NULL },
	{ "quiet", 'q', 0, 0, NULL },
	{ "help", 'h', 0, OPTDEF_CLI, NULL },
	{ "version", 'V', 0, OPTDEF_CLI, NULL },
};
#define NOPTDEFS	(sizeof optdefs / sizeof optdefs[0])

static void
usage(FILE *f)
{
	fprintf(f,
"usage: sqlcheck [OPTIONS] [PATH...]\n"
"       sqlcheck pg-regress [PG_REGRESS OPTIONS] [TEST...]\n"
"Run .sqltest (and sqllogictest .test/.slt, pgTAP .pg) files against a\n"
"database.\n"
"PATH is a file or a directory searched recursively (default: sql-tests).\n"
"\n"
"  -d, --driver NAME      engine: %s (default sqlite);\n"
"                         postgres and mysql are modules, looked for in\n"
"                         SQLCHECK_MODULE_DIR, beside sqlcheck, then in\n"
"                         " PKGLIBDIR "\n"
"      --dsn DSN          where to connect (also SQLCHECK_DSN): a SQLite\n"
"                         file, a libpq conninfo or postgresql:// URI, or\n"
"                         mysql://user:pass@host:port/db[?socket=PATH]\n"
"                         [&option-file=PATH]; its password is hidden from\n"
"                         ps once read, but SQLCHECK_DSN, PGPASSWORD,\n"
"                         ~/.pgpass or an option file never show it\n"
"      --temp-instance    start a throwaway server for the run (postgres,\n"
"                         mysql) that only you and root can reach,\n"
"                         removed afterwards\n"
"      --allow-server-changes\n"
"                         send statements that change the server beyond\n"
"                         the file's database (CREATE/DROP DATABASE,\n"
"                         roles and users, tablespaces, SET GLOBAL, ...),\n"
"                         which are refused otherwise: such changes\n"
"                         PERSIST after the run (not needed with\n"
"                         --temp-instance)\n"
"      --isolation MODE   auto (default), transaction or database\n"
"  -k, --filter PATTERN   run only tests whose name contains PATTERN (or\n"
"                         matches it as a glob when it has * ? [)\n"
"      --tag TAG          run only files tagged TAG (repeatable)\n"
"      --exclude-tag TAG  skip files tagged TAG (repeatable)\n"
"  -x, --fail-fast        stop at the first failure (one file at a time)\n"
"  -j, --jobs N           run N files at once, each on its own session\n"
"                         (default: the number of cores; 1 on a SQLite file)\n"
"      --shard K/N        run only shard K of N (every N-th file, from the\n"
"                         K-th, in sorted order; with --durations, split\n"
"                         by duration), for CI matrices\n"
"      --durations FILE   each file's duration (JSON): --shard splits by\n"
"                         it; a run without --shard and --merge write it\n"
"      --merge REPORT.json...\n"
"                         merge the --format json reports of the shards of\n"
"                         a run into one report in any --format, checking\n"
"                         that every shard and file is there once\n"
"      --timeout SECONDS  cancel a statement running longer; its test fails\n"
"                         (tests then go one at a time, not in batches)\n"
"      --no-batch         send one statement at a time and wait for its\n"
"                         result (PostgreSQL and MariaDB otherwise send up\n"
"                         to 32 tests, 64 setup statements, in one round\n"
"                         trip, with the same results): slower, to compare\n"
"      --schema PATH      apply this .sql file, or the .sql files of this\n"
"                         directory in name order, at the start of every\n"
"                         test file (repeatable)\n"
"      --migrations DIR   apply the migrations of DIR (0001_x.sql,\n"
"                         V2__x.sql, 3_x.up.sql + 3_x.down.sql,\n"
"                         4_x.postgres.up.sql, ...) in version order at the\n"
"                         start of every test file;\n"
"                         a file with \"-- migrate: VERSION\" starts empty\n"
"      --baseline         migrations start from the --schema files, not\n"
"                         from an empty database: for files with\n"
"                         \"-- migrate:\" and for --check-migrations\n"
"      --check-migrations DIR\n"
"                         check every migration of DIR in a scratch\n"
"                         database: up, down restores the schema, up\n"
"                         again; with --schema, also compare the result\n"
"                         with the declared schema\n"
"      --max-rows N       stop a result at N rows (default 1000000, 0: no\n"
"                         limit); a test whose result has more fails.  A\n"
"                         result keeps only the rows its expectation\n"
"                         could match, and counts the others\n"
"      --seed N           what \"-- make:\" makes: the same N makes the same\n"
"                         rows on every run and engine (default 1)\n"
"      --rewrite          record mode: replace each failing expectation of\n"
"                         a .sqltest file with the actual result\n"
"      --diff             with --rewrite: print the change as a unified\n"
"                         diff instead of writing the files\n"
"      --pgtap            read every file named that is not .sqltest, .slt\n"
"                         or .test as a pgTAP file (as *.pg files and files\n"
"                         with a \"-- format: pgtap\" line are read); runs\n"
"                         on postgres, each assertion a test\n"
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
"      --config FILE      read the options of FILE instead of\n"
"                         ./sqlcheck.conf (INI: [sqlcheck] for every\n"
"                         engine, [ENGINE] for one; the command line wins)\n"
"      --no-config        read no configuration file\n"
"      --print-config     run nothing: print each option in force for the\n"
"                         engine (-d) and where it came from\n"
"  -v, --verbose          echo each statement (at its own FILE:LINE) and\n"
"                         the isolation used\n"
"  -q, --quiet            print only failures and the summary (with -v:\n"
"                         statements still echoed, no isolation lines)\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"--clean, --check-migrations, --rewrite and --merge are modes: give one at\n"
"most.\n"
"\n"
"Exit status: 0 nothing failed, 1 a test or setup failed (or coverage\n"
"below --coverage-min), 2 a file could not be read or parsed, -k/--tag/\n"
"--exclude-tag selected no test, a usage or connection error,\n"
"130 interrupted.\n"
"The last line printed is \"N passed, N failed, N skipped\".\n"
"\n"
"sqlcheck pg-regress runs a PostgreSQL pg_regress suite (sql/NAME.sql\n"
"against expected/NAME.out) with pg_regress's options, psql's output\n"
"made natively; see sqlcheck pg-regress --help.\n",
	    driver_names());
}

/*
 * "sqlcheck pg-regress ...": pg_regress suites, run by the PostgreSQL
 * module (src/pgregress.c).
 */
static int
pg_regress(int argc, char **argv)
{
	int	(*entry)(int, char **);

	*(void **)&entry = driver_module_symbol("postgres",
	    "sqlcheck_module_pg_regress");
	if (entry == NULL)
		fatalx("pg-regress needs the postgres driver: %s",
		    driver_load_error("postgres") != NULL ?
		    driver_load_error("postgres") : "it has no pg-regress");
	/* a \g |command that stops reading early must not end the run:
	 * psql ignores SIGPIPE while it writes to a pipe */
	signal(SIGPIPE, SIG_IGN);
	return entry(argc, argv);
}

static int
parse_isolation(struct options *o, const char *arg, char **cause)
{
	if (strcasecmp(arg, "auto") == 0)
		o->isolation = ISOLATION_AUTO;
	else if (strcasecmp(arg, "transaction") == 0)
		o->isolation = ISOLATION_TRANSACTION;
	else if (strcasecmp(arg, "database") == 0)
		o->isolation = ISOLATION_DATABASE;
	else {
		*cause = xprintf("unknown isolation \"%s\": use auto, "
		    "transaction or database", arg);
		return -1;
	}
	return 0;
}

static int
parse_color(struct options *o, const char *arg, char **cause)
{
	const char	*nc = getenv("NO_COLOR");

	if (strcasecmp(arg, "always") == 0)
		o->color = 1;
	else if (strcasecmp(arg, "never") == 0)
		o->color = 0;
	else if (strcasecmp(arg, "auto") == 0)
		o->color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	else {
		*cause = xprintf("unknown --color \"%s\": use auto, always or "
		    "never", arg);
		return -1;
	}
	return 0;
}

/* A whole number in [min, max] for option name into *n; -1 with *cause. */
static int
parse_number(const char *arg, const char *name, long min, long max,
    long *n, char **cause)
{
	char	*end;

	*n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || *n < min || *n > max) {
		*cause = xprintf("bad %s \"%s\": give a number from %ld to %ld",
		    name, arg, min, max);
		return -1;
	}
	return 0;
}

/* --shard K/N with 1 <= K <= N. */
static int
parse_shard(struct options *o, const char *arg, char **cause)
{
	int	k, n, used = 0;

	if (sscanf(arg, "%d/%d%n", &k, &n, &used) != 2 ||
	    arg[used] != '\0' || n < 1 || k < 1 || k > n) {
		*cause = xprintf("bad --shard \"%s\": write K/N with 1 <= K "
		    "<= N, for example 2/4", arg);
		return -1;
	}
	o->shard_index = k;
	o->shard_count = n;
	return 0;
}

/* --coverage-min PCT: a percentage from 0 to 100. */
static int
parse_coverage_min(struct options *o, const char *arg, char **cause)
{
	char	*end;

	o->coverage = 1;
	o->coverage_min = strtod(arg, &end);
	if (end == arg || (*end != '\0' && strcmp(end, "%") != 0) ||
	    o->coverage_min < 0 || o->coverage_min > 100) {
		*cause = xprintf("bad --coverage-min \"%s\": give a percentage "
		    "from 0 to 100", arg);
		return -1;
	}
	return 0;
}

/*
 * --clean, --check-migrations and --rewrite each make sqlcheck do
 * something other than run the tests: two of them at once is a usage
 * error, not a silent choice of one.
 */
static void
check_one_mode(const struct options *o)
{
	const char	*modes[4];
	int		 n = 0;

	if (o->clean)
		modes[n++] = "--clean";
	if (o->check_migrations != NULL)
		modes[n++] = "--check-migrations";
	if (o->rewrite)
		modes[n++] = "--rewrite";
	if (o->merge)
		modes[n++] = "--merge";
	if (n > 1)
		fatalx("%s and %s are two modes: give one of --clean, "
		    "--check-migrations, --rewrite or --merge per run",
		    modes[0], modes[1]);
}

/* --timeout SECONDS, more than 0. */
static int
parse_timeout(struct options *o, const char *arg, char **cause)
{
	char	*end;

	o->timeout = strtod(arg, &end);
	if (end == arg || *end != '\0' || o->timeout <= 0) {
		*cause = xprintf("bad --timeout \"%s\": give seconds, for "
		    "example 1 or 0.5", arg);
		return -1;
	}
	return 0;
}

/* --format: a reporter's name. */
static int
parse_format(struct options *o, const char *arg, char **cause)
{
	if (report_find(arg) == NULL) {
		*cause = xprintf("unknown --format \"%s\": use human, tap, "
		    "junit, json or html", arg);
		return -1;
	}
	o->format = arg;
	return 0;
}

/* Options that take a number: -j and --max-rows. */
static int
set_number(struct options *o, int val, const char *arg, char **cause)
{
	long	n;

	if (val == 'j') {
		if (parse_number(arg, "--jobs", 1, 1024, &n, cause) != 0)
			return -1;
		o->jobs = (int)n;
		return 0;
	}
	if (val == OPT_SEED) {
		if (parse_number(arg, "--seed", 0, 2147483647L, &n, cause) != 0)
			return -1;
		o->seed = (uint64_t)n;
		return 0;
	}
	if (parse_number(arg, "--max-rows", 0, 2147483647L, &n, cause) != 0)
		return -1;
	o->max_rows = (size_t)n;
	return 0;
}

/*
 * Set one option of o (a struct options) from one value, from the
 * command line or sqlcheck.conf (config_apply_fn); arg is NULL for an
 * option without argument.  Strings are borrowed: they live as long as
 * argv or the config.  0, or -1 with *cause.
 */
static int
set_option(void *ctx, const struct optdef *d, const char *arg, char **cause)
{
	struct options	*o = ctx;

	switch (d->val) {
	case 'd':
		o->driver = arg;
		break;
	case OPT_DSN:
		o->dsn = arg;
		break;
	case 'k':
		o->filter = arg;
		break;
	case OPT_TAG:
		str_split_list(arg, &o->tags, &o->ntags);
		break;
	case OPT_EXCLUDE_TAG:
		str_split_list(arg, &o->exclude_tags, &o->nexclude_tags);
		break;
	case 'x':
		o->fail_fast = 1;
		break;
	case OPT_ISOLATION:
		return parse_isolation(o, arg, cause);
	case OPT_TEMP_INSTANCE:
		o->temp_instance = 1;
		break;
	case OPT_ALLOW_SERVER_CHANGES:
		o->allow_server_changes = 1;
		break;
	case OPT_COLOR:
		return parse_color(o, arg, cause);
	case OPT_FORMAT:
		return parse_format(o, arg, cause);
	case 'o':
		o->output = arg;
		break;
	case OPT_LOG:
		o->log = arg;
		break;
	case 'j':
	case OPT_SEED:
	case OPT_MAX_ROWS:
		return set_number(o, d->val, arg, cause);
	case OPT_SHARD:
		return parse_shard(o, arg, cause);
	case OPT_REWRITE:
		o->rewrite = 1;
		break;
	case OPT_DURATIONS:
		o->durations = arg;
		break;
	case OPT_MERGE:
		o->merge = 1;
		break;
	case OPT_PGTAP:
		o->pgtap = 1;
		break;
	case OPT_DIFF:
		o->rewrite_diff = 1;
		break;
	case OPT_COVERAGE:
		o->coverage = o->coverage_table = 1;
		break;
	case OPT_COVERAGE_JSON:
		o->coverage = 1;
		o->coverage_json = arg;
		break;
	case OPT_COVERAGE_MIN:
		return parse_coverage_min(o, arg, cause);
	case OPT_CLEAN:
		o->clean = 1;
		break;
	case OPT_SCHEMA:
		str_list_add(&o->schema_paths, &o->nschema_paths, arg);
		break;
	case OPT_MIGRATIONS:
		o->migrations_dir = arg;
		break;
	case OPT_BASELINE:
		o->baseline = 1;
		break;
	case OPT_CHECK_MIGRATIONS:
		o->check_migrations = arg;
		break;
	case OPT_TIMEOUT:
		return parse_timeout(o, arg, cause);
	case OPT_NO_BATCH:
		o->no_batch = 1;
		break;
	case 'v':
		o->verbose++;
		break;
	case 'q':
		o->quiet = 1;
		break;
	}
	return 0;
}

/* The defaults, before the file and the command line. */
static void
options_init(struct options *o)
{
	char	*cause = NULL;

	memset(o, 0, sizeof *o);
	o->driver = SQLCHECK_DEFAULT_ENGINE;
	o->coverage_min = -1;
	o->max_rows = SQLCHECK_MAX_ROWS;
	o->seed = 1;
	o->dsn = getenv("SQLCHECK_DSN");
	parse_color(o, "auto", &cause);
}

/* Free the lists set_option made. */
static void
options_free_lists(struct options *o)
{
	str_list_free(o->tags, o->ntags);
	str_list_free(o->exclude_tags, o->nexclude_tags);
	str_list_free(o->schema_paths, o->nschema_paths);
	o->tags = o->exclude_tags = o->schema_paths = NULL;
	o->ntags = o->nexclude_tags = o->nschema_paths = 0;
}

/* What the command line says about the configuration file. */
struct cli_config {
	const char	*path;		/* --config FILE, or NULL */
	int		 none;		/* --no-config */
	int		 print;		/* --print-config */
};

/*
 * Read the command line into cfg (the options as given, for config.c to
 * merge) and cc; -h and -V are answered here.
 */
static void
read_command_line(int argc, char **argv, struct config *cfg,
    struct cli_config *cc)
{
	struct option	 lo[NOPTDEFS + 1];
	size_t		 i;
	int		 ch;

	memset(lo, 0, sizeof lo);
	for (i = 0; i < NOPTDEFS; i++) {
		lo[i].name = optdefs[i].name;
		lo[i].has_arg = optdefs[i].has_arg ? required_argument :
		    no_argument;
		lo[i].val = optdefs[i].val;
	}
	memset(cc, 0, sizeof *cc);
	while ((ch = getopt_long(argc, argv, "d:j:k:o:xvqhV", lo, NULL)) !=
	    -1) {
		if (ch == 'h') {
			usage(stdout);
			exit(SQLCHECK_EXIT_OK);
		} else if (ch == 'V') {
			printf("sqlcheck %s\n", PACKAGE_VERSION);
			exit(SQLCHECK_EXIT_OK);
		} else if (ch == OPT_CONFIG)
			cc->path = optarg;
		else if (ch == OPT_NO_CONFIG)
			cc->none = 1;
		else if (ch == OPT_PRINT_CONFIG)
			cc->print = 1;
		else if (config_def(cfg, ch) != NULL) {
			config_add_arg(cfg, config_def(cfg, ch), optarg);
			/* ps shows argv to every user: keep only a copy. */
			if (ch == OPT_DSN)
				dsn_hide_password(optarg);
		} else {
			usage(stderr);
			exit(SQLCHECK_EXIT_ERROR);
		}
	}
	config_set_paths(cfg, argv + optind, (size_t)(argc - optind));
	if (cc->path != NULL && cc->none)
		fatalx("--config and --no-config: give one or the other");
}

/*
 * Read sqlcheck.conf (unless --no-config), check every value in it, and
 * fill o with the options in force: the command line over the engine's
 * section over [sqlcheck] over the defaults.  Exits 2 on an error.
 */
static void
merge_config(struct config *cfg, const struct cli_config *cc,
    struct options *o)
{
	struct options	 scratch;
	char		*cause = NULL;

	if (!cc->none && config_read(cfg, cc->path != NULL ? cc->path :
	    "sqlcheck.conf", cc->path != NULL, &cause) != 0)
		fatalx("%s", cause);
	options_init(&scratch);
	if (config_check(cfg, set_option, &scratch, &cause) != 0)
		fatalx("%s", cause);
	options_free_lists(&scratch);
	options_init(o);
	config_set_env_dsn(cfg, o->dsn);
	if (config_apply(cfg, config_engine(cfg), set_option, o, &cause) != 0)
		fatalx("%s", cause);
}

/* Fill o from the command line and sqlcheck.conf. */
static void
parse_args(int argc, char **argv, struct config *cfg, struct options *o,
    struct cli_config *cc)
{
	read_command_line(argc, argv, cfg, cc);
	merge_config(cfg, cc, o);
	if (o->rewrite_diff && !o->rewrite)
		fatalx("--diff goes with --rewrite");
	check_one_mode(o);
	if (o->clean && (optind < argc || o->temp_instance))
		fatalx("--clean runs no tests: give it no paths and no "
		    "--temp-instance");
	if (o->check_migrations != NULL && optind < argc)
		fatalx("--check-migrations takes no test paths");
}

/* -v: which configuration file was read, and its sections. */
static void
log_config(const struct config *cfg)
{
	char	*sections;

	if (config_path(cfg) == NULL) {
		log_debug("no configuration file");
		return;
	}
	sections = config_sections(cfg);
	log_debug("configuration file %s: %s", config_path(cfg),
	    *sections != '\0' ? sections : "empty");
	free(sections);
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

/*
 * After a failed connection with no DSN at all (no --dsn, no
 * SQLCHECK_DSN): say how to get a server without one.
 */
static void
hint_temp_instance(const struct options *o, const struct driver *drv)
{
	if ((o->dsn != NULL && *o->dsn != '\0') || o->temp_instance ||
	    drv->temp_start == NULL)
		return;
	log_warnx("hint: no --dsn was given (nor SQLCHECK_DSN): give the "
	    "server to test on with --dsn, or let sqlcheck start a throwaway "
	    "one with --temp-instance");
}

/*
 * Every file the run will write (-o, --log, --coverage-json) must be
 * writable before anything starts (a temporary server, a scratch
 * database); exits 2 naming the first that is not.
 */
static void
check_outputs(const struct options *o)
{
	const char	*paths[3];
	const char	*what[3] = { "-o", "--log", "--coverage-json" };
	char		*cause = NULL;
	int		 i;

	paths[0] = o->output;
	paths[1] = o->log;
	paths[2] = o->coverage_json;
	for (i = 0; i < 3; i++) {
		if (paths[i] != NULL &&
		    files_output_writable(paths[i], &cause) != 0)
			fatalx("%s: %s (nothing was started)", what[i], cause);
	}
}

/*
 * Start a throwaway server for the driver, with its guard (which stops
 * it if sqlcheck dies); exits 2 if it cannot.
 */
static struct tempinst *
start_temp_instance(const struct driver *drv)
{
	struct tempinst	*ti = NULL;
	char		*cause = NULL;

	if (drv->temp_start != NULL && tempinst_guard_start(&cause) != 0)
		fatalx("cannot start a temporary %s server: %s", drv->name,
		    cause);
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

/*
 * sqlcheck --merge REPORT.json...: the shards' JSON reports as one
 * report, written by this invocation's reporters (and --durations).
 */
static int
run_merge(struct options *o, struct config *conf, int argc, char **argv)
{
	struct durations	*d;
	char			*cause = NULL, **paths, *command_line;
	size_t			 n;
	int			 status;

	if (o->durations != NULL && durations_open(o->durations, 1, &d,
	    &cause) != 0)
		fatalx("%s", cause);
	paths = config_paths(conf, &n);
	o->command_line = command_line = str_command_line(argc, argv);
	status = merge_run(o, paths, n);
	free(command_line);
	options_free_lists(o);
	config_free(conf);
	return status;
}

/*
 * How many workers: -j (0: one per core), but no more than the target
 * takes sessions at a time (a SQLite database file: one writer); one
 * with -x.
 */
static int
worker_count(const struct options *o, const struct driver *drv)
{
	long	n = o->jobs;
	int	max;

	if (o->fail_fast) {
		/* Nothing may run after the first failure: one file at a time. */
		if (n > 1)
			log_debug("-x: one file at a time (not -j %ld)", n);
		return 1;
	}
	if (n <= 0)
		n = sysconf(_SC_NPROCESSORS_ONLN);
	if (n < 1)
		n = 1;
	max = drv->max_sessions != NULL ? drv->max_sessions(o->dsn) : 0;
	if (max > 0 && n > max) {
		log_debug("%d worker%s: the %s database takes %d session%s at "
		    "a time", max, max == 1 ? "" : "s", drv->name, max,
		    max == 1 ? "" : "s");
		n = max;
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
 * The command line's filters, as given ("-k unique --tag smoke"), or NULL
 * when there are none (--shard is no filter: a shard may be empty).
 * The string is new.
 */
static char *
filters_given(const struct options *o)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	if (o->filter != NULL)
		buf_printf(&b, " -k %s", o->filter);
	for (i = 0; i < o->ntags; i++)
		buf_printf(&b, " --tag %s", o->tags[i]);
	for (i = 0; i < o->nexclude_tags; i++)
		buf_printf(&b, " --exclude-tag %s", o->exclude_tags[i]);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b);
}

/*
 * 1 (with a message) if the command line's filters selected no test of
 * any file: a typo in --tag or -k must not make a green run of nothing.
 * Files left out by their own "-- engines:" line do not count against
 * the filters.
 */
static int
filters_selected_nothing(const struct options *o, const struct totals *t)
{
	char	*given;

	if (t->selected > 0 || t->files == 0 || t->errors > 0 ||
	    run_stopped() || (given = filters_given(o)) == NULL)
		return 0;
	log_warnx("no test matches the filters%s (in %d file%s): check them "
	    "for a typo", given, t->files, t->files == 1 ? "" : "s");
	free(given);
	return 1;
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
	migcheck_run(c, migrations_for(ms, c->drv->name), o->schema,
	    o->baseline, o->temp_instance || o->allow_server_changes, &fr);
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
	struct config		*conf;
	struct cli_config	 cc;
	char			**files = NULL, dflt_path[] = "sql-tests";
	char			*template, **paths, *command_line;
	char			*server_version = NULL;
	char			*dflt[] = { dflt_path };
	size_t			 nfiles = 0, npaths;
	char			*cause = NULL;
	struct durations	*durations = NULL;
	int			 bad_paths, below, nothing, status;

	if (argc > 1 && strcmp(argv[1], "pg-regress") == 0)
		return pg_regress(argc - 1, argv + 1);
	conf = config_new(optdefs, NOPTDEFS);
	parse_args(argc, argv, conf, &o, &cc);
	log_set_verbose(o.verbose);
	log_config(conf);
	if (o.merge)
		return run_merge(&o, conf, argc, argv);
	drv = driver_find(o.driver);
	if (drv == NULL && driver_load_error(o.driver) != NULL)
		fatalx("%s", driver_load_error(o.driver));
	if (drv == NULL)
		fatalx("unknown or not compiled-in driver \"%s\" (known: %s)",
		    o.driver, driver_names());
	o.engine = drv->name;
	if (cc.print) {
		config_print(conf, drv->name, stdout, drv->describe);
		options_free_lists(&o);
		config_free(conf);
		return SQLCHECK_EXIT_OK;
	}
	if (o.clean) {
		status = clean_run(drv, o.dsn);
		options_free_lists(&o);
		config_free(conf);
		return status;
	}
	read_prelude(&o, &schema, &migrations);
	check_outputs(&o);
	if (o.durations != NULL && durations_open(o.durations,
	    o.shard_count <= 1, &durations, &cause) != 0)
		fatalx("%s", cause);
	install_signals();
	if (o.temp_instance) {
		ti = start_temp_instance(drv);
		o.dsn = ti->dsn;
	}
	if (pool_connect(drv, o.dsn, &c) != 0) {
		hint_temp_instance(&o, drv);
		tempinst_stop(ti);
		str_list_free(o.schema_paths, o.nschema_paths);
		sqlfiles_free(&schema);
		migrations_free(migrations);
		config_free(conf);
		return SQLCHECK_EXIT_ERROR;
	}
	if (drv->version != NULL) {
		server_version = xstrdup(drv->version(&c));
		o.server_version = server_version;
		log_debug("connected: %s", server_version);
	}
	if (o.log != NULL && querylog_open(o.log, &cause) != 0)
		fatalx("%s", cause);
	/*
	 * main's session is watched until the pool takes it over; the
	 * thread only runs with --timeout or while main runs statements
	 * (--check-migrations, the schema template).
	 */
	watch_set_timeout(o.timeout);
	if (o.timeout > 0 || o.check_migrations != NULL || o.schema != NULL ||
	    o.migrations != NULL)
		watch_start();
	watch_attach(&c);
	if (o.check_migrations != NULL) {
		status = check_migrations(&o, &c);
		watch_detach(&c);
		watch_stop();
		querylog_close();
		free(server_version);
		tempinst_stop(ti);
		str_list_free(o.schema_paths, o.nschema_paths);
		sqlfiles_free(&schema);
		migrations_free(migrations);
		config_free(conf);
		return status;
	}
	paths = config_paths(conf, &npaths);
	bad_paths = files_collect(npaths > 0 ? paths : dflt,
	    npaths > 0 ? (int)npaths : 1, &files, &nfiles) != 0;
	o.files_total = nfiles;
	shard_select(files, &nfiles, o.shard_index, o.shard_count, durations);
	memset(&t, 0, sizeof t);
	o.command_line = command_line = str_command_line(argc, argv);
	if (report_open(&o, nfiles, &cause) != 0)
		fatalx("%s", cause);
	o.keep_passes = report_lists_passes();
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
		coverage_start(drv->name,
		    (drv->flags & DRIVER_NAMES_NOCASE) != 0,
		    (drv->flags & DRIVER_COLUMNS_NOCASE) != 0);
	/* An unwritable --coverage-json fails now, not after the run. */
	if (o.coverage_json != NULL &&
	    coverage_write_json(o.coverage_json, &cause) != 0)
		fatalx("%s", cause);
	watch_detach(&c);
	pool_run(&cfg, &c, &t);
	watch_stop();
	if (template != NULL)
		drv->template_drop(template);
	free(template);
	tempinst_stop(ti);
	report_end(&t);
	below = finish_coverage(&o);
	nothing = filters_selected_nothing(&o, &t);
	querylog_close();
	str_list_free(files, nfiles);
	str_list_free(o.tags, o.ntags);
	str_list_free(o.exclude_tags, o.nexclude_tags);
	str_list_free(o.schema_paths, o.nschema_paths);
	sqlfiles_free(&schema);
	migrations_free(migrations);
	config_free(conf);
	free(command_line);
	free(server_version);
	if (run_stopped())
		return SQLCHECK_EXIT_SIGINT;
	if (t.errors > 0 || bad_paths || nothing)
		return SQLCHECK_EXIT_ERROR;
	return t.failed > 0 || below ? SQLCHECK_EXIT_FAIL : SQLCHECK_EXIT_OK;
}
