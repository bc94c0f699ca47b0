/*
 * psql-meta-lo.c: psql 15's \lo_import FILE [COMMENT], \lo_export OID
 * FILE and \lo_unlink OID over libpq's large-object calls, with the
 * client's files.  As psql: outside a transaction block each runs in a
 * transaction of its own (BEGIN, then COMMIT, or ROLLBACK when it
 * failed; with AUTOCOMMIT off the transaction stays open), in an aborted
 * one it is refused; "lo_import OID" and the like unless QUIET;
 * \lo_import sets LASTOID.  \lo_list is \dl (psql-describe-more.c).
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Start the operation's transaction; 0 (*own: BEGIN sent), or -1. */
static int
lo_begin(struct psql *ps, const char *cmd, int *own)
{
	*own = 0;
	if (ps->conn == NULL) {
		psql_error(ps, "\\%s: not connected to a database", cmd);
		return -1;
	}
	switch (PQtransactionStatus(ps->conn)) {
	case PQTRANS_IDLE:
		if (psql_exec_quiet(ps, "BEGIN") != 0)
			return -1;
		*own = 1;
		return 0;
	case PQTRANS_INTRANS:
		return 0;
	case PQTRANS_INERROR:
		psql_error(ps, "\\%s: current transaction is aborted", cmd);
		return -1;
	default:
		psql_error(ps, "\\%s: unknown transaction status", cmd);
		return -1;
	}
}

/* End it: COMMIT when ok, else ROLLBACK (own and AUTOCOMMIT only). */
static int
lo_end(struct psql *ps, int own, int ok)
{
	if (!own || !ps->autocommit)
		return ok ? 0 : -1;
	if (ok && psql_exec_quiet(ps, "COMMIT") == 0)
		return 0;
	PQclear(PQexec(ps->conn, "ROLLBACK"));
	return -1;
}

/* libpq's message of a failed call, then the end of the transaction. */
static int
lo_failed(struct psql *ps, int own)
{
	psql_message(ps, PQerrorMessage(ps->conn));
	return lo_end(ps, own, 0);
}

/* The "lo_import OID" line and the like, unless QUIET. */
static void
lo_result(struct psql *ps, const char *what, Oid oid, int with_oid)
{
	if (ps->quiet)
		return;
	if (with_oid)
		fprintf(psql_qfout(ps), "%s %u\n", what, oid);
	else
		fprintf(psql_qfout(ps), "%s\n", what);
}

/* COMMENT ON LARGE OBJECT oid IS 'comment'. */
static int
lo_comment(struct psql *ps, Oid oid, const char *comment)
{
	char	*lit = PQescapeLiteral(ps->conn, comment, strlen(comment));
	char	*sql;
	int	 rc;

	if (lit == NULL)
		return -1;
	sql = xprintf("COMMENT ON LARGE OBJECT %u IS %s", oid, lit);
	PQfreemem(lit);
	rc = psql_exec_quiet(ps, sql);
	free(sql);
	return rc;
}

static int
lo_import_file(struct psql *ps, const char *file, const char *comment)
{
	char	 oidbuf[16], *path;
	Oid	 oid;
	int	 own;

	if (lo_begin(ps, "lo_import", &own) != 0)
		return -1;
	path = psql_path(ps, file);
	oid = lo_import(ps->conn, path);
	free(path);
	if (oid == InvalidOid)
		return lo_failed(ps, own);
	if (comment != NULL && lo_comment(ps, oid, comment) != 0)
		return lo_end(ps, own, 0);
	if (lo_end(ps, own, 1) != 0)
		return -1;
	lo_result(ps, "lo_import", oid, 1);
	snprintf(oidbuf, sizeof oidbuf, "%u", oid);
	return psql_var_set(ps, "LASTOID", oidbuf);
}

static int
lo_export_file(struct psql *ps, const char *oid, const char *file)
{
	char	*path;
	int	 own, rc;

	if (lo_begin(ps, "lo_export", &own) != 0)
		return -1;
	path = psql_path(ps, file);
	rc = lo_export(ps->conn, (Oid)strtoul(oid, NULL, 10), path);
	free(path);
	if (rc != 1)
		return lo_failed(ps, own);
	if (lo_end(ps, own, 1) != 0)
		return -1;
	lo_result(ps, "lo_export", 0, 0);
	return 0;
}

static int
lo_unlink_oid(struct psql *ps, const char *oidarg)
{
	Oid	oid = (Oid)strtoul(oidarg, NULL, 10);
	int	own;

	if (lo_begin(ps, "lo_unlink", &own) != 0)
		return -1;
	if (lo_unlink(ps->conn, oid) == -1)
		return lo_failed(ps, own);
	if (lo_end(ps, own, 1) != 0)
		return -1;
	lo_result(ps, "lo_unlink", oid, 1);
	return 0;
}

/*
 * \lo_import, \lo_export or \lo_unlink (cmd) with its two arguments
 * (either may be NULL): 0, or -1 with psql's message.
 */
int
psql_large_object(struct psql *ps, const char *cmd, const char *arg1,
    const char *arg2)
{
	int	export = strcmp(cmd, "lo_export") == 0;

	if (arg1 == NULL || (export && arg2 == NULL)) {
		psql_error(ps, "\\%s: missing required argument", cmd);
		return -1;
	}
	if (export)
		return lo_export_file(ps, arg1, arg2);
	if (strcmp(cmd, "lo_import") == 0)
		return lo_import_file(ps, arg1, arg2);
	return lo_unlink_oid(ps, arg1);
}
