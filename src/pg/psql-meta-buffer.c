/*
 * psql-meta-buffer.c: the meta-commands about the query buffer and how
 * the next result is shown: \r and \p (the buffer), \gx (the query,
 * expanded once), \gdesc (its columns, not run), \a, \C and \f (the
 * \pset shorthands) and \encoding (the client encoding).  Each prints
 * what psql 15 prints, on the same stream.
 */
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

/*
 * \gx: the query sent with \pset expanded on for its results only;
 * psql_send() puts the setting back.
 */
static enum psql_cmd
cmd_gx(struct psql *ps)
{
	if (!ps->gx) {
		ps->gx_saved_expanded = ps->popt.expanded;
		ps->gx = 1;
	}
	ps->popt.expanded = 1;
	return PSQL_CMD_SEND;
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

/* \a, \C [TITLE], \f [SEPARATOR]: \pset format, title, fieldsep. */
static enum psql_cmd
cmd_pset_short(struct psql *ps, const char **pp, const char *cmd)
{
	char	*val;
	int	 rc;

	if (strcmp(cmd, "a") == 0)
		return psql_pset(ps, "format", ps->popt.format ==
		    PSQL_FMT_ALIGNED ? "unaligned" : "aligned") == 0 ?
		    PSQL_CMD_OK : PSQL_CMD_ERROR;
	val = psql_scan_arg(ps, pp, 1);
	rc = psql_pset(ps, cmd[0] == 'C' ? "title" : "fieldsep", val);
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
	else if (strcmp(cmd, "gx") == 0 && psql_at_command_end(pp) == 0)
		*r = cmd_gx(ps);
	else if (strcmp(cmd, "gdesc") == 0) {
		ps->gdesc = 1;
		*r = PSQL_CMD_SEND;
	} else if (strcmp(cmd, "encoding") == 0)
		*r = cmd_encoding(ps, pp);
	else if (strcmp(cmd, "a") == 0 || strcmp(cmd, "C") == 0 ||
	    strcmp(cmd, "f") == 0)
		*r = cmd_pset_short(ps, pp, cmd);
	else
		return -1;
	return 0;
}
