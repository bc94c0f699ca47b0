/*
 * psql.h: what the files of sqlcheck's native psql share (part of the
 * PostgreSQL module; nothing outside it includes this).  They reproduce
 * what "psql -X -a -q" writes for a script on its standard input, over
 * libpq, without a psql process.
 *
 *	psql-scan.c	psql's statement boundaries: quotes, E'', dollar
 *			quotes, nested comments, parentheses, BEGIN ATOMIC;
 *			variable interpolation; backslash command arguments
 *	psql-vars.c	variables (\set, \unset) and the special ones
 *			(ECHO, QUIET, ON_ERROR_STOP, VERBOSITY, ...)
 *	psql-main.c	the line loop: echo, \if stack, \i, end of file
 *	psql-meta.c	the meta-commands
 *	psql-meta-buffer.c	\r \p \g \gx \gdesc \a \C \f \encoding
 *	psql-cd.c	\cd: the session's own working directory
 *	psql-meta-shell.c	\! COMMAND
 *	psql-copyskip.c	the data lines of a COPY FROM STDIN that failed
 *	psql-meta-lo.c	\lo_import, \lo_export, \lo_unlink
 *	psql-exec.c	sending a query: results, notices, errors, COPY,
 *			ON_ERROR_ROLLBACK, \gset
 *	psql-autocommit.c	a query's first words; AUTOCOMMIT off's BEGIN
 *	psql-cursor.c	FETCH_COUNT: a SELECT through a cursor, in batches
 *	psql-print.c	unaligned and expanded tables, display widths
 *	psql-print-aligned.c	aligned tables: \pset border, linestyle
 *	psql-print-expanded.c	the same, expanded (\x)
 *	psql-print-csv.c	\pset format csv (and the format names)
 *	psql-print-html.c	\pset format html (\H, \T)
 *	psql-print-asciidoc.c	\pset format asciidoc
 *	psql-print-latex.c	\pset format latex and latex-longtable
 *	psql-print-troff.c	\pset format troff-ms
 *	psql-print-locale.c	\pset numericlocale
 *	psql-crosstab.c	\crosstabview
 *	psql-describe.c	\d[+] NAME (tables, views) and \dC
 *	psql-describe-footer.c	the footers of \d[+] on a table or view
 *	psql-describe-attached.c	\d footers: policies, statistics
 *	psql-describe-events.c	\d footers: triggers, a view's rules
 *	psql-describe-kinds.c	\d[+] on an index or a sequence
 *	psql-describe-list.c	\d, \dt, \di, \dv, \ds, \dm, \dE, \dn,
 *			\df, \dx lists
 *	psql-describe-roles.c	\du and \dg
 *	psql-describe-privileges.c	\dp and \z
 *	psql-describe-types.c	\dT, \dD and \do lists
 *	psql-source.c	\sf and \sv
 *	psql-pattern.c	psql's name patterns as catalog conditions
 *	psql-timeout.c	--timeout: a query cancelled at its deadline
 *
 *	pgregress.c	the pg-regress subcommand: options, the run
 *	pgregress-env.c	the tests' environment, databases, roles, the
 *			temporary instance's configuration
 *	pgregress-run.c	schedules, groups, each test's verdict
 *	pgregress-report.c	status lines, summaries, failures, --format
 *	pgregress-diff.c unified diffs of expected and actual output
 */
#ifndef PSQL_H
#define PSQL_H

#include <libpq-fe.h>

#include "driver.h"

enum psql_echo { PSQL_ECHO_NONE, PSQL_ECHO_QUERIES, PSQL_ECHO_ERRORS,
    PSQL_ECHO_ALL };
/* \pset format: the ones reproduced (wrapped is aligned, no width). */
enum psql_format { PSQL_FMT_ALIGNED, PSQL_FMT_UNALIGNED, PSQL_FMT_WRAPPED,
    PSQL_FMT_CSV, PSQL_FMT_HTML, PSQL_FMT_ASCIIDOC, PSQL_FMT_LATEX,
    PSQL_FMT_LATEX_LONGTABLE, PSQL_FMT_TROFF };
enum psql_linestyle { PSQL_LINE_ASCII, PSQL_LINE_OLD_ASCII,
    PSQL_LINE_UNICODE };

/* One variable. */
struct psql_var {
	char		*name;
	char		*value;
	struct psql_var	*next;
};

/* \pset settings. */
struct psql_popt {
	enum psql_format format;
	int		 tuples_only;
	int		 expanded;	/* 0 off, 1 on, 2 auto (off: no tty) */
	int		 border;	/* \pset border: 0, 1, 2 (more is 2) */
	enum psql_linestyle linestyle;
	int		 footer;
	char		*null;
	char		*fieldsep;
	char		*recordsep;
	int		 fieldsep_zero;	/* \pset fieldsep_zero: a zero byte */
	int		 recordsep_zero;
	int		 columns;	/* \pset columns, 0 unset */
	int		 unicode_border; /* \pset unicode_*_linestyle: */
	int		 unicode_column; /* 0 single, 1 double */
	int		 unicode_header;
	int		 pager_min_lines;
	char		*title;
	char		*tableattr;	/* \pset tableattr (\T), or NULL */
	char		 csv_fieldsep;	/* \pset csv_fieldsep: one byte */
	int		 numericlocale;	/* \pset numericlocale */
	int		 pager;		/* \pset pager: 0 off, 1 on, 2 always */
};

/* The scanner's state inside a statement, kept across lines. */
struct psql_lexstate {
	int		 in;		/* 0, '\'', 'e' (E''), '"', 'c', '$' */
	int		 comment_depth;
	int		 paren_depth;
	int		 begin_depth;
	int		 ident_count;
	char		 idents[4];
	char		*dolq;		/* the $tag$ being closed */
};

/* One level of \if. */
enum psql_ifstate { IF_TRUE, IF_FALSE, IF_ELSE_TRUE, IF_ELSE_FALSE,
    IF_IGNORED, IF_ELSE_IGNORED };

/*
 * What psql keeps at each \if level to throw away the text a skipped
 * branch added to the query buffer: its length and the parenthesis
 * depth of the scanner when the branch began.
 */
struct psql_ifsave {
	size_t		 qlen;
	int		 paren_depth;
};

/* Where input comes from: the test script or an \i file. */
struct psql_source {
	FILE		*f;
	const char	*name;		/* for messages */
	int		 is_stdin;	/* no "psql:FILE:LINE: " prefixes */
	long		 lineno;
	enum psql_ifstate *ifs;		/* the \if stack of this file */
	struct psql_ifsave *ifsave;	/* one for each of ifs */
	size_t		 nifs;
	struct psql_lexstate *lex;	/* this file's scanner state */
};
int	 psql_active(const struct psql_source *);

/*
 * Where a statement started in the output: the offset of its echo and
 * FILE:LINE of its first line, to point a difference at its statement.
 */
struct psql_mark {
	long		 off;
	char		*file;
	long		 line;
};

/* A psql session. */
struct psql_text_format;
struct psql {
	PGconn		*conn;
	struct psql_text_format *line_format; /* unicode, or NULL */
	FILE		*out;		/* psql's stdout and stderr, merged */
	FILE		*qout;		/* \o FILE: query output, or NULL */
	pid_t		 qpid;		/* \o |COMMAND's, or 0 */
	struct psql_var	*vars;
	enum psql_echo	 echo;
	int		 quiet;
	int		 on_error_stop;
	int		 on_error_rollback;
	int		 autocommit;	/* off: psql's implicit BEGIN */
	int		 fetch_count;	/* FETCH_COUNT: rows a fetch, 0 all */
	int		 singlestep;
	int		 timing;	/* \timing: "Time: ..." after a query */
	struct psql_popt popt;
	struct psql_source *src;	/* the current input */
	char		*testname;	/* for reports: the script path */
	char		*cwd;		/* \cd: where relative names are, or
					 * NULL (the run's directory) */
	char		*prev_query;	/* for \g with an empty buffer */
	char		*gset_prefix;	/* non-NULL: the next query is \gset */
	int		 crosstab;	/* the next query is \crosstabview */
	int		 gexec;		/* the next query is \gexec */
	int		 gdesc;		/* the next query is \gdesc */
	/* \g or \gx: the \pset settings after the query, its file */
	struct psql_popt *gsaved;
	char		*gfname;
	FILE		*gfile;		/* opened at its first rows */
	pid_t		 gpid;		/* \g |command's, or 0 */
	PGresult	*last_error;	/* for \errverbose */
	char		*crosstab_args[4];
	FILE		*copy_stream;	/* the client file of \copy, or NULL */
	char		 last_tag[64];
	int		 unhandled;	/* psql-meta.c: no such command */
	struct psql_mark *marks;
	size_t		 nmarks;	/* command tag of the last result */
	/* The first meta-command sqlcheck cannot run (reported once). */
	char		*unsupported;
	/* --timeout: seconds (0: none), this query's deadline. */
	double		 timeout;
	double		 deadline;
	int		 cancelled;	/* this query was cancelled */
	char		*timed_out;	/* FILE:LINE of the first cancelled */
	int		 conn_lost;	/* a failed \c: the script ends (2) */
	int		 copy_skip;	/* a failed COPY FROM STDIN's data */
	/* Connection parameters, for \c. */
	char		*dbname, *host, *port, *user, *appname;
	char		*conn_appname;	/* the connection's application_name */
	/* \setenv's names and values (NULL: unset), psql-env.c */
	char		**env_names, **env_values;
	size_t		 nenv;
	/* \restrict's key: only \unrestrict runs (NULL: not restricted) */
	char		*restrict_key;
};

/* The result of a meta-command. */
enum psql_cmd { PSQL_CMD_OK, PSQL_CMD_ERROR, PSQL_CMD_SEND,
    PSQL_CMD_TERMINATE };

/* psql-scan.c */
enum psql_scan_result { PSCAN_SEMICOLON, PSCAN_BACKSLASH, PSCAN_EOL };
void	 psql_lex_reset(struct psql_lexstate *);
enum psql_scan_result psql_scan(struct psql *, struct psql_lexstate *,
	    const char **, struct buf *, int);
char	*psql_scan_command(const char **);
char	*psql_scan_arg(struct psql *, const char **, int);
char	*psql_scan_arg_quoted(struct psql *, const char **, int, int *);
char	*psql_scan_option(struct psql *, const char **);
char	*psql_scan_filepipe(struct psql *, const char **, int);
char	*psql_scan_rest(const char **);
int	 psql_at_command_end(const char **);

/* psql-vars.c */
const char *psql_var_get(struct psql *, const char *);
int	 psql_var_on(struct psql *, const char *);
int	 psql_var_set(struct psql *, const char *, const char *);
int	 psql_var_hooked(const char *);
void	 psql_vars_free(struct psql *);
int	 psql_parse_bool(const char *, int *);
void	 psql_vars_init(struct psql *);
char	*psql_quote_literal(struct psql *, const char *);
char	*psql_quote_ident(const char *);

/* psql-main.c */
int	 psql_run_source(struct psql *, struct psql_source *);
void	 psql_error(struct psql *, const char *, ...) printflike(2, 3);
/* psql-cd.c */
char	*psql_path(const struct psql *, const char *);
FILE	*psql_fopen(const struct psql *, const char *, const char *);
int	 psql_cd(struct psql *, const char *);
void	 psql_warning(struct psql *, const char *, ...) printflike(2, 3);
void	 psql_unsupported(struct psql *, const char *);
int	 psql_include(struct psql *, const char *);

/* psql-meta.c */
enum psql_cmd psql_meta(struct psql *, const char **, struct buf *, int);
int	 psql_pset(struct psql *, const char *, const char *);

/* psql-restrict.c */
int	 psql_restricted(struct psql *, const char *);
enum psql_cmd psql_cmd_restrict(struct psql *, const char **);
enum psql_cmd psql_cmd_unrestrict(struct psql *, const char **);

/* psql-copyskip.c */
int	 psql_has_copy_from_stdin(const char *);
int	 psql_copy_skip_line(struct psql *, const char *);

/* psql-meta-shell.c */
int	 psql_shell(struct psql *, const char *);
FILE	*psql_pipe_open(struct psql *, const char *, const char *,
	    pid_t *);
char	*psql_pipe_close(FILE *, pid_t);
void	 psql_out_close(struct psql *);

/* psql-meta-lo.c */
int	 psql_large_object(struct psql *, const char *, const char *,
	    const char *);

/* psql-meta-buffer.c */
int	 psql_meta_buffer(struct psql *, const char *, const char **,
	    struct buf *, enum psql_cmd *);
void	 psql_g_done(struct psql *);
FILE	*psql_g_file(struct psql *);

/* psql-exec.c */
int	 psql_send(struct psql *, const char *);
int	 psql_command_no_begin(const char *);
const char *psql_skip_blank(const char *);
int	 psql_next_word_is(const char **, const char *);
void	 psql_message(struct psql *, const char *);
void	 psql_result_vars(struct psql *, const PGresult *, int);
int	 psql_failed(struct psql *, PGresult *, const char *);
int	 psql_store_row(struct psql *, const PGresult *);
int	 psql_exec_quiet(struct psql *, const char *);

/* psql-cursor.c: FETCH_COUNT */
int	 psql_cursor_wanted(struct psql *, const char *);
int	 psql_exec_cursor(struct psql *, const char *);
void	 psql_notice(void *, const char *);
int	 psql_connect_params(struct psql *, const char *const *,
	    const char *const *, const char *);
int	 psql_connect(struct psql *, const char *, const char *,
	    const char *, const char *, const char *);

/* psql-timeout.c */
void	 psql_timeout_arm(struct psql *);
void	 psql_timeout_wait(struct psql *);
int	 psql_timeout_copy_data(struct psql *, char **);

/* psql-print.c */
FILE	*psql_qfout(const struct psql *);
void	 psql_print_result(struct psql *, const PGresult *);
void	 psql_print_titled(struct psql *, const PGresult *, const char *,
	    int);
void	 psql_print_batch(struct psql *, const PGresult *, size_t, int, int,
	    int);
void	 psql_print_footed(struct psql *, const PGresult *, const char *,
	    char *);
void	 psql_print_footers(struct psql *, const PGresult *, const char *,
	    char **, size_t);
struct psql_table {
	int		 ncols;
	size_t		 nrows;
	char		**headers;	/* ncols */
	char		**cells;	/* nrows * ncols, NULL for NULL */
	char		*aligns;	/* ncols: 'l' or 'r' */
	const char	*title;		/* NULL: \pset title */
	char		**footers;	/* instead of "(N rows)", or NULL */
	size_t		 nfooters;
	/* FETCH_COUNT's batches: one table printed in parts */
	int		 more_before;	/* not the first: no title, header */
	int		 more_after;	/* not the last: no footer, blank line */
	size_t		 prior;		/* rows of the batches before */
	int		 not_expanded;	/* never \x (psql's \d on a table) */
	int		 paged;		/* FETCH_COUNT's batches after a full
					 * one: \x auto prints them expanded */
};
void	 psql_print_table(struct psql *, const struct psql_table *);
int	 psql_expanded(const struct psql *, const struct psql_table *);
/* The footer lines under a table (psql_footers_of). */
struct psql_footers {
	const char *const *line;
	size_t		 n;
	const char	*one;		/* line's storage for "(N rows)" */
	char		 rows[32];
};
void	 psql_footers_of(const struct psql *, const struct psql_table *, int,
	    struct psql_footers *);
const char *psql_cell_text(const struct psql *, const struct psql_table *,
	    size_t, int);
int	 psql_blank(const char *);

/* psql-print-csv.c */
void	 psql_print_csv(struct psql *, const struct psql_table *);

/* psql-print-html.c */
void	 psql_print_html(struct psql *, const struct psql_table *,
	    const char *);

/* psql-print-asciidoc.c */
void	 psql_print_asciidoc(struct psql *, const struct psql_table *,
	    const char *);

/* psql-print-latex.c */
void	 psql_print_latex(struct psql *, const struct psql_table *,
	    const char *);
void	 psql_print_latex_longtable(struct psql *,
	    const struct psql_table *, const char *);

/* psql-print-troff.c */
void	 psql_print_troff(struct psql *, const struct psql_table *,
	    const char *);

/* psql-print-locale.c */
void	 psql_numeric_locale(struct psql_table *);
void	 psql_numeric_locale_free(struct psql_table *);
int	 psql_pset_format(struct psql *, const char *);
const char *psql_format_name(enum psql_format);
int	 psql_pset_csv_fieldsep(struct psql *, const char *);
/* A cell broken into display lines (psql's pg_wcsformat). */
struct psql_cell_lines {
	char	*text;		/* the lines, each NUL-terminated */
	size_t	 nlines;
	char	**line;
	int	*width;
};
void	 psql_cell_format(const char *, int, struct psql_cell_lines *);
int	 psql_encoding(const struct psql *);
#define PSQL_ENCODING_UTF8	6	/* PostgreSQL's PG_UTF8 */
void	 psql_cell_lines_free(struct psql_cell_lines *);

/* psql-print-aligned.c: line styles (psql's printTextFormat). */
struct psql_line_rule {
	const char	*hrule, *left, *mid, *right;
};
enum { PSQL_RULE_TOP, PSQL_RULE_MIDDLE, PSQL_RULE_BOTTOM, PSQL_RULE_DATA };
struct psql_text_format {
	struct psql_line_rule rule[4];	/* top, middle, bottom, data */
	const char	*midvrule_nl;	/* divider before a continued cell */
	const char	*midvrule_wrap;	/* \x: after a value's last line */
	const char	*midvrule_blank; /* divider before a finished cell */
	const char	*header_nl_left, *header_nl_right;
	const char	*nl_left, *nl_right;
	int		 wrap_right_border; /* border 0: marks at the right */
	const char	*wrap_left, *wrap_right; /* a value wrapped (\pset
					 * format wrapped) */
};
const struct psql_text_format *psql_line_format(struct psql *);

/* psql-print-expanded.c */
void	 psql_print_expanded(struct psql *, const struct psql_table *,
	    const char *);
void	 psql_print_aligned(struct psql *, const struct psql_table *,
	    const char *);
size_t	 psql_fit_bytes(const char *, int *, int);
int	 psql_auto_expanded(struct psql *, const struct psql_table *);
char	 psql_type_align(Oid);
int	 psql_text_width(const char *, size_t, int);

/* psql-crosstab.c */
int	 psql_crosstab(struct psql *, const PGresult *);

/* psql-describe.c */
int	 psql_describe(struct psql *, const char *, const char *,
	    const char *const *);
PGresult *psql_catalog_query(struct psql *, const char *);
PGresult *psql_catalog_params(struct psql *, const char *, int,
	    const char *const *);
PGresult *psql_rel_query(struct psql *, const char *, const char *);

/* psql-describe-list.c */
int	 psql_describe_list(struct psql *, const char *, const char *,
	    const char *const *);
int	 psql_print_list(struct psql *, const char *, const char *);

/* psql-describe-footer.c: what \d[+] knows of the relation described. */
struct psql_relinfo {
	const char	*oid;
	const char	*nspname;
	char		 kind;		/* pg_class.relkind */
	char		 replident;	/* pg_class.relreplident */
	int		 ispartition;
	int		 rowsecurity, forcerowsecurity;
	int		 verbose;	/* \d+ */
	const char	*amname;	/* "" for none */
	const char	*options;	/* reloptions, "" for none */
	const char	*oftype;	/* a typed table's type, or "" */
	const char	*tablespace;	/* its own tablespace, "" for none */
};
void	 psql_footer_add(struct psql_table *, char *);
void	 psql_relation_footers(struct psql *, struct psql_table *,
	    const struct psql_relinfo *);

/* psql-describe-attached.c */
void	 psql_policy_footers(struct psql *, struct psql_table *,
	    const struct psql_relinfo *);
void	 psql_statistics_footers(struct psql *, struct psql_table *,
	    const char *);
void	 psql_rule_footers(struct psql *, struct psql_table *,
	    const char *);

/* psql-describe-events.c */
void	 psql_view_rule_footers(struct psql *, struct psql_table *,
	    const char *);
void	 psql_trigger_footers(struct psql *, struct psql_table *,
	    const char *);

/* psql-describe-kinds.c */
int	 psql_index_columns(const struct psql_relinfo *, char **,
	    struct buf *);
void	 psql_index_footers(struct psql *, struct psql_table *,
	    const struct psql_relinfo *);
int	 psql_describe_sequence(struct psql *, const struct psql_relinfo *,
	    const char *);

/* psql-describe-roles.c */
int	 psql_describe_roles(struct psql *, const char *, const char *);

/* psql-describe-privileges.c */
int	 psql_describe_privileges(struct psql *, const char *);
int	 psql_describe_default_privileges(struct psql *, const char *);

/* psql-describe-types.c */
int	 psql_describe_types(struct psql *, const char *, const char *,
	    const char *const *);

/* psql-describe-more.c */
int	 psql_describe_more(struct psql *, const char *, const char *,
	    const char *);
void	 psql_user_schemas_only(struct buf *, int, const char *);

/* psql-describe-server.c */
int	 psql_describe_server(struct psql *, const char *, const char *,
	    const char *);

/* psql-describe-names.c */
int	 psql_describe_invalid(const char *);
int	 psql_describe_paired(const char *);

/* psql-describe-opclass.c */
int	 psql_describe_opclass(struct psql *, const char *, const char *,
	    const char *);

/* psql-describe-publications.c */
int	 psql_describe_replication(struct psql *, const char *,
	    const char *);
void	 psql_publication_footers(struct psql *, struct psql_table *,
	    const char *);
char	**psql_schema_publications(struct psql *, const char *, size_t *);

/* psql-describe-partitioned.c */
int	 psql_describe_partitioned(struct psql *, const char *,
	    const char *);

/* psql-describe-comments.c */
int	 psql_describe_comments(struct psql *, int, const char *);

/* psql-describe-fdw.c */
int	 psql_describe_fdw(struct psql *, const char *, const char *);
void	 psql_options_column(struct buf *, const char *, const char *);
void	 psql_foreign_table_footers(struct psql *, struct psql_table *,
	    const char *);

/* psql-describe-ts.c */
int	 psql_describe_ts(struct psql *, const char *, const char *);

/* psql-source.c */
int	 psql_show_source(struct psql *, const char *, const char *);

/* psql-meta-copy.c: \copy's arguments, as psql reads them */
struct psql_copy_args {
	char	*before;	/* what precedes FROM/TO, as psql rebuilds it */
	char	*file;		/* a file name (quotes stripped), or NULL */
	char	*std;		/* stdin, stdout, pstdin or pstdout, or NULL */
	char	*after;		/* the options after the file, or NULL */
	int	 from;		/* FROM (else TO) */
	int	 program;	/* FROM/TO PROGRAM 'command' */
};
int	 psql_copy_parse(struct psql *, const char *, struct psql_copy_args *);
void	 psql_copy_args_free(struct psql_copy_args *);

/* psql-env.c */
const char *psql_getenv(const struct psql *, const char *);
void	 psql_setenv(struct psql *, const char *, const char *);
char	**psql_environ(const struct psql *);
void	 psql_environ_free(char **);
void	 psql_env_free(struct psql *);

/* psql-pattern.c */
int	 psql_pattern_where(struct psql *, struct buf *, const char *,
	    const char *, const char *, const char *, const char *);
void	 psql_pattern_where_flat(struct psql *, struct buf *, const char *,
	    const char *, const char *);
int	 psql_pattern_parts(struct psql *, const char *, int);
int	 psql_pattern_where_escaped(struct psql *, struct buf *,
	    const char *, const char *, const char *, const char *);
void	 psql_argtype_joins(struct buf *, const char *const *, int);
int	 psql_argtype_where(struct psql *, struct buf *, const char *const *,
	    int);
const char *psql_type_alias(const char *);

/* The session, for a script: open, run a file, close. */
struct psql *psql_new(FILE *, const char *);
void	 psql_free(struct psql *);
int	 psql_run_script(struct psql *, const char *);

#endif
