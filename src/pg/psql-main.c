/*
 * psql-main.c: psql's MainLoop for a script.  Each line is echoed as
 * read (ECHO all), scanned into the query buffer, and each complete
 * statement sent; backslash commands run where they stand; \i runs a
 * file the same way with its own buffer and \if stack; ON_ERROR_STOP
 * ends the script after the line that failed, with psql's exit status
 * 3.  Messages a psql meta-command prints go through psql_error(),
 * which adds "psql:FILE:LINE: error: " inside an \i file as psql does.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "psql.h"

#define PSQL_EXIT_USER		3
#define PSQL_EXIT_BADCONN	2
#define PSQL_EXIT_TERMINATE	(-1)

/* A new session writing to out; test names the script, for reports. */
struct psql *
psql_new(FILE *out, const char *test)
{
	struct psql	*ps = xcalloc(1, sizeof *ps);

	ps->out = out;
	ps->testname = xstrdup(test);
	ps->popt.format = PSQL_FMT_ALIGNED;
	ps->popt.csv_fieldsep = ',';
	ps->popt.border = 1;
	ps->popt.footer = 1;
	ps->popt.pager = 1;
	ps->popt.null = xstrdup("");
	ps->popt.fieldsep = xstrdup("|");
	ps->popt.recordsep = xstrdup("\n");
	psql_vars_init(ps);
	return ps;
}

/* Close the session and free it (NULL is a no-op). */
void
psql_free(struct psql *ps)
{
	int	i;

	if (ps == NULL)
		return;
	psql_env_free(ps);
	free(ps->restrict_key);
	if (ps->conn != NULL)
		PQfinish(ps->conn);
	psql_out_close(ps);
	psql_g_done(ps);
	PQclear(ps->last_error);
	psql_vars_free(ps);
	free(ps->popt.null);
	free(ps->popt.fieldsep);
	free(ps->popt.recordsep);
	free(ps->popt.title);
	free(ps->popt.tableattr);
	free(ps->line_format);
	free(ps->cwd);
	free(ps->testname);
	free(ps->prev_query);
	free(ps->unsupported);
	free(ps->timed_out);
	for (i = 0; i < (int)ps->nmarks; i++)
		free(ps->marks[i].file);
	free(ps->marks);
	for (i = 0; i < 4; i++)
		free(ps->crosstab_args[i]);
	free(ps->dbname);
	free(ps->host);
	free(ps->port);
	free(ps->user);
	free(ps->appname);
	free(ps->conn_appname);
	free(ps);
}

/* A message of psql's own (pg_log_error), with its prefix in a file. */
void
psql_error(struct psql *ps, const char *fmt, ...)
{
	va_list	ap;

	if (ps->src != NULL && !ps->src->is_stdin)
		fprintf(ps->out, "psql:%s:%ld: error: ", ps->src->name,
		    ps->src->lineno);
	va_start(ap, fmt);
	vfprintf(ps->out, fmt, ap);
	va_end(ap);
	fputc('\n', ps->out);
}

/* psql's warnings: as psql_error(), with "warning: " in files. */
void
psql_warning(struct psql *ps, const char *fmt, ...)
{
	va_list	ap;

	if (ps->src != NULL && !ps->src->is_stdin)
		fprintf(ps->out, "psql:%s:%ld: warning: ", ps->src->name,
		    ps->src->lineno);
	va_start(ap, fmt);
	vfprintf(ps->out, fmt, ap);
	va_end(ap);
	fputc('\n', ps->out);
}

/*
 * A meta-command sqlcheck does not reproduce: the first one is kept
 * (FILE:LINE and name) to fail the test with; the output says so too.
 */
void
psql_unsupported(struct psql *ps, const char *cmd)
{
	fprintf(ps->out, "sqlcheck: psql meta-command \\%s is not "
	    "supported\n", cmd);
	if (ps->unsupported != NULL)
		return;
	ps->unsupported = xprintf("%s:%ld: psql meta-command \\%s is not "
	    "supported by sqlcheck pg-regress", ps->src != NULL ?
	    ps->src->name : ps->testname, ps->src != NULL ? ps->src->lineno :
	    0L, cmd);
}

/* Whether statements run at this point (no false \if branch). */
int
psql_active(const struct psql_source *src)
{
	enum psql_ifstate	s;

	if (src->nifs == 0)
		return 1;
	s = src->ifs[src->nifs - 1];
	return s == IF_TRUE || s == IF_ELSE_TRUE;
}

/* Note that a statement may start here (see struct psql_mark). */
static void
add_mark(struct psql *ps, const struct psql_source *src)
{
	struct psql_mark	*m;

	ps->marks = xreallocarray(ps->marks, ps->nmarks + 1,
	    sizeof *ps->marks);
	m = &ps->marks[ps->nmarks++];
	m->off = ftell(ps->out);
	m->file = xstrdup(src->name);
	m->line = src->lineno;
}

/* The previous query, for \g with an empty buffer. */
static void
remember_query(struct psql *ps, struct buf *q)
{
	free(ps->prev_query);
	ps->prev_query = xstrdup(q->data);
	buf_reset(q);
}

/* The loop over one line; sets *cmd and returns 0 or -1 (failure). */
static int
run_line(struct psql *ps, struct psql_source *src, const char *line,
    struct psql_lexstate *st, struct buf *q, long added_nl,
    enum psql_cmd *cmd)
{
	const char		*p = line;
	enum psql_scan_result	 r;
	int			 ok = 1, die = ps->on_error_stop;

	while (ok || !die) {
		r = psql_scan(ps, st, &p, q, psql_active(src));
		if (r == PSCAN_SEMICOLON && !psql_active(src)) {
			/* psql drops a statement of a skipped branch */
			buf_reset(q);
			psql_lex_reset(st);
			added_nl = -1;
		} else if (r == PSCAN_SEMICOLON) {
			ok = psql_send(ps, q->data) == 0;
			remember_query(ps, q);
			added_nl = -1;
		} else if (r == PSCAN_BACKSLASH) {
			if ((long)q->len == added_nl)
				q->data[--q->len] = '\0';
			added_nl = -1;
			*cmd = psql_meta(ps, &p, q, psql_active(src));
			ok = *cmd != PSQL_CMD_ERROR;
			if (*cmd == PSQL_CMD_SEND) {
				ok = psql_send(ps, q->data) == 0;
				remember_query(ps, q);
				psql_lex_reset(st);
			} else if (*cmd == PSQL_CMD_TERMINATE)
				break;
			else if (q->len == 0)	/* \r emptied it */
				psql_lex_reset(st);
			psql_at_command_end(&p);
			continue;
		}
		if (r == PSCAN_EOL)
			break;
	}
	return ok ? 0 : -1;
}

/* End of input: the statement left without a semicolon, the \if stack. */
static int
run_eof(struct psql *ps, struct psql_source *src, struct buf *q,
    enum psql_cmd cmd, int result)
{
	if (q->len > 0 && result == 0 && psql_active(src)) {
		if (psql_send(ps, q->data) != 0 && ps->on_error_stop)
			result = PSQL_EXIT_USER;
	}
	if (cmd != PSQL_CMD_TERMINATE && src->nifs > 0) {
		psql_error(ps, "reached EOF without finding closing "
		    "\\endif(s)");
		if (ps->on_error_stop)
			result = PSQL_EXIT_USER;
	}
	return result;
}

/*
 * Run the lines of src (the script or an \i file).  Returns 0, or
 * psql's exit status 3 when ON_ERROR_STOP stopped it, 2 when the
 * connection was lost.
 */
int
psql_run_source(struct psql *ps, struct psql_source *src)
{
	struct psql_source	*outer = ps->src;
	struct psql_lexstate	 st;
	struct buf		 q;
	char			*line = NULL;
	size_t			 cap = 0;
	ssize_t			 n;
	long			 added_nl;
	enum psql_cmd		 cmd = PSQL_CMD_OK;
	int			 result = 0, die;

	memset(&st, 0, sizeof st);
	buf_init(&q);
	ps->src = src;
	src->lex = &st;
	while (result == 0 && (n = getline(&line, &cap, src->f)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		src->lineno++;
		if (psql_copy_skip_line(ps, line))
			continue;
		/* psql skips an empty line outside quotes and comments */
		if (n == 0 && st.in == 0)
			continue;
		if (q.len == 0)
			add_mark(ps, src);
		if (ps->echo == PSQL_ECHO_ALL) {
			fputs(line, ps->out);
			fputc('\n', ps->out);
		}
		added_nl = -1;
		if (q.len > 0) {
			buf_addc(&q, '\n');
			added_nl = (long)q.len;
		}
		die = ps->on_error_stop;
		cmd = PSQL_CMD_OK;
		if (run_line(ps, src, line, &st, &q, added_nl, &cmd) != 0 &&
		    die)
			result = PSQL_EXIT_USER;
		else if (ps->conn_lost || (ps->conn != NULL &&
		    PQstatus(ps->conn) == CONNECTION_BAD))
			result = PSQL_EXIT_BADCONN;
		if (cmd == PSQL_CMD_TERMINATE)
			break;
	}
	result = run_eof(ps, src, &q, cmd, result);
	ps->copy_skip = 0;	/* the skipped data ends with its file */
	free(line);
	buf_free(&q);
	psql_lex_reset(&st);
	free(src->ifs);
	free(src->ifsave);
	src->ifs = NULL;
	src->ifsave = NULL;
	src->nifs = 0;
	src->lex = NULL;
	ps->src = outer;
	return result;
}

/* \i FILE, relative to the working directory; 0 or psql's status. */
int
psql_include(struct psql *ps, const char *path)
{
	struct psql_source	 src;
	int			 rc;

	memset(&src, 0, sizeof src);
	src.f = psql_fopen(ps, path, "r");
	if (src.f == NULL) {
		psql_error(ps, "%s: %s", path, strerror(errno));
		return -1;
	}
	src.name = path;
	rc = psql_run_source(ps, &src);
	fclose(src.f);
	return rc;
}

/* Run a script as psql reads its standard input; psql's exit status. */
int
psql_run_script(struct psql *ps, const char *path)
{
	struct psql_source	 src;
	int			 rc;

	memset(&src, 0, sizeof src);
	src.f = fopen(path, "r");
	if (src.f == NULL) {
		fprintf(ps->out, "could not open \"%s\": %s\n", path,
		    strerror(errno));
		return 1;
	}
	src.name = path;
	src.is_stdin = 1;
	rc = psql_run_source(ps, &src);
	fclose(src.f);
	fflush(ps->out);
	return rc < 0 ? 0 : rc;
}
