/*
 * psql-describe-opclass.c: psql 15's lists of operator classes and
 * families, each with an access method pattern and a second pattern:
 * \dAc[+] AM TYPE (operator classes; + adds the family and owner),
 * \dAf[+] AM TYPE (families and their applicable types; + the owner),
 * \dAo[+] AM FAMILY (their operators; + the sort family) and \dAp[+] AM
 * FAMILY (their support functions; + with argument types).  A class or
 * family not visible is shown schema-qualified.  The catalog queries
 * are sqlcheck's own.
 */
#include <string.h>

#include "psql.h"

/* A class's or family's name as psql shows it, qualified if hidden. */
#define QUALIFIED(vis, ns, name) "CASE WHEN pg_catalog." vis " THEN " \
	"pg_catalog.format('%I', " name ") ELSE pg_catalog.format('%I.%I', " \
	ns ", " name ") END"

/* The type pattern of \dAc and \dAf, on the type t (namespace tn). */
static int
type_pattern(struct psql *ps, struct buf *sql, const char *pattern)
{
	return psql_pattern_where(ps, sql, pattern, "tn.nspname",
	    "t.typname", "pg_catalog.format_type(t.oid, NULL)",
	    "pg_catalog.pg_type_is_visible(t.oid)");
}

/* Print sql, built when rc is 0, under title; sql is freed. */
static int
finish(struct psql *ps, struct buf *sql, int rc, const char *title)
{
	if (rc == 0)
		rc = psql_print_list(ps, sql->data, title);
	buf_free(sql);
	return rc;
}

/* \dAc[+] [AM [TYPE]]: List of operator classes. */
static int
list_classes(struct psql *ps, int verbose, const char *am,
    const char *type)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT am.amname AS \"AM\", pg_catalog.format_type("
	    "c.opcintype, NULL) AS \"Input type\", CASE WHEN c.opckeytype <> 0"
	    " AND c.opckeytype <> c.opcintype THEN pg_catalog.format_type("
	    "c.opckeytype, NULL) END AS \"Storage type\", "
	    QUALIFIED("pg_opclass_is_visible(c.oid)", "n.nspname", "c.opcname")
	    " AS \"Operator class\", CASE WHEN c.opcdefault THEN 'yes' ELSE "
	    "'no' END AS \"Default?\"");
	if (verbose)
		buf_adds(&sql, ", " QUALIFIED("pg_opfamily_is_visible(f.oid)",
		    "fn.nspname", "f.opfname") " AS \"Operator family\", "
		    "pg_catalog.pg_get_userbyid(c.opcowner) AS \"Owner\"");
	buf_adds(&sql, " FROM pg_catalog.pg_opclass c LEFT JOIN pg_catalog."
	    "pg_am am ON am.oid = c.opcmethod LEFT JOIN pg_catalog.pg_namespace"
	    " n ON n.oid = c.opcnamespace LEFT JOIN pg_catalog.pg_type t ON "
	    "t.oid = c.opcintype LEFT JOIN pg_catalog.pg_namespace tn ON tn.oid"
	    " = t.typnamespace LEFT JOIN pg_catalog.pg_opfamily f ON f.oid = "
	    "c.opcfamily LEFT JOIN pg_catalog.pg_namespace fn ON fn.oid = "
	    "f.opfnamespace WHERE true");
	rc = psql_pattern_where(ps, &sql, am, NULL, "am.amname", NULL, NULL);
	if (rc == 0)
		rc = type_pattern(ps, &sql, type);
	buf_adds(&sql, " ORDER BY 1, 2, 4");
	return finish(ps, &sql, rc, "List of operator classes");
}

/* \dAf[+] [AM [TYPE]]: List of operator families. */
static int
list_families(struct psql *ps, int verbose, const char *am,
    const char *type)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT am.amname AS \"AM\", "
	    QUALIFIED("pg_opfamily_is_visible(f.oid)", "n.nspname",
	    "f.opfname") " AS \"Operator family\", (SELECT pg_catalog."
	    "string_agg(pg_catalog.format_type(oc.opcintype, NULL), ', ') FROM"
	    " pg_catalog.pg_opclass oc WHERE oc.opcfamily = f.oid) AS "
	    "\"Applicable types\"");
	if (verbose)
		buf_adds(&sql, ", pg_catalog.pg_get_userbyid(f.opfowner) AS "
		    "\"Owner\"");
	buf_adds(&sql, " FROM pg_catalog.pg_opfamily f LEFT JOIN pg_catalog."
	    "pg_am am ON am.oid = f.opfmethod LEFT JOIN pg_catalog."
	    "pg_namespace n ON n.oid = f.opfnamespace WHERE true");
	rc = psql_pattern_where(ps, &sql, am, NULL, "am.amname", NULL, NULL);
	if (rc == 0 && type != NULL) {
		buf_adds(&sql, " AND EXISTS (SELECT 1 FROM pg_catalog.pg_type t "
		    "JOIN pg_catalog.pg_opclass oc ON oc.opcintype = t.oid LEFT "
		    "JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace "
		    "WHERE oc.opcfamily = f.oid");
		rc = type_pattern(ps, &sql, type);
		buf_addc(&sql, ')');
	}
	buf_adds(&sql, " ORDER BY 1, 2");
	return finish(ps, &sql, rc, "List of operator families");
}

/* The family pattern of \dAo and \dAp (no visibility rule, as psql). */
static int
family_pattern(struct psql *ps, struct buf *sql, const char *am,
    const char *family)
{
	int	rc = psql_pattern_where(ps, sql, am, NULL, "am.amname", NULL,
		    NULL);

	if (rc == 0)
		rc = psql_pattern_where(ps, sql, family, "fn.nspname",
		    "f.opfname", NULL, NULL);
	return rc;
}

/* \dAo[+] [AM [FAMILY]]: List of operators of operator families. */
static int
list_family_operators(struct psql *ps, int verbose, const char *am,
    const char *family)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT am.amname AS \"AM\", "
	    QUALIFIED("pg_opfamily_is_visible(f.oid)", "fn.nspname",
	    "f.opfname") " AS \"Operator family\", o.amopopr::pg_catalog."
	    "regoperator AS \"Operator\", o.amopstrategy AS \"Strategy\", CASE"
	    " o.amoppurpose WHEN 'o' THEN 'ordering' WHEN 's' THEN 'search' "
	    "END AS \"Purpose\"");
	if (verbose)
		buf_adds(&sql, ", sf.opfname AS \"Sort opfamily\"");
	buf_adds(&sql, " FROM pg_catalog.pg_amop o LEFT JOIN pg_catalog."
	    "pg_opfamily f ON f.oid = o.amopfamily LEFT JOIN pg_catalog.pg_am "
	    "am ON am.oid = f.opfmethod AND am.oid = o.amopmethod LEFT JOIN "
	    "pg_catalog.pg_namespace fn ON fn.oid = f.opfnamespace LEFT JOIN "
	    "pg_catalog.pg_opfamily sf ON sf.oid = o.amopsortfamily WHERE "
	    "true");
	rc = family_pattern(ps, &sql, am, family);
	buf_adds(&sql, " ORDER BY 1, 2, o.amoplefttype = o.amoprighttype DESC,"
	    " pg_catalog.format_type(o.amoplefttype, NULL), pg_catalog."
	    "format_type(o.amoprighttype, NULL), o.amopstrategy");
	return finish(ps, &sql, rc, "List of operators of operator families");
}

/* \dAp[+] [AM [FAMILY]]: List of support functions of operator families. */
static int
list_family_functions(struct psql *ps, int verbose, const char *am,
    const char *family)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT am.amname AS \"AM\", "
	    QUALIFIED("pg_opfamily_is_visible(f.oid)", "fn.nspname",
	    "f.opfname") " AS \"Operator family\", pg_catalog.format_type("
	    "ap.amproclefttype, NULL) AS \"Registered left type\", pg_catalog."
	    "format_type(ap.amprocrighttype, NULL) AS \"Registered right "
	    "type\", ap.amprocnum AS \"Number\"");
	buf_adds(&sql, verbose ? ", ap.amproc::pg_catalog.regprocedure AS "
	    "\"Function\"" : ", p.proname AS \"Function\"");
	buf_adds(&sql, " FROM pg_catalog.pg_amproc ap LEFT JOIN pg_catalog."
	    "pg_opfamily f ON f.oid = ap.amprocfamily LEFT JOIN pg_catalog."
	    "pg_am am ON am.oid = f.opfmethod LEFT JOIN pg_catalog."
	    "pg_namespace fn ON fn.oid = f.opfnamespace LEFT JOIN pg_catalog."
	    "pg_proc p ON p.oid = ap.amproc WHERE true");
	rc = family_pattern(ps, &sql, am, family);
	buf_adds(&sql, " ORDER BY 1, 2, ap.amproclefttype = ap.amprocrighttype"
	    " DESC, 3, 4, 5");
	return finish(ps, &sql, rc, "List of support functions of operator "
	    "families");
}

/*
 * \dAc, \dAf, \dAo, \dAp with + (S ignored, as psql): am and second
 * are the two patterns or NULL.  1 when cmd is none of them, else 0
 * or -1 (reported).
 */
int
psql_describe_opclass(struct psql *ps, const char *cmd, const char *am,
    const char *second)
{
	int	verbose = strchr(cmd, '+') != NULL;

	if (strncmp(cmd, "dA", 2) != 0 || cmd[2] == '\0' ||
	    cmd[3 + strspn(cmd + 3, "S+")] != '\0')
		return 1;
	switch (cmd[2]) {
	case 'c':
		return list_classes(ps, verbose, am, second);
	case 'f':
		return list_families(ps, verbose, am, second);
	case 'o':
		return list_family_operators(ps, verbose, am, second);
	case 'p':
		return list_family_functions(ps, verbose, am, second);
	}
	return 1;
}
