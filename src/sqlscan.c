/*
 * sqlscan.c: a small SQL tokenizer, and what sqlcheck reads in SQL text
 * with it: the table a statement writes (drivers use it where an engine
 * does not name the table of a violated constraint), the columns a CHECK
 * expression names, and CREATE TABLE on SQLite (catalog-sqlite.c).  It
 * knows identifiers ("x", `x`, [x]), string literals ('it''s'), comments
 * (-- and non-nested slash-star) and parentheses; nothing engine-specific.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* 1 for a byte that continues a bare word (UTF-8 bytes included). */
static int
sqlscan_word_char(unsigned char c)
{
	return isalnum(c) || c == '_' || c == '$' || c >= 0x80;
}

/* Skip white space and comments. */
static const char *
sqlscan_skip(const char *p)
{
	for (;;) {
		while (isspace((unsigned char)*p))
			p++;
		if (p[0] == '-' && p[1] == '-') {
			p += strcspn(p, "\n");
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			p = strstr(p + 2, "*/");
			if (p == NULL)
				return "";
			p += 2;
			continue;
		}
		return p;
	}
}

/* The end of a quoted run opened at p, closed by close (doubled inside). */
static const char *
sqlscan_quoted(const char *p, char close)
{
	for (p++; *p != '\0'; p++) {
		if (*p != close)
			continue;
		if (close != ']' && p[1] == close) {
			p++;
			continue;
		}
		return p + 1;
	}
	return p;
}

/*
 * Read the token at p into t (SQLTOK_END at the end of the text) and
 * return where the next one starts.  t points into the text.
 */
const char *
sqlscan_next(const char *p, struct sqltok *t)
{
	const char	*end;

	p = sqlscan_skip(p);
	t->start = p;
	if (*p == '\0') {
		t->kind = SQLTOK_END;
		t->len = 0;
		return p;
	}
	if (sqlscan_word_char((unsigned char)*p)) {
		for (end = p; sqlscan_word_char((unsigned char)*end); end++)
			;
		t->kind = SQLTOK_WORD;
	} else if (*p == '"' || *p == '`' || *p == '[') {
		end = sqlscan_quoted(p, *p == '[' ? ']' : *p);
		t->kind = SQLTOK_IDENT;
	} else if (*p == '\'') {
		end = sqlscan_quoted(p, '\'');
		t->kind = SQLTOK_STRING;
	} else {
		end = p + 1;
		t->kind = SQLTOK_PUNCT;
	}
	t->len = (size_t)(end - p);
	return end;
}

/* 1 if t is the bare word w (ignoring case). */
int
sqltok_is(const struct sqltok *t, const char *w)
{
	return t->kind == SQLTOK_WORD && strlen(w) == t->len &&
	    strncasecmp(t->start, w, t->len) == 0;
}

/* 1 if t can be a name: a bare word or a quoted identifier. */
int
sqltok_is_name(const struct sqltok *t)
{
	return t->kind == SQLTOK_WORD || t->kind == SQLTOK_IDENT;
}

/* The name t stands for, unquoted (doubled quotes undone); caller frees. */
char *
sqltok_name(const struct sqltok *t)
{
	struct buf	 b;
	size_t		 i;
	char		 q;

	if (t->kind != SQLTOK_IDENT || t->len < 2)
		return xstrndup(t->start, t->len);
	q = t->start[0] == '[' ? ']' : t->start[0];
	buf_init(&b);
	for (i = 1; i + 1 < t->len; i++) {
		buf_addc(&b, t->start[i]);
		if (t->start[i] == q && q != ']' && t->start[i + 1] == q)
			i++;
	}
	return buf_detach(&b);
}

/*
 * p is just past an opening parenthesis: return the position just past
 * the one that closes it (or the end of the text).
 */
const char *
sqlscan_close(const char *p)
{
	struct sqltok	t;
	int		depth = 1;

	while (depth > 0) {
		p = sqlscan_next(p, &t);
		if (t.kind == SQLTOK_END)
			break;
		if (t.kind == SQLTOK_PUNCT && *t.start == '(')
			depth++;
		else if (t.kind == SQLTOK_PUNCT && *t.start == ')')
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
sqlscan_is_modifier(const struct sqltok *t)
{
	size_t	i;

	for (i = 0; sqlscan_modifiers[i] != NULL; i++) {
		if (sqltok_is(t, sqlscan_modifiers[i]))
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
	struct sqltok	t;
	int		with = 0;

	for (;;) {
		p = sqlscan_next(p, &t);
		if (t.kind == SQLTOK_END)
			return NULL;
		if (t.kind == SQLTOK_PUNCT && *t.start == '(') {
			p = sqlscan_close(p);
			continue;
		}
		if (sqltok_is(&t, "INSERT"))
			*fk = DBERROR_FK_CHILD;
		else if (sqltok_is(&t, "UPDATE") || sqltok_is(&t, "REPLACE"))
			*fk = DBERROR_FK_CHILD | DBERROR_FK_PARENT;
		else if (sqltok_is(&t, "DELETE"))
			*fk = DBERROR_FK_PARENT;
		else if (sqltok_is(&t, "WITH") || with) {
			with = 1;
			continue;
		} else
			return NULL;
		return p;
	}
}

/* Add the name of token t to a list, without its qualifier. */
static void
sqlscan_add_name(const struct sqltok *t, char ***cols, size_t *ncols)
{
	char	*name;

	name = sqltok_name(t);
	str_list_add(cols, ncols, name);
	free(name);
}

/*
 * At "(" of INSERT's column list: its names, to the closing ")".
 */
static const char *
sqlscan_insert_columns(const char *p, char ***cols, size_t *ncols)
{
	struct sqltok	t;

	for (p = sqlscan_next(p, &t); t.kind != SQLTOK_END; ) {
		if (t.kind == SQLTOK_PUNCT && *t.start == ')')
			break;
		if (sqltok_is_name(&t))
			sqlscan_add_name(&t, cols, ncols);
		p = sqlscan_next(p, &t);
	}
	return p;
}

/* 1 if t ends the SET list of an UPDATE. */
static int
sqlscan_set_end(const struct sqltok *t)
{
	return t->kind == SQLTOK_END || sqltok_is(t, "WHERE") ||
	    sqltok_is(t, "FROM") || sqltok_is(t, "RETURNING") ||
	    sqltok_is(t, "ORDER") || sqltok_is(t, "LIMIT") ||
	    (t->kind == SQLTOK_PUNCT && *t->start == ';');
}

/*
 * After SET: the columns assigned ("a = 1, t.b = 2, (c, d) = (3, 4)"),
 * each without its qualifier.
 */
static void
sqlscan_set_columns(const char *p, char ***cols, size_t *ncols)
{
	struct sqltok	t, last;
	int		target = 1;

	last.kind = SQLTOK_END;
	for (p = sqlscan_next(p, &t); !sqlscan_set_end(&t);
	    p = sqlscan_next(p, &t)) {
		if (target && t.kind == SQLTOK_PUNCT && *t.start == '(') {
			p = sqlscan_insert_columns(p, cols, ncols);
			target = 0;
		} else if (target && sqltok_is_name(&t))
			last = t;
		else if (target && t.kind == SQLTOK_PUNCT && *t.start == '=') {
			if (last.kind != SQLTOK_END)
				sqlscan_add_name(&last, cols, ncols);
			target = 0;
		} else if (t.kind == SQLTOK_PUNCT && *t.start == '(')
			p = sqlscan_close(p);
		else if (t.kind == SQLTOK_PUNCT && *t.start == ',') {
			target = 1;
			last.kind = SQLTOK_END;
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
	struct sqltok	t;

	p = sqlscan_next(p, &t);
	if (t.kind == SQLTOK_PUNCT && *t.start == '(') {
		sqlscan_insert_columns(p, cols, ncols);
		return;
	}
	while (!sqlscan_set_end(&t) && !sqltok_is(&t, "SET")) {
		if (t.kind == SQLTOK_PUNCT && *t.start == '(')
			p = sqlscan_close(p);
		p = sqlscan_next(p, &t);
	}
	if (sqltok_is(&t, "SET"))
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
	struct sqltok	 t, dot;
	const char	*p, *after;

	*fk = 0;
	p = sqlscan_verb(sql, fk);
	if (p == NULL)
		return NULL;
	do {
		p = sqlscan_next(p, &t);
		if (sqltok_is(&t, "REPLACE"))
			*fk |= DBERROR_FK_PARENT;
	} while (sqlscan_is_modifier(&t) || sqltok_is(&t, "REPLACE"));
	if (!sqltok_is_name(&t))
		return NULL;
	after = sqlscan_next(p, &dot);
	if (dot.kind == SQLTOK_PUNCT && *dot.start == '.') {
		p = sqlscan_next(after, &t);
		if (!sqltok_is_name(&t))
			return NULL;
	}
	if (cols != NULL)
		sqlscan_written(p, cols, ncols);
	return sqltok_name(&t);
}

/*
 * Set the columns of a CHECK constraint: those of the table's columns
 * (cols, n) that its expression names, as whole words or quoted names
 * outside string literals, in the order they first appear.
 */
void
sql_expr_columns(struct constraint *c, char *const *cols, size_t n)
{
	struct sqltok	 t;
	const char	*p;
	char		*name;
	size_t		 i;

	if (c->expr == NULL)
		return;
	for (p = sqlscan_next(c->expr, &t); t.kind != SQLTOK_END;
	    p = sqlscan_next(p, &t)) {
		if (!sqltok_is_name(&t))
			continue;
		name = sqltok_name(&t);
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
