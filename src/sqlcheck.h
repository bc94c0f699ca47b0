/*
 * sqlcheck.h: types shared by every part of the core, and the prototypes
 * of each file grouped under its name.  What the driver modules see of
 * the core is in driver.h, which this includes (a file's functions may
 * be split between the two: those a driver calls are there).  No engine
 * header and no pcre2.h is included here: those belong to the drivers
 * and match.c alone.
 *
 * Conventions: a function that can fail for a reason a user should read
 * returns -1 and sets *cause to a string the caller frees; a returned
 * char * is owned by the caller, a returned const char * is borrowed.
 */
#ifndef SQLCHECK_H
#define SQLCHECK_H

#ifdef HAVE_CONFIG_H
#include "config.h"
#endif

/* Where make install puts the server driver modules (see driver.c). */
#ifndef PKGLIBDIR
#define PKGLIBDIR	"/usr/local/lib/sqlcheck"
#endif

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "driver.h"
#include "lex.h"


#define SQLCHECK_EXIT_OK	0
#define SQLCHECK_EXIT_FAIL	1
#define SQLCHECK_EXIT_ERROR	2
#define SQLCHECK_EXIT_SIGINT	130

#define SQLCHECK_MAX_ROWS	1000000	/* default --max-rows */
#define SQLCHECK_DEFAULT_ENGINE	"sqlite"	/* -d, shared expectations */

/* log.c: diagnostics on stderr; fatal/fatalx are the only exits but main. */
void	 log_set_verbose(int);
int	 log_verbose(void);
void	 log_debug(const char *, ...) printflike(1, 2);
void	 log_warnx(const char *, ...) printflike(1, 2);
deadfn void fatal(const char *, ...) printflike(1, 2);
deadfn void fatalx(const char *, ...) printflike(1, 2);

/* dsn-hide.c: a --dsn argument without its password, in place. */
void	 dsn_hide_password(char *);

/* strutil.c: small string helpers shared by the readers. */
char	*str_trim(char *);
int	 str_iprefix(const char *, const char *);
int	 str_list_has(char *const *, size_t, const char *);
int	 str_split_list(const char *, char ***, size_t *);
size_t	 str_utf8_len(const unsigned char *);
char	*str_sql_normalize(const char *);
int	 str_ends_with(const char *, const char *);
int	 str_has_extension(const char *, const char *);
const char *str_icontains(const char *, const char *);
int	 str_nearness(const char *, const char *);
char	*str_command_line(int, char *const *);
void	 sort_array(void *, size_t, size_t,
	    int (*)(const void *, const void *));

/* match.c: PCRE2 regular expressions; the only includer of pcre2.h. */
struct regex;
struct regex	*regex_compile(const char *, char **);
int		 regex_match(struct regex *, const char *, size_t);
void		 regex_free(struct regex *);
int		 regex_check(const char *, char **);
int		 regex_matches(const char *, const char *, char **);

/* result.c */
void	 result_hash_stream(struct result *);
void	 result_nulls_as_text(struct result *);
char	*dberror_describe(const struct dberror *);
const char *condition_sqlstate(const char *);
int	 condition_known(const char *);
int	 condition_valid(const char *);
const char *condition_from_sqlstate(const char *);
const char *condition_nearest(const char *);
int	 condition_matches(const char *, const struct dberror *,
	    const char *);

/* xmalloc.c: the allocator's policy for a run (allocation is driver.h's). */
void	 memory_policy_set(void);
void	 memory_release(void);

/* clean.c: --clean, scratch databases left by killed runs. */
int	 clean_run(const struct driver *, const char *);
void	 scratch_drop_orphan(struct conn *, const char *);
int	 random_bytes(unsigned char *, size_t);

/* driver.c */
const struct driver	*driver_find(const char *);
const char		*driver_canonical(const char *);
const char		*driver_names(void);
const char		*driver_load_error(const char *);
void			*driver_module_symbol(const char *, const char *);

/* The model of a test file, shared by the sqltest and sqllogictest readers. */
struct csv;
struct migrations;
enum expect_mode {
	EXPECT_ROWS,
	EXPECT_OK,
	EXPECT_COUNT,
	EXPECT_ERROR,
	EXPECT_HASH
};

enum sort_mode {
	SORT_NONE,
	SORT_ROW,
	SORT_VALUE
};

enum cell_kind {
	CELL_TEXT,
	CELL_NULL,
	CELL_REGEX
};

struct cell {
	enum cell_kind	 kind;
	char		*text;		/* owned; NULL for CELL_NULL */
};

struct exp_row {
	struct cell	*cells;
	int		 ncells;
	int		 line;
};

struct expect {
	char		*engine;	/* NULL serves every engine */
	int		 line;
	int		 end_line;	/* last line of its rows */
	enum expect_mode mode;
	enum sort_mode	 sort;
	int		 sort_expected;	/* sort the expected side too */
	int		 has_tolerance;
	double		 tolerance;
	char		*tolerance_text; /* as written, for --rewrite */
	int64_t		 count;		/* rows for COUNT, values for HASH */
	char		*condition;	/* error condition, or NULL for any */
	char		*regex;		/* error message pattern, or NULL */
	char		*hash;		/* 32 hex digits for HASH */
	struct exp_row	*rows;
	size_t		 nrows;
	int		 flat;		/* sqllogictest: compare value lists */
};

struct stmt {
	char		*sql;
	const char	*path;	/* its own file (borrowed from the record) */
	int		 line;	/* in that file */
};

enum record_kind {
	RECORD_SETUP,		/* statements that must all succeed */
	RECORD_TEST,		/* statements, then expectations */
	RECORD_HALT,		/* sqllogictest halt */
	RECORD_MIGRATE,		/* -- migrate: VERSION */
	RECORD_LOAD,		/* -- load: TABLE FROM 'FILE.csv' */
	RECORD_MAKE		/* -- make: TABLE [N] [(col = expr, ...)] */
};

/*
 * "-- make: TABLE [N] [(col = expr, ...)]" as written (parse-make.c):
 * make count rows of table, with the columns cols set to the SQL
 * expressions exprs.  Owns its strings; make_spec_free frees it.
 */
struct make_spec {
	char	 *table;
	long	  count;
	char	**cols;
	char	**exprs;
	size_t	  ncols;
};
#define MAKE_COUNT_MAX	10000000L
struct make_spec *make_spec_parse(const char *, char **);
void	 make_spec_free(struct make_spec *);

struct record {
	enum record_kind kind;
	const char	*path;		/* borrowed from the file (or include) */
	int		 line;
	char		*name;
	struct stmt	*stmts;
	size_t		 nstmts;
	struct expect	*expects;
	size_t		 nexpects;
	char		**only;		/* engines this record runs on */
	size_t		 nonly;
	char		**skip;		/* engines it does not run on */
	size_t		 nskip;
	char		*types;		/* sqllogictest column types */
	char		*label;		/* sqllogictest label */
	int		 slt;		/* from an sqllogictest file */
	char		*arg;		/* MIGRATE: version; LOAD: table */
	struct csv	*csv;		/* LOAD: the rows to load */
	struct make_spec *make;		/* MAKE: what to make */
};

struct test_file {
	char		 *path;
	char		**includes;	/* paths of included files */
	size_t		  nincludes;
	struct record	 *records;
	size_t		  nrecords;
	char		**engines;
	size_t		  nengines;
	char		**tags;
	size_t		  ntags;
	enum isolation	  isolation;
	int		  slt;
	struct migrations *migrations;	/* "-- migrations: DIR", or NULL */
	int		  migrates;	/* has "-- migrate:" records */
	int		  baseline;	/* "-- baseline": from --schema */
	int		  pgtap;	/* a pgTAP file: RECORD_SETUP records
					   whose rows are TAP (run-pgtap.c) */
	struct arena	 *arena;	/* owned, or NULL: when set, what the
					   records point to lives there */
};

/*
 * arena.c: small pieces freed all at once.  arena_new() makes an arena
 * (caller frees with arena_free); every piece belongs to the arena.
 */
struct arena {
	struct arena_block	*blocks;
};
struct arena	*arena_new(void);
void		*arena_alloc(struct arena *, size_t);
char		*arena_strndup(struct arena *, const char *, size_t);
char		*arena_strdup(struct arena *, const char *);
void		 arena_free(struct arena *);

/* parse.c: .sqltest text into a test_file; no engine calls, no output. */
struct test_file *parse_sqltest(const char *path, const char *text,
		    size_t len, char **cause);
void		  test_file_free(struct test_file *);
void		  test_file_drop_records(struct test_file *);
struct record	 *test_file_add_record(struct test_file *, enum record_kind,
		    const char *, int);
void		  record_add_stmt(struct record *, const char *, size_t, int);
void		  record_add_sql(struct record *, const char *, size_t, int);
void		  record_free(struct record *);

/* readfile.c: a whole file into memory, and a file replaced whole. */
char		 *read_whole_file(const char *, size_t *, char **);
int		  replace_file(const char *, const char *, size_t, char **);

/*
 * migrate.c: the SQL files of --schema, and the migrations of a directory
 * (--migrations, "-- migrations:"), read once and split into statements.
 * Each file is a RECORD_SETUP whose path is the file's, so errors carry
 * FILE:LINE of the schema or migration file.
 */
struct sqlfiles {
	char		**paths;	/* owned; the records point into them */
	size_t		  npaths;
	struct record	 *records;	/* one RECORD_SETUP a file */
	size_t		  nrecords;
};

/* One file of a migrations directory: one step, one direction. */
struct mig_file {
	char		*path;
	char		*name;		/* the file name, for messages */
	char		*version;	/* as written: "0001", "2", "1.2" */
	const char	*dialect;	/* its engine ("cockroach": none of
					 * ours), or NULL: every engine */
	int		 down;		/* a down (undo) step */
	int		 autocommit;	/* .autocommit: not in a transaction */
	struct record	 rec;
};

/* A step as one engine runs it (borrowed from its migrations). */
struct migration {
	const char		*version;
	const char		*name;	/* file name of its up step */
	const struct mig_file	*up;	/* NULL: nothing on this engine */
	const struct mig_file	*down;	/* NULL: no down step (or nothing
					 * to undo when up is NULL) */
};

/*
 * The migrations of a directory: every dialect's files, and one view of
 * steps per engine (migrations_for); a view has no files of its own.
 */
struct migrations {
	char			*dir;		/* borrowed in a view */
	const char		*engine;	/* of a view, else NULL */
	struct mig_file		*files;		/* in version order */
	size_t			  nfiles;
	struct migration	*steps;		/* a view's, in version order */
	size_t			  nsteps;
	struct migrations	*views;		/* sqlite, postgres, mysql */
};

int		 sqlfiles_add(struct sqlfiles *, const char *, char **);
void		 sqlfiles_free(struct sqlfiles *);
struct migrations *migrations_read(const char *, char **);
const struct migrations *migrations_for(const struct migrations *,
		    const char *);
void		 migrations_free(struct migrations *);
int		 migrations_find(const struct migrations *, const char *,
		    char **);
char		*migrations_versions(const struct migrations *);
int		 version_valid(const char *);
int		 version_cmp(const char *, const char *);

/* split.c: statement splitter. */
struct split_stmt {
	size_t	 off;
	size_t	 len;
	int	 line;
};
size_t	 split_sql(const char *, size_t, int, struct split_stmt **);

/* parse-slt.c: sqllogictest text into a test_file. */
struct test_file *parse_slt(const char *path, const char *text, size_t len,
		    char **cause);

/*
 * parse-pgtap.c: a pgTAP file (what pg_prove runs through psql) into a
 * test_file of RECORD_SETUP records, one for each stretch of statements
 * of one file (\i includes another); psql meta-commands that only shape
 * psql's output are accepted, any other is an error at FILE:LINE.
 */
int		  pgtap_is_pgtap(const char *path, const char *text,
		    size_t len, int as_pgtap);
struct test_file *parse_pgtap(const char *path, const char *text,
		    size_t len, char **cause);

/* tap.c: the TAP reader of pgTAP files. */
enum tap_kind {
	TAP_OTHER,		/* not TAP: ignored, as TAP::Parser does */
	TAP_TEST,		/* ok N - description # DIRECTIVE reason */
	TAP_PLAN,		/* 1..N */
	TAP_DIAG,		/* # text */
	TAP_BAIL		/* Bail out! reason */
};
enum tap_directive {
	TAP_DIR_NONE,
	TAP_DIR_SKIP,
	TAP_DIR_TODO
};
struct tap_line {
	enum tap_kind		 kind;
	int			 indent;	/* > 0: a subtest's line */
	int			 ok;
	long			 number;	/* 0 if none */
	const char		*text;		/* description, diag, bail */
	size_t			 text_len;
	enum tap_directive	 directive;
	const char		*reason;	/* of the directive */
	size_t			 reason_len;
	long			 plan;		/* TAP_PLAN: N */
};
struct tap_state {
	long	 planned;		/* -1: no plan yet */
	int	 plan_after_tests;	/* the plan came after tests */
	int	 skip_all;		/* 1..0 */
	int	 tests;			/* top-level test points */
	int	 bailed;
	char	*problem;		/* first parse problem, or NULL */
};
void	 tap_read_line(const char *, size_t, struct tap_line *);
char	*tap_unescape(const char *, size_t);
void	 tap_state_init(struct tap_state *);
void	 tap_state_line(struct tap_state *, const struct tap_line *);
char	*tap_state_finish(struct tap_state *);
void	 tap_state_free(struct tap_state *);

/* compare.c: expected against actual. */
struct options;
int	 compare_result(const struct expect *, const struct result *,
	    const struct record *, char **message, char **diff);
void	 expect_bound(const struct expect *, struct result *);
int	 expect_exceeded(const struct expect *, const struct result *);
char	*format_cell(const char *);
int	 expect_cell_matches(const struct expect *, const struct cell *,
	    const char *);
char	*format_row(char **, int);
void	 hash_values(char **, size_t, char out[33]);

/* sortvalues.c: a result's values in rowsort or valuesort order. */
char	**result_sorted_values(const struct result *, enum sort_mode);

/*
 * An option of the command line and of sqlcheck.conf: main.c's table,
 * from which it builds getopt_long's, and which config.c reads the file
 * into.
 */
struct optdef {
	const char	*name;		/* long name: the key in the file */
	int		 val;		/* short letter, or main.c's OPT_* */
	int		 has_arg;	/* 0 or 1, as getopt_long's */
	int		 flags;
#define OPTDEF_PATH	0x1	/* a path: relative to the file */
#define OPTDEF_LIST	0x2	/* repeatable: a comma-separated list */
#define OPTDEF_CLI	0x4	/* command line only (an action) */
#define OPTDEF_INPUT	0x8	/* a path that must exist */
	const char	*dflt;		/* the default, for --print-config */
};

/*
 * config.c: sqlcheck.conf and the command line, merged into the options
 * in force.  apply sets one option from one value (NULL for an option
 * without argument): 0, or -1 with *cause (caller frees).
 */
struct config;
typedef int	(*config_apply_fn)(void *, const struct optdef *,
		    const char *, char **);
struct config	*config_new(const struct optdef *, size_t);
void		 config_free(struct config *);
void		 config_add_arg(struct config *, const struct optdef *,
		    const char *);
void		 config_set_paths(struct config *, char *const *, size_t);
void		 config_set_env_dsn(struct config *, const char *);
int		 config_read(struct config *, const char *, int, char **);
const char	*config_path(const struct config *);
char		*config_sections(const struct config *);
const struct optdef *config_def(const struct config *, int);
const char	*config_engine(struct config *);
int		 config_check(const struct config *, config_apply_fn, void *,
		    char **);
int		 config_apply(struct config *, const char *, config_apply_fn,
		    void *, char **);
char		**config_paths(struct config *, size_t *);
void		 config_print(struct config *, const char *, FILE *,
		    char *(*)(const char *));

/* Options, set once by main.c and read everywhere else. */
struct options {
	const char	 *driver;	/* as given: -d NAME */
	const char	 *engine;	/* its canonical name (the driver's) */
	const char	 *dsn;
	const char	 *filter;
	char		**tags;
	size_t		  ntags;
	char		**exclude_tags;
	size_t		  nexclude_tags;
	int		  fail_fast;
	int		  no_batch;	/* --no-batch */
	int		  temp_instance;
	int		  allow_server_changes;	/* --allow-server-changes */
	int		  verbose;
	int		  quiet;
	int		  color;
	enum isolation	  isolation;
	double		  timeout;
	const char	 *format;	/* NULL: human */
	const char	 *output;	/* -o FILE, or NULL */
	const char	 *log;		/* --log FILE, or NULL: the log is on */
	int		  keep_passes;	/* a reporter lists passing tests */
	int		  jobs;		/* -j, 0: the number of cores */
	int		  shard_index;	/* --shard K/N: K from 1 */
	int		  shard_count;	/* N, 0 without --shard */
	int		  rewrite;	/* --rewrite */
	int		  rewrite_diff;	/* --rewrite --diff: print, not write */
	int		  coverage;	/* collect constraint coverage */
	int		  coverage_table; /* --coverage: print the table */
	const char	 *coverage_json; /* --coverage-json FILE, or NULL */
	double		  coverage_min;	/* --coverage-min PCT, or -1 */
	int		  clean;	/* --clean: drop leftover scratch dbs */
	uint64_t	  seed;		/* --seed: what "-- make:" makes */
	char		**schema_paths;	/* --schema, in the order given */
	size_t		  nschema_paths;
	const char	 *migrations_dir;	/* --migrations */
	int		  baseline;	/* --baseline: migrate over --schema */
	const char	 *check_migrations;	/* --check-migrations DIR */
	/* Read by main before the run, shared read-only by the workers. */
	const struct sqlfiles	 *schema;	/* or NULL */
	const struct migrations	 *migrations;	/* or NULL */
	int		  pgtap;	/* --pgtap: other names are pgTAP */
	size_t		  max_rows;	/* --max-rows, 0: no limit */
	const char		 *template;	/* of both, or NULL */
	const char	 *server_version; /* the engine's, or NULL */
	const char	 *command_line;	/* passwords hidden, for reports */
	const char	 *durations;	/* --durations FILE, or NULL */
	int		  merge;	/* --merge: the paths are reports */
	size_t		  files_total;	/* files of the run, all shards */
};

/* What became of one test (or of a file's setup). */
enum outcome {
	OUTCOME_PASS,
	OUTCOME_FAIL,
	OUTCOME_SKIP,
	OUTCOME_ERROR
};

struct test_report {
	enum outcome	 outcome;
	const char	*path;
	int		 line;
	char		*name;
	char		*sql;		/* the SQL shown under a failure */
	char		*message;	/* what went wrong, without file:line */
	char		*diff;		/* expected/actual lines, or NULL */
	/*
	 * For --rewrite: the expectation that would make the test pass, as
	 * lines of the file, replacing lines [rewrite_from, rewrite_to], or
	 * inserted after rewrite_to when rewrite_from is 0.
	 */
	char		*rewrite;
	int		 rewrite_from;
	int		 rewrite_to;
};

struct file_report {
	const char		*path;
	enum outcome		 outcome;	/* of the file as a whole */
	char			*message;	/* skip reason or file error */
	int			 error_line;
	struct test_report	*tests;
	size_t			 ntests;
	size_t			 tests_cap;	/* room in tests */
	int			 passes_forgotten; /* counted, not kept */
	int			 selected;	/* tests --tag, -k... select */
	int			 passed;
	int			 failed;
	int			 skipped;
	int			 setup_failed;
	int			 file_failed;	/* failed as a whole at
						   error_line (pgTAP: a
						   plan, an SQL error) */
	int			 parse_error;
	int			 broken;	/* connection lost */
	int			 session_reset;	/* reset after the file */
	double			 seconds;
	char			*isolation;	/* how it was isolated */
	char			*orphan_scratch; /* scratch db of a lost session */
	char			**tags;		/* the file's tags, owned */
	size_t			  ntags;
};

/* run.c, run-setup.c (run_template_build) */
void	 run_file(struct conn *, const struct test_file *,
	    const struct options *, struct file_report *);
void	 run_request_stop(int);
char	*run_template_build(struct conn *, const struct options *);
int	 run_stopped(void);

/* txnstmt.c: what the runner does with a statement before sending it. */
enum txn_kind {
	TXN_NONE,		/* send as written */
	TXN_BEGIN,		/* BEGIN, START TRANSACTION */
	TXN_COMMIT,		/* COMMIT, END */
	TXN_ROLLBACK,		/* ROLLBACK, ABORT (not ROLLBACK TO) */
	TXN_REFUSED		/* cannot run inside a transaction */
};
enum txn_kind	 txn_classify(const char *);
int		 txn_is_savepoint_stmt(const char *);

/* Where a statement is about to run, for txn_refusal(). */
struct txn_place {
	const char	*engine;	/* driver name: sqlite, postgres, mysql */
	int		 in_txn;	/* inside the file's transaction */
	int		 txn_ddl;	/* the engine's DDL is transactional */
	int		 scratch;	/* in a scratch database */
	int		 server_ok;	/* --temp-instance, --allow-server-changes */
};
int		 txn_commits_implicitly(const char *);
const char	*txn_server_change(const char *, const struct txn_place *);
char		*txn_refusal(const char *, const struct txn_place *);

/* Totals of a run, for the summary. */
struct totals {
	int	passed;
	int	failed;
	int	skipped;
	int	errors;		/* unreadable files, lost connections */
	int	files;
	int	selected;	/* tests the command line's filters select */
	double	seconds;
};

/*
 * A reporter writes one output format to a stream: begin once, file once
 * per test file in the order given on the command line, end once.
 */
struct reporter {
	const char	*name;
	void	(*begin)(FILE *, const struct options *, size_t nfiles);
	void	(*file)(FILE *, const struct file_report *);
	void	(*end)(FILE *, const struct totals *);
};

/* pool.c: -j workers, each with its own session. */
struct pool_config {
	const struct driver	 *drv;
	const char		 *dsn;
	const struct options	 *opts;
	char			**files;
	size_t			  nfiles;
	int			  jobs;
	int			  progress;	/* live line on a terminal */
};
void	 pool_run(const struct pool_config *, struct conn *, struct totals *);
int	 pool_connect(const struct driver *, const char *, struct conn *);

/* send.c: the one way the core sends SQL to a driver (see there). */
struct send_at {
	const char	*path;		/* the file the statement is from */
	int		 line;
	const char	*logged;	/* what --log records; NULL: the SQL */
	int		 guarded;	/* through the driver's exec_guarded */
};
int	 send_stmt(struct conn *, const struct send_at *, const char *,
	    const char *, struct result *, struct dberror *);
void	 send_answered(const struct send_at *, const char *, int,
	    const struct dberror *);
int	 send_record(struct conn *, const struct record *, size_t *,
	    struct dberror *);
int	 send_internal(struct conn *, const char *, struct dberror *);
int	 send_begin(struct conn *, struct dberror *);
int	 send_rollback(struct conn *, struct dberror *);
int	 send_batch(struct conn *, const char *, const struct batch_stmt *,
	    const int *, size_t, size_t *, struct dberror *);
size_t	 send_guarded_batch(struct conn *, const char *, struct batch_stmt *,
	    const int *, size_t);

/*
 * watch.c: the watchdog of the sessions attached to it (--timeout,
 * Ctrl-C), armed around each statement by send.c.  Its thread runs
 * with --timeout or while main runs statements itself; otherwise the
 * pool's reporter, which wakes anyway, looks with watch_poll().
 */
struct watch;
void	 watch_set_timeout(double);
void	 watch_start(void);
void	 watch_poll(void);
void	 watch_stop(void);
void	 watch_attach(struct conn *);
void	 watch_detach(struct conn *);
void	 watch_arm(struct watch *);
int	 watch_disarm(struct watch *);
double	 watch_seconds(void);

/* markup.c: text escaped for the HTML and JUnit XML reports. */
enum markup_mode {
	MARKUP_HTML_TEXT,
	MARKUP_HTML_ATTR,
	MARKUP_XML_TEXT,
	MARKUP_XML_ATTR
};
void	markup_escape(FILE *, const char *, enum markup_mode);

/* report.c: the human reporter, and dispatch to the active reporters. */
extern const struct reporter report_human;
const struct reporter *report_find(const char *);
const char *report_format_for_path(const char *);
int	 report_open(const struct options *, size_t, char **);
void	 report_file(const struct file_report *);
void	 report_progress(size_t, size_t, int, double);
void	 report_progress_clear(void);
void	 report_end(const struct totals *);
void	 file_report_count(struct file_report *);
void	 totals_add(struct totals *, const struct file_report *);
const char *outcome_name(enum outcome);
const char *file_outcome_name(const struct file_report *);
void	 file_report_forget_pass(struct file_report *);
int	 report_lists_passes(void);
void	 file_report_free(struct file_report *);
struct test_report *file_report_add(struct file_report *, enum outcome,
	    const char *, int, const char *);

/* report-tap.c, report-junit.c, report-json.c */
extern const struct reporter report_tap, report_junit, report_json;
/* report-html.c */
extern const struct reporter report_html;

/*
 * durations.c: --durations FILE, each test file's duration, sorted by
 * path; the table owns its paths.  report_durations writes the run's back.
 */
struct duration {
	char	*path;
	double	 seconds;
};
struct durations {
	struct duration	*items;
	size_t		 n;
};
extern const struct reporter report_durations;
int	 durations_read(const char *, struct durations *, char **);
int	 durations_write(const char *, const struct durations *, char **);
int	 durations_open(const char *, int, struct durations **, char **);
const struct duration *durations_find(const struct durations *,
	    const char *);
void	 durations_set(struct durations *, const char *, double);
void	 durations_free(struct durations *);

/* shard.c: --shard K/N, by round robin or by --durations. */
int	*shard_assign(char *const *, size_t, int, const struct durations *,
	    double *);
void	 shard_select(char **, size_t *, int, int, const struct durations *);

/* merge.c: --merge REPORT.json... */
int	 merge_run(struct options *, char *const *, size_t);
void	 json_write_string(FILE *, const char *);

/* querylog.c: --log, every statement with its duration and outcome. */
int	 querylog_open(const char *, char **);
int	 querylog_active(void);
void	 querylog_write(const char *, int, const char *, double, const char *);
void	 querylog_close(void);

/* tempinst.c, tempinst-guard.c: what of throwaway servers is the core's. */
int	 tempinst_rmtree(const char *);
int	 tempinst_guard_start(char **);
void	 tempinst_guard_dir(const char *);
void	 tempinst_guard_done(void);

/* rewrite.c: --rewrite, expectations replaced by actual results. */
char	*rewrite_expectation(const struct record *, const struct expect *,
	    const char *, int, const struct result *,
	    const struct dberror *);
int	 rewrite_file(const struct file_report *, int, char **);
void	 rewrite_reported(const struct file_report *, const struct options *);

/*
 * sqlscan.c: what sqlcheck reads in SQL text itself (the table a
 * statement writes, CREATE TABLE on SQLite), on lex.c's tokens.
 */
const char *sqlscan_next(const char *, struct lex_token *);
const char *sqlscan_close(const char *);
char	*sql_dml_table(const char *, int *, char ***, size_t *);
int	 sql_same_text(const char *, const char *);

/* constraint.c: lists of constraints (the rest is driver.h's). */
void	 constraint_list_init(struct constraint_list *);
void	 constraint_list_free(struct constraint_list *);
void	 constraint_list_drop_table(struct constraint_list *, const char *);
const char *constraint_kind_name(enum constraint_kind);
void	 constraint_free(struct constraint *);
void	 constraint_copy(struct constraint *, const struct constraint *);

/*
 * coverage.c: constraint coverage, merged over the files of a run into
 * one model, which coverage-report.c prints once the files have run.
 */
struct cov_hit {
	char		*where;		/* "FILE:LINE" of the test */
	int		 inexact;	/* inferred, not named by the engine */
};
struct cov_item {
	struct constraint	 c;
	struct cov_hit		*hits;
	size_t			 nhits;
};
struct cov_table {			/* one definition of a table */
	char		 *name;
	struct cov_item	 *items;
	size_t		  nitems;
	char		**files;	/* the files it existed in */
	size_t		  nfiles;
};
struct cov_note {			/* a hit no constraint was found for */
	char		*where;
	char		*why;
};
struct coverage {
	int		  enabled;
	char		 *engine;
	int		  nocase;	/* names compare without case */
	int		  columns_nocase; /* column names too */
	struct cov_table *tables;
	size_t		  ntables;
	struct cov_note	 *notes;
	size_t		  nnotes;
	char		**failures;	/* files whose schema was not read */
	size_t		  nfailures;
};
struct coverage_file;
const struct coverage *coverage_get(void);
struct coverage_file *coverage_file_new(const char *);
void	 coverage_hit(struct coverage_file *, const char *, int,
	    const struct dberror *);
void	 coverage_file_end(struct coverage_file *, struct constraint_list *,
	    const char *);
void	 coverage_start(const char *, int, int);
int	 coverage_name_cmp(const char *, const char *);
void	 coverage_free(void);

/*
 * catalog-sqlite.c: SQLite's constraints (its driver's constraints
 * slot) and what its constraint errors name.  The PostgreSQL and MySQL
 * catalogs are in their modules.
 */
struct sqlite3;
int	 catalog_sqlite(struct sqlite3 *, struct constraint_list *, char **);
void	 catalog_sqlite_attribute(struct dberror *, const char *);
int	 catalog_sqlite_fingerprint(struct sqlite3 *, struct buf *, char **);

/* coverage-report.c: the --coverage table and --coverage-json. */
void	 coverage_report(FILE *);
int	 coverage_write_json(const char *, char **);
int	 coverage_total(size_t *, size_t *);

struct csv	*csv_parse(const char *, const char *, size_t, char **);
struct csv	*csv_read(const char *, char **);
void		 csv_free(struct csv *);

/* migcheck.c: --check-migrations. */
void	 migcheck_run(struct conn *, const struct migrations *,
	    const struct sqlfiles *, int, int, struct file_report *);

/* files.c: expand paths into a sorted list of test files; read one. */
int	 files_collect(char **, int, char ***, size_t *);
struct test_file *parse_file(const char *, int, char **);
int	 files_output_writable(const char *, char **);
int	 files_is_test(const char *);

#endif
