/*
 * main.c: the sqlcheck command.  Reads the options into one struct
 * options, connects, runs each test file and sets the exit status:
 * 0 nothing failed, 1 a test or a setup failed, 2 a file could not be
 * read or parsed, a usage error or a connection error, 130 interrupted.
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
	OPT_LOG
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
"  -d, --driver NAME      engine: %s (default sqlite)\n"
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
"      --format FORMAT    human (default), tap, junit or json\n"
"  -o, --output FILE      write the --format report to FILE (format from\n"
"                         its name when --format is not given: .xml junit,\n"
"                         .json json, .tap tap); human output still goes to\n"
"                         standard output\n"
"      --log FILE         write every statement with its duration and\n"
"                         outcome to FILE\n"
"      --color WHEN       auto (default; off if NO_COLOR is set), always,\n"
"                         never\n"
"  -v, --verbose          echo each statement and the isolation used\n"
"  -q, --quiet            print only failures and the summary\n"
"  -h, --help             show this help\n"
"  -V, --version          show the version\n"
"\n"
"Exit status: 0 nothing failed, 1 a test or setup failed, 2 a file could\n"
"not be read or parsed, a usage or connection error, 130 interrupted.\n"
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

/* Fill o from the command line; returns the index of the first path. */
static int
parse_args(int argc, char **argv, struct options *o)
{
	int	ch;

	memset(o, 0, sizeof *o);
	o->driver = "sqlite";
	o->dsn = getenv("SQLCHECK_DSN");
	parse_color(o, "auto");
	while ((ch = getopt_long(argc, argv, "d:k:o:xvqhV", long_options,
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
				    "tap, junit or json", optarg);
			o->format = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case OPT_LOG:
			o->log = optarg;
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
	return optind;
}

static void
on_signal(int sig)
{
	(void)sig;
	run_request_stop();
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

/* Start a throwaway server for the driver; exits 2 if it cannot. */
static struct tempinst *
start_temp_instance(const struct driver *drv)
{
	struct tempinst	*ti = NULL;
	char		*cause = NULL;

#ifdef HAVE_LIBPQ
	if (strcmp(drv->name, "postgres") == 0)
		ti = tempinst_pg_start(&cause);
	else
#endif
#ifdef HAVE_MYSQL
	if (strcmp(drv->name, "mysql") == 0)
		ti = tempinst_mysql_start(&cause);
	else
#endif
		fatalx("--temp-instance needs a server engine (postgres, "
		    "mysql), not %s", drv->name);
	if (ti == NULL)
		fatalx("cannot start a temporary %s server: %s", drv->name,
		    cause);
	log_debug("temporary %s server in %s started in %.2f s", drv->name,
	    ti->dir, ti->startup_seconds);
	return ti;
}

/* Connect; a failure is reported with the target (no password). */
static int
connect_driver(const struct driver *drv, const char *dsn, struct conn *c)
{
	char	*cause = NULL;

	c->drv = drv;
	c->data = NULL;
	if (drv->open(c, dsn, &cause) == 0)
		return 0;
	log_warnx("%s", cause);
	free(cause);
	return -1;
}

static void
add_totals(struct totals *t, struct file_report *fr)
{
	file_report_count(fr);
	t->passed += fr->passed;
	t->failed += fr->failed;
	t->skipped += fr->skipped;
	if (fr->setup_failed || fr->parse_error ||
	    fr->outcome == OUTCOME_ERROR)
		t->failed++;
	if (fr->parse_error || fr->outcome == OUTCOME_ERROR)
		t->errors++;
}

/* Parse and run one file, then make the session fit for the next one. */
static void
run_one(struct conn *c, const char *dsn, const char *path,
    const struct options *o, struct totals *t)
{
	struct file_report	 fr;
	struct test_file	*tf;
	char			*cause = NULL;

	memset(&fr, 0, sizeof fr);
	fr.path = path;
	tf = parse_file(path, &cause);
	if (tf == NULL) {
		fr.outcome = OUTCOME_ERROR;
		fr.parse_error = 1;
		fr.message = cause;
	} else if (c->data == NULL) {
		fr.outcome = OUTCOME_ERROR;
		fr.message = xprintf("%s: not run: no connection to the "
		    "database", path);
	} else {
		run_file(c, tf, o, &fr);
		if (fr.broken || (c->drv->reset != NULL &&
		    c->drv->reset(c, &cause) != 0)) {
			free(cause);
			c->drv->close(c);
			if (connect_driver(c->drv, dsn, c) != 0)
				c->data = NULL;
		}
	}
	add_totals(t, &fr);
	report_file(&fr);
	file_report_free(&fr);
	test_file_free(tf);
}

int
main(int argc, char **argv)
{
	struct options		 o;
	const struct driver	*drv;
	struct tempinst		*ti = NULL;
	struct conn		 c;
	struct totals		 t;
	char			**files = NULL, dflt_path[] = "sql-tests";
	char			*dflt[] = { dflt_path };
	size_t			 nfiles = 0, i;
	char			*cause = NULL;
	int			 first, bad_paths;

	first = parse_args(argc, argv, &o);
	log_set_verbose(o.verbose);
	drv = driver_find(o.driver);
	if (drv == NULL)
		fatalx("unknown or not compiled-in driver \"%s\" (known: %s)",
		    o.driver, driver_names());
	install_signals();
	if (o.temp_instance) {
		ti = start_temp_instance(drv);
		o.dsn = ti->dsn;
	}
	if (connect_driver(drv, o.dsn, &c) != 0) {
		tempinst_stop(ti);
		return SQLCHECK_EXIT_ERROR;
	}
	if (drv->version != NULL)
		log_debug("connected: %s", drv->version(&c));
	bad_paths = files_collect(first < argc ? argv + first : dflt,
	    first < argc ? argc - first : 1, &files, &nfiles) != 0;
	memset(&t, 0, sizeof t);
	if (report_open(&o, nfiles, &cause) != 0)
		fatalx("%s", cause);
	for (i = 0; i < nfiles && !run_stopped(); i++) {
		run_one(&c, o.dsn, files[i], &o, &t);
		if (o.fail_fast && t.failed > 0)
			break;
	}
	if (c.data != NULL)
		drv->close(&c);
	tempinst_stop(ti);
	report_end(&t);
	str_list_free(files, nfiles);
	if (run_stopped())
		return SQLCHECK_EXIT_SIGINT;
	if (t.errors > 0 || bad_paths)
		return SQLCHECK_EXIT_ERROR;
	return t.failed > 0 ? SQLCHECK_EXIT_FAIL : SQLCHECK_EXIT_OK;
}
