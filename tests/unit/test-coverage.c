/*
 * test-coverage.c: unit tests of constraint coverage: the SQL scanner
 * (the table and columns a statement writes, CHECK columns), what the
 * SQLite and MySQL drivers read out of a constraint error's message,
 * the SQLite catalog (through the driver), and coverage.c's resolution of
 * hits and merging of definitions.
 */
#include <stdlib.h>
#include <string.h>

#include "../../src/sqlcheck.h"
#ifdef HAVE_MYSQL
#include "../../src/mysql/driver-mysql.h"
#endif
#include "tap.h"

/* The table sql writes, its FK sides and its columns as "t|fk|a,b". */
static char *
dml(const char *sql)
{
	struct buf	  b;
	char		**cols = NULL, *table;
	size_t		  n = 0, i;
	int		  fk;

	table = sql_dml_table(sql, &fk, &cols, &n);
	buf_init(&b);
	buf_printf(&b, "%s|%d|", table != NULL ? table : "(null)", fk);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i > 0 ? "," : "", cols[i]);
	str_list_free(cols, n);
	free(table);
	return buf_detach(&b);
}

static void
is_dml(const char *sql, const char *want)
{
	char	*got = dml(sql), *desc = xstrdup(sql), *nl;

	while ((nl = strchr(desc, '\n')) != NULL)
		*nl = ' ';
	is_str(got, want, desc);
	free(got);
	free(desc);
}

static void
test_dml_table(void)
{
	is_dml("INSERT INTO t (a, \"b c\") VALUES (1, 2)", "t|2|a,b c");
	is_dml("insert into main.t values (1)", "t|2|");
	is_dml("INSERT OR REPLACE INTO t(a) VALUES (1)", "t|6|a");
	is_dml("REPLACE INTO `t` VALUES (1)", "t|6|");
	is_dml("INSERT IGNORE INTO t SET a = 1", "t|2|a");
	is_dml("INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2",
	    "t|2|");
	is_dml("UPDATE t SET a = f(1, 2), t.b = 3 WHERE c = 4", "t|6|a,b");
	is_dml("UPDATE ONLY s.t AS x SET (a, b) = (1, 2)", "t|6|a,b");
	is_dml("UPDATE t SET a = (SELECT max(x) FROM u), b = 'x,y'",
	    "t|6|a,b");
	is_dml("DELETE FROM [t] WHERE a = 1", "t|4|");
	is_dml("-- comment\n/* more */ DELETE FROM t", "t|4|");
	is_dml("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x",
	    "t|2|");
	is_dml("WITH x AS (SELECT 1) SELECT * FROM x", "(null)|0|");
	is_dml("SELECT 1", "(null)|0|");
	is_dml("CREATE TABLE t (a int)", "(null)|0|");
}

static void
test_tokens(void)
{
	struct lex_token	 t;
	struct constraint c;
	char		 a[] = "a", b[] = "B", cd[] = "c d", e[] = "e";
	char		 expr[] = "b > a AND \"c d\" <> 'e' AND a < 10";
	char		*cols[] = { a, b, cd, e };
	char		*s;

	sqlscan_next("  \"x\"\"y\" rest", &t);
	s = lex_name(&t);
	is_str(s, "x\"y", "a quoted name is unquoted");
	free(s);
	sqlscan_next("[a b]", &t);
	s = lex_name(&t);
	is_str(s, "a b", "a bracketed name is unquoted");
	free(s);
	memset(&c, 0, sizeof c);
	c.expr = expr;
	sql_expr_columns(&c, cols, 4);
	ok(c.ncolumns == 3 && strcmp(c.columns[0], "B") == 0 &&
	    strcmp(c.columns[1], "a") == 0 && strcmp(c.columns[2], "c d") == 0,
	    "CHECK columns: names in order, once, not in strings");
	str_list_free(c.columns, c.ncolumns);
	ok(sql_same_text(" a   >\n 0 ", "a > 0"), "same text but for spaces");
	ok(!sql_same_text("a > 0", "a >= 0"), "different text");
}

/* The target an error's message gives as "table|constraint|cols|attr". */
static char *
target(const struct dberror *e)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	buf_printf(&b, "%s|%s|", e->table != NULL ? e->table : "",
	    e->constraint != NULL ? e->constraint : "");
	for (i = 0; i < e->ncolumns; i++)
		buf_printf(&b, "%s%s", i > 0 ? "," : "", e->columns[i]);
	buf_printf(&b, "|%d", e->attr);
	return buf_detach(&b);
}

static void
is_lite(const char *native, const char *msg, const char *sql,
    const char *want)
{
	struct dberror	 e;
	char		*got;

	dberror_init(&e);
	dberror_set(&e, NULL, native, NULL, msg);
	catalog_sqlite_attribute(&e, sql);
	got = target(&e);
	is_str(got, want, msg);
	free(got);
	dberror_clear(&e);
}

static void
test_sqlite_messages(void)
{
	is_lite("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed: t.a, "
	    "t.b", "INSERT INTO t VALUES (1)", "t||a,b|0");
	is_lite("SQLITE_CONSTRAINT_PRIMARYKEY", "UNIQUE constraint failed: "
	    "t.id", "INSERT INTO t VALUES (1)", "t||id|0");
	is_lite("SQLITE_CONSTRAINT_UNIQUE", "UNIQUE constraint failed: index "
	    "'ux'", "INSERT INTO t VALUES (1)", "t|ux||1");
	is_lite("SQLITE_CONSTRAINT_NOTNULL", "NOT NULL constraint failed: u.c",
	    "UPDATE t SET c = NULL", "u||c|0");
	is_lite("SQLITE_CONSTRAINT_CHECK", "CHECK constraint failed: a > 0",
	    "UPDATE t SET a = 0", "t|a > 0||1");
	is_lite("SQLITE_CONSTRAINT_FOREIGNKEY", "FOREIGN KEY constraint "
	    "failed", "UPDATE t SET a = 0", "t||a|15");
	is_lite("SQLITE_CONSTRAINT_FOREIGNKEY", "FOREIGN KEY constraint "
	    "failed", "DELETE FROM t", "t|||13");
	is_lite("SQLITE_ERROR", "no such table: t", "DELETE FROM t", "|||0");
}

#ifdef HAVE_MYSQL
static void
is_my(unsigned int errnum, const char *msg, const char *sql,
    const char *want)
{
	struct dberror	 e;
	char		*got;

	dberror_init(&e);
	dberror_set(&e, "23000", NULL, NULL, msg);
	catalog_mysql_attribute(&e, errnum, sql);
	got = target(&e);
	is_str(got, want, msg);
	free(got);
	dberror_clear(&e);
}
#endif

static void
test_mysql_messages(void)
{
#ifdef HAVE_MYSQL
	is_my(1062, "Duplicate entry '1' for key 'PRIMARY'",
	    "INSERT INTO t VALUES (1)", "t|PRIMARY||1");
	is_my(1062, "Duplicate entry 'x for key 'y' for key 't.uq'",
	    "INSERT INTO t VALUES (1)", "t|uq||0");
	is_my(1452, "Cannot add or update a child row: a foreign key "
	    "constraint fails (`db`.`c``x`, CONSTRAINT `fk` FOREIGN KEY "
	    "(`p`) REFERENCES `p` (`id`))", "INSERT INTO c VALUES (1)",
	    "c`x|fk||0");
	is_my(4025, "CONSTRAINT `ck` failed for `db`.`t`", "UPDATE t SET a = 1",
	    "t|ck||0");
	is_my(4025, "CONSTRAINT `t.a` failed for `db`.`t`",
	    "UPDATE t SET a = 1", "t|a||0");
	is_my(1048, "Column 'c' cannot be null", "UPDATE t SET c = NULL",
	    "t||c|1");
	is_my(1364, "Field 'c' doesn't have a default value",
	    "INSERT INTO t () VALUES ()", "t||c|1");
	is_my(3819, "Check constraint 'ck' is violated.",
	    "INSERT INTO t VALUES (1)", "t|ck||1");
#else
	ok(1, "# SKIP no MySQL driver");
#endif
}

/* The constraints the SQLite driver reads after running sql. */
static void
lite_catalog(const char *sql, struct constraint_list *l)
{
	const struct driver	*drv = driver_find("sqlite");
	struct conn		 c;
	struct result		 r;
	struct dberror		 e;
	char			*cause = NULL;
	size_t			 n;
	struct split_stmt	*stmts = NULL;
	size_t			 i;

	memset(&c, 0, sizeof c);
	c.drv = drv;
	if (drv->open(&c, NULL, &cause) != 0)
		fatalx("%s", cause);
	n = split_sql(sql, strlen(sql), 1, &stmts);
	for (i = 0; i < n; i++) {
		char	*one = xstrndup(sql + stmts[i].off, stmts[i].len);

		result_init(&r);
		dberror_init(&e);
		if (drv->exec(&c, one, NULL, &r, &e) != 0)
			diag("%s: %s", one, e.message);
		result_clear(&r);
		dberror_clear(&e);
		free(one);
	}
	free(stmts);
	constraint_list_init(l);
	if (drv->constraints(&c, l, &cause) != 0)
		fatalx("%s", cause);
	drv->close(&c);
}

/* The constraints of a list as "table.name kind (cols) ref", a line each. */
static char *
describe(const struct constraint_list *l)
{
	struct buf	b;
	size_t		i, j;

	buf_init(&b);
	for (i = 0; i < l->n; i++) {
		buf_printf(&b, "%s.%s %s (", l->items[i].table,
		    l->items[i].name, constraint_kind_name(l->items[i].kind));
		for (j = 0; j < l->items[i].ncolumns; j++)
			buf_printf(&b, "%s%s", j > 0 ? "," : "",
			    l->items[i].columns[j]);
		buf_adds(&b, ")");
		if (l->items[i].ref_table != NULL)
			buf_printf(&b, " %s", l->items[i].ref_table);
		buf_adds(&b, "\n");
	}
	return buf_detach(&b);
}

static void
test_sqlite_catalog(void)
{
	struct constraint_list	 l;
	char			*got;

	lite_catalog("CREATE TABLE p (id integer PRIMARY KEY, k text "
	    "CONSTRAINT k_nn NOT NULL UNIQUE);"
	    "CREATE TABLE \"c t\" (a int NOT NULL DEFAULT 0 CHECK (a > 0), "
	    "b int REFERENCES p, \"x,y\" int, varchar_col varchar(10), "
	    "CONSTRAINT pk PRIMARY KEY (a, b), "
	    "CHECK (a < b AND \"x,y\" <> 1), "
	    "CONSTRAINT fk FOREIGN KEY (\"x,y\") REFERENCES p (id) "
	    "ON DELETE CASCADE, CHECK (length('(,)') > 0), UNIQUE (b, a));"
	    "CREATE UNIQUE INDEX ux ON p (lower(k));"
	    "CREATE TEMP TABLE tmp (z int NOT NULL);"
	    "CREATE TABLE copy AS SELECT * FROM p;", &l);
	got = describe(&l);
	is_str(got,
	    "c t.c t_a_not_null not_null (a)\n"
	    "c t.pk primary_key (a,b)\n"
	    "c t.c t_b_a_key unique (b,a)\n"
	    "c t.fk foreign_key (x,y) p\n"
	    "c t.c t_b_fkey foreign_key (b) p\n"
	    "c t.c t_a_check check (a)\n"
	    "c t.c t_check check (a,b,x,y)\n"
	    "c t.c t_check1 check ()\n"
	    "p.k_nn not_null (k)\n"
	    "p.p_pkey primary_key (id)\n"
	    "p.p_k_key unique (k)\n"
	    "p.ux unique ((expr))\n"
	    "tmp.tmp_z_not_null not_null (z)\n", "SQLite catalog");
	free(got);
	constraint_list_free(&l);
}

/* A hit on the test at file:line of an error naming these. */
static void
hit(struct coverage_file *cf, int line, const char *condition,
    const char *table, const char *constraint, const char *column, int attr)
{
	struct dberror	e;

	dberror_init(&e);
	dberror_set(&e, NULL, NULL, condition, "message");
	dberror_set_target(&e, table, constraint, column);
	e.attr = attr;
	coverage_hit(cf, "f.sqltest", line, &e);
	dberror_clear(&e);
}

static struct constraint *
add(struct constraint_list *l, const char *table, const char *name,
    enum constraint_kind kind, const char *column, const char *ref)
{
	struct constraint	*c;

	c = constraint_add(l, table, name, kind);
	constraint_add_column(c, column);
	if (ref != NULL)
		c->ref_table = xstrdup(ref);
	return c;
}

/* The hits of table t's constraint name as "where,where*". */
static char *
hits_of(const struct coverage *m, const char *t, int def, const char *name)
{
	struct buf	b;
	size_t		i, j, k;
	int		seen = 0;

	buf_init(&b);
	for (i = 0; i < m->ntables; i++) {
		if (strcmp(m->tables[i].name, t) != 0 || ++seen != def)
			continue;
		for (j = 0; j < m->tables[i].nitems; j++) {
			if (strcmp(m->tables[i].items[j].c.name, name) != 0)
				continue;
			for (k = 0; k < m->tables[i].items[j].nhits; k++)
				buf_printf(&b, "%s%s%s", k > 0 ? "," : "",
				    m->tables[i].items[j].hits[k].where,
				    m->tables[i].items[j].hits[k].inexact ?
				    "*" : "");
		}
	}
	return buf_detach(&b);
}

static void
is_hits(const struct coverage *m, const char *t, int def, const char *name,
    const char *want)
{
	char	*got = hits_of(m, t, def, name);

	is_str(got, want, name);
	free(got);
}

static void
test_model(void)
{
	const struct coverage	*m;
	struct coverage_file	*cf;
	struct constraint_list	 l;

	coverage_start("test", 0, 0);
	cf = coverage_file_new("one.sqltest");
	hit(cf, 1, "unique_violation", "t", "t_pkey", NULL, 0);
	hit(cf, 2, "unique_violation", "u", "PRIMARY", NULL,
	    DBERROR_TABLE_GUESSED);
	hit(cf, 3, "unique_violation", "u", "uq", NULL,
	    DBERROR_TABLE_GUESSED);
	hit(cf, 4, "not_null_violation", "t", NULL, "a", 0);
	hit(cf, 5, "foreign_key_violation", "t", NULL, NULL,
	    DBERROR_TABLE_GUESSED | DBERROR_FK_PARENT);
	hit(cf, 6, "check_violation", NULL, NULL, NULL, 0);
	hit(cf, 7, "undefined_table", NULL, NULL, NULL, 0);
	constraint_list_init(&l);
	add(&l, "t", "t_pkey", CONSTRAINT_PRIMARY_KEY, "id", NULL);
	add(&l, "t", "t_a_not_null", CONSTRAINT_NOT_NULL, "a", NULL);
	add(&l, "u", "PRIMARY", CONSTRAINT_PRIMARY_KEY, "id", NULL);
	add(&l, "u", "uq", CONSTRAINT_UNIQUE, "k", NULL);
	add(&l, "u", "fk", CONSTRAINT_FOREIGN_KEY, "t_id", "t");
	add(&l, "v", "PRIMARY", CONSTRAINT_PRIMARY_KEY, "id", NULL);
	coverage_file_end(cf, &l, NULL);
	constraint_list_free(&l);
	/* Another file: t again, u with another definition. */
	cf = coverage_file_new("two.sqltest");
	hit(cf, 9, "unique_violation", "t", "t_pkey", NULL, 0);
	constraint_list_init(&l);
	add(&l, "u", "PRIMARY", CONSTRAINT_PRIMARY_KEY, "uid", NULL);
	add(&l, "t", "t_a_not_null", CONSTRAINT_NOT_NULL, "a", NULL);
	add(&l, "t", "t_pkey", CONSTRAINT_PRIMARY_KEY, "id", NULL);
	coverage_file_end(cf, &l, NULL);
	constraint_list_free(&l);
	coverage_file_end(coverage_file_new("three.sqltest"), NULL, "gone");

	m = coverage_get();
	is_int((int)m->ntables, 4, "t once, u twice, v once");
	is_hits(m, "t", 1, "t_pkey", "f.sqltest:1,f.sqltest:9");
	is_hits(m, "t", 1, "t_a_not_null", "f.sqltest:4");
	is_hits(m, "u", 1, "PRIMARY", "f.sqltest:2*");
	is_hits(m, "u", 1, "uq", "f.sqltest:3");
	is_hits(m, "u", 1, "fk", "f.sqltest:5*");
	is_hits(m, "u", 2, "PRIMARY", "");
	is_int((int)m->nnotes, 1, "one note");
	if (m->nnotes == 1)
		is_str(m->notes[0].why, "check_violation: the engine named "
		    "no constraint", "the note says why");
	is_int((int)m->nfailures, 1, "one schema not read");
	coverage_free();
}

/*
 * Names of an engine that folds them all (SQLite): "Album" in one file
 * and "album" in another are one table; elsewhere two.
 */
static void
test_name_case(void)
{
	const struct coverage	*m;
	struct coverage_file	*cf;
	struct constraint_list	 l;
	int			 nocase;

	for (nocase = 1; nocase >= 0; nocase--) {
		coverage_start("test", nocase, nocase);
		cf = coverage_file_new("one.sqltest");
		hit(cf, 1, "unique_violation", "Album", "Album_pk", NULL, 0);
		constraint_list_init(&l);
		add(&l, "Album", "Album_pk", CONSTRAINT_PRIMARY_KEY, "Id",
		    NULL);
		coverage_file_end(cf, &l, NULL);
		constraint_list_free(&l);
		cf = coverage_file_new("two.sqltest");
		hit(cf, 2, "unique_violation", "album", "album_pk", NULL, 0);
		constraint_list_init(&l);
		add(&l, "album", "album_pk", CONSTRAINT_PRIMARY_KEY, "id",
		    NULL);
		coverage_file_end(cf, &l, NULL);
		constraint_list_free(&l);
		m = coverage_get();
		is_int((int)m->ntables, nocase ? 1 : 2, nocase ?
		    "names without case: Album and album are one table" :
		    "exact names: Album and album are two tables");
		if (nocase)
			is_hits(m, "Album", 1, "Album_pk",
			    "f.sqltest:1,f.sqltest:2");
		is_int(coverage_name_cmp("ALBUM", "album") == 0, nocase,
		    "coverage_name_cmp follows the engine");
		coverage_free();
	}
}

/*
 * Column names of an engine that compares them without case but keeps
 * table names exact (MySQL on Linux): a key on "Id" in one file and on
 * "id" in another is one definition of the table; elsewhere two.
 */
static void
test_column_case(void)
{
	const struct coverage	*m;
	struct coverage_file	*cf;
	struct constraint_list	 l;
	int			 nocase;
	const char		*col[2] = { "Id", "id" };
	const char		*file[2] = { "one.sqltest", "two.sqltest" };
	size_t			 i;

	for (nocase = 1; nocase >= 0; nocase--) {
		coverage_start("test", 0, nocase);
		for (i = 0; i < 2; i++) {
			cf = coverage_file_new(file[i]);
			constraint_list_init(&l);
			add(&l, "album", "PRIMARY", CONSTRAINT_PRIMARY_KEY,
			    col[i], NULL);
			coverage_file_end(cf, &l, NULL);
			constraint_list_free(&l);
		}
		m = coverage_get();
		is_int((int)m->ntables, nocase ? 1 : 2, nocase ?
		    "columns without case: a key on Id and on id is one "
		    "definition" : "exact columns: two definitions");
		coverage_free();
	}
}

int
main(void)
{
	test_dml_table();
	test_tokens();
	test_sqlite_messages();
	test_mysql_messages();
	test_sqlite_catalog();
	test_model();
	test_name_case();
	test_column_case();
	return done_testing();
}
