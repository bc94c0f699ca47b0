/*
 * catalog-sqlite.c: SQLite's constraints, for --coverage.  Reads the
 * constraints of the tables of the main and temp schemas from
 * sqlite_master and PRAGMA table_info, index_list, index_info and
 * foreign_key_list; CHECK clauses and constraint names, which no pragma
 * gives, come from the CREATE TABLE text.  Also the schema fingerprint
 * (--check-migrations), from the same sources and reader, and what a
 * constraint error names out of SQLite's message.  With driver-sqlite.c
 * the only includer of sqlite3.h.
 *
 * Constraints without a name of their own are named as PostgreSQL would
 * name them: t_pkey, t_a_b_key, t_a_fkey, t_a_check or t_check, and
 * t_a_not_null.
 */
#include <sqlite3.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* A constraint clause read from the CREATE TABLE text. */
struct lite_clause {
	enum constraint_kind	  kind;
	char			 *name;		/* CONSTRAINT name, or NULL */
	char			**cols;
	size_t			  ncols;
	char			 *ref;		/* foreign key: its table */
	char			 *expr;		/* check: its expression */
};

/* A table being read. */
struct lite_table {
	sqlite3			 *db;
	const char		 *schema;
	const char		 *name;
	char			**cols;		/* every column, in order */
	size_t			  ncols;
	struct lite_clause	 *clauses;
	size_t			  nclauses;
	struct constraint_list	 *out;
	size_t			  first;	/* its first item in out */
};

/* A token cursor over SQL text. */
struct lite_cursor {
	const char	*p;
	struct lex_token	 t;
};

static void
lite_next(struct lite_cursor *c)
{
	c->p = sqlscan_next(c->p, &c->t);
}

static int
lite_punct(const struct lite_cursor *c, char ch)
{
	return c->t.kind == LEX_PUNCT && *c->t.start == ch;
}

/* A new clause of the table, named name (may be NULL; copied). */
static struct lite_clause *
lite_clause_add(struct lite_table *lt, enum constraint_kind kind,
    const char *name)
{
	struct lite_clause	*cl;

	lt->clauses = xreallocarray(lt->clauses, lt->nclauses + 1,
	    sizeof *lt->clauses);
	cl = &lt->clauses[lt->nclauses++];
	memset(cl, 0, sizeof *cl);
	cl->kind = kind;
	cl->name = name != NULL ? xstrdup(name) : NULL;
	return cl;
}

/*
 * At "(": read a list of column names (each may carry COLLATE, ASC or
 * DESC) into the clause; the cursor ends on the closing ")".
 */
static void
lite_column_list(struct lite_cursor *c, struct lite_clause *cl)
{
	char	*name;
	int	 want = 1;

	if (!lite_punct(c, '('))
		return;
	for (lite_next(c); c->t.kind != LEX_END && !lite_punct(c, ')');
	    lite_next(c)) {
		if (lite_punct(c, ','))
			want = 1;
		else if (lite_punct(c, '(')) {
			c->p = sqlscan_close(c->p);
			want = 0;
		} else if (want && lex_is_name(&c->t)) {
			name = lex_name(&c->t);
			str_list_add(&cl->cols, &cl->ncols, name);
			free(name);
			want = 0;
		}
	}
}

/* At "(" of a CHECK: its expression, trimmed; cursor past ")". */
static char *
lite_check_expr(struct lite_cursor *c)
{
	const char	*start, *end;

	start = c->p;
	c->p = sqlscan_close(c->p);
	end = c->p;
	if (end > start && end[-1] == ')')
		end--;
	while (start < end && strchr(" \t\r\n", *start) != NULL)
		start++;
	while (end > start && strchr(" \t\r\n", end[-1]) != NULL)
		end--;
	return xstrndup(start, (size_t)(end - start));
}

/* After REFERENCES: the parent table's name. */
static void
lite_references(struct lite_cursor *c, struct lite_clause *cl)
{
	struct lex_token	dot;
	const char	*after;

	lite_next(c);
	if (!lex_is_name(&c->t))
		return;
	after = sqlscan_next(c->p, &dot);
	if (dot.kind == LEX_PUNCT && *dot.start == '.') {
		c->p = sqlscan_next(after, &c->t);
		if (!lex_is_name(&c->t))
			return;
	}
	cl->ref = lex_name(&c->t);
}

/*
 * Read one clause that starts at the cursor's token (PRIMARY KEY,
 * UNIQUE, NOT NULL, CHECK, FOREIGN KEY, REFERENCES) of column (NULL for
 * a table constraint), named name.  Other tokens are skipped.
 */
static void
lite_clause(struct lite_cursor *c, struct lite_table *lt, const char *column,
    const char *name)
{
	struct lite_clause	*cl = NULL;

	if (lex_is(&c->t, "PRIMARY") || lex_is(&c->t, "UNIQUE")) {
		cl = lite_clause_add(lt, lex_is(&c->t, "PRIMARY") ?
		    CONSTRAINT_PRIMARY_KEY : CONSTRAINT_UNIQUE, name);
		if (lex_is(&c->t, "PRIMARY"))
			lite_next(c);		/* KEY */
		if (column == NULL) {
			lite_next(c);
			lite_column_list(c, cl);
		}
	} else if (lex_is(&c->t, "NOT"))
		cl = lite_clause_add(lt, CONSTRAINT_NOT_NULL, name);
	else if (lex_is(&c->t, "CHECK")) {
		cl = lite_clause_add(lt, CONSTRAINT_CHECK, name);
		lite_next(c);
		if (lite_punct(c, '('))
			cl->expr = lite_check_expr(c);
	} else if (lex_is(&c->t, "FOREIGN")) {
		cl = lite_clause_add(lt, CONSTRAINT_FOREIGN_KEY, name);
		lite_next(c);			/* KEY */
		lite_next(c);
		lite_column_list(c, cl);
		lite_next(c);
		if (lex_is(&c->t, "REFERENCES"))
			lite_references(c, cl);
	} else if (lex_is(&c->t, "REFERENCES")) {
		cl = lite_clause_add(lt, CONSTRAINT_FOREIGN_KEY, name);
		lite_references(c, cl);
	}
	if (cl != NULL && column != NULL && cl->ncols == 0)
		str_list_add(&cl->cols, &cl->ncols, column);
}

/*
 * Read one element of the table's body (a column definition or a table
 * constraint) up to the "," or ")" that ends it, where the cursor stops.
 */
static void
lite_element(struct lite_cursor *c, struct lite_table *lt)
{
	char	*column = NULL, *name = NULL;

	lite_next(c);
	if (!lex_is(&c->t, "CONSTRAINT") && !lex_is(&c->t, "PRIMARY") &&
	    !lex_is(&c->t, "UNIQUE") && !lex_is(&c->t, "CHECK") &&
	    !lex_is(&c->t, "FOREIGN") && lex_is_name(&c->t)) {
		column = lex_name(&c->t);
		lite_next(c);
	}
	while (c->t.kind != LEX_END && !lite_punct(c, ',') &&
	    !lite_punct(c, ')')) {
		if (lite_punct(c, '('))
			c->p = sqlscan_close(c->p);
		else if (lex_is(&c->t, "CONSTRAINT")) {
			lite_next(c);
			free(name);
			name = lex_name(&c->t);
		} else {
			lite_clause(c, lt, column, name);
			free(name);
			name = NULL;
		}
		lite_next(c);
	}
	free(column);
	free(name);
}

/*
 * Read the constraint clauses of a CREATE TABLE statement into lt.  A
 * table made by CREATE TABLE ... AS SELECT has none.
 */
static void
lite_parse(const char *sql, struct lite_table *lt)
{
	struct lite_cursor	c;

	c.p = sql;
	for (lite_next(&c); c.t.kind != LEX_END && !lite_punct(&c, '(');
	    lite_next(&c)) {
		if (lex_is(&c.t, "AS"))
			return;
	}
	while (c.t.kind != LEX_END && !lite_punct(&c, ')'))
		lite_element(&c, lt);
}

static void
lite_clauses_free(struct lite_table *lt)
{
	size_t	i;

	for (i = 0; i < lt->nclauses; i++) {
		free(lt->clauses[i].name);
		str_list_free(lt->clauses[i].cols, lt->clauses[i].ncols);
		free(lt->clauses[i].ref);
		free(lt->clauses[i].expr);
	}
	free(lt->clauses);
	str_list_free(lt->cols, lt->ncols);
}

/* 1 if two lists of names are equal, ignoring case. */
static int
lite_same_list(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t	i;

	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		if (strcasecmp(a[i], b[i]) != 0)
			return 0;
	}
	return 1;
}

/* The name a clause of this kind on these columns was given, or NULL. */
static const char *
lite_clause_name(const struct lite_table *lt, enum constraint_kind kind,
    char *const *cols, size_t ncols, const char *ref)
{
	const struct lite_clause	*cl;
	size_t				 i;

	for (i = 0; i < lt->nclauses; i++) {
		cl = &lt->clauses[i];
		if (cl->kind != kind || cl->name == NULL ||
		    (kind != CONSTRAINT_PRIMARY_KEY &&
		    !lite_same_list(cl->cols, cl->ncols, cols, ncols)))
			continue;
		if (ref != NULL && cl->ref != NULL &&
		    strcasecmp(ref, cl->ref) != 0)
			continue;
		return cl->name;
	}
	return NULL;
}

/* 1 if the table already has a constraint of that name. */
static int
lite_taken(const struct lite_table *lt, const char *name)
{
	size_t	i;

	for (i = lt->first; i < lt->out->n; i++) {
		if (strcmp(lt->out->items[i].name, name) == 0)
			return 1;
	}
	return 0;
}

/*
 * Add a constraint of the table on columns cols, named name, or if name
 * is NULL, as PostgreSQL names it: table_pkey, table_check when a CHECK
 * reads other than one column, else table_cols_suffix; made unique among
 * the table's names with a number.
 */
static struct constraint *
lite_add(struct lite_table *lt, enum constraint_kind kind, const char *name,
    char *const *cols, size_t ncols, const char *suffix)
{
	struct constraint	*c;
	struct buf		 b;
	size_t			 i, n = 0, len;

	buf_init(&b);
	if (name != NULL)
		buf_adds(&b, name);
	else {
		buf_adds(&b, lt->name);
		for (i = 0; i < ncols && kind != CONSTRAINT_PRIMARY_KEY &&
		    (kind != CONSTRAINT_CHECK || ncols == 1); i++)
			buf_printf(&b, "_%s", cols[i]);
		buf_printf(&b, "_%s", suffix);
	}
	len = b.len;
	while (name == NULL && lite_taken(lt, b.data)) {
		b.len = len;
		b.data[len] = '\0';
		buf_printf(&b, "%zu", ++n);
	}
	c = constraint_add(lt->out, lt->name, b.data, kind);
	buf_free(&b);
	for (i = 0; i < ncols; i++)
		constraint_add_column(c, cols[i]);
	return c;
}

/*
 * Prepare a query on a table-valued pragma with the table's name and
 * schema bound as ?1 and ?2.  NULL with *cause on failure.
 */
static sqlite3_stmt *
lite_pragma(struct lite_table *lt, const char *sql, char **cause)
{
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(lt->db, sql, -1, &st, NULL) != SQLITE_OK) {
		*cause = xprintf("cannot read the schema of %s: %s", lt->name,
		    sqlite3_errmsg(lt->db));
		return NULL;
	}
	sqlite3_bind_text(st, 1, lt->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, lt->schema, -1, SQLITE_STATIC);
	return st;
}

static const char *
lite_text(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/*
 * The table's columns, its NOT NULL constraints and its primary key
 * (columns in key order).
 */
static int
lite_columns(struct lite_table *lt, char **cause)
{
	sqlite3_stmt	 *st;
	char		**pk = NULL, *one;
	size_t		  npk = 0;

	st = lite_pragma(lt, "SELECT name, \"notnull\", pk FROM "
	    "pragma_table_info(?1, ?2) ORDER BY cid", cause);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		one = xstrdup(lite_text(st, 0));
		str_list_add(&lt->cols, &lt->ncols, one);
		if (sqlite3_column_int(st, 1) != 0)
			lite_add(lt, CONSTRAINT_NOT_NULL, lite_clause_name(lt,
			    CONSTRAINT_NOT_NULL, &one, 1, NULL), &one, 1,
			    "not_null");
		free(one);
	}
	sqlite3_finalize(st);
	st = lite_pragma(lt, "SELECT name FROM pragma_table_info(?1, ?2) "
	    "WHERE pk > 0 ORDER BY pk", cause);
	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW)
		str_list_add(&pk, &npk, lite_text(st, 0));
	sqlite3_finalize(st);
	if (npk > 0)
		lite_add(lt, CONSTRAINT_PRIMARY_KEY, lite_clause_name(lt,
		    CONSTRAINT_PRIMARY_KEY, pk, npk, NULL), pk, npk, "pkey");
	str_list_free(pk, npk);
	return 0;
}

/* The columns of index name into *cols (an expression is "(expr)"). */
static int
lite_index_columns(struct lite_table *lt, const char *name, char ***cols,
    size_t *ncols, char **cause)
{
	sqlite3_stmt	*st;

	st = lite_pragma(lt, "SELECT name FROM pragma_index_info(?3, ?2) "
	    "ORDER BY seqno", cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_text(st, 3, name, -1, SQLITE_TRANSIENT);
	while (sqlite3_step(st) == SQLITE_ROW) {
		str_list_add(cols, ncols, sqlite3_column_type(st, 0) ==
		    SQLITE_NULL ? "(expr)" : lite_text(st, 0));
	}
	sqlite3_finalize(st);
	return 0;
}

/*
 * The table's unique indexes other than its primary key's: those of
 * UNIQUE constraints (origin u), named by the clause, and those of
 * CREATE UNIQUE INDEX (origin c), named by the index.
 */
static int
lite_uniques(struct lite_table *lt, char **cause)
{
	sqlite3_stmt	 *st;
	char		**cols, *index;
	const char	 *name;
	size_t		  ncols;
	int		  rc = 0, origin_u;

	st = lite_pragma(lt, "SELECT name, origin FROM pragma_index_list(?1, "
	    "?2) WHERE \"unique\" AND origin <> 'pk' ORDER BY name", cause);
	if (st == NULL)
		return -1;
	while (rc == 0 && sqlite3_step(st) == SQLITE_ROW) {
		cols = NULL;
		ncols = 0;
		index = xstrdup(lite_text(st, 0));
		origin_u = strcmp(lite_text(st, 1), "u") == 0;
		rc = lite_index_columns(lt, index, &cols, &ncols, cause);
		name = origin_u ? lite_clause_name(lt, CONSTRAINT_UNIQUE, cols,
		    ncols, NULL) : index;
		if (rc == 0)
			lite_add(lt, CONSTRAINT_UNIQUE, name, cols, ncols,
			    "key");
		str_list_free(cols, ncols);
		free(index);
	}
	sqlite3_finalize(st);
	return rc;
}

/* A foreign key as the pragma gives it, row by row. */
struct lite_fk {
	char	 *ref;
	char	**cols;
	size_t	  ncols;
	char	**to;		/* empty when the parent's key is implied */
	size_t	  nto;
};

/* Add the foreign key collected in fk, named, and empty fk. */
static void
lite_add_fk(struct lite_table *lt, struct lite_fk *fk)
{
	struct constraint	*c;

	if (fk->ncols > 0) {
		c = lite_add(lt, CONSTRAINT_FOREIGN_KEY, lite_clause_name(lt,
		    CONSTRAINT_FOREIGN_KEY, fk->cols, fk->ncols, fk->ref),
		    fk->cols, fk->ncols, "fkey");
		c->ref_table = xstrdup(fk->ref);
		c->ref_columns = fk->to;
		c->nref_columns = fk->nto;
		fk->to = NULL;
		fk->nto = 0;
	}
	free(fk->ref);
	str_list_free(fk->cols, fk->ncols);
	str_list_free(fk->to, fk->nto);
	memset(fk, 0, sizeof *fk);
}

/* The table's foreign keys, one per id of the pragma. */
static int
lite_foreign_keys(struct lite_table *lt, char **cause)
{
	sqlite3_stmt	*st;
	struct lite_fk	 fk;
	int		 id = -1;

	st = lite_pragma(lt, "SELECT id, \"table\", \"from\", \"to\" FROM "
	    "pragma_foreign_key_list(?1, ?2) ORDER BY id, seq", cause);
	if (st == NULL)
		return -1;
	memset(&fk, 0, sizeof fk);
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (sqlite3_column_int(st, 0) != id)
			lite_add_fk(lt, &fk);
		id = sqlite3_column_int(st, 0);
		if (fk.ref == NULL)
			fk.ref = xstrdup(lite_text(st, 1));
		str_list_add(&fk.cols, &fk.ncols, lite_text(st, 2));
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			str_list_add(&fk.to, &fk.nto, lite_text(st, 3));
	}
	lite_add_fk(lt, &fk);
	sqlite3_finalize(st);
	return 0;
}

/* The table's CHECK clauses, with the columns their expressions name. */
static void
lite_checks(struct lite_table *lt)
{
	struct lite_clause	*cl;
	struct constraint	*c, read;
	size_t			 i;

	for (i = 0; i < lt->nclauses; i++) {
		cl = &lt->clauses[i];
		if (cl->kind != CONSTRAINT_CHECK || cl->expr == NULL)
			continue;
		memset(&read, 0, sizeof read);
		read.expr = cl->expr;
		sql_expr_columns(&read, lt->cols, lt->ncols);
		c = lite_add(lt, CONSTRAINT_CHECK, cl->name, read.columns,
		    read.ncolumns, "check");
		c->expr = xstrdup(cl->expr);
		str_list_free(read.columns, read.ncolumns);
	}
}

/* Every constraint of one table, appended to out. */
static int
lite_table(sqlite3 *db, const char *schema, const char *name,
    const char *sql, struct constraint_list *out, char **cause)
{
	struct lite_table	lt;
	int			rc;

	memset(&lt, 0, sizeof lt);
	lt.db = db;
	lt.schema = schema;
	lt.name = name;
	lt.out = out;
	lt.first = out->n;
	lite_parse(sql, &lt);
	rc = lite_columns(&lt, cause);
	if (rc == 0)
		rc = lite_uniques(&lt, cause);
	if (rc == 0)
		rc = lite_foreign_keys(&lt, cause);
	if (rc == 0)
		lite_checks(&lt);
	lite_clauses_free(&lt);
	return rc;
}

/*
 * The schema fingerprint (see catalog_sqlite_fingerprint): one line of
 * text a fact, appended to out.  Facts come from sqlite_master and the table
 * valued PRAGMA functions; what SQLite keeps only in the CREATE text
 * (CHECK constraints, the columns and WHERE of an index, views and
 * triggers) is taken from that text in str_sql_normalize() form.
 */

/* Prepare sql with text parameter arg (may be NULL); NULL on error. */
static sqlite3_stmt *
lite_fp_query(sqlite3 *db, const char *sql, const char *arg)
{
	sqlite3_stmt	*st = NULL;

	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	return st;
}

/* A declared type, lower-cased with its white space made canonical. */
static char *
lite_fp_type(const char *type)
{
	return str_sql_normalize(type);
}

/*
 * "column T.C: type not null default X" ("(no type)" when none was
 * declared), and the primary key line.
 */
static int
lite_fp_columns(sqlite3 *db, const char *table, struct buf *out)
{
	sqlite3_stmt	*st;
	struct buf	 pk;
	char		*type;
	int		 hidden, npk = 0, rc;

	st = lite_fp_query(db, "SELECT name, type, \"notnull\", dflt_value, "
	    "pk, hidden FROM pragma_table_xinfo(?1) ORDER BY pk, cid", table);
	if (st == NULL)
		return -1;
	buf_init(&pk);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		type = lite_fp_type(lite_text(st, 1));
		buf_printf(out, "column %s.%s: %s%s", table,
		    lite_text(st, 0), *type != '\0' ? type : "(no type)",
		    sqlite3_column_int(st, 2) ? " not null" : "");
		free(type);
		if (sqlite3_column_type(st, 3) != SQLITE_NULL)
			buf_printf(out, " default %s", lite_text(st, 3));
		hidden = sqlite3_column_int(st, 5);
		buf_adds(out, hidden == 2 ? " generated virtual\n" : hidden ==
		    3 ? " generated stored\n" : "\n");
		if (sqlite3_column_int(st, 4) > 0)
			buf_printf(&pk, "%s%s", npk++ > 0 ? ", " : "",
			    lite_text(st, 0));
	}
	sqlite3_finalize(st);
	if (npk > 0)
		buf_printf(out, "primary key on %s: (%s)\n", table, pk.data);
	buf_free(&pk);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Foreign keys: "foreign key on T (a, b): references P (x, y) on update
 * U on delete D" (no parent columns when the key references P's
 * primary key implicitly).
 */
static int
lite_fp_fkeys(sqlite3 *db, const char *table, struct buf *out)
{
	sqlite3_stmt	*st;
	struct buf	 from, to;
	char		*parent = NULL, *actions = NULL;
	int		 rc, id, last = -1, has_to = 0;

	st = lite_fp_query(db, "SELECT id, \"table\", \"from\", \"to\", "
	    "'on update ' || lower(on_update) || ' on delete ' || "
	    "lower(on_delete) FROM pragma_foreign_key_list(?1) "
	    "ORDER BY id, seq", table);
	if (st == NULL)
		return -1;
	buf_init(&from);
	buf_init(&to);
	for (;;) {
		rc = sqlite3_step(st);
		id = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -2;
		if (id != last && last != -1) {
			buf_printf(out, "foreign key on %s (%s): references %s",
			    table, from.data, parent);
			if (has_to)
				buf_printf(out, " (%s)", to.data);
			buf_printf(out, " %s\n", actions);
		}
		if (rc != SQLITE_ROW)
			break;
		if (id != last) {
			buf_reset(&from);
			buf_reset(&to);
			free(parent);
			free(actions);
			parent = xstrdup(lite_text(st, 1));
			actions = xstrdup(lite_text(st, 4));
			has_to = sqlite3_column_type(st, 3) != SQLITE_NULL;
		}
		buf_printf(&from, "%s%s", from.len > 0 ? ", " : "",
		    lite_text(st, 2));
		buf_printf(&to, "%s%s", to.len > 0 ? ", " : "",
		    lite_text(st, 3));
		last = id;
	}
	free(parent);
	free(actions);
	buf_free(&from);
	buf_free(&to);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* UNIQUE constraints (their automatic indexes): "unique on T (a, b)". */
static int
lite_fp_uniques(sqlite3 *db, const char *table, struct buf *out)
{
	sqlite3_stmt	*st, *cols;
	int		 rc, n;

	st = lite_fp_query(db, "SELECT name FROM pragma_index_list(?1) "
	    "WHERE origin = 'u'", table);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cols = lite_fp_query(db, "SELECT name FROM "
		    "pragma_index_info(?1) ORDER BY seqno",
		    lite_text(st, 0));
		if (cols == NULL) {
			rc = SQLITE_ERROR;
			break;
		}
		buf_printf(out, "unique on %s (", table);
		for (n = 0; sqlite3_step(cols) == SQLITE_ROW; n++)
			buf_printf(out, "%s%s", n > 0 ? ", " : "",
			    lite_text(cols, 0));
		buf_adds(out, ")\n");
		sqlite3_finalize(cols);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/*
 * CHECK constraints of a CREATE TABLE text, "check on T (expr)", as
 * lite_parse() reads them for the constraints.
 */
static void
lite_fp_checks(const char *sql, const char *table, struct buf *out)
{
	struct lite_table	 lt;
	char			*expr, *norm;
	size_t			 i;

	memset(&lt, 0, sizeof lt);
	lite_parse(sql, &lt);
	for (i = 0; i < lt.nclauses; i++) {
		if (lt.clauses[i].kind != CONSTRAINT_CHECK ||
		    lt.clauses[i].expr == NULL)
			continue;
		expr = xprintf("(%s)", lt.clauses[i].expr);
		norm = str_sql_normalize(expr);
		buf_printf(out, "check on %s %s\n", table, norm);
		free(norm);
		free(expr);
	}
	lite_clauses_free(&lt);
}

/* "table T" (with WITHOUT ROWID, STRICT) and the facts of its table. */
static int
lite_fp_table(sqlite3 *db, const char *name, const char *sql,
    struct buf *out)
{
	const char	*tail = strrchr(sql, ')');
	char		*opts;

	opts = str_sql_normalize(tail != NULL ? tail + 1 : "");
	buf_printf(out, "table %s%s%s\n", name, *opts != '\0' ? ": " : "",
	    opts);
	free(opts);
	lite_fp_checks(sql, name, out);
	if (lite_fp_columns(db, name, out) != 0 ||
	    lite_fp_fkeys(db, name, out) != 0 ||
	    lite_fp_uniques(db, name, out) != 0)
		return -1;
	return 0;
}

/*
 * An index made by CREATE INDEX: "index I on T: unique (a, b) where x",
 * from its CREATE text after the table name.
 */
static void
lite_fp_index(const char *name, const char *table, const char *sql,
    struct buf *out)
{
	char		*norm;
	const char	*on, *cols;

	norm = str_sql_normalize(sql);
	on = strstr(norm, " on ");
	cols = on != NULL ? strchr(on, '(') : NULL;
	buf_printf(out, "index %s on %s: %s%s\n", name, table,
	    strncmp(norm, "create unique ", 14) == 0 ? "unique " : "",
	    cols != NULL ? cols : norm);
	free(norm);
}

/*
 * A view ("view V: select ...", its query) or a trigger ("trigger T on
 * TABLE: create trigger ...", its whole text).
 */
static void
lite_fp_other(const char *type, const char *name, const char *table,
    const char *sql, struct buf *out)
{
	char		*norm;
	const char	*as;

	norm = str_sql_normalize(sql);
	if (strcmp(type, "view") == 0) {
		as = strstr(norm, " as ");
		buf_printf(out, "view %s: %s\n", name, as != NULL ? as + 4 :
		    norm);
	} else
		buf_printf(out, "%s %s on %s: %s\n", type, name, table, norm);
	free(norm);
}

/*
 * The schema as canonical lines appended to out, in any order: tables,
 * their columns (declared type, NOT NULL, default), primary keys,
 * foreign keys, UNIQUE and CHECK constraints, indexes, views and
 * triggers.  Returns 0, or -1 with *cause.
 */
int
catalog_sqlite_fingerprint(struct sqlite3 *db, struct buf *out,
    char **cause)
{
	sqlite3_stmt	*st;
	const char	*type, *name, *table, *sql;
	int		 rc = SQLITE_ERROR, failed = 0;

	st = lite_fp_query(db, "SELECT type, name, tbl_name, sql FROM "
	    "sqlite_master WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
	    "AND sql IS NOT NULL", NULL);
	while (st != NULL && !failed &&
	    (rc = sqlite3_step(st)) == SQLITE_ROW) {
		type = lite_text(st, 0);
		name = lite_text(st, 1);
		table = lite_text(st, 2);
		sql = lite_text(st, 3);
		if (strcmp(type, "table") == 0)
			failed = lite_fp_table(db, name, sql, out) != 0;
		else if (strcmp(type, "index") == 0)
			lite_fp_index(name, table, sql, out);
		else
			lite_fp_other(type, name, table, sql, out);
	}
	sqlite3_finalize(st);
	if (failed || rc != SQLITE_DONE) {
		*cause = xprintf("cannot read the schema: %s",
		    sqlite3_errmsg(db));
		return -1;
	}
	return 0;
}

/*
 * Append the constraints of every table of the main and temp schemas
 * (not SQLite's own, not virtual tables) to out.  0, or -1 with *cause.
 */
int
catalog_sqlite(struct sqlite3 *db, struct constraint_list *out, char **cause)
{
	static const char *const schemas[] = { "main", "temp" };
	sqlite3_stmt	*st;
	char		*sql;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < 2 && rc == 0; i++) {
		sql = xprintf("SELECT name, sql FROM %s.sqlite_master "
		    "WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%%' "
		    "ESCAPE '\\' AND sql NOT LIKE 'CREATE VIRTUAL%%' "
		    "ORDER BY name", schemas[i]);
		if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
			*cause = xprintf("cannot read the schema: %s",
			    sqlite3_errmsg(db));
			free(sql);
			return -1;
		}
		free(sql);
		while (rc == 0 && sqlite3_step(st) == SQLITE_ROW)
			rc = lite_table(db, schemas[i], lite_text(st, 0),
			    lite_text(st, 1), out, cause);
		sqlite3_finalize(st);
	}
	return rc;
}

/* Split "t.a, t.b" of a message into the error's table and columns. */
static void
lite_attr_columns(struct dberror *err, const char *list)
{
	const char	*p = list, *dot, *end;
	char		*s;

	while (*p != '\0') {
		end = p + strcspn(p, ",");
		dot = memchr(p, '.', (size_t)(end - p));
		if (dot != NULL) {
			s = xstrndup(p, (size_t)(dot - p));
			dberror_set_target(err, s, NULL, NULL);
			free(s);
			s = xstrndup(dot + 1, (size_t)(end - dot - 1));
			dberror_set_target(err, NULL, NULL, s);
			free(s);
		}
		p = end;
		while (*p == ',' || *p == ' ')
			p++;
	}
}

/* The text after prefix in s, or NULL. */
static const char *
lite_after(const char *s, const char *prefix)
{
	size_t	n = strlen(prefix);

	return strncmp(s, prefix, n) == 0 ? s + n : NULL;
}

/*
 * Fill what a constraint error of the statement sql violated, from
 * SQLite's message: "UNIQUE constraint failed: t.a, t.b" (or "index
 * 'name'"), "NOT NULL constraint failed: t.c", "CHECK constraint failed:
 * name or expression" (no table: the statement's), and "FOREIGN KEY
 * constraint failed", which names nothing.
 */
void
catalog_sqlite_attribute(struct dberror *err, const char *sql)
{
	const char	*m = err->message != NULL ? err->message : "";
	const char	*rest, *q;
	char		*name;

	if (strcmp(err->native, "SQLITE_CONSTRAINT_UNIQUE") == 0 ||
	    strcmp(err->native, "SQLITE_CONSTRAINT_PRIMARYKEY") == 0) {
		rest = lite_after(m, "UNIQUE constraint failed: ");
		if (rest == NULL)
			return;
		if ((q = lite_after(rest, "index '")) != NULL) {
			name = xstrndup(q, strcspn(q, "'"));
			dberror_set_target(err, NULL, name, NULL);
			free(name);
			dberror_guess_target(err, sql, 0);
		} else
			lite_attr_columns(err, rest);
	} else if (strcmp(err->native, "SQLITE_CONSTRAINT_NOTNULL") == 0) {
		if ((rest = lite_after(m, "NOT NULL constraint failed: ")) !=
		    NULL)
			lite_attr_columns(err, rest);
	} else if (strcmp(err->native, "SQLITE_CONSTRAINT_CHECK") == 0) {
		if ((rest = lite_after(m, "CHECK constraint failed: ")) == NULL)
			return;
		dberror_set_target(err, NULL, rest, NULL);
		dberror_guess_target(err, sql, 0);
	} else if (strcmp(err->native, "SQLITE_CONSTRAINT_FOREIGNKEY") == 0)
		dberror_guess_target(err, sql, 1);
}
