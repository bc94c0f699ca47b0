/*
 * make-schema.c: the tables "-- make:" fills, as the catalog says at that
 * point of the file.  Reads no catalog of its own: the constraints come
 * from the driver's constraints slot (what --coverage reads) and the
 * columns, their types, NOT NULL and defaults from its fingerprint slot
 * (what the migration check reads), "column T.C: TYPE [not null]
 * [default X | generated ...]" lines, and PostgreSQL's "type T: enum
 * (...)" lines.  The schema owns everything; make_schema_free frees it.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "make.h"

static int
make_same(const struct make_schema *ms, const char *a, const char *b)
{
	return ms->nocase ? strcasecmp(a, b) == 0 : strcmp(a, b) == 0;
}

struct make_table *
make_table_find(struct make_schema *ms, const char *name)
{
	size_t	i;

	for (i = 0; i < ms->ntables; i++) {
		if (make_same(ms, ms->tables[i].name, name))
			return &ms->tables[i];
	}
	return NULL;
}

/* Column names compare without case on every engine: SQL folds them. */
struct make_column *
make_column_find(struct make_table *t, const char *name)
{
	size_t	i;

	for (i = 0; i < t->ncols; i++) {
		if (strcasecmp(t->cols[i].name, name) == 0)
			return &t->cols[i];
	}
	return NULL;
}

static struct make_table *
make_table_add(struct make_schema *ms, const char *name)
{
	struct make_table	*t;

	if ((t = make_table_find(ms, name)) != NULL)
		return t;
	ms->tables = xreallocarray(ms->tables, ms->ntables + 1,
	    sizeof *ms->tables);
	t = &ms->tables[ms->ntables++];
	memset(t, 0, sizeof *t);
	t->name = xstrdup(name);
	return t;
}

/* Where the type ends in the rest of a column line. */
static size_t
make_type_end(const char *rest)
{
	static const char *const marks[] = {
		" collate ", " not null", " default ", " generated",
		" auto_increment", " as (", " on update ", " virtual",
		" stored", " invisible", " default_generated", NULL
	};
	const char *const	*m;
	const char		*at;
	size_t			 end = strlen(rest);

	for (m = marks; *m != NULL; m++) {
		at = strstr(rest, *m);
		if (at != NULL && (size_t)(at - rest) < end)
			end = (size_t)(at - rest);
	}
	return end;
}

/* The SQL string literals of a list such as "('a', 'b')" into labels. */
static void
make_labels(const char *s, char ***labels, size_t *n)
{
	struct lex_token	t;
	char		*lit;

	for (s = sqlscan_next(s, &t); t.kind != LEX_END;
	    s = sqlscan_next(s, &t)) {
		if (t.kind != LEX_STRING)
			continue;
		lit = xstrndup(t.start, t.len);
		str_list_add(labels, n, lit);
		free(lit);
	}
}

/* The number in parentheses after the type's name, or 0. */
static int
make_type_arg(const char *type, int which)
{
	const char	*p = strchr(type, '(');

	if (p == NULL)
		return 0;
	p++;
	if (which == 1 && (p = strchr(p, ',')) != NULL)
		p++;
	return p != NULL ? atoi(p) : 0;
}

/* The range of an integer type of the engines. */
static void
make_int_range(struct make_column *c)
{
	int64_t	max = INT64_C(9223372036854775807);

	if (strstr(c->type, "tinyint") != NULL)
		max = strstr(c->type, "unsigned") != NULL ? 255 : 127;
	else if (strstr(c->type, "smallint") != NULL)
		max = 32767;
	else if (strstr(c->type, "mediumint") != NULL)
		max = 8388607;
	else if (strstr(c->type, "bigint") == NULL &&
	    (strcmp(c->type, "integer") == 0 || strncmp(c->type, "int", 3) ==
	    0 || strstr(c->type, "serial") != NULL))
		max = 2147483647;
	c->lo = -max;
	c->hi = max;
}

/* The numeric(p, s) range: fewer than p - s digits before the point. */
static void
make_numeric_range(struct make_column *c)
{
	int	p = make_type_arg(c->type, 0), i;

	c->scale = make_type_arg(c->type, 1);
	c->lo = -INT64_C(999999999999);
	c->hi = INT64_C(999999999999);
	if (p > 0 && p - c->scale < 12) {
		for (c->hi = 1, i = 0; i < p - c->scale; i++)
			c->hi *= 10;
		c->hi--;
		c->lo = -c->hi;
	}
}

/* The class of a type, read the way the engines read type names. */
static void
make_classify(struct make_schema *ms, struct make_column *c)
{
	const char	*t = c->type;
	char		*line;
	size_t		 i, n;

	c->lo = -INT64_C(999999999999);
	c->hi = INT64_C(999999999999);
	if (strncmp(t, "enum(", 5) == 0 || strncmp(t, "enum (", 6) == 0) {
		c->cls = MAKE_ENUM;
		make_labels(t + 4, &c->labels, &c->nlabels);
		return;
	}
	for (i = 0; i < ms->nenums; i++) {
		line = ms->enums[i] + 5;
		n = strcspn(line, ":");
		if (n == strlen(t) && strncmp(line, t, n) == 0) {
			c->cls = MAKE_ENUM;
			make_labels(line + n, &c->labels, &c->nlabels);
			return;
		}
	}
	if (strncmp(t, "bool", 4) == 0 || strcmp(t, "tinyint(1)") == 0)
		c->cls = MAKE_BOOL;
	else if (strstr(t, "int") != NULL && strstr(t, "interval") == NULL &&
	    strstr(t, "point") == NULL) {
		c->cls = MAKE_INT;
		make_int_range(c);
	} else if (strncmp(t, "serial", 6) == 0 ||
	    strncmp(t, "bigserial", 9) == 0) {
		c->cls = MAKE_INT;
		make_int_range(c);
	} else if (strncmp(t, "numeric", 7) == 0 ||
	    strncmp(t, "decimal", 7) == 0) {
		c->cls = MAKE_NUMERIC;
		make_numeric_range(c);
	} else if (strstr(t, "real") != NULL || strstr(t, "floa") != NULL ||
	    strstr(t, "doub") != NULL)
		c->cls = MAKE_FLOAT;
	else if (strncmp(t, "timestamp", 9) == 0 ||
	    strncmp(t, "datetime", 8) == 0)
		c->cls = MAKE_TIMESTAMP;
	else if (strncmp(t, "date", 4) == 0)
		c->cls = MAKE_DATE;
	else if (strncmp(t, "time", 4) == 0)
		c->cls = MAKE_TIME;
	else if (strcmp(t, "uuid") == 0)
		c->cls = MAKE_UUID;
	else if (strncmp(t, "json", 4) == 0)
		c->cls = MAKE_JSON;
	else {
		c->cls = MAKE_TEXT;
		if (strstr(t, "char") != NULL)
			c->len = make_type_arg(t, 0);
	}
}

/* A "column T.C: REST" line (line points past "column "). */
static void
make_column_line(struct make_schema *ms, const char *line)
{
	struct make_table	*t;
	struct make_column	*c;
	const char		*colon, *dot, *rest;
	char			*table, *lower;
	size_t			 i;

	colon = strstr(line, ": ");
	if (colon == NULL)
		return;
	for (dot = colon; dot > line && *dot != '.'; dot--)
		;
	if (dot == line)
		return;
	table = xstrndup(line, (size_t)(dot - line));
	t = make_table_add(ms, table);
	free(table);
	t->cols = xreallocarray(t->cols, t->ncols + 1, sizeof *t->cols);
	c = &t->cols[t->ncols++];
	memset(c, 0, sizeof *c);
	c->fk = -1;
	c->name = xstrndup(dot + 1, (size_t)(colon - dot - 1));
	rest = colon + 2;
	lower = xstrdup(rest);
	for (i = 0; lower[i] != '\0'; i++)
		lower[i] = (char)tolower((unsigned char)lower[i]);
	c->type = xstrndup(lower, make_type_end(lower));
	c->notnull = strstr(lower + strlen(c->type), " not null") != NULL;
	c->engine_fills = strstr(lower + strlen(c->type), " default ") !=
	    NULL || strstr(lower + strlen(c->type), " generated") != NULL ||
	    strstr(lower + strlen(c->type), " auto_increment") != NULL ||
	    strstr(lower + strlen(c->type), " as (") != NULL;
	free(lower);
	make_classify(ms, c);
	c->named = make_name_kind(c->name);
}

static int
make_column_cmp(const void *a, const void *b)
{
	const struct make_column *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
make_fk_cmp(const void *a, const void *b)
{
	const struct make_fk *x = a, *y = b;

	return strcasecmp(x->cols[0], y->cols[0]);
}

/*
 * Foreign keys in the order of their first column's name, whatever
 * order the catalog gives them in, so that every engine makes the same
 * parents.
 */
static void
make_sort_fks(struct make_table *t)
{
	size_t	i, j, k;

	sort_array(t->fks, t->nfks, sizeof *t->fks, make_fk_cmp);
	for (i = 0; i < t->ncols; i++)
		t->cols[i].fk = -1;
	for (i = 0; i < t->nfks; i++) {
		for (j = 0; j < t->fks[i].n; j++) {
			for (k = 0; k < t->ncols; k++) {
				if (strcasecmp(t->cols[k].name,
				    t->fks[i].cols[j]) != 0)
					continue;
				t->cols[k].fk = (int)i;
				t->cols[k].fk_col = (int)j;
				if (j == 0)
					t->fks[i].first = k;
			}
		}
	}
}

/* Read the fingerprint's columns and enum types into ms. */
static int
make_read_columns(struct conn *conn, struct make_schema *ms, char **cause)
{
	struct buf	 fp;
	char		*line, *next;
	size_t		 i;

	buf_init(&fp);
	if (conn->drv->fingerprint(conn, &fp, cause) != 0) {
		buf_free(&fp);
		return -1;
	}
	for (line = fp.data; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strncmp(line, "type ", 5) == 0 &&
		    strstr(line, ": enum (") != NULL)
			str_list_add(&ms->enums, &ms->nenums, line);
	}
	for (line = fp.data; line != NULL && line < fp.data + fp.len;
	    line += strlen(line) + 1) {
		if (strncmp(line, "column ", 7) == 0)
			make_column_line(ms, line + 7);
	}
	buf_free(&fp);
	for (i = 0; i < ms->ntables; i++)
		sort_array(ms->tables[i].cols, ms->tables[i].ncols,
		    sizeof *ms->tables[i].cols, make_column_cmp);
	return 0;
}

/* A foreign key onto its table. */
static void
make_add_fk(struct make_schema *ms, struct make_table *t,
    const struct constraint *k)
{
	struct make_table	*parent;
	struct make_fk		*fk;
	struct make_column	*c;
	size_t			 i;

	parent = make_table_find(ms, k->ref_table);
	t->fks = xreallocarray(t->fks, t->nfks + 1, sizeof *t->fks);
	fk = &t->fks[t->nfks];
	memset(fk, 0, sizeof *fk);
	fk->parent = xstrdup(parent != NULL ? parent->name : k->ref_table);
	for (i = 0; i < k->ncolumns; i++) {
		str_list_add(&fk->cols, &fk->n, k->columns[i]);
		fk->n--;
		if (i < k->nref_columns)
			str_list_add(&fk->pcols, &fk->n, k->ref_columns[i]);
		else
			str_list_add(&fk->pcols, &fk->n, "?");
		c = make_column_find(t, k->columns[i]);
		if (c != NULL) {
			c->fk = (int)t->nfks;
			if (!c->notnull)
				fk->nullable = 1;
		}
	}
	t->nfks++;
}

/* A primary key or UNIQUE constraint (not one on an expression). */
static void
make_add_key(struct make_table *t, const struct constraint *k)
{
	struct make_key		 key;
	struct make_column	*c;
	size_t			 i;

	key.cols = xcalloc(k->ncolumns + 1, sizeof *key.cols);
	key.n = 0;
	for (i = 0; i < k->ncolumns; i++) {
		if ((c = make_column_find(t, k->columns[i])) == NULL) {
			free(key.cols);
			return;
		}
		c->key = 1;
		key.cols[key.n++] = (size_t)(c - t->cols);
	}
	t->keys = xreallocarray(t->keys, t->nkeys + 1, sizeof *t->keys);
	t->keys[t->nkeys++] = key;
}

/* Keys and CHECKs of a table from the driver's constraints. */
static void
make_add_constraint(struct make_schema *ms, const struct constraint *k,
    struct constraint_list *all)
{
	struct make_table	*t = make_table_find(ms, k->table);
	struct make_column	*c;
	size_t			 i;

	(void)all;
	if (t == NULL)
		return;
	switch (k->kind) {
	case CONSTRAINT_PRIMARY_KEY:
	case CONSTRAINT_UNIQUE:
		make_add_key(t, k);
		break;
	case CONSTRAINT_FOREIGN_KEY:
		make_add_fk(ms, t, k);
		break;
	case CONSTRAINT_CHECK:
		t->checks = xreallocarray(t->checks, t->nchecks + 1,
		    sizeof *t->checks);
		t->checks[t->nchecks].name = xstrdup(k->name != NULL ?
		    k->name : "");
		t->checks[t->nchecks].expr = xstrdup(k->expr != NULL ?
		    k->expr : "");
		t->checks[t->nchecks].column = k->ncolumns > 0 ?
		    xstrdup(k->columns[0]) : NULL;
		t->checks[t->nchecks].readable = 0;
		t->nchecks++;
		break;
	case CONSTRAINT_NOT_NULL:
		for (i = 0; i < k->ncolumns; i++) {
			if ((c = make_column_find(t, k->columns[i])) != NULL)
				c->notnull = 1;
		}
		break;
	default:
		break;
	}
}

/*
 * Parent columns a foreign key leaves out are the parent's primary key
 * (SQLite's REFERENCES p without columns).
 */
static void
make_fk_parent_columns(struct make_schema *ms, struct constraint_list *cl)
{
	struct make_table	*t;
	struct make_fk		*fk;
	size_t			 i, j, k;

	for (i = 0; i < ms->ntables; i++) {
		t = &ms->tables[i];
		for (j = 0; j < t->nfks; j++) {
			fk = &t->fks[j];
			if (strcmp(fk->pcols[0], "?") != 0)
				continue;
			for (k = 0; k < cl->n; k++) {
				if (cl->items[k].kind == CONSTRAINT_PRIMARY_KEY
				    && make_same(ms, cl->items[k].table,
				    fk->parent) &&
				    cl->items[k].ncolumns == fk->n)
					break;
			}
			if (k == cl->n)
				continue;
			str_list_free(fk->pcols, fk->n);
			fk->pcols = NULL;
			for (fk->n = 0; fk->n < cl->items[k].ncolumns;)
				str_list_add(&fk->pcols, &fk->n,
				    cl->items[k].columns[fk->n]);
		}
	}
}

/*
 * Read the tables of the session's database into ms (zeroed by the
 * caller): their columns, keys, foreign keys and CHECKs, the CHECKs
 * applied to the columns.  0, or -1 with *cause.
 */
int
make_schema_read(struct conn *conn, struct make_schema *ms, char **cause)
{
	struct constraint_list	 cl;
	size_t			 i, j;

	memset(&cl, 0, sizeof cl);
	ms->nocase = (conn->drv->flags & DRIVER_NAMES_NOCASE) != 0;
	if (conn->drv->fingerprint == NULL || conn->drv->constraints == NULL) {
		*cause = xprintf("the %s driver cannot read the catalog that "
		    "\"-- make:\" needs", conn->drv->name);
		return -1;
	}
	if (make_read_columns(conn, ms, cause) != 0)
		return -1;
	if (conn->drv->constraints(conn, &cl, cause) != 0) {
		constraint_list_free(&cl);
		return -1;
	}
	for (i = 0; i < cl.n; i++)
		make_add_constraint(ms, &cl.items[i], &cl);
	make_fk_parent_columns(ms, &cl);
	constraint_list_free(&cl);
	for (i = 0; i < ms->ntables; i++) {
		make_sort_fks(&ms->tables[i]);
		ms->tables[i].hash = make_hash_base(ms->tables[i].name, "");
		for (j = 0; j < ms->tables[i].ncols; j++)
			ms->tables[i].cols[j].hash = make_hash_base(
			    ms->tables[i].name, ms->tables[i].cols[j].name);
		for (j = 0; j < ms->tables[i].nchecks; j++)
			ms->tables[i].checks[j].readable = make_check_apply(
			    &ms->tables[i], ms->tables[i].checks[j].expr,
			    lex_rules(conn->drv->name));
	}
	return 0;
}

void
make_schema_free(struct make_schema *ms)
{
	struct make_table	*t;
	size_t			 i, j;

	for (i = 0; i < ms->ntables; i++) {
		t = &ms->tables[i];
		for (j = 0; j < t->ncols; j++) {
			free(t->cols[j].name);
			free(t->cols[j].type);
			str_list_free(t->cols[j].labels, t->cols[j].nlabels);
		}
		free(t->cols);
		for (j = 0; j < t->nfks; j++) {
			str_list_free(t->fks[j].cols, t->fks[j].n);
			str_list_free(t->fks[j].pcols, t->fks[j].n);
			free(t->fks[j].parent);
			str_list_free(t->fks[j].rows,
			    t->fks[j].nrows * t->fks[j].n);
		}
		free(t->fks);
		for (j = 0; j < t->nchecks; j++) {
			free(t->checks[j].name);
			free(t->checks[j].expr);
			free(t->checks[j].column);
		}
		free(t->checks);
		for (j = 0; j < t->nkeys; j++)
			free(t->keys[j].cols);
		free(t->keys);
		free(t->name);
	}
	free(ms->tables);
	str_list_free(ms->enums, ms->nenums);
	memset(ms, 0, sizeof *ms);
}
