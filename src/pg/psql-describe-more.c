/*
 * psql-describe-more.c: psql 15's lists of database objects that are
 * one query and one table each: \dA[+] (access methods), \dL[S+]
 * (procedural languages; S adds the internal ones), \dy[+] (event
 * triggers), \dc[S+] (conversions), \dO[S+] (collations), \dX
 * (extended statistics) and \dl (large objects, also \lo_list), with +
 * (more columns), S (system objects too) and psql's patterns; and the
 * dispatch of the commands of the files beside it: \l, \db, \dconfig
 * and \drds are in psql-describe-server.c, \dd in
 * psql-describe-comments.c, the foreign-data lists in
 * psql-describe-fdw.c, the text search ones in psql-describe-ts.c, \dP
 * in psql-describe-partitioned.c, \dA[cfop] in psql-describe-opclass.c,
 * \ddp in psql-describe-privileges.c, \dRp and \dRs in
 * psql-describe-publications.c.  The catalog queries are sqlcheck's
 * own.
 */
#include <string.h>

#include "psql.h"

/* What psql filters a list's rows on, and how it prints them. */
struct list_spec {
	const char	*title;
	const char	*schemacol;	/* NULL: the pattern has no schema */
	const char	*namecol;
	const char	*visrule;	/* NULL: none */
	const char	*order;		/* " ORDER BY ..." */
};

/*
 * Finish sql (its WHERE clause open) with the pattern's conditions and
 * the order, run it and print it; 0, or -1 (reported).  sql is freed.
 */
static int
finish_list(struct psql *ps, struct buf *sql, const struct list_spec *ls,
    const char *pattern)
{
	int	rc;

	rc = psql_pattern_where(ps, sql, pattern, ls->schemacol, ls->namecol,
	    NULL, ls->visrule);
	buf_adds(sql, ls->order);
	if (rc == 0)
		rc = psql_print_list(ps, sql->data, ls->title);
	buf_free(sql);
	return rc;
}

/* \dA[+] [PATTERN]: List of access methods. */
static int
list_access_methods(struct psql *ps, int verbose, const char *pattern)
{
	static const struct list_spec ls = { "List of access methods", NULL,
	    "amname", NULL, " ORDER BY 1" };
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT amname AS \"Name\", CASE amtype WHEN 'i' THEN"
	    " 'Index' WHEN 't' THEN 'Table' END AS \"Type\"");
	if (verbose)
		buf_adds(&sql, ", amhandler AS \"Handler\", pg_catalog."
		    "obj_description(oid, 'pg_am') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_am WHERE true");
	return finish_list(ps, &sql, &ls, pattern);
}

/* \dL[S+] [PATTERN]: List of languages. */
static int
list_languages(struct psql *ps, int verbose, int system,
    const char *pattern)
{
	static const struct list_spec ls = { "List of languages", NULL,
	    "l.lanname", NULL, " ORDER BY 1" };
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT l.lanname AS \"Name\", pg_catalog."
	    "pg_get_userbyid(l.lanowner) AS \"Owner\", l.lanpltrusted AS "
	    "\"Trusted\"");
	if (verbose)
		buf_adds(&sql, ", NOT l.lanispl AS \"Internal language\", "
		    "l.lanplcallfoid::pg_catalog.regprocedure AS \"Call "
		    "handler\", l.lanvalidator::pg_catalog.regprocedure AS "
		    "\"Validator\", l.laninline::pg_catalog.regprocedure AS "
		    "\"Inline handler\", pg_catalog.array_to_string(l.lanacl, "
		    "E'\\n') AS \"Access privileges\"");
	buf_adds(&sql, ", pg_catalog.obj_description(l.oid, 'pg_language') "
	    "AS \"Description\" FROM pg_catalog.pg_language l WHERE true");
	if (!system && pattern == NULL)
		buf_adds(&sql, " AND l.lanplcallfoid <> 0");
	if (psql_pattern_parts(ps, pattern, 2) != 0) {
		buf_free(&sql);
		return -1;
	}
	return finish_list(ps, &sql, &ls, pattern);
}

/* \dy[+] [PATTERN]: List of event triggers. */
static int
list_event_triggers(struct psql *ps, int verbose, const char *pattern)
{
	static const struct list_spec ls = { "List of event triggers", NULL,
	    "e.evtname", NULL, " ORDER BY 1" };
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT e.evtname AS \"Name\", e.evtevent AS "
	    "\"Event\", pg_catalog.pg_get_userbyid(e.evtowner) AS \"Owner\", "
	    "CASE e.evtenabled WHEN 'O' THEN 'enabled' WHEN 'R' THEN "
	    "'replica' WHEN 'A' THEN 'always' WHEN 'D' THEN 'disabled' END AS"
	    " \"Enabled\", e.evtfoid::pg_catalog.regproc AS \"Function\", "
	    "pg_catalog.array_to_string(ARRAY(SELECT x FROM pg_catalog.unnest("
	    "e.evttags) AS t(x)), ', ') AS \"Tags\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.obj_description(e.oid, "
		    "'pg_event_trigger') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_event_trigger e WHERE true");
	return finish_list(ps, &sql, &ls, pattern);
}

/* \dl[+] and \lo_list[+]: Large objects (no pattern, as psql). */
static int
list_large_objects(struct psql *ps, int verbose)
{
	return psql_print_list(ps, verbose ? "SELECT oid AS \"ID\", "
	    "pg_catalog.pg_get_userbyid(lomowner) AS \"Owner\", pg_catalog."
	    "array_to_string(lomacl, E'\\n') AS \"Access privileges\", "
	    "pg_catalog.obj_description(oid, 'pg_largeobject') AS "
	    "\"Description\" FROM pg_catalog.pg_largeobject_metadata ORDER BY "
	    "oid" : "SELECT oid AS \"ID\", pg_catalog.pg_get_userbyid("
	    "lomowner) AS \"Owner\", pg_catalog.obj_description(oid, "
	    "'pg_largeobject') AS \"Description\" FROM pg_catalog."
	    "pg_largeobject_metadata ORDER BY oid", "Large objects");
}

/* Leave out pg_catalog and information_schema (no S, no pattern). */
static void
user_schemas_only(struct buf *sql, int system, const char *pattern)
{
	if (!system && pattern == NULL)
		buf_adds(sql, " AND n.nspname <> 'pg_catalog' AND n.nspname "
		    "<> 'information_schema'");
}

/* \dc[S+] [PATTERN]: List of conversions. */
static int
list_conversions(struct psql *ps, int verbose, int system,
    const char *pattern)
{
	static const struct list_spec ls = { "List of conversions",
	    "n.nspname", "c.conname",
	    "pg_catalog.pg_conversion_is_visible(c.oid)", " ORDER BY 1, 2" };
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", c.conname AS "
	    "\"Name\", pg_catalog.pg_encoding_to_char(c.conforencoding) AS "
	    "\"Source\", pg_catalog.pg_encoding_to_char(c.contoencoding) AS "
	    "\"Destination\", CASE WHEN c.condefault THEN 'yes' ELSE 'no' END"
	    " AS \"Default?\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.obj_description(c.oid, "
		    "'pg_conversion') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_conversion c JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.connamespace WHERE true");
	user_schemas_only(&sql, system, pattern);
	return finish_list(ps, &sql, &ls, pattern);
}

/* \dO[S+] [PATTERN]: the collations usable in this database. */
static int
list_collations(struct psql *ps, int verbose, int system,
    const char *pattern)
{
	static const struct list_spec ls = { "List of collations",
	    "n.nspname", "c.collname",
	    "pg_catalog.pg_collation_is_visible(c.oid)", " ORDER BY 1, 2" };
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT n.nspname AS \"Schema\", c.collname AS "
	    "\"Name\", c.collcollate AS \"Collate\", c.collctype AS "
	    "\"Ctype\", c.colliculocale AS \"ICU Locale\", CASE "
	    "c.collprovider WHEN 'd' THEN 'default' WHEN 'c' THEN 'libc' WHEN"
	    " 'i' THEN 'icu' END AS \"Provider\", CASE WHEN "
	    "c.collisdeterministic THEN 'yes' ELSE 'no' END AS "
	    "\"Deterministic?\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.obj_description(c.oid, "
		    "'pg_collation') AS \"Description\"");
	buf_adds(&sql, " FROM pg_catalog.pg_collation c JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.collnamespace WHERE "
	    "c.collencoding IN (-1, pg_catalog.pg_char_to_encoding("
	    "pg_catalog.getdatabaseencoding()))");
	user_schemas_only(&sql, system, pattern);
	return finish_list(ps, &sql, &ls, pattern);
}

/* \dX [PATTERN]: List of extended statistics (+ adds nothing). */
static int
list_statistics(struct psql *ps, const char *pattern)
{
	static const struct list_spec ls = { "List of extended statistics",
	    "es.stxnamespace::pg_catalog.regnamespace::pg_catalog.text",
	    "es.stxname", "pg_catalog.pg_statistics_obj_is_visible(es.oid)",
	    " ORDER BY 1, 2" };
	struct buf	 sql;

	buf_init(&sql);
	buf_adds(&sql, "SELECT es.stxnamespace::pg_catalog.regnamespace::"
	    "pg_catalog.text AS \"Schema\", es.stxname AS \"Name\", "
	    "pg_catalog.format('%s FROM %s', pg_catalog."
	    "pg_get_statisticsobjdef_columns(es.oid), es.stxrelid::"
	    "pg_catalog.regclass) AS \"Definition\", CASE WHEN 'd' = "
	    "ANY(es.stxkind) THEN 'defined' END AS \"Ndistinct\", CASE WHEN "
	    "'f' = ANY(es.stxkind) THEN 'defined' END AS \"Dependencies\", "
	    "CASE WHEN 'm' = ANY(es.stxkind) THEN 'defined' END AS \"MCV\" "
	    "FROM pg_catalog.pg_statistic_ext es WHERE true");
	return finish_list(ps, &sql, &ls, pattern);
}

/* Whether every letter of s is a modifier (S or +). */
static int
modifiers(const char *s)
{
	return s[strspn(s, "S+")] == '\0';
}

/*
 * The commands of this file and the ones beside it: cmd is the
 * command's name ("dA+", "dconfig", "dFp+"...), pattern its argument or
 * NULL, pattern2 the second one of \dA[cfop] and \drds.  1 when cmd is
 * none of them (nothing done), else 0 or -1 (reported).  As psql, \dA
 * and \dF take no S right after the letter.
 */
int
psql_describe_more(struct psql *ps, const char *cmd, const char *pattern,
    const char *pattern2)
{
	int	verbose = strchr(cmd, '+') != NULL;
	int	system = strchr(cmd, 'S') != NULL;
	int	rc;

	if ((rc = psql_describe_server(ps, cmd, pattern, pattern2)) != 1)
		return rc;
	if (cmd[0] != 'd' || cmd[1] == '\0')
		return 1;
	if (psql_describe_paired(cmd))
		return psql_describe_opclass(ps, cmd, pattern, pattern2);
	if (strncmp(cmd, "ddp", 3) == 0)
		return psql_describe_default_privileges(ps, pattern);
	if (cmd[1] == 'P')
		return psql_describe_partitioned(ps, cmd, pattern);
	if (cmd[1] == 'R')
		return psql_describe_replication(ps, cmd, pattern);
	if (strncmp(cmd, "dd", 2) == 0)
		return modifiers(cmd + 2) ? psql_describe_comments(ps, system,
		    pattern) : 1;
	if (cmd[1] == 'e')
		return psql_describe_fdw(ps, cmd, pattern);
	if (cmd[1] == 'F')
		return psql_describe_ts(ps, cmd, pattern);
	if (!modifiers(cmd + 2) || (cmd[1] == 'A' && cmd[2] == 'S'))
		return 1;
	switch (cmd[1]) {
	case 'A':
		return list_access_methods(ps, verbose, pattern);
	case 'L':
		return list_languages(ps, verbose, system, pattern);
	case 'y':
		return list_event_triggers(ps, verbose, pattern);
	case 'c':
		return list_conversions(ps, verbose, system, pattern);
	case 'O':
		return list_collations(ps, verbose, system, pattern);
	case 'X':
		return list_statistics(ps, pattern);
	case 'l':
		return list_large_objects(ps, verbose);
	}
	return 1;
}
