/*
 * psql-meta-buffer.c: the meta-commands about the query buffer and how
 * the next result is shown: \r, \p and \w (the buffer), \g and \gx (the
 * query, its rows to a file, under \pset options or expanded once),
 * \gdesc (its columns, not run), \a, \C and \f (the
 * \pset shorthands) and \encoding (the client encoding).  Each prints
 * what psql 15 prints, on the same stream.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* \r: the query buffer emptied (the scanner's state goes with it). */
static enum psql_cmd
cmd_reset(struct psql *ps, struct buf *q)
{
	buf_reset(q);
	if (!ps->quiet)
		fprintf(ps->out, "Query buffer reset (cleared).\n");
	return PSQL_CMD_OK;
}

/* \p: the buffer, or the previous query when it is empty. */
static enum psql_cmd
cmd_print(struct psql *ps, const struct buf *q)
{
	if (q->len > 0)
		fprintf(ps->out, "%s\n", q->data);
	else if (ps->prev_query != NULL && ps->prev_query[0] != '\0')
		fprintf(ps->out, "%s\n", ps->prev_query);
	else if (!ps->quiet)
		fprintf(ps->out, "Query buffer is empty.\n");
	return PSQL_CMD_OK;
}

/* A copy of the \pset settings (strings duplicated).  Caller frees. */
static struct psql_popt *
popt_copy(const struct psql_popt *from)
{
	struct psql_popt	*p = xmalloc(sizeof *p);

	*p = *from;
	p->null = xstrdup(from->null);
	p->fieldsep = xstrdup(from->fieldsep);
	p->recordsep = xstrdup(from->recordsep);
	p->title = from->title != NULL ? xstrdup(from->title) : NULL;
	p->tableattr = from->tableattr != NULL ? xstrdup(from->tableattr) :
	    NULL;
	return p;
}

static void
popt_free_strings(struct psql_popt *p)
{
	free(p->null);
	free(p->fieldsep);
	free(p->recordsep);
	free(p->title);
	free(p->tableattr);
}

/* Keep the settings to put back after this query, once. */
static void
g_save(struct psql *ps)
{
	if (ps->gsaved == NULL)
		ps->gsaved = popt_copy(&ps->popt);
}

/*
 * After a \g or \gx query: its settings and file gone, the \pset
 * settings of before back.
 */
void
psql_g_done(struct psql *ps)
{
	if (ps->gsaved != NULL) {
		popt_free_strings(&ps->popt);
		ps->popt = *ps->gsaved;
		free(ps->gsaved);
		ps->gsaved = NULL;
	}
	if (ps->gfile != NULL && ps->gpid != 0)
		free(psql_pipe_close(ps->gfile, ps->gpid));	/* psql 15: quiet */
	else if (ps->gfile != NULL)
		fclose(ps->gfile);
	ps->gfile = NULL;
	ps->gpid = 0;
	free(ps->gfname);
	ps->gfname = NULL;
}

/*
 * The file of \g FILE, opened (truncated) at the query's first rows,
 * or the input of \g |COMMAND's command, started then; NULL with
 * psql's message when it cannot be.
 */
FILE *
psql_g_file(struct psql *ps)
{
	if (ps->gfile != NULL)
		return ps->gfile;
	if (ps->gfname[0] == '|')
		ps->gfile = psql_pipe_open(ps, ps->gfname + 1, "w",
		    &ps->gpid);
	else
		ps->gfile = psql_fopen(ps, ps->gfname, "w");
	if (ps->gfile == NULL)
		psql_error(ps, "%s: %s", ps->gfname, strerror(errno));
	return ps->gfile;
}

/*
 * \g and \gx's "(name=value ...)": \pset options, quietly, for this
 * query only; first is the argument that opened the parenthesis.  0,
 * or -1 (the settings put back).
 */
static int
g_options(struct psql *ps, const char **pp, const char *cmd, char *first)
{
	char	*opt = first, *val;
	size_t	 n;
	int	 quiet = ps->quiet, rc = 0, closed = 0;

	ps->quiet = 1;
	while (!closed) {
		if (opt == NULL && (opt = psql_scan_arg(ps, pp, 1)) == NULL) {
			psql_error(ps, "\\%s: missing right parenthesis", cmd);
			rc = -1;
			break;
		}
		n = strlen(opt);
		if (n > 0 && opt[n - 1] == ')') {
			opt[--n] = '\0';
			closed = 1;
		}
		if (n > 0) {
			if ((val = strchr(opt, '=')) != NULL)
				*val++ = '\0';
			g_save(ps);
			if (psql_pset(ps, opt, val) != 0)
				rc = -1;
		}
		if (opt != first)
			free(opt);
		opt = NULL;
	}
	ps->quiet = quiet;
	if (rc != 0 && ps->gsaved != NULL)
		psql_g_done(ps);
	return rc;
}

/*
 * \g and \gx [(options)] [FILE|"|"COMMAND]: the query sent, its rows to
 * FILE or COMMAND and under the options for this query only; \gx also
 * expanded.
 */
static enum psql_cmd
cmd_g(struct psql *ps, const char **pp, const char *cmd)
{
	char	*arg = psql_scan_filepipe(ps, pp, 0);

	if (arg != NULL && arg[0] == '(') {
		if (g_options(ps, pp, cmd, arg + 1) != 0) {
			free(arg);
			return PSQL_CMD_ERROR;
		}
		free(arg);
		arg = psql_scan_filepipe(ps, pp, 0);
	}
	free(ps->gfname);
	ps->gfname = arg;
	if (strcmp(cmd, "gx") == 0) {
		g_save(ps);
		ps->popt.expanded = 1;
	}
	return PSQL_CMD_SEND;
}

/*
 * \w FILE|"|"COMMAND: the buffer, or the previous query when it is
 * empty, written to FILE, or as the input of COMMAND (run by /bin/sh,
 * waited for; its exit status unreported, as psql's), with a newline.
 */
static enum psql_cmd
cmd_write(struct psql *ps, const char **pp, const char *cmd,
    const struct buf *q)
{
	char		*path = psql_scan_filepipe(ps, pp, 1);
	const char	*text = q->len > 0 ? q->data : ps->prev_query;
	FILE		*f = NULL;
	pid_t		 pid = 0;
	int		 rc = 0;

	if (path == NULL) {
		psql_error(ps, "\\%s: missing required argument", cmd);
		return PSQL_CMD_ERROR;
	}
	if ((f = path[0] == '|' ? psql_pipe_open(ps, path + 1, "w", &pid) :
	    psql_fopen(ps, path, "w")) == NULL)
		rc = -1;
	if (f != NULL && text != NULL && text[0] != '\0')
		fprintf(f, "%s\n", text);
	if (f != NULL && pid != 0)
		free(psql_pipe_close(f, pid));
	else if (f != NULL && fclose(f) == EOF)
		rc = -1;
	if (rc != 0)
		psql_error(ps, "%s: %s", path, strerror(errno));
	free(path);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/* \encoding [NAME]: show the client encoding, or set it. */
static enum psql_cmd
cmd_encoding(struct psql *ps, const char **pp)
{
	char	*name = psql_scan_arg(ps, pp, 1);

	if (name == NULL)
		fprintf(ps->out, "%s\n", pg_encoding_to_char(
		    PQclientEncoding(ps->conn)));
	else if (ps->conn == NULL || PQsetClientEncoding(ps->conn, name) != 0)
		psql_error(ps, "%s: invalid encoding name or conversion "
		    "procedure not found", name);
	else
		psql_var_set(ps, "ENCODING", pg_encoding_to_char(
		    PQclientEncoding(ps->conn)));
	free(name);
	return PSQL_CMD_OK;	/* psql goes on even when it failed */
}

/*
 * \a, \H: \pset format (aligned and unaligned, html and aligned, in
 * turn); \C [TITLE], \f [SEPARATOR], \T [ATTRIBUTES]: \pset title,
 * fieldsep, tableattr.
 */
static enum psql_cmd
cmd_pset_short(struct psql *ps, const char **pp, const char *cmd)
{
	char	*val;
	int	 rc;

	if (strcmp(cmd, "a") == 0)
		return psql_pset(ps, "format", ps->popt.format ==
		    PSQL_FMT_ALIGNED ? "unaligned" : "aligned") == 0 ?
		    PSQL_CMD_OK : PSQL_CMD_ERROR;
	if (strcmp(cmd, "H") == 0 || strcmp(cmd, "html") == 0)
		return psql_pset(ps, "format", ps->popt.format ==
		    PSQL_FMT_HTML ? "aligned" : "html") == 0 ?
		    PSQL_CMD_OK : PSQL_CMD_ERROR;
	val = cmd[0] == 'C' ? psql_scan_option(ps, pp) :
	    psql_scan_arg(ps, pp, 1);
	rc = psql_pset(ps, cmd[0] == 'C' ? "title" : cmd[0] == 'T' ?
	    "tableattr" : "fieldsep", val);
	free(val);
	return rc == 0 ? PSQL_CMD_OK : PSQL_CMD_ERROR;
}

/*
 * Run cmd when it is one of this file's; 0 with *r set, or -1 when it
 * is not.  q is the query buffer.
 */
int
psql_meta_buffer(struct psql *ps, const char *cmd, const char **pp,
    struct buf *q, enum psql_cmd *r)
{
	if (strcmp(cmd, "r") == 0 || strcmp(cmd, "reset") == 0)
		*r = cmd_reset(ps, q);
	else if (strcmp(cmd, "p") == 0 || strcmp(cmd, "print") == 0)
		*r = cmd_print(ps, q);
	else if (strcmp(cmd, "g") == 0 || strcmp(cmd, "gx") == 0)
		*r = cmd_g(ps, pp, cmd);
	else if (strcmp(cmd, "gdesc") == 0) {
		ps->gdesc = 1;
		*r = PSQL_CMD_SEND;
	} else if (strcmp(cmd, "w") == 0 || strcmp(cmd, "write") == 0)
		*r = cmd_write(ps, pp, cmd, q);
	else if (strcmp(cmd, "encoding") == 0)
		*r = cmd_encoding(ps, pp);
	else if (strcmp(cmd, "a") == 0 || strcmp(cmd, "C") == 0 ||
	    strcmp(cmd, "f") == 0 || strcmp(cmd, "H") == 0 ||
	    strcmp(cmd, "html") == 0 || strcmp(cmd, "T") == 0)
		*r = cmd_pset_short(ps, pp, cmd);
	else
		return -1;
	return 0;
}
