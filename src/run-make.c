/*
 * run-make.c: "-- make: TABLE [N] [(col = expr, ...)]" on the file's
 * session, inside its transaction (rolled back with it).  Reads the
 * tables as they are now (make-schema.c), makes the parent rows that the
 * foreign keys need first (recursively; a cycle is broken with NULL
 * where a key column may be NULL, else it is an error that names it),
 * then inserts the rows in multi-row INSERTs.  Values are deterministic:
 * they depend on --seed, the table, the column and the row's number
 * (make-value.c).  A failure fails the file at the make line.
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "make.h"

#define MAKE_BATCH	500		/* rows an INSERT at most */
#define MAKE_PARENTS_MAX 100000		/* parent rows read at most */
#define MAKE_LOAD_ROWS	10000		/* rows a driver load at most */

/* One "-- make:" being run. */
struct make_run {
	struct run		*r;
	const struct record	*rec;
	struct make_schema	 schema;
	struct make_table	**stack;	/* tables being made, in order */
	size_t			 depth;
	char			*cause;		/* why it failed, owned */
	struct buf		 made;		/* "t: 3 rows, ..." */
	int			 mysql;
};

/* The plan for one table's rows. */
struct make_plan {
	struct make_table	*t;
	const struct make_spec	*spec;		/* overrides, or NULL */
	long			 count;
	int64_t			 before;	/* rows already there */
	int64_t			*next;		/* per column: key sequence */
	int			*use;		/* per column: in the INSERT */
	struct buf		 row0;		/* the first row made, shown */
	uint64_t		 person;	/* the hash of row person_row */
	int64_t			 person_row;
};

static int	make_rows(struct make_run *, struct make_table *, long,
		    const struct make_spec *);

/* An identifier, quoted as the engine quotes (a.b: each part). */
static void
make_ident(struct make_run *mr, struct buf *b, const char *name)
{
	char		 q = mr->mysql ? '`' : '"';
	const char	*s;

	buf_addc(b, q);
	for (s = name; *s != '\0'; s++) {
		if (*s == q)
			buf_addc(b, q);
		buf_addc(b, *s);
	}
	buf_addc(b, q);
}

/* A table name: schema-qualified ones ("s.t") quoted part by part. */
static void
make_table_ident(struct make_run *mr, struct buf *b, const char *name)
{
	const char	*dot = strchr(name, '.');
	char		*schema;

	if (dot == NULL) {
		make_ident(mr, b, name);
		return;
	}
	schema = xstrndup(name, (size_t)(dot - name));
	make_ident(mr, b, schema);
	buf_addc(b, '.');
	make_ident(mr, b, dot + 1);
	free(schema);
}

/* Set the failure, formatted once; returns -1. */
static int
make_fail(struct make_run *mr, char *msg)
{
	if (mr->cause == NULL)
		mr->cause = msg;
	else
		free(msg);
	return -1;
}

/* Run sql (logged as what) into res; -1 with the failure set. */
static int
make_query(struct make_run *mr, const char *sql, const char *what,
    struct result *res)
{
	struct send_at	 at;
	struct dberror	 err;
	int		 rc;

	memset(&at, 0, sizeof at);
	at.path = mr->rec->path;
	at.line = mr->rec->line;
	at.logged = what;
	dberror_init(&err);
	rc = send_stmt(mr->r->conn, &at, sql, NULL, res, &err);
	if (rc != 0) {
		if (err.lost)
			run_lost(mr->r, &err);
		make_fail(mr, xprintf("%s: %s", what, err.message != NULL ?
		    err.message : "failed"));
	}
	dberror_clear(&err);
	return rc;
}

/* The parent rows a foreign key can point at, in key order. */
static int
make_load_parents(struct make_run *mr, struct make_fk *fk)
{
	struct result	 res;
	struct buf	 sql;
	size_t		 i;
	int		 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < fk->n; i++) {
		if (i > 0)
			buf_adds(&sql, ", ");
		make_ident(mr, &sql, fk->pcols[i]);
	}
	buf_adds(&sql, " FROM ");
	make_table_ident(mr, &sql, fk->parent);
	for (i = 0; i < fk->n; i++) {
		buf_adds(&sql, i == 0 ? " WHERE " : " AND ");
		make_ident(mr, &sql, fk->pcols[i]);
		buf_adds(&sql, " IS NOT NULL");
	}
	buf_adds(&sql, " ORDER BY ");
	for (i = 0; i < fk->n; i++) {
		if (i > 0)
			buf_adds(&sql, ", ");
		make_ident(mr, &sql, fk->pcols[i]);
	}
	buf_printf(&sql, " LIMIT %d", MAKE_PARENTS_MAX);
	result_init(&res);
	rc = make_query(mr, sql.data, "-- make: reading parent rows", &res);
	buf_free(&sql);
	if (rc == 0) {
		str_list_free(fk->rows, fk->nrows * fk->n);
		fk->rows = xcalloc(res.ncells + 1, sizeof *fk->rows);
		for (i = 0; i < res.ncells; i++)
			fk->rows[i] = xstrdup(res.cells[i] != NULL ?
			    res.cells[i] : "");
		fk->nrows = res.nrows;
	}
	result_clear(&res);
	return rc;
}

/* 1 if a table on the stack is reachable from t by foreign keys. */
static int
make_reaches(struct make_run *mr, struct make_table *t)
{
	struct make_table	*p;
	size_t			 i;
	int			 found = 0;

	if (t->made)
		return 1;
	if (t->seen)
		return 0;
	t->seen = 1;
	for (i = 0; i < t->nfks && !found; i++) {
		p = make_table_find(&mr->schema, t->fks[i].parent);
		if (p != NULL && p != t)
			found = make_reaches(mr, p);
	}
	t->seen = 0;
	return found;
}

/* The cycle that reaches back to parent, as "a -> b -> a". */
static char *
make_cycle(struct make_run *mr, struct make_table *parent)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < mr->depth && mr->stack[i] != parent; i++)
		;
	for (; i < mr->depth; i++)
		buf_printf(&b, "%s -> ", mr->stack[i]->name);
	buf_adds(&b, parent->name);
	return buf_detach(&b);
}

/*
 * How many parents a foreign key needs: one, or for the last of the
 * in-key foreign keys, enough for a distinct combination a row.
 */
static size_t
make_parents_needed(struct make_plan *pl, struct make_fk *fk)
{
	struct make_table	*t = pl->t;
	uint64_t		 others = 1;
	size_t			 i;

	if (!fk->in_key)
		return 1;
	for (i = 0; i < t->nfks; i++) {
		if (&t->fks[i] == fk || !t->fks[i].in_key || t->fks[i].skip ||
		    t->fks[i].null)
			continue;
		if (&t->fks[i] > fk)
			return 1;
		others *= t->fks[i].nrows > 0 ? t->fks[i].nrows : 1;
	}
	return (size_t)(((uint64_t)pl->before + (uint64_t)pl->count +
	    others - 1) / others);
}

/*
 * The parents of one foreign key of the plan's table: read them, and
 * make what is missing first.  0, or -1 with the failure set.
 */
static int
make_fk_parents(struct make_run *mr, struct make_plan *pl, struct make_fk *fk)
{
	struct make_table	*t = pl->t, *parent;
	size_t			 need;
	char			*cycle;

	parent = make_table_find(&mr->schema, fk->parent);
	if (parent == NULL)
		return make_fail(mr, xprintf("-- make: %s: the parent table "
		    "%s of its foreign key (%s) is not in the catalog",
		    t->name, fk->parent, fk->cols[0]));
	if (make_load_parents(mr, fk) != 0)
		return -1;
	need = make_parents_needed(pl, fk);
	if (fk->nrows >= need)
		return 0;
	if (parent == t || parent->made || (fk->nullable &&
	    make_reaches(mr, parent))) {
		if (fk->nrows > 0 && !fk->in_key)
			return 0;
		if (fk->nullable) {
			fk->null = 1;
			return 0;
		}
		cycle = make_cycle(mr, parent);
		make_fail(mr, xprintf("-- make: %s: the foreign keys form a "
		    "cycle that no NULL can break: %s (make a key column "
		    "nullable, insert a row first, or set %s in the make "
		    "line)", t->name, cycle, fk->cols[0]));
		free(cycle);
		return -1;
	}
	if (make_rows(mr, parent, (long)(need - fk->nrows), NULL) != 0)
		return -1;
	return make_load_parents(mr, fk);
}

/* The override of column c in the spec, or NULL. */
static const char *
make_override_of(const struct make_spec *spec, const struct make_column *c)
{
	size_t	i;

	for (i = 0; spec != NULL && i < spec->ncols; i++) {
		if (strcasecmp(spec->cols[i], c->name) == 0)
			return spec->exprs[i];
	}
	return NULL;
}

/*
 * The keys that no column of their own makes distinct (each of their
 * columns is in a foreign key or set by the make line) need distinct
 * parents: their foreign keys are marked in_key.
 */
static void
make_mark_keys(struct make_plan *pl)
{
	struct make_table	*t = pl->t;
	struct make_column	*c;
	size_t			 i, j;
	int			 distinct;

	for (i = 0; i < t->nkeys; i++) {
		distinct = 0;
		for (j = 0; j < t->keys[i].n && !distinct; j++) {
			c = &t->cols[t->keys[i].cols[j]];
			distinct = c->override == NULL && (c->engine_fills ||
			    (c->fk < 0 && c->cls != MAKE_BOOL &&
			    c->nlabels == 0));
		}
		for (j = 0; j < t->keys[i].n && !distinct; j++) {
			c = &t->cols[t->keys[i].cols[j]];
			if (c->fk >= 0 && c->override == NULL)
				t->fks[c->fk].in_key = 1;
		}
	}
}

/* The rows already there and the first number of each key sequence. */
static int
make_sequences(struct make_run *mr, struct make_plan *pl)
{
	struct make_table	*t = pl->t;
	struct make_column	*c;
	struct result		 res;
	struct buf		 sql;
	size_t			 i, k;
	int			 rc;

	buf_init(&sql);
	buf_adds(&sql, "SELECT COUNT(*)");
	for (i = 0; i < t->ncols; i++) {
		c = &t->cols[i];
		if (c->key && (c->cls == MAKE_INT || c->cls == MAKE_NUMERIC ||
		    c->cls == MAKE_FLOAT)) {
			buf_adds(&sql, ", MAX(");
			make_ident(mr, &sql, c->name);
			buf_adds(&sql, ")");
		}
	}
	buf_adds(&sql, " FROM ");
	make_table_ident(mr, &sql, t->name);
	result_init(&res);
	rc = make_query(mr, sql.data, "-- make: counting rows", &res);
	buf_free(&sql);
	if (rc != 0 || res.nrows != 1) {
		result_clear(&res);
		return rc != 0 ? -1 : make_fail(mr, xprintf("-- make: cannot "
		    "count the rows of %s", t->name));
	}
	pl->before = strtoll(res.cells[0], NULL, 10);
	for (i = 0, k = 1; i < t->ncols; i++) {
		c = &t->cols[i];
		pl->next[i] = pl->before + 1;
		if (c->cls == MAKE_DATE || c->cls == MAKE_TIMESTAMP ||
		    c->cls == MAKE_TIME)
			pl->next[i] = pl->before;
		if (c->key && (c->cls == MAKE_INT || c->cls == MAKE_NUMERIC ||
		    c->cls == MAKE_FLOAT)) {
			pl->next[i] = res.cells[k] != NULL ?
			    strtoll(res.cells[k], NULL, 10) + 1 : 1;
			if (pl->next[i] < c->lo)
				pl->next[i] = c->lo;
			k++;
		}
	}
	result_clear(&res);
	return 0;
}

/* The parent row index of row for foreign key fk (i: its index). */
static size_t
make_parent_index(struct make_run *mr, struct make_plan *pl, size_t i,
    int64_t row)
{
	struct make_table	*t = pl->t;
	struct make_fk		*fk = &t->fks[i];
	uint64_t		 n = (uint64_t)row;
	size_t			 j;

	if (!fk->in_key)
		return (size_t)(make_hash(t->cols[fk->first].hash,
		    mr->r->opts->seed, (uint64_t)row) % fk->nrows);
	/* Mixed radix over the in-key foreign keys, in order. */
	for (j = 0; j < i; j++) {
		if (t->fks[j].in_key && !t->fks[j].skip && !t->fks[j].null)
			n /= t->fks[j].nrows;
	}
	return (size_t)(n % fk->nrows);
}

/* Append column c's value for the plan's row (number row, i-th made). */
static void
make_cell(struct make_run *mr, struct make_plan *pl, size_t ci, long i,
    int64_t row, struct buf *b)
{
	struct make_table	*t = pl->t;
	struct make_column	*c = &t->cols[ci];
	struct make_fk		*fk;
	size_t			 p;

	if (c->override != NULL) {
		buf_adds(b, c->override);
		return;
	}
	if (c->fk >= 0 && !t->fks[c->fk].skip) {
		fk = &t->fks[c->fk];
		if (fk->null || fk->nrows == 0) {
			buf_adds(b, "NULL");
			return;
		}
		p = make_parent_index(mr, pl, (size_t)c->fk, row);
		make_literal(b, fk->rows[p * fk->n + (size_t)c->fk_col],
		    mr->mysql);
		return;
	}
	if (pl->person_row != row) {
		pl->person = make_hash(t->hash, mr->r->opts->seed,
		    (uint64_t)row);
		pl->person_row = row;
	}
	make_value(c, make_hash(c->hash, mr->r->opts->seed, (uint64_t)row),
	    pl->person, pl->next[ci] + i, b);
}

/* "INSERT INTO t (cols) VALUES" into b. */
static void
make_insert_head(struct make_run *mr, struct make_plan *pl, struct buf *b)
{
	size_t	i;
	int	first = 1;

	buf_adds(b, "INSERT INTO ");
	make_table_ident(mr, b, pl->t->name);
	buf_adds(b, " (");
	for (i = 0; i < pl->t->ncols; i++) {
		if (!pl->use[i])
			continue;
		if (!first)
			buf_adds(b, ", ");
		make_ident(mr, b, pl->t->cols[i].name);
		first = 0;
	}
	buf_adds(b, ") VALUES ");
}

/*
 * The row at sql->data + head (its values, up to the end) with the
 * names of its columns: "(a, b) = (1, 'x')", for messages.
 */
static void
make_first_row(struct make_run *mr, struct make_plan *pl,
    const struct buf *sql, size_t head, struct buf *first)
{
	size_t	i;
	int	n = 0;

	(void)mr;
	buf_addc(first, '(');
	for (i = 0; i < pl->t->ncols; i++) {
		if (pl->use[i])
			buf_printf(first, "%s%s", n++ > 0 ? ", " : "",
			    pl->t->cols[i].name);
	}
	buf_adds(first, ") = (");
	buf_add(first, sql->data + head, sql->len - head);
	buf_addc(first, ')');
}

/* Why the engine refused a batch, naming an unreadable CHECK. */
static int
make_refused(struct make_run *mr, struct make_plan *pl,
    const struct dberror *err, const char *row)
{
	struct make_table	*t = pl->t;
	struct make_check	*ck = NULL;
	char			*desc;
	size_t			 i;

	for (i = 0; i < t->nchecks && err->constraint != NULL; i++) {
		if (strcasecmp(t->checks[i].name, err->constraint) == 0)
			ck = &t->checks[i];
	}
	/* The load slots do not name it: the message does. */
	for (i = 0; i < t->nchecks && ck == NULL && err->message != NULL;
	    i++) {
		if (*t->checks[i].name != '\0' &&
		    strstr(err->message, t->checks[i].name) != NULL)
			ck = &t->checks[i];
	}
	desc = dberror_describe(err);
	if (ck != NULL && !ck->readable)
		make_fail(mr, xprintf("-- make: %s: CHECK constraint %s (%s) "
		    "refused the row made and \"-- make:\" cannot read it: "
		    "set its column in the make line, e.g. \"-- make: %s "
		    "(%s = ...)\"\nrow: %s\nengine: %s", t->name, ck->name,
		    ck->expr, t->name, ck->column != NULL ? ck->column :
		    "column", row, desc));
	else
		make_fail(mr, xprintf("-- make: %s: the engine refused the "
		    "row made: %s\nrow: %s", t->name, desc, row));
	free(desc);
	return -1;
}

/*
 * The value an SQL literal stands for, as text into out (what the
 * driver's load slot takes); 1 for NULL.  TRUE and FALSE are 1 and 0.
 * A quoted literal is make_literal's: '' for a quote and, with
 * backslash (MySQL), \\ for a backslash.
 */
static int
make_unliteral(const char *lit, int backslash, struct buf *out)
{
	const char	*special = backslash ? "'\\" : "'";
	const char	*s;
	size_t		 n;

	if ((*lit == 'N' || *lit == 'n') && strcasecmp(lit, "NULL") == 0)
		return 1;
	if (*lit == 'T' || *lit == 'F') {
		if (strcmp(lit, "TRUE") == 0 || strcmp(lit, "FALSE") == 0) {
			buf_addc(out, lit[0] == 'T' ? '1' : '0');
			return 0;
		}
	}
	if (*lit != '\'') {
		buf_adds(out, lit);
		return 0;
	}
	/* Up to the closing quote, the last character. */
	for (s = lit + 1;; s += 2) {
		n = strcspn(s, special);
		buf_add(out, s, n);
		s += n;
		if (*s == '\0' || s[1] == '\0')
			break;
		buf_addc(out, *s);	/* the first of a doubled pair */
	}
	return 0;
}

/* 1 if an override is a constant the load path can take as text. */
static int
make_constant(const char *expr)
{
	struct lex_token	 t;
	const char		*p = expr;

	if (*p == '-')
		p++;
	p = sqlscan_next(p, &t);
	if ((t.kind == LEX_STRING && *t.start == '\'') || lex_is(&t, "null") ||
	    (t.kind == LEX_WORD && strspn(t.start, "0123456789") == t.len)) {
		sqlscan_next(p, &t);
		return t.kind == LEX_END;
	}
	return 0;
}

/*
 * 1 if the rows can go through the driver's load slot (COPY on
 * PostgreSQL, prepared INSERTs elsewhere), as "-- load:" does: each
 * column written is a plain lower-case name and each override a
 * constant.
 */
static int
make_can_load(struct make_run *mr, struct make_plan *pl)
{
	const char	*s;
	size_t		 i;
	int		 n = 0;

	if (mr->r->drv->load == NULL)
		return 0;
	for (i = 0; i < pl->t->ncols; i++) {
		if (!pl->use[i])
			continue;
		n++;
		if (!str_is_identifier(pl->t->cols[i].name))
			return 0;
		for (s = pl->t->cols[i].name; *s != '\0'; s++) {
			if (*s >= 'A' && *s <= 'Z')
				return 0;
		}
		if (pl->t->cols[i].override != NULL &&
		    (!make_constant(pl->t->cols[i].override) || (mr->mysql &&
		    strchr(pl->t->cols[i].override, '\\') != NULL)))
			return 0;	/* MySQL reads escapes in strings */
	}
	return n > 0;
}

/* One chunk of rows from first into csv, as text (see make_unliteral). */
static void
make_chunk(struct make_run *mr, struct make_plan *pl, long first, long n,
    struct csv *csv, struct buf *store)
{
	struct buf	 lit;
	size_t		*offs, k = 0, ci;
	long		 i;

	offs = xcalloc((size_t)n * (size_t)csv->ncols + 1, sizeof *offs);
	buf_init(&lit);
	buf_reset(store);
	for (i = first; i < first + n; i++) {
		for (ci = 0; ci < pl->t->ncols; ci++) {
			if (!pl->use[ci])
				continue;
			buf_reset(&lit);
			make_cell(mr, pl, ci, i, pl->before + i, &lit);
			if (make_unliteral(lit.data, mr->mysql, store))
				offs[k++] = (size_t)-1;
			else {
				buf_addc(store, '\0');
				offs[k++] = store->len;
			}
		}
	}
	/* Offsets are of each value's end: make them starts. */
	csv->nrows = (size_t)n;
	for (k = 0, ci = 0; k < (size_t)n * (size_t)csv->ncols; k++) {
		if (offs[k] == (size_t)-1) {
			csv->cells[k] = NULL;
			continue;
		}
		csv->cells[k] = store->data + ci;
		ci = offs[k];
	}
	buf_free(&lit);
	free(offs);
}

/* 1 if v is written as a number: -?[0-9]+(.[0-9]+)? */
static int
make_is_number(const char *v)
{
	size_t	n;

	v += *v == '-';
	n = strspn(v, "0123456789");
	if (n > 0 && v[n] == '.')
		v += n + 1, n = strspn(v, "0123456789");
	return n > 0 && v[n] == '\0';
}

/* Row i of csv as "(a, b) = ('x', NULL)", for messages. */
static void
make_csv_row(const struct csv *csv, size_t i, struct buf *out)
{
	const char	*v;
	int		 k;

	buf_reset(out);
	buf_addc(out, '(');
	for (k = 0; k < csv->ncols; k++)
		buf_printf(out, "%s%s", k > 0 ? ", " : "", csv->header[k]);
	buf_adds(out, ") = (");
	for (k = 0; k < csv->ncols; k++) {
		v = csv->cells[i * (size_t)csv->ncols + (size_t)k];
		if (k > 0)
			buf_adds(out, ", ");
		if (v == NULL)
			buf_adds(out, "NULL");
		else if (make_is_number(v))
			buf_adds(out, v);
		else
			make_literal(out, v, 0);
	}
	buf_addc(out, ')');
}

/*
 * One chunk of rows being made for the load path, by a thread of its own
 * while the previous chunk is loaded (the engine inserts one chunk while
 * the next is generated).  Only the generator touches the plan's person
 * cache; the loading thread reads its own chunk.
 */
struct make_gen {
	struct make_run		*mr;
	struct make_plan	*pl;
	long			 first, n;
	struct csv		 csv;		/* cells point into store */
	struct buf		 store;
	pthread_t		 thread;
	int			 running;
};

static void *
make_gen_main(void *arg)
{
	struct make_gen	*g = arg;

	make_chunk(g->mr, g->pl, g->first, g->n, &g->csv, &g->store);
	return NULL;
}

/* Make rows [first, first + n) of g: in a thread, or here if none starts. */
static void
make_gen_start(struct make_gen *g, long first, long n, int threaded)
{
	g->first = first;
	g->n = n;
	g->running = threaded &&
	    pthread_create(&g->thread, NULL, make_gen_main, g) == 0;
	if (!g->running)
		make_gen_main(g);
}

static void
make_gen_wait(struct make_gen *g)
{
	if (g->running)
		pthread_join(g->thread, NULL);
	g->running = 0;
}

/* Load g's chunk through the driver's load slot.  0, or -1 (refused). */
static int
make_load_chunk(struct make_run *mr, struct make_plan *pl,
    struct make_gen *g, const char *ident)
{
	struct dberror	 err;
	struct buf	 row;
	char		*what;
	size_t		 bad = (size_t)-1;
	double		 start = clock_now();
	int		 rc;

	dberror_init(&err);
	watch_arm(mr->r->conn->watch);
	rc = mr->r->drv->load(mr->r->conn, ident, &g->csv, &bad, &err);
	if (watch_disarm(mr->r->conn->watch) && rc != 0)
		err.timed_out = 1;
	what = xprintf("-- make: %s (%ld rows)", pl->t->name, g->n);
	querylog_write(mr->rec->path, mr->rec->line, what,
	    clock_now() - start, rc == 0 ? "ok" : err.timed_out ?
	    "timeout" : "error");
	free(what);
	if (rc != 0) {
		if (err.lost)
			run_lost(mr->r, &err);
		buf_init(&row);
		make_csv_row(&g->csv, bad < g->csv.nrows ? bad : 0, &row);
		make_refused(mr, pl, &err, row.data);
		buf_free(&row);
	}
	dberror_clear(&err);
	return rc;
}

/*
 * The load path: chunks of MAKE_LOAD_ROWS rows through the load slot,
 * the next chunk made while the current one loads.
 */
static int
make_load(struct make_run *mr, struct make_plan *pl)
{
	struct make_gen	 gen[2], *cur, *next;
	struct buf	 row, ident;
	char		**header = NULL;
	size_t		 ci, k = 0;
	long		 i, n;
	int		 rc = 0, g;

	for (ci = 0; ci < pl->t->ncols; ci++) {
		if (pl->use[ci])
			str_list_add(&header, &k, pl->t->cols[ci].name);
	}
	memset(gen, 0, sizeof gen);
	for (g = 0; g < 2; g++) {
		gen[g].mr = mr;
		gen[g].pl = pl;
		gen[g].csv.path = pl->t->name;
		gen[g].csv.header = header;
		gen[g].csv.ncols = (int)k;
		gen[g].csv.cells = xcalloc((size_t)MAKE_LOAD_ROWS * k + 1,
		    sizeof *gen[g].csv.cells);
		buf_init(&gen[g].store);
	}
	buf_init(&ident);
	make_table_ident(mr, &ident, pl->t->name);
	n = pl->count < MAKE_LOAD_ROWS ? pl->count : MAKE_LOAD_ROWS;
	make_gen_start(&gen[0], 0, n, 0);
	if (n > 0) {
		buf_init(&row);
		make_csv_row(&gen[0].csv, 0, &row);
		buf_adds(&pl->row0, row.data);
		buf_free(&row);
	}
	for (i = 0, g = 0; i < pl->count && rc == 0; i += n, g ^= 1) {
		cur = &gen[g];
		next = &gen[g ^ 1];
		n = cur->n;
		if (i + n < pl->count)
			make_gen_start(next, i + n, pl->count - i - n <
			    MAKE_LOAD_ROWS ? pl->count - i - n :
			    MAKE_LOAD_ROWS, 1);
		rc = make_load_chunk(mr, pl, cur, ident.data);
		make_gen_wait(next);
	}
	str_list_free(header, k);
	for (g = 0; g < 2; g++) {
		free(gen[g].csv.cells);
		buf_free(&gen[g].store);
	}
	buf_free(&ident);
	return rc;
}

/* Insert the plan's rows, MAKE_BATCH a statement. */
static int
make_insert(struct make_run *mr, struct make_plan *pl)
{
	struct make_table	*t = pl->t;
	struct result		 res;
	struct send_at		 at;
	struct dberror		 err;
	struct buf		 sql, first;
	char			*what;
	size_t			 head, ci, nuse = 0;
	long			 i, end;
	int			 rc = 0;

	if (make_can_load(mr, pl))
		return make_load(mr, pl);
	for (ci = 0; ci < t->ncols; ci++)
		nuse += pl->use[ci] != 0;
	memset(&at, 0, sizeof at);
	at.path = mr->rec->path;
	at.line = mr->rec->line;
	buf_init(&sql);
	buf_init(&first);
	for (i = 0; i < pl->count && rc == 0; i = end) {
		end = i + MAKE_BATCH < pl->count ? i + MAKE_BATCH : pl->count;
		buf_reset(&first);
		if (nuse == 0 && !mr->mysql)
			end = i + 1;
		buf_reset(&sql);
		if (nuse == 0 && !mr->mysql) {
			buf_adds(&sql, "INSERT INTO ");
			make_table_ident(mr, &sql, t->name);
			buf_adds(&sql, " DEFAULT VALUES");
		} else
			make_insert_head(mr, pl, &sql);
		for (; i < end && nuse > 0; i++) {
			buf_adds(&sql, "(");
			head = sql.len;
			for (ci = 0; ci < t->ncols; ci++) {
				if (!pl->use[ci])
					continue;
				if (sql.len > head)
					buf_adds(&sql, ", ");
				make_cell(mr, pl, ci, i, pl->before + i, &sql);
			}
			if (first.len == 0)
				make_first_row(mr, pl, &sql, head, &first);
			if (pl->row0.len == 0)
				buf_adds(&pl->row0, first.data);
			buf_adds(&sql, i + 1 < end ? "), " : ")");
		}
		for (head = sql.len; i < end && nuse == 0; i++)
			buf_adds(&sql, sql.len == head ? "()" : ", ()");
		what = xprintf("-- make: %s (%ld rows)", t->name, pl->count);
		at.logged = what;
		result_init(&res);
		dberror_init(&err);
		rc = send_stmt(mr->r->conn, &at, sql.data, NULL, &res, &err);
		if (rc != 0) {
			if (err.lost)
				run_lost(mr->r, &err);
			make_refused(mr, pl, &err, first.data != NULL ?
			    first.data : "()");
		}
		free(what);
		result_clear(&res);
		dberror_clear(&err);
	}
	buf_free(&sql);
	buf_free(&first);
	return rc;
}

/* Which columns the INSERT writes, and the overrides in place. */
static int
make_columns(struct make_run *mr, struct make_plan *pl)
{
	struct make_table	*t = pl->t;
	struct make_column	*c;
	struct buf		 names;
	size_t			 i, j;

	for (i = 0; i < t->ncols; i++) {
		c = &t->cols[i];
		c->override = make_override_of(pl->spec, c);
		pl->use[i] = c->override != NULL || !c->engine_fills;
		if (c->fk >= 0 && c->override != NULL)
			t->fks[c->fk].skip = 1;
	}
	for (i = 0; pl->spec != NULL && i < pl->spec->ncols; i++) {
		for (j = 0; j < t->ncols; j++) {
			if (strcasecmp(pl->spec->cols[i], t->cols[j].name) == 0)
				break;
		}
		if (j == t->ncols)
			break;
	}
	if (pl->spec == NULL || i == pl->spec->ncols)
		return 0;
	buf_init(&names);
	for (j = 0; j < t->ncols; j++)
		buf_printf(&names, "%s%s", j > 0 ? ", " : "", t->cols[j].name);
	make_fail(mr, xprintf("-- make: table %s has no column %s (its "
	    "columns: %s)", t->name, pl->spec->cols[i], names.data));
	buf_free(&names);
	return -1;
}

static void
make_plan_reset(struct make_table *t)
{
	size_t	i;

	for (i = 0; i < t->ncols; i++)
		t->cols[i].override = NULL;
	for (i = 0; i < t->nfks; i++) {
		t->fks[i].in_key = 0;
		t->fks[i].null = 0;
		t->fks[i].skip = 0;
	}
}

/*
 * Make count rows of table t (spec: the make line's overrides, or NULL
 * for a parent), its parents first.  0, or -1 with the failure set.
 */
static int
make_rows(struct make_run *mr, struct make_table *t, long count,
    const struct make_spec *spec)
{
	struct make_plan	 pl;
	size_t			 i;
	int			 rc = -1;

	memset(&pl, 0, sizeof pl);
	pl.t = t;
	pl.spec = spec;
	pl.count = count;
	pl.next = xcalloc(t->ncols + 1, sizeof *pl.next);
	pl.use = xcalloc(t->ncols + 1, sizeof *pl.use);
	pl.person_row = -1;
	buf_init(&pl.row0);
	t->made = 1;
	mr->stack = xreallocarray(mr->stack, mr->depth + 1,
	    sizeof *mr->stack);
	mr->stack[mr->depth++] = t;
	make_plan_reset(t);
	if (make_columns(mr, &pl) != 0 || make_sequences(mr, &pl) != 0)
		goto out;
	make_mark_keys(&pl);
	for (i = 0; i < t->nfks; i++) {
		if (!t->fks[i].skip && make_fk_parents(mr, &pl,
		    &t->fks[i]) != 0)
			goto out;
	}
	/* Making parents may have made rows of t (a cycle): count again. */
	if (make_sequences(mr, &pl) != 0 || make_insert(mr, &pl) != 0)
		goto out;
	buf_printf(&mr->made, "  %s:%d: %s: %ld row%s, the first %s\n",
	    mr->rec->path, mr->rec->line, t->name, count, count == 1 ? "" :
	    "s", pl.row0.data != NULL ? pl.row0.data : "()");
	rc = 0;
out:
	mr->depth--;
	t->made = 0;
	free(pl.next);
	free(pl.use);
	buf_free(&pl.row0);
	return rc;
}

/* The tables of the catalog, for the message about a missing one. */
static char *
make_table_names(const struct make_schema *ms)
{
	struct buf	b;
	size_t		i;

	buf_init(&b);
	for (i = 0; i < ms->ntables; i++)
		buf_printf(&b, "%s%s", i > 0 ? ", " : "", ms->tables[i].name);
	if (b.len == 0)
		buf_adds(&b, "none");
	return buf_detach(&b);
}

/*
 * Run a "-- make:" record.  0, or -1: the file fails at the make line
 * with the reason.
 */
int
run_make(struct run *r, const struct record *rec)
{
	struct make_run		 mr;
	struct make_table	*t;
	double			 start = clock_now();
	char			*names;
	int			 rc = -1;

	memset(&mr, 0, sizeof mr);
	mr.r = r;
	mr.rec = rec;
	mr.mysql = strcmp(r->drv->name, "mysql") == 0;
	buf_init(&mr.made);
	if (make_schema_read(r->conn, &mr.schema, &mr.cause) != 0)
		goto out;
	t = make_table_find(&mr.schema, rec->make->table);
	if (t == NULL) {
		names = make_table_names(&mr.schema);
		make_fail(&mr, xprintf("-- make: no table %s here (tables: "
		    "%s); create it before this line, in a \"-- setup\" block "
		    "or the schema", rec->make->table, names));
		free(names);
		goto out;
	}
	rc = make_rows(&mr, t, rec->make->count, rec->make);
	if (rc == 0 && run_txn_escaped(r))
		rc = make_fail(&mr, xstrdup("-- make: the rows ended the "
		    "file's transaction"));
	if (rc == 0) {
		log_debug("%s:%d: -- make: %s %ld in %.3f s", rec->path,
		    rec->line, rec->make->table, rec->make->count,
		    clock_now() - start);
		buf_adds(&r->made, mr.made.data);
	}
out:
	if (rc != 0 && !r->broken)
		run_setup_error(r, rec, mr.cause != NULL ? mr.cause :
		    xstrdup("-- make: failed"));
	else
		free(mr.cause);
	make_schema_free(&mr.schema);
	free(mr.stack);
	buf_free(&mr.made);
	return rc;
}
