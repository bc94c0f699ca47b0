/*
 * psql-pattern.c: psql's name patterns (\d NAME, \dt PATTERN, ...) as
 * the WHERE conditions of sqlcheck's catalog queries.  A pattern is
 * [SCHEMA.]NAME; outside double quotes letters are lowered, * means any
 * text, ? one character, $ and [] (an array type's name) are literal
 * and other regular-expression characters keep their meaning; inside double quotes everything is
 * literal ("" is one quote).  Without a schema only visible objects
 * match (psql's "visibility rule").  DATABASE.SCHEMA.NAME is accepted
 * when DATABASE is the current one; more dotted parts than a command
 * reads get psql's "improper qualified name" or "cross-database
 * references" message.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "psql.h"

/*
 * One dot-separated part of a pattern, from *pp up to an unquoted dot
 * or the end, as an anchored regular expression into b.  *pp is left
 * at the dot or the end.  With flat, an unquoted dot does not end the
 * part: it is the regular expression's any character.
 */
static void
pattern_part(const char **pp, struct buf *b, int flat, int escape)
{
	const char	*p = *pp;
	int		 inquotes = 0;

	buf_adds(b, "^(");
	for (; *p != '\0' && (inquotes || flat || *p != '.'); p++) {
		if (*p == '"') {
			if (inquotes && p[1] == '"') {
				buf_addc(b, '"');
				p++;
			} else
				inquotes = !inquotes;
		} else if (!inquotes && *p == '*')
			buf_adds(b, ".*");
		else if (!inquotes && *p == '?')
			buf_addc(b, '.');
		else if ((inquotes || escape) &&
		    strchr("|*+?()[]{}.^$\\", *p) != NULL) {
			buf_addc(b, '\\');
			buf_addc(b, *p);
		} else if (*p == '$')
			buf_adds(b, "\\$");
		else if (*p == '[' && p[1] == ']')
			buf_adds(b, "\\[");
		else
			buf_addc(b, inquotes ? *p : (char)tolower(
			    (unsigned char)*p));
	}
	buf_adds(b, ")$");
	*pp = p;
}

/*
 * " AND col ~ 'regex'" (" AND (col ~ ... OR alt ~ ...)" with alt) unless
 * the regex matches everything.
 */
static void
add_match(struct psql *ps, struct buf *sql, const char *col,
    const char *alt, const char *re)
{
	char	*lit;

	if (strcmp(re, "^()$") == 0 || strcmp(re, "^(.*)$") == 0)
		return;
	lit = psql_quote_literal(ps, re);
	buf_printf(sql, " AND %s%s OPERATOR(pg_catalog.~) %s COLLATE "
	    "pg_catalog.default", alt != NULL ? "(" : "", col, lit);
	if (alt != NULL)
		buf_printf(sql, " OR %s OPERATOR(pg_catalog.~) %s COLLATE "
		    "pg_catalog.default)", alt, lit);
	free(lit);
}

/* The dots of pattern outside double quotes. */
static int
pattern_dots(const char *p)
{
	int	inquotes = 0, n = 0;

	for (; *p != '\0'; p++) {
		if (*p == '"')
			inquotes = !inquotes;
		else if (*p == '.' && !inquotes)
			n++;
	}
	return n;
}

/*
 * The first part of a pattern as the name it spells (letters lowered
 * outside double quotes, "" a quote), as psql reads a database name;
 * *pp is left at the dot.  Caller frees.
 */
static char *
literal_part(const char **pp)
{
	struct buf	 b;
	const char	*p = *pp;
	int		 inquotes = 0;

	buf_init(&b);
	for (; *p != '\0' && (inquotes || *p != '.'); p++) {
		if (*p == '"' && inquotes && p[1] == '"')
			buf_addc(&b, *++p);
		else if (*p == '"')
			inquotes = !inquotes;
		else
			buf_addc(&b, inquotes ? *p : (char)tolower(
			    (unsigned char)*p));
	}
	*pp = p;
	return buf_detach(&b);
}

/*
 * psql's check of a pattern of a command whose objects have no schema
 * and that reads at most maxparts dotted parts, the first of them a
 * database it never matches: 0, or -1 with psql's message.
 */
int
psql_pattern_parts(struct psql *ps, const char *pattern, int maxparts)
{
	int	dots;

	if (pattern == NULL)
		return 0;
	dots = pattern_dots(pattern);
	if (dots >= maxparts)
		psql_error(ps, "improper qualified name (too many dotted "
		    "names): %s", pattern);
	else if (dots > 0 && dots == maxparts - 1)
		psql_error(ps, "cross-database references are not "
		    "implemented: %s", pattern);
	return dots > 0 && dots >= maxparts - 1 ? -1 : 0;
}

/*
 * Past the database part of DATABASE.SCHEMA.NAME, which must name the
 * current database: the rest, or NULL with psql's message.
 */
static const char *
skip_database(struct psql *ps, const char *pattern)
{
	const char	*p = pattern;
	char		*db = literal_part(&p);
	const char	*cur = PQdb(ps->conn);
	int		 same = cur != NULL && strcmp(db, cur) == 0;

	free(db);
	if (!same) {
		psql_error(ps, "cross-database references are not "
		    "implemented: %s", pattern);
		return NULL;
	}
	return p + 1;
}

/* psql_pattern_where(); with escape, as psql's force_escape (\do). */
static int
pattern_where(struct psql *ps, struct buf *sql, const char *pattern,
    const char *const cols[4], int escape)
{
	const char	*schemacol = cols[0], *namecol = cols[1];
	const char	*altcol = cols[2], *visrule = cols[3];
	struct buf	 first, second;
	const char	*p = pattern;
	int		 dots = pattern != NULL ? pattern_dots(pattern) : 0;

	if (pattern == NULL) {
		if (visrule != NULL)
			buf_printf(sql, " AND %s", visrule);
		return 0;
	}
	if ((schemacol == NULL || dots >= 3) && psql_pattern_parts(ps,
	    pattern, schemacol == NULL ? 1 : 3) != 0)
		return -1;
	if (dots == 2 && (p = skip_database(ps, pattern)) == NULL)
		return -1;
	buf_init(&first);
	buf_init(&second);
	pattern_part(&p, &first, 0, escape);
	if (*p == '.') {
		p++;
		pattern_part(&p, &second, 0, escape);
	}
	if (second.len > 0) {
		add_match(ps, sql, namecol, altcol, second.data);
		add_match(ps, sql, schemacol, NULL, first.data);
	} else {
		add_match(ps, sql, namecol, altcol, first.data);
		if (visrule != NULL)
			buf_printf(sql, " AND %s", visrule);
	}
	buf_free(&first);
	buf_free(&second);
	return 0;
}

/*
 * Append psql's conditions for pattern (NULL: none) to sql, a query
 * whose WHERE clause is open: " AND namecol ~ ..." (or altcol, when not
 * NULL, matches) and either " AND schemacol ~ ..." (SCHEMA.NAME, or
 * DATABASE.SCHEMA.NAME naming the current database) or " AND visrule"
 * (no schema; visrule may be NULL).  schemacol NULL: a dot in the
 * pattern is refused as psql refuses it.  Returns 0, or -1 with psql's
 * message.
 */
int
psql_pattern_where(struct psql *ps, struct buf *sql, const char *pattern,
    const char *schemacol, const char *namecol, const char *altcol,
    const char *visrule)
{
	const char	*cols[4] = { schemacol, namecol, altcol, visrule };

	return pattern_where(ps, sql, pattern, cols, 0);
}

/*
 * psql_pattern_where() for an operator name: the characters regular
 * expressions give a meaning (+, |, ...) stand for themselves, but * and
 * ? keep psql's.
 */
int
psql_pattern_where_escaped(struct psql *ps, struct buf *sql,
    const char *pattern, const char *schemacol, const char *namecol,
    const char *visrule)
{
	const char	*cols[4] = { schemacol, namecol, NULL, visrule };

	return pattern_where(ps, sql, pattern, cols, 1);
}

/*
 * The joins of psql's argument type patterns: type t<i> (namespace
 * nt<i>) is the one exprs[i] names, for i < n.
 */
void
psql_argtype_joins(struct buf *sql, const char *const *exprs, int n)
{
	int	i;

	for (i = 0; i < n; i++)
		buf_printf(sql, " LEFT JOIN pg_catalog.pg_type t%d ON t%d.oid = "
		    "%s LEFT JOIN pg_catalog.pg_namespace nt%d ON nt%d.oid = "
		    "t%d.typnamespace", i, i, exprs[i], i, i, i);
}

/*
 * A type pattern as psql 15 reads it (\dT, argument types): the names the grammar accepts
 * that are neither pg_type's name nor format_type()'s (int, float,
 * decimal, and array names such as int4[]) become the displayed name.
 */
const char *
psql_type_alias(const char *pattern)
{
	static const char *const alias[] = {
		"decimal", "numeric", "float", "double precision",
		"int", "integer", "bool[]", "boolean[]",
		"decimal[]", "numeric[]", "float[]", "double precision[]",
		"float4[]", "real[]", "float8[]", "double precision[]",
		"int[]", "integer[]", "int2[]", "smallint[]",
		"int4[]", "integer[]", "int8[]", "bigint[]",
		"time[]", "time without time zone[]",
		"timetz[]", "time with time zone[]",
		"timestamp[]", "timestamp without time zone[]",
		"timestamptz[]", "timestamp with time zone[]",
		"varbit[]", "bit varying[]",
		"varchar[]", "character varying[]", NULL
	};
	size_t	i;

	for (i = 0; alias[i] != NULL; i += 2)
		if (strcasecmp(pattern, alias[i]) == 0)
			return alias[i + 1];
	return pattern;
}

/*
 * The conditions of the n argument type patterns args (after
 * psql_argtype_joins()): "-" is no argument there, else the type's
 * name or displayed name matches (regular-expression characters keep
 * their meaning, as in other patterns).  0, or -1 with psql's message.
 */
int
psql_argtype_where(struct psql *ps, struct buf *sql,
    const char *const *args, int n)
{
	char	*col[4];
	int	 i, j, rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		if (strcmp(args[i], "-") == 0) {
			buf_printf(sql, " AND t%d.typname IS NULL", i);
			continue;
		}
		col[0] = xprintf("nt%d.nspname", i);
		col[1] = xprintf("t%d.typname", i);
		col[2] = xprintf("pg_catalog.format_type(t%d.oid, NULL)", i);
		col[3] = xprintf("pg_catalog.pg_type_is_visible(t%d.oid)", i);
		rc = pattern_where(ps, sql, psql_type_alias(args[i]),
		    (const char *const *)col, 0);
		for (j = 0; j < 4; j++)
			free(col[j]);
	}
	return rc;
}

/*
 * Append psql's condition for a pattern that names no schema and whose
 * dots are part of the name (\dconfig, \ddp): " AND namecol ~ ..." (or
 * altcol, when not NULL, matches; nothing for NULL or a pattern
 * matching everything).
 */
void
psql_pattern_where_flat(struct psql *ps, struct buf *sql,
    const char *pattern, const char *namecol, const char *altcol)
{
	struct buf	 re;

	if (pattern == NULL)
		return;
	buf_init(&re);
	pattern_part(&pattern, &re, 1, 0);
	add_match(ps, sql, namecol, altcol, re.data);
	buf_free(&re);
}
