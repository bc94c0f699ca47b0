/*
 * psql-describe-ts.c: psql 15's text search lists: \dF[+]
 * (configurations; + shows each one's token types and dictionaries
 * under a two-line title naming its parser), \dFd[+] (dictionaries; +
 * adds Template and Init options), \dFp[+] (parsers; + shows each
 * one's functions, then its token types) and \dFt[+] (templates; +
 * adds Init and Lexize), with psql's [SCHEMA.]NAME patterns.  As
 * psql's, the tables of \dF+ and a parser's functions have no row
 * count.  The catalog queries are sqlcheck's own.
 */
#include <stdlib.h>
#include <string.h>

#include "psql.h"

/* Add pattern's conditions (visrule without a schema) and the order. */
static int
add_pattern(struct psql *ps, struct buf *sql, const char *pattern,
    const char *namecol, const char *visrule, const char *order)
{
	int	rc = psql_pattern_where(ps, sql, pattern, "n.nspname", namecol,
		    NULL, visrule);

	buf_adds(sql, order);
	return rc;
}

/* A kind of text search object and its catalog. */
struct ts_kind {
	const char	*alias, *namecol, *catalog, *nspcol, *visrule, *title;
};

static const struct ts_kind configs = { "c", "c.cfgname", "pg_ts_config",
	"c.cfgnamespace", "pg_catalog.pg_ts_config_is_visible(c.oid)",
	"List of text search configurations" };
static const struct ts_kind dicts = { "d", "d.dictname", "pg_ts_dict",
	"d.dictnamespace", "pg_catalog.pg_ts_dict_is_visible(d.oid)",
	"List of text search dictionaries" };
static const struct ts_kind parsers = { "p", "p.prsname", "pg_ts_parser",
	"p.prsnamespace", "pg_catalog.pg_ts_parser_is_visible(p.oid)",
	"List of text search parsers" };
static const struct ts_kind templates = { "t", "t.tmplname",
	"pg_ts_template", "t.tmplnamespace",
	"pg_catalog.pg_ts_template_is_visible(t.oid)",
	"List of text search templates" };

/* The list of kind k: Schema, Name, the verbose columns, Description. */
static int
ts_list(struct psql *ps, const struct ts_kind *k, const char *verbose,
    const char *pattern)
{
	struct buf	 sql;
	int		 rc;

	buf_init(&sql);
	buf_printf(&sql, "SELECT n.nspname AS \"Schema\", %s AS \"Name\"%s, "
	    "pg_catalog.obj_description(%s.oid, '%s') AS \"Description\" FROM"
	    " pg_catalog.%s %s LEFT JOIN pg_catalog.pg_namespace n ON n.oid = "
	    "%s WHERE true", k->namecol, verbose != NULL ? verbose : "",
	    k->alias, k->catalog, k->catalog, k->alias, k->nspcol);
	rc = add_pattern(ps, &sql, pattern, k->namecol, k->visrule,
	    " ORDER BY 1, 2");
	if (rc == 0)
		rc = psql_print_list(ps, sql.data, k->title);
	buf_free(&sql);
	return rc;
}

/*
 * The objects \dF+ or \dFp+ describe one by one (r: oid, schema, name
 * and for configurations the parser's schema and name), or NULL: none
 * (said unless quiet, as psql) or an error.  what: "configuration" or
 * "parser".
 */
static PGresult *
ts_objects(struct psql *ps, const char *sql_start, const char *namecol,
    const char *visrule, const char *order, const char *what,
    const char *pattern)
{
	struct buf	 sql;
	PGresult	*r = NULL;

	buf_init(&sql);
	buf_adds(&sql, sql_start);
	if (add_pattern(ps, &sql, pattern, namecol, visrule, order) == 0)
		r = psql_catalog_query(ps, sql.data);
	buf_free(&sql);
	if (r != NULL && PQntuples(r) == 0) {
		if (!ps->quiet && pattern != NULL)
			psql_error(ps, "Did not find any text search %s named "
			    "\"%s\".", what, pattern);
		else if (!ps->quiet)
			psql_error(ps, "Did not find any text search %ss.", what);
		PQclear(r);
		r = NULL;
	}
	return r;
}

/*
 * Run sql on oid and print it under title (freed), with the row count
 * when counted.
 */
static int
print_one(struct psql *ps, const char *sql, const char *oid, char *title,
    int counted)
{
	PGresult	*r = psql_rel_query(ps, sql, oid);

	if (r == NULL) {
		free(title);
		return -1;
	}
	if (counted)
		psql_print_titled(ps, r, title, 1);
	else
		psql_print_footed(ps, r, title, NULL);
	PQclear(r);
	free(title);
	return 0;
}

/* \dF+ [PATTERN]: each configuration's token types and dictionaries. */
static int
describe_configs(struct psql *ps, const char *pattern)
{
	static const char maps[] = "SELECT t.alias AS \"Token\", "
	    "pg_catalog.btrim(ARRAY(SELECT mm.mapdict::pg_catalog."
	    "regdictionary FROM pg_catalog.pg_ts_config_map mm WHERE "
	    "mm.mapcfg = c.oid AND mm.maptokentype = t.tokid ORDER BY "
	    "mm.mapseqno)::pg_catalog.text, '{}') AS \"Dictionaries\" FROM "
	    "pg_catalog.pg_ts_config c, pg_catalog.ts_token_type(c.cfgparser)"
	    " t WHERE c.oid = $1::pg_catalog.oid AND EXISTS (SELECT 1 FROM "
	    "pg_catalog.pg_ts_config_map m WHERE m.mapcfg = c.oid AND "
	    "m.maptokentype = t.tokid) ORDER BY 1";
	PGresult	*r;
	int		 i, rc = 0;

	r = ts_objects(ps, "SELECT c.oid, n.nspname, c.cfgname, np.nspname, "
	    "p.prsname FROM pg_catalog.pg_ts_config c LEFT JOIN "
	    "pg_catalog.pg_namespace n ON n.oid = c.cfgnamespace JOIN "
	    "pg_catalog.pg_ts_parser p ON p.oid = c.cfgparser LEFT JOIN "
	    "pg_catalog.pg_namespace np ON np.oid = p.prsnamespace WHERE true",
	    configs.namecol, configs.visrule, " ORDER BY 2, 3", "configuration",
	    pattern);
	if (r == NULL)
		return -1;
	for (i = 0; i < PQntuples(r) && rc == 0; i++)
		rc = print_one(ps, maps, PQgetvalue(r, i, 0), xprintf("Text "
		    "search configuration \"%s.%s\"\nParser: \"%s.%s\"",
		    PQgetvalue(r, i, 1), PQgetvalue(r, i, 2), PQgetvalue(r, i,
		    3), PQgetvalue(r, i, 4)), 0);
	PQclear(r);
	return rc;
}

/* \dFp+ [PATTERN]: each parser's functions, then its token types. */
static int
describe_parsers(struct psql *ps, const char *pattern)
{
	static const char funcs[] = "SELECT f.method AS \"Method\", "
	    "f.func::pg_catalog.regproc AS \"Function\", pg_catalog."
	    "obj_description(f.func, 'pg_proc') AS \"Description\" FROM "
	    "pg_catalog.pg_ts_parser p, LATERAL (VALUES (1, 'Start parse', "
	    "p.prsstart::pg_catalog.oid), (2, 'Get next token', p.prstoken), "
	    "(3, 'End parse', p.prsend), (4, 'Get headline', p.prsheadline), "
	    "(5, 'Get token types', p.prslextype)) AS f(i, method, func) "
	    "WHERE p.oid = $1::pg_catalog.oid ORDER BY f.i";
	static const char tokens[] = "SELECT t.alias AS \"Token name\", "
	    "t.description AS \"Description\" FROM pg_catalog.ts_token_type("
	    "$1::pg_catalog.oid) t ORDER BY 1";
	PGresult	*r;
	const char	*oid;
	int		 i, rc = 0;

	r = ts_objects(ps, "SELECT p.oid, n.nspname, p.prsname FROM "
	    "pg_catalog.pg_ts_parser p LEFT JOIN pg_catalog.pg_namespace n ON"
	    " n.oid = p.prsnamespace WHERE true", parsers.namecol, parsers.visrule,
	    " ORDER BY 1, 2", "parser", pattern);
	if (r == NULL)
		return -1;
	for (i = 0; i < PQntuples(r) && rc == 0; i++) {
		oid = PQgetvalue(r, i, 0);
		rc = print_one(ps, funcs, oid, xprintf("Text search parser "
		    "\"%s.%s\"", PQgetvalue(r, i, 1), PQgetvalue(r, i, 2)), 0);
		if (rc == 0)
			rc = print_one(ps, tokens, oid, xprintf("Token types for "
			    "parser \"%s.%s\"", PQgetvalue(r, i, 1),
			    PQgetvalue(r, i, 2)), 1);
	}
	PQclear(r);
	return rc;
}

/*
 * \dF[+], \dFd[+], \dFp[+], \dFt[+] (S accepted after the third letter,
 * as psql); 1 when cmd is none of them, else 0 or -1 (reported).
 */
int
psql_describe_ts(struct psql *ps, const char *cmd, const char *pattern)
{
	int	verbose = strchr(cmd, '+') != NULL;

	if (cmd[2] == '\0' || cmd[2] == '+')
		return cmd[2 + strspn(cmd + 2, "+")] != '\0' ? 1 : verbose ?
		    describe_configs(ps, pattern) : ts_list(ps, &configs, NULL,
		    pattern);
	if (cmd[3 + strspn(cmd + 3, "S+")] != '\0')
		return 1;
	switch (cmd[2]) {
	case 'd':
		return ts_list(ps, &dicts, verbose ? ", (SELECT nt.nspname || "
		    "'.' || tp.tmplname FROM pg_catalog.pg_ts_template tp LEFT "
		    "JOIN pg_catalog.pg_namespace nt ON nt.oid = "
		    "tp.tmplnamespace WHERE tp.oid = d.dicttemplate) AS "
		    "\"Template\", d.dictinitoption AS \"Init options\"" : NULL,
		    pattern);
	case 'p':
		return verbose ? describe_parsers(ps, pattern) : ts_list(ps,
		    &parsers, NULL, pattern);
	case 't':
		return ts_list(ps, &templates, verbose ? ", t.tmplinit::"
		    "pg_catalog.regproc AS \"Init\", t.tmpllexize::pg_catalog."
		    "regproc AS \"Lexize\"" : NULL, pattern);
	}
	return 1;
}
