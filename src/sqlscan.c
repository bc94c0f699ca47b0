/*
 * sqlscan.c: what sqlcheck reads in SQL text on lex.c's tokens: the
 * table a statement writes (drivers use it where an engine does not name
 * the table of a violated constraint), the columns a CHECK expression
 * names, and CREATE TABLE on SQLite (catalog-sqlite.c).  It reads by the
 * rules every engine shares, plus [names]; nothing engine-specific.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/*
 * The rules sqlscan reads by, for text of any engine: SQLite's [names]
 * besides the quotes every engine has.
 */
#define SQLSCAN_RULES	LEX_BRACKETS

/*
 * Read the token at p into t, past white space and comments (LEX_END at
 * the end of the text), and return where the next one starts.  t points
 * into the text.
 */
const char *
sqlscan_next(const char *p, struct lex_token *t)
{
	return lex_next_code(p, NULL, SQLSCAN_RULES, t);
}

/*
 * p is just past an opening parenthesis: return the position just past
 * the one that closes it (or the end of the text).
 */
const char *
sqlscan_close(const char *p)
{
	struct lex_token	t;
	int		depth = 1;

	while (depth > 0) {
		p = sqlscan_next(p, &t);
		if (t.kind == LEX_END)
			break;
		if (t.kind == LEX_PUNCT && *t.start == '(')
			depth++;
		else if (t.kind == LEX_PUNCT && *t.start == ')')
			depth--;
	}
	return p;
}

/* Words between a DML verb and its table name. */
static const char *const sqlscan_modifiers[] = {
	"OR", "ROLLBACK", "ABORT", "FAIL", "IGNORE", "LOW_PRIORITY",
	"DELAYED", "HIGH_PRIORITY", "QUICK", "INTO", "FROM", "ONLY", NULL
};

static int
sqlscan_is_modifier(const struct lex_token *t)
{
	size_t	i;

	for (i = 0; sqlscan_modifiers[i] != NULL; i++) {
		if (lex_is(t, sqlscan_modifiers[i]))
			return 1;
	}
	return 0;
}

/*
 * The verb of a statement (after any WITH clause): sets *fk to the sides
 * of a foreign key it can violate and returns the text after the verb, or
 * NULL if it is not an INSERT, REPLACE, UPDATE or DELETE.
 */
static const char *
sqlscan_verb(const char *p, int *fk)
{
	struct lex_token	t;
	int		with = 0;

	for (;;) {
		p = sqlscan_next(p, &t);
		if (t.kind == LEX_END)
			return NULL;
		if (t.kind == LEX_PUNCT && *t.start == '(') {
			p = sqlscan_close(p);
			continue;
		}
		if (lex_is(&t, "INSERT"))
			*fk = DBERROR_FK_CHILD;
		else if (lex_is(&t, "UPDATE") || lex_is(&t, "REPLACE"))
			*fk = DBERROR_FK_CHILD | DBERROR_FK_PARENT;
		else if (lex_is(&t, "DELETE"))
			*fk = DBERROR_FK_PARENT;
		else if (lex_is(&t, "WITH") || with) {
			with = 1;
			continue;
		} else
			return NULL;
		return p;
	}
}

/* Add the name of token t to a list, without its qualifier. */
static void
sqlscan_add_name(const struct lex_token *t, char ***cols, size_t *ncols)
{
	char	*name;

	name = lex_name(t);
	str_list_add(cols, ncols, name);
	free(name);
}

/*
 * At "(" of INSERT's column list: its names, to the closing ")".
 */
static const char *
sqlscan_insert_columns(const char *p, char ***cols, size_t *ncols)
{
	struct lex_token	t;

	for (p = sqlscan_next(p, &t); t.kind != LEX_END; ) {
		if (t.kind == LEX_PUNCT && *t.start == ')')
			break;
		if (lex_is_name(&t))
			sqlscan_add_name(&t, cols, ncols);
		p = sqlscan_next(p, &t);
	}
	return p;
}

/* 1 if t ends the SET list of an UPDATE. */
static int
sqlscan_set_end(const struct lex_token *t)
{
	return t->kind == LEX_END || lex_is(t, "WHERE") ||
	    lex_is(t, "FROM") || lex_is(t, "RETURNING") ||
	    lex_is(t, "ORDER") || lex_is(t, "LIMIT") ||
	    (t->kind == LEX_PUNCT && *t->start == ';');
}

/*
 * After SET: the columns assigned ("a = 1, t.b = 2, (c, d) = (3, 4)"),
 * each without its qualifier.
 */
static void
sqlscan_set_columns(const char *p, char ***cols, size_t *ncols)
{
	struct lex_token	t, last;
	int		target = 1;

	last.kind = LEX_END;
	for (p = sqlscan_next(p, &t); !sqlscan_set_end(&t);
	    p = sqlscan_next(p, &t)) {
		if (target && t.kind == LEX_PUNCT && *t.start == '(') {
			p = sqlscan_insert_columns(p, cols, ncols);
			target = 0;
		} else if (target && lex_is_name(&t))
			last = t;
		else if (target && t.kind == LEX_PUNCT && *t.start == '=') {
			if (last.kind != LEX_END)
				sqlscan_add_name(&last, cols, ncols);
			target = 0;
		} else if (t.kind == LEX_PUNCT && *t.start == '(')
			p = sqlscan_close(p);
		else if (t.kind == LEX_PUNCT && *t.start == ',') {
			target = 1;
			last.kind = LEX_END;
		}
	}
}

/*
 * The columns a statement writes, from the text after its table name:
 * a column list (INSERT, REPLACE), or SET targets (UPDATE, and MySQL's
 * INSERT ... SET).  None for other forms.
 */
static void
sqlscan_written(const char *p, char ***cols, size_t *ncols)
{
	struct lex_token	t;

	p = sqlscan_next(p, &t);
	if (t.kind == LEX_PUNCT && *t.start == '(') {
		sqlscan_insert_columns(p, cols, ncols);
		return;
	}
	while (!sqlscan_set_end(&t) && !lex_is(&t, "SET")) {
		if (t.kind == LEX_PUNCT && *t.start == '(')
			p = sqlscan_close(p);
		p = sqlscan_next(p, &t);
	}
	if (lex_is(&t, "SET"))
		sqlscan_set_columns(p, cols, ncols);
}

/*
 * The table an INSERT, REPLACE, UPDATE or DELETE writes, without its
 * schema (caller frees), or NULL for other statements.  *fk is set to
 * the sides of a foreign key the statement can violate: DBERROR_FK_CHILD
 * (the table's own foreign keys: INSERT, UPDATE) and DBERROR_FK_PARENT
 * (those onto the table: UPDATE, DELETE, and REPLACE, which deletes).
 * If cols is not NULL, the columns the statement writes (a column list,
 * SET targets) are appended to it.
 */
char *
sql_dml_table(const char *sql, int *fk, char ***cols, size_t *ncols)
{
	struct lex_token	 t, dot;
	const char	*p, *after;

	*fk = 0;
	p = sqlscan_verb(sql, fk);
	if (p == NULL)
		return NULL;
	do {
		p = sqlscan_next(p, &t);
		if (lex_is(&t, "REPLACE"))
			*fk |= DBERROR_FK_PARENT;
	} while (sqlscan_is_modifier(&t) || lex_is(&t, "REPLACE"));
	if (!lex_is_name(&t))
		return NULL;
	after = sqlscan_next(p, &dot);
	if (dot.kind == LEX_PUNCT && *dot.start == '.') {
		p = sqlscan_next(after, &t);
		if (!lex_is_name(&t))
			return NULL;
	}
	if (cols != NULL)
		sqlscan_written(p, cols, ncols);
	return lex_name(&t);
}

/*
 * Set the columns of a CHECK constraint: those of the table's columns
 * (cols, n) that its expression names, as whole words or quoted names
 * outside string literals, in the order they first appear.
 */
void
sql_expr_columns(struct constraint *c, char *const *cols, size_t n)
{
	struct lex_token	 t;
	const char	*p;
	char		*name;
	size_t		 i;

	if (c->expr == NULL)
		return;
	for (p = sqlscan_next(c->expr, &t); t.kind != LEX_END;
	    p = sqlscan_next(p, &t)) {
		if (!lex_is_name(&t))
			continue;
		name = lex_name(&t);
		for (i = 0; i < n; i++) {
			if (strcasecmp(cols[i], name) == 0 &&
			    !str_list_has(c->columns, c->ncolumns, cols[i]))
				constraint_add_column(c, cols[i]);
		}
		free(name);
	}
}

/* 1 if two texts are the same but for the amount of white space. */
int
sql_same_text(const char *a, const char *b)
{
	while (isspace((unsigned char)*a))
		a++;
	while (isspace((unsigned char)*b))
		b++;
	while (*a != '\0' && *b != '\0') {
		if (isspace((unsigned char)*a) && isspace((unsigned char)*b)) {
			while (isspace((unsigned char)*a))
				a++;
			while (isspace((unsigned char)*b))
				b++;
			continue;
		}
		if (*a != *b)
			return 0;
		a++;
		b++;
	}
	while (isspace((unsigned char)*a))
		a++;
	while (isspace((unsigned char)*b))
		b++;
	return *a == '\0' && *b == '\0';
}

/*
 * The engine's message named no table: take the one the statement writes
 * as the error's table, marked as guessed; with fk also the sides of a
 * foreign key it can violate and the columns it writes.
 */
void
dberror_guess_target(struct dberror *err, const char *sql, int fk)
{
	char	*table;
	int	 sides;

	table = sql_dml_table(sql, &sides, fk ? &err->columns : NULL,
	    &err->ncolumns);
	if (table == NULL)
		return;
	dberror_set_target(err, table, NULL, NULL);
	err->attr |= DBERROR_TABLE_GUESSED;
	if (fk)
		err->attr |= sides | DBERROR_STMT_COLUMNS;
	free(table);
}
