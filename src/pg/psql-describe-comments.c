/*
 * psql-describe-comments.c: psql 15's \dd[S] [PATTERN] (Object
 * descriptions): the comments on the objects that have no list of
 * their own, table and domain constraints, operator classes and
 * families, rules and triggers, each matched by its schema and name
 * and, without a schema in the pattern, visible.  Without S or a
 * pattern the system schemas are left out.  The catalog query is
 * sqlcheck's own.
 */
#include <stddef.h>

#include "psql.h"

/* One kind of object \dd describes. */
struct comment_kind {
	const char	*object;	/* what the Object column says */
	const char	*from;		/* the rows: oid, tableoid, n.nspname */
	const char	*alias;		/* the catalog's alias in from */
	const char	*namecol;
	const char	*visrule;
};

static const struct comment_kind kinds[] = {
	{ "table constraint", "pg_catalog.pg_constraint pgc JOIN pg_catalog."
	    "pg_class c ON c.oid = pgc.conrelid LEFT JOIN pg_catalog."
	    "pg_namespace n ON n.oid = c.relnamespace", "pgc", "pgc.conname",
	    "pg_catalog.pg_table_is_visible(c.oid)" },
	{ "domain constraint", "pg_catalog.pg_constraint pgc JOIN "
	    "pg_catalog.pg_type t ON t.oid = pgc.contypid LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = t.typnamespace", "pgc",
	    "pgc.conname", "pg_catalog.pg_type_is_visible(t.oid)" },
	{ "operator class", "pg_catalog.pg_opclass o JOIN pg_catalog.pg_am "
	    "am ON o.opcmethod = am.oid JOIN pg_catalog.pg_namespace n ON "
	    "n.oid = o.opcnamespace", "o", "o.opcname",
	    "pg_catalog.pg_opclass_is_visible(o.oid)" },
	{ "operator family", "pg_catalog.pg_opfamily opf JOIN pg_catalog."
	    "pg_am am ON opf.opfmethod = am.oid JOIN pg_catalog.pg_namespace "
	    "n ON n.oid = opf.opfnamespace", "opf", "opf.opfname",
	    "pg_catalog.pg_opfamily_is_visible(opf.oid)" },
	{ "rule", "pg_catalog.pg_rewrite r JOIN pg_catalog.pg_class c ON "
	    "c.oid = r.ev_class LEFT JOIN pg_catalog.pg_namespace n ON n.oid "
	    "= c.relnamespace", "r", "r.rulename",
	    "pg_catalog.pg_table_is_visible(c.oid)" },
	{ "trigger", "pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON "
	    "c.oid = t.tgrelid LEFT JOIN pg_catalog.pg_namespace n ON n.oid = "
	    "c.relnamespace", "t", "t.tgname",
	    "pg_catalog.pg_table_is_visible(c.oid)" },
};

/* The rows of one kind matching pattern, appended to sql; 0 or -1. */
static int
comment_kind_rows(struct psql *ps, struct buf *sql,
    const struct comment_kind *k, int system, const char *pattern)
{
	buf_printf(sql, "SELECT %s.oid, %s.tableoid, n.nspname, CAST(%s AS "
	    "pg_catalog.text) AS name, CAST('%s' AS pg_catalog.text) AS "
	    "object FROM %s WHERE true", k->alias, k->alias, k->namecol,
	    k->object, k->from);
	if (k->alias[0] == 'r')
		buf_adds(sql, " AND r.rulename <> '_RETURN'");
	psql_user_schemas_only(sql, system, pattern);
	return psql_pattern_where(ps, sql, pattern, "n.nspname", k->namecol,
	    NULL, k->visrule);
}

/* \dd[S] [PATTERN]; 0, or -1 (reported). */
int
psql_describe_comments(struct psql *ps, int system, const char *pattern)
{
	struct buf	 sql;
	size_t		 i;
	int		 rc = 0;

	buf_init(&sql);
	buf_adds(&sql, "SELECT DISTINCT tt.nspname AS \"Schema\", tt.name AS"
	    " \"Name\", tt.object AS \"Object\", d.description AS "
	    "\"Description\" FROM (");
	for (i = 0; i < sizeof kinds / sizeof kinds[0] && rc == 0; i++) {
		if (i > 0)
			buf_adds(&sql, " UNION ALL ");
		rc = comment_kind_rows(ps, &sql, &kinds[i], system, pattern);
	}
	buf_adds(&sql, ") AS tt JOIN pg_catalog.pg_description d ON "
	    "tt.oid = d.objoid AND tt.tableoid = d.classoid AND d.objsubid = "
	    "0 ORDER BY 1, 2, 3");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, "Object descriptions");
	buf_free(&sql);
	return rc;
}
