/*
 * catalog-mysql.c: MySQL's and MariaDB's constraints, for --coverage,
 * and what their errors name.  The constraints of the base tables of the
 * session's current database come from information_schema:
 * TABLE_CONSTRAINTS with KEY_COLUMN_USAGE (primary keys, unique keys,
 * foreign keys), CHECK_CONSTRAINTS, and COLUMNS.IS_NULLABLE for NOT
 * NULL, which has no name (it is called table_column_not_null).
 * Temporary tables are not in information_schema and are not seen.
 *
 * Errors carry no fields, only a message.  A foreign key or CHECK
 * message names the table and the constraint; a duplicate key names the
 * key but not its table on MariaDB ('PRIMARY' is in every table), and a
 * NOT NULL message only the column: the table is then taken from the
 * statement, and coverage.c counts the attribution as exact only if the
 * name fits a single constraint of the schema.
 *
 * The schema fingerprint (--check-migrations) is one canonical line per
 * schema object of the current database, from the same information_schema.
 * Also linked into tests/unit/test-coverage, so it uses nothing of the
 * driver's but the MySQL session.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mysql.h>

#include "driver-mysql.h"

/* Lists come back as names separated by this byte. */
#define MY_SEP	"\x1f"

static const char my_keys_sql[] =
"SELECT tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE,"
" GROUP_CONCAT(k.COLUMN_NAME ORDER BY k.ORDINAL_POSITION"
"  SEPARATOR '" MY_SEP "'),"
" MAX(k.REFERENCED_TABLE_NAME),"
" GROUP_CONCAT(k.REFERENCED_COLUMN_NAME ORDER BY k.ORDINAL_POSITION"
"  SEPARATOR '" MY_SEP "')"
" FROM information_schema.TABLE_CONSTRAINTS tc"
" JOIN information_schema.KEY_COLUMN_USAGE k"
"  ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA"
"  AND k.TABLE_NAME = tc.TABLE_NAME"
"  AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME"
" WHERE tc.TABLE_SCHEMA = DATABASE()"
"  AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')"
" GROUP BY tc.TABLE_NAME, tc.CONSTRAINT_NAME, tc.CONSTRAINT_TYPE";

/* MariaDB: check names are per table, and the view has the table. */
static const char my_checks_sql[] =
"SELECT TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE"
" FROM information_schema.CHECK_CONSTRAINTS"
" WHERE CONSTRAINT_SCHEMA = DATABASE()";

/* MySQL 8: check names are per schema; the table is in TABLE_CONSTRAINTS. */
static const char my_checks_sql_mysql[] =
"SELECT tc.TABLE_NAME, cc.CONSTRAINT_NAME, cc.CHECK_CLAUSE"
" FROM information_schema.CHECK_CONSTRAINTS cc"
" JOIN information_schema.TABLE_CONSTRAINTS tc"
"  ON tc.CONSTRAINT_SCHEMA = cc.CONSTRAINT_SCHEMA"
"  AND tc.CONSTRAINT_NAME = cc.CONSTRAINT_NAME"
"  AND tc.CONSTRAINT_TYPE = 'CHECK'"
" WHERE cc.CONSTRAINT_SCHEMA = DATABASE()";

static const char my_columns_sql[] =
"SELECT c.TABLE_NAME, c.COLUMN_NAME, c.IS_NULLABLE"
" FROM information_schema.COLUMNS c"
" JOIN information_schema.TABLES t"
"  ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME"
" WHERE c.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE'"
" ORDER BY c.TABLE_NAME, c.ORDINAL_POSITION";

/* The columns of each table, for the columns of CHECK constraints. */
struct my_columns {
	char		**tables;
	char		***cols;
	size_t		 *ncols;
	size_t		  n;
};

/* Run a catalog query; NULL with *cause (and *errnum) on failure. */
static MYSQL_RES *
my_catalog_query(MYSQL *m, const char *sql, unsigned int *errnum,
    char **cause)
{
	MYSQL_RES	*res;

	*errnum = 0;
	if (mysql_real_query(m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(m)) == NULL) {
		*errnum = mysql_errno(m);
		*cause = xprintf("cannot read the constraints: %s",
		    mysql_error(m));
		return NULL;
	}
	return res;
}

/* Split a MY_SEP-separated list onto a list; NULL adds nothing. */
static void
my_split(const char *s, char ***list, size_t *n)
{
	const char	*end;
	char		*name;

	while (s != NULL && *s != '\0') {
		end = s + strcspn(s, MY_SEP);
		name = xstrndup(s, (size_t)(end - s));
		str_list_add(list, n, name);
		free(name);
		s = *end != '\0' ? end + 1 : end;
	}
}

/* Primary keys, unique keys and foreign keys. */
static int
my_keys(MYSQL *m, struct constraint_list *out, char **cause)
{
	MYSQL_RES		*res;
	MYSQL_ROW		 row;
	struct constraint	*c;
	enum constraint_kind	 kind;
	unsigned int		 errnum;

	res = my_catalog_query(m, my_keys_sql, &errnum, cause);
	if (res == NULL)
		return -1;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] == NULL || row[1] == NULL || row[2] == NULL)
			continue;
		if (strcmp(row[2], "PRIMARY KEY") == 0)
			kind = CONSTRAINT_PRIMARY_KEY;
		else if (strcmp(row[2], "UNIQUE") == 0)
			kind = CONSTRAINT_UNIQUE;
		else
			kind = CONSTRAINT_FOREIGN_KEY;
		c = constraint_add(out, row[0], row[1], kind);
		my_split(row[3], &c->columns, &c->ncolumns);
		if (kind == CONSTRAINT_FOREIGN_KEY && row[4] != NULL) {
			c->ref_table = xstrdup(row[4]);
			my_split(row[5], &c->ref_columns, &c->nref_columns);
		}
	}
	mysql_free_result(res);
	return 0;
}

/* The columns of table, from the columns query (NULL, 0 if unknown). */
static size_t
my_table_columns(const struct my_columns *mc, const char *table,
    char ***cols)
{
	size_t	i;

	for (i = 0; i < mc->n; i++) {
		if (strcmp(mc->tables[i], table) == 0) {
			*cols = mc->cols[i];
			return mc->ncols[i];
		}
	}
	*cols = NULL;
	return 0;
}

/* CHECK constraints, with the columns their clauses name. */
static int
my_checks(MYSQL *m, const struct my_columns *mc, struct constraint_list *out,
    char **cause)
{
	MYSQL_RES		*res;
	MYSQL_ROW		 row;
	struct constraint	*c;
	char			**cols;
	size_t			 ncols;
	unsigned int		 errnum;

	res = my_catalog_query(m, my_checks_sql, &errnum, cause);
	if (res == NULL && errnum == 1054) {	/* no TABLE_NAME: MySQL */
		free(*cause);
		*cause = NULL;
		res = my_catalog_query(m, my_checks_sql_mysql, &errnum, cause);
	}
	if (res == NULL)
		return -1;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] == NULL || row[1] == NULL)
			continue;
		c = constraint_add(out, row[0], row[1], CONSTRAINT_CHECK);
		c->expr = xstrdup(row[2] != NULL ? row[2] : "");
		ncols = my_table_columns(mc, row[0], &cols);
		sql_expr_columns(c, cols, ncols);
	}
	mysql_free_result(res);
	return 0;
}

/* Add a column of a table to the column map. */
static void
my_columns_add(struct my_columns *mc, const char *table, const char *col)
{
	if (mc->n == 0 || strcmp(mc->tables[mc->n - 1], table) != 0) {
		mc->tables = xreallocarray(mc->tables, mc->n + 1,
		    sizeof *mc->tables);
		mc->cols = xreallocarray(mc->cols, mc->n + 1, sizeof *mc->cols);
		mc->ncols = xreallocarray(mc->ncols, mc->n + 1,
		    sizeof *mc->ncols);
		mc->tables[mc->n] = xstrdup(table);
		mc->cols[mc->n] = NULL;
		mc->ncols[mc->n] = 0;
		mc->n++;
	}
	str_list_add(&mc->cols[mc->n - 1], &mc->ncols[mc->n - 1], col);
}

static void
my_columns_free(struct my_columns *mc)
{
	size_t	i;

	for (i = 0; i < mc->n; i++)
		str_list_free(mc->cols[i], mc->ncols[i]);
	str_list_free(mc->tables, mc->n);
	free(mc->cols);
	free(mc->ncols);
}

/* Every column into mc, and a NOT NULL constraint per NOT NULL one. */
static int
my_not_null(MYSQL *m, struct my_columns *mc, struct constraint_list *out,
    char **cause)
{
	MYSQL_RES		*res;
	MYSQL_ROW		 row;
	struct constraint	*c;
	char			*name;
	unsigned int		 errnum;

	res = my_catalog_query(m, my_columns_sql, &errnum, cause);
	if (res == NULL)
		return -1;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] == NULL || row[1] == NULL)
			continue;
		my_columns_add(mc, row[0], row[1]);
		if (row[2] == NULL || strcmp(row[2], "NO") != 0)
			continue;
		name = xprintf("%s_%s_not_null", row[0], row[1]);
		c = constraint_add(out, row[0], name, CONSTRAINT_NOT_NULL);
		constraint_add_column(c, row[1]);
		free(name);
	}
	mysql_free_result(res);
	return 0;
}

/*
 * Append the constraints of the base tables of the current database to
 * out.  0, or -1 with *cause.
 */
int
catalog_mysql(MYSQL *m, struct constraint_list *out, char **cause)
{
	struct my_columns	mc;
	int			rc;

	memset(&mc, 0, sizeof mc);
	rc = my_not_null(m, &mc, out, cause);
	if (rc == 0)
		rc = my_keys(m, out, cause);
	if (rc == 0)
		rc = my_checks(m, &mc, out, cause);
	my_columns_free(&mc);
	return rc;
}

/*
 * The name quoted by q (doubled inside) at s into *name (caller frees);
 * returns the text after it, or NULL if s does not start with q.
 */
static const char *
my_quoted(const char *s, char q, char **name)
{
	struct buf	b;

	if (*s != q)
		return NULL;
	buf_init(&b);
	for (s++; *s != '\0'; s++) {
		if (*s == q && s[1] != q)
			break;
		if (*s == q)
			s++;
		buf_addc(&b, *s);
	}
	*name = buf_detach(&b);
	return *s == q ? s + 1 : s;
}

/* "Duplicate entry '...' for key 'name'" (MySQL 8: 'table.name'). */
static void
my_attr_duplicate(struct dberror *err, const char *msg, const char *sql)
{
	const char	*p, *found = NULL;
	char		*key = NULL, *dot;

	for (p = msg; (p = strstr(p, " for key '")) != NULL; p++)
		found = p;
	if (found == NULL || my_quoted(found + 9, '\'', &key) == NULL)
		return;
	dot = strchr(key, '.');
	if (dot != NULL) {
		*dot = '\0';
		dberror_set_target(err, key, dot + 1, NULL);
	} else {
		dberror_set_target(err, NULL, key, NULL);
		dberror_guess_target(err, sql, 0);
	}
	free(key);
}

/*
 * At "`db`.`t`": the table into *table (caller frees); returns the text
 * after it, or NULL if the text is not that.
 */
static const char *
my_db_table(const char *p, char **table)
{
	char	*db = NULL;

	p = my_quoted(p, '`', &db);
	free(db);
	if (p == NULL || *p != '.')
		return NULL;
	return my_quoted(p + 1, '`', table);
}

/*
 * The table and constraint a message named, where a column's CHECK is
 * called "t.c" on MariaDB; if it named neither, the statement's table.
 */
static void
my_attr_named(struct dberror *err, const char *table, const char *name,
    const char *sql, int fk)
{
	size_t	n;

	if (table == NULL || name == NULL) {
		dberror_guess_target(err, sql, fk);
		return;
	}
	n = strlen(table);
	if (strncmp(name, table, n) == 0 && name[n] == '.')
		name += n + 1;
	dberror_set_target(err, table, name, NULL);
}

/*
 * "... a foreign key constraint fails (`db`.`t`, CONSTRAINT `fk` ...":
 * both the child's and the parent's error name the child table.
 */
static void
my_attr_fk(struct dberror *err, const char *msg, const char *sql)
{
	const char	*p;
	char		*table = NULL, *name = NULL;

	p = strstr(msg, "fails (`");
	if (p != NULL)
		p = my_db_table(p + 7, &table);
	if (p != NULL && strncmp(p, ", CONSTRAINT ", 13) == 0)
		my_quoted(p + 13, '`', &name);
	my_attr_named(err, table, name, sql, 1);
	free(table);
	free(name);
}

/* MariaDB's CHECK: "CONSTRAINT `name` failed for `db`.`t`". */
static void
my_attr_check(struct dberror *err, const char *msg, const char *sql)
{
	const char	*p;
	char		*table = NULL, *name = NULL;

	p = strstr(msg, "CONSTRAINT `");
	if (p != NULL)
		p = my_quoted(p + 11, '`', &name);
	if (p != NULL)
		p = strstr(p, " failed for `");
	if (p != NULL)
		my_db_table(p + 12, &table);
	my_attr_named(err, table, name, sql, 0);
	free(table);
	free(name);
}

/* "Column 'c' cannot be null", "Field 'c' doesn't have a default value". */
static void
my_attr_column(struct dberror *err, const char *msg, const char *sql)
{
	const char	*p;
	char		*column = NULL;

	p = strchr(msg, '\'');
	if (p == NULL || my_quoted(p, '\'', &column) == NULL)
		return;
	dberror_set_target(err, NULL, NULL, column);
	free(column);
	dberror_guess_target(err, sql, 0);
}

/* "Check constraint 'name' is violated." (MySQL 8: no table). */
static void
my_attr_check8(struct dberror *err, const char *msg, const char *sql)
{
	const char	*p;
	char		*name = NULL;

	p = strchr(msg, '\'');
	if (p == NULL || my_quoted(p, '\'', &name) == NULL)
		return;
	dberror_set_target(err, NULL, name, NULL);
	free(name);
	dberror_guess_target(err, sql, 0);
}

/*
 * Fill what the statement sql violated from the message of native
 * error errnum.
 */
void
catalog_mysql_attribute(struct dberror *err, unsigned int errnum,
    const char *sql)
{
	const char	*msg = err->message != NULL ? err->message : "";

	switch (errnum) {
	case 1062:	/* ER_DUP_ENTRY */
	case 1586:	/* ER_DUP_ENTRY_WITH_KEY_NAME */
		my_attr_duplicate(err, msg, sql);
		break;
	case 1216:	/* ER_NO_REFERENCED_ROW */
	case 1217:	/* ER_ROW_IS_REFERENCED */
	case 1451:	/* ER_ROW_IS_REFERENCED_2 */
	case 1452:	/* ER_NO_REFERENCED_ROW_2 */
		my_attr_fk(err, msg, sql);
		break;
	case 4025:	/* MariaDB ER_CONSTRAINT_FAILED */
		my_attr_check(err, msg, sql);
		break;
	case 3819:	/* MySQL 8 ER_CHECK_CONSTRAINT_VIOLATED */
		my_attr_check8(err, msg, sql);
		break;
	case 1048:	/* ER_BAD_NULL_ERROR */
	case 1364:	/* ER_NO_DEFAULT_FOR_FIELD */
		my_attr_column(err, msg, sql);
		break;
	default:
		break;
	}
}

/*
 * The schema fingerprint: each query gives one text column, one fact a
 * row, for the current database (DATABASE()).  Names are not qualified:
 * the database name is cut out of view definitions, so that two scratch
 * databases compare equal.
 */
#define MY_FP_DB	"TABLE_SCHEMA = DATABASE()"

static const char *const my_fp_queries[] = {
	/* Tables and views (with their query). */
	"SELECT CONCAT('table ', TABLE_NAME) FROM information_schema.TABLES "
	"WHERE " MY_FP_DB " AND TABLE_TYPE = 'BASE TABLE'",
	"SELECT CONCAT('view ', TABLE_NAME, ': ', REPLACE(VIEW_DEFINITION, "
	"CONCAT('`', DATABASE(), '`.'), '')) FROM information_schema.VIEWS "
	"WHERE " MY_FP_DB,
	/* Columns: type, NOT NULL, default, auto_increment, generated. */
	"SELECT CONCAT('column ', c.TABLE_NAME, '.', c.COLUMN_NAME, ': ', "
	"c.COLUMN_TYPE, IF(c.IS_NULLABLE = 'NO', ' not null', ''), "
	"IF(c.COLUMN_DEFAULT IS NULL OR c.COLUMN_DEFAULT = 'NULL', '', "
	"CONCAT(' default ', c.COLUMN_DEFAULT)), IF(c.EXTRA = '', '', "
	"CONCAT(' ', LOWER(c.EXTRA))), IF(c.GENERATION_EXPRESSION IS NULL OR "
	"c.GENERATION_EXPRESSION = '', '', CONCAT(' as (', "
	"c.GENERATION_EXPRESSION, ')'))) FROM information_schema.COLUMNS c "
	"JOIN information_schema.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA "
	"AND t.TABLE_NAME = c.TABLE_NAME WHERE c." MY_FP_DB " AND "
	"t.TABLE_TYPE = 'BASE TABLE'",
	/* Indexes, the primary key and unique constraints among them. */
	"SELECT CONCAT(IF(INDEX_NAME = 'PRIMARY', 'primary key', "
	"CONCAT('index ', INDEX_NAME)), ' on ', TABLE_NAME, ': ', "
	"IF(NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY', 'unique ', ''), "
	"IF(INDEX_TYPE = 'BTREE', '', CONCAT(LOWER(INDEX_TYPE), ' ')), '(', "
	"GROUP_CONCAT(CONCAT(COALESCE(COLUMN_NAME, '?'), IF(SUB_PART IS NULL, "
	"'', CONCAT('(', SUB_PART, ')')), IF(COLLATION = 'D', ' desc', '')) "
	"ORDER BY SEQ_IN_INDEX SEPARATOR ', '), ')') "
	"FROM information_schema.STATISTICS WHERE " MY_FP_DB " "
	"GROUP BY TABLE_NAME, INDEX_NAME, NON_UNIQUE, INDEX_TYPE",
	/* Foreign keys. */
	"SELECT CONCAT('foreign key ', r.CONSTRAINT_NAME, ' on ', "
	"r.TABLE_NAME, ': (', GROUP_CONCAT(k.COLUMN_NAME ORDER BY "
	"k.ORDINAL_POSITION SEPARATOR ', '), ') references ', "
	"r.REFERENCED_TABLE_NAME, ' (', GROUP_CONCAT(k.REFERENCED_COLUMN_NAME "
	"ORDER BY k.ORDINAL_POSITION SEPARATOR ', '), ') on update ', "
	"LOWER(r.UPDATE_RULE), ' on delete ', LOWER(r.DELETE_RULE)) "
	"FROM information_schema.REFERENTIAL_CONSTRAINTS r "
	"JOIN information_schema.KEY_COLUMN_USAGE k ON "
	"k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND "
	"k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME "
	"WHERE r.CONSTRAINT_SCHEMA = DATABASE() GROUP BY r.CONSTRAINT_NAME, "
	"r.TABLE_NAME, r.REFERENCED_TABLE_NAME, r.UPDATE_RULE, r.DELETE_RULE",
	/* Triggers and routines. */
	"SELECT CONCAT('trigger ', TRIGGER_NAME, ' on ', EVENT_OBJECT_TABLE, "
	"': ', LOWER(ACTION_TIMING), ' ', LOWER(EVENT_MANIPULATION), ' ', "
	"ACTION_STATEMENT) FROM information_schema.TRIGGERS WHERE "
	"TRIGGER_SCHEMA = DATABASE()",
	"SELECT CONCAT(LOWER(ROUTINE_TYPE), ' ', ROUTINE_NAME, ': body md5 ', "
	"MD5(COALESCE(ROUTINE_DEFINITION, ''))) FROM "
	"information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE()",
	NULL
};

/*
 * CHECK constraints: MariaDB names the table in CHECK_CONSTRAINTS (its
 * automatic names, CONSTRAINT_1, repeat from table to table); MySQL 8
 * does not, but its check names are unique in the database.
 */
static const char my_fp_checks_mariadb[] =
	"SELECT CONCAT('check ', CONSTRAINT_NAME, ' on ', TABLE_NAME, ': ', "
	"CHECK_CLAUSE) FROM information_schema.CHECK_CONSTRAINTS WHERE "
	"CONSTRAINT_SCHEMA = DATABASE()";
static const char my_fp_checks_mysql[] =
	"SELECT CONCAT('check ', t.CONSTRAINT_NAME, ' on ', t.TABLE_NAME, "
	"': ', c.CHECK_CLAUSE) FROM information_schema.TABLE_CONSTRAINTS t "
	"JOIN information_schema.CHECK_CONSTRAINTS c ON "
	"c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND "
	"c.CONSTRAINT_NAME = t.CONSTRAINT_NAME WHERE t." MY_FP_DB " AND "
	"t.CONSTRAINT_TYPE = 'CHECK'";

/*
 * Run one fingerprint query and append its rows to out, one a line, with
 * white space runs (new lines too) made one space.  0, or -1 with the
 * error left in mysql_error().
 */
static int
my_fp_query(MYSQL *m, const char *sql, struct buf *out)
{
	MYSQL_RES	*res;
	MYSQL_ROW	 row;
	const char	*s;
	int		 space;

	if (mysql_real_query(m, sql, strlen(sql)) != 0 ||
	    (res = mysql_store_result(m)) == NULL)
		return -1;
	while ((row = mysql_fetch_row(res)) != NULL) {
		if (row[0] == NULL)
			continue;
		for (s = row[0], space = 0; *s != '\0'; s++) {
			if (isspace((unsigned char)*s)) {
				space = 1;
				continue;
			}
			if (space)
				buf_addc(out, ' ');
			space = 0;
			buf_addc(out, *s);
		}
		buf_addc(out, '\n');
	}
	mysql_free_result(res);
	return 0;
}

/*
 * The schema of session m's current database as canonical lines (see
 * my_fp_queries), appended to out.  0, or -1 with *cause.
 */
int
catalog_mysql_fingerprint(MYSQL *m, struct buf *out, char **cause)
{
	size_t	i;

	for (i = 0; my_fp_queries[i] != NULL; i++) {
		if (my_fp_query(m, my_fp_queries[i], out) != 0)
			goto fail;
	}
	if (my_fp_query(m, my_fp_checks_mariadb, out) != 0 &&
	    (mysql_errno(m) != 1054 ||
	    my_fp_query(m, my_fp_checks_mysql, out) != 0))
		goto fail;
	return 0;

fail:
	*cause = xprintf("cannot read the schema: %s", mysql_error(m));
	return -1;
}
