/*
 * psql-cursor.c: \set FETCH_COUNT N, as psql 15 runs a SELECT or VALUES
 * with it: BEGIN when no transaction is open, "DECLARE _psql_cursor NO
 * SCROLL CURSOR FOR" and the query on the next line (so an error's LINE
 * counts that line), FETCH FORWARD N until a short batch, CLOSE, then
 * COMMIT or ROLLBACK of its own transaction.  Each batch is printed as
 * a part of one table: each has its own column widths; the first has
 * the header, the last the footer with the count of all rows.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* 1 when query's first word, past left parentheses, is w. */
static int
starts_with_word(const char *query, const char *w)
{
	const char	*p = psql_skip_blank(query);

	while (*p == '(')
		p = psql_skip_blank(p + 1);
	return psql_next_word_is(&p, w);
}

/*
 * Whether psql would run query through a cursor: FETCH_COUNT set, a
 * SELECT or VALUES, not for \gexec or \crosstabview.  Under \x the
 * batches are reproduced in the aligned, wrapped and unaligned formats;
 * other formats are reported as not supported (the query then runs
 * whole).
 */
int
psql_cursor_wanted(struct psql *ps, const char *query)
{
	if (ps->fetch_count <= 0 || ps->gexec || ps->crosstab ||
	    (!starts_with_word(query, "select") &&
	    !starts_with_word(query, "values")))
		return 0;
	/* batches under \x: the aligned, wrapped and unaligned formats */
	if (ps->popt.expanded == 1 && ps->gset_prefix == NULL &&
	    ps->popt.format != PSQL_FMT_ALIGNED &&
	    ps->popt.format != PSQL_FMT_WRAPPED &&
	    ps->popt.format != PSQL_FMT_UNALIGNED) {
		psql_unsupported(ps, "set FETCH_COUNT with \\x");
		return 0;
	}
	return 1;
}

/* A command of the cursor's; 0, or -1 with the error printed. */
static int
cursor_command(struct psql *ps, const char *sql)
{
	PGresult	*res = PQexec(ps->conn, sql);
	int		 ok = PQresultStatus(res) == PGRES_COMMAND_OK;

	if (!ok)
		return psql_failed(ps, res, PQerrorMessage(ps->conn));
	PQclear(res);
	return 0;
}

/* The batches, printed (or the one row \gset keeps); 0 or -1. */
static int
fetch_all(struct psql *ps, size_t *total)
{
	char		 fetch[64];
	PGresult	*res;
	int		 n, count = ps->gset_prefix != NULL ? 2 : ps->fetch_count;
	int		 first = 1, rc = 0, paged = 0;

	snprintf(fetch, sizeof fetch, "FETCH FORWARD %d FROM _psql_cursor",
	    count);
	for (;;) {
		res = PQexec(ps->conn, fetch);
		if (PQresultStatus(res) != PGRES_TUPLES_OK)
			return psql_failed(ps, res, PQerrorMessage(ps->conn));
		if (ps->gset_prefix != NULL) {
			rc = psql_store_row(ps, res);
			PQclear(res);
			return rc;
		}
		n = PQntuples(res);
		/*
		 * psql's pager hack: more batches to come on its standard
		 * output, and \x auto prints this one and the rest expanded
		 */
		if (n == count && psql_qfout(ps) == ps->out)
			paged = 1;
		psql_print_batch(ps, res, *total, first, n < count, paged);
		*total += (size_t)n;
		first = 0;
		PQclear(res);
		if (n < count)
			return 0;
	}
}

/*
 * Run query through a cursor (psql's ExecQueryUsingCursor).  0, or -1
 * when it failed (the message printed).
 */
int
psql_exec_cursor(struct psql *ps, const char *query)
{
	char	*declare, num[32];
	size_t	 total = 0;
	int	 own = 0, rc;
	FILE	*saved = ps->qout;

	if (PQtransactionStatus(ps->conn) == PQTRANS_IDLE) {
		if (cursor_command(ps, "BEGIN") != 0)
			return -1;
		own = 1;
	}
	declare = xprintf("DECLARE _psql_cursor NO SCROLL CURSOR FOR\n%s",
	    query);
	rc = cursor_command(ps, declare);
	free(declare);
	if (rc == 0 && ps->gfname != NULL && ps->gset_prefix == NULL &&
	    (ps->qout = psql_g_file(ps)) == NULL)
		rc = -1;
	if (rc == 0)
		rc = fetch_all(ps, &total);
	ps->qout = saved;
	if (rc == 0) {
		psql_var_set(ps, "ERROR", "false");
		psql_var_set(ps, "SQLSTATE", "00000");
		snprintf(num, sizeof num, "%zu", total);
		psql_var_set(ps, "ROW_COUNT", num);
		rc = cursor_command(ps, "CLOSE _psql_cursor");
	} else
		PQclear(PQexec(ps->conn, "CLOSE _psql_cursor"));
	if (own && cursor_command(ps, rc == 0 ? "COMMIT" : "ROLLBACK") != 0)
		rc = -1;
	return rc;
}
