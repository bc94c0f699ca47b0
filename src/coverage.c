/*
 * coverage.c: constraint coverage (--coverage), the model of hits and
 * tables and its merging (the constraints themselves are constraint.c's).  While a file runs, each error-expecting test that passed
 * leaves a hit: its FILE:LINE and what the engine said the error violated
 * (coverage_hit).  Before the file's isolation is closed, the runner reads
 * the constraints of the tables that exist at that point through the
 * driver and hands them over (coverage_file_end): the hits are resolved
 * against them, and both are merged into the run's model under a mutex,
 * since files run on several threads.  A table is kept once per distinct
 * definition: the same name with the same set of constraints is the same
 * definition, whichever files created it.  The model is read by
 * coverage-report.c once the files have run; nothing here prints.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sqlcheck.h"

/* A hit of a running file, before it is resolved. */
struct pending_hit {
	char	 *where;	/* "FILE:LINE" */
	char	 *what;		/* the condition, or the SQLSTATE */
	int	  kinds;	/* KIND_BIT of each kind it may be */
	char	 *table;
	char	 *constraint;
	char	**columns;
	size_t	  ncolumns;
	int	  attr;		/* DBERROR_* */
};

struct coverage_file {
	char			*path;
	struct pending_hit	*hits;
	size_t			 nhits;
};

/* Constraints a hit resolved to, indexes into the file's sorted list. */
struct resolved {
	size_t		*idx;
	size_t		 n;
	int		 inexact;
	const char	*why;	/* no constraint found: the reason */
};

#define KIND_BIT(k)	(1 << (k))
#define KIND_ALL	((1 << CONSTRAINT_NKINDS) - 1)

static struct coverage	 cov;
static pthread_mutex_t	 cov_mu = PTHREAD_MUTEX_INITIALIZER;

/*
 * Compare two names of the schema as the engine of the run does: without
 * case where it folds every name (SQLite), else exactly (PostgreSQL folds
 * unquoted names itself, and its catalog gives them folded; a quoted
 * name keeps its case there, as MySQL's table names do on Linux).
 */
int
coverage_name_cmp(const char *a, const char *b)
{
	return cov.nocase ? strcasecmp(a, b) : strcmp(a, b);
}

static int
null_strcmp(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != NULL) - (b != NULL);
	return coverage_name_cmp(a, b);
}

/* Order of constraints: table, kind, name, columns, referenced table. */
static int
constraint_cmp(const void *va, const void *vb)
{
	const struct constraint	*a = va, *b = vb;
	size_t			 i;
	int			 d;

	if ((d = coverage_name_cmp(a->table, b->table)) != 0)
		return d;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	if ((d = coverage_name_cmp(a->name, b->name)) != 0)
		return d;
	for (i = 0; i < a->ncolumns && i < b->ncolumns; i++) {
		if ((d = cov.columns_nocase ? strcasecmp(a->columns[i],
		    b->columns[i]) : strcmp(a->columns[i], b->columns[i])) != 0)
			return d;
	}
	if (a->ncolumns != b->ncolumns)
		return a->ncolumns < b->ncolumns ? -1 : 1;
	return null_strcmp(a->ref_table, b->ref_table);
}

/* Order of "FILE:LINE": by file, then by line as a number. */
static int
where_cmp(const char *a, const char *b)
{
	const char	*ca = strrchr(a, ':'), *cb = strrchr(b, ':');
	size_t		 la, lb;
	int		 d;

	if (ca == NULL || cb == NULL)
		return strcmp(a, b);
	la = (size_t)(ca - a);
	lb = (size_t)(cb - b);
	if ((d = strncmp(a, b, la < lb ? la : lb)) != 0)
		return d;
	if (la != lb)
		return la < lb ? -1 : 1;
	return atoi(ca + 1) - atoi(cb + 1);
}

static int
hit_cmp(const void *a, const void *b)
{
	return where_cmp(((const struct cov_hit *)a)->where,
	    ((const struct cov_hit *)b)->where);
}

static int
note_cmp(const void *a, const void *b)
{
	return where_cmp(((const struct cov_note *)a)->where,
	    ((const struct cov_note *)b)->where);
}

static int
string_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Tables by name, then definitions by the first file they were in. */
static int
table_cmp(const void *va, const void *vb)
{
	const struct cov_table	*a = va, *b = vb;
	int			 d;

	if ((d = strcmp(a->name, b->name)) != 0)
		return d;
	return strcmp(a->files[0], b->files[0]);
}

/*
 * The model, sorted for the reports (whatever order the files ran in):
 * to read once every file has run.
 */
const struct coverage *
coverage_get(void)
{
	struct cov_table	*t;
	size_t			 i, j;

	pthread_mutex_lock(&cov_mu);
	for (i = 0; i < cov.ntables; i++) {
		t = &cov.tables[i];
		sort_array(t->files, t->nfiles, sizeof *t->files, string_cmp);
		for (j = 0; j < t->nitems; j++)
			sort_array(t->items[j].hits, t->items[j].nhits,
			    sizeof *t->items[j].hits, hit_cmp);
	}
	sort_array(cov.tables, cov.ntables, sizeof *cov.tables, table_cmp);
	sort_array(cov.notes, cov.nnotes, sizeof *cov.notes, note_cmp);
	sort_array(cov.failures, cov.nfailures, sizeof *cov.failures,
	    string_cmp);
	pthread_mutex_unlock(&cov_mu);
	return &cov;
}

/*
 * Turn collection on for a run on engine (the report header names it);
 * nocase: the engine's names compare without case (SQLite), so that
 * "Album" in one file and "album" in another are one table;
 * columns_nocase: its column names do (SQLite, MySQL).
 */
void
coverage_start(const char *engine, int nocase, int columns_nocase)
{
	free(cov.engine);
	cov.engine = xstrdup(engine);
	cov.nocase = nocase;
	cov.columns_nocase = columns_nocase;
	cov.enabled = 1;
}

/* A new collector for one file's run; NULL when coverage is off. */
struct coverage_file *
coverage_file_new(const char *path)
{
	struct coverage_file	*cf;

	if (!cov.enabled)
		return NULL;
	cf = xcalloc(1, sizeof *cf);
	cf->path = xstrdup(path);
	return cf;
}

/* The kinds of constraint an error may have violated (0: none). */
static int
error_kinds(const struct dberror *err)
{
	static const struct {
		const char	*condition;
		int		 kinds;
	} map[] = {
		{ "unique_violation", KIND_BIT(CONSTRAINT_PRIMARY_KEY) |
		    KIND_BIT(CONSTRAINT_UNIQUE) },
		{ "foreign_key_violation", KIND_BIT(CONSTRAINT_FOREIGN_KEY) },
		{ "check_violation", KIND_BIT(CONSTRAINT_CHECK) },
		{ "not_null_violation", KIND_BIT(CONSTRAINT_NOT_NULL) },
		{ NULL, 0 }
	};
	size_t	i;

	for (i = 0; err->condition != NULL && map[i].condition != NULL; i++) {
		if (strcmp(err->condition, map[i].condition) == 0)
			return map[i].kinds;
	}
	if (strcmp(err->sqlstate, "23P01") == 0)
		return KIND_BIT(CONSTRAINT_EXCLUSION);
	if (strncmp(err->sqlstate, "23", 2) == 0 || err->constraint != NULL)
		return KIND_ALL;
	return 0;
}

/*
 * Record that the test at path:line expected an error and got err.  Not
 * a constraint violation: nothing is recorded.  cf may be NULL.
 */
void
coverage_hit(struct coverage_file *cf, const char *path, int line,
    const struct dberror *err)
{
	struct pending_hit	*h;
	size_t			 i;
	int			 kinds;

	if (cf == NULL || (kinds = error_kinds(err)) == 0)
		return;
	cf->hits = xreallocarray(cf->hits, cf->nhits + 1, sizeof *cf->hits);
	h = &cf->hits[cf->nhits++];
	memset(h, 0, sizeof *h);
	h->where = xprintf("%s:%d", path, line);
	h->what = xstrdup(err->condition != NULL ? err->condition :
	    err->sqlstate[0] != '\0' ? err->sqlstate : err->native);
	h->kinds = kinds;
	h->table = err->table != NULL ? xstrdup(err->table) : NULL;
	h->constraint = err->constraint != NULL ? xstrdup(err->constraint) :
	    NULL;
	for (i = 0; i < err->ncolumns; i++)
		str_list_add(&h->columns, &h->ncolumns, err->columns[i]);
	h->attr = err->attr;
}

/* 1 if a constraint is on exactly the columns of the hit (any order). */
static int
same_columns(const struct constraint *c, const struct pending_hit *h)
{
	size_t	i;

	if (c->ncolumns != h->ncolumns)
		return 0;
	for (i = 0; i < h->ncolumns; i++) {
		if (!str_list_has(c->columns, c->ncolumns, h->columns[i]))
			return 0;
	}
	return 1;
}

/* 1 if constraint c is one the engine's words in h can mean. */
static int
hit_names(const struct pending_hit *h, const struct constraint *c)
{
	if (!(h->kinds & KIND_BIT(c->kind)))
		return 0;
	if (h->constraint != NULL)
		return strcasecmp(c->name, h->constraint) == 0 ||
		    (c->kind == CONSTRAINT_CHECK && c->expr != NULL &&
		    sql_same_text(c->expr, h->constraint));
	if (h->ncolumns > 0)
		return same_columns(c, h);
	return 0;
}

/* 1 if the lists share a name (ignoring case), or b is empty. */
static int
lists_meet(char *const *a, size_t na, char *const *b, size_t nb)
{
	size_t	i;

	for (i = 0; i < na; i++) {
		if (str_list_has(b, nb, a[i]))
			return 1;
	}
	return nb == 0;
}

/*
 * 1 if foreign key c is one the statement of h can have violated: one
 * of the table it writes (child side) or one onto that table (parent
 * side), narrowed, where the statement names the columns it writes, to
 * the keys on those columns.
 */
static int
hit_fk_side(const struct pending_hit *h, const struct constraint *c)
{
	size_t	n = (h->attr & DBERROR_STMT_COLUMNS) ? h->ncolumns : 0;

	if (c->kind != CONSTRAINT_FOREIGN_KEY || h->table == NULL)
		return 0;
	if ((h->attr & DBERROR_FK_CHILD) &&
	    strcasecmp(c->table, h->table) == 0 &&
	    lists_meet(c->columns, c->ncolumns, h->columns, n))
		return 1;
	return (h->attr & DBERROR_FK_PARENT) && c->ref_table != NULL &&
	    strcasecmp(c->ref_table, h->table) == 0 &&
	    (c->nref_columns == 0 ||
	    lists_meet(c->ref_columns, c->nref_columns, h->columns, n));
}

/*
 * Collect into r the constraints of l that h names, in table (NULL: any
 * table); with fk, the foreign keys its statement touches instead.
 */
static void
candidates(const struct constraint_list *l, const struct pending_hit *h,
    const char *table, int fk, struct resolved *r)
{
	size_t	i;
	int	match;

	r->n = 0;
	for (i = 0; i < l->n; i++) {
		if (fk)
			match = hit_fk_side(h, &l->items[i]);
		else
			match = (table == NULL || strcasecmp(table,
			    l->items[i].table) == 0) &&
			    hit_names(h, &l->items[i]);
		if (match)
			r->idx[r->n++] = i;
	}
}

/*
 * Resolve a hit against the file's constraints.  Exact: the engine named
 * the table and the constraint (or its columns), or named a constraint
 * that only one table has.  Inexact: the table had to be read from the
 * statement, or several constraints fit.  r->idx must hold l->n entries.
 */
static void
resolve(const struct constraint_list *l, const struct pending_hit *h,
    struct resolved *r)
{
	int	guessed = (h->attr & DBERROR_TABLE_GUESSED) != 0;

	r->inexact = 0;
	r->why = NULL;
	if (h->constraint == NULL && (h->ncolumns == 0 ||
	    (h->attr & DBERROR_STMT_COLUMNS))) {
		r->inexact = 1;
		if (h->attr & (DBERROR_FK_CHILD | DBERROR_FK_PARENT))
			candidates(l, h, NULL, 1, r);
		else
			r->n = 0;
		if (r->n == 0)
			r->why = h->table == NULL ? "the engine named no "
			    "constraint" : "no foreign key fits the statement";
		return;
	}
	candidates(l, h, guessed ? NULL : h->table, 0, r);
	if (r->n == 1)
		return;
	if (guessed && h->table != NULL)
		candidates(l, h, h->table, 0, r);
	r->inexact = 1;
	if (r->n == 0)
		r->why = "no constraint of the schema fits what the engine "
		    "named";
}

/* Free what a file's collector holds, and the collector. */
static void
coverage_file_free(struct coverage_file *cf)
{
	size_t	i;

	for (i = 0; i < cf->nhits; i++) {
		free(cf->hits[i].where);
		free(cf->hits[i].what);
		free(cf->hits[i].table);
		free(cf->hits[i].constraint);
		str_list_free(cf->hits[i].columns, cf->hits[i].ncolumns);
	}
	free(cf->hits);
	free(cf->path);
	free(cf);
}

/* A note: a hit sqlcheck could not attribute, and why (cov_mu held). */
static void
add_note(const struct pending_hit *h, const char *why)
{
	cov.notes = xreallocarray(cov.notes, cov.nnotes + 1,
	    sizeof *cov.notes);
	cov.notes[cov.nnotes].where = xstrdup(h->where);
	cov.notes[cov.nnotes].why = xprintf("%s: %s", h->what, why);
	cov.nnotes++;
}

/* 1 if table t holds exactly the constraints l->items[b, e). */
static int
same_definition(const struct cov_table *t, const struct constraint_list *l,
    size_t b, size_t e)
{
	size_t	i;

	if (coverage_name_cmp(t->name, l->items[b].table) != 0 ||
	    t->nitems != e - b)
		return 0;
	for (i = b; i < e; i++) {
		if (constraint_cmp(&t->items[i - b].c, &l->items[i]) != 0)
			return 0;
	}
	return 1;
}

/*
 * The index in the model of the definition of the table whose
 * constraints are l->items[b, e), added if it is new, with path among
 * its files (cov_mu held).
 */
static size_t
definition(const struct constraint_list *l, size_t b, size_t e,
    const char *path)
{
	struct cov_table	*t;
	size_t			 i;

	for (i = 0; i < cov.ntables; i++) {
		if (same_definition(&cov.tables[i], l, b, e))
			break;
	}
	if (i == cov.ntables) {
		cov.tables = xreallocarray(cov.tables, cov.ntables + 1,
		    sizeof *cov.tables);
		t = &cov.tables[cov.ntables++];
		memset(t, 0, sizeof *t);
		t->name = xstrdup(l->items[b].table);
		t->items = xcalloc(e - b, sizeof *t->items);
		t->nitems = e - b;
		for (i = b; i < e; i++)
			constraint_copy(&t->items[i - b].c, &l->items[i]);
		i = cov.ntables - 1;
	}
	t = &cov.tables[i];
	if (!str_list_has(t->files, t->nfiles, path))
		str_list_add(&t->files, &t->nfiles, path);
	return i;
}

/* Add a hit to a constraint of the model, once per FILE:LINE. */
static void
item_add_hit(struct cov_item *it, const char *where, int inexact)
{
	size_t	i;

	for (i = 0; i < it->nhits; i++) {
		if (strcmp(it->hits[i].where, where) == 0) {
			if (!inexact)
				it->hits[i].inexact = 0;
			return;
		}
	}
	it->hits = xreallocarray(it->hits, it->nhits + 1, sizeof *it->hits);
	it->hits[it->nhits].where = xstrdup(where);
	it->hits[it->nhits].inexact = inexact;
	it->nhits++;
}

/*
 * Merge a file's tables and resolved hits into the model (cov_mu held).
 * l is sorted, so each table's constraints are together; res[i] is the
 * resolution of the file's hit i.
 */
static void
merge(struct coverage_file *cf, const struct constraint_list *l,
    const struct resolved *res)
{
	size_t	*def, *first, b, e, i, j, k;

	def = xcalloc(l->n + 1, sizeof *def);
	first = xcalloc(l->n + 1, sizeof *first);
	for (b = 0; b < l->n; b = e) {
		for (e = b + 1; e < l->n && coverage_name_cmp(
		    l->items[e].table, l->items[b].table) == 0; e++)
			;
		def[b] = definition(l, b, e, cf->path);
		for (i = b; i < e; i++) {
			def[i] = def[b];
			first[i] = b;
		}
	}
	for (i = 0; i < cf->nhits; i++) {
		for (j = 0; j < res[i].n; j++) {
			k = res[i].idx[j];
			item_add_hit(&cov.tables[def[k]].items[k - first[k]],
			    cf->hits[i].where, res[i].inexact);
		}
	}
	free(def);
	free(first);
}

/*
 * The end of a file's run: l holds the constraints the driver read (it is
 * sorted here and left to the caller to free), or is NULL when they could
 * not be read, with cause saying why.  Resolves the file's hits, merges
 * everything into the model and frees cf (NULL is a no-op).
 */
void
coverage_file_end(struct coverage_file *cf, struct constraint_list *l,
    const char *cause)
{
	struct resolved	*res;
	char		*why;
	size_t		 i;

	if (cf == NULL)
		return;
	if (l == NULL) {
		why = xprintf("the schema of %s could not be read: %s",
		    cf->path, cause != NULL ? cause : "unknown error");
		pthread_mutex_lock(&cov_mu);
		str_list_add(&cov.failures, &cov.nfailures, why);
		for (i = 0; i < cf->nhits; i++)
			add_note(&cf->hits[i], "the schema could not be read");
		pthread_mutex_unlock(&cov_mu);
		free(why);
		coverage_file_free(cf);
		return;
	}
	sort_array(l->items, l->n, sizeof *l->items, constraint_cmp);
	res = xcalloc(cf->nhits + 1, sizeof *res);
	for (i = 0; i < cf->nhits; i++) {
		res[i].idx = xcalloc(l->n + 1, sizeof *res[i].idx);
		resolve(l, &cf->hits[i], &res[i]);
	}
	pthread_mutex_lock(&cov_mu);
	merge(cf, l, res);
	for (i = 0; i < cf->nhits; i++) {
		if (res[i].n == 0)
			add_note(&cf->hits[i], res[i].why);
	}
	pthread_mutex_unlock(&cov_mu);
	for (i = 0; i < cf->nhits; i++)
		free(res[i].idx);
	free(res);
	coverage_file_free(cf);
}

/* Free the whole model. */
void
coverage_free(void)
{
	size_t	i, j, k;

	for (i = 0; i < cov.ntables; i++) {
		for (j = 0; j < cov.tables[i].nitems; j++) {
			constraint_free(&cov.tables[i].items[j].c);
			for (k = 0; k < cov.tables[i].items[j].nhits; k++)
				free(cov.tables[i].items[j].hits[k].where);
			free(cov.tables[i].items[j].hits);
		}
		free(cov.tables[i].items);
		free(cov.tables[i].name);
		str_list_free(cov.tables[i].files, cov.tables[i].nfiles);
	}
	for (i = 0; i < cov.nnotes; i++) {
		free(cov.notes[i].where);
		free(cov.notes[i].why);
	}
	free(cov.notes);
	free(cov.tables);
	str_list_free(cov.failures, cov.nfailures);
	free(cov.engine);
	memset(&cov, 0, sizeof cov);
}
